#include "util/common.h"
#include "http.h"

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	awol_http *r = ud;

	/* over the cap: returning less than given makes curl fail the transfer */
	if (awol_buf_put(&r->body, p, size * n, NULL) < 0)
		return 0;
	return size * n;
}

/* Whether the header line p[0..l) is a status line "HTTP/V CODE ...". */
static bool is_status(const char *p, size_t l, const char *code)
{
	const char *sp = l > 5 && strncmp(p, "HTTP/", 5) == 0 ? memchr(p, ' ', l) : NULL;

	return sp && (size_t)(p + l - sp) > 4 && memcmp(sp + 1, code, 3) == 0 &&
	       (sp[4] == ' ' || sp[4] == '\r' || sp[4] == '\n');
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	awol_http *r = ud;
	size_t l = size * n;

	/* a proxy asking for credentials answers a forward GET itself: not the court's page
	 * (a tunnel's 407 comes as an error, CURLINFO_HTTP_CONNECTCODE) */
	if (r->proxied && is_status(p, l, "407")) {
		r->proxy_auth = true;
		return 0;
	}
	if (l > 13 && strncasecmp(p, "Content-Type:", 13) == 0) {
		size_t k = l - 13;
		const char *v = p + 13;
		while (k && (*v == ' ' || *v == '\t'))
			v++, k--;
		while (k && (v[k - 1] == '\r' || v[k - 1] == '\n'))
			k--;
		if (k >= sizeof(r->content_type))
			k = sizeof(r->content_type) - 1;
		memcpy(r->content_type, v, k);
		r->content_type[k] = '\0';
	}
	return l;
}

