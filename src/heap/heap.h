/*
 * The garbage-collected heap (DESIGN.md, decision 5).
 *
 * Rooting rule: engine C code needs no handles. The collector scans the native stack and the
 * registers conservatively (NaN-boxed Values, raw and interior pointers, decoded through an
 * object-start bitmap) and pins what it finds. Heap objects themselves are scanned precisely,
 * through the visitor registered for their instance type. Embedders hold values through precise
 * handles (handle scopes, persistent handles), which are roots too.
 *
 * Every store of a reference into a heap object goes through heap_write_barrier (or the WRITE_FIELD
 * macro), so the generational collector can keep its remembered set.
 *
 * Out of memory: heap_alloc returns NULL with a RangeError pending on the isolate (the preallocated
 * out-of-memory error); callers propagate VAL_EXCEPTION. A collection may overshoot the limit
 * rather than fail halfway.
 */
#ifndef PETREL_HEAP_HEAP_H
#define PETREL_HEAP_HEAP_H

#include "objects/heap-object.h"

typedef struct Isolate Isolate;
typedef struct Heap Heap;

/* Called by the collector for each reference field of an object. */
typedef struct HeapVisitor HeapVisitor;
void heap_visit_value(HeapVisitor *v, Value *slot);
void heap_visit_pointer(HeapVisitor *v, HeapObject **slot); /* slot may hold NULL */
void heap_visit_values(HeapVisitor *v, Value *slots, size_t count);

/* Layout of one instance type: its size in bytes and how to visit its references. */
typedef size_t (*HeapSizeFn)(const HeapObject *obj);
typedef void (*HeapVisitFn)(HeapObject *obj, HeapVisitor *v);
/* Called when an object of this type dies (free C-side resources). May be NULL. */
typedef void (*HeapFinalizeFn)(HeapObject *obj);
void heap_register_type(InstanceType type, HeapSizeFn size, HeapVisitFn visit, HeapFinalizeFn finalize);

/* Allocates size bytes (rounded up to 8) with the map installed and the rest zero-filled (so a
 * zeroed Value field reads as a double 0.0, never as a pointer: initialize fields before the next
 * allocation). Returns NULL with an exception pending when out of memory. */
void *heap_alloc(Isolate *iso, size_t size, Map *map);

void heap_write_barrier(HeapObject *host, Value value);
#define WRITE_FIELD(host, field, value)                                                            \
  do {                                                                                             \
    Value wf_v_ = (value);                                                                         \
    (field) = wf_v_;                                                                               \
    heap_write_barrier((HeapObject *)(host), wf_v_);                                               \
  } while (0)
#define WRITE_PTR_FIELD(host, field, ptr)                                                          \
  do {                                                                                             \
    (field) = (ptr);                                                                               \
    heap_write_barrier((HeapObject *)(host), val_from_ptr(field));                                 \
  } while (0)

typedef enum { GC_REASON_ALLOCATION, GC_REASON_EXPLICIT, GC_REASON_STRESS, GC_REASON_LOW_MEMORY } GcReason;
void heap_collect(Isolate *iso, GcReason reason);

/* Extra roots owned by C code that outlives a stack frame (registries, caches). */
void heap_add_root(Isolate *iso, Value *slot);
void heap_remove_root(Isolate *iso, Value *slot);

/* Heap flags, set from the command line / isolate parameters before the isolate is created. */
typedef struct HeapOptions {
  size_t max_heap_bytes;   /* 0: default */
  int stress_gc;           /* collect every N allocations; 0: off */
  bool verify_heap;
  bool trace_gc;
} HeapOptions;

#endif
