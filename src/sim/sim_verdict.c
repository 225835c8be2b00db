/*
 * The texts of verdicts and decisions, from a grammar after the phrasings of
 * real ones (../shared/docs/verdict-phrasing.md), and their truth: what each
 * defendant's outcome really is.  Built with the simulator's own code (never
 * lib/verdict), so that reading these texts tests the reader.
 *
 * Everything is derived from hashes of the case id, not from the world's
 * random stream: the other data stay as they were.
 */
#include "util/common.h"
#include "sim.h"

static uint64_t h(const sim_case *k, uint64_t salt)
{
	return sim_hash((uint64_t)k->id * 131 + 17, salt);
}

static int pick(uint64_t v, const int *xs, size_t n)
{
	return xs[v % n];
}

/* ------------------------------------------------------------------ truth */

static void punish_337(const sim_case *k, int p, const char *part, sim_def_truth *d)
{
	uint64_t u = h(k, 100 + (uint64_t)p);
	static const int real5[] = {60, 60, 60, 63, 66, 66, 72, 72, 78, 84};
	static const int low5[] = {24, 30, 36, 42, 48, 54};
	static const int mid[] = {6, 8, 10, 12, 12, 18, 24, 30};
	static const int prob[] = {12, 24, 24, 30, 36, 36, 48, 60};
	static const int fines[] = {20000, 30000, 40000, 50000, 60000, 100000};

	d->type = "imprisonment";
	if (strcmp(part, "5") == 0) {
		if (u % 100 < 15) {
			d->below_min = true;
			if (u % 100 < 3) {
				d->type = "disciplinary_unit";
				d->months = 12 + 6 * (int)((u >> 8) % 3);
			} else
				d->months = pick(u >> 8, low5, AWOL_ARRAY_SIZE(low5));
		} else
			d->months = pick(u >> 8, real5, AWOL_ARRAY_SIZE(real5));
		d->suspended = d->type[0] == 'i' && (u >> 16) % 100 < 45;
		d->regime = (u >> 24) % 10 < 8   ? "general"
		            : (u >> 24) % 10 < 9 ? "strict"
		                                 : "settlement";
	} else if (strcmp(part, "4") == 0 || strcmp(part, "3.1") == 0) {
		if (u % 100 < 15) {
			d->type = "disciplinary_unit";
			d->months = 6 + 6 * (int)((u >> 8) % 2);
		} else {
			d->months = pick(u >> 8, mid, AWOL_ARRAY_SIZE(mid));
			d->suspended = (u >> 16) % 100 < 50;
			d->regime = "settlement";
		}
	} else if (strcmp(part, "3") == 0 || strcmp(part, "2.1") == 0) {
		if (u % 10 < 4) {
			d->type = "military_restriction";
			d->months = pick(u >> 8, (const int[]){3, 6, 12}, 3);
		} else if (u % 10 < 7) {
			d->type = "disciplinary_unit";
			d->months = pick(u >> 8, (const int[]){3, 4, 6}, 3);
		} else {
			d->type = "fine";
			d->fine = pick(u >> 8, fines, AWOL_ARRAY_SIZE(fines));
		}
	} else {
		if (u % 10 < 4) {
			d->type = "fine";
			d->fine = pick(u >> 8, fines, 4);
		} else if (u % 10 < 6) {
			d->type = "arrest";
			d->months = 2 + (int)((u >> 8) % 3);
		} else {
			d->type = "military_restriction";
			d->months = pick(u >> 8, (const int[]){3, 6}, 2);
		}
	}
	if (d->suspended) {
		d->regime = NULL;
		d->probation = pick(u >> 32, prob, AWOL_ARRAY_SIZE(prob));
	}
	if (d->type[0] != 'i')
		d->regime = NULL;
}

static void punish_other(const sim_case *k, int p, const char *article, sim_def_truth *d)
{
	uint64_t u = h(k, 200 + (uint64_t)p);

	if (strcmp(article, "338") == 0) {
		d->type = "imprisonment";
		d->months = pick(u >> 8, (const int[]){60, 72, 84, 96, 120}, 5);
		d->suspended = (u >> 16) % 100 < 15;
		d->regime = (u >> 24) % 2 ? "strict" : "general";
	} else if (u % 3 == 0) {
		d->type = "fine";
		d->fine = pick(u >> 8, (const int[]){15000, 20000, 30000, 100000}, 4);
	} else {
		d->type = "imprisonment";
		d->months = pick(u >> 8, (const int[]){12, 18, 24, 36, 48}, 5);
		d->suspended = (u >> 16) % 2;
		d->regime = "general";
	}
	if (d->suspended) {
		d->regime = NULL;
		d->probation = pick(u >> 32, (const int[]){12, 24, 36}, 3);
	}
}

static const char *service_for(const sim_case *k, int p)
{
	uint64_t u = h(k, 300 + (uint64_t)p) % 100;

	if (u < 12)
		return NULL; /* the text does not say */
	if (k->received.y >= 2023 || (k->received.y == 2022 && k->received.m >= 10))
		return u < 45   ? "mobilised"
		       : u < 92 ? "contract"
		       : u < 95 ? "volunteer"
		                : "conscript";
	return u < 65 ? "contract" : "conscript";
}

