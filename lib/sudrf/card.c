/*
 * Case cards, both templates.  Tabs and rows are found by their labels,
 * never by position: the number of a tab differs between cards.
 */
#include "util/common.h"
#include "util/text.h"
#include "parse_priv.h"

static const char *const L_NAME[] = {"Фамилия", "Лицо, участвующее", "ФИО", NULL};
static const char *const L_ARTS[] = {"Перечень статей", "Статьи", NULL};
static const char *const L_PDECIDED[] = {"Дата рассмотрения", NULL};
static const char *const L_PRESULT[] = {"Результат", "Решение", NULL};
static const char *const L_ROLE[] = {"Вид лица", "Процессуальный статус", NULL};
static const char *const L_EV_NAME[] = {"Наименование события", NULL};
static const char *const L_EV_DATE[] = {"Дата события", "Дата", NULL};
static const char *const L_EV_TIME[] = {"Время", NULL};
static const char *const L_EV_PLACE[] = {"Место проведения", "Зал", NULL};
static const char *const L_EV_RESULT[] = {"Результат события", NULL};
static const char *const L_EV_REASON[] = {"Основани", NULL};

/* ---- key/value rows (ДЕЛО, ПРОИЗВОДСТВО, VNKOD "Дело") ---- */

static void kv_row(parse_ctx *cx, const char *label, xmlNode *value)
{
	awol_case_info *k = &cx->page->kase;
	char *t;

	if (awol_text_icontains(label, "Дата поступления") ||
	    awol_text_icontains(label, "Дата рассмотрения") ||
	    awol_text_icontains(label, "Дата вынесения") ||
	    awol_text_icontains(label, "Дата решения")) {
		t = awol_html_text(value);
		if (awol_text_icontains(label, "Дата поступления"))
			awol_sudrf_set(&k->received, awol_sudrf_date(t));
		else
			awol_sudrf_set(&k->decided, awol_sudrf_date(t));
		free(t);
	} else if (awol_text_icontains(label, "Уникальный идентификатор"))
		awol_sudrf_set(&k->uid, awol_html_text(value));
	else if (awol_text_icontains(label, "Докладчик") ||
	         awol_text_icontains(label, "Председательствующий") ||
	         awol_text_icontains(label, "производство судье") ||
	         awol_text_icontains(label, "производстве судьи") ||
	         awol_text_icontains(label, "Судья"))
		awol_sudrf_set(&k->judge, awol_html_text(value));
	else if (awol_text_icontains(label, "Результат рассмотрения") ||
	         awol_text_icontains(label, "Решение") || awol_text_icontains(label, "Результат"))
		awol_sudrf_set(&k->result, awol_html_text(value));
	else if (awol_text_icontains(label, "Категория"))
		awol_sudrf_set(&k->category, awol_html_text(value));
}

static void kv_table(parse_ctx *cx, xmlNode *table)
{
	xmlNode **rows = NULL, **cells = NULL;
	size_t nr = awol_html_rows(table, &rows), i, nc;

	for (i = 0; i < nr; i++) {
		nc = awol_html_cells(rows[i], &cells);
		if (nc >= 2 && awol_html_is(cells[0], "td")) {
			char *label = awol_html_text(cells[0]);
			if (label && *label)
				kv_row(cx, label, cells[1]);
			free(label);
		}
		AWOL_FREE(cells);
	}
	free(rows);
}

/* ---- list tables: header row, then data rows ---- */

typedef struct list_table {
	char **hdr;
	size_t nhdr;
	xmlNode **rows; /* data rows */
	size_t nrows;
	xmlNode **all;
} list_table;

static void lt_free(list_table *t)
{
	size_t i;

	for (i = 0; i < t->nhdr; i++)
		free(t->hdr[i]);
	free(t->hdr);
	free(t->all);
}

/*
 * Primary: row 0 = <th> title, row 1 = <td><b>headers</b>, rows 2.. = data.
 * VNKOD: <thead> row = headers, other rows = data.  The header row is the
 * first row whose cells contain no data-looking text: we take the first row
 * made only of <th> or inside <thead>, or whose cells are all bold.
 */
