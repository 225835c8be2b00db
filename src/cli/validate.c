/*
 * The CLI's shared validators (cli.h): every command that takes dates,
 * articles, courts or an address checks them here, through its option table
 * (CLI_OPT_DATE, CLI_OPT_ARTICLES, ...) or a call, so a mistyped value is a
 * usage error naming it (exit 2), never an empty selection that "succeeds".
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/suggest.h"
#include "util/text.h"
#include "awol/courts.h"
#include "cli.h"

#include <ctype.h>

/* The Criminal Code (УК РФ) has articles 1 to 361; added ones carry a dotted suffix (205.1). */
enum { UK_LAST_ARTICLE = 361 };

/* Levels whose courts hear criminal cases at first instance: what a crawl can collect. */
static const char *const FIRST_LEVELS[] = {"garrison", "district", "fleet"};

bool cli_check_date(const cli_command *cmd, const char *option, const char *value)
{
	awol_date d;

	if (value && awol_date_parse_iso(value, &d))
		return true;
	cli_usage_error(cmd, "--%s %s is not a date YYYY-MM-DD", option, value ? value : "''");
	return false;
}

bool cli_check_period(const cli_command *cmd, const char *from, const char *to)
{
	if (!from || !to || strcmp(from, to) <= 0)
		return true;
	cli_usage_error(cmd, "--from %s is after --to %s", from, to);
	return false;
}

/* "337", "205.1": digits without a leading zero, 1..361, an optional .N suffix. */
static bool uk_article(const char *s, size_t n)
{
	size_t i = 0, j;
	long v = 0;

	if (n == 0 || s[0] == '0')
		return false;
	for (; i < n && isdigit((unsigned char)s[i]) && i < 3; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || v < 1 || v > UK_LAST_ARTICLE)
		return false;
	if (i == n)
		return true;
	if (s[i] != '.' || i + 1 == n || s[i + 1] == '0')
		return false;
	for (j = i + 1; j < n && j < i + 3; j++)
		if (!isdigit((unsigned char)s[j]))
			return false;
	return j == n;
}

/* "5", "3.1": a part of an article, 1..99 with an optional .N. */
static bool uk_part(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || s[0] == '0')
		return false;
	while (i < n && i < 2 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0)
		return false;
	if (i == n)
		return true;
	return i + 2 == n && s[i] == '.' && s[i + 1] >= '1' && s[i + 1] <= '9';
}

