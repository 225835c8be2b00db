/*
 * The schema and its migrations, keyed on PRAGMA user_version.  Each entry
 * upgrades from version i to i+1 inside one transaction.  Never edit a
 * released migration: add a new one.  docs/schema.md describes the result.
 */
#include "util/common.h"
#include "store_priv.h"

static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE courts (code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT,\n"
    "  level TEXT, host TEXT, region_code TEXT, region TEXT, city TEXT, parent_code TEXT,\n"
    "  district_code TEXT, status TEXT, template TEXT, has_captcha INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE pages (id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
    "  size INTEGER, kind TEXT NOT NULL, template TEXT, court_code TEXT,\n"
    "  seen_at TEXT NOT NULL, fetched_at TEXT, error TEXT, UNIQUE(source, sha256));\n"
    "CREATE INDEX pages_sha256 ON pages(sha256);\n"
    "CREATE TABLE cases (id INTEGER PRIMARY KEY, court_code TEXT NOT NULL,\n"
    "  case_key TEXT NOT NULL, number TEXT, uid TEXT, received TEXT, judge TEXT,\n"
    "  decided TEXT, result TEXT, category TEXT, proceeding TEXT, instance TEXT,\n"
    "  page_id INTEGER REFERENCES pages(id), first_seen TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
    "  UNIQUE(court_code, case_key));\n"
    "CREATE INDEX cases_received ON cases(received);\n"
    "CREATE INDEX cases_decided ON cases(decided);\n"
    "CREATE TABLE persons (id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n"
    "  pseudonym TEXT, name TEXT, name_hidden INTEGER NOT NULL DEFAULT 0, decided TEXT,\n"
    "  result TEXT, UNIQUE(case_id, seq));\n"
    "CREATE TABLE charges (id INTEGER PRIMARY KEY,\n"
    "  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n"
    "  law TEXT, article TEXT, part TEXT, point TEXT, text TEXT);\n"
    "CREATE INDEX charges_article ON charges(article, part);\n"
    "CREATE INDEX charges_case ON charges(case_id);\n"
    "CREATE TABLE events (id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n"
    "  name TEXT, date TEXT, time TEXT, place TEXT, result TEXT, reason TEXT);\n"
    "CREATE INDEX events_case ON events(case_id);\n"
    "CREATE TABLE parties (id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n"
    "  role TEXT, pseudonym TEXT, name TEXT);\n"
    "CREATE INDEX parties_case ON parties(case_id);\n"
    "CREATE TABLE acts (id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n"
    "  title TEXT, url TEXT, text TEXT);\n"
    "CREATE INDEX acts_case ON acts(case_id);\n"
    "CREATE INDEX persons_case ON persons(case_id);\n"
    "CREATE TABLE coverage (id INTEGER PRIMARY KEY, court_code TEXT NOT NULL,\n"
    "  article TEXT NOT NULL, date_axis TEXT NOT NULL DEFAULT 'received',\n"
    "  date_from TEXT NOT NULL, date_to TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',\n"
    "  expected INTEGER, collected INTEGER NOT NULL DEFAULT 0, error TEXT, updated_at TEXT,\n"
    "  UNIQUE(court_code, article, date_axis, date_from, date_to));\n"
    "CREATE TABLE court_status (court_code TEXT PRIMARY KEY, status TEXT NOT NULL,\n"
    "  requests INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0,\n"
    "  throttled INTEGER NOT NULL DEFAULT 0, captcha_image TEXT, captcha_id TEXT,\n"
    "  captcha_answer TEXT, note TEXT, updated_at TEXT);\n"
    "CREATE TABLE figures (id TEXT PRIMARY KEY, metric TEXT, value REAL, unit TEXT,\n"
    "  articles TEXT, period_start TEXT, period_end TEXT, geography TEXT, source TEXT,\n"
    "  published TEXT, url TEXT, imported_from TEXT, imported_at TEXT);\n",
    /* 1 -> 2: courts with several servers (srv_num), act texts with provenance */
    "ALTER TABLE courts ADD COLUMN servers INTEGER;\n"
    "CREATE TABLE coverage2 (id INTEGER PRIMARY KEY, court_code TEXT NOT NULL,\n"
    "  server INTEGER NOT NULL DEFAULT 1,\n"
    "  article TEXT NOT NULL, date_axis TEXT NOT NULL DEFAULT 'received',\n"
    "  date_from TEXT NOT NULL, date_to TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',\n"
    "  expected INTEGER, collected INTEGER NOT NULL DEFAULT 0, error TEXT, updated_at TEXT,\n"
    "  UNIQUE(court_code, server, article, date_axis, date_from, date_to));\n"
    "INSERT INTO coverage2 (id, court_code, server, article, date_axis, date_from, date_to,\n"
    "  status, expected, collected, error, updated_at)\n"
    "  SELECT id, court_code, 1, article, date_axis, date_from, date_to, status, expected,\n"
    "  collected, error, updated_at FROM coverage;\n"
    "DROP TABLE coverage;\n"
    "ALTER TABLE coverage2 RENAME TO coverage;\n"
    "ALTER TABLE acts ADD COLUMN page_id INTEGER REFERENCES pages(id);\n"
    "CREATE INDEX acts_url ON acts(url);\n",
    /*
     * 2 -> 3: the case-count summary (lib/store/counts.c) and the generation
     * counter that tells whether it still matches cases/persons/charges.  The
     * triggers fire on every write, by awol or by anyone with SQL.
     */
    "CREATE INDEX charges_person ON charges(person_id);\n"
    "CREATE TABLE article_sets (id INTEGER PRIMARY KEY, articles TEXT NOT NULL);\n"
    "CREATE TABLE article_set_members (set_id INTEGER NOT NULL REFERENCES article_sets(id),\n"
    "  article TEXT);\n"
    "CREATE INDEX article_set_members_set ON article_set_members(set_id);\n"
    "CREATE TABLE result_texts (id INTEGER PRIMARY KEY, result TEXT);\n"
    "CREATE TABLE case_counts (date_axis TEXT NOT NULL, segment TEXT NOT NULL,\n"
    "  court_code TEXT NOT NULL, set_id INTEGER NOT NULL, result_id INTEGER NOT NULL,\n"
    "  cases INTEGER NOT NULL,\n"
    "  PRIMARY KEY (date_axis, segment, court_code, set_id, result_id)) WITHOUT ROWID;\n"
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('data_generation', '1');\n"
#define BUMP " BEGIN UPDATE meta SET value = value + 1 WHERE key = 'data_generation'; END;\n"
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
    /*
     * 3 -> 4: keyed hashes of the stems of the names a case carries, so that act texts
     * fetched later can be stripped of those names without the names being stored
     * (lib/store/redact.c); the cause of a court's last failure.
     */
    "CREATE TABLE name_stems (case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE "
    "CASCADE,\n"
    "  pseudonym TEXT NOT NULL, anchor INTEGER NOT NULL, stem TEXT NOT NULL,\n"
    "  UNIQUE(case_id, pseudonym, stem));\n"
    "ALTER TABLE court_status ADD COLUMN error TEXT;\n",
    /*
     * 4 -> 5: what the act texts say of each defendant (lib/verdict, docs/verdicts.md).
     * Self-contained: it touches no table but its own and reads acts only through its
     * triggers, so it can take any number when merged after other migrations.
     */
    "CREATE TABLE outcomes (id INTEGER PRIMARY KEY,\n"
    "  act_id INTEGER NOT NULL REFERENCES acts(id) ON DELETE CASCADE,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL, current INTEGER NOT NULL DEFAULT 1,\n"
    "  person_seq INTEGER, label TEXT, pseudonym TEXT, act_kind TEXT, appeal INTEGER NOT NULL "
    "DEFAULT 0,\n"
    "  outcome TEXT NOT NULL, ground TEXT, reason TEXT,\n"
    "  punishment TEXT, suspended INTEGER, months INTEGER, redacted INTEGER, regime TEXT,\n"
    "  probation_months INTEGER, fine_rub INTEGER, below_minimum INTEGER, additional TEXT,\n"
    "  service TEXT, absence_from TEXT, absence_to TEXT, absence_days INTEGER,\n"
    "  absence_ended TEXT, evidence_outcome TEXT, evidence_punishment TEXT,\n"
    "  evidence_service TEXT, evidence_absence TEXT, read_at TEXT NOT NULL,\n"
    "  UNIQUE(act_id, seq));\n"
    "CREATE INDEX outcomes_case ON outcomes(case_id);\n"
    "CREATE TABLE outcome_articles (outcome_id INTEGER NOT NULL REFERENCES outcomes(id)\n"
    "  ON DELETE CASCADE, seq INTEGER NOT NULL, law TEXT, article TEXT, part TEXT,\n"
    "  point TEXT);\n"
    "CREATE INDEX outcome_articles_outcome ON outcome_articles(outcome_id);\n"
    /* a text that changes or goes takes its reading with it (also without foreign keys) */
    "CREATE TRIGGER acts_text_outcomes AFTER UPDATE OF text ON acts\n"
    "  WHEN new.text IS NOT old.text BEGIN DELETE FROM outcomes WHERE act_id = old.id; END;\n"
    "CREATE TRIGGER acts_delete_outcomes AFTER DELETE ON acts\n"
    "  BEGIN DELETE FROM outcomes WHERE act_id = old.id; END;\n"
    "CREATE TRIGGER outcomes_delete_articles AFTER DELETE ON outcomes\n"
    "  BEGIN DELETE FROM outcome_articles WHERE outcome_id = old.id; END;\n",
    /*
     * 5 -> 6: the cases in the order of `awol cases` (court, received, number; the id is
     * the index's own last key), so a page of them (--limit/--offset, /api/cases) is read
     * from the index without sorting the table; the cases of an article from an index
     * alone.  Self-contained (IF NOT EXISTS): it can move to another version.  A
     * read-only database not migrated gives the same rows, slower.
     */
    "CREATE INDEX IF NOT EXISTS cases_court_order ON cases(court_code, received, number);\n"
    "CREATE INDEX IF NOT EXISTS charges_article_case ON charges(article, case_id);\n",
    /*
     * 6 -> 7: a crawl shared by many workers (`awol crawl --worker`, docs/crawling.md):
     * each court's lease and the earliest moment anybody may ask it again, the workers,
     * and the courts a worker gave up on (blocked from its address) that others may
     * take.  Times are seconds since the epoch by the database's clock, the one clock
     * every worker shares.
     */
    "CREATE TABLE IF NOT EXISTS crawl_courts (court_code TEXT PRIMARY KEY, plan TEXT NOT NULL,\n"
    "  state TEXT NOT NULL DEFAULT 'todo', worker TEXT, lease_until REAL,\n"
    "  next_at REAL NOT NULL DEFAULT 0, work INTEGER NOT NULL DEFAULT 0, error TEXT,\n"
    "  wanted_by TEXT);\n"
    "CREATE TABLE IF NOT EXISTS crawl_workers (name TEXT PRIMARY KEY, plan TEXT NOT NULL, host "
    "TEXT,\n"
    "  pid INTEGER, lease REAL NOT NULL, started_at REAL NOT NULL, seen_at REAL NOT NULL,\n"
    "  state TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0,\n"
    "  errors INTEGER NOT NULL DEFAULT 0, last_request_at REAL, last_error TEXT);\n"
    "CREATE TABLE IF NOT EXISTS crawl_blocks (court_code TEXT NOT NULL, worker TEXT NOT NULL,\n"
    "  reason TEXT, PRIMARY KEY (court_code, worker));\n",
};

