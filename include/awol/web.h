/*
 * The dashboard (`awol serve`) and the report (`awol report`): a read-only
 * JSON API over a database that answers what the CLI prints, and pages that
 * only display those answers.  docs/web.md describes the routes.
 *
 * Ownership: awol_web_start returns a server freed by awol_web_stop;
 * awol_web_api's *out is a new reference (json_decref it); awol_web_report
 * writes a file.
 */
#ifndef AWOL_WEB_H
#define AWOL_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/store.h"

struct json_t;

/* A request's query parameters: get returns the value of key or NULL. */
typedef struct awol_web_req {
	const char *(*get)(void *ctx, const char *key);
	void *ctx;
	const char *body; /* POST body (/api/check), or NULL */
	size_t body_len;
} awol_web_req;

/* Why an answer is not 200: the HTTP status, the parameter at fault ("" if none), a message. */
typedef struct awol_web_fail {
	int status;
	char param[32];
	char msg[AWOL_ERROR_MSG_MAX];
} awol_web_fail;

#define AWOL_WEB_PARAM_MAX 64        /* longest parameter value accepted */
#define AWOL_WEB_BODY_MAX (1u << 20) /* largest claims file accepted */

/*
 * Answer an API route ("/api/stats", ...) for rq on st.  Returns 0 with *out set, or
 * <0 with f filled (400 for a bad parameter, 404 for an unknown route, 500 otherwise).
 * Parameters a route does not know are refused too, naming them.
 */
int awol_web_api(awol_store *st, const char *route, const awol_web_req *rq, struct json_t **out,
                 awol_web_fail *f);

/*
 * The same answer as text, as the CLI prints it (a newline at the end): *out malloc'd
 * (free it), *n its length.  A route that writes its text directly (/api/stats) builds no
 * tree; for the others the tree the text was dumped from is handed over in *tree when
 * tree is not NULL (NULL otherwise), for the caller to free when it suits: a large tree
 * takes long to free.  Returns 0, or <0 with f filled as awol_web_api.
 */
int awol_web_api_text(awol_store *st, const char *route, const awol_web_req *rq, char **out,
                      size_t *n, struct json_t **tree, awol_web_fail *f);

/* Whether route is an API route and key one of its parameters (the server checks every
 * parameter of a request before answering). */
bool awol_web_route_known(const char *route);
bool awol_web_param_known(const char *route, const char *key);
/* The json_dumps flags the CLI prints a route's answer with (byte-equal answers). */
size_t awol_web_dump_flags(const char *route);

typedef struct awol_web_opts {
	const char *db;     /* database path (opened read-only) */
	const char *listen; /* "127.0.0.1:8080" (default); port 0 picks a free one */
	int threads;        /* worker threads (and open read-only connections); 0 = 4 */
} awol_web_opts;

typedef struct awol_web awol_web;

int awol_web_start(awol_web **out, const awol_web_opts *o, awol_error *err);
int awol_web_port(const awol_web *w);
bool awol_web_loopback(const awol_web *w); /* listening on 127.x.x.x only */
void awol_web_stop(awol_web *w);           /* accepts NULL */

/* `awol report`: the selection of the report (NULL = all). */
typedef struct awol_report_opts {
	const char *articles, *from, *to;
	const char *lang; /* "ru" (default) or "en" */
	const char *by;   /* month (default) */
	const char
	    *since; /* the cumulative count's first day; NULL: the mobilisation, 2022-09-21 */
} awol_report_opts;

/* The day the cumulative count of a report starts by default: the "partial mobilisation"
 * decree of 21 September 2022, the start of the published "since mobilisation" figures. */
#define AWOL_REPORT_SINCE "2022-09-21"

/* Write the self-contained report of st to path (a temp file renamed into place). */
int awol_web_report(awol_store *st, const awol_report_opts *o, const char *path, awol_error *err);

#endif
