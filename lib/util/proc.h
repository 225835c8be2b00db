/*
 * Running a helper program without a shell: an argument vector, a time
 * limit, and a capped read of what it prints.
 */
#ifndef AWOL_UTIL_PROC_H
#define AWOL_UTIL_PROC_H

#include <stddef.h>

#include "awol/error.h"

/*
 * Run argv[0] (searched in PATH when it has no '/') with argv, stdin from
 * /dev/null, stderr inherited.  At most outsz-1 bytes of its stdout are kept
 * in `out` (NUL-terminated; the rest is read and dropped so the program never
 * blocks on a full pipe).  After `timeout` seconds it is killed (SIGKILL) and
 * the call fails with AWOL_EINTR.  Fails with AWOL_EIO when it cannot be
 * started or exits non-zero (the message names argv[0] and the status).
 * Nothing is ever given to a shell, so no byte of an argument is interpreted.
 */
int awol_proc_capture(const char *const argv[], double timeout, char *out, size_t outsz,
                      awol_error *err);

#endif
