/*
 * Drives the core library (Object, Function, Symbol, Error, iterators, Array, String, Boolean)
 * through rt_call on a fresh realm, without the parser: checks results and error types.
 */
#include "builtins/string-case.h"
#include "execution/realm.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int passed, failed;
static Isolate *iso;
/* Read through the realm each time: a static copy would not be a GC root. */
#define global (iso->realm->global_object)

#define CHECK(c)                                                                                   \
  do {                                                                                             \
    if (c) {                                                                                       \
      passed++;                                                                                    \
    } else {                                                                                       \
      failed++;                                                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                        \
    }                                                                                              \
  } while (0)

static Value str(const char *s) { return str_from_cstr(iso, s); }
static Value num(double d) { return val_from_number(d); }

static Value get(Value obj, const char *name) { return rt_get_str(iso, obj, name); }

/* obj.name(args...) */
static Value callm(Value obj, const char *name, int argc, Value *argv) {
  Value fn = rt_get_str(iso, obj, name);
  if (fn == VAL_EXCEPTION) return fn;
  return rt_call(iso, fn, obj, argc, argv);
}
#define CALL(obj, name, ...)                                                                       \
  ({                                                                                               \
    Value argv_[] = {VAL_UNDEFINED, __VA_ARGS__};                                                  \
    callm(obj, name, (int)PT_ARRAY_LEN(argv_) - 1, argv_ + 1);                                     \
  })
#define CALL0(obj, name) callm(obj, name, 0, NULL)

static bool str_is(Value v, const char *expect) {
  if (v == VAL_EXCEPTION || !val_is_string(v)) return false;
  size_t n;
  char *u = str_to_utf8(iso, v, &n);
  bool ok = u && strcmp(u, expect) == 0;
  if (!ok) fprintf(stderr, "  got \"%s\", expected \"%s\"\n", u ? u : "?", expect);
  free(u);
  return ok;
}

static bool num_is(Value v, double d) {
  if (v == VAL_EXCEPTION || !val_is_number(v)) return false;
  double x = val_to_number_unchecked(v);
  if (x != d) fprintf(stderr, "  got %g, expected %g\n", x, d);
  return x == d;
}

/* The pending exception is an instance of the global constructor `ctor`; clears it. */
static bool threw(Value r, const char *ctor) {
  if (r != VAL_EXCEPTION) return false;
  Value e = isolate_take_exception(iso);
  int is = rt_instance_of(iso, e, get(global, ctor));
  if (is != 1) {
    Value m = rt_get_str(iso, e, "message");
    size_t n;
    char *u = val_is_string(m) ? str_to_utf8(iso, m, &n) : NULL;
    fprintf(stderr, "  wrong exception: %s\n", u ? u : "?");
    free(u);
  }
  return is == 1;
}

static bool threw_msg(Value r, const char *ctor, const char *message) {
  if (r != VAL_EXCEPTION) return false;
  Value e = iso->pending_exception;
  Value m = rt_get_str(iso, e, "message");
  bool ok = str_is(m, message);
  return threw(r, ctor) && ok;
}

static Value arr(int n, ...) {
  Value a = array_new(iso, 0);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) array_push(iso, a, va_arg(ap, Value));
  va_end(ap);
  return a;
}

