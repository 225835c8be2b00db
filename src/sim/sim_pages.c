/*
 * Pages of the simulated sites, primary template, modelled on the real
 * pages (tests/fixtures/sudrf) and docs/sudrf-format.md §2.4-§3, §6, §7.
 * Built in UTF-8 and sent as windows-1251 like the real servers.
 */
#include "util/common.h"
#include "sim.h"

static void head(awol_buf *b, const sim_court *c)
{
	awol_buf_printf(b, NULL,
	                "<html><head><meta http-equiv='Content-Type' content='text/html; "
	                "charset=windows-1251'>\r\n<TITLE>%s</TITLE></head><body>\r\n"
	                "<div class=\"header__middle\"><h5 class=\"heading heading_caps "
	                "heading_title\">%s</h5></div>\r\n"
	                "<script>var srv_num=1;</script>\r\n<div id=\"modSdpContent\">\r\n",
	                c->reg->name, c->reg->name);
	if (c->servers > 1)
		awol_buf_puts(b, SIM_OTHER_SERVER_LINK, NULL);
}

static void tail(awol_buf *b)
{
	awol_buf_puts(
	    b, "</div>\r\n<div class=\"footer\">&copy; ГАС «Правосудие»</div></body></html>\r\n",
	    NULL);
}

static void charges_text(awol_buf *b, const sim_person *p)
{
	int i;

	for (i = 0; i < p->ncharges; i++) {
		const sim_charge *c = &p->charges[i];
		awol_buf_printf(b, NULL, "%sст.%s", i ? "; " : "", c->article);
		if (c->part[0])
			awol_buf_printf(b, NULL, " ч.%s", c->part);
		if (c->point[0])
			awol_buf_printf(b, NULL, " п.%s", c->point);
	}
	awol_buf_puts(b, " УК РФ", NULL);
}

static void html_text(awol_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			awol_buf_puts(b, "<br>", NULL);
		else if (*s == '<')
			awol_buf_puts(b, "&lt;", NULL);
		else if (*s == '&')
			awol_buf_puts(b, "&amp;", NULL);
		else
			awol_buf_putc(b, *s, NULL);
	}
}

void sim_page_listing(awol_buf *b, const sim_world *w, const sim_court *c, const size_t *idx,
                      size_t n, long page, const char *q)
{
	long pages = (long)((n + 24) / 25), from = (page - 1) * 25, i;
	char d[11];

	head(b, c);
	awol_buf_puts(b,
	              "<div id=\"content\"><table width=\"100%\" border=\"0\">\r\n<tr><td "
	              "valign=\"bottom\" nowrap>\r\nСтраницы : ",
	              NULL);
	for (i = 1; i <= pages && i <= 10; i++) {
		if (i == page)
			awol_buf_printf(b, NULL, "<b>%ld</b> | ", i);
		else
			awol_buf_printf(b, NULL, "<a href= ./modules.php?%s&page=%ld>%ld</a> | ", q,
			                i, i);
	}
	if (page < pages) {
		awol_buf_printf(
		    b, NULL,
		    "<a href= ./modules.php?%s&page=%ld title=\"Следующая страница\">></a>\r\n", q,
		    page + 1);
		awol_buf_printf(b, NULL,
		                "<a href= ./modules.php?%s&page=%ld title=\"На последнюю страницу "
		                "списка\">>></a>",
		                q, pages);
	}
	awol_buf_printf(b, NULL,
	                "</td>\r\n<td align=\"right\">\r\n\t\t\t\tВсего по запросу найдено — %zu. "
	                "На странице записи с %ld\t\t\t\tпо %ld.&nbsp;</td></tr></table>\r\n",
	                n, n ? from + 1 : 0, from + 25 < (long)n ? from + 25 : (long)n);
	awol_buf_puts(b,
	              "<table width=\"100%\" border=\"0\" cellpadding=\"3\" cellspacing=\"0\" "
	              "id=\"tablcont\">\r\n<tr><th>№ дела</th><th>Дата<br>поступления</th>"
	              "<th>Информация по делу</th><th>Судья</th><th>Дата<br>решения</th>"
	              "<th>Решение</th><th>Дата вступления<br>в законную силу</th><th>Судебные<br>"
	              "акты</th></tr>\r\n",
	              NULL);
	for (i = from; i < from + 25 && i < (long)n; i++) {
		const sim_case *k = &w->cases[idx[i]];
		int p;
		awol_date_ru(k->received, d);
		/* "nosrv": a link without srv_num reaches the chooser, not the card */
		if (c->bare_links && k->id % 3 == 0)
			awol_buf_printf(
			    b, NULL,
			    "<tr valign=\"top\"><td title=\"Для получения справки по делу, нажмите "
			    "на номер дела\"><a href='/modules.php?name=sud_delo&name_op="
			    "case&case_id=%ld&case_uid=%s&delo_id=1540006'>%s</a><br></td>"
			    "<td align=\"center\">&nbsp;%s</td><td>",
			    k->id, k->guid, k->number, d);
		else
			awol_buf_printf(
			    b, NULL,
			    "<tr valign=\"top\"><td title=\"Для получения справки по делу, нажмите "
			    "на номер дела\"><a "
			    "href='/modules.php?name=sud_delo&srv_num=%d&name_op="
			    "case&case_id=%ld&case_uid=%s&delo_id=1540006'>%s</a><br></td>"
			    "<td align=\"center\">&nbsp;%s</td><td>",
			    k->server, k->id, k->guid, k->number, d);
		for (p = 0; p < k->npersons; p++) {
			awol_buf_printf(b, NULL, "%sОБВИНЯЕМЫЙ: %s - ", p ? "<br>" : "",
			                k->persons[p].name);
			charges_text(b, &k->persons[p]);
		}
		awol_buf_printf(b, NULL, "</td><td>%s</td><td align=\"center\">", k->judge);
		if (k->result >= 0) {
			awol_date_ru(k->decided, d);
			awol_buf_printf(b, NULL, "%s</td><td>", d);
			html_text(b, sim_results[k->result]);
		} else
			awol_buf_puts(b, "</td><td>", NULL);
		if (k->nacts > 0) /* the act column links the first published act */
			awol_buf_printf(
			    b, NULL,
			    "</td><td>&nbsp;</td><td><a href='/modules.php?name=sud_delo"
			    "&srv_num=%d&name_op=doc&number=%ld&delo_id=1540006&new=0"
			    "&text_number=1' title='%s'><img src='/images/doc.gif'></a>"
			    "</td></tr>\r\n",
			    k->server, k->id, sim_act_kind(k, 1));
		else
			awol_buf_puts(
			    b,
			    "</td><td>&nbsp;</td><td style=\"background:#ddd;\">&nbsp;</td>"
			    "</tr>\r\n",
			    NULL);
	}
	awol_buf_puts(b, "</table></div>\r\n", NULL);
	tail(b);
}

