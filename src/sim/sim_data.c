/*
 * The simulated case data: deterministic for a seed, scale and window, with
 * magnitudes after data/published-figures.csv at --scale 1 (art. 337 cases
 * received by military courts: 615 in 2021, 1,001 in 2022, 5,024 in 2023,
 * about 9,000 a year after), shapes after the real cards (several
 * defendants, several charges, pending cases, hidden names).
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "sim.h"

const char *const sim_results[] = {
    "Вынесен ПРИГОВОР",
    "Уголовное дело ПРЕКРАЩЕНО\nназначена мера уголовно-правового характера - СУДЕБНЫЙ ШТРАФ "
    "(ст. 25.1 УПК РФ)",
    "Уголовное дело ПРЕКРАЩЕНО вследствие акта об амнистии",
    "Возвращено прокурору",
    "Направлено по подсудности (подведомственности)",
    "Уголовное дело ПРЕКРАЩЕНО в связи со смертью подсудимого",
    /* from half of the amnesty cases, by hash (the world's random stream is untouched) */
    "Уголовное дело ПРЕКРАЩЕНО в связи с заключением контракта (ст. 28.2 УПК РФ)",
    "Уголовное дело ПРЕКРАЩЕНО в связи с деятельным раскаянием",
    "Уголовное дело ПРЕКРАЩЕНО в связи с истечением сроков давности",
};
const size_t sim_nresults = AWOL_ARRAY_SIZE(sim_results);

uint64_t sim_hash(uint64_t a, uint64_t b)
{
	uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);
	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBULL;
	x ^= x >> 33;
	return x;
}

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t next(rng *r)
{
	r->s += 0x9E3779B97F4A7C15ULL;
	return sim_hash(r->s, 7);
}

static double unit(rng *r)
{
	return (double)(next(r) >> 11) / 9007199254740992.0;
}

/* cases received per year by all military courts at scale 1 */
static double per_year(const char *article, int y)
{
	static const struct {
		const char *a;
		double v[8]; /* 2019..2026 */
	} t[] = {
	    {"337", {500, 550, 615, 1001, 5024, 9000, 10000, 10000}},
	    {"338", {20, 20, 22, 30, 148, 450, 500, 500}},
	    {"332", {40, 40, 40, 50, 90, 120, 130, 130}},
	    {"334", {60, 60, 60, 70, 150, 200, 200, 200}},
	    {"339", {20, 20, 20, 25, 50, 70, 70, 70}},
	    {"158", {150, 150, 150, 150, 170, 180, 180, 180}},
	    {"228", {120, 120, 120, 120, 130, 140, 140, 140}},
	    {"264.1", {90, 90, 90, 90, 100, 110, 110, 110}},
	};
	size_t i;
	int k = y < 2019 ? 0 : y > 2026 ? 7 : y - 2019;

	for (i = 0; i < AWOL_ARRAY_SIZE(t); i++)
		if (strcmp(t[i].a, article) == 0)
			return t[i].v[k];
	return 0;
}

/* growth within a year: 2022 jumps after the September mobilisation */
static double month_weight(int y, int m)
{
	if (y == 2022)
		return m >= 10 ? 3.0 : 0.6;
	if (y == 2023)
		return 1.0 + 1.5 * (m - 1) / 11.0;
	return 1.0 + 0.2 * (m - 1) / 11.0;
}

static double year_weight(int y)
{
	double s = 0;
	int m;

	for (m = 1; m <= 12; m++)
		s += month_weight(y, m);
	return s;
}

static const char *const SURN[] = {"Иванов",  "Петров",  "Сидоров", "Кузнецов", "Смирнов",
                                   "Попов",   "Волков",  "Соколов", "Лебедев",  "Козлов",
                                   "Новиков", "Морозов", "Орлов",   "Зайцев",   "Павлов"};
static const char *const FIRST[] = {"Александр", "Сергей", "Дмитрий", "Андрей", "Алексей",
                                    "Иван",      "Максим", "Николай", "Павел",  "Роман"};
