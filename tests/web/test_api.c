/*
 * The API's routes on a small database: each answer is the library's JSON for the
 * same query (what the CLI prints), and every bad parameter is refused with the
 * parameter named, before any query runs.
 */
#include "helpers.h"
#include "awol/listings.h"
#include "awol/stats.h"
#include "awol/web.h"

#include <jansson.h>
#include <sqlite3.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "web");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_tmpdir_remove(tmpdir);
}

/* A request's parameters: "key", "value", ..., NULL. */
static const char *kv(void *ctx, const char *key)
{
	const char *const *p;

	for (p = ctx; p[0]; p += 2)
		if (strcmp(p[0], key) == 0)
			return p[1];
	return NULL;
}

static awol_store *db(void)
{
	char p[512];
	awol_store *st = NULL;
	awol_error err = {0};

	snprintf(p, sizeof(p), "%s/w.db", tmpdir);
	if (awol_store_open(&st, p, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

static int ask(awol_store *st, const char *route, const char **params, json_t **out,
               awol_web_fail *f)
{
	awol_web_req rq = {kv, (void *)params, NULL, 0};
	return awol_web_api(st, route, &rq, out, f);
}

static void test_stats_is_the_cli_json(void **state)
{
	awol_store *st = db();
	const char *p[] = {"by", "year", "group", "article", "article", "337,338", NULL};
	awol_stats_query q = {0};
	awol_stats_result r;
	awol_error err = {0};
	awol_web_fail f;
	json_t *got = NULL, *want;

	(void)state;
	assert_int_equal(ask(st, "/api/stats", p, &got, &f), 0);
	q.by = "year", q.group = "article", q.articles = "337,338";
	assert_int_equal(awol_stats_run(st, &q, &r, &err), 0);
	want = awol_stats_to_json(&q, &r, NULL);
	assert_true(json_equal(got, want));
	json_decref(got);
	json_decref(want);
	awol_stats_dispose(&r);
	awol_store_close(st);
}

static void test_bad_parameters_named(void **state)
{
	static const char *const cases[][3] = {
	    {"from", "2023-02-30", "from"},
	    {"from", "2023-1-1", "from"},
	    {"to", "tomorrow", "to"},
	    {"by", "decade", "by"},
	    {"unit", "cases;", "unit"},
	    {"group", "judge", "group"},
	    {"date", "filed", "date"},
	    {"article", "337,", "article"},
	    {"article", "33a", "article"},
	    {"article", "12345", "article"},
	    {"article", "337.123", "article"},
	    {"part", "5'--", "part"},
	    {"part", "..", "part"},
	};
	awol_store *st = db();
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(cases); i++) {
		const char *p[] = {cases[i][0], cases[i][1], NULL};
		awol_web_fail f;
		json_t *o = NULL;
		assert_true(ask(st, "/api/stats", p, &o, &f) < 0);
		assert_null(o);
		assert_int_equal(f.status, 400);
		assert_string_equal(f.param, cases[i][2]);
	}
	{
		const char *p[] = {"from", "2023-05-01", "to", "2023-01-01", NULL};
		awol_web_fail f;
		json_t *o = NULL;
		assert_true(ask(st, "/api/stats", p, &o, &f) < 0);
		assert_string_equal(f.param, "from");
	}
	{
		const char *p[] = {"date", "filed", NULL}, *q[] = {"court", "77gv0005", NULL};
		const char *r[] = {"outcome", "moon", NULL};
		awol_web_fail f;
		json_t *o = NULL;
		assert_true(ask(st, "/api/cases", p, &o, &f) < 0);
		assert_string_equal(f.param, "date");
		assert_true(ask(st, "/api/cases", r, &o, &f) < 0);
		assert_int_equal(f.status, 400);
		assert_non_null(strstr(f.msg, "moon"));
		assert_true(ask(st, "/api/cases", q, &o, &f) < 0);
		assert_string_equal(f.param, "court");
	}
	awol_store_close(st);
}

/* /api/cases?limit=&offset=: a page of `awol cases`, court by court in order of receipt,
 * with count (the page) and total (all the filters select); each case's card url. */
static void test_cases_paged(void **state)
{
	awol_store *st = db();
	awol_web_fail f;
	json_t *o = NULL;
	const char *all[] = {NULL}, *page[] = {"limit", "2", "offset", "1", NULL};
	const char *art[] = {"article", "337", "limit", "1", "offset", "1", NULL};
	const char *bad[] = {"limit", "-1", NULL}, *past[] = {"offset", "9", NULL};

	(void)state;
	assert_int_equal(
	    sqlite3_exec(
	        awol_store_db(st),
	        "INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, "
	        "'https://2vs--mo.sudrf.ru/modules.php?name=sud_delo&name_op=case&case_id=1', 'x', "
	        "'card', 'x'), (2, '/tmp/saved.html', 'y', 'card', 'x');"
	        "INSERT INTO cases (id, court_code, case_key, number, received, page_id, "
	        "first_seen, updated_at) VALUES (1, '77GV0005', 'A', 'n1', '2023-01-02', 1, 'x', "
	        "'x'), (2, '63GV0006', 'B', 'n2', '2023-01-31', 2, 'x', 'x'), (3, '77GV0005', "
	        "'C', 'n3', '2022-01-15', 1, 'x', 'x'), (4, '77GV0005', 'D', 'n4', '2023-05-03', "
	        "NULL, 'x', 'x');"
	        "INSERT INTO persons (id, case_id, seq) VALUES (1, 1, 1), (2, 2, 1), (3, 3, 1), "
	        "(4, 4, 1);"
	        "INSERT INTO charges (id, person_id, case_id, seq, article) VALUES (1, 1, 1, 1, "
	        "'337'), (2, 2, 2, 1, '338'), (3, 3, 3, 1, '337'), (4, 4, 4, 1, '337');",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	/* court by court (63GV0006 first), in order of receipt: n2, n3, n1, n4 */
	assert_int_equal(ask(st, "/api/cases", all, &o, &f), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 4);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(o, "rows"), 0), "number")),
	                    "n2");
	/* the url is the card's web address; a case read from a file has none */
	assert_null(json_string_value(
	    json_object_get(json_array_get(json_object_get(o, "rows"), 0), "url")));
	assert_non_null(strstr(json_string_value(json_object_get(
	                           json_array_get(json_object_get(o, "rows"), 1), "url")),
	                       "https://2vs--mo.sudrf.ru/"));
	json_decref(o);
	assert_int_equal(ask(st, "/api/cases", page, &o, &f), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 2);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(o, "rows"), 0), "number")),
	                    "n3");
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(o, "rows"), 1), "number")),
	                    "n1");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "query"), "limit")),
	                 2);
	json_decref(o);
	/* filtered and paged: the total is of the filter */
	assert_int_equal(ask(st, "/api/cases", art, &o, &f), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 3);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(o, "rows"), 0), "number")),
	                    "n1");
	json_decref(o);
	assert_int_equal(ask(st, "/api/cases", past, &o, &f), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
	json_decref(o);
	o = NULL;
	assert_true(ask(st, "/api/cases", bad, &o, &f) < 0);
	assert_int_equal(f.status, 400);
	assert_string_equal(f.param, "limit");
	awol_store_close(st);
}

