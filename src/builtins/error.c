/*
 * Error and the NativeError constructors, AggregateError, and their prototypes (ECMA-262 20.5).
 * rt_new_error (runtime) relies on the *_PROTOTYPE intrinsics set here.
 */
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "interpreter/stack-trace.h"
#include "objects/js-function.h"

static const char *const kErrorNames[] = {
    [ERR_ERROR] = "Error",           [ERR_EVAL] = "EvalError",   [ERR_RANGE] = "RangeError",
    [ERR_REFERENCE] = "ReferenceError", [ERR_SYNTAX] = "SyntaxError", [ERR_TYPE] = "TypeError",
    [ERR_URI] = "URIError",          [ERR_AGGREGATE] = "AggregateError",
};

static const Intrinsic kProtoIntrinsic[] = {
    [ERR_ERROR] = INTRINSIC_ERROR_PROTOTYPE,         [ERR_EVAL] = INTRINSIC_EVAL_ERROR_PROTOTYPE,
    [ERR_RANGE] = INTRINSIC_RANGE_ERROR_PROTOTYPE,   [ERR_REFERENCE] = INTRINSIC_REFERENCE_ERROR_PROTOTYPE,
    [ERR_SYNTAX] = INTRINSIC_SYNTAX_ERROR_PROTOTYPE, [ERR_TYPE] = INTRINSIC_TYPE_ERROR_PROTOTYPE,
    [ERR_URI] = INTRINSIC_URI_ERROR_PROTOTYPE,       [ERR_AGGREGATE] = INTRINSIC_AGGREGATE_ERROR_PROTOTYPE,
};

static const Intrinsic kCtorIntrinsic[] = {
    [ERR_ERROR] = INTRINSIC_ERROR,         [ERR_EVAL] = INTRINSIC_EVAL_ERROR,
    [ERR_RANGE] = INTRINSIC_RANGE_ERROR,   [ERR_REFERENCE] = INTRINSIC_REFERENCE_ERROR,
    [ERR_SYNTAX] = INTRINSIC_SYNTAX_ERROR, [ERR_TYPE] = INTRINSIC_TYPE_ERROR,
    [ERR_URI] = INTRINSIC_URI_ERROR,       [ERR_AGGREGATE] = INTRINSIC_AGGREGATE_ERROR,
};

/* InstallErrorCause(O, options). */
static int install_error_cause(Isolate *iso, Value obj, Value options) {
  if (!val_is_object(options)) return 0;
  int has = obj_has_property(iso, options, NAME(iso, cause));
  if (has <= 0) return has;
  Value cause = obj_get(iso, options, NAME(iso, cause), options);
  if (cause == VAL_EXCEPTION) return -1;
  return rt_define_data(iso, obj, NAME(iso, cause), cause, ATTR_BUILTIN);
}

