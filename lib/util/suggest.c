/* Nearest-name suggestions (lib/util/suggest.h). */
#include "util/common.h"
#include "util/suggest.h"

/* Decode UTF-8 into folded code points (invalid bytes stand for themselves). */
static uint32_t *decode(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k = 0;
	uint32_t *cp = malloc((len + 1) * sizeof(*cp));

	if (!cp)
		return NULL;
	while (i < len) {
		const unsigned char *u = (const unsigned char *)s + i;
		uint32_t c = u[0];
		size_t adv = 1;

		if ((c & 0xE0) == 0xC0 && i + 1 < len && (u[1] & 0xC0) == 0x80) {
			c = ((c & 0x1F) << 6) | (u[1] & 0x3F);
			adv = 2;
		} else if ((c & 0xF0) == 0xE0 && i + 2 < len && (u[1] & 0xC0) == 0x80 &&
		           (u[2] & 0xC0) == 0x80) {
			c = ((c & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
			adv = 3;
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (c >= 0x410 && c <= 0x42F)
			c += 0x20;
		else if (c == 0x401 || c == 0x451)
			c = 0x435;
		cp[k++] = c;
		i += adv;
	}
	*n = k;
	return cp;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t awol_edit_distance(const char *a, const char *b)
{
	uint32_t *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0, i, j, r = SIZE_MAX;
	size_t *d = NULL; /* (nx+1) x (ny+1), row-major */

	if (!a || !b)
		return SIZE_MAX;
	x = decode(a, &nx);
	y = decode(b, &ny);
	if (!x || !y || !(d = malloc((nx + 1) * (ny + 1) * sizeof(*d))))
		goto done;
#define D(i, j) d[(i) * (ny + 1) + (j)]
	for (i = 0; i <= nx; i++)
		D(i, 0) = i;
	for (j = 0; j <= ny; j++)
		D(0, j) = j;
	for (i = 1; i <= nx; i++)
		for (j = 1; j <= ny; j++) {
			size_t cost = x[i - 1] != y[j - 1];
			D(i, j) = min3(D(i - 1, j) + 1, D(i, j - 1) + 1, D(i - 1, j - 1) + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			    D(i - 2, j - 2) + 1 < D(i, j))
				D(i, j) = D(i - 2, j - 2) + 1;
		}
	r = D(nx, ny);
#undef D
done:
	free(x);
	free(y);
	free(d);
	return r;
}

const char *awol_suggest(const char *word, const char *const *candidates, size_t n, size_t max_dist)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, i;

	if (!word || !candidates)
		return NULL;
	if (max_dist == 0) {
		uint32_t *cp;
		size_t len = 0;
		if (!(cp = decode(word, &len)))
			return NULL;
		free(cp);
		max_dist = len / 3 > 1 ? len / 3 : 1;
	}
	for (i = 0; i < n; i++) {
		size_t d;
		if (!candidates[i])
			continue;
		d = awol_edit_distance(word, candidates[i]);
		if (d <= max_dist && d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}
