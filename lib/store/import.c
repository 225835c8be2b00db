/*
 * Importing a parsed page: provenance row, then (cards) the case with its
 * defendants, charges, events, parties and acts, all in one transaction.
 */
#include "util/common.h"
#include "util/sha256.h"
#include "store_priv.h"

typedef struct imp {
	awol_store *st;
	awol_error *err;
	int rc;
} imp;

#define bind_text awol_db_bind_text

/*
 * Run a prepared statement to completion; records the first error in x.  Returns the
 * rows it changed, or with RETURNING the first column of its row.
 */
static int64_t step_done(imp *x, awol_db_stmt *s)
{
	int64_t n = 0;
	int rc;

	if (x->rc == 0) {
		rc = awol_db_step(s, x->err);
		if (rc < 0)
			x->rc = rc;
		else
			n = rc == 1 ? awol_db_column_int64(s, 0) : awol_db_changes(s);
	}
	awol_db_reset(s);
	awol_db_clear_bindings(s);
	return n;
}

static awol_db_stmt *prep(imp *x, const char *sql)
{
	awol_db_stmt *s = NULL;

	if (x->rc == 0)
		x->rc = awol_store_stmt(x->st, sql, &s, x->err);
	return s;
}

static const char *court_of(awol_store *st, const awol_page *pg, const awol_page_source *src)
{
	const awol_court *c;
	const char *host = pg->court_host ? pg->court_host : src->court_host;

	if (src->court_code && *src->court_code)
		return src->court_code;
	if (pg->court_code && *pg->court_code)
		return pg->court_code;
	if (host) {
		if (!st->courts_loaded) {
			st->courts_loaded = true;
			awol_courts_load_default(&st->courts, NULL);
		}
		c = awol_courts_find(&st->courts, host);
		if (c)
			return c->code;
	}
	/* last resort: the УИД begins with the code of the court that registered the case */
	if (pg->has_case && pg->kase.uid && strlen(pg->kase.uid) > 9 && pg->kase.uid[8] == '-')
		return NULL;
	return "unknown";
}

/* Existing page with these bytes: 1 if the same source too, 2 if seen elsewhere, 0 if new. */
static int seen(imp *x, const char *source, const char *sha, int64_t *page_id)
{
	awol_db_stmt *s = prep(x, "SELECT id, source = ? FROM pages WHERE sha256 = ? "
	                          "ORDER BY (source = ?) DESC LIMIT 1");
	int r = 0;

	if (!s)
		return 0;
	bind_text(s, 1, source);
	bind_text(s, 2, sha);
	bind_text(s, 3, source);
	switch (awol_db_step(s, x->err)) {
	case 1:
		*page_id = awol_db_column_int64(s, 0);
		r = awol_db_column_int64(s, 1) ? 1 : 2;
		break;
	case 0:
		break;
	default:
		x->rc = -AWOL_EDB;
	}
	awol_db_finalize(s);
	return r;
}

static void clear_case(imp *x, int64_t case_id)
{
	static const char *const del[] = {
	    "DELETE FROM charges WHERE case_id = ?", "DELETE FROM persons WHERE case_id = ?",
	    "DELETE FROM events WHERE case_id = ?", "DELETE FROM parties WHERE case_id = ?",
	    "DELETE FROM name_stems WHERE case_id = ?"};
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(del) && x->rc == 0; i++) {
		awol_db_stmt *s = prep(x, del[i]);
		if (!s)
			return;
		awol_db_bind_int64(s, 1, case_id);
		step_done(x, s);
		awol_db_finalize(s);
	}
}

