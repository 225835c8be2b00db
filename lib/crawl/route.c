/* The crawl's route options, checked before a crawl starts (awol_crawl_check_route). */
#include "util/common.h"
#include "awol/crawl.h"
#include "fetch/http.h"
#include "util/file.h"

int awol_crawl_check_route(const awol_crawl_opts *o, awol_error *err)
{
	awol_buf b;
	awol_error e = {0};
	int rc;

	if (o->proxy && awol_http_proxy_check(o->proxy, err) < 0)
		return -AWOL_EINVAL;
	if (!o->cacert)
		return 0;
	/* a CA bundle is a few hundred kB; the cap only keeps a wrong path from filling memory */
	awol_buf_init(&b, 64u << 20);
	rc = awol_file_read(o->cacert, &b, &e);
	if (rc < 0) /* e names the file */
		awol_error_set(err, AWOL_EINVAL, "--cacert %s", e.msg);
	else if (!strstr(awol_buf_cstr(&b), "-----BEGIN CERTIFICATE-----"))
		rc = awol_error_set(
		    err, AWOL_EINVAL,
		    "--cacert %s: no PEM certificate in it (-----BEGIN CERTIFICATE-----)",
		    o->cacert);
	awol_buf_dispose(&b);
	return rc < 0 ? -AWOL_EINVAL : 0;
}
