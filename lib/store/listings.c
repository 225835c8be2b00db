/*
 * The SQL behind the listings of include/awol/listings.h that read the store directly:
 * the registry stored in a database (`awol courts --db`) and what a database holds.
 */
#include "util/common.h"
#include "awol/listings.h"
#include "store_priv.h"

#include <jansson.h>

int awol_store_courts_each(awol_store *st, const char *level, awol_export_row_fn fn, void *ctx,
                           awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc, step;

	rc = awol_store_stmt(st,
	                     "SELECT code, level, name, host, region, city, district_code, "
	                     "parent_code, status FROM courts WHERE ?1 IS NULL OR level = ?1 "
	                     "ORDER BY code",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, level);
	while ((step = awol_db_step(s, err)) == 1) {
		const char *v[9];
		int i;
		for (i = 0; i < 9; i++)
			v[i] = awol_db_column_text(s, i);
		rc = fn(ctx, v);
		if (rc < 0) {
			if (rc == -AWOL_ENOMEM)
				awol_error_set(err, AWOL_ENOMEM, "out of memory");
			goto done;
		}
	}
	rc = step < 0 ? step : 0;
done:
	awol_db_finalize(s);
	return rc;
}

static json_t *text_or_null(awol_db_stmt *s, int col)
{
	return awol_db_column_is_null(s, col) ? json_null()
	                                      : json_string(awol_db_column_text(s, col));
}

int awol_collection_json(awol_store *st, json_t **out, awol_error *err)
{
	awol_db_stmt *s = NULL;
	char *sim = NULL;
	json_t *o = NULL;
	int rc;

	*out = NULL;
	rc = awol_store_meta_get(st, "simulated", &sim, err);
	if (rc == 0)
		rc = awol_store_stmt(st,
		                     "SELECT (SELECT count(*) FROM cases), count(*), min(seen_at), "
		                     "max(seen_at) FROM pages",
		                     &s, err);
	if (rc == 0 && (rc = awol_db_step(s, err)) == 0)
		rc = awol_error_set(err, AWOL_EDB, "%s: no count of pages", awol_store_path(st));
	if (rc < 0)
		goto done;
	rc = 0;
	o = json_pack("{s:b,s:I,s:I}", "simulated", sim && strcmp(sim, "1") == 0, "cases",
	              (json_int_t)awol_db_column_int64(s, 0), "pages",
	              (json_int_t)awol_db_column_int64(s, 1));
	if (!o) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	json_object_set_new(o, "first_seen", text_or_null(s, 2));
	json_object_set_new(o, "last_seen", text_or_null(s, 3));
	*out = o;
done:
	awol_db_finalize(s);
	free(sim);
	return rc;
}
