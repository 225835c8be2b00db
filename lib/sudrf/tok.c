/*
 * The fast path of the page parser (see tok.h): tokenizer and tree builder
 * mirroring libxml2 2.9's HTML parser for the markup it models.
 */
#include "util/common.h"
#include "util/text.h"
#include "tok.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#define TOK_MAX_DEPTH 256     /* deeper documents go to libxml2 */
#define TOK_MAX_NAME 90       /* libxml2 cuts tag names at 100 bytes */
#define TOK_MAX_BLANKS 900    /* libxml2 judges blank runs in 1000-byte chunks */
#define TOK_BLOCK (64 * 1024) /* arena block */
#define REF_MAX 48            /* the longest reference decoded here, in bytes */

struct tok_block {
	struct tok_block *next;
	size_t used, cap;
	max_align_t data[];
};

enum {
	F_VOID = 1,   /* no content, no end tag (br, img...) */
	F_PCDATA = 2, /* libxml2's allowPCData: blanks after or inside are kept */
	F_RAW = 4,    /* script, style: raw text up to the end tag */
	F_TOP = 8     /* html, head: blanks in them always go */
};

typedef struct tag_info {
	const char *name;
	unsigned char flags;
	unsigned char prio; /* end-tag priority (htmlEndPriority) */
	/* the start tags that close this element when it is current (htmlStartClose) */
	const char *closers;
} tag_info;

/*
 * The tags modelled, sorted by name.  The closers were read off the
 * installed libxml2 (a probe of every pair; tests/sudrf/test_tok.c checks
 * them against it).  Tags libxml2 knows and this table does not (pre,
 * iframe, object, title, meta, html, body...) make the fast path decline;
 * tags libxml2 does not know either are plain containers, as in libxml2.
 */
static const tag_info TAGS[] = {
    {"a", F_PCDATA, 100, "a table td th fieldset"},
    {"abbr", F_PCDATA, 100, ""},
    {"acronym", F_PCDATA, 100, ""},
    {"address", F_PCDATA, 100, "dd dl dt form li ul"},
    {"b", F_PCDATA, 100, "center p td th"},
    {"big", F_PCDATA, 100, "p"},
    {"blockquote", F_PCDATA, 100, ""},
    {"br", F_VOID, 100, ""},
    {"button", F_PCDATA, 100, ""},
    {"caption", F_PCDATA, 100, "col colgroup tbody tfoot thead tr"},
    {"center", F_PCDATA, 100, ""},
    {"cite", F_PCDATA, 100, ""},
    {"code", F_PCDATA, 100, ""},
    {"col", F_VOID, 100, ""},
    {"colgroup", 0, 100, "colgroup tbody tfoot thead tr"},
    {"dd", F_PCDATA, 100, "dt"},
    {"del", F_PCDATA, 100, ""},
    {"dfn", F_PCDATA, 100, ""},
    {"div", F_PCDATA, 150, ""},
    {"dl", 0, 100, "form li"},
    {"dt", F_PCDATA, 100, "dd dl"},
    {"em", F_PCDATA, 100, ""},
    {"fieldset", 0, 100, ""},
    {"font", F_PCDATA, 100, "center td th"},
    {"form", F_PCDATA, 100, "form"},
    {"h1", F_PCDATA, 100, "form li p table fieldset"},
    {"h2", F_PCDATA, 100, "form li p table fieldset"},
    {"h3", F_PCDATA, 100, "form li p table fieldset"},
    {"h4", F_PCDATA, 100, "form li p table fieldset"},
    {"h5", F_PCDATA, 100, "form li p table fieldset"},
    {"h6", F_PCDATA, 100, "form li p table fieldset"},
    {"hr", F_VOID, 100, ""},
    {"i", F_PCDATA, 100, "center p td th"},
    {"img", F_VOID, 100, ""},
    {"input", F_VOID, 100, ""},
    {"ins", F_PCDATA, 100, ""},
    {"kbd", F_PCDATA, 100, ""},
    {"label", F_PCDATA, 100, ""},
    {"legend", F_PCDATA, 100, "fieldset"},
    {"li", F_PCDATA, 100, "li"},
    {"link", F_VOID, 100, ""},
    {"noscript", F_PCDATA, 100, ""},
    {"ol", 0, 100, "form ul"},
    {"optgroup", 0, 100, ""},
    {"option", 0, 100, "option optgroup"},
    {"p", F_PCDATA, 100,
     "caption center col colgroup dd div dl dt form h1 h2 h3 h4 h5 h6 hr li ol p table tbody td "
     "tfoot th tr ul fieldset address blockquote pre"},
    {"q", F_PCDATA, 100, ""},
    {"s", F_PCDATA, 100, "p"},
    {"samp", F_PCDATA, 100, ""},
    {"script", F_RAW, 100, ""},
    {"select", 0, 100, ""},
    {"small", F_PCDATA, 100, "p"},
    {"span", F_PCDATA, 100, "td th"},
    {"strike", F_PCDATA, 100, "p"},
    {"strong", F_PCDATA, 100, ""},
    {"style", F_RAW, 100, ""},
    {"sub", 0, 100, ""},
    {"sup", 0, 100, ""},
    {"table", 0, 190, ""},
    {"tbody", 0, 180, "tbody tfoot"},
    {"td", F_PCDATA, 160, "tbody td tfoot th tr"},
    {"tfoot", 0, 180, "tbody"},
    {"th", F_PCDATA, 160, "tbody td tfoot th tr"},
    {"thead", 0, 180, "tbody tfoot"},
    {"tr", 0, 170, "tbody tfoot tr"},
    {"tt", F_PCDATA, 100, "p"},
    {"u", F_PCDATA, 100, "p td th"},
    {"ul", 0, 100, "form ol address pre"},
    {"var", F_PCDATA, 100, ""},
};

