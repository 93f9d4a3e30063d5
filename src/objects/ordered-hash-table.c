/*
 * Insertion-ordered hash tables (ordered-hash-table.h).
 */
#include "objects/ordered-hash-table.h"

#include "runtime/runtime.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "objects/bigint.h"

#define OHT_MIN_BUCKETS 2u
/* FixedArray lengths are limited to 2^27 Values: 2^23 buckets need 7 * 2^23 + header < 2^26. */
#define OHT_MAX_BUCKETS ((uint32_t)1 << 23)

static size_t weak_array_size(const HeapObject *obj) {
  return sizeof(FixedArray) + (size_t)((const FixedArray *)obj)->length * sizeof(Value);
}
/* Weak tables: the collector marks the array but never traces its contents; the owners'
 * ephemeron and weak callbacks (builtins/weak-map.c) decide what survives. */
static void weak_array_visit(HeapObject *obj, HeapVisitor *v) {
  /* A minor collection clears nothing weak: it keeps (and updates) every entry. */
  if (heap_visitor_is_minor(v)) {
    FixedArray *a = (FixedArray *)obj;
    heap_visit_values(v, a->data, a->length);
  }
}

void oht_register_types(void) { heap_register_type(IT_WEAK_CELL, weak_array_size, weak_array_visit, NULL); }

Value oht_normalize_key(Value key) {
  if (val_is_double(key)) {
    double d = val_to_double_unchecked(key);
    if (d == 0) return val_from_int(0);
    return val_from_number(d);
  }
  return key;
}

static uint32_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return (uint32_t)x;
}

static uint32_t key_hash(Isolate *iso, Value key) {
  if (val_is_pointer(key)) {
    InstanceType t = val_instance_type(key);
    if (t <= IT_LAST_STRING) return str_hash(iso, key);
    if (t == IT_SYMBOL) return sym_hash(key);
    if (t == IT_BIGINT) return bigint_hash(key); /* equal values hash alike (normalized digits) */
    heap_note_address_hashed(val_to_ptr(key)); /* hashed by address: must not move */
  }
  return mix64(key);
}

static bool key_equals(Value a, Value b) {
  if (a == b) return true;
  if (!val_is_pointer(a) || !val_is_pointer(b)) return false;
  InstanceType ta = val_instance_type(a), tb = val_instance_type(b);
  if (ta <= IT_LAST_STRING && tb <= IT_LAST_STRING) return str_equals(a, b);
  if (ta == IT_BIGINT && tb == IT_BIGINT) return rt_same_value_zero(a, b);
  return false;
}

static FixedArray *table_alloc(Isolate *iso, uint32_t buckets, bool weak) {
  uint32_t len = OHT_HEADER + buckets + 2 * buckets * OHT_ENTRY_SIZE;
  FixedArray *t;
  if (weak) {
    t = heap_alloc(iso, sizeof(FixedArray) + (size_t)len * sizeof(Value), map_for_type(iso, IT_WEAK_CELL));
    if (t == NULL) return NULL;
    t->length = len;
    for (uint32_t i = 0; i < len; i++) t->data[i] = VAL_UNDEFINED;
  } else {
    t = fixed_array_new(iso, len, VAL_UNDEFINED);
    if (t == NULL) return NULL;
  }
  t->data[OHT_USED] = val_from_int(0);
  t->data[OHT_LIVE] = val_from_int(0);
  t->data[OHT_BUCKETS] = val_from_int((int32_t)buckets);
  t->data[OHT_NEXT] = VAL_UNDEFINED;
  t->data[OHT_CLEARED] = VAL_FALSE;
  for (uint32_t i = 0; i < buckets; i++) t->data[OHT_HEADER + i] = val_from_int(-1);
  return t;
}

static bool table_is_weak(const FixedArray *t) { return heap_object_type(&t->header) == IT_WEAK_CELL; }

FixedArray *oht_new(Isolate *iso, bool weak) { return table_alloc(iso, OHT_MIN_BUCKETS, weak); }

int32_t oht_find(Isolate *iso, const FixedArray *t, Value key) {
  uint32_t buckets = (uint32_t)oht_int(t, OHT_BUCKETS);
  uint32_t b = key_hash(iso, key) & (buckets - 1);
  for (int32_t e = oht_int(t, OHT_HEADER + b); e >= 0;) {
    uint32_t slot = oht_entry_slot(t, (uint32_t)e);
    if (key_equals(t->data[slot], key)) return e;
    e = val_to_int(t->data[slot + 2]);
  }
  return -1;
}

