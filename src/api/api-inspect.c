/*
 * The public API for inspecting values the way debuggers and console.log do: the entries of a
 * Map or Set as an array (V8's Map::AsArray / Set::AsArray), WeakMap/WeakSet tests, the primitive
 * inside a wrapper object (V8's NumberObject::ValueOf and kin) and own property descriptors
 * without running getters (V8's Object::GetOwnPropertyDescriptor).
 */
#include "api/api-internal.h"

#include "builtins/collections.h"
#include "builtins/object-helpers.h"
#include "builtins/object.h"
#include "objects/js-object.h"

static bool inspect_result(Isolate *iso, Realm *saved, Value v, petrel_value **out) {
  api_leave_realm(iso, saved);
  if (v == VAL_EXCEPTION) return api_exception(iso);
  if (out) *out = api_local(iso, v);
  return true;
}

static bool is_type(petrel_value *v, InstanceType t) {
  Value x = api_val(v);
  return val_is_pointer(x) && val_instance_type(x) == t;
}

/* Snapshot of a collection: [k1, v1, k2, v2, ...] for a Map, [k1, k2, ...] for a Set. Reading the
 * table runs no JavaScript. */
static Value collection_entries(Isolate *iso, Value coll, bool with_values) {
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return list;
  FixedArray *t = collection_table(coll);
  uint32_t index = 0;
  Value k, v;
  while (collection_next_entry(&t, &index, &k, &v)) {
    if (array_push(iso, list, k) < 0 || (with_values && array_push(iso, list, v) < 0)) return VAL_EXCEPTION;
  }
  return list;
}

bool petrel_map_as_array(petrel_context *ctx, petrel_value *map, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value r = is_type(map, IT_JS_MAP) ? collection_entries(iso, api_val(map), true)
                                    : rt_throw_type_error(iso, "petrel_map_as_array: not a Map");
  return inspect_result(iso, saved, r, out);
}

bool petrel_set_as_array(petrel_context *ctx, petrel_value *set, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value r = is_type(set, IT_JS_SET) ? collection_entries(iso, api_val(set), false)
                                    : rt_throw_type_error(iso, "petrel_set_as_array: not a Set");
  return inspect_result(iso, saved, r, out);
}

bool petrel_value_is_weak_map(petrel_value *v) { return is_type(v, IT_JS_WEAK_MAP); }
bool petrel_value_is_weak_set(petrel_value *v) { return is_type(v, IT_JS_WEAK_SET); }

petrel_value *petrel_object_wrapped_primitive(petrel_isolate *isolate, petrel_value *obj) {
  Value o = api_val(obj);
  if (!val_is_object(o)) return NULL;
  Value p = builtins_wrapper_value(o);
  return p == VAL_HOLE ? NULL : api_local(api_iso(isolate), p);
}

bool petrel_object_get_own_property_descriptor(petrel_context *ctx, petrel_value *obj, petrel_value *key,
                                               petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value r;
  Value k = val_is_object(api_val(obj)) ? rt_to_property_key(iso, api_val(key))
                                        : rt_throw_type_error(iso, "petrel_object_get_own_property_descriptor: not an object");
  if (k == VAL_EXCEPTION) {
    r = k;
  } else {
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, api_val(obj), k, &d);
    r = found < 0 ? VAL_EXCEPTION : found == 0 ? VAL_UNDEFINED : builtins_from_property_descriptor(iso, &d);
  }
  return inspect_result(iso, saved, r, out);
}
