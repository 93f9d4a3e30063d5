/*
 * The public API, values and objects beyond the first cut: integers, Latin-1 and external
 * strings, private symbols, arrays with elements, promise resolvers, dates, typed arrays,
 * ArrayBuffers over embedder memory, external-memory accounting, property attributes and names,
 * index access, aligned pointers in internal fields.
 */
#include "api/api-internal.h"

#include <math.h>
#include <stdlib.h>

#include "builtins/array-buffer.h"
#include "builtins/date-core.h"
#include "builtins/promise.h"
#include "builtins/typed-array.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

#define V(h) api_val(h)

static petrel_value *local_in(petrel_context *ctx, Realm *saved, Value v) {
  api_leave_realm(ctx->iso, saved);
  return api_local_or_null(ctx->iso, v);
}

/* ---- Integers ----------------------------------------------------------------------------- */

petrel_value *petrel_int32(petrel_isolate *iso, int32_t i) { return api_local(api_iso(iso), val_from_int(i)); }

petrel_value *petrel_uint32(petrel_isolate *iso, uint32_t u) {
  Value v = u <= INT32_MAX ? val_from_int((int32_t)u) : val_from_number((double)u);
  return api_local(api_iso(iso), v);
}

bool petrel_value_is_uint32(petrel_value *v) {
  Value x = V(v);
  if (val_is_int(x)) return val_to_int(x) >= 0;
  if (!val_is_double(x)) return false;
  double d = val_to_double_unchecked(x);
  return d >= 0 && d <= 4294967295.0 && floor(d) == d && !(d == 0 && signbit(d));
}

/* ToUint32 of a double (ECMA-262 7.1.7), without an isolate. */
static uint32_t double_to_uint32(double d) {
  if (!isfinite(d)) return 0;
  d = trunc(d);
  d = fmod(d, 4294967296.0);
  if (d < 0) d += 4294967296.0;
  return (uint32_t)d;
}

int32_t petrel_int32_value(petrel_value *v) {
  Value x = V(v);
  if (val_is_int(x)) return val_to_int(x);
  if (!val_is_number(x)) return 0;
  return (int32_t)double_to_uint32(val_to_number_unchecked(x));
}

uint32_t petrel_uint32_value(petrel_value *v) {
  Value x = V(v);
  if (val_is_int(x)) return (uint32_t)val_to_int(x);
  if (!val_is_number(x)) return 0;
  return double_to_uint32(val_to_number_unchecked(x));
}

bool petrel_value_to_uint32(petrel_context *ctx, petrel_value *v, uint32_t *out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  return api_status(iso, saved, rt_to_uint32(iso, V(v), out), NULL);
}

/* ---- Strings ------------------------------------------------------------------------------ */

petrel_value *petrel_string_new_latin1(petrel_isolate *piso, const uint8_t *chars, size_t length) {
  Isolate *iso = api_iso(piso);
  return api_local_or_null(iso, str_new_latin1(iso, chars, length));
}

/* The dispose record of an external string, the param of an internal weak persistent. */
typedef struct ExternalDispose {
  petrel_external_string_dispose dispose;
  const void *data;
  void *param;
} ExternalDispose;

static void external_string_died(petrel_isolate *iso, petrel_persistent *p, void *param) {
  ExternalDispose *e = param;
  petrel_persistent_release(iso, p);
  e->dispose(e->data, e->param);
  free(e);
}

/* The string points at the embedder's characters (a copy only for two-byte text that fits
 * Latin-1); the dispose callback is tied to the string's life through a weak persistent, whose
 * callback also runs at isolate teardown. */
static petrel_value *external_string(Isolate *iso, Value s, const void *data,
                                     petrel_external_string_dispose dispose, void *param) {
  if (s == VAL_EXCEPTION) {
    api_exception(iso);
    return NULL;
  }
  petrel_value *h = api_local(iso, s);
  if (dispose == NULL) return h;
  ExternalDispose *e = malloc(sizeof *e);
  petrel_persistent *p = e ? petrel_persistent_new(api_public(iso), h) : NULL;
  if (p == NULL) {
    free(e);
    isolate_throw_oom(iso);
    api_exception(iso);
    return NULL;
  }
  e->dispose = dispose;
  e->data = data;
  e->param = param;
  petrel_persistent_set_weak(api_public(iso), p, e, external_string_died);
  return h;
}

