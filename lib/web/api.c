/*
 * The JSON API of `awol serve`: one function per route, each answering exactly what
 * the CLI command of the same name prints with --format json (the same library
 * functions build both).  Every parameter is checked before any query runs.
 */
#include "util/common.h"
#include "util/date.h"
#include "awol/claims.h"
#include "awol/courts.h"
#include "awol/figures.h"
#include "awol/listings.h"
#include "awol/stats.h"
#include "awol/web.h"

#include <jansson.h>
#include <stdarg.h>

static const char *const UNITS[] = {"cases", "defendants", "charges", NULL};
static const char *const BYS[] = {"week", "month", "quarter", "half", "year", NULL};
static const char *const GROUPS[] = {"article",  "part",  "court",   "region",
                                     "district", "level", "outcome", NULL};
static const char *const DATES[] = {"received", "decided", NULL};
static const char *const SORTS[] = {"period", "count", "group", NULL};
static const char *const FLAGS[] = {"0", "1", NULL};
static const char *const LEVELS[] = {"garrison", "district", "fleet", "appeal", "cassation", NULL};

static int fail(awol_web_fail *f, int status, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(awol_web_fail *f, int status, const char *param, const char *fmt, ...)
{
	va_list ap;

	f->status = status;
	snprintf(f->param, sizeof(f->param), "%s", param ? param : "");
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int fail_err(awol_web_fail *f, const awol_error *e)
{
	return fail(f, 500, "", "%s", e->msg[0] ? e->msg : "internal error");
}

static const char *get(const awol_web_req *rq, const char *key)
{
	const char *v = rq->get ? rq->get(rq->ctx, key) : NULL;
	return v && *v ? v : NULL; /* an empty value is no value, as an unset form field */
}

/* Only these characters, 1..max of them. */
static bool made_of(const char *v, const char *set, size_t max)
{
	size_t n = strlen(v);
	return n > 0 && n <= max && strspn(v, set) == n;
}

static int choice(const awol_web_req *rq, const char *key, const char *const *choices,
                  const char **out, awol_web_fail *f)
{
	const char *v = get(rq, key);
	const char *const *c;

	*out = NULL;
	if (!v)
		return 0;
	for (c = choices; *c; c++)
		if (strcmp(*c, v) == 0) {
			*out = *c;
			return 0;
		}
	return fail(f, 400, key, "%s must be one of the values the CLI accepts (see --help)", key);
}

static int date(const awol_web_req *rq, const char *key, const char **out, awol_web_fail *f)
{
	const char *v = get(rq, key);
	awol_date d;

	*out = v;
	if (v && (strlen(v) != 10 || !awol_date_parse_iso(v, &d)))
		return fail(f, 400, key, "%s must be a date YYYY-MM-DD", key);
	return 0;
}

static int range(const awol_web_req *rq, const char **from, const char **to, awol_web_fail *f)
{
	if (date(rq, "from", from, f) < 0 || date(rq, "to", to, f) < 0)
		return -1;
	if (*from && *to && strcmp(*from, *to) > 0)
		return fail(f, 400, "from", "from %s is after to %s", *from, *to);
	return 0;
}

/* "337" or "337,338": article numbers (a point for inserted articles: 337.1). */
static int articles(const awol_web_req *rq, const char *key, bool list, const char **out,
                    awol_web_fail *f)
{
	const char *v = get(rq, key), *p;

	*out = v;
	if (!v)
		return 0;
	if (!made_of(v, list ? "0123456789.," : "0123456789.", 40))
		goto bad;
	for (p = v; *p;) {
		size_t n = strspn(p, "0123456789"), k;
		if (n < 1 || n > 4)
			goto bad;
		p += n;
		if (*p == '.') {
			k = strspn(p + 1, "0123456789");
			if (k < 1 || k > 2)
				goto bad;
			p += 1 + k;
		}
		if (*p == ',') {
			if (!p[1])
				goto bad;
			p++;
		} else if (*p)
			goto bad;
	}
	return 0;
bad:
	return fail(f, 400, key, "%s must be %s", key,
	            list ? "article numbers separated by commas, e.g. 337,338"
	                 : "one article number, e.g. 337");
}

/* "5" or "3.1,5": part numbers, as --part takes them. */
static int part(const awol_web_req *rq, const char **out, awol_web_fail *f)
{
	const char *v = get(rq, "part"), *p;

	*out = v;
	if (!v)
		return 0;
	if (!made_of(v, "0123456789.,", 40))
		goto bad;
	for (p = v; *p;) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n > 5 || p[0] == '.' || memchr(p, '.', n) != memrchr(p, '.', n))
			goto bad;
		p += n;
		if (*p == ',' && !*++p)
			goto bad;
	}
	return 0;
bad:
	return fail(f, 400, "part", "part must be part numbers, e.g. 5 or 3.1,5");
}

