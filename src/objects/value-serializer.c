/*
 * Structured clone in V8's ValueSerializer wire format, version 15 (value-serializer.h).
 *
 * Layout: a header (0xFF, varint version), then tagged values. Integers are LEB128 varints
 * (int32 zig-zag encoded), doubles 8 raw little-endian bytes. Objects are numbered in the order
 * they are first met, on both sides, so '^' id refers back to one already written; an
 * ArrayBuffer view is written right after its buffer ('V' follows the buffer or a reference to
 * it). The reader treats its input as hostile: every length is checked against the bytes that
 * remain, every id and subtag against what exists, and recursion against the stack limit.
 */
#include "objects/value-serializer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/collections.h"
#include "builtins/date.h"
#include "builtins/object-helpers.h"
#include "builtins/regexp.h"
#include "builtins/typed-array.h"
#include "objects/bigint.h"
#include "objects/js-object.h"
#include "objects/string.h"

enum {
  TAG_VERSION = 0xFF,
  TAG_PADDING = '\0',
  TAG_VERIFY_OBJECT_COUNT = '?',
  TAG_THE_HOLE = '-',
  TAG_UNDEFINED = '_',
  TAG_NULL = '0',
  TAG_TRUE = 'T',
  TAG_FALSE = 'F',
  TAG_INT32 = 'I',
  TAG_UINT32 = 'U',
  TAG_DOUBLE = 'N',
  TAG_UTF8_STRING = 'S',
  TAG_ONE_BYTE_STRING = '"',
  TAG_TWO_BYTE_STRING = 'c',
  TAG_OBJECT_REFERENCE = '^',
  TAG_BEGIN_OBJECT = 'o',
  TAG_END_OBJECT = '{',
  TAG_BEGIN_SPARSE_ARRAY = 'a',
  TAG_END_SPARSE_ARRAY = '@',
  TAG_BEGIN_DENSE_ARRAY = 'A',
  TAG_END_DENSE_ARRAY = '$',
  TAG_DATE = 'D',
  TAG_TRUE_OBJECT = 'y',
  TAG_FALSE_OBJECT = 'x',
  TAG_NUMBER_OBJECT = 'n',
  TAG_STRING_OBJECT = 's',
  TAG_BIGINT = 'Z',
  TAG_BIGINT_OBJECT = 'z',
  TAG_REGEXP = 'R',
  TAG_BEGIN_MAP = ';',
  TAG_END_MAP = ':',
  TAG_BEGIN_SET = '\'',
  TAG_END_SET = ',',
  TAG_ARRAY_BUFFER = 'B',
  TAG_RESIZABLE_ARRAY_BUFFER = '~',
  TAG_ARRAY_BUFFER_TRANSFER = 't',
  TAG_ARRAY_BUFFER_VIEW = 'V',
  TAG_SHARED_ARRAY_BUFFER = 'u',
  TAG_ERROR = 'r',
};

/* Error sub-tags. */
enum {
  ERRTAG_EVAL = 'E',
  ERRTAG_RANGE = 'R',
  ERRTAG_REFERENCE = 'F',
  ERRTAG_SYNTAX = 'S',
  ERRTAG_TYPE = 'T',
  ERRTAG_URI = 'U',
  ERRTAG_MESSAGE = 'm',
  ERRTAG_CAUSE = 'c',
  ERRTAG_STACK = 's',
  ERRTAG_END = '.',
};

/* View subtags, by TAKind, and DataView's. */
static const char view_subtags[TA_KIND_COUNT] = {
    [TA_INT8] = 'b',    [TA_UINT8] = 'B',   [TA_UINT8_CLAMPED] = 'C', [TA_INT16] = 'w',   [TA_UINT16] = 'W',
    [TA_INT32] = 'd',   [TA_UINT32] = 'D',  [TA_FLOAT16] = 'h',       [TA_FLOAT32] = 'f', [TA_FLOAT64] = 'F',
    [TA_BIGINT64] = 'q', [TA_BIGUINT64] = 'Q',
};
#define VIEW_SUBTAG_DATA_VIEW '?'

/* RegExp flag bits as V8 numbers them. */
static const struct {
  char flag;
  uint32_t bit;
} regexp_flag_bits[] = {{'g', 1}, {'i', 2}, {'m', 4}, {'y', 8}, {'u', 16}, {'s', 32}, {'d', 128}, {'v', 256}};

/* A Map object used as an internal table (never seen by JavaScript). */
static Value new_table(Isolate *iso) {
  return collection_new(iso, intrinsic(iso, INTRINSIC_MAP), IT_JS_MAP, INTRINSIC_MAP_PROTOTYPE);
}
static int table_set(Isolate *iso, Value map, Value key, Value value) {
  FixedArray *t = oht_set(iso, collection_table(map), key, value);
  if (t == NULL) return -1;
  collection_set_table(map, t);
  return 0;
}
static Value table_get(Isolate *iso, Value map, Value key) {
  FixedArray *t = collection_table(map);
  int32_t e = oht_find(iso, t, oht_normalize_key(key));
  return e < 0 ? VAL_NOT_FOUND : oht_value_at(t, (uint32_t)e);
}

static Value data_clone_error(Isolate *iso, Value v) {
  char buf[64];
  return rt_throw(iso, ERR_ERROR, "%s could not be cloned.", builtins_describe(iso, v, buf, sizeof buf));
}

/* ---- Writing ---------------------------------------------------------------------------------- */

int vs_init(ValueSerializer *s, Isolate *iso) {
  memset(s, 0, sizeof *s);
  s->iso = iso;
  s->ids = s->transfers = VAL_UNDEFINED;
  heap_add_root(iso, &s->ids);
  heap_add_root(iso, &s->transfers);
  s->ids = new_table(iso);
  if (s->ids == VAL_EXCEPTION) return -1;
  s->transfers = new_table(iso);
  return s->transfers == VAL_EXCEPTION ? -1 : 0;
}

void vs_free(ValueSerializer *s) {
  if (s->iso == NULL) return;
  heap_remove_root(s->iso, &s->ids);
  heap_remove_root(s->iso, &s->transfers);
  for (size_t i = 0; i < s->shared_count; i++) shared_store_release(s->shared[i]);
  free(s->shared);
  free(s->buf);
  s->iso = NULL;
}