static const char *const PATR[] = {"Александрович", "Сергеевич", "Дмитриевич", "Андреевич",
                                   "Иванович",      "Петрович",  "Николаевич", "Викторович"};
static const char *const JUDGE[] = {"Орлов А.А.",   "Белова Е.В.", "Гусев К.С.",
                                    "Тарасов И.И.", "Фомина Н.Н.", "Ершов П.П."};

static void make_name(rng *r, char *out, size_t n)
{
	snprintf(out, n, "%s %s %s", SURN[next(r) % AWOL_ARRAY_SIZE(SURN)],
	         FIRST[next(r) % AWOL_ARRAY_SIZE(FIRST)], PATR[next(r) % AWOL_ARRAY_SIZE(PATR)]);
}

static void charge_for(rng *r, const char *article, int y, sim_charge *c)
{
	double u = unit(r);

	memset(c, 0, sizeof(*c));
	snprintf(c->article, sizeof(c->article), "%s", article);
	if (strcmp(article, "337") == 0) {
		/* part 5 (mobilisation/wartime) dominates after 2022 */
		const char *p = y >= 2023 ? (u < 0.80   ? "5"
		                             : u < 0.90 ? "3.1"
		                             : u < 0.97 ? "4"
		                                        : "3")
		                          : (u < 0.40   ? "3"
		                             : u < 0.70 ? "4"
		                             : u < 0.85 ? "1"
		                                        : "2");
		snprintf(c->part, sizeof(c->part), "%s", p);
	} else if (strcmp(article, "338") == 0)
		snprintf(c->part, sizeof(c->part), "%s", u < 0.7 ? "1" : "2");
	else if (strcmp(article, "158") == 0) {
		snprintf(c->part, sizeof(c->part), "2");
		snprintf(c->point, sizeof(c->point), "в");
	} else
		snprintf(c->part, sizeof(c->part), "%d", 1 + (int)(u * 2));
}

/* УИД check digits: the number with letters as 10..35 must be 1 mod 97 */
static void make_uid(char *out, size_t n, const char *code, int y, long seq)
{
	char body[64];
	unsigned r = 0;
	const char *p;

	snprintf(body, sizeof(body), "%s01%04d%06ld", code, y, seq % 1000000);
	for (p = body; *p; p++) {
		if (*p >= '0' && *p <= '9')
			r = (r * 10 + (unsigned)(*p - '0')) % 97;
		else if (*p >= 'A' && *p <= 'Z')
			r = (r * 100 + (unsigned)(*p - 'A' + 10)) % 97;
	}
	r = (1 + 97 * 100 - (r * 100) % 97) % 97;
	snprintf(out, n, "%s-01-%04d-%06ld-%02u", code, y, seq % 1000000, r);
}

