/*
 * Counting from the case-count summary gives exactly what the general query
 * gives: on a hand-built database with known answers and on randomly
 * generated ones, for every period, group, date axis, article filter and
 * range the summary serves; and the summary is never read once cases,
 * persons or charges change (raw SQL, re-import, migration) until rebuilt.
 */
#include "helpers.h"
#include "store_backend.h"
#include "util/date.h"
#include "awol/stats.h"
#include "awol/store.h"
#include "awol/store_count.h"

#include <math.h>
#include <unistd.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "stats");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_tmpdir_remove(tmpdir);
}

/* Each test has a database of its own name (made empty when first opened). */
static awol_store *open_db(const char *name, bool read_only)
{
	static char last_name[64], *last;
	awol_store *st = NULL;
	awol_store_opts o = {0};
	awol_error err = {0};

	if (!last || strcmp(last_name, name) != 0) {
		free(last);
		last = test_db_target(tmpdir, name);
		snprintf(last_name, sizeof(last_name), "%s", name);
	}
	o.read_only = read_only;
	if (awol_store_open(&st, last, &o, &err) < 0)
		fail_msg("%s", err.msg);
	return st;
}

static void exec(awol_store *st, const char *sql)
{
	test_store_exec(st, sql);
}

static long value(awol_store *st, const char *sql)
{
	return test_store_long(st, sql);
}

static bool fresh(awol_store *st)
{
	bool f = false;

	assert_int_equal(awol_store_counts_fresh(st, &f, NULL), 0);
	return f;
}

