/* Type tests and the type conversions of ECMA-262 7.1. */
#include <math.h>
#include <stdlib.h>

#include "base/dtoa.h"
#include "execution/realm.h"
#include "objects/bigint.h"
#include "objects/js-function.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* ---- Type tests ----------------------------------------------------------------------------- */

bool val_is_callable(Value v) {
  if (!val_is_pointer(v)) return false;
  InstanceType t = val_instance_type(v);
  if (t == IT_JS_FUNCTION || t == IT_JS_BOUND_FUNCTION) return true;
  return t >= IT_FIRST_JS_OBJECT && (obj_map(v)->bit_field & MAP_CALLABLE) != 0;
}

bool val_is_constructor(Value v) {
  for (int depth = 0; depth < 100000; depth++) {
    if (!val_is_pointer(v)) return false;
    InstanceType t = val_instance_type(v);
    if (t == IT_JS_FUNCTION) return (js_function(v)->kind_flags & FUNC_CONSTRUCTOR) != 0;
    if (t == IT_JS_BOUND_FUNCTION) {
      v = ((JSBoundFunction *)val_to_ptr(v))->target;
      continue;
    }
    return t >= IT_FIRST_JS_OBJECT && (obj_map(v)->bit_field & MAP_CONSTRUCTOR) != 0;
  }
  return false;
}

bool val_is_array(Isolate *iso, Value v, int *error) {
  *error = 0;
  for (int depth = 0; depth < 100000; depth++) {
    if (!val_is_pointer(v)) return false;
    InstanceType t = val_instance_type(v);
    if (t == IT_JS_ARRAY) return true;
    if (t != IT_JS_PROXY) return false;
    JSProxy *p = (JSProxy *)val_to_ptr(v);
    if (p->handler == VAL_NULL) {
      rt_throw_type_error(iso, "Cannot perform 'IsArray' on a proxy that has been revoked");
      *error = 1;
      return false;
    }
    v = p->target;
  }
  return false;
}

/* ---- ToPrimitive ---------------------------------------------------------------------------- */

static Value ordinary_to_primitive(Isolate *iso, Value o, ToPrimitiveHint hint) {
  Value names[2];
  if (hint == HINT_STRING) {
    names[0] = NAME(iso, toString);
    names[1] = NAME(iso, valueOf);
  } else {
    names[0] = NAME(iso, valueOf);
    names[1] = NAME(iso, toString);
  }
  for (int i = 0; i < 2; i++) {
    Value m = obj_get(iso, o, names[i], o);
    if (m == VAL_EXCEPTION) return m;
    if (val_is_callable(m)) {
      Value r = rt_call(iso, m, o, 0, NULL);
      if (r == VAL_EXCEPTION || !val_is_object(r)) return r;
    }
  }
  return rt_throw_type_error(iso, "Cannot convert object to primitive value");
}

Value rt_to_primitive(Isolate *iso, Value v, ToPrimitiveHint hint) {
  if (!val_is_object(v)) return v;
  Value exotic = rt_get_method(iso, v, sym_well_known(iso, WKS_TO_PRIMITIVE));
  if (exotic == VAL_EXCEPTION) return exotic;
  if (exotic != VAL_UNDEFINED) {
    Value h = hint == HINT_STRING ? NAME(iso, string) : hint == HINT_NUMBER ? NAME(iso, number) : NAME(iso, default_);
    Value r = rt_call(iso, exotic, v, 1, &h);
    if (r == VAL_EXCEPTION) return r;
    if (val_is_object(r)) return rt_throw_type_error(iso, "Cannot convert object to primitive value");
    return r;
  }
  return ordinary_to_primitive(iso, v, hint == HINT_DEFAULT ? HINT_NUMBER : hint);
}

bool rt_to_boolean(Value v) {
  if (val_is_bool(v)) return v == VAL_TRUE;
  if (val_is_int(v)) return val_to_int(v) != 0;
  if (val_is_double(v)) {
    double d = val_to_double_unchecked(v);
    return d == d && d != 0;
  }
  if (val_is_nullish(v)) return false;
  if (val_is_pointer(v)) {
    InstanceType t = val_instance_type(v);
    if (t <= IT_LAST_STRING) return str_length(v) != 0;
    if (t == IT_BIGINT) return !bigint_is_zero(v);
    return !obj_is_undetectable(v); /* Annex B.3.6.1: [[IsHTMLDDA]] objects are falsy */
  }
  return false;
}

/* ---- Numbers -------------------------------------------------------------------------------- */

double rt_string_to_number(Value s) {
  uint32_t len = str_length(s);
  InstanceType t = val_instance_type(s);
  if (t == IT_SEQ_ONE_BYTE_STRING) return dtoa_string_to_number_latin1(str_latin1_chars(s), len);
  if (t == IT_SEQ_TWO_BYTE_STRING) return dtoa_string_to_number(str_utf16_chars(s), len);
  /* A rope: copy its units out (no heap allocation, so no isolate needed). */
  uint16_t small[64];
  uint16_t *buf = len <= 64 ? small : malloc((size_t)len * sizeof(uint16_t));
  if (!buf) return NAN;
  str_copy_utf16(s, 0, len, buf);
  double d = dtoa_string_to_number(buf, len);
  if (buf != small) free(buf);
  return d;
}

