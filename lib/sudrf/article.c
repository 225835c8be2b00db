/*
 * The charge-list parser (include/awol/article.h).
 *
 * The text is decoded into code points, folded (lower case, Latin
 * look-alikes to Cyrillic, every kind of space to ' ') and cut into tokens:
 * numbers ("173.1"), words ("ст", "ч", "ук"), and punctuation.  A small
 * state machine then reads both orders of writing:
 *
 *   forward (cards, listings):  ст.337 ч.5 п.б УК РФ
 *   reverse (act texts):        п. «б» ч. 5 ст. 337 УК РФ
 *
 * A part or point seen before any article waits ("pending") for the next
 * article; one seen after an article belongs to it.  ';', ',', '-' and line
 * breaks end an item.  A code name («УК РФ») after items applies to the
 * items before it that have none; at the start it applies to what follows.
 * Whatever is not understood is kept as an item with article == NULL.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/article.h"

#include <ctype.h>

enum tok_type { T_NUM, T_WORD, T_PUNCT };

typedef struct tok {
	enum tok_type type;
	size_t start, end; /* byte offsets in the input */
	char val[24];      /* folded UTF-8 (words, numbers), or the punct char */
	uint32_t cp;       /* punctuation code point */
} tok;

typedef struct item {
	char *article, *part, *point;
	const char *law;
	size_t start, end; /* span in the input, for `text` */
	bool open;
} item;

typedef struct parser {
	const char *in;
	awol_charge **out;
	size_t *nout;
	size_t first_new; /* index of the first charge appended by this call */
	size_t law_from;  /* charges from here on have not seen a trailing law yet */
	const char *leading_law;
	item cur;
	/* a part/point written before its article (reverse order) */
	char *pend_part, *pend_point;
	size_t pend_start;
	bool have_pend;
	bool multi; /* "ст.ст. 337, 338": a bare number after ',' is another article */
	bool any_anchor;
	size_t seg_start; /* start of the current segment (after the last separator) */
	bool seg_has_content;
	size_t seg_end;
} parser;

/* ---- decoding and folding ---- */

static uint32_t decode(const unsigned char *s, size_t len, size_t *adv)
{
	uint32_t c = s[0];

	*adv = 1;
	if (c < 0x80)
		return c;
	if ((c & 0xE0) == 0xC0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		uint32_t r = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		if (r < 0x80)
			return 0xFFFD; /* overlong: would smuggle ASCII past the byte scanner */
		*adv = 2;
		return r;
	}
	if ((c & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		uint32_t r = ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (r < 0x800)
			return 0xFFFD;
		*adv = 3;
		return r;
	}
	if ((c & 0xF8) == 0xF0 && len >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		uint32_t r = ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		             ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (r < 0x10000)
			return 0xFFFD;
		*adv = 4;
		return r;
	}
	return 0xFFFD;
}

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
	       c == 0x202F || c == 0x2007 || c == 0x2009 || c == 0x200A || c == 0x200B ||
	       c == 0xFEFF || (c >= 0x2000 && c <= 0x2006);
}

/* Lower case; Latin look-alikes to Cyrillic; ё to е. Returns 0 for non-letters. */
static uint32_t fold_letter(uint32_t c)
{
	static const char lat[] = "aceopxykmhbt";
	static const uint32_t cyr[] = {0x430, 0x441, 0x435, 0x43E, 0x440, 0x445,
	                               0x443, 0x43A, 0x43C, 0x43D, 0x432, 0x442};
	const char *p;

	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x430 && c <= 0x44F)
		return c;
	if (c == 0x401 || c == 0x451)
		return 0x435;
	if (c < 0x80 && isalpha((int)c)) {
		c = (uint32_t)tolower((int)c);
		p = strchr(lat, (int)c);
		return p ? cyr[p - lat] : c;
	}
	return 0;
}