static void test_object(void) {
  Value Object = get(global, "Object");
  Value o = obj_new_plain(iso);
  rt_set(iso, o, key_from_cstr(iso, "b"), num(2), true);
  rt_set(iso, o, key_from_cstr(iso, "a"), num(1), true);
  rt_set(iso, o, key_from_index(1), num(3), true);
  Value keys = CALL(Object, "keys", o);
  CHECK(str_is(CALL0(keys, "join"), "1,b,a"));
  Value entries = CALL(Object, "entries", o);
  CHECK(str_is(CALL0(entries, "toString"), "1,3,b,2,a,1"));
  CHECK(threw_msg(CALL(Object, "keys", VAL_UNDEFINED), "TypeError", "Cannot convert undefined or null to object"));
  CHECK(threw(CALL(Object, "create", num(1)), "TypeError"));
  CHECK(threw(CALL(Object, "defineProperty", num(1), str("x"), obj_new_plain(iso)), "TypeError"));
  CALL(Object, "freeze", o);
  CHECK(CALL(Object, "isFrozen", o) == VAL_TRUE);
  CHECK(CALL(Object, "isSealed", o) == VAL_TRUE);
  CHECK(CALL(Object, "isExtensible", o) == VAL_FALSE);
  CHECK(threw(rt_set(iso, o, key_from_cstr(iso, "a"), num(5), true) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED,
              "TypeError"));
  Value d = CALL(Object, "getOwnPropertyDescriptor", o, str("a"));
  CHECK(get(d, "writable") == VAL_FALSE && get(d, "enumerable") == VAL_TRUE && num_is(get(d, "value"), 1));
  CHECK(CALL(Object, "is", VAL_CANONICAL_NAN, VAL_CANONICAL_NAN) == VAL_TRUE);
  CHECK(CALL(Object, "is", num(0), val_from_double(-0.0)) == VAL_FALSE);
  Value proto = get(Object, "prototype");
  Value ts = get(proto, "toString");
  CHECK(str_is(rt_call(iso, ts, VAL_NULL, 0, NULL), "[object Null]"));
  CHECK(str_is(rt_call(iso, ts, arr(0), 0, NULL), "[object Array]"));
  CHECK(str_is(rt_call(iso, ts, num(1), 0, NULL), "[object Number]"));
  CHECK(str_is(rt_call(iso, ts, VAL_TRUE, 0, NULL), "[object Boolean]"));
  CHECK(str_is(rt_call(iso, ts, str("s"), 0, NULL), "[object String]"));
  CHECK(str_is(rt_call(iso, ts, Object, 0, NULL), "[object Function]"));
  CHECK(str_is(rt_call(iso, ts, sym_new(iso, VAL_UNDEFINED), 0, NULL), "[object Symbol]"));
  /* Object.assign + hasOwn + fromEntries */
  Value t = CALL(Object, "assign", obj_new_plain(iso), o, VAL_NULL, str("xy"));
  CHECK(num_is(get(t, "a"), 1) && str_is(get(t, "1"), "y"));
  CHECK(CALL(Object, "hasOwn", t, str("0")) == VAL_TRUE);
  Value fe = CALL(Object, "fromEntries", arr(2, arr(2, str("k"), num(7)), arr(2, str("j"), num(8))));
  CHECK(num_is(get(fe, "k"), 7) && num_is(get(fe, "j"), 8));
  CHECK(threw(CALL(Object, "fromEntries", arr(1, num(1))), "TypeError"));
  /* defineProperty validation */
  Value desc = obj_new_plain(iso);
  rt_set(iso, desc, NAME(iso, get), Object, true);
  rt_set(iso, desc, NAME(iso, value), num(1), true);
  CHECK(threw(CALL(Object, "defineProperty", obj_new_plain(iso), str("x"), desc), "TypeError"));
  /* getPrototypeOf / setPrototypeOf */
  Value p2 = obj_new_plain(iso);
  Value child = CALL(Object, "create", p2);
  CHECK(CALL(Object, "getPrototypeOf", child) == p2);
  CHECK(threw_msg(CALL(Object, "setPrototypeOf", p2, child), "TypeError", "Cyclic __proto__ value"));
  CHECK(CALL(p2, "isPrototypeOf", child) == VAL_TRUE);
}

