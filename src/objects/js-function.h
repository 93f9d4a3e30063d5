/*
 * Function objects: bytecode closures, native (built-in) functions, bound functions.
 *
 * `length`, `name` and `prototype` are ordinary own properties (the creator defines them with
 * rt_define_data or the helpers below); the struct keeps what [[Call]]/[[Construct]] need.
 * rt_call / rt_construct (runtime.h) dispatch on the kind: native -> the C function, bytecode ->
 * interpreter_call, bound -> the target.
 */
#ifndef PETREL_OBJECTS_JS_FUNCTION_H
#define PETREL_OBJECTS_JS_FUNCTION_H

#include "objects/js-object.h"

enum FunctionKindFlags {
  FUNC_CONSTRUCTOR = 1 << 0,       /* has [[Construct]] */
  FUNC_CLASS_CONSTRUCTOR = 1 << 1, /* [[Call]] throws */
  FUNC_DERIVED = 1 << 2,           /* class C extends B: `this` starts uninitialized */
  FUNC_STRICT = 1 << 3,
  FUNC_ARROW = 1 << 4,
  FUNC_METHOD = 1 << 5,
  FUNC_GENERATOR = 1 << 6,
  FUNC_ASYNC = 1 << 7,
  FUNC_NATIVE = 1 << 8,
  FUNC_GETTER = 1 << 9,
  FUNC_SETTER = 1 << 10,
  FUNC_FEEDBACK_CELL = 1 << 11, /* made before its code existed (lazy compilation): `feedback` is a
                                   one-slot cell the first call replaces with the vector */
};

typedef struct JSFunction {
  JSObject base;
  Value shared;                  /* SharedFunctionInfo (interpreter/), or undefined for natives */
  Value context;                 /* the closure's Context, or undefined */
  Value realm;                   /* the function's Realm object (IT_REALM) */
  Value home_object;             /* [[HomeObject]] for methods using super, or undefined */
  Value class_fields_initializer; /* function run by constructors to define class fields, or undefined */
  Value feedback;                /* the closure's feedback vector (interpreter/), or undefined */
  Value extra;                   /* free for the function's kind (e.g. a native's data), undefined */
  /* Raw fields (not visited). */
  NativeFunction native;
  int32_t magic;
  uint32_t kind_flags;           /* FunctionKindFlags */
} JSFunction;

typedef struct JSBoundFunction {
  JSObject base;
  Value target;                  /* [[BoundTargetFunction]] */
  Value bound_this;
  Value bound_args;              /* FixedArray of the bound arguments */
} JSBoundFunction;

static inline JSFunction *js_function(Value v) { return (JSFunction *)val_to_ptr(v); }
static inline bool val_is_js_function(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_FUNCTION;
}

/* A bytecode closure of the current realm (the interpreter creates these). `proto` is the
 * function object's [[Prototype]] (e.g. %Function.prototype%); kind_flags FunctionKindFlags.
 * Defines no properties: the caller defines length/name/prototype. */
Value function_new_closure(Isolate *iso, Value shared, Value context, Value proto, uint32_t kind_flags);
/* A native function with an explicit [[Prototype]] and kind flags (FUNC_CONSTRUCTOR...); defines
 * `length` and `name` like function_new_native. */
Value function_new_native_with_proto(Isolate *iso, Value name, int length, NativeFunction fn,
                                     int magic, uint32_t kind_flags, Value proto);
/* BoundFunctionCreate plus the `length`/`name` ("bound f") properties of Function.prototype.bind. */
Value function_bind(Isolate *iso, Value target, Value bound_this, int argc, const Value *argv);
/* SetFunctionName: key is a property key (Symbol -> "[desc]"); prefix NULL, "get" or "set". */
int function_set_name(Isolate *iso, Value fn, Value key, const char *prefix);
int function_set_length(Isolate *iso, Value fn, double length);
/* MakeConstructor: defines `prototype` (a fresh object with `constructor`, or proto if given). */
int function_make_constructor(Isolate *iso, Value fn, Value proto, bool writable_prototype);
/* The realm a function belongs to (GetFunctionRealm: sees through bound functions and proxies). */
Realm *function_get_realm(Isolate *iso, Value fn);

void function_register_types(void);

#endif
