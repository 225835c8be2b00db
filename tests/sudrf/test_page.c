/*
 * The page parser on the real fixture pages (known values from
 * ../shared/fixtures/sudrf/README.md) and on hand-made pages for what the
 * real ones lack (criminal listings, VNKOD criminal card, several
 * defendants, raw windows-1251, blocks, acts).
 */
#include "helpers.h"
#include "awol/page_json.h"

#include <dirent.h>

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

/* ---- act texts embedded in cards, listings' act links, act pages' classification ---- */

/* The JSON record of a page: act texts are not part of it, so it must not change. */
static void assert_same_json(const awol_page *a, const awol_page *b)
{
	char *ja = NULL, *jb = NULL;

	assert_int_equal(awol_page_to_json(a, &ja, NULL), 0);
	assert_int_equal(awol_page_to_json(b, &jb, NULL), 0);
	if (strcmp(ja, jb) != 0) {
		print_error("JSON differs:\n%s\n%s\n", ja, jb);
		fail();
	}
	free(ja);
	free(jb);
}

static void test_card_act_texts_primary(void **state)
{
	static const char *const url =
	    "http://perm-gvs--perm.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=case"
	    "&case_id=7&case_uid=aaaa-7&delo_id=1540006";
	awol_page *plain, *texts, *dom;
	size_t i;

	(void)state;
	plain = parse_with("handmade_card_acts_primary.html", url, false, false);
	texts = parse_with("handmade_card_acts_primary.html", url, true, false);
	dom = parse_with("handmade_card_acts_primary.html", url, true, true);
	assert_int_equal(plain->kind, AWOL_PAGE_CARD);
	assert_null(plain->error);
	assert_int_equal(plain->nacts, 2);
	for (i = 0; i < plain->nacts; i++)
		assert_null(plain->acts[i].text);
	assert_int_equal(texts->nacts, 2);
	assert_string_equal(texts->acts[0].title, "Судебный акт #1 (Приговор)");
	assert_non_null(texts->acts[0].text);
	assert_non_null(texts->acts[1].text);
	/* read as act pages are: paragraphs and <br> are line breaks, markup gone */
	assert_memory_equal(texts->acts[0].text, "ПРИГОВОР\n", strlen("ПРИГОВОР\n"));
	assert_non_null(strstr(texts->acts[0].text, "ФИО3,\nобвиняемого"));
	assert_non_null(strstr(texts->acts[0].text, "ч. 5 ст. 337 УК РФ"));
	assert_null(strstr(texts->acts[0].text, "<span"));
	assert_non_null(strstr(texts->acts[0].text, "г. <адрес>")); /* entities decoded */
	assert_null(strstr(texts->acts[0].text, "ПОСТАНОВЛЕНИЕ"));
	assert_non_null(strstr(texts->acts[1].text, "Ничего не найдено"));
	assert_null(strstr(texts->acts[1].text, "ПРИГОВОР"));
	/* the act URLs are derived as before */
	assert_non_null(texts->acts[1].url);
	assert_string_equal(texts->acts[1].url, plain->acts[1].url);
	assert_same_json(plain, texts);
	/* libxml2's tree gives the same texts */
	for (i = 0; i < 2; i++)
		assert_string_equal(dom->acts[i].text, texts->acts[i].text);
	assert_same_json(plain, dom);
	awol_page_free(plain);
	awol_page_free(texts);
	awol_page_free(dom);

	/* the real card: its one act, with the card otherwise the same */
	plain = parse_with("card_criminal_1inst_primary.html", NULL, false, false);
	texts = parse_with("card_criminal_1inst_primary.html", NULL, true, false);
	assert_int_equal(texts->nacts, 1);
	assert_null(plain->acts[0].text);
	assert_non_null(texts->acts[0].text);
	assert_non_null(strstr(texts->acts[0].text, "ПОСТАНОВЛЕНИЕ"));
	assert_non_null(strstr(texts->acts[0].text, "ст. 173.1 УК РФ"));
	assert_same_json(plain, texts);
	awol_page_free(plain);
	awol_page_free(texts);
}

