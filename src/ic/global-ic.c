/* Global variable inline cache (global-ic.h). */
#include "ic/global-ic.h"
#include "interpreter/interp-runtime.h"
#include "execution/realm.h"
#include "objects/dictionary.h"
#include "objects/js-object.h"

static uint32_t ic_epoch_of(Isolate *iso) { return interp_state(iso)->global_ic_epoch; }

void global_ic_invalidate(Isolate *iso) { interp_state(iso)->global_ic_epoch++; }

bool global_ic_store(Isolate *iso, Value feedback, int slot, Value name, Value value) {
  int32_t i;
  Dictionary *d = global_ic_entry(iso, feedback, slot, name, &i);
  if (!d || !(val_to_int(DICT_DETAILS(d, i)) & ATTR_WRITABLE) || DICT_VALUE(d, i) == VAL_HOLE) return false;
  dict_set_value(d, i, value);
  return true;
}

void global_ic_update(Isolate *iso, Value feedback, int slot, Value name) {
  if (!val_is_pointer(feedback) || isolate_has_exception(iso)) return;
  FeedbackVector *fv = (FeedbackVector *)val_to_ptr(feedback);
  if (slot < 0 || slot >= fv->length) return;
  /* A script lexical shadows a global property of the same name. */
  Value props = iso->realm->script_bindings;
  int32_t i = val_is_pointer(props) ? dict_find(iso, (Dictionary *)val_to_ptr(props), name) : -1;
  if (i < 0) {
    props = js_object(iso->realm->global_object)->properties;
    if (!val_is_pointer(props) || heap_object_type(val_to_ptr(props)) != IT_PROPERTY_DICTIONARY) return;
    i = dict_find(iso, (Dictionary *)val_to_ptr(props), name);
  }
  Dictionary *d = (Dictionary *)val_to_ptr(props);
  if (i < 0 || (val_to_int(DICT_DETAILS(d, i)) & PD_ACCESSOR)) return;
  Value c = fv->slots[slot];
  if (!val_is_pointer(c) || heap_object_type(val_to_ptr(c)) != IT_FEEDBACK_VECTOR) {
    c = feedback_vector_new(iso, 3);
    if (c == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return;
    }
    fv = (FeedbackVector *)val_to_ptr(feedback);
    WRITE_FIELD(fv, fv->slots[slot], c);
  }
  FeedbackVector *cache = (FeedbackVector *)val_to_ptr(c);
  WRITE_FIELD(cache, cache->slots[0], props);
  cache->slots[1] = val_from_int(i);
  cache->slots[2] = val_from_int((int32_t)ic_epoch_of(iso));
}
