/*
 * awol-sim: serves every court of the registry on one loopback port, told
 * apart by the Host header, speaking the sud_delo protocol (search form,
 * listings with the real parameters, cards), with switchable faults of the
 * real sites and a request log.  See docs/simulator.md.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/text.h"
#include "awol/article.h"
#include "sim.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

typedef struct client_seen {
	char key[200]; /* client|host */
	double last;
} client_seen;

static struct {
	sim_world w;
	const char *faults;
	double throttle;
	FILE *log;
	pthread_mutex_t mu;
	client_seen *seen;
	size_t nseen, capseen;
	uint32_t *attempts; /* per URL hash: how often asked */
} S;

#define ATTEMPT_SLOTS (1u << 20)

static double now_s(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static bool fault(const char *f)
{
	return sim_fault_on(S.faults, f, true);
}

/* A fault that `all` does not turn on: only when named in the list. */
static bool fault_only(const char *f)
{
	return sim_fault_on(S.faults, f, false);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static const char *arg(struct MHD_Connection *c, const char *k1, const char *k2)
{
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, k1);

	if (!v && k2)
		v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, k2);
	return v && *v ? v : NULL;
}

static int send_page(struct MHD_Connection *con, unsigned status, awol_buf *utf8, bool cp1251)
{
	awol_buf out = AWOL_BUF_INIT;
	struct MHD_Response *r;
	int ret;

	if (cp1251)
		sim_utf8_to_cp1251(awol_buf_cstr(utf8), utf8->len, &out);
	else
		awol_buf_put(&out, awol_buf_cstr(utf8), utf8->len, NULL);
	awol_buf_put(&out, "", 0, NULL); /* ptr is never NULL after this */
	r = MHD_create_response_from_buffer(out.len, out.ptr, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type",
	                        cp1251 ? "text/html; charset=windows-1251"
	                               : "text/plain; charset=utf-8");
	ret = MHD_queue_response(con, status, r);
	MHD_destroy_response(r);
	awol_buf_dispose(&out);
	return ret;
}

/* A body cut in the middle: the declared length is the whole page, half is sent. */
typedef struct cut_body {
	awol_buf b;
	size_t limit;
} cut_body;

static ssize_t cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	cut_body *cb = cls;
	size_t n;

	if (pos >= cb->limit)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = cb->limit - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, cb->b.ptr + pos, n);
	return (ssize_t)n;
}

static void cut_free(void *cls)
{
	cut_body *cb = cls;

	awol_buf_dispose(&cb->b);
	free(cb);
}

static int send_truncated(struct MHD_Connection *con, awol_buf *utf8)
{
	cut_body *cb = calloc(1, sizeof(*cb));
	struct MHD_Response *r;
	int ret;

	if (!cb)
		return MHD_NO;
	sim_utf8_to_cp1251(awol_buf_cstr(utf8), utf8->len, &cb->b);
	awol_buf_put(&cb->b, "", 0, NULL);
	cb->limit = cb->b.len / 2;
	r = MHD_create_response_from_callback(cb->b.len, 4096, cut_reader, cb, cut_free);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=windows-1251");
	ret = MHD_queue_response(con, 200, r);
	MHD_destroy_response(r);
	return ret;
}

/* One log line; `tv` is when the request arrived, so gaps are start to start. */
static void log_req(struct timeval tv, const char *client, const char *host, const char *url,
                    unsigned status, const char *what)
{
	if (!S.log)
		return;
	pthread_mutex_lock(&S.mu);
	fprintf(S.log,
	        "{\"time\":%ld.%06ld,\"client\":\"%s\",\"host\":\"%s\",\"url\":\"%s\","
	        "\"status\":%u,\"fault\":\"%s\"}\n",
	        (long)tv.tv_sec, (long)tv.tv_usec, client, host ? host : "", url, status, what);
	fflush(S.log);
	pthread_mutex_unlock(&S.mu);
}

