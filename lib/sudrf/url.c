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

static int server_of(int s)
{
	return s > 0 ? s : 1;
}

static int tail(awol_buf *out, const awol_url_query *q, awol_error *err)
{
	int rc = awol_url_encode_cp1251(out, q->article ? q->article : "", err);

	if (rc == 0 && q->captcha && q->captchaid)
		rc =
		    awol_buf_printf(out, err, "&captcha=%s&captchaid=%s", q->captcha, q->captchaid);
	return rc;
}

int awol_url_listing(awol_buf *out, const awol_url_query *q, awol_error *err)
{
	char d1[11], d2[11];
	int rc;

	awol_date_ru(q->from, d1);
	awol_date_ru(q->to, d2);
	rc = awol_buf_printf(out, err,
	                     "%s://%s/modules.php?name=sud_delo&srv_num=%d&name_op=r&page=%ld"
	                     "&delo_id=1540006&case_type=0&new=0&delo_table=u1_case"
	                     "&u1_case__ENTRY_DATE1D=%s&u1_case__ENTRY_DATE2D=%s"
	                     "&U1_DEFENDANT__LAW_ARTICLESS=",
	                     q->scheme, q->host, server_of(q->server), q->page, d1, d2);
	if (rc == 0)
		rc = tail(out, q, err);
	if (rc == 0)
		rc = awol_buf_puts(out, "&Submit=%CD%E0%E9%F2%E8", err);
	return rc;
}

int awol_url_search_form(awol_buf *out, const char *scheme, const char *host, int server,
                         awol_error *err)
{
	return awol_buf_printf(
	    out, err,
	    "%s://%s/modules.php?name=sud_delo&srv_num=%d&name_op=sf&delo_id=1540006"
	    "&case_type=0&new=0",
	    scheme, host, server_of(server));
}

int awol_url_chooser(awol_buf *out, const char *scheme, const char *host, awol_error *err)
{
	return awol_buf_printf(out, err, "%s://%s/modules.php?name=sud_delo", scheme, host);
}

int awol_url_listing_vnkod(awol_buf *out, const awol_url_query *q, awol_error *err)
{
	char d1[11], d2[11];
	int rc, s = server_of(q->server);

	awol_date_ru(q->from, d1);
	awol_date_ru(q->to, d2);
	/* the building number goes with the server number (§1.3) */
	rc = awol_buf_printf(out, err,
	                     "%s://%s/modules.php?name=sud_delo&name_op=r&_page=%ld&srv_num=%d"
	                     "&_deloId=1540006&case__case_type=0&_new=0&case__vnkod=%s"
	                     "&case__num_build=%d&process-type=1540006_0_0&case__entry_date1d=%s"
	                     "&case__entry_date2d=%s&parts__law_articless=",
	                     q->scheme, q->host, q->page, s, q->code ? q->code : "", s, d1, d2);
	if (rc == 0)
		rc = tail(out, q, err);
	return rc;
}

/* The value of parameter `name` in a URL's query: pointer and length, or NULL. */
static const char *param(const char *url, const char *name, size_t *len)
{
	size_t nl = strlen(name);
	const char *p = strchr(url, '?');

	while (p) {
		p++;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			*len = strcspn(p + nl + 1, "&#");
			return p + nl + 1;
		}
		p = strchr(p, '&');
	}
	return NULL;
}

int awol_url_act(awol_buf *out, const char *card_url, int k, awol_error *err)
{
	const char *id, *q;
	size_t n, srvn = 0;
	const char *srv;

	if (!card_url || !(q = strchr(card_url, '?')))
		return awol_error_set(err, AWOL_EINVAL, "%s: not a case card URL",
		                      card_url ? card_url : "(null)");
	if ((id = param(card_url, "_id", &n)) != NULL && n > 0) { /* VNKOD */
		/* a card fetched as an act link already carries &_doc=: that one goes */
		size_t end = strcspn(card_url, "#"), dl = 0;
		const char *d = param(card_url, "_doc", &dl);
		if (d && d - card_url < (ptrdiff_t)end && d - card_url >= 6 && d[-6] == '&')
			return awol_buf_printf(out, err, "%.*s%.*s&_doc=%d",
			                       (int)(d - 6 - card_url), card_url,
			                       (int)(end - (size_t)(d + dl - card_url)), d + dl, k);
		return awol_buf_printf(out, err, "%.*s&_doc=%d", (int)end, card_url, k);
	}
	if ((id = param(card_url, "case_id", &n)) == NULL || n == 0 || n > 20)
		return awol_error_set(err, AWOL_EINVAL, "%s: no case_id in the card URL", card_url);
	srv = param(card_url, "srv_num", &srvn);
	return awol_buf_printf(out, err,
	                       "%.*s?name=sud_delo&srv_num=%.*s&name_op=doc&number=%.*s"
	                       "&delo_id=1540006&new=0&text_number=%d",
	                       (int)(q - card_url), card_url, srv ? (int)srvn : 1, srv ? srv : "1",
	                       (int)n, id, k);
}

int awol_url_act_number(const char *url)
{
	const char *v;
	size_t n = 0;
	long k;

	if (!url)
		return 0;
	v = param(url, "text_number", &n);
	if (!v)
		v = param(url, "_doc", &n);
	if (!v || n == 0 || n > 6)
		return 0;
	for (k = 0; n > 0; v++, n--) {
		if (*v < '0' || *v > '9')
			return 0;
		k = k * 10 + (*v - '0');
	}
	return (int)k;
}

int awol_url_with_server(awol_buf *out, const char *url, int server, awol_error *err)
{
	size_t n;

	awol_buf_reset(out);
	if (!url || param(url, "srv_num", &n) || !strchr(url, '?'))
		return awol_buf_puts(out, url ? url : "", err);
	return awol_buf_printf(out, err, "%.*s&srv_num=%d", (int)strcspn(url, "#"), url,
	                       server > 0 ? server : 1);
}

bool awol_url_redirect_ok(const char *module_host, const char *from_scheme, const char *url,
                          char *why, size_t whysz)
{
	const char *h, *dd;
	size_t hl, ml = strlen(module_host);
	bool https;

	if (strncasecmp(url, "https://", 8) == 0)
		https = true, h = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		https = false, h = url + 7;
	else {
		snprintf(why, whysz, "to a scheme other than http(s)");
		return false;
	}
	hl = strcspn(h, ":/?#");
	if (memchr(h, '@', strcspn(h, "/?#"))) {
		snprintf(why, whysz, "to a URL with credentials");
		return false;
	}
	if (!https && strcasecmp(from_scheme, "https") == 0) {
		snprintf(why, whysz, "from https to http (%.*s)", (int)(hl > 200 ? 200 : hl), h);
		return false;
	}
	if (hl == ml && strncasecmp(h, module_host, ml) == 0)
		return true;
	/* the dot form: "x--y.sudrf.ru" -> "x.y.sudrf.ru" */
	dd = strstr(module_host, "--");
	if (dd && hl == ml - 1 && strncasecmp(h, module_host, (size_t)(dd - module_host)) == 0 &&
	    h[dd - module_host] == '.' &&
	    strncasecmp(h + (dd - module_host) + 1, dd + 2, ml - (size_t)(dd - module_host) - 2) ==
	        0)
		return true;
	snprintf(why, whysz, "to %.*s", (int)(hl > 200 ? 200 : hl), h);
	return false;
}