static int put(ValueSerializer *s, const void *bytes, size_t n) {
  if (s->len + n > s->cap) {
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + n) cap *= 2;
    uint8_t *b = realloc(s->buf, cap);
    if (b == NULL) {
      isolate_throw_oom(s->iso);
      return -1;
    }
    s->buf = b;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, bytes, n);
  s->len += n;
  return 0;
}
static int put_byte(ValueSerializer *s, uint8_t b) { return put(s, &b, 1); }
static size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) v >>= 7, n++;
  return n;
}
static int put_varint(ValueSerializer *s, uint64_t v) {
  uint8_t b[10];
  size_t n = 0;
  do {
    b[n] = (uint8_t)(v & 0x7F);
    v >>= 7;
    if (v) b[n] |= 0x80;
    n++;
  } while (v);
  return put(s, b, n);
}
static int put_double(ValueSerializer *s, double d) { return put(s, &d, sizeof d); }

int vs_write_header(ValueSerializer *s) {
  if (put_byte(s, TAG_VERSION) < 0) return -1;
  return put_varint(s, VS_VERSION);
}

static int write_string(ValueSerializer *s, Value str) {
  Value flat = str_flatten(s->iso, str);
  if (flat == VAL_EXCEPTION) return -1;
  uint32_t n = str_length(flat);
  if (str_is_one_byte(flat)) {
    if (put_byte(s, TAG_ONE_BYTE_STRING) < 0 || put_varint(s, n) < 0) return -1;
    return put(s, str_latin1_chars(flat), n);
  }
  /* Two-byte strings start at an even offset: pad so the tag and length end on one. */
  size_t bytes = (size_t)n * 2;
  if (((s->len + 1 + varint_size(bytes)) & 1) && put_byte(s, TAG_PADDING) < 0) return -1;
  if (put_byte(s, TAG_TWO_BYTE_STRING) < 0 || put_varint(s, bytes) < 0) return -1;
  const uint16_t *units = str_utf16_chars(flat);
  for (uint32_t i = 0; i < n; i++) {
    uint8_t le[2] = {(uint8_t)(units[i] & 0xFF), (uint8_t)(units[i] >> 8)};
    if (put(s, le, 2) < 0) return -1;
  }
  return 0;
}

static int write_value(ValueSerializer *s, Value v);

/* V8's BigInt contents: a varint bitfield (bit 0 the sign, bits 1.. the magnitude's byte length,
 * a multiple of 8 since V8 counts 64-bit digits), then the magnitude's bytes little-endian. Our
 * digits are 32-bit, so an odd count gets a zero high half. */
static int write_bigint_contents(ValueSerializer *s, Value b) {
  BigInt *x = bigint_ptr(b);
  uint32_t n = x->length;
  uint64_t bytes = ((uint64_t)n + 1) / 2 * 8;
  if (put_varint(s, (bytes << 1) | (x->negative ? 1u : 0u)) < 0) return -1;
  for (uint64_t i = 0; i < bytes / 4; i++) {
    uint32_t d = i < n ? bigint_ptr(b)->digits[i] : 0; /* re-read: put() does not allocate on the heap */
    uint8_t le[4] = {(uint8_t)d, (uint8_t)(d >> 8), (uint8_t)(d >> 16), (uint8_t)(d >> 24)};
    if (put(s, le, 4) < 0) return -1;
  }
  return 0;
}

/* Writes key/value pairs for the own enumerable string-keyed properties of o among keys[from..]
 * (skipping array indices below skip_below when it is nonzero); *count gets how many. Getters
 * run, so each property is looked up again as it is written. */
static int write_properties(ValueSerializer *s, Value o, Value keys, uint32_t nkeys, double skip_below,
                            uint32_t *count) {
  Isolate *iso = s->iso;
  *count = 0;
  for (uint32_t i = 0; i < nkeys; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return -1;
    if (val_is_symbol(key)) continue;
    if (skip_below > 0 && key_is_index(key) && (double)key_to_index(key) < skip_below) continue;
    PropertyDescriptor desc;
    int found = obj_get_own_property(iso, o, key, &desc);
    if (found < 0) return -1;
    if (!found || !desc.enumerable) continue;
    Value value = obj_get(iso, o, key, o);
    if (value == VAL_EXCEPTION) return -1;
    if (key_is_index(key)) {
      uint32_t idx = key_to_index(key);
      if (idx <= INT32_MAX ? (put_byte(s, TAG_INT32) < 0 || put_varint(s, ((uint32_t)idx << 1)) < 0)
                           : (put_byte(s, TAG_DOUBLE) < 0 || put_double(s, (double)idx) < 0))
        return -1;
    } else if (write_string(s, key) < 0) {
      return -1;
    }
    if (write_value(s, value) < 0) return -1;
    (*count)++;
  }
  return 0;
}

static int write_array(ValueSerializer *s, Value a) {
  Isolate *iso = s->iso;
  uint32_t len = array_length(a);
  Value keys;
  uint32_t nkeys;
  if (builtins_own_keys(iso, a, &keys, &nkeys) < 0) return -1;
  uint32_t nindex = 0;
  for (uint32_t i = 0; i < nkeys; i++) {
    Value k = builtins_list_get(iso, keys, i);
    if (k == VAL_EXCEPTION) return -1;
    if (key_is_index(k)) nindex++;
  }
  uint32_t count;
  if (nindex == len) {
    /* Packed: every element in order, then the other properties. */
    if (put_byte(s, TAG_BEGIN_DENSE_ARRAY) < 0 || put_varint(s, len) < 0) return -1;
    for (uint32_t i = 0; i < len; i++) {
      PropertyDescriptor desc;
      int found = obj_get_own_property(iso, a, key_from_index(i), &desc);
      if (found < 0) return -1;
      if (!found) { /* deleted by a getter meanwhile */
        if (put_byte(s, TAG_THE_HOLE) < 0) return -1;
        continue;
      }
      Value v = obj_get(iso, a, key_from_index(i), a);
      if (v == VAL_EXCEPTION || write_value(s, v) < 0) return -1;
    }
    if (write_properties(s, a, keys, nkeys, (double)len + 1, &count) < 0) return -1;
    return put_byte(s, TAG_END_DENSE_ARRAY) < 0 || put_varint(s, count) < 0 || put_varint(s, len) < 0 ? -1 : 0;
  }
  if (put_byte(s, TAG_BEGIN_SPARSE_ARRAY) < 0 || put_varint(s, len) < 0) return -1;
  if (write_properties(s, a, keys, nkeys, 0, &count) < 0) return -1;
  return put_byte(s, TAG_END_SPARSE_ARRAY) < 0 || put_varint(s, count) < 0 || put_varint(s, len) < 0 ? -1 : 0;
}

