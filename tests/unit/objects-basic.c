/*
 * Object model and runtime: map sharing and transitions, dictionary mode, attributes and
 * defineProperty validation, arrays (length, sparse), own-key order, conversions, equality,
 * errors, native and bound function calls.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "execution/realm.h"
#include "interpreter/interpreter.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* Lets this test link before the interpreter exists; a real definition wins. */
__attribute__((weak)) Value interpreter_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv,
                                             Value new_target) {
  PT_UNUSED(fn);
  PT_UNUSED(this_val);
  PT_UNUSED(argc);
  PT_UNUSED(argv);
  PT_UNUSED(new_target);
  return rt_throw_type_error(iso, "bytecode functions are not available in this test");
}

#include "unit-check.h"

static Isolate *iso;
static Value K(const char *s) { return key_from_cstr(iso, s); }
static Value S(const char *s) { return str_from_cstr(iso, s); }
static bool str_is(Value v, const char *s) { return val_is_string(v) && str_equals(v, S(s)); }
static double num(Value v) { return val_to_number_unchecked(v); }
static Value getk(Value o, const char *k) { return rt_get(iso, o, K(k)); }
static void setk(Value o, const char *k, Value v) { CHECK(rt_set(iso, o, K(k), v, true) == 1); }
static Value error_kind_proto(ErrorKind k) {
  static const int map[] = {INTRINSIC_ERROR_PROTOTYPE, INTRINSIC_EVAL_ERROR_PROTOTYPE, INTRINSIC_RANGE_ERROR_PROTOTYPE,
                            INTRINSIC_REFERENCE_ERROR_PROTOTYPE, INTRINSIC_SYNTAX_ERROR_PROTOTYPE,
                            INTRINSIC_TYPE_ERROR_PROTOTYPE};
  return intrinsic(iso, (Intrinsic)map[k]);
}
/* Takes the pending exception and checks its message starts with `msg`. */
static bool threw(const char *msg) {
  if (!isolate_has_exception(iso)) return false;
  Value e = isolate_take_exception(iso);
  if (!val_is_object(e)) return false;
  Value m = rt_get(iso, e, NAME(iso, message));
  if (!val_is_string(m)) return false;
  char *u = str_to_utf8(iso, m, NULL);
  bool ok = u && strncmp(u, msg, strlen(msg)) == 0;
  if (!ok) printf("  message was: %s\n", u ? u : "(null)");
  free(u);
  return ok;
}

static void test_maps(void) {
  Value a = obj_new_plain(iso), b = obj_new_plain(iso);
  CHECK(obj_map(a) == obj_map(b));
  setk(a, "x", val_from_int(1));
  setk(a, "y", val_from_int(2));
  setk(b, "x", val_from_int(3));
  setk(b, "y", val_from_int(4));
  CHECK(obj_map(a) == obj_map(b)); /* same construction, same map */
  Value c = obj_new_plain(iso);
  setk(c, "y", val_from_int(1));
  setk(c, "x", val_from_int(2));
  CHECK(obj_map(c) != obj_map(a)); /* different order, different map */
  CHECK(num(getk(a, "x")) == 1 && num(getk(b, "y")) == 4 && num(getk(c, "x")) == 2);
  /* Null-prototype objects share too; a different prototype gives a different map. */
  Value n1 = obj_new(iso, VAL_NULL), n2 = obj_new(iso, VAL_NULL), p = obj_new(iso, a);
  CHECK(obj_map(n1) == obj_map(n2));
  CHECK(obj_map(p) != obj_map(n1));
  CHECK(obj_get_prototype_of(iso, p) == a);
  CHECK(num(getk(p, "x")) == 1); /* inherited */
  /* Many out-of-object properties. */
  Value d = obj_new_plain(iso);
  char name[32];
  for (int i = 0; i < 40; i++) {
    snprintf(name, sizeof name, "p%d", i);
    setk(d, name, val_from_int(i * 10));
  }
  bool ok = true;
  for (int i = 0; i < 40; i++) {
    snprintf(name, sizeof name, "p%d", i);
    ok &= num(getk(d, name)) == i * 10;
  }
  CHECK(ok);
  CHECK(!(obj_map(d)->bit_field & MAP_DICTIONARY));
  /* Literal boilerplates: same count, same keys -> one map with everything in-object. */
  Value l1 = obj_new_literal(iso, 10), l2 = obj_new_literal(iso, 10);
  for (int i = 0; i < 10; i++) {
    snprintf(name, sizeof name, "f%d", i);
    rt_define_data(iso, l1, K(name), val_from_int(i), ATTR_DEFAULT);
    rt_define_data(iso, l2, K(name), val_from_int(-i), ATTR_DEFAULT);
  }
  CHECK(obj_map(l1) == obj_map(l2) && obj_map(l1)->inobject_count == 10);
  CHECK(num(getk(l2, "f9")) == -9 && num(getk(l1, "f9")) == 9);
}

