/*
 * awol outcomes: what the stored act texts say of each defendant, one row per
 * defendant with its outcome, punishment and the words they were read from,
 * for review (docs/verdicts.md).
 */
#include "util/common.h"
#include "awol/export.h"
#include "awol/outcomes.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "outcome_tables.h"
#include "table.h"

#include <jansson.h>

static const char *const BYS[] = {"sentence", "article", "year", NULL};
/* the table (a terminal) shows these; CSV and JSON every column */
static const char *const SHORT[] = {
    "court_code",         "case_number", "act_seq", "defendant", "outcome", "ground",
    "convicted_of",       "punishment",  "months",  "suspended", "regime",  "service",
    "evidence_punishment"};

typedef struct out_run {
	cli_table t;
	bool short_cols;
	size_t idx[AWOL_ARRAY_SIZE(SHORT)];
} out_run;

static int add(void *ctx, const char *const *values)
{
	out_run *r = ctx;
	const char *v[AWOL_ARRAY_SIZE(SHORT)];
	char ev[200];
	size_t i;

	if (!r->short_cols)
		return cli_table_add(&r->t, values) < 0 ? -AWOL_ENOMEM : 0;
	for (i = 0; i < AWOL_ARRAY_SIZE(SHORT); i++)
		v[i] = values[r->idx[i]];
	/* the evidence cut to a screen's width, at a character */
	if (v[AWOL_ARRAY_SIZE(SHORT) - 1]) {
		size_t l;
		snprintf(ev, sizeof(ev), "%s", v[AWOL_ARRAY_SIZE(SHORT) - 1]);
		l = strlen(ev);
		if (l > 120) {
			l = 120;
			while (l > 0 && ((unsigned char)ev[l] & 0xC0) == 0x80)
				l--;
			snprintf(ev + l, sizeof(ev) - l, "…");
		}
		v[AWOL_ARRAY_SIZE(SHORT) - 1] = ev;
	}
	return cli_table_add(&r->t, v) < 0 ? -AWOL_ENOMEM : 0;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *court = NULL, *format = "table";
	int npos = 0, rc, all = 0, read = 0, share = 0, term = 0;
	const char *by = NULL;
	cli_format fmt;
	out_run r;
	bool numeric[AWOL_ARRAY_SIZE(SHORT)];
	awol_error err = {0};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_export_filter f = {0};
	json_t *meta = NULL;
	size_t i, j, nread = 0;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"court", 0, CLI_OPT_COURT, "CODE", "only this court's cases (e.g. 50GV0001)", &court,
	     0},
	    {"format", 0, CLI_OPT_STRING, "FMT",
	     "table (default; fewer columns), csv or json (every column)", &format, 0},
	    {"all", 0, CLI_OPT_FLAG, NULL,
	     "also the readings an act of the same case superseded (column current = 0)", &all, 1},
	    {"shares", 0, CLI_OPT_FLAG, NULL,
	     "print the shares of outcomes, sentences, regimes, service and grounds, each with its "
	     "base, instead of the rows",
	     &share, 1},
	    {"terms", 0, CLI_OPT_FLAG, NULL,
	     "print the distribution of terms in months (count, quartiles) instead of the rows",
	     &term, 1},
	    {"by", 0, CLI_OPT_STRING, "GROUP", "with --terms: sentence, article or year", &by, 0},
	    {"read", 0, CLI_OPT_FLAG, NULL,
	     "first read the stored act texts that have no outcomes yet (a database filled "
	     "before this reader)",
	     &read, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_outcomes, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_outcomes, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_outcomes, "--db DB is required");
	if (!cli_format_option(&cli_cmd_outcomes, format, CLI_FMTS_LISTING, &fmt) ||
	    (by && !cli_check_choice(&cli_cmd_outcomes, "by", by, BYS)))
		return CLI_EXIT_USAGE;
	if (by && !term)
		return cli_usage_error(&cli_cmd_outcomes, "--by needs --terms");
	if (share && term)
		return cli_usage_error(&cli_cmd_outcomes, "--shares and --terms: one at a time");
	so.read_only = !read;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	if (read && awol_store_outcomes_read_acts(st, false, &nread, &err) < 0) {
		awol_store_close(st);
		return cli_report(&err);
	}
	if (read)
		fprintf(stderr, "awol outcomes: %zu act text(s) read\n", nread);
	/* what the rows rest on: the database, simulated, the query, the coverage */
	f.courts = court;
	meta = awol_export_meta(st, "outcomes", &f);
	if (!meta) {
		awol_store_close(st);
		awol_error_set(&err, AWOL_ENOMEM, "out of memory");
		return cli_report(&err);
	}
	json_object_set_new(meta, "view",
	                    json_string(term    ? "terms"
	                                : share ? "shares"
	                                        : "defendants"));
	json_object_set_new(meta, "all", json_boolean(all));
	json_object_set_new(meta, "by", by ? json_string(by) : json_null());
	if (term || share) {
		awol_outcome_query q = {0};
		awol_table l;
		q.courts = court;
		rc = term ? awol_outcome_terms_listing(st, &q, by, &l, &err)
		          : awol_outcome_shares_listing(st, &q, NULL, true, &l, &err);
		if (rc == 0) {
			/* this command's own words for its view beside the listing's */
			json_object_update(l.meta, meta);
			cli_outcome_print(&cli_cmd_outcomes, &l, fmt);
		}
		awol_table_dispose(&l);
		json_decref(meta);
		awol_store_close(st);
		return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
	}
	memset(&r, 0, sizeof(r));
	r.short_cols = fmt == CLI_FMT_TABLE;
	for (i = 0; i < AWOL_ARRAY_SIZE(SHORT); i++)
		for (j = 0; j < awol_outcome_ncolumns; j++)
			if (strcmp(SHORT[i], awol_outcome_columns[j]) == 0) {
				r.idx[i] = j;
				numeric[i] = awol_outcome_numeric[j];
			}
	if (r.short_cols)
		cli_table_init(&r.t, SHORT, AWOL_ARRAY_SIZE(SHORT), numeric);
	else
		cli_table_init(&r.t, awol_outcome_columns, awol_outcome_ncolumns,
		               awol_outcome_numeric);
	rc = awol_store_outcomes_list(st, court, all != 0, add, &r, &err);
	awol_store_close(st);
	if (rc < 0) {
		json_decref(meta);
		cli_table_dispose(&r.t);
		return cli_report(&err);
	}
	cli_table_print_doc(stdout, &r.t, fmt, &cli_cmd_outcomes, meta);
	if (fmt == CLI_FMT_TABLE)
		printf("(%zu defendant%s)\n", r.t.nrows, r.t.nrows == 1 ? "" : "s");
	cli_table_dispose(&r.t);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_outcomes = {
    "outcomes",
    run,
    "list what the stored act texts say of each defendant, with the words read",
    "--db DB [--court CODE] [--format table|csv|json] [--all] [--shares] [--terms [--by "
    "sentence|article|year]] [--read]",
    "One row per defendant of every stored act text read (crawl --acts, reparse --acts and\n"
    "parse --db read them as they are stored): the outcome (convicted, acquitted,\n"
    "terminated, paused, returned, medical or unknown, with the reason), the ground, the\n"
    "articles convicted of, the final punishment (type, months, suspended, regime,\n"
    "probation, fine, below the minimum, redacted, additional), service status, the\n"
    "absence, and the evidence: the words each value was read from.  A case's newest act\n"
    "that states an outcome is its current reading; --all lists the older ones too.\n"
    "Defendants named in the text are listed by pseudonym unless the database was filled\n"
    "with --keep-names.  --shares prints, instead, the shares of outcomes, sentences (real or\n"
    "suspended imprisonment, ...), regimes, service status and grounds, each with its base:\n"
    "decided cases, of those with a published text read, of the defendants read to a clear\n"
    "outcome, of those whose text states the value.  --terms prints the distribution of the\n"
    "terms in months (count, minimum, quartiles, median, maximum, and how many convictions\n"
    "have no term read), by sentence type, article or year with --by.  The classes, the rules\n"
    "and the bases are in docs/verdicts.md.",
};
