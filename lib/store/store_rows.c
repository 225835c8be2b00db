/*
 * The cursor of include/awol/store_rows.h: one statement of the store's connection
 * (db.h: SQLite or PostgreSQL) stepped by the caller.
 */
#include "util/common.h"
#include "awol/store_rows.h"
#include "store_priv.h"

struct awol_store_rows {
	awol_store *st;
	awol_db_stmt *s;
	bool done;
};

int awol_store_rows_open(awol_store *st, const char *sql, awol_store_rows **out, awol_error *err)
{
	awol_store_rows *r = calloc(1, sizeof(*r));
	int rc;

	*out = NULL;
	if (!r)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	rc = awol_store_stmt(st, sql, &r->s, err);
	if (rc < 0) {
		free(r);
		return rc;
	}
	r->st = st;
	*out = r;
	return 0;
}

awol_db_stmt *awol_store_rows_stmt(awol_store_rows *r)
{
	return r->s;
}

int awol_store_rows_next(awol_store_rows *r, awol_error *err)
{
	int step;

	if (r->done)
		return 0;
	step = awol_db_step(r->s, err);
	if (step != 1)
		r->done = true;
	return step;
}

size_t awol_store_rows_ncols(awol_store_rows *r)
{
	return (size_t)awol_db_column_count(r->s);
}

const char *awol_store_rows_text(awol_store_rows *r, size_t col)
{
	return awol_db_column_text(r->s, (int)col);
}

long awol_store_rows_long(awol_store_rows *r, size_t col)
{
	return (long)awol_db_column_int64(r->s, (int)col);
}

void awol_store_rows_close(awol_store_rows *r)
{
	if (!r)
		return;
	awol_db_finalize(r->s);
	free(r);
}