static void test_dictionary(void) {
  Value o = obj_new_plain(iso);
  char name[32];
  for (int i = 0; i < 200; i++) {
    snprintf(name, sizeof name, "k%d", i);
    setk(o, name, val_from_int(i));
  }
  CHECK(obj_map(o)->bit_field & MAP_DICTIONARY);
  bool ok = true;
  for (int i = 0; i < 200; i++) {
    snprintf(name, sizeof name, "k%d", i);
    ok &= num(getk(o, name)) == i;
  }
  CHECK(ok);
  Value keys = obj_own_property_keys(iso, o);
  CHECK(array_length(keys) == 200);
  CHECK(rt_get(iso, keys, key_from_index(0)) == K("k0") && rt_get(iso, keys, key_from_index(199)) == K("k199"));
  /* Deleting the last-added property returns to the shared map. */
  Value a = obj_new_plain(iso), b = obj_new_plain(iso);
  setk(a, "x", val_from_int(1));
  setk(b, "x", val_from_int(1));
  setk(b, "y", val_from_int(2));
  CHECK(obj_delete(iso, b, K("y")) == 1);
  CHECK(obj_map(a) == obj_map(b));
  CHECK(getk(b, "y") == VAL_UNDEFINED);
  /* Deleting another one goes to dictionary mode and keeps the order of the rest. */
  Value c = obj_new_plain(iso);
  setk(c, "a", val_from_int(1));
  setk(c, "b", val_from_int(2));
  setk(c, "c", val_from_int(3));
  CHECK(obj_delete(iso, c, K("a")) == 1);
  CHECK(obj_map(c)->bit_field & MAP_DICTIONARY);
  setk(c, "a", val_from_int(4));
  keys = obj_own_property_keys(iso, c);
  CHECK(array_length(keys) == 3 && rt_get(iso, keys, key_from_index(0)) == K("b") &&
        rt_get(iso, keys, key_from_index(2)) == K("a"));
  CHECK(num(getk(c, "b")) == 2 && num(getk(c, "a")) == 4);
}

