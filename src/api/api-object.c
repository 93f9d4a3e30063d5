/*
 * The public API: objects (properties by name, symbol and index, attributes, accessors, own
 * names, prototypes, calls), embedder objects with internal fields, arrays and dates.
 */
#include "api/api-internal.h"

#include <math.h>
#include <stdlib.h>

#include "builtins/array-buffer.h"
#include "builtins/date-core.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

#define V(h) api_val(h)

/* ---- Objects ------------------------------------------------------------------------------ */

petrel_value *petrel_object_new(petrel_context *ctx) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value o = obj_new_plain(iso);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, o);
}

/* Converts a key handle; VAL_EXCEPTION on failure. */
static Value api_key(Isolate *iso, petrel_value *key) { return rt_to_property_key(iso, V(key)); }

bool petrel_object_get(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = api_key(iso, key);
  Value r = k == VAL_EXCEPTION ? k : rt_get(iso, V(obj), k);
  return api_result(iso, saved, r, out);
}

bool petrel_object_get_named(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = key_from_cstr(iso, name);
  Value r = k == VAL_EXCEPTION ? k : rt_get(iso, V(obj), k);
  return api_result(iso, saved, r, out);
}

bool petrel_object_get_index(petrel_context *ctx, petrel_value *obj, uint32_t index, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = index == UINT32_MAX ? key_from_cstr(iso, "4294967295") : key_from_index(index);
  Value r = k == VAL_EXCEPTION ? k : rt_get(iso, V(obj), k);
  return api_result(iso, saved, r, out);
}

static bool api_set(petrel_context *ctx, Value obj, Value k, petrel_value *value) {
  Isolate *iso = ctx->iso;
  int r = k == VAL_EXCEPTION ? -1 : rt_set(iso, obj, k, V(value), true);
  return r >= 0;
}

bool petrel_object_set(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value *value) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  bool ok = api_set(ctx, V(obj), api_key(iso, key), value);
  return api_status(iso, saved, ok ? 1 : -1, NULL);
}

bool petrel_object_set_named(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value *value) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  bool ok = api_set(ctx, V(obj), key_from_cstr(iso, name), value);
  return api_status(iso, saved, ok ? 1 : -1, NULL);
}

bool petrel_object_set_index(petrel_context *ctx, petrel_value *obj, uint32_t index, petrel_value *value) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = index == UINT32_MAX ? key_from_cstr(iso, "4294967295") : key_from_index(index);
  bool ok = api_set(ctx, V(obj), k, value);
  return api_status(iso, saved, ok ? 1 : -1, NULL);
}

/* DefinePropertyOrThrow(obj, key, {value, attributes}) for the define calls; -1 with the
 * exception pending. */
int api_define_data(Isolate *iso, Value obj, Value key, Value value, int attributes) {
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "Object.defineProperty called on non-object");
    return -1;
  }
  PropertyDescriptor d;
  memset(&d, 0, sizeof d);
  d.value = value;
  d.get = d.set = VAL_UNDEFINED;
  d.has_value = d.has_writable = d.has_enumerable = d.has_configurable = true;
  d.writable = (attributes & PETREL_PROP_WRITABLE) != 0;
  d.enumerable = (attributes & PETREL_PROP_ENUMERABLE) != 0;
  d.configurable = (attributes & PETREL_PROP_CONFIGURABLE) != 0;
  return rt_define_property_or_throw(iso, obj, key, &d);
}

bool petrel_object_define_named(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value *value,
                                int attributes) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = key_from_cstr(iso, name);
  int r = k == VAL_EXCEPTION ? -1 : api_define_data(iso, V(obj), k, V(value), attributes);
  return api_status(iso, saved, r, NULL);
}

bool petrel_object_has(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = api_key(iso, key);
  int r = -1;
  if (k != VAL_EXCEPTION) r = rt_has_property_op(iso, k, V(obj));
  return api_status(iso, saved, r, out);
}

bool petrel_object_has_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = key_from_cstr(iso, name);
  int r = -1;
  if (k != VAL_EXCEPTION) r = rt_has_property_op(iso, k, V(obj));
  return api_status(iso, saved, r, out);
}

