/*
 * awol_page: one classified and extracted sud_delo page.
 *
 * This struct is the contract between the parser (lib/sudrf), the store
 * (lib/store), the crawler (lib/crawl) and `awol parse --json`, whose JSON
 * fields mirror it one to one (see docs/parse-json.md).
 *
 * Conventions: every string is UTF-8, NUL-terminated, owned by the page and
 * freed by awol_page_free; NULL means "absent" (JSON null).  Dates are ISO
 * "YYYY-MM-DD", times "HH:MM".  Text has entities decoded, whitespace
 * collapsed and <br> turned into '\n'.
 */
#ifndef AWOL_PAGE_H
#define AWOL_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"

typedef enum awol_page_kind {
	AWOL_PAGE_UNKNOWN = 0,
	AWOL_PAGE_CARD,        /* name_op=case: one case */
	AWOL_PAGE_LISTING,     /* name_op=r: search results */
	AWOL_PAGE_ACT,         /* name_op=doc: text of a judicial act */
	AWOL_PAGE_EMPTY,       /* «Данных по запросу не обнаружено» */
	AWOL_PAGE_CAPTCHA,     /* captcha demanded or rejected */
	AWOL_PAGE_SEARCH_FORM, /* the search form (no captcha) */
	AWOL_PAGE_UNAVAILABLE, /* «Информация временно недоступна» (throttled/down) */
	AWOL_PAGE_BLOCKED, /* WAF (B) or geo block (G) */
	AWOL_PAGE_CHOOSER  /* multi-server court: srv_num chooser */
} awol_page_kind;

typedef enum awol_page_template {
	AWOL_TEMPLATE_NONE = 0, /* JSON null */
	AWOL_TEMPLATE_PRIMARY,  /* modern: table#tablcont, div.casenumber */
	AWOL_TEMPLATE_VNKOD     /* vintage: div#case_window, law-case-table */
} awol_page_template;

/* One charge: "ст.173.1 ч.2 п.б УК РФ" -> law "УК РФ", article "173.1", part "2", point "б". */
typedef struct awol_charge {
	char *law;     /* "УК РФ", "КоАП РФ", ... or NULL */
	char *article; /* always a string: "337", "173.1", "12.15"; NULL if not understood */
	char *part;    /* "5", "3.1" or NULL */
	char *point;   /* "б" or NULL */
	char *text;    /* the item as written (never NULL) */
} awol_charge;

typedef struct awol_person {
	char *name; /* as on the page ("Информация скрыта" kept as is) */
	char *role; /* "defendant" for ЛИЦА rows; other roles for КоАП/civil */
	awol_charge *charges;
	size_t ncharges;
	char *decided; /* ISO date */
	char *result;
} awol_person;

typedef struct awol_party {
	char *role; /* «Защитник (адвокат)», «Прокурор», ... */
	char *name;
} awol_party;

typedef struct awol_event {
	char *name, *date, *time, *place, *result, *reason;
} awol_event;

typedef struct awol_act {
	char *title; /* «Судебный акт #1 (Постановление)» or the listing link's title */
	char *url; /* absolute when the page's URL/host is known, else as written */
	/* the text embedded in the card (primary div#cont_docK, VNKOD
	 * div#tab_content_DocumentK), only with awol_parse_opts.act_texts; NULL when
	 * not asked for or not embedded.  Not part of the JSON record. */
	char *text;
	int number; /* the act's number K on the card (tab_docK, tab_id_DocumentK); 0 unknown */
} awol_act;

typedef struct awol_case_info {
	char *number;   /* «1-151/2026» */
	char *uid;      /* УИД «03RS0003-01-2026-003803-62» */
	char *received; /* ISO date */
	char *judge;    /* presiding, or «Докладчик» */
	char *decided;  /* ISO date */
	char *result;
	char *category;
	char *proceeding; /* "criminal"|"civil"|"admin"|"koap"|"material" or NULL */
	char *instance;   /* "first"|"appeal"|"cassation" or NULL */
} awol_case_info;

typedef struct awol_listing_row {
	char *number, *case_id, *case_uid, *url, *received, *judge, *decided, *result, *text;
	bool has_act; /* the «Судебные акты» column links a published act (not in the JSON) */
} awol_listing_row;

typedef struct awol_listing {
	long total;     /* «Всего по запросу найдено» N, -1 if absent */
	long page_rows; /* rows per page (25), -1 if unknown */
	awol_listing_row *rows;
	size_t nrows;
	char *next_url; /* next page link, NULL on the last page */
} awol_listing;

typedef struct awol_captcha {
	char *id;               /* captchaid token */
	char *image_png_base64; /* the PNG, base64 (no data: prefix, no spaces) */
} awol_captcha;

typedef struct awol_page {
	char *file; /* source name given by the caller (path, URL, "-") */
	awol_page_kind kind;
	awol_page_template tmpl;

	char *court_name; /* from the page chrome; NULL if not found */
	char *court_code; /* vnkod, e.g. "03RS0004" */
	char *court_host; /* e.g. "leninsky--bkr.sudrf.ru" */

	bool has_case; /* card pages */
	awol_case_info kase;

	awol_person *persons;
	size_t npersons;
	awol_party *parties;
	size_t nparties;
	awol_event *events;
	size_t nevents;
	awol_act *acts;
	size_t nacts;

	bool has_listing;
	awol_listing listing;

	bool has_captcha;
	awol_captcha captcha;

	char *act_text; /* act pages: the text (not part of the JSON record) */
	/* Several servers (srv_num, docs/sudrf-format.md §1.3); neither is part of the JSON record
	 */
	int servers; /* chooser pages: the largest srv_num offered; 0 elsewhere */
	bool other_servers; /* a module page linking to the chooser («Выбрать другой сервер») */
	char *error; /* why the page could not be read; NULL when fine */
} awol_page;

typedef struct awol_parse_opts {
	const char *source; /* file name or URL, copied into page->file */
	const char *url;    /* URL the page was fetched from (resolves links, host); may be NULL */
	const char *content_type; /* HTTP Content-Type header (charset hint); may be NULL */
	size_t max_bytes;         /* refuse larger inputs (0 = 64 MiB) */
	bool dom_only;  /* skip the fast tokenizer, build every tree with libxml2 (tests) */
	bool act_texts; /* cards: also read the act texts embedded in them (awol_act.text) */
} awol_parse_opts;

/*
 * Classify and extract one page from raw bytes (windows-1251 or UTF-8, also
 * UTF-8 under a page that declares windows-1251).  On success *out is a new
 * page (free with awol_page_free) even when the page is garbage: then
 * kind == AWOL_PAGE_UNKNOWN and error says why.  Returns < 0 only on
 * resource failure (out of memory), with *out == NULL.
 */
int awol_page_parse(const char *data, size_t len, const awol_parse_opts *opts, awol_page **out,
                    awol_error *err);

void awol_page_free(awol_page *page); /* accepts NULL */

/* "card", "listing", ... as in the JSON. */
const char *awol_page_kind_name(awol_page_kind kind);
const char *awol_page_template_name(awol_page_template tmpl); /* NULL for NONE */

#endif
