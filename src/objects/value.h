/*
 * The tagged value: one 64-bit word (DESIGN.md, decision 1).
 *
 * NaN-boxing. A double is stored as its own bits. Every NaN is canonicalized to
 * VAL_CANONICAL_NAN before it becomes a Value, so the bit patterns whose top 16 bits are
 * 0xFFF9..0xFFFF can never be doubles and are free for tags:
 *
 *   top 16 bits   meaning                     low 48 bits
 *   < 0xFFF9      double (incl. +-Inf, NaN)   -
 *   0xFFF9        int32 ("small integer")     low 32 bits: the int32
 *   0xFFFA        special constant            enumerated below
 *   0xFFFB        heap object pointer         the address (user-space pointers fit in 48 bits)
 *
 * Why: arithmetic on doubles never allocates (an interpreter cannot unbox later), int32 keeps a
 * fast path for indices and counters, and a pointer is recovered with one mask.
 * Any code that produces a double from outside the engine's own arithmetic (typed-array reads,
 * strtod, libm, wasm) must go through val_from_double(), which canonicalizes NaN: otherwise hostile
 * code could forge pointers. The public API never exposes this encoding.
 */
#ifndef PETREL_OBJECTS_VALUE_H
#define PETREL_OBJECTS_VALUE_H

#include "base/common.h"

typedef uint64_t Value;

#define VAL_TAG_SHIFT 48
#define VAL_TAG_INT 0xFFF9u
#define VAL_TAG_SPECIAL 0xFFFAu
#define VAL_TAG_POINTER 0xFFFBu
#define VAL_FIRST_TAG 0xFFF9u

#define VAL_MAKE(tag, payload) (((uint64_t)(tag) << VAL_TAG_SHIFT) | (uint64_t)(payload))
#define VAL_CANONICAL_NAN ((Value)0x7FF8000000000000ull)

/* Special constants. */
#define VAL_UNDEFINED VAL_MAKE(VAL_TAG_SPECIAL, 0)
#define VAL_NULL VAL_MAKE(VAL_TAG_SPECIAL, 1)
#define VAL_FALSE VAL_MAKE(VAL_TAG_SPECIAL, 2)
#define VAL_TRUE VAL_MAKE(VAL_TAG_SPECIAL, 3)
/* An absent element in a holey array, and "no value" in internal tables. Never user-visible. */
#define VAL_HOLE VAL_MAKE(VAL_TAG_SPECIAL, 4)
/* A let/const/class binding in its temporal dead zone. Never user-visible. */
#define VAL_UNINITIALIZED VAL_MAKE(VAL_TAG_SPECIAL, 5)
/* Returned by a fallible function: an exception is pending on the isolate. Never user-visible. */
#define VAL_EXCEPTION VAL_MAKE(VAL_TAG_SPECIAL, 6)
/* "Not found" from internal lookups. Never user-visible. */
#define VAL_NOT_FOUND VAL_MAKE(VAL_TAG_SPECIAL, 7)

static inline uint32_t val_tag(Value v) { return (uint32_t)(v >> VAL_TAG_SHIFT); }

static inline bool val_is_double(Value v) { return val_tag(v) < VAL_FIRST_TAG; }
static inline bool val_is_int(Value v) { return val_tag(v) == VAL_TAG_INT; }
static inline bool val_is_number(Value v) { return val_is_double(v) || val_is_int(v); }
static inline bool val_is_pointer(Value v) { return val_tag(v) == VAL_TAG_POINTER; }
static inline bool val_is_undefined(Value v) { return v == VAL_UNDEFINED; }
static inline bool val_is_null(Value v) { return v == VAL_NULL; }
static inline bool val_is_nullish(Value v) { return v == VAL_UNDEFINED || v == VAL_NULL; }
static inline bool val_is_bool(Value v) { return (v & ~(Value)1) == VAL_FALSE; }
static inline bool val_is_exception(Value v) { return v == VAL_EXCEPTION; }

static inline Value val_from_bool(bool b) { return b ? VAL_TRUE : VAL_FALSE; }
static inline bool val_to_bool_unchecked(Value v) { return v == VAL_TRUE; }

static inline Value val_from_int(int32_t i) { return VAL_MAKE(VAL_TAG_INT, (uint32_t)i); }
static inline int32_t val_to_int(Value v) { return (int32_t)(uint32_t)v; }

static inline uint64_t val_double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}
/* Wraps a double as it is; the caller guarantees it is not a NaN with a non-canonical payload. */
static inline Value val_from_double_raw(double d) { return val_double_bits(d); }
/* Wraps any double, canonicalizing NaN. */
static inline Value val_from_double(double d) { return d != d ? VAL_CANONICAL_NAN : val_double_bits(d); }
static inline double val_to_double_unchecked(Value v) {
  double d;
  memcpy(&d, &v, sizeof d);
  return d;
}
/* The numeric value of a number (int or double). */
static inline double val_to_number_unchecked(Value v) {
  return val_is_int(v) ? (double)val_to_int(v) : val_to_double_unchecked(v);
}
/* A number Value for d: int32 form when d is an int32 other than -0, else double. */
static inline Value val_from_number(double d) {
  if (d >= -2147483648.0 && d <= 2147483647.0) {
    int32_t i = (int32_t)d;
    if ((double)i == d && !(i == 0 && val_double_bits(d) != 0)) return val_from_int(i);
  }
  return val_from_double(d);
}

struct HeapObject;
static inline struct HeapObject *val_to_ptr(Value v) {
  return (struct HeapObject *)(uintptr_t)(v & 0x0000FFFFFFFFFFFFull);
}
static inline Value val_from_ptr(const void *p) { return VAL_MAKE(VAL_TAG_POINTER, (uintptr_t)p); }

#endif