Value rt_to_number(Isolate *iso, Value v) {
  for (;;) {
    if (val_is_number(v)) return v;
    if (v == VAL_UNDEFINED) return VAL_CANONICAL_NAN;
    if (v == VAL_NULL || v == VAL_FALSE) return val_from_int(0);
    if (v == VAL_TRUE) return val_from_int(1);
    if (val_is_string(v)) return val_from_number(rt_string_to_number(v));
    if (val_is_symbol(v)) return rt_throw_type_error(iso, "Cannot convert a Symbol value to a number");
    if (val_is_bigint(v)) return rt_throw_type_error(iso, "Cannot convert a BigInt value to a number");
    if (!val_is_object(v)) return rt_throw_type_error(iso, "Cannot convert value to a number");
    v = rt_to_primitive(iso, v, HINT_NUMBER);
    if (v == VAL_EXCEPTION) return v;
  }
}

Value rt_to_numeric(Isolate *iso, Value v) {
  Value p = rt_to_primitive(iso, v, HINT_NUMBER);
  if (p == VAL_EXCEPTION) return p;
  if (val_is_bigint(p)) return p;
  return rt_to_number(iso, p);
}

int rt_to_number_double(Isolate *iso, Value v, double *out) {
  if (val_is_int(v)) {
    *out = val_to_int(v);
    return 0;
  }
  Value n = rt_to_number(iso, v);
  if (n == VAL_EXCEPTION) return -1;
  *out = val_to_number_unchecked(n);
  return 0;
}

/* ToInt32's modular step for an arbitrary double (NaN and infinities give 0). */
static uint32_t double_to_uint32(double d) {
  if (!isfinite(d)) return 0;
  d = trunc(d);
  if (d >= 0 && d < 4294967296.0) return (uint32_t)d;
  double m = fmod(d, 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return (uint32_t)m;
}

int rt_to_int32(Isolate *iso, Value v, int32_t *out) {
  if (val_is_int(v)) {
    *out = val_to_int(v);
    return 0;
  }
  double d;
  if (rt_to_number_double(iso, v, &d) < 0) return -1;
  *out = (int32_t)double_to_uint32(d);
  return 0;
}

int rt_to_uint32(Isolate *iso, Value v, uint32_t *out) {
  if (val_is_int(v)) {
    *out = (uint32_t)val_to_int(v);
    return 0;
  }
  double d;
  if (rt_to_number_double(iso, v, &d) < 0) return -1;
  *out = double_to_uint32(d);
  return 0;
}

int rt_to_integer_or_infinity(Isolate *iso, Value v, double *out) {
  double d;
  if (rt_to_number_double(iso, v, &d) < 0) return -1;
  if (d != d || d == 0) d = 0;
  else if (isfinite(d)) d = trunc(d);
  *out = d + 0.0; /* no -0 */
  return 0;
}

int rt_to_length(Isolate *iso, Value v, double *out) {
  double d;
  if (rt_to_integer_or_infinity(iso, v, &d) < 0) return -1;
  if (d <= 0) d = 0;
  else if (d > 9007199254740991.0) d = 9007199254740991.0;
  *out = d;
  return 0;
}

int rt_to_index(Isolate *iso, Value v, double *out) {
  if (v == VAL_UNDEFINED) {
    *out = 0;
    return 0;
  }
  double d;
  if (rt_to_integer_or_infinity(iso, v, &d) < 0) return -1;
  if (d < 0 || d > 9007199254740991.0) {
    rt_throw_range_error(iso, "Invalid index");
    return -1;
  }
  *out = d;
  return 0;
}

Value rt_number_to_string(Isolate *iso, double d, int radix) {
  if (radix == 10 || radix < 2 || radix > 36 || !isfinite(d)) {
    if (d == 0) return str_intern_cstr(iso, "0");
    if (d >= 0 && d < 10 && d == (int)d) {
      char c[2] = {(char)('0' + (int)d), 0};
      return str_intern_cstr(iso, c);
    }
    char buf[DTOA_BUF_SIZE];
    size_t n = dtoa_to_js_string(d, buf);
    return str_new_latin1(iso, (const uint8_t *)buf, n);
  }
  char buf[DTOA_RADIX_BUF_SIZE];
  size_t n = dtoa_to_radix_string(d, radix, buf, sizeof buf);
  return str_new_latin1(iso, (const uint8_t *)buf, n);
}

Value rt_to_string(Isolate *iso, Value v) {
  for (;;) {
    if (val_is_string(v)) return v;
    if (val_is_number(v)) return rt_number_to_string(iso, val_to_number_unchecked(v), 10);
    if (v == VAL_UNDEFINED) return NAME(iso, undefined);
    if (v == VAL_NULL) return NAME(iso, null_);
    if (v == VAL_TRUE) return NAME(iso, true_);
    if (v == VAL_FALSE) return NAME(iso, false_);
    if (val_is_symbol(v)) return rt_throw_type_error(iso, "Cannot convert a Symbol value to a string");
    if (val_is_bigint(v)) return bigint_to_string(iso, v, 10);
    if (!val_is_object(v)) return rt_throw_type_error(iso, "Cannot convert value to a string");
    v = rt_to_primitive(iso, v, HINT_STRING);
    if (v == VAL_EXCEPTION) return v;
  }
}

Value rt_to_object(Isolate *iso, Value v) {
  if (val_is_object(v)) return v;
  if (val_is_nullish(v)) return rt_throw_type_error(iso, "Cannot convert undefined or null to object");
  return obj_new_primitive_wrapper(iso, v);
}
