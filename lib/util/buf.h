/*
 * awol_buf: the one growable byte buffer of the project (after curl's dynbuf).
 *
 * A buffer has a hard size cap fixed at init: any append that would exceed it
 * fails with AWOL_ETOOBIG and leaves the buffer as it was, so a hostile 200 MB
 * page or an endless HTTP body cannot exhaust memory.  The contents are always
 * NUL-terminated (ptr[len] == '\0') once anything was appended.
 *
 * Ownership: the buffer owns `ptr`; awol_buf_dispose frees it,
 * awol_buf_detach hands it to the caller.
 */
#ifndef AWOL_UTIL_BUF_H
#define AWOL_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "awol/error.h"

typedef struct awol_buf {
	char *ptr;
	size_t len;
	size_t cap; /* allocated bytes */
	size_t max; /* hard cap on len */
} awol_buf;

#define AWOL_BUF_DEFAULT_MAX ((size_t)256 * 1024 * 1024)
#define AWOL_BUF_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0, AWOL_BUF_DEFAULT_MAX                                                   \
	}

void awol_buf_init(awol_buf *b, size_t max);
void awol_buf_dispose(awol_buf *b); /* accepts NULL */
void awol_buf_reset(awol_buf *b);   /* len = 0, keeps memory */
int awol_buf_grow(awol_buf *b, size_t extra, awol_error *err);
int awol_buf_put(awol_buf *b, const void *data, size_t n, awol_error *err);
int awol_buf_puts(awol_buf *b, const char *s, awol_error *err);
int awol_buf_putc(awol_buf *b, char c, awol_error *err);
int awol_buf_printf(awol_buf *b, awol_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int awol_buf_vprintf(awol_buf *b, awol_error *err, const char *fmt, va_list ap);
/* Hands ptr to the caller (never NULL: "" when empty); buffer becomes empty. */
char *awol_buf_detach(awol_buf *b);
/* Returns the contents as a string, "" when nothing was appended. */
const char *awol_buf_cstr(const awol_buf *b);

#endif
