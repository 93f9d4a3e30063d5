/* Named property inline cache (property-ic.h). */
#include "ic/property-ic.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"
#include "objects/object-ops.h"
#include "objects/map.h"
#include "objects/dictionary.h"

/* A cacheable object: ordinary internal methods, fast (descriptor) properties. */
static bool cacheable(Value obj) {
  if (!val_is_pointer(obj) || !val_is_object(obj)) return false;
  JSObject *o = js_object(obj);
  if (object_get_ops(heap_object_type((HeapObject *)o))) return false;
  return !(o->map->bit_field & MAP_DICTIONARY) && val_is_pointer(o->map->descriptors);
}

static void fill(Isolate *iso, Value feedback, int slot, Value map, Value holder, Value holder_map, int field);

/* An ordinary object whose named properties live in a PropertyDictionary. */
static Dictionary *ordinary_dict(Value obj) {
  if (!val_is_pointer(obj) || !val_is_object(obj)) return NULL;
  JSObject *o = js_object(obj);
  if (object_get_ops(heap_object_type((HeapObject *)o)) || !(o->map->bit_field & MAP_DICTIONARY)) return NULL;
  if (!val_is_pointer(o->properties) || heap_object_type(val_to_ptr(o->properties)) != IT_PROPERTY_DICTIONARY)
    return NULL;
  return (Dictionary *)val_to_ptr(o->properties);
}

/* Caches a data property of dictionary-mode holder (obj itself when holder is false) at entry i. */
static bool cache_dict_entry(Isolate *iso, Value feedback, int slot, Value obj, Value holder, Value key,
                             bool need_writable) {
  Dictionary *d = ordinary_dict(holder == VAL_FALSE ? obj : holder);
  if (!d) return false;
  int32_t i = dict_find(iso, d, key);
  if (i < 0) return false;
  int32_t det = val_to_int(DICT_DETAILS(d, i));
  if ((det & PD_ACCESSOR) || (need_writable && !(det & ATTR_WRITABLE))) return false;
  fill(iso, feedback, slot, val_from_ptr(js_object(obj)->map), holder, key, -1 - i);
  return true;
}

/* Field index of an own data field named key (writable when required), or -1. */
static int own_field(Value obj, Value key, bool need_writable) {
  Map *m = js_object(obj)->map;
  int i = map_find_descriptor(m, key);
  if (i < 0) return -1;
  int32_t det = map_descriptor_details(m, (uint32_t)i);
  if (det & PD_ACCESSOR) return -1;
  if (need_writable && !(det & ATTR_WRITABLE)) return -1;
  return (int)((uint32_t)det >> PD_FIELD_SHIFT);
}

/* Adds the entry [map, holder, holder map, field] to the site's cache: a new vector one entry
 * longer (entries are never rewritten in place, so a reader never sees half an entry). An entry
 * for the same receiver map is replaced (its holder's map changed); a full cache stays as it is. */
static void fill(Isolate *iso, Value feedback, int slot, Value map, Value holder, Value holder_map, int field) {
  FeedbackVector *old = prop_ic_cache(feedback, slot);
  int32_t n = old ? old->length : 0, keep = -1;
  for (int32_t e = 0; e < n; e += PROP_IC_ENTRY_SIZE) {
    const Value *ent = &old->slots[e];
    if (ent[PROP_IC_MAP] != map) continue;
    /* Already there (a store that added the property misses again next time: nothing to add). */
    if (ent[PROP_IC_HOLDER] == holder && ent[PROP_IC_HOLDER_MAP] == holder_map && ent[PROP_IC_FIELD] == val_from_int(field))
      return;
    keep = e;
  }
  int32_t len = keep >= 0 ? n : n + PROP_IC_ENTRY_SIZE;
  if (len > PROP_IC_ENTRY_SIZE * PROP_IC_MAX_ENTRIES) return;
  Value c = feedback_vector_new(iso, len);
  if (c == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return;
  }
  old = prop_ic_cache(feedback, slot);
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  for (int32_t i = 0; i < n; i++) WRITE_FIELD(cache, cache->slots[i], old->slots[i]);
  Value *ent = &cache->slots[keep >= 0 ? keep : n];
  WRITE_FIELD(cache, ent[PROP_IC_MAP], map);
  WRITE_FIELD(cache, ent[PROP_IC_HOLDER], holder);
  WRITE_FIELD(cache, ent[PROP_IC_HOLDER_MAP], holder_map);
  ent[PROP_IC_FIELD] = val_from_int(field);
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  WRITE_FIELD(fv, fv->slots[slot], c);
}

