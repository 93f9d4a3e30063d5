/*
 * DisposeCapability, AddDisposableResource, DisposeResources (sync and async) and
 * SuppressedError: the core the `using` declarations and the DisposableStack classes share.
 *
 * The asynchronous DisposeResources is the spec's loop with its Awaits turned into a state
 * machine: an invisible state object remembers the position in the resource list and the
 * completion so far, and two native continuations resume the loop from promise jobs.
 */
#include "builtins/disposable.h"

#include "builtins/object-helpers.h"
#include "builtins/promise.h"
#include "interpreter/stack-trace.h"
#include "objects/js-function.h"
#include "objects/js-object.h"

/* The kind stored with each resource: the hint in bit 0, how to call the method above it. */
enum { CALL_NONE = 0, CALL_METHOD = 1, CALL_ADOPT = 2, CALL_DEFER = 3, CALL_SYNC_FALLBACK = 4 };
#define KIND(hint, call) val_from_int((int)(hint) | ((call) << 1))

/* ---- SuppressedError ----------------------------------------------------------------------- */

static Value make_suppressed(Isolate *iso, Value proto, Value error, Value suppressed, Value message, bool has_msg) {
  Value obj = obj_new_with_type(iso, IT_JS_ERROR, sizeof(JSObject), proto);
  if (obj == VAL_EXCEPTION) return obj;
  if (has_msg) {
    Value msg = rt_to_string(iso, message);
    if (msg == VAL_EXCEPTION) return msg;
    if (rt_define_data(iso, obj, NAME(iso, message), msg, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  }
  if (builtins_def_value(iso, obj, "error", error, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  if (builtins_def_value(iso, obj, "suppressed", suppressed, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  Value stack = interpreter_capture_stack_trace(iso, obj);
  if (stack == VAL_EXCEPTION) return stack;
  if (rt_define_data(iso, obj, NAME(iso, stack), stack, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  return obj;
}

Value builtins_new_suppressed_error(Isolate *iso, Value error, Value suppressed) {
  return make_suppressed(iso, intrinsic(iso, INTRINSIC_SUPPRESSED_ERROR_PROTOTYPE), error, suppressed,
                         VAL_UNDEFINED, false);
}

/* SuppressedError ( error, suppressed, message ) */
static Value suppressed_error_ctor(Isolate *iso, const CallArgs *args) {
  Value nt = val_is_undefined(args->new_target) ? args->callee : args->new_target;
  Value proto = rt_prototype_from_constructor(iso, nt, INTRINSIC_SUPPRESSED_ERROR_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value message = call_arg(args, 2);
  return make_suppressed(iso, proto, call_arg(args, 0), call_arg(args, 1), message, !val_is_undefined(message));
}

int builtins_install_suppressed_error(Isolate *iso, Realm *realm) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_ERROR_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value key = key_from_cstr(iso, "SuppressedError");
  if (key == VAL_EXCEPTION) return -1;
  Value ctor = function_new_native_with_proto(iso, key, 3, suppressed_error_ctor, 0, FUNC_CONSTRUCTOR,
                                              realm->intrinsics[INTRINSIC_ERROR]);
  if (ctor == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, ctor, NAME(iso, prototype), proto, 0) < 0) return -1;
  if (rt_define_data(iso, proto, NAME(iso, constructor), ctor, ATTR_BUILTIN) < 0) return -1;
  if (rt_define_data(iso, realm->global_object, key, ctor, ATTR_BUILTIN) < 0) return -1;
  if (rt_define_data(iso, proto, NAME(iso, name), str_intern_cstr(iso, "SuppressedError"), ATTR_BUILTIN) < 0)
    return -1;
  if (rt_define_data(iso, proto, NAME(iso, message), NAME(iso, empty), ATTR_BUILTIN) < 0) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SUPPRESSED_ERROR_PROTOTYPE], proto);
  return 0;
}

/* ---- The resource list --------------------------------------------------------------------- */

Value dispose_capability_new(Isolate *iso) { return array_new(iso, 0); }

static uint32_t list_length(Isolate *iso, Value list) {
  double len = 0;
  Value v = obj_get(iso, list, NAME(iso, length), list);
  if (val_is_number(v)) len = val_to_number_unchecked(v);
  return (uint32_t)len;
}

uint32_t dispose_capability_count(Isolate *iso, Value cap) { return list_length(iso, cap) / 3; }

static int push_resource(Isolate *iso, Value cap, Value value, Value method, Value kind) {
  uint32_t n = list_length(iso, cap);
  Value items[3] = {value, method, kind};
  for (uint32_t i = 0; i < 3; i++)
    if (rt_create_data_property_or_throw(iso, cap, key_from_index(n + i), items[i]) < 0) return -1;
  return 0;
}

Value dispose_add_resource(Isolate *iso, Value cap, Value value, DisposeHint hint) {
  if (val_is_nullish(value)) {
    /* A sync scope ignores null/undefined; an async one still awaits once at exit. */
    if (hint == DISPOSE_HINT_SYNC) return value;
    return push_resource(iso, cap, VAL_UNDEFINED, VAL_UNDEFINED, KIND(hint, CALL_NONE)) < 0 ? VAL_EXCEPTION
                                                                                            : value;
  }
  char buf[128];
  if (!val_is_object(value))
    return rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, value, buf, sizeof buf));
  /* GetDisposeMethod */
  int call = CALL_METHOD;
  Value method;
  if (hint == DISPOSE_HINT_ASYNC) {
    method = rt_get_method(iso, value, sym_well_known(iso, WKS_ASYNC_DISPOSE));
    if (method == VAL_EXCEPTION) return method;
    if (val_is_undefined(method)) {
      method = rt_get_method(iso, value, sym_well_known(iso, WKS_DISPOSE));
      if (method == VAL_EXCEPTION) return method;
      call = CALL_SYNC_FALLBACK;
    }
  } else {
    method = rt_get_method(iso, value, sym_well_known(iso, WKS_DISPOSE));
    if (method == VAL_EXCEPTION) return method;
  }
  if (val_is_undefined(method))
    return rt_throw_type_error(iso, "%s is not disposable: it has no %s method",
                               builtins_describe(iso, value, buf, sizeof buf),
                               hint == DISPOSE_HINT_ASYNC ? "[Symbol.asyncDispose] or [Symbol.dispose]"
                                                          : "[Symbol.dispose]");
  return push_resource(iso, cap, value, method, KIND(hint, call)) < 0 ? VAL_EXCEPTION : value;
}

int dispose_add_callback(Isolate *iso, Value cap, Value value, Value fn, DisposeHint hint) {
  if (value == VAL_HOLE) return push_resource(iso, cap, VAL_UNDEFINED, fn, KIND(hint, CALL_DEFER));
  return push_resource(iso, cap, value, fn, KIND(hint, CALL_ADOPT));
}

/* Calls one resource's dispose method (the spec's Dispose(V, hint, method)). */
static Value call_resource(Isolate *iso, Value value, Value method, int call) {
  switch (call) {
  case CALL_ADOPT: return rt_call(iso, method, VAL_UNDEFINED, 1, &value);
  case CALL_DEFER: return rt_call(iso, method, VAL_UNDEFINED, 0, NULL);
  default: return rt_call(iso, method, value, 0, NULL);
  }
}

/* The disposal error `e` joins the completion so far (DisposeResources step 3.e.iii). Returns
 * -1 when the error cannot be handled (termination, or out of memory making the SuppressedError). */
static int merge_error(Isolate *iso, bool *throwing, Value *completion, Value e) {
  if (*throwing) {
    Value s = builtins_new_suppressed_error(iso, e, *completion);
    if (s == VAL_EXCEPTION) return -1;
    *completion = s;
  } else {
    *completion = e;
    *throwing = true;
  }
  return 0;
}

/* Takes a pending disposal error unless it is termination (which must keep unwinding). */
static bool take_error(Isolate *iso, Value *out) {
  if (isolate_is_termination(iso, iso->pending_exception)) return false;
  *out = isolate_take_exception(iso);
  return true;
}

Value dispose_resources_sync(Isolate *iso, Value cap, bool throwing, Value completion) {
  uint32_t n = dispose_capability_count(iso, cap);
  for (uint32_t i = n; i-- > 0;) {
    Value value = builtins_list_get(iso, cap, 3 * i);
    Value method = builtins_list_get(iso, cap, 3 * i + 1);
    int kind = val_to_int(builtins_list_get(iso, cap, 3 * i + 2));
    if ((kind >> 1) == CALL_NONE) continue;
    Value r = call_resource(iso, value, method, kind >> 1);
    if (r == VAL_EXCEPTION) {
      Value e;
      if (!take_error(iso, &e) || merge_error(iso, &throwing, &completion, e) < 0) return VAL_EXCEPTION;
    }
  }
  if (rt_set(iso, cap, NAME(iso, length), val_from_int(0), true) < 0) return VAL_EXCEPTION;
  if (throwing) return isolate_throw(iso, completion);
  return VAL_UNDEFINED;
}

/* ---- Asynchronous disposal ----------------------------------------------------------------- */

typedef struct AsyncDisposeState {
  JSObject base;
  Value cap;          /* the resource list */
  Value index;        /* int: resources [0, index) are still to dispose */
  Value throwing;     /* bool */
  Value completion;   /* the error so far when throwing */
  Value needs_await;  /* bool */
  Value has_awaited;  /* bool */
  Value promise;      /* the promise dispose_resources_async returned */
  Value on_fulfilled; /* the continuations, made once */
  Value on_rejected;
} AsyncDisposeState;

static AsyncDisposeState *state_of(Value callee) {
  return (AsyncDisposeState *)val_to_ptr(js_function(callee)->extra);
}

/* Merges a disposal error into the state's completion. -1 when it cannot (out of memory). */
static int merge_into(Isolate *iso, AsyncDisposeState *s, Value e) {
  bool throwing = s->throwing == VAL_TRUE;
  Value completion = s->completion;
  if (merge_error(iso, &throwing, &completion, e) < 0) return -1;
  s->throwing = val_from_bool(throwing);
  WRITE_FIELD(s, s->completion, completion);
  return 0;
}

/* Same, for the pending exception; -1 for termination. */
static int merge_pending(Isolate *iso, AsyncDisposeState *s) {
  Value e;
  if (!take_error(iso, &e)) return -1;
  return merge_into(iso, s, e);
}

/* Runs the spec's disposal loop up to its next Await: returns 1 with the value to await in *out,
 * 0 when the loop is over, -1 on termination / out of memory. Disposal errors are merged into
 * the state as they happen. */
static int async_next(Isolate *iso, AsyncDisposeState *s, Value *out) {
  for (;;) {
    int index = val_to_int(s->index);
    if (index == 0) break;
    Value cap = s->cap;
    Value value = builtins_list_get(iso, cap, 3 * (uint32_t)(index - 1));
    Value method = builtins_list_get(iso, cap, 3 * (uint32_t)(index - 1) + 1);
    int kind = val_to_int(builtins_list_get(iso, cap, 3 * (uint32_t)(index - 1) + 2));
    int hint = kind & 1, call = kind >> 1;
    if (hint == DISPOSE_HINT_SYNC && s->needs_await == VAL_TRUE && s->has_awaited != VAL_TRUE) {
      /* a sync resource after an `await using` of null: that await comes first */
      s->needs_await = VAL_FALSE;
      *out = VAL_UNDEFINED;
      return 1;
    }
    s->index = val_from_int(index - 1);
    if (call == CALL_NONE) {
      s->needs_await = VAL_TRUE;
      continue;
    }
    Value r = call_resource(iso, value, method, call);
    if (r != VAL_EXCEPTION) {
      if (hint == DISPOSE_HINT_SYNC) continue;
      s->has_awaited = VAL_TRUE;
      /* the @@dispose fallback's wrapper promise resolves to undefined, whatever it returned */
      *out = call == CALL_SYNC_FALLBACK ? VAL_UNDEFINED : r;
      return 1;
    }
    if (call == CALL_SYNC_FALLBACK) {
      /* the wrapper turns the throw into a rejected promise, which is awaited */
      s->has_awaited = VAL_TRUE;
      Value e;
      if (!take_error(iso, &e)) return -1;
      Value p = promise_new(iso);
      if (p == VAL_EXCEPTION || promise_reject_value(iso, p, e) == VAL_EXCEPTION) return -1;
      *out = p;
      return 1;
    }
    if (merge_pending(iso, s) < 0) return -1;
  }
  if (s->needs_await == VAL_TRUE && s->has_awaited != VAL_TRUE) {
    s->needs_await = VAL_FALSE;
    *out = VAL_UNDEFINED;
    return 1;
  }
  return 0;
}

/* Await(v) for the promise-driven form: resumes from a promise job. -1 when PromiseResolve
 * itself threw (pending: the awaited operation's error). */
static int async_await(Isolate *iso, AsyncDisposeState *s, Value v) {
  Value p = promise_resolve(iso, intrinsic(iso, INTRINSIC_PROMISE), v);
  if (p == VAL_EXCEPTION) return -1;
  return promise_then(iso, p, s->on_fulfilled, s->on_rejected, VAL_UNDEFINED) == VAL_EXCEPTION ? -1 : 0;
}

/* The promise-driven form (AsyncDisposableStack.prototype.disposeAsync): runs until it must
 * wait or is done, then settles the promise. VAL_EXCEPTION only for termination / out of memory. */
static Value async_step(Isolate *iso, AsyncDisposeState *s) {
  for (;;) {
    Value v;
    int r = async_next(iso, s, &v);
    if (r < 0) return VAL_EXCEPTION;
    if (r == 0) break;
    if (async_await(iso, s, v) == 0) return VAL_UNDEFINED;
    if (merge_pending(iso, s) < 0) return VAL_EXCEPTION;
  }
  if (rt_set(iso, s->cap, NAME(iso, length), val_from_int(0), true) < 0) return VAL_EXCEPTION;
  Value done = s->throwing == VAL_TRUE ? promise_reject_value(iso, s->promise, s->completion)
                                       : promise_resolve_value(iso, s->promise, VAL_UNDEFINED);
  return done == VAL_EXCEPTION ? done : VAL_UNDEFINED;
}

static Value async_on_fulfilled(Isolate *iso, const CallArgs *args) {
  return async_step(iso, state_of(args->callee));
}

static Value async_on_rejected(Isolate *iso, const CallArgs *args) {
  AsyncDisposeState *s = state_of(args->callee);
  if (merge_into(iso, s, call_arg(args, 0)) < 0) return VAL_EXCEPTION;
  return async_step(iso, s);
}

static Value new_state(Isolate *iso, Value cap, bool throwing, Value completion) {
  Value sv = obj_new_with_type(iso, IT_JS_OBJECT, sizeof(AsyncDisposeState), VAL_NULL);
  if (sv == VAL_EXCEPTION) return sv;
  AsyncDisposeState *s = (AsyncDisposeState *)val_to_ptr(sv);
  WRITE_FIELD(s, s->cap, cap);
  s->index = val_from_int((int)dispose_capability_count(iso, cap));
  s->throwing = val_from_bool(throwing);
  WRITE_FIELD(s, s->completion, completion);
  s->needs_await = VAL_FALSE;
  s->has_awaited = VAL_FALSE;
  s->promise = s->on_fulfilled = s->on_rejected = VAL_UNDEFINED;
  return sv;
}

Value dispose_resources_async(Isolate *iso, Value cap, bool throwing, Value completion) {
  Value promise = promise_new(iso);
  if (promise == VAL_EXCEPTION) return promise;
  Value sv = new_state(iso, cap, throwing, completion);
  if (sv == VAL_EXCEPTION) return sv;
  AsyncDisposeState *s = (AsyncDisposeState *)val_to_ptr(sv);
  WRITE_FIELD(s, s->promise, promise);
  Value f = function_new_native(iso, NAME(iso, empty), 1, async_on_fulfilled, 0, 0);
  if (f == VAL_EXCEPTION) return f;
  WRITE_FIELD(val_to_ptr(f), js_function(f)->extra, sv);
  WRITE_FIELD(s, s->on_fulfilled, f);
  Value r = function_new_native(iso, NAME(iso, empty), 1, async_on_rejected, 0, 0);
  if (r == VAL_EXCEPTION) return r;
  WRITE_FIELD(val_to_ptr(r), js_function(r)->extra, sv);
  WRITE_FIELD(s, s->on_rejected, r);
  if (async_step(iso, s) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return promise;
}

/* ---- Asynchronous disposal driven by bytecode ----------------------------------------------- */

Value dispose_async_begin(Isolate *iso, Value cap, bool throwing, Value completion) {
  if (dispose_capability_count(iso, cap) == 0) return throwing ? isolate_throw(iso, completion) : VAL_UNDEFINED;
  return new_state(iso, cap, throwing, completion);
}

Value dispose_async_step(Isolate *iso, Value state) {
  AsyncDisposeState *s = (AsyncDisposeState *)val_to_ptr(state);
  Value v;
  int r = async_next(iso, s, &v);
  if (r < 0) return VAL_EXCEPTION;
  if (r == 1) return v;
  if (rt_set(iso, s->cap, NAME(iso, length), val_from_int(0), true) < 0) return VAL_EXCEPTION;
  if (s->throwing == VAL_TRUE) return isolate_throw(iso, s->completion);
  return state;
}

Value dispose_async_rejected(Isolate *iso, Value state, Value error) {
  return merge_into(iso, (AsyncDisposeState *)val_to_ptr(state), error) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}
