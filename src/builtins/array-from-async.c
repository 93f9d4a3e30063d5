/*
 * Array.fromAsync (ES2026): the spec writes it as an async closure started with
 * AsyncFunctionStart. Here the closure is a state machine: an invisible state object holds its
 * locals and the step it is waiting in, and two native continuations resume it from promise
 * jobs. Every Await is PromiseResolve + PerformPromiseThen, as the interpreter's await is, so the
 * job order matches an async function's.
 */
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "builtins/promise.h"
#include "interpreter/async.h"
#include "objects/js-function.h"
#include "objects/js-object.h"

/* What the closure is waiting for. */
enum {
  W_NEXT_RESULT,  /* iterator: the awaited result of next() */
  W_MAPPED,       /* iterator: the awaited mapped value */
  W_CLOSE,        /* iterator: AsyncIteratorClose after an error: the awaited return() result */
  W_KVALUE,       /* array-like: the awaited element */
  W_AL_MAPPED,    /* array-like: the awaited mapped value */
};

typedef struct FromAsyncState {
  JSObject base;
  Value promise;     /* the result promise */
  Value target;      /* A */
  Value iterator;    /* the async iterator, or undefined for an array-like */
  Value next_method;
  Value array_like;
  Value length;      /* number: the array-like's length */
  Value k;           /* number */
  Value mapfn;       /* undefined: no mapping */
  Value this_arg;
  Value waiting;     /* int W_* */
  Value error;       /* W_CLOSE: the error to reject with once return() settled */
  Value on_fulfilled;
  Value on_rejected;
} FromAsyncState;

static FromAsyncState *st(Value v) { return (FromAsyncState *)val_to_ptr(v); }
static FromAsyncState *state_of(Value callee) { return st(js_function(callee)->extra); }

/* Rejects the result promise with the pending exception (the closure threw). */
static Value fail(Isolate *iso, Value self) {
  if (isolate_is_termination(iso, iso->pending_exception)) return VAL_EXCEPTION;
  Value e = isolate_take_exception(iso);
  return promise_reject_value(iso, st(self)->promise, e) == VAL_EXCEPTION ? VAL_EXCEPTION : VAL_UNDEFINED;
}

static Value await_value(Isolate *iso, Value self, Value v, int waiting) {
  st(self)->waiting = val_from_int(waiting);
  Value p = promise_resolve(iso, intrinsic(iso, INTRINSIC_PROMISE), v);
  if (p == VAL_EXCEPTION) return VAL_EXCEPTION;
  if (promise_then(iso, p, st(self)->on_fulfilled, st(self)->on_rejected, VAL_UNDEFINED) == VAL_EXCEPTION)
    return VAL_EXCEPTION;
  return VAL_UNDEFINED;
}

/* Returns A: Set(A, "length", k, true), then the promise fulfills with A. */
static Value finish(Isolate *iso, Value self) {
  FromAsyncState *s = st(self);
  if (rt_set(iso, s->target, NAME(iso, length), s->k, true) < 0) return fail(iso, self);
  return promise_resolve_value(iso, st(self)->promise, st(self)->target) == VAL_EXCEPTION ? VAL_EXCEPTION
                                                                                         : VAL_UNDEFINED;
}

/* AsyncIteratorClose(iteratorRecord, throw completion): return() is called and its result
 * awaited, but the original error wins. The error is pending on entry. */
static Value close_with_error(Isolate *iso, Value self) {
  if (isolate_is_termination(iso, iso->pending_exception)) return VAL_EXCEPTION;
  Value error = isolate_take_exception(iso);
  WRITE_FIELD(st(self), st(self)->error, error);
  Value it = st(self)->iterator;
  Value ret = rt_get_method(iso, it, NAME(iso, return_));
  if (ret != VAL_EXCEPTION && !val_is_undefined(ret)) {
    Value r = rt_call(iso, ret, it, 0, NULL);
    if (r != VAL_EXCEPTION) {
      if (await_value(iso, self, r, W_CLOSE) != VAL_EXCEPTION) return VAL_UNDEFINED;
    }
  }
  if (isolate_has_exception(iso)) {
    if (isolate_is_termination(iso, iso->pending_exception)) return VAL_EXCEPTION;
    isolate_take_exception(iso);
  }
  return promise_reject_value(iso, st(self)->promise, st(self)->error) == VAL_EXCEPTION ? VAL_EXCEPTION
                                                                                       : VAL_UNDEFINED;
}

