/*
 * What counts rest on (docs/counting.md, "Coverage"): the crawl's coverage rows (court x
 * article x receipt-date window, with a status), read for the articles asked.  A day is
 * collected for an article when a complete or partial window of that article holds it;
 * an article no crawl searched is found only as a co-charge of the articles searched.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "stats_priv.h"
#include "store/store_stats.h"

static int add_article(awol_stats_result *r, const char *a, size_t len, bool searched)
{
	awol_stats_article *n = realloc(r->articles, (r->narticles + 1) * sizeof(*n));

	if (!n)
		return -AWOL_ENOMEM;
	r->articles = n;
	n[r->narticles].article = strndup(a, len);
	n[r->narticles].searched = searched;
	if (!n[r->narticles].article)
		return -AWOL_ENOMEM;
	r->narticles++;
	return 0;
}

/* The articles asked, each searched or not; with no --article, those searched. */
static int articles(awol_store *st, const awol_stats_query *q, awol_stats_result *r,
                    awol_error *err)
{
	const char *a = q->articles;
	int rc = 0;

	if (!a) {
		awol_store_rows *rows = NULL;
		rc = awol_store_coverage_articles(st, &rows, err);
		while (rc == 0 && (rc = awol_store_rows_next(rows, err)) > 0) {
			const char *t = awol_store_rows_text(rows, 0);
			rc = t ? add_article(r, t, strlen(t), true) : 0;
		}
		awol_store_rows_close(rows);
		return rc;
	}
	while (rc == 0 && *a) {
		size_t l = strcspn(a, ",");
		char one[32];
		bool searched = false;
		snprintf(one, sizeof(one), "%.*s", (int)(l < 31 ? l : 31), a);
		if (l && r->coverage_known == 1)
			rc = awol_store_coverage_searched(st, one, &searched, err);
		if (l && rc == 0)
			rc = add_article(r, a, l, searched);
		a += l;
		if (*a == ',')
			a++;
	}
	return rc;
}

/* The group field holding an article (article, or part: "337 ч.5"); -1 when none. */
static int article_field(const awol_stats_result *r)
{
	size_t i;

	for (i = 0; i < r->ngroups; i++)
		if (strcmp(r->group_fields[i], "article") == 0 ||
		    strcmp(r->group_fields[i], "part") == 0)
			return (int)i;
	return -1;
}

/* The article of a group value ("337 ч.5" -> 337), its length; 0 when none. */
static size_t article_len(const char *v)
{
	return v ? strcspn(v, " ") : 0;
}

static int find_article(const awol_stats_result *r, const char *a, size_t len)
{
	size_t i;

	for (i = 0; i < r->narticles; i++)
		if (strlen(r->articles[i].article) == len &&
		    strncmp(r->articles[i].article, a, len) == 0)
			return (int)i;
	return -1;
}

/*
 * Grouped by article or part with no --article: the articles of the rows that no crawl
 * searched (co-charges) join the list as not searched, so that the coverage line and the
 * rows name them.
 */
static int unsearched_groups(awol_stats_result *r)
{
	int f = article_field(r);
	size_t i, l;
	int rc = 0;

	for (i = 0; f >= 0 && rc == 0 && i < r->nrows; i++) {
		const char *v = r->rows[i].groups ? r->rows[i].groups[f] : NULL;
		if ((l = article_len(v)) > 0 && find_article(r, v, l) < 0)
			rc = add_article(r, v, l, false);
	}
	return rc;
}

void awol_stats_mark_searched(awol_stats_result *r)
{
	int f = article_field(r), k;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const char *v = r->rows[i].groups && f >= 0 ? r->rows[i].groups[f] : NULL;
		r->rows[i].searched = -1;
		if (r->coverage_known == 1 && article_len(v) &&
		    (k = find_article(r, v, article_len(v))) >= 0)
			r->rows[i].searched = r->articles[k].searched;
	}
}

/* The sentence every output carries. */
static char *sentence(const awol_stats_query *q, const awol_stats_result *r, const char *searched)
{
	awol_buf b = AWOL_BUF_INIT;
	size_t i, nnot = 0;

	if (r->coverage_known != 1) {
		awol_buf_puts(&b,
		              "coverage unknown: no crawl recorded (pages imported from files); a "
		              "period with no cases shows 0 but may not have been collected",
		              NULL);
		return awol_buf_detach(&b);
	}
	awol_buf_printf(&b, NULL, "coverage of %s%s",
	                q->articles ? "art. " : "all articles searched (",
	                q->articles ? q->articles : searched);
	if (!q->articles)
		awol_buf_puts(&b, ")", NULL);
	if (q->courts)
		awol_buf_printf(&b, NULL, " at court%s %s", strchr(q->courts, ',') ? "s" : "",
		                q->courts);
	if (q->from || q->to)
		awol_buf_printf(&b, NULL, " from %s to %s", q->from ? q->from : "the start",
		                q->to ? q->to : "the end");
	if (r->windows[5] == 0)
		awol_buf_puts(&b, ": no crawl searched these days (not collected)", NULL);
	else
		awol_buf_printf(
		    &b, NULL,
		    ": %ld of %ld court-article windows complete across %ld courts; %ld "
		    "partial, %ld pending, %ld waiting for a captcha, %ld dead (court or server "
		    "down)",
		    r->windows[0], r->windows[5], r->courts, r->windows[1], r->windows[2],
		    r->windows[3], r->windows[4]);
	if (r->windows[6])
		awol_buf_printf(&b, NULL,
		                ", %ld walked without cards (listings only: no cases stored)",
		                r->windows[6]);
	if (r->coverage_first[0])
		awol_buf_printf(&b, NULL, "; days collected %s..%s", r->coverage_first,
		                r->coverage_last);
	for (i = 0; i < r->narticles; i++)
		if (!r->articles[i].searched)
			awol_buf_printf(&b, NULL, "%s%s", nnot++ ? ", " : "; art. ",
			                r->articles[i].article);
	if (nnot)
		awol_buf_printf(&b, NULL,
		                " never searched by a crawl: %s only as co-charges of cases found "
		                "under other articles",
		                nnot > 1 ? "they are counted" : "it is counted");
	/* articles not searched said so above; here, windows not (all) complete */
	if (r->windows[5] > 0 && r->windows[0] < r->windows[5])
		awol_buf_puts(&b, " — counts are lower bounds", NULL);
	return awol_buf_detach(&b);
}

