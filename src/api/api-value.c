/*
 * The public API, part 2: values, strings, objects, arrays, array buffers, native functions and
 * templates, scripts, promises.
 */
#include "api/api-internal.h"

#include "execution/isolate-control.h"

#include <stdlib.h>

#include "builtins/array-buffer.h"
#include "builtins/promise.h"
#include "interpreter/compiler.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

#define V(h) api_val(h)

/* ---- Primitive values --------------------------------------------------------------------- */

petrel_value *petrel_undefined(petrel_isolate *iso) { return api_local(api_iso(iso), VAL_UNDEFINED); }
petrel_value *petrel_null(petrel_isolate *iso) { return api_local(api_iso(iso), VAL_NULL); }
petrel_value *petrel_boolean(petrel_isolate *iso, bool b) { return api_local(api_iso(iso), val_from_bool(b)); }
petrel_value *petrel_number(petrel_isolate *iso, double d) {
  return api_local(api_iso(iso), val_from_number(d));
}
petrel_value *petrel_integer(petrel_isolate *iso, int32_t i) { return api_local(api_iso(iso), val_from_int(i)); }

petrel_value *petrel_string_new_utf8(petrel_isolate *piso, const char *utf8, size_t length) {
  Isolate *iso = api_iso(piso);
  if (length == (size_t)-1) length = strlen(utf8);
  return api_local_or_null(iso, str_new_utf8(iso, utf8, length));
}

petrel_value *petrel_string_new_utf16(petrel_isolate *piso, const uint16_t *units, size_t length) {
  Isolate *iso = api_iso(piso);
  return api_local_or_null(iso, str_new_utf16(iso, units, length));
}

petrel_value *petrel_symbol_new(petrel_isolate *piso, const char *description) {
  Isolate *iso = api_iso(piso);
  Value desc = VAL_UNDEFINED;
  if (description) {
    desc = str_new_utf8(iso, description, strlen(description));
    if (desc == VAL_EXCEPTION) return api_local_or_null(iso, desc);
  }
  return api_local_or_null(iso, sym_new(iso, desc));
}

/* ---- Type tests --------------------------------------------------------------------------- */

static bool api_is_type(Value v, InstanceType t) { return val_is_pointer(v) && val_instance_type(v) == t; }

bool petrel_value_is_undefined(petrel_value *v) { return V(v) == VAL_UNDEFINED; }
bool petrel_value_is_null(petrel_value *v) { return V(v) == VAL_NULL; }
bool petrel_value_is_null_or_undefined(petrel_value *v) { return val_is_nullish(V(v)); }
bool petrel_value_is_boolean(petrel_value *v) { return val_is_bool(V(v)); }
bool petrel_value_is_true(petrel_value *v) { return V(v) == VAL_TRUE; }
bool petrel_value_is_false(petrel_value *v) { return V(v) == VAL_FALSE; }
bool petrel_value_is_number(petrel_value *v) { return val_is_number(V(v)); }
bool petrel_value_is_int32(petrel_value *v) {
  Value x = V(v);
  if (val_is_int(x)) return true;
  if (!val_is_double(x)) return false;
  double d = val_to_double_unchecked(x);
  return d >= -2147483648.0 && d <= 2147483647.0 && (double)(int32_t)d == d &&
         !(d == 0 && val_double_bits(d) != 0);
}
bool petrel_value_is_string(petrel_value *v) { return val_is_string(V(v)); }
bool petrel_value_is_symbol(petrel_value *v) { return val_is_symbol(V(v)); }
bool petrel_value_is_bigint(petrel_value *v) { return val_is_bigint(V(v)); }
bool petrel_value_is_object(petrel_value *v) { return val_is_object(V(v)); }
bool petrel_value_is_function(petrel_value *v) { return val_is_callable(V(v)); }
bool petrel_value_is_constructor(petrel_value *v) { return val_is_constructor(V(v)); }
bool petrel_value_is_array(petrel_value *v) { return api_is_type(V(v), IT_JS_ARRAY); }
bool petrel_value_is_error(petrel_value *v) { return api_is_type(V(v), IT_JS_ERROR); }
bool petrel_value_is_promise(petrel_value *v) { return api_is_type(V(v), IT_JS_PROMISE); }
bool petrel_value_is_array_buffer(petrel_value *v) { return api_is_type(V(v), IT_JS_ARRAY_BUFFER); }
bool petrel_value_is_date(petrel_value *v) { return api_is_type(V(v), IT_JS_DATE); }
bool petrel_value_is_regexp(petrel_value *v) { return api_is_type(V(v), IT_JS_REGEXP); }
bool petrel_value_is_map(petrel_value *v) { return api_is_type(V(v), IT_JS_MAP); }
bool petrel_value_is_set(petrel_value *v) { return api_is_type(V(v), IT_JS_SET); }
bool petrel_value_equals(petrel_context *ctx, petrel_value *a, petrel_value *b, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_status(iso, saved, rt_loose_equals(iso, V(a), V(b)), out);
}

