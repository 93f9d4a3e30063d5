/*
 * The JSON object (ECMA-262 25.5): JSON.parse with reviver and JSON.stringify with replacer,
 * gap, toJSON and cycle detection. Error texts follow V8 ("Unexpected token '}', "{"a":}" is
 * not valid JSON", "Converting circular structure to JSON ..."). Both directions recurse in C
 * and check the native stack at every level, so absurdly deep input gives a RangeError.
 */
#include "base/dtoa.h"
#include "builtins/object-helpers.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- JSON.parse --------------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  Value src; /* flat string */
  uint32_t len, pos;
} JsonParser;

static inline int jp_peek(const JsonParser *p) { return p->pos < p->len ? str_char_at(p->src, p->pos) : -1; }

static void jp_skip_ws(JsonParser *p) {
  while (p->pos < p->len) {
    uint16_t c = str_char_at(p->src, p->pos);
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    p->pos++;
  }
}

static Value jp_error_at(JsonParser *p, const char *what) {
  return rt_throw_syntax_error(p->iso, "%s in JSON at position %u", what, p->pos);
}

/* "Unexpected token 'x', "...context..." is not valid JSON", or end of input. */
static Value jp_unexpected(JsonParser *p) {
  Isolate *iso = p->iso;
  if (p->pos >= p->len) return rt_throw_syntax_error(iso, "Unexpected end of JSON input");
  enum { CONTEXT = 10 };
  uint32_t start = 0, end = p->len;
  bool pre = false, post = false;
  if (p->len > 2 * CONTEXT) {
    start = p->pos >= CONTEXT ? p->pos - CONTEXT : 0;
    end = p->pos + CONTEXT < p->len ? p->pos + CONTEXT : p->len;
    pre = start > 0;
    post = end < p->len;
  }
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "Unexpected token '");
  sb_append_unit(&sb, str_char_at(p->src, p->pos));
  sb_append_cstr(&sb, "', ");
  if (pre) sb_append_cstr(&sb, "...");
  sb_append_unit(&sb, '"');
  for (uint32_t i = start; i < end; i++) sb_append_unit(&sb, str_char_at(p->src, i));
  sb_append_unit(&sb, '"');
  if (post) sb_append_cstr(&sb, "...");
  sb_append_cstr(&sb, " is not valid JSON");
  Value msg = sb_finish(&sb);
  if (msg == VAL_EXCEPTION) return msg;
  char *utf8 = str_to_utf8(iso, msg, NULL);
  if (!utf8) return isolate_throw_oom(iso);
  Value r = rt_throw_syntax_error(iso, "%s", utf8);
  free(utf8);
  return r;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static Value jp_string(JsonParser *p) {
  p->pos++; /* opening quote */
  uint32_t start = p->pos;
  /* Fast path: no escapes. */
  while (p->pos < p->len) {
    uint16_t c = str_char_at(p->src, p->pos);
    if (c == '"') {
      Value s = str_substring(p->iso, p->src, start, p->pos);
      p->pos++;
      return s;
    }
    if (c == '\\') break;
    if (c < 0x20) return jp_error_at(p, "Bad control character in string literal");
    p->pos++;
  }
  StringBuilder sb;
  sb_init(&sb, p->iso);
  for (uint32_t i = start; i < p->pos; i++) sb_append_unit(&sb, str_char_at(p->src, i));
  while (p->pos < p->len) {
    uint16_t c = str_char_at(p->src, p->pos);
    if (c == '"') {
      p->pos++;
      return sb_finish(&sb);
    }
    if (c < 0x20) {
      sb_discard(&sb);
      return jp_error_at(p, "Bad control character in string literal");
    }
    if (c != '\\') {
      sb_append_unit(&sb, c);
      p->pos++;
      continue;
    }
    p->pos++;
    int e = jp_peek(p);
    uint16_t out;
    switch (e) {
      case '"': out = '"'; break;
      case '\\': out = '\\'; break;
      case '/': out = '/'; break;
      case 'b': out = '\b'; break;
      case 'f': out = '\f'; break;
      case 'n': out = '\n'; break;
      case 'r': out = '\r'; break;
      case 't': out = '\t'; break;
      case 'u': {
        int v = 0;
        for (int i = 1; i <= 4; i++) {
          p->pos++;
          int h = hexval(jp_peek(p));
          if (h < 0) {
            sb_discard(&sb);
            if (p->pos >= p->len) return jp_error_at(p, "Unterminated string");
            return jp_error_at(p, "Bad Unicode escape");
          }
          v = v * 16 + h;
        }
        out = (uint16_t)v;
        break;
      }
      case -1:
        sb_discard(&sb);
        return jp_error_at(p, "Unterminated string");
      default:
        sb_discard(&sb);
        return jp_error_at(p, "Bad escaped character");
    }
    sb_append_unit(&sb, out);
    p->pos++;
  }
  sb_discard(&sb);
  return jp_error_at(p, "Unterminated string");
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static Value jp_number(JsonParser *p) {
  uint32_t start = p->pos;
  if (jp_peek(p) == '-') {
    p->pos++;
    if (!is_digit(jp_peek(p))) return jp_error_at(p, "No number after minus sign");
  }
  if (jp_peek(p) == '0') {
    p->pos++;
    if (is_digit(jp_peek(p))) return jp_error_at(p, "Unexpected number");
  } else {
    while (is_digit(jp_peek(p))) p->pos++;
  }
  if (jp_peek(p) == '.') {
    p->pos++;
    if (!is_digit(jp_peek(p))) return jp_error_at(p, "Unterminated fractional number");
    while (is_digit(jp_peek(p))) p->pos++;
  }
  if (jp_peek(p) == 'e' || jp_peek(p) == 'E') {
    p->pos++;
    if (jp_peek(p) == '+' || jp_peek(p) == '-') p->pos++;
    if (!is_digit(jp_peek(p))) return jp_error_at(p, "Exponent part is missing a number");
    while (is_digit(jp_peek(p))) p->pos++;
  }
  uint32_t n = p->pos - start;
  char small[64];
  char *buf = n < sizeof small ? small : malloc(n + 1);
  if (!buf) return isolate_throw_oom(p->iso);
  for (uint32_t i = 0; i < n; i++) buf[i] = (char)str_char_at(p->src, start + i);
  double d = dtoa_strtod(buf, n, NULL);
  if (buf != small) free(buf);
  return val_from_number(d);
}

static bool jp_literal(JsonParser *p, const char *word) {
  size_t n = strlen(word);
  for (size_t i = 0; i < n; i++) {
    if (p->pos + i >= p->len || str_char_at(p->src, p->pos + (uint32_t)i) != (uint16_t)word[i]) {
      p->pos += (uint32_t)i; /* report the first mismatching character */
      return false;
    }
  }
  p->pos += (uint32_t)n;
  return true;
}

static Value jp_value(JsonParser *p);

static Value jp_object(JsonParser *p) {
  Isolate *iso = p->iso;
  Value obj = obj_new_plain(iso);
  if (obj == VAL_EXCEPTION) return obj;
  p->pos++;
  jp_skip_ws(p);
  if (jp_peek(p) == '}') {
    p->pos++;
    return obj;
  }
  bool first = true;
  for (;;) {
    if (jp_peek(p) != '"') {
      if (p->pos >= p->len) return rt_throw_syntax_error(iso, "Unexpected end of JSON input");
      return jp_error_at(p, first ? "Expected property name or '}'" : "Expected double-quoted property name");
    }
    first = false;
    Value name = jp_string(p);
    if (name == VAL_EXCEPTION) return name;
    Value key = key_from_string(iso, name);
    if (key == VAL_EXCEPTION) return key;
    jp_skip_ws(p);
    if (jp_peek(p) != ':') return jp_error_at(p, "Expected ':' after property name");
    p->pos++;
    Value v = jp_value(p);
    if (v == VAL_EXCEPTION) return v;
    if (rt_create_data_property(iso, obj, key, v) < 0) return VAL_EXCEPTION;
    jp_skip_ws(p);
    int c = jp_peek(p);
    if (c == ',') {
      p->pos++;
      jp_skip_ws(p);
      continue;
    }
    if (c == '}') {
      p->pos++;
      return obj;
    }
    return jp_error_at(p, "Expected ',' or '}' after property value");
  }
}

static Value jp_array(JsonParser *p) {
  Isolate *iso = p->iso;
  Value arr = array_new(iso, 0);
  if (arr == VAL_EXCEPTION) return arr;
  p->pos++;
  jp_skip_ws(p);
  if (jp_peek(p) == ']') {
    p->pos++;
    return arr;
  }
  for (;;) {
    Value v = jp_value(p);
    if (v == VAL_EXCEPTION) return v;
    if (array_push(iso, arr, v) < 0) return VAL_EXCEPTION;
    jp_skip_ws(p);
    int c = jp_peek(p);
    if (c == ',') {
      p->pos++;
      continue;
    }
    if (c == ']') {
      p->pos++;
      return arr;
    }
    return jp_error_at(p, "Expected ',' or ']' after array element");
  }
}

static Value jp_value(JsonParser *p) {
  if (!isolate_check_stack(p->iso)) return VAL_EXCEPTION;
  jp_skip_ws(p);
  int c = jp_peek(p);
  switch (c) {
    case '{': return jp_object(p);
    case '[': return jp_array(p);
    case '"': return jp_string(p);
    case 't': return jp_literal(p, "true") ? VAL_TRUE : jp_unexpected(p);
    case 'f': return jp_literal(p, "false") ? VAL_FALSE : jp_unexpected(p);
    case 'n': return jp_literal(p, "null") ? VAL_NULL : jp_unexpected(p);
    default:
      if (c == '-' || is_digit(c)) return jp_number(p);
      return jp_unexpected(p);
  }
}

/* InternalizeJSONProperty (25.5.1.1). */
static Value json_internalize(Isolate *iso, Value holder, Value key, Value reviver) {
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  Value val = obj_get(iso, holder, key, holder);
  if (val == VAL_EXCEPTION) return val;
  if (val_is_object(val)) {
    int err = 0;
    bool is_arr = val_is_array(iso, val, &err);
    if (err) return VAL_EXCEPTION;
    if (is_arr) {
      double len;
      if (rt_length_of_array_like(iso, val, &len) < 0) return VAL_EXCEPTION;
      for (double i = 0; i < len; i++) {
        Value k = builtins_index_key(iso, i);
        if (k == VAL_EXCEPTION) return k;
        Value nv = json_internalize(iso, val, k, reviver);
        if (nv == VAL_EXCEPTION) return nv;
        if (val_is_undefined(nv)) {
          if (obj_delete(iso, val, k) < 0) return VAL_EXCEPTION;
        } else if (rt_create_data_property(iso, val, k, nv) < 0) {
          return VAL_EXCEPTION;
        }
      }
    } else {
      Value keys;
      uint32_t count;
      if (builtins_own_keys(iso, val, &keys, &count) < 0) return VAL_EXCEPTION;
      for (uint32_t i = 0; i < count; i++) {
        Value k = builtins_list_get(iso, keys, i);
        if (k == VAL_EXCEPTION) return k;
        if (val_is_symbol(k)) continue;
        PropertyDescriptor d;
        int found = obj_get_own_property(iso, val, k, &d);
        if (found < 0) return VAL_EXCEPTION;
        if (!found || !d.enumerable) continue;
        Value nv = json_internalize(iso, val, k, reviver);
        if (nv == VAL_EXCEPTION) return nv;
        if (val_is_undefined(nv)) {
          if (obj_delete(iso, val, k) < 0) return VAL_EXCEPTION;
        } else if (rt_create_data_property(iso, val, k, nv) < 0) {
          return VAL_EXCEPTION;
        }
      }
    }
  }
  Value name = key_to_string(iso, key);
  if (name == VAL_EXCEPTION) return name;
  Value argv[2] = {name, val};
  return rt_call(iso, reviver, holder, 2, argv);
}

static Value json_parse(Isolate *iso, const CallArgs *args) {
  Value text = rt_to_string(iso, call_arg(args, 0));
  if (text == VAL_EXCEPTION) return text;
  text = str_flatten(iso, text);
  if (text == VAL_EXCEPTION) return text;
  JsonParser p = {iso, text, str_length(text), 0};
  Value result = jp_value(&p);
  if (result == VAL_EXCEPTION) return result;
  jp_skip_ws(&p);
  if (p.pos < p.len) return jp_error_at(&p, "Unexpected non-whitespace character after JSON");
  Value reviver = call_arg(args, 1);
  if (!val_is_callable(reviver)) return result;
  Value root = obj_new_plain(iso);
  if (root == VAL_EXCEPTION) return root;
  if (rt_create_data_property(iso, root, NAME(iso, empty), result) < 0) return VAL_EXCEPTION;
  return json_internalize(iso, root, NAME(iso, empty), reviver);
}

/* ---- JSON.stringify ----------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  StringBuilder sb;
  Value replacer_fn;   /* callable or undefined */
  Value property_list; /* JS array of String keys, or undefined */
  Value gap;           /* String ("" when none) */
  Value indent;        /* current indentation String */
  Value stack;         /* JS array of the objects being serialized (cycle detection) */
  Value stack_keys;    /* JS array: the key under which each stack entry was reached */
} JsonWriter;

