/*
 * Exact number <-> string conversion (ECMA-262 Number::toString, StringToNumber, toFixed,
 * toExponential, toPrecision, toString(radix)). Never uses the C library's printf/strtod: they
 * follow LC_NUMERIC and are not all exact. Shortest digits come from an exact big-integer
 * digit generator (Steele-White / Dragon4 idea); decimal -> double is correctly rounded.
 * All functions are pure, thread-safe, and never allocate from the JS heap.
 */
#ifndef PETREL_BASE_DTOA_H
#define PETREL_BASE_DTOA_H

#include "base/common.h"

/* ECMAScript Number::toString(x) radix 10: "NaN", "Infinity", "-0" -> "0", shortest
   round-trip digits, exponent form per the spec (1e21, 1.5e-7). buf >= 32 bytes.
   Returns the length; buf is NUL-terminated. */
#define DTOA_BUF_SIZE 32
size_t dtoa_to_js_string(double d, char *buf);

/* Number.prototype.toString(radix) for radix 2..36 (V8's algorithm gives the shortest
   correctly rounded digits; matches node's output). bufsize >= 2200 is always enough.
   Returns the length (NUL-terminated), or 0 if bufsize is too small. */
#define DTOA_RADIX_BUF_SIZE 2200
size_t dtoa_to_radix_string(double d, int radix, char *buf, size_t bufsize);

/* StringToNumber (ECMA-262 7.1.4.1.1): trims StrWhiteSpaceChar (incl. U+FEFF, Zs, line
   terminators), "" -> 0, 0x/0o/0b (no sign), Infinity with sign, decimal with exponent;
   NaN if anything else. */
double dtoa_string_to_number(const uint16_t *s, size_t len);
double dtoa_string_to_number_latin1(const uint8_t *s, size_t len);

/* Correctly rounded decimal -> double for a StrDecimalLiteral prefix (no sign handling
   needed by the parser, but accept one); *consumed = chars used (0 if no number: then the
   result is NaN). Accepts digits, '.', exponent; not "Infinity", not '_' separators.
   Locale-free. consumed may be NULL. */
double dtoa_strtod(const char *s, size_t len, size_t *consumed);

/* Parses a whole string of ASCII decimal digits already stripped of separators (for the
   parser's numeric literals with '_'): digits "123" with optional '.', exponent. Same as
   dtoa_strtod but reports NaN unless the whole input is used. */
double dtoa_parse_decimal(const char *s, size_t len);

/* Integer digits in radix 2..36 (parseInt, 0x/0o/0b literals): exact for any length
   (correctly rounded for power-of-two radixes and for radix 10; other radixes follow V8's
   approach of accumulating). Stops at the first invalid digit; *consumed = digits used. */
double dtoa_parse_int_radix(const uint16_t *s, size_t len, int radix, size_t *consumed);

/* toFixed / toExponential / toPrecision digit generation, exact (up to 100 digits).
   Callers check the argument ranges (toFixed 0..100, toExponential 0..100 or -1,
   toPrecision 1..100) and handle NaN/Infinity themselves or get "NaN"/"Infinity".
   bufsize >= DTOA_FIXED_BUF_SIZE is always enough. Returns the length (NUL-terminated). */
#define DTOA_FIXED_BUF_SIZE 1200
size_t dtoa_to_fixed(double d, int fraction_digits, char *buf, size_t bufsize);
size_t dtoa_to_exponential(double d, int fraction_digits /* -1: as many as needed */, char *buf,
                           size_t bufsize);
size_t dtoa_to_precision(double d, int precision, char *buf, size_t bufsize);

#endif
