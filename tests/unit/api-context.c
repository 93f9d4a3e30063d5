/* The public C API's contexts and microtask policy: a context made from a global object template
 * (values, C accessors, function-template functions per context, internal fields on the global),
 * two contexts that cannot reach each other's objects until the embedder hands one over, and the
 * explicit and automatic microtask policies. Uses only petrel.h, as an embedder would. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;

static petrel_value *eval_in(petrel_context *ctx, const char *source) {
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  if (!petrel_eval(ctx, source, (size_t)-1, "context.js", &result)) {
    petrel_value *e = petrel_try_catch_exception(&tc);
    petrel_value *s;
    char buf[256] = "?";
    if (e && petrel_value_to_string(ctx, e, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
    fprintf(stderr, "eval failed: %s: %s\n", source, buf);
    result = NULL;
  }
  petrel_try_catch_close(&tc);
  return result;
}

static bool true_in(petrel_context *ctx, const char *source) {
  petrel_value *v = eval_in(ctx, source);
  return v != NULL && petrel_value_is_true(v);
}

static double number_in(petrel_context *ctx, const char *source) {
  petrel_value *v = eval_in(ctx, source);
  return v != NULL && petrel_value_is_number(v) ? petrel_number_value(v) : -1;
}

/* ---- Global object templates -------------------------------------------------------------- */

static int counter_value;

static void counter_get(petrel_value *property, const petrel_callback_info *info) {
  (void)property;
  petrel_callback_info_set_return_int32(info, counter_value);
}

static void counter_set(petrel_value *property, petrel_value *value, const petrel_callback_info *info) {
  (void)property;
  counter_value = petrel_int32_value(value);
  (void)info;
}

/* host.twice(x): 2 * x, and proves which context it runs in through the context's data. */
static void twice_cb(const petrel_callback_info *info) {
  petrel_value *x = petrel_callback_info_arg(info, 0);
  petrel_callback_info_set_return_double(info, 2 * petrel_number_value(x));
}

/* whoami(): the global object's internal field 0 (a C string), read through `this`-less lookup of
 * the callee context's global. */
static void whoami_cb(const petrel_callback_info *info) {
  petrel_context *ctx = petrel_callback_info_context(info);
  const char *name = petrel_object_get_aligned_pointer(petrel_context_global(ctx), 0);
  petrel_callback_info_set_return(info, petrel_string_new_utf8(petrel_callback_info_isolate(info),
                                                               name ? name : "none", (size_t)-1));
}

static void test_global_template(void) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_object_template *global = petrel_object_template_new(iso);
  CHECK(petrel_object_template_set(global, "answer", petrel_int32(iso, 42), PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set(global, "fixed", petrel_string_new_utf8(iso, "ro", (size_t)-1),
                                   PETREL_PROP_ENUMERABLE));
  CHECK(petrel_object_template_set_accessor(global, "counter", counter_get, counter_set, NULL,
                                            PETREL_PROP_DEFAULT));
  petrel_function_template *twice = petrel_function_template_new(iso, twice_cb, NULL, "twice", 1);
  petrel_function_template *whoami = petrel_function_template_new(iso, whoami_cb, NULL, "whoami", 0);
  CHECK(petrel_object_template_set_function_template(global, "twice", twice, PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set_function_template(global, "whoami", whoami, PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set_internal_field_count(global, 2));

  petrel_context *a = petrel_context_new_with_global_template(iso, global);
  petrel_context *b = petrel_context_new_with_global_template(iso, global);
  CHECK(a != NULL && b != NULL);
  /* The template is frozen once used. */
  CHECK(!petrel_object_template_set_internal_field_count(global, 3));

  /* Values, attributes and accessors appear on the global. */
  CHECK(number_in(a, "answer") == 42);
  CHECK(true_in(a, "globalThis.hasOwnProperty('answer') && fixed === 'ro'"));
  CHECK(true_in(a, "'use strict'; try { fixed = 1; false } catch (e) { e instanceof TypeError }"));
  CHECK(true_in(a, "counter = 7; counter === 7"));
  CHECK(counter_value == 7);
  CHECK(number_in(b, "counter") == 7); /* both contexts share the C state behind the accessor */
  CHECK(number_in(a, "twice(21)") == 42);
  /* Functions from function templates are per context. */
  petrel_value *ta = eval_in(a, "twice"), *tb = eval_in(b, "twice");
  CHECK(ta != NULL && tb != NULL && !petrel_value_strict_equals(ta, tb));
  CHECK(petrel_value_strict_equals(ta, petrel_function_template_get_function(twice, a)));
  CHECK(true_in(a, "Object.getPrototypeOf(twice) === Function.prototype"));

  /* Internal fields on the global object, separate per context. */
  petrel_value *ga = petrel_context_global(a), *gb = petrel_context_global(b);
  CHECK(petrel_object_internal_field_count(ga) == 2);
  CHECK(petrel_object_internal_field_count(gb) == 2);
  CHECK(petrel_object_get_internal_field(ga, 1) == NULL);
  static char name_a[] = "context a", name_b[] = "context b";
  CHECK(petrel_object_set_aligned_pointer(ga, 0, name_a));
  CHECK(petrel_object_set_aligned_pointer(gb, 0, name_b));
  CHECK(!petrel_object_set_internal_field(ga, 2, name_a)); /* out of range */
  CHECK(petrel_object_get_aligned_pointer(ga, 0) == name_a);
  CHECK(petrel_object_get_aligned_pointer(gb, 0) == name_b);
  CHECK(true_in(a, "whoami() === 'context a'"));
  CHECK(true_in(b, "whoami() === 'context b'"));
  /* A plain context's global has no internal fields. */
  petrel_context *plain = petrel_context_new(iso);
  CHECK(petrel_object_internal_field_count(petrel_context_global(plain)) == 0);
  CHECK(!petrel_object_set_internal_field(petrel_context_global(plain), 0, name_a));
  CHECK(petrel_context_new_with_global_template(iso, NULL) != NULL); /* NULL: a plain context */

  /* The global's fields survive collections. */
  petrel_isolate_collect_garbage(iso);
  CHECK(true_in(b, "whoami() === 'context b' && answer === 42"));

  petrel_context_release(plain);
  petrel_context_release(a);
  petrel_context_release(b);
  petrel_handle_scope_close(&scope);
}

/* A global template whose property cannot be defined fails the creation with the exception. */
static void test_global_template_failure(void) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_object_template *global = petrel_object_template_new(iso);
  /* `undefined` is a non-configurable property of every global object: redefining it throws. */
  CHECK(petrel_object_template_set(global, "undefined", petrel_int32(iso, 1), PETREL_PROP_DEFAULT));
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_context *c = petrel_context_new_with_global_template(iso, global);
  CHECK(c == NULL);
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);
  petrel_object_template_release(global);
  petrel_handle_scope_close(&scope);
}