static int cmp_case(const void *a, const void *b)
{
	const sim_case *x = a, *y = b;
	int c;

	if (x->court != y->court)
		return x->court < y->court ? -1 : 1;
	c = awol_date_cmp(x->received, y->received);
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Is `item` one of the comma-separated items of `list`? */
static bool list_has(const char *list, const char *item)
{
	const char *p;
	size_t l = strlen(item);

	for (p = list; (p = strstr(p, item)) != NULL; p += l)
		if ((p == list || p[-1] == ',') && (p[l] == '\0' || p[l] == ',' || p[l] == '='))
			return true;
	return false;
}

bool sim_fault_on(const char *faults, const char *f, bool in_all)
{
	if (!faults)
		return false;
	return list_has(faults, f) || (in_all && list_has(faults, "all"));
}

static bool has_fault(const char *faults, const char *f)
{
	return sim_fault_on(faults, f, true);
}

/* A switch that `all` does not include: it changes the data, not how they are served. */
static bool has_switch(const char *faults, const char *f)
{
	return sim_fault_on(faults, f, false);
}

int sim_world_build(sim_world *w, uint64_t seed, double scale, awol_date from, awol_date to,
                    const char *faults, awol_error *err)
{
	static const char *const ARTS[] = {"337", "338", "332", "334",
	                                   "339", "158", "228", "264.1"};
	rng r = {seed};
	size_t i, cap = 0, a;
	long d0 = awol_date_to_days(from), d1 = awol_date_to_days(to), d;
	double acc[AWOL_ARRAY_SIZE(ARTS)] = {0}, *cw = NULL, cwsum = 0;
	size_t *garrison = NULL, ng = 0;
	int rc = 0, lastyear = -1;
	long seq = 0;
	bool noacts = has_switch(faults, "noacts");

	memset(w, 0, sizeof(*w));
	w->seed = seed;
	rc = awol_courts_load_default(&w->registry, err);
	if (rc < 0)
		return rc;
	w->courts = calloc(w->registry.n, sizeof(*w->courts));
	garrison = calloc(w->registry.n, sizeof(*garrison));
	cw = calloc(w->registry.n, sizeof(*cw));
	if (!w->courts || !garrison || !cw) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < w->registry.n; i++) {
		const awol_court *c = &w->registry.items[i];
		sim_court *sc = &w->courts[w->ncourts];
		if (!c->host || !*c->host)
			continue;
		sc->reg = c;
		awol_courts_module_host(c, sc->host, sizeof(sc->host));
		sc->captcha = has_fault(faults, "captcha") && strstr(c->engine_flags, "captcha");
		/* the vintage module, where the registry says so (7 garrison courts) */
		sc->vnkod = strstr(c->engine_flags, "vnkod") != NULL;
		sc->dead = has_fault(faults, "dead") && sim_hash(seed, i) % 40 == 0;
		/* several servers (ПСП) on about one court in ten, never on the dead ones */
		sc->servers = 1;
		if (has_fault(faults, "servers") && !sc->dead && sim_hash(seed, i + 3000) % 10 == 0)
			sc->servers = 2 + (int)(sim_hash(seed, i + 4000) % 2);
		sc->bare_links = sc->servers > 1 && has_fault(faults, "nosrv");
		snprintf(sc->captcha_token, sizeof(sc->captcha_token), "%016llx",
		         (unsigned long long)sim_hash(seed, i + 1000));
		snprintf(sc->captcha_answer, sizeof(sc->captcha_answer), "%05llu",
		         (unsigned long long)(sim_hash(seed, i + 2000) % 100000));
		if (strcmp(c->level, "garrison") == 0) {
			garrison[ng] = w->ncourts;
			/* court sizes: a few big garrisons, many small */
			cw[ng] = 1.0 + (double)(sim_hash(seed, i) % 10) +
			         (sim_hash(seed, i + 77) % 8 == 0 ? 25.0 : 0.0);
			cwsum += cw[ng];
			ng++;
		}
		w->ncourts++;
	}
	for (d = d0; d <= d1 && ng; d++) {
		awol_date day = awol_date_from_days(d);
		int dim = 31;
		if (day.y != lastyear)
			lastyear = day.y;
		while (dim > 27 && !awol_date_valid(day.y, day.m, dim))
			dim--;
		for (a = 0; a < AWOL_ARRAY_SIZE(ARTS); a++) {
			acc[a] += per_year(ARTS[a], day.y) * scale * month_weight(day.y, day.m) /
			          year_weight(day.y) / dim;
			while (acc[a] >= 1.0) {
				sim_case *k;
				double pick = unit(&r) * cwsum;
				size_t g = 0, p;
				acc[a] -= 1.0;
				while (g + 1 < ng && pick >= cw[g]) {
					pick -= cw[g];
					g++;
				}
				if (w->ncases == cap) {
					size_t nc = cap ? cap * 2 : 4096;
					sim_case *n2 = realloc(w->cases, nc * sizeof(*n2));
					if (!n2) {
						rc = awol_error_set(err, AWOL_ENOMEM,
						                    "out of memory");
						goto done;
					}
					w->cases = n2;
					cap = nc;
				}
				k = &w->cases[w->ncases++];
				memset(k, 0, sizeof(*k));
				k->court = (int)garrison[g];
				k->id = ++seq;
				k->received = day;
				k->npersons = unit(&r) < 0.9 ? 1 : unit(&r) < 0.8 ? 2 : 3;
				for (p = 0; p < (size_t)k->npersons; p++) {
					sim_person *pp = &k->persons[p];
					if (unit(&r) < 0.35)
						snprintf(pp->name, sizeof(pp->name),
						         "Информация скрыта");
					else
						make_name(&r, pp->name, sizeof(pp->name));
					charge_for(&r, ARTS[a], day.y, &pp->charges[0]);
					pp->ncharges = 1;
					/* AWOL with desertion, or with an ordinary offence */
					if (unit(&r) < 0.07) {
						const char *extra = strcmp(ARTS[a], "338") == 0
						                        ? "337"
						                    : unit(&r) < 0.5 ? "338"
						                                     : "158";
						charge_for(&r, extra, day.y, &pp->charges[1]);
						pp->ncharges = 2;
					}
				}
				snprintf(k->judge, sizeof(k->judge), "%s",
				         JUDGE[next(&r) % AWOL_ARRAY_SIZE(JUDGE)]);
				{
					long dd = d + 15 + (long)(unit(&r) * 100);
					if (dd <= d1) {
						double u = unit(&r);
						k->decided = awol_date_from_days(dd);
						k->result = u < 0.78   ? 0
						            : u < 0.86 ? 1
						            : u < 0.89 ? 2
						            : u < 0.94 ? 3
						            : u < 0.99 ? 4
						                       : 5;
					} else
						k->result = -1;
				}
				/* from hashes, not the stream: the other data stay as they were */
				{
					const sim_court *kc = &w->courts[k->court];
					uint64_t h = sim_hash(seed, (uint64_t)k->id * 7 + 1);
					k->server = 1 + (int)(h % (uint64_t)kc->servers);
					/* most decided cases publish an act; few publish two */
					h = sim_hash(seed, (uint64_t)k->id * 7 + 2);
					/* "noacts": none published yet (--update finds them later)
					 */
					k->nacts = k->result < 0 || h % 10 >= 6 || noacts ? 0
					           : h % 100 < 5 && !kc->vnkod            ? 2
					                                                  : 1;
					/* other grounds of termination than amnesty */
					h = sim_hash(seed, (uint64_t)k->id * 7 + 3);
					if (k->result == 2 && h % 2 == 0)
						k->result = 6 + (int)((h >> 8) % 3);
					/* some pending cases publish the decision that paused them
					 */
					if (k->result < 0 && !noacts && (h >> 16) % 100 < 10)
						k->nacts = 1;
				}
			}
		}
	}
	qsort(w->cases, w->ncases, sizeof(*w->cases), cmp_case);
	{
		int cur = -1, cy = 0;
		long n = 0;
		for (i = 0; i < w->ncases; i++) {
			sim_case *k = &w->cases[i];
			sim_court *c = &w->courts[k->court];
			if (k->court != cur) {
				if (cur >= 0)
					w->courts[cur].n = i - w->courts[cur].first;
				cur = k->court;
				c->first = i;
				cy = 0;
			}
			if (k->received.y != cy) {
				cy = k->received.y;
				n = 0;
			}
			n++;
			snprintf(k->number, sizeof(k->number), "1-%ld/%d", n, cy);
			make_uid(k->uid, sizeof(k->uid), c->reg->code, cy, n);
			snprintf(
			    k->guid, sizeof(k->guid), "%08llx-%04llx-4%03llx-a%03llx-%012llx",
			    (unsigned long long)(sim_hash(seed, (uint64_t)k->id) & 0xffffffffULL),
			    (unsigned long long)(sim_hash(seed + 1, (uint64_t)k->id) & 0xffff),
			    (unsigned long long)(sim_hash(seed + 2, (uint64_t)k->id) & 0xfff),
			    (unsigned long long)(sim_hash(seed + 3, (uint64_t)k->id) & 0xfff),
			    (unsigned long long)(sim_hash(seed + 4, (uint64_t)k->id) &
			                         0xffffffffffffULL));
		}
		if (cur >= 0)
			w->courts[cur].n = w->ncases - w->courts[cur].first;
	}
done:
	free(garrison);
	free(cw);
	if (rc < 0)
		sim_world_free(w);
	return rc;
}

