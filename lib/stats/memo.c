/*
 * Many counts of cases received at once (awol_stats_memo, include/awol/stats.h): the
 * published figures set beside ours.  Each range is (articles, place, from, to); ranges of
 * the same articles and place share one series.  The summary's rows are read once and
 * added up by segment for every series; the days at the ends of the ranges, which the
 * summary holds only as parts of a segment, are read in one statement for every series
 * and piece.  The rules are the queries' (lib/store store_stats.c, tally.c), done in C:
 * - a set of articles counts for a series when one of its articles is in the series'
 *   list, as instr(',' || list || ',', ',' || article || ',') > 0 finds it;
 * - a court counts for a placed series when the registry holds it and its region (or its
 *   code) is in the series' list, as awol_store_count's `code IN (SELECT code FROM courts
 *   WHERE ...)`; a series of the whole country counts every court, known or not.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/stats.h"
#include "stats_priv.h"
#include "store/store_stats.h"

#include <stdint.h>

/* Series at most (their courts and sets are bit masks); ranges beyond are not held. */
#define MEMO_MAX_SERIES 64

typedef struct memo_series {
	char *articles;         /* "337,338" */
	char *regions, *courts; /* NULL: the whole country */
} memo_series;

/* A piece at an end of a range: its series, first and last day, count of cases. */
typedef struct memo_piece {
	size_t series;
	char from[11], to[11];
	long count;
} memo_piece;

typedef struct memo_court {
	char *code;
	uint64_t mask; /* series it counts for */
} memo_court;

typedef struct memo_set {
	long long id;
	uint64_t mask;
} memo_set;

struct awol_stats_memo {
	awol_store *st;
	bool own_tx; /* the read transaction was opened here: one snapshot for every count */
	memo_series s[MEMO_MAX_SERIES];
	size_t ns;
	uint64_t unplaced; /* the series of the whole country */
	memo_piece *p;
	size_t np, pcap;
	memo_court *courts; /* sorted by code */
	size_t ncourts;
	memo_set *sets; /* sorted by id */
	size_t nsets, setcap;
	/* the summary by segment: seg[i], and for series k sum[i * ns + k] and whether a row
	 * of the summary counted there (hit) */
	char (*seg)[11];
	long *sum;
	unsigned char *hit;
	size_t nseg, segcap;
	bool summed; /* the summary was read: segments and pieces are held */
	/* the row read last (rows come court by court, set by set) */
	const char *last_court;
	uint64_t last_court_mask;
	const memo_set *last_set;
};

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The rule of the queries: x is one of the comma-separated items of list. */
static bool in_list(const char *list, const char *x)
{
	size_t l;
	const char *p;

	if (!list || !x)
		return false;
	l = strlen(x);
	for (p = list; (p = strstr(p, x)) != NULL && *p; p++)
		if ((p == list || p[-1] == ',') && (p[l] == ',' || !p[l]))
			return true;
	/* an empty x is found at the end, after the last comma or in an empty list */
	return p && !l && (p == list || p[-1] == ',');
}

/* The series of (articles, place), or -1 when the memo has none. */
static long series_find(const awol_stats_memo *m, const char *articles, const char *regions,
                        const char *courts)
{
	size_t i;

	for (i = 0; m && i < m->ns; i++)
		if (strcmp(m->s[i].articles, articles) == 0 &&
		    same_text(m->s[i].regions, regions) && same_text(m->s[i].courts, courts))
			return (long)i;
	return -1;
}

/* The series of a range, added when new: its index, -1 when full, -2 out of memory. */
static long series_add(awol_stats_memo *m, const char *articles, const char *regions,
                       const char *courts)
{
	long k = series_find(m, articles, regions, courts);
	memo_series *s;

	if (k >= 0)
		return k;
	if (m->ns == MEMO_MAX_SERIES)
		return -1;
	s = &m->s[m->ns];
	s->articles = strdup(articles);
	s->regions = regions ? strdup(regions) : NULL;
	s->courts = courts ? strdup(courts) : NULL;
	if (!s->articles || (regions && !s->regions) || (courts && !s->courts)) {
		free(s->articles), free(s->regions), free(s->courts);
		memset(s, 0, sizeof(*s));
		return -2;
	}
	if (!regions && !courts)
		m->unplaced |= (uint64_t)1 << m->ns;
	return (long)m->ns++;
}

