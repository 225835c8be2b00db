/*
 * Included first by every .c file in lib/, src/, tests/ and bench/.
 * Pulls in the standard headers everything uses, the error record, and the
 * banned-functions list.
 */
#ifndef AWOL_UTIL_COMMON_H
#define AWOL_UTIL_COMMON_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awol/error.h"

#define AWOL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Free-and-NULL. */
#define AWOL_FREE(p)                                                                               \
	do {                                                                                       \
		free(p);                                                                           \
		(p) = NULL;                                                                        \
	} while (0)

/* strdup that accepts NULL (returns NULL). Caller owns the result. */
char *awol_strdup0(const char *s);

#include "util/banned.h"

#endif
