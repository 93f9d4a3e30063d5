/*
 * The `async_function` family: %AsyncFunction% and its prototype, %AsyncGeneratorFunction%,
 * %AsyncGeneratorPrototype% (next / return / throw) and %AsyncFromSyncIteratorPrototype%
 * (ECMA-262 27.1.4, 27.3, 27.4, 27.6, 27.7). The machinery lives in src/interpreter/async.c.
 */
#include "builtins/object-helpers.h"
#include "builtins/iterator.h"
#include "builtins/promise.h"
#include "heap/fixed-array.h"
#include "interpreter/async.h"
#include "interpreter/compiler.h"
#include "objects/js-function.h"

int builtins_install_async_function(Isolate *iso, Realm *realm);

static Value async_function_ctor(Isolate *iso, const CallArgs *args) {
  return compiler_create_dynamic_function(iso, 2, args->argc, args->argv, args->new_target);
}
static Value async_generator_function_ctor(Isolate *iso, const CallArgs *args) {
  return compiler_create_dynamic_function(iso, 3, args->argc, args->argv, args->new_target);
}

static Value ag_next(Isolate *iso, const CallArgs *args) {
  return async_generator_enqueue(iso, args->this_val, GEN_RESUME_NEXT, call_arg(args, 0));
}
static Value ag_return(Isolate *iso, const CallArgs *args) {
  return async_generator_enqueue(iso, args->this_val, GEN_RESUME_RETURN, call_arg(args, 0));
}
static Value ag_throw(Isolate *iso, const CallArgs *args) {
  return async_generator_enqueue(iso, args->this_val, GEN_RESUME_THROW, call_arg(args, 0));
}

/* ---- %AsyncFromSyncIteratorPrototype% ----------------------------------------------------- */
/* The object is an IT_JS_ASYNC_FUNCTION_OBJECT-sized record: gen.function = the sync iterator,
 * gen.receiver = its next method. It is reachable only through for-await and yield*. */

static Value closure_new(Isolate *iso, NativeFunction fn, int length, Value data) {
  Value f = function_new_native(iso, NAME(iso, empty), length, fn, 0, 0);
  if (f == VAL_EXCEPTION) return f;
  WRITE_FIELD(val_to_ptr(f), js_function(f)->extra, data);
  return f;
}

static bool take_catchable(Isolate *iso, Value *out) {
  if (iso->terminating || isolate_is_termination(iso, iso->pending_exception)) return false;
  iso->pending_message = VAL_HOLE;
  *out = isolate_take_exception(iso);
  return true;
}

