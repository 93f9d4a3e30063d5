/* Run-time support for class definitions: DefineClass and instance field initialization. */
#include "interpreter/interp-runtime.h"
#include "execution/realm.h"
#include "objects/names.h"

Value class_define(Isolate *iso, InterpFrame *frame, Value *args, int argc);

/* args: [constructor, heritage (VAL_HOLE when there is no extends clause), out: prototype] */
Value class_define(Isolate *iso, InterpFrame *frame, Value *args, int argc) {
  PT_UNUSED(frame);
  if (argc < 3) return rt_throw_type_error(iso, "DefineClass: bad arguments");
  Value ctor = args[0], heritage = args[1];
  Value proto_parent = intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE);
  Value ctor_parent = intrinsic(iso, INTRINSIC_FUNCTION_PROTOTYPE);
  if (heritage == VAL_NULL) {
    proto_parent = VAL_NULL;
  } else if (heritage != VAL_HOLE) {
    if (!val_is_constructor(heritage))
      return rt_throw_type_error(iso, "Class extends value %s is not a constructor or null",
                                 val_is_object(heritage) ? "#<Object>" : "provided");
    proto_parent = obj_get(iso, heritage, NAME(iso, prototype), heritage);
    if (proto_parent == VAL_EXCEPTION) return proto_parent;
    if (proto_parent != VAL_NULL && !val_is_object(proto_parent))
      return rt_throw_type_error(iso, "Class extends value does not have valid prototype property");
    ctor_parent = heritage;
  }
  if (obj_set_prototype_of(iso, ctor, ctor_parent) < 0) return VAL_EXCEPTION;
  Value proto = obj_new(iso, proto_parent);
  if (proto == VAL_EXCEPTION) return proto;
  if (rt_define_data(iso, ctor, NAME(iso, prototype), proto, 0) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, proto, NAME(iso, constructor), ctor, ATTR_WRITABLE | ATTR_CONFIGURABLE) < 0)
    return VAL_EXCEPTION;
  args[2] = proto;
  return ctor;
}

/* The field list is a JS array of quadruples (kind, key, a, b):
 *   0 public field (a: initializer function or undefined), 1 private field (same),
 *   2 private method (a: the closure), 3 private accessor (a: getter, b: setter).
 * A public field's b is true when its value is an anonymous function named after the key.
 * InitializeInstanceElements adds every private method and accessor first, then defines the
 * fields in order: an initializer may call a private method declared after its field. */
static int read_quad(Isolate *iso, Value list, uint32_t i, Value q[4]) {
  for (int k = 0; k < 4; k++) {
    q[k] = obj_get(iso, list, key_from_index(i + (uint32_t)k), list);
    if (q[k] == VAL_EXCEPTION) return -1;
  }
  return 0;
}

int interp_init_fields(Isolate *iso, Value list, Value obj) {
  uint32_t n = array_length(list);
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i + 3 < n; i += 4) {
      Value q[4];
      if (read_quad(iso, list, i, q) < 0) return -1;
      int kind = val_to_int(q[0]);
      if ((kind >= 2) != (pass == 0)) continue; /* methods in pass 0, fields in pass 1 */
      PropertyDescriptor d;
      if (kind == 2) { /* PrivateMethodOrAccessorAdd: a method is not writable */
        desc_data(&d, q[2], 0);
        if (interp_private_add(iso, obj, q[1], &d) < 0) return -1;
        continue;
      }
      if (kind == 3) {
        desc_init(&d);
        d.has_get = d.has_set = true;
        d.get = q[2];
        d.set = q[3];
        d.has_enumerable = d.has_configurable = true;
        if (interp_private_add(iso, obj, q[1], &d) < 0) return -1;
        continue;
      }
      Value v = VAL_UNDEFINED;
      if (val_is_callable(q[2])) {
        v = rt_call(iso, q[2], obj, 0, NULL);
        if (v == VAL_EXCEPTION) return -1;
      }
      if (kind == 0 && q[3] == VAL_TRUE && val_is_js_function(v) && function_set_name(iso, v, q[1], NULL) < 0)
        return -1; /* NamedEvaluation by the computed key */
      if (kind == 1) { /* PrivateFieldAdd, after the initializer ran */
        desc_data(&d, v, ATTR_WRITABLE);
        if (interp_private_add(iso, obj, q[1], &d) < 0) return -1;
      } else if (rt_create_data_property_or_throw(iso, obj, q[1], v) < 0) {
        return -1;
      }
    }
  }
  return 0;
}
