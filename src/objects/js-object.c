/*
 * JavaScript objects: property storage (fast fields, dictionaries, elements) and the ordinary
 * internal methods of ECMA-262 10.1, with dispatch to exotic ObjectOps tables.
 */
#include "objects/js-object.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "execution/realm.h"
#include "objects/js-function.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* ---- Exotic dispatch table ------------------------------------------------------------------ */

static const ObjectOps *ops_table[IT_COUNT];

/* Written under a lock and only when it changes: isolates on other threads register the same
 * tables while this one reads them (see heap_register_type). */
static pthread_mutex_t ops_lock = PTHREAD_MUTEX_INITIALIZER;
void object_register_ops(InstanceType type, const ObjectOps *ops) {
  pthread_mutex_lock(&ops_lock);
  if (ops_table[type] != ops) ops_table[type] = ops;
  pthread_mutex_unlock(&ops_lock);
}
const ObjectOps *object_get_ops(InstanceType type) { return ops_table[type]; }
static inline const ObjectOps *ops_of(Value obj) { return ops_table[heap_object_type(val_to_ptr(obj))]; }

/* ---- Small helpers -------------------------------------------------------------------------- */

void obj_set_map(JSObject *o, Map *m) {
  o->map = m;
  heap_write_barrier((HeapObject *)o, val_from_ptr(m));
}

int obj_mark_undetectable(Isolate *iso, Value obj) {
  Map *m = map_copy(iso, obj_map(obj)); /* private: objects sharing the old map stay detectable */
  if (!m) return -1;
  m->bit_field |= MAP_UNDETECTABLE;
  obj_set_map(js_object(obj), m);
  return 0;
}

Value obj_intrinsic_or_null(Isolate *iso, int which) {
  if (!iso->realm) return VAL_NULL;
  Value v = iso->realm->intrinsics[which];
  return val_is_pointer(v) ? v : VAL_NULL;
}

void desc_init(PropertyDescriptor *d) {
  memset(d, 0, sizeof *d);
  d->value = d->get = d->set = VAL_UNDEFINED;
}

void desc_data(PropertyDescriptor *d, Value value, int attrs) {
  desc_init(d);
  d->value = value;
  d->writable = (attrs & ATTR_WRITABLE) != 0;
  d->enumerable = (attrs & ATTR_ENUMERABLE) != 0;
  d->configurable = (attrs & ATTR_CONFIGURABLE) != 0;
  d->has_value = d->has_writable = d->has_enumerable = d->has_configurable = true;
}

/* ---- Allocation ----------------------------------------------------------------------------- */

Value obj_new_from_map(Isolate *iso, Map *map) {
  Value empty = fa_empty(iso);
  if (empty == VAL_EXCEPTION) return VAL_EXCEPTION;
  JSObject *o = heap_alloc(iso, map->instance_size, map);
  if (!o) return VAL_EXCEPTION;
  o->properties = empty;
  o->elements = empty;
  Value *fields = (Value *)(o + 1);
  size_t n = (map->instance_size - sizeof(JSObject)) / sizeof(Value);
  for (size_t i = 0; i < n; i++) fields[i] = VAL_UNDEFINED;
  return val_from_ptr(o);
}

Value obj_new_with_type(Isolate *iso, InstanceType type, size_t struct_size, Value proto) {
  Map *m = map_initial_for_prototype(iso, proto, type, (uint32_t)struct_size, OBJ_DEFAULT_INOBJECT);
  if (!m) return VAL_EXCEPTION;
  return obj_new_from_map(iso, m);
}

Value obj_new_literal(Isolate *iso, uint32_t property_count) {
  uint32_t n = property_count < OBJ_DEFAULT_INOBJECT ? OBJ_DEFAULT_INOBJECT : property_count > 32 ? 32 : property_count;
  Map *m = map_initial_for_prototype(iso, obj_intrinsic_or_null(iso, INTRINSIC_OBJECT_PROTOTYPE), IT_JS_OBJECT,
                                     sizeof(JSObject), n);
  if (!m) return VAL_EXCEPTION;
  return obj_new_from_map(iso, m);
}

Value obj_new(Isolate *iso, Value proto) { return obj_new_with_type(iso, IT_JS_OBJECT, sizeof(JSObject), proto); }

Value obj_new_plain(Isolate *iso) {
  return obj_new(iso, obj_intrinsic_or_null(iso, INTRINSIC_OBJECT_PROTOTYPE));
}

size_t obj_js_object_size(const HeapObject *obj) { return obj->map->instance_size; }

void obj_visit_js_object(HeapObject *obj, HeapVisitor *v) {
  JSObject *o = (JSObject *)obj;
  size_t n = (o->map->instance_size - sizeof(HeapObject)) / sizeof(Value);
  heap_visit_values(v, &o->properties, n);
}

void obj_visit_js_object_base(HeapObject *obj, HeapVisitor *v) {
  JSObject *o = (JSObject *)obj;
  heap_visit_value(v, &o->properties);
  heap_visit_value(v, &o->elements);
  Map *m = o->map;
  if (m->inobject_count)
    heap_visit_values(v, (Value *)(void *)((char *)o + m->inobject_offset), m->inobject_count);
}

/* ---- Storage: named properties -------------------------------------------------------------- */

enum { PR_FAST = 1, PR_DICT, PR_ELEM_FAST, PR_ELEM_DICT, PR_ARRAY_LENGTH };

typedef struct PropRef {
  int where;
  int32_t index; /* descriptor index, dictionary entry, or element index */
  int details;   /* attrs | PD_ACCESSOR */
  Value value;   /* the stored value (an AccessorPair for accessors) */
} PropRef;

