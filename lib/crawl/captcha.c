/*
 * Failures and captchas of one court: backoff with jitter, the dead mark,
 * and the captcha form (image saved for a person or a solver, the court
 * parked until answered).
 */
#include "crawl_priv.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/proc.h"

#include <math.h>
#include <stdio.h>

/*
 * Too many failures in a row.  Act texts are extras: the court's cases are in,
 * so the texts still missing are left for a later run.  A server answering
 * with errors while the court has others is given up alone (its windows are
 * recorded dead, the court ends partial).  Otherwise the court is dead, and
 * every window it still had is recorded so.
 */
static void give_up(crawl *cr, court_run *c, const char *why)
{
	size_t i;

	c->failures = 0;
	if (c->cur >= c->ntasks && !c->need_chooser && !awol_urlq_peek(&c->cards)) {
		awol_urlq_clear(&c->acts);
		awol_crawl_windows_done(cr, c);
		return;
	}
	if (!c->transport && !c->need_chooser && c->cur < c->ntasks && c->servers > 1) {
		awol_crawl_server_lost(cr, c, c->tasks[c->cur].server, why);
		awol_urlq_clear(&c->cards);
		/* dead only when every server failed; its other servers' windows are kept */
		if (c->servers_lost < c->servers) {
			awol_crawl_windows_done(cr, c);
			return;
		}
	}
	c->state = C_DEAD;
	cr->s->dead++;
	for (i = c->cur; i < c->ntasks; i++)
		cr->coord->window_end(cr, c->code, &c->tasks[i], "dead", why);
}

/* A request failed: back off, or give up (see give_up) after too many in a row. */
void awol_crawl_court_fail(crawl *cr, court_run *c, const char *why, bool throttle)
{
	double back;

	c->failures++;
	c->errors++;
	cr->s->errors++;
	snprintf(c->cause, sizeof(c->cause), "%s", why);
	snprintf(cr->last_error, sizeof(cr->last_error), "%s: %s", c->code, why);
	if (throttle) {
		c->throttled++;
		cr->s->throttled++;
	}
	if (!throttle && c->cur >= c->ntasks && !c->need_chooser && !awol_urlq_peek(&c->cards) &&
	    awol_urlq_peek(&c->acts) && ++c->act_failures >= 3) {
		/*
		 * This act text is given up (it stays without text for a later
		 * run); the next one starts afresh.  Five given up in a row, or
		 * no answer at all, mean the site is not serving texts now: the
		 * rest wait for a later run too.
		 */
		c->acts.i++;
		c->act_failures = 0;
		c->failures = 0;
		if (++c->acts_skipped >= 5 || c->transport)
			awol_urlq_clear(&c->acts);
		if (!awol_urlq_peek(&c->acts)) {
			awol_crawl_windows_done(cr, c);
			return;
		}
	}
	if (c->failures >= cr->o->max_failures) {
		give_up(cr, c, why);
		return;
	}
	/* exponential backoff with jitter, from the court's own interval */
	back = cr->o->per_court_interval * pow(2.0, c->failures);
	if (back < 0.05 * c->failures)
		back = 0.05 * c->failures;
	if (back > 300)
		back = 300;
	cr->rng = cr->rng * 1103515245u + 12345u;
	back *= 0.75 + 0.5 * (double)((cr->rng >> 8) % 1000) / 1000.0;
	c->next_at = awol_crawl_now() + back;
}

void awol_crawl_court_blocked(crawl *cr, court_run *c, const char *why)
{
	size_t i;

	c->errors++;
	cr->s->errors++;
	snprintf(c->cause, sizeof(c->cause), "%s", why);
	snprintf(cr->last_error, sizeof(cr->last_error), "%s: %s", c->code, why);
	for (i = c->cur; i < c->ntasks; i++)
		cr->coord->window_end(cr, c->code, &c->tasks[i], "partial", why);
	c->state = C_DEAD; /* handed back blocked for this worker (coord_shared.c) */
}

/* Solve or park a captcha: the search form page carries the image and token. */
void awol_crawl_on_captcha_form(crawl *cr, court_run *c, const awol_page *pg)
{
	char png[1024], ans[32] = "";
	awol_buf img = AWOL_BUF_INIT;

	c->need_form = false;
	if (!pg->has_captcha || !pg->captcha.id || !pg->captcha.image_png_base64) {
		awol_crawl_court_fail(cr, c, "captcha form without an image", false);
		return;
	}
	/* base64 -> PNG file for a person or a solver */
	{
		static const char tbl[] =
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *p = pg->captcha.image_png_base64;
		unsigned v = 0;
		int bits = 0;
		for (; *p && *p != '='; p++) {
			const char *q = strchr(tbl, *p);
			if (!q)
				continue;
			v = (v << 6) | (unsigned)(q - tbl);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				awol_buf_putc(&img, (char)((v >> bits) & 0xFF), NULL);
			}
		}
	}
	awol_file_mkdirs(cr->captcha_dir, 0755, NULL);
	snprintf(png, sizeof(png), "%s/%s.png", cr->captcha_dir, c->host);
	awol_file_write_atomic(png, awol_buf_cstr(&img), img.len, 0644, NULL);
	awol_buf_dispose(&img);
	snprintf(c->captchaid, sizeof(c->captchaid), "%s", pg->captcha.id);
	c->captcha[0] = '\0';
	if (cr->o->captcha_cmd) {
		/* no shell: the database path (and so the PNG path) may hold any byte */
		const char *const argv[] = {cr->o->captcha_cmd, png, NULL};
		if (awol_proc_capture(argv,
		                      cr->o->captcha_timeout > 0 ? cr->o->captcha_timeout : 60, ans,
		                      sizeof(ans), NULL) < 0)
			ans[0] = '\0';
		ans[strcspn(ans, " \t\r\n")] = '\0';
	}
	cr->coord->captcha_wait(cr, c, png);
	if (ans[0] && ++c->solves <= 3) {
		snprintf(c->captcha, sizeof(c->captcha), "%s", ans);
		if (cr->share) /* answered once for every worker */
			awol_crawl_share_captcha_solved(cr, c);
		c->next_at = awol_crawl_now() + cr->o->per_court_interval;
		return;
	}
	c->state = C_CAPTCHA; /* put aside: `awol captcha answer` resumes it next run */
	cr->s->captcha++;
	if (c->cur < c->ntasks)
		cr->coord->window_end(cr, c->code, &c->tasks[c->cur], "captcha",
		                      "waiting for a captcha answer");
}