bool petrel_value_instance_of(petrel_context *ctx, petrel_value *v, petrel_value *constructor, bool *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_status(iso, saved, rt_instance_of(iso, V(v), V(constructor)), out);
}

bool petrel_value_strict_equals(petrel_value *a, petrel_value *b) { return rt_strict_equals(V(a), V(b)) > 0; }
bool petrel_value_same_value(petrel_value *a, petrel_value *b) { return rt_same_value(V(a), V(b)); }

double petrel_number_value(petrel_value *v) {
  Value x = V(v);
  return val_is_number(x) ? val_to_number_unchecked(x) : val_to_double_unchecked(VAL_CANONICAL_NAN);
}
bool petrel_boolean_value(petrel_value *v) { return V(v) == VAL_TRUE; }

const char *petrel_value_typeof(petrel_value *v) {
  Value x = V(v);
  if (x == VAL_UNDEFINED) return "undefined";
  if (x == VAL_NULL) return "object";
  if (val_is_bool(x)) return "boolean";
  if (val_is_number(x)) return "number";
  if (val_is_string(x)) return "string";
  if (val_is_symbol(x)) return "symbol";
  if (val_is_bigint(x)) return "bigint";
  return val_is_callable(x) ? "function" : "object";
}

/* ---- Conversions -------------------------------------------------------------------------- */

bool petrel_value_to_boolean(petrel_value *v) { return rt_to_boolean(V(v)); }

bool petrel_value_to_number(petrel_context *ctx, petrel_value *v, double *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  int r = rt_to_number_double(iso, V(v), out);
  return api_status(iso, saved, r, NULL);
}

bool petrel_value_to_int32(petrel_context *ctx, petrel_value *v, int32_t *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  int r = rt_to_int32(iso, V(v), out);
  return api_status(iso, saved, r, NULL);
}

bool petrel_value_to_string(petrel_context *ctx, petrel_value *v, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (val_is_string(V(v))) {
    *out = v;
    return true;
  }
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_result(iso, saved, rt_to_string(iso, V(v)), out);
}

bool petrel_value_to_object(petrel_context *ctx, petrel_value *v, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_result(iso, saved, rt_to_object(iso, V(v)), out);
}

/* ---- Strings ------------------------------------------------------------------------------ */

size_t petrel_string_length(petrel_value *v) { return val_is_string(V(v)) ? str_length(V(v)) : 0; }

size_t petrel_string_utf8_length(petrel_isolate *piso, petrel_value *v) {
  size_t n = 0;
  char *s = petrel_string_to_utf8(piso, v, &n);
  free(s);
  return s ? n : 0;
}

size_t petrel_string_write_utf8(petrel_isolate *piso, petrel_value *v, char *buf, size_t capacity) {
  if (capacity == 0) return 0;
  size_t n = 0;
  char *s = petrel_string_to_utf8(piso, v, &n);
  if (s == NULL) {
    buf[0] = '\0';
    return 0;
  }
  if (n >= capacity) {
    n = capacity - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--; /* do not split a character */
  }
  memcpy(buf, s, n);
  buf[n] = '\0';
  free(s);
  return n;
}

char *petrel_string_to_utf8(petrel_isolate *piso, petrel_value *v, size_t *length) {
  Isolate *iso = api_iso(piso);
  if (!val_is_string(V(v))) return NULL;
  return str_to_utf8(iso, V(v), length);
}

petrel_value *petrel_string_concat(petrel_isolate *piso, petrel_value *a, petrel_value *b) {
  Isolate *iso = api_iso(piso);
  return api_local_or_null(iso, str_concat(iso, V(a), V(b)));
}

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

/* ---- ArrayBuffers ------------------------------------------------------------------------- */

petrel_value *petrel_array_buffer_new(petrel_context *ctx, size_t length) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value b = array_buffer_new(iso, length);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, b);
}

void *petrel_array_buffer_data(petrel_value *buffer) {
  return array_buffer_is(V(buffer)) ? js_array_buffer(V(buffer))->data : NULL;
}

