/*
 * Folding an act text and the small readers over it (numbers, terms, dates,
 * redactions, quotes).  See vtext.h.
 */
#include "util/common.h"
#include "util/date.h"
#include "vtext.h"

#include <ctype.h>

static void put(vtext *t, const char *s, size_t k, size_t at, bool up)
{
	size_t j;

	for (j = 0; j < k; j++) {
		t->f[t->n] = s[j];
		t->pos[t->n] = (uint32_t)at;
		t->upper[t->n] = up && j == 0;
		t->n++;
	}
}

int vt_init(vtext *t, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, ws_at = 0;
	int pend = 0; /* 1 space, 2 line break */

	memset(t, 0, sizeof(*t));
	if (len > UINT32_MAX - 1)
		len = UINT32_MAX - 1;
	t->orig = text;
	t->olen = len;
	t->f = malloc(len + 1);
	t->pos = malloc((len + 1) * sizeof(*t->pos));
	t->upper = malloc(len + 1);
	if (!t->f || !t->pos || !t->upper) {
		vt_dispose(t);
		return -1;
	}
	while (i < len) {
		unsigned c = s[i];
		size_t k = 1;
		char o[4];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n' ||
		    (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) ||
		    (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		     (s[i + 2] <= 0x8B || s[i + 2] == 0xAF || s[i + 2] == 0xA8 ||
		      s[i + 2] == 0xA9))) {
			bool nl =
			    c == '\n' || (c == 0xE2 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9));
			k = c < 0x80 ? 1 : c == 0xC2 ? 2 : 3;
			if (!pend)
				ws_at = i;
			if (nl)
				pend = 2;
			else if (!pend)
				pend = 1;
			i += k;
			continue;
		}
		if (pend) {
			if (t->n)
				put(t, pend == 2 ? "\n" : " ", 1, ws_at, false);
			pend = 0;
		}
		if (c < 0x80) {
			o[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			put(t, o, 1, i, c >= 'A' && c <= 'Z');
		} else if (c == 0xD0 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) {
			unsigned d = s[i + 1];
			k = 2;
			if (d == 0x81) /* Ё */
				put(t, "\xD0\xB5", 2, i, true);
			else if (d >= 0x90 && d <= 0x9F) {
				o[0] = (char)0xD0;
				o[1] = (char)(d + 0x20);
				put(t, o, 2, i, true);
			} else if (d >= 0xA0 && d <= 0xAF) {
				o[0] = (char)0xD1;
				o[1] = (char)(d - 0x20);
				put(t, o, 2, i, true);
			} else
				put(t, (const char *)s + i, 2, i, false);
		} else if (c == 0xD1 && i + 1 < len && s[i + 1] == 0x91) { /* ё */
			k = 2;
			put(t, "\xD0\xB5", 2, i, false);
		} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		           (s[i + 2] == 0x93 || s[i + 2] == 0x94)) { /* – — */
			k = 3;
			put(t, "-", 1, i, false);
		} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0xA6) {
			k = 3;
			put(t, "...", 3, i, false);
		} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		           (s[i + 2] == 0x9C || s[i + 2] == 0x9D || s[i + 2] == 0x9E)) {
			k = 3;
			put(t, "\"", 1, i, false);
		} else if (c == 0xC2 && i + 1 < len && (s[i + 1] == 0xAB || s[i + 1] == 0xBB)) {
			k = 2; /* « » */
			put(t, "\"", 1, i, false);
		} else
			put(t, (const char *)s + i, 1, i, false);
		i += k;
	}
	t->f[t->n] = '\0';
	t->pos[t->n] = (uint32_t)len;
	t->upper[t->n] = false;
	return 0;
}

void vt_dispose(vtext *t)
{
	if (!t)
		return;
	free(t->f);
	free(t->pos);
	free(t->upper);
	memset(t, 0, sizeof(*t));
}

