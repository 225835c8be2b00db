#include "util/common.h"
#include "listing.h"

#include <jansson.h>

size_t cli_listing_print(FILE *out, const json_t *rows, const awol_listing_cols *c, cli_format fmt)
{
	cli_table t;
	size_t i, k;

	if (fmt == CLI_FMT_JSON) {
		char *s = json_dumps(rows, JSON_INDENT(2));
		if (s)
			fprintf(out, "%s\n", s);
		free(s);
		return json_array_size(rows);
	}
	cli_table_init(&t, c->names, c->n, c->numeric);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		const char *v[16] = {0};
		char num[16][32];
		for (k = 0; k < c->n && k < 16; k++) {
			const json_t *x = json_object_get(o, c->names[k]);
			if (json_is_integer(x)) {
				snprintf(num[k], sizeof(num[k]), "%" JSON_INTEGER_FORMAT,
				         json_integer_value(x));
				v[k] = num[k];
			} else if (json_is_string(x))
				v[k] = json_string_value(x);
		}
		cli_table_add(&t, v);
	}
	cli_table_print(out, &t, fmt);
	i = t.nrows;
	cli_table_dispose(&t);
	return i;
}
