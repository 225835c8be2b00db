/*
 * The claims-file reader: repeated ids name both lines, values are finite numbers whose
 * written precision is kept, geography is checked, periods resolve.
 */
#include "helpers.h"
#include "awol/claims.h"

static int parse(const char *yaml, awol_claims *cs, awol_error *err)
{
	return awol_claims_parse("c.yaml", yaml, strlen(yaml), cs, err);
}

static void test_duplicate_ids(void **state)
{
	awol_claims cs;
	awol_error err = {0};

	(void)state;
	assert_true(parse("claims:\n"
	                  "  - id: a\n    kind: count\n    value: 1\n"
	                  "    says: {unit: requests, period: \"2023\"}\n"
	                  "  - id: b\n    kind: count\n    value: 1\n"
	                  "    says: {unit: requests, period: \"2023\"}\n"
	                  "  - id: a\n    kind: count\n    value: 2\n"
	                  "    says: {unit: requests, period: \"2023\"}\n",
	                  &cs, &err) < 0);
	assert_int_equal(err.code, AWOL_EPARSE);
	if (!strstr(err.msg, "c.yaml:10:") || !strstr(err.msg, "'a'") || !strstr(err.msg, "line 2"))
		fail_msg("%s", err.msg);
}

static void test_values_and_labels(void **state)
{
	static const char *const bad[] = {"nan", "1e999", "inf", "2,076", "0x10"};
	char y[512];
	awol_claims cs;
	awol_error err = {0};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(bad); i++) {
		snprintf(y, sizeof(y),
		         "claims:\n  - id: v\n    kind: count\n    value: %s\n"
		         "    says: {unit: requests, period: \"2023\"}\n",
		         bad[i]);
		assert_true(parse(y, &cs, &err) < 0);
		assert_non_null(strstr(err.msg, "'value' must be a number"));
	}
	assert_true(parse("claims:\n  - id: g\n    kind: count\n    value: 1\n"
	                  "    says: {unit: requests, period: \"2023\", geography: Moscow}\n",
	                  &cs, &err) < 0);
	assert_non_null(strstr(err.msg, "geography 'Moscow'"));
	assert_int_equal(parse("claims:\n  - id: p\n    kind: ratio\n    value: 2.50\n"
	                       "    numerator: {says: {unit: cases_received, articles: \"337\", "
	                       "period: 2023-H1, geography: \"region:50\"}}\n"
	                       "    denominator: {says: {unit: cases_received, articles: \"337\", "
	                       "period: 2022-09..2022-12}}\n",
	                       &cs, &err),
	                 0);
	assert_int_equal(cs.items[0].decimals, 2);
	assert_string_equal(cs.items[0].num.says.end, "2023-06-30");
	assert_string_equal(cs.items[0].num.says.geography, "region:50");
	assert_string_equal(cs.items[0].den.says.start, "2022-09-01");
	assert_string_equal(cs.items[0].den.says.end, "2022-12-31");
	awol_claims_dispose(&cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_duplicate_ids),
	    cmocka_unit_test(test_values_and_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