size_t vt_find(const vtext *t, size_t from, size_t to, const char *pat)
{
	size_t l = strlen(pat);
	const char *p;

	if (to > t->n)
		to = t->n;
	if (from >= to || to - from < l)
		return VT_NPOS;
	p = memmem(t->f + from, to - from, pat, l);
	return p ? (size_t)(p - t->f) : VT_NPOS;
}

size_t vt_rfind(const vtext *t, size_t from, size_t to, const char *pat)
{
	size_t at = VT_NPOS, i = from, p;

	while ((p = vt_find(t, i, to, pat)) != VT_NPOS) {
		at = p;
		i = p + 1;
	}
	return at;
}

size_t vt_find_any(const vtext *t, size_t from, size_t to, const char *const *pats, int *which)
{
	size_t best = VT_NPOS, p;
	int i;

	for (i = 0; pats[i]; i++) {
		p = vt_find(t, from, best == VT_NPOS ? to : best + strlen(pats[i]), pats[i]);
		if (p != VT_NPOS && (best == VT_NPOS || p < best)) {
			best = p;
			if (which)
				*which = i;
		}
	}
	return best;
}

bool vt_letter_at(const vtext *t, size_t i)
{
	unsigned char c;

	if (i >= t->n)
		return false;
	c = (unsigned char)t->f[i];
	return (c < 0x80 && isalpha(c)) || c == 0xD0 || c == 0xD1;
}

bool vt_letter_before(const vtext *t, size_t i)
{
	unsigned char c;

	if (i == 0)
		return false;
	c = (unsigned char)t->f[i - 1];
	if (c < 0x80)
		return isalpha(c) != 0;
	return i >= 2 && ((unsigned char)t->f[i - 2] == 0xD0 || (unsigned char)t->f[i - 2] == 0xD1);
}

size_t vt_char_start(const vtext *t, size_t i)
{
	while (i > 0 && i < t->n && ((unsigned char)t->f[i] & 0xC0) == 0x80)
		i--;
	return i;
}

size_t vt_skip_spaces(const vtext *t, size_t i, size_t to)
{
	while (i < to && i < t->n && (t->f[i] == ' ' || t->f[i] == '\n'))
		i++;
	return i;
}

static bool at(const vtext *t, size_t i, size_t to, const char *pat)
{
	size_t l = strlen(pat);
	return i + l <= to && i + l <= t->n && memcmp(t->f + i, pat, l) == 0;
}

size_t vt_find_article(const vtext *t, size_t from, size_t to, const char *num)
{
	size_t l = strlen(num), p, i = from, b;

	while ((p = vt_find(t, i, to, num)) != VT_NPOS) {
		bool ok = true;
		i = p + 1;
		if (p > 0 && (isdigit((unsigned char)t->f[p - 1]) || t->f[p - 1] == '.'))
			ok = false;
		if (ok && p + l < t->n &&
		    (isdigit((unsigned char)t->f[p + l]) ||
		     (t->f[p + l] == '.' && p + l + 1 < t->n &&
		      isdigit((unsigned char)t->f[p + l + 1]))))
			ok = false;
		/* «ст.», «статьи 73», «ст.ст. 73, 74»: the article word shortly before */
		b = p > 24 ? p - 24 : 0;
		if (ok && !vt_has(t, b, p, "ст.") && !vt_has(t, b, p, "стать") &&
		    !vt_has(t, b, p, "ст "))
			ok = false;
		/* «ч. 73» would be a part, not an article */
		if (ok && p >= 3 && (at(t, p - 3, p, "ч. ") || at(t, p - 2, p, "ч.")))
			ok = false;
		if (ok)
			return p;
	}
	return VT_NPOS;
}