static Value *field_slot(JSObject *o, uint32_t field) {
  Map *m = o->map;
  if (field < m->inobject_count) return (Value *)(void *)((char *)o + m->inobject_offset) + field;
  return &fa(o->properties)->data[field - m->inobject_count];
}

static bool prop_find(Isolate *iso, JSObject *o, Value key, PropRef *r) {
  Map *m = o->map;
  if (key_is_index(key)) {
    if (m->elements_kind == ELEMENTS_DICTIONARY) {
      Dictionary *d = (Dictionary *)val_to_ptr(o->elements);
      int32_t e = dict_find(iso, d, key);
      if (e < 0) return false;
      r->where = PR_ELEM_DICT;
      r->index = e;
      r->details = val_to_int(DICT_DETAILS(d, e));
      r->value = DICT_VALUE(d, e);
      return true;
    }
    uint32_t i = key_to_index(key);
    FaView *el = fa(o->elements);
    if (i >= el->length || el->data[i] == VAL_HOLE) return false;
    r->where = PR_ELEM_FAST;
    r->index = (int32_t)i;
    r->details = ATTR_DEFAULT;
    r->value = el->data[i];
    return true;
  }
  if (m->bit_field & MAP_DICTIONARY) {
    Dictionary *d = (Dictionary *)val_to_ptr(o->properties);
    int32_t e = dict_find(iso, d, key);
    if (e < 0) return false;
    r->where = PR_DICT;
    r->index = e;
    r->details = val_to_int(DICT_DETAILS(d, e));
    r->value = DICT_VALUE(d, e);
    return true;
  }
  int i = map_find_descriptor(m, key);
  if (i < 0) return false;
  int det = map_descriptor_details(m, (uint32_t)i);
  r->where = PR_FAST;
  r->index = i;
  r->details = det & (PD_ATTR_MASK | PD_ACCESSOR);
  r->value = *field_slot(o, (uint32_t)det >> PD_FIELD_SHIFT);
  return true;
}

/* Moves named properties into a PropertyDictionary, keeping their order. */
static int obj_normalize(Isolate *iso, JSObject *o) {
  Map *m = o->map;
  if (m->bit_field & MAP_DICTIONARY) return 0;
  uint32_t n = m->own_descriptors;
  Dictionary *d = dict_new(iso, IT_PROPERTY_DICTIONARY, n + 8);
  if (!d) return -1;
  for (uint32_t i = 0; i < n; i++) {
    int det = map_descriptor_details(m, i);
    d = dict_put(iso, d, map_descriptor_key(m, i), *field_slot(o, (uint32_t)det >> PD_FIELD_SHIFT),
                 det & (PD_ATTR_MASK | PD_ACCESSOR));
    if (!d) return -1;
  }
  Map *nm = map_normalize(iso, m);
  if (!nm) return -1;
  Value *inobj = (Value *)(void *)((char *)o + m->inobject_offset);
  for (uint32_t i = 0; i < m->inobject_count; i++) inobj[i] = VAL_UNDEFINED;
  WRITE_FIELD(o, o->properties, val_from_ptr(d));
  obj_set_map(o, nm);
  return 0;
}

int obj_to_dictionary_mode(Isolate *iso, Value obj) { return obj_normalize(iso, js_object(obj)); }

static int named_add(Isolate *iso, JSObject *o, Value key, Value value, int details) {
  Map *m = o->map;
  /* Prototypes with many methods (and huge objects) find keys faster by hash than by a linear
   * descriptor search. */
  uint32_t limit = (m->bit_field & MAP_PROTOTYPE) ? OBJ_MAX_FAST_PROTOTYPE_PROPERTIES : OBJ_MAX_FAST_PROPERTIES;
  if (!(m->bit_field & MAP_DICTIONARY) && m->own_descriptors >= limit) {
    if (obj_normalize(iso, o) < 0) return -1;
    m = o->map;
  }
  if (m->bit_field & MAP_DICTIONARY) {
    Dictionary *d = dict_put(iso, (Dictionary *)val_to_ptr(o->properties), key, value, details);
    if (!d) return -1;
    WRITE_FIELD(o, o->properties, val_from_ptr(d));
    if (key_is_symbol(key)) m->bit_field |= MAP_HAS_SYMBOL_KEYS;
    return 0;
  }
  uint32_t field = m->field_count;
  if (field >= m->inobject_count) {
    uint32_t oi = field - m->inobject_count;
    uint32_t len = fa_length(o->properties);
    if (oi >= len) {
      uint32_t nlen = len < 4 ? 4 : len * 2;
      FaView *np = fa_new(iso, nlen, VAL_UNDEFINED);
      if (!np) return -1;
      FaView *op = fa(o->properties);
      for (uint32_t i = 0; i < len; i++) WRITE_FIELD(np, np->data[i], op->data[i]);
      WRITE_FIELD(o, o->properties, val_from_ptr(np));
    }
  }
  Map *nm = map_add_property(iso, m, key, details);
  if (!nm) return -1;
  Value *slot = field_slot(o, field);
  WRITE_FIELD(o, *slot, value);
  obj_set_map(o, nm);
  return 0;
}

/* ---- Storage: elements ---------------------------------------------------------------------- */

