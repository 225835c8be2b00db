/* util/suggest: edit distance and the nearest-name suggestion. */
#include "helpers.h"
#include "util/suggest.h"

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(awol_edit_distance("", ""), 0);
	assert_int_equal(awol_edit_distance("stats", "stats"), 0);
	assert_int_equal(awol_edit_distance("", "abc"), 3);
	assert_int_equal(awol_edit_distance("abc", ""), 3);
	/* a transposition of neighbours costs 1 (Levenshtein alone would say 2) */
	assert_int_equal(awol_edit_distance("stast", "stats"), 1);
	assert_int_equal(awol_edit_distance("ab", "ba"), 1);
	assert_int_equal(awol_edit_distance("artcle", "article"), 1);
	assert_int_equal(awol_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(awol_edit_distance("99GV0001", "39GV0001"), 1);
	/* case is ignored, Latin and Cyrillic; ё counts as е */
	assert_int_equal(awol_edit_distance("GARRISON", "garrison"), 0);
	assert_int_equal(awol_edit_distance("Гарнизонный", "гарнизоный"), 1);
	assert_int_equal(awol_edit_distance("ёж", "ЕЖ"), 0);
	/* code points, not bytes: one Cyrillic letter for another is 1 */
	assert_int_equal(awol_edit_distance("суд", "сад"), 1);
	assert_int_equal(awol_edit_distance(NULL, "x"), SIZE_MAX);
}

static void test_suggest(void **state)
{
	static const char *const cmds[] = {"parse", "courts", "cases", "crawl", "stats", "help"};
	static const char *const opts[] = {"db", "article", "articles", "from", "to", NULL};

	(void)state;
	assert_string_equal(awol_suggest("stast", cmds, 6, 0), "stats");
	assert_string_equal(awol_suggest("crwal", cmds, 6, 0), "crawl");
	assert_string_equal(awol_suggest("STATS", cmds, 6, 0), "stats");
	assert_null(awol_suggest("frobnicate", cmds, 6, 0));
	/* short words: one edit at most */
	assert_null(awol_suggest("xyz", cmds, 6, 0));
	assert_string_equal(awol_suggest("artcle", opts, 6, 0), "article");
	assert_string_equal(awol_suggest("fro", opts, 6, 0), "from");
	/* the first of equally near candidates, and an explicit bound */
	assert_string_equal(awol_suggest("tx", opts, 6, 0), "to");
	assert_null(awol_suggest("articlexx", opts, 6, 1));
	assert_string_equal(awol_suggest("articlexx", opts, 6, 2), "article");
	assert_null(awol_suggest(NULL, opts, 6, 0));
	assert_null(awol_suggest("x", NULL, 0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_distance),
	    cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
