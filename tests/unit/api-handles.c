/* The public C API's handles: 10 million local handles in scopes that close every 1,000
 * iterations (resident memory stays flat), escapable scopes (escaping twice fails with an error),
 * weak persistent handles (the callback runs exactly once after collection; clear_weak; the
 * weak-wrapper pattern), external strings' dispose callbacks. Uses only petrel.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

/* Resident set size in bytes (from /proc/self/statm); 0 when unavailable. Reads with open/read
 * into a stack buffer: stdio would allocate, and under ASan freed buffers sit in quarantine. */
static size_t resident_bytes(void) {
  int fd = open("/proc/self/statm", O_RDONLY);
  if (fd < 0) return 0;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  unsigned long size = 0, resident = 0;
  if (sscanf(buf, "%lu %lu", &size, &resident) != 2) return 0;
  return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* The conservative stack scan must not find stale pointers to the objects these tests expect to
 * die: overwrite the stack below the caller. */
__attribute__((noinline)) static void scrub_stack(void) {
  char buf[16384];
  memset(buf, 0, sizeof buf);
  __asm__ volatile("" : : "r"(buf) : "memory"); /* keep the stores: the buffer "escapes" */
}

/* ---- 10 million handles ------------------------------------------------------------------ */

static void test_ten_million_handles(void) {
  size_t base = 0, peak = 0;
  size_t before_count = petrel_handle_count(iso);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  for (int i = 0; i < 10000000; i++) {
    if (i % 1000 == 0 && i > 0) {
      petrel_handle_scope_close(&scope);
      if (i == 1000) base = resident_bytes();
      else if (i % 100000 == 0) {
        size_t r = resident_bytes();
        if (r > peak) peak = r;
      }
      petrel_handle_scope_open(iso, &scope);
    }
    /* Handles to values that need no heap allocation, so only the handle machinery is measured
     * (heap garbage would grow until the collector's threshold). */
    petrel_value *v = petrel_int32(iso, i);
    if (i % 3 == 0) petrel_local_copy(iso, v);
  }
  petrel_handle_scope_close(&scope);
  CHECK(petrel_handle_count(iso) == before_count);
  CHECK(base > 0);
  if (peak > base) fprintf(stderr, "resident growth from iteration 1000: %zu bytes\n", peak - base);
  CHECK(peak < base + 1024 * 1024);
}

/* ---- Escapable scopes --------------------------------------------------------------------- */

static void test_escape_twice(void) {
  petrel_handle_scope outer;
  petrel_handle_scope_open(iso, &outer);
  size_t before = petrel_handle_count(iso);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *kept = NULL, *second = (petrel_value *)1;
  {
    petrel_handle_scope inner;
    petrel_handle_scope_open_escapable(iso, &inner);
    petrel_value *o = petrel_object_new(ctx);
    CHECK(petrel_object_set_named(ctx, o, "v", petrel_int32(iso, 7)));
    kept = petrel_handle_scope_escape(&inner, o);
    CHECK(kept != NULL);
    CHECK(!petrel_try_catch_has_caught(&tc));
    second = petrel_handle_scope_escape(&inner, o);
    petrel_handle_scope_close(&inner);
  }
  CHECK(second == NULL);
  CHECK(petrel_try_catch_has_caught(&tc)); /* the error status */
  petrel_value *e = petrel_try_catch_exception(&tc);
  CHECK(e != NULL && petrel_value_is_error(e));
  petrel_try_catch_close(&tc);
  /* The escaped handle lives in the outer scope (one slot reserved there). */
  CHECK(petrel_handle_count(iso) >= before + 1);
  petrel_value *v = NULL;
  CHECK(petrel_object_get_named(ctx, kept, "v", &v) && petrel_int32_value(v) == 7);
  /* Escaping from a plain scope fails the same way, with no try/catch open: it stays pending. */
  {
    petrel_handle_scope plain;
    petrel_handle_scope_open(iso, &plain);
    CHECK(petrel_handle_scope_escape(&plain, kept) == NULL);
    petrel_handle_scope_close(&plain);
  }
  /* The next call that runs JavaScript discards the uncaught error at top level. */
  CHECK(petrel_eval(ctx, "1", (size_t)-1, "x.js", NULL));
  petrel_handle_scope_close(&outer);
}

/* ---- Weak persistent handles -------------------------------------------------------------- */

static int weak_calls;
static void *weak_param_seen;
static bool weak_was_empty;

static void on_weak(petrel_isolate *i, petrel_persistent *p, void *param) {
  weak_calls++;
  weak_param_seen = param;
  weak_was_empty = petrel_persistent_is_empty(p) && !petrel_persistent_is_weak(p);
  petrel_persistent_release(i, p);
}

__attribute__((noinline)) static petrel_persistent *make_weak_object(void *param) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *o = petrel_object_new(ctx);
  petrel_persistent *p = petrel_persistent_new(iso, o);
  petrel_persistent_set_weak(iso, p, param, on_weak);
  petrel_handle_scope_close(&s);
  return p;
}

