/*
 * Private to lib/store: one statement interface over two databases, SQLite (a file)
 * and PostgreSQL (a libpq connection).  Every statement of lib/store goes through it;
 * a statement whose text differs per backend is chosen by awol_db_dialect() at its one
 * place in lib/store (docs/postgresql.md lists them).
 *
 * Placeholders: SQLite's `?NNN` and `?` (a bare `?` is one more than the largest index
 * so far, as in SQLite).  For PostgreSQL they are rewritten to `$NNN` outside string
 * literals, quoted identifiers and comments.
 *
 * Ownership and lifetimes:
 *  - awol_db_open_* returns a connection the caller frees with awol_db_close (NULL-safe).
 *    awol_db_wrap_sqlite borrows a handle opened elsewhere; awol_db_close then leaves it
 *    open (store.c owns the SQLite pragmas and its open flags).
 *  - awol_db_prepare returns a statement the caller frees with awol_db_finalize
 *    (NULL-safe); every statement must be finalized before its connection is closed.
 *  - Text bound with awol_db_bind_text is borrowed (SQLITE_STATIC): it must stay valid
 *    until the next awol_db_step of that statement has run.
 *  - Column text belongs to the statement and is valid until the next step, reset or
 *    finalize of that statement.
 *
 * Stepping: awol_db_step returns 1 for a row, 0 when done, <0 (an awol_error, AWOL_EDB)
 * on failure.  A loop that ends with <0 has not read every row and must not pass for a
 * shorter result.  With PostgreSQL the statement is executed on its first step (with
 * PQexecParams; from its second execution on as a server-side prepared statement) and
 * its result is kept in memory; awol_db_stream() makes it a cursor instead, for the
 * results that can be huge (exports, scans of every case): its rows come a few thousand
 * at a time, and other statements may run meanwhile.
 *
 * Errors name the database by what awol_db_name() returns: the file path for SQLite,
 * "postgresql://HOST:PORT/DBNAME" for PostgreSQL — never the user or the password of
 * the connection string.
 */
#ifndef AWOL_STORE_DB_H
#define AWOL_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "awol/error.h"

struct sqlite3;

typedef enum awol_db_dialect_kind { AWOL_DB_SQLITE = 0, AWOL_DB_PG = 1 } awol_db_dialect_kind;

typedef struct awol_db awol_db;
typedef struct awol_db_stmt awol_db_stmt;

/* Does `target` (a --db value) name a PostgreSQL database (postgresql:// or postgres://)? */
bool awol_db_is_uri(const char *target);
/* Was this awol built with libpq? */
bool awol_db_have_pg(void);

/* Wrap an open SQLite handle; `name` (copied) is the file used in messages. */
int awol_db_wrap_sqlite(awol_db **out, struct sqlite3 *handle, const char *name, awol_error *err);
/*
 * Connect to PostgreSQL with libpq's own syntax (URI, PG* environment variables,
 * ~/.pgpass).  A failure names host and database only.
 */
int awol_db_open_pg(awol_db **out, const char *conninfo, awol_error *err);
void awol_db_close(awol_db *db); /* accepts NULL */

awol_db_dialect_kind awol_db_dialect(const awol_db *db);
const char *awol_db_name(const awol_db *db);
/* The SQLite handle, or NULL for PostgreSQL (for SQLite-only code paths in lib/store). */
struct sqlite3 *awol_db_sqlite(awol_db *db);

int awol_db_prepare(awol_db *db, const char *sql, awol_db_stmt **out, awol_error *err);
/* PostgreSQL: read the rows through a cursor (see above).  No-op for SQLite. */
void awol_db_stream(awol_db_stmt *s);
/*
 * Indexes are 1-based like SQLite's; a NULL string binds NULL.  PostgreSQL: text binds
 * as text, NULL included; awol_db_bind_null leaves the type to the context (a NULL for
 * a BIGINT column).
 */
int awol_db_bind_text(awol_db_stmt *s, int idx, const char *v);
/* `n` bytes of `v` (need not end in NUL); copied for PostgreSQL, borrowed for SQLite */
int awol_db_bind_text_n(awol_db_stmt *s, int idx, const char *v, size_t n);
int awol_db_bind_int64(awol_db_stmt *s, int idx, int64_t v);
int awol_db_bind_double(awol_db_stmt *s, int idx, double v);
int awol_db_bind_null(awol_db_stmt *s, int idx);
/* SQLite only: p bound as a pointer of `type` (sqlite3_bind_pointer), which SQL
 * functions read; destroy(p) runs with the statement, or at once when binding fails
 * (always on PostgreSQL, which has no such binding: -AWOL_EDB). */
int awol_db_bind_pointer(awol_db_stmt *s, int idx, void *p, const char *type,
                         void (*destroy)(void *));
int awol_db_step(awol_db_stmt *s, awol_error *err);
/* Columns are 0-based like SQLite's; NULL reads as NULL text, 0, 0.0. */
const char *awol_db_column_text(awol_db_stmt *s, int col);
size_t awol_db_column_bytes(awol_db_stmt *s, int col); /* of the text */
int64_t awol_db_column_int64(awol_db_stmt *s, int col);
double awol_db_column_double(awol_db_stmt *s, int col);
bool awol_db_column_is_null(awol_db_stmt *s, int col);
int awol_db_column_count(awol_db_stmt *s);
const char *awol_db_column_name(awol_db_stmt *s, int col);
/* Rows the last INSERT/UPDATE/DELETE of this statement changed (after its step). */
int64_t awol_db_changes(awol_db_stmt *s);
/* Ready to run again; bindings are kept (as sqlite3_reset). */
void awol_db_reset(awol_db_stmt *s);
void awol_db_clear_bindings(awol_db_stmt *s);
void awol_db_finalize(awol_db_stmt *s); /* accepts NULL */

/* One or more statements without parameters (schema, pragmas). */
int awol_db_exec(awol_db *db, const char *sql, awol_error *err);
/* BEGIN (SQLite: BEGIN IMMEDIATE, taking the write lock up front), COMMIT, ROLLBACK. */
int awol_db_begin(awol_db *db, awol_error *err);
int awol_db_commit(awol_db *db, awol_error *err);
int awol_db_rollback(awol_db *db); /* best effort */

/* The error of the last failure on `db` as an awol_error naming the database. */
int awol_db_error(awol_db *db, awol_error *err);

#endif
