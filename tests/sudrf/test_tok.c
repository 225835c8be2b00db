/*
 * The parser's fast path (lib/sudrf/tok.c): every tree it builds must be
 * the tree libxml2 builds from the same bytes; what it does not model it
 * must decline, and bad input must neither crash nor hang it.
 */
#include "helpers.h"
#include "awol/page_json.h"
#include "sudrf/html.h"
#include "sudrf/parse_priv.h"
#include "sudrf/tok.h"
#include "util/text.h"

#include <dirent.h>
#include <time.h>

/* Build with both; 1 when tok built the same tree, 0 when it declined; fails on a difference. */
static int both(const char *html, size_t len)
{
	awol_tok_tree t;
	xmlDoc *d;
	char where[256] = "";
	int rc;

	awol_tok_init(&t);
	rc = awol_tok_build(&t, html, len, NULL);
	assert_true(rc >= 0);
	if (rc == 1) {
		d = awol_html_read(html, len);
		assert_non_null(d);
		if (!awol_tok_same(t.root, xmlDocGetRootElement(d), where, sizeof(where))) {
			print_error(
			    "fast tree differs from libxml2's: %s\ninput (%zu bytes): %.*s\n",
			    where, len, (int)(len > 2000 ? 2000 : len), html);
			if (getenv("TOK_FAIL_DUMP")) { /* the whole input, to look at */
				FILE *f = fopen(getenv("TOK_FAIL_DUMP"), "wb");
				if (f) {
					fwrite(html, 1, len, f);
					fclose(f);
				}
			}
			fail();
		}
		xmlFreeDoc(d);
	} else
		assert_non_null(t.why);
	awol_tok_dispose(&t);
	return rc;
}

static int both_s(const char *html)
{
	return both(html, strlen(html));
}

/* The tags the fast path models, and two it does not know (plain containers, as in libxml2). */
static const char *const TAGS[] = {
    "a",      "abbr",     "acronym", "address",  "b",      "big",    "blockquote", "br",
    "button", "caption",  "center",  "cite",     "code",   "col",    "colgroup",   "dd",
    "del",    "dfn",      "div",     "dl",       "dt",     "em",     "fieldset",   "font",
    "form",   "h1",       "h2",      "h3",       "h4",     "h5",     "h6",         "hr",
    "i",      "img",      "input",   "ins",      "kbd",    "label",  "legend",     "li",
    "link",   "noscript", "ol",      "optgroup", "option", "p",      "q",          "s",
    "samp",   "script",   "select",  "small",    "span",   "strike", "strong",     "style",
    "sub",    "sup",      "table",   "tbody",    "td",     "tfoot",  "th",         "thead",
    "tr",     "tt",       "u",       "ul",       "var",    "nobr",   "section"};

/* Every pair (open element, new start tag): which closes which, as libxml2 has it. */
static void test_autoclose_pairs_match_libxml2(void **state)
{
	size_t i, j, built = 0, pairs = 0;
	char buf[512];

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(TAGS); i++)
		for (j = 0; j < AWOL_ARRAY_SIZE(TAGS); j++) {
			snprintf(buf, sizeof(buf),
			         "<div><%s id=o> a <%s id=n>x</%s> b </%s> c</div> <p>d</p>",
			         TAGS[i], TAGS[j], TAGS[j], TAGS[i]);
			built += (size_t)both_s(buf);
			pairs++;
		}
	/* script and style as the outer element read the rest as text: all else builds */
	assert_true(built >= pairs - 2 * AWOL_ARRAY_SIZE(TAGS));
}

