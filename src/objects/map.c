/*
 * Maps, descriptor arrays, transitions (see map.h).
 *
 * Descriptor arrays are shared along a transition chain when possible: a map owns the prefix
 * [0, own_descriptors) of its array, entries are never changed once written, and a child map may
 * append in place when the array has room and nobody appended before it. Otherwise the prefix
 * is copied.
 */
#include "objects/map.h"

#include "objects/js-object.h"

static Map *meta_map(Isolate *iso) { return iso->root_maps[IT_MAP]; }

Map *map_new(Isolate *iso, InstanceType type, uint32_t instance_size, uint32_t inobject_offset,
             uint32_t inobject_count, Value prototype) {
  Map *m = heap_alloc(iso, sizeof(Map), meta_map(iso));
  if (!m) return NULL;
  m->instance_type = (uint16_t)type;
  m->bit_field = MAP_EXTENSIBLE;
  m->elements_kind = ELEMENTS_HOLEY;
  m->instance_size = instance_size;
  m->inobject_offset = (uint16_t)inobject_offset;
  m->inobject_count = (uint16_t)inobject_count;
  m->own_descriptors = 0;
  m->field_count = 0;
  m->prototype = VAL_NULL;
  m->descriptors = VAL_UNDEFINED;
  m->transitions = VAL_UNDEFINED;
  m->back_pointer = VAL_UNDEFINED;
  m->prototype_info = VAL_UNDEFINED;
  WRITE_FIELD(m, m->prototype, prototype);
  return m;
}

/* A copy with the same layout and descriptors, outside any transition tree. */
static Map *map_raw_copy(Isolate *iso, const Map *src) {
  Map *m = heap_alloc(iso, sizeof(Map), meta_map(iso));
  if (!m) return NULL;
  m->instance_type = src->instance_type;
  m->bit_field = src->bit_field;
  m->elements_kind = src->elements_kind;
  m->instance_size = src->instance_size;
  m->inobject_offset = src->inobject_offset;
  m->inobject_count = src->inobject_count;
  m->own_descriptors = src->own_descriptors;
  m->field_count = src->field_count;
  m->prototype = VAL_NULL;
  m->descriptors = VAL_UNDEFINED;
  m->transitions = VAL_UNDEFINED;
  m->back_pointer = VAL_UNDEFINED;
  m->prototype_info = VAL_UNDEFINED;
  WRITE_FIELD(m, m->prototype, src->prototype);
  WRITE_FIELD(m, m->descriptors, src->descriptors);
  WRITE_FIELD(m, m->prototype_info, src->prototype_info);
  return m;
}

Map *map_copy(Isolate *iso, Map *map) {
  Map *m = map_raw_copy(iso, map);
  if (m) m->bit_field |= MAP_UNIQUE;
  return m;
}

/* ---- Descriptor arrays ---------------------------------------------------------------------- */

static DescriptorArray *desc_array_new(Isolate *iso, uint32_t capacity) {
  DescriptorArray *d = heap_alloc(iso, sizeof(DescriptorArray) + 2 * capacity * sizeof(Value),
                                  iso->root_maps[IT_DESCRIPTOR_ARRAY]);
  if (!d) return NULL;
  d->count = 0;
  d->capacity = capacity;
  for (uint32_t i = 0; i < 2 * capacity; i++) d->entries[i] = VAL_UNDEFINED;
  return d;
}

/* A fresh array holding the first n descriptors of map plus room to grow. */
static DescriptorArray *desc_array_copy_prefix(Isolate *iso, const Map *map, uint32_t n,
                                               uint32_t capacity) {
  DescriptorArray *d = desc_array_new(iso, capacity);
  if (!d) return NULL;
  if (n) {
    DescriptorArray *src = (DescriptorArray *)val_to_ptr(map->descriptors);
    for (uint32_t i = 0; i < 2 * n; i++) WRITE_FIELD(d, d->entries[i], src->entries[i]);
  }
  d->count = n;
  return d;
}

int map_find_descriptor(const Map *map, Value key) {
  uint32_t n = map->own_descriptors;
  if (!n) return -1;
  const DescriptorArray *d = (const DescriptorArray *)val_to_ptr(map->descriptors);
  for (uint32_t i = 0; i < n; i++)
    if (d->entries[2 * i] == key) return (int)i;
  return -1;
}

