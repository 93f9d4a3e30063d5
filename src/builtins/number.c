/* The Number constructor, its statics and Number.prototype (ECMA-262 21.1). */
#include "base/dtoa.h"
#include "builtins/object-helpers.h"
#include "objects/bigint.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdlib.h>

/* ---- parseInt / parseFloat (shared with the global object: global.c installs these same
 * function objects, as the spec requires Number.parseInt === parseInt) ---------------------- */

static bool is_strwhite(uint16_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

/* Copies a string's code units into a malloc'd buffer (the parsers take UTF-16). */
static uint16_t *string_units(Isolate *iso, Value s, size_t *len) {
  *len = str_length(s);
  uint16_t *buf = malloc((*len ? *len : 1) * sizeof(uint16_t));
  if (!buf) {
    isolate_throw_oom(iso);
    return NULL;
  }
  str_copy_utf16(s, 0, *len, buf);
  return buf;
}

static Value number_parse_float(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  size_t len;
  uint16_t *u = string_units(iso, s, &len);
  if (!u) return VAL_EXCEPTION;
  size_t i = 0;
  while (i < len && is_strwhite(u[i])) i++;
  double result = NAN;
  /* StrDecimalLiteral prefix: "Infinity" with a sign, else digits. */
  size_t j = i;
  bool neg = false;
  if (j < len && (u[j] == '+' || u[j] == '-')) {
    neg = u[j] == '-';
    j++;
  }
  static const char inf[] = "Infinity";
  size_t k = 0;
  while (k < 8 && j + k < len && u[j + k] == (uint16_t)inf[k]) k++;
  if (k == 8) {
    result = neg ? -INFINITY : INFINITY;
  } else {
    /* Narrow the ASCII prefix that can belong to a decimal literal. */
    size_t end = i;
    while (end < len && end - i < 1u << 30 &&
           ((u[end] >= '0' && u[end] <= '9') || u[end] == '.' || u[end] == 'e' || u[end] == 'E' ||
            u[end] == '+' || u[end] == '-'))
      end++;
    char *a = malloc(end - i + 1);
    if (!a) {
      free(u);
      return isolate_throw_oom(iso);
    }
    for (size_t t = i; t < end; t++) a[t - i] = (char)u[t];
    size_t used;
    double d = dtoa_strtod(a, end - i, &used);
    free(a);
    if (used > 0) result = d;
  }
  free(u);
  return val_from_number(result);
}

static int digit_of(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

static Value number_parse_int(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  int32_t r;
  if (rt_to_int32(iso, call_arg(args, 1), &r) < 0) return VAL_EXCEPTION;
  size_t len;
  uint16_t *u = string_units(iso, s, &len);
  if (!u) return VAL_EXCEPTION;
  size_t i = 0;
  while (i < len && is_strwhite(u[i])) i++;
  bool neg = false;
  if (i < len && (u[i] == '+' || u[i] == '-')) {
    neg = u[i] == '-';
    i++;
  }
  bool strip_prefix = true;
  double result = NAN;
  if (r != 0) {
    if (r < 2 || r > 36) goto done;
    if (r != 16) strip_prefix = false;
  } else {
    r = 10;
  }
  if (strip_prefix && i + 1 < len && u[i] == '0' && (u[i + 1] == 'x' || u[i + 1] == 'X')) {
    i += 2;
    r = 16;
  }
  size_t end = i;
  while (end < len && digit_of(u[end]) < r) end++;
  if (end == i) goto done;
  size_t used;
  result = dtoa_parse_int_radix(u + i, end - i, r, &used);
  if (neg) result = -result;
done:
  free(u);
  return val_from_number(result);
}

/* ---- Number ------------------------------------------------------------------------------- */

static Value number_ctor(Isolate *iso, const CallArgs *args) {
  Value n = val_from_int(0);
  if (args->argc > 0) {
    Value prim = rt_to_numeric(iso, args->argv[0]);
    if (prim == VAL_EXCEPTION) return prim;
    if (val_is_bigint(prim)) {
      n = val_from_number(bigint_to_double(prim)); /* rounded half to even */
    } else {
      n = prim;
    }
  }
  if (val_is_undefined(args->new_target)) return n;
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_NUMBER_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return builtins_new_wrapper(iso, n, proto);
}

static bool arg_number(const CallArgs *args, double *d) {
  Value v = call_arg(args, 0);
  if (!val_is_number(v)) return false;
  *d = val_to_number_unchecked(v);
  return true;
}

static bool is_integral(double d) { return isfinite(d) && trunc(d) == d; }

static Value number_is_finite(Isolate *iso, const CallArgs *args) {
  double d;
  return val_from_bool(arg_number(args, &d) && isfinite(d));
}
static Value number_is_nan(Isolate *iso, const CallArgs *args) {
  double d;
  return val_from_bool(arg_number(args, &d) && d != d);
}
static Value number_is_integer(Isolate *iso, const CallArgs *args) {
  double d;
  return val_from_bool(arg_number(args, &d) && is_integral(d));
}
static Value number_is_safe_integer(Isolate *iso, const CallArgs *args) {
  double d;
  return val_from_bool(arg_number(args, &d) && is_integral(d) && fabs(d) <= 9007199254740991.0);
}

/* thisNumberValue */
static int this_number(Isolate *iso, const CallArgs *args, const char *method, double *out) {
  Value v = args->this_val;
  if (!val_is_number(v)) v = builtins_wrapper_value(v);
  if (!val_is_number(v)) {
    rt_throw_type_error(iso, "%s requires that 'this' be a Number", method);
    return -1;
  }
  *out = val_to_number_unchecked(v);
  return 0;
}

static Value ascii_result(Isolate *iso, const char *s, size_t n) {
  return str_new_latin1(iso, (const uint8_t *)s, n);
}

static Value number_to_string(Isolate *iso, const CallArgs *args) {
  double x;
  if (this_number(iso, args, "Number.prototype.toString", &x) < 0) return VAL_EXCEPTION;
  double radix = 10;
  Value r = call_arg(args, 0);
  if (!val_is_undefined(r) && rt_to_integer_or_infinity(iso, r, &radix) < 0) return VAL_EXCEPTION;
  if (radix < 2 || radix > 36) return rt_throw_range_error(iso, "toString() radix must be between 2 and 36");
  return rt_number_to_string(iso, x, (int)radix);
}

static Value number_to_locale_string(Isolate *iso, const CallArgs *args) {
  double x;
  if (this_number(iso, args, "Number.prototype.toLocaleString", &x) < 0) return VAL_EXCEPTION;
  /* en-US without ICU: at most three fraction digits (half away from zero), digit grouping. */
  if (x != x) return NAME(iso, NaN);
  StringBuilder sb;
  sb_init(&sb, iso);
  if (x < 0 || (x == 0 && signbit(x))) sb_append_unit(&sb, '-');
  x = fabs(x);
  if (x == INFINITY) {
    sb_append_unit(&sb, 0x221E);
    return sb_finish(&sb);
  }
  char buf[DTOA_FIXED_BUF_SIZE];
  char intpart[400];
  size_t il = 0;
  const char *frac = "";
  if (x >= 1e21) {
    /* Expand the shortest digits with zeros, as ICU prints them. */
    char digits[40];
    size_t n = dtoa_to_exponential(x, -1, buf, sizeof buf);
    size_t nd = 0;
    size_t i = 0;
    for (; i < n && buf[i] != 'e'; i++)
      if (buf[i] != '.') digits[nd++] = buf[i];
    int e = atoi(buf + i + 1);
    for (size_t k = 0; k < (size_t)e + 1 && il < sizeof intpart - 1; k++)
      intpart[il++] = k < nd ? digits[k] : '0';
  } else {
    size_t n = dtoa_to_fixed(x, 3, buf, sizeof buf);
    size_t dot = 0;
    while (dot < n && buf[dot] != '.') dot++;
    memcpy(intpart, buf, dot);
    il = dot;
    /* Drop trailing zeros of the fraction. */
    size_t end = n;
    while (end > dot + 1 && buf[end - 1] == '0') end--;
    if (end == dot + 1) end = dot;
    buf[end] = 0;
    frac = buf + dot;
  }
  for (size_t i = 0; i < il; i++) {
    if (i > 0 && (il - i) % 3 == 0) sb_append_unit(&sb, ',');
    sb_append_unit(&sb, (uint16_t)intpart[i]);
  }
  sb_append_cstr(&sb, frac);
  return sb_finish(&sb);
}

static Value number_value_of(Isolate *iso, const CallArgs *args) {
  double x;
  if (this_number(iso, args, "Number.prototype.valueOf", &x) < 0) return VAL_EXCEPTION;
  return val_from_number(x);
}

static Value number_to_fixed(Isolate *iso, const CallArgs *args) {
  double x, f;
  if (this_number(iso, args, "Number.prototype.toFixed", &x) < 0) return VAL_EXCEPTION;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &f) < 0) return VAL_EXCEPTION;
  if (!(f >= 0 && f <= 100))
    return rt_throw_range_error(iso, "toFixed() digits argument must be between 0 and 100");
  if (!isfinite(x)) return rt_number_to_string(iso, x, 10);
  char buf[DTOA_FIXED_BUF_SIZE];
  size_t n = dtoa_to_fixed(x, (int)f, buf, sizeof buf);
  return ascii_result(iso, buf, n);
}

