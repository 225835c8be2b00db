/*
 * Outcomes in the store: an act text stored is read at once, one row per
 * defendant with its act; a newer act of the same case supersedes an older
 * one and both are kept; a changed text is read again; without --keep-names
 * no name of the case's defendants is stored in an outcome; existing act
 * texts are read on demand.
 */
#include "helpers.h"
#include "awol/outcomes.h"
#include "awol/store.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, sizeof(tmpdir), "outcomes");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_tmpdir_remove(tmpdir);
}

static const char VERDICT[] =
    "ПРИГОВОР\nрассмотрев дело в отношении Петрова Сергея Ивановича, проходящего военную "
    "службу по контракту,\nУСТАНОВИЛ: Петров С.И. 3 марта 2023 г. самовольно оставил воинскую "
    "часть и до 17 мая 2023 г. проводил время по своему усмотрению, когда был задержан.\n"
    "ПРИГОВОРИЛ:\nПризнать Петрова С.И. виновным в совершении преступления, предусмотренного "
    "ч. 5 ст. 337 УК РФ, и назначить ему наказание в виде лишения свободы на срок 5 (пять) лет "
    "с отбыванием наказания в исправительной колонии общего режима.\n";
static const char APPEAL_LIKE[] =
    "ПОСТАНОВЛЕНИЕ\nПОСТАНОВИЛ:\nПризнать Петрова С.И. виновным в совершении преступления, "
    "предусмотренного ч. 4 ст. 337 УК РФ, и назначить ему наказание в виде лишения свободы на "
    "срок 2 года.\nНа основании ст. 73 УК РФ назначенное Петрову С.И. наказание считать "
    "условным с испытательным сроком 2 года.\n";
static const char COSTS[] =
    "ПОСТАНОВЛЕНИЕ\nПОСТАНОВИЛ:\nПроцессуальные издержки возместить за счет средств "
    "федерального бюджета.\n";

/* A card of one case (defendant Петров Сергей Иванович) with acts whose texts are given. */
static void import_card(awol_store *st, const char *source, const char *const *texts, size_t n)
{
	awol_page pg;
	awol_person person;
	awol_charge ch;
	awol_act acts[4];
	awol_page_source src = {0};
	awol_error err = {0};
	char urls[4][64];
	size_t i;

	memset(&pg, 0, sizeof(pg));
	memset(&person, 0, sizeof(person));
	memset(&ch, 0, sizeof(ch));
	memset(acts, 0, sizeof(acts));
	pg.kind = AWOL_PAGE_CARD;
	pg.has_case = true;
	pg.court_code = (char *)(uintptr_t) "50GV0001";
	pg.kase.number = (char *)(uintptr_t) "1-7/2023";
	pg.kase.uid = (char *)(uintptr_t) "50GV0001-01-2023-000007-11";
	pg.kase.decided = (char *)(uintptr_t) "2023-07-01";
	person.name = (char *)(uintptr_t) "Петров Сергей Иванович";
	ch.law = (char *)(uintptr_t) "УК РФ";
	ch.article = (char *)(uintptr_t) "337";
	ch.part = (char *)(uintptr_t) "5";
	ch.text = (char *)(uintptr_t) "ч. 5 ст. 337 УК РФ";
	person.charges = &ch;
	person.ncharges = 1;
	pg.persons = &person;
	pg.npersons = 1;
	for (i = 0; i < n; i++) {
		snprintf(urls[i], sizeof(urls[i]), "http://x/act%zu", i + 1);
		acts[i].title = (char *)(uintptr_t) "Акт";
		acts[i].url = urls[i];
		acts[i].text = (char *)(uintptr_t)texts[i];
	}
	pg.acts = acts;
	pg.nacts = n;
	src.source = source;
	src.raw = (const unsigned char *)source;
	src.raw_len = strlen(source);
	if (awol_store_import_page(st, &pg, &src, NULL, &err) < 0)
		fail_msg("%s", err.msg);
}

static long q(awol_store *st, const char *sql)
{
	return test_sql_long(awol_store_db(st), sql);
}

