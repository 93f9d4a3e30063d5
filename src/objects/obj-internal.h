/* Private helpers shared by the objects module's files. Not for other modules. */
#ifndef PETREL_OBJECTS_OBJ_INTERNAL_H
#define PETREL_OBJECTS_OBJ_INTERNAL_H

#include "objects/dictionary.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"

/* ---- FixedArray access (heap/fixed-array.h defines the type) ------------------------------ */
typedef FixedArray FaView;
static inline FaView *fa(Value v) { return (FaView *)val_to_ptr(v); }
static inline uint32_t fa_length(Value v) { return fa(v)->length; }
/* A new FixedArray of `length` slots, each `fill`. NULL on OOM. */
static inline FaView *fa_new(Isolate *iso, uint32_t length, Value fill) { return fixed_array_new(iso, length, fill); }
static inline void fa_set(Value arr, uint32_t i, Value v) { WRITE_FIELD(fa(arr), fa(arr)->data[i], v); }
/* The isolate's shared empty FixedArray (elements/properties of objects that have none). */
Value fa_empty(Isolate *iso);

/* Own keys in spec order; string wrappers pass their length (indices first) and arrays "length"
 * as extra_key (after the indices). Returns a JS array. */
Value obj_collect_own_keys(Isolate *iso, Value obj, uint32_t string_length, Value extra_key);

/* ---- Property keys -------------------------------------------------------------------------- */
static inline bool key_is_symbol(Value key) {
  return val_is_pointer(key) && heap_object_type(val_to_ptr(key)) == IT_SYMBOL;
}
/* A printable C string for error messages about key (into buf). */
const char *key_describe(Isolate *iso, Value key, char *buf, size_t size);
/* "#<Object>" / "[object Array]" style name of an object for messages. */
const char *obj_describe(Isolate *iso, Value obj, char *buf, size_t size);

/* ---- Storage-level operations (no validation, no exotic behaviour) ------------------------- */
/* Adds a property the object does not have. details = attrs | PD_ACCESSOR. */
int obj_add_property(Isolate *iso, Value obj, Value key, Value value, int details);
void obj_set_map(JSObject *o, Map *m);

/* Realm intrinsic lookups tolerant of bootstrap (NULL realm / undefined intrinsic -> null). */
Value obj_intrinsic_or_null(Isolate *iso, int intrinsic);

/* Array exotic ops, string wrapper ops (js-array.c). */
void array_register_ops(void);

#endif