bool petrel_object_has_own_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = key_from_cstr(iso, name);
  int r = -1;
  if (k != VAL_EXCEPTION) {
    Value o = rt_to_object(iso, V(obj));
    if (o != VAL_EXCEPTION) r = rt_has_own_property(iso, o, k);
  }
  return api_status(iso, saved, r, out);
}

bool petrel_object_delete(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = api_key(iso, key);
  int r = -1;
  if (k != VAL_EXCEPTION) {
    Value o = rt_to_object(iso, V(obj));
    if (o != VAL_EXCEPTION) r = obj_delete(iso, o, k);
  }
  return api_status(iso, saved, r, out);
}

bool petrel_object_delete_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = key_from_cstr(iso, name);
  int r = -1;
  if (k != VAL_EXCEPTION) {
    Value o = rt_to_object(iso, V(obj));
    if (o != VAL_EXCEPTION) r = obj_delete(iso, o, k);
  }
  return api_status(iso, saved, r, out);
}

/* EnumerableOwnProperties(O, key). */
static Value api_enumerable_keys(Isolate *iso, Value obj) {
  Value o = rt_to_object(iso, obj);
  if (o == VAL_EXCEPTION) return o;
  Value keys = obj_own_property_keys(iso, o);
  if (keys == VAL_EXCEPTION) return keys;
  Value out = array_new(iso, 0);
  if (out == VAL_EXCEPTION) return out;
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    Value key = rt_get(iso, keys, key_from_index(i));
    if (key == VAL_EXCEPTION) return key;
    if (val_is_symbol(key)) continue;
    PropertyDescriptor desc;
    int found = obj_get_own_property(iso, o, key, &desc);
    if (found < 0) return VAL_EXCEPTION;
    if (found == 0 || !desc.enumerable) continue;
    Value name = key_to_string(iso, key);
    if (name == VAL_EXCEPTION || array_push(iso, out, name) < 0) return VAL_EXCEPTION;
  }
  return out;
}

bool petrel_object_keys(petrel_context *ctx, petrel_value *obj, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_result(iso, saved, api_enumerable_keys(iso, V(obj)), out);
}

/* Reflect.ownKeys with index keys as strings. */
static Value api_own_keys(Isolate *iso, Value obj) {
  Value o = rt_to_object(iso, obj);
  if (o == VAL_EXCEPTION) return o;
  Value keys = obj_own_property_keys(iso, o);
  if (keys == VAL_EXCEPTION) return keys;
  Value out = array_new(iso, 0);
  if (out == VAL_EXCEPTION) return out;
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    Value key = rt_get(iso, keys, key_from_index(i));
    if (key == VAL_EXCEPTION) return key;
    if (!val_is_symbol(key)) key = key_to_string(iso, key);
    if (key == VAL_EXCEPTION || array_push(iso, out, key) < 0) return VAL_EXCEPTION;
  }
  return out;
}

bool petrel_object_own_keys(petrel_context *ctx, petrel_value *obj, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_result(iso, saved, api_own_keys(iso, V(obj)), out);
}

bool petrel_object_define_accessor(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value *getter,
                                   petrel_value *setter, int attributes) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  int r = -1;
  Value k = key_from_cstr(iso, name);
  if (k == VAL_EXCEPTION) {
    /* pending */
  } else if (!val_is_object(V(obj))) {
    rt_throw_type_error(iso, "Object.defineProperty called on non-object");
  } else if ((getter && !val_is_callable(V(getter))) || (setter && !val_is_callable(V(setter)))) {
    rt_throw_type_error(iso, "Getter and setter must be functions");
  } else {
    PropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.value = VAL_UNDEFINED;
    d.get = getter ? V(getter) : VAL_UNDEFINED;
    d.set = setter ? V(setter) : VAL_UNDEFINED;
    d.has_get = d.has_set = true;
    d.has_enumerable = d.has_configurable = true;
    d.enumerable = (attributes & PETREL_PROP_ENUMERABLE) != 0;
    d.configurable = (attributes & PETREL_PROP_CONFIGURABLE) != 0;
    r = rt_define_property_or_throw(iso, V(obj), k, &d);
  }
  return api_status(iso, saved, r, NULL);
}

