/*
 * A crawl shared by many workers (lib/store/store_shared.c), on SQLite and (run_pg.sh)
 * PostgreSQL: a court is leased to one worker at a time; a lease not renewed expires and
 * another worker takes the court; a court handed back carries its next allowed time; a
 * court given up by one worker stays for the others and is dead once every live worker
 * gave it up; a worker of another plan or of a name already running is refused; a
 * worker alone restarts the crawl.
 */
#include "helpers.h"
#include "store_backend.h"
#include "store/store_shared.h"
#include "awol/store_status.h"

#include <time.h>

static char tmpdir[256];
static awol_store *st;
static const char PLAN[] = "courts=A,B,C articles=337";

static int setup(void **state)
{
	char *p;
	int rc;

	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "shared");
	p = test_db_target(tmpdir, "s.db");
	rc = awol_store_open(&st, p, NULL, NULL);
	free(p);
	return rc < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	awol_store_close(st);
	return test_tmpdir_remove(tmpdir);
}

static awol_store_worker worker(const char *name, double lease)
{
	awol_store_worker w = {name, PLAN, "test-host", 4242, lease};
	return w;
}

static void join(const awol_store_worker *w)
{
	awol_error err = {0};

	if (awol_store_shared_join(st, w, &err) < 0)
		fail_msg("%s", err.msg);
}

/* The court leased, or "" for none. */
static const char *claim(const awol_store_worker *w, double *wait)
{
	static char code[16];
	double dummy;
	awol_error err = {0};
	int rc = awol_store_shared_claim(st, w, code, wait ? wait : &dummy, &err);

	if (rc < 0)
		fail_msg("%s", err.msg);
	return rc == 1 ? code : "";
}

static void release(const awol_store_worker *w, const char *court, const char *state,
                    double next_in, bool block)
{
	awol_error err = {0};

	if (awol_store_shared_release(st, w, court, state, next_in, "why", block, &err) < 0)
		fail_msg("%s", err.msg);
}

static void nap(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

static void test_leases(void **state)
{
	awol_store_worker a = worker("a", 60), b = worker("b", 0.4), c = worker("c", 60);
	awol_store_outlook o;
	awol_error err = {0};
	const char *courts[] = {"A", "B", "C"};
	char first[16], second[16];
	double wait = -1;
	bool holds;
	size_t i;

	(void)state;
	join(&a);
	join(&b);
	for (i = 0; i < 3; i++)
		assert_int_equal(awol_store_shared_add_court(st, PLAN, courts[i], &err), 0);
	/* each court to one worker: three claims, three courts, then none */
	snprintf(first, sizeof(first), "%s", claim(&a, &wait));
	assert_true(first[0]);
	assert_true(wait >= 0 && wait < 0.01);
	snprintf(second, sizeof(second), "%s", claim(&b, NULL));
	assert_true(second[0]);
	assert_string_not_equal(first, second);
	assert_true(claim(&a, NULL)[0]);
	assert_string_equal(claim(&b, NULL), "");
	assert_int_equal(awol_store_shared_outlook(st, &b, &o, &err), 0);
	assert_int_equal(o.claimable, 0);
	assert_int_equal(o.held, 3);
	assert_int_equal(o.held_by_others, 2);
	assert_int_equal(o.live, 2);
	/* a court handed back is free again, its next request not before next_in */
	release(&a, first, "todo", 30, false);
	assert_string_equal(claim(&b, &wait), first);
	assert_true(wait > 29 && wait <= 30.01);
	/* b stops renewing: its leases expire and another worker takes its courts */
	nap(0.6);
	assert_int_equal(awol_store_shared_holds(st, &b, second, &holds, &err), 0);
	assert_true(holds); /* nobody took it yet */
	assert_string_not_equal(claim(&a, NULL), "");
	assert_string_not_equal(claim(&a, NULL), "");
	assert_int_equal(awol_store_shared_holds(st, &b, second, &holds, &err), 0);
	assert_false(holds);
	/* a renewal keeps a live worker's leases */
	{
		awol_store_worker_tick t = {7, 1, 0.5, "A: timeout"};
		assert_int_equal(awol_store_shared_renew(st, &a, &t, &err), 0);
	}
	assert_string_equal(claim(&c, NULL), ""); /* nothing free */
	join(&c);
	/* given up by a (blocked from its address): free for c, never for a again */
	release(&a, "A", "todo", 0, true);
	assert_string_equal(claim(&a, NULL), "");
	assert_string_equal(claim(&c, NULL), "A");
	release(&c, "A", "todo", 0, true);
	/* b is gone (not live): a and c gave it up, so the court is dead */
	assert_int_equal(test_store_long(st, "SELECT count(*) FROM crawl_courts WHERE "
	                                     "court_code = 'A' AND state = 'dead'"),
	                 1);
	/* a worker that joins later may try it */
	{
		awol_store_worker e = worker("e", 60);
		join(&e);
		assert_string_equal(claim(&e, NULL), "A");
		release(&e, "A", "todo", 0, true);
		assert_int_equal(awol_store_shared_leave(st, &e, "finished", &err), 0);
	}
	/* done courts are never claimed again */
	release(&a, "B", "done", 0, false);
	release(&a, "C", "done", 0, false);
	assert_string_equal(claim(&c, NULL), "");
	assert_int_equal(awol_store_shared_outlook(st, &c, &o, &err), 0);
	assert_int_equal(o.claimable + o.held, 0);
	/* awol workers: b gone, a's counters */
	{
		awol_store_rows *r = NULL;
		int n = 0;
		assert_int_equal(awol_store_workers_list(st, &r, &err), 0);
		while (awol_store_rows_next(r, &err) > 0) {
			const char *name = awol_store_rows_text(r, 0);
			if (strcmp(name, "b") == 0)
				assert_string_equal(awol_store_rows_text(r, 1), "gone");
			if (strcmp(name, "a") == 0) {
				assert_string_equal(awol_store_rows_text(r, 1), "running");
				assert_int_equal(awol_store_rows_long(r, 7), 7);
				assert_string_equal(awol_store_rows_text(r, 10), "A: timeout");
				assert_non_null(strstr(awol_store_rows_text(r, 4), "T"));
			}
			n++;
		}
		awol_store_rows_close(r);
		assert_int_equal(n, 4);
	}
	assert_int_equal(awol_store_shared_leave(st, &a, "finished", &err), 0);
	assert_int_equal(awol_store_shared_leave(st, &c, "finished", &err), 0);
}

static void test_refusals(void **state)
{
	awol_store_worker a = worker("a", 60), a2 = worker("a", 60), d = worker("d", 60);
	awol_error err = {0};

	(void)state;
	join(&a); /* alone: the crawl starts afresh */
	assert_int_equal(test_store_long(st, "SELECT count(*) FROM crawl_courts WHERE plan <> ''"),
	                 0);
	assert_int_equal(test_store_long(st, "SELECT count(*) FROM crawl_blocks"), 0);
	assert_int_equal(awol_store_shared_join(st, &a2, &err), -AWOL_EEXISTS);
	assert_non_null(strstr(err.msg, "worker 'a' is already running"));
	d.plan = "courts=all articles=338";
	assert_int_equal(awol_store_shared_join(st, &d, &err), -AWOL_EEXISTS);
	assert_non_null(strstr(err.msg, "is running another crawl"));
	assert_int_equal(awol_store_shared_leave(st, &a, "stopped", &err), 0);
	/* a left: another plan may start now */
	assert_int_equal(awol_store_shared_join(st, &d, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_leases),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
