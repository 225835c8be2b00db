/*
 * Verdict reader benchmark: act texts of realistic length (the resolutive
 * parts of tests/fixtures/verdict/ behind an introduction and a reasoning
 * of about 20 KB, as real art. 337 verdicts run), read in a loop on one core.
 *
 * usage: bench_verdict [DIR] [ROUNDS]
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "awol/verdict.h"

#include <dirent.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The body every text gets before its resolutive part: the parts a real verdict has. */
static const char INTRO[] =
    "ПРИГОВОР\nИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ\nДД.ММ.ГГГГ г. <адрес>\n"
    "Военный суд в составе председательствующего судьи Орлова А.А., при секретаре судебного "
    "заседания ФИО3, с участием государственного обвинителя - помощника военного прокурора "
    "гарнизона <данные изъяты> ФИО4, подсудимого ФИО1, защитника - адвоката ФИО5, "
    "рассмотрев в открытом судебном заседании в помещении суда уголовное дело в отношении "
    "военнослужащего войсковой части <номер> рядового ФИО1, родившегося ДД.ММ.ГГГГ в "
    "<адрес>, со средним общим образованием, холостого, несудимого, проходящего военную "
    "службу по контракту с ДД.ММ.ГГГГ, обвиняемого в совершении преступления, "
    "предусмотренного ч. 5 ст. 337 УК РФ,\nУСТАНОВИЛ:\n"
    "ФИО1, желая временно уклониться от исполнения обязанностей военной службы, 3 марта "
    "2023 г. самовольно оставил место службы и проводил время по своему усмотрению до 17 "
    "мая 2023 г., когда был задержан сотрудниками военной полиции.\n";
static const char REASON[] =
    "В судебном заседании подсудимый ФИО1 вину в совершении инкриминируемого ему деяния "
    "признал полностью, в содеянном раскаялся и показал, что при обстоятельствах, изложенных "
    "в описательной части приговора, он самовольно оставил воинскую часть, поскольку желал "
    "отдохнуть от военной службы и решить личные вопросы. Помимо личного признания, вина "
    "подсудимого подтверждается показаниями свидетелей ФИО6 и ФИО7, протоколами следственных "
    "действий, заключением военно-врачебной комиссии и иными доказательствами, исследованными "
    "в судебном заседании. Оценив исследованные доказательства в их совокупности, суд "
    "признает их относимыми, допустимыми и достоверными, а вину подсудимого доказанной.\n";

typedef struct text {
	char *s;
	size_t n;
} text;

static int load(const char *dir, text **out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		awol_buf raw;
		const char *p, *q;
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		awol_buf_init(&raw, (size_t)64 << 20);
		if (awol_file_read(path, &raw, NULL) < 0)
			continue;
		for (p = raw.ptr; p && (p = strstr(p, "### ")) != NULL; p = q) {
			const char *body = strchr(p, '\n'), *end;
			awol_buf b;
			int k;
			q = body ? strstr(body, "### ") : NULL;
			if (!body)
				break;
			end = strstr(body, "\n--- expect");
			if (!end || (q && end > q))
				end = q ? q : raw.ptr + raw.len;
			awol_buf_init(&b, (size_t)1 << 24);
			awol_buf_puts(&b, INTRO, NULL);
			for (k = 0; k < 12; k++)
				awol_buf_puts(&b, REASON, NULL);
			awol_buf_puts(
			    &b, "На основании изложенного, руководствуясь ст. 307-309 УПК РФ,\n",
			    NULL);
			awol_buf_put(&b, body, (size_t)(end - body), NULL);
			if (*n == cap) {
				cap = cap ? cap * 2 : 128;
				*out = realloc(*out, cap * sizeof(**out));
			}
			(*out)[*n].n = b.len;
			(*out)[(*n)++].s = awol_buf_detach(&b);
		}
		awol_buf_dispose(&raw);
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fixtures/verdict";
	long rounds = argc > 2 ? strtol(argv[2], NULL, 10) : 50, r;
	text *texts;
	size_t n, i, reads = 0, defs = 0;
	double t0, dt, bytes = 0;

	if (load(dir, &texts, &n) < 0 || n == 0) {
		fprintf(stderr, "bench_verdict: no cases under %s\n", dir);
		return 1;
	}
	t0 = now();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++) {
			awol_verdict *v = NULL;
			if (awol_verdict_read(texts[i].s, texts[i].n, &v, NULL) == 0)
				defs += v->ndefendants;
			awol_verdict_free(v);
			reads++;
			bytes += (double)texts[i].n;
		}
	dt = now() - t0;
	printf("verdict: %zu texts (%zu cases x %ld rounds, %.1f KB each on average), %.1f MB in "
	       "%.2f s: %.0f texts/s, %.1f MB/s (%zu defendant records)\n",
	       reads, n, rounds, bytes / (double)reads / 1024, bytes / 1e6, dt, (double)reads / dt,
	       bytes / 1e6 / dt, defs);
	for (i = 0; i < n; i++)
		free(texts[i].s);
	free(texts);
	return 0;
}