static bool slot_ok(Isolate *iso, Value feedback, int slot, Value obj) {
  if (!val_is_pointer(feedback) || isolate_has_exception(iso)) return false;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return false;
  /* Literal boilerplates and other feedback kinds are not overwritten. */
  if (fv->slots[slot] == VAL_UNDEFINED) return true;
  FeedbackVector *c = prop_ic_cache(feedback, slot);
  if (!c) return false;
  /* A full cache takes only a replacement for a map it already has: skip the lookups else. */
  if (c->length < PROP_IC_ENTRY_SIZE * PROP_IC_MAX_ENTRIES || !val_is_pointer(obj)) return true;
  Value map = val_from_ptr(js_object(obj)->map);
  for (int32_t e = 0; e < c->length; e += PROP_IC_ENTRY_SIZE)
    if (c->slots[e + PROP_IC_MAP] == map) return true;
  return false;
}

/* A dictionary-mode holder's entry i still holds the data property key (entries move only when
 * the dictionary is rebuilt, and a deleted entry no longer holds its key). */
static Dictionary *dict_entry_ok(JSObject *h, int32_t i, Value key) {
  if (!(h->map->bit_field & MAP_DICTIONARY) || !val_is_pointer(h->properties)) return NULL;
  Dictionary *d = (Dictionary *)val_to_ptr(h->properties);
  if ((uint32_t)i >= d->used || DICT_KEY(d, i) != key) return NULL;
  if (val_to_int(DICT_DETAILS(d, i)) & PD_ACCESSOR) return NULL;
  return d;
}

bool prop_ic_load_chain(JSObject *o, const Value *ent, Value *out) {
  Value holder = ent[PROP_IC_HOLDER];
  if (holder != VAL_TRUE) {
    /* Dictionary entries: the receiver itself (holder false) or its direct prototype. */
    JSObject *h = holder == VAL_FALSE ? o : js_object(holder);
    int32_t i = -1 - val_to_int(ent[PROP_IC_FIELD]);
    Dictionary *d = dict_entry_ok(h, i, ent[PROP_IC_HOLDER_MAP]);
    if (!d) return false;
    *out = DICT_VALUE(d, i);
    return true;
  }
  const FeedbackVector *chain = (const FeedbackVector *)val_to_ptr(ent[PROP_IC_HOLDER_MAP]);
  Value p = o->map->prototype;
  JSObject *h = NULL;
  for (int32_t i = 0; i < chain->length; i++) {
    if (!val_is_pointer(p)) return false;
    h = js_object(p);
    if (val_from_ptr(h->map) != chain->slots[i]) return false;
    p = h->map->prototype;
  }
  if (!h) return false;
  *out = *prop_ic_field_slot(h, (uint32_t)(-1 - val_to_int(ent[PROP_IC_FIELD])));
  return true;
}

/* Caches a data field found two or more prototypes up: every object on the way is an ordinary
 * fast-mode object without the key, and its map is recorded (maps fix own properties and the
 * next prototype, so equal maps prove the same lookup result). */
static void cache_chain_load(Isolate *iso, Value feedback, int slot, Value obj, Value key) {
  Value maps[8];
  int n = 0;
  for (Value p = js_object(obj)->map->prototype; p != VAL_NULL; p = js_object(p)->map->prototype) {
    if (n == (int)PT_ARRAY_LEN(maps) || !cacheable(p)) return;
    Map *pm = js_object(p)->map;
    maps[n++] = val_from_ptr(pm);
    int f = own_field(p, key, false);
    if (f >= 0) {
      if (n < 2) return; /* the direct prototype has its own entry kind */
      Value chain = feedback_vector_new(iso, n);
      if (chain == VAL_EXCEPTION) {
        isolate_take_exception(iso);
        return;
      }
      FeedbackVector *cv = (FeedbackVector *)val_to_ptr(chain);
      for (int i = 0; i < n; i++) WRITE_FIELD(cv, cv->slots[i], maps[i]);
      fill(iso, feedback, slot, val_from_ptr(js_object(obj)->map), VAL_TRUE, chain, -1 - f);
      return;
    }
    if (map_find_descriptor(pm, key) >= 0) return; /* an accessor */
  }
}

void prop_ic_update_load(Isolate *iso, Value feedback, int slot, Value obj, Value key) {
  if (!slot_ok(iso, feedback, slot, obj) || key_is_index(key)) return;
  if (ordinary_dict(obj)) {
    cache_dict_entry(iso, feedback, slot, obj, VAL_FALSE, key, false);
    return;
  }
  if (!cacheable(obj)) return;
  Value map = val_from_ptr(js_object(obj)->map);
  int f = own_field(obj, key, false);
  if (f >= 0) {
    fill(iso, feedback, slot, map, VAL_UNDEFINED, VAL_UNDEFINED, f);
    return;
  }
  if (map_find_descriptor(js_object(obj)->map, key) >= 0) return; /* an accessor */
  Value proto = js_object(obj)->map->prototype;
  if (ordinary_dict(proto)) {
    cache_dict_entry(iso, feedback, slot, obj, proto, key, false);
    return;
  }
  if (!cacheable(proto)) return;
  f = own_field(proto, key, false);
  if (f >= 0) {
    fill(iso, feedback, slot, map, proto, val_from_ptr(js_object(proto)->map), f);
    return;
  }
  if (map_find_descriptor(js_object(proto)->map, key) < 0) cache_chain_load(iso, feedback, slot, obj, key);
}

