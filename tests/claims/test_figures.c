/*
 * The published-figures CSV reader: what `figures import` refuses (non-finite values,
 * unknown columns, repeated ids, geography in no known form), named by file, line and
 * column; and the geography of the bundled set (the Moscow region is a region).
 */
#include "helpers.h"
#include "awol/figures.h"

#define HEADER                                                                                     \
	"id,metric,value,unit,articles,period_start,period_end,geography,source,published,url\n"

static void refused(const char *csv, const char *needle)
{
	awol_figure_list l;
	awol_error err = {0};

	assert_true(awol_figures_parse("f.csv", csv, strlen(csv), &l, &err) < 0);
	assert_int_equal(err.code, AWOL_EPARSE);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' lacks '%s'", err.msg, needle);
	assert_int_equal(l.n, 0);
}

static void test_values(void **state)
{
	static const char *const bad[] = {"1e999", "nan", "inf", "-inf", "0x10", "12x", "", "NaN"};
	char csv[512];
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(bad); i++) {
		snprintf(csv, sizeof(csv),
		         HEADER
		         "T-1,m,5,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n"
		         "T-2,m,%s,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n",
		         bad[i]);
		refused(csv, "f.csv:3: column 'value'");
	}
}

static void test_columns_ids_geography(void **state)
{
	(void)state;
	refused("id,metric,value,unit,articles,period_start,period_end,geography,source,published,"
	        "url,extra\nT-1,m,5,cases_received,337,2023-01-01,2023-12-31,national,s,p,u,x\n",
	        "f.csv:1: column 12: unknown column 'extra'");
	refused("id,metric,value\nT-1,m,5\n", "missing column");
	refused(HEADER "T-1,m,5,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n"
	               "T-1,m,6,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n",
	        "f.csv:3: column 'id': 'T-1' appears twice");
	refused(HEADER "T-1,m,5,cases_received,337,2023-01-01,2023-12-31,Moscow region,s,p,u\n",
	        "f.csv:2: column 'geography'");
	refused(HEADER "T-1,m,5,cases_received,337,2023-01-01,2023-12-31,region:5,s,p,u\n",
	        "column 'geography'");
	refused(HEADER "T-1,m,5,cases_received,337,2023-13-01,2023-12-31,national,s,p,u\n",
	        "column");
	assert_true(awol_figures_geography_valid("region:91+92"));
	assert_true(awol_figures_geography_valid("court:63GV0002+61GV0011"));
	assert_false(awol_figures_geography_valid("court:63GV002"));
	assert_false(awol_figures_geography_valid("region:50+"));
	assert_false(awol_figures_geography_valid(""));
}

static void test_bundled_geography(void **state)
{
	static const char *const moscow[] = {"MZ-056", "MZ-120", "SR-005"};
	static const char *const regional[] = {"MZ-057", "MZ-058", "MZ-121",
	                                       "MZ-122", "MZ-123", "MZ-124"};
	awol_figure_list l;
	size_t i;

	(void)state;
	assert_int_equal(awol_figures_load_default(&l, NULL), 0);
	for (i = 0; i < AWOL_ARRAY_SIZE(moscow); i++)
		assert_string_equal(awol_figures_find(&l, moscow[i])->geography, "region:50");
	for (i = 0; i < AWOL_ARRAY_SIZE(regional); i++)
		assert_memory_equal(awol_figures_find(&l, regional[i])->geography, "region:", 7);
	assert_string_equal(awol_figures_find(&l, "MZ-007")->geography, "national");
	assert_string_equal(awol_figures_find(&l, "IL-002")->geography, "other");
	for (i = 0; i < l.n; i++)
		assert_true(awol_figures_geography_valid(l.items[i].geography));
	awol_figures_dispose(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_columns_ids_geography),
	    cmocka_unit_test(test_bundled_geography),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