/* Courts go in with the schema: the registry is part of a fresh database. */
int awol_store_load_courts(awol_store *st, awol_error *err)
{
	awol_court_list l;
	awol_db_stmt *s = NULL;
	size_t i;
	int rc;

	rc = awol_courts_load_default(&l, err);
	if (rc < 0)
		return rc;
	rc = awol_store_stmt(st,
	                     "INSERT INTO courts (code, name, name_en, level, host, region_code, "
	                     "region, city, parent_code, district_code, status, template, "
	                     "has_captcha) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code) "
	                     "DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
	                     "level = excluded.level, host = excluded.host, region_code = "
	                     "excluded.region_code, region = excluded.region, city = "
	                     "excluded.city, parent_code = excluded.parent_code, district_code = "
	                     "excluded.district_code, status = excluded.status, template = "
	                     "excluded.template, has_captcha = excluded.has_captcha",
	                     &s, err);
	for (i = 0; rc == 0 && i < l.n; i++) {
		const awol_court *c = &l.items[i];
		const char *flags = c->engine_flags ? c->engine_flags : "";
		awol_db_bind_text(s, 1, c->code);
		awol_db_bind_text(s, 2, c->name);
		awol_db_bind_text(s, 3, c->name_en);
		awol_db_bind_text(s, 4, c->level);
		awol_db_bind_text(s, 5, c->host);
		awol_db_bind_text(s, 6, c->region_code);
		awol_db_bind_text(s, 7, c->region);
		awol_db_bind_text(s, 8, c->city);
		awol_db_bind_text(s, 9, *c->parent_code ? c->parent_code : NULL);
		awol_db_bind_text(s, 10, c->district_code);
		awol_db_bind_text(s, 11, c->status);
		awol_db_bind_text(s, 12, strstr(flags, "vnkod") ? "vnkod" : "primary");
		awol_db_bind_int64(s, 13, strstr(flags, "captcha") != NULL);
		rc = awol_db_step(s, err);
		if (rc < 0)
			awol_error_prefix(err, "loading courts: ");
		awol_db_reset(s);
	}
	awol_db_finalize(s);
	awol_courts_dispose(&l);
	return rc < 0 ? rc : 0;
}

