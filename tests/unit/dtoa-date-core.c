/*
 * Date arithmetic, local time (DST gaps and overlaps, historical offsets) and formatting against
 * node's output, in several time zones (TZ set here; needs the system tz database), plus
 * StringToNumber cases. Expected strings were produced by node (V8 + ICU).
 */
#include "base/dtoa.h"
#include "builtins/date-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int passed, failed;

static void expect_str(const char *what, const char *got, const char *want) {
  if (strcmp(got, want) == 0) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "FAIL: %s\n   got  %s\n   want %s\n", what, got, want);
  }
}

static void expect_num(const char *what, double got, double want) {
  if (got == want || (isnan(got) && isnan(want))) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "FAIL: %s: got %.17g want %.17g\n", what, got, want);
  }
}

static void set_tz(const char *tz) {
  setenv("TZ", tz, 1);
  tzset();
}

static const struct {
  const char *tz;
  double t;
  const char *want;
} to_string_cases[] = {
    {"Europe/Berlin", 0, "Thu Jan 01 1970 01:00:00 GMT+0100 (Central European Standard Time)"},
    {"Europe/Berlin", 1709629200000, "Tue Mar 05 2024 10:00:00 GMT+0100 (Central European Standard Time)"},
    {"Europe/Berlin", 1720000000000, "Wed Jul 03 2024 11:46:40 GMT+0200 (Central European Summer Time)"},
    {"Europe/Berlin", 1710052200000, "Sun Mar 10 2024 07:30:00 GMT+0100 (Central European Standard Time)"},
    {"Europe/Berlin", 1730611800000, "Sun Nov 03 2024 06:30:00 GMT+0100 (Central European Standard Time)"},
    {"Europe/Berlin", 4000000000000, "Tue Oct 02 2096 09:06:40 GMT+0200 (Central European Summer Time)"},
    {"America/New_York", 0, "Wed Dec 31 1969 19:00:00 GMT-0500 (Eastern Standard Time)"},
    {"America/New_York", 1709629200000, "Tue Mar 05 2024 04:00:00 GMT-0500 (Eastern Standard Time)"},
    {"America/New_York", 1720000000000, "Wed Jul 03 2024 05:46:40 GMT-0400 (Eastern Daylight Time)"},
    {"America/New_York", 1710052200000, "Sun Mar 10 2024 01:30:00 GMT-0500 (Eastern Standard Time)"},
    {"America/New_York", 1730611800000, "Sun Nov 03 2024 01:30:00 GMT-0400 (Eastern Daylight Time)"},
    {"America/New_York", 4000000000000, "Tue Oct 02 2096 03:06:40 GMT-0400 (Eastern Daylight Time)"},
    {"Asia/Kolkata", 0, "Thu Jan 01 1970 05:30:00 GMT+0530 (India Standard Time)"},
    {"Asia/Kolkata", 1709629200000, "Tue Mar 05 2024 14:30:00 GMT+0530 (India Standard Time)"},
    {"Asia/Kolkata", 1720000000000, "Wed Jul 03 2024 15:16:40 GMT+0530 (India Standard Time)"},
    {"Australia/Sydney", 0, "Thu Jan 01 1970 10:00:00 GMT+1000 (Australian Eastern Standard Time)"},
    {"Australia/Sydney", 1709629200000, "Tue Mar 05 2024 20:00:00 GMT+1100 (Australian Eastern Daylight Time)"},
    {"Australia/Sydney", 1720000000000, "Wed Jul 03 2024 19:46:40 GMT+1000 (Australian Eastern Standard Time)"},
    {"UTC", 1709629200000, "Tue Mar 05 2024 09:00:00 GMT+0000 (Coordinated Universal Time)"},
    /* Local mean time before standard time: the offset has seconds, the name is the zone's. */
    {"Europe/Berlin", -62198755200000, "Fri Jan 01 -0001 00:53:28 GMT+0053 (Central European Standard Time)"},
    {"Asia/Kolkata", -62198755200000, "Fri Jan 01 -0001 05:53:28 GMT+0553 (India Standard Time)"},
};

/* new Date(y, m, d, h, min).getTime() in a zone: DST gaps read with the offset before the
 * transition, repeated times give the earlier instant. */
