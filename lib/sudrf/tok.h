/*
 * The fast path of the page parser: a small purpose-built HTML tokenizer
 * that builds, in one arena, the very tree libxml2's HTML parser builds
 * (HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS) for the markup of the sud_delo
 * module slices -- tables, rows, cells, links, line breaks, divs, lists,
 * text with entities, comments, scripts -- so that the DOM code of card.c
 * and listing.c reads it unchanged.  Anything it does not know exactly
 * (tags whose recovery rules it does not model, misplaced end tags it
 * cannot mirror, doctype, processing instructions, bogus attributes,
 * control characters, very deep nesting) makes it decline: the caller then
 * parses with libxml2, so correctness never depends on the fast path.
 *
 * The nodes are plain xmlNode/xmlAttr structs allocated from the arena:
 * read them with the helpers of html.h, never hand them to libxml2's tree
 * functions (xmlFreeNode, xmlGetProp...).  Private to lib/sudrf.
 */
#ifndef AWOL_SUDRF_TOK_H
#define AWOL_SUDRF_TOK_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"

typedef struct tok_block tok_block;

typedef struct awol_tok_tree {
	xmlNode *root;   /* the <html> element when built, else NULL */
	const char *why; /* when declined: what the fast path does not model */
	tok_block *blocks;
	awol_buf text; /* character data not yet made a node */
} awol_tok_tree;

void awol_tok_init(awol_tok_tree *t);
void awol_tok_dispose(awol_tok_tree *t); /* frees every node; accepts a disposed tree */

/*
 * Build the tree of `len` bytes of HTML (declined unless UTF-8; no NUL bytes).  Returns 1
 * when built (t->root set), 0 when declined (t->why says why; fall back to
 * libxml2), -AWOL_ENOMEM when out of memory.  The tree lives until
 * awol_tok_dispose; building again disposes of the previous one.
 */
int awol_tok_build(awol_tok_tree *t, const char *html, size_t len, awol_error *err);

/*
 * Compare two trees node by node (type, name, attributes, text): true when
 * the same.  On a difference, `where` gets a short description.  For tests
 * and the fuzz target: a built tree must equal libxml2's.
 */
bool awol_tok_same(const xmlNode *a, const xmlNode *b, char *where, size_t wsize);

#endif
