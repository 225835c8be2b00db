/*
 * Claims files and verdicts (include/awol/claims.h, docs/claims.md).
 *
 * A claim states a number the way an editor would, what it says the number
 * is (unit, articles, period), and where the number comes from (a published
 * figure, or our own counts).  The verdict compares both the number and the
 * labels: a number that is right but called something else — AWOL called
 * desertion, cases received called opened, half a year set against full
 * years — is `mislabelled`, not `holds`.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "awol/claims.h"
#include "awol/stats.h"

#include <math.h>
#include <yaml.h>

/* ---- periods ---- */

static bool month_end(int y, int m, char out[11])
{
	awol_date d = m == 12 ? (awol_date){y + 1, 1, 1} : (awol_date){y, m + 1, 1};
	d = awol_date_from_days(awol_date_to_days(d) - 1);
	awol_date_iso(d, out);
	return true;
}

/* "2023", "2023-H1", "2023-Q2", "2023-06", "2023-06-30", "A..B" -> [start, end]. */
static bool resolve_one(const char *p, char s[11], char e[11])
{
	int y, k;
	char tail;
	awol_date d;

	if (awol_date_parse_iso(p, &d)) {
		awol_date_iso(d, s);
		awol_date_iso(d, e);
		return true;
	}
	if (sscanf(p, "%4d-H%d%c", &y, &k, &tail) == 2 && k >= 1 && k <= 2) {
		snprintf(s, 11, "%04d-%02d-01", y, k == 1 ? 1 : 7);
		return month_end(y, k == 1 ? 6 : 12, e);
	}
	if (sscanf(p, "%4d-Q%d%c", &y, &k, &tail) == 2 && k >= 1 && k <= 4) {
		snprintf(s, 11, "%04d-%02d-01", y, 3 * k - 2);
		return month_end(y, 3 * k, e);
	}
	if (strlen(p) == 7 && sscanf(p, "%4d-%2d", &y, &k) == 2 && k >= 1 && k <= 12) {
		snprintf(s, 11, "%04d-%02d-01", y, k);
		return month_end(y, k, e);
	}
	if (strlen(p) == 4 && sscanf(p, "%4d", &y) == 1 && y > 1900 && y < 2200) {
		snprintf(s, 11, "%04d-01-01", y);
		snprintf(e, 11, "%04d-12-31", y);
		return true;
	}
	return false;
}

static bool resolve_period(const char *p, char s[11], char e[11])
{
	const char *dots = p ? strstr(p, "..") : NULL;
	char a[32], b[32], x[11];

	if (!p)
		return false;
	if (!dots)
		return resolve_one(p, s, e);
	snprintf(a, sizeof(a), "%.*s", (int)(dots - p), p);
	snprintf(b, sizeof(b), "%s", dots + 2);
	return resolve_one(a, s, x) && resolve_one(b, x, e) && strcmp(s, e) <= 0;
}

static long days(const char *iso)
{
	awol_date d;
	return awol_date_parse_iso(iso, &d) ? awol_date_to_days(d) : 0;
}

/* ---- YAML ---- */

typedef struct yctx {
	yaml_document_t doc;
	const char *path;
	awol_error *err;
} yctx;