static void quote_json_string(StringBuilder *sb, Value s) {
  static const char hex[] = "0123456789abcdef";
  uint32_t len = str_length(s);
  sb_append_unit(sb, '"');
  for (uint32_t i = 0; i < len; i++) {
    uint16_t c = str_char_at(s, i);
    switch (c) {
      case '\b': sb_append_cstr(sb, "\\b"); continue;
      case '\t': sb_append_cstr(sb, "\\t"); continue;
      case '\n': sb_append_cstr(sb, "\\n"); continue;
      case '\f': sb_append_cstr(sb, "\\f"); continue;
      case '\r': sb_append_cstr(sb, "\\r"); continue;
      case '"': sb_append_cstr(sb, "\\\""); continue;
      case '\\': sb_append_cstr(sb, "\\\\"); continue;
      default: break;
    }
    bool escape = c < 0x20;
    if (c >= 0xD800 && c <= 0xDBFF) {
      /* A lead surrogate is kept only when a trail follows (well-formed stringify). */
      if (i + 1 < len) {
        uint16_t d = str_char_at(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
          sb_append_unit(sb, c);
          sb_append_unit(sb, d);
          i++;
          continue;
        }
      }
      escape = true;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      escape = true;
    }
    if (escape) {
      sb_append_cstr(sb, "\\u");
      for (int sh = 12; sh >= 0; sh -= 4) sb_append_unit(sb, (uint16_t)hex[(c >> sh) & 15]);
    } else {
      sb_append_unit(sb, c);
    }
  }
  sb_append_unit(sb, '"');
}

