/* Which embedded file answers which path. */
#include "util/common.h"
#include "assets.h"

static const web_asset ASSETS[] = {
    {"/", "text/html; charset=utf-8", awol_web_index, &awol_web_index_len},
    {"/courts", "text/html; charset=utf-8", awol_web_index, &awol_web_index_len},
    {"/outcomes", "text/html; charset=utf-8", awol_web_index, &awol_web_index_len},
    {"/claims", "text/html; charset=utf-8", awol_web_index, &awol_web_index_len},
    {"/app.js", "text/javascript; charset=utf-8", awol_web_app_js, &awol_web_app_js_len},
    {"/app.css", "text/css; charset=utf-8", awol_web_app_css, &awol_web_app_css_len},
    {"/regions.js", "text/javascript; charset=utf-8", awol_web_regions_js,
     &awol_web_regions_js_len},
    {"/chart.min.js", "text/javascript; charset=utf-8", awol_web_chart_js, &awol_web_chart_js_len},
};

const web_asset *web_asset_find(const char *path)
{
	size_t i;

	for (i = 0; path && i < AWOL_ARRAY_SIZE(ASSETS); i++)
		if (strcmp(ASSETS[i].path, path) == 0)
			return &ASSETS[i];
	return NULL;
}
