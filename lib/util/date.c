#include "util/common.h"
#include "util/date.h"

#include <ctype.h>

bool awol_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int md;

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	md = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		md = 29;
	return d <= md;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool awol_date_parse_iso(const char *s, awol_date *out)
{
	awol_date d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
		return false;
	if (!awol_date_valid(d.y, d.m, d.d))
		return false;
	*out = d;
	return true;
}

bool awol_date_parse(const char *s, awol_date *out)
{
	awol_date d;
	size_t n;

	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n != 10)
		return false;
	if (s[4] == '-') {
		char tmp[11];
		memcpy(tmp, s, 10);
		tmp[10] = '\0';
		return awol_date_parse_iso(tmp, out);
	}
	if (s[2] != '.' || s[5] != '.')
		return false;
	if (!digits(s, 2, &d.d) || !digits(s + 3, 2, &d.m) || !digits(s + 6, 4, &d.y))
		return false;
	if (!awol_date_valid(d.y, d.m, d.d))
		return false;
	*out = d;
	return true;
}

void awol_date_iso(awol_date d, char out[11])
{
	snprintf(out, 11, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
}

void awol_date_ru(awol_date d, char out[11])
{
	snprintf(out, 11, "%02d.%02d.%04d", d.d % 100, d.m % 100, d.y % 10000);
}

/* Howard Hinnant's days_from_civil. */
long awol_date_to_days(awol_date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

awol_date awol_date_from_days(long z)
{
	awol_date r;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

int awol_date_weekday(awol_date d)
{
	long days = awol_date_to_days(d); /* 1970-01-01 was a Thursday (4) */
	long w = (days % 7 + 7) % 7;      /* 0 = Thursday */

	return (int)((w + 3) % 7) + 1;
}

void awol_date_iso_week(awol_date d, int *iso_year, int *week)
{
	/* The ISO week belongs to the year of its Thursday. */
	long days = awol_date_to_days(d);
	long thu = days - awol_date_weekday(d) + 4;
	awol_date t = awol_date_from_days(thu);
	awol_date jan1 = {t.y, 1, 1};

	*iso_year = t.y;
	*week = (int)((thu - awol_date_to_days(jan1)) / 7) + 1;
}

int awol_date_cmp(awol_date a, awol_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

long awol_date_segment_first(awol_date d)
{
	long days = awol_date_to_days(d);
	long monday = days - awol_date_weekday(d) + 1;
	long first = days - d.d + 1;

	return monday > first ? monday : first;
}

long awol_date_segment_last(awol_date d)
{
	awol_date next = {d.m == 12 ? d.y + 1 : d.y, d.m == 12 ? 1 : d.m + 1, 1};
	long days = awol_date_to_days(d);
	long sunday = days - awol_date_weekday(d) + 7;
	long last = awol_date_to_days(next) - 1;

	return sunday < last ? sunday : last;
}
