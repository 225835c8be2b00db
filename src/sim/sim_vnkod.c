/*
 * Pages of the vintage ("VNKOD") sud_delo module, after docs/sudrf-format.md
 * §4.2 and the real VNKOD card in tests/fixtures: div#resultTable with a
 * law-case-table, the lawcase-count counter, a.open-lawcase links, and a
 * mobile copy of everything (div#resultMob, block-mobile tables).
 */
#include "util/common.h"
#include "sim.h"

static void head(awol_buf *b, const sim_court *c)
{
	awol_buf_printf(
	    b, NULL,
	    "<html><head><meta charset=\"windows-1251\"><title>%s</title></head><body>\r\n"
	    "<div class=\"header__middle\"><h5 class=\"heading heading_caps "
	    "heading_title\">%s</h5></div>\r\n<div id=\"modSdpContent\"><link "
	    "rel=\"stylesheet\" href=\"/modules/sud_delo/css/vnkod.css\">\r\n",
	    c->reg->name, c->reg->name);
	if (c->servers > 1)
		awol_buf_puts(b, SIM_OTHER_SERVER_LINK, NULL);
}

static void tail(awol_buf *b)
{
	awol_buf_puts(b, "</div>\r\n<div class=\"footer\">ГАС «Правосудие»</div></body></html>\r\n",
	              NULL);
}

static void charges(awol_buf *b, const sim_person *p)
{
	int i;

	for (i = 0; i < p->ncharges; i++) {
		awol_buf_printf(b, NULL, "%sст.%s", i ? "; " : "", p->charges[i].article);
		if (p->charges[i].part[0])
			awol_buf_printf(b, NULL, " ч.%s", p->charges[i].part);
		if (p->charges[i].point[0])
			awol_buf_printf(b, NULL, " п.%s", p->charges[i].point);
	}
	awol_buf_puts(b, " УК РФ", NULL);
}

static void text(awol_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			awol_buf_puts(b, "<br>", NULL);
		else
			awol_buf_putc(b, *s, NULL);
}

static void row(awol_buf *b, const sim_case *k)
{
	char d[11];
	int p;

	awol_date_ru(k->received, d);
	awol_buf_printf(
	    b, NULL,
	    "<tr><td class=\"lawcase-number-td\"><a class=\"open-lawcase\" "
	    "href=\"/modules.php?name=sud_delo&name_op=case&_id=%ld&_uid=%s&_deloId=1540006"
	    "&_caseType=0&_new=0&srv_num=%d\">%s</a></td><td>%s</td><td>",
	    k->id, k->guid, k->server, k->number, d);
	for (p = 0; p < k->npersons; p++) {
		awol_buf_printf(b, NULL, "%s%s - ", p ? "<br>" : "", k->persons[p].name);
		charges(b, &k->persons[p]);
	}
	awol_buf_printf(b, NULL, "</td><td>%s</td><td>", k->judge);
	if (k->result >= 0) {
		awol_date_ru(k->decided, d);
		awol_buf_printf(b, NULL, "%s</td><td>", d);
		text(b, sim_results[k->result]);
	} else
		awol_buf_puts(b, "</td><td>", NULL);
	if (k->nacts > 0) /* the act column links the card URL with &_doc=1 (§4.2) */
		awol_buf_printf(
		    b, NULL,
		    "</td><td></td><td><a href=\"/modules.php?name=sud_delo&name_op=case"
		    "&_id=%ld&_uid=%s&_deloId=1540006&_caseType=0&_new=0&srv_num=%d"
		    "&_doc=1\">%s</a></td></tr>\r\n",
		    k->id, k->guid, k->server, sim_act_kind(k, 1));
	else
		awol_buf_puts(b, "</td><td></td><td></td></tr>\r\n", NULL);
}

void sim_page_listing_vnkod(awol_buf *b, const sim_world *w, const sim_court *c, const size_t *idx,
                            size_t n, long page, const char *q)
{
	long pages = (long)((n + 24) / 25), from = (page - 1) * 25, i;

	head(b, c);
	awol_buf_printf(
	    b, NULL,
	    "<div id=\"search_results\"><div class=\"name-instanse\">Уголовные дела - "
	    "первая инстанция</div>\r\n<div class=\"lawcase-count\">Всего по запросу "
	    "найдено - <b>%zu</b>. На странице записи с <b>%ld</b> по <b>%ld</b>.</div>\r\n",
	    n, from + 1, from + 25 < (long)n ? from + 25 : (long)n);
	awol_buf_puts(b, "<ul class=\"pagination\">", NULL);
	if (page < pages)
		awol_buf_printf(b, NULL,
		                "<li><a href=\"./modules.php?%s&_page=%ld\" title=\"Следующая "
		                "страница\">&gt;</a></li>",
		                q, page + 1);
	awol_buf_puts(b,
	              "</ul>\r\n<div id=\"resultTable\"><table class=\"law-case-table\"><thead><tr>"
	              "<td>Номер дела</td><td>Дата поступления</td><td>Информация по делу</td>"
	              "<td>Судья</td><td>Дата решения</td><td>Решение</td><td>Дата вступления в "
	              "законную силу</td><td>Судебные акты</td></tr></thead><tbody>\r\n",
	              NULL);
	for (i = from; i < from + 25 && i < (long)n; i++)
		row(b, &w->cases[idx[i]]);
	awol_buf_puts(b,
	              "</tbody></table></div>\r\n<div id=\"resultMob\" class=\"block-mobile\">"
	              "<table class=\"law-case-table\">",
	              NULL);
	for (i = from; i < from + 25 && i < (long)n; i++)
		row(b, &w->cases[idx[i]]);
	awol_buf_puts(b, "</table></div></div>\r\n", NULL);
	tail(b);
}

