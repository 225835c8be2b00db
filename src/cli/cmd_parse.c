/*
 * awol parse: classify and extract saved court pages (files, directories,
 * stdin), print them as JSON Lines and/or import them into a database.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/page.h"
#include "awol/page_json.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"

#include <dirent.h>
#include <sys/stat.h>

#define PARSE_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct parse_run {
	bool json;
	bool human;
	awol_store *store;
	size_t pages, failed, cards, imported;
} parse_run;

static void report_page(parse_run *r, const awol_page *pg)
{
	if (r->json) {
		char *j = NULL;
		awol_error err = {0};
		if (awol_page_to_json(pg, &j, &err) == 0) {
			fputs(j, stdout);
			fputc('\n', stdout);
		} else
			fprintf(stderr, "awol parse: %s\n", err.msg);
		free(j);
	}
	if (r->human) {
		size_t i, nch = 0;
		for (i = 0; i < pg->npersons; i++)
			nch += pg->persons[i].ncharges;
		printf("%s: %s%s%s", pg->file, awol_page_kind_name(pg->kind), pg->tmpl ? " " : "",
		       pg->tmpl ? awol_page_template_name(pg->tmpl) : "");
		if (pg->has_case)
			printf(", case %s, %zu defendant(s), %zu charge(s), %zu event(s)",
			       pg->kase.number ? pg->kase.number : "?", pg->npersons, nch,
			       pg->nevents);
		if (pg->has_listing)
			printf(", %zu row(s) of %ld", pg->listing.nrows, pg->listing.total);
		printf("\n");
	}
}

/* One input: read, parse, print, import.  Failures are counted, never fatal. */
static void parse_one(parse_run *r, const char *path)
{
	awol_buf raw;
	awol_error err = {0};
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	int rc;

	awol_buf_init(&raw, PARSE_MAX_BYTES);
	r->pages++;
	po.source = path;
	po.max_bytes = PARSE_MAX_BYTES;
	/* into a database: the act texts a card embeds too (and their outcomes) */
	po.act_texts = r->store != NULL;
	rc = awol_file_read(path, &raw, &err);
	if (rc < 0) {
		fprintf(stderr, "awol parse: %s\n", err.msg);
		r->failed++;
		if (r->json) {
			/* still one line per input, so a consumer sees every file */
			awol_page fake;
			memset(&fake, 0, sizeof(fake));
			fake.file = (char *)(uintptr_t)path;
			fake.error = err.msg;
			fake.listing.total = -1;
			report_page(&(parse_run){true, false, NULL, 0, 0, 0, 0}, &fake);
		}
		goto done;
	}
	rc = awol_page_parse(raw.ptr, raw.len, &po, &pg, &err);
	if (rc < 0) {
		fprintf(stderr, "awol parse: %s: %s\n", path, err.msg);
		r->failed++;
		goto done;
	}
	report_page(r, pg);
	if (pg->kind == AWOL_PAGE_UNKNOWN || pg->error) {
		fprintf(stderr, "awol parse: %s: %s\n", path,
		        pg->error ? pg->error : "unrecognised page");
		if (pg->kind == AWOL_PAGE_UNKNOWN)
			r->failed++;
	}
	if (pg->kind == AWOL_PAGE_CARD)
		r->cards++;
	if (r->store) {
		awol_page_source src = {0};
		src.source = path;
		src.raw = (const unsigned char *)raw.ptr;
		src.raw_len = raw.len;
		if (awol_store_import_page(r->store, pg, &src, NULL, &err) < 0) {
			fprintf(stderr, "awol parse: %s: cannot import: %s\n", path, err.msg);
			r->failed++;
		} else
			r->imported++;
	}
done:
	awol_page_free(pg);
	awol_buf_dispose(&raw);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_html_name(const char *n)
{
	size_t l = strlen(n);
	return (l > 5 && strcasecmp(n + l - 5, ".html") == 0) ||
	       (l > 4 && strcasecmp(n + l - 4, ".htm") == 0);
}

static void parse_path(parse_run *r, const char *path, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (strcmp(path, "-") == 0) {
		parse_one(r, path);
		return;
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "awol parse: %s: %s\n", path, strerror(errno));
		r->failed++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		parse_one(r, path);
		return;
	}
	if (depth > 64) {
		fprintf(stderr, "awol parse: %s: directories nested too deep\n", path);
		r->failed++;
		return;
	}
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "awol parse: %s: %s\n", path, strerror(errno));
		r->failed++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **nn = realloc(names, nc * sizeof(*nn));
			if (!nn)
				break;
			names = nn;
			cap = nc;
		}
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (!names[n])
			break;
		snprintf(names[n], strlen(path) + strlen(e->d_name) + 2, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 1) /* same order on every machine (qsort of NULL is undefined, even for 0) */
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct stat cs;
		if (stat(names[i], &cs) == 0 && S_ISDIR(cs.st_mode))
			parse_path(r, names[i], depth + 1);
		else if (is_html_name(names[i]))
			parse_one(r, names[i]);
		free(names[i]);
	}
	free(names);
}

