/*
 * The tables of what the act texts say (lib/store/outcomes.c) that more than one
 * command prints: shares with their bases (`outcomes --shares`, `stats --unit
 * defendants --group sentence|service|regime|ground`) and the distribution of terms
 * (`outcomes --terms`, `stats --what terms`).  One code path, so the two commands
 * can never give different numbers.
 */
#ifndef AWOL_CLI_OUTCOME_TABLES_H
#define AWOL_CLI_OUTCOME_TABLES_H

#include "awol/store.h"
#include "cli.h"
#include "table.h"

struct json_t;

/*
 * Print the shares of `measure` ("sentence", "service", "regime", "ground", "outcome";
 * NULL: every measure and the bases) of the current readings of `court` (NULL: all) in
 * fmt, each with its count, base, share (when `share`) and what the base is ("of").
 * meta (borrowed) gets a note and goes into the JSON document.
 */
int cli_outcome_shares(const cli_command *cmd, awol_store *st, const char *court,
                       const char *measure, bool share, cli_format fmt, struct json_t *meta,
                       awol_error *err);

/* Print the distribution of terms by `group` (sentence, article, year; NULL: all). */
int cli_outcome_terms(const cli_command *cmd, awol_store *st, const char *court, const char *group,
                      cli_format fmt, struct json_t *meta, awol_error *err);

#endif