static void test_card_act_texts_vnkod(void **state)
{
	awol_page *plain, *texts, *dom;
	size_t i;

	(void)state;
	plain = parse_with("handmade_card_acts_vnkod.html", NULL, false, false);
	texts = parse_with("handmade_card_acts_vnkod.html", NULL, true, false);
	dom = parse_with("handmade_card_acts_vnkod.html", NULL, true, true);
	assert_int_equal(plain->kind,
	                 AWOL_PAGE_CARD); /* «ПУСТОЙ ДОКУМЕНТ» in a card: still a card */
	assert_int_equal(plain->tmpl, AWOL_TEMPLATE_VNKOD);
	assert_null(plain->error);
	assert_int_equal(plain->npersons, 1);
	assert_int_equal(plain->nacts, 3);
	for (i = 0; i < plain->nacts; i++)
		assert_null(plain->acts[i].text);
	assert_int_equal(texts->nacts, 3);
	assert_non_null(texts->acts[0].text);
	assert_memory_equal(texts->acts[0].text, "ПРИГОВОР\n", strlen("ПРИГОВОР\n"));
	assert_non_null(strstr(texts->acts[0].text, "ФИО1,\nобвиняемого"));
	assert_non_null(strstr(texts->acts[0].text, "ничего не найдено"));
	/* kept as the site wrote it: the store knows what it means */
	assert_string_equal(texts->acts[1].text, "ПУСТОЙ ДОКУМЕНТ");
	assert_null(texts->acts[2].text); /* only blanks */
	assert_same_json(plain, texts);
	for (i = 0; i < 2; i++)
		assert_string_equal(dom->acts[i].text, texts->acts[i].text);
	assert_null(dom->acts[2].text);
	awol_page_free(plain);
	awol_page_free(texts);
	awol_page_free(dom);

	/* a card without Document tabs has no acts, asked or not */
	texts = parse_with("handmade_card_criminal_vnkod.html", NULL, true, false);
	assert_int_equal(texts->nacts, 0);
	awol_page_free(texts);
}

/* Every fixture: act_texts changes nothing of the JSON record, fast path or not. */
static void test_act_texts_keep_json(void **state)
{
	DIR *d;
	struct dirent *e;
	char *dir = fixture_path("");
	size_t n = 0;

	(void)state;
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		awol_page *a, *b, *c;
		if (l < 5 || strcmp(e->d_name + l - 5, ".html") != 0)
			continue;
		a = parse_with(e->d_name, NULL, false, false);
		b = parse_with(e->d_name, NULL, true, false);
		c = parse_with(e->d_name, NULL, true, true);
		assert_same_json(a, b);
		assert_same_json(a, c);
		awol_page_free(a);
		awol_page_free(b);
		awol_page_free(c);
		n++;
	}
	closedir(d);
	free(dir);
	assert_true(n >= 19);
}

static void test_listing_has_act(void **state)
{
	awol_page *pg;
	size_t i;

	(void)state;
	pg = parse_fixture("handmade_listing_criminal_primary.html");
	assert_int_equal(pg->listing.nrows, 3);
	assert_true(pg->listing.rows[0].has_act); /* the act column's name_op=doc link */
	assert_false(pg->listing.rows[1].has_act);
	assert_false(pg->listing.rows[2].has_act);
	awol_page_free(pg);

	pg = parse_fixture("handmade_listing_criminal_vnkod.html");
	assert_int_equal(pg->listing.nrows, 2);   /* resultMob duplicates still ignored */
	assert_true(pg->listing.rows[0].has_act); /* the card URL with &_doc=1 */
	assert_false(pg->listing.rows[1].has_act);
	awol_page_free(pg);

	/* the real cassation listing links an act on some rows, not on others */
	pg = parse_fixture("listing_civil_cassation_primary.html");
	{
		size_t with = 0;
		for (i = 0; i < pg->listing.nrows; i++)
			with += pg->listing.rows[i].has_act;
		assert_true(with > 0);
		assert_true(with <= pg->listing.nrows);
	}
	awol_page_free(pg);
}

