/*
 * awol db copy: every row of one store merged into another, SQLite or PostgreSQL on
 * either side (include/awol/store.h, docs/postgresql.md).
 *
 * Rows are matched on their natural keys, never on ids (the target's ids are its own):
 * pages on (source, sha256), cases on (court_code, case_key), coverage windows on
 * (court, server, article, axis, from, to), court_status on the court, figures on their
 * id.  A case present on both sides keeps the newer copy (updated_at; the source's when
 * equal and different), and a newer case brings all its defendants, charges, events,
 * parties, acts and name stems with it, so a case is never half of one side and half of
 * the other.  A row the target already holds unchanged is not written: a second copy
 * changes nothing.  Pseudonyms are copied as stored; the key file is not copied (both
 * sides must use the same key: meta.key_check says which, and a copy between stores
 * of different keys is refused).  The case-count summary is not copied: it is
 * rebuilt from the copied rows.
 */
#include "util/common.h"
#include "store_priv.h"

typedef struct idmap {
	int64_t *src, *dst; /* ascending src */
	size_t n, cap;
} idmap;

static int idmap_add(idmap *m, int64_t src, int64_t dst)
{
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		int64_t *a = realloc(m->src, nc * sizeof(*a)), *b;
		if (!a)
			return -1;
		m->src = a;
		b = realloc(m->dst, nc * sizeof(*b));
		if (!b)
			return -1;
		m->dst = b;
		m->cap = nc;
	}
	m->src[m->n] = src;
	m->dst[m->n++] = dst;
	return 0;
}

/* the target id of a source id; 0 when the row was not copied */
static int64_t idmap_get(const idmap *m, int64_t src)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->src[mid] < src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->src[lo] == src ? m->dst[lo] : 0;
}

static void idmap_dispose(idmap *m)
{
	free(m->src);
	free(m->dst);
	memset(m, 0, sizeof(*m));
}

typedef struct copier {
	awol_store *from, *to;
	awol_store_copy_stats *stats;
	awol_error *err;
	idmap pages, cases, persons, acts, outcomes;
} copier;

/*
 * Bind column `col` of the source row to `idx` of a target statement.  `type`: 'i'
 * integer, 'd' double, 't' text, 'p' a pages id, 'c' a cases id, 'q' a persons id,
 * 'a' an acts id, 'o' an outcomes id (mapped to the target's ids).
 */
static void bind_col(copier *c, awol_db_stmt *to, int idx, awol_db_stmt *from, int col, char type)
{
	int64_t v;

	if (awol_db_column_is_null(from, col)) {
		if (type == 't')
			awol_db_bind_text(to, idx, NULL);
		else
			awol_db_bind_null(to, idx);
		return;
	}
	switch (type) {
	case 'd':
		awol_db_bind_double(to, idx, awol_db_column_double(from, col));
		return;
	case 't':
		awol_db_bind_text(to, idx, awol_db_column_text(from, col));
		return;
	default:
		v = awol_db_column_int64(from, col);
		if (type == 'p')
			v = idmap_get(&c->pages, v);
		else if (type == 'c')
			v = idmap_get(&c->cases, v);
		else if (type == 'q')
			v = idmap_get(&c->persons, v);
		else if (type == 'a')
			v = idmap_get(&c->acts, v);
		else if (type == 'o')
			v = idmap_get(&c->outcomes, v);
		if (type != 'i' && v == 0)
			awol_db_bind_null(to, idx);
		else
			awol_db_bind_int64(to, idx, v);
	}
}

/* Run a target statement once; its single-value answer (RETURNING, SELECT) or 0. */
static int run(awol_db_stmt *s, int64_t *out, awol_error *err)
{
	int rc = awol_db_step(s, err);

	if (out)
		*out = rc == 1 ? awol_db_column_int64(s, 0) : 0;
	awol_db_reset(s);
	return rc < 0 ? rc : 0;
}

