#include "util/common.h"
#include "awol/export.h"
#include "awol/store_rows.h"
#include "table.h"

#include <jansson.h>

void cli_table_init(cli_table *t, const char *const *cols, size_t ncols, const bool *numeric)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
	t->numeric = numeric;
}

int cli_table_add(cli_table *t, const char *const *v)
{
	size_t i;

	if (t->nrows == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		char **n = realloc(t->cells, nc * t->ncols * sizeof(char *));
		if (!n)
			return -1;
		t->cells = n;
		t->cap = nc;
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = v[i] ? strdup(v[i]) : NULL;
	t->nrows++;
	return 0;
}

void cli_table_dispose(cli_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

bool cli_format_parse(const char *s, cli_format *fmt)
{
	if (strcmp(s, "table") == 0)
		*fmt = CLI_FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*fmt = CLI_FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*fmt = CLI_FMT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*fmt = CLI_FMT_JSONL;
	else
		return false;
	return true;
}

/* Display width: code points, not bytes (Cyrillic is two bytes a letter). */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
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

static json_t *rows_json(const cli_table *t)
{
	json_t *a = json_array();
	size_t r, c;

	for (r = 0; a && r < t->nrows; r++) {
		json_t *o = json_object();
		for (c = 0; o && c < t->ncols; c++) {
			json_t *jv =
			    cell_json(t->cells[r * t->ncols + c], t->numeric && t->numeric[c]);
			json_object_set_new(o, t->cols[c], jv ? jv : json_null());
		}
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* JSON Lines: each object of the array on its own line. */
static void print_lines(FILE *out, json_t *a, bool simulated)
{
	size_t i;
	json_t *o;

	json_array_foreach(a, i, o)
	{
		char *s;
		if (simulated)
			json_object_set_new(o, "simulated", json_true());
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (s)
			fprintf(out, "%s\n", s);
		free(s);
	}
}

json_t *cli_json_meta(const char *source)
{
	json_t *m = json_pack("{s:s}", "awol_version", AWOL_VERSION);

	if (m && source)
		json_object_set_new(m, "source", json_string(source));
	return m;
}

void cli_warn_simulated(const cli_command *cmd, cli_format fmt)
{
	if (fmt == CLI_FMT_TABLE)
		printf("*** SIMULATED DATA (awol-sim), not court records ***\n");
	else if (fmt == CLI_FMT_CSV)
		fprintf(stderr, "awol %s: warning: SIMULATED DATA (awol-sim), not court records\n",
		        cmd->name);
}

void cli_table_print_doc(FILE *out, const cli_table *t, cli_format fmt, const cli_command *cmd,
                         json_t *meta)
{
	bool sim = meta && json_is_true(json_object_get(meta, "simulated"));
	json_t *rows;
	char *s;

	if (fmt == CLI_FMT_TABLE || fmt == CLI_FMT_CSV) {
		if (sim)
			cli_warn_simulated(cmd, fmt);
		cli_table_print(out, t, fmt);
		json_decref(meta);
		return;
	}
	rows = rows_json(t);
	if (fmt == CLI_FMT_JSONL) {
		print_lines(out, rows, sim);
		json_decref(rows);
		json_decref(meta);
		return;
	}
	if (!meta)
		meta = json_object();
	json_object_set_new(meta, "rows", rows ? rows : json_array());
	json_object_set_new(meta, "count", json_integer((json_int_t)t->nrows));
	s = json_dumps(meta, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s)
		fprintf(out, "%s\n", s);
	free(s);
	json_decref(meta);
}

bool cli_format_option(const cli_command *cmd, const char *value, unsigned offered, cli_format *fmt)
{
	static const char *const names[] = {"table", "csv", "json", "jsonl"};
	const char *choices[5];
	size_t i, n = 0;

	for (i = 0; i < AWOL_ARRAY_SIZE(names); i++)
		if (offered & (1u << i))
			choices[n++] = names[i];
	choices[n] = NULL;
	if (!cli_check_choice(cmd, "format", value, choices))
		return false;
	return cli_format_parse(value, fmt);
}

void cli_table_print(FILE *out, const cli_table *t, cli_format fmt)
{
	size_t r, c;

	if (fmt == CLI_FMT_CSV) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			awol_export_csv_field(out, t->cols[c]);
		}
		fputs("\r\n", out);
		for (r = 0; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++) {
				if (c)
					fputc(',', out);
				awol_export_csv_field(out, t->cells[r * t->ncols + c]);
			}
			fputs("\r\n", out);
		}
		return;
	}
	if (fmt == CLI_FMT_JSON || fmt == CLI_FMT_JSONL) {
		json_t *a = rows_json(t);
		char *s;
		if (fmt == CLI_FMT_JSONL) {
			print_lines(out, a, false);
			json_decref(a);
			return;
		}
		s = a ? json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		if (s)
			fprintf(out, "%s\n", s);
		free(s);
		json_decref(a);
		return;
	}
	{
		size_t *w = calloc(t->ncols, sizeof(size_t));
		if (!w)
			return;
		for (c = 0; c < t->ncols; c++)
			w[c] = width(t->cols[c]);
		for (r = 0; r < t->nrows; r++)
			for (c = 0; c < t->ncols; c++) {
				size_t x = width(t->cells[r * t->ncols + c]);
				if (x > 60)
					x = 60;
				if (x > w[c])
					w[c] = x;
			}
		for (c = 0; c < t->ncols; c++)
			fprintf(out, "%s%-*s", c ? "  " : "",
			        (int)(w[c] + strlen(t->cols[c]) - width(t->cols[c])), t->cols[c]);
		fputc('\n', out);
		for (r = 0; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];
				char buf[256];
				size_t i = 0, cp = 0;
				/* one line, at most 60 characters */
				for (; v && v[i] && i < sizeof(buf) - 4; i++) {
					if (((unsigned char)v[i] & 0xC0) != 0x80 && ++cp > 60)
						break;
					buf[i] = v[i] == '\n' ? ' ' : v[i];
				}
				buf[i] = '\0';
				if (t->numeric && t->numeric[c])
					fprintf(out, "%s%*s", c ? "  " : "", (int)w[c], buf);
				else
					fprintf(out, "%s%-*s", c ? "  " : "",
					        (int)(w[c] + strlen(buf) - width(buf)), buf);
			}
			fputc('\n', out);
		}
		free(w);
	}
}

int cli_table_add_rows(cli_table *t, awol_store_rows *r, awol_error *err)
{
	const char *v[32];
	size_t i, n = t->ncols < 32 ? t->ncols : 32;
	int rc;

	while ((rc = awol_store_rows_next(r, err)) > 0) {
		for (i = 0; i < n; i++)
			v[i] = awol_store_rows_text(r, i);
		if (cli_table_add(t, v) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			break;
		}
	}
	awol_store_rows_close(r);
	return rc;
}
