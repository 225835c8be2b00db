/*
 * The military-court registry: data/military-courts.csv, embedded at build
 * time (tools/embed.py) so awol needs no data directory at run time.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/courts.h"
#include "csv.h"

extern const char awol_courts_csv[];
extern const size_t awol_courts_csv_len;

static const char *const COLS[] = {
    "court_code",  "name_ru", "name_en",           "level",  "host",        "region_code",
    "region_name", "city",    "parent_court_code", "status", "engine_flags"};

static void court_free(awol_court *c)
{
	free(c->code);
	free(c->name);
	free(c->name_en);
	free(c->level);
	free(c->host);
	free(c->region_code);
	free(c->region);
	free(c->city);
	free(c->parent_code);
	free(c->district_code);
	free(c->status);
	free(c->engine_flags);
}

void awol_courts_dispose(awol_court_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		court_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static const awol_court *by_code(const awol_court_list *l, const char *code)
{
	size_t i;

	for (i = 0; code && *code && i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return &l->items[i];
	return NULL;
}

/* The okrug/fleet court a court belongs to: follow parents up to district|fleet. */
static void set_districts(awol_court_list *l)
{
	size_t i;
	int hop;

	for (i = 0; i < l->n; i++) {
		const awol_court *c = &l->items[i];
		for (hop = 0; c && hop < 5; hop++) {
			if (strcmp(c->level, "district") == 0 || strcmp(c->level, "fleet") == 0) {
				l->items[i].district_code = strdup(c->code);
				break;
			}
			c = by_code(l, c->parent_code);
		}
	}
}

static int parse(const char *name, const char *data, size_t len, awol_court_list *out,
                 awol_error *err)
{
	awol_csv csv;
	char **f = NULL;
	size_t nf = 0, i, j, cap = 0;
	int idx[AWOL_ARRAY_SIZE(COLS)];
	int rc;

	memset(out, 0, sizeof(*out));
	awol_csv_init(&csv, data, len);
	rc = awol_csv_next(&csv, name, &f, &nf, err);
	if (rc <= 0) {
		if (rc == 0)
			rc = awol_error_set(err, AWOL_EPARSE, "%s: empty registry file", name);
		return rc;
	}
	for (j = 0; j < AWOL_ARRAY_SIZE(COLS); j++) {
		idx[j] = -1;
		for (i = 0; i < nf; i++)
			if (strcmp(f[i], COLS[j]) == 0)
				idx[j] = (int)i;
		if (idx[j] < 0) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:1: missing column '%s'", name,
			                    COLS[j]);
			awol_csv_free_fields(f, nf);
			return rc;
		}
	}
	awol_csv_free_fields(f, nf);
	while ((rc = awol_csv_next(&csv, name, &f, &nf, err)) > 0) {
		awol_court *c;
		char **dst[AWOL_ARRAY_SIZE(COLS)];

		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 128;
			awol_court *ni = realloc(out->items, nc * sizeof(*ni));
			if (!ni) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			out->items = ni;
			cap = nc;
		}
		c = &out->items[out->n];
		memset(c, 0, sizeof(*c));
		dst[0] = &c->code, dst[1] = &c->name, dst[2] = &c->name_en, dst[3] = &c->level;
		dst[4] = &c->host, dst[5] = &c->region_code, dst[6] = &c->region;
		dst[7] = &c->city, dst[8] = &c->parent_code, dst[9] = &c->status;
		dst[10] = &c->engine_flags;
		for (j = 0; j < AWOL_ARRAY_SIZE(COLS); j++)
			*dst[j] = strdup((size_t)idx[j] < nf ? f[idx[j]] : "");
		out->n++;
		if (!c->code[0]) {
			/* history rows of courts abolished in 2018 carry no code: not courts
			 * anyone can collect from, so they stay out of the registry */
			bool history = strcmp(c->status, "abolished") == 0;
			if (!history)
				rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: empty court_code",
				                    name, csv.line - 1);
			court_free(c);
			out->n--;
			awol_csv_free_fields(f, nf);
			if (!history)
				break;
			continue;
		}
		awol_csv_free_fields(f, nf);
	}
	if (rc < 0) {
		awol_courts_dispose(out);
		return rc;
	}
	set_districts(out);
	return 0;
}

int awol_courts_load_default(awol_court_list *out, awol_error *err)
{
	return parse("military-courts.csv (embedded)", awol_courts_csv, awol_courts_csv_len, out,
	             err);
}

int awol_courts_load_csv(const char *path, awol_court_list *out, awol_error *err)
{
	awol_buf b;
	int rc;

	awol_buf_init(&b, 16 * 1024 * 1024);
	rc = awol_file_read(path, &b, err);
	if (rc == 0)
		rc = parse(path, b.ptr, b.len, out, err);
	awol_buf_dispose(&b);
	return rc;
}

int awol_courts_module_host(const awol_court *court, char *out, size_t n)
{
	const char *h = court->host, *dot, *sud;
	int w;

	if (!h || !*h)
		return -AWOL_EINVAL;
	dot = strchr(h, '.');
	sud = strstr(h, ".sudrf.ru");
	/* hosts without a region segment (vkas.sudrf.ru) or already in module form */
	if (!dot || dot == sud || strstr(h, "--"))
		w = snprintf(out, n, "%s", h);
	else
		w = snprintf(out, n, "%.*s--%s", (int)(dot - h), h, dot + 1);
	return w < 0 || (size_t)w >= n ? -AWOL_ETOOBIG : 0;
}

const awol_court *awol_courts_find(const awol_court_list *l, const char *key)
{
	size_t i;
	char mh[256];

	if (!l || !key)
		return NULL;
	for (i = 0; i < l->n; i++) {
		const awol_court *c = &l->items[i];
		if (strcasecmp(c->code, key) == 0 || strcasecmp(c->host, key) == 0)
			return c;
		if (awol_courts_module_host(c, mh, sizeof(mh)) == 0 && strcasecmp(mh, key) == 0)
			return c;
	}
	return NULL;
}