/* Iterator path, step iv: call next() and await its result. */
static Value iter_step(Isolate *iso, Value self) {
  FromAsyncState *s = st(self);
  if (val_to_number_unchecked(s->k) >= 9007199254740991.0) {
    rt_throw_type_error(iso, "Array.fromAsync: too many elements");
    return close_with_error(iso, self);
  }
  Value r = rt_call(iso, s->next_method, s->iterator, 0, NULL);
  if (r == VAL_EXCEPTION) return fail(iso, self);
  return await_value(iso, self, r, W_NEXT_RESULT) == VAL_EXCEPTION ? fail(iso, self) : VAL_UNDEFINED;
}

/* Array-like path, step vii. */
static Value al_step(Isolate *iso, Value self) {
  FromAsyncState *s = st(self);
  double k = val_to_number_unchecked(s->k);
  if (k >= val_to_number_unchecked(s->length)) return finish(iso, self);
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return fail(iso, self);
  Value v = obj_get(iso, s->array_like, key, s->array_like);
  if (v == VAL_EXCEPTION) return fail(iso, self);
  return await_value(iso, self, v, W_KVALUE) == VAL_EXCEPTION ? fail(iso, self) : VAL_UNDEFINED;
}

/* CreateDataPropertyOrThrow(A, k, value), then k + 1. -1 on exception. */
static int store(Isolate *iso, Value self, Value value) {
  FromAsyncState *s = st(self);
  double k = val_to_number_unchecked(s->k);
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return -1;
  if (rt_create_data_property_or_throw(iso, s->target, key, value) < 0) return -1;
  st(self)->k = val_from_number(k + 1);
  return 0;
}

static Value on_fulfilled(Isolate *iso, const CallArgs *args) {
  Value self = js_function(args->callee)->extra;
  FromAsyncState *s = state_of(args->callee);
  Value v = call_arg(args, 0);
  switch (val_to_int(s->waiting)) {
    case W_NEXT_RESULT: {
      if (!val_is_object(v)) {
        char buf[128];
        rt_throw_type_error(iso, "Iterator result %s is not an object", builtins_describe(iso, v, buf, sizeof buf));
        return fail(iso, self);
      }
      int done = builtins_iterator_complete(iso, v);
      if (done < 0) return fail(iso, self);
      if (done) return finish(iso, self);
      Value value = builtins_iterator_value(iso, v);
      if (value == VAL_EXCEPTION) return fail(iso, self);
      s = st(self);
      if (!val_is_undefined(s->mapfn)) {
        Value argv[2] = {value, s->k};
        Value mapped = rt_call(iso, s->mapfn, s->this_arg, 2, argv);
        if (mapped == VAL_EXCEPTION) return close_with_error(iso, self);
        return await_value(iso, self, mapped, W_MAPPED) == VAL_EXCEPTION ? close_with_error(iso, self)
                                                                          : VAL_UNDEFINED;
      }
      if (store(iso, self, value) < 0) return close_with_error(iso, self);
      return iter_step(iso, self);
    }
    case W_MAPPED:
      if (store(iso, self, v) < 0) return close_with_error(iso, self);
      return iter_step(iso, self);
    case W_CLOSE:
      return promise_reject_value(iso, s->promise, s->error) == VAL_EXCEPTION ? VAL_EXCEPTION : VAL_UNDEFINED;
    case W_KVALUE:
      if (!val_is_undefined(s->mapfn)) {
        Value argv[2] = {v, s->k};
        Value mapped = rt_call(iso, s->mapfn, s->this_arg, 2, argv);
        if (mapped == VAL_EXCEPTION) return fail(iso, self);
        return await_value(iso, self, mapped, W_AL_MAPPED) == VAL_EXCEPTION ? fail(iso, self) : VAL_UNDEFINED;
      }
      if (store(iso, self, v) < 0) return fail(iso, self);
      return al_step(iso, self);
    default: /* W_AL_MAPPED */
      if (store(iso, self, v) < 0) return fail(iso, self);
      return al_step(iso, self);
  }
}

