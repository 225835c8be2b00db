#include "util/common.h"
#include "util/text.h"

#include <ctype.h>

static const uint16_t cp1251_hi[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039,
    0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408,
    0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB,
    0x0458, 0x0405, 0x0455, 0x0457, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B,
    0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

/* Length of the valid UTF-8 sequence at s (max n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogates */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

bool awol_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		/* ASCII runs (markup) eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/* Cyrillic: the common two-byte case inline */
		if ((p[i] == 0xD0 || p[i] == 0xD1) && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		k = utf8_seq(p + i, n - i);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

static int put_cp(awol_buf *out, uint32_t c, awol_error *err)
{
	char b[4];
	size_t k = 0;

	if (c < 0x80)
		b[k++] = (char)c;
	else if (c < 0x800) {
		b[k++] = (char)(0xC0 | (c >> 6));
		b[k++] = (char)(0x80 | (c & 0x3F));
	} else {
		b[k++] = (char)(0xE0 | (c >> 12));
		b[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[k++] = (char)(0x80 | (c & 0x3F));
	}
	return awol_buf_put(out, b, k, err);
}

int awol_cp1251_to_utf8(const char *in, size_t n, awol_buf *out, awol_error *err)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, run;
	int rc;

	/* reserve roughly: Cyrillic doubles in size */
	rc = awol_buf_grow(out, n + n / 2, err);
	if (rc < 0)
		rc = 0; /* not fatal: append below fails with the real limit if it must */
	while (i < n) {
		run = i;
		while (run < n && p[run] < 0x80)
			run++;
		if (run > i) {
			rc = awol_buf_put(out, in + i, run - i, err);
			if (rc < 0)
				return rc;
			i = run;
			continue;
		}
		rc = put_cp(out, cp1251_hi[p[i] - 0x80], err);
		if (rc < 0)
			return rc;
		i++;
	}
	return awol_buf_put(out, "", 0, err);
}

int awol_utf8_repair(const char *in, size_t n, awol_buf *out, awol_error *err)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, start = 0, k;
	int rc;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(p + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		rc = awol_buf_put(out, in + start, i - start, err);
		if (rc < 0)
			return rc;
		rc = put_cp(out, 0xFFFD, err);
		if (rc < 0)
			return rc;
		i++;
		start = i;
	}
	return awol_buf_put(out, in + start, i - start, err);
}

static bool header_says_utf8(const char *ct)
{
	const char *cs;

	if (!ct)
		return false;
	cs = strstr(ct, "charset=");
	if (!cs)
		cs = strstr(ct, "CHARSET=");
	if (!cs)
		return false;
	cs += 8;
	while (*cs == '"' || *cs == ' ')
		cs++;
	return strncasecmp(cs, "utf-8", 5) == 0 || strncasecmp(cs, "utf8", 4) == 0;
}

static bool header_says_1251(const char *ct)
{
	return ct && (strstr(ct, "1251") != NULL);
}

int awol_text_decode(const char *data, size_t len, const char *content_type, awol_buf *out,
                     bool *was_utf8, awol_error *err)
{
	bool utf8;

	if (header_says_utf8(content_type))
		utf8 = true;
	else if (header_says_1251(content_type) && !awol_utf8_valid(data, len))
		utf8 = false;
	else
		utf8 = awol_utf8_valid(data, len);
	if (was_utf8)
		*was_utf8 = utf8;
	if (utf8 && awol_utf8_valid(data, len))
		return awol_buf_put(out, data, len, err);
	return utf8 ? awol_utf8_repair(data, len, out, err)
	            : awol_cp1251_to_utf8(data, len, out, err);
}

static bool is_ws_at(const unsigned char *s, size_t *k)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v') {
		*k = 1;
		return true;
	}
	if (s[0] == 0xC2 && s[1] == 0xA0) { /* NBSP */
		*k = 2;
		return true;
	}
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || (s[2] >= 0x80 && s[2] <= 0x8B))) {
		*k = 3;
		return true;
	}
	return false;
}

char *awol_text_clean(char *s)
{
	unsigned char *r, *w;
	bool pend_space = false, pend_nl = false, any = false;
	size_t k;

	if (!s)
		return s;
	r = w = (unsigned char *)s;
	while (*r) {
		if (*r == '\n') {
			pend_nl = true;
			pend_space = false;
			r++;
			continue;
		}
		if (is_ws_at(r, &k)) {
			if (!pend_nl)
				pend_space = true;
			r += k;
			continue;
		}
		if (any && pend_nl)
			*w++ = '\n';
		else if (any && pend_space)
			*w++ = ' ';
		pend_nl = pend_space = false;
		*w++ = *r++;
		any = true;
	}
	*w = '\0';
	return s;
}

/* Fold one code point for matching; returns bytes consumed. */
static size_t fold_next(const unsigned char *s, uint32_t *out)
{
	static const char lat[] = "aceopxykmhbt";
	static const uint32_t cyr[] = {0x430, 0x441, 0x435, 0x43E, 0x440, 0x445,
	                               0x443, 0x43A, 0x43C, 0x43D, 0x432, 0x442};
	uint32_t c;
	size_t k = utf8_seq(s, 4);
	const char *p;

	if (k == 0 || k == 1) {
		c = s[0];
		if (c < 0x80 && isalpha((int)c)) {
			c = (uint32_t)tolower((int)c);
			p = strchr(lat, (int)c);
			if (p)
				c = cyr[p - lat];
		}
		*out = c;
		return 1;
	}
	if (k == 2)
		c = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	else if (k == 3)
		c = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		    (s[2] & 0x3F);
	else
		c = 0xFFFD;
	if (c >= 0x410 && c <= 0x42F)
		c += 0x20;
	else if (c == 0x401 || c == 0x451)
		c = 0x435;
	else if (c == 0xA0)
		c = ' ';
	*out = c;
	return k;
}

bool awol_text_icontains(const char *hay, const char *needle)
{
	const unsigned char *h = (const unsigned char *)hay;
	const unsigned char *n0 = (const unsigned char *)needle;

	if (!hay || !needle)
		return false;
	if (!*n0)
		return true;
	for (; *h; h += fold_next(h, &(uint32_t){0})) {
		const unsigned char *a = h, *b = n0;
		while (*a && *b) {
			uint32_t ca, cb;
			size_t ka = fold_next(a, &ca), kb = fold_next(b, &cb);
			if (ca != cb)
				break;
			a += ka;
			b += kb;
		}
		if (!*b)
			return true;
	}
	return false;
}