static int jw_append_quoted(JsonWriter *w, Value s) {
  s = str_flatten(w->iso, s);
  if (s == VAL_EXCEPTION) return -1;
  quote_json_string(&w->sb, s);
  return 0;
}

/* The constructor name V8 prints in the circular-structure message, found without running code:
 * the prototype's own "constructor" data property and that function's own "name". */
static void constructor_name(Isolate *iso, Value obj, StringBuilder *sb) {
  Value proto = obj_get_prototype_of(iso, obj);
  if (proto != VAL_EXCEPTION && val_is_object(proto)) {
    PropertyDescriptor d;
    if (obj_get_own_property(iso, proto, NAME(iso, constructor), &d) == 1 && d.has_value &&
        val_is_object(d.value)) {
      PropertyDescriptor n;
      if (obj_get_own_property(iso, d.value, NAME(iso, name), &n) == 1 && n.has_value &&
          val_is_string(n.value) && str_length(n.value) > 0) {
        sb_append_string(sb, n.value);
        return;
      }
    }
  }
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  sb_append_cstr(sb, "Object");
}

static void describe_key(Isolate *iso, Value key, StringBuilder *sb) {
  if (key_is_index(key)) {
    char buf[16];
    snprintf(buf, sizeof buf, "index %u", key_to_index(key));
    sb_append_cstr(sb, buf);
    return;
  }
  sb_append_cstr(sb, "property '");
  Value s = key_to_string(iso, key);
  if (s != VAL_EXCEPTION) sb_append_string(sb, s);
  sb_append_unit(sb, '\'');
}