static void test_attributes(void) {
  Value o = obj_new_plain(iso);
  CHECK(rt_define_data(iso, o, K("ro"), val_from_int(1), 0) == 0);
  /* Sloppy assignment to a read-only property fails silently; strict throws V8's message. */
  CHECK(rt_set(iso, o, K("ro"), val_from_int(2), false) == 0);
  CHECK(rt_set(iso, o, K("ro"), val_from_int(2), true) == -1);
  CHECK(threw("Cannot assign to read only property 'ro' of object '#<Object>'"));
  CHECK(num(getk(o, "ro")) == 1);
  PropertyDescriptor d;
  desc_init(&d);
  d.has_value = true;
  d.value = val_from_int(1);
  CHECK(obj_define_own_property(iso, o, K("ro"), &d) == 1); /* same value: allowed */
  d.value = val_from_int(2);
  CHECK(obj_define_own_property(iso, o, K("ro"), &d) == 0);
  CHECK(rt_define_property_or_throw(iso, o, K("ro"), &d) == -1);
  CHECK(threw("Cannot redefine property: ro"));
  desc_init(&d);
  d.has_configurable = true;
  d.configurable = true;
  CHECK(obj_define_own_property(iso, o, K("ro"), &d) == 0);
  desc_init(&d);
  d.has_enumerable = true;
  d.enumerable = true;
  CHECK(obj_define_own_property(iso, o, K("ro"), &d) == 0);
  desc_init(&d);
  d.has_get = true;
  CHECK(obj_define_own_property(iso, o, K("ro"), &d) == 0); /* data -> accessor on non-configurable */
  /* A configurable property may become an accessor and back. */
  CHECK(rt_define_data(iso, o, K("c"), val_from_int(5), ATTR_CONFIGURABLE) == 0);
  Value getter = intrinsic(iso, INTRINSIC_FUNCTION_PROTOTYPE);
  CHECK(rt_define_accessor(iso, o, K("c"), getter, VAL_UNDEFINED, ATTR_CONFIGURABLE) == 0);
  PropertyDescriptor got;
  CHECK(obj_get_own_property(iso, o, K("c"), &got) == 1 && desc_is_accessor(&got) && got.get == getter &&
        got.set == VAL_UNDEFINED && !got.enumerable && got.configurable);
  CHECK(getk(o, "c") == VAL_UNDEFINED); /* %Function.prototype% returns undefined */
  desc_init(&d);
  d.has_value = true;
  d.value = val_from_int(7);
  CHECK(obj_define_own_property(iso, o, K("c"), &d) == 1);
  CHECK(obj_get_own_property(iso, o, K("c"), &got) == 1 && desc_is_data(&got) && !got.writable && num(got.value) == 7);
  /* Non-extensible objects refuse new properties. */
  CHECK(obj_prevent_extensions(iso, o) == 1);
  CHECK(obj_is_extensible(iso, o) == 0);
  CHECK(rt_set(iso, o, K("fresh"), val_from_int(1), true) == -1);
  CHECK(threw("Cannot add property fresh, object is not extensible"));
  /* Freeze / isFrozen. */
  Value f = obj_new_plain(iso);
  setk(f, "a", val_from_int(1));
  rt_set(iso, f, key_from_index(0), val_from_int(9), true);
  CHECK(obj_test_integrity_level(iso, f, true) == 0);
  CHECK(obj_set_integrity_level(iso, f, true) == 1);
  CHECK(obj_test_integrity_level(iso, f, true) == 1);
  CHECK(rt_set(iso, f, K("a"), val_from_int(2), false) == 0 && num(getk(f, "a")) == 1);
  CHECK(rt_set(iso, f, key_from_index(0), val_from_int(2), false) == 0);
  CHECK(num(rt_get(iso, f, key_from_index(0))) == 9);
  CHECK(obj_delete(iso, f, K("a")) == 0);
}

