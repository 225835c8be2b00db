/* awol stats: counts by period and group, with changes and coverage. */
#include "util/common.h"
#include "util/date.h"
#include "awol/figures.h"
#include "awol/stats.h"
#include "awol/store.h"
#include "awol/export.h"
#include "cli.h"
#include "commands.h"
#include "outcome_tables.h"
#include "table.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>

static const char *const UNITS[] = {"cases", "defendants", "charges", NULL};
static const char *const BYS[] = {"week", "month", "quarter", "half", "year", NULL};
static const char *const GROUPS[] = {"article",  "part",  "court",   "region",
                                     "district", "level", "outcome", NULL};
static const char *const FORMATS[] = {"table", "csv", "json", NULL};
static const char *const DATES[] = {"received", "decided", NULL};
static const char *const SORTS[] = {"period", "count", "group", NULL};
static const char *const WHATS[] = {"counts", "terms", NULL};
/* groups read from the act texts (lib/store/outcomes.c), not from the cards */
static const char *const TEXT_GROUPS[] = {"sentence", "service", "regime", "ground", NULL};

static bool one_of(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (strcmp(v, *list) == 0)
			return true;
	return false;
}

/*
 * --what terms and --group sentence|service|regime|ground: what the act texts say of the
 * defendants (awol_outcome_stats_listing, the same listing /api/outcomes answers and the
 * same rows as `awol outcomes --terms/--shares`).  Periods and --from/--to are of the day
 * decided; options of case counts that do not apply (`ignored`) are a usage error.
 */
static int from_texts(const char *db, const awol_stats_query *q, const awol_outcome_query *oq,
                      const char *what, bool share, const char *format, const char *ignored)
{
	static const char *const READ_BYS[] = {"month", "quarter", "half", "year", NULL};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	awol_table l;
	const char *param;
	cli_format fmt;
	int rc;

	if (!cli_format_option(&cli_cmd_stats, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	if (ignored)
		return cli_usage_error(&cli_cmd_stats,
		                       "--%s does not apply to %s (read from the act texts, "
		                       "docs/verdicts.md)",
		                       ignored, what ? "--what terms" : "this --group");
	if (oq->by && !cli_check_choice(&cli_cmd_stats, "by", oq->by, READ_BYS))
		return CLI_EXIT_USAGE;
	if (q->date && strcmp(q->date, "decided") != 0)
		return cli_usage_error(&cli_cmd_stats,
		                       "--date %s: the readings of act texts count by the day "
		                       "decided (--date decided)",
		                       q->date);
	if (awol_outcome_stats_check(what, q->unit, q->group, share, &param, &err) < 0)
		return cli_usage_error(&cli_cmd_stats, "--%s: %s", param, err.msg);
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = awol_outcome_stats_listing(st, oq, what, q->unit, q->group, share, &l, &err);
	if (rc == 0)
		cli_outcome_print(&cli_cmd_stats, &l, fmt);
	awol_table_dispose(&l);
	awol_store_close(st);
	if (rc < 0)
		return err.code == AWOL_EINVAL ? cli_usage_error(&cli_cmd_stats, "%s", err.msg)
		                               : cli_report(&err);
	return CLI_EXIT_OK;
}

/* Published figures beside our counts, as a table or (alone) as CSV. */
static int compare_print(const awol_figure_comparison *c, cli_format fmt, bool simulated)
{
	static const char *const cols[] = {"figure",     "source",    "articles",    "period_start",
	                                   "period_end", "geography", "published",   "ours",
	                                   "difference", "collected", "lower_bound", "metric",
	                                   "note"};
	static const bool num[] = {false, false, false, false, false, false, true,
	                           true,  true,  false, false, false, false};
	cli_table t;
	size_t i;

	cli_table_init(&t, cols, 13, num);
	for (i = 0; i < c->n; i++) {
		const awol_figure *f = c->items[i].figure;
		const awol_stats_basis *b = &c->items[i].basis;
		char pub[32], ours[32] = "", diff[32] = "";
		long n = c->items[i].ours;
		snprintf(pub, sizeof(pub), "%.0f", f->value);
		if (n >= 0) {
			snprintf(ours, sizeof(ours), "%ld", n);
			/* a lower bound is not set against a figure: no difference */
			if (!c->items[i].lower_bound)
				snprintf(diff, sizeof(diff), "%.0f", (double)n - f->value);
		} else if (fmt == CLI_FMT_TABLE)
			snprintf(ours, sizeof(ours), "%s",
			         b->known == 1 ? "not collected" : "not known");
		{
			const char *v[13] = {f->id,
			                     f->source,
			                     f->articles,
			                     f->period_start,
			                     f->period_end,
			                     f->geography,
			                     pub,
			                     ours,
			                     diff,
			                     b->known != 1 ? ""
			                     : n >= 0      ? "true"
			                                   : "false",
			                     c->items[i].lower_bound ? "true" : "false",
			                     f->metric,
			                     c->items[i].note};
			cli_table_add(&t, v);
		}
	}
	if (fmt == CLI_FMT_TABLE)
		printf("\nPublished figures for the same unit (cases received), articles and "
		       "periods%s:\n",
		       simulated ? " — OUR SIDE IS SIMULATED DATA, the comparison only shows the "
		                   "mechanics"
		                 : "");
	if (t.nrows == 0 && fmt == CLI_FMT_TABLE)
		printf("(no published figure falls inside this period)\n");
	else
		cli_table_print(stdout, &t, fmt);
	if (fmt == CLI_FMT_TABLE && t.nrows)
		printf("lower_bound: our side misses days, articles no crawl searched or courts "
		       "of the figure's geography, or coverage is unknown: no difference given\n");
	cli_table_dispose(&t);
	return 0;
}

/*
 * The case-count summary answers most counts; when it is stale, update it first on a
 * second, writable handle.  A database we may not write to, or one a crawl is writing to
 * right now (its lock not free within a second), is counted without it: same answer,
 * slower, and the crawl is never held up.
 */
static void summary_up_to_date(awol_store *st, const char *db, const awol_stats_query *q)
{
	awol_store_opts so = {0};
	awol_store *rw = NULL;
	bool fresh = false;

	if (!awol_stats_summary_serves(q) || awol_store_counts_fresh(st, &fresh, NULL) < 0 || fresh)
		return;
	so.busy_timeout_ms = 1000;
	if (awol_store_open(&rw, db, &so, NULL) < 0)
		return;
	fprintf(stderr,
	        "awol stats: %s: the case-count summary is out of date; updating it "
	        "(one pass over the cases)\n",
	        db);
	cli_refresh_counts(rw, "stats");
	awol_store_close(rw);
}

static void fmt_num(char *out, size_t n, double v, int digits)
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, n, "%.*f", digits, v);
}

