/* URL queues of the crawler: cards of a listing page, act texts of a court. */
#include "crawl_priv.h"

int awol_urlq_push(urlq *q, const char *url)
{
	char *u;

	if (q->n == q->cap) {
		size_t nc = q->cap ? q->cap * 2 : 32;
		char **n = realloc(q->url, nc * sizeof(*n));
		if (!n)
			return -AWOL_ENOMEM;
		q->url = n;
		q->cap = nc;
	}
	u = strdup(url);
	if (!u)
		return -AWOL_ENOMEM;
	q->url[q->n++] = u;
	return 0;
}

const char *awol_urlq_peek(const urlq *q)
{
	return q->i < q->n ? q->url[q->i] : NULL;
}

void awol_urlq_clear(urlq *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->url[i]);
	q->n = q->i = 0;
}

void awol_urlq_dispose(urlq *q)
{
	if (!q)
		return;
	awol_urlq_clear(q);
	free(q->url);
	q->url = NULL;
	q->cap = 0;
}