static void refresh(awol_store *st)
{
	awol_error err = {0};

	if (awol_store_counts_refresh(st, false, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_true(fresh(st));
}

static size_t compared, from_summary;

static void describe(const awol_stats_query *q, char *out, size_t n)
{
	snprintf(out, n, "unit=%s by=%s group=%s article=%s part=%s from=%s to=%s date=%s",
	         q->unit ? q->unit : "-", q->by ? q->by : "-", q->group ? q->group : "-",
	         q->articles ? q->articles : "-", q->part ? q->part : "-", q->from ? q->from : "-",
	         q->to ? q->to : "-", q->date ? q->date : "-");
}

/* The same query both ways: the results must be equal row for row. */
static void same_both_ways(awol_store *st, const awol_stats_query *q0, bool want_summary)
{
	awol_stats_query q = *q0;
	awol_stats_result g, f;
	awol_error err = {0};
	char what[512];
	size_t i;

	describe(q0, what, sizeof(what));
	q.general = true;
	if (awol_stats_run(st, &q, &g, &err) < 0)
		fail_msg("%s: %s", what, err.msg);
	q.general = false;
	if (awol_stats_run(st, &q, &f, &err) < 0)
		fail_msg("%s: %s", what, err.msg);
	if (g.from_summary || f.from_summary != want_summary)
		fail_msg("%s: from_summary %d (want %d)", what, f.from_summary, want_summary);
	if (g.total != f.total || g.nrows != f.nrows)
		fail_msg("%s: total %ld/%ld rows %zu/%zu", what, g.total, f.total, g.nrows,
		         f.nrows);
	for (i = 0; i < g.nrows; i++) {
		const awol_stats_row *a = &g.rows[i], *b = &f.rows[i];
		if (strcmp(a->period, b->period) || strcmp(a->group, b->group) ||
		    a->count != b->count || a->prev != b->prev || a->year_ago != b->year_ago ||
		    strcmp(a->start, b->start) || strcmp(a->end, b->end) || a->days != b->days ||
		    a->partial != b->partial || a->collected != b->collected ||
		    a->previous.comparable != b->previous.comparable)
			fail_msg("%s: row %zu: %s %s %ld %ld %ld vs %s %s %ld %ld %ld", what, i,
			         a->period, a->group, a->count, a->prev, a->year_ago, b->period,
			         b->group, b->count, b->prev, b->year_ago);
	}
	assert_int_equal(g.nunrecognised, f.nunrecognised);
	for (i = 0; i < g.nunrecognised; i++)
		assert_string_equal(g.unrecognised[i], f.unrecognised[i]);
	compared++;
	from_summary += f.from_summary;
	awol_stats_dispose(&g);
	awol_stats_dispose(&f);
}

/*
 * Every query the summary serves, and a few it does not, over ranges of every shape;
 * every period for each (full), or one period in turn (larger databases).
 */
static void compare_all(awol_store *st, bool summary_fresh, bool full)
{
	static const char *const bys[] = {"week", "month", "quarter", "half", "year"};
	static const char *const groups[] = {
	    NULL,    "article", "court",           "region",       "district",
	    "level", "outcome", "article,outcome", "region,court", "level,article,district"};
	static const char *const articles[] = {NULL, "337", "337,338", "332,334,339"};
	/* the range, and whether the summary takes part (not inside one segment) */
	static const char *const ranges[][3] = {
	    {NULL, NULL, "y"},                  /* everything */
	    {"2021-01-01", "2021-12-31", "y"},  /* a year: whole segments */
	    {"2021-03-10", "2023-11-17", "y"},  /* part segments at both ends */
	    {"2022-05-03", "2022-05-05", NULL}, /* inside one segment */
	    {"2022-05-02", "2022-05-08", "y"},  /* exactly one segment (Monday to Sunday) */
	    {"2022-06-15", NULL, "y"},          /* from only */
	    {NULL, "2021-09-29", "y"},          /* to only */
	    {"2021-12-27", "2022-01-09", "y"},  /* weeks across the new year */
	    {"2022-02-28", "2022-03-01", "y"},  /* two segments, each in part */
	};
	static const char *const dates[] = {"received", "decided"};
	/* --court: one court, and several with one outside the registry */
	static const char *const courts[] = {NULL, "77GV0005", "63GV0006,unknown"};
	size_t b, g, a, r, d, c;

	for (b = 0; b < AWOL_ARRAY_SIZE(bys); b++)
		for (g = 0; g < AWOL_ARRAY_SIZE(groups); g++)
			for (a = 0; a < AWOL_ARRAY_SIZE(articles); a++)
				for (r = 0; r < AWOL_ARRAY_SIZE(ranges); r++)
					for (d = 0; d < AWOL_ARRAY_SIZE(dates); d++)
						for (c = 0; c < AWOL_ARRAY_SIZE(courts); c++) {
							awol_stats_query q = {0};
							if (!full && (g + a + r + d) % 5 != b)
								continue;
							/* a court filter on every third combination
							 */
							if (c && (g + a + r + d + c) % 3 != 0)
								continue;
							q.courts = courts[c];
							q.by = bys[b];
							q.group = groups[g];
							q.articles = articles[a];
							q.from = ranges[r][0];
							q.to = ranges[r][1];
							q.date = dates[d];
							same_both_ways(
							    st, &q, summary_fresh && ranges[r][2]);
						}
	/* not served by the summary: the general query both times */
	{
		awol_stats_query q = {0};
		q.unit = "defendants";
		same_both_ways(st, &q, false);
		q.unit = "charges";
		q.group = "article";
		same_both_ways(st, &q, false);
		q.unit = NULL;
		q.group = "part";
		same_both_ways(st, &q, false);
		q.group = NULL;
		q.part = "5";
		same_both_ways(st, &q, false);
	}
}

static const char hand_built[] =
    "INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 't', 'x', 'card', 'x');\n"
    "INSERT INTO cases (id, court_code, case_key, received, decided, result, page_id, "
    "first_seen, updated_at) VALUES\n"
    /* two defendants under 337; one also under 338 */
    " (1, '77GV0005', 'A', '2023-01-02', '2023-02-01', 'Вынесен ПРИГОВОР', 1, 'x', 'x'),\n"
    /* no decision yet */
    " (2, '63GV0006', 'B', '2023-01-31', NULL, NULL, 1, 'x', 'x'),\n"
    " (3, '77GV0005', 'C', '2022-01-15', '2022-03-01', 'Уголовное дело ПРЕКРАЩЕНО СУДЕБНЫЙ "
    "ШТРАФ', 1, 'x', 'x'),\n"
    /* a defendant under 337, another under 338: once under each, once in the total */
    " (4, '77GV0005', 'D', '2021-01-03', '2021-02-01', 'Возвращено прокурору', 1, 'x', 'x'),\n"
    " (5, '63GV0006', 'E', '2023-07-01', '2023-08-01', 'что-то непонятное', 1, 'x', 'x'),\n"
    /* a court outside the registry, an article not understood (NULL) */
    " (6, 'unknown', 'F', '2023-07-02', NULL, NULL, 1, 'x', 'x'),\n"
    /* no charges at all: counted nowhere */
    " (7, '77GV0005', 'G', '2023-03-03', NULL, 'странный итог', 1, 'x', 'x'),\n"
    /* dates that are not ISO days: no period on that axis */
    " (8, '77GV0005', 'H', '2023-02-30', '2023-3-1', NULL, 1, 'x', 'x'),\n"
    " (9, '77GV0005', 'I', 'soon', '2023-05-05', 'Вынесен ПРИГОВОР', 1, 'x', 'x');\n"
    "INSERT INTO persons (id, case_id, seq, pseudonym, name_hidden) VALUES\n"
    " (1, 1, 0, 'p1', 0), (2, 1, 1, 'p2', 0), (3, 2, 0, NULL, 1), (4, 3, 0, 'p4', 0),\n"
    " (5, 4, 0, 'p5', 0), (6, 4, 1, 'p6', 0), (7, 5, 0, 'p7', 0), (8, 6, 0, 'p8', 0),\n"
    " (9, 7, 0, 'p9', 0), (10, 8, 0, 'p10', 0), (11, 9, 0, 'p11', 0);\n"
    "INSERT INTO charges (person_id, case_id, seq, article, part) VALUES\n"
    " (1, 1, 0, '337', '5'), (1, 1, 1, '338', '1'), (2, 1, 0, '337', '5'),\n"
    " (3, 2, 0, '337', '3.1'), (4, 3, 0, '337', '4'), (5, 4, 0, '337', '5'),\n"
    " (6, 4, 0, '338', '1'), (7, 5, 0, '332', '1'), (8, 6, 0, NULL, NULL),\n"
    " (8, 6, 1, '337', NULL), (10, 8, 0, '337', '5'), (11, 9, 0, '338', '2');\n";

/* Run q, which must succeed, and check which way it was counted. */
static void run(awol_store *st, const awol_stats_query *q, awol_stats_result *r, bool want_summary)
{
	awol_error err = {0};

	if (awol_stats_run(st, q, r, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(r->from_summary, want_summary);
}

static long count_of(const awol_stats_result *r, const char *period, const char *group)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].period, period) == 0 && strcmp(r->rows[i].group, group) == 0)
			return r->rows[i].count;
	return -1;
}

