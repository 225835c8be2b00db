/*
 * Tabular output for the CLI: an aligned text table, RFC 4180 CSV (UTF-8,
 * one header row of snake_case names, nothing else), JSON and JSON Lines.
 * Rows are collected first (tables need column widths), so use it for
 * listings of modest size; exports stream through lib/ instead.
 *
 * The convention every listing command follows (docs/export.md): --format
 * table|csv|json (and jsonl where the rows stream); CSV holds only the header
 * and data rows; what the rows rest on (query, coverage, simulated, awol
 * version) goes into the JSON document, beside "rows", or to stderr.
 */
#ifndef AWOL_CLI_TABLE_H
#define AWOL_CLI_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "awol/listings.h"
#include "cli.h"

typedef enum { CLI_FMT_TABLE, CLI_FMT_CSV, CLI_FMT_JSON, CLI_FMT_JSONL } cli_format;

/* The formats a command offers (a mask of 1u << cli_format) for cli_format_option. */
#define CLI_FMTS_LISTING ((1u << CLI_FMT_TABLE) | (1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON))
#define CLI_FMTS_STREAM (CLI_FMTS_LISTING | (1u << CLI_FMT_JSONL))

/* A table is a library listing (include/awol/listings.h): the rows `awol serve` answers. */
typedef awol_table cli_table;

static inline void cli_table_init(cli_table *t, const char *const *cols, size_t ncols,
                                  const bool *numeric)
{
	awol_table_init(t, cols, ncols, numeric);
}
/* Append a row of ncols values (copied; NULL allowed). Returns 0 or -1 (out of memory). */
static inline int cli_table_add(cli_table *t, const char *const *values)
{
	return awol_table_add(t, values) < 0 ? -1 : 0;
}
static inline void cli_table_dispose(cli_table *t)
{
	awol_table_dispose(t);
}
/*
 * Append every row of a store cursor (its first ncols columns; the cursor is closed).
 * 0, or < 0 with err set: a read that fails never passes for a shorter table.
 */
struct awol_store_rows;
int cli_table_add_rows(cli_table *t, struct awol_store_rows *r, awol_error *err);
void cli_table_print(FILE *out, const cli_table *t, cli_format fmt);
void cli_table_dispose(cli_table *t);
/* "table"|"csv"|"json"|"jsonl" -> format; false if unknown. */
bool cli_format_parse(const char *s, cli_format *fmt);

/*
 * --format VALUE of a command that offers `offered`: false after a usage error naming
 * the value and the formats offered.
 */
bool cli_format_option(const cli_command *cmd, const char *value, unsigned offered,
                       cli_format *fmt);

/*
 * Print a listing in fmt with what it rests on (l->meta, may be NULL).  JSON: the
 * document of awol_table_doc (meta's members, "rows", "count").  JSON Lines: one object
 * a line, with "simulated": true on each when meta says simulated.  Table and CSV:
 * cli_table_print, and the simulated warning (cli_warn_simulated) when meta says so.
 */
void cli_listing_print(FILE *out, const awol_table *l, cli_format fmt, const cli_command *cmd);

/* cli_listing_print of t with meta (may be NULL) as what it rests on; takes meta. */
struct json_t;
void cli_table_print_doc(FILE *out, const cli_table *t, cli_format fmt, const cli_command *cmd,
                         struct json_t *meta);

/* A new JSON object {"awol_version": ..., "source": source (when not NULL)}: the start
 * of a command's metadata (awol_table_meta). */
struct json_t *cli_json_meta(const char *source);

/* Print a JSON document as every command does (indented, members in order). */
void cli_json_print(FILE *out, const struct json_t *doc);

/*
 * Say that the data is simulated where the format has no field for it: a banner on
 * stdout above a table, a warning on stderr for CSV (a column would be noise).
 */
void cli_warn_simulated(const cli_command *cmd, cli_format fmt);

#endif