static yaml_node_t *map_get(yctx *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

static char *map_str(yctx *y, yaml_node_t *map, const char *key)
{
	yaml_node_t *n = map_get(y, map, key);

	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return strdup((char *)n->data.scalar.value);
}

static int read_label(yctx *y, yaml_node_t *n, awol_label *l, const char *cid, int line)
{
	l->unit = map_str(y, n, "unit");
	l->articles = map_str(y, n, "articles");
	l->period = map_str(y, n, "period");
	if (!l->unit || !l->period)
		return awol_error_set(y->err, AWOL_EPARSE,
		                      "%s:%d: claim %s: 'says' needs unit and period", y->path,
		                      line, cid);
	if (!resolve_period(l->period, l->start, l->end))
		return awol_error_set(y->err, AWOL_EPARSE,
		                      "%s:%d: claim %s: impossible period '%s' (use 2023, 2023-H1, "
		                      "2023-Q2, 2023-06, or FROM..TO)",
		                      y->path, line, cid, l->period);
	return 0;
}

static int read_side(yctx *y, yaml_node_t *n, awol_side *s, const char *cid, int line)
{
	yaml_node_t *says = map_get(y, n, "says");

	s->figure = map_str(y, n, "figure");
	if (!says)
		return awol_error_set(y->err, AWOL_EPARSE, "%s:%d: claim %s: missing 'says'",
		                      y->path, line, cid);
	return read_label(y, says, &s->says, cid, line);
}

static bool known_unit(const char *u)
{
	static const char *const units[] = {"cases_received",
	                                    "cases_opened",
	                                    "cases_considered",
	                                    "verdicts",
	                                    "convictions",
	                                    "defendants",
	                                    "persons_sentenced",
	                                    "requests",
	                                    "percent_change",
	                                    "share_percent",
	                                    NULL};
	const char *const *p;

	for (p = units; *p; p++)
		if (strcmp(*p, u) == 0)
			return true;
	return false;
}

/* Parse a claims file from an open stream (closed here); path names it in errors. */
static int load_stream(FILE *f, const char *path, awol_claims *out, awol_error *err)
{
	yaml_parser_t parser;
	yctx y = {0};
	yaml_node_t *root, *list;
	yaml_node_item_t *it;
	int rc = 0;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	y.path = path;
	y.err = err;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &y.doc)) {
		rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: %s", path,
		                    parser.problem_mark.line + 1,
		                    parser.problem ? parser.problem : "YAML syntax error");
		yaml_parser_delete(&parser);
		fclose(f);
		return rc;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	root = yaml_document_get_root_node(&y.doc);
	list = map_get(&y, root, "claims");
	if (!list || list->type != YAML_SEQUENCE_NODE) {
		rc = awol_error_set(err, AWOL_EPARSE,
		                    "%s:1: expected a mapping with a 'claims' list", path);
		goto done;
	}
	out->title = map_str(&y, root, "title");
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *n = yaml_document_get_node(&y.doc, *it);
		awol_claim *c;
		char *v, *end;
		int line = n ? (int)n->start_mark.line + 1 : 0;

		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			awol_claim *ni = realloc(out->items, nc * sizeof(*ni));
			if (!ni) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				goto done;
			}
			out->items = ni;
			cap = nc;
		}
		c = &out->items[out->n++];
		memset(c, 0, sizeof(*c));
		c->line = line;
		c->found = NAN;
		c->id = map_str(&y, n, "id");
		c->text = map_str(&y, n, "text");
		c->kind = map_str(&y, n, "kind");
		c->source = map_str(&y, n, "from");
		if (!c->id || !c->kind) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%d: a claim needs 'id' and 'kind'", path, line);
			goto done;
		}
		if (strcmp(c->kind, "count") && strcmp(c->kind, "ratio") &&
		    strcmp(c->kind, "percent_change") && strcmp(c->kind, "share")) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%d: claim %s: unknown kind '%s' (count, ratio, "
			                    "percent_change, share)",
			                    path, line, c->id, c->kind);
			goto done;
		}
		v = map_str(&y, n, "value");
		c->value = v ? strtod(v, &end) : NAN;
		if (!v || *end) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%d: claim %s: 'value' must be a number", path, line,
			                    c->id);
			free(v);
			goto done;
		}
		free(v);
		v = map_str(&y, n, "tolerance");
		c->tolerance = v ? strtod(v, NULL) : 0.05;
		free(v);
		if (map_get(&y, n, "numerator")) {
			rc = read_side(&y, map_get(&y, n, "numerator"), &c->num, c->id, line);
			if (rc == 0)
				rc = read_side(&y, map_get(&y, n, "denominator"), &c->den, c->id,
				               line);
			if (rc == 0 &&
			    (!known_unit(c->num.says.unit) || !known_unit(c->den.says.unit)))
				rc = awol_error_set(err, AWOL_EPARSE,
				                    "%s:%d: claim %s: unknown unit", path, line,
				                    c->id);
		} else {
			rc = read_side(&y, n, &c->single, c->id, line);
			if (rc == 0 && !known_unit(c->single.says.unit))
				rc = awol_error_set(err, AWOL_EPARSE,
				                    "%s:%d: claim %s: unknown unit '%s'", path,
				                    line, c->id, c->single.says.unit);
		}
		if (rc < 0)
			goto done;
		if (c->source && strcmp(c->source, "figures") && strcmp(c->source, "db")) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%d: claim %s: 'from' is figures or db", path, line,
			                    c->id);
			goto done;
		}
	}
done:
	yaml_document_delete(&y.doc);
	if (rc < 0)
		awol_claims_dispose(out);
	return rc;
}

int awol_claims_load(const char *path, awol_claims *out, awol_error *err)
{
	FILE *f = fopen(path, "rb");

	memset(out, 0, sizeof(*out));
	if (!f)
		return awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(errno));
	return load_stream(f, path, out, err);
}

int awol_claims_load_mem(const char *name, const char *buf, size_t len, awol_claims *out,
                         awol_error *err)
{
	FILE *f;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return awol_error_set(err, AWOL_EPARSE, "%s:1: empty claims file", name);
	f = fmemopen((void *)(uintptr_t)buf, len, "rb"); /* read only */
	if (!f)
		return awol_error_set(err, AWOL_ENOMEM, "%s: %s", name, strerror(errno));
	return load_stream(f, name, out, err);
}

/* ---- verdicts ---- */

