/*
 * The schema in PostgreSQL: the same tables, columns and meaning as schema.c
 * (docs/schema.md), in PostgreSQL's types: TEXT, BIGINT, BIGSERIAL ids, DOUBLE
 * PRECISION.  The version lives in the table schema_version (SQLite keeps it in
 * PRAGMA user_version) and counts the same migrations: PostgreSQL support began at
 * version 4, so its first step creates the version-4 schema at once and the steps to
 * versions 2..4 are empty; later migrations (5: outcomes) have a step in both lists.
 *
 * The generation counter of the case-count summary is bumped by statement-level
 * triggers, once per writing transaction (SQLite bumps once per row): the summary only
 * asks whether the counter moved.
 */
#include "util/common.h"
#include "store_priv.h"

/* pg_advisory_xact_lock key: "awol" in ASCII; every awol process migrating waits on it */
#define MIGRATION_LOCK "1635217260"

static const char *const migrations[] = {
    /* 0 -> 4 */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE courts (code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT,\n"
    "  level TEXT, host TEXT, region_code TEXT, region TEXT, city TEXT, parent_code TEXT,\n"
    "  district_code TEXT, status TEXT, template TEXT, has_captcha BIGINT NOT NULL DEFAULT 0,\n"
    "  servers BIGINT);\n"
    "CREATE TABLE pages (id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
    "  size BIGINT, kind TEXT NOT NULL, template TEXT, court_code TEXT,\n"
    "  seen_at TEXT NOT NULL, fetched_at TEXT, error TEXT, UNIQUE(source, sha256));\n"
    "CREATE INDEX pages_sha256 ON pages(sha256);\n"
    "CREATE TABLE cases (id BIGSERIAL PRIMARY KEY, court_code TEXT NOT NULL,\n"
    "  case_key TEXT NOT NULL, number TEXT, uid TEXT, received TEXT, judge TEXT,\n"
    "  decided TEXT, result TEXT, category TEXT, proceeding TEXT, instance TEXT,\n"
    "  page_id BIGINT REFERENCES pages(id), first_seen TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
    "  UNIQUE(court_code, case_key));\n"
    "CREATE INDEX cases_received ON cases(received);\n"
    "CREATE INDEX cases_decided ON cases(decided);\n"
    "CREATE TABLE persons (id BIGSERIAL PRIMARY KEY,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq BIGINT NOT NULL,\n"
    "  pseudonym TEXT, name TEXT, name_hidden BIGINT NOT NULL DEFAULT 0, decided TEXT,\n"
    "  result TEXT, UNIQUE(case_id, seq));\n"
    "CREATE INDEX persons_case ON persons(case_id);\n"
    "CREATE TABLE charges (id BIGSERIAL PRIMARY KEY,\n"
    "  person_id BIGINT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq BIGINT NOT NULL,\n"
    "  law TEXT, article TEXT, part TEXT, point TEXT, text TEXT);\n"
    "CREATE INDEX charges_article ON charges(article, part);\n"
    "CREATE INDEX charges_case ON charges(case_id);\n"
    "CREATE INDEX charges_person ON charges(person_id);\n"
    "CREATE TABLE events (id BIGSERIAL PRIMARY KEY,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq BIGINT NOT NULL,\n"
    "  name TEXT, date TEXT, time TEXT, place TEXT, result TEXT, reason TEXT);\n"
    "CREATE INDEX events_case ON events(case_id);\n"
    "CREATE TABLE parties (id BIGSERIAL PRIMARY KEY,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq BIGINT NOT NULL,\n"
    "  role TEXT, pseudonym TEXT, name TEXT);\n"
    "CREATE INDEX parties_case ON parties(case_id);\n"
    "CREATE TABLE acts (id BIGSERIAL PRIMARY KEY,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq BIGINT NOT NULL,\n"
    "  title TEXT, url TEXT, text TEXT, page_id BIGINT REFERENCES pages(id));\n"
    "CREATE INDEX acts_case ON acts(case_id);\n"
    "CREATE INDEX acts_url ON acts(url);\n"
    "CREATE TABLE coverage (id BIGSERIAL PRIMARY KEY, court_code TEXT NOT NULL,\n"
    "  server BIGINT NOT NULL DEFAULT 1,\n"
    "  article TEXT NOT NULL, date_axis TEXT NOT NULL DEFAULT 'received',\n"
    "  date_from TEXT NOT NULL, date_to TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',\n"
    "  expected BIGINT, collected BIGINT NOT NULL DEFAULT 0, error TEXT, updated_at TEXT,\n"
    "  UNIQUE(court_code, server, article, date_axis, date_from, date_to));\n"
    "CREATE TABLE court_status (court_code TEXT PRIMARY KEY, status TEXT NOT NULL,\n"
    "  requests BIGINT NOT NULL DEFAULT 0, errors BIGINT NOT NULL DEFAULT 0,\n"
    "  throttled BIGINT NOT NULL DEFAULT 0, captcha_image TEXT, captcha_id TEXT,\n"
    "  captcha_answer TEXT, note TEXT, updated_at TEXT, error TEXT);\n"
    "CREATE TABLE figures (id TEXT PRIMARY KEY, metric TEXT, value DOUBLE PRECISION,\n"
    "  unit TEXT, articles TEXT, period_start TEXT, period_end TEXT, geography TEXT,\n"
    "  source TEXT, published TEXT, url TEXT, imported_from TEXT, imported_at TEXT);\n"
    "CREATE TABLE article_sets (id BIGSERIAL PRIMARY KEY, articles TEXT NOT NULL);\n"
    "CREATE TABLE article_set_members (set_id BIGINT NOT NULL REFERENCES article_sets(id),\n"
    "  article TEXT);\n"
    "CREATE INDEX article_set_members_set ON article_set_members(set_id);\n"
    "CREATE TABLE result_texts (id BIGSERIAL PRIMARY KEY, result TEXT);\n"
    "CREATE TABLE case_counts (date_axis TEXT NOT NULL, segment TEXT NOT NULL,\n"
    "  court_code TEXT NOT NULL, set_id BIGINT NOT NULL, result_id BIGINT NOT NULL,\n"
    "  cases BIGINT NOT NULL,\n"
    "  PRIMARY KEY (date_axis, segment, court_code, set_id, result_id));\n"
    "CREATE TABLE name_stems (case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,\n"
    "  pseudonym TEXT NOT NULL, anchor BIGINT NOT NULL, stem TEXT NOT NULL,\n"
    "  UNIQUE(case_id, pseudonym, stem));\n"
    "INSERT INTO meta (key, value) VALUES ('data_generation', '1');\n"
    /* SQLite's instr(), so that list tests read alike in both (inlined by the planner) */
    "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT\n"
    "  AS 'SELECT strpos($1, $2)';\n"
    "CREATE FUNCTION awol_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_generation';\n"
    "  RETURN NULL;\n"
    "END $$;\n"
#define BUMP " FOR EACH STATEMENT EXECUTE FUNCTION awol_bump_generation();\n"
    "CREATE TRIGGER cases_insert_gen AFTER INSERT ON cases" BUMP
    "CREATE TRIGGER cases_delete_gen AFTER DELETE ON cases" BUMP
    "CREATE TRIGGER cases_update_gen AFTER UPDATE OF id, court_code, received, decided,\n"
    "  result ON cases" BUMP "CREATE TRIGGER persons_insert_gen AFTER INSERT ON persons" BUMP
    "CREATE TRIGGER persons_delete_gen AFTER DELETE ON persons" BUMP
    "CREATE TRIGGER persons_update_gen AFTER UPDATE OF id, case_id ON persons" BUMP
    "CREATE TRIGGER charges_insert_gen AFTER INSERT ON charges" BUMP
    "CREATE TRIGGER charges_delete_gen AFTER DELETE ON charges" BUMP
    "CREATE TRIGGER charges_update_gen AFTER UPDATE OF person_id, article ON charges" BUMP,
#undef BUMP
    /* 1 -> 2, 2 -> 3, 3 -> 4: in the first step */
    "",
    "",
    "",
    /*
     * 4 -> 5: what the act texts say of each defendant (schema.c).  Foreign keys always
     * hold in PostgreSQL, so ON DELETE CASCADE does what SQLite's delete triggers do;
     * a changed text takes its reading with it by a row trigger.
     */
    "CREATE TABLE outcomes (id BIGSERIAL PRIMARY KEY,\n"
    "  act_id BIGINT NOT NULL REFERENCES acts(id) ON DELETE CASCADE,\n"
    "  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,\n"
    "  seq BIGINT NOT NULL, current BIGINT NOT NULL DEFAULT 1,\n"
    "  person_seq BIGINT, label TEXT, pseudonym TEXT, act_kind TEXT, appeal BIGINT NOT NULL\n"
    "  DEFAULT 0, outcome TEXT NOT NULL, ground TEXT, reason TEXT,\n"
    "  punishment TEXT, suspended BIGINT, months BIGINT, redacted BIGINT, regime TEXT,\n"
    "  probation_months BIGINT, fine_rub BIGINT, below_minimum BIGINT, additional TEXT,\n"
    "  service TEXT, absence_from TEXT, absence_to TEXT, absence_days BIGINT,\n"
    "  absence_ended TEXT, evidence_outcome TEXT, evidence_punishment TEXT,\n"
    "  evidence_service TEXT, evidence_absence TEXT, read_at TEXT NOT NULL,\n"
    "  UNIQUE(act_id, seq));\n"
    "CREATE INDEX outcomes_case ON outcomes(case_id);\n"
    "CREATE TABLE outcome_articles (outcome_id BIGINT NOT NULL REFERENCES outcomes(id)\n"
    "  ON DELETE CASCADE, seq BIGINT NOT NULL, law TEXT, article TEXT, part TEXT,\n"
    "  point TEXT);\n"
    "CREATE INDEX outcome_articles_outcome ON outcome_articles(outcome_id);\n"
    "CREATE FUNCTION awol_act_text_changed() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  DELETE FROM outcomes WHERE act_id = OLD.id;\n"
    "  RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER acts_text_outcomes AFTER UPDATE OF text ON acts FOR EACH ROW\n"
    "  WHEN (NEW.text IS DISTINCT FROM OLD.text) EXECUTE FUNCTION awol_act_text_changed();\n",
    /* 5 -> 6: the cases of a listing page in court order, the cases of an article (schema.c) */
    "CREATE INDEX IF NOT EXISTS cases_court_order ON cases(court_code, received, number);\n"
    "CREATE INDEX IF NOT EXISTS charges_article_case ON charges(article, case_id);\n",
    /* 6 -> 7: a crawl shared by many workers (schema.c) */
    "CREATE TABLE IF NOT EXISTS crawl_courts (court_code TEXT PRIMARY KEY, plan TEXT NOT NULL,\n"
    "  state TEXT NOT NULL DEFAULT 'todo', worker TEXT, lease_until DOUBLE PRECISION,\n"
    "  next_at DOUBLE PRECISION NOT NULL DEFAULT 0, work BIGINT NOT NULL DEFAULT 0,\n"
    "  error TEXT, wanted_by TEXT);\n"
    "CREATE TABLE IF NOT EXISTS crawl_workers (name TEXT PRIMARY KEY, plan TEXT NOT NULL, host "
    "TEXT,\n"
    "  pid BIGINT, lease DOUBLE PRECISION NOT NULL, started_at DOUBLE PRECISION NOT NULL,\n"
    "  seen_at DOUBLE PRECISION NOT NULL, state TEXT NOT NULL,\n"
    "  requests BIGINT NOT NULL DEFAULT 0, errors BIGINT NOT NULL DEFAULT 0,\n"
    "  last_request_at DOUBLE PRECISION, last_error TEXT);\n"
    "CREATE TABLE IF NOT EXISTS crawl_blocks (court_code TEXT NOT NULL, worker TEXT NOT NULL,\n"
    "  reason TEXT, PRIMARY KEY (court_code, worker));\n",
};

/*
 * The rules of lib/stats as SQL functions, for the counting queries PostgreSQL runs
 * (SQLite calls the C functions instead): awol_period = awol_stats_period,
 * awol_outcome = awol_stats_outcome ("unrecognised" for NULL), awol_fold =
 * awol_text_icontains' folding (ASCII and Cyrillic case, Latin look-alikes, Ё as Е;
 * by translate(), so that no collation of the server changes it).  They are written
 * twice, here and in C: tests/pg/pg_stats.sh compares every answer of both backends.
 * Replaced whenever FUNCTIONS_VERSION changes (an awol with other rules).  awol_period
 * is STABLE, as to_char() and the date cast in it are: an IMMUTABLE function over
 * STABLE ones is never inlined, and inlined it counts 6 times faster.
 */
#define FUNCTIONS_VERSION "4"
static const char FUNCTIONS[] =
    /*
     * The generation moves once per writing transaction: enough to tell a summary stale,
     * and a row updated at every statement of a long transaction (db copy, a big parse)
     * would pile up versions of itself, each write slower than the last.
     */
    "CREATE OR REPLACE FUNCTION awol_bump_generation() RETURNS trigger LANGUAGE plpgsql AS\n"
    "$$ BEGIN\n"
    "  IF current_setting('awol.bumped', true) IS DISTINCT FROM txid_current()::text THEN\n"
    "    UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_generation';\n"
    "    PERFORM set_config('awol.bumped', txid_current()::text, true);\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$;\n"
    "CREATE OR REPLACE FUNCTION awol_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE\n"
    "  AS $$ SELECT translate(t, "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZaceopxykmhbtАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁё',\n"
    "  'авсdеfgнijкlмnорqrsтuvwхуzасеорхукмнвтабвгдежзийклмнопрстуфхцчшщъыьэюяее') $$;\n"
    "CREATE OR REPLACE FUNCTION awol_iso_ok(d text) RETURNS boolean LANGUAGE sql IMMUTABLE\n"
    "  AS $$ SELECT CASE WHEN d IS NULL OR d !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false\n"
    "  ELSE substr(d, 1, 4)::int BETWEEN 1800 AND 2200 AND substr(d, 6, 2)::int BETWEEN 1\n"
    "  AND 12 AND substr(d, 9, 2)::int >= 1 AND substr(d, 9, 2)::int <= CASE WHEN\n"
    "  substr(d, 6, 2)::int IN (4, 6, 9, 11) THEN 30 WHEN substr(d, 6, 2)::int = 2 THEN\n"
    "  CASE WHEN (substr(d, 1, 4)::int % 4 = 0 AND substr(d, 1, 4)::int % 100 <> 0) OR\n"
    "  substr(d, 1, 4)::int % 400 = 0 THEN 29 ELSE 28 END ELSE 31 END END $$;\n"
    "CREATE OR REPLACE FUNCTION awol_period(d text, by text) RETURNS text LANGUAGE sql\n"
    "  STABLE AS $$ SELECT CASE WHEN by IS NULL OR NOT awol_iso_ok(d) THEN NULL\n"
    "  WHEN by = 'month' THEN substr(d, 1, 7) WHEN by = 'year' THEN substr(d, 1, 4)\n"
    "  WHEN by = 'quarter' THEN substr(d, 1, 4) || '-Q' || ((substr(d, 6, 2)::int - 1) / 3 + 1)\n"
    "  WHEN by = 'half' THEN substr(d, 1, 4) || CASE WHEN substr(d, 6, 2)::int <= 6 THEN\n"
    "  '-H1' ELSE '-H2' END WHEN by = 'week' THEN to_char(d::date, 'IYYY-\"W\"IW') END $$;\n"
    /*
     * PL/pgSQL, so that the text is folded once: as an SQL function it was inlined with
     * awol_fold() repeated in every test (translate() over Cyrillic costs about 5 us),
     * and the outcome column made an export of the cases three times slower.
     */
    "CREATE OR REPLACE FUNCTION awol_outcome(r text) RETURNS text LANGUAGE plpgsql IMMUTABLE\n"
    "  AS $$ DECLARE f text; BEGIN\n"
    "  IF r IS NULL OR r = '' THEN RETURN 'pending'; END IF;\n"
    "  f := awol_fold(r);\n"
    "  RETURN CASE WHEN strpos(f, 'приговор') > 0 THEN 'convicted'\n"
    "  WHEN strpos(f, 'прекращ') > 0 THEN CASE\n"
    "    WHEN strpos(f, 'штраф') > 0 THEN 'terminated:judicial-fine'\n"
    "    WHEN strpos(f, 'примирен') > 0 THEN 'terminated:reconciliation'\n"
    "    WHEN strpos(f, 'амнист') > 0 THEN 'terminated:amnesty'\n"
    "    WHEN strpos(f, 'смерт') > 0 THEN 'terminated:death'\n"
    "    ELSE 'terminated:other' END\n"
    "  WHEN strpos(f, 'прокурор') > 0 THEN 'returned-to-prosecutor'\n"
    "  WHEN strpos(f, 'подсудност') > 0 OR strpos(f, 'направлено по') > 0 THEN 'transferred'\n"
    "  ELSE 'unrecognised' END;\n"
    "END $$;\n"
    "CREATE OR REPLACE FUNCTION awol_export_outcome(r text) RETURNS text LANGUAGE sql\n"
    "  IMMUTABLE AS $$ SELECT awol_outcome(r) $$;\n";

static int read_version(awol_store *st, int *version, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, "SELECT max(version) FROM schema_version", &s, err);

	*version = 0;
	if (rc == 0)
		rc = awol_db_step(s, err);
	if (rc == 1)
		*version = (int)awol_db_column_int64(s, 0);
	awol_db_finalize(s);
	if (rc >= 0)
		rc = awol_store_version_check(st, *version, err);
	return rc;
}

