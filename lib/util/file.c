#include "util/common.h"
#include "util/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int awol_file_read(const char *path, awol_buf *out, awol_error *err)
{
	int fd = -1, rc = 0;
	char chunk[65536];
	ssize_t n;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		rc = awol_buf_put(out, chunk, (size_t)n, err);
		if (rc < 0) {
			awol_error_prefix(err, "%s: ", path);
			goto done;
		}
	}
	if (!out->ptr)
		rc = awol_buf_put(out, "", 0, err);
done:
	if (fd > 2)
		close(fd);
	return rc;
}

int awol_file_write_atomic(const char *path, const void *data, size_t len, int mode,
                           awol_error *err)
{
	char *tmp = NULL;
	size_t tlen = strlen(path) + 32;
	int fd = -1, rc = 0;
	const char *p = data;

	tmp = malloc(tlen);
	if (!tmp)
		return awol_error_set(err, AWOL_ENOMEM, "%s: out of memory", path);
	snprintf(tmp, tlen, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
			goto done;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp)
		unlink(tmp);
	free(tmp);
	return rc;
}

int awol_file_mkdirs(const char *path, int mode, awol_error *err)
{
	char *p = strdup(path);
	char *s;
	int rc = 0;

	if (!p)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
			rc = awol_error_set(err, AWOL_EIO, "%s: %s", p, strerror(errno));
			goto done;
		}
		*s = '/';
	}
	if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
		rc = awol_error_set(err, AWOL_EIO, "%s: %s", p, strerror(errno));
done:
	free(p);
	return rc;
}
