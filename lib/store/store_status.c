/*
 * Courts and their status for the user (include/awol/store_status.h).
 */
#include "util/common.h"
#include "awol/store_status.h"
#include "store_priv.h"

int awol_store_courts_list(awol_store *st, const char *level, awol_store_rows **out,
                           awol_error *err)
{
	int rc = awol_store_rows_open(
	    st,
	    "SELECT code, level, name, host, region, city, district_code, "
	    "parent_code, status FROM courts WHERE CAST(?1 AS TEXT) IS NULL OR level = ?1 "
	    "ORDER BY code",
	    out, err);

	if (rc == 0)
		awol_db_bind_text(awol_store_rows_stmt(*out), 1, level);
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
	awol_db_stmt *s = NULL;
	int rc;

	*stored = *replaced = false;
	/* an answer not yet used is replaced, and the user told so */
	rc = awol_store_stmt(st,
	                     "SELECT CASE WHEN captcha_answer IS NOT NULL THEN 1 ELSE 0 END FROM "
	                     "court_status WHERE court_code = ?1",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	rc = awol_db_step(s, err);
	if (rc == 1)
		*replaced = awol_db_column_int64(s, 0) != 0;
	awol_db_finalize(s);
	if (rc < 0)
		return rc;
	rc = awol_store_stmt(st,
	                     "UPDATE court_status SET captcha_answer = ?2, status = 'partial' "
	                     "WHERE court_code = ?1 AND captcha_id IS NOT NULL AND (status = "
	                     "'captcha' OR captcha_answer IS NOT NULL)",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_text(s, 2, answer);
	rc = awol_db_step(s, err);
	if (rc >= 0)
		*stored = awol_db_changes(s) > 0;
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}
