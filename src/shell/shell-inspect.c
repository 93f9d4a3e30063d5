/*
 * console.log formatting, after node's util.inspect (simplified, single line): strings plain at
 * the top level and quoted inside structures, arrays `[ 1, 2, 3 ]`, objects `{ a: 1, b: 'x' }`,
 * nesting beyond depth 2 shown as [Object]/[Array], functions `[Function: f]`, errors by their
 * stack, circular references as [Circular *1], `Map(2) { 'a' => 1 }`, `Set(1) { 1 }`,
 * `WeakMap { <items unknown> }`, `Uint8Array(3) [ 1, 2, 3 ]`, wrappers `[Number: 5]`, class
 * instances `Foo { x: 1 }`. Properties are read through their descriptors: getters do not run
 * (shown as [Getter], [Setter], [Getter/Setter]); enumerable symbol keys show as [Symbol(x)].
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shell/shell.h"

#define INSPECT_MAX_DEPTH 2
#define INSPECT_MAX_ITEMS 100

typedef struct Buf {
  char *data;
  size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *d = realloc(b->data, cap);
    if (d == NULL) return; /* out of memory: drop output rather than crash */
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}
static void buf_puts(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }
static char *buf_finish(Buf *b) {
  if (b->data == NULL) {
    b->data = malloc(1);
    if (b->data) b->data[0] = '\0';
  }
  return b->data;
}

typedef struct Inspector {
  petrel_context *ctx;
  petrel_isolate *iso;
  petrel_value *seen[INSPECT_MAX_DEPTH + 2];
  int depth;
} Inspector;

/* Appends a string value's UTF-8 text, optionally quoted with single quotes and escaped. */
static void add_string(Buf *b, petrel_isolate *iso, petrel_value *s, bool quoted) {
  size_t n;
  char *text = petrel_string_to_utf8(iso, s, &n);
  if (text == NULL) return;
  if (!quoted) {
    buf_add(b, text, n);
  } else {
    buf_puts(b, "'");
    for (size_t i = 0; i < n; i++) {
      char c = text[i];
      switch (c) {
        case '\'': buf_puts(b, "\\'"); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\r': buf_puts(b, "\\r"); break;
        default: buf_add(b, &c, 1);
      }
    }
    buf_puts(b, "'");
  }
  free(text);
}

/* ToString that never fails (a failed conversion prints a placeholder). */
static void add_to_string(Buf *b, Inspector *in, petrel_value *v) {
  petrel_try_catch tc;
  petrel_try_catch_open(in->iso, &tc);
  petrel_value *s;
  if (petrel_value_is_symbol(v)) {
    /* String(symbol) does not throw, unlike ToString. */
    petrel_value *string_fn;
    if (petrel_object_get_named(in->ctx, petrel_context_global(in->ctx), "String", &string_fn) &&
        petrel_function_call(in->ctx, string_fn, NULL, 1, &v, &s))
      add_string(b, in->iso, s, false);
    else
      buf_puts(b, "Symbol()");
  } else if (petrel_value_to_string(in->ctx, v, &s)) {
    add_string(b, in->iso, s, false);
  } else {
    buf_puts(b, "[object]");
  }
  petrel_try_catch_close(&tc);
}

static bool is_identifier(const char *s) {
  if (*s == '\0' || (*s >= '0' && *s <= '9')) return false;
  for (; *s; s++) {
    char c = *s;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
          (unsigned char)c >= 0x80))
      return false;
  }
  return true;
}

static void inspect(Buf *b, Inspector *in, petrel_value *v, bool top_level);

/* The constructor's name for a prefix like node's `Foo { ... }` ("" for plain objects). */
static char *constructor_name(Inspector *in, petrel_value *obj) {
  petrel_try_catch tc;
  petrel_try_catch_open(in->iso, &tc);
  char *name = NULL;
  petrel_value *proto, *ctor;
  if (petrel_object_get_prototype(in->ctx, obj, &proto)) {
    if (petrel_value_is_null(proto)) {
      name = strdup("[Object: null prototype]");
    } else if (petrel_object_get_named(in->ctx, obj, "constructor", &ctor) && petrel_value_is_function(ctor)) {
      name = petrel_string_to_utf8(in->iso, petrel_function_get_name(in->ctx, ctor), NULL);
    }
  }
  petrel_try_catch_close(&tc);
  return name;
}

