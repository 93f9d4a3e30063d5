/*
 * Inline cache for named property loads and stores (GetNamedProperty, SetNamedProperty),
 * monomorphic then polymorphic. The site's feedback slot holds a FeedbackVector of up to
 * PROP_IC_MAX_ENTRIES entries of [receiver map, holder, holder map, field]: the property is a data
 * field of the receiver itself (holder undefined) or of its direct prototype. Maps fix an object's
 * own descriptors and its prototype, so a map check (plus the holder's map for prototype hits)
 * proves the field is still where it was. Dictionary-mode objects and objects with exotic
 * internal methods are never cached. Store sites also cache the transition that adds a property
 * (constructors' `this.x = x`). A site that has seen more maps than fit keeps its entries
 * (later maps take the generic path): the megamorphic stub cache is not implemented yet.
 *
 * The hit paths are inline: they are the hottest code in the interpreter after dispatch.
 */
#ifndef PETREL_IC_PROPERTY_IC_H
#define PETREL_IC_PROPERTY_IC_H

#include "interpreter/frames.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"

enum { PROP_IC_MAP, PROP_IC_HOLDER, PROP_IC_HOLDER_MAP, PROP_IC_FIELD, PROP_IC_ENTRY_SIZE };
enum { PROP_IC_MAX_ENTRIES = 4 };

/* The site's cache vector, or NULL when the slot holds none (yet). */
static inline FeedbackVector *prop_ic_cache(Value feedback, int slot) {
  if (PT_UNLIKELY(!val_is_pointer(feedback))) return NULL;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (PT_UNLIKELY(slot < 0 || slot >= fv->length)) return NULL;
  Value c = fv->slots[slot];
  if (!val_is_pointer(c) || heap_object_type(val_to_ptr(c)) != IT_FEEDBACK_VECTOR) return NULL;
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  int32_t n = cache->length;
  if (n < PROP_IC_ENTRY_SIZE || n > PROP_IC_ENTRY_SIZE * PROP_IC_MAX_ENTRIES || n % PROP_IC_ENTRY_SIZE) return NULL;
  return cache;
}

static inline Value *prop_ic_field_slot(JSObject *o, uint32_t field) {
  Map *m = o->map;
  if (field < m->inobject_count) return (Value *)(void *)((char *)o + m->inobject_offset) + field;
  return &((FixedArray *)val_to_ptr(o->properties))->data[field - m->inobject_count];
}

bool prop_ic_load_chain(JSObject *o, const Value *entry, Value *out);

/* Load sites hold entries for an own field (holder undefined), a field of the direct prototype
 * (holder and its map), or a field further up the chain: field -1 - f, with the holder map slot
 * listing the maps of every prototype up to the holder (prop_ic_load_chain); or a data property
 * at entry -1 - f of a dictionary-mode holder, the receiver (holder false) or its direct prototype,
 * with the key in the holder map slot: a dictionary changes without changing its map, so the hit
 * checks that the entry still holds the key. */
static inline bool prop_ic_load(Value feedback, int slot, Value obj, Value *out) {
  if (!val_is_pointer(obj)) return false;
  FeedbackVector *c = prop_ic_cache(feedback, slot);
  if (!c) return false;
  JSObject *o = js_object(obj);
  Value map = val_from_ptr(o->map);
  for (int32_t e = 0; e < c->length; e += PROP_IC_ENTRY_SIZE) {
    const Value *ent = &c->slots[e];
    if (ent[PROP_IC_MAP] != map) continue;
    if (PT_UNLIKELY(val_to_int(ent[PROP_IC_FIELD]) < 0)) return prop_ic_load_chain(o, ent, out);
    JSObject *h = o;
    if (ent[PROP_IC_HOLDER] != VAL_UNDEFINED) {
      h = js_object(ent[PROP_IC_HOLDER]);
      if (val_from_ptr(h->map) != ent[PROP_IC_HOLDER_MAP]) return false;
    }
    *out = *prop_ic_field_slot(h, (uint32_t)val_to_int(ent[PROP_IC_FIELD]));
    return true;
  }
  return false;
}

bool prop_ic_store_transition(JSObject *o, const Value *entry, Value value);

/* Store sites hold two kinds of entries: an own writable data field (holder undefined), or an
 * add-property transition [old map, chain, new map, -1 - field] where chain lists the maps of the
 * prototype chain at caching time (none of which had a setter or read-only property of the name). */
static inline bool prop_ic_store(Value feedback, int slot, Value obj, Value value) {
  if (!val_is_pointer(obj)) return false;
  FeedbackVector *c = prop_ic_cache(feedback, slot);
  if (!c) return false;
  JSObject *o = js_object(obj);
  Value map = val_from_ptr(o->map);
  for (int32_t e = 0; e < c->length; e += PROP_IC_ENTRY_SIZE) {
    const Value *ent = &c->slots[e];
    if (ent[PROP_IC_MAP] != map) continue;
    if (ent[PROP_IC_HOLDER] != VAL_UNDEFINED) return prop_ic_store_transition(o, ent, value);
    Value *p = prop_ic_field_slot(o, (uint32_t)val_to_int(ent[PROP_IC_FIELD]));
    WRITE_FIELD(o, *p, value);
    return true;
  }
  return false;
}

/* After a miss that the generic path handled: adds an entry for obj's map when cacheable. */
void prop_ic_update_load(Isolate *iso, Value feedback, int slot, Value obj, Value key);
/* old_map: the receiver's map before the generic store (a pointer Value), or undefined. */
void prop_ic_update_store(Isolate *iso, Value feedback, int slot, Value obj, Value key, Value old_map);

#endif