/* "outcome" or "outcome,region" (a cross-tab): fields of --group, each once. */
static int groups(const awol_web_req *rq, const char **out, awol_web_fail *f)
{
	const char *v = get(rq, "group"), *p;
	const char *seen[8];
	size_t nseen = 0, i;

	*out = v;
	if (!v)
		return 0;
	for (p = v; *p;) {
		size_t n = strcspn(p, ","), k;
		const char *hit = NULL;
		for (k = 0; GROUPS[k]; k++)
			if (strlen(GROUPS[k]) == n && strncmp(GROUPS[k], p, n) == 0)
				hit = GROUPS[k];
		if (!hit)
			return fail(f, 400, "group",
			            "group must be fields of --group, e.g. outcome "
			            "or outcome,region");
		for (i = 0; i < nseen; i++)
			if (seen[i] == hit)
				return fail(f, 400, "group", "group: '%s' given twice", hit);
		if (nseen < AWOL_ARRAY_SIZE(seen))
			seen[nseen++] = hit;
		p += n;
		if (*p == ',' && !*++p)
			return fail(f, 400, "group", "group ends with a comma");
	}
	return 0;
}

static int number(const awol_web_req *rq, const char *key, long lo, long hi, long *out,
                  awol_web_fail *f)
{
	const char *v = get(rq, key);

	if (!v)
		return 0;
	if (!made_of(v, "0123456789", 9) || strtol(v, NULL, 10) < lo || strtol(v, NULL, 10) > hi)
		return fail(f, 400, key, "%s must be a whole number from %ld to %ld", key, lo, hi);
	*out = strtol(v, NULL, 10);
	return 0;
}

