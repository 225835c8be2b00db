/*
 * Outcomes per defendant: an act text stored is read (lib/verdict) and what
 * it says of each defendant goes to `outcomes` (docs/schema.md), with the
 * names the courts left in the text replaced by pseudonyms unless
 * --keep-names.  A case's newest act that states an outcome is its current
 * reading; older ones are kept.
 */
#include "util/common.h"
#include "util/date.h"
#include "awol/outcomes.h"
#include "awol/stats.h"
#include "awol/verdict.h"
#include "store_priv.h"

/* Text bound is borrowed (db.h): it stays valid until the statement's step has run. */
static void bind_text(awol_db_stmt *s, int i, const char *v)
{
	awol_db_bind_text(s, i, v && *v ? v : NULL); /* a NULL of type text */
}

static void bind_int(awol_db_stmt *s, int i, long long v, bool known)
{
	if (known && v >= 0)
		awol_db_bind_int64(s, i, v);
	else
		awol_db_bind_null(s, i);
}

typedef struct namer {
	awol_store *st;
	const awol_page *card; /* may be NULL */
} namer;

/* The card's defendant a name label stands for (one only), or -1. */
static int person_of(const awol_page *card, const char *label)
{
	size_t i;
	int found = -1;

	for (i = 0; card && label && i < card->npersons; i++)
		if (card->persons[i].name &&
		    awol_verdict_same_person(label, card->persons[i].name)) {
			if (found >= 0)
				return -1; /* two of them: not sure which */
			found = (int)i;
		}
	return found;
}

/* The pseudonym of a name label: its defendant's, as in `persons`, else the label's own. */
static char *label_pseudonym(const namer *nm, const char *label, awol_error *err)
{
	int p = person_of(nm->card, label);

	return awol_store_pseudonym(nm->st, p >= 0 ? nm->card->persons[p].name : label, err);
}

/* «ФИО-1a2b3c4d»: a name in a text becomes its pseudonym's first 8 hex digits. */
static char *pseudonym_label(void *ctx, const char *label)
{
	char *ps = label_pseudonym(ctx, label, NULL), *r;

	if (!ps)
		return NULL;
	r = malloc(16);
	if (r)
		snprintf(r, 16, "ФИО-%.8s", ps);
	free(ps);
	return r;
}

/*
 * The one path evidence quotes take into the store.  Without --keep-names the
 * defendants' name labels the reader sees become «ФИО-1a2b3c4d», then every
 * other form of the case's names goes the way the stored act texts go
 * (awol_store_redact_case, lib/store/redact.c): one mechanism for both, so a
 * quote never holds a name its text does not.  NULL with err set on failure.
 */
static char *depersonalise(const namer *nm, int64_t case_id, const char *q, awol_error *err)
{
	char *masked, *out = NULL;

	if (nm->st->keep_names) {
		out = strdup(q);
		if (!out)
			awol_error_set(err, AWOL_ENOMEM, "out of memory");
		return out;
	}
	masked = awol_verdict_mask_names(q, pseudonym_label, (void *)(uintptr_t)nm);
	if (!masked) {
		awol_error_set(err, AWOL_ENOMEM, "out of memory");
		return NULL;
	}
	if (awol_store_redact_case(nm->st, case_id, masked, &out, NULL, err) < 0)
		out = NULL;
	free(masked);
	return out;
}

/* «[3f0c…]», a name the stored text already has as its pseudonym: the pseudonym, else NULL. */
static char *stored_pseudonym(const char *label)
{
	size_t n = label ? strlen(label) : 0;

	if (n != AWOL_VERDICT_PSEUDONYM_LEN + 2 || label[0] != '[' || label[n - 1] != ']')
		return NULL;
	return strndup(label + 1, AWOL_VERDICT_PSEUDONYM_LEN);
}

/* The case's defendant with this pseudonym (persons.seq), or -1. */
static int person_by_pseudonym(awol_store *st, int64_t case_id, const char *ps)
{
	awol_db_stmt *s = NULL;
	int seq = -1;

	if (awol_store_stmt(st,
	                    "SELECT seq FROM persons WHERE case_id = ? AND pseudonym = ? "
	                    "ORDER BY seq LIMIT 1",
	                    &s, NULL) < 0)
		return -1;
	awol_db_bind_int64(s, 1, case_id);
	awol_db_bind_text(s, 2, ps);
	if (awol_db_step(s, NULL) == 1)
		seq = (int)awol_db_column_int64(s, 0);
	awol_db_finalize(s);
	return seq;
}

