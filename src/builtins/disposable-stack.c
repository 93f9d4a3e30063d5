/*
 * DisposableStack and AsyncDisposableStack (explicit resource management), plus
 * %IteratorPrototype%[@@dispose] and %AsyncIteratorPrototype%[@@asyncDispose]. Both classes are
 * one C layout with a brand telling them apart; the resource list is a dispose capability
 * (builtins/disposable.c).
 */
#include "builtins/disposable.h"

#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "builtins/promise.h"
#include "objects/js-function.h"
#include "objects/js-object.h"

enum { BRAND_SYNC = 0x44537463, BRAND_ASYNC = 0x41447374 };

typedef struct JSDisposableStack {
  JSObject base;
  Value brand;    /* int BRAND_SYNC or BRAND_ASYNC */
  Value disposed; /* bool: [[DisposableState]] is disposed */
  Value cap;      /* [[DisposeCapability]] */
} JSDisposableStack;

static const char *class_name(int brand) { return brand == BRAND_SYNC ? "DisposableStack" : "AsyncDisposableStack"; }

static JSDisposableStack *stack_of(Value v, int brand) {
  if (!val_is_pointer(v) || val_instance_type(v) != IT_JS_OBJECT) return NULL;
  if (obj_map(v)->inobject_offset < sizeof(JSDisposableStack)) return NULL;
  JSDisposableStack *s = (JSDisposableStack *)val_to_ptr(v);
  return s->brand == val_from_int(brand) ? s : NULL;
}

/* RequireInternalSlot: TypeError for a wrong receiver; the method name is in `what`. */
static JSDisposableStack *require_stack(Isolate *iso, Value v, int brand, const char *what) {
  JSDisposableStack *s = stack_of(v, brand);
  if (!s) {
    char buf[128];
    rt_throw_type_error(iso, "Method %s.prototype.%s called on incompatible receiver %s", class_name(brand), what,
                        builtins_describe(iso, v, buf, sizeof buf));
  }
  return s;
}

static Value throw_disposed(Isolate *iso, int brand) {
  return rt_throw_reference_error(iso, "%s already disposed", class_name(brand));
}

static Value new_stack(Isolate *iso, Value proto, int brand) {
  Value cap = dispose_capability_new(iso);
  if (cap == VAL_EXCEPTION) return cap;
  Value v = obj_new_with_type(iso, IT_JS_OBJECT, sizeof(JSDisposableStack), proto);
  if (v == VAL_EXCEPTION) return v;
  JSDisposableStack *s = (JSDisposableStack *)val_to_ptr(v);
  s->brand = val_from_int(brand);
  s->disposed = VAL_FALSE;
  WRITE_FIELD(s, s->cap, cap);
  return v;
}

