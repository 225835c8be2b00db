/* awol stats: counts by period and group, with changes and coverage. */
#include "util/common.h"
#include "util/date.h"
#include "awol/figures.h"
#include "awol/listings.h"
#include "awol/stats.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "listing.h"
#include "table.h"

#include <jansson.h>

static const char *const UNITS[] = {"cases", "defendants", "charges", NULL};
static const char *const BYS[] = {"week", "month", "quarter", "half", "year", NULL};
static const char *const GROUPS[] = {"article",  "part",  "court",   "region",
                                     "district", "level", "outcome", NULL};
static const char *const FORMATS[] = {"table", "csv", "json", NULL};
static const char *const DATES[] = {"received", "decided", NULL};

static void delta(char *abs, char *pct, size_t n, long now, long then)
{
	if (then < 0) {
		snprintf(abs, n, "%s", "");
		snprintf(pct, n, "%s", "");
		return;
	}
	snprintf(abs, n, "%+ld", now - then);
	if (then > 0)
		snprintf(pct, n, "%+.0f%%", 100.0 * (double)(now - then) / (double)then);
	else
		snprintf(pct, n, "%s", "");
}

static int compare(awol_store *st, const char *articles, const char *from, const char *to,
                   cli_format fmt, bool simulated)
{
	awol_figure_list l;
	awol_error err = {0};
	json_t *rows = NULL;

	if (awol_figures_from_db(st, &l, &err) < 0)
		return cli_report(&err);
	if (awol_compare_json(st, &l, articles, from, to, &rows, &err) < 0) {
		awol_figures_dispose(&l);
		return cli_report(&err);
	}
	printf("\nPublished figures for the same unit (cases received), articles and periods%s:\n",
	       simulated ? " — OUR SIDE IS SIMULATED DATA, the comparison only shows the mechanics"
	                 : "");
	if (json_array_size(rows) == 0)
		printf("(no published figure falls inside this period)\n");
	else
		cli_listing_print(stdout, rows, &awol_compare_cols, fmt);
	json_decref(rows);
	awol_figures_dispose(&l);
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

static int run(int argc, char **argv)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	const char *db = NULL, *format = "table";
	int npos = 0, rc, cmp = 0;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	cli_format fmt;
	size_t i;
	awol_date d;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE", "the database (required)", &db, 0},
	    {"unit", 0, CLI_OPT_STRING, "UNIT", "cases (default), defendants or charges", &q.unit,
	     0},
	    {"by", 0, CLI_OPT_STRING, "PERIOD", "week, month (default), quarter, half or year",
	     &q.by, 0},
	    {"group", 0, CLI_OPT_STRING, "G",
	     "article, part, court, region, district, level or outcome", &q.group, 0},
	    {"article", 0, CLI_OPT_STRING, "LIST", "only these articles, e.g. 337,338", &q.articles,
	     0},
	    {"part", 0, CLI_OPT_STRING, "N", "only this part of the article, e.g. 5", &q.part, 0},
	    {"from", 0, CLI_OPT_STRING, "DATE", "first day (YYYY-MM-DD)", &q.from, 0},
	    {"to", 0, CLI_OPT_STRING, "DATE", "last day (YYYY-MM-DD)", &q.to, 0},
	    {"date", 0, CLI_OPT_STRING, "AXIS", "received (default) or decided", &q.date, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    {"compare", 0, CLI_OPT_FLAG, NULL, "put published figures for the same periods beside",
	     &cmp, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_stats, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_stats, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_stats, "--db FILE is required");
	if ((q.unit && !cli_check_choice(&cli_cmd_stats, "unit", q.unit, UNITS)) ||
	    (q.by && !cli_check_choice(&cli_cmd_stats, "by", q.by, BYS)) ||
	    (q.group && !cli_check_choice(&cli_cmd_stats, "group", q.group, GROUPS)) ||
	    (q.date && !cli_check_choice(&cli_cmd_stats, "date", q.date, DATES)) ||
	    !cli_check_choice(&cli_cmd_stats, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	if ((q.from && !awol_date_parse_iso(q.from, &d)) ||
	    (q.to && !awol_date_parse_iso(q.to, &d)))
		return cli_usage_error(&cli_cmd_stats, "--from/--to must be dates YYYY-MM-DD");
	if (q.from && q.to && strcmp(q.from, q.to) > 0)
		return cli_usage_error(&cli_cmd_stats, "--from %s is after --to %s", q.from, q.to);
	cli_format_parse(format, &fmt);
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
	if (fmt == CLI_FMT_JSON) {
		json_t *o = awol_stats_to_json(&q, &r);
		char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
		if (s)
			printf("%s\n", s);
		free(s);
		json_decref(o);
	} else {
		static const char *const cols[] = {"period", "group",       "count", "vs previous",
		                                   "%",      "vs year ago", "%"};
		static const bool num[] = {false, false, true, true, true, true, true};
		cli_table t;
		if (r.simulated)
			printf(fmt == CLI_FMT_CSV
			           ? "# SIMULATED DATA (awol-sim), not court records\n"
			           : "*** SIMULATED DATA (awol-sim), not court records ***\n");
		if (fmt == CLI_FMT_CSV)
			printf("# %s\n", r.coverage);
		cli_table_init(&t, cols, 7, num);
		for (i = 0; i < r.nrows; i++) {
			const awol_stats_row *x = &r.rows[i];
			char c[32], a1[32], p1[32], a2[32], p2[32];
			const char *v[7];
			snprintf(c, sizeof(c), "%ld", x->count);
			delta(a1, p1, sizeof(a1), x->count, x->prev);
			delta(a2, p2, sizeof(a2), x->count, x->year_ago);
			v[0] = x->period, v[1] = x->group, v[2] = c, v[3] = a1, v[4] = p1;
			v[5] = a2, v[6] = p2;
			cli_table_add(&t, v);
		}
		cli_table_print(stdout, &t, fmt);
		cli_table_dispose(&t);
		if (fmt == CLI_FMT_TABLE) {
			printf("total: %ld %s%s\n%s\n", r.total, q.unit ? q.unit : "cases",
			       r.nrows == 0 ? " (no data for this period and filter)" : "",
			       r.coverage);
		}
		for (i = 0; i < r.nunrecognised; i++)
			fprintf(stderr, "awol stats: outcome not recognised: «%s»\n",
			        r.unrecognised[i]);
	}
	if (cmp)
		compare(st, q.articles, q.from, q.to, fmt == CLI_FMT_JSON ? CLI_FMT_TABLE : fmt,
		        r.simulated);
	awol_stats_dispose(&r);
	awol_store_close(st);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_stats = {
    "stats",
    run,
    "count cases, defendants or charges by period and group",
    "--db FILE [--unit cases|defendants|charges] [--by week|month|quarter|half|year]\n"
    "                  [--group article|part|court|region|district|level|outcome]\n"
    "                  [--article 337,338] [--part 5] [--from DATE] [--to DATE]\n"
    "                  [--date received|decided] [--format table|csv|json] [--compare]",
    "Counting rules (docs/counting.md):\n"
    "  - a case counts once per period and group, however many defendants and charges;\n"
    "  - a defendant counts once per case; a charge is one article of one defendant;\n"
    "  - with --group article, a case with defendants under 337 and 338 counts once\n"
    "    under each, so the groups may add up to more than the period's (total) row;\n"
    "  - --article filters on the defendants' charges; --date picks the date axis\n"
    "    (received = when the court got the case; decided = cases without a decision drop);\n"
    "  - weeks are ISO weeks, quarters and halves calendar ones; changes are against the\n"
    "    previous period and the same period a year earlier, for the same group;\n"
    "  - outcome: convicted, terminated:judicial-fine|reconciliation|amnesty|death|other,\n"
    "    returned-to-prosecutor, transferred, pending; texts not recognised are listed;\n"
    "  - region and district are the court's seat and okrug court from the registry.\n"
    "Coverage is printed with every count; simulated databases say so.",
};
