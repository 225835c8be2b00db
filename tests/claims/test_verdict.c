/*
 * Verdicts against published figures (issue 8, observation 6): a number matches an
 * unnamed figure only for related articles and period; unequal periods the claim states
 * are a caveat, not a mislabel; one 7-day rule for period ends (27 and 29 December alike);
 * the arithmetic printed is the arithmetic done; holds is equality at the claim's
 * precision; geography is a label like the others.
 */
#include "helpers.h"
#include "awol/claims.h"

#include <math.h>

#define HEADER                                                                                     \
	"id,metric,value,unit,articles,period_start,period_end,geography,source,published,url\n"

static const char FIGS[] =
    HEADER "F-2022,m,1001,cases_received,337,2022-01-01,2022-12-31,national,S,p,u\n"
           "F-2023,m,5024,cases_received,337,2023-01-01,2023-12-29,national,S,p,u\n"
           "F-H1,m,2076,cases_received,337,2023-01-01,2023-06-30,national,S,p,u\n"
           "F-2024,m,10308,cases_received,337+332+338,2024-01-01,2024-12-27,national,S,p,u\n"
           "F-MOB,m,3000,cases_received,337,2022-09-21,2023-09-21,national,S,p,u\n"
           "F-DEC20,m,777,cases_received,338,2021-01-01,2021-12-20,national,S,p,u\n"
           "F-MSK,m,496,cases_received,337,2022-09-21,2024-04-11,region:50,S,p,u\n"
           "F-ALL,m,40,cases_received,337+338,2025-01-01,2025-12-31,national,S,p,u\n"
           "F-AWOL,m,30,cases_received,337,2025-01-01,2025-12-31,national,S,p,u\n";

static awol_figure_list figs;

static int setup(void **state)
{
	(void)state;
	return awol_figures_parse("figs.csv", FIGS, strlen(FIGS), &figs, NULL);
}

static int teardown(void **state)
{
	(void)state;
	awol_figures_dispose(&figs);
	return 0;
}

