/* Equality, typeof, +, relational comparison, instanceof and `in` (ECMA-262 7.2, 13). */
#include <math.h>

#include "execution/realm.h"
#include "objects/bigint.h"
#include "objects/js-function.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/string.h"
#include "objects/symbol.h"

static Value throw_mix(Isolate *iso) {
  return rt_throw_type_error(iso, "Cannot mix BigInt and other types, use explicit conversions");
}

/* BigInt == String (IsLooselyEqual step 6-7): false when the string is not an integer. */
static int bigint_loose_equals_string(Isolate *iso, Value big, Value str) {
  Value n = bigint_from_string(iso, str);
  if (n == VAL_EXCEPTION) return -1;
  if (n == VAL_UNDEFINED) return 0;
  return bigint_equals(big, n);
}

int rt_strict_equals(Value a, Value b) {
  if (val_is_number(a) && val_is_number(b)) return val_to_number_unchecked(a) == val_to_number_unchecked(b);
  if (a == b) return 1;
  if (val_is_string(a) && val_is_string(b)) return str_equals(a, b);
  if (val_is_bigint(a) && val_is_bigint(b)) return bigint_equals(a, b);
  return 0;
}

bool rt_same_value(Value a, Value b) {
  if (val_is_number(a) && val_is_number(b)) {
    double x = val_to_number_unchecked(a), y = val_to_number_unchecked(b);
    if (x != x) return y != y;
    if (x == 0 && y == 0) return signbit(x) == signbit(y);
    return x == y;
  }
  if (a == b) return true;
  if (val_is_string(a) && val_is_string(b)) return str_equals(a, b);
  if (val_is_bigint(a) && val_is_bigint(b)) return bigint_equals(a, b);
  return false;
}

bool rt_same_value_zero(Value a, Value b) {
  if (val_is_number(a) && val_is_number(b)) {
    double x = val_to_number_unchecked(a), y = val_to_number_unchecked(b);
    if (x != x) return y != y;
    return x == y;
  }
  return rt_same_value(a, b);
}

int rt_loose_equals(Isolate *iso, Value a, Value b) {
  for (int step = 0; step < 8; step++) {
    if (val_is_number(a) && val_is_number(b)) return val_to_number_unchecked(a) == val_to_number_unchecked(b);
    bool as = val_is_string(a), bs = val_is_string(b);
    if (as && bs) return str_equals(a, b);
    if (a == b) return 1;
    if (val_is_nullish(a) && val_is_nullish(b)) return 1;
    /* Annex B.3.6.2: an [[IsHTMLDDA]] object is loosely equal to null and undefined. */
    if ((val_is_nullish(a) && obj_is_undetectable(b)) || (val_is_nullish(b) && obj_is_undetectable(a))) return 1;
    if (val_is_nullish(a) || val_is_nullish(b)) return 0;
    bool ao = val_is_object(a), bo = val_is_object(b);
    bool abig = val_is_bigint(a), bbig = val_is_bigint(b);
    if (abig && bbig) return bigint_equals(a, b);
    if (abig && bs) return bigint_loose_equals_string(iso, a, b);
    if (as && bbig) return bigint_loose_equals_string(iso, b, a);
    if (abig && val_is_number(b)) {
      double d = val_to_number_unchecked(b);
      return d == d && bigint_compare_number(a, d) == 0;
    }
    if (val_is_number(a) && bbig) {
      double d = val_to_number_unchecked(a);
      return d == d && bigint_compare_number(b, d) == 0;
    }
    if (ao && bo) return 0; /* distinct objects */
    if (val_is_number(a) && bs) return val_to_number_unchecked(a) == rt_string_to_number(b);
    if (as && val_is_number(b)) return rt_string_to_number(a) == val_to_number_unchecked(b);
    if (val_is_bool(a)) {
      a = val_from_int(a == VAL_TRUE);
      continue;
    }
    if (val_is_bool(b)) {
      b = val_from_int(b == VAL_TRUE);
      continue;
    }
    if (bo && (val_is_number(a) || as || val_is_symbol(a) || abig)) {
      b = rt_to_primitive(iso, b, HINT_DEFAULT);
      if (b == VAL_EXCEPTION) return -1;
      continue;
    }
    if (ao && (val_is_number(b) || bs || val_is_symbol(b) || bbig)) {
      a = rt_to_primitive(iso, a, HINT_DEFAULT);
      if (a == VAL_EXCEPTION) return -1;
      continue;
    }
    return 0;
  }
  return 0;
}

