/*
 * Promise (ECMA-262 27.2): the constructor, resolving functions, then/catch/finally, the
 * combinators, and the two jobs (PromiseReactionJob, PromiseResolveThenableJob) that run on the
 * microtask queue in exactly the order the spec enqueues them.
 *
 * Internal records (reactions, resolving-function state, combinator state) are PromiseRecords:
 * small heap objects of six Value slots (instance type IT_PROMISE_REACTION), so one visitor
 * covers them all. Closures the spec creates (resolve functions, element functions, finally
 * thunks) are native functions whose JSFunction.extra holds their record or captured value.
 */
#include "builtins/promise.h"

#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "execution/microtask.h"
#include "objects/js-function.h"

/* ---- Records ------------------------------------------------------------------------------ */

#define PR_SLOTS 6
typedef struct PromiseRecord {
  HeapObject header;
  Value slots[PR_SLOTS];
} PromiseRecord;

/* Reaction record slots. */
enum { RX_NEXT, RX_CAP_PROMISE, RX_CAP_RESOLVE, RX_CAP_REJECT, RX_ON_FULFILLED, RX_ON_REJECTED };
/* Resolving-functions state. */
enum { RS_PROMISE, RS_ALREADY_RESOLVED };
/* Capability executor state. */
enum { CE_RESOLVE, CE_REJECT };
/* Combinator shared state and element state. */
enum { CS_VALUES, CS_REMAINING, CS_RESOLVE, CS_REJECT, CS_KEYS /* keyed variants: the keys */ };
enum { EL_ALREADY_CALLED, EL_INDEX, EL_SHARED };
/* finally state. */
enum { FS_ON_FINALLY, FS_CONSTRUCTOR };

enum { REACTION_FULFILL = 0, REACTION_REJECT = 1 };

static size_t record_size(const HeapObject *obj) { return sizeof(PromiseRecord); }
static void record_visit(HeapObject *obj, HeapVisitor *v) {
  heap_visit_values(v, ((PromiseRecord *)obj)->slots, PR_SLOTS);
}

static Value record_new(Isolate *iso) {
  PromiseRecord *r = heap_alloc(iso, sizeof(PromiseRecord), map_for_type(iso, IT_PROMISE_REACTION));
  if (r == NULL) return VAL_EXCEPTION;
  for (int i = 0; i < PR_SLOTS; i++) r->slots[i] = VAL_UNDEFINED;
  return val_from_ptr(r);
}
static inline PromiseRecord *rec(Value v) { return (PromiseRecord *)val_to_ptr(v); }
static inline void rec_set(Value r, int i, Value v) { WRITE_FIELD(val_to_ptr(r), rec(r)->slots[i], v); }
static inline Value rec_get(Value r, int i) { return rec(r)->slots[i]; }

static inline JSPromise *js_promise(Value v) { return (JSPromise *)val_to_ptr(v); }
#define PROMISE_SET(p, field, v) WRITE_FIELD(val_to_ptr(p), js_promise(p)->field, (v))

bool promise_is_promise(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_JS_PROMISE; }
PromiseState promise_state(Value p) { return (PromiseState)val_to_int(js_promise(p)->state); }
Value promise_result(Value p) { return js_promise(p)->result; }

/* A native closure: a function whose extra slot holds `data`. */
static Value closure_new(Isolate *iso, NativeFunction fn, int length, int magic, Value data) {
  Value f = function_new_native(iso, NAME(iso, empty), length, fn, magic, 0);
  if (f == VAL_EXCEPTION) return f;
  WRITE_FIELD(val_to_ptr(f), js_function(f)->extra, data);
  return f;
}
static inline Value closure_data(const CallArgs *args) { return js_function(args->callee)->extra; }

/* Takes the pending exception for a spec "abrupt completion" handler; false while terminating
 * (termination must keep unwinding, so nothing may catch it). */
static bool take_catchable(Isolate *iso, Value *out) {
  if (iso->terminating || isolate_is_termination(iso, iso->pending_exception)) return false;
  iso->pending_message = VAL_HOLE;
  *out = isolate_take_exception(iso);
  return true;
}

/* ---- Settling ----------------------------------------------------------------------------- */

static Value reaction_job(Isolate *iso, Value *args);
static Value resolve_thenable_job(Isolate *iso, Value *args);

/* TriggerPromiseReactions: `list` is newest-first, so reverse it to run in registration order. */
static int trigger_reactions(Isolate *iso, Value list, Value argument, int type) {
  Value reversed = VAL_UNDEFINED;
  while (list != VAL_UNDEFINED) {
    Value next = rec_get(list, RX_NEXT);
    rec_set(list, RX_NEXT, reversed);
    reversed = list;
    list = next;
  }
  for (Value r = reversed; r != VAL_UNDEFINED; r = rec_get(r, RX_NEXT)) {
    Value job_args[3] = {r, argument, val_from_int(type)};
    if (microtask_enqueue_job(iso, reaction_job, 3, job_args) < 0) return -1;
  }
  return 0;
}

