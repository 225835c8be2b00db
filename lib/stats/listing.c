/*
 * A listing's rows and its JSON document (include/awol/listings.h): the one place the
 * document the CLI prints and `awol serve` answers is made.
 */
#include "util/common.h"
#include "awol/listings.h"

#include <jansson.h>

void awol_table_init(awol_table *l, const char *const *cols, size_t ncols, const bool *numeric)
{
	memset(l, 0, sizeof(*l));
	l->cols = cols;
	l->ncols = ncols;
	l->numeric = numeric;
}

int awol_table_add(awol_table *l, const char *const *v)
{
	size_t i;

	if (l->nrows == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		char **n = realloc(l->cells, nc * l->ncols * sizeof(char *));
		if (!n)
			return -AWOL_ENOMEM;
		l->cells = n;
		l->cap = nc;
	}
	for (i = 0; i < l->ncols; i++)
		l->cells[l->nrows * l->ncols + i] = v[i] ? strdup(v[i]) : NULL;
	l->nrows++;
	return 0;
}

void awol_table_dispose(awol_table *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; l->cells && i < l->nrows * l->ncols; i++)
		free(l->cells[i]);
	free(l->cells);
	json_decref(l->meta);
	memset(l, 0, sizeof(*l));
}

/* A cell of a numeric column: a JSON integer or real; text that is no number stays text. */
static json_t *cell_json(const char *v, bool numeric)
{
	char *end = NULL;

	if (!v || (numeric && !*v))
		return json_null();
	if (numeric) {
		long long n;
		double d;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (!errno && end != v && !*end)
			return json_integer(n);
		d = strtod(v, &end);
		if (end != v && !*end && d == d)
			return json_real(d);
	}
	return json_string(v);
}

json_t *awol_table_rows_json(const awol_table *l)
{
	json_t *a = json_array();
	size_t r, c;

	for (r = 0; a && r < l->nrows; r++) {
		json_t *o = json_object();
		for (c = 0; o && c < l->ncols; c++) {
			json_t *jv =
			    cell_json(l->cells[r * l->ncols + c], l->numeric && l->numeric[c]);
			json_object_set_new(o, l->cols[c], jv ? jv : json_null());
		}
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *awol_table_doc(const awol_table *l)
{
	json_t *doc = l->meta ? json_deep_copy(l->meta) : json_object();
	json_t *rows = awol_table_rows_json(l);

	if (!doc || !rows) {
		json_decref(doc);
		json_decref(rows);
		return NULL;
	}
	json_object_set_new(doc, "rows", rows);
	json_object_set_new(doc, "count", json_integer((json_int_t)l->nrows));
	return doc;
}

json_t *awol_table_meta(const char *source, const char *key, const char *value)
{
	json_t *m = json_pack("{s:s}", "awol_version", AWOL_VERSION);

	if (m && source)
		json_object_set_new(m, "source", json_string(source));
	if (m && key)
		json_object_set_new(m, key, value ? json_string(value) : json_null());
	return m;
}
