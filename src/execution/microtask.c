/*
 * The microtask queue: a growable ring buffer of jobs kept outside the JS heap, whose Values are
 * visited as roots by a heap root callback. Outside the heap because the queue is touched on
 * every promise reaction and must not itself be subject to write barriers or relocation.
 */
#include "execution/microtask.h"

#include <stdlib.h>

typedef enum { JOB_CALL, JOB_ENGINE, JOB_CALLBACK } JobKind;

typedef struct Job {
  JobKind kind;
  int argc;
  Value realm;                  /* the Realm to run in (a heap pointer Value) or undefined */
  Value callable;               /* JOB_CALL */
  Value args[MICROTASK_MAX_ARGS];
  MicrotaskJobFn engine_fn;     /* JOB_ENGINE */
  MicrotaskCallback callback;   /* JOB_CALLBACK */
  void *data;
} Job;

typedef struct MicrotaskQueue {
  Job *jobs;
  size_t head, count, capacity; /* ring buffer */
  bool running;
  MicrotaskErrorReporter reporter;
  void *reporter_data;
  PromiseRejectionTracker tracker;
  void *tracker_data;
} MicrotaskQueue;

static void microtask_visit_roots(Isolate *iso, HeapVisitor *v, void *data) {
  MicrotaskQueue *q = data;
  for (size_t i = 0; i < q->count; i++) {
    Job *job = &q->jobs[(q->head + i) % q->capacity];
    heap_visit_value(v, &job->realm);
    heap_visit_value(v, &job->callable);
    heap_visit_values(v, job->args, MICROTASK_MAX_ARGS);
  }
}

void microtask_dispose(Isolate *iso) {
  MicrotaskQueue *q = iso->microtasks;
  if (q == NULL) return;
  heap_remove_root_callback(iso, microtask_visit_roots, q);
  free(q->jobs);
  free(q);
  iso->microtasks = NULL;
}

/* isolate_free's teardown (an embedder's petrel_isolate_dispose may have disposed it already). */
static void microtask_dispose_callback(Isolate *iso, void *data) {
  PT_UNUSED(data);
  microtask_dispose(iso);
}

MicrotaskQueue *microtask_queue(Isolate *iso) {
  if (iso->microtasks != NULL) return iso->microtasks;
  MicrotaskQueue *q = calloc(1, sizeof *q);
  if (q == NULL) return NULL;
  if (isolate_add_dispose_callback(iso, microtask_dispose_callback, NULL) < 0) {
    free(q);
    return NULL;
  }
  iso->microtasks = q;
  heap_add_root_callback(iso, microtask_visit_roots, q);
  return q;
}

static bool microtask_grow(MicrotaskQueue *q) {
  size_t cap = q->capacity ? q->capacity * 2 : 64;
  Job *jobs = malloc(cap * sizeof *jobs);
  if (jobs == NULL) return false;
  for (size_t i = 0; i < q->count; i++) jobs[i] = q->jobs[(q->head + i) % q->capacity];
  free(q->jobs);
  q->jobs = jobs;
  q->head = 0;
  q->capacity = cap;
  return true;
}

/* Reserves the tail slot, initialized to an empty job; NULL with OOM pending on failure. */
static Job *microtask_push(Isolate *iso) {
  MicrotaskQueue *q = microtask_queue(iso);
  if (q == NULL || (q->count == q->capacity && !microtask_grow(q))) {
    isolate_throw_oom(iso);
    return NULL;
  }
  Job *job = &q->jobs[(q->head + q->count) % q->capacity];
  memset(job, 0, sizeof *job);
  job->realm = iso->realm ? val_from_ptr(iso->realm) : VAL_UNDEFINED;
  job->callable = VAL_UNDEFINED;
  for (int i = 0; i < MICROTASK_MAX_ARGS; i++) job->args[i] = VAL_UNDEFINED;
  q->count++;
  return job;
}

int microtask_enqueue_call(Isolate *iso, Value callable, int argc, const Value *argv) {
  if (argc < 0 || argc > MICROTASK_MAX_ARGS) {
    rt_throw_range_error(iso, "too many arguments for a microtask");
    return -1;
  }
  Job *job = microtask_push(iso);
  if (job == NULL) return -1;
  job->kind = JOB_CALL;
  job->callable = callable;
  job->argc = argc;
  for (int i = 0; i < argc; i++) job->args[i] = argv[i];
  return 0;
}

int microtask_enqueue_job(Isolate *iso, MicrotaskJobFn fn, int argc, const Value *argv) {
  PT_ASSERT(argc >= 0 && argc <= MICROTASK_MAX_ARGS);
  Job *job = microtask_push(iso);
  if (job == NULL) return -1;
  job->kind = JOB_ENGINE;
  job->engine_fn = fn;
  job->argc = argc;
  for (int i = 0; i < argc; i++) job->args[i] = argv[i];
  return 0;
}

int microtask_enqueue_callback(Isolate *iso, MicrotaskCallback cb, void *data) {
  Job *job = microtask_push(iso);
  if (job == NULL) return -1;
  job->kind = JOB_CALLBACK;
  job->callback = cb;
  job->data = data;
  return 0;
}

size_t microtask_pending_count(Isolate *iso) {
  return iso->microtasks ? iso->microtasks->count : 0;
}

int microtask_run(Isolate *iso) {
  MicrotaskQueue *q = microtask_queue(iso);
  if (q == NULL || q->running) return 0;
  q->running = true;
  int status = 0;
  while (q->count > 0) {
    if (iso->terminating) {
      status = -1;
      break;
    }
    /* Copy the job out before running it: running may grow (reallocate) the ring. The copy lives
     * on the C stack, which the collector scans conservatively. */
    Job job = q->jobs[q->head];
    q->head = (q->head + 1) % q->capacity;
    q->count--;
    Realm *saved = iso->realm;
    if (val_is_pointer(job.realm)) iso->realm = (Realm *)val_to_ptr(job.realm);
    Value result = VAL_UNDEFINED;
    switch (job.kind) {
      case JOB_CALL:
        result = rt_call(iso, job.callable, VAL_UNDEFINED, job.argc, job.args);
        break;
      case JOB_ENGINE:
        result = job.engine_fn(iso, job.args);
        break;
      case JOB_CALLBACK:
        job.callback(iso, job.data);
        break;
    }
    iso->realm = saved;
    if (result == VAL_EXCEPTION || isolate_has_exception(iso)) {
      if (iso->terminating) {
        status = -1;
        break;
      }
      Value message = iso->pending_message;
      iso->pending_message = VAL_HOLE;
      Value exception = isolate_take_exception(iso);
      if (q->reporter) q->reporter(iso, exception, message, q->reporter_data);
    }
  }
  q->running = false;
  return status;
}

void microtask_set_error_reporter(Isolate *iso, MicrotaskErrorReporter fn, void *data) {
  MicrotaskQueue *q = microtask_queue(iso);
  if (q == NULL) return;
  q->reporter = fn;
  q->reporter_data = data;
}

void microtask_set_rejection_tracker(Isolate *iso, PromiseRejectionTracker fn, void *data) {
  MicrotaskQueue *q = microtask_queue(iso);
  if (q == NULL) return;
  q->tracker = fn;
  q->tracker_data = data;
}

void microtask_track_rejection(Isolate *iso, Value promise, Value reason, PromiseRejectOp op) {
  MicrotaskQueue *q = iso->microtasks;
  if (q != NULL && q->tracker != NULL) q->tracker(iso, promise, reason, op, q->tracker_data);
}