static int64_t upsert_case(imp *x, const awol_page *pg, const char *court, int64_t page_id,
                           const char *now)
{
	const awol_case_info *k = &pg->kase;
	char *key = NULL;
	awol_db_stmt *s;
	int64_t id = 0;
	size_t kl;
	int rc;

	if (k->uid && *k->uid)
		key = strdup(k->uid);
	else {
		kl = strlen(k->number) + 8;
		key = malloc(kl);
		if (key)
			snprintf(key, kl, "number:%s", k->number);
	}
	if (!key) {
		x->rc = awol_error_set(x->err, AWOL_ENOMEM, "out of memory");
		return 0;
	}
	s = prep(x, "INSERT INTO cases (court_code, case_key, number, uid, received, judge, "
	            "decided, result, category, proceeding, instance, page_id, first_seen, "
	            "updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13) "
	            "ON CONFLICT(court_code, case_key) DO UPDATE SET number=?3, uid=?4, "
	            "received=?5, judge=?6, decided=?7, result=?8, category=?9, proceeding=?10, "
	            "instance=?11, page_id=?12, updated_at=?13 RETURNING id");
	if (s) {
		bind_text(s, 1, court);
		bind_text(s, 2, key);
		bind_text(s, 3, k->number);
		bind_text(s, 4, k->uid);
		bind_text(s, 5, k->received);
		bind_text(s, 6, k->judge);
		bind_text(s, 7, k->decided);
		bind_text(s, 8, k->result);
		bind_text(s, 9, k->category);
		bind_text(s, 10, k->proceeding);
		bind_text(s, 11, k->instance);
		awol_db_bind_int64(s, 12, page_id);
		bind_text(s, 13, now);
		rc = awol_db_step(s, x->err);
		if (rc == 1)
			id = awol_db_column_int64(s, 0);
		else
			x->rc = rc < 0 ? rc : awol_error_set(x->err, AWOL_EDB, "case not stored");
		awol_db_finalize(s);
	}
	free(key);
	return id;
}

static void insert_people(imp *x, const awol_page *pg, int64_t case_id)
{
	awol_db_stmt *sp = prep(x, "INSERT INTO persons (case_id, seq, pseudonym, name, "
	                           "name_hidden, decided, result) VALUES (?,?,?,?,?,?,?) "
	                           "RETURNING id");
	awol_db_stmt *sc = prep(x, "INSERT INTO charges (person_id, case_id, seq, law, article, "
	                           "part, point, text) VALUES (?,?,?,?,?,?,?,?)");
	awol_db_stmt *sr = prep(x, "INSERT INTO parties (case_id, seq, role, pseudonym, name) "
	                           "VALUES (?,?,?,?,?)");
	size_t i, j;

	for (i = 0; i < pg->npersons && x->rc == 0; i++) {
		const awol_person *p = &pg->persons[i];
		bool hidden = awol_store_name_hidden(p->name);
		char *ps = hidden ? NULL : awol_store_pseudonym(x->st, p->name, x->err);
		int64_t pid;

		if (!hidden && !ps) {
			x->rc = -AWOL_EIO;
			break;
		}
		awol_db_bind_int64(sp, 1, case_id);
		awol_db_bind_int64(sp, 2, (int64_t)i);
		bind_text(sp, 3, ps);
		bind_text(sp, 4, x->st->keep_names ? p->name : NULL);
		awol_db_bind_int64(sp, 5, hidden);
		bind_text(sp, 6, p->decided);
		bind_text(sp, 7, p->result);
		pid = step_done(x, sp);
		if (x->rc == 0)
			x->rc = awol_store_name_stems_save(x->st, case_id, p->name, ps, x->err);
		free(ps);
		for (j = 0; j < p->ncharges && x->rc == 0; j++) {
			const awol_charge *c = &p->charges[j];
			awol_db_bind_int64(sc, 1, pid);
			awol_db_bind_int64(sc, 2, case_id);
			awol_db_bind_int64(sc, 3, (int64_t)j);
			bind_text(sc, 4, c->law);
			bind_text(sc, 5, c->article);
			bind_text(sc, 6, c->part);
			bind_text(sc, 7, c->point);
			bind_text(sc, 8, c->text);
			step_done(x, sc);
		}
	}
	for (i = 0; i < pg->nparties && x->rc == 0; i++) {
		const awol_party *p = &pg->parties[i];
		char *ps =
		    p->name && *p->name ? awol_store_pseudonym(x->st, p->name, x->err) : NULL;

		if (p->name && *p->name && !ps) {
			x->rc = -AWOL_EIO;
			break;
		}
		awol_db_bind_int64(sr, 1, case_id);
		awol_db_bind_int64(sr, 2, (int64_t)i);
		bind_text(sr, 3, p->role);
		bind_text(sr, 4, ps);
		bind_text(sr, 5, x->st->keep_names ? p->name : NULL);
		step_done(x, sr);
		if (x->rc == 0)
			x->rc = awol_store_name_stems_save(x->st, case_id, p->name, ps, x->err);
		free(ps);
	}
	awol_db_finalize(sp);
	awol_db_finalize(sc);
	awol_db_finalize(sr);
}

