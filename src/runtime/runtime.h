/*
 * The runtime: the spec's abstract operations that the interpreter and the built-ins share.
 * Every function here that can run JavaScript or throw is fallible:
 *   - functions returning Value return VAL_EXCEPTION with the exception pending;
 *   - functions returning int return -1 on exception, otherwise 0 (false) or 1 (true);
 *   - functions returning a pointer return NULL on exception.
 *
 * Property keys: a key is a Value that is either an internalized String, a Symbol, or an array
 * index (a number Value holding an integer in [0, 2^32 - 2]). rt_to_property_key and
 * key_from_* produce that canonical form: the string "5" becomes the number 5, so elements and
 * named properties never get confused.
 */
#ifndef PETREL_RUNTIME_RUNTIME_H
#define PETREL_RUNTIME_RUNTIME_H

#include "execution/isolate.h"
#include <stdarg.h>

/* ---- Errors ------------------------------------------------------------------------------- */
typedef enum {
  ERR_ERROR,
  ERR_EVAL,
  ERR_RANGE,
  ERR_REFERENCE,
  ERR_SYNTAX,
  ERR_TYPE,
  ERR_URI,
  ERR_AGGREGATE,
} ErrorKind;
/* Creates an error of the current realm with a printf-formatted message (V8's message texts). */
Value rt_new_error(Isolate *iso, ErrorKind kind, const char *fmt, ...) PT_PRINTF(3, 4);
/* Creates and throws; returns VAL_EXCEPTION. */
Value rt_throw(Isolate *iso, ErrorKind kind, const char *fmt, ...) PT_PRINTF(3, 4);
#define rt_throw_type_error(iso, ...) rt_throw(iso, ERR_TYPE, __VA_ARGS__)
#define rt_throw_range_error(iso, ...) rt_throw(iso, ERR_RANGE, __VA_ARGS__)
#define rt_throw_reference_error(iso, ...) rt_throw(iso, ERR_REFERENCE, __VA_ARGS__)
#define rt_throw_syntax_error(iso, ...) rt_throw(iso, ERR_SYNTAX, __VA_ARGS__)

/* ---- Type tests --------------------------------------------------------------------------- */
/* Inline: these run on every property access. */
static inline InstanceType val_instance_type(Value v) { return heap_object_type(val_to_ptr(v)); } /* pointers only */
static inline bool val_is_string(Value v) { return val_is_pointer(v) && val_instance_type(v) <= IT_LAST_STRING; }
static inline bool val_is_symbol(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_SYMBOL; }
static inline bool val_is_bigint(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_BIGINT; }
/* an ECMAScript object (IT_FIRST_JS_OBJECT and up) */
static inline bool val_is_object(Value v) { return val_is_pointer(v) && val_instance_type(v) >= IT_FIRST_JS_OBJECT; }
bool val_is_callable(Value v);
bool val_is_constructor(Value v);
bool val_is_array(Isolate *iso, Value v, int *error); /* IsArray: sees through proxies */

/* ---- Conversions (ECMA-262 7.1) ---------------------------------------------------------- */
typedef enum { HINT_DEFAULT, HINT_NUMBER, HINT_STRING } ToPrimitiveHint;
Value rt_to_primitive(Isolate *iso, Value v, ToPrimitiveHint hint);
bool rt_to_boolean(Value v);
Value rt_to_number(Isolate *iso, Value v);  /* a number Value */
Value rt_to_numeric(Isolate *iso, Value v); /* a number or BigInt Value */
int rt_to_number_double(Isolate *iso, Value v, double *out); /* -1 on exception, else 0 */
Value rt_to_string(Isolate *iso, Value v);  /* a String Value */
Value rt_to_object(Isolate *iso, Value v);
Value rt_to_property_key(Isolate *iso, Value v);
int rt_to_int32(Isolate *iso, Value v, int32_t *out);
int rt_to_uint32(Isolate *iso, Value v, uint32_t *out);
int rt_to_integer_or_infinity(Isolate *iso, Value v, double *out);
int rt_to_length(Isolate *iso, Value v, double *out);
int rt_to_index(Isolate *iso, Value v, double *out);
/* Number -> String (shortest round trip, ECMA-262 Number::toString). */
Value rt_number_to_string(Isolate *iso, double d, int radix);
double rt_string_to_number(Value string); /* StringToNumber; NaN when not numeric */

/* ---- Operators ---------------------------------------------------------------------------- */
int rt_strict_equals(Value a, Value b);   /* never throws */
int rt_loose_equals(Isolate *iso, Value a, Value b);
bool rt_same_value(Value a, Value b);
bool rt_same_value_zero(Value a, Value b);
Value rt_typeof(Isolate *iso, Value v);   /* an internalized string */
Value rt_add(Isolate *iso, Value a, Value b); /* the + operator */
/* a < b with LeftFirst; returns 1 true, 0 false, 2 undefined (NaN), -1 exception. */
int rt_less_than(Isolate *iso, Value a, Value b, bool left_first);
int rt_instance_of(Isolate *iso, Value v, Value target);
int rt_ordinary_has_instance(Isolate *iso, Value c, Value o);
int rt_has_property_op(Isolate *iso, Value key, Value obj); /* the `in` operator */