size_t petrel_array_buffer_byte_length(petrel_value *buffer) {
  return array_buffer_is(V(buffer)) ? array_buffer_byte_length(js_array_buffer(V(buffer))) : 0;
}

bool petrel_array_buffer_detach(petrel_context *ctx, petrel_value *buffer) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  int r;
  if (!array_buffer_is(V(buffer))) r = (rt_throw_type_error(iso, "not an ArrayBuffer"), -1);
  else r = array_buffer_detach(iso, V(buffer), VAL_UNDEFINED);
  return api_status(iso, saved, r, NULL);
}

/* ---- Native functions --------------------------------------------------------------------- */

int api_callbacks_reserve(ApiState *api) {
  if (api->callback_count < api->callback_capacity) return 0;
  int cap = api->callback_capacity ? api->callback_capacity * 2 : 16;
  petrel_function_callback *c = realloc(api->callbacks, (size_t)cap * sizeof *c);
  if (c == NULL) return -1;
  api->callbacks = c; /* bigger is still valid if the next realloc fails */
  petrel_function_template **owners = realloc(api->callback_templates, (size_t)cap * sizeof *owners);
  if (owners == NULL) return -1;
  for (int i = api->callback_capacity; i < cap; i++) owners[i] = NULL;
  api->callback_templates = owners;
  api->callback_capacity = cap;
  return 0;
}

int api_register_callback(Isolate *iso, petrel_function_callback cb) {
  ApiState *api = iso->api;
  /* Share an index with another plain function of the same callback, never with a template's
   * (its index makes `new` build the template's instances). */
  for (int i = 0; i < api->callback_count; i++)
    if (api->callbacks[i] == cb && api->callback_templates[i] == NULL) return i;
  if (api_callbacks_reserve(api) < 0) return -1;
  api->callbacks[api->callback_count] = cb;
  api->callback_templates[api->callback_count] = NULL;
  return api->callback_count++;
}

/* The engine-side body of every API function: builds the callback info in a fresh handle scope,
 * calls the embedder, and turns a pending exception into VAL_EXCEPTION. */
