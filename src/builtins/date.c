/* The Date constructor and Date.prototype (ECMA-262 21.4, Annex B.2.3). */
#include "base/time.h"
#include "builtins/date-core.h"
#include "builtins/date.h"
#include "builtins/object-helpers.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

typedef struct JSDate {
  JSObject base;
  Value time; /* [[DateValue]]: a number Value (NaN for an invalid date) */
} JSDate;

static bool is_date(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_JS_DATE; }

static double date_value(Value d) { return val_to_number_unchecked(((JSDate *)val_to_ptr(d))->time); }

static void set_date_value(Value d, double t) {
  JSDate *jd = (JSDate *)val_to_ptr(d);
  WRITE_FIELD(jd, jd->time, val_from_number(t));
}

/* thisTimeValue */
static int this_time(Isolate *iso, const CallArgs *args, double *out) {
  if (!is_date(args->this_val)) {
    rt_throw_type_error(iso, "this is not a Date object.");
    return -1;
  }
  *out = date_value(args->this_val);
  return 0;
}

static double now_ms(void) { return floor(pt_wall_clock_ms()); }

static Value date_string_value(Isolate *iso, double tv, DateFormat fmt) {
  char buf[160];
  size_t n = date_format(tv, fmt, buf, sizeof buf);
  return str_new_latin1(iso, (const uint8_t *)buf, n);
}

static double parse_string(Value s) {
  uint32_t len = str_length(s);
  if (len > 256) return NAN;
  uint16_t units[256];
  str_copy_utf16(s, 0, len, units);
  return date_parse(units, len);
}

/* ---- Constructor and statics ------------------------------------------------------------- */

/* Converts the (year, month[, date, h, m, s, ms]) arguments; returns the unclipped date. */
static int date_from_components(Isolate *iso, const CallArgs *args, double *out) {
  double f[7] = {NAN, 0, 1, 0, 0, 0, 0};
  for (int i = 0; i < 7 && i < args->argc; i++) {
    if (rt_to_number_double(iso, args->argv[i], &f[i]) < 0) return -1;
  }
  double y = f[0];
  if (!isnan(y)) {
    double yi = trunc(y);
    if (yi >= 0 && yi <= 99) y = 1900 + yi;
  }
  *out = date_make_date(date_make_day(y, f[1], f[2]), date_make_time(f[3], f[4], f[5], f[6]));
  return 0;
}

static Value date_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return date_string_value(iso, now_ms(), DATE_FMT_STRING);
  double tv;
  if (args->argc == 0) {
    tv = now_ms();
  } else if (args->argc == 1) {
    Value v = args->argv[0];
    if (is_date(v)) {
      tv = date_value(v);
    } else {
      Value prim = rt_to_primitive(iso, v, HINT_DEFAULT);
      if (prim == VAL_EXCEPTION) return prim;
      if (val_is_string(prim)) {
        tv = parse_string(prim);
      } else if (rt_to_number_double(iso, prim, &tv) < 0) {
        return VAL_EXCEPTION;
      }
      tv = date_time_clip(tv);
    }
  } else {
    double local;
    if (date_from_components(iso, args, &local) < 0) return VAL_EXCEPTION;
    tv = date_time_clip(date_utc(local));
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_DATE_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value obj = obj_new_with_type(iso, IT_JS_DATE, sizeof(JSDate), proto);
  if (obj == VAL_EXCEPTION) return obj;
  set_date_value(obj, tv);
  return obj;
}

static Value date_now(Isolate *iso, const CallArgs *args) { return val_from_number(now_ms()); }

static Value date_parse_fn(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  return val_from_number(parse_string(s));
}

static Value date_utc_fn(Isolate *iso, const CallArgs *args) {
  double t;
  if (date_from_components(iso, args, &t) < 0) return VAL_EXCEPTION;
  return val_from_number(date_time_clip(t));
}

/* ---- Getters ------------------------------------------------------------------------------ */