/* Too fast for this client and court?  Records the request either way. */
static bool throttled(const char *client, const char *host)
{
	char key[200];
	double t = now_s();
	size_t i;
	bool r = false;

	if (S.throttle <= 0)
		return false;
	snprintf(key, sizeof(key), "%s|%s", client, host);
	pthread_mutex_lock(&S.mu);
	for (i = 0; i < S.nseen; i++)
		if (strcmp(S.seen[i].key, key) == 0)
			break;
	if (i == S.nseen) {
		if (S.nseen == S.capseen) {
			size_t nc = S.capseen ? S.capseen * 2 : 256;
			client_seen *n = realloc(S.seen, nc * sizeof(*n));
			if (n) {
				S.seen = n;
				S.capseen = nc;
			}
		}
		if (S.nseen < S.capseen) {
			snprintf(S.seen[S.nseen].key, sizeof(S.seen[0].key), "%s", key);
			S.seen[S.nseen].last = 0;
			S.nseen++;
		}
	}
	if (i < S.nseen) {
		r = t - S.seen[i].last < S.throttle;
		S.seen[i].last = t;
	}
	pthread_mutex_unlock(&S.mu);
	return r;
}

static uint32_t attempt_of(const char *url)
{
	uint32_t slot = (uint32_t)(hash_str(url) & (ATTEMPT_SLOTS - 1)), a;

	pthread_mutex_lock(&S.mu);
	a = S.attempts[slot]++;
	pthread_mutex_unlock(&S.mu);
	return a;
}

/* A case matches an article filter like «337», «337 ч.5» (prefix rule of the real site). */
static bool matches_article(const sim_case *k, const awol_charge *f)
{
	int p, c;

	if (!f || !f->article)
		return true;
	for (p = 0; p < k->npersons; p++)
		for (c = 0; c < k->persons[p].ncharges; c++) {
			const sim_charge *ch = &k->persons[p].charges[c];
			if (strcmp(ch->article, f->article) != 0)
				continue;
			if (!f->part || strcmp(ch->part, f->part) == 0)
				return true;
		}
	return false;
}

static bool in_window(awol_date d, const char *from, const char *to)
{
	awol_date a;

	if (from && awol_date_parse(from, &a) && awol_date_cmp(d, a) < 0)
		return false;
	if (to && awol_date_parse(to, &a) && awol_date_cmp(d, a) > 0)
		return false;
	return true;
}

/* srv_num of the request; 0 when absent or not a number */
static int server_arg(struct MHD_Connection *con)
{
	const char *s = arg(con, "srv_num", NULL);
	long v = s ? strtol(s, NULL, 10) : 0;

	return v > 0 && v < 100 ? (int)v : 0;
}

/* The court's case with this case_id (or _id), on the server asked; NULL if none. */
static const sim_case *find_case(struct MHD_Connection *con, const sim_court *c, const char *key)
{
	const char *id = arg(con, key, NULL);
	long cid = id ? strtol(id, NULL, 10) : -1;
	size_t i;

	for (i = 0; i < c->n; i++) {
		const sim_case *k = &S.w.cases[c->first + i];
		if (k->id == cid)
			return c->servers > 1 && k->server != server_arg(con) ? NULL : k;
	}
	return NULL;
}

