/*
 * Number fast paths for the interpreter's binary operators and comparisons, inlined into the
 * handlers. They decide only when both operands are already numbers (int32 or double), where no
 * conversion can run user code; everything else returns false and goes to the generic
 * operators (runtime-operators.c / interpreter.c binop), which are always correct.
 *
 * Results follow the value invariant that a number which is an int32 (other than -0) is held in
 * int form (val_from_number), so index keys and Smi checks elsewhere keep working.
 */
#ifndef PETREL_INTERPRETER_INTERP_ARITH_H
#define PETREL_INTERPRETER_INTERP_ARITH_H

#include "interpreter/bytecodes.h"
#include "objects/value.h"
#include <math.h>

/* ToInt32 of a double (ECMA-262 7.1.6) without a call in the common in-range case. */
static inline int32_t interp_double_to_int32(double d) {
  if (PT_LIKELY(d > -2147483649.0 && d < 2147483648.0)) return (int32_t)d; /* truncates; NaN fails */
  if (!isfinite(d)) return 0;
  d = fmod(trunc(d), 4294967296.0);
  if (d < 0) d += 4294967296.0;
  return (int32_t)(uint32_t)d;
}

static inline int32_t interp_number_to_int32(Value v) {
  return val_is_int(v) ? val_to_int(v) : interp_double_to_int32(val_to_double_unchecked(v));
}

static inline Value interp_int64_result(int64_t r) {
  if (PT_LIKELY(r >= INT32_MIN && r <= INT32_MAX)) return val_from_int((int32_t)r);
  return val_from_double_raw((double)r);
}

/* a op b for op in Add..ShiftRightLogical (not Exp) when both are numbers: true with *out set. */
static inline bool interp_binop_fast(Bytecode op, Value a, Value b, Value *out) {
  if (PT_LIKELY(val_is_int(a) && val_is_int(b))) {
    int32_t x = val_to_int(a), y = val_to_int(b);
    switch (op) {
    case BC_Add: *out = interp_int64_result((int64_t)x + y); return true;
    case BC_Sub: *out = interp_int64_result((int64_t)x - y); return true;
    case BC_Mul: {
      int64_t r = (int64_t)x * y;
      if (r == 0 && (x < 0 || y < 0)) return false; /* -0: the generic path makes the double */
      *out = interp_int64_result(r);
      return true;
    }
    case BC_Div:
      /* Exact quotients stay ints; -0 (0 / negative) and INT32_MIN / -1 take the double route. */
      if (y != 0 && !(x == 0 && y < 0) && !(x == INT32_MIN && y == -1) && x % y == 0) {
        *out = val_from_int(x / y);
        return true;
      }
      *out = val_from_number((double)x / (double)y);
      return true;
    case BC_Mod:
      if (x >= 0 && y > 0) {
        *out = val_from_int(x % y);
        return true;
      }
      return false;
    case BC_BitwiseOr: *out = val_from_int(x | y); return true;
    case BC_BitwiseXor: *out = val_from_int(x ^ y); return true;
    case BC_BitwiseAnd: *out = val_from_int(x & y); return true;
    case BC_ShiftLeft: *out = val_from_int((int32_t)((uint32_t)x << (y & 31))); return true;
    case BC_ShiftRight: *out = val_from_int(x >> (y & 31)); return true;
    case BC_ShiftRightLogical: {
      uint32_t r = (uint32_t)x >> (y & 31);
      *out = r <= INT32_MAX ? val_from_int((int32_t)r) : val_from_double_raw((double)r);
      return true;
    }
    default: return false;
    }
  }
  if (!val_is_number(a) || !val_is_number(b)) return false;
  switch (op) {
  case BC_Add: *out = val_from_number(val_to_number_unchecked(a) + val_to_number_unchecked(b)); return true;
  case BC_Sub: *out = val_from_number(val_to_number_unchecked(a) - val_to_number_unchecked(b)); return true;
  case BC_Mul: *out = val_from_number(val_to_number_unchecked(a) * val_to_number_unchecked(b)); return true;
  case BC_Div: *out = val_from_number(val_to_number_unchecked(a) / val_to_number_unchecked(b)); return true;
  case BC_Mod: *out = val_from_number(fmod(val_to_number_unchecked(a), val_to_number_unchecked(b))); return true;
  case BC_BitwiseOr: *out = val_from_int(interp_number_to_int32(a) | interp_number_to_int32(b)); return true;
  case BC_BitwiseXor: *out = val_from_int(interp_number_to_int32(a) ^ interp_number_to_int32(b)); return true;
  case BC_BitwiseAnd: *out = val_from_int(interp_number_to_int32(a) & interp_number_to_int32(b)); return true;
  case BC_ShiftLeft:
    *out = val_from_int((int32_t)((uint32_t)interp_number_to_int32(a) << (interp_number_to_int32(b) & 31)));
    return true;
  case BC_ShiftRight: *out = val_from_int(interp_number_to_int32(a) >> (interp_number_to_int32(b) & 31)); return true;
  case BC_ShiftRightLogical: {
    uint32_t r = (uint32_t)interp_number_to_int32(a) >> (interp_number_to_int32(b) & 31);
    *out = r <= INT32_MAX ? val_from_int((int32_t)r) : val_from_double_raw((double)r);
    return true;
  }
  default: return false;
  }
}

/* a < b and friends for numbers: 0/1, or -1 when not both numbers (NaN compares false). */
static inline int interp_compare_fast(Bytecode op, Value a, Value b) {
  if (val_is_int(a) && val_is_int(b)) {
    int32_t x = val_to_int(a), y = val_to_int(b);
    switch (op) {
    case BC_TestLessThan: return x < y;
    case BC_TestGreaterThan: return x > y;
    case BC_TestLessThanOrEqual: return x <= y;
    default: return x >= y;
    }
  }
  if (!val_is_number(a) || !val_is_number(b)) return -1;
  double x = val_to_number_unchecked(a), y = val_to_number_unchecked(b);
  switch (op) {
  case BC_TestLessThan: return x < y;
  case BC_TestGreaterThan: return x > y;
  case BC_TestLessThanOrEqual: return x <= y;
  default: return x >= y;
  }
}

#endif
