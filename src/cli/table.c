#include "util/common.h"
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

static void csv_field(FILE *out, const char *s)
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

void cli_table_print(FILE *out, const cli_table *t, cli_format fmt)
{
	size_t r, c;

	if (fmt == CLI_FMT_CSV) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, t->cols[c]);
		}
		fputs("\r\n", out);
		for (r = 0; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++) {
				if (c)
					fputc(',', out);
				csv_field(out, t->cells[r * t->ncols + c]);
			}
			fputs("\r\n", out);
		}
		return;
	}
	if (fmt == CLI_FMT_JSON) {
		json_t *a = json_array();
		char *s;
		for (r = 0; r < t->nrows; r++) {
			json_t *o = json_object();
			for (c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];
				json_t *jv;
				if (!v)
					jv = json_null();
				else if (t->numeric && t->numeric[c] && strchr(v, '.'))
					jv = json_real(strtod(v, NULL)); /* a share: 0.1019 */
				else if (t->numeric && t->numeric[c])
					jv = json_integer(strtoll(v, NULL, 10));
				else
					jv = json_string(v);
				json_object_set_new(o, t->cols[c], jv ? jv : json_null());
			}
			json_array_append_new(a, o);
		}
		s = json_dumps(a, JSON_INDENT(2));
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
