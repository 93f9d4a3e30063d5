/* The Boolean constructor and Boolean.prototype (ECMA-262 20.3). */
#include "builtins/object-helpers.h"
#include "objects/js-object.h"

/* A wrapper object for `primitive` whose [[Prototype]] is proto (OrdinaryCreateFromConstructor
 * with a [[BooleanData]]/[[StringData]]... slot). */
Value builtins_new_wrapper(Isolate *iso, Value primitive, Value proto) {
  Value w = obj_new_primitive_wrapper(iso, primitive);
  if (w == VAL_EXCEPTION) return w;
  Value cur = obj_get_prototype_of(iso, w);
  if (cur == VAL_EXCEPTION) return cur;
  if (cur != proto && obj_set_prototype_of(iso, w, proto) < 0) return VAL_EXCEPTION;
  return w;
}

Value builtins_wrapper_value(Value obj) {
  if (!val_is_pointer(obj) || val_instance_type(obj) != IT_JS_PRIMITIVE_WRAPPER) return VAL_HOLE;
  return ((JSPrimitiveWrapper *)val_to_ptr(obj))->value;
}

static Value boolean_ctor(Isolate *iso, const CallArgs *args) {
  Value b = val_from_bool(rt_to_boolean(call_arg(args, 0)));
  if (val_is_undefined(args->new_target)) return b;
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_BOOLEAN_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return builtins_new_wrapper(iso, b, proto);
}

static Value this_boolean(Isolate *iso, Value v, const char *method) {
  if (val_is_bool(v)) return v;
  Value p = builtins_wrapper_value(v);
  if (val_is_bool(p)) return p;
  return rt_throw_type_error(iso, "%s requires that 'this' be a Boolean", method);
}

static Value boolean_to_string(Isolate *iso, const CallArgs *args) {
  Value b = this_boolean(iso, args->this_val, "Boolean.prototype.toString");
  if (b == VAL_EXCEPTION) return b;
  return b == VAL_TRUE ? NAME(iso, true_) : NAME(iso, false_);
}

static Value boolean_value_of(Isolate *iso, const CallArgs *args) {
  return this_boolean(iso, args->this_val, "Boolean.prototype.valueOf");
}

int builtins_install_boolean(Isolate *iso, Realm *realm) {
  /* Boolean.prototype is itself a Boolean object whose [[BooleanData]] is false. */
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_BOOLEAN_PROTOTYPE],
              realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]); /* the wrapper's [[Prototype]] */
  Value proto = obj_new_primitive_wrapper(iso, VAL_FALSE);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_BOOLEAN_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Boolean", boolean_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_BOOLEAN], ctor);
  if (builtins_def_method(iso, proto, "toString", boolean_to_string, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "valueOf", boolean_value_of, 0, 0) == VAL_EXCEPTION) return -1;
  return 0;
}
