/* The public C API's values and objects, second part: int32/uint32, Latin-1 strings, private
 * symbols, arrays with elements, promise resolvers, dates, typed arrays, errors, index access,
 * property definition with attributes, own property names and attributes. Uses only petrel.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

static petrel_value *eval(const char *source) {
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  if (!petrel_eval(ctx, source, (size_t)-1, "values.js", &result)) {
    fprintf(stderr, "eval failed: %s\n", source);
    result = NULL;
  }
  petrel_try_catch_close(&tc);
  return result;
}

static bool eval_true(const char *source) {
  petrel_value *v = eval(source);
  return v != NULL && petrel_value_is_true(v);
}

static bool str_is(petrel_value *v, const char *expected) {
  if (v == NULL || !petrel_value_is_string(v)) return false;
  char buf[512];
  petrel_string_write_utf8(iso, v, buf, sizeof buf);
  if (strcmp(buf, expected) != 0) fprintf(stderr, "got '%s', expected '%s'\n", buf, expected);
  return strcmp(buf, expected) == 0;
}

static void set_global(const char *name, petrel_value *v) {
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), name, v));
}

static void test_integers(void) {
  petrel_value *a = petrel_int32(iso, -5), *b = petrel_uint32(iso, 4000000000u), *c = petrel_uint32(iso, 7);
  CHECK(petrel_value_is_int32(a) && !petrel_value_is_uint32(a));
  CHECK(!petrel_value_is_int32(b) && petrel_value_is_uint32(b));
  CHECK(petrel_number_value(b) == 4000000000.0);
  CHECK(petrel_value_is_uint32(c) && petrel_uint32_value(c) == 7);
  CHECK(petrel_int32_value(b) == (int32_t)-294967296);
  CHECK(petrel_uint32_value(a) == 4294967291u);
  CHECK(petrel_int32_value(petrel_number(iso, 1e10 + 0.5)) == 1410065408);
  CHECK(petrel_int32_value(petrel_number(iso, NAN)) == 0);
  CHECK(!petrel_value_is_uint32(petrel_number(iso, -0.0)));
  CHECK(!petrel_value_is_uint32(petrel_number(iso, 1.5)));
  CHECK(petrel_int32_value(petrel_string_new_utf8(iso, "5", 1)) == 0); /* no conversion */
  uint32_t u = 0;
  CHECK(petrel_value_to_uint32(ctx, eval("({valueOf() { return -1 }})"), &u) && u == 4294967295u);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_value_to_uint32(ctx, eval("({valueOf() { throw 1 }})"), &u));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);
  set_global("big", b);
  CHECK(eval_true("big === 4000000000"));
}

static void test_latin1(void) {
  const uint8_t chars[] = {'c', 'a', 'f', 0xE9, 0xFF};
  petrel_value *s = petrel_string_new_latin1(iso, chars, sizeof chars);
  CHECK(petrel_string_length(s) == 5);
  set_global("lat", s);
  CHECK(eval_true("lat === 'caf\\u00e9\\u00ff'"));
  CHECK(petrel_string_length(petrel_string_new_latin1(iso, chars, 0)) == 0);
}

