/*
 * Isolate control: what other threads may do to an isolate, and which thread may use it.
 *
 *   - The LOCK hands an isolate between threads (petrel_locker_*): one thread holds it at a time,
 *     recursively. Taking it on a new thread re-derives the stack limit for that thread.
 *   - The OWNER is the thread allowed to run code in the isolate: the creating thread until a
 *     locker is used, then whichever thread holds the lock. API entry points check it (cheap: one
 *     atomic load and a compare).
 *   - INTERRUPT REQUESTS (callback + data) may be queued from any thread; they run on the owner
 *     thread at its next poll (isolate_poll), in the order requested.
 *   - The FOREGROUND TASK QUEUE holds tasks for the isolate's thread posted through the platform
 *     (api/api-platform.c); the embedder runs them by pumping the message loop.
 *
 * Everything here that another thread touches is behind `mutex` or atomic.
 */
#ifndef PETREL_EXECUTION_ISOLATE_CONTROL_H
#define PETREL_EXECUTION_ISOLATE_CONTROL_H

#include "execution/isolate.h"

#include <pthread.h>

typedef void (*IsolateInterruptFn)(Isolate *iso, void *data);
typedef void (*IsolateTaskFn)(void *data);

typedef struct IsolateInterrupt {
  struct IsolateInterrupt *next;
  IsolateInterruptFn fn;
  void *data;
} IsolateInterrupt;

typedef struct IsolateTask {
  struct IsolateTask *next;
  IsolateTaskFn fn;
  void *data;
  double due_ms; /* monotonic time at which it may run (0: now) */
  uint64_t seq;  /* FIFO order among tasks due at the same time */
} IsolateTask;

typedef struct IsolateControl {
  /* The thread that may run code: an opaque per-thread id (isolate_thread_id). */
  _Atomic uintptr_t owner;
  /* The locker: recursive; `lock_depth` counts nested locks by the holder. */
  pthread_mutex_t lock;
  pthread_cond_t lock_free;
  uintptr_t lock_holder; /* 0: nobody */
  unsigned lock_depth;
  bool locker_used;      /* a locker has been taken once: owner follows the lock from then on */
  size_t stack_limit_bytes; /* from the isolate parameters (0: from the thread's stack) */

  /* Guards the interrupt list and the foreground task queue. */
  pthread_mutex_t mutex;
  pthread_cond_t task_posted;
  IsolateInterrupt *interrupts, **interrupts_tail;
  IsolateTask *tasks; /* sorted by (due_ms, seq) */
  uint64_t task_seq;
  bool running_interrupts;

  /* Backing stores of ArrayBuffers (builtins/array-buffer.c); NULL: calloc/free. */
  const struct ArrayBufferAllocator *array_buffer_allocator;
  /* Isolate parameters kept for the API (api/api-control.c). */
  size_t initial_young_bytes, max_young_bytes;
  struct ApiControl *api; /* the API layer's per-isolate control state (made on first use) */
} IsolateControl;

/* A small integer identifying the calling thread, never 0. */
uintptr_t isolate_thread_id(void);

/* Created by isolate_new, freed by isolate_free. Returns -1 when out of C memory. */
int isolate_control_init(Isolate *iso);
void isolate_control_free(Isolate *iso);

/* Is the calling thread the one allowed to run code in iso? */
static inline bool isolate_on_owner_thread(Isolate *iso) {
  return atomic_load_explicit(&iso->control->owner, memory_order_relaxed) == isolate_thread_id();
}

/* The locker (petrel_locker_lock/unlock). Lock blocks while another thread holds it; nesting on
 * the same thread is allowed. The first lock on a thread makes it the owner and re-derives the
 * stack limit. */
void isolate_lock(Isolate *iso);
/* Returns false (nothing done) when the calling thread does not hold the lock. */
bool isolate_unlock(Isolate *iso);
bool isolate_is_locked_by_me(Isolate *iso);
/* Re-derives the stack limits for the calling thread, honouring stack_limit_bytes. */
void isolate_set_stack_for_thread(Isolate *iso);

/* Thread-safe: queues fn(iso, data) to run on the isolate's thread at its next poll. Returns -1
 * when out of C memory. */
int isolate_request_interrupt_callback(Isolate *iso, IsolateInterruptFn fn, void *data);
/* On the isolate's thread: runs the queued interrupt callbacks (isolate_handle_interrupts). */
void isolate_run_interrupt_callbacks(Isolate *iso);

/* Thread-safe: queues a foreground task (delay_ms >= 0). Returns -1 when out of C memory. */
int isolate_post_task(Isolate *iso, IsolateTaskFn fn, void *data, double delay_ms);
/* On the isolate's thread: runs one due task and returns true; with none due, waits for one when
 * `wait` (until one is due), else returns false. */
bool isolate_run_one_task(Isolate *iso, bool wait);
/* The number of queued foreground tasks (due or not). */
size_t isolate_pending_tasks(Isolate *iso);

#endif
