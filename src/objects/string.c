/*
 * Strings (DESIGN.md, decision 6): sequential Latin-1 and UTF-16 strings, and cons strings (ropes)
 * built by concatenation. A rope is walked with an explicit stack (RopeCursor), never recursion,
 * so a rope a million pieces deep flattens fine. Flattening stores the flat result in the cons
 * itself (first = flat, second = undefined, STR_FLATTENED), so a rope is copied at most once.
 *
 * Invariant kept by every constructor here: a sequential two-byte string holds at least one unit
 * above 0xFF (we narrow otherwise), so equal contents usually mean equal representations; equality
 * does not rely on it.
 */
#include "objects/string.h"

#include "base/hash.h"
#include "base/utf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- Layouts ----------------------------------------------------------------------------- */

static size_t seq_one_byte_size(const HeapObject *o) {
  if (((const StringHeader *)o)->flags & STR_EXTERNAL) return sizeof(ExternalString);
  return sizeof(SeqOneByteString) + ((const StringHeader *)o)->length;
}
static size_t seq_two_byte_size(const HeapObject *o) {
  if (((const StringHeader *)o)->flags & STR_EXTERNAL) return sizeof(ExternalString);
  return sizeof(SeqTwoByteString) + (size_t)((const StringHeader *)o)->length * 2;
}
static size_t cons_size(const HeapObject *o) {
  PT_UNUSED(o);
  return sizeof(ConsString);
}
static void cons_visit(HeapObject *o, HeapVisitor *v) {
  ConsString *c = (ConsString *)o;
  heap_visit_value(v, &c->first);
  heap_visit_value(v, &c->second);
}

void str_register_types(void) {
  heap_register_type(IT_SEQ_ONE_BYTE_STRING, seq_one_byte_size, NULL, NULL);
  heap_register_type(IT_SEQ_TWO_BYTE_STRING, seq_two_byte_size, NULL, NULL);
  heap_register_type(IT_CONS_STRING, cons_size, cons_visit, NULL);
}

static inline InstanceType str_type(Value s) { return heap_object_type(val_to_ptr(s)); }

/* The characters of a sequential string: in the object, or (external) in embedder memory. */
static inline const uint8_t *seq1_chars(Value s) {
  StringHeader *h = str_header(s);
  return (h->flags & STR_EXTERNAL) ? ((ExternalString *)h)->data : ((SeqOneByteString *)h)->chars;
}
static inline const uint16_t *seq2_chars(Value s) {
  StringHeader *h = str_header(s);
  return (h->flags & STR_EXTERNAL) ? ((ExternalString *)h)->data : ((SeqTwoByteString *)h)->chars;
}

/* The flat string holding s's contents, if s is flat or a flattened cons; else VAL_HOLE. */
static inline Value flat_of(Value s) {
  if (str_type(s) != IT_CONS_STRING) return s;
  ConsString *c = (ConsString *)val_to_ptr(s);
  return (c->s.flags & STR_FLATTENED) ? c->first : VAL_HOLE;
}

/* ---- Allocation ---------------------------------------------------------------------------- */

static Value throw_invalid_length(Isolate *iso) {
  return rt_throw_range_error(iso, "Invalid string length");
}

static Value alloc_seq(Isolate *iso, size_t length, bool one_byte, void **chars) {
  if (length > STR_MAX_LENGTH) return throw_invalid_length(iso);
  size_t size = one_byte ? sizeof(SeqOneByteString) + length : sizeof(SeqTwoByteString) + length * 2;
  InstanceType t = one_byte ? IT_SEQ_ONE_BYTE_STRING : IT_SEQ_TWO_BYTE_STRING;
  StringHeader *h = heap_alloc(iso, size, map_for_type(iso, t));
  if (!h) return VAL_EXCEPTION;
  h->length = (uint32_t)length;
  h->flags = one_byte ? STR_ONE_BYTE : 0;
  *chars = one_byte ? (void *)((SeqOneByteString *)h)->chars : (void *)((SeqTwoByteString *)h)->chars;
  return val_from_ptr(h);
}

