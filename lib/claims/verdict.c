/*
 * Verdicts on claims (include/awol/claims.h, docs/claims.md).
 *
 * A claim states a number, what it says the number is (unit, articles, period, place)
 * and where it comes from: a published figure, or our own counts (`from: db`).  Against
 * figures the verdict weighs both the number and the labels: a number that is right but
 * called something else — AWOL called desertion, cases received called opened, a region
 * called the country — is `mislabelled`, not `holds`.  Against our counts it weighs what
 * the count rests on: a count over incomplete coverage is a lower bound, which can show
 * a claim too small but never too large.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "awol/claims.h"
#include "awol/store_count.h"

#include <ctype.h>
#include <math.h>

static long days(const char *iso)
{
	awol_date d;
	return iso && awol_date_parse_iso(iso, &d) ? awol_date_to_days(d) : 0;
}

static long period_days(const char *start, const char *end)
{
	return days(end) - days(start) + 1;
}

static bool near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fabs(b) + 1e-9;
}

/* holds: the number, rounded to the precision the claim is written at, is the claim's. */
static bool equal_as_written(double found, const awol_claim *c)
{
	double scale = pow(10, c->decimals > 6 ? 6 : c->decimals);

	return round(found * scale) == round(c->value * scale);
}

static const char *geography_of(const awol_label *l)
{
	return l->geography ? l->geography : "national";
}

/* The one rule for periods: first and last days each within the slack. */
static bool same_period(const char *s0, const char *e0, const char *s1, const char *e1)
{
	return labs(days(s0) - days(s1)) <= AWOL_CLAIMS_PERIOD_SLACK_DAYS &&
	       labs(days(e0) - days(e1)) <= AWOL_CLAIMS_PERIOD_SLACK_DAYS;
}

/* ---- related figures (for a number found under other labels) ---- */

/* Article numbers of a label ("337+332+338"); chapter 33 as a whole stands for its articles. */
static size_t article_numbers(const char *a, long out[16])
{
	size_t n = 0;
	const char *p;

	if (!a)
		return 0;
	if (strstr(a, "ch.33")) {
		static const long ch33[] = {332, 333, 334, 335, 336, 337, 338, 339};
		for (n = 0; n < AWOL_ARRAY_SIZE(ch33); n++)
			out[n] = ch33[n];
		return n;
	}
	for (p = a; *p && n < 16;) {
		if (isdigit((unsigned char)*p)) {
			char *end;
			out[n++] = strtol(p, &end, 10);
			p = end;
			/* a part or point ("337 part 5") is not an article */
			if (n && strncmp(p, " part", 5) == 0)
				while (*p && *p != '+' && *p != ',')
					p++;
		} else
			p++;
	}
	return n;
}

/*
 * Related articles: one in common, or AWOL (337) against desertion (338), the pair most
 * often confused.  A claim that names no articles is related to any.
 */
static bool articles_related(const char *claim, const char *figure)
{
	long a[16], b[16];
	size_t na = article_numbers(claim, a), nb = article_numbers(figure, b), i, j;

	if (!claim)
		return true;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j] || (a[i] == 337 && b[j] == 338) ||
			    (a[i] == 338 && b[j] == 337))
				return true;
	return false;
}

static bool periods_overlap(const awol_label *s, const awol_figure *f)
{
	return days(s->start) <= days(f->period_end) && days(f->period_start) <= days(s->end);
}

/* ---- labels ---- */

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
	if (!same_period(says->start, says->end, f->period_start, f->period_end))
		awol_buf_printf(b, NULL, "the figure covers %s..%s, the claim says %s; ",
		                f->period_start, f->period_end, says->period);
	/* a claim that names no place is taken as national, except about NGO-type figures */
	if ((says->geography || strcmp(f->geography, "other") != 0) &&
	    strcmp(geography_of(says), f->geography) != 0)
		awol_buf_printf(b, NULL, "the figure's geography is %s, the claim says %s; ",
		                f->geography, geography_of(says));
}

/* A "to date" figure taken as the claim's period says so. */
static void slack_note(awol_buf *b, const awol_label *says, const awol_figure *f)
{
	if (strcmp(says->start, f->period_start) != 0 || strcmp(says->end, f->period_end) != 0)
		awol_buf_printf(b, NULL,
		                "%s covers %s..%s, taken as %s (its ends within %d days of the "
		                "period's); ",
		                f->id, f->period_start, f->period_end, says->period,
		                AWOL_CLAIMS_PERIOD_SLACK_DAYS);
}