/* A descriptor object's field, or NULL when it has none. */
static petrel_value *desc_field(Inspector *in, petrel_value *desc, const char *name) {
  petrel_value *v;
  bool has = false;
  if (!petrel_object_has_named(in->ctx, desc, name, &has) || !has) return NULL;
  return petrel_object_get_named(in->ctx, desc, name, &v) ? v : NULL;
}

/* The own enumerable keys, strings then symbols (node's order). */
static petrel_value *enumerable_own_keys(Inspector *in, petrel_value *obj) {
  petrel_value *all, *keys = petrel_array_new(in->ctx, 0);
  if (keys == NULL || !petrel_object_own_keys(in->ctx, obj, &all)) return keys;
  uint32_t n = petrel_array_length(in->ctx, all), k = 0;
  for (uint32_t i = 0; i < n; i++) {
    petrel_value *key, *desc, *e;
    if (!petrel_object_get_index(in->ctx, all, i, &key) ||
        !petrel_object_get_own_property_descriptor(in->ctx, obj, key, &desc) || !petrel_value_is_object(desc))
      continue;
    if ((e = desc_field(in, desc, "enumerable")) != NULL && petrel_value_is_true(e))
      petrel_object_set_index(in->ctx, keys, k++, key);
  }
  return keys;
}

static void inspect_properties(Buf *b, Inspector *in, petrel_value *obj, petrel_value *keys, uint32_t start_count) {
  uint32_t n = petrel_array_length(in->ctx, keys);
  uint32_t shown = start_count;
  for (uint32_t i = 0; i < n; i++) {
    petrel_value *key, *desc;
    if (!petrel_object_get_index(in->ctx, keys, i, &key)) continue;
    if (shown >= INSPECT_MAX_ITEMS) {
      char more[64];
      snprintf(more, sizeof more, "%s... %u more items", shown ? ", " : " ", n - i);
      buf_puts(b, more);
      break;
    }
    buf_puts(b, shown ? ", " : " ");
    if (petrel_value_is_symbol(key)) {
      buf_puts(b, "[");
      add_to_string(b, in, key);
      buf_puts(b, "]");
    } else {
      char *k = petrel_string_to_utf8(in->iso, key, NULL);
      if (k && is_identifier(k)) buf_puts(b, k);
      else add_string(b, in->iso, key, true);
      free(k);
    }
    buf_puts(b, ": ");
    shown++;
    if (!petrel_object_get_own_property_descriptor(in->ctx, obj, key, &desc) || !petrel_value_is_object(desc)) {
      buf_puts(b, "undefined"); /* gone (or a proxy trap threw) */
      continue;
    }
    petrel_value *get = desc_field(in, desc, "get"), *set = desc_field(in, desc, "set");
    bool has_get = get && !petrel_value_is_undefined(get), has_set = set && !petrel_value_is_undefined(set);
    if (get || set) {
      buf_puts(b, has_get && has_set ? "[Getter/Setter]" : has_get ? "[Getter]" : has_set ? "[Setter]" : "undefined");
      continue;
    }
    petrel_value *value = desc_field(in, desc, "value");
    if (value) inspect(b, in, value, false);
    else buf_puts(b, "undefined");
  }
  if (shown) buf_puts(b, " ");
}