Value str_alloc_latin1(Isolate *iso, size_t length, uint8_t **chars_out) {
  void *p = NULL;
  Value s = alloc_seq(iso, length, true, &p);
  if (s != VAL_EXCEPTION) *chars_out = p;
  return s;
}

Value str_alloc_utf16(Isolate *iso, size_t length, uint16_t **chars_out) {
  void *p = NULL;
  Value s = alloc_seq(iso, length, false, &p);
  if (s != VAL_EXCEPTION) *chars_out = p;
  return s;
}

/* External strings: sequential strings whose characters stay in embedder memory (the embedder
 * keeps them valid and unchanged while the string lives; the API learns of its death through a
 * weak handle). Same instance types as the in-heap forms, told apart by STR_EXTERNAL. */
static Value alloc_external(Isolate *iso, const void *data, size_t length, bool one_byte) {
  if (length > STR_MAX_LENGTH) return throw_invalid_length(iso);
  InstanceType t = one_byte ? IT_SEQ_ONE_BYTE_STRING : IT_SEQ_TWO_BYTE_STRING;
  ExternalString *e = heap_alloc(iso, sizeof(ExternalString), map_for_type(iso, t));
  if (!e) return VAL_EXCEPTION;
  e->s.length = (uint32_t)length;
  e->s.flags = STR_EXTERNAL | (one_byte ? STR_ONE_BYTE : 0);
  e->data = data;
  return val_from_ptr(e);
}

Value str_new_external_latin1(Isolate *iso, const uint8_t *chars, size_t length) {
  return alloc_external(iso, chars, length, true);
}

Value str_new_external_utf16(Isolate *iso, const uint16_t *chars, size_t length) {
  /* A two-byte string holds at least one unit > 0xFF (comparisons rely on it): narrow text is
   * copied instead. */
  for (size_t i = 0; i < length; i++)
    if (chars[i] > 0xFF) return alloc_external(iso, chars, length, false);
  return str_new_utf16(iso, chars, length);
}

Value str_new_latin1(Isolate *iso, const uint8_t *chars, size_t length) {
  uint8_t *out;
  Value s = str_alloc_latin1(iso, length, &out);
  if (s != VAL_EXCEPTION && length) memcpy(out, chars, length);
  return s;
}

Value str_new_utf16(Isolate *iso, const uint16_t *chars, size_t length) {
  bool narrow = true;
  for (size_t i = 0; i < length; i++)
    if (chars[i] > 0xFF) {
      narrow = false;
      break;
    }
  if (narrow) {
    uint8_t *out;
    Value s = str_alloc_latin1(iso, length, &out);
    if (s == VAL_EXCEPTION) return s;
    for (size_t i = 0; i < length; i++) out[i] = (uint8_t)chars[i];
    return s;
  }
  uint16_t *out;
  Value s = str_alloc_utf16(iso, length, &out);
  if (s != VAL_EXCEPTION) memcpy(out, chars, length * 2);
  return s;
}

Value str_new_utf8(Isolate *iso, const char *utf8, size_t length) {
  uint16_t max_unit;
  size_t units = pt_utf8_utf16_length(utf8, length, &max_unit);
  if (max_unit < 0x100) {
    uint8_t *out;
    Value s = str_alloc_latin1(iso, units, &out);
    if (s != VAL_EXCEPTION) pt_utf8_to_latin1(utf8, length, out);
    return s;
  }
  uint16_t *out;
  Value s = str_alloc_utf16(iso, units, &out);
  if (s != VAL_EXCEPTION) pt_utf8_to_utf16(utf8, length, out);
  return s;
}

Value str_from_cstr(Isolate *iso, const char *s) { return str_new_utf8(iso, s, strlen(s)); }

/* Note: %f/%g follow the C locale; format numbers with dtoa (base/dtoa.h), not here. */
Value str_printf(Isolate *iso, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n < sizeof small) return str_new_utf8(iso, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big) return isolate_throw_oom(iso);
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  Value s = str_new_utf8(iso, big, (size_t)n);
  free(big);
  return s;
}

/* One-unit Latin-1 strings are cached per isolate (s[i], charAt, String.fromCharCode make them
 * all the time); they are internalized, so they double as property keys. */
