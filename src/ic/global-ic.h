/*
 * Inline cache for global variable loads and stores (LdaGlobal / StaGlobal). The feedback slot
 * of the site holds [dictionary, entry number, epoch]: an entry of the realm's script-scope
 * lexicals (a let/const/class of some script) or one of the global object's own data
 * properties. A hit reads or writes the entry directly. A lexical in its TDZ holds VAL_HOLE (never
 * a property's value), a const is not ATTR_WRITABLE: both go to the slow path, which throws. The
 * epoch changes whenever script-scope lexical declarations are added (they shadow global
 * properties), which invalidates every entry.
 */
#ifndef PETREL_IC_GLOBAL_IC_H
#define PETREL_IC_GLOBAL_IC_H

#include "interpreter/frames.h"
#include "execution/realm.h"
#include "objects/dictionary.h"
#include "objects/js-object.h"

/* The cache entry of a site when it is still valid for name: the dictionary and entry. Inline:
 * global function calls make this the hottest lookup of call-heavy code. */
static inline Dictionary *global_ic_entry(Isolate *iso, Value feedback, int slot, Value name, int32_t *index) {
  if (!val_is_pointer(feedback)) return NULL;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return NULL;
  Value c = fv->slots[slot];
  if (!val_is_pointer(c) || heap_object_type(val_to_ptr(c)) != IT_FEEDBACK_VECTOR) return NULL;
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  const Interpreter *in = iso->interpreter;
  if (cache->length != 3 || !in || (uint32_t)val_to_int(cache->slots[2]) != in->global_ic_epoch) return NULL;
  Realm *realm = iso->realm;
  if (js_object(realm->global_object)->properties != cache->slots[0] && realm->script_bindings != cache->slots[0])
    return NULL;
  Dictionary *d = (Dictionary *)val_to_ptr(cache->slots[0]);
  int32_t i = val_to_int(cache->slots[1]);
  if ((uint32_t)i >= d->used || DICT_KEY(d, i) != name) return NULL;
  if (val_to_int(DICT_DETAILS(d, i)) & PD_ACCESSOR) return NULL;
  *index = i;
  return d;
}

/* Fast paths: true when the cache answered (load: *out holds the value). */
static inline bool global_ic_load(Isolate *iso, Value feedback, int slot, Value name, Value *out) {
  int32_t i;
  Dictionary *d = global_ic_entry(iso, feedback, slot, name, &i);
  if (!d) return false;
  *out = DICT_VALUE(d, i);
  return *out != VAL_HOLE; /* a lexical in its TDZ: the slow path throws */
}
bool global_ic_store(Isolate *iso, Value feedback, int slot, Value name, Value value);
/* After a slow-path access: caches the script lexical or the global object's own data property
 * name at this site if possible. */
void global_ic_update(Isolate *iso, Value feedback, int slot, Value name);
/* Invalidates every global cache of the isolate (script-scope declarations were added). */
void global_ic_invalidate(Isolate *iso);

#endif