static size_t put_utf8(char *out, size_t cap, size_t n, uint32_t c)
{
	unsigned char b[4];
	size_t k = 0, i;

	if (c < 0x80)
		b[k++] = (unsigned char)c;
	else if (c < 0x800) {
		b[k++] = (unsigned char)(0xC0 | (c >> 6));
		b[k++] = (unsigned char)(0x80 | (c & 0x3F));
	} else {
		b[k++] = (unsigned char)(0xE0 | (c >> 12));
		b[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[k++] = (unsigned char)(0x80 | (c & 0x3F));
	}
	if (n + k + 1 > cap)
		return n; /* token too long: truncated, it will not match a keyword */
	for (i = 0; i < k; i++)
		out[n + i] = (char)b[i];
	out[n + k] = '\0';
	return n + k;
}

/* Next token at *pos; false at the end. */
static bool next_tok(const char *in, size_t len, size_t *pos, tok *t)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t p = *pos, adv;
	uint32_t c;

	for (;;) {
		if (p >= len)
			return false;
		c = decode(s + p, len - p, &adv);
		if (!is_space_cp(c))
			break;
		p += adv;
	}
	memset(t, 0, sizeof(*t));
	t->start = p;
	if (c >= '0' && c <= '9') {
		size_t n = 0;
		t->type = T_NUM;
		while (p < len) {
			if (isdigit(s[p])) {
				if (n + 1 < sizeof(t->val))
					t->val[n++] = (char)s[p];
				p++;
			} else if (s[p] == '.' && p + 1 < len && isdigit(s[p + 1])) {
				if (n + 1 < sizeof(t->val))
					t->val[n++] = '.';
				p++;
			} else
				break;
		}
		t->val[n] = '\0';
	} else if (fold_letter(c)) {
		size_t n = 0;
		t->type = T_WORD;
		while (p < len) {
			uint32_t f;
			c = decode(s + p, len - p, &adv);
			f = fold_letter(c);
			if (!f)
				break;
			n = put_utf8(t->val, sizeof(t->val), n, f);
			p += adv;
		}
	} else {
		t->type = T_PUNCT;
		t->cp = c;
		p += adv;
	}
	t->end = p;
	*pos = p;
	return true;
}

/* ---- keyword classes (folded forms) ---- */

static bool word_in(const char *w, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(w, *set) == 0)
			return true;
	return false;
}

static const char *const W_ART[] = {"ст",      "статья", "статьи", "статье",
                                    "статьей", "статью", "стст",   NULL};
static const char *const W_ART_MULTI[] = {"статьями", "статьям", "статей", NULL};
static const char *const W_PART[] = {"ч", "часть", "части", "частью", "чч", NULL};
static const char *const W_POINT[] = {"п",       "пп",     "пункт",   "пункта", "пункту",
                                      "пунктом", "пункты", "пунктов", NULL};

static const char *law_name(const char *w)
{
	if (strcmp(w, "ук") == 0)
		return "УК РФ";
	if (strcmp(w, "коап") == 0)
		return "КоАП РФ";
	if (strcmp(w, "упк") == 0)
		return "УПК РФ";
	if (strcmp(w, "гк") == 0)
		return "ГК РФ";
	if (strcmp(w, "гпк") == 0)
		return "ГПК РФ";
	if (strcmp(w, "кас") == 0)
		return "КАС РФ";
	return NULL;
}

static bool is_sep(const tok *t)
{
	return t->type == T_PUNCT && (t->cp == ';' || t->cp == ',' || t->cp == '\n' ||
	                              t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014);
}

static bool is_quote(uint32_t c)
{
	return c == '"' || c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D || c == 0x201E ||
	       c == '\'';
}

/* ---- building results ---- */

static char *dup_range(const char *s, size_t a, size_t b)
{
	char *r;

	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && (isspace((unsigned char)s[b - 1]) || s[b - 1] == ',' || s[b - 1] == ';'))
		b--;
	r = malloc(b - a + 1);
	if (!r)
		return NULL;
	memcpy(r, s + a, b - a);
	r[b - a] = '\0';
	return r;
}

static int append_charge(parser *ps, char *article, char *part, char *point, const char *law,
                         size_t start, size_t end, awol_error *err)
{
	awol_charge *nc, *c;
	char *text = dup_range(ps->in, start, end);

	nc = text ? realloc(*ps->out, (*ps->nout + 1) * sizeof(**ps->out)) : NULL;
	if (!nc) {
		free(text);
		free(article);
		free(part);
		free(point);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory parsing charges");
	}
	*ps->out = nc;
	c = &nc[(*ps->nout)++];
	c->article = article;
	c->part = part;
	c->point = point;
	c->text = text;
	c->law = NULL;
	if (law || ps->leading_law) {
		c->law = strdup(law ? law : ps->leading_law);
		if (!c->law)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory parsing charges");
	}
	return 0;
}

