/* Ordered hash tables for dictionary-mode properties and elements (see dictionary.h). */
#include "objects/dictionary.h"

#include "objects/string.h"

static int32_t *dict_index(const Dictionary *d) {
  return (int32_t *)(void *)((char *)d + sizeof(Dictionary) + 3 * (size_t)d->capacity * sizeof(Value));
}

static uint32_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return (uint32_t)x;
}

/* Keys are canonical: strings are internalized, so equal keys have equal bits. Strings hash by
 * content (cached); symbols by address, which is stable because this collector does not move.
 * TODO(moving GC): give symbols a stored hash. */
static uint32_t key_hash(Isolate *iso, Value key) {
  if (val_is_pointer(key) && heap_object_type(val_to_ptr(key)) <= IT_LAST_STRING) return mix64(str_hash(iso, key));
  return mix64(key);
}

static size_t dict_bytes(uint32_t capacity, uint32_t index_size) {
  return sizeof(Dictionary) + 3 * (size_t)capacity * sizeof(Value) + (size_t)index_size * sizeof(int32_t);
}

Dictionary *dict_new(Isolate *iso, InstanceType type, uint32_t capacity) {
  if (capacity < 4) capacity = 4;
  uint32_t index_size = 8;
  while (index_size < 2 * capacity) index_size *= 2;
  Dictionary *d = heap_alloc(iso, dict_bytes(capacity, index_size), iso->root_maps[type]);
  if (!d) return NULL;
  d->capacity = capacity;
  d->used = 0;
  d->live = 0;
  d->index_size = index_size;
  for (uint32_t i = 0; i < 3 * capacity; i++) d->entries[i] = VAL_UNDEFINED;
  int32_t *idx = dict_index(d);
  for (uint32_t i = 0; i < index_size; i++) idx[i] = -1;
  return d;
}

int32_t dict_find(Isolate *iso, const Dictionary *d, Value key) {
  const int32_t *idx = dict_index(d);
  uint32_t mask = d->index_size - 1;
  uint32_t h = key_hash(iso, key) & mask;
  for (;;) {
    int32_t e = idx[h];
    if (e < 0) return -1;
    if (DICT_KEY(d, e) == key) return e;
    h = (h + 1) & mask;
  }
}

static void dict_index_insert(Isolate *iso, Dictionary *d, Value key, int32_t entry) {
  int32_t *idx = dict_index(d);
  uint32_t mask = d->index_size - 1;
  uint32_t h = key_hash(iso, key) & mask;
  while (idx[h] >= 0) h = (h + 1) & mask;
  idx[h] = entry;
}

/* Copies live entries in order into a table with room for `need` more. */
static Dictionary *dict_grow(Isolate *iso, Dictionary *d, uint32_t need) {
  uint32_t cap = d->live + need;
  cap = cap < 8 ? 8 : cap + cap / 2;
  Dictionary *n = dict_new(iso, heap_object_type(&d->header), cap);
  if (!n) return NULL;
  for (uint32_t i = 0; i < d->used; i++) {
    Value k = DICT_KEY(d, i);
    if (k == VAL_HOLE) continue;
    uint32_t e = n->used++;
    WRITE_FIELD(n, DICT_KEY(n, e), k);
    WRITE_FIELD(n, DICT_VALUE(n, e), DICT_VALUE(d, i));
    DICT_DETAILS(n, e) = DICT_DETAILS(d, i);
    dict_index_insert(iso, n, k, (int32_t)e);
    n->live++;
  }
  return n;
}

Dictionary *dict_put(Isolate *iso, Dictionary *d, Value key, Value value, int details) {
  int32_t e = dict_find(iso, d, key);
  if (e >= 0) {
    WRITE_FIELD(d, DICT_VALUE(d, e), value);
    DICT_DETAILS(d, e) = val_from_int(details);
    return d;
  }
  if (d->used == d->capacity) {
    d = dict_grow(iso, d, 1);
    if (!d) return NULL;
  }
  uint32_t i = d->used++;
  WRITE_FIELD(d, DICT_KEY(d, i), key);
  WRITE_FIELD(d, DICT_VALUE(d, i), value);
  DICT_DETAILS(d, i) = val_from_int(details);
  dict_index_insert(iso, d, key, (int32_t)i);
  d->live++;
  return d;
}

/* The index keeps pointing at the tombstone, whose key (VAL_HOLE) matches nothing; probing
 * continues past it. */
void dict_remove(Dictionary *d, int32_t i) {
  DICT_KEY(d, i) = VAL_HOLE;
  DICT_VALUE(d, i) = VAL_UNDEFINED;
  DICT_DETAILS(d, i) = val_from_int(0);
  d->live--;
}

void dict_set_value(Dictionary *d, int32_t i, Value value) { WRITE_FIELD(d, DICT_VALUE(d, i), value); }

static size_t dict_size(const HeapObject *o) {
  const Dictionary *d = (const Dictionary *)o;
  return dict_bytes(d->capacity, d->index_size);
}
static void dict_visit(HeapObject *o, HeapVisitor *v) {
  Dictionary *d = (Dictionary *)o;
  heap_visit_values(v, d->entries, 3 * (size_t)d->capacity);
}

void dict_register_types(void) {
  heap_register_type(IT_PROPERTY_DICTIONARY, dict_size, dict_visit, NULL);
  heap_register_type(IT_NUMBER_DICTIONARY, dict_size, dict_visit, NULL);
}