/* Error ( message [ , options ] ) and every NativeError; magic is the ErrorKind. */
static Value error_ctor(Isolate *iso, const CallArgs *args) {
  int kind = function_magic(args->callee);
  Value nt = val_is_undefined(args->new_target) ? args->callee : args->new_target;
  Value proto = rt_prototype_from_constructor(iso, nt, (int)kProtoIntrinsic[kind]);
  if (proto == VAL_EXCEPTION) return proto;
  Value obj = obj_new_with_type(iso, IT_JS_ERROR, sizeof(JSObject), proto);
  if (obj == VAL_EXCEPTION) return obj;
  int a = kind == ERR_AGGREGATE ? 1 : 0;
  Value message = call_arg(args, a);
  if (!val_is_undefined(message)) {
    Value msg = rt_to_string(iso, message);
    if (msg == VAL_EXCEPTION) return msg;
    if (rt_define_data(iso, obj, NAME(iso, message), msg, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  }
  if (install_error_cause(iso, obj, call_arg(args, a + 1)) < 0) return VAL_EXCEPTION;
  if (kind == ERR_AGGREGATE) {
    Value list = builtins_iterable_to_list(iso, call_arg(args, 0));
    if (list == VAL_EXCEPTION) return list;
    if (rt_define_data(iso, obj, NAME(iso, errors), list, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  }
  /* V8 gives every error an own `stack` string, captured when the error is made (stack-trace.c:
   * Error.stackTraceLimit, Error.prepareStackTrace). */
  Value stack = stack_trace_capture(iso, obj, VAL_UNDEFINED);
  if (stack == VAL_EXCEPTION) return stack;
  if (rt_define_data(iso, obj, NAME(iso, stack), stack, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  return obj;
}

static Value error_proto_to_string(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!val_is_object(o)) {
    return builtins_throw_incompatible_receiver(iso, "Error.prototype.toString", o);
  }
  Value name = obj_get(iso, o, NAME(iso, name), o);
  if (name == VAL_EXCEPTION) return name;
  name = val_is_undefined(name) ? str_intern_cstr(iso, "Error") : rt_to_string(iso, name);
  if (name == VAL_EXCEPTION) return name;
  Value msg = obj_get(iso, o, NAME(iso, message), o);
  if (msg == VAL_EXCEPTION) return msg;
  msg = val_is_undefined(msg) ? NAME(iso, empty) : rt_to_string(iso, msg);
  if (msg == VAL_EXCEPTION) return msg;
  if (str_length(name) == 0) return msg;
  if (str_length(msg) == 0) return name;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_string(&sb, name);
  sb_append_cstr(&sb, ": ");
  sb_append_string(&sb, msg);
  return sb_finish(&sb);
}

/* Error.isError(arg): does arg have an [[ErrorData]] slot (ES2026; test262 covers it). */
static Value error_is_error(Isolate *iso, const CallArgs *args) {
  Value v = call_arg(args, 0);
  return val_from_bool(val_is_pointer(v) && val_instance_type(v) == IT_JS_ERROR);
}

/* Error.captureStackTrace(targetObject[, constructorOpt]) (V8): gives targetObject an own `stack`
 * data property with the current stack, leaving out the frames up to and including the topmost
 * call of constructorOpt. */
static Value error_capture_stack_trace(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return rt_throw_type_error(iso, "invalid_argument");
  Value stack = stack_trace_capture(iso, obj, call_arg(args, 1));
  if (stack == VAL_EXCEPTION) return stack;
  PropertyDescriptor d;
  memset(&d, 0, sizeof d);
  d.value = stack;
  d.has_value = d.has_writable = d.has_enumerable = d.has_configurable = true;
  d.writable = d.configurable = true;
  int ok = obj_define_own_property(iso, obj, NAME(iso, stack), &d);
  if (ok < 0) return VAL_EXCEPTION;
  if (!ok) return rt_throw_type_error(iso, "Cannot define property stack, object is not extensible");
  return VAL_UNDEFINED;
}

int builtins_install_error(Isolate *iso, Realm *realm) {
  Value error_ctor_v = VAL_UNDEFINED, error_proto = VAL_UNDEFINED;
  for (int kind = ERR_ERROR; kind <= ERR_AGGREGATE; kind++) {
    bool base = kind == ERR_ERROR;
    Value proto = obj_new(iso, base ? realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE] : error_proto);
    if (proto == VAL_EXCEPTION) return -1;
    Value key = key_from_cstr(iso, kErrorNames[kind]);
    if (key == VAL_EXCEPTION) return -1;
    int length = kind == ERR_AGGREGATE ? 2 : 1;
    Value ctor = base ? function_new_native(iso, key, length, error_ctor, kind, NATIVE_CONSTRUCTOR)
                      : function_new_native_with_proto(iso, key, length, error_ctor, kind, FUNC_CONSTRUCTOR,
                                                       error_ctor_v);
    if (ctor == VAL_EXCEPTION) return -1;
    if (rt_define_data(iso, ctor, NAME(iso, prototype), proto, 0) < 0) return -1;
    if (rt_define_data(iso, proto, NAME(iso, constructor), ctor, ATTR_BUILTIN) < 0) return -1;
    if (rt_define_data(iso, realm->global_object, key, ctor, ATTR_BUILTIN) < 0) return -1;
    if (rt_define_data(iso, proto, NAME(iso, name), str_intern_cstr(iso, kErrorNames[kind]), ATTR_BUILTIN) < 0)
      return -1;
    if (rt_define_data(iso, proto, NAME(iso, message), NAME(iso, empty), ATTR_BUILTIN) < 0) return -1;
    if (base) {
      if (builtins_def_method(iso, proto, "toString", error_proto_to_string, 0, 0) == VAL_EXCEPTION) return -1;
      if (builtins_def_method(iso, ctor, "isError", error_is_error, 1, 0) == VAL_EXCEPTION) return -1;
      if (builtins_def_method(iso, ctor, "captureStackTrace", error_capture_stack_trace, 2, 0) == VAL_EXCEPTION)
        return -1;
      /* V8's default, an ordinary (enumerable) data property read at each capture. */
      Value limit_key = key_from_cstr(iso, "stackTraceLimit");
      if (limit_key == VAL_EXCEPTION) return -1;
      if (rt_define_data(iso, ctor, limit_key, val_from_int(10), ATTR_DEFAULT) < 0) return -1;
      if (builtins_install_call_site(iso, realm) < 0) return -1;
      error_ctor_v = ctor;
      error_proto = proto;
    }
    WRITE_FIELD(realm, realm->intrinsics[kProtoIntrinsic[kind]], proto);
    WRITE_FIELD(realm, realm->intrinsics[kCtorIntrinsic[kind]], ctor);
  }
  return 0;
}
