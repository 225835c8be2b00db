/*
 * awol error records.
 *
 * Every library function that can fail returns an int: 0 on success, a
 * negative AWOL_E* code on failure, and (when `err` is not NULL) fills an
 * awol_error with the code and a message that names the input.  The library
 * never prints and never exits; the CLI maps codes to exit statuses.
 */
#ifndef AWOL_ERROR_H
#define AWOL_ERROR_H

#include <stddef.h>

enum {
	AWOL_OK = 0,
	AWOL_ENOMEM = 1,    /* allocation failed */
	AWOL_EIO = 2,       /* file or socket I/O failed */
	AWOL_EPARSE = 3,    /* input could not be read as the expected format */
	AWOL_ETOOBIG = 4,   /* input exceeds a configured size cap */
	AWOL_EINVAL = 5,    /* bad argument or value */
	AWOL_ENOTFOUND = 6, /* the named thing does not exist */
	AWOL_EDB = 7,       /* database error */
	AWOL_ENET = 8,      /* network error */
	AWOL_EEXISTS = 9,   /* already exists / conflict */
	AWOL_EINTR = 10,    /* interrupted (signal, cancellation) */
	AWOL_EUNSUPPORTED = 11
};

#define AWOL_ERROR_MSG_MAX 512

typedef struct awol_error {
	int code;                     /* AWOL_E* (positive), 0 when clear */
	char msg[AWOL_ERROR_MSG_MAX]; /* human-readable, names the input */
} awol_error;

/* Reset an error record to "no error". Accepts NULL. */
void awol_error_clear(awol_error *err);

/*
 * Fill `err` (may be NULL) with `code` and a printf-style message.
 * Returns -code so callers can write `return awol_error_set(err, ...)`.
 */
int awol_error_set(awol_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Prefix the message already in `err` with more context ("FILE: ").
 * Returns -err->code (or -AWOL_EINVAL if err has no code).
 */
int awol_error_prefix(awol_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Short name of a code ("nomem", "io", ...). */
const char *awol_error_name(int code);

#endif
