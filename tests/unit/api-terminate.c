/* Termination from another thread (petrel_isolate_terminate_execution): each long-running kind of
 * work stops within 100 ms of the request, no JavaScript catch sees it, and after
 * petrel_isolate_cancel_termination the isolate runs a new script. Also: interrupt requests
 * (petrel_isolate_request_interrupt) run on the isolate's thread at the next poll. */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "petrel.h"

#include "unit-check.h"

/* The bound: the running call returns within 100 ms of the request. */
#define MAX_LATENCY_MS 100.0
/* How long the terminating thread waits after the script says it started the long operation. */
#define DELAY_MS 30


static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static petrel_isolate *iso;
static petrel_context *ctx;
static sem_t started_sem;
static _Atomic double request_time;
static atomic_int catch_count;

/* started(): the script is about to begin the long operation. */
static void js_started(const petrel_callback_info *info) {
  (void)info;
  sem_post(&started_sem);
}

/* caught(): called from JavaScript catch/finally blocks, which termination must never reach
 * (catching a stack overflow is fine, also after the request until the next poll sees it). */
static void js_caught(const petrel_callback_info *info) {
  (void)info;
  if (petrel_isolate_is_terminating(iso)) atomic_fetch_add(&catch_count, 1);
}

static void *terminator(void *arg) {
  (void)arg;
  sem_wait(&started_sem);
  sleep_ms(DELAY_MS);
  atomic_store(&request_time, now_ms());
  petrel_isolate_terminate_execution(iso);
  return NULL;
}

/* Runs `source` (which calls started() right before its long operation) while another thread
 * terminates it; checks the latency and that the isolate is usable afterwards. */
static void check_terminates(const char *name, const char *source) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  atomic_store(&catch_count, 0);
  pthread_t t;
  CHECK(pthread_create(&t, NULL, terminator, NULL) == 0);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  bool ok = petrel_eval(ctx, source, (size_t)-1, name, &result);
  double done = now_ms();
  pthread_join(t, NULL);
  double latency = done - atomic_load(&request_time);
  printf("  %-28s terminated after %6.2f ms\n", name, latency);
  CHECK(!ok);
  CHECK(petrel_try_catch_has_caught(&tc));
  CHECK(petrel_try_catch_has_terminated(&tc));
  CHECK(petrel_isolate_is_terminating(iso));
  CHECK(latency >= 0 && latency < MAX_LATENCY_MS);
  if (!(latency < MAX_LATENCY_MS)) fprintf(stderr, "%s: latency %.1f ms\n", name, latency);
  CHECK(atomic_load(&catch_count) == 0);
  if (atomic_load(&catch_count)) fprintf(stderr, "%s: a catch or finally block ran after termination\n", name);
  petrel_try_catch_close(&tc);
  /* While terminating, nothing runs. */
  CHECK(!petrel_eval(ctx, "1", (size_t)-1, "blocked.js", NULL));
  petrel_isolate_cancel_termination(iso);
  CHECK(!petrel_isolate_is_terminating(iso));
  /* The isolate runs a new script (the garbage of the stopped one is collectable). */
  result = NULL;
  CHECK(petrel_eval(ctx, "var after = [1, 2, 3].map(x => x * 2); after.join()", (size_t)-1, "after.js", &result));
  char buf[64] = "";
  if (result && petrel_value_is_string(result)) petrel_string_write_utf8(iso, result, buf, sizeof buf);
  CHECK(strcmp(buf, "2,4,6") == 0);
  petrel_handle_scope_close(&scope);
}

/* ---- Interrupts --------------------------------------------------------------------------- */

static atomic_int interrupt_runs;
static pthread_t isolate_thread;
static atomic_int interrupt_on_right_thread;

static void on_interrupt(petrel_isolate *i, void *data) {
  (void)data;
  if (i == iso && pthread_equal(pthread_self(), isolate_thread)) atomic_fetch_add(&interrupt_on_right_thread, 1);
  atomic_fetch_add(&interrupt_runs, 1);
  /* Interrupt callbacks may use the API: here they terminate the script. */
  if (atomic_load(&interrupt_runs) == 2) petrel_isolate_terminate_execution(i);
}

