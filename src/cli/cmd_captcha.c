/*
 * awol captcha: the courts a crawl put aside because they asked for a
 * captcha, and answering them so the next crawl resumes them.
 */
#include "util/common.h"
#include "awol/export.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>

static int list(awol_store *st, cli_format fmt)
{
	sqlite3_stmt *s = NULL;
	static const char *const cols[] = {"court_code", "court_name", "image", "answer"};
	cli_table t;
	json_t *meta;
	int step, rc = 0;

	if (sqlite3_prepare_v2(
	        awol_store_db(st),
	        "SELECT s.court_code, c.name, s.captcha_image, s.captcha_answer FROM "
	        "court_status s LEFT JOIN courts c ON c.code = s.court_code WHERE "
	        "s.status = 'captcha' ORDER BY s.court_code",
	        -1, &s, NULL) != SQLITE_OK)
		goto fail;
	cli_table_init(&t, cols, 4, NULL);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v[4];
		int i;
		for (i = 0; i < 4; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		if (cli_table_add(&t, v) < 0)
			break;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		cli_table_dispose(&t);
		goto fail;
	}
	meta = cli_json_meta(awol_store_path(st));
	json_object_set_new(meta, "simulated", json_boolean(awol_export_simulated(st)));
	if (t.nrows == 0 && fmt == CLI_FMT_TABLE) {
		printf("no court is waiting for a captcha\n");
		json_decref(meta);
	} else
		cli_table_print_doc(stdout, &t, fmt, &cli_cmd_captcha, meta);
	cli_table_dispose(&t);
	return rc;
fail:
	fprintf(stderr, "awol captcha: %s: %s\n", awol_store_path(st),
	        sqlite3_errmsg(awol_store_db(st)));
	return -1;
}

static int answer(awol_store *st, const char *court, const char *digits)
{
	sqlite3_stmt *s = NULL;
	const char *p;
	int changed;

	for (p = digits; *p; p++)
		if (!isdigit((unsigned char)*p))
			return cli_usage_error(&cli_cmd_captcha,
			                       "the answer must be digits, got '%s'", digits);
	if (sqlite3_prepare_v2(awol_store_db(st),
	                       "UPDATE court_status SET captcha_answer = ?2, status = 'partial' "
	                       "WHERE court_code = ?1 AND status = 'captcha'",
	                       -1, &s, NULL) != SQLITE_OK)
		return CLI_EXIT_FAIL;
	sqlite3_bind_text(s, 1, court, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, digits, -1, SQLITE_STATIC);
	sqlite3_step(s);
	sqlite3_finalize(s);
	changed = sqlite3_changes(awol_store_db(st));
	if (!changed) {
		fprintf(stderr, "awol captcha: court %s is not waiting for a captcha\n", court);
		return CLI_EXIT_FAIL;
	}
	printf("%s: answer stored; run the crawl again to resume this court\n", court);
	return CLI_EXIT_OK;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	awol_store *st = NULL;
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE", "the crawl's database (required)", &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "the list: table (default), csv or json", &format,
	     0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_captcha, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (!db)
		return cli_usage_error(&cli_cmd_captcha, "--db FILE is required");
	if (npos != 0 && !(npos == 3 && strcmp(argv[1], "answer") == 0))
		return cli_usage_error(&cli_cmd_captcha,
		                       "usage: awol captcha --db FILE [answer COURT "
		                       "DIGITS]");
	if (!cli_format_option(&cli_cmd_captcha, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	if (awol_store_open(&st, db, NULL, &err) < 0)
		return cli_report(&err);
	rc = npos == 0 ? (list(st, fmt) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK)
	               : answer(st, argv[2], argv[3]);
	awol_store_close(st);
	return rc;
}

const cli_command cli_cmd_captcha = {
    "captcha",
    run,
    "list courts waiting for a captcha, or answer one",
    "--db FILE [--format table|csv|json] [answer COURT DIGITS]",
    "A crawl puts a court that demands a captcha aside and saves the image next to the\n"
    "database (FILE.captcha/HOST.png).  Look at it, then 'awol captcha --db FILE answer\n"
    "COURT DIGITS'; the next 'awol crawl' resumes the court with that answer.",
};
