/*
 * Isolate control: the locker, the owner thread, interrupt requests and the foreground task queue
 * (isolate-control.h).
 */
#define _GNU_SOURCE 1
#include "execution/isolate-control.h"

#include "base/time.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

/* Numbered on first use, never reused (a thread-local's address would be: a new thread may get
 * the memory of one that exited, and with it a dead thread's ownership). */
static _Atomic uintptr_t next_thread_id = 1;
static _Thread_local uintptr_t thread_id;
uintptr_t isolate_thread_id(void) {
  if (PT_UNLIKELY(thread_id == 0)) thread_id = atomic_fetch_add(&next_thread_id, 1);
  return thread_id;
}

int isolate_control_init(Isolate *iso) {
  IsolateControl *c = calloc(1, sizeof *c);
  if (c == NULL) return -1;
  atomic_init(&c->owner, isolate_thread_id());
  pthread_mutex_init(&c->lock, NULL);
  pthread_cond_init(&c->lock_free, NULL);
  pthread_mutex_init(&c->mutex, NULL);
  /* Waits for delayed tasks use the monotonic clock, like their due times. */
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&c->task_posted, &attr);
  pthread_condattr_destroy(&attr);
  c->interrupts_tail = &c->interrupts;
  iso->control = c;
  return 0;
}

void isolate_control_free(Isolate *iso) {
  IsolateControl *c = iso->control;
  if (c == NULL) return;
  for (IsolateInterrupt *i = c->interrupts, *n; i != NULL; i = n) {
    n = i->next;
    free(i);
  }
  /* Tasks never run are dropped (documented for petrel_platform_post_foreground_task). */
  for (IsolateTask *t = c->tasks, *n; t != NULL; t = n) {
    n = t->next;
    free(t);
  }
  pthread_mutex_destroy(&c->lock);
  pthread_cond_destroy(&c->lock_free);
  pthread_mutex_destroy(&c->mutex);
  pthread_cond_destroy(&c->task_posted);
  free(c);
  iso->control = NULL;
}

/* ---- Locker -------------------------------------------------------------------------------- */

void isolate_set_stack_for_thread(Isolate *iso) {
  isolate_update_stack_limit(iso);
  size_t bytes = iso->control->stack_limit_bytes;
  if (bytes) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (here > bytes && here - bytes > iso->stack_limit) iso->stack_limit = here - bytes;
  }
}

void isolate_lock(Isolate *iso) {
  IsolateControl *c = iso->control;
  uintptr_t me = isolate_thread_id();
  pthread_mutex_lock(&c->lock);
  if (c->lock_holder == me) {
    c->lock_depth++;
    pthread_mutex_unlock(&c->lock);
    return;
  }
  while (c->lock_holder != 0) pthread_cond_wait(&c->lock_free, &c->lock);
  c->lock_holder = me;
  c->lock_depth = 1;
  c->locker_used = true;
  /* The mutex orders this thread after the previous holder's last use of the isolate. */
  atomic_store_explicit(&c->owner, me, memory_order_release);
  pthread_mutex_unlock(&c->lock);
  isolate_set_stack_for_thread(iso);
}

bool isolate_unlock(Isolate *iso) {
  IsolateControl *c = iso->control;
  uintptr_t me = isolate_thread_id();
  pthread_mutex_lock(&c->lock);
  if (c->lock_holder != me) {
    pthread_mutex_unlock(&c->lock);
    return false;
  }
  if (--c->lock_depth == 0) {
    c->lock_holder = 0;
    /* Between lockers nobody may run code in the isolate. */
    atomic_store_explicit(&c->owner, 0, memory_order_release);
    pthread_cond_signal(&c->lock_free);
  }
  pthread_mutex_unlock(&c->lock);
  return true;
}

bool isolate_is_locked_by_me(Isolate *iso) {
  IsolateControl *c = iso->control;
  pthread_mutex_lock(&c->lock);
  bool mine = c->lock_holder == isolate_thread_id();
  pthread_mutex_unlock(&c->lock);
  return mine;
}