/*
 * Every collector may open a new database at once: the whole migration runs in one
 * transaction holding an advisory lock, so one process migrates and the others find
 * the work done when the lock is theirs.
 */
int awol_store_migrate_pg(awol_store *st, awol_error *err)
{
	int version = 0, rc;
	char sql[96];

	if ((int)AWOL_ARRAY_SIZE(migrations) != awol_store_schema_version())
		return awol_error_set(err, AWOL_EINVAL, "%s: migrations of both stores differ",
		                      st->path);
	rc = awol_store_exec(st,
	                     "BEGIN; SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ");"
	                     "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
	                     err);
	if (rc == 0)
		rc = read_version(st, &version, err);
	if (rc == 0 && version < (int)AWOL_ARRAY_SIZE(migrations)) {
		int from = version;
		for (; rc == 0 && version < (int)AWOL_ARRAY_SIZE(migrations); version++)
			if (*migrations[version])
				rc = awol_store_exec(st, migrations[version], err);
		if (rc == 0 && from == 0)
			rc = awol_store_seed(st, err);
		snprintf(sql, sizeof(sql),
		         "DELETE FROM schema_version; INSERT INTO schema_version VALUES (%d)",
		         version);
		if (rc == 0)
			rc = awol_store_exec(st, sql, err);
	}
	if (rc == 0) {
		char *have = NULL;
		rc = awol_store_meta_get(st, "sql_functions", &have, err);
		if (rc == 0 && (!have || strcmp(have, FUNCTIONS_VERSION) != 0)) {
			rc = awol_store_exec(st, FUNCTIONS, err);
			if (rc == 0)
				rc = awol_store_meta_set(st, "sql_functions", FUNCTIONS_VERSION,
				                         err);
		}
		free(have);
	}
	if (rc < 0) {
		awol_store_exec(st, "ROLLBACK", NULL);
		return rc;
	}
	return awol_store_exec(st, "COMMIT", err);
}
