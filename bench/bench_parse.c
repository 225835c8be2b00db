/*
 * Parser benchmark: load every page of a directory into memory, parse them
 * in a loop, print pages/s, MB/s and peak RSS after 1x and after Nx the
 * pages (memory must stay flat in the number of pages parsed).
 *
 * usage: bench_parse [DIR] [ROUNDS]
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/page.h"

#include <dirent.h>
#include <sys/resource.h>
#include <time.h>

typedef struct doc {
	char *name;
	awol_buf data;
} doc;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static size_t run(doc *docs, size_t n, long rounds, double *bytes)
{
	long r;
	size_t i, pages = 0;

	*bytes = 0;
	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++) {
			awol_page *pg = NULL;
			awol_parse_opts o = {0};
			o.source = docs[i].name;
			if (awol_page_parse(docs[i].data.ptr, docs[i].data.len, &o, &pg, NULL) == 0)
				awol_page_free(pg);
			pages++;
			*bytes += (double)docs[i].data.len;
		}
	return pages;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fixtures/sudrf";
	long rounds = argc > 2 ? strtol(argv[2], NULL, 10) : 20;
	DIR *d = opendir(dir);
	struct dirent *e;
	doc docs[256];
	size_t n = 0, i, pages;
	double t0, t1, bytes;
	long rss1;

	if (!d) {
		fprintf(stderr, "bench_parse: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < AWOL_ARRAY_SIZE(docs)) {
		char path[1024];
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 5, ".html") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		docs[n].name = strdup(path);
		awol_buf_init(&docs[n].data, 0);
		if (awol_file_read(path, &docs[n].data, NULL) == 0)
			n++;
	}
	closedir(d);
	if (rounds < 1 || n == 0) {
		fprintf(stderr, "bench_parse: nothing to parse\n");
		return 1;
	}
	run(docs, n, 1, &bytes); /* warm-up, and the 1x memory figure */
	rss1 = rss_kb();
	t0 = now();
	pages = run(docs, n, rounds, &bytes);
	t1 = now();
	printf("awol   : %zu pages (%zu files x %ld rounds), %.1f MB in %.2f s: %.0f pages/s, "
	       "%.1f MB/s; peak RSS %ld KB after 1x, %ld KB after %ldx\n",
	       pages, n, rounds, bytes / 1e6, t1 - t0, (double)pages / (t1 - t0),
	       bytes / 1e6 / (t1 - t0), rss1, rss_kb(), rounds + 1);
	for (i = 0; i < n; i++) {
		free(docs[i].name);
		awol_buf_dispose(&docs[i].data);
	}
	return 0;
}
