/* Private to lib/store. */
#ifndef AWOL_STORE_PRIV_H
#define AWOL_STORE_PRIV_H

#include <sqlite3.h>

#include "awol/courts.h"
#include "awol/store.h"
#include "db.h"
#include "store_handle.h"

struct awol_store {
	awol_db *conn; /* every statement goes through it (db.h) */
	sqlite3 *db;   /* SQLite only: NULL with PostgreSQL */
	char *path;
	char *key_path;
	bool keep_names;
	bool read_only;
	bool immutable; /* read-only in a folder it cannot write (store.c) */
	bool have_key;
	unsigned char key[32];
	int tx_depth;
	char warning[700];      /* awol_store_warning */
	awol_court_list courts; /* loaded on first need (court of a page by host) */
	bool courts_loaded;
};

/*
 * What is counted: charges under the Criminal Code.  A charge under another code (КоАП РФ,
 * from an administrative card) is stored and exported but never counted; one naming no code
 * counts as criminal (criminal cards may write «ст.337 ч.5» alone).  An SQL condition on a
 * charges row aliased `h`, shared by the summary (counts.c) and the counting query (store_stats.c)
 * so both count alike.
 */
#define AWOL_STORE_COUNTED_CHARGE "(h.law IS NULL OR h.law = 'УК РФ')"
/* schema.c (SQLite), schema_pg.c (PostgreSQL) */
int awol_store_migrate(awol_store *st, awol_error *err);
int awol_store_migrate_pg(awol_store *st, awol_error *err);
int awol_store_schema_version(void); /* the newest version, the same for both */
/* an error when a database was made by a newer awol */
int awol_store_version_check(awol_store *st, int version, awol_error *err);
int awol_store_load_courts(awol_store *st, awol_error *err);
/* courts, created_at, awol_version: the rows of a fresh database */
int awol_store_seed(awol_store *st, awol_error *err);
/* pseudonym.c: 32 hex chars of HMAC-SHA256(key, normalised name); NULL on failure. */
char *awol_store_pseudonym(awol_store *st, const char *name, awol_error *err);
bool awol_store_name_hidden(const char *name);
/* 16 hex chars of HMAC-SHA256(key, "stem:" stem): a name stem no one can read back */
int awol_store_stem_hash(awol_store *st, const char *stem, char out[17], awol_error *err);
/* redact.c: the stems of a person's or party's name, for texts imported later */
/* the names of the cases holding an act with this URL out of its text; *out malloc'd */
int awol_store_redact_act(awol_store *st, const char *url, const char *text, char **out,
                          awol_error *err);
int awol_store_name_stems_save(awol_store *st, int64_t case_id, const char *name,
                               const char *pseudonym, awol_error *err);
/*
 * outcomes.c: read an act text stored (act_id of case_id) into `outcomes`; `card` (may be
 * NULL) is the card the text came with, whose defendants' names link name labels to them.
 */
int awol_store_outcomes_store(awol_store *st, int64_t act_id, int64_t case_id, const char *text,
                              const awol_page *card, awol_error *err);
/* store.c */
int awol_store_exec(awol_store *st, const char *sql, awol_error *err);
/* a statement of the store's connection (db.h); free with awol_db_finalize */
int awol_store_stmt(awol_store *st, const char *sql, awol_db_stmt **s, awol_error *err);
/*
 * A transaction whose reads are one snapshot.  _snapshot: for writing (SQLite: the write
 * lock; PostgreSQL: REPEATABLE READ, and `lock_table` locked against other writers of
 * it).  _read: for reading only (SQLite: a deferred BEGIN).  End with awol_store_commit.
 */
int awol_store_begin_snapshot(awol_store *st, const char *lock_table, awol_error *err);
int awol_store_begin_read(awol_store *st, awol_error *err);
/* store_pg.c: awol_store_open for a postgresql:// URI */
int awol_store_open_pg(awol_store **out, const char *uri, const awol_store_opts *opts,
                       awol_error *err);
/* the pseudonym key file used with PostgreSQL when no --key is given; malloc'd */
char *awol_store_default_key_path(void);
/* the last failure was SQLite refusing to write (SQLITE_READONLY, SQLITE_CANTOPEN) */
bool awol_store_refused_write(struct sqlite3 *db);
int awol_store_prepare(awol_store *st, sqlite3_stmt **stmt, const char *sql, awol_error *err);
void awol_store_now(char out[32]);
/* store_rows.c: a cursor over `sql`, its parameters bound by the caller through the stmt */
struct awol_store_rows;
int awol_store_rows_open(awol_store *st, const char *sql, struct awol_store_rows **out,
                         awol_error *err);
awol_db_stmt *awol_store_rows_stmt(struct awol_store_rows *r);
/* Step a write to its end and finalize it: 0, or the error naming the database. */
int awol_store_run(awol_db_stmt *s, awol_error *err);

#endif
