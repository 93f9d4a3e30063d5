/* The BigInt arithmetic core: large products and quotients (Knuth D), radix strings, rounding to
 * double, 64-bit conversions, asIntN/asUintN. Expected values come from an independent bignum
 * implementation (Python's integers). */
#include "execution/isolate.h"
#include "objects/bigint.h"
#include "objects/string.h"

#include <stdio.h>
#include <string.h>

#include "unit-check.h"

static Value parse(Isolate *iso, const char *s) {
  uint16_t buf[2048];
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)s[i];
  return bigint_parse_string(iso, buf, n);
}

/* Does the BigInt's radix string equal `expect`? (prefix/suffix when the string is long) */
static bool str_is(Isolate *iso, Value b, int radix, const char *expect) {
  Value s = bigint_to_string(iso, b, radix);
  if (s == VAL_EXCEPTION) return false;
  return str_equals_cstr(s, expect);
}

static bool has_affixes(Isolate *iso, Value b, const char *prefix, const char *suffix, uint32_t len) {
  Value s = bigint_to_string(iso, b, 10);
  if (s == VAL_EXCEPTION || str_length(s) != len) return false;
  uint16_t u[64];
  size_t pn = strlen(prefix), sn = strlen(suffix);
  str_copy_utf16(s, 0, pn, u);
  for (size_t i = 0; i < pn; i++)
    if (u[i] != (uint8_t)prefix[i]) return false;
  str_copy_utf16(s, len - sn, sn, u);
  for (size_t i = 0; i < sn; i++)
    if (u[i] != (uint8_t)suffix[i]) return false;
  return true;
}

static void test_mersenne(Isolate *iso) {
  Value one = bigint_from_int64(iso, 1), two = bigint_from_int64(iso, 2);
  Value m = bigint_sub(iso, bigint_pow(iso, two, bigint_from_int64(iso, 521)), one);
  CHECK(bigint_bit_length(m) == 521);
  Value sq = bigint_mul(iso, m, m);
  CHECK(has_affixes(iso, sq, "4712544691453469413157909799341980997695", "24524956029996236801", 314));
  CHECK(bigint_equals(bigint_div(iso, sq, m), m));
  CHECK(bigint_is_zero(bigint_rem(iso, sq, m)));
  Value sq1 = bigint_sub(iso, sq, one);
  CHECK(bigint_equals(bigint_rem(iso, sq1, m), bigint_sub(iso, m, one)));
  CHECK(bigint_equals(bigint_div(iso, sq1, m), bigint_sub(iso, m, one)));
}

static void test_division(Isolate *iso) {
  Value a = parse(iso, "0x100000000000000000000000000000000000000000000003039"); /* 2^200 + 12345 */
  Value b = parse(iso, "0x400000000000000000000000000000007");                          /* 2^130 + 7 */
  Value c = parse(iso, "0x80000000000000000000000b");                                  /* 2^95 + 11 */
  Value p = bigint_mul(iso, a, b);
  CHECK(str_is(iso, bigint_div(iso, p, c), 10,
               "55213970774324510299478046882884441295903022102008409519471186765859839"));
  CHECK(str_is(iso, bigint_rem(iso, p, c), 10, "39614081257080672516851010970"));
  Value t = parse(iso, "1000000000000000000000000000000");
  Value seven = bigint_from_int64(iso, 7);
  CHECK(str_is(iso, bigint_div(iso, t, seven), 10, "142857142857142857142857142857"));
  CHECK(str_is(iso, bigint_div(iso, bigint_negate(iso, t), seven), 10, "-142857142857142857142857142857"));
  CHECK(str_is(iso, bigint_rem(iso, bigint_negate(iso, t), seven), 10, "-1"));
  CHECK(bigint_div(iso, t, bigint_from_int64(iso, 0)) == VAL_EXCEPTION);
  isolate_take_exception(iso);
}