/* Check one claim (YAML of one list item) and return it in cs (dispose after). */
static const awol_claim *one(awol_claims *cs, const char *item)
{
	char y[2048];
	awol_error err = {0};

	snprintf(y, sizeof(y), "claims:\n%s", item);
	if (awol_claims_parse("t.yaml", y, strlen(y), cs, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(awol_claims_check(cs, &figs, NULL, NULL), 0);
	return &cs->items[0];
}

static void expect(const awol_claim *c, const char *verdict, const char *in_why,
                   const char *in_caveat)
{
	if (strcmp(c->verdict, verdict) != 0 || (in_why && !strstr(c->why, in_why)) ||
	    (in_caveat && (!c->caveat || !strstr(c->caveat, in_caveat))) ||
	    (!in_caveat && c->caveat))
		fail_msg("%s: [%s] %s | caveat: %s", c->id, c->verdict, c->why,
		         c->caveat ? c->caveat : "(none)");
}

#define PAIR(kind, value, n, d)                                                                    \
	"  - id: p\n    kind: " kind "\n    value: " value "\n"                                    \
	"    numerator: {says: {unit: cases_received, articles: \"337\", period: " n "}}\n"        \
	"    denominator: {says: {unit: cases_received, articles: \"337\", period: " d "}}\n"

static void test_arithmetic(void **state)
{
	awol_claims cs;

	(void)state;
	/* 400 against +401.9%: approximately, and the change printed as a change */
	expect(one(&cs, PAIR("percent_change", "400", "\"2023\"", "\"2022\"")),
	       "holds-approximately", "(5024-1001)/1001 = +401.9%", "taken as 2023");
	assert_true(fabs(cs.items[0].found - 401.898) < 0.01);
	awol_claims_dispose(&cs);
	expect(one(&cs, PAIR("percent_change", "401.9", "\"2023\"", "\"2022\"")), "holds",
	       "+401.9%", "taken as 2023");
	awol_claims_dispose(&cs);
	/* a ratio printed as a ratio; 5 as written holds for 5.02 */
	expect(one(&cs, PAIR("ratio", "5", "\"2023\"", "\"2022\"")), "holds", "5024/1001 = 5.02",
	       "taken as 2023");
	awol_claims_dispose(&cs);
	expect(one(&cs, PAIR("ratio", "5.1", "\"2023\"", "\"2022\"")), "holds-approximately",
	       "= 5.02", "taken as 2023");
	awol_claims_dispose(&cs);
	/* a share of two figures */
	expect(one(&cs, "  - id: s\n    kind: share\n    value: 75\n"
	                "    numerator: {says: {unit: cases_received, articles: \"337\", period: "
	                "\"2025\"}}\n"
	                "    denominator: {says: {unit: cases_received, articles: \"337+338\", "
	                "period: \"2025\"}}\n"),
	       "holds", "30/40 = 75.0%", NULL);
	awol_claims_dispose(&cs);
}

static void test_unequal_periods_stated(void **state)
{
	awol_claims cs;

	(void)state;
	/* "H1 2023 was twice the whole of 2022": labels right, so judged on them */
	expect(one(&cs, PAIR("ratio", "2", "2023-H1", "\"2022\"")), "holds", "2076/1001 = 2.07",
	       "181 days");
	assert_non_null(strstr(cs.items[0].caveat, "like for like (F-2023"));
	awol_claims_dispose(&cs);
	/* the same numbers labelled as two whole years: a mislabel */
	expect(one(&cs, "  - id: m\n    kind: ratio\n    value: 2\n"
	                "    numerator: {says: {unit: cases_received, articles: \"337\", period: "
	                "\"2023\"}, figure: F-H1}\n"
	                "    denominator: {says: {unit: cases_received, articles: \"337\", "
	                "period: \"2022\"}, figure: F-2022}\n"),
	       "mislabelled", "covers 2023-01-01..2023-06-30", "181 days");
	awol_claims_dispose(&cs);
}

static void test_period_ends(void **state)
{
	awol_claims cs;

	(void)state;
	/* to 29 December and to 27 December: both the year */
	expect(one(&cs, "  - id: a\n    kind: count\n    value: 5024\n"
	                "    says: {unit: cases_received, articles: \"337\", period: \"2023\"}\n"),
	       "holds", "F-2023", "within 7 days");
	awol_claims_dispose(&cs);
	expect(one(&cs, "  - id: b\n    kind: count\n    value: 10308\n"
	                "    says: {unit: cases_received, articles: \"337+332+338\", period: "
	                "\"2024\"}\n"),
	       "holds", "F-2024", "within 7 days");
	awol_claims_dispose(&cs);
	/* to 20 December (11 days short): another period */
	expect(one(&cs, "  - id: c\n    kind: count\n    value: 777\n"
	                "    says: {unit: cases_received, articles: \"338\", period: \"2021\"}\n"),
	       "mislabelled", "covers 2021-01-01..2021-12-20", NULL);
	awol_claims_dispose(&cs);
}

static void test_unrelated_numbers(void **state)
{
	awol_claims cs;

	(void)state;
	/* 3,000 in H1 2025 is not F-MOB's 3,000 of 2022-23 */
	expect(one(&cs, "  - id: u\n    kind: count\n    value: 3000\n"
	                "    says: {unit: cases_received, articles: \"337\", period: 2025-H1}\n"),
	       "unverifiable", "no published figure", NULL);
	assert_true(isnan(cs.items[0].found));
	awol_claims_dispose(&cs);
	/* nor for other articles (332 is not 337), though the period overlaps */
	expect(one(&cs, "  - id: v\n    kind: count\n    value: 3000\n"
	                "    says: {unit: cases_received, articles: \"332\", period: \"2023\"}\n"),
	       "unverifiable", NULL, NULL);
	awol_claims_dispose(&cs);
	/* desertion for AWOL over an overlapping period is the classic mislabel */
	expect(one(&cs, "  - id: w\n    kind: count\n    value: 3000\n"
	                "    says: {unit: cases_received, articles: \"338\", period: \"2023\"}\n"),
	       "mislabelled", "F-MOB", NULL);
	awol_claims_dispose(&cs);
}

static void test_geography(void **state)
{
	awol_claims cs;

	(void)state;
	expect(one(&cs, "  - id: g\n    kind: count\n    value: 496\n"
	                "    says: {unit: cases_received, articles: \"337\", period: "
	                "2022-09-21..2024-04-11}\n    figure: F-MSK\n"),
	       "mislabelled", "geography is region:50, the claim says national", NULL);
	awol_claims_dispose(&cs);
	expect(one(&cs, "  - id: h\n    kind: count\n    value: 496\n"
	                "    says: {unit: cases_received, articles: \"337\", period: "
	                "2022-09-21..2024-04-11, geography: \"region:50\"}\n"),
	       "holds", "F-MSK", NULL);
	awol_claims_dispose(&cs);
	/* from: db without a database */
	expect(one(&cs, "  - id: d\n    kind: count\n    value: 1\n    from: db\n"
	                "    says: {unit: cases_received, articles: \"337\", period: \"2023\"}\n"),
	       "unverifiable", "no --db", NULL);
	awol_claims_dispose(&cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_arithmetic),  cmocka_unit_test(test_unequal_periods_stated),
	    cmocka_unit_test(test_period_ends), cmocka_unit_test(test_unrelated_numbers),
	    cmocka_unit_test(test_geography),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
