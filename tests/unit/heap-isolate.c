/* The isolate: exceptions, interrupts (terminate, GC), the native stack guard, several isolates,
 * ephemeron callbacks, tracing. */
#include "execution/isolate.h"
#include "heap/fixed-array.h"
#include "objects/string.h"
#include "objects/symbol.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit-check.h"

static void test_exceptions(Isolate *iso) {
  CHECK(!isolate_has_exception(iso));
  Value s = str_from_cstr(iso, "boom");
  CHECK(isolate_throw(iso, s) == VAL_EXCEPTION);
  CHECK(isolate_has_exception(iso));
  CHECK(isolate_take_exception(iso) == s);
  CHECK(!isolate_has_exception(iso));
  CHECK(iso->pending_message == VAL_HOLE);
}

static void test_interrupts(Isolate *iso) {
  CHECK(isolate_poll(iso));
  isolate_request_interrupt(iso, INTERRUPT_GC);
  HeapStats a, b;
  heap_get_stats(iso, &a);
  CHECK(isolate_poll(iso)); /* collects, continues */
  heap_get_stats(iso, &b);
  CHECK(b.gc_count == a.gc_count + 1);
  CHECK(iso->interrupts == 0);
  isolate_request_interrupt(iso, INTERRUPT_TERMINATE);
  CHECK(!isolate_poll(iso));
  CHECK(iso->terminating);
  CHECK(isolate_is_termination(iso, iso->pending_exception));
  CHECK(sym_is_private(iso->pending_exception));
  /* Termination cannot be replaced by a throw, and every poll keeps unwinding. */
  isolate_throw(iso, str_from_cstr(iso, "caught?"));
  CHECK(isolate_is_termination(iso, iso->pending_exception));
  CHECK(!isolate_poll(iso));
  isolate_cancel_termination(iso);
  CHECK(!iso->terminating && !isolate_has_exception(iso));
  CHECK(isolate_poll(iso));
}

static int depth_reached;
__attribute__((noinline)) static int recurse(Isolate *iso, int depth) {
  volatile char pad[256];
  pad[0] = (char)depth;
  if (!isolate_check_stack(iso)) {
    depth_reached = depth;
    return -1;
  }
  int r = recurse(iso, depth + 1);
  return r + pad[0] * 0;
}

static void test_stack_guard(Isolate *iso) {
  depth_reached = 0;
  CHECK(recurse(iso, 0) == -1);
  CHECK(depth_reached > 1000);
  CHECK(isolate_has_exception(iso));
  isolate_take_exception(iso);
  /* It works again after unwinding. */
  depth_reached = 0;
  CHECK(recurse(iso, 0) == -1);
  CHECK(depth_reached > 1000);
  isolate_take_exception(iso);
}

/* An ephemeron table of two entries: key -> value, held weakly by key. */
static Value eph_keys[2], eph_values[2];
static int eph_rounds;
static bool eph_cb(Isolate *iso, HeapVisitor *v, void *data) {
  PT_UNUSED(iso);
  PT_UNUSED(data);
  bool any = false;
  eph_rounds++;
  for (int i = 0; i < 2; i++)
    if (val_is_pointer(eph_keys[i]) && heap_is_marked(val_to_ptr(eph_keys[i]))) {
      /* Visited even when already live: in a scavenge the visit also updates the slot to where
       * the value moved. */
      if (!heap_is_marked(val_to_ptr(eph_values[i]))) any = true;
      heap_visit_value(v, &eph_values[i]);
    }
  return any;
}
static void eph_clear(Isolate *iso, void *data) {
  PT_UNUSED(iso);
  PT_UNUSED(data);
  for (int i = 0; i < 2; i++) {
    if (!val_is_pointer(eph_keys[i])) continue;
    /* A weak slot follows its object when a scavenge moved it, and clears when it died. */
    HeapObject *key = heap_weak_forward(val_to_ptr(eph_keys[i]));
    if (key) eph_keys[i] = val_from_ptr(key);
    else eph_keys[i] = eph_values[i] = VAL_UNDEFINED;
  }
}
static Value eph_root;

__attribute__((noinline)) static void eph_setup(Isolate *iso) {
  /* key0 is rooted; value0 holds key1 (so key1 lives only through value0); key1's value lives
   * only through the ephemeron. Neither value is referenced from anywhere else. */
  eph_keys[0] = val_from_ptr(fixed_array_new(iso, 1, VAL_NULL));
  eph_root = eph_keys[0];
  eph_keys[1] = val_from_ptr(fixed_array_new(iso, 1, VAL_NULL));
  eph_values[0] = val_from_ptr(fixed_array_new(iso, 1, eph_keys[1]));
  eph_values[1] = val_from_ptr(fixed_array_new(iso, 1, val_from_int(42)));
}

static void *eph_thread(void *arg) {
  eph_setup(arg);
  return NULL;
}