int awol_stats_coverage_read(awol_store *st, const awol_stats_query *q, awol_stats_result *r,
                             stats_spans *sp, awol_error *err)
{
	awol_buf searched = AWOL_BUF_INIT;
	awol_store_rows *rows = NULL;
	size_t i, cap = 0;
	bool all_searched = true, any = false;
	int rc;

	memset(sp, 0, sizeof(*sp));
	rc = awol_store_coverage_searched(st, NULL, &any, err);
	if (rc < 0)
		goto done;
	r->coverage_known = any;
	rc = articles(st, q, r, err);
	if (rc == 0 && r->coverage_known == 1 && !q->articles)
		rc = unsearched_groups(r);
	if (rc == -AWOL_ENOMEM)
		goto oom;
	if (rc < 0)
		goto done;
	for (i = 0; i < r->narticles; i++) {
		if (r->articles[i].searched)
			awol_buf_printf(&searched, NULL, "%s%s", searched.len ? "," : "",
			                r->articles[i].article);
		else
			all_searched = false;
	}
	if (r->coverage_known != 1)
		goto sentence;
	/*
	 * Days and windows of the articles searched among those asked; when none of them
	 * was, of every article (their co-charges can only come from there).
	 */
	rc = awol_store_coverage_windows(st, searched.len ? awol_buf_cstr(&searched) : NULL,
	                                 q->courts, q->from, q->to, r->windows, &r->courts, err);
	if (rc == 0)
		rc = awol_store_coverage_spans(st, searched.len ? awol_buf_cstr(&searched) : NULL,
		                               q->courts, &rows, err);
	while (rc == 0 && (rc = awol_store_rows_next(rows, err)) > 0) {
		awol_date a, b;
		long da, db_;
		const char *x = awol_store_rows_text(rows, 0);
		const char *y = awol_store_rows_text(rows, 1);
		rc = 0;
		if (!x || !y || !awol_date_parse_iso(x, &a) || !awol_date_parse_iso(y, &b))
			continue;
		da = awol_date_to_days(a), db_ = awol_date_to_days(b);
		if (sp->n && da <= sp->d[sp->n - 1][1] + 1) {
			if (db_ > sp->d[sp->n - 1][1])
				sp->d[sp->n - 1][1] = db_;
			continue;
		}
		if (sp->n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			long(*n)[2] = realloc(sp->d, nc * sizeof(*n));
			if (!n)
				goto oom;
			sp->d = n, cap = nc;
		}
		sp->d[sp->n][0] = da, sp->d[sp->n][1] = db_;
		sp->n++;
	}
	if (rc < 0)
		goto done;
	if (sp->n) {
		awol_date_iso(awol_date_from_days(sp->d[0][0]), r->coverage_first);
		awol_date_iso(awol_date_from_days(sp->d[sp->n - 1][1]), r->coverage_last);
	}
	r->coverage_complete = all_searched && r->windows[5] > 0 && r->windows[0] == r->windows[5];
	r->lower_bound = !r->coverage_complete;
sentence:
	r->coverage = sentence(q, r, awol_buf_cstr(&searched));
	if (!r->coverage)
		goto oom;
	goto done;
oom:
	rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
done:
	awol_store_rows_close(rows);
	awol_buf_dispose(&searched);
	return rc;
}

const char *const awol_stats_articles_of_interest[] = {"337", "338", "332", "334", "339", NULL};

int awol_stats_searched_articles(awol_store *st, char ***out, size_t *n, awol_error *err)
{
	awol_store_rows *r = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	rc = awol_store_coverage_articles(st, &r, err);
	while (rc == 0 && (rc = awol_store_rows_next(r, err)) > 0) {
		const char *a = awol_store_rows_text(r, 0);
		rc = 0;
		char **nl = realloc(*out, (*n + 1) * sizeof(char *));
		if (!nl || !(nl[*n] = strdup(a ? a : ""))) {
			if (nl)
				*out = nl;
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			break;
		}
		*out = nl;
		(*n)++;
	}
	awol_store_rows_close(r);
	return rc;
}
