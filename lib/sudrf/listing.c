/*
 * Search-result listings, both templates: rows, the «Всего по запросу
 * найдено» counter and the link to the next page.
 */
#include "util/common.h"
#include "util/text.h"
#include "parse_priv.h"

#include <ctype.h>

static const char *const L_NUM[] = {"№ дела", "Номер дела", NULL};
static const char *const L_RECV[] = {"Дата поступления", "поступления", NULL};
static const char *const L_JUDGE[] = {"Судья", NULL};
static const char *const L_DEC[] = {"Дата решения", "решения", NULL};
static const char *const L_RES[] = {"Решение", NULL};
static const char *const L_TEXT[] = {
    "Информация по делу", "Лица", "Категория", "Правонарушение", "Стороны", "Подсудим", NULL};

/* «Всего по запросу найдено — 530. На странице записи с 1 по 25.» */
static void counter(parse_ctx *cx, const char *text)
{
	const char *p = strstr(text, "найдено");
	long a = -1, b = -1;

	if (!p)
		return;
	p += strlen("найдено");
	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (isdigit((unsigned char)*p))
		cx->page->listing.total = strtol(p, NULL, 10);
	p = strstr(p, "записи с");
	if (p) {
		char *e;
		p += strlen("записи с");
		a = strtol(p, &e, 10);
		p = strstr(e, "по");
		if (p)
			b = strtol(p + strlen("по"), NULL, 10);
		if (a > 0 && b >= a)
			cx->page->listing.page_rows = b - a + 1;
	}
}

static void find_counter(parse_ctx *cx)
{
	xmlNode *n;

	/* the smallest element holding the counter text */
	for (n = cx->root; n; n = awol_html_next(n, cx->root)) {
		if (n->type == XML_TEXT_NODE && n->content &&
		    strstr((const char *)n->content, "Всего по запросу")) {
			xmlNode *holder = n->parent ? n->parent : n;
			char *t = awol_html_text(holder);
			if (t && !strstr(t, "найдено") && holder->parent) {
				free(t);
				t = awol_html_text(holder->parent);
			}
			if (t)
				counter(cx, t);
			free(t);
			return;
		}
	}
}

static void next_link(parse_ctx *cx)
{
	xmlNode *n;

	for (n = cx->root; n; n = awol_html_next(n, cx->root)) {
		char *title, *href;
		if (!awol_html_is(n, "a"))
			continue;
		title = awol_html_attr(n, "title");
		if (title && strstr(title, "Следующая страница")) {
			href = awol_html_attr(n, "href");
			cx->page->listing.next_url = awol_sudrf_url(cx, href);
			free(href);
			free(title);
			return;
		}
		free(title);
	}
}

/* Does the cell link a published act (primary name_op=doc, VNKOD the card URL with &_doc=K)? */
static bool links_act(xmlNode *cell)
{
	xmlNode *n;
	bool yes = false;

	for (n = cell; n && !yes; n = awol_html_next(n, cell)) {
		char *href;
		if (!awol_html_is(n, "a"))
			continue;
		href = awol_html_attr(n, "href");
		yes = href && (strstr(href, "name_op=doc") || strstr(href, "_doc="));
		free(href);
	}
	return yes;
}

static void fill_row(parse_ctx *cx, awol_listing_row *r, xmlNode **cells, size_t nc, int cn,
                     const int *cols)
{
	xmlNode *a;
	char *t;
	size_t i;

	/* the number cell links the card, never an act */
	for (i = 0; i < nc && !r->has_act; i++)
		if ((int)i != cn)
			r->has_act = links_act(cells[i]);

	if (cn >= 0 && (size_t)cn < nc) {
		r->number = awol_html_text(cells[cn]);
		a = awol_html_find_tag(cells[cn], "a");
		if (a) {
			char *href = awol_html_attr(a, "href");
			if (href) {
				r->url = awol_sudrf_url(cx, href);
				r->case_id = awol_sudrf_query_param(href, "case_id");
				if (!r->case_id)
					r->case_id = awol_sudrf_query_param(href, "_id");
				r->case_uid = awol_sudrf_query_param(href, "case_uid");
				if (!r->case_uid)
					r->case_uid = awol_sudrf_query_param(href, "_uid");
			}
			free(href);
		}
	}
#define CELL(i) (cols[i] >= 0 && (size_t)cols[i] < nc ? awol_html_text(cells[cols[i]]) : NULL)
	t = CELL(0);
	r->received = awol_sudrf_date(t);
	free(t);
	r->judge = CELL(1);
	t = CELL(2);
	r->decided = awol_sudrf_date(t);
	free(t);
	r->result = CELL(3);
	r->text = CELL(4);
#undef CELL
	if (r->judge && !*r->judge)
		AWOL_FREE(r->judge);
	if (r->result && !*r->result)
		AWOL_FREE(r->result);
	if (r->text && !*r->text)
		AWOL_FREE(r->text);
}

