/*
 * libFuzzer target: the page parser (classification and extraction) and the
 * JSON serialiser on arbitrary bytes, and the parser's fast path against
 * libxml2: wherever the tokenizer builds a tree, it must be libxml2's tree.
 * Built by `make fuzz` (clang).
 */
#include "util/common.h"
#include "util/text.h"
#include "awol/article.h"
#include "awol/page.h"
#include "awol/page_json.h"
#include "sudrf/html.h"
#include "sudrf/tok.h"

/* The tokenizer reads decoded pages: valid UTF-8 without NUL bytes. */
static void check_fast_tree(const char *html, size_t len)
{
	awol_tok_tree t;
	char where[256];

	if (len == 0 || memchr(html, '\0', len) || !awol_utf8_valid(html, len))
		return;
	awol_tok_init(&t);
	if (awol_tok_build(&t, html, len, NULL) == 1) {
		xmlDoc *d = awol_html_read(html, len);
		if (!d || !awol_tok_same(t.root, xmlDocGetRootElement(d), where, sizeof(where))) {
			fprintf(stderr, "fast tree differs from libxml2's: %s\n",
			        d ? where : "no tree");
			abort();
		}
		xmlFreeDoc(d);
	}
	awol_tok_dispose(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	awol_page *pg = NULL;
	awol_parse_opts o = {0};
	char *json = NULL;

	check_fast_tree((const char *)data, size);
	{ /* and from the first table and the first div, where module slices start */
		const char *const at[] = {"<table", "<div"};
		size_t i;
		for (i = 0; i < AWOL_ARRAY_SIZE(at); i++) {
			const char *p = memmem(data, size, at[i], strlen(at[i]));
			if (p)
				check_fast_tree(p, size - (size_t)(p - (const char *)data));
		}
	}
	o.source = "fuzz";
	o.url = "https://gvs--msk.sudrf.ru/modules.php?name=sud_delo&name_op=case";
	if (awol_page_parse((const char *)data, size, &o, &pg, NULL) == 0) {
		bool card = pg->kind == AWOL_PAGE_CARD;
		if (awol_page_to_json(pg, &json, NULL) == 0)
			free(json);
		awol_page_free(pg);
		pg = NULL;
		/* cards again with their embedded act texts (a wider slice, another path) */
		o.act_texts = true;
		if (card && awol_page_parse((const char *)data, size, &o, &pg, NULL) == 0)
			awol_page_free(pg);
	}
	/* the charge parser takes NUL-terminated text */
	if (size < 65536) {
		char *s = malloc(size + 1);
		awol_charge *c = NULL;
		awol_article_group *g = NULL;
		size_t n = 0, ng = 0;
		if (s) {
			memcpy(s, data, size);
			s[size] = '\0';
			awol_article_parse(s, &c, &n, NULL);
			awol_charges_free(c, n);
			awol_article_parse_groups(s, &g, &ng, NULL);
			awol_article_groups_free(g, ng);
			free(s);
		}
	}
	return 0;
}