static void test_arrays(void) {
  Value a = array_new(iso, 0);
  CHECK(obj_is_js_array(a) && array_length(a) == 0);
  CHECK(obj_get_prototype_of(iso, a) == intrinsic(iso, INTRINSIC_ARRAY_PROTOTYPE) ||
        intrinsic(iso, INTRINSIC_ARRAY_PROTOTYPE) == VAL_UNDEFINED);
  CHECK(rt_set(iso, a, key_from_index(5), val_from_int(1), true) == 1);
  CHECK(num(getk(a, "length")) == 6);
  CHECK(rt_has_own_property(iso, a, key_from_index(3)) == 0);
  for (int i = 0; i < 5; i++) rt_set(iso, a, key_from_index((uint32_t)i), val_from_int(i), true);
  setk(a, "length", val_from_int(2));
  CHECK(array_length(a) == 2 && rt_get(iso, a, key_from_index(3)) == VAL_UNDEFINED);
  CHECK(num(rt_get(iso, a, key_from_index(1))) == 1);
  /* Invalid lengths: RangeError. */
  CHECK(rt_set(iso, a, K("length"), val_from_int(-1), true) == -1);
  CHECK(threw("Invalid array length"));
  CHECK(rt_set(iso, a, K("length"), val_from_double(1.5), true) == -1);
  CHECK(threw("Invalid array length"));
  setk(a, "length", S("3")); /* ToNumber("3") */
  CHECK(array_length(a) == 3);
  /* length is non-enumerable, non-configurable, writable. */
  PropertyDescriptor d;
  CHECK(obj_get_own_property(iso, a, K("length"), &d) == 1 && d.writable && !d.enumerable && !d.configurable);
  CHECK(obj_delete(iso, a, K("length")) == 0);
  /* Sparse: a[1e9] does not allocate 1e9 slots. */
  Value s = array_new(iso, 0);
  CHECK(rt_set(iso, s, key_from_index(1000000000u), val_from_int(7), true) == 1);
  CHECK(array_length(s) == 1000000001u);
  CHECK(obj_map(s)->elements_kind == ELEMENTS_DICTIONARY);
  CHECK(num(rt_get(iso, s, key_from_index(1000000000u))) == 7);
  rt_set(iso, s, key_from_index(3), val_from_int(3), true);
  Value keys = obj_own_property_keys(iso, s);
  CHECK(array_length(keys) == 3 && num(rt_get(iso, keys, key_from_index(0))) == 3 &&
        num(rt_get(iso, keys, key_from_index(1))) == 1e9 && rt_get(iso, keys, key_from_index(2)) == K("length"));
  /* Dense again: dictionary elements go back to a FixedArray. */
  Value g = array_new(iso, 0);
  rt_set(iso, g, key_from_index(5000), val_from_int(-1), true);
  CHECK(obj_map(g)->elements_kind == ELEMENTS_DICTIONARY);
  for (uint32_t i = 0; i < 4095; i++) rt_set(iso, g, key_from_index(i), val_from_int((int32_t)i), true);
  CHECK(obj_map(g)->elements_kind == ELEMENTS_HOLEY);
  bool dense_ok = array_length(g) == 5001 && num(rt_get(iso, g, key_from_index(5000))) == -1 &&
                  rt_get(iso, g, key_from_index(4500)) == VAL_UNDEFINED;
  for (uint32_t i = 0; i < 4095; i++) dense_ok &= num(rt_get(iso, g, key_from_index(i))) == i;
  CHECK(dense_ok);
  /* Shrinking past a non-configurable element stops there. */
  Value n = array_new(iso, 0);
  for (int i = 0; i < 5; i++) rt_set(iso, n, key_from_index((uint32_t)i), val_from_int(i), true);
  CHECK(rt_define_data(iso, n, key_from_index(2), val_from_int(2), ATTR_WRITABLE) == 0);
  CHECK(rt_set(iso, n, K("length"), val_from_int(0), false) == 0);
  CHECK(array_length(n) == 3);
  /* Non-writable length: growth by index fails. */
  PropertyDescriptor ro;
  desc_init(&ro);
  ro.has_writable = true;
  ro.writable = false;
  CHECK(obj_define_own_property(iso, n, K("length"), &ro) == 1);
  CHECK(rt_set(iso, n, key_from_index(10), val_from_int(1), false) == 0);
  CHECK(array_length(n) == 3);
  CHECK(rt_set(iso, n, K("length"), val_from_int(5), false) == 0);
  /* array_from_values and packedness. */
  Value vals[3] = {val_from_int(1), S("two"), VAL_TRUE};
  Value f = array_from_values(iso, vals, 3);
  CHECK(array_length(f) == 3 && str_is(rt_get(iso, f, key_from_index(1)), "two"));
  CHECK(obj_map(f)->elements_kind == ELEMENTS_PACKED);
  CHECK(obj_delete(iso, f, key_from_index(1)) == 1);
  CHECK(obj_map(f)->elements_kind == ELEMENTS_HOLEY && array_length(f) == 3);
  int err;
  CHECK(val_is_array(iso, f, &err) && !val_is_array(iso, obj_new_plain(iso), &err));
}

static void test_key_order(void) {
  Value o = obj_new_plain(iso);
  Value sym = sym_new(iso, S("s"));
  setk(o, "b", val_from_int(1));
  rt_set(iso, o, sym, val_from_int(1), true);
  setk(o, "2", val_from_int(1));
  setk(o, "a", val_from_int(1));
  setk(o, "1", val_from_int(1));
  setk(o, "01", val_from_int(1)); /* not an index */
  Value keys = obj_own_property_keys(iso, o);
  CHECK(array_length(keys) == 6);
  CHECK(num(rt_get(iso, keys, key_from_index(0))) == 1 && num(rt_get(iso, keys, key_from_index(1))) == 2);
  CHECK(rt_get(iso, keys, key_from_index(2)) == K("b") && rt_get(iso, keys, key_from_index(3)) == K("a"));
  CHECK(rt_get(iso, keys, key_from_index(4)) == K("01") && rt_get(iso, keys, key_from_index(5)) == sym);
  CHECK(key_from_string(iso, S("4294967294")) == key_from_index(4294967294u));
  CHECK(val_is_string(key_from_string(iso, S("4294967295"))));
  /* String wrapper: indices, then own props; length is own and read-only. */
  Value w = rt_to_object(iso, S("hey"));
  setk(w, "x", val_from_int(1));
  keys = obj_own_property_keys(iso, w);
  CHECK(array_length(keys) == 5 && rt_get(iso, keys, key_from_index(3)) == K("length") &&
        rt_get(iso, keys, key_from_index(4)) == K("x"));
  CHECK(str_is(rt_get(iso, w, key_from_index(1)), "e"));
  CHECK(rt_set(iso, w, key_from_index(0), S("z"), false) == 0);
  CHECK(num(rt_get(iso, S("hey"), K("length"))) == 3 && str_is(rt_get(iso, S("hey"), key_from_index(2)), "y"));
}

