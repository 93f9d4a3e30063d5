/*
 * The string table: every internalized string, in an open-addressing hash table keyed by contents.
 * Internalizing a sequential string flags it in place (STR_INTERNALIZED) rather than copying, so
 * equal internalized strings are the same object and compare by pointer.
 *
 * The table is weak: it does not keep strings alive. After marking, str_table_sweep turns slots of
 * unmarked strings into tombstones (names and property keys stay alive through their holders).
 */
#include "objects/string.h"

#include "base/hash.h"
#include "heap/heap-internal.h"

#include <stdlib.h>

#define SLOT_EMPTY ((Value)0)
#define SLOT_DELETED ((Value)1)

typedef struct StringTable {
  Value *slots;
  size_t cap, count, deleted;
} StringTable;

int str_table_init(Isolate *iso) {
  StringTable *t = calloc(1, sizeof *t);
  if (!t) return -1;
  t->cap = 1024;
  t->slots = calloc(t->cap, sizeof(Value));
  if (!t->slots) {
    free(t);
    return -1;
  }
  iso->string_table = t;
  return 0;
}

void str_table_free(Isolate *iso) {
  StringTable *t = iso->string_table;
  if (!t) return;
  free(t->slots);
  free(t);
  iso->string_table = NULL;
}

static bool live_slot(Value v) { return v != SLOT_EMPTY && v != SLOT_DELETED; }

static bool grow(StringTable *t) {
  size_t ncap = t->cap;
  if ((t->count + 1) * 2 > t->cap) ncap = t->cap * 2; /* else only tombstones: rehash in place */
  Value *n = calloc(ncap, sizeof(Value));
  if (!n) return false;
  for (size_t i = 0; i < t->cap; i++) {
    Value v = t->slots[i];
    if (!live_slot(v)) continue;
    size_t j = str_header(v)->hash & (ncap - 1);
    while (n[j] != SLOT_EMPTY) j = (j + 1) & (ncap - 1);
    n[j] = v;
  }
  free(t->slots);
  t->slots = n;
  t->cap = ncap;
  t->deleted = 0;
  return true;
}

/* Finds the slot holding a string equal to `probe` (flat), or NULL; *insert_at gets the first
 * free slot of the probe sequence. */
static Value *find(StringTable *t, uint32_t hash, Value probe, const uint8_t *latin1, size_t len,
                   Value **insert_at) {
  size_t mask = t->cap - 1, i = hash & mask;
  Value *first_free = NULL;
  for (;;) {
    Value v = t->slots[i];
    if (v == SLOT_EMPTY) {
      if (!first_free) first_free = &t->slots[i];
      break;
    }
    if (v == SLOT_DELETED) {
      if (!first_free) first_free = &t->slots[i];
    } else {
      StringHeader *h = str_header(v);
      if (h->hash == hash && h->length == len) {
        if (probe != VAL_HOLE) {
          if (str_equals(v, probe)) return &t->slots[i];
        } else if (str_is_one_byte(v) && memcmp(str_latin1_chars(v), latin1, len) == 0) {
          return &t->slots[i];
        }
      }
    }
    i = (i + 1) & mask;
  }
  if (insert_at) *insert_at = first_free;
  return NULL;
}

static int ensure_room(Isolate *iso, StringTable *t) {
  if ((t->count + t->deleted + 1) * 4 > t->cap * 3 || (t->count + 1) * 2 > t->cap) {
    if (!grow(t)) {
      isolate_throw_oom(iso);
      return -1;
    }
  }
  return 0;
}

/* A sequential copy of flat string s in old space, its hash included (the characters of an
 * external string are copied into the heap). */
