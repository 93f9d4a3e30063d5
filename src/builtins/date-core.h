/*
 * Date arithmetic, local time, formatting and parsing for the Date built-in (ECMA-262 21.4),
 * free of the JS heap so it can be unit-tested in C. Times are ECMAScript time values: ms since
 * the epoch as doubles, NaN for an invalid date.
 *
 * Local time comes from the system time-zone database (localtime_r, so TZ is honoured, with
 * historical offsets such as LMT and DST). The zone name in toString is a long English name
 * mapped from the tz abbreviation for common zones (as node prints them through ICU), else the
 * abbreviation itself.
 */
#ifndef PETREL_BUILTINS_DATE_CORE_H
#define PETREL_BUILTINS_DATE_CORE_H

#include "base/common.h"

#define DATE_MS_PER_DAY 86400000.0

typedef struct DateFields {
  double year;
  int month;   /* 0..11 */
  int day;     /* 1..31 */
  int hour, minute, second, ms;
  int weekday; /* 0 = Sunday */
} DateFields;

double date_make_time(double hour, double min, double sec, double ms);
double date_make_day(double year, double month, double date);
double date_make_date(double day, double time);
double date_time_clip(double t);
/* Splits a finite time value (UTC or already shifted to local) into fields. */
void date_split(double t, DateFields *f);

/* Offset of local time from UTC, in ms, at the UTC instant t (includes DST). */
double date_local_offset(double t);
double date_local_time(double t); /* LocalTime(t) */
double date_utc(double t_local);  /* UTC(t): the spec's disambiguation for gaps and overlaps */
/* The zone's display name at UTC instant t (e.g. "Central European Standard Time"). */
void date_zone_name(double t, char *buf, size_t size);

typedef enum {
  DATE_FMT_STRING,      /* toString */
  DATE_FMT_DATE,        /* toDateString */
  DATE_FMT_TIME,        /* toTimeString */
  DATE_FMT_UTC,         /* toUTCString */
  DATE_FMT_ISO,         /* toISOString (tv must be valid) */
  DATE_FMT_LOCALE,      /* toLocaleString, en-US */
  DATE_FMT_LOCALE_DATE, /* toLocaleDateString */
  DATE_FMT_LOCALE_TIME, /* toLocaleTimeString */
} DateFormat;
/* Formats a time value; "Invalid Date" for NaN. Returns the length. size >= 128. */
size_t date_format(double tv, DateFormat fmt, char *buf, size_t size);

/* Date.parse: the ISO format (21.4.1.32) and the forms V8 also accepts; NaN if unrecognized. */
double date_parse(const uint16_t *s, size_t len);

#endif