static int elems_to_dictionary(Isolate *iso, JSObject *o) {
  if (o->map->elements_kind == ELEMENTS_DICTIONARY) return 0;
  FaView *el = fa(o->elements);
  uint32_t n = 0;
  for (uint32_t i = 0; i < el->length; i++) n += el->data[i] != VAL_HOLE;
  Dictionary *d = dict_new(iso, IT_NUMBER_DICTIONARY, n + 4);
  if (!d) return -1;
  el = fa(o->elements);
  for (uint32_t i = 0; i < el->length; i++) {
    if (el->data[i] == VAL_HOLE) continue;
    d = dict_put(iso, d, key_from_index(i), el->data[i], ATTR_DEFAULT);
    if (!d) return -1;
  }
  Map *nm = map_with_elements_kind(iso, o->map, ELEMENTS_DICTIONARY);
  if (!nm) return -1;
  WRITE_FIELD(o, o->elements, val_from_ptr(d));
  obj_set_map(o, nm);
  return 0;
}

/* Dictionary elements that are dense (at least half of [0, max]) and all plain data go back to
 * a holey FixedArray. */
static int elems_maybe_to_fast(Isolate *iso, JSObject *o) {
  Dictionary *d = (Dictionary *)val_to_ptr(o->elements);
  double max = -1;
  for (uint32_t i = 0; i < d->used; i++) {
    Value k = DICT_KEY(d, i);
    if (k == VAL_HOLE) continue;
    if (val_to_int(DICT_DETAILS(d, i)) != ATTR_DEFAULT) return 0;
    double idx = val_to_number_unchecked(k);
    if (idx > max) max = idx;
  }
  if (max < 0 || max >= (double)(1u << 26) || max + 1 > 2.0 * d->live) return 0;
  FaView *el = fa_new(iso, (uint32_t)max + 1, VAL_HOLE);
  if (!el) return -1;
  d = (Dictionary *)val_to_ptr(o->elements);
  for (uint32_t i = 0; i < d->used; i++) {
    Value k = DICT_KEY(d, i);
    if (k != VAL_HOLE) WRITE_FIELD(el, el->data[key_to_index(k)], DICT_VALUE(d, i));
  }
  Map *nm = map_with_elements_kind(iso, o->map, ELEMENTS_HOLEY);
  if (!nm) return -1;
  WRITE_FIELD(o, o->elements, val_from_ptr(el));
  obj_set_map(o, nm);
  return 0;
}

static int set_elements_kind(Isolate *iso, JSObject *o, ElementsKind kind) {
  if (o->map->elements_kind == kind) return 0;
  Map *nm = map_with_elements_kind(iso, o->map, kind);
  if (!nm) return -1;
  obj_set_map(o, nm);
  return 0;
}

static bool is_array(JSObject *o) { return o->map->instance_type == IT_JS_ARRAY; }

static int elem_add(Isolate *iso, JSObject *o, uint32_t index, Value value, int details) {
  if (details != ATTR_DEFAULT && elems_to_dictionary(iso, o) < 0) return -1;
  if (o->map->elements_kind != ELEMENTS_DICTIONARY) {
    uint32_t cap = fa_length(o->elements);
    if (index >= cap) {
      if (index - cap > OBJ_MAX_ELEMENT_GAP || index >= (1u << 26)) {
        if (elems_to_dictionary(iso, o) < 0) return -1;
      } else {
        uint32_t ncap = cap + cap / 2 + 8;
        if (ncap <= index) ncap = index + 1;
        FaView *ne = fa_new(iso, ncap, VAL_HOLE);
        if (!ne) return -1;
        FaView *oe = fa(o->elements);
        for (uint32_t i = 0; i < cap; i++) WRITE_FIELD(ne, ne->data[i], oe->data[i]);
        WRITE_FIELD(o, o->elements, val_from_ptr(ne));
      }
    }
  }
  if (o->map->elements_kind == ELEMENTS_DICTIONARY) {
    Dictionary *d = dict_put(iso, (Dictionary *)val_to_ptr(o->elements), key_from_index(index), value, details);
    if (!d) return -1;
    WRITE_FIELD(o, o->elements, val_from_ptr(d));
    /* At each power-of-two size, see whether the elements became dense enough to go back. */
    if (d->live >= 64 && (d->live & (d->live - 1)) == 0 && elems_maybe_to_fast(iso, o) < 0) return -1;
  } else {
    if (o->map->elements_kind == ELEMENTS_PACKED) {
      uint32_t len = is_array(o) ? (uint32_t)val_to_number_unchecked(((JSArray *)o)->length) : 0;
      if (!is_array(o) || index > len) {
        if (set_elements_kind(iso, o, ELEMENTS_HOLEY) < 0) return -1;
      }
    }
    FaView *el = fa(o->elements);
    WRITE_FIELD(el, el->data[index], value);
  }
  if (is_array(o)) {
    JSArray *a = (JSArray *)o;
    if ((double)index >= val_to_number_unchecked(a->length)) a->length = val_from_number((double)index + 1);
  }
  return 0;
}

int obj_add_property(Isolate *iso, Value obj, Value key, Value value, int details) {
  JSObject *o = js_object(obj);
  if (key_is_index(key)) return elem_add(iso, o, key_to_index(key), value, details);
  return named_add(iso, o, key, value, details);
}

