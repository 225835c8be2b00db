/* util/proc: a program run with an argument vector, no shell, a time limit, a capped read. */
#include "helpers.h"
#include "util/proc.h"

#include <time.h>
#include <unistd.h>

static void test_argv_not_shell(void **state)
{
	char out[64];
	const char *const argv[] = {"echo", "a'$(touch /tmp/awol-proc-PWNED)'", NULL};

	(void)state;
	unlink("/tmp/awol-proc-PWNED");
	assert_int_equal(awol_proc_capture(argv, 5, out, sizeof(out), NULL), 0);
	assert_string_equal(out, "a'$(touch /tmp/awol-proc-PWNED)'\n");
	assert_int_not_equal(access("/tmp/awol-proc-PWNED", F_OK), 0);
}

static void test_capped(void **state)
{
	char out[6];
	const char *const argv[] = {"sh", "-c", "yes 1234567890 | head -c 1000000", NULL};

	(void)state;
	assert_int_equal(awol_proc_capture(argv, 10, out, sizeof(out), NULL), 0);
	assert_string_equal(out, "12345");
}

static void test_failures(void **state)
{
	char out[16];
	awol_error err = {0};
	const char *const fails[] = {"sh", "-c", "echo 12345; exit 3", NULL};
	const char *const hangs[] = {"sh", "-c", "echo 1; exec sleep 30", NULL};
	const char *const missing[] = {"/nonexistent/solver", NULL};
	time_t t0 = time(NULL);

	(void)state;
	assert_int_equal(awol_proc_capture(fails, 5, out, sizeof(out), &err), -AWOL_EIO);
	assert_string_equal(out, "");
	assert_non_null(strstr(err.msg, "exit status 3"));
	assert_int_equal(awol_proc_capture(hangs, 0.5, out, sizeof(out), &err), -AWOL_EINTR);
	assert_string_equal(out, "");
	assert_true(time(NULL) - t0 < 10);
	assert_true(awol_proc_capture(missing, 5, out, sizeof(out), &err) < 0);
	assert_non_null(strstr(err.msg, "/nonexistent/solver"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_argv_not_shell),
	    cmocka_unit_test(test_capped),
	    cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
