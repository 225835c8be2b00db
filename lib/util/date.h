/*
 * Dates as the court sites write them (DD.MM.YYYY) and as awol stores them
 * (ISO YYYY-MM-DD).  Pure functions, no allocation.
 */
#ifndef AWOL_UTIL_DATE_H
#define AWOL_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct awol_date {
	int y, m, d;
} awol_date;

/* Parse "DD.MM.YYYY" (surrounding whitespace allowed) or "YYYY-MM-DD"; validates the calendar. */
bool awol_date_parse(const char *s, awol_date *out);
/* Parse only the ISO form "YYYY-MM-DD" exactly. */
bool awol_date_parse_iso(const char *s, awol_date *out);
bool awol_date_valid(int y, int m, int d);
/* Write "YYYY-MM-DD" into out (>= 11 bytes). */
void awol_date_iso(awol_date d, char out[11]);
/* Write "DD.MM.YYYY" into out (>= 11 bytes). */
void awol_date_ru(awol_date d, char out[11]);
/* Days since 1970-01-01 (may be negative) and back. */
long awol_date_to_days(awol_date d);
awol_date awol_date_from_days(long days);
/* ISO 8601 week: year and week number (1..53); weekday 1=Mon..7=Sun. */
void awol_date_iso_week(awol_date d, int *iso_year, int *week);
int awol_date_weekday(awol_date d);
int awol_date_cmp(awol_date a, awol_date b);
/*
 * The segment of a day: the days around it that share both its calendar month and its
 * ISO week (at most 7).  Every period awol counts by (week, month, quarter, half, year) is
 * a union of whole segments.  First and last day of the segment, as days since 1970-01-01.
 */
long awol_date_segment_first(awol_date d);
long awol_date_segment_last(awol_date d);

#endif