/* Replaces the value and details of an existing property. */
static int prop_update(Isolate *iso, JSObject *o, Value key, const PropRef *r, Value value, int details) {
  switch (r->where) {
  case PR_FAST: {
    Map *m = o->map;
    int det = map_descriptor_details(m, (uint32_t)r->index);
    if ((det & (PD_ATTR_MASK | PD_ACCESSOR)) != details) {
      Map *nm = map_change_details(iso, m, (uint32_t)r->index, details);
      if (!nm) return -1;
      obj_set_map(o, nm);
    }
    Value *slot = field_slot(o, (uint32_t)det >> PD_FIELD_SHIFT);
    WRITE_FIELD(o, *slot, value);
    return 0;
  }
  case PR_DICT: {
    Dictionary *d = (Dictionary *)val_to_ptr(o->properties);
    dict_set_value(d, r->index, value);
    DICT_DETAILS(d, r->index) = val_from_int(details);
    return 0;
  }
  case PR_ELEM_FAST:
    if (details == ATTR_DEFAULT) {
      FaView *el = fa(o->elements);
      WRITE_FIELD(el, el->data[r->index], value);
      return 0;
    }
    if (elems_to_dictionary(iso, o) < 0) return -1;
    /* fall through */
  case PR_ELEM_DICT: {
    Dictionary *d = dict_put(iso, (Dictionary *)val_to_ptr(o->elements), key, value, details);
    if (!d) return -1;
    WRITE_FIELD(o, o->elements, val_from_ptr(d));
    return 0;
  }
  }
  PT_UNREACHABLE();
}

static int prop_remove(Isolate *iso, JSObject *o, Value key, const PropRef *r) {
  switch (r->where) {
  case PR_FAST: {
    Map *m = o->map;
    /* Deleting the last-added property walks back the transition (the object keeps sharing). */
    if ((uint32_t)r->index == m->own_descriptors - 1 && !(m->bit_field & (MAP_UNIQUE | MAP_PROTOTYPE)) &&
        val_is_pointer(m->back_pointer)) {
      Map *back = (Map *)val_to_ptr(m->back_pointer);
      if (back->own_descriptors == m->own_descriptors - 1 && back->elements_kind == m->elements_kind &&
          back->bit_field == m->bit_field) {
        int det = map_descriptor_details(m, (uint32_t)r->index);
        *field_slot(o, (uint32_t)det >> PD_FIELD_SHIFT) = VAL_UNDEFINED;
        obj_set_map(o, back);
        return 0;
      }
    }
    if (obj_normalize(iso, o) < 0) return -1;
    Dictionary *d = (Dictionary *)val_to_ptr(o->properties);
    int32_t e = dict_find(iso, d, key);
    if (e >= 0) dict_remove(d, e);
    return 0;
  }
  case PR_DICT:
    dict_remove((Dictionary *)val_to_ptr(o->properties), r->index);
    return 0;
  case PR_ELEM_FAST: {
    FaView *el = fa(o->elements);
    el->data[r->index] = VAL_HOLE;
    return set_elements_kind(iso, o, o->map->elements_kind == ELEMENTS_PACKED ? ELEMENTS_HOLEY
                                                                               : (ElementsKind)o->map->elements_kind);
  }
  case PR_ELEM_DICT:
    dict_remove((Dictionary *)val_to_ptr(o->elements), r->index);
    return 0;
  }
  PT_UNREACHABLE();
}

static void prop_to_desc(const PropRef *r, PropertyDescriptor *out) {
  desc_init(out);
  out->enumerable = (r->details & ATTR_ENUMERABLE) != 0;
  out->configurable = (r->details & ATTR_CONFIGURABLE) != 0;
  out->has_enumerable = out->has_configurable = true;
  if (r->details & PD_ACCESSOR) {
    AccessorPair *p = (AccessorPair *)val_to_ptr(r->value);
    out->get = p->getter;
    out->set = p->setter;
    out->has_get = out->has_set = true;
  } else {
    out->value = r->value;
    out->writable = (r->details & ATTR_WRITABLE) != 0;
    out->has_value = out->has_writable = true;
  }
}

/* ---- Ordinary internal methods -------------------------------------------------------------- */

Value ordinary_get_prototype_of(Isolate *iso, Value obj) {
  PT_UNUSED(iso);
  return js_object(obj)->map->prototype;
}

int ordinary_is_extensible(Isolate *iso, Value obj) {
  PT_UNUSED(iso);
  return (js_object(obj)->map->bit_field & MAP_EXTENSIBLE) != 0;
}

int ordinary_prevent_extensions(Isolate *iso, Value obj) {
  JSObject *o = js_object(obj);
  if (!(o->map->bit_field & MAP_EXTENSIBLE)) return 1;
  Map *nm = map_copy(iso, o->map);
  if (!nm) return -1;
  nm->bit_field &= (uint16_t)~MAP_EXTENSIBLE;
  obj_set_map(o, nm);
  return 1;
}

int ordinary_set_prototype_of(Isolate *iso, Value obj, Value proto) {
  JSObject *o = js_object(obj);
  Value current = o->map->prototype;
  if (proto == current) return 1;
  if (o->map->bit_field & MAP_IMMUTABLE_PROTO) return 0; /* SetImmutablePrototype */
  if (!(o->map->bit_field & MAP_EXTENSIBLE)) return 0;
  Value p = proto;
  while (p != VAL_NULL) {
    if (p == obj) return 0;
    const ObjectOps *ops = ops_of(p);
    if (ops && ops->get_prototype_of) break; /* a proxy: stop the cycle check */
    p = js_object(p)->map->prototype;
  }
  Map *nm = map_with_prototype(iso, o->map, proto);
  if (!nm) return -1;
  obj_set_map(o, nm);
  return 1;
}

int obj_add_shared_accessor(Isolate *iso, Value obj, Value key, Value pair, int attrs) {
  return obj_add_property(iso, obj, key, pair, (attrs & PD_ATTR_MASK) | PD_ACCESSOR) < 0 ? -1 : 0;
}

