/*
 * Shared pieces of the keyed collections (map.c, set.c, weak-map.c): the object layout, the
 * receiver checks and the Map/Set iterators.
 */
#ifndef PETREL_BUILTINS_COLLECTIONS_H
#define PETREL_BUILTINS_COLLECTIONS_H

#include "builtins/iterator.h"
#include "execution/realm.h"
#include "objects/js-object.h"
#include "objects/ordered-hash-table.h"

/* Map, Set, WeakMap and WeakSet objects (IT_JS_MAP, IT_JS_SET, IT_JS_WEAK_MAP, IT_JS_WEAK_SET). */
typedef struct JSCollection {
  JSObject base;
  Value table; /* ordered-hash-table.h; a weak table for WeakMap/WeakSet */
} JSCollection;

static inline FixedArray *collection_table(Value obj) {
  return (FixedArray *)val_to_ptr(((JSCollection *)val_to_ptr(obj))->table);
}
static inline void collection_set_table(Value obj, FixedArray *t) {
  JSCollection *c = (JSCollection *)val_to_ptr(obj);
  WRITE_FIELD(c, c->table, val_from_ptr(t));
}
static inline bool collection_is(Value v, InstanceType type) {
  return val_is_pointer(v) && val_instance_type(v) == type;
}

/* The object of `type` for `method`'s receiver, or VAL_EXCEPTION with V8's TypeError
 * "Method <method> called on incompatible receiver <v>". */
Value collection_this(Isolate *iso, const CallArgs *args, InstanceType type, const char *method);
/* OrdinaryCreateFromConstructor for a collection with an empty table. */
Value collection_new(Isolate *iso, Value new_target, InstanceType type, Intrinsic proto);
/* The constructors' shared tail: adds every entry of iterable through this.set/this.add
 * (AddEntriesFromIterable for maps when `pairs`). Returns obj or VAL_EXCEPTION. */
Value collection_fill(Isolate *iso, Value obj, Value iterable, const char *adder_name, bool pairs);

/* Map.prototype and Set.prototype delete, clear, size and forEach for a receiver of `type`
 * (IT_JS_MAP or IT_JS_SET); `method` names the method in the receiver TypeError. */
Value collection_delete(Isolate *iso, const CallArgs *args, InstanceType type, const char *method);
Value collection_clear(Isolate *iso, const CallArgs *args, InstanceType type, const char *method);
Value collection_size(Isolate *iso, const CallArgs *args, InstanceType type, const char *method);
Value collection_for_each(Isolate *iso, const CallArgs *args, InstanceType type, const char *method);

/* CreateMapIterator / CreateSetIterator over a Map or Set. */
Value collection_create_iterator(Isolate *iso, Value coll, IterKind kind, bool is_set);
/* Sets up %MapIteratorPrototype% or %SetIteratorPrototype%. */
int collection_install_iterator_prototype(Isolate *iso, Realm *realm, bool is_set);

/* Walks a collection's live entries: start with *table = collection_table(coll) and *index = 0;
 * each call follows table replacements (rehash, clear) and returns the next live entry, or false
 * at the end. Used by forEach and the Set methods, which run user code between steps. */
bool collection_next_entry(FixedArray **table, uint32_t *index, Value *key, Value *value);

/* CanBeHeldWeakly (ECMA-262 9.13): objects and non-registered symbols. */
bool collection_can_be_held_weakly(Value v);

/* ---- Weak objects and the collector (weak-map.c) ----------------------------------------------
 * Every WeakMap, WeakSet, WeakRef and FinalizationRegistry is listed (raw pointers, not roots) in
 * its isolate's WeakState, so the collector's ephemeron and weak callbacks can find them; dead
 * ones are dropped from the lists in the weak phase. */
typedef struct WeakList {
  HeapObject **items;
  size_t len, cap;
} WeakList;

typedef struct WeakState {
  Isolate *iso;
  WeakList collections; /* WeakMap, WeakSet */
  WeakList refs;        /* WeakRef */
  WeakList registries;  /* FinalizationRegistry */
  Value *kept;          /* KeepDuringJob list (roots), cleared by a microtask after the job */
  size_t kept_len, kept_cap;
  bool kept_clear_scheduled;
  struct WeakState *next;
} WeakState;

/* The isolate's state, made (and hooked into the collector) on first use; NULL with OOM pending. */
WeakState *weak_state(Isolate *iso);
/* Appends obj to a list; -1 with OOM pending. */
int weak_list_add(Isolate *iso, WeakList *list, Value obj);
static inline int weak_collection_register(Isolate *iso, Value coll) {
  WeakState *st = weak_state(iso);
  return st ? weak_list_add(iso, &st->collections, coll) : -1;
}
/* ClearKeptObjects (ECMA-262 9.10.4.1): empties the KeepDuringJob list now (hosts call it at the
 * end of a job; test262's $262.clearKeptObjects). */
int weak_ref_clear_kept_objects(Isolate *iso); /* -1 with OOM pending */
/* Weak phase for WeakRefs and FinalizationRegistries (weak-ref.c); must not allocate. */
void weak_ref_process(Isolate *iso, WeakState *st);

#endif