static void test_hand_built(void **state)
{
	awol_store *st = open_db("hand.db", false);
	awol_stats_query q = {0};
	awol_stats_result r;

	(void)state;
	exec(st, hand_built);
	assert_false(fresh(st));
	compare_all(st, false, true); /* stale: the general query both ways */
	refresh(st);
	compare_all(st, true, true);
	/* known answers, from the summary */
	q.by = "year";
	q.group = "article";
	run(st, &q, &r, true);
	assert_int_equal(count_of(&r, "2021", "337"), 1);
	assert_int_equal(count_of(&r, "2021", "338"), 1);
	assert_int_equal(count_of(&r, "2021", "(total)"), 1);
	assert_int_equal(count_of(&r, "2023", "337"), 3);     /* cases 1, 2, 6 */
	assert_int_equal(count_of(&r, "2023", ""), 1);        /* case 6's NULL article */
	assert_int_equal(count_of(&r, "2023", "(total)"), 4); /* 1, 2, 5, 6 */
	assert_int_equal(r.total, 6);
	awol_stats_dispose(&r);
	q.group = "outcome";
	q.date = "decided";
	run(st, &q, &r, true);
	assert_int_equal(count_of(&r, "2023", "convicted"), 2); /* cases 1 and 9 */
	assert_int_equal(r.nunrecognised, 2);
	awol_stats_dispose(&r);
	awol_store_close(st);
}

