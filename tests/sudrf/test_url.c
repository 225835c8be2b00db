/*
 * Request URLs (lib/sudrf/url.c) and what the crawler reads off pages of
 * multi-server courts and act pages: the chooser's servers, the link to it,
 * the act URLs a card's acts get when the card's URL is known.
 */
#include "helpers.h"
#include "sudrf/url.h"

static awol_page *parse_with_url(const char *html, const char *url)
{
	awol_page *pg = NULL;
	awol_parse_opts o = {0};

	o.source = url;
	o.url = url;
	assert_int_equal(awol_page_parse(html, strlen(html), &o, &pg, NULL), 0);
	assert_non_null(pg);
	return pg;
}

static void test_listing_urls(void **state)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_url_query q = {0};

	(void)state;
	q.scheme = "http";
	q.host = "235gvs--msk.sudrf.ru";
	q.code = "77GV0005";
	q.article = "337 ч.5";
	q.from = (awol_date){2023, 1, 1};
	q.to = (awol_date){2023, 6, 30};
	q.page = 2;
	assert_int_equal(awol_url_listing(&b, &q, NULL), 0);
	assert_non_null(strstr(b.ptr, "srv_num=1&name_op=r&page=2"));
	assert_non_null(strstr(b.ptr, "U1_DEFENDANT__LAW_ARTICLESS=337+%F7.5"));
	assert_non_null(strstr(b.ptr, "ENTRY_DATE1D=01.01.2023"));
	assert_null(strstr(b.ptr, "captcha"));
	awol_buf_reset(&b);
	q.server = 3;
	q.captcha = "12345";
	q.captchaid = "tok";
	assert_int_equal(awol_url_listing_vnkod(&b, &q, NULL), 0);
	/* the server and the building go together on the vintage module */
	assert_non_null(strstr(b.ptr, "&srv_num=3&"));
	assert_non_null(strstr(b.ptr, "case__num_build=3&"));
	assert_non_null(strstr(b.ptr, "case__vnkod=77GV0005"));
	assert_non_null(strstr(b.ptr, "&captcha=12345&captchaid=tok"));
	awol_buf_reset(&b);
	assert_int_equal(awol_url_chooser(&b, "https", "x--y.sudrf.ru", NULL), 0);
	assert_string_equal(b.ptr, "https://x--y.sudrf.ru/modules.php?name=sud_delo");
	awol_buf_dispose(&b);
}

static void test_act_urls(void **state)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_error err = {0};

	(void)state;
	assert_int_equal(
	    awol_url_act(&b,
	                 "http://a--b.sudrf.ru/modules.php?name=sud_delo&srv_num=2&"
	                 "name_op=case&case_id=181420413&case_uid=24-7b&delo_id=1540006",
	                 1, NULL),
	    0);
	assert_string_equal(b.ptr, "http://a--b.sudrf.ru/modules.php?name=sud_delo&srv_num=2&"
	                           "name_op=doc&number=181420413&delo_id=1540006&new=0&"
	                           "text_number=1");
	awol_buf_reset(&b);
	assert_int_equal(awol_url_act(&b,
	                              "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                              "case&_id=6&_uid=37dc&_deloId=1540006&srv_num=1",
	                              2, NULL),
	                 0);
	assert_string_equal(b.ptr, "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                           "case&_id=6&_uid=37dc&_deloId=1540006&srv_num=1&_doc=2");
	awol_buf_reset(&b);
	/* no case id: refused, naming the URL, nothing appended */
	assert_int_equal(awol_url_act(&b, "http://x/modules.php?name=sud_delo", 1, &err),
	                 -AWOL_EINVAL);
	assert_non_null(strstr(err.msg, "http://x/modules.php"));
	assert_int_equal(b.len, 0);
	assert_int_equal(awol_url_act(&b, "garbage", 1, NULL), -AWOL_EINVAL);
	assert_int_equal(awol_url_act(&b, NULL, 1, NULL), -AWOL_EINVAL);
	/* a VNKOD card fetched by an act link: its &_doc= is replaced, not doubled */
	awol_buf_reset(&b);
	assert_int_equal(awol_url_act(&b,
	                              "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                              "case&_id=6&_doc=1&_uid=37dc&srv_num=1",
	                              2, NULL),
	                 0);
	assert_string_equal(b.ptr, "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                           "case&_id=6&_uid=37dc&srv_num=1&_doc=2");
	awol_buf_reset(&b);
	assert_int_equal(awol_url_act(&b,
	                              "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                              "case&_id=6&srv_num=1&_doc=1",
	                              3, NULL),
	                 0);
	assert_string_equal(b.ptr, "http://v--amr.sudrf.ru/modules.php?name=sud_delo&name_op="
	                           "case&_id=6&srv_num=1&_doc=3");
	/* which act a link asks for */
	assert_int_equal(awol_url_act_number("http://x/m.php?name_op=doc&number=5&text_number=2"),
	                 2);
	assert_int_equal(awol_url_act_number("http://x/m.php?name_op=case&_id=6&_doc=3&srv_num=1"),
	                 3);
	assert_int_equal(awol_url_act_number("http://x/m.php?name_op=case&_id=6"), 0);
	assert_int_equal(awol_url_act_number("http://x/m.php?text_number=x1"), 0);
	assert_int_equal(awol_url_act_number(NULL), 0);
	awol_buf_dispose(&b);
}

static void test_url_with_server(void **state)
{
	awol_buf b = AWOL_BUF_INIT;

	(void)state;
	/* a card link without srv_num gets the listing's server; one with it is kept */
	assert_int_equal(awol_url_with_server(&b,
	                                      "http://a/modules.php?name=sud_delo&name_op="
	                                      "case&case_id=1#top",
	                                      2, NULL),
	                 0);
	assert_string_equal(b.ptr,
	                    "http://a/modules.php?name=sud_delo&name_op=case&case_id=1&srv_num=2");
	assert_int_equal(awol_url_with_server(&b,
	                                      "http://a/modules.php?name=sud_delo&srv_num=3&"
	                                      "name_op=case&case_id=1",
	                                      2, NULL),
	                 0);
	assert_string_equal(b.ptr,
	                    "http://a/modules.php?name=sud_delo&srv_num=3&name_op=case&case_id=1");
	assert_int_equal(awol_url_with_server(&b, "no-query", 2, NULL), 0);
	assert_string_equal(b.ptr, "no-query");
	awol_buf_dispose(&b);
}

static void test_chooser_servers(void **state)
{
	awol_page *pg = parse_fixture("server_chooser.html");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CHOOSER);
	assert_int_equal(pg->servers, 2);
	awol_page_free(pg);
	/* an ordinary page has no servers and no link to the chooser */
	pg = parse_fixture("empty_no_data.html");
	assert_int_equal(pg->servers, 0);
	assert_false(pg->other_servers);
	awol_page_free(pg);
	pg = parse_with_url("<html><body><div id='modSdpContent'><div class='other_link_serv'>"
	                    "<a href='/modules.php?name=sud_delo'>[Выбрать другой сервер]</a>"
	                    "</div><div id=error>Данных по запросу не обнаружено.</div></div>"
	                    "</body></html>",
	                    "http://a--b.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=r");
	assert_int_equal(pg->kind, AWOL_PAGE_EMPTY);
	assert_true(pg->other_servers);
	awol_page_free(pg);
}

