/*
 * Maps (hidden classes), DESIGN.md decision 2.
 *
 * Every heap object starts with a Map. For JavaScript objects the map also describes the named
 * properties: a descriptor array lists (key, attributes, field index) in creation order, and a
 * transition tree keyed by (key, attributes, kind) makes objects built the same way share maps.
 * An object with too many properties, or one that lost a property other than its last one, goes
 * to dictionary mode: its map is then private to it (MAP_DICTIONARY) and the properties live in a
 * PropertyDictionary.
 *
 * Maps that a prototype object owns are private too (MAP_PROTOTYPE): they never enter a
 * transition tree, and they carry the prototype's initial-map cache (prototype_info), so that
 * `obj_new(iso, proto)` twice gives two objects with one map.
 */
#ifndef PETREL_OBJECTS_MAP_H
#define PETREL_OBJECTS_MAP_H

#include "runtime/runtime.h"

typedef enum ElementsKind {
  ELEMENTS_PACKED,     /* FixedArray, no holes below length (arrays) */
  ELEMENTS_HOLEY,      /* FixedArray, VAL_HOLE marks a missing element */
  ELEMENTS_DICTIONARY, /* NumberDictionary: sparse, or elements with non-default attributes */
} ElementsKind;

enum MapBits {
  MAP_DICTIONARY = 1 << 0,      /* named properties live in a PropertyDictionary */
  MAP_EXTENSIBLE = 1 << 1,
  MAP_CALLABLE = 1 << 2,
  MAP_CONSTRUCTOR = 1 << 3,
  MAP_PROTOTYPE = 1 << 4,       /* owned by one object that serves as a prototype */
  MAP_EXOTIC = 1 << 5,          /* internal methods come from an ObjectOps table (object-ops.h) */
  MAP_LENGTH_READONLY = 1 << 6, /* JSArray whose `length` is non-writable */
  MAP_UNIQUE = 1 << 7,          /* owned by one object: not in any transition tree */
  MAP_HAS_SYMBOL_KEYS = 1 << 8, /* some descriptor key is a Symbol */
  MAP_IMMUTABLE_PROTO = 1 << 9, /* immutable prototype exotic object (%Object.prototype%) */
  MAP_UNDETECTABLE = 1 << 10,   /* [[IsHTMLDDA]] (Annex B.3.6): typeof "undefined", falsy, == null */
};

/* Property details, packed in an int Value (descriptor arrays and dictionaries). */
enum {
  PD_ATTR_MASK = 7,           /* ATTR_WRITABLE | ATTR_ENUMERABLE | ATTR_CONFIGURABLE */
  PD_ACCESSOR = 1 << 3,       /* the value is an AccessorPair */
  PD_FIELD_SHIFT = 4,         /* descriptor arrays: field index above this */
};

struct Map {
  HeapObject header;          /* the meta map */
  uint16_t instance_type;     /* InstanceType: first, as heap.h's MapPrefix requires */
  uint16_t bit_field;         /* MapBits */
  uint8_t elements_kind;      /* ElementsKind */
  uint8_t pad0_[3];
  uint32_t instance_size;     /* bytes; 0 for variable-size types (their size function knows) */
  uint32_t pad1_;
  uint16_t inobject_offset;   /* byte offset of the first in-object property slot */
  uint16_t inobject_count;    /* in-object property slots */
  uint32_t own_descriptors;   /* descriptors valid for this map (prefix of `descriptors`) */
  uint32_t field_count;       /* fields in use (in-object and out-of-object) */
  uint32_t pad_;
  Value prototype;            /* null or an object */
  Value descriptors;          /* DescriptorArray, or undefined when empty */
  Value transitions;          /* undefined, a Map (the only transition), or a TransitionArray */
  Value back_pointer;         /* the map this one transitioned from, or undefined */
  Value prototype_info;       /* MAP_PROTOTYPE maps: FixedArray-like list of initial maps */
};

/* Descriptor array: `count` triples (key, details as int Value, unused). */
typedef struct DescriptorArray {
  HeapObject header;
  uint32_t count, capacity;
  Value entries[];            /* 2 per descriptor: key, details */
} DescriptorArray;

/* Transition array: `count` entries of (key, details, target map). */
typedef struct TransitionArray {
  HeapObject header;
  uint32_t count, capacity;
  Value entries[];            /* 3 per transition */
} TransitionArray;

/* A getter/setter pair stored as the value of an accessor property. */
typedef struct AccessorPair {
  HeapObject header;
  Value getter, setter;       /* undefined when absent */
} AccessorPair;

static inline Map *obj_map(Value v) { return val_to_ptr(v)->map; }
/* An object with an [[IsHTMLDDA]] internal slot (V8: an undetectable map). */
static inline bool obj_is_undetectable(Value v) {
  return val_is_object(v) && (obj_map(v)->bit_field & MAP_UNDETECTABLE) != 0;
}
/* Gives obj a private map copy marked undetectable (its later maps inherit the bit); -1 on OOM. */
int obj_mark_undetectable(Isolate *iso, Value obj);

/* A new map for instance type `type` whose instances are `instance_size` bytes with
 * `inobject_count` property slots starting at `inobject_offset`. */
Map *map_new(Isolate *iso, InstanceType type, uint32_t instance_size, uint32_t inobject_offset,
             uint32_t inobject_count, Value prototype);
/* A copy of `map` with the same descriptors, not linked into any transition tree. */
Map *map_copy(Isolate *iso, Map *map);
/* The initial map for ordinary-layout objects of `type` (struct size `header_size` bytes) with
 * [[Prototype]] `proto`: cached on the prototype so equal construction shares maps. */
Map *map_initial_for_prototype(Isolate *iso, Value proto, InstanceType type, uint32_t header_size,
                               uint32_t inobject_count);

/* Descriptor lookup: index of key in map's own descriptors, or -1. */
int map_find_descriptor(const Map *map, Value key);
static inline Value map_descriptor_key(const Map *map, uint32_t i) {
  return ((DescriptorArray *)val_to_ptr(map->descriptors))->entries[2 * i];
}
static inline int32_t map_descriptor_details(const Map *map, uint32_t i) {
  return val_to_int(((DescriptorArray *)val_to_ptr(map->descriptors))->entries[2 * i + 1]);
}

/* The map after adding `key` with property details (attrs | PD_ACCESSOR): follows or creates a
 * transition (unique maps get a fresh private copy). The new field index is
 * map->field_count of the old map. Returns NULL with an exception pending on OOM. */
Map *map_add_property(Isolate *iso, Map *map, Value key, int details);
/* The map after changing the details of descriptor i (same field); always a private copy. */
Map *map_change_details(Isolate *iso, Map *map, uint32_t i, int details);
/* A map whose prototype is `proto` (a private copy unless cached). */
Map *map_with_prototype(Isolate *iso, Map *map, Value proto);
/* The map with another elements kind (cached as a transition; unique maps change in place). */
Map *map_with_elements_kind(Isolate *iso, Map *map, ElementsKind kind);
/* A private dictionary-mode map for one object (no descriptors). */
Map *map_normalize(Isolate *iso, Map *map);

Value accessor_pair_new(Isolate *iso, Value getter, Value setter);

/* Heap registration and bootstrap (objects-init.c). */
void map_register_types(void);

#endif
