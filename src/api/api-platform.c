/*
 * The public API, platform (include/petrel.h, "Platform"): a default platform with a pool of
 * worker threads and per-isolate foreground task queues, or one made of the embedder's callbacks.
 *
 * The default platform's workers start on the first worker task, so a process that never posts
 * one never has them. Worker tasks wait in one queue sorted by due time (then by posting order);
 * foreground tasks wait in the isolate's own queue (execution/isolate-control.c), which the
 * embedder drains on the isolate's thread with petrel_platform_pump_message_loop.
 */
#define _GNU_SOURCE 1
#include "api/api-internal.h"
#include "api/api-platform.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "base/time.h"
#include "execution/isolate-control.h"

typedef struct WorkerTask {
  struct WorkerTask *next;
  petrel_task_callback fn;
  void *data;
  double due_ms;
  uint64_t seq;
} WorkerTask;

struct petrel_platform {
  bool is_default;
  petrel_platform_callbacks cb; /* custom platforms */
  /* Default platform. */
  pthread_mutex_t mutex;
  pthread_cond_t cond;          /* a task was posted, or stopping */
  WorkerTask *queue;
  uint64_t seq;
  int worker_count;
  pthread_t *threads;
  int started;                  /* threads running */
  bool stopping;
};

static _Atomic(petrel_platform *) current_platform;
static petrel_platform *owned_platform; /* made by petrel_initialize: disposed by petrel_dispose */

/* ---- Default platform --------------------------------------------------------------------- */

static struct timespec deadline(double due_ms) {
  struct timespec ts;
  ts.tv_sec = (time_t)(due_ms / 1000);
  ts.tv_nsec = (long)((due_ms - (double)ts.tv_sec * 1000) * 1e6);
  if (ts.tv_nsec < 0) ts.tv_nsec = 0;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  return ts;
}

static void *worker_main(void *arg) {
  petrel_platform *p = arg;
  pthread_mutex_lock(&p->mutex);
  while (!p->stopping) {
    WorkerTask *t = p->queue;
    if (t == NULL) {
      pthread_cond_wait(&p->cond, &p->mutex);
      continue;
    }
    double now = pt_monotonic_ms();
    if (t->due_ms > now) {
      struct timespec ts = deadline(t->due_ms);
      pthread_cond_timedwait(&p->cond, &p->mutex, &ts);
      continue;
    }
    p->queue = t->next;
    pthread_mutex_unlock(&p->mutex);
    t->fn(t->data);
    free(t);
    pthread_mutex_lock(&p->mutex);
  }
  pthread_mutex_unlock(&p->mutex);
  return NULL;
}

/* With p->mutex held: starts the workers if they are not running yet. */
static bool start_workers(petrel_platform *p) {
  if (p->started > 0) return true;
  p->threads = calloc((size_t)p->worker_count, sizeof *p->threads);
  if (p->threads == NULL) return false;
  for (int i = 0; i < p->worker_count; i++) {
    if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0) break;
    p->started++;
  }
  return p->started > 0;
}

static bool default_post(petrel_platform *p, petrel_task_callback fn, void *data, double delay_seconds) {
  WorkerTask *t = malloc(sizeof *t);
  if (t == NULL) return false;
  t->fn = fn;
  t->data = data;
  t->due_ms = delay_seconds > 0 ? pt_monotonic_ms() + delay_seconds * 1000 : 0;
  pthread_mutex_lock(&p->mutex);
  if (p->stopping || !start_workers(p)) {
    pthread_mutex_unlock(&p->mutex);
    free(t);
    return false;
  }
  t->seq = p->seq++;
  WorkerTask **link = &p->queue;
  while (*link && ((*link)->due_ms < t->due_ms || ((*link)->due_ms == t->due_ms && (*link)->seq < t->seq)))
    link = &(*link)->next;
  t->next = *link;
  *link = t;
  /* Every worker re-examines the head: a new earlier deadline must shorten a timed wait. */
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->mutex);
  return true;
}

petrel_platform *petrel_platform_new_default(int worker_threads) {
  petrel_platform *p = calloc(1, sizeof *p);
  if (p == NULL) return NULL;
  if (worker_threads <= 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    worker_threads = n > 1 ? (int)(n - 1) : 1;
    if (worker_threads > 16) worker_threads = 16;
  }
  p->is_default = true;
  p->worker_count = worker_threads;
  pthread_mutex_init(&p->mutex, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&p->cond, &attr);
  pthread_condattr_destroy(&attr);
  return p;
}