void sim_page_card(awol_buf *b, const sim_world *w, const sim_court *c, const sim_case *k)
{
	char d[11];
	int p;

	(void)w;
	head(b, c);
	awol_buf_printf(
	    b, NULL,
	    "<div id=\"content\"><div align=\"center\" class=\"title\">\r\n\tУголовные "
	    "дела - первая инстанция</div>\r\n<div align=\"center\" class=\"casenumber\">"
	    "\r\n\tДЕЛО № %s</div>\r\n"
	    "<ul class=\"tabs\"><li id=\"tab1\" class=\"sel\"><a href=\"#\">&nbsp;ДЕЛО&nbsp;"
	    "</a></li><li id=\"tab2\" class=\"nonsel\"><a href=\"#\">&nbsp;ДВИЖЕНИЕ ДЕЛА"
	    "&nbsp;</a></li><li id=\"tab3\" class=\"nonsel\"><a href=\"#\">&nbsp;ЛИЦА&nbsp;"
	    "</a></li><li id=\"tab4\" class=\"nonsel\"><a href=\"#\">&nbsp;СТОРОНЫ&nbsp;</a>"
	    "</li>%s</ul>\r\n<div class=\"contentt\">\r\n",
	    k->number,
	    k->nacts > 0 ? "<li id=\"tab5\" class=\"nonsel\"><a href=\"#\">&nbsp;СУДЕБНЫЕ "
	                   "АКТЫ&nbsp;</a></li>"
	                 : "");
	awol_date_ru(k->received, d);
	awol_buf_printf(
	    b, NULL,
	    "<div id=\"cont1\"><table id=\"tablcont\"><tr><th colspan=\"2\">ДЕЛО</th><tr><tr>"
	    "<td><b>Уникальный идентификатор дела</b></td><td><a href=\"/modules.php?name="
	    "sud_delo&amp;name_op=r_juid&amp;vnkod=%s&amp;srv_num=1&amp;delo_id=1540006&amp;"
	    "case_type=0&amp;judicial_uid=%s\"><u>%s</u></a></td></tr>\r\n"
	    "<tr><td><b>Дата поступления</b></td><td>%s</td></tr>\r\n"
	    "<tr><td><b>Судья</b></td><td>%s</td></tr>\r\n",
	    c->reg->code, k->uid, k->uid, d, k->judge);
	if (k->result >= 0) {
		awol_date_ru(k->decided, d);
		awol_buf_printf(b, NULL,
		                "<tr><td><b>Дата рассмотрения</b></td><td>%s</td></tr>\r\n"
		                "<tr><td><b>Результат рассмотрения</b></td><td>",
		                d);
		html_text(b, sim_results[k->result]);
		awol_buf_puts(b, "</td></tr>\r\n", NULL);
	}
	awol_buf_puts(b, "</table></div>\r\n", NULL);
	awol_date_ru(k->received, d);
	awol_buf_printf(
	    b, NULL,
	    "<div id=\"cont2\"><table id=\"tablcont\"><tr><th colspan=\"10\">ДВИЖЕНИЕ "
	    "ДЕЛА</th></tr><tr><td align=\"center\"><b>Наименование события</b></td>"
	    "<td align=\"center\"><b>Дата</b></td><td align=\"center\"><b>Время</b></td>"
	    "<td align=\"center\"><b>Место проведения</b></td><td align=\"center\"><b>"
	    "Результат события</b></td><td align=\"center\"><b>Основание для выбранного "
	    "результата события</b></td><td align=\"center\"><b>Примечание</b></td>"
	    "<td align=\"center\"><b>Дата размещения</b></td></tr>\r\n"
	    "<tr><td>Регистрация поступившего в суд дела</td><td>%s</td><td>10:00</td>"
	    "<td></td><td></td><td></td><td></td><td>%s</td></tr>\r\n"
	    "<tr><td>Передача материалов дела судье</td><td>%s</td><td>11:00</td><td></td>"
	    "<td></td><td></td><td></td><td>%s</td></tr>\r\n",
	    d, d, d, d);
	if (k->result >= 0) {
		awol_date_ru(k->decided, d);
		awol_buf_printf(
		    b, NULL,
		    "<tr><td>Судебное заседание</td><td>%s</td><td>10:00</td><td>Зал № 1"
		    "</td><td>%s</td><td></td><td></td><td>%s</td></tr>\r\n",
		    d, k->result == 0 ? "Вынесен приговор" : "Рассмотрение завершено", d);
	}
	awol_buf_puts(b, "</table></div>\r\n", NULL);
	awol_buf_puts(
	    b,
	    "<div id=\"cont3\"><table id=\"tablcont\"><tr><th colspan=\"10\">ЛИЦА</th>"
	    "</tr><tr><td align=\"center\"><b>Фамилия / наименование</b></td><td "
	    "align=\"center\"><b>Перечень статей</b></td><td align=\"center\"><b>Дата "
	    "рассмотрения дела в отношении лица</b></td><td align=\"center\"><b>Результат в "
	    "отношении лица</b></td></tr>\r\n",
	    NULL);
	for (p = 0; p < k->npersons; p++) {
		awol_buf_printf(b, NULL, "<tr><td>%s</td><td>", k->persons[p].name);
		charges_text(b, &k->persons[p]);
		awol_buf_puts(b, "</td><td>", NULL);
		if (k->result >= 0) {
			awol_date_ru(k->decided, d);
			awol_buf_printf(b, NULL, "%s</td><td>", d);
			html_text(b, sim_results[k->result]);
		} else
			awol_buf_puts(b, "</td><td>", NULL);
		awol_buf_puts(b, "</td></tr>\r\n", NULL);
	}
	awol_buf_puts(
	    b,
	    "</table></div>\r\n<div id=\"cont4\"><table id=\"tablcont\"><tr><th "
	    "colspan=\"10\">СТОРОНЫ</th></tr><tr><td align=\"center\"><b>Вид лица, "
	    "участвующего в деле</b></td><td align=\"center\"><b>Лицо, участвующее в деле "
	    "(ФИО, наименование)</b></td></tr>\r\n<tr><td>Прокурор</td><td>Военная "
	    "прокуратура гарнизона</td></tr>\r\n</table></div>\r\n",
	    NULL);
	if (k->nacts > 0) {
		/* the acts tab embeds each text, as the real cards do (§3.5) */
		awol_buf_puts(b, "<div id=\"cont5\" style=\"display: none;\"><ul class=\"tabs\">",
		              NULL);
		for (p = 1; p <= k->nacts; p++)
			awol_buf_printf(
			    b, NULL,
			    "<li id=\"tab_doc%d\" class=\"%s\"><a href=\"#\" "
			    "onclick=\"index_docs(%d, %d); return false;\">&nbsp;Судебный "
			    "акт #%d (%s)&nbsp;</a></li>",
			    p, p == 1 ? "sel" : "nonsel", p, k->nacts, p, sim_act_kind(k, p));
		awol_buf_puts(b, "</ul><div class=\"contentt\">", NULL);
		for (p = 1; p <= k->nacts; p++) {
			awol_buf_printf(b, NULL, "<div id=\"cont_doc%d\" style=\"display: %s;\">",
			                p, p == 1 ? "block" : "none");
			sim_act_text(b, c, k, p);
			awol_buf_puts(b, "</div>", NULL);
		}
		awol_buf_puts(b, "</div></div>\r\n", NULL);
	}
	awol_buf_puts(b, "</div></div>\r\n", NULL);
	tail(b);
}