static void test_array(void) {
  Value Array = get(global, "Array");
  Value a = arr(5, num(3), num(1), num(10), num(2), VAL_UNDEFINED);
  CALL0(a, "sort");
  CHECK(str_is(CALL0(a, "join"), "1,10,2,3,"));
  CHECK(num_is(get(a, "length"), 5));
  Value b = arr(3, num(1), num(2), num(3));
  CHECK(num_is(CALL(b, "push", num(4), num(5)), 5));
  CHECK(num_is(CALL0(b, "pop"), 5));
  CHECK(num_is(CALL0(b, "shift"), 1));
  CHECK(num_is(CALL(b, "unshift", num(0)), 4));
  CHECK(str_is(CALL(b, "join", str("-")), "0-2-3-4"));
  Value removed = CALL(b, "splice", num(1), num(2), str("x"));
  CHECK(str_is(CALL0(removed, "join"), "2,3"));
  CHECK(str_is(CALL0(b, "join"), "0,x,4"));
  CHECK(str_is(CALL0(CALL(b, "slice", num(-2)), "join"), "x,4"));
  CHECK(str_is(CALL0(CALL0(b, "toReversed"), "join"), "4,x,0"));
  CHECK(str_is(CALL0(CALL(b, "with", num(-1), num(9)), "join"), "0,x,9"));
  CHECK(threw_msg(CALL(b, "with", num(5), num(1)), "RangeError", "Invalid index : 5"));
  CHECK(num_is(CALL(b, "indexOf", str("x")), 1));
  CHECK(num_is(CALL(b, "lastIndexOf", num(7)), -1));
  CHECK(CALL(arr(1, VAL_CANONICAL_NAN), "includes", VAL_CANONICAL_NAN) == VAL_TRUE);
  CHECK(num_is(CALL(arr(1, VAL_CANONICAL_NAN), "indexOf", VAL_CANONICAL_NAN), -1));
  Value nested = arr(3, num(1), arr(2, num(2), arr(1, num(3))), num(4));
  CHECK(num_is(get(CALL0(nested, "flat"), "length"), 4));
  CHECK(val_is_object(get(CALL0(nested, "flat"), "2")));
  Value deep = CALL(nested, "flat", num(INFINITY));
  CHECK(num_is(get(deep, "length"), 4) && num_is(get(deep, "2"), 3));
  CHECK(str_is(CALL0(CALL(arr(2, num(1), num(2)), "concat", arr(1, num(3)), num(4)), "join"), "1,2,3,4"));
  CHECK(str_is(CALL0(CALL(arr(4, num(1), num(2), num(3), num(4)), "copyWithin", num(0), num(2)), "join"),
               "3,4,3,4"));
  CHECK(str_is(CALL0(CALL(array_new(iso, 3), "fill", num(7)), "join"), "7,7,7"));
  CHECK(threw_msg(CALL(arr(0), "reduce", Array), "TypeError", "Reduce of empty array with no initial value"));
  CHECK(threw_msg(CALL(arr(0), "map", num(1)), "TypeError", "1 is not a function"));
  CHECK(threw_msg(CALL(arr(0), "sort", num(1)), "TypeError",
                  "The comparison function must be either a function or undefined"));
  /* cycles join to "" */
  Value cyc = arr(2, num(1), num(2));
  array_push(iso, cyc, cyc);
  CHECK(str_is(CALL0(cyc, "join"), "1,2,"));
  /* Array constructor */
  Value argv[1] = {num(3)};
  Value c = rt_construct(iso, Array, 1, argv, Array);
  CHECK(num_is(get(c, "length"), 3));
  argv[0] = num(-1);
  CHECK(threw_msg(rt_construct(iso, Array, 1, argv, Array), "RangeError", "Invalid array length"));
  argv[0] = str("3");
  c = rt_call(iso, Array, VAL_UNDEFINED, 1, argv);
  CHECK(num_is(get(c, "length"), 1));
  CHECK(CALL(Array, "isArray", c) == VAL_TRUE);
  CHECK(CALL(Array, "isArray", obj_new_plain(iso)) == VAL_FALSE);
  Value from = CALL(Array, "from", str("a\xF0\x9F\x98\x80" "b"));
  CHECK(num_is(get(from, "length"), 3));
  Value of = CALL(Array, "of", num(7), num(8));
  CHECK(str_is(CALL0(of, "join"), "7,8"));
  /* iterators */
  Value it = CALL0(arr(2, str("p"), str("q")), "entries");
  Value r = CALL0(it, "next");
  CHECK(str_is(CALL0(get(r, "value"), "join"), "0,p") && get(r, "done") == VAL_FALSE);
  CALL0(it, "next");
  r = CALL0(it, "next");
  CHECK(get(r, "done") == VAL_TRUE && get(r, "value") == VAL_UNDEFINED);
  Value proto = get(Array, "prototype");
  CHECK(rt_get(iso, proto, sym_well_known(iso, WKS_ITERATOR)) == get(proto, "values"));
  CHECK(str_is(get(get(proto, "flatMap"), "name"), "flatMap"));
  CHECK(num_is(get(get(proto, "splice"), "length"), 2));
  /* array-like receivers */
  Value like = obj_new_plain(iso);
  rt_set(iso, like, NAME(iso, length), num(2), true);
  rt_set(iso, like, key_from_index(0), str("a"), true);
  rt_set(iso, like, key_from_index(1), str("b"), true);
  Value join = get(proto, "join");
  CHECK(str_is(rt_call(iso, join, like, 0, NULL), "a,b"));
  Value push = get(proto, "push");
  Value pv = num(1);
  CHECK(num_is(rt_call(iso, push, like, 1, &pv), 3));
  CHECK(num_is(get(like, "length"), 3));
  /* stable sort with comparator */
  Value s = arr(6, num(5), num(1), num(4), num(2), num(3), num(0));
  CALL(s, "sort", VAL_UNDEFINED);
  CHECK(str_is(CALL0(s, "join"), "0,1,2,3,4,5"));
}