static bool piece_find(const awol_stats_memo *m, size_t series, const char *from, const char *to,
                       long *count)
{
	size_t i;

	for (i = 0; m && from && to && i < m->np; i++)
		if (m->p[i].series == series && strcmp(m->p[i].from, from) == 0 &&
		    strcmp(m->p[i].to, to) == 0) {
			*count = m->p[i].count;
			return true;
		}
	return false;
}

/* A piece once: several ranges share their ends (the day of mobilisation, a year's start). */
static int piece_add(awol_stats_memo *m, size_t series, const char *from, const char *to)
{
	long ignored;

	if (piece_find(m, series, from, to, &ignored))
		return 0;
	if (m->np == m->pcap) {
		size_t nc = m->pcap ? m->pcap * 2 : 16;
		memo_piece *np = realloc(m->p, nc * sizeof(*np));
		if (!np)
			return -AWOL_ENOMEM;
		m->p = np, m->pcap = nc;
	}
	memset(&m->p[m->np], 0, sizeof(m->p[m->np]));
	m->p[m->np].series = series;
	snprintf(m->p[m->np].from, sizeof(m->p[m->np].from), "%s", from);
	snprintf(m->p[m->np].to, sizeof(m->p[m->np].to), "%s", to);
	m->np++;
	return 0;
}

static int cmp_courts(const void *a, const void *b)
{
	return strcmp(((const memo_court *)a)->code, ((const memo_court *)b)->code);
}

static int cmp_court_key(const void *key, const void *c)
{
	return strcmp(key, ((const memo_court *)c)->code);
}

/* The series a court counts for (a court the registry lacks: the whole country's). */
static uint64_t court_mask(awol_stats_memo *m, const char *code)
{
	memo_court *c;

	if (!code)
		return m->unplaced;
	if (m->last_court && strcmp(m->last_court, code) == 0)
		return m->last_court_mask;
	c = m->ncourts ? bsearch(code, m->courts, m->ncourts, sizeof(*c), cmp_court_key) : NULL;
	m->last_court = c ? c->code : NULL;
	m->last_court_mask = c ? c->mask : m->unplaced;
	return m->last_court_mask;
}

static int add_court(void *ctx, const char *code, const char *region, long long x, long long y)
{
	awol_stats_memo *m = ctx;
	memo_court *c;
	size_t k;

	(void)x, (void)y;
	if (!code)
		return 0;
	c = realloc(m->courts, (m->ncourts + 1) * sizeof(*c));
	if (!c)
		return -AWOL_ENOMEM;
	m->courts = c;
	c = &m->courts[m->ncourts];
	c->mask = m->unplaced;
	for (k = 0; k < m->ns; k++)
		if ((m->s[k].regions || m->s[k].courts) &&
		    (!m->s[k].regions || in_list(m->s[k].regions, region)) &&
		    (!m->s[k].courts || in_list(m->s[k].courts, code)))
			c->mask |= (uint64_t)1 << k;
	c->code = strdup(code);
	if (!c->code)
		return -AWOL_ENOMEM;
	m->ncourts++;
	return 0;
}

static int cmp_sets(const void *a, const void *b)
{
	long long x = ((const memo_set *)a)->id, y = ((const memo_set *)b)->id;

	return x < y ? -1 : x > y;
}

/* A member of an article set: the set counts for the series that name its article. */
static int add_member(void *ctx, const char *article, const char *unused, long long set,
                      long long y)
{
	awol_stats_memo *m = ctx;
	uint64_t mask = 0;
	size_t k;

	(void)unused, (void)y;
	for (k = 0; k < m->ns; k++)
		if (in_list(m->s[k].articles, article))
			mask |= (uint64_t)1 << k;
	if (m->nsets == m->setcap) {
		size_t nc = m->setcap ? m->setcap * 2 : 64;
		memo_set *ns = realloc(m->sets, nc * sizeof(*ns));
		if (!ns)
			return -AWOL_ENOMEM;
		m->sets = ns, m->setcap = nc;
	}
	m->sets[m->nsets].id = set;
	m->sets[m->nsets].mask = mask;
	m->nsets++;
	return 0;
}

/* One entry per set, its members' series together. */
static void merge_sets(awol_stats_memo *m)
{
	size_t i, n = 0;

	if (m->nsets == 0)
		return;
	qsort(m->sets, m->nsets, sizeof(*m->sets), cmp_sets);
	for (i = 0; i < m->nsets; i++) {
		if (n && m->sets[n - 1].id == m->sets[i].id)
			m->sets[n - 1].mask |= m->sets[i].mask;
		else
			m->sets[n++] = m->sets[i];
	}
	m->nsets = n;
}

