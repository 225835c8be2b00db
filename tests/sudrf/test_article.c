/*
 * The charge-list parser on real-world forms: cards (ЛИЦА «Перечень статей»),
 * listings, the portal's aggregated forms, search values and act texts.
 */
#include "util/common.h"
#include "awol/article.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

typedef struct exp_charge {
	const char *law, *article, *part, *point, *text;
} exp_charge;

typedef struct article_case {
	const char *in;
	size_t n;
	exp_charge c[4];
} article_case;

#define UK "УК РФ"
#define KOAP "КоАП РФ"
#define ANY ((const char *)1) /* text not checked */

static const article_case cases[] = {
    /* cards, primary template */
    {"ст.337 ч.5 УК РФ", 1, {{UK, "337", "5", NULL, "ст.337 ч.5"}}},
    {"ст.173.1 ч.2 п.б УК РФ", 1, {{UK, "173.1", "2", "б", "ст.173.1 ч.2 п.б"}}},
    {"ст.183 ч.4; ст.290 ч.3 УК РФ",
     2,
     {{UK, "183", "4", NULL, "ст.183 ч.4"}, {UK, "290", "3", NULL, "ст.290 ч.3"}}},
    {"ст.337 ч.3.1 УК РФ", 1, {{UK, "337", "3.1", NULL, "ст.337 ч.3.1"}}},
    {"ст.338 ч.1 УК РФ", 1, {{UK, "338", "1", NULL, ANY}}},
    {"ст.337 ч.3.1; ст.338 ч.1 УК РФ",
     2,
     {{UK, "337", "3.1", NULL, ANY}, {UK, "338", "1", NULL, ANY}}},
    {"ст.332 ч.2.1 УК РФ", 1, {{UK, "332", "2.1", NULL, ANY}}},
    {"ст.339 ч.1 УК РФ", 1, {{UK, "339", "1", NULL, ANY}}},
    {"ст.334 ч.3 УК РФ", 1, {{UK, "334", "3", NULL, ANY}}},
    {"ст.228 ч.2 УК РФ", 1, {{UK, "228", "2", NULL, ANY}}},
    {"ст.264.1 ч.1 УК РФ", 1, {{UK, "264.1", "1", NULL, ANY}}},
    {"ст.158 ч.2 п.в УК РФ", 1, {{UK, "158", "2", "в", ANY}}},
    {"ст.222 ч.1 УК РФ", 1, {{UK, "222", "1", NULL, ANY}}},
    {"ст.337 УК РФ", 1, {{UK, "337", NULL, NULL, "ст.337"}}},
    /* spacing and case */
    {"ст. 337 ч. 5", 1, {{NULL, "337", "5", NULL, "ст. 337 ч. 5"}}},
    {"ст.337 ч.5", 1, {{NULL, "337", "5", NULL, "ст.337 ч.5"}}},
    {"СТ.337 Ч.5 УК РФ", 1, {{UK, "337", "5", NULL, "СТ.337 Ч.5"}}},
    {"Ст. 337  ч.  5  ук рф", 1, {{UK, "337", "5", NULL, ANY}}},
    {"  ст.337   ч.5   УК   РФ  ", 1, {{UK, "337", "5", NULL, ANY}}},
    {"ст.\xc2\xa0"
     "337\xc2\xa0ч.\xc2\xa0"
     "5\xc2\xa0УК\xc2\xa0РФ",
     1,
     {{UK, "337", "5", NULL, ANY}}},
    {"ст.337\xe2\x80\xaf"
     "ч.5 УК РФ",
     1,
     {{UK, "337", "5", NULL, ANY}}},
    {"ст.337ч.5УК РФ", 1, {{UK, "337", "5", NULL, ANY}}},
    {"ст.337 ч.5 УК РФ.", 1, {{UK, "337", "5", NULL, ANY}}},
    /* Latin look-alike letters typed into Cyrillic words */
    {"cт.337 ч.5 УК PФ", 1, {{UK, "337", "5", NULL, ANY}}},
    /* lists */
    {"ст.30 ч.3, ст.338 ч.1",
     2,
     {{NULL, "30", "3", NULL, "ст.30 ч.3"}, {NULL, "338", "1", NULL, "ст.338 ч.1"}}},
    {"ст.30 ч.3 - ст.338 ч.1 УК РФ", 2, {{UK, "30", "3", NULL, ANY}, {UK, "338", "1", NULL, ANY}}},
    {"ст.337 ч.5, ч.3.1 УК РФ", 2, {{UK, "337", "5", NULL, ANY}, {UK, "337", "3.1", NULL, ANY}}},
    {"ст.ст. 337, 338 УК РФ", 2, {{UK, "337", NULL, NULL, ANY}, {UK, "338", NULL, NULL, ANY}}},
    {"ст.337 ч.5 УК РФ; ст.12.15 ч.4 КоАП РФ",
     2,
     {{UK, "337", "5", NULL, ANY}, {KOAP, "12.15", "4", NULL, ANY}}},
    /* КоАП */
    {"ст.12.15 ч.4 КоАП РФ", 1, {{KOAP, "12.15", "4", NULL, "ст.12.15 ч.4"}}},
    {"ст.19.34 ч.1 КоАП РФ", 1, {{KOAP, "19.34", "1", NULL, ANY}}},
    {"ст.20.3.3 ч.1 КоАП РФ", 1, {{KOAP, "20.3.3", "1", NULL, ANY}}},
    {"КАРПОВ К.В. - ст.12.27 ч.2 КоАП РФ", 1, {{KOAP, "12.27", "2", NULL, "ст.12.27 ч.2"}}},
    /* leading code name (portal / Декретум) */
    {"УК РФ: ст. 337 ч.5", 1, {{UK, "337", "5", NULL, "ст. 337 ч.5"}}},
    {"УК РФ: ст. 228.1 ч.4 п. а", 1, {{UK, "228.1", "4", "а", ANY}}},
    {"Статья 337 Часть 5 п.а", 1, {{NULL, "337", "5", "а", ANY}}},
    {"Статья 338 Часть 1", 1, {{NULL, "338", "1", NULL, ANY}}},
    /* criminal cassation listing */
    {"ст. 264 ч. 2 п. «в» УК РФ", 1, {{UK, "264", "2", "в", ANY}}},
    {"ст. 105 ч. 2 п. \"ж\" УК РФ", 1, {{UK, "105", "2", "ж", ANY}}},
    /* search filter values */
    {"337 ч.5", 1, {{NULL, "337", "5", NULL, "337 ч.5"}}},
    {"105 ч.2 п.а", 1, {{NULL, "105", "2", "а", "105 ч.2 п.а"}}},
    {"337", 1, {{NULL, "337", NULL, NULL, "337"}}},
    {"286.1 УК РФ", 1, {{UK, "286.1", NULL, NULL, "286.1"}}},
    /* act texts: reverse order */
    {"ч. 5 ст. 337 УК РФ", 1, {{UK, "337", "5", NULL, "ч. 5 ст. 337"}}},
    {"п. «б» ч. 2 ст. 173.1 УК РФ", 1, {{UK, "173.1", "2", "б", ANY}}},
    {"ч.1 ст.338 УК РФ", 1, {{UK, "338", "1", NULL, ANY}}},
    {"ч. 3 ст. 30, ч. 1 ст. 338 УК РФ",
     2,
     {{UK, "30", "3", NULL, ANY}, {UK, "338", "1", NULL, ANY}}},
    {"пп. «а», «в» ч. 2 ст. 158 УК РФ", 1, {{UK, "158", "2", "а,в", ANY}}},
    {"частью 5 статьи 337 УК РФ", 1, {{UK, "337", "5", NULL, ANY}}},
    /* unknown shapes kept as text */
    {"самовольное оставление части", 1, {{NULL, NULL, NULL, NULL, "самовольное оставление части"}}},
    {"ст.337 ч.5 УК РФ; хулиганство",
     2,
     {{UK, "337", "5", NULL, ANY}, {NULL, NULL, NULL, NULL, "хулиганство"}}},
};