/* An element not in TAGS that libxml2 does not know either. */
static const tag_info UNKNOWN_TAG = {NULL, 0, 100, ""};
static const tag_info HTML_TAG = {"html", F_TOP, 220, ""};
static const tag_info HEAD_TAG = {"head", F_TOP, 200, ""};
static const tag_info BODY_TAG = {"body", F_PCDATA, 200, ""};

/*
 * Start tags that do not end an implied <head> (read off libxml2 like the
 * closers); with them there the fast path declines.  Any other modelled
 * tag closes the head and opens the body.
 */
static const char HEAD_KEEPERS[] =
    "button caption col colgroup del input ins label legend noscript "
    "optgroup option select tbody td tfoot th thead tr";

static int tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const tag_info *)elem)->name);
}

/* Is the tag `w` (length wl) a word of the space-separated list? */
static bool word_in(const char *list, const char *w, size_t wl)
{
	const char *p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
			return true;
		p += wl;
	}
	return false;
}

/* ---- arena ---- */

static void *arena_alloc(awol_tok_tree *t, size_t n)
{
	tok_block *b = t->blocks;
	size_t a = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	char *p;

	if (!b || b->cap - b->used < a) {
		size_t cap = a > TOK_BLOCK ? a : TOK_BLOCK;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->next = t->blocks;
		b->used = 0;
		b->cap = cap;
		t->blocks = b;
	}
	p = (char *)b->data + b->used;
	b->used += a;
	memset(p, 0, a);
	return p;
}

