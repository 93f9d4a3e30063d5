/* Isolates and threads: two isolates run scripts on two threads at the same time (both make
 * progress while the other runs); a locker hands one isolate between threads (the stack limit
 * follows the thread; a thread without the lock cannot run code); isolates created, used and
 * disposed on many threads at once (shared tables, the regexp cache, lazily registered layouts). */
#define _GNU_SOURCE 1
#include <pthread.h>
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

static bool eval_number(petrel_context *ctx, const char *source, double *out) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *r = NULL;
  bool ok = petrel_eval(ctx, source, (size_t)-1, "thread.js", &r) && r && petrel_value_is_number(r);
  if (ok) *out = petrel_number_value(r);
  else if (petrel_try_catch_has_caught(&tc)) {
    char buf[256] = "?";
    petrel_value *s;
    petrel_try_catch inner;
    petrel_try_catch_open(iso, &inner);
    petrel_value *e = petrel_try_catch_exception(&tc);
    if (e && petrel_value_to_string(ctx, e, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
    petrel_try_catch_close(&inner);
    fprintf(stderr, "script failed: %s\n", buf);
  }
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
  return ok;
}

/* ---- Two isolates, two threads, at the same time ------------------------------------------ */

/* Each worker's progress counter; tick() bumps the caller's and reports whether the other one
 * moved since this worker's previous tick. */
static atomic_long progress[2];
static atomic_int saw_other_move[2];
static atomic_int started_count;

typedef struct Worker {
  int index;
  double result;
  bool ok;
} Worker;

static void js_tick(const petrel_callback_info *info) {
  Worker *w = petrel_isolate_get_data(petrel_callback_info_isolate(info), 0);
  static _Thread_local long last_other = -1;
  long other = atomic_load(&progress[1 - w->index]);
  if (last_other >= 0 && other != last_other && atomic_load(&progress[w->index]) > 0)
    atomic_store(&saw_other_move[w->index], 1);
  last_other = other;
  atomic_fetch_add(&progress[w->index], 1);
  /* Keep going until both saw the other move (bounded by the script's own loop count). */
  bool done = atomic_load(&saw_other_move[0]) && atomic_load(&saw_other_move[1]);
  petrel_callback_info_set_return(info, petrel_boolean(petrel_callback_info_isolate(info), done));
}

static void *run_worker(void *arg) {
  Worker *w = arg;
  petrel_isolate *iso = petrel_isolate_new(NULL);
  CHECK(iso != NULL);
  if (iso == NULL) return NULL;
  petrel_isolate_set_data(iso, 0, w);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_object_set_named(ctx, petrel_context_global(ctx), "tick", petrel_function_new(ctx, js_tick, NULL, "tick", 0));
  atomic_fetch_add(&started_count, 1);
  while (atomic_load(&started_count) < 2) sched_yield();
  /* Real work between ticks: objects, strings, regexps, JSON, sorting, closures. */
  w->ok = eval_number(ctx,
                      "var total = 0;\n"
                      "for (var round = 0; round < 20000; round++) {\n"
                      "  var o = {n: round, s: 'r' + round, a: [round, round + 1].map(x => x * 2)};\n"
                      "  total += JSON.parse(JSON.stringify(o)).a[1] + /r(\\d+)/.exec(o.s)[1].length;\n"
                      "  [3, 1, 2].sort((a, b) => a - b);\n"
                      "  if (round % 50 === 0 && tick() && round > 1000) break;\n"
                      "}\n"
                      "round >= 1000 ? 1 : 0",
                      &w->result);
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  return NULL;
}

static void check_parallel_isolates(void) {
  Worker w[2] = {{0, 0, false}, {1, 0, false}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) CHECK(pthread_create(&t[i], NULL, run_worker, &w[i]) == 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 2; i++) {
    CHECK(w[i].ok && w[i].result == 1);
    CHECK(atomic_load(&progress[i]) > 0);
    /* While this isolate's script ran, the other thread's isolate advanced too. */
    CHECK(atomic_load(&saw_other_move[i]) == 1);
  }
  printf("  parallel isolates: %ld and %ld ticks\n", atomic_load(&progress[0]), atomic_load(&progress[1]));
}

/* ---- A locker hands one isolate between threads ------------------------------------------- */

static petrel_isolate *shared_iso;
static petrel_context *shared_ctx;

typedef struct Handoff {
  int step;
  bool ok;
} Handoff;

static void *use_shared(void *arg) {
  Handoff *h = arg;
  /* Without the lock this thread may not run code in the isolate. */
  CHECK(!petrel_isolate_is_current_thread(shared_iso));
  petrel_locker locker;
  petrel_locker_lock(shared_iso, &locker);
  CHECK(petrel_locker_is_locked(shared_iso));
  CHECK(petrel_isolate_is_current_thread(shared_iso));
  /* Nested lock on the same thread. */
  petrel_locker inner;
  petrel_locker_lock(shared_iso, &inner);
  double v = 0;
  char src[128];
  snprintf(src, sizeof src, "counter = counter * 10 + %d", h->step);
  h->ok = eval_number(shared_ctx, src, &v);
  CHECK(petrel_locker_unlock(&inner));
  /* The stack limit follows the thread: deep recursion is a RangeError here, not a crash. */
  double deep = 0;
  CHECK(eval_number(shared_ctx,
                    "function r(n) { return n === 0 ? 0 : 1 + r(n - 1) }\n"
                    "var depth = 0; try { r(1e7) } catch (e) { depth = e instanceof RangeError ? 1 : 2 } depth",
                    &deep));
  CHECK(deep == 1);
  CHECK(petrel_locker_unlock(&locker));
  CHECK(!petrel_locker_is_locked(shared_iso));
  CHECK(!petrel_locker_unlock(&locker)); /* already released */
  return NULL;
}

/* A thread that does not hold the lock: its calls fail without touching the isolate. */
static void *intruder(void *arg) {
  (void)arg;
  CHECK(!petrel_isolate_is_current_thread(shared_iso));
  CHECK(!petrel_locker_is_locked(shared_iso));
  CHECK(!petrel_eval(shared_ctx, "counter = -1", (size_t)-1, "intruder.js", NULL));
  return NULL;
}

static void check_locker(void) {
  shared_iso = petrel_isolate_new(NULL);
  petrel_locker main_lock;
  petrel_locker_lock(shared_iso, &main_lock);
  petrel_handle_scope scope;
  petrel_handle_scope_open(shared_iso, &scope);
  shared_ctx = petrel_context_new(shared_iso);
  double v;
  CHECK(eval_number(shared_ctx, "var counter = 0; counter", &v) && v == 0);
  petrel_handle_scope_close(&scope);

  pthread_t t;
  CHECK(pthread_create(&t, NULL, intruder, NULL) == 0);
  pthread_join(t, NULL);
  CHECK(petrel_locker_unlock(&main_lock));

  /* Three threads in turn, each waiting for the lock. */
  Handoff h[3] = {{1, false}, {2, false}, {3, false}};
  for (int i = 0; i < 3; i++) {
    CHECK(pthread_create(&t, NULL, use_shared, &h[i]) == 0);
    pthread_join(t, NULL);
    CHECK(h[i].ok);
  }
  /* Contended: both threads block on the lock in turn; the count shows both ran, one at a time. */
  Handoff c[2] = {{4, false}, {5, false}};
  pthread_t ct[2];
  for (int i = 0; i < 2; i++) CHECK(pthread_create(&ct[i], NULL, use_shared, &c[i]) == 0);
  for (int i = 0; i < 2; i++) pthread_join(ct[i], NULL);
  CHECK(c[0].ok && c[1].ok);

  petrel_locker_lock(shared_iso, &main_lock);
  petrel_handle_scope_open(shared_iso, &scope);
  CHECK(eval_number(shared_ctx, "counter", &v) && (v == 12345 || v == 12354));
  petrel_handle_scope_close(&scope);
  CHECK(petrel_locker_unlock(&main_lock));
  petrel_locker_lock(shared_iso, &main_lock);
  petrel_isolate_dispose(shared_iso);
}

/* ---- Many isolates on many threads -------------------------------------------------------- */

static void *churn(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    petrel_isolate *iso = petrel_isolate_new(NULL);
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    petrel_context *ctx = petrel_context_new(iso);
    double v = 0;
    CHECK(eval_number(ctx,
                      "var m = new Map([[1, 'a']]); var ws = new WeakSet([{}]);\n"
                      "var p = Promise.resolve(1); var ta = new Uint8Array(4); var dv = new DataView(ta.buffer);\n"
                      "/(\\w+)@(\\w+)/.exec('user@example')[2].length + m.size + ta.length",
                      &v));
    CHECK(v == 12);
    petrel_isolate_collect_garbage(iso);
    petrel_handle_scope_close(&scope);
    petrel_isolate_dispose(iso);
  }
  return NULL;
}

static void check_churn(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, churn, NULL) == 0);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  check_parallel_isolates();
  check_locker();
  check_churn();
  petrel_dispose();
  printf("%d passed, %d failed\n", atomic_load(&passed), atomic_load(&failed));
  return atomic_load(&failed) ? 1 : 0;
}