bool vt_redaction_at(const vtext *t, size_t i, size_t to, size_t *end)
{
	static const char *const marks[] = {"<данные изъяты>",
	                                    "[данные изъяты]",
	                                    "(данные изъяты)",
	                                    "данные изъяты",
	                                    "<...>",
	                                    "...",
	                                    "*",
	                                    "<",
	                                    NULL};
	int k;

	i = vt_skip_spaces(t, i, to);
	for (k = 0; marks[k]; k++)
		if (at(t, i, to, marks[k])) {
			size_t e = i + strlen(marks[k]);
			if (marks[k][0] == '<' && marks[k][1] == '\0') {
				/* any «<...>» placeholder: «<срок>», «<изъято>» */
				size_t g = vt_find(t, i, i + 64 < to ? i + 64 : to, ">");
				if (g == VT_NPOS)
					continue;
				e = g + 1;
			}
			while (e < to && (t->f[e] == '.' || t->f[e] == '*'))
				e++;
			if (end)
				*end = e;
			return true;
		}
	return false;
}

typedef struct numword {
	const char *w; /* a prefix of the word */
	int v;
	bool exact; /* the whole word, not a prefix */
} numword;

/* Longer and more specific stems first: «одиннадцать» before «один». */
static const numword NUMW[] = {
    {"одиннадцат", 11, false},  {"двенадцат", 12, false},   {"тринадцат", 13, false},
    {"четырнадцат", 14, false}, {"пятнадцат", 15, false},   {"шестнадцат", 16, false},
    {"семнадцат", 17, false},   {"восемнадцат", 18, false}, {"девятнадцат", 19, false},
    {"двадцат", 20, false},     {"тридцат", 30, false},     {"сорок", 40, false},
    {"пятьдесят", 50, false},   {"пятидесят", 50, false},   {"шестьдесят", 60, false},
    {"шестидесят", 60, false},  {"сто", 100, true},         {"ста", 100, true},
    {"десят", 10, false},       {"девят", 9, false},        {"восем", 8, false},
    {"восьм", 8, false},        {"семь", 7, true},          {"семи", 7, true},
    {"шесть", 6, true},         {"шести", 6, true},         {"пять", 5, true},
    {"пяти", 5, true},          {"четыре", 4, true},        {"четырех", 4, true},
    {"четырем", 4, true},       {"три", 3, true},           {"трех", 3, true},
    {"трем", 3, true},          {"два", 2, true},           {"две", 2, true},
    {"двух", 2, true},          {"двум", 2, true},          {"один", 1, true},
    {"одного", 1, true},        {"одну", 1, true},          {"одна", 1, true},
    {"одному", 1, true},        {"одним", 1, true},         {"одной", 1, true},
};

/* The word at i (letters), as [i, *end). */
static size_t word_end(const vtext *t, size_t i, size_t to)
{
	while (i < to && vt_letter_at(t, i))
		i += (unsigned char)t->f[i] < 0x80 ? 1 : 2;
	return i;
}

static int word_value(const vtext *t, size_t i, size_t e)
{
	size_t k, l = e - i;

	for (k = 0; k < AWOL_ARRAY_SIZE(NUMW); k++) {
		size_t wl = strlen(NUMW[k].w);
		if (NUMW[k].exact ? (wl == l && memcmp(t->f + i, NUMW[k].w, wl) == 0)
		                  : (wl <= l && memcmp(t->f + i, NUMW[k].w, wl) == 0))
			return NUMW[k].v;
	}
	return -1;
}

/* Numbers in words: «двадцать два», «пять». -1 when none. */
static long long words_number(const vtext *t, size_t i, size_t to, size_t *end)
{
	long long v = -1;
	size_t e;
	int w, last = 1000;

	for (;;) {
		size_t j = vt_skip_spaces(t, i, to);
		e = word_end(t, j, to);
		if (e == j)
			break;
		w = word_value(t, j, e);
		/* «двадцать два»: units after tens, never «два двадцать» */
		if (w < 0 || w >= last || (v >= 0 && w >= 10 && last < 100))
			break;
		v = v < 0 ? w : v + w;
		last = w;
		i = e;
		if (w < 10)
			break;
	}
	if (v >= 0)
		*end = i;
	return v;
}

