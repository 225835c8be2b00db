#include "util/common.h"
#include "util/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_put_and_cap(void **state)
{
	awol_buf b;
	awol_error err = {0};

	(void)state;
	awol_buf_init(&b, 8);
	assert_int_equal(awol_buf_puts(&b, "abc", &err), 0);
	assert_string_equal(awol_buf_cstr(&b), "abc");
	assert_int_equal(awol_buf_puts(&b, "defgh", &err), 0);
	assert_int_equal(b.len, 8);
	/* one more byte is over the cap: refused, contents intact */
	assert_int_equal(awol_buf_putc(&b, 'x', &err), -AWOL_ETOOBIG);
	assert_int_equal(err.code, AWOL_ETOOBIG);
	assert_string_equal(awol_buf_cstr(&b), "abcdefgh");
	awol_buf_dispose(&b);
	awol_buf_dispose(NULL);
}

static void test_printf(void **state)
{
	awol_buf b = AWOL_BUF_INIT;
	char *s;

	(void)state;
	assert_int_equal(awol_buf_printf(&b, NULL, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.ptr, "42-x");
	s = awol_buf_detach(&b);
	assert_string_equal(s, "42-x");
	assert_null(b.ptr);
	free(s);
	s = awol_buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_and_cap),
	    cmocka_unit_test(test_printf),
	};
	return cmocka_run_group_tests_name("util_buf", tests, NULL, NULL);
}