static Value number_to_exponential(Isolate *iso, const CallArgs *args) {
  double x, f;
  if (this_number(iso, args, "Number.prototype.toExponential", &x) < 0) return VAL_EXCEPTION;
  Value fd = call_arg(args, 0);
  if (rt_to_integer_or_infinity(iso, fd, &f) < 0) return VAL_EXCEPTION;
  if (!isfinite(x)) return rt_number_to_string(iso, x, 10);
  if (!(f >= 0 && f <= 100))
    return rt_throw_range_error(iso, "toExponential() argument must be between 0 and 100");
  char buf[DTOA_FIXED_BUF_SIZE];
  size_t n = dtoa_to_exponential(x, val_is_undefined(fd) ? -1 : (int)f, buf, sizeof buf);
  return ascii_result(iso, buf, n);
}

static Value number_to_precision(Isolate *iso, const CallArgs *args) {
  double x, p;
  if (this_number(iso, args, "Number.prototype.toPrecision", &x) < 0) return VAL_EXCEPTION;
  Value pv = call_arg(args, 0);
  if (val_is_undefined(pv)) return rt_number_to_string(iso, x, 10);
  if (rt_to_integer_or_infinity(iso, pv, &p) < 0) return VAL_EXCEPTION;
  if (!isfinite(x)) return rt_number_to_string(iso, x, 10);
  if (!(p >= 1 && p <= 100))
    return rt_throw_range_error(iso, "toPrecision() argument must be between 1 and 100");
  char buf[DTOA_FIXED_BUF_SIZE];
  size_t n = dtoa_to_precision(x, (int)p, buf, sizeof buf);
  return ascii_result(iso, buf, n);
}