Value rt_typeof(Isolate *iso, Value v) {
  if (val_is_number(v)) return NAME(iso, number);
  if (v == VAL_UNDEFINED) return NAME(iso, undefined);
  if (v == VAL_NULL) return NAME(iso, object);
  if (val_is_bool(v)) return NAME(iso, boolean);
  if (val_is_string(v)) return NAME(iso, string);
  if (val_is_symbol(v)) return NAME(iso, symbol);
  if (val_is_bigint(v)) return NAME(iso, bigint);
  if (obj_is_undetectable(v)) return NAME(iso, undefined); /* Annex B.3.6.3, before callability */
  if (val_is_callable(v)) return NAME(iso, function);
  return NAME(iso, object);
}

Value rt_add(Isolate *iso, Value a, Value b) {
  if (val_is_int(a) && val_is_int(b)) return val_from_number((double)val_to_int(a) + (double)val_to_int(b));
  if (val_is_number(a) && val_is_number(b))
    return val_from_number(val_to_number_unchecked(a) + val_to_number_unchecked(b));
  Value pa = rt_to_primitive(iso, a, HINT_DEFAULT);
  if (pa == VAL_EXCEPTION) return pa;
  Value pb = rt_to_primitive(iso, b, HINT_DEFAULT);
  if (pb == VAL_EXCEPTION) return pb;
  if (val_is_string(pa) || val_is_string(pb)) {
    Value sa = rt_to_string(iso, pa);
    if (sa == VAL_EXCEPTION) return sa;
    Value sb = rt_to_string(iso, pb);
    if (sb == VAL_EXCEPTION) return sb;
    return str_concat(iso, sa, sb);
  }
  Value na = rt_to_numeric(iso, pa);
  if (na == VAL_EXCEPTION) return na;
  Value nb = rt_to_numeric(iso, pb);
  if (nb == VAL_EXCEPTION) return nb;
  if (val_is_bigint(na) && val_is_bigint(nb)) return bigint_add(iso, na, nb);
  if (val_is_bigint(na) || val_is_bigint(nb)) return throw_mix(iso);
  return val_from_number(val_to_number_unchecked(na) + val_to_number_unchecked(nb));
}

