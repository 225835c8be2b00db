/* util: SHA-256/HMAC vectors, charset decoding, text cleaning, dates. */
#include "helpers.h"
#include "util/date.h"
#include "util/sha256.h"
#include "util/text.h"

static void hex_of(const unsigned char *d, char *out)
{
	awol_hex(d, 32, out);
}

static void test_sha256(void **state)
{
	unsigned char d[32];
	char h[65];
	char key[20];

	(void)state;
	awol_sha256("abc", 3, d);
	hex_of(d, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	awol_sha256("", 0, d);
	hex_of(d, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	awol_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, d);
	hex_of(d, h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* RFC 4231 test case 1 and 2 */
	memset(key, 0x0b, sizeof(key));
	awol_hmac_sha256(key, 20, "Hi There", 8, d);
	hex_of(d, h);
	assert_string_equal(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	awol_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, d);
	hex_of(d, h);
	assert_string_equal(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void test_decode(void **state)
{
	awol_buf b = AWOL_BUF_INIT;
	bool u;

	(void)state;
	/* «Суд» in windows-1251 */
	assert_int_equal(awol_text_decode("\xd1\xf3\xe4", 3, NULL, &b, &u, NULL), 0);
	assert_false(u);
	assert_string_equal(b.ptr, "Суд");
	awol_buf_reset(&b);
	/* the same word as UTF-8 under a page declaring windows-1251 */
	assert_int_equal(
	    awol_text_decode("Суд", strlen("Суд"), "text/html; charset=windows-1251", &b, &u, NULL),
	    0);
	assert_true(u);
	assert_string_equal(b.ptr, "Суд");
	awol_buf_reset(&b);
	/* the header says UTF-8 but the bytes are broken: repaired, not dropped */
	assert_int_equal(awol_text_decode("a\xff"
	                                  "b",
	                                  3, "text/html; charset=utf-8", &b, NULL, NULL),
	                 0);
	assert_string_equal(b.ptr, "a\xef\xbf\xbd"
	                           "b");
	awol_buf_dispose(&b);
	assert_true(awol_utf8_valid("Ё", strlen("Ё")));
	assert_false(awol_utf8_valid("\xc0\xaf", 2)); /* overlong */
}

static void test_clean(void **state)
{
	char s[] = "  a \t b\xc2\xa0\xc2\xa0 c \n\n  d  ";

	(void)state;
	assert_string_equal(awol_text_clean(s), "a b c\nd");
	assert_true(awol_text_icontains("Уголовные ДЕЛА", "уголовные дела"));
	assert_true(awol_text_icontains("Cудья", "судья")); /* Latin C */
	assert_true(awol_text_icontains("Ёлка", "елка"));
	assert_false(awol_text_icontains("Судья", "Дата"));
}

static void test_dates(void **state)
{
	awol_date d;
	char iso[11];
	int y, w;

	(void)state;
	assert_true(awol_date_parse(" 22.04.2026 ", &d));
	awol_date_iso(d, iso);
	assert_string_equal(iso, "2026-04-22");
	assert_false(awol_date_parse("31.02.2024", &d));
	assert_true(awol_date_parse("29.02.2024", &d));
	assert_false(awol_date_parse("29.02.2023", &d));
	assert_true(awol_date_parse("2021-01-03", &d));
	awol_date_iso_week(d, &y, &w);
	assert_int_equal(y, 2020);
	assert_int_equal(w, 53);
	assert_true(awol_date_parse("2024-12-30", &d));
	awol_date_iso_week(d, &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	assert_int_equal(awol_date_weekday(d), 1);
	assert_int_equal(awol_date_to_days((awol_date){1970, 1, 1}), 0);
	d = awol_date_from_days(awol_date_to_days((awol_date){2023, 6, 30}) + 1);
	assert_int_equal(d.m, 7);
	assert_int_equal(d.d, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sha256),
	    cmocka_unit_test(test_decode),
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
