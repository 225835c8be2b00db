/*
 * The store: migrations, case identity, idempotent import, updates, keyed
 * pseudonyms, and the privacy rule (no defendant or party name in the database
 * file unless --keep-names).  On SQLite, or on PostgreSQL with AWOL_TEST_DB
 * (tests/store_backend.h; meson test store_pg).
 */
#include "helpers.h"
#include "store_backend.h"
#include "awol/store.h"

#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "store");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_tmpdir_remove(tmpdir);
}

static char *db_path(const char *name)
{
	return test_db_target(tmpdir, name);
}

static long count(awol_store *st, const char *sql)
{
	return test_store_long(st, sql);
}

/* Import a fixture as if fetched from `url` (NULL: from its file), reading embedded act texts
 * when `act_texts`, after `edit` (may be NULL) changed its bytes. */
static void import_fixture_edited(awol_store *st, const char *name, const char *url, bool act_texts,
                                  void (*edit)(awol_buf *b))
{
	char *path = fixture_path(name);
	awol_buf b = AWOL_BUF_INIT;
	awol_page *pg = NULL;
	awol_parse_opts o = {0};
	awol_page_source src = {0};
	awol_error err = {0};

	assert_int_equal(awol_file_read(path, &b, NULL), 0);
	if (edit)
		edit(&b);
	o.source = url ? url : path;
	o.url = url;
	o.act_texts = act_texts;
	assert_int_equal(awol_page_parse(b.ptr, b.len, &o, &pg, NULL), 0);
	src.source = url ? url : path;
	src.raw = (const unsigned char *)b.ptr;
	src.raw_len = b.len;
	if (awol_store_import_page(st, pg, &src, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	awol_page_free(pg);
	awol_buf_dispose(&b);
	free(path);
}

static void import_fixture_at(awol_store *st, const char *name, const char *url, bool act_texts)
{
	import_fixture_edited(st, name, url, act_texts, NULL);
}

static void import_fixture(awol_store *st, const char *name)
{
	import_fixture_at(st, name, NULL, false);
}

/*
 * Act texts embedded in a card are stored when read (crawl --acts), with the
 * card as their page; the same bytes imported again by a parser that finds
 * more acts than are stored bring them in (databases from older parsers).
 */
static void test_card_act_texts(void **state)
{
	awol_store *st = NULL;
	char *p = db_path("acts.db");
	static const char *url = "http://x--y.sudrf.ru/modules.php?name=sud_delo&srv_num=1&"
	                         "name_op=case&case_id=5&case_uid=ab-cd&delo_id=1540006";

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, NULL), 0);
	import_fixture_at(st, "handmade_card_acts_primary.html", url, false);
	assert_int_equal(count(st, "SELECT count(*) FROM acts"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE text IS NOT NULL"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE url LIKE '%name_op=doc%'"), 2);
	import_fixture_at(st, "handmade_card_acts_primary.html", url, true);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE length(text) > 20"), 2);
	assert_int_equal(
	    count(st, "SELECT count(*) FROM acts WHERE text LIKE '%Ничего не найдено%'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM acts a JOIN pages p ON p.id = a.page_id "
	                           "WHERE p.kind = 'card'"),
	                 2);
	assert_int_equal(count(st, "SELECT count(*) FROM pages"), 1);
	/* acts lost (an older parser read none): the same bytes again restore them */
	test_store_exec(st, "DELETE FROM acts");
	import_fixture_at(st, "handmade_card_acts_primary.html", url, true);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE length(text) > 20"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM pages"), 1);
	awol_store_close(st);
	free(p);
}

static void test_open_and_migrate(void **state)
{
	char *p = db_path("m.db");
	awol_store *st = NULL;
	awol_error err = {0};
	char *v = NULL;

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, &err), 0);
	assert_int_equal(count(st, test_pg_uri() ? "SELECT max(version) FROM schema_version"
	                                         : "PRAGMA user_version"),
	                 7);
	/* the registry is loaded with the schema: 115 courts with a code */
	assert_int_equal(count(st, "SELECT count(*) FROM courts"), 115);
	assert_int_equal(count(st, "SELECT count(*) FROM courts WHERE level='garrison'"), 104);
	assert_int_equal(awol_store_meta_set(st, "simulated", "1", &err), 0);
	awol_store_close(st);
	/* reopening does not migrate again nor lose data */
	assert_int_equal(awol_store_open(&st, p, NULL, &err), 0);
	assert_int_equal(awol_store_meta_get(st, "simulated", &v, &err), 0);
	assert_string_equal(v, "1");
	free(v);
	assert_int_equal(awol_store_meta_get(st, "nope", &v, &err), 0);
	assert_null(v);
	awol_store_close(st);
	awol_store_close(NULL);
	free(p);
}

