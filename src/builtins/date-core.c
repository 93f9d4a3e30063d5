/* Date arithmetic, local time, formatting and parsing (see date-core.h). */
#include "builtins/date-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* ---- Calendar arithmetic (ECMA-262 21.4.1) ------------------------------------------------ */

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12). Works in 400-year eras
 * starting in March, so leap days fall at the end of each era year. */
static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = floor_div(y, 400);
  int64_t yoe = y - era * 400;
  int mp = (m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
  z += 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static double to_integer(double x) { return trunc(x) + 0.0; }

double date_make_time(double hour, double min, double sec, double ms) {
  if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms)) return NAN;
  return to_integer(hour) * 3600000.0 + to_integer(min) * 60000.0 + to_integer(sec) * 1000.0 +
         to_integer(ms);
}

double date_make_day(double year, double month, double date) {
  if (!isfinite(year) || !isfinite(month) || !isfinite(date)) return NAN;
  double y = to_integer(year), m = to_integer(month), dt = to_integer(date);
  double ym = y + floor(m / 12);
  if (fabs(ym) > 1e12) return NAN; /* far beyond any representable date */
  int mn = (int)fmod(m, 12);
  if (mn < 0) mn += 12;
  double days = (double)days_from_civil((int64_t)ym, mn + 1, 1);
  return days + dt - 1;
}

double date_make_date(double day, double time) {
  if (!isfinite(day) || !isfinite(time)) return NAN;
  double tv = day * DATE_MS_PER_DAY + time;
  return isfinite(tv) ? tv : NAN;
}

double date_time_clip(double t) {
  if (!isfinite(t) || fabs(t) > 8.64e15) return NAN;
  return to_integer(t);
}

void date_split(double t, DateFields *f) {
  double day = floor(t / DATE_MS_PER_DAY);
  double in_day = t - day * DATE_MS_PER_DAY;
  int64_t y;
  civil_from_days((int64_t)day, &y, &f->month, &f->day);
  f->year = (double)y;
  f->month -= 1;
  int ms = (int)in_day;
  f->hour = ms / 3600000;
  f->minute = ms / 60000 % 60;
  f->second = ms / 1000 % 60;
  f->ms = ms % 1000;
  int wd = (int)fmod(day + 4, 7);
  f->weekday = wd < 0 ? wd + 7 : wd;
}

/* ---- Local time --------------------------------------------------------------------------- */

static bool local_tm(double t, struct tm *out) {
  if (!isfinite(t)) return false;
  double secs = floor(t / 1000);
  if (secs > 9e15 || secs < -9e15) return false;
  time_t tt = (time_t)secs;
  return localtime_r(&tt, out) != NULL;
}

double date_local_offset(double t) {
  struct tm tm;
  if (!local_tm(t, &tm)) return 0;
  return (double)tm.tm_gmtoff * 1000.0;
}

double date_local_time(double t) { return t + date_local_offset(t); }

double date_utc(double t_local) {
  if (!isfinite(t_local)) return NAN;
  /* The offsets a day before and after; equal means no transition is near. */
  double before = date_local_offset(t_local - DATE_MS_PER_DAY);
  double after = date_local_offset(t_local + DATE_MS_PER_DAY);
  if (before == after) {
    double off = date_local_offset(t_local - before);
    return t_local - off;
  }
  double i1 = t_local - before, i2 = t_local - after;
  bool v1 = date_local_offset(i1) == before, v2 = date_local_offset(i2) == after;
  if (v1 && v2) return i1 < i2 ? i1 : i2; /* repeated local time: the earlier instant */
  if (v1) return i1;
  if (v2) return i2;
  return i1; /* skipped local time: read it with the offset before the transition */
}

/* tz abbreviation -> the English name ICU shows; offset_min disambiguates abbreviations that
 * several zones use (INT_MIN: any offset). */
static const struct {
  const char *abbr, *name;
  long offset_min;
} zone_names_by_offset[] = {
    {"IST", "India Standard Time", 330},        {"IST", "Irish Standard Time", 60},
    {"IST", "Israel Standard Time", 120},       {"IDT", "Israel Daylight Time", 180},
    {"CST", "China Standard Time", 480},        {"PKT", "Pakistan Standard Time", 300},
};