static Value native_record(Isolate *i, const CallArgs *args) {
  /* Appends magic to the holder's `log` string, returns magic (or an object when magic < 0). */
  Value holder = args->this_val;
  Value log = rt_get(i, holder, key_from_cstr(i, "log"));
  char buf[8];
  snprintf(buf, sizeof buf, "%d", function_magic(args->callee) < 0 ? -function_magic(args->callee) : function_magic(args->callee));
  rt_set(i, holder, key_from_cstr(i, "log"), str_concat(i, log, str_from_cstr(i, buf)), true);
  if (function_magic(args->callee) < 0) return obj_new_plain(i);
  return val_from_int(function_magic(args->callee));
}

static void test_conversions(void) {
  double d;
  CHECK(rt_to_number_double(iso, S("  12.5 "), &d) == 0 && d == 12.5);
  CHECK(rt_to_number_double(iso, S("0x10"), &d) == 0 && d == 16);
  CHECK(rt_to_number_double(iso, S(""), &d) == 0 && d == 0);
  CHECK(rt_to_number_double(iso, S("abc"), &d) == 0 && d != d);
  CHECK(rt_to_number_double(iso, VAL_UNDEFINED, &d) == 0 && d != d);
  CHECK(rt_to_number_double(iso, VAL_NULL, &d) == 0 && d == 0);
  CHECK(rt_to_number_double(iso, VAL_TRUE, &d) == 0 && d == 1);
  CHECK(str_is(rt_to_string(iso, val_from_double(1e21)), "1e+21"));
  CHECK(str_is(rt_to_string(iso, val_from_double(-0.0)), "0"));
  CHECK(str_is(rt_to_string(iso, val_from_double(0.1)), "0.1"));
  CHECK(str_is(rt_to_string(iso, val_from_int(-42)), "-42"));
  CHECK(str_is(rt_to_string(iso, VAL_CANONICAL_NAN), "NaN"));
  CHECK(str_is(rt_to_string(iso, VAL_NULL), "null"));
  CHECK(str_is(rt_number_to_string(iso, 255, 16), "ff"));
  /* Round trips. */
  static const double samples[] = {0.1, 1.0 / 3, 123456789012345680000.0, 5e-324, 1.7976931348623157e308, -2.5};
  bool ok = true;
  for (size_t i = 0; i < PT_ARRAY_LEN(samples); i++) {
    Value s = rt_to_string(iso, val_from_double(samples[i]));
    ok &= rt_to_number_double(iso, s, &d) == 0 && d == samples[i];
  }
  CHECK(ok);
  int32_t i32;
  uint32_t u32;
  CHECK(rt_to_int32(iso, val_from_double(4294967297.0), &i32) == 0 && i32 == 1);
  CHECK(rt_to_int32(iso, val_from_double(2147483648.0), &i32) == 0 && i32 == INT32_MIN);
  CHECK(rt_to_uint32(iso, val_from_int(-1), &u32) == 0 && u32 == 4294967295u);
  CHECK(rt_to_int32(iso, val_from_double(-1.9), &i32) == 0 && i32 == -1);
  CHECK(rt_to_length(iso, val_from_double(-5), &d) == 0 && d == 0);
  CHECK(rt_to_integer_or_infinity(iso, val_from_double(-0.5), &d) == 0 && d == 0 && !signbit(d));
  CHECK(rt_to_index(iso, val_from_int(-1), &d) == -1 && threw("Invalid index"));
  /* Symbols do not convert. */
  CHECK(rt_to_string(iso, sym_new(iso, VAL_UNDEFINED)) == VAL_EXCEPTION);
  CHECK(threw("Cannot convert a Symbol value to a string"));
  CHECK(rt_to_object(iso, VAL_NULL) == VAL_EXCEPTION && threw("Cannot convert undefined or null to object"));
  /* OrdinaryToPrimitive order: valueOf first for number/default, toString first for string. */
  Value o = obj_new_plain(iso);
  setk(o, "log", S(""));
  Value vo = function_new_native(iso, K("valueOf"), 0, native_record, 1, 0);
  Value ts = function_new_native(iso, K("toString"), 0, native_record, -2, 0);
  rt_define_data(iso, o, K("valueOf"), vo, ATTR_BUILTIN);
  rt_define_data(iso, o, K("toString"), ts, ATTR_BUILTIN);
  CHECK(num(rt_to_primitive(iso, o, HINT_DEFAULT)) == 1);
  CHECK(str_is(getk(o, "log"), "1"));
  /* toString returns an object, so string hint falls through to valueOf. */
  CHECK(num(rt_to_primitive(iso, o, HINT_STRING)) == 1);
  CHECK(str_is(getk(o, "log"), "121"));
  /* @@toPrimitive wins. */
  Value tp = function_new_native(iso, K("x"), 0, native_record, 3, 0);
  rt_define_data(iso, o, sym_well_known(iso, WKS_TO_PRIMITIVE), tp, ATTR_BUILTIN);
  CHECK(num(rt_to_primitive(iso, o, HINT_NUMBER)) == 3);
  CHECK(str_is(getk(o, "log"), "1213"));
  /* + operator: string concatenation and numeric addition. */
  CHECK(str_is(rt_add(iso, S("a"), val_from_int(1)), "a1"));
  CHECK(num(rt_add(iso, val_from_int(1), VAL_TRUE)) == 2);
  CHECK(str_is(rt_add(iso, val_from_int(1), VAL_NULL), "1") == false && num(rt_add(iso, val_from_int(1), VAL_NULL)) == 1);
  CHECK(num(rt_add(iso, val_from_int(2147483647), val_from_int(1))) == 2147483648.0);
  CHECK(str_is(rt_typeof(iso, VAL_NULL), "object") && str_is(rt_typeof(iso, vo), "function") &&
        str_is(rt_typeof(iso, VAL_UNDEFINED), "undefined") && str_is(rt_typeof(iso, S("")), "string"));
}

