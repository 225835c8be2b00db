/* Russian personal names in free text (util/names.h). */
#include "util/common.h"
#include "util/names.h"

#define MAXCP 60

/* One code point from UTF-8 at s (n bytes left); *len its bytes; -1 if not a letter form. */
static long cp_at(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 2 && (u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((long)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) { /* NBSP */
		*len = 2;
		return 0xA0;
	}
	*len = n ? 1 : 0;
	return n ? u[0] : -1;
}

static bool cyr_upper(long c)
{
	return (c >= 0x410 && c <= 0x42F) || c == 0x401;
}

static bool cyr_letter(long c)
{
	return cyr_upper(c) || (c >= 0x430 && c <= 0x44F) || c == 0x451;
}

static long to_upper(long c)
{
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c == 0x451 || c == 0x401)
		return 0x415; /* Ё, ё -> Е: written either way */
	return c;
}

static size_t put_cp(char *o, long c)
{
	o[0] = (char)(0xC0 | (c >> 6));
	o[1] = (char)(0x80 | (c & 0x3F));
	return 2;
}

/* code points -> UTF-8 stem */
static void encode(const long *cp, size_t n, char out[AWOL_NAME_STEM_MAX])
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 2 < AWOL_NAME_STEM_MAX; i++)
		o += put_cp(out + o, cp[i]);
	out[o] = '\0';
}

/* The declension endings of Russian surnames, first names and patronymics (upper case). */
static const char *const ENDINGS[] = {
    "ОГО", "ЕГО", "ОМУ", "ЕМУ", "ЫМИ", "ИМИ", "АМИ", "ЯМИ", "ОЙ", "ЕЙ", "ЫМ", "ИМ", "ОМ", "ЕМ",
    "УЮ",  "ЮЮ",  "АЯ",  "ЯЯ",  "ИЙ",  "ЫЙ",  "ОЕ",  "ЕЕ",  "ЫЕ", "ИЕ", "АМ", "ЯМ", "АХ", "ЯХ",
    "ЫХ",  "ИХ",  "А",   "Я",   "У",   "Ю",   "Е",   "Ы",   "И",  "О",  "Й",  "Ь",
};

size_t awol_name_stems(const char *word, size_t len, char stems[][AWOL_NAME_STEM_MAX], size_t max)
{
	long cp[MAXCP];
	size_t n = 0, i = 0, k, got = 0, e;

	while (i < len) {
		size_t l;
		long c = cp_at(word + i, len - i, &l);
		if (!cyr_letter(c) || n == MAXCP)
			return 0;
		cp[n++] = to_upper(c);
		i += l;
	}
	if (n < 3 || max == 0)
		return 0;
	encode(cp, n, stems[got++]);
	for (e = 0; e < AWOL_ARRAY_SIZE(ENDINGS) && got < max; e++) {
		long ec[4];
		size_t en = 0, j = 0, l;
		bool dup = false;
		while (ENDINGS[e][j]) {
			ec[en++] = cp_at(ENDINGS[e] + j, strlen(ENDINGS[e] + j), &l);
			j += l;
		}
		if (n < en + 3)
			continue;
		for (k = 0; k < en; k++)
			if (cp[n - en + k] != ec[k])
				break;
		if (k < en)
			continue;
		encode(cp, n - en, stems[got]);
		for (k = 0; k < got; k++)
			if (strcmp(stems[k], stems[got]) == 0)
				dup = true;
		if (!dup)
			got++;
	}
	return got;
}

/* "И." or "И.И." or "И.И": letters each followed by a dot (the last dot may lack) */
static bool initials(const char *w, size_t n)
{
	size_t i = 0, l, letters = 0;

	while (i < n) {
		long c = cp_at(w + i, n - i, &l);
		if (!cyr_upper(c))
			return false;
		i += l;
		letters++;
		if (i < n && w[i] != '.')
			return false;
		if (i < n)
			i++;
	}
	return letters > 0 && letters <= 3 && w[n - 1] == '.';
}

/* a capitalised word of Cyrillic letters */
static bool name_word(const char *w, size_t n)
{
	size_t i = 0, l;
	long c = cp_at(w, n, &l);

	if (!cyr_upper(c))
		return false;
	for (i = l; i < n; i += l)
		if (!cyr_letter(cp_at(w + i, n - i, &l)))
			return false;
	return true;
}