static void lt_read(xmlNode *table, list_table *t)
{
	size_t i, j, nc;
	xmlNode **cells = NULL;
	size_t hdr_row = (size_t)-1;

	memset(t, 0, sizeof(*t));
	nc = awol_html_rows(table, &t->all);
	for (i = 0; i < nc && hdr_row == (size_t)-1; i++) {
		size_t n = awol_html_cells(t->all[i], &cells);
		bool thead = t->all[i]->parent && awol_html_is(t->all[i]->parent, "thead");
		bool bold = n > 1;
		for (j = 0; j < n && bold; j++)
			bold = awol_html_find_tag(cells[j], "b") != NULL ||
			       awol_html_is(cells[j], "th");
		if ((thead || bold) && n > 1) {
			hdr_row = i;
			t->hdr = calloc(n, sizeof(char *));
			if (t->hdr) {
				t->nhdr = n;
				for (j = 0; j < n; j++)
					t->hdr[j] = awol_html_text(cells[j]);
			}
		}
		AWOL_FREE(cells);
	}
	if (hdr_row == (size_t)-1)
		return;
	t->rows = t->all + hdr_row + 1;
	t->nrows = nc - hdr_row - 1;
}

static char *cell_text(xmlNode **cells, size_t n, int col)
{
	char *s;

	if (col < 0 || (size_t)col >= n)
		return NULL;
	s = awol_html_text(cells[col]);
	if (s && !*s)
		AWOL_FREE(s);
	return s;
}

static void persons_table(parse_ctx *cx, xmlNode *table)
{
	list_table t;
	size_t i, nc;
	xmlNode **cells = NULL;
	int cn, ca, cd, cr;
	awol_page *pg = cx->page;

	lt_read(table, &t);
	cn = awol_sudrf_col(t.hdr, t.nhdr, L_NAME);
	ca = awol_sudrf_col(t.hdr, t.nhdr, L_ARTS);
	cd = awol_sudrf_col(t.hdr, t.nhdr, L_PDECIDED);
	cr = awol_sudrf_col(t.hdr, t.nhdr, L_PRESULT);
	for (i = 0; i < t.nrows && cn >= 0; i++) {
		awol_person *np, *p;
		char *arts, *d;

		nc = awol_html_cells(t.rows[i], &cells);
		if (nc < 2 || (size_t)cn >= nc) {
			AWOL_FREE(cells);
			continue;
		}
		np = realloc(pg->persons, (pg->npersons + 1) * sizeof(*np));
		if (!np) {
			AWOL_FREE(cells);
			break;
		}
		pg->persons = np;
		p = &np[pg->npersons++];
		memset(p, 0, sizeof(*p));
		p->name = cell_text(cells, nc, cn);
		p->role = strdup("defendant");
		arts = cell_text(cells, nc, ca);
		awol_sudrf_add_charges(p, arts);
		free(arts);
		d = cell_text(cells, nc, cd);
		p->decided = awol_sudrf_date(d);
		free(d);
		p->result = cell_text(cells, nc, cr);
		AWOL_FREE(cells);
	}
	lt_free(&t);
}

/*
 * A КоАП card has no ЛИЦА tab: the person the case is against is a row of
 * СТОРОНЫ ПО ДЕЛУ / PersonList with the articles in «Перечень статей».  Such
 * a row is a person (role "defendant"), not a party; a charge that names no
 * code is of the КоАП, since a criminal card's parties tab has no articles.
 * Returns true when the row was taken.
 */
static bool charged_party(parse_ctx *cx, xmlNode **cells, size_t nc, int cn, int ca)
{
	awol_page *pg = cx->page;
	awol_person *np, *p;
	char *arts = cell_text(cells, nc, ca);
	size_t j;

	if (!arts)
		return false;
	np = realloc(pg->persons, (pg->npersons + 1) * sizeof(*np));
	if (!np) {
		free(arts);
		return true; /* out of memory: the row is lost either way */
	}
	pg->persons = np;
	p = &np[pg->npersons++];
	memset(p, 0, sizeof(*p));
	p->name = cell_text(cells, nc, cn);
	p->role = strdup("defendant");
	awol_sudrf_add_charges(p, arts);
	for (j = 0; j < p->ncharges; j++)
		if (!p->charges[j].law && p->charges[j].article &&
		    !(pg->kase.proceeding && strcmp(pg->kase.proceeding, "criminal") == 0))
			p->charges[j].law = strdup("КоАП РФ");
	free(arts);
	return true;
}

static void parties_table(parse_ctx *cx, xmlNode *table)
{
	list_table t;
	size_t i, nc;
	xmlNode **cells = NULL;
	int cr, cn, ca;
	awol_page *pg = cx->page;

	lt_read(table, &t);
	cr = awol_sudrf_col(t.hdr, t.nhdr, L_ROLE);
	cn = awol_sudrf_col(t.hdr, t.nhdr, L_NAME);
	ca = awol_sudrf_col(t.hdr, t.nhdr, L_ARTS);
	for (i = 0; i < t.nrows && cn >= 0; i++) {
		awol_party *np;

		nc = awol_html_cells(t.rows[i], &cells);
		if (nc < 2 || charged_party(cx, cells, nc, cn, ca)) {
			AWOL_FREE(cells);
			continue;
		}
		np = realloc(pg->parties, (pg->nparties + 1) * sizeof(*np));
		if (!np) {
			AWOL_FREE(cells);
			break;
		}
		pg->parties = np;
		np[pg->nparties].role = cell_text(cells, nc, cr);
		np[pg->nparties].name = cell_text(cells, nc, cn);
		pg->nparties++;
		AWOL_FREE(cells);
	}
	lt_free(&t);
}