static bool near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fabs(b) + 1e-9;
}

/* How the label of a figure differs from what the claim says; "" when it agrees. */
static void label_diff(awol_buf *b, const awol_label *says, const awol_figure *f)
{
	if (strcmp(says->unit, f->unit) != 0)
		awol_buf_printf(b, NULL, "the figure counts %s, the claim says %s; ", f->unit,
		                says->unit);
	if (says->articles && strcmp(says->articles, f->articles) != 0)
		awol_buf_printf(b, NULL, "the figure is about art. %s, the claim says art. %s%s; ",
		                f->articles, says->articles,
		                strstr(says->articles, "338") && !strstr(f->articles, "338")
		                    ? " (desertion, while 337 is going AWOL)"
		                    : "");
	if (labs(days(says->start) - days(f->period_start)) > 3 ||
	    labs(days(says->end) - days(f->period_end)) > 3)
		awol_buf_printf(b, NULL, "the figure covers %s..%s, the claim says %s; ",
		                f->period_start, f->period_end, says->period);
}

static const awol_figure *find_exact(const awol_figure_list *l, const awol_label *s)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		if (strcmp(f->unit, s->unit) == 0 && s->articles &&
		    strcmp(f->articles, s->articles) == 0 &&
		    labs(days(s->start) - days(f->period_start)) <= 3 &&
		    labs(days(s->end) - days(f->period_end)) <= 3)
			return f;
	}
	return NULL;
}

/* Our own count for a label: cases received only (what the store can count); -1 if none. */
static long db_count(awol_store *st, const awol_label *s)
{
	long n = -1;

	if (!st || strcmp(s->unit, "cases_received") != 0 || !s->articles)
		return -1;
	if (awol_stats_count_received(st, s->articles, s->start, s->end, &n, NULL) < 0)
		return -1;
	return n;
}

static void set(awol_claim *c, const char *verdict, double found, awol_buf *why)
{
	/* one plain sentence: the "; " list ends with a full stop */
	while (why->len && (why->ptr[why->len - 1] == ' ' || why->ptr[why->len - 1] == ';'))
		why->ptr[--why->len] = '\0';
	awol_buf_putc(why, '.', NULL);
	c->verdict = strdup(verdict);
	c->found = found;
	c->why = awol_buf_detach(why);
}

/* The figure behind one side: the named one, else one that matches the label exactly. */
static const awol_figure *side_figure(const awol_figure_list *l, const awol_side *s)
{
	return s->figure ? awol_figures_find(l, s->figure) : find_exact(l, &s->says);
}

static void check_single(awol_claim *c, const awol_figure_list *l, awol_store *st)
{
	awol_buf why = AWOL_BUF_INIT, diff = AWOL_BUF_INIT;
	const awol_figure *f;
	size_t i;

	if (c->source && strcmp(c->source, "db") == 0) {
		long n = db_count(st, &c->single.says);
		if (n < 0) {
			awol_buf_puts(&why,
			              st ? "our database cannot count this unit"
			                 : "no --db given to count from",
			              NULL);
			set(c, "unverifiable", NAN, &why);
			return;
		}
		awol_buf_printf(&why, NULL, "our count of %s (art. %s, %s) is %ld",
		                c->single.says.unit, c->single.says.articles, c->single.says.period,
		                n);
		set(c,
		    n == (long)c->value                       ? "holds"
		    : near((double)n, c->value, c->tolerance) ? "holds-approximately"
		                                              : "contradicted",
		    (double)n, &why);
		return;
	}
	f = side_figure(l, &c->single);
	if (c->single.figure && !f) {
		awol_buf_printf(&why, NULL, "no published figure with id %s", c->single.figure);
		set(c, "unverifiable", NAN, &why);
		return;
	}
	if (!f) {
		/* nothing says exactly this: is the number somewhere under another label? */
		for (i = 0; i < l->n; i++)
			if (near(l->items[i].value, c->value, c->tolerance * 0.2)) {
				f = &l->items[i];
				break;
			}
		if (!f) {
			awol_buf_puts(&why,
			              "no published figure matches the claim's unit, articles "
			              "and period, or its number",
			              NULL);
			set(c, "unverifiable", NAN, &why);
			return;
		}
	}
	label_diff(&diff, &c->single.says, f);
	if (!near(f->value, c->value, c->tolerance)) {
		awol_buf_printf(&why, NULL, "%s (%s) says %g, the claim says %g", f->id, f->source,
		                f->value, c->value);
		set(c, "contradicted", f->value, &why);
	} else if (diff.len) {
		awol_buf_printf(&why, NULL, "the number is %s (%s), but %s", f->id, f->source,
		                awol_buf_cstr(&diff));
		set(c, "mislabelled", f->value, &why);
	} else {
		awol_buf_printf(&why, NULL, "%s (%s): %g", f->id, f->source, f->value);
		set(c, f->value == c->value ? "holds" : "holds-approximately", f->value, &why);
	}
	awol_buf_dispose(&diff);
}

