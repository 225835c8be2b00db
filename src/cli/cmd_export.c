/* awol export: stream the store as CSV, JSON Lines or JSON, or write a data package. */
#include "util/common.h"
#include "awol/export.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "filter.h"
#include "table.h"

#include <unistd.h>

#define EXPORT_FMTS ((1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_JSONL))

/* Stream `what` to stdout or, through a temporary name, to outp. */
static int to_file(awol_store *st, const char *what, const awol_export_filter *f,
                   const char *format, const char *outp, long *rows, awol_error *err)
{
	FILE *out = stdout;
	char *tmp = NULL;
	int rc;

	if (outp) {
		size_t l = strlen(outp) + 32;
		tmp = malloc(l);
		if (!tmp)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		snprintf(tmp, l, "%s.tmp.%ld", outp, (long)getpid());
		out = fopen(tmp, "w");
		if (!out) {
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
			free(tmp);
			return rc;
		}
	}
	rc = awol_export_write(st, what, f, format, out, rows, err);
	if (outp) {
		if (fclose(out) != 0 && rc == 0)
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
		if (rc == 0 && rename(tmp, outp) < 0)
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", outp, strerror(errno));
		if (rc < 0)
			unlink(tmp);
		free(tmp);
	} else if (rc == 0 && fflush(stdout) != 0)
		rc = awol_error_set(err, AWOL_EIO, "stdout: %s", strerror(errno));
	return rc;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *what = NULL, *format = "csv", *outp = NULL, *pkg = NULL;
	int npos = 0, rc;
	cli_format fmt;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	awol_export_filter f = {0};
	long rows = 0;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"what", 0, CLI_OPT_STRING, "ENTITY",
	     "cases, persons, charges, events, coverage, court_coverage or outcomes", &what, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "csv (default), jsonl or json", &format, 0},
	    {"out", 'o', CLI_OPT_STRING, "FILE", "write here (atomically) instead of stdout", &outp,
	     0},
	    {"datapackage", 0, CLI_OPT_STRING, "DIR",
	     "write every entity as CSV with a Frictionless datapackage.json into DIR", &pkg, 0},
	    CLI_FILTER_OPTS(f),
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_export, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_export, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_export, "--db DB is required");
	if (pkg && (what || outp || strcmp(format, "csv") != 0))
		return cli_usage_error(&cli_cmd_export, "--datapackage writes every entity as CSV; "
		                                        "leave out --what, --out and --format");
	if (!pkg && !what)
		return cli_usage_error(&cli_cmd_export,
		                       "say --what ENTITY (or --datapackage DIR for all of them)");
	if (what && !cli_check_choice(&cli_cmd_export, "what", what, awol_export_entities))
		return CLI_EXIT_USAGE;
	if (!cli_format_option(&cli_cmd_export, format, EXPORT_FMTS, &fmt))
		return CLI_EXIT_USAGE;
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = f.outcome && what && strstr(what, "coverage")
	         ? cli_usage_error(&cli_cmd_export, "--outcome does not apply to %s", what)
	         : cli_filter_check(&cli_cmd_export, st, &f);
	if (rc) {
		awol_store_close(st);
		return rc;
	}
	if (awol_export_simulated(st) && (pkg || fmt == CLI_FMT_CSV))
		cli_warn_simulated(&cli_cmd_export, CLI_FMT_CSV);
	if (pkg)
		rc = awol_export_datapackage(st, &f, pkg, &rows, &err);
	else
		rc = to_file(st, what, &f, format, outp, &rows, &err);
	awol_store_close(st);
	if (rc < 0)
		return cli_report(&err);
	if (pkg)
		fprintf(stderr, "awol export: data package with %ld case(s) in %s\n", rows, pkg);
	else if (outp)
		fprintf(stderr, "awol export: %ld %s row(s) to %s\n", rows, what, outp);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_export = {
    "export",
    run,
    "stream cases, defendants, charges, events, coverage or outcomes as CSV, JSON Lines or JSON",
    "--db DB --what ENTITY [--format csv|jsonl|json] [--out FILE] [filters]\n"
    "       awol export --db DB --datapackage DIR [filters]",
    "RFC 4180 CSV in UTF-8 with one header row of snake_case names, one row per entity,\n"
    "streamed row by row; nothing else is in the file.  JSON Lines gives one object a line;\n"
    "json one object with the rows and what they rest on (query, coverage, simulated, awol\n"
    "version).  --datapackage DIR writes cases, persons, charges, events, coverage,\n"
    "court_coverage and, when act texts were read, outcomes as CSV with a Frictionless\n"
    "datapackage.json (field types and descriptions, sources, coverage, simulated, query).\n"
    "The filters (--article, --court, --region, --from/--to, --date, --outcome) select\n"
    "cases; the other entities follow the cases selected.  Columns: docs/export.md.  Names\n"
    "appear only as pseudonyms unless the database was filled with --keep-names.",
};
