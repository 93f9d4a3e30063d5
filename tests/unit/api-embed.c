/* The public C API, used as an embedder would: isolates, contexts, handle scopes, values, objects,
 * native functions, templates, scripts, try/catch with locations, promises and microtasks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

/* Evaluates source; returns the result handle or NULL (exception reported on stderr). */
static petrel_value *eval(const char *source) {
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  if (!petrel_eval(ctx, source, (size_t)-1, "test.js", &result)) {
    petrel_value *e = petrel_try_catch_exception(&tc);
    petrel_value *s;
    char buf[256] = "?";
    petrel_try_catch inner;
    petrel_try_catch_open(iso, &inner);
    if (e && petrel_value_to_string(ctx, e, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
    petrel_try_catch_close(&inner);
    fprintf(stderr, "eval failed: %s: %s (caught: %d)\n", source, buf, petrel_try_catch_has_caught(&tc));
    result = NULL;
  }
  petrel_try_catch_close(&tc);
  return result;
}

static bool str_is(petrel_value *v, const char *expected) {
  if (v == NULL || !petrel_value_is_string(v)) return false;
  char buf[512];
  petrel_string_write_utf8(iso, v, buf, sizeof buf);
  return strcmp(buf, expected) == 0;
}

static bool str_is_in(petrel_isolate *i, petrel_value *v, const char *expected) {
  if (v == NULL || !petrel_value_is_string(v)) return false;
  char buf[512];
  petrel_string_write_utf8(i, v, buf, sizeof buf);
  if (strcmp(buf, expected) != 0) fprintf(stderr, "got '%s', expected '%s'\n", buf, expected);
  return strcmp(buf, expected) == 0;
}

/* ---- Native callbacks --------------------------------------------------------------------- */

static int add_calls;
static void native_add(const petrel_callback_info *info) {
  add_calls++;
  double sum = 0;
  for (int i = 0; i < petrel_callback_info_length(info); i++) {
    double d;
    if (!petrel_value_to_number(petrel_callback_info_context(info), petrel_callback_info_arg(info, i), &d)) return;
    sum += d;
  }
  petrel_callback_info_set_return(info, petrel_number(petrel_callback_info_isolate(info), sum));
}

static void native_data(const petrel_callback_info *info) {
  petrel_callback_info_set_return(info, petrel_callback_info_data(info));
}

static void native_this(const petrel_callback_info *info) {
  petrel_callback_info_set_return(info, petrel_callback_info_this(info));
}

static void native_throw(const petrel_callback_info *info) {
  petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "from C");
}

/* A constructor: sets this.x = arg0. */
static void native_point(const petrel_callback_info *info) {
  if (!petrel_callback_info_is_construct_call(info)) {
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "use new");
    return;
  }
  petrel_object_set_named(petrel_callback_info_context(info), petrel_callback_info_this(info), "x",
                          petrel_callback_info_arg(info, 0));
}

/* Calls its argument; a JS exception passes through (no try/catch here). */
static void native_call_arg(const petrel_callback_info *info) {
  petrel_value *r;
  if (petrel_function_call(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0), NULL, 0, NULL, &r))
    petrel_callback_info_set_return(info, r);
}

/* Calls its argument inside a try/catch and returns the caught message (swallows it). */
static void native_catch_arg(const petrel_callback_info *info) {
  petrel_isolate *i = petrel_callback_info_isolate(info);
  petrel_try_catch tc;
  petrel_try_catch_open(i, &tc);
  petrel_value *r;
  if (!petrel_function_call(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0), NULL, 0, NULL, &r)) {
    petrel_value *msg;
    if (petrel_object_get_named(petrel_callback_info_context(info), petrel_try_catch_exception(&tc), "message", &msg))
      petrel_callback_info_set_return(info, msg);
  }
  petrel_try_catch_close(&tc);
}

static void native_terminate(const petrel_callback_info *info) {
  petrel_isolate_terminate_execution(petrel_callback_info_isolate(info));
}

static void install(const char *name, petrel_function_callback cb, petrel_value *data) {
  petrel_value *fn = petrel_function_new(ctx, cb, data, name, 0);
  CHECK(fn != NULL);
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), name, fn));
}

/* ---- Promise rejection hook --------------------------------------------------------------- */

static int rejected_without_handler, handler_added;
static void on_reject(petrel_isolate *i, petrel_promise_reject_event event, petrel_value *promise,
                      petrel_value *reason, void *data) {
  if (event == PETREL_PROMISE_REJECT_WITH_NO_HANDLER) rejected_without_handler++;
  else handler_added++;
}