void sim_page_empty(awol_buf *b, const sim_court *c)
{
	head(b, c);
	awol_buf_puts(
	    b,
	    "<div id='content'><div align='center' id=error>Данных по запросу не "
	    "обнаружено.<br>Уточните критерии поиска. <br><br> <a href=\"#\">Вернуться на "
	    "форму поиска</a></div></div>\r\n",
	    NULL);
	tail(b);
}

void sim_page_unavailable(awol_buf *b, const sim_court *c)
{
	awol_buf_printf(b, NULL,
	                "<html><head><meta http-equiv='Content-Type' content='text/html; "
	                "charset=windows-1251'><title>%s</title></head><body><div class='box "
	                "box_common m-all_m'> <div class='box__head box__head_white'>СУДЕБНОЕ "
	                "ДЕЛОПРОИЗВОДСТВО</div>Информация временно недоступна. Приносим свои "
	                "извинения. Попробуйте обратиться позже или обратитесь непосредственно в "
	                "суд.</div></body></html>\r\n",
	                c ? c->reg->name : "sudrf");
}

void sim_page_search_form(awol_buf *b, const sim_court *c, bool with_captcha)
{
	head(b, c);
	awol_buf_puts(
	    b,
	    "<form id=\"calform\" name=\"calform\" method=\"get\" action=\"/modules.php\">"
	    "<input name=\"name\" type=\"hidden\" value=\"sud_delo\"><input name=\"name_op\" "
	    "type=\"hidden\" value=\"r\"><input name=\"delo_id\" type=\"hidden\" "
	    "value=\"1540006\"><table><tr><td>Статья</td><td><input "
	    "name=\"U1_DEFENDANT__LAW_ARTICLESS\"></td></tr>\r\n",
	    NULL);
	if (with_captcha) {
		awol_buf png = AWOL_BUF_INIT;
		static const char b64[] =
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		size_t i;
		sim_captcha_png(&png, c->captcha_answer);
		awol_buf_puts(
		    b,
		    "<tr><td style=\"width:10%;\" align=\"right\">Проверочный код</td><td>"
		    "<input name='captcha' autocomplete='off' id='captcha' type='text' "
		    "size=10> <img src=\"data: image/png;base64, ",
		    NULL);
		for (i = 0; i < png.len; i += 3) {
			unsigned v = (unsigned char)png.ptr[i] << 16;
			if (i + 1 < png.len)
				v |= (unsigned char)png.ptr[i + 1] << 8;
			if (i + 2 < png.len)
				v |= (unsigned char)png.ptr[i + 2];
			awol_buf_putc(b, b64[(v >> 18) & 63], NULL);
			awol_buf_putc(b, b64[(v >> 12) & 63], NULL);
			awol_buf_putc(b, i + 1 < png.len ? b64[(v >> 6) & 63] : '=', NULL);
			awol_buf_putc(b, i + 2 < png.len ? b64[v & 63] : '=', NULL);
		}
		awol_buf_printf(
		    b, NULL,
		    "\"><input name=\"captchaid\" type=\"hidden\" value=\"%s\"></td></tr>\r\n",
		    c->captcha_token);
		awol_buf_dispose(&png);
	}
	awol_buf_puts(b, "</table></form>\r\n", NULL);
	tail(b);
}

