/*
 * The PostgreSQL side of db.h, over libpq.  Parameters go as text (the server parses
 * them by the type it infers; integers and doubles are typed int8/float8 so that
 * contexts that infer nothing still work).  A statement runs on its first step with
 * PQexecParams; run a second time it is prepared on the server, so that loops of
 * inserts are parsed once.
 */
#include "util/common.h"
#include "db_impl.h"

#ifdef AWOL_HAVE_PQ

#include <libpq-fe.h>

struct awol_pg_conn {
	PGconn *conn;
	unsigned long next_name; /* server-side prepared statements awol_1, awol_2, ... */
	char last_error[400];
};

typedef struct pg_param {
	const char *text; /* borrowed text, `num` or `owned` */
	char num[32];
	char *owned;
	Oid oid;
} pg_param;

struct awol_pg_stmt {
	char *sql;
	int nparams;
	pg_param *params;
	const char **values;
	Oid *types;
	bool *used; /* $n appears in the text (an unused one is sent as text) */
	PGresult *res;
	int row, nrows;
	bool executed, done, stream, prepared;
	char cursor[32]; /* the open cursor of a streaming statement, or "" */
	unsigned runs;
	char name[32];
};

bool awol_db_have_pg(void)
{
	return true;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* the library never prints: NOTICEs (IF NOT EXISTS ...) are dropped */
}

/* "message" without libpq's trailing newline */
static void copy_msg(char *out, size_t size, const char *msg)
{
	size_t n;

	snprintf(out, size, "%s", msg && *msg ? msg : "unknown error");
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
}

int awol_pg_connect(awol_db *db, const char *conninfo, awol_error *err)
{
	struct awol_pg_conn *pc = calloc(1, sizeof(*pc));
	char name[300], msg[400];
	const char *host, *port, *dbname;

	if (!pc)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	db->pg = pc;
	pc->conn = PQconnectdb(conninfo);
	if (!pc->conn)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	host = PQhost(pc->conn);
	port = PQport(pc->conn);
	dbname = PQdb(pc->conn);
	/* host and database only: the connection string may hold a user and a password */
	snprintf(name, sizeof(name), "postgresql://%s%s%s/%s",
	         host && *host && host[0] != '/' ? host : "localhost", port && *port ? ":" : "",
	         port && *port ? port : "", dbname ? dbname : "");
	free(db->name);
	db->name = strdup(name);
	if (!db->name)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (PQstatus(pc->conn) != CONNECTION_OK) {
		copy_msg(msg, sizeof(msg), PQerrorMessage(pc->conn));
		return awol_error_set(err, AWOL_EDB, "%s: cannot connect: %s", db->name, msg);
	}
	PQsetNoticeProcessor(pc->conn, quiet, NULL);
	if (PQsetClientEncoding(pc->conn, "UTF8") != 0)
		return awol_error_set(err, AWOL_EDB, "%s: cannot use UTF-8", db->name);
	/* cursors (awol_db_stream) are read to their end: plan them for all rows */
	PQclear(PQexec(pc->conn, "SET cursor_tuple_fraction = 1"));
	return 0;
}

void awol_pg_disconnect(awol_db *db)
{
	if (!db->pg)
		return;
	if (db->pg->conn)
		PQfinish(db->pg->conn);
	free(db->pg);
	db->pg = NULL;
}

int awol_pg_error(awol_db *db, awol_error *err)
{
	char msg[400];

	copy_msg(msg, sizeof(msg),
	         db->pg->last_error[0] ? db->pg->last_error : PQerrorMessage(db->pg->conn));
	return awol_error_set(err, AWOL_EDB, "%s: %s", db->name, msg);
}

/* a failed result as the connection's last error; returns -AWOL_EDB */
static int result_error(awol_db *db, PGresult *res, awol_error *err)
{
	const char *m = res ? PQresultErrorMessage(res) : NULL;

	copy_msg(db->pg->last_error, sizeof(db->pg->last_error),
	         m && *m ? m : PQerrorMessage(db->pg->conn));
	return awol_pg_error(db, err);
}