/* magic: the brand */
static Value stack_ctor(Isolate *iso, const CallArgs *args) {
  int brand = function_magic(args->callee);
  if (val_is_undefined(args->new_target))
    return rt_throw_type_error(iso, "Constructor %s requires 'new'", class_name(brand));
  Value proto = rt_prototype_from_constructor(iso, args->new_target,
                                              brand == BRAND_SYNC ? INTRINSIC_DISPOSABLE_STACK_PROTOTYPE
                                                                  : INTRINSIC_ASYNC_DISPOSABLE_STACK_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return new_stack(iso, proto, brand);
}

static Value stack_disposed_get(Isolate *iso, const CallArgs *args) {
  JSDisposableStack *s = require_stack(iso, args->this_val, function_magic(args->callee), "disposed");
  return s ? s->disposed : VAL_EXCEPTION;
}

static Value stack_use(Isolate *iso, const CallArgs *args) {
  int brand = function_magic(args->callee);
  JSDisposableStack *s = require_stack(iso, args->this_val, brand, "use");
  if (!s) return VAL_EXCEPTION;
  if (s->disposed == VAL_TRUE) return throw_disposed(iso, brand);
  return dispose_add_resource(iso, s->cap, call_arg(args, 0),
                              brand == BRAND_SYNC ? DISPOSE_HINT_SYNC : DISPOSE_HINT_ASYNC);
}

static Value not_callable(Isolate *iso, Value fn) {
  char buf[128];
  return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
}

static Value stack_adopt(Isolate *iso, const CallArgs *args) {
  int brand = function_magic(args->callee);
  JSDisposableStack *s = require_stack(iso, args->this_val, brand, "adopt");
  if (!s) return VAL_EXCEPTION;
  if (s->disposed == VAL_TRUE) return throw_disposed(iso, brand);
  Value value = call_arg(args, 0), fn = call_arg(args, 1);
  if (!val_is_callable(fn)) return not_callable(iso, fn);
  if (dispose_add_callback(iso, s->cap, value, fn, brand == BRAND_SYNC ? DISPOSE_HINT_SYNC : DISPOSE_HINT_ASYNC) < 0)
    return VAL_EXCEPTION;
  return value;
}

static Value stack_defer(Isolate *iso, const CallArgs *args) {
  int brand = function_magic(args->callee);
  JSDisposableStack *s = require_stack(iso, args->this_val, brand, "defer");
  if (!s) return VAL_EXCEPTION;
  if (s->disposed == VAL_TRUE) return throw_disposed(iso, brand);
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return not_callable(iso, fn);
  if (dispose_add_callback(iso, s->cap, VAL_HOLE, fn, brand == BRAND_SYNC ? DISPOSE_HINT_SYNC : DISPOSE_HINT_ASYNC) < 0)
    return VAL_EXCEPTION;
  return VAL_UNDEFINED;
}

static Value stack_move(Isolate *iso, const CallArgs *args) {
  int brand = function_magic(args->callee);
  JSDisposableStack *s = require_stack(iso, args->this_val, brand, "move");
  if (!s) return VAL_EXCEPTION;
  if (s->disposed == VAL_TRUE) return throw_disposed(iso, brand);
  Value proto = intrinsic(iso, brand == BRAND_SYNC ? INTRINSIC_DISPOSABLE_STACK_PROTOTYPE
                                                    : INTRINSIC_ASYNC_DISPOSABLE_STACK_PROTOTYPE);
  Value nv = new_stack(iso, proto, brand);
  if (nv == VAL_EXCEPTION) return nv;
  Value empty = dispose_capability_new(iso);
  if (empty == VAL_EXCEPTION) return empty;
  JSDisposableStack *n = (JSDisposableStack *)val_to_ptr(nv);
  WRITE_FIELD(n, n->cap, s->cap);
  WRITE_FIELD(s, s->cap, empty);
  s->disposed = VAL_TRUE;
  return nv;
}

static Value stack_dispose(Isolate *iso, const CallArgs *args) {
  JSDisposableStack *s = require_stack(iso, args->this_val, BRAND_SYNC, "dispose");
  if (!s) return VAL_EXCEPTION;
  if (s->disposed == VAL_TRUE) return VAL_UNDEFINED;
  s->disposed = VAL_TRUE;
  return dispose_resources_sync(iso, s->cap, false, VAL_UNDEFINED);
}

/* A promise of the current realm rejected with the pending exception (IfAbruptRejectPromise). */
static Value reject_pending(Isolate *iso) {
  if (isolate_is_termination(iso, iso->pending_exception)) return VAL_EXCEPTION;
  Value e = isolate_take_exception(iso);
  Value p = promise_new(iso);
  if (p == VAL_EXCEPTION || promise_reject_value(iso, p, e) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return p;
}

static Value stack_dispose_async(Isolate *iso, const CallArgs *args) {
  JSDisposableStack *s = require_stack(iso, args->this_val, BRAND_ASYNC, "disposeAsync");
  if (!s) return reject_pending(iso);
  if (s->disposed == VAL_TRUE) {
    Value p = promise_new(iso);
    if (p == VAL_EXCEPTION || promise_resolve_value(iso, p, VAL_UNDEFINED) == VAL_EXCEPTION) return VAL_EXCEPTION;
    return p;
  }
  s->disposed = VAL_TRUE;
  return dispose_resources_async(iso, s->cap, false, VAL_UNDEFINED);
}

/* %IteratorPrototype%[@@dispose](): calls this.return() if there is one. */
static Value iterator_dispose(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  Value ret = rt_get_method(iso, o, NAME(iso, return_));
  if (ret == VAL_EXCEPTION) return ret;
  if (val_is_undefined(ret)) return VAL_UNDEFINED;
  if (rt_call(iso, ret, o, 0, NULL) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return VAL_UNDEFINED;
}

/* Continuation of %AsyncIteratorPrototype%[@@asyncDispose]: the awaited result is dropped. */
static Value return_undefined(Isolate *iso, const CallArgs *args) {
  PT_UNUSED(iso);
  PT_UNUSED(args);
  return VAL_UNDEFINED;
}

/* %AsyncIteratorPrototype%[@@asyncDispose](): a promise for Await(this.return()) with the value
 * dropped. */
static Value async_iterator_dispose(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  Value ret = rt_get_method(iso, o, NAME(iso, return_));
  if (ret == VAL_EXCEPTION) return reject_pending(iso);
  Value p = promise_new(iso);
  if (p == VAL_EXCEPTION) return p;
  if (val_is_undefined(ret)) return promise_resolve_value(iso, p, VAL_UNDEFINED) == VAL_EXCEPTION ? VAL_EXCEPTION : p;
  Value result = rt_call(iso, ret, o, 0, NULL);
  if (result == VAL_EXCEPTION) return reject_pending(iso);
  Value awaited = promise_resolve(iso, intrinsic(iso, INTRINSIC_PROMISE), result);
  if (awaited == VAL_EXCEPTION) return reject_pending(iso);
  Value unwrap = function_new_native(iso, NAME(iso, empty), 1, return_undefined, 0, 0);
  if (unwrap == VAL_EXCEPTION) return unwrap;
  if (promise_then(iso, awaited, unwrap, VAL_UNDEFINED, p) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return p;
}

static int install_one(Isolate *iso, Realm *realm, int brand) {
  bool sync = brand == BRAND_SYNC;
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, class_name(brand), stack_ctor, 0, brand, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  Value dispose = sync ? builtins_def_method(iso, proto, "dispose", stack_dispose, 0, brand)
                       : builtins_def_method(iso, proto, "disposeAsync", stack_dispose_async, 0, brand);
  if (dispose == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "use", stack_use, 1, brand) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "adopt", stack_adopt, 2, brand) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "defer", stack_defer, 1, brand) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "move", stack_move, 0, brand) == VAL_EXCEPTION) return -1;
  Value getter = builtins_def_getter_named(iso, proto, "disposed", stack_disposed_get);
  if (getter == VAL_EXCEPTION) return -1;
  js_function(getter)->magic = brand; /* the getter reads its brand back through function_magic */
  if (rt_define_data(iso, proto, sym_well_known(iso, sync ? WKS_DISPOSE : WKS_ASYNC_DISPOSE), dispose,
                     ATTR_BUILTIN) < 0)
    return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), str_intern_cstr(iso, class_name(brand)),
                     ATTR_CONFIGURABLE) < 0)
    return -1;
  Intrinsic pi = sync ? INTRINSIC_DISPOSABLE_STACK_PROTOTYPE : INTRINSIC_ASYNC_DISPOSABLE_STACK_PROTOTYPE;
  WRITE_FIELD(realm, realm->intrinsics[pi], proto);
  return 0;
}

int builtins_install_disposable_stack(Isolate *iso, Realm *realm) {
  if (install_one(iso, realm, BRAND_SYNC) < 0 || install_one(iso, realm, BRAND_ASYNC) < 0) return -1;
  if (builtins_def_method_key(iso, realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE],
                              sym_well_known(iso, WKS_DISPOSE), iterator_dispose, 0, 0,
                              ATTR_BUILTIN) == VAL_EXCEPTION)
    return -1;
  if (builtins_def_method_key(iso, realm->intrinsics[INTRINSIC_ASYNC_ITERATOR_PROTOTYPE],
                              sym_well_known(iso, WKS_ASYNC_DISPOSE), async_iterator_dispose, 0, 0,
                              ATTR_BUILTIN) == VAL_EXCEPTION)
    return -1;
  return 0;
}
