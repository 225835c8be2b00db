/*
 * awol captcha: the courts a crawl put aside because they asked for a
 * captcha, and answering them so the next crawl resumes them.
 */
#include "util/common.h"
#include "awol/export.h"
#include "awol/store.h"
#include "awol/store_status.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <ctype.h>
#include <jansson.h>

static int list(awol_store *st, cli_format fmt)
{
	awol_error err = {0};
	awol_store_rows *r = NULL;
	static const char *const cols[] = {"court_code", "court_name", "image", "answer"};
	cli_table t;
	json_t *meta;
	int rc;

	if (awol_store_captcha_waiting(st, &r, &err) < 0)
		return cli_report(&err);
	cli_table_init(&t, cols, 4, NULL);
	/* a damaged file ends the rows early: never print them as the whole list */
	rc = cli_table_add_rows(&t, r, &err);
	if (rc < 0) {
		cli_table_dispose(&t);
		return cli_report(&err);
	}
	meta = cli_json_meta(awol_store_path(st));
	json_object_set_new(meta, "simulated", json_boolean(awol_export_simulated(st)));
	if (t.nrows == 0 && fmt == CLI_FMT_TABLE) {
		printf("no court is waiting for a captcha\n");
		json_decref(meta);
	} else
		cli_table_print_doc(stdout, &t, fmt, &cli_cmd_captcha, meta);
	cli_table_dispose(&t);
	return CLI_EXIT_OK;
}

#define CAPTCHA_DIGITS 5 /* the sud_delo captcha image shows five digits */

/*
 * Store an answer for the next crawl.  It is checked against the form (five digits)
 * and may be replaced until a crawl has used it (the crawl takes it out when it
 * reads it).
 */
static int answer(awol_store *st, const char *court, const char *digits)
{
	const char *p;
	bool stored, replaced;
	awol_error err = {0};

	for (p = digits; *p; p++)
		if (!isdigit((unsigned char)*p))
			break;
	if (*p || p - digits != CAPTCHA_DIGITS)
		return cli_usage_error(
		    &cli_cmd_captcha,
		    "the answer must be the %d digits shown in the image, got '%s'", CAPTCHA_DIGITS,
		    digits);
	if (awol_store_captcha_answer(st, court, digits, &stored, &replaced, &err) < 0)
		return cli_report(&err);
	if (!stored) {
		fprintf(stderr,
		        "awol captcha: court %s is not waiting for a captcha (or its answer was "
		        "used already)\n",
		        court);
		return CLI_EXIT_FAIL;
	}
	printf("%s: answer %s; run the crawl again to resume this court\n", court,
	       replaced ? "replaced" : "stored");
	return CLI_EXIT_OK;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the crawl's database (required; " CLI_DB_HELP ")", &db,
	     0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "the list: table (default), csv or json", &format,
	     0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_captcha, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (!db)
		return cli_usage_error(&cli_cmd_captcha, "--db DB is required");
	if (npos != 0 && !(npos == 3 && strcmp(argv[1], "answer") == 0))
		return cli_usage_error(&cli_cmd_captcha,
		                       "usage: awol captcha --db DB [answer COURT "
		                       "DIGITS]");
	if (!cli_format_option(&cli_cmd_captcha, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	so.read_only = npos == 0; /* listing only reads */
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = npos == 0 ? list(st, fmt) : answer(st, argv[2], argv[3]);
	awol_store_close(st);
	return rc;
}

const cli_command cli_cmd_captcha = {
    "captcha",
    run,
    "list courts waiting for a captcha, or answer one",
    "--db DB [--format table|csv|json] [answer COURT DIGITS]",
    "A crawl puts a court that demands a captcha aside and saves the image next to the\n"
    "database (DB.captcha/HOST.png; for PostgreSQL HOST_PORT_DBNAME.captcha/ beside the\n"
    "pseudonym key).  Look at it, then 'awol captcha --db DB answer\n"
    "COURT DIGITS'; the next 'awol crawl' resumes the court with that answer.  The answer\n"
    "must be the 5 digits of the image (exit 2 otherwise); until a crawl uses it, answering\n"
    "again replaces it.",
};
