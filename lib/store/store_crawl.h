/*
 * The crawl's records in the store (lib/crawl only; docs/schema.md: coverage,
 * court_status, courts.servers, acts.url and acts.text).  Each function is one named
 * statement; every failure comes back as an awol_error naming the database, and the
 * crawl stops on it (a full disk, a damaged or locked file: asking the site again
 * cannot help).
 *
 * A window is one court x server x article x receipt-date range; its coverage row is
 * keyed on all of them (date_axis 'received').
 */
#ifndef AWOL_STORE_CRAWL_H
#define AWOL_STORE_CRAWL_H

#include <stdbool.h>

#include "awol/error.h"
#include "awol/store.h"
#include "awol/store_rows.h"

typedef struct awol_store_window {
	const char *court;
	int server;
	const char *article;
	const char *from, *to; /* ISO days, inclusive */
} awol_store_window;

/*
 * A planned window gets its row at once, `pending`, so that a crawl killed before the
 * window ends never leaves coverage looking complete.  A row from an earlier run that
 * did not complete (dead, captcha, partial) is pending again; a complete one stays.
 */
int awol_store_coverage_pending(awol_store *st, const awol_store_window *w, awol_error *err);
/*
 * The window's end status (complete, listings_only, partial, dead, captcha) with the
 * cases the listing announced (`expected`, < 0: unknown, an earlier count is kept), the
 * cases stored (`collected`) and the cause (may be NULL).  A window once complete stays
 * so: a failed --update loses none of its cases.
 */
int awol_store_coverage_set(awol_store *st, const awol_store_window *w, const char *status,
                            long expected, long collected, const char *error, awol_error *err);
/* A window split in two: its own row goes (its halves have theirs), unless complete. */
int awol_store_coverage_drop(awol_store *st, const awol_store_window *w, awol_error *err);
/* A court retired servers: rows of servers above `n` that never completed go. */
int awol_store_coverage_drop_servers_above(awol_store *st, const char *court, int n,
                                           awol_error *err);
/*
 * Is every day of the window covered by rows of status `complete` (or `also`, may be
 * NULL)?  Rows that overlap (runs with other --from/--to) never count twice.
 */
int awol_store_coverage_covered(awol_store *st, const awol_store_window *w, const char *also,
                                bool *covered, awol_error *err);

/*
 * The courts of the registry that have a host, by code, with what an earlier crawl left.
 * Columns: code, host, level, captcha_id, captcha_answer, template, servers (NULL:
 * never asked).
 */
int awol_store_crawl_courts(awol_store *st, awol_store_rows **out, awol_error *err);
/* The court has `n` servers (its chooser said so). */
int awol_store_court_servers_set(awol_store *st, const char *court, int n, awol_error *err);
/* A captcha answer read by this crawl is used: `awol captcha` can no longer replace it. */
int awol_store_captcha_used(awol_store *st, const char *court, awol_error *err);
/* The court waits for a captcha: the image saved at `image`, its form's id. */
int awol_store_captcha_wait(awol_store *st, const char *court, const char *image,
                            const char *captcha_id, awol_error *err);

/* One court's end of a crawl, added to what earlier crawls counted. */
typedef struct awol_store_court_end {
	const char *court;
	const char *status; /* complete (listings_only when some windows were), partial, ... */
	long requests, errors, throttled;
	const char *error; /* the cause of the last failure, NULL for a court complete */
} awol_store_court_end;
int awol_store_court_status_save(awol_store *st, const awol_store_court_end *e, awol_error *err);

/*
 * What the store holds of a court's case listed under `number`: *found, and then its
 * decision day and result (malloc'd, NULL when none; the caller frees) and whether it
 * has acts.
 */
int awol_store_case_seen(awol_store *st, const char *court, const char *number, bool *found,
                         char **decided, char **result, bool *has_acts, awol_error *err);

/*
 * Acts of a court's cards stored without a URL (cards imported before act URLs were
 * derived), with the card's URL.  Columns: act id, seq (0-based), card URL.
 */
int awol_store_acts_without_url(awol_store *st, const char *court, awol_store_rows **out,
                                awol_error *err);
int awol_store_act_set_url(awol_store *st, long long act_id, const char *url, awol_error *err);
/* The distinct URLs of a court's acts that have no text yet, in order.  Column: url. */
int awol_store_acts_without_text(awol_store *st, const char *court, awol_store_rows **out,
                                 awol_error *err);

#endif