static Value api_native_trampoline(Isolate *iso, const CallArgs *args) {
  ApiState *api = iso->api;
  JSFunction *fn = js_function(args->callee);
  if (fn->magic < 0 || fn->magic >= api->callback_count) return rt_throw_type_error(iso, "invalid native function");
  petrel_function_callback cb = api->callbacks[fn->magic];
  bool construct = args->new_target != VAL_UNDEFINED;
  Value this_val = args->this_val;
  petrel_function_template *tpl = api_template_for_callback(iso, fn->magic);
  if (construct && tpl != NULL) {
    /* A template's function: `this` is an instance of its instance template. */
    this_val = api_template_construct_receiver(iso, tpl, args->new_target);
    if (this_val == VAL_EXCEPTION) return VAL_EXCEPTION;
  } else if (construct) {
    Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_OBJECT_PROTOTYPE);
    if (proto == VAL_EXCEPTION) return VAL_EXCEPTION;
    this_val = obj_new(iso, proto);
    if (this_val == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_callback_info info;
  info.iso = iso;
  info.ctx = api_context_for_realm(iso, iso->realm);
  info.argc = args->argc;
  info.args = NULL;
  for (int i = 0; i < args->argc; i++) {
    Value *slot = (Value *)(void *)api_local(iso, args->argv[i]);
    if (i == 0) info.args = slot;
  }
  info.this_slot = (Value *)(void *)api_local(iso, this_val);
  info.new_target_slot = (Value *)(void *)api_local(iso, args->new_target);
  info.data_slot = (Value *)(void *)api_local(iso, fn->extra);
  info.undefined_slot = (Value *)(void *)api_local(iso, VAL_UNDEFINED);
  info.return_slot = (Value *)(void *)api_local(iso, VAL_UNDEFINED);
  info.holder_slot = NULL;
  api->callback_level++;
  Value ret;
  if (info.ctx == NULL) {
    ret = isolate_throw_oom(iso);
  } else {
    cb(&info);
    ret = *info.return_slot;
  }
  api->callback_level--;
  petrel_handle_scope_close(&scope);
  if (isolate_has_exception(iso)) return VAL_EXCEPTION;
  if (construct) return val_is_object(ret) ? ret : this_val;
  return ret;
}

/* A native API function named by a property key (prefix "get"/"set" or NULL, as
 * function_set_name). A constructor gets a `prototype` like V8's FunctionTemplate functions. */
Value api_make_function_ex(Isolate *iso, int callback_index, Value data, Value name_key, int length,
                           bool constructor, const char *prefix) {
  Value fn = function_new_native(iso, prefix ? NAME(iso, empty) : name_key, length, api_native_trampoline,
                                 callback_index, constructor ? NATIVE_CONSTRUCTOR : 0);
  if (fn == VAL_EXCEPTION) return fn;
  WRITE_FIELD(val_to_ptr(fn), js_function(fn)->extra, data);
  if (prefix && function_set_name(iso, fn, name_key, prefix) < 0) return VAL_EXCEPTION;
  /* A writable `prototype` whose `constructor` is fn, so `new f()` objects inherit from
   * f.prototype and instanceof works. */
  if (constructor && function_make_constructor(iso, fn, VAL_UNDEFINED, true) < 0) return VAL_EXCEPTION;
  return fn;
}

Value api_make_function(Isolate *iso, int callback_index, Value data, const char *name, int length) {
  Value key = key_from_cstr(iso, name ? name : "");
  if (key == VAL_EXCEPTION) return key;
  return api_make_function_ex(iso, callback_index, data, key, length, true, NULL);
}

petrel_isolate *petrel_callback_info_isolate(const petrel_callback_info *info) { return api_public(info->iso); }
petrel_context *petrel_callback_info_context(const petrel_callback_info *info) { return info->ctx; }
int petrel_callback_info_length(const petrel_callback_info *info) { return info->argc; }

petrel_value *petrel_callback_info_arg(const petrel_callback_info *info, int i) {
  if (i < 0 || i >= info->argc) return (petrel_value *)(void *)info->undefined_slot;
  /* Argument handles were allocated consecutively; they are contiguous within one block. */
  Value *first = info->args;
  HandleBlock *b = info->iso->api->first;
  for (; b != NULL; b = b->next)
    if (first >= b->slots && first < b->slots + API_HANDLE_BLOCK_SIZE) break;
  PT_ASSERT(b != NULL);
  size_t in_block = (size_t)(b->slots + API_HANDLE_BLOCK_SIZE - first);
  if ((size_t)i < in_block) return (petrel_value *)(void *)(first + i);
  size_t rest = (size_t)i - in_block;
  for (b = b->next; b != NULL; b = b->next) {
    if (rest < API_HANDLE_BLOCK_SIZE) return (petrel_value *)(void *)(b->slots + rest);
    rest -= API_HANDLE_BLOCK_SIZE;
  }
  PT_UNREACHABLE();
}

petrel_value *petrel_callback_info_this(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->this_slot;
}
petrel_value *petrel_callback_info_new_target(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->new_target_slot;
}
bool petrel_callback_info_is_construct_call(const petrel_callback_info *info) {
  return *info->new_target_slot != VAL_UNDEFINED;
}
petrel_value *petrel_callback_info_data(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->data_slot;
}
petrel_value *petrel_callback_info_holder(const petrel_callback_info *info) {
  return (petrel_value *)(void *)(info->holder_slot ? info->holder_slot : info->this_slot);
}
void petrel_callback_info_set_return_int32(const petrel_callback_info *info, int32_t i) {
  *info->return_slot = val_from_int(i);
}
void petrel_callback_info_set_return_uint32(const petrel_callback_info *info, uint32_t u) {
  *info->return_slot = u <= INT32_MAX ? val_from_int((int32_t)u) : val_from_number((double)u);
}
void petrel_callback_info_set_return_double(const petrel_callback_info *info, double d) {
  *info->return_slot = val_from_number(d);
}
void petrel_callback_info_set_return_bool(const petrel_callback_info *info, bool b) {
  *info->return_slot = val_from_bool(b);
}
void petrel_callback_info_set_return_undefined(const petrel_callback_info *info) {
  *info->return_slot = VAL_UNDEFINED;
}
void petrel_callback_info_set_return_null(const petrel_callback_info *info) { *info->return_slot = VAL_NULL; }
void petrel_callback_info_set_return_empty_string(const petrel_callback_info *info) {
  *info->return_slot = NAME(info->iso, empty);
}
void petrel_callback_info_set_return(const petrel_callback_info *info, petrel_value *value) {
  *info->return_slot = V(value);
}

petrel_value *petrel_function_new(petrel_context *ctx, petrel_function_callback callback, petrel_value *data,
                                  const char *name, int length) {
  Isolate *iso = ctx->iso;
  int index = api_register_callback(iso, callback);
  if (index < 0) {
    isolate_throw_oom(iso);
    api_exception(iso);
    return NULL;
  }
  Realm *saved = api_enter_realm(ctx);
  Value fn = api_make_function(iso, index, data ? V(data) : VAL_UNDEFINED, name, length);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, fn);
}