static const struct {
  const char *tz;
  int y, m, d, h, min;
  double want;
} local_cases[] = {
    {"Europe/Berlin", 2024, 2, 10, 2, 30, 1710034200000},
    {"Europe/Berlin", 2024, 10, 3, 1, 30, 1730593800000},
    {"Europe/Berlin", 2024, 2, 31, 2, 30, 1711848600000},    /* gap */
    {"Europe/Berlin", 2024, 9, 27, 2, 30, 1729989000000},    /* overlap */
    {"Europe/Berlin", 1900, 0, 1, 0, 0, -2208992400000},
    {"Europe/Berlin", 2024, 6, 1, 12, 0, 1719828000000},
    {"America/New_York", 2024, 2, 10, 2, 30, 1710055800000}, /* gap */
    {"America/New_York", 2024, 10, 3, 1, 30, 1730611800000}, /* overlap */
    {"America/New_York", 2024, 2, 31, 2, 30, 1711866600000},
    {"America/New_York", 2024, 9, 27, 2, 30, 1730010600000},
    {"America/New_York", 1900, 0, 1, 0, 0, -2208970800000},
    {"America/New_York", 2024, 6, 1, 12, 0, 1719849600000},
};

static void string_to_number_case(const char *s, double want) {
  double got = dtoa_string_to_number_latin1((const uint8_t *)s, strlen(s));
  char what[80];
  snprintf(what, sizeof what, "StringToNumber(\"%s\")", s);
  if (want == 0 && got == 0 && signbit(want) != signbit(got)) got = NAN;
  expect_num(what, got, want);
}

int main(void) {
  char buf[200];
  for (size_t i = 0; i < PT_ARRAY_LEN(to_string_cases); i++) {
    set_tz(to_string_cases[i].tz);
    date_format(to_string_cases[i].t, DATE_FMT_STRING, buf, sizeof buf);
    expect_str(to_string_cases[i].tz, buf, to_string_cases[i].want);
  }
  for (size_t i = 0; i < PT_ARRAY_LEN(local_cases); i++) {
    set_tz(local_cases[i].tz);
    double local = date_make_date(date_make_day(local_cases[i].y, local_cases[i].m, local_cases[i].d),
                                  date_make_time(local_cases[i].h, local_cases[i].min, 0, 0));
    snprintf(buf, sizeof buf, "%s %d-%d-%d %d:%d", local_cases[i].tz, local_cases[i].y, local_cases[i].m + 1,
             local_cases[i].d, local_cases[i].h, local_cases[i].min);
    expect_num(buf, date_time_clip(date_utc(local)), local_cases[i].want);
  }
  set_tz("UTC");
  /* Calendar arithmetic: every day from year -1000 to 3000 splits back to itself. */
  int bad = 0;
  for (double day = -1e6; day < 4e5; day += 1) {
    DateFields f;
    date_split(day * DATE_MS_PER_DAY, &f);
    if (date_make_day(f.year, f.month, f.day) != day) bad++;
  }
  expect_num("day round trip failures", bad, 0);
  expect_num("MakeDay(2024, 1, 29)", date_make_day(2024, 1, 29), 19782);
  expect_num("MakeDay(1970, -1, 1)", date_make_day(1970, -1, 1), -31);
  expect_num("TimeClip(8.64e15 + 1)", date_time_clip(8.64e15 + 1), NAN);
  expect_num("TimeClip(-0.5)", date_time_clip(-0.5), 0);
  date_format(-62198755200000.0, DATE_FMT_ISO, buf, sizeof buf);
  expect_str("ISO year -1", buf, "-000001-01-01T00:00:00.000Z");

  string_to_number_case("", 0);
  string_to_number_case("  \t\n", 0);
  string_to_number_case("0x1F", 31);
  string_to_number_case("0X1f", 31);
  string_to_number_case("-0x1F", NAN);
  string_to_number_case("0b2", NAN);
  string_to_number_case("0o777", 511);
  string_to_number_case("0x", NAN);
  string_to_number_case("+Infinity", INFINITY);
  string_to_number_case("-Infinity", -INFINITY);
  string_to_number_case("INFINITY", NAN);
  string_to_number_case("-0", -0.0);
  string_to_number_case("1e", NAN);
  string_to_number_case(".e1", NAN);
  string_to_number_case("+.5", 0.5);
  string_to_number_case("5.", 5);
  string_to_number_case("1_0", NAN);
  string_to_number_case("0x10000000000000800", 18446744073709551616.0);  /* halfway, to even */
  string_to_number_case("0x10000000000000801", 18446744073709555712.0);  /* just above */
  {
    const uint16_t ws[] = {0xFEFF, 0x2028, '4', '2', 0x3000, 0x00A0};
    expect_num("wide whitespace", dtoa_string_to_number(ws, 6), 42);
    const uint16_t bad_ws[] = {0x200B, '4'}; /* ZERO WIDTH SPACE is not white space */
    expect_num("U+200B", dtoa_string_to_number(bad_ws, 2), NAN);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