static void check_str(const char *what, const char *in, const char *got, const char *want)
{
	if (want == ANY)
		return;
	if (!want && !got)
		return;
	if (!want || !got || strcmp(want, got) != 0) {
		print_error("input «%s»: %s = %s, want %s\n", in, what, got ? got : "NULL",
		            want ? want : "NULL");
		fail();
	}
}

static void test_forms(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(AWOL_ARRAY_SIZE(cases) >= 40);
	for (i = 0; i < AWOL_ARRAY_SIZE(cases); i++) {
		const article_case *ac = &cases[i];
		awol_charge *c = NULL;
		size_t n = 0;
		awol_error err = {0};

		assert_int_equal(awol_article_parse(ac->in, &c, &n, &err), 0);
		if (n != ac->n) {
			print_error("input «%s»: %zu charges, want %zu\n", ac->in, n, ac->n);
			for (j = 0; j < n; j++)
				print_error("  [%zu] art=%s part=%s point=%s text=%s\n", j,
				            c[j].article ? c[j].article : "NULL",
				            c[j].part ? c[j].part : "NULL",
				            c[j].point ? c[j].point : "NULL", c[j].text);
			fail();
		}
		for (j = 0; j < n; j++) {
			check_str("law", ac->in, c[j].law, ac->c[j].law);
			check_str("article", ac->in, c[j].article, ac->c[j].article);
			check_str("part", ac->in, c[j].part, ac->c[j].part);
			check_str("point", ac->in, c[j].point, ac->c[j].point);
			check_str("text", ac->in, c[j].text, ac->c[j].text);
			assert_non_null(c[j].text);
		}
		awol_charges_free(c, n);
	}
}