static void test_weak_callback(void) {
  static int token;
  weak_calls = 0;
  petrel_persistent *p = make_weak_object(&token);
  CHECK(petrel_persistent_is_weak(p));
  CHECK(!petrel_persistent_is_empty(p));
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 1);
  CHECK(weak_param_seen == &token);
  CHECK(weak_was_empty);
  /* More collections: exactly once. */
  petrel_isolate_collect_garbage(iso);
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 1);
}

/* A strong and a weak persistent to one new object (made here, so no stale pointer to it stays
 * in the caller's frame for the conservative stack scan). */
__attribute__((noinline)) static void make_pair(petrel_persistent **strong, petrel_persistent **weak) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *o = petrel_object_new(ctx);
  *strong = petrel_persistent_new(iso, o);
  *weak = petrel_persistent_new(iso, o);
  petrel_persistent_set_weak(iso, *weak, NULL, on_weak);
  petrel_handle_scope_close(&s);
}

static void test_weak_kept_alive(void) {
  /* A weak handle does not clear while something else (a strong persistent) holds the object. */
  weak_calls = 0;
  petrel_persistent *strong, *weak;
  make_pair(&strong, &weak);
  petrel_handle_scope s;
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 0);
  CHECK(!petrel_persistent_is_empty(weak));
  /* clear_weak makes it strong again: releasing the strong one no longer frees the object. */
  static int param;
  petrel_persistent_set_weak(iso, weak, &param, on_weak);
  CHECK(petrel_persistent_clear_weak(iso, weak) == &param);
  CHECK(!petrel_persistent_is_weak(weak));
  petrel_persistent_release(iso, strong);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 0 && !petrel_persistent_is_empty(weak));
  /* Weak again, and now it dies. */
  petrel_persistent_set_weak(iso, weak, &param, on_weak);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 1 && weak_param_seen == &param);
  /* A primitive is never collected. */
  petrel_handle_scope_open(iso, &s);
  petrel_persistent *num = petrel_persistent_new(iso, petrel_int32(iso, 3));
  petrel_persistent_set_weak(iso, num, NULL, on_weak);
  petrel_handle_scope_close(&s);
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 1 && !petrel_persistent_is_empty(num));
  CHECK(petrel_persistent_clear_weak(iso, num) == NULL);
  petrel_persistent_release(iso, num);
}

/* ---- The weak-wrapper pattern (docs/embedding.md) ------------------------------------------ */

typedef struct Counter {
  int value;
  petrel_persistent *wrapper; /* weak: the C struct must not keep its own wrapper alive */
} Counter;

static int counters_freed;

static void counter_wrapper_died(petrel_isolate *i, petrel_persistent *p, void *param) {
  Counter *c = param;
  petrel_persistent_release(i, p);
  free(c);
  counters_freed++;
}

static void counter_new(const petrel_callback_info *info) {
  petrel_isolate *i = petrel_callback_info_isolate(info);
  petrel_value *self = petrel_callback_info_this(info);
  Counter *c = calloc(1, sizeof *c);
  petrel_object_set_aligned_pointer(self, 0, c);
  c->wrapper = petrel_persistent_new(i, self);
  petrel_persistent_set_weak(i, c->wrapper, c, counter_wrapper_died);
}

static void counter_inc(const petrel_callback_info *info) {
  Counter *c = petrel_object_get_aligned_pointer(petrel_callback_info_holder(info), 0);
  if (c == NULL) {
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "not a Counter");
    return;
  }
  petrel_callback_info_set_return_int32(info, ++c->value);
}