void sim_page_captcha_rejected(awol_buf *b, const sim_court *c)
{
	head(b, c);
	awol_buf_puts(
	    b,
	    "<div id='content'><div align='center' id='error'>Неверно указан проверочный "
	    "код с картинки. <br><br> <a href=\"#\">Вернуться на форму поиска<a></div></div>"
	    "\r\n",
	    NULL);
	tail(b);
}

void sim_page_waf(awol_buf *b)
{
	awol_buf_puts(b,
	              "<html><head><title>403</title></head><body><p>Данный запрос некорректен, "
	              "просьба изменить параметры запроса (B)</p></body></html>\r\n",
	              NULL);
}

/* ---- windows-1251 ---- */

int sim_utf8_to_cp1251(const char *in, size_t n, awol_buf *out)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			awol_buf_putc(out, (char)c, NULL);
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0 && i + 1 < n) {
			unsigned cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
			char o = '?';
			i += 2;
			if (cp >= 0x410 && cp <= 0x44F)
				o = (char)(0xC0 + (cp - 0x410));
			else if (cp == 0x401)
				o = (char)0xA8;
			else if (cp == 0x451)
				o = (char)0xB8;
			else if (cp == 0xAB)
				o = (char)0xAB;
			else if (cp == 0xBB)
				o = (char)0xBB;
			else if (cp == 0xA0)
				o = (char)0xA0;
			else if (cp == 0xA9)
				o = (char)0xA9;
			awol_buf_putc(out, o, NULL);
			continue;
		}
		if ((c & 0xF0) == 0xE0 && i + 2 < n) {
			unsigned cp =
			    ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
			char o = '?';
			i += 3;
			if (cp == 0x2116)
				o = (char)0xB9;
			else if (cp == 0x2014)
				o = (char)0x97;
			else if (cp == 0x2013)
				o = (char)0x96;
			awol_buf_putc(out, o, NULL);
			continue;
		}
		awol_buf_putc(out, '?', NULL);
		i++;
	}
	return 0;
}