static unsigned listing(struct MHD_Connection *con, const sim_court *c, awol_buf *page,
                        const char *url_q)
{
	bool v = c->vnkod; /* the vintage module names its parameters differently */
	const char *art =
	    v ? arg(con, "parts__law_articless", NULL)
	      : arg(con, "U1_DEFENDANT__LAW_ARTICLESS", "u1_defendant__law_articless");
	const char *e1 = v ? arg(con, "case__entry_date1d", NULL)
	                   : arg(con, "u1_case__ENTRY_DATE1D", "U1_CASE__ENTRY_DATE1D");
	const char *e2 = v ? arg(con, "case__entry_date2d", NULL)
	                   : arg(con, "u1_case__ENTRY_DATE2D", "U1_CASE__ENTRY_DATE2D");
	const char *r1 = v ? arg(con, "case__result_date1d", NULL)
	                   : arg(con, "u1_case__RESULT_DATE1D", "U1_CASE__RESULT_DATE1D");
	const char *r2 = v ? arg(con, "case__result_date2d", NULL)
	                   : arg(con, "u1_case__RESULT_DATE2D", "U1_CASE__RESULT_DATE2D");
	const char *pg = arg(con, v ? "_page" : "page", NULL);
	const char *delo = arg(con, v ? "_deloId" : "delo_id", NULL);
	awol_charge *fc = NULL;
	size_t nf = 0, i, n = 0, *idx = NULL;
	long page_no = pg ? strtol(pg, NULL, 10) : 1;
	char *q = NULL, *amp;

	if (!delo || strcmp(delo, "1540006") != 0) {
		sim_page_empty(page, c); /* a malformed request looks empty, as on the real sites */
		return 200;
	}
	if (art) {
		awol_buf u = AWOL_BUF_INIT;
		awol_text_decode(art, strlen(art), "charset=windows-1251", &u, NULL, NULL);
		awol_article_parse(awol_buf_cstr(&u), &fc, &nf, NULL);
		awol_buf_dispose(&u);
	}
	idx = malloc((c->n ? c->n : 1) * sizeof(*idx));
	for (i = 0; idx && i < c->n; i++) {
		const sim_case *k = &S.w.cases[c->first + i];
		if (!matches_article(k, nf ? &fc[0] : NULL) || !in_window(k->received, e1, e2))
			continue;
		if (c->servers > 1 && k->server != server_arg(con))
			continue; /* each server holds its own cases */
		if ((r1 || r2) && (k->result < 0 || !in_window(k->decided, r1, r2)))
			continue;
		idx[n++] = c->first + i;
	}
	awol_charges_free(fc, nf);
	if (n == 0 || page_no < 1 || (page_no - 1) * 25 >= (long)n) {
		free(idx);
		sim_page_empty(page, c);
		return 200;
	}
	/* the paging links repeat the query without its page= */
	q = strdup(url_q ? url_q : "");
	if (q && (amp = strstr(q, v ? "&_page=" : "&page=")) != NULL) {
		char *rest = strchr(amp + 1, '&');
		if (rest)
			memmove(amp, rest, strlen(rest) + 1);
		else
			*amp = '\0';
	}
	if (v)
		sim_page_listing_vnkod(page, &S.w, c, idx, n, page_no, q ? q : "");
	else
		sim_page_listing(page, &S.w, c, idx, n, page_no, q ? q : "");
	free(q);
	free(idx);
	return 200;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **ptr)
{
	static int marker;
	const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host");
	const char *ua = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "User-Agent");
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char client[64] = "?", full[2048];
	const sim_court *c;
	awol_buf page = AWOL_BUF_INIT;
	unsigned status = 200;
	const char *what = "", *op;
	int ret;
	struct timeval arrived;
	bool cut = false;

	(void)cls, (void)version, (void)upload, (void)upload_size;
	if (*ptr != &marker) {
		*ptr = &marker;
		return MHD_YES;
	}
	gettimeofday(&arrived, NULL);
	*ptr = NULL;
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET,
		          &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
		          client, sizeof(client));
	/* the raw query string is not exposed by MHD: rebuild it from the arguments we use */
	{
		awol_buf q = AWOL_BUF_INIT;
		static const char *const keys[] = {"name",
		                                   "srv_num",
		                                   "name_op",
		                                   "delo_id",
		                                   "case_type",
		                                   "new",
		                                   "delo_table",
		                                   "u1_case__ENTRY_DATE1D",
		                                   "u1_case__ENTRY_DATE2D",
		                                   "u1_case__RESULT_DATE1D",
		                                   "u1_case__RESULT_DATE2D",
		                                   "case_id",
		                                   "case_uid",
		                                   "page",
		                                   "_deloId",
		                                   "case__case_type",
		                                   "_new",
		                                   "case__vnkod",
		                                   "case__num_build",
		                                   "process-type",
		                                   "case__entry_date1d",
		                                   "case__entry_date2d",
		                                   "_id",
		                                   "_uid",
		                                   "_page"};
		size_t i;
		for (i = 0; i < AWOL_ARRAY_SIZE(keys); i++) {
			const char *v = arg(con, keys[i], NULL);
			if (v)
				awol_buf_printf(&q, NULL, "%s%s=%s", q.len ? "&" : "", keys[i], v);
		}
		{
			const char *a = arg(con, "U1_DEFENDANT__LAW_ARTICLESS", NULL);
			const char *an = "U1_DEFENDANT__LAW_ARTICLESS";
			if (!a) {
				a = arg(con, "parts__law_articless", NULL);
				an = "parts__law_articless";
			}
			if (a) {
				/* back to windows-1251 percent-encoding */
				awol_buf_printf(&q, NULL, "&%s=", an);
				for (; *a; a++) {
					unsigned char ch = (unsigned char)*a;
					if (ch == ' ')
						awol_buf_putc(&q, '+', NULL);
					else if (ch < 0x80 &&
					         (ch == '.' || (ch >= '0' && ch <= '9') ||
					          (ch >= 'A' && ch <= 'z')))
						awol_buf_putc(&q, (char)ch, NULL);
					else
						awol_buf_printf(&q, NULL, "%%%02X", ch);
				}
			}
		}
		snprintf(full, sizeof(full), "%s?%s", url, awol_buf_cstr(&q));
		awol_buf_dispose(&q);
	}
	if (strcmp(method, "GET") != 0) {
		status = 405;
		awol_buf_puts(&page, "method not allowed\n", NULL);
		ret = send_page(con, status, &page, false);
		goto done;
	}
	if (strcmp(url, "/__sim/health") == 0) {
		awol_buf_puts(&page, "ok\n", NULL);
		ret = send_page(con, 200, &page, false);
		goto done;
	}
	if (strcmp(url, "/__sim/captcha") == 0) {
		c = sim_world_court_by_host(&S.w, arg(con, "host", NULL), NULL);
		if (c)
			awol_buf_puts(&page, c->captcha_answer, NULL);
		else
			status = 404;
		ret = send_page(con, status, &page, false);
		goto done;
	}
	c = sim_world_court_by_host(&S.w, host, NULL);
	if (!c || strcmp(url, "/modules.php") != 0) {
		status = 404;
		awol_buf_puts(&page,
		              "<html><body>Страница не найдена. Возможно, она была удалена или "
		              "перемещена.</body></html>",
		              NULL);
		ret = send_page(con, status, &page, true);
		goto done;
	}
	if (fault("ua") &&
	    (!ua || strstr(ua, "curl") || strstr(ua, "Wget") || strstr(ua, "python"))) {
		status = 403;
		what = "ua";
		sim_page_waf(&page);
		ret = send_page(con, status, &page, true);
		goto done;
	}
	/* a dead court, or ("deadserver") the last server of a multi-server court while the
	 * chooser and its other servers answer */
	if (c->dead ||
	    (c->servers > 1 && fault_only("deadserver") && server_arg(con) == c->servers)) {
		status = 503;
		what = c->dead ? "dead" : "deadserver";
		awol_buf_puts(&page,
		              "<html><body>В настоящее время сайт временно недоступен. "
		              "Обратитесь к данной странице позже.</body></html>",
		              NULL);
		ret = send_page(con, status, &page, true);
		goto done;
	}
	if (fault("throttle") && throttled(client, c->host)) {
		what = "throttle";
		sim_page_unavailable(&page, c);
		ret = send_page(con, 200, &page, true);
		goto done;
	}
	{
		uint32_t att = attempt_of(full);
		uint64_t h = sim_hash(S.w.seed, hash_str(full));
		if (att == 0 && fault("5xx") && h % 17 == 0) {
			status = 500 + (unsigned)(h % 4);
			what = "5xx";
			awol_buf_puts(&page, "<html><body>Internal Server Error</body></html>",
			              NULL);
			ret = send_page(con, status, &page, true);
			goto done;
		}
		if (fault("slow") && h % 11 == 1) {
			what = "slow";
			usleep(30000);
		}
		if (att == 0 && fault("timeout") && h % 37 == 5) {
			/* longer than a short client timeout; bounded so a test never hangs */
			what = "timeout";
			usleep(2500000);
		}
		if (att == 0 && fault("reset") && h % 29 == 3) {
			log_req(arrived, client, host, full, 0, "reset");
			return MHD_NO; /* the connection is closed without an answer */
		}
		cut = att == 0 && fault("truncate") && h % 31 == 4;
		op = arg(con, "name_op", NULL);
		if (att == 0 && fault("empty") && op && strcmp(op, "r") == 0 && h % 23 == 2) {
			what = "empty";
			sim_page_empty(&page, c);
			ret = send_page(con, 200, &page, true);
			goto done;
		}
	}
	if (c->servers > 1 && !arg(con, "srv_num", NULL)) {
		what = "chooser"; /* a multi-server court asked without a server */
		sim_page_chooser(&page, c);
	} else if (arg(con, "srv_num", NULL) &&
	           (server_arg(con) < 1 || server_arg(con) > c->servers)) {
		what = "no-server";
		sim_page_no_server(&page, c);
	} else if (!op || strcmp(op, "sf") == 0) {
		sim_page_search_form(&page, c, c->captcha);
	} else if (strcmp(op, "doc") == 0 && !c->vnkod) {
		/* act texts: number=<case_id>&text_number=K, a page of its own */
		const sim_case *k = find_case(con, c, "number");
		const char *n = arg(con, "text_number", NULL);
		what = "doc";
		sim_page_doc(&page, c, k, n ? (int)strtol(n, NULL, 10) : 1);
	} else if (strcmp(op, "case") == 0 && c->vnkod && arg(con, "_doc", NULL)) {
		/*
		 * The VNKOD act link (the card URL with &_doc=K) answers with the
		 * card itself, every act text embedded; the real page's script opens
		 * tab K (docs/sudrf-format.md §4.2).
		 */
		const sim_case *k = find_case(con, c, "_id");
		what = "doc";
		if (k)
			sim_page_card_vnkod(&page, &S.w, c, k);
		else {
			status = 404;
			awol_buf_puts(&page, "<html><body>Дело не найдено</body></html>", NULL);
		}
	} else if (c->vnkod &&
	           (strcmp(op, "r") == 0 ? !arg(con, "_deloId", NULL)
	                                 : strcmp(op, "case") == 0 && !arg(con, "_id", NULL))) {
		/* a primary-style request to the vintage module is silently ignored */
		what = "vnkod";
		sim_page_search_form(&page, c, false);
	} else if (strcmp(op, "r") == 0) {
		const char *cap = arg(con, "captcha", NULL), *cid = arg(con, "captchaid", NULL);
		if (c->captcha && (!cap || !cid || strcmp(cap, c->captcha_answer) != 0 ||
		                   strcmp(cid, c->captcha_token) != 0)) {
			what = "captcha";
			sim_page_captcha_rejected(&page, c);
		} else
			status = listing(con, c, &page, strchr(full, '?') + 1);
	} else if (strcmp(op, "case") == 0) {
		const sim_case *k = find_case(con, c, c->vnkod ? "_id" : "case_id");
		if (k && c->vnkod)
			sim_page_card_vnkod(&page, &S.w, c, k);
		else if (k)
			sim_page_card(&page, &S.w, c, k);
		else {
			status = 404;
			awol_buf_puts(&page, "<html><body>Дело не найдено</body></html>", NULL);
		}
	} else
		sim_page_search_form(&page, c, c->captcha);
	if (cut && status == 200) {
		what = "truncate";
		ret = send_truncated(con, &page);
	} else
		ret = send_page(con, status, &page, true);
