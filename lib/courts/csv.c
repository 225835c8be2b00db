#include "util/common.h"
#include "util/buf.h"
#include "csv.h"

void awol_csv_init(awol_csv *c, const char *data, size_t len)
{
	c->p = data;
	c->end = data + len;
	c->line = 1;
	/* UTF-8 byte order mark */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

void awol_csv_free_fields(char **fields, size_t n)
{
	size_t i;

	if (!fields)
		return;
	for (i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}

static int push(char ***f, size_t *n, size_t *cap, awol_buf *b)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		char **nf = realloc(*f, nc * sizeof(**f));
		if (!nf)
			return -AWOL_ENOMEM;
		*f = nf;
		*cap = nc;
	}
	(*f)[(*n)++] = awol_buf_detach(b);
	return 0;
}

int awol_csv_next(awol_csv *c, const char *name, char ***fields, size_t *n, awol_error *err)
{
	awol_buf b;
	size_t cap = 0, start_line;
	int rc = 0;
	bool quoted = false, field_started = false;

	*fields = NULL;
	*n = 0;
	/* skip blank lines */
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return 0;
	start_line = c->line;
	awol_buf_init(&b, 1 << 20);
	while (c->p < c->end) {
		char ch = *c->p++;
		if (quoted) {
			if (ch == '"') {
				if (c->p < c->end && *c->p == '"') {
					c->p++;
					rc = awol_buf_putc(&b, '"', err);
				} else
					quoted = false;
			} else {
				if (ch == '\n')
					c->line++;
				rc = awol_buf_putc(&b, ch, err);
			}
		} else if (ch == '"' && !field_started) {
			quoted = true;
			field_started = true;
		} else if (ch == ',') {
			rc = push(fields, n, &cap, &b);
			field_started = false;
		} else if (ch == '\r') {
			continue;
		} else if (ch == '\n') {
			c->line++;
			break;
		} else {
			field_started = true;
			rc = awol_buf_putc(&b, ch, err);
		}
		if (rc < 0)
			goto fail;
	}
	if (quoted) {
		rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: unterminated quoted field", name,
		                    start_line);
		goto fail;
	}
	rc = push(fields, n, &cap, &b);
	if (rc < 0)
		goto fail;
	awol_buf_dispose(&b);
	return 1;
fail:
	if (rc == -AWOL_ENOMEM)
		awol_error_set(err, AWOL_ENOMEM, "%s:%zu: out of memory", name, start_line);
	awol_buf_dispose(&b);
	awol_csv_free_fields(*fields, *n);
	*fields = NULL;
	*n = 0;
	return rc;
}
