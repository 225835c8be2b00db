/*
 * Exports (include/awol/export.h): one column table per entity from which the
 * SQL, the CSV header, the JSON keys and the data package schema are all made.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "awol/export.h"
#include "awol/stats.h"
#include "export_priv.h"

#include <ctype.h>
#include <stdarg.h>
#include <jansson.h>
#include <sqlite3.h>

#define S AWOL_EXPORT_STRING
#define I AWOL_EXPORT_INTEGER
#define B AWOL_EXPORT_BOOLEAN
#define D AWOL_EXPORT_DATE
#define T AWOL_EXPORT_DATETIME

/* The court columns every case entity starts with, and the outcome text. */
#define COURT_CODE                                                                                 \
	{                                                                                          \
		"court_code", S, "code of the court in awol's registry (awol courts)"              \
	}
#define NUMBER                                                                                     \
	{                                                                                          \
		"number", S, "case number as the court wrote it"                                   \
	}
#define OUTCOME_DESC                                                                               \
	"normalised outcome: convicted, terminated:<reason>, returned-to-prosecutor, "             \
	"transferred, pending or unrecognised (docs/counting.md)"

static const awol_export_column CASES[] = {
    {"case_id", I, "awol's id of the case in this database (joins the other files)"},
    COURT_CODE,
    {"court_name", S, "name of the court (registry)"},
    {"region", S, "region of the court's seat (registry)"},
    {"level", S, "garrison, district or fleet court (registry)"},
    NUMBER,
    {"uid", S, "unique case identifier (УИД) when the court published it"},
    {"received", D, "day the case was received by the court"},
    {"decided", D, "day of the decision, empty while pending"},
    {"result", S, "result as the court wrote it"},
    {"judge", S, "judge as the court wrote it"},
    {"proceeding", S, "kind of proceeding (criminal, administrative)"},
    {"instance", S, "first instance, appeal or cassation"},
    {"defendants", I, "number of defendants on the card"},
    {"first_seen", T, "when awol first stored the case (UTC)"},
    {"updated_at", T, "when awol last changed the case (UTC)"},
    {"outcome", S, OUTCOME_DESC},
    {"district", S, "code of the district or fleet court above the court (registry)"},
    {"charges", S, "distinct charges of all defendants: article, part (ч.), point (п.)"},
    {"url", S,
     "the case's card on the court's site: the address awol read the case from (its "
     "provenance page), empty when the case came from a file"},
};
static const char *const CASES_SQL[] = {
    "c.id",
    "c.court_code",
    "k.name",
    "k.region",
    "k.level",
    "c.number",
    "c.uid",
    "c.received",
    "c.decided",
    "c.result",
    "c.judge",
    "c.proceeding",
    "c.instance",
    "(SELECT count(*) FROM persons p WHERE p.case_id = c.id)",
    "c.first_seen",
    "c.updated_at",
    "awol_export_outcome(c.result)",
    "k.district_code",
    "(SELECT group_concat(x, '; ') FROM (SELECT DISTINCT coalesce(h.article, h.text) "
    "|| CASE WHEN h.part IS NOT NULL THEN ' ч.' || h.part ELSE '' END "
    "|| CASE WHEN h.point IS NOT NULL THEN ' п.' || h.point ELSE '' END AS x "
    "FROM charges h WHERE h.case_id = c.id ORDER BY h.person_id, h.seq))",
    /* the address the crawl asked (the court's host, whatever --connect-to redirected) */
    "(SELECT g.source FROM pages g WHERE g.id = c.page_id AND (g.source LIKE 'http://%' OR "
    "g.source LIKE 'https://%'))",
};