static void test_weak_wrapper_pattern(void) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_function_template *ft = petrel_function_template_new(iso, counter_new, NULL, "Counter", 0);
  CHECK(petrel_object_template_set_internal_field_count(petrel_function_template_instance_template(ft), 1));
  petrel_function_template *inc = petrel_function_template_new(iso, counter_inc, NULL, "inc", 0);
  CHECK(petrel_object_template_set_function_template(petrel_function_template_prototype_template(ft), "inc", inc,
                                                     PETREL_PROP_HIDDEN));
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "Counter",
                                petrel_function_template_get_function(ft, ctx)));
  petrel_value *r = NULL;
  counters_freed = 0;
  CHECK(petrel_eval(ctx, "var kept = new Counter(); kept.inc(); kept.inc();"
                         "for (var i = 0; i < 100; i++) new Counter().inc(); kept.inc()",
                    (size_t)-1, "counter.js", &r));
  CHECK(r != NULL && petrel_int32_value(r) == 3);
  petrel_handle_scope_close(&s);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  /* The hundred temporaries are gone (conservative scanning may pin a few), `kept` is not. */
  CHECK(counters_freed >= 90 && counters_freed <= 100);
  petrel_handle_scope_open(iso, &s);
  CHECK(petrel_eval(ctx, "kept.inc()", (size_t)-1, "counter.js", &r));
  CHECK(r != NULL && petrel_int32_value(r) == 4);
  CHECK(petrel_eval(ctx, "kept = null", (size_t)-1, "counter.js", NULL));
  petrel_handle_scope_close(&s);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(counters_freed >= 91);
}

/* ---- External strings and buffers --------------------------------------------------------- */

static int strings_disposed;
static const void *disposed_data;
static void string_dispose(const void *data, void *param) {
  strings_disposed++;
  disposed_data = data;
  CHECK(param == &strings_disposed);
}

static const char latin1_text[] = "external caf\xe9";
static const uint16_t utf16_text[] = {0x48, 0x69, 0x20, 0x2603};

__attribute__((noinline)) static void make_external_strings(void) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *a =
      petrel_string_new_external_one_byte(iso, latin1_text, sizeof latin1_text - 1, string_dispose, &strings_disposed);
  char buf[64];
  petrel_string_write_utf8(iso, a, buf, sizeof buf);
  CHECK(strcmp(buf, "external caf\xc3\xa9") == 0);
  petrel_value *b = petrel_string_new_external_two_byte(iso, utf16_text, 4, string_dispose, &strings_disposed);
  petrel_string_write_utf8(iso, b, buf, sizeof buf);
  CHECK(strcmp(buf, "Hi \xe2\x98\x83") == 0);
  CHECK(petrel_string_length(b) == 4);
  petrel_handle_scope_close(&s);
}

/* External strings behave as any string in JavaScript, and really use the embedder's memory. */
static char mutable_text[] = "zero-copy";
static const uint16_t snowman_text[] = {0x2603, 0x61, 0x62};

__attribute__((noinline)) static void check_external_behaviour(void) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *one = petrel_string_new_external_one_byte(iso, mutable_text, 9, string_dispose, &strings_disposed);
  /* White-box (breaks the contract on purpose, before any use): the string reads the buffer. */
  mutable_text[0] = 'Z';
  char buf[64];
  petrel_string_write_utf8(iso, one, buf, sizeof buf);
  CHECK(strcmp(buf, "Zero-copy") == 0);
  mutable_text[0] = 'z';
  petrel_value *two = petrel_string_new_external_two_byte(iso, snowman_text, 3, string_dispose, &strings_disposed);
  petrel_value *empty = petrel_string_new_external_one_byte(iso, "", 0, string_dispose, &strings_disposed);
  petrel_value *global = petrel_context_global(ctx);
  CHECK(petrel_object_set_named(ctx, global, "ext1", one));
  CHECK(petrel_object_set_named(ctx, global, "ext2", two));
  CHECK(petrel_object_set_named(ctx, global, "ext0", empty));
  petrel_value *r = NULL;
  CHECK(petrel_eval(ctx,
                    "var o = {}; o[ext1] = 1; o[ext2] = 2;"
                    "ext1 === 'zero-copy' && ext1.length === 9 && ext1 + '!' === 'zero-copy!' &&"
                    "ext1.slice(5) === 'copy' && ext1.toUpperCase() === 'ZERO-COPY' && o['zero-copy'] === 1 &&"
                    "ext2 === '\u2603ab' && ext2.length === 3 && ext2.charCodeAt(0) === 0x2603 &&"
                    "ext2.indexOf('b') === 2 && o['\u2603ab'] === 2 && /co(py)$/.exec(ext1)[1] === 'py' &&"
                    "JSON.stringify([ext1, ext2]) === '[\"zero-copy\",\"\\u2603ab\"]' &&"
                    "new Map([[ext1, 5]]).get('zero-' + 'copy') === 5 &&"
                    "ext0 === '' && ext0.length === 0 && (ext1 < ext2) && Number(ext0) === 0",
                    (size_t)-1, "ext.js", &r));
  CHECK(r != NULL && petrel_value_is_true(r));
  /* RegExp.input (Annex B) remembers the last subject: point it elsewhere, then drop the rest. */
  CHECK(petrel_eval(ctx, "/x/.exec('x'); ext1 = ext2 = ext0 = o = undefined", (size_t)-1, "ext.js", NULL));
  petrel_handle_scope_close(&s);
}