static void fmt_count(char *out, size_t n, long v, const char *none)
{
	if (v < 0)
		snprintf(out, n, "%s", none);
	else
		snprintf(out, n, "%ld", v);
}

/*
 * The rows as a table for people (partial periods starred, changes between unlike spans
 * "n/c", not collected said so) or as CSV for tools: one header row of snake_case names,
 * numbers only in numeric columns, no totals unless asked.
 */
static void print_rows(const awol_stats_query *q, const awol_stats_result *r, cli_format fmt,
                       bool totals)
{
	const char *cols[32];
	bool num[32];
	size_t nc = 0, i, j, npartial = 0;
	bool csv = fmt == CLI_FMT_CSV, year = q->by && strcmp(q->by, "year") == 0;
	bool by_article = false, unsearched = false;
	cli_table t;

#define COL(name, numeric) (cols[nc] = (name), num[nc++] = (numeric))
	COL("period", false);
	if (csv && totals && r->ngroups)
		COL("period_total", false);
	for (j = 0; j < r->ngroups; j++) {
		COL(r->group_fields[j], false);
		if (strcmp(r->group_fields[j], "article") == 0 ||
		    strcmp(r->group_fields[j], "part") == 0)
			by_article = true;
	}
	if (csv && by_article)
		COL("searched", false);
	if (csv) {
		COL("start", false), COL("end", false), COL("days", true);
		COL("partial", false), COL("collected", false), COL("count", true);
		if (q->share)
			COL("share", true);
		COL("rate_per_day", true);
		COL("previous", true), COL("previous_comparable", false);
		COL("previous_change_pct", true);
		if (!year) {
			COL("year_ago", true), COL("year_ago_comparable", false);
			COL("year_ago_change_pct", true);
		}
	} else {
		COL("days", true), COL("count", true);
		if (q->share)
			COL("share", true);
		COL("per day", true), COL("vs previous", true), COL("%", true);
		if (!year)
			COL("vs year ago", true), COL("% ", true);
	}
#undef COL
	cli_table_init(&t, cols, nc, num);
	for (i = 0; i < r->nrows; i++) {
		const awol_stats_row *x = &r->rows[i];
		char buf[24][48];
		const char *v[32];
		size_t k = 0, b = 0;
		const awol_stats_change *ch[2] = {&x->previous, &x->year_ago_change};
#define CELL(...) (snprintf(buf[b], sizeof(buf[b]), __VA_ARGS__), v[k++] = buf[b++])
		if (x->period_total && (csv ? !totals : false))
			continue;
		if (csv)
			v[k++] = x->period;
		else
			CELL("%s%s", x->period, x->partial ? "*" : "");
		npartial += x->partial;
		if (csv && totals && r->ngroups)
			v[k++] = x->period_total ? "true" : "false";
		for (j = 0; j < r->ngroups; j++) {
			if (!csv && x->searched == 0 && x->groups &&
			    (strcmp(r->group_fields[j], "article") == 0 ||
			     strcmp(r->group_fields[j], "part") == 0)) {
				CELL("%s (not searched)", x->groups[j]);
				unsearched = true;
			} else
				v[k++] = x->groups ? x->groups[j] : "(total)";
		}
		if (csv && by_article)
			v[k++] = x->searched < 0 ? "" : x->searched ? "true" : "false";
		if (csv) {
			v[k++] = x->start, v[k++] = x->end;
			CELL("%ld", x->days);
			v[k++] = x->partial ? "true" : "false";
			v[k++] = x->collected < 0 ? "" : x->collected ? "true" : "false";
			fmt_count(buf[b], sizeof(buf[b]), x->count, ""), v[k++] = buf[b++];
		} else {
			CELL("%ld", x->days);
			fmt_count(buf[b], sizeof(buf[b]), x->count, "not collected"),
			    v[k++] = buf[b++];
		}
		if (q->share)
			fmt_num(buf[b], sizeof(buf[b]), x->share * (csv ? 1 : 100), csv ? 4 : 1),
			    v[k++] = buf[b++];
		fmt_num(buf[b], sizeof(buf[b]), x->rate_per_day,
		        csv || x->rate_per_day < 1 ? 3
		        : x->rate_per_day < 10     ? 2
		                                   : 1),
		    v[k++] = buf[b++];
		for (j = 0; j < (year ? 1u : 2u); j++) {
			const awol_stats_change *c = ch[j];
			if (csv) {
				fmt_count(buf[b], sizeof(buf[b]), c->count, ""), v[k++] = buf[b++];
				v[k++] = c->comparable ? "true" : "false";
				fmt_num(buf[b], sizeof(buf[b]), c->change_pct, 1),
				    v[k++] = buf[b++];
			} else if (c->count < 0 || x->count < 0) {
				v[k++] = "", v[k++] = "";
			} else if (!c->comparable) {
				v[k++] = "n/c", v[k++] = "n/c";
			} else {
				CELL("%+ld", x->count - c->count);
				fmt_num(buf[b], sizeof(buf[b]), c->change_pct, 0),
				    v[k++] = buf[b++];
			}
		}
#undef CELL
		cli_table_add(&t, v);
	}
	cli_table_print(stdout, &t, fmt);
	cli_table_dispose(&t);
	if (csv)
		return;
	if (r->total < 0)
		printf("total: not collected (no crawl searched these days)\n");
	else
		printf("total: %ld %s%s\n", r->total, q->unit ? q->unit : "cases",
		       r->nrows == 0 ? " (no data for this period and filter)" : "");
	if (npartial) {
		const char *shown[6];
		size_t nshown = 0, m;
		printf("* partial period: only the days shown in `days` are counted:");
		for (i = 0; i < r->nrows; i++) {
			const awol_stats_row *x = &r->rows[i];
			bool seen = false;
			if (!x->partial)
				continue;
			for (m = 0; m < nshown && !seen; m++)
				seen = strcmp(shown[m], x->period) == 0;
			if (seen)
				continue;
			if (nshown == 6) {
				printf("; ...");
				break;
			}
			printf("%s %s %s..%s (%ld of %ld days)", nshown ? ";" : "", x->period,
			       x->start, x->end, x->days, x->period_days);
			shown[nshown++] = x->period;
		}
		printf("\n");
	}
	for (i = 0; i < r->nrows; i++)
		if ((r->rows[i].previous.count >= 0 && !r->rows[i].previous.comparable &&
		     r->rows[i].count >= 0) ||
		    (!year && r->rows[i].year_ago_change.count >= 0 &&
		     !r->rows[i].year_ago_change.comparable && r->rows[i].count >= 0)) {
			printf("n/c: not comparable, the periods counted different spans of days; "
			       "compare the rates per day\n");
			break;
		}
	if (unsearched)
		printf("(not searched): no crawl searched this article; its count is co-charges "
		       "only, a lower bound\n");
	if (q->share)
		printf("share: %% of the period's total%s\n",
		       r->ngroups ? " (groups may add up to more: docs/counting.md)"
		                  : " (of all periods)");
	printf("%s\n", r->coverage);
}

