#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/archive.h"

#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#define MAX_RECORD ((size_t)256 * 1024 * 1024)

struct awol_archive {
	FILE *f;
	char *path, *via;
	ZSTD_CCtx *cctx;
	awol_buf rec, out;
};

int awol_archive_open(awol_archive **out, const char *dir, awol_error *err)
{
	awol_archive *a;
	char name[64];
	time_t t = time(NULL);
	struct tm tm;
	size_t l;
	int rc;

	*out = NULL;
	/* every page as served, names included: for its owner's eyes only */
	rc = awol_file_mkdirs(dir, 0700, err);
	if (rc < 0)
		return rc;
	a = calloc(1, sizeof(*a));
	if (!a)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	gmtime_r(&t, &tm);
	strftime(name, sizeof(name), "%Y%m%dT%H%M%SZ", &tm);
	l = strlen(dir) + 96;
	a->path = malloc(l);
	if (a->path)
		snprintf(a->path, l, "%s/%s-%06ld.awarc", dir, name, (long)getpid());
	a->cctx = ZSTD_createCCtx();
	awol_buf_init(&a->rec, MAX_RECORD);
	awol_buf_init(&a->out, MAX_RECORD);
	if (!a->path || !a->cctx) {
		awol_archive_close(a, NULL);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	{
		int fd = open(a->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		a->f = fd >= 0 ? fdopen(fd, "ab") : NULL;
		if (fd >= 0 && !a->f)
			close(fd);
	}
	if (!a->f) {
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", a->path, strerror(errno));
		awol_archive_close(a, NULL);
		return rc;
	}
	*out = a;
	return 0;
}

int awol_archive_put(awol_archive *a, const char *url, const char *tm, long status, const char *ct,
                     const char *body, size_t len, awol_error *err)
{
	json_t *h =
	    json_pack("{s:s,s:s,s:I,s:s,s:I}", "url", url, "time", tm ? tm : "", "status",
	              (json_int_t)status, "content_type", ct ? ct : "", "length", (json_int_t)len);
	char *line;
	size_t bound, n;
	int rc = 0;

	if (h && a->via)
		json_object_set_new(h, "via", json_string(a->via));
	line = h ? json_dumps(h, JSON_COMPACT) : NULL;
	json_decref(h);
	if (!line)
		return awol_error_set(err, AWOL_ENOMEM, "%s: out of memory", a->path);
	awol_buf_reset(&a->rec);
	rc = awol_buf_puts(&a->rec, line, err);
	if (rc == 0)
		rc = awol_buf_putc(&a->rec, '\n', err);
	if (rc == 0)
		rc = awol_buf_put(&a->rec, body ? body : "", len, err);
	free(line);
	if (rc < 0)
		return rc;
	bound = ZSTD_compressBound(a->rec.len);
	awol_buf_reset(&a->out);
	rc = awol_buf_grow(&a->out, bound, err);
	if (rc < 0)
		return rc;
	n = ZSTD_compressCCtx(a->cctx, a->out.ptr, bound, a->rec.ptr, a->rec.len, 3);
	if (ZSTD_isError(n))
		return awol_error_set(err, AWOL_EIO, "%s: zstd: %s", a->path, ZSTD_getErrorName(n));
	if (fwrite(a->out.ptr, 1, n, a->f) != n || fflush(a->f) != 0)
		return awol_error_set(err, AWOL_EIO, "%s: %s", a->path, strerror(errno));
	return 0;
}

int awol_archive_set_via(awol_archive *a, const char *via, awol_error *err)
{
	char *v = NULL;

	if (via && !(v = strdup(via)))
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	free(a->via);
	a->via = v;
	return 0;
}

int awol_archive_close(awol_archive *a, awol_error *err)
{
	int rc = 0;

	if (!a)
		return 0;
	if (a->f && (fflush(a->f) != 0 || fsync(fileno(a->f)) != 0 || fclose(a->f) != 0))
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", a->path, strerror(errno));
	ZSTD_freeCCtx(a->cctx);
	awol_buf_dispose(&a->rec);
	awol_buf_dispose(&a->out);
	free(a->path);
	free(a->via);
	free(a);
	return rc;
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Decode the records held in `data` (one decompressed file). */
static int records(const char *path, const char *data, size_t len,
                   int (*fn)(void *, const awol_archive_record *), void *ctx, awol_error *err)
{
	size_t pos = 0, k = 0;

	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		json_t *h;
		json_error_t je;
		awol_archive_record r;
		json_int_t blen = -1, st = 0;
		const char *u = NULL, *t = NULL, *ct = NULL;
		int rc;

		k++;
		if (!nl)
			return awol_error_set(err, AWOL_EPARSE, "%s: record %zu: header cut off",
			                      path, k);
		h = json_loadb(data + pos, (size_t)(nl - data - pos), 0, &je);
		if (!h ||
		    json_unpack(h, "{s:s,s:s,s:I,s:s,s:I}", "url", &u, "time", &t, "status", &st,
		                "content_type", &ct, "length", &blen) != 0 ||
		    blen < 0 || (size_t)blen > len - (size_t)(nl + 1 - data)) {
			json_decref(h);
			return awol_error_set(err, AWOL_EPARSE, "%s: record %zu: damaged header",
			                      path, k);
		}
		memset(&r, 0, sizeof(r));
		r.via = (char *)(uintptr_t)json_string_value(json_object_get(h, "via"));
		r.url = (char *)(uintptr_t)u;
		r.time = (char *)(uintptr_t)t;
		r.content_type = (char *)(uintptr_t)ct;
		r.status = (long)st;
		r.body = (char *)(uintptr_t)(nl + 1);
		r.len = (size_t)blen;
		rc = fn(ctx, &r);
		json_decref(h);
		if (rc < 0)
			return rc;
		pos = (size_t)(nl + 1 - data) + (size_t)blen;
	}
	return 0;
}

static int one_file(const char *path, int (*fn)(void *, const awol_archive_record *), void *ctx,
                    awol_error *err)
{
	awol_buf raw, plain;
	ZSTD_DCtx *d = NULL;
	ZSTD_inBuffer in;
	size_t last = 0;
	int rc;

	awol_buf_init(&raw, (size_t)4 * 1024 * 1024 * 1024);
	awol_buf_init(&plain, (size_t)16 * 1024 * 1024 * 1024);
	rc = awol_file_read(path, &raw, err);
	if (rc < 0)
		goto done;
	d = ZSTD_createDCtx();
	in.src = raw.ptr;
	in.size = raw.len;
	in.pos = 0;
	while (in.pos < in.size) {
		ZSTD_outBuffer o;
		size_t r;
		rc = awol_buf_grow(&plain, 1 << 20, err);
		if (rc < 0)
			goto done;
		o.dst = plain.ptr + plain.len;
		o.size = plain.cap - plain.len - 1;
		o.pos = 0;
		r = ZSTD_decompressStream(d, &o, &in);
		if (ZSTD_isError(r)) {
			/* deliver what came before the damage, then say where it is */
			plain.len += o.pos;
			records(path, plain.ptr, plain.len, fn, ctx, NULL);
			rc = awol_error_set(err, AWOL_EPARSE, "%s: damaged at byte %zu: %s", path,
			                    in.pos, ZSTD_getErrorName(r));
			goto done;
		}
		plain.len += o.pos;
		last = r;
		if (o.pos == 0 && r != 0 && in.pos == in.size)
			break;
	}
	rc = records(path, plain.ptr ? plain.ptr : "", plain.len, fn, ctx, err);
	if (rc == 0 && last != 0)
		rc = awol_error_set(
		    err, AWOL_EPARSE,
		    "%s: cut off in the middle of a record (the crawl was killed while "
		    "writing?); the records before it were read",
		    path);
done:
	ZSTD_freeDCtx(d);
	awol_buf_dispose(&raw);
	awol_buf_dispose(&plain);
	return rc;
}

int awol_archive_each(const char *dir, int (*fn)(void *ctx, const awol_archive_record *r),
                      void *ctx, awol_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d)
		return awol_error_set(err, AWOL_EIO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 7 || strcmp(e->d_name + l - 6, ".awarc") != 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			char **nn = realloc(names, nc * sizeof(*nn));
			if (!nn)
				break;
			names = nn;
			cap = nc;
		}
		names[n] = malloc(strlen(dir) + l + 2);
		if (!names[n])
			break;
		snprintf(names[n], strlen(dir) + l + 2, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (n == 0)
		rc = awol_error_set(err, AWOL_ENOTFOUND,
		                    "%s: no archive file (*.awarc) in this directory", dir);
	else if (n > 1) /* qsort of NULL is undefined, even for 0 */
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++)
		rc = one_file(names[i], fn, ctx, err);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