int awol_pg_prepare(awol_db_stmt *s, const char *sql, awol_error *err)
{
	struct awol_pg_stmt *p = calloc(1, sizeof(*p));
	const char *q;

	if (!p)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	s->pg = p;
	p->row = -1;
	p->sql = awol_db_translate_placeholders(sql, &p->nparams);
	if (!p->sql)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (p->nparams > 0) {
		p->params = calloc((size_t)p->nparams, sizeof(*p->params));
		p->values = calloc((size_t)p->nparams, sizeof(*p->values));
		p->types = calloc((size_t)p->nparams, sizeof(*p->types));
		p->used = calloc((size_t)p->nparams, sizeof(*p->used));
		if (!p->params || !p->values || !p->types || !p->used)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		for (q = strchr(p->sql, '$'); q; q = strchr(q + 1, '$')) {
			long n = strtol(q + 1, NULL, 10);
			if (n >= 1 && n <= p->nparams)
				p->used[n - 1] = true;
		}
	}
	return 0;
}

void awol_pg_stream(awol_db_stmt *s)
{
	s->pg->stream = true;
}

int awol_pg_bind(awol_db_stmt *s, int idx, const char *text, unsigned oid, const char *num)
{
	pg_param *pp;

	if (idx < 1 || idx > s->pg->nparams)
		return -AWOL_EINVAL;
	pp = &s->pg->params[idx - 1];
	AWOL_FREE(pp->owned);
	pp->oid = oid;
	if (num) {
		snprintf(pp->num, sizeof(pp->num), "%s", num);
		pp->text = pp->num;
	} else
		pp->text = text;
	return 0;
}

int awol_pg_bind_copy(awol_db_stmt *s, int idx, const char *v, size_t n)
{
	char *c = malloc(n + 1);
	int rc;

	if (!c)
		return -AWOL_ENOMEM;
	memcpy(c, v, n);
	c[n] = '\0';
	rc = awol_pg_bind(s, idx, c, 25, NULL);
	if (rc == 0)
		s->pg->params[idx - 1].owned = c;
	else
		free(c);
	return rc;
}

/* rows a cursor hands over at a time: few round trips, bounded memory */
#define FETCH_ROWS 5000

/* the cursor of a streaming statement, closed (best effort: a transaction's end closes it) */
static void close_cursor(awol_db_stmt *s)
{
	char sql[64];

	if (!s->pg->cursor[0])
		return;
	snprintf(sql, sizeof(sql), "CLOSE %s", s->pg->cursor);
	PQclear(PQexec(s->db->pg->conn, sql));
	s->pg->cursor[0] = '\0';
}

static void clear_result(awol_db_stmt *s)
{
	close_cursor(s);
	PQclear(s->pg->res);
	s->pg->res = NULL;
	s->pg->row = -1;
	s->pg->nrows = 0;
	s->pg->executed = false;
	s->pg->done = false;
}

/* a result that must be `want` (or TUPLES_OK) as s's result; <0 with the error */
static int take(awol_db_stmt *s, PGresult *r, awol_error *err)
{
	struct awol_pg_stmt *p = s->pg;

	PQclear(p->res);
	p->res = r;
	switch (PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		p->nrows = PQntuples(r);
		p->row = -1;
		s->db->pg->last_error[0] = '\0';
		return 0;
	default:
		p->nrows = 0;
		return result_error(s->db, r, err);
	}
}

/*
 * A streaming statement is a cursor (DECLARE ... CURSOR FOR, then FETCH): rows come
 * FETCH_ROWS at a time, and other statements may run on the connection meanwhile.
 * Outside a transaction it is WITH HOLD, so that it outlives the implicit one.
 */