/* ---- Objects and properties (ECMA-262 10.1, with exotic dispatch) ------------------------- */
enum {
  ATTR_WRITABLE = 1 << 0,
  ATTR_ENUMERABLE = 1 << 1,
  ATTR_CONFIGURABLE = 1 << 2,
  ATTR_DEFAULT = ATTR_WRITABLE | ATTR_ENUMERABLE | ATTR_CONFIGURABLE, /* ordinary assignment */
  ATTR_BUILTIN = ATTR_WRITABLE | ATTR_CONFIGURABLE,                  /* built-in methods */
};
/* A property descriptor; `has_*` says which fields are present (ECMA-262 6.2.6). */
typedef struct PropertyDescriptor {
  Value value, get, set;
  bool writable, enumerable, configurable;
  bool has_value, has_get, has_set, has_writable, has_enumerable, has_configurable;
} PropertyDescriptor;

Value key_from_cstr(Isolate *iso, const char *ascii); /* internalized; "0" becomes index 0 */
Value key_from_string(Isolate *iso, Value string);    /* canonical key for a String Value */
Value key_from_index(uint32_t index);
bool key_is_index(Value key);
uint32_t key_to_index(Value key);
Value key_to_string(Isolate *iso, Value key); /* the String form of a string or index key; a Symbol is returned unchanged */

Value obj_new(Isolate *iso, Value proto);                     /* ordinary object, proto may be null */
Value obj_new_plain(Isolate *iso);                            /* with %Object.prototype% */
Value obj_get_prototype_of(Isolate *iso, Value obj);          /* [[GetPrototypeOf]]; null or object */
int obj_set_prototype_of(Isolate *iso, Value obj, Value proto);
int obj_is_extensible(Isolate *iso, Value obj);
int obj_prevent_extensions(Isolate *iso, Value obj);
int obj_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out); /* 1 found */
int obj_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc);
int obj_has_property(Isolate *iso, Value obj, Value key);
Value obj_get(Isolate *iso, Value obj, Value key, Value receiver);
int obj_set(Isolate *iso, Value obj, Value key, Value value, Value receiver);
int obj_delete(Isolate *iso, Value obj, Value key);
/* [[OwnPropertyKeys]] as a FixedArray-backed JS array of keys in spec order. */
Value obj_own_property_keys(Isolate *iso, Value obj);

/* Convenience forms. */
Value rt_get(Isolate *iso, Value obj, Value key);    /* GetV: obj may be a primitive */
Value rt_get_str(Isolate *iso, Value obj, const char *name);
int rt_set(Isolate *iso, Value obj, Value key, Value value, bool throw_on_fail); /* Set(O,P,V,Throw) */
int rt_create_data_property(Isolate *iso, Value obj, Value key, Value value);
int rt_create_data_property_or_throw(Isolate *iso, Value obj, Value key, Value value);
int rt_define_property_or_throw(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc);
int rt_delete_property_or_throw(Isolate *iso, Value obj, Value key);
int rt_has_own_property(Isolate *iso, Value obj, Value key);
Value rt_get_method(Isolate *iso, Value v, Value key); /* undefined when absent; throws if not callable */
int rt_length_of_array_like(Isolate *iso, Value obj, double *out);
/* Defines a data property directly, for building built-ins and literals (no setters run). */
int rt_define_data(Isolate *iso, Value obj, Value key, Value value, int attrs);
int rt_define_accessor(Isolate *iso, Value obj, Value key, Value getter, Value setter, int attrs);

Value array_new(Isolate *iso, uint32_t length);        /* a JS array with %Array.prototype% */
Value array_from_values(Isolate *iso, const Value *values, uint32_t count);

/* ---- Functions and calls ------------------------------------------------------------------ */
typedef struct CallArgs {
  Value callee;     /* the function object being called */
  Value this_val;
  Value new_target; /* undefined for a [[Call]], the new.target for a [[Construct]] */
  int argc;
  Value *argv;
} CallArgs;
static inline Value call_arg(const CallArgs *a, int i) { return i < a->argc ? a->argv[i] : VAL_UNDEFINED; }
typedef Value (*NativeFunction)(Isolate *iso, const CallArgs *args);

enum { NATIVE_CONSTRUCTOR = 1 << 0 }; /* flags for function_new_native */
/* A built-in function object of the current realm: name is a property key, `magic` is an integer
 * the function can read back (function_magic) so one C function can serve a family of methods. */
Value function_new_native(Isolate *iso, Value name, int length, NativeFunction fn, int magic, int flags);
int function_magic(Value fn);

Value rt_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv);
Value rt_construct(Isolate *iso, Value fn, int argc, Value *argv, Value new_target);
/* GetPrototypeFromConstructor: new_target.prototype, or the intrinsic default of its realm. */
Value rt_prototype_from_constructor(Isolate *iso, Value new_target, int default_intrinsic);

#endif
