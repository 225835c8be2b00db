#include "util/common.h"
#include "util/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int awol_proc_capture(const char *const argv[], double timeout, char *out, size_t outsz,
                      awol_error *err)
{
	posix_spawn_file_actions_t fa;
	int fd[2] = {-1, -1}, rc = 0, status = 0, e;
	pid_t pid = -1;
	size_t got = 0;
	double end = mono_now() + timeout;
	bool timed_out = false;

	if (outsz)
		out[0] = '\0';
	if (pipe2(fd, O_CLOEXEC) < 0)
		return awol_error_set(err, AWOL_EIO, "%s: cannot make a pipe: %s", argv[0],
		                      strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	/* posix_spawnp takes char *const[] for history's sake; it writes nothing */
	e = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)(uintptr_t)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (e != 0) {
		close(fd[0]);
		return awol_error_set(err, AWOL_EIO, "%s: cannot run: %s", argv[0], strerror(e));
	}
	for (;;) {
		char buf[256];
		struct pollfd p = {fd[0], POLLIN, 0};
		double left = end - mono_now();
		ssize_t n;

		if (left <= 0) {
			timed_out = true;
			break;
		}
		e = poll(&p, 1, (int)(left * 1000) + 1);
		if (e < 0 && errno == EINTR)
			continue;
		if (e <= 0)
			continue; /* the deadline is checked above */
		n = read(fd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* end of its output */
		if (outsz && got < outsz - 1) {
			size_t k = (size_t)n < outsz - 1 - got ? (size_t)n : outsz - 1 - got;
			memcpy(out + got, buf, k);
			got += k;
			out[got] = '\0';
		}
	}
	close(fd[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	/* output closed: the program is ending; wait for it within the time limit */
	while (!timed_out) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			break;
		if (mono_now() >= end) {
			timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		usleep(10000);
	}
	if (timed_out) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (outsz)
			out[0] = '\0';
		return awol_error_set(err, AWOL_EINTR, "%s: killed after %.0f s without an answer",
		                      argv[0], timeout);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (outsz)
			out[0] = '\0';
		if (WIFSIGNALED(status))
			rc = awol_error_set(err, AWOL_EIO, "%s: killed by signal %d", argv[0],
			                    WTERMSIG(status));
		else
			rc = awol_error_set(err, AWOL_EIO, "%s: exit status %d", argv[0],
			                    WEXITSTATUS(status));
	}
	return rc;
}