static Value jw_circular_error(JsonWriter *w, uint32_t start, uint32_t depth, Value closing_key) {
  Isolate *iso = w->iso;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "Converting circular structure to JSON\n    --> starting at object with constructor '");
  constructor_name(iso, builtins_list_get(iso, w->stack, start), &sb);
  sb_append_unit(&sb, '\'');
  for (uint32_t i = start + 1; i < depth; i++) {
    sb_append_cstr(&sb, "\n    |     ");
    describe_key(iso, builtins_list_get(iso, w->stack_keys, i), &sb);
    sb_append_cstr(&sb, " -> object with constructor '");
    constructor_name(iso, builtins_list_get(iso, w->stack, i), &sb);
    sb_append_unit(&sb, '\'');
  }
  sb_append_cstr(&sb, "\n    --- ");
  describe_key(iso, closing_key, &sb);
  sb_append_cstr(&sb, " closes the circle");
  Value msg = sb_finish(&sb);
  if (msg == VAL_EXCEPTION) return msg;
  char *utf8 = str_to_utf8(iso, msg, NULL);
  if (!utf8) return isolate_throw_oom(iso);
  Value r = rt_throw_type_error(iso, "%s", utf8);
  free(utf8);
  return r;
}

/* Pushes value on the cycle stack, or throws if it is already there. */
static int jw_enter(JsonWriter *w, Value value, Value key) {
  uint32_t depth = array_length(w->stack);
  for (uint32_t i = 0; i < depth; i++) {
    if (builtins_list_get(w->iso, w->stack, i) == value) {
      jw_circular_error(w, i, depth, key);
      return -1;
    }
  }
  if (array_push(w->iso, w->stack, value) < 0) return -1;
  if (array_push(w->iso, w->stack_keys, key) < 0) return -1;
  return 0;
}

