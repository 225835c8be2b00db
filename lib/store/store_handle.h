/*
 * The SQLite handle behind an awol_store, for lib/store and its white-box tests only:
 * nothing else in awol may reach it (only lib/store knows SQL; the sql_in_store test,
 * tests/integration/sql_in_store.sh, fails when a file outside lib/store names sqlite3).
 */
#ifndef AWOL_STORE_HANDLE_H
#define AWOL_STORE_HANDLE_H

#include "awol/error.h"
#include "awol/store.h"

struct sqlite3;

/* The underlying SQLite handle (borrowed; valid until awol_store_close). */
struct sqlite3 *awol_store_db(awol_store *st);

/*
 * An SQLite failure on `db` as an awol_error naming the database file, with a hint when
 * the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB).  Returns -AWOL_EDB.  A step loop
 * that ends with anything but SQLITE_DONE has not read every row, and must not pass for
 * a shorter result.
 */
int awol_store_sqlite_error(struct sqlite3 *db, awol_error *err);
/* 0 when a step loop ended with SQLITE_DONE (`step`), else awol_store_sqlite_error. */
int awol_store_step_end(struct sqlite3 *db, int step, awol_error *err);

#endif