static void events_table(parse_ctx *cx, xmlNode *table)
{
	list_table t;
	size_t i, nc;
	xmlNode **cells = NULL;
	int cn, cd, ct, cp, cr, cs;
	awol_page *pg = cx->page;

	lt_read(table, &t);
	cn = awol_sudrf_col(t.hdr, t.nhdr, L_EV_NAME);
	cd = awol_sudrf_col(t.hdr, t.nhdr, L_EV_DATE);
	/* «Дата» must not pick «Дата размещения» */
	if (cd >= 0 && awol_text_icontains(t.hdr[cd], "размещения")) {
		size_t j;
		cd = -1;
		for (j = 0; j < t.nhdr; j++)
			if (t.hdr[j] && awol_text_icontains(t.hdr[j], "Дата") &&
			    !awol_text_icontains(t.hdr[j], "размещения")) {
				cd = (int)j;
				break;
			}
	}
	ct = awol_sudrf_col(t.hdr, t.nhdr, L_EV_TIME);
	cp = awol_sudrf_col(t.hdr, t.nhdr, L_EV_PLACE);
	cr = awol_sudrf_col(t.hdr, t.nhdr, L_EV_RESULT);
	cs = awol_sudrf_col(t.hdr, t.nhdr, L_EV_REASON);
	for (i = 0; i < t.nrows && cn >= 0; i++) {
		awol_event *ne, *e;
		char *d;

		nc = awol_html_cells(t.rows[i], &cells);
		if (nc < 2) {
			AWOL_FREE(cells);
			continue;
		}
		ne = realloc(pg->events, (pg->nevents + 1) * sizeof(*ne));
		if (!ne) {
			AWOL_FREE(cells);
			break;
		}
		pg->events = ne;
		e = &ne[pg->nevents++];
		memset(e, 0, sizeof(*e));
		e->name = cell_text(cells, nc, cn);
		d = cell_text(cells, nc, cd);
		e->date = awol_sudrf_date(d);
		free(d);
		e->time = cell_text(cells, nc, ct);
		e->place = cell_text(cells, nc, cp);
		e->result = cell_text(cells, nc, cr);
		e->reason = cell_text(cells, nc, cs);
		AWOL_FREE(cells);
	}
	lt_free(&t);
}

static void add_act(parse_ctx *cx, char *title, char *url, char *text)
{
	awol_act *na = realloc(cx->page->acts, (cx->page->nacts + 1) * sizeof(*na));

	if (!na) {
		free(title);
		free(url);
		free(text);
		return;
	}
	cx->page->acts = na;
	na[cx->page->nacts].title = title;
	na[cx->page->nacts].url = url;
	na[cx->page->nacts].text = text;
	na[cx->page->nacts].number = 0;
	cx->page->nacts++;
}

/*
 * The text of an act embedded in the card (div `prefix`K, K the act's
 * number as its tab id ends), read like an act page's: NULL unless asked
 * for, or when the block is missing or holds only blanks.  Searched from
 * `scope`, then from the whole slice: the block may sit outside the tab.
 */
static char *embedded_text(parse_ctx *cx, xmlNode *scope, const char *prefix, const char *k)
{
	char id[96];
	xmlNode *div;
	char *t;

	if (!cx->act_texts || !k || !*k)
		return NULL;
	snprintf(id, sizeof(id), "%s%s", prefix, k);
	div = scope ? awol_html_find_id(scope, "div", id) : NULL;
	if (!div)
		div = awol_html_find_id(cx->root, "div", id);
	if (!div)
		return NULL;
	t = awol_html_text(div);
	if (t && !*t)
		AWOL_FREE(t);
	return t;
}

/*
 * The act just added is number K on the card (the digits ending its tab id):
 * its text link asks for K, which is not always its position (a court can
 * withdraw act 1 and keep act 2).
 */
static void number_last_act(parse_ctx *cx, const char *k)
{
	int v = 0;
	const char *p;

	if (!cx->page->nacts || !k || !*k || strlen(k) > 4)
		return;
	for (p = k; *p; p++) {
		if (*p < '0' || *p > '9')
			return;
		v = v * 10 + (*p - '0');
	}
	cx->page->acts[cx->page->nacts - 1].number = v;
}

