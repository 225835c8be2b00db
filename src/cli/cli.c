#include "util/common.h"
#include "util/suggest.h"
#include "cli.h"

#include <stdarg.h>
#include <unistd.h>

static const cli_opt *find_long(const cli_opt *opts, const char *name, size_t len)
{
	for (; opts && opts->type != CLI_OPT_END; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

static const cli_opt *find_short(const cli_opt *opts, char c)
{
	for (; opts && opts->type != CLI_OPT_END; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

static int store_value(const cli_command *cmd, const cli_opt *o, const char *val)
{
	char *end = NULL;

	switch (o->type) {
	case CLI_OPT_STRING:
		*(const char **)o->dest = val;
		return 0;
	case CLI_OPT_DATE:
	case CLI_OPT_ARTICLE:
	case CLI_OPT_ARTICLES:
	case CLI_OPT_PART:
	case CLI_OPT_PARTS:
	case CLI_OPT_HOSTPORT:
		if ((o->type == CLI_OPT_DATE && !cli_check_date(cmd, o->name, val)) ||
		    (o->type == CLI_OPT_ARTICLE && !cli_check_articles(cmd, o->name, val, false)) ||
		    (o->type == CLI_OPT_ARTICLES && !cli_check_articles(cmd, o->name, val, true)) ||
		    (o->type == CLI_OPT_PART && !cli_check_parts(cmd, o->name, val, false)) ||
		    (o->type == CLI_OPT_PARTS && !cli_check_parts(cmd, o->name, val, true)) ||
		    (o->type == CLI_OPT_HOSTPORT && !cli_check_hostport(cmd, o->name, val)))
			return -1;
		*(const char **)o->dest = val;
		return 0;
	case CLI_OPT_COURTS:
	case CLI_OPT_COURT:
		if (o->type == CLI_OPT_COURTS ? !cli_check_courts(cmd, o->name, &val)
		                              : !cli_check_court(cmd, o->name, &val))
			return -1;
		*(const char **)o->dest = val;
		return 0;
	case CLI_OPT_INT: {
		long v;
		errno = 0;
		v = strtol(val, &end, 10);
		if (errno || end == val || *end) {
			cli_usage_error(cmd, "--%s expects a whole number, got '%s'", o->name, val);
			return -1;
		}
		*(long *)o->dest = v;
		return 0;
	}
	case CLI_OPT_DOUBLE: {
		double v;
		errno = 0;
		v = strtod(val, &end);
		if (errno || end == val || *end || v != v) {
			cli_usage_error(cmd, "--%s expects a number, got '%s'", o->name, val);
			return -1;
		}
		*(double *)o->dest = v;
		return 0;
	}
	default:
		return -1;
	}
}

/* "unknown option '--artcle'; did you mean '--article'?" */
static void unknown_option(const cli_command *cmd, const cli_opt *opts, const char *name,
                           size_t len)
{
	const char *cand[64];
	const char *hit;
	char word[64];
	size_t n = 0;

	snprintf(word, sizeof(word), "%.*s", (int)(len < sizeof(word) ? len : sizeof(word) - 1),
	         name);
	for (; opts && opts->type != CLI_OPT_END && n < AWOL_ARRAY_SIZE(cand) - 1; opts++)
		cand[n++] = opts->name;
	cand[n++] = "help";
	hit = awol_suggest(word, cand, n, 0);
	if (hit)
		cli_usage_error(
		    cmd, "unknown option '--%s'; did you mean '--%s'? (see 'awol %s --help')", word,
		    hit, cmd->name);
	else
		cli_usage_error(cmd, "unknown option '--%s' (see 'awol %s --help')", word,
		                cmd->name);
}

int cli_parse(const cli_command *cmd, const cli_opt *opts, int argc, char **argv, int *npos)
{
	int i, n = 0;
	bool only_pos = false;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		const cli_opt *o;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			argv[1 + n++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_usage(stdout, cmd, opts);
			return 1;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);

			o = find_long(opts, name, len);
			if (!o) {
				unknown_option(cmd, opts, name, len);
				return -1;
			}
			if (o->type == CLI_OPT_FLAG) {
				if (eq) {
					cli_usage_error(cmd, "option --%s takes no value", o->name);
					return -1;
				}
				*(int *)o->dest = o->value;
				continue;
			}
			if (eq) {
				if (store_value(cmd, o, eq + 1) < 0)
					return -1;
				continue;
			}
		} else {
			o = find_short(opts, a[1]);
			if (!o || a[2]) {
				cli_usage_error(cmd, "unknown option '%s' (see 'awol %s --help')",
				                a, cmd->name);
				return -1;
			}
			if (o->type == CLI_OPT_FLAG) {
				*(int *)o->dest = o->value;
				continue;
			}
		}
		if (i + 1 >= argc) {
			cli_usage_error(cmd, "option --%s needs a value (%s)", o->name,
			                o->arg ? o->arg : "VALUE");
			return -1;
		}
		if (store_value(cmd, o, argv[++i]) < 0)
			return -1;
	}
	argv[1 + n] = NULL;
	*npos = n;
	return 0;
}

void cli_usage(FILE *out, const cli_command *cmd, const cli_opt *opts)
{
	const cli_opt *o;

	fprintf(out, "usage: awol %s %s\n\n%s\n", cmd->name, cmd->synopsis ? cmd->synopsis : "",
	        cmd->summary);
	if (opts && opts->type != CLI_OPT_END) {
		fprintf(out, "\noptions:\n");
		for (o = opts; o->type != CLI_OPT_END; o++) {
			char left[64];
			if (o->short_name)
				snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name,
				         o->name, o->arg ? " " : "", o->arg ? o->arg : "");
			else
				snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				         o->arg ? " " : "", o->arg ? o->arg : "");
			if (strlen(left) > 28)
				fprintf(out, "  %s\n  %-28s  %s\n", left, "", o->help);
			else
				fprintf(out, "  %-28s  %s\n", left, o->help);
		}
	}
	fprintf(out, "  %-28s  %s\n", "-h, --help", "show this help");
	if (cmd->description)
		fprintf(out, "\n%s\n", cmd->description);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "awol %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_EXIT_USAGE;
}

int cli_report(const awol_error *err)
{
	fprintf(stderr, "awol: %s\n", err && err->msg[0] ? err->msg : "unknown error");
	return CLI_EXIT_FAIL;
}

bool cli_check_choice(const cli_command *cmd, const char *option, const char *value,
                      const char *const *choices)
{
	const char *const *c;
	char list[256] = "";
	size_t used = 0;

	for (c = choices; *c; c++)
		if (strcmp(*c, value) == 0)
			return true;
	for (c = choices; *c; c++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s", c == choices ? "" : ", ",
		                 *c);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	for (c = choices; *c; c++)
		;
	{
		const char *hit =
		    awol_suggest(value, (const char *const *)choices, (size_t)(c - choices), 0);
		if (hit)
			cli_usage_error(cmd,
			                "--%s must be one of: %s (got '%s'; did you mean '%s'?)",
			                option, list, value, hit);
		else
			cli_usage_error(cmd, "--%s must be one of: %s (got '%s')", option, list,
			                value);
	}
	return false;
}

bool cli_stdout_is_tty(void)
{
	return isatty(STDOUT_FILENO) == 1;
}