int obj_ordinary_get_own(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  PropRef r;
  if (!prop_find(iso, js_object(obj), key, &r)) return 0;
  if (out) prop_to_desc(&r, out);
  return 1;
}

int ordinary_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  return obj_ordinary_get_own(iso, obj, key, out);
}

static bool desc_is_generic(const PropertyDescriptor *d) { return !desc_is_accessor(d) && !desc_is_data(d); }

/* The checks of ValidateAndApplyPropertyDescriptor step 4 (current exists): may the change be made? */
static bool validate_change(const PropertyDescriptor *desc, const PropertyDescriptor *current) {
  if (current->configurable) return true;
  if (desc->has_configurable && desc->configurable) return false;
  if (desc->has_enumerable && desc->enumerable != current->enumerable) return false;
  bool cur_accessor = desc_is_accessor(current);
  if (!desc_is_generic(desc) && desc_is_accessor(desc) != cur_accessor) return false;
  if (cur_accessor) {
    if (desc->has_get && !rt_same_value(desc->get, current->get)) return false;
    if (desc->has_set && !rt_same_value(desc->set, current->set)) return false;
  } else if (!current->writable) {
    if (desc->has_writable && desc->writable) return false;
    if (desc->has_value && !rt_same_value(desc->value, current->value)) return false;
  }
  return true;
}

bool desc_is_compatible(bool extensible, const PropertyDescriptor *desc, const PropertyDescriptor *current) {
  if (!current) return extensible;
  return validate_change(desc, current);
}

/* ValidateAndApplyPropertyDescriptor(O, P, extensible, Desc, current) with O an object whose own
 * property storage holds P (or not). current NULL: absent. */
static int validate_and_apply(Isolate *iso, Value obj, Value key, bool extensible,
                              const PropertyDescriptor *desc, const PropertyDescriptor *current) {
  JSObject *o = js_object(obj);
  if (!current) {
    if (!extensible) return 0;
    int attrs = (desc->has_enumerable && desc->enumerable ? ATTR_ENUMERABLE : 0) |
                (desc->has_configurable && desc->configurable ? ATTR_CONFIGURABLE : 0);
    if (desc_is_accessor(desc)) {
      Value pair = accessor_pair_new(iso, desc->has_get ? desc->get : VAL_UNDEFINED,
                                     desc->has_set ? desc->set : VAL_UNDEFINED);
      if (pair == VAL_EXCEPTION) return -1;
      return obj_add_property(iso, obj, key, pair, attrs | PD_ACCESSOR) < 0 ? -1 : 1;
    }
    if (desc->has_writable && desc->writable) attrs |= ATTR_WRITABLE;
    return obj_add_property(iso, obj, key, desc->has_value ? desc->value : VAL_UNDEFINED, attrs) < 0 ? -1 : 1;
  }
  if (!validate_change(desc, current)) return 0;
  PropRef r;
  if (!prop_find(iso, o, key, &r)) return 1; /* synthesized by an exotic object: nothing stored */
  bool cur_accessor = desc_is_accessor(current);
  bool enumerable = desc->has_enumerable ? desc->enumerable : current->enumerable;
  bool configurable = desc->has_configurable ? desc->configurable : current->configurable;
  int attrs = (enumerable ? ATTR_ENUMERABLE : 0) | (configurable ? ATTR_CONFIGURABLE : 0);
  if (desc_is_accessor(desc) || (cur_accessor && desc_is_generic(desc))) {
    Value g = desc->has_get ? desc->get : (cur_accessor ? current->get : VAL_UNDEFINED);
    Value s = desc->has_set ? desc->set : (cur_accessor ? current->set : VAL_UNDEFINED);
    Value pair = r.value;
    if (!cur_accessor || desc->has_get || desc->has_set) {
      pair = accessor_pair_new(iso, g, s);
      if (pair == VAL_EXCEPTION) return -1;
    }
    return prop_update(iso, o, key, &r, pair, attrs | PD_ACCESSOR) < 0 ? -1 : 1;
  }
  /* Data (or generic on data). */
  bool writable = desc->has_writable ? desc->writable : (cur_accessor ? false : current->writable);
  Value value = desc->has_value ? desc->value : (cur_accessor ? VAL_UNDEFINED : current->value);
  if (writable) attrs |= ATTR_WRITABLE;
  return prop_update(iso, o, key, &r, value, attrs) < 0 ? -1 : 1;
}

int ordinary_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  PropertyDescriptor cur;
  int found;
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->get_own_property) found = ops->get_own_property(iso, obj, key, &cur);
  else found = obj_ordinary_get_own(iso, obj, key, &cur);
  if (found < 0) return -1;
  int ext = obj_is_extensible(iso, obj);
  if (ext < 0) return -1;
  return validate_and_apply(iso, obj, key, ext != 0, desc, found ? &cur : NULL);
}

int ordinary_has_property(Isolate *iso, Value obj, Value key) {
  for (;;) {
    int r = obj_get_own_property(iso, obj, key, NULL);
    if (r != 0) return r;
    Value parent = obj_get_prototype_of(iso, obj);
    if (parent == VAL_EXCEPTION) return -1;
    if (parent == VAL_NULL) return 0;
    const ObjectOps *ops = ops_of(parent);
    if (ops && ops->has_property) return ops->has_property(iso, parent, key);
    obj = parent;
  }
}