static int write_error(ValueSerializer *s, Value e) {
  Isolate *iso = s->iso;
  if (put_byte(s, TAG_ERROR) < 0) return -1;
  Value name = rt_get_str(iso, e, "name");
  if (name == VAL_EXCEPTION) return -1;
  Value name_str = rt_to_string(iso, name);
  if (name_str == VAL_EXCEPTION) return -1;
  static const struct {
    const char *name;
    uint8_t tag;
  } kinds[] = {{"EvalError", ERRTAG_EVAL}, {"RangeError", ERRTAG_RANGE}, {"ReferenceError", ERRTAG_REFERENCE},
               {"SyntaxError", ERRTAG_SYNTAX}, {"TypeError", ERRTAG_TYPE}, {"URIError", ERRTAG_URI}};
  for (size_t i = 0; i < PT_ARRAY_LEN(kinds); i++)
    if (str_equals_cstr(name_str, kinds[i].name) && put_byte(s, kinds[i].tag) < 0) return -1;
  PropertyDescriptor desc;
  Value mkey = key_from_cstr(iso, "message");
  if (mkey == VAL_EXCEPTION) return -1;
  int found = obj_get_own_property(iso, e, mkey, &desc);
  if (found < 0) return -1;
  if (found && desc.has_value) {
    Value m = rt_to_string(iso, desc.value);
    if (m == VAL_EXCEPTION || put_byte(s, ERRTAG_MESSAGE) < 0 || write_string(s, m) < 0) return -1;
  }
  Value stack = rt_get_str(iso, e, "stack");
  if (stack == VAL_EXCEPTION) return -1;
  if (val_is_string(stack) && (put_byte(s, ERRTAG_STACK) < 0 || write_string(s, stack) < 0)) return -1;
  Value ckey = key_from_cstr(iso, "cause");
  if (ckey == VAL_EXCEPTION) return -1;
  found = obj_get_own_property(iso, e, ckey, &desc);
  if (found < 0) return -1;
  if (found) {
    Value cause = obj_get(iso, e, ckey, e);
    if (cause == VAL_EXCEPTION || put_byte(s, ERRTAG_CAUSE) < 0 || write_value(s, cause) < 0) return -1;
  }
  return put_byte(s, ERRTAG_END);
}

static int write_collection(ValueSerializer *s, Value c, bool is_map) {
  Isolate *iso = s->iso;
  /* Snapshot first: writing an entry may run getters that change the collection. */
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return -1;
  FixedArray *t = collection_table(c);
  uint32_t index = 0;
  Value k, v;
  while (collection_next_entry(&t, &index, &k, &v)) {
    if (array_push(iso, list, k) < 0 || (is_map && array_push(iso, list, v) < 0)) return -1;
  }
  uint32_t n = array_length(list);
  if (put_byte(s, is_map ? TAG_BEGIN_MAP : TAG_BEGIN_SET) < 0) return -1;
  for (uint32_t i = 0; i < n; i++) {
    Value x = builtins_list_get(iso, list, i);
    if (x == VAL_EXCEPTION || write_value(s, x) < 0) return -1;
  }
  return put_byte(s, is_map ? TAG_END_MAP : TAG_END_SET) < 0 || put_varint(s, n) < 0 ? -1 : 0;
}

static int write_array_buffer(ValueSerializer *s, Value b) {
  JSArrayBuffer *ab = js_array_buffer(b);
  if (ab->shared) {
    size_t id;
    for (id = 0; id < s->shared_count; id++)
      if (s->shared[id] == ab->shared) break;
    if (id == s->shared_count) {
      if (s->shared_count == s->shared_cap) {
        size_t cap = s->shared_cap ? s->shared_cap * 2 : 4;
        SharedStore **list = realloc(s->shared, cap * sizeof *list);
        if (list == NULL) return isolate_throw_oom(s->iso), -1;
        s->shared = list;
        s->shared_cap = cap;
      }
      shared_store_retain(ab->shared);
      s->shared[s->shared_count++] = ab->shared;
    }
    return put_byte(s, TAG_SHARED_ARRAY_BUFFER) < 0 || put_varint(s, id) < 0 ? -1 : 0;
  }
  Value tid = table_get(s->iso, s->transfers, b);
  if (tid != VAL_NOT_FOUND)
    return put_byte(s, TAG_ARRAY_BUFFER_TRANSFER) < 0 || put_varint(s, (uint32_t)val_to_int(tid)) < 0 ? -1 : 0;
  if (ab->detached) {
    rt_throw(s->iso, ERR_ERROR, "An ArrayBuffer is detached and could not be cloned.");
    return -1;
  }
  /* V8's wire format (version 15) has no immutable-buffer tag: writing it as a plain 'B' would
   * hand the reader a mutable copy, so refuse rather than silently drop the immutability. */
  if (ab->immutable) {
    rt_throw(s->iso, ERR_ERROR, "An immutable ArrayBuffer could not be cloned: the wire format has no immutable buffers.");
    return -1;
  }
  if (ab->resizable) {
    if (put_byte(s, TAG_RESIZABLE_ARRAY_BUFFER) < 0 || put_varint(s, ab->byte_length) < 0 ||
        put_varint(s, ab->max_byte_length) < 0)
      return -1;
  } else if (put_byte(s, TAG_ARRAY_BUFFER) < 0 || put_varint(s, ab->byte_length) < 0) {
    return -1;
  }
  return ab->byte_length ? put(s, ab->data, ab->byte_length) : 0;
}

