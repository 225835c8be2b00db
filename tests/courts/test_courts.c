/* The court registry: the embedded CSV, lookups, districts, bad files. */
#include "helpers.h"
#include "awol/courts.h"

#include <unistd.h>

static void test_registry(void **state)
{
	awol_court_list l;
	const awol_court *c;
	char mh[128];

	(void)state;
	assert_int_equal(awol_courts_load_default(&l, NULL), 0);
	/* 119 rows, of which 4 abolished history rows have no code */
	assert_int_equal(l.n, 115);
	c = awol_courts_find(&l, "63GV0006");
	assert_non_null(c);
	assert_string_equal(c->level, "garrison");
	assert_non_null(strstr(c->name, "Пермский"));
	/* both host forms find it */
	assert_int_equal(awol_courts_module_host(c, mh, sizeof(mh)), 0);
	assert_ptr_equal(awol_courts_find(&l, mh), c);
	assert_ptr_equal(awol_courts_find(&l, c->host), c);
	/* the okrug court above a garrison court */
	assert_non_null(c->district_code);
	assert_string_equal(awol_courts_find(&l, c->district_code)->level, "district");
	/* a district court is its own district; cassation has none */
	c = awol_courts_find(&l, "61OV0000");
	assert_string_equal(c->district_code, "61OV0000");
	c = awol_courts_find(&l, "54KV0000");
	assert_null(c->district_code);
	assert_int_equal(awol_courts_module_host(c, mh, sizeof(mh)), 0);
	assert_string_equal(mh, "vkas.sudrf.ru");
	assert_null(awol_courts_find(&l, "99XX9999"));
	awol_courts_dispose(&l);
	awol_courts_dispose(NULL);
}

static void test_bad_csv(void **state)
{
	awol_court_list l;
	awol_error err = {0};
	char path[] = "/tmp/awol-courts-XXXXXX";
	int fd = mkstemp(path);
	const char *bad = "court_code,name_ru\n77GV0001,\"unterminated\n";

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad, strlen(bad)), (int)strlen(bad));
	close(fd);
	assert_true(awol_courts_load_csv(path, &l, &err) < 0);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(awol_courts_load_csv("/nonexistent.csv", &l, &err), -AWOL_EIO);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registry),
	    cmocka_unit_test(test_bad_csv),
	};
	return cmocka_run_group_tests_name("courts", tests, NULL, NULL);
}