int main(int argc, char **argv) {
  /* Engine flags from the command line, e.g. `api-embed --stress-gc=3` to check handle rooting. */
  petrel_set_flags_from_command_line(&argc, argv);
  CHECK(petrel_initialize());
  CHECK(strcmp(petrel_version(), PETREL_VERSION_STRING) == 0);
  iso = petrel_isolate_new(NULL);
  CHECK(iso != NULL);
  if (iso == NULL) return 1;
  petrel_handle_scope outer;
  petrel_handle_scope_open(iso, &outer);
  ctx = petrel_context_new(iso);
  CHECK(ctx != NULL);
  if (ctx == NULL) return 1;
  petrel_context_enter(ctx);
  CHECK(petrel_isolate_get_current_context(iso) == ctx);

  /* Scripts and primitive values. */
  petrel_value *v = eval("1 + 2");
  CHECK(v && petrel_value_is_number(v) && petrel_number_value(v) == 3);
  CHECK(v && petrel_value_is_int32(v));
  v = eval("'pet' + 'rel'");
  CHECK(str_is(v, "petrel"));
  CHECK(v && petrel_string_length(v) == 6);
  v = eval("'\\u00e9t\\u00e9'");
  CHECK(v && petrel_string_utf8_length(iso, v) == 5);
  CHECK(str_is(v, "\xc3\xa9t\xc3\xa9"));
  char small[4];
  CHECK(v && petrel_string_write_utf8(iso, v, small, sizeof small) == 3); /* "ét", no split char */
  v = eval("void 0");
  CHECK(v && petrel_value_is_undefined(v) && strcmp(petrel_value_typeof(v), "undefined") == 0);
  v = eval("null");
  CHECK(v && petrel_value_is_null(v));
  v = eval("(function f() {})");
  CHECK(v && petrel_value_is_function(v) && strcmp(petrel_value_typeof(v), "function") == 0);
  CHECK(v && str_is(petrel_function_get_name(ctx, v), "f"));
  v = eval("[1, 2, 3]");
  CHECK(v && petrel_value_is_array(v) && petrel_array_length(ctx, v) == 3);
  v = eval("0.5");
  CHECK(v && petrel_value_is_number(v) && !petrel_value_is_int32(v));

  /* Conversions. */
  petrel_value *s;
  CHECK(petrel_value_to_string(ctx, petrel_number(iso, 1.5), &s) && str_is(s, "1.5"));
  double d;
  CHECK(petrel_value_to_number(ctx, petrel_string_new_utf8(iso, " 42 ", (size_t)-1), &d) && d == 42);
  CHECK(petrel_value_to_boolean(petrel_string_new_utf8(iso, "", 0)) == false);
  int32_t i32;
  CHECK(petrel_value_to_int32(ctx, petrel_number(iso, 4294967297.0), &i32) && i32 == 1);

  /* Objects and arrays from C. */
  petrel_value *obj = petrel_object_new(ctx);
  CHECK(obj && petrel_value_is_object(obj));
  CHECK(petrel_object_set_named(ctx, obj, "a", petrel_integer(iso, 1)));
  CHECK(petrel_object_set_index(ctx, obj, 7, petrel_string_new_utf8(iso, "seven", 5)));
  petrel_value *got;
  CHECK(petrel_object_get_named(ctx, obj, "a", &got) && petrel_number_value(got) == 1);
  CHECK(petrel_object_get_index(ctx, obj, 7, &got) && str_is(got, "seven"));
  bool has;
  CHECK(petrel_object_has_named(ctx, obj, "a", &has) && has);
  CHECK(petrel_object_has_named(ctx, obj, "toString", &has) && has);
  CHECK(petrel_object_has_own_named(ctx, obj, "toString", &has) && !has);
  CHECK(petrel_object_delete_named(ctx, obj, "a", &has) && has);
  CHECK(petrel_object_has_named(ctx, obj, "a", &has) && !has);
  petrel_value *keys;
  CHECK(petrel_object_keys(ctx, obj, &keys) && petrel_array_length(ctx, keys) == 1);
  CHECK(petrel_object_get_index(ctx, keys, 0, &got) && str_is(got, "7"));
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "fromC", obj));
  v = eval("fromC[7] + '!'");
  CHECK(str_is(v, "seven!"));
  petrel_value *arr = petrel_array_new(ctx, 0);
  CHECK(arr && petrel_object_set_index(ctx, arr, 2, petrel_integer(iso, 9)) && petrel_array_length(ctx, arr) == 3);

  /* Internal fields: invisible to JavaScript, kept across collections. */
  {
    static int payload = 7;
    petrel_value *wrapper = petrel_object_new_with_internal_fields(ctx, 2);
    CHECK(wrapper && petrel_object_internal_field_count(wrapper) == 2);
    CHECK(petrel_object_get_internal_field(wrapper, 0) == NULL);
    CHECK(petrel_object_set_internal_field(wrapper, 1, &payload));
    CHECK(!petrel_object_set_internal_field(wrapper, 2, &payload));
    CHECK(petrel_object_internal_field_count(obj) == 0);
    CHECK(petrel_object_set_named(ctx, wrapper, "visible", petrel_integer(iso, 1)));
    CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "wrapper", wrapper));
    v = eval("Object.keys(wrapper).join() + ':' + (wrapper instanceof Object)");
    CHECK(str_is(v, "visible:true"));
    petrel_isolate_collect_garbage(iso);
    CHECK(petrel_object_get_internal_field(wrapper, 1) == &payload);
    CHECK(petrel_object_new_with_internal_fields(ctx, PETREL_MAX_INTERNAL_FIELDS + 1) == NULL);
  }

  /* Equality, instanceof, symbols, own keys, accessors. */
  {
    bool b;
    CHECK(petrel_value_equals(ctx, petrel_string_new_utf8(iso, "1", 1), petrel_integer(iso, 1), &b) && b);
    CHECK(petrel_value_equals(ctx, petrel_null(iso), petrel_undefined(iso), &b) && b);
    CHECK(!petrel_value_strict_equals(petrel_null(iso), petrel_undefined(iso)));
    petrel_value *arr_ctor = eval("Array");
    CHECK(petrel_value_instance_of(ctx, eval("[]"), arr_ctor, &b) && b);
    CHECK(petrel_value_instance_of(ctx, eval("({})"), arr_ctor, &b) && !b);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    CHECK(!petrel_value_instance_of(ctx, eval("({})"), petrel_integer(iso, 1), &b));
    CHECK(petrel_try_catch_has_caught(&tc));
    petrel_try_catch_close(&tc);
    petrel_value *sym = petrel_symbol_new(iso, "tag");
    CHECK(sym && petrel_value_is_symbol(sym) && strcmp(petrel_value_typeof(sym), "symbol") == 0);
    petrel_value *o2 = eval("({b: 1, 2: 'two', a: 2})");
    CHECK(petrel_object_set(ctx, o2, sym, petrel_integer(iso, 3)));
    petrel_value *own;
    CHECK(petrel_object_own_keys(ctx, o2, &own) && petrel_array_length(ctx, own) == 4);
    CHECK(petrel_object_get_index(ctx, own, 0, &got) && str_is(got, "2"));
    CHECK(petrel_object_get_index(ctx, own, 1, &got) && str_is(got, "b"));
    CHECK(petrel_object_get_index(ctx, own, 3, &got) && petrel_value_strict_equals(got, sym));
    petrel_value *getter = eval("(function () { return this.b * 10; })");
    CHECK(petrel_object_define_accessor(ctx, o2, "ten", getter, NULL, PETREL_PROP_CONFIGURABLE));
    CHECK(petrel_object_get_named(ctx, o2, "ten", &got) && petrel_number_value(got) == 10);
    CHECK(petrel_object_keys(ctx, o2, &own) && petrel_array_length(ctx, own) == 3); /* not enumerable */
    uint16_t units[] = {0x68, 0xD83D, 0xDE00};
    petrel_value *u = petrel_string_new_utf16(iso, units, 3);
    CHECK(u && petrel_string_length(u) == 3 && petrel_string_utf8_length(iso, u) == 5);
    /* Embedder data slots. */
    int marker;
    petrel_isolate_set_data(iso, 1, &marker);
    CHECK(petrel_isolate_get_data(iso, 1) == &marker && petrel_isolate_get_data(iso, 0) == NULL);
    CHECK(petrel_isolate_get_data(iso, PETREL_ISOLATE_DATA_SLOTS) == NULL);
    petrel_context_set_data(ctx, &marker);
    CHECK(petrel_context_get_data(ctx) == &marker);
  }

  /* Native functions called from JavaScript. */
  install("add", native_add, NULL);
  v = eval("add(1, 2, 39)");
  CHECK(v && petrel_number_value(v) == 42 && add_calls == 1);
  install("getData", native_data, petrel_string_new_utf8(iso, "payload", (size_t)-1));
  CHECK(str_is(eval("getData()"), "payload"));
  install("getThis", native_this, NULL);
  v = eval("var o = {m: getThis}; o.m() === o");
  CHECK(v && petrel_value_is_true(v));
  install("Point", native_point, NULL);
  v = eval("var p = new Point(5); p.x + (p instanceof Point ? 100 : 0)");
  CHECK(v && petrel_number_value(v) == 105);
  install("throwsFromC", native_throw, NULL);
  v = eval("try { throwsFromC(); 'no' } catch (e) { e instanceof TypeError && e.message }");
  CHECK(str_is(v, "from C"));
  install("callArg", native_call_arg, NULL);
  v = eval("try { callArg(function () { throw new RangeError('inner') }) } catch (e) { e.name + ':' + e.message }");
  CHECK(str_is(v, "RangeError:inner"));
  install("catchArg", native_catch_arg, NULL);
  v = eval("catchArg(function () { throw new Error('swallowed') })");
  CHECK(str_is(v, "swallowed"));

  /* Calling JavaScript from C. */
  petrel_value *fn = eval("(function (a, b) { return this.k + a * b })");
  petrel_value *recv = eval("({k: 1})");
  petrel_value *args[2] = {petrel_integer(iso, 6), petrel_integer(iso, 7)};
  petrel_value *result;
  CHECK(fn && recv && petrel_function_call(ctx, fn, recv, 2, args, &result) && petrel_number_value(result) == 43);
  petrel_value *ctor = eval("(function C(x) { this.x = x })");
  CHECK(ctor && petrel_function_construct(ctx, ctor, 1, args, &result));
  CHECK(petrel_object_get_named(ctx, result, "x", &got) && petrel_number_value(got) == 6);

  /* Templates: one function per context. */
  petrel_function_template *tpl = petrel_function_template_new(iso, native_add, NULL, "tadd", 2);
  CHECK(tpl != NULL);
  petrel_value *f1 = petrel_function_template_get_function(tpl, ctx);
  petrel_value *f2 = petrel_function_template_get_function(tpl, ctx);
  CHECK(f1 && f2 && petrel_value_strict_equals(f1, f2));
  CHECK(str_is(petrel_function_get_name(ctx, f1), "tadd"));

  /* Handle scopes: locals die with their scope; escapable scopes keep one. */
  size_t base = petrel_handle_count(iso);
  petrel_value *escaped;
  {
    petrel_handle_scope inner;
    petrel_handle_scope_open_escapable(iso, &inner);
    for (int i = 0; i < 1000; i++) petrel_integer(iso, i); /* spans several handle blocks */
    petrel_value *o = eval("({kept: 'yes'})");
    CHECK(petrel_handle_count(iso) > base + 1000);
    escaped = petrel_handle_scope_escape(&inner, o);
    petrel_handle_scope_close(&inner);
  }
  CHECK(petrel_handle_count(iso) == base + 1);
  petrel_isolate_collect_garbage(iso);
  CHECK(petrel_object_get_named(ctx, escaped, "kept", &got) && str_is(got, "yes"));

  /* Persistent handles survive their scope and collections. */
  petrel_persistent *pers;
  {
    petrel_handle_scope inner;
    petrel_handle_scope_open(iso, &inner);
    pers = petrel_persistent_new(iso, eval("({name: 'persistent', list: [1, 2, 3]})"));
    petrel_handle_scope_close(&inner);
  }
  for (int i = 0; i < 3; i++) {
    eval("var junk = []; for (var i = 0; i < 2000; i++) junk.push({i: i, s: 'x' + i}); junk = null;");
    petrel_isolate_collect_garbage(iso);
  }
  {
    petrel_handle_scope inner;
    petrel_handle_scope_open(iso, &inner);
    petrel_value *p = petrel_persistent_get(iso, pers);
    CHECK(petrel_object_get_named(ctx, p, "name", &got) && str_is(got, "persistent"));
    petrel_handle_scope_close(&inner);
  }
  petrel_persistent_release(iso, pers);

  /* try/catch: exception value, location, stack, rethrow, reset. */
  {
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    bool ok = petrel_eval(ctx, "var a = 1;\nfunction f() {\n  null.x;\n}\nf();", (size_t)-1, "where.js", NULL);
    CHECK(!ok);
    CHECK(petrel_try_catch_has_caught(&tc));
    petrel_value *e = petrel_try_catch_exception(&tc);
    CHECK(e && petrel_value_is_error(e));
    petrel_value *name, *src;
    int line = 0, column = 0;
    CHECK(petrel_try_catch_message(&tc, &name, &line, &column, &src));
    CHECK(str_is(name, "where.js"));
    CHECK(line == 3);
    CHECK(column == 8);
    CHECK(str_is(src, "  null.x;"));
    petrel_value *stack = petrel_try_catch_stack_trace(&tc);
    char buf[512] = "";
    if (stack) petrel_string_write_utf8(iso, stack, buf, sizeof buf);
    CHECK(strstr(buf, "TypeError: Cannot read properties of null (reading 'x')") == buf);
    CHECK(strstr(buf, "at f (where.js:3:8)") != NULL);
    petrel_try_catch_reset(&tc);
    CHECK(!petrel_try_catch_has_caught(&tc));
    petrel_try_catch_close(&tc);
  }
  {
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    CHECK(!petrel_eval(ctx, "var x = ;", (size_t)-1, "syntax.js", NULL));
    petrel_value *e = petrel_try_catch_exception(&tc);
    petrel_value *ctor_name;
    CHECK(e && petrel_object_get_named(ctx, e, "name", &ctor_name) && str_is(ctor_name, "SyntaxError"));
    int line = 0, column = 0;
    CHECK(petrel_try_catch_message(&tc, NULL, &line, &column, NULL) && line == 1 && column == 9);
    petrel_try_catch_close(&tc);
  }
  /* Nested try/catch: the inner one catches; the outer stays clean. */
  {
    petrel_try_catch outer_tc, inner_tc;
    petrel_try_catch_open(iso, &outer_tc);
    petrel_try_catch_open(iso, &inner_tc);
    CHECK(!petrel_eval(ctx, "throw 7", (size_t)-1, "t.js", NULL));
    CHECK(petrel_try_catch_has_caught(&inner_tc));
    petrel_value *rethrown = petrel_try_catch_rethrow(&inner_tc);
    CHECK(rethrown && petrel_number_value(rethrown) == 7);
    petrel_try_catch_close(&inner_tc);
    CHECK(!petrel_try_catch_has_caught(&outer_tc));
    petrel_try_catch_close(&outer_tc);
  }
  /* A pending exception left by a top-level failure with no try/catch does not poison later calls. */
  CHECK(!petrel_eval(ctx, "throw new Error('nobody catches')", (size_t)-1, "x.js", NULL));
  v = eval("6 * 7");
  CHECK(v && petrel_number_value(v) == 42);

  /* Promises and microtasks. */
  petrel_isolate_set_promise_reject_callback(iso, on_reject, NULL);
  v = eval("var log = []; Promise.resolve(1).then(x => log.push('a' + x));"
           "Promise.reject(2).catch(x => log.push('b' + x)); log.push('sync'); log.join()");
  CHECK(str_is(v, "sync"));
  petrel_perform_microtask_checkpoint(iso);
  CHECK(str_is(eval("log.join()"), "sync,a1,b2"));
  petrel_value *promise, *resolve, *reject;
  CHECK(petrel_promise_new(ctx, &promise, &resolve, &reject));
  CHECK(petrel_value_is_promise(promise) && petrel_promise_get_state(promise) == PETREL_PROMISE_PENDING);
  petrel_value *answer = petrel_integer(iso, 42);
  CHECK(petrel_function_call(ctx, resolve, NULL, 1, &answer, &result));
  CHECK(petrel_promise_get_state(promise) == PETREL_PROMISE_FULFILLED);
  CHECK(petrel_number_value(petrel_promise_result(iso, promise)) == 42);
  rejected_without_handler = handler_added = 0;
  eval("var late = Promise.reject(new Error('late'));");
  CHECK(rejected_without_handler == 1);
  eval("late.catch(function () {});");
  CHECK(handler_added == 1);
  petrel_perform_microtask_checkpoint(iso);

  /* ArrayBuffers. */
  petrel_value *buf = petrel_array_buffer_new(ctx, 16);
  CHECK(buf && petrel_value_is_array_buffer(buf) && petrel_array_buffer_byte_length(buf) == 16);
  CHECK(buf && petrel_array_buffer_data(buf) != NULL && ((unsigned char *)petrel_array_buffer_data(buf))[15] == 0);
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), "buf", buf));
  CHECK(petrel_number_value(eval("buf.byteLength")) == 16);
  CHECK(petrel_array_buffer_detach(ctx, buf));
  CHECK(petrel_value_is_true(eval("buf.detached && buf.byteLength === 0")));

  /* Termination: an endless loop stops at its next back edge; no script catch sees it; after
   * cancelling, the isolate runs scripts again. */
  install("terminateSoon", native_terminate, NULL);
  {
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    bool ok = petrel_eval(ctx, "var caught = false; terminateSoon();"
                               "try { while (true) {} } catch (e) { caught = true; }", (size_t)-1, "loop.js", NULL);
    CHECK(!ok);
    CHECK(petrel_try_catch_has_terminated(&tc));
    CHECK(petrel_isolate_is_terminating(iso));
    petrel_try_catch_close(&tc);
    petrel_isolate_cancel_termination(iso);
    CHECK(!petrel_isolate_is_terminating(iso));
    v = eval("caught");
    CHECK(v && petrel_value_is_false(v));
  }

  /* A second context has its own globals. */
  petrel_context *ctx2 = petrel_context_new(iso);
  CHECK(ctx2 != NULL);
  petrel_value *r2;
  CHECK(petrel_eval(ctx2, "typeof fromC", (size_t)-1, "ctx2.js", &r2) && str_is(r2, "undefined"));
  CHECK(petrel_eval(ctx2, "Array === globalThis.Array", (size_t)-1, "ctx2.js", &r2) && petrel_value_is_true(r2));
  v = eval("Array");
  CHECK(v && !petrel_value_strict_equals(v, petrel_context_global(ctx2)));

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&outer);
  petrel_isolate_dispose(iso);
  /* A second isolate with a small heap: running out of memory is a catchable RangeError and the
   * isolate stays usable; a small stack limit turns deep recursion into a RangeError. */
  {
    petrel_isolate_params params = {.max_heap_bytes = 8u << 20, .stack_limit_bytes = 256u << 10};
    petrel_isolate *small = petrel_isolate_new(&params);
    CHECK(small != NULL);
    petrel_handle_scope sc;
    petrel_handle_scope_open(small, &sc);
    petrel_context *sctx = petrel_context_new(small);
    CHECK(sctx != NULL);
    petrel_value *res;
    CHECK(petrel_eval(sctx, "var keep = []; try { while (true) keep.push({a: keep.length, b: 'x' + keep.length}); }"
                            " catch (e) { keep = null; e instanceof RangeError ? 'oom' : String(e) }",
                      (size_t)-1, "oom.js", &res));
    CHECK(str_is_in(small, res, "oom"));
    /* The isolate stays usable: the dropped array is garbage, even though pointers to it may
     * remain in dead stack slots and registers (isolate_clear_dead_stack, and the interpreter's
     * clearing of a catch handler's dead registers after out-of-memory). */
    CHECK(petrel_eval(sctx, "var again = []; for (var i = 0; i < 30000; i++) again.push({a: i, b: 'y' + i});"
                            " again.length",
                      (size_t)-1, "after-oom.js", &res));
    CHECK(res && petrel_number_value(res) == 30000);
    petrel_handle_scope_close(&sc);
    petrel_isolate_dispose(small);
  }
  /* Deep recursion under a small stack limit is a RangeError, in an isolate of its own: after the
   * out-of-memory check above, the conservative stack scan may still hold the dropped array
   * (depending on what the stack happens to contain), leaving too little heap to say anything. */
  {
    petrel_isolate_params params = {.max_heap_bytes = 8u << 20, .stack_limit_bytes = 256u << 10};
    petrel_isolate *small = petrel_isolate_new(&params);
    CHECK(small != NULL);
    petrel_handle_scope sc;
    petrel_handle_scope_open(small, &sc);
    petrel_context *sctx = petrel_context_new(small);
    CHECK(sctx != NULL);
    petrel_value *res = NULL;
    CHECK(petrel_eval(sctx, "function r(n) { return n === 0 ? 0 : 1 + r(n - 1); }"
                            "try { r(1e7) } catch (e) { e instanceof RangeError ? 'deep' : String(e) }",
                      (size_t)-1, "deep.js", &res));
    CHECK(res && str_is_in(small, res, "deep"));
    CHECK(petrel_eval(sctx, "[1, 2, 3].length", (size_t)-1, "after.js", &res) && petrel_number_value(res) == 3);
    petrel_handle_scope_close(&sc);
    petrel_isolate_dispose(small);
  }

  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
