/*
 * One HTTP request as the crawler makes it: a libcurl easy handle with a
 * browser User-Agent and headers, timeouts, CONNECT_TO, and the body
 * collected in a capped awol_buf.  Used with curl's multi interface.
 */
#ifndef AWOL_FETCH_HTTP_H
#define AWOL_FETCH_HTTP_H

#include <curl/curl.h>
#include <stdbool.h>

#include "util/buf.h"

typedef struct awol_http {
	CURL *h;
	char *url;
	awol_buf body;
	char content_type[128];
	struct curl_slist *headers, *connect_to;
	char errbuf[CURL_ERROR_SIZE];
	bool proxied;    /* awol_http_route gave it a proxy */
	bool proxy_auth; /* the proxy answered 407: the transfer was stopped */
	void *owner;     /* the caller's request record */
	int tag;         /* the caller's kind of request */
} awol_http;

/* Set up a GET of url; connect_to ("HOST:PORT") may be NULL. */
int awol_http_init(awol_http *r, const char *url, const char *user_agent, const char *connect_to,
                   double timeout, size_t max_body, awol_error *err);
/*
 * Send the request through `proxy` (a URL awol_http_proxy_check accepts; NULL = as
 * libcurl's defaults have it) and trust the PEM certificates in `cacert` (NULL = the
 * system store alone).  Both strings are copied by libcurl.  With a proxy, every host
 * goes through it (no_proxy is ignored) and CONNECT_TO names the address the proxy is
 * asked to reach (an HTTP proxy tunnels with CONNECT then).  `cacert` replaces libcurl's
 * CA file but not its CA directory (Debian: /etc/ssl/certs), so the system roots stay
 * trusted where libcurl has that directory; it also verifies an https:// proxy.
 */
void awol_http_route(awol_http *r, const char *proxy, const char *cacert);
/*
 * 0 when `url` is a proxy URL awol uses: scheme http, https, socks4, socks4a, socks5 or
 * socks5h, a host and an explicit port (libcurl's default proxy port, 1080 for every
 * scheme, surprises).  Else -AWOL_EINVAL, the message naming the URL masked.
 */
int awol_http_proxy_check(const char *url, awol_error *err);
/* `url` with its user:password (if any) shown as "***", for every message and log. */
void awol_http_proxy_mask(const char *url, char *out, size_t n);
/* After completion: HTTP status (0 on transport failure). */
long awol_http_status(awol_http *r);
void awol_http_dispose(awol_http *r); /* accepts NULL */
/* After completion: a 3xx answer's target (absolute, owned by the handle), else NULL. */
const char *awol_http_redirect(awol_http *r);
/*
 * After completion with curl result `cc` (a CURLcode): why the request failed, in a
 * few words a user acts on: "connection refused", "DNS: ...", "TLS: ...", "timeout",
 * "HTTP status 503", "body over the cap of N bytes", "connection reset: ...";
 * through a proxy also "proxy refused", "proxy authentication", "proxy DNS: ...",
 * "proxy: the site refused the connection"...
 */
void awol_http_cause(awol_http *r, int cc, char *out, size_t n);

#define AWOL_HTTP_BROWSER_UA                                                                       \
	"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

#endif