static void test_equality(void) {
  Value o = obj_new_plain(iso);
  CHECK(rt_loose_equals(iso, VAL_NULL, VAL_UNDEFINED) == 1);
  CHECK(rt_loose_equals(iso, VAL_NULL, val_from_int(0)) == 0);
  CHECK(rt_loose_equals(iso, S("1"), val_from_int(1)) == 1);
  CHECK(rt_loose_equals(iso, VAL_TRUE, val_from_int(1)) == 1);
  CHECK(rt_loose_equals(iso, VAL_TRUE, S("1")) == 1);
  CHECK(rt_loose_equals(iso, S(""), val_from_int(0)) == 1);
  CHECK(rt_loose_equals(iso, VAL_CANONICAL_NAN, VAL_CANONICAL_NAN) == 0);
  CHECK(rt_loose_equals(iso, o, o) == 1 && rt_loose_equals(iso, o, obj_new_plain(iso)) == 0);
  CHECK(rt_strict_equals(val_from_int(0), val_from_double(-0.0)) == 1);
  CHECK(rt_strict_equals(S("ab"), str_concat(iso, S("a"), S("b"))) == 1);
  CHECK(rt_strict_equals(val_from_int(1), S("1")) == 0);
  CHECK(!rt_same_value(val_from_int(0), val_from_double(-0.0)));
  CHECK(rt_same_value(VAL_CANONICAL_NAN, val_from_double(0.0 / 0.0)));
  CHECK(rt_same_value_zero(val_from_int(0), val_from_double(-0.0)));
  CHECK(rt_less_than(iso, val_from_int(1), val_from_int(2), true) == 1);
  CHECK(rt_less_than(iso, S("10"), S("9"), true) == 1);  /* string comparison */
  CHECK(rt_less_than(iso, S("10"), val_from_int(9), true) == 0);
  CHECK(rt_less_than(iso, VAL_CANONICAL_NAN, val_from_int(9), true) == 2);
  /* Symbol equality is identity. */
  Value s = sym_new(iso, VAL_UNDEFINED);
  CHECK(rt_loose_equals(iso, s, s) == 1 && rt_loose_equals(iso, s, sym_new(iso, VAL_UNDEFINED)) == 0);
}