enum { F_YEAR, F_MONTH, F_DATE, F_HOURS, F_MINUTES, F_SECONDS, F_MS, F_DAY, F_TIME, F_TZ, F_GETYEAR };
#define GET_UTC 16

static Value date_getter(Isolate *iso, const CallArgs *args) {
  double tv;
  if (this_time(iso, args, &tv) < 0) return VAL_EXCEPTION;
  int magic = function_magic(args->callee);
  int field = magic & 15;
  if (field == F_TIME) return val_from_number(tv);
  if (isnan(tv)) return val_from_double(NAN);
  if (field == F_TZ) return val_from_number((tv - date_local_time(tv)) / 60000);
  DateFields f;
  date_split((magic & GET_UTC) ? tv : date_local_time(tv), &f);
  switch (field) {
    case F_YEAR: return val_from_number(f.year);
    case F_GETYEAR: return val_from_number(f.year - 1900);
    case F_MONTH: return val_from_int(f.month);
    case F_DATE: return val_from_int(f.day);
    case F_HOURS: return val_from_int(f.hour);
    case F_MINUTES: return val_from_int(f.minute);
    case F_SECONDS: return val_from_int(f.second);
    case F_MS: return val_from_int(f.ms);
    case F_DAY: return val_from_int(f.weekday);
    default: PT_UNREACHABLE();
  }
}

/* ---- Setters ------------------------------------------------------------------------------ */

/* magic: first field (F_YEAR..F_MS) | max argument count << 4 | SET_UTC */
#define SET_UTC 256
#define SETTER(first, count) ((first) | ((count) << 4))

static Value date_setter(Isolate *iso, const CallArgs *args) {
  double t;
  if (this_time(iso, args, &t) < 0) return VAL_EXCEPTION;
  int magic = function_magic(args->callee);
  int first = magic & 15, count = (magic >> 4) & 15;
  bool utc = (magic & SET_UTC) != 0;
  double vals[4];
  for (int i = 0; i < count; i++) {
    if (i > 0 && i >= args->argc) break;
    if (rt_to_number_double(iso, call_arg(args, i), &vals[i]) < 0) return VAL_EXCEPTION;
  }
  if (isnan(t)) {
    if (first != F_YEAR) return val_from_double(NAN);
    t = 0; /* setFullYear on an invalid date starts from +0 (local) */
  } else if (!utc) {
    t = date_local_time(t);
  }
  DateFields f;
  date_split(t, &f);
  double fields[7] = {f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms};
  for (int i = 0; i < count; i++) {
    if (i > 0 && i >= args->argc) break;
    fields[first + i] = vals[i];
  }
  double nd = date_make_date(date_make_day(fields[0], fields[1], fields[2]),
                             date_make_time(fields[3], fields[4], fields[5], fields[6]));
  double v = date_time_clip(utc ? nd : date_utc(nd));
  set_date_value(args->this_val, v);
  return val_from_number(v);
}

static Value date_set_time(Isolate *iso, const CallArgs *args) {
  double t;
  if (this_time(iso, args, &t) < 0) return VAL_EXCEPTION;
  if (rt_to_number_double(iso, call_arg(args, 0), &t) < 0) return VAL_EXCEPTION;
  double v = date_time_clip(t);
  set_date_value(args->this_val, v);
  return val_from_number(v);
}

/* Annex B setYear */
static Value date_set_year(Isolate *iso, const CallArgs *args) {
  double t, y;
  if (this_time(iso, args, &t) < 0) return VAL_EXCEPTION;
  if (rt_to_number_double(iso, call_arg(args, 0), &y) < 0) return VAL_EXCEPTION;
  t = isnan(t) ? 0 : date_local_time(t);
  if (isnan(y)) {
    set_date_value(args->this_val, NAN);
    return val_from_double(NAN);
  }
  double yi = trunc(y);
  if (yi >= 0 && yi <= 99) yi += 1900;
  DateFields f;
  date_split(t, &f);
  double d = date_make_date(date_make_day(yi, f.month, f.day),
                            date_make_time(f.hour, f.minute, f.second, f.ms));
  double v = date_time_clip(date_utc(d));
  set_date_value(args->this_val, v);
  return val_from_number(v);
}