Value ordinary_get(Isolate *iso, Value obj, Value key, Value receiver) {
  for (;;) {
    PropertyDescriptor d;
    const ObjectOps *ops = ops_of(obj);
    int r;
    if (ops && ops->get_own_property) {
      r = ops->get_own_property(iso, obj, key, &d);
    } else {
      PropRef pr;
      if (prop_find(iso, js_object(obj), key, &pr)) {
        if (!(pr.details & PD_ACCESSOR)) return pr.value;
        prop_to_desc(&pr, &d);
        r = 1;
      } else {
        r = 0;
      }
    }
    if (r < 0) return VAL_EXCEPTION;
    if (r == 0) {
      Value parent = obj_get_prototype_of(iso, obj);
      if (parent == VAL_EXCEPTION) return VAL_EXCEPTION;
      if (parent == VAL_NULL) return VAL_UNDEFINED;
      const ObjectOps *pops = ops_of(parent);
      if (pops && pops->get) return pops->get(iso, parent, key, receiver);
      obj = parent;
      continue;
    }
    if (desc_is_data(&d)) return d.value;
    if (d.get == VAL_UNDEFINED) return VAL_UNDEFINED;
    return rt_call(iso, d.get, receiver, 0, NULL);
  }
}

int ordinary_set_with_own_descriptor(Isolate *iso, Value obj, Value key, Value value, Value receiver,
                                     const PropertyDescriptor *own_desc) {
  PropertyDescriptor d;
  for (;;) {
    if (own_desc) break;
    Value parent = obj_get_prototype_of(iso, obj);
    if (parent == VAL_EXCEPTION) return -1;
    if (parent == VAL_NULL) {
      desc_data(&d, VAL_UNDEFINED, ATTR_DEFAULT);
      own_desc = &d;
      break;
    }
    const ObjectOps *pops = ops_of(parent);
    if (pops && pops->set) return pops->set(iso, parent, key, value, receiver);
    obj = parent;
    int r = obj_get_own_property(iso, obj, key, &d);
    if (r < 0) return -1;
    if (r) own_desc = &d;
  }
  if (desc_is_data(own_desc)) {
    if (!own_desc->writable) return 0;
    if (!val_is_object(receiver)) return 0;
    PropertyDescriptor existing;
    int r = obj_get_own_property(iso, receiver, key, &existing);
    if (r < 0) return -1;
    if (r) {
      if (desc_is_accessor(&existing)) return 0;
      if (!existing.writable) return 0;
      PropertyDescriptor vd;
      desc_init(&vd);
      vd.value = value;
      vd.has_value = true;
      return obj_define_own_property(iso, receiver, key, &vd);
    }
    if (!ops_of(receiver)) {
      /* CreateDataProperty on an ordinary object known not to have the key. */
      if (!(js_object(receiver)->map->bit_field & MAP_EXTENSIBLE)) return 0;
      return obj_add_property(iso, receiver, key, value, ATTR_DEFAULT) < 0 ? -1 : 1;
    }
    return rt_create_data_property(iso, receiver, key, value);
  }
  if (own_desc->set == VAL_UNDEFINED) return 0;
  if (rt_call(iso, own_desc->set, receiver, 1, &value) == VAL_EXCEPTION) return -1;
  return 1;
}

int ordinary_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  /* Fast path: an own writable data property of an ordinary object set on itself. */
  if (obj == receiver && !ops_of(obj)) {
    JSObject *o = js_object(obj);
    PropRef pr;
    if (prop_find(iso, o, key, &pr)) {
      if (!(pr.details & PD_ACCESSOR) && (pr.details & ATTR_WRITABLE)) {
        if (prop_update(iso, o, key, &pr, value, pr.details) < 0) return -1;
        return 1;
      }
      PropertyDescriptor d;
      prop_to_desc(&pr, &d);
      return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, &d);
    }
    return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, NULL);
  }
  PropertyDescriptor d;
  int r = obj_get_own_property(iso, obj, key, &d);
  if (r < 0) return -1;
  return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, r ? &d : NULL);
}

int ordinary_delete(Isolate *iso, Value obj, Value key) {
  JSObject *o = js_object(obj);
  PropRef r;
  if (!prop_find(iso, o, key, &r)) {
    const ObjectOps *ops = ops_of(obj);
    if (ops && ops->get_own_property) {
      /* An exotic own property not in storage (e.g. a string wrapper's index): non-configurable. */
      PropertyDescriptor d;
      int f = ops->get_own_property(iso, obj, key, &d);
      if (f < 0) return -1;
      if (f) return d.configurable;
    }
    return 1;
  }
  if (!(r.details & ATTR_CONFIGURABLE)) return 0;
  return prop_remove(iso, o, key, &r) < 0 ? -1 : 1;
}

/* Collects own keys in spec order: integer indices ascending, strings, then symbols (private
 * names excluded). extra_* let exotic objects put synthesized keys first (string indices) or
 * right after the indices ("length"). */
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

typedef struct KeyList {
  Value *v;
  size_t n, cap;
} KeyList;

static int kl_push(Isolate *iso, KeyList *kl, Value k) {
  if (kl->n == kl->cap) {
    size_t nc = kl->cap ? kl->cap * 2 : 16;
    Value *nv = realloc(kl->v, nc * sizeof(Value));
    if (!nv) {
      isolate_throw_oom(iso);
      return -1;
    }
    kl->v = nv;
    kl->cap = nc;
  }
  kl->v[kl->n++] = k;
  return 0;
}

