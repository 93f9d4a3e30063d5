/* Heap limits through the public API: a script allocating past the limit first reaches the
 * near-heap-limit callback, then gets a catchable RangeError; the isolate then runs new scripts
 * (repeatedly: the garbage of the failed script must be collectable); the callback can raise the
 * limit; heap statistics, external memory, GC prologue/epilogue callbacks and the low-memory
 * notification. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

#define LIMIT ((size_t)16 << 20)

static petrel_isolate *iso;
static petrel_context *ctx;

static int near_calls;
static size_t near_current, near_initial;
static size_t raise_by; /* 0: let the allocation fail */

static size_t on_near_limit(petrel_isolate *i, size_t current, size_t initial, void *data) {
  near_calls++;
  near_current = current;
  near_initial = initial;
  CHECK(i == iso && data == &near_calls);
  size_t r = raise_by;
  raise_by = 0; /* raise once */
  return current + r;
}

/* nearCalls(): how often the callback ran, as seen from the script. */
static void js_near_calls(const petrel_callback_info *info) {
  petrel_callback_info_set_return(info, petrel_integer(petrel_callback_info_isolate(info), near_calls));
}

static bool eval_str(const char *source, const char *expected) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  bool ok = petrel_eval(ctx, source, (size_t)-1, "heap.js", &result);
  char buf[256] = "";
  if (ok && result) {
    petrel_value *s;
    if (petrel_value_to_string(ctx, result, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
  } else {
    petrel_value *e = petrel_try_catch_exception(&tc);
    petrel_value *s;
    petrel_try_catch inner;
    petrel_try_catch_open(iso, &inner);
    if (e && petrel_value_to_string(ctx, e, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
    petrel_try_catch_close(&inner);
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " (threw)");
  }
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
  bool same = strcmp(buf, expected) == 0;
  if (!same) fprintf(stderr, "%s\n  got '%s', expected '%s'\n", source, buf, expected);
  return same;
}

static const char *fill_heap =
    "var keep = [];\n"
    "try { while (true) keep.push({a: keep.length, b: 'x' + keep.length}); 'no limit' }\n"
    "catch (e) { keep = null; (e instanceof RangeError) + ' ' + e.message + ' ' + (nearCalls() > 0) }";

/* Runs a fresh workload that needs a good part of the heap: only possible if the garbage of the
 * failed script was collected. */
static const char *reuse =
    "var fresh = [];\n"
    "for (var i = 0; i < 60000; i++) fresh.push({i: i, s: 'y' + i});\n"
    "var sum = 0; for (var i = 0; i < fresh.length; i += 1000) sum += fresh[i].i; fresh = null; sum";

static int prologues, epilogues;
static petrel_gc_reason last_reason;
static void on_prologue(petrel_isolate *i, petrel_gc_reason reason, void *data) {
  (void)i;
  CHECK(data == &prologues);
  CHECK(prologues == epilogues);
  prologues++;
  last_reason = reason;
}
static void on_epilogue(petrel_isolate *i, petrel_gc_reason reason, void *data) {
  (void)i;
  CHECK(data == &epilogues);
  CHECK(reason == last_reason);
  epilogues++;
}

/* ---- An ArrayBuffer allocator ------------------------------------------------------------ */

typedef struct Counting {
  int allocs, frees, refusals;
  size_t live_bytes;
  size_t refuse_above; /* allocations larger than this fail */
} Counting;

static void *counting_allocate(void *data, size_t length) {
  Counting *c = data;
  if (length > c->refuse_above) {
    c->refusals++;
    return NULL;
  }
  void *p = calloc(1, length);
  if (p) {
    c->allocs++;
    c->live_bytes += length;
  }
  return p;
}

static void counting_free(void *data, void *bytes, size_t length) {
  Counting *c = data;
  c->frees++;
  c->live_bytes -= length;
  free(bytes);
}

static void check_array_buffer_allocator(void) {
  Counting counting = {0, 0, 0, 0, (size_t)1 << 20};
  petrel_array_buffer_allocator allocator = {counting_allocate, counting_free, &counting};
  petrel_isolate_params params = {.array_buffer_allocator = &allocator, .initial_young_bytes = 1 << 20,
                                  .max_young_bytes = 4 << 20};
  petrel_isolate *saved_iso = iso;
  petrel_context *saved_ctx = ctx;
  iso = petrel_isolate_new(&params);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_heap_statistics st;
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.initial_young_bytes == 1 << 20 && st.max_young_bytes == 4 << 20);
  CHECK(eval_str("var kept = new ArrayBuffer(1000); new Uint8Array(64)[3] = 7;\n"
                 "var r = new ArrayBuffer(10, {maxByteLength: 4096}); new Uint8Array(r)[9] = 9; r.resize(2000);\n"
                 "var moved = r.transfer(3000); var cut = moved.transfer(16);\n"
                 "var d = new ArrayBuffer(100); d.transfer();\n"
                 "[kept.byteLength, new Uint8Array(cut)[9], r.detached, cut.byteLength].join()",
                 "1000,9,true,16"));
  CHECK(counting.allocs >= 6);
  CHECK(counting.live_bytes >= 1000);
  /* The allocator refuses: the script gets a RangeError. */
  CHECK(eval_str("try { new ArrayBuffer(2 * 1024 * 1024); 'allocated' } catch (e) { e.constructor.name }",
                 "RangeError"));
  CHECK(counting.refusals == 1);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso); /* frees what is still alive through the allocator */
  CHECK(counting.allocs == counting.frees);
  CHECK(counting.live_bytes == 0);
  iso = saved_iso;
  ctx = saved_ctx;
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  petrel_isolate_params params = {.max_heap_bytes = LIMIT};
  iso = petrel_isolate_new(&params);
  CHECK(iso != NULL);
  petrel_handle_scope outer;
  petrel_handle_scope_open(iso, &outer);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "nearCalls",
                                petrel_function_new(ctx, js_near_calls, NULL, "nearCalls", 0)));
  petrel_isolate_set_near_heap_limit_callback(iso, on_near_limit, &near_calls);

  /* Statistics. */
  petrel_heap_statistics st;
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.heap_size_limit == LIMIT);
  CHECK(st.used_heap_size > 0 && st.used_heap_size <= st.total_heap_size);
  CHECK(st.external_memory == 0);

  /* Past the limit: the callback first, then a catchable RangeError. Then the isolate is reused,
   * several times over, to show the failed script's garbage does not stay pinned. */
  for (int round = 0; round < 5; round++) {
    near_calls = 0;
    CHECK(eval_str(fill_heap, "true Out of memory true"));
    CHECK(near_calls >= 1);
    CHECK(near_current == LIMIT && near_initial == LIMIT);
    CHECK(eval_str(reuse, "1770000"));
    CHECK(eval_str("[1, 2, 3].map(x => x * 2).join()", "2,4,6"));
  }
  /* Not caught by the script, inside a function: the embedder's try/catch gets the error. The
   * function's frames are dead but their stack memory still holds pointers to `local`. */
  for (int round = 0; round < 3; round++) {
    /* Stringifying the error allocates: the dead frames of the function must not pin `local`. */
    CHECK(eval_str("(function () { var local = []; while (true) local.push({a: local.length}) })()",
                   "RangeError: Out of memory (threw)"));
    CHECK(eval_str(reuse, "1770000"));
  }
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.heap_size_limit == LIMIT);

  /* The callback raises the limit once: a script needing a little more than the limit succeeds. */
  near_calls = 0;
  raise_by = (size_t)48 << 20;
  CHECK(eval_str("var big = []; for (var i = 0; i < 400000; i++) big.push({i: i}); big.length", "400000"));
  CHECK(near_calls == 1);
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.heap_size_limit == 4 * LIMIT);
  CHECK(eval_str("big = null; 'dropped'", "dropped"));
  petrel_isolate_restore_heap_limit(iso, 0);
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.heap_size_limit == LIMIT);

  /* GC callbacks, in pairs, with the reason. */
  petrel_isolate_add_gc_prologue_callback(iso, on_prologue, &prologues);
  petrel_isolate_add_gc_epilogue_callback(iso, on_epilogue, &epilogues);
  petrel_isolate_collect_garbage(iso);
  CHECK(prologues == 1 && epilogues == 1 && last_reason == PETREL_GC_EXPLICIT);
  CHECK(eval_str("for (var i = 0; i < 300000; i++) { var t = [i, 'w' + i]; } t = null; 'ok'", "ok"));
  CHECK(prologues > 1 && prologues == epilogues);
  int before = prologues;
  petrel_isolate_remove_gc_prologue_callback(iso, on_prologue, &prologues);
  petrel_isolate_remove_gc_epilogue_callback(iso, on_epilogue, &epilogues);
  petrel_isolate_collect_garbage(iso);
  CHECK(prologues == before && epilogues == before);

  /* Low-memory notification: dropped data goes away at once. */
  CHECK(eval_str("var blob = []; for (var i = 0; i < 100000; i++) blob.push('z' + i); blob.length", "100000"));
  petrel_isolate_get_heap_statistics(iso, &st);
  size_t with_blob = st.used_heap_size;
  CHECK(eval_str("blob = null; 'gone'", "gone"));
  petrel_isolate_low_memory_notification(iso);
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.used_heap_size + ((size_t)2 << 20) < with_blob);
  CHECK(st.gc_count > 0);

  /* External memory is reported and counts toward collections. */
  CHECK(petrel_isolate_adjust_external_memory(iso, 1 << 20) == 1 << 20);
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.external_memory == (size_t)1 << 20);
  size_t gcs = st.gc_count;
  for (int i = 0; i < 40; i++) petrel_isolate_adjust_external_memory(iso, 1 << 20);
  CHECK(eval_str("({}).toString()", "[object Object]"));
  petrel_isolate_get_heap_statistics(iso, &st);
  CHECK(st.gc_count > gcs);
  CHECK(petrel_isolate_adjust_external_memory(iso, -((int64_t)41 << 20)) == 0);

  check_array_buffer_allocator();

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&outer);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
