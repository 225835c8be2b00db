/*
 * `awol serve`: libmicrohttpd with a pool of worker threads, each request answered
 * on one of a pool of read-only database connections (SQLite opened read-only: the
 * server can never write, and in WAL mode every request sees the latest commit of a
 * crawl writing the same file).  Nothing is read from the filesystem but the database:
 * pages are embedded, so a path can only name an embedded file or nothing.
 */
#include "util/common.h"
#include "awol/web.h"
#include "assets.h"
#include "answers.h"
#include "util/buf.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <time.h>

#define POOL_MAX 16
#define URL_MAX 512
#define ARGS_MAX 16
/* answers kept: those that took at least this long, this many bytes in all */
#define ANSWER_SLOW_MS 20
#define ANSWERS_BUDGET ((size_t)96 << 20)

struct awol_web {
	struct MHD_Daemon *d;
	awol_store *pool[POOL_MAX];
	bool busy[POOL_MAX];
	int n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool loopback;
	int port;
	web_answers *answers;
	long slow_ms; /* answers that took this long are kept */
};

/* A request's state between the calls libmicrohttpd makes (the POST body). */
typedef struct conn {
	char *body;
	size_t len;
	bool too_big;
	json_t *answer; /* freed once the answer is sent: a big one takes long to free */
} conn;

/* A free connection of the pool (waits for one): its index. */
static int borrow(awol_web *w)
{
	int i, slot = -1;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		for (i = 0; i < w->n; i++)
			if (!w->busy[i]) {
				w->busy[i] = true;
				slot = i;
				break;
			}
		if (slot >= 0)
			break;
		pthread_cond_wait(&w->cv, &w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return slot;
}

static void give_back(awol_web *w, int slot)
{
	pthread_mutex_lock(&w->mu);
	w->busy[slot] = false;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static void headers(struct MHD_Response *r, const char *type, bool api)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' "
	                        "'unsafe-inline'; frame-ancestors 'none'");
	MHD_add_response_header(r, "Cache-Control", api ? "no-store" : "no-cache");
}

/* Send s (n bytes, malloc'd: taken), or a 500 when s is NULL (out of memory). */
static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, char *s, size_t n)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (!s) {
		static const char oom[] = "{\"error\": \"out of memory\"}\n";
		r = MHD_create_response_from_buffer(sizeof(oom) - 1, (void *)(uintptr_t)oom,
		                                    MHD_RESPMEM_PERSISTENT);
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	} else
		r = MHD_create_response_from_buffer(n, s, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(s);
		return MHD_NO;
	}
	headers(r, "application/json; charset=utf-8", true);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *o, size_t flags)
{
	char *s = o ? json_dumps(o, flags) : NULL, *t;
	size_t n = s ? strlen(s) : 0;

	/* as the CLI prints it: a newline at the end */
	if (s && (t = realloc(s, n + 2)) != NULL) {
		s = t;
		s[n++] = '\n';
		s[n] = '\0';
	}
	return send_text(c, status, s, n);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *param,
                                  const char *msg)
{
	json_t *o = json_pack("{s:s}", "error", msg);
	enum MHD_Result ret;

	if (o && param && *param)
		json_object_set_new(o, "parameter", json_string(param));
	ret = send_json(c, status, o, JSON_INDENT(2));
	json_decref(o);
	return ret;
}

static const char *arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)ctx, MHD_GET_ARGUMENT_KIND,
	                                   key);
}

/* Every query parameter: known to the route, given once, not too long. */
typedef struct args_check {
	const char *route;
	int n;
	char bad[96];
	const char *seen[ARGS_MAX];
} args_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size)
{
	args_check *a = cls;
	int i;

	(void)kind;
	if (a->bad[0])
		return MHD_NO;
	if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
		snprintf(a->bad, sizeof(a->bad), "a parameter holds a NUL character");
		return MHD_NO;
	}
	if (++a->n > ARGS_MAX) {
		snprintf(a->bad, sizeof(a->bad), "more than %d parameters", ARGS_MAX);
		return MHD_NO;
	}
	if (!a->route) /* a page: its parameters are the filters its script reads */
		return strlen(key) > AWOL_WEB_PARAM_MAX ||
		               (value && strlen(value) > AWOL_WEB_PARAM_MAX)
		           ? (snprintf(a->bad, sizeof(a->bad), "parameter too long"), MHD_NO)
		           : MHD_YES;
	if (!awol_web_param_known(a->route, key)) {
		snprintf(a->bad, sizeof(a->bad), "unknown parameter '%.40s'", key);
		return MHD_NO;
	}
	for (i = 0; i < a->n - 1; i++)
		if (strcmp(a->seen[i], key) == 0) {
			snprintf(a->bad, sizeof(a->bad), "parameter '%s' given twice", key);
			return MHD_NO;
		}
	a->seen[a->n - 1] = key;
	if (value && strlen(value) > AWOL_WEB_PARAM_MAX) {
		snprintf(a->bad, sizeof(a->bad), "parameter '%s' longer than %d characters", key,
		         AWOL_WEB_PARAM_MAX);
		return MHD_NO;
	}
	return MHD_YES;
}

