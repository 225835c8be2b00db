/*
 * The statement interface of lib/store (db.h): dispatch, and the SQLite side, kept as
 * thin as a direct call (one branch per call) so that SQLite runs as fast as before.
 */
#include "util/common.h"
#include "db_impl.h"

#include <inttypes.h>

bool awol_db_is_uri(const char *target)
{
	return target && (strncmp(target, "postgresql://", 13) == 0 ||
	                  strncmp(target, "postgres://", 11) == 0);
}

static int db_alloc(awol_db **out, awol_db_dialect_kind kind, const char *name, awol_error *err)
{
	awol_db *db = calloc(1, sizeof(*db));

	*out = NULL;
	if (!db)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	db->kind = kind;
	db->name = strdup(name ? name : "database");
	if (!db->name) {
		free(db);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	*out = db;
	return 0;
}

int awol_db_wrap_sqlite(awol_db **out, struct sqlite3 *handle, const char *name, awol_error *err)
{
	int rc = db_alloc(out, AWOL_DB_SQLITE, name, err);

	if (rc == 0)
		(*out)->lite = handle;
	return rc;
}

int awol_db_open_pg(awol_db **out, const char *conninfo, awol_error *err)
{
	int rc = db_alloc(out, AWOL_DB_PG, "postgresql", err);

	if (rc == 0)
		rc = awol_pg_connect(*out, conninfo, err);
	if (rc < 0) {
		awol_db_close(*out);
		*out = NULL;
	}
	return rc;
}

void awol_db_close(awol_db *db)
{
	if (!db)
		return;
	if (db->kind == AWOL_DB_PG)
		awol_pg_disconnect(db);
	else if (db->own_lite)
		sqlite3_close_v2(db->lite);
	free(db->name);
	free(db);
}

awol_db_dialect_kind awol_db_dialect(const awol_db *db)
{
	return db->kind;
}

const char *awol_db_name(const awol_db *db)
{
	return db ? db->name : "database";
}

struct sqlite3 *awol_db_sqlite(awol_db *db)
{
	return db && db->kind == AWOL_DB_SQLITE ? db->lite : NULL;
}

static int lite_error(awol_db *db, awol_error *err)
{
	int code = sqlite3_errcode(db->lite) & 0xff;

	return awol_error_set(err, AWOL_EDB, "%s: %s%s", db->name, sqlite3_errmsg(db->lite),
	                      code == SQLITE_CORRUPT || code == SQLITE_NOTADB
	                          ? " (the file is damaged: restore a copy, or crawl again "
	                            "into a new database)"
	                          : "");
}

int awol_db_error(awol_db *db, awol_error *err)
{
	if (!db)
		return awol_error_set(err, AWOL_EDB, "no database");
	return db->kind == AWOL_DB_PG ? awol_pg_error(db, err) : lite_error(db, err);
}

int awol_db_prepare(awol_db *db, const char *sql, awol_db_stmt **out, awol_error *err)
{
	awol_db_stmt *s = calloc(1, sizeof(*s));
	int rc = 0;

	*out = NULL;
	if (!s)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	s->db = db;
	if (db->kind == AWOL_DB_PG)
		rc = awol_pg_prepare(s, sql, err);
	else if (sqlite3_prepare_v2(db->lite, sql, -1, &s->lite, NULL) != SQLITE_OK)
		rc = lite_error(db, err);
	if (rc < 0) {
		awol_db_finalize(s);
		return rc;
	}
	*out = s;
	return 0;
}

void awol_db_stream(awol_db_stmt *s)
{
	if (s->db->kind == AWOL_DB_PG)
		awol_pg_stream(s);
}

int awol_db_bind_text(awol_db_stmt *s, int idx, const char *v)
{
	if (s->db->kind == AWOL_DB_PG)
		/* typed even when NULL: `?1 IS NULL` tells PostgreSQL no type */
		return awol_pg_bind(s, idx, v, 25 /* text */, NULL);
	return sqlite3_bind_text(s->lite, idx, v, -1, SQLITE_STATIC) == SQLITE_OK ? 0 : -AWOL_EDB;
}

int awol_db_bind_text_n(awol_db_stmt *s, int idx, const char *v, size_t n)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_bind_copy(s, idx, v, n);
	return sqlite3_bind_text(s->lite, idx, v, (int)n, SQLITE_STATIC) == SQLITE_OK ? 0
	                                                                              : -AWOL_EDB;
}

int awol_db_bind_int64(awol_db_stmt *s, int idx, int64_t v)
{
	if (s->db->kind == AWOL_DB_PG) {
		char num[32];
		snprintf(num, sizeof(num), "%" PRId64, v);
		return awol_pg_bind(s, idx, NULL, 20 /* int8 */, num);
	}
	return sqlite3_bind_int64(s->lite, idx, v) == SQLITE_OK ? 0 : -AWOL_EDB;
}

int awol_db_bind_double(awol_db_stmt *s, int idx, double v)
{
	if (s->db->kind == AWOL_DB_PG) {
		char num[32];
		snprintf(num, sizeof(num), "%.17g", v);
		return awol_pg_bind(s, idx, NULL, 701 /* float8 */, num);
	}
	return sqlite3_bind_double(s->lite, idx, v) == SQLITE_OK ? 0 : -AWOL_EDB;
}

int awol_db_bind_null(awol_db_stmt *s, int idx)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_bind(s, idx, NULL, 0, NULL);
	return sqlite3_bind_null(s->lite, idx) == SQLITE_OK ? 0 : -AWOL_EDB;
}

