/*
 * A realm (V8's native context): the intrinsics and the global object. Functions remember their
 * realm; the isolate's current realm is the running function's. Realm-dependent caches (template
 * objects, literal boilerplates) live in feedback vectors or closures, never in bytecode constant
 * pools, so one bytecode array serves every realm (DESIGN.md, decision 3).
 */
#ifndef PETREL_EXECUTION_REALM_H
#define PETREL_EXECUTION_REALM_H

#include "runtime/runtime.h"

#define PT_INTRINSICS(X)                                                                           \
  X(OBJECT_PROTOTYPE) X(FUNCTION_PROTOTYPE) X(ARRAY_PROTOTYPE) X(STRING_PROTOTYPE)                 \
  X(NUMBER_PROTOTYPE) X(BOOLEAN_PROTOTYPE) X(SYMBOL_PROTOTYPE) X(BIGINT_PROTOTYPE)                 \
  X(ERROR_PROTOTYPE) X(EVAL_ERROR_PROTOTYPE) X(RANGE_ERROR_PROTOTYPE)                              \
  X(REFERENCE_ERROR_PROTOTYPE) X(SYNTAX_ERROR_PROTOTYPE) X(TYPE_ERROR_PROTOTYPE)                   \
  X(URI_ERROR_PROTOTYPE) X(AGGREGATE_ERROR_PROTOTYPE) X(CALL_SITE_PROTOTYPE)                         \
  X(ITERATOR_PROTOTYPE) X(ASYNC_ITERATOR_PROTOTYPE) X(ARRAY_ITERATOR_PROTOTYPE)                    \
  X(STRING_ITERATOR_PROTOTYPE) X(MAP_ITERATOR_PROTOTYPE) X(SET_ITERATOR_PROTOTYPE)                 \
  X(REGEXP_STRING_ITERATOR_PROTOTYPE) X(GENERATOR_PROTOTYPE) X(GENERATOR_FUNCTION_PROTOTYPE)       \
  X(ASYNC_FUNCTION_PROTOTYPE) X(ASYNC_GENERATOR_PROTOTYPE)                                         \
  X(ASYNC_GENERATOR_FUNCTION_PROTOTYPE) X(ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE)                      \
  X(PROMISE_PROTOTYPE) X(REGEXP_PROTOTYPE) X(DATE_PROTOTYPE) X(MAP_PROTOTYPE) X(SET_PROTOTYPE)     \
  X(WEAK_MAP_PROTOTYPE) X(WEAK_SET_PROTOTYPE) X(WEAK_REF_PROTOTYPE)                                \
  X(FINALIZATION_REGISTRY_PROTOTYPE) X(ARRAY_BUFFER_PROTOTYPE) X(SHARED_ARRAY_BUFFER_PROTOTYPE)    \
  X(DATA_VIEW_PROTOTYPE) X(TYPED_ARRAY_PROTOTYPE) X(PROXY_CONSTRUCTOR)                             \
  X(OBJECT) X(FUNCTION) X(ARRAY) X(STRING) X(NUMBER) X(BOOLEAN) X(SYMBOL) X(BIGINT) X(ERROR)       \
  X(EVAL_ERROR) X(RANGE_ERROR) X(REFERENCE_ERROR) X(SYNTAX_ERROR) X(TYPE_ERROR) X(URI_ERROR)       \
  X(AGGREGATE_ERROR) X(PROMISE) X(REGEXP) X(DATE) X(MAP) X(SET) X(ARRAY_BUFFER) X(TYPED_ARRAY)     \
  X(GENERATOR_FUNCTION) X(ASYNC_FUNCTION) X(ASYNC_GENERATOR_FUNCTION)                              \
  X(SHARED_ARRAY_BUFFER) X(ATOMICS)                                                                \
  X(EVAL) X(THROW_TYPE_ERROR) X(SLOPPY_CALLER_ACCESSOR) X(SLOPPY_ARGUMENTS_ACCESSOR) X(ARRAY_PROTOTYPE_VALUES) X(OBJECT_PROTOTYPE_TO_STRING)              \
  X(PROMISE_RESOLVE_FUNCTIONS) X(GLOBAL_OBJECT) X(GLOBAL_THIS)                                            \
  X(INT8_ARRAY) X(UINT8_ARRAY) X(UINT8_CLAMPED_ARRAY) X(INT16_ARRAY) X(UINT16_ARRAY) X(INT32_ARRAY) \
  X(UINT32_ARRAY) X(FLOAT16_ARRAY) X(FLOAT32_ARRAY) X(FLOAT64_ARRAY)                             \
  X(BIGINT64_ARRAY) X(BIGUINT64_ARRAY)                                                             \
  X(INT8_ARRAY_PROTOTYPE) X(UINT8_ARRAY_PROTOTYPE) X(UINT8_CLAMPED_ARRAY_PROTOTYPE)                \
  X(INT16_ARRAY_PROTOTYPE) X(UINT16_ARRAY_PROTOTYPE) X(INT32_ARRAY_PROTOTYPE)                      \
  X(UINT32_ARRAY_PROTOTYPE) X(FLOAT16_ARRAY_PROTOTYPE) X(FLOAT32_ARRAY_PROTOTYPE)                  \
  X(FLOAT64_ARRAY_PROTOTYPE) X(BIGINT64_ARRAY_PROTOTYPE) X(BIGUINT64_ARRAY_PROTOTYPE)              \
  X(DATA_VIEW)                                                                                     \
  X(SUPPRESSED_ERROR_PROTOTYPE) X(DISPOSABLE_STACK_PROTOTYPE) X(ASYNC_DISPOSABLE_STACK_PROTOTYPE)  \
  X(ITERATOR_HELPER_PROTOTYPE)

typedef enum Intrinsic {
#define PT_INTRINSIC_ENUM(name) INTRINSIC_##name,
  PT_INTRINSICS(PT_INTRINSIC_ENUM)
#undef PT_INTRINSIC_ENUM
  INTRINSIC_COUNT
} Intrinsic;

struct Realm {
  HeapObject header;           /* IT_REALM */
  Value global_object;
  Value global_this;           /* the global object's this value (same object unless a host sets it) */
  Value template_map;          /* realm's cache of template objects keyed by site */
  Value intrinsics[INTRINSIC_COUNT];
  Value host_defined;
  Value script_bindings;       /* the script scope's let/const/class bindings: a property
                                  Dictionary (interp-runtime.c), undefined until the first one */
  /* Math.random's xorshift128+ state (builtins/math.c): raw bits, not visited. */
  uint64_t random_state[2];
};

static inline Value realm_intrinsic(const Realm *r, Intrinsic i) { return r->intrinsics[i]; }
static inline Value intrinsic(const Isolate *iso, Intrinsic i) { return iso->realm->intrinsics[i]; }

/* Creates a realm with every built-in installed and makes it the isolate's current realm only if
 * the isolate had none. Returns NULL with an exception pending on failure. */
Realm *realm_new(Isolate *iso);

/* Each family of built-ins installs itself through one of these, called from realm_new in order.
 * Add one per src/builtins/ file; the file defines it. */
typedef int (*BuiltinInstaller)(Isolate *iso, Realm *realm);

/* Heap layout of IT_REALM (called by objects_init_isolate). */
void realm_register_types(void);

#endif