static Value native_sum(Isolate *i, const CallArgs *args) {
  double t = 0;
  for (int k = 0; k < args->argc; k++) t += val_to_number_unchecked(args->argv[k]);
  if (args->new_target != VAL_UNDEFINED) {
    Value proto = rt_prototype_from_constructor(i, args->new_target, INTRINSIC_OBJECT_PROTOTYPE);
    Value o = obj_new(i, proto);
    rt_set(i, o, key_from_cstr(i, "sum"), val_from_number(t), true);
    return o;
  }
  return val_from_number(t + (args->this_val == VAL_TRUE ? 1000 : 0));
}

static void test_functions(void) {
  Value f = function_new_native(iso, K("sum"), 2, native_sum, 0, NATIVE_CONSTRUCTOR);
  CHECK(val_is_callable(f) && val_is_constructor(f));
  CHECK(str_is(getk(f, "name"), "sum") && num(getk(f, "length")) == 2);
  Value args[3] = {val_from_int(1), val_from_int(2), val_from_int(3)};
  CHECK(num(rt_call(iso, f, VAL_UNDEFINED, 3, args)) == 6);
  Value b = function_bind(iso, f, VAL_TRUE, 1, args);
  CHECK(str_is(getk(b, "name"), "bound sum") && num(getk(b, "length")) == 1);
  CHECK(num(rt_call(iso, b, VAL_UNDEFINED, 2, args + 1)) == 1006);
  CHECK(function_make_constructor(iso, f, VAL_UNDEFINED, true) == 0);
  Value inst = rt_construct(iso, b, 1, args, VAL_UNDEFINED);
  CHECK(val_is_object(inst) && num(getk(inst, "sum")) == 2);
  CHECK(obj_get_prototype_of(iso, inst) == getk(f, "prototype"));
  CHECK(rt_instance_of(iso, inst, f) == 1 && rt_instance_of(iso, inst, b) == 1);
  CHECK(rt_instance_of(iso, obj_new_plain(iso), f) == 0);
  CHECK(rt_instance_of(iso, inst, val_from_int(1)) == -1 && threw("Right-hand side of 'instanceof' is not an object"));
  CHECK(rt_call(iso, val_from_int(1), VAL_UNDEFINED, 0, NULL) == VAL_EXCEPTION && threw("1 is not a function"));
  Value plain = function_new_native(iso, K("p"), 0, native_sum, 0, 0);
  CHECK(!val_is_constructor(plain));
  CHECK(rt_construct(iso, plain, 0, NULL, VAL_UNDEFINED) == VAL_EXCEPTION);
  CHECK(threw("p is not a constructor"));
  CHECK(rt_has_property_op(iso, S("sum"), inst) == 1 && rt_has_property_op(iso, S("nope"), inst) == 0);
  CHECK(rt_has_property_op(iso, S("x"), val_from_int(1)) == -1 && threw("Cannot use 'in' operator"));
  /* Getters see the receiver. */
  Value o = obj_new_plain(iso);
  Value g = function_new_native(iso, K("g"), 0, native_sum, 0, 0);
  rt_define_accessor(iso, o, K("acc"), g, VAL_UNDEFINED, ATTR_CONFIGURABLE);
  Value child = obj_new(iso, o);
  CHECK(num(rt_get(iso, child, K("acc"))) == 0);
  CHECK(rt_set(iso, child, K("acc"), val_from_int(1), true) == -1 && threw("Cannot set property acc of"));
}