/* Appends without checking capacity or duplicates. */
static void table_append(Isolate *iso, FixedArray *t, Value key, Value value) {
  uint32_t buckets = (uint32_t)oht_int(t, OHT_BUCKETS);
  uint32_t b = key_hash(iso, key) & (buckets - 1);
  uint32_t e = oht_used(t);
  uint32_t slot = oht_entry_slot(t, e);
  WRITE_FIELD(t, t->data[slot], key);
  WRITE_FIELD(t, t->data[slot + 1], value);
  t->data[slot + 2] = t->data[OHT_HEADER + b];
  t->data[OHT_HEADER + b] = val_from_int((int32_t)e);
  t->data[OHT_USED] = val_from_int((int32_t)(e + 1));
  t->data[OHT_LIVE] = val_from_int(oht_int(t, OHT_LIVE) + 1);
}

/* A compacted copy with `buckets` buckets; the old table forwards to it. */
static FixedArray *table_rehash(Isolate *iso, FixedArray *t, uint32_t buckets) {
  FixedArray *n = table_alloc(iso, buckets, table_is_weak(t));
  if (n == NULL) return NULL;
  uint32_t used = oht_used(t);
  for (uint32_t e = 0; e < used; e++) {
    Value k = oht_key_at(t, e);
    if (k == VAL_HOLE) continue;
    table_append(iso, n, k, oht_value_at(t, e));
  }
  WRITE_FIELD(t, t->data[OHT_NEXT], val_from_ptr(n));
  return n;
}

FixedArray *oht_set(Isolate *iso, FixedArray *t, Value key, Value value) {
  key = oht_normalize_key(key);
  int32_t e = oht_find(iso, t, key);
  if (e >= 0) {
    oht_set_value_at(t, (uint32_t)e, value);
    return t;
  }
  uint32_t buckets = (uint32_t)oht_int(t, OHT_BUCKETS);
  if (oht_used(t) >= 2 * buckets) {
    uint32_t live = oht_size(t);
    uint32_t nb = buckets;
    if (live >= buckets) nb = buckets * 2;            /* more than half full of live entries: grow */
    else while (nb > OHT_MIN_BUCKETS && live < nb / 2) nb /= 2; /* mostly deleted: shrink */
    if (nb > OHT_MAX_BUCKETS) {
      rt_throw_range_error(iso, "Map maximum size exceeded");
      return NULL;
    }
    t = table_rehash(iso, t, nb);
    if (t == NULL) return NULL;
  }
  table_append(iso, t, key, value);
  return t;
}

void oht_delete_entry(FixedArray *t, uint32_t entry) {
  uint32_t slot = oht_entry_slot(t, entry);
  t->data[slot] = VAL_HOLE;
  t->data[slot + 1] = VAL_UNDEFINED;
  t->data[OHT_LIVE] = val_from_int(oht_int(t, OHT_LIVE) - 1);
}

bool oht_delete(Isolate *iso, FixedArray *t, Value key) {
  int32_t e = oht_find(iso, t, oht_normalize_key(key));
  if (e < 0) return false;
  oht_delete_entry(t, (uint32_t)e);
  return true;
}

FixedArray *oht_clear(Isolate *iso, FixedArray *t) {
  FixedArray *n = table_alloc(iso, OHT_MIN_BUCKETS, table_is_weak(t));
  if (n == NULL) return NULL;
  /* Drop the old entries so they are not kept alive by iterators still pointing here. */
  uint32_t used = oht_used(t);
  for (uint32_t e = 0; e < used; e++) {
    uint32_t slot = oht_entry_slot(t, e);
    t->data[slot] = VAL_HOLE;
    t->data[slot + 1] = VAL_UNDEFINED;
  }
  t->data[OHT_LIVE] = val_from_int(0);
  if (!table_is_weak(t)) {
    WRITE_FIELD(t, t->data[OHT_NEXT], val_from_ptr(n));
    t->data[OHT_CLEARED] = VAL_TRUE;
  }
  return n;
}

void oht_iterator_transition(FixedArray **tp, uint32_t *index) {
  FixedArray *t = *tp;
  uint32_t i = *index;
  while (t->data[OHT_NEXT] != VAL_UNDEFINED) {
    if (t->data[OHT_CLEARED] == VAL_TRUE) {
      i = 0;
    } else {
      /* The new table holds the live entries in order: our position there is the number of live
       * entries before i here (this table is frozen since it was replaced). */
      uint32_t live_before = 0, used = oht_used(t);
      for (uint32_t e = 0; e < i && e < used; e++)
        if (oht_key_at(t, e) != VAL_HOLE) live_before++;
      i = live_before;
    }
    t = (FixedArray *)val_to_ptr(t->data[OHT_NEXT]);
  }
  *tp = t;
  *index = i;
}