petrel_value *petrel_string_new_external_one_byte(petrel_isolate *piso, const char *chars, size_t length,
                                                  petrel_external_string_dispose dispose, void *param) {
  Isolate *iso = api_iso(piso);
  Value s = str_new_external_latin1(iso, (const uint8_t *)chars, length);
  return external_string(iso, s, chars, dispose, param);
}

petrel_value *petrel_string_new_external_two_byte(petrel_isolate *piso, const uint16_t *units, size_t length,
                                                  petrel_external_string_dispose dispose, void *param) {
  Isolate *iso = api_iso(piso);
  Value s = str_new_external_utf16(iso, units, length);
  return external_string(iso, s, units, dispose, param);
}

/* ---- Private symbols ---------------------------------------------------------------------- */

petrel_value *petrel_private_symbol_new(petrel_isolate *piso, const char *description) {
  Isolate *iso = api_iso(piso);
  Value desc = VAL_UNDEFINED;
  if (description) {
    desc = str_new_utf8(iso, description, strlen(description));
    if (desc == VAL_EXCEPTION) return api_local_or_null(iso, desc);
  }
  return api_local_or_null(iso, sym_new_private(iso, desc));
}

/* Private keys live on the object itself, like private class fields: no prototype walk, no
 * getters, no proxy traps. 1: ok; -1 with a TypeError for a bad object or key. */
static int private_check(Isolate *iso, Value obj, Value key) {
  if (!val_is_symbol(key) || !sym_is_private(key)) {
    rt_throw_type_error(iso, "not a private symbol");
    return -1;
  }
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "private symbols can only be used on objects");
    return -1;
  }
  if (val_instance_type(obj) == IT_JS_PROXY) {
    rt_throw_type_error(iso, "private symbols on proxies are not implemented yet");
    return -1;
  }
  return 1;
}

bool petrel_object_get_private(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value **out) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value r = VAL_EXCEPTION;
  if (private_check(iso, V(obj), V(key)) > 0) {
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, V(obj), V(key), &d);
    if (found >= 0) r = found && d.has_value ? d.value : VAL_UNDEFINED;
  }
  return api_result(iso, saved, r, out);
}

bool petrel_object_set_private(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value *value) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  int r = private_check(iso, V(obj), V(key));
  if (r > 0) r = rt_define_data(iso, V(obj), V(key), V(value), ATTR_WRITABLE | ATTR_CONFIGURABLE) < 0 ? -1 : 1;
  return api_status(iso, saved, r, NULL);
}

bool petrel_object_has_private(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  int r = private_check(iso, V(obj), V(key));
  if (r > 0) r = rt_has_own_property(iso, V(obj), V(key));
  return api_status(iso, saved, r, out);
}

bool petrel_object_delete_private(petrel_context *ctx, petrel_value *obj, petrel_value *key) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  int r = private_check(iso, V(obj), V(key));
  if (r > 0) r = obj_delete(iso, V(obj), V(key));
  return api_status(iso, saved, r < 0 ? -1 : 1, NULL);
}

/* ---- Arrays ------------------------------------------------------------------------------- */

petrel_value *petrel_array_new_with_elements(petrel_context *ctx, petrel_value **elements, uint32_t count) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value a = array_new(iso, 0);
  for (uint32_t i = 0; i < count && a != VAL_EXCEPTION; i++)
    if (array_push(iso, a, V(elements[i])) < 0) a = VAL_EXCEPTION;
  return local_in(ctx, saved, a);
}

/* ---- Promise resolvers -------------------------------------------------------------------- */

/* The resolver is the promise itself (as in V8); the handle types differ only in intent. */
petrel_value *petrel_promise_resolver_new(petrel_context *ctx) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  return local_in(ctx, saved, promise_new(iso));
}

petrel_value *petrel_promise_resolver_get_promise(petrel_isolate *iso, petrel_value *resolver) {
  return api_local(api_iso(iso), promise_is_promise(V(resolver)) ? V(resolver) : VAL_UNDEFINED);
}

static bool resolver_settle(petrel_context *ctx, petrel_value *resolver, petrel_value *value, bool reject) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value p = V(resolver), r = VAL_UNDEFINED;
  if (!promise_is_promise(p)) r = rt_throw_type_error(iso, "not a promise resolver");
  else if (promise_state(p) == PROMISE_PENDING)
    r = reject ? promise_reject_value(iso, p, V(value)) : promise_resolve_value(iso, p, V(value));
  return api_result(iso, saved, r, NULL);
}

