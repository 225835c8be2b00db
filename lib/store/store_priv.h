/* Private to lib/store. */
#ifndef AWOL_STORE_PRIV_H
#define AWOL_STORE_PRIV_H

#include <sqlite3.h>

#include "awol/courts.h"
#include "awol/store.h"

struct awol_store {
	sqlite3 *db;
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

/* schema.c */
int awol_store_migrate(awol_store *st, awol_error *err);
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
/* the last failure was SQLite refusing to write (SQLITE_READONLY, SQLITE_CANTOPEN) */
bool awol_store_refused_write(struct sqlite3 *db);
int awol_store_prepare(awol_store *st, sqlite3_stmt **stmt, const char *sql, awol_error *err);
void awol_store_now(char out[32]);

#endif