static int jw_leave(JsonWriter *w) {
  uint32_t depth = array_length(w->stack);
  if (array_set_length(w->iso, w->stack, depth - 1) < 0) return -1;
  return array_set_length(w->iso, w->stack_keys, depth - 1);
}

static int jw_property(JsonWriter *w, Value holder, Value key, Value value);

static void jw_newline_indent(JsonWriter *w) {
  sb_append_unit(&w->sb, '\n');
  sb_append_string(&w->sb, w->indent);
}

static int jw_object(JsonWriter *w, Value value, Value key) {
  Isolate *iso = w->iso;
  if (jw_enter(w, value, key) < 0) return -1;
  Value stepback = w->indent;
  bool has_gap = str_length(w->gap) > 0;
  if (has_gap) {
    w->indent = str_concat(iso, w->indent, w->gap);
    if (w->indent == VAL_EXCEPTION) return -1;
  }
  Value keys;
  uint32_t count;
  if (!val_is_undefined(w->property_list)) {
    keys = w->property_list;
    count = array_length(keys);
  } else if (builtins_own_keys(iso, value, &keys, &count) < 0) {
    return -1;
  }
  sb_append_unit(&w->sb, '{');
  bool any = false;
  for (uint32_t i = 0; i < count; i++) {
    Value k = builtins_list_get(iso, keys, i);
    if (k == VAL_EXCEPTION) return -1;
    if (val_is_undefined(w->property_list)) {
      if (val_is_symbol(k)) continue;
      PropertyDescriptor d;
      int found = obj_get_own_property(iso, value, k, &d);
      if (found < 0) return -1;
      if (!found || !d.enumerable) continue;
    }
    size_t mark = w->sb.length;
    if (any) sb_append_unit(&w->sb, ',');
    if (has_gap) jw_newline_indent(w);
    Value ks = key_to_string(iso, k);
    if (ks == VAL_EXCEPTION || jw_append_quoted(w, ks) < 0) return -1;
    sb_append_unit(&w->sb, ':');
    if (has_gap) sb_append_unit(&w->sb, ' ');
    int r = jw_property(w, value, k, VAL_HOLE);
    if (r < 0) return -1;
    if (r == 0) {
      w->sb.length = mark; /* undefined: the member is omitted */
      continue;
    }
    any = true;
  }
  if (any && has_gap) {
    w->indent = stepback;
    jw_newline_indent(w);
  }
  sb_append_unit(&w->sb, '}');
  w->indent = stepback;
  return jw_leave(w);
}

