/*
 * Small helpers the library families share for installing built-ins and for the receiver checks
 * every method starts with. Installing a method always gives it the attributes built-in methods
 * have (writable, non-enumerable, configurable) and the `name`/`length` the spec lists.
 */
#ifndef PETREL_BUILTINS_OBJECT_HELPERS_H
#define PETREL_BUILTINS_OBJECT_HELPERS_H

#include "execution/realm.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* V8's maximum string length on 64-bit targets: longer results throw RangeError "Invalid string
 * length". */
#define BUILTINS_MAX_STRING_LENGTH ((1u << 29) - 24)

/* Defines obj[name] = a new native function; returns the function or VAL_EXCEPTION. */
static inline Value builtins_def_method(Isolate *iso, Value obj, const char *name, NativeFunction fn,
                                        int length, int magic) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return VAL_EXCEPTION;
  Value f = function_new_native(iso, key, length, fn, magic, 0);
  if (f == VAL_EXCEPTION) return VAL_EXCEPTION;
  if (rt_define_data(iso, obj, key, f, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  return f;
}

/* Same, keyed by a symbol or other key Value (the function's name derives from the key). */
static inline Value builtins_def_method_key(Isolate *iso, Value obj, Value key, NativeFunction fn,
                                            int length, int magic, int attrs) {
  Value f = function_new_native(iso, key, length, fn, magic, 0);
  if (f == VAL_EXCEPTION) return VAL_EXCEPTION;
  if (rt_define_data(iso, obj, key, f, attrs) < 0) return VAL_EXCEPTION;
  return f;
}

/* Defines an accessor whose getter (and optional setter) are native functions named
 * "get <name>" / "set <name>" by function_new_native's key convention. */
Value builtins_def_getter(Isolate *iso, Value obj, Value key, NativeFunction getter,
                          NativeFunction setter, int attrs);

/* The common case of builtins_def_getter: a configurable, non-enumerable getter without setter
 * (prototype accessors such as ArrayBuffer.prototype.byteLength), keyed by ASCII name. */
static inline Value builtins_def_getter_named(Isolate *iso, Value obj, const char *name, NativeFunction getter) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return VAL_EXCEPTION;
  return builtins_def_getter(iso, obj, key, getter, NULL, ATTR_CONFIGURABLE);
}

/* Defines a data property with the given attributes, by ASCII name. */
static inline int builtins_def_value(Isolate *iso, Value obj, const char *name, Value v, int attrs) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return -1;
  return rt_define_data(iso, obj, key, v, attrs);
}

/* Creates a constructor function and links it with its prototype object the way every built-in
 * class is linked: C.prototype = proto (non-writable, non-enumerable, non-configurable) and
 * proto.constructor = C (writable, configurable). Also installs C on the global object. */
Value builtins_make_constructor(Isolate *iso, Realm *realm, const char *name, NativeFunction fn,
                                int length, int magic, Value proto);

/* Shorthand for rt_to_object(this) with V8's method-specific message on null/undefined:
 * "<method> called on null or undefined". */
Value builtins_this_object(Isolate *iso, const CallArgs *args, const char *method);

/* Clamps a relative index argument (ToIntegerOrInfinity, negatives from the end) into
 * [0, len]. Returns -1 on exception. */
int builtins_relative_index(Isolate *iso, Value arg, double len, double dflt, double *out);

/* key for an array index that may exceed 2^32-2 (then it is a string key). */
Value builtins_index_key(Isolate *iso, double index);

/* [[OwnPropertyKeys]] of obj as a JS array (*keys) and its length. -1 on exception. */
int builtins_own_keys(Isolate *iso, Value obj, Value *keys, uint32_t *count);
/* Element i of a JS array built by the engine (no user code can intercept it). */
Value builtins_list_get(Isolate *iso, Value list, uint32_t i);

/* The primitive held by a Boolean/Number/String/Symbol/BigInt wrapper object, or VAL_HOLE when
 * obj is not a primitive wrapper. */
Value builtins_wrapper_value(Value obj);

/* Calls (or constructs, with new_target) fn with the elements of array_like as its arguments:
 * Function.prototype.apply and Reflect.apply/construct. */
Value builtins_call_with_array_like(Isolate *iso, Value fn, Value this_val, Value array_like,
                                    Value new_target, bool construct);

/* A primitive wrapper object (Boolean/Number/String/Symbol) with [[Prototype]] proto. */
Value builtins_new_wrapper(Isolate *iso, Value primitive, Value proto);
/* SymbolDescriptiveString: "Symbol(desc)". */
Value builtins_symbol_descriptive_string(Isolate *iso, Value sym);

/* Fast path: the element at index k of a JS array whose elements are a plain FixedArray and
 * present there (a data property, so reading it runs no code). false means "take the generic
 * path" (holes, dictionary elements, other objects). */
bool builtins_fast_element(Value o, double k, Value *out);

/* A short text for a value in an error message, as V8 prints it: primitives by their string
 * form (symbols as Symbol(desc)), objects as #<Object>, #<Array>... Writes into buf. */
const char *builtins_describe(Isolate *iso, Value v, char *buf, size_t size);

/* V8's TypeError "Method <method> called on incompatible receiver <receiver>"; VAL_EXCEPTION. */
Value builtins_throw_incompatible_receiver(Isolate *iso, const char *method, Value receiver);

/* The class name V8 shows in "#<Name>" for an object (by instance type). */
const char *builtins_class_name(Value obj);

#endif