int awol_db_bind_pointer(awol_db_stmt *s, int idx, void *p, const char *type,
                         void (*destroy)(void *))
{
	if (s->db->kind == AWOL_DB_PG) {
		if (destroy)
			destroy(p);
		return -AWOL_EDB;
	}
	return sqlite3_bind_pointer(s->lite, idx, p, type, destroy) == SQLITE_OK ? 0 : -AWOL_EDB;
}

int awol_db_step(awol_db_stmt *s, awol_error *err)
{
	int rc;

	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_step(s, err);
	rc = sqlite3_step(s->lite);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return lite_error(s->db, err);
}

const char *awol_db_column_text(awol_db_stmt *s, int col)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_column_text(s, col);
	return (const char *)sqlite3_column_text(s->lite, col);
}

size_t awol_db_column_bytes(awol_db_stmt *s, int col)
{
	const char *t;

	if (s->db->kind == AWOL_DB_SQLITE)
		return (size_t)sqlite3_column_bytes(s->lite, col);
	t = awol_pg_column_text(s, col);
	return t ? strlen(t) : 0;
}

int64_t awol_db_column_int64(awol_db_stmt *s, int col)
{
	const char *t;

	if (s->db->kind == AWOL_DB_SQLITE)
		return sqlite3_column_int64(s->lite, col);
	t = awol_pg_column_text(s, col);
	if (!t)
		return 0;
	/* a comparison selected as a value is a boolean in PostgreSQL */
	if ((t[0] == 't' || t[0] == 'f') && !t[1])
		return t[0] == 't';
	return strtoll(t, NULL, 10);
}

double awol_db_column_double(awol_db_stmt *s, int col)
{
	const char *t;

	if (s->db->kind == AWOL_DB_SQLITE)
		return sqlite3_column_double(s->lite, col);
	t = awol_pg_column_text(s, col);
	return t ? strtod(t, NULL) : 0.0;
}

bool awol_db_column_is_null(awol_db_stmt *s, int col)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_column_is_null(s, col);
	return sqlite3_column_type(s->lite, col) == SQLITE_NULL;
}

int awol_db_column_count(awol_db_stmt *s)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_column_count(s);
	return sqlite3_column_count(s->lite);
}

const char *awol_db_column_name(awol_db_stmt *s, int col)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_column_name(s, col);
	return sqlite3_column_name(s->lite, col);
}

int64_t awol_db_changes(awol_db_stmt *s)
{
	if (s->db->kind == AWOL_DB_PG)
		return awol_pg_changes(s);
	return sqlite3_changes(s->db->lite);
}

void awol_db_reset(awol_db_stmt *s)
{
	if (s->db->kind == AWOL_DB_PG)
		awol_pg_reset(s);
	else
		sqlite3_reset(s->lite);
}

void awol_db_clear_bindings(awol_db_stmt *s)
{
	if (s->db->kind == AWOL_DB_PG)
		awol_pg_clear_bindings(s);
	else
		sqlite3_clear_bindings(s->lite);
}

void awol_db_finalize(awol_db_stmt *s)
{
	if (!s)
		return;
	if (s->db->kind == AWOL_DB_PG)
		awol_pg_finalize(s);
	else
		sqlite3_finalize(s->lite);
	free(s);
}

int awol_db_exec(awol_db *db, const char *sql, awol_error *err)
{
	char *msg = NULL;
	int rc;

	if (db->kind == AWOL_DB_PG)
		return awol_pg_exec(db, sql, err);
	if (sqlite3_exec(db->lite, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	rc =
	    awol_error_set(err, AWOL_EDB, "%s: %s", db->name, msg ? msg : sqlite3_errmsg(db->lite));
	sqlite3_free(msg);
	return rc;
}

int awol_db_begin(awol_db *db, awol_error *err)
{
	return awol_db_exec(db, db->kind == AWOL_DB_PG ? "BEGIN" : "BEGIN IMMEDIATE", err);
}

int awol_db_commit(awol_db *db, awol_error *err)
{
	return awol_db_exec(db, "COMMIT", err);
}

int awol_db_rollback(awol_db *db)
{
	return db ? awol_db_exec(db, "ROLLBACK", NULL) : 0;
}

/*
 * `?NNN` and `?` to `$NNN` outside '...' literals, "..." identifiers and comments.  A
 * bare `?` takes the largest index so far plus one, as SQLite numbers it.
 */
char *awol_db_translate_placeholders(const char *sql, int *nparams)
{
	size_t n = strlen(sql), o = 0;
	char *out = malloc(n * 8 + 16); /* "?" -> "$NNNNN" grows at most 6x */
	const char *p = sql;
	int max = 0;

	if (!out)
		return NULL;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			out[o++] = *p++;
			while (*p && *p != q)
				out[o++] = *p++;
			if (*p)
				out[o++] = *p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				out[o++] = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			size_t len = e ? (size_t)(e + 2 - p) : strlen(p);
			memcpy(out + o, p, len);
			o += len;
			p += len;
		} else if (*p == '?') {
			int idx;
			p++;
			if (*p >= '0' && *p <= '9') {
				char *end;
				idx = (int)strtol(p, &end, 10);
				p = end;
			} else
				idx = max + 1;
			if (idx > max)
				max = idx;
			o += (size_t)snprintf(out + o, 16, "$%d", idx);
		} else
			out[o++] = *p++;
	}
	out[o] = '\0';
	*nparams = max;
	return out;
}
