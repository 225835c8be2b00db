/*
 * awol_page_parse: decode, parse once with libxml2, classify (order of
 * docs/sudrf-format.md §7), then extract what the kind carries.
 */
#include "util/common.h"
#include "url.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "awol/article.h"
#include "parse_priv.h"

#include <ctype.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * How common a byte is in Russian HTML, roughly: lead bytes of Cyrillic
 * letters and lower-case markup are everywhere; second bytes of capital
 * letters (0x90-0xAF after 0xD0) and upper-case ASCII are rare.
 */
static int byte_rank(unsigned char c)
{
	if (c == 0xD0 || c == 0xD1 || c == ' ' || c == '<' || c == '>' || c == '=' || c == '"')
		return 9;
	if (c >= 'a' && c <= 'z')
		return strchr("etaoinsrhldcu", c) ? 7 : 3;
	if (c >= 0x84 && c <= 0x8E && c != 0x8B)
		return 2; /* ф х ц ч ш щ ъ ь э ю (and rare capitals Д-О) */
	if (c == 0xB1 || c == 0xB3 || c == 0xB6 || c == 0xB7 || c == 0xB9)
		return 3; /* б г ж з й */
	if (c >= 0xB0 || (c >= 0x80 && c < 0x90))
		return 6; /* the common small letters */
	if (c >= 0x90 && c <= 0xAF)
		return 1; /* capitals */
	if (c >= 'A' && c <= 'Z')
		return 2;
	return 4;
}

#if defined(__SSE2__)
/* Which of the 16 start positions at p have byte a at offset k and byte b at offset k2. */
static inline __m128i pair_mask(const char *p, size_t k, size_t k2, __m128i a, __m128i b)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
	__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + k2));

	return _mm_and_si128(_mm_cmpeq_epi8(x, a), _mm_cmpeq_epi8(y, b));
}
#endif

/*
 * memmem, but anchored on the needle's two rarest bytes: the page tests
 * below run a dozen searches over pages of 300 KB, and glibc's two-way
 * memmem, then a memchr per occurrence of the rarest byte, were most of the
 * time of the pages that need no tree.  With SSE2 (every x86-64) 64
 * candidate positions are tested at once for both bytes; elsewhere memchr
 * finds the rarest byte and the second is tested before memcmp.
 */
const char *awol_sudrf_find(const char *hay, size_t n, const char *needle, size_t m)
{
	size_t k = 0, k2, i, s = 0;
	const char *p, *end = hay + n;

	if (m == 0 || m > n)
		return m == 0 ? hay : NULL;
	for (i = 1; i < m; i++)
		if (byte_rank((unsigned char)needle[i]) < byte_rank((unsigned char)needle[k]))
			k = i;
	k2 = k == 0 ? m - 1 : 0;
	for (i = 0; i < m; i++)
		if (i != k &&
		    byte_rank((unsigned char)needle[i]) < byte_rank((unsigned char)needle[k2]))
			k2 = i;
#if defined(__SSE2__)
	{
		const __m128i a = _mm_set1_epi8(needle[k]), b = _mm_set1_epi8(needle[k2]);
		size_t last = n - m + 1; /* start positions 0 .. n - m */
		/* 64 start positions a round; the masks are looked into only when one is set */
		for (; s + 64 <= last; s += 64) {
			__m128i m0 = pair_mask(hay + s, k, k2, a, b);
			__m128i m1 = pair_mask(hay + s + 16, k, k2, a, b);
			__m128i m2 = pair_mask(hay + s + 32, k, k2, a, b);
			__m128i m3 = pair_mask(hay + s + 48, k, k2, a, b);
			uint64_t mask;
			if (_mm_movemask_epi8(
			        _mm_or_si128(_mm_or_si128(m0, m1), _mm_or_si128(m2, m3))) == 0)
				continue;
			mask = (uint64_t)(unsigned)_mm_movemask_epi8(m0) |
			       (uint64_t)(unsigned)_mm_movemask_epi8(m1) << 16 |
			       (uint64_t)(unsigned)_mm_movemask_epi8(m2) << 32 |
			       (uint64_t)(unsigned)_mm_movemask_epi8(m3) << 48;
			while (mask) {
				unsigned bit = (unsigned)__builtin_ctzll(mask);
				if (memcmp(hay + s + bit, needle, m) == 0)
					return hay + s + bit;
				mask &= mask - 1;
			}
		}
	}
#endif
	for (p = hay + s + k; p < end;) {
		p = memchr(p, needle[k], (size_t)(end - p));
		if (!p)
			return NULL;
		if ((size_t)(p - hay) >= k && (size_t)(end - (p - k)) >= m &&
		    p[(ptrdiff_t)k2 - (ptrdiff_t)k] == needle[k2] && memcmp(p - k, needle, m) == 0)
			return p - k;
		p++;
	}
	return NULL;
}

