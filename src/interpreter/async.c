/*
 * Async functions and async generators: the run-time half (see async.h for the model).
 * Await follows ECMA-262 27.7.5.3 exactly: PromiseResolve(%Promise%, v), then PerformPromiseThen
 * without a derived promise, so awaiting a native promise costs one job and a non-promise one.
 */
#include <pthread.h>

#include "interpreter/async.h"
#include "builtins/iterator.h"
#include "builtins/promise.h"
#include "execution/realm.h"
#include "heap/fixed-array.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/symbol.h"

Value interp_resume_generator(Isolate *iso, Value generator);

/* Marks an IT_JS_ASYNC_FUNCTION_OBJECT that is really an AsyncFromSyncIterator. */
#define AG_FROM_SYNC_ITERATOR (-1)

static void register_once(void) {
  heap_register_type(IT_JS_ASYNC_FUNCTION_OBJECT, obj_js_object_size, obj_visit_js_object, NULL);
  heap_register_type(IT_JS_ASYNC_GENERATOR, obj_js_object_size, obj_visit_js_object, NULL);
}
void async_register_types(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, register_once);
}

static inline JSAsyncObject *async_obj(Value v) { return (JSAsyncObject *)val_to_ptr(v); }
#define ASET(o, field, v) WRITE_FIELD(val_to_ptr(o), async_obj(o)->field, (v))

bool async_is_async_generator(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ASYNC_GENERATOR;
}
static bool is_async_function_object(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ASYNC_FUNCTION_OBJECT;
}

/* A native closure whose JSFunction.extra holds `data`. */
static Value closure_new(Isolate *iso, NativeFunction fn, int length, Value data) {
  Value f = function_new_native(iso, NAME(iso, empty), length, fn, 0, 0);
  if (f == VAL_EXCEPTION) return f;
  WRITE_FIELD(val_to_ptr(f), js_function(f)->extra, data);
  return f;
}
static inline Value closure_data(const CallArgs *args) { return js_function(args->callee)->extra; }

/* Takes the pending exception as a throw completion; false while terminating (termination keeps
 * unwinding and nothing may catch it). */
static bool take_catchable(Isolate *iso, Value *out) {
  if (iso->terminating || isolate_is_termination(iso, iso->pending_exception)) return false;
  iso->pending_message = VAL_HOLE;
  *out = isolate_take_exception(iso);
  return true;
}

Value async_object_new(Isolate *iso, InstanceType type, Value closure, Value receiver, Value proto) {
  async_register_types();
  Value o = obj_new_with_type(iso, type, sizeof(JSAsyncObject), proto);
  if (o == VAL_EXCEPTION) return o;
  JSAsyncObject *a = async_obj(o);
  WRITE_FIELD(a, a->gen.function, closure);
  WRITE_FIELD(a, a->gen.receiver, receiver);
  a->gen.context = VAL_UNDEFINED;
  a->gen.input = VAL_UNDEFINED;
  a->gen.registers = VAL_UNDEFINED;
  a->gen.state = val_from_int(GEN_SUSPENDED_START);
  a->gen.resume_mode = val_from_int(GEN_RESUME_NEXT);
  a->gen.continuation = val_from_int(0);
  a->gen.delegate = VAL_UNDEFINED;
  a->promise = VAL_UNDEFINED;
  a->on_fulfilled = VAL_UNDEFINED;
  a->on_rejected = VAL_UNDEFINED;
  a->queue_head = VAL_UNDEFINED;
  a->queue_tail = VAL_UNDEFINED;
  a->ag_state = val_from_int(AG_SUSPENDED_START);
  return o;
}

/* ---- async functions ---------------------------------------------------------------------- */

Value async_function_enter(Isolate *iso, Value closure, Value receiver) {
  Value o = async_object_new(iso, IT_JS_ASYNC_FUNCTION_OBJECT, closure, receiver, VAL_NULL);
  if (o == VAL_EXCEPTION) return o;
  Value p = promise_new(iso);
  if (p == VAL_EXCEPTION) return p;
  ASET(o, promise, p);
  return o;
}