static xmlChar *arena_str(awol_tok_tree *t, const char *s, size_t n)
{
	xmlChar *r = arena_alloc(t, n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

/* ---- the builder ---- */

typedef struct builder {
	awol_tok_tree *t;
	const char *p, *end;
	xmlNode *stack[TOK_MAX_DEPTH];
	const tag_info *info[TOK_MAX_DEPTH];
	size_t depth;
	bool oom;
	bool ended; /* </body> seen: only blanks and </html> may follow */
} builder;

/* Blank as libxml2 has it (IS_BLANK_CH). */
static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/*
 * A byte libxml2 would reject or treat specially in character data: C0
 * controls other than tab, LF and CR, and the lead of U+FFFE/U+FFFF (EF BF BE/BF).
 */
static bool bad_char(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;

	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	if (c == 0xEF && end - p >= 3 && (unsigned char)p[1] == 0xBF &&
	    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF))
		return true;
	return false;
}

static int decline(builder *b, const char *why)
{
	if (!b->t->why)
		b->t->why = why;
	return 0;
}

static int oom(builder *b)
{
	b->oom = true;
	return -1;
}

static xmlNode *new_node(builder *b, xmlElementType type, const xmlChar *name)
{
	xmlNode *n = arena_alloc(b->t, sizeof(*n));

	if (!n) {
		oom(b);
		return NULL;
	}
	n->type = type;
	n->name = name;
	return n;
}

static void append(xmlNode *parent, xmlNode *n)
{
	n->parent = parent;
	n->prev = parent->last;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

static xmlNode *cur(const builder *b)
{
	return b->stack[b->depth - 1];
}

/* Character data pending becomes a text node of the current element. */
static int flush_text(builder *b)
{
	awol_buf *tx = &b->t->text;
	xmlNode *n;

	if (tx->len == 0)
		return 1;
	n = new_node(b, XML_TEXT_NODE, (const xmlChar *)"text");
	if (n)
		n->content = arena_str(b->t, tx->ptr, tx->len);
	if (!n || !n->content)
		return oom(b);
	append(cur(b), n);
	awol_buf_reset(tx);
	return 1;
}

static int put_text(builder *b, const char *s, size_t n)
{
	return awol_buf_put(&b->t->text, s, n, NULL) < 0 ? oom(b) : 1;
}

/* UTF-8 of a code point libxml2 accepts (IS_CHAR), else 0 bytes. */
static size_t utf8_put(unsigned long c, char *o)
{
	if (!(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	      (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)))
		return 0;
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * A reference at *pp ('&'), as libxml2 reads it in text and attribute
 * values: &#N; and &#xH; (the ';' required here), &name; for the entities
 * libxml2 knows, anything else literally.  Writes at most REF_MAX bytes to o;
 * returns their number, or -1 when libxml2's reading is not modelled.
 */
static int reference(const char **pp, const char *end, char *o)
{
	const char *p = *pp + 1, *s;
	char name[REF_MAX];
	const htmlEntityDesc *ent;
	size_t n;

	if (p < end && *p == '#') {
		unsigned long v = 0;
		bool hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');
		int digits = 0;

		for (p += hex ? 2 : 1; p < end && digits < 8; p++, digits++) {
			unsigned char c = (unsigned char)*p;
			if (c >= '0' && c <= '9')
				v = v * (hex ? 16 : 10) + (c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				v = v * 16 + (c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				v = v * 16 + (c - 'A' + 10);
			else
				break;
		}
		if (digits == 0 || digits >= 8 || p >= end || *p != ';')
			return -1;
		n = utf8_put(v, o);
		if (n == 0)
			return -1;
		*pp = p + 1;
		return (int)n;
	}
	if (p >= end || (unsigned char)*p >= 0x80)
		return -1; /* a name in non-ASCII letters: libxml2's slow path */
	if (!name_start((unsigned char)*p) && *p != '_') {
		o[0] = '&'; /* no name: the '&' alone */
		*pp = p;
		return 1;
	}
	for (s = p; p < end && (name_char((unsigned char)*p) || *p == ':'); p++)
		;
	if (p >= end || (unsigned char)*p >= 0x80 || (size_t)(p - s) >= sizeof(name) - 1)
		return -1;
	memcpy(name, s, (size_t)(p - s));
	name[p - s] = '\0';
	ent = *p == ';' ? htmlEntityLookup((const xmlChar *)name) : NULL;
	if (!ent || ent->value == 0) {
		/* unknown or no ';': "&name" literally, the rest read as text */
		o[0] = '&';
		memcpy(o + 1, s, (size_t)(p - s));
		*pp = p;
		return (int)(p - s) + 1;
	}
	*pp = p + 1;
	n = utf8_put(ent->value, o);
	return n ? (int)n : -1;
}

/*
 * libxml2's areBlanks: is a run of blanks followed by `next` (0 at the
 * end) ignorable here?  Pending text counts as the last child.
 */
static bool ignorable_blanks(const builder *b, int next)
{
	const xmlNode *last;

	if (next == 0)
		return true;
	if (next != '<')
		return false;
	if (b->info[b->depth - 1]->flags & F_TOP)
		return true;
	if (b->t->text.len)
		return false;
	for (last = cur(b)->last; last && last->type == XML_COMMENT_NODE; last = last->prev)
		;
	if (!last)
		return !(b->info[b->depth - 1]->flags & F_PCDATA);
	if (last->type == XML_TEXT_NODE)
		return false;
	return !(last->extra & F_PCDATA);
}

/* Character data from b->p up to '<', '&' or the end. */
static int text_run(builder *b)
{
	const char *s = b->p, *p = s;
	bool only_blanks = true;

	while (p < b->end && *p != '<' && *p != '&') {
		if (bad_char(p, b->end))
			return decline(b, "control character");
		if (!blank((unsigned char)*p))
			only_blanks = false;
		p++;
	}
	b->p = p;
	if (b->info[b->depth - 1] == &HEAD_TAG && !only_blanks)
		return decline(b, "text in the head");
	if (only_blanks) {
		if (p - s >= TOK_MAX_BLANKS)
			return decline(b, "long blank run");
		if (ignorable_blanks(b, p < b->end ? (unsigned char)*p : 0))
			return 1;
	}
	return put_text(b, s, (size_t)(p - s));
}

static int text_reference(builder *b)
{
	char o[REF_MAX];
	int n = reference(&b->p, b->end, o);

	if (b->info[b->depth - 1] == &HEAD_TAG)
		return decline(b, "text in the head");
	if (n < 0)
		return decline(b, "character reference");
	return put_text(b, o, (size_t)n);
}

/* Lower-cased name at b->p into buf; its length, 0 when none or too long. */
static size_t read_name(builder *b, char *buf)
{
	size_t n = 0;

	if (b->p >= b->end || !name_start((unsigned char)*b->p))
		return 0;
	while (b->p < b->end && name_char((unsigned char)*b->p)) {
		char c = *b->p++;
		if (n >= TOK_MAX_NAME)
			return 0;
		buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[n] = '\0';
	return n;
}

static void skip_blanks(builder *b)
{
	while (b->p < b->end && blank((unsigned char)*b->p))
		b->p++;
}

/* The tag's rules; NULL when libxml2 has rules for it that are not modelled. */
static const tag_info *lookup(const char *name)
{
	const tag_info *ti = bsearch(name, TAGS, AWOL_ARRAY_SIZE(TAGS), sizeof(TAGS[0]), tag_cmp);

	if (ti)
		return ti;
	return htmlTagLookup((const xmlChar *)name) ? NULL : &UNKNOWN_TAG;
}

/* An attribute value (after '='), entities decoded, into the text buffer's tail. */
static int attr_value(builder *b, awol_buf *v)
{
	char q = 0;

	if (b->p < b->end && (*b->p == '"' || *b->p == '\''))
		q = *b->p++;
	while (b->p < b->end) {
		const char *s = b->p;
		char c = *b->p;
		if (q ? c == q : (blank((unsigned char)c) || c == '>'))
			break;
		if (c == '&') {
			char o[REF_MAX];
			int n = reference(&b->p, b->end, o);
			if (n < 0)
				return decline(b, "reference in attribute");
			if (awol_buf_put(v, o, (size_t)n, NULL) < 0)
				return oom(b);
			continue;
		}
		while (b->p < b->end && *b->p != '&' &&
		       !(q ? *b->p == q : (blank((unsigned char)*b->p) || *b->p == '>'))) {
			if (bad_char(b->p, b->end))
				return decline(b, "control character in attribute");
			b->p++;
		}
		if (awol_buf_put(v, s, (size_t)(b->p - s), NULL) < 0)
			return oom(b);
	}
	if (q) {
		if (b->p < b->end)
			b->p++; /* at the end of the input libxml2 keeps the value read so far */
	} else if (v->len == 0)
		return decline(b, "empty unquoted attribute value");
	return 1;
}

static int attribute(builder *b, xmlNode *el, awol_buf *v)
{
	char name[TOK_MAX_NAME + 1];
	size_t nl = read_name(b, name);
	xmlAttr *a, *x;
	const char *value = NULL;
	int rc;

	if (nl == 0)
		return decline(b, "bogus attribute");
	if (strcmp(name, "xmlns") == 0)
		return decline(b, "xmlns attribute");
	for (x = el->properties; x; x = x->next)
		if (strcmp((const char *)x->name, name) == 0)
			return decline(b, "repeated attribute");
	skip_blanks(b);
	awol_buf_reset(v);
	if (b->p < b->end && *b->p == '=') {
		b->p++;
		skip_blanks(b);
		rc = attr_value(b, v);
		if (rc <= 0)
			return rc;
		value = v->ptr ? v->ptr : "";
	} else if (htmlIsBooleanAttr((const xmlChar *)name))
		value = name; /* <td nowrap>: libxml2 gives it its name as value */
	a = arena_alloc(b->t, sizeof(*a));
	if (!a)
		return oom(b);
	a->type = XML_ATTRIBUTE_NODE;
	a->name = arena_str(b->t, name, nl);
	a->parent = el;
	if (!a->name)
		return oom(b);
	if (value) {
		xmlNode *tx = new_node(b, XML_TEXT_NODE, (const xmlChar *)"text");
		if (!tx)
			return -1;
		tx->content = arena_str(b->t, value, value == name ? nl : v->len);
		if (!tx->content)
			return oom(b);
		tx->parent = (xmlNode *)a;
		a->children = a->last = tx;
	}
	if (!el->properties)
		el->properties = a;
	else {
		for (x = el->properties; x->next; x = x->next)
			;
		x->next = a;
		a->prev = x;
	}
	return 1;
}

static int open_body(builder *b);

static int push(builder *b, xmlNode *n, const tag_info *ti)
{
	if (b->depth >= TOK_MAX_DEPTH)
		return decline(b, "nesting too deep");
	b->stack[b->depth] = n;
	b->info[b->depth] = ti;
	b->depth++;
	return 1;
}

/* Raw content of script/style up to "</name": one CDATA node, as libxml2 makes it. */
static int raw_content(builder *b, const char *name, size_t nl)
{
	const char *s = b->p, *p = s;
	xmlNode *n;

	/* libxml2 reads an end tag first: "</x" right after the start tag is markup */
	if (b->end - s >= 2 && s[0] == '<' && s[1] == '/' &&
	    !(b->end - s >= (ptrdiff_t)(nl + 2) && strncasecmp(s + 2, name, nl) == 0))
		return decline(b, "end tag first in raw text");
	for (;; p++) {
		p = memchr(p, '<', (size_t)(b->end - p));
		if (!p) {
			p = b->end;
			break;
		}
		if (b->end - p >= (ptrdiff_t)(nl + 2) && p[1] == '/' &&
		    strncasecmp(p + 2, name, nl) == 0) {
			if (b->end - p > (ptrdiff_t)(nl + 2) && !blank((unsigned char)p[2 + nl]) &&
			    p[2 + nl] != '>')
				return decline(b, "raw text end tag");
			break;
		}
	}
	for (b->p = s; b->p < p; b->p++)
		if (bad_char(b->p, b->end))
			return decline(b, "control character in raw text");
	if (p > s) {
		n = new_node(b, XML_CDATA_SECTION_NODE, NULL);
		if (!n)
			return -1;
		n->content = arena_str(b->t, s, (size_t)(p - s));
		if (!n->content)
			return oom(b);
		append(cur(b), n);
	}
	b->p = p;
	return 1;
}

static int start_tag(builder *b, awol_buf *v)
{
	char name[TOK_MAX_NAME + 1];
	size_t nl;
	const tag_info *ti;
	bool self_closed = false;
	xmlNode *el;
	int rc;

	b->p++; /* '<' */
	nl = read_name(b, name);
	if (nl == 0)
		return decline(b, "tag name");
	ti = lookup(name);
	if (!ti)
		return decline(b, "tag not modelled");
	/* libxml2 pops the elements the new one closes before anything else */
	rc = flush_text(b);
	if (rc < 0)
		return rc;
	if (b->info[b->depth - 1] == &HEAD_TAG && !(ti->flags & F_RAW)) {
		/* the first body tag closes the implied head and opens the body */
		if (ti == &UNKNOWN_TAG || word_in(HEAD_KEEPERS, name, nl))
			return decline(b, "tag in the head");
		rc = open_body(b);
		if (rc <= 0)
			return rc;
	}
	while (b->depth > 2 && word_in(b->info[b->depth - 1]->closers, name, nl))
		b->depth--;
	el = new_node(b, XML_ELEMENT_NODE, NULL);
	if (!el)
		return -1;
	el->name = ti->name ? (const xmlChar *)ti->name : arena_str(b->t, name, nl);
	if (!el->name)
		return oom(b);
	el->extra = ti->flags;
	skip_blanks(b);
	while (b->p < b->end && *b->p != '>') {
		if (*b->p == '/' && b->end - b->p > 1 && b->p[1] == '>') {
			self_closed = true;
			b->p++;
			break;
		}
		rc = attribute(b, el, v);
		if (rc <= 0)
			return rc;
		skip_blanks(b);
	}
	if (b->p < b->end)
		b->p++; /* '>'; a start tag cut by the end of the input still makes its element */
	append(cur(b), el);
	if (self_closed || (ti->flags & F_VOID))
		return 1;
	rc = push(b, el, ti);
	if (rc <= 0)
		return rc;
	if (ti->flags & F_RAW)
		return raw_content(b, name, nl);
	return 1;
}

static int end_tag(builder *b)
{
	char name[TOK_MAX_NAME + 1];
	size_t i, nl;
	const tag_info *ti;
	int rc;

	b->p += 2; /* "</" */
	nl = read_name(b, name);
	if (nl == 0)
		return decline(b, "end tag name");
	skip_blanks(b);
	if (b->p >= b->end)
		return 1; /* cut by the end of the input: nothing follows that it could change */
	if (*b->p != '>')
		return decline(b, "end tag without '>'");
	b->p++;
	if (strcmp(name, "body") == 0 && b->info[1] == &BODY_TAG) {
		/* closes everything: what may follow is checked by the caller */
		rc = flush_text(b);
		b->depth = 1;
		b->ended = true;
		return rc;
	}
	ti = lookup(name);
	if (!ti)
		return decline(b, "end tag not modelled");
	/* the innermost open element of that name (html and body never match) */
	for (i = b->depth; i > 2; i--)
		if (strcmp((const char *)b->stack[i - 1]->name, name) == 0)
			break;
	if (i == 2)
		return 1; /* not open: libxml2 ignores it */
	/* a misplaced end tag only closes elements of lower or equal priority */
	for (size_t j = i; j < b->depth; j++)
		if (b->info[j]->prio > ti->prio)
			return 1;
	rc = flush_text(b);
	if (rc < 0)
		return rc;
	b->depth = i - 1;
	return 1;
}

static int comment(builder *b)
{
	const char *s = b->p + 4, *e, *p;
	xmlNode *n;
	int rc;

	e = s;
	for (;;) {
		e = memchr(e, '-', (size_t)(b->end - e));
		if (!e || b->end - e < 3)
			return decline(b, "unterminated comment");
		if (e[1] == '-' && e[2] == '>')
			break;
		if (e[1] == '-' && e[2] == '!')
			return decline(b, "comment ending --!");
		e++;
	}
	if (e == s || (s < b->end && *s == '>'))
		return decline(b, "empty comment");
	for (p = s; p < e; p++)
		if (bad_char(p, b->end))
			return decline(b, "control character in comment");
	rc = flush_text(b);
	if (rc < 0)
		return rc;
	n = new_node(b, XML_COMMENT_NODE, (const xmlChar *)"comment");
	if (!n)
		return -1;
	n->content = arena_str(b->t, s, (size_t)(e - s));
	if (!n->content)
		return oom(b);
	append(cur(b), n);
	b->p = e + 3;
	return 1;
}

static int markup(builder *b, awol_buf *v)
{
	const char *p = b->p;
	ptrdiff_t left = b->end - p;

	if (left > 1 && name_start((unsigned char)p[1]))
		return start_tag(b, v);
	if (left > 2 && p[1] == '/' && name_start((unsigned char)p[2]))
		return end_tag(b);
	if (left > 3 && p[1] == '!' && p[2] == '-' && p[3] == '-')
		return comment(b);
	return decline(b, "markup not modelled");
}

/* The implied <body>, in place of the implied <head> if open. */
static int open_body(builder *b)
{
	xmlNode *body = new_node(b, XML_ELEMENT_NODE, (const xmlChar *)BODY_TAG.name);

	if (!body)
		return -1;
	body->extra = BODY_TAG.flags;
	append(b->stack[0], body);
	b->stack[1] = body;
	b->info[1] = &BODY_TAG;
	b->depth = 2;
	return 1;
}

/*
 * The implied <html><body> libxml2 puts around a fragment that starts with
 * a body tag, or <html><head> when it starts with a script or style.
 */
static int open_document(builder *b)
{
	char name[TOK_MAX_NAME + 1];
	const char *save;
	const tag_info *ti;
	xmlNode *html, *head;

	skip_blanks(b);
	if (b->p >= b->end || *b->p != '<' || b->end - b->p < 2 ||
	    !name_start((unsigned char)b->p[1]))
		return decline(b, "does not start with a start tag");
	save = b->p++;
	if (read_name(b, name) == 0)
		return decline(b, "tag name");
	b->p = save;
	ti = lookup(name);
	if (!ti)
		return decline(b, "first tag not modelled");
	html = new_node(b, XML_ELEMENT_NODE, (const xmlChar *)HTML_TAG.name);
	if (!html)
		return -1;
	html->extra = HTML_TAG.flags;
	b->t->root = html;
	b->stack[0] = html;
	b->info[0] = &HTML_TAG;
	b->depth = 1;
	if (!(ti->flags & F_RAW))
		return open_body(b);
	head = new_node(b, XML_ELEMENT_NODE, (const xmlChar *)HEAD_TAG.name);
	if (!head)
		return -1;
	head->extra = HEAD_TAG.flags;
	append(html, head);
	b->stack[1] = head;
	b->info[1] = &HEAD_TAG;
	b->depth = 2;
	return 1;
}

/* After </body>: blanks and </html> are all libxml2 would leave the tree as it is for. */
static int after_body(builder *b)
{
	skip_blanks(b);
	if (b->end - b->p >= 7 && strncasecmp(b->p, "</html", 6) == 0) {
		b->p += 6;
		skip_blanks(b);
		if (b->p < b->end && *b->p == '>')
			b->p++;
		else
			return decline(b, "</html> without '>'");
		skip_blanks(b);
	}
	if (b->p < b->end)
		return decline(b, "content after </body>");
	return 1;
}

void awol_tok_init(awol_tok_tree *t)
{
	memset(t, 0, sizeof(*t));
	awol_buf_init(&t->text, AWOL_BUF_DEFAULT_MAX);
}

void awol_tok_dispose(awol_tok_tree *t)
{
	tok_block *b, *nx;

	for (b = t->blocks; b; b = nx) {
		nx = b->next;
		free(b);
	}
	t->blocks = NULL;
	t->root = NULL;
	t->why = NULL;
	awol_buf_dispose(&t->text);
}

int awol_tok_build(awol_tok_tree *t, const char *html, size_t len, awol_error *err)
{
	builder *b = NULL;
	awol_buf v = AWOL_BUF_INIT;
	int rc;

	awol_tok_dispose(t);
	awol_tok_init(t);
	b = calloc(1, sizeof(*b));
	if (!b) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	b->t = t;
	b->p = html;
	b->end = html + len;
	/* on a byte that is not UTF-8 libxml2 reads the rest as Latin-1 */
	rc = !awol_utf8_valid(html, len) ? decline(b, "not UTF-8") : open_document(b);
	while (rc > 0 && b->p < b->end && !b->ended)
		rc = *b->p == '<' ? markup(b, &v) : *b->p == '&' ? text_reference(b) : text_run(b);
	if (rc > 0 && b->ended)
		rc = after_body(b);
	if (rc > 0)
		rc = flush_text(b);
	if (b->oom)
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (rc <= 0)
		t->root = NULL;
done:
	free(b);
	awol_buf_dispose(&v);
	return rc;
}

static bool same_str(const xmlChar *a, const xmlChar *b)
{
	return (!a && !b) || (a && b && strcmp((const char *)a, (const char *)b) == 0);
}

static bool differ(char *where, size_t wsize, const xmlNode *a, const char *what)
{
	if (where && wsize)
		snprintf(where, wsize, "%s at <%s> (type %d)", what,
		         a && a->name ? (const char *)a->name : "?", a ? (int)a->type : -1);
	return false;
}

bool awol_tok_same(const xmlNode *a, const xmlNode *b, char *where, size_t wsize)
{
	while (a || b) {
		const xmlAttr *x, *y;

		if (!a || !b)
			return differ(where, wsize, a ? a : b, "one tree has more nodes");
		if (a->type != b->type)
			return differ(where, wsize, a, "node types differ");
		if (a->type == XML_ELEMENT_NODE) {
			if (!same_str(a->name, b->name))
				return differ(where, wsize, a, "element names differ");
			for (x = a->properties, y = b->properties; x || y;
			     x = x->next, y = y->next) {
				if (!x || !y || !same_str(x->name, y->name))
					return differ(where, wsize, a, "attributes differ");
				if (!x->children != !y->children ||
				    (x->children &&
				     !same_str(x->children->content, y->children->content)))
					return differ(where, wsize, a, "attribute values differ");
			}
			if (!awol_tok_same(a->children, b->children, where, wsize))
				return false;
		} else if (!same_str(a->content, b->content))
			return differ(where, wsize, a->parent, "text differs");
		a = a->next;
		b = b->next;
	}
	return true;
}