static int write_view(ValueSerializer *s, Value view) {
  uint8_t subtag;
  size_t offset, length;
  bool tracking;
  Value buffer;
  if (typed_array_is(view)) {
    JSTypedArray *ta = js_typed_array(view);
    double n = typed_array_length(view);
    if (n < 0 || ta->kind >= TA_KIND_COUNT || view_subtags[ta->kind] == 0) return data_clone_error(s->iso, view), -1;
    subtag = (uint8_t)view_subtags[ta->kind];
    offset = ta->byte_offset;
    length = (size_t)n * typed_array_element_size((TAKind)ta->kind);
    tracking = ta->length_tracking;
    buffer = ta->buffer;
  } else {
    JSDataView *dv = (JSDataView *)val_to_ptr(view);
    JSArrayBuffer *ab = js_array_buffer(dv->buffer);
    size_t blen = array_buffer_byte_length(ab);
    if (ab->detached || dv->byte_offset > blen ||
        (!dv->length_tracking && dv->byte_offset + dv->fixed_byte_length > blen))
      return data_clone_error(s->iso, view), -1;
    subtag = VIEW_SUBTAG_DATA_VIEW;
    offset = dv->byte_offset;
    length = dv->length_tracking ? blen - dv->byte_offset : dv->fixed_byte_length;
    tracking = dv->length_tracking;
    buffer = dv->buffer;
  }
  uint32_t flags = (tracking ? 1u : 0u) | (js_array_buffer(buffer)->resizable ? 2u : 0u);
  return put_byte(s, TAG_ARRAY_BUFFER_VIEW) < 0 || put_byte(s, subtag) < 0 || put_varint(s, offset) < 0 ||
                 put_varint(s, length) < 0 || put_varint(s, flags) < 0
             ? -1
             : 0;
}

static int write_object(ValueSerializer *s, Value o) {
  Isolate *iso = s->iso;
  Value known = table_get(iso, s->ids, o);
  if (known != VAL_NOT_FOUND)
    return put_byte(s, TAG_OBJECT_REFERENCE) < 0 || put_varint(s, (uint32_t)val_to_int(known)) < 0 ? -1 : 0;
  InstanceType type = val_instance_type(o);
  /* A view follows its buffer: the buffer gets its id first. */
  if (type == IT_JS_TYPED_ARRAY || type == IT_JS_DATA_VIEW) {
    Value buffer = type == IT_JS_TYPED_ARRAY ? js_typed_array(o)->buffer : ((JSDataView *)val_to_ptr(o))->buffer;
    if (write_object(s, buffer) < 0) return -1;
  }
  if (s->next_id > INT32_MAX) return rt_throw_range_error(iso, "Too many objects to clone"), -1;
  if (table_set(iso, s->ids, o, val_from_int((int32_t)s->next_id++)) < 0) return -1;
  switch (type) {
    case IT_JS_OBJECT: {
      Value keys;
      uint32_t nkeys, count;
      if (put_byte(s, TAG_BEGIN_OBJECT) < 0 || builtins_own_keys(iso, o, &keys, &nkeys) < 0 ||
          write_properties(s, o, keys, nkeys, 0, &count) < 0)
        return -1;
      return put_byte(s, TAG_END_OBJECT) < 0 || put_varint(s, count) < 0 ? -1 : 0;
    }
    case IT_JS_ARRAY: return write_array(s, o);
    case IT_JS_DATE:
      return put_byte(s, TAG_DATE) < 0 || put_double(s, date_object_time(o)) < 0 ? -1 : 0;
    case IT_JS_PRIMITIVE_WRAPPER: {
      Value p = builtins_wrapper_value(o);
      if (p == VAL_TRUE) return put_byte(s, TAG_TRUE_OBJECT);
      if (p == VAL_FALSE) return put_byte(s, TAG_FALSE_OBJECT);
      if (val_is_number(p))
        return put_byte(s, TAG_NUMBER_OBJECT) < 0 || put_double(s, val_to_number_unchecked(p)) < 0 ? -1 : 0;
      if (val_is_string(p)) return put_byte(s, TAG_STRING_OBJECT) < 0 || write_string(s, p) < 0 ? -1 : 0;
      if (val_is_bigint(p)) return put_byte(s, TAG_BIGINT_OBJECT) < 0 || write_bigint_contents(s, p) < 0 ? -1 : 0;
      return data_clone_error(iso, o), -1;
    }
    case IT_JS_REGEXP: {
      Value flags = regexp_original_flags(o);
      uint32_t bits = 0;
      for (uint32_t i = 0; i < str_length(flags); i++) {
        Value flat = str_flatten(iso, flags);
        if (flat == VAL_EXCEPTION) return -1;
        uint16_t c = str_char_at(flat, i);
        for (size_t k = 0; k < PT_ARRAY_LEN(regexp_flag_bits); k++)
          if (regexp_flag_bits[k].flag == c) bits |= regexp_flag_bits[k].bit;
      }
      return put_byte(s, TAG_REGEXP) < 0 || write_string(s, regexp_original_source(o)) < 0 || put_varint(s, bits) < 0
                 ? -1
                 : 0;
    }
    case IT_JS_MAP: return write_collection(s, o, true);
    case IT_JS_SET: return write_collection(s, o, false);
    case IT_JS_ARRAY_BUFFER: return write_array_buffer(s, o);
    case IT_JS_TYPED_ARRAY:
    case IT_JS_DATA_VIEW: return write_view(s, o);
    case IT_JS_ERROR: return write_error(s, o);
    default: return data_clone_error(iso, o), -1;
  }
}

static int write_value(ValueSerializer *s, Value v) {
  if (!isolate_check_stack(s->iso)) return -1;
  if (v == VAL_UNDEFINED) return put_byte(s, TAG_UNDEFINED);
  if (v == VAL_NULL) return put_byte(s, TAG_NULL);
  if (v == VAL_TRUE) return put_byte(s, TAG_TRUE);
  if (v == VAL_FALSE) return put_byte(s, TAG_FALSE);
  if (val_is_int(v)) {
    int32_t i = val_to_int(v);
    return put_byte(s, TAG_INT32) < 0 || put_varint(s, ((uint32_t)i << 1) ^ (uint32_t)(i >> 31)) < 0 ? -1 : 0;
  }
  if (val_is_double(v)) return put_byte(s, TAG_DOUBLE) < 0 || put_double(s, val_to_double_unchecked(v)) < 0 ? -1 : 0;
  if (val_is_string(v)) return write_string(s, v);
  if (val_is_object(v)) return write_object(s, v);
  if (val_is_bigint(v)) return put_byte(s, TAG_BIGINT) < 0 || write_bigint_contents(s, v) < 0 ? -1 : 0;
  return data_clone_error(s->iso, v), -1; /* symbols */
}

