#define _GNU_SOURCE
#include "orgdeck_pty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

int orgdeck_pty_open(int *master, int *slave, unsigned short rows, unsigned short cols) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0) { close(m); return -1; }
    char name[128];
    if (ptsname_r(m, name, sizeof name) != 0) { close(m); return -1; }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) { close(m); return -1; }
    struct winsize size = { .ws_row = rows, .ws_col = cols };
    ioctl(m, TIOCSWINSZ, &size);
    *master = m;
    *slave = s;
    return 0;
}

int orgdeck_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int orgdeck_pty_resize(int master, unsigned short rows, unsigned short cols) {
    struct winsize size = { .ws_row = rows, .ws_col = cols };
    return ioctl(master, TIOCSWINSZ, &size);
}

pid_t orgdeck_spawn(const char *path, char *const argv[], char *const envp[],
                    int in, int out, int err, int extra, int controlling) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    // The child: only async-signal-safe calls from here to execve.
    setsid();
    if (controlling) ioctl(in, TIOCSCTTY, 0);
    // Out of the way of 0-3 first, so the dup2s below cannot clobber one another.
    int fds[4] = { in, out, err, extra };
    for (int i = 0; i < 4; i++) {
        if (fds[i] >= 0 && fds[i] <= 3) {
            int moved = fcntl(fds[i], F_DUPFD, 10);
            if (moved < 0) _exit(126);
            fds[i] = moved;
        }
    }
    for (int i = 0; i < 4; i++) {
        if (fds[i] >= 0 && dup2(fds[i], i) < 0) _exit(126);
    }
    if (fds[3] < 0) close(3);
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 4U, ~0U, 0) != 0)
#endif
    {
        long max = sysconf(_SC_OPEN_MAX);
        for (long fd = 4; fd < (max > 0 ? max : 1024); fd++) close((int)fd);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
    execve(path, argv, envp);
    _exit(127);
}
