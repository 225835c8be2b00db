/* awol check: verdicts on the claims of a claims file. */
#include "util/common.h"
#include "awol/claims.h"
#include "awol/figures.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>
#include <math.h>

static const char *const FORMATS[] = {"table", "csv", "json", NULL};

/* The verdict as read: a lower bound and simulated data are part of it. */
static void verdict_text(const awol_claim *c, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s", c->verdict, c->lower_bound ? ", our count a lower bound" : "",
	         c->simulated ? ", SIMULATED DATA" : "");
}

static void print_text(const awol_claims *cs)
{
	size_t i;
	bool sim = false;

	for (i = 0; i < cs->n; i++)
		sim = sim || cs->items[i].simulated;
	if (sim)
		printf("*** SIMULATED DATA (awol-sim): verdicts from our database test the "
		       "mechanics, not the claims ***\n\n");
	if (cs->title)
		printf("%s\n\n", cs->title);
	for (i = 0; i < cs->n; i++) {
		const awol_claim *c = &cs->items[i];
		char v[128];
		verdict_text(c, v, sizeof(v));
		printf("[%s] %s\n  «%s»\n  claimed %g", v, c->id, c->text ? c->text : "", c->value);
		if (!isnan(c->found))
			printf(c->found == round(c->found) ? ", found %.0f" : ", found %.4g",
			       c->found);
		printf("\n  %s\n", c->why);
		if (c->caveat)
			printf("  caveat: %s\n", c->caveat);
		printf("\n");
	}
}

/* CSV: one row per claim, one header row of snake_case names, numbers as numbers. */
static void print_csv(const awol_claims *cs)
{
	cli_format fmt = CLI_FMT_CSV;
	static const char *const cols[] = {"id",      "kind",        "claimed",   "found",
	                                   "verdict", "lower_bound", "simulated", "why",
	                                   "caveat",  "text"};
	static const bool num[] = {false, false, true,  true,  false,
	                           false, false, false, false, false};
	cli_table t;
	size_t i;

	cli_table_init(&t, cols, AWOL_ARRAY_SIZE(cols), num);
	for (i = 0; i < cs->n; i++) {
		const awol_claim *c = &cs->items[i];
		char claimed[64], found[64];
		const char *row[10];
		snprintf(claimed, sizeof(claimed), "%.*f", c->decimals, c->value);
		if (isnan(c->found))
			found[0] = '\0';
		else
			snprintf(found, sizeof(found), "%.4f", c->found);
		row[0] = c->id, row[1] = c->kind, row[2] = claimed;
		row[3] = isnan(c->found) ? NULL : found, row[4] = c->verdict;
		row[5] = c->lower_bound ? "true" : "false",
		row[6] = c->simulated ? "true" : "false";
		row[7] = c->why, row[8] = c->caveat, row[9] = c->text;
		cli_table_add(&t, row);
	}
	cli_table_print(stdout, &t, fmt);
	cli_table_dispose(&t);
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc, all_hold = 1;
	awol_claims cs;
	awol_figure_list figs;
	awol_store *st = NULL;
	awol_error err = {0};
	cli_format fmt;
	size_t i;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "our database (" CLI_DB_HELP
	     "): claims 'from: db' are counted there, its figures used",
	     &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_check, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos != 1)
		return cli_usage_error(&cli_cmd_check, "give one CLAIMS.yaml");
	if (!cli_check_choice(&cli_cmd_check, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	if (awol_claims_load(argv[1], &cs, &err) < 0) {
		fprintf(stderr, "awol check: %s\n", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (db) {
		if (awol_store_open(&st, db, NULL, &err) < 0 ||
		    awol_figures_from_db(st, &figs, &err) < 0) {
			awol_claims_dispose(&cs);
			awol_store_close(st);
			return cli_report(&err);
		}
	} else if (awol_figures_load_default(&figs, &err) < 0) {
		awol_claims_dispose(&cs);
		return cli_report(&err);
	}
	awol_claims_check(&cs, &figs, st, &err);
	for (i = 0; i < cs.n; i++)
		if (strcmp(cs.items[i].verdict, "holds") != 0 &&
		    strcmp(cs.items[i].verdict, "holds-approximately") != 0)
			all_hold = 0;
	cli_format_parse(format, &fmt);
	if (fmt == CLI_FMT_TABLE)
		print_text(&cs);
	else if (fmt == CLI_FMT_CSV)
		print_csv(&cs);
	else {
		json_t *doc = awol_claims_doc(&cs, argv[1], st ? awol_store_path(st) : db);
		cli_json_print(stdout, doc);
		json_decref(doc);
	}
	awol_claims_dispose(&cs);
	awol_figures_dispose(&figs);
	awol_store_close(st);
	return all_hold ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

const cli_command cli_cmd_check = {
    "check",
    run,
    "check the claims of a claims file against published figures and our counts",
    "[--db DB] CLAIMS.yaml [--format table|csv|json]",
    "Verdicts: holds (equal as written), holds-approximately (within the claim's tolerance),\n"
    "contradicted, mislabelled (the number is right but belongs to another article, unit,\n"
    "period or geography: AWOL vs desertion, received vs opened, a region vs the country),\n"
    "unverifiable.  Claims 'from: db' are counted in --db (cases received, cases decided,\n"
    "verdicts, defendants, defendants convicted); over incomplete coverage our count is a\n"
    "lower bound, never grounds for 'contradicted' on its own, and the verdict says so, as\n"
    "it says SIMULATED DATA for a simulated database.  The claims format is in\n"
    "docs/claims.md; examples/ has claims files.  Exit 0 if every claim holds, 1 otherwise,\n"
    "2 on a bad file.",
};