static void test_string(void) {
  Value String = get(global, "String");
  Value s = str("Hello, World");
  CHECK(str_is(CALL0(s, "toUpperCase"), "HELLO, WORLD"));
  CHECK(str_is(CALL0(str("stra\xC3\x9F" "e"), "toUpperCase"), "STRASSE"));
  CHECK(str_is(CALL0(str("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3"), "toLowerCase"), "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82"));
  CHECK(str_is(CALL(s, "slice", num(-5)), "World"));
  CHECK(str_is(CALL(s, "substring", num(5), num(0)), "Hello"));
  CHECK(str_is(CALL(s, "substr", num(-5), num(3)), "Wor"));
  CHECK(num_is(CALL(s, "indexOf", str("o")), 4));
  CHECK(num_is(CALL(s, "lastIndexOf", str("o")), 8));
  CHECK(CALL(s, "startsWith", str("Hell")) == VAL_TRUE);
  CHECK(CALL(s, "endsWith", str("Hello"), num(5)) == VAL_TRUE);
  CHECK(CALL(s, "includes", str("lo, W")) == VAL_TRUE);
  CHECK(str_is(CALL(str("abc"), "padStart", num(6), str("12")), "121abc"));
  CHECK(str_is(CALL(str("abc"), "padEnd", num(5)), "abc  "));
  CHECK(str_is(CALL(str("ab"), "repeat", num(3)), "ababab"));
  CHECK(threw_msg(CALL(str("ab"), "repeat", num(-1)), "RangeError", "Invalid count value: -1"));
  CHECK(str_is(CALL0(str(" \t\xE2\x80\xA8 x \xEF\xBB\xBF"), "trim"), "x"));
  CHECK(str_is(CALL0(str("  x "), "trimStart"), "x "));
  CHECK(str_is(CALL(str("a-b-c"), "replace", str("-"), str("[$&$`]")), "a[-a]b-c"));
  CHECK(str_is(CALL(str("a-b-c"), "replaceAll", str("-"), str("+")), "a+b+c"));
  CHECK(str_is(CALL(str("abc"), "replaceAll", str(""), str("_")), "_a_b_c_"));
  Value parts = CALL(str("a,b,,c"), "split", str(","));
  CHECK(num_is(get(parts, "length"), 4));
  CHECK(str_is(CALL(parts, "join", str("|")), "a|b||c"));
  CHECK(num_is(get(CALL(str("abc"), "split", str("")), "length"), 3));
  CHECK(num_is(get(CALL(str("a,b,c"), "split", str(","), num(2)), "length"), 2));
  CHECK(num_is(CALL(str("\xF0\x9F\x98\x80"), "codePointAt", num(0)), 0x1F600));
  CHECK(num_is(CALL(str("abc"), "charCodeAt", num(1)), 98));
  CHECK(str_is(CALL(str("abc"), "at", num(-1)), "c"));
  CHECK(str_is(CALL(str("x"), "anchor", str("a\"b")), "<a name=\"a&quot;b\">x</a>"));
  CHECK(str_is(CALL(String, "fromCharCode", num(72), num(105)), "Hi"));
  CHECK(str_is(CALL(String, "fromCodePoint", num(0x1F600)), "\xF0\x9F\x98\x80"));
  CHECK(threw_msg(CALL(String, "fromCodePoint", num(-1)), "RangeError", "Invalid code point -1"));
  Value argv[1] = {sym_new(iso, str("d"))};
  CHECK(str_is(rt_call(iso, String, VAL_UNDEFINED, 1, argv), "Symbol(d)"));
  CHECK(threw(rt_construct(iso, String, 1, argv, String), "TypeError"));
  argv[0] = str("ab");
  Value w = rt_construct(iso, String, 1, argv, String);
  CHECK(val_is_object(w) && num_is(get(w, "length"), 2) && str_is(get(w, "1"), "b"));
  CHECK(str_is(CALL0(w, "toString"), "ab"));
  CHECK(str_is(CALL(str("abc"), "normalize", str("NFC")), "abc"));
  CHECK(threw(CALL(str("abc"), "normalize", str("nfc")), "RangeError"));
  /* U+00C5 <-> A + U+030A; U+FB01 (fi ligature) only under compatibility; Hangul. */
  CHECK(str_is(CALL(str("\xC3\x85"), "normalize", str("NFD")), "A\xCC\x8A"));
  CHECK(str_is(CALL0(str("A\xCC\x8A"), "normalize"), "\xC3\x85"));
  CHECK(str_is(CALL(str("\xEF\xAC\x81"), "normalize", str("NFC")), "\xEF\xAC\x81"));
  CHECK(str_is(CALL(str("\xEF\xAC\x81"), "normalize", str("NFKD")), "fi"));
  CHECK(str_is(CALL(str("\xEA\xB0\x81"), "normalize", str("NFD")), "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"));
  CHECK(str_is(CALL(str("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"), "normalize", str("NFC")), "\xEA\xB0\x81"));
  CHECK(CALL0(str("a\xED\xA0\x80"), "isWellFormed") == VAL_FALSE);
  CHECK(num_is(CALL(str("a"), "localeCompare", str("b")), -1));
  /* string iterator by code points */
  Value it = rt_call(iso, rt_get(iso, s, sym_well_known(iso, WKS_ITERATOR)), str("\xF0\x9F\x98\x80z"), 0, NULL);
  Value r = CALL0(it, "next");
  CHECK(str_is(get(r, "value"), "\xF0\x9F\x98\x80"));
  r = CALL0(it, "next");
  CHECK(str_is(get(r, "value"), "z"));
  CHECK(get(CALL0(it, "next"), "done") == VAL_TRUE);
  /* raw */
  Value tmpl = obj_new_plain(iso);
  rt_set(iso, tmpl, NAME(iso, raw), arr(3, str("a"), str("b"), str("c")), true);
  CHECK(str_is(CALL(String, "raw", tmpl, num(1), num(2), num(3)), "a1b2c"));
}