static const struct {
  const char *abbr, *name;
} zone_names[] = {
    {"UTC", "Coordinated Universal Time"},     {"GMT", "Greenwich Mean Time"},
    {"BST", "British Summer Time"},
    {"WET", "Western European Standard Time"}, {"WEST", "Western European Summer Time"},
    {"CET", "Central European Standard Time"}, {"CEST", "Central European Summer Time"},
    {"EET", "Eastern European Standard Time"}, {"EEST", "Eastern European Summer Time"},
    {"MSK", "Moscow Standard Time"},           {"EST", "Eastern Standard Time"},
    {"EDT", "Eastern Daylight Time"},           {"CST", "Central Standard Time"},
    {"CDT", "Central Daylight Time"},           {"MST", "Mountain Standard Time"},
    {"MDT", "Mountain Daylight Time"},          {"PST", "Pacific Standard Time"},
    {"PDT", "Pacific Daylight Time"},           {"AKST", "Alaska Standard Time"},
    {"AKDT", "Alaska Daylight Time"},           {"HST", "Hawaii-Aleutian Standard Time"},
    {"JST", "Japan Standard Time"},             {"KST", "Korean Standard Time"},
    {"AEST", "Australian Eastern Standard Time"}, {"AEDT", "Australian Eastern Daylight Time"},
    {"ACST", "Australian Central Standard Time"}, {"ACDT", "Australian Central Daylight Time"},
    {"AWST", "Australian Western Standard Time"}, {"NZST", "New Zealand Standard Time"},
    {"NZDT", "New Zealand Daylight Time"},      {"SAST", "South Africa Standard Time"},
};

/* Zones named by their IANA identifier, as V8 (ICU) names them: ICU looks the metazone up for
 * the present day, not for t, so one zone keeps one pair of names for all of history (Kolkata's
 * 1880s Madras time still reads "India Standard Time"). NULL daylight: one name all year. */
static const struct {
  const char *id, *standard, *daylight;
} zone_names_by_id[] = {
    {"UTC", "Coordinated Universal Time", NULL},
    {"Etc/UTC", "Coordinated Universal Time", NULL},
    {"America/New_York", "Eastern Standard Time", "Eastern Daylight Time"},
    {"America/Chicago", "Central Standard Time", "Central Daylight Time"},
    {"America/Denver", "Mountain Standard Time", "Mountain Daylight Time"},
    {"America/Los_Angeles", "Pacific Standard Time", "Pacific Daylight Time"},
    {"Asia/Kolkata", "India Standard Time", NULL},
    {"Asia/Calcutta", "India Standard Time", NULL},
    {"Asia/Kathmandu", "Nepal Time", NULL},
    {"Asia/Katmandu", "Nepal Time", NULL},
    {"Asia/Tokyo", "Japan Standard Time", NULL},
    {"Australia/Lord_Howe", "Lord Howe Standard Time", "Lord Howe Daylight Time"},
    {"Australia/LHI", "Lord Howe Standard Time", "Lord Howe Daylight Time"},
    {"Australia/Sydney", "Australian Eastern Standard Time", "Australian Eastern Daylight Time"},
    {"Europe/Berlin", "Central European Standard Time", "Central European Summer Time"},
    {"Europe/Paris", "Central European Standard Time", "Central European Summer Time"},
};

/* The zone's IANA identifier: $TZ (without a leading ':'), else the /etc/localtime link. */
static bool zone_id(char *buf, size_t size) {
  const char *tz = getenv("TZ");
  if (tz && *tz) {
    if (*tz == ':') tz++;
    snprintf(buf, size, "%s", tz);
    return true;
  }
  char link[256];
  ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
  if (n <= 0) return false;
  link[n] = '\0';
  const char *z = strstr(link, "zoneinfo/");
  if (!z) return false;
  snprintf(buf, size, "%s", z + strlen("zoneinfo/"));
  return true;
}

/* V8 decides daylight-or-standard for the name of a time outside [1970, 2038) from a year with
 * the same leapness and weekday of January 1st in 2008..2035 (DateCache::EquivalentTime), so
 * pre-1970 summer dates read "Daylight Time" whatever the offset then was. */
static double equivalent_time(double t) {
  DateFields f;
  date_split(t, &f);
  double year = f.year;
  bool leap = fmod(year, 4) == 0 && (fmod(year, 100) != 0 || fmod(year, 400) == 0);
  DateFields jan1 = {0};
  date_split(date_make_date(date_make_day(year, 0, 1), 0), &jan1);
  int recent = (leap ? 1956 : 1967) + (jan1.weekday * 12) % 28;
  int equiv = 2008 + (recent + 3 * 28 - 2008) % 28;
  double within = fmod(t, DATE_MS_PER_DAY);
  if (within < 0) within += DATE_MS_PER_DAY;
  return date_make_day(equiv, f.month, f.day) * DATE_MS_PER_DAY + within;
}