static int run(int argc, char **argv)
{
	int json = 0, keep = 0, npos = 0, i, rc;
	const char *db = NULL, *key = NULL;
	parse_run r;
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"json", 0, CLI_OPT_FLAG, NULL,
	     "print one JSON object per page (default when stdout is not a terminal and no "
	     "--db)",
	     &json, 1},
	    {"db", 0, CLI_OPT_STRING, "DB", "import the pages into this database (" CLI_DB_HELP ")",
	     &db, 0},
	    CLI_OPT_KEY(key),
	    {"keep-names", 0, CLI_OPT_FLAG, NULL,
	     "with --db, store raw names next to their pseudonyms and leave them in act texts",
	     &keep, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_parse, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos == 0)
		return cli_usage_error(&cli_cmd_parse, "no PATH given (a file, a directory or -)");
	if (keep && !db)
		return cli_usage_error(&cli_cmd_parse, "--keep-names needs --db");
	memset(&r, 0, sizeof(r));
	r.json = json || (!db && !cli_stdout_is_tty());
	r.human = !r.json && !db;
	if (db) {
		awol_store_opts so = {0};
		so.keep_names = keep != 0;
		so.key_path = key;
		if (awol_store_open(&r.store, db, &so, &err) < 0)
			return cli_report(&err);
		if (awol_store_warning(r.store))
			fprintf(stderr, "awol parse: warning: %s\n", awol_store_warning(r.store));
	}
	for (i = 1; i <= npos; i++) {
		struct stat sb;
		size_t before = r.pages;
		parse_path(&r, argv[i], 0);
		/* a directory with nothing to read is a mistake the user must hear of */
		if (r.pages == before && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "awol parse: %s: no .html or .htm page in this directory\n",
			        argv[i]);
			r.failed++;
		}
	}
	cli_refresh_counts(r.store, "parse");
	if (r.store) {
		fprintf(stderr, "awol parse: %zu page(s), %zu card(s), %zu imported into %s",
		        r.pages, r.cards, r.imported, awol_store_path(r.store));
		if (r.failed)
			fprintf(stderr, ", %zu failed", r.failed);
		fputc('\n', stderr);
	}
	awol_store_close(r.store);
	fflush(stdout);
	return r.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const cli_command cli_cmd_parse = {
    "parse",
    run,
    "classify and extract saved court pages",
    "[--json] [--db DB] [--keep-names] PATH...",
    "PATH is a file, a directory (walked recursively for *.html and *.htm) or - for\n"
    "standard input.  Pages may be windows-1251 or UTF-8.  Every page gets a kind:\n"
    "card, listing, act, empty, captcha, search_form, unavailable, blocked, chooser\n"
    "or unknown.  The JSON fields are described in docs/parse-json.md.\n"
    "Exit status 1 when any input could not be read or recognised (each is named on\n"
    "stderr); the other inputs are still processed.",
};
