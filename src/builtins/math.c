/*
 * The Math object (ECMA-262 21.3). libm does the arithmetic; every result goes through
 * val_from_number (NaN canonicalized) and the spec's special cases for -0, NaN and infinities
 * are handled here where libm and the spec could disagree.
 */
#include "base/dtoa-bignum.h"
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

static int arg_double(Isolate *iso, const CallArgs *args, int i, double *out) {
  Value v = call_arg(args, i);
  if (val_is_int(v)) {
    *out = val_to_int(v);
    return 0;
  }
  if (val_is_double(v)) {
    *out = val_to_double_unchecked(v);
    return 0;
  }
  return rt_to_number_double(iso, v, out);
}

typedef double (*UnaryFn)(double);

enum {
  M_ABS, M_ACOS, M_ACOSH, M_ASIN, M_ASINH, M_ATAN, M_ATANH, M_CBRT, M_CEIL, M_COS, M_COSH,
  M_EXP, M_EXPM1, M_FLOOR, M_FROUND, M_LOG, M_LOG1P, M_LOG10, M_LOG2, M_ROUND, M_SIGN, M_SIN,
  M_SINH, M_SQRT, M_TAN, M_TANH, M_TRUNC, M_CLZ32, M_F16ROUND,
};

static double js_round(double x) {
  if (!isfinite(x) || x == 0) return x;
  if (x > 0 && x < 0.5) return 0.0;
  if (x < 0 && x >= -0.5) return -0.0;
  double r = floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

/* glibc's cbrt is not correctly rounded (cbrt(-27) is -3.0000000000000004); one Newton step in
 * extended precision fixes exact cubes and tightens the rest. */
static double js_cbrt(double x) {
  if (!isfinite(x) || x == 0) return x;
  double a = fabs(x);
  long double r = cbrt(a);
  r = r - (r * r * r - (long double)a) / (3 * r * r);
  double d = (double)r;
  return x < 0 ? -d : d;
}

/* Rounds to the nearest IEEE binary16 value (ties to even), as a double. Dividing by the
 * quantum is exact, so rint performs the only rounding. */
static double js_f16round(double x) {
  if (x != x || x == 0 || isinf(x)) return x;
  double a = fabs(x);
  double r;
  if (a >= 65520.0) {
    r = INFINITY; /* 65504 + half an ulp and above (the tie goes to the even infinity) */
  } else if (a < 0x1p-14) {
    r = rint(a / 0x1p-24) * 0x1p-24; /* subnormal halves */
  } else {
    int e;
    frexp(a, &e); /* a = f * 2^e, f in [0.5, 1) */
    double quantum = ldexp(1.0, e - 11);
    r = rint(a / quantum) * quantum;
  }
  return x < 0 ? -r : r;
}

static double js_sign(double x) {
  if (x != x || x == 0) return x;
  return x > 0 ? 1 : -1;
}

static Value math_unary(Isolate *iso, const CallArgs *args) {
  double x;
  if (arg_double(iso, args, 0, &x) < 0) return VAL_EXCEPTION;
  double r;
  switch (function_magic(args->callee)) {
    case M_ABS: r = fabs(x); break;
    case M_ACOS: r = acos(x); break;
    case M_ACOSH: r = acosh(x); break;
    case M_ASIN: r = asin(x); break;
    case M_ASINH: r = asinh(x); break;
    case M_ATAN: r = atan(x); break;
    case M_ATANH: r = atanh(x); break;
    case M_CBRT: r = js_cbrt(x); break;
    case M_CEIL: r = ceil(x); break;
    case M_COS: r = cos(x); break;
    case M_COSH: r = cosh(x); break;
    case M_EXP: r = exp(x); break;
    case M_EXPM1: r = expm1(x); break;
    case M_FLOOR: r = floor(x); break;
    case M_FROUND: r = (double)(float)x; break;
    case M_F16ROUND: r = js_f16round(x); break;
    case M_LOG: r = log(x); break;
    case M_LOG1P: r = log1p(x); break;
    case M_LOG10: r = log10(x); break;
    case M_LOG2: r = log2(x); break;
    case M_ROUND: r = js_round(x); break;
    case M_SIGN: r = js_sign(x); break;
    case M_SIN: r = sin(x); break;
    case M_SINH: r = sinh(x); break;
    case M_SQRT: r = sqrt(x); break;
    case M_TAN: r = tan(x); break;
    case M_TANH: r = tanh(x); break;
    case M_TRUNC: r = trunc(x); break;
    case M_CLZ32: {
      uint32_t u;
      /* ToUint32 of the number already computed (no second conversion of the argument). */
      if (!isfinite(x)) {
        u = 0;
      } else {
        double t = fmod(trunc(x), 4294967296.0);
        if (t < 0) t += 4294967296.0;
        u = (uint32_t)t;
      }
      r = u ? __builtin_clz(u) : 32;
      break;
    }
    default: PT_UNREACHABLE();
  }
  return val_from_number(r);
}

/* Number::exponentiate: libm's pow differs for |base| == 1 with an infinite or NaN exponent. */
static double math_pow(double base, double exponent) {
  if (exponent != exponent) return NAN;
  if (exponent == 0) return 1;
  if (base != base) return NAN;
  if (fabs(base) == 1 && isinf(exponent)) return NAN;
  return pow(base, exponent);
}

static Value math_pow_fn(Isolate *iso, const CallArgs *args) {
  double b, e;
  if (arg_double(iso, args, 0, &b) < 0 || arg_double(iso, args, 1, &e) < 0) return VAL_EXCEPTION;
  return val_from_number(math_pow(b, e));
}

static Value math_atan2(Isolate *iso, const CallArgs *args) {
  double y, x;
  if (arg_double(iso, args, 0, &y) < 0 || arg_double(iso, args, 1, &x) < 0) return VAL_EXCEPTION;
  return val_from_number(atan2(y, x));
}

static Value math_imul(Isolate *iso, const CallArgs *args) {
  uint32_t a, b;
  if (rt_to_uint32(iso, call_arg(args, 0), &a) < 0 || rt_to_uint32(iso, call_arg(args, 1), &b) < 0)
    return VAL_EXCEPTION;
  return val_from_int((int32_t)(a * b));
}

/* Math.max (magic 1) / Math.min (magic 0): every argument is converted, even after a NaN. */
static Value math_max_min(Isolate *iso, const CallArgs *args) {
  bool is_max = function_magic(args->callee) == 1;
  double r = is_max ? -INFINITY : INFINITY;
  bool nan = false;
  for (int i = 0; i < args->argc; i++) {
    double x;
    if (arg_double(iso, args, i, &x) < 0) return VAL_EXCEPTION;
    if (x != x) {
      nan = true;
      continue;
    }
    if (is_max) {
      if (x > r || (x == 0 && r == 0 && !signbit(x))) r = x;
    } else {
      if (x < r || (x == 0 && r == 0 && signbit(x))) r = x;
    }
  }
  return val_from_number(nan ? NAN : r);
}

static Value math_hypot(Isolate *iso, const CallArgs *args) {
  double stack_vals[16];
  double *vals = args->argc <= 16 ? stack_vals : malloc((size_t)args->argc * sizeof(double));
  if (!vals) return isolate_throw_oom(iso);
  bool inf = false, nan = false;
  double max = 0;
  for (int i = 0; i < args->argc; i++) {
    if (arg_double(iso, args, i, &vals[i]) < 0) {
      if (vals != stack_vals) free(vals);
      return VAL_EXCEPTION;
    }
    double a = fabs(vals[i]);
    if (isinf(a)) inf = true;
    else if (a != a) nan = true;
    else if (a > max) max = a;
  }
  double r;
  if (inf) {
    r = INFINITY;
  } else if (nan) {
    r = NAN;
  } else if (max == 0) {
    r = 0;
  } else {
    /* Scale by the largest magnitude to avoid overflow; Kahan-compensated sum of squares. */
    double sum = 0, comp = 0;
    for (int i = 0; i < args->argc; i++) {
      double t = vals[i] / max;
      double y = t * t - comp;
      double s = sum + y;
      comp = (s - sum) - y;
      sum = s;
    }
    r = sqrt(sum) * max;
  }
  if (vals != stack_vals) free(vals);
  return val_from_number(r);
}

/* xorshift128+ (Vigna), per realm. */
static uint64_t random_next(Realm *realm) {
  uint64_t s1 = realm->random_state[0];
  uint64_t s0 = realm->random_state[1];
  realm->random_state[0] = s0;
  s1 ^= s1 << 23;
  s1 ^= s1 >> 17;
  s1 ^= s0;
  s1 ^= s0 >> 26;
  realm->random_state[1] = s1;
  return realm->random_state[0] + realm->random_state[1];
}

static Value math_random(Isolate *iso, const CallArgs *args) {
  uint64_t bits = random_next(iso->realm) >> 11; /* 53 random bits */
  return val_from_double((double)bits * 0x1p-53);
}

static void random_seed(Realm *realm) {
  uint64_t seed[2] = {0, 0};
  bool ok = false;
#if defined(__linux__)
  ok = getrandom(seed, sizeof seed, 0) == (ssize_t)sizeof seed;
#endif
  if (!ok) {
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) {
      ok = read(fd, seed, sizeof seed) == (ssize_t)sizeof seed;
      close(fd);
    }
  }
  if (!ok) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    seed[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec;
    seed[1] = (uint64_t)(uintptr_t)realm * 0xBF58476D1CE4E5B9ull;
  }
  if (seed[0] == 0 && seed[1] == 0) seed[1] = 1; /* the all-zero state is a fixed point */
  realm->random_state[0] = seed[0];
  realm->random_state[1] = seed[1];
}