static void test_routes_and_params_known(void **state)
{
	awol_store *st = db();
	const char *none[] = {NULL};
	awol_web_fail f;
	json_t *o = NULL;

	(void)state;
	assert_true(awol_web_route_known("/api/stats"));
	assert_false(awol_web_route_known("/api/stats/"));
	assert_false(awol_web_route_known("/api/../etc/passwd"));
	assert_true(awol_web_param_known("/api/stats", "article"));
	assert_true(awol_web_param_known("/api/stats", "court"));
	assert_false(awol_web_param_known("/api/stats", "region"));
	assert_false(awol_web_param_known("/api/coverage", "x"));
	assert_true(ask(st, "/api/nope", none, &o, &f) < 0);
	assert_int_equal(f.status, 404);
	assert_true(ask(st, "/api/check", none, &o, &f) < 0);
	assert_int_equal(f.status, 400);
	assert_string_equal(f.param, "claims");
	assert_int_equal(ask(st, "/api/coverage", none, &o, &f), 0);
	assert_true(json_is_array(json_object_get(o, "rows")));
	assert_int_equal(json_array_size(json_object_get(o, "rows")), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 0);
	json_decref(o);
	assert_int_equal(ask(st, "/api/courts", none, &o, &f), 0);
	{
		/* the document `awol courts --db` prints, built by the same function */
		awol_table t;
		awol_error e = {0};
		json_t *want;
		assert_int_equal(awol_courts_listing(st, awol_store_path(st), NULL, &t, &e), 0);
		want = awol_table_doc(&t);
		assert_true(json_equal(o, want));
		assert_true(json_array_size(json_object_get(o, "rows")) > 100);
		json_decref(want);
		awol_table_dispose(&t);
	}
	json_decref(o);
	awol_store_close(st);
}

static void test_check_in_memory(void **state)
{
	awol_store *st = db();
	static const char yaml[] =
	    "title: t\nclaims:\n  - id: a\n    text: x\n    kind: count\n    value: 1001\n"
	    "    says: {unit: cases_received, articles: '337', period: '2022'}\n";
	awol_web_req rq = {kv, NULL, yaml, sizeof(yaml) - 1};
	const char *none[] = {NULL};
	awol_web_fail f;
	json_t *o = NULL;

	(void)state;
	rq.ctx = (void *)none;
	if (awol_web_api(st, "/api/check", &rq, &o, &f) < 0)
		fail_msg("%s", f.msg);
	assert_string_equal(json_string_value(json_object_get(o, "title")), "t");
	assert_int_equal(json_array_size(json_object_get(o, "rows")), 1);
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 1);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(json_object_get(o, "rows"), 0), "id")),
	    "a");
	json_decref(o);
	rq.body = "claims: [";
	rq.body_len = 9;
	assert_true(awol_web_api(st, "/api/check", &rq, &o, &f) < 0);
	assert_int_equal(f.status, 400);
	assert_non_null(strstr(f.msg, "claims:"));
	awol_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stats_is_the_cli_json),
	    cmocka_unit_test(test_bad_parameters_named),
	    cmocka_unit_test(test_routes_and_params_known),
	    cmocka_unit_test(test_cases_paged),
	    cmocka_unit_test(test_check_in_memory),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