static void test_small_cases(void **state)
{
	static const char *const built[] = {
	    "<div>a</div>",
	    "<table><tr><td>1<td>2<tr><td>3</table>",
	    "<table>\r\n<tr> <td nowrap class=\"\" x=a\r\nb>q&amp;w&foo;e&amp "
	    "f&#65;&#x42;</td></tr></table>",
	    "<div><a href=\"?a=1&srv_num=2&amp;c=3&copy=4&x;\">l</a></div>",
	    "<div></p>a</br>b</span>c</div>",
	    "<div><b>a</b> <br> <br> <span>s</span> </div>  ",
	    "<div>a<!-- c -->b<script>if (a < b) x = '</div>';</script>c</div>",
	    "<style>x</style> <!-- c --> <script>s</script> <div>a</div></body></html> ",
	    "<div><ul><li>1<li>2</ul><p>p<div>d</div></div>",
	    "<table><tr><td><span>x</td></tr></table>",
	    "<div><table><tr><td>x</div>y",
	    "<div>&nbsp;&laquo;x&raquo; &#8470; &mdash;</div>",
	    "<div><br/><img src=x /><input type=text value='a b'></div>",
	    "<div><nobr>x</nobr><section>y</section></div>",
	    "<div>\xd0\x92\xd1\x81\xd0\xb5\xd0\xb3\xd0\xbe</div>",
	    "<div><input name='a' value='x&amp;y",
	    "<div><span class='a' id",
	    "<div><span a='1' b=\"2",
	    "<div><span",
	    "<div>a</sp",
	    "<div><script",
	};
	static const char *const declined[] = {
	    "text first",
	    "<!DOCTYPE html><div>a</div>",
	    "<html><body>a</body></html>",
	    "<div><pre>\na</pre></div>",
	    "<div><iframe>a</iframe></div>",
	    "<div><meta charset=windows-1251></div>",
	    "<div a=\"unterminated&#0;",
	    "<div a=1 a=2></div>",
	    "<div>a < b</div>",
	    "<div>&#0;</div>",
	    "<div>&#xD800;</div>",
	    "<div>\x01</div>",
	    "<div><?php x ?></div>",
	    "<div></body><p>x</p>",
	    "<div><x:y>a</x:y></div>",
	    "<div><!--->x</div>",
	    "<div>x</div><",
	};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(built); i++)
		if (both_s(built[i]) != 1) {
			print_error("declined: %s\n", built[i]);
			fail();
		}
	for (i = 0; i < AWOL_ARRAY_SIZE(declined); i++)
		if (both_s(declined[i]) != 0) {
			print_error("built: %s\n", declined[i]);
			fail();
		}
}

/* A fixture page as UTF-8 (the tree builder reads what the decoder made). */
static char *read_fixture(const char *name, size_t *len)
{
	char *path = fixture_path(name);
	awol_buf raw = AWOL_BUF_INIT, utf = AWOL_BUF_INIT;

	assert_int_equal(awol_file_read(path, &raw, NULL), 0);
	free(path);
	assert_int_equal(awol_text_decode(raw.ptr, raw.len, NULL, &utf, NULL, NULL), 0);
	awol_buf_dispose(&raw);
	*len = utf.len;
	return awol_buf_detach(&utf);
}

static const char *const PAGES[] = {"card_civil_1inst_primary.html",
                                    "card_criminal_1inst_primary.html",
                                    "card_civil_1inst_vnkod.html",
                                    "listing_civil_cassation_primary.html",
                                    "empty_no_data.html",
                                    "handmade_card_criminal_vnkod.html",
                                    "handmade_listing_criminal_vnkod.html",
                                    "captcha_search_form_cp1251.html"};

/* Pieces of the real pages: from each <table> and <div to a cut further on. */
static void test_fixture_pieces_match_libxml2(void **state)
{
	size_t i, built = 0, tried = 0;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(PAGES); i++) {
		size_t len;
		char *html = read_fixture(PAGES[i], &len);
		const char *p = html, *end = html + len;
		while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && tried < 4000) {
			if (strncmp(p, "<table", 6) == 0 || strncmp(p, "<div", 4) == 0) {
				size_t cut;
				for (cut = 64; cut < 40000 && p + cut <= end; cut = cut * 3 + 7) {
					built += (size_t)both(p, cut);
					tried++;
				}
			}
			p++;
		}
		free(html);
	}
	print_message("pieces: %zu of %zu built by the fast path, all as libxml2\n", built, tried);
	assert_true(tried > 1000);
	assert_true(built > tried / 10);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random edits of real markup: wherever the fast path builds, it builds libxml2's tree. */