/* A comma list (or one item) of which every element passes `valid`. */
static bool check_list(const cli_command *cmd, const char *option, const char *list, bool several,
                       bool (*valid)(const char *, size_t), const char *what, const char *expected)
{
	const char *p = list;
	size_t count = 0;

	if (!list)
		return true;
	for (;;) {
		size_t n = strcspn(p, ",");
		if (n == 0) {
			cli_usage_error(cmd, "--%s '%s': an empty %s%s", option, list, what,
			                *p || count ? " in the list" : " selects nothing");
			return false;
		}
		if (!valid(p, n)) {
			cli_usage_error(cmd, "--%s: '%.*s' is not %s", option, (int)n, p, expected);
			return false;
		}
		count++;
		if (!several && p[n] == ',') {
			cli_usage_error(cmd, "--%s takes one %s, got '%s'", option, what, list);
			return false;
		}
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

bool cli_check_articles(const cli_command *cmd, const char *option, const char *list, bool several)
{
	return check_list(cmd, option, list, several, uk_article, "article",
	                  "an article of the Criminal Code (a number from 1 to 361, e.g. 337 or "
	                  "205.1)");
}

bool cli_check_parts(const cli_command *cmd, const char *option, const char *list, bool several)
{
	return check_list(cmd, option, list, several, uk_part, "part",
	                  "a part of an article (a number like 5 or 3.1)");
}

bool cli_check_worker(const cli_command *cmd, const char *option, const char *value)
{
	size_t n = value ? strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                 "0123456789._-")
	                 : 0;

	if (!value || (n > 0 && n <= 64 && value[n] == '\0'))
		return true;
	cli_usage_error(cmd,
	                "--%s '%s' is not a worker name (1 to 64 letters, digits, '.', '_' "
	                "or '-')",
	                option, value);
	return false;
}

bool cli_check_hostport(const cli_command *cmd, const char *option, const char *value)
{
	const char *colon, *port;
	long v = 0;

	if (!value)
		return true;
	if (value[0] == '[') {
		const char *close = strchr(value, ']');
		colon = close && close[1] == ':' ? close + 1 : NULL;
		if (close == value + 1)
			colon = NULL;
	} else {
		colon = strrchr(value, ':');
		if (colon && (colon == value || memchr(value, ':', (size_t)(colon - value))))
			colon = NULL; /* ":80" has no host; "::1:80" needs brackets */
	}
	if (!colon) {
		cli_usage_error(cmd,
		                "--%s %s: expected HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080)",
		                option, value);
		return false;
	}
	port = colon + 1;
	if (!*port || strlen(port) > 5 || strspn(port, "0123456789") != strlen(port) ||
	    (v = strtol(port, NULL, 10)) < 1 || v > 65535) {
		cli_usage_error(cmd, "--%s %s: the port must be a number from 1 to 65535", option,
		                value);
		return false;
	}
	return true;
}

/* ---- courts ---- */

static bool crawlable_level(const char *level)
{
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(FIRST_LEVELS); i++)
		if (strcmp(level, FIRST_LEVELS[i]) == 0)
			return true;
	return false;
}

static bool is_level(const awol_court_list *l, const char *word)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->items[i].level, word) == 0)
			return true;
	return false;
}

/* Append code to the comma list unless it is there already. */
static int add_code(awol_buf *b, const char *code)
{
	const char *s = awol_buf_cstr(b), *p;
	size_t l = strlen(code);

	for (p = s; (p = strstr(p, code)) != NULL; p += l)
		if ((p == s || p[-1] == ',') && (p[l] == '\0' || p[l] == ','))
			return 0;
	return awol_buf_printf(b, NULL, "%s%s", b->len ? "," : "", code);
}

/* "did you mean CODE (name)?" for a word that is no code, host, name (or level). */
static void unknown_court(const cli_command *cmd, const char *option, const awol_court_list *l,
                          const char *word, bool levels)
{
	const char **cand = calloc(2 * l->n + AWOL_ARRAY_SIZE(FIRST_LEVELS) + 2, sizeof(*cand));
	const char *hit = NULL;
	const awol_court *c = NULL;
	size_t i, n = 0, hits = 0;

	for (i = 0; cand && i < l->n; i++) {
		cand[n++] = l->items[i].code;
		cand[n++] = l->items[i].name;
	}
	for (i = 0; cand && levels && i < AWOL_ARRAY_SIZE(FIRST_LEVELS); i++)
		cand[n++] = FIRST_LEVELS[i];
	if (cand && levels)
		cand[n++] = "all";
	if (cand)
		hit = awol_suggest(word, cand, n, 0);
	for (i = 0; !hit && i < l->n; i++)
		if (strlen(word) >= 3 && awol_text_icontains(l->items[i].name, word) && hits++ == 0)
			c = &l->items[i]; /* part of a name: only when one court has it */
	if (hits > 1)
		c = NULL;
	for (i = 0; hit && i < l->n; i++)
		if (hit == l->items[i].code || hit == l->items[i].name)
			c = &l->items[i];
	if (c && strcasecmp(word, c->name) == 0)
		cli_usage_error(cmd, "--%s: '%s' is a court's name; give its code: %s", option,
		                word, c->code);
	else if (c)
		cli_usage_error(cmd, "--%s: unknown court '%s'; did you mean %s (%s)?", option,
		                word, c->code, c->name);
	else if (hit)
		cli_usage_error(cmd, "--%s: unknown court '%s'; did you mean %s?", option, word,
		                hit);
	else
		cli_usage_error(cmd,
		                "--%s: unknown court '%s' (give court codes such as 77GV0005%s; "
		                "'awol courts' lists them)",
		                option, word,
		                levels ? ", a level: garrison, district, fleet, or all" : "");
	free(cand);
}

