/*
 * The streaming JSON writer (jsonw.h).  The layout follows jansson's dump.c: an element
 * starts on a new line indented by its depth, "key": value, a comma after every element
 * but the last, an empty container as {} or [], strings with only ", \ and the control
 * characters escaped (UTF-8 kept, / kept).
 */
#include "util/common.h"
#include "util/jsonw.h"
#include "util/text.h"

#include <math.h>

static void put(awol_jsonw *w, const char *s, size_t n)
{
	if (w->rc == 0)
		w->rc = awol_buf_put(w->b, s, n, &w->err);
}

static void newline(awol_jsonw *w, int depth)
{
	static const char spaces[] = "\n                                                    ";
	size_t n = (size_t)(w->indent * depth);

	put(w, spaces, 1);
	while (w->rc == 0 && n) {
		size_t k = n < sizeof(spaces) - 2 ? n : sizeof(spaces) - 2;
		put(w, spaces + 1, k);
		n -= k;
	}
}

static void put_string(awol_jsonw *w, const char *s)
{
	size_t start = w->b->len;
	const char *p, *run = s;
	bool ascii = true;

	put(w, "\"", 1);
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		char seq[8];
		const char *e = seq;

		if (c >= 0x20 && c != '"' && c != '\\') {
			ascii = ascii && c < 0x80;
			continue;
		}
		put(w, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		case '\b':
			e = "\\b";
			break;
		case '\f':
			e = "\\f";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		default:
			snprintf(seq, sizeof(seq), "\\u%04X", c);
		}
		put(w, e, strlen(e));
	}
	put(w, run, (size_t)(p - run));
	put(w, "\"", 1);
	/* jansson refuses a string that is not UTF-8: null here rather than a bad document */
	if (w->rc == 0 && !ascii && !awol_utf8_valid(s, (size_t)(p - s))) {
		w->b->len = start;
		w->b->ptr[start] = '\0';
		put(w, "null", 4);
	}
}

/* Before a value: the comma after the one before, its line, its key. */
static void element(awol_jsonw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->empty[w->depth - 1])
			put(w, ",", 1);
		w->empty[w->depth - 1] = false;
		newline(w, w->depth);
	}
	if (key) {
		put_string(w, key);
		put(w, ": ", 2);
	}
}

void awol_jsonw_init(awol_jsonw *w, awol_buf *b, int indent, int precision)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->indent = indent;
	w->precision = precision ? precision : 17;
}

static void open(awol_jsonw *w, const char *key, char c)
{
	element(w, key);
	if (w->rc == 0 && w->depth >= AWOL_JSONW_DEPTH)
		w->rc = awol_error_set(&w->err, AWOL_EINVAL, "JSON nested too deep");
	if (w->rc < 0)
		return;
	put(w, &c, 1);
	w->close[w->depth] = c == '{' ? '}' : ']';
	w->empty[w->depth++] = true;
}

void awol_jsonw_object(awol_jsonw *w, const char *key)
{
	open(w, key, '{');
}

void awol_jsonw_array(awol_jsonw *w, const char *key)
{
	open(w, key, '[');
}

void awol_jsonw_end(awol_jsonw *w)
{
	if (w->rc < 0 || w->depth == 0)
		return;
	w->depth--;
	if (!w->empty[w->depth])
		newline(w, w->depth);
	put(w, &w->close[w->depth], 1);
}

void awol_jsonw_string(awol_jsonw *w, const char *key, const char *s)
{
	element(w, key);
	if (s)
		put_string(w, s);
	else
		put(w, "null", 4);
}

void awol_jsonw_int(awol_jsonw *w, const char *key, long long v)
{
	char d[24], *p = d + sizeof(d);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	element(w, key);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(d + sizeof(d) - p));
}