/* IfAbruptRejectPromise: rejects `promise` with the pending exception and returns it. */
static Value reject_pending(Isolate *iso, Value promise) {
  Value e;
  if (!take_catchable(iso, &e)) return VAL_EXCEPTION;
  if (promise_reject_value(iso, promise, e) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return promise;
}

static Value unwrap_fulfilled(Isolate *iso, const CallArgs *args) {
  return builtins_create_iter_result(iso, call_arg(args, 0), js_function(args->callee)->extra == VAL_TRUE);
}
static Value close_rejected(Isolate *iso, const CallArgs *args) {
  Value iter = js_function(args->callee)->extra;
  isolate_throw(iso, call_arg(args, 0));
  builtins_iterator_close(iso, iter, true);
  return VAL_EXCEPTION;
}

/* AsyncFromSyncIteratorContinuation. */
static Value from_sync_continuation(Isolate *iso, Value result, Value promise, Value sync_iter, bool close_on_rejection) {
  int done = builtins_iterator_complete(iso, result);
  if (done < 0) return reject_pending(iso, promise);
  Value value = builtins_iterator_value(iso, result);
  if (value == VAL_EXCEPTION) return reject_pending(iso, promise);
  Value wrapper = promise_resolve(iso, realm_intrinsic(iso->realm, INTRINSIC_PROMISE), value);
  if (wrapper == VAL_EXCEPTION) {
    if (!done && close_on_rejection) builtins_iterator_close(iso, sync_iter, true);
    return reject_pending(iso, promise);
  }
  Value on_f = closure_new(iso, unwrap_fulfilled, 1, done ? VAL_TRUE : VAL_FALSE);
  if (on_f == VAL_EXCEPTION) return on_f;
  Value on_r = VAL_UNDEFINED;
  if (!done && close_on_rejection) {
    on_r = closure_new(iso, close_rejected, 1, sync_iter);
    if (on_r == VAL_EXCEPTION) return on_r;
  }
  if (promise_then(iso, wrapper, on_f, on_r, promise) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return promise;
}

static bool is_from_sync(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ASYNC_FUNCTION_OBJECT &&
         val_to_int(((JSAsyncObject *)val_to_ptr(v))->ag_state) == -1;
}

static Value from_sync_method(Isolate *iso, const CallArgs *args) {
  int which = function_magic(args->callee); /* GEN_RESUME_* */
  Value promise = promise_new(iso);
  if (promise == VAL_EXCEPTION) return promise;
  Value o = args->this_val;
  if (!is_from_sync(o)) {
    rt_throw_type_error(iso, "not an async-from-sync iterator");
    return reject_pending(iso, promise);
  }
  Value sync_iter = ((JSAsyncObject *)val_to_ptr(o))->gen.function;
  Value next_method = ((JSAsyncObject *)val_to_ptr(o))->gen.receiver;
  Value result;
  if (which == GEN_RESUME_NEXT) {
    result = args->argc > 0 ? rt_call(iso, next_method, sync_iter, 1, args->argv) : rt_call(iso, next_method, sync_iter, 0, NULL);
    if (result == VAL_EXCEPTION) return reject_pending(iso, promise);
    if (!val_is_object(result)) {
      rt_throw_type_error(iso, "Iterator result is not an object");
      return reject_pending(iso, promise);
    }
    return from_sync_continuation(iso, result, promise, sync_iter, true);
  }
  Value m = rt_get_method(iso, sync_iter, which == GEN_RESUME_RETURN ? NAME(iso, return_) : NAME(iso, throw_));
  if (m == VAL_EXCEPTION) return reject_pending(iso, promise);
  if (m == VAL_UNDEFINED) {
    if (which == GEN_RESUME_RETURN) {
      Value res = builtins_create_iter_result(iso, call_arg(args, 0), true);
      if (res == VAL_EXCEPTION || promise_resolve_value(iso, promise, res) == VAL_EXCEPTION) return VAL_EXCEPTION;
      return promise;
    }
    /* throw without a throw method: close the iterator, then reject with a TypeError. */
    if (builtins_iterator_close(iso, sync_iter, false) < 0) return reject_pending(iso, promise);
    rt_throw_type_error(iso, "The iterator does not provide a 'throw' method");
    return reject_pending(iso, promise);
  }
  result = (which == GEN_RESUME_RETURN && args->argc == 0) ? rt_call(iso, m, sync_iter, 0, NULL)
                                                          : rt_call(iso, m, sync_iter, 1, args->argv);
  if (result == VAL_EXCEPTION) return reject_pending(iso, promise);
  if (!val_is_object(result)) {
    rt_throw_type_error(iso, "Iterator result is not an object");
    return reject_pending(iso, promise);
  }
  return from_sync_continuation(iso, result, promise, sync_iter, which == GEN_RESUME_THROW);
}

Value async_from_sync_iterator_new(Isolate *iso, Value iterator, Value next_method) {
  Value proto = realm_intrinsic(iso->realm, INTRINSIC_ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE);
  /* the sync iterator record rides in the generator fields; no frame ever runs */
  Value o = async_object_new(iso, IT_JS_ASYNC_FUNCTION_OBJECT, iterator, next_method, proto);
  if (o == VAL_EXCEPTION) return o;
  JSAsyncObject *a = (JSAsyncObject *)val_to_ptr(o);
  a->gen.state = val_from_int(GEN_COMPLETED);
  a->ag_state = val_from_int(-1);
  return o;
}

/* ---- installation -------------------------------------------------------------------------- */

static void set_intrinsic(Realm *realm, Intrinsic i, Value v) { WRITE_FIELD(realm, realm->intrinsics[i], v); }

static int def_tag(Isolate *iso, Value obj, const char *tag) {
  Value s = str_intern_cstr(iso, tag);
  if (s == VAL_EXCEPTION) return -1;
  return rt_define_data(iso, obj, sym_well_known(iso, WKS_TO_STRING_TAG), s, ATTR_CONFIGURABLE);
}

/* A constructor like %AsyncFunction% whose [[Prototype]] is %Function%. */
static Value make_ctor(Isolate *iso, Realm *realm, const char *name, NativeFunction fn, Value fn_proto) {
  Value function_ctor = realm_intrinsic(realm, INTRINSIC_FUNCTION);
  Value ctor_proto = val_is_object(function_ctor) ? function_ctor : realm_intrinsic(realm, INTRINSIC_FUNCTION_PROTOTYPE);
  Value c = function_new_native_with_proto(iso, key_from_cstr(iso, name), 1, fn, 0, FUNC_CONSTRUCTOR, ctor_proto);
  if (c == VAL_EXCEPTION) return c;
  if (rt_define_data(iso, c, NAME(iso, prototype), fn_proto, 0) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, fn_proto, NAME(iso, constructor), c, ATTR_CONFIGURABLE) < 0) return VAL_EXCEPTION;
  return c;
}

int builtins_install_async_function(Isolate *iso, Realm *realm) {
  async_register_types();
  Value fp = realm_intrinsic(realm, INTRINSIC_FUNCTION_PROTOTYPE);

  /* AsyncFunction */
  Value af_proto = obj_new(iso, fp);
  if (af_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_FUNCTION_PROTOTYPE, af_proto);
  if (def_tag(iso, af_proto, "AsyncFunction") < 0) return -1;
  Value af = make_ctor(iso, realm, "AsyncFunction", async_function_ctor, af_proto);
  if (af == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_FUNCTION, af);

  /* AsyncGeneratorPrototype */
  Value aip = realm_intrinsic(realm, INTRINSIC_ASYNC_ITERATOR_PROTOTYPE);
  if (!val_is_object(aip)) aip = realm_intrinsic(realm, INTRINSIC_OBJECT_PROTOTYPE);
  Value ag_proto = obj_new(iso, aip);
  if (ag_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_GENERATOR_PROTOTYPE, ag_proto);
  if (builtins_def_method(iso, ag_proto, "next", ag_next, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ag_proto, "return", ag_return, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ag_proto, "throw", ag_throw, 1, 0) == VAL_EXCEPTION) return -1;
  if (def_tag(iso, ag_proto, "AsyncGenerator") < 0) return -1;

  /* AsyncGeneratorFunction */
  Value agf_proto = obj_new(iso, fp);
  if (agf_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_GENERATOR_FUNCTION_PROTOTYPE, agf_proto);
  if (rt_define_data(iso, agf_proto, NAME(iso, prototype), ag_proto, ATTR_CONFIGURABLE) < 0) return -1;
  if (rt_define_data(iso, ag_proto, NAME(iso, constructor), agf_proto, ATTR_CONFIGURABLE) < 0) return -1;
  if (def_tag(iso, agf_proto, "AsyncGeneratorFunction") < 0) return -1;
  Value agf = make_ctor(iso, realm, "AsyncGeneratorFunction", async_generator_function_ctor, agf_proto);
  if (agf == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_GENERATOR_FUNCTION, agf);

  /* AsyncFromSyncIteratorPrototype */
  Value fs_proto = obj_new(iso, aip);
  if (fs_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE, fs_proto);
  if (builtins_def_method(iso, fs_proto, "next", from_sync_method, 1, GEN_RESUME_NEXT) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, fs_proto, "return", from_sync_method, 1, GEN_RESUME_RETURN) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, fs_proto, "throw", from_sync_method, 1, GEN_RESUME_THROW) == VAL_EXCEPTION) return -1;
  return 0;
}
