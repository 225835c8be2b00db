/*
 * What the crawl left for the user to read or answer: the courts of the registry a
 * database holds, each court's status after the last crawl, and the captchas waiting
 * for a person (docs/schema.md: courts, court_status).
 *
 * Listings are cursors (include/awol/store_rows.h); their columns are given below, in
 * order.  Ownership: the caller closes every cursor it gets.
 */
#ifndef AWOL_STORE_STATUS_H
#define AWOL_STORE_STATUS_H

#include <stdbool.h>

#include "awol/error.h"
#include "awol/store.h"
#include "awol/store_rows.h"

/*
 * The courts stored in the database, by code; `level` NULL for every level.
 * Columns: code, level, name, host, region, city, district_code, parent_code, status.
 */
int awol_store_courts_list(awol_store *st, const char *level, awol_store_rows **out,
                           awol_error *err);

/*
 * Each court's status after the crawls, the courts not complete first.
 * Columns: court_code, status, requests, errors, throttled, error.
 */
int awol_store_court_status_list(awol_store *st, awol_store_rows **out, awol_error *err);
/*
 * Why courts are not complete: the six commonest causes (else statuses), most courts first.
 * Columns: cause, courts.
 */
int awol_store_court_status_causes(awol_store *st, awol_store_rows **out, awol_error *err);

/*
 * Courts a crawl put aside for a captcha, by code.
 * Columns: court_code, court_name, captcha_image, captcha_answer.
 */
int awol_store_captcha_waiting(awol_store *st, awol_store_rows **out, awol_error *err);
/*
 * Store `answer` for the court's captcha, for the next crawl (which takes it out when
 * it reads it).  *stored is false when the court is not waiting for one (or a crawl used
 * its answer already); *replaced says whether an unused answer was there before.
 */
int awol_store_captcha_answer(awol_store *st, const char *court, const char *answer, bool *stored,
                              bool *replaced, awol_error *err);

/*
 * The workers of a crawl shared through the database (`awol crawl --worker`), by name.
 * Columns: name, state (running, gone: running but not seen within its lease, finished,
 * stopped, failed), host, pid, started_at, seen_at, courts (the codes it holds, comma
 * separated; NULL for none), requests, errors, last_request_at, last_error, plan.  Times
 * are ISO 8601 UTC by the database's clock.
 */
int awol_store_workers_list(awol_store *st, awol_store_rows **out, awol_error *err);
/*
 * The courts of the shared crawl by state: todo, held (leased now), done, dead, captcha.
 * Columns: state, courts.
 */
int awol_store_workers_courts(awol_store *st, awol_store_rows **out, awol_error *err);

#endif
