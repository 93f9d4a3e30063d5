/*
 * Every heap object starts with its map (DESIGN.md, decision 1). The map gives the instance type,
 * which tells the collector the layout and tells property operations which internal methods apply.
 */
#ifndef PETREL_OBJECTS_HEAP_OBJECT_H
#define PETREL_OBJECTS_HEAP_OBJECT_H

#include "objects/value.h"

typedef struct Map Map;
typedef struct HeapObject {
  Map *map;
} HeapObject;

typedef enum InstanceType {
  /* Strings: keep contiguous, first. */
  IT_SEQ_ONE_BYTE_STRING,
  IT_SEQ_TWO_BYTE_STRING,
  IT_CONS_STRING,
  IT_LAST_STRING = IT_CONS_STRING,
  IT_SYMBOL,
  IT_BIGINT,
  /* Engine-internal objects, never seen by JavaScript. */
  IT_MAP,
  IT_FIXED_ARRAY,       /* Values */
  IT_BYTE_ARRAY,        /* raw bytes, no references */
  IT_DESCRIPTOR_ARRAY,
  IT_TRANSITION_ARRAY,
  IT_PROPERTY_DICTIONARY,
  IT_NUMBER_DICTIONARY,
  IT_ACCESSOR_PAIR,
  IT_PROPERTY_CELL,
  IT_SHARED_FUNCTION_INFO,
  IT_BYTECODE_ARRAY,
  IT_FEEDBACK_VECTOR,
  IT_SCOPE_INFO,
  IT_CONTEXT,
  IT_REALM,             /* V8's NativeContext: intrinsics and the global object of one realm */
  IT_TEMPLATE_OBJECT_DESCRIPTION,
  IT_FOREIGN,           /* a C pointer with an optional finalizer */
  IT_PROMISE_REACTION,
  IT_MICROTASK,
  IT_WEAK_CELL,
  IT_INTERNAL_LAST = IT_WEAK_CELL,
  /* JavaScript objects: everything from here on is an ECMAScript object. */
  IT_JS_OBJECT,
  IT_FIRST_JS_OBJECT = IT_JS_OBJECT,
  IT_JS_ARRAY,
  IT_JS_FUNCTION,          /* bytecode or native */
  IT_JS_BOUND_FUNCTION,
  IT_JS_ARGUMENTS,         /* unmapped: ordinary; mapped: exotic */
  IT_JS_MAPPED_ARGUMENTS,
  IT_JS_PRIMITIVE_WRAPPER, /* Boolean, Number, String, Symbol, BigInt objects */
  IT_JS_ERROR,
  IT_JS_DATE,
  IT_JS_REGEXP,
  IT_JS_GENERATOR,
  IT_JS_ASYNC_FUNCTION_OBJECT,
  IT_JS_ASYNC_GENERATOR,
  IT_JS_PROMISE,
  IT_JS_ARRAY_BUFFER,
  IT_JS_TYPED_ARRAY,
  IT_JS_DATA_VIEW,
  IT_JS_MAP,
  IT_JS_SET,
  IT_JS_WEAK_MAP,
  IT_JS_WEAK_SET,
  IT_JS_WEAK_REF,
  IT_JS_FINALIZATION_REGISTRY,
  IT_JS_ITERATOR,          /* built-in iterators (array, string, map, set, regexp string, helpers) */
  IT_JS_PROXY,
  IT_JS_MODULE_NAMESPACE,
  IT_JS_GLOBAL_OBJECT,
  IT_JS_API_OBJECT,        /* made from an embedder template; has internal fields */
  IT_JS_RAW_JSON,          /* JSON.rawJSON results (builtins/json.c): frozen, null prototype */
  IT_COUNT
} InstanceType;

#endif