static int jw_array(JsonWriter *w, Value value, Value key) {
  Isolate *iso = w->iso;
  if (jw_enter(w, value, key) < 0) return -1;
  Value stepback = w->indent;
  bool has_gap = str_length(w->gap) > 0;
  if (has_gap) {
    w->indent = str_concat(iso, w->indent, w->gap);
    if (w->indent == VAL_EXCEPTION) return -1;
  }
  double len;
  if (rt_length_of_array_like(iso, value, &len) < 0) return -1;
  sb_append_unit(&w->sb, '[');
  for (double i = 0; i < len; i++) {
    if (i > 0) sb_append_unit(&w->sb, ',');
    if (has_gap) jw_newline_indent(w);
    Value k = builtins_index_key(iso, i);
    if (k == VAL_EXCEPTION) return -1;
    int r = jw_property(w, value, k, VAL_HOLE);
    if (r < 0) return -1;
    if (r == 0) sb_append_cstr(&w->sb, "null");
    if (w->sb.failed) return isolate_throw_oom(iso), -1;
  }
  if (len > 0 && has_gap) {
    w->indent = stepback;
    jw_newline_indent(w);
  }
  sb_append_unit(&w->sb, ']');
  w->indent = stepback;
  return jw_leave(w);
}

/* SerializeJSONProperty: appends the serialization of holder[key] (or of `value` when it is not
 * VAL_HOLE) and returns 1, or returns 0 for undefined (nothing appended), -1 on exception. */
static int jw_property(JsonWriter *w, Value holder, Value key, Value value) {
  Isolate *iso = w->iso;
  if (!isolate_check_stack(iso)) return -1;
  if (value == VAL_HOLE) {
    value = obj_get(iso, holder, key, holder);
    if (value == VAL_EXCEPTION) return -1;
  }
  if (val_is_object(value) || val_is_bigint(value)) {
    Value to_json = rt_get(iso, value, NAME(iso, toJSON));
    if (to_json == VAL_EXCEPTION) return -1;
    if (val_is_callable(to_json)) {
      Value ks = key_to_string(iso, key);
      if (ks == VAL_EXCEPTION) return -1;
      value = rt_call(iso, to_json, value, 1, &ks);
      if (value == VAL_EXCEPTION) return -1;
    }
  }
  if (!val_is_undefined(w->replacer_fn)) {
    Value ks = key_to_string(iso, key);
    if (ks == VAL_EXCEPTION) return -1;
    Value argv[2] = {ks, value};
    value = rt_call(iso, w->replacer_fn, holder, 2, argv);
    if (value == VAL_EXCEPTION) return -1;
  }
  if (val_is_object(value)) {
    Value prim = builtins_wrapper_value(value);
    if (prim != VAL_HOLE) {
      if (val_is_number(prim)) {
        value = rt_to_number(iso, value);
      } else if (val_is_string(prim)) {
        value = rt_to_string(iso, value);
      } else if (val_is_bool(prim) || val_is_bigint(prim)) {
        value = prim;
      }
      if (value == VAL_EXCEPTION) return -1;
    }
  }
  if (value == VAL_NULL) {
    sb_append_cstr(&w->sb, "null");
    return 1;
  }
  if (value == VAL_TRUE || value == VAL_FALSE) {
    sb_append_cstr(&w->sb, value == VAL_TRUE ? "true" : "false");
    return 1;
  }
  if (val_is_string(value)) return jw_append_quoted(w, value) < 0 ? -1 : 1;
  if (val_is_number(value)) {
    double d = val_to_number_unchecked(value);
    if (!isfinite(d)) {
      sb_append_cstr(&w->sb, "null");
    } else {
      char buf[DTOA_BUF_SIZE];
      dtoa_to_js_string(d, buf);
      sb_append_cstr(&w->sb, buf);
    }
    return 1;
  }
  if (val_is_bigint(value)) {
    rt_throw_type_error(iso, "Do not know how to serialize a BigInt");
    return -1;
  }
  if (val_is_object(value) && !val_is_callable(value)) {
    int err = 0;
    bool is_arr = val_is_array(iso, value, &err);
    if (err) return -1;
    int r = is_arr ? jw_array(w, value, key) : jw_object(w, value, key);
    return r < 0 ? -1 : 1;
  }
  return 0;
}

