/*
 * Stack traces in V8's format from the live interpreter frames (stack-trace.h), and the policy of
 * V8's stack-trace API: Error.stackTraceLimit is read at capture time, Error.prepareStackTrace
 * formats the captured frames (given as CallSite objects, call-site.c).
 *
 * V8 captures the frames when the error is made and formats them at the first read of `stack`.
 * We format at capture time: the property is a plain data property in both engines, and the
 * result is the same unless the program changes Error.prepareStackTrace (or the error's name and
 * message) between making the error and reading its stack. An exception thrown by
 * prepareStackTrace would surface at that read in V8; making an error must not throw, so we drop
 * it and store the default text instead (termination still propagates).
 */
#include "interpreter/stack-trace.h"
#include "interpreter/frames.h"
#include "execution/realm.h"
#include "execution/messages.h"
#include "objects/names.h"
#include "objects/string.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Errors made while Error.prepareStackTrace runs get the default text, as in V8: this bounds the
 * recursion of a prepareStackTrace that makes errors. An isolate runs on one thread at a time. */
static _Thread_local int formatting_depth;

/* Frames kept in a C array on the stack below this count (the GC scans it); more are malloc'd,
 * which is safe because every Value they hold is also held by a live interpreter frame. */
#define INLINE_FRAMES 32

void stack_trace_frame_location(Isolate *iso, const StackFrameInfo *f, int *line, int *col) {
  Value source = sfi_of(js_function(f->function)->shared)->source;
  int l, c;
  messages_source_location(iso, source, f->pos, &l, &c, NULL);
  SharedFunctionInfo *sfi = sfi_of(js_function(f->function)->shared);
  *line = l + sfi->line_offset;
  *col = c + (l == 1 ? sfi->column_offset : 0);
}

/* "file.js:1:2", or for eval code "eval at f (file.js:3:4), <anonymous>:1:2". */
static void append_location(StringBuilder *sb, Isolate *iso, const StackFrameInfo *f) {
  int line, col;
  stack_trace_frame_location(iso, f, &line, &col);
  SharedFunctionInfo *sfi = sfi_of(js_function(f->function)->shared);
  if (val_is_pointer(sfi->resource_name) && val_is_string(sfi->resource_name)) {
    sb_append_string(sb, sfi->resource_name);
  } else {
    if (val_is_pointer(sfi->eval_origin) && val_is_string(sfi->eval_origin)) {
      sb_append_string(sb, sfi->eval_origin);
      sb_append_cstr(sb, ", ");
    }
    sb_append_cstr(sb, "<anonymous>");
  }
  char buf[48];
  snprintf(buf, sizeof buf, ":%d:%d", line, col);
  sb_append_cstr(sb, buf);
}

static void append_header(StringBuilder *sb, Isolate *iso, Value error) {
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  Value name = val_is_object(error) ? rt_get(iso, error, NAME(iso, name)) : VAL_UNDEFINED;
  if (name == VAL_EXCEPTION || !val_is_pointer(name) || !val_is_string(name)) name = VAL_UNDEFINED;
  Value msg = VAL_UNDEFINED;
  if (val_is_object(error)) {
    PropertyDescriptor d;
    if (obj_get_own_property(iso, error, NAME(iso, message), &d) > 0 && d.has_value && val_is_pointer(d.value) &&
        val_is_string(d.value))
      msg = d.value;
  }
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  iso->pending_exception = saved;
  if (name == VAL_UNDEFINED)
    sb_append_cstr(sb, "Error");
  else
    sb_append_string(sb, name);
  if (msg != VAL_UNDEFINED && str_length(msg) > 0) {
    sb_append_cstr(sb, ": ");
    sb_append_string(sb, msg);
  }
}

/* The receiver's constructor name, read without running code (own data properties only), or
 * undefined: V8 prints method frames as "Type.method". */
static Value receiver_type_name(Isolate *iso, Value receiver) {
  Value o = receiver;
  for (int depth = 0; depth < 32 && val_is_object(o); depth++) {
    PropertyDescriptor d;
    int r = obj_get_own_property(iso, o, NAME(iso, constructor), &d);
    if (r < 0) return VAL_UNDEFINED;
    if (r) {
      if (!d.has_value || !val_is_object(d.value)) return VAL_UNDEFINED;
      PropertyDescriptor nd;
      if (obj_get_own_property(iso, d.value, NAME(iso, name), &nd) > 0 && nd.has_value && val_is_pointer(nd.value) &&
          val_is_string(nd.value) && str_length(nd.value) > 0)
        return nd.value;
      return VAL_UNDEFINED;
    }
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) return VAL_UNDEFINED;
  }
  return VAL_UNDEFINED;
}