Value obj_collect_own_keys(Isolate *iso, Value obj, uint32_t string_length, Value extra_key) {
  JSObject *o = js_object(obj);
  KeyList kl = {0};
  Value result = VAL_EXCEPTION;
  for (uint32_t i = 0; i < string_length; i++)
    if (kl_push(iso, &kl, key_from_index(i)) < 0) goto out;
  if (o->map->elements_kind == ELEMENTS_DICTIONARY) {
    Dictionary *d = (Dictionary *)val_to_ptr(o->elements);
    size_t start = kl.n;
    for (uint32_t i = 0; i < d->used; i++) {
      Value k = DICT_KEY(d, i);
      if (k == VAL_HOLE) continue;
      if (kl_push(iso, &kl, k) < 0) goto out;
    }
    size_t cnt = kl.n - start;
    double *tmp = malloc((cnt ? cnt : 1) * sizeof(double));
    if (!tmp) {
      isolate_throw_oom(iso);
      goto out;
    }
    for (size_t i = 0; i < cnt; i++) tmp[i] = val_to_number_unchecked(kl.v[start + i]);
    qsort(tmp, cnt, sizeof(double), cmp_double);
    for (size_t i = 0; i < cnt; i++) kl.v[start + i] = val_from_number(tmp[i]);
    free(tmp);
  } else {
    FaView *el = fa(o->elements);
    for (uint32_t i = 0; i < el->length; i++)
      if (el->data[i] != VAL_HOLE && i >= string_length && kl_push(iso, &kl, key_from_index(i)) < 0) goto out;
  }
  if (extra_key != VAL_UNDEFINED && kl_push(iso, &kl, extra_key) < 0) goto out;
  for (int pass = 0; pass < 2; pass++) {
    Map *m = o->map;
    if (pass == 1 && !(m->bit_field & MAP_HAS_SYMBOL_KEYS)) break;
    if (m->bit_field & MAP_DICTIONARY) {
      Dictionary *d = (Dictionary *)val_to_ptr(o->properties);
      for (uint32_t i = 0; i < d->used; i++) {
        Value k = DICT_KEY(d, i);
        if (k == VAL_HOLE || key_is_symbol(k) != (pass == 1)) continue;
        if (pass == 1 && sym_is_private(k)) continue;
        if (kl_push(iso, &kl, k) < 0) goto out;
      }
    } else {
      for (uint32_t i = 0; i < m->own_descriptors; i++) {
        Value k = map_descriptor_key(m, i);
        if (key_is_symbol(k) != (pass == 1)) continue;
        if (pass == 1 && sym_is_private(k)) continue;
        if (kl_push(iso, &kl, k) < 0) goto out;
      }
    }
  }
  result = array_from_values(iso, kl.v, (uint32_t)kl.n);
out:
  free(kl.v);
  return result;
}

Value ordinary_own_property_keys(Isolate *iso, Value obj) {
  return obj_collect_own_keys(iso, obj, 0, VAL_UNDEFINED);
}

/* ---- Dispatching internal methods (runtime.h) ----------------------------------------------- */

Value obj_get_prototype_of(Isolate *iso, Value obj) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->get_prototype_of) return ops->get_prototype_of(iso, obj);
  return js_object(obj)->map->prototype;
}

int obj_set_prototype_of(Isolate *iso, Value obj, Value proto) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->set_prototype_of) return ops->set_prototype_of(iso, obj, proto);
  return ordinary_set_prototype_of(iso, obj, proto);
}

int obj_is_extensible(Isolate *iso, Value obj) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->is_extensible) return ops->is_extensible(iso, obj);
  return ordinary_is_extensible(iso, obj);
}

int obj_prevent_extensions(Isolate *iso, Value obj) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->prevent_extensions) return ops->prevent_extensions(iso, obj);
  return ordinary_prevent_extensions(iso, obj);
}

int obj_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->get_own_property) {
    PropertyDescriptor tmp;
    return ops->get_own_property(iso, obj, key, out ? out : &tmp);
  }
  return obj_ordinary_get_own(iso, obj, key, out);
}

int obj_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->define_own_property) return ops->define_own_property(iso, obj, key, desc);
  return ordinary_define_own_property(iso, obj, key, desc);
}

int obj_has_property(Isolate *iso, Value obj, Value key) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->has_property) return ops->has_property(iso, obj, key);
  return ordinary_has_property(iso, obj, key);
}

Value obj_get(Isolate *iso, Value obj, Value key, Value receiver) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->get) return ops->get(iso, obj, key, receiver);
  return ordinary_get(iso, obj, key, receiver);
}

int obj_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->set) return ops->set(iso, obj, key, value, receiver);
  return ordinary_set(iso, obj, key, value, receiver);
}

int obj_delete(Isolate *iso, Value obj, Value key) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->delete_) return ops->delete_(iso, obj, key);
  return ordinary_delete(iso, obj, key);
}

Value obj_own_property_keys(Isolate *iso, Value obj) {
  const ObjectOps *ops = ops_of(obj);
  if (ops && ops->own_property_keys) return ops->own_property_keys(iso, obj);
  return ordinary_own_property_keys(iso, obj);
}

/* ---- Integrity levels ----------------------------------------------------------------------- */

/* ---- Private elements ----
 * An object's [[PrivateElements]] live in its own property storage under private symbols, for
 * every kind of object. They bypass exotic behaviour: a Proxy's traps never run and never see
 * them (a proxy has private elements of its own, distinct from its target's), a typed array's
 * or module namespace's own-key rules do not apply. Only adding consults IsExtensible (the
 * nonextensible-applies-to-private rule, which node and the test suite follow). */

int obj_private_find(Isolate *iso, Value obj, Value sym, PropertyDescriptor *out) {
  return obj_ordinary_get_own(iso, obj, sym, out);
}

