/*
 * Uint8Array base64 and hex (ES2026, proposal-arraybuffer-base64): toBase64, toHex, fromBase64,
 * fromHex, setFromBase64, setFromHex. Decoding never runs user code, so the target's bytes are
 * read/written directly once the options have been read.
 */
#include <stdlib.h>
#include <string.h>

#include "builtins/object-helpers.h"
#include "builtins/typed-array.h"

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* ValidateUint8Array. */
static int validate_u8(Isolate *iso, Value v) {
  if (!typed_array_is(v) || js_typed_array(v)->kind != TA_UINT8) {
    rt_throw_type_error(iso, "Argument is not a Uint8Array");
    return -1;
  }
  return 0;
}

/* The array's live bytes (GetUint8ArrayBytes): TypeError when out of bounds. */
static uint8_t *u8_bytes(Isolate *iso, Value v, size_t *len) {
  double l = typed_array_length(v);
  if (l < 0) {
    rt_throw_type_error(iso, "Cannot perform Uint8Array method on a detached ArrayBuffer");
    return NULL;
  }
  *len = (size_t)l;
  JSTypedArray *ta = js_typed_array(v);
  uint8_t *data = js_array_buffer(ta->buffer)->data;
  return data ? data + ta->byte_offset : (uint8_t *)"";
}

/* GetOptionsObject. */
static Value options_object(Isolate *iso, Value options) {
  if (options == VAL_UNDEFINED) return obj_new(iso, VAL_NULL);
  if (!val_is_object(options)) return rt_throw_type_error(iso, "Options must be an object");
  return options;
}

/* Reads options.alphabet: 0 base64, 1 base64url, -1 exception. */
static int read_alphabet(Isolate *iso, Value opts) {
  Value a = rt_get_str(iso, opts, "alphabet");
  if (a == VAL_EXCEPTION) return -1;
  if (a == VAL_UNDEFINED) return 0;
  if (val_is_string(a)) {
    Value f = str_flatten(iso, a);
    if (f == VAL_EXCEPTION) return -1;
    if (str_equals_cstr(f, "base64")) return 0;
    if (str_equals_cstr(f, "base64url")) return 1;
  }
  rt_throw_type_error(iso, "expected alphabet to be either \"base64\" or \"base64url\"");
  return -1;
}

enum { LCH_LOOSE, LCH_STRICT, LCH_STOP };

static int read_last_chunk(Isolate *iso, Value opts) {
  Value a = rt_get_str(iso, opts, "lastChunkHandling");
  if (a == VAL_EXCEPTION) return -1;
  if (a == VAL_UNDEFINED) return LCH_LOOSE;
  if (val_is_string(a)) {
    Value f = str_flatten(iso, a);
    if (f == VAL_EXCEPTION) return -1;
    if (str_equals_cstr(f, "loose")) return LCH_LOOSE;
    if (str_equals_cstr(f, "strict")) return LCH_STRICT;
    if (str_equals_cstr(f, "stop-before-partial")) return LCH_STOP;
  }
  rt_throw_type_error(iso, "expected lastChunkHandling to be \"loose\", \"strict\", or \"stop-before-partial\"");
  return -1;
}

/* ---- Encoding ---------------------------------------------------------------------------- */

static Value u8_to_base64(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (validate_u8(iso, o) < 0) return VAL_EXCEPTION;
  Value opts = options_object(iso, call_arg(args, 0));
  if (opts == VAL_EXCEPTION) return opts;
  int alpha = read_alphabet(iso, opts);
  if (alpha < 0) return VAL_EXCEPTION;
  Value op = rt_get_str(iso, opts, "omitPadding");
  if (op == VAL_EXCEPTION) return op;
  bool omit = rt_to_boolean(op);
  size_t n;
  if (u8_bytes(iso, o, &n) == NULL) return VAL_EXCEPTION;
  const char *tab = alpha ? b64_url : b64_std;
  size_t out_len = n / 3 * 4;
  if (n % 3) out_len += omit ? (n % 3 == 1 ? 2 : 3) : 4;
  if (out_len > BUILTINS_MAX_STRING_LENGTH) return rt_throw_range_error(iso, "Invalid string length");
  uint8_t *chars;
  Value s = str_alloc_latin1(iso, out_len, &chars);
  if (s == VAL_EXCEPTION) return s;
  const uint8_t *in = u8_bytes(iso, o, &n); /* reread: allocation runs no JS but be exact */
  size_t j = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t t = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    chars[j++] = (uint8_t)tab[t >> 18];
    chars[j++] = (uint8_t)tab[(t >> 12) & 63];
    chars[j++] = (uint8_t)tab[(t >> 6) & 63];
    chars[j++] = (uint8_t)tab[t & 63];
  }
  if (n - i == 1) {
    uint32_t t = (uint32_t)in[i] << 16;
    chars[j++] = (uint8_t)tab[t >> 18];
    chars[j++] = (uint8_t)tab[(t >> 12) & 63];
    if (!omit) chars[j++] = '=', chars[j++] = '=';
  } else if (n - i == 2) {
    uint32_t t = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    chars[j++] = (uint8_t)tab[t >> 18];
    chars[j++] = (uint8_t)tab[(t >> 12) & 63];
    chars[j++] = (uint8_t)tab[(t >> 6) & 63];
    if (!omit) chars[j++] = '=';
  }
  return s;
}