void date_zone_name(double t, char *buf, size_t size) {
  struct tm tm;
  char id[128];
  if (isfinite(t) && zone_id(id, sizeof id)) {
    for (size_t i = 0; i < PT_ARRAY_LEN(zone_names_by_id); i++) {
      if (strcmp(id, zone_names_by_id[i].id) != 0) continue;
      double probe = t < 0 || t > 2147483647000.0 ? equivalent_time(t) : t;
      bool dst = zone_names_by_id[i].daylight && local_tm(probe, &tm) && tm.tm_isdst > 0;
      snprintf(buf, size, "%s", dst ? zone_names_by_id[i].daylight : zone_names_by_id[i].standard);
      return;
    }
  }
  if (!local_tm(t, &tm) || !tm.tm_zone) {
    snprintf(buf, size, "Coordinated Universal Time");
    return;
  }
  if (strcmp(tm.tm_zone, "LMT") == 0) {
    /* Before standard time: ICU names the zone by its standard-time name, so use the name in
     * force in whichever of January/July 2000 is not daylight time. */
    static const double probes[2] = {946684800000.0, 962409600000.0};
    for (int i = 0; i < 2; i++) {
      struct tm std;
      if (local_tm(probes[i], &std) && std.tm_isdst <= 0 && std.tm_zone && strcmp(std.tm_zone, "LMT") != 0) {
        date_zone_name(probes[i], buf, size);
        return;
      }
    }
  }
  const char *z = tm.tm_zone;
  for (size_t i = 0; i < PT_ARRAY_LEN(zone_names_by_offset); i++) {
    if (strcmp(z, zone_names_by_offset[i].abbr) == 0 && tm.tm_gmtoff / 60 == zone_names_by_offset[i].offset_min) {
      snprintf(buf, size, "%s", zone_names_by_offset[i].name);
      return;
    }
  }
  for (size_t i = 0; i < PT_ARRAY_LEN(zone_names); i++) {
    if (strcmp(z, zone_names[i].abbr) == 0) {
      snprintf(buf, size, "%s", zone_names[i].name);
      return;
    }
  }
  if (z[0] == '+' || z[0] == '-' || strcmp(z, "LMT") == 0) {
    /* Numeric abbreviations (tzdata uses them where no name is in common use). */
    long off = tm.tm_gmtoff / 60;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    snprintf(buf, size, "GMT%c%02ld:%02ld", sign, off / 60, off % 60);
    return;
  }
  snprintf(buf, size, "%s", z);
}

/* ---- Formatting --------------------------------------------------------------------------- */

static const char *const week_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int format_year(char *p, size_t size, double year) {
  long long y = (long long)year;
  if (y < 0) return snprintf(p, size, "-%04lld", -y);
  return snprintf(p, size, "%04lld", y);
}

size_t date_format(double tv, DateFormat fmt, char *buf, size_t size) {
  if (!isfinite(tv)) return (size_t)snprintf(buf, size, "Invalid Date");
  DateFields f;
  size_t n = 0;
#define OUT(...) n += (size_t)snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__)
  switch (fmt) {
    case DATE_FMT_ISO: {
      date_split(tv, &f);
      long long y = (long long)f.year;
      if (y >= 0 && y <= 9999) OUT("%04lld", y);
      else OUT("%c%06lld", y < 0 ? '-' : '+', y < 0 ? -y : y);
      OUT("-%02d-%02dT%02d:%02d:%02d.%03dZ", f.month + 1, f.day, f.hour, f.minute, f.second, f.ms);
      break;
    }
    case DATE_FMT_UTC:
      date_split(tv, &f);
      OUT("%s, %02d %s ", week_days[f.weekday], f.day, month_names[f.month]);
      n += (size_t)format_year(buf + n, size - n, f.year);
      OUT(" %02d:%02d:%02d GMT", f.hour, f.minute, f.second);
      break;
    case DATE_FMT_STRING:
    case DATE_FMT_DATE:
    case DATE_FMT_TIME: {
      double offset = date_local_offset(tv);
      date_split(tv + offset, &f);
      if (fmt != DATE_FMT_TIME) {
        OUT("%s %s %02d ", week_days[f.weekday], month_names[f.month], f.day);
        n += (size_t)format_year(buf + n, size - n, f.year);
        if (fmt == DATE_FMT_DATE) break;
        OUT(" ");
      }
      long mins = (long)(offset / 60000);
      char sign = mins < 0 ? '-' : '+';
      if (mins < 0) mins = -mins;
      char zone[80];
      date_zone_name(tv, zone, sizeof zone);
      OUT("%02d:%02d:%02d GMT%c%02ld%02ld (%s)", f.hour, f.minute, f.second, sign, mins / 60,
          mins % 60, zone);
      break;
    }
    case DATE_FMT_LOCALE:
    case DATE_FMT_LOCALE_DATE:
    case DATE_FMT_LOCALE_TIME: {
      date_split(date_local_time(tv), &f);
      if (fmt != DATE_FMT_LOCALE_TIME) {
        OUT("%d/%d/%lld", f.month + 1, f.day, (long long)f.year);
        if (fmt == DATE_FMT_LOCALE_DATE) break;
        OUT(", ");
      }
      int h12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
      OUT("%d:%02d:%02d %s", h12, f.minute, f.second, f.hour < 12 ? "AM" : "PM");
      break;
    }
  }
#undef OUT
  if (n >= size) n = size - 1;
  return n;
}

