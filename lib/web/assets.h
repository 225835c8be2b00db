/*
 * The dashboard's files, embedded at build time by tools/embed.py
 * (lib/web/static/ and Debian's libjs-chart.js), so the program is self-contained.
 */
#ifndef AWOL_WEB_ASSETS_H
#define AWOL_WEB_ASSETS_H

#include <stddef.h>

typedef struct web_asset {
	const char *path; /* URL path, e.g. "/app.js" */
	const char *type; /* Content-Type */
	const char *data;
	const size_t *len;
} web_asset;

extern const char awol_web_index[], awol_web_app_js[], awol_web_app_css[], awol_web_regions_js[],
    awol_web_chart_js[], awol_web_report_html[];
extern const size_t awol_web_index_len, awol_web_app_js_len, awol_web_app_css_len,
    awol_web_regions_js_len, awol_web_chart_js_len, awol_web_report_html_len;

/* The asset served at path (pages share index.html), or NULL. */
const web_asset *web_asset_find(const char *path);

#endif
