/*
 * The JSON object (ECMA-262 25.5): JSON.parse with reviver and JSON.stringify with replacer,
 * gap, toJSON and cycle detection. Error texts follow V8 ("Unexpected token '}', "{"a":}" is
 * not valid JSON", "Converting circular structure to JSON ..."). Both directions recurse in C
 * and check the native stack at every level, so absurdly deep input gives a RangeError.
 */
#include "base/dtoa.h"
#include "builtins/object-helpers.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- JSON.parse --------------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  Value src; /* flat string */
  uint32_t len, pos;
  bool records; /* build parse records for a reviver's context (json-parse-with-source) */
} JsonParser;

/* A parse record (JSON Parse Record) is a JS array [value, start, end, children]: children is a
 * JS array of element records for an array, a null-prototype object mapping keys to records for
 * an object, undefined for a primitive. Kept in JS objects so the collector sees them. */
static Value make_record(JsonParser *p, Value value, uint32_t start, Value children) {
  Value items[4] = {value, val_from_number(start), val_from_number(p->pos), children};
  return array_from_values(p->iso, items, 4);
}

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
  /* V8 words it differently when the whole text is what String() gives for a common mistake. */
  static const char *const special[] = {"NaN", "Infinity", "undefined", "[object Object]"};
  for (size_t i = 0; i < PT_ARRAY_LEN(special); i++) {
    size_t n = strlen(special[i]);
    if (p->len != n) continue;
    bool same = true;
    for (uint32_t k = 0; k < n && same; k++) same = str_char_at(p->src, k) == (uint16_t)special[i][k];
    if (same) return rt_throw_syntax_error(iso, "\"%s\" is not valid JSON", special[i]);
  }
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

static Value jp_value(JsonParser *p, Value *rec);

