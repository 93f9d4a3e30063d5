/* Atomics across isolates on two threads through the public API: a SharedArrayBuffer's memory
 * shared with petrel_shared_array_buffer_share/new_from, Atomics.notify from one thread waking
 * Atomics.wait on the other, termination stopping an endless Atomics.wait within 100 ms, and
 * Atomics.waitAsync promises settled on the waiting isolate's thread by
 * petrel_isolate_process_async_waits. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "petrel.h"

#include "unit-check.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct Job {
  petrel_shared_memory *mem;
  const char *script;        /* run with `ia` = Int32Array over the shared memory */
  char result[64];           /* the script's completion value as a string, or "threw"/"terminated" */
  _Atomic(petrel_isolate *) iso;
  _Atomic bool finished;
  double finished_at;
  bool settle_async;         /* then run petrel_isolate_process_async_waits until none pend */
} Job;

static void *run_job(void *arg) {
  Job *job = arg;
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_value *sab = petrel_shared_array_buffer_new_from(ctx, job->mem);
  petrel_object_set_named(ctx, petrel_context_global(ctx), "sab", sab);
  petrel_value *r = NULL;
  petrel_eval(ctx, "var ia = new Int32Array(sab); var log = '';", (size_t)-1, "setup.js", &r);
  atomic_store(&job->iso, iso);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  bool ok = petrel_eval(ctx, job->script, (size_t)-1, "job.js", &r);
  if (ok && job->settle_async) {
    while (petrel_isolate_process_async_waits(iso, 5000) > 0) {
    }
    ok = petrel_eval(ctx, "log", (size_t)-1, "log.js", &r);
  }
  if (ok) {
    petrel_value *s;
    if (petrel_value_to_string(ctx, r, &s)) petrel_string_write_utf8(iso, s, job->result, sizeof job->result);
  } else {
    snprintf(job->result, sizeof job->result, "%s", petrel_try_catch_has_terminated(&tc) ? "terminated" : "threw");
  }
  petrel_try_catch_close(&tc);
  job->finished_at = now_ms();
  atomic_store(&job->finished, true);
  atomic_store(&job->iso, NULL);
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  return NULL;
}

static void wait_started(Job *job) {
  while (atomic_load(&job->iso) == NULL) {
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_value *r = NULL;
  CHECK(petrel_eval(ctx, "var sab = new SharedArrayBuffer(64); var ia = new Int32Array(sab); sab", (size_t)-1,
                    "main.js", &r));
  CHECK(petrel_value_is_shared_array_buffer(r));
  CHECK(!petrel_value_is_shared_array_buffer(petrel_undefined(iso)));
  petrel_shared_memory *mem = petrel_shared_array_buffer_share(r);
  CHECK(mem != NULL);

  /* 1. notify on this thread wakes a wait on the other. */
  Job j1 = {.mem = mem, .script = "Atomics.store(ia, 1, 1); Atomics.wait(ia, 0, 0)"};
  pthread_t t1;
  pthread_create(&t1, NULL, run_job, &j1);
  petrel_value *n = NULL;
  for (int tries = 0; tries < 5000; tries++) {
    if (!petrel_eval(ctx, "Atomics.load(ia, 1) === 1 ? Atomics.notify(ia, 0) : 0", (size_t)-1, "n.js", &n)) break;
    if (petrel_number_value(n) == 1) break;
    sleep_ms(1);
  }
  CHECK(petrel_number_value(n) == 1);
  pthread_join(t1, NULL);
  CHECK(strcmp(j1.result, "ok") == 0);

  /* 2. An endless wait stops within 100 ms of termination. */
  Job j2 = {.mem = mem, .script = "Atomics.wait(ia, 2, 0)"};
  pthread_t t2;
  pthread_create(&t2, NULL, run_job, &j2);
  wait_started(&j2);
  sleep_ms(100); /* let it block */
  CHECK(!atomic_load(&j2.finished));
  double asked = now_ms();
  petrel_isolate *target = atomic_load(&j2.iso);
  if (target) petrel_isolate_terminate_execution(target);
  pthread_join(t2, NULL);
  CHECK(strcmp(j2.result, "terminated") == 0);
  CHECK(j2.finished_at - asked < 100);
  if (j2.finished_at - asked >= 100) fprintf(stderr, "  termination took %.1f ms\n", j2.finished_at - asked);

  /* 3. waitAsync: the promise settles on the waiting thread once notified from here; another
   * one times out. */
  Job j3 = {.mem = mem, .settle_async = true,
            .script = "Atomics.waitAsync(ia, 3, 0).value.then(function (v) { log += 'a:' + v + ' '; });"
                      "Atomics.waitAsync(ia, 4, 0, 30).value.then(function (v) { log += 'b:' + v + ' '; });"
                      "Atomics.store(ia, 5, 1); 'waiting'"};
  pthread_t t3;
  pthread_create(&t3, NULL, run_job, &j3);
  for (int tries = 0; tries < 5000; tries++) {
    if (!petrel_eval(ctx, "Atomics.load(ia, 5) === 1 ? Atomics.notify(ia, 3) : 0", (size_t)-1, "n.js", &n)) break;
    if (petrel_number_value(n) == 1) break;
    sleep_ms(1);
  }
  CHECK(petrel_number_value(n) == 1);
  pthread_join(t3, NULL);
  CHECK(strcmp(j3.result, "a:ok b:timed-out ") == 0);
  if (strcmp(j3.result, "a:ok b:timed-out ") != 0) fprintf(stderr, "  log: '%s'\n", j3.result);

  /* 4. A pending waitAsync dies with its isolate (no leak, no dangling waiter). */
  Job j4 = {.mem = mem, .script = "Atomics.waitAsync(ia, 6, 0).value; 'left'"};
  pthread_t t4;
  pthread_create(&t4, NULL, run_job, &j4);
  pthread_join(t4, NULL);
  CHECK(strcmp(j4.result, "left") == 0);
  CHECK(petrel_eval(ctx, "Atomics.notify(ia, 6)", (size_t)-1, "n.js", &n));
  CHECK(petrel_number_value(n) == 0);

  petrel_shared_memory_release(mem);
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
