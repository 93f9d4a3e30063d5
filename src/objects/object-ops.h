/*
 * Internal methods with exotic dispatch (ECMA-262 10.1, 10.4, 10.5).
 *
 * Each instance type may register an ObjectOps table; a NULL entry (or an unregistered type)
 * means the ordinary algorithm. The obj_* functions of runtime.h dispatch through the table, so
 * exotic objects (arrays, string wrappers, mapped arguments, proxies, typed arrays, module
 * namespaces) work everywhere without callers knowing about them.
 *
 * Registration is process-wide (like heap_register_type): do it at isolate creation or in a
 * builtins installer; re-registering the same table is harmless.
 */
#ifndef PETREL_OBJECTS_OBJECT_OPS_H
#define PETREL_OBJECTS_OBJECT_OPS_H

#include "runtime/runtime.h"

typedef struct ObjectOps {
  Value (*get_prototype_of)(Isolate *iso, Value obj);
  int (*set_prototype_of)(Isolate *iso, Value obj, Value proto);
  int (*is_extensible)(Isolate *iso, Value obj);
  int (*prevent_extensions)(Isolate *iso, Value obj);
  int (*get_own_property)(Isolate *iso, Value obj, Value key, PropertyDescriptor *out);
  int (*define_own_property)(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc);
  int (*has_property)(Isolate *iso, Value obj, Value key);
  Value (*get)(Isolate *iso, Value obj, Value key, Value receiver);
  int (*set)(Isolate *iso, Value obj, Value key, Value value, Value receiver);
  int (*delete_)(Isolate *iso, Value obj, Value key);
  Value (*own_property_keys)(Isolate *iso, Value obj); /* a JS array of keys */
  /* [[Call]] / [[Construct]] for callable exotic objects (proxies; set MAP_CALLABLE /
   * MAP_CONSTRUCTOR on their maps). JSFunction and bound functions are handled by rt_call. */
  Value (*call)(Isolate *iso, Value obj, Value this_val, int argc, Value *argv);
  Value (*construct)(Isolate *iso, Value obj, int argc, Value *argv, Value new_target);
} ObjectOps;

void object_register_ops(InstanceType type, const ObjectOps *ops);
const ObjectOps *object_get_ops(InstanceType type); /* NULL when ordinary */

/* The ordinary algorithms, for exotic implementations to fall back on. */
Value ordinary_get_prototype_of(Isolate *iso, Value obj);
int ordinary_set_prototype_of(Isolate *iso, Value obj, Value proto);
int ordinary_is_extensible(Isolate *iso, Value obj);
int ordinary_prevent_extensions(Isolate *iso, Value obj);
int ordinary_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out);
int ordinary_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc);
int ordinary_has_property(Isolate *iso, Value obj, Value key);
Value ordinary_get(Isolate *iso, Value obj, Value key, Value receiver);
int ordinary_set(Isolate *iso, Value obj, Value key, Value value, Value receiver);
int ordinary_delete(Isolate *iso, Value obj, Value key);
Value ordinary_own_property_keys(Isolate *iso, Value obj);
/* OrdinarySetWithOwnDescriptor: for exotic [[Set]]s that computed ownDesc themselves
 * (own_desc NULL: not found, continue to the prototype). */
int ordinary_set_with_own_descriptor(Isolate *iso, Value obj, Value key, Value value, Value receiver,
                                     const PropertyDescriptor *own_desc);

#endif
