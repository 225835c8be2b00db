/*
 * Punishments: what one piece of the resolutive part gives a defendant
 * (a partial, sole or final punishment, the suspension, the regime, ст. 64,
 * additional punishments), and which of them counts (the final one).
 */
#include "util/common.h"
#include "verdict_priv.h"

typedef struct ptype {
	const char *pat;
	const char *type;
} ptype;

static const ptype TYPES[] = {
    {"лишения свободы", "imprisonment"},
    {"лишение свободы", "imprisonment"},
    {"содержания в дисциплинарной воинской части", "disciplinary_unit"},
    {"содержание в дисциплинарной воинской части", "disciplinary_unit"},
    {"ограничения по военной службе", "military_restriction"},
    {"ограничение по военной службе", "military_restriction"},
    {"штрафа", "fine"},
    {"штраф ", "fine"},
    {"ареста", "arrest"},
    {"арест ", "arrest"},
    {"принудительных работ", "forced_labour"},
    {"принудительные работы", "forced_labour"},
    {"исправительных работ", "correctional_labour"},
    {"исправительные работы", "correctional_labour"},
    {"обязательных работ", "compulsory_work"},
    {"обязательные работы", "compulsory_work"},
    {"ограничения свободы", "restriction_of_liberty"},
    {"ограничение свободы", "restriction_of_liberty"},
};

enum { ADD_RANK, ADD_FINE, ADD_RIGHT, ADD_LIBERTY, ADD_N };
static const char *const ADDITIONAL[ADD_N] = {"deprivation_of_rank", "fine", "deprivation_of_right",
                                              "restriction_of_liberty"};

/* Does the type at p follow «в виде», «—», «:» (a punishment being given)? */
static bool given_at(const vtext *t, size_t a, size_t p)
{
	size_t q = p;

	while (q > a && t->f[q - 1] == ' ')
		q--;
	if (q > a && (t->f[q - 1] == '-' || t->f[q - 1] == ':'))
		return true;
	return q >= a + strlen("в виде") &&
	       memcmp(t->f + q - strlen("в виде"), "в виде", strlen("в виде")) == 0;
}

/* The term after «срок»/«сроком» at p: skips «на», «в», «продолжительностью». */
static int term_after(const vtext *t, size_t p, size_t b, size_t *end)
{
	static const char *const skip[] = {"на ", "в ", "продолжительностью ", NULL};
	size_t q = p;
	int k;

	while (q < b && vt_letter_at(t, q))
		q += (unsigned char)t->f[q] < 0x80 ? 1 : 2;
	q = vt_skip_spaces(t, q, b);
	for (k = 0; skip[k]; k++)
		if (q + strlen(skip[k]) <= b && memcmp(t->f + q, skip[k], strlen(skip[k])) == 0) {
			q += strlen(skip[k]);
			break;
		}
	return vt_term(t, q, b, end);
}

/*
 * Does a term starting at s begin there, after «в виде», «назначить (наказание)», a dash,
 * a colon or a label («ФИО1», «И.И.»), rather than inside a longer term?
 */
static bool term_head(const vtext *t, size_t a, size_t s)
{
	static const char *const words[] = {"в виде", "наказание", "назначить", "назначено", NULL};
	size_t q = s;
	int k;

	while (q > a && t->f[q - 1] == ' ')
		q--;
	if (q == a)
		return true;
	if (t->f[q - 1] == '-' || t->f[q - 1] == ':' || t->f[q - 1] == '.' ||
	    (t->f[q - 1] >= '0' && t->f[q - 1] <= '9'))
		return true;
	for (k = 0; words[k]; k++) {
		size_t l = strlen(words[k]);
		if (q >= a + l && memcmp(t->f + q - l, words[k], l) == 0)
			return true;
	}
	return false;
}