/* The request as a key of kept answers: the route and its parameters as given. */
typedef struct request_key {
	awol_buf b;
	bool bad;
} request_key;

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                               const char *value, size_t value_size)
{
	request_key *r = cls;

	(void)kind;
	/* a parameter with no value apart from an empty one; a key cut short is none */
	if (awol_buf_printf(&r->b, NULL, "&%.*s%s%.*s", (int)key_size, key, value ? "=" : "",
	                    (int)(value ? value_size : 0), value ? value : "") < 0)
		r->bad = true;
	return MHD_YES;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)((t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * An API answer: kept when it took long, and given again while the connection's database
 * is unchanged (a GET: the claims POSTed are not kept).
 */
static enum MHD_Result api(awol_web *w, struct MHD_Connection *c, const char *url, conn *k)
{
	awol_web_req rq = {arg, c, k ? k->body : NULL, k ? k->len : 0};
	awol_web_fail f;
	json_t *o = NULL;
	int slot = borrow(w), rc;
	awol_store *st = w->pool[slot];
	request_key key = {AWOL_BUF_INIT, false};
	long long version = -1;
	bool keep = !rq.body && awol_store_data_version(st, &version) == 0;
	struct timespec t0;
	char *s;
	size_t n;

	if (keep) {
		key.bad = awol_buf_puts(&key.b, url, NULL) < 0;
		MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, key_arg, &key);
		keep = !key.bad;
	}
	if (keep && (s = web_answers_get(w->answers, slot, version, awol_buf_cstr(&key.b), &n))) {
		give_back(w, slot);
		awol_buf_dispose(&key.b);
		return send_text(c, MHD_HTTP_OK, s, n);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = awol_web_api_text(st, url, &rq, &s, &n, &o, &f);
	give_back(w, slot);
	if (rc < 0) {
		awol_buf_dispose(&key.b);
		return send_error(c, (unsigned)f.status, f.param, f.msg);
	}
	if (k && !k->answer)
		k->answer = o;
	else
		json_decref(o);
	if (s && keep && elapsed_ms(&t0) >= w->slow_ms)
		web_answers_put(w->answers, slot, version, awol_buf_cstr(&key.b), s, n);
	awol_buf_dispose(&key.b);
	return send_text(c, MHD_HTTP_OK, s, n);
}

static enum MHD_Result page(struct MHD_Connection *c, const char *url)
{
	const web_asset *a = web_asset_find(url);
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (!a)
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, "not found");
	r = MHD_create_response_from_buffer(*a->len, (void *)(uintptr_t)a->data,
	                                    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	headers(r, a->type, false);
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* On loopback, a Host that is not a loopback name is a page of another site reaching
 * the server through DNS rebinding: refused. */
static bool host_ok(const awol_web *w, struct MHD_Connection *c)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");

	if (!w->loopback || !h)
		return true;
	return strncmp(h, "127.", 4) == 0 || strncmp(h, "localhost", 9) == 0 ||
	       strncmp(h, "[::1]", 5) == 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
	awol_web *w = cls;
	conn *k = *state;
	bool post = strcmp(method, "POST") == 0, is_api;
	args_check a = {0};

	(void)version;
	if (!k) {
		k = calloc(1, sizeof(*k));
		if (!k)
			return MHD_NO;
		*state = k;
		if (post) {
			const char *cl = MHD_lookup_connection_value(
			    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			/* refused before it is read, when it says it is too big */
			if (cl && strtoull(cl, NULL, 10) > AWOL_WEB_BODY_MAX)
				return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "claims",
				                  "the claims file is larger than 1 MiB");
			return MHD_YES; /* the body comes in the next calls */
		}
	}
	if (post && *upload_size) {
		if (!k->too_big && k->len + *upload_size <= AWOL_WEB_BODY_MAX) {
			char *b = realloc(k->body, k->len + *upload_size + 1);
			if (!b)
				return MHD_NO;
			memcpy(b + k->len, upload, *upload_size);
			k->body = b;
			k->len += *upload_size;
			k->body[k->len] = '\0';
		} else
			k->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (strlen(url) > URL_MAX)
		return send_error(c, MHD_HTTP_URI_TOO_LONG, NULL, "URL too long");
	if (!host_ok(w, c))
		return send_error(c, MHD_HTTP_FORBIDDEN, NULL, "Host is not a loopback name");
	is_api = strncmp(url, "/api/", 5) == 0;
	if (is_api && !awol_web_route_known(url))
		return send_error(c, MHD_HTTP_NOT_FOUND, NULL, "no such API route");
	if (strcmp(url, "/api/check") == 0 ? !post
	                                   : (strcmp(method, "GET") && strcmp(method, "HEAD")))
		return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
		                  strcmp(url, "/api/check") == 0 ? "POST a claims file"
		                                                 : "only GET and HEAD");
	a.route = is_api ? url : NULL;
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (a.bad[0])
		return send_error(c, MHD_HTTP_BAD_REQUEST, NULL, a.bad);
	if (k->too_big)
		return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "claims",
		                  "the claims file is larger than 1 MiB");
	return is_api ? api(w, c, url, k) : page(c, url);
}

static void done_cb(void *cls, struct MHD_Connection *c, void **state,
                    enum MHD_RequestTerminationCode why)
{
	conn *k = *state;

	(void)cls, (void)c, (void)why;
	if (k) {
		free(k->body);
		json_decref(k->answer);
	}
	free(k);
	*state = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, awol_error *err)
{
	char ip[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(ip))
		return awol_error_set(err, AWOL_EINVAL, "--listen %s: want ADDRESS:PORT", listen);
	memcpy(ip, listen, (size_t)(colon - listen));
	ip[colon - listen] = '\0';
	if (strcmp(ip, "localhost") == 0)
		snprintf(ip, sizeof(ip), "127.0.0.1");
	port = strtol(colon + 1, &end, 10);
	if (inet_pton(AF_INET, ip, &sa->sin_addr) != 1 || *end || end == colon + 1 || port < 0 ||
	    port > 65535)
		return awol_error_set(err, AWOL_EINVAL,
		                      "--listen %s: want an IPv4 ADDRESS:PORT, e.g. 127.0.0.1:8080",
		                      listen);
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

int awol_web_start(awol_web **out, const awol_web_opts *o, awol_error *err)
{
	awol_web *w;
	struct sockaddr_in sa;
	awol_store_opts so = {0};
	const union MHD_DaemonInfo *di;
	int rc, i;

	*out = NULL;
	rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &sa, err);
	if (rc < 0)
		return rc;
	w = calloc(1, sizeof(*w));
	if (!w)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->loopback = (ntohl(sa.sin_addr.s_addr) >> 24) == 127;
	w->n = o->threads > 0 && o->threads <= POOL_MAX ? o->threads : 4;
	so.read_only = true;
	so.busy_timeout_ms = 5000;
	/* test hook: AWOL_TEST_ANSWER_MS=0 keeps every answer, so that tests see them given
	 * again (and dropped when the database changes) on a small database */
	w->slow_ms = getenv("AWOL_TEST_ANSWER_MS") ? strtol(getenv("AWOL_TEST_ANSWER_MS"), NULL, 10)
	                                           : ANSWER_SLOW_MS;
	w->answers = web_answers_new(ANSWERS_BUDGET);
	if (!w->answers) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < w->n; i++) {
		rc = awol_store_open(&w->pool[i], o->db, &so, err);
		if (rc < 0)
			goto done;
	}
	w->d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    handle, w, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)w->n,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)512, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_NOTIFY_COMPLETED, done_cb, w, MHD_OPTION_END);
	if (!w->d) {
		rc = awol_error_set(err, AWOL_ENET, "cannot listen on %s: %s",
		                    o->listen ? o->listen : "127.0.0.1:8080", strerror(errno));
		goto done;
	}
	di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di ? di->port : ntohs(sa.sin_port);
done:
	if (rc < 0) {
		awol_web_stop(w);
		return rc;
	}
	*out = w;
	return 0;
}

int awol_web_port(const awol_web *w)
{
	return w ? w->port : 0;
}

bool awol_web_loopback(const awol_web *w)
{
	return w && w->loopback;
}

void awol_web_stop(awol_web *w)
{
	int i;

	if (!w)
		return;
	if (w->d)
		MHD_stop_daemon(w->d);
	for (i = 0; i < w->n; i++)
		awol_store_close(w->pool[i]);
	web_answers_free(w->answers);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
