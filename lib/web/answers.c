/*
 * Answers kept in memory (answers.h).  Few and large (a whole-country table is 10 MB):
 * a short list searched in order, the least recently used dropped first.
 */
#include "util/common.h"
#include "answers.h"

#include <pthread.h>

#define ANSWERS_MAX 32

typedef struct answer {
	int slot;
	long long version;
	char *key, *body;
	size_t n;
	unsigned long used; /* tick of the last use */
} answer;

struct web_answers {
	pthread_mutex_t mu;
	answer a[ANSWERS_MAX];
	size_t budget, bytes;
	unsigned long tick;
};

web_answers *web_answers_new(size_t budget)
{
	web_answers *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	pthread_mutex_init(&a->mu, NULL);
	a->budget = budget;
	return a;
}

static void drop(web_answers *a, answer *x)
{
	a->bytes -= x->n;
	free(x->key);
	free(x->body);
	memset(x, 0, sizeof(*x));
}

void web_answers_free(web_answers *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < ANSWERS_MAX; i++)
		drop(a, &a->a[i]);
	pthread_mutex_destroy(&a->mu);
	free(a);
}

char *web_answers_get(web_answers *a, int slot, long long version, const char *key, size_t *n)
{
	char *copy = NULL;
	size_t i;

	*n = 0;
	if (!a)
		return NULL;
	pthread_mutex_lock(&a->mu);
	for (i = 0; i < ANSWERS_MAX; i++) {
		answer *x = &a->a[i];
		if (!x->key || x->slot != slot || strcmp(x->key, key) != 0)
			continue;
		if (x->version != version) {
			drop(a, x); /* the database changed since: never given again */
			continue;
		}
		copy = malloc(x->n + 1);
		if (copy) {
			memcpy(copy, x->body, x->n + 1);
			*n = x->n;
			x->used = ++a->tick;
		}
		break;
	}
	pthread_mutex_unlock(&a->mu);
	return copy;
}

void web_answers_put(web_answers *a, int slot, long long version, const char *key, const char *body,
                     size_t n)
{
	answer *x = NULL;
	size_t i;

	if (!a || n > a->budget)
		return;
	pthread_mutex_lock(&a->mu);
	/* the same request's older answer first, then the least recently used */
	for (i = 0; i < ANSWERS_MAX; i++)
		if (a->a[i].key && a->a[i].slot == slot && strcmp(a->a[i].key, key) == 0)
			drop(a, &a->a[i]);
	for (;;) {
		answer *lru = NULL;
		x = NULL;
		for (i = 0; i < ANSWERS_MAX; i++) {
			if (!a->a[i].key)
				x = x ? x : &a->a[i];
			else if (!lru || a->a[i].used < lru->used)
				lru = &a->a[i];
		}
		if (x && a->bytes + n <= a->budget)
			break;
		if (!lru)
			break;
		drop(a, lru);
	}
	if (x && a->bytes + n <= a->budget) {
		x->key = strdup(key);
		x->body = malloc(n + 1);
		if (x->key && x->body) {
			memcpy(x->body, body, n);
			x->body[n] = '\0';
			x->slot = slot;
			x->version = version;
			x->n = n;
			x->used = ++a->tick;
			a->bytes += n;
		} else {
			free(x->key);
			free(x->body);
			memset(x, 0, sizeof(*x));
		}
	}
	pthread_mutex_unlock(&a->mu);
}
