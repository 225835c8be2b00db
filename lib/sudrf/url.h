/*
 * Request URLs of the sud_delo module (docs/sudrf-format.md §2), with
 * values percent-encoded as windows-1251 the way the sites expect.
 */
#ifndef AWOL_SUDRF_URL_H
#define AWOL_SUDRF_URL_H

#include "util/buf.h"
#include "util/date.h"

/* Percent-encode UTF-8 text as windows-1251 («337 ч.5» -> "337+%F7.5"). */
int awol_url_encode_cp1251(awol_buf *out, const char *utf8, awol_error *err);

/*
 * The first-instance criminal listing of a court for an article and a
 * receipt-date window: https://HOST/modules.php?name=sud_delo&...&page=N.
 * captcha/captchaid may be NULL.
 */
int awol_url_listing(awol_buf *out, const char *scheme, const char *host, const char *article,
                     awol_date from, awol_date to, long page, const char *captcha,
                     const char *captchaid, awol_error *err);

/* The same listing on the vintage (VNKOD) module, which needs the court code. */
int awol_url_listing_vnkod(awol_buf *out, const char *scheme, const char *host, const char *code,
                           const char *article, awol_date from, awol_date to, long page,
                           const char *captcha, const char *captchaid, awol_error *err);

/* The search form (where the captcha image is served). */
int awol_url_search_form(awol_buf *out, const char *scheme, const char *host, awol_error *err);

#endif
