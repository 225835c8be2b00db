/*
 * libFuzzer target: the published-figures CSV reader on arbitrary bytes.  What it accepts
 * must keep its promises: finite values, valid geography, unique ids.  Built by `make
 * fuzz` (clang).
 */
#include "util/common.h"
#include "awol/figures.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	awol_figure_list l;
	size_t i;

	if (awol_figures_parse("fuzz.csv", (const char *)data, size, &l, NULL) == 0) {
		for (i = 0; i < l.n; i++)
			if (!isfinite(l.items[i].value) ||
			    !awol_figures_geography_valid(l.items[i].geography) ||
			    awol_figures_find(&l, l.items[i].id) != &l.items[i])
				abort();
		awol_figures_dispose(&l);
	}
	return 0;
}
