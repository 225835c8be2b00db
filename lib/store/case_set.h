/*
 * Private to lib/store: a set of case ids held in memory and asked from SQL (SQLite
 * only) as awol_case_in(?N, c.id), the set bound to ?N as a pointer, so that a statement
 * walking many cases asks a bit instead of a list in the database (case_set.c).
 *
 * Ownership: awol_case_set_bind hands the set to the statement, which frees it.
 */
#ifndef AWOL_STORE_CASE_SET_H
#define AWOL_STORE_CASE_SET_H

#include <stdbool.h>
#include <stdint.h>

#include "awol/store.h"
#include "db.h"

typedef struct awol_case_set awol_case_set;

awol_case_set *awol_case_set_new(void); /* NULL when out of memory */
void awol_case_set_free(void *s);       /* accepts NULL */
/* -AWOL_ETOOBIG for an id too high for a set of bits (ask the database then). */
int awol_case_set_add(awol_case_set *s, int64_t id);
/* Whether the set holds many of the cases (a tenth or more of the range of their ids):
 * then a count of them is faster asking each case of an index than looking them up. */
bool awol_case_set_dense(const awol_case_set *s);
/* awol_case_in on this connection (SQLite; nothing on PostgreSQL). */
void awol_case_set_register(awol_store *st);
/* Bind s to parameter idx of a SQLite statement; s is the statement's then (freed on
 * failure too). */
int awol_case_set_bind(awol_db_stmt *stmt, int idx, awol_case_set *s);

#endif