static void test_misc(void) {
  /* Error */
  Value TypeErrorC = get(global, "TypeError");
  Value argv[2] = {str("boom"), obj_new_plain(iso)};
  rt_set(iso, argv[1], NAME(iso, cause), num(42), true);
  Value e = rt_construct(iso, TypeErrorC, 2, argv, TypeErrorC);
  CHECK(str_is(CALL0(e, "toString"), "TypeError: boom"));
  CHECK(num_is(get(e, "cause"), 42));
  CHECK(rt_instance_of(iso, e, get(global, "Error")) == 1);
  Value plain = rt_call(iso, get(global, "Error"), VAL_UNDEFINED, 1, argv);
  CHECK(val_is_object(plain) && str_is(get(plain, "message"), "boom") && val_is_string(get(plain, "stack")));
  CHECK(rt_has_own_property(iso, plain, NAME(iso, cause)) == 0);
  Value eproto = get(get(global, "RangeError"), "prototype");
  CHECK(str_is(get(eproto, "name"), "RangeError") && str_is(get(eproto, "message"), ""));
  /* Symbol */
  Value Symbol = get(global, "Symbol");
  Value sym = rt_call(iso, Symbol, VAL_UNDEFINED, 1, argv);
  CHECK(val_is_symbol(sym));
  CHECK(str_is(CALL0(sym, "toString"), "Symbol(boom)"));
  CHECK(str_is(get(sym, "description"), "boom"));
  CHECK(threw_msg(rt_construct(iso, Symbol, 0, NULL, Symbol), "TypeError", "Symbol is not a constructor"));
  Value f1 = CALL(Symbol, "for", str("k")), f2 = CALL(Symbol, "for", str("k"));
  CHECK(f1 == f2 && str_is(CALL(Symbol, "keyFor", f1), "k"));
  CHECK(get(Symbol, "iterator") == sym_well_known(iso, WKS_ITERATOR));
  /* Boolean */
  Value Boolean = get(global, "Boolean");
  Value bw = rt_construct(iso, Boolean, 1, argv, Boolean);
  CHECK(val_is_object(bw) && CALL0(bw, "valueOf") == VAL_TRUE);
  CHECK(str_is(CALL0(VAL_FALSE, "toString"), "false"));
  CHECK(str_is(CALL0(get(Boolean, "prototype"), "toString"), "false"));
  CHECK(threw(rt_call(iso, get(get(Boolean, "prototype"), "valueOf"), num(1), 0, NULL), "TypeError"));
  /* Function.prototype */
  Value Fn = get(global, "Function");
  Value fproto = get(Fn, "prototype");
  Value push = get(get(get(global, "Array"), "prototype"), "push");
  Value target = arr(0);
  Value args2 = arr(2, num(1), num(2));
  Value cargs[2] = {target, args2};
  CHECK(num_is(rt_call(iso, get(fproto, "apply"), push, 2, cargs), 2));
  Value bound = rt_call(iso, get(fproto, "bind"), push, 1, cargs);
  CHECK(str_is(get(bound, "name"), "bound push"));
  Value three = num(3);
  CHECK(num_is(rt_call(iso, bound, VAL_UNDEFINED, 1, &three), 3));
  CHECK(threw(rt_get_str(iso, fproto, "caller"), "TypeError"));
}

