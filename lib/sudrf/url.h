/*
 * Request URLs of the sud_delo module (docs/sudrf-format.md §2, §1.3, §3.5,
 * §4.2), with values percent-encoded as windows-1251 the way the sites expect.
 * Every function appends to `out` and returns 0 or a negative awol error.
 */
#ifndef AWOL_SUDRF_URL_H
#define AWOL_SUDRF_URL_H

#include "util/buf.h"
#include "util/date.h"

/* Percent-encode UTF-8 text as windows-1251 («337 ч.5» -> "337+%F7.5"). */
int awol_url_encode_cp1251(awol_buf *out, const char *utf8, awol_error *err);

/* What a listing request asks: the first-instance criminal cartoteka of one court. */
typedef struct awol_url_query {
	const char *scheme;  /* "https"; "http" against a simulator */
	const char *host;    /* module host, e.g. "235gvs--msk.sudrf.ru" */
	const char *code;    /* court code (vnkod); needed by the VNKOD module */
	const char *article; /* article filter as the site takes it: «337», «337 ч.5» */
	awol_date from, to;  /* receipt-date window */
	long page;           /* 1-based */
	int server;          /* srv_num (and case__num_build on VNKOD); 0 means 1 */
	const char *captcha; /* answer and token, or NULL */
	const char *captchaid;
} awol_url_query;

/* The listing on the primary module: .../modules.php?name=sud_delo&srv_num=S&name_op=r&... */
int awol_url_listing(awol_buf *out, const awol_url_query *q, awol_error *err);

/* The same listing on the vintage (VNKOD) module, which names its parameters differently. */
int awol_url_listing_vnkod(awol_buf *out, const awol_url_query *q, awol_error *err);

/* The search form (where the captcha image is served) of server `server` (0 means 1). */
int awol_url_search_form(awol_buf *out, const char *scheme, const char *host, int server,
                         awol_error *err);

/* The module without a server: multi-server courts answer with the server chooser. */
int awol_url_chooser(awol_buf *out, const char *scheme, const char *host, awol_error *err);

/*
 * The text of act number k (1-based) of the case whose card is at `card_url`:
 * primary cards (case_id=N) give name_op=doc&number=N&...&text_number=k, VNKOD
 * cards (_id=N) the card URL with &_doc=k.  Returns AWOL_EINVAL (without
 * touching `out`) when the card URL carries no case id.
 */
int awol_url_act(awol_buf *out, const char *card_url, int k, awol_error *err);

/* Which act an act URL asks for (text_number=K or _doc=K); 0 when it names none. */
int awol_url_act_number(const char *url);

/*
 * `url` with &srv_num=`server` appended when it names no server (a card link
 * without one reaches a multi-server court's chooser, not the card).  The
 * result goes to `out`, which is cleared first.
 */
int awol_url_with_server(awol_buf *out, const char *url, int server, awol_error *err);

/*
 * May a request to court host `module_host` ("x--y.sudrf.ru") follow a redirect
 * from a `from_scheme` URL to `url`?  Only to the court's own host forms (the
 * double-dash module host or its dot form "x.y.sudrf.ru", any port), only over
 * http or https, and never from https down to http.  When not, `why` gets the
 * reason ("to other.example", "https to http").
 */
bool awol_url_redirect_ok(const char *module_host, const char *from_scheme, const char *url,
                          char *why, size_t whysz);

#endif
