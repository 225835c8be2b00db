/*
 * The streaming JSON writer against jansson: random documents written both ways must
 * give the same bytes (awol stats' document moved to the writer on that promise).
 */
#include "util/common.h"
#include "util/jsonw.h"

#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static unsigned long long seed = 42;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

static const char *const STRINGS[] = {
    "",
    "77GV0005 Московский гарнизонный военный суд",
    "a\"b\\c",
    "tab\tnew\nline\r",
    "\x01\x1f\x7f",
    "slash / and \b\f",
    "(total)",
    "2023-W05",
    "дело № 1-2/2023",
    "\xff\xfe not UTF-8",
    "emoji \xf0\x9f\x98\x80",
};

static double a_real(void)
{
	static const double digits[] = {1, 10, 100, 1000, 10000};
	switch (rnd(8)) {
	case 0:
		return -0.0;
	case 1:
		return (double)rnd(100000) / digits[rnd(5)] * (rnd(2) ? 1 : -1);
	case 2:
		return round(rnd(1000000) * 1.37) / digits[rnd(5)];
	case 3:
		return rnd(2) ? 1e20 : 1.5e-7;
	case 4:
		return (double)rnd(1000) / 7.0;
	case 5:
		return NAN;
	case 6:
		return 999999999999.5 - rnd(3);
	default:
		return (double)rnd(4000000000U) / 1000.0;
	}
}

/* One value into both, under key (NULL in an array). */
static void value(json_t *parent, awol_jsonw *w, const char *key, int depth)
{
	json_t *v = NULL;
	const char *s;
	double r;
	long long i;
	unsigned k, n;

	switch (depth > 3 ? rnd(6) : rnd(8)) {
	case 0:
		s = STRINGS[rnd(AWOL_ARRAY_SIZE(STRINGS))];
		v = json_string(s);
		awol_jsonw_string(w, key, s);
		/* jansson refuses a string that is not UTF-8; the writer writes null */
		if (!v)
			v = json_null();
		break;
	case 1:
		i = rnd(3) == 0 ? -(long long)rnd(1000000) : (long long)rnd(4000000000U) * 1000;
		v = json_integer(i);
		awol_jsonw_int(w, key, i);
		break;
	case 2:
		r = a_real();
		v = isfinite(r) ? json_real(r) : json_null();
		awol_jsonw_real(w, key, r);
		break;
	case 3:
		v = json_boolean(rnd(2));
		awol_jsonw_bool(w, key, json_is_true(v));
		break;
	case 4:
		v = json_null();
		awol_jsonw_null(w, key);
		break;
	case 5:
		s = STRINGS[rnd(AWOL_ARRAY_SIZE(STRINGS))];
		if (!(v = json_string(s)))
			v = json_null();
		awol_jsonw_string(w, key, json_is_null(v) ? NULL : s);
		break;
	case 6:
		v = json_object();
		awol_jsonw_object(w, key);
		for (k = 0, n = rnd(5); k < n; k++) {
			char name[32];
			snprintf(name, sizeof(name), "%s%u", rnd(4) ? "key" : "ключ \"", k);
			value(v, w, name, depth + 1);
		}
		awol_jsonw_end(w);
		break;
	default:
		v = json_array();
		awol_jsonw_array(w, key);
		for (k = 0, n = rnd(5); k < n; k++)
			value(v, w, NULL, depth + 1);
		awol_jsonw_end(w);
	}
	if (json_is_object(parent))
		json_object_set_new(parent, key, v);
	else
		json_array_append_new(parent, v);
}

static void same_as_jansson(int precision)
{
	int doc;

	for (doc = 0; doc < 300; doc++) {
		json_t *o = json_object(),
		       *sub = json_pack("{s:[i,f,s],s:{}}", "a", 1, 2.5, "x\ny", "empty");
		awol_buf b = AWOL_BUF_INIT;
		awol_jsonw w;
		awol_error err = {0};
		size_t flags = JSON_INDENT(2) | JSON_REAL_PRECISION(precision);
		char *want, *raw = json_dumps(sub, flags);
		unsigned k, n;

		awol_jsonw_init(&w, &b, 2, precision);
		awol_jsonw_object(&w, NULL);
		for (k = 0, n = rnd(8); k < n; k++) {
			char name[16];
			snprintf(name, sizeof(name), "k%u", k);
			value(o, &w, name, 0);
		}
		/* a value dumped apart, set in its place */
		awol_jsonw_raw(&w, "raw", raw);
		json_object_set(o, "raw", sub);
		awol_jsonw_end(&w);
		assert_int_equal(awol_jsonw_finish(&w, &err), 0);
		want = json_dumps(o, flags);
		assert_non_null(want);
		assert_string_equal(awol_buf_cstr(&b), want);
		free(want);
		free(raw);
		json_decref(sub);
		json_decref(o);
		awol_buf_dispose(&b);
	}
}

static void test_same_as_jansson(void **state)
{
	(void)state;
	same_as_jansson(12); /* awol stats */
	same_as_jansson(0);  /* jansson's default, 17 digits */
	same_as_jansson(4);
}

static void test_reals(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {{21.4, "21.4"},
	             {3, "3.0"},
	             {-0.0, "-0.0"},
	             {0, "0.0"},
	             {0.0001, "0.0001"},
	             {1e-5, "1e-5"},
	             {1e20, "1e20"},
	             {-12.25, "-12.25"},
	             {100000, "100000.0"},
	             {0.3333, "0.3333"},
	             {1.0 / 3, "0.333333333333"},
	             {NAN, "null"},
	             {INFINITY, "null"}};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(cases); i++) {
		awol_buf b = AWOL_BUF_INIT;
		awol_jsonw w;

		awol_jsonw_init(&w, &b, 2, 12);
		awol_jsonw_real(&w, NULL, cases[i].v);
		assert_int_equal(awol_jsonw_finish(&w, NULL), 0);
		assert_string_equal(awol_buf_cstr(&b), cases[i].want);
		awol_buf_dispose(&b);
	}
}

static void test_errors(void **state)
{
	awol_buf b;
	awol_jsonw w;
	awol_error err = {0};
	int i;

	(void)state;
	/* the buffer's cap: the first failure sticks and is reported */
	awol_buf_init(&b, 16);
	awol_jsonw_init(&w, &b, 2, 12);
	awol_jsonw_array(&w, NULL);
	for (i = 0; i < 10; i++)
		awol_jsonw_string(&w, NULL, "long enough");
	awol_jsonw_end(&w);
	assert_int_equal(awol_jsonw_finish(&w, &err), -AWOL_ETOOBIG);
	assert_int_equal(err.code, AWOL_ETOOBIG);
	awol_buf_dispose(&b);
	/* a container left open, and nesting past the limit */
	awol_buf_init(&b, 0);
	awol_jsonw_init(&w, &b, 2, 12);
	awol_jsonw_object(&w, NULL);
	assert_true(awol_jsonw_finish(&w, &err) < 0);
	awol_buf_reset(&b);
	awol_jsonw_init(&w, &b, 2, 12);
	for (i = 0; i < AWOL_JSONW_DEPTH + 1; i++)
		awol_jsonw_array(&w, NULL);
	assert_true(awol_jsonw_finish(&w, &err) < 0);
	awol_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_as_jansson),
	    cmocka_unit_test(test_reals),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
