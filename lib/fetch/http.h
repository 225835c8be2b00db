/*
 * One HTTP request as the crawler makes it: a libcurl easy handle with a
 * browser User-Agent and headers, timeouts, CONNECT_TO, and the body
 * collected in a capped awol_buf.  Used with curl's multi interface.
 */
#ifndef AWOL_FETCH_HTTP_H
#define AWOL_FETCH_HTTP_H

#include <curl/curl.h>

#include "util/buf.h"

typedef struct awol_http {
	CURL *h;
	char *url;
	awol_buf body;
	char content_type[128];
	struct curl_slist *headers, *connect_to;
	char errbuf[CURL_ERROR_SIZE];
	void *owner; /* the caller's request record */
	int tag;     /* the caller's kind of request */
} awol_http;

/* Set up a GET of url; connect_to ("HOST:PORT") may be NULL. */
int awol_http_init(awol_http *r, const char *url, const char *user_agent, const char *connect_to,
                   double timeout, size_t max_body, awol_error *err);
/* After completion: HTTP status (0 on transport failure). */
long awol_http_status(awol_http *r);
void awol_http_dispose(awol_http *r); /* accepts NULL */
/* After completion: a 3xx answer's target (absolute, owned by the handle), else NULL. */
const char *awol_http_redirect(awol_http *r);
/*
 * After completion with curl result `cc` (a CURLcode): why the request failed, in a
 * few words a user acts on: "connection refused", "DNS: ...", "TLS: ...", "timeout",
 * "HTTP status 503", "body over the cap of N bytes", "connection reset: ...".
 */
void awol_http_cause(awol_http *r, int cc, char *out, size_t n);

#define AWOL_HTTP_BROWSER_UA                                                                       \
	"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

#endif
