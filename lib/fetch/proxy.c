/* The route of a request: a proxy and a CA bundle (docs/crawling.md, Proxies). */
#include "util/common.h"
#include "http.h"

void awol_http_proxy_mask(const char *url, char *out, size_t n)
{
	const char *s = strstr(url, "://"), *at = NULL, *p;
	size_t end;

	s = s ? s + 3 : url;
	end = strcspn(s, "/?#");
	/* the last '@' of the authority ends the userinfo (a password may hold '@' raw) */
	for (p = s; p < s + end; p++)
		if (*p == '@')
			at = p;
	if (at)
		snprintf(out, n, "%.*s***%s", (int)(s - url), url, at);
	else
		snprintf(out, n, "%s", url);
}

int awol_http_proxy_check(const char *url, awol_error *err)
{
	static const char *const schemes[] = {"http",    "https",  "socks4",
	                                      "socks4a", "socks5", "socks5h"};
	char shown[512], *scheme = NULL, *host = NULL, *port = NULL;
	CURLU *u = curl_url();
	size_t i;
	int rc = -AWOL_EINVAL;

	awol_http_proxy_mask(url, shown, sizeof(shown));
	if (!u)
		return awol_error_set(err, AWOL_ENOMEM, "--proxy %s: out of memory", shown);
	/* without "://" libcurl would take "host:port" as scheme "host" or guess http */
	if (!strstr(url, "://") ||
	    curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		awol_error_set(err, AWOL_EINVAL,
		               "--proxy '%s': not a proxy URL (SCHEME://[USER:PASSWORD@]HOST:PORT)",
		               shown);
		goto done;
	}
	for (i = 0; i < sizeof(schemes) / sizeof(*schemes); i++)
		if (strcmp(scheme, schemes[i]) == 0)
			break;
	if (i == sizeof(schemes) / sizeof(*schemes)) {
		awol_error_set(err, AWOL_EINVAL,
		               "--proxy '%s': the scheme must be http, https, socks4, socks4a, "
		               "socks5 or socks5h",
		               shown);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host[0]) {
		awol_error_set(err, AWOL_EINVAL, "--proxy '%s': no host", shown);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK) {
		awol_error_set(err, AWOL_EINVAL, "--proxy '%s': no port (HOST:PORT)", shown);
		goto done;
	}
	rc = 0;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

void awol_http_route(awol_http *r, const char *proxy, const char *cacert)
{
	if (proxy) {
		r->proxied = true;
		curl_easy_setopt(r->h, CURLOPT_PROXY, proxy);
		/* a user asking for another exit must never leak their own address */
		curl_easy_setopt(r->h, CURLOPT_NOPROXY, "");
		/* the proxy is asked to reach the CONNECT_TO address, not the court's host: an
		 * HTTP proxy in forward mode would resolve the real host itself (libcurl 7.88
		 * already tunnels then; said here so that no version does otherwise) */
		if (r->connect_to)
			curl_easy_setopt(r->h, CURLOPT_HTTPPROXYTUNNEL, 1L);
	}
	if (cacert) {
		curl_easy_setopt(r->h, CURLOPT_CAINFO, cacert);
		curl_easy_setopt(r->h, CURLOPT_PROXY_CAINFO, cacert);
	}
}