/*
 * Normalised values replace the argument in the option's destination; the CLI runs one
 * command per process, so they are kept (reachable) until it exits, never freed under a
 * destination still pointing at them.
 */
static char *kept[16];

static const char *keep(char *s)
{
	size_t i;

	for (i = 0; s && i < AWOL_ARRAY_SIZE(kept); i++)
		if (!kept[i])
			return kept[i] = s;
	return s; /* more values than any command takes: left to the exit */
}

bool cli_check_court(const cli_command *cmd, const char *option, const char **value)
{
	awol_court_list l = {0};
	awol_error err = {0};
	const awol_court *c;
	char word[512];
	bool ok = false;

	if (!*value)
		return true;
	if (awol_courts_load_default(&l, &err) < 0) {
		cli_report(&err);
		return false;
	}
	snprintf(word, sizeof(word), "%s", *value);
	awol_text_clean(word);
	c = awol_courts_find(&l, word);
	if (!c)
		unknown_court(cmd, option, &l, word, false);
	else if ((*value = keep(strdup(c->code))) != NULL)
		ok = true;
	awol_courts_dispose(&l);
	return ok;
}

bool cli_check_courts(const cli_command *cmd, const char *option, const char **value)
{
	awol_court_list l = {0};
	awol_error err = {0};
	awol_buf b = AWOL_BUF_INIT;
	const char *p = *value;
	bool ok = false;
	size_t i;

	/* the two words lib/crawl knows itself */
	if (!p || strcmp(p, "garrison") == 0 || strcmp(p, "all") == 0)
		return true;
	if (awol_courts_load_default(&l, &err) < 0) {
		cli_report(&err);
		return false;
	}
	while (*p) {
		size_t n = strcspn(p, ",");
		const awol_court *c;
		char word[512];

		snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) ? n : sizeof(word) - 1),
		         p);
		awol_text_clean(word);
		p += n + (p[n] == ',');
		if (!*word)
			continue;
		if (strcasecmp(word, "all") == 0 || is_level(&l, word)) {
			bool all = strcasecmp(word, "all") == 0;
			if (!all && !crawlable_level(word)) {
				cli_usage_error(
				    cmd,
				    "--%s: the %s court hears no criminal case at first "
				    "instance; levels to collect: garrison, district, fleet",
				    option, word);
				goto done;
			}
			for (i = 0; i < l.n; i++)
				if (l.items[i].host[0] && crawlable_level(l.items[i].level) &&
				    (all || strcasecmp(l.items[i].level, word) == 0))
					add_code(&b, l.items[i].code);
			continue;
		}
		c = awol_courts_find(&l, word);
		if (!c) {
			unknown_court(cmd, option, &l, word, true);
			goto done;
		}
		if (!c->host[0]) {
			cli_usage_error(cmd, "--%s: court %s (%s) has no site to collect from (%s)",
			                option, c->code, c->name, c->status);
			goto done;
		}
		if (!crawlable_level(c->level)) {
			cli_usage_error(
			    cmd,
			    "--%s: %s (%s) is the %s court: it hears no criminal case at "
			    "first instance",
			    option, c->code, c->name, c->level);
			goto done;
		}
		add_code(&b, c->code);
	}
	if (b.len == 0) {
		cli_usage_error(cmd, "--%s '%s' selects no court", option, *value);
		goto done;
	}
	*value = keep(awol_buf_detach(&b));
	ok = *value != NULL;
done:
	awol_buf_dispose(&b);
	awol_courts_dispose(&l);
	return ok;
}
