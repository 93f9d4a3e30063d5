/*
 * Atomics.waitAsync support for embedders (atomics.c): an async waiter's promise is resolved on
 * its own isolate's thread, by the event loop calling this between tasks.
 */
#ifndef PETREL_BUILTINS_ATOMICS_H
#define PETREL_BUILTINS_ATOMICS_H

#include "runtime/runtime.h"

/* Resolves the promises of iso's async waiters that were notified or timed out. When none is
 * ready, first waits up to block_ms (0: do not wait) for one. Returns how many remain pending,
 * or -1 with an exception pending (termination while blocked); *resolved gets how many promises
 * it settled (run microtasks afterwards when nonzero). */
int atomics_process_async_waits(Isolate *iso, double block_ms, int *resolved);

#endif
