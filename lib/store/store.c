/*
 * Opening the store (SQLite here, PostgreSQL in store_pg.c): pragmas, migrations,
 * transactions, meta.
 */
#include "util/common.h"
#include "store_priv.h"
#include "util/buf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void awol_store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int awol_store_sqlite_error(struct sqlite3 *db, awol_error *err)
{
	const char *file = db ? sqlite3_db_filename(db, "main") : NULL;
	int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_ERROR;

	return awol_error_set(err, AWOL_EDB, "%s: %s%s", file && *file ? file : "database",
	                      db ? sqlite3_errmsg(db) : "no database",
	                      code == SQLITE_CORRUPT || code == SQLITE_NOTADB
	                          ? " (the file is damaged: restore a copy, or crawl again "
	                            "into a new database)"
	                          : "");
}

int awol_store_step_end(struct sqlite3 *db, int step, awol_error *err)
{
	return step == SQLITE_DONE ? 0 : awol_store_sqlite_error(db, err);
}

int awol_store_exec(awol_store *st, const char *sql, awol_error *err)
{
	return awol_db_exec(st->conn, sql, err);
}

int awol_store_stmt(awol_store *st, const char *sql, awol_db_stmt **s, awol_error *err)
{
	return awol_db_prepare(st->conn, sql, s, err);
}

int awol_store_prepare(awol_store *st, sqlite3_stmt **stmt, const char *sql, awol_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
	}
	return 0;
}

bool awol_store_refused_write(struct sqlite3 *db)
{
	int c = sqlite3_errcode(db) & 0xff;
	return c == SQLITE_READONLY || c == SQLITE_CANTOPEN;
}

static bool dir_writable(const char *path)
{
	char *d = strdup(path), *slash;
	bool w;

	if (!d)
		return false;
	slash = strrchr(d, '/');
	if (slash == d)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	w = access(slash ? d : ".", W_OK) == 0;
	free(d);
	return w;
}

static bool file_exists(const char *path, const char *suffix)
{
	char p[4096];
	struct stat sb;

	snprintf(p, sizeof(p), "%s%s", path, suffix);
	return stat(p, &sb) == 0 && sb.st_size > 0;
}

/* "file:" URI of a path, for the immutable open (?, #, % and non-ASCII escaped) */
static int uri_of(const char *path, awol_buf *u, awol_error *err)
{
	const unsigned char *p;
	int rc = awol_buf_puts(u, "file:", err);

	for (p = (const unsigned char *)path; *p && rc == 0; p++)
		rc = (*p == '?' || *p == '#' || *p == '%' || *p < 0x21 || *p >= 0x7f)
		         ? awol_buf_printf(u, err, "%%%02X", *p)
		         : awol_buf_putc(u, (char)*p, err);
	if (rc == 0)
		rc = awol_buf_puts(u, "?immutable=1", err);
	return rc;
}

/* The database is locked by a writer setting WAL at the same moment: wait, as for a lock. */
static int set_wal(awol_store *st, int busy_ms, awol_error *err)
{
	int waited = 0, rc;

	for (;;) {
		rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
		                  NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= busy_ms)
			break;
		usleep(20000);
		waited += 20;
	}
	return rc == SQLITE_OK ? 0 : awol_store_sqlite_error(st->db, err);
}

/* No `cases` table: another kind of file; any other failure is said as it is. */
static int probe(awol_store *st, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM cases", -1, &s, NULL) != SQLITE_OK) {
		if (strstr(sqlite3_errmsg(st->db), "no such table"))
			rc = awol_error_set(err, AWOL_EDB, "%s: not an awol database", st->path);
		else
			rc = awol_store_sqlite_error(st->db, err);
	} else if (sqlite3_step(s) != SQLITE_ROW)
		rc = awol_store_sqlite_error(st->db, err);
	sqlite3_finalize(s);
	return rc;
}

/* An open that fails says why in the user's terms: read-only, not SQLite, locked. */
static int open_failed(awol_store *st, awol_error *err)
{
	int c = sqlite3_errcode(st->db) & 0xff;

	if (!st->read_only && awol_store_refused_write(st->db))
		return awol_error_set(err, AWOL_EDB,
		                      "%s: read-only: this command writes to the database, and the "
		                      "file or its folder is not writable (%s)",
		                      st->path, sqlite3_errmsg(st->db));
	if (c == SQLITE_NOTADB)
		return awol_error_set(err, AWOL_EDB, "%s: not an SQLite database", st->path);
	return awol_store_sqlite_error(st->db, err);
}