#define DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)

const char *awol_page_kind_name(awol_page_kind kind)
{
	static const char *const names[] = {"unknown", "card",    "listing",     "act",
	                                    "empty",   "captcha", "search_form", "unavailable",
	                                    "blocked", "chooser"};
	if ((size_t)kind >= AWOL_ARRAY_SIZE(names))
		return "unknown";
	return names[kind];
}

const char *awol_page_template_name(awol_page_template t)
{
	return t == AWOL_TEMPLATE_PRIMARY ? "primary" : t == AWOL_TEMPLATE_VNKOD ? "vnkod" : NULL;
}

void awol_sudrf_set(char **dst, char *s)
{
	if (!s)
		return;
	if (!*s || *dst) {
		free(s);
		return;
	}
	*dst = s;
}

char *awol_sudrf_date(const char *text)
{
	awol_date d;
	char iso[11];
	const char *p;

	if (!text)
		return NULL;
	/* the first DD.MM.YYYY in the text */
	for (p = text; *p; p++) {
		if (isdigit((unsigned char)p[0]) && strlen(p) >= 10) {
			char tmp[11];
			memcpy(tmp, p, 10);
			tmp[10] = '\0';
			if (awol_date_parse(tmp, &d)) {
				awol_date_iso(d, iso);
				return strdup(iso);
			}
		}
	}
	return NULL;
}

char *awol_sudrf_query_param(const char *url, const char *name)
{
	const char *p = url;
	size_t nl = strlen(name);

	if (!url)
		return NULL;
	while ((p = strstr(p, name)) != NULL) {
		bool start = p == url || p[-1] == '?' || p[-1] == '&' || p[-1] == ';';
		if (start && p[nl] == '=') {
			const char *v = p + nl + 1;
			size_t l = strcspn(v, "&#\"' ");
			char *r = malloc(l + 1);
			if (!r)
				return NULL;
			memcpy(r, v, l);
			r[l] = '\0';
			return r;
		}
		p += nl;
	}
	return NULL;
}

char *awol_sudrf_url(parse_ctx *cx, const char *href)
{
	awol_buf b;
	const char *h = href;

	if (!href)
		return NULL;
	while (isspace((unsigned char)*h))
		h++;
	if (!cx->base || strncmp(h, "http://", 7) == 0 || strncmp(h, "https://", 8) == 0) {
		char *r = strdup(h);
		return r ? awol_text_clean(r) : NULL;
	}
	awol_buf_init(&b, 1 << 20);
	awol_buf_puts(&b, cx->base, NULL);
	if (h[0] == '.' && h[1] == '/')
		h++;
	if (h[0] != '/')
		awol_buf_putc(&b, '/', NULL);
	awol_buf_puts(&b, h, NULL);
	return awol_buf_detach(&b);
}

int awol_sudrf_add_charges(awol_person *p, const char *text)
{
	if (!text || !*text)
		return 0;
	return awol_article_parse(text, &p->charges, &p->ncharges, NULL);
}

int awol_sudrf_col(char **headers, size_t n, const char *const *labels)
{
	size_t i;
	const char *const *l;

	for (l = labels; *l; l++)
		for (i = 0; i < n; i++)
			if (headers[i] && awol_text_icontains(headers[i], *l))
				return (int)i;
	return -1;
}

/* Is the string in the page?  Searches the module and after (cx->scan), not the chrome before. */
static bool has(const parse_ctx *cx, const char *needle)
{
	return awol_sudrf_find(cx->scan, cx->scan_len, needle, strlen(needle)) != NULL;
}

/* ---- court identity ---- */

/*
 * The tree of a slice: the fast tokenizer's when it models the markup,
 * else libxml2's (*doc, freed by the caller).  The fast tree lives in
 * cx->tok until the next call or awol_tok_dispose.  Returns 1 with *root
 * set, 0 when neither could build a tree, < 0 when out of memory.
 */