/* Appends (key, details) to m's descriptors; m is the new map, parent its predecessor. */
static int map_append_descriptor(Isolate *iso, Map *m, Value key, int details) {
  uint32_t n = m->own_descriptors;
  DescriptorArray *d = n ? (DescriptorArray *)val_to_ptr(m->descriptors) : NULL;
  if (!d || d->count != n || n >= d->capacity) {
    uint32_t cap = n < 4 ? 4 : n * 2;
    d = desc_array_copy_prefix(iso, m, n, cap);
    if (!d) return -1;
    WRITE_FIELD(m, m->descriptors, val_from_ptr(d));
  }
  WRITE_FIELD(d, d->entries[2 * n], key);
  d->entries[2 * n + 1] = val_from_int(details);
  d->count = n + 1;
  m->own_descriptors = n + 1;
  if (val_is_pointer(key) && heap_object_type(val_to_ptr(key)) == IT_SYMBOL) m->bit_field |= MAP_HAS_SYMBOL_KEYS;
  return 0;
}

/* ---- Transitions ---------------------------------------------------------------------------- */

static Map *transition_find(const Map *map, Value key, int details) {
  Value t = map->transitions;
  if (t == VAL_UNDEFINED) return NULL;
  HeapObject *h = val_to_ptr(t);
  if (heap_object_type(h) == IT_MAP) {
    Map *target = (Map *)h;
    uint32_t i = target->own_descriptors - 1;
    if (map_descriptor_key(target, i) == key &&
        (map_descriptor_details(target, i) & (PD_ATTR_MASK | PD_ACCESSOR)) == details)
      return target;
    return NULL;
  }
  TransitionArray *ta = (TransitionArray *)h;
  for (uint32_t i = 0; i < ta->count; i++)
    if (ta->entries[3 * i] == key && val_to_int(ta->entries[3 * i + 1]) == details)
      return (Map *)val_to_ptr(ta->entries[3 * i + 2]);
  return NULL;
}

static TransitionArray *transition_array_new(Isolate *iso, uint32_t cap) {
  TransitionArray *ta = heap_alloc(iso, sizeof(TransitionArray) + 3 * cap * sizeof(Value),
                                   iso->root_maps[IT_TRANSITION_ARRAY]);
  if (!ta) return NULL;
  ta->capacity = cap;
  ta->count = 0;
  for (uint32_t i = 0; i < 3 * cap; i++) ta->entries[i] = VAL_UNDEFINED;
  return ta;
}

/* Records map --(key, details)--> target. A lone property transition is stored as the target map
 * itself (its last descriptor names the key); anything else uses a TransitionArray. Special
 * transitions (elements kinds) use int keys and always go into the array. */
static int transition_insert(Isolate *iso, Map *map, Value key, int details, Map *target, bool special) {
  Value t = map->transitions;
  if (t == VAL_UNDEFINED && !special) {
    WRITE_FIELD(map, map->transitions, val_from_ptr(target));
    return 0;
  }
  TransitionArray *ta;
  if (t == VAL_UNDEFINED) {
    ta = transition_array_new(iso, 2);
    if (!ta) return -1;
    WRITE_FIELD(map, map->transitions, val_from_ptr(ta));
  } else if (heap_object_type(val_to_ptr(t)) == IT_MAP) {
    Map *only = (Map *)val_to_ptr(t);
    ta = transition_array_new(iso, 4);
    if (!ta) return -1;
    uint32_t last = only->own_descriptors - 1;
    WRITE_FIELD(ta, ta->entries[0], map_descriptor_key(only, last));
    ta->entries[1] = val_from_int(map_descriptor_details(only, last) & (PD_ATTR_MASK | PD_ACCESSOR));
    WRITE_FIELD(ta, ta->entries[2], val_from_ptr(only));
    ta->count = 1;
    WRITE_FIELD(map, map->transitions, val_from_ptr(ta));
  } else {
    ta = (TransitionArray *)val_to_ptr(t);
  }
  if (ta->count == ta->capacity) {
    TransitionArray *n = transition_array_new(iso, ta->capacity * 2);
    if (!n) return -1;
    for (uint32_t i = 0; i < 3 * ta->count; i++) WRITE_FIELD(n, n->entries[i], ta->entries[i]);
    n->count = ta->count;
    ta = n;
    WRITE_FIELD(map, map->transitions, val_from_ptr(ta));
  }
  uint32_t i = ta->count++;
  WRITE_FIELD(ta, ta->entries[3 * i], key);
  ta->entries[3 * i + 1] = val_from_int(details);
  WRITE_FIELD(ta, ta->entries[3 * i + 2], val_from_ptr(target));
  return 0;
}

/* ---- Map changes ---------------------------------------------------------------------------- */