static int prep2(copier *c, const char *from_sql, awol_db_stmt **from, const char *to_sql,
                 awol_db_stmt **to)
{
	int rc = awol_store_stmt(c->from, from_sql, from, c->err);

	if (rc == 0 && to_sql)
		rc = awol_store_stmt(c->to, to_sql, to, c->err);
	return rc;
}

static int copy_pages(copier *c)
{
	awol_db_stmt *s = NULL, *find = NULL, *ins = NULL;
	int rc, step = 0, i;
	int64_t id;

	rc = prep2(c,
	           "SELECT id, source, sha256, size, kind, template, court_code, seen_at, "
	           "fetched_at, error FROM pages ORDER BY id",
	           &s, "SELECT id FROM pages WHERE source = ?1 AND sha256 = ?2", &find);
	if (rc == 0)
		rc = awol_store_stmt(c->to,
		                     "INSERT INTO pages (source, sha256, size, kind, template, "
		                     "court_code, seen_at, fetched_at, error) VALUES "
		                     "(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id",
		                     &ins, c->err);
	if (rc == 0)
		awol_db_stream(s);
	while (rc == 0 && (step = awol_db_step(s, c->err)) == 1) {
		bind_col(c, find, 1, s, 1, 't');
		bind_col(c, find, 2, s, 2, 't');
		rc = run(find, &id, c->err);
		if (rc == 0 && id == 0) {
			for (i = 1; i <= 9; i++)
				bind_col(c, ins, i, s, i, i == 3 ? 'i' : 't');
			rc = run(ins, &id, c->err);
			c->stats->pages++;
		}
		if (rc == 0 && idmap_add(&c->pages, awol_db_column_int64(s, 0), id) < 0)
			rc = awol_error_set(c->err, AWOL_ENOMEM, "out of memory");
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	awol_db_finalize(find);
	awol_db_finalize(ins);
	return rc;
}

#define CASE_COLS                                                                                  \
	"court_code, case_key, number, uid, received, judge, decided, result, category, "          \
	"proceeding, instance, page_id, first_seen, updated_at"
static const char CASE_TYPES[] = "tttttttttttptt"; /* of CASE_COLS, from 1 */

/* what a case's children are matched and replaced by */
static const char *const CHILD_DELETES[] = {
    "DELETE FROM charges WHERE case_id = ?1",    "DELETE FROM persons WHERE case_id = ?1",
    "DELETE FROM events WHERE case_id = ?1",     "DELETE FROM parties WHERE case_id = ?1",
    "DELETE FROM outcomes WHERE case_id = ?1",   "DELETE FROM acts WHERE case_id = ?1",
    "DELETE FROM name_stems WHERE case_id = ?1",
};

/* Does the target's copy of the case differ from the source's and lose to it? */
static bool source_wins(awol_db_stmt *s, awol_db_stmt *t)
{
	const char *su = awol_db_column_text(s, 14), *tu = awol_db_column_text(t, 1);
	int cmp = strcmp(su ? su : "", tu ? tu : "");
	int i;

	if (cmp != 0)
		return cmp > 0;
	for (i = 0; i < 9; i++) { /* number .. instance */
		const char *a = awol_db_column_text(s, 3 + i), *b = awol_db_column_text(t, 2 + i);
		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
			return true;
	}
	return false;
}

static int copy_cases(copier *c)
{
	awol_db_stmt *s = NULL, *find = NULL, *ins = NULL, *upd = NULL;
	awol_db_stmt *del[AWOL_ARRAY_SIZE(CHILD_DELETES)] = {0};
	int rc, step = 0, i;
	size_t k;

	rc = prep2(c, "SELECT id, " CASE_COLS " FROM cases ORDER BY id", &s,
	           "SELECT id, updated_at, number, uid, received, judge, decided, result, "
	           "category, proceeding, instance FROM cases WHERE court_code = ?1 AND "
	           "case_key = ?2",
	           &find);
	if (rc == 0)
		rc = awol_store_stmt(c->to,
		                     "INSERT INTO cases (" CASE_COLS
		                     ") VALUES (?1,?2,?3,?4,?5,?6,?7,"
		                     "?8,?9,?10,?11,?12,?13,?14) RETURNING id",
		                     &ins, c->err);
	if (rc == 0)
		rc = awol_store_stmt(
		    c->to,
		    "UPDATE cases SET number = ?3, uid = ?4, received = ?5, judge = "
		    "?6, decided = ?7, result = ?8, category = ?9, proceeding = ?10, "
		    "instance = ?11, page_id = ?12, updated_at = ?14 WHERE "
		    "court_code = ?1 AND case_key = ?2",
		    &upd, c->err);
	for (k = 0; rc == 0 && k < AWOL_ARRAY_SIZE(CHILD_DELETES); k++)
		rc = awol_store_stmt(c->to, CHILD_DELETES[k], &del[k], c->err);
	if (rc == 0)
		awol_db_stream(s);
	while (rc == 0 && (step = awol_db_step(s, c->err)) == 1) {
		int64_t id = 0;
		bool copy = true;
		bind_col(c, find, 1, s, 1, 't');
		bind_col(c, find, 2, s, 2, 't');
		step = awol_db_step(find, c->err);
		if (step < 0) {
			rc = step;
			break;
		}
		if (step == 1) {
			id = awol_db_column_int64(find, 0);
			copy = source_wins(s, find);
		}
		awol_db_reset(find);
		if (id && copy) { /* replaced: the target's facts of the case go */
			for (k = 0; rc == 0 && k < AWOL_ARRAY_SIZE(CHILD_DELETES); k++) {
				awol_db_bind_int64(del[k], 1, id);
				rc = run(del[k], NULL, c->err);
			}
			for (i = 1; rc == 0 && i <= 14; i++)
				bind_col(c, upd, i, s, i, CASE_TYPES[i - 1]);
			if (rc == 0)
				rc = run(upd, NULL, c->err);
		} else if (!id) {
			for (i = 1; i <= 14; i++)
				bind_col(c, ins, i, s, i, CASE_TYPES[i - 1]);
			rc = run(ins, &id, c->err);
		}
		if (copy)
			c->stats->cases++;
		/* only the cases copied bring their children */
		if (rc == 0 && copy && idmap_add(&c->cases, awol_db_column_int64(s, 0), id) < 0)
			rc = awol_error_set(c->err, AWOL_ENOMEM, "out of memory");
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	awol_db_finalize(find);
	awol_db_finalize(ins);
	awol_db_finalize(upd);
	for (k = 0; k < AWOL_ARRAY_SIZE(CHILD_DELETES); k++)
		awol_db_finalize(del[k]);
	return rc;
}

/*
 * The rows of a child table whose case was copied.  `types` gives each column's kind
 * (bind_col); column 0 of the select is the source's case_id, and with `map` the
 * source's own id, recorded in `map` with the target's id (RETURNING id).
 */
static int copy_children(copier *c, const char *select, const char *insert, const char *types,
                         idmap *map)
{
	awol_db_stmt *s = NULL, *ins = NULL;
	int rc = prep2(c, select, &s, insert, &ins), step = 0, i, ncols = (int)strlen(types);

	if (rc == 0)
		awol_db_stream(s);
	while (rc == 0 && (step = awol_db_step(s, c->err)) == 1) {
		int64_t id = 0;
		if (!idmap_get(&c->cases, awol_db_column_int64(s, 0)))
			continue;
		for (i = 0; i < ncols; i++)
			bind_col(c, ins, i + 1, s, i + (map ? 2 : 1), types[i]);
		rc = run(ins, &id, c->err);
		if (rc == 0 && map && idmap_add(map, awol_db_column_int64(s, 1), id) < 0)
			rc = awol_error_set(c->err, AWOL_ENOMEM, "out of memory");
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	awol_db_finalize(ins);
	return rc;
}

static int copy_case_rows(copier *c)
{
	int rc = copy_children(c,
	                       "SELECT case_id, id, case_id, seq, pseudonym, name, name_hidden, "
	                       "decided, result FROM persons ORDER BY id",
	                       "INSERT INTO persons (case_id, seq, pseudonym, name, name_hidden, "
	                       "decided, result) VALUES (?1,?2,?3,?4,?5,?6,?7) RETURNING id",
	                       "cittitt", &c->persons);

	if (rc == 0)
		rc = copy_children(c,
		                   "SELECT case_id, person_id, case_id, seq, law, article, part, "
		                   "point, text FROM charges ORDER BY id",
		                   "INSERT INTO charges (person_id, case_id, seq, law, article, "
		                   "part, point, text) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
		                   "qcittttt", NULL);
	if (rc == 0)
		rc = copy_children(c,
		                   "SELECT case_id, case_id, seq, name, date, time, place, result, "
		                   "reason FROM events ORDER BY id",
		                   "INSERT INTO events (case_id, seq, name, date, time, place, "
		                   "result, reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
		                   "citttttt", NULL);
	if (rc == 0)
		rc = copy_children(
		    c,
		    "SELECT case_id, case_id, seq, role, pseudonym, name FROM parties "
		    "ORDER BY id",
		    "INSERT INTO parties (case_id, seq, role, pseudonym, name) VALUES "
		    "(?1,?2,?3,?4,?5)",
		    "cittt", NULL);
	if (rc == 0)
		rc = copy_children(
		    c,
		    "SELECT case_id, id, case_id, seq, title, url, text, page_id FROM "
		    "acts ORDER BY id",
		    "INSERT INTO acts (case_id, seq, title, url, text, page_id) VALUES "
		    "(?1,?2,?3,?4,?5,?6) RETURNING id",
		    "citttp", &c->acts);
	/* what the act texts say (schema 5): with their acts, and their articles with them */
	if (rc == 0)
		rc = copy_children(
		    c,
		    "SELECT case_id, id, act_id, case_id, seq, current, person_seq, label, "
		    "pseudonym, "
		    "act_kind, appeal, outcome, ground, reason, punishment, suspended, months, "
		    "redacted, regime, probation_months, fine_rub, below_minimum, additional, "
		    "service, "
		    "absence_from, absence_to, absence_days, absence_ended, evidence_outcome, "
		    "evidence_punishment, evidence_service, evidence_absence, read_at FROM "
		    "outcomes "
		    "ORDER BY id",
		    "INSERT INTO outcomes (act_id, case_id, seq, current, person_seq, label, "
		    "pseudonym, "
		    "act_kind, appeal, outcome, ground, reason, punishment, suspended, months, "
		    "redacted, regime, probation_months, fine_rub, below_minimum, additional, "
		    "service, "
		    "absence_from, absence_to, absence_days, absence_ended, evidence_outcome, "
		    "evidence_punishment, evidence_service, evidence_absence, read_at) VALUES "
		    "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
		    "?22,?23,?24,?25,?26,?27,?28,?29,?30,?31) RETURNING id",
		    "aciiitttittttiiitiiittttitttttt", &c->outcomes);
	if (rc == 0)
		rc = copy_children(
		    c,
		    "SELECT o.case_id, x.outcome_id, x.seq, x.law, x.article, x.part, "
		    "x.point FROM outcome_articles x JOIN outcomes o ON o.id = "
		    "x.outcome_id ORDER BY x.outcome_id, x.seq",
		    "INSERT INTO outcome_articles (outcome_id, seq, law, article, part, "
		    "point) VALUES (?1,?2,?3,?4,?5,?6)",
		    "oitttt", NULL);
	if (rc == 0)
		rc = copy_children(
		    c, "SELECT case_id, case_id, pseudonym, anchor, stem FROM name_stems",
		    "INSERT INTO name_stems (case_id, pseudonym, anchor, stem) VALUES "
		    "(?1,?2,?3,?4) ON CONFLICT DO NOTHING",
		    "ctit", NULL);
	return rc;
}

/*
 * A table of rows keyed by `key` columns: a row the target lacks is inserted, one the
 * target holds older (`stamp`, compared as text, NULL oldest) is replaced, others stay.
 */
static int copy_keyed(copier *c, const char *table, const char *cols, const char *types, int nkey,
                      const char *stamp, long *count)
{
	char sel[1024], find[1024], ins[2048];
	awol_db_stmt *s = NULL, *f = NULL, *i = NULL;
	int rc, step = 0, k, n = (int)strlen(types);
	size_t o;

	snprintf(sel, sizeof(sel), "SELECT %s, %s FROM %s", stamp, cols, table);
	o = (size_t)snprintf(find, sizeof(find), "SELECT coalesce(%s, '') FROM %s WHERE ", stamp,
	                     table);
	for (k = 0; k < nkey; k++) {
		const char *comma = cols;
		int m;
		for (m = 0; m < k; m++)
			comma = strchr(comma, ',') + 1;
		while (*comma == ' ')
			comma++;
		o += (size_t)snprintf(find + o, sizeof(find) - o, "%s%.*s = ?%d", k ? " AND " : "",
		                      (int)strcspn(comma, ","), comma, k + 1);
	}
	/* an upsert on the key: the same text for both backends */
	o = (size_t)snprintf(ins, sizeof(ins), "INSERT INTO %s (%s) VALUES (", table, cols);
	for (k = 0; k < n; k++)
		o += (size_t)snprintf(ins + o, sizeof(ins) - o, "%s?%d", k ? "," : "", k + 1);
	o += (size_t)snprintf(ins + o, sizeof(ins) - o, ") ON CONFLICT (");
	{
		const char *p = cols;
		for (k = 0; k < nkey; k++) {
			size_t len = strcspn(p, ",");
			o += (size_t)snprintf(ins + o, sizeof(ins) - o, "%s%.*s", k ? "," : "",
			                      (int)len, p);
			p += len + 1;
			while (*p == ' ')
				p++;
		}
		o += (size_t)snprintf(ins + o, sizeof(ins) - o, ") DO UPDATE SET ");
		for (k = 0; *p; k++) {
			size_t len = strcspn(p, ",");
			o += (size_t)snprintf(ins + o, sizeof(ins) - o, "%s%.*s = excluded.%.*s",
			                      k ? ", " : "", (int)len, p, (int)len, p);
			p += len;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	rc = prep2(c, sel, &s, find, &f);
	if (rc == 0)
		rc = awol_store_stmt(c->to, ins, &i, c->err);
	while (rc == 0 && (step = awol_db_step(s, c->err)) == 1) {
		const char *mine = awol_db_column_text(s, 0);
		bool write;
		for (k = 0; k < nkey; k++)
			bind_col(c, f, k + 1, s, k + 1, types[k]);
		step = awol_db_step(f, c->err);
		if (step < 0) {
			rc = step;
			break;
		}
		write = step == 0 || strcmp(mine ? mine : "", awol_db_column_text(f, 0)) > 0;
		awol_db_reset(f);
		if (!write)
			continue;
		for (k = 0; k < n; k++)
			bind_col(c, i, k + 1, s, k + 1, types[k]);
		rc = run(i, NULL, c->err);
		(*count)++;
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	awol_db_finalize(f);
	awol_db_finalize(i);
	return rc;
}

/* Courts the target's registry lacks, and the servers a crawl learnt. */
static int copy_courts(copier *c)
{
	awol_db_stmt *s = NULL, *i = NULL;
	int rc = prep2(c,
	               "SELECT code, name, name_en, level, host, region_code, region, city, "
	               "parent_code, district_code, status, template, has_captcha, servers FROM "
	               "courts",
	               &s,
	               "INSERT INTO courts (code, name, name_en, level, host, region_code, "
	               "region, city, parent_code, district_code, status, template, "
	               "has_captcha, servers) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
	               "?13,?14) ON CONFLICT (code) DO UPDATE SET servers = excluded.servers "
	               "WHERE courts.servers IS NULL AND excluded.servers IS NOT NULL",
	               &i),
	    step = 0, k;

	while (rc == 0 && (step = awol_db_step(s, c->err)) == 1) {
		for (k = 0; k < 14; k++)
			bind_col(c, i, k + 1, s, k, k >= 12 ? 'i' : 't');
		rc = run(i, NULL, c->err);
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	awol_db_finalize(i);
	return rc;
}

/* Both stores' pseudonyms must come from one key. */
static int check_keys(copier *c)
{
	char *a = NULL, *b = NULL;
	int rc = awol_store_meta_get(c->from, "key_check", &a, c->err);

	if (rc == 0)
		rc = awol_store_meta_get(c->to, "key_check", &b, c->err);
	if (rc == 0 && a && b && strcmp(a, b) != 0)
		rc =
		    awol_error_set(c->err, AWOL_EINVAL,
		                   "%s and %s: their pseudonyms were made with different keys "
		                   "(copying would give one person two pseudonyms); crawl or parse "
		                   "with the team's key (--key) into one of them",
		                   c->from->path, c->to->path);
	if (rc == 0 && a && !b)
		rc = awol_store_meta_set(c->to, "key_check", a, c->err);
	if (rc == 0) {
		char *sim = NULL;
		rc = awol_store_meta_get(c->from, "simulated", &sim, c->err);
		/* simulated rows make the whole target simulated */
		if (rc == 0 && sim && strcmp(sim, "1") == 0)
			rc = awol_store_meta_set(c->to, "simulated", "1", c->err);
		free(sim);
	}
	free(a);
	free(b);
	return rc;
}

int awol_store_copy(awol_store *from, awol_store *to, awol_store_copy_stats *stats, awol_error *err)
{
	copier c;
	awol_store_copy_stats local;
	int rc;

	memset(&c, 0, sizeof(c));
	c.from = from;
	c.to = to;
	c.err = err;
	c.stats = stats ? stats : &local;
	memset(c.stats, 0, sizeof(*c.stats));
	if (to->read_only)
		return awol_error_set(err, AWOL_EINVAL, "%s: opened read-only", to->path);
	rc = awol_store_begin_read(from, err);
	if (rc < 0)
		return rc;
	rc = awol_store_begin(to, err);
	if (rc == 0)
		rc = check_keys(&c);
	if (rc == 0)
		rc = copy_courts(&c);
	if (rc == 0)
		rc = copy_pages(&c);
	if (rc == 0)
		rc = copy_cases(&c);
	if (rc == 0)
		rc = copy_case_rows(&c);
	if (rc == 0)
		rc = copy_keyed(&c, "coverage",
		                "court_code, server, article, date_axis, date_from, date_to, "
		                "status, expected, collected, error, updated_at",
		                "titttttiitt", 6, "updated_at", &c.stats->coverage);
	if (rc == 0)
		rc = copy_keyed(&c, "court_status",
		                "court_code, status, requests, errors, throttled, captcha_image, "
		                "captcha_id, captcha_answer, note, updated_at, error",
		                "ttiiitttttt", 1, "updated_at", &c.stats->court_status);
	if (rc == 0)
		rc = copy_keyed(&c, "figures",
		                "id, metric, value, unit, articles, period_start, period_end, "
		                "geography, source, published, url, imported_from, imported_at",
		                "ttdtttttttttt", 1, "imported_at", &c.stats->figures);
	awol_store_commit(from, NULL);
	if (rc == 0)
		rc = awol_store_commit(to, err);
	else
		awol_store_rollback(to);
	idmap_dispose(&c.pages);
	idmap_dispose(&c.cases);
	idmap_dispose(&c.persons);
	idmap_dispose(&c.acts);
	idmap_dispose(&c.outcomes);
	return rc;
}
