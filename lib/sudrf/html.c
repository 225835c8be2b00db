#include "util/common.h"
#include "util/buf.h"
#include "util/text.h"
#include "html.h"

#include <strings.h>

xmlDoc *awol_html_read(const char *utf8, size_t len)
{
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	           HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT;

	if (len > (size_t)INT32_MAX)
		return NULL;
	/* Encoding forced to UTF-8: the bytes were decoded already, whatever the meta says. */
	return htmlReadMemory(utf8, (int)len, NULL, "UTF-8", opts);
}

xmlNode *awol_html_skip(xmlNode *n, const xmlNode *root)
{
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

xmlNode *awol_html_next(xmlNode *n, const xmlNode *root)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	return awol_html_skip(n, root);
}

bool awol_html_is(const xmlNode *n, const char *tag)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, tag) == 0;
}

static const char *prop(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

bool awol_html_has_class(const xmlNode *n, const char *cls)
{
	const char *c = prop(n, "class"), *p;
	size_t l = strlen(cls);

	if (!c)
		return false;
	for (p = c; (p = strstr(p, cls)) != NULL; p += l) {
		bool start = p == c || p[-1] == ' ' || p[-1] == '\t';
		bool end = p[l] == '\0' || p[l] == ' ' || p[l] == '\t';
		if (start && end)
			return true;
	}
	return false;
}

bool awol_html_id_is(const xmlNode *n, const char *id)
{
	const char *v = prop(n, "id");
	return v && strcmp(v, id) == 0;
}

char *awol_html_attr(const xmlNode *n, const char *name)
{
	const char *v = prop(n, name);
	return v ? strdup(v) : NULL;
}

xmlNode *awol_html_find_id(xmlNode *root, const char *tag, const char *id)
{
	xmlNode *n;

	for (n = root; n; n = awol_html_next(n, root))
		if (n->type == XML_ELEMENT_NODE && (!tag || awol_html_is(n, tag)) &&
		    awol_html_id_is(n, id))
			return n;
	return NULL;
}

xmlNode *awol_html_find_class(xmlNode *root, const char *tag, const char *cls)
{
	xmlNode *n;

	for (n = root; n; n = awol_html_next(n, root))
		if (n->type == XML_ELEMENT_NODE && (!tag || awol_html_is(n, tag)) &&
		    awol_html_has_class(n, cls))
			return n;
	return NULL;
}

xmlNode *awol_html_find_tag(xmlNode *root, const char *tag)
{
	xmlNode *n;

	for (n = root; n; n = awol_html_next(n, root))
		if (awol_html_is(n, tag))
			return n;
	return NULL;
}

static void text_rec(xmlNode *root, awol_buf *b)
{
	xmlNode *n = root;

	while (n) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)n->content;
			if (s) {
				/* source line breaks are layout, not content */
				size_t at = b->len, l = strlen(s);
				char *q;
				if (awol_buf_put(b, s, l, NULL) == 0)
					for (q = b->ptr + at;
					     (q = memchr(q, '\n', (size_t)(b->ptr + b->len - q))) !=
					     NULL;)
						*q++ = ' ';
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			if (awol_html_is(n, "br"))
				awol_buf_putc(b, '\n', NULL);
			else if (awol_html_is(n, "script") || awol_html_is(n, "style")) {
				n = awol_html_skip(n, root);
				continue;
			} else if (awol_html_is(n, "p") || awol_html_is(n, "div") ||
			           awol_html_is(n, "tr") || awol_html_is(n, "li"))
				awol_buf_putc(b, '\n', NULL);
			else if (awol_html_is(n, "td") || awol_html_is(n, "th"))
				awol_buf_putc(b, ' ', NULL);
		}
		if (n == root && n->type != XML_ELEMENT_NODE)
			break;
		n = awol_html_next(n, root);
	}
}

char *awol_html_text(xmlNode *n)
{
	awol_buf b;

	awol_buf_init(&b, 64 * 1024 * 1024);
	if (n)
		text_rec(n, &b);
	return awol_text_clean(awol_buf_detach(&b));
}

static size_t push(xmlNode ***arr, size_t n, size_t *cap, xmlNode *x)
{
	if (n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		xmlNode **na = realloc(*arr, nc * sizeof(**arr));
		if (!na)
			return n;
		*arr = na;
		*cap = nc;
	}
	(*arr)[n] = x;
	return n + 1;
}

size_t awol_html_rows(xmlNode *table, xmlNode ***rows)
{
	xmlNode *n;
	size_t cnt = 0, cap = 0;

	*rows = NULL;
	if (!table)
		return 0;
	for (n = table->children; n;) {
		if (awol_html_is(n, "table")) {
			n = awol_html_skip(n, table);
			continue;
		}
		if (awol_html_is(n, "tr"))
			cnt = push(rows, cnt, &cap, n);
		n = awol_html_next(n, table);
	}
	return cnt;
}

size_t awol_html_cells(xmlNode *tr, xmlNode ***cells)
{
	xmlNode *n;
	size_t cnt = 0, cap = 0;

	*cells = NULL;
	for (n = tr ? tr->children : NULL; n; n = n->next)
		if (awol_html_is(n, "td") || awol_html_is(n, "th"))
			cnt = push(cells, cnt, &cap, n);
	return cnt;
}
