/*
 * Printing the listings of what the act texts say (awol_outcome_shares_listing and
 * awol_outcome_terms_listing, lib/stats/outcome_listing.c) that more than one command
 * prints: shares with their bases (`outcomes --shares`, `stats --unit defendants --group
 * sentence|service|regime|ground`) and the distribution of terms (`outcomes --terms`,
 * `stats --what terms`).  The library builds the rows, so the commands and /api/outcomes
 * can never give different numbers; this only shows them to people.
 */
#ifndef AWOL_CLI_OUTCOME_TABLES_H
#define AWOL_CLI_OUTCOME_TABLES_H

#include "awol/listings.h"
#include "cli.h"
#include "table.h"

/*
 * Print a listing of readings in fmt: JSON and CSV as built; a table with shares as
 * percentages, partial periods starred (2023*), the days counted instead of start/end,
 * and a line saying what the shares and terms rest on.
 */
void cli_outcome_print(const cli_command *cmd, const awol_table *l, cli_format fmt);

#endif