static const awol_export_column PERSONS[] = {
    {"person_id", I, "awol's id of the defendant in this database"},
    {"case_id", I, "the defendant's case (cases.csv)"},
    COURT_CODE,
    NUMBER,
    {"seq", I, "position of the defendant on the card, from 1"},
    {"pseudonym", S, "stable pseudonym (keyed hash of the name)"},
    {"name", S, "name, empty unless the database was filled with --keep-names"},
    {"name_hidden", B, "1 when the court published no name"},
    {"decided", D, "day of the decision on this defendant"},
    {"result", S, "result for this defendant as the court wrote it"},
    {"outcome", S, OUTCOME_DESC},
};
static const char *const PERSONS_SQL[] = {
    "p.id",
    "p.case_id",
    "c.court_code",
    "c.number",
    "p.seq",
    "p.pseudonym",
    "p.name",
    "p.name_hidden",
    "p.decided",
    "p.result",
    "awol_export_outcome(p.result)",
};

static const awol_export_column CHARGES[] = {
    {"charge_id", I, "awol's id of the charge in this database"},
    {"case_id", I, "the charge's case (cases.csv)"},
    {"person_id", I, "the charged defendant (persons.csv)"},
    COURT_CODE,
    NUMBER,
    {"received", D, "day the case was received by the court"},
    {"law", S, "code of law: УК РФ (criminal) or КоАП РФ (administrative)"},
    {"article", S, "article number, e.g. 337"},
    {"part", S, "part (часть) of the article, e.g. 5"},
    {"point", S, "point (пункт) of the part, e.g. а"},
    {"text", S, "the charge as the court wrote it"},
};
static const char *const CHARGES_SQL[] = {
    "h.id",  "h.case_id", "h.person_id", "c.court_code", "c.number", "c.received",
    "h.law", "h.article", "h.part",      "h.point",      "h.text",
};

static const awol_export_column EVENTS[] = {
    {"event_id", I, "awol's id of the event in this database"},
    {"case_id", I, "the event's case (cases.csv)"},
    COURT_CODE,
    NUMBER,
    {"seq", I, "position of the event on the card, from 1"},
    {"name", S, "event (hearing, transfer, decision...) as the court wrote it"},
    {"date", D, "day of the event"},
    {"time", S, "time of the event, HH:MM, as published"},
    {"place", S, "room or place"},
    {"result", S, "result of the event as the court wrote it"},
    {"reason", S, "reason given (e.g. for a postponement)"},
};
static const char *const EVENTS_SQL[] = {
    "e.id",   "e.case_id", "c.court_code", "c.number", "e.seq",    "e.name",
    "e.date", "e.time",    "e.place",      "e.result", "e.reason",
};

static const awol_export_column COVERAGE[] = {
    COURT_CODE,
    {"court_name", S, "name of the court (registry)"},
    {"region", S, "region of the court's seat (registry)"},
    {"server", I, "server of the court searched (courts with several have 1, 2...)"},
    {"article", S, "article searched"},
    {"date_axis", S, "the day the window is about: received"},
    {"date_from", D, "first day of the window"},
    {"date_to", D, "last day of the window"},
    {"status", S,
     "complete, partial, pending, captcha, dead or listings_only (walked with --no-cards, no case "
     "stored): only complete windows were read in full"},
    {"expected", I, "cases the court's listing announced for the window"},
    {"collected", I, "cases collected for the window"},
    {"error", S, "last error for the window"},
    {"updated_at", T, "when the window was last worked on (UTC)"},
};
static const char *const COVERAGE_SQL[] = {
    "v.court_code", "k.name",      "k.region",     "v.server", "v.article",
    "v.date_axis",  "v.date_from", "v.date_to",    "v.status", "v.expected",
    "v.collected",  "v.error",     "v.updated_at",
};