static void test_case_tables(void) {
  uint32_t out[3];
  CHECK(builtins_case_map(0xDF, true, out) == 2 && out[0] == 'S' && out[1] == 'S');
  CHECK(builtins_case_map(0x130, false, out) == 2 && out[0] == 'i' && out[1] == 0x307);
  CHECK(builtins_case_map(0x10428, true, out) == 1 && out[0] == 0x10400);
  CHECK(builtins_is_cased('a') && !builtins_is_cased('1') && builtins_is_case_ignorable('\''));
}

/* realm.c declares the installers weak during the founding session, and a weak reference does
 * not pull a member out of a static library: reference them strongly here. */
#define PT_DECLARE(name) int builtins_install_##name(Isolate *, Realm *);
PT_DECLARE(object) PT_DECLARE(function) PT_DECLARE(symbol) PT_DECLARE(error) PT_DECLARE(iterator)
PT_DECLARE(array) PT_DECLARE(string) PT_DECLARE(boolean)
#undef PT_DECLARE
__attribute__((used)) BuiltinInstaller const keep_installers[] = {
    builtins_install_object, builtins_install_function, builtins_install_symbol, builtins_install_error,
    builtins_install_iterator, builtins_install_array, builtins_install_string, builtins_install_boolean};

static void run_all(const HeapOptions *options) {
  iso = isolate_new(options);
  CHECK(iso != NULL);
  if (!iso) return;
  Realm *realm = realm_new(iso);
  CHECK(realm != NULL);
  if (!realm) return;
  test_object();
  test_array();
  test_string();
  test_misc();
  if (isolate_has_exception(iso)) {
    failed++;
    fprintf(stderr, "stray pending exception\n");
  }
  isolate_free(iso);
}

int main(void) {
  CHECK(keep_installers[0] != NULL);
  test_case_tables();
  run_all(NULL);
  /* Again with a collection every few allocations: values held only in C locals must survive. */
  HeapOptions stress = {0};
  stress.stress_gc = 7;
  stress.verify_heap = true;
  run_all(&stress);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
