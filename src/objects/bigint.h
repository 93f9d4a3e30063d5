/*
 * BigInt values (ECMA-262 6.1.6.2): immutable heap objects holding a sign and a magnitude of
 * 32-bit digits, least significant first. Always normalized: no leading zero digits, and zero has
 * length 0 and a positive sign, so equal values have equal representations (hashing, SameValue).
 *
 * bigint.c holds the object, conversions, comparisons and strings; bigint-arith.c the arithmetic.
 * Every function that makes a BigInt can fail (out of memory, or RangeError "Maximum BigInt size
 * exceeded" past BIGINT_MAX_BITS) and then returns VAL_EXCEPTION with the exception pending.
 */
#ifndef PETREL_OBJECTS_BIGINT_H
#define PETREL_OBJECTS_BIGINT_H

#include "runtime/runtime.h"

typedef struct BigInt {
  HeapObject header; /* IT_BIGINT */
  uint32_t length;   /* digits in use; 0 for zero */
  uint32_t negative; /* 1 when negative (never for zero) */
  uint32_t digits[];
} BigInt;

/* V8's limit: 2^30 bits (128 MiB). Beyond it operations throw a RangeError instead of trying. */
#define BIGINT_MAX_BITS (1u << 30)
#define BIGINT_MAX_DIGITS (BIGINT_MAX_BITS / 32)

static inline BigInt *bigint_ptr(Value v) { return (BigInt *)val_to_ptr(v); }
static inline bool bigint_is_zero(Value v) { return bigint_ptr(v)->length == 0; }
static inline bool bigint_is_negative(Value v) { return bigint_ptr(v)->negative != 0; }

void bigint_register_types(void);

/* ---- making BigInts (bigint.c) ---- */
/* Copies n digits (least significant first) and normalizes. */
Value bigint_from_digits(Isolate *iso, bool negative, const uint32_t *digits, size_t n);
Value bigint_from_int64(Isolate *iso, int64_t x);
Value bigint_from_uint64(Isolate *iso, uint64_t x);
/* NumberToBigInt: RangeError unless d is an integral finite number. */
Value bigint_from_number(Isolate *iso, double d);
/* Parses chars as StringToBigInt does (whitespace trimmed, optional sign for decimal, 0x/0o/0b
 * prefixes, empty is 0n). Returns VAL_UNDEFINED, with nothing pending, when the text is not a
 * valid StringIntegerLiteral. */
Value bigint_parse_string(Isolate *iso, const uint16_t *chars, size_t n);
Value bigint_from_string(Isolate *iso, Value string); /* StringToBigInt on a String Value */
/* A literal's digits as the parser keeps them: separators and `n` removed, 0x/0o/0b prefix kept. */
Value bigint_parse_literal(Isolate *iso, const uint16_t *chars, size_t n);
/* The same digits as a malloc'd decimal ASCII string (property keys in the parser, which has no
 * heap to allocate on); NULL when out of memory. */
char *bigint_literal_to_decimal(const uint16_t *chars, size_t n);

/* ---- reading them (bigint.c) ---- */
/* BigInt::toString(x, radix), radix 2..36. */
Value bigint_to_string(Isolate *iso, Value x, int radix);
/* Correctly rounded (half to even) Number value. */
double bigint_to_double(Value x);
/* The low 64 bits in two's complement; *lossless (may be NULL) says whether the value fit. */
int64_t bigint_to_int64(Value x, bool *lossless);
uint64_t bigint_to_uint64(Value x, bool *lossless);
uint64_t bigint_bit_length(Value x); /* of the magnitude */
int bigint_compare(Value a, Value b);            /* -1, 0, 1 */
int bigint_compare_number(Value a, double d);    /* -1, 0, 1; d must not be NaN */
bool bigint_equals(Value a, Value b);
uint32_t bigint_hash(Value x);

/* ---- arithmetic (bigint-arith.c); operands are BigInt Values ---- */
Value bigint_negate(Isolate *iso, Value x);
Value bigint_bitwise_not(Isolate *iso, Value x);
Value bigint_add(Isolate *iso, Value a, Value b);
Value bigint_sub(Isolate *iso, Value a, Value b);
Value bigint_mul(Isolate *iso, Value a, Value b);
Value bigint_div(Isolate *iso, Value a, Value b); /* RangeError "Division by zero" */
Value bigint_rem(Isolate *iso, Value a, Value b);
Value bigint_pow(Isolate *iso, Value a, Value b); /* RangeError on a negative exponent */
Value bigint_shift_left(Isolate *iso, Value a, Value b);
Value bigint_shift_right(Isolate *iso, Value a, Value b); /* arithmetic (sign-propagating) */
Value bigint_and(Isolate *iso, Value a, Value b);
Value bigint_or(Isolate *iso, Value a, Value b);
Value bigint_xor(Isolate *iso, Value a, Value b);
Value bigint_add_small(Isolate *iso, Value a, int32_t delta); /* ++ and -- */
/* BigInt.asIntN / asUintN with bits already validated as an index (0..2^53-1). */
Value bigint_as_int_n(Isolate *iso, uint64_t bits, Value x);
Value bigint_as_uint_n(Isolate *iso, uint64_t bits, Value x);

/* ---- the language's ToBigInt family (runtime-bigint.c) ---- */
Value rt_to_bigint(Isolate *iso, Value v);                       /* ToBigInt */
int rt_to_bigint64(Isolate *iso, Value v, int64_t *out);         /* ToBigInt64 */
int rt_to_biguint64(Isolate *iso, Value v, uint64_t *out);       /* ToBigUint64 */

#endif
