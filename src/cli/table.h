/*
 * Tabular output for the CLI in three formats: an aligned text table,
 * RFC 4180 CSV (UTF-8, header row) and a JSON array of objects.
 * Rows are collected first (tables need column widths), so use it for
 * listings of modest size; exports stream through lib/ instead.
 */
#ifndef AWOL_CLI_TABLE_H
#define AWOL_CLI_TABLE_H

#include <stdbool.h>
#include <stdio.h>

typedef enum { CLI_FMT_TABLE, CLI_FMT_CSV, CLI_FMT_JSON } cli_format;

typedef struct cli_table {
	size_t ncols;
	const char *const *cols;
	const bool *numeric; /* per column: JSON number, right-aligned; may be NULL */
	char **cells;        /* nrows * ncols, malloc'd strings or NULL */
	size_t nrows, cap;
} cli_table;

void cli_table_init(cli_table *t, const char *const *cols, size_t ncols, const bool *numeric);
/* Append a row of ncols values (copied; NULL allowed). Returns 0 or -1 (out of memory). */
int cli_table_add(cli_table *t, const char *const *values);
void cli_table_print(FILE *out, const cli_table *t, cli_format fmt);
void cli_table_dispose(cli_table *t);
/* "table"|"csv"|"json" -> format; false if unknown. */
bool cli_format_parse(const char *s, cli_format *fmt);

#endif
