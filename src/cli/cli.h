/*
 * The CLI's command table and option tables (after git and tmux).
 *
 * Every subcommand lives in its own src/cli/cmd_<name>.c and exports one
 * `const cli_command cli_cmd_<name>`; main.c lists them all in one table.
 * A command describes its options in a cli_opt array; the same array parses
 * argv and prints `--help`, so the help can never drift from the code.
 *
 * Only src/cli prints for the user or decides exit codes.
 */
#ifndef AWOL_CLI_H
#define AWOL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "awol/error.h"

/* Exit statuses, documented in README and `awol --help`. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

typedef enum cli_opt_type {
	CLI_OPT_FLAG,   /* int *dest = opt.value (lets --cards/--no-cards share a dest) */
	CLI_OPT_STRING, /* const char **dest = argument */
	CLI_OPT_INT,    /* long *dest = strtol(argument), checked */
	CLI_OPT_DOUBLE, /* double *dest = strtod(argument), checked */
	/* const char **dest = argument, checked as cli_check_* below does: */
	CLI_OPT_DATE,     /* YYYY-MM-DD, a real day */
	CLI_OPT_ARTICLE,  /* one article of the Criminal Code: 337, 205.1 */
	CLI_OPT_ARTICLES, /* a list of them: 337,338 */
	CLI_OPT_PART,     /* one part of an article: 5, 3.1 */
	CLI_OPT_PARTS,    /* a list of them: 3.1,5 */
	CLI_OPT_HOSTPORT, /* HOST:PORT with a port 1..65535 */
	CLI_OPT_COURTS,   /* courts to collect (codes, hosts, levels, all): cli_check_courts */
	CLI_OPT_COURT,    /* one court of the registry (code or host), any level: its code */
	CLI_OPT_END
} cli_opt_type;

typedef struct cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 if none */
	cli_opt_type type;
	const char *arg;  /* metavariable shown in help, e.g. "FILE" */
	const char *help; /* one line */
	void *dest;
	int value; /* value stored by CLI_OPT_FLAG */
} cli_opt;

/* --key FILE, for the commands that write pseudonyms (docs/postgresql.md) */
#define CLI_OPT_KEY(var)                                                                           \
	{                                                                                          \
		"key", 0, CLI_OPT_STRING, "FILE",                                                  \
		    "the pseudonym key (default: DB.key beside an SQLite file; with PostgreSQL "   \
		    "$XDG_CONFIG_HOME/awol/key or ~/.config/awol/key), created 0600 when missing", \
		    &(var), 0                                                                      \
	}
/* the help of --db */
#define CLI_DB_HELP "an SQLite file or a postgresql:// URI"
#define CLI_OPT_END_MARK                                                                           \
	{                                                                                          \
		NULL, 0, CLI_OPT_END, NULL, NULL, NULL, 0                                          \
	}

typedef struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
	const char *summary;               /* one line for `awol --help` */
	const char *synopsis;              /* after "awol NAME ", e.g. "[--json] PATH..." */
	const char *description;           /* paragraphs printed after the options; may be NULL */
} cli_command;

/*
 * Parse argv[1..argc) against `opts`.  Options may appear anywhere before a
 * "--"; the positional arguments are moved to argv[1..] in order and their
 * count is stored in *npos.  "--help"/"-h" prints the usage to stdout.
 *
 * Returns 0 to go on, 1 when help was printed (exit 0), or -1 after printing
 * a usage error to stderr (exit 2).
 */
int cli_parse(const cli_command *cmd, const cli_opt *opts, int argc, char **argv, int *npos);

/* Print "usage: awol NAME SYNOPSIS", the summary, the option table and the description. */
void cli_usage(FILE *out, const cli_command *cmd, const cli_opt *opts);

/* Print "awol NAME: " + message to stderr (usage errors); returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print "awol: " + err->msg to stderr. Returns CLI_EXIT_FAIL. */
int cli_report(const awol_error *err);

/*
 * Check that `value` is one of the NULL-terminated `choices`; on failure
 * print a usage error naming --option and the choices.  Returns true if ok.
 */
bool cli_check_choice(const cli_command *cmd, const char *option, const char *value,
                      const char *const *choices);

/*
 * Shared validators (src/cli/validate.c).  Each prints a usage error naming
 * the option and the value (with a "did you mean" for a near miss) and
 * returns false; the caller returns CLI_EXIT_USAGE.  NULL values pass (an
 * option not given).  The option types above call them while parsing.
 */
/* "--from 2023-02-30 is not a date YYYY-MM-DD" */
bool cli_check_date(const cli_command *cmd, const char *option, const char *value);
/* "--from X is after --to Y" (both ISO dates, either may be NULL) */
bool cli_check_period(const cli_command *cmd, const char *from, const char *to);
/* Articles of the Criminal Code (1..361, optionally .N); a comma list when `several`. */
bool cli_check_articles(const cli_command *cmd, const char *option, const char *list, bool several);
/* Parts of an article (1..99, optionally .N); a comma list when `several`. */
bool cli_check_parts(const cli_command *cmd, const char *option, const char *list, bool several);
/* A worker's name: 1..64 letters, digits, '.', '_' or '-'. */
bool cli_check_worker(const cli_command *cmd, const char *option, const char *value);
/* HOST:PORT ([v6]:PORT), port 1..65535. */
bool cli_check_hostport(const cli_command *cmd, const char *option, const char *value);
/*
 * A court selection against the embedded registry: "garrison" and "all" stay
 * as they are; otherwise a comma list of codes (any case), hosts and levels
 * (garrison, district, fleet: the courts that hear criminal cases first) is
 * replaced in *value by the codes it selects (a string that lives until the
 * process exits).  Unknown words, names, courts without a site, appeal and
 * cassation courts, and a list selecting nothing are errors.
 */
bool cli_check_courts(const cli_command *cmd, const char *option, const char **value);
/* One court of the registry by code (any case) or host, any level; *value becomes its code. */
bool cli_check_court(const cli_command *cmd, const char *option, const char **value);

/* True when stdout is a terminal. */
bool cli_stdout_is_tty(void);

/* Look a command up by name in the table (main.c). NULL if unknown. */
const cli_command *cli_find_command(const char *name);
/* The command name nearest to a mistyped one, or NULL (main.c). */
const char *cli_suggest_command(const char *name);

#endif
