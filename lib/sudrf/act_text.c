/*
 * Act texts out of any input (include/awol/act_text.h): sud_delo pages go
 * through the page parser; other HTML through libxml2; plain text is decoded
 * and cleaned.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/text.h"
#include "awol/act_text.h"
#include "awol/page.h"
#include "html.h"

#include <strings.h>

/* HTML when a tag of a page appears early (a redaction «<данные изъяты>» is not one). */
static bool looks_html(const char *s, size_t n)
{
	static const char *const tags[] = {"<html",     "<body",  "<p",    "<div",  "<span", "<br",
	                                   "<!doctype", "<table", "<head", "<meta", NULL};
	size_t lim = n < 4096 ? n : 4096, i;
	int k;

	for (i = 0; i < lim; i++)
		if (s[i] == '<')
			for (k = 0; tags[k]; k++) {
				size_t l = strlen(tags[k]);
				if (i + l <= n && strncasecmp(s + i, tags[k], l) == 0 &&
				    (i + l == n || s[i + l] == '>' || s[i + l] == ' ' ||
				     s[i + l] == '\t' || s[i + l] == '\n' || s[i + l] == '\r' ||
				     s[i + l] == '/'))
					return true;
			}
	return false;
}

static int push(awol_act_text **a, size_t *n, const char *where, const char *title, char *text)
{
	awol_act_text *na = realloc(*a, (*n + 1) * sizeof(**a));

	if (!na) {
		free(text);
		return -1;
	}
	*a = na;
	na[*n].where = awol_strdup0(where);
	na[*n].title = awol_strdup0(title);
	na[*n].text = text;
	(*n)++;
	return 0;
}

static char *html_body_text(const char *utf8, size_t len)
{
	xmlDoc *doc = awol_html_read(utf8, len);
	xmlNode *root, *body;
	char *t;

	if (!doc)
		return NULL;
	root = xmlDocGetRootElement(doc);
	body = awol_html_find_tag(root, "body");
	t = awol_html_text(body ? body : root);
	xmlFreeDoc(doc);
	return t;
}

int awol_act_texts(const char *data, size_t len, const char *source, const char *content_type,
                   awol_act_text **out, size_t *n, awol_error *err)
{
	awol_buf utf;
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	int rc = 0;
	size_t i;

	*out = NULL;
	*n = 0;
	awol_buf_init(&utf, (size_t)256 * 1024 * 1024);
	if (!looks_html(data, len)) {
		rc = awol_text_decode(data, len, content_type, &utf, NULL, err);
		if (rc < 0)
			goto done;
		if (push(out, n, NULL, NULL, awol_text_clean(awol_buf_detach(&utf))) < 0)
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	po.source = source;
	po.content_type = content_type;
	po.act_texts = true;
	rc = awol_page_parse(data, len, &po, &pg, err);
	if (rc < 0)
		goto done;
	if (pg->kind == AWOL_PAGE_ACT) {
		if (push(out, n, NULL, NULL, strdup(pg->act_text ? pg->act_text : "")) < 0)
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	} else if (pg->kind == AWOL_PAGE_CARD) {
		for (i = 0; i < pg->nacts && rc == 0; i++) {
			char where[32];
			if (!pg->acts[i].text)
				continue;
			snprintf(where, sizeof(where), "act %d",
			         pg->acts[i].number ? pg->acts[i].number : (int)i + 1);
			if (push(out, n, where, pg->acts[i].title, strdup(pg->acts[i].text)) < 0)
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		}
		if (rc == 0 && *n == 0)
			rc = awol_error_set(err, AWOL_ENOTFOUND,
			                    "%s: a case card with no act text embedded", source);
	} else if (pg->kind == AWOL_PAGE_UNKNOWN) {
		/* an HTML file that is no sud_delo page: a saved act text */
		char *t;
		awol_buf_reset(&utf);
		rc = awol_text_decode(data, len, content_type, &utf, NULL, err);
		if (rc < 0)
			goto done;
		t = html_body_text(utf.ptr ? utf.ptr : "", utf.len);
		if (!t || push(out, n, NULL, NULL, t) < 0)
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	} else
		rc = awol_error_set(err, AWOL_EPARSE, "%s: a %s page, not an act text", source,
		                    awol_page_kind_name(pg->kind));
done:
	awol_page_free(pg);
	awol_buf_dispose(&utf);
	if (rc < 0) {
		awol_act_texts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void awol_act_texts_free(awol_act_text *a, size_t n)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < n; i++) {
		free(a[i].where);
		free(a[i].title);
		free(a[i].text);
	}
	free(a);
}