static Value u8_to_hex(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (validate_u8(iso, o) < 0) return VAL_EXCEPTION;
  size_t n;
  if (u8_bytes(iso, o, &n) == NULL) return VAL_EXCEPTION;
  if (n * 2 > BUILTINS_MAX_STRING_LENGTH) return rt_throw_range_error(iso, "Invalid string length");
  uint8_t *chars;
  Value s = str_alloc_latin1(iso, n * 2, &chars);
  if (s == VAL_EXCEPTION) return s;
  const uint8_t *in = u8_bytes(iso, o, &n);
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    chars[2 * i] = (uint8_t)hex[in[i] >> 4];
    chars[2 * i + 1] = (uint8_t)hex[in[i] & 15];
  }
  return s;
}

/* ---- Decoding ---------------------------------------------------------------------------- */

typedef struct Decoded {
  uint8_t *bytes; /* malloc'd */
  size_t count, cap;
  size_t read;
  bool error;     /* a SyntaxError to throw after the bytes are stored */
  bool oom;
} Decoded;

static void push_byte(Decoded *d, uint8_t b) {
  if (d->oom) return;
  if (d->count == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 64;
    uint8_t *nb = realloc(d->bytes, cap);
    if (nb == NULL) {
      d->oom = true;
      return;
    }
    d->bytes = nb;
    d->cap = cap;
  }
  d->bytes[d->count++] = b;
}

static bool is_ascii_ws(uint16_t c) { return c == 0x09 || c == 0x0a || c == 0x0c || c == 0x0d || c == 0x20; }

static size_t skip_ws(Value s, size_t i, size_t n) {
  while (i < n && is_ascii_ws(str_char_at(s, i))) i++;
  return i;
}

