/* Shared test helpers: fixture paths and reading files. */
#ifndef AWOL_TEST_HELPERS_H
#define AWOL_TEST_HELPERS_H

#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/page.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <sqlite3.h>

/* white-box: tests reach the store's SQLite handle to set up and check rows */
#include "store/store_handle.h"

/* A fresh directory /tmp/awol-test-NAME-XXXXXX (dir: at least 64 bytes) for a group. */
static inline void test_tmpdir_make(char *dir, size_t n, const char *name)
{
	snprintf(dir, n, "/tmp/awol-test-%s-XXXXXX", name);
	assert_non_null(mkdtemp(dir));
}

/* Remove it and all it holds; 0 on success (a cmocka teardown's return value). */
static inline int test_tmpdir_remove(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The first column of the first row of sql, as an integer; -1 when there is no row. */
static inline long test_sql_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static inline char *fixture_path(const char *name)
{
	const char *dir = getenv("AWOL_FIXTURES");
	size_t n;
	char *p;

	if (!dir)
		dir = "tests/fixtures";
	n = strlen(dir) + strlen(name) + 16;
	p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/sudrf/%s", dir, name);
	return p;
}

/* Parse a fixture page as if fetched from `url` (NULL: read from a file), with the act
 * texts embedded in cards when `act_texts`, with libxml2 alone when `dom_only`; the test
 * fails if it cannot be read. Caller frees. */
static inline awol_page *parse_with(const char *name, const char *url, bool act_texts,
                                    bool dom_only)
{
	char *path = fixture_path(name);
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg = NULL;
	awol_parse_opts o = {0};

	assert_int_equal(awol_file_read(path, &b, NULL), 0);
	o.source = path;
	o.url = url;
	o.act_texts = act_texts;
	o.dom_only = dom_only;
	assert_int_equal(awol_page_parse(b.ptr, b.len, &o, &pg, NULL), 0);
	assert_non_null(pg);
	awol_buf_dispose(&b);
	free(path);
	return pg;
}

static inline awol_page *parse_fixture_at(const char *name, const char *url)
{
	return parse_with(name, url, false, false);
}

static inline awol_page *parse_fixture(const char *name)
{
	return parse_fixture_at(name, NULL);
}

#endif
