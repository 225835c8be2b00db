#include "util/common.h"
#include "filter.h"

int cli_filter_check(const cli_command *cmd, awol_store *st, const awol_export_filter *f)
{
	awol_error err = {0};

	if (awol_export_filter_check(st, f, &err) == 0)
		return 0;
	return err.code == AWOL_EINVAL ? cli_usage_error(cmd, "%s", err.msg) : cli_report(&err);
}