/* ---- captcha image: a 100x30 greyscale PNG, stored (uncompressed) deflate ---- */

static uint32_t crc32_of(const unsigned char *p, size_t n, uint32_t c)
{
	size_t i;
	int k;

	c = ~c;
	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void be32(awol_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	awol_buf_put(b, x, 4, NULL);
}

static void chunk(awol_buf *b, const char *type, const unsigned char *data, size_t n)
{
	uint32_t c;

	be32(b, (uint32_t)n);
	awol_buf_put(b, type, 4, NULL);
	awol_buf_put(b, data, n, NULL);
	c = crc32_of((const unsigned char *)type, 4, 0);
	c = crc32_of(data, n, c);
	be32(b, c);
}

void sim_captcha_png(awol_buf *out, const char *digits)
{
	/* 3x5 digit font, scaled x4 */
	static const char *const font[10] = {
	    "111101101101111", "010110010010111", "111001111100111", "111001111001111",
	    "101101111001001", "111100111001111", "111100111101111", "111001001001001",
	    "111101111101111", "111101111001111"};
	enum { W = 100, H = 30 };
	unsigned char raw[H * (W + 1)];
	unsigned char ihdr[13] = {0, 0, 0, W, 0, 0, 0, H, 8, 0, 0, 0, 0};
	awol_buf z = AWOL_BUF_INIT;
	uint32_t a = 1, bsum = 0;
	size_t i, len = sizeof(raw);
	int d, x, y;

	memset(raw, 0xFF, sizeof(raw));
	for (y = 0; y < H; y++)
		raw[y * (W + 1)] = 0; /* filter: none */
	for (d = 0; d < 5 && digits[d]; d++) {
		const char *g = font[(digits[d] - '0') % 10];
		for (y = 0; y < 20; y++)
			for (x = 0; x < 12; x++)
				if (g[(y / 4) * 3 + x / 4] == '1')
					raw[(5 + y) * (W + 1) + 1 + 8 + d * 18 + x] = 0x20;
	}
	awol_buf_put(out, "\x89PNG\r\n\x1a\n", 8, NULL);
	chunk(out, "IHDR", ihdr, sizeof(ihdr));
	awol_buf_put(&z, "\x78\x01", 2, NULL);
	{
		unsigned char hdr[5] = {1, (unsigned char)(len & 0xFF), (unsigned char)(len >> 8),
		                        (unsigned char)(~len & 0xFF),
		                        (unsigned char)((~len >> 8) & 0xFF)};
		awol_buf_put(&z, hdr, 5, NULL);
	}
	awol_buf_put(&z, raw, len, NULL);
	for (i = 0; i < len; i++) {
		a = (a + raw[i]) % 65521;
		bsum = (bsum + a) % 65521;
	}
	be32(&z, (bsum << 16) | a);
	chunk(out, "IDAT", (const unsigned char *)z.ptr, z.len);
	chunk(out, "IEND", (const unsigned char *)"", 0);
	awol_buf_dispose(&z);
}