static Value json_stringify(Isolate *iso, const CallArgs *args) {
  JsonWriter w;
  memset(&w, 0, sizeof w);
  w.iso = iso;
  w.replacer_fn = VAL_UNDEFINED;
  w.property_list = VAL_UNDEFINED;
  w.gap = NAME(iso, empty);
  w.indent = NAME(iso, empty);
  Value value = call_arg(args, 0), replacer = call_arg(args, 1), space = call_arg(args, 2);
  if (val_is_object(replacer)) {
    if (val_is_callable(replacer)) {
      w.replacer_fn = replacer;
    } else {
      int err = 0;
      bool is_arr = val_is_array(iso, replacer, &err);
      if (err) return VAL_EXCEPTION;
      if (is_arr) {
        Value list = array_new(iso, 0);
        if (list == VAL_EXCEPTION) return list;
        double len;
        if (rt_length_of_array_like(iso, replacer, &len) < 0) return VAL_EXCEPTION;
        for (double i = 0; i < len; i++) {
          Value k = builtins_index_key(iso, i);
          if (k == VAL_EXCEPTION) return k;
          Value v = obj_get(iso, replacer, k, replacer);
          if (v == VAL_EXCEPTION) return v;
          Value item = VAL_UNDEFINED;
          if (val_is_string(v)) {
            item = v;
          } else if (val_is_number(v)) {
            item = rt_to_string(iso, v);
          } else if (val_is_object(v)) {
            Value prim = builtins_wrapper_value(v);
            if (prim != VAL_HOLE && (val_is_string(prim) || val_is_number(prim))) item = rt_to_string(iso, v);
          }
          if (item == VAL_EXCEPTION) return item;
          if (val_is_undefined(item)) continue;
          Value key = key_from_string(iso, item);
          if (key == VAL_EXCEPTION) return key;
          bool dup = false;
          uint32_t n = array_length(list);
          for (uint32_t j = 0; j < n && !dup; j++) dup = builtins_list_get(iso, list, j) == key;
          if (!dup && array_push(iso, list, key) < 0) return VAL_EXCEPTION;
        }
        w.property_list = list;
      }
    }
  }
  if (val_is_object(space)) {
    Value prim = builtins_wrapper_value(space);
    if (prim != VAL_HOLE && val_is_number(prim)) space = rt_to_number(iso, space);
    else if (prim != VAL_HOLE && val_is_string(prim)) space = rt_to_string(iso, space);
    if (space == VAL_EXCEPTION) return space;
  }
  if (val_is_number(space)) {
    double n = val_to_number_unchecked(space);
    n = isnan(n) ? 0 : trunc(n);
    if (n > 10) n = 10;
    if (n >= 1) {
      static const char spaces[] = "          ";
      w.gap = str_new_latin1(iso, (const uint8_t *)spaces, (size_t)n);
      if (w.gap == VAL_EXCEPTION) return w.gap;
    }
  } else if (val_is_string(space)) {
    w.gap = str_length(space) > 10 ? str_substring(iso, space, 0, 10) : space;
    if (w.gap == VAL_EXCEPTION) return w.gap;
  }
  w.stack = array_new(iso, 0);
  if (w.stack == VAL_EXCEPTION) return w.stack;
  w.stack_keys = array_new(iso, 0);
  if (w.stack_keys == VAL_EXCEPTION) return w.stack_keys;
  Value wrapper = obj_new_plain(iso);
  if (wrapper == VAL_EXCEPTION) return wrapper;
  if (rt_create_data_property(iso, wrapper, NAME(iso, empty), value) < 0) return VAL_EXCEPTION;
  sb_init(&w.sb, iso);
  int r = jw_property(&w, wrapper, NAME(iso, empty), value);
  if (r <= 0) {
    sb_discard(&w.sb);
    return r < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
  }
  return sb_finish(&w.sb);
}

int builtins_install_json(Isolate *iso, Realm *realm) {
  Value json = obj_new_plain(iso);
  if (json == VAL_EXCEPTION) return -1;
  if (builtins_def_value(iso, realm->global_object, "JSON", json, ATTR_BUILTIN) < 0) return -1;
  if (builtins_def_method(iso, json, "parse", json_parse, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, json, "stringify", json_stringify, 3, 0) == VAL_EXCEPTION) return -1;
  Value tag = str_from_cstr(iso, "JSON");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, json, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0)
    return -1;
  return 0;
}
