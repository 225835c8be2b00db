/*
 * The SQL behind the listings of include/awol/listings.h that read the store directly:
 * the registry stored in a database (`awol courts --db`) and what a database holds.
 */
#include "util/common.h"
#include "awol/listings.h"
#include "store_priv.h"

#include <jansson.h>
#include <sqlite3.h>

int awol_store_courts_each(awol_store *st, const char *level, awol_export_row_fn fn, void *ctx,
                           awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc, step;

	rc = awol_store_prepare(st, &s,
	                        "SELECT code, level, name, host, region, city, district_code, "
	                        "parent_code, status FROM courts WHERE ?1 IS NULL OR level = ?1 "
	                        "ORDER BY code",
	                        err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(s, 1, level, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v[9];
		int i;
		for (i = 0; i < 9; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		rc = fn(ctx, v);
		if (rc < 0) {
			if (rc == -AWOL_ENOMEM)
				awol_error_set(err, AWOL_ENOMEM, "out of memory");
			goto done;
		}
	}
	rc = awol_store_step_end(awol_store_db(st), step, err);
done:
	sqlite3_finalize(s);
	return rc;
}

int awol_collection_json(awol_store *st, json_t **out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	char *sim = NULL;
	json_t *o = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_meta_get(st, "simulated", &sim, err);
	if (rc == 0)
		rc = awol_store_prepare(
		    st, &s,
		    "SELECT (SELECT count(*) FROM cases), count(*), min(seen_at), "
		    "max(seen_at) FROM pages",
		    err);
	if (rc < 0)
		goto done;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(awol_store_db(st)));
		goto done;
	}
	o = json_pack("{s:b,s:I,s:I}", "simulated", sim && strcmp(sim, "1") == 0, "cases",
	              (json_int_t)sqlite3_column_int64(s, 0), "pages",
	              (json_int_t)sqlite3_column_int64(s, 1));
	if (!o) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	json_object_set_new(o, "first_seen",
	                    sqlite3_column_type(s, 2) == SQLITE_NULL
	                        ? json_null()
	                        : json_string((const char *)sqlite3_column_text(s, 2)));
	json_object_set_new(o, "last_seen",
	                    sqlite3_column_type(s, 3) == SQLITE_NULL
	                        ? json_null()
	                        : json_string((const char *)sqlite3_column_text(s, 3)));
	*out = o;
done:
	sqlite3_finalize(s);
	free(sim);
	return rc;
}
