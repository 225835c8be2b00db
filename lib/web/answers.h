/*
 * Answers of `awol serve` kept in memory: an answer that took long is given again, byte
 * for byte, to the same request on the same database connection while the database is
 * unchanged (awol_store_data_version).  Thread-safe.
 *
 * Ownership: the cache owns copies of what is put; web_answers_get returns a new copy.
 */
#ifndef AWOL_WEB_ANSWERS_H
#define AWOL_WEB_ANSWERS_H

#include <stddef.h>

typedef struct web_answers web_answers;

/* At most `budget` bytes of answers; NULL when out of memory. */
web_answers *web_answers_new(size_t budget);
void web_answers_free(web_answers *a); /* accepts NULL */
/* A malloc'd copy of the answer to `key` on connection `slot` at `version` (*n its bytes),
 * or NULL when none is kept. */
char *web_answers_get(web_answers *a, int slot, long long version, const char *key, size_t *n);
/* Keep a copy (the least recently used go to make room); nothing when it does not fit. */
void web_answers_put(web_answers *a, int slot, long long version, const char *key, const char *body,
                     size_t n);

#endif
