/*
 * The page parser on the real fixture pages (known values from
 * ../shared/fixtures/sudrf/README.md) and on hand-made pages for what the
 * real ones lack (criminal listings, VNKOD criminal card, several
 * defendants, raw windows-1251, blocks, acts).
 */
#include "helpers.h"

static void test_criminal_card_known_values(void **state)
{
	awol_page *pg = parse_fixture("card_criminal_1inst_primary.html");
	awol_person *p;

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_int_equal(pg->tmpl, AWOL_TEMPLATE_PRIMARY);
	assert_null(pg->error);
	assert_string_equal(pg->kase.number, "1-151/2026");
	assert_string_equal(pg->kase.uid, "03RS0003-01-2026-003803-62");
	assert_string_equal(pg->kase.received, "2026-04-22");
	assert_string_equal(pg->kase.decided, "2026-05-06");
	assert_string_equal(pg->kase.judge, "Кузнецова О.Д.");
	assert_string_equal(pg->kase.result,
	                    "Уголовное дело ПРЕКРАЩЕНО\nназначена мера уголовно-правового "
	                    "характера - СУДЕБНЫЙ ШТРАФ (ст. 25.1 УПК РФ)");
	assert_string_equal(pg->kase.proceeding, "criminal");
	assert_string_equal(pg->kase.instance, "first");
	assert_string_equal(pg->court_code, "03RS0004");
	assert_string_equal(pg->court_name,
	                    "Ленинский районный суд г. Уфы Республики Башкортостан");
	assert_int_equal(pg->npersons, 1);
	p = &pg->persons[0];
	assert_string_equal(p->role, "defendant");
	assert_int_equal(p->ncharges, 1);
	assert_string_equal(p->charges[0].article, "173.1");
	assert_string_equal(p->charges[0].part, "2");
	assert_string_equal(p->charges[0].point, "б");
	assert_string_equal(p->charges[0].law, "УК РФ");
	assert_string_equal(p->decided, "2026-05-06");
	assert_int_equal(pg->nevents, 5);
	assert_string_equal(pg->events[0].name, "Регистрация поступившего в суд дела");
	assert_string_equal(pg->events[0].date, "2026-04-22");
	assert_string_equal(pg->events[0].time, "15:56");
	assert_string_equal(pg->events[3].place, "Зал №1");
	assert_string_equal(pg->events[3].result, "Производство по делу прекращено");
	assert_int_equal(pg->nparties, 2);
	assert_string_equal(pg->parties[1].role, "Прокурор");
	assert_int_equal(pg->nacts, 1);
	assert_string_equal(pg->acts[0].title, "Судебный акт #1 (Постановление)");
	awol_page_free(pg);
}