static const awol_figure *find_exact(const awol_figure_list *l, const awol_label *s)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		if (strcmp(f->unit, s->unit) == 0 && s->articles &&
		    strcmp(f->articles, s->articles) == 0 &&
		    (strcmp(f->geography, geography_of(s)) == 0 ||
		     (!s->geography && strcmp(f->geography, "other") == 0)) &&
		    same_period(s->start, s->end, f->period_start, f->period_end))
			return f;
	}
	return NULL;
}

/* The figure behind one side: the named one, else one that matches the label exactly. */
static const awol_figure *side_figure(const awol_figure_list *l, const awol_side *s)
{
	return s->figure ? awol_figures_find(l, s->figure) : find_exact(l, &s->says);
}

/* ---- results ---- */

/* One plain sentence: the "; " list ends with a full stop. */
static char *sentence(awol_buf *b)
{
	while (b->len && (b->ptr[b->len - 1] == ' ' || b->ptr[b->len - 1] == ';'))
		b->ptr[--b->len] = '\0';
	if (!b->len)
		return NULL;
	awol_buf_putc(b, '.', NULL);
	return awol_buf_detach(b);
}

static void set(awol_claim *c, const char *verdict, double found, awol_buf *why, awol_buf *caveat)
{
	c->verdict = strdup(verdict);
	c->found = found;
	c->why = sentence(why);
	if (!c->why)
		c->why = strdup("");
	c->caveat = caveat ? sentence(caveat) : NULL;
	awol_buf_dispose(why);
	awol_buf_dispose(caveat);
}

static const char *by_number(double found, const awol_claim *c)
{
	return equal_as_written(found, c)            ? "holds"
	       : near(found, c->value, c->tolerance) ? "holds-approximately"
	                                             : "contradicted";
}

/* The arithmetic done, as done: "(5024-1001)/1001 = +401.9%", "5024/1001 = 5.02". */
static double arithmetic(const char *kind, double a, double b, awol_buf *out)
{
	double r;

	if (strcmp(kind, "percent_change") == 0) {
		r = 100.0 * (a - b) / b;
		awol_buf_printf(out, NULL, "(%g-%g)/%g = %+.1f%%", a, b, b, r);
	} else if (strcmp(kind, "share") == 0) {
		r = 100.0 * a / b;
		awol_buf_printf(out, NULL, "%g/%g = %.1f%%", a, b, r);
	} else {
		r = a / b;
		awol_buf_printf(out, NULL, "%g/%g = %.2f", a, b, r);
	}
	return r;
}

/* ---- against published figures ---- */

