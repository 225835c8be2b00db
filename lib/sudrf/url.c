#include "util/common.h"
#include "url.h"

int awol_url_encode_cp1251(awol_buf *out, const char *s, awol_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	int rc = 0;

	while (*p && rc == 0) {
		unsigned c = *p;
		if (c < 0x80) {
			if (c == ' ')
				rc = awol_buf_putc(out, '+', err);
			else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			         (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == '_')
				rc = awol_buf_putc(out, (char)c, err);
			else
				rc = awol_buf_printf(out, err, "%%%02X", c);
			p++;
			continue;
		}
		if ((c & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			unsigned cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
			unsigned b = 0x3F; /* '?' for what windows-1251 cannot say */
			if (cp >= 0x410 && cp <= 0x44F)
				b = 0xC0 + (cp - 0x410);
			else if (cp == 0x401)
				b = 0xA8;
			else if (cp == 0x451)
				b = 0xB8;
			rc = awol_buf_printf(out, err, "%%%02X", b);
			p += 2;
			continue;
		}
		rc = awol_buf_puts(out, "%3F", err);
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return rc;
}

int awol_url_listing(awol_buf *out, const char *scheme, const char *host, const char *article,
                     awol_date from, awol_date to, long page, const char *captcha,
                     const char *captchaid, awol_error *err)
{
	char d1[11], d2[11];
	int rc;

	awol_date_ru(from, d1);
	awol_date_ru(to, d2);
	rc = awol_buf_printf(out, err,
	                     "%s://%s/modules.php?name=sud_delo&srv_num=1&name_op=r&page=%ld"
	                     "&delo_id=1540006&case_type=0&new=0&delo_table=u1_case"
	                     "&u1_case__ENTRY_DATE1D=%s&u1_case__ENTRY_DATE2D=%s"
	                     "&U1_DEFENDANT__LAW_ARTICLESS=",
	                     scheme, host, page, d1, d2);
	if (rc == 0)
		rc = awol_url_encode_cp1251(out, article, err);
	if (rc == 0 && captcha && captchaid)
		rc = awol_buf_printf(out, err, "&captcha=%s&captchaid=%s", captcha, captchaid);
	if (rc == 0)
		rc = awol_buf_puts(out, "&Submit=%CD%E0%E9%F2%E8", err);
	return rc;
}

int awol_url_search_form(awol_buf *out, const char *scheme, const char *host, awol_error *err)
{
	return awol_buf_printf(
	    out, err,
	    "%s://%s/modules.php?name=sud_delo&srv_num=1&name_op=sf&delo_id=1540006"
	    "&case_type=0&new=0",
	    scheme, host);
}

int awol_url_listing_vnkod(awol_buf *out, const char *scheme, const char *host, const char *code,
                           const char *article, awol_date from, awol_date to, long page,
                           const char *captcha, const char *captchaid, awol_error *err)
{
	char d1[11], d2[11];
	int rc;

	awol_date_ru(from, d1);
	awol_date_ru(to, d2);
	rc = awol_buf_printf(out, err,
	                     "%s://%s/modules.php?name=sud_delo&name_op=r&_page=%ld&srv_num=1"
	                     "&_deloId=1540006&case__case_type=0&_new=0&case__vnkod=%s"
	                     "&case__num_build=1&process-type=1540006_0_0&case__entry_date1d=%s"
	                     "&case__entry_date2d=%s&parts__law_articless=",
	                     scheme, host, page, code, d1, d2);
	if (rc == 0)
		rc = awol_url_encode_cp1251(out, article, err);
	if (rc == 0 && captcha && captchaid)
		rc = awol_buf_printf(out, err, "&captcha=%s&captchaid=%s", captcha, captchaid);
	return rc;
}
