/*
 * Private to lib/sudrf: the pieces of awol_page_parse (page.c), each filling
 * one part of an awol_page from a parsed document.
 */
#ifndef AWOL_SUDRF_PARSE_PRIV_H
#define AWOL_SUDRF_PARSE_PRIV_H

#include "awol/page.h"
#include "html.h"
#include "tok.h"

typedef struct parse_ctx {
	awol_page *page;
	xmlDoc *doc;       /* libxml2's tree, when the fast path declined */
	awol_tok_tree tok; /* the fast path's tree */
	xmlNode *root;
	const char *html; /* the decoded UTF-8 text */
	size_t len;
	const char *base; /* "scheme://host" of the page URL, or NULL */
	bool doc_url;     /* the page was fetched as name_op=doc */
	const char *scan; /* where string tests look: the module to the end */
	size_t scan_len;
	bool dom_only; /* no fast path */
	bool act_texts; /* cards: read the embedded act texts too (awol_parse_opts.act_texts) */
} parse_ctx;

/* card.c */
int awol_sudrf_card_primary(parse_ctx *cx, xmlNode *casenumber);
int awol_sudrf_card_vnkod(parse_ctx *cx, xmlNode *window);
/* listing.c */
int awol_sudrf_listing_primary(parse_ctx *cx, xmlNode *table);
int awol_sudrf_listing_vnkod(parse_ctx *cx, xmlNode *results);

/* helpers (page.c) */
/* memmem, vectorised: the first occurrence of needle (m bytes) in hay (n bytes), or NULL. */
const char *awol_sudrf_find(const char *hay, size_t n, const char *needle, size_t m);
char *awol_sudrf_date(const char *text);               /* "22.04.2026" -> "2026-04-22" or NULL */
char *awol_sudrf_url(parse_ctx *cx, const char *href); /* absolute when base known */
char *awol_sudrf_query_param(const char *url, const char *name); /* malloc'd or NULL */
int awol_sudrf_add_charges(awol_person *p, const char *text);
/* Header label -> column index; -1 if absent. Labels matched by folded prefix. */
int awol_sudrf_col(char **headers, size_t n, const char *const *labels);
/* Set *dst to s (taking ownership) unless s is empty; frees s otherwise. */
void awol_sudrf_set(char **dst, char *s);

#endif