static uint64_t rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* n cases over 2020-2024: several defendants and articles, odd dates and courts. */
static void random_cases(awol_store *st, int first, int n)
{
	static const char *const courts[] = {"77GV0005", "63GV0006", "unknown", "99XX0001", NULL};
	static const char *const results[] = {
	    NULL,
	    "Вынесен ПРИГОВОР",
	    "Возвращено прокурору",
	    "Уголовное дело ПРЕКРАЩЕНО в связи с примирением сторон",
	    "Направлено по подсудности (подведомственности)",
	    "что-то непонятное",
	    ""};
	static const char *const articles[] = {"'337'", "'337'", "'338'", "'332'",
	                                       "'334'", "'339'", "NULL",  "''"};
	static const char *const parts[] = {"'1'", "'5'", "'3.1'", "NULL"};
	/* another code's article of the same number never counts */
	static const char *const laws[] = {"NULL", "NULL", "NULL", "'УК РФ'", "'КоАП РФ'"};
	static const char *const odd[] = {"'2023-02-30'", "'soon'", "''", "'2022-1-5'"};
	awol_buf b = AWOL_BUF_INIT;
	int i, p, h, pid = first * 4;

	awol_buf_puts(&b, "BEGIN;", NULL);
	for (i = first; i < first + n; i++) {
		long day = awol_date_to_days((awol_date){2020, 1, 1}) + rnd(5 * 365 + 1);
		char rec[16], dec[16];
		const char *court = courts[rnd(4)];
		const char *res = results[rnd(AWOL_ARRAY_SIZE(results))];
		int np = rnd(20) == 0 ? 0 : 1 + (int)rnd(3);
		awol_date d = awol_date_from_days(day);
		if (rnd(3) == 0) {
			/* a court of the registry: regions, districts and levels vary */
			char q[96], *code;
			snprintf(q, sizeof(q),
			         "SELECT code FROM courts ORDER BY code LIMIT 1 OFFSET %ld",
			         (long)rnd(115));
			code = test_store_text(st, q);
			snprintf(rec, sizeof(rec), "%s", code ? code : "");
			free(code);
			court = rec;
		}
		awol_buf_printf(&b, NULL,
		                "INSERT INTO cases (id, court_code, case_key, received, decided, "
		                "result, first_seen, updated_at) VALUES (%d, '%s', 'k%d', ",
		                i, court, i);
		awol_date_iso(d, rec);
		awol_date_iso(awol_date_from_days(day + rnd(200)), dec);
		if (rnd(30) == 0)
			awol_buf_puts(&b, rnd(2) ? "NULL" : odd[rnd(4)], NULL);
		else
			awol_buf_printf(&b, NULL, "'%s'", rec);
		if (rnd(30) == 0)
			awol_buf_printf(&b, NULL, ", %s", odd[rnd(4)]);
		else if (rnd(5) < 2)
			awol_buf_puts(&b, ", NULL", NULL);
		else
			awol_buf_printf(&b, NULL, ", '%s'", dec);
		if (res)
			awol_buf_printf(&b, NULL, ", '%s', 'x', 'x');\n", res);
		else
			awol_buf_puts(&b, ", NULL, 'x', 'x');\n", NULL);
		for (p = 0; p < np; p++) {
			int nh = rnd(15) == 0 ? 0 : 1 + (int)rnd(3);
			pid++;
			awol_buf_printf(
			    &b, NULL,
			    "INSERT INTO persons (id, case_id, seq, name_hidden) VALUES "
			    "(%d, %d, %d, 1);\n",
			    pid, i, p);
			for (h = 0; h < nh; h++)
				awol_buf_printf(
				    &b, NULL,
				    "INSERT INTO charges (person_id, case_id, seq, law, article, "
				    "part) VALUES (%d, %d, %d, %s, %s, %s);\n",
				    pid, i, h, laws[rnd(AWOL_ARRAY_SIZE(laws))],
				    articles[rnd(AWOL_ARRAY_SIZE(articles))], parts[rnd(4)]);
		}
	}
	awol_buf_puts(&b, "COMMIT;", NULL);
	exec(st, awol_buf_cstr(&b));
	awol_buf_dispose(&b);
}

/*
 * Counts of many ranges at once (awol_stats_memo: the summary added up in memory, the ends
 * of every range read in one statement) equal the counts one at a time, basis and all;
 * the counts of a place equal awol_store_count's, the per-figure answer `stats --compare`
 * gave before the memo.  held: whether the summary is fresh (the memo holds the counts).
 */
