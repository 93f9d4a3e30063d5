/* The BigInt function, BigInt.asIntN/asUintN and BigInt.prototype (ECMA-262 21.2). */
#include "builtins/object-helpers.h"
#include "objects/bigint.h"
#include "objects/js-object.h"

static Value bigint_ctor(Isolate *iso, const CallArgs *args) {
  if (!val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "BigInt is not a constructor");
  Value prim = rt_to_primitive(iso, call_arg(args, 0), HINT_NUMBER);
  if (prim == VAL_EXCEPTION) return prim;
  if (val_is_number(prim)) return bigint_from_number(iso, val_to_number_unchecked(prim));
  return rt_to_bigint(iso, prim);
}

/* BigInt.asIntN (magic 1) and BigInt.asUintN (magic 0). */
static Value bigint_as_n(Isolate *iso, const CallArgs *args) {
  double bits;
  if (rt_to_index(iso, call_arg(args, 0), &bits) < 0) return VAL_EXCEPTION;
  Value x = rt_to_bigint(iso, call_arg(args, 1));
  if (x == VAL_EXCEPTION) return x;
  if (function_magic(args->callee)) return bigint_as_int_n(iso, (uint64_t)bits, x);
  return bigint_as_uint_n(iso, (uint64_t)bits, x);
}

/* thisBigIntValue(this), with V8's message naming the method. */
static Value this_bigint(Isolate *iso, Value v, const char *method) {
  if (val_is_bigint(v)) return v;
  Value p = builtins_wrapper_value(v);
  if (val_is_bigint(p)) return p;
  return rt_throw_type_error(iso, "%s requires that 'this' be a BigInt", method);
}

static Value bigint_proto_to_string(Isolate *iso, const CallArgs *args) {
  Value x = this_bigint(iso, args->this_val, "BigInt.prototype.toString");
  if (x == VAL_EXCEPTION) return x;
  double radix = 10;
  Value r = call_arg(args, 0);
  if (!val_is_undefined(r) && rt_to_integer_or_infinity(iso, r, &radix) < 0) return VAL_EXCEPTION;
  if (radix < 2 || radix > 36) return rt_throw_range_error(iso, "toString() radix must be between 2 and 36");
  return bigint_to_string(iso, x, (int)radix);
}

static Value bigint_proto_to_locale_string(Isolate *iso, const CallArgs *args) {
  Value x = this_bigint(iso, args->this_val, "BigInt.prototype.toLocaleString");
  if (x == VAL_EXCEPTION) return x;
  return bigint_to_string(iso, x, 10);
}

static Value bigint_proto_value_of(Isolate *iso, const CallArgs *args) {
  return this_bigint(iso, args->this_val, "BigInt.prototype.valueOf");
}

int builtins_install_bigint(Isolate *iso, Realm *realm) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "BigInt", bigint_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_BIGINT], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_BIGINT_PROTOTYPE], proto);

  if (builtins_def_method(iso, ctor, "asIntN", bigint_as_n, 2, 1) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "asUintN", bigint_as_n, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "toString", bigint_proto_to_string, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "toLocaleString", bigint_proto_to_locale_string, 0, 0) == VAL_EXCEPTION)
    return -1;
  if (builtins_def_method(iso, proto, "valueOf", bigint_proto_value_of, 0, 0) == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), str_intern_cstr(iso, "BigInt"),
                     ATTR_CONFIGURABLE) < 0)
    return -1;
  return 0;
}
