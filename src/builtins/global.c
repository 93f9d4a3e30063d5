/*
 * Value properties and functions of the global object (ECMA-262 19.1, 19.2): NaN, Infinity,
 * undefined, isNaN, isFinite, parseInt/parseFloat (the same objects as Number's), the URI
 * functions, and Annex B escape/unescape. (`eval` belongs to the interpreter.)
 */
#include "builtins/object-helpers.h"

#include <math.h>
#include <stdlib.h>

static Value global_is_nan(Isolate *iso, const CallArgs *args) {
  double d;
  if (rt_to_number_double(iso, call_arg(args, 0), &d) < 0) return VAL_EXCEPTION;
  return val_from_bool(d != d);
}

static Value global_is_finite(Isolate *iso, const CallArgs *args) {
  double d;
  if (rt_to_number_double(iso, call_arg(args, 0), &d) < 0) return VAL_EXCEPTION;
  return val_from_bool(isfinite(d));
}

/* ---- URI encoding (19.2.6) ---------------------------------------------------------------- */

enum { URI_ENCODE = 0, URI_ENCODE_COMPONENT = 1, URI_DECODE = 2, URI_DECODE_COMPONENT = 3 };

static bool in_set(uint16_t c, const char *set) { return c < 128 && c && strchr(set, (int)c) != NULL; }

static bool is_alnum_ascii(uint16_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static const char uri_mark[] = "-_.!~*'()";
static const char uri_reserved[] = ";/?:@&=+$,";
static const char hex_upper[] = "0123456789ABCDEF";

static Value uri_error(Isolate *iso) { return rt_throw(iso, ERR_URI, "URI malformed"); }

static Value uri_encode(Isolate *iso, Value s, bool component) {
  uint32_t len = str_length(s);
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t k = 0; k < len; k++) {
    uint16_t c = str_char_at(s, k);
    if (is_alnum_ascii(c) || in_set(c, uri_mark) || (!component && (in_set(c, uri_reserved) || c == '#'))) {
      sb_append_unit(&sb, c);
      continue;
    }
    uint32_t cp = c;
    if (c >= 0xDC00 && c <= 0xDFFF) {
      sb_discard(&sb);
      return uri_error(iso);
    }
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (k + 1 >= len) {
        sb_discard(&sb);
        return uri_error(iso);
      }
      uint16_t d = str_char_at(s, k + 1);
      if (d < 0xDC00 || d > 0xDFFF) {
        sb_discard(&sb);
        return uri_error(iso);
      }
      cp = 0x10000 + (((uint32_t)c - 0xD800) << 10) + (d - 0xDC00);
      k++;
    }
    uint8_t bytes[4];
    int n;
    if (cp < 0x80) {
      bytes[0] = (uint8_t)cp;
      n = 1;
    } else if (cp < 0x800) {
      bytes[0] = (uint8_t)(0xC0 | (cp >> 6));
      bytes[1] = (uint8_t)(0x80 | (cp & 0x3F));
      n = 2;
    } else if (cp < 0x10000) {
      bytes[0] = (uint8_t)(0xE0 | (cp >> 12));
      bytes[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
      bytes[2] = (uint8_t)(0x80 | (cp & 0x3F));
      n = 3;
    } else {
      bytes[0] = (uint8_t)(0xF0 | (cp >> 18));
      bytes[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
      bytes[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
      bytes[3] = (uint8_t)(0x80 | (cp & 0x3F));
      n = 4;
    }
    for (int i = 0; i < n; i++) {
      sb_append_unit(&sb, '%');
      sb_append_unit(&sb, (uint16_t)hex_upper[bytes[i] >> 4]);
      sb_append_unit(&sb, (uint16_t)hex_upper[bytes[i] & 15]);
    }
  }
  return sb_finish(&sb);
}

static int hex_val(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The byte of "%XY" at s[k], or -1. */
static int pct_byte(Value s, uint32_t len, uint32_t k) {
  if (k + 2 >= len) return -1;
  if (str_char_at(s, k) != '%') return -1;
  int h = hex_val(str_char_at(s, k + 1)), l = hex_val(str_char_at(s, k + 2));
  if (h < 0 || l < 0) return -1;
  return h * 16 + l;
}

static Value uri_decode(Isolate *iso, Value s, bool component) {
  uint32_t len = str_length(s);
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  /* decodeURI keeps escapes of reserved characters and '#'. */
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t k = 0; k < len; k++) {
    uint16_t c = str_char_at(s, k);
    if (c != '%') {
      sb_append_unit(&sb, c);
      continue;
    }
    uint32_t start = k;
    int b = k + 2 < len ? pct_byte(s, len, k) : -1;
    if (b < 0) {
      sb_discard(&sb);
      return uri_error(iso);
    }
    k += 2;
    if (b < 0x80) {
      if (!component && (in_set((uint16_t)b, uri_reserved) || b == '#')) {
        for (uint32_t i = start; i <= k; i++) sb_append_unit(&sb, str_char_at(s, i));
      } else {
        sb_append_unit(&sb, (uint16_t)b);
      }
      continue;
    }
    int n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) {
      sb_discard(&sb);
      return uri_error(iso);
    }
    uint32_t cp = (uint32_t)b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int j = 1; j < n; j++) {
      k++;
      int cb = k + 2 < len ? pct_byte(s, len, k) : -1;
      if (cb < 0 || (cb & 0xC0) != 0x80) {
        sb_discard(&sb);
        return uri_error(iso);
      }
      k += 2;
      cp = (cp << 6) | ((uint32_t)cb & 0x3F);
    }
    /* Reject overlong forms, surrogates and values past U+10FFFF. */
    uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      sb_discard(&sb);
      return uri_error(iso);
    }
    sb_append_code_point(&sb, cp);
  }
  return sb_finish(&sb);
}