static void same_with_memo(awol_store *st, bool held)
{
	/* whole segments, partial ones, a range inside one segment, one day, one with no
	 * case, article lists with and without sets in the summary */
	static const awol_stats_range country[] = {
	    {"337", "2021-03-10", "2023-11-17", NULL, NULL},
	    {"337+338", "2022-09-21", "2023-09-30", NULL, NULL},
	    {"338,332", "2020-01-01", "2024-12-31", NULL, NULL},
	    {"337", "2022-09-21", "2023-04-03", NULL, NULL},
	    {"339", "2021-12-27", "2022-01-09", NULL, NULL},
	    {"337+338", "2022-05-03", "2022-05-05", NULL, NULL},
	    {"337", "2023-02-28", "2023-03-01", NULL, NULL},
	    {"332+334+339", "2020-02-15", "2024-07-17", NULL, NULL},
	    {"337", "2023-05-01", "2023-05-07", NULL, NULL},
	    {"338", "2022-07-14", "2022-07-14", NULL, NULL},
	    {"158", "2021-01-01", "2021-12-31", NULL, NULL},
	};
	awol_stats_range ranges[AWOL_ARRAY_SIZE(country) * 4];
	char *r1 = test_store_text(st, "SELECT DISTINCT k.region_code FROM cases c JOIN courts k "
	                               "ON k.code = c.court_code ORDER BY 1 LIMIT 1");
	char *r2 = test_store_text(st, "SELECT DISTINCT k.region_code FROM cases c JOIN courts k "
	                               "ON k.code = c.court_code ORDER BY 1 LIMIT 1 OFFSET 1");
	char regions[64];
	char *region = test_store_text(st, "SELECT k.region_code FROM cases c JOIN courts k ON "
	                                   "k.code = c.court_code ORDER BY c.id DESC LIMIT 1");
	/* a court of the registry, one not in it, one with no case */
	const char *courts = "77GV0005,99XX0001,25GV0002";
	awol_stats_memo *m = NULL;
	awol_error err = {0};
	size_t i, n = 0, nheld = 0, npositive = 0;

	assert_non_null(r1);
	assert_non_null(r2);
	assert_non_null(region);
	snprintf(regions, sizeof(regions), "%s,%s", r1, r2);
	for (i = 0; i < AWOL_ARRAY_SIZE(country); i++) {
		ranges[n++] = country[i];
		ranges[n] = country[i], ranges[n++].regions = regions;
		ranges[n] = country[i], ranges[n++].regions = region;
		ranges[n] = country[i], ranges[n++].courts = courts;
	}
	if (awol_stats_memo_new(st, ranges, n, &m, &err) < 0)
		fail_msg("%s", err.msg);
	for (i = 0; i < n; i++) {
		const awol_stats_range *r = &ranges[i];
		long one, many;
		awol_stats_basis b1, b2;
		awol_count_query q = {"cases_received", r->articles, r->from, r->to,
		                      r->regions,       r->courts,   false};
		awol_count_result cr;
		if (awol_stats_memo_count(m, r, &many) == 1) {
			nheld++;
			if (awol_store_count(st, &q, &cr, &err) < 0)
				fail_msg("%s", err.msg);
			if (cr.count != many)
				fail_msg("%s %s..%s in %s: %ld counted alone, %ld with the memo",
				         r->articles, r->from, r->to,
				         r->regions  ? r->regions
				         : r->courts ? r->courts
				                     : "Russia",
				         cr.count, many);
			awol_store_count_dispose(&cr);
		}
		if (r->regions || r->courts)
			continue;
		if (awol_stats_count_received_basis(st, r->articles, r->from, r->to, &one, &b1,
		                                    &err) < 0 ||
		    awol_stats_count_received_memo(st, m, r->articles, r->from, r->to, &many, &b2,
		                                   &err) < 0)
			fail_msg("%s", err.msg);
		if (one != many || b1.known != b2.known || b1.days != b2.days ||
		    b1.range_days != b2.range_days || b1.searched != b2.searched ||
		    b1.lower_bound != b2.lower_bound)
			fail_msg("%s %s..%s: %ld one at a time, %ld with the memo", r->articles,
			         r->from, r->to, one, many);
		npositive += one > 0;
	}
	assert_true(npositive >= 8); /* counts of cases, not of nothing */
	/* the memo holds every range but those inside one segment (counted whole) */
	if (held)
		assert_true(nheld >= n - 4 * 3);
	else
		assert_int_equal(nheld, 0);
	awol_stats_memo_free(m);
	free(r1);
	free(r2);
	free(region);
}

static void test_random(void **state)
{
	awol_store *st = open_db("random.db", false);

	(void)state;
	random_cases(st, 1, 1000);
	same_with_memo(st, false); /* stale: whole ranges */
	refresh(st);
	compare_all(st, true, false);
	same_with_memo(st, true);
	/* more cases, and changes to some: stale until refreshed */
	random_cases(st, 1001, 200);
	exec(st, "UPDATE charges SET article = '338' WHERE id % 7 = 0;"
	         "DELETE FROM persons WHERE id % 13 = 0;");
	/* date arithmetic differs: SQLite's date() is NULL where PostgreSQL's cast fails */
	exec(st, test_pg_uri()
	             ? "UPDATE cases SET received = CASE WHEN awol_iso_ok(received) "
	               "THEN to_char(received::date + 40, 'YYYY-MM-DD') END WHERE id % 11 = 0"
	             : "UPDATE cases SET received = date(received, '+40 days') WHERE id "
	               "% 11 = 0");
	assert_false(fresh(st));
	refresh(st);
	compare_all(st, true, false);
	same_with_memo(st, true);
	awol_store_close(st);
	print_message("compared %zu queries both ways, %zu from the summary\n", compared,
	              from_summary);
}