void sim_page_card_vnkod(awol_buf *b, const sim_world *w, const sim_court *c, const sim_case *k)
{
	char d[11];
	int p, copy;

	(void)w;
	head(b, c);
	awol_date_ru(k->received, d);
	awol_buf_printf(
	    b, NULL,
	    "<div id=\"search_results\"><div class=\"name-instanse\">Уголовные дела - "
	    "первая инстанция</div>\r\n<div class=\"container\" id=\"case_window\"><div "
	    "class=\"case-num\">ДЕЛО № %s</div>\r\n<ul id=\"case_bookmarks\" "
	    "class=\"bookmarks\"><li id=\"tab_id_Case\">Дело</li><li "
	    "id=\"tab_id_EventList\">Движение дела</li><li id=\"tab_id_DefList\" "
	    "class=\"active\">Подсудимые</li>",
	    k->number);
	/* one tab per published act; the real page opens tab _doc=K by script */
	for (p = 1; p <= k->nacts; p++)
		awol_buf_printf(b, NULL, "<li id=\"tab_id_Document%d\">Судебный акт #%d</li>", p,
		                p);
	awol_buf_printf(
	    b, NULL,
	    "</ul>\r\n<div id=\"tab_content_Case\" "
	    "class=\"lawcase-tab-content\"><table class=\"law-case-table\"><tbody>"
	    "<tr><td><b>Уникальный идентификатор дела</b></td><td><a class=\"dashed\" "
	    "href=\"/modules.php?name=sud_delo&amp;name_op=r&amp;case__judicial_uidss=%s&amp;"
	    "case__vnkod=%s\">%s</a></td></tr><tr><td><b>Дата поступления</b></td><td>%s"
	    "</td></tr><tr><td><b>Председательствующий судья</b></td><td>%s</td></tr>",
	    k->uid, c->reg->code, k->uid, d, k->judge);
	if (k->result >= 0) {
		awol_date_ru(k->decided, d);
		awol_buf_printf(b, NULL,
		                "<tr><td><b>Дата рассмотрения</b></td><td>%s</td></tr><tr><td><b>"
		                "Решение</b></td><td>",
		                d);
		text(b, sim_results[k->result]);
		awol_buf_puts(b, "</td></tr>", NULL);
	}
	awol_buf_puts(b, "</tbody></table></div>\r\n", NULL);
	awol_date_ru(k->received, d);
	awol_buf_printf(
	    b, NULL,
	    "<div class=\"lawcase-tab-content\" id=\"tab_content_EventList\"><table "
	    "class=\"law-case-table non-list none-mobile\"><thead><tr><td>Наименование "
	    "события</td><td>Результат события</td><td>Дата события</td><td>Время "
	    "события</td></tr></thead><tbody><tr><td>Регистрация поступившего в суд дела"
	    "</td><td></td><td>%s</td><td>10:00</td></tr></tbody></table><div "
	    "class=\"mobile-lawcase-item block-mobile\"><table class=\"law-case-table\">"
	    "<tr><td><b>Наименование события</b></td><td>Регистрация поступившего в суд "
	    "дела</td></tr></table></div></div>\r\n",
	    d);
	awol_buf_puts(b, "<div class=\"lawcase-tab-content\" id=\"tab_content_DefList\">", NULL);
	for (copy = 0; copy < 2; copy++) {
		/* the desktop table, then its mobile copy */
		awol_buf_puts(
		    b,
		    copy ? "<div class=\"mobile-lawcase-item block-mobile\"><table "
		           "class=\"law-case-table\">"
		         : "<table class=\"law-case-table non-list none-mobile\"><thead><tr>"
		           "<td>Фамилия / наименование</td><td>Перечень статей</td><td>Дата "
		           "рассмотрения дела в отношении лица</td><td>Результат в отношении "
		           "лица</td></tr></thead><tbody>",
		    NULL);
		for (p = 0; p < k->npersons; p++) {
			awol_buf_printf(b, NULL, "<tr><td>%s</td><td>", k->persons[p].name);
			charges(b, &k->persons[p]);
			awol_buf_puts(b, "</td><td>", NULL);
			if (k->result >= 0) {
				awol_date_ru(k->decided, d);
				awol_buf_printf(b, NULL, "%s</td><td>", d);
				text(b, sim_results[k->result]);
			} else
				awol_buf_puts(b, "</td><td>", NULL);
			awol_buf_puts(b, "</td></tr>", NULL);
		}
		awol_buf_puts(b, copy ? "</table></div>" : "</tbody></table>", NULL);
	}
	awol_buf_puts(b, "</div>\r\n", NULL);
	for (p = 1; p <= k->nacts; p++) {
		awol_buf_printf(b, NULL,
		                "<div class=\"lawcase-tab-content\" id=\"tab_content_Document%d\">",
		                p);
		sim_act_text(b, c, k, p);
		awol_buf_puts(b, "</div>\r\n", NULL);
	}
	awol_buf_puts(b, "</div></div>\r\n", NULL);
	tail(b);
}
