/*
 * Facts read outside the resolutive part (service status, the absence) and
 * the ground of a termination or pause (docs/verdicts.md).
 */
#include "util/common.h"
#include "util/date.h"
#include "verdict_priv.h"

static char *quote_around(const vtext *t, size_t p, size_t l, size_t a, size_t b)
{
	size_t qa = p > a + 80 ? p - 80 : a, qb = p + l + 80 < b ? p + l + 80 : b;

	/* start and end at word boundaries */
	while (qa > a && qa < p && t->f[qa - 1] != ' ' && t->f[qa - 1] != '\n')
		qa++;
	while (qb < b && qb > p + l && t->f[qb] != ' ' && t->f[qb] != '\n')
		qb--;
	return vt_quote(t, qa, qb, 240);
}

void vd_service(const vtext *t, size_t a, size_t b, awol_verdict_defendant *d)
{
	static const struct {
		const char *p, *s;
	} S[] = {
	    {"службу по мобилизации", "mobilised"},
	    {"по частичной мобилизации", "mobilised"},
	    {"мобилизованн", "mobilised"},
	    {"добровольческ", "volunteer"},
	    {"по контракту", "contract"},
	    {"контракт о прохождении военной", "contract"},
	    {"по призыву", "conscript"},
	};
	/* the first reason for service counts: mobilised, then volunteer, then the earliest */
	static const int rank[] = {0, 0, 0, 1, 2, 2, 2};
	size_t k, best = VT_NPOS, bl = 0;
	int br = 99;
	const char *svc = NULL;
	size_t lim = b;

	/* the defendant's description and the facts, not the whole reasoning */
	{
		size_t u = vt_find(t, a, b, "установил");
		if (u != VT_NPOS && u + 1500 < b)
			lim = u + 1500;
	}
	for (k = 0; k < AWOL_ARRAY_SIZE(S); k++) {
		size_t p = vt_find(t, a, lim, S[k].p);
		if (p == VT_NPOS)
			continue;
		if (rank[k] < br || (rank[k] == br && p < best)) {
			if (rank[k] == 2 && br == 2 && svc && strcmp(svc, S[k].s) != 0 && p >= best)
				continue;
			br = rank[k];
			best = p;
			bl = strlen(S[k].p);
			svc = S[k].s;
		}
	}
	if (!svc)
		return;
	d->service = svc;
	d->ev_service = quote_around(t, best, bl, a, lim);
}

typedef struct dated {
	size_t a, e;
	int kind; /* 1 date, 2 redacted */
	char iso[11];
} dated;