/* Every write that can change a count marks the summary stale; others do not. */
static void test_staleness(void **state)
{
	static const char *const writes[] = {
	    "INSERT INTO cases (id, court_code, case_key, first_seen, updated_at) VALUES (100, "
	    "'x', 'y', 'x', 'x')",
	    "UPDATE cases SET received = '2023-01-09' WHERE id = 1",
	    "UPDATE cases SET decided = NULL WHERE id = 1",
	    "UPDATE cases SET result = 'Вынесен ПРИГОВОР' WHERE id = 2",
	    "UPDATE cases SET court_code = '63GV0006' WHERE id = 1",
	    "INSERT INTO persons (id, case_id, seq) VALUES (100, 2, 5)",
	    "UPDATE persons SET case_id = 3 WHERE id = 100",
	    "INSERT INTO charges (person_id, case_id, seq, article) VALUES (100, 3, 0, '338')",
	    "UPDATE charges SET article = '339' WHERE person_id = 100",
	    "UPDATE charges SET person_id = 1 WHERE person_id = 100",
	    "DELETE FROM charges WHERE article = '339'",
	    "DELETE FROM persons WHERE id = 100",
	    "DELETE FROM cases WHERE id = 100",
	};
	awol_store *st = open_db("stale.db", false), *ro;
	awol_stats_query q = {0};
	awol_stats_result r;
	size_t i;

	(void)state;
	exec(st, hand_built);
	for (i = 0; i < AWOL_ARRAY_SIZE(writes); i++) {
		refresh(st);
		exec(st, writes[i]);
		if (fresh(st))
			fail_msg("still fresh after: %s", writes[i]);
	}
	/* a judge or a page changes no count */
	refresh(st);
	exec(st, "UPDATE cases SET judge = 'Иванов' WHERE id = 1; UPDATE charges SET text = 'x'");
	assert_true(fresh(st));
	/* a stale summary on a read-only handle: counted without it, same answer */
	exec(st, "UPDATE charges SET article = '332' WHERE id = 1");
	ro = open_db("stale.db", true);
	assert_false(fresh(ro));
	run(ro, &q, &r, false);
	awol_stats_dispose(&r);
	assert_true(awol_store_counts_refresh(ro, false, NULL, NULL) < 0);
	awol_store_close(ro);
	/* losing the counter makes it stale too; a refresh puts it back */
	refresh(st);
	exec(st, "DELETE FROM meta WHERE key = 'data_generation'");
	assert_false(fresh(st));
	refresh(st);
	compare_all(st, true, false);
	awol_store_close(st);
}

static awol_page *card(const char *uid, const char *received, const char *const *arts, size_t n)
{
	awol_page *pg = calloc(1, sizeof(*pg));
	size_t i;

	pg->file = strdup("synthetic");
	pg->kind = AWOL_PAGE_CARD;
	pg->has_case = true;
	pg->court_code = strdup("77GV0005");
	pg->kase.uid = strdup(uid);
	pg->kase.number = strdup(uid);
	pg->kase.received = strdup(received);
	pg->npersons = n;
	pg->persons = calloc(n, sizeof(awol_person));
	for (i = 0; i < n; i++) {
		pg->persons[i].name = strdup(i ? "Петров П.П." : "Иванов И.И.");
		pg->persons[i].ncharges = 1;
		pg->persons[i].charges = calloc(1, sizeof(awol_charge));
		pg->persons[i].charges[0].article = strdup(arts[i]);
		pg->persons[i].charges[0].text = strdup(arts[i]);
	}
	return pg;
}

