/*
 * One count with its coverage (lib/store/tally.c): each unit counts what docs/claims.md
 * says, a place cuts the count to its courts, and the count is complete only when complete
 * windows of every court of the place cover the period on every server and article (for
 * decision dates from a year before it).  A gap, a missing server, an article never
 * searched or no crawl at all make it a lower bound.
 */
#include "helpers.h"
#include "store_backend.h"
#include "awol/store_count.h"

static char tmpdir[256];
static awol_store *st;

static void exec(const char *sql)
{
	test_store_exec(st, sql);
}

static int setup(void **state)
{
	char *p;
	int rc;

	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "tally");
	p = test_db_target(tmpdir, "t.db");
	rc = awol_store_open(&st, p, NULL, NULL);
	free(p);
	if (rc < 0)
		return -1;
	/* region 63 (Samara) has one garrison court, 63GV0001; Orenburg 63GV0002 is region 56 */
	exec("INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 't', 'x', 'card', "
	     "'x');"
	     "INSERT INTO cases (id, court_code, case_key, received, decided, result, page_id, "
	     "first_seen, updated_at) VALUES"
	     " (1, '63GV0001', 'a', '2023-02-01', '2023-03-01', 'Вынесен ПРИГОВОР', 1, 'x', 'x'),"
	     " (2, '63GV0001', 'b', '2022-12-20', '2023-01-10', 'Вынесен ПРИГОВОР', 1, 'x', 'x'),"
	     " (3, '63GV0001', 'c', '2023-05-05', '2023-06-01', 'Возвращено прокурору', 1, 'x', "
	     "'x'),"
	     " (4, '63GV0002', 'd', '2023-04-04', NULL, NULL, 1, 'x', 'x'),"
	     " (5, '63GV0001', 'e', '2023-13-01', NULL, NULL, 1, 'x', 'x');"
	     "INSERT INTO persons (id, case_id, seq, decided, result) VALUES"
	     " (1, 1, 0, NULL, NULL), (2, 1, 1, '2023-03-01', 'Уголовное дело ПРЕКРАЩЕНО'),"
	     " (3, 2, 0, NULL, NULL), (4, 3, 0, NULL, NULL), (5, 4, 0, NULL, NULL),"
	     " (6, 5, 0, NULL, NULL);"
	     "INSERT INTO charges (person_id, case_id, seq, article) VALUES"
	     " (1, 1, 0, '337'), (2, 1, 0, '337'), (2, 1, 1, '338'), (3, 2, 0, '337'),"
	     " (4, 3, 0, '338'), (5, 4, 0, '337'), (6, 5, 0, '337');");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	awol_store_close(st);
	return test_tmpdir_remove(tmpdir);
}

static awol_count_result count(const char *unit, const char *articles, const char *from,
                               const char *to, const char *regions)
{
	awol_count_query q = {0};
	awol_count_result r;
	awol_error err = {0};

	q.unit = unit, q.articles = articles, q.from = from, q.to = to, q.regions = regions;
	if (awol_store_count(st, &q, &r, &err) < 0)
		fail_msg("%s", err.msg);
	return r;
}

static long n(const char *unit, const char *articles, const char *regions)
{
	awol_count_result r = count(unit, articles, "2023-01-01", "2023-12-31", regions);
	long c = r.count;

	awol_store_count_dispose(&r);
	return c;
}

static void test_units(void **state)
{
	awol_count_query q = {0};
	awol_error err = {0};
	awol_count_result r;

	(void)state;
	assert_int_equal(n("cases_received", "337", NULL), 2); /* 1, 4 (5's date is no day) */
	assert_int_equal(n("cases_received", "337+338", NULL), 3);
	assert_int_equal(n("cases_received", "337", "63"), 1);       /* the place cuts */
	assert_int_equal(n("cases_decided", "337", NULL), 2);        /* 1, 2 */
	assert_int_equal(n("verdicts", "337", NULL), 2);             /* 1, 2 */
	assert_int_equal(n("verdicts", "338", NULL), 1);             /* 1 (3 was returned) */
	assert_int_equal(n("defendants", "337", NULL), 3);           /* 1, 2, 5 */
	assert_int_equal(n("defendants_convicted", "337", NULL), 2); /* 1, 3 (2 terminated) */
	q.unit = "cases_opened", q.articles = "337", q.from = "2023-01-01", q.to = "2023-12-31";
	assert_true(awol_store_count(st, &q, &r, &err) < 0);
	assert_false(awol_store_count_unit_known("cases_opened"));
	q.unit = "cases_received", q.articles = "ch.33 (all)";
	assert_true(awol_store_count(st, &q, &r, &err) < 0);
}

static void test_coverage(void **state)
{
	awol_count_result r;

	(void)state;
	r = count("cases_received", "337", "2023-01-01", "2023-12-31", "63");
	assert_false(r.complete);
	assert_false(r.crawled);
	assert_non_null(strstr(r.coverage, "coverage unknown"));
	awol_store_count_dispose(&r);
	/* two windows with a gap in June */
	exec("INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	     "status) VALUES ('63GV0001', 1, '337', 'received', '2023-01-01', '2023-05-31', "
	     "'complete'), ('63GV0001', 1, '337', 'received', '2023-07-01', '2023-12-31', "
	     "'complete')");
	r = count("cases_received", "337", "2023-01-01", "2023-12-31", "63");
	assert_false(r.complete);
	assert_int_equal(r.units, 1);
	assert_int_equal(r.units_covered, 0);
	awol_store_count_dispose(&r);
	/* the gap filled, but a second server of the court not walked */
	exec("INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	     "status) VALUES ('63GV0001', 1, '337', 'received', '2023-06-01', '2023-06-30', "
	     "'complete'); UPDATE courts SET servers = 2 WHERE code = '63GV0001'");
	r = count("cases_received", "337", "2023-01-01", "2023-12-31", "63");
	assert_false(r.complete);
	assert_int_equal(r.units, 2);
	assert_int_equal(r.units_covered, 1);
	awol_store_count_dispose(&r);
	exec("UPDATE courts SET servers = 1 WHERE code = '63GV0001'");
	r = count("cases_received", "337", "2023-01-01", "2023-12-31", "63");
	assert_true(r.complete);
	assert_non_null(strstr(r.coverage, "1 of 1"));
	assert_null(strstr(r.coverage, "lower bound"));
	awol_store_count_dispose(&r);
	/* an article never searched */
	r = count("cases_received", "337+338", "2023-01-01", "2023-12-31", "63");
	assert_false(r.complete);
	assert_string_equal(r.not_searched, "338");
	assert_non_null(strstr(r.coverage, "never searched"));
	awol_store_count_dispose(&r);
	/* by decision date the year before must be covered too */
	r = count("verdicts", "337", "2023-01-01", "2023-12-31", "63");
	assert_false(r.complete);
	awol_store_count_dispose(&r);
	exec("INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	     "status) VALUES ('63GV0001', 1, '337', 'received', '2022-01-01', '2022-12-31', "
	     "'complete')");
	r = count("verdicts", "337", "2023-01-01", "2023-12-31", "63");
	assert_true(r.complete);
	awol_store_count_dispose(&r);
	/* national: one garrison court of 104 */
	r = count("cases_received", "337", "2023-01-01", "2023-12-31", NULL);
	assert_false(r.complete);
	assert_true(r.units > 100);
	assert_int_equal(r.units_covered, 1);
	awol_store_count_dispose(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_units),
	    cmocka_unit_test(test_coverage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