static uint64_t set_mask(awol_stats_memo *m, long long id)
{
	memo_set key = {id, 0}, *s;

	if (m->last_set && m->last_set->id == id)
		return m->last_set->mask;
	s = m->nsets ? bsearch(&key, m->sets, m->nsets, sizeof(key), cmp_sets) : NULL;
	if (s)
		m->last_set = s;
	return s ? s->mask : 0;
}

/* The index of a segment, added when new; -1 when it is no ISO day, -2 out of memory. */
static long segment_index(awol_stats_memo *m, const char *seg)
{
	size_t i;

	if (!seg || strlen(seg) != 10)
		return -1;
	/* the rows come in segment order: the last one first */
	for (i = m->nseg; i-- > 0;)
		if (memcmp(m->seg[i], seg, 10) == 0)
			return (long)i;
	if (m->nseg == m->segcap) {
		size_t nc = m->segcap ? m->segcap * 2 : 1024;
		char(*ns)[11] = realloc(m->seg, nc * sizeof(*ns));
		long *sum = realloc(m->sum, nc * m->ns * sizeof(*sum));
		unsigned char *hit = realloc(m->hit, nc * m->ns);
		if (ns)
			m->seg = ns;
		if (sum)
			m->sum = sum;
		if (hit)
			m->hit = hit;
		if (!ns || !sum || !hit)
			return -2;
		m->segcap = nc;
	}
	memcpy(m->seg[m->nseg], seg, 11);
	memset(&m->sum[m->nseg * m->ns], 0, m->ns * sizeof(*m->sum));
	memset(&m->hit[m->nseg * m->ns], 0, m->ns);
	return (long)m->nseg++;
}

/* A row of the summary: its cases count in every series its set and court count for. */
static int add_cell(void *ctx, const char *seg, const char *court, long long set, long long cases)
{
	awol_stats_memo *m = ctx;
	uint64_t mask = set_mask(m, set);
	long i;
	size_t k;

	if (mask)
		mask &= court_mask(m, court);
	if (!mask)
		return 0;
	i = segment_index(m, seg);
	if (i == -2)
		return -AWOL_ENOMEM;
	if (i < 0)
		return 1; /* a segment that is no ISO day: the memo holds nothing */
	for (k = 0; k < m->ns; k++)
		if (mask & ((uint64_t)1 << k)) {
			m->sum[(size_t)i * m->ns + k] += (long)cases;
			m->hit[(size_t)i * m->ns + k] = 1;
		}
	return 0;
}

/* The cases of the pieces, read once for every series: (case, day, article, court). */
typedef struct scan_row {
	long long id;
	char day[16];
	char article[16];
	uint64_t courts; /* series the case's court counts for */
} scan_row;

typedef struct memo_scan {
	awol_stats_memo *m;
	scan_row *r;
	size_t n, cap;
} memo_scan;

static int add_scan_row(void *ctx, const char *day, long long id, const char *article,
                        const char *court)
{
	memo_scan *sc = ctx;

	if (sc->n == sc->cap) {
		size_t nc = sc->cap ? sc->cap * 2 : 1024;
		scan_row *nr = realloc(sc->r, nc * sizeof(*nr));
		if (!nr)
			return -AWOL_ENOMEM;
		sc->r = nr, sc->cap = nc;
	}
	sc->r[sc->n].id = id;
	/* a longer text is no ISO day (dropped below), an article no list names ("\001") */
	snprintf(sc->r[sc->n].day, sizeof(sc->r->day), "%s", strlen(day) < 16 ? day : "");
	snprintf(sc->r[sc->n].article, sizeof(sc->r->article), "%s",
	         strlen(article) < 16 ? article : "\001");
	sc->r[sc->n].courts = court_mask(sc->m, court);
	sc->n++;
	return 0;
}