/* court=CODE[,CODE]: court codes as `awol courts` prints them, or absent. */
/* Court codes of the registry, as the CLI's --court takes them (an unknown one is a 400). */
static int court_codes(const awol_web_req *rq, const char **out, awol_web_fail *f)
{
	awol_court_list l = {0};
	const char *p;
	int rc = 0;

	*out = get(rq, "court");
	if (!*out)
		return 0;
	if (!made_of(*out, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ,", 64))
		return fail(f, 400, "court", "court must be court codes, e.g. 77GV0005");
	if (awol_courts_load_default(&l, NULL) < 0)
		return fail(f, 500, "", "the court registry cannot be read");
	for (p = *out; rc == 0 && *p; p += *p == ',') {
		char code[16];
		size_t n = strcspn(p, ",");
		snprintf(code, sizeof(code), "%.*s", (int)(n < 15 ? n : 15), p);
		if (n == 0 || n > 15 || !awol_courts_find(&l, code))
			rc = fail(f, 400, "court",
			          "court: '%s' is not a court code of the registry", code);
		p += n;
	}
	awol_courts_dispose(&l);
	return rc;
}

/* /api/stats as text (s, n) or, with s NULL, as a tree (out): the same document. */
static int stats_answer(awol_store *st, const awol_web_req *rq, char **s, size_t *n, json_t **out,
                        awol_web_fail *f)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	awol_figure_list figs = {0};
	awol_figure_comparison c = {0};
	awol_error e = {0};
	const char *share, *cmp;
	int rc = 0;

	if (choice(rq, "unit", UNITS, &q.unit, f) < 0 || choice(rq, "by", BYS, &q.by, f) < 0 ||
	    groups(rq, &q.group, f) < 0 || choice(rq, "date", DATES, &q.date, f) < 0 ||
	    choice(rq, "sort", SORTS, &q.sort, f) < 0 ||
	    choice(rq, "share", FLAGS, &share, f) < 0 ||
	    choice(rq, "compare", FLAGS, &cmp, f) < 0 ||
	    number(rq, "limit", 1, 100000000, &q.limit, f) < 0 ||
	    articles(rq, "article", true, &q.articles, f) < 0 || part(rq, &q.part, f) < 0 ||
	    court_codes(rq, &q.courts, f) < 0 || range(rq, &q.from, &q.to, f) < 0)
		return -1;
	q.share = share && strcmp(share, "1") == 0;
	if (awol_stats_run(st, &q, &r, &e) < 0)
		return e.code == AWOL_EINVAL ? fail(f, 400, "", "%s", e.msg) : fail_err(f, &e);
	if (cmp && strcmp(cmp, "1") == 0 &&
	    (awol_figures_from_db(st, &figs, &e) < 0 ||
	     awol_figures_compare(st, &figs, q.articles, q.from, q.to, &c, &e) < 0))
		rc = fail_err(f, &e);
	if (rc == 0 && s) {
		if (awol_stats_json_text(&q, &r, cmp && strcmp(cmp, "1") == 0 ? &c : NULL, s, n,
		                         &e) < 0)
			rc = fail_err(f, &e);
	} else if (rc == 0) {
		*out = awol_stats_to_json(&q, &r, cmp && strcmp(cmp, "1") == 0 ? &c : NULL);
		if (!*out)
			rc = fail(f, 500, "", "out of memory");
	}
	awol_figures_comparison_dispose(&c);
	awol_figures_dispose(&figs);
	awol_stats_dispose(&r);
	return rc;
}

static int api_stats(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	return stats_answer(st, rq, NULL, NULL, out, f);
}

/* The answer server and CLI print: written as text, no tree built (10 MB by court). */
static int api_stats_text(awol_store *st, const awol_web_req *rq, char **s, size_t *n,
                          awol_web_fail *f)
{
	return stats_answer(st, rq, s, n, NULL, f);
}

/* A listing's document (what the CLI prints with --format json), the listing disposed. */
static int listing_doc(int rc, awol_table *l, const awol_error *e, json_t **out, awol_web_fail *f)
{
	if (rc == 0 && !(*out = awol_table_doc(l)))
		rc = fail(f, 500, "", "out of memory");
	else if (rc < 0)
		rc = fail_err(f, e);
	awol_table_dispose(l);
	return rc;
}

static int api_coverage(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_table l;
	awol_error e = {0};

	(void)rq;
	return listing_doc(awol_coverage_listing(st, &l, &e), &l, &e, out, f);
}

static int api_courts(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_table l;
	awol_error e = {0};
	const char *level;

	if (choice(rq, "level", LEVELS, &level, f) < 0)
		return -1;
	return listing_doc(awol_courts_listing(st, awol_store_path(st), level, &l, &e), &l, &e, out,
	                   f);
}

/* The filters of `awol cases` (awol_export_filter), checked as the CLI checks them. */
static int api_cases(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_export_filter cf = {0};
	awol_table l;
	awol_error e = {0};

	if (court_codes(rq, &cf.courts, f) < 0)
		return -1;
	cf.region = get(rq, "region");
	cf.outcome = get(rq, "outcome");
	if (articles(rq, "article", true, &cf.articles, f) < 0 ||
	    range(rq, &cf.from, &cf.to, f) < 0 || choice(rq, "date", DATES, &cf.date, f) < 0 ||
	    number(rq, "limit", 0, 100000000, &cf.limit, f) < 0 ||
	    number(rq, "offset", 0, 100000000, &cf.offset, f) < 0)
		return -1;
	if (awol_export_filter_check(st, &cf, &e) < 0)
		return e.code == AWOL_EINVAL ? fail(f, 400, "", "%s", e.msg) : fail_err(f, &e);
	return listing_doc(awol_cases_listing(st, &cf, NULL, NULL, &l, &e), &l, &e, out, f);
}

static int api_figures(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_figure_list figs;
	awol_table l;
	awol_error e = {0};
	const char *article;
	int rc;

	if (articles(rq, "article", false, &article, f) < 0)
		return -1;
	if (awol_figures_from_db(st, &figs, &e) < 0)
		return fail_err(f, &e);
	rc = awol_figures_listing(&figs, awol_store_path(st), article, &l, &e);
	awol_figures_dispose(&figs);
	return listing_doc(rc, &l, &e, out, f);
}

static int api_compare(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_figure_list l;
	awol_figure_comparison c = {0};
	awol_error e = {0};
	const char *article, *from, *to;
	int rc = 0;

	if (articles(rq, "article", true, &article, f) < 0 || range(rq, &from, &to, f) < 0)
		return -1;
	if (awol_figures_from_db(st, &l, &e) < 0)
		return fail_err(f, &e);
	if (awol_figures_compare(st, &l, article, from, to, &c, &e) < 0)
		rc = fail_err(f, &e);
	else if (!(*out = awol_figures_comparison_to_json(&c)))
		rc = fail(f, 500, "", "out of memory");
	awol_figures_comparison_dispose(&c);
	awol_figures_dispose(&l);
	return rc;
}

/* A claims file posted as the body, checked in memory: nothing is stored.  The answer is
 * `awol check --db DB FILE --format json`'s, with "claims" for the file's name. */
static int api_check(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_claims cs;
	awol_figure_list figs;
	awol_error e = {0};

	if (!rq->body || rq->body_len == 0)
		return fail(f, 400, "claims", "POST a claims file (docs/claims.md) as the body");
	if (rq->body_len > AWOL_WEB_BODY_MAX)
		return fail(f, 413, "claims", "the claims file is larger than %u bytes",
		            AWOL_WEB_BODY_MAX);
	if (awol_claims_parse("claims", rq->body, rq->body_len, &cs, &e) < 0)
		return fail(f, 400, "claims", "%s", e.msg);
	if (awol_figures_from_db(st, &figs, &e) < 0) {
		awol_claims_dispose(&cs);
		return fail_err(f, &e);
	}
	awol_claims_check(&cs, &figs, st, &e);
	*out = awol_claims_doc(&cs, "claims", awol_store_path(st));
	awol_claims_dispose(&cs);
	awol_figures_dispose(&figs);
	return *out ? 0 : fail(f, 500, "", "out of memory");
}

/* `awol stats` of the readings of act texts (--group sentence..., --what terms): the
 * document awol_outcome_stats_listing builds for the CLI too. */
static int api_outcomes(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	static const char *const WHATS[] = {"counts", "terms", NULL};
	static const char *const READ_BYS[] = {"month", "quarter", "half", "year", NULL};
	static const char *const READ_GROUPS[] = {"sentence", "service", "regime", "ground",
	                                          "article",  "year",    NULL};
	awol_outcome_query q = {0};
	awol_table l;
	awol_error e = {0};
	const char *what, *unit, *group, *share, *param = NULL, *date;
	int rc;

	if (court_codes(rq, &q.courts, f) < 0)
		return -1;
	q.region = get(rq, "region");
	if (q.region && strlen(q.region) > 200)
		return fail(f, 400, "region", "region must be a region as `awol courts` prints it");
	if (choice(rq, "what", WHATS, &what, f) < 0 || choice(rq, "unit", UNITS, &unit, f) < 0 ||
	    choice(rq, "group", READ_GROUPS, &group, f) < 0 ||
	    choice(rq, "share", FLAGS, &share, f) < 0 || choice(rq, "by", READ_BYS, &q.by, f) < 0 ||
	    choice(rq, "date", DATES, &date, f) < 0 ||
	    articles(rq, "article", true, &q.articles, f) < 0 || part(rq, &q.parts, f) < 0 ||
	    range(rq, &q.from, &q.to, f) < 0)
		return -1;
	if (date && strcmp(date, "decided") != 0)
		return fail(f, 400, "date", "the readings of act texts count by the day decided");
	if (what && strcmp(what, "counts") == 0)
		what = NULL;
	if (awol_outcome_stats_check(what, unit, group, share && strcmp(share, "1") == 0, &param,
	                             &e) < 0)
		return fail(f, 400, param, "%s", e.msg);
	rc = awol_outcome_stats_listing(st, &q, what, unit, group, share && strcmp(share, "1") == 0,
	                                &l, &e);
	if (rc < 0)
		rc = e.code == AWOL_EINVAL ? fail(f, 400, "", "%s", e.msg) : fail_err(f, &e);
	else if (!(*out = awol_table_doc(&l)))
		rc = fail(f, 500, "", "out of memory");
	awol_table_dispose(&l);
	return rc;
}

static int api_meta(awol_store *st, const awol_web_req *rq, json_t **out, awol_web_fail *f)
{
	awol_error e = {0};

	(void)rq;
	return awol_collection_json(st, out, &e) < 0 ? fail_err(f, &e) : 0;
}

typedef struct route {
	const char *path;
	int (*fn)(awol_store *, const awol_web_req *, json_t **, awol_web_fail *);
	/* the answer written as text without a tree (NULL: fn's tree dumped) */
	int (*text)(awol_store *, const awol_web_req *, char **, size_t *, awol_web_fail *);
	const char *params[14];
	size_t dump_flags; /* as the CLI command prints its JSON */
} route;

/* awol stats prints reals with 12 digits (21.4, not 21.399999999999999), the listings and
 * awol check with jansson's default (cli_json_print) */
#define STATS_DUMP (JSON_INDENT(2) | JSON_REAL_PRECISION(12))
#define CLI_DUMP (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

static const route ROUTES[] = {
    {"/api/stats",
     api_stats,
     api_stats_text,
     {"unit", "by", "group", "article", "part", "court", "from", "to", "date", "share", "sort",
      "limit", "compare"},
     STATS_DUMP},
    {"/api/coverage", api_coverage, NULL, {0}, CLI_DUMP},
    {"/api/courts", api_courts, NULL, {"level"}, CLI_DUMP},
    {"/api/cases",
     api_cases,
     NULL,
     {"article", "court", "region", "from", "to", "date", "outcome", "limit", "offset"},
     CLI_DUMP},
    {"/api/figures", api_figures, NULL, {"article"}, CLI_DUMP},
    {"/api/compare", api_compare, NULL, {"article", "from", "to"}, STATS_DUMP},
    {"/api/check", api_check, NULL, {0}, CLI_DUMP},
    {"/api/outcomes",
     api_outcomes,
     NULL,
     {"what", "unit", "group", "share", "by", "article", "part", "from", "to", "date", "court",
      "region"},
     AWOL_OUTCOMES_JSON_FLAGS},
    {"/api/meta", api_meta, NULL, {0}, CLI_DUMP},
};

static const route *find(const char *path)
{
	size_t i;

	for (i = 0; path && i < AWOL_ARRAY_SIZE(ROUTES); i++)
		if (strcmp(ROUTES[i].path, path) == 0)
			return &ROUTES[i];
	return NULL;
}

bool awol_web_route_known(const char *path)
{
	return find(path) != NULL;
}

size_t awol_web_dump_flags(const char *path)
{
	const route *r = find(path);

	return r ? r->dump_flags : CLI_DUMP;
}

bool awol_web_param_known(const char *path, const char *key)
{
	const route *r = find(path);
	size_t i;

	for (i = 0; r && key && i < AWOL_ARRAY_SIZE(r->params) && r->params[i]; i++)
		if (strcmp(r->params[i], key) == 0)
			return true;
	return false;
}

int awol_web_api(awol_store *st, const char *path, const awol_web_req *rq, json_t **out,
                 awol_web_fail *f)
{
	const route *r = find(path);

	*out = NULL;
	memset(f, 0, sizeof(*f));
	if (!r)
		return fail(f, 404, "", "no such API route");
	return r->fn(st, rq, out, f);
}

int awol_web_api_text(awol_store *st, const char *path, const awol_web_req *rq, char **out,
                      size_t *n, json_t **tree, awol_web_fail *f)
{
	const route *r = find(path);
	json_t *o = NULL;
	char *s, *t;

	*out = NULL;
	*n = 0;
	if (tree)
		*tree = NULL;
	memset(f, 0, sizeof(*f));
	if (!r)
		return fail(f, 404, "", "no such API route");
	if (r->text)
		return r->text(st, rq, out, n, f);
	if (r->fn(st, rq, &o, f) < 0)
		return -1;
	/* as the CLI prints it: a newline at the end */
	s = json_dumps(o, r->dump_flags);
	if (s && (t = realloc(s, strlen(s) + 2)) != NULL) {
		*n = strlen(t);
		memcpy(t + *n, "\n", 2);
		++*n;
		*out = t;
	} else
		free(s);
	if (!*out) {
		json_decref(o);
		return fail(f, 500, "", "out of memory");
	}
	if (tree)
		*tree = o;
	else
		json_decref(o);
	return 0;
}
