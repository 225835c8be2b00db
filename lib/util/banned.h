/*
 * Functions awol code must not call (after git's banned.h).  Included last
 * by every .c file of the project through lib/util/common.h.
 *
 * strcpy/strcat/sprintf/vsprintf: no bounds; use awol_buf or snprintf.
 * strtok: hidden state; use strtok_r or explicit scanning.
 * atoi/atol/atof: no error reporting; use strtol/strtod with checks.
 * gets: never.
 */
#ifndef AWOL_BANNED_H
#define AWOL_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atof
#define atof(x) BANNED(atof)
#undef gets
#define gets(x) BANNED(gets)

#endif
