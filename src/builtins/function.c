/*
 * The Function constructor and Function.prototype (ECMA-262 20.2), and %ThrowTypeError%.
 * realm_new created the bare %Function.prototype% (a native function returning undefined).
 */
#include "builtins/object-helpers.h"
#include "interpreter/compiler.h"
#include "interpreter/interp-runtime.h"
#include "objects/js-function.h"

#include <stdio.h>
#include <stdlib.h>

static Value function_ctor(Isolate *iso, const CallArgs *args) {
  Value nt = val_is_undefined(args->new_target) ? args->callee : args->new_target;
  return compiler_create_dynamic_function(iso, 0, args->argc, args->argv, nt);
}

static Value throw_not_function(Isolate *iso, const char *method, Value v) {
  char buf[128];
  Value t = rt_typeof(iso, v);
  char tbuf[32] = "object";
  if (t != VAL_EXCEPTION) {
    size_t n;
    char *u = str_to_utf8(iso, t, &n);
    if (u) {
      snprintf(tbuf, sizeof tbuf, "%s", u);
      free(u);
    }
  }
  return rt_throw_type_error(iso, "%s was called on %s, which is %s and not a function", method,
                             builtins_describe(iso, v, buf, sizeof buf), tbuf);
}

/* Calls fn with the elements of an array-like as arguments (apply, Reflect.apply). The argument
 * vector lives on the C stack so the conservative scan keeps the values alive and pinned. */
Value builtins_call_with_array_like(Isolate *iso, Value fn, Value this_val, Value array_like,
                                    Value new_target, bool construct) {
  if (!val_is_object(array_like)) return rt_throw_type_error(iso, "CreateListFromArrayLike called on non-object");
  double len;
  if (rt_length_of_array_like(iso, array_like, &len) < 0) return VAL_EXCEPTION;
  /* Keep the vector well inside the stack: V8 also refuses huge argument counts. */
  uintptr_t sp = (uintptr_t)&len;
  if (len > 1000000 || sp - (uintptr_t)len * sizeof(Value) < iso->stack_limit + 256 * 1024)
    return rt_throw_range_error(iso, "Maximum call stack size exceeded");
  uint32_t n = (uint32_t)len;
  Value argv[n ? n : 1];
  for (uint32_t i = 0; i < n; i++) argv[i] = VAL_UNDEFINED;
  for (uint32_t i = 0; i < n; i++) {
    Value v = obj_get(iso, array_like, key_from_index(i), array_like);
    if (v == VAL_EXCEPTION) return v;
    argv[i] = v;
  }
  if (construct) return rt_construct(iso, fn, (int)n, argv, new_target);
  return rt_call(iso, fn, this_val, (int)n, argv);
}

static Value proto_apply(Isolate *iso, const CallArgs *args) {
  Value fn = args->this_val;
  if (!val_is_callable(fn)) return throw_not_function(iso, "Function.prototype.apply", fn);
  Value arr = call_arg(args, 1);
  if (val_is_nullish(arr)) return rt_call(iso, fn, call_arg(args, 0), 0, NULL);
  return builtins_call_with_array_like(iso, fn, call_arg(args, 0), arr, VAL_UNDEFINED, false);
}

static Value proto_bind(Isolate *iso, const CallArgs *args) {
  Value target = args->this_val;
  if (!val_is_callable(target)) return rt_throw_type_error(iso, "Bind must be called on a function");
  int n = args->argc > 1 ? args->argc - 1 : 0;
  return function_bind(iso, target, call_arg(args, 0), n, n ? args->argv + 1 : NULL);
}

static Value proto_call(Isolate *iso, const CallArgs *args) {
  Value fn = args->this_val;
  if (!val_is_callable(fn)) return throw_not_function(iso, "Function.prototype.call", fn);
  int n = args->argc > 1 ? args->argc - 1 : 0;
  return rt_call(iso, fn, call_arg(args, 0), n, n ? args->argv + 1 : NULL);
}

static Value proto_to_string(Isolate *iso, const CallArgs *args) {
  Value fn = args->this_val;
  if (!val_is_callable(fn))
    return rt_throw_type_error(iso, "Function.prototype.toString requires that 'this' be a Function");
  return compiler_function_source_text(iso, fn);
}

