/*
 * Arguments objects (ECMA-262 10.4.4). Unmapped ones are ordinary objects of type
 * IT_JS_ARGUMENTS. Mapped ones (sloppy functions with simple parameter lists) alias the
 * parameters, which the scope analysis puts in context slots for exactly this reason: `map`
 * gives, per argument index, the context slot of its parameter, or the hole once unmapped.
 */
#include "interpreter/interp-runtime.h"
#include "execution/realm.h"
#include "objects/object-ops.h"

typedef struct JSMappedArguments {
  JSObject base;
  Value context; /* the function context holding the parameters */
  Value map;     /* FeedbackVector: context slot (int) per index, or VAL_HOLE */
} JSMappedArguments;

static JSMappedArguments *margs(Value v) { return (JSMappedArguments *)val_to_ptr(v); }

/* The context slot of key when it is mapped, else -1. */
static int mapped_slot(Value obj, Value key) {
  if (!key_is_index(key)) return -1;
  uint32_t i = key_to_index(key);
  Value mv = margs(obj)->map;
  if (!val_is_pointer(mv)) return -1;
  FeedbackVector *m = (FeedbackVector *)val_to_ptr(mv);
  if (i >= (uint32_t)m->length || !val_is_int(m->slots[i])) return -1;
  return val_to_int(m->slots[i]);
}
static void unmap(Value obj, Value key) {
  FeedbackVector *m = (FeedbackVector *)val_to_ptr(margs(obj)->map);
  m->slots[key_to_index(key)] = VAL_HOLE;
}
static Value *slot_ptr(Value obj, int slot) { return context_slot_ptr(margs(obj)->context, slot); }

static int margs_get_own(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  int r = ordinary_get_own_property(iso, obj, key, out);
  if (r <= 0) return r;
  int s = mapped_slot(obj, key);
  if (s >= 0) out->value = *slot_ptr(obj, s);
  return 1;
}

static int margs_define_own(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  int s = mapped_slot(obj, key);
  PropertyDescriptor d = *desc;
  if (s >= 0 && desc_is_data(desc) && !desc->has_value && desc->has_writable && !desc->writable) {
    d.value = *slot_ptr(obj, s);
    d.has_value = true;
  }
  int r = ordinary_define_own_property(iso, obj, key, &d);
  if (r <= 0) return r;
  if (s >= 0) {
    if (desc_is_accessor(desc)) {
      unmap(obj, key);
    } else {
      if (desc->has_value) WRITE_FIELD(val_to_ptr(margs(obj)->context), *slot_ptr(obj, s), desc->value);
      if (desc->has_writable && !desc->writable) unmap(obj, key);
    }
  }
  return 1;
}

static Value margs_get(Isolate *iso, Value obj, Value key, Value receiver) {
  int s = mapped_slot(obj, key);
  if (s < 0) return ordinary_get(iso, obj, key, receiver);
  return *slot_ptr(obj, s);
}

static int margs_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  int s = receiver == obj ? mapped_slot(obj, key) : -1;
  if (s >= 0) WRITE_FIELD(val_to_ptr(margs(obj)->context), *slot_ptr(obj, s), value);
  return ordinary_set(iso, obj, key, value, receiver);
}

static int margs_delete(Isolate *iso, Value obj, Value key) {
  int r = ordinary_delete(iso, obj, key);
  if (r > 0 && mapped_slot(obj, key) >= 0) unmap(obj, key);
  return r;
}

static const ObjectOps mapped_arguments_ops = {
    .get_prototype_of = ordinary_get_prototype_of,
    .set_prototype_of = ordinary_set_prototype_of,
    .is_extensible = ordinary_is_extensible,
    .prevent_extensions = ordinary_prevent_extensions,
    .get_own_property = margs_get_own,
    .define_own_property = margs_define_own,
    .has_property = ordinary_has_property,
    .get = margs_get,
    .set = margs_set,
    .delete_ = margs_delete,
    .own_property_keys = ordinary_own_property_keys,
};

void arguments_register_types(void) {
  heap_register_type(IT_JS_ARGUMENTS, obj_js_object_size, obj_visit_js_object, NULL);
  heap_register_type(IT_JS_MAPPED_ARGUMENTS, obj_js_object_size, obj_visit_js_object, NULL);
  object_register_ops(IT_JS_MAPPED_ARGUMENTS, &mapped_arguments_ops);
}

/* A mapped arguments object: param_map (from the SharedFunctionInfo) gives the context slot of
 * each parameter; indices below both argc and the parameter count are mapped. */
Value arguments_new_mapped(Isolate *iso, Value context, Value param_map, int argc) {
  FeedbackVector *pm = (FeedbackVector *)val_to_ptr(param_map);
  int n = argc < pm->length ? argc : pm->length;
  Value map = feedback_vector_new(iso, n);
  if (map == VAL_EXCEPTION) return map;
  pm = (FeedbackVector *)val_to_ptr(param_map);
  FeedbackVector *m = (FeedbackVector *)val_to_ptr(map);
  for (int i = 0; i < n; i++) m->slots[i] = pm->slots[i];
  Value obj = obj_new_with_type(iso, IT_JS_MAPPED_ARGUMENTS, sizeof(JSMappedArguments),
                                intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE));
  if (obj == VAL_EXCEPTION) return obj;
  WRITE_FIELD(val_to_ptr(obj), margs(obj)->context, context);
  WRITE_FIELD(val_to_ptr(obj), margs(obj)->map, map);
  return obj;
}