/* The regime named in [a, b), NULL if none; *redacted when the court hid it. */
static const char *regime_in(const vtext *t, size_t a, size_t b, bool *redacted, size_t *at)
{
	static const struct {
		const char *p, *r;
	} R[] = {{"колонии-поселении", "settlement"}, {"колонии поселении", "settlement"},
	         {"колонию-поселение", "settlement"}, {"колония-поселение", "settlement"},
	         {"общего режима", "general"},        {"строгого режима", "strict"},
	         {"особого режима", "special"},       {"в тюрьме", "prison"}};
	const char *found = NULL;
	size_t k, p, best = VT_NPOS;

	*redacted = false;
	for (k = 0; k < AWOL_ARRAY_SIZE(R); k++) {
		p = vt_find(t, a, b, R[k].p);
		if (p == VT_NPOS)
			continue;
		if (found && strcmp(found, R[k].r) != 0)
			return NULL; /* two regimes: not sure which */
		found = R[k].r;
		if (p < best)
			best = p;
	}
	if (found) {
		*at = best;
		return found;
	}
	/* «в исправительной колонии <данные изъяты> режима» */
	p = vt_find(t, a, b, "исправительной колонии");
	if (p != VT_NPOS) {
		size_t e;
		if (vt_redaction_at(t, p + strlen("исправительной колонии"), b, &e)) {
			*redacted = true;
			*at = p;
		}
	}
	p = vt_find(t, a, b, " режима");
	if (!*redacted && p != VT_NPOS && p > a + 3 &&
	    (t->f[p - 1] == '>' || t->f[p - 1] == '.' || t->f[p - 1] == ']')) {
		*redacted = true;
		*at = p;
	}
	return NULL;
}

/*
 * An amount of roubles at i: «100 000 (ста тысяч) рублей», «40000 руб.», «50 тыс. рублей»,
 * «ста тысяч рублей»; -2 when redacted, -1 when not read (no «руб» right after).
 */
static long long rubles(const vtext *t, size_t i, size_t b)
{
	size_t e, q;
	long long v;

	if (vt_redaction_at(t, i, b, &e))
		return -2;
	v = vt_number(t, i, b, &e);
	if (v < 0)
		return -1;
	q = vt_skip_spaces(t, e, b);
	if (q + strlen("тыс") <= b && memcmp(t->f + q, "тыс", strlen("тыс")) == 0 && v < 1000000) {
		v *= 1000;
		e = q + strlen("тыс");
	} else if (q + strlen("млн") <= b && memcmp(t->f + q, "млн", strlen("млн")) == 0 &&
	           v < 1000) {
		v *= 1000000;
		e = q + strlen("млн");
	}
	return vt_has(t, e, e + 24 < b ? e + 24 : b, "руб") ? v : -1;
}

/* The start of the ст. 74 clause in the piece (a suspension the verdict cancels), or VT_NPOS. */
static size_t cancel_start(const vtext *t, size_t a, size_t b)
{
	size_t c1 = vt_find(t, a, b, "отменить условное"), c2 = vt_find_article(t, a, b, "74"),
	       c3 = vt_find(t, a, b, "условное осуждение"), c = c1;

	if (c2 != VT_NPOS && (c == VT_NPOS || c2 < c)) {
		size_t lo = c2 > a + 40 ? c2 - 40 : a, s;
		static const char *const intro[] = {"на основании", "в соответствии", "согласно",
		                                    NULL};
		s = vt_find_any(t, lo, c2, intro, NULL);
		c = s != VT_NPOS ? s : c2;
	}
	if (c3 != VT_NPOS && vt_has(t, a, b, "отмен") && (c == VT_NPOS || c3 < c))
		c = c3;
	return c;
}

static void add_additional(vd_acc *x, int k)
{
	x->additional |= 1u << k;
}