static Value global_uri(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  switch (function_magic(args->callee)) {
    case URI_ENCODE: return uri_encode(iso, s, false);
    case URI_ENCODE_COMPONENT: return uri_encode(iso, s, true);
    case URI_DECODE: return uri_decode(iso, s, false);
    default: return uri_decode(iso, s, true);
  }
}

/* ---- Annex B escape / unescape ------------------------------------------------------------ */

static Value global_escape(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  uint32_t len = str_length(s);
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t k = 0; k < len; k++) {
    uint16_t c = str_char_at(s, k);
    if (is_alnum_ascii(c) || in_set(c, "@*_+-./")) {
      sb_append_unit(&sb, c);
    } else if (c < 256) {
      sb_append_unit(&sb, '%');
      sb_append_unit(&sb, (uint16_t)hex_upper[c >> 4]);
      sb_append_unit(&sb, (uint16_t)hex_upper[c & 15]);
    } else {
      sb_append_cstr(&sb, "%u");
      for (int sh = 12; sh >= 0; sh -= 4) sb_append_unit(&sb, (uint16_t)hex_upper[(c >> sh) & 15]);
    }
  }
  return sb_finish(&sb);
}

static Value global_unescape(Isolate *iso, const CallArgs *args) {
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  uint32_t len = str_length(s);
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t k = 0; k < len; k++) {
    uint16_t c = str_char_at(s, k);
    if (c == '%') {
      if (k + 5 < len && str_char_at(s, k + 1) == 'u') {
        int v = 0;
        bool ok = true;
        for (int i = 2; i <= 5; i++) {
          int h = hex_val(str_char_at(s, k + (uint32_t)i));
          if (h < 0) ok = false;
          v = v * 16 + h;
        }
        if (ok) {
          sb_append_unit(&sb, (uint16_t)v);
          k += 5;
          continue;
        }
      }
      if (k + 2 < len) {
        int h = hex_val(str_char_at(s, k + 1)), l = hex_val(str_char_at(s, k + 2));
        if (h >= 0 && l >= 0) {
          sb_append_unit(&sb, (uint16_t)(h * 16 + l));
          k += 2;
          continue;
        }
      }
    }
    sb_append_unit(&sb, c);
  }
  return sb_finish(&sb);
}

int builtins_install_global(Isolate *iso, Realm *realm) {
  Value g = realm->global_object;
  if (builtins_def_value(iso, g, "NaN", val_from_double(NAN), 0) < 0) return -1;
  if (builtins_def_value(iso, g, "Infinity", val_from_double(INFINITY), 0) < 0) return -1;
  if (builtins_def_value(iso, g, "undefined", VAL_UNDEFINED, 0) < 0) return -1;
  if (builtins_def_method(iso, g, "isNaN", global_is_nan, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, g, "isFinite", global_is_finite, 1, 0) == VAL_EXCEPTION) return -1;
  /* parseInt / parseFloat are the very objects Number.parseInt / Number.parseFloat hold. */
  Value number = realm->intrinsics[INTRINSIC_NUMBER];
  static const char *const shared[] = {"parseFloat", "parseInt"};
  for (size_t i = 0; i < PT_ARRAY_LEN(shared); i++) {
    Value key = key_from_cstr(iso, shared[i]);
    if (key == VAL_EXCEPTION) return -1;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, number, key, &d);
    if (found < 0) return -1;
    if (!found || !d.has_value) PT_FATAL("Number.%s missing when installing globals", shared[i]);
    if (rt_define_data(iso, g, key, d.value, ATTR_BUILTIN) < 0) return -1;
  }
  static const struct {
    const char *name;
    int magic;
  } uri[] = {
      {"decodeURI", URI_DECODE},
      {"decodeURIComponent", URI_DECODE_COMPONENT},
      {"encodeURI", URI_ENCODE},
      {"encodeURIComponent", URI_ENCODE_COMPONENT},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(uri); i++) {
    if (builtins_def_method(iso, g, uri[i].name, global_uri, 1, uri[i].magic) == VAL_EXCEPTION) return -1;
  }
  if (builtins_def_method(iso, g, "escape", global_escape, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, g, "unescape", global_unescape, 1, 0) == VAL_EXCEPTION) return -1;
  return 0;
}
