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

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	awol_http *r = ud;
	size_t l = size * n;

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
	curl_easy_setopt(r->h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(r->h, CURLOPT_MAXREDIRS, 5L);
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