int builtins_install_number(Isolate *iso, Realm *realm) {
  Value proto = obj_new_primitive_wrapper(iso, val_from_int(0));
  if (proto == VAL_EXCEPTION) return -1;
  if (obj_set_prototype_of(iso, proto, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]) < 0) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_NUMBER_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Number", number_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_NUMBER], ctor);

  static const struct {
    const char *name;
    double value;
  } constants[] = {
      {"EPSILON", 2.220446049250313e-16},
      {"MAX_SAFE_INTEGER", 9007199254740991.0},
      {"MIN_SAFE_INTEGER", -9007199254740991.0},
      {"MAX_VALUE", 1.7976931348623157e308},
      {"MIN_VALUE", 5e-324},
      {"NaN", NAN},
      {"NEGATIVE_INFINITY", -INFINITY},
      {"POSITIVE_INFINITY", INFINITY},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(constants); i++) {
    if (builtins_def_value(iso, ctor, constants[i].name, val_from_number(constants[i].value), 0) < 0)
      return -1;
  }
  static const struct {
    const char *name;
    NativeFunction fn;
    int length;
  } statics[] = {
      {"isFinite", number_is_finite, 1},     {"isInteger", number_is_integer, 1},
      {"isNaN", number_is_nan, 1},           {"isSafeInteger", number_is_safe_integer, 1},
      {"parseFloat", number_parse_float, 1}, {"parseInt", number_parse_int, 2},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(statics); i++) {
    if (builtins_def_method(iso, ctor, statics[i].name, statics[i].fn, statics[i].length, 0) == VAL_EXCEPTION)
      return -1;
  }
  static const struct {
    const char *name;
    NativeFunction fn;
    int length;
  } methods[] = {
      {"toExponential", number_to_exponential, 1},
      {"toFixed", number_to_fixed, 1},
      {"toPrecision", number_to_precision, 1},
      {"toString", number_to_string, 1},
      {"toLocaleString", number_to_locale_string, 0},
      {"valueOf", number_value_of, 0},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++) {
    if (builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, 0) == VAL_EXCEPTION)
      return -1;
  }
  return 0;
}
