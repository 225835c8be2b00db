/*
 * The SQL behind the CLI's listings (coverage, courts --db, cases), each row an
 * object of the listing's columns: see include/awol/listings.h.
 */
#include "util/common.h"
#include "awol/listings.h"
#include "store_priv.h"

#include <jansson.h>
#include <sqlite3.h>

static const char *const COVERAGE_COLS[] = {"court",   "name",     "status",    "windows complete",
                                            "windows", "expected", "collected", "last error"};
static const bool COVERAGE_NUM[] = {false, false, false, true, true, true, true, false};
const awol_listing_cols awol_coverage_cols = {COVERAGE_COLS, COVERAGE_NUM, 8};

static const char *const COURTS_COLS[] = {"code", "level",    "name",   "host",  "region",
                                          "city", "district", "parent", "status"};
const awol_listing_cols awol_courts_cols = {COURTS_COLS, NULL, 9};

static const char *const CASES_COLS[] = {
    "court_code", "number", "uid", "received", "decided", "result", "defendants", "charges", "url"};
static const bool CASES_NUM[] = {false, false, false, false, false, false, true, false, false};
const awol_listing_cols awol_cases_cols = {CASES_COLS, CASES_NUM, 9};

/* Every row of a prepared statement as an object of the listing's columns. */
static int rows_json(awol_store *st, sqlite3_stmt *s, const awol_listing_cols *c, json_t **out,
                     awol_error *err)
{
	json_t *a = json_array();
	int rc = 0, step;

	if (!a)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *o = json_object();
		size_t i;
		if (!o || json_array_append_new(a, o) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			goto done;
		}
		for (i = 0; i < c->n; i++) {
			json_t *v;
			if (sqlite3_column_type(s, (int)i) == SQLITE_NULL)
				v = json_null();
			else if (c->numeric && c->numeric[i])
				v = json_integer(sqlite3_column_int64(s, (int)i));
			else
				v = json_string((const char *)sqlite3_column_text(s, (int)i));
			json_object_set_new(o, c->names[i], v ? v : json_null());
		}
	}
	if (step != SQLITE_DONE)
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(awol_store_db(st)));
done:
	if (rc < 0)
		json_decref(a);
	else
		*out = a;
	return rc;
}

int awol_coverage_json(awol_store *st, json_t **out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_prepare(
	    st, &s,
	    "SELECT v.court_code, k.name, coalesce(s.status, CASE WHEN sum(v.status='complete') "
	    "= count(*) THEN 'complete' ELSE 'partial' END), sum(v.status='complete'), "
	    "count(*), sum(v.expected), sum(v.collected), max(v.error) FROM coverage v LEFT JOIN "
	    "courts k ON k.code = v.court_code LEFT JOIN court_status s ON s.court_code = "
	    "v.court_code GROUP BY v.court_code ORDER BY 3 != 'complete' DESC, 1",
	    err);
	if (rc == 0)
		rc = rows_json(st, s, &awol_coverage_cols, out, err);
	sqlite3_finalize(s);
	return rc;
}

int awol_courts_json(awol_store *st, const char *level, json_t **out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_prepare(st, &s,
	                        "SELECT code, level, name, host, region, city, district_code, "
	                        "parent_code, status FROM courts WHERE ?1 IS NULL OR level = ?1 "
	                        "ORDER BY code",
	                        err);
	if (rc == 0) {
		sqlite3_bind_text(s, 1, level, -1, SQLITE_STATIC);
		rc = rows_json(st, s, &awol_courts_cols, out, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int awol_cases_json(awol_store *st, const awol_cases_filter *f, json_t **out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_prepare(
	    st, &s,
	    /* the page's ids first, so that rows skipped by OFFSET cost no subqueries */
	    "SELECT c.court_code, c.number, c.uid, c.received, c.decided, c.result, "
	    " (SELECT count(*) FROM persons p WHERE p.case_id = c.id), "
	    " (SELECT group_concat(x, '; ') FROM (SELECT DISTINCT coalesce(h.article, h.text) "
	    "   || CASE WHEN h.part IS NOT NULL THEN ' ч.' || h.part ELSE '' END "
	    "   || CASE WHEN h.point IS NOT NULL THEN ' п.' || h.point ELSE '' END AS x "
	    "   FROM charges h WHERE h.case_id = c.id ORDER BY h.person_id, h.seq)), "
	    " (SELECT p.source FROM pages p WHERE p.id = c.page_id) "
	    "FROM (SELECT k.id FROM cases k WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM charges h "
	    "  WHERE h.case_id = k.id AND h.article = ?1)) "
	    "  AND (?2 IS NULL OR k.court_code = ?2) AND (?3 IS NULL OR k.received >= ?3) "
	    "  AND (?4 IS NULL OR k.received <= ?4) "
	    "  ORDER BY k.court_code, k.received, k.number LIMIT ?5 OFFSET ?6) AS page "
	    "JOIN cases c ON c.id = page.id ORDER BY c.court_code, c.received, c.number",
	    err);
	if (rc == 0) {
		sqlite3_bind_text(s, 1, f ? f->article : NULL, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, f ? f->court : NULL, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, f ? f->from : NULL, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, f ? f->to : NULL, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, f && f->limit > 0 ? f->limit : -1);
		sqlite3_bind_int64(s, 6, f && f->offset > 0 ? f->offset : 0);
		rc = rows_json(st, s, &awol_cases_cols, out, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int awol_collection_json(awol_store *st, json_t **out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	char *sim = NULL;
	json_t *o = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_meta_get(st, "simulated", &sim, err);
	if (rc == 0)
		rc = awol_store_prepare(
		    st, &s,
		    "SELECT (SELECT count(*) FROM cases), count(*), min(seen_at), "
		    "max(seen_at) FROM pages",
		    err);
	if (rc < 0)
		goto done;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(awol_store_db(st)));
		goto done;
	}
	o = json_pack("{s:b,s:I,s:I}", "simulated", sim && strcmp(sim, "1") == 0, "cases",
	              (json_int_t)sqlite3_column_int64(s, 0), "pages",
	              (json_int_t)sqlite3_column_int64(s, 1));
	if (!o) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	json_object_set_new(o, "first_seen",
	                    sqlite3_column_type(s, 2) == SQLITE_NULL
	                        ? json_null()
	                        : json_string((const char *)sqlite3_column_text(s, 2)));
	json_object_set_new(o, "last_seen",
	                    sqlite3_column_type(s, 3) == SQLITE_NULL
	                        ? json_null()
	                        : json_string((const char *)sqlite3_column_text(s, 3)));
	*out = o;
done:
	sqlite3_finalize(s);
	free(sim);
	return rc;
}