bool stack_trace_is_toplevel(Isolate *iso, const StackFrameInfo *f) {
  Value r = f->receiver;
  if (val_is_undefined(r) || r == VAL_NULL) return true;
  return iso->realm && (r == iso->realm->global_this || r == iso->realm->global_object);
}

Value stack_trace_type_name(Isolate *iso, const StackFrameInfo *f) {
  if (stack_trace_is_toplevel(iso, f)) return VAL_UNDEFINED;
  Value r = f->receiver;
  const char *prim = val_is_number(r) ? "Number" : val_is_bool(r) ? "Boolean" : val_is_symbol(r) ? "Symbol"
                     : val_is_bigint(r) ? "BigInt" : val_is_string(r) ? "String" : NULL;
  if (prim) return str_intern_cstr(iso, prim);
  if (!val_is_object(r)) return VAL_UNDEFINED;
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  Value type = receiver_type_name(iso, r);
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  iso->pending_exception = saved;
  return type;
}

/* Is the data property `key` of receiver (or of its prototypes) the function itself. */
static bool holds_function(Isolate *iso, Value receiver, Value key, Value fn) {
  Value o = receiver;
  for (int depth = 0; depth < 64 && val_is_object(o) && val_instance_type(o) != IT_JS_PROXY; depth++) {
    PropertyDescriptor d;
    int r = obj_get_own_property(iso, o, key, &d);
    if (r < 0) return false;
    if (r) return d.has_value && d.value == fn;
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) return false;
  }
  return false;
}

/* Objects whose keys we search for a method (no exotic key lists that could be huge or run code). */
#define METHOD_SEARCH_MAX_KEYS 1024
static bool searchable(Value o) {
  if (!val_is_object(o)) return false;
  InstanceType t = val_instance_type(o);
  return t == IT_JS_OBJECT || t == IT_JS_FUNCTION || t == IT_JS_ERROR;
}

/* The one string key of the receiver or its prototypes whose data value is fn, or null. */
static Value search_method_key(Isolate *iso, Value receiver, Value fn) {
  Value found = VAL_NULL;
  Value o = receiver;
  for (int depth = 0; depth < 64 && searchable(o); depth++) {
    Value keys = obj_own_property_keys(iso, o);
    if (keys == VAL_EXCEPTION) return keys;
    double len;
    if (rt_length_of_array_like(iso, keys, &len) < 0) return VAL_EXCEPTION;
    if (len > METHOD_SEARCH_MAX_KEYS) return VAL_NULL;
    for (uint32_t i = 0; i < (uint32_t)len; i++) {
      Value key = rt_get(iso, keys, val_from_int((int32_t)i));
      if (key == VAL_EXCEPTION) return key;
      if (!val_is_pointer(key) || !val_is_string(key)) continue;
      Value pk = rt_to_property_key(iso, key);
      if (pk == VAL_EXCEPTION) return pk;
      PropertyDescriptor d;
      if (obj_get_own_property(iso, o, pk, &d) > 0 && d.has_value && d.value == fn) {
        if (found != VAL_NULL && !str_equals(found, key)) return VAL_NULL; /* ambiguous */
        found = key;
      }
    }
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) return o;
  }
  return found;
}

static Value method_name_unguarded(Isolate *iso, const StackFrameInfo *f) {
  if (f->is_construct || !val_is_object(f->receiver)) return VAL_NULL;
  SharedFunctionInfo *sfi = sfi_of(js_function(f->function)->shared);
  Value name = sfi->name;
  if (val_is_pointer(name) && val_is_string(name) && str_length(name) > 0) {
    Value key = rt_to_property_key(iso, name);
    if (key == VAL_EXCEPTION) return VAL_EXCEPTION;
    if (holds_function(iso, f->receiver, key, f->function)) return name;
  }
  return search_method_key(iso, f->receiver, f->function);
}

Value stack_trace_method_name(Isolate *iso, const StackFrameInfo *f) {
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  Value r = method_name_unguarded(iso, f);
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  iso->pending_exception = saved;
  return r == VAL_EXCEPTION ? VAL_NULL : r;
}

/* Does name end with "." + method (or equal it): V8 then leaves out "[as method]". */
static bool name_ends_with_method(Value name, Value method) {
  Value n = name, m = method;
  uint32_t nl = str_length(n), ml = str_length(m);
  if (ml > nl) return false;
  for (uint32_t i = 0; i < ml; i++)
    if (str_char_at(n, nl - ml + i) != str_char_at(m, i)) return false;
  return nl == ml || str_char_at(n, nl - ml - 1) == '.' || str_char_at(n, nl - ml - 1) == ' ';
}