static void test_vnkod_civil_card_dedup(void **state)
{
	awol_page *pg = parse_fixture("card_civil_1inst_vnkod.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_int_equal(pg->tmpl, AWOL_TEMPLATE_VNKOD);
	assert_string_equal(pg->kase.number, "2-5/2026");
	assert_string_equal(pg->kase.uid, "73RS0004-01-2024-005087-98");
	assert_string_equal(pg->kase.judge, "Смирнова В.О.");
	assert_string_equal(pg->kase.proceeding, "civil");
	/* the mobile copies of every row are not counted again */
	assert_int_equal(pg->nevents, 9);
	assert_int_equal(pg->nparties, 3);
	assert_string_equal(pg->parties[0].role, "ИСТЕЦ");
	awol_page_free(pg);
}

static void test_civil_primary_card(void **state)
{
	awol_page *pg = parse_fixture("card_civil_1inst_primary.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_string_equal(pg->kase.number, "2-7212/2025");
	assert_string_equal(pg->kase.proceeding, "civil");
	assert_int_equal(pg->npersons, 0);
	assert_int_equal(pg->nparties, 3);
	awol_page_free(pg);
}

static void test_listing(void **state)
{
	awol_page *pg = parse_fixture("listing_civil_cassation_primary.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_LISTING);
	assert_true(pg->has_listing);
	assert_int_equal(pg->listing.total, 530);
	assert_int_equal(pg->listing.page_rows, 25);
	assert_int_equal(pg->listing.nrows, 25);
	assert_string_equal(pg->listing.rows[0].number, "8Г-15211/2026 [88-14715/2026]");
	assert_string_equal(pg->listing.rows[0].case_id, "18223875");
	assert_string_equal(pg->listing.rows[0].case_uid, "3128af6a-aafd-43ab-a873-18c4f46b860e");
	assert_string_equal(pg->listing.rows[0].received, "2026-04-28");
	assert_string_equal(pg->listing.rows[0].decided, "2026-05-14");
	assert_non_null(pg->listing.next_url);
	assert_non_null(strstr(pg->listing.next_url, "page=2"));
	awol_page_free(pg);
}

static void test_small_kinds(void **state)
{
	static const struct {
		const char *file;
		awol_page_kind kind;
	} k[] = {
	    {"empty_no_data.html", AWOL_PAGE_EMPTY},
	    {"unavailable_throttled.html", AWOL_PAGE_UNAVAILABLE},
	    {"captcha_rejected_listing.html", AWOL_PAGE_CAPTCHA},
	    {"captcha_search_form_cp1251.html", AWOL_PAGE_CAPTCHA},
	    {"server_chooser.html", AWOL_PAGE_CHOOSER},
	    {"handmade_blocked_waf.html", AWOL_PAGE_BLOCKED},
	    {"handmade_blocked_geo.html", AWOL_PAGE_BLOCKED},
	    {"handmade_act.html", AWOL_PAGE_ACT},
	    {"handmade_search_form.html", AWOL_PAGE_SEARCH_FORM},
	};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(k); i++) {
		awol_page *pg = parse_fixture(k[i].file);
		if (pg->kind != k[i].kind) {
			print_error("%s: kind %s, want %s\n", k[i].file,
			            awol_page_kind_name(pg->kind), awol_page_kind_name(k[i].kind));
			fail();
		}
		assert_null(pg->error);
		awol_page_free(pg);
	}
}

static void test_captcha_form_cp1251(void **state)
{
	awol_page *pg = parse_fixture("captcha_search_form_cp1251.html");

	(void)state;
	assert_true(pg->has_captcha);
	assert_string_equal(pg->captcha.id, "v3ruvq66jtumpc886v4g0fp6o7");
	/* a PNG, base64 without the data: prefix or spaces */
	assert_memory_equal(pg->captcha.image_png_base64, "iVBORw0KGgo", 11);
	assert_null(strchr(pg->captcha.image_png_base64, ' '));
	/* the raw windows-1251 bytes were decoded */
	assert_string_equal(pg->court_name, "Санкт-Петербургский городской суд");
	awol_page_free(pg);
}

static void test_act(void **state)
{
	awol_page *pg = parse_fixture("handmade_act.html");

	(void)state;
	assert_non_null(pg->act_text);
	assert_non_null(strstr(pg->act_text, "ч. 5 ст. 337 УК РФ"));
	awol_page_free(pg);
}

static void test_two_defendants_cp1251(void **state)
{
	awol_page *pg = parse_fixture("handmade_card_criminal_2defendants_cp1251.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_string_equal(pg->kase.number, "1-45/2024");
	assert_string_equal(pg->court_code, "77GV0005");
	assert_string_equal(pg->kase.judge, "Орлов А.А.");
	assert_int_equal(pg->npersons, 2);
	assert_string_equal(pg->persons[0].name, "Информация скрыта");
	assert_string_equal(pg->persons[0].charges[0].article, "337");
	assert_string_equal(pg->persons[0].charges[0].part, "5");
	assert_string_equal(pg->persons[1].name, "Кравцов Пётр Семёнович");
	assert_int_equal(pg->persons[1].ncharges, 2);
	assert_string_equal(pg->persons[1].charges[0].part, "3.1");
	assert_string_equal(pg->persons[1].charges[1].article, "338");
	assert_null(pg->persons[1].decided);
	/* «Дата события» / «Зал судебного заседания» header variants */
	assert_int_equal(pg->nevents, 2);
	assert_string_equal(pg->events[1].date, "2024-03-12");
	assert_string_equal(pg->events[1].place, "Зал № 2");
	assert_int_equal(pg->nparties, 2);
	awol_page_free(pg);
}

static void test_vnkod_criminal(void **state)
{
	awol_page *pg = parse_fixture("handmade_card_criminal_vnkod.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_int_equal(pg->tmpl, AWOL_TEMPLATE_VNKOD);
	assert_string_equal(pg->kase.judge, "Ильин И.И.");
	assert_string_equal(pg->kase.decided, "2024-02-28");
	assert_string_equal(pg->kase.instance, "first");
	assert_int_equal(pg->npersons, 1); /* not 2: the block-mobile copy is skipped */
	assert_int_equal(pg->nevents, 2);
	assert_int_equal(pg->nparties, 1);
	awol_page_free(pg);

	pg = parse_fixture("handmade_listing_criminal_vnkod.html");
	assert_int_equal(pg->kind, AWOL_PAGE_LISTING);
	assert_int_equal(pg->tmpl, AWOL_TEMPLATE_VNKOD);
	assert_int_equal(pg->listing.total, 2);
	assert_int_equal(pg->listing.nrows, 2); /* resultMob duplicates ignored */
	assert_string_equal(pg->listing.rows[1].case_id, "502");
	assert_string_equal(pg->listing.rows[1].case_uid, "bbbb-502");
	awol_page_free(pg);

	pg = parse_fixture("handmade_listing_criminal_primary.html");
	assert_int_equal(pg->listing.total, 53);
	assert_int_equal(pg->listing.nrows, 3);
	assert_non_null(strstr(pg->listing.rows[1].text, "ст.338 ч.1"));
	assert_null(pg->listing.rows[1].decided);
	awol_page_free(pg);
}

static void test_url_resolution(void **state)
{
	awol_page *pg = parse_fixture_at(
	    "handmade_listing_criminal_primary.html",
	    "http://voen--perm.sudrf.ru/modules.php?name=sud_delo&name_op=r&page=1");

	(void)state;
	assert_string_equal(pg->court_host, "voen--perm.sudrf.ru");
	assert_memory_equal(pg->listing.next_url, "http://voen--perm.sudrf.ru/modules.php?", 38);
	assert_memory_equal(pg->listing.rows[0].url, "http://voen--perm.sudrf.ru/modules.php?", 38);
	awol_page_free(pg);
}

/* ---- bad input: never a crash, always a kind and a reason ---- */

static awol_page *parse_mem(const char *data, size_t len)
{
	awol_page *pg = NULL;
	awol_parse_opts o = {0};

	o.source = "mem";
	assert_int_equal(awol_page_parse(data, len, &o, &pg, NULL), 0);
	assert_non_null(pg);
	return pg;
}

static void test_bad_inputs(void **state)
{
	awol_page *pg;
	char *path = fixture_path("card_criminal_1inst_primary.html");
	awol_buf b = AWOL_BUF_INIT;
	size_t cut;

	(void)state;
	pg = parse_mem("", 0);
	assert_int_equal(pg->kind, AWOL_PAGE_UNKNOWN);
	assert_non_null(pg->error);
	awol_page_free(pg);

	pg = parse_mem("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	assert_int_equal(pg->kind, AWOL_PAGE_UNKNOWN);
	assert_non_null(strstr(pg->error, "not an HTML page"));
	awol_page_free(pg);

	pg = parse_mem("hello, world", 12);
	assert_int_equal(pg->kind, AWOL_PAGE_UNKNOWN);
	awol_page_free(pg);

	pg = parse_mem("<html><body>\xff\xfe\xc3\x28 invalid utf-8 \xe2\x82</body></html>", 44);
	assert_int_equal(pg->kind, AWOL_PAGE_UNKNOWN);
	assert_non_null(pg->error);
	awol_page_free(pg);

	/* a card cut at every 7919th byte: no crash; the short ones are not cards */
	assert_int_equal(awol_file_read(path, &b, NULL), 0);
	for (cut = 1; cut < b.len; cut += 7919) {
		pg = parse_mem(b.ptr, cut);
		assert_true(pg->kind != AWOL_PAGE_CARD || pg->kase.number || pg->error);
		awol_page_free(pg);
	}
	awol_buf_dispose(&b);
	free(path);
}

static void test_deep_nesting(void **state)
{
	size_t n = 100000, i;
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg;

	(void)state;
	awol_buf_puts(&b, "<html><body>", NULL);
	for (i = 0; i < n; i++)
		awol_buf_puts(&b, "<div>", NULL);
	awol_buf_puts(&b, "Данных по запросу не обнаружено", NULL);
	pg = parse_mem(b.ptr, b.len);
	/* libxml2 caps the depth; whatever it kept, no crash and a kind */
	assert_true(pg->kind == AWOL_PAGE_EMPTY || pg->kind == AWOL_PAGE_UNKNOWN);
	awol_page_free(pg);
	awol_buf_dispose(&b);
}

static void test_size_cap(void **state)
{
	awol_page *pg = NULL;
	awol_parse_opts o = {0};
	char small[64];

	(void)state;
	memset(small, 'x', sizeof(small));
	small[0] = '<';
	o.source = "big";
	o.max_bytes = 32;
	assert_int_equal(awol_page_parse(small, sizeof(small), &o, &pg, NULL), 0);
	assert_int_equal(pg->kind, AWOL_PAGE_UNKNOWN);
	assert_non_null(strstr(pg->error, "too large"));
	awol_page_free(pg);
	awol_page_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_criminal_card_known_values),
	    cmocka_unit_test(test_vnkod_civil_card_dedup),
	    cmocka_unit_test(test_civil_primary_card),
	    cmocka_unit_test(test_listing),
	    cmocka_unit_test(test_small_kinds),
	    cmocka_unit_test(test_captcha_form_cp1251),
	    cmocka_unit_test(test_act),
	    cmocka_unit_test(test_two_defendants_cp1251),
	    cmocka_unit_test(test_vnkod_criminal),
	    cmocka_unit_test(test_url_resolution),
	    cmocka_unit_test(test_bad_inputs),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_size_cap),
	};
	return cmocka_run_group_tests_name("sudrf_page", tests, NULL, NULL);
}