Value str_from_char_code(Isolate *iso, uint16_t unit) {
  if (unit >= 0x100) return str_new_utf16(iso, &unit, 1);
  if (!iso->single_char_strings) {
    iso->single_char_strings = calloc(256, sizeof(Value));
    if (!iso->single_char_strings) return isolate_throw_oom(iso);
  }
  Value cached = iso->single_char_strings[unit];
  if (cached) return cached;
  uint8_t c = (uint8_t)unit;
  Value s = str_new_latin1(iso, &c, 1);
  if (s == VAL_EXCEPTION) return s;
  s = str_intern(iso, s);
  if (s == VAL_EXCEPTION) return s;
  iso->single_char_strings[unit] = s;
  return s;
}

/* ---- Basic accessors ------------------------------------------------------------------------ */

uint32_t str_length(Value s) { return str_header(s)->length; }
bool str_is_one_byte(Value s) { return (str_header(s)->flags & STR_ONE_BYTE) != 0; }

const uint8_t *str_latin1_chars(Value s) {
  Value f = flat_of(s);
  PT_DCHECK(f != VAL_HOLE && str_type(f) == IT_SEQ_ONE_BYTE_STRING);
  return seq1_chars(f);
}

const uint16_t *str_utf16_chars(Value s) {
  Value f = flat_of(s);
  PT_DCHECK(f != VAL_HOLE && str_type(f) == IT_SEQ_TWO_BYTE_STRING);
  return seq2_chars(f);
}

uint16_t str_char_at(Value s, size_t index) {
  Value f = flat_of(s);
  if (f == VAL_HOLE) PT_FATAL("str_char_at on a rope: call str_flatten first");
  PT_DCHECK(index < str_length(f));
  if (str_type(f) == IT_SEQ_ONE_BYTE_STRING) return seq1_chars(f)[index];
  return seq2_chars(f)[index];
}

/* ---- Rope traversal --------------------------------------------------------------------------- */

/* Visits the flat pieces of a string in order. The stack holds right children still to visit. */
typedef struct RopeCursor {
  Value *stack;
  size_t len, cap;
  Value inline_stack[32];
} RopeCursor;

static void cursor_init(RopeCursor *c, Value s) {
  c->stack = c->inline_stack;
  c->cap = PT_ARRAY_LEN(c->inline_stack);
  c->stack[0] = s;
  c->len = 1;
}

static void cursor_push(RopeCursor *c, Value v) {
  if (c->len == c->cap) {
    size_t ncap = c->cap * 2;
    Value *n = c->stack == c->inline_stack ? malloc(ncap * sizeof(Value))
                                          : realloc(c->stack, ncap * sizeof(Value));
    /* Only reachable for a rope millions deep with no memory left: there is no isolate here to
     * throw on, and the string functions that use cursors cannot fail. */
    if (!n) PT_FATAL("out of memory walking a string rope");
    if (c->stack == c->inline_stack) memcpy(n, c->inline_stack, sizeof c->inline_stack);
    c->stack = n;
    c->cap = ncap;
  }
  c->stack[c->len++] = v;
}

/* The next non-empty flat piece, or VAL_HOLE at the end. */
static Value cursor_next(RopeCursor *c) {
  while (c->len) {
    Value node = c->stack[--c->len];
    for (;;) {
      Value f = flat_of(node);
      if (f != VAL_HOLE) {
        if (str_length(f)) return f;
        break;
      }
      ConsString *cs = (ConsString *)val_to_ptr(node);
      cursor_push(c, cs->second);
      node = cs->first;
    }
  }
  return VAL_HOLE;
}

static void cursor_free(RopeCursor *c) {
  if (c->stack != c->inline_stack) free(c->stack);
}

/* Copies all of s into out, as bytes (s must be one-byte) or as UTF-16 units. */
/* Flattening a 100 MB rope copies (and faults in) 100 MB: in pieces of this many units, with an
 * interrupt check between them, so that termination does not wait for the whole copy. */
#define FLATTEN_POLL_UNITS ((size_t)1 << 20)