/* --group and --part take comma-separated lists; each item must be known. */
static bool check_list(const char *option, const char *list, const char *const *choices)
{
	const char *p = list;
	char one[64];

	while (*p) {
		size_t l = strcspn(p, ",");
		snprintf(one, sizeof(one), "%.*s", (int)(l < 63 ? l : 63), p);
		if (choices ? !cli_check_choice(&cli_cmd_stats, option, one, choices)
		            : (l == 0 || strspn(one, "0123456789.") != l || one[0] == '.')) {
			if (!choices)
				cli_usage_error(&cli_cmd_stats,
				                "--%s: '%s' is not a part number (e.g. 5 or 3.1)",
				                option, one);
			return false;
		}
		/* the same field twice would count every case twice in one row */
		for (const char *q = p + l; choices && l && *q;) {
			size_t m;
			q += *q == ',';
			m = strcspn(q, ",");
			if (m == l && strncmp(q, one, l) == 0) {
				cli_usage_error(&cli_cmd_stats, "--%s: '%s' given twice", option,
				                one);
				return false;
			}
			q += m;
		}
		p += l;
		if (*p == ',')
			p++;
	}
	return true;
}

static int run(int argc, char **argv)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	const char *db = NULL, *format = "table", *what = NULL, *court = NULL, *region = NULL;
	int npos = 0, rc, cmp = 0, share = 0, totals = 0;
	long limit = LONG_MIN; /* not given */
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	awol_figure_list figs = {0};
	awol_figure_comparison c = {0};
	cli_format fmt;
	size_t i, k;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"unit", 0, CLI_OPT_STRING, "UNIT", "cases (default), defendants or charges", &q.unit,
	     0},
	    {"what", 0, CLI_OPT_STRING, "WHAT",
	     "counts (default) or terms (the terms of sentences read from the act texts)", &what,
	     0},
	    {"by", 0, CLI_OPT_STRING, "PERIOD", "week, month (default), quarter, half or year",
	     &q.by, 0},
	    {"group", 0, CLI_OPT_STRING, "G[,G]",
	     "article, part, court, region, district, level or outcome; several: a cross-tab; "
	     "with --unit defendants also sentence, service, regime or ground (read from the act "
	     "texts)",
	     &q.group, 0},
	    {"article", 0, CLI_OPT_ARTICLES, "LIST", "only these articles, e.g. 337,338",
	     &q.articles, 0},
	    {"part", 0, CLI_OPT_PARTS, "LIST", "only these parts of the article, e.g. 5 or 3.1,5",
	     &q.part, 0},
	    {"from", 0, CLI_OPT_DATE, "DATE", "first day (YYYY-MM-DD)", &q.from, 0},
	    {"to", 0, CLI_OPT_DATE, "DATE", "last day (YYYY-MM-DD)", &q.to, 0},
	    {"date", 0, CLI_OPT_STRING, "AXIS", "received (default) or decided", &q.date, 0},
	    {"court", 0, CLI_OPT_COURTS, "CODE[,CODE]",
	     "only these courts' cases; the coverage is then of their windows alone", &court, 0},
	    {"region", 0, CLI_OPT_STRING, "NAME",
	     "readings of act texts only: the courts of this region, as `awol courts` prints it",
	     &region, 0},
	    {"share", 0, CLI_OPT_FLAG, NULL, "add each row's share of its period's total", &share,
	     1},
	    {"sort", 0, CLI_OPT_STRING, "KEY", "period (default), count (largest first) or group",
	     &q.sort, 0},
	    {"limit", 0, CLI_OPT_INT, "N", "only the first N rows (after --sort)", &limit, 0},
	    {"totals", 0, CLI_OPT_FLAG, NULL, "CSV: include the period total rows", &totals, 1},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    {"compare", 0, CLI_OPT_FLAG, NULL,
	     "put published figures for the same periods beside (CSV: the comparison alone)", &cmp,
	     1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_stats, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_stats, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_stats, "--db DB is required");
	if (what && !cli_check_choice(&cli_cmd_stats, "what", what, WHATS))
		return CLI_EXIT_USAGE;
	if ((what && strcmp(what, "terms") == 0) || one_of(q.group, TEXT_GROUPS)) {
		awol_outcome_query oq = {0};
		const char *ignored = q.sort              ? "sort"
		                      : limit != LONG_MIN ? "limit"
		                      : totals            ? "totals"
		                      : cmp               ? "compare"
		                                          : NULL;
		if (q.unit && !cli_check_choice(&cli_cmd_stats, "unit", q.unit, UNITS))
			return CLI_EXIT_USAGE;
		if (!cli_check_period(&cli_cmd_stats, q.from, q.to))
			return CLI_EXIT_USAGE;
		oq.courts = court;
		oq.region = region;
		oq.articles = q.articles;
		oq.parts = q.part;
		oq.from = q.from;
		oq.to = q.to;
		oq.by = q.by;
		return from_texts(db, &q, &oq, what && strcmp(what, "terms") == 0 ? what : NULL,
		                  share, format, ignored);
	}
	if (region)
		return cli_usage_error(
		    &cli_cmd_stats, "--region applies to the readings of act texts (--group "
		                    "sentence..., --what terms); counts by region: --group region");
	/* the words --courts of crawl takes name no court here */
	if (court && (strcmp(court, "garrison") == 0 || strcmp(court, "all") == 0))
		return cli_usage_error(&cli_cmd_stats, "--court %s: not a court code", court);
	q.courts = court;
	if ((q.unit && !cli_check_choice(&cli_cmd_stats, "unit", q.unit, UNITS)) ||
	    (q.by && !cli_check_choice(&cli_cmd_stats, "by", q.by, BYS)) ||
	    (q.group && !check_list("group", q.group, GROUPS)) ||
	    (q.part && !check_list("part", q.part, NULL)) ||
	    (q.sort && !cli_check_choice(&cli_cmd_stats, "sort", q.sort, SORTS)) ||
	    (q.date && !cli_check_choice(&cli_cmd_stats, "date", q.date, DATES)) ||
	    !cli_check_choice(&cli_cmd_stats, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	if (limit != LONG_MIN && limit < 1)
		return cli_usage_error(&cli_cmd_stats, "--limit %ld: must be 1 or more", limit);
	q.limit = limit > 0 ? limit : 0;
	if (!cli_check_period(&cli_cmd_stats, q.from, q.to))
		return CLI_EXIT_USAGE;
	cli_format_parse(format, &fmt);
	q.share = share;
	/* hidden: AWOL_STATS_NO_FAST=1 counts without the summary (tests compare the two) */
	q.general = getenv("AWOL_STATS_NO_FAST") && strcmp(getenv("AWOL_STATS_NO_FAST"), "0");
	so.read_only = !cmp;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	summary_up_to_date(st, db, &q);
	if (awol_stats_run(st, &q, &r, &err) < 0) {
		awol_store_close(st);
		return cli_report(&err);
	}
	if (cmp && (awol_figures_from_db(st, &figs, &err) < 0 ||
	            awol_figures_compare(st, &figs, q.articles, q.from, q.to, &c, &err) < 0)) {
		rc = cli_report(&err);
		goto done;
	}
	if (fmt == CLI_FMT_JSON) {
		char *s;
		size_t n;
		if (awol_stats_json_text(&q, &r, cmp ? &c : NULL, &s, &n, &err) < 0) {
			rc = cli_report(&err);
			goto done;
		}
		fwrite(s, 1, n, stdout);
		free(s);
	} else if (fmt == CLI_FMT_CSV && cmp) {
		compare_print(&c, fmt, r.simulated);
	} else {
		if (r.simulated && fmt == CLI_FMT_TABLE)
			printf("*** SIMULATED DATA (awol-sim), not court records ***\n");
		for (i = 0, k = 0; fmt == CLI_FMT_TABLE && i < r.narticles; i++)
			if (r.coverage_known == 1 && !r.articles[i].searched)
				printf("%s%s", k++ ? ", " : "*** never searched by a crawl: art. ",
				       r.articles[i].article);
		if (k)
			printf(
			    ": counted only as co-charges of cases found under other articles, a "
			    "LOWER BOUND ***\n");
		print_rows(&q, &r, fmt, totals);
		if (cmp)
			compare_print(&c, fmt, r.simulated);
	}
	if (fmt != CLI_FMT_TABLE && r.simulated)
		fprintf(stderr,
		        "awol stats: %s holds SIMULATED DATA (awol-sim), not court records\n",
		        awol_store_path(st));
	for (i = 0; i < r.nunrecognised; i++)
		fprintf(stderr, "awol stats: outcome not recognised: «%s»\n", r.unrecognised[i]);
	rc = CLI_EXIT_OK;
done:
	awol_figures_comparison_dispose(&c);
	awol_figures_dispose(&figs);
	awol_stats_dispose(&r);
	awol_store_close(st);
	return rc;
}

const cli_command cli_cmd_stats = {
    "stats",
    run,
    "count cases, defendants or charges by period and group",
    "--db DB [--unit cases|defendants|charges] [--by week|month|quarter|half|year]\n"
    "                  [--what counts|terms]\n"
    "                  [--group G[,G...]] [--article 337,338] [--part 5|3.1,5]\n"
    "                  [--from DATE] [--to DATE] [--date received|decided] [--share]\n"
    "                  [--sort period|count|group] [--limit N] [--totals]\n"
    "                  [--format table|csv|json] [--compare]\n"
    "                  [--court CODE[,CODE]] [--region NAME (readings of act texts only)]",
    "Counting rules (docs/counting.md):\n"
    "  - a case counts once per period and group, however many defendants and charges;\n"
    "  - a defendant counts once per case; a charge is one article of one defendant;\n"
    "  - with --group article, a case with defendants under 337 and 338 counts once\n"
    "    under each, so the groups may add up to more than the period's (total) row;\n"
    "  - --article filters on the defendants' charges; --date picks the date axis\n"
    "    (received = when the court got the case; decided = cases without a decision drop);\n"
    "  - weeks are ISO weeks, quarters and halves calendar ones;\n"
    "  - outcome: convicted, terminated:judicial-fine|reconciliation|amnesty|death|other,\n"
    "    returned-to-prosecutor, transferred, pending; texts not recognised are listed;\n"
    "  - region and district are the court's seat and okrug court from the registry;\n"
    "  - --court CODE[,CODE] counts those courts' cases only (the same numbers as their\n"
    "    rows of --group court); the coverage is then of their windows alone, and a\n"
    "    court no crawl searched is \"not collected\".\n"
    "Periods (docs/counting.md, \"Periods\"):\n"
    "  - every row says the days it counts (days; JSON/CSV start, end); a period cut by\n"
    "    --from/--to or by what was collected is partial, marked 2023* in tables;\n"
    "  - a period no crawl collected is \"not collected\" (JSON count null), never 0;\n"
    "    one inside the coverage with no case is 0;\n"
    "  - changes against the previous period and a year earlier are percentages only\n"
    "    between whole periods or equal numbers of days; otherwise n/c: compare per day;\n"
    "    --by year has no separate year-ago column;\n"
    "  - an article no crawl searched is counted only as a co-charge: a lower bound.\n"
    "Output: table for people; csv for tools (one header row, numbers only, no totals\n"
    "unless --totals, metadata in JSON only); json one document (--compare inside it).\n"
    "Coverage is printed with every count; simulated databases say so.\n"
    "Read from the act texts (docs/verdicts.md), the same tables as awol outcomes:\n"
    "  - --unit defendants --group sentence|service|regime|ground [--share]: the defendants\n"
    "    of the current readings by sentence (real or suspended imprisonment, fine, ...),\n"
    "    service status, regime of real terms or ground of termination, each row with its\n"
    "    base (\"of\": convicted with a punishment read, ...), never a share of all cases;\n"
    "  - --what terms [--group sentence|article|year]: the terms in months of convicted\n"
    "    defendants (count, quartiles, median, and how many have no term read);\n"
    "  - each share row also gives the bases below its own: decided (cases decided) and\n"
    "    texts_read (of those, with a published act text read): \"of N published verdicts\";\n"
    "  - --by month|quarter|half|year and --from/--to count by the DAY DECIDED (--date\n"
    "    decided; received is refused): every period from --from (else the first decision)\n"
    "    to --to (else the last), rows with period, start, end, days, partial; a case\n"
    "    with no decision day is in no period; --article/--part: the card's charges;\n"
    "    --court CODE and --region NAME (--region only here);\n"
    "  - --sort, --limit, --totals and --compare do not apply (refused).",
};
