/*
 * libFuzzer target: the page parser (classification and extraction) and the
 * JSON serialiser on arbitrary bytes.  Built by `make fuzz` (clang).
 */
#include "util/common.h"
#include "awol/article.h"
#include "awol/page.h"
#include "awol/page_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	awol_page *pg = NULL;
	awol_parse_opts o = {0};
	char *json = NULL;

	o.source = "fuzz";
	o.url = "https://gvs--msk.sudrf.ru/modules.php?name=sud_delo&name_op=case";
	if (awol_page_parse((const char *)data, size, &o, &pg, NULL) == 0) {
		if (awol_page_to_json(pg, &json, NULL) == 0)
			free(json);
		awol_page_free(pg);
	}
	/* the charge parser takes NUL-terminated text */
	if (size < 65536) {
		char *s = malloc(size + 1);
		awol_charge *c = NULL;
		awol_article_group *g = NULL;
		size_t n = 0, ng = 0;
		if (s) {
			memcpy(s, data, size);
			s[size] = '\0';
			awol_article_parse(s, &c, &n, NULL);
			awol_charges_free(c, n);
			awol_article_parse_groups(s, &g, &ng, NULL);
			awol_article_groups_free(g, ng);
			free(s);
		}
	}
	return 0;
}
