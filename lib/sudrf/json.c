#include "util/common.h"
#include "awol/page_json.h"

#include <jansson.h>

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *charges(const awol_charge *c, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o}", "law", str(c[i].law),
		                                   "article", str(c[i].article), "part",
		                                   str(c[i].part), "point", str(c[i].point), "text",
		                                   str(c[i].text)));
	return a;
}

int awol_page_to_json(const awol_page *pg, char **out, awol_error *err)
{
	json_t *o = NULL, *a;
	size_t i;
	int rc = 0;
	const char *tmpl = awol_page_template_name(pg->tmpl);

	*out = NULL;
	o = json_object();
	if (!o)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	json_object_set_new(o, "file", str(pg->file));
	json_object_set_new(o, "kind", json_string(awol_page_kind_name(pg->kind)));
	json_object_set_new(o, "template", str(tmpl));
	json_object_set_new(o, "court",
	                    json_pack("{s:o,s:o,s:o}", "name", str(pg->court_name), "code",
	                              str(pg->court_code), "host", str(pg->court_host)));
	if (pg->has_case) {
		const awol_case_info *k = &pg->kase;
		json_t *c = json_object();
		json_object_set_new(c, "number", str(k->number));
		json_object_set_new(c, "uid", str(k->uid));
		json_object_set_new(c, "received", str(k->received));
		json_object_set_new(c, "judge", str(k->judge));
		json_object_set_new(c, "decided", str(k->decided));
		json_object_set_new(c, "result", str(k->result));
		json_object_set_new(c, "category", str(k->category));
		json_object_set_new(c, "proceeding", str(k->proceeding));
		json_object_set_new(c, "instance", str(k->instance));
		json_object_set_new(o, "case", c);
	} else
		json_object_set_new(o, "case", json_null());
	a = json_array();
	for (i = 0; i < pg->npersons; i++) {
		const awol_person *p = &pg->persons[i];
		json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o}", "name", str(p->name),
		                                   "role", str(p->role), "articles",
		                                   charges(p->charges, p->ncharges), "decided",
		                                   str(p->decided), "result", str(p->result)));
	}
	json_object_set_new(o, "persons", a);
	a = json_array();
	for (i = 0; i < pg->nparties; i++)
		json_array_append_new(a, json_pack("{s:o,s:o}", "role", str(pg->parties[i].role),
		                                   "name", str(pg->parties[i].name)));
	json_object_set_new(o, "parties", a);
	a = json_array();
	for (i = 0; i < pg->nevents; i++) {
		const awol_event *e = &pg->events[i];
		json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "name",
		                                   str(e->name), "date", str(e->date), "time",
		                                   str(e->time), "place", str(e->place), "result",
		                                   str(e->result), "reason", str(e->reason)));
	}
	json_object_set_new(o, "events", a);
	a = json_array();
	for (i = 0; i < pg->nacts; i++)
		json_array_append_new(a, json_pack("{s:o,s:o}", "title", str(pg->acts[i].title),
		                                   "url", str(pg->acts[i].url)));
	json_object_set_new(o, "acts", a);
	if (pg->has_listing) {
		const awol_listing *L = &pg->listing;
		json_t *rows = json_array(), *l;
		for (i = 0; i < L->nrows; i++) {
			const awol_listing_row *r = &L->rows[i];
			json_t *ro = json_object();
			json_object_set_new(ro, "number", str(r->number));
			json_object_set_new(ro, "case_id", str(r->case_id));
			json_object_set_new(ro, "case_uid", str(r->case_uid));
			json_object_set_new(ro, "url", str(r->url));
			json_object_set_new(ro, "received", str(r->received));
			json_object_set_new(ro, "judge", str(r->judge));
			json_object_set_new(ro, "decided", str(r->decided));
			json_object_set_new(ro, "result", str(r->result));
			json_object_set_new(ro, "text", str(r->text));
			json_array_append_new(rows, ro);
		}
		l = json_object();
		json_object_set_new(l, "total",
		                    L->total >= 0 ? json_integer(L->total) : json_null());
		json_object_set_new(l, "page_rows",
		                    L->page_rows >= 0 ? json_integer(L->page_rows) : json_null());
		json_object_set_new(l, "rows", rows);
		json_object_set_new(l, "next_url", str(L->next_url));
		json_object_set_new(o, "listing", l);
	} else
		json_object_set_new(o, "listing", json_null());
	if (pg->has_captcha)
		json_object_set_new(o, "captcha",
		                    json_pack("{s:o,s:o}", "id", str(pg->captcha.id),
		                              "image_png_base64",
		                              str(pg->captcha.image_png_base64)));
	else
		json_object_set_new(o, "captcha", json_null());
	json_object_set_new(o, "error", str(pg->error));
	*out = json_dumps(o, JSON_COMPACT);
	if (!*out)
		rc = awol_error_set(err, AWOL_ENOMEM, "%s: cannot serialise page", pg->file);
	json_decref(o);
	return rc;
}
