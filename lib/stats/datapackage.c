/*
 * `awol export --datapackage DIR`: the CSV files of every entity with a
 * Frictionless Data Package descriptor (https://specs.frictionlessdata.io/),
 * the convention data journalists publish tables with.  The schema of every
 * field comes from the export column tables, so it describes the CSV exactly.
 */
#include "util/common.h"
#include "util/file.h"
#include "awol/export.h"
#include "export_priv.h"
#include "store/store_export.h"

#include <jansson.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct {
	const char *what, *title, *key;
	const char *fk[2][3]; /* field, resource, field */
	bool optional;        /* written only when the database has rows of it */
} RESOURCES[] = {
    {"cases", "Cases: one row per case card", "case_id", {{NULL, NULL, NULL}}, false},
    {"persons",
     "Defendants: one row per defendant of a case",
     "person_id",
     {{"case_id", "cases", "case_id"}},
     false},
    {"charges",
     "Charges: one row per article charged to a defendant",
     "charge_id",
     {{"case_id", "cases", "case_id"}, {"person_id", "persons", "person_id"}},
     false},
    {"events",
     "Movements of the case: one row per hearing, transfer or decision",
     "event_id",
     {{"case_id", "cases", "case_id"}},
     false},
    {"coverage",
     "Coverage: one row per court x server x article x date window searched",
     NULL,
     {{NULL, NULL, NULL}},
     false},
    {"court_coverage",
     "Coverage by court: one row per court searched",
     "court_code",
     {{NULL, NULL, NULL}},
     false},
    {"outcomes",
     "Outcomes: what the act texts say of each defendant (docs/verdicts.md)",
     "outcome_id",
     {{"case_id", "cases", "case_id"}},
     true},
};

static json_t *schema_json(size_t r)
{
	size_t n, i;
	const awol_export_column *cols = awol_export_columns(RESOURCES[r].what, &n);
	json_t *fields = json_array(), *fks = json_array(), *s;

	for (i = 0; i < n; i++) {
		json_t *f = json_pack("{s:s,s:s,s:s}", "name", cols[i].name, "type",
		                      awol_export_type_name(cols[i].type), "description",
		                      cols[i].description);
		if (f && cols[i].type == AWOL_EXPORT_BOOLEAN) {
			json_object_set_new(f, "trueValues", json_pack("[s]", "1"));
			json_object_set_new(f, "falseValues", json_pack("[s]", "0"));
		}
		json_array_append_new(fields, f);
	}
	for (i = 0; i < 2 && RESOURCES[r].fk[i][0]; i++)
		json_array_append_new(fks, json_pack("{s:s,s:{s:s,s:s}}", "fields",
		                                     RESOURCES[r].fk[i][0], "reference", "resource",
		                                     RESOURCES[r].fk[i][1], "fields",
		                                     RESOURCES[r].fk[i][2]));
	s = json_pack("{s:o,s:[s]}", "fields", fields, "missingValues", "");
	if (s && RESOURCES[r].key)
		json_object_set_new(s, "primaryKey", json_string(RESOURCES[r].key));
	if (s && json_array_size(fks))
		json_object_set_new(s, "foreignKeys", fks);
	else
		json_decref(fks);
	return s;
}

/* Stream one entity to a temporary name (tmp, renamed to DIR/WHAT.csv by the caller). */
static int write_csv(awol_store *st, const awol_export_filter *f, const char *dir, size_t r,
                     json_t *resources, long *rows, char tmp[4200], awol_error *err)
{
	char path[4096];
	FILE *out;
	long n = 0, bytes;
	int rc;
	json_t *res;
	bool any = true;

	awol_export_filter wf = {0};

	tmp[0] = '\0';
	if (RESOURCES[r].optional &&
	    (rc = awol_store_export_has_rows(st, RESOURCES[r].what, &any, err)) < 0)
		return rc;
	if (!any)
		return 0;
	if (f)
		wf = *f;
	if (strstr(RESOURCES[r].what, "coverage"))
		wf.outcome = NULL; /* coverage is what was searched, whatever was found */
	snprintf(path, sizeof(path), "%s/%s.csv", dir, RESOURCES[r].what);
	snprintf(tmp, 4200, "%s.tmp.%ld", path, (long)getpid());
	out = fopen(tmp, "wb");
	if (!out)
		return awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
	rc = awol_export_write(st, RESOURCES[r].what, &wf, "csv", out, &n, err);
	bytes = ftell(out);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		if (rc == 0)
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
	}
	if (fclose(out) != 0 && rc == 0)
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
	if (rc < 0)
		return rc;
	if (rows)
		*rows = n;
	res = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:{s:s,s:s,s:b},s:o}", "name",
	                RESOURCES[r].what, "path", strrchr(path, '/') + 1, "profile",
	                "tabular-data-resource", "title", RESOURCES[r].title, "format", "csv",
	                "mediatype", "text/csv", "encoding", "utf-8", "bytes", (json_int_t)bytes,
	                "dialect", "delimiter", ",", "lineTerminator", "\r\n", "header", 1,
	                "schema", schema_json(r));
	if (!res || json_array_append_new(resources, res) < 0)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return 0;
}

