/*
 * Names out of act texts (without --keep-names).  A court does not always
 * depersonalise what it publishes, so before an act text is stored every
 * form of the names its case's persons and parties carry is replaced by the
 * person's pseudonym ("[3f0c...]").  The names themselves are never stored:
 * the case keeps keyed hashes of their stems (name_stems), enough to find
 * them in a text fetched later and useless without the key.
 *
 * What remains possible is said in docs/schema.md (Privacy): names the card does not
 * list (witnesses, relatives), misspelt names, and names in forms whose stem
 * the declension rules miss.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/names.h"
#include "store_priv.h"

typedef struct entry {
	char hash[17];
	int person;
	bool anchor;
} entry;

typedef struct redactor {
	awol_store *st;
	entry *e;
	size_t n, cap;
	char (*label)[40]; /* "[pseudonym]" of each person */
	size_t np, pcap;
	awol_error *err;
	int rc;
} redactor;

static int person_of(redactor *r, const char *pseudonym)
{
	size_t i;

	for (i = 0; i < r->np; i++)
		if (strncmp(r->label[i] + 1, pseudonym, strlen(pseudonym)) == 0)
			return (int)i;
	if (r->np == r->pcap) {
		size_t nc = r->pcap ? r->pcap * 2 : 8;
		char(*nl)[40] = realloc(r->label, nc * sizeof(*nl));
		if (!nl)
			return awol_error_set(r->err, AWOL_ENOMEM, "out of memory");
		r->label = nl;
		r->pcap = nc;
	}
	snprintf(r->label[r->np], sizeof(r->label[0]), "[%s]", pseudonym);
	return (int)r->np++;
}

static int add_entry(redactor *r, const char *pseudonym, const char *hash, bool anchor)
{
	int p = person_of(r, pseudonym);

	if (p < 0)
		return p;
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 32;
		entry *ne = realloc(r->e, nc * sizeof(*ne));
		if (!ne)
			return awol_error_set(r->err, AWOL_ENOMEM, "out of memory");
		r->e = ne;
		r->cap = nc;
	}
	snprintf(r->e[r->n].hash, sizeof(r->e[0].hash), "%s", hash);
	r->e[r->n].person = p;
	r->e[r->n].anchor = anchor;
	r->n++;
	return 0;
}

/*
 * Every stem of every word of a name, hashed, to `fn`.  A surname word of four
 * letters or more is an anchor: replaced even alone.  Names that are not a
 * person's (organisations) and hidden ones give nothing.
 */
static int each_stem(awol_store *st, const char *name,
                     int (*fn)(void *ctx, const char *hash, bool anchor), void *ctx,
                     awol_error *err)
{
	awol_name_parts np;
	size_t i, k;
	int rc = 0;

	if (awol_store_name_hidden(name) || !awol_name_split(name, &np))
		return 0;
	for (i = 0; i < np.nparts && rc == 0; i++) {
		char stems[AWOL_NAME_STEMS][AWOL_NAME_STEM_MAX];
		size_t ns = awol_name_stems(np.part[i], strlen(np.part[i]), stems, AWOL_NAME_STEMS);
		bool anchor = (np.surname & (1u << i)) && strlen(np.part[i]) >= 8; /* 4 letters */
		for (k = 0; k < ns && rc == 0; k++) {
			char h[17];
			rc = awol_store_stem_hash(st, stems[k], h, err);
			if (rc == 0)
				rc = fn(ctx, h, anchor);
		}
	}
	return rc;
}

typedef struct saver {
	awol_db_stmt *s;
	awol_store *st;
	int64_t case_id;
	const char *pseudonym;
	awol_error *err;
} saver;

static int save_one(void *ctx, const char *hash, bool anchor)
{
	saver *v = ctx;

	int rc;

	awol_db_bind_int64(v->s, 1, v->case_id);
	awol_db_bind_text(v->s, 2, v->pseudonym);
	awol_db_bind_int64(v->s, 3, anchor);
	awol_db_bind_text(v->s, 4, hash);
	rc = awol_db_step(v->s, v->err);
	awol_db_reset(v->s);
	return rc < 0 ? rc : 0;
}