/* Map(n) { k => v, ... } and Set(n) { k, ... }: entries read without running JavaScript. */
static void inspect_collection(Buf *b, Inspector *in, petrel_value *v, bool is_map) {
  petrel_value *list;
  if (!(is_map ? petrel_map_as_array(in->ctx, v, &list) : petrel_set_as_array(in->ctx, v, &list))) return;
  uint32_t n = petrel_array_length(in->ctx, list), count = is_map ? n / 2 : n;
  char head[64];
  snprintf(head, sizeof head, "%s(%u) {", is_map ? "Map" : "Set", count);
  buf_puts(b, head);
  uint32_t shown = 0;
  for (uint32_t i = 0; i < count; i++, shown++) {
    if (shown >= INSPECT_MAX_ITEMS) {
      char more[64];
      snprintf(more, sizeof more, ", ... %u more items", count - i);
      buf_puts(b, more);
      break;
    }
    petrel_value *item;
    buf_puts(b, shown ? ", " : " ");
    if (petrel_object_get_index(in->ctx, list, is_map ? 2 * i : i, &item)) inspect(b, in, item, false);
    if (is_map) {
      buf_puts(b, " => ");
      if (petrel_object_get_index(in->ctx, list, 2 * i + 1, &item)) inspect(b, in, item, false);
    }
  }
  buf_puts(b, shown ? " }" : "}");
}

/* Uint8Array(3) [ 1, 2, 3 ]: elements by index (typed arrays have no getters to run). */
static void inspect_typed_array(Buf *b, Inspector *in, petrel_value *v, const char *name) {
  size_t len = petrel_typed_array_length(v);
  char head[96];
  snprintf(head, sizeof head, "%s(%zu) [", name && *name ? name : "TypedArray", len);
  buf_puts(b, head);
  size_t i;
  for (i = 0; i < len && i < INSPECT_MAX_ITEMS; i++) {
    petrel_value *item;
    buf_puts(b, i ? ", " : " ");
    if (petrel_object_get_index(in->ctx, v, (uint32_t)i, &item)) inspect(b, in, item, false);
  }
  if (len > INSPECT_MAX_ITEMS) {
    char more[64];
    snprintf(more, sizeof more, ", ... %zu more items", len - INSPECT_MAX_ITEMS);
    buf_puts(b, more);
  }
  buf_puts(b, i ? " ]" : "]");
}

/* [Number: 5], [String: 'x'], [Boolean: true], [BigInt: 5n], [Symbol: Symbol(x)]. */
static bool inspect_wrapper(Buf *b, Inspector *in, petrel_value *v) {
  petrel_value *p = petrel_object_wrapped_primitive(in->iso, v);
  if (p == NULL) return false;
  buf_puts(b, petrel_value_is_number(p)    ? "[Number: "
              : petrel_value_is_string(p)  ? "[String: "
              : petrel_value_is_boolean(p) ? "[Boolean: "
              : petrel_value_is_bigint(p)  ? "[BigInt: "
                                           : "[Symbol: ");
  inspect(b, in, p, false);
  buf_puts(b, "]");
  return true;
}