int obj_private_add(Isolate *iso, Value obj, Value sym, const PropertyDescriptor *desc) {
  if (obj_ordinary_get_own(iso, obj, sym, NULL)) return 0;
  int ext = obj_is_extensible(iso, obj);
  if (ext <= 0) return ext < 0 ? -1 : -2;
  /* the trap may have added it meanwhile (a proxy cannot: private symbols never reach user code) */
  return validate_and_apply(iso, obj, sym, true, desc, NULL) < 0 ? -1 : 1;
}

int obj_private_write(Isolate *iso, Value obj, Value sym, Value value) {
  PropRef r;
  JSObject *o = js_object(obj);
  if (!prop_find(iso, o, sym, &r)) return 0;
  PropertyDescriptor cur;
  prop_to_desc(&r, &cur);
  int attrs = (cur.writable ? ATTR_WRITABLE : 0) | (cur.enumerable ? ATTR_ENUMERABLE : 0) |
              (cur.configurable ? ATTR_CONFIGURABLE : 0);
  return prop_update(iso, o, sym, &r, value, attrs) < 0 ? -1 : 1;
}

int obj_set_integrity_level(Isolate *iso, Value obj, bool frozen) {
  int r = obj_prevent_extensions(iso, obj);
  if (r <= 0) return r;
  Value keys = obj_own_property_keys(iso, obj);
  if (keys == VAL_EXCEPTION) return -1;
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    Value k = fa(js_object(keys)->elements)->data[i];
    PropertyDescriptor d;
    desc_init(&d);
    d.has_configurable = true;
    d.configurable = false;
    if (frozen) {
      PropertyDescriptor cur;
      int f = obj_get_own_property(iso, obj, k, &cur);
      if (f < 0) return -1;
      if (!f) continue;
      if (desc_is_data(&cur)) {
        d.has_writable = true;
        d.writable = false;
      }
    }
    if (rt_define_property_or_throw(iso, obj, k, &d) < 0) return -1;
  }
  return 1;
}

int obj_test_integrity_level(Isolate *iso, Value obj, bool frozen) {
  int ext = obj_is_extensible(iso, obj);
  if (ext != 0) return ext < 0 ? -1 : 0;
  Value keys = obj_own_property_keys(iso, obj);
  if (keys == VAL_EXCEPTION) return -1;
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    Value k = fa(js_object(keys)->elements)->data[i];
    PropertyDescriptor cur;
    int f = obj_get_own_property(iso, obj, k, &cur);
    if (f < 0) return -1;
    if (!f) continue;
    if (cur.configurable) return 0;
    if (frozen && desc_is_data(&cur) && cur.writable) return 0;
  }
  return 1;
}

/* ---- ToPropertyDescriptor / FromPropertyDescriptor ------------------------------------------ */

int desc_from_object(Isolate *iso, Value obj, PropertyDescriptor *out) {
  desc_init(out);
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "Property description must be an object");
    return -1;
  }
  static const NameId fields[6] = {NAME_enumerable, NAME_configurable, NAME_value,
                                   NAME_writable,   NAME_get,          NAME_set};
  for (int i = 0; i < 6; i++) {
    Value key = names_get(iso, fields[i]);
    int has = obj_has_property(iso, obj, key);
    if (has < 0) return -1;
    if (!has) continue;
    Value v = obj_get(iso, obj, key, obj);
    if (v == VAL_EXCEPTION) return -1;
    switch (i) {
    case 0: out->has_enumerable = true; out->enumerable = rt_to_boolean(v); break;
    case 1: out->has_configurable = true; out->configurable = rt_to_boolean(v); break;
    case 2: out->has_value = true; out->value = v; break;
    case 3: out->has_writable = true; out->writable = rt_to_boolean(v); break;
    case 4:
      if (v != VAL_UNDEFINED && !val_is_callable(v)) {
        char buf[64];
        rt_throw_type_error(iso, "Getter must be a function: %s", key_describe(iso, v, buf, sizeof buf));
        return -1;
      }
      out->has_get = true;
      out->get = v;
      break;
    case 5:
      if (v != VAL_UNDEFINED && !val_is_callable(v)) {
        char buf[64];
        rt_throw_type_error(iso, "Setter must be a function: %s", key_describe(iso, v, buf, sizeof buf));
        return -1;
      }
      out->has_set = true;
      out->set = v;
      break;
    }
  }
  if ((out->has_get || out->has_set) && (out->has_value || out->has_writable)) {
    rt_throw_type_error(iso, "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute");
    return -1;
  }
  return 0;
}

Value desc_to_object(Isolate *iso, const PropertyDescriptor *d) {
  Value o = obj_new_plain(iso);
  if (o == VAL_EXCEPTION) return o;
  if (d->has_value && rt_create_data_property(iso, o, NAME(iso, value), d->value) < 0) return VAL_EXCEPTION;
  if (d->has_writable && rt_create_data_property(iso, o, NAME(iso, writable), val_from_bool(d->writable)) < 0)
    return VAL_EXCEPTION;
  if (d->has_get && rt_create_data_property(iso, o, NAME(iso, get), d->get) < 0) return VAL_EXCEPTION;
  if (d->has_set && rt_create_data_property(iso, o, NAME(iso, set), d->set) < 0) return VAL_EXCEPTION;
  if (d->has_enumerable && rt_create_data_property(iso, o, NAME(iso, enumerable), val_from_bool(d->enumerable)) < 0)
    return VAL_EXCEPTION;
  if (d->has_configurable &&
      rt_create_data_property(iso, o, NAME(iso, configurable), val_from_bool(d->configurable)) < 0)
    return VAL_EXCEPTION;
  return o;
}
