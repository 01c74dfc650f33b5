#ifndef ORGDECK_PTY_H
#define ORGDECK_PTY_H

#include <sys/types.h>

/// Opens a pseudo-terminal pair sized `rows`×`cols`: the master (close-on-exec) and the slave.
/// Returns 0, or -1 with errno set.
int orgdeck_pty_open(int *master, int *slave, unsigned short rows, unsigned short cols);

/// A pipe whose both ends close on exec (`pipe2` with O_CLOEXEC, which Swift cannot see).
int orgdeck_pipe(int fds[2]);

/// Tells the terminal its new size; the kernel signals SIGWINCH to its foreground process group.
int orgdeck_pty_resize(int master, unsigned short rows, unsigned short cols);

/// Starts `path` with `argv` and `envp` in a session of its own: `in`, `out` and `err` become
/// its descriptors 0, 1 and 2, `extra` (or -1) its descriptor 3, every other descriptor is closed,
/// signals are back to their defaults, and with `controlling` the terminal on `in` becomes its
/// controlling terminal. Returns the child's pid, or -1 with errno set.
pid_t orgdeck_spawn(const char *path, char *const argv[], char *const envp[],
                    int in, int out, int err, int extra, int controlling);

#endif