/*
 * Run a statement once: 0, or < 0 with err set.  *id (may be NULL) gets the first
 * column of the row a RETURNING gives.
 */
static int step(awol_db_stmt *s, int64_t *id, awol_error *err)
{
	int rc = awol_db_step(s, err);

	if (rc == 1 && id)
		*id = awol_db_column_int64(s, 0);
	return rc < 0 ? rc : 0;
}

static int insert_one(const namer *nm, awol_db_stmt *s, awol_db_stmt *sa, int64_t act_id,
                      int64_t case_id, size_t seq, const awol_verdict *v,
                      const awol_verdict_defendant *d, const char *now, awol_error *err)
{
	awol_store *st = nm->st;
	int person = d->label_is_name ? person_of(nm->card, d->label) : -1;
	const awol_verdict_punishment *p = &d->punishment;
	char add[160] = "", *ev[4] = {NULL}, *ps = NULL;
	const char *const src[4] = {d->ev_outcome, d->ev_punishment, d->ev_service, d->ev_absence};
	size_t i;
	int rc = 0, k;
	int64_t oid = 0;
	bool stored = false; /* the label is a pseudonym the text was stored with */

	for (i = 0; i < p->nadditional; i++)
		snprintf(add + strlen(add), sizeof(add) - strlen(add), "%s%s", i ? "," : "",
		         p->additional[i]);
	for (k = 0; k < 4 && rc == 0; k++)
		if (src[k] && !(ev[k] = depersonalise(nm, case_id, src[k], err)))
			rc = err && err->code ? -err->code : -AWOL_EIO;
	if (rc == 0 && d->label && d->label_is_name && !(ps = label_pseudonym(nm, d->label, err)))
		rc = -AWOL_EIO;
	if (rc < 0)
		goto done;
	if (!d->label_is_name && (ps = stored_pseudonym(d->label)) != NULL) {
		person = person_by_pseudonym(st, case_id, ps);
		stored = true;
	}
	awol_db_bind_int64(s, 1, act_id);
	awol_db_bind_int64(s, 2, case_id);
	awol_db_bind_int64(s, 3, (int64_t)seq);
	/* a placeholder label («ФИО1», «Ю.Г.Р.») as written; a name only with --keep-names */
	bind_text(s, 4,
	          d->label && !stored && (!d->label_is_name || st->keep_names) ? d->label : NULL);
	bind_text(s, 5, ps);
	bind_text(s, 6, v->act);
	awol_db_bind_int64(s, 7, v->appeal);
	bind_text(s, 8, d->outcome);
	bind_text(s, 9, d->ground);
	bind_text(s, 10, d->reason);
	bind_text(s, 11, d->has_punishment ? p->type : NULL);
	bind_int(s, 12, p->suspended, d->has_punishment && p->suspended_known);
	bind_int(s, 13, p->months, d->has_punishment);
	bind_int(s, 14, p->redacted, d->has_punishment);
	bind_text(s, 15, d->has_punishment ? p->regime : NULL);
	bind_int(s, 16, p->probation_months, d->has_punishment);
	bind_int(s, 17, p->fine_rub, d->has_punishment);
	bind_int(s, 18, p->below_minimum, d->has_punishment);
	bind_text(s, 19, d->has_punishment ? add : NULL);
	bind_text(s, 20, d->service);
	bind_text(s, 21, d->has_absence ? d->absence.from : NULL);
	bind_text(s, 22, d->has_absence ? d->absence.to : NULL);
	bind_int(s, 23, d->absence.days, d->has_absence);
	bind_text(s, 24, d->has_absence ? d->absence.ended : NULL);
	for (k = 0; k < 4; k++)
		bind_text(s, 25 + k, ev[k]);
	bind_text(s, 29, now);
	bind_int(s, 30, person, person >= 0);
	rc = step(s, &oid, err);
	awol_db_reset(s);
	awol_db_clear_bindings(s);
	for (i = 0; rc == 0 && i < d->narticles; i++) {
		const awol_verdict_article *a = &d->articles[i];
		awol_db_bind_int64(sa, 1, oid);
		awol_db_bind_int64(sa, 2, (int64_t)i);
		bind_text(sa, 3, a->law);
		bind_text(sa, 4, a->article);
		bind_text(sa, 5, a->part);
		bind_text(sa, 6, a->point);
		rc = step(sa, NULL, err);
		awol_db_reset(sa);
		awol_db_clear_bindings(sa);
	}
done:
	for (k = 0; k < 4; k++)
		free(ev[k]);
	free(ps);
	return rc;
}