bool petrel_promise_resolver_resolve(petrel_context *ctx, petrel_value *resolver, petrel_value *value) {
  return resolver_settle(ctx, resolver, value, false);
}

bool petrel_promise_resolver_reject(petrel_context *ctx, petrel_value *resolver, petrel_value *reason) {
  return resolver_settle(ctx, resolver, reason, true);
}

/* ---- Dates -------------------------------------------------------------------------------- */

petrel_value *petrel_date_new(petrel_context *ctx, double time) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return NULL;
  Realm *saved = api_enter_realm(ctx);
  /* `new Date(t)` with a number argument: TimeClip, no user code runs. */
  Value arg = val_from_number(date_time_clip(time));
  Value ctor = intrinsic(iso, INTRINSIC_DATE);
  return local_in(ctx, saved, rt_construct(iso, ctor, 1, &arg, ctor));
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

/* ---- Typed arrays ------------------------------------------------------------------------- */

static const int typed_array_ctor[] = {
    INTRINSIC_INT8_ARRAY,    INTRINSIC_UINT8_ARRAY,  INTRINSIC_UINT8_CLAMPED_ARRAY, INTRINSIC_INT16_ARRAY,
    INTRINSIC_UINT16_ARRAY,  INTRINSIC_INT32_ARRAY,  INTRINSIC_UINT32_ARRAY,        INTRINSIC_FLOAT16_ARRAY,
    INTRINSIC_FLOAT32_ARRAY, INTRINSIC_FLOAT64_ARRAY, INTRINSIC_BIGINT64_ARRAY,    INTRINSIC_BIGUINT64_ARRAY};
_Static_assert(PT_ARRAY_LEN(typed_array_ctor) == TA_KIND_COUNT, "one constructor per kind");
_Static_assert((int)PETREL_FLOAT64_ARRAY == (int)TA_FLOAT64 && (int)PETREL_INT8_ARRAY == (int)TA_INT8 &&
                   (int)PETREL_BIGUINT64_ARRAY == (int)TA_BIGUINT64,
               "petrel_typed_array_kind follows TAKind");

bool petrel_typed_array_new(petrel_context *ctx, petrel_typed_array_kind kind, petrel_value *buffer,
                            size_t byte_offset, size_t length, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value r;
  if ((unsigned)kind >= TA_KIND_COUNT) r = rt_throw_range_error(iso, "unknown typed array kind");
  else if (!array_buffer_is(V(buffer))) r = rt_throw_type_error(iso, "not an ArrayBuffer");
  else {
    Value ctor = intrinsic(iso, typed_array_ctor[kind]);
    Value args[3] = {V(buffer), val_from_number((double)byte_offset), val_from_number((double)length)};
    r = rt_construct(iso, ctor, 3, args, ctor);
  }
  return api_result(iso, saved, r, out);
}

bool petrel_value_is_typed_array(petrel_value *v) { return typed_array_is(V(v)); }

petrel_typed_array_kind petrel_typed_array_get_kind(petrel_value *v) {
  return typed_array_is(V(v)) ? (petrel_typed_array_kind)js_typed_array(V(v))->kind : PETREL_UINT8_ARRAY;
}

size_t petrel_typed_array_length(petrel_value *v) {
  if (!typed_array_is(V(v))) return 0;
  double n = typed_array_length(V(v));
  return n > 0 ? (size_t)n : 0;
}

size_t petrel_typed_array_byte_offset(petrel_value *v) {
  return typed_array_is(V(v)) ? js_typed_array(V(v))->byte_offset : 0;
}

petrel_value *petrel_typed_array_buffer(petrel_isolate *iso, petrel_value *v) {
  return api_local(api_iso(iso), typed_array_is(V(v)) ? js_typed_array(V(v))->buffer : VAL_UNDEFINED);
}

/* ---- External memory ---------------------------------------------------------------------- */

petrel_value *petrel_array_buffer_new_external(petrel_context *ctx, void *data, size_t length,
                                               petrel_backing_store_free free_cb, void *param) {
  Isolate *iso = ctx->iso;
  if (data == NULL && length > 0) {
    rt_throw_range_error(iso, "external ArrayBuffer without data");
    api_exception(iso);
    return NULL;
  }
  Realm *saved = api_enter_realm(ctx);
  return local_in(ctx, saved, array_buffer_new_external(iso, data, length, free_cb, param));
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