/* ---- Math.sumPrecise: the exact sum, rounded once ---------------------------------------- */

/* Every finite double is an integer multiple of 2^-1074, so the sum is kept exactly as two
 * unsigned big integers (positive and negative parts) in units of 2^-1074. */
typedef struct {
  Bignum pos, neg;
} ExactSum;

static void exact_add(ExactSum *s, double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  int be = (int)((bits >> 52) & 0x7FF);
  uint64_t mant = bits & ((1ull << 52) - 1);
  int shift = 0;
  if (be != 0) {
    mant |= 1ull << 52;
    shift = be - 1;
  }
  Bignum t;
  bn_set_u64(&t, mant);
  bn_shl(&t, shift);
  bn_add(x < 0 ? &s->neg : &s->pos, &t);
}

static bool bn_bit(const Bignum *a, int i) {
  int limb = i / 32;
  return limb < a->n && ((a->d[limb] >> (i % 32)) & 1);
}

/* N * 2^-1074, correctly rounded (N > 0). */
static double bignum_to_double_scaled(const Bignum *n) {
  int len = bn_bit_length(n);
  if (len <= 53) {
    uint64_t v = 0;
    for (int i = len - 1; i >= 0; i--) v = (v << 1) | (uint64_t)bn_bit(n, i);
    return ldexp((double)v, -1074);
  }
  int shift = len - 53;
  uint64_t top = 0;
  for (int i = len - 1; i >= shift; i--) top = (top << 1) | (uint64_t)bn_bit(n, i);
  bool half = bn_bit(n, shift - 1), sticky = false;
  for (int i = shift - 2; i >= 0 && !sticky; i--) sticky = bn_bit(n, i);
  if (half && (sticky || (top & 1))) {
    top++;
    if (top == (1ull << 53)) {
      top >>= 1;
      shift++;
    }
  }
  if (shift - 1074 > 971) return INFINITY;
  return ldexp((double)top, shift - 1074);
}

