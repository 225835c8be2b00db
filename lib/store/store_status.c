/*
 * Courts and their status for the user (include/awol/store_status.h).
 */
#include "util/common.h"
#include "awol/store_status.h"
#include "store_priv.h"

int awol_store_courts_list(awol_store *st, const char *level, awol_store_rows **out,
                           awol_error *err)
{
	int rc =
	    awol_store_rows_open(st,
	                         "SELECT code, level, name, host, region, city, district_code, "
	                         "parent_code, status FROM courts WHERE ?1 IS NULL OR level = ?1 "
	                         "ORDER BY code",
	                         out, err);

	if (rc == 0)
		sqlite3_bind_text(awol_store_rows_stmt(*out), 1, level, -1, SQLITE_TRANSIENT);
	return rc;
}

int awol_store_court_status_list(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st,
	                            "SELECT court_code, status, requests, errors, throttled, error "
	                            "FROM court_status ORDER BY status != 'complete' DESC, "
	                            "court_code",
	                            out, err);
}

int awol_store_court_status_causes(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st,
	                            "SELECT coalesce(error, status), count(*) FROM court_status "
	                            "WHERE status != 'complete' GROUP BY 1 ORDER BY 2 DESC, 1 "
	                            "LIMIT 6",
	                            out, err);
}

int awol_store_captcha_waiting(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st,
	                            "SELECT s.court_code, c.name, s.captcha_image, "
	                            "s.captcha_answer FROM court_status s LEFT JOIN courts c ON "
	                            "c.code = s.court_code WHERE s.status = 'captcha' ORDER BY "
	                            "s.court_code",
	                            out, err);
}

int awol_store_captcha_answer(awol_store *st, const char *court, const char *answer, bool *stored,
                              bool *replaced, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*stored = *replaced = false;
	/* an answer not yet used is replaced, and the user told so */
	if (awol_store_prepare(st, &s,
	                       "SELECT captcha_answer IS NOT NULL FROM court_status WHERE "
	                       "court_code = ?1",
	                       err) < 0)
		return -AWOL_EDB;
	sqlite3_bind_text(s, 1, court, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*replaced = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return awol_store_sqlite_error(st->db, err);
	rc = awol_store_prepare(st, &s,
	                        "UPDATE court_status SET captcha_answer = ?2, status = 'partial' "
	                        "WHERE court_code = ?1 AND captcha_id IS NOT NULL AND (status = "
	                        "'captcha' OR captcha_answer IS NOT NULL)",
	                        err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(s, 1, court, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, answer, -1, SQLITE_STATIC);
	rc = awol_store_run(st, s, err);
	if (rc == 0)
		*stored = sqlite3_changes(st->db) > 0;
	return rc;
}
