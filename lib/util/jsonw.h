/*
 * awol_jsonw: a JSON document written straight into an awol_buf, without building a
 * jansson tree first.  A large document (the 10 MB answer of /api/stats by month and
 * court) takes longer to build, dump and free as a tree than to count; written here it
 * costs one pass.  The text is byte for byte what json_dumps gives with
 * JSON_INDENT(indent) | JSON_REAL_PRECISION(precision) for the same values in the same
 * order, so that a document can move to the writer without its readers seeing a change.
 *
 * Every call takes the key of the value in an object, NULL in an array or at the top;
 * keys are the caller's names, UTF-8 (a value that is not UTF-8 is written null).
 * Errors are sticky: the first one (out of memory, the buffer's cap, nesting too deep)
 * stops the writing and awol_jsonw_finish reports it.
 *
 * Ownership: the writer borrows the buffer; the caller disposes of it.
 */
#ifndef AWOL_UTIL_JSONW_H
#define AWOL_UTIL_JSONW_H

#include <stdbool.h>

#include "awol/error.h"
#include "util/buf.h"

#define AWOL_JSONW_DEPTH 32

typedef struct awol_jsonw {
	awol_buf *b;
	int indent, precision;
	int depth;
	bool empty[AWOL_JSONW_DEPTH]; /* the open container has no element yet */
	char close[AWOL_JSONW_DEPTH]; /* '}' or ']' */
	awol_error err;
	int rc;
} awol_jsonw;

/* indent: as JSON_INDENT, 1 to 31 (the compact forms are not written); precision: as
 * JSON_REAL_PRECISION (0: 17 digits, jansson's default). */
void awol_jsonw_init(awol_jsonw *w, awol_buf *b, int indent, int precision);
void awol_jsonw_object(awol_jsonw *w, const char *key); /* opens {, closed by awol_jsonw_end */
void awol_jsonw_array(awol_jsonw *w, const char *key);  /* opens [ */
void awol_jsonw_end(awol_jsonw *w);                     /* closes the last opened */
void awol_jsonw_string(awol_jsonw *w, const char *key, const char *s); /* NULL: null */
void awol_jsonw_int(awol_jsonw *w, const char *key, long long v);
/* A real as jansson dumps it ("21.4", "3.0", "1e+20" as "1e20"); null when not finite
 * (jansson has no real for NaN or infinity). */
void awol_jsonw_real(awol_jsonw *w, const char *key, double v);
void awol_jsonw_bool(awol_jsonw *w, const char *key, bool v);
void awol_jsonw_null(awol_jsonw *w, const char *key);
/* A value already dumped at the top level with the same indent: indented to its place. */
void awol_jsonw_raw(awol_jsonw *w, const char *key, const char *json);
/* 0 when the document was written whole, else <0 with err filled. */
int awol_jsonw_finish(awol_jsonw *w, awol_error *err);

#endif