static Value fulfill_promise(Isolate *iso, Value p, Value value) {
  Value reactions = js_promise(p)->reactions;
  PROMISE_SET(p, result, value);
  PROMISE_SET(p, reactions, VAL_UNDEFINED);
  PROMISE_SET(p, state, val_from_int(PROMISE_FULFILLED));
  return trigger_reactions(iso, reactions, value, REACTION_FULFILL) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}

Value promise_reject_value(Isolate *iso, Value p, Value reason) {
  if (promise_state(p) != PROMISE_PENDING) return VAL_UNDEFINED;
  Value reactions = js_promise(p)->reactions;
  PROMISE_SET(p, result, reason);
  PROMISE_SET(p, reactions, VAL_UNDEFINED);
  PROMISE_SET(p, state, val_from_int(PROMISE_REJECTED));
  if (js_promise(p)->is_handled != VAL_TRUE)
    microtask_track_rejection(iso, p, reason, PROMISE_REJECT_WITH_NO_HANDLER);
  return trigger_reactions(iso, reactions, reason, REACTION_REJECT) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* The body of a promise resolve function (27.2.1.3.2, steps 7-16). */
Value promise_resolve_value(Isolate *iso, Value p, Value resolution) {
  if (promise_state(p) != PROMISE_PENDING) return VAL_UNDEFINED;
  if (resolution == p) {
    Value err = rt_new_error(iso, ERR_TYPE, "Chaining cycle detected for promise #<Promise>");
    if (err == VAL_EXCEPTION) return err;
    return promise_reject_value(iso, p, err);
  }
  if (!val_is_object(resolution)) return fulfill_promise(iso, p, resolution);
  Value then = rt_get(iso, resolution, NAME(iso, then));
  if (then == VAL_EXCEPTION) {
    Value exc;
    if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
    return promise_reject_value(iso, p, exc);
  }
  if (!val_is_callable(then)) return fulfill_promise(iso, p, resolution);
  Value job_args[3] = {p, resolution, then};
  return microtask_enqueue_job(iso, resolve_thenable_job, 3, job_args) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* Resolve (magic 0) and reject (magic 1) functions. */
static Value resolving_function(Isolate *iso, const CallArgs *args) {
  Value state = closure_data(args);
  if (rec_get(state, RS_ALREADY_RESOLVED) == VAL_TRUE) return VAL_UNDEFINED;
  rec_set(state, RS_ALREADY_RESOLVED, VAL_TRUE);
  Value p = rec_get(state, RS_PROMISE);
  if (function_magic(args->callee) == 1) return promise_reject_value(iso, p, call_arg(args, 0));
  return promise_resolve_value(iso, p, call_arg(args, 0));
}

int promise_create_resolving_functions(Isolate *iso, Value promise, Value out[2]) {
  Value state = record_new(iso);
  if (state == VAL_EXCEPTION) return -1;
  rec_set(state, RS_PROMISE, promise);
  rec_set(state, RS_ALREADY_RESOLVED, VAL_FALSE);
  out[0] = closure_new(iso, resolving_function, 1, 0, state);
  if (out[0] == VAL_EXCEPTION) return -1;
  out[1] = closure_new(iso, resolving_function, 1, 1, state);
  if (out[1] == VAL_EXCEPTION) return -1;
  return 0;
}

/* ---- Jobs --------------------------------------------------------------------------------- */

/* PromiseReactionJob(reaction, argument), args[2] the reaction type. */
static Value reaction_job(Isolate *iso, Value *args) {
  Value reaction = args[0], argument = args[1];
  int type = val_to_int(args[2]);
  Value handler = rec_get(reaction, type == REACTION_FULFILL ? RX_ON_FULFILLED : RX_ON_REJECTED);
  bool abrupt;
  Value result;
  if (handler == VAL_UNDEFINED) {
    abrupt = type == REACTION_REJECT;
    result = argument;
  } else {
    result = rt_call(iso, handler, VAL_UNDEFINED, 1, &argument);
    abrupt = result == VAL_EXCEPTION;
    if (abrupt && !take_catchable(iso, &result)) return VAL_EXCEPTION;
  }
  Value cap_promise = rec_get(reaction, RX_CAP_PROMISE);
  Value resolve = rec_get(reaction, RX_CAP_RESOLVE), reject = rec_get(reaction, RX_CAP_REJECT);
  if (cap_promise == VAL_UNDEFINED && resolve == VAL_UNDEFINED) return VAL_UNDEFINED;
  if (resolve == VAL_UNDEFINED) {
    /* An engine-made capability on an intrinsic promise: settle it directly. */
    return abrupt ? promise_reject_value(iso, cap_promise, result) : promise_resolve_value(iso, cap_promise, result);
  }
  return rt_call(iso, abrupt ? reject : resolve, VAL_UNDEFINED, 1, &result);
}

/* PromiseResolveThenableJob(promiseToResolve, thenable, then). */
static Value resolve_thenable_job(Isolate *iso, Value *args) {
  Value fns[2];
  if (promise_create_resolving_functions(iso, args[0], fns) < 0) return VAL_EXCEPTION;
  Value r = rt_call(iso, args[2], args[1], 2, fns);
  if (r == VAL_EXCEPTION) {
    Value exc;
    if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
    return rt_call(iso, fns[1], VAL_UNDEFINED, 1, &exc);
  }
  return VAL_UNDEFINED;
}

/* ---- Capabilities ------------------------------------------------------------------------- */

typedef struct Capability {
  Value promise, resolve, reject;
} Capability;

static Value promise_alloc(Isolate *iso, Value proto) {
  Value p = obj_new_with_type(iso, IT_JS_PROMISE, sizeof(JSPromise), proto);
  if (p == VAL_EXCEPTION) return p;
  PROMISE_SET(p, state, val_from_int(PROMISE_PENDING));
  PROMISE_SET(p, result, VAL_UNDEFINED);
  PROMISE_SET(p, reactions, VAL_UNDEFINED);
  PROMISE_SET(p, is_handled, VAL_FALSE);
  return p;
}

Value promise_new(Isolate *iso) { return promise_alloc(iso, intrinsic(iso, INTRINSIC_PROMISE_PROTOTYPE)); }

static Value capability_executor(Isolate *iso, const CallArgs *args) {
  Value state = closure_data(args);
  if (rec_get(state, CE_RESOLVE) != VAL_UNDEFINED || rec_get(state, CE_REJECT) != VAL_UNDEFINED)
    return rt_throw_type_error(iso, "Promise executor has already been invoked with non-undefined arguments");
  rec_set(state, CE_RESOLVE, call_arg(args, 0));
  rec_set(state, CE_REJECT, call_arg(args, 1));
  return VAL_UNDEFINED;
}

static Value promise_constructor(Isolate *iso, const CallArgs *args);

/* NewPromiseCapability(C). */
static int new_capability(Isolate *iso, Value c, Capability *cap) {
  char buf[64];
  if (!val_is_constructor(c)) {
    rt_throw_type_error(iso, "%s is not a constructor", builtins_describe(iso, c, buf, sizeof buf));
    return -1;
  }
  if (val_is_js_function(c) && js_function(c)->native == promise_constructor) {
    /* The intrinsic %Promise% (of any realm): its executor protocol is unobservable, so build the
     * promise and its resolving functions directly. */
    Value proto = rt_prototype_from_constructor(iso, c, INTRINSIC_PROMISE_PROTOTYPE);
    if (proto == VAL_EXCEPTION) return -1;
    cap->promise = promise_alloc(iso, proto);
    if (cap->promise == VAL_EXCEPTION) return -1;
    Value fns[2];
    if (promise_create_resolving_functions(iso, cap->promise, fns) < 0) return -1;
    cap->resolve = fns[0];
    cap->reject = fns[1];
    return 0;
  }
  Value state = record_new(iso);
  if (state == VAL_EXCEPTION) return -1;
  Value executor = closure_new(iso, capability_executor, 2, 0, state);
  if (executor == VAL_EXCEPTION) return -1;
  Value p = rt_construct(iso, c, 1, &executor, c);
  if (p == VAL_EXCEPTION) return -1;
  cap->resolve = rec_get(state, CE_RESOLVE);
  cap->reject = rec_get(state, CE_REJECT);
  if (!val_is_callable(cap->resolve) || !val_is_callable(cap->reject)) {
    rt_throw_type_error(iso, "Promise resolve or reject function is not callable");
    return -1;
  }
  cap->promise = p;
  return 0;
}

/* IfAbruptRejectPromise: rejects the capability with the pending exception; returns its promise. */
static Value reject_with_pending(Isolate *iso, Capability *cap) {
  Value exc;
  if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
  if (rt_call(iso, cap->reject, VAL_UNDEFINED, 1, &exc) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return cap->promise;
}

/* ---- then ------------------------------------------------------------------------------- */

/* PerformPromiseThen with a capability (cap may be NULL: no result promise). */
static Value perform_then(Isolate *iso, Value p, Value on_fulfilled, Value on_rejected, const Capability *cap) {
  Value reaction = record_new(iso);
  if (reaction == VAL_EXCEPTION) return reaction;
  rec_set(reaction, RX_ON_FULFILLED, val_is_callable(on_fulfilled) ? on_fulfilled : VAL_UNDEFINED);
  rec_set(reaction, RX_ON_REJECTED, val_is_callable(on_rejected) ? on_rejected : VAL_UNDEFINED);
  if (cap) {
    rec_set(reaction, RX_CAP_PROMISE, cap->promise);
    rec_set(reaction, RX_CAP_RESOLVE, cap->resolve);
    rec_set(reaction, RX_CAP_REJECT, cap->reject);
  }
  switch (promise_state(p)) {
    case PROMISE_PENDING:
      rec_set(reaction, RX_NEXT, js_promise(p)->reactions);
      PROMISE_SET(p, reactions, reaction);
      break;
    case PROMISE_FULFILLED: {
      Value job_args[3] = {reaction, js_promise(p)->result, val_from_int(REACTION_FULFILL)};
      if (microtask_enqueue_job(iso, reaction_job, 3, job_args) < 0) return VAL_EXCEPTION;
      break;
    }
    case PROMISE_REJECTED: {
      if (js_promise(p)->is_handled != VAL_TRUE)
        microtask_track_rejection(iso, p, js_promise(p)->result, PROMISE_HANDLER_ADDED_AFTER_REJECT);
      Value job_args[3] = {reaction, js_promise(p)->result, val_from_int(REACTION_REJECT)};
      if (microtask_enqueue_job(iso, reaction_job, 3, job_args) < 0) return VAL_EXCEPTION;
      break;
    }
  }
  PROMISE_SET(p, is_handled, VAL_TRUE);
  return cap ? cap->promise : VAL_UNDEFINED;
}

Value promise_then(Isolate *iso, Value promise, Value on_fulfilled, Value on_rejected, Value result_promise) {
  if (result_promise == VAL_UNDEFINED) return perform_then(iso, promise, on_fulfilled, on_rejected, NULL);
  Capability cap = {result_promise, VAL_UNDEFINED, VAL_UNDEFINED};
  return perform_then(iso, promise, on_fulfilled, on_rejected, &cap);
}

/* SpeciesConstructor(O, %Promise%). */
static Value species_constructor(Isolate *iso, Value o) {
  Value dflt = intrinsic(iso, INTRINSIC_PROMISE);
  Value c = rt_get(iso, o, NAME(iso, constructor));
  if (c == VAL_EXCEPTION) return c;
  if (c == VAL_UNDEFINED) return dflt;
  if (!val_is_object(c)) return rt_throw_type_error(iso, "The .constructor property is not an object");
  Value s = rt_get(iso, c, sym_well_known(iso, WKS_SPECIES));
  if (s == VAL_EXCEPTION) return s;
  if (val_is_nullish(s)) return dflt;
  if (val_is_constructor(s)) return s;
  return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
}


static Value promise_proto_then(Isolate *iso, const CallArgs *args) {
  Value p = args->this_val;
  if (!promise_is_promise(p)) return builtins_throw_incompatible_receiver(iso, "Promise.prototype.then", p);
  Value c = species_constructor(iso, p);
  if (c == VAL_EXCEPTION) return c;
  Capability cap;
  if (new_capability(iso, c, &cap) < 0) return VAL_EXCEPTION;
  return perform_then(iso, p, call_arg(args, 0), call_arg(args, 1), &cap);
}

/* Invoke(v, "then", argv). */
static Value invoke_then(Isolate *iso, Value v, int argc, Value *argv) {
  Value then = rt_get(iso, v, NAME(iso, then));
  if (then == VAL_EXCEPTION) return then;
  return rt_call(iso, then, v, argc, argv);
}

static Value promise_proto_catch(Isolate *iso, const CallArgs *args) {
  Value argv[2] = {VAL_UNDEFINED, call_arg(args, 0)};
  return invoke_then(iso, args->this_val, 2, argv);
}

/* ---- finally ------------------------------------------------------------------------------ */

/* valueThunk (magic 0: return the value) and thrower (magic 1: throw the reason). */
static Value finally_thunk(Isolate *iso, const CallArgs *args) {
  Value v = closure_data(args);
  if (function_magic(args->callee) == 1) return isolate_throw(iso, v);
  return v;
}

/* thenFinally (magic 0) and catchFinally (magic 1). */
static Value finally_reaction(Isolate *iso, const CallArgs *args) {
  Value state = closure_data(args);
  Value result = rt_call(iso, rec_get(state, FS_ON_FINALLY), VAL_UNDEFINED, 0, NULL);
  if (result == VAL_EXCEPTION) return result;
  Value p = promise_resolve(iso, rec_get(state, FS_CONSTRUCTOR), result);
  if (p == VAL_EXCEPTION) return p;
  int magic = function_magic(args->callee);
  Value thunk = closure_new(iso, finally_thunk, 0, magic, call_arg(args, 0));
  if (thunk == VAL_EXCEPTION) return thunk;
  return invoke_then(iso, p, 1, &thunk);
}

static Value promise_proto_finally(Isolate *iso, const CallArgs *args) {
  Value p = args->this_val;
  if (!val_is_object(p)) return builtins_throw_incompatible_receiver(iso, "Promise.prototype.finally", p);
  Value c = species_constructor(iso, p);
  if (c == VAL_EXCEPTION) return c;
  Value on_finally = call_arg(args, 0);
  Value argv[2] = {on_finally, on_finally};
  if (val_is_callable(on_finally)) {
    Value state = record_new(iso);
    if (state == VAL_EXCEPTION) return state;
    rec_set(state, FS_ON_FINALLY, on_finally);
    rec_set(state, FS_CONSTRUCTOR, c);
    argv[0] = closure_new(iso, finally_reaction, 1, 0, state);
    if (argv[0] == VAL_EXCEPTION) return argv[0];
    argv[1] = closure_new(iso, finally_reaction, 1, 1, state);
    if (argv[1] == VAL_EXCEPTION) return argv[1];
  }
  return invoke_then(iso, p, 2, argv);
}

/* ---- Constructor and statics -------------------------------------------------------------- */

static Value promise_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED)
    return rt_throw_type_error(iso, "Promise constructor cannot be invoked without 'new'");
  Value executor = call_arg(args, 0);
  if (!val_is_callable(executor)) {
    char buf[64];
    return rt_throw_type_error(iso, "Promise resolver %s is not a function",
                               builtins_describe(iso, executor, buf, sizeof buf));
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_PROMISE_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value p = promise_alloc(iso, proto);
  if (p == VAL_EXCEPTION) return p;
  Value fns[2];
  if (promise_create_resolving_functions(iso, p, fns) < 0) return VAL_EXCEPTION;
  if (rt_call(iso, executor, VAL_UNDEFINED, 2, fns) == VAL_EXCEPTION) {
    Value exc;
    if (!take_catchable(iso, &exc)) return VAL_EXCEPTION;
    if (rt_call(iso, fns[1], VAL_UNDEFINED, 1, &exc) == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  return p;
}

Value promise_resolve(Isolate *iso, Value c, Value x) {
  if (promise_is_promise(x)) {
    Value xc = rt_get(iso, x, NAME(iso, constructor));
    if (xc == VAL_EXCEPTION) return xc;
    if (rt_same_value(xc, c)) return x;
  }
  Capability cap;
  if (new_capability(iso, c, &cap) < 0) return VAL_EXCEPTION;
  if (rt_call(iso, cap.resolve, VAL_UNDEFINED, 1, &x) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return cap.promise;
}

static Value promise_static_resolve(Isolate *iso, const CallArgs *args) {
  if (!val_is_object(args->this_val)) return rt_throw_type_error(iso, "PromiseResolve called on non-object");
  return promise_resolve(iso, args->this_val, call_arg(args, 0));
}

static Value promise_static_reject(Isolate *iso, const CallArgs *args) {
  Capability cap;
  if (new_capability(iso, args->this_val, &cap) < 0) return VAL_EXCEPTION;
  Value r = call_arg(args, 0);
  if (rt_call(iso, cap.reject, VAL_UNDEFINED, 1, &r) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return cap.promise;
}

static Value promise_static_with_resolvers(Isolate *iso, const CallArgs *args) {
  Capability cap;
  if (new_capability(iso, args->this_val, &cap) < 0) return VAL_EXCEPTION;
  Value obj = obj_new_plain(iso);
  if (obj == VAL_EXCEPTION) return obj;
  if (builtins_def_value(iso, obj, "promise", cap.promise, ATTR_DEFAULT) < 0 ||
      builtins_def_value(iso, obj, "resolve", cap.resolve, ATTR_DEFAULT) < 0 ||
      builtins_def_value(iso, obj, "reject", cap.reject, ATTR_DEFAULT) < 0)
    return VAL_EXCEPTION;
  return obj;
}

static Value promise_static_try(Isolate *iso, const CallArgs *args) {
  if (!val_is_object(args->this_val)) return rt_throw_type_error(iso, "Promise.try called on non-object");
  Capability cap;
  if (new_capability(iso, args->this_val, &cap) < 0) return VAL_EXCEPTION;
  int argc = args->argc > 1 ? args->argc - 1 : 0;
  Value status = rt_call(iso, call_arg(args, 0), VAL_UNDEFINED, argc, argc ? args->argv + 1 : NULL);
  if (status == VAL_EXCEPTION) return reject_with_pending(iso, &cap);
  if (rt_call(iso, cap.resolve, VAL_UNDEFINED, 1, &status) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return cap.promise;
}

static Value promise_species(Isolate *iso, const CallArgs *args) { return args->this_val; }

/* ---- Combinators -------------------------------------------------------------------------- */

typedef enum { COMB_ALL, COMB_ALL_SETTLED, COMB_ANY, COMB_RACE, COMB_ALL_KEYED, COMB_ALL_SETTLED_KEYED } Combinator;
/* Element function magics. */
enum { ELEM_ALL_RESOLVE, ELEM_SETTLED_FULFILLED, ELEM_SETTLED_REJECTED, ELEM_ANY_REJECT };

/* Copies the internal values list into a fresh array (CreateArrayFromList). */
static Value list_to_array(Isolate *iso, Value list) {
  uint32_t n = array_length(list);
  Value arr = array_new(iso, 0);
  if (arr == VAL_EXCEPTION) return arr;
  for (uint32_t i = 0; i < n; i++) {
    Value v = rt_get(iso, list, key_from_index(i));
    if (v == VAL_EXCEPTION || array_push(iso, arr, v) < 0) return VAL_EXCEPTION;
  }
  return arr;
}

static Value aggregate_error(Isolate *iso, Value errors_list) {
  Value err = rt_new_error(iso, ERR_AGGREGATE, "All promises were rejected");
  if (err == VAL_EXCEPTION) return err;
  Value errors = list_to_array(iso, errors_list);
  if (errors == VAL_EXCEPTION) return errors;
  if (rt_define_data(iso, err, NAME(iso, errors), errors, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  return err;
}

/* CreateKeyedPromiseCombinatorResultObject: a null-prototype object of key -> value, in order. */
static Value keyed_result(Isolate *iso, Value keys, Value values) {
  Value obj = obj_new(iso, VAL_NULL);
  if (obj == VAL_EXCEPTION) return obj;
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    Value key = rt_get(iso, keys, key_from_index(i));
    if (key == VAL_EXCEPTION) return key;
    Value v = rt_get(iso, values, key_from_index(i));
    if (v == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, obj, key, v) < 0) return VAL_EXCEPTION;
  }
  return obj;
}

/* Called when `remaining` reaches zero: resolve with the values (or reject with the errors). */
static Value combinator_finish(Isolate *iso, Value shared, bool is_any) {
  Value list = rec_get(shared, CS_VALUES);
  Value keys = rec_get(shared, CS_KEYS);
  Value v = is_any ? aggregate_error(iso, list)
                   : keys != VAL_UNDEFINED ? keyed_result(iso, keys, list) : list_to_array(iso, list);
  if (v == VAL_EXCEPTION) return v;
  return rt_call(iso, rec_get(shared, is_any ? CS_REJECT : CS_RESOLVE), VAL_UNDEFINED, 1, &v);
}

static Value settled_result(Isolate *iso, bool fulfilled, Value x) {
  Value obj = obj_new_plain(iso);
  if (obj == VAL_EXCEPTION) return obj;
  Value status = str_from_cstr(iso, fulfilled ? "fulfilled" : "rejected");
  if (status == VAL_EXCEPTION) return status;
  if (builtins_def_value(iso, obj, "status", status, ATTR_DEFAULT) < 0) return VAL_EXCEPTION;
  if (builtins_def_value(iso, obj, fulfilled ? "value" : "reason", x, ATTR_DEFAULT) < 0) return VAL_EXCEPTION;
  return obj;
}

static Value combinator_element(Isolate *iso, const CallArgs *args) {
  Value el = closure_data(args);
  if (rec_get(el, EL_ALREADY_CALLED) == VAL_TRUE) return VAL_UNDEFINED;
  rec_set(el, EL_ALREADY_CALLED, VAL_TRUE);
  Value shared = rec_get(el, EL_SHARED);
  int magic = function_magic(args->callee);
  Value x = call_arg(args, 0);
  if (magic == ELEM_SETTLED_FULFILLED || magic == ELEM_SETTLED_REJECTED) {
    x = settled_result(iso, magic == ELEM_SETTLED_FULFILLED, x);
    if (x == VAL_EXCEPTION) return x;
  }
  Value index = rec_get(el, EL_INDEX);
  if (rt_create_data_property_or_throw(iso, rec_get(shared, CS_VALUES), index, x) < 0) return VAL_EXCEPTION;
  int32_t remaining = val_to_int(rec_get(shared, CS_REMAINING)) - 1;
  rec_set(shared, CS_REMAINING, val_from_int(remaining));
  if (remaining == 0) return combinator_finish(iso, shared, magic == ELEM_ANY_REJECT);
  return VAL_UNDEFINED;
}

/* PerformPromiseAll / AllSettled / Any / Race over an open iterator. */
static Value perform_combinator(Isolate *iso, Combinator kind, IteratorRecord *it, Value c, Capability *cap,
                                Value promise_resolve_fn) {
  Value shared = record_new(iso);
  if (shared == VAL_EXCEPTION) return shared;
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return list;
  rec_set(shared, CS_VALUES, list);
  rec_set(shared, CS_REMAINING, val_from_int(1));
  rec_set(shared, CS_RESOLVE, cap->resolve);
  rec_set(shared, CS_REJECT, cap->reject);
  uint32_t index = 0;
  for (;;) {
    Value next = builtins_iterator_step_value(iso, it);
    if (next == VAL_EXCEPTION) return next;
    if (next == VAL_HOLE) {
      if (kind == COMB_RACE) return cap->promise;
      int32_t remaining = val_to_int(rec_get(shared, CS_REMAINING)) - 1;
      rec_set(shared, CS_REMAINING, val_from_int(remaining));
      if (remaining == 0 && combinator_finish(iso, shared, kind == COMB_ANY) == VAL_EXCEPTION) return VAL_EXCEPTION;
      return cap->promise;
    }
    Value next_promise = rt_call(iso, promise_resolve_fn, c, 1, &next);
    if (next_promise == VAL_EXCEPTION) return next_promise;
    Value argv[2];
    if (kind == COMB_RACE) {
      argv[0] = cap->resolve;
      argv[1] = cap->reject;
    } else {
      if (array_push(iso, list, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
      Value el = record_new(iso);
      if (el == VAL_EXCEPTION) return el;
      rec_set(el, EL_ALREADY_CALLED, VAL_FALSE);
      rec_set(el, EL_INDEX, key_from_index(index));
      rec_set(el, EL_SHARED, shared);
      switch (kind) {
        case COMB_ALL:
          argv[0] = closure_new(iso, combinator_element, 1, ELEM_ALL_RESOLVE, el);
          argv[1] = cap->reject;
          break;
        case COMB_ALL_SETTLED:
          argv[0] = closure_new(iso, combinator_element, 1, ELEM_SETTLED_FULFILLED, el);
          if (argv[0] == VAL_EXCEPTION) return argv[0];
          argv[1] = closure_new(iso, combinator_element, 1, ELEM_SETTLED_REJECTED, el);
          break;
        default: /* COMB_ANY */
          argv[0] = cap->resolve;
          argv[1] = closure_new(iso, combinator_element, 1, ELEM_ANY_REJECT, el);
          break;
      }
      if (argv[0] == VAL_EXCEPTION || argv[1] == VAL_EXCEPTION) return VAL_EXCEPTION;
      rec_set(shared, CS_REMAINING, val_from_int(val_to_int(rec_get(shared, CS_REMAINING)) + 1));
    }
    if (invoke_then(iso, next_promise, 2, argv) == VAL_EXCEPTION) return VAL_EXCEPTION;
    index++;
  }
}

/* PerformPromiseAllKeyed (the await-dictionary proposal): like all/allSettled over the own
 * enumerable properties (string and symbol keys) of an object, resolving to a null-prototype
 * object with the same keys. */
static Value perform_keyed(Isolate *iso, bool settled, Value promises, Value c, Capability *cap,
                           Value promise_resolve_fn) {
  Value all_keys = obj_own_property_keys(iso, promises);
  if (all_keys == VAL_EXCEPTION) return all_keys;
  Value shared = record_new(iso);
  if (shared == VAL_EXCEPTION) return shared;
  Value list = array_new(iso, 0), keys = array_new(iso, 0);
  if (list == VAL_EXCEPTION || keys == VAL_EXCEPTION) return VAL_EXCEPTION;
  rec_set(shared, CS_VALUES, list);
  rec_set(shared, CS_KEYS, keys);
  rec_set(shared, CS_REMAINING, val_from_int(1));
  rec_set(shared, CS_RESOLVE, cap->resolve);
  rec_set(shared, CS_REJECT, cap->reject);
  uint32_t n = array_length(all_keys), index = 0;
  for (uint32_t i = 0; i < n; i++) {
    Value key = rt_get(iso, all_keys, key_from_index(i));
    if (key == VAL_EXCEPTION) return key;
    PropertyDescriptor desc;
    int found = obj_get_own_property(iso, promises, key, &desc);
    if (found < 0) return VAL_EXCEPTION;
    if (!found || !desc.enumerable) continue;
    Value value = rt_get(iso, promises, key);
    if (value == VAL_EXCEPTION) return value;
    if (array_push(iso, keys, key) < 0 || array_push(iso, list, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
    Value next_promise = rt_call(iso, promise_resolve_fn, c, 1, &value);
    if (next_promise == VAL_EXCEPTION) return next_promise;
    Value el = record_new(iso);
    if (el == VAL_EXCEPTION) return el;
    rec_set(el, EL_ALREADY_CALLED, VAL_FALSE);
    rec_set(el, EL_INDEX, key_from_index(index));
    rec_set(el, EL_SHARED, shared);
    Value argv[2];
    argv[0] = closure_new(iso, combinator_element, 1, settled ? ELEM_SETTLED_FULFILLED : ELEM_ALL_RESOLVE, el);
    if (argv[0] == VAL_EXCEPTION) return argv[0];
    argv[1] = settled ? closure_new(iso, combinator_element, 1, ELEM_SETTLED_REJECTED, el) : cap->reject;
    if (argv[1] == VAL_EXCEPTION) return argv[1];
    rec_set(shared, CS_REMAINING, val_from_int(val_to_int(rec_get(shared, CS_REMAINING)) + 1));
    if (invoke_then(iso, next_promise, 2, argv) == VAL_EXCEPTION) return VAL_EXCEPTION;
    index++;
  }
  int32_t remaining = val_to_int(rec_get(shared, CS_REMAINING)) - 1;
  rec_set(shared, CS_REMAINING, val_from_int(remaining));
  if (remaining == 0 && combinator_finish(iso, shared, false) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return cap->promise;
}

static Value promise_combinator(Isolate *iso, const CallArgs *args) {
  Combinator kind = (Combinator)function_magic(args->callee);
  Value c = args->this_val;
  Capability cap;
  if (new_capability(iso, c, &cap) < 0) return VAL_EXCEPTION;
  /* GetPromiseResolve(C) */
  Value resolve_fn = rt_get(iso, c, NAME(iso, resolve));
  if (resolve_fn == VAL_EXCEPTION) return reject_with_pending(iso, &cap);
  if (!val_is_callable(resolve_fn)) {
    rt_throw_type_error(iso, "Promise resolve or reject function is not callable");
    return reject_with_pending(iso, &cap);
  }
  if (kind == COMB_ALL_KEYED || kind == COMB_ALL_SETTLED_KEYED) {
    Value promises = call_arg(args, 0);
    if (!val_is_object(promises)) {
      rt_throw_type_error(iso, "%s called on a non-object", kind == COMB_ALL_KEYED ? "Promise.allKeyed" : "Promise.allSettledKeyed");
      return reject_with_pending(iso, &cap);
    }
    Value r = perform_keyed(iso, kind == COMB_ALL_SETTLED_KEYED, promises, c, &cap, resolve_fn);
    return r == VAL_EXCEPTION ? reject_with_pending(iso, &cap) : r;
  }
  IteratorRecord it;
  if (builtins_get_iterator(iso, call_arg(args, 0), false, &it) < 0) return reject_with_pending(iso, &cap);
  Value result = perform_combinator(iso, kind, &it, c, &cap, resolve_fn);
  if (result == VAL_EXCEPTION) {
    if (!it.done) builtins_iterator_close(iso, it.iterator, true);
    return reject_with_pending(iso, &cap);
  }
  return result;
}

/* ---- Installation ------------------------------------------------------------------------- */

int builtins_install_promise(Isolate *iso, Realm *realm) {
  heap_register_type(IT_PROMISE_REACTION, record_size, record_visit, NULL);
  heap_register_type(IT_JS_PROMISE, obj_js_object_size, obj_visit_js_object, NULL);
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "Promise", promise_constructor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_PROMISE], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_PROMISE_PROTOTYPE], proto);

  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } statics[] = {
      {"all", promise_combinator, 1, COMB_ALL},
      {"allSettled", promise_combinator, 1, COMB_ALL_SETTLED},
      {"allKeyed", promise_combinator, 1, COMB_ALL_KEYED},
      {"allSettledKeyed", promise_combinator, 1, COMB_ALL_SETTLED_KEYED},
      {"any", promise_combinator, 1, COMB_ANY},
      {"race", promise_combinator, 1, COMB_RACE},
      {"reject", promise_static_reject, 1, 0},
      {"resolve", promise_static_resolve, 1, 0},
      {"try", promise_static_try, 1, 0},
      {"withResolvers", promise_static_with_resolvers, 0, 0},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(statics); i++)
    if (builtins_def_method(iso, ctor, statics[i].name, statics[i].fn, statics[i].length, statics[i].magic) ==
        VAL_EXCEPTION)
      return -1;
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), promise_species, NULL,
                          ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;

  if (builtins_def_method(iso, proto, "then", promise_proto_then, 2, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "catch", promise_proto_catch, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "finally", promise_proto_finally, 1, 0) == VAL_EXCEPTION)
    return -1;
  Value tag = str_from_cstr(iso, "Promise");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