/* The first rows of a fresh database, under the migration's transaction. */
int awol_store_seed(awol_store *st, awol_error *err)
{
	char now[32];
	int rc;

	awol_store_now(now);
	rc = awol_store_load_courts(st, err);
	if (rc == 0)
		rc = awol_store_meta_set(st, "created_at", now, err);
	if (rc == 0)
		rc = awol_store_meta_set(st, "awol_version", AWOL_VERSION, err);
	return rc;
}

static int user_version(awol_store *st, int *version, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = awol_store_prepare(st, &s, "PRAGMA user_version", err);

	if (rc < 0)
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	else
		rc = awol_store_sqlite_error(st->db, err);
	sqlite3_finalize(s);
	if (rc == 0)
		rc = awol_store_version_check(st, *version, err);
	return rc;
}

int awol_store_version_check(awol_store *st, int version, awol_error *err)
{
	if (version > (int)AWOL_ARRAY_SIZE(migrations))
		return awol_error_set(err, AWOL_EUNSUPPORTED,
		                      "%s: database schema version %d is newer than this awol "
		                      "understands (%zu)",
		                      st->path, version, AWOL_ARRAY_SIZE(migrations));
	return 0;
}

int awol_store_schema_version(void)
{
	return (int)AWOL_ARRAY_SIZE(migrations);
}

