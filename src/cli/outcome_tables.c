/* Shares and terms of the outcomes read from act texts, shown to people (outcome_tables.h). */
#include "util/common.h"
#include "outcome_tables.h"

#include <jansson.h>

static int col(const awol_table *l, const char *name)
{
	size_t c;

	for (c = 0; c < l->ncols; c++)
		if (strcmp(l->cols[c], name) == 0)
			return (int)c;
	return -1;
}

/* The table for a terminal: period starred when partial, days, no start/end; share in %. */
static void print_table(const cli_command *cmd, const awol_table *l)
{
	const char *cols[24];
	bool num[24];
	size_t map[24], nc = 0, c, r, npartial = 0;
	int share = col(l, "share"), partial = col(l, "partial"), period = col(l, "period");
	awol_table t;

	for (c = 0; c < l->ncols && nc < AWOL_ARRAY_SIZE(cols); c++) {
		const char *n = l->cols[c];
		if (strcmp(n, "start") == 0 || strcmp(n, "end") == 0 ||
		    strcmp(n, "period_days") == 0 || strcmp(n, "partial") == 0)
			continue;
		cols[nc] = n;
		num[nc] = l->numeric && l->numeric[c];
		map[nc++] = c;
	}
	awol_table_init(&t, cols, nc, num);
	for (r = 0; r < l->nrows; r++) {
		const char *v[24];
		char pct[32], per[32];
		for (c = 0; c < nc; c++) {
			const char *cell = l->cells[r * l->ncols + map[c]];
			if ((int)map[c] == share && cell) {
				snprintf(pct, sizeof(pct), "%.1f%%", 100.0 * strtod(cell, NULL));
				cell = pct;
			} else if ((int)map[c] == period && partial >= 0 &&
			           strcmp(l->cells[r * l->ncols + (size_t)partial], "true") == 0) {
				snprintf(per, sizeof(per), "%s*", cell);
				cell = per;
				npartial++;
			}
			v[c] = cell;
		}
		awol_table_add(&t, v);
	}
	cli_table_print_doc(stdout, &t, CLI_FMT_TABLE, cmd, json_incref(l->meta));
	awol_table_dispose(&t);
	if (l->nrows == 0)
		printf("(no verdict text read in this selection: crawl --acts, reparse --acts or "
		       "outcomes --read read them)\n");
	if (share >= 0 || col(l, "base") >= 0)
		printf("Each share is of its base (\"of\"); only the current reading of each "
		       "case counts (docs/verdicts.md).\n");
	else
		printf("Terms in months of convicted defendants (current readings); quartiles "
		       "by nearest rank; unread: convicted with no term read (none stated, "
		       "redacted, or not sure).\n");
	if (period >= 0)
		printf("Periods by the day decided%s; a case without a decision day is in none.\n",
		       npartial ? " (* partial: cut by --from/--to, only `days` counted)" : "");
}

void cli_outcome_print(const cli_command *cmd, const awol_table *l, cli_format fmt)
{
	json_t *doc;
	char *s;

	if (fmt == CLI_FMT_TABLE) {
		print_table(cmd, l);
		return;
	}
	if (fmt != CLI_FMT_JSON) {
		cli_listing_print(stdout, l, fmt, cmd);
		return;
	}
	/* as /api/outcomes dumps it: shares with 12 digits (0.4832, not 0.48320000000000002) */
	doc = awol_table_doc(l);
	s = doc ? json_dumps(doc, AWOL_OUTCOMES_JSON_FLAGS) : NULL;
	if (s)
		printf("%s\n", s);
	free(s);
	json_decref(doc);
}