static int parse_slice(parse_ctx *cx, const char *s, size_t len, xmlDoc **doc, xmlNode **root)
{
	int rc = 0;

	*doc = NULL;
	*root = NULL;
	if (!cx->dom_only) {
		rc = awol_tok_build(&cx->tok, s, len, NULL);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			*root = cx->tok.root;
			return 1;
		}
	}
	*doc = awol_html_read(s, len);
	*root = *doc ? xmlDocGetRootElement(*doc) : NULL;
	return *root ? 1 : 0;
}

/*
 * Text of the element whose start tag contains `marker`: from the end of
 * that tag to the next '<', entities decoded by a tiny libxml2 parse.
 */
static char *element_text_after(parse_ctx *cx, const char *marker)
{
	const char *m = awol_sudrf_find(cx->html, cx->len, marker, strlen(marker));
	const char *gt, *lt, *end = cx->html + cx->len;
	awol_buf b;
	xmlDoc *d = NULL;
	xmlNode *root = NULL;
	char *r = NULL;

	if (!m)
		return NULL;
	gt = memchr(m, '>', (size_t)(end - m));
	if (!gt)
		return NULL;
	lt = memchr(gt + 1, '<', (size_t)(end - gt - 1));
	if (!lt || lt - gt > 2000)
		return NULL;
	awol_buf_init(&b, 4096);
	awol_buf_puts(&b, "<p>", NULL);
	awol_buf_put(&b, gt + 1, (size_t)(lt - gt - 1), NULL);
	if (b.ptr && parse_slice(cx, b.ptr, b.len, &d, &root) > 0)
		r = awol_html_text(root);
	xmlFreeDoc(d);
	awol_tok_dispose(&cx->tok);
	awol_buf_dispose(&b);
	if (r && (!*r || !awol_utf8_valid(r, strlen(r))))
		AWOL_FREE(r); /* chrome in another encoding than the module: no name */
	return r;
}

/*
 * The part of the page worth a DOM: from the sud_delo module
 * (div#modSdpContent) to the site footer.  Real pages carry 150-250 KB of
 * chrome (inline SVG, CSS, menus) around a module of 10-100 KB; parsing only
 * the module is most of the parser's speed.  Pages without the module are
 * parsed whole.
 */
static void module_slice(parse_ctx *cx, const char **start, size_t *len)
{
	const char *m = awol_sudrf_find(cx->html, cx->len, "modSdpContent", 13);
	const char *end = cx->html + cx->len, *f, *s, *b;

	*start = cx->html;
	*len = cx->len;
	if (!m)
		return;
	for (s = m; s > cx->html && *s != '<'; s--)
		;
	/* the footer is near the end: search backwards, a few KB instead of the whole page */
	f = NULL;
	for (b = end - 14; b > m && end - b < 65536; b--)
		if (*b == 'c' && memcmp(b, "class=\"footer", 14) == 0) {
			f = b; /* the last footer element: what follows is chrome for sure */
			break;
		}
	if (!f)
		f = awol_sudrf_find(m, (size_t)(end - m), "<footer", 7);
	if (f) {
		while (f > m && *f != '<')
			f--;
		end = f;
	}
	*start = s;
	*len = (size_t)(end - s);
}