static Value old_space_copy(Isolate *iso, Value s) {
  size_t length = str_length(s);
  bool one_byte = str_is_one_byte(s);
  size_t size = one_byte ? sizeof(SeqOneByteString) + length : sizeof(SeqTwoByteString) + length * 2;
  InstanceType type = one_byte ? IT_SEQ_ONE_BYTE_STRING : IT_SEQ_TWO_BYTE_STRING;
  StringHeader *copy = heap_alloc_old(iso, size, map_for_type(iso, type));
  if (!copy) return VAL_EXCEPTION;
  const StringHeader *src = str_header(s); /* s is pinned by the stack scan: it did not move */
  copy->length = src->length;
  copy->hash = src->hash;
  copy->flags = src->flags & (STR_HASH_COMPUTED | STR_ONE_BYTE);
  if (one_byte) memcpy(((SeqOneByteString *)copy)->chars, str_latin1_chars(s), length);
  else memcpy(((SeqTwoByteString *)copy)->chars, str_utf16_chars(s), length * 2);
  return val_from_ptr(copy);
}

Value str_intern(Isolate *iso, Value s) {
  if (str_is_internalized(s)) return s;
  Value flat = str_flatten(iso, s);
  if (flat == VAL_EXCEPTION) return flat;
  if (str_is_internalized(flat)) return flat;
  StringTable *t = iso->string_table;
  if (ensure_room(iso, t) < 0) return VAL_EXCEPTION;
  uint32_t hash = str_hash(iso, flat);
  Value *slot;
  Value *found = find(t, hash, flat, NULL, str_length(flat), &slot);
  if (found) return *found;
  if (heap_in_young(val_to_ptr(flat))) {
    /* Property keys never move: C code collects keys in malloc'd lists (obj_collect_own_keys...)
     * across allocations, which a moving young generation would leave stale. So, as in V8, the
     * table holds an old-space copy of a young string. (Pinning the young string instead kept
     * its whole nursery page alive as a pinned page: 388 of Typescript's 438 such pages, 50 MB
     * holding 200 KB.) The allocation may collect, which may shrink the table: look again. */
    flat = old_space_copy(iso, flat);
    if (flat == VAL_EXCEPTION) return flat;
    if (ensure_room(iso, t) < 0) return VAL_EXCEPTION;
    found = find(t, hash, flat, NULL, str_length(flat), &slot);
    if (found) return *found;
  }
  if (*slot == SLOT_DELETED) t->deleted--;
  *slot = flat;
  t->count++;
  str_header(flat)->flags |= STR_INTERNALIZED;
  return flat;
}

Value str_lookup_latin1(Isolate *iso, const uint8_t *chars, size_t length) {
  uint32_t hash = pt_hash_latin1(iso->hash_seed, chars, length);
  Value *found = find(iso->string_table, hash, VAL_HOLE, chars, length, NULL);
  return found ? *found : VAL_NOT_FOUND;
}

Value str_intern_cstr(Isolate *iso, const char *s) {
  size_t n = strlen(s);
  bool ascii = true;
  for (size_t i = 0; i < n; i++)
    if ((uint8_t)s[i] >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    Value found = str_lookup_latin1(iso, (const uint8_t *)s, n);
    if (found != VAL_NOT_FOUND) return found;
  }
  Value str = str_new_utf8(iso, s, n);
  if (str == VAL_EXCEPTION) return str;
  return str_intern(iso, str);
}

void str_table_sweep(Isolate *iso) {
  StringTable *t = iso->string_table;
  if (!t) return;
  for (size_t i = 0; i < t->cap; i++) {
    Value v = t->slots[i];
    if (!live_slot(v)) continue;
    /* In a scavenge a surviving string may have moved: the slot follows it. */
    HeapObject *now = heap_weak_forward(val_to_ptr(v));
    if (now) {
      t->slots[i] = val_from_ptr(now);
    } else {
      t->slots[i] = SLOT_DELETED;
      t->count--;
      t->deleted++;
    }
  }
}

void str_table_visit(Isolate *iso, HeapVisitor *v) {
  StringTable *t = iso->string_table;
  if (!t) return;
  for (size_t i = 0; i < t->cap; i++)
    if (live_slot(t->slots[i])) heap_visit_value(v, &t->slots[i]);
}