Map *map_add_property(Isolate *iso, Map *map, Value key, int details) {
  details &= PD_ATTR_MASK | PD_ACCESSOR;
  bool unique = (map->bit_field & (MAP_UNIQUE | MAP_PROTOTYPE)) != 0;
  if (!unique) {
    Map *t = transition_find(map, key, details);
    if (t) return t;
  }
  Map *m = map_raw_copy(iso, map);
  if (!m) return NULL;
  if (unique) {
    /* A private map: never share its descriptor array with the old one. */
    DescriptorArray *d = desc_array_copy_prefix(iso, map, map->own_descriptors, map->own_descriptors + 4);
    if (!d) return NULL;
    WRITE_FIELD(m, m->descriptors, val_from_ptr(d));
  }
  if (map_append_descriptor(iso, m, key, details | (int)(map->field_count << PD_FIELD_SHIFT)) < 0)
    return NULL;
  m->field_count = map->field_count + 1;
  if (!unique) {
    WRITE_FIELD(m, m->back_pointer, val_from_ptr(map));
    if (transition_insert(iso, map, key, details, m, false) < 0) return NULL;
  }
  return m;
}

Map *map_change_details(Isolate *iso, Map *map, uint32_t i, int details) {
  Map *m = map_raw_copy(iso, map);
  if (!m) return NULL;
  m->bit_field |= MAP_UNIQUE;
  DescriptorArray *d = desc_array_copy_prefix(iso, map, map->own_descriptors, map->own_descriptors + 1);
  if (!d) return NULL;
  int old = val_to_int(d->entries[2 * i + 1]);
  d->entries[2 * i + 1] = val_from_int((old & ~(PD_ATTR_MASK | PD_ACCESSOR)) | (details & (PD_ATTR_MASK | PD_ACCESSOR)));
  WRITE_FIELD(m, m->descriptors, val_from_ptr(d));
  return m;
}

Map *map_with_prototype(Isolate *iso, Map *map, Value proto) {
  Map *m = map_copy(iso, map);
  if (!m) return NULL;
  WRITE_FIELD(m, m->prototype, proto);
  return m;
}

Map *map_with_elements_kind(Isolate *iso, Map *map, ElementsKind kind) {
  if (map->elements_kind == kind) return map;
  if (map->bit_field & (MAP_UNIQUE | MAP_PROTOTYPE)) {
    map->elements_kind = (uint8_t)kind; /* owned by one object: change in place */
    return map;
  }
  Value key = val_from_int(-1 - (int)kind);
  Map *t = transition_find(map, key, 0);
  if (t) return t;
  Map *m = map_raw_copy(iso, map);
  if (!m) return NULL;
  m->elements_kind = (uint8_t)kind;
  WRITE_FIELD(m, m->back_pointer, val_from_ptr(map));
  if (transition_insert(iso, map, key, 0, m, true) < 0) return NULL;
  return m;
}

Map *map_normalize(Isolate *iso, Map *map) {
  Map *m = map_raw_copy(iso, map);
  if (!m) return NULL;
  m->bit_field |= MAP_UNIQUE | MAP_DICTIONARY;
  m->own_descriptors = 0;
  m->field_count = 0;
  m->descriptors = VAL_UNDEFINED;
  return m;
}

/* ---- Initial maps per prototype ------------------------------------------------------------- */

/* prototype_info is a TransitionArray reused as a list of (type, inobject count, map) triples,
 * keyed also by instance size through the map itself. */
static Map *initial_cache_find(Value info, InstanceType type, uint32_t size, uint32_t inobject) {
  if (info == VAL_UNDEFINED) return NULL;
  TransitionArray *ta = (TransitionArray *)val_to_ptr(info);
  for (uint32_t i = 0; i < ta->count; i++) {
    Map *m = (Map *)val_to_ptr(ta->entries[3 * i + 2]);
    if (m->instance_type == type && m->inobject_offset == size && m->inobject_count == inobject) return m;
  }
  return NULL;
}

static int initial_cache_add(Isolate *iso, Map *owner, Map *m) {
  TransitionArray *ta = owner->prototype_info == VAL_UNDEFINED ? NULL
                                                               : (TransitionArray *)val_to_ptr(owner->prototype_info);
  if (!ta || ta->count == ta->capacity) {
    uint32_t cap = ta ? ta->capacity * 2 : 2;
    TransitionArray *n = heap_alloc(iso, sizeof(TransitionArray) + 3 * cap * sizeof(Value),
                                    iso->root_maps[IT_TRANSITION_ARRAY]);
    if (!n) return -1;
    n->capacity = cap;
    for (uint32_t i = 0; i < 3 * cap; i++) n->entries[i] = VAL_UNDEFINED;
    if (ta) {
      for (uint32_t i = 0; i < 3 * ta->count; i++) WRITE_FIELD(n, n->entries[i], ta->entries[i]);
      n->count = ta->count;
    }
    ta = n;
    WRITE_FIELD(owner, owner->prototype_info, val_from_ptr(ta));
  }
  uint32_t i = ta->count++;
  ta->entries[3 * i] = val_from_int((int32_t)m->instance_type);
  ta->entries[3 * i + 1] = val_from_int((int32_t)m->inobject_count);
  WRITE_FIELD(ta, ta->entries[3 * i + 2], val_from_ptr(m));
  return 0;
}