/* An act page in memory (UTF-8) whose text says `phrase`. */
static awol_page *act_page(const char *phrase, const char *url)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg = NULL;
	awol_parse_opts o = {0};

	awol_buf_printf(&b, NULL,
	                "<html><head><title>235 гарнизонный военный суд</title></head><body>"
	                "<div id=\"modSdpContent\"><div id=\"content\"><div id=\"doccont\"><a "
	                "href=\"javascript:window.print()\">Печать</a></div>\r\n<span "
	                "style=\"TEXT-ALIGN: justify\"><p>ПРИГОВОР</p><p>При обыске %s, о "
	                "чём составлен протокол.</p></span></div></div></body></html>",
	                phrase);
	o.source = "mem";
	o.url = url;
	assert_int_equal(awol_page_parse(b.ptr, b.len, &o, &pg, NULL), 0);
	awol_buf_dispose(&b);
	assert_non_null(pg);
	return pg;
}

static void test_act_page_with_message_phrase(void **state)
{
	static const char *const phrases[] = {
	    "Ничего не найдено", "Данных по запросу не найдено", "Данных по запросу не обнаружено",
	    "Информация временно недоступна", "сайт временно недоступен"};
	static const char *const doc_url =
	    "http://235gvs--msk.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=doc"
	    "&number=1001&delo_id=1540006&new=0&text_number=1";
	size_t i, u;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(phrases); i++)
		for (u = 0; u < 2; u++) {
			awol_page *pg = act_page(phrases[i], u ? doc_url : NULL);
			if (pg->kind != AWOL_PAGE_ACT) {
				print_error("«%s»: kind %s, want act\n", phrases[i],
				            awol_page_kind_name(pg->kind));
				fail();
			}
			assert_non_null(pg->act_text);
			assert_non_null(strstr(pg->act_text, phrases[i]));
			assert_null(strstr(pg->act_text, "Печать"));
			awol_page_free(pg);
		}
}

static void test_messages_at_doc_url(void **state)
{
	static const char *const doc_url =
	    "http://235gvs--msk.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=doc"
	    "&number=1001&delo_id=1540006&new=0&text_number=1";
	static const char *const vnkod_doc_url =
	    "http://tver-gvs--twr.sudrf.ru/modules.php?name=sud_delo&name_op=case&_id=501"
	    "&_uid=bbbb-501&_deloId=1540006&_caseType=0&_new=0&srv_num=1&_doc=1";
	awol_page *pg;

	(void)state;
	/* the throttle box fetched as an act is a throttle, not an act */
	pg = parse_fixture_at("unavailable_throttled.html", doc_url);
	assert_int_equal(pg->kind, AWOL_PAGE_UNAVAILABLE);
	assert_null(pg->act_text);
	awol_page_free(pg);
	pg = parse_fixture_at("unavailable_throttled.html", vnkod_doc_url);
	assert_int_equal(pg->kind, AWOL_PAGE_UNAVAILABLE);
	awol_page_free(pg);
	pg = parse_fixture_at("empty_no_data.html", doc_url);
	assert_int_equal(pg->kind, AWOL_PAGE_EMPTY);
	awol_page_free(pg);
	/* a VNKOD act link answers with the card itself */
	pg = parse_fixture_at("handmade_card_acts_vnkod.html", vnkod_doc_url);
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	awol_page_free(pg);
	/* a page with no act text at all: the site's «ПУСТОЙ ДОКУМЕНТ» */
	pg = act_page("ПУСТОЙ ДОКУМЕНТ", NULL);
	assert_int_equal(pg->kind, AWOL_PAGE_ACT);
	awol_page_free(pg);
	/* and the act fixture at its URL is still an act */
	pg = parse_fixture_at("handmade_act.html", doc_url);
	assert_int_equal(pg->kind, AWOL_PAGE_ACT);
	awol_page_free(pg);
}

/* A card whose first act was withdrawn (only tab_doc2 and cont_doc2 remain, renumbered
 * here from the fixture's act 1 to act 5): the act's link and text keep its number. */