int awol_store_name_stems_save(awol_store *st, int64_t case_id, const char *name,
                               const char *pseudonym, awol_error *err)
{
	saver v = {NULL, st, case_id, pseudonym, err};
	int rc;

	if (!pseudonym)
		return 0;
	rc = awol_store_stmt(st,
	                     "INSERT INTO name_stems (case_id, pseudonym, anchor, stem) "
	                     "VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
	                     &v.s, err);
	if (rc == 0)
		rc = each_stem(st, name, save_one, &v, err);
	awol_db_finalize(v.s);
	return rc;
}

typedef struct adder {
	redactor *r;
	const char *pseudonym;
} adder;

static int add_one(void *ctx, const char *hash, bool anchor)
{
	adder *a = ctx;
	return add_entry(a->r, a->pseudonym, hash, anchor);
}

static int lookup(void *ctx, const char *stem, bool *anchor)
{
	redactor *r = ctx;
	char h[17];
	size_t i;
	int found = -1;

	*anchor = false;
	if (r->n == 0) /* no name to find (all hidden): no hashing */
		return -1;
	if (r->rc < 0 || awol_store_stem_hash(r->st, stem, h, r->err) < 0) {
		r->rc = -AWOL_EIO;
		return -1;
	}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->e[i].hash, h) == 0) {
			if (found < 0 || r->e[i].anchor)
				found = r->e[i].person;
			*anchor = *anchor || r->e[i].anchor;
		}
	return found;
}

static const char *label(void *ctx, int person)
{
	redactor *r = ctx;
	return r->label[person];
}

static int forget(redactor *r, int rc)
{
	free(r->e);
	free(r->label);
	return rc;
}

/* Run the scanner with what `r` knows; *out is the text itself when it knows nothing. */
static int run(redactor *r, const char *text, char **out, size_t *replaced)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_name_matcher m = {lookup, label, r};
	int rc;

	*out = NULL;
	if (replaced)
		*replaced = 0;
	rc = awol_name_redact(text, &m, &b, replaced, r->err);
	if (rc == 0 && r->rc < 0)
		rc = r->rc;
	if (rc == 0 && !(*out = awol_buf_detach(&b)))
		rc = awol_error_set(r->err, AWOL_ENOMEM, "out of memory");
	awol_buf_dispose(&b);
	return forget(r, rc);
}

int awol_store_redact_names(awol_store *st, const char *const *names, size_t n, const char *text,
                            char **out, size_t *replaced, awol_error *err)
{
	redactor r = {st, NULL, 0, 0, NULL, 0, 0, err, 0};
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		char *ps;
		adder a;
		if (!names[i] || awol_store_name_hidden(names[i]))
			continue;
		ps = awol_store_pseudonym(st, names[i], err);
		if (!ps) {
			rc = -AWOL_EIO;
			break;
		}
		a.r = &r;
		a.pseudonym = ps;
		rc = each_stem(st, names[i], add_one, &a, err);
		free(ps);
	}
	*out = NULL;
	return rc < 0 ? forget(&r, rc) : run(&r, text, out, replaced);
}

/* The stems stored for the cases `where` selects (?1 bound to `key`). */
static int redact_stored(awol_store *st, const char *where, int64_t id, const char *url,
                         const char *text, char **out, size_t *replaced, awol_error *err)
{
	redactor r = {st, NULL, 0, 0, NULL, 0, 0, err, 0};
	awol_db_stmt *s = NULL;
	char sql[256];
	int rc, step;

	snprintf(sql, sizeof(sql), "SELECT pseudonym, stem, anchor FROM name_stems WHERE %s",
	         where);
	rc = awol_store_stmt(st, sql, &s, err);
	if (rc < 0)
		return rc;
	if (url)
		awol_db_bind_text(s, 1, url);
	else
		awol_db_bind_int64(s, 1, id);
	while ((step = awol_db_step(s, err)) == 1 && rc == 0)
		rc = add_entry(&r, awol_db_column_text(s, 0), awol_db_column_text(s, 1),
		               (int)awol_db_column_int64(s, 2));
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	*out = NULL;
	return rc < 0 ? forget(&r, rc) : run(&r, text, out, replaced);
}

int awol_store_redact_case(awol_store *st, int64_t case_id, const char *text, char **out,
                           size_t *replaced, awol_error *err)
{
	return redact_stored(st, "case_id = ?1", case_id, NULL, text, out, replaced, err);
}

int awol_store_redact_act(awol_store *st, const char *url, const char *text, char **out,
                          awol_error *err)
{
	return redact_stored(st, "case_id IN (SELECT case_id FROM acts WHERE url = ?1)", 0, url,
	                     text, out, NULL, err);
}