static void test_errors(void) {
  CHECK(rt_get(iso, VAL_UNDEFINED, K("x")) == VAL_EXCEPTION);
  Value e = isolate_take_exception(iso);
  CHECK(val_is_object(e) && val_instance_type(e) == IT_JS_ERROR);
  CHECK(error_kind_proto(ERR_TYPE) == VAL_UNDEFINED || obj_get_prototype_of(iso, e) == error_kind_proto(ERR_TYPE));
  Value m = rt_get(iso, e, NAME(iso, message));
  CHECK(str_is(m, "Cannot read properties of undefined (reading 'x')"));
  PropertyDescriptor d;
  CHECK(obj_get_own_property(iso, e, NAME(iso, message), &d) == 1 && !d.enumerable && d.writable && d.configurable);
  CHECK(rt_set(iso, VAL_NULL, K("y"), val_from_int(1), true) == -1 && threw("Cannot set properties of null (setting 'y')"));
  CHECK(rt_throw_range_error(iso, "Invalid count value: %d", -1) == VAL_EXCEPTION && threw("Invalid count value: -1"));
}

/* An exotic type registered through object_register_ops: every string key reads as its own
 * name, `has` is always true, and keys report one synthesized key. Dispatch must reach it
 * directly and through a prototype chain. */
static Value echo_get(Isolate *i, Value obj, Value key, Value receiver) {
  PT_UNUSED(obj);
  PT_UNUSED(receiver);
  return val_is_string(key) ? key : ordinary_get(i, obj, key, receiver);
}
static int echo_has(Isolate *i, Value obj, Value key) {
  PT_UNUSED(i);
  PT_UNUSED(obj);
  return val_is_string(key);
}
static Value echo_keys(Isolate *i, Value obj) {
  PT_UNUSED(obj);
  Value k = key_from_cstr(i, "only");
  return array_from_values(i, &k, 1);
}
static const ObjectOps echo_ops = {.get = echo_get, .has_property = echo_has, .own_property_keys = echo_keys};

static void test_exotic_dispatch(void) {
  object_register_ops(IT_JS_MODULE_NAMESPACE, &echo_ops);
  Value e = obj_new_with_type(iso, IT_JS_MODULE_NAMESPACE, sizeof(JSObject), VAL_NULL);
  CHECK(getk(e, "hello") == K("hello"));
  CHECK(obj_has_property(iso, e, K("anything")) == 1);
  Value child = obj_new(iso, e);
  CHECK(getk(child, "viaProto") == K("viaProto")); /* OrdinaryGet defers to the parent's [[Get]] */
  CHECK(rt_has_property_op(iso, S("zzz"), child) == 1);
  Value keys = obj_own_property_keys(iso, e);
  CHECK(array_length(keys) == 1 && rt_get(iso, keys, key_from_index(0)) == K("only"));
  object_register_ops(IT_JS_MODULE_NAMESPACE, NULL);
  CHECK(getk(e, "hello") == VAL_UNDEFINED);
}

static void test_gc(void) {
  /* Objects survive a collection through stack references and heap references. */
  Value o = obj_new_plain(iso);
  Value arr = array_new(iso, 0);
  for (int i = 0; i < 1000; i++) {
    Value inner = obj_new_plain(iso);
    rt_set(iso, inner, K("i"), val_from_int(i), true);
    array_push(iso, arr, inner);
  }
  setk(o, "arr", arr);
  heap_collect(iso, GC_REASON_EXPLICIT);
  bool ok = true;
  for (int i = 0; i < 1000; i++) ok &= num(rt_get(iso, rt_get(iso, arr, key_from_index((uint32_t)i)), K("i"))) == i;
  CHECK(ok && getk(o, "arr") == arr);
}

static int run(const HeapOptions *opts) {
  iso = isolate_new(opts);
  if (!iso) {
    printf("isolate_new failed\n");
    return 1;
  }
  Realm *r = realm_new(iso);
  if (!r) {
    printf("realm_new failed\n");
    return 1;
  }
  iso->realm = r;
  test_maps();
  test_dictionary();
  test_attributes();
  test_arrays();
  test_key_order();
  test_conversions();
  test_equality();
  test_functions();
  test_errors();
  test_exotic_dispatch();
  test_gc();
  if (isolate_has_exception(iso)) {
    printf("unexpected pending exception\n");
    failed++;
  }
  isolate_free(iso);
  return 0;
}

int main(void) {
  HeapOptions normal = {0};
  HeapOptions stress = {0};
  stress.stress_gc = 13; /* collect every 13 allocations: everything must stay reachable */
  stress.verify_heap = true;
  stress.trace_gc = getenv("OBJ_TRACE_GC") != NULL;
  if (run(&normal) || run(&stress)) failed++;
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