static void court_info(parse_ctx *cx)
{
	awol_page *pg = cx->page;
	const char *p;

	/* the court's name is in the page chrome, outside the parsed module slice */
	awol_sudrf_set(&pg->court_name, element_text_after(cx, "heading_title"));
	if (!pg->court_name)
		awol_sudrf_set(&pg->court_name, element_text_after(cx, "<title"));
	if (!pg->court_name)
		awol_sudrf_set(&pg->court_name, element_text_after(cx, "<TITLE"));
	/* court code: the УИД link's vnkod=, the counter's ssid=, VNKOD's case__vnkod= */
	p = awol_sudrf_find(cx->html, cx->len, "vnkod=", 6);
	while (p && !pg->court_code) {
		if (p > cx->html &&
		    (p[-1] == '&' || p[-1] == '?' || p[-1] == '_' || p[-1] == ';')) {
			size_t l = strspn(p + 6, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			if (l == 8) {
				pg->court_code = malloc(9);
				if (pg->court_code) {
					memcpy(pg->court_code, p + 6, 8);
					pg->court_code[8] = '\0';
				}
			}
		}
		p = awol_sudrf_find(p + 6, cx->len - (size_t)(p + 6 - cx->html), "vnkod=", 6);
	}
	if (!pg->court_code && (p = awol_sudrf_find(cx->html, cx->len, "ssid=", 5)) != NULL) {
		size_t l = strspn(p + 5, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (l == 8 && (pg->court_code = malloc(9)) != NULL) {
			memcpy(pg->court_code, p + 5, 8);
			pg->court_code[8] = '\0';
		}
	}
}

static char *host_of(const char *url, char **base)
{
	const char *p = strstr(url, "://"), *e;
	char *h;

	*base = NULL;
	if (!p)
		return NULL;
	p += 3;
	e = p + strcspn(p, "/?#:");
	if (e == p)
		return NULL;
	h = malloc((size_t)(e - p) + 1);
	*base = malloc((size_t)(e - url) + 1);
	if (!h || !*base) {
		free(h);
		AWOL_FREE(*base);
		return NULL;
	}
	memcpy(h, p, (size_t)(e - p));
	h[e - p] = '\0';
	memcpy(*base, url, (size_t)(e - url));
	(*base)[e - url] = '\0';
	return h;
}

/* ---- small page kinds ---- */

static void extract_captcha(parse_ctx *cx)
{
	awol_page *pg = cx->page;
	xmlNode *n;

	for (n = cx->root; n; n = awol_html_next(n, cx->root)) {
		if (awol_html_is(n, "input")) {
			char *name = awol_html_attr(n, "name");
			if (name && strcmp(name, "captchaid") == 0 && !pg->captcha.id)
				pg->captcha.id = awol_html_attr(n, "value");
			free(name);
		} else if (awol_html_is(n, "img") && !pg->captcha.image_png_base64) {
			char *src = awol_html_attr(n, "src");
			const char *b64 = src ? strstr(src, "base64,") : NULL;
			if (src && strncmp(src, "data:", 5) == 0 && b64) {
				char *o = malloc(strlen(b64) + 1), *w = o;
				const char *r;
				if (o) {
					for (r = b64 + 7; *r; r++)
						if (!isspace((unsigned char)*r))
							*w++ = *r;
					*w = '\0';
					pg->captcha.image_png_base64 = o;
				}
			}
			free(src);
		}
	}
	pg->has_captcha = pg->captcha.id || pg->captcha.image_png_base64;
}

static void extract_act(parse_ctx *cx)
{
	xmlNode *c = awol_html_find_id(cx->root, "div", "content");
	xmlNode *span, *print, *prev = NULL, *next = NULL, *parent = NULL;

	if (!c)
		c = cx->root;
	/*
	 * div#doccont holds only the print button, not the act: it is stepped over
	 * while the text is read, and put back (the tree may be the fast path's
	 * arena, whose nodes are never freed one by one).
	 */
	print = awol_html_find_id(c, "div", "doccont");
	if (print && print->parent) {
		prev = print->prev;
		next = print->next;
		parent = print->parent;
		if (prev)
			prev->next = next;
		else
			parent->children = next;
		if (next)
			next->prev = prev;
		else
			parent->last = prev;
	}
	span = awol_html_find_class(c, NULL, "contentt");
	cx->page->act_text = awol_html_text(span ? span : c);
	if (parent) {
		if (prev)
			prev->next = print;
		else
			parent->children = print;
		if (next)
			next->prev = print;
		else
			parent->last = print;
	}
}

/* The page the site sends after a wrong or stale captcha answer. */
static bool captcha_rejected(const parse_ctx *cx)
{
	return has(cx, "Неверно указан проверочный код") || has(cx, "Неверный проверочный код") ||
	       has(cx, "Неверно введен проверочный код") ||
	       has(cx, "Время жизни сессии закончилось");
}

/* The text the site puts in place of an act that does not exist (§3.5). */
static bool act_marked(const parse_ctx *cx)
{
	return has(cx, "ПУСТОЙ ДОКУМЕНТ");
}

/* Pages that are a fixed message (§7): empty, unavailable or throttled, server chooser. */
static awol_page_kind message_kind(const parse_ctx *cx)
{
	if (has(cx, "Данных по запросу не обнаружено") || has(cx, "Данных по запросу не найдено") ||
	    has(cx, "Ничего не найдено") || has(cx, "Указанный сервер СДП не найден"))
		return AWOL_PAGE_EMPTY;
	if (has(cx, "Информация временно недоступна") || has(cx, "сайт временно недоступен") ||
	    has(cx, "Warning: pg_connect") || has(cx, "Warning: pg_query") ||
	    has(cx, "Данный модуль неактивен") || has(cx, "информационное наполнение сайта"))
		return AWOL_PAGE_UNAVAILABLE;
	if (has(cx, "несколько серверов") && has(cx, "srv_num="))
		return AWOL_PAGE_CHOOSER;
	return AWOL_PAGE_UNKNOWN;
}

/* ---- classification ---- */

static awol_page_kind classify(parse_ctx *cx, xmlNode **anchor, awol_page_template *tmpl)
{
	xmlNode *n;
	awol_page_kind k;

	*anchor = NULL;
	*tmpl = AWOL_TEMPLATE_NONE;
	if (has(cx, "заблокирован по соображениям безопасности") ||
	    has(cx, "Данный запрос некорректен"))
		return AWOL_PAGE_BLOCKED;
	if ((n = awol_html_find_class(cx->root, "div", "casenumber")) != NULL) {
		*anchor = n;
		*tmpl = AWOL_TEMPLATE_PRIMARY;
		return AWOL_PAGE_CARD;
	}
	if ((n = awol_html_find_id(cx->root, NULL, "case_window")) != NULL ||
	    (n = awol_html_find_class(cx->root, "div", "case-num")) != NULL) {
		*anchor = n;
		*tmpl = AWOL_TEMPLATE_VNKOD;
		return AWOL_PAGE_CARD;
	}
	if (has(cx, "Всего по запросу найдено") || has(cx, "name_op=case")) {
		if ((n = awol_html_find_id(cx->root, "div", "resultTable")) != NULL) {
			*anchor = n;
			*tmpl = AWOL_TEMPLATE_VNKOD;
			return AWOL_PAGE_LISTING;
		}
		if ((n = awol_html_find_id(cx->root, "table", "tablcont")) != NULL) {
			*anchor = n;
			*tmpl = AWOL_TEMPLATE_PRIMARY;
			return AWOL_PAGE_LISTING;
		}
		if ((n = awol_html_find_class(cx->root, "table", "law-case-table")) != NULL) {
			*anchor = n->parent;
			*tmpl = AWOL_TEMPLATE_VNKOD;
			return AWOL_PAGE_LISTING;
		}
	}
	/*
	 * An act's own markers come before the fixed messages: a judgment may
	 * well say «Ничего не найдено» or «Информация временно недоступна» in
	 * its text.  A name_op=doc URL alone does not make an act: the throttle
	 * and empty pages are served at that URL too.
	 */
	if (act_marked(cx) || awol_html_find_id(cx->root, "div", "doccont"))
		return AWOL_PAGE_ACT;
	if (captcha_rejected(cx))
		return AWOL_PAGE_CAPTCHA;
	if ((n = awol_html_find_id(cx->root, "input", "captcha")) != NULL)
		return AWOL_PAGE_CAPTCHA;
	if ((k = message_kind(cx)) != AWOL_PAGE_UNKNOWN)
		return k;
	if (cx->doc_url)
		return AWOL_PAGE_ACT;
	if (awol_html_find_id(cx->root, "form", "calform") || has(cx, "name_op=sf") ||
	    has(cx, "дел не назначено"))
		return AWOL_PAGE_SEARCH_FORM;
	return AWOL_PAGE_UNKNOWN;
}

/* Cards list their acts by title; each text is at a URL derived from the card's (§3.5). */
static void act_urls(awol_page *pg, const char *card_url)
{
	size_t i;

	for (i = 0; i < pg->nacts; i++) {
		awol_buf u = AWOL_BUF_INIT;
		int k = pg->acts[i].number > 0 ? pg->acts[i].number : (int)i + 1;
		if (!pg->acts[i].url && awol_url_act(&u, card_url, k, NULL) == 0)
			pg->acts[i].url = awol_buf_detach(&u);
		awol_buf_dispose(&u);
	}
}

/* Multi-server courts: the chooser's largest srv_num, and the link to it on module pages. */
static void servers(parse_ctx *cx, awol_page_kind pre)
{
	const char *p = cx->html, *end = cx->html + cx->len;

	cx->page->other_servers = awol_sudrf_find(cx->html, cx->len, "other_link_serv", 15) != NULL;
	if (pre != AWOL_PAGE_CHOOSER)
		return;
	while (p < end && (p = awol_sudrf_find(p, (size_t)(end - p), "srv_num=", 8)) != NULL) {
		long v = 0;
		for (p += 8; p < end && *p >= '0' && *p <= '9' && v < 1000; p++)
			v = v * 10 + (*p - '0');
		if (v > cx->page->servers && v < 1000)
			cx->page->servers = (int)v;
	}
}

/*
 * What the page's text alone decides.  Kinds that need no DOM are returned
 * with *need_dom false (the messages are fixed strings); cards, listings,
 * captcha forms, acts and search forms need the DOM.
 */
static awol_page_kind pre_classify(parse_ctx *cx, bool *need_dom)
{
	awol_page_kind k;

	*need_dom = false;
	/* WAF and geo blocks are bare pages, never inside the sud_delo module */
	if (cx->scan == cx->html && (has(cx, "заблокирован по соображениям безопасности") ||
	                             has(cx, "Данный запрос некорректен")))
		return AWOL_PAGE_BLOCKED;
	*need_dom = true;
	if (has(cx, "casenumber") || has(cx, "case_window") || has(cx, "case-num"))
		return AWOL_PAGE_CARD;
	if (has(cx, "Всего по запросу найдено") || has(cx, "name_op=case"))
		return AWOL_PAGE_LISTING;
	/* act pages: their text may hold any message phrase; the DOM decides (div#doccont) */
	if (act_marked(cx) || has(cx, "doccont"))
		return AWOL_PAGE_ACT;
	*need_dom = false;
	if (captcha_rejected(cx))
		return AWOL_PAGE_CAPTCHA;
	*need_dom = true;
	if (has(cx, "captchaid"))
		return AWOL_PAGE_CAPTCHA;
	*need_dom = false;
	if ((k = message_kind(cx)) != AWOL_PAGE_UNKNOWN)
		return k;
	*need_dom = true;
	return AWOL_PAGE_UNKNOWN;
}

static const char *find_before(const char *lo, const char *p, const char *what, size_t max)
{
	size_t wl = strlen(what);
	const char *q;

	for (q = p; q >= lo && (size_t)(p - q) < max; q--)
		if (strncmp(q, what, wl) == 0)
			return q;
	return NULL;
}

/*
 * Narrow the module slice to what the kind needs: a listing from its paging
 * table (the search form before it carries 100 KB of dropdowns), a card
 * without the embedded act texts unless opts.act_texts asks for them (else
 * only their titles are read).  The result
 * goes to *out when a copy is needed.
 */
static void narrow(parse_ctx *cx, awol_page_kind kind, const char **start, size_t *len,
                   awol_buf *out)
{
	const char *s = *start, *e = *start + *len, *p, *q;

	if (kind == AWOL_PAGE_LISTING) {
		/* nothing after the first script past the table is read */
		q = awol_sudrf_find(s, *len, "tablcont", 8);
		if (!q)
			q = awol_sudrf_find(s, *len, "resultTable", 11);
		if (q && (q = awol_sudrf_find(q, (size_t)(e - q), "<script", 7)) != NULL) {
			*len = (size_t)(q - s);
			e = q;
		}
		p = awol_sudrf_find(s, *len, "lawcase-count", 13);
		if (!p)
			p = awol_sudrf_find(s, *len, "Страницы", strlen("Страницы"));
		if (!p)
			p = awol_sudrf_find(s, *len, "Всего по запросу",
			                    strlen("Всего по запросу"));
		if (p) {
			q = find_before(s, p, "<table", 16384);
			if (!q)
				q = find_before(s, p, "<div", 4096);
			if (q) {
				*len -= (size_t)(q - s);
				*start = q;
			}
		}
		return;
	}
	if (kind == AWOL_PAGE_CAPTCHA) {
		/* the form's captcha row: the input, the image, the hidden token */
		p = awol_sudrf_find(s, *len, "captchaid", 9);
		if (p) {
			q = find_before(s, p, "<tr", 16384);
			if (!q)
				q = p - (p - s > 8192 ? 8192 : p - s);
			e = p + ((size_t)(e - p) > 1024 ? 1024 : (size_t)(e - p));
			*start = q;
			*len = (size_t)(e - q);
		}
		return;
	}
	if (kind != AWOL_PAGE_CARD)
		return;
	/* VNKOD cards: from the results block (cartoteka title + card), not the form */
	p = awol_sudrf_find(s, *len, "search_results", 14);
	if (!p)
		p = awol_sudrf_find(s, *len, "case_window", 11);
	if (p && awol_sudrf_find(s, *len, "case_window", 11)) {
		while (p > s && *p != '<')
			p--;
		*len -= (size_t)(p - s);
		*start = s = p;
	}
	/* the embedded act texts stay when they are asked for */
	p = cx->act_texts ? NULL : awol_sudrf_find(s, *len, "cont_doc1", 9);
	if (!p)
		return;
	while (p > s && *p != '<')
		p--;
	/* skip to the next top-level tab (<div id="contN">) or the end */
	for (q = p + 1; q && q < e;) {
		q = awol_sudrf_find(q, (size_t)(e - q), "<div id=", 8);
		if (!q)
			break;
		if ((q[8] == '"' || q[8] == '\'') && strncmp(q + 9, "cont", 4) == 0 &&
		    q[13] >= '0' && q[13] <= '9')
			break;
		q += 8;
	}
	awol_buf_put(out, s, (size_t)(p - s), NULL);
	if (q && q < e)
		awol_buf_put(out, q, (size_t)(e - q), NULL);
	if (out->ptr) {
		*start = out->ptr;
		*len = out->len;
	}
}

static int page_new(const awol_parse_opts *opts, awol_page **out, awol_error *err)
{
	awol_page *pg = calloc(1, sizeof(*pg));

	if (!pg)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	pg->listing.total = -1;
	pg->listing.page_rows = -1;
	pg->file = strdup(opts && opts->source ? opts->source : "-");
	if (!pg->file) {
		free(pg);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	*out = pg;
	return 0;
}

static void set_error(awol_page *pg, const char *msg)
{
	if (!pg->error)
		pg->error = strdup(msg);
}

int awol_page_parse(const char *data, size_t len, const awol_parse_opts *opts, awol_page **out,
                    awol_error *err)
{
	awol_page *pg = NULL;
	awol_buf utf = AWOL_BUF_INIT, slice = AWOL_BUF_INIT;
	parse_ctx cx;
	awol_page_kind pre;
	bool need_dom;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
	xmlNode *anchor = NULL;
	awol_page_template tmpl;
	char *base = NULL;
	int rc;
	size_t i;

	*out = NULL;
	memset(&cx, 0, sizeof(cx));
	rc = page_new(opts, &pg, err);
	if (rc < 0)
		return rc;
	if (opts && opts->url)
		pg->court_host = host_of(opts->url, &base);
	if (len > max) {
		char msg[128];
		snprintf(msg, sizeof(msg), "page too large: %zu bytes (limit %zu)", len, max);
		set_error(pg, msg);
		goto done;
	}
	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		;
	if (i == len) {
		set_error(pg, "empty page");
		goto done;
	}
	if (!memchr(data, '<', len) || memchr(data, '\0', len)) {
		set_error(pg, "not an HTML page (binary or plain text)");
		goto done;
	}
	utf.max = max * 3;
	{
		/*
		 * Valid UTF-8 pages are used in place, no copy: the encoding is
		 * decided on the module and what follows (the chrome before it is
		 * never parsed, and the court name taken from it is checked).
		 */
		const char *mod = awol_sudrf_find(data, len, "modSdpContent", 13);
		size_t off = mod ? (size_t)(mod - data) : 0;
		const char *ct = opts ? opts->content_type : NULL;
		bool cp1251_header = ct && strstr(ct, "1251");
		if (awol_utf8_valid(data + off, len - off) &&
		    (!cp1251_header || off == 0 || awol_utf8_valid(data, off))) {
			cx.html = data;
			cx.len = len;
		} else {
			rc = awol_text_decode(data, len, ct, &utf, NULL, err);
			if (rc < 0) {
				set_error(pg, err && err->msg[0] ? err->msg : "cannot decode page");
				rc = 0;
				goto done;
			}
			cx.html = utf.ptr;
			cx.len = utf.len;
		}
	}
	cx.page = pg;
	cx.dom_only = opts && opts->dom_only;
	cx.act_texts = opts && opts->act_texts;
	cx.base = base;
	cx.doc_url =
	    opts && opts->url && (strstr(opts->url, "name_op=doc") || strstr(opts->url, "&_doc="));
	cx.scan = awol_sudrf_find(cx.html, cx.len, "modSdpContent", 13);
	if (!cx.scan)
		cx.scan = cx.html;
	cx.scan_len = cx.len - (size_t)(cx.scan - cx.html);
	pre = pre_classify(&cx, &need_dom);
	court_info(&cx);
	servers(&cx, pre);
	if (!need_dom) {
		pg->kind = pre;
		if (has(&cx, "modSdpContent") || has(&cx, "sud_delo") ||
		    has(&cx, "СУДЕБНОЕ ДЕЛОПРОИЗВОДСТВО"))
			pg->tmpl = AWOL_TEMPLATE_PRIMARY;
		if (pg->kind != AWOL_PAGE_BLOCKED && has(&cx, "lawcase-"))
			pg->tmpl = AWOL_TEMPLATE_VNKOD;
		if (pg->kind == AWOL_PAGE_BLOCKED)
			pg->tmpl = AWOL_TEMPLATE_NONE;
		goto done;
	}
	{
		const char *ms;
		size_t ml;
		module_slice(&cx, &ms, &ml);
		narrow(&cx, pre, &ms, &ml, &slice);
		rc = parse_slice(&cx, ms, ml, &cx.doc, &cx.root);
		if (rc < 0)
			goto done;
		rc = 0;
	}
	if (!cx.root) {
		set_error(pg, "not an HTML page (no document element)");
		goto done;
	}
	pg->kind = classify(&cx, &anchor, &tmpl);
	pg->tmpl = tmpl;
	switch (pg->kind) {
	case AWOL_PAGE_CARD:
		rc = tmpl == AWOL_TEMPLATE_VNKOD ? awol_sudrf_card_vnkod(&cx, anchor)
		                                 : awol_sudrf_card_primary(&cx, anchor);
		break;
	case AWOL_PAGE_LISTING:
		rc = tmpl == AWOL_TEMPLATE_VNKOD ? awol_sudrf_listing_vnkod(&cx, anchor)
		                                 : awol_sudrf_listing_primary(&cx, anchor);
		break;
	case AWOL_PAGE_CAPTCHA:
		extract_captcha(&cx);
		break;
	case AWOL_PAGE_ACT:
		extract_act(&cx);
		break;
	case AWOL_PAGE_UNKNOWN:
		set_error(pg, "not a sud_delo page (no card, listing or known message found)");
		break;
	default:
		break;
	}
	if (rc < 0)
		goto done;
	if (pg->kind != AWOL_PAGE_UNKNOWN && pg->tmpl == AWOL_TEMPLATE_NONE &&
	    (awol_html_find_id(cx.root, "div", "modSdpContent") || has(&cx, "sud_delo")))
		pg->tmpl = has(&cx, "lawcase-") ? AWOL_TEMPLATE_VNKOD : AWOL_TEMPLATE_PRIMARY;
	if (pg->kind == AWOL_PAGE_CARD && opts && opts->url)
		act_urls(pg, opts->url);
	if (pg->kind == AWOL_PAGE_CARD && (!pg->kase.number && !pg->kase.uid))
		set_error(pg, "case card without a case number or УИД (truncated page?)");
done:
	if (cx.doc)
		xmlFreeDoc(cx.doc);
	awol_tok_dispose(&cx.tok);
	awol_buf_dispose(&utf);
	awol_buf_dispose(&slice);
	free(base);
	if (rc < 0) {
		awol_page_free(pg);
		return rc;
	}
	*out = pg;
	return 0;
}

static void free_case(awol_case_info *k)
{
	free(k->number);
	free(k->uid);
	free(k->received);
	free(k->judge);
	free(k->decided);
	free(k->result);
	free(k->category);
	free(k->proceeding);
	free(k->instance);
}

void awol_page_free(awol_page *pg)
{
	size_t i;

	if (!pg)
		return;
	free(pg->file);
	free(pg->court_name);
	free(pg->court_code);
	free(pg->court_host);
	free_case(&pg->kase);
	for (i = 0; i < pg->npersons; i++) {
		free(pg->persons[i].name);
		free(pg->persons[i].role);
		awol_charges_free(pg->persons[i].charges, pg->persons[i].ncharges);
		free(pg->persons[i].decided);
		free(pg->persons[i].result);
	}
	free(pg->persons);
	for (i = 0; i < pg->nparties; i++) {
		free(pg->parties[i].role);
		free(pg->parties[i].name);
	}
	free(pg->parties);
	for (i = 0; i < pg->nevents; i++) {
		awol_event *e = &pg->events[i];
		free(e->name);
		free(e->date);
		free(e->time);
		free(e->place);
		free(e->result);
		free(e->reason);
	}
	free(pg->events);
	for (i = 0; i < pg->nacts; i++) {
		free(pg->acts[i].title);
		free(pg->acts[i].url);
		free(pg->acts[i].text);
	}
	free(pg->acts);
	for (i = 0; i < pg->listing.nrows; i++) {
		awol_listing_row *r = &pg->listing.rows[i];
		free(r->number);
		free(r->case_id);
		free(r->case_uid);
		free(r->url);
		free(r->received);
		free(r->judge);
		free(r->decided);
		free(r->result);
		free(r->text);
	}
	free(pg->listing.rows);
	free(pg->listing.next_url);
	free(pg->captcha.id);
	free(pg->captcha.image_png_base64);
	free(pg->act_text);
	free(pg->error);
	free(pg);
}
