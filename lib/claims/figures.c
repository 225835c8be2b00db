/* Published figures: the embedded dataset, CSV files, the figures table. */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/file.h"
#include "awol/figures.h"
#include "awol/store_figures.h"
#include "courts/csv.h"

#include <ctype.h>
#include <math.h>

extern const char awol_figures_csv[];
extern const size_t awol_figures_csv_len;

static const char *const COLS[] = {"id",       "metric",       "value",      "unit",
                                   "articles", "period_start", "period_end", "geography",
                                   "source",   "published",    "url"};

void awol_figures_dispose(awol_figure_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		awol_figure *f = &l->items[i];
		free(f->id), free(f->metric), free(f->unit), free(f->articles);
		free(f->period_start), free(f->period_end), free(f->geography), free(f->source);
		free(f->published), free(f->url);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/*
 * Periods are written as YYYY-MM-DD or, for month precision, YYYY-MM: the
 * first day when it starts a period, the last when it ends one.
 */
static bool period_date(const char *s, bool end, char out[11])
{
	awol_date d;
	int y, m;
	char tmp[16];

	if (awol_date_parse_iso(s, &d)) {
		awol_date_iso(d, out);
		return true;
	}
	if (strlen(s) != 7 || sscanf(s, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return false;
	d = (awol_date){y, m, 1};
	if (end) {
		d = m == 12 ? (awol_date){y + 1, 1, 1} : (awol_date){y, m + 1, 1};
		d = awol_date_from_days(awol_date_to_days(d) - 1);
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, tmp, 11);
	return true;
}

/*
 * A value is a finite decimal number as people write them: digits, a sign, a point and
 * an exponent.  strtod alone also takes "nan", "inf", hex and 1e999 (infinity).
 */
static bool decimal_number(const char *v, double *out)
{
	char *end;

	if (!*v || strspn(v, "0123456789+-.eE") != strlen(v) || !strpbrk(v, "0123456789"))
		return false;
	errno = 0;
	*out = strtod(v, &end);
	return !*end && errno == 0 && isfinite(*out);
}

bool awol_figures_geography_valid(const char *g)
{
	const char *p;
	size_t n;

	if (!g)
		return false;
	if (strcmp(g, "national") == 0 || strcmp(g, "other") == 0)
		return true;
	if (strncmp(g, "region:", 7) == 0) {
		/* region codes of the registry: two digits each, '+' between */
		for (p = g + 7;; p += 3) {
			if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
				return false;
			if (p[2] == '\0')
				return true;
			if (p[2] != '+')
				return false;
		}
	}
	if (strncmp(g, "court:", 6) == 0) {
		/* court codes: 8 letters and digits each ("63GV0002"), '+' between */
		for (p = g + 6;; p += n + 1) {
			n = strspn(p, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			if (n != 8)
				return false;
			if (p[n] == '\0')
				return true;
			if (p[n] != '+')
				return false;
		}
	}
	return false;
}

static int parse(const char *name, const char *data, size_t len, awol_figure_list *out,
                 awol_error *err)
{
	awol_csv csv;
	char **f = NULL;
	size_t nf = 0, i, j, cap = 0;
	int idx[AWOL_ARRAY_SIZE(COLS)], rc;

	memset(out, 0, sizeof(*out));
	awol_csv_init(&csv, data, len);
	rc = awol_csv_next(&csv, name, &f, &nf, err);
	if (rc <= 0)
		return rc == 0 ? awol_error_set(err, AWOL_EPARSE, "%s: empty file", name) : rc;
	for (i = 0; i < nf; i++) {
		/* a column we do not know is a typo or another file: never silently dropped */
		for (j = 0; j < AWOL_ARRAY_SIZE(COLS) && strcmp(f[i], COLS[j]) != 0; j++)
			;
		if (j == AWOL_ARRAY_SIZE(COLS)) {
			rc = awol_error_set(
			    err, AWOL_EPARSE,
			    "%s:1: column %zu: unknown column '%s' (expected id, "
			    "metric, value, unit, articles, period_start, period_end, "
			    "geography, source, published, url)",
			    name, i + 1, f[i]);
			awol_csv_free_fields(f, nf);
			return rc;
		}
	}
	for (j = 0; j < AWOL_ARRAY_SIZE(COLS); j++) {
		idx[j] = -1;
		for (i = 0; i < nf; i++)
			if (strcmp(f[i], COLS[j]) == 0)
				idx[j] = (int)i;
		if (idx[j] < 0) {
			awol_csv_free_fields(f, nf);
			return awol_error_set(err, AWOL_EPARSE, "%s:1: missing column '%s'", name,
			                      COLS[j]);
		}
	}
	awol_csv_free_fields(f, nf);
	while ((rc = awol_csv_next(&csv, name, &f, &nf, err)) > 0) {
		awol_figure *x;
		char d0[11], d1[11];
		size_t line = csv.line - 1;
		const char *v;

		if (nf != AWOL_ARRAY_SIZE(COLS)) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: %zu fields, expected %zu",
			                    name, line, nf, AWOL_ARRAY_SIZE(COLS));
			awol_csv_free_fields(f, nf);
			break;
		}
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			awol_figure *ni = realloc(out->items, nc * sizeof(*ni));
			if (!ni) {
				awol_csv_free_fields(f, nf);
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			out->items = ni;
			cap = nc;
		}
		x = &out->items[out->n];
		memset(x, 0, sizeof(*x));
		v = f[idx[2]];
		if (!decimal_number(v, &x->value)) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%zu: column 'value': '%s' is not a finite decimal "
			                    "number",
			                    name, line, v);
			awol_csv_free_fields(f, nf);
			break;
		}
		if (!*f[idx[0]]) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: column 'id' is empty", name,
			                    line);
			awol_csv_free_fields(f, nf);
			break;
		}
		if (awol_figures_find(out, f[idx[0]])) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%zu: column 'id': '%s' appears twice", name, line,
			                    f[idx[0]]);
			awol_csv_free_fields(f, nf);
			break;
		}
		if (!awol_figures_geography_valid(f[idx[7]])) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%zu: column 'geography': '%s' is not national, "
			                    "region:CODE[+CODE], court:CODE[+CODE] or other",
			                    name, line, f[idx[7]]);
			awol_csv_free_fields(f, nf);
			break;
		}
		if (!period_date(f[idx[5]], false, d0) ||
		    !period_date(*f[idx[6]] ? f[idx[6]] : f[idx[5]], true, d1)) {
			rc = awol_error_set(
			    err, AWOL_EPARSE,
			    "%s:%zu: columns 'period_start'/'period_end': bad period "
			    "'%s'..'%s'",
			    name, line, f[idx[5]], f[idx[6]]);
			awol_csv_free_fields(f, nf);
			break;
		}
		x->id = strdup(f[idx[0]]);
		x->metric = strdup(f[idx[1]]);
		x->unit = strdup(f[idx[3]]);
		x->articles = strdup(f[idx[4]]);
		x->period_start = strdup(d0);
		x->period_end = strdup(d1);
		x->geography = strdup(f[idx[7]]);
		x->source = strdup(f[idx[8]]);
		x->published = strdup(f[idx[9]]);
		x->url = strdup(f[idx[10]]);
		out->n++;
		awol_csv_free_fields(f, nf);
	}
	if (rc < 0) {
		awol_figures_dispose(out);
		return rc;
	}
	return 0;
}

