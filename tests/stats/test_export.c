/*
 * Exports (include/awol/export.h) on a hand-built database: the column tables,
 * the filters (what they select and the values they refuse), typed JSON cells,
 * the simulated mark in JSON Lines and JSON, and the data package's files.
 */
#include "helpers.h"
#include "store_backend.h"
#include "awol/export.h"
#include "awol/store.h"

#include <ctype.h>
#include <jansson.h>
#include <sys/stat.h>

static char tmpdir[256];
static awol_store *st;

static const char *const SQL =
    "INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 't', 'x', 'card', 'x');"
    "INSERT INTO cases (id, court_code, case_key, number, uid, received, decided, result, "
    " page_id, first_seen, updated_at) VALUES "
    " (1, '77GV0005', 'A', '1-1/2023', 'A', '2023-01-02', '2023-02-01', 'Вынесен ПРИГОВОР', 1, "
    "  '2023-01-03T00:00:00Z', '2023-01-03T00:00:00Z'),"
    " (2, '63GV0006', 'B', '1-2/2023', 'B', '2023-01-31', NULL, NULL, 1, 'x', 'x'),"
    " (3, '77GV0005', 'C', '1-3/2022', 'C', '2022-01-15', '2023-03-01', 'Уголовное дело "
    "  ПРЕКРАЩЕНО, СУДЕБНЫЙ ШТРАФ', 1, 'x', 'x'),"
    " (4, '77GV0005', 'D', '1-4/2023', 'D', '2023-05-03', '2023-06-01', 'прекращено амнистия', "
    "  1, 'x', 'x');"
    "INSERT INTO persons (id, case_id, seq, pseudonym) VALUES (1, 1, 1, 'p1'), (2, 2, 1, 'p2'),"
    " (3, 3, 1, 'p3'), (4, 4, 1, 'p4');"
    "INSERT INTO charges (id, person_id, case_id, seq, article, part) VALUES"
    " (1, 1, 1, 1, '337', '5'), (2, 2, 2, 1, '338', '1'), (3, 3, 3, 1, '337', '3'),"
    " (4, 4, 4, 1, '337', '1');"
    "INSERT INTO coverage (court_code, article, date_from, date_to, status, expected, collected)"
    " VALUES ('77GV0005', '337', '2023-01-01', '2023-12-31', 'complete', 2, 2),"
    " ('63GV0006', '337', '2023-01-01', '2023-12-31', 'partial', 1, 0);";

