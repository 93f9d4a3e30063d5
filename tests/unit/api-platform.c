/* The platform: the default one installed by petrel_initialize (worker pool, delayed tasks,
 * foreground task queues pumped on the isolate's thread), a second default platform disposed with
 * tasks pending, and an embedder's own platform made of callbacks. */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "petrel.h"

static atomic_int passed, failed;
#define CHECK(c)                                                                                   \
  do {                                                                                             \
    if (c) atomic_fetch_add(&passed, 1);                                                           \
    else {                                                                                         \
      atomic_fetch_add(&failed, 1);                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                       \
    }                                                                                              \
  } while (0)

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits (up to 10 s) until *counter reaches n. */
static bool wait_for(atomic_int *counter, int n) {
  double end = now_s() + 10;
  while (atomic_load(counter) < n) {
    if (now_s() > end) return false;
    sched_yield();
  }
  return true;
}

static pthread_t main_thread;

/* ---- Worker tasks ------------------------------------------------------------------------- */

static atomic_int worker_runs, worker_off_main;
static void count_task(void *data) {
  (void)data;
  if (!pthread_equal(pthread_self(), main_thread)) atomic_fetch_add(&worker_off_main, 1);
  atomic_fetch_add(&worker_runs, 1);
}

typedef struct Timed {
  double posted, ran;
  atomic_int *order;
  int my_order;
  atomic_int done;
} Timed;
static void timed_task(void *data) {
  Timed *t = data;
  t->ran = now_s();
  t->my_order = atomic_fetch_add(t->order, 1);
  atomic_store(&t->done, 1);
}

static void check_worker_tasks(petrel_platform *p) {
  CHECK(petrel_platform_worker_count(p) >= 1);
  for (int i = 0; i < 100; i++) CHECK(petrel_platform_post_task(p, count_task, NULL));
  CHECK(wait_for(&worker_runs, 100));
  CHECK(atomic_load(&worker_off_main) == 100);

  /* Delayed tasks run once due, earliest deadline first. */
  atomic_int order = 0;
  Timed late = {now_s(), 0, &order, -1, 0}, early = {now_s(), 0, &order, -1, 0};
  CHECK(petrel_platform_post_delayed_task(p, timed_task, &late, 0.12));
  CHECK(petrel_platform_post_delayed_task(p, timed_task, &early, 0.04));
  CHECK(wait_for(&late.done, 1) && wait_for(&early.done, 1));
  CHECK(early.my_order == 0 && late.my_order == 1);
  CHECK(early.ran - early.posted >= 0.04 - 0.002);
  CHECK(late.ran - late.posted >= 0.12 - 0.002);
  double t0 = petrel_platform_monotonic_time(p);
  CHECK(t0 > 0 && petrel_platform_monotonic_time(p) >= t0);
}

/* ---- Foreground tasks --------------------------------------------------------------------- */

static petrel_isolate *iso;
static petrel_context *ctx;
static int fg_log[8];
static int fg_count;
static atomic_int fg_wrong_thread;

/* A foreground task uses the isolate: it runs a script. */
static void fg_task(void *data) {
  if (!pthread_equal(pthread_self(), main_thread)) atomic_fetch_add(&fg_wrong_thread, 1);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_value *r = NULL;
  char src[64];
  snprintf(src, sizeof src, "fgTotal = (typeof fgTotal === 'number' ? fgTotal : 0) + %d", (int)(intptr_t)data);
  CHECK(petrel_eval(ctx, src, (size_t)-1, "fg.js", &r));
  petrel_handle_scope_close(&scope);
  if (fg_count < 8) fg_log[fg_count] = (int)(intptr_t)data;
  fg_count++;
}

/* Posted to a worker: from there, it posts foreground tasks to the isolate. */
static void post_from_worker(void *data) {
  petrel_platform *p = data;
  for (intptr_t i = 1; i <= 3; i++) CHECK(petrel_platform_post_foreground_task(p, iso, fg_task, (void *)i));
}

static atomic_int late_posted;
static void post_late_from_worker(void *data) {
  petrel_platform *p = data;
  struct timespec ts = {0, 30 * 1000000L};
  nanosleep(&ts, NULL);
  atomic_store(&late_posted, 1);
  CHECK(petrel_platform_post_foreground_task(p, iso, fg_task, (void *)(intptr_t)100));
}

static void *pump_elsewhere(void *arg) {
  petrel_platform *p = arg;
  /* Not the isolate's thread: nothing runs here. */
  CHECK(!petrel_platform_pump_message_loop(p, iso, false));
  return NULL;
}

static void check_foreground_tasks(petrel_platform *p) {
  CHECK(!petrel_platform_pump_message_loop(p, iso, false)); /* nothing queued */
  atomic_int dummy = 0;
  (void)dummy;
  CHECK(petrel_platform_post_task(p, post_from_worker, p));
  /* Wait for the worker to post all three, then run them here, in order. */
  double end = now_s() + 10;
  int ran = 0;
  while (ran < 3 && now_s() < end)
    if (petrel_platform_pump_message_loop(p, iso, false)) ran++;
  CHECK(ran == 3);
  CHECK(fg_log[0] == 1 && fg_log[1] == 2 && fg_log[2] == 3);
  CHECK(!petrel_platform_pump_message_loop(p, iso, false));
  CHECK(atomic_load(&fg_wrong_thread) == 0);

  /* Another thread may not pump this isolate's queue. */
  CHECK(petrel_platform_post_foreground_task(p, iso, fg_task, (void *)(intptr_t)10));
  pthread_t t;
  CHECK(pthread_create(&t, NULL, pump_elsewhere, p) == 0);
  pthread_join(t, NULL);
  CHECK(petrel_platform_pump_message_loop(p, iso, false));
  CHECK(fg_count == 4);

  /* Delayed: not due yet without waiting; with waiting, it runs once due. */
  double posted = now_s();
  CHECK(petrel_platform_post_delayed_foreground_task(p, iso, fg_task, (void *)(intptr_t)20, 0.05));
  CHECK(!petrel_platform_pump_message_loop(p, iso, false));
  CHECK(petrel_platform_pump_message_loop(p, iso, true));
  CHECK(now_s() - posted >= 0.05 - 0.002);
  CHECK(fg_count == 5);

  /* Waiting with an empty queue: blocks until a task is posted (by a worker, 30 ms later). */
  CHECK(petrel_platform_post_task(p, post_late_from_worker, p));
  CHECK(petrel_platform_pump_message_loop(p, iso, true));
  CHECK(atomic_load(&late_posted) == 1);
  CHECK(fg_count == 6);

  /* The tasks' scripts all ran in the isolate. */
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_value *r = NULL;
  CHECK(petrel_eval(ctx, "fgTotal", (size_t)-1, "total.js", &r) && r && petrel_number_value(r) == 136);
  petrel_handle_scope_close(&scope);
}

