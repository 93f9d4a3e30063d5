/*
 * dtoa acceptance: shortest round trip on 1,000,000 doubles from a fixed-seed PRNG (random bit
 * patterns and random "nice" decimal values), minimality of the digit count, and strtod hard
 * cases (halfway points, extremes, long digit strings).
 */
#include "base/dtoa.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

static void check(bool ok, const char *what, const char *detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    if (failed < 30) fprintf(stderr, "FAIL: %s: %s\n", what, detail);
  }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double from_bits(uint64_t b) {
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}
static uint64_t to_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}

/* Splits a JS number string into its significant digits and decimal exponent. */
static int split(const char *s, char *digits, int *exp10) {
  int nd = 0, point = -1, e = 0, i = 0;
  if (s[i] == '-') i++;
  for (; s[i] && s[i] != 'e'; i++) {
    if (s[i] == '.') point = nd;
    else digits[nd++] = s[i];
  }
  if (point < 0) point = nd;
  if (s[i] == 'e') e = atoi(s + i + 1);
  /* strip leading zeros */
  int lead = 0;
  while (lead < nd - 1 && digits[lead] == '0') lead++;
  memmove(digits, digits + lead, (size_t)(nd - lead));
  nd -= lead;
  point -= lead;
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  digits[nd] = 0;
  *exp10 = e + point - nd; /* value = digits * 10^exp10 */
  return nd;
}

static double parse_digits(const char *digits, int nd, int exp10) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.*se%d", nd, digits, exp10);
  size_t used;
  double v = dtoa_strtod(buf, strlen(buf), &used);
  return v;
}

static void roundtrip_one(double d) {
  char buf[DTOA_BUF_SIZE], detail[128];
  size_t n = dtoa_to_js_string(d, buf);
  size_t used = 0;
  double back = dtoa_strtod(buf, n, &used);
  bool ok = used == n && to_bits(back) == to_bits(d == 0 ? 0.0 : d);
  snprintf(detail, sizeof detail, "%016llx -> %s", (unsigned long long)to_bits(d), buf);
  if (!ok) {
    check(false, "round trip", detail);
    return;
  }
  char digits[40];
  int e;
  int nd = split(buf, digits, &e);
  if (nd > 1) {
    /* One digit fewer, truncated and rounded up, must both name other doubles. */
    double ad = fabs(d);
    double lo = parse_digits(digits, nd - 1, e + 1);
    char up[40];
    memcpy(up, digits, (size_t)(nd - 1));
    int i = nd - 2;
    int upn = nd - 1, upe = e + 1;
    while (i >= 0 && up[i] == '9') up[i--] = '0';
    if (i >= 0) up[i]++;
    else {
      memmove(up + 1, up, (size_t)upn);
      up[0] = '1';
      upn++;
    }
    double hi = parse_digits(up, upn, upe);
    check(lo != ad && hi != ad, "minimal", detail);
  } else {
    passed++;
  }
}

static void strtod_case(const char *s, uint64_t bits) {
  size_t used;
  double v = dtoa_strtod(s, strlen(s), &used);
  char detail[200];
  snprintf(detail, sizeof detail, "%.80s -> %016llx, want %016llx", s,
           (unsigned long long)to_bits(v), (unsigned long long)bits);
  check(used == strlen(s) && to_bits(v) == bits, "strtod", detail);
}

static void tostring_case(double d, const char *want) {
  char buf[DTOA_BUF_SIZE], detail[128];
  dtoa_to_js_string(d, buf);
  snprintf(detail, sizeof detail, "got %s want %s", buf, want);
  check(strcmp(buf, want) == 0, "toString", detail);
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 1000000;
  for (long i = 0; i < count; i++) {
    double d;
    if (i % 4 == 3) {
      /* "nice" values: short decimals at a random scale */
      int64_t m = (int64_t)(rng() % 1000000);
      int e = (int)(rng() % 40) - 20;
      d = (double)m;
      for (; e > 0; e--) d *= 10;
      for (; e < 0; e++) d /= 10;
    } else {
      d = from_bits(rng());
      if (isnan(d) || isinf(d)) continue;
    }
    roundtrip_one(d);
  }
  /* Boundaries. */
  roundtrip_one(from_bits(1));
  roundtrip_one(from_bits(0x000FFFFFFFFFFFFFull));
  roundtrip_one(from_bits(0x0010000000000000ull));
  roundtrip_one(from_bits(0x7FEFFFFFFFFFFFFFull));
  for (int e = 0; e < 2046; e++) roundtrip_one(from_bits((uint64_t)e << 52));

  tostring_case(0.0, "0");
  tostring_case(-0.0, "0");
  tostring_case(NAN, "NaN");
  tostring_case(INFINITY, "Infinity");
  tostring_case(-INFINITY, "-Infinity");
  tostring_case(1e21, "1e+21");
  tostring_case(1e20, "100000000000000000000");
  tostring_case(123456789012345680000.0, "123456789012345680000");
  tostring_case(1.5e-7, "1.5e-7");
  tostring_case(0.000001, "0.000001");
  tostring_case(0.1 + 0.2, "0.30000000000000004");
  tostring_case(5e-324, "5e-324");
  tostring_case(1.7976931348623157e308, "1.7976931348623157e+308");
  tostring_case(-1.5, "-1.5");
  tostring_case(2.2250738585072014e-308, "2.2250738585072014e-308");
  tostring_case(9007199254740993.0, "9007199254740992");
  tostring_case(1e23, "1e+23");
  tostring_case(5e-7, "5e-7");

  /* strtod hard cases. */
  strtod_case("0", 0);
  strtod_case("4.9406564584124654e-324", 1);
  strtod_case("2.4703282292062327e-324", 0);                 /* below half of 2^-1074 */
  strtod_case("2.4703282292062328e-324", 1);                 /* above half */
  strtod_case("2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281255e-324", 1); /* halfway + tiny: rounds up */
  strtod_case("2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281250e-324", 0); /* exact halfway: to even (0) */
  strtod_case("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFull);
  strtod_case("1.7976931348623158e308", 0x7FEFFFFFFFFFFFFFull);
  strtod_case("1.7976931348623159e308", 0x7FF0000000000000ull); /* past max + half ulp */
  strtod_case("2.2250738585072011e-308", 0x000FFFFFFFFFFFFFull);
  strtod_case("2.2250738585072012e-308", 0x0010000000000000ull);
  strtod_case("9007199254740993", 0x4340000000000000ull);   /* 2^53 + 1: halfway, to even */
  strtod_case("9007199254740995", 0x4340000000000002ull);   /* 2^53 + 3: halfway, to even (up) */
  strtod_case("9007199254740993.0000000000000000000000000000000000000000000000000000001",
              0x4340000000000001ull);
  strtod_case("1e23", 0x44B52D02C7E14AF6ull);
  strtod_case("8.98846567431158e307", 0x7FE0000000000000ull);
  strtod_case("0.1", 0x3FB999999999999Aull);
  strtod_case("1e-400", 0);
  strtod_case("1e400", 0x7FF0000000000000ull);
  strtod_case("1e99999999999999999999", 0x7FF0000000000000ull);
  strtod_case("0.000000000000000000000000000000000000000000000000000000000000000000000000000000001e81",
              0x3FF0000000000000ull);
  strtod_case("100000000000000000000000000000000000000000000000000000000000000000000000000e-74",
              0x3FF0000000000000ull);
  strtod_case("7.2057594037927933e16", 0x4370000000000000ull); /* 2^56 + 2^3 - 1/2: below halfway */
  strtod_case("4.35679632e-316", 0x0000000005418F0Bull);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