static const awol_export_column COURT_COVERAGE[] = {
    COURT_CODE,
    {"court_name", S, "name of the court (registry)"},
    {"status", S, "crawl status of the court: complete, partial, captcha, dead or listings_only"},
    {"windows_complete", I, "court x article x date windows read in full"},
    {"windows", I, "windows planned"},
    {"expected", I, "cases the court's listings announced"},
    {"collected", I, "cases collected"},
    {"last_error", S,
     "the cause of the court's last failure (connection refused, DNS, TLS, timeout, HTTP "
     "status N, redirect refused, store failure...), else the last error of its windows"},
};
static const char *const COURT_COVERAGE_SQL[] = {
    "v.court_code",
    "k.name",
    "coalesce(s.status, CASE WHEN sum(v.status = 'complete') = count(*) THEN 'complete' "
    "ELSE 'partial' END)",
    "sum(v.status = 'complete')",
    "count(*)",
    "sum(v.expected)",
    "sum(v.collected)",
    "coalesce(CASE WHEN s.status != 'complete' THEN s.error END, max(v.error))",
};

/* one SQL expression per column */
#define SAME_LENGTH(C, Q)                                                                          \
	_Static_assert(AWOL_ARRAY_SIZE(C) == AWOL_ARRAY_SIZE(Q), #Q " does not match " #C)
SAME_LENGTH(CASES, CASES_SQL);
SAME_LENGTH(PERSONS, PERSONS_SQL);
SAME_LENGTH(CHARGES, CHARGES_SQL);
SAME_LENGTH(EVENTS, EVENTS_SQL);
SAME_LENGTH(COVERAGE, COVERAGE_SQL);
SAME_LENGTH(COURT_COVERAGE, COURT_COVERAGE_SQL);
#undef SAME_LENGTH

#undef S
#undef I
#undef B
#undef D
#undef T

/* How to select an entity: FROM, the alias holding the case or window, GROUP/ORDER BY. */
typedef struct entity {
	const char *what;
	const awol_export_column *cols;
	const char *const *sql;
	size_t ncols;
	const char *from, *group, *order;
	bool by_case; /* c = cases; else v = coverage windows */
	/* FROM for a database older than schema 4 (no court_status.error): read-only opens
	 * are not migrated */
	const char *from_v3;
} entity;

#define CASE_FROM(extra) extra " LEFT JOIN courts k ON k.code = c.court_code"
#define ENTITY(w, C, Q, from, group, order, bc)                                                    \
	{                                                                                          \
		w, C, Q, AWOL_ARRAY_SIZE(C), from, group, order, bc, NULL                          \
	}
#define COURT_STATUS(error)                                                                        \
	"coverage v LEFT JOIN courts k ON k.code = v.court_code LEFT JOIN (SELECT court_code, "    \
	"status, " error " AS error FROM court_status) s ON s.court_code = v.court_code"

static const entity ENTITIES[] = {
    ENTITY("cases", CASES, CASES_SQL, CASE_FROM("cases c"), NULL, "c.id", true),
    ENTITY("persons", PERSONS, PERSONS_SQL, CASE_FROM("persons p JOIN cases c ON c.id = p.case_id"),
           NULL, "p.id", true),
    ENTITY("charges", CHARGES, CHARGES_SQL, CASE_FROM("charges h JOIN cases c ON c.id = h.case_id"),
           NULL, "h.id", true),
    ENTITY("events", EVENTS, EVENTS_SQL, CASE_FROM("events e JOIN cases c ON c.id = e.case_id"),
           NULL, "e.id", true),
    ENTITY("coverage", COVERAGE, COVERAGE_SQL,
           "coverage v LEFT JOIN courts k ON k.code = v.court_code", NULL,
           "v.court_code, v.server, v.article, v.date_from", false),
    {"court_coverage", COURT_COVERAGE, COURT_COVERAGE_SQL, AWOL_ARRAY_SIZE(COURT_COVERAGE),
     COURT_STATUS("error"), "v.court_code", "3 != 'complete' DESC, 1", false, COURT_STATUS("NULL")},
};

const char *const awol_export_entities[] = {"cases",    "persons",        "charges", "events",
                                            "coverage", "court_coverage", NULL};

static const entity *find_entity(const char *what)
{
	size_t i;

	for (i = 0; what && i < AWOL_ARRAY_SIZE(ENTITIES); i++)
		if (strcmp(ENTITIES[i].what, what) == 0)
			return &ENTITIES[i];
	return NULL;
}

const awol_export_column *awol_export_columns(const char *what, size_t *n)
{
	const entity *e = find_entity(what);

	*n = e ? e->ncols : 0;
	return e ? e->cols : NULL;
}

const char *awol_export_type_name(awol_export_type t)
{
	static const char *const names[] = {"string",  "integer", "number",
	                                    "boolean", "date",    "datetime"};

	return (size_t)t < AWOL_ARRAY_SIZE(names) ? names[t] : "string";
}

static const char *const OUTCOMES[] = {"convicted",
                                       "terminated",
                                       "terminated:judicial-fine",
                                       "terminated:reconciliation",
                                       "terminated:amnesty",
                                       "terminated:death",
                                       "terminated:other",
                                       "returned-to-prosecutor",
                                       "transferred",
                                       "pending",
                                       "unrecognised",
                                       NULL};

static void fn_outcome(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	const char *o = awol_stats_outcome((const char *)sqlite3_value_text(v[0]));

	(void)argc;
	sqlite3_result_text(ctx, o ? o : "unrecognised", -1, SQLITE_STATIC);
}

static bool is_set(const char *s)
{
	return s && *s;
}

static bool ok_list(const char *s, bool article)
{
	const char *p;

	if (!is_set(s))
		return false;
	for (p = s; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == ',' || (article && *p == '.')))
			return false;
	return true;
}