static void test_private_symbols(void) {
  petrel_value *key = petrel_private_symbol_new(iso, "secret");
  petrel_value *o = eval("({visible: 1})");
  CHECK(petrel_value_is_symbol(key));
  bool has = true;
  CHECK(petrel_object_has_private(ctx, o, key, &has) && !has);
  petrel_value *v = NULL;
  CHECK(petrel_object_get_private(ctx, o, key, &v) && petrel_value_is_undefined(v));
  CHECK(petrel_object_set_private(ctx, o, key, petrel_int32(iso, 42)));
  CHECK(petrel_object_has_private(ctx, o, key, &has) && has);
  CHECK(petrel_object_get_private(ctx, o, key, &v) && petrel_int32_value(v) == 42);
  set_global("po", o);
  /* Invisible to JavaScript reflection. */
  CHECK(eval_true("Reflect.ownKeys(po).length === 1 && Object.getOwnPropertySymbols(po).length === 0"));
  CHECK(eval_true("JSON.stringify(po) === '{\"visible\":1}' && Object.keys(po).join() === 'visible'"));
  CHECK(eval_true("var n = 0; for (var k in po) n++; n === 1"));
  CHECK(eval_true("Object.freeze(po); Object.isFrozen(po)"));
  /* Not inherited. */
  petrel_value *child = eval("Object.create(po)");
  CHECK(petrel_object_has_private(ctx, child, key, &has) && !has);
  CHECK(petrel_object_delete_private(ctx, o, key));
  CHECK(petrel_object_has_private(ctx, o, key, &has) && !has);
  /* Misuse is a TypeError, not a crash. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_object_set_private(ctx, o, petrel_symbol_new(iso, "public"), petrel_int32(iso, 1)));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(!petrel_object_get_private(ctx, petrel_int32(iso, 1), key, &v));
  CHECK(!petrel_object_set_private(ctx, eval("new Proxy({}, {})"), key, petrel_int32(iso, 1)));
  petrel_try_catch_close(&tc);
}

static void test_arrays(void) {
  petrel_value *elems[3] = {petrel_int32(iso, 1), petrel_string_new_utf8(iso, "two", 3), petrel_null(iso)};
  petrel_value *a = petrel_array_new_with_elements(ctx, elems, 3);
  CHECK(petrel_value_is_array(a) && petrel_array_length(ctx, a) == 3);
  set_global("arr", a);
  CHECK(eval_true("arr[0] === 1 && arr[1] === 'two' && arr[2] === null && Array.isArray(arr)"));
  petrel_value *empty = petrel_array_new_with_elements(ctx, NULL, 0);
  CHECK(petrel_array_length(ctx, empty) == 0);
  bool b = false;
  CHECK(petrel_object_has_index(ctx, a, 1, &b) && b);
  CHECK(petrel_object_has_index(ctx, a, 3, &b) && !b);
  CHECK(petrel_object_delete_index(ctx, a, 1, &b) && b);
  CHECK(petrel_object_has_index(ctx, a, 1, &b) && !b);
  CHECK(petrel_array_length(ctx, a) == 3);
  CHECK(petrel_object_delete_index(ctx, eval("Object.freeze([1])"), 0, &b) && !b);
}

static void test_promise_resolver(void) {
  petrel_value *r = petrel_promise_resolver_new(ctx);
  petrel_value *p = petrel_promise_resolver_get_promise(iso, r);
  CHECK(petrel_value_is_promise(p));
  set_global("pr", p);
  CHECK(eval("var got; pr.then(v => { got = v })") != NULL);
  CHECK(petrel_promise_get_state(p) == PETREL_PROMISE_PENDING);
  CHECK(petrel_promise_resolver_resolve(ctx, r, petrel_int32(iso, 9)));
  CHECK(petrel_promise_get_state(p) == PETREL_PROMISE_FULFILLED);
  CHECK(petrel_promise_resolver_reject(ctx, r, petrel_int32(iso, 1))); /* no effect */
  CHECK(petrel_promise_get_state(p) == PETREL_PROMISE_FULFILLED);
  petrel_perform_microtask_checkpoint(iso);
  CHECK(eval_true("got === 9"));

  petrel_value *r2 = petrel_promise_resolver_new(ctx);
  set_global("pr2", petrel_promise_resolver_get_promise(iso, r2));
  CHECK(eval("var why; pr2.catch(e => { why = e.message })") != NULL);
  CHECK(petrel_promise_resolver_reject(ctx, r2, petrel_error_new(iso, PETREL_TYPE_ERROR, "nope")));
  petrel_perform_microtask_checkpoint(iso);
  CHECK(eval_true("why === 'nope'"));
  CHECK(petrel_promise_get_state(petrel_promise_resolver_get_promise(iso, r2)) == PETREL_PROMISE_REJECTED);

  /* Resolving with a thenable follows it. */
  petrel_value *r3 = petrel_promise_resolver_new(ctx);
  CHECK(petrel_promise_resolver_resolve(ctx, r3, eval("Promise.resolve('inner')")));
  petrel_perform_microtask_checkpoint(iso);
  petrel_value *p3 = petrel_promise_resolver_get_promise(iso, r3);
  CHECK(petrel_promise_get_state(p3) == PETREL_PROMISE_FULFILLED);
  CHECK(str_is(petrel_promise_result(iso, p3), "inner"));
}

