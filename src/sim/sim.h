/*
 * awol-sim: a simulator of the military-court system's sud_delo sites, for
 * tests and the demo (the product never talks to it).  It builds its pages
 * with its own code from the knowledge of the real pages (docs/sudrf-format.md),
 * so testing the parser against it is not testing the parser against itself.
 */
#ifndef AWOL_SIM_H
#define AWOL_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "awol/courts.h"
#include "util/buf.h"
#include "util/date.h"

typedef struct sim_charge {
	char article[8];
	char part[8]; /* "" when none */
	char point[4];
} sim_charge;

typedef struct sim_person {
	char name[96]; /* "Информация скрыта" or a generated name */
	sim_charge charges[3];
	int ncharges;
	bool decided; /* decided together with the case */
} sim_person;

typedef struct sim_case {
	int court;       /* index into sim_world.courts */
	long id;         /* case_id in URLs (global) */
	char guid[40];   /* case_uid */
	char number[24]; /* 1-N/YYYY */
	char uid[32];    /* УИД with its check digits */
	awol_date received;
	awol_date decided; /* y == 0 when pending */
	int result;        /* index into sim_results; -1 pending */
	char judge[48];
	sim_person persons[3];
	int npersons;
	int server; /* srv_num of the court's server holding it (1 on single-server courts) */
	int nacts;  /* published acts (0 when pending or not published) */
} sim_case;

typedef struct sim_court {
	const awol_court *reg;
	char host[128];  /* module host (x--region.sudrf.ru) */
	bool vnkod;      /* vintage template */
	bool captcha;    /* search needs a captcha */
	bool dead;       /* always 503 */
	int servers;     /* srv_num servers (several with the "servers" fault) */
	bool bare_links; /* "nosrv": some card links in listings carry no srv_num */
	size_t first, n; /* its cases: world.cases[first .. first+n), sorted by received */
	char captcha_token[32];
	char captcha_answer[8];
} sim_court;

typedef struct sim_world {
	awol_court_list registry;
	sim_court *courts;
	size_t ncourts;
	sim_case *cases;
	size_t ncases;
	uint64_t seed;
} sim_world;

extern const char *const sim_results[];

/* on every module page of a multi-server court (docs/sudrf-format.md §1.3) */
#define SIM_OTHER_SERVER_LINK                                                                             \
	"<div class='other_link_serv'><a href='/modules.php?name=sud_delo'>[Выбрать другой " \
	"сервер]</a></div>\r\n"
extern const size_t sim_nresults;

/* The truth of one defendant in an act (sim_verdict.c): what the text says, or would. */
typedef struct sim_def_truth {
	const char *outcome, *ground, *reason; /* as in `awol verdict --json` */
	char article[8], part[8];              /* convicted of (after requalification) */
	char article2[8], part2[8];            /* a second crime (two_crimes) */
	const char *type, *regime, *service, *ended;
	int months, probation, partial, days;
	long fine;
	long from, to; /* the absence, days since 1970-01-01 */
	bool suspended, below_min, rank, redacted_term, redacted_regime, dates_redacted,
	    stated_days, requalified, two_crimes, cancel74;
} sim_def_truth;

typedef struct sim_act_truth {
	const char *act; /* "приговор" or "постановление" */
	bool published, intro_only; /* «не подлежит опубликованию»; cut after the introduction */
	bool spaced, joint, side; /* «П Р И Г О В О Р И Л»; one joint sentence; costs only */
	int numstyle, label_style;
	unsigned variant; /* phrasing bits: word order, type after the term, regime apart */
	sim_def_truth d[3];
	int n;
} sim_act_truth;

/* sim_verdict.c */
void sim_act_truth_of(const sim_case *k, int n, sim_act_truth *t);
/* the truth of act 1 as a JSON value (null when the case publishes none) */
void sim_act_truth_json(awol_buf *b, const sim_case *k);

/* sim_data.c */
/*
 * Is fault `f` on in the --faults list `faults` ("none", "all", or items
 * separated by commas, "all" among them)?  `in_all`: whether "all" turns it on.
 */
bool sim_fault_on(const char *faults, const char *f, bool in_all);

int sim_world_build(sim_world *w, uint64_t seed, double scale, awol_date from, awol_date to,
                    const char *faults, awol_error *err);
void sim_world_free(sim_world *w);
const sim_court *sim_world_court_by_host(const sim_world *w, const char *host, size_t *idx);
int sim_world_write_truth(const sim_world *w, const char *path, awol_error *err);
uint64_t sim_hash(uint64_t a, uint64_t b);

/* sim_pages.c: pages are built in UTF-8, then sent as windows-1251 */
void sim_page_listing(awol_buf *b, const sim_world *w, const sim_court *c, const size_t *idx,
                      size_t nidx, long page, const char *self_query);
void sim_page_card(awol_buf *b, const sim_world *w, const sim_court *c, const sim_case *k);
/* the vintage (VNKOD) module's listing and card */
void sim_page_listing_vnkod(awol_buf *b, const sim_world *w, const sim_court *c, const size_t *idx,
                            size_t nidx, long page, const char *self_query);
void sim_page_card_vnkod(awol_buf *b, const sim_world *w, const sim_court *c, const sim_case *k);
void sim_page_empty(awol_buf *b, const sim_court *c);
/* «Указанный сервер СДП не найден.»: a srv_num the court does not have */
void sim_page_no_server(awol_buf *b, const sim_court *c);
/* the server chooser of a multi-server court */
void sim_page_chooser(awol_buf *b, const sim_court *c);
/* act n (1-based) of a case as name_op=doc serves it; «ПУСТОЙ ДОКУМЕНТ» past the last */
void sim_page_doc(awol_buf *b, const sim_court *c, const sim_case *k, int n);
/* the act's text (depersonalised, as published), HTML */
void sim_act_text(awol_buf *b, const sim_court *c, const sim_case *k, int n);
/* «Приговор» or «Постановление»: the kind of act n of a case */
const char *sim_act_kind(const sim_case *k, int n);
void sim_page_unavailable(awol_buf *b, const sim_court *c);
void sim_page_search_form(awol_buf *b, const sim_court *c, bool with_captcha);
void sim_page_captcha_rejected(awol_buf *b, const sim_court *c);
void sim_page_waf(awol_buf *b);
int sim_utf8_to_cp1251(const char *in, size_t n, awol_buf *out);
/* a 100x30 PNG showing the digits */
void sim_captcha_png(awol_buf *out, const char *digits);

#endif
