/*
 * Ordered hash tables for dictionary-mode properties (IT_PROPERTY_DICTIONARY) and sparse or
 * attributed elements (IT_NUMBER_DICTIONARY). One implementation serves both: keys are canonical
 * property keys (internalized String, Symbol, or an array-index number), compared by Value bits.
 *
 * Entries are kept in insertion order (a deleted entry leaves a tombstone until the next rehash),
 * which gives OrdinaryOwnPropertyKeys' creation order without sorting. A separate open-addressing
 * index of int32 entry numbers finds a key.
 */
#ifndef PETREL_OBJECTS_DICTIONARY_H
#define PETREL_OBJECTS_DICTIONARY_H

#include "objects/map.h"

typedef struct Dictionary {
  HeapObject header;
  uint32_t capacity;   /* entry slots */
  uint32_t used;       /* entry slots used so far, tombstones included */
  uint32_t live;       /* live entries */
  uint32_t index_size; /* power of two, >= 2 * capacity */
  Value entries[];     /* 3 per entry: key (VAL_HOLE when deleted), value, details (int) */
  /* followed by int32_t index[index_size] (-1 empty), not visited */
} Dictionary;

#define DICT_KEY(d, i) ((d)->entries[3 * (i)])
#define DICT_VALUE(d, i) ((d)->entries[3 * (i) + 1])
#define DICT_DETAILS(d, i) ((d)->entries[3 * (i) + 2])

/* A new empty dictionary of the given type (IT_PROPERTY_DICTIONARY / IT_NUMBER_DICTIONARY). */
Dictionary *dict_new(Isolate *iso, InstanceType type, uint32_t capacity);
/* Entry number of key, or -1. */
int32_t dict_find(Isolate *iso, const Dictionary *d, Value key);
/* Adds or replaces key; may reallocate: returns the (possibly new) dictionary, NULL on OOM.
 * The caller stores the result back into its owner with WRITE_FIELD. */
Dictionary *dict_put(Isolate *iso, Dictionary *d, Value key, Value value, int details);
/* Deletes entry i (a tombstone). */
void dict_remove(Dictionary *d, int32_t i);
/* Sets entry i's value through the write barrier. */
void dict_set_value(Dictionary *d, int32_t i, Value value);

void dict_register_types(void);

#endif