bool awol_name_split(const char *name, awol_name_parts *out)
{
	const char *p = name;
	bool have_initials = false;
	unsigned words = 0;

	memset(out, 0, sizeof(*out));
	if (!name)
		return false;
	while (*p) {
		size_t n = strcspn(p, " \t\r\n");
		if (n == 0) {
			p++;
			continue;
		}
		if (initials(p, n))
			have_initials = true;
		else {
			/* a hyphenated surname is two words of it */
			const char *q = p, *end = p + n;
			bool first_token = out->nparts == 0 || words == 0;
			while (q < end) {
				size_t k = 0;
				while (q + k < end && q[k] != '-')
					k++;
				if (!name_word(q, k) || out->nparts == 4 || k >= AWOL_NAME_STEM_MAX)
					return false;
				memcpy(out->part[out->nparts], q, k);
				out->part[out->nparts][k] = '\0';
				if (first_token)
					out->surname |= 1u << out->nparts;
				out->nparts++;
				q += k + (q + k < end);
			}
			words++;
		}
		p += n;
	}
	if (out->nparts == 0)
		return false;
	/* "И.И. Иванов", "Иванов И.И.": every word is the surname */
	if (have_initials)
		out->surname = (1u << out->nparts) - 1;
	return true;
}

typedef struct tok {
	size_t s, e;
	bool initial;
	int person;
	bool anchor;
} tok;

/* Between two words of one name: only spaces, NBSP, a hyphen or a line break. */
static bool joined(const char *t, size_t a, size_t b)
{
	size_t l;

	if (b - a > 6)
		return false;
	while (a < b) {
		long c = cp_at(t + a, b - a, &l);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-' && c != 0xA0)
			return false;
		a += l;
	}
	return true;
}

int awol_name_redact(const char *text, const awol_name_matcher *m, awol_buf *out, size_t *replaced,
                     awol_error *err)
{
	tok *v = NULL;
	size_t n = 0, cap = 0, i = 0, len = strlen(text), done = 0, count = 0, k;
	int rc = 0;

	/* the capitalised words and the initials, with their places */
	while (i < len) {
		size_t l, j;
		long c = cp_at(text + i, len - i, &l);
		tok t = {i, 0, false, -1, false};
		if (!cyr_letter(c)) {
			i += l;
			continue;
		}
		j = i;
		while (j < len && cyr_letter(cp_at(text + j, len - j, &l)))
			j += l;
		if (!cyr_upper(c)) {
			i = j;
			continue;
		}
		if (j - i == 2 && j < len && text[j] == '.') {
			t.initial = true;
			t.e = j + 1;
		} else {
			char st[AWOL_NAME_STEMS][AWOL_NAME_STEM_MAX];
			size_t ns = awol_name_stems(text + i, j - i, st, AWOL_NAME_STEMS);
			t.e = j;
			for (k = 0; k < ns && t.person < 0; k++)
				t.person = m->lookup(m->ctx, st[k], &t.anchor);
		}
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			tok *nv = realloc(v, nc * sizeof(*nv));
			if (!nv) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				goto done;
			}
			v = nv;
			cap = nc;
		}
		v[n++] = t;
		i = t.e;
	}
	for (i = 0; i < n; i++) {
		size_t a = i, b = i, words = 1;
		bool anchor = v[i].anchor;
		int p = v[i].person;
		if (v[i].initial || p < 0)
			continue;
		while (a > 0 && joined(text, v[a - 1].e, v[a].s) &&
		       (v[a - 1].initial || v[a - 1].person == p)) {
			a--;
			words++;
			anchor = anchor || v[a].anchor;
		}
		while (b + 1 < n && joined(text, v[b].e, v[b + 1].s) &&
		       (v[b + 1].initial || v[b + 1].person == p)) {
			b++;
			words++;
			anchor = anchor || v[b].anchor;
		}
		if (!anchor && words < 2)
			continue;
		if (awol_buf_put(out, text + done, v[a].s - done, err) < 0 ||
		    awol_buf_puts(out, m->label(m->ctx, p), err) < 0) {
			rc = -AWOL_ENOMEM;
			goto done;
		}
		done = v[b].e;
		count++;
		i = b;
	}
	rc = awol_buf_put(out, text + done, len - done, err);
done:
	free(v);
	if (replaced)
		*replaced = count;
	return rc;
}
