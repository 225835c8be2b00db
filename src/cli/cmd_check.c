/* awol check: verdicts on the claims of a claims file. */
#include "util/common.h"
#include "awol/claims.h"
#include "awol/figures.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>
#include <math.h>

static const char *const FORMATS[] = {"table", "json", NULL};

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc, all_hold = 1;
	awol_claims cs;
	awol_figure_list figs;
	awol_store *st = NULL;
	awol_error err = {0};
	size_t i;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE",
	     "our database: claims 'from: db' are counted there, its figures used", &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default) or json", &format, 0},
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
	if (strcmp(format, "json") == 0) {
		json_t *a = awol_claims_to_json(&cs);
		char *s;
		s = a ? json_dumps(a, JSON_INDENT(2)) : NULL;
		if (s)
			printf("%s\n", s);
		free(s);
		json_decref(a);
	} else {
		if (cs.title)
			printf("%s\n\n", cs.title);
		for (i = 0; i < cs.n; i++) {
			const awol_claim *c = &cs.items[i];
			printf("[%s] %s\n  «%s»\n  claimed %g", c->verdict, c->id,
			       c->text ? c->text : "", c->value);
			if (!isnan(c->found))
				printf(", found %.4g", c->found);
			printf("\n  %s\n\n", c->why);
		}
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
    "[--db FILE] CLAIMS.yaml [--format table|json]",
    "Verdicts: holds, holds-approximately (within the claim's tolerance), contradicted,\n"
    "mislabelled (the number is right but belongs to another article, unit or period:\n"
    "AWOL vs desertion, received vs opened, half-year vs full year), unverifiable.\n"
    "The claims format is in docs/claims.md; examples/seed-article-claims.yaml checks the\n"
    "article that started awol.  Exit 0 if every claim holds, 1 otherwise, 2 on a bad file.",
};