static void test_card_act_numbers(void **state)
{
	char *path = fixture_path("handmade_card_acts_primary.html");
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg = NULL;
	awol_parse_opts o = {0};
	char *p;

	(void)state;
	assert_int_equal(awol_file_read(path, &b, NULL), 0);
	for (p = b.ptr; (p = strstr(p, "_doc1")) != NULL; p += 5)
		p[4] = '5';
	o.url = "http://x--y.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=case&case_id=5"
	        "&case_uid=ab&delo_id=1540006";
	o.act_texts = true;
	assert_int_equal(awol_page_parse(b.ptr, b.len, &o, &pg, NULL), 0);
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_int_equal(pg->nacts, 2);
	assert_int_equal(pg->acts[0].number, 5);
	assert_non_null(strstr(pg->acts[0].url, "text_number=5"));
	assert_non_null(pg->acts[0].text);
	assert_int_equal(pg->acts[1].number, 2);
	assert_non_null(strstr(pg->acts[1].url, "text_number=2"));
	awol_page_free(pg);
	awol_buf_dispose(&b);
	free(path);
}

/*
 * КоАП cards (administrative cases, which military courts also hear): no ЛИЦА tab; the
 * person charged is the row of СТОРОНЫ ПО ДЕЛУ / PersonList with «Перечень статей».  Both
 * templates, with the fast tokenizer and with libxml2 alone.
 */
static void test_koap_cards(void **state)
{
	int dom;

	(void)state;
	for (dom = 0; dom < 2; dom++) {
		awol_page *pg = parse_with("handmade_card_koap_primary.html", NULL, false, dom);
		awol_person *p;

		assert_int_equal(pg->kind, AWOL_PAGE_CARD);
		assert_int_equal(pg->tmpl, AWOL_TEMPLATE_PRIMARY);
		assert_string_equal(pg->kase.number, "5-31/2024");
		assert_string_equal(pg->kase.proceeding, "koap");
		assert_string_equal(pg->kase.received, "2024-03-14");
		assert_string_equal(pg->kase.decided, "2024-04-02");
		assert_int_equal(pg->npersons, 1);
		p = &pg->persons[0];
		assert_string_equal(p->name, "Зайцев Олег Викторович");
		assert_string_equal(p->role, "defendant");
		assert_int_equal(p->ncharges, 1);
		assert_string_equal(p->charges[0].law, "КоАП РФ");
		assert_string_equal(p->charges[0].article, "12.26");
		assert_string_equal(p->charges[0].part, "1");
		/* the defence counsel stays a party; the person charged is not one twice */
		assert_int_equal(pg->nparties, 1);
		assert_string_equal(pg->parties[0].role, "ЗАЩИТНИК");
		assert_int_equal(pg->nevents, 2);
		awol_page_free(pg);

		pg = parse_with("handmade_card_koap_vnkod.html", NULL, false, dom);
		assert_int_equal(pg->kind, AWOL_PAGE_CARD);
		assert_int_equal(pg->tmpl, AWOL_TEMPLATE_VNKOD);
		assert_string_equal(pg->kase.number, "5-7/2024");
		assert_string_equal(pg->kase.proceeding, "koap");
		assert_string_equal(pg->kase.decided, "2024-02-09");
		assert_int_equal(pg->npersons, 1); /* not 2: the block-mobile copy is skipped */
		p = &pg->persons[0];
		assert_string_equal(p->name, "Информация скрыта");
		assert_string_equal(p->role, "defendant");
		/* «ст.12.8 ч.1; ст.12.7 ч.2» names no code: on a КоАП card it is the КоАП */
		assert_int_equal(p->ncharges, 2);
		assert_string_equal(p->charges[0].law, "КоАП РФ");
		assert_string_equal(p->charges[0].article, "12.8");
		assert_string_equal(p->charges[1].law, "КоАП РФ");
		assert_string_equal(p->charges[1].article, "12.7");
		assert_string_equal(p->charges[1].part, "2");
		assert_int_equal(pg->nparties, 1);
		assert_string_equal(pg->parties[0].name, "Сомова Е.Е.");
		awol_page_free(pg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_criminal_card_known_values),
	    cmocka_unit_test(test_card_act_numbers),
	    cmocka_unit_test(test_koap_cards),
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
	    cmocka_unit_test(test_card_act_texts_primary),
	    cmocka_unit_test(test_card_act_texts_vnkod),
	    cmocka_unit_test(test_act_texts_keep_json),
	    cmocka_unit_test(test_listing_has_act),
	    cmocka_unit_test(test_act_page_with_message_phrase),
	    cmocka_unit_test(test_messages_at_doc_url),
	};
	return cmocka_run_group_tests_name("sudrf_page", tests, NULL, NULL);
}
