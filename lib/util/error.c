#include "awol/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void awol_error_clear(awol_error *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

int awol_error_set(awol_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (code < 0)
		code = -code;
	if (!err)
		return -code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -code;
}

int awol_error_prefix(awol_error *err, const char *fmt, ...)
{
	char pre[AWOL_ERROR_MSG_MAX];
	char old[AWOL_ERROR_MSG_MAX];
	va_list ap;

	if (!err)
		return -AWOL_EINVAL;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s%s", pre, old);
	if (!err->code)
		err->code = AWOL_EINVAL;
	return -err->code;
}

const char *awol_error_name(int code)
{
	static const char *names[] = {"ok",     "nomem",  "io",       "parse",
	                              "toobig", "inval",  "notfound", "db",
	                              "net",    "exists", "intr",     "unsupported"};
	if (code < 0)
		code = -code;
	if ((size_t)code >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[code];
}
