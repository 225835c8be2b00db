/*
 * Writing exports: CSV, JSON Lines and one JSON document, streamed row by
 * row, and the metadata (what the rows rest on) that goes with JSON and with
 * the data package, never into CSV cells.
 */
#include "util/common.h"
#include "awol/export.h"
#include "export_priv.h"

#include <jansson.h>

void awol_export_csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else
		fputs(s, out);
}

json_t *awol_export_cell_json(awol_export_type t, const char *v)
{
	char *end = NULL;

	if (!v)
		return json_null();
	switch (t) {
	case AWOL_EXPORT_INTEGER: {
		long long n;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (!errno && end != v && !*end)
			return json_integer(n);
		break;
	}
	case AWOL_EXPORT_NUMBER: {
		double d = strtod(v, &end);
		if (end != v && !*end)
			return json_real(d);
		break;
	}
	case AWOL_EXPORT_BOOLEAN:
		return json_boolean(strcmp(v, "0") != 0 && strcmp(v, "false") != 0);
	default:
		break;
	}
	return json_string(v);
}

/* The coverage behind an export: courts, windows, articles searched and period. */
typedef struct cov {
	long courts, courts_complete, windows, windows_complete;
	json_t *articles;
	char from[11], to[11];
} cov;

static int court_row(void *ctx, const char *const *v)
{
	cov *c = ctx;

	c->courts++;
	if (v[2] && strcmp(v[2], "complete") == 0)
		c->courts_complete++;
	return 0;
}

/* Whether the array of strings `a` holds the n bytes at s. */
static bool has_string(json_t *a, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		const char *x = json_string_value(json_array_get(a, i));
		if (x && strlen(x) == n && memcmp(x, s, n) == 0)
			return true;
	}
	return false;
}

static int window_row(void *ctx, const char *const *v)
{
	cov *c = ctx;
	/* columns: court_code, court_name, region, server, article, date_axis, date_from,
	 * date_to, status, ... */
	c->windows++;
	if (v[8] && strcmp(v[8], "complete") == 0)
		c->windows_complete++;
	if (v[4] && !has_string(c->articles, v[4], strlen(v[4])))
		json_array_append_new(c->articles, json_string(v[4]));
	if (v[6] && strlen(v[6]) == 10 && (!c->from[0] || strcmp(v[6], c->from) < 0))
		memcpy(c->from, v[6], 11);
	if (v[7] && strlen(v[7]) == 10 && strcmp(v[7], c->to) > 0)
		memcpy(c->to, v[7], 11);
	return 0;
}

static json_t *coverage_json(awol_store *st, const awol_export_filter *f)
{
	awol_export_filter wf = {0};
	cov c;
	json_t *o, *missing = json_array();
	const char *p;
	bool complete;

	memset(&c, 0, sizeof(c));
	c.articles = json_array();
	if (f) {
		wf = *f;
		wf.outcome = NULL; /* the windows are about what was searched, not found */
		wf.date = NULL;
	}
	if (awol_export_each(st, "court_coverage", &wf, court_row, &c, NULL) < 0 ||
	    awol_export_each(st, "coverage", &wf, window_row, &c, NULL) < 0) {
		json_decref(c.articles);
		json_decref(missing);
		return json_null();
	}
	for (p = f && f->articles ? f->articles : ""; *p; p += strcspn(p, ","), p += *p == ',') {
		size_t n = strcspn(p, ",");
		if (!has_string(c.articles, p, n))
			json_array_append_new(missing, json_stringn(p, n));
	}
	complete = c.windows > 0 && c.windows == c.windows_complete &&
	           c.courts == c.courts_complete && json_array_size(missing) == 0;
	o = json_pack("{s:b,s:b,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o}", "known", c.windows > 0,
	              "complete", complete, "courts", (json_int_t)c.courts, "courts_complete",
	              (json_int_t)c.courts_complete, "windows", (json_int_t)c.windows,
	              "windows_complete", (json_int_t)c.windows_complete, "articles_searched",
	              c.articles, "articles_not_searched", missing, "from",
	              c.from[0] ? json_string(c.from) : json_null(), "to",
	              c.to[0] ? json_string(c.to) : json_null());
	return o ? o : json_null();
}