static Value jp_object(JsonParser *p, Value *children) {
  Isolate *iso = p->iso;
  Value obj = obj_new_plain(iso);
  if (obj == VAL_EXCEPTION) return obj;
  if (p->records) {
    *children = obj_new(iso, VAL_NULL);
    if (*children == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
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
    Value rec = VAL_UNDEFINED;
    Value v = jp_value(p, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (rt_create_data_property(iso, obj, key, v) < 0) return VAL_EXCEPTION;
    if (p->records && rt_create_data_property(iso, *children, key, rec) < 0) return VAL_EXCEPTION;
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

static Value jp_array(JsonParser *p, Value *children) {
  Isolate *iso = p->iso;
  Value arr = array_new(iso, 0);
  if (arr == VAL_EXCEPTION) return arr;
  if (p->records) {
    *children = array_new(iso, 0);
    if (*children == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  p->pos++;
  jp_skip_ws(p);
  if (jp_peek(p) == ']') {
    p->pos++;
    return arr;
  }
  for (;;) {
    Value rec = VAL_UNDEFINED;
    Value v = jp_value(p, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (array_push(iso, arr, v) < 0) return VAL_EXCEPTION;
    if (p->records && array_push(iso, *children, rec) < 0) return VAL_EXCEPTION;
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

static Value jp_value_inner(JsonParser *p, Value *children) {
  int c = jp_peek(p);
  switch (c) {
    case '{': return jp_object(p, children);
    case '[': return jp_array(p, children);
    case '"': return jp_string(p);
    case 't': return jp_literal(p, "true") ? VAL_TRUE : jp_unexpected(p);
    case 'f': return jp_literal(p, "false") ? VAL_FALSE : jp_unexpected(p);
    case 'n': return jp_literal(p, "null") ? VAL_NULL : jp_unexpected(p);
    default:
      if (c == '-' || is_digit(c)) return jp_number(p);
      return jp_unexpected(p);
  }
}

/* Parses one value; with p->records, *rec receives its parse record. */
static Value jp_value(JsonParser *p, Value *rec) {
  if (!isolate_check_stack(p->iso)) return VAL_EXCEPTION;
  if (!isolate_poll(p->iso)) return VAL_EXCEPTION; /* a termination request lands between values */
  jp_skip_ws(p);
  uint32_t start = p->pos;
  Value children = VAL_UNDEFINED;
  Value v = jp_value_inner(p, &children);
  if (v == VAL_EXCEPTION || !p->records) return v;
  *rec = make_record(p, v, start, children);
  return *rec == VAL_EXCEPTION ? VAL_EXCEPTION : v;
}

/* EnumerableOwnProperties(obj, key): the enumerable own String keys, as a JS array, computed
 * once before any of them is processed (later changes to obj do not alter the list). */
static Value enumerable_own_keys(Isolate *iso, Value obj) {
  Value keys;
  uint32_t count;
  if (builtins_own_keys(iso, obj, &keys, &count) < 0) return VAL_EXCEPTION;
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return list;
  for (uint32_t i = 0; i < count; i++) {
    Value k = builtins_list_get(iso, keys, i);
    if (k == VAL_EXCEPTION) return k;
    if (val_is_symbol(k)) continue;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, obj, k, &d);
    if (found < 0) return VAL_EXCEPTION;
    if (!found || !d.enumerable) continue;
    if (array_push(iso, list, k) < 0) return VAL_EXCEPTION;
  }
  return list;
}

/* InternalizeJSONProperty (25.5.1.1), with the parse records of json-parse-with-source: the
 * reviver's third argument is a context object whose `source` is the literal's text while the
 * value is still the one parsed there. */
static Value json_internalize(Isolate *iso, Value holder, Value key, Value reviver, Value src, Value rec) {
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  Value val = obj_get(iso, holder, key, holder);
  if (val == VAL_EXCEPTION) return val;
  Value context = obj_new_plain(iso);
  if (context == VAL_EXCEPTION) return context;
  Value children = VAL_UNDEFINED;
  if (!val_is_undefined(rec)) {
    Value parsed = builtins_list_get(iso, rec, 0);
    if (parsed == VAL_EXCEPTION) return parsed;
    if (rt_same_value(parsed, val)) {
      if (!val_is_object(val)) {
        Value start = builtins_list_get(iso, rec, 1), end = builtins_list_get(iso, rec, 2);
        Value text = str_substring(iso, src, (size_t)val_to_number_unchecked(start),
                                   (size_t)val_to_number_unchecked(end));
        if (text == VAL_EXCEPTION) return text;
        if (rt_create_data_property(iso, context, NAME(iso, source), text) < 0) return VAL_EXCEPTION;
      }
      children = builtins_list_get(iso, rec, 3);
      if (children == VAL_EXCEPTION) return children;
    }
  }
  if (val_is_object(val)) {
    int err = 0;
    bool is_arr = val_is_array(iso, val, &err);
    if (err) return VAL_EXCEPTION;
    if (is_arr) {
      double len;
      if (rt_length_of_array_like(iso, val, &len) < 0) return VAL_EXCEPTION;
      uint32_t nrec = obj_is_js_array(children) ? array_length(children) : 0;
      for (double i = 0; i < len; i++) {
        Value k = builtins_index_key(iso, i);
        if (k == VAL_EXCEPTION) return k;
        Value child_rec = VAL_UNDEFINED;
        if (i < nrec) {
          child_rec = builtins_list_get(iso, children, (uint32_t)i);
          if (child_rec == VAL_EXCEPTION) return child_rec;
        }
        Value nv = json_internalize(iso, val, k, reviver, src, child_rec);
        if (nv == VAL_EXCEPTION) return nv;
        if (val_is_undefined(nv)) {
          if (obj_delete(iso, val, k) < 0) return VAL_EXCEPTION;
        } else if (rt_create_data_property(iso, val, k, nv) < 0) {
          return VAL_EXCEPTION;
        }
      }
    } else {
      Value keys = enumerable_own_keys(iso, val);
      if (keys == VAL_EXCEPTION) return keys;
      uint32_t count = array_length(keys);
      bool has_entries = val_is_object(children) && !obj_is_js_array(children);
      for (uint32_t i = 0; i < count; i++) {
        Value k = builtins_list_get(iso, keys, i);
        if (k == VAL_EXCEPTION) return k;
        Value child_rec = VAL_UNDEFINED;
        if (has_entries) {
          PropertyDescriptor d;
          int found = obj_get_own_property(iso, children, k, &d);
          if (found < 0) return VAL_EXCEPTION;
          if (found && d.has_value) child_rec = d.value;
        }
        Value nv = json_internalize(iso, val, k, reviver, src, child_rec);
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
  Value argv[3] = {name, val, context};
  return rt_call(iso, reviver, holder, 3, argv);
}

static Value json_parse(Isolate *iso, const CallArgs *args) {
  Value text = rt_to_string(iso, call_arg(args, 0));
  if (text == VAL_EXCEPTION) return text;
  text = str_flatten(iso, text);
  if (text == VAL_EXCEPTION) return text;
  Value reviver = call_arg(args, 1);
  JsonParser p = {iso, text, str_length(text), 0, val_is_callable(reviver)};
  Value rec = VAL_UNDEFINED;
  Value result = jp_value(&p, &rec);
  if (result == VAL_EXCEPTION) return result;
  jp_skip_ws(&p);
  if (p.pos < p.len)
    return rt_throw_syntax_error(iso, "Unexpected non-whitespace character after JSON at position %u", p.pos);
  if (!val_is_callable(reviver)) return result;
  Value root = obj_new_plain(iso);
  if (root == VAL_EXCEPTION) return root;
  if (rt_create_data_property(iso, root, NAME(iso, empty), result) < 0) return VAL_EXCEPTION;
  return json_internalize(iso, root, NAME(iso, empty), reviver, text, rec);
}

/* ---- JSON.stringify ----------------------------------------------------------------------- */

/* [[IsRawJSON]]: JSON.rawJSON's results have their own instance type. */
static bool is_raw_json(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_JS_RAW_JSON; }

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

/* Nesting deeper than this is a RangeError like a stack overflow (node gives up sooner); it also
 * bounds the quadratic cost of the linear cycle search below. */
#define JSON_MAX_DEPTH 10000

/* Pushes value on the cycle stack, or throws if it is already there. */
static int jw_enter(JsonWriter *w, Value value, Value key) {
  uint32_t depth = array_length(w->stack);
  if (depth >= JSON_MAX_DEPTH) {
    rt_throw_range_error(w->iso, "Maximum call stack size exceeded");
    return -1;
  }
  /* The stack array is built by array_push, so its elements are a plain FixedArray: scan it
   * directly (this runs once per nested object). */
  Value el = js_object(w->stack)->elements;
  const FixedArray *fa = val_is_pointer(el) && heap_object_type(val_to_ptr(el)) == IT_FIXED_ARRAY
                             ? (const FixedArray *)val_to_ptr(el)
                             : NULL;
  for (uint32_t i = 0; i < depth; i++) {
    Value item = fa && i < fa->length ? fa->data[i] : builtins_list_get(w->iso, w->stack, i);
    if (item == value) {
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

/* Bounds the output like V8 (its longest string) and lets termination requests in: a sparse
 * array of length 2^32 - 1 must fail promptly, not loop for minutes. */
#define JSON_MAX_STRING_LENGTH ((1u << 29) - 24)
static int jw_check_progress(JsonWriter *w) {
  if (w->sb.failed) {
    isolate_throw_oom(w->iso);
    return -1;
  }
  if (w->sb.length > JSON_MAX_STRING_LENGTH) {
    rt_throw_range_error(w->iso, "Invalid string length");
    return -1;
  }
  return isolate_poll(w->iso) ? 0 : -1;
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
  Value keys = w->property_list;
  if (val_is_undefined(keys)) {
    keys = enumerable_own_keys(iso, value);
    if (keys == VAL_EXCEPTION) return -1;
  }
  uint32_t count = array_length(keys);
  sb_append_unit(&w->sb, '{');
  bool any = false;
  for (uint32_t i = 0; i < count; i++) {
    Value k = builtins_list_get(iso, keys, i);
    if (k == VAL_EXCEPTION) return -1;
    size_t mark = w->sb.length;
    if (any) sb_append_unit(&w->sb, ',');
    if (has_gap) jw_newline_indent(w);
    Value ks = key_to_string(iso, k);
    if (ks == VAL_EXCEPTION || jw_append_quoted(w, ks) < 0) return -1;
    sb_append_unit(&w->sb, ':');
    if (has_gap) sb_append_unit(&w->sb, ' ');
    int r = jw_property(w, value, k, VAL_HOLE);
    if (r < 0) return -1;
    if (jw_check_progress(w) < 0) return -1;
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
    if (jw_check_progress(w) < 0) return -1;
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
  if (is_raw_json(value)) {
    Value raw = obj_get(iso, value, NAME(iso, rawJSON), value);
    if (raw == VAL_EXCEPTION) return -1;
    sb_append_string(&w->sb, raw);
    return 1;
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

/* ---- JSON.rawJSON / JSON.isRawJSON (json-parse-with-source) ------------------------------- */

static Value json_raw_json(Isolate *iso, const CallArgs *args) {
  Value text = rt_to_string(iso, call_arg(args, 0));
  if (text == VAL_EXCEPTION) return text;
  text = str_flatten(iso, text);
  if (text == VAL_EXCEPTION) return text;
  uint32_t len = str_length(text);
  if (len == 0) return rt_throw_syntax_error(iso, "Invalid value for JSON.rawJSON");
  uint16_t first = str_char_at(text, 0), last = str_char_at(text, len - 1);
  if (first == '\t' || first == '\n' || first == '\r' || first == ' ' || last == '\t' || last == '\n' ||
      last == '\r' || last == ' ' || first == '{' || first == '[')
    return rt_throw_syntax_error(iso, "Invalid value for JSON.rawJSON");
  JsonParser p = {iso, text, len, 0, false};
  Value v = jp_value(&p, NULL);
  if (v == VAL_EXCEPTION) return v;
  jp_skip_ws(&p);
  if (p.pos < p.len)
    return rt_throw_syntax_error(iso, "Unexpected non-whitespace character after JSON at position %u", p.pos);
  Value obj = obj_new_with_type(iso, IT_JS_RAW_JSON, sizeof(JSObject), VAL_NULL);
  if (obj == VAL_EXCEPTION) return obj;
  if (rt_create_data_property_or_throw(iso, obj, NAME(iso, rawJSON), text) < 0) return VAL_EXCEPTION;
  if (obj_set_integrity_level(iso, obj, true) < 0) return VAL_EXCEPTION;
  return obj;
}

static Value json_is_raw_json(Isolate *iso, const CallArgs *args) {
  return val_from_bool(is_raw_json(call_arg(args, 0)));
}

/* JSON.parse(text) without a reviver, for JSON modules (modules/module.c). */
Value json_parse_text(Isolate *iso, Value text) {
  Value argv[1] = {text};
  CallArgs args = {VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED, 1, argv};
  return json_parse(iso, &args);
}

int builtins_install_json(Isolate *iso, Realm *realm) {
  Value json = obj_new_plain(iso);
  if (json == VAL_EXCEPTION) return -1;
  if (builtins_def_value(iso, realm->global_object, "JSON", json, ATTR_BUILTIN) < 0) return -1;
  if (builtins_def_method(iso, json, "parse", json_parse, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, json, "stringify", json_stringify, 3, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, json, "rawJSON", json_raw_json, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, json, "isRawJSON", json_is_raw_json, 1, 0) == VAL_EXCEPTION) return -1;
  Value tag = str_from_cstr(iso, "JSON");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, json, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0)
    return -1;
  return 0;
}