done:
	log_req(arrived, client, host, full, status, what);
	awol_buf_dispose(&page);
	return ret == MHD_YES ? MHD_YES : MHD_NO;
}

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: awol-sim --listen 127.0.0.1:PORT --seed N [--scale X] [--from DATE --to DATE]\n"
	    "                [--faults SPEC] [--truth FILE] [--log FILE] [--port-file FILE]\n"
	    "                [--throttle-interval SECONDS]\n\n"
	    "A simulator of the military courts' sud_delo sites on one loopback port, for tests\n"
	    "and the demo.  Courts are told apart by the Host header.  PORT 0 picks a free port\n"
	    "(written to --port-file).  --faults: none, all, or a list of ua, throttle, captcha,\n"
	    "dead, slow, timeout, reset, truncate, 5xx, empty, servers (several srv_num\n"
	    "servers on about one court in ten), nosrv (some of their card links without\n"
	    "srv_num); default: ua.  Not in all: deadserver (the last server of each\n"
	    "multi-server court answers 503), noacts (no act published).  --truth writes\n"
	    "the generated cases as JSON Lines.  Test-only endpoints: /__sim/health,\n"
	    "/__sim/captcha?host=HOST.\n"
	    "Runs until SIGINT or SIGTERM.\n");
}

int main(int argc, char **argv)
{
	const char *listen = NULL, *truth = NULL, *logp = NULL, *portfile = NULL;
	const char *from = NULL, *to = NULL;
	double scale = 1.0;
	uint64_t seed = 1;
	awol_date df, dt;
	awol_error err = {0};
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	int i, sig;
	sigset_t set;
	char *end;

	S.faults = "ua";
	S.throttle = 0;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			fprintf(stderr, "awol-sim: %s needs a value\n", o);
			return 2;
		}
		i++;
		if (strcmp(o, "--listen") == 0)
			listen = v;
		else if (strcmp(o, "--seed") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(o, "--scale") == 0) {
			scale = strtod(v, &end);
			if (*end || scale <= 0 || scale > 100) {
				fprintf(stderr, "awol-sim: --scale: bad value '%s'\n", v);
				return 2;
			}
		} else if (strcmp(o, "--from") == 0)
			from = v;
		else if (strcmp(o, "--to") == 0)
			to = v;
		else if (strcmp(o, "--faults") == 0)
			S.faults = v;
		else if (strcmp(o, "--truth") == 0)
			truth = v;
		else if (strcmp(o, "--log") == 0)
			logp = v;
		else if (strcmp(o, "--port-file") == 0)
			portfile = v;
		else if (strcmp(o, "--throttle-interval") == 0)
			S.throttle = strtod(v, NULL);
		else {
			fprintf(stderr, "awol-sim: unknown option '%s'\n", o);
			usage(stderr);
			return 2;
		}
	}
	if (!listen) {
		fprintf(stderr, "awol-sim: --listen 127.0.0.1:PORT is required\n");
		return 2;
	}
	if (!awol_date_parse(from ? from : "2023-01-01", &df) ||
	    !awol_date_parse(to ? to : "2023-12-31", &dt) || awol_date_cmp(df, dt) > 0) {
		fprintf(stderr, "awol-sim: bad --from/--to\n");
		return 2;
	}
	if (fault("throttle") && S.throttle <= 0)
		S.throttle = 0.001;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	{
		const char *colon = strrchr(listen, ':');
		char ip[64];
		if (!colon || (size_t)(colon - listen) >= sizeof(ip)) {
			fprintf(stderr, "awol-sim: --listen wants ADDRESS:PORT\n");
			return 2;
		}
		memcpy(ip, listen, (size_t)(colon - listen));
		ip[colon - listen] = '\0';
		if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1 ||
		    (ntohl(sa.sin_addr.s_addr) >> 24) != 127) {
			fprintf(stderr,
			        "awol-sim: listens on loopback (127.x.x.x) only, not '%s'\n", ip);
			return 2;
		}
		sa.sin_port = htons((uint16_t)strtol(colon + 1, NULL, 10));
	}
	if (sim_world_build(&S.w, seed, scale, df, dt, S.faults, &err) < 0) {
		fprintf(stderr, "awol-sim: %s\n", err.msg);
		return 1;
	}
	if (truth && sim_world_write_truth(&S.w, truth, &err) < 0) {
		fprintf(stderr, "awol-sim: %s\n", err.msg);
		return 1;
	}
	if (logp && !(S.log = fopen(logp, "a"))) {
		fprintf(stderr, "awol-sim: %s: %s\n", logp, strerror(errno));
		return 1;
	}
	S.attempts = calloc(ATTEMPT_SLOTS, sizeof(*S.attempts));
	pthread_mutex_init(&S.mu, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, handle,
	                     NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, 4,
	                     MHD_OPTION_CONNECTION_TIMEOUT, 60, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "awol-sim: cannot listen on %s\n", listen);
		return 1;
	}
	{
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		unsigned port = di ? di->port : 0;
		fprintf(stderr, "awol-sim: %zu courts, %zu cases, listening on 127.0.0.1:%u\n",
		        S.w.ncourts, S.w.ncases, port);
		if (portfile) {
			char tmp[1024];
			FILE *f;
			snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
			f = fopen(tmp, "w");
			if (f) {
				fprintf(f, "%u\n", port);
				fclose(f);
				rename(tmp, portfile);
			}
		}
	}
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	if (S.log)
		fclose(S.log);
	free(S.attempts);
	free(S.seen);
	sim_world_free(&S.w);
	return 0;
}