static int open_handle(awol_store *st, const char *path, int busy_ms, awol_error *err)
{
	int flags =
	    st->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	awol_buf u = AWOL_BUF_INIT;
	int rc = 0;

	if (st->immutable) {
		rc = uri_of(path, &u, err);
		flags |= SQLITE_OPEN_URI;
	}
	if (rc == 0 && sqlite3_open_v2(st->immutable ? awol_buf_cstr(&u) : path, &st->db, flags,
	                               NULL) != SQLITE_OK)
		rc = st->db ? open_failed(st, err)
		            : awol_error_set(err, AWOL_ENOMEM, "%s: out of memory", path);
	awol_buf_dispose(&u);
	if (rc < 0)
		return rc;
	rc = awol_db_wrap_sqlite(&st->conn, st->db, path, err);
	if (rc < 0)
		return rc;
	sqlite3_busy_timeout(st->db, busy_ms);
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
		return open_failed(st, err);
	if (!st->read_only && set_wal(st, busy_ms, err) < 0)
		return open_failed(st, err);
	/*
	 * Test hook (docs/crawling.md): AWOL_TEST_MAX_PAGES=N caps the database at N pages,
	 * so that tests can fill "the disk" deterministically.
	 */
	if (!st->read_only && getenv("AWOL_TEST_MAX_PAGES")) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA max_page_count = %ld",
		         strtol(getenv("AWOL_TEST_MAX_PAGES"), NULL, 10));
		sqlite3_exec(st->db, pragma, NULL, NULL, NULL);
	}
	if (!st->read_only && sqlite3_db_readonly(st->db, "main") == 1)
		return awol_error_set(err, AWOL_EDB,
		                      "%s: read-only: this command writes to the database, and the "
		                      "file is not writable",
		                      st->path);
	return 0;
}

int awol_store_open(awol_store **out, const char *path, const awol_store_opts *opts,
                    awol_error *err)
{
	awol_store *st = NULL;
	struct stat sb;
	int rc = 0, busy;
	size_t kl;

	*out = NULL;
	if (!path || !*path)
		return awol_error_set(err, AWOL_EINVAL, "no database path given");
	if (awol_db_is_uri(path))
		return awol_store_open_pg(out, path, opts, err);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return awol_error_set(err, AWOL_EINVAL, "%s: is a directory, not a database", path);
	if (opts && opts->read_only && stat(path, &sb) < 0)
		return awol_error_set(err, AWOL_ENOTFOUND, "%s: no such database", path);
	st = calloc(1, sizeof(*st));
	if (!st)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	st->path = strdup(path);
	st->keep_names = opts && opts->keep_names;
	st->read_only = opts && opts->read_only;
	if (opts && opts->key_path)
		st->key_path = strdup(opts->key_path);
	else {
		kl = strlen(path) + 5;
		st->key_path = malloc(kl);
		if (st->key_path)
			snprintf(st->key_path, kl, "%s.key", path);
	}
	if (!st->path || !st->key_path) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	/* a new database is its owner's alone, like its key (SQLite gives its -wal and
	 * -shm files the database file's mode) */
	if (!st->read_only && stat(path, &sb) < 0 && errno == ENOENT) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
	}
	/* a key others can read lets them tie pseudonyms to names they guess */
	if (stat(st->key_path, &sb) == 0 && (sb.st_mode & 077))
		snprintf(st->warning, sizeof(st->warning),
		         "%s: the pseudonym key is readable by others (mode %03o); chmod 600 it",
		         st->key_path, (unsigned)(sb.st_mode & 0777));
	busy = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 30000;
	rc = open_handle(st, path, busy, err);
	if (rc == 0 && !st->read_only)
		rc = awol_store_migrate(st, err);
	if (rc == 0 && st->read_only) {
		rc = probe(st, err);
		/*
		 * A WAL database in a folder the reader cannot write: SQLite cannot make its
		 * -shm file.  With no -wal file beside it no writer is at work (a writer
		 * would have made both), so the file is read as it is: immutable.
		 */
		if (rc < 0 && st->db && awol_store_refused_write(st->db) && !dir_writable(path) &&
		    !file_exists(path, "-wal")) {
			awol_db_close(st->conn);
			st->conn = NULL;
			sqlite3_close_v2(st->db);
			st->db = NULL;
			st->immutable = true;
			rc = open_handle(st, path, busy, err);
			if (rc == 0)
				rc = probe(st, err);
		} else if (rc < 0 && st->db && awol_store_refused_write(st->db) &&
		           !dir_writable(path))
			rc = awol_error_set(
			    err, AWOL_EDB,
			    "%s: cannot be read here: its -wal file holds writes only a "
			    "writer can fold in, and the folder is not writable (copy "
			    "the database with its -wal file elsewhere, or let its "
			    "owner open it once)",
			    path);
	}