/* The prototype chain from proto is still the one recorded in chain (maps fix each object's
 * own properties and its prototype, and fast-mode property changes always make a new map). */
static bool chain_valid(Value proto, const FeedbackVector *chain) {
  Value p = proto;
  for (int32_t i = 0; i < chain->length; i++) {
    if (!val_is_pointer(p)) return false;
    JSObject *po = js_object(p);
    if (val_from_ptr(po->map) != chain->slots[i]) return false;
    p = po->map->prototype;
  }
  return p == VAL_NULL;
}

bool prop_ic_store_transition(JSObject *o, const Value *ent, Value value) {
  if (ent[PROP_IC_HOLDER] == VAL_FALSE) {
    /* A writable data property of a dictionary-mode receiver. */
    int32_t i = -1 - val_to_int(ent[PROP_IC_FIELD]);
    Dictionary *d = dict_entry_ok(o, i, ent[PROP_IC_HOLDER_MAP]);
    if (!d || !(val_to_int(DICT_DETAILS(d, i)) & ATTR_WRITABLE)) return false;
    dict_set_value(d, i, value);
    return true;
  }
  const FeedbackVector *chain = (const FeedbackVector *)val_to_ptr(ent[PROP_IC_HOLDER]);
  if (!chain_valid(o->map->prototype, chain)) return false;
  Map *nm = (Map *)val_to_ptr(ent[PROP_IC_HOLDER_MAP]);
  uint32_t field = (uint32_t)(-1 - val_to_int(ent[PROP_IC_FIELD]));
  Value *slot;
  if (field < nm->inobject_count) {
    slot = (Value *)(void *)((char *)o + nm->inobject_offset) + field;
  } else {
    /* The backing store must already have room; growing it is the generic path's job. */
    uint32_t oi = field - nm->inobject_count;
    if (!val_is_pointer(o->properties) || oi >= ((FixedArray *)val_to_ptr(o->properties))->length) return false;
    slot = &((FixedArray *)val_to_ptr(o->properties))->data[oi];
  }
  WRITE_FIELD(o, *slot, value);
  o->map = nm;
  heap_write_barrier((HeapObject *)o, val_from_ptr(nm));
  return true;
}

/* Caches the add-property transition old_map -> obj's map for key, when it is a plain shared
 * transition on an ordinary fast object and the prototype chain (recorded map by map) has no
 * setter or read-only property named key. */
static bool cache_transition(Isolate *iso, Value feedback, int slot, Value obj, Value key, Map *om, int field) {
  Map *nm = js_object(obj)->map;
  if ((om->bit_field & (MAP_DICTIONARY | MAP_UNIQUE | MAP_PROTOTYPE | MAP_EXOTIC)) || !(om->bit_field & MAP_EXTENSIBLE))
    return false;
  if (nm->back_pointer != val_from_ptr(om) || nm->prototype != om->prototype || field != (int)om->field_count ||
      nm->own_descriptors != om->own_descriptors + 1 || om->instance_type != nm->instance_type)
    return false;
  Value protos[8];
  int n = 0;
  for (Value p = om->prototype; p != VAL_NULL; p = js_object(p)->map->prototype) {
    if (n == (int)PT_ARRAY_LEN(protos) || !cacheable(p)) return false;
    Map *pm = js_object(p)->map;
    int i = map_find_descriptor(pm, key);
    if (i >= 0) {
      int32_t det = map_descriptor_details(pm, (uint32_t)i);
      if ((det & PD_ACCESSOR) || !(det & ATTR_WRITABLE)) return false;
    }
    protos[n++] = val_from_ptr(pm);
  }
  Value chain = feedback_vector_new(iso, n);
  if (chain == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return false;
  }
  FeedbackVector *cv = (FeedbackVector *)val_to_ptr(chain);
  for (int i = 0; i < n; i++) WRITE_FIELD(cv, cv->slots[i], protos[i]);
  fill(iso, feedback, slot, val_from_ptr(om), chain, val_from_ptr(nm), -1 - field);
  return true;
}

void prop_ic_update_store(Isolate *iso, Value feedback, int slot, Value obj, Value key, Value old_map) {
  if (!slot_ok(iso, feedback, slot, obj) || key_is_index(key)) return;
  if (ordinary_dict(obj)) {
    cache_dict_entry(iso, feedback, slot, obj, VAL_FALSE, key, true);
    return;
  }
  if (!cacheable(obj)) return;
  int f = own_field(obj, key, true);
  if (f < 0) return;
  if (val_is_pointer(old_map) && val_to_ptr(old_map) != (HeapObject *)js_object(obj)->map &&
      cache_transition(iso, feedback, slot, obj, key, (Map *)val_to_ptr(old_map), f))
    return;
  fill(iso, feedback, slot, val_from_ptr(js_object(obj)->map), VAL_UNDEFINED, VAL_UNDEFINED, f);
}