static void absence_for(const sim_case *k, int p, const char *part, sim_def_truth *d)
{
	uint64_t u = h(k, 400 + (uint64_t)p);
	long rec = awol_date_to_days(k->received), to, len;

	if (strcmp(part, "5") == 0 || strcmp(part, "4") == 0)
		len = 31 + (long)(u % 250);
	else if (strcmp(part, "3") == 0 || strcmp(part, "3.1") == 0)
		len = 11 + (long)(u % 20);
	else
		len = 3 + (long)(u % 7);
	to = rec - 10 - (long)((u >> 16) % 50);
	d->from = to - len;
	d->to = to;
	d->days = (int)len;
	d->ended = (u >> 24) % 3 ? "detained" : "returned";
	d->dates_redacted = (u >> 32) % 100 < 12;
	d->stated_days = (u >> 40) % 4 == 0;
}

void sim_act_truth_of(const sim_case *k, int n, sim_act_truth *t)
{
	uint64_t f = h(k, (uint64_t)n);
	int p;

	memset(t, 0, sizeof(*t));
	t->n = k->npersons;
	t->act = n == 1 && k->result == 0 ? "приговор" : "постановление";
	/* the texts that carry the site's message phrase are always published (sim_pages.sh) */
	t->published = f % 100 >= 7 || k->id % 7 == 3;
	t->intro_only = t->published && f % 100 < 10;
	t->spaced = (f >> 8) % 100 < 40;
	t->numstyle = (int)((f >> 16) % 4); /* 0,1 digits with words, 2 digits, 3 words */
	t->label_style = (int)((f >> 24) % 10);
	t->joint = k->npersons > 1 && (f >> 32) % 2;
	t->side = n > 1;
	t->variant =
	    (unsigned)(f >>
	               40); /* a later decision on the side (costs): says nothing of the outcome */
	for (p = 0; p < k->npersons; p++) {
		sim_def_truth *d = &t->d[p];
		const sim_charge *c = &k->persons[p].charges[0];
		uint64_t u = h(k, 500 + (uint64_t)p);
		d->months = d->probation = -1;
		d->fine = -1;
		snprintf(d->article, sizeof(d->article), "%s", c->article);
		snprintf(d->part, sizeof(d->part), "%s", c->part);
		d->service = service_for(k, p);
		absence_for(k, p, c->part, d);
		switch (k->result) {
		case 0:
			d->outcome = "convicted";
			if (k->npersons > 1 && p == k->npersons - 1 && u % 100 < 8) {
				d->outcome = "acquitted";
				break;
			}
			/* the court requalifies part 5 to part 4 now and then */
			if (strcmp(c->article, "337") == 0 && strcmp(c->part, "5") == 0 &&
			    k->persons[p].ncharges == 1 && (u >> 8) % 100 < 5) {
				d->requalified = true;
				snprintf(d->part, sizeof(d->part), "4");
			}
			if (strcmp(c->article, "337") == 0)
				punish_337(k, p, d->part, d);
			else
				punish_other(k, p, c->article, d);
			if (k->persons[p].ncharges > 1 &&
			    (d->type[0] == 'i' || d->type[0] == 'd')) {
				/* two crimes: partial punishments, then the final one (ст. 69) */
				d->two_crimes = true;
				d->partial = d->months;
				d->months += 3 + (int)((u >> 16) % 4);
				snprintf(d->article2, sizeof(d->article2), "%s",
				         k->persons[p].charges[1].article);
				snprintf(d->part2, sizeof(d->part2), "%s",
				         k->persons[p].charges[1].part);
			} else if (k->persons[p].ncharges > 1) {
				/* a mild type with a second crime: one joint sentence is too rare
				 * to model */
				d->type = "imprisonment";
				d->fine = -1;
				d->months = 12;
				d->two_crimes = true;
				d->partial = 6;
				d->regime = d->suspended ? NULL : "settlement";
				snprintf(d->article2, sizeof(d->article2), "%s",
				         k->persons[p].charges[1].article);
				snprintf(d->part2, sizeof(d->part2), "%s",
				         k->persons[p].charges[1].part);
			} else if (d->type[0] == 'i' && !d->suspended && (u >> 24) % 100 < 8) {
				/* a suspended sentence of an earlier verdict cancelled (ст. 74, 70)
				 */
				d->cancel74 = true;
				d->partial = d->months;
				d->months += 6;
				d->regime = d->regime ? d->regime : "general";
			}
			d->rank = d->type[0] == 'i' && !d->suspended && (u >> 32) % 100 < 10;
			d->redacted_term = d->months > 0 && (u >> 40) % 100 < 4;
			d->redacted_regime = d->regime && (u >> 48) % 100 < 3;
			break;
		case 1:
			d->outcome = "terminated";
			d->ground = "judicial_fine";
			d->fine = pick(u, (const int[]){10000, 20000, 30000, 50000}, 4);
			break;
		case 2:
			d->outcome = "terminated";
			d->ground = "amnesty";
			break;
		case 3:
			d->outcome = "returned";
			break;
		case 4:
			d->outcome = "unknown";
			d->reason = "transferred";
			break;
		case 5:
			d->outcome = "terminated";
			d->ground = "death";
			break;
		case 6:
			d->outcome = "terminated";
			d->ground = "military_service";
			break;
		case 7:
			d->outcome = "terminated";
			d->ground = "active_repentance";
			break;
		case 8:
			d->outcome = "terminated";
			d->ground = "limitation";
			break;
		default: /* pending: a published pause */
			d->outcome = "paused";
			/* one decision for all the defendants: the case's ground */
			d->ground = f % 3 == 0   ? "wanted"
			            : f % 3 == 1 ? "military_service"
			                         : "illness";
			break;
		}
		if (strcmp(d->outcome, "convicted") != 0)
			d->fine = k->result == 1 ? d->fine : -1;
	}
}

