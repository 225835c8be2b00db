/*
 * awol verdict: read the outcome of every defendant from act texts (act
 * pages, cards with embedded texts, HTML or plain text files), one JSON
 * object per act (docs/verdicts.md).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/act_text.h"
#include "awol/verdict.h"
#include "cli.h"
#include "commands.h"

#define VERDICT_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct verdict_run {
	bool json;
	size_t acts, failed;
} verdict_run;

static void print_json(const awol_verdict *v, const char *file, const char *error)
{
	char *j = NULL;
	awol_error err = {0};

	if (awol_verdict_to_json(v, file, error, &j, &err) == 0) {
		fputs(j, stdout);
		fputc('\n', stdout);
	} else
		fprintf(stderr, "awol verdict: %s: %s\n", file, err.msg);
	free(j);
}

static void print_human(const awol_verdict *v, const char *file)
{
	size_t i;

	printf("%s: %s%s", file, v->act ? v->act : "act of unknown kind", v->reason ? " (" : "");
	if (v->reason)
		printf("%s)", v->reason);
	putchar('\n');
	for (i = 0; i < v->ndefendants; i++) {
		const awol_verdict_defendant *d = &v->defendants[i];
		const awol_verdict_punishment *p = &d->punishment;
		printf("  %s: %s", d->label ? d->label : "(no label)", d->outcome);
		if (d->ground)
			printf(" (%s)", d->ground);
		if (d->narticles)
			printf(", %s%s%sст. %s", d->articles[0].part[0] ? "ч. " : "",
			       d->articles[0].part, d->articles[0].part[0] ? " " : "",
			       d->articles[0].article);
		if (d->has_punishment && p->type) {
			printf(", %s", p->type);
			if (p->months >= 0)
				printf(" %d months", p->months);
			if (p->fine_rub >= 0)
				printf(" %lld rub", p->fine_rub);
			if (p->suspended)
				printf(" suspended");
			if (p->regime)
				printf(", %s regime", p->regime);
		}
		if (d->has_punishment && p->redacted)
			printf(" [redacted]");
		if (d->service)
			printf(", %s", d->service);
		if (d->reason)
			printf(" (%s)", d->reason);
		putchar('\n');
	}
}

static void one(verdict_run *r, const char *path)
{
	awol_buf raw;
	awol_error err = {0};
	awol_act_text *texts = NULL;
	size_t n = 0, i;

	awol_buf_init(&raw, VERDICT_MAX_BYTES);
	if (awol_file_read(path, &raw, &err) < 0 ||
	    awol_act_texts(raw.ptr ? raw.ptr : "", raw.len, path, NULL, &texts, &n, &err) < 0) {
		fprintf(stderr, "awol verdict: %s\n", err.msg);
		r->failed++;
		if (r->json)
			print_json(NULL, path, err.msg); /* still one line per input */
		goto done;
	}
	for (i = 0; i < n; i++) {
		awol_verdict *v = NULL;
		char name[4096];
		if (texts[i].where)
			snprintf(name, sizeof(name), "%s#%s", path, texts[i].where);
		else
			snprintf(name, sizeof(name), "%s", path);
		r->acts++;
		if (awol_verdict_read(texts[i].text, strlen(texts[i].text), &v, &err) < 0) {
			fprintf(stderr, "awol verdict: %s: %s\n", name, err.msg);
			r->failed++;
			continue;
		}
		if (r->json)
			print_json(v, name, NULL);
		else
			print_human(v, name);
		awol_verdict_free(v);
	}
done:
	awol_act_texts_free(texts, n);
	awol_buf_dispose(&raw);
}

static int run(int argc, char **argv)
{
	int json = 0, npos = 0, i, rc;
	verdict_run r;
	const cli_opt opts[] = {
	    {"json", 0, CLI_OPT_FLAG, NULL,
	     "one JSON object per act (the default when stdout is not a terminal)", &json, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_verdict, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos == 0)
		return cli_usage_error(&cli_cmd_verdict, "no PATH given (a file or -)");
	memset(&r, 0, sizeof(r));
	r.json = json || !cli_stdout_is_tty();
	for (i = 1; i <= npos; i++)
		one(&r, argv[i]);
	fflush(stdout);
	return r.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const cli_command cli_cmd_verdict = {
    "verdict",
    run,
    "read the outcome of every defendant from act texts",
    "[--json] PATH...",
    "PATH is an act page (name_op=doc), a case card with embedded act texts, or a\n"
    "file holding the text of one act (HTML or plain text, windows-1251 or UTF-8);\n"
    "- reads standard input.  Prints one JSON object per act (JSON Lines): file, act,\n"
    "appeal, reason, defendants[{label, outcome, ground, reason, convicted_of,\n"
    "punishment, service, absence, evidence}], error.  A card's acts are named\n"
    "FILE#act K.  Values the text does not state for sure are null or \"unknown\"; a\n"
    "redacted term is \"redacted\": true, never guessed.  The classes and rules are in\n"
    "docs/verdicts.md.  Exit status 1 when any input could not be read (each is named\n"
    "on stderr, and still gets a JSON line with its error).",
};