static void acts_tab(parse_ctx *cx, xmlNode *content)
{
	xmlNode *n;

	for (n = content; n; n = awol_html_next(n, content)) {
		char *id;
		if (!awol_html_is(n, "li") && !awol_html_is(n, "a"))
			continue;
		id = awol_html_attr(n, "id");
		if (awol_html_is(n, "li") && id && strncmp(id, "tab_doc", 7) == 0) {
			add_act(cx, awol_html_text(n), NULL,
			        embedded_text(cx, content, "cont_doc", id + 7));
			number_last_act(cx, id + 7);
		} else if (awol_html_is(n, "a")) {
			char *href = awol_html_attr(n, "href");
			if (href && strstr(href, "name_op=doc"))
				add_act(cx, awol_html_text(n), awol_sudrf_url(cx, href), NULL);
			free(href);
		}
		free(id);
	}
}

/* proceeding and instance from the cartoteka title */
static void cartoteka(parse_ctx *cx, const char *title)
{
	awol_case_info *k = &cx->page->kase;
	const char *proc = NULL, *inst = NULL;

	if (!title)
		return;
	if (awol_text_icontains(title, "Уголовн"))
		proc = "criminal";
	else if (awol_text_icontains(title, "административных правонарушени") ||
	         awol_text_icontains(title, "КоАП"))
		proc = "koap";
	else if (awol_text_icontains(title, "Гражданск"))
		proc = "civil";
	else if (awol_text_icontains(title, "Административн") || awol_text_icontains(title, "КАС"))
		proc = "admin";
	else if (awol_text_icontains(title, "Материал"))
		proc = "material";
	if (awol_text_icontains(title, "первая инстанция"))
		inst = "first";
	else if (awol_text_icontains(title, "апелляц"))
		inst = "appeal";
	else if (awol_text_icontains(title, "кассац"))
		inst = "cassation";
	if (proc && !k->proceeding)
		k->proceeding = strdup(proc);
	if (inst && !k->instance)
		k->instance = strdup(inst);
}

static void case_number(parse_ctx *cx, xmlNode *n)
{
	char *t = awol_html_text(n), *p, *e;

	if (!t)
		return;
	p = strstr(t, "№");
	p = p ? p + strlen("№") : t;
	while (*p == ' ')
		p++;
	e = strstr(p, " (");
	if (e)
		*e = '\0';
	e = strstr(p, " ~");
	if (e)
		*e = '\0';
	if (*p)
		cx->page->kase.number = strdup(p);
	free(t);
}

/* Instance from the number index when the title does not say (VNKOD): 1-, 2-, 3-, 4-, 5-. */
static void instance_from_number(awol_case_info *k)
{
	const char *n = k->number;

	if (k->instance || !n)
		return;
	if (n[0] >= '1' && n[0] <= '5' && n[1] == '-')
		k->instance = strdup("first");
	else if (n[0] == '2' && n[1] == '2' && n[2] == '-')
		k->instance = strdup("appeal");
}

static void dispatch_tab(parse_ctx *cx, const char *label, xmlNode *content, xmlNode *table)
{
	if (!label)
		return;
	if (awol_text_icontains(label, "СУДЕБНЫЕ АКТЫ") || awol_text_icontains(label, "Документ")) {
		acts_tab(cx, content);
		return;
	}
	if (!table)
		return;
	if (awol_text_icontains(label, "ДВИЖЕНИЕ") || awol_text_icontains(label, "СЛУШАНИЯ") ||
	    awol_text_icontains(label, "EventList"))
		events_table(cx, table);
	else if (awol_text_icontains(label, "СТОРОНЫ") || awol_text_icontains(label, "УЧАСТНИКИ") ||
	         awol_text_icontains(label, "PersonList"))
		parties_table(cx, table);
	else if (awol_text_icontains(label, "ЛИЦА") || awol_text_icontains(label, "DefList") ||
	         awol_text_icontains(label, "Подсудимые"))
		persons_table(cx, table);
	else if (awol_text_icontains(label, "ДЕЛО") || awol_text_icontains(label, "ПРОИЗВОДСТВО") ||
	         awol_text_icontains(label, "Case"))
		kv_table(cx, table);
}