/* The case's current reading: its newest act stating an outcome, else its newest read. */
static int supersede(awol_store *st, int64_t case_id, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(
	    st,
	    /* flags are 0/1 integers, tested as such: PostgreSQL has no integer truth */
	    "UPDATE outcomes SET current = CASE WHEN act_id IS NOT DISTINCT FROM coalesce("
	    " (SELECT a.id FROM acts a WHERE a.case_id = ?1 AND EXISTS (SELECT 1 FROM outcomes o "
	    "  WHERE o.act_id = a.id AND o.outcome != 'unknown') ORDER BY a.seq DESC LIMIT 1),"
	    " (SELECT a.id FROM acts a WHERE a.case_id = ?1 AND EXISTS (SELECT 1 FROM outcomes o "
	    "  WHERE o.act_id = a.id) ORDER BY a.seq DESC LIMIT 1)) THEN 1 ELSE 0 END "
	    "WHERE case_id = ?1",
	    &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_int64(s, 1, case_id);
	rc = step(s, NULL, err);
	awol_db_finalize(s);
	return rc;
}

int awol_store_outcomes_store(awol_store *st, int64_t act_id, int64_t case_id, const char *text,
                              const awol_page *card, awol_error *err)
{
	namer nm = {st, card};
	awol_verdict *v = NULL;
	awol_db_stmt *s = NULL, *sa = NULL, *sd = NULL;
	char now[32];
	size_t i;
	int rc;

	awol_store_now(now);
	rc = awol_store_stmt(st, "DELETE FROM outcomes WHERE act_id = ?", &sd, err);
	if (rc == 0) {
		awol_db_bind_int64(sd, 1, act_id);
		rc = step(sd, NULL, err);
	}
	/* an empty text (the site has no such document) says nothing: no rows */
	if (rc < 0 || !text || !*text)
		goto done;
	rc = awol_verdict_read(text, strlen(text), &v, err);
	if (rc == 0)
		rc = awol_store_stmt(
		    st,
		    "INSERT INTO outcomes (act_id, case_id, seq, label, pseudonym, act_kind, "
		    "appeal, "
		    "outcome, ground, reason, punishment, suspended, months, redacted, regime, "
		    "probation_months, fine_rub, below_minimum, additional, service, absence_from, "
		    "absence_to, absence_days, absence_ended, evidence_outcome, "
		    "evidence_punishment, "
		    "evidence_service, evidence_absence, read_at, person_seq) VALUES "
		    "(?,?,?,?,?,?,?,?,"
		    "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		    &s, err);
	if (rc == 0)
		rc = awol_store_stmt(st,
		                     "INSERT INTO outcome_articles (outcome_id, seq, law, article, "
		                     "part, point) VALUES (?,?,?,?,?,?)",
		                     &sa, err);
	for (i = 0; rc == 0 && i < v->ndefendants; i++)
		rc = insert_one(&nm, s, sa, act_id, case_id, i, v, &v->defendants[i], now, err);
	if (rc == 0)
		rc = supersede(st, case_id, err);
done:
	awol_db_finalize(sd);
	awol_db_finalize(s);
	awol_db_finalize(sa);
	awol_verdict_free(v);
	return rc;
}

/*
 * The defendants' names of a stored case as a card would give them (kept only with
 * --keep-names): without them name labels are not linked to the case's persons.
 */
static void stored_card(awol_store *st, int64_t case_id, awol_page *card)
{
	awol_db_stmt *s = NULL;
	size_t n = 0;

	memset(card, 0, sizeof(*card));
	if (awol_store_stmt(st, "SELECT seq, name FROM persons WHERE case_id = ? ORDER BY seq", &s,
	                    NULL) < 0)
		return;
	awol_db_bind_int64(s, 1, case_id);
	while (awol_db_step(s, NULL) == 1) {
		size_t seq = (size_t)awol_db_column_int64(s, 0);
		const char *name = awol_db_column_text(s, 1);
		awol_person *np;
		if (seq >= 64)
			break;
		if (seq >= n) {
			np = realloc(card->persons, (seq + 1) * sizeof(*np));
			if (!np)
				break;
			memset(np + n, 0, (seq + 1 - n) * sizeof(*np));
			card->persons = np;
			n = seq + 1;
		}
		card->persons[seq].name = name ? strdup(name) : NULL;
	}
	card->npersons = n;
	awol_db_finalize(s);
}

static void stored_card_free(awol_page *card)
{
	size_t i;

	for (i = 0; i < card->npersons; i++)
		free(card->persons[i].name);
	free(card->persons);
}

int awol_store_outcomes_read_acts(awol_store *st, bool all, size_t *nacts, awol_error *err)
{
	awol_db_stmt *s = NULL;
	size_t n = 0;
	int rc, r = 0;

	if (nacts)
		*nacts = 0;
	rc = awol_store_begin(st, err);
	if (rc < 0)
		return rc;
	rc =
	    awol_store_stmt(st,
	                    "SELECT id, case_id, text FROM acts WHERE text IS NOT NULL AND "
	                    "text != '' AND (?1 != 0 OR NOT EXISTS (SELECT 1 FROM outcomes o WHERE "
	                    "o.act_id = acts.id)) ORDER BY id",
	                    &s, err);
	if (rc == 0)
		awol_db_bind_int64(s, 1, all);
	while (rc == 0 && (r = awol_db_step(s, err)) == 1) {
		awol_page card;
		stored_card(st, awol_db_column_int64(s, 1), &card);
		rc = awol_store_outcomes_store(st, awol_db_column_int64(s, 0),
		                               awol_db_column_int64(s, 1),
		                               awol_db_column_text(s, 2), &card, err);
		stored_card_free(&card);
		n++;
	}
	if (rc == 0 && r < 0)
		rc = r;
	awol_db_finalize(s);
	if (rc < 0) {
		awol_store_rollback(st);
		return rc;
	}
	if (nacts)
		*nacts = n;
	return awol_store_commit(st, err);
}

const char *const awol_outcome_columns[] = {"court_code",
                                            "case_number",
                                            "case_uid",
                                            "decided",
                                            "act",
                                            "act_seq",
                                            "current",
                                            "defendant",
                                            "outcome",
                                            "ground",
                                            "reason",
                                            "convicted_of",
                                            "punishment",
                                            "suspended",
                                            "months",
                                            "redacted",
                                            "regime",
                                            "probation_months",
                                            "fine_rub",
                                            "below_minimum",
                                            "additional",
                                            "service",
                                            "absence_from",
                                            "absence_to",
                                            "absence_days",
                                            "absence_ended",
                                            "evidence_outcome",
                                            "evidence_punishment",
                                            "evidence_service",
                                            "evidence_absence"};
const bool awol_outcome_numeric[] = {false, false, false, false, false, true,  true,  false,
                                     false, false, false, false, false, true,  true,  true,
                                     false, true,  true,  true,  false, false, false, false,
                                     true,  false, false, false, false, false};
const size_t awol_outcome_ncolumns = AWOL_ARRAY_SIZE(awol_outcome_columns);

int awol_store_outcomes_list(awol_store *st, const char *court, bool all,
                             int (*fn)(void *ctx, const char *const *values), void *ctx,
                             awol_error *err)
{
	awol_db_stmt *s = NULL;
	const char *v[AWOL_ARRAY_SIZE(awol_outcome_columns)];
	size_t i;
	int rc, step;

	/* an outcome's articles in one cell: SQLite's group_concat, PostgreSQL's string_agg */
#define OUTCOME_REST                                                                               \
	" o.punishment, o.suspended, o.months, o.redacted, o.regime, o.probation_months, "         \
	" o.fine_rub, o.below_minimum, o.additional, o.service, o.absence_from, o.absence_to, "    \
	" o.absence_days, o.absence_ended, o.evidence_outcome, o.evidence_punishment, "            \
	" o.evidence_service, o.evidence_absence "                                                 \
	"FROM outcomes o JOIN acts a ON a.id = o.act_id JOIN cases k ON k.id = o.case_id "         \
	"WHERE (?1 IS NULL OR k.court_code = ?1) AND (?2 != 0 OR o.current != 0) "                 \
	"ORDER BY k.court_code, k.received, k.number, a.seq, o.seq"
#define ARTICLE_TEXT                                                                               \
	"trim(coalesce('п. ' || x.point || ' ', '') || coalesce('ч. ' || x.part || ' ', '') || " \
	"'ст. ' || x.article || ' ' || coalesce(x.law, ''))"
	rc = awol_store_stmt(
	    st,
	    awol_db_dialect(st->conn) == AWOL_DB_PG
	        ? "SELECT k.court_code, k.number, k.uid, k.decided, o.act_kind, a.seq, o.current, "
	          " coalesce(o.label, o.pseudonym), o.outcome, o.ground, o.reason, "
	          " (SELECT string_agg(" ARTICLE_TEXT
	          ", '; ' ORDER BY x.seq) FROM outcome_articles x "
	          "   WHERE x.outcome_id = o.id), " OUTCOME_REST
	        : "SELECT k.court_code, k.number, k.uid, k.decided, o.act_kind, a.seq, o.current, "
	          " coalesce(o.label, o.pseudonym), o.outcome, o.ground, o.reason, "
	          " (SELECT group_concat(" ARTICLE_TEXT
	          ", '; ') FROM (SELECT * FROM outcome_articles y "
	          "   WHERE y.outcome_id = o.id ORDER BY y.seq) x), " OUTCOME_REST,
	    &s, err);
#undef ARTICLE_TEXT
#undef OUTCOME_REST
	if (rc < 0)
		return rc;
	bind_text(s, 1, court);
	awol_db_bind_int64(s, 2, all);
	while ((step = awol_db_step(s, err)) == 1) {
		for (i = 0; i < AWOL_ARRAY_SIZE(v); i++)
			v[i] = awol_db_column_text(s, (int)i);
		rc = fn(ctx, v);
		if (rc)
			break;
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

/*
 * The readings a query selects, its values bound to ?1..?6 (bind_query): the courts, the
 * courts' region, the card's charges (articles, parts) and the decision days.
 */
#define FILT_PLACE                                                                                 \
	" AND (?1 IS NULL OR instr(',' || ?1 || ',', ',' || k.court_code || ',') > 0)"             \
	" AND (?2 IS NULL OR k.court_code IN (SELECT code FROM courts WHERE region = ?2))"         \
	" AND ((?3 IS NULL AND ?4 IS NULL) OR EXISTS (SELECT 1 FROM charges h WHERE "              \
	"  h.case_id = k.id AND (?3 IS NULL OR instr(',' || ?3 || ',', ',' || h.article || ',') "  \
	"  > 0) AND (?4 IS NULL OR instr(',' || ?4 || ',', ',' || h.part || ',') > 0)))"
#define FILT FILT_PLACE " AND (?5 IS NULL OR k.decided >= ?5) AND (?6 IS NULL OR k.decided <= ?6) "
/* the same for decided cases only, the days as a range the index cases_decided serves: a
 * query over all cases, once a period */
#define FILT_DECIDED " AND k.decided BETWEEN coalesce(?5, '0') AND coalesce(?6, '9')" FILT_PLACE " "

static void bind_query(awol_db_stmt *s, const awol_outcome_query *q)
{
	static const awol_outcome_query none = {0};

	if (!q)
		q = &none;
	bind_text(s, 1, q->courts);
	bind_text(s, 2, q->region);
	bind_text(s, 3, q->articles);
	bind_text(s, 4, q->parts);
	bind_text(s, 5, q->from);
	bind_text(s, 6, q->to);
}

/* One number from a query with the filter bound (bind_query). */
static long count_of(awol_store *st, const char *sql, const awol_outcome_query *q, awol_error *err)
{
	awol_db_stmt *s = NULL;
	long n = -1;

	if (awol_store_stmt(st, sql, &s, err) < 0)
		return -1;
	bind_query(s, q);
	if (awol_db_step(s, err) == 1)
		n = (long)awol_db_column_int64(s, 0);
	else if (err && !err->code)
		awol_error_set(err, AWOL_EDB, "%s: no count", awol_store_path(st));
	awol_db_finalize(s);
	return n;
}

/* What one period (or all, p NULL) is counted by: q without `by`, from/to the period's. */
typedef int (*period_fn)(awol_store *st, const awol_outcome_query *q, const awol_outcome_period *p,
                         void *ctx, awol_error *err);

/*
 * Call one() for q as a whole, or with q->by once per period of the decision day: from
 * --from (else the start of the first decision's period) to --to (else the end of the last
 * decision's), every period in between, empty or not, so a period split adds up to the
 * same rows for the same days.  Counting a period is counting its days: the same query.
 */
static int each_period(awol_store *st, const awol_outcome_query *q, period_fn one, void *ctx,
                       awol_error *err)
{
	static const char *const BYS[] = {"month", "quarter", "half", "year"};
	awol_outcome_query sub;
	awol_db_stmt *s = NULL;
	char lo_s[11] = "", hi_s[11] = "", label[16], from[11], to[11];
	long lo, hi, d, ps, pe, guard = 0;
	awol_date dd;
	bool known = false;
	size_t i;
	int rc;

	if (!q || !q->by)
		return one(st, q, NULL, ctx, err);
	for (i = 0; i < AWOL_ARRAY_SIZE(BYS); i++)
		known |= strcmp(q->by, BYS[i]) == 0;
	if (!known)
		return awol_error_set(err, AWOL_EINVAL,
		                      "cannot count readings by '%s' (month, quarter, half, year)",
		                      q->by);
	rc =
	    awol_store_stmt(st,
	                    "SELECT min(k.decided), max(k.decided) FROM cases k WHERE k.decided IS "
	                    "NOT NULL" FILT_DECIDED,
	                    &s, err);
	if (rc < 0)
		return rc;
	bind_query(s, q);
	rc = awol_db_step(s, err);
	if (rc == 1 && awol_db_column_text(s, 0)) {
		snprintf(lo_s, sizeof(lo_s), "%s", awol_db_column_text(s, 0));
		snprintf(hi_s, sizeof(hi_s), "%s", awol_db_column_text(s, 1));
	}
	awol_db_finalize(s);
	if (rc < 0)
		return rc;
	rc = 0;
	if (q->from)
		snprintf(lo_s, sizeof(lo_s), "%s", q->from);
	if (q->to)
		snprintf(hi_s, sizeof(hi_s), "%s", q->to);
	if (!lo_s[0] || !hi_s[0])
		return 0; /* nothing decided, no day given: no period */
	if (!awol_date_parse_iso(lo_s, &dd))
		return awol_error_set(err, AWOL_EINVAL, "not a day: %s", lo_s);
	lo = awol_date_to_days(dd);
	if (!awol_date_parse_iso(hi_s, &dd))
		return awol_error_set(err, AWOL_EINVAL, "not a day: %s", hi_s);
	hi = awol_date_to_days(dd);
	/* whole periods at the ends not cut by --from/--to */
	if (!awol_stats_period(lo_s, q->by, label, sizeof(label)) ||
	    !awol_stats_period_bounds(label, q->by, &ps, &pe))
		return awol_error_set(err, AWOL_EINVAL, "no period of %s", lo_s);
	if (!q->from)
		lo = ps;
	if (!awol_stats_period(hi_s, q->by, label, sizeof(label)) ||
	    !awol_stats_period_bounds(label, q->by, &ps, &pe))
		return awol_error_set(err, AWOL_EINVAL, "no period of %s", hi_s);
	if (!q->to)
		hi = pe;
	for (d = lo; rc == 0 && d <= hi && guard++ < 100000; d = pe + 1) {
		awol_outcome_period p;
		char iso[11];
		awol_date_iso(awol_date_from_days(d), iso);
		if (!awol_stats_period(iso, q->by, label, sizeof(label)) ||
		    !awol_stats_period_bounds(label, q->by, &ps, &pe))
			return awol_error_set(err, AWOL_EINVAL, "no period of %s", iso);
		memset(&p, 0, sizeof(p));
		p.period = label;
		awol_date_iso(awol_date_from_days(d), p.start);
		awol_date_iso(awol_date_from_days(pe < hi ? pe : hi), p.end);
		p.days = (pe < hi ? pe : hi) - d + 1;
		p.period_days = pe - ps + 1;
		p.partial = p.days < p.period_days;
		sub = *q;
		sub.by = NULL;
		memcpy(from, p.start, sizeof(from));
		memcpy(to, p.end, sizeof(to));
		sub.from = from;
		sub.to = to;
		rc = one(st, &sub, &p, ctx, err);
	}
	return rc;
}

#define CUR " FROM outcomes o JOIN cases k ON k.id = o.case_id WHERE o.current != 0" FILT

static const struct share_def {
	const char *measure, *value_sql, *where, *base_is;
} SHARES[] = {
    {"outcome", "o.outcome", "o.outcome != 'unknown'", "defendants read to a clear outcome"},
    {"sentence",
     "CASE WHEN o.punishment = 'imprisonment' AND o.suspended != 0 THEN 'imprisonment, suspended' "
     "WHEN o.punishment = 'imprisonment' THEN 'imprisonment, real' ELSE o.punishment END",
     "o.outcome = 'convicted' AND o.punishment IS NOT NULL", "convicted, punishment read"},
    {"regime", "o.regime",
     "o.outcome = 'convicted' AND o.punishment = 'imprisonment' AND o.suspended = 0 AND "
     "o.regime IS NOT NULL",
     "real terms of imprisonment, regime read"},
    {"service", "o.service", "o.outcome != 'unknown' AND o.service IS NOT NULL",
     "clear outcomes whose text states the service"},
    {"ground", "o.outcome || ': ' || o.ground",
     "o.outcome IN ('terminated', 'paused') AND o.ground IS NOT NULL",
     "terminations and pauses, ground read"},
};

typedef int (*share_fn)(void *ctx, const awol_outcome_period *p, const char *measure,
                        const char *value, long count, long base, const char *base_is);
typedef struct share_ctx {
	share_fn fn;
	void *ctx;
} share_ctx;

static int shares_of(awol_store *st, const awol_outcome_query *q, const awol_outcome_period *p,
                     void *vctx, awol_error *err)
{
	share_ctx *c = vctx;
	long decided, published, clear, read;
	size_t i;
	int rc = 0, step = 0;

	decided = count_of(
	    st, "SELECT count(*) FROM cases k WHERE k.decided IS NOT NULL" FILT_DECIDED, q, err);
	published = count_of(st,
	                     "SELECT count(DISTINCT o.case_id)" CUR
	                     "AND k.decided IS NOT NULL AND coalesce(o.reason, '') NOT IN "
	                     "('not_published', 'empty')",
	                     q, err);
	clear = count_of(st, "SELECT count(*)" CUR "AND o.outcome != 'unknown'", q, err);
	read = count_of(st, "SELECT count(*)" CUR, q, err);
	if (decided < 0 || published < 0 || clear < 0 || read < 0)
		return -AWOL_EDB;
	rc = c->fn(c->ctx, p, "cases", "decided", decided, decided, "decided cases in the store");
	if (rc == 0)
		rc = c->fn(c->ctx, p, "cases", "decided, a published text read", published, decided,
		           "decided cases in the store");
	if (rc == 0)
		rc = c->fn(c->ctx, p, "defendants", "read to a clear outcome", clear, read,
		           "defendants of the act texts read");
	for (i = 0; rc == 0 && i < AWOL_ARRAY_SIZE(SHARES); i++) {
		const struct share_def *d = &SHARES[i];
		char sql[2048];
		awol_db_stmt *s = NULL;
		long base;
		snprintf(sql, sizeof(sql), "SELECT count(*)" CUR "AND %s", d->where);
		base = count_of(st, sql, q, err);
		if (base < 0)
			return -AWOL_EDB;
		snprintf(sql, sizeof(sql),
		         "SELECT %s AS v, count(*) AS n" CUR "AND %s GROUP BY v ORDER BY n DESC, v",
		         d->value_sql, d->where);
		rc = awol_store_stmt(st, sql, &s, err);
		if (rc < 0)
			return rc;
		bind_query(s, q);
		while (rc == 0 && (step = awol_db_step(s, err)) == 1)
			rc = c->fn(c->ctx, p, d->measure, awol_db_column_text(s, 0),
			           (long)awol_db_column_int64(s, 1), base, d->base_is);
		if (rc == 0 && step < 0)
			rc = step;
		awol_db_finalize(s);
	}
	return rc;
}

int awol_store_outcomes_shares(awol_store *st, const awol_outcome_query *q, share_fn fn, void *ctx,
                               awol_error *err)
{
	share_ctx c = {fn, ctx};

	return each_period(st, q, shares_of, &c, err);
}

/* Nearest-rank quantile of sorted v[0..n). */
static double quantile(const long *v, long n, double q)
{
	long k = (long)(q * (double)n + 0.999999);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return (double)v[k - 1];
}

static int flush_terms(const awol_outcome_period *p, const char *g, long *v, long n, long unread,
                       int (*fn)(void *ctx, const awol_term_stats *s), void *ctx)
{
	awol_term_stats ts;

	memset(&ts, 0, sizeof(ts));
	ts.period = p;
	ts.group = g;
	ts.n = n;
	ts.unread = unread;
	if (n > 0) {
		ts.min = (double)v[0];
		ts.q1 = quantile(v, n, 0.25);
		ts.median = quantile(v, n, 0.5);
		ts.q3 = quantile(v, n, 0.75);
		ts.max = (double)v[n - 1];
	}
	return fn(ctx, &ts);
}

typedef struct terms_ctx {
	const char *gsql;
	int (*fn)(void *ctx, const awol_term_stats *s);
	void *ctx;
} terms_ctx;

static int terms_of(awol_store *st, const awol_outcome_query *q, const awol_outcome_period *p,
                    void *vctx, awol_error *err)
{
	terms_ctx *c = vctx;
	char sql[2048], *cur = NULL;
	awol_db_stmt *s = NULL;
	long *v = NULL, n = 0, cap = 0, unread = 0;
	int rc, step = 0;

	snprintf(sql, sizeof(sql),
	         "SELECT %s AS g, o.months" CUR "AND o.outcome = 'convicted' ORDER BY g, o.months",
	         c->gsql);
	rc = awol_store_stmt(st, sql, &s, err);
	if (rc < 0)
		return rc;
	bind_query(s, q);
	while (rc == 0 && (step = awol_db_step(s, err)) == 1) {
		const char *g = awol_db_column_text(s, 0);
		if (!g)
			g = "";
		if (cur && strcmp(cur, g) != 0) {
			rc = flush_terms(p, cur, v, n, unread, c->fn, c->ctx);
			n = unread = 0;
		}
		if (!cur || strcmp(cur, g) != 0) {
			free(cur);
			cur = strdup(g);
			if (!cur)
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		}
		if (awol_db_column_is_null(s, 1)) {
			unread++;
			continue;
		}
		if (n == cap) {
			long *nv = realloc(v, (size_t)(cap ? cap * 2 : 256) * sizeof(*v));
			if (!nv) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			v = nv;
			cap = cap ? cap * 2 : 256;
		}
		v[n++] = (long)awol_db_column_int64(s, 1);
	}
	if (rc == 0 && step < 0)
		rc = step;
	/* a period with no conviction still has its row: 0 terms, not a missing period */
	if (rc == 0 && (cur || p))
		rc = flush_terms(p, cur ? cur : "all", v, n, unread, c->fn, c->ctx);
	awol_db_finalize(s);
	free(cur);
	free(v);
	return rc;
}

int awol_store_outcomes_terms(awol_store *st, const awol_outcome_query *q, const char *group,
                              int (*fn)(void *ctx, const awol_term_stats *s), void *ctx,
                              awol_error *err)
{
	static const struct {
		const char *name, *sql;
	} G[] = {
	    {"sentence",
	     "CASE WHEN o.punishment IS NULL THEN '(type not read)' WHEN o.punishment = "
	     "'imprisonment' AND o.suspended != 0 THEN 'imprisonment, suspended' WHEN "
	     "o.punishment = 'imprisonment' THEN 'imprisonment, real' ELSE o.punishment "
	     "END"},
	    {"article", "coalesce((SELECT y.article || coalesce(' ч. ' || y.part, '') FROM "
	                "outcome_articles y WHERE y.outcome_id = o.id ORDER BY y.seq LIMIT 1), "
	                "'(not read)')"},
	    {"year", "coalesce(substr(k.decided, 1, 4), '(no date)')"},
	};
	terms_ctx c = {"'all'", fn, ctx};
	size_t i;

	if (group) {
		c.gsql = NULL;
		for (i = 0; i < AWOL_ARRAY_SIZE(G); i++)
			if (strcmp(G[i].name, group) == 0)
				c.gsql = G[i].sql;
		if (!c.gsql)
			return awol_error_set(
			    err, AWOL_EINVAL,
			    "cannot group terms by '%s' (sentence, article, year)", group);
	}
	return each_period(st, q, terms_of, &c, err);
}