void vd_punishment_piece(const vtext *t, size_t a, size_t b, bool shared, vd_acc *x)
{
	static const char *const skip[] = {"зачесть",
	                                   "зачет",
	                                   "пресечени",
	                                   "процессуальн",
	                                   "вещественн",
	                                   "судебного штрафа",
	                                   "меру уголовно-правового",
	                                   NULL};
	size_t c0, c1 = b, from = a, p, best = VT_NPOS, e, fin;
	const char *type = NULL, *reg;
	bool susp = false, rred;
	int pre_months = -1;
	size_t k;

	if (vt_find_any(t, a, b, skip, NULL) != VT_NPOS)
		return;
	/* a cancelled earlier suspension: nothing in it is this verdict's, up to «окончательно» */
	c0 = cancel_start(t, a, b);
	fin = vt_find(t, a, b, "окончательно");
	if (c0 != VT_NPOS) {
		c1 = fin != VT_NPOS && fin > c0 ? fin : b;
		if (c0 == a || c0 < a + 4)
			from = c1;
	}
	/* ст. 73 (outside the cancelled clause): suspended, with its probation */
	{
		size_t s73 = vt_find_article(t, from, b, "73"), sc = vt_find(t, from, b, "условн");
		/*
		 * «считать условным», «условно, с испытательным сроком»; not «условно-досрочное
		 * освобождение», nor «контроль за поведением условно осужденного» (a consequence)
		 */
		while (sc != VT_NPOS &&
		       (vt_letter_before(t, sc) ||
		        vt_find(t, sc, sc + 40, "условно-досрочн") == sc ||
		        (!vt_has(t, sc, sc + 60 < b ? sc + 60 : b, "испытательн") &&
		         !vt_has(t, sc > from + 16 ? sc - 16 : from, sc, "считать"))))
			sc = vt_find(t, sc + 1, b, "условн");
		if (c0 != VT_NPOS) {
			if (s73 != VT_NPOS && s73 >= c0 && s73 < c1)
				s73 = VT_NPOS;
			if (sc != VT_NPOS && sc >= c0 && sc < c1)
				sc = vt_find(t, c1, b, "условн");
		}
		if (s73 != VT_NPOS || sc != VT_NPOS) {
			size_t ip = vt_find(t, from, b, "испытательн");
			susp = true;
			x->suspended = true;
			x->susp_unsure |= shared;
			x->susp_labelled |= !shared;
			if (!x->susp_ev.b) {
				x->susp_ev.a = from;
				x->susp_ev.b = b;
			}
			if (ip != VT_NPOS) {
				size_t sp = vt_find(t, ip, b, "срок");
				if (sp != VT_NPOS && sp < ip + 40) {
					int m = term_after(t, sp, b, &e);
					if (m != -1)
						x->probation = m;
				}
			}
		}
	}
	if (vt_find_article(t, from, b, "64") != VT_NPOS)
		x->below_min = true;
	/* additional punishments */
	p = vt_find(t, from, b, "воинского звания");
	if (p != VT_NPOS && vt_has(t, p > from + 40 ? p - 40 : from, p, "лиш"))
		add_additional(x, ADD_RANK);
	p = vt_find(t, from, b, " права занимать");
	if (p == VT_NPOS)
		p = vt_find(t, from, b, " права заниматься");
	if (p != VT_NPOS && vt_has(t, p > from + 20 ? p - 20 : from, p, "лиш"))
		add_additional(x, ADD_RIGHT);
	if (vt_has(t, from, b, "с ограничением свободы"))
		add_additional(x, ADD_LIBERTY);
	if (vt_has(t, from, b, "со штрафом") ||
	    (vt_has(t, from, b, "дополнительн") && vt_has(t, from, b, "штраф")))
		add_additional(x, ADD_FINE);
	/* the principal type: the first one given in the piece, after «окончательно» when final */
	if (fin != VT_NPOS && fin >= from)
		from = fin;
	for (k = 0; k < AWOL_ARRAY_SIZE(TYPES); k++) {
		p = from;
		while ((p = vt_find(t, p, best == VT_NPOS ? b : best, TYPES[k].pat)) != VT_NPOS) {
			bool in_cancel = c0 != VT_NPOS && p >= c0 && p < c1;
			if (!in_cancel && !vt_letter_before(t, p) && given_at(t, a, p)) {
				best = p;
				type = TYPES[k].type;
				break;
			}
			p++;
		}
	}
	/* «окончательно назначить ФИО1 7 (семь) лет лишения свободы»: the term before the type */
	if (!type && (p = vt_find(t, from, b, " лишения свободы")) != VT_NPOS &&
	    !(c0 != VT_NPOS && p >= c0 && p < c1)) {
		size_t s;
		for (s = p > from + 160 ? p - 160 : from; s < p; s++) {
			int m;
			if (s > from && t->f[s - 1] != ' ')
				continue;
			m = vt_term(t, s, p, &e);
			/* the whole term: «5 (пяти) лет 6 (шести) месяцев», not its last «6
			 * месяцев» */
			if (m >= 0 && e == p && term_head(t, from, s)) {
				pre_months = m;
				best = p + 1;
				type = "imprisonment";
				break;
			}
		}
	}
	/* «в виде <данные изъяты>»: a type the court redacted */
	if (!type) {
		p = vt_find(t, from, b, "в виде");
		if (p != VT_NPOS && vt_redaction_at(t, p + strlen("в виде"), b, &e) &&
		    (vt_has(t, a, b, "назначить") || fin != VT_NPOS) && !susp) {
			best = p;
			type = "";
		}
	}
	/* «назначенное наказание ... считать условным» repeats the type: not a new one */
	if (type && susp && !vt_has(t, a, best, "назначить") && fin == VT_NPOS)
		type = NULL;
	if (!type) {
		/* a piece that names only the regime: «Отбывание наказания назначить в ... колонии»
		 */
		reg = regime_in(t, from, b, &rred, &p);
		if (reg || rred) {
			if (x->regime && reg && strcmp(x->regime, reg) != 0)
				x->regime_conflict = true;
			if (reg)
				x->regime = reg;
			x->regime_redacted |= rred;
			x->regime_ev.a = a;
			x->regime_ev.b = b;
		}
		return;
	}
	if (x->ncand < VD_MAX_CAND) {
		vd_cand *c = &x->cand[x->ncand++];
		size_t te = best, lim;
		memset(c, 0, sizeof(*c));
		c->type = *type ? type : NULL;
		c->type_redacted = !*type;
		c->months = -1;
		c->fine = -1;
		c->final = fin != VT_NPOS && fin <= best;
		/* partial: «по ч. 5 ст. 337 УК РФ — в виде ...» before the type */
		c->partial =
		    !c->final && (vt_has(t, a, best, "по ч.") || vt_has(t, a, best, "по ст.") ||
		                  vt_has(t, a, best, "по п.") || vt_has(t, a, best, "по части") ||
		                  vt_has(t, a, best, "по пункту"));
		c->a = a;
		c->b = b;
		while (te < b && t->f[te] != ' ')
			te++;
		if (*type) {
			for (k = 0; k < AWOL_ARRAY_SIZE(TYPES); k++)
				if (strcmp(TYPES[k].type, type) == 0 &&
				    vt_find(t, best, best + strlen(TYPES[k].pat), TYPES[k].pat) ==
				        best) {
					te = best + strlen(TYPES[k].pat);
					break;
				}
		}
		lim = te + 120 < b ? te + 120 : b;
		if (c->type_redacted)
			c->months = -2;
		else if (pre_months >= 0)
			c->months = pre_months;
		else if (vt_redaction_at(t, te, lim, &e) && e < te + 24)
			c->months = -2; /* «лишения свободы <данные изъяты>» */
		else {
			size_t sp = vt_find(t, te, lim, "срок");
			size_t stop = vt_find(t, te, lim, "с отбыванием");
			if (sp != VT_NPOS && (stop == VT_NPOS || sp < stop)) {
				int m = term_after(t, sp, b, &e);
				if (m != -1)
					c->months = m;
			}
		}
		if (c->type && strcmp(c->type, "fine") == 0) {
			size_t rz = vt_find(t, te, lim, "в размере");
			if (rz != VT_NPOS)
				c->fine = rubles(t, rz + strlen("в размере"), b);
		} else {
			/* a fine on top: «со штрафом в размере 50 000 рублей» */
			size_t rz = vt_find(t, te, b, "штраф");
			if (rz != VT_NPOS) {
				size_t sz = vt_find(t, rz, rz + 60 < b ? rz + 60 : b, "в размере");
				add_additional(x, ADD_FINE);
				if (sz != VT_NPOS)
					c->fine = rubles(t, sz + strlen("в размере"), b);
			}
		}
		reg = regime_in(t, te, b, &rred, &p);
		c->regime = reg;
		c->regime_redacted = rred;
	}
}

