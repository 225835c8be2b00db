/*
 * Thin helpers over libxml2's tolerant HTML parser: DOM walking, class and
 * id lookup, table rows and cells, and text extraction with <br> kept as a
 * line break.  Private to lib/sudrf.
 */
#ifndef AWOL_SUDRF_HTML_H
#define AWOL_SUDRF_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Parse UTF-8 HTML (meta charset ignored). NULL on failure. Free with xmlFreeDoc. */
xmlDoc *awol_html_read(const char *utf8, size_t len);

/* Pre-order successor of n within root (NULL at the end). */
xmlNode *awol_html_next(xmlNode *n, const xmlNode *root);
/* Pre-order successor that skips n's subtree. */
xmlNode *awol_html_skip(xmlNode *n, const xmlNode *root);

bool awol_html_is(const xmlNode *n, const char *tag);
bool awol_html_has_class(const xmlNode *n, const char *cls);
bool awol_html_id_is(const xmlNode *n, const char *id);
/* Attribute value (malloc'd via xmlGetProp; free with xmlFree) or NULL. */
char *awol_html_attr(const xmlNode *n, const char *name);

/* First element below root (inclusive) with the tag (NULL = any) and id / class. */
xmlNode *awol_html_find_id(xmlNode *root, const char *tag, const char *id);
xmlNode *awol_html_find_class(xmlNode *root, const char *tag, const char *cls);
xmlNode *awol_html_find_tag(xmlNode *root, const char *tag);

/* Text of a subtree: entities decoded, <br> as '\n', whitespace cleaned. malloc'd. */
char *awol_html_text(xmlNode *n);

/* Rows (tr) of a table, not descending into nested tables. *rows malloc'd. */
size_t awol_html_rows(xmlNode *table, xmlNode ***rows);
/* Cells (td/th) of a row. *cells malloc'd. */
size_t awol_html_cells(xmlNode *tr, xmlNode ***cells);

#endif