static Value math_sum_precise(Isolate *iso, const CallArgs *args) {
  Value items = call_arg(args, 0);
  if (val_is_nullish(items)) return rt_throw_type_error(iso, "Math.sumPrecise called on null or undefined");
  IteratorRecord rec;
  if (builtins_get_iterator(iso, items, false, &rec) < 0) return VAL_EXCEPTION;
  enum { S_MINUS_ZERO, S_FINITE, S_PLUS_INF, S_MINUS_INF, S_NAN } state = S_MINUS_ZERO;
  ExactSum *sum = malloc(sizeof *sum);
  if (!sum) return isolate_throw_oom(iso);
  bn_set_u64(&sum->pos, 0);
  bn_set_u64(&sum->neg, 0);
  double count = 0;
  for (;;) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) {
      free(sum);
      return v;
    }
    if (v == VAL_HOLE) break;
    count++;
    if (count >= 9007199254740992.0) {
      rt_throw_range_error(iso, "Math.sumPrecise: too many values");
      builtins_iterator_close(iso, rec.iterator, true);
      free(sum);
      return VAL_EXCEPTION;
    }
    if (!val_is_number(v)) {
      rt_throw_type_error(iso, "Math.sumPrecise: value is not a number");
      builtins_iterator_close(iso, rec.iterator, true);
      free(sum);
      return VAL_EXCEPTION;
    }
    if (state == S_NAN) continue;
    double x = val_to_number_unchecked(v);
    if (x != x) {
      state = S_NAN;
    } else if (x == INFINITY) {
      state = state == S_MINUS_INF ? S_NAN : S_PLUS_INF;
    } else if (x == -INFINITY) {
      state = state == S_PLUS_INF ? S_NAN : S_MINUS_INF;
    } else if (!(x == 0 && signbit(x)) && (state == S_MINUS_ZERO || state == S_FINITE)) {
      state = S_FINITE;
      if (x != 0) exact_add(sum, x);
    }
  }
  double r;
  switch (state) {
    case S_NAN: r = NAN; break;
    case S_PLUS_INF: r = INFINITY; break;
    case S_MINUS_INF: r = -INFINITY; break;
    case S_MINUS_ZERO: r = -0.0; break;
    default: {
      int c = bn_cmp(&sum->pos, &sum->neg);
      if (c == 0) {
        r = 0;
      } else if (c > 0) {
        bn_sub(&sum->pos, &sum->neg);
        r = bignum_to_double_scaled(&sum->pos);
      } else {
        bn_sub(&sum->neg, &sum->pos);
        r = -bignum_to_double_scaled(&sum->neg);
      }
    }
  }
  free(sum);
  return val_from_number(r);
}