void sim_world_free(sim_world *w)
{
	if (!w)
		return;
	free(w->courts);
	free(w->cases);
	awol_courts_dispose(&w->registry);
	memset(w, 0, sizeof(*w));
}

const sim_court *sim_world_court_by_host(const sim_world *w, const char *host, size_t *idx)
{
	size_t i;
	char h[160];
	const char *colon;

	if (!host)
		return NULL;
	snprintf(h, sizeof(h), "%s", host);
	colon = strchr(h, ':');
	if (colon)
		h[colon - h] = '\0';
	for (i = 0; i < w->ncourts; i++)
		if (strcasecmp(w->courts[i].host, h) == 0 ||
		    strcasecmp(w->courts[i].reg->host, h) == 0) {
			if (idx)
				*idx = i;
			return &w->courts[i];
		}
	return NULL;
}

int sim_world_write_truth(const sim_world *w, const char *path, awol_error *err)
{
	awol_buf b;
	size_t i;
	int p, c, rc;
	char d1[11], d2[11];

	awol_buf_init(&b, (size_t)1 << 30);
	for (i = 0; i < w->ncases; i++) {
		const sim_case *k = &w->cases[i];
		const sim_court *ct = &w->courts[k->court];
		awol_date_iso(k->received, d1);
		if (k->result >= 0)
			awol_date_iso(k->decided, d2);
		awol_buf_printf(
		    &b, NULL,
		    "{\"court_code\":\"%s\",\"host\":\"%s\",\"number\":\"%s\",\"uid\":\"%s\","
		    "\"received\":\"%s\",",
		    ct->reg->code, ct->host, k->number, k->uid, d1);
		if (k->result >= 0) {
			const char *res = sim_results[k->result], *q;
			awol_buf_printf(&b, NULL, "\"decided\":\"%s\",\"result\":\"", d2);
			for (q = res; *q; q++)
				awol_buf_puts(&b,
				              *q == '\n'  ? "\\n"
				              : *q == '"' ? "\\\""
				                          : (char[2]){*q, 0},
				              NULL);
			awol_buf_puts(&b, "\",", NULL);
		} else
			awol_buf_puts(&b, "\"decided\":null,\"result\":null,", NULL);
		awol_buf_puts(&b, "\"persons\":[", NULL);
		for (p = 0; p < k->npersons; p++) {
			awol_buf_puts(&b, p ? ",{\"articles\":[" : "{\"articles\":[", NULL);
			for (c = 0; c < k->persons[p].ncharges; c++) {
				const sim_charge *ch = &k->persons[p].charges[c];
				awol_buf_printf(&b, NULL,
				                "%s{\"article\":\"%s\",\"part\":", c ? "," : "",
				                ch->article);
				if (ch->part[0])
					awol_buf_printf(&b, NULL, "\"%s\"", ch->part);
				else
					awol_buf_puts(&b, "null", NULL);
				if (ch->point[0])
					awol_buf_printf(&b, NULL, ",\"point\":\"%s\"}", ch->point);
				else
					awol_buf_puts(&b, ",\"point\":null}", NULL);
			}
			awol_buf_puts(&b, "]}", NULL);
		}
		/* beyond the fields: where the case lives, and its published acts */
		awol_buf_printf(&b, NULL, "],\"server\":%d,\"acts\":%d,\"verdict\":", k->server,
		                k->nacts);
		/* what the first act says of each defendant (docs/simulator.md) */
		sim_act_truth_json(&b, k);
		awol_buf_puts(&b, "}\n", NULL);
	}
	rc = awol_file_write_atomic(path, b.ptr ? b.ptr : "", b.len, 0644, err);
	awol_buf_dispose(&b);
	return rc;
}
