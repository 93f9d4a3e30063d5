/* Named property inline cache (property-ic.h). */
#include "ic/property-ic.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"
#include "objects/object-ops.h"

/* A cacheable object: ordinary internal methods, fast (descriptor) properties. */
static bool cacheable(Value obj) {
  if (!val_is_pointer(obj) || !val_is_object(obj)) return false;
  JSObject *o = js_object(obj);
  if (object_get_ops(heap_object_type((HeapObject *)o))) return false;
  return !(o->map->bit_field & MAP_DICTIONARY) && val_is_pointer(o->map->descriptors);
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
  for (int32_t e = 0; e < n; e += PROP_IC_ENTRY_SIZE)
    if (old->slots[e + PROP_IC_MAP] == map) keep = e;
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

static bool slot_ok(Isolate *iso, Value feedback, int slot) {
  if (!val_is_pointer(feedback) || isolate_has_exception(iso)) return false;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return false;
  /* Literal boilerplates and other feedback kinds are not overwritten. */
  return fv->slots[slot] == VAL_UNDEFINED || prop_ic_cache(feedback, slot) != NULL;
}

void prop_ic_update_load(Isolate *iso, Value feedback, int slot, Value obj, Value key) {
  if (!slot_ok(iso, feedback, slot) || key_is_index(key) || !cacheable(obj)) return;
  Value map = val_from_ptr(js_object(obj)->map);
  int f = own_field(obj, key, false);
  if (f >= 0) {
    fill(iso, feedback, slot, map, VAL_UNDEFINED, VAL_UNDEFINED, f);
    return;
  }
  if (map_find_descriptor(js_object(obj)->map, key) >= 0) return; /* an accessor */
  Value proto = js_object(obj)->map->prototype;
  if (!cacheable(proto)) return;
  f = own_field(proto, key, false);
  if (f >= 0) fill(iso, feedback, slot, map, proto, val_from_ptr(js_object(proto)->map), f);
}

void prop_ic_update_store(Isolate *iso, Value feedback, int slot, Value obj, Value key) {
  if (!slot_ok(iso, feedback, slot) || key_is_index(key) || !cacheable(obj)) return;
  int f = own_field(obj, key, true);
  if (f >= 0) fill(iso, feedback, slot, val_from_ptr(js_object(obj)->map), VAL_UNDEFINED, VAL_UNDEFINED, f);
}