/* ---- Interrupt requests ---------------------------------------------------------------------- */

int isolate_request_interrupt_callback(Isolate *iso, IsolateInterruptFn fn, void *data) {
  IsolateControl *c = iso->control;
  IsolateInterrupt *i = malloc(sizeof *i);
  if (i == NULL) return -1;
  i->next = NULL;
  i->fn = fn;
  i->data = data;
  pthread_mutex_lock(&c->mutex);
  *c->interrupts_tail = i;
  c->interrupts_tail = &i->next;
  pthread_mutex_unlock(&c->mutex);
  isolate_request_interrupt(iso, INTERRUPT_API);
  return 0;
}

void isolate_run_interrupt_callbacks(Isolate *iso) {
  IsolateControl *c = iso->control;
  if (c->running_interrupts) {
    /* A callback polled (it ran a script): leave the rest for the next poll after it returns. */
    isolate_request_interrupt(iso, INTERRUPT_API);
    return;
  }
  c->running_interrupts = true;
  for (;;) {
    pthread_mutex_lock(&c->mutex);
    IsolateInterrupt *i = c->interrupts;
    if (i != NULL) {
      c->interrupts = i->next;
      if (c->interrupts == NULL) c->interrupts_tail = &c->interrupts;
    }
    pthread_mutex_unlock(&c->mutex);
    if (i == NULL) break;
    IsolateInterruptFn fn = i->fn;
    void *data = i->data;
    free(i);
    fn(iso, data);
  }
  c->running_interrupts = false;
}

/* ---- Foreground tasks ---------------------------------------------------------------------- */

int isolate_post_task(Isolate *iso, IsolateTaskFn fn, void *data, double delay_ms) {
  IsolateControl *c = iso->control;
  IsolateTask *t = malloc(sizeof *t);
  if (t == NULL) return -1;
  t->fn = fn;
  t->data = data;
  t->due_ms = delay_ms > 0 ? pt_monotonic_ms() + delay_ms : 0;
  pthread_mutex_lock(&c->mutex);
  t->seq = c->task_seq++;
  IsolateTask **link = &c->tasks;
  while (*link && ((*link)->due_ms < t->due_ms || ((*link)->due_ms == t->due_ms && (*link)->seq < t->seq)))
    link = &(*link)->next;
  t->next = *link;
  *link = t;
  pthread_cond_broadcast(&c->task_posted);
  pthread_mutex_unlock(&c->mutex);
  return 0;
}

static struct timespec abs_time_ms(double ms) {
  struct timespec ts;
  ts.tv_sec = (time_t)(ms / 1000);
  ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1000) * 1e6);
  if (ts.tv_nsec < 0) ts.tv_nsec = 0;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  return ts;
}

bool isolate_run_one_task(Isolate *iso, bool wait) {
  IsolateControl *c = iso->control;
  pthread_mutex_lock(&c->mutex);
  for (;;) {
    double now = pt_monotonic_ms();
    IsolateTask *t = c->tasks;
    if (t != NULL && t->due_ms <= now) {
      c->tasks = t->next;
      pthread_mutex_unlock(&c->mutex);
      IsolateTaskFn fn = t->fn;
      void *data = t->data;
      free(t);
      fn(data);
      return true;
    }
    if (!wait) break;
    if (t == NULL) {
      pthread_cond_wait(&c->task_posted, &c->mutex);
    } else {
      struct timespec ts = abs_time_ms(t->due_ms);
      pthread_cond_timedwait(&c->task_posted, &c->mutex, &ts);
    }
  }
  pthread_mutex_unlock(&c->mutex);
  return false;
}

size_t isolate_pending_tasks(Isolate *iso) {
  IsolateControl *c = iso->control;
  size_t n = 0;
  pthread_mutex_lock(&c->mutex);
  for (IsolateTask *t = c->tasks; t != NULL; t = t->next) n++;
  pthread_mutex_unlock(&c->mutex);
  return n;
}
