/*
 * The case filters of `awol cases` and `awol export` (awol_export_filter): one set of
 * option-table entries and one check, so the two commands take the same names.
 */
#ifndef AWOL_CLI_FILTER_H
#define AWOL_CLI_FILTER_H

#include "awol/export.h"
#include "cli.h"

/* cli_opt entries filling the awol_export_filter `f` (an lvalue). */
// clang-format off
#define CLI_FILTER_OPTS(f)                                                                   \
	{"article", 0, CLI_OPT_ARTICLES, "N[,N]",                                              \
	 "only cases with a charge under one of these articles (e.g. 337)", &(f).articles, 0}, \
	{"court", 0, CLI_OPT_STRING, "CODE[,CODE]",                                          \
	 "only cases of these courts (registry codes, see 'awol courts')", &(f).courts, 0},  \
	{"region", 0, CLI_OPT_STRING, "REGION", "only cases of the courts of this region",   \
	 &(f).region, 0},                                                                    \
	{"from", 0, CLI_OPT_DATE, "DATE", "only cases received (or --date) on or after DATE", \
	 &(f).from, 0},                                                                      \
	{"to", 0, CLI_OPT_DATE, "DATE", "only cases received (or --date) on or before DATE", \
	 &(f).to, 0},                                                                        \
	{"date", 0, CLI_OPT_STRING, "AXIS",                                                  \
	 "the day --from/--to apply to: received (default) or decided", &(f).date, 0},       \
	{"outcome", 0, CLI_OPT_STRING, "OUTCOME",                                            \
	 "only cases with this normalised outcome (convicted, terminated, pending...)",      \
	 &(f).outcome, 0},                                                                  \
	{"limit", 0, CLI_OPT_INT, "N", "at most N cases (a page; 0: all), in the listing's order", \
	 &(f).limit, 0},                                                                     \
	{"offset", 0, CLI_OPT_INT, "N", "skip the first N cases of the selection (with --limit)", \
	 &(f).offset, 0}
// clang-format on

/*
 * Check f against the store (awol_export_filter_check).  0 when it is fine; else the
 * exit status after the message: 2 for a bad value (named), 1 when the store failed.
 */
int cli_filter_check(const cli_command *cmd, awol_store *st, const awol_export_filter *f);

#endif