long long vt_number(const vtext *t, size_t i, size_t to, size_t *end)
{
	long long v = 0;
	size_t j = vt_skip_spaces(t, i, to), d = 0;

	if (j < to && isdigit((unsigned char)t->f[j])) {
		while (j < to && isdigit((unsigned char)t->f[j]) && d < 15) {
			v = v * 10 + (t->f[j] - '0');
			j++;
			d++;
		}
		/* thousands: «100 000», «1 500 000» (exactly three digits after a blank) */
		while (j + 3 < to && t->f[j] == ' ' && isdigit((unsigned char)t->f[j + 1]) &&
		       isdigit((unsigned char)t->f[j + 2]) && isdigit((unsigned char)t->f[j + 3]) &&
		       !isdigit((unsigned char)t->f[j + 4]) && v < 1000000000LL) {
			v = v * 1000 + (t->f[j + 1] - '0') * 100 + (t->f[j + 2] - '0') * 10 +
			    (t->f[j + 3] - '0');
			j += 4;
		}
		/* «5 (пять)»: the words in brackets repeat the digits */
		{
			size_t k = vt_skip_spaces(t, j, to);
			if (k < to && t->f[k] == '(') {
				size_t c = vt_find(t, k, k + 120 < to ? k + 120 : to, ")");
				if (c != VT_NPOS)
					j = c + 1;
			}
		}
		*end = j;
		return v;
	}
	return words_number(t, j, to, end);
}

/* Unit word at i: 12 (years), 1 (months), 0 none.  «полтора года» handled by the caller. */
static int unit_at(const vtext *t, size_t i, size_t to, size_t *end)
{
	static const struct {
		const char *w;
		int m;
	} U[] = {{"года", 12},  {"год", 12},  {"лет", 12}, {"месяцев", 1},
	         {"месяца", 1}, {"месяц", 1}, {"мес.", 1}};
	size_t j = vt_skip_spaces(t, i, to), k;

	for (k = 0; k < AWOL_ARRAY_SIZE(U); k++)
		if (at(t, j, to, U[k].w) && !vt_letter_at(t, j + strlen(U[k].w))) {
			*end = j + strlen(U[k].w);
			return U[k].m;
		}
	return 0;
}

int vt_term(const vtext *t, size_t i, size_t to, size_t *end)
{
	int months = 0, parts = 0;
	size_t j = vt_skip_spaces(t, i, to), e;

	for (;;) {
		long long n;
		int u;
		size_t k = vt_skip_spaces(t, j, to);
		if (parts && at(t, k, to, "и "))
			k = vt_skip_spaces(t, k + 2, to);
		if (vt_redaction_at(t, k, to, &e)) {
			/* «на срок <данные изъяты> лет», «на срок ... года», «на срок <данные
			 * изъяты>» */
			*end = e;
			unit_at(t, e, to, end);
			return -2;
		}
		if (at(t, k, to, "полтора")) {
			size_t ue;
			if (unit_at(t, k + strlen("полтора"), to, &ue) == 12) {
				months += 18;
				parts++;
				j = ue;
				continue;
			}
			break;
		}
		n = vt_number(t, k, to, &e);
		if (n < 0 || n > 1200)
			break;
		u = unit_at(t, e, to, &e);
		if (!u)
			break;
		/* months after years only; a second year count is something else */
		if (parts && u == 12)
			break;
		months += (int)n * u;
		parts++;
		j = e;
		if (u == 1)
			break;
	}
	if (!parts)
		return -1;
	*end = j;
	return months;
}

static const char *const MONTHS[] = {"январ", "феврал", "март",    "апрел",  "ма",    "июн",
                                     "июл",   "август", "сентябр", "октябр", "ноябр", "декабр"};