int awol_figures_parse(const char *name, const char *data, size_t len, awol_figure_list *out,
                       awol_error *err)
{
	return parse(name, data, len, out, err);
}

int awol_figures_load_default(awol_figure_list *out, awol_error *err)
{
	return parse("published-figures.csv (embedded)", awol_figures_csv, awol_figures_csv_len,
	             out, err);
}

int awol_figures_load_csv(const char *path, awol_figure_list *out, awol_error *err)
{
	awol_buf b;
	int rc;

	awol_buf_init(&b, 64 * 1024 * 1024);
	rc = awol_file_read(path, &b, err);
	if (rc == 0)
		rc = parse(path, b.ptr, b.len, out, err);
	awol_buf_dispose(&b);
	return rc;
}

const awol_figure *awol_figures_find(const awol_figure_list *l, const char *id)
{
	size_t i;

	for (i = 0; l && id && i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

int awol_figures_import(awol_store *st, const awol_figure_list *l, const char *from,
                        awol_error *err)
{
	return awol_store_figures_write(st, l, from, err);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const awol_figure *)a)->id, ((const awol_figure *)b)->id);
}

#define EMBEDDED "data/published-figures.csv (embedded)"

int awol_figures_from_db(awol_store *st, awol_figure_list *out, awol_error *err)
{
	long n = 0, stale = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = awol_store_figures_count(st, EMBEDDED, &n, &stale, err);
	if (rc < 0)
		return rc;
	if (n == 0 && awol_store_read_only(st)) {
		/* a reader never writes: the embedded set, in the order the table gives (by id) */
		rc = awol_figures_load_default(out, err);
		if (rc == 0 && out->n > 1)
			qsort(out->items, out->n, sizeof(out->items[0]), by_id);
		return rc;
	}
	/*
	 * The embedded set goes in on first use, and again over rows an older awol put in
	 * with free-text geography (they would never be compared otherwise); a database we
	 * cannot write keeps its rows.
	 */
	if (n == 0 || stale > 0) {
		awol_figure_list def;
		rc = awol_figures_load_default(&def, err);
		if (rc == 0)
			rc = awol_figures_import(st, &def, EMBEDDED, err);
		awol_figures_dispose(&def);
		if (rc < 0 && n == 0)
			return rc;
	}
	return awol_store_figures_read(st, out, err);
}
