/*
 * Monomorphic inline cache for named property loads and stores (GetNamedProperty,
 * SetNamedProperty). The site's feedback slot holds [receiver map, holder, holder map, field]:
 * the property is a data field of the receiver itself (holder undefined) or of its prototype.
 * Maps fix an object's own descriptors and its prototype, so a map check (plus the holder's map
 * for prototype hits) proves the field is still where it was. Dictionary-mode objects and
 * objects with exotic internal methods are never cached.
 */
#ifndef PETREL_IC_PROPERTY_IC_H
#define PETREL_IC_PROPERTY_IC_H

#include "interpreter/frames.h"

bool prop_ic_load(Value feedback, int slot, Value obj, Value *out);
void prop_ic_update_load(Isolate *iso, Value feedback, int slot, Value obj, Value key);
bool prop_ic_store(Value feedback, int slot, Value obj, Value value);
void prop_ic_update_store(Isolate *iso, Value feedback, int slot, Value obj, Value key);

#endif