static void insert_events_acts(imp *x, const awol_page *pg, int64_t case_id)
{
	awol_db_stmt *se = prep(x, "INSERT INTO events (case_id, seq, name, date, time, place, "
	                           "result, reason) VALUES (?,?,?,?,?,?,?,?)");
	/* acts are updated in place: a fetched text stays while its URL does not change */
	awol_db_stmt *su = prep(x, "UPDATE acts SET title = ?3, text = CASE WHEN url IS NOT "
	                           "DISTINCT FROM ?4 THEN text END, page_id = CASE WHEN url IS "
	                           "NOT DISTINCT FROM ?4 THEN page_id END, "
	                           "url = ?4 WHERE case_id = ?1 AND seq = ?2");
	awol_db_stmt *sa = prep(x, "INSERT INTO acts (case_id, seq, title, url) VALUES (?,?,?,?)");
	awol_db_stmt *sd = prep(x, "DELETE FROM acts WHERE case_id = ? AND seq >= ?");
	size_t i;

	for (i = 0; i < pg->nevents && x->rc == 0; i++) {
		const awol_event *e = &pg->events[i];
		awol_db_bind_int64(se, 1, case_id);
		awol_db_bind_int64(se, 2, (int64_t)i);
		bind_text(se, 3, e->name);
		bind_text(se, 4, e->date);
		bind_text(se, 5, e->time);
		bind_text(se, 6, e->place);
		bind_text(se, 7, e->result);
		bind_text(se, 8, e->reason);
		step_done(x, se);
	}
	for (i = 0; i < pg->nacts && x->rc == 0; i++) {
		awol_db_stmt *t = su;
		int64_t changed = 0;
		int pass;
		for (pass = 0; pass < 2 && x->rc == 0; pass++, t = sa) {
			awol_db_bind_int64(t, 1, case_id);
			awol_db_bind_int64(t, 2, (int64_t)i);
			bind_text(t, 3, pg->acts[i].title);
			bind_text(t, 4, pg->acts[i].url);
			changed = step_done(x, t);
			if (t == su && changed > 0)
				break;
		}
	}
	if (x->rc == 0 && sd) {
		awol_db_bind_int64(sd, 1, case_id);
		awol_db_bind_int64(sd, 2, (int64_t)pg->nacts);
		step_done(x, sd);
	}
	awol_db_finalize(se);
	awol_db_finalize(su);
	awol_db_finalize(sa);
	awol_db_finalize(sd);
}

/*
 * An act's text goes to the acts with its URL, with the page it came from:
 * an act page, or a card that embeds its acts' texts («ПУСТОЙ ДОКУМЕНТ»: "").
 */
static void set_act_text(imp *x, const awol_page *card, const char *text, const char *url,
                         int64_t page_id)
{
	awol_db_stmt *s =
	    prep(x, "UPDATE acts SET text = ?1, page_id = ?2 WHERE url = ?3 AND "
	            "(text IS NULL OR text IS DISTINCT FROM ?1) RETURNING id, case_id");
	char *clean = NULL;
	int r = 0;

	if (!s)
		return;
	if (!text || strstr(text, "ПУСТОЙ ДОКУМЕНТ"))
		text = "";
	/* courts do not always depersonalise: the case's names go before the text is stored */
	if (!x->st->keep_names && *text) {
		x->rc = awol_store_redact_act(x->st, url, text, &clean, x->err);
		if (x->rc < 0) {
			awol_db_finalize(s);
			return;
		}
		text = clean;
	}
	bind_text(s, 1, text);
	awol_db_bind_int64(s, 2, page_id);
	bind_text(s, 3, url);
	/*
	 * a new text is read at once, as stored (names out): what it says of each defendant
	 * (lib/store/outcomes.c)
	 */
	while (x->rc == 0 && (r = awol_db_step(s, x->err)) == 1)
		x->rc = awol_store_outcomes_store(x->st, awol_db_column_int64(s, 0),
		                                  awol_db_column_int64(s, 1), text, card, x->err);
	if (x->rc == 0 && r < 0)
		x->rc = r;
	awol_db_finalize(s);
	free(clean);
}

static void card_act_texts(imp *x, const awol_page *pg, int64_t page_id)
{
	size_t i;

	for (i = 0; i < pg->nacts && x->rc == 0; i++)
		if (pg->acts[i].text && pg->acts[i].url)
			set_act_text(x, pg, pg->acts[i].text, pg->acts[i].url, page_id);
}