int rt_less_than(Isolate *iso, Value a, Value b, bool left_first) {
  if (val_is_number(a) && val_is_number(b)) {
    double x = val_to_number_unchecked(a), y = val_to_number_unchecked(b);
    if (x != x || y != y) return 2;
    return x < y;
  }
  Value px, py;
  if (left_first) {
    px = rt_to_primitive(iso, a, HINT_NUMBER);
    if (px == VAL_EXCEPTION) return -1;
    py = rt_to_primitive(iso, b, HINT_NUMBER);
    if (py == VAL_EXCEPTION) return -1;
  } else {
    py = rt_to_primitive(iso, b, HINT_NUMBER);
    if (py == VAL_EXCEPTION) return -1;
    px = rt_to_primitive(iso, a, HINT_NUMBER);
    if (px == VAL_EXCEPTION) return -1;
  }
  if (val_is_string(px) && val_is_string(py)) return str_compare(px, py) < 0;
  if (val_is_bigint(px) && val_is_string(py)) {
    Value ny = bigint_from_string(iso, py);
    if (ny == VAL_EXCEPTION) return -1;
    if (ny == VAL_UNDEFINED) return 2;
    return bigint_compare(px, ny) < 0;
  }
  if (val_is_string(px) && val_is_bigint(py)) {
    Value nx = bigint_from_string(iso, px);
    if (nx == VAL_EXCEPTION) return -1;
    if (nx == VAL_UNDEFINED) return 2;
    return bigint_compare(nx, py) < 0;
  }
  Value nx = rt_to_numeric(iso, px);
  if (nx == VAL_EXCEPTION) return -1;
  Value ny = rt_to_numeric(iso, py);
  if (ny == VAL_EXCEPTION) return -1;
  if (val_is_bigint(nx) && val_is_bigint(ny)) return bigint_compare(nx, ny) < 0;
  if (val_is_bigint(nx)) {
    double d = val_to_number_unchecked(ny);
    if (d != d) return 2;
    return bigint_compare_number(nx, d) < 0;
  }
  if (val_is_bigint(ny)) {
    double d = val_to_number_unchecked(nx);
    if (d != d) return 2;
    return bigint_compare_number(ny, d) > 0;
  }
  double x = val_to_number_unchecked(nx), y = val_to_number_unchecked(ny);
  if (x != x || y != y) return 2;
  return x < y;
}

int rt_ordinary_has_instance(Isolate *iso, Value c, Value o) {
  if (!val_is_callable(c)) return 0;
  if (val_instance_type(c) == IT_JS_BOUND_FUNCTION)
    return rt_instance_of(iso, o, ((JSBoundFunction *)val_to_ptr(c))->target);
  if (!val_is_object(o)) return 0;
  Value p = rt_get(iso, c, NAME(iso, prototype));
  if (p == VAL_EXCEPTION) return -1;
  if (!val_is_object(p)) {
    char buf[128];
    rt_throw_type_error(iso, "Function has non-object prototype '%s' in instanceof check",
                        key_describe(iso, p, buf, sizeof buf));
    return -1;
  }
  for (;;) {
    if (!isolate_poll(iso)) return -1;
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) return -1;
    if (o == VAL_NULL) return 0;
    if (o == p) return 1;
  }
}

int rt_instance_of(Isolate *iso, Value v, Value target) {
  if (!val_is_object(target)) {
    rt_throw_type_error(iso, "Right-hand side of 'instanceof' is not an object");
    return -1;
  }
  Value h = rt_get_method(iso, target, sym_well_known(iso, WKS_HAS_INSTANCE));
  if (h == VAL_EXCEPTION) return -1;
  if (h != VAL_UNDEFINED) {
    Value r = rt_call(iso, h, target, 1, &v);
    if (r == VAL_EXCEPTION) return -1;
    return rt_to_boolean(r);
  }
  if (!val_is_callable(target)) {
    rt_throw_type_error(iso, "Right-hand side of 'instanceof' is not callable");
    return -1;
  }
  return rt_ordinary_has_instance(iso, target, v);
}

int rt_has_property_op(Isolate *iso, Value key, Value obj) {
  if (!val_is_object(obj)) {
    char kb[128], ob[128];
    key_describe(iso, key, kb, sizeof kb);
    if (val_is_string(obj)) {
      Value s = obj;
      uint32_t n = str_length(s);
      uint16_t units[100];
      uint32_t take = n < 99 ? n : 99;
      str_copy_utf16(s, 0, take, units);
      size_t j = 0;
      for (uint32_t i = 0; i < take && j + 1 < sizeof ob; i++) ob[j++] = units[i] < 128 ? (char)units[i] : '?';
      ob[j] = 0;
    } else {
      key_describe(iso, obj, ob, sizeof ob);
    }
    rt_throw_type_error(iso, "Cannot use 'in' operator to search for '%s' in %s", kb, ob);
    return -1;
  }
  Value k = rt_to_property_key(iso, key);
  if (k == VAL_EXCEPTION) return -1;
  return obj_has_property(iso, obj, k);
}
