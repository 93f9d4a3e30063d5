/*
 * An insertion-ordered hash table stored in one heap array: the backing store of Map, Set,
 * WeakMap and WeakSet (ECMA-262 24.1-24.4).
 *
 * Layout (a FixedArray for strong tables, an IT_WEAK_CELL array, whose contents the collector
 * does not trace, for weak ones):
 *   [OHT_USED]     int: entries appended so far (live or deleted): the next entry index
 *   [OHT_LIVE]     int: live entries (the collection's size)
 *   [OHT_BUCKETS]  int: bucket count, a power of two
 *   [OHT_NEXT]     the table that replaced this one (after a rehash or clear), else undefined
 *   [OHT_CLEARED]  true when this table was replaced by clear(), else false
 *   then OHT_BUCKETS ints (first entry of each chain, -1 for none),
 *   then 2 * buckets entries of OHT_ENTRY_SIZE Values: key, value, chain (next entry or -1).
 *
 * A deleted entry keeps its place with key VAL_HOLE, so an iterator (table, index) walking the
 * entries in order sees entries appended during iteration and skips deleted ones. A rehash
 * builds a new compacted table and leaves the old one intact, pointing to the new one: an
 * iterator still on the old table moves over by counting the live entries before its index
 * (oht_iterator_transition). clear() likewise leaves a forward pointer, marked "cleared", which
 * sends iterators to index 0 of the new table. This is V8's OrderedHashTable scheme.
 *
 * Keys compare with SameValueZero; callers normalize -0 to +0 (oht_normalize_key) so equal
 * numbers have equal bits. Objects and symbols hash by address (the collector does not move).
 */
#ifndef PETREL_OBJECTS_ORDERED_HASH_TABLE_H
#define PETREL_OBJECTS_ORDERED_HASH_TABLE_H

#include "heap/fixed-array.h"

enum { OHT_USED, OHT_LIVE, OHT_BUCKETS, OHT_NEXT, OHT_CLEARED, OHT_HEADER };
#define OHT_ENTRY_SIZE 3

static inline int32_t oht_int(const FixedArray *t, uint32_t i) { return val_to_int(t->data[i]); }
static inline uint32_t oht_used(const FixedArray *t) { return (uint32_t)oht_int(t, OHT_USED); }
static inline uint32_t oht_size(const FixedArray *t) { return (uint32_t)oht_int(t, OHT_LIVE); }
static inline uint32_t oht_entry_slot(const FixedArray *t, uint32_t entry) {
  return OHT_HEADER + (uint32_t)oht_int(t, OHT_BUCKETS) + entry * OHT_ENTRY_SIZE;
}
static inline Value oht_key_at(const FixedArray *t, uint32_t entry) { return t->data[oht_entry_slot(t, entry)]; }
static inline Value oht_value_at(const FixedArray *t, uint32_t entry) {
  return t->data[oht_entry_slot(t, entry) + 1];
}
static inline void oht_set_value_at(FixedArray *t, uint32_t entry, Value v) {
  WRITE_FIELD(t, t->data[oht_entry_slot(t, entry) + 1], v);
}

/* -0 becomes +0, integral doubles their int32 form: SameValueZero-equal keys get equal bits. */
Value oht_normalize_key(Value key);

/* A new empty table (weak: an IT_WEAK_CELL array). NULL with the OOM error pending. */
FixedArray *oht_new(Isolate *iso, bool weak);
/* The entry index holding key, or -1. Never throws, never runs JavaScript. */
int32_t oht_find(Isolate *iso, const FixedArray *t, Value key);
/* Adds or updates key (normalized) -> value. Returns the table to keep (a new one after a
 * rehash) or NULL with an exception pending (out of memory, or the maximum size exceeded). */
FixedArray *oht_set(Isolate *iso, FixedArray *t, Value key, Value value);
/* Deletes key; true if it was present. */
bool oht_delete(Isolate *iso, FixedArray *t, Value key);
/* Empties the collection: returns the new empty table to keep (NULL on OOM). */
FixedArray *oht_clear(Isolate *iso, FixedArray *t);
/* Deletes entry `entry` (used by the collector's weak processing: no allocation). */
void oht_delete_entry(FixedArray *t, uint32_t entry);

/* Follows the forward pointers of a replaced table, adjusting an iterator's index. */
void oht_iterator_transition(FixedArray **t, uint32_t *index);

/* Registers the IT_WEAK_CELL layout (idempotent). */
void oht_register_types(void);

#endif