/* Copies a piece of a rope to out8/out16 at k; with `iso`, polls between big chunks (false:
 * unwinding, exception pending). */
static bool copy_piece(Isolate *iso, Value piece, uint8_t *out8, uint16_t *out16, size_t k) {
  size_t n = str_length(piece);
  for (size_t done = 0; done < n;) {
    size_t m = n - done < FLATTEN_POLL_UNITS ? n - done : FLATTEN_POLL_UNITS;
    if (str_type(piece) == IT_SEQ_ONE_BYTE_STRING) {
      const uint8_t *src = ((SeqOneByteString *)val_to_ptr(piece))->chars + done;
      if (out8) memcpy(out8 + k + done, src, m);
      else
        for (size_t i = 0; i < m; i++) out16[k + done + i] = src[i];
    } else {
      PT_DCHECK(!out8);
      memcpy(out16 + k + done, ((SeqTwoByteString *)val_to_ptr(piece))->chars + done, m * 2);
    }
    done += m;
    if (iso && m == FLATTEN_POLL_UNITS && !isolate_poll(iso)) return false;
  }
  return true;
}

/* copy_all with interrupt checks (str_flatten of big ropes). */
static bool copy_all_interruptible(Isolate *iso, Value s, uint8_t *out8, uint16_t *out16) {
  RopeCursor cur;
  cursor_init(&cur, s);
  size_t k = 0, since_poll = 0;
  Value piece;
  bool ok = true;
  while ((piece = cursor_next(&cur)) != VAL_HOLE) {
    size_t n = str_length(piece);
    if (!copy_piece(iso, piece, out8, out16, k)) {
      ok = false;
      break;
    }
    k += n;
    since_poll += n + 16; /* many small pieces cost too */
    if (since_poll >= FLATTEN_POLL_UNITS) {
      since_poll = 0;
      if (!isolate_poll(iso)) {
        ok = false;
        break;
      }
    }
  }
  cursor_free(&cur);
  return ok;
}

static void copy_all(Value s, uint8_t *out8, uint16_t *out16) {
  RopeCursor cur;
  cursor_init(&cur, s);
  size_t k = 0;
  Value piece;
  while ((piece = cursor_next(&cur)) != VAL_HOLE) {
    uint32_t n = str_length(piece);
    if (str_type(piece) == IT_SEQ_ONE_BYTE_STRING) {
      const uint8_t *src = seq1_chars(piece);
      if (out8) memcpy(out8 + k, src, n);
      else
        for (uint32_t i = 0; i < n; i++) out16[k + i] = src[i];
    } else {
      PT_DCHECK(!out8);
      memcpy(out16 + k, seq2_chars(piece), (size_t)n * 2);
    }
    k += n;
  }
  cursor_free(&cur);
}

void str_copy_utf16(Value s, size_t start, size_t count, uint16_t *out) {
  if (!count) return;
  Value f = flat_of(s);
  if (f != VAL_HOLE) {
    if (str_type(f) == IT_SEQ_ONE_BYTE_STRING) {
      const uint8_t *src = seq1_chars(f) + start;
      for (size_t i = 0; i < count; i++) out[i] = src[i];
    } else {
      memcpy(out, seq2_chars(f) + start, count * 2);
    }
    return;
  }
  RopeCursor cur;
  cursor_init(&cur, s);
  size_t pos = 0, end = start + count;
  Value piece;
  while (pos < end && (piece = cursor_next(&cur)) != VAL_HOLE) {
    size_t n = str_length(piece);
    if (pos + n > start) {
      size_t from = start > pos ? start - pos : 0;
      size_t to = end - pos < n ? end - pos : n;
      str_copy_utf16(piece, from, to - from, out + (pos + from - start));
    }
    pos += n;
  }
  cursor_free(&cur);
}