static void test_ephemerons(Isolate *iso) {
  heap_add_root(iso, &eph_root);
  heap_add_ephemeron_callback(iso, eph_cb, NULL);
  heap_add_weak_callback(iso, eph_clear, NULL);
  pthread_t t; /* set up on another thread: no stale stack copies */
  pthread_create(&t, NULL, eph_thread, iso);
  pthread_join(t, NULL);
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(eph_rounds >= 2);
  CHECK(val_is_pointer(eph_keys[0]) && val_is_pointer(eph_keys[1]));
  CHECK(((FixedArray *)val_to_ptr(eph_values[1]))->data[0] == val_from_int(42));
  /* Drop the root: both entries die together. */
  eph_root = VAL_UNDEFINED;
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(eph_keys[0] == VAL_UNDEFINED && eph_keys[1] == VAL_UNDEFINED);
  heap_remove_ephemeron_callback(iso, eph_cb, NULL);
  heap_remove_weak_callback(iso, eph_clear, NULL);
  heap_remove_root(iso, &eph_root);
}

/* Two isolates on two threads at once. */
static void *isolate_thread(void *arg) {
  int *ok = arg;
  Isolate *iso = isolate_new(NULL);
  if (!iso) return NULL;
  Value acc = str_from_cstr(iso, "");
  for (int i = 0; i < 20000; i++) {
    acc = str_concat(iso, acc, str_from_cstr(iso, "ab"));
    if (i % 1000 == 0) heap_collect(iso, GC_REASON_EXPLICIT);
  }
  Value flat = str_flatten(iso, acc);
  *ok = str_length(flat) == 40000 && str_char_at(flat, 39999) == 'b';
  isolate_free(iso);
  return NULL;
}

static void test_threads(void) {
  pthread_t t1, t2;
  int ok1 = 0, ok2 = 0;
  pthread_create(&t1, NULL, isolate_thread, &ok1);
  pthread_create(&t2, NULL, isolate_thread, &ok2);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  CHECK(ok1 && ok2);
}

/* Runs a scavenge (when the isolate has a young generation) and two full collections with stdout
 * redirected, and returns what they printed in buf. */
static void traced_collections(Isolate *iso, char *buf, size_t size) {
  char path[] = "/tmp/petrel-trace-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  fflush(stdout);
  int saved = dup(1);
  dup2(fd, 1);
  heap_collect_minor(iso, GC_REASON_EXPLICIT);
  heap_collect(iso, GC_REASON_EXPLICIT);
  heap_collect(iso, GC_REASON_EXPLICIT);
  fflush(stdout);
  dup2(saved, 1);
  close(saved);
  memset(buf, 0, size);
  ssize_t n = pread(fd, buf, size - 1, 0);
  close(fd);
  unlink(path);
  CHECK(n > 0);
}

static int count_lines(const char *buf, const char *containing) {
  int lines = 0;
  for (const char *p = strstr(buf, containing); p; p = strstr(p + 1, containing)) lines++;
  return lines;
}

/* --trace-gc prints one line per collection, V8 style: here one scavenge and two mark-sweeps. */
static void test_trace_gc(void) {
  HeapOptions o = {0};
  o.trace_gc = true;
  Isolate *iso = isolate_new(&o);
  char buf[1024];
  traced_collections(iso, buf, sizeof buf);
  CHECK(count_lines(buf, "\n") == 3);
  CHECK(count_lines(buf, " ms: Scavenge ") == 1 && count_lines(buf, " ms: Mark-Sweep ") == 2);
  CHECK(buf[0] == '[' && strstr(buf, " MB, ") && strstr(buf, "(testing)"));
  isolate_free(iso);
}

/* --trace-gc-verbose adds the spaces after each line; the total's committed bytes are the
 * heap's. */
static void test_trace_gc_verbose(void) {
  HeapOptions o = {0};
  o.trace_gc_verbose = true;
  o.trace_gc = true;
  Isolate *iso = isolate_new(&o);
  char buf[8192];
  traced_collections(iso, buf, sizeof buf);
  CHECK(count_lines(buf, "\nNew space, ") == 3 && count_lines(buf, "\nOld space, ") == 3);
  CHECK(count_lines(buf, "\nAll spaces, ") == 3);
  const char *last = strstr(strstr(strstr(buf, "\nAll spaces, ") + 1, "\nAll spaces, ") + 1, "\nAll spaces, ");
  const char *committed = last ? strstr(last, "committed: ") : NULL;
  CHECK(committed != NULL);
  HeapStats stats;
  heap_get_stats(iso, &stats);
  if (committed) CHECK((size_t)strtoul(committed + 11, NULL, 10) == stats.committed_bytes >> 10);
  isolate_free(iso);
}

static int disposed_order[3], disposed_count;
static void on_dispose(Isolate *iso, void *data) {
  PT_UNUSED(iso);
  disposed_order[disposed_count++] = (int)(intptr_t)data;
}

static void test_dispose(void) {
  Isolate *iso = isolate_new(NULL);
  CHECK(isolate_add_dispose_callback(iso, on_dispose, (void *)1) == 0);
  CHECK(isolate_add_dispose_callback(iso, on_dispose, (void *)2) == 0);
  isolate_free(iso);
  CHECK(disposed_count == 2 && disposed_order[0] == 2 && disposed_order[1] == 1);
}

int main(void) {
  Isolate *iso = isolate_new(NULL);
  CHECK(iso != NULL);
  if (!iso) return 1;
  test_exceptions(iso);
  test_interrupts(iso);
  test_stack_guard(iso);
  test_ephemerons(iso);
  isolate_free(iso);
  test_threads();
  test_dispose();
  test_trace_gc();
  test_trace_gc_verbose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