static bool name_is_identifier(Isolate *iso, Value name) {
  Value s = str_flatten(iso, name);
  if (s == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return false;
  }
  uint32_t n = str_length(s);
  if (n == 0) return false;
  for (uint32_t i = 0; i < n; i++) {
    uint16_t c = str_char_at(s, i);
    bool ok = c == '$' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void stack_trace_append_frame(StringBuilder *sb, Isolate *iso, const StackFrameInfo *f) {
  SharedFunctionInfo *sfi = sfi_of(js_function(f->function)->shared);
  bool named = !(sfi->flags & SFI_TOPLEVEL) && val_is_string(sfi->name) && str_length(sfi->name) > 0;
  /* V8 names eval code, and functions made by Function(), "eval". */
  Value type = VAL_UNDEFINED;
  if (!f->is_construct && !(sfi->flags & (SFI_TOPLEVEL | SFI_ARROW))) type = stack_trace_type_name(iso, f);
  bool eval_named = (sfi->flags & (SFI_TOPLEVEL | SFI_EVAL)) == (SFI_TOPLEVEL | SFI_EVAL) || (sfi->flags & SFI_DYNAMIC) ||
                    (!named && type == VAL_UNDEFINED && val_is_pointer(sfi->eval_origin));
  if (eval_named && !f->is_construct) {
    sb_append_cstr(sb, "eval (");
    append_location(sb, iso, f);
    sb_append_cstr(sb, ")");
  } else if (named || f->is_construct || type != VAL_UNDEFINED) {
    if (f->is_construct) sb_append_cstr(sb, "new ");
    /* V8 names a static method's class rather than "Function", and leaves the type out when
     * the function's name is not an identifier ("get x") or is the type's own name. */
    Value r = f->receiver;
    if (type != VAL_UNDEFINED && val_is_js_function(r) && val_is_pointer(js_function(r)->shared) &&
        heap_object_type(val_to_ptr(js_function(r)->shared)) == IT_SHARED_FUNCTION_INFO) {
      SharedFunctionInfo *rs = sfi_of(js_function(r)->shared);
      if ((rs->flags & SFI_CLASS_CONSTRUCTOR) && val_is_string(rs->name) && str_length(rs->name) > 0) type = rs->name;
    }
    bool prefix = type != VAL_UNDEFINED && (!named || (name_is_identifier(iso, sfi->name) && !str_equals(sfi->name, type)));
    if (prefix) {
      sb_append_string(sb, type);
      sb_append_cstr(sb, ".");
    }
    /* V8: "Type.name [as key]" when the receiver holds the function under another key, and
     * "Type.key" for an anonymous function. */
    Value method = type != VAL_UNDEFINED ? stack_trace_method_name(iso, f) : VAL_NULL;
    bool have_method = method != VAL_NULL && val_is_pointer(method) && val_is_string(method);
    if (have_method) {
      Value fm = str_flatten(iso, method);
      method = fm == VAL_EXCEPTION ? VAL_NULL : fm;
      if (fm == VAL_EXCEPTION) {
        isolate_take_exception(iso);
        have_method = false;
      }
    }
    if (named) {
      sb_append_string(sb, sfi->name);
      Value fn_name = str_flatten(iso, sfi_of(js_function(f->function)->shared)->name);
      if (fn_name == VAL_EXCEPTION) {
        isolate_take_exception(iso);
      } else if (have_method && !name_ends_with_method(fn_name, method)) {
        sb_append_cstr(sb, " [as ");
        sb_append_string(sb, method);
        sb_append_cstr(sb, "]");
      }
    } else if (have_method) {
      sb_append_string(sb, method);
    } else {
      sb_append_cstr(sb, "<anonymous>");
    }
    sb_append_cstr(sb, " (");
    append_location(sb, iso, f);
    sb_append_cstr(sb, ")");
  } else {
    append_location(sb, iso, f);
  }
}

/* Error.stackTraceLimit of the current realm as a frame count; false when it is absent or not a
 * number (V8 then captures no stack at all). Read without running code, as V8 does. */
static bool read_limit(Isolate *iso, int *limit) {
  if (!iso->realm) { /* an isolate with no realm yet: V8's default */
    *limit = 10;
    return true;
  }
  Value error_ctor = intrinsic(iso, INTRINSIC_ERROR);
  if (!val_is_object(error_ctor)) return false;
  Value key = str_intern_cstr(iso, "stackTraceLimit");
  if (key == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return false;
  }
  PropertyDescriptor d;
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  int r = obj_get_own_property(iso, error_ctor, key, &d);
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  iso->pending_exception = saved;
  if (r <= 0 || !d.has_value || !val_is_number(d.value)) return false;
  double n = val_to_number_unchecked(d.value);
  if (!(n > 0)) *limit = 0; /* NaN and negatives */
  else if (n >= 1e6) *limit = 1000000;
  else *limit = (int)n;
  return true;
}

/* Fills frames (innermost first) after the topmost frame of skip_fn, if it is given; V8 keeps no
 * frame when skip_fn is a function that is not on the stack. Returns the count (<= max). */
static int collect(Isolate *iso, Value skip_fn, StackFrameInfo *out, int max) {
  Interpreter *in = iso->interpreter;
  InterpFrame *fr = in ? in->top : NULL;
  if (val_is_callable(skip_fn)) {
    InterpFrame *hit = NULL;
    for (InterpFrame *p = fr; p; p = p->parent)
      if (p->function == skip_fn) {
        hit = p;
        break;
      }
    fr = hit ? hit->parent : NULL;
  }
  int n = 0;
  for (; fr && n < max; fr = fr->parent, n++) {
    out[n].function = fr->function;
    out[n].receiver = fr->rbase[-2];
    SharedFunctionInfo *sfi = sfi_of(js_function(fr->function)->shared);
    int pos = bytecode_source_position(fr->bytecode, (uint32_t)(fr->pc - bytecode_bytes(fr->bytecode)));
    out[n].pos = pos < 0 ? sfi->start_pos : pos;
    out[n].is_construct = fr->is_construct;
  }
  return n;
}

static int count_frames(Isolate *iso, int max) {
  Interpreter *in = iso->interpreter;
  int n = 0;
  for (InterpFrame *fr = in ? in->top : NULL; fr && n < max; fr = fr->parent) n++;
  return n;
}

static Value default_text(Isolate *iso, Value obj, const StackFrameInfo *frames, int n) {
  StringBuilder sb;
  sb_init(&sb, iso);
  append_header(&sb, iso, obj);
  for (int i = 0; i < n; i++) {
    sb_append_cstr(&sb, "\n    at ");
    stack_trace_append_frame(&sb, iso, &frames[i]);
  }
  return sb_finish(&sb);
}

/* Error.prepareStackTrace(obj, callSites) when it is a function and no formatting is under way;
 * VAL_HOLE when it does not apply. */
static Value run_prepare(Isolate *iso, Value obj, const StackFrameInfo *frames, int n) {
  if (formatting_depth > 0 || isolate_has_exception(iso) || !iso->realm) return VAL_HOLE;
  Value error_ctor = intrinsic(iso, INTRINSIC_ERROR);
  if (!val_is_object(error_ctor)) return VAL_HOLE;
  Value key = str_intern_cstr(iso, "prepareStackTrace");
  if (key == VAL_EXCEPTION) return VAL_EXCEPTION;
  PropertyDescriptor d;
  int r = obj_get_own_property(iso, error_ctor, key, &d);
  if (r < 0) return VAL_EXCEPTION;
  if (r == 0 || !d.has_value || !val_is_callable(d.value)) return VAL_HOLE;
  Value sites = call_site_array(iso, frames, n);
  if (sites == VAL_EXCEPTION) return sites;
  Value argv[2] = {obj, sites};
  formatting_depth++;
  Value result = rt_call(iso, d.value, error_ctor, 2, argv);
  formatting_depth--;
  return result;
}

static Value capture(Isolate *iso, Value obj, Value skip_fn, bool propagate) {
  int limit;
  if (!read_limit(iso, &limit)) return VAL_UNDEFINED;
  int cap = count_frames(iso, limit);
  StackFrameInfo inline_frames[INLINE_FRAMES];
  StackFrameInfo *frames = inline_frames;
  if (cap > INLINE_FRAMES) {
    frames = malloc((size_t)cap * sizeof *frames);
    if (!frames) return isolate_throw_oom(iso);
  }
  int n = collect(iso, skip_fn, frames, cap);
  Value result = run_prepare(iso, obj, frames, n);
  if (result == VAL_EXCEPTION) {
    Value exc = iso->pending_exception;
    if (propagate || isolate_is_termination(iso, exc)) {
      if (frames != inline_frames) free(frames);
      return VAL_EXCEPTION;
    }
    isolate_take_exception(iso);
    result = VAL_HOLE;
  }
  if (result == VAL_HOLE) result = default_text(iso, obj, frames, n);
  if (frames != inline_frames) free(frames);
  return result;
}

Value interpreter_capture_stack_trace(Isolate *iso, Value error) {
  return capture(iso, error, VAL_UNDEFINED, false);
}

Value stack_trace_capture(Isolate *iso, Value obj, Value skip_fn) { return capture(iso, obj, skip_fn, false); }

Value stack_trace_eval_origin(Isolate *iso) {
  Interpreter *in = iso->interpreter;
  if (!in || !in->top) return VAL_UNDEFINED;
  StackFrameInfo f;
  if (collect(iso, VAL_UNDEFINED, &f, 1) != 1) return VAL_UNDEFINED;
  SharedFunctionInfo *sfi = sfi_of(js_function(f.function)->shared);
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "eval at ");
  if (!(sfi->flags & SFI_TOPLEVEL) && val_is_string(sfi->name) && str_length(sfi->name) > 0)
    sb_append_string(&sb, sfi->name);
  else
    sb_append_cstr(&sb, "<anonymous>");
  sb_append_cstr(&sb, " (");
  /* V8 places code evaluated by eval code at its caller's own origin (its sourceURL if it has
   * one), without a position. */
  if (val_is_pointer(sfi->eval_origin))
    sb_append_string(&sb, val_is_pointer(sfi->resource_name) && val_is_string(sfi->resource_name) ? sfi->resource_name
                                                                                                  : sfi->eval_origin);
  else
    append_location(&sb, iso, &f);
  sb_append_cstr(&sb, ")");
  return sb_finish(&sb);
}

static bool url_line_end(uint16_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }
static bool url_space(uint16_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

Value stack_trace_source_url(Isolate *iso, Value source) {
  if (!val_is_pointer(source) || !val_is_string(source)) return VAL_UNDEFINED;
  Value s = str_flatten(iso, source);
  if (s == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return VAL_UNDEFINED;
  }
  static const char kKey[] = "sourceURL=";
  const uint32_t klen = sizeof kKey - 1;
  uint32_t len = str_length(s);
  if (str_is_one_byte(s)) {
    /* every compile asks (eval code included): most sources have no "sourceURL=" at all, which
     * a memchr for its rare 'U' finds out quickly */
    const uint8_t *t = str_latin1_chars(s), *end = t + len, *p = t + 6;
    bool any = false;
    while (p < end && (p = memchr(p, 'U', (size_t)(end - p))) != NULL) {
      if ((size_t)(end - (p - 6)) >= klen && memcmp(p - 6, kKey, klen) == 0) {
        any = true;
        break;
      }
      p++;
    }
    if (!any) return VAL_UNDEFINED;
  }
  /* The last valid "//# sourceURL=name" or "//@ sourceURL=name" wins; scanning backwards finds
   * it first. V8's scanner sees these in any comment; without the token stream we take only
   * comments that start a line, so that string literals holding the text do not count. */
  for (uint32_t i = len; i-- > 1;) {
    if (str_char_at(s, i) != '/' || str_char_at(s, i - 1) != '/') continue;
    uint32_t b = i - 1;
    while (b > 0 && (str_char_at(s, b - 1) == ' ' || str_char_at(s, b - 1) == '\t')) b--;
    if (b > 0 && !url_line_end(str_char_at(s, b - 1))) continue;
    uint32_t k = i + 1;
    if (k >= len || (str_char_at(s, k) != '#' && str_char_at(s, k) != '@')) continue;
    k++;
    if (k >= len || !url_space(str_char_at(s, k))) continue;
    while (k < len && (str_char_at(s, k) == ' ' || str_char_at(s, k) == '\t')) k++;
    uint32_t j = 0;
    while (j < klen && k + j < len && str_char_at(s, k + j) == (uint16_t)kKey[j]) j++;
    if (j < klen) continue;
    uint32_t start = k + klen, end = start;
    while (end < len && !url_space(str_char_at(s, end))) end++;
    uint32_t rest = end;
    while (rest < len && (str_char_at(s, rest) == ' ' || str_char_at(s, rest) == '\t')) rest++;
    if (end == start || (rest < len && !url_line_end(str_char_at(s, rest)))) continue; /* V8: nothing may follow */
    Value url = str_substring(iso, s, start, end);
    if (url == VAL_EXCEPTION) isolate_take_exception(iso);
    return url == VAL_EXCEPTION ? VAL_UNDEFINED : url;
  }
  return VAL_UNDEFINED;
}
