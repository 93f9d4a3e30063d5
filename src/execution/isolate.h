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
  struct LazyUnits *lazy_units;         /* kept parse trees of lazy functions (interpreter/codegen) */
  void *embedder_data;

  /* The map of each instance type's root (initial) map: the meta map is root_maps[IT_MAP]. The
   * heap helper owns this table; objects_init_isolate (objects/objects-init.h) fills it. */
  Map *root_maps[IT_COUNT];
  Value *names;                         /* NAME(iso, x) table (objects/names.c) */
  struct SymbolTable *symbols;          /* well-known symbols, Symbol.for registry (objects/symbol.c) */
  Value *single_char_strings;           /* 256 internalized one-unit strings, made on demand (0: not yet) */
  Value oom_error;                      /* the RangeError "Out of memory", made once; VAL_HOLE before */
  Value termination_exception;          /* sentinel stored as pending_exception while terminating */
  uintptr_t stack_base;                 /* highest address of this thread's stack */
  bool in_stack_overflow;               /* creating the stack-overflow error: allow the margin */
  uintptr_t stack_hard_limit;           /* below this even the overflow error cannot be made */
  /* INTERRUPT_API: called by isolate_handle_interrupts on the isolate's thread; returns false with
   * an exception pending to unwind. Set by the API layer. */
  bool (*api_interrupt_callback)(Isolate *iso, void *data);
  void *api_interrupt_data;
  struct DisposeCallback *dispose_callbacks; /* see isolate_add_dispose_callback */
  struct ModuleHost *module_host;       /* module host hooks and async counter (modules/), or NULL */
  struct IsolateControl *control;       /* owner thread, locker, interrupt requests, tasks (isolate-control.h) */
  uintptr_t stack_low_water;            /* lowest sp seen by isolate_check_stack since the last clearing */
  bool stack_clear_wanted;              /* out of memory since: isolate_clear_dead_stack must run */
};

static inline Map *map_for_type(const Isolate *iso, InstanceType type) { return iso->root_maps[type]; }

Isolate *isolate_new(const HeapOptions *options);
void isolate_free(Isolate *iso);
/* Subsystems that create state lazily (interpreter, microtasks, api...) free it here: isolate_free
 * calls these, most recently added first, before the heap is torn down (the heap is still valid;
 * do not allocate). Returns -1 if out of C memory. */
int isolate_add_dispose_callback(Isolate *iso, void (*fn)(Isolate *iso, void *data), void *data);

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
/* For long loops in built-ins (sorting, joins, parsing): polls once per 1024 values of the loop's
 * counter, so a termination request lands within microseconds at little cost. */
static inline bool isolate_poll_sometimes(Isolate *iso, uint64_t counter) {
  return PT_LIKELY((counter & 1023) != 0) || isolate_poll(iso);
}
/* Thread-safe: asks the isolate's thread to handle an interrupt at its next poll. */
void isolate_request_interrupt(Isolate *iso, uint32_t flags);
/* Termination: isolate_request_interrupt(iso, INTERRUPT_TERMINATE) makes the next poll unwind with
 * pending_exception == termination_exception and iso->terminating set; the embedder resets it
 * with isolate_cancel_termination once the stack has unwound. */
static inline bool isolate_is_termination(const Isolate *iso, Value v) {
  return v == iso->termination_exception;
}
void isolate_cancel_termination(Isolate *iso);
/* Throws the RangeError "Out of memory" (allocated once per isolate) and returns VAL_EXCEPTION. */
Value isolate_throw_oom(Isolate *iso);

/* Checks the native stack; throws RangeError "Maximum call stack size exceeded" and returns false
 * when too deep. Every recursive C routine calls it (every JS call too: the common case is
 * inline). */
bool isolate_check_stack_slow(Isolate *iso, uintptr_t sp);
static inline bool isolate_check_stack(Isolate *iso) {
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
  if (PT_LIKELY(sp > iso->stack_limit && sp >= iso->stack_low_water)) return true;
  return isolate_check_stack_slow(iso, sp);
}
/* Recomputes stack_limit for the calling thread (when an isolate moves to another thread). */
void isolate_update_stack_limit(Isolate *iso);
/* Zeroes the dead part of the native stack below the caller's frame, down to the deepest point
 * reached since the last call (stack_low_water), so stale references there cannot keep garbage
 * alive through the conservative stack scan (docs/heap.md). Call where no frame below the caller
 * is live: when the embedder starts a call at the top level. */
void isolate_clear_dead_stack(Isolate *iso);
/* The same, but only when it matters and costs little relative to the work done: after running
 * out of memory or a last-resort collection (stack_clear_wanted), or after a deep call. */
void isolate_maybe_clear_dead_stack(Isolate *iso);

#endif