static int rows_of(parse_ctx *cx, xmlNode *table)
{
	xmlNode **rows = NULL, **cells = NULL;
	size_t nr = awol_html_rows(table, &rows), i, j, nc;
	char **hdr = NULL;
	size_t nhdr = 0;
	int cn = -1, cols[5] = {-1, -1, -1, -1, -1};
	awol_listing *L = &cx->page->listing;
	int rc = 0;

	for (i = 0; i < nr; i++) {
		nc = awol_html_cells(rows[i], &cells);
		if (!hdr) {
			bool is_hdr =
			    nc > 1 && (awol_html_is(cells[0], "th") ||
			               (rows[i]->parent && awol_html_is(rows[i]->parent, "thead")));
			if (is_hdr) {
				hdr = calloc(nc, sizeof(char *));
				if (!hdr) {
					AWOL_FREE(cells);
					rc = -AWOL_ENOMEM;
					break;
				}
				nhdr = nc;
				for (j = 0; j < nc; j++)
					hdr[j] = awol_html_text(cells[j]);
				cn = awol_sudrf_col(hdr, nhdr, L_NUM);
				cols[0] = awol_sudrf_col(hdr, nhdr, L_RECV);
				cols[1] = awol_sudrf_col(hdr, nhdr, L_JUDGE);
				cols[2] = awol_sudrf_col(hdr, nhdr, L_DEC);
				cols[3] = awol_sudrf_col(hdr, nhdr, L_RES);
				cols[4] = awol_sudrf_col(hdr, nhdr, L_TEXT);
				if (cols[4] < 0 && nhdr >= 3)
					cols[4] = 2; /* the unnamed third column */
				if (cn < 0)
					cn = 0;
				AWOL_FREE(cells);
				continue;
			}
		}
		if (nc >= 2 && hdr) {
			awol_listing_row *nrw = realloc(L->rows, (L->nrows + 1) * sizeof(*nrw));
			if (!nrw) {
				AWOL_FREE(cells);
				rc = -AWOL_ENOMEM;
				break;
			}
			L->rows = nrw;
			memset(&nrw[L->nrows], 0, sizeof(*nrw));
			fill_row(cx, &nrw[L->nrows], cells, nc, cn, cols);
			L->nrows++;
		}
		AWOL_FREE(cells);
	}
	for (j = 0; j < nhdr; j++)
		free(hdr[j]);
	free(hdr);
	free(rows);
	return rc;
}

int awol_sudrf_listing_primary(parse_ctx *cx, xmlNode *table)
{
	cx->page->has_listing = true;
	find_counter(cx);
	next_link(cx);
	return rows_of(cx, table);
}

int awol_sudrf_listing_vnkod(parse_ctx *cx, xmlNode *results)
{
	xmlNode *table = awol_html_find_class(results, "table", "law-case-table");
	xmlNode *cnt = awol_html_find_class(cx->root, "div", "lawcase-count");

	cx->page->has_listing = true;
	if (cnt) {
		char *t = awol_html_text(cnt);
		if (t)
			counter(cx, t);
		free(t);
	} else
		find_counter(cx);
	next_link(cx);
	if (!cx->page->listing.next_url) {
		/* VNKOD paging: ul.pagination with _page=N; next = current + 1 if linked */
		xmlNode *n;
		for (n = cx->root; n; n = awol_html_next(n, cx->root)) {
			char *href;
			if (!awol_html_is(n, "a"))
				continue;
			href = awol_html_attr(n, "href");
			if (href && strstr(href, "_page=")) {
				char *t = awol_html_text(n);
				if (t && (strcmp(t, ">") == 0 || strcmp(t, "»") == 0 ||
				          awol_text_icontains(t, "след"))) {
					cx->page->listing.next_url = awol_sudrf_url(cx, href);
					free(t);
					free(href);
					break;
				}
				free(t);
			}
			free(href);
		}
	}
	return table ? rows_of(cx, table) : 0;
}
