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
#include "store/store_export.h"

#include <ctype.h>
#include <stdarg.h>
#include <jansson.h>

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

/* What the act texts say of each defendant (docs/verdicts.md), current or superseded. */
static const awol_export_column OUTCOME_ROWS[] = {
    {"outcome_id", I, "awol's id of the reading in this database"},
    {"case_id", I, "the case of the act read (cases.csv)"},
    {"act_id", I, "awol's id of the act whose text was read"},
    COURT_CODE,
    NUMBER,
    {"act_seq", I, "position of the act on the card, from 0"},
    {"seq", I, "position of the defendant in the act, from 0"},
    {"current", B, "1 for the case's current reading (its newest act stating an outcome)"},
    {"label", S,
     "the defendant as the act names him when that is a placeholder (ФИО1), else empty"},
    {"pseudonym", S, "pseudonym of a defendant the act names (keyed hash of the name)"},
    {"act_kind", S, "приговор, постановление, определение or решение"},
    {"appeal", B, "1 when the act is an appeal decision"},
    {"outcome", S,
     "what the act says of the defendant: convicted, acquitted, terminated, paused, returned, "
     "medical or unknown"},
    {"ground", S, "ground of a termination or pause (judicial_fine, amnesty, ...)"},
    {"reason", S, "why the outcome is unknown (not_published, empty, ...)"},
    {"convicted_of", S, "articles convicted of: point (п.), part (ч.), article (ст.), law"},
    {"punishment", S, "the final punishment's type (imprisonment, fine, ...), empty when not read"},
    {"suspended", B, "1 when the punishment is suspended (ст. 73)"},
    {"months", I, "term in months, empty when none, not read or redacted"},
    {"redacted", B, "1 when the court redacted the type, term or regime"},
    {"regime", S, "regime of a real term: settlement, general, strict, special or prison"},
    {"probation_months", I, "probation period of a suspended sentence, in months"},
    {"fine_rub", I, "a fine in roubles"},
    {"below_minimum", B, "1 when the punishment is below the article's minimum (ст. 64)"},
    {"additional", S, "additional punishments, comma-separated (deprivation_of_rank, ...)"},
    {"service", S, "the defendant's service: mobilised, contract, conscript or volunteer"},
    {"absence_from", D, "first day of the absence"},
    {"absence_to", D, "last day of the absence"},
    {"absence_days", I, "length of the absence in days"},
    {"absence_ended", S, "how the absence ended: returned or detained"},
    {"evidence_outcome", S, "the words the outcome was read from (names as pseudonyms)"},
    {"evidence_punishment", S, "the words the punishment was read from"},
    {"evidence_service", S, "the words the service was read from"},
    {"evidence_absence", S, "the words the absence was read from"},
    {"read_at", T, "when awol read the text (UTC)"},
};

#undef S
#undef I
#undef B
#undef D
#undef T

/* An entity's columns; lib/store holds the SQL of each (store_export.c), by name. */
typedef struct entity {
	const char *what;
	const awol_export_column *cols;
	size_t ncols;
} entity;

#define ENTITY(w, C)                                                                               \
	{                                                                                          \
		w, C, AWOL_ARRAY_SIZE(C)                                                           \
	}

static const entity ENTITIES[] = {
    ENTITY("cases", CASES),           ENTITY("persons", PERSONS),
    ENTITY("charges", CHARGES),       ENTITY("events", EVENTS),
    ENTITY("coverage", COVERAGE),     ENTITY("court_coverage", COURT_COVERAGE),
    ENTITY("outcomes", OUTCOME_ROWS),
};

const char *const awol_export_entities[] = {"cases",    "persons",        "charges",  "events",
                                            "coverage", "court_coverage", "outcomes", NULL};

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
			rc = awol_store_court_exists(st, p, n, &found, err);
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
		rc = awol_store_region_exists(st, f->region, &found, err);
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

int awol_export_rows(awol_store *st, const char *what, const awol_export_filter *f,
                     awol_store_rows **out, size_t *ncols, awol_error *err)
{
	const entity *e = find_entity(what);

	*out = NULL;
	if (!e)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	*ncols = e->ncols;
	return awol_store_export_rows(st, what, e->cols, e->ncols, f, out, err);
}

int awol_export_each(awol_store *st, const char *what, const awol_export_filter *f,
                     awol_export_row_fn fn, void *ctx, awol_error *err)
{
	awol_store_rows *r = NULL;
	const char *v[48];
	size_t n, i;
	int rc = awol_export_rows(st, what, f, &r, &n, err);

	if (rc < 0)
		return rc;
	if (n > AWOL_ARRAY_SIZE(v)) {
		awol_store_rows_close(r);
		return awol_error_set(err, AWOL_EINVAL, "%s: too many columns", what);
	}
	while ((rc = awol_store_rows_next(r, err)) > 0) {
		for (i = 0; i < n; i++)
			v[i] = awol_store_rows_text(r, i);
		rc = fn(ctx, v);
		if (rc < 0)
			break;
	}
	awol_store_rows_close(r);
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