/* ---- Conversions -------------------------------------------------------------------------- */

static Value date_to_string_fmt(Isolate *iso, const CallArgs *args) {
  double tv;
  if (this_time(iso, args, &tv) < 0) return VAL_EXCEPTION;
  return date_string_value(iso, tv, (DateFormat)function_magic(args->callee));
}

static Value date_to_iso_string(Isolate *iso, const CallArgs *args) {
  double tv;
  if (this_time(iso, args, &tv) < 0) return VAL_EXCEPTION;
  if (isnan(tv)) return rt_throw_range_error(iso, "Invalid time value");
  return date_string_value(iso, tv, DATE_FMT_ISO);
}

static Value date_value_of(Isolate *iso, const CallArgs *args) {
  double tv;
  if (this_time(iso, args, &tv) < 0) return VAL_EXCEPTION;
  return val_from_number(tv);
}

static Value date_to_json(Isolate *iso, const CallArgs *args) {
  Value o = rt_to_object(iso, args->this_val);
  if (o == VAL_EXCEPTION) return o;
  Value tv = rt_to_primitive(iso, o, HINT_NUMBER);
  if (tv == VAL_EXCEPTION) return tv;
  if (val_is_number(tv) && !isfinite(val_to_number_unchecked(tv))) return VAL_NULL;
  Value fn = rt_get_str(iso, o, "toISOString");
  if (fn == VAL_EXCEPTION) return fn;
  if (!val_is_callable(fn)) return rt_throw_type_error(iso, "toISOString is not a function");
  return rt_call(iso, fn, o, 0, NULL);
}

/* OrdinaryToPrimitive (7.1.1.1). */
static Value ordinary_to_primitive(Isolate *iso, Value o, bool string_first) {
  const char *order[2] = {string_first ? "toString" : "valueOf", string_first ? "valueOf" : "toString"};
  for (int i = 0; i < 2; i++) {
    Value m = rt_get_str(iso, o, order[i]);
    if (m == VAL_EXCEPTION) return m;
    if (val_is_callable(m)) {
      Value r = rt_call(iso, m, o, 0, NULL);
      if (r == VAL_EXCEPTION || !val_is_object(r)) return r;
    }
  }
  return rt_throw_type_error(iso, "Cannot convert object to primitive value");
}

static Value date_to_primitive(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!val_is_object(o)) return rt_throw_type_error(iso, "Date.prototype [ @@toPrimitive ] called on non-object");
  Value hint = call_arg(args, 0);
  if (val_is_string(hint)) {
    if (str_equals(hint, NAME(iso, string)) || str_equals(hint, NAME(iso, default_)))
      return ordinary_to_primitive(iso, o, true);
    if (str_equals(hint, NAME(iso, number))) return ordinary_to_primitive(iso, o, false);
  }
  char buf[64];
  return rt_throw_type_error(iso, "Invalid hint: %s", builtins_describe(iso, hint, buf, sizeof buf));
}

