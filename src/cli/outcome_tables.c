/* Shares and terms of the outcomes read from act texts, for every command (outcome_tables.h). */
#include "util/common.h"
#include "awol/outcomes.h"
#include "outcome_tables.h"

#include <jansson.h>

static const char *const SHARE_COLS[] = {"measure", "value", "count", "base", "share", "of"};
/* the share: a percentage on a terminal, a fraction (a JSON number) in CSV and JSON */
static const bool SHARE_NUM[] = {false, false, true, true, true, false};
/* without the share: the count and its base */
static const char *const COUNT_COLS[] = {"measure", "value", "count", "base", "of"};
static const bool COUNT_NUM[] = {false, false, true, true, false};

typedef struct share_run {
	cli_table t;
	bool percent, share;
	const char *measure; /* only this measure's rows; NULL: all */
} share_run;

static int add_share(void *ctx, const char *measure, const char *value, long count, long base,
                     const char *base_is)
{
	share_run *r = ctx;
	cli_table *t = &r->t;
	char c[32], b[32], sh[32];
	const char *v[6];

	if (r->measure && strcmp(r->measure, measure) != 0)
		return 0;
	snprintf(c, sizeof(c), "%ld", count);
	snprintf(b, sizeof(b), "%ld", base);
	if (base > 0 && r->percent)
		snprintf(sh, sizeof(sh), "%.1f%%", 100.0 * (double)count / (double)base);
	else if (base > 0)
		snprintf(sh, sizeof(sh), "%.4f", (double)count / (double)base);
	else
		sh[0] = '\0';
	v[0] = measure;
	v[1] = value;
	v[2] = c;
	v[3] = b;
	v[4] = sh[0] ? sh : NULL;
	v[5] = base_is;
	if (!r->share)
		v[4] = v[5];
	return cli_table_add(t, v) < 0 ? -AWOL_ENOMEM : 0;
}

int cli_outcome_shares(const cli_command *cmd, awol_store *st, const char *court,
                       const char *measure, bool share, cli_format fmt, json_t *meta,
                       awol_error *err)
{
	share_run r;
	int rc;

	r.percent = fmt == CLI_FMT_TABLE;
	r.share = share;
	r.measure = measure;
	if (share)
		cli_table_init(&r.t, SHARE_COLS, AWOL_ARRAY_SIZE(SHARE_COLS), SHARE_NUM);
	else
		cli_table_init(&r.t, COUNT_COLS, AWOL_ARRAY_SIZE(COUNT_COLS), COUNT_NUM);
	rc = awol_store_outcomes_shares(st, court, add_share, &r, err);
	if (rc == 0) {
		json_object_set_new(meta, "note",
		                    json_string("each share is count / base, of the base named in "
		                                "\"of\"; only the current reading of each case "
		                                "counts (docs/verdicts.md)"));
		cli_table_print_doc(stdout, &r.t, fmt, cmd, json_incref(meta));
		if (fmt == CLI_FMT_TABLE)
			printf(
			    "Each share is of its base (\"of\"); only the current reading of each "
			    "case counts (docs/verdicts.md).\n");
	}
	cli_table_dispose(&r.t);
	return rc;
}

static const char *const TERM_COLS[] = {"group", "terms",  "unread", "min",
                                        "q1",    "median", "q3",     "max"};
static const bool TERM_NUM[] = {false, true, true, true, true, true, true, true};

static int add_terms(void *ctx, const awol_term_stats *s)
{
	char c[7][32];
	const char *v[8];
	int i;

	v[0] = s->group;
	snprintf(c[0], sizeof(c[0]), "%ld", s->n);
	snprintf(c[1], sizeof(c[1]), "%ld", s->unread);
	snprintf(c[2], sizeof(c[2]), "%.0f", s->min);
	snprintf(c[3], sizeof(c[3]), "%.0f", s->q1);
	snprintf(c[4], sizeof(c[4]), "%.0f", s->median);
	snprintf(c[5], sizeof(c[5]), "%.0f", s->q3);
	snprintf(c[6], sizeof(c[6]), "%.0f", s->max);
	for (i = 0; i < 7; i++)
		v[i + 1] = i >= 2 && s->n == 0 ? NULL : c[i];
	return cli_table_add(ctx, v) < 0 ? -AWOL_ENOMEM : 0;
}

int cli_outcome_terms(const cli_command *cmd, awol_store *st, const char *court, const char *group,
                      cli_format fmt, json_t *meta, awol_error *err)
{
	cli_table t;
	int rc;

	cli_table_init(&t, TERM_COLS, AWOL_ARRAY_SIZE(TERM_COLS), TERM_NUM);
	rc = awol_store_outcomes_terms(st, court, group, add_terms, &t, err);
	if (rc == 0) {
		json_object_set_new(meta, "note",
		                    json_string("terms in months of convicted defendants (current "
		                                "readings); quartiles by nearest rank; unread: "
		                                "convicted with no term read"));
		cli_table_print_doc(stdout, &t, fmt, cmd, json_incref(meta));
		if (fmt == CLI_FMT_TABLE)
			printf(
			    "Terms in months of convicted defendants (current readings); quartiles "
			    "by nearest rank; unread: convicted with no term read (none stated, "
			    "redacted, or not sure).\n");
	}
	cli_table_dispose(&t);
	return rc;
}
