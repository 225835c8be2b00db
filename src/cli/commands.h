/* Every subcommand's descriptor; defined in src/cli/cmd_<name>.c. */
#ifndef AWOL_CLI_COMMANDS_H
#define AWOL_CLI_COMMANDS_H

#include "cli.h"

extern const cli_command cli_cmd_parse;
extern const cli_command cli_cmd_courts;
extern const cli_command cli_cmd_cases;
extern const cli_command cli_cmd_crawl;
extern const cli_command cli_cmd_captcha;
extern const cli_command cli_cmd_reparse;
extern const cli_command cli_cmd_stats;
extern const cli_command cli_cmd_coverage;
extern const cli_command cli_cmd_figures;
extern const cli_command cli_cmd_check;
extern const cli_command cli_cmd_export;
extern const cli_command cli_cmd_help;

#endif