static bool same(const vd_cand *a, const vd_cand *b)
{
	return a->type == b->type && a->months == b->months && a->fine == b->fine;
}

void vd_punishment_resolve(const vtext *t, vd_acc *x, awol_verdict_defendant *d)
{
	awol_verdict_punishment *p = &d->punishment;
	const vd_cand *c = NULL;
	size_t i, nfull = 0, npart = 0;
	const vd_cand *full = NULL, *part = NULL;
	bool sure = true;
	char *ev = NULL, *ev2 = NULL;
	int k;

	for (i = 0; i < x->ncand; i++) {
		const vd_cand *ci = &x->cand[i];
		if (ci->final)
			c = ci; /* the last final one */
		else if (ci->partial) {
			npart++;
			part = ci;
		} else {
			if (full && !same(full, ci))
				sure = false;
			if (!full)
				full = ci;
			nfull++;
		}
	}
	if (!c) {
		if (full && sure)
			c = full;
		else if (!full && npart == 1)
			c = part;
	}
	p->below_minimum = x->below_min;
	for (k = 0; k < ADD_N; k++)
		if ((x->additional & (1u << k)) && p->nadditional < AWOL_VERDICT_MAX_ADDITIONAL &&
		    !(c && c->type && strcmp(c->type, ADDITIONAL[k]) == 0))
			p->additional[p->nadditional++] = ADDITIONAL[k];
	/*
	 * Several punishments and no final one (or none at all): not sure which counts.  A
	 * suspension that names nobody after several defendants' sentences: not sure whose,
	 * so not sure of this one's sentence either.
	 */
	if (!c && x->suspended && !x->susp_unsure) {
		/* the sentence not read, but «считать условным» is: it is suspended */
		p->suspended = p->suspended_known = true;
		p->probation_months = x->probation >= 0 ? x->probation : -1;
		d->ev_punishment = vt_quote(t, x->susp_ev.a, x->susp_ev.b, 300);
		return;
	}
	if (!c || x->susp_unsure)
		return;
	p->suspended_known = true;
	p->type = c->type;
	p->redacted = c->type_redacted || c->months == -2 || c->fine == -2;
	p->months = c->months >= 0 ? c->months : -1;
	p->fine_rub = c->fine >= 0 ? c->fine : -1;
	p->regime = c->regime;
	if (c->regime_redacted)
		p->redacted = true;
	if (!c->regime && !c->regime_redacted && !x->regime_conflict) {
		p->regime = x->regime;
		if (x->regime_redacted && !x->regime)
			p->redacted = true;
	}
	p->suspended = x->suspended;
	if (x->suspended) {
		p->probation_months = x->probation >= 0 ? x->probation : -1;
		if (x->probation == -2)
			p->redacted = true;
	}
	ev = vt_quote(t, c->a, c->b, 400);
	if (x->suspended && x->susp_ev.b && x->susp_ev.a != c->a)
		ev2 = vt_quote(t, x->susp_ev.a, x->susp_ev.b, 300);
	else if (!c->regime && p->regime && x->regime_ev.b)
		ev2 = vt_quote(t, x->regime_ev.a, x->regime_ev.b, 300);
	if (ev && ev2) {
		size_t l = strlen(ev) + strlen(ev2) + 8;
		char *j = malloc(l);
		if (j)
			snprintf(j, l, "%s … %s", ev, ev2);
		free(ev);
		ev = j;
	}
	free(ev2);
	d->ev_punishment = ev;
}