/* ---- Isolation between contexts ----------------------------------------------------------- */

static void test_contexts_isolated(void) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *a = petrel_context_new(iso), *b = petrel_context_new(iso);
  CHECK(eval_in(a, "var secret = {v: 1}; globalThis.shared = 'a'; Array.prototype.mark = 1;") != NULL);
  /* b sees none of a's globals, and has its own built-ins. */
  CHECK(true_in(b, "typeof secret === 'undefined' && typeof shared === 'undefined'"));
  CHECK(true_in(b, "[].mark === undefined && !('mark' in Array.prototype)"));
  petrel_value *arr_a = eval_in(a, "Array"), *arr_b = eval_in(b, "Array");
  CHECK(arr_a != NULL && arr_b != NULL && !petrel_value_strict_equals(arr_a, arr_b));
  /* Neither global is reachable from the other side. */
  CHECK(true_in(b, "Object.getOwnPropertyNames(globalThis).every(k => k !== 'secret' && k !== 'shared')"));

  /* The embedder hands an object over: b now reaches it (and only what the object itself
   * references). It keeps its own realm's identity: a's Array, not b's. */
  petrel_value *secret;
  CHECK(petrel_object_get_named(a, petrel_context_global(a), "secret", &secret));
  CHECK(petrel_object_set_named(b, petrel_context_global(b), "handed", secret));
  CHECK(true_in(b, "handed.v === 1 && typeof secret === 'undefined'"));
  CHECK(true_in(b, "handed.v = 2; true"));
  CHECK(number_in(a, "secret.v") == 2);
  CHECK(true_in(b, "Object.getPrototypeOf(handed) !== Object.prototype"));
  petrel_value *list = eval_in(a, "[1, 2]");
  CHECK(petrel_object_set_named(b, petrel_context_global(b), "list", list));
  CHECK(true_in(b, "!(list instanceof Array) && Array.isArray(list) && list.mark === 1"));

  petrel_context_release(a);
  petrel_context_release(b);
  petrel_handle_scope_close(&scope);
}

/* ---- Microtask policy --------------------------------------------------------------------- */

static void test_microtasks_explicit(petrel_context *ctx) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  CHECK(petrel_isolate_get_microtasks_policy(iso) == PETREL_MICROTASKS_EXPLICIT);
  CHECK(eval_in(ctx, "var log = []; Promise.resolve().then(() => log.push('job'));") != NULL);
  /* Explicit: nothing runs until the checkpoint, across any number of calls. */
  CHECK(number_in(ctx, "log.length") == 0);
  petrel_value *log;
  CHECK(petrel_object_get_named(ctx, petrel_context_global(ctx), "log", &log));
  CHECK(number_in(ctx, "log.length") == 0);
  petrel_perform_microtask_checkpoint(iso);
  CHECK(number_in(ctx, "log.length === 1 && log[0] === 'job' ? 1 : 0") == 1);
  petrel_handle_scope_close(&scope);
}