/* ---- Parsing ------------------------------------------------------------------------------ */

typedef struct {
  const char *s;
  size_t len, pos;
} Cursor;

static int cur_peek(const Cursor *c) { return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1; }

static bool digit(int ch) { return ch >= '0' && ch <= '9'; }

/* Exactly n digits. */
static bool read_fixed(Cursor *c, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    int ch = cur_peek(c);
    if (!digit(ch)) return false;
    v = v * 10 + (ch - '0');
    c->pos++;
  }
  *out = v;
  return true;
}

/* The ISO 8601 subset of 21.4.1.32 (plus ±HHMM offsets, as V8 accepts). Returns false when the
 * string is not in that format (the caller then tries the legacy forms). */
static bool parse_iso(const char *s, size_t len, double *out) {
  Cursor c = {s, len, 0};
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  double ms = 0;
  int sign = 0;
  if (cur_peek(&c) == '+' || cur_peek(&c) == '-') {
    sign = cur_peek(&c) == '-' ? -1 : 1;
    c.pos++;
    if (!read_fixed(&c, 6, &year)) return false;
    if (sign < 0 && year == 0) {
      *out = NAN; /* -000000 is not a valid year */
      return true;
    }
    year *= sign;
  } else if (!read_fixed(&c, 4, &year)) {
    return false;
  }
  if (cur_peek(&c) == '-') {
    c.pos++;
    if (!read_fixed(&c, 2, &month)) return false;
    if (cur_peek(&c) == '-') {
      c.pos++;
      if (!read_fixed(&c, 2, &day)) return false;
    }
  }
  bool has_time = false, has_tz = false;
  double tz_ms = 0;
  if (cur_peek(&c) == 'T' || cur_peek(&c) == 't') {
    c.pos++;
    has_time = true;
    if (!read_fixed(&c, 2, &hour) || cur_peek(&c) != ':') return false;
    c.pos++;
    if (!read_fixed(&c, 2, &minute)) return false;
    if (cur_peek(&c) == ':') {
      c.pos++;
      if (!read_fixed(&c, 2, &second)) return false;
      if (cur_peek(&c) == '.' || cur_peek(&c) == ',') {
        c.pos++;
        if (!digit(cur_peek(&c))) return false;
        double scale = 100;
        while (digit(cur_peek(&c))) {
          ms += (cur_peek(&c) - '0') * scale;
          scale /= 10;
          c.pos++;
        }
        ms = floor(ms);
      }
    }
    int ch = cur_peek(&c);
    if (ch == 'Z' || ch == 'z') {
      c.pos++;
      has_tz = true;
    } else if (ch == '+' || ch == '-') {
      c.pos++;
      int th, tm;
      if (!read_fixed(&c, 2, &th)) return false;
      if (cur_peek(&c) == ':') c.pos++;
      if (!read_fixed(&c, 2, &tm)) return false;
      if (th > 23 || tm > 59) return false;
      tz_ms = (ch == '-' ? -1 : 1) * (th * 3600000.0 + tm * 60000.0);
      has_tz = true;
    }
  }
  if (c.pos != len) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 59) {
    *out = NAN;
    return true;
  }
  if (hour == 24 && (minute || second || ms)) {
    *out = NAN;
    return true;
  }
  double t = date_make_date(date_make_day(year, month - 1, day), date_make_time(hour, minute, second, ms));
  if (!has_time || has_tz) t -= tz_ms; /* date-only forms are UTC */
  else t = date_utc(t);
  *out = date_time_clip(t);
  return true;
}

