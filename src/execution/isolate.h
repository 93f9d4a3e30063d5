/*
 * The isolate: one JavaScript VM instance with its own heap. Nothing in the engine is global and
 * mutable; everything hangs off the isolate (DESIGN.md, decision 7). One thread at a time.
 *
 * Subsystems keep their state in their own structs reached from here; add a pointer for a new one
 * rather than growing this struct with unrelated fields.
 */
#ifndef PETREL_EXECUTION_ISOLATE_H
#define PETREL_EXECUTION_ISOLATE_H

#include "heap/heap.h"
#include <stdatomic.h>

typedef struct Realm Realm;

typedef enum {
  INTERRUPT_TERMINATE = 1 << 0,
  INTERRUPT_GC = 1 << 1,
  INTERRUPT_API = 1 << 2,
} InterruptFlags;

struct Isolate {
  Heap *heap;
  Realm *realm;                /* the current realm (the callee's realm while a function runs) */
  Value pending_exception;     /* VAL_HOLE when none */
  Value pending_message;       /* the exception's message/stack info captured at throw; VAL_HOLE when none */
  uintptr_t stack_limit;       /* native stack address below which we throw RangeError */
  _Atomic uint32_t interrupts; /* InterruptFlags requested by other threads or timers */
  bool terminating;            /* a termination is unwinding: no catch may see it */
  uint32_t hash_seed;

  struct StringTable *string_table;     /* internalized strings (objects/) */
  struct Interpreter *interpreter;      /* frames and dispatch state (interpreter/) */
  struct MicrotaskQueue *microtasks;    /* (execution/microtask) */
  struct ApiState *api;                 /* handle scopes, persistent handles (api/) */
  struct Flags *flags;                  /* parsed command-line flags (execution/flags) */
  void *embedder_data;
};

Isolate *isolate_new(const HeapOptions *options);
void isolate_free(Isolate *iso);

/* Exceptions. A fallible function returns VAL_EXCEPTION (or -1, or NULL) with the exception stored
 * here. These return VAL_EXCEPTION so a caller can write `return throw_value(iso, v);`. */
Value isolate_throw(Isolate *iso, Value exception);
static inline bool isolate_has_exception(const Isolate *iso) { return iso->pending_exception != VAL_HOLE; }
Value isolate_take_exception(Isolate *iso); /* clears it */

/* Called at loop back-edges and function entry: returns false with an exception pending (or
 * termination) if execution must unwind. Cheap when nothing was requested. */
bool isolate_handle_interrupts(Isolate *iso);
static inline bool isolate_poll(Isolate *iso) {
  return PT_LIKELY(atomic_load_explicit(&iso->interrupts, memory_order_relaxed) == 0) ||
         isolate_handle_interrupts(iso);
}
/* Checks the native stack; throws RangeError "Maximum call stack size exceeded" and returns false
 * when too deep. Every recursive C routine calls it. */
bool isolate_check_stack(Isolate *iso);

#endif
