// The CPU-set macros and the affinity calls are GNU extensions Swift cannot import.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include "orgdeck_thread.h"

int orgdeck_start_on_other_core(void *(*body)(void *), void *context) {
    cpu_set_t allowed, others;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    int current = sched_getcpu();
    if (current < 0) return -1;
    others = allowed;
    CPU_CLR(current, &others);
    if (CPU_COUNT(&others) == 0) return -1;

    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return -1;
    int failed = pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED)
        || pthread_attr_setaffinity_np(&attributes, sizeof others, &others);
    pthread_t thread;
    if (!failed) failed = pthread_create(&thread, &attributes, body, context);
    pthread_attr_destroy(&attributes);
    if (failed) return -1;
    // Queued on another core by now. A thread that has already finished makes this fail, harmlessly.
    pthread_setaffinity_np(thread, sizeof allowed, &allowed);
    return 0;
}