static void test_empty_and_append(void **state)
{
	awol_charge *c = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(awol_article_parse("", &c, &n, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(awol_article_parse("   \n ", &c, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* appends to what is there */
	assert_int_equal(awol_article_parse("ст.337 ч.5 УК РФ", &c, &n, NULL), 0);
	assert_int_equal(awol_article_parse("ст.338 ч.1 УК РФ", &c, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].article, "337");
	assert_string_equal(c[1].article, "338");
	awol_charges_free(c, n);
	awol_charges_free(NULL, 0);
	assert_int_equal(awol_article_parse(NULL, &c, &n, NULL), -AWOL_EINVAL);
}

static void test_garbage(void **state)
{
	size_t len = 1024 * 1024, i, n = 0;
	char *junk = malloc(len + 1);
	awol_charge *c = NULL;
	unsigned v = 12345;

	(void)state;
	assert_non_null(junk);
	for (i = 0; i < len; i++) {
		v = v * 1103515245u + 12345u;
		junk[i] = (char)((v >> 16) & 0xFF);
		if (!junk[i])
			junk[i] = 'x';
	}
	junk[len] = '\0';
	assert_int_equal(awol_article_parse(junk, &c, &n, NULL), 0);
	awol_charges_free(c, n);
	/* many anchors, no numbers; numbers with no anchors; lone keywords */
	n = 0;
	c = NULL;
	for (i = 0; i + 4 < len; i += 4)
		memcpy(junk + i, "ст. ", 4);
	junk[len - (len % 4)] = '\0';
	assert_int_equal(
	    awol_article_parse("ст. ч. п. УК РФ ;;; ,,, - - 1.2.3.4.5.6.7.8.9", &c, &n, NULL), 0);
	awol_charges_free(c, n);
	free(junk);
}

static void test_groups(void **state)
{
	awol_article_group *g = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(awol_article_parse_groups("КАРПОВ К.В. - ст.12.27 ч.2 КоАП РФ\n"
	                                           "ИВАНОВ И.И. - ст.337 ч.5; ст.338 ч.1 УК РФ",
	                                           &g, &n, NULL),
	                 0);
	assert_int_equal(n, 2);
	assert_string_equal(g[0].name, "КАРПОВ К.В.");
	assert_int_equal(g[0].ncharges, 1);
	assert_string_equal(g[0].charges[0].article, "12.27");
	assert_string_equal(g[0].charges[0].law, "КоАП РФ");
	assert_string_equal(g[1].name, "ИВАНОВ И.И.");
	assert_int_equal(g[1].ncharges, 2);
	assert_string_equal(g[1].charges[1].article, "338");
	assert_string_equal(g[1].charges[1].law, "УК РФ");
	awol_article_groups_free(g, n);

	/* persons separated by ';' on one line */
	g = NULL;
	n = 0;
	assert_int_equal(
	    awol_article_parse_groups(
	        "Петров П.П. — ст.337 ч.5 УК РФ; Сидоров С.С. — ст.338 ч.1 УК РФ", &g, &n, NULL),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(g[0].name, "Петров П.П.");
	assert_string_equal(g[1].name, "Сидоров С.С.");
	assert_string_equal(g[1].charges[0].article, "338");
	awol_article_groups_free(g, n);

	/* no names: one anonymous group */
	g = NULL;
	n = 0;
	assert_int_equal(awol_article_parse_groups("ст.183 ч.4; ст.290 ч.3 УК РФ", &g, &n, NULL),
	                 0);
	assert_int_equal(n, 1);
	assert_null(g[0].name);
	assert_int_equal(g[0].ncharges, 2);
	awol_article_groups_free(g, n);
	awol_article_groups_free(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_empty_and_append),
	    cmocka_unit_test(test_garbage),
	    cmocka_unit_test(test_groups),
	};
	return cmocka_run_group_tests_name("sudrf_article", tests, NULL, NULL);
}