static void test_card_acts_get_urls(void **state)
{
	awol_page *pg = parse_fixture_at(
	    "card_criminal_1inst_primary.html",
	    "https://leninsky--bkr.sudrf.ru/modules.php?name=sud_delo&srv_num=1&name_op=case&"
	    "case_id=181420413&case_uid=247063b2&delo_id=1540006");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_CARD);
	assert_true(pg->nacts >= 1);
	assert_string_equal(pg->acts[0].url,
	                    "https://leninsky--bkr.sudrf.ru/modules.php?name=sud_delo&srv_num=1&"
	                    "name_op=doc&number=181420413&delo_id=1540006&new=0&text_number=1");
	awol_page_free(pg);
}

static void test_act_page_text(void **state)
{
	awol_page *pg = parse_with_url(
	    "<html><body><div id='modSdpContent'><div id='content'><div id='doccont'><a "
	    "href='javascript:window.print()'>Печать</a></div><span><p>ПРИГОВОР</p><p>ФИО1 "
	    "признан виновным</p></span></div></div></body></html>",
	    "http://a--b.sudrf.ru/modules.php?name=sud_delo&name_op=doc&number=1&text_number=1");

	(void)state;
	assert_int_equal(pg->kind, AWOL_PAGE_ACT);
	assert_non_null(pg->act_text);
	assert_null(strstr(pg->act_text, "Печать")); /* the print button is not the act */
	assert_non_null(strstr(pg->act_text, "ПРИГОВОР"));
	awol_page_free(pg);
	pg = parse_with_url("<html><body><div id='content'>ПУСТОЙ ДОКУМЕНТ</div></body></html>",
	                    "http://a--b.sudrf.ru/modules.php?name=sud_delo&name_op=case&_id=1&"
	                    "_doc=3");
	assert_int_equal(pg->kind, AWOL_PAGE_ACT);
	awol_page_free(pg);
}

/* Redirects stay on the court's own host forms and never go from https to http. */
static void test_redirect_ok(void **state)
{
	char why[256];
	const char *h = "235gvs--msk.sudrf.ru";

	(void)state;
	assert_true(awol_url_redirect_ok(h, "https", "https://235gvs--msk.sudrf.ru/x", why, 256));
	assert_true(awol_url_redirect_ok(h, "http", "https://235GVS.msk.sudrf.ru:443/", why, 256));
	assert_true(awol_url_redirect_ok(h, "http", "http://235gvs.msk.sudrf.ru", why, 256));
	assert_false(awol_url_redirect_ok(h, "https", "http://235gvs--msk.sudrf.ru/", why, 256));
	assert_string_equal(why, "from https to http (235gvs--msk.sudrf.ru)");
	assert_false(awol_url_redirect_ok(h, "http", "http://evil.example/x", why, 256));
	assert_string_equal(why, "to evil.example");
	assert_false(
	    awol_url_redirect_ok(h, "http", "http://235gvs--msk.sudrf.ru.evil/", why, 256));
	assert_false(awol_url_redirect_ok(h, "http", "http://x235gvs.msk.sudrf.ru/", why, 256));
	assert_false(awol_url_redirect_ok(h, "http", "http://u@evil.example/", why, 256));
	assert_false(
	    awol_url_redirect_ok(h, "http", "http://235gvs--msk.sudrf.ru@evil/", why, 256));
	assert_false(awol_url_redirect_ok(h, "http", "file:///etc/passwd", why, 256));
	assert_false(awol_url_redirect_ok(h, "http", "/relative", why, 256));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_redirect_ok),        cmocka_unit_test(test_listing_urls),
	    cmocka_unit_test(test_act_urls),           cmocka_unit_test(test_chooser_servers),
	    cmocka_unit_test(test_card_acts_get_urls), cmocka_unit_test(test_act_page_text),
	    cmocka_unit_test(test_url_with_server),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