static int open_cursor(awol_db_stmt *s, awol_error *err)
{
	struct awol_pg_stmt *p = s->pg;
	struct awol_pg_conn *pc = s->db->pg;
	bool in_tx = PQtransactionStatus(pc->conn) == PQTRANS_INTRANS;
	size_t n = strlen(p->sql) + 96;
	char *sql = malloc(n);
	int rc;

	if (!sql)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	snprintf(p->cursor, sizeof(p->cursor), "awol_c%lu", ++pc->next_name);
	snprintf(sql, n, "DECLARE %s NO SCROLL CURSOR%s FOR %s", p->cursor,
	         in_tx ? "" : " WITH HOLD", p->sql);
	rc = take(s, PQexecParams(pc->conn, sql, p->nparams, p->types, p->values, NULL, NULL, 0),
	          err);
	free(sql);
	if (rc < 0)
		p->cursor[0] = '\0';
	return rc;
}

static int fetch(awol_db_stmt *s, awol_error *err)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "FETCH %d FROM %s", FETCH_ROWS, s->pg->cursor);
	return take(s, PQexec(s->db->pg->conn, sql), err);
}

static int execute(awol_db_stmt *s, awol_error *err)
{
	struct awol_pg_stmt *p = s->pg;
	struct awol_pg_conn *pc = s->db->pg;
	PGresult *r;
	int i;

	for (i = 0; i < p->nparams; i++) {
		p->values[i] = p->params[i].text;
		p->types[i] = p->used[i] ? p->params[i].oid : 25;
	}
	p->executed = true;
	p->runs++;
	if (p->stream)
		return open_cursor(s, err) < 0 ? -AWOL_EDB : fetch(s, err);
	/* run twice: worth parsing once on the server */
	if (!p->prepared && p->runs >= 2) {
		snprintf(p->name, sizeof(p->name), "awol_%lu", ++pc->next_name);
		r = PQprepare(pc->conn, p->name, p->sql, p->nparams, p->types);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			int rc = result_error(s->db, r, err);
			PQclear(r);
			p->name[0] = '\0';
			return rc;
		}
		PQclear(r);
		p->prepared = true;
	}
	return take(
	    s,
	    p->prepared
	        ? PQexecPrepared(pc->conn, p->name, p->nparams, p->values, NULL, NULL, 0)
	        : PQexecParams(pc->conn, p->sql, p->nparams, p->types, p->values, NULL, NULL, 0),
	    err);
}

int awol_pg_step(awol_db_stmt *s, awol_error *err)
{
	struct awol_pg_stmt *p = s->pg;
	int rc;

	if (!p->executed) {
		rc = execute(s, err);
		if (rc < 0)
			return rc;
	}
	if (p->done)
		return 0;
	if (p->row + 1 >= p->nrows && p->cursor[0] && p->nrows == FETCH_ROWS) {
		rc = fetch(s, err); /* the next rows of the cursor */
		if (rc < 0)
			return rc;
	}
	if (p->row + 1 < p->nrows) {
		p->row++;
		return 1;
	}
	p->done = true;
	close_cursor(s);
	return 0;
}

const char *awol_pg_column_text(awol_db_stmt *s, int col)
{
	struct awol_pg_stmt *p = s->pg;

	if (!p->res || p->row < 0 || p->row >= p->nrows || col >= PQnfields(p->res) ||
	    PQgetisnull(p->res, p->row, col))
		return NULL;
	return PQgetvalue(p->res, p->row, col);
}

bool awol_pg_column_is_null(awol_db_stmt *s, int col)
{
	return awol_pg_column_text(s, col) == NULL;
}

int awol_pg_column_count(awol_db_stmt *s)
{
	return s->pg->res ? PQnfields(s->pg->res) : 0;
}

const char *awol_pg_column_name(awol_db_stmt *s, int col)
{
	return s->pg->res ? PQfname(s->pg->res, col) : NULL;
}

int64_t awol_pg_changes(awol_db_stmt *s)
{
	const char *t = s->pg->res ? PQcmdTuples(s->pg->res) : NULL;
	return t && *t ? strtoll(t, NULL, 10) : 0;
}

void awol_pg_reset(awol_db_stmt *s)
{
	clear_result(s);
}