static int close_item(parser *ps, awol_error *err)
{
	int rc;

	if (!ps->cur.open)
		return 0;
	ps->cur.open = false;
	rc = append_charge(ps, ps->cur.article, ps->cur.part, ps->cur.point, ps->cur.law,
	                   ps->cur.start, ps->cur.end, err);
	memset(&ps->cur, 0, sizeof(ps->cur));
	return rc;
}

static void set_str(char **dst, const char *v)
{
	if (*dst)
		return; /* the first value written wins */
	*dst = strdup(v);
}

static void drop_pending(parser *ps)
{
	AWOL_FREE(ps->pend_part);
	AWOL_FREE(ps->pend_point);
	ps->have_pend = false;
}

/*
 * End of a segment (a separator or the end of the text).  A part/point left
 * waiting with no article after it continues the previous article
 * ("ст.337 ч.5, ч.3.1"); a segment of words with no anchor at all is kept as
 * an unknown item unless it is the name before " - ".
 */
static int end_segment(parser *ps, const tok *sep, awol_error *err)
{
	int rc = close_item(ps, err);

	if (rc < 0)
		return rc;
	if (ps->have_pend) {
		awol_charge *prev = *ps->nout > ps->first_new ? &(*ps->out)[*ps->nout - 1] : NULL;
		char *art = prev && prev->article ? strdup(prev->article) : NULL;
		const char *law = prev ? prev->law : NULL;

		rc = append_charge(ps, art, ps->pend_part, ps->pend_point, law, ps->pend_start,
		                   ps->seg_end, err);
		ps->pend_part = ps->pend_point = NULL;
		ps->have_pend = false;
		if (rc < 0)
			return rc;
	} else if (ps->seg_has_content) {
		bool name_before_dash = sep && sep->type == T_PUNCT &&
		                        (sep->cp == '-' || sep->cp == 0x2013 || sep->cp == 0x2014);
		if (!name_before_dash) {
			rc = append_charge(ps, NULL, NULL, NULL, NULL, ps->seg_start, ps->seg_end,
			                   err);
			if (rc < 0)
				return rc;
		}
	}
	ps->seg_has_content = false;
	return 0;
}

/* Read a point value after "п." at *pos: «б», "б", б, 1, or a list «а», «в». */
static bool read_point(const char *in, size_t len, size_t *pos, char *val, size_t cap, size_t *end)
{
	size_t p = *pos, save;
	tok t;
	size_t n = 0;
	bool got = false;

	for (;;) {
		bool quoted = false;
		save = p;
		if (!next_tok(in, len, &p, &t))
			break;
		if (t.type == T_PUNCT && is_quote(t.cp)) {
			quoted = true;
			if (!next_tok(in, len, &p, &t))
				break;
		}
		if (!((t.type == T_WORD && strlen(t.val) <= 2 && strlen(t.val) >= 1) ||
		      (t.type == T_NUM && strlen(t.val) <= 3))) {
			p = save;
			break;
		}
		if (t.type == T_WORD && law_name(t.val)) {
			p = save;
			break;
		}
		if (n && n + 1 < cap)
			val[n++] = ',';
		if (n + strlen(t.val) + 1 < cap) {
			memcpy(val + n, t.val, strlen(t.val));
			n += strlen(t.val);
		}
		val[n] = '\0';
		got = true;
		*end = t.end;
		if (quoted) {
			size_t q = p;
			tok t2;
			if (next_tok(in, len, &q, &t2) && t2.type == T_PUNCT && is_quote(t2.cp)) {
				p = q;
				*end = t2.end;
			}
		}
		/* a list of points: «а», «в» — only quoted letters continue a list */
		save = p;
		{
			size_t q = p;
			tok t2, t3;
			if (next_tok(in, len, &q, &t2) && t2.type == T_PUNCT && t2.cp == ',' &&
			    next_tok(in, len, &q, &t3) && t3.type == T_PUNCT && is_quote(t3.cp)) {
				p = save;
				/* consume the comma and continue with the quoted letter */
				next_tok(in, len, &p, &t2);
				continue;
			}
		}
		break;
	}
	*pos = p;
	return got;
}

