/*
 * File helpers: capped whole-file reads and atomic writes (temp + rename).
 */
#ifndef AWOL_UTIL_FILE_H
#define AWOL_UTIL_FILE_H

#include "util/buf.h"

/*
 * Read all of `path` ("-" = stdin) into `out` (appended).  Fails with
 * AWOL_ETOOBIG past `out->max`, AWOL_EIO on read errors; the message names
 * the path.
 */
int awol_file_read(const char *path, awol_buf *out, awol_error *err);

/*
 * Write `len` bytes to `path` through a temporary file in the same directory
 * and rename(2), so readers never see a half-written file.  `mode` is the
 * file mode (e.g. 0644, 0600).
 */
int awol_file_write_atomic(const char *path, const void *data, size_t len, int mode,
                           awol_error *err);

/* mkdir -p. */
int awol_file_mkdirs(const char *path, int mode, awol_error *err);

#endif
