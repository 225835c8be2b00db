/* Private to lib/store/db*.c: the two backends behind db.h. */
#ifndef AWOL_STORE_DB_IMPL_H
#define AWOL_STORE_DB_IMPL_H

#include <sqlite3.h>

#include "db.h"

struct awol_pg_conn;
struct awol_pg_stmt;

struct awol_db {
	awol_db_dialect_kind kind;
	char *name;              /* what messages call the database (no user, no password) */
	sqlite3 *lite;           /* AWOL_DB_SQLITE: borrowed */
	bool own_lite;           /* close `lite` with the connection */
	struct awol_pg_conn *pg; /* AWOL_DB_PG */
};

struct awol_db_stmt {
	awol_db *db;
	sqlite3_stmt *lite;
	struct awol_pg_stmt *pg;
};

/* db_pg.c (stubs failing with "built without PostgreSQL" when libpq is missing) */
int awol_pg_connect(awol_db *db, const char *conninfo, awol_error *err);
void awol_pg_disconnect(awol_db *db);
int awol_pg_prepare(awol_db_stmt *s, const char *sql, awol_error *err);
void awol_pg_stream(awol_db_stmt *s);
int awol_pg_bind(awol_db_stmt *s, int idx, const char *text, unsigned oid, const char *num);
int awol_pg_bind_copy(awol_db_stmt *s, int idx, const char *v, size_t n);
int awol_pg_step(awol_db_stmt *s, awol_error *err);
const char *awol_pg_column_text(awol_db_stmt *s, int col);
bool awol_pg_column_is_null(awol_db_stmt *s, int col);
int awol_pg_column_count(awol_db_stmt *s);
const char *awol_pg_column_name(awol_db_stmt *s, int col);
int64_t awol_pg_changes(awol_db_stmt *s);
void awol_pg_reset(awol_db_stmt *s);
void awol_pg_clear_bindings(awol_db_stmt *s);
void awol_pg_finalize(awol_db_stmt *s);
int awol_pg_exec(awol_db *db, const char *sql, awol_error *err);
int awol_pg_error(awol_db *db, awol_error *err);
/* `?NNN` / `?` placeholders to `$NNN`; *nparams = the largest index.  malloc'd. */
char *awol_db_translate_placeholders(const char *sql, int *nparams);

#endif