static void test_dates(void) {
  petrel_value *d = petrel_date_new(ctx, 86400000.0);
  CHECK(petrel_value_is_date(d));
  CHECK(petrel_date_value(d) == 86400000.0);
  set_global("day", d);
  CHECK(eval_true("day.toISOString() === '1970-01-02T00:00:00.000Z' && day instanceof Date"));
  CHECK(isnan(petrel_date_value(petrel_date_new(ctx, 9e15))));
  CHECK(isnan(petrel_date_value(petrel_int32(iso, 3))));
  CHECK(petrel_date_value(eval("new Date(5)")) == 5);
  CHECK(petrel_date_value(petrel_date_new(ctx, 1.9)) == 1); /* TimeClip truncates */
}

static void test_typed_arrays(void) {
  petrel_value *buf = petrel_array_buffer_new(ctx, 16);
  petrel_value *ta = NULL;
  CHECK(petrel_typed_array_new(ctx, PETREL_INT32_ARRAY, buf, 4, 2, &ta));
  CHECK(petrel_value_is_typed_array(ta) && !petrel_value_is_typed_array(buf));
  CHECK(petrel_typed_array_get_kind(ta) == PETREL_INT32_ARRAY);
  CHECK(petrel_typed_array_length(ta) == 2 && petrel_typed_array_byte_offset(ta) == 4);
  CHECK(petrel_value_strict_equals(petrel_typed_array_buffer(iso, ta), buf));
  set_global("ta", ta);
  CHECK(eval_true("ta instanceof Int32Array && (ta[1] = -3, ta[1] === -3)"));
  int32_t *words = petrel_array_buffer_data(buf);
  CHECK(words[2] == -3);
  petrel_value *f64 = NULL;
  CHECK(petrel_typed_array_new(ctx, PETREL_FLOAT64_ARRAY, buf, 0, 2, &f64));
  CHECK(petrel_typed_array_get_kind(f64) == PETREL_FLOAT64_ARRAY);
  /* Misaligned, out of bounds, bad kind, not a buffer: errors. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_typed_array_new(ctx, PETREL_INT32_ARRAY, buf, 2, 1, &ta));
  CHECK(!petrel_typed_array_new(ctx, PETREL_UINT8_ARRAY, buf, 0, 17, &ta));
  CHECK(!petrel_typed_array_new(ctx, (petrel_typed_array_kind)99, buf, 0, 1, &ta));
  CHECK(!petrel_typed_array_new(ctx, PETREL_UINT8_ARRAY, eval("({})"), 0, 1, &ta));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);
  CHECK(petrel_array_buffer_detach(ctx, buf));
  CHECK(petrel_typed_array_length(f64) == 0);
}

static void test_errors(void) {
  static const struct { petrel_error_kind kind; const char *ctor; } kinds[] = {
      {PETREL_RANGE_ERROR, "RangeError"}, {PETREL_TYPE_ERROR, "TypeError"},
      {PETREL_SYNTAX_ERROR, "SyntaxError"}, {PETREL_REFERENCE_ERROR, "ReferenceError"}};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    petrel_value *e = petrel_error_new(iso, kinds[i].kind, "msg");
    CHECK(petrel_value_is_error(e));
    set_global("err", e);
    char src[128];
    snprintf(src, sizeof src, "err instanceof %s && err.message === 'msg'", kinds[i].ctor);
    CHECK(eval_true(src));
  }
}

static void test_properties(void) {
  petrel_value *o = petrel_object_new(ctx);
  petrel_value *key = petrel_string_new_utf8(iso, "fixed", 5);
  CHECK(petrel_object_define(ctx, o, key, petrel_int32(iso, 1), PETREL_PROP_ENUMERABLE)); /* read-only, don't-delete */
  CHECK(petrel_object_define(ctx, o, petrel_string_new_utf8(iso, "hidden", 6), petrel_int32(iso, 2),
                             PETREL_PROP_WRITABLE | PETREL_PROP_CONFIGURABLE)); /* don't-enum */
  petrel_value *sym = petrel_symbol_new(iso, "s");
  CHECK(petrel_object_define(ctx, o, sym, petrel_int32(iso, 3), PETREL_PROP_DEFAULT));
  CHECK(petrel_object_define(ctx, o, petrel_int32(iso, 7), petrel_int32(iso, 4), PETREL_PROP_DEFAULT)); /* "7" */
  int attrs = 0;
  CHECK(petrel_object_get_property_attributes(ctx, o, key, &attrs) && attrs == PETREL_PROP_ENUMERABLE);
  CHECK(petrel_object_get_property_attributes(ctx, o, sym, &attrs) && attrs == PETREL_PROP_DEFAULT);
  CHECK(petrel_object_get_property_attributes(ctx, o, petrel_string_new_utf8(iso, "none", 4), &attrs) &&
        attrs == -1);
  set_global("po2", o);
  CHECK(eval_true("'use strict'; try { po2.fixed = 5; false } catch (e) { e instanceof TypeError }"));
  CHECK(eval_true("!delete po2.fixed && Object.keys(po2).join() === '7,fixed'"));
  petrel_value *names = NULL;
  CHECK(petrel_object_get_own_property_names(ctx, o, &names));
  CHECK(petrel_array_length(ctx, names) == 3); /* strings only: "7", fixed, hidden */
  petrel_value *n0 = NULL, *n2 = NULL;
  CHECK(petrel_object_get_index(ctx, names, 0, &n0) && str_is(n0, "7"));
  CHECK(petrel_object_get_index(ctx, names, 2, &n2) && str_is(n2, "hidden"));
  /* Redefining a non-configurable property fails with a TypeError. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_object_define(ctx, o, key, petrel_int32(iso, 9), PETREL_PROP_DEFAULT));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);
  /* Accessor attributes. */
  CHECK(petrel_object_get_property_attributes(ctx, eval("({get a() { return 1 }})"),
                                              petrel_string_new_utf8(iso, "a", 1), &attrs) &&
        attrs == (PETREL_PROP_ENUMERABLE | PETREL_PROP_CONFIGURABLE));
  /* Prototype get/set. */
  petrel_value *proto = eval("({inherited: true})");
  CHECK(petrel_object_set_prototype(ctx, o, proto));
  petrel_value *got = NULL;
  CHECK(petrel_object_get_prototype(ctx, o, &got) && petrel_value_strict_equals(got, proto));
  CHECK(eval_true("po2.inherited === true"));
}

static void test_external_memory(void) {
  int64_t base = petrel_isolate_adjust_external_memory(iso, 0);
  CHECK(petrel_isolate_adjust_external_memory(iso, 100 << 20) == base + (100 << 20)); /* triggers a GC */
  CHECK(petrel_isolate_adjust_external_memory(iso, -(100 << 20)) == base);
  CHECK(petrel_isolate_adjust_external_memory(iso, -((int64_t)1 << 40)) == 0); /* never negative */
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  test_integers();
  test_latin1();
  test_private_symbols();
  test_arrays();
  test_promise_resolver();
  test_dates();
  test_typed_arrays();
  test_errors();
  test_properties();
  test_external_memory();

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