static Value proto_has_instance(Isolate *iso, const CallArgs *args) {
  int r = rt_ordinary_has_instance(iso, args->this_val, call_arg(args, 0));
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

/* ---- legacy `caller` and `arguments` of sloppy functions (V8's behaviour) ----
 * f.caller is the function that called f's most recent activation still running, skipping eval
 * code; null when f is not running, or when that caller is not a sloppy ordinary function
 * (strict and top-level code, arrows, methods, generators, async functions are never revealed). f.arguments is a fresh arguments object of that activation, or
 * null. Built-ins have no interpreter frames, so a caller reached through one (a callback of
 * Array.prototype.map) is the JavaScript function below it. */
static InterpFrame *latest_activation(Isolate *iso, Value fn) {
  Interpreter *in = iso->interpreter;
  for (InterpFrame *f = in ? in->top : NULL; f; f = f->parent)
    if (f->function == fn) return f;
  return NULL;
}

static Value sloppy_function_caller(Isolate *iso, const CallArgs *args) {
  InterpFrame *f = latest_activation(iso, args->this_val);
  for (InterpFrame *c = f ? f->parent : NULL; c; c = c->parent) {
    uint32_t flags = sfi_of(js_function(c->function)->shared)->flags;
    if (flags & SFI_EVAL) continue;
    /* only a sloppy ordinary function is revealed (the legacy reflection proposal's rule): not
     * strict or top-level code, an arrow, a method, a generator or an async function */
    if (flags & (SFI_TOPLEVEL | SFI_STRICT | SFI_ARROW | SFI_METHOD | SFI_GENERATOR | SFI_ASYNC | SFI_CLASS_CONSTRUCTOR))
      return VAL_NULL;
    return c->function;
  }
  return VAL_NULL;
}

static Value sloppy_function_arguments(Isolate *iso, const CallArgs *args) {
  InterpFrame *f = latest_activation(iso, args->this_val);
  return f ? interp_create_arguments(iso, f, false) : VAL_NULL;
}

static Value throw_type_error_fn(Isolate *iso, const CallArgs *args) {
  return rt_throw_type_error(iso, "'caller', 'callee', and 'arguments' properties may not be accessed on "
                                  "strict mode functions or the arguments objects for calls to them");
}

int builtins_install_function(Isolate *iso, Realm *realm) {
  Value proto = realm->intrinsics[INTRINSIC_FUNCTION_PROTOTYPE];
  Value ctor = builtins_make_constructor(iso, realm, "Function", function_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_FUNCTION], ctor);

  if (builtins_def_method(iso, proto, "apply", proto_apply, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "bind", proto_bind, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "call", proto_call, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "toString", proto_to_string, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method_key(iso, proto, sym_well_known(iso, WKS_HAS_INSTANCE), proto_has_instance, 1, 0,
                              0) == VAL_EXCEPTION)
    return -1;

  /* %ThrowTypeError%: unique per realm, frozen name/length, non-extensible. */
  Value tte = function_new_native(iso, NAME(iso, empty), 0, throw_type_error_fn, 0, 0);
  if (tte == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, tte, NAME(iso, length), val_from_int(0), 0) < 0) return -1;
  if (rt_define_data(iso, tte, NAME(iso, name), NAME(iso, empty), 0) < 0) return -1;
  if (obj_prevent_extensions(iso, tte) < 0) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_THROW_TYPE_ERROR], tte);
  if (rt_define_accessor(iso, proto, NAME(iso, caller), tte, tte, ATTR_CONFIGURABLE) < 0) return -1;
  if (rt_define_accessor(iso, proto, NAME(iso, arguments), tte, tte, ATTR_CONFIGURABLE) < 0) return -1;
  /* The own `caller` / `arguments` accessors of sloppy functions (shared pairs). */
  static const struct { const char *name; NativeFunction getter; Intrinsic slot; } legacy[] = {
      {"get caller", sloppy_function_caller, INTRINSIC_SLOPPY_CALLER_ACCESSOR},
      {"get arguments", sloppy_function_arguments, INTRINSIC_SLOPPY_ARGUMENTS_ACCESSOR},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(legacy); i++) {
    Value name = str_intern_cstr(iso, legacy[i].name);
    if (name == VAL_EXCEPTION) return -1;
    Value getter = function_new_native(iso, name, 0, legacy[i].getter, 0, 0);
    if (getter == VAL_EXCEPTION) return -1;
    Value pair = accessor_pair_new(iso, getter, VAL_UNDEFINED);
    if (pair == VAL_EXCEPTION) return -1;
    WRITE_FIELD(realm, realm->intrinsics[legacy[i].slot], pair);
  }
  return 0;
}