/* After a keyword, skip an optional '.', return the next number token. */
static bool read_number(const char *in, size_t len, size_t *pos, tok *num)
{
	size_t p = *pos;
	tok t;

	if (!next_tok(in, len, &p, &t))
		return false;
	if (t.type == T_PUNCT && t.cp == '.') {
		if (!next_tok(in, len, &p, &t))
			return false;
	}
	if (t.type != T_NUM)
		return false;
	*num = t;
	*pos = p;
	return true;
}

static void apply_trailing_law(parser *ps, const char *law)
{
	size_t i;
	bool any = false;

	for (i = ps->law_from; i < *ps->nout; i++) {
		awol_charge *c = &(*ps->out)[i];
		if (!c->law || (ps->leading_law && strcmp(c->law, ps->leading_law) == 0 &&
		                strcmp(law, ps->leading_law) != 0)) {
			free(c->law);
			c->law = strdup(law);
			any = true;
		}
	}
	if (!any && ps->law_from == *ps->nout)
		ps->leading_law = law;
	ps->law_from = *ps->nout;
}

int awol_article_parse(const char *text, awol_charge **charges, size_t *n, awol_error *err)
{
	parser ps;
	size_t len, pos = 0;
	tok t;
	int rc = 0;

	if (!text || !charges || !n)
		return awol_error_set(err, AWOL_EINVAL, "awol_article_parse: NULL argument");
	memset(&ps, 0, sizeof(ps));
	ps.in = text;
	ps.out = charges;
	ps.nout = n;
	ps.first_new = *n;
	ps.law_from = *n;
	len = strlen(text);

	while (next_tok(text, len, &pos, &t)) {
		if (!ps.seg_has_content && !ps.cur.open && !ps.have_pend)
			ps.seg_start = t.start;
		if (t.type == T_WORD && (word_in(t.val, W_ART) || word_in(t.val, W_ART_MULTI))) {
			size_t p = pos;
			tok num, t2;
			bool multi = word_in(t.val, W_ART_MULTI) || strcmp(t.val, "стст") == 0;

			/* "ст.ст." */
			if (!multi) {
				size_t q = p;
				if (next_tok(text, len, &q, &t2) && t2.type == T_PUNCT &&
				    t2.cp == '.' && next_tok(text, len, &q, &t2) &&
				    t2.type == T_WORD && strcmp(t2.val, "ст") == 0) {
					multi = true;
					p = q;
				}
			}
			if (read_number(text, len, &p, &num)) {
				if (ps.cur.open && ps.cur.article) {
					rc = close_item(&ps, err);
					if (rc < 0)
						goto done;
				}
				if (!ps.cur.open) {
					memset(&ps.cur, 0, sizeof(ps.cur));
					ps.cur.open = true;
					ps.cur.start = ps.have_pend ? ps.pend_start : t.start;
				}
				ps.cur.article = strdup(num.val);
				if (ps.have_pend) {
					ps.cur.part = ps.pend_part;
					ps.cur.point = ps.pend_point;
					ps.pend_part = ps.pend_point = NULL;
					ps.have_pend = false;
				}
				ps.cur.end = num.end;
				ps.seg_end = num.end;
				ps.multi = multi;
				ps.any_anchor = true;
				ps.seg_has_content = false;
				pos = p;
				continue;
			}
		}
		if (t.type == T_WORD && word_in(t.val, W_PART)) {
			size_t p = pos;
			tok num;
			if (read_number(text, len, &p, &num)) {
				if (ps.cur.open && !ps.cur.part) {
					ps.cur.part = strdup(num.val);
					ps.cur.end = num.end;
				} else {
					if (ps.cur.open) {
						rc = close_item(&ps, err);
						if (rc < 0)
							goto done;
					}
					if (!ps.have_pend) {
						ps.have_pend = true;
						ps.pend_start = t.start;
					}
					set_str(&ps.pend_part, num.val);
				}
				ps.seg_end = num.end;
				ps.seg_has_content = false;
				pos = p;
				continue;
			}
		}
		if (t.type == T_WORD && word_in(t.val, W_POINT)) {
			size_t p = pos, end = 0, q;
			char val[24] = "";
			tok dot;

			q = p;
			if (next_tok(text, len, &q, &dot) && dot.type == T_PUNCT && dot.cp == '.')
				p = q;
			if (read_point(text, len, &p, val, sizeof(val), &end)) {
				if (ps.cur.open && !ps.cur.point) {
					ps.cur.point = strdup(val);
					ps.cur.end = end;
				} else {
					if (ps.cur.open) {
						rc = close_item(&ps, err);
						if (rc < 0)
							goto done;
					}
					if (!ps.have_pend) {
						ps.have_pend = true;
						ps.pend_start = t.start;
					}
					set_str(&ps.pend_point, val);
				}
				ps.seg_end = end;
				ps.seg_has_content = false;
				pos = p;
				continue;
			}
		}
		if (t.type == T_WORD && law_name(t.val)) {
			const char *law = law_name(t.val);
			size_t p = pos;
			tok t2;
			/* optional "РФ" */
			if (next_tok(text, len, &p, &t2) && t2.type == T_WORD &&
			    strcmp(t2.val, "рф") == 0)
				pos = p;
			if (ps.cur.open) {
				ps.cur.law = law;
				rc = close_item(&ps, err);
				if (rc < 0)
					goto done;
			}
			if (ps.have_pend) {
				rc = end_segment(&ps, NULL, err);
				if (rc < 0)
					goto done;
			}
			apply_trailing_law(&ps, law);
			ps.seg_has_content = false;
			continue;
		}
		if (t.type == T_NUM && !ps.cur.open && !ps.have_pend && !ps.seg_has_content) {
			/* the search form's own shape: "337 ч.5", "105 ч.2 п.а" */
			size_t q = pos;
			tok t2;
			bool more = next_tok(text, len, &q, &t2);
			/* also a bare "337" (the filter value), alone or before a code name */
			bool bare = !ps.any_anchor &&
			            (!more || (t2.type == T_WORD && law_name(t2.val)) ||
			             (t2.type == T_PUNCT && (t2.cp == ';' || t2.cp == ',')));
			if (bare || (more && t2.type == T_WORD && word_in(t2.val, W_PART))) {
				memset(&ps.cur, 0, sizeof(ps.cur));
				ps.cur.open = true;
				ps.cur.start = t.start;
				ps.cur.article = strdup(t.val);
				ps.cur.end = t.end;
				ps.seg_end = t.end;
				ps.any_anchor = true;
				continue;
			}
		}
		if (t.type == T_NUM && ps.multi && !ps.cur.open && !ps.have_pend) {
			/* "ст.ст. 337, 338": another article of the list */
			memset(&ps.cur, 0, sizeof(ps.cur));
			ps.cur.open = true;
			ps.cur.start = t.start;
			ps.cur.article = strdup(t.val);
			ps.cur.end = t.end;
			ps.seg_end = t.end;
			continue;
		}
		if (is_sep(&t)) {
			rc = end_segment(&ps, &t, err);
			if (rc < 0)
				goto done;
			if (t.cp != ',')
				ps.multi = false;
			continue;
		}
		/* anything else: part of the current item's text, or unknown content */
		if (t.type == T_PUNCT &&
		    (t.cp == '.' || t.cp == ':' || t.cp == '(' || t.cp == ')' || is_quote(t.cp)))
			continue;
		if (ps.cur.open)
			continue; /* e.g. "(в ред. ...)" after an article: ignored words */
		if (!ps.have_pend) {
			if (!ps.seg_has_content)
				ps.seg_start = t.start;
			ps.seg_has_content = true;
			ps.seg_end = t.end;
		}
	}
	rc = end_segment(&ps, NULL, err);
done:
	if (ps.cur.open) {
		free(ps.cur.article);
		free(ps.cur.part);
		free(ps.cur.point);
	}
	drop_pending(&ps);
	if (rc == 0 && ps.leading_law) {
		size_t i;
		for (i = ps.first_new; i < *n; i++)
			if (!(*charges)[i].law)
				(*charges)[i].law = strdup(ps.leading_law);
	}
	return rc;
}

