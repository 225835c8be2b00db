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

#define AWOL_HTTP_BROWSER_UA                                                                       \
	"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

#endif
