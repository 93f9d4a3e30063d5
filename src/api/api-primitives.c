/*
 * The public API: primitive values (undefined, null, booleans, numbers, integers), type tests,
 * conversions, strings (UTF-8, UTF-16, Latin-1, external), symbols and private symbols.
 */
#include "api/api-internal.h"

#include <math.h>
#include <stdlib.h>

#include "builtins/promise.h"
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