static void import(awol_store *st, awol_page *pg, const char *raw)
{
	awol_page_source src = {0};
	awol_error err = {0};

	src.source = "synthetic";
	src.raw = (const unsigned char *)raw;
	src.raw_len = strlen(raw);
	if (awol_store_import_page(st, pg, &src, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	awol_page_free(pg);
}

/* A newer page of a case moves its counts; the summary follows after a refresh. */
static void test_reimport(void **state)
{
	static const char *const both[] = {"337", "338"}, *const one[] = {"338"};
	awol_store *st = open_db("reimport.db", false);
	awol_stats_query q = {0};
	awol_stats_result r;
	long gen;

	(void)state;
	import(st, card("77GV0005-01-2024-000001-01", "2024-01-10", both, 2), "v1");
	import(st, card("77GV0005-01-2024-000002-01", "2024-01-11", one, 1), "w1");
	refresh(st);
	q.by = "month";
	q.group = "article";
	q.articles = "337";
	run(st, &q, &r, true);
	assert_int_equal(count_of(&r, "2024-01", "337"), 1);
	awol_stats_dispose(&r);
	/* the same page again changes nothing and keeps the summary fresh */
	gen = value(st, "SELECT value FROM meta WHERE key = 'data_generation'");
	import(st, card("77GV0005-01-2024-000001-01", "2024-01-10", both, 2), "v1");
	assert_int_equal(value(st, "SELECT value FROM meta WHERE key = 'data_generation'"), gen);
	assert_true(fresh(st));
	/* a newer page: received in February, only 338 now */
	import(st, card("77GV0005-01-2024-000001-01", "2024-02-01", one, 1), "v2");
	assert_false(fresh(st));
	q.articles = NULL;
	same_both_ways(st, &q, false);
	refresh(st);
	same_both_ways(st, &q, true);
	run(st, &q, &r, true);
	assert_int_equal(count_of(&r, "2024-01", "338"), 1);
	assert_int_equal(count_of(&r, "2024-02", "338"), 1);
	assert_int_equal(count_of(&r, "2024-01", "337"), -1);
	awol_stats_dispose(&r);
	awol_store_close(st);
}

/* A database from before the summary (schema version 2) gets it on opening. */
static void test_migration(void **state)
{
	awol_store *st;

	(void)state;
	if (test_pg_uri())
		skip(); /* PostgreSQL stores begin at version 4 (lib/store/schema_pg.c) */
	st = open_db("old.db", false);
	exec(st, hand_built);
	/* take it back to version 2 */
	exec(st, "DROP TABLE case_counts; DROP TABLE article_set_members; DROP TABLE article_sets;"
	         "DROP TABLE result_texts; DROP INDEX charges_person;"
	         "DELETE FROM meta WHERE key IN ('data_generation', 'case_counts_generation');"
	         "DROP TRIGGER cases_insert_gen; DROP TRIGGER cases_delete_gen;"
	         "DROP TRIGGER cases_update_gen; DROP TRIGGER persons_insert_gen;"
	         "DROP TRIGGER persons_delete_gen; DROP TRIGGER persons_update_gen;"
	         "DROP TRIGGER charges_insert_gen; DROP TRIGGER charges_delete_gen;"
	         "DROP TRIGGER charges_update_gen; DROP TABLE name_stems;"
	         "ALTER TABLE court_status DROP COLUMN error; DROP TABLE outcome_articles;"
	         "DROP TABLE outcomes; DROP TRIGGER acts_text_outcomes;"
	         "DROP TRIGGER acts_delete_outcomes; PRAGMA user_version = 2;");
	awol_store_close(st);
	st = open_db("old.db", true); /* read-only: no summary, the general query */
	assert_false(fresh(st));
	{
		awol_stats_query q = {0};
		awol_stats_result r;
		run(st, &q, &r, false);
		assert_int_equal(r.total, 6);
		awol_stats_dispose(&r);
	}
	awol_store_close(st);
	st = open_db("old.db", false);
	assert_int_equal(value(st, "PRAGMA user_version"), 7);
	assert_false(fresh(st));
	refresh(st);
	compare_all(st, true, false);
	awol_store_close(st);
}

static void test_segments(void **state)
{
	static const struct {
		awol_date d;
		const char *first, *last;
	} cases[] = {
	    {{2023, 1, 1}, "2023-01-01", "2023-01-01"},   /* a Sunday opening the year */
	    {{2023, 1, 2}, "2023-01-02", "2023-01-08"},   /* a whole week */
	    {{2023, 1, 31}, "2023-01-30", "2023-01-31"},  /* the week runs on into February */
	    {{2023, 2, 1}, "2023-02-01", "2023-02-05"},   /* and goes on here */
	    {{2024, 2, 29}, "2024-02-26", "2024-02-29"},  /* leap day */
	    {{2020, 12, 31}, "2020-12-28", "2020-12-31"}, /* 2020-W53 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(cases); i++) {
		char a[11], b[11];
		awol_date_iso(awol_date_from_days(awol_date_segment_first(cases[i].d)), a);
		awol_date_iso(awol_date_from_days(awol_date_segment_last(cases[i].d)), b);
		assert_string_equal(a, cases[i].first);
		assert_string_equal(b, cases[i].last);
	}
}

static const awol_stats_row *row_of(const awol_stats_result *r, const char *period,
                                    const char *group)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].period, period) == 0 && strcmp(r->rows[i].group, group) == 0)
			return &r->rows[i];
	fail_msg("no row %s/%s", period, group);
	return NULL;
}

/*
 * Periods against the coverage a crawl recorded (337, 2022-03-01..2023-06-30): the days
 * each row counts, partial and not-collected periods, comparability, articles never
 * searched; and the summary still agrees with the general query on all of it.
 */
static void test_periods(void **state)
{
	awol_store *st = open_db("periods.db", false);
	awol_stats_query q = {0};
	awol_stats_result r;
	const awol_stats_row *x;

	(void)state;
	exec(st, hand_built);
	exec(st, "INSERT INTO coverage (court_code, server, article, date_axis, date_from, "
	         "date_to, status) VALUES ('77GV0005', 1, '337', 'received', '2022-03-01', "
	         "'2022-12-31', 'complete'), ('77GV0005', 1, '337', 'received', '2023-01-01', "
	         "'2023-06-30', 'partial');");
	refresh(st);
	q.by = "year";
	q.articles = "337";
	run(st, &q, &r, true);
	assert_int_equal(r.coverage_known, 1);
	assert_int_equal(r.narticles, 1);
	assert_true(r.articles[0].searched);
	assert_true(r.lower_bound); /* a partial window */
	x = row_of(&r, "2021", "");
	assert_int_equal(x->collected, 0); /* case 4: found, but not in a collected day */
	assert_int_equal(x->count, 1);
	assert_int_equal(x->days, 0);
	x = row_of(&r, "2022", "");
	assert_true(x->partial);
	assert_string_equal(x->start, "2022-03-01");
	assert_string_equal(x->end, "2022-12-31");
	assert_int_equal(x->days, 306);
	x = row_of(&r, "2023", "");
	assert_true(x->partial);
	assert_int_equal(x->days, 181);
	assert_int_equal(x->count, 3);
	assert_int_equal(x->previous.count, 1);
	assert_false(x->previous.comparable);
	assert_true(isnan(x->previous.change_pct));
	assert_true(fabs(x->rate_per_day - 3.0 / 181) < 1e-9);
	awol_stats_dispose(&r);
	/* months: 0 inside coverage, not collected outside */
	q.by = "month";
	run(st, &q, &r, true);
	assert_int_equal(row_of(&r, "2022-02", "")->count, -1);
	assert_int_equal(row_of(&r, "2022-02", "")->collected, 0);
	assert_int_equal(row_of(&r, "2022-04", "")->count, 0);
	assert_int_equal(row_of(&r, "2022-04", "")->collected, 1);
	assert_false(row_of(&r, "2022-04", "")->partial);
	assert_true(row_of(&r, "2022-05", "")->previous.comparable); /* whole months */
	awol_stats_dispose(&r);
	/* --from/--to cut the period too */
	q.by = "quarter";
	q.from = "2022-05-15";
	q.to = "2022-12-31";
	run(st, &q, &r, true);
	x = row_of(&r, "2022-Q2", "");
	assert_true(x->partial);
	assert_string_equal(x->start, "2022-05-15");
	assert_int_equal(x->days, 47);
	assert_false(row_of(&r, "2022-Q3", "")->partial);
	assert_false(row_of(&r, "2022-Q3", "")->previous.comparable);
	assert_true(row_of(&r, "2022-Q4", "")->previous.comparable);
	awol_stats_dispose(&r);
	/* an article never searched: co-charges, a lower bound, days from what was searched */
	q.from = q.to = NULL;
	q.by = "year";
	q.articles = "338";
	run(st, &q, &r, true);
	assert_false(r.articles[0].searched);
	assert_true(r.lower_bound);
	assert_true(strstr(r.coverage, "never searched") != NULL);
	assert_int_equal(row_of(&r, "2022", "")->days, 306);
	awol_stats_dispose(&r);
	compare_all(st, true, false);
	/* cross-tabs, several parts, share, sort and limit */
	q.articles = NULL;
	q.group = "article,outcome";
	run(st, &q, &r, true);
	assert_int_equal(r.ngroups, 2);
	x = row_of(&r, "2023", "337 / pending");
	assert_int_equal(x->count, 2); /* cases 2 and 6 */
	assert_string_equal(x->groups[0], "337");
	assert_string_equal(x->groups[1], "pending");
	assert_int_equal(row_of(&r, "2023", "337 / convicted")->count, 1);
	assert_int_equal(row_of(&r, "2023", "(total)")->count, 4);
	awol_stats_dispose(&r);
	q.group = NULL;
	q.articles = "337";
	q.part = "3.1,5";
	run(st, &q, &r, false);
	assert_int_equal(r.total, 3); /* cases 1, 2, 4 (8 has no valid day) */
	awol_stats_dispose(&r);
	q.part = NULL;
	q.articles = NULL;
	q.group = "article";
	q.share = true;
	run(st, &q, &r, true);
	assert_true(fabs(row_of(&r, "2023", "337")->share - 0.75) < 1e-9);
	awol_stats_dispose(&r);
	q.sort = "count";
	q.limit = 2;
	run(st, &q, &r, true);
	assert_true(r.nrows >= 2 && !r.rows[0].period_total && !r.rows[1].period_total);
	assert_int_equal(r.rows[0].count, 3); /* 2023 337 */
	assert_true(r.rows[0].count >= r.rows[1].count);
	for (size_t i = 2; i < r.nrows; i++)
		assert_true(r.rows[i].period_total);
	awol_stats_dispose(&r);
	awol_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_segments), cmocka_unit_test(test_hand_built),
	    cmocka_unit_test(test_random),   cmocka_unit_test(test_staleness),
	    cmocka_unit_test(test_reimport), cmocka_unit_test(test_migration),
	    cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests_name("stats", tests, setup, teardown);
}