static void check_single(awol_claim *c, const awol_figure_list *l)
{
	awol_buf why = AWOL_BUF_INIT, diff = AWOL_BUF_INIT, cav = AWOL_BUF_INIT;
	const awol_figure *f = side_figure(l, &c->single);
	size_t i;

	if (c->single.figure && !f) {
		awol_buf_printf(&why, NULL, "no published figure with id %s", c->single.figure);
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	if (!f) {
		/*
		 * Nothing says exactly this: is the number published under other labels?  Only
		 * a figure about related articles and an overlapping period can be its source:
		 * a round number elsewhere is a coincidence.
		 */
		for (i = 0; i < l->n; i++) {
			const awol_figure *g = &l->items[i];
			if (near(g->value, c->value, c->tolerance * 0.2) &&
			    articles_related(c->single.says.articles, g->articles) &&
			    periods_overlap(&c->single.says, g)) {
				f = g;
				break;
			}
		}
		if (!f) {
			awol_buf_puts(&why,
			              "no published figure matches the claim's unit, articles, "
			              "period and geography, nor its number for related articles "
			              "and period",
			              NULL);
			set(c, "unverifiable", NAN, &why, NULL);
			return;
		}
	}
	label_diff(&diff, &c->single.says, f);
	if (!diff.len)
		slack_note(&cav, &c->single.says, f);
	if (!near(f->value, c->value, c->tolerance)) {
		awol_buf_printf(&why, NULL, "%s (%s) says %g, the claim says %g", f->id, f->source,
		                f->value, c->value);
		set(c, "contradicted", f->value, &why, &cav);
	} else if (diff.len) {
		awol_buf_printf(&why, NULL, "the number is %s (%s), but %s", f->id, f->source,
		                awol_buf_cstr(&diff));
		set(c, "mislabelled", f->value, &why, &cav);
	} else {
		awol_buf_printf(&why, NULL, "%s (%s): %g", f->id, f->source, f->value);
		set(c, by_number(f->value, c), f->value, &why, &cav);
	}
	awol_buf_dispose(&diff);
}

/*
 * Unequal periods the claim states itself ("H1 2023 was twice the whole of 2022") are
 * judged on their labels: a caveat, with the like-for-like number when the numerator's
 * full-length period is published.
 */
static void unequal_periods(const awol_claim *c, const awol_figure_list *l, const awol_figure *fn,
                            const awol_figure *fd, awol_buf *cav)
{
	long ln = period_days(fn->period_start, fn->period_end);
	long ld = period_days(fd->period_start, fd->period_end);
	size_t i;

	if (labs(ln - ld) <= ld / 10)
		return;
	awol_buf_printf(cav, NULL, "it sets %ld days (%s..%s) against %ld days (%s..%s); ", ln,
	                fn->period_start, fn->period_end, ld, fd->period_start, fd->period_end);
	for (i = 0; i < l->n; i++) {
		const awol_figure *g = &l->items[i];
		if (g != fn && strcmp(g->unit, fn->unit) == 0 &&
		    strcmp(g->articles, fn->articles) == 0 &&
		    strcmp(g->geography, fn->geography) == 0 &&
		    strncmp(g->period_start, fn->period_start, 4) == 0 &&
		    labs(period_days(g->period_start, g->period_end) - ld) <= ld / 10) {
			awol_buf_printf(cav, NULL, "like for like (%s, %s..%s) ", g->id,
			                g->period_start, g->period_end);
			arithmetic(c->kind, g->value, fd->value, cav);
			awol_buf_puts(cav, "; ", NULL);
			break;
		}
	}
}

static void check_pair(awol_claim *c, const awol_figure_list *l)
{
	awol_buf why = AWOL_BUF_INIT, diff = AWOL_BUF_INIT, cav = AWOL_BUF_INIT,
	         sum = AWOL_BUF_INIT;
	const awol_figure *fn = side_figure(l, &c->num), *fd = side_figure(l, &c->den);
	double r;

	if (!fn || !fd) {
		awol_buf_printf(&why, NULL, "no published figure for the %s",
		                !fn ? "numerator" : "denominator");
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	if (fd->value == 0) {
		awol_buf_printf(&why, NULL, "the denominator (%s) is zero", fd->id);
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	awol_buf_printf(&sum, NULL, "%s over %s: ", fn->id, fd->id);
	r = arithmetic(c->kind, fn->value, fd->value, &sum);
	label_diff(&diff, &c->num.says, fn);
	{
		/* the same mislabel on both sides is said once */
		awol_buf d2 = AWOL_BUF_INIT;
		label_diff(&d2, &c->den.says, fd);
		if (d2.len && !strstr(awol_buf_cstr(&diff), awol_buf_cstr(&d2)))
			awol_buf_put(&diff, d2.ptr, d2.len, NULL);
		awol_buf_dispose(&d2);
	}
	unequal_periods(c, l, fn, fd, &cav);
	if (!diff.len) {
		slack_note(&cav, &c->num.says, fn);
		slack_note(&cav, &c->den.says, fd);
	}
	if (!near(r, c->value, c->tolerance)) {
		awol_buf_printf(&why, NULL, "%s, the claim says %g; %s", awol_buf_cstr(&sum),
		                c->value, awol_buf_cstr(&diff));
		set(c, "contradicted", r, &why, &cav);
	} else if (diff.len) {
		awol_buf_printf(&why, NULL, "%s, but %s", awol_buf_cstr(&sum),
		                awol_buf_cstr(&diff));
		set(c, "mislabelled", r, &why, &cav);
	} else {
		awol_buf_puts(&why, awol_buf_cstr(&sum), NULL);
		set(c, by_number(r, c), r, &why, &cav);
	}
	awol_buf_dispose(&diff);
	awol_buf_dispose(&sum);
}

/* ---- against our own counts ---- */

/* The unit our store counts for a claim's unit; NULL when it counts no such thing. */
static const char *our_unit(const char *unit)
{
	static const char *const map[][2] = {
	    {"cases_received", "cases_received"},
	    {"cases_decided", "cases_decided"},
	    {"cases_considered", "cases_decided"},
	    {"verdicts", "verdicts"},
	    {"defendants", "defendants"},
	    {"defendants_convicted", "defendants_convicted"},
	    {"persons_sentenced", "defendants_convicted"},
	    {"convictions", "defendants_convicted"},
	    {"sentences_read", "sentences_read"},
	    {"sentences_suspended", "sentences_suspended"},
	    {"sentences_real", "sentences_real"},
	};
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(map); i++)
		if (strcmp(map[i][0], unit) == 0)
			return map[i][1];
	return NULL;
}

/* "region:50+77" -> regions "50,77"; "court:A+B" -> courts "A,B"; false for "other". */
static bool place_filter(const char *g, char *regions, char *courts, size_t n)
{
	char *p;

	regions[0] = courts[0] = '\0';
	if (strcmp(g, "national") == 0)
		return true;
	if (strncmp(g, "region:", 7) == 0)
		snprintf(regions, n, "%s", g + 7);
	else if (strncmp(g, "court:", 6) == 0)
		snprintf(courts, n, "%s", g + 6);
	else
		return false;
	for (p = regions; *p; p++)
		if (*p == '+')
			*p = ',';
	for (p = courts; *p; p++)
		if (*p == '+')
			*p = ',';
	return true;
}

/* Our count for one label; false (with the reason in why) when we cannot count it. */
static bool count_ours(awol_store *st, const awol_label *s, awol_count_result *r, awol_buf *why)
{
	awol_count_query q = {0};
	char regions[128], courts[256];
	awol_error err = {0};

	q.unit = our_unit(s->unit);
	if (!q.unit) {
		awol_buf_printf(
		    why, NULL,
		    strcmp(s->unit, "cases_opened") == 0
		        ? "our database holds court records: it counts cases courts "
		          "received, not cases investigators opened"
		        : "our database cannot count %s (it counts cases_received, "
		          "cases_decided, verdicts, defendants, defendants_convicted and, from "
		          "the act texts read, sentences_read, sentences_suspended and "
		          "sentences_real)",
		    s->unit);
		return false;
	}
	if (!place_filter(geography_of(s), regions, courts, sizeof(regions))) {
		awol_buf_printf(why, NULL, "geography '%s' is not a place our counts can be cut to",
		                geography_of(s));
		return false;
	}
	q.articles = s->articles;
	q.from = s->start;
	q.to = s->end;
	q.regions = regions[0] ? regions : NULL;
	q.courts = courts[0] ? courts : NULL;
	if (awol_store_count(st, &q, r, &err) < 0) {
		awol_buf_puts(why, err.msg, NULL);
		return false;
	}
	return true;
}

static void describe_ours(awol_buf *b, const awol_label *s, const awol_count_result *r)
{
	awol_buf_printf(b, NULL, "our count of %s (art. %s, %s, %s) is %ld", s->unit,
	                s->articles ? s->articles : "?", s->period, geography_of(s), r->count);
}

static void mark(awol_claim *c, const awol_count_result *r, awol_buf *cav)
{
	if (!r->complete) {
		c->lower_bound = true;
		if (!strstr(awol_buf_cstr(cav), r->coverage))
			awol_buf_printf(cav, NULL, "%s; ", r->coverage);
	}
	if (r->simulated && !c->simulated) {
		c->simulated = true;
		awol_buf_puts(cav,
		              "SIMULATED DATA (awol-sim): the verdict shows the mechanics, not "
		              "the facts; ",
		              NULL);
	}
}

/*
 * A count of sentences read from act texts rests on the verdicts published and read, not
 * on all the court passed: the reader must know the base (docs/verdicts.md).
 */
static void mark_readings(const awol_label *s, awol_buf *cav)
{
	if (strncmp(s->unit, "sentences_", strlen("sentences_")) != 0 ||
	    strstr(awol_buf_cstr(cav), "published"))
		return;
	awol_buf_puts(cav,
	              "sentences read from the published act texts awol read (current "
	              "readings, decision date), not every sentence passed: most verdicts "
	              "are not published, so a share of them is a share of the verdicts "
	              "read (docs/verdicts.md); ",
	              NULL);
}

static void check_db_single(awol_claim *c, awol_store *st)
{
	awol_buf why = AWOL_BUF_INIT, cav = AWOL_BUF_INIT;
	awol_count_result r;
	double n;

	if (strcmp(c->kind, "count") != 0) {
		awol_buf_printf(&why, NULL,
		                "a %s from our database needs a numerator and a denominator",
		                c->kind);
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	if (!count_ours(st, &c->single.says, &r, &why)) {
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	n = (double)r.count;
	mark(c, &r, &cav);
	mark_readings(&c->single.says, &cav);
	describe_ours(&why, &c->single.says, &r);
	if (!r.complete) {
		/* a lower bound shows a claim too small, never one too large */
		if (n > c->value && !near(n, c->value, c->tolerance)) {
			awol_buf_printf(&why, NULL,
			                "; even this lower bound exceeds the claimed %g beyond the "
			                "tolerance",
			                c->value);
			set(c, "contradicted", n, &why, &cav);
		} else {
			awol_buf_printf(
			    &why, NULL,
			    ", a lower bound: more cases may exist than we hold, so the "
			    "claimed %g is neither confirmed nor contradicted",
			    c->value);
			set(c, "unverifiable", n, &why, &cav);
		}
	} else
		set(c, by_number(n, c), n, &why, &cav);
	awol_store_count_dispose(&r);
}

static void check_db_pair(awol_claim *c, awol_store *st)
{
	awol_buf why = AWOL_BUF_INIT, cav = AWOL_BUF_INIT, sum = AWOL_BUF_INIT;
	awol_count_result rn, rd;
	double r;

	memset(&rd, 0, sizeof(rd));
	if (!count_ours(st, &c->num.says, &rn, &why)) {
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	if (!count_ours(st, &c->den.says, &rd, &why)) {
		awol_store_count_dispose(&rn);
		set(c, "unverifiable", NAN, &why, NULL);
		return;
	}
	mark(c, &rn, &cav);
	mark(c, &rd, &cav);
	mark_readings(&c->num.says, &cav);
	mark_readings(&c->den.says, &cav);
	awol_buf_puts(&sum, "numerator: ", NULL);
	describe_ours(&sum, &c->num.says, &rn);
	awol_buf_puts(&sum, "; denominator: ", NULL);
	describe_ours(&sum, &c->den.says, &rd);
	if (rd.count == 0) {
		awol_buf_printf(&why, NULL, "%s; the denominator is zero", awol_buf_cstr(&sum));
		set(c, "unverifiable", NAN, &why, &cav);
		goto done;
	}
	awol_buf_puts(&sum, "; ", NULL);
	r = arithmetic(c->kind, (double)rn.count, (double)rd.count, &sum);
	if (!rn.complete || !rd.complete) {
		/* lower bounds on both sides bound neither a ratio nor a change */
		awol_buf_printf(&why, NULL,
		                "%s on what we hold, but our counts are lower bounds, so the "
		                "claimed %g is neither confirmed nor contradicted",
		                awol_buf_cstr(&sum), c->value);
		set(c, "unverifiable", r, &why, &cav);
	} else {
		awol_buf_puts(&why, awol_buf_cstr(&sum), NULL);
		set(c, by_number(r, c), r, &why, &cav);
	}
done:
	awol_buf_dispose(&sum);
	awol_store_count_dispose(&rn);
	awol_store_count_dispose(&rd);
}

int awol_claims_check(awol_claims *cs, const awol_figure_list *figs, awol_store *st,
                      awol_error *err)
{
	size_t i;

	(void)err;
	for (i = 0; i < cs->n; i++) {
		awol_claim *c = &cs->items[i];
		bool pair = c->num.says.unit != NULL;
		free(c->verdict);
		free(c->why);
		free(c->caveat);
		c->verdict = c->why = c->caveat = NULL;
		c->lower_bound = c->simulated = false;
		if (c->source && strcmp(c->source, "db") == 0) {
			if (!st) {
				awol_buf why = AWOL_BUF_INIT;
				awol_buf_puts(&why, "no --db given to count from", NULL);
				set(c, "unverifiable", NAN, &why, NULL);
			} else if (pair)
				check_db_pair(c, st);
			else
				check_db_single(c, st);
		} else if (pair)
			check_pair(c, figs);
		else
			check_single(c, figs);
	}
	return 0;
}
