/*
 * The registry of military courts (data/military-courts.csv, embedded into
 * the library at build time so awol works without the data directory).
 *
 * Ownership: a list owns all its strings; free with awol_courts_dispose.
 */
#ifndef AWOL_COURTS_H
#define AWOL_COURTS_H

#include <stddef.h>

#include "awol/error.h"

typedef struct awol_court {
	char *code; /* "77GV0005" */
	char *name; /* name_ru */
	char *name_en;
	char *level; /* garrison|district|fleet|appeal|cassation */
	char *host;  /* public host as in the CSV, e.g. "235gvs.msk.sudrf.ru" */
	char *region_code;
	char *region; /* region_name: seat of the court */
	char *city;
	char *parent_code;   /* court above it (appeal instance) */
	char *district_code; /* okrug/fleet court above a garrison court; own code for
	                        district/fleet */
	char *status;        /* active|abolished|... */
	char *engine_flags;  /* e.g. "standard", "vnkod", "captcha" (as in the CSV) */
} awol_court;

typedef struct awol_court_list {
	awol_court *items;
	size_t n;
} awol_court_list;

/* The embedded registry. */
int awol_courts_load_default(awol_court_list *out, awol_error *err);
/* A registry CSV with the header of data/military-courts.csv; errors name file and line. */
int awol_courts_load_csv(const char *path, awol_court_list *out, awol_error *err);
void awol_courts_dispose(awol_court_list *list); /* accepts NULL */

/* Find by code ("77GV0005") or by host in either form ("x.msk.sudrf.ru" or "x--msk.sudrf.ru"). */
const awol_court *awol_courts_find(const awol_court_list *list, const char *code_or_host);

/* The module host of a court: first '.' of the label turned into "--" ("235gvs--msk.sudrf.ru").
 * Writes into out (size n); returns 0 or <0 if it does not fit. */
int awol_courts_module_host(const awol_court *court, char *out, size_t n);

#endif