static void test_strings_and_doubles(Isolate *iso) {
  Value x = bigint_pow(iso, bigint_from_int64(iso, 3), bigint_from_int64(iso, 200));
  CHECK(str_is(iso, x, 16,
               "1fd5863c3eb0469ec21a937a76f3432ffd73d97e447606b683ecf6f6e4a7ae225bfaff1eaaf8b0a1"));
  CHECK(str_is(iso, x, 10,
               "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044"
               "001"));
  CHECK(bigint_to_double(x) == 0x1.fd5863c3eb047p+316);
  CHECK(bigint_to_double(bigint_negate(iso, x)) == -0x1.fd5863c3eb047p+316);
  /* ties: 2^53 + 1 rounds down to even, 2^53 + 3 up to even */
  CHECK(bigint_to_double(parse(iso, "9007199254740993")) == 9007199254740992.0);
  CHECK(bigint_to_double(parse(iso, "9007199254740995")) == 9007199254740996.0);
  /* a tie broken by a sticky bit far below: 2^80 + 2^27 + 1 rounds up */
  CHECK(bigint_to_double(parse(iso, "0x100000000000008000001")) == 0x1.0000000000001p+80);
  CHECK(bigint_to_double(parse(iso, "0x100000000000008000000")) == 0x1p+80);
  CHECK(bigint_compare_number(parse(iso, "9007199254740993"), 9007199254740992.0) == 1);
  CHECK(bigint_compare_number(parse(iso, "-3"), -2.5) == -1);
  CHECK(bigint_compare_number(parse(iso, "-2"), -2.5) == 1);
  CHECK(bigint_equals(bigint_from_number(iso, 0x1.fd5863c3eb047p+316),
                      parse(iso, "0x1fd5863c3eb047000000000000000000000000000000000000000000000000000000000000000000")));
  CHECK(parse(iso, "12x") == VAL_UNDEFINED);
  CHECK(parse(iso, "-0x1") == VAL_UNDEFINED);
  CHECK(bigint_is_zero(parse(iso, "  ")));
}

static void test_int64(Isolate *iso) {
  bool ok;
  CHECK(bigint_to_int64(bigint_from_int64(iso, INT64_MIN), &ok) == INT64_MIN && ok);
  CHECK(bigint_to_uint64(bigint_from_uint64(iso, UINT64_MAX), &ok) == UINT64_MAX && ok);
  CHECK(bigint_to_int64(bigint_from_uint64(iso, UINT64_MAX), &ok) == -1 && !ok);
  CHECK(bigint_to_uint64(bigint_from_int64(iso, -1), &ok) == UINT64_MAX && !ok);
  Value big = parse(iso, "0x1ffffffffffffffff");
  CHECK(bigint_to_uint64(big, &ok) == UINT64_MAX && !ok);
  CHECK(str_is(iso, bigint_as_int_n(iso, 64, big), 10, "-1"));
  CHECK(str_is(iso, bigint_as_uint_n(iso, 65, bigint_from_int64(iso, -1)), 10, "36893488147419103231"));
  CHECK(str_is(iso, bigint_as_int_n(iso, 8, bigint_from_int64(iso, 128)), 10, "-128"));
  CHECK(str_is(iso, bigint_as_int_n(iso, 33, parse(iso, "0x100000000")), 10, "-4294967296"));
  CHECK(str_is(iso, bigint_bitwise_not(iso, bigint_from_int64(iso, 0)), 10, "-1"));
  CHECK(str_is(iso, bigint_and(iso, bigint_from_int64(iso, -6), bigint_from_int64(iso, -3)), 10, "-8"));
  CHECK(str_is(iso, bigint_shift_right(iso, bigint_from_int64(iso, -5), bigint_from_int64(iso, 1)), 10, "-3"));
}

int main(void) {
  HeapOptions o = {0};
  Isolate *iso = isolate_new(&o);
  CHECK(iso != NULL);
  if (iso) {
    test_mersenne(iso);
    test_division(iso);
    test_strings_and_doubles(iso);
    test_int64(iso);
    isolate_free(iso);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