/* Run `sql` with one text bound; *found says whether it gave a row. */
static int exists(awol_store *st, const char *sql, const char *v, size_t len, bool *found,
                  awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(awol_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(awol_store_db(st)));
	sqlite3_bind_text(s, 1, v, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(awol_store_db(st)));
	return 0;
}

int awol_export_filter_check(awol_store *st, const awol_export_filter *f, awol_error *err)
{
	awol_date a, b;
	const char *p;
	bool found;
	size_t i;
	int rc;

	if (!f)
		return 0;
	if (f->from && !awol_date_parse_iso(f->from, &a))
		return awol_error_set(err, AWOL_EINVAL, "--from: not a day (YYYY-MM-DD): '%s'",
		                      f->from);
	if (f->to && !awol_date_parse_iso(f->to, &b))
		return awol_error_set(err, AWOL_EINVAL, "--to: not a day (YYYY-MM-DD): '%s'",
		                      f->to);
	if (f->from && f->to && awol_date_cmp(a, b) > 0)
		return awol_error_set(err, AWOL_EINVAL, "--from %s is after --to %s", f->from,
		                      f->to);
	if (f->limit < 0)
		return awol_error_set(err, AWOL_EINVAL, "--limit must be 0 (all) or more, got %ld",
		                      f->limit);
	if (f->offset < 0)
		return awol_error_set(err, AWOL_EINVAL, "--offset must be 0 or more, got %ld",
		                      f->offset);
	if (f->date && strcmp(f->date, "received") != 0 && strcmp(f->date, "decided") != 0)
		return awol_error_set(err, AWOL_EINVAL,
		                      "--date must be received or decided, got '%s'", f->date);
	if (f->articles) {
		if (!ok_list(f->articles, true))
			return awol_error_set(err, AWOL_EINVAL,
			                      "--article: not a list of article numbers: '%s'",
			                      f->articles);
		for (p = f->articles; *p; p += strcspn(p, ","), p += *p == ',')
			if (!isdigit((unsigned char)*p))
				return awol_error_set(err, AWOL_EINVAL,
				                      "--article: not an article number: '%.*s'",
				                      (int)strcspn(p, ","), p);
	}
	if (f->outcome) {
		for (i = 0; OUTCOMES[i] && strcmp(OUTCOMES[i], f->outcome) != 0; i++)
			;
		if (!OUTCOMES[i])
			return awol_error_set(
			    err, AWOL_EINVAL,
			    "--outcome: unknown outcome '%s' (convicted, terminated, "
			    "terminated:judicial-fine, terminated:reconciliation, "
			    "terminated:amnesty, terminated:death, terminated:other, "
			    "returned-to-prosecutor, transferred, pending, "
			    "unrecognised)",
			    f->outcome);
	}
	if (f->courts) {
		if (!ok_list(f->courts, false))
			return awol_error_set(err, AWOL_EINVAL,
			                      "--court: not a list of court codes: "
			                      "'%s'",
			                      f->courts);
		for (p = f->courts; *p; p += strcspn(p, ","), p += *p == ',') {
			size_t n = strcspn(p, ",");
			rc = exists(st, "SELECT 1 FROM courts WHERE code = ?1", p, n, &found, err);
			if (rc < 0)
				return rc;
			if (!found)
				return awol_error_set(err, AWOL_EINVAL,
				                      "--court: no court with the code '%.*s' (see "
				                      "'awol courts')",
				                      (int)n, p);
		}
	}
	if (f->region) {
		rc = exists(st, "SELECT 1 FROM courts WHERE region = ?1", f->region,
		            strlen(f->region), &found, err);
		if (rc < 0)
			return rc;
		if (!found)
			return awol_error_set(err, AWOL_EINVAL,
			                      "--region: no court in the region '%s' (see 'awol "
			                      "courts')",
			                      f->region);
	}
	return 0;
}

