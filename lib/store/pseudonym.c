/*
 * Keyed pseudonyms for names.  The key (32 random bytes) lives in a file
 * next to the database with mode 0600, never inside it: the database alone
 * reveals no names, while the same person always maps to the same pseudonym.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/text.h"
#include "store_priv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <unistd.h>

bool awol_store_name_hidden(const char *name)
{
	return !name || !*name || awol_text_icontains(name, "Информация скрыта") ||
	       awol_text_icontains(name, "скрыта");
}

/*
 * The folders of a key file that does not exist yet (~/.config/awol/key on a fresh
 * machine), made 0700: they hold a secret.
 */
static void make_parents(const char *path)
{
	char d[4096], *p;

	snprintf(d, sizeof(d), "%s", path);
	for (p = strchr(d + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST)
			return;
		*p = '/';
	}
}

static int load_key(awol_store *st, awol_error *err)
{
	awol_buf b;
	int rc, fd, e;
	unsigned char k[32];
	size_t got = 0;

	if (st->have_key)
		return 0;
	awol_buf_init(&b, 1024);
	if (access(st->key_path, F_OK) == 0) {
		rc = awol_file_read(st->key_path, &b, err);
		if (rc == 0 && b.len != 32)
			rc = awol_error_set(err, AWOL_EPARSE,
			                    "%s: pseudonym key must be 32 bytes, found %zu",
			                    st->key_path, b.len);
		if (rc == 0) {
			memcpy(st->key, b.ptr, 32);
			st->have_key = true;
		}
		awol_buf_dispose(&b);
		return rc;
	}
	awol_buf_dispose(&b);
	while (got < sizeof(k)) {
		ssize_t n = getrandom(k + got, sizeof(k) - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return awol_error_set(err, AWOL_EIO, "getrandom: %s", strerror(errno));
		}
		got += (size_t)n;
	}
	/*
	 * Two processes racing to create the key must not end with two keys, nor read a
	 * key half written: it is written whole to a temporary file, then link(2)ed into
	 * place, which fails if another process got there first (its key is used then).
	 */
	{
		char tmp[4096];
		snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", st->key_path, (long)getpid());
		make_parents(st->key_path);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0)
			return awol_error_set(err, AWOL_EIO, "%s: cannot create pseudonym key: %s",
			                      st->key_path, strerror(errno));
		if (write(fd, k, sizeof(k)) != (ssize_t)sizeof(k) || fsync(fd) < 0) {
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
			close(fd);
			unlink(tmp);
			return rc;
		}
		close(fd);
		rc = link(tmp, st->key_path);
		e = errno;
		unlink(tmp);
		if (rc < 0) {
			if (e == EEXIST)
				return load_key(st, err);
			return awol_error_set(err, AWOL_EIO, "%s: cannot create pseudonym key: %s",
			                      st->key_path, strerror(e));
		}
	}
	memcpy(st->key, k, sizeof(k));
	st->have_key = true;
	return 0;
}

/*
 * The key in use is the one the database's pseudonyms were made with: meta.key_check
 * holds a keyed hash of a constant (it reveals nothing of the key), written with the
 * first pseudonym.  A collector of a team that forgot to copy the team's key file would
 * otherwise give every person a second pseudonym, silently.
 */
static int use_key(awol_store *st, awol_error *err)
{
	static const char probe[] = "awol key check";
	unsigned char mac[32];
	char want[17], *have = NULL;
	int rc;

	if (st->have_key)
		return 0;
	rc = load_key(st, err);
	if (rc < 0)
		return rc;
	awol_hmac_sha256(st->key, sizeof(st->key), probe, sizeof(probe) - 1, mac);
	awol_hex(mac, 8, want);
	rc = awol_store_meta_get(st, "key_check", &have, err);
	if (rc == 0 && !have && !st->read_only)
		rc = awol_store_meta_set(st, "key_check", want, err);
	else if (rc == 0 && have && strcmp(have, want) != 0)
		rc = awol_error_set(err, AWOL_EINVAL,
		                    "%s: the pseudonym key %s is not the one this database's "
		                    "pseudonyms were made with (give the right one with --key: a "
		                    "team shares one key file)",
		                    st->path, st->key_path);
	free(have);
	if (rc < 0) {
		st->have_key = false;
		memset(st->key, 0, sizeof(st->key));
	}
	return rc;
}

/* Trim, collapse white space, upper-case (ASCII and Cyrillic), Ё -> Е. */
static char *normalise(const char *name)
{
	char *s = strdup(name), *r;
	unsigned char *p;

	if (!s)
		return NULL;
	awol_text_clean(s);
	for (r = s; *r; r++)
		if (*r == '\n')
			*r = ' ';
	for (p = (unsigned char *)s; *p; p++) {
		if (*p < 0x80) {
			if (*p >= 'a' && *p <= 'z')
				*p = (unsigned char)(*p - 32);
		} else if (p[0] == 0xD0 && p[1] >= 0xB0 && p[1] <= 0xBF) {
			p[1] = (unsigned char)(p[1] - 0x20); /* а-п -> А-П */
			p++;
		} else if (p[0] == 0xD1 && p[1] >= 0x80 && p[1] <= 0x8F) {
			p[0] = 0xD0; /* р-я -> Р-Я */
			p[1] = (unsigned char)(p[1] + 0x20);
			p++;
		} else if (p[0] == 0xD1 && p[1] == 0x91) { /* ё */
			p[0] = 0xD0;
			p[1] = 0x95;
			p++;
		} else if (p[0] == 0xD0 && p[1] == 0x81) { /* Ё */
			p[1] = 0x95;
			p++;
		}
	}
	return s;
}

int awol_store_stem_hash(awol_store *st, const char *stem, char out[17], awol_error *err)
{
	unsigned char mac[32];
	char msg[80];
	int n;

	if (use_key(st, err) < 0)
		return -AWOL_EIO;
	n = snprintf(msg, sizeof(msg), "stem:%s", stem);
	awol_hmac_sha256(st->key, sizeof(st->key), msg, (size_t)n, mac);
	awol_hex(mac, 8, out);
	return 0;
}

char *awol_store_pseudonym(awol_store *st, const char *name, awol_error *err)
{
	unsigned char mac[32];
	char *norm, *hex;

	if (use_key(st, err) < 0)
		return NULL;
	norm = normalise(name);
	hex = malloc(33);
	if (!norm || !hex) {
		free(norm);
		free(hex);
		awol_error_set(err, AWOL_ENOMEM, "out of memory");
		return NULL;
	}
	awol_hmac_sha256(st->key, sizeof(st->key), norm, strlen(norm), mac);
	awol_hex(mac, 16, hex);
	free(norm);
	return hex;
}
