/*
 * libFuzzer target: the verdict reader, its JSON and the name masking on
 * arbitrary bytes (texts are UTF-8 by contract, but nothing may crash on
 * others).  Every label it gives is text from the input.  Built by `make fuzz`.
 */
#include "util/common.h"
#include "awol/verdict.h"

static char *keep(void *ctx, const char *label)
{
	(void)ctx;
	return strdup(label);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *js = NULL, *m;
	awol_verdict *v = NULL;
	size_t i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (awol_verdict_read(text, size, &v, NULL) == 0) {
		for (i = 0; i < v->ndefendants; i++)
			if (v->defendants[i].label && !memchr(text, '\0', size) &&
			    !strstr(text, v->defendants[i].label) &&
			    !strchr(v->defendants[i].label, ' '))
				abort();
		if (awol_verdict_to_json(v, "fuzz", NULL, &js, NULL) == 0)
			free(js);
		awol_verdict_free(v);
	}
	/* masking with the identity changes nothing */
	m = awol_verdict_mask_names(text, keep, NULL);
	if (m && !memchr(text, '\0', size) && !strpbrk(text, "\n\t\r\v\f") && !strstr(text, "  ") &&
	    strcmp(m, text) != 0)
		abort();
	free(m);
	free(text);
	return 0;
}