static void check_pair(awol_claim *c, const awol_figure_list *l, awol_store *st)
{
	awol_buf why = AWOL_BUF_INIT, diff = AWOL_BUF_INIT;
	const awol_figure *fn = side_figure(l, &c->num), *fd = side_figure(l, &c->den);
	double a, b, r, like = NAN;
	long ln, ld;

	(void)st;
	if (!fn || !fd) {
		awol_buf_printf(&why, NULL, "no published figure for the %s",
		                !fn ? "numerator" : "denominator");
		set(c, "unverifiable", NAN, &why);
		return;
	}
	a = fn->value;
	b = fd->value;
	if (b == 0) {
		awol_buf_puts(&why, "the denominator is zero", NULL);
		set(c, "unverifiable", NAN, &why);
		return;
	}
	r = strcmp(c->kind, "percent_change") == 0 ? 100.0 * (a - b) / b : a / b;
	label_diff(&diff, &c->num.says, fn);
	{
		/* the same mislabel on both sides is said once */
		awol_buf d2 = AWOL_BUF_INIT;
		label_diff(&d2, &c->den.says, fd);
		if (d2.len && !strstr(awol_buf_cstr(&diff), awol_buf_cstr(&d2)))
			awol_buf_put(&diff, d2.ptr, d2.len, NULL);
		awol_buf_dispose(&d2);
	}
	ln = days(fn->period_end) - days(fn->period_start) + 1;
	ld = days(fd->period_end) - days(fd->period_start) + 1;
	if (labs(ln - ld) > ld / 10) {
		awol_buf_printf(
		    &diff, NULL, "it sets %ld days (%s..%s) against %ld days (%s..%s); ", ln,
		    fn->period_start, fn->period_end, ld, fd->period_start, fd->period_end);
		/* the like-for-like ratio, when the numerator's full period is published */
		{
			size_t i;
			for (i = 0; i < l->n; i++) {
				const awol_figure *g = &l->items[i];
				if (strcmp(g->unit, fn->unit) == 0 &&
				    strcmp(g->articles, fn->articles) == 0 &&
				    strncmp(g->period_start, fn->period_start, 4) == 0 &&
				    labs(days(g->period_end) - days(g->period_start) + 1 - ld) <=
				        ld / 10) {
					like = strcmp(c->kind, "percent_change") == 0
					           ? 100.0 * (g->value - b) / b
					           : g->value / b;
					awol_buf_printf(
					    &diff, NULL,
					    "like for like (%s, %g) the ratio is %.2f; ", g->id,
					    g->value, like);
					break;
				}
			}
		}
	}
	if (!near(r, c->value, c->tolerance)) {
		awol_buf_printf(&why, NULL, "%s/%s = %g/%g gives %.2f, the claim says %g; %s",
		                fn->id, fd->id, a, b, r, c->value, awol_buf_cstr(&diff));
		set(c, "contradicted", r, &why);
	} else if (diff.len) {
		awol_buf_printf(&why, NULL, "%s/%s = %g/%g gives %.2f, but %s", fn->id, fd->id, a,
		                b, r, awol_buf_cstr(&diff));
		set(c, "mislabelled", r, &why);
	} else {
		awol_buf_printf(&why, NULL, "%s/%s = %g/%g = %.2f", fn->id, fd->id, a, b, r);
		set(c, near(r, c->value, 0.005) ? "holds" : "holds-approximately", r, &why);
	}
	awol_buf_dispose(&diff);
}

int awol_claims_check(awol_claims *cs, const awol_figure_list *figs, awol_store *st,
                      awol_error *err)
{
	size_t i;

	(void)err;
	for (i = 0; i < cs->n; i++) {
		awol_claim *c = &cs->items[i];
		free(c->verdict);
		free(c->why);
		c->verdict = c->why = NULL;
		if (c->num.says.unit)
			check_pair(c, figs, st);
		else
			check_single(c, figs, st);
	}
	return 0;
}

static void label_free(awol_label *l)
{
	free(l->unit);
	free(l->articles);
	free(l->period);
}

void awol_claims_dispose(awol_claims *cs)
{
	size_t i;

	if (!cs)
		return;
	for (i = 0; i < cs->n; i++) {
		awol_claim *c = &cs->items[i];
		free(c->id), free(c->text), free(c->kind), free(c->source);
		label_free(&c->single.says), free(c->single.figure);
		label_free(&c->num.says), free(c->num.figure);
		label_free(&c->den.says), free(c->den.figure);
		free(c->verdict), free(c->why);
	}
	free(cs->items);
	free(cs->title);
	memset(cs, 0, sizeof(*cs));
}