static void inspect_object(Buf *b, Inspector *in, petrel_value *v) {
  for (int i = 0; i < in->depth; i++) {
    if (petrel_value_strict_equals(in->seen[i], v)) {
      buf_puts(b, "[Circular *1]");
      return;
    }
  }
  bool is_array = petrel_value_is_array(v);
  if (petrel_value_is_function(v)) {
    char *name = petrel_string_to_utf8(in->iso, petrel_function_get_name(in->ctx, v), NULL);
    buf_puts(b, "[Function");
    if (name && *name) {
      buf_puts(b, ": ");
      buf_puts(b, name);
    } else {
      buf_puts(b, " (anonymous)");
    }
    buf_puts(b, "]");
    free(name);
    return;
  }
  if (petrel_value_is_error(v)) {
    petrel_value *stack;
    petrel_try_catch tc;
    petrel_try_catch_open(in->iso, &tc);
    bool ok = petrel_object_get_named(in->ctx, v, "stack", &stack) && petrel_value_is_string(stack);
    petrel_try_catch_close(&tc);
    if (ok) {
      add_string(b, in->iso, stack, false);
    } else {
      add_to_string(b, in, v);
    }
    return;
  }
  if (petrel_value_is_date(v)) {
    /* node shows dates in ISO form (an invalid date as "Invalid Date"). */
    petrel_try_catch tc;
    petrel_try_catch_open(in->iso, &tc);
    petrel_value *fn, *iso_text;
    if (petrel_object_get_named(in->ctx, v, "toISOString", &fn) && petrel_value_is_function(fn) &&
        petrel_function_call(in->ctx, fn, v, 0, NULL, &iso_text) && petrel_value_is_string(iso_text))
      add_string(b, in->iso, iso_text, false);
    else
      buf_puts(b, "Invalid Date");
    petrel_try_catch_close(&tc);
    return;
  }
  if (petrel_value_is_regexp(v)) {
    add_to_string(b, in, v);
    return;
  }
  if (inspect_wrapper(b, in, v)) return;
  if (petrel_value_is_weak_map(v) || petrel_value_is_weak_set(v)) {
    buf_puts(b, petrel_value_is_weak_map(v) ? "WeakMap { <items unknown> }" : "WeakSet { <items unknown> }");
    return;
  }
  if (in->depth > INSPECT_MAX_DEPTH) {
    char *name = is_array ? NULL : constructor_name(in, v);
    buf_puts(b, "[");
    buf_puts(b, is_array ? "Array" : petrel_value_is_map(v) ? "Map" : petrel_value_is_set(v) ? "Set"
                : name && *name && name[0] != '[' ? name : "Object");
    buf_puts(b, "]");
    free(name);
    return;
  }
  in->seen[in->depth++] = v;
  petrel_try_catch tc;
  petrel_try_catch_open(in->iso, &tc);
  petrel_value *keys = enumerable_own_keys(in, v);
  if (petrel_value_is_map(v) || petrel_value_is_set(v)) {
    inspect_collection(b, in, v, petrel_value_is_map(v));
  } else if (petrel_value_is_typed_array(v)) {
    char *name = constructor_name(in, v);
    inspect_typed_array(b, in, v, name);
    free(name);
  } else if (is_array) {
    uint32_t len = petrel_array_length(in->ctx, v);
    buf_puts(b, "[");
    uint32_t shown = 0;
    for (uint32_t i = 0; i < len && i < INSPECT_MAX_ITEMS; i++, shown++) {
      petrel_value *item;
      buf_puts(b, shown ? ", " : " ");
      if (petrel_object_get_index(in->ctx, v, i, &item)) inspect(b, in, item, false);
    }
    if (len > INSPECT_MAX_ITEMS) {
      char more[64];
      snprintf(more, sizeof more, ", ... %u more items", len - INSPECT_MAX_ITEMS);
      buf_puts(b, more);
    }
    /* Non-index keys follow the elements. */
    petrel_value *extra = petrel_array_new(in->ctx, 0);
    uint32_t nk = keys ? petrel_array_length(in->ctx, keys) : 0, ne = 0;
    for (uint32_t i = 0; i < nk; i++) {
      petrel_value *key;
      if (!petrel_object_get_index(in->ctx, keys, i, &key)) continue;
      char *k = petrel_string_to_utf8(in->iso, key, NULL);
      bool index = k && *k && strspn(k, "0123456789") == strlen(k);
      free(k);
      if (!index && extra) petrel_object_set_index(in->ctx, extra, ne++, key);
    }
    if (ne > 0 && extra) {
      inspect_properties(b, in, v, extra, shown);
    } else if (shown) {
      buf_puts(b, " ");
    }
    buf_puts(b, "]");
  } else {
    char *name = constructor_name(in, v);
    if (petrel_value_is_promise(v)) {
      buf_puts(b, "Promise {");
      petrel_promise_state state = petrel_promise_get_state(v);
      if (state == PETREL_PROMISE_PENDING) {
        buf_puts(b, " <pending>");
      } else {
        buf_puts(b, state == PETREL_PROMISE_REJECTED ? " <rejected> " : " ");
        inspect(b, in, petrel_promise_result(in->iso, v), false);
      }
      buf_puts(b, " }");
    } else {
      if (name && *name && strcmp(name, "Object") != 0) {
        buf_puts(b, name);
        buf_puts(b, " ");
      }
      if (petrel_value_is_array_buffer(v)) {
        char len[64];
        snprintf(len, sizeof len, "{ byteLength: %zu }", petrel_array_buffer_byte_length(v));
        buf_puts(b, len);
      } else {
        buf_puts(b, "{");
        if (keys) inspect_properties(b, in, v, keys, 0);
        buf_puts(b, "}");
      }
    }
    free(name);
  }
  petrel_try_catch_close(&tc);
  in->depth--;
}