static void test_read_supersede_privacy(void **state)
{
	char path[512], cmd[1024];
	awol_store *st = NULL;
	awol_error err = {0};
	const char *one[] = {VERDICT}, *three[] = {VERDICT, APPEAL_LIKE, COSTS};

	(void)state;
	snprintf(path, sizeof(path), "%s/o.db", tmpdir);
	assert_int_equal(awol_store_open(&st, path, NULL, &err), 0);
	import_card(st, "card-v1", one, 1);
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes"), 1);
	assert_int_equal(q(st, "SELECT months FROM outcomes WHERE outcome = 'convicted' AND "
	                       "punishment = 'imprisonment' AND regime = 'general' AND current"),
	                 60);
	assert_int_equal(q(st, "SELECT count(*) FROM outcome_articles WHERE article = '337' AND "
	                       "part = '5'"),
	                 1);
	assert_int_equal(q(st, "SELECT absence_days FROM outcomes"), 75);
	/* the label is a name: a pseudonym, no label, the evidence masked */
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes WHERE label IS NULL AND "
	                       "length(pseudonym) = 32"),
	                 1);
	/* «Петрова С.И.» is the card's «Петров Сергей Иванович»: his pseudonym, his seq */
	assert_int_equal(q(st,
	                   "SELECT count(*) FROM outcomes o JOIN persons p ON p.case_id = "
	                   "o.case_id AND p.seq = o.person_seq WHERE p.pseudonym = o.pseudonym"),
	                 1);
	/* a newer act that states an outcome supersedes; a decision on costs does not */
	import_card(st, "card-v2", three, 3);
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes"), 3);
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes WHERE current"), 1);
	assert_int_equal(q(st, "SELECT a.seq FROM outcomes o JOIN acts a ON a.id = o.act_id WHERE "
	                       "o.current"),
	                 1);
	assert_int_equal(q(st, "SELECT suspended FROM outcomes WHERE current"), 1);
	/* the older reading is kept */
	assert_int_equal(q(st, "SELECT months FROM outcomes o JOIN acts a ON a.id = o.act_id WHERE "
	                       "a.seq = 0"),
	                 60);
	/* read on demand: nothing new, then everything again */
	{
		size_t n = 99;
		assert_int_equal(awol_store_outcomes_read_acts(st, false, &n, &err), 0);
		assert_int_equal(n, 0);
		assert_int_equal(awol_store_outcomes_read_acts(st, true, &n, &err), 0);
		assert_int_equal(n, 3);
		assert_int_equal(q(st, "SELECT count(*) FROM outcomes"), 3);
		assert_int_equal(q(st, "SELECT count(*) FROM outcomes WHERE current"), 1);
	}
	/* the act texts were stored with the name as its pseudonym, and read so */
	assert_int_equal(q(st, "SELECT count(*) FROM acts WHERE instr(text, 'Петров') > 0"), 0);
	assert_int_equal(q(st,
	                   "SELECT count(*) FROM outcomes o JOIN persons p ON p.case_id = "
	                   "o.case_id AND p.seq = o.person_seq WHERE p.pseudonym = o.pseudonym "
	                   "AND instr(o.evidence_outcome, 'Признать [' || p.pseudonym || ']') = 1"),
	                 3 - 1); /* the costs decision names nobody */
	/* a text stored with the names (a database older than their removal) read again: the
	 * quotes go through the same replacement as the texts */
	{
		size_t n = 0;
		sqlite3_stmt *u = NULL;
		assert_int_equal(sqlite3_prepare_v2(awol_store_db(st),
		                                    "UPDATE acts SET text = ? WHERE seq = 0", -1,
		                                    &u, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(u, 1, VERDICT, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(u), SQLITE_DONE);
		sqlite3_finalize(u);
		assert_int_equal(awol_store_outcomes_read_acts(st, false, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(q(st, "SELECT count(*) FROM outcomes WHERE evidence_outcome LIKE "
		                       "'Признать ФИО-%'"),
		                 1);
	}
	awol_store_close(st);
	/* no name of the defendant in any outcome column */
	snprintf(cmd, sizeof(cmd),
	         "sqlite3 %s \"SELECT * FROM outcomes; SELECT * FROM outcome_articles;\" | grep -c "
	         "'Петров' >/dev/null",
	         path);
	assert_int_not_equal(system(cmd), 0);
}

static void test_keep_names_and_changed_text(void **state)
{
	char path[512];
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const char *one[] = {VERDICT}, *other[] = {APPEAL_LIKE};

	(void)state;
	snprintf(path, sizeof(path), "%s/k.db", tmpdir);
	so.keep_names = true;
	assert_int_equal(awol_store_open(&st, path, &so, &err), 0);
	import_card(st, "card-k1", one, 1);
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes WHERE label = 'Петрова С.И.' AND "
	                       "evidence_outcome LIKE 'Признать Петрова С.И.%'"),
	                 1);
	/* read again from the store: linked through the names kept */
	{
		size_t n = 0;
		assert_int_equal(awol_store_outcomes_read_acts(st, true, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(q(st, "SELECT person_seq FROM outcomes"), 0);
	}
	/* the same act with another text: read again, the old reading goes with the old text */
	import_card(st, "card-k2", other, 1);
	assert_int_equal(q(st, "SELECT count(*) FROM outcomes"), 1);
	assert_int_equal(q(st, "SELECT months FROM outcomes"), 24);
	awol_store_close(st);
}

/* A database of schema 3 or 4 (before the outcomes) gets them when opened: version 5. */
static void test_migrate_3_and_4(void **state)
{
	static const char *const back[] = {
	    "ALTER TABLE court_status DROP COLUMN error; DROP TABLE name_stems;", /* to 3 */
	    "",                                                                   /* to 4 */
	};
	char path[512];
	int from;

	(void)state;
	for (from = 3; from <= 4; from++) {
		awol_store *st = NULL;
		awol_error err = {0};
		const char *one[] = {VERDICT};
		char sql[512];
		size_t n = 0;
		snprintf(path, sizeof(path), "%s/m%d.db", tmpdir, from);
		assert_int_equal(awol_store_open(&st, path, NULL, &err), 0);
		import_card(st, "card-m", one, 1);
		snprintf(
		    sql, sizeof(sql),
		    "DROP TRIGGER acts_text_outcomes; DROP TRIGGER acts_delete_outcomes; DROP "
		    "TABLE outcome_articles; DROP TABLE outcomes; %s PRAGMA user_version = %d;",
		    back[from - 3], from);
		assert_int_equal(sqlite3_exec(awol_store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
		awol_store_close(st);
		st = NULL;
		assert_int_equal(awol_store_open(&st, path, NULL, &err), 0);
		assert_int_equal(q(st, "PRAGMA user_version"), 7);
		assert_int_equal(q(st, "SELECT count(*) FROM outcomes"), 0);
		/* the texts stored before are read on demand (awol outcomes --read) */
		assert_int_equal(awol_store_outcomes_read_acts(st, false, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(q(st, "SELECT months FROM outcomes WHERE current"), 60);
		awol_store_close(st);
	}
}

/* The rows of the shares and terms, as text: "period start end days partial measure value
 * count/base" and "period group n median". */
static int collect_share(void *ctx, const awol_outcome_period *p, const char *measure,
                         const char *value, long count, long base, const char *base_is)
{
	char *out = ctx;
	size_t l = strlen(out);

	(void)base_is;
	snprintf(out + l, 4096 - l, "%s %s %s %ld %d %s %s %ld/%ld\n", p ? p->period : "-",
	         p ? p->start : "-", p ? p->end : "-", p ? p->days : 0, p ? p->partial : 0, measure,
	         value, count, base);
	return 0;
}

static int collect_terms(void *ctx, const awol_term_stats *s)
{
	char *out = ctx;
	size_t l = strlen(out);

	snprintf(out + l, 4096 - l, "%s %s %ld %.0f\n", s->period ? s->period->period : "-",
	         s->group, s->n, s->median);
	return 0;
}

/* Periods and filters of the shares and terms: by the day decided (2023-07-01 here). */
static void test_periods_and_filters(void **state)
{
	char path[512], out[4096];
	awol_store *st = NULL;
	awol_error err = {0};
	const char *one[] = {VERDICT};
	awol_outcome_query qq = {0};

	(void)state;
	snprintf(path, sizeof(path), "%s/p.db", tmpdir);
	assert_int_equal(awol_store_open(&st, path, NULL, &err), 0);
	import_card(st, "card-p", one, 1);
	/* quarters cut by from/to: each says its days and that it is partial */
	qq.by = "quarter";
	qq.from = "2023-05-15";
	qq.to = "2023-09-10";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_shares(st, &qq, collect_share, out, &err), 0);
	assert_non_null(strstr(out, "2023-Q2 2023-05-15 2023-06-30 47 1 cases decided 0/0\n"));
	assert_null(strstr(out, "2023-Q2 2023-05-15 2023-06-30 47 1 sentence"));
	assert_non_null(strstr(out, "2023-Q3 2023-07-01 2023-09-10 72 1 cases decided 1/1\n"));
	assert_non_null(
	    strstr(out, "2023-Q3 2023-07-01 2023-09-10 72 1 sentence imprisonment, real 1/1\n"));
	/* the card's charges: part 5 of 337 yes, 338 no */
	qq.by = NULL;
	qq.from = qq.to = NULL;
	qq.articles = "337";
	qq.parts = "4,5";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_shares(st, &qq, collect_share, out, &err), 0);
	assert_non_null(strstr(out, "- - - 0 0 sentence imprisonment, real 1/1\n"));
	qq.articles = "338";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_shares(st, &qq, collect_share, out, &err), 0);
	assert_null(strstr(out, "sentence"));
	qq.articles = qq.parts = NULL;
	qq.courts = "50GV0002";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_shares(st, &qq, collect_share, out, &err), 0);
	assert_non_null(strstr(out, "cases decided 0/0"));
	/* months without from/to: whole periods from the first decision to the last */
	qq.courts = NULL;
	qq.by = "month";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_terms(st, &qq, "sentence", collect_terms, out, &err),
	                 0);
	assert_string_equal(out, "2023-07 imprisonment, real 1 60\n");
	/* a month with no conviction still has its row */
	qq.from = "2023-06-01";
	qq.to = "2023-07-31";
	out[0] = '\0';
	assert_int_equal(awol_store_outcomes_terms(st, &qq, NULL, collect_terms, out, &err), 0);
	assert_string_equal(out, "2023-06 all 0 0\n2023-07 all 1 60\n");
	qq.by = "decade";
	assert_int_equal(awol_store_outcomes_terms(st, &qq, NULL, collect_terms, out, &err),
	                 -AWOL_EINVAL);
	assert_int_equal(awol_store_outcomes_shares(st, &qq, collect_share, out, &err),
	                 -AWOL_EINVAL);
	awol_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read_supersede_privacy),
	    cmocka_unit_test(test_keep_names_and_changed_text),
	    cmocka_unit_test(test_migrate_3_and_4),
	    cmocka_unit_test(test_periods_and_filters),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
