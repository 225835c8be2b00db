/*
 * The store: SQLite by default (one file, browsable in Datasette), or PostgreSQL when
 * the path is a postgresql:// (or postgres://) URI (docs/postgresql.md).  The schema is
 * documented in docs/schema.md; migrations are keyed on PRAGMA user_version (SQLite) or
 * the table schema_version (PostgreSQL) and applied by awol_store_open.
 * awol_store_path names the database in messages: the file, or for PostgreSQL
 * "postgresql://HOST:PORT/DBNAME" (never the user or password of the URI).
 *
 * Ownership: awol_store_open returns a handle the caller frees with
 * awol_store_close.  Pages passed in are borrowed.
 */
#ifndef AWOL_STORE_H
#define AWOL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "awol/error.h"
#include "awol/page.h"

typedef struct awol_store awol_store;

typedef struct awol_store_opts {
	bool keep_names;      /* store raw names next to pseudonyms */
	const char *key_path; /* pseudonym key file; NULL = "<db>.key" next to an SQLite file,
	                         $XDG_CONFIG_HOME/awol/key (~/.config/awol/key) for PostgreSQL */
	bool read_only;       /* open without creating or migrating */
	int busy_timeout_ms;  /* wait this long for another writer's lock; 0 = 30 s */
} awol_store_opts;

/* Provenance of an imported page. */
typedef struct awol_page_source {
	const char *source;       /* URL or file path (required) */
	const char *fetched_at;   /* ISO 8601 UTC time; NULL = now */
	const unsigned char *raw; /* raw bytes (hashed with SHA-256) */
	size_t raw_len;
	const char *court_code; /* court the page belongs to when the caller knows it (crawler) */
	const char *court_host;
} awol_page_source;

/*
 * Open (creating and migrating as needed) the database at `path`.  The
 * military-court registry is loaded on first creation from the embedded copy
 * of data/military-courts.csv.
 */
int awol_store_open(awol_store **out, const char *path, const awol_store_opts *opts,
                    awol_error *err);
void awol_store_close(awol_store *st); /* accepts NULL */

/*
 * What messages may call the database `target` (a --db value) before or without opening
 * it: the file path, or a postgresql:// URI without its user, password and parameters.
 */
void awol_store_target_name(const char *target, char *out, size_t size);
const char *awol_store_path(const awol_store *st);
/* Something the user should fix, found on opening (a key file others can read), or NULL. */
const char *awol_store_warning(const awol_store *st);

int awol_store_begin(awol_store *st, awol_error *err);
int awol_store_commit(awol_store *st, awol_error *err);
int awol_store_rollback(awol_store *st); /* best effort */

/*
 * Record a page (provenance row in `pages`) and, for cards, upsert its case
 * with persons, charges, events, parties and acts.  Importing the same bytes
 * again changes nothing; a different page of the same case (court + УИД, or
 * number when no УИД) replaces the case's facts.  *page_id (may be NULL)
 * receives the pages.id row.  Runs in its own transaction unless one is open.
 */
int awol_store_import_page(awol_store *st, const awol_page *page, const awol_page_source *src,
                           int64_t *page_id, awol_error *err);

/*
 * The case-count summary (docs/schema.md): derived tables from which `awol stats`
 * counts cases without reading every case.  Every write to cases, persons or charges
 * (by awol or by anyone with SQL) makes it stale, and a stale summary is never read.
 * awol_store_counts_refresh rebuilds it when stale (always with `force`) in one pass,
 * inside a transaction; *rebuilt (may be NULL) says whether it did.  The store must be
 * writable.
 */
int awol_store_counts_fresh(awol_store *st, bool *fresh, awol_error *err);
int awol_store_counts_refresh(awol_store *st, bool force, bool *rebuilt, awol_error *err);
bool awol_store_read_only(const awol_store *st); /* true for NULL */

/*
 * Names out of a text (what `awol crawl` and `parse` do to act texts without
 * --keep-names): every form of the given names (full name, surname alone when
 * of 4 letters or more, surname with initials "Иванов И.И." / "И.И. Иванов", in
 * any grammatical case) is replaced by "[PSEUDONYM]", the pseudonym the store
 * gives that name (persons.pseudonym).  Names that are not a person's
 * (organisations) and hidden ones are left alone.  *out is malloc'd (caller
 * frees); *replaced (may be NULL) counts the replacements.  Needs the key.
 */
int awol_store_redact_names(awol_store *st, const char *const *names, size_t n, const char *text,
                            char **out, size_t *replaced, awol_error *err);
/* The same with the names of a stored case's persons and parties (kept as keyed stems). */
int awol_store_redact_case(awol_store *st, int64_t case_id, const char *text, char **out,
                           size_t *replaced, awol_error *err);

/*
 * Does `table` have `column`?  A database opened read-only is not migrated, so readers
 * of columns added by a later schema version ask first.
 */
bool awol_store_has_column(awol_store *st, const char *table, const char *column);

/*
 * awol db copy: merge every row of `from` into `to` (SQLite or PostgreSQL, either way),
 * matched on natural keys (docs/postgresql.md): pages by source and bytes, cases by
 * court and case key (the newer copy of a case wins, with all its rows), coverage
 * windows, court status and figures by their keys (the newer wins).  Provenance
 * (pages, page_id of cases and acts), coverage and pseudonyms are copied as stored;
 * the key file is not (a copy between stores whose pseudonyms come from different keys
 * is refused).  Idempotent: a second copy writes nothing.  One transaction on `to`.
 * The case-count summary of `to` is left stale (awol_store_counts_refresh rebuilds it).
 */
typedef struct awol_store_copy_stats {
	long pages, cases, coverage, court_status, figures; /* rows written */
} awol_store_copy_stats;
int awol_store_copy(awol_store *from, awol_store *to, awol_store_copy_stats *stats,
                    awol_error *err);

/*
 * One crawl per database, or the workers of one shared crawl (`shared`: held by many
 * at once, by none of them while a crawl of its own holds it).  PostgreSQL: a session
 * advisory lock, held until the store is closed or the process ends (*held = true;
 * another holder: AWOL_EEXISTS).  SQLite: nothing done, *held = false: the caller locks
 * a file beside the database.
 */
int awol_store_lock_crawl(awol_store *st, bool shared, bool *held, awol_error *err);
/*
 * A local file or folder that belongs with this database (the crawl's captcha images):
 * "DB" + suffix beside an SQLite file; for PostgreSQL "HOST_PORT_DBNAME" + suffix in the
 * pseudonym key's folder.  malloc'd; NULL when out of memory.
 */
char *awol_store_side_path(const awol_store *st, const char *suffix);

/* meta table: key/value facts about the database ("simulated" = "1", ...). */
int awol_store_meta_set(awol_store *st, const char *key, const char *value, awol_error *err);
/* *value is malloc'd (caller frees) or NULL when the key is absent. */
int awol_store_meta_get(awol_store *st, const char *key, char **value, awol_error *err);
/*
 * A number that changes whenever another connection commits to the database (SQLite's
 * data_version, of this handle: numbers of two handles do not compare).  0 and *out, or
 * -1 when the database keeps no such number (PostgreSQL): then nothing can be known
 * unchanged.
 */
int awol_store_data_version(awol_store *st, long long *out);

#endif