petrel_function_template *petrel_function_template_new(petrel_isolate *piso, petrel_function_callback callback,
                                                       petrel_value *data, const char *name, int length) {
  Isolate *iso = api_iso(piso);
  ApiState *api = iso->api;
  petrel_function_template *t = calloc(1, sizeof *t);
  char *copy = strdup(name ? name : "");
  if (t == NULL || copy == NULL || callback == NULL) {
    free(t);
    free(copy);
    return NULL;
  }
  t->iso = iso;
  t->callback = callback;
  int index = api_register_template_callback(iso, t);
  if (index < 0) {
    free(t);
    free(copy);
    return NULL;
  }
  t->callback_index = index;
  t->data = data ? V(data) : VAL_UNDEFINED;
  t->name = copy;
  t->length = length;
  t->next = api->templates;
  if (t->next) t->next->prev = t;
  api->templates = t;
  return t;
}

/* The template's function in ctx, made and cached on first use; VAL_EXCEPTION (pending) on
 * failure. The entry is cached before the setup, so templates that refer to themselves (a
 * prototype method made from the same template) terminate. */
Value api_function_template_function(petrel_function_template *t, petrel_context *ctx) {
  Isolate *iso = t->iso;
  for (int i = 0; i < t->cache_count; i++)
    if (t->cache[i].ctx == ctx) return t->cache[i].fn;
  if (t->cache_count == t->cache_capacity) {
    int cap = t->cache_capacity ? t->cache_capacity * 2 : 4;
    struct TemplateCacheEntry *c = realloc(t->cache, (size_t)cap * sizeof *c);
    if (c == NULL) return isolate_throw_oom(iso);
    t->cache = c;
    t->cache_capacity = cap;
  }
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION; /* deep inheritance / template cycles */
  Realm *saved = api_enter_realm(ctx);
  Value fn = VAL_EXCEPTION;
  Value key = key_from_cstr(iso, t->name);
  if (key != VAL_EXCEPTION)
    fn = api_make_function_ex(iso, t->callback_index, t->data, key, t->length, !t->remove_prototype, NULL);
  if (fn != VAL_EXCEPTION) {
    int slot = t->cache_count++;
    t->cache[slot] = (struct TemplateCacheEntry){ctx, fn};
    if (api_template_setup_function(iso, t, ctx, fn) < 0) {
      /* Forget the half-made function (entries made meanwhile shift down). */
      for (int i = slot; i + 1 < t->cache_count; i++) t->cache[i] = t->cache[i + 1];
      t->cache_count--;
      fn = VAL_EXCEPTION;
    }
  }
  api_leave_realm(iso, saved);
  return fn;
}

petrel_value *petrel_function_template_get_function(petrel_function_template *t, petrel_context *ctx) {
  Value fn = api_function_template_function(t, ctx);
  return api_local_or_null(t->iso, fn);
}

void petrel_function_template_release(petrel_function_template *t) {
  ApiState *api = t->iso->api;
  api_function_template_forget(t);
  if (t->prev) t->prev->next = t->next;
  else api->templates = t->next;
  if (t->next) t->next->prev = t->prev;
  free(t->cache);
  free(t->name);
  free(t);
}

/* Copies handle arguments to a C array on the stack (seen by the conservative scan). */
#define API_MAX_STACK_ARGS 64

bool petrel_function_call(petrel_context *ctx, petrel_value *fn, petrel_value *recv, int argc,
                          petrel_value **argv, petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value stack_args[API_MAX_STACK_ARGS];
  Value *args = argc <= API_MAX_STACK_ARGS ? stack_args : malloc((size_t)argc * sizeof(Value));
  if (args == NULL) {
    isolate_throw_oom(iso);
    return api_exception(iso);
  }
  /* A heap-allocated argument array is not scanned: its values stay alive through argv's handles. */
  for (int i = 0; i < argc; i++) args[i] = V(argv[i]);
  Realm *saved = api_enter_realm(ctx);
  Value r = rt_call(iso, V(fn), recv ? V(recv) : VAL_UNDEFINED, argc, args);
  if (args != stack_args) free(args);
  return api_result(iso, saved, r, result);
}

