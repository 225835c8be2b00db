/*
 * Opening a PostgreSQL store (--db postgresql://...).  The connection string is
 * libpq's own (URI, PG* environment variables, ~/.pgpass) and is never kept nor
 * printed: messages name the database by host, port and name (awol_db_name).
 *
 * The pseudonym key never goes into the database.  With PostgreSQL it is a file of its
 * own: --key FILE, else $XDG_CONFIG_HOME/awol/key (~/.config/awol/key), created 0600
 * on first need.  The collectors of one team copy the same key file
 * (docs/postgresql.md).
 */
#include "util/common.h"
#include "store_priv.h"

#include <sys/stat.h>

char *awol_store_default_key_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char buf[4096];

	if (xdg && *xdg == '/')
		snprintf(buf, sizeof(buf), "%s/awol/key", xdg);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/.config/awol/key", home);
	else
		return NULL;
	return strdup(buf);
}

/* A read-only open of a database awol never created says so. */
static int probe(awol_store *st, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "SELECT count(*) FROM information_schema.tables WHERE "
	                         "table_schema = current_schema() AND table_name = 'cases'",
	                         &s, err);

	if (rc == 0)
		rc = awol_db_step(s, err);
	if (rc == 1)
		rc = awol_db_column_int64(s, 0) > 0
		         ? 0
		         : awol_error_set(err, AWOL_EDB, "%s: not an awol database", st->path);
	else if (rc == 0)
		rc = awol_error_set(err, AWOL_EDB, "%s: not an awol database", st->path);
	awol_db_finalize(s);
	return rc;
}

int awol_store_open_pg(awol_store **out, const char *uri, const awol_store_opts *opts,
                       awol_error *err)
{
	awol_store *st = calloc(1, sizeof(*st));
	struct stat sb;
	int rc = 0;

	*out = NULL;
	if (!st)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	st->keep_names = opts && opts->keep_names;
	st->read_only = opts && opts->read_only;
	st->key_path =
	    opts && opts->key_path ? strdup(opts->key_path) : awol_store_default_key_path();
	if (!st->key_path) {
		rc = awol_error_set(err, AWOL_EINVAL,
		                    "%s: no pseudonym key file: give --key FILE (HOME is not set)",
		                    "postgresql");
		goto done;
	}
	rc = awol_db_open_pg(&st->conn, uri, err);
	if (rc < 0)
		goto done;
	st->path = strdup(awol_db_name(st->conn));
	if (!st->path) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	if (stat(st->key_path, &sb) == 0 && (sb.st_mode & 077))
		snprintf(st->warning, sizeof(st->warning),
		         "%s: the pseudonym key is readable by others (mode %03o); chmod 600 it",
		         st->key_path, (unsigned)(sb.st_mode & 0777));
	rc = st->read_only ? probe(st, err) : awol_store_migrate_pg(st, err);
	if (rc == 0 && st->read_only)
		/* a reader never writes, whatever a command asks */
		rc = awol_store_exec(st, "SET default_transaction_read_only = on", err);
done:
	if (rc < 0) {
		awol_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void awol_store_target_name(const char *target, char *out, size_t size)
{
	const char *rest, *at, *end;

	if (!awol_db_is_uri(target)) {
		snprintf(out, size, "%s", target ? target : "");
		return;
	}
	rest = strstr(target, "://") + 3;
	end = rest + strcspn(rest, "?#");
	at = memchr(rest, '@', (size_t)(end - rest));
	if (at)
		rest = at + 1;
	snprintf(out, size, "postgresql://%.*s", (int)(end - rest), rest);
}

/* pg_try_advisory_lock key of the crawl: "awolcrwl" */
#define CRAWL_LOCK "7022344639683556460"

int awol_store_lock_crawl(awol_store *st, bool shared, bool *held, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc;

	*held = false;
	if (awol_db_dialect(st->conn) != AWOL_DB_PG)
		return 0;
	rc = awol_store_stmt(st,
	                     shared ? "SELECT pg_try_advisory_lock_shared(" CRAWL_LOCK ")"
	                            : "SELECT pg_try_advisory_lock(" CRAWL_LOCK ")",
	                     &s, err);
	if (rc == 0)
		rc = awol_db_step(s, err);
	if (rc == 1 && awol_db_column_int64(s, 0) == 0)
		rc = awol_error_set(err, AWOL_EEXISTS,
		                    "%s: another crawl is using this database; wait for it to end "
		                    "or stop it, then run again (crawls of many workers share a "
		                    "database: each with --worker NAME)",
		                    st->path);
	else if (rc == 1) {
		*held = true;
		rc = 0;
	}
	awol_db_finalize(s);
	return rc;
}

char *awol_store_side_path(const awol_store *st, const char *suffix)
{
	char buf[4096], name[300];
	const char *slash;
	size_t i;

	if (awol_db_dialect(st->conn) != AWOL_DB_PG) {
		snprintf(buf, sizeof(buf), "%s%s", st->path, suffix);
		return strdup(buf);
	}
	/* "postgresql://host:5432/db" -> "host_5432_db" */
	snprintf(name, sizeof(name), "%s", st->path + strlen("postgresql://"));
	for (i = 0; name[i]; i++)
		if (name[i] == '/' || name[i] == ':')
			name[i] = '_';
	slash = strrchr(st->key_path, '/');
	snprintf(buf, sizeof(buf), "%.*s%s%s", slash ? (int)(slash - st->key_path + 1) : 0,
	         st->key_path, name, suffix);
	return strdup(buf);
}
