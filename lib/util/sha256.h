/*
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104): page hashes for
 * provenance and keyed pseudonyms for names.  No allocation.
 */
#ifndef AWOL_UTIL_SHA256_H
#define AWOL_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct awol_sha256_ctx {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t fill;
} awol_sha256_ctx;

void awol_sha256_init(awol_sha256_ctx *s);
void awol_sha256_update(awol_sha256_ctx *s, const void *data, size_t n);
void awol_sha256_final(awol_sha256_ctx *s, unsigned char out[32]);
void awol_sha256(const void *data, size_t n, unsigned char out[32]);
void awol_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                      unsigned char out[32]);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void awol_hex(const unsigned char *in, size_t n, char *out);

#endif
