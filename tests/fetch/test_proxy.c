/* lib/fetch/proxy.c: proxy URLs checked and masked; passwords never in a message. */
#include "util/common.h"
#include "fetch/http.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

static void test_mask(void **state)
{
	char out[128];

	(void)state;
	awol_http_proxy_mask("socks5h://u:pw@127.0.0.1:1080", out, sizeof(out));
	assert_string_equal(out, "socks5h://***@127.0.0.1:1080");
	/* a raw '@' in the password: the last one of the authority ends the userinfo */
	awol_http_proxy_mask("http://u:p@ss@h:3128/x@y", out, sizeof(out));
	assert_string_equal(out, "http://***@h:3128/x@y");
	awol_http_proxy_mask("u:pw@h:1", out, sizeof(out));
	assert_string_equal(out, "***@h:1");
	awol_http_proxy_mask("http://h:3128", out, sizeof(out));
	assert_string_equal(out, "http://h:3128");
	awol_http_proxy_mask("", out, sizeof(out));
	assert_string_equal(out, "");
}

static void test_check(void **state)
{
	static const char *const good[] = {
	    "http://127.0.0.1:3128",  "https://proxy.example:443", "socks4://h:1080",
	    "socks4a://h:1080",       "socks5://u:p@h:1080",       "SOCKS5H://[::1]:9050",
	    "http://u:p%40ss@h:8080",
	};
	static const struct {
		const char *url, *says;
	} bad[] = {
	    {"ftp://h:21", "the scheme must be"},
	    {"127.0.0.1:3128", "not a proxy URL"},
	    {"http://h", "no port"},
	    {"http://u:secret@h", "no port"},
	    {"socks5://u:secret@:1080", "not a proxy URL"},
	    {"", "not a proxy URL"},
	    {"http://", "not a proxy URL"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		awol_error err = {0};
		if (awol_http_proxy_check(good[i], &err) != 0)
			fail_msg("%s: %s", good[i], err.msg);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		awol_error err = {0};
		assert_int_equal(awol_http_proxy_check(bad[i].url, &err), -AWOL_EINVAL);
		assert_non_null(strstr(err.msg, bad[i].says));
		assert_null(strstr(err.msg, "secret"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask),
	    cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
