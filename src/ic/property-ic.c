/* Named property inline cache (property-ic.h). */
#include "ic/property-ic.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"
#include "objects/object-ops.h"

enum { IC_MAP, IC_HOLDER, IC_HOLDER_MAP, IC_FIELD, IC_LENGTH };

static FeedbackVector *cache_of(Value feedback, int slot) {
  if (!val_is_pointer(feedback)) return NULL;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return NULL;
  Value c = fv->slots[slot];
  if (!val_is_pointer(c) || heap_object_type(val_to_ptr(c)) != IT_FEEDBACK_VECTOR) return NULL;
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  return cache->length == IC_LENGTH ? cache : NULL;
}

static Value *field_slot(JSObject *o, uint32_t field) {
  Map *m = o->map;
  if (field < m->inobject_count) return (Value *)(void *)((char *)o + m->inobject_offset) + field;
  return &((FixedArray *)val_to_ptr(o->properties))->data[field - m->inobject_count];
}

/* The object the cache entry designates, or NULL on a miss. */
static JSObject *holder_of(FeedbackVector *c, Value obj) {
  if (!val_is_pointer(obj)) return NULL;
  JSObject *o = js_object(obj);
  if (val_from_ptr(o->map) != c->slots[IC_MAP]) return NULL;
  if (c->slots[IC_HOLDER] == VAL_UNDEFINED) return o;
  JSObject *h = js_object(c->slots[IC_HOLDER]);
  if (val_from_ptr(h->map) != c->slots[IC_HOLDER_MAP]) return NULL;
  return h;
}

bool prop_ic_load(Value feedback, int slot, Value obj, Value *out) {
  FeedbackVector *c = cache_of(feedback, slot);
  if (!c) return false;
  JSObject *h = holder_of(c, obj);
  if (!h) return false;
  *out = *field_slot(h, (uint32_t)val_to_int(c->slots[IC_FIELD]));
  return true;
}

bool prop_ic_store(Value feedback, int slot, Value obj, Value value) {
  FeedbackVector *c = cache_of(feedback, slot);
  if (!c || c->slots[IC_HOLDER] != VAL_UNDEFINED) return false;
  JSObject *h = holder_of(c, obj);
  if (!h) return false;
  Value *p = field_slot(h, (uint32_t)val_to_int(c->slots[IC_FIELD]));
  WRITE_FIELD(h, *p, value);
  return true;
}

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

static void fill(Isolate *iso, Value feedback, int slot, Value map, Value holder, Value holder_map, int field) {
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  Value c = fv->slots[slot];
  if (!val_is_pointer(c) || heap_object_type(val_to_ptr(c)) != IT_FEEDBACK_VECTOR ||
      ((FeedbackVector *)val_to_ptr(c))->length != IC_LENGTH) {
    c = feedback_vector_new(iso, IC_LENGTH);
    if (c == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return;
    }
    fv = (FeedbackVector *)val_to_ptr(feedback);
    WRITE_FIELD(fv, fv->slots[slot], c);
  }
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  WRITE_FIELD(cache, cache->slots[IC_MAP], map);
  WRITE_FIELD(cache, cache->slots[IC_HOLDER], holder);
  WRITE_FIELD(cache, cache->slots[IC_HOLDER_MAP], holder_map);
  cache->slots[IC_FIELD] = val_from_int(field);
}

static bool slot_ok(Isolate *iso, Value feedback, int slot) {
  if (!val_is_pointer(feedback) || isolate_has_exception(iso)) return false;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return false;
  /* Literal boilerplates and other feedback kinds are not overwritten. */
  Value c = fv->slots[slot];
  return c == VAL_UNDEFINED || (val_is_pointer(c) && heap_object_type(val_to_ptr(c)) == IT_FEEDBACK_VECTOR &&
                                ((FeedbackVector *)val_to_ptr(c))->length == IC_LENGTH);
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
