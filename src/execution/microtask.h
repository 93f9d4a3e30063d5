/*
 * The microtask queue (ECMA-262 9.5 "Jobs and Host Operations to Enqueue Jobs"): a FIFO of jobs
 * run to exhaustion at a microtask checkpoint. A job is either a JavaScript callable with
 * arguments, an engine job (a C function over up to MICROTASK_MAX_ARGS Values, used by promises
 * for PromiseReactionJob / PromiseResolveThenableJob), or an embedder C callback with a pointer.
 * Values held by queued jobs are GC roots (registered with heap_add_root_callback).
 *
 * The queue also carries the host hooks of the job machinery: the error reporter for jobs that
 * throw (HostReportErrors) and the promise rejection tracker (HostPromiseRejectionTracker).
 */
#ifndef PETREL_EXECUTION_MICROTASK_H
#define PETREL_EXECUTION_MICROTASK_H

#include "runtime/runtime.h"

#define MICROTASK_MAX_ARGS 3

/* An engine job: returns VAL_EXCEPTION with an exception pending when it throws. */
typedef Value (*MicrotaskJobFn)(Isolate *iso, Value *args);
/* An embedder job: cannot throw into the engine. */
typedef void (*MicrotaskCallback)(Isolate *iso, void *data);
/* Reports an exception thrown by a job (the queue goes on with the next job). */
typedef void (*MicrotaskErrorReporter)(Isolate *iso, Value exception, Value message, void *data);

/* HostPromiseRejectionTracker operations. */
typedef enum { PROMISE_REJECT_WITH_NO_HANDLER = 0, PROMISE_HANDLER_ADDED_AFTER_REJECT = 1 } PromiseRejectOp;
typedef void (*PromiseRejectionTracker)(Isolate *iso, Value promise, Value reason, PromiseRejectOp op,
                                        void *data);

/* The isolate's queue, created on first use (iso->microtasks). NULL only when out of memory. */
struct MicrotaskQueue *microtask_queue(Isolate *iso);
/* Frees the queue; call before isolate_free. */
void microtask_dispose(Isolate *iso);

/* Enqueue. Each returns 0, or -1 with an exception pending when out of memory. Jobs run in the
 * realm that was current when they were enqueued unless the callable switches realms itself. */
int microtask_enqueue_call(Isolate *iso, Value callable, int argc, const Value *argv);
int microtask_enqueue_job(Isolate *iso, MicrotaskJobFn fn, int argc, const Value *argv);
int microtask_enqueue_callback(Isolate *iso, MicrotaskCallback cb, void *data);

/* Runs jobs until the queue is empty (a microtask checkpoint). Jobs enqueued while running run in
 * the same checkpoint. A job that throws is reported (see microtask_set_error_reporter) and the
 * next job runs. Returns 0, or -1 when execution is terminating (the remaining jobs stay queued).
 * Re-entrant calls (a checkpoint from inside a job) return 0 at once. */
int microtask_run(Isolate *iso);
size_t microtask_pending_count(Isolate *iso);

void microtask_set_error_reporter(Isolate *iso, MicrotaskErrorReporter fn, void *data);
void microtask_set_rejection_tracker(Isolate *iso, PromiseRejectionTracker fn, void *data);
/* Calls the tracker if one is installed (HostPromiseRejectionTracker). */
void microtask_track_rejection(Isolate *iso, Value promise, Value reason, PromiseRejectOp op);

#endif