Value str_flatten(Isolate *iso, Value s) {
  Value f = flat_of(s);
  if (f != VAL_HOLE) return f;
  ConsString *cs = (ConsString *)val_to_ptr(s);
  size_t n = cs->s.length;
  Value flat;
  if (cs->s.flags & STR_ONE_BYTE) {
    uint8_t *out;
    flat = str_alloc_latin1(iso, n, &out);
    if (flat == VAL_EXCEPTION) return flat;
    if (!copy_all_interruptible(iso, s, out, NULL)) return VAL_EXCEPTION;
  } else {
    uint16_t *out;
    flat = str_alloc_utf16(iso, n, &out);
    if (flat == VAL_EXCEPTION) return flat;
    if (!copy_all_interruptible(iso, s, NULL, out)) return VAL_EXCEPTION;
  }
  StringHeader *fh = str_header(flat);
  if (cs->s.flags & STR_HASH_COMPUTED) {
    fh->hash = cs->s.hash;
    fh->flags |= STR_HASH_COMPUTED;
  }
  WRITE_FIELD(cs, cs->first, flat);
  cs->second = VAL_UNDEFINED;
  cs->s.flags |= STR_FLATTENED;
  return flat;
}

/* ---- Concatenation and substrings ------------------------------------------------------------- */

Value str_concat(Isolate *iso, Value a, Value b) {
  size_t la = str_length(a), lb = str_length(b);
  if (la == 0) return b;
  if (lb == 0) return a;
  size_t n = la + lb;
  if (n > STR_MAX_LENGTH) return throw_invalid_length(iso);
  bool one_byte = str_is_one_byte(a) && str_is_one_byte(b);
  if (n < STR_MIN_CONS_LENGTH) {
    if (one_byte) {
      uint8_t *out;
      Value r = str_alloc_latin1(iso, n, &out);
      if (r == VAL_EXCEPTION) return r;
      copy_all(a, out, NULL);
      copy_all(b, out + la, NULL);
      return r;
    }
    uint16_t *out;
    Value r = str_alloc_utf16(iso, n, &out);
    if (r == VAL_EXCEPTION) return r;
    copy_all(a, NULL, out);
    copy_all(b, NULL, out + la);
    return r;
  }
  ConsString *c = heap_alloc(iso, sizeof(ConsString), map_for_type(iso, IT_CONS_STRING));
  if (!c) return VAL_EXCEPTION;
  c->s.length = (uint32_t)n;
  c->s.flags = one_byte ? STR_ONE_BYTE : 0;
  c->first = a;
  c->second = b;
  return val_from_ptr(c);
}

Value str_substring(Isolate *iso, Value s, size_t start, size_t end) {
  size_t len = str_length(s);
  if (end > len) end = len;
  if (start >= end) return str_new_latin1(iso, NULL, 0);
  if (start == 0 && end == len) return s;
  Value f = str_flatten(iso, s);
  if (f == VAL_EXCEPTION) return f;
  if (str_type(f) == IT_SEQ_ONE_BYTE_STRING)
    return str_new_latin1(iso, seq1_chars(f) + start, end - start);
  /* str_new_utf16 narrows when the slice is all Latin-1. */
  return str_new_utf16(iso, seq2_chars(f) + start, end - start);
}

/* ---- Comparison and hashing ------------------------------------------------------------------- */

/* Compares two sequences of pieces unit by unit: returns <0, 0, >0 like memcmp, or the length
 * difference when one is a prefix of the other. */
static int compare_units(Value a, Value b) {
  Value fa = flat_of(a), fb = flat_of(b);
  size_t la = str_length(a), lb = str_length(b), n = la < lb ? la : lb;
  if (fa != VAL_HOLE && fb != VAL_HOLE) {
    bool oa = str_type(fa) == IT_SEQ_ONE_BYTE_STRING, ob = str_type(fb) == IT_SEQ_ONE_BYTE_STRING;
    if (oa && ob) {
      int r = n ? memcmp(seq1_chars(fa),
                         seq1_chars(fb), n)
                : 0;
      if (r) return r;
    } else {
      for (size_t i = 0; i < n; i++) {
        uint16_t x = str_char_at(fa, i), y = str_char_at(fb, i);
        if (x != y) return x < y ? -1 : 1;
      }
    }
    return la < lb ? -1 : la > lb;
  }
  /* At least one rope: walk both piece by piece. */
  RopeCursor ca, cb;
  cursor_init(&ca, a);
  cursor_init(&cb, b);
  Value pa = VAL_HOLE, pb = VAL_HOLE;
  size_t ia = 0, ib = 0, na = 0, nb = 0;
  int result = 0;
  for (size_t k = 0; k < n; k++) {
    if (ia == na) {
      pa = cursor_next(&ca);
      ia = 0;
      na = str_length(pa);
    }
    if (ib == nb) {
      pb = cursor_next(&cb);
      ib = 0;
      nb = str_length(pb);
    }
    uint16_t x = str_char_at(pa, ia++), y = str_char_at(pb, ib++);
    if (x != y) {
      result = x < y ? -1 : 1;
      break;
    }
  }
  cursor_free(&ca);
  cursor_free(&cb);
  if (result) return result;
  return la < lb ? -1 : la > lb;
}

