/*
 * Proxy exotic objects (ECMA-262 10.5) and the Reflect namespace (28.1), both thin layers over
 * the internal methods of object-ops.h. JSProxy's layout is in js-object.h.
 */
#ifndef PETREL_OBJECTS_JS_PROXY_H
#define PETREL_OBJECTS_JS_PROXY_H

#include "execution/realm.h"

/* ProxyCreate(target, handler). */
Value proxy_create(Isolate *iso, Value target, Value handler);
/* CreateListFromArrayLike into a new FixedArray (*out; a heap object, so its elements stay alive
 * while the caller holds it on the stack). With keys_only the elements must be Strings or
 * Symbols (TypeError otherwise). -1 on exception. */
int proxy_list_from_array_like(Isolate *iso, Value obj, bool keys_only, Value *out, uint32_t *count);

/* Installs Proxy (and INTRINSIC_PROXY_CONSTRUCTOR) and Reflect on the realm's global object,
 * unless a family already defined them. Called by realm_new after the built-in families. */
int proxy_install(Isolate *iso, Realm *realm);
int reflect_install(Isolate *iso, Realm *realm);

void proxy_register_ops(void);

#endif