void awol_charges_free(awol_charge *charges, size_t n)
{
	size_t i;

	if (!charges)
		return;
	for (i = 0; i < n; i++) {
		free(charges[i].law);
		free(charges[i].article);
		free(charges[i].part);
		free(charges[i].point);
		free(charges[i].text);
	}
	free(charges);
}

/* ---- several persons in one cell ---- */

/*
 * If `line` starts with a person's name followed by " - " (or "—", "–", ":"),
 * return the offset just after the separator and store the name's span.
 * A name has letters, no digits and no charge keyword.
 */
static bool split_name(const char *line, size_t len, size_t *name_end, size_t *rest)
{
	size_t pos = 0;
	tok t;
	bool letters = false;

	while (next_tok(line, len, &pos, &t)) {
		if (t.type == T_NUM)
			return false;
		if (t.type == T_WORD) {
			/* initials may look like «п.», «ч.»: only articles and codes end a name */
			if (word_in(t.val, W_ART) || law_name(t.val))
				return false;
			letters = true;
			continue;
		}
		if (t.cp == '-' || t.cp == 0x2013 || t.cp == 0x2014 || t.cp == ':') {
			if (!letters)
				return false;
			*name_end = t.start;
			*rest = t.end;
			return true;
		}
		if (t.cp == ';' || t.cp == ',' || t.cp == '\n')
			return false;
	}
	return false;
}

