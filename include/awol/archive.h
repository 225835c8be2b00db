/*
 * The raw page archive: every response a crawl received, zstd-compressed,
 * with its URL, time, HTTP status and Content-Type, so that the database can
 * be rebuilt without the network (`awol reparse`).
 *
 * Layout: DIR/<time>-<pid>.awarc, one file per writer, a sequence of zstd
 * frames, one frame per record: a JSON header line
 * {"url","time","status","content_type","length"[,"via"]} followed by `length` body
 * bytes.  "via" is the HOST:PORT the request was sent to when it was not the URL's
 * host (crawl --connect-to); a loopback "via" means the simulator answered.
 * Concatenated frames are one valid zstd stream (`zstdcat` reads it).
 *
 * Ownership: handles are freed by their close function (accepts NULL).
 */
#ifndef AWOL_ARCHIVE_H
#define AWOL_ARCHIVE_H

#include <stddef.h>

#include "awol/error.h"

typedef struct awol_archive awol_archive;

int awol_archive_open(awol_archive **out, const char *dir, awol_error *err);
int awol_archive_put(awol_archive *a, const char *url, const char *time, long status,
                     const char *content_type, const char *body, size_t len, awol_error *err);
/* Record `via` (copied; NULL = none) with every response put from now on. */
int awol_archive_set_via(awol_archive *a, const char *via, awol_error *err);
int awol_archive_close(awol_archive *a, awol_error *err);

typedef struct awol_archive_record {
	char *url, *time, *content_type;
	char *via; /* where the request was sent, when not the URL's host; else NULL */
	long status;
	char *body;
	size_t len;
} awol_archive_record;

/*
 * Call `fn` for every record of every archive file in DIR, oldest file first,
 * in write order.  A damaged file stops with an error naming it and the
 * record number; records before it have been delivered.
 */
int awol_archive_each(const char *dir, int (*fn)(void *ctx, const awol_archive_record *r),
                      void *ctx, awol_error *err);

#endif
