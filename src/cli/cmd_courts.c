/* awol courts: the military-court registry. */
#include "util/common.h"
#include "awol/courts.h"
#include "awol/store.h"
#include "awol/store_status.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>

static const char *const LEVELS[] = {"garrison", "district", "fleet", "appeal", "cassation", NULL};
static const char *const COLS[] = {"code", "level",    "name",   "host",  "region",
                                   "city", "district", "parent", "status"};

static int from_db(const char *db, const char *level, cli_table *t, awol_error *err)
{
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_store_rows *r = NULL;
	int rc;

	so.read_only = true;
	rc = awol_store_open(&st, db, &so, err);
	if (rc == 0)
		rc = awol_store_courts_list(st, level, &r, err);
	if (rc == 0)
		rc = cli_table_add_rows(t, r, err);
	awol_store_close(st);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *level = NULL, *format = "table", *db = NULL;
	int npos = 0, rc;
	size_t i;
	char name[512];
	cli_format fmt;
	cli_table t;
	awol_error err = {0};
	json_t *meta;
	const cli_opt opts[] = {
	    {"level", 0, CLI_OPT_STRING, "LEVEL",
	     "only courts of this level: garrison, district, fleet, appeal, cassation", &level, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "read the registry stored in this database (" CLI_DB_HELP ")", &db, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_courts, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_courts, "unexpected argument '%s'", argv[1]);
	if (level && !cli_check_choice(&cli_cmd_courts, "level", level, LEVELS))
		return CLI_EXIT_USAGE;
	if (!cli_format_option(&cli_cmd_courts, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	cli_table_init(&t, COLS, AWOL_ARRAY_SIZE(COLS), NULL);
	if (db) {
		if (from_db(db, level, &t, &err) < 0) {
			cli_table_dispose(&t);
			return cli_report(&err);
		}
	} else {
		awol_court_list l;
		if (awol_courts_load_default(&l, &err) < 0)
			return cli_report(&err);
		for (i = 0; i < l.n; i++) {
			const awol_court *c = &l.items[i];
			const char *v[9] = {c->code,          c->level,       c->name,
			                    c->host,          c->region,      c->city,
			                    c->district_code, c->parent_code, c->status};
			if (level && strcmp(c->level, level) != 0)
				continue;
			if (cli_table_add(&t, v) < 0) {
				awol_courts_dispose(&l);
				cli_table_dispose(&t);
				awol_error_set(&err, AWOL_ENOMEM, "out of memory");
				return cli_report(&err);
			}
		}
		awol_courts_dispose(&l);
	}
	meta = cli_json_meta(db ? (awol_store_target_name(db, name, sizeof(name)), name)
	                        : "the registry shipped with awol (data/military-courts.csv)");
	json_object_set_new(meta, "level", level ? json_string(level) : json_null());
	cli_table_print_doc(stdout, &t, fmt, &cli_cmd_courts, meta);
	cli_table_dispose(&t);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_courts = {
    "courts",
    run,
    "list the military courts (registry with hosts, regions and parent courts)",
    "[--level LEVEL] [--format table|csv|json] [--db DB]",
    "The registry ships with awol (data/military-courts.csv; sources in data/README.md).\n"
    "region is the seat of the court; district is the okrug or fleet court above it.",
};