/* ------------------------------------------------------------------ words */

static const char *const ONES[] = {"ноль",   "один",        "два",       "три",    "четыре",
                                   "пять",   "шесть",       "семь",      "восемь", "девять",
                                   "десять", "одиннадцать", "двенадцать"};
static const char *const MONTHS_GEN[] = {"января",   "февраля", "марта",  "апреля",
                                         "мая",      "июня",    "июля",   "августа",
                                         "сентября", "октября", "ноября", "декабря"};

static const char *years_word(int n)
{
	int m10 = n % 10, m100 = n % 100;

	if (m10 == 1 && m100 != 11)
		return "год";
	if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
		return "года";
	return "лет";
}

static const char *months_word(int n)
{
	if (n == 1)
		return "месяц";
	if (n >= 2 && n <= 4)
		return "месяца";
	return "месяцев";
}

/* «5 (пять) лет», «5 лет» or «пять лет» (numbers up to 12 in words, else digits). */
static void count(awol_buf *b, int n, const char *unit, int style)
{
	if (style == 3 && n <= 12)
		awol_buf_printf(b, NULL, "%s %s", ONES[n], unit);
	else if (style <= 1 && n <= 12)
		awol_buf_printf(b, NULL, "%d (%s) %s", n, ONES[n], unit);
	else
		awol_buf_printf(b, NULL, "%d %s", n, unit);
}

static void term(awol_buf *b, int months, int style, bool redacted)
{
	int y = months / 12, m = months % 12;

	if (redacted) {
		awol_buf_puts(b, style % 2 ? "<данные изъяты>" : "... лет", NULL);
		return;
	}
	if (y)
		count(b, y, years_word(y), style);
	if (y && m)
		awol_buf_puts(b, style == 2 ? " и " : " ", NULL);
	if (m)
		count(b, m, months_word(m), style);
}

static void date_text(awol_buf *b, long days, int style, bool redacted)
{
	awol_date d = awol_date_from_days(days);

	if (redacted)
		awol_buf_puts(b, "ДД.ММ.ГГГГ", NULL);
	else if (style % 2)
		awol_buf_printf(b, NULL, "%02d.%02d.%04d", d.d, d.m, d.y);
	else
		awol_buf_printf(b, NULL, "%d %s %d г.", d.d, MONTHS_GEN[d.m - 1], d.y);
}

static void fine_text(awol_buf *b, long v)
{
	if (v >= 1000)
		awol_buf_printf(b, NULL, "%ld %03ld рублей", v / 1000, v % 1000);
	else
		awol_buf_printf(b, NULL, "%ld рублей", v);
}