static int group_add(awol_article_group **groups, size_t *ngroups, char *name, awol_error *err)
{
	awol_article_group *ng = realloc(*groups, (*ngroups + 1) * sizeof(**groups));

	if (!ng) {
		free(name);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory parsing charges");
	}
	*groups = ng;
	memset(&ng[*ngroups], 0, sizeof(ng[0]));
	ng[*ngroups].name = name;
	(*ngroups)++;
	return 0;
}

int awol_article_parse_groups(const char *text, awol_article_group **groups, size_t *ngroups,
                              awol_error *err)
{
	const char *p, *eol;
	char *chunk = NULL;
	int rc = 0;

	if (!text || !groups || !ngroups)
		return awol_error_set(err, AWOL_EINVAL, "awol_article_parse_groups: NULL argument");
	for (p = text; *p; p = *eol ? eol + 1 : eol) {
		size_t len, name_end, rest;
		awol_article_group *g;

		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		len = (size_t)(eol - p);
		/* split "A - ст.1; B - ст.2" on ';' when the next piece starts with a name */
		while (len) {
			size_t cut = len, i;
			for (i = 0; i < len; i++) {
				size_t ne, rs;
				if (p[i] != ';')
					continue;
				if (split_name(p + i + 1, len - i - 1, &ne, &rs)) {
					cut = i;
					break;
				}
			}
			chunk = malloc(cut + 1);
			if (!chunk) {
				rc = awol_error_set(err, AWOL_ENOMEM,
				                    "out of memory parsing charges");
				goto done;
			}
			memcpy(chunk, p, cut);
			chunk[cut] = '\0';
			if (split_name(chunk, cut, &name_end, &rest)) {
				rc = group_add(groups, ngroups, dup_range(chunk, 0, name_end), err);
				if (rc < 0)
					goto done;
				g = &(*groups)[*ngroups - 1];
				rc = awol_article_parse(chunk + rest, &g->charges, &g->ncharges,
				                        err);
			} else {
				size_t k = 0;
				while (k < cut && isspace((unsigned char)chunk[k]))
					k++;
				if (k < cut) {
					if (*ngroups == 0) {
						rc = group_add(groups, ngroups, NULL, err);
						if (rc < 0)
							goto done;
					}
					g = &(*groups)[*ngroups - 1];
					rc = awol_article_parse(chunk, &g->charges, &g->ncharges,
					                        err);
				}
			}
			AWOL_FREE(chunk);
			if (rc < 0)
				goto done;
			if (cut >= len)
				break;
			p += cut + 1;
			len -= cut + 1;
		}
	}
done:
	free(chunk);
	return rc;
}

void awol_article_groups_free(awol_article_group *groups, size_t n)
{
	size_t i;

	if (!groups)
		return;
	for (i = 0; i < n; i++) {
		free(groups[i].name);
		awol_charges_free(groups[i].charges, groups[i].ncharges);
	}
	free(groups);
}