done:
	if (rc < 0) {
		awol_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void awol_store_close(awol_store *st)
{
	if (!st)
		return;
	awol_db_close(st->conn);
	if (st->db)
		sqlite3_close_v2(st->db);
	awol_courts_dispose(&st->courts);
	free(st->path);
	free(st->key_path);
	memset(st->key, 0, sizeof(st->key));
	free(st);
}

struct sqlite3 *awol_store_db(awol_store *st)
{
	return st ? st->db : NULL;
}

const char *awol_store_warning(const awol_store *st)
{
	return st && st->warning[0] ? st->warning : NULL;
}

const char *awol_store_path(const awol_store *st)
{
	return st ? st->path : NULL;
}

int awol_store_begin(awol_store *st, awol_error *err)
{
	int rc = 0;

	if (st->tx_depth == 0)
		rc = awol_db_begin(st->conn, err);
	if (rc == 0)
		st->tx_depth++;
	return rc;
}

int awol_store_begin_snapshot(awol_store *st, const char *lock_table, awol_error *err)
{
	char sql[160];
	int rc = 0;

	if (awol_db_dialect(st->conn) == AWOL_DB_SQLITE)
		return awol_store_begin(st, err);
	if (st->tx_depth == 0) {
		snprintf(sql, sizeof(sql), "BEGIN ISOLATION LEVEL REPEATABLE READ%s%s%s",
		         lock_table ? "; LOCK TABLE " : "", lock_table ? lock_table : "",
		         lock_table ? " IN SHARE ROW EXCLUSIVE MODE" : "");
		rc = awol_store_exec(st, sql, err);
	}
	if (rc == 0)
		st->tx_depth++;
	return rc;
}

int awol_store_begin_read(awol_store *st, awol_error *err)
{
	int rc = 0;

	if (st->tx_depth == 0)
		rc = awol_store_exec(st,
		                     awol_db_dialect(st->conn) == AWOL_DB_PG
		                         ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
		                         : "BEGIN",
		                     err);
	if (rc == 0)
		st->tx_depth++;
	return rc;
}

int awol_store_commit(awol_store *st, awol_error *err)
{
	int rc = 0;

	if (st->tx_depth <= 0)
		return awol_error_set(err, AWOL_EINVAL, "%s: commit without a transaction",
		                      st->path);
	if (st->tx_depth == 1)
		rc = awol_db_commit(st->conn, err);
	if (rc == 0)
		st->tx_depth--;
	return rc;
}

int awol_store_rollback(awol_store *st)
{
	if (!st || st->tx_depth <= 0)
		return 0;
	st->tx_depth = 0;
	return awol_db_rollback(st->conn);
}

int awol_store_meta_set(awol_store *st, const char *key, const char *value, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "INSERT INTO meta (key, value) VALUES (?, ?) "
	                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                         &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, key);
	awol_db_bind_text(s, 2, value);
	rc = awol_db_step(s, err);
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

int awol_store_meta_get(awol_store *st, const char *key, char **value, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, "SELECT value FROM meta WHERE key = ?", &s, err), step;

	*value = NULL;
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, key);
	step = awol_db_step(s, err);
	if (step == 1 && awol_db_column_text(s, 0)) {
		*value = strdup(awol_db_column_text(s, 0));
		if (!*value)
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	} else if (step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

int awol_store_data_version(awol_store *st, long long *out)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	*out = -1;
	/* PostgreSQL has no such counter: unknown */
	if (!st->db || sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = 0;
	}
	sqlite3_finalize(s);
	return rc;
}

bool awol_store_has_column(awol_store *st, const char *table, const char *column)
{
	awol_db_stmt *s = NULL;
	bool has = false;

	if (awol_store_stmt(st,
	                    awol_db_dialect(st->conn) == AWOL_DB_PG
	                        ? "SELECT 1 FROM information_schema.columns WHERE table_schema = "
	                          "current_schema() AND table_name = ?1 AND column_name = ?2"
	                        : "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2",
	                    &s, NULL) < 0)
		return false;
	awol_db_bind_text(s, 1, table);
	awol_db_bind_text(s, 2, column);
	has = awol_db_step(s, NULL) == 1;
	awol_db_finalize(s);
	return has;
}

int awol_store_run(awol_db_stmt *s, awol_error *err)
{
	int rc = awol_db_step(s, err);

	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}
