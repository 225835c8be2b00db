/* Every subcommand's descriptor; defined in src/cli/cmd_<name>.c. */
#ifndef AWOL_CLI_COMMANDS_H
#define AWOL_CLI_COMMANDS_H

#include "cli.h"

struct awol_store;

/* After an import: bring the case-count summary up to date; a warning when it fails. */
void cli_refresh_counts(struct awol_store *st, const char *cmd);

extern const cli_command cli_cmd_parse;
extern const cli_command cli_cmd_courts;
extern const cli_command cli_cmd_workers;
extern const cli_command cli_cmd_cases;
extern const cli_command cli_cmd_crawl;
extern const cli_command cli_cmd_captcha;
extern const cli_command cli_cmd_reparse;
extern const cli_command cli_cmd_stats;
extern const cli_command cli_cmd_refresh;
extern const cli_command cli_cmd_coverage;
extern const cli_command cli_cmd_figures;
extern const cli_command cli_cmd_check;
extern const cli_command cli_cmd_export;
extern const cli_command cli_cmd_db;
extern const cli_command cli_cmd_verdict;
extern const cli_command cli_cmd_outcomes;
extern const cli_command cli_cmd_serve;
extern const cli_command cli_cmd_report;
extern const cli_command cli_cmd_help;

#endif