static bool is_case_card(const awol_page *pg)
{
	return pg->kind == AWOL_PAGE_CARD && pg->has_case &&
	       ((pg->kase.uid && *pg->kase.uid) || (pg->kase.number && *pg->kase.number));
}

static void import_case(imp *x, const awol_page *pg, const char *court, int64_t pid,
                        const char *now)
{
	int64_t cid = upsert_case(x, pg, court, pid, now);

	if (x->rc == 0)
		clear_case(x, cid);
	if (x->rc == 0)
		insert_people(x, pg, cid);
	if (x->rc == 0)
		insert_events_acts(x, pg, cid);
}

/* Does the stored case hold fewer acts than this card lists? */
static bool acts_behind(imp *x, const awol_page *pg, const char *court)
{
	awol_db_stmt *s;
	bool behind = false;

	if (pg->nacts == 0)
		return false;
	s = prep(x, "SELECT count(a.id) FROM cases k LEFT JOIN acts a ON a.case_id = k.id "
	            "WHERE k.court_code = ?1 AND k.case_key = CASE WHEN coalesce(?2, '') != '' "
	            "THEN ?2 ELSE 'number:' || ?3 END GROUP BY k.id");
	if (!s)
		return false;
	bind_text(s, 1, court);
	bind_text(s, 2, pg->kase.uid);
	bind_text(s, 3, pg->kase.number);
	switch (awol_db_step(s, x->err)) {
	case 1:
		behind = (size_t)awol_db_column_int64(s, 0) < pg->nacts;
		break;
	case 0:
		break;
	default:
		x->rc = -AWOL_EDB;
	}
	awol_db_finalize(s);
	return behind;
}

int awol_store_import_page(awol_store *st, const awol_page *pg, const awol_page_source *src,
                           int64_t *page_id, awol_error *err)
{
	imp x = {st, err, 0};
	unsigned char dig[32];
	char sha[65], now[32], uidcourt[9];
	const char *court;
	int64_t pid = 0;
	awol_db_stmt *s;
	int was;

	if (!src || !src->source)
		return awol_error_set(err, AWOL_EINVAL, "import: no page source given");
	if (st->read_only)
		return awol_error_set(err, AWOL_EINVAL, "%s: opened read-only", st->path);
	awol_sha256(src->raw ? (const void *)src->raw : "", src->raw ? src->raw_len : 0, dig);
	awol_hex(dig, 32, sha);
	awol_store_now(now);
	court = court_of(st, pg, src);
	if (!court) {
		memcpy(uidcourt, pg->kase.uid, 8);
		uidcourt[8] = '\0';
		court = uidcourt;
	}
	x.rc = awol_store_begin(st, err);
	if (x.rc < 0)
		return x.rc;
	was = seen(&x, src->source, sha, &pid);
	if (x.rc == 0 && was != 1) {
		s = prep(&x, "INSERT INTO pages (source, sha256, size, kind, template, court_code, "
		             "seen_at, fetched_at, error) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
		if (s) {
			bind_text(s, 1, src->source);
			bind_text(s, 2, sha);
			awol_db_bind_int64(s, 3, (int64_t)src->raw_len);
			bind_text(s, 4, awol_page_kind_name(pg->kind));
			bind_text(s, 5, awol_page_template_name(pg->tmpl));
			bind_text(s, 6, court);
			bind_text(s, 7, now);
			bind_text(s, 8, src->fetched_at ? src->fetched_at : now);
			bind_text(s, 9, pg->error);
			pid = step_done(&x, s);
			awol_db_finalize(s);
		}
		/* identical bytes seen under another source: provenance only */
		if (was == 0 && is_case_card(pg))
			import_case(&x, pg, court, pid, now);
	} else if (x.rc == 0 && is_case_card(pg) && acts_behind(&x, pg, court)) {
		/* the same bytes again, but read by an older parser that missed acts */
		import_case(&x, pg, court, pid, now);
	}
	if (x.rc == 0 && pg->kind == AWOL_PAGE_ACT && !pg->error && pid > 0)
		set_act_text(&x, NULL, pg->act_text, src->source, pid);
	if (x.rc == 0 && pg->kind == AWOL_PAGE_CARD && !pg->error && pid > 0)
		card_act_texts(&x, pg, pid);
	if (x.rc < 0) {
		awol_store_rollback(st);
		return awol_error_prefix(err, "%s: ", src->source);
	}
	x.rc = awol_store_commit(st, err);
	if (x.rc == 0 && page_id)
		*page_id = pid;
	return x.rc;
}
