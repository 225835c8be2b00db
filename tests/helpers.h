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

/* Parse a fixture page as if fetched from `url` (NULL: read from a file); the test
 * fails if it cannot be read. Caller frees. */
static inline awol_page *parse_fixture_at(const char *name, const char *url)
{
	char *path = fixture_path(name);
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg = NULL;
	awol_parse_opts o = {0};

	assert_int_equal(awol_file_read(path, &b, NULL), 0);
	o.source = path;
	o.url = url;
	assert_int_equal(awol_page_parse(b.ptr, b.len, &o, &pg, NULL), 0);
	assert_non_null(pg);
	awol_buf_dispose(&b);
	free(path);
	return pg;
}

static inline awol_page *parse_fixture(const char *name)
{
	return parse_fixture_at(name, NULL);
}

#endif
