/*
 * JavaScript objects (DESIGN.md decision 2).
 *
 * Layout: the map, an out-of-object property store, the elements, then type-specific fields
 * (each a Value unless the type registers its own visitor), then the in-object property slots the
 * map describes (map->inobject_offset, map->inobject_count).
 *
 * Named properties: in fast mode the map's descriptor array gives each key a field index; field i
 * lives in-object when i < inobject_count, else in `properties` (a FixedArray) at
 * i - inobject_count. In dictionary mode `properties` is a PropertyDictionary (dictionary.h).
 * Elements: a FixedArray (packed or holey, VAL_HOLE for missing) or a NumberDictionary.
 */
#ifndef PETREL_OBJECTS_JS_OBJECT_H
#define PETREL_OBJECTS_JS_OBJECT_H

#include "objects/map.h"

typedef struct JSObject {
  Map *map;
  Value properties; /* FixedArray (fast), Dictionary (dictionary mode), or undefined */
  Value elements;   /* FixedArray or NumberDictionary (never undefined) */
} JSObject;

typedef struct JSArray {
  JSObject base;
  Value length;     /* a number Value in [0, 2^32 - 1] */
} JSArray;

/* Boolean, Number, String, Symbol (and later BigInt) wrapper objects. */
typedef struct JSPrimitiveWrapper {
  JSObject base;
  Value value;
} JSPrimitiveWrapper;

/* The layout a Proxy implementation must use (IsArray and GetFunctionRealm look through it). */
typedef struct JSProxy {
  JSObject base;
  Value target;  /* null once revoked */
  Value handler; /* null once revoked */
} JSProxy;

static inline JSObject *js_object(Value v) { return (JSObject *)val_to_ptr(v); }

/* In-object slots for a fresh ordinary object ({} or new Object). */
#define OBJ_DEFAULT_INOBJECT 4
/* Beyond this many named properties an object goes to dictionary mode. */
#define OBJ_MAX_FAST_PROPERTIES 128
#define OBJ_MAX_FAST_PROTOTYPE_PROPERTIES 24
/* Elements beyond this many holes past the current capacity go to a NumberDictionary. */
#define OBJ_MAX_ELEMENT_GAP 1024

/* Allocates a JS object of `type` whose C struct is `struct_size` bytes (sizeof(JSObject) plus the
 * type's fields, all Values, initialized to undefined) with OBJ_DEFAULT_INOBJECT in-object slots
 * and [[Prototype]] proto. Objects of one type and prototype share their initial map. Other
 * modules make their object types (Date, RegExp, Promise...) with this; their fields are visited
 * as Values, so C data belongs in an IT_FOREIGN or byte array referenced from a field. */
Value obj_new_with_type(Isolate *iso, InstanceType type, size_t struct_size, Value proto);
/* An ordinary object with %Object.prototype% and room for `property_count` in-object properties
 * (object literals: clamped to [OBJ_DEFAULT_INOBJECT, 32]; same count, same initial map). */
Value obj_new_literal(Isolate *iso, uint32_t property_count);
/* Same with an explicit map (its instance size and layout). */
Value obj_new_from_map(Isolate *iso, Map *map);
/* GC: size and visitor shared by every JS object type made of Values. */
size_t obj_js_object_size(const HeapObject *obj);
void obj_visit_js_object(HeapObject *obj, HeapVisitor *v);
/* Visits properties, elements and the in-object slots only (for types with raw fields). */
void obj_visit_js_object_base(HeapObject *obj, HeapVisitor *v);

/* Wrapper object for a primitive (ToObject): Boolean, Number, String, Symbol. */
Value obj_new_primitive_wrapper(Isolate *iso, Value primitive);

/* Ordinary [[GetOwnProperty]] on a fast or dictionary object: 1 found, 0 absent (no exotic
 * dispatch, never throws). */
int obj_ordinary_get_own(Isolate *iso, Value obj, Value key, PropertyDescriptor *out);
/* Private elements (class private fields, methods and accessors), keyed by private symbols and
 * kept in the object's own storage whatever its kind: no exotic dispatch, no proxy traps.
 * find: 1 found (descriptor in *out), 0 absent.
 * add: 1 added, 0 already present, -2 the object is not extensible, -1 exception.
 * write: 1 stored into an existing data element (its attributes unchanged), 0 absent, -1. */
int obj_private_find(Isolate *iso, Value obj, Value sym, PropertyDescriptor *out);
int obj_private_add(Isolate *iso, Value obj, Value sym, const PropertyDescriptor *desc);
int obj_private_write(Isolate *iso, Value obj, Value sym, Value value);
/* Adds an accessor property whose AccessorPair already exists and is shared by many objects
 * (never changed: it is replaced, not mutated, by a redefinition). obj must be an ordinary
 * extensible object without an own `key` (a new closure). 0, or -1 on exception. */
int obj_add_shared_accessor(Isolate *iso, Value obj, Value key, Value pair, int attrs);
/* Moves named properties to a dictionary (the global object lives in dictionary mode). */
int obj_to_dictionary_mode(Isolate *iso, Value obj);
/* Integrity levels (SetIntegrityLevel / TestIntegrityLevel) for Object.freeze/seal/isFrozen. */
int obj_set_integrity_level(Isolate *iso, Value obj, bool frozen);
int obj_test_integrity_level(Isolate *iso, Value obj, bool frozen);

/* Array helpers. */
static inline bool obj_is_js_array(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ARRAY;
}
uint32_t array_length(Value arr); /* arr must be a JSArray */
/* ArrayCreate(length, proto) without the length check (length < 2^32). */
Value array_new_with_proto(Isolate *iso, uint32_t length, Value proto);
/* Appends (arr.push semantics without observable lookups: for literals and internal lists). */
int array_push(Isolate *iso, Value arr, Value v);
/* ArraySetLength on a JSArray with an already-validated length; 1 ok, 0 failed (non-deletable
 * element or read-only length), -1 exception. */
int array_set_length(Isolate *iso, Value arr, uint32_t new_len);

/* Descriptor helpers. */
void desc_init(PropertyDescriptor *d);
void desc_data(PropertyDescriptor *d, Value value, int attrs); /* a complete data descriptor */
static inline bool desc_is_accessor(const PropertyDescriptor *d) { return d->has_get || d->has_set; }
static inline bool desc_is_data(const PropertyDescriptor *d) { return d->has_value || d->has_writable; }
/* ValidateAndApplyPropertyDescriptor with O undefined (IsCompatiblePropertyDescriptor). */
bool desc_is_compatible(bool extensible, const PropertyDescriptor *desc, const PropertyDescriptor *current);
/* ToPropertyDescriptor / FromPropertyDescriptor (Object.defineProperty & co.). */
int desc_from_object(Isolate *iso, Value obj, PropertyDescriptor *out);
Value desc_to_object(Isolate *iso, const PropertyDescriptor *d);

#endif