static int buffers_freed;
static void buffer_free(void *data, size_t length, void *param) {
  buffers_freed++;
  CHECK(length == 16 && param == &buffers_freed);
  free(data);
}

__attribute__((noinline)) static void make_external_buffer(void) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  uint8_t *mem = calloc(1, 16);
  mem[3] = 42;
  petrel_value *ab = petrel_array_buffer_new_external(ctx, mem, 16, buffer_free, &buffers_freed);
  CHECK(ab != NULL && petrel_array_buffer_data(ab) == mem && petrel_array_buffer_byte_length(ab) == 16);
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "ext", ab));
  petrel_value *r = NULL;
  CHECK(petrel_eval(ctx, "var u = new Uint8Array(ext); u[4] = 7; u[3]", (size_t)-1, "ab.js", &r));
  CHECK(r && petrel_int32_value(r) == 42 && mem[4] == 7);
  CHECK(petrel_eval(ctx, "ext = u = undefined", (size_t)-1, "ab.js", NULL));
  CHECK(petrel_isolate_adjust_external_memory(iso, 16) == 16);
  petrel_handle_scope_close(&s);
}

static void test_external(void) {
  strings_disposed = 0;
  make_external_strings();
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(strings_disposed == 2);
  strings_disposed = 0;
  check_external_behaviour();
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(strings_disposed == 3);
  buffers_freed = 0;
  make_external_buffer();
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(buffers_freed == 1);
  CHECK(petrel_isolate_adjust_external_memory(iso, -16) == 0);
}

/* External strings still alive at disposal are disposed with the isolate. */
static void test_dispose_at_teardown(void) {
  petrel_isolate *i2 = petrel_isolate_new(NULL);
  petrel_handle_scope s;
  petrel_handle_scope_open(i2, &s);
  petrel_context *c2 = petrel_context_new(i2);
  petrel_value *str = petrel_string_new_external_one_byte(i2, "kept", 4, string_dispose, &strings_disposed);
  CHECK(petrel_object_set_named(c2, petrel_context_global(c2), "s", str));
  petrel_handle_scope_close(&s);
  strings_disposed = 0;
  petrel_isolate_collect_garbage(i2);
  CHECK(strings_disposed == 0);
  /* A weak wrapper whose object is alive at disposal gets its callback then. */
  petrel_handle_scope_open(i2, &s);
  petrel_value *obj = petrel_object_new(c2);
  CHECK(petrel_object_set_named(c2, petrel_context_global(c2), "o", obj));
  petrel_persistent *w = petrel_persistent_new(i2, obj);
  static int token;
  petrel_persistent_set_weak(i2, w, &token, on_weak);
  petrel_handle_scope_close(&s);
  weak_calls = 0;
  petrel_isolate_collect_garbage(i2);
  CHECK(weak_calls == 0);
  petrel_isolate_dispose(i2);
  CHECK(strings_disposed == 1);
  CHECK(weak_calls == 1 && weak_param_seen == &token);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_handle_scope_close(&scope); /* the tests open their own scopes */

  test_escape_twice();
  test_weak_callback();
  test_weak_kept_alive();
  test_weak_wrapper_pattern();
  test_external();
  test_dispose_at_teardown();
  test_ten_million_handles();

  petrel_context_exit(ctx);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
