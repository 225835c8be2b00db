#include "util/common.h"
#include "util/buf.h"

#include <stdarg.h>

char *awol_strdup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

void awol_buf_init(awol_buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : AWOL_BUF_DEFAULT_MAX;
}

void awol_buf_dispose(awol_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void awol_buf_reset(awol_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int awol_buf_grow(awol_buf *b, size_t extra, awol_error *err)
{
	size_t need, ncap;
	char *np;

	if (extra > b->max || b->len > b->max - extra)
		return awol_error_set(err, AWOL_ETOOBIG, "data exceeds the limit of %zu bytes",
		                      b->max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	np = realloc(b->ptr, ncap);
	if (!np)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory (%zu bytes)", ncap);
	b->ptr = np;
	b->cap = ncap;
	return 0;
}

int awol_buf_put(awol_buf *b, const void *data, size_t n, awol_error *err)
{
	int rc = awol_buf_grow(b, n, err);

	if (rc < 0)
		return rc;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int awol_buf_puts(awol_buf *b, const char *s, awol_error *err)
{
	return awol_buf_put(b, s, strlen(s), err);
}

int awol_buf_putc(awol_buf *b, char c, awol_error *err)
{
	return awol_buf_put(b, &c, 1, err);
}

int awol_buf_vprintf(awol_buf *b, awol_error *err, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, rc;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return awol_error_set(err, AWOL_EINVAL, "bad format string");
	rc = awol_buf_grow(b, (size_t)n, err);
	if (rc < 0)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int awol_buf_printf(awol_buf *b, awol_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = awol_buf_vprintf(b, err, fmt, ap);
	va_end(ap);
	return rc;
}

char *awol_buf_detach(awol_buf *b)
{
	char *p = b->ptr;

	if (!p)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *awol_buf_cstr(const awol_buf *b)
{
	return b->ptr ? b->ptr : "";
}