static void test_mutations_match_libxml2(void **state)
{
	/* pieces of markup to insert, separated by | */
	static const char BITS[] =
	    "<td>|</td>|<tr>|</tr>|<table>|</table>|<th>|<b>|</b>|<div>|</div>|<p>|"
	    "</p>|<br>|<br/>|<li>|</ul>|<span>|</span>|&amp;|&|&nbsp;|&#1234;|&zz;|"
	    " |  \n |\r\n|<!-- x -->|<a href=x&y=1>|</a>|</body>|</html>|<script>|"
	    "</script>|<tbody>|<thead>|</thead>|<form>|<h2>|<option>|<select>|"
	    "<font>|<center>|\"|'|=|>|<|</|<!--|<x>|</x>|<dl><dt>|<dd>|<col>";
	const char *bits[64];
	size_t nbits = 0;
	char bitbuf[sizeof(BITS)], *sp = NULL, *tk;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	size_t i, built = 0, runs = 0, rounds = 400;
	awol_buf m = AWOL_BUF_INIT;

	(void)state;
	memcpy(bitbuf, BITS, sizeof(BITS));
	for (tk = strtok_r(bitbuf, "|", &sp); tk && nbits < AWOL_ARRAY_SIZE(bits);
	     tk = strtok_r(NULL, "|", &sp))
		bits[nbits++] = tk;
	if (getenv("TOK_SEED")) { /* longer runs by hand: TOK_SEED=n TOK_ROUNDS=n */
		seed = strtoull(getenv("TOK_SEED"), NULL, 10) | 1;
		rounds = getenv("TOK_ROUNDS") ? strtoul(getenv("TOK_ROUNDS"), NULL, 10) : rounds;
	}
	for (i = 0; i < AWOL_ARRAY_SIZE(PAGES); i++) {
		size_t len, k;
		char *html = read_fixture(PAGES[i], &len);
		const char *start = strstr(html, "<table");
		size_t span;
		if (!start)
			start = strstr(html, "<div");
		assert_non_null(start);
		span = (size_t)(html + len - start);
		if (span > 6000)
			span = 6000;
		for (k = 0; k < rounds; k++) {
			size_t e, edits = 1 + rnd(&seed) % 6;
			awol_buf_reset(&m);
			assert_int_equal(awol_buf_put(&m, start, span, NULL), 0);
			for (e = 0; e < edits && m.len > 2; e++) {
				size_t at = rnd(&seed) % m.len;
				if (rnd(&seed) % 3 == 0) {
					size_t n = rnd(&seed) % 40 + 1;
					if (at + n > m.len)
						n = m.len - at;
					memmove(m.ptr + at, m.ptr + at + n, m.len - at - n);
					m.len -= n;
				} else {
					const char *s = bits[rnd(&seed) % nbits];
					size_t n = strlen(s);
					assert_int_equal(awol_buf_grow(&m, n, NULL), 0);
					memmove(m.ptr + at + n, m.ptr + at, m.len - at);
					memcpy(m.ptr + at, s, n);
					m.len += n;
				}
			}
			/* keep it UTF-8: a cut inside a character would be an encoding error */
			while (m.len && ((unsigned char)m.ptr[m.len - 1] & 0xC0) == 0x80)
				m.len--;
			if (m.len && (unsigned char)m.ptr[m.len - 1] >= 0xC0)
				m.len--;
			if (!awol_utf8_valid(m.ptr, m.len))
				continue;
			built += (size_t)both(m.ptr, m.len);
			runs++;
		}
		free(html);
	}
	awol_buf_dispose(&m);
	print_message("mutations: %zu of %zu built by the fast path, all as libxml2\n", built,
	              runs);
	assert_true(runs > 1000);
	assert_true(built > runs / 10);
}

/* Bad input: deep nesting, garbage, huge input: no crash, no hang, declined or built. */
static void test_bad_input(void **state)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_tok_tree t;
	size_t i;
	uint64_t seed = 42;
	clock_t t0 = clock();

	(void)state;
	awol_tok_init(&t);
	for (i = 0; i < 100000; i++)
		assert_int_equal(awol_buf_puts(&b, "<div>", NULL), 0);
	assert_int_equal(awol_tok_build(&t, b.ptr, b.len, NULL), 0);
	assert_string_equal(t.why, "nesting too deep");
	awol_buf_reset(&b);
	for (i = 0; i < 100000; i++)
		assert_int_equal(awol_buf_puts(&b, "<b><td>", NULL), 0);
	assert_true(awol_tok_build(&t, b.ptr, b.len, NULL) >= 0);
	awol_buf_reset(&b);
	assert_int_equal(awol_buf_puts(&b, "<div>", NULL), 0);
	for (i = 0; i < 300000; i++) {
		char c = (char)(rnd(&seed) & 0xFF);
		assert_int_equal(awol_buf_put(&b, &c, 1, NULL), 0);
	}
	assert_true(awol_tok_build(&t, b.ptr, b.len, NULL) >= 0);
	/* 20 MB of rows builds, in linear time */
	awol_buf_reset(&b);
	assert_int_equal(awol_buf_puts(&b, "<table>", NULL), 0);
	for (i = 0; i < 400000; i++)
		assert_int_equal(
		    awol_buf_puts(
		        &b, "<tr><td class=c>x &amp; y</td><td><a href=\"?a=1&b=2\">z</a>", NULL),
		    0);
	assert_int_equal(awol_tok_build(&t, b.ptr, b.len, NULL), 1);
	assert_non_null(t.root);
	for (i = 1; i < 64; i++) /* every truncation of a small page */
		assert_true(awol_tok_build(&t, b.ptr, i, NULL) >= 0);
	awol_tok_dispose(&t);
	awol_buf_dispose(&b);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0);
}