/*
 * The digits of v when it is a decimal of at most 6 places and `precision` (at most 15)
 * significant digits, as %.{precision}g prints it (fixed notation, no trailing zeros, ".0" when
 * whole): v is then the double nearest that decimal, which %g gives back exactly.  Most reals of
 * awol are such (rates and shares rounded to a few places); printf is slow for them.
 * Returns the length, 0 when v is not such a decimal.
 */
static size_t fixed_digits(double v, int precision, char *d)
{
	static const double tens[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
	double a = fabs(v);
	long long m = 0;
	size_t k, n = 0, places;
	char r[32];

	/* beyond 15 digits (DBL_DIG) %g shows the double's distance from the decimal */
	if (precision > 15 || a >= 1e9 || (a < 1e-4 && a != 0))
		return 0; /* or it might write an exponent */
	for (places = 0; places < AWOL_ARRAY_SIZE(tens); places++) {
		m = llround(a * tens[places]);
		if ((double)m / tens[places] == a)
			break;
	}
	if (places == AWOL_ARRAY_SIZE(tens))
		return 0;
	do
		r[n++] = (char)('0' + m % 10);
	while ((m /= 10) || n <= places);
	/* significant digits: without the leading zeros of 0.0x */
	for (k = n; k > 1 && r[k - 1] == '0'; k--)
		;
	if ((int)k > precision)
		return 0;
	k = 0;
	if (signbit(v))
		d[k++] = '-';
	while (n > places)
		d[k++] = r[--n];
	d[k++] = '.';
	if (places == 0)
		d[k++] = '0';
	while (n > 0)
		d[k++] = r[--n];
	while (places > 0 && d[k - 1] == '0' && d[k - 2] != '.')
		k--;
	return k;
}

/* jansson's jsonp_dtostr: %.{precision}g, a '.' in the locale's stead, ".0" when neither a
 * point nor an exponent shows, the exponent without '+' and leading zeros */
void awol_jsonw_real(awol_jsonw *w, const char *key, double v)
{
	char d[64], *e, *z;
	int n;

	if (!isfinite(v)) {
		awol_jsonw_null(w, key);
		return;
	}
	element(w, key);
	if ((n = (int)fixed_digits(v, w->precision, d)) > 0) {
		put(w, d, (size_t)n);
		return;
	}
	n = snprintf(d, sizeof(d) - 3, "%.*g", w->precision, v);
	if (n < 0 || (size_t)n >= sizeof(d) - 3) {
		if (w->rc == 0)
			w->rc = awol_error_set(&w->err, AWOL_EINVAL, "a real too long to write");
		return;
	}
	for (e = d; *e; e++)
		if (*e == ',')
			*e = '.';
	if (!strchr(d, '.') && !strchr(d, 'e')) {
		memcpy(d + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(d, 'e')) != NULL) {
		e++;
		z = e + 1;
		if (*e == '-')
			e++;
		while (*z == '0')
			z++;
		if (z != e) {
			memmove(e, z, strlen(z) + 1);
			n = (int)strlen(d);
		}
	}
	put(w, d, (size_t)n);
}

void awol_jsonw_bool(awol_jsonw *w, const char *key, bool v)
{
	element(w, key);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void awol_jsonw_null(awol_jsonw *w, const char *key)
{
	element(w, key);
	put(w, "null", 4);
}

void awol_jsonw_raw(awol_jsonw *w, const char *key, const char *json)
{
	const char *p = json, *nl;

	element(w, key);
	/* a newline of dumped JSON is always its layout: strings hold "\n" escaped */
	while ((nl = strchr(p, '\n')) != NULL) {
		put(w, p, (size_t)(nl - p));
		newline(w, w->depth);
		p = nl + 1; /* its own indent follows, relative to the value's */
	}
	put(w, p, strlen(p));
}

int awol_jsonw_finish(awol_jsonw *w, awol_error *err)
{
	if (w->rc == 0 && w->depth != 0)
		w->rc = awol_error_set(&w->err, AWOL_EINVAL, "JSON document left open");
	if (w->rc < 0 && err)
		*err = w->err;
	return w->rc;
}
