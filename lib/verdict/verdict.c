/*
 * The verdict reader: finds the act's kind and its resolutive part, cuts that
 * part into pieces that speak of one defendant or a group of them, reads the
 * outcome of each defendant from his pieces, and resolves what was read into
 * records (docs/verdicts.md).  Whatever is not read for sure stays unknown.
 */
#include "util/common.h"
#include "util/buf.h"
#include "verdict_priv.h"

#include <ctype.h>

static const char *const OUTCOME[VD_NOUT] = {"convicted", "acquitted", "terminated",
                                             "paused",    "returned",  "medical"};

/*
 * The heading: an act word opening a line (spaced or not) near the top;
 * a «приговор» in a sentence («по приговору от ...») is not a heading.
 */
static const char *act_kind(const vtext *t, bool *appeal)
{
	static const char *const pats[] = {
	    "приговор",    "п р и г о в о р",       "постановление", "п о с т а н о в л е н и е",
	    "определение", "о п р е д е л е н и е", "решение",       "р е ш е н и е",
	    NULL};
	static const char *const kinds[] = {"приговор",      "приговор",    "постановление",
	                                    "постановление", "определение", "определение",
	                                    "решение",       "решение"};
	size_t lim = t->n < 3000 ? t->n : 3000, p, from = 0, ls;
	int w = -1;

	while ((p = vt_find_any(t, from, lim, pats, &w)) != VT_NPOS) {
		from = p + 1;
		/* what precedes it on its line: nothing, or «апелляционное» */
		for (ls = p; ls > 0 && t->f[ls - 1] != '\n'; ls--)
			;
		*appeal =
		    vt_has(t, ls, p, "апелляционн") || vt_has(t, ls, p, "а п е л л я ц и о н н");
		if (ls == p || *appeal || (p - ls < 8 && !vt_letter_before(t, p)))
			return kinds[w];
	}
	*appeal = false;
	return NULL;
}

/* The resolutive part: after «ПРИГОВОРИЛ:» / «ПОСТАНОВИЛ:» ... (spaced or not). */
/*
 * The resolutive part: after «ПРИГОВОРИЛ:» / «ПОСТАНОВИЛ:» ... (spaced or not), the one
 * of the act's own kind first (a verdict's facts may quote a decision: «суд постановил: …»).
 */
