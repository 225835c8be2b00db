/*
 * The database a store test runs on: an SQLite file in the test's folder, or, when
 * AWOL_TEST_DB holds a postgresql:// URI (tests/pg/run_pg.sh sets it), a schema of its
 * own in that PostgreSQL database, made empty for the test.  Queries a test makes
 * behind the store's back go through the store's own connection (lib/store/db.h), so
 * they read the same on both.
 */
#ifndef AWOL_TEST_STORE_BACKEND_H
#define AWOL_TEST_STORE_BACKEND_H

#include "helpers.h"
#include "store/store_priv.h"

static inline const char *test_pg_uri(void)
{
	const char *u = getenv("AWOL_TEST_DB");
	return u && awol_db_is_uri(u) ? u : NULL;
}

/* malloc'd: "DIR/NAME", or the PostgreSQL URI of a fresh schema named after NAME */
static inline char *test_db_target(const char *dir, const char *name)
{
	const char *uri = test_pg_uri();
	char schema[64], sql[200], *out = malloc(1024);
	awol_db *db = NULL;
	awol_error err = {0};
	size_t i, o = 0;

	assert_non_null(out);
	if (!uri) {
		snprintf(out, 1024, "%s/%s", dir, name);
		return out;
	}
	o = (size_t)snprintf(schema, sizeof(schema), "t_");
	for (i = 0; name[i] && o < sizeof(schema) - 1; i++)
		schema[o++] =
		    (char)((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')
		               ? name[i]
		               : '_');
	schema[o] = '\0';
	if (awol_db_open_pg(&db, uri, &err) < 0)
		fail_msg("%s", err.msg);
	snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
	         schema);
	if (awol_db_exec(db, sql, &err) < 0)
		fail_msg("%s", err.msg);
	awol_db_close(db);
	snprintf(out, 1024, "%s%soptions=-csearch_path%%3D%s", uri, strchr(uri, '?') ? "&" : "?",
	         schema);
	/* the key of a PostgreSQL store: beside the test's files, never in the user's HOME */
	setenv("XDG_CONFIG_HOME", dir, 1);
	return out;
}

/* The first column of the first row of `sql` as a number; -1 when no row. */
static inline long test_store_long(awol_store *st, const char *sql)
{
	awol_db_stmt *s = NULL;
	awol_error err = {0};
	long n = -1;
	int rc;

	if (awol_db_prepare(st->conn, sql, &s, &err) < 0)
		fail_msg("%s", err.msg);
	rc = awol_db_step(s, &err);
	if (rc < 0)
		fail_msg("%s", err.msg);
	if (rc == 1)
		n = (long)awol_db_column_int64(s, 0);
	awol_db_finalize(s);
	return n;
}

/* The first column of the first row as text (malloc'd; NULL when no row or NULL). */
static inline char *test_store_text(awol_store *st, const char *sql)
{
	awol_db_stmt *s = NULL;
	awol_error err = {0};
	char *t = NULL;

	if (awol_db_prepare(st->conn, sql, &s, &err) < 0)
		fail_msg("%s", err.msg);
	if (awol_db_step(s, &err) == 1 && awol_db_column_text(s, 0))
		t = strdup(awol_db_column_text(s, 0));
	awol_db_finalize(s);
	return t;
}

static inline void test_store_exec(awol_store *st, const char *sql)
{
	awol_error err = {0};

	if (awol_db_exec(st->conn, sql, &err) < 0)
		fail_msg("%s", err.msg);
}

#endif