/* ---- A second default platform, disposed with tasks pending ------------------------------ */

static atomic_int slow_started, slow_finished;
static void slow_task(void *data) {
  (void)data;
  atomic_store(&slow_started, 1);
  struct timespec ts = {0, 20 * 1000000L};
  nanosleep(&ts, NULL);
  atomic_store(&slow_finished, 1);
}
static atomic_int never_runs;
static void never_task(void *data) {
  (void)data;
  atomic_fetch_add(&never_runs, 1);
}

static void check_dispose(void) {
  petrel_platform *p = petrel_platform_new_default(2);
  CHECK(p != NULL && petrel_platform_worker_count(p) == 2);
  CHECK(petrel_platform_post_task(p, slow_task, NULL));
  CHECK(petrel_platform_post_delayed_task(p, never_task, NULL, 60));
  CHECK(wait_for(&slow_started, 1));
  petrel_platform_dispose(p); /* waits for the running task; drops the delayed one */
  CHECK(atomic_load(&slow_finished) == 1);
  CHECK(atomic_load(&never_runs) == 0);
}

/* ---- An embedder's platform --------------------------------------------------------------- */

typedef struct MyPlatform {
  int worker_posts, foreground_posts, pumps, disposed;
  double last_delay;
} MyPlatform;

static bool my_post_worker(void *data, petrel_task_callback task, void *task_data, double delay) {
  MyPlatform *m = data;
  m->worker_posts++;
  m->last_delay = delay;
  task(task_data); /* this embedder runs tasks inline */
  return true;
}
static bool my_post_foreground(void *data, petrel_isolate *i, petrel_task_callback task, void *task_data,
                               double delay) {
  MyPlatform *m = data;
  (void)i;
  (void)task;
  (void)task_data;
  m->foreground_posts++;
  m->last_delay = delay;
  return true;
}
static bool my_pump(void *data, petrel_isolate *i, bool wait) {
  MyPlatform *m = data;
  (void)i;
  (void)wait;
  m->pumps++;
  return false;
}
static double my_time(void *data) {
  (void)data;
  return 42.5;
}
static void my_dispose(void *data) { ((MyPlatform *)data)->disposed++; }

static void check_custom(void) {
  MyPlatform m = {0};
  petrel_platform_callbacks cb = {&m, my_post_worker, my_post_foreground, my_pump, my_time, 3, my_dispose};
  petrel_platform *p = petrel_platform_new_custom(&cb);
  CHECK(p != NULL);
  CHECK(petrel_platform_worker_count(p) == 3);
  int before = atomic_load(&worker_runs);
  CHECK(petrel_platform_post_task(p, count_task, NULL));
  CHECK(atomic_load(&worker_runs) == before + 1);
  CHECK(petrel_platform_post_delayed_task(p, count_task, NULL, 1.5) && m.last_delay == 1.5);
  CHECK(petrel_platform_post_delayed_foreground_task(p, iso, count_task, NULL, 0.25) && m.last_delay == 0.25);
  CHECK(!petrel_platform_pump_message_loop(p, iso, true));
  CHECK(m.worker_posts == 2 && m.foreground_posts == 1 && m.pumps == 1);
  CHECK(petrel_platform_monotonic_time(p) == 42.5);
  petrel_platform_callbacks incomplete = {0};
  CHECK(petrel_platform_new_custom(&incomplete) == NULL);
  petrel_platform_dispose(p);
  CHECK(m.disposed == 1);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  main_thread = pthread_self();
  CHECK(petrel_get_platform() == NULL);
  CHECK(petrel_initialize());
  petrel_platform *p = petrel_get_platform();
  CHECK(p != NULL);
  CHECK(petrel_initialize() && petrel_get_platform() == p); /* again: nothing changes */

  iso = petrel_isolate_new(NULL);
  petrel_handle_scope outer;
  petrel_handle_scope_open(iso, &outer);
  ctx = petrel_context_new(iso);

  check_worker_tasks(p);
  check_foreground_tasks(p);
  check_dispose();
  check_custom();

  /* Tasks still queued when the isolate goes are dropped (freed, never run). */
  CHECK(petrel_platform_post_delayed_foreground_task(p, iso, never_task, NULL, 30));
  CHECK(petrel_platform_post_foreground_task(p, iso, never_task, NULL));
  petrel_handle_scope_close(&outer);
  petrel_isolate_dispose(iso);
  CHECK(atomic_load(&never_runs) == 0);

  petrel_dispose();
  CHECK(petrel_get_platform() == NULL);
  printf("%d passed, %d failed\n", atomic_load(&passed), atomic_load(&failed));
  return atomic_load(&failed) ? 1 : 0;
}