static const struct {
  const char *name;
  int offset_hours;
} tz_words[] = {{"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
                {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};

/* The legacy forms V8 accepts: "Tue Mar 05 2024 10:00:00 GMT+0100 (CET)", "Tue, 05 Mar 2024
 * 09:00:00 GMT", "Mar 5, 2024 10:00 PM", "3/5/2024", "2024/03/05", "2024-03-05 10:00". */
static double parse_legacy(const char *s, size_t len) {
  Cursor c = {s, len, 0};
  int nums[3];
  int nnum = 0;
  int month = -1;
  int time[4] = {0, 0, 0, 0};
  int ntime = 0;
  int ampm = 0; /* 1 am, 2 pm */
  bool has_tz = false;
  double tz_ms = 0;
  bool after_gmt = false; /* the previous token was GMT/UTC/UT: "GMT+1" may follow */
  while (c.pos < len) {
    bool was_after_gmt = after_gmt;
    after_gmt = false;
    int ch = cur_peek(&c);
    if (ch == ' ' || ch == ',' || ch == '\t' || ch == '\n' || ch == '\r') {
      c.pos++;
      continue;
    }
    if (ch == '(') { /* comment, possibly nested */
      int depth = 0;
      while (c.pos < len) {
        int k = cur_peek(&c);
        c.pos++;
        if (k == '(') depth++;
        else if (k == ')' && --depth == 0) break;
      }
      continue;
    }
    if ((ch == '+' || ch == '-') && (has_tz || ntime > 0) && c.pos + 1 < len && digit((unsigned char)s[c.pos + 1])) {
      /* A numeric offset after the time or after GMT/UTC. */
      c.pos++;
      int v = 0, nd = 0;
      while (digit(cur_peek(&c))) {
        v = v * 10 + (cur_peek(&c) - '0');
        nd++;
        c.pos++;
      }
      int hh, mm = 0;
      if (cur_peek(&c) == ':') {
        c.pos++;
        int m2 = 0, nd2 = 0;
        while (digit(cur_peek(&c))) {
          m2 = m2 * 10 + (cur_peek(&c) - '0');
          nd2++;
          c.pos++;
        }
        if (nd2 == 0) return NAN;
        hh = v;
        mm = m2;
      } else if (nd <= 2 && was_after_gmt) {
        hh = v;
      } else if (nd == 4) {
        hh = v / 100;
        mm = v % 100;
      } else {
        return NAN;
      }
      if (hh > 23 || mm > 59) return NAN;
      tz_ms = (ch == '-' ? -1 : 1) * (hh * 3600000.0 + mm * 60000.0);
      has_tz = true;
      continue;
    }
    if (ch == '-' && c.pos + 1 < len && digit((unsigned char)s[c.pos + 1]) &&
        (c.pos == 0 || s[c.pos - 1] == ' ')) {
      return NAN; /* a negative year: V8 accepts those only in the ISO format */
    }
    if (ch == '-' || ch == '/' || ch == '.') {
      c.pos++;
      continue;
    }
    if (digit(ch)) {
      int v = 0, nd = 0;
      while (digit(cur_peek(&c))) {
        if (nd < 9) v = v * 10 + (cur_peek(&c) - '0');
        nd++;
        c.pos++;
      }
      if (cur_peek(&c) == ':' && ntime == 0) {
        /* h:m[:s[.ms]] */
        time[ntime++] = v;
        while (cur_peek(&c) == ':' && ntime < 3) {
          c.pos++;
          int t = 0, tnd = 0;
          while (digit(cur_peek(&c))) {
            t = t * 10 + (cur_peek(&c) - '0');
            tnd++;
            c.pos++;
          }
          if (tnd == 0) return NAN;
          time[ntime++] = t;
        }
        if (ntime == 3 && cur_peek(&c) == '.') {
          if (!(c.pos + 1 < len && digit((unsigned char)s[c.pos + 1]))) return NAN;
          c.pos++;
          double ms = 0, scale = 100;
          while (digit(cur_peek(&c))) {
            ms += (cur_peek(&c) - '0') * scale;
            scale /= 10;
            c.pos++;
          }
          time[3] = (int)ms;
        }
        continue;
      }
      if (nnum >= 3) return NAN;
      nums[nnum++] = v;
      continue;
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
      char word[16];
      size_t wl = 0;
      while (c.pos < len) {
        int k = cur_peek(&c);
        if (!((k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z'))) break;
        if (wl < sizeof word - 1) word[wl++] = (char)(k | 0x20);
        c.pos++;
      }
      word[wl] = 0;
      if (strcmp(word, "am") == 0 || strcmp(word, "pm") == 0) {
        ampm = word[0] == 'a' ? 1 : 2;
        continue;
      }
      /* V8 takes a 'T' only inside the ISO format; in the legacy forms it is a garbage word after
       * a number ("2024-03-05T10:00:00 GMT", "2024-3-5T10:00" are NaN). */
      if (strcmp(word, "t") == 0) return NAN;
      bool known = false;
      for (size_t i = 0; i < PT_ARRAY_LEN(tz_words); i++) {
        if (strcmp(word, tz_words[i].name) == 0) {
          has_tz = true;
          after_gmt = tz_words[i].offset_hours == 0;
          tz_ms = tz_words[i].offset_hours * 3600000.0;
          known = true;
          break;
        }
      }
      if (known) continue;
      if (wl >= 3) {
        static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec"};
        static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
        for (int i = 0; i < 12 && !known; i++) {
          if (strncmp(word, months[i], 3) == 0) {
            month = i;
            known = true;
          }
        }
        for (int i = 0; i < 7 && !known; i++) {
          if (strncmp(word, days[i], 3) == 0) known = true;
        }
      }
      if (!known) return NAN;
      continue;
    }
    return NAN;
  }
  int year, mon, day;
  /* V8's composition: missing components default to 1 before the order is decided ("12" is
   * December 1 of year 1, "Mar 5" is March 5 of year 1); a first number that cannot be a day
   * (outside 1..31) is the year (YMD), otherwise the order is MDY, or with a month name DY; and
   * years 0..49 and 50..99 mean 2000..2049 and 1950..1999 however many digits they were written
   * with ("0049/1/1" is 2049, "12" is 2001-12-01, "0" is 2000-01-01). */
  if (nnum == 0 || (month >= 0 && nnum > 2)) return NAN;
  while (nnum < 3) nums[nnum++] = 1;
  bool first_is_day = nums[0] >= 1 && nums[0] <= 31;
  if (month >= 0) {
    mon = month;
    year = first_is_day ? nums[1] : nums[0];
    day = first_is_day ? nums[0] : nums[1];
  } else if (!first_is_day) {
    year = nums[0];
    mon = nums[1] - 1;
    day = nums[2];
  } else {
    mon = nums[0] - 1;
    day = nums[1];
    year = nums[2];
  }
  if (year >= 0 && year <= 49) year += 2000;
  else if (year >= 50 && year <= 99) year += 1900;
  if (mon < 0 || mon > 11 || day < 1 || day > 31) return NAN;
  int hour = time[0];
  if (ampm) {
    if (hour > 12) return NAN;
    if (hour == 12) hour = 0;
    if (ampm == 2) hour += 12;
  }
  if (hour > 24 || time[1] > 59 || time[2] > 59) return NAN;
  double t = date_make_date(date_make_day(year, mon, day), date_make_time(hour, time[1], time[2], time[3]));
  t = has_tz ? t - tz_ms : date_utc(t);
  return date_time_clip(t);
}

double date_parse(const uint16_t *s, size_t len) {
  /* The ISO format takes no surrounding whitespace (V8: " 2024-03-05T10:00Z" and
   * "2024-03-05T10:00Z " are NaN); the legacy forms skip it. */
  if (len > 0 && len <= 256) {
    char iso[257];
    size_t i = 0;
    while (i < len && s[i] < 128) {
      iso[i] = (char)s[i];
      i++;
    }
    iso[i] = 0;
    double t;
    if (i == len && parse_iso(iso, len, &t)) return t;
  }
  /* Trim, narrow to ASCII (anything else cannot be part of a recognized date). */
  while (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
    s++;
    len--;
  }
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
  if (len == 0 || len > 256) return NAN;
  char buf[257];
  for (size_t i = 0; i < len; i++) {
    if (s[i] >= 128) return NAN;
    buf[i] = (char)s[i];
  }
  buf[len] = 0;
  return parse_legacy(buf, len);
}