bool str_equals(Value a, Value b) {
  if (a == b) return true;
  StringHeader *ha = str_header(a), *hb = str_header(b);
  if (ha->length != hb->length) return false;
  if ((ha->flags & hb->flags & STR_INTERNALIZED)) return false;
  if ((ha->flags & hb->flags & STR_HASH_COMPUTED) && ha->hash != hb->hash) return false;
  return compare_units(a, b) == 0;
}

int str_compare(Value a, Value b) {
  if (a == b) return 0;
  int r = compare_units(a, b);
  return r < 0 ? -1 : r > 0;
}

bool str_equals_cstr(Value s, const char *cstr) {
  size_t n = strlen(cstr);
  if (str_length(s) != n) return false;
  Value f = flat_of(s);
  if (f == VAL_HOLE) PT_FATAL("str_equals_cstr on a rope: call str_flatten first");
  for (size_t i = 0; i < n; i++)
    if (str_char_at(f, i) != (uint8_t)cstr[i]) return false;
  return true;
}

uint32_t str_hash(Isolate *iso, Value s) {
  StringHeader *h = str_header(s);
  if (h->flags & STR_HASH_COMPUTED) return h->hash;
  uint32_t hash;
  Value f = flat_of(s);
  if (f != VAL_HOLE) {
    if (str_type(f) == IT_SEQ_ONE_BYTE_STRING)
      hash = pt_hash_latin1(iso->hash_seed, seq1_chars(f), h->length);
    else
      hash = pt_hash_utf16(iso->hash_seed, seq2_chars(f), h->length);
  } else {
    /* The hash is incremental over units, so hashing piece by piece equals hashing the flat
     * string, and needs no allocation. */
    RopeCursor cur;
    cursor_init(&cur, s);
    uint32_t acc = pt_hash_begin(iso->hash_seed);
    Value piece;
    while ((piece = cursor_next(&cur)) != VAL_HOLE) {
      uint32_t n = str_length(piece);
      for (uint32_t i = 0; i < n; i++) acc = pt_hash_add(acc, str_char_at(piece, i));
    }
    cursor_free(&cur);
    hash = pt_hash_finish(acc);
  }
  h->hash = hash;
  h->flags |= STR_HASH_COMPUTED;
  return hash;
}

bool str_as_array_index(Value s, uint32_t *index) {
  uint32_t n = str_length(s);
  if (n == 0 || n > 10) return false;
  Value f = flat_of(s);
  if (f == VAL_HOLE) return false; /* ropes are never shorter than STR_MIN_CONS_LENGTH units */
  uint16_t c0 = str_char_at(f, 0);
  if (c0 < '0' || c0 > '9' || (c0 == '0' && n > 1)) return false;
  uint64_t v = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint16_t c = str_char_at(f, i);
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > 4294967294ull) return false;
  *index = (uint32_t)v;
  return true;
}

/* ---- UTF-8 output ----------------------------------------------------------------------------- */