petrel_platform *petrel_platform_new_custom(const petrel_platform_callbacks *callbacks) {
  if (callbacks == NULL || callbacks->post_worker_task == NULL || callbacks->post_foreground_task == NULL)
    return NULL;
  petrel_platform *p = calloc(1, sizeof *p);
  if (p == NULL) return NULL;
  p->cb = *callbacks;
  p->worker_count = callbacks->worker_count;
  return p;
}

void petrel_platform_dispose(petrel_platform *p) {
  if (p == NULL) return;
  petrel_platform *expected = p;
  atomic_compare_exchange_strong(&current_platform, &expected, NULL);
  if (!p->is_default) {
    if (p->cb.dispose) p->cb.dispose(p->cb.data);
    free(p);
    return;
  }
  pthread_mutex_lock(&p->mutex);
  p->stopping = true;
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->mutex);
  for (int i = 0; i < p->started; i++) pthread_join(p->threads[i], NULL);
  for (WorkerTask *t = p->queue, *n; t != NULL; t = n) {
    n = t->next;
    free(t);
  }
  free(p->threads);
  pthread_mutex_destroy(&p->mutex);
  pthread_cond_destroy(&p->cond);
  free(p);
}

/* ---- Process-wide platform ---------------------------------------------------------------- */

void petrel_set_platform(petrel_platform *platform) { atomic_store(&current_platform, platform); }

petrel_platform *petrel_get_platform(void) { return atomic_load(&current_platform); }

/* petrel_initialize: the default platform unless the embedder gave one. */
bool api_platform_initialize(void) {
  if (atomic_load(&current_platform) != NULL) return true;
  petrel_platform *p = petrel_platform_new_default(0);
  if (p == NULL) return false;
  owned_platform = p;
  atomic_store(&current_platform, p);
  return true;
}

void api_platform_dispose(void) {
  if (owned_platform == NULL) return;
  petrel_platform_dispose(owned_platform);
  owned_platform = NULL;
}

/* ---- Posting and pumping ------------------------------------------------------------------ */

int petrel_platform_worker_count(petrel_platform *p) { return p ? p->worker_count : 0; }

bool petrel_platform_post_task(petrel_platform *p, petrel_task_callback task, void *data) {
  return petrel_platform_post_delayed_task(p, task, data, 0);
}

bool petrel_platform_post_delayed_task(petrel_platform *p, petrel_task_callback task, void *data,
                                       double delay_seconds) {
  if (p == NULL || task == NULL) return false;
  if (!(delay_seconds > 0)) delay_seconds = 0; /* NaN and negatives: now */
  if (!p->is_default) return p->cb.post_worker_task(p->cb.data, task, data, delay_seconds);
  return default_post(p, task, data, delay_seconds);
}

bool petrel_platform_post_foreground_task(petrel_platform *p, petrel_isolate *iso, petrel_task_callback task,
                                          void *data) {
  return petrel_platform_post_delayed_foreground_task(p, iso, task, data, 0);
}

bool petrel_platform_post_delayed_foreground_task(petrel_platform *p, petrel_isolate *iso,
                                                  petrel_task_callback task, void *data, double delay_seconds) {
  if (p == NULL || iso == NULL || task == NULL) return false;
  if (!(delay_seconds > 0)) delay_seconds = 0;
  if (!p->is_default) return p->cb.post_foreground_task(p->cb.data, iso, task, data, delay_seconds);
  return isolate_post_task(api_iso(iso), task, data, delay_seconds * 1000) == 0;
}

bool petrel_platform_pump_message_loop(petrel_platform *p, petrel_isolate *iso, bool wait) {
  if (p == NULL || iso == NULL) return false;
  if (!p->is_default) return p->cb.pump_message_loop ? p->cb.pump_message_loop(p->cb.data, iso, wait) : false;
  if (!isolate_on_owner_thread(api_iso(iso))) return false; /* tasks run on the isolate's thread only */
  return isolate_run_one_task(api_iso(iso), wait);
}

double petrel_platform_monotonic_time(petrel_platform *p) {
  if (p != NULL && !p->is_default && p->cb.monotonic_time) return p->cb.monotonic_time(p->cb.data);
  return pt_monotonic_ms() / 1000;
}