bool petrel_object_get_prototype(petrel_context *ctx, petrel_value *obj, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value o = rt_to_object(iso, V(obj));
  Value r = o == VAL_EXCEPTION ? o : obj_get_prototype_of(iso, o);
  return api_result(iso, saved, r, out);
}

bool petrel_object_set_prototype(petrel_context *ctx, petrel_value *obj, petrel_value *proto) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  int r = -1;
  if (!val_is_object(V(obj))) {
    rt_throw_type_error(iso, "Object.setPrototypeOf called on non-object");
  } else if (!val_is_object(V(proto)) && V(proto) != VAL_NULL) {
    rt_throw_type_error(iso, "Object prototype may only be an Object or null");
  } else {
    r = obj_set_prototype_of(iso, V(obj), V(proto));
    if (r == 0) {
      rt_throw_type_error(iso, "Cannot set the prototype of this object");
      r = -1;
    }
  }
  return api_status(iso, saved, r, NULL);
}

/* ---- Internal fields --------------------------------------------------------------------- */

static void api_object_visit(HeapObject *obj, HeapVisitor *v) {
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &((JSApiObject *)obj)->field_count);
}

void api_object_register_type(void) {
  heap_register_type(IT_JS_API_OBJECT, obj_js_object_size, api_object_visit, NULL);
}

petrel_value *petrel_object_new_with_internal_fields(petrel_context *ctx, int count) {
  Isolate *iso = ctx->iso;
  if (count < 0 || count > PETREL_MAX_INTERNAL_FIELDS) {
    rt_throw_range_error(iso, "internal field count out of range");
    api_exception(iso);
    return NULL;
  }
  api_object_register_type();
  Realm *saved = api_enter_realm(ctx);
  Value o = obj_new_with_type(iso, IT_JS_API_OBJECT, sizeof(JSApiObject) + (size_t)count * sizeof(void *),
                              intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE));
  api_leave_realm(iso, saved);
  if (o != VAL_EXCEPTION) {
    JSApiObject *a = (JSApiObject *)val_to_ptr(o);
    a->field_count = val_from_int(count);
    a->template_id = 0;
    for (int i = 0; i < count; i++) a->fields[i] = NULL;
  }
  return api_local_or_null(iso, o);
}

static JSApiObject *api_object(petrel_value *obj) {
  Value v = V(obj);
  return api_is_type(v, IT_JS_API_OBJECT) ? (JSApiObject *)val_to_ptr(v) : NULL;
}

/* The internal fields of obj: an API object's, or a global object's from its global template. */
static void **api_fields(petrel_value *obj, int *count) {
  JSApiObject *a = api_object(obj);
  if (a == NULL) return api_global_fields(V(obj), count);
  *count = val_to_int(a->field_count);
  return a->fields;
}

int petrel_object_internal_field_count(petrel_value *obj) {
  int n;
  api_fields(obj, &n);
  return n;
}

void *petrel_object_get_internal_field(petrel_value *obj, int index) {
  int n;
  void **f = api_fields(obj, &n);
  return index >= 0 && index < n ? f[index] : NULL;
}

bool petrel_object_set_internal_field(petrel_value *obj, int index, void *value) {
  int n;
  void **f = api_fields(obj, &n);
  if (index < 0 || index >= n) return false;
  f[index] = value;
  return true;
}

/* ---- Arrays ------------------------------------------------------------------------------- */

petrel_value *petrel_array_new(petrel_context *ctx, uint32_t length) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value a = array_new(iso, length);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, a);
}

uint32_t petrel_array_length(petrel_context *ctx, petrel_value *array) {
  return obj_is_js_array(V(array)) ? array_length(V(array)) : 0;
}

/* ---- Arrays ------------------------------------------------------------------------------- */

petrel_value *petrel_array_new_with_elements(petrel_context *ctx, petrel_value **elements, uint32_t count) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value a = array_new(iso, 0);
  for (uint32_t i = 0; i < count && a != VAL_EXCEPTION; i++)
    if (array_push(iso, a, V(elements[i])) < 0) a = VAL_EXCEPTION;
  return api_local_after(ctx, saved, a);
}

/* ---- Dates -------------------------------------------------------------------------------- */

