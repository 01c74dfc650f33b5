#ifndef ORGDECK_THREAD_H
#define ORGDECK_THREAD_H

/// Starts `body(context)` on a new detached thread that is queued on a core other than the
/// caller's, then allows it every core again (the scheduler may still move it). Returns 0 when
/// started that way; -1 when the process may use only one core or placing failed, in which case
/// nothing was started and the caller starts the work its own way.
int orgdeck_start_on_other_core(void *(*body)(void *), void *context);

#endif