static int cmp_scan_rows(const void *a, const void *b)
{
	const scan_row *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether an article of the list `set` ("337,338") is among rows [a, b) of one case. */
static bool charged_under(const char *set, const scan_row *a, const scan_row *b)
{
	for (; a < b; a++)
		if (in_list(set, a->article))
			return true;
	return false;
}

/* Each case counts in every piece of its day whose articles and place it has. */
static void scan_count(awol_stats_memo *m, memo_scan *sc)
{
	size_t i = 0, j, k;

	if (sc->n == 0)
		return; /* no case on the days read (qsort takes no NULL array) */
	qsort(sc->r, sc->n, sizeof(*sc->r), cmp_scan_rows);
	for (; i < sc->n; i = j) {
		char per[16];
		for (j = i; j < sc->n && sc->r[j].id == sc->r[i].id; j++)
			;
		/* what the general query counts: a day with a period (an ISO day) */
		if (!awol_stats_period(sc->r[i].day, "year", per, sizeof(per)))
			continue;
		/* a day in a piece as the database compares them: as text */
		for (k = 0; k < m->np; k++)
			if ((sc->r[i].courts & ((uint64_t)1 << m->p[k].series)) &&
			    strcmp(sc->r[i].day, m->p[k].from) >= 0 &&
			    strcmp(sc->r[i].day, m->p[k].to) <= 0 &&
			    charged_under(m->s[m->p[k].series].articles, &sc->r[i], &sc->r[j]))
				m->p[k].count++;
	}
}

/*
 * The series and pieces of every range, the summary added up by segment for each series,
 * then the cases of the pieces in one statement for every series.
 */
static int memo_count(awol_stats_memo *m, const awol_stats_range *ranges, size_t n, awol_error *err)
{
	awol_buf all = AWOL_BUF_INIT;
	memo_scan sc = {m, NULL, 0, 0};
	const char **bounds = NULL;
	bool placed = false;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		char a[128];
		stats_split sp;
		long s;
		if (!awol_stats_article_list(ranges[i].articles, a, sizeof(a)) ||
		    !awol_stats_split_range(ranges[i].from, ranges[i].to, &sp))
			continue;
		s = series_add(m, a, ranges[i].regions, ranges[i].courts);
		if (s == -2)
			rc = -AWOL_ENOMEM;
		if (s < 0)
			continue;
		placed = placed || ranges[i].regions || ranges[i].courts;
		if (sp.has_head)
			rc = piece_add(m, (size_t)s, sp.head[0], sp.head[1]);
		if (rc == 0 && sp.has_tail)
			rc = piece_add(m, (size_t)s, sp.tail[0], sp.tail[1]);
	}
	if (rc < 0 || m->ns == 0)
		goto done;
	/* the registry's courts only when a place asks for them */
	if (placed && (rc = awol_store_court_regions(m->st, add_court, m, err)) < 0)
		goto done;
	if (m->ncourts)
		qsort(m->courts, m->ncourts, sizeof(*m->courts), cmp_courts);
	m->last_court = NULL;
	rc = awol_store_summary_sets(m->st, add_member, m, err);
	if (rc < 0)
		goto done;
	merge_sets(m);
	rc = awol_store_summary_cells(m->st, "received", add_cell, m, err);
	if (rc != 0)
		goto done; /* 1: a segment no ISO day, nothing held */
	for (k = 0; k < m->ns; k++)
		if (awol_buf_printf(&all, NULL, "%s%s", all.len ? "," : "", m->s[k].articles) < 0) {
			rc = -AWOL_ENOMEM;
			goto done;
		}
	if (m->np && !(bounds = calloc(2 * m->np, sizeof(*bounds)))) {
		rc = -AWOL_ENOMEM;
		goto done;
	}
	/* each span of days once: the pieces of a place are mostly the country's */
	for (k = 0, i = 0; k < m->np; k++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(bounds[2 * j], m->p[k].from) == 0 &&
			    strcmp(bounds[2 * j + 1], m->p[k].to) == 0)
				break;
		if (j < i)
			continue;
		bounds[2 * i] = m->p[k].from;
		bounds[2 * i + 1] = m->p[k].to;
		i++;
	}
	m->last_court = NULL;
	rc = awol_store_tally_days(m->st, awol_buf_cstr(&all), "received", bounds, i, placed,
	                           add_scan_row, &sc, err);
	if (rc == 0) {
		scan_count(m, &sc);
		m->summed = true;
	}
done:
	free(bounds);
	awol_buf_dispose(&all);
	free(sc.r);
	if (rc == -AWOL_ENOMEM)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc < 0 ? rc : 0;
}

