/*
 * Text helpers: charset decoding of court pages and whitespace cleaning.
 *
 * Court pages are windows-1251; browser-saved copies are UTF-8 while still
 * declaring windows-1251.  awol_text_decode tells the two apart by checking
 * whether the bytes are valid UTF-8 (cp1251 Cyrillic text practically never
 * is), unless the HTTP header names a charset.
 */
#ifndef AWOL_UTIL_TEXT_H
#define AWOL_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

bool awol_utf8_valid(const char *s, size_t n);

/* Append the UTF-8 form of cp1251 bytes to out. */
int awol_cp1251_to_utf8(const char *in, size_t n, awol_buf *out, awol_error *err);

/* Append the UTF-8 form of UTF-8-ish bytes, invalid sequences replaced by U+FFFD. */
int awol_utf8_repair(const char *in, size_t n, awol_buf *out, awol_error *err);

/*
 * Decode page bytes to UTF-8 (appended to out).  content_type may be NULL.
 * *was_utf8 (may be NULL) tells which decoding was used.
 */
int awol_text_decode(const char *data, size_t len, const char *content_type, awol_buf *out,
                     bool *was_utf8, awol_error *err);

/*
 * Clean extracted text in place: every run of white space (incl. NBSP) becomes
 * one space, spaces around '\n' go, repeated '\n' collapse, both ends trimmed.
 * Returns s.
 */
char *awol_text_clean(char *s);

/* Case-insensitive (ASCII + Cyrillic, ё = е, Latin look-alikes = Cyrillic) substring test. */
bool awol_text_icontains(const char *hay, const char *needle);

#endif