petrel_value *petrel_date_new(petrel_context *ctx, double time) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return NULL;
  Realm *saved = api_enter_realm(ctx);
  /* `new Date(t)` with a number argument: TimeClip, no user code runs. */
  Value arg = val_from_number(date_time_clip(time));
  Value ctor = intrinsic(iso, INTRINSIC_DATE);
  return api_local_after(ctx, saved, rt_construct(iso, ctor, 1, &arg, ctor));
}

/* JSDate's layout (builtins/date.c): the object header, then [[DateValue]] as a number Value. */
typedef struct ApiDateView {
  JSObject base;
  Value time;
} ApiDateView;

double petrel_date_value(petrel_value *v) {
  Value x = V(v);
  if (!val_is_pointer(x) || val_instance_type(x) != IT_JS_DATE) return NAN;
  return val_to_number_unchecked(((ApiDateView *)val_to_ptr(x))->time);
}

/* ---- Objects ------------------------------------------------------------------------------ */

static Value index_key(Isolate *iso, uint32_t index) {
  return index == UINT32_MAX ? key_from_cstr(iso, "4294967295") : key_from_index(index);
}

bool petrel_object_has_index(petrel_context *ctx, petrel_value *obj, uint32_t index, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = index_key(iso, index);
  int r = -1;
  if (k != VAL_EXCEPTION) {
    if (!val_is_object(V(obj))) rt_throw_type_error(iso, "Cannot use 'in' operator on a non-object");
    else r = rt_has_property_op(iso, k, V(obj));
  }
  return api_status(iso, saved, r, out);
}

bool petrel_object_delete_index(petrel_context *ctx, petrel_value *obj, uint32_t index, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = index_key(iso, index);
  int r = -1;
  if (k != VAL_EXCEPTION) {
    Value o = rt_to_object(iso, V(obj));
    if (o != VAL_EXCEPTION) r = obj_delete(iso, o, k);
  }
  return api_status(iso, saved, r, out);
}

bool petrel_object_define(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value *value,
                          int attributes) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value k = rt_to_property_key(iso, V(key));
  int r = k == VAL_EXCEPTION ? -1 : api_define_data(iso, V(obj), k, V(value), attributes);
  return api_status(iso, saved, r, NULL);
}

bool petrel_object_get_own_property_names(petrel_context *ctx, petrel_value *obj, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value result = VAL_EXCEPTION;
  Value o = rt_to_object(iso, V(obj));
  Value keys = o == VAL_EXCEPTION ? o : obj_own_property_keys(iso, o);
  if (keys != VAL_EXCEPTION) result = array_new(iso, 0);
  if (result != VAL_EXCEPTION) {
    uint32_t n = array_length(keys);
    for (uint32_t i = 0; i < n; i++) {
      Value key = rt_get(iso, keys, key_from_index(i));
      if (key == VAL_EXCEPTION) {
        result = key;
        break;
      }
      if (val_is_symbol(key)) continue;
      key = key_to_string(iso, key);
      if (key == VAL_EXCEPTION || array_push(iso, result, key) < 0) {
        result = VAL_EXCEPTION;
        break;
      }
    }
  }
  return api_result(iso, saved, result, out);
}

bool petrel_object_get_property_attributes(petrel_context *ctx, petrel_value *obj, petrel_value *key, int *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  int r = -1;
  Value k = rt_to_property_key(iso, V(key));
  Value o = k == VAL_EXCEPTION ? k : rt_to_object(iso, V(obj));
  if (o != VAL_EXCEPTION) {
    PropertyDescriptor d;
    r = obj_get_own_property(iso, o, k, &d);
    if (r == 0) *out = -1;
    else if (r > 0)
      *out = (d.has_value && d.writable ? PETREL_PROP_WRITABLE : 0) | (d.enumerable ? PETREL_PROP_ENUMERABLE : 0) |
             (d.configurable ? PETREL_PROP_CONFIGURABLE : 0);
  }
  return api_status(iso, saved, r, NULL);
}

bool petrel_object_set_aligned_pointer(petrel_value *obj, int index, void *ptr) {
  if (((uintptr_t)ptr & 1) != 0) return false;
  return petrel_object_set_internal_field(obj, index, ptr);
}

void *petrel_object_get_aligned_pointer(petrel_value *obj, int index) {
  return petrel_object_get_internal_field(obj, index);
}