/* The JSON of a page with the fast path is the JSON with libxml2 alone. */
static void same_json(const char *name, const char *data, size_t len)
{
	awol_parse_opts o = {0};
	awol_page *fast = NULL, *dom = NULL;
	char *jf = NULL, *jd = NULL;

	o.source = name;
	o.url = "https://gvs--msk.sudrf.ru/modules.php?name=sud_delo";
	assert_int_equal(awol_page_parse(data, len, &o, &fast, NULL), 0);
	o.dom_only = true;
	assert_int_equal(awol_page_parse(data, len, &o, &dom, NULL), 0);
	assert_int_equal(awol_page_to_json(fast, &jf, NULL), 0);
	assert_int_equal(awol_page_to_json(dom, &jd, NULL), 0);
	if (strcmp(jf, jd) != 0) {
		print_error("%s (%zu bytes): JSON differs\nfast: %s\ndom:  %s\n", name, len, jf,
		            jd);
		fail();
	}
	free(jf);
	free(jd);
	awol_page_free(fast);
	awol_page_free(dom);
}

/* Whole pages, and truncations of them (cut anywhere, also inside a character). */
static void test_pages_same_with_and_without_fast_path(void **state)
{
	/* windows-1251 chrome around a UTF-8 module: the court name must be refused alike */
	static const char mixed[] =
	    "<html><body><div class=\"heading_title\">\xc2\xee\xe5\xed\xed\xfb\xe9 "
	    "&amp; \xf1\xf3\xe4</div><div id=\"modSdpContent\"><div>\xd0\x92\xd1\x81\xd0\xb5"
	    "\xd0\xb3\xd0\xbe \xd0\xbf\xd0\xbe \xd0\xb7\xd0\xb0\xd0\xbf\xd1\x80\xd0\xbe"
	    "\xd1\x81\xd1\x83 \xd0\xbd\xd0\xb0\xd0\xb9\xd0\xb4\xd0\xb5\xd0\xbd\xd0\xbe 2"
	    "</div><table id=\"tablcont\"><tr><th>\xe2\x84\x96 \xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0"
	    "</th><th>x</th></tr><tr><td><a href=\"?name_op=case&case_id=1\">1-1/2024</a></td>"
	    "<td>01.02.2024</td></tr></table></div></body></html>";
	/* a module the fast path declines (pre): libxml2 parses it */
	static const char declined[] =
	    "<div id=\"modSdpContent\"><pre>\n</pre><div class=\"casenumber\">\xe2\x84\x96 "
	    "1-2/2024</div></div>";
	DIR *dir;
	struct dirent *e;
	char *probe = fixture_path("");
	size_t cut;
	int pages = 0;

	(void)state;
	same_json("mixed", mixed, sizeof(mixed) - 1);
	same_json("declined", declined, sizeof(declined) - 1);
	dir = opendir(probe);
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		awol_buf b = AWOL_BUF_INIT;
		char *path;
		if (!strstr(e->d_name, ".htm"))
			continue;
		path = fixture_path(e->d_name);
		pages++;
		assert_int_equal(awol_file_read(path, &b, NULL), 0);
		for (cut = b.len; cut > 0; cut = cut > 4096 ? cut * 2 / 3 + 1 : 0)
			same_json(e->d_name, b.ptr, cut);
		awol_buf_dispose(&b);
		free(path);
	}
	closedir(dir);
	free(probe);
	assert_true(pages >= 17);
}

/* The page tests' string search is memmem, wherever the needle stands. */
static void test_find_is_memmem(void **state)
{
	static const char *const needles[] = {
	    "casenumber",
	    "vnkod=",
	    "<",
	    "ab",
	    "\xd0\x92\xd1\x81\xd0\xb5\xd0\xb3\xd0\xbe",
	    "modSdpContent",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
	char hay[600];
	uint64_t seed = 7;
	size_t i, r;

	(void)state;
	for (r = 0; r < 20000; r++) {
		const char *nd = needles[r % AWOL_ARRAY_SIZE(needles)];
		size_t m = strlen(nd), n = rnd(&seed) % sizeof(hay), at;
		for (i = 0; i < n; i++) /* a small alphabet: many near misses */
			hay[i] = "ab<=\xd0\xd1\x92\xb5"
			         "casenumbrvkod"[rnd(&seed) % 20];
		if (n >= m && rnd(&seed) % 2) { /* a near miss: one byte changed */
			at = rnd(&seed) % (n - m + 1);
			memcpy(hay + at, nd, m);
			hay[at + rnd(&seed) % m] ^= 0x20;
		}
		if (n >= m && rnd(&seed) % 2) {
			at = rnd(&seed) % 4 == 0 ? n - m : rnd(&seed) % (n - m + 1);
			memcpy(hay + at, nd, m);
		}
		assert_ptr_equal(awol_sudrf_find(hay, n, nd, m), memmem(hay, n, nd, m));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_is_memmem),
	    cmocka_unit_test(test_autoclose_pairs_match_libxml2),
	    cmocka_unit_test(test_small_cases),
	    cmocka_unit_test(test_fixture_pieces_match_libxml2),
	    cmocka_unit_test(test_mutations_match_libxml2),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_pages_same_with_and_without_fast_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