int awol_stats_memo_new(awol_store *st, const awol_stats_range *ranges, size_t n,
                        awol_stats_memo **out, awol_error *err)
{
	awol_stats_memo *m = calloc(1, sizeof(*m));
	bool fresh = false;
	int rc;

	*out = NULL;
	if (!m)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	m->st = st;
	rc = awol_store_read_begin(st, &m->own_tx, err);
	if (rc < 0) {
		free(m);
		return rc;
	}
	/* without a fresh summary each range is counted whole: the memo holds nothing */
	if (awol_store_counts_fresh(st, &fresh, NULL) < 0 || !fresh)
		goto done;
	rc = memo_count(m, ranges, n, err);
done:
	if (rc < 0) {
		awol_stats_memo_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

void awol_stats_memo_free(awol_stats_memo *m)
{
	size_t i;

	if (!m)
		return;
	awol_store_read_end(m->st, m->own_tx);
	for (i = 0; i < m->ns; i++) {
		free(m->s[i].articles);
		free(m->s[i].regions);
		free(m->s[i].courts);
	}
	for (i = 0; i < m->ncourts; i++)
		free(m->courts[i].code);
	free(m->courts);
	free(m->sets);
	free(m->p);
	free(m->seg);
	free(m->sum);
	free(m->hit);
	free(m);
}

bool awol_stats_memo_piece(const awol_stats_memo *m, const char *articles, const char *from,
                           const char *to, long *n)
{
	long s = m && m->summed && articles ? series_find(m, articles, NULL, NULL) : -1;

	return s >= 0 && piece_find(m, (size_t)s, from, to, n);
}

/* Whether segment i lies in [from, to] (either NULL: open), compared as text. */
static bool seg_in(const awol_stats_memo *m, size_t i, const char *from, const char *to)
{
	return (!from || strcmp(m->seg[i], from) >= 0) && (!to || strcmp(m->seg[i], to) <= 0);
}

int awol_stats_memo_rows(const awol_stats_memo *m, const char *articles, const char *seg_from,
                         const char *seg_to, const char *by, awol_stats_result *out, size_t *cap)
{
	long s = m && m->summed && articles ? series_find(m, articles, NULL, NULL) : -1;
	struct {
		char per[16];
		long n;
	} *per = NULL;
	size_t i, k, nper = 0;
	int rc = 1;

	if (s < 0)
		return 0;
	for (i = 0; i < m->nseg; i++) {
		char p[16];
		if (!m->hit[i * m->ns + (size_t)s] || !seg_in(m, i, seg_from, seg_to))
			continue;
		/* a segment with no period: the summary's own query says what it does */
		if (!awol_stats_period(m->seg[i], by, p, sizeof(p))) {
			rc = 0;
			goto done;
		}
		for (k = 0; k < nper && strcmp(per[k].per, p) != 0; k++)
			;
		if (k == nper) {
			void *np = realloc(per, (nper + 1) * sizeof(*per));
			if (!np) {
				rc = -AWOL_ENOMEM;
				goto done;
			}
			per = np;
			snprintf(per[nper].per, sizeof(per[nper].per), "%s", p);
			per[nper++].n = 0;
		}
		per[k].n += m->sum[i * m->ns + (size_t)s];
	}
	/* as the summary's query: a row for every period with a row of the summary */
	for (k = 0; k < nper; k++) {
		out->total += per[k].n;
		if (awol_stats_add_row(out, cap, per[k].per, "", per[k].n) < 0) {
			rc = -AWOL_ENOMEM;
			goto done;
		}
	}
done:
	free(per);
	return rc;
}

int awol_stats_memo_count(const awol_stats_memo *m, const awol_stats_range *r, long *out)
{
	char a[128];
	stats_split sp;
	long s, n = 0, piece;
	size_t i;

	if (!m || !m->summed || !r->from || !r->to ||
	    !awol_stats_article_list(r->articles, a, sizeof(a)) ||
	    !awol_stats_split_range(r->from, r->to, &sp))
		return 0;
	s = series_find(m, a, r->regions, r->courts);
	if (s < 0)
		return 0;
	if (sp.has_head) {
		if (!piece_find(m, (size_t)s, sp.head[0], sp.head[1], &piece))
			return 0;
		n += piece;
	}
	if (sp.has_tail) {
		if (!piece_find(m, (size_t)s, sp.tail[0], sp.tail[1], &piece))
			return 0;
		n += piece;
	}
	for (i = 0; sp.has_seg && i < m->nseg; i++)
		if (seg_in(m, i, sp.seg[0], sp.seg[1]))
			n += m->sum[i * m->ns + (size_t)s];
	*out = n;
	return 1;
}