int awol_sudrf_card_primary(parse_ctx *cx, xmlNode *casenumber)
{
	xmlNode *n, *title;
	xmlNode *scope = casenumber->parent ? casenumber->parent : cx->root;

	cx->page->has_case = true;
	case_number(cx, casenumber);
	title = awol_html_find_class(scope, "div", "title");
	if (title) {
		char *t = awol_html_text(title);
		cartoteka(cx, t);
		free(t);
	}
	/* top-level tabs li#tabN -> div#contN */
	for (n = scope; n; n = awol_html_next(n, scope)) {
		char *id, *label, cid[32];
		xmlNode *content, *table;

		if (!awol_html_is(n, "li"))
			continue;
		id = awol_html_attr(n, "id");
		if (!id || strncmp(id, "tab", 3) != 0 || strncmp(id, "tab_doc", 7) == 0) {
			free(id);
			continue;
		}
		snprintf(cid, sizeof(cid), "cont%s", id + 3);
		free(id);
		content = awol_html_find_id(scope, "div", cid);
		if (!content)
			continue;
		label = awol_html_text(n);
		table = awol_html_find_id(content, "table", "tablcont");
		if (table && !awol_text_icontains(label, "СУДЕБНЫЕ АКТЫ")) {
			/* the table's <th> title names the tab more reliably (ПРОИЗВОДСТВО -> ДЕЛО)
			 */
			xmlNode *th = awol_html_find_tag(table, "th");
			char *tt = th ? awol_html_text(th) : NULL;
			if (tt && *tt && awol_text_icontains(tt, "ДЕЛО") &&
			    !awol_text_icontains(label, "ДВИЖЕНИЕ")) {
				free(label);
				label = tt;
				tt = NULL;
			}
			free(tt);
		}
		dispatch_tab(cx, label, content, table);
		free(label);
	}
	instance_from_number(&cx->page->kase);
	return 0;
}

int awol_sudrf_card_vnkod(parse_ctx *cx, xmlNode *window)
{
	xmlNode *n, *num, *title;
	xmlNode *scope = window;

	cx->page->has_case = true;
	if (!awol_html_id_is(window, "case_window") && window->parent)
		scope = window->parent;
	num = awol_html_find_class(scope, "div", "case-num");
	if (num)
		case_number(cx, num);
	title = awol_html_find_class(cx->root, "div", "name-instanse");
	if (title) {
		char *t = awol_html_text(title);
		cartoteka(cx, t);
		free(t);
	}
	for (n = scope; n; n = awol_html_next(n, scope)) {
		char *id, cid[96], *label;
		xmlNode *content, *table = NULL, *m;

		if (!awol_html_is(n, "li"))
			continue;
		id = awol_html_attr(n, "id");
		if (!id || strncmp(id, "tab_id_", 7) != 0) {
			free(id);
			continue;
		}
		if (strncmp(id + 7, "Document", 8) == 0) {
			/* an act: its title here, its text at the card URL with &_doc=K
			 * and, on the card itself, in div#tab_content_DocumentK */
			add_act(cx, awol_html_text(n), NULL,
			        embedded_text(cx, scope, "tab_content_Document", id + 15));
			number_last_act(cx, id + 15);
			free(id);
			continue;
		}
		snprintf(cid, sizeof(cid), "tab_content_%s", id + 7);
		content = awol_html_find_id(scope, "div", cid);
		label = awol_html_text(n);
		if (content) {
			/* the desktop table; the block-mobile copies repeat every row */
			for (m = content; m; m = awol_html_next(m, content)) {
				if (awol_html_has_class(m, "block-mobile")) {
					m = awol_html_skip(m, content);
					if (!m)
						break;
					if (awol_html_is(m, "table") &&
					    awol_html_has_class(m, "law-case-table")) {
						table = m;
						break;
					}
					continue;
				}
				if (awol_html_is(m, "table") &&
				    awol_html_has_class(m, "law-case-table")) {
					table = m;
					break;
				}
			}
			/* the id names the tab's meaning (Case, EventList, DefList, PersonList...)
			 */
			if (strcmp(id + 7, "Case") == 0)
				dispatch_tab(cx, "ДЕЛО", content, table);
			else if (strcmp(id + 7, "EventList") == 0)
				dispatch_tab(cx, "ДВИЖЕНИЕ", content, table);
			else if (strcmp(id + 7, "DefList") == 0)
				dispatch_tab(cx, "ЛИЦА", content, table);
			else if (strcmp(id + 7, "PersonList") == 0)
				dispatch_tab(cx, "СТОРОНЫ", content, table);
			else if (strncmp(id + 7, "Document", 8) == 0 || strcmp(id + 7, "Docs") == 0)
				dispatch_tab(cx, "СУДЕБНЫЕ АКТЫ", content, table);
			else
				dispatch_tab(cx, label, content, table);
		}
		free(label);
		free(id);
	}
	instance_from_number(&cx->page->kase);
	return 0;
}