int awol_http_init(awol_http *r, const char *url, const char *user_agent, const char *connect_to,
                   double timeout, size_t max_body, awol_error *err)
{
	memset(r, 0, sizeof(*r));
	awol_buf_init(&r->body, max_body);
	r->url = strdup(url);
	r->h = curl_easy_init();
	if (!r->url || !r->h) {
		awol_http_dispose(r);
		return awol_error_set(err, AWOL_ENOMEM, "%s: cannot set up the request", url);
	}
	r->headers = curl_slist_append(NULL, "Accept: text/html,application/xhtml+xml");
	r->headers = curl_slist_append(r->headers, "Accept-Language: ru,en;q=0.8");
	if (connect_to) {
		char ct[300];
		/* "::HOST:PORT": any host, any port goes to HOST:PORT; URLs and Host stay real */
		snprintf(ct, sizeof(ct), "::%s", connect_to);
		r->connect_to = curl_slist_append(NULL, ct);
		curl_easy_setopt(r->h, CURLOPT_CONNECT_TO, r->connect_to);
	}
	curl_easy_setopt(r->h, CURLOPT_URL, r->url);
	curl_easy_setopt(r->h, CURLOPT_USERAGENT, user_agent ? user_agent : AWOL_HTTP_BROWSER_UA);
	curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->headers);
	curl_easy_setopt(r->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(r->h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(r->h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(r->h, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(r->h, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
	curl_easy_setopt(r->h, CURLOPT_CONNECTTIMEOUT_MS, (long)(timeout * 1000 / 4 + 1000));
	curl_easy_setopt(r->h, CURLOPT_NOSIGNAL, 1L);
	/* redirects are the caller's to judge (awol_http_redirect): a court site must not
	 * send the crawler to another host, nor from https down to http */
	curl_easy_setopt(r->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(r->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r->h, CURLOPT_PRIVATE, r);
	return 0;
}

long awol_http_status(awol_http *r)
{
	long code = 0;

	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

void awol_http_dispose(awol_http *r)
{
	if (!r)
		return;
	if (r->h)
		curl_easy_cleanup(r->h);
	curl_slist_free_all(r->headers);
	curl_slist_free_all(r->connect_to);
	awol_buf_dispose(&r->body);
	free(r->url);
	memset(r, 0, sizeof(*r));
}

const char *awol_http_redirect(awol_http *r)
{
	char *u = NULL;
	long status = awol_http_status(r);

	if (status < 300 || status > 399)
		return NULL;
	if (curl_easy_getinfo(r->h, CURLINFO_REDIRECT_URL, &u) != CURLE_OK)
		return NULL;
	return u;
}

/* The failures of the proxy itself, named as such: 1 when `out` is filled. */
static int proxy_cause(awol_http *r, int cc, const char *msg, char *out, size_t n)
{
	long code = 0, oserr = 0, px = 0;

	if (r->proxy_auth) {
		snprintf(out, n, "proxy authentication");
		return 1;
	}
	if (cc == CURLE_OK)
		return 0;
	/* a tunnel the proxy would not open (CONNECT answered with an error status) */
	if (curl_easy_getinfo(r->h, CURLINFO_HTTP_CONNECTCODE, &code) == CURLE_OK && code >= 300) {
		if (code == 407)
			snprintf(out, n, "proxy authentication");
		else
			snprintf(out, n, "proxy refused: HTTP status %ld", code);
		return 1;
	}
	switch ((CURLcode)cc) {
	case CURLE_COULDNT_CONNECT: /* libcurl connects only to the proxy */
		curl_easy_getinfo(r->h, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNREFUSED)
			snprintf(out, n, "proxy refused");
		else if (oserr == ETIMEDOUT)
			snprintf(out, n, "proxy timeout");
		else if (oserr == ENETUNREACH || oserr == EHOSTUNREACH)
			snprintf(out, n, "proxy unreachable");
		else
			snprintf(out, n, "cannot connect to the proxy: %s", msg);
		return 1;
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(out, n, "proxy DNS: %s", msg);
		return 1;
	case CURLE_PROXY: /* a SOCKS proxy's answer (CURLINFO_PROXY_ERROR says which) */
		curl_easy_getinfo(r->h, CURLINFO_PROXY_ERROR, &px);
		switch ((CURLproxycode)px) {
		case CURLPX_NO_AUTH:
		case CURLPX_USER_REJECTED:
		case CURLPX_SEND_AUTH:
		case CURLPX_RECV_AUTH:
		case CURLPX_LONG_USER:
		case CURLPX_LONG_PASSWD:
			snprintf(out, n, "proxy authentication");
			break;
		case CURLPX_REPLY_CONNECTION_REFUSED:
			snprintf(out, n, "proxy: the site refused the connection");
			break;
		case CURLPX_REPLY_NOT_ALLOWED:
		case CURLPX_REQUEST_FAILED: /* SOCKS4's "request rejected or failed" */
		case CURLPX_REPLY_GENERAL_SERVER_FAILURE:
			snprintf(out, n, "proxy refused: %s", msg);
			break;
		case CURLPX_REPLY_HOST_UNREACHABLE:
		case CURLPX_REPLY_NETWORK_UNREACHABLE:
			snprintf(out, n, "proxy: the site is unreachable");
			break;
		case CURLPX_RESOLVE_HOST:
			snprintf(out, n, "proxy: DNS: %s", msg);
			break;
		default:
			snprintf(out, n, "proxy: %s", msg);
		}
		return 1;
	default:
		return 0;
	}
}

void awol_http_cause(awol_http *r, int cc, char *out, size_t n)
{
	const char *msg = r->errbuf[0] ? r->errbuf : curl_easy_strerror((CURLcode)cc);
	long status, oserr = 0;

	if (r->proxied && proxy_cause(r, cc, msg, out, n))
		return;
	switch ((CURLcode)cc) {
	case CURLE_OK:
		status = awol_http_status(r);
		if (status >= 300 && status <= 399 && !awol_http_redirect(r))
			snprintf(out, n, "HTTP status %ld without a Location", status);
		else
			snprintf(out, n, "HTTP status %ld", status);
		return;
	case CURLE_COULDNT_CONNECT:
		/* curl says "Couldn't connect to server" either way: the OS says which */
		if (curl_easy_getinfo(r->h, CURLINFO_OS_ERRNO, &oserr) == CURLE_OK &&
		    oserr == ECONNREFUSED)
			snprintf(out, n, "connection refused");
		else if (oserr == ETIMEDOUT)
			snprintf(out, n, "timeout");
		else if (oserr == ENETUNREACH || oserr == EHOSTUNREACH)
			snprintf(out, n, "network unreachable");
		else if (strstr(msg, "refused"))
			snprintf(out, n, "connection refused");
		else
			snprintf(out, n, "cannot connect: %s", msg);
		return;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(out, n, "DNS: %s", msg);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(out, n, "timeout");
		return;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_USE_SSL_FAILED:
		snprintf(out, n, "TLS: %s", msg);
		return;
	case CURLE_WRITE_ERROR:
		snprintf(out, n, "body over the cap of %zu bytes", r->body.max);
		return;
	case CURLE_GOT_NOTHING:
		snprintf(out, n, "empty reply");
		return;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		snprintf(out, n, "connection reset: %s", msg);
		return;
	case CURLE_PARTIAL_FILE:
		snprintf(out, n, "answer cut short: %s", msg);
		return;
	default:
		snprintf(out, n, "%s", msg);
	}
}