Map *map_initial_for_prototype(Isolate *iso, Value proto, InstanceType type, uint32_t header_size,
                               uint32_t inobject_count) {
  Map *owner;
  if (proto == VAL_NULL) {
    owner = iso->root_maps[type]; /* the root map's cache serves null-prototype objects */
  } else {
    JSObject *p = js_object(proto);
    if (!(p->map->bit_field & MAP_PROTOTYPE)) {
      /* First use as a prototype: give it a private map that can carry the cache. */
      Map *pm = map_copy(iso, p->map);
      if (!pm) return NULL;
      pm->bit_field |= MAP_PROTOTYPE;
      pm->prototype_info = VAL_UNDEFINED;
      p->map = pm;
      heap_write_barrier((HeapObject *)p, val_from_ptr(pm));
    }
    owner = p->map;
  }
  Map *m = initial_cache_find(owner->prototype_info, type, header_size, inobject_count);
  if (m) return m;
  m = map_new(iso, type, header_size + inobject_count * (uint32_t)sizeof(Value), header_size,
              inobject_count, proto);
  if (!m) return NULL;
  if (type == IT_JS_ARRAY) m->elements_kind = ELEMENTS_PACKED; /* arrays start packed */
  if (type == IT_JS_FUNCTION || type == IT_JS_BOUND_FUNCTION) m->bit_field |= MAP_CALLABLE;
  if (initial_cache_add(iso, owner, m) < 0) return NULL;
  return m;
}

Value accessor_pair_new(Isolate *iso, Value getter, Value setter) {
  AccessorPair *p = heap_alloc(iso, sizeof(AccessorPair), iso->root_maps[IT_ACCESSOR_PAIR]);
  if (!p) return VAL_EXCEPTION;
  p->getter = VAL_UNDEFINED;
  p->setter = VAL_UNDEFINED;
  WRITE_FIELD(p, p->getter, getter);
  WRITE_FIELD(p, p->setter, setter);
  return val_from_ptr(p);
}

/* ---- Heap layouts --------------------------------------------------------------------------- */

static size_t map_size(const HeapObject *o) { PT_UNUSED(o); return sizeof(Map); }
static void map_visit(HeapObject *o, HeapVisitor *v) {
  Map *m = (Map *)o;
  heap_visit_value(v, &m->prototype);
  heap_visit_value(v, &m->descriptors);
  heap_visit_value(v, &m->transitions);
  heap_visit_value(v, &m->back_pointer);
  heap_visit_value(v, &m->prototype_info);
}
static size_t desc_size(const HeapObject *o) {
  return sizeof(DescriptorArray) + 2 * ((const DescriptorArray *)o)->capacity * sizeof(Value);
}
static void desc_visit(HeapObject *o, HeapVisitor *v) {
  DescriptorArray *d = (DescriptorArray *)o;
  heap_visit_values(v, d->entries, 2 * (size_t)d->capacity);
}
static size_t trans_size(const HeapObject *o) {
  return sizeof(TransitionArray) + 3 * ((const TransitionArray *)o)->capacity * sizeof(Value);
}
static void trans_visit(HeapObject *o, HeapVisitor *v) {
  TransitionArray *t = (TransitionArray *)o;
  heap_visit_values(v, t->entries, 3 * (size_t)t->capacity);
}
static size_t pair_size(const HeapObject *o) { PT_UNUSED(o); return sizeof(AccessorPair); }
static void pair_visit(HeapObject *o, HeapVisitor *v) {
  AccessorPair *p = (AccessorPair *)o;
  heap_visit_value(v, &p->getter);
  heap_visit_value(v, &p->setter);
}

void map_register_types(void) {
  heap_register_type(IT_MAP, map_size, map_visit, NULL);
  heap_register_type(IT_DESCRIPTOR_ARRAY, desc_size, desc_visit, NULL);
  heap_register_type(IT_TRANSITION_ARRAY, trans_size, trans_visit, NULL);
  heap_register_type(IT_ACCESSOR_PAIR, pair_size, pair_visit, NULL);
}