int vs_write_value(ValueSerializer *s, Value v) { return write_value(s, v); }

int vs_transfer_array_buffer(ValueSerializer *s, uint32_t id, Value buffer) {
  if (!array_buffer_is(buffer) || js_array_buffer(buffer)->shared || id > INT32_MAX) {
    rt_throw_type_error(s->iso, "Only ArrayBuffers can be transferred");
    return -1;
  }
  if (js_array_buffer(buffer)->immutable) { /* transferring detaches the sender's buffer */
    rt_throw_type_error(s->iso, "An immutable ArrayBuffer cannot be transferred");
    return -1;
  }
  return table_set(s->iso, s->transfers, buffer, val_from_int((int32_t)id));
}

uint8_t *vs_release(ValueSerializer *s, size_t *size) {
  uint8_t *b = s->buf;
  *size = s->len;
  s->buf = NULL;
  s->len = s->cap = 0;
  return b;
}

/* ---- Reading ---------------------------------------------------------------------------------- */

int vd_init(ValueDeserializer *d, Isolate *iso, const uint8_t *data, size_t size) {
  memset(d, 0, sizeof *d);
  d->iso = iso;
  d->p = data;
  d->end = data + size;
  d->ids = d->transfers = VAL_UNDEFINED;
  heap_add_root(iso, &d->ids);
  heap_add_root(iso, &d->transfers);
  d->ids = new_table(iso);
  if (d->ids == VAL_EXCEPTION) return -1;
  d->transfers = new_table(iso);
  return d->transfers == VAL_EXCEPTION ? -1 : 0;
}

void vd_free(ValueDeserializer *d) {
  if (d->iso == NULL) return;
  heap_remove_root(d->iso, &d->ids);
  heap_remove_root(d->iso, &d->transfers);
  d->iso = NULL;
}

static Value malformed(ValueDeserializer *d) {
  return rt_throw(d->iso, ERR_ERROR, "Unable to deserialize cloned data.");
}

static int get_byte(ValueDeserializer *d, uint8_t *out) {
  if (d->p >= d->end) return malformed(d), -1;
  *out = *d->p++;
  return 0;
}
static int get_varint(ValueDeserializer *d, uint64_t *out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b;
    if (get_byte(d, &b) < 0) return -1;
    v |= (uint64_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *out = v;
      return 0;
    }
  }
  return malformed(d), -1;
}
static int get_varint32(ValueDeserializer *d, uint32_t *out) {
  uint64_t v;
  if (get_varint(d, &v) < 0) return -1;
  if (v > UINT32_MAX) return malformed(d), -1;
  *out = (uint32_t)v;
  return 0;
}
static int get_double(ValueDeserializer *d, double *out) {
  if ((size_t)(d->end - d->p) < sizeof *out) return malformed(d), -1;
  memcpy(out, d->p, sizeof *out);
  d->p += sizeof *out;
  return 0;
}
static int get_tag(ValueDeserializer *d, uint8_t *tag) {
  do {
    if (get_byte(d, tag) < 0) return -1;
  } while (*tag == TAG_PADDING);
  return 0;
}
static int peek_tag(ValueDeserializer *d) {
  const uint8_t *p = d->p;
  while (p < d->end && *p == TAG_PADDING) p++;
  return p < d->end ? *p : -1;
}

int vd_read_header(ValueDeserializer *d) {
  uint8_t tag;
  if (get_byte(d, &tag) < 0 || tag != TAG_VERSION || get_varint32(d, &d->version) < 0) return -1;
  if (d->version < 13 || d->version > VS_VERSION) {
    rt_throw(d->iso, ERR_ERROR, "Unable to deserialize cloned data due to invalid or unsupported version.");
    return -1;
  }
  return 0;
}

static Value read_value(ValueDeserializer *d);

/* The string after a string tag already read. */
static Value read_string_body(ValueDeserializer *d, uint8_t tag) {
  uint32_t n;
  if (get_varint32(d, &n) < 0) return VAL_EXCEPTION;
  if ((size_t)(d->end - d->p) < n) return malformed(d);
  const uint8_t *bytes = d->p;
  d->p += n;
  if (tag == TAG_ONE_BYTE_STRING) return str_new_latin1(d->iso, bytes, n);
  if (tag == TAG_UTF8_STRING) return str_new_utf8(d->iso, (const char *)bytes, n);
  if (n & 1) return malformed(d);
  uint16_t *units;
  Value s = str_alloc_utf16(d->iso, n / 2, &units);
  if (s == VAL_EXCEPTION) return s;
  for (uint32_t i = 0; i < n / 2; i++) units[i] = (uint16_t)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  return s;
}

static Value read_string(ValueDeserializer *d) {
  uint8_t tag;
  if (get_tag(d, &tag) < 0) return VAL_EXCEPTION;
  if (tag != TAG_ONE_BYTE_STRING && tag != TAG_TWO_BYTE_STRING && tag != TAG_UTF8_STRING) return malformed(d);
  return read_string_body(d, tag);
}

/* The BigInt after a 'Z' or 'z' tag (write_bigint_contents). Any byte length is accepted (a
 * partial last digit is zero-extended); the size limit is BigInt's own (a RangeError). */
static Value read_bigint_contents(ValueDeserializer *d) {
  uint64_t bitfield;
  if (get_varint(d, &bitfield) < 0) return VAL_EXCEPTION;
  uint64_t bytes = bitfield >> 1;
  if ((uint64_t)(d->end - d->p) < bytes) return malformed(d);
  size_t n = (size_t)((bytes + 3) / 4);
  uint32_t *digits = calloc(n ? n : 1, sizeof *digits);
  if (digits == NULL) return isolate_throw_oom(d->iso);
  for (size_t i = 0; i < (size_t)bytes; i++) digits[i / 4] |= (uint32_t)d->p[i] << (8 * (i % 4));
  d->p += bytes;
  Value b = bigint_from_digits(d->iso, (bitfield & 1) != 0, digits, n); /* drops zero high digits */
  free(digits);
  return b;
}