bool petrel_function_construct(petrel_context *ctx, petrel_value *fn, int argc, petrel_value **argv,
                               petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value stack_args[API_MAX_STACK_ARGS];
  Value *args = argc <= API_MAX_STACK_ARGS ? stack_args : malloc((size_t)argc * sizeof(Value));
  if (args == NULL) {
    isolate_throw_oom(iso);
    return api_exception(iso);
  }
  for (int i = 0; i < argc; i++) args[i] = V(argv[i]);
  Realm *saved = api_enter_realm(ctx);
  Value r;
  if (!val_is_constructor(V(fn))) r = rt_throw_type_error(iso, "value is not a constructor");
  else r = rt_construct(iso, V(fn), argc, args, V(fn));
  if (args != stack_args) free(args);
  return api_result(iso, saved, r, result);
}

petrel_value *petrel_function_get_name(petrel_context *ctx, petrel_value *fn) {
  Isolate *iso = ctx->iso;
  Value name = VAL_UNDEFINED;
  if (val_is_object(V(fn))) {
    PropertyDescriptor desc;
    int found = obj_get_own_property(iso, V(fn), NAME(iso, name), &desc);
    if (found < 0) {
      isolate_take_exception(iso);
      iso->pending_message = VAL_HOLE;
    } else if (found && desc.has_value) {
      name = desc.value;
    }
  }
  return api_local(iso, val_is_string(name) ? name : NAME(iso, empty));
}

/* ---- Scripts ------------------------------------------------------------------------------ */

bool petrel_script_compile(petrel_context *ctx, petrel_value *source, const petrel_script_origin *origin,
                           petrel_value **script) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value name = VAL_UNDEFINED;
  if (origin && origin->resource_name) {
    name = str_new_utf8(iso, origin->resource_name, strlen(origin->resource_name));
    if (name == VAL_EXCEPTION) return api_result(iso, saved, name, NULL);
  }
  Value src = V(source);
  Value fn;
  if (!val_is_string(src)) fn = rt_throw_type_error(iso, "script source must be a string");
  else
    fn = compiler_compile_script(iso, src, name, origin ? origin->line_offset : 0,
                                 origin ? origin->column_offset : 0);
  return api_result(iso, saved, fn, script);
}

bool petrel_script_run(petrel_context *ctx, petrel_value *script, petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Realm *realm = (Realm *)val_to_ptr(ctx->realm);
  Value r = rt_call(iso, V(script), realm->global_this, 0, NULL);
  return api_result(iso, saved, r, result);
}

bool petrel_eval(petrel_context *ctx, const char *source, size_t length, const char *resource_name,
                 petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!isolate_on_owner_thread(iso)) return false; /* before touching the heap (include/petrel.h, THREADS) */
  petrel_value *src = petrel_string_new_utf8(api_public(iso), source, length);
  if (src == NULL) return false;
  petrel_script_origin origin = {resource_name, 0, 0};
  petrel_value *script;
  if (!petrel_script_compile(ctx, src, &origin, &script)) return false;
  petrel_value *r;
  if (!petrel_script_run(ctx, script, &r)) return false;
  if (result) *result = r;
  return true;
}

/* ---- Promises ----------------------------------------------------------------------------- */

bool petrel_promise_new(petrel_context *ctx, petrel_value **promise, petrel_value **resolve,
                        petrel_value **reject) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value p = promise_new(iso);
  Value fns[2] = {VAL_UNDEFINED, VAL_UNDEFINED};
  if (p != VAL_EXCEPTION && promise_create_resolving_functions(iso, p, fns) < 0) p = VAL_EXCEPTION;
  if (!api_result(iso, saved, p, promise)) return false;
  if (resolve) *resolve = api_local(iso, fns[0]);
  if (reject) *reject = api_local(iso, fns[1]);
  return true;
}

petrel_promise_state petrel_promise_get_state(petrel_value *promise) {
  if (!promise_is_promise(V(promise))) return PETREL_PROMISE_PENDING;
  switch (promise_state(V(promise))) {
    case PROMISE_FULFILLED: return PETREL_PROMISE_FULFILLED;
    case PROMISE_REJECTED: return PETREL_PROMISE_REJECTED;
    default: return PETREL_PROMISE_PENDING;
  }
}

petrel_value *petrel_promise_result(petrel_isolate *piso, petrel_value *promise) {
  Isolate *iso = api_iso(piso);
  return api_local(iso, promise_is_promise(V(promise)) ? promise_result(V(promise)) : VAL_UNDEFINED);
}
