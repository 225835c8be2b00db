/*
 * `awol report`: one HTML file that works offline.  The page is the dashboard's own
 * script in report mode: instead of asking the server, it reads the answers the API
 * would have given, computed here by the same function (awol_web_api) and inlined with
 * Chart.js and the styles.  So the report shows exactly the numbers the dashboard and
 * the CLI show for the same selection.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/web.h"
#include "assets.h"

#include <jansson.h>
#include <time.h>

/* Query parameters of one API call, in the order the page's script sorts them. */
typedef struct kv {
	const char *k, *v;
} kv;

static const char *kv_get(void *ctx, const char *key)
{
	const kv *p;

	for (p = ctx; p->k; p++)
		if (strcmp(p->k, key) == 0)
			return p->v;
	return NULL;
}

/* Ask the API and keep its answer under the key the page looks it up by
 * ("/api/stats?article=337&by=month", parameters sorted, empty ones left out). */
static int ask(awol_store *st, json_t *answers, const char *path, kv *params, json_t **answer,
               awol_error *err)
{
	awol_web_req rq = {kv_get, params, NULL, 0};
	awol_web_fail f;
	awol_buf key;
	json_t *o = NULL;
	const kv *p;
	int rc = 0;
	char sep = '?';

	awol_buf_init(&key, 4096);
	rc = awol_buf_puts(&key, path, err);
	for (p = params; rc == 0 && p->k; p++)
		if (p->v && *p->v) {
			rc = awol_buf_printf(&key, err, "%c%s=%s", sep, p->k, p->v);
			sep = '&';
		}
	if (rc == 0 && awol_web_api(st, path, &rq, &o, &f) < 0)
		rc = awol_error_set(err, f.status == 400 ? AWOL_EINVAL : AWOL_EDB, "%s%s%s: %s",
		                    f.param[0] ? "--" : "", f.param, f.param[0] ? "" : path, f.msg);
	if (rc == 0) {
		json_object_set(answers, awol_buf_cstr(&key), o);
		if (answer)
			*answer = o;
	}
	json_decref(o);
	awol_buf_dispose(&key);
	return rc;
}

/* The year the courts, regions and outcomes are ranked for: the last with cases. */
static void last_year(const json_t *yearly, char *year, size_t n)
{
	const json_t *rows = json_object_get(yearly, "rows");
	size_t k = json_array_size(rows);

	year[0] = '\0';
	if (k)
		snprintf(year, n, "%s",
		         json_string_value(json_object_get(json_array_get(rows, k - 1), "period")));
}

/* Paste s into the template at the first `marker`. */
static int fill(awol_buf *out, const char **tpl, const char *marker, const char *s, size_t n,
                awol_error *err)
{
	const char *m = strstr(*tpl, marker);

	if (!m)
		return awol_error_set(err, AWOL_EINVAL, "report template without %s", marker);
	if (awol_buf_put(out, *tpl, (size_t)(m - *tpl), err) < 0 ||
	    awol_buf_put(out, s, n, err) < 0)
		return -1;
	*tpl = m + strlen(marker);
	return 0;
}

int awol_web_report(awol_store *st, const awol_report_opts *o, const char *path, awol_error *err)
{
	json_t *doc = json_object(), *answers = json_object(), *yearly = NULL, *sel;
	const char *by = o->by ? o->by : "month", *lang = o->lang ? o->lang : "ru";
	char year[16], yfrom[11], yto[11], now[32];
	char *data = NULL, *tpl_s = NULL;
	const char *tpl;
	awol_buf out;
	time_t t = time(NULL);
	struct tm tm;
	int rc = 0;

	awol_buf_init(&out, 64u << 20);
	if (!doc || !answers) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	{
		kv none[] = {{NULL, NULL}};
		kv overview[] = {{"article", o->articles}, {"by", by},    {"from", o->from},
		                 {"group", "article"},     {"to", o->to}, {NULL, NULL}};
		kv totals[] = {{"article", o->articles},
		               {"by", by},
		               {"from", o->from},
		               {"to", o->to},
		               {NULL, NULL}};
		kv years[] = {{"article", o->articles},
		              {"by", "year"},
		              {"from", o->from},
		              {"to", o->to},
		              {NULL, NULL}};
		kv cmp[] = {
		    {"article", o->articles}, {"from", o->from}, {"to", o->to}, {NULL, NULL}};
		rc = ask(st, answers, "/api/meta", none, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/stats", overview, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/stats", totals, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/stats", years, &yearly, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/coverage", none, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/courts", none, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/figures", none, NULL, err);
		if (rc == 0)
			rc = ask(st, answers, "/api/compare", cmp, NULL, err);
	}
	if (rc < 0)
		goto done;
	last_year(yearly, year, sizeof(year));
	yfrom[0] = yto[0] = '\0';
	if (year[0]) {
		static const char *const groups[] = {"court", "region", "outcome"};
		size_t i;
		snprintf(yfrom, sizeof(yfrom), "%.4s-01-01", year);
		snprintf(yto, sizeof(yto), "%.4s-12-31", year);
		if (o->from && strcmp(o->from, yfrom) > 0)
			snprintf(yfrom, sizeof(yfrom), "%s", o->from);
		if (o->to && strcmp(o->to, yto) < 0)
			snprintf(yto, sizeof(yto), "%s", o->to);
		for (i = 0; rc == 0 && i < AWOL_ARRAY_SIZE(groups); i++) {
			kv g[] = {{"article", o->articles}, {"by", "year"}, {"from", yfrom},
			          {"group", groups[i]},     {"to", yto},    {NULL, NULL}};
			rc = ask(st, answers, "/api/stats", g, NULL, err);
		}
		if (rc < 0)
			goto done;
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sel = json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s,s:s,s:s,s:s}", "lang", lang, "by", by,
	                "article", o->articles, "from", o->from, "to", o->to, "year", year, "yfrom",
	                yfrom, "yto", yto, "generated", now);
	json_object_set_new(doc, "report", sel);
	json_object_set(doc, "answers", answers);
	/* JSON_ESCAPE_SLASH: no "</script>" can end the script element early */
	data = json_dumps(doc, JSON_COMPACT | JSON_ESCAPE_SLASH);
	tpl_s = malloc(awol_web_report_html_len + 1);
	if (!data || !tpl_s) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(tpl_s, awol_web_report_html, awol_web_report_html_len);
	tpl_s[awol_web_report_html_len] = '\0';
	tpl = tpl_s;
	if (fill(&out, &tpl, "@@LANG@@", lang, strlen(lang), err) < 0 ||
	    fill(&out, &tpl, "@@CSS@@", awol_web_app_css, awol_web_app_css_len, err) < 0 ||
	    fill(&out, &tpl, "@@CHARTJS@@", awol_web_chart_js, awol_web_chart_js_len, err) < 0 ||
	    fill(&out, &tpl, "@@DATA@@", data, strlen(data), err) < 0 ||
	    fill(&out, &tpl, "@@REGIONS@@", awol_web_regions_js, awol_web_regions_js_len, err) <
	        0 ||
	    fill(&out, &tpl, "@@APP@@", awol_web_app_js, awol_web_app_js_len, err) < 0 ||
	    awol_buf_puts(&out, tpl, err) < 0) {
		rc = -1;
		goto done;
	}
	rc = awol_file_write_atomic(path, out.ptr, out.len, 0644, err);
done:
	json_decref(doc);
	json_decref(answers);
	free(data);
	free(tpl_s);
	awol_buf_dispose(&out);
	return rc < 0 ? (err && err->code ? -err->code : -AWOL_EIO) : 0;
}