static void inspect(Buf *b, Inspector *in, petrel_value *v, bool top_level) {
  if (petrel_value_is_string(v)) {
    add_string(b, in->iso, v, !top_level);
  } else if (petrel_value_is_number(v)) {
    double d = petrel_number_value(v);
    if (d == 0 && 1 / d < 0) buf_puts(b, "-0");
    else add_to_string(b, in, v);
  } else if (petrel_value_is_object(v)) {
    inspect_object(b, in, v);
  } else {
    add_to_string(b, in, v); /* undefined, null, booleans, symbols, bigints */
    if (petrel_value_is_bigint(v)) buf_puts(b, "n");
  }
}

char *shell_inspect(petrel_context *ctx, petrel_value *v, bool top_level) {
  Buf b = {0};
  Inspector in = {.ctx = ctx, .iso = petrel_context_get_isolate(ctx), .depth = 0};
  petrel_handle_scope scope;
  petrel_handle_scope_open(in.iso, &scope);
  inspect(&b, &in, v, top_level);
  petrel_handle_scope_close(&scope);
  return buf_finish(&b);
}

char *shell_format_args(const petrel_callback_info *info) {
  petrel_context *ctx = petrel_callback_info_context(info);
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  int argc = petrel_callback_info_length(info);
  Buf b = {0};
  Inspector in = {.ctx = ctx, .iso = iso, .depth = 0};
  int next = 0;
  if (argc > 0 && petrel_value_is_string(petrel_callback_info_arg(info, 0))) {
    char *fmt = petrel_string_to_utf8(iso, petrel_callback_info_arg(info, 0), NULL);
    if (fmt && strchr(fmt, '%')) {
      next = 1;
      for (const char *p = fmt; *p; p++) {
        if (*p != '%' || p[1] == '\0') {
          buf_add(&b, p, 1);
          continue;
        }
        char c = *++p;
        if (c == '%') {
          buf_puts(&b, "%");
          continue;
        }
        if (!strchr("sdifjoOc", c) || next >= argc) {
          buf_add(&b, p - 1, 2);
          continue;
        }
        petrel_value *arg = petrel_callback_info_arg(info, next++);
        switch (c) {
          case 's':
            if (petrel_value_is_string(arg)) add_string(&b, iso, arg, false);
            else inspect(&b, &in, arg, false);
            break;
          case 'd':
          case 'i':
          case 'f': {
            double d;
            petrel_try_catch tc;
            petrel_try_catch_open(iso, &tc);
            if (!petrel_value_is_object(arg) && petrel_value_to_number(ctx, arg, &d)) {
              if (c == 'i' && d == d) d = d < 0 ? -(double)(long long)-d : (double)(long long)d;
              inspect(&b, &in, petrel_number(iso, d), false);
            } else {
              buf_puts(&b, "NaN");
            }
            petrel_try_catch_close(&tc);
            break;
          }
          case 'c':
            break; /* CSS: ignored outside browsers */
          default:
            inspect(&b, &in, arg, false);
        }
      }
    } else {
      next = 0;
    }
    free(fmt);
    if (next == 0) {
      /* No format string: fall through to plain joining. */
    } else {
      for (int i = next; i < argc; i++) {
        buf_puts(&b, " ");
        inspect(&b, &in, petrel_callback_info_arg(info, i), true);
      }
      return buf_finish(&b);
    }
  }
  for (int i = 0; i < argc; i++) {
    if (i) buf_puts(&b, " ");
    inspect(&b, &in, petrel_callback_info_arg(info, i), true);
  }
  return buf_finish(&b);
}