void vd_absence(const vtext *t, size_t a, size_t b, awol_verdict_defendant *d)
{
	static const char *const start[] = {
	    "самовольно оставил", "самовольно покинул", "не явился", "не прибыл", "неявк", NULL};
	static const char *const det[] = {"задержан", "обнаружен", "задержании", NULL};
	static const char *const ret[] = {"явился", "прибыл",   "заявил о себе",
	                                  "явкой",  "вернулся", NULL};
	dated ds[64];
	size_t nd = 0, anc, lo, hi, i, e;
	int from = -1, to = -1, w;
	awol_verdict_absence *x = &d->absence;
	bool any = false;

	anc = vt_find_any(t, a, b, start, &w);
	if (anc == VT_NPOS)
		return;
	lo = anc > a + 300 ? anc - 300 : a;
	hi = anc + 1500 < b ? anc + 1500 : b;
	for (i = lo; i < hi && nd < AWOL_ARRAY_SIZE(ds); i++) {
		char iso[11];
		int k;
		if (i > lo && t->f[i - 1] != ' ' && t->f[i - 1] != '(' && t->f[i - 1] != '\n')
			continue;
		k = vt_date(t, i, hi, iso, &e);
		if (k) {
			ds[nd].a = i;
			ds[nd].e = e;
			ds[nd].kind = k;
			memcpy(ds[nd].iso, iso, sizeof(iso));
			nd++;
			i = e - 1;
		}
	}
	/* the start: the nearest date before the anchor in its sentence, else the first after */
	for (i = 0; i < nd; i++)
		if (ds[i].e <= anc && anc - ds[i].e < 250 && !vt_has(t, ds[i].e, anc, ". "))
			from = (int)i;
	if (from < 0)
		for (i = 0; i < nd; i++)
			if (ds[i].a > anc && ds[i].a - anc < 250) {
				from = (int)i;
				break;
			}
	/* the end: the first date after the start that follows «до» or «по» */
	for (i = from >= 0 ? (size_t)from + 1 : 0; i < nd; i++)
		if (ds[i].a > anc && ds[i].a >= 6 &&
		    (vt_find(t, ds[i].a - 6, ds[i].a, "до ") != VT_NPOS ||
		     vt_find(t, ds[i].a - 6, ds[i].a, "по ") != VT_NPOS)) {
			to = (int)i;
			break;
		}
	if (from >= 0 && ds[from].kind == 1) {
		memcpy(x->from, ds[from].iso, 11);
		any = true;
	}
	if (to >= 0 && ds[to].kind == 1) {
		memcpy(x->to, ds[to].iso, 11);
		any = true;
	}
	/* how it ended: detained, or came back, in the words after the end date */
	if (to >= 0) {
		size_t ea = ds[to].e, eb = ds[to].e + 200 < b ? ds[to].e + 200 : b;
		size_t pd = vt_find_any(t, ea, eb, det, NULL),
		       pr = vt_find_any(t, ea, eb, ret, NULL);
		if (pd != VT_NPOS && (pr == VT_NPOS || pd < pr))
			x->ended = "detained";
		else if (pr != VT_NPOS)
			x->ended = "returned";
		if (x->ended)
			any = true;
	}
	/* stated length, else the difference of the dates */
	{
		size_t p = vt_find(t, anc, hi, "продолжительностью");
		long long n;
		if (p != VT_NPOS &&
		    (n = vt_number(t, p + strlen("продолжительностью"), hi, &e)) > 0 &&
		    vt_find(t, e, e + 12 < hi ? e + 12 : hi, "сут") != VT_NPOS) {
			x->days = (int)n;
			any = true;
		} else if (x->from[0] && x->to[0]) {
			awol_date f, g;
			if (awol_date_parse_iso(x->from, &f) && awol_date_parse_iso(x->to, &g) &&
			    awol_date_cmp(f, g) <= 0)
				x->days = (int)(awol_date_to_days(g) - awol_date_to_days(f));
		}
	}
	if (!any)
		return;
	d->has_absence = true;
	{
		size_t qa = from >= 0 && ds[from].a < anc ? ds[from].a : anc;
		size_t qb = to >= 0 ? ds[to].e : anc + 120;
		if (to >= 0 && x->ended) {
			size_t k = vt_find_any(t, ds[to].e, ds[to].e + 200 < b ? ds[to].e + 200 : b,
			                       x->ended[0] == 'd' ? det : ret, NULL);
			if (k != VT_NPOS)
				qb = k + 16;
		}
		d->ev_absence = vt_quote(t, qa, qb < b ? qb : b, 400);
	}
}

const char *vd_ground(const vtext *t, size_t a, size_t b, int outcome)
{
	const char *g = NULL;
	int n = 0;

#define G(cond, name)                                                                              \
	do {                                                                                       \
		if (cond) {                                                                        \
			if (!g || strcmp(g, name) != 0)                                            \
				n++;                                                               \
			g = name;                                                                  \
		}                                                                                  \
	} while (0)
	if (outcome == VD_PAUSED) {
		G(vt_has(t, a, b, "розыск") || vt_has(t, a, b, "скрылся"), "wanted");
		G(vt_has(t, a, b, "болезн") || vt_has(t, a, b, "заболевани"), "illness");
		G(vt_has(t, a, b, "контракт") || vt_has(t, a, b, "мобилизац") ||
		      vt_has(t, a, b, "прохождением военной службы") ||
		      vt_has(t, a, b, "прохождения военной службы"),
		  "military_service");
	} else {
		G(vt_find_article(t, a, b, "25.1") != VT_NPOS ||
		      vt_find_article(t, a, b, "76.2") != VT_NPOS ||
		      vt_has(t, a, b, "судебного штраф"),
		  "judicial_fine");
		G(vt_has(t, a, b, "примирени") || vt_find_article(t, a, b, "25") != VT_NPOS ||
		      vt_find_article(t, a, b, "76") != VT_NPOS,
		  "reconciliation");
		G(vt_has(t, a, b, "деятельн") || vt_find_article(t, a, b, "28") != VT_NPOS ||
		      vt_find_article(t, a, b, "75") != VT_NPOS,
		  "active_repentance");
		G(vt_has(t, a, b, "амнисти"), "amnesty");
		G(vt_has(t, a, b, "смерт"), "death");
		G(vt_has(t, a, b, "давност") || vt_find_article(t, a, b, "78") != VT_NPOS,
		  "limitation");
		G(vt_find_article(t, a, b, "28.2") != VT_NPOS ||
		      vt_find_article(t, a, b, "78.1") != VT_NPOS ||
		      vt_has(t, a, b, "государственной наград") ||
		      vt_has(t, a, b, "заключением контракта") ||
		      vt_has(t, a, b, "призывом на военную службу"),
		  "military_service");
	}
#undef G
	if (n > 1)
		return NULL; /* two grounds named: not sure which */
	if (!g && outcome == VD_TERMINATED &&
	    (vt_has(t, a, b, "состава преступления") || vt_has(t, a, b, "события преступления")))
		g = "other";
	return g;
}