static int add_object(ValueDeserializer *d, uint32_t id, Value o) {
  return table_set(d->iso, d->ids, val_from_int((int32_t)id), o);
}
static int next_id(ValueDeserializer *d, uint32_t *id) {
  if (d->next_id > INT32_MAX) return malformed(d), -1;
  *id = d->next_id++;
  return 0;
}

/* Reads key/value pairs into o until end_tag; returns how many, or -1. */
static int64_t read_properties(ValueDeserializer *d, Value o, uint8_t end_tag) {
  Isolate *iso = d->iso;
  int64_t n = 0;
  for (;;) {
    int t = peek_tag(d);
    if (t < 0) return malformed(d), -1;
    if (t == end_tag) {
      uint8_t tag;
      get_tag(d, &tag);
      return n;
    }
    Value k = read_value(d);
    if (k == VAL_EXCEPTION) return -1;
    Value key;
    if (val_is_number(k)) {
      double x = val_to_number_unchecked(k);
      if (x >= 0 && x < 4294967295.0 && x == trunc(x)) key = key_from_index((uint32_t)x);
      else {
        Value str = rt_to_string(iso, k);
        if (str == VAL_EXCEPTION) return -1;
        key = key_from_string(iso, str);
      }
    } else if (val_is_string(k)) {
      key = key_from_string(iso, k);
    } else {
      return malformed(d), -1;
    }
    if (key == VAL_EXCEPTION) return -1;
    Value v = read_value(d);
    if (v == VAL_EXCEPTION) return -1;
    if (rt_create_data_property_or_throw(iso, o, key, v) < 0) return -1;
    n++;
  }
}

static Value read_array(ValueDeserializer *d, bool dense) {
  Isolate *iso = d->iso;
  uint32_t len, id;
  if (get_varint32(d, &len) < 0) return VAL_EXCEPTION;
  /* Each dense element takes at least a byte: a hostile length cannot make us loop for nothing. */
  if (dense && len > (size_t)(d->end - d->p)) return malformed(d);
  if (next_id(d, &id) < 0) return VAL_EXCEPTION;
  Value a = array_new(iso, 0);
  if (a == VAL_EXCEPTION || add_object(d, id, a) < 0) return VAL_EXCEPTION;
  if (dense) {
    for (uint32_t i = 0; i < len; i++) {
      if (peek_tag(d) == TAG_THE_HOLE) {
        uint8_t tag;
        get_tag(d, &tag);
        continue;
      }
      Value v = read_value(d);
      if (v == VAL_EXCEPTION) return v;
      if (rt_create_data_property_or_throw(iso, a, key_from_index(i), v) < 0) return VAL_EXCEPTION;
    }
  }
  int64_t n = read_properties(d, a, dense ? TAG_END_DENSE_ARRAY : TAG_END_SPARSE_ARRAY);
  if (n < 0) return VAL_EXCEPTION;
  uint32_t count, len2;
  if (get_varint32(d, &count) < 0 || get_varint32(d, &len2) < 0) return VAL_EXCEPTION;
  if (count != n || len2 != len) return malformed(d);
  if (rt_set(iso, a, NAME(iso, length), val_from_number((double)len), true) < 0) return VAL_EXCEPTION;
  return a;
}

