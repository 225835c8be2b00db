/*
 * The case-count summary (docs/schema.md, "The case-count summary").
 *
 * case_counts holds, for each date axis (received, decided), segment of days
 * (the days that share one calendar month and one ISO week), court, set of
 * charge articles and result text, the number of cases.  It is built in one
 * pass over cases -> persons -> charges, the same joins the general counting
 * query uses, so a case belongs to exactly one row per axis on which it has a
 * valid ISO date.  Triggers (schema version 3) bump meta.data_generation on
 * every write to those three tables; the summary records the generation it
 * was built from in meta.case_counts_generation and is fresh only while the
 * two are equal.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "store_priv.h"

/* Byte strings interned to dense ids 0, 1, ...; the keys live in one arena. */
typedef struct intern {
	awol_buf arena;
	size_t *off, *len; /* per id */
	uint32_t *slots;   /* id + 1; 0 = empty; nslots is a power of two */
	size_t nslots, n, cap;
} intern;

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

static void intern_init(intern *t)
{
	memset(t, 0, sizeof(*t));
	awol_buf_init(&t->arena, (size_t)4 << 30);
}

static void intern_dispose(intern *t)
{
	awol_buf_dispose(&t->arena);
	free(t->off);
	free(t->len);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static const unsigned char *intern_key(const intern *t, size_t id, size_t *n)
{
	*n = t->len[id];
	return (const unsigned char *)t->arena.ptr + t->off[id];
}

static int intern_rehash(intern *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 1024, i;
	uint32_t *slots = calloc(ns, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < t->n; i++) {
		size_t n;
		const unsigned char *k = intern_key(t, i, &n);
		size_t h = (size_t)hash_bytes(k, n) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = (uint32_t)(i + 1);
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = ns;
	return 0;
}

/* The id of key (added when new); -1 when out of memory. */
static long intern_id(intern *t, const void *key, size_t n)
{
	size_t h;

	if ((t->n + 1) * 2 > t->nslots && intern_rehash(t) < 0)
		return -1;
	h = (size_t)hash_bytes(key, n) & (t->nslots - 1);
	while (t->slots[h]) {
		size_t id = t->slots[h] - 1, kn;
		const unsigned char *k = intern_key(t, id, &kn);
		if (kn == n && memcmp(k, key, n) == 0)
			return (long)id;
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 256;
		size_t *off = realloc(t->off, nc * sizeof(*off));
		size_t *len;
		if (!off)
			return -1;
		t->off = off;
		len = realloc(t->len, nc * sizeof(*len));
		if (!len)
			return -1;
		t->len = len;
		t->cap = nc;
	}
	t->off[t->n] = t->arena.len;
	t->len[t->n] = n;
	if (n && awol_buf_put(&t->arena, key, n, NULL) < 0)
		return -1;
	t->slots[h] = (uint32_t)(t->n + 1);
	return (long)t->n++;
}

/* A nullable text as an intern key: a tag byte (0 = NULL, 1 = text) and the bytes. */
static long intern_text(intern *t, awol_buf *scratch, awol_db_stmt *s, int col)
{
	const char *v = awol_db_column_text(s, col);
	size_t n = v ? awol_db_column_bytes(s, col) : 0;

	awol_buf_reset(scratch);
	if (awol_buf_putc(scratch, v ? 1 : 0, NULL) < 0 ||
	    (v && n && awol_buf_put(scratch, v, n, NULL) < 0))
		return -1;
	return intern_id(t, scratch->ptr, scratch->len);
}

/* One summary row's key; int32 fields only, so no padding. */
typedef struct cell {
	int32_t axis, segment, court, set, result;
} cell;

typedef struct build {
	awol_store *st;
	intern courts, results, articles, sets, cells;
	int64_t *counts; /* per cell id */
	size_t ncounts;
	awol_buf scratch;
	/* the case being read */
	int64_t case_id;
	bool in_case, has_day[2];
	int32_t court, result, segment[2];
	int32_t *arts;
	size_t narts, arts_cap;
} build;

static void build_dispose(build *b)
{
	intern_dispose(&b->courts);
	intern_dispose(&b->results);
	intern_dispose(&b->articles);
	intern_dispose(&b->sets);
	intern_dispose(&b->cells);
	free(b->counts);
	free(b->arts);
	awol_buf_dispose(&b->scratch);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

/* Count the case read so far under its set of articles, once per axis it has a date on. */
static int flush_case(build *b)
{
	size_t i, n = 0;
	long set;
	int axis;

	if (!b->in_case)
		return 0;
	b->in_case = false;
	if (b->narts == 0)
		return 0; /* no charge: counted nowhere (its result text is still listed) */
	qsort(b->arts, b->narts, sizeof(*b->arts), cmp_i32);
	for (i = 0; i < b->narts; i++)
		if (n == 0 || b->arts[n - 1] != b->arts[i])
			b->arts[n++] = b->arts[i];
	set = intern_id(&b->sets, b->arts, n * sizeof(*b->arts));
	if (set < 0)
		return -1;
	for (axis = 0; axis < 2; axis++) {
		cell c;
		long id;
		if (!b->has_day[axis])
			continue;
		memset(&c, 0, sizeof(c));
		c.axis = axis;
		c.segment = b->segment[axis];
		c.court = b->court;
		c.set = (int32_t)set;
		c.result = b->result;
		id = intern_id(&b->cells, &c, sizeof(c));
		if (id < 0)
			return -1;
		if ((size_t)id >= b->ncounts) {
			size_t nc = b->ncounts ? b->ncounts * 2 : 1024;
			int64_t *cn = realloc(b->counts, nc * sizeof(*cn));
			if (!cn)
				return -1;
			memset(cn + b->ncounts, 0, (nc - b->ncounts) * sizeof(*cn));
			b->counts = cn;
			b->ncounts = nc;
		}
		b->counts[id]++;
	}
	return 0;
}

/* A new case row: court, dates (as segments) and result; its articles follow. */
static int start_case(build *b, awol_db_stmt *s)
{
	long court, result;
	int axis;

	b->case_id = awol_db_column_int64(s, 0);
	b->in_case = true;
	b->narts = 0;
	court = intern_text(&b->courts, &b->scratch, s, 1);
	result = intern_text(&b->results, &b->scratch, s, 4);
	if (court < 0 || result < 0)
		return -1;
	b->court = (int32_t)court;
	b->result = (int32_t)result;
	for (axis = 0; axis < 2; axis++) {
		awol_date d;
		b->has_day[axis] = awol_date_parse_iso(awol_db_column_text(s, 2 + axis), &d);
		if (b->has_day[axis])
			b->segment[axis] = (int32_t)awol_date_segment_first(d);
	}
	return 0;
}

static int add_article(build *b, awol_db_stmt *s)
{
	long a = intern_text(&b->articles, &b->scratch, s, 5);

	if (a < 0)
		return -1;
	if (b->narts == b->arts_cap) {
		size_t nc = b->arts_cap ? b->arts_cap * 2 : 16;
		int32_t *na = realloc(b->arts, nc * sizeof(*na));
		if (!na)
			return -1;
		b->arts = na;
		b->arts_cap = nc;
	}
	b->arts[b->narts++] = (int32_t)a;
	return 0;
}

/*
 * One pass over every charge of every defendant of every case, in case order.  Cases
 * without charges come too (h.id NULL), so that result_texts lists every result text.
 */
static int scan(build *b, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc, step;

	rc = awol_store_stmt(b->st,
	                     "SELECT c.id, c.court_code, c.received, c.decided, c.result, "
	                     "h.article, h.id FROM cases c LEFT JOIN persons p ON "
	                     "p.case_id = c.id LEFT JOIN charges h ON h.person_id = p.id "
	                     "AND " AWOL_STORE_COUNTED_CHARGE " ORDER BY c.id",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_stream(s); /* a row per charge of every case */
	while ((step = awol_db_step(s, err)) == 1) {
		if (!b->in_case || awol_db_column_int64(s, 0) != b->case_id)
			if (flush_case(b) < 0 || start_case(b, s) < 0)
				break;
		if (!awol_db_column_is_null(s, 6) && add_article(b, s) < 0)
			break;
	}
	if (step == 1 || (step == 0 && flush_case(b) < 0))
		rc = awol_error_set(err, AWOL_ENOMEM, "%s: out of memory counting cases",
		                    b->st->path);
	else if (step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

/* Bind the text of an intern key written by intern_text (NULL for the NULL tag). */
static void bind_tagged(awol_db_stmt *s, int col, const intern *t, size_t id)
{
	size_t n;
	const unsigned char *k = intern_key(t, id, &n);

	if (n == 0 || k[0] == 0)
		awol_db_bind_null(s, col);
	else
		awol_db_bind_text_n(s, col, (const char *)k + 1, n - 1);
}

static int step_reset(awol_store *st, awol_db_stmt *s, awol_error *err)
{
	int rc = awol_db_step(s, err);

	(void)st;
	awol_db_reset(s);
	return rc < 0 ? rc : 0;
}

static int cmp_text_keys(const intern *t, int32_t a, int32_t b)
{
	size_t na, nb;
	const unsigned char *ka = intern_key(t, (size_t)a, &na);
	const unsigned char *kb = intern_key(t, (size_t)b, &nb);
	int c = memcmp(ka, kb, na < nb ? na : nb);

	return c ? c : (na > nb) - (na < nb);
}

/* "337,338": the set's articles in byte order, "?" for an article not understood. */
static int set_label(build *b, const int32_t *arts, size_t n, awol_buf *out)
{
	int32_t sorted[64];
	size_t i, j, m = n < 64 ? n : 64;

	memcpy(sorted, arts, m * sizeof(*arts));
	for (i = 1; i < m; i++) /* insertion sort: sets are small */
		for (j = i; j > 0 && cmp_text_keys(&b->articles, sorted[j - 1], sorted[j]) > 0;
		     j--) {
			int32_t t = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	awol_buf_reset(out);
	for (i = 0; i < m; i++) {
		size_t kn;
		const unsigned char *k = intern_key(&b->articles, (size_t)sorted[i], &kn);
		if ((i && awol_buf_putc(out, ',', NULL) < 0) ||
		    (k[0] ? awol_buf_put(out, k + 1, kn - 1, NULL)
		          : awol_buf_putc(out, '?', NULL)) < 0)
			return -1;
	}
	return awol_buf_putc(out, '\0', NULL) < 0 ? -1 : 0;
}

static int write_sets(build *b, awol_error *err)
{
	awol_db_stmt *ss = NULL, *sm = NULL;
	awol_buf label = AWOL_BUF_INIT;
	size_t i, j;
	int rc;

	rc = awol_store_stmt(b->st, "INSERT INTO article_sets (id, articles) VALUES (?,?)", &ss,
	                     err);
	if (rc == 0)
		rc = awol_store_stmt(
		    b->st, "INSERT INTO article_set_members (set_id, article) VALUES (?,?)", &sm,
		    err);
	for (i = 0; rc == 0 && i < b->sets.n; i++) {
		size_t n;
		const int32_t *arts = (const int32_t *)(const void *)intern_key(&b->sets, i, &n);
		n /= sizeof(*arts);
		if (set_label(b, arts, n, &label) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			break;
		}
		awol_db_bind_int64(ss, 1, (int64_t)i + 1);
		awol_db_bind_text(ss, 2, label.ptr);
		rc = step_reset(b->st, ss, err);
		for (j = 0; rc == 0 && j < n; j++) {
			awol_db_bind_int64(sm, 1, (int64_t)i + 1);
			bind_tagged(sm, 2, &b->articles, (size_t)arts[j]);
			rc = step_reset(b->st, sm, err);
		}
	}
	awol_db_finalize(ss);
	awol_db_finalize(sm);
	awol_buf_dispose(&label);
	return rc;
}

static int write_results(build *b, awol_error *err)
{
	awol_db_stmt *s = NULL;
	size_t i;
	int rc =
	    awol_store_stmt(b->st, "INSERT INTO result_texts (id, result) VALUES (?,?)", &s, err);

	for (i = 0; rc == 0 && i < b->results.n; i++) {
		awol_db_bind_int64(s, 1, (int64_t)i + 1);
		bind_tagged(s, 2, &b->results, i);
		rc = step_reset(b->st, s, err);
	}
	awol_db_finalize(s);
	return rc;
}

/* Cells in the order of case_counts' primary key, so that the inserts append. */
typedef struct cell_order {
	const build *b;
	int32_t *court_rank; /* court id -> rank of its code in byte order */
} cell_order;

static int cmp_court_ids(const void *x, const void *y, void *ctx)
{
	return cmp_text_keys(ctx, *(const int32_t *)x, *(const int32_t *)y);
}

static int cmp_cells(const void *x, const void *y, void *ctx)
{
	const cell_order *o = ctx;
	size_t n;
	cell a, c;

	memcpy(&a, intern_key(&o->b->cells, *(const uint32_t *)x, &n), sizeof(a));
	memcpy(&c, intern_key(&o->b->cells, *(const uint32_t *)y, &n), sizeof(c));
	if (a.axis != c.axis) /* "decided" < "received" */
		return a.axis > c.axis ? -1 : 1;
	if (a.segment != c.segment)
		return a.segment < c.segment ? -1 : 1;
	if (a.court != c.court)
		return o->court_rank[a.court] < o->court_rank[c.court] ? -1 : 1;
	if (a.set != c.set)
		return a.set < c.set ? -1 : 1;
	return (a.result > c.result) - (a.result < c.result);
}

#define CELL_ROWS 500 /* 3,000 parameters: far below PostgreSQL's 65,535 */

static int write_cells(build *b, awol_error *err)
{
	static const char *const axes[] = {"received", "decided"};
	awol_db_stmt *s = NULL;
	cell_order o = {b, NULL};
	int32_t *courts = malloc((b->courts.n + 1) * sizeof(*courts));
	uint32_t *order = malloc((b->cells.n + 1) * sizeof(*order));
	awol_buf sql = AWOL_BUF_INIT;
	size_t i, k, per, prepared = 0;
	int rc = 0;

	o.court_rank = malloc((b->courts.n + 1) * sizeof(*o.court_rank));
	if (!courts || !order || !o.court_rank) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < b->courts.n; i++)
		courts[i] = (int32_t)i;
	qsort_r(courts, b->courts.n, sizeof(*courts), cmp_court_ids, &b->courts);
	for (i = 0; i < b->courts.n; i++)
		o.court_rank[courts[i]] = (int32_t)i;
	for (i = 0; i < b->cells.n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, b->cells.n, sizeof(*order), cmp_cells, &o);
	/*
	 * PostgreSQL: CELL_ROWS rows a statement, one round trip for them all (the cells are
	 * most of a rebuild there); SQLite: one row a statement, as it always did.
	 */
	per = awol_db_dialect(b->st->conn) == AWOL_DB_PG ? CELL_ROWS : 1;
	for (i = 0; rc == 0 && i < b->cells.n; i += k) {
		size_t j;
		k = b->cells.n - i < per ? b->cells.n - i : per;
		if (k != prepared) {
			awol_db_finalize(s);
			s = NULL;
			awol_buf_reset(&sql);
			rc = awol_buf_puts(
			    &sql,
			    "INSERT INTO case_counts (date_axis, segment, court_code, "
			    "set_id, result_id, cases) VALUES ",
			    err);
			for (j = 0; rc == 0 && j < k; j++)
				rc = awol_buf_puts(&sql, j ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)",
				                   err);
			if (rc == 0)
				rc = awol_store_stmt(b->st, awol_buf_cstr(&sql), &s, err);
			prepared = k;
		}
		for (j = 0; rc == 0 && j < k; j++) {
			size_t n;
			int at = (int)(j * 6);
			cell c;
			char day[11];
			memcpy(&c, intern_key(&b->cells, order[i + j], &n), sizeof(c));
			awol_date_iso(awol_date_from_days(c.segment), day);
			awol_db_bind_text(s, at + 1, axes[c.axis]);
			awol_db_bind_text_n(s, at + 2, day, 10); /* copied by PostgreSQL */
			bind_tagged(s, at + 3, &b->courts, (size_t)c.court);
			awol_db_bind_int64(s, at + 4, (int64_t)c.set + 1);
			awol_db_bind_int64(s, at + 5, (int64_t)c.result + 1);
			awol_db_bind_int64(s, at + 6, b->counts[order[i + j]]);
			if (per == 1)
				rc = step_reset(b->st, s, err); /* before `day` goes out of scope */
		}
		if (rc == 0 && per > 1)
			rc = step_reset(b->st, s, err);
	}
done:
	awol_buf_dispose(&sql);
	awol_db_finalize(s);
	free(courts);
	free(order);
	free(o.court_rank);
	return rc;
}

/* meta.data_generation and meta.case_counts_generation; -1 when absent. */
static int generations(awol_store *st, int64_t *data, int64_t *built, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "SELECT (SELECT value FROM meta WHERE key = 'data_generation'), "
	                         "(SELECT value FROM meta WHERE key = 'case_counts_generation')",
	                         &s, err);

	*data = *built = -1;
	if (rc < 0)
		return rc;
	rc = awol_db_step(s, err);
	if (rc == 1) {
		if (!awol_db_column_is_null(s, 0))
			*data = awol_db_column_int64(s, 0);
		if (!awol_db_column_is_null(s, 1))
			*built = awol_db_column_int64(s, 1);
	}
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

int awol_store_counts_fresh(awol_store *st, bool *fresh, awol_error *err)
{
	int64_t data, built;
	int rc = generations(st, &data, &built, err);

	*fresh = rc == 0 && data >= 0 && built == data;
	return rc;
}

int awol_store_counts_refresh(awol_store *st, bool force, bool *rebuilt, awol_error *err)
{
	build b;
	int64_t data, built;
	char gen[32];
	int rc;

	if (rebuilt)
		*rebuilt = false;
	if (st->read_only)
		return awol_error_set(err, AWOL_EINVAL, "%s: opened read-only", st->path);
	memset(&b, 0, sizeof(b));
	b.st = st;
	intern_init(&b.courts);
	intern_init(&b.results);
	intern_init(&b.articles);
	intern_init(&b.sets);
	intern_init(&b.cells);
	awol_buf_init(&b.scratch, 0);
	/*
	 * SQLite: under the write lock, nobody can change the data while we read it.
	 * PostgreSQL: one snapshot for the generation and the data, one refresher at a time.
	 */
	rc = awol_store_begin_snapshot(st, "case_counts", err);
	if (rc < 0)
		return rc;
	rc = awol_store_exec(st,
	                     "INSERT INTO meta (key, value) VALUES ('data_generation', '1') "
	                     "ON CONFLICT DO NOTHING",
	                     err);
	if (rc == 0)
		rc = generations(st, &data, &built, err);
	if (rc < 0 || (!force && built == data))
		goto done;
	rc = awol_store_exec(st,
	                     "DELETE FROM case_counts; DELETE FROM article_set_members; "
	                     "DELETE FROM article_sets; DELETE FROM result_texts",
	                     err);
	if (rc == 0)
		rc = scan(&b, err);
	if (rc == 0)
		rc = write_sets(&b, err);
	if (rc == 0)
		rc = write_results(&b, err);
	if (rc == 0)
		rc = write_cells(&b, err);
	snprintf(gen, sizeof(gen), "%lld", (long long)data);
	if (rc == 0)
		rc = awol_store_meta_set(st, "case_counts_generation", gen, err);
	if (rc == 0 && rebuilt)
		*rebuilt = true;
done:
	build_dispose(&b);
	if (rc < 0) {
		awol_store_rollback(st);
		return rc;
	}
	return awol_store_commit(st, err);
}

bool awol_store_read_only(const awol_store *st)
{
	return !st || st->read_only;
}
