/*
 * Act texts (name_op=doc, docs/sudrf-format.md §3.5) and the pages of
 * multi-server courts (the srv_num chooser and the unknown-server answer,
 * §1.3, §7), modelled on tests/fixtures/sudrf/server_chooser.html and the
 * depersonalised texts the sites publish.
 */
#include "util/common.h"
#include "sim.h"

static void open_page(awol_buf *b, const sim_court *c)
{
	awol_buf_printf(b, NULL,
	                "<html><head><meta http-equiv='Content-Type' content='text/html; "
	                "charset=windows-1251'>\r\n<TITLE>%s</TITLE></head><body>\r\n"
	                "<div class=\"header__middle\"><h5 class=\"heading heading_caps "
	                "heading_title\">%s</h5></div>\r\n",
	                c->reg->name, c->reg->name);
}

static void close_page(awol_buf *b)
{
	awol_buf_puts(b, "<div class=\"footer\">&copy; ГАС «Правосудие»</div></body></html>\r\n",
	              NULL);
}

const char *sim_act_kind(const sim_case *k, int n)
{
	/* a verdict first when convicted; later acts are decisions on the side */
	return n == 1 && k->result == 0 ? "Приговор" : "Постановление";
}

void sim_page_doc(awol_buf *b, const sim_court *c, const sim_case *k, int n)
{
	open_page(b, c);
	awol_buf_puts(b,
	              "<div id=\"modSdpContent\"><div id=\"content\"><div id=\"doccont\"><a "
	              "href=\"javascript:window.print()\">Печать</a></div>\r\n",
	              NULL);
	if (k && n >= 1 && n <= k->nacts)
		sim_act_text(b, c, k, n);
	else
		awol_buf_puts(b, "<p>ПУСТОЙ ДОКУМЕНТ</p>", NULL);
	awol_buf_puts(b, "</div></div>\r\n", NULL);
	close_page(b);
}

void sim_page_chooser(awol_buf *b, const sim_court *c)
{
	int s;

	open_page(b, c);
	awol_buf_puts(b,
	              "<div class='box box_common m-all_m'><div class='box__head "
	              "box__head_white'>СУДЕБНОЕ ДЕЛОПРОИЗВОДСТВО</div><div id='box box_common "
	              "m-all_m'>Наш суд использует несколько серверов (источников данных) "
	              "подсистемы «Судебное делопроизводство». Выберите сервер для продолжения "
	              "работы с разделом.<ul class='statUl'>",
	              NULL);
	for (s = 1; s <= c->servers; s++)
		awol_buf_printf(b, NULL,
		                "<li><a href='/modules.php?name=sud_delo&srv_num=%d'>%s%s</a></li>",
		                s, s == 1 ? "" : "ПСП ", c->reg->name);
	awol_buf_puts(b, "</ul></div></div>\r\n", NULL);
	close_page(b);
}

void sim_page_no_server(awol_buf *b, const sim_court *c)
{
	open_page(b, c);
	awol_buf_puts(b,
	              "<div id=\"modSdpContent\"><div id='content'><div align='center' "
	              "id=error>Указанный сервер СДП не найден.</div></div></div>\r\n",
	              NULL);
	close_page(b);
}
