/* ToBigInt, ToBigInt64 and ToBigUint64 (ECMA-262 7.1.13-7.1.16). */
#include "objects/bigint.h"
#include "objects/obj-internal.h"
#include "objects/string.h"

Value rt_to_bigint(Isolate *iso, Value v) {
  Value p = rt_to_primitive(iso, v, HINT_NUMBER);
  if (p == VAL_EXCEPTION) return p;
  if (val_is_bigint(p)) return p;
  if (val_is_bool(p)) return bigint_from_int64(iso, p == VAL_TRUE);
  if (val_is_string(p)) {
    Value r = bigint_from_string(iso, p);
    if (r != VAL_UNDEFINED) return r;
    char buf[128];
    return rt_throw_syntax_error(iso, "Cannot convert %s to a BigInt", key_describe(iso, p, buf, sizeof buf));
  }
  if (val_is_symbol(p)) return rt_throw_type_error(iso, "Cannot convert a Symbol value to a BigInt");
  if (val_is_number(p)) {
    Value s = rt_number_to_string(iso, val_to_number_unchecked(p), 10);
    if (s == VAL_EXCEPTION) return s;
    char buf[128];
    return rt_throw_type_error(iso, "Cannot convert %s to a BigInt", key_describe(iso, s, buf, sizeof buf));
  }
  return rt_throw_type_error(iso, "Cannot convert %s to a BigInt", p == VAL_NULL ? "null" : "undefined");
}

int rt_to_bigint64(Isolate *iso, Value v, int64_t *out) {
  Value b = rt_to_bigint(iso, v);
  if (b == VAL_EXCEPTION) return -1;
  *out = bigint_to_int64(b, NULL);
  return 0;
}

int rt_to_biguint64(Isolate *iso, Value v, uint64_t *out) {
  Value b = rt_to_bigint(iso, v);
  if (b == VAL_EXCEPTION) return -1;
  *out = bigint_to_uint64(b, NULL);
  return 0;
}
