/*
 * libFuzzer target: the claims-file reader (YAML) on arbitrary bytes, and the verdicts on
 * whatever it accepts, against the bundled figures.  Built by `make fuzz` (clang).
 */
#include "util/common.h"
#include "awol/claims.h"
#include "awol/figures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static awol_figure_list figs;
	static bool loaded;
	awol_claims cs;

	if (!loaded) {
		if (awol_figures_load_default(&figs, NULL) < 0)
			abort();
		loaded = true;
	}
	if (awol_claims_parse("fuzz.yaml", (const char *)data, size, &cs, NULL) == 0) {
		awol_claims_check(&cs, &figs, NULL, NULL);
		awol_claims_dispose(&cs);
	}
	return 0;
}