int builtins_install_math(Isolate *iso, Realm *realm) {
  Value math = obj_new_plain(iso);
  if (math == VAL_EXCEPTION) return -1;
  if (builtins_def_value(iso, realm->global_object, "Math", math, ATTR_BUILTIN) < 0) return -1;
  static const struct {
    const char *name;
    double value;
  } constants[] = {
      {"E", 2.718281828459045},          {"LN10", 2.302585092994046},
      {"LN2", 0.6931471805599453},       {"LOG10E", 0.4342944819032518},
      {"LOG2E", 1.4426950408889634},     {"PI", 3.141592653589793},
      {"SQRT1_2", 0.7071067811865476},   {"SQRT2", 1.4142135623730951},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(constants); i++) {
    if (builtins_def_value(iso, math, constants[i].name, val_from_double(constants[i].value), 0) < 0)
      return -1;
  }
  static const struct {
    const char *name;
    int magic;
  } unary[] = {
      {"abs", M_ABS},     {"acos", M_ACOS},   {"acosh", M_ACOSH}, {"asin", M_ASIN},
      {"asinh", M_ASINH}, {"atan", M_ATAN},   {"atanh", M_ATANH}, {"cbrt", M_CBRT},
      {"ceil", M_CEIL},   {"clz32", M_CLZ32}, {"cos", M_COS},     {"cosh", M_COSH},
      {"exp", M_EXP},     {"expm1", M_EXPM1}, {"floor", M_FLOOR}, {"fround", M_FROUND},
      {"f16round", M_F16ROUND},
      {"log", M_LOG},     {"log1p", M_LOG1P}, {"log10", M_LOG10}, {"log2", M_LOG2},
      {"round", M_ROUND}, {"sign", M_SIGN},   {"sin", M_SIN},     {"sinh", M_SINH},
      {"sqrt", M_SQRT},   {"tan", M_TAN},     {"tanh", M_TANH},   {"trunc", M_TRUNC},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(unary); i++) {
    if (builtins_def_method(iso, math, unary[i].name, math_unary, 1, unary[i].magic) == VAL_EXCEPTION)
      return -1;
  }
  if (builtins_def_method(iso, math, "atan2", math_atan2, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "hypot", math_hypot, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "imul", math_imul, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "max", math_max_min, 2, 1) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "min", math_max_min, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "pow", math_pow_fn, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "random", math_random, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, math, "sumPrecise", math_sum_precise, 1, 0) == VAL_EXCEPTION) return -1;
  Value tag = str_from_cstr(iso, "Math");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, math, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0)
    return -1;
  random_seed(realm);
  return 0;
}
