/*
 * Inline cache for global variable loads and stores (LdaGlobal / StaGlobal). The feedback slot
 * of the site holds [property dictionary, entry number, epoch] of the global object's own data
 * property: a hit reads or writes the entry directly. The epoch changes whenever script-scope
 * lexical declarations are added (they shadow global properties), which invalidates every entry.
 */
#ifndef PETREL_IC_GLOBAL_IC_H
#define PETREL_IC_GLOBAL_IC_H

#include "interpreter/frames.h"

/* Fast paths: true when the cache answered (load: *out holds the value). */
bool global_ic_load(Isolate *iso, Value feedback, int slot, Value name, Value *out);
bool global_ic_store(Isolate *iso, Value feedback, int slot, Value name, Value value);
/* After a slow-path access: caches the global object's property name at this site if possible. */
void global_ic_update(Isolate *iso, Value feedback, int slot, Value name);
/* Invalidates every global cache of the isolate (script-scope declarations were added). */
void global_ic_invalidate(Isolate *iso);

#endif