int vt_date(const vtext *t, size_t i, size_t to, char iso[11], size_t *end)
{
	size_t j = vt_skip_spaces(t, i, to), e;
	int d = 0, m = 0, y = 0, k;

	iso[0] = '\0';
	if (at(t, j, to, "дд.мм.гггг") || at(t, j, to, "<дата>") ||
	    at(t, j, to, "<данные изъяты>") || at(t, j, to, "хх.хх.хххх")) {
		e = j + (t->f[j] == '<' ? vt_find(t, j, to, ">") + 1 - j : strlen("дд.мм.гггг"));
		if (at(t, e, to, " г."))
			e += strlen(" г.");
		*end = e;
		return 2;
	}
	if (j + 10 <= to && isdigit((unsigned char)t->f[j]) &&
	    isdigit((unsigned char)t->f[j + 1]) && t->f[j + 2] == '.' &&
	    isdigit((unsigned char)t->f[j + 3]) && isdigit((unsigned char)t->f[j + 4]) &&
	    t->f[j + 5] == '.') {
		d = (t->f[j] - '0') * 10 + t->f[j + 1] - '0';
		m = (t->f[j + 3] - '0') * 10 + t->f[j + 4] - '0';
		for (k = 0, e = j + 6; k < 4 && e < to && isdigit((unsigned char)t->f[e]); k++, e++)
			y = y * 10 + t->f[e] - '0';
		if (k != 4 || (e < to && isdigit((unsigned char)t->f[e])))
			return 0;
	} else if (j < to && isdigit((unsigned char)t->f[j])) {
		size_t w, we;
		e = j;
		while (e < to && isdigit((unsigned char)t->f[e]) && e - j < 2)
			d = d * 10 + t->f[e++] - '0';
		if (e < to && isdigit((unsigned char)t->f[e]))
			return 0;
		w = vt_skip_spaces(t, e, to);
		we = word_end(t, w, to);
		if (we == w)
			return 0;
		for (k = 0; k < 12; k++)
			if (at(t, w, we, MONTHS[k]) &&
			    (k != 4 ||
			     (we - w == 6 && (at(t, w, we, "мая") || at(t, w, we, "май")))))
				break;
		if (k == 12)
			return 0;
		m = k + 1;
		e = vt_skip_spaces(t, we, to);
		for (k = 0; k < 4 && e < to && isdigit((unsigned char)t->f[e]); k++, e++)
			y = y * 10 + t->f[e] - '0';
		if (k != 4)
			return 0;
	} else
		return 0;
	if (!awol_date_valid(y, m, d))
		return 0;
	if (at(t, e, to, " г."))
		e += strlen(" г.");
	else if (at(t, e, to, " года"))
		e += strlen(" года");
	else if (at(t, e, to, " г "))
		e += strlen(" г");
	snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	*end = e;
	return 1;
}

char *vt_quote(const vtext *t, size_t a, size_t b, size_t max)
{
	size_t oa, ob, i, w = 0;
	char *q;
	bool sp = false;

	if (b > t->n)
		b = t->n;
	if (a >= b)
		return NULL;
	a = vt_char_start(t, a);
	oa = t->pos[a];
	ob = b < t->n ? t->pos[b] : t->olen;
	if (b < t->n && ((unsigned char)t->f[b] & 0xC0) == 0x80)
		ob = t->pos[vt_char_start(t, b)];
	q = malloc(max + 4);
	if (!q)
		return NULL;
	for (i = oa; i < ob; i++) {
		unsigned char c = (unsigned char)t->orig[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			sp = w > 0;
			continue;
		}
		if (sp) {
			if (w + 1 > max)
				break;
			q[w++] = ' ';
			sp = false;
		}
		if (w + 1 > max)
			break;
		q[w++] = (char)c;
	}
	if (i < ob) {
		/* cut at a character, then say so */
		while (w > 0 && ((unsigned char)q[w - 1] & 0xC0) == 0x80)
			w--;
		if (w > 0 && (unsigned char)q[w - 1] >= 0xC0)
			w--;
		memcpy(q + w, "\xE2\x80\xA6", 3);
		w += 3;
	}
	q[w] = '\0';
	return q;
}