static Value read_error(ValueDeserializer *d) {
  Isolate *iso = d->iso;
  uint32_t id;
  if (next_id(d, &id) < 0) return VAL_EXCEPTION;
  Intrinsic proto = INTRINSIC_ERROR_PROTOTYPE;
  Value message = VAL_HOLE, stack = VAL_HOLE, cause = VAL_HOLE;
  Value e = VAL_HOLE;
  for (;;) {
    uint8_t tag;
    if (get_byte(d, &tag) < 0) return VAL_EXCEPTION;
    switch (tag) {
      case ERRTAG_EVAL: proto = INTRINSIC_EVAL_ERROR_PROTOTYPE; continue;
      case ERRTAG_RANGE: proto = INTRINSIC_RANGE_ERROR_PROTOTYPE; continue;
      case ERRTAG_REFERENCE: proto = INTRINSIC_REFERENCE_ERROR_PROTOTYPE; continue;
      case ERRTAG_SYNTAX: proto = INTRINSIC_SYNTAX_ERROR_PROTOTYPE; continue;
      case ERRTAG_TYPE: proto = INTRINSIC_TYPE_ERROR_PROTOTYPE; continue;
      case ERRTAG_URI: proto = INTRINSIC_URI_ERROR_PROTOTYPE; continue;
      case ERRTAG_MESSAGE:
        if ((message = read_string(d)) == VAL_EXCEPTION) return message;
        continue;
      case ERRTAG_STACK:
        if ((stack = read_string(d)) == VAL_EXCEPTION) return stack;
        continue;
      case ERRTAG_CAUSE:
        /* The cause may refer back to the error: create it now. */
        if (e == VAL_HOLE) {
          e = obj_new_with_type(iso, IT_JS_ERROR, sizeof(JSObject), intrinsic(iso, proto));
          if (e == VAL_EXCEPTION || add_object(d, id, e) < 0) return VAL_EXCEPTION;
        }
        if ((cause = read_value(d)) == VAL_EXCEPTION) return cause;
        continue;
      case ERRTAG_END: break;
      default: return malformed(d);
    }
    break;
  }
  if (e == VAL_HOLE) {
    e = obj_new_with_type(iso, IT_JS_ERROR, sizeof(JSObject), intrinsic(iso, proto));
    if (e == VAL_EXCEPTION || add_object(d, id, e) < 0) return VAL_EXCEPTION;
  }
  if (message != VAL_HOLE && rt_define_data(iso, e, NAME(iso, message), message, ATTR_BUILTIN) < 0)
    return VAL_EXCEPTION;
  if (stack != VAL_HOLE) {
    Value k = key_from_cstr(iso, "stack");
    if (k == VAL_EXCEPTION || rt_define_data(iso, e, k, stack, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  }
  if (cause != VAL_HOLE) {
    Value k = key_from_cstr(iso, "cause");
    if (k == VAL_EXCEPTION || rt_define_data(iso, e, k, cause, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  }
  return e;
}

static Value read_collection(ValueDeserializer *d, bool is_map) {
  Isolate *iso = d->iso;
  uint32_t id;
  if (next_id(d, &id) < 0) return VAL_EXCEPTION;
  Value c = is_map ? collection_new(iso, intrinsic(iso, INTRINSIC_MAP), IT_JS_MAP, INTRINSIC_MAP_PROTOTYPE)
                   : collection_new(iso, intrinsic(iso, INTRINSIC_SET), IT_JS_SET, INTRINSIC_SET_PROTOTYPE);
  if (c == VAL_EXCEPTION || add_object(d, id, c) < 0) return VAL_EXCEPTION;
  uint8_t end_tag = is_map ? TAG_END_MAP : TAG_END_SET;
  uint32_t n = 0;
  for (;;) {
    int t = peek_tag(d);
    if (t < 0) return malformed(d);
    if (t == end_tag) {
      uint8_t tag;
      get_tag(d, &tag);
      break;
    }
    Value k = read_value(d);
    if (k == VAL_EXCEPTION) return k;
    Value v = VAL_UNDEFINED;
    if (is_map && (v = read_value(d)) == VAL_EXCEPTION) return v;
    if (table_set(iso, c, k, v) < 0) return VAL_EXCEPTION;
    n += is_map ? 2 : 1;
  }
  uint32_t count;
  if (get_varint32(d, &count) < 0) return VAL_EXCEPTION;
  if (count != n) return malformed(d);
  return c;
}

static Value read_array_buffer(ValueDeserializer *d, bool resizable) {
  Isolate *iso = d->iso;
  uint32_t len, max = 0, id;
  if (get_varint32(d, &len) < 0) return VAL_EXCEPTION;
  if (resizable && get_varint32(d, &max) < 0) return VAL_EXCEPTION;
  if (len > (size_t)(d->end - d->p) || (resizable && len > max)) return malformed(d);
  if (next_id(d, &id) < 0) return VAL_EXCEPTION;
  Value b;
  if (resizable) {
    Value opts = obj_new_plain(iso);
    if (opts == VAL_EXCEPTION) return opts;
    Value k = key_from_cstr(iso, "maxByteLength");
    if (k == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, opts, k, val_from_number(max)) < 0)
      return VAL_EXCEPTION;
    Value args[2] = {val_from_number(len), opts};
    Value ctor = intrinsic(iso, INTRINSIC_ARRAY_BUFFER);
    b = rt_construct(iso, ctor, 2, args, ctor);
  } else {
    b = array_buffer_new(iso, len);
  }
  if (b == VAL_EXCEPTION || add_object(d, id, b) < 0) return VAL_EXCEPTION;
  if (len) memcpy(js_array_buffer(b)->data, d->p, len);
  d->p += len;
  return b;
}

static Value read_view(ValueDeserializer *d, Value buffer) {
  Isolate *iso = d->iso;
  uint8_t subtag;
  uint32_t offset, length, flags = 0, id;
  if (get_byte(d, &subtag) < 0 || get_varint32(d, &offset) < 0 || get_varint32(d, &length) < 0) return VAL_EXCEPTION;
  if (d->version >= 14 && get_varint32(d, &flags) < 0) return VAL_EXCEPTION;
  if (next_id(d, &id) < 0) return VAL_EXCEPTION;
  JSArrayBuffer *ab = js_array_buffer(buffer);
  if ((uint64_t)offset + length > array_buffer_byte_length(ab)) return malformed(d);
  bool tracking = (flags & 1) && ab->resizable;
  Value ctor;
  Value args[3] = {buffer, val_from_number(offset), VAL_UNDEFINED};
  if (subtag == VIEW_SUBTAG_DATA_VIEW) {
    ctor = intrinsic(iso, INTRINSIC_DATA_VIEW);
    if (!tracking) args[2] = val_from_number(length);
  } else {
    int kind = -1;
    for (int k = 0; k < TA_KIND_COUNT; k++)
      if (view_subtags[k] == (char)subtag) kind = k;
    if (kind < 0) return malformed(d);
    size_t es = typed_array_element_size((TAKind)kind);
    if (offset % es || length % es) return malformed(d);
    ctor = intrinsic(iso, (Intrinsic)(INTRINSIC_INT8_ARRAY + kind));
    if (!tracking) args[2] = val_from_number(length / es);
  }
  Value v = rt_construct(iso, ctor, 3, args, ctor);
  if (v == VAL_EXCEPTION || add_object(d, id, v) < 0) return VAL_EXCEPTION;
  return v;
}

static Value read_object_body(ValueDeserializer *d, uint8_t tag) {
  Isolate *iso = d->iso;
  uint32_t id, u;
  double x;
  switch (tag) {
    case TAG_VERIFY_OBJECT_COUNT: {
      uint64_t ignored;
      if (get_varint(d, &ignored) < 0) return VAL_EXCEPTION;
      return read_value(d);
    }
    case TAG_UNDEFINED: return VAL_UNDEFINED;
    case TAG_NULL: return VAL_NULL;
    case TAG_TRUE: return VAL_TRUE;
    case TAG_FALSE: return VAL_FALSE;
    case TAG_INT32:
      if (get_varint32(d, &u) < 0) return VAL_EXCEPTION;
      return val_from_int((int32_t)((u >> 1) ^ (0u - (u & 1))));
    case TAG_UINT32:
      if (get_varint32(d, &u) < 0) return VAL_EXCEPTION;
      return val_from_number((double)u);
    case TAG_DOUBLE:
      if (get_double(d, &x) < 0) return VAL_EXCEPTION;
      return val_from_number(x);
    case TAG_UTF8_STRING:
    case TAG_ONE_BYTE_STRING:
    case TAG_TWO_BYTE_STRING: return read_string_body(d, tag);
    case TAG_OBJECT_REFERENCE: {
      if (get_varint32(d, &u) < 0) return VAL_EXCEPTION;
      if (u > INT32_MAX) return malformed(d);
      Value o = table_get(iso, d->ids, val_from_int((int32_t)u));
      return o == VAL_NOT_FOUND ? malformed(d) : o;
    }
    case TAG_BEGIN_OBJECT: {
      if (next_id(d, &id) < 0) return VAL_EXCEPTION;
      Value o = obj_new_plain(iso);
      if (o == VAL_EXCEPTION || add_object(d, id, o) < 0) return VAL_EXCEPTION;
      int64_t n = read_properties(d, o, TAG_END_OBJECT);
      if (n < 0 || get_varint32(d, &u) < 0) return VAL_EXCEPTION;
      return u == n ? o : malformed(d);
    }
    case TAG_BIGINT: return read_bigint_contents(d);
    case TAG_BIGINT_OBJECT: {
      Value p = read_bigint_contents(d);
      if (p == VAL_EXCEPTION || next_id(d, &id) < 0) return VAL_EXCEPTION;
      Value o = builtins_new_wrapper(iso, p, intrinsic(iso, INTRINSIC_BIGINT_PROTOTYPE));
      if (o == VAL_EXCEPTION || add_object(d, id, o) < 0) return VAL_EXCEPTION;
      return o;
    }
    case TAG_BEGIN_DENSE_ARRAY: return read_array(d, true);
    case TAG_BEGIN_SPARSE_ARRAY: return read_array(d, false);
    case TAG_DATE: {
      if (get_double(d, &x) < 0 || next_id(d, &id) < 0) return VAL_EXCEPTION;
      Value arg = val_from_number(x), ctor = intrinsic(iso, INTRINSIC_DATE);
      Value o = rt_construct(iso, ctor, 1, &arg, ctor);
      if (o == VAL_EXCEPTION || add_object(d, id, o) < 0) return VAL_EXCEPTION;
      return o;
    }
    case TAG_TRUE_OBJECT:
    case TAG_FALSE_OBJECT:
    case TAG_NUMBER_OBJECT:
    case TAG_STRING_OBJECT: {
      Value p;
      Intrinsic proto;
      if (tag == TAG_NUMBER_OBJECT) {
        if (get_double(d, &x) < 0) return VAL_EXCEPTION;
        p = val_from_number(x);
        proto = INTRINSIC_NUMBER_PROTOTYPE;
      } else if (tag == TAG_STRING_OBJECT) {
        if ((p = read_string(d)) == VAL_EXCEPTION) return p;
        proto = INTRINSIC_STRING_PROTOTYPE;
      } else {
        p = val_from_bool(tag == TAG_TRUE_OBJECT);
        proto = INTRINSIC_BOOLEAN_PROTOTYPE;
      }
      if (next_id(d, &id) < 0) return VAL_EXCEPTION;
      Value o = builtins_new_wrapper(iso, p, intrinsic(iso, proto));
      if (o == VAL_EXCEPTION || add_object(d, id, o) < 0) return VAL_EXCEPTION;
      return o;
    }
    case TAG_REGEXP: {
      Value pattern = read_string(d);
      if (pattern == VAL_EXCEPTION || get_varint32(d, &u) < 0 || next_id(d, &id) < 0) return VAL_EXCEPTION;
      char flags[16];
      size_t n = 0;
      for (size_t k = 0; k < PT_ARRAY_LEN(regexp_flag_bits); k++)
        if (u & regexp_flag_bits[k].bit) flags[n++] = regexp_flag_bits[k].flag;
      flags[n] = '\0';
      Value f = str_from_cstr(iso, flags);
      if (f == VAL_EXCEPTION) return f;
      Value o = regexp_create(iso, pattern, f); /* a bad pattern or flag set raises a SyntaxError */
      if (o == VAL_EXCEPTION || add_object(d, id, o) < 0) return VAL_EXCEPTION;
      return o;
    }
    case TAG_BEGIN_MAP: return read_collection(d, true);
    case TAG_BEGIN_SET: return read_collection(d, false);
    case TAG_ARRAY_BUFFER: return read_array_buffer(d, false);
    case TAG_RESIZABLE_ARRAY_BUFFER: return read_array_buffer(d, true);
    case TAG_ARRAY_BUFFER_TRANSFER: {
      if (get_varint32(d, &u) < 0 || next_id(d, &id) < 0) return VAL_EXCEPTION;
      if (u > INT32_MAX) return malformed(d);
      Value b = table_get(iso, d->transfers, val_from_int((int32_t)u));
      if (b == VAL_NOT_FOUND) return malformed(d);
      if (add_object(d, id, b) < 0) return VAL_EXCEPTION;
      return b;
    }
    case TAG_SHARED_ARRAY_BUFFER: {
      if (get_varint32(d, &u) < 0 || next_id(d, &id) < 0) return VAL_EXCEPTION;
      if (u >= d->shared_count) return malformed(d);
      Value b = shared_array_buffer_from_store(iso, d->shared[u]);
      if (b == VAL_EXCEPTION || add_object(d, id, b) < 0) return VAL_EXCEPTION;
      return b;
    }
    case TAG_ERROR: return read_error(d);
    default: return malformed(d);
  }
}

static Value read_value(ValueDeserializer *d) {
  if (!isolate_check_stack(d->iso)) return VAL_EXCEPTION;
  uint8_t tag;
  if (get_tag(d, &tag) < 0) return VAL_EXCEPTION;
  Value v = read_object_body(d, tag);
  /* A view is written right after its buffer (or a reference to it). */
  if (v != VAL_EXCEPTION && array_buffer_is(v) && peek_tag(d) == TAG_ARRAY_BUFFER_VIEW) {
    get_tag(d, &tag);
    v = read_view(d, v);
  }
  return v;
}

Value vd_read_value(ValueDeserializer *d) { return read_value(d); }

int vd_transfer_array_buffer(ValueDeserializer *d, uint32_t id, Value buffer) {
  if (!array_buffer_is(buffer) || id > INT32_MAX) {
    rt_throw_type_error(d->iso, "Only ArrayBuffers can be transferred");
    return -1;
  }
  return table_set(d->iso, d->transfers, val_from_int((int32_t)id), buffer);
}
