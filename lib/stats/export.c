#include "util/common.h"
#include "awol/export.h"

#include <jansson.h>
#include <sqlite3.h>

static const struct {
	const char *what, *sql;
} QUERIES[] = {
    {"cases", "SELECT c.id AS case_id, c.court_code, k.name AS court_name, k.region, k.level, "
              "c.number, c.uid, c.received, c.decided, c.result, c.judge, c.proceeding, "
              "c.instance, (SELECT count(*) FROM persons p WHERE p.case_id = c.id) AS "
              "defendants, c.first_seen, c.updated_at FROM cases c LEFT JOIN courts k ON k.code "
              "= c.court_code ORDER BY c.id"},
    {"persons", "SELECT p.id AS person_id, p.case_id, c.court_code, c.number, p.seq, "
                "p.pseudonym, p.name, p.name_hidden, p.decided, p.result FROM persons p JOIN "
                "cases c ON c.id = p.case_id ORDER BY p.id"},
    {"charges", "SELECT h.id AS charge_id, h.case_id, h.person_id, c.court_code, c.number, "
                "c.received, h.law, h.article, h.part, h.point, h.text FROM charges h JOIN cases c "
                "ON c.id = h.case_id ORDER BY h.id"},
    {"events", "SELECT e.id AS event_id, e.case_id, c.court_code, c.number, e.seq, e.name, "
               "e.date, e.time, e.place, e.result, e.reason FROM events e JOIN cases c ON c.id = "
               "e.case_id ORDER BY e.id"},
    /* what the act texts say of each defendant (docs/verdicts.md), current or superseded */
    {"outcomes",
     "SELECT o.id AS outcome_id, o.case_id, o.act_id, c.court_code, c.number, a.seq AS act_seq, "
     "o.seq, o.current, o.label, o.pseudonym, o.act_kind, o.appeal, o.outcome, o.ground, "
     "o.reason, (SELECT group_concat(x, '; ') FROM (SELECT trim(coalesce('п. ' || y.point || "
     "' ', '') || coalesce('ч. ' || y.part || ' ', '') || 'ст. ' || y.article || ' ' || "
     "coalesce(y.law, '')) AS x FROM outcome_articles y WHERE y.outcome_id = o.id ORDER BY "
     "y.seq)) AS convicted_of, o.punishment, o.suspended, o.months, o.redacted, o.regime, "
     "o.probation_months, o.fine_rub, o.below_minimum, o.additional, o.service, "
     "o.absence_from, o.absence_to, o.absence_days, o.absence_ended, o.evidence_outcome, "
     "o.evidence_punishment, o.evidence_service, o.evidence_absence, o.read_at FROM outcomes o "
     "JOIN cases c ON c.id = o.case_id JOIN acts a ON a.id = o.act_id ORDER BY o.id"},
};

static void csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else
		fputs(s, out);
}

int awol_export(awol_store *st, const char *what, const char *format, FILE *out, long *rows,
                awol_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *sql = NULL;
	size_t i;
	int n, c, rc = 0;
	bool csv = strcmp(format, "csv") == 0;

	*rows = 0;
	for (i = 0; i < AWOL_ARRAY_SIZE(QUERIES); i++)
		if (strcmp(QUERIES[i].what, what) == 0)
			sql = QUERIES[i].sql;
	if (!sql)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	if (!csv && strcmp(format, "jsonl") != 0)
		return awol_error_set(err, AWOL_EINVAL, "unknown export format '%s'", format);
	if (sqlite3_prepare_v2(awol_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(awol_store_db(st)));
	n = sqlite3_column_count(s);
	if (csv) {
		for (c = 0; c < n; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, sqlite3_column_name(s, c));
		}
		fputs("\r\n", out);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (csv) {
			for (c = 0; c < n; c++) {
				if (c)
					fputc(',', out);
				csv_field(out, (const char *)sqlite3_column_text(s, c));
			}
			fputs("\r\n", out);
		} else {
			json_t *o = json_object();
			char *line;
			for (c = 0; c < n; c++) {
				json_t *v;
				switch (sqlite3_column_type(s, c)) {
				case SQLITE_INTEGER:
					v = json_integer(sqlite3_column_int64(s, c));
					break;
				case SQLITE_NULL:
					v = json_null();
					break;
				default:
					v = json_string((const char *)sqlite3_column_text(s, c));
				}
				json_object_set_new(o, sqlite3_column_name(s, c),
				                    v ? v : json_null());
			}
			line = json_dumps(o, JSON_COMPACT);
			if (line) {
				fputs(line, out);
				fputc('\n', out);
			}
			free(line);
			json_decref(o);
		}
		(*rows)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(awol_store_db(st)));
	if (ferror(out))
		return awol_error_set(err, AWOL_EIO, "write error: %s", strerror(errno));
	return 0;
}