static int native_saw_length = -1;

/* Called from script: an API call made here (inside JavaScript) must not run the checkpoint. */
static void peek_cb(const petrel_callback_info *info) {
  petrel_context *ctx = petrel_callback_info_context(info);
  petrel_value *len;
  if (petrel_eval(ctx, "log.length", (size_t)-1, "peek.js", &len)) native_saw_length = petrel_int32_value(len);
}

static void test_microtasks_auto(petrel_context *ctx) {
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_isolate_set_microtasks_policy(iso, PETREL_MICROTASKS_AUTO);
  CHECK(petrel_isolate_get_microtasks_policy(iso) == PETREL_MICROTASKS_AUTO);
  /* Auto: the jobs queued by a script run when that outermost call returns, not during it. */
  CHECK(number_in(ctx, "log = []; Promise.resolve().then(() => log.push('a')); log.length") == 0);
  CHECK(number_in(ctx, "log.length") == 1);

  /* Not from inside JavaScript: a native callback's own API calls leave the queue alone. */
  petrel_value *peek = petrel_function_new(ctx, peek_cb, NULL, "peek", 0);
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "peek", peek));
  CHECK(number_in(ctx, "log = []; Promise.resolve().then(() => log.push('b')); peek(); log.length") == 0);
  CHECK(native_saw_length == 0);
  CHECK(number_in(ctx, "log.length") == 1);

  /* Other calls that enter the context also end in a checkpoint: petrel_function_call. */
  petrel_value *queue = eval_in(ctx, "log = []; (function () { Promise.resolve().then(() => log.push('c')); })");
  CHECK(queue != NULL);
  petrel_value *r;
  CHECK(petrel_function_call(ctx, queue, NULL, 0, NULL, &r));
  petrel_value *log;
  CHECK(petrel_object_get_named(ctx, petrel_context_global(ctx), "log", &log));
  CHECK(petrel_array_length(ctx, log) == 1);

  /* A failed call still runs the checkpoint, and its exception reaches the try/catch intact. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_eval(ctx, "log = []; Promise.resolve().then(() => log.push('d')); throw new RangeError('boom')",
                     (size_t)-1, "fail.js", NULL));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_value *e = petrel_try_catch_exception(&tc);
  bool is_range = false;
  CHECK(e != NULL && petrel_value_is_error(e));
  petrel_value *name;
  if (e && petrel_object_get_named(ctx, e, "name", &name)) {
    char buf[32] = "";
    petrel_string_write_utf8(iso, name, buf, sizeof buf);
    is_range = strcmp(buf, "RangeError") == 0;
  }
  CHECK(is_range);
  int line = 0, column = 0;
  CHECK(petrel_try_catch_message(&tc, NULL, &line, &column, NULL) && line == 1);
  petrel_try_catch_close(&tc);
  CHECK(number_in(ctx, "log.length") == 1);

  /* Back to explicit: jobs wait again. */
  petrel_isolate_set_microtasks_policy(iso, PETREL_MICROTASKS_EXPLICIT);
  CHECK(number_in(ctx, "log = []; Promise.resolve().then(() => log.push('e')); 0") == 0);
  CHECK(number_in(ctx, "log.length") == 0);
  petrel_perform_microtask_checkpoint(iso);
  CHECK(number_in(ctx, "log.length") == 1);
  petrel_handle_scope_close(&scope);
}

/* ---- Entering isolates ------------------------------------------------------------------- */

static petrel_isolate *seen_on_thread = (petrel_isolate *)1;

static void *other_thread(void *arg) {
  (void)arg;
  seen_on_thread = petrel_isolate_get_current(); /* per thread: nothing entered here */
  return NULL;
}

static void test_isolate_enter(void) {
  CHECK(petrel_isolate_get_current() == NULL);
  petrel_isolate_enter(iso);
  CHECK(petrel_isolate_get_current() == iso);
  petrel_isolate *other = petrel_isolate_new(NULL);
  CHECK(other != NULL);
  petrel_isolate_enter(other);
  CHECK(petrel_isolate_get_current() == other);
  petrel_isolate_enter(iso); /* re-entering nests too */
  CHECK(petrel_isolate_get_current() == iso);
  pthread_t t;
  CHECK(pthread_create(&t, NULL, other_thread, NULL) == 0);
  pthread_join(t, NULL);
  CHECK(seen_on_thread == NULL);
  petrel_isolate_exit(iso);
  CHECK(petrel_isolate_get_current() == other);
  petrel_isolate_exit(other);
  CHECK(petrel_isolate_get_current() == iso);
  petrel_isolate_dispose(other);
  petrel_isolate_exit(iso);
  CHECK(petrel_isolate_get_current() == NULL);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  test_isolate_enter();
  test_global_template();
  test_global_template_failure();
  test_contexts_isolated();
  test_microtasks_explicit(ctx);
  test_microtasks_auto(ctx);

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
