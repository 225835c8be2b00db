/*
 * The JSON form of a parsed page: one object, the fields of `awol parse
 * --json` (docs/parse-json.md).
 */
#ifndef AWOL_PAGE_JSON_H
#define AWOL_PAGE_JSON_H

#include "awol/error.h"
#include "awol/page.h"

/* *out receives a malloc'd single-line JSON text (no trailing newline). */
int awol_page_to_json(const awol_page *page, char **out, awol_error *err);

#endif