static char *to_utf8(Isolate *iso, Value s, size_t *length_out, bool wtf8) {
  size_t n = str_length(s);
  Value f = flat_of(s);
  uint16_t *tmp = NULL;
  const uint16_t *units = NULL;
  const uint8_t *bytes = NULL;
  if (f != VAL_HOLE && str_type(f) == IT_SEQ_ONE_BYTE_STRING) {
    bytes = seq1_chars(f);
  } else if (f != VAL_HOLE) {
    units = seq2_chars(f);
  } else {
    tmp = malloc(n ? n * 2 : 1);
    if (!tmp) {
      isolate_throw_oom(iso);
      return NULL;
    }
    str_copy_utf16(s, 0, n, tmp);
    units = tmp;
  }
  size_t bytes_needed = bytes ? pt_latin1_utf8_length(bytes, n) : pt_utf16_utf8_length(units, n);
  char *out = malloc(bytes_needed + 1);
  if (!out) {
    free(tmp);
    isolate_throw_oom(iso);
    return NULL;
  }
  size_t k = bytes ? pt_latin1_to_utf8(bytes, n, out) : pt_utf16_to_utf8(units, n, out, wtf8);
  out[k] = 0;
  free(tmp);
  if (length_out) *length_out = k;
  return out;
}

char *str_to_utf8(Isolate *iso, Value s, size_t *length_out) { return to_utf8(iso, s, length_out, false); }
char *str_to_wtf8(Isolate *iso, Value s, size_t *length_out) { return to_utf8(iso, s, length_out, true); }

/* ---- StringBuilder ---------------------------------------------------------------------------- */

void sb_init(StringBuilder *sb, Isolate *iso) {
  sb->iso = iso;
  sb->chars = NULL;
  sb->length = sb->capacity = 0;
  sb->one_byte = true;
  sb->failed = sb->too_long = false;
}

static bool sb_reserve(StringBuilder *sb, size_t extra) {
  if (sb->failed) return false;
  size_t need = sb->length + extra;
  if (need > STR_MAX_LENGTH) {
    sb->failed = sb->too_long = true;
    return false;
  }
  if (need <= sb->capacity) return true;
  size_t cap = sb->capacity ? sb->capacity * 2 : 32;
  while (cap < need) cap *= 2;
  uint16_t *n = realloc(sb->chars, cap * 2);
  if (!n) {
    sb->failed = true;
    return false;
  }
  sb->chars = n;
  sb->capacity = cap;
  return true;
}

void sb_append_unit(StringBuilder *sb, uint16_t unit) {
  if (!sb_reserve(sb, 1)) return;
  sb->chars[sb->length++] = unit;
  if (unit > 0xFF) sb->one_byte = false;
}

void sb_append_code_point(StringBuilder *sb, uint32_t cp) {
  if (cp < 0x10000) {
    sb_append_unit(sb, (uint16_t)cp);
    return;
  }
  cp -= 0x10000;
  sb_append_unit(sb, (uint16_t)(0xD800 + (cp >> 10)));
  sb_append_unit(sb, (uint16_t)(0xDC00 + (cp & 0x3FF)));
}

void sb_append_cstr(StringBuilder *sb, const char *ascii) {
  size_t n = strlen(ascii);
  if (!sb_reserve(sb, n)) return;
  for (size_t i = 0; i < n; i++) sb->chars[sb->length + i] = (uint8_t)ascii[i];
  sb->length += n;
}

void sb_append_string(StringBuilder *sb, Value s) {
  size_t n = str_length(s);
  if (!sb_reserve(sb, n)) return;
  str_copy_utf16(s, 0, n, sb->chars + sb->length);
  sb->length += n;
  if (!str_is_one_byte(s)) sb->one_byte = false;
}

Value sb_finish(StringBuilder *sb) {
  Value r;
  if (sb->failed) {
    r = sb->too_long ? throw_invalid_length(sb->iso) : isolate_throw_oom(sb->iso);
  } else if (sb->one_byte) {
    uint8_t *out;
    r = str_alloc_latin1(sb->iso, sb->length, &out);
    if (r != VAL_EXCEPTION)
      for (size_t i = 0; i < sb->length; i++) out[i] = (uint8_t)sb->chars[i];
  } else {
    r = str_new_utf16(sb->iso, sb->chars, sb->length);
  }
  sb_discard(sb);
  return r;
}

void sb_discard(StringBuilder *sb) {
  free(sb->chars);
  sb->chars = NULL;
  sb->length = sb->capacity = 0;
}