static void *interrupter(void *arg) {
  (void)arg;
  sem_wait(&started_sem);
  sleep_ms(10);
  petrel_isolate_request_interrupt(iso, on_interrupt, NULL);
  sleep_ms(10);
  petrel_isolate_request_interrupt(iso, on_interrupt, NULL);
  return NULL;
}

static void check_interrupts(void) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  isolate_thread = pthread_self();
  pthread_t t;
  CHECK(pthread_create(&t, NULL, interrupter, NULL) == 0);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  bool ok = petrel_eval(ctx, "started(); for (;;) {}", (size_t)-1, "interrupt.js", NULL);
  pthread_join(t, NULL);
  CHECK(!ok && petrel_try_catch_has_terminated(&tc));
  CHECK(atomic_load(&interrupt_runs) == 2);
  CHECK(atomic_load(&interrupt_on_right_thread) == 2);
  petrel_try_catch_close(&tc);
  petrel_isolate_cancel_termination(iso);
  /* A request made while no script runs waits for the next poll (the next script). */
  petrel_isolate_request_interrupt(iso, on_interrupt, NULL);
  CHECK(atomic_load(&interrupt_runs) == 2);
  CHECK(petrel_eval(ctx, "for (var i = 0; i < 10; i++) {} i", (size_t)-1, "poll.js", NULL));
  CHECK(atomic_load(&interrupt_runs) == 3);
  petrel_handle_scope_close(&scope);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  sem_init(&started_sem, 0, 0);
  iso = petrel_isolate_new(NULL);
  CHECK(iso != NULL);
  petrel_handle_scope outer;
  petrel_handle_scope_open(iso, &outer);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_value *g = petrel_context_global(ctx);
  CHECK(petrel_object_set_named(ctx, g, "started", petrel_function_new(ctx, js_started, NULL, "started", 0)));
  CHECK(petrel_object_set_named(ctx, g, "caught", petrel_function_new(ctx, js_caught, NULL, "caught", 0)));

  printf("termination latencies (request after %d ms of work):\n", DELAY_MS);
  check_terminates("while (true) {}", "started(); try { while (true) {} } catch (e) { caught() } finally { caught() }");
  check_terminates("unbounded recursion",
                   "function deep() { try { deep() } catch (e) { caught() } deep() }\n"
                   "started(); try { deep() } finally { caught() }");
  check_terminates("catastrophic regexp",
                   "var input = 'a'.repeat(40) + 'b'; started();\n"
                   "try { /(a+)+$/.test(input) } catch (e) { caught() }");
  check_terminates("sort 10M with comparator",
                   "var big = new Array(1e7); for (var i = 0; i < 1e7; i++) big[i] = (i * 7919) % 1e7;\n"
                   "started(); try { big.sort((x, y) => x - y) } catch (e) { caught() }");
  check_terminates("JSON.parse 100 MB",
                   "var text = '[' + '1234567,'.repeat(12500000) + '0]'; started();\n"
                   "try { JSON.parse(text) } catch (e) { caught() }");
  check_terminates("JSON.parse 100 MB (flat)",
                   "var text = '[' + '1234567,'.repeat(12500000) + '0]'; text.charCodeAt(0); started();\n"
                   "try { JSON.parse(text) } catch (e) { caught() }");
  check_terminates("Array.prototype.join",
                   "var parts = new Array(2e7).fill('x'); started();\n"
                   "try { for (;;) parts.join(',') } catch (e) { caught() }");
  check_terminates("Atomics.wait",
                   "var cell = new Int32Array(new SharedArrayBuffer(4)); started();\n"
                   "try { Atomics.wait(cell, 0, 0) } catch (e) { caught() }");
  check_interrupts();

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&outer);
  petrel_isolate_dispose(iso);
  sem_destroy(&started_sem);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