static void test_bad_paths(void **state)
{
	awol_store *st = NULL;
	awol_error err = {0};
	awol_store_opts ro = {0};
	char *p = db_path("garbage.db");
	FILE *f;

	(void)state;
	if (test_pg_uri()) {
		free(p);
		skip(); /* files; tests/pg/pg_cli.sh checks the PostgreSQL failures */
	}
	assert_true(awol_store_open(&st, tmpdir, NULL, &err) < 0); /* a directory */
	assert_non_null(strstr(err.msg, tmpdir));
	ro.read_only = true;
	assert_int_equal(awol_store_open(&st, "/nonexistent/x.db", &ro, &err), -AWOL_ENOTFOUND);
	f = fopen(p, "w");
	fputs("this is not a database, just text that is long enough to look like a header", f);
	fclose(f);
	assert_true(awol_store_open(&st, p, NULL, &err) < 0);
	assert_non_null(strstr(err.msg, "garbage.db"));
	assert_null(st);
	free(p);
}

static void test_idempotent_import(void **state)
{
	char *p = db_path("i.db");
	awol_store *st = NULL;

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, NULL), 0);
	import_fixture(st, "card_criminal_1inst_primary.html");
	import_fixture(st, "listing_civil_cassation_primary.html");
	assert_int_equal(count(st, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pages"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM persons"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM charges WHERE article='173.1' AND "
	                           "part='2' AND point='б'"),
	                 1);
	assert_int_equal(count(st, "SELECT count(*) FROM events"), 5);
	assert_int_equal(count(st, "SELECT count(*) FROM parties"), 2);
	/* the same pages again change nothing */
	import_fixture(st, "card_criminal_1inst_primary.html");
	import_fixture(st, "listing_civil_cassation_primary.html");
	assert_int_equal(count(st, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pages"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM events"), 5);
	assert_int_equal(count(st, "SELECT count(*) FROM cases WHERE court_code='03RS0004' AND "
	                           "case_key='03RS0003-01-2026-003803-62'"),
	                 1);
	awol_store_close(st);
	free(p);
}

static awol_page *synthetic_card(const char *uid, const char *number, const char *result,
                                 const char *name)
{
	awol_page *pg = calloc(1, sizeof(*pg));

	pg->file = strdup("synthetic");
	pg->kind = AWOL_PAGE_CARD;
	pg->has_case = true;
	pg->court_code = strdup("77GV0005");
	pg->kase.uid = uid ? strdup(uid) : NULL;
	pg->kase.number = strdup(number);
	pg->kase.received = strdup("2024-01-10");
	pg->kase.result = result ? strdup(result) : NULL;
	pg->npersons = 1;
	pg->persons = calloc(1, sizeof(awol_person));
	pg->persons[0].name = strdup(name);
	pg->persons[0].ncharges = 1;
	pg->persons[0].charges = calloc(1, sizeof(awol_charge));
	pg->persons[0].charges[0].article = strdup("337");
	pg->persons[0].charges[0].part = strdup("5");
	pg->persons[0].charges[0].text = strdup("ст.337 ч.5");
	return pg;
}