static json_t *package_json(awol_store *st, const awol_export_filter *f, json_t *resources)
{
	json_t *p = awol_export_meta(st, NULL, f), *meta_keys;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	bool sim = awol_export_simulated(st);
	const char *key;
	json_t *v;
	void *tmp;

	if (!p) {
		json_decref(resources);
		return NULL;
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* the standard properties first, awol's own after them */
	meta_keys = p;
	p = json_pack(
	    "{s:s,s:s,s:s,s:s,s:s,s:o,s:o}", "profile", "tabular-data-package", "name",
	    sim ? "awol-simulated-export" : "awol-export", "title",
	    sim ? "SIMULATED cases of a test run of awol (awol-sim), not court records"
	        : "Cases of Russian military courts collected by awol",
	    "description",
	    "Case cards of Russian military courts as collected by awol: cases, defendants, "
	    "charges, movements, what was searched (coverage) and, when act texts were read, "
	    "what they say of each defendant (outcomes).  A count over courts or "
	    "windows that are not complete is a lower bound; see the coverage property and "
	    "coverage.csv.  Names appear only as pseudonyms unless the database kept them.  "
	    "awol asserts no licence over court records.",
	    "created", now, "sources",
	    sim ? json_pack("[{s:s}]", "title",
	                    "awol-sim, the simulator of the court sites shipped with awol "
	                    "(docs/simulator.md): NOT court records")
	        : json_pack("[{s:s,s:s}]", "title",
	                    "Case cards (sud_delo module) of the Russian military courts' sites",
	                    "path", "https://sudrf.ru/"),
	    "resources", resources);
	if (!p) {
		json_decref(meta_keys);
		return NULL;
	}
	json_object_foreach_safe(meta_keys, tmp, key, v)
	{
		json_object_set(p, key, v);
	}
	json_decref(meta_keys);
	return p;
}

/*
 * Write every file into dir (which exists) under temporary names, then rename them
 * all, datapackage.json last: a failure while writing changes nothing in dir.
 */
static int write_all(awol_store *st, const awol_export_filter *f, const char *dir, long *rows,
                     awol_error *err)
{
	json_t *resources = json_array(), *pkg = NULL;
	char path[4096], tmp[AWOL_ARRAY_SIZE(RESOURCES)][4200], *text = NULL;
	size_t r, done = 0;
	int rc = 0;

	if (!resources)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	for (r = 0; rc == 0 && r < AWOL_ARRAY_SIZE(RESOURCES); r++, done = r)
		rc = write_csv(st, f, dir, r, resources, r == 0 ? rows : NULL, tmp[r], err);
	if (rc == 0) {
		pkg = package_json(st, f, resources);
		resources = NULL; /* pkg holds it */
		text = pkg ? json_dumps(pkg, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		if (!text)
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	for (r = 0; r < done; r++) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, RESOURCES[r].what);
		if (!tmp[r][0]) /* an optional entity the database has none of */
			continue;
		if (rc == 0 && rename(tmp[r], path) != 0)
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(errno));
		if (rc < 0)
			unlink(tmp[r]);
	}
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	if (rc == 0)
		rc = awol_file_write_atomic(path, text, strlen(text), 0644, err);
	free(text);
	json_decref(pkg);
	json_decref(resources);
	return rc;
}

/* rm -r of the temporary directory after a failure (files only, one level). */
static void remove_tmp(const char *dir)
{
	char path[4200];
	size_t r;

	for (r = 0; r < AWOL_ARRAY_SIZE(RESOURCES); r++) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, RESOURCES[r].what);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	unlink(path);
	rmdir(dir);
}

int awol_export_datapackage(awol_store *st, const awol_export_filter *f, const char *dir,
                            long *rows, awol_error *err)
{
	struct stat sb;
	char tmp[4096];
	int rc;

	if (rows)
		*rows = 0;
	if (strlen(dir) + 64 > sizeof(tmp))
		return awol_error_set(err, AWOL_EINVAL, "%s: path too long", dir);
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			return awol_error_set(err, AWOL_EEXISTS,
			                      "%s: exists and is not a directory", dir);
		return write_all(st, f, dir, rows, err);
	}
	/* a new directory appears whole or not at all */
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", dir, (long)getpid());
	if (mkdir(tmp, 0755) != 0)
		return awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
	rc = write_all(st, f, tmp, rows, err);
	if (rc == 0 && rename(tmp, dir) != 0)
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", dir, strerror(errno));
	if (rc < 0)
		remove_tmp(tmp);
	return rc;
}
