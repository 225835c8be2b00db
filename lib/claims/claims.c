/*
 * Claims files (include/awol/claims.h, docs/claims.md): YAML read into claims, with
 * periods resolved and every error naming the file, the line and the claim.  The
 * verdicts are in verdict.c.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/file.h"
#include "awol/claims.h"

#include <errno.h>
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
	l->geography = map_str(y, n, "geography");
	if (l->geography && !awol_figures_geography_valid(l->geography))
		return awol_error_set(y->err, AWOL_EPARSE,
		                      "%s:%d: claim %s: geography '%s' is not national, "
		                      "region:CODE[+CODE], court:CODE[+CODE] or other",
		                      y->path, line, cid, l->geography);
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
	                                    "cases_decided",
	                                    "verdicts",
	                                    "convictions",
	                                    "defendants",
	                                    "persons_sentenced",
	                                    "defendants_convicted",
	                                    "sentences_read",
	                                    "sentences_suspended",
	                                    "sentences_real",
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

/* Digits after the point of a number as written ("2" -> 0, "2.50" -> 2). */
static int decimals_of(const char *v)
{
	const char *dot = strchr(v, '.');

	return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* A claimed value: a finite decimal number ("nan", "inf", 1e999 are not). */
static bool claimed_number(const char *v, double *out)
{
	char *end;

	if (!v || !*v || strspn(v, "0123456789+-.eE") != strlen(v))
		return false;
	errno = 0;
	*out = strtod(v, &end);
	return !*end && errno == 0 && isfinite(*out);
}

int awol_claims_load(const char *path, awol_claims *out, awol_error *err)
{
	awol_buf b;
	int rc;

	memset(out, 0, sizeof(*out));
	awol_buf_init(&b, 16 * 1024 * 1024);
	rc = awol_file_read(path, &b, err);
	if (rc == 0)
		rc = awol_claims_parse(path, b.ptr ? b.ptr : "", b.len, out, err);
	awol_buf_dispose(&b);
	return rc;
}

int awol_claims_parse(const char *path, const char *data, size_t len, awol_claims *out,
                      awol_error *err)
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
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &y.doc)) {
		rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: %s", path,
		                    parser.problem_mark.line + 1,
		                    parser.problem ? parser.problem : "YAML syntax error");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
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
		char *v;
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
		{
			/* a verdict is reported by id: two claims with one id cannot be told apart
			 */
			size_t k;
			for (k = 0; k + 1 < out->n; k++)
				if (strcmp(out->items[k].id, c->id) == 0) {
					rc = awol_error_set(
					    err, AWOL_EPARSE,
					    "%s:%d: claim id '%s' is used again (first "
					    "at line %d)",
					    path, line, c->id, out->items[k].line);
					goto done;
				}
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
		c->value = NAN;
		if (!claimed_number(v, &c->value)) {
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s:%d: claim %s: 'value' must be a number", path, line,
			                    c->id);
			free(v);
			goto done;
		}
		c->decimals = decimals_of(v);
		free(v);
		v = map_str(&y, n, "tolerance");
		c->tolerance = 0.05;
		if (v &&
		    (!claimed_number(v, &c->tolerance) || c->tolerance < 0 || c->tolerance >= 1)) {
			rc = awol_error_set(
			    err, AWOL_EPARSE,
			    "%s:%d: claim %s: 'tolerance' must be a number from 0 to "
			    "1 (0.05 = 5%%)",
			    path, line, c->id);
			free(v);
			goto done;
		}
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

static void label_free(awol_label *l)
{
	free(l->unit);
	free(l->articles);
	free(l->period);
	free(l->geography);
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
		free(c->verdict), free(c->why), free(c->caveat);
	}
	free(cs->items);
	free(cs->title);
	memset(cs, 0, sizeof(*cs));
}
