/* Private to lib/verdict: what the reader's parts share. */
#ifndef AWOL_VERDICT_PRIV_H
#define AWOL_VERDICT_PRIV_H

#include "awol/verdict.h"
#include "vtext.h"

#define VD_MAX_DEF 16
#define VD_MAX_CAND 8
#define VD_MAX_PIECES 64

/* A stretch of the resolutive part that speaks of some defendants. */
typedef struct vd_range {
	size_t a, b;
	bool carried;  /* names nobody after a joint sentence of several: whose, is not sure */
	bool labelled; /* its item names the defendant */
} vd_range;

/* One punishment read from one piece (partial, sole or final). */
typedef struct vd_cand {
	const char *type;
	int months; /* -1 none, -2 redacted */
	bool type_redacted;
	long long fine;
	const char *regime;
	bool regime_redacted;
	bool final, partial;
	size_t a, b; /* evidence */
} vd_cand;

/* Everything read about one defendant before it is resolved into a record. */
typedef struct vd_acc {
	char *label;       /* as written (first occurrence) */
	char key[64];      /* folded identity: «фио1», «ива|и.и.» */
	unsigned outcomes; /* bit per outcome */
	int convictions;   /* pieces that convict him: more than one, two people share a label */
	vd_range out_ev[8];
	awol_verdict_article arts[AWOL_VERDICT_MAX_ARTICLES];
	size_t narts;
	vd_cand cand[VD_MAX_CAND];
	size_t ncand;
	bool suspended;
	int probation; /* -1 none, -2 redacted */
	vd_range susp_ev;
	const char *regime; /* from a piece that names only the regime */
	bool regime_redacted, regime_conflict;
	vd_range regime_ev;
	bool below_min;
	bool susp_unsure;   /* a suspension in a piece that names nobody, with several defendants */
	bool susp_labelled; /* a suspension in a piece that names him */
	unsigned additional; /* bit per additional punishment */
	vd_range pieces[VD_MAX_PIECES];
	size_t npieces;
	size_t intro_at; /* first occurrence of the label before the resolutive part */
} vd_acc;

enum { VD_CONVICTED, VD_ACQUITTED, VD_TERMINATED, VD_PAUSED, VD_RETURNED, VD_MEDICAL, VD_NOUT };

/* punish.c: read one piece into the accumulators of its defendants; `shared`: the piece
 * names nobody and the act has several defendants (whose suspension it is, is not sure) */
void vd_punishment_piece(const vtext *t, size_t a, size_t b, bool shared, vd_acc *acc);
/* punish.c: the punishment record of a convicted defendant; *ev is its evidence range list */
void vd_punishment_resolve(const vtext *t, vd_acc *acc, awol_verdict_defendant *d);
/* articles.c: charge references «ч. 5 ст. 337 УК РФ» in [a, b) appended to acc */
void vd_articles(const vtext *t, size_t a, size_t b, vd_acc *acc);
/* facts.c: service status and the absence, from the parts before the resolutive one */
void vd_service(const vtext *t, size_t a, size_t b, awol_verdict_defendant *d);
void vd_absence(const vtext *t, size_t a, size_t b, awol_verdict_defendant *d);
/* the ground of a termination or pause read in [a, b) */
const char *vd_ground(const vtext *t, size_t a, size_t b, int outcome);

#endif