/* The defendant's label in a case form: 0 nominative, 1 genitive/accusative, 2 dative. */
/* Initials of person p as the label would show them (surname's first letter with style 8+). */
static bool initials(const sim_case *k, int p, bool full_surname, char *out, size_t n)
{
	const char *name = k->persons[p].name;
	const char *sp = strchr(name, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;

	if (!sp || !sp2 || strncmp(name, "Информация", 10) == 0)
		return false;
	snprintf(out, n, "%.*s|%.2s|%.2s", full_surname ? (int)(sp - name) : 2, name, sp + 1,
	         sp2 + 1);
	return true;
}

/* Two defendants the label would not tell apart: the courts number them «ФИО1», «ФИО2». */
static bool label_clash(const sim_case *k, const sim_act_truth *t, int p)
{
	char a[96], b[96];
	int q;

	if (!initials(k, p, t->label_style < 8, a, sizeof(a)))
		return false;
	for (q = 0; q < k->npersons; q++)
		if (q != p && initials(k, q, t->label_style < 8, b, sizeof(b)) && strcmp(a, b) == 0)
			return true;
	return false;
}

static void label(awol_buf *b, const sim_case *k, const sim_act_truth *t, int p, int form)
{
	const char *name = k->persons[p].name;
	char sur[64], i1[8] = "", i2[8] = "";
	const char *sp = strchr(name, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
	size_t l;

	if (t->label_style < 6 || !sp || !sp2 || strncmp(name, "Информация", 10) == 0 ||
	    label_clash(k, t, p)) {
		awol_buf_printf(b, NULL, "ФИО%d", p + 1);
		return;
	}
	l = (size_t)(sp - name) < sizeof(sur) ? (size_t)(sp - name) : sizeof(sur) - 1;
	memcpy(sur, name, l);
	sur[l] = '\0';
	memcpy(i1, sp + 1, 2); /* the first letter of the name and of the patronymic */
	memcpy(i2, sp2 + 1, 2);
	if (t->label_style < 8)
		/* «Иванов И.И.», its surname declined (the one thing the courts leave) */
		awol_buf_printf(b, NULL, "%s%s %s.%s.", sur,
		                form == 1   ? "а"
		                : form == 2 ? "у"
		                            : "",
		                i1, i2);
	else
		awol_buf_printf(b, NULL, "%.2s.%s.%s.", sur, i1, i2);
}

static void marker(awol_buf *b, const char *word, bool spaced)
{
	const char *p;

	awol_buf_puts(b, "<p align=\"center\">", NULL);
	if (!spaced)
		awol_buf_puts(b, word, NULL);
	else
		for (p = word; *p;) {
			size_t k = ((unsigned char)*p & 0xE0) == 0xC0 ? 2 : 1;
			awol_buf_put(b, p, k, NULL);
			p += k;
			if (*p)
				awol_buf_putc(b, ' ', NULL);
		}
	awol_buf_puts(b, spaced ? " :</p>" : ":</p>", NULL);
}

static void charge(awol_buf *b, const char *article, const char *part, int style)
{
	if (style == 1)
		awol_buf_printf(b, NULL, "%s%s%sстатьи %s УК РФ", part[0] ? "частью " : "", part,
		                part[0] ? " " : "", article);
	else
		awol_buf_printf(b, NULL, "%s%s%sст. %s УК РФ", part[0] ? "ч. " : "", part,
		                part[0] ? " " : "", article);
}

static const char *type_gen(const char *type)
{
	static const struct {
		const char *t, *w;
	} T[] = {{"imprisonment", "лишения свободы"},
	         {"disciplinary_unit", "содержания в дисциплинарной воинской части"},
	         {"military_restriction", "ограничения по военной службе"},
	         {"fine", "штрафа"},
	         {"arrest", "ареста"}};
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(T); i++)
		if (strcmp(T[i].t, type) == 0)
			return T[i].w;
	return "лишения свободы";
}

static const char *regime_text(const char *r)
{
	return strcmp(r, "general") == 0 ? "в исправительной колонии общего режима"
	       : strcmp(r, "strict") == 0 ? "в исправительной колонии строгого режима"
	       : strcmp(r, "special") == 0 ? "в исправительной колонии особого режима"
	                                   : "в колонии-поселении";
}

/* «в виде лишения свободы на срок 5 (пять) лет с отбыванием наказания в ...» */
static void punishment(awol_buf *b, const sim_def_truth *d, int months, int style, bool with_regime,
                       unsigned variant)
{
	bool term_first = (variant & 1) && strcmp(d->type, "imprisonment") == 0 &&
	                  !(d->redacted_term && months == d->months);

	if (term_first) {
		/* «в виде 5 лет 6 месяцев лишения свободы» */
		awol_buf_puts(b, "в виде ", NULL);
		term(b, months, 2, false);
		awol_buf_puts(b, " лишения свободы", NULL);
	} else
		awol_buf_printf(b, NULL, "в виде %s", type_gen(d->type));
	if (term_first) {
		/* the term is said */
	} else if (strcmp(d->type, "fine") == 0) {
		awol_buf_puts(b, " в размере ", NULL);
		fine_text(b, d->fine);
	} else {
		awol_buf_puts(b, style == 3 ? " сроком на " : " на срок ", NULL);
		term(b, months, style, d->redacted_term && months == d->months);
		if (strcmp(d->type, "military_restriction") == 0)
			awol_buf_puts(b,
			              " с удержанием в доход государства 10 (десяти) процентов из "
			              "денежного довольствия",
			              NULL);
	}
	if (d->rank && months == d->months)
		awol_buf_puts(b, " с лишением воинского звания «рядовой»", NULL);
	if (with_regime && d->regime) {
		if (d->redacted_regime)
			awol_buf_puts(b,
			              " с отбыванием наказания в исправительной колонии <данные "
			              "изъяты> режима",
			              NULL);
		else
			awol_buf_printf(b, NULL, " с отбыванием наказания %s",
			                regime_text(d->regime));
	}
}

/* The regime in a sentence of its own (real terms, not redacted). */
static bool regime_apart(const sim_act_truth *t, const sim_def_truth *d)
{
	return (t->variant & 4) && d->regime && !d->suspended && !d->redacted_regime;
}

static void suspension(awol_buf *b, const sim_case *k, const sim_act_truth *t, int p,
                       const sim_def_truth *d, int style)
{
	awol_buf_puts(b,
	              style % 2 ? "<p>На основании ст. 73 УК РФ назначенное "
	                        : "<p>В соответствии со статьей 73 УК РФ назначенное ",
	              NULL);
	label(b, k, t, p, 2);
	awol_buf_puts(b, " наказание считать условным с испытательным сроком ", NULL);
	term(b, d->probation, style, false);
	awol_buf_puts(b,
	              ".</p><p>Контроль за поведением условно осужденного возложить на "
	              "командование войсковой части &lt;номер&gt;.</p>",
	              NULL);
}

/* One defendant's conviction and sentence, as paragraphs. */
static void sentence(awol_buf *b, const sim_case *k, const sim_act_truth *t, int p, int style)
{
	const sim_def_truth *d = &t->d[p];

	if (d->requalified) {
		awol_buf_puts(b, "<p>Переквалифицировать действия ", NULL);
		label(b, k, t, p, 1);
		awol_buf_puts(b,
		              style % 2 ? " с ч. 5 ст. 337 УК РФ на ч. 4 ст. 337 УК РФ.</p>"
		                        : " с ч. 5 на ч. 4 ст. 337 УК РФ.</p>",
		              NULL);
	}
	if (strcmp(d->outcome, "acquitted") == 0) {
		awol_buf_puts(b, "<p>", NULL);
		label(b, k, t, p, 0);
		awol_buf_puts(b, " по обвинению в совершении преступления, предусмотренного ",
		              NULL);
		charge(b, d->article, d->part, style);
		awol_buf_puts(b,
		              ", оправдать на основании п. 2 ч. 1 ст. 24 УПК РФ в связи с "
		              "отсутствием в деянии состава преступления. Признать за ",
		              NULL);
		label(b, k, t, p, 1);
		awol_buf_puts(b, " право на реабилитацию.</p>", NULL);
		return;
	}
	if (t->variant & 2) {
		/* «ФИО1 признать виновным» */
		awol_buf_puts(b, "<p>", NULL);
		label(b, k, t, p, 1);
		awol_buf_puts(b, " признать", NULL);
	} else {
		awol_buf_puts(b, "<p>Признать ", NULL);
		label(b, k, t, p, 1);
	}
	if (d->two_crimes) {
		awol_buf_puts(b, " виновным в совершении преступлений, предусмотренных ", NULL);
		charge(b, d->article, d->part, style);
		awol_buf_puts(b, " и ", NULL);
		charge(b, d->article2, d->part2, style);
		awol_buf_puts(b, ", и назначить ему наказание:</p><p>по ", NULL);
		charge(b, d->article, d->part, 0);
		awol_buf_puts(b, " – ", NULL);
		{
			sim_def_truth part = *d;
			part.rank = false;
			part.redacted_term = false;
			punishment(b, &part, d->partial, style, false, t->variant);
		}
		awol_buf_puts(b, ";</p><p>по ", NULL);
		charge(b, d->article2, d->part2, 0);
		awol_buf_puts(b, " – в виде лишения свободы на срок 6 (шесть) месяцев.</p>", NULL);
		awol_buf_puts(b,
		              "<p>На основании ч. 3 ст. 69 УК РФ по совокупности преступлений "
		              "путем частичного сложения назначенных наказаний окончательно "
		              "назначить ",
		              NULL);
		label(b, k, t, p, 2);
		awol_buf_puts(
		    b, d->below_min ? " с применением ст. 64 УК РФ наказание " : " наказание ",
		    NULL);
		punishment(b, d, d->months, style, !d->suspended && !regime_apart(t, d),
		           t->variant);
		awol_buf_puts(b, ".</p>", NULL);
	} else {
		awol_buf_puts(b, " виновным в совершении преступления, предусмотренного ", NULL);
		charge(b, d->article, d->part, style);
		awol_buf_puts(b, ", и назначить ему наказание", NULL);
		if (d->below_min)
			awol_buf_puts(b, " с применением ст. 64 УК РФ", NULL);
		awol_buf_putc(b, ' ', NULL);
		if (d->cancel74) {
			sim_def_truth part = *d;
			part.rank = false;
			part.redacted_term = false;
			punishment(b, &part, d->partial, style, false, t->variant);
			awol_buf_puts(b, ".</p><p>На основании ч. 4 ст. 74 УК РФ отменить ", NULL);
			label(b, k, t, p, 2);
			awol_buf_puts(
			    b,
			    " условное осуждение по приговору гарнизонного военного суда "
			    "от ДД.ММ.ГГГГ, которым он осужден к лишению свободы на срок 1 "
			    "год условно с испытательным сроком 1 год.</p><p>На основании "
			    "ст. 70 УК РФ по совокупности приговоров путем частичного "
			    "присоединения неотбытой части наказания окончательно назначить ",
			    NULL);
			label(b, k, t, p, 2);
			awol_buf_puts(b, " наказание ", NULL);
		}
		punishment(b, d, d->months, style, !d->suspended && !regime_apart(t, d),
		           t->variant);
		awol_buf_puts(b, ".</p>", NULL);
	}
	if (regime_apart(t, d)) {
		/* «Отбывание наказания ФИО1 назначить в исправительной колонии общего режима.» */
		awol_buf_puts(b, "<p>Отбывание наказания ", NULL);
		label(b, k, t, p, 2);
		awol_buf_printf(b, NULL, " назначить %s.</p>", regime_text(d->regime));
	}
	if (d->suspended)
		suspension(b, k, t, p, d, style);
}

/* «ФИО1 и ФИО2 признать виновными ... назначить наказание: ФИО1 – ...; ФИО2 – ...» */
static void joint(awol_buf *b, const sim_case *k, const sim_act_truth *t, int style)
{
	int p;

	awol_buf_puts(b, "<p>", NULL);
	for (p = 0; p < t->n; p++) {
		if (p)
			awol_buf_puts(b, p == t->n - 1 ? " и " : ", ", NULL);
		label(b, k, t, p, 0);
	}
	awol_buf_puts(b, " признать виновными в совершении преступления, предусмотренного ", NULL);
	charge(b, t->d[0].article, t->d[0].part, style);
	awol_buf_puts(b, ", и назначить наказание:</p>", NULL);
	for (p = 0; p < t->n; p++) {
		awol_buf_puts(b, "<p>", NULL);
		label(b, k, t, p, 2);
		awol_buf_puts(b, " – ", NULL);
		punishment(b, &t->d[p], t->d[p].months, style, !t->d[p].suspended, t->variant);
		awol_buf_puts(b, p == t->n - 1 ? ".</p>" : ";</p>", NULL);
	}
	for (p = 0; p < t->n; p++)
		if (t->d[p].suspended)
			suspension(b, k, t, p, &t->d[p], style);
}

/* Can the defendants be sentenced in one joint sentence? (same charge, simple cases) */
static bool joint_ok(const sim_act_truth *t)
{
	int p;

	for (p = 0; p < t->n; p++) {
		const sim_def_truth *d = &t->d[p];
		if (strcmp(d->outcome, "convicted") != 0 || d->two_crimes || d->cancel74 ||
		    d->requalified || d->below_min || strcmp(d->part, t->d[0].part) != 0 ||
		    strcmp(d->article, t->d[0].article) != 0)
			return false;
	}
	return true;
}

static const char *const SERVICE_TEXT[][2] = {
    {"mobilised", "призванного на военную службу по мобилизации"},
    {"contract", "проходящего военную службу по контракту"},
    {"conscript", "проходящего военную службу по призыву"},
    {"volunteer", "пребывающего в добровольческом формировании"},
};

static void intro(awol_buf *b, const sim_court *c, const sim_case *k, const sim_act_truth *t,
                  int style)
{
	int p, q;

	awol_buf_printf(b, NULL,
	                "<p>Дело № %s</p><p>ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ</p>"
	                "<p><span class=\"Data2\">ДД.ММ.ГГГГ</span> г. <span "
	                "class=\"Address2\">&lt;адрес&gt;</span></p><p>%s в составе "
	                "председательствующего судьи %s, при секретаре судебного заседания ФИО%d, "
	                "с участием государственного обвинителя – помощника военного прокурора "
	                "гарнизона &lt;данные изъяты&gt;, защитника – адвоката ФИО%d, рассмотрев в "
	                "открытом судебном заседании уголовное дело № %s в отношении ",
	                k->number, c->reg->name, k->judge, t->n + 1, t->n + 2, k->number);
	for (p = 0; p < t->n; p++) {
		const sim_def_truth *d = &t->d[p];
		if (p)
			awol_buf_puts(b, "; ", NULL);
		awol_buf_puts(b, "военнослужащего войсковой части &lt;номер&gt; рядового ", NULL);
		label(b, k, t, p, 1);
		awol_buf_puts(b, ", родившегося ДД.ММ.ГГГГ в &lt;адрес&gt;, ", NULL);
		if (d->service)
			for (q = 0; q < 4; q++)
				if (strcmp(SERVICE_TEXT[q][0], d->service) == 0)
					awol_buf_printf(b, NULL, "%s, ", SERVICE_TEXT[q][1]);
		if (d->cancel74)
			awol_buf_puts(b,
			              "судимого приговором гарнизонного военного суда от "
			              "ДД.ММ.ГГГГ к лишению свободы на срок 1 год условно с "
			              "испытательным сроком 1 год, ",
			              NULL);
		else if ((h(k, 600 + (uint64_t)p) % 10) == 0)
			awol_buf_puts(b,
			              "ранее судимого 1 марта 2021 г. к штрафу в размере 5 000 "
			              "рублей, ",
			              NULL);
		awol_buf_puts(b, "обвиняемого в совершении преступления, предусмотренного ", NULL);
		charge(b, k->persons[p].charges[0].article, k->persons[p].charges[0].part, style);
	}
	awol_buf_puts(b, ",</p>", NULL);
}

static void facts(awol_buf *b, const sim_case *k, const sim_act_truth *t, int style)
{
	int p;

	awol_buf_puts(b, "<p>УСТАНОВИЛ:</p>", NULL);
	for (p = 0; p < t->n; p++) {
		const sim_def_truth *d = &t->d[p];
		awol_buf_puts(b, "<p>", NULL);
		label(b, k, t, p, 0);
		awol_buf_puts(b,
		              ", желая временно уклониться от исполнения обязанностей военной "
		              "службы, ",
		              NULL);
		date_text(b, d->from, style, d->dates_redacted);
		awol_buf_puts(b,
		              style % 2 ? " самовольно оставил место службы"
		                        : " самовольно оставил воинскую часть",
		              NULL);
		awol_buf_puts(b, " и проводил время по своему усмотрению до ", NULL);
		date_text(b, d->to, style, d->dates_redacted);
		if (d->stated_days)
			awol_buf_printf(b, NULL, " (общей продолжительностью %d суток)", d->days);
		awol_buf_puts(b,
		              strcmp(d->ended, "detained") == 0
		                  ? ", когда был задержан сотрудниками военной полиции.</p>"
		                  : ", когда добровольно явился в военную комендатуру и заявил о "
		                    "себе.</p>",
		              NULL);
	}
	if (strcmp(t->d[0].outcome, "convicted") == 0)
		awol_buf_puts(
		    b,
		    "<p>Государственный обвинитель просил назначить подсудимому наказание "
		    "в виде лишения свободы на срок 6 лет 6 месяцев с отбыванием "
		    "наказания в исправительной колонии общего режима.</p>",
		    NULL);
	awol_buf_puts(b, "<p>Руководствуясь ст. 307–309 УПК РФ, суд</p>", NULL);
}

static void decision(awol_buf *b, const sim_case *k, const sim_act_truth *t, int style)
{
	int p;

	awol_buf_puts(b,
	              k->result < 0 ? "<p>Производство по уголовному делу в отношении "
	                            : "<p>Уголовное дело в отношении ",
	              NULL);
	for (p = 0; p < t->n; p++) {
		if (p)
			awol_buf_puts(b, p == t->n - 1 ? " и " : ", ", NULL);
		label(b, k, t, p, 1);
	}
	awol_buf_puts(b, t->n > 1 ? ", обвиняемых" : ", обвиняемого", NULL);
	awol_buf_puts(b, " в совершении преступления, предусмотренного ", NULL);
	charge(b, t->d[0].article, t->d[0].part, style);
	switch (k->result) {
	case 1:
		awol_buf_puts(
		    b,
		    ", прекратить на основании ст. 25.1 УПК РФ, освободить от уголовной "
		    "ответственности в соответствии со ст. 76.2 УК РФ.</p><p>Назначить "
		    "меру уголовно-правового характера в виде судебного штрафа в размере ",
		    NULL);
		fine_text(b, t->d[0].fine);
		awol_buf_puts(b, ", который подлежит уплате в течение 60 дней.</p>", NULL);
		break;
	case 2:
		awol_buf_puts(b,
		              ", прекратить вследствие акта об амнистии на основании п. 3 ч. 1 ст. "
		              "27 УПК РФ.</p>",
		              NULL);
		break;
	case 3:
		awol_buf_puts(b,
		              ", возвратить военному прокурору &lt;данные изъяты&gt; гарнизона для "
		              "устранения препятствий его рассмотрения судом в порядке ст. 237 УПК "
		              "РФ.</p>",
		              NULL);
		break;
	case 4:
		awol_buf_puts(b,
		              ", направить по подсудности в &lt;данные изъяты&gt; гарнизонный "
		              "военный суд.</p>",
		              NULL);
		break;
	case 5:
		awol_buf_puts(b,
		              ", прекратить на основании п. 4 ч. 1 ст. 24 УПК РФ в связи со "
		              "смертью подсудимого.</p>",
		              NULL);
		break;
	case 6:
		awol_buf_puts(b,
		              ", прекратить на основании ст. 28.2 УПК РФ, освободив от уголовной "
		              "ответственности в соответствии со ст. 78.1 УК РФ в связи с "
		              "заключением контракта о прохождении военной службы в период "
		              "мобилизации.</p>",
		              NULL);
		break;
	case 7:
		awol_buf_puts(b,
		              ", прекратить на основании ч. 1 ст. 28 УПК РФ в связи с деятельным "
		              "раскаянием.</p>",
		              NULL);
		break;
	case 8:
		awol_buf_puts(b,
		              ", прекратить на основании п. 3 ч. 1 ст. 24 УПК РФ в связи с "
		              "истечением сроков давности уголовного преследования.</p>",
		              NULL);
		break;
	default: {
		const char *g = t->d[0].ground;
		awol_buf_puts(b, ", приостановить", NULL);
		awol_buf_puts(b,
		              strcmp(g, "wanted") == 0
		                  ? " до розыска подсудимого, поскольку он скрылся.</p><p>Объявить "
		                    "розыск подсудимого.</p>"
		              : strcmp(g, "illness") == 0
		                  ? " в связи с тяжелым заболеванием подсудимого до его "
		                    "выздоровления.</p>"
		                  : " на основании п. 3.1 ч. 1 ст. 238 УПК РФ в связи с "
		                    "заключением подсудимым контракта о прохождении военной "
		                    "службы.</p>",
		              NULL);
		/* «производство по делу ... приостановить» is how it reads */
		break;
	}
	}
}

void sim_act_text(awol_buf *b, const sim_court *c, const sim_case *k, int n)
{
	sim_act_truth t;
	char d[11];
	int p, style;

	sim_act_truth_of(k, n, &t);
	style = t.numstyle;
	awol_date_ru(k->decided.y ? k->decided : k->received, d);
	awol_buf_puts(b, "<span style=\"TEXT-ALIGN: justify\">", NULL);
	if (!t.published) {
		awol_buf_printf(
		    b, NULL,
		    "<p>Дело № %s</p><p>%s не подлежит опубликованию на основании п. 5 "
		    "ч. 1 ст. 15 Федерального закона от 22.12.2008 № 262-ФЗ.</p></span>",
		    k->number, strcmp(t.act, "приговор") == 0 ? "Приговор" : "Постановление");
		return;
	}
	awol_buf_printf(b, NULL, "<p align=\"center\">%s</p>",
	                strcmp(t.act, "приговор") == 0
	                    ? (t.spaced ? "П Р И Г О В О Р" : "ПРИГОВОР")
	                    : (t.spaced ? "П О С Т А Н О В Л Е Н И Е" : "ПОСТАНОВЛЕНИЕ"));
	intro(b, c, k, &t, style);
	if (k->id % 7 == 3)
		/* a message phrase of the site inside a real text (docs/sudrf-format.md §7):
		 * a crawler that classifies act pages by phrases would take it for empty */
		awol_buf_puts(b,
		              "<p>Ничего не найдено при обыске по месту жительства подсудимого, о "
		              "чём составлен протокол.</p>",
		              NULL);
	if (t.intro_only) {
		awol_buf_puts(b, "</span>", NULL);
		return;
	}
	if (t.side) {
		awol_buf_puts(b, "<p>рассмотрев заявление защитника о выплате вознаграждения,</p>",
		              NULL);
		marker(b, "ПОСТАНОВИЛ", t.spaced);
		awol_buf_puts(b,
		              "<p>Процессуальные издержки, связанные с выплатой вознаграждения "
		              "адвокату, возместить за счет средств федерального бюджета.</p>",
		              NULL);
	} else if (strcmp(t.act, "приговор") == 0) {
		facts(b, k, &t, style);
		marker(b, "ПРИГОВОРИЛ", t.spaced);
		if (t.joint && joint_ok(&t))
			joint(b, k, &t, style);
		else
			for (p = 0; p < t.n; p++)
				sentence(b, k, &t, p, style);
		awol_buf_puts(b,
		              "<p>Меру пресечения оставить прежней. Зачесть в срок лишения свободы "
		              "время содержания под стражей с ДД.ММ.ГГГГ.</p>",
		              NULL);
	} else {
		awol_buf_puts(b, "<p>УСТАНОВИЛ:</p><p>Стороны не возражали.</p>", NULL);
		marker(b, "ПОСТАНОВИЛ", t.spaced);
		decision(b, k, &t, style);
	}
	awol_buf_printf(b, NULL,
	                "<p>Приговор (постановление) может быть обжалован в апелляционном порядке "
	                "в течение 15 суток.</p><p>Судья <span class=\"others1\">%s</span> "
	                "(%s)</p></span>",
	                k->judge, d);
}

/* ------------------------------------------------------------ the truth line */

static void jstr(awol_buf *b, const char *k, const char *v, bool comma)
{
	if (v)
		awol_buf_printf(b, NULL, "\"%s\":\"%s\"%s", k, v, comma ? "," : "");
	else
		awol_buf_printf(b, NULL, "\"%s\":null%s", k, comma ? "," : "");
}

static void jint(awol_buf *b, const char *k, long v, bool comma)
{
	if (v >= 0)
		awol_buf_printf(b, NULL, "\"%s\":%ld%s", k, v, comma ? "," : "");
	else
		awol_buf_printf(b, NULL, "\"%s\":null%s", k, comma ? "," : "");
}

void sim_act_truth_json(awol_buf *b, const sim_case *k)
{
	sim_act_truth t;
	int p;

	if (k->nacts < 1) {
		awol_buf_puts(b, "null", NULL);
		return;
	}
	sim_act_truth_of(k, 1, &t);
	awol_buf_printf(b, NULL, "{\"act\":\"%s\",\"readable\":%s,\"defendants\":[", t.act,
	                t.published && !t.intro_only ? "true" : "false");
	for (p = 0; p < t.n; p++) {
		const sim_def_truth *d = &t.d[p];
		char f[11], to[11];
		awol_date_iso(awol_date_from_days(d->from), f);
		awol_date_iso(awol_date_from_days(d->to), to);
		awol_buf_puts(b, p ? ",{" : "{", NULL);
		jstr(b, "outcome", d->outcome, true);
		jstr(b, "ground", d->ground, true);
		jstr(b, "reason", d->reason, true);
		if (strcmp(d->outcome, "convicted") == 0) {
			awol_buf_printf(b, NULL,
			                "\"convicted_of\":[{\"article\":\"%s\",\"part\":\"%s\"}",
			                d->article, d->part);
			if (d->two_crimes)
				awol_buf_printf(b, NULL, ",{\"article\":\"%s\",\"part\":\"%s\"}",
				                d->article2, d->part2);
			awol_buf_puts(b, "],\"punishment\":{", NULL);
			jstr(b, "type", d->type, true);
			awol_buf_printf(b, NULL, "\"suspended\":%s,",
			                d->suspended ? "true" : "false");
			jint(b, "months", d->months, true);
			awol_buf_printf(
			    b, NULL, "\"redacted\":%s,\"redacted_term\":%s,\"redacted_regime\":%s,",
			    d->redacted_term || d->redacted_regime ? "true" : "false",
			    d->redacted_term ? "true" : "false",
			    d->redacted_regime ? "true" : "false");
			jstr(b, "regime", d->regime, true);
			jint(b, "probation_months", d->suspended ? d->probation : -1, true);
			jint(b, "fine_rub", strcmp(d->type, "fine") == 0 ? d->fine : -1, true);
			awol_buf_printf(b, NULL, "\"below_minimum\":%s,\"additional\":[%s]},",
			                d->below_min ? "true" : "false",
			                d->rank ? "\"deprivation_of_rank\"" : "");
		} else
			awol_buf_puts(b, "\"convicted_of\":[],\"punishment\":null,", NULL);
		jstr(b, "service", d->service, true);
		if (strcmp(t.act, "приговор") != 0) {
			awol_buf_puts(b, "\"absence\":null}", NULL); /* decisions tell no facts */
			continue;
		}
		awol_buf_printf(
		    b, NULL,
		    "\"absence\":{\"from\":\"%s\",\"to\":\"%s\",\"days\":%d,\"ended\":\"%s\","
		    "\"dates_redacted\":%s,\"stated_days\":%s}}",
		    f, to, d->days, d->ended, d->dates_redacted ? "true" : "false",
		    d->stated_days ? "true" : "false");
	}
	awol_buf_puts(b, "]}", NULL);
}