static Value on_rejected(Isolate *iso, const CallArgs *args) {
  Value self = js_function(args->callee)->extra;
  FromAsyncState *s = state_of(args->callee);
  Value e = call_arg(args, 0);
  switch (val_to_int(s->waiting)) {
    case W_MAPPED:
      isolate_throw(iso, e);
      return close_with_error(iso, self);
    case W_CLOSE: e = s->error; break; /* the original error wins */
    default: break;
  }
  return promise_reject_value(iso, s->promise, e) == VAL_EXCEPTION ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* The closure up to its first Await. */
static Value start(Isolate *iso, Value self, Value c, Value items) {
  FromAsyncState *s = st(self);
  if (!val_is_undefined(s->mapfn) && !val_is_callable(s->mapfn)) {
    char buf[128];
    rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, s->mapfn, buf, sizeof buf));
    return fail(iso, self);
  }
  Value using_async = rt_get_method(iso, items, sym_well_known(iso, WKS_ASYNC_ITERATOR));
  if (using_async == VAL_EXCEPTION) return fail(iso, self);
  Value using_sync = VAL_UNDEFINED;
  if (val_is_undefined(using_async)) {
    using_sync = rt_get_method(iso, items, sym_well_known(iso, WKS_ITERATOR));
    if (using_sync == VAL_EXCEPTION) return fail(iso, self);
  }
  if (!val_is_undefined(using_async) || !val_is_undefined(using_sync)) {
    IteratorRecord rec;
    if (builtins_get_iterator_from_method(iso, items, val_is_undefined(using_async) ? using_sync : using_async,
                                          &rec) < 0)
      return fail(iso, self);
    if (val_is_undefined(using_async)) {
      Value wrapped = async_from_sync_iterator_new(iso, rec.iterator, rec.next_method);
      if (wrapped == VAL_EXCEPTION) return fail(iso, self);
      rec.iterator = wrapped;
      rec.next_method = obj_get(iso, wrapped, NAME(iso, next), wrapped);
      if (rec.next_method == VAL_EXCEPTION) return fail(iso, self);
    }
    Value a = val_is_constructor(c) ? rt_construct(iso, c, 0, NULL, c) : array_new(iso, 0);
    if (a == VAL_EXCEPTION) return fail(iso, self);
    s = st(self);
    WRITE_FIELD(s, s->target, a);
    WRITE_FIELD(s, s->iterator, rec.iterator);
    WRITE_FIELD(s, s->next_method, rec.next_method);
    return iter_step(iso, self);
  }
  Value array_like = rt_to_object(iso, items);
  if (array_like == VAL_EXCEPTION) return fail(iso, self);
  double len;
  if (rt_length_of_array_like(iso, array_like, &len) < 0) return fail(iso, self);
  Value a;
  if (val_is_constructor(c)) {
    Value arg = val_from_number(len);
    a = rt_construct(iso, c, 1, &arg, c);
  } else {
    if (len > 4294967295.0) {
      rt_throw_range_error(iso, "Invalid array length");
      return fail(iso, self);
    }
    a = array_new(iso, 0);
    if (a != VAL_EXCEPTION && rt_set(iso, a, NAME(iso, length), val_from_number(len), true) < 0) a = VAL_EXCEPTION;
  }
  if (a == VAL_EXCEPTION) return fail(iso, self);
  s = st(self);
  WRITE_FIELD(s, s->target, a);
  WRITE_FIELD(s, s->array_like, array_like);
  s->length = val_from_number(len);
  return al_step(iso, self);
}

/* Array.fromAsync ( asyncItems [ , mapfn [ , thisArg ] ] ) */
static Value array_from_async(Isolate *iso, const CallArgs *args) {
  Value promise = promise_new(iso);
  if (promise == VAL_EXCEPTION) return promise;
  Value self = obj_new_with_type(iso, IT_JS_OBJECT, sizeof(FromAsyncState), VAL_NULL);
  if (self == VAL_EXCEPTION) return self;
  FromAsyncState *s = st(self);
  WRITE_FIELD(s, s->promise, promise);
  s->target = s->iterator = s->next_method = s->array_like = s->error = VAL_UNDEFINED;
  s->length = s->k = val_from_int(0);
  WRITE_FIELD(s, s->mapfn, call_arg(args, 1));
  WRITE_FIELD(s, s->this_arg, call_arg(args, 2));
  s->waiting = val_from_int(W_NEXT_RESULT);
  Value f = function_new_native(iso, NAME(iso, empty), 1, on_fulfilled, 0, 0);
  if (f == VAL_EXCEPTION) return f;
  WRITE_FIELD(val_to_ptr(f), js_function(f)->extra, self);
  WRITE_FIELD(st(self), st(self)->on_fulfilled, f);
  Value r = function_new_native(iso, NAME(iso, empty), 1, on_rejected, 0, 0);
  if (r == VAL_EXCEPTION) return r;
  WRITE_FIELD(val_to_ptr(r), js_function(r)->extra, self);
  WRITE_FIELD(st(self), st(self)->on_rejected, r);
  if (start(iso, self, args->this_val, call_arg(args, 0)) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return promise;
}

int builtins_install_array_from_async(Isolate *iso, Realm *realm) {
  Value ctor = realm->intrinsics[INTRINSIC_ARRAY];
  return builtins_def_method(iso, ctor, "fromAsync", array_from_async, 1, 0) == VAL_EXCEPTION ? -1 : 0;
}
