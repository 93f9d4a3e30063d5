/* Property-descriptor conversions (ECMA-262 6.2.6.4-5), shared with Reflect and Proxy. */
#ifndef PETREL_BUILTINS_OBJECT_H
#define PETREL_BUILTINS_OBJECT_H

#include "runtime/runtime.h"

/* ToPropertyDescriptor(obj): -1 on exception (TypeError for non-objects and for mixed
 * accessor/data descriptors). */
int builtins_to_property_descriptor(Isolate *iso, Value obj, PropertyDescriptor *out);
/* FromPropertyDescriptor(desc): a new plain object. */
Value builtins_from_property_descriptor(Isolate *iso, const PropertyDescriptor *desc);
/* ObjectDefineProperties(O, Properties). */
Value builtins_object_define_properties(Isolate *iso, Value obj, Value props);

#endif