static json_t *opt_string(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *awol_export_meta(awol_store *st, const char *what, const awol_export_filter *f)
{
	awol_export_filter none = {0};
	json_t *q, *o;

	if (!f)
		f = &none;
	q = json_pack("{s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o}", "what", opt_string(what), "article",
	              opt_string(f->articles), "court", opt_string(f->courts), "region",
	              opt_string(f->region), "date", f->date ? f->date : "received", "from",
	              opt_string(f->from), "to", opt_string(f->to), "outcome",
	              opt_string(f->outcome));
	o = json_pack("{s:s,s:s,s:b,s:o,s:o}", "awol_version", AWOL_VERSION, "database",
	              awol_store_path(st), "simulated", awol_export_simulated(st), "query",
	              q ? q : json_null(), "coverage", coverage_json(st, f));
	return o;
}

/* The row as a JSON object (columns in order). */
static json_t *row_json(const awol_export_column *cols, size_t n, awol_store_rows *r)
{
	json_t *o = json_object();
	size_t c;

	for (c = 0; o && c < n; c++) {
		json_t *v = awol_export_cell_json(cols[c].type, awol_store_rows_text(r, c));
		json_object_set_new(o, cols[c].name, v ? v : json_null());
	}
	return o;
}

/* The head of a JSON document: the metadata object without its closing brace. */
static int json_head(awol_store *st, const char *what, const awol_export_filter *f, FILE *out,
                     awol_error *err)
{
	json_t *m = awol_export_meta(st, what, f);
	char *s = m ? json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	size_t n = s ? strlen(s) : 0;

	json_decref(m);
	if (n < 2) {
		free(s);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	fwrite(s, 1, n - 1, out);
	fputs(n > 2 ? ",\"rows\":[" : "\"rows\":[", out);
	free(s);
	return 0;
}

int awol_export_write(awol_store *st, const char *what, const awol_export_filter *f,
                      const char *format, FILE *out, long *rows, awol_error *err)
{
	awol_store_rows *r = NULL;
	const awol_export_column *cols;
	size_t n, c;
	int rc, more = 0;
	bool csv = strcmp(format, "csv") == 0, doc = strcmp(format, "json") == 0;
	bool sim = awol_export_simulated(st);

	*rows = 0;
	cols = awol_export_columns(what, &n);
	if (!cols)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	if (!csv && !doc && strcmp(format, "jsonl") != 0)
		return awol_error_set(err, AWOL_EINVAL, "unknown export format '%s'", format);
	rc = awol_export_rows(st, what, f, &r, &n, err);
	if (rc == 0 && doc)
		rc = json_head(st, what, f, out, err);
	if (rc < 0)
		goto done;
	if (csv) {
		for (c = 0; c < n; c++) {
			if (c)
				fputc(',', out);
			awol_export_csv_field(out, cols[c].name);
		}
		fputs("\r\n", out);
	}
	while ((more = awol_store_rows_next(r, err)) > 0) {
		if (csv) {
			for (c = 0; c < n; c++) {
				if (c)
					fputc(',', out);
				awol_export_csv_field(out, awol_store_rows_text(r, c));
			}
			fputs("\r\n", out);
		} else {
			json_t *o = row_json(cols, n, r);
			char *line;
			if (o && sim && !doc)
				json_object_set_new(o, "simulated", json_true());
			line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
			json_decref(o);
			if (!line) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			fputs(doc && *rows ? ",\n" : doc ? "\n" : "", out);
			fputs(line, out);
			if (!doc)
				fputc('\n', out);
			free(line);
		}
		(*rows)++;
	}
	if (rc == 0 && more < 0)
		rc = more; /* a read that failed: never a shorter export */
	if (rc == 0 && doc)
		fprintf(out, "\n],\"count\":%ld}\n", *rows);
	if (rc == 0 && ferror(out))
		rc = awol_error_set(err, AWOL_EIO, "write error: %s", strerror(errno));
done:
	awol_store_rows_close(r);
	return rc;
}

int awol_export(awol_store *st, const char *what, const char *format, FILE *out, long *rows,
                awol_error *err)
{
	return awol_export_write(st, what, NULL, format, out, rows, err);
}