static int b64_value(uint16_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* DecodeBase64Chunk: chunk holds `len` (2..4) sextets. false on extra bits in strict mode. */
static bool decode_chunk(Decoded *d, const int *chunk, int len, bool throw_on_extra) {
  uint32_t t = 0;
  for (int i = 0; i < 4; i++) t = t << 6 | (uint32_t)(i < len ? chunk[i] : 0);
  if (len == 2) {
    if (throw_on_extra && (t & 0xffff) != 0) return false;
    push_byte(d, (uint8_t)(t >> 16));
  } else if (len == 3) {
    if (throw_on_extra && (t & 0xff) != 0) return false;
    push_byte(d, (uint8_t)(t >> 16));
    push_byte(d, (uint8_t)(t >> 8));
  } else {
    push_byte(d, (uint8_t)(t >> 16));
    push_byte(d, (uint8_t)(t >> 8));
    push_byte(d, (uint8_t)t);
  }
  return true;
}

/* FromBase64(string, alphabet, lastChunkHandling, maxLength); s is flat. */
static void from_base64(Value s, int alpha, int lch, size_t max, Decoded *d) {
  memset(d, 0, sizeof *d);
  if (max == 0) return;
  size_t n = str_length(s), index = 0;
  int chunk[4];
  int clen = 0;
  for (;;) {
    index = skip_ws(s, index, n);
    if (index == n) {
      if (clen > 0) {
        if (lch == LCH_STOP) return;
        if (lch == LCH_LOOSE) {
          if (clen == 1) {
            d->error = true;
            return;
          }
          decode_chunk(d, chunk, clen, false);
        } else {
          d->error = true;
          return;
        }
      }
      d->read = n;
      return;
    }
    uint16_t c = str_char_at(s, index++);
    if (c == '=') {
      if (clen < 2) {
        d->error = true;
        return;
      }
      index = skip_ws(s, index, n);
      if (clen == 2) {
        if (index == n) {
          if (lch != LCH_STOP) d->error = true;
          return;
        }
        if (str_char_at(s, index) == '=') index = skip_ws(s, index + 1, n);
      }
      if (index < n) {
        d->error = true;
        return;
      }
      if (!decode_chunk(d, chunk, clen, lch == LCH_STRICT)) {
        d->error = true;
        return;
      }
      d->read = n;
      return;
    }
    if (alpha == 1) {
      if (c == '+' || c == '/') {
        d->error = true;
        return;
      }
      if (c == '-') c = '+';
      else if (c == '_') c = '/';
    }
    int v = b64_value(c);
    if (v < 0) {
      d->error = true;
      return;
    }
    size_t remaining = max - d->count;
    if ((remaining == 1 && clen == 2) || (remaining == 2 && clen == 3)) return;
    chunk[clen++] = v;
    if (clen == 4) {
      decode_chunk(d, chunk, 4, false);
      clen = 0;
      d->read = index;
      if (d->count == max) return;
    }
  }
}

static int hex_value(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* FromHex(string, maxLength); s is flat. */
static void from_hex(Value s, size_t max, Decoded *d) {
  memset(d, 0, sizeof *d);
  size_t n = str_length(s);
  if (n % 2 != 0) {
    d->error = true;
    return;
  }
  while (d->read < n && d->count < max) {
    int hi = hex_value(str_char_at(s, d->read)), lo = hex_value(str_char_at(s, d->read + 1));
    if (hi < 0 || lo < 0) {
      d->error = true;
      return;
    }
    d->read += 2;
    push_byte(d, (uint8_t)(hi << 4 | lo));
  }
}

static Value string_arg(Isolate *iso, Value v) {
  if (!val_is_string(v)) return rt_throw_type_error(iso, "Argument must be a string");
  return str_flatten(iso, v);
}

/* fromBase64 (magic 0) and fromHex (magic 1): a new Uint8Array. */
static Value u8_from(Isolate *iso, const CallArgs *args) {
  bool hex = function_magic(args->callee) == 1;
  Value s = string_arg(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  Decoded d;
  if (hex) {
    from_hex(s, SIZE_MAX, &d);
  } else {
    Value opts = options_object(iso, call_arg(args, 1));
    if (opts == VAL_EXCEPTION) return opts;
    int alpha = read_alphabet(iso, opts);
    if (alpha < 0) return VAL_EXCEPTION;
    int lch = read_last_chunk(iso, opts);
    if (lch < 0) return VAL_EXCEPTION;
    from_base64(s, alpha, lch, SIZE_MAX, &d);
  }
  if (d.oom) {
    free(d.bytes);
    return rt_throw_range_error(iso, "Array buffer allocation failed");
  }
  if (d.error) {
    free(d.bytes);
    return rt_throw_syntax_error(iso, hex ? "Invalid hex string" : "Invalid base64 string");
  }
  Value len = val_from_number((double)d.count);
  Value ta = rt_construct(iso, intrinsic(iso, INTRINSIC_UINT8_ARRAY), 1, &len, intrinsic(iso, INTRINSIC_UINT8_ARRAY));
  if (ta == VAL_EXCEPTION) {
    free(d.bytes);
    return ta;
  }
  if (d.count) memcpy(js_array_buffer(js_typed_array(ta)->buffer)->data, d.bytes, d.count);
  free(d.bytes);
  return ta;
}

/* setFromBase64 (magic 0) and setFromHex (magic 1): decode into this; {read, written}. */
static Value u8_set_from(Isolate *iso, const CallArgs *args) {
  bool hex = function_magic(args->callee) == 1;
  Value into = args->this_val;
  if (validate_u8(iso, into) < 0) return VAL_EXCEPTION;
  if (js_array_buffer(js_typed_array(into)->buffer)->immutable)
    return rt_throw_type_error(iso, "Cannot perform Uint8Array.prototype.%s on an immutable ArrayBuffer",
                               hex ? "setFromHex" : "setFromBase64");
  Value s = string_arg(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  int alpha = 0, lch = LCH_LOOSE;
  if (!hex) {
    Value opts = options_object(iso, call_arg(args, 1));
    if (opts == VAL_EXCEPTION) return opts;
    if ((alpha = read_alphabet(iso, opts)) < 0) return VAL_EXCEPTION;
    if ((lch = read_last_chunk(iso, opts)) < 0) return VAL_EXCEPTION;
  }
  size_t max;
  if (u8_bytes(iso, into, &max) == NULL) return VAL_EXCEPTION;
  Decoded d;
  if (hex) from_hex(s, max, &d);
  else from_base64(s, alpha, lch, max, &d);
  if (d.oom) {
    free(d.bytes);
    return rt_throw_range_error(iso, "Array buffer allocation failed");
  }
  if (d.count) memcpy(u8_bytes(iso, into, &max), d.bytes, d.count);
  free(d.bytes);
  if (d.error) return rt_throw_syntax_error(iso, hex ? "Invalid hex string" : "Invalid base64 string");
  Value r = obj_new_plain(iso);
  if (r == VAL_EXCEPTION) return r;
  if (builtins_def_value(iso, r, "read", val_from_number((double)d.read), ATTR_DEFAULT) < 0 ||
      builtins_def_value(iso, r, "written", val_from_number((double)d.count), ATTR_DEFAULT) < 0)
    return VAL_EXCEPTION;
  return r;
}

int typed_array_install_base64(Isolate *iso, Realm *realm) {
  Value ctor = realm->intrinsics[INTRINSIC_UINT8_ARRAY];
  Value proto = realm->intrinsics[INTRINSIC_UINT8_ARRAY_PROTOTYPE];
  if (builtins_def_method(iso, ctor, "fromBase64", u8_from, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, ctor, "fromHex", u8_from, 1, 1) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "toBase64", u8_to_base64, 0, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "toHex", u8_to_hex, 0, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "setFromBase64", u8_set_from, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "setFromHex", u8_set_from, 1, 1) == VAL_EXCEPTION)
    return -1;
  return 0;
}