void awol_pg_clear_bindings(awol_db_stmt *s)
{
	int i;

	for (i = 0; s->pg->params && i < s->pg->nparams; i++) {
		AWOL_FREE(s->pg->params[i].owned);
		s->pg->params[i].text = NULL;
		s->pg->params[i].oid = 0;
	}
}

void awol_pg_finalize(awol_db_stmt *s)
{
	struct awol_pg_stmt *p = s->pg;

	if (!p)
		return;
	if (s->db->pg && s->db->pg->conn) {
		clear_result(s);
		if (p->prepared) {
			char sql[64];
			snprintf(sql, sizeof(sql), "DEALLOCATE %s", p->name);
			PQclear(PQexec(s->db->pg->conn, sql));
		}
	}
	awol_pg_clear_bindings(s);
	free(p->sql);
	free(p->params);
	free(p->values);
	free(p->types);
	free(p->used);
	free(p);
	s->pg = NULL;
}

int awol_pg_exec(awol_db *db, const char *sql, awol_error *err)
{
	PGresult *r;
	int rc = 0;

	r = PQexec(db->pg->conn, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = result_error(db, r, err);
	else
		db->pg->last_error[0] = '\0';
	PQclear(r);
	return rc;
}

#else /* !AWOL_HAVE_PQ */

bool awol_db_have_pg(void)
{
	return false;
}

int awol_pg_connect(awol_db *db, const char *conninfo, awol_error *err)
{
	(void)db;
	(void)conninfo;
	return awol_error_set(err, AWOL_EUNSUPPORTED,
	                      "this awol was built without PostgreSQL (libpq-dev missing)");
}
void awol_pg_disconnect(awol_db *db)
{
	(void)db;
}
/* unreachable without a connection: no statement can be prepared */
int awol_pg_prepare(awol_db_stmt *s, const char *sql, awol_error *err)
{
	(void)s;
	(void)sql;
	return awol_error_set(err, AWOL_EUNSUPPORTED, "built without PostgreSQL");
}
void awol_pg_stream(awol_db_stmt *s)
{
	(void)s;
}
int awol_pg_bind(awol_db_stmt *s, int idx, const char *text, unsigned oid, const char *num)
{
	(void)s, (void)idx, (void)text, (void)oid, (void)num;
	return -AWOL_EUNSUPPORTED;
}
int awol_pg_bind_copy(awol_db_stmt *s, int idx, const char *v, size_t n)
{
	(void)s, (void)idx, (void)v, (void)n;
	return -AWOL_EUNSUPPORTED;
}
int awol_pg_step(awol_db_stmt *s, awol_error *err)
{
	return awol_pg_prepare(s, NULL, err);
}
const char *awol_pg_column_text(awol_db_stmt *s, int col)
{
	(void)s, (void)col;
	return NULL;
}
bool awol_pg_column_is_null(awol_db_stmt *s, int col)
{
	(void)s, (void)col;
	return true;
}
int awol_pg_column_count(awol_db_stmt *s)
{
	(void)s;
	return 0;
}
const char *awol_pg_column_name(awol_db_stmt *s, int col)
{
	(void)s, (void)col;
	return NULL;
}
int64_t awol_pg_changes(awol_db_stmt *s)
{
	(void)s;
	return 0;
}
void awol_pg_reset(awol_db_stmt *s)
{
	(void)s;
}
void awol_pg_clear_bindings(awol_db_stmt *s)
{
	(void)s;
}
void awol_pg_finalize(awol_db_stmt *s)
{
	(void)s;
}
int awol_pg_exec(awol_db *db, const char *sql, awol_error *err)
{
	(void)db, (void)sql;
	return awol_error_set(err, AWOL_EUNSUPPORTED, "built without PostgreSQL");
}
int awol_pg_error(awol_db *db, awol_error *err)
{
	(void)db;
	return awol_error_set(err, AWOL_EUNSUPPORTED, "built without PostgreSQL");
}

#endif