/* Append " WHERE " or " AND " and a condition. */
static int cond(awol_buf *q, bool *where, awol_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int cond(awol_buf *q, bool *where, awol_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc = awol_buf_puts(q, *where ? " AND " : " WHERE ", err);

	*where = true;
	if (rc < 0)
		return rc;
	va_start(ap, fmt);
	rc = awol_buf_vprintf(q, err, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * " IN (:court1, :court2...)" for a comma-separated list: a list of bound values, so that
 * SQLite can use the indexes on cases(court_code...) and charges(article) (instr() on a
 * joined string cannot).  The values are bound by name in awol_export_prepare.
 */
static int in_list(awol_buf *q, const char *name, const char *list, awol_error *err)
{
	size_t k = 1;
	const char *p;
	int rc = awol_buf_puts(q, " IN (", err);

	for (p = list; rc == 0 && *p; p += strcspn(p, ","), p += *p == ',', k++)
		rc = awol_buf_printf(q, err, "%s:%s%zu", k > 1 ? ", " : "", name, k);
	return rc == 0 ? awol_buf_putc(q, ')', err) : rc;
}

/*
 * The WHERE clause of f for e (empty for no filter).  For a count, the cases of the
 * articles are looked up by id; for rows, they are a set the rows in their order are
 * checked against ("+c.id" keeps SQLite from looking them up by id and sorting them
 * after: the index cases_court_order gives them in order).
 */
static int build_where(const entity *e, const awol_export_filter *f, bool count, awol_buf *w,
                       awol_error *err)
{
	const char *axis = f->date && strcmp(f->date, "decided") == 0 ? "c.decided" : "c.received";
	bool where = false;
	int rc = 0;

	if (is_set(f->outcome) && !e->by_case)
		return awol_error_set(err, AWOL_EINVAL, "--outcome does not apply to %s", e->what);
	if (is_set(f->articles) && !e->by_case)
		rc = cond(w, &where, err,
		          "instr(',' || :articles || ',', ',' || v.article || ',') > 0");
	else if (is_set(f->articles)) {
		rc = cond(w, &where, err,
		          "%sc.id IN (SELECT x.case_id FROM charges x WHERE x.article",
		          count ? "" : "+");
		if (rc == 0)
			rc = in_list(w, "article", f->articles, err);
		if (rc == 0)
			rc = awol_buf_putc(w, ')', err);
	}
	if (rc == 0 && is_set(f->courts)) {
		rc = cond(w, &where, err, "%s", e->by_case ? "c.court_code" : "v.court_code");
		if (rc == 0)
			rc = in_list(w, "court", f->courts, err);
	}
	if (rc == 0 && is_set(f->region))
		rc = cond(w, &where, err, "k.region = :region");
	/* a window overlaps the period; a case has its day in it */
	if (rc == 0 && is_set(f->from))
		rc = cond(w, &where, err, "%s >= :from", e->by_case ? axis : "v.date_to");
	if (rc == 0 && is_set(f->to))
		rc = cond(w, &where, err, "%s <= :to", e->by_case ? axis : "v.date_from");
	if (rc == 0 && is_set(f->outcome))
		rc = cond(w, &where, err,
		          "(awol_export_outcome(c.result) = :outcome OR "
		          "substr(awol_export_outcome(c.result), 1, length(:outcome) + 1) = "
		          ":outcome || ':')");
	return rc == 0 ? awol_buf_putc(w, '\0', err) : rc;
}

static bool paged(const entity *e, const awol_export_filter *f)
{
	return f && e->by_case && (f->limit > 0 || f->offset > 0);
}

/* The order of the cases: court by court in order of receipt, or by id. */
static const char *case_order(const awol_export_filter *f)
{
	return f && f->by_court ? "c.court_code, c.received, c.number, c.id" : "c.id";
}

/*
 * The SELECT for e under f; parameters are bound by name in awol_export_prepare.  A page
 * (--limit/--offset) is a page of cases: its ids are found first, from the cases alone
 * (the index cases_court_order, schema 6, gives them in court order without a sort), so
 * that skipped cases cost no subqueries and persons, charges and events give the rows
 * of the cases of the page.
 */
static int build_sql(const entity *e, const awol_export_filter *f, bool v3, awol_buf *q,
                     awol_error *err)
{
	awol_buf w = AWOL_BUF_INIT;
	size_t i;
	int rc = f ? build_where(e, f, false, &w, err) : 0;

	if (rc == 0)
		rc = awol_buf_puts(q, "SELECT ", err);
	for (i = 0; rc == 0 && i < e->ncols; i++)
		rc = awol_buf_printf(q, err, "%s%s AS %s", i ? ", " : "", e->sql[i],
		                     e->cols[i].name);
	if (rc == 0)
		rc = awol_buf_printf(q, err, " FROM %s", v3 && e->from_v3 ? e->from_v3 : e->from);
	if (rc == 0 && paged(e, f))
		rc = awol_buf_printf(q, err,
		                     " WHERE c.id IN (SELECT c.id FROM " CASE_FROM(
		                         "cases c") "%s ORDER BY %s LIMIT :limit OFFSET :offset)",
		                     awol_buf_cstr(&w), case_order(f));
	else if (rc == 0 && f)
		rc = awol_buf_puts(q, awol_buf_cstr(&w), err);
	if (rc == 0 && e->group)
		rc = awol_buf_printf(q, err, " GROUP BY %s", e->group);
	if (rc == 0)
		rc = awol_buf_printf(
		    q, err, " ORDER BY %s%s",
		    f && f->by_court && e->by_case ? "c.court_code, c.received, c.number, " : "",
		    e->order);
	awol_buf_dispose(&w);
	return rc;
}

static void bind(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* :name1, :name2... for the items of a comma-separated list (in_list). */
static void bind_list(sqlite3_stmt *s, const char *name, const char *list)
{
	char key[48];
	size_t k = 1, n;
	const char *p;
	int i;

	for (p = list ? list : ""; *p; p += n, p += *p == ',', k++) {
		n = strcspn(p, ",");
		snprintf(key, sizeof(key), ":%s%zu", name, k);
		i = sqlite3_bind_parameter_index(s, key);
		if (i > 0)
			sqlite3_bind_text(s, i, p, (int)n, SQLITE_STATIC);
	}
}

static void bind_filter(sqlite3_stmt *s, const awol_export_filter *f)
{
	int i;

	if (!f)
		return;
	bind(s, ":articles", f->articles);
	bind_list(s, "article", f->articles);
	bind_list(s, "court", f->courts);
	bind(s, ":region", f->region);
	bind(s, ":from", f->from);
	bind(s, ":to", f->to);
	bind(s, ":outcome", f->outcome);
	if ((i = sqlite3_bind_parameter_index(s, ":limit")) > 0)
		sqlite3_bind_int64(s, i, f->limit > 0 ? f->limit : -1); /* -1: no limit */
	if ((i = sqlite3_bind_parameter_index(s, ":offset")) > 0)
		sqlite3_bind_int64(s, i, f->offset);
}

static int prepare_sql(awol_store *st, const char *sql, const awol_export_filter *f,
                       sqlite3_stmt **out, awol_error *err)
{
	sqlite3 *db = awol_store_db(st);

	sqlite3_create_function(db, "awol_export_outcome", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        NULL, fn_outcome, NULL, NULL);
	if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(db));
	bind_filter(*out, f);
	return 0;
}

int awol_export_prepare(awol_store *st, const char *what, const awol_export_filter *f,
                        sqlite3_stmt **out, size_t *ncols, awol_error *err)
{
	const entity *e = find_entity(what);
	awol_buf q = AWOL_BUF_INIT;
	int rc;

	*out = NULL;
	if (!e)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	*ncols = e->ncols;
	rc = build_sql(e, f, !awol_store_has_column(st, "court_status", "error"), &q, err);
	if (rc == 0)
		rc = awol_buf_putc(&q, '\0', err);
	if (rc == 0)
		rc = prepare_sql(st, q.ptr, f, out, err);
	awol_buf_dispose(&q);
	return rc;
}

int awol_export_total(awol_store *st, const awol_export_filter *f, long *total, awol_error *err)
{
	const entity *e = find_entity("cases");
	awol_buf w = AWOL_BUF_INIT, q = AWOL_BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc = 0;

	*total = 0;
	if (f)
		rc = build_where(e, f, true, &w, err);
	/* the courts only for a region: SQLite would join them for nothing */
	if (rc == 0)
		rc = awol_buf_printf(&q, err, "SELECT count(*) FROM %s%s%c",
		                     f && is_set(f->region) ? CASE_FROM("cases c") : "cases c",
		                     f ? awol_buf_cstr(&w) : "", '\0');
	if (rc == 0)
		rc = prepare_sql(st, q.ptr, f, &s, err);
	if (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		*total = (long)sqlite3_column_int64(s, 0);
	else if (rc == 0)
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(awol_store_db(st)));
	sqlite3_finalize(s);
	awol_buf_dispose(&w);
	awol_buf_dispose(&q);
	return rc;
}

int awol_export_each(awol_store *st, const char *what, const awol_export_filter *f,
                     awol_export_row_fn fn, void *ctx, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *v[32];
	size_t n, i;
	int rc = awol_export_prepare(st, what, f, &s, &n, err), step;

	if (rc < 0)
		return rc;
	if (n > AWOL_ARRAY_SIZE(v)) {
		sqlite3_finalize(s);
		return awol_error_set(err, AWOL_EINVAL, "%s: too many columns", what);
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(s, (int)i);
		rc = fn(ctx, v);
		if (rc < 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(awol_store_db(st)));
	sqlite3_finalize(s);
	return rc;
}

bool awol_export_simulated(awol_store *st)
{
	char *sim = NULL;
	bool yes =
	    awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim && strcmp(sim, "1") == 0;

	free(sim);
	return yes;
}