static void import_synthetic(awol_store *st, awol_page *pg, const char *source, const char *raw)
{
	awol_page_source src = {0};
	awol_error err = {0};

	src.source = source;
	src.raw = (const unsigned char *)raw;
	src.raw_len = strlen(raw);
	if (awol_store_import_page(st, pg, &src, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	awol_page_free(pg);
}

static void test_update_and_identity(void **state)
{
	char *p = db_path("u.db");
	awol_store *st = NULL;
	char *result;

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, NULL), 0);
	import_synthetic(
	    st, synthetic_card("77GV0005-01-2024-000001-01", "1-1/2024", NULL, "Иванов И.И."), "u1",
	    "v1");
	/* a newer page of the same case (same УИД): updated, not doubled */
	import_synthetic(st,
	                 synthetic_card("77GV0005-01-2024-000001-01", "1-1/2024",
	                                "Вынесен ПРИГОВОР", "Иванов И.И."),
	                 "u1", "v2");
	assert_int_equal(count(st, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM persons"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM charges"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pages"), 2);
	result = test_store_text(st, "SELECT result FROM cases");
	assert_string_equal(result, "Вынесен ПРИГОВОР");
	free(result);
	/* no УИД: identified by number */
	import_synthetic(st, synthetic_card(NULL, "1-2/2024", NULL, "Петров П.П."), "u2", "w1");
	import_synthetic(st,
	                 synthetic_card(NULL, "1-2/2024", "Возвращено прокурору", "Петров П.П."),
	                 "u2", "w2");
	assert_int_equal(count(st, "SELECT count(*) FROM cases"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM cases WHERE case_key='number:1-2/2024'"),
	                 1);
	/* same name, same pseudonym; different names differ; case and spacing do not matter */
	import_synthetic(st, synthetic_card(NULL, "1-3/2024", NULL, "  иванов   и.и. "), "u3",
	                 "x1");
	assert_int_equal(count(st, "SELECT count(DISTINCT pseudonym) FROM persons"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM persons WHERE name IS NOT NULL"), 0);
	awol_store_close(st);
	free(p);
}

static void test_key_file(void **state)
{
	char *p = db_path("k.db");
	char kp[600];
	struct stat sb;
	awol_store *st = NULL;

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, NULL), 0);
	import_synthetic(st, synthetic_card(NULL, "1-9/2024", NULL, "Сидоров С.С."), "k", "k1");
	awol_store_close(st);
	if (test_pg_uri()) /* never in the database: a file of the user's */
		snprintf(kp, sizeof(kp), "%s/awol/key", tmpdir);
	else
		snprintf(kp, sizeof(kp), "%s.key", p);
	assert_int_equal(stat(kp, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 32);
	free(p);
}

/* Does the file contain the bytes of s? */
static bool file_has(const char *path, const char *s)
{
	awol_buf b = AWOL_BUF_INIT;
	bool r = false;

	if (awol_file_read(path, &b, NULL) == 0)
		r = memmem(b.ptr, b.len, s, strlen(s)) != NULL;
	awol_buf_dispose(&b);
	return r;
}

static void check_names(const char *dbfile, bool want_present)
{
	static const char *const fixtures[] = {
	    "card_criminal_1inst_primary.html", "card_civil_1inst_primary.html",
	    "card_civil_1inst_vnkod.html", "handmade_card_criminal_2defendants_cp1251.html",
	    "handmade_card_criminal_vnkod.html"};
	size_t i, j;
	char wal[600];

	if (test_pg_uri())
		return; /* no file to read: the SQL checks of the tests stand */
	snprintf(wal, sizeof(wal), "%s-wal", dbfile);
	for (i = 0; i < AWOL_ARRAY_SIZE(fixtures); i++) {
		awol_page *pg = parse_fixture(fixtures[i]);
		for (j = 0; j < pg->npersons + pg->nparties; j++) {
			const char *n = j < pg->npersons ? pg->persons[j].name
			                                 : pg->parties[j - pg->npersons].name;
			bool has;
			if (!n || strstr(n, "Информация скрыта"))
				continue;
			has = file_has(dbfile, n) || file_has(wal, n);
			if (has != want_present)
				fail_msg("%s: name «%s» %s the database", fixtures[i], n,
				         has ? "found in" : "missing from");
		}
		awol_page_free(pg);
	}
}

static void import_all(const char *p, bool keep)
{
	static const char *const all[] = {"card_criminal_1inst_primary.html",
	                                  "card_civil_1inst_primary.html",
	                                  "card_civil_1inst_vnkod.html",
	                                  "handmade_card_criminal_2defendants_cp1251.html",
	                                  "handmade_card_criminal_vnkod.html",
	                                  "listing_civil_cassation_primary.html",
	                                  "handmade_listing_criminal_primary.html"};
	awol_store *st = NULL;
	awol_store_opts o = {0};
	size_t i;

	o.keep_names = keep;
	assert_int_equal(awol_store_open(&st, p, &o, NULL), 0);
	for (i = 0; i < AWOL_ARRAY_SIZE(all); i++)
		import_fixture(st, all[i]);
	assert_int_equal(count(st, "SELECT count(*) FROM cases"), 5);
	awol_store_close(st);
}

static void test_privacy(void **state)
{
	char *p = db_path("private.db"), *q = db_path("named.db");

	(void)state;
	import_all(p, false);
	check_names(p, false);
	import_all(q, true);
	check_names(q, true); /* the check itself can fail: names are found when kept */
	free(p);
	free(q);
}

/* Replace the first `from` in b (every one when `all`) by `to`: test data from a fixture. */
static void replace(awol_buf *b, const char *from, const char *to, bool all)
{
	awol_buf o = AWOL_BUF_INIT;
	const char *p = awol_buf_cstr(b), *q;

	while ((q = strstr(p, from)) != NULL) {
		awol_buf_put(&o, p, (size_t)(q - p), NULL);
		awol_buf_puts(&o, to, NULL);
		p = q + strlen(from);
		if (!all)
			break;
	}
	awol_buf_puts(&o, p, NULL);
	awol_buf_dispose(b);
	*b = o;
}

/* The act card of a court that did not depersonalise: the defendant named in every form. */
static void name_the_defendant(awol_buf *b)
{
	const char *forms[] = {"Кузнецова Андрея Петровича", "Кузнецову А.П.", "А. П. Кузнецовым"};
	size_t i;

	replace(b, "<td>Информация скрыта</td>", "<td>Кузнецов Андрей Петрович</td>", true);
	for (i = 0; i < AWOL_ARRAY_SIZE(forms); i++)
		replace(b, "<span class=\"FIO3\">ФИО3</span>", forms[i], false);
	assert_null(strstr(awol_buf_cstr(b), "ФИО3"));
}

static void import_named_acts(awol_store *st)
{
	import_fixture_edited(st, "handmade_card_acts_primary.html",
	                      "http://x--y.sudrf.ru/modules.php?name=sud_delo&srv_num=1&"
	                      "name_op=case&case_id=5&case_uid=ab-cd&delo_id=1540006",
	                      true, name_the_defendant);
	assert_int_equal(count(st, "SELECT count(*) FROM persons WHERE pseudonym IS NOT NULL"), 1);
}

/*
 * Act texts a court did not depersonalise: without --keep-names every form of the
 * case's names is replaced by the pseudonym before the text is stored, so the file
 * holds none of them; with --keep-names the texts stay as published.
 */
static void test_act_text_names(void **state)
{
	char *p = db_path("actnames.db"), *q = db_path("actnames-kept.db"), wal[600];
	awol_store *st = NULL;
	awol_store_opts ko = {0};
	char *out = NULL;
	size_t n = 0;
	const char *names[] = {"Ким Андрей Борисович", "Информация скрыта"};

	(void)state;
	assert_int_equal(awol_store_open(&st, p, NULL, NULL), 0);
	import_named_acts(st);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE length(text) > 20"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM acts a JOIN persons p ON p.case_id = "
	                           "a.case_id WHERE instr(a.text, '[' || p.pseudonym || ']') > 0"),
	                 2);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE text LIKE '%Кузнецов%'"), 0);
	/* the same for other code (the verdict reader) with names in hand */
	assert_int_equal(awol_store_redact_names(st, names, 2,
	                                         "подсудимого Кима А.Б. и свидетеля Кима", &out, &n,
	                                         NULL),
	                 0);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "подсудимого ["));
	assert_non_null(strstr(out, "свидетеля Кима"));
	free(out);
	awol_store_close(st);
	snprintf(wal, sizeof(wal), "%s-wal", p);
	if (!test_pg_uri()) {
		assert_false(file_has(p, "Кузнецов") || file_has(wal, "Кузнецов"));
		assert_false(file_has(p, "Андре") || file_has(wal, "Андре"));
	}
	/* the check can fail: kept, the names are there */
	ko.keep_names = true;
	assert_int_equal(awol_store_open(&st, q, &ko, NULL), 0);
	import_named_acts(st);
	assert_int_equal(count(st, "SELECT count(*) FROM acts WHERE text LIKE '%Кузнецову А.П.%'"),
	                 1);
	awol_store_close(st);
	free(p);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_and_migrate),  cmocka_unit_test(test_bad_paths),
	    cmocka_unit_test(test_idempotent_import), cmocka_unit_test(test_update_and_identity),
	    cmocka_unit_test(test_key_file),          cmocka_unit_test(test_privacy),
	    cmocka_unit_test(test_card_act_texts),    cmocka_unit_test(test_act_text_names),
	};
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