int builtins_install_date(Isolate *iso, Realm *realm) {
  tzset(); /* read TZ once per realm; localtime_r need not */
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_DATE_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Date", date_ctor, 7, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_DATE], ctor);
  if (builtins_def_method(iso, ctor, "now", date_now, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "parse", date_parse_fn, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "UTC", date_utc_fn, 7, 0) == VAL_EXCEPTION) return -1;

  static const struct {
    const char *name;
    int magic;
  } getters[] = {
      {"getDate", F_DATE},
      {"getDay", F_DAY},
      {"getFullYear", F_YEAR},
      {"getHours", F_HOURS},
      {"getMilliseconds", F_MS},
      {"getMinutes", F_MINUTES},
      {"getMonth", F_MONTH},
      {"getSeconds", F_SECONDS},
      {"getTime", F_TIME},
      {"getTimezoneOffset", F_TZ},
      {"getUTCDate", F_DATE | GET_UTC},
      {"getUTCDay", F_DAY | GET_UTC},
      {"getUTCFullYear", F_YEAR | GET_UTC},
      {"getUTCHours", F_HOURS | GET_UTC},
      {"getUTCMilliseconds", F_MS | GET_UTC},
      {"getUTCMinutes", F_MINUTES | GET_UTC},
      {"getUTCMonth", F_MONTH | GET_UTC},
      {"getUTCSeconds", F_SECONDS | GET_UTC},
      {"getYear", F_GETYEAR},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(getters); i++) {
    if (builtins_def_method(iso, proto, getters[i].name, date_getter, 0, getters[i].magic) == VAL_EXCEPTION)
      return -1;
  }
  static const struct {
    const char *name;
    int magic, length;
  } setters[] = {
      {"setDate", SETTER(F_DATE, 1), 1},
      {"setFullYear", SETTER(F_YEAR, 3), 3},
      {"setHours", SETTER(F_HOURS, 4), 4},
      {"setMilliseconds", SETTER(F_MS, 1), 1},
      {"setMinutes", SETTER(F_MINUTES, 3), 3},
      {"setMonth", SETTER(F_MONTH, 2), 2},
      {"setSeconds", SETTER(F_SECONDS, 2), 2},
      {"setUTCDate", SETTER(F_DATE, 1) | SET_UTC, 1},
      {"setUTCFullYear", SETTER(F_YEAR, 3) | SET_UTC, 3},
      {"setUTCHours", SETTER(F_HOURS, 4) | SET_UTC, 4},
      {"setUTCMilliseconds", SETTER(F_MS, 1) | SET_UTC, 1},
      {"setUTCMinutes", SETTER(F_MINUTES, 3) | SET_UTC, 3},
      {"setUTCMonth", SETTER(F_MONTH, 2) | SET_UTC, 2},
      {"setUTCSeconds", SETTER(F_SECONDS, 2) | SET_UTC, 2},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(setters); i++) {
    if (builtins_def_method(iso, proto, setters[i].name, date_setter, setters[i].length, setters[i].magic) ==
        VAL_EXCEPTION)
      return -1;
  }
  if (builtins_def_method(iso, proto, "setTime", date_set_time, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "setYear", date_set_year, 1, 0) == VAL_EXCEPTION) return -1;
  static const struct {
    const char *name;
    DateFormat fmt;
  } strings[] = {
      {"toDateString", DATE_FMT_DATE},
      {"toLocaleDateString", DATE_FMT_LOCALE_DATE},
      {"toLocaleString", DATE_FMT_LOCALE},
      {"toLocaleTimeString", DATE_FMT_LOCALE_TIME},
      {"toString", DATE_FMT_STRING},
      {"toTimeString", DATE_FMT_TIME},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(strings); i++) {
    if (builtins_def_method(iso, proto, strings[i].name, date_to_string_fmt, 0, (int)strings[i].fmt) ==
        VAL_EXCEPTION)
      return -1;
  }
  /* Annex B: toGMTString is the same function object as toUTCString. */
  Value utc = builtins_def_method(iso, proto, "toUTCString", date_to_string_fmt, 0, (int)DATE_FMT_UTC);
  if (utc == VAL_EXCEPTION) return -1;
  if (builtins_def_value(iso, proto, "toGMTString", utc, ATTR_BUILTIN) < 0) return -1;
  if (builtins_def_method(iso, proto, "toISOString", date_to_iso_string, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "toJSON", date_to_json, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "valueOf", date_value_of, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method_key(iso, proto, sym_well_known(iso, WKS_TO_PRIMITIVE), date_to_primitive, 1, 0,
                              ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;
  return 0;
}

double date_object_time(Value d) { return date_value(d); }
