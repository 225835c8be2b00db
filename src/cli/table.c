#include "util/common.h"
#include "awol/export.h"
#include "awol/store_rows.h"
#include "table.h"

#include <jansson.h>

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
	return awol_table_meta(source, NULL, NULL);
}

void cli_json_print(FILE *out, const json_t *doc)
{
	char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	if (s)
		fprintf(out, "%s\n", s);
	free(s);
}

void cli_warn_simulated(const cli_command *cmd, cli_format fmt)
{
	if (fmt == CLI_FMT_TABLE)
		printf("*** SIMULATED DATA (awol-sim), not court records ***\n");
	else if (fmt == CLI_FMT_CSV)
		fprintf(stderr, "awol %s: warning: SIMULATED DATA (awol-sim), not court records\n",
		        cmd->name);
}

void cli_listing_print(FILE *out, const awol_table *l, cli_format fmt, const cli_command *cmd)
{
	bool sim = l->meta && json_is_true(json_object_get(l->meta, "simulated"));
	json_t *doc;

	if (fmt == CLI_FMT_TABLE || fmt == CLI_FMT_CSV) {
		if (sim)
			cli_warn_simulated(cmd, fmt);
		cli_table_print(out, l, fmt);
		return;
	}
	if (fmt == CLI_FMT_JSONL) {
		doc = awol_table_rows_json(l);
		print_lines(out, doc, sim);
		json_decref(doc);
		return;
	}
	doc = awol_table_doc(l);
	cli_json_print(out, doc);
	json_decref(doc);
}

void cli_table_print_doc(FILE *out, const cli_table *t, cli_format fmt, const cli_command *cmd,
                         json_t *meta)
{
	cli_table l = *t;

	l.meta = meta;
	cli_listing_print(out, &l, fmt, cmd);
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
		json_t *a = awol_table_rows_json(t);
		if (fmt == CLI_FMT_JSONL)
			print_lines(out, a, false);
		else
			cli_json_print(out, a);
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