Value async_function_resolve(Isolate *iso, Value obj, Value value) {
  Value p = async_obj(obj)->promise;
  if (promise_resolve_value(iso, p, value) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return p;
}

Value async_function_reject(Isolate *iso, Value obj, Value reason) {
  Value p = async_obj(obj)->promise;
  if (promise_reject_value(iso, p, reason) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return p;
}

/* ---- async generators: the request queue -------------------------------------------------- */

enum { RQ_MODE, RQ_VALUE, RQ_PROMISE, RQ_NEXT, RQ_SIZE };

static Value rq_get(Value r, int i) { return fixed_array_get((FixedArray *)val_to_ptr(r), (uint32_t)i); }

static int enqueue(Isolate *iso, Value gen, int mode, Value value, Value promise) {
  FixedArray *r = fixed_array_new(iso, RQ_SIZE, VAL_UNDEFINED);
  if (!r) return -1;
  fixed_array_set(r, RQ_MODE, val_from_int(mode));
  fixed_array_set(r, RQ_VALUE, value);
  fixed_array_set(r, RQ_PROMISE, promise);
  Value rv = val_from_ptr(r);
  Value tail = async_obj(gen)->queue_tail;
  if (tail == VAL_UNDEFINED)
    ASET(gen, queue_head, rv);
  else
    fixed_array_set((FixedArray *)val_to_ptr(tail), RQ_NEXT, rv);
  ASET(gen, queue_tail, rv);
  return 0;
}

static inline int ag_state(Value gen) { return val_to_int(async_obj(gen)->ag_state); }
static inline void set_ag_state(Value gen, int s) { async_obj(gen)->ag_state = val_from_int(s); }

/* AsyncGeneratorCompleteStep: settles and removes the first request. */
static Value complete_step(Isolate *iso, Value gen, int mode, Value value, bool done) {
  Value req = async_obj(gen)->queue_head;
  if (req == VAL_UNDEFINED) return VAL_UNDEFINED;
  Value next = rq_get(req, RQ_NEXT);
  ASET(gen, queue_head, next);
  if (next == VAL_UNDEFINED) ASET(gen, queue_tail, VAL_UNDEFINED);
  Value promise = rq_get(req, RQ_PROMISE);
  if (mode == GEN_RESUME_THROW) return promise_reject_value(iso, promise, value);
  Value res = builtins_create_iter_result(iso, value, done);
  if (res == VAL_EXCEPTION) return res;
  return promise_resolve_value(iso, promise, res);
}

static Value await_return(Isolate *iso, Value gen);

/* AsyncGeneratorDrainQueue: the generator is completed; settle what is queued. */
static Value drain_queue(Isolate *iso, Value gen) {
  for (;;) {
    Value req = async_obj(gen)->queue_head;
    if (req == VAL_UNDEFINED) return VAL_UNDEFINED;
    int mode = val_to_int(rq_get(req, RQ_MODE));
    if (mode == GEN_RESUME_RETURN) {
      set_ag_state(gen, AG_AWAITING_RETURN);
      return await_return(iso, gen);
    }
    Value r = mode == GEN_RESUME_THROW ? complete_step(iso, gen, GEN_RESUME_THROW, rq_get(req, RQ_VALUE), true)
                                       : complete_step(iso, gen, GEN_RESUME_NEXT, VAL_UNDEFINED, true);
    if (r == VAL_EXCEPTION) return r;
  }
}

static Value return_settled(Isolate *iso, const CallArgs *args, int mode) {
  Value gen = closure_data(args);
  set_ag_state(gen, AG_COMPLETED);
  if (complete_step(iso, gen, mode, call_arg(args, 0), true) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return drain_queue(iso, gen);
}
static Value return_fulfilled(Isolate *iso, const CallArgs *args) { return return_settled(iso, args, GEN_RESUME_NEXT); }
static Value return_rejected(Isolate *iso, const CallArgs *args) { return return_settled(iso, args, GEN_RESUME_THROW); }

/* AsyncGeneratorAwaitReturn: the first request is a return; await its value. */
static Value await_return(Isolate *iso, Value gen) {
  Value req = async_obj(gen)->queue_head;
  Value p = promise_resolve(iso, realm_intrinsic(iso->realm, INTRINSIC_PROMISE), rq_get(req, RQ_VALUE));
  if (p == VAL_EXCEPTION) {
    Value exc;
    if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
    set_ag_state(gen, AG_COMPLETED);
    if (complete_step(iso, gen, GEN_RESUME_THROW, exc, true) == VAL_EXCEPTION) return VAL_EXCEPTION;
    return drain_queue(iso, gen);
  }
  Value f = closure_new(iso, return_fulfilled, 1, gen);
  if (f == VAL_EXCEPTION) return f;
  Value r = closure_new(iso, return_rejected, 1, gen);
  if (r == VAL_EXCEPTION) return r;
  return promise_then(iso, p, f, r, VAL_UNDEFINED);
}

/* Runs the generator's frame with a completion until it awaits, yields or finishes; a yield with
 * more requests queued continues at once with the next one. */
static Value ag_resume(Isolate *iso, Value gen, int mode, Value value) {
  for (;;) {
    set_ag_state(gen, AG_EXECUTING);
    JSAsyncObject *a = async_obj(gen);
    WRITE_FIELD(a, a->gen.input, value);
    a->gen.resume_mode = val_from_int(mode);
    a->gen.state = val_from_int(GEN_EXECUTING);
    Value r = interp_resume_generator(iso, gen);
    if (r == VAL_EXCEPTION) {
      Value exc;
      if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
      set_ag_state(gen, AG_COMPLETED);
      if (complete_step(iso, gen, GEN_RESUME_THROW, exc, true) == VAL_EXCEPTION) return VAL_EXCEPTION;
      return drain_queue(iso, gen);
    }
    a = async_obj(gen);
    if (val_to_int(a->gen.state) == GEN_COMPLETED) {
      set_ag_state(gen, AG_COMPLETED);
      if (complete_step(iso, gen, GEN_RESUME_NEXT, r, true) == VAL_EXCEPTION) return VAL_EXCEPTION;
      return drain_queue(iso, gen);
    }
    if (ag_state(gen) != AG_SUSPENDED_YIELD) return VAL_UNDEFINED; /* suspended at an await */
    Value req = a->queue_head;
    if (req == VAL_UNDEFINED) return VAL_UNDEFINED;
    mode = val_to_int(rq_get(req, RQ_MODE));
    value = rq_get(req, RQ_VALUE);
  }
}

Value async_generator_create(Isolate *iso, Value closure, Value receiver) {
  Value proto = obj_get(iso, closure, NAME(iso, prototype), closure);
  if (proto == VAL_EXCEPTION) return proto;
  if (!val_is_object(proto)) {
    Realm *r = function_get_realm(iso, closure);
    proto = realm_intrinsic(r ? r : iso->realm, INTRINSIC_ASYNC_GENERATOR_PROTOTYPE);
  }
  return async_object_new(iso, IT_JS_ASYNC_GENERATOR, closure, receiver, proto);
}

Value async_generator_yield(Isolate *iso, Value obj, Value value) {
  if (complete_step(iso, obj, GEN_RESUME_NEXT, value, false) == VAL_EXCEPTION) return VAL_EXCEPTION;
  set_ag_state(obj, AG_SUSPENDED_YIELD);
  return VAL_UNDEFINED;
}

/* A TypeError object (not thrown). */
static Value make_type_error(Isolate *iso, const char *msg) {
  rt_throw_type_error(iso, "%s", msg);
  Value e;
  if (!take_catchable(iso, &e)) return VAL_EXCEPTION;
  return e;
}

Value async_generator_enqueue(Isolate *iso, Value gen, int mode, Value value) {
  Value promise = promise_new(iso);
  if (promise == VAL_EXCEPTION) return promise;
  if (!async_is_async_generator(gen)) {
    Value e = make_type_error(iso, mode == GEN_RESUME_NEXT     ? "AsyncGenerator.prototype.next called on incompatible receiver"
                                   : mode == GEN_RESUME_RETURN ? "AsyncGenerator.prototype.return called on incompatible receiver"
                                                               : "AsyncGenerator.prototype.throw called on incompatible receiver");
    if (e == VAL_EXCEPTION) return e;
    if (promise_reject_value(iso, promise, e) == VAL_EXCEPTION) return VAL_EXCEPTION;
    return promise;
  }
  int state = ag_state(gen);
  if (mode == GEN_RESUME_THROW && state == AG_SUSPENDED_START) {
    set_ag_state(gen, AG_COMPLETED);
    state = AG_COMPLETED;
  }
  if (state == AG_COMPLETED && mode != GEN_RESUME_RETURN) {
    if (mode == GEN_RESUME_THROW) {
      if (promise_reject_value(iso, promise, value) == VAL_EXCEPTION) return VAL_EXCEPTION;
      return promise;
    }
    Value res = builtins_create_iter_result(iso, VAL_UNDEFINED, true);
    if (res == VAL_EXCEPTION || promise_resolve_value(iso, promise, res) == VAL_EXCEPTION) return VAL_EXCEPTION;
    return promise;
  }
  if (enqueue(iso, gen, mode, value, promise) < 0) return VAL_EXCEPTION;
  if (mode == GEN_RESUME_RETURN && (state == AG_SUSPENDED_START || state == AG_COMPLETED)) {
    set_ag_state(gen, AG_AWAITING_RETURN);
    if (await_return(iso, gen) == VAL_EXCEPTION) return VAL_EXCEPTION;
  } else if (state == AG_SUSPENDED_START || state == AG_SUSPENDED_YIELD) {
    if (ag_resume(iso, gen, mode, value) == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  return promise;
}

/* ---- Await ------------------------------------------------------------------------------- */

static Value await_settled(Isolate *iso, const CallArgs *args, int mode) {
  Value obj = closure_data(args);
  Value v = call_arg(args, 0);
  if (async_is_async_generator(obj)) return ag_resume(iso, obj, mode, v);
  JSAsyncObject *a = async_obj(obj);
  WRITE_FIELD(a, a->gen.input, v);
  a->gen.resume_mode = val_from_int(mode);
  a->gen.state = val_from_int(GEN_EXECUTING);
  Value r = interp_resume_generator(iso, obj);
  return r == VAL_EXCEPTION ? r : VAL_UNDEFINED;
}
static Value await_fulfilled(Isolate *iso, const CallArgs *args) { return await_settled(iso, args, GEN_RESUME_NEXT); }
static Value await_rejected(Isolate *iso, const CallArgs *args) { return await_settled(iso, args, GEN_RESUME_THROW); }

Value async_await(Isolate *iso, Value obj, Value value) {
  Value p = promise_resolve(iso, realm_intrinsic(iso->realm, INTRINSIC_PROMISE), value);
  if (p == VAL_EXCEPTION) return p;
  if (async_obj(obj)->on_fulfilled == VAL_UNDEFINED) {
    Value f = closure_new(iso, await_fulfilled, 1, obj);
    if (f == VAL_EXCEPTION) return f;
    ASET(obj, on_fulfilled, f);
    Value r = closure_new(iso, await_rejected, 1, obj);
    if (r == VAL_EXCEPTION) return r;
    ASET(obj, on_rejected, r);
  }
  if (promise_then(iso, p, async_obj(obj)->on_fulfilled, async_obj(obj)->on_rejected, VAL_UNDEFINED) == VAL_EXCEPTION)
    return VAL_EXCEPTION;
  /* The first run of an async function returns from the call with its promise. */
  return is_async_function_object(obj) ? async_obj(obj)->promise : VAL_UNDEFINED;
}

/* ---- for await ----------------------------------------------------------------------------- */

Value async_get_iterator(Isolate *iso, Value obj) {
  if (!val_is_nullish(obj)) {
    Value m = rt_get_method(iso, obj, sym_well_known(iso, WKS_ASYNC_ITERATOR));
    if (m == VAL_EXCEPTION) return m;
    if (m != VAL_UNDEFINED) {
      Value it = rt_call(iso, m, obj, 0, NULL);
      if (it == VAL_EXCEPTION) return it;
      if (!val_is_object(it)) return rt_throw_type_error(iso, "Result of the Symbol.asyncIterator method is not an object");
      return it;
    }
  }
  IteratorRecord rec;
  if (builtins_get_iterator(iso, obj, false, &rec) < 0) return VAL_EXCEPTION;
  return async_from_sync_iterator_new(iso, rec.iterator, rec.next_method);
}