static int setup(void **state)
{
	char *p;
	awol_error err = {0};

	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "export");
	p = test_db_target(tmpdir, "e.db");
	if (awol_store_open(&st, p, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	free(p);
	test_store_exec(st, SQL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	awol_store_close(st);
	return test_tmpdir_remove(tmpdir);
}

static void columns_are_described(void **state)
{
	const char *const *w;

	(void)state;
	for (w = awol_export_entities; *w; w++) {
		size_t n, i;
		const awol_export_column *c = awol_export_columns(*w, &n);
		assert_non_null(c);
		assert_true(n > 0);
		for (i = 0; i < n; i++) {
			const char *p;
			for (p = c[i].name; *p; p++)
				assert_true(islower((unsigned char)*p) ||
				            isdigit((unsigned char)*p) || *p == '_');
			assert_true(strlen(c[i].description) > 10);
		}
	}
	assert_null(awol_export_columns("nope", &(size_t){0}));
}

/* Append the case's number (column 5 of cases) to the string ctx. */
static int add_number(void *ctx, const char *const *v)
{
	char *out = ctx;
	size_t l = strlen(out);

	snprintf(out + l, 256 - l, "%s%s", l ? " " : "", v[5]);
	return 0;
}

/* The numbers of the cases f selects, space-separated, in id order. */
static const char *selected(const awol_export_filter *f)
{
	static char out[256];
	awol_error err = {0};

	out[0] = '\0';
	if (awol_export_each(st, "cases", f, add_number, out, &err) < 0)
		fail_msg("%s", err.msg);
	return out;
}

static void filters_select(void **state)
{
	awol_export_filter f = {0};

	(void)state;
	assert_string_equal(selected(NULL), "1-1/2023 1-2/2023 1-3/2022 1-4/2023");
	f.articles = "338";
	assert_string_equal(selected(&f), "1-2/2023");
	f.articles = "338,337";
	f.courts = "77GV0005";
	assert_string_equal(selected(&f), "1-1/2023 1-3/2022 1-4/2023");
	f.from = "2023-01-01";
	assert_string_equal(selected(&f), "1-1/2023 1-4/2023");
	f.date = "decided";
	assert_string_equal(selected(&f), "1-1/2023 1-3/2022 1-4/2023");
	f.to = "2023-03-31";
	assert_string_equal(selected(&f), "1-1/2023 1-3/2022");
	f.outcome = "terminated";
	assert_string_equal(selected(&f), "1-3/2022");
	memset(&f, 0, sizeof(f));
	f.outcome = "terminated:amnesty";
	assert_string_equal(selected(&f), "1-4/2023");
	f.outcome = "pending";
	assert_string_equal(selected(&f), "1-2/2023");
	memset(&f, 0, sizeof(f));
	f.region = "Пермский край"; /* 63GV0006 */
	assert_string_equal(selected(&f), "1-2/2023");
	f.by_court = true;
	f.region = NULL;
	assert_string_equal(selected(&f), "1-2/2023 1-3/2022 1-1/2023 1-4/2023");
}

/*
 * A page of an article's cases (its cases asked of a set in memory, lib/store/case_set.c)
 * is the slice of the whole listing, and the total its length: with ids a set of bits
 * holds, with ids beyond (the database asked instead), with an article of few cases
 * (counted by looking them up) and of many (counted from an index).
 */
static void pages_of_articles(void **state)
{
	static const char *const articles[] = {"337", "338", "337,338", "332", "332,338", "999"};
	awol_export_filter f = {0};
	awol_error err = {0};
	int round, k, limit, offset;

	(void)state;
	for (round = 0; round < 2; round++) {
		if (round == 1) /* a case of 337 with an id past a set of bits, one of 332 far up */
			test_store_exec(
			    st, "INSERT INTO cases (id, court_code, case_key, number, received, "
			        "page_id, "
			        "first_seen, updated_at) VALUES (268435456, '63GV0006', 'E', "
			        "'1-5/2023', "
			        "'2023-02-01', 1, 'x', 'x'), (5000, '77GV0005', 'F', '1-6/2023', "
			        "'2023-04-01', 1, 'x', 'x');"
			        "INSERT INTO persons (id, case_id, seq) VALUES (5, 268435456, 1), "
			        "(6, 5000, 1);"
			        "INSERT INTO charges (id, person_id, case_id, seq, article) VALUES "
			        "(5, 5, 268435456, 1, '337'), (6, 6, 5000, 1, '332'), "
			        "(7, 6, 5000, 2, '338');");
		for (k = 0; k < (int)AWOL_ARRAY_SIZE(articles); k++) {
			char all[256], want[256];
			const char *p;
			long total = -1;
			int n = 0;
			memset(&f, 0, sizeof(f));
			f.by_court = true;
			f.articles = articles[k];
			snprintf(all, sizeof(all), "%s", selected(&f));
			for (p = all; *p; p += strcspn(p, " ") + (p[strcspn(p, " ")] == ' '))
				n++;
			for (limit = 1; limit <= n + 1; limit++)
				for (offset = 0; offset <= n + 1; offset++) {
					const char *q = all;
					size_t len;
					int i;
					f.limit = limit;
					f.offset = offset;
					for (i = 0; i < offset && *q; i++)
						q += strcspn(q, " ") + (q[strcspn(q, " ")] == ' ');
					for (len = 0, i = 0; i < limit && q[len]; i++)
						len += strcspn(q + len, " ") +
						       (q[len + strcspn(q + len, " ")] == ' ');
					snprintf(want, sizeof(want), "%.*s", (int)len, q);
					if (len && want[len - 1] == ' ')
						want[len - 1] = '\0';
					assert_string_equal(selected(&f), want);
					assert_int_equal(awol_export_total(st, &f, &total, &err),
					                 0);
					assert_int_equal(total, n);
				}
		}
	}
	test_store_exec(st, "DELETE FROM cases WHERE id IN (268435456, 5000);");
}

static void filters_refuse(void **state)
{
	static const struct {
		awol_export_filter f;
		const char *named;
	} bad[] = {
	    {{.courts = "99GV0001"}, "99GV0001"},
	    {{.courts = "77GV0005,district"}, "district"},
	    {{.region = "Atlantis"}, "Atlantis"},
	    {{.articles = "337,AWOL"}, "AWOL"},
	    {{.outcome = "acquitted"}, "acquitted"},
	    {{.from = "2023-02-30"}, "2023-02-30"},
	    {{.from = "2023-03-01", .to = "2023-02-01"}, "2023-03-01"},
	    {{.date = "opened"}, "opened"},
	};
	awol_export_filter cov = {.outcome = "convicted"};
	size_t i;

	(void)state;
	for (i = 0; i < AWOL_ARRAY_SIZE(bad); i++) {
		awol_error err = {0};
		assert_int_equal(awol_export_filter_check(st, &bad[i].f, &err), -AWOL_EINVAL);
		if (!strstr(err.msg, bad[i].named))
			fail_msg("'%s' does not name '%s'", err.msg, bad[i].named);
	}
	assert_int_equal(awol_export_each(st, "coverage", &cov, add_number, NULL, NULL),
	                 -AWOL_EINVAL);
}

static void cells_are_typed(void **state)
{
	json_t *v;

	(void)state;
	v = awol_export_cell_json(AWOL_EXPORT_INTEGER, "42");
	assert_true(json_is_integer(v) && json_integer_value(v) == 42);
	json_decref(v);
	v = awol_export_cell_json(AWOL_EXPORT_INTEGER, NULL);
	assert_true(json_is_null(v));
	json_decref(v);
	v = awol_export_cell_json(AWOL_EXPORT_BOOLEAN, "0");
	assert_true(json_is_false(v));
	json_decref(v);
	v = awol_export_cell_json(AWOL_EXPORT_DATE, "2023-01-02");
	assert_string_equal(json_string_value(v), "2023-01-02");
	json_decref(v);
}

/* Export `what` in `format` into a string (caller frees). */
static char *exported(const char *what, const char *format, long *rows)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	awol_error err = {0};

	assert_non_null(f);
	if (awol_export_write(st, what, NULL, format, f, rows, &err) < 0)
		fail_msg("%s", err.msg);
	fclose(f);
	return text;
}

static void json_carries_simulated(void **state)
{
	long rows = 0;
	char *text;
	json_t *d, *cov;
	json_error_t je;

	(void)state;
	assert_int_equal(awol_store_meta_set(st, "simulated", "1", NULL), 0);
	text = exported("persons", "json", &rows);
	d = json_loads(text, 0, &je);
	if (!d)
		fail_msg("%s: %s", je.text, text);
	assert_int_equal(rows, 4);
	assert_int_equal(json_array_size(json_object_get(d, "rows")), 4);
	assert_int_equal(json_integer_value(json_object_get(d, "count")), 4);
	assert_true(json_is_true(json_object_get(d, "simulated")));
	assert_true(json_is_false(
	    json_object_get(json_array_get(json_object_get(d, "rows"), 0), "name_hidden")));
	cov = json_object_get(d, "coverage");
	assert_int_equal(json_integer_value(json_object_get(cov, "courts")), 2);
	assert_int_equal(json_integer_value(json_object_get(cov, "courts_complete")), 1);
	assert_true(json_is_false(json_object_get(cov, "complete")));
	json_decref(d);
	free(text);
	text = exported("charges", "jsonl", &rows);
	d = json_loads(text, JSON_DISABLE_EOF_CHECK, &je);
	assert_non_null(d);
	assert_true(json_is_true(json_object_get(d, "simulated")));
	json_decref(d);
	free(text);
	text = exported("cases", "csv", &rows);
	assert_null(strstr(text, "simulated"));
	assert_null(strchr(text, '#'));
	free(text);
	assert_int_equal(awol_store_meta_set(st, "simulated", "0", NULL), 0);
}

static void datapackage_files(void **state)
{
	char dir[512], p[600];
	awol_export_filter f = {.articles = "337"};
	awol_error err = {0};
	long rows = 0;
	struct stat sb;
	FILE *fp;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/pkg", tmpdir);
	if (awol_export_datapackage(st, &f, dir, &rows, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rows, 3);
	snprintf(p, sizeof(p), "%s/datapackage.json", dir);
	assert_int_equal(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "%s/court_coverage.csv", dir);
	assert_int_equal(stat(p, &sb), 0);
	/* again into the same directory: replaced */
	assert_int_equal(awol_export_datapackage(st, NULL, dir, &rows, &err), 0);
	assert_int_equal(rows, 4);
	/* a file where the directory should be: refused, nothing left behind */
	snprintf(p, sizeof(p), "%s/file", tmpdir);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(awol_export_datapackage(st, NULL, p, NULL, &err), -AWOL_EEXISTS);
	assert_non_null(strstr(err.msg, p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(columns_are_described),  cmocka_unit_test(filters_select),
	    cmocka_unit_test(filters_refuse),         cmocka_unit_test(cells_are_typed),
	    cmocka_unit_test(json_carries_simulated), cmocka_unit_test(datapackage_files),
	    cmocka_unit_test(pages_of_articles),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