/*
 * Several processes may open a new or old database at once (two `parse --db`): each
 * step reads the version inside its write transaction, so a step another process
 * applied meanwhile is never applied twice.  The write lock is waited for (busy
 * timeout), not failed on.
 */
int awol_store_migrate(awol_store *st, awol_error *err)
{
	int version = 0, rc;

	rc = user_version(st, &version, err);
	while (rc == 0 && version < (int)AWOL_ARRAY_SIZE(migrations)) {
		char pragma[64];
		rc = awol_store_exec(st, "BEGIN IMMEDIATE", err);
		if (rc < 0)
			return rc;
		rc = user_version(st, &version, err);
		if (rc == 0 && version == (int)AWOL_ARRAY_SIZE(migrations)) {
			awol_store_exec(st, "COMMIT", NULL);
			return 0;
		}
		if (rc == 0)
			rc = awol_store_exec(st, migrations[version], err);
		if (rc == 0 && version == 0)
			rc = awol_store_seed(st, err);
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
		if (rc == 0)
			rc = awol_store_exec(st, pragma, err);
		if (rc < 0) {
			awol_store_exec(st, "ROLLBACK", NULL);
			return rc;
		}
		rc = awol_store_exec(st, "COMMIT", err);
		version++;
	}
	return rc;
}