static bool resolutive(const vtext *t, const char *prefer, size_t *ra, size_t *rb, size_t *marker,
                       const char **kind)
{
	static const char *const kinds[] = {"приговор",      "приговор",    "постановление",
	                                    "постановление", "определение", "определение",
	                                    "решение",       "решение"};
	static const char *const pats[] = {
	    "приговорил", "п р и г о в о р и л", "постановил", "п о с т а н о в и л",
	    "определил",  "о п р е д е л и л",   "решил",      "р е ш и л",
	    NULL};
	static const char *const ends[] = {"может быть обжалован",
	                                   "может быть обжаловано",
	                                   "председательствующ",
	                                   "подлинник",
	                                   "приговор вступил в законную силу",
	                                   NULL};
	size_t next[AWOL_ARRAY_SIZE(pats) - 1], p, e, k;
	int w, pass;

	for (pass = prefer ? 0 : 1; pass < 2; pass++) {
		/* each pattern's next occurrence, searched again only when passed: one pass */
		for (k = 0; k < AWOL_ARRAY_SIZE(next); k++)
			next[k] = pass == 1 || strcmp(kinds[k], prefer) == 0
			              ? vt_find(t, 0, t->n, pats[k])
			              : VT_NPOS;
		for (;;) {
			size_t q;
			w = -1;
			for (k = 0; k < AWOL_ARRAY_SIZE(next); k++)
				if (next[k] != VT_NPOS && (w < 0 || next[k] < next[w]))
					w = (int)k;
			if (w < 0)
				break;
			p = next[w];
			next[w] = vt_find(t, p + 1, t->n, pats[w]);
			q = vt_skip_spaces(t, p + strlen(pats[w]), t->n);
			/* a word of its own («разрешил» is not «решил»), with the colon */
			if (vt_letter_before(t, p) || q >= t->n || t->f[q] != ':')
				continue;
			*marker = p;
			*kind = kinds[w];
			*ra = q + 1;
			e = vt_find_any(t, *ra, t->n, ends, NULL);
			*rb = e == VT_NPOS ? t->n : e;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ labels */

typedef struct label_occ {
	size_t a, b;
	int def;
} label_occ;

typedef struct reader {
	const vtext *t;
	vd_acc acc[VD_MAX_DEF];
	int nacc;
	label_occ occ[256];
	size_t nocc;
	bool oom;
} reader;

static bool upper_letter(const vtext *t, size_t i)
{
	return i < t->n && t->upper[i] && vt_letter_at(t, i);
}

static size_t letter_len(const vtext *t, size_t i)
{
	return (unsigned char)t->f[i] < 0x80 ? 1 : 2;
}

/* «И.И.», «И. И.» or «Ю.Г.Р.» at i: its end, or 0; *count gets how many initials. */
static size_t initials_at(const vtext *t, size_t i, size_t to, int *count)
{
	size_t j = i, last = 0;
	int k;

	for (k = 0; k < 4; k++) {
		if (k > 0 && j < to && t->f[j] == ' ')
			j++;
		if (!upper_letter(t, j) || vt_letter_at(t, j + letter_len(t, j)))
			break;
		j += letter_len(t, j);
		if (j >= to || t->f[j] != '.')
			break;
		j++;
		last = j;
	}
	/* two or three initials, not four letters and dots of something else */
	if (k < 2 || k > 3)
		return 0;
	*count = k;
	return last;
}

/* A capitalised word of two letters or more, the rest lower case: its end, or 0. */
static size_t name_word_at(const vtext *t, size_t i, size_t to)
{
	size_t j = i;
	int n = 0;

	if (!upper_letter(t, i) || vt_letter_before(t, i))
		return 0;
	while (j < to && vt_letter_at(t, j)) {
		if (n > 0 && t->upper[j])
			return 0;
		j += letter_len(t, j);
		n++;
	}
	if (j < to && t->f[j] == '-') /* double surnames */
		return name_word_at(t, j + 1, to) ? name_word_at(t, j + 1, to) : 0;
	return n >= 2 ? j : 0;
}

static int def_for_key(reader *r, const char *key, size_t a, size_t b)
{
	int i;

	for (i = 0; i < r->nacc; i++)
		if (strcmp(r->acc[i].key, key) == 0)
			return i;
	if (r->nacc == VD_MAX_DEF)
		return -1;
	memset(&r->acc[r->nacc], 0, sizeof(r->acc[0]));
	snprintf(r->acc[r->nacc].key, sizeof(r->acc[0].key), "%s", key);
	r->acc[r->nacc].label = b > a ? vt_quote(r->t, a, b, 120) : NULL;
	r->acc[r->nacc].probation = -1;
	r->acc[r->nacc].intro_at = VT_NPOS;
	if (b > a && !r->acc[r->nacc].label)
		r->oom = true;
	return r->nacc++;
}

/* A patronymic: «Иванович», «Ивановича», «Ивановна», «Ильинична» ... */
static bool patronymic(const vtext *t, size_t a, size_t b)
{
	static const char *const ends[] = {"вич", "ьич",  "вна", "вны", "вне",
	                                   "вну", "вной", "ичн", NULL};
	size_t lo = b > a + 10 ? b - 10 : a;

	return vt_find_any(t, lo, b, ends, NULL) != VT_NPOS;
}

/*
 * «[3f0c…]» (32 hex digits): a name the store replaced by its pseudonym before storing
 * the text (lib/store/redact.c); a placeholder like «ФИО1», keyed "#hex".
 */
static bool pseudonym_label(const vtext *t, size_t i, size_t to, char key[64], size_t *end)
{
	size_t k;

	if (t->f[i] != '[' || i + AWOL_VERDICT_PSEUDONYM_LEN + 2 > to ||
	    t->f[i + AWOL_VERDICT_PSEUDONYM_LEN + 1] != ']')
		return false;
	for (k = 1; k <= AWOL_VERDICT_PSEUDONYM_LEN; k++)
		if (!isxdigit((unsigned char)t->f[i + k]))
			return false;
	snprintf(key, 64, "#%.*s", AWOL_VERDICT_PSEUDONYM_LEN, t->f + i + 1);
	*end = i + AWOL_VERDICT_PSEUDONYM_LEN + 2;
	return true;
}

/* A label that names nobody: «ФИО1», «Ю.Г.Р.», a pseudonym «[3f0c…]». */
static bool placeholder_key(const char *key)
{
	return strncmp(key, "фио", strlen("фио")) == 0 || key[0] == '|' || key[0] == '#';
}

/* The label at i, if any: «ФИО1», «Иванов И.И.», «И.И. Иванов»; fills key and end. */
static bool label_raw(const vtext *t, size_t i, size_t to, char key[64], size_t *end)
{
	size_t e, w;
	int ni = 0;

	if (pseudonym_label(t, i, to, key, end))
		return true;

	if (t->f[i] == '\xD1' && !vt_letter_before(t, i) && i + 6 <= to &&
	    memcmp(t->f + i, "фио", 6) == 0) {
		e = i + 6;
		if (e < to && t->f[e] == ' ' && e + 1 < to && isdigit((unsigned char)t->f[e + 1]))
			e++;
		if (e >= to || !isdigit((unsigned char)t->f[e]))
			return false;
		w = e;
		while (e < to && isdigit((unsigned char)t->f[e]) && e - w < 4)
			e++;
		snprintf(key, 64, "фио%.*s", (int)(e - w), t->f + w);
		*end = e;
		return true;
	}
	if (!upper_letter(t, i) || vt_letter_before(t, i))
		return false;
	/* «Петрова Сергея Ивановича»: surname, name and a patronymic in full */
	w = name_word_at(t, i, to);
	if (w && w + 1 < to && t->f[w] == ' ') {
		size_t n1 = name_word_at(t, w + 1, to), n2;
		if (n1 && n1 + 1 < to && t->f[n1] == ' ' &&
		    (n2 = name_word_at(t, n1 + 1, to)) != 0 && patronymic(t, n1 + 1, n2)) {
			size_t l = w - i < 6 ? w - i : 6;
			snprintf(key, 64, "%.*s|%.2s.%.2s.", (int)l, t->f + i, t->f + w + 1,
			         t->f + n1 + 1);
			*end = n2;
			return true;
		}
	}
	/* «Иванов И.И.» (not «Разъяснить Ю.Г.Р.»: three initials stand alone) */
	w = name_word_at(t, i, to);
	if (w && w + 1 < to && t->f[w] == ' ' && (e = initials_at(t, w + 1, to, &ni)) != 0 &&
	    ni == 2 && !(e + 1 < to && t->f[e] == ' ' && name_word_at(t, e + 1, to))) {
		/* («Признать С.С. Сидорова»: the initials are the next word's) */
		size_t l = w - i < 6 ? w - i : 6;
		snprintf(key, 64, "%.*s|%.*s", (int)l, t->f + i, (int)(e - w - 1), t->f + w + 1);
		*end = e;
		return true;
	}
	e = initials_at(t, i, to, &ni);
	/* «И.И. Иванов» */
	if (e && ni == 2 && e + 1 < to && t->f[e] == ' ' && (w = name_word_at(t, e + 1, to)) != 0) {
		size_t l = w - e - 1 < 6 ? w - e - 1 : 6;
		snprintf(key, 64, "%.*s|%.*s", (int)l, t->f + e + 1, (int)(e - i), t->f + i);
		*end = w;
		return true;
	}
	/* «Ю.Г.Р.»: surname, name and patronymic as initials */
	if (e && ni == 3) {
		snprintf(key, 64, "|%.*s", (int)(e - i), t->f + i);
		*end = e;
		return true;
	}
	return false;
}

/* The label at i with its key; initials differ in spacing («И.И.», «И. И.»): one person. */
static bool label_at(const vtext *t, size_t i, size_t to, char key[64], size_t *end)
{
	size_t a, b = 0;

	if (!label_raw(t, i, to, key, end))
		return false;
	for (a = 0; key[a]; a++)
		if (key[a] != ' ')
			key[b++] = key[a];
	key[b] = '\0';
	return true;
}

static void find_labels(reader *r, size_t ra, size_t rb)
{
	const vtext *t = r->t;
	size_t i = ra, e;
	char key[64];

	while (i < rb && r->nocc < AWOL_ARRAY_SIZE(r->occ)) {
		if (label_at(t, i, rb, key, &e)) {
			r->occ[r->nocc].a = i;
			r->occ[r->nocc].b = e;
			r->occ[r->nocc].def = def_for_key(r, key, i, e);
			if (r->occ[r->nocc].def >= 0)
				r->nocc++;
			i = e;
			continue;
		}
		i += (unsigned char)t->f[i] < 0x80 ? 1
		                                   : ((unsigned char)t->f[i] >= 0xF0   ? 4
		                                      : (unsigned char)t->f[i] >= 0xE0 ? 3
		                                                                       : 2);
	}
}

/* ------------------------------------------------------------- pieces */

static bool abbreviation(const vtext *t, size_t ws, size_t we)
{
	static const char *const ab[] = {"ст", "ч", "п",   "г",    "гг",  "им",  "т",   "пп",  "чч",
	                                 "см", "р", "руб", "коп",  "тыс", "д",   "ул",  "обл", "с",
	                                 "в",  "н", "пр",  "корп", "кв",  "мкр", "пос", NULL};
	int k;

	for (k = 0; ab[k]; k++)
		if (strlen(ab[k]) == we - ws && memcmp(t->f + ws, ab[k], we - ws) == 0)
			return true;
	/* one letter: an initial */
	return we - ws <= 2 && we > ws;
}

/* End of the item that starts at i: a line break, «;», or a full stop before a capital. */
static size_t item_end(const vtext *t, size_t i, size_t rb)
{
	for (; i < rb; i++) {
		char c = t->f[i];
		if (c == '\n' || c == ';')
			return i + 1;
		if (c == '.' && i + 2 < rb && (t->f[i + 1] == ' ') && upper_letter(t, i + 2)) {
			size_t ws = i;
			while (ws > 0 && vt_letter_before(t, ws))
				ws -= letter_len(t, vt_char_start(t, ws - 1));
			if (!abbreviation(t, ws, i))
				return i + 1;
		}
	}
	return rb;
}

static void add_piece(reader *r, int def, size_t a, size_t b, bool carried, bool labelled)
{
	vd_acc *x = &r->acc[def];

	if (b <= a)
		return;
	if (x->npieces < VD_MAX_PIECES) {
		x->pieces[x->npieces].a = a;
		x->pieces[x->npieces].b = b;
		x->pieces[x->npieces].carried = carried;
		x->pieces[x->npieces].labelled = labelled;
		x->npieces++;
	}
}

/* Are occurrences k and k+1 joined into a group («ФИО1 и ФИО2», «ФИО1, ФИО2»)? */
static bool joined(reader *r, size_t k)
{
	const vtext *t = r->t;
	size_t a = r->occ[k].b, b = r->occ[k + 1].a;

	while (a < b && (t->f[a] == ' ' || t->f[a] == ','))
		a++;
	if (a == b)
		return true;
	return b - a == 2 && memcmp(t->f + a, "и", 2) == 0
	           ? true
	           : b - a == 3 && memcmp(t->f + a, "и ", 3) == 0;
}

static void split(reader *r, size_t ra, size_t rb)
{
	const vtext *t = r->t;
	int cur[VD_MAX_DEF], ncur = 0, i;
	size_t a = ra, k = 0, pending_a = VT_NPOS, pending_b = 0;
	/* after «ФИО1 и ФИО2 …: ФИО1 – …; ФИО2 – …» a piece naming nobody may be anyone's */
	bool joint_seen = false;

	if (r->nacc == 0) {
		char key[64] = "";
		if (def_for_key(r, key, 0, 0) < 0)
			return;
	}
	while (a < rb) {
		size_t b = item_end(t, a, rb), pa = a;
		bool first = true;
		while (k < r->nocc && r->occ[k].a < a)
			k++;
		/* the groups in this item, each opening a piece (the first one keeps the item
		 * start) */
		while (k < r->nocc && r->occ[k].a < b) {
			size_t g = k;
			int ng = 0, grp[VD_MAX_DEF];
			while (g < r->nocc && ng < VD_MAX_DEF) {
				int d = r->occ[g].def, j;
				bool dup = false;
				for (j = 0; j < ng; j++)
					dup |= grp[j] == d;
				if (!dup)
					grp[ng++] = d;
				if (g + 1 < r->nocc && r->occ[g + 1].a < b && joined(r, g))
					g++;
				else
					break;
			}
			if (!first) {
				for (i = 0; i < ncur; i++)
					add_piece(r, cur[i], pa, r->occ[k].a, false, true);
				pa = r->occ[k].a;
			}
			memcpy(cur, grp, sizeof(int) * (size_t)ng);
			ncur = ng;
			joint_seen |= ng > 1;
			if (pending_a != VT_NPOS) {
				for (i = 0; i < ncur; i++)
					add_piece(r, cur[i], pending_a, pending_b, false, false);
				pending_a = VT_NPOS;
			}
			first = false;
			k = g + 1;
		}
		if (ncur == 0 && r->nocc == 0)
			cur[ncur++] = 0; /* no labels at all: one defendant */
		if (ncur == 0) {
			/* before the first label: kept for the first group */
			if (pending_a == VT_NPOS)
				pending_a = pa;
			pending_b = b;
		} else
			for (i = 0; i < ncur; i++)
				add_piece(r, cur[i], pa, b, first && joint_seen, !first);
		a = b;
	}
}

/* ------------------------------------------------------------- outcomes */

static bool has_word_start(const vtext *t, size_t a, size_t b, const char *w, size_t *at)
{
	size_t p = a;

	while ((p = vt_find(t, p, b, w)) != VT_NPOS) {
		if (!vt_letter_before(t, p)) {
			if (at)
				*at = p;
			return true;
		}
		p++;
	}
	return false;
}

static unsigned piece_outcomes(const vtext *t, size_t a, size_t b, size_t where[VD_NOUT])
{
	unsigned m = 0;
	size_t p = a, q;

	while ((p = vt_find(t, p, b, "виновн")) != VT_NPOS) {
		bool neg = p >= 4 && memcmp(t->f + p - 4, "не", 4) == 0;
		size_t lo = p > a + 120 ? p - 120 : a;
		if (!neg && vt_has(t, lo, p, "призна")) {
			m |= 1u << VD_CONVICTED;
			/* from «признать», or from the piece when it requalifies first */
			where[VD_CONVICTED] =
			    vt_has(t, a, p, "переквалифицир") ? a : vt_rfind(t, lo, p, "призна");
			break;
		}
		p++;
	}
	if (has_word_start(t, a, b, "оправда", &q) || has_word_start(t, a, b, "невиновн", &q)) {
		if (!vt_has(t, a, b, "оправдательн") || vt_has(t, a, b, "оправдать")) {
			m |= 1u << VD_ACQUITTED;
			where[VD_ACQUITTED] = a;
		}
	}
	if (!vt_has(t, a, b, "гражданск") &&
	    ((has_word_start(t, a, b, "прекрат", &q) &&
	      (vt_has(t, a, b, "уголовн") || vt_has(t, a, b, "производств"))) ||
	     (vt_has(t, a, b, "освободить") && vt_has(t, a, b, "от уголовной ответственности")))) {
		m |= 1u << VD_TERMINATED;
		where[VD_TERMINATED] = a;
	}
	if (has_word_start(t, a, b, "приостанов", &q) && vt_has(t, a, b, "производств")) {
		m |= 1u << VD_PAUSED;
		where[VD_PAUSED] = a;
	}
	if ((has_word_start(t, a, b, "возвратить", &q) || has_word_start(t, a, b, "вернуть", &q)) &&
	    vt_has(t, a, b, "прокурор")) {
		m |= 1u << VD_RETURNED;
		where[VD_RETURNED] = a;
	}
	if (vt_has(t, a, b, "медицинского характера") && !vt_has(t, a, b, "отказать") &&
	    (vt_has(t, a, b, "применить") || vt_has(t, a, b, "назначить"))) {
		m |= 1u << VD_MEDICAL;
		where[VD_MEDICAL] = a;
	}
	return m;
}

/* ------------------------------------------------------------- assembly */

static void dispose_acc(reader *r)
{
	int i;

	for (i = 0; i < r->nacc; i++)
		free(r->acc[i].label);
}

static int resolve(reader *r, int i, awol_verdict_defendant *d, const char *why, size_t ra,
                   size_t rb, bool single)
{
	const vtext *t = r->t;
	vd_acc *x = &r->acc[i];
	size_t k;
	int o, n = 0, which = -1;

	memset(d, 0, sizeof(*d));
	d->label = x->label && *x->label ? strdup(x->label) : NULL;
	d->label_is_name = x->key[0] && !placeholder_key(x->key);
	if (x->label && *x->label && !d->label)
		return -1;
	d->punishment.months = -1;
	d->punishment.probation_months = -1;
	d->punishment.fine_rub = -1;
	d->absence.days = -1;
	d->outcome = "unknown";
	if (why) {
		d->reason = why;
		return 0;
	}
	for (o = 0; o < VD_NOUT; o++)
		if (x->outcomes & (1u << o)) {
			n++;
			if (which < 0)
				which = o;
		}
	/* a verdict that convicts of one charge and acquits of (or ends) another convicts */
	if (x->outcomes & (1u << VD_CONVICTED))
		which = VD_CONVICTED;
	/* medical measures come with the release from criminal liability they replace */
	else if (x->outcomes == ((1u << VD_MEDICAL) | (1u << VD_TERMINATED)))
		which = VD_MEDICAL;
	else if (n > 1)
		which = -1;
	/* two «признать … виновным» for one label: two people the label does not tell apart */
	if (x->convictions > 1 && x->key[0]) {
		d->reason = "ambiguous_label";
		return 0;
	}
	if (which < 0) {
		d->reason = n > 1 ? "conflicting_outcomes" : "no_outcome";
		return 0;
	}
	d->outcome = OUTCOME[which];
	d->ev_outcome = vt_quote(t, x->out_ev[which].a, x->out_ev[which].b, 300);
	if (which == VD_CONVICTED) {
		memcpy(d->articles, x->arts, sizeof(d->articles));
		d->narticles = x->narts;
		d->has_punishment = true;
		vd_punishment_resolve(t, x, d);
	} else if (which == VD_TERMINATED || which == VD_PAUSED) {
		const char *g = NULL;
		bool conflict = false;
		for (k = 0; k < x->npieces; k++) {
			const char *h = vd_ground(t, x->pieces[k].a, x->pieces[k].b, which);
			if (h && g && strcmp(h, g) != 0)
				conflict = true;
			if (h)
				g = h;
		}
		if (!g && single)
			g = vd_ground(t, ra, rb, which);
		d->ground = conflict ? NULL : g;
	}
	return 0;
}

/* Read every defendant's pieces: outcomes and articles, then punishments; *nout gets how
 * many defendants have an outcome. */
static void read_pieces(reader *r, int *nout)
{
	const vtext *t = r->t;
	int i;
	size_t k;

	*nout = 0;
	for (i = 0; i < r->nacc; i++) {
		vd_acc *x = &r->acc[i];
		size_t where[VD_NOUT] = {0}; /* set for each outcome found (-O3 cannot tell) */
		for (k = 0; k < x->npieces; k++) {
			size_t a = x->pieces[k].a, b = x->pieces[k].b;
			unsigned m = piece_outcomes(t, a, b, where);
			int o;
			for (o = 0; o < VD_NOUT; o++)
				if ((m & (1u << o)) && !(x->outcomes & (1u << o))) {
					x->out_ev[o].a = where[o];
					x->out_ev[o].b = b;
				}
			x->outcomes |= m;
			if (m & (1u << VD_CONVICTED)) {
				vd_articles(t, where[VD_CONVICTED], b, x);
				/* «Его же признать виновным …» names nobody: the same man */
				if (x->pieces[k].labelled)
					x->convictions++;
			}
		}
		if (x->outcomes)
			(*nout)++;
	}
	/* punishments once the defendants are known: a piece naming nobody is shared then */
	for (i = 0; i < r->nacc; i++)
		for (k = 0; k < r->acc[i].npieces; k++)
			vd_punishment_piece(t, r->acc[i].pieces[k].a, r->acc[i].pieces[k].b,
			                    r->acc[i].pieces[k].carried && *nout > 1, &r->acc[i]);
	/* a suspension that names nobody may be anyone's: only the named ones are sure */
	for (i = 0; i < r->nacc; i++)
		if (r->acc[i].susp_unsure) {
			int j;
			for (j = 0; j < r->nacc; j++)
				if (!r->acc[j].susp_labelled)
					r->acc[j].susp_unsure = true;
			break;
		}
}

/*
 * A defendant's own stretch of the introduction: from his label to the next other
 * defendant's («ФИО1 и ФИО2, проходящих службу по контракту» is shared); false if his
 * label is not there.
 */
static bool own_stretch(const reader *r, const vd_acc *x, size_t intro_end, size_t *from,
                        size_t *to)
{
	const vtext *t = r->t;
	size_t p = VT_NPOS, q, lim, prev_end = 0, e;
	char key[64];

	if (!x->key[0])
		return false;
	for (q = 0; q < intro_end && p == VT_NPOS; q++)
		if (label_at(t, q, intro_end, key, &e)) {
			if (strcmp(key, x->key) == 0)
				p = q;
			prev_end = e;
			q = e - 1;
		}
	if (p == VT_NPOS)
		return false;
	lim = p + 700 < intro_end ? p + 700 : intro_end;
	for (q = p + 1; q < lim; q++) {
		size_t g = prev_end;
		if (!label_at(t, q, lim, key, &e))
			continue;
		while (g < q && (t->f[g] == ' ' || t->f[g] == ','))
			g++;
		if ((g + 3 >= q && (g == q || memcmp(t->f + g, "и", 2) == 0)) ||
		    strcmp(key, x->key) == 0) {
			prev_end = e;
			q = e - 1;
			continue;
		}
		lim = q;
		break;
	}
	*from = p;
	*to = lim;
	return true;
}

static int build(reader *r, awol_verdict *v, const char *why, size_t ra, size_t rb,
                 size_t intro_end)
{
	const vtext *t = r->t;
	int i, nout = 0, keep[VD_MAX_DEF], nkeep = 0;
	size_t k;

	read_pieces(r, &nout);
	/* labels that never get an outcome are others (a witness, an owner of evidence) */
	for (i = 0; i < r->nacc; i++)
		if (why || r->acc[i].outcomes || (nout == 0 && i == 0))
			keep[nkeep++] = i;
	v->defendants = calloc((size_t)nkeep, sizeof(*v->defendants));
	if (!v->defendants)
		return -1;
	for (i = 0; i < nkeep; i++) {
		awol_verdict_defendant *d = &v->defendants[v->ndefendants];
		/* with no outcome anywhere, the labels are not known to be defendants */
		bool none = nout == 0 && !why && r->nocc > 0;
		if (resolve(r, keep[i], d, none ? "no_outcome" : why, ra, rb, nkeep == 1) < 0)
			return -1;
		if (none)
			AWOL_FREE(d->label);
		v->ndefendants++;
	}
	/* service and absence: from the parts before the resolutive one */
	if (intro_end > 0 && v->ndefendants == 1) {
		vd_service(t, 0, intro_end, &v->defendants[0]);
		vd_absence(t, 0, intro_end, &v->defendants[0]);
	} else if (intro_end > 0)
		for (k = 0; k < v->ndefendants; k++) {
			size_t from, to;
			if (own_stretch(r, &r->acc[keep[k]], intro_end, &from, &to))
				vd_service(t, from, to, &v->defendants[k]);
		}
	return 0;
}

static bool not_published(const vtext *t)
{
	static const char *const pats[] = {
	    "не подлежит опубликованию", "пустой документ", "не подлежит размещению",
	    "текст не опубликован",      "не публикуется",  NULL};
	return vt_find_any(t, 0, t->n, pats, NULL) != VT_NPOS;
}

int awol_verdict_read(const char *text, size_t len, awol_verdict **out, awol_error *err)
{
	vtext t;
	reader *r = NULL;
	awol_verdict *v = NULL;
	size_t ra = 0, rb = 0, marker = 0;
	const char *why = NULL, *kind = NULL;
	bool have;
	int rc = 0;

	*out = NULL;
	if (vt_init(&t, text ? text : "", text ? len : 0) < 0)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	v = calloc(1, sizeof(*v));
	r = calloc(1, sizeof(*r));
	if (!v || !r) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	r->t = &t;
	v->act = act_kind(&t, &v->appeal);
	have = resolutive(&t, v->act, &ra, &rb, &marker, &kind);
	if (have && !v->act)
		v->act = kind; /* «ПРИГОВОРИЛ:» says it is a verdict */
	if (!have) {
		why = t.n < 16            ? "empty"
		      : not_published(&t) ? "not_published"
		                          : "no_resolutive_part";
		v->reason = why;
		marker = 0;
	} else if (v->appeal) {
		/* an appeal keeps or changes a sentence given elsewhere: not read here */
		why = "appeal";
		v->reason = why;
	} else if (vt_has(&t, ra, rb, "по подсудности") && !vt_has(&t, ra, rb, "виновн")) {
		why = "transferred";
		v->reason = why;
	}
	if (why == NULL || (why && ra < rb))
		find_labels(r, ra, rb);
	if (!why)
		split(r, ra, rb);
	else if (r->nacc == 0 && def_for_key(r, "", 0, 0) < 0)
		r->oom = true;
	if (r->oom || build(r, v, why, ra, rb, marker) < 0) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
done:
	if (r)
		dispose_acc(r);
	free(r);
	vt_dispose(&t);
	if (rc < 0)
		awol_verdict_free(v);
	else
		*out = v;
	return rc;
}

void awol_verdict_free(awol_verdict *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->ndefendants; i++) {
		awol_verdict_defendant *d = &v->defendants[i];
		free(d->label);
		free(d->ev_outcome);
		free(d->ev_punishment);
		free(d->ev_service);
		free(d->ev_absence);
	}
	free(v->defendants);
	free(v);
}

char *awol_verdict_mask_names(const char *text, char *(*repl)(void *ctx, const char *label),
                              void *ctx)
{
	vtext t;
	awol_buf out;
	size_t i = 0, done = 0, e;
	char key[64];

	if (!text)
		return NULL;
	if (vt_init(&t, text, strlen(text)) < 0)
		return NULL;
	awol_buf_init(&out, (size_t)256 << 20);
	while (i < t.n) {
		if (label_at(&t, i, t.n, key, &e) && key[0] && !placeholder_key(key)) {
			char *label = vt_quote(&t, i, e, 200), *r = label ? repl(ctx, label) : NULL;
			if (r) {
				awol_buf_put(&out, text + done, t.pos[i] - done, NULL);
				awol_buf_puts(&out, r, NULL);
				done = e < t.n ? t.pos[e] : t.olen;
			}
			free(r);
			free(label);
			i = e;
			continue;
		}
		i++;
	}
	awol_buf_put(&out, text + done, t.olen - done, NULL);
	vt_dispose(&t);
	return awol_buf_detach(&out);
}

/* The key of the label that `s` is as a whole, "" when it is none or a placeholder. */
static void whole_key(const char *s, char key[64])
{
	vtext t;
	size_t e;

	key[0] = '\0';
	if (!s || vt_init(&t, s, strlen(s)) < 0)
		return;
	if (!label_at(&t, 0, t.n, key, &e) || e != t.n || placeholder_key(key))
		key[0] = '\0';
	vt_dispose(&t);
}

bool awol_verdict_same_person(const char *label, const char *name)
{
	char a[64], b[64];

	whole_key(label, a);
	whole_key(name, b);
	return a[0] && strcmp(a, b) == 0;
}
