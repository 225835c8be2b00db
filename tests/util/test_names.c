/* util/names: stems that meet across grammatical cases, name splitting, the scanner. */
#include "helpers.h"
#include "util/names.h"

/* Do two words share a stem? */
static bool meet(const char *a, const char *b)
{
	char sa[AWOL_NAME_STEMS][AWOL_NAME_STEM_MAX], sb[AWOL_NAME_STEMS][AWOL_NAME_STEM_MAX];
	size_t na = awol_name_stems(a, strlen(a), sa, AWOL_NAME_STEMS);
	size_t nb = awol_name_stems(b, strlen(b), sb, AWOL_NAME_STEMS);
	size_t i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strcmp(sa[i], sb[j]) == 0)
				return true;
	return false;
}

static void test_stems(void **state)
{
	static const char *const forms[][7] = {
	    /* nominative, genitive, dative, accusative, instrumental, prepositional */
	    {"Иванов", "Иванова", "Иванову", "Иванова", "Ивановым", "Иванове", NULL},
	    {"Иванова", "Ивановой", "Ивановой", "Иванову", "Ивановой", "Ивановой", NULL},
	    {"Петровский", "Петровского", "Петровскому", "Петровского", "Петровским", "Петровском",
	     NULL},
	    {"Толстая", "Толстой", "Толстой", "Толстую", "Толстой", "Толстой", NULL},
	    {"Ковальчук", "Ковальчука", "Ковальчуку", "Ковальчука", "Ковальчуком", "Ковальчуке",
	     NULL},
	    {"Сергей", "Сергея", "Сергею", "Сергея", "Сергеем", "Сергее", NULL},
	    {"Андреевич", "Андреевича", "Андреевичу", "Андреевича", "Андреевичем", "Андреевиче",
	     NULL},
	    {"Мария", "Марии", "Марии", "Марию", "Марией", "Марии", NULL},
	    {"Шевченко", "Шевченко", "ШЕВЧЕНКО", NULL},
	    {"Алёшин", "Алешина", "Алешину", NULL},
	};
	size_t i, j;
	char st[AWOL_NAME_STEMS][AWOL_NAME_STEM_MAX];

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(forms); i++)
		for (j = 1; forms[i][j]; j++)
			if (!meet(forms[i][0], forms[i][j]))
				fail_msg("«%s» and «%s» share no stem", forms[i][0], forms[i][j]);
	/* another name does not meet */
	assert_false(meet("Иванов", "Иван"));
	assert_false(meet("Иванов", "Ивановка"));
	assert_false(meet("Петров", "Петрович"));
	/* too short, or not a Cyrillic word */
	assert_int_equal(awol_name_stems("Ли", strlen("Ли"), st, AWOL_NAME_STEMS), 0);
	assert_int_equal(awol_name_stems("Smith", 5, st, AWOL_NAME_STEMS), 0);
}

static void test_split(void **state)
{
	awol_name_parts p;

	(void)state;
	assert_true(awol_name_split("Иванов Иван Иванович", &p));
	assert_int_equal(p.nparts, 3);
	assert_string_equal(p.part[0], "Иванов");
	assert_int_equal(p.surname, 1);
	assert_true(awol_name_split("Иванов И.И.", &p));
	assert_int_equal(p.nparts, 1);
	assert_int_equal(p.surname, 1);
	assert_true(awol_name_split("И. И. Иванова-Петрова", &p));
	assert_int_equal(p.nparts, 2);
	assert_string_equal(p.part[1], "Петрова");
	assert_int_equal(p.surname, 3);
	assert_false(awol_name_split("Военная прокуратура гарнизона", &p));
	assert_false(awol_name_split("ООО \"Ромашка\"", &p));
	assert_false(awol_name_split("Информация скрыта", &p));
	assert_false(awol_name_split("", &p));
}

/* person 0: Кузнецов Андрей Петрович (surname an anchor); person 1: Ким (too short alone) */
static int lookup(void *ctx, const char *stem, bool *anchor)
{
	(void)ctx;
	*anchor = false;
	if (strcmp(stem, "КУЗНЕЦОВ") == 0) {
		*anchor = true;
		return 0;
	}
	if (strcmp(stem, "АНДРЕ") == 0 || strcmp(stem, "ПЕТРОВИЧ") == 0)
		return 0;
	if (strcmp(stem, "КИМ") == 0)
		return 1;
	return -1;
}

static const char *label(void *ctx, int p)
{
	(void)ctx;
	return p == 0 ? "[K]" : "[L]";
}

static void test_redact(void **state)
{
	static const struct {
		const char *in, *out;
		size_t n;
	} cases[] = {
	    {"в отношении Кузнецова Андрея Петровича, обвиняемого", "в отношении [K], обвиняемого",
	     1},
	    {"признать Кузнецова А.П. виновным", "признать [K] виновным", 1},
	    {"А. П. Кузнецову назначить", "[K] назначить", 1},
	    {"с Кузнецовым и Кузнецове", "с [K] и [K]", 2},
	    {"КУЗНЕЦОВ А.П.", "[K]", 1},
	    {"Кузнецова-Кузнецова", "[K]", 1},
	    /* a short surname alone stays, with initials or a first name it goes */
	    {"свидетель Ким показал", "свидетель Ким показал", 0},
	    {"подсудимый Ким А.Б. показал", "подсудимый [L] показал", 1},
	    /* a first name alone stays; lower-case words are not names */
	    {"Андрей пришёл, кузнецов нет", "Андрей пришёл, кузнецов нет", 0},
	    {"Петров П.П., Кузнецов", "Петров П.П., [K]", 1},
	    {"", "", 0},
	};
	awol_name_matcher m = {lookup, label, NULL};
	size_t i, n;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(cases); i++) {
		awol_buf b = AWOL_BUF_INIT;
		assert_int_equal(awol_name_redact(cases[i].in, &m, &b, &n, NULL), 0);
		if (strcmp(awol_buf_cstr(&b), cases[i].out) != 0 || n != cases[i].n)
			fail_msg("«%s» -> «%s» (%zu), want «%s» (%zu)", cases[i].in,
			         awol_buf_cstr(&b), n, cases[i].out, cases[i].n);
		awol_buf_dispose(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stems),
	    cmocka_unit_test(test_split),
	    cmocka_unit_test(test_redact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
