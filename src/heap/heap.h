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
 * macro), so the generational collector can keep its remembered set. The one exception: code that
 * allocated an object may initialize it with raw stores, even after further allocations, for as
 * long as it holds the object in a local variable (a scavenge then pins it, and remembers it if it
 * was promoted in place). An object reloaded from a root or another object after an allocation may
 * have moved to old space: stores into it take the barrier. --verify-heap reports a store that
 * broke this rule at the next scavenge.
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

/*
 * The collector reads each object's instance type from its map. struct Map (objects/map.h, owned by
 * the objects helper) MUST begin with this prefix, so the heap needs nothing else of its layout.
 * The collector marks every object's map itself: visitors need not visit the map field.
 */
typedef struct MapPrefix {
  HeapObject header;      /* the meta map */
  uint16_t instance_type; /* InstanceType */
} MapPrefix;
static inline InstanceType heap_map_instance_type(const Map *map) {
  return (InstanceType)((const MapPrefix *)(const void *)map)->instance_type;
}
static inline InstanceType heap_object_type(const HeapObject *obj) {
  return heap_map_instance_type(obj->map);
}

/* Layout of one instance type: its size in bytes and how to visit its references. Registration is
 * process-wide (same for every isolate); register at isolate creation (idempotent) or before. */
typedef size_t (*HeapSizeFn)(const HeapObject *obj);
typedef void (*HeapVisitFn)(HeapObject *obj, HeapVisitor *v);
/* Called when an object of this type dies (free C-side resources); must not allocate or touch
 * other heap objects than obj (they may be dying too). May be NULL. Applies to objects allocated
 * after the type was registered with it; isolate_free runs the finalizers of survivors. */
typedef void (*HeapFinalizeFn)(HeapObject *obj);
void heap_register_type(InstanceType type, HeapSizeFn size, HeapVisitFn visit, HeapFinalizeFn finalize);

/* Allocates size bytes (rounded up to 8) with the map installed and the rest zero-filled (so a
 * zeroed Value field reads as a double 0.0, never as a pointer: initialize fields before the next
 * allocation). Returns NULL with an exception pending when out of memory. */
void *heap_alloc(Isolate *iso, size_t size, Map *map);
/* The same in old space, whatever the young generation does: for objects that must never move
 * (internalized strings, whose addresses C code keeps across allocations). */
void *heap_alloc_old(Isolate *iso, size_t size, Map *map);

/* The generational write barrier. Every store of a reference into a heap object calls it; when
 * the young generation is on and an old host receives a young value, the host joins the
 * remembered set (heap_remember_slow), which the next scavenge scans as roots. The chunk of any
 * object is its address masked to the 128 KB chunk alignment; its kind byte sits at offset 4. */
#define HEAP_CHUNK_ALIGN ((uintptr_t)128 * 1024)
#define HEAP_CHUNK_KIND_OFFSET 4
#define HEAP_CHUNK_KIND_YOUNG 2
extern bool heap_young_gen_in_use; /* some heap of the process has a young generation */
static inline bool heap_in_young(const void *p) {
  return ((const uint8_t *)((uintptr_t)p & ~(HEAP_CHUNK_ALIGN - 1)))[HEAP_CHUNK_KIND_OFFSET] ==
         HEAP_CHUNK_KIND_YOUNG;
}
void heap_remember_slow(HeapObject *host);
static inline void heap_write_barrier(HeapObject *host, Value value) {
  if (PT_LIKELY(!heap_young_gen_in_use) || !val_is_pointer(value)) return;
  HeapObject *p = val_to_ptr(value);
  if (!p || !heap_in_young(p) || heap_in_young(host)) return;
  heap_remember_slow(host);
}
/* The same for a store of a raw object pointer (may be NULL). */
static inline void heap_write_barrier_ptr(HeapObject *host, const void *p) {
  if (PT_LIKELY(!heap_young_gen_in_use) || !p || !heap_in_young(p) || heap_in_young(host)) return;
  heap_remember_slow(host);
}
/* A young object may move at a scavenge; an object whose address is used as a hash key (Map,
 * Set, WeakMap of objects) must not: call this before hashing an object by address. */
void heap_pin_hashed_slow(HeapObject *obj);
static inline void heap_note_address_hashed(HeapObject *obj) {
  if (heap_young_gen_in_use && heap_in_young(obj)) heap_pin_hashed_slow(obj);
}

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
/* A full collection (with a young generation, it first promotes every young survivor). */
void heap_collect(Isolate *iso, GcReason reason);
/* A minor collection (scavenge) if the young generation is on; otherwise a full one. */
void heap_collect_minor(Isolate *iso, GcReason reason);

/* Extra roots owned by C code that outlives a stack frame (registries, caches). */
void heap_add_root(Isolate *iso, Value *slot);
void heap_remove_root(Isolate *iso, Value *slot);

/* Roots held by other subsystems (interpreter frames, handle scopes, microtask queue...): the
 * callback visits each of its slots with heap_visit_value/heap_visit_pointer. */
typedef void (*HeapRootCallback)(Isolate *iso, HeapVisitor *v, void *data);
void heap_add_root_callback(Isolate *iso, HeapRootCallback cb, void *data);
void heap_remove_root_callback(Isolate *iso, HeapRootCallback cb, void *data);

/* Weak processing: run after marking, before sweeping. A callback clears references to objects
 * for which heap_is_marked() is false (WeakRef targets, WeakMap keys, weak handles). It must not
 * allocate. heap_is_marked is only meaningful inside such a callback. With a young generation
 * the callbacks also run in each scavenge, where a surviving young object may have moved: a
 * C-side weak slot must then be updated to heap_weak_forward(obj). */
typedef void (*HeapWeakCallback)(Isolate *iso, void *data);
void heap_add_weak_callback(Isolate *iso, HeapWeakCallback cb, void *data);
void heap_remove_weak_callback(Isolate *iso, HeapWeakCallback cb, void *data);
bool heap_is_marked(const HeapObject *obj);
/* Inside a weak callback: where obj lives after this collection (it may have moved in a
 * scavenge), or NULL if it dies. Weak slots that survive must be updated to the result. */
HeapObject *heap_weak_forward(HeapObject *obj);
/* True inside a minor collection (weak callbacks may want to skip expensive work). */
bool heap_is_minor_gc(Isolate *iso);
/* For visitors of weak holders: in a minor collection weak references are visited strongly. */
bool heap_visitor_is_minor(const HeapVisitor *v);

/* Ephemerons (WeakMap entries: the value lives while the key lives). Run after the strong marking,
 * repeatedly until none marks anything new: the callback marks the values of entries whose key
 * heap_is_marked, with heap_visit_value(v, slot), and returns true if it marked anything. */
typedef bool (*HeapEphemeronCallback)(Isolate *iso, HeapVisitor *v, void *data);
void heap_add_ephemeron_callback(Isolate *iso, HeapEphemeronCallback cb, void *data);
void heap_remove_ephemeron_callback(Isolate *iso, HeapEphemeronCallback cb, void *data);

/* Is p the start of a live object of this heap? (for assertions and --verify-heap) */
bool heap_contains(Isolate *iso, const void *p);

/* Statistics. */
typedef struct HeapStats {
  size_t used_bytes;      /* bytes of allocated objects (live or not yet collected) */
  size_t committed_bytes; /* bytes of pages and large objects held from the OS */
  size_t limit_bytes;     /* max heap size */
  uint64_t gc_count;
  double gc_total_ms;
  size_t external_bytes;  /* heap_adjust_external_memory */
} HeapStats;
void heap_get_stats(Isolate *iso, HeapStats *out);

/* ---- Embedder hooks: heap limit, collection callbacks, external memory ---- */

/* Called when an allocation would pass the heap limit even after a full collection. Returns the
 * new limit: a larger one lets the allocation proceed; otherwise the allocation fails with the
 * catchable RangeError "Out of memory". Runs on the isolate's thread inside the allocation: it may
 * not allocate on the heap nor run JavaScript. Not re-entered while it runs. */
typedef size_t (*HeapNearLimitFn)(Isolate *iso, size_t current_limit, size_t initial_limit, void *data);
void heap_set_near_limit_callback(Isolate *iso, HeapNearLimitFn fn, void *data);
/* Sets the limit (bytes); a limit below the current use makes the next allocation fail. */
void heap_set_limit(Isolate *iso, size_t max_bytes);
size_t heap_initial_limit(Isolate *iso);

/* Called before (epilogue false) and after (epilogue true) every collection, outside of it: may
 * read the heap but not allocate on it. */
typedef void (*HeapGcHook)(Isolate *iso, GcReason reason, bool epilogue, void *data);
void heap_add_gc_hook(Isolate *iso, HeapGcHook fn, void *data);
void heap_remove_gc_hook(Isolate *iso, HeapGcHook fn, void *data);

/* Bytes of C memory kept alive by heap objects (ArrayBuffer backing stores, embedder buffers).
 * They count toward the collection trigger, not toward the heap limit. Returns the new total. */
int64_t heap_adjust_external_memory(Isolate *iso, int64_t delta);

/* Heap flags, set from the command line / isolate parameters before the isolate is created. */
typedef struct HeapOptions {
  size_t max_heap_bytes;   /* 0: default */
  int stress_gc;           /* collect every N allocations; 0: off */
  bool verify_heap;
  bool trace_gc;
  bool trace_gc_verbose;   /* each traced collection also prints the spaces (heap_trace_spaces) */
  bool young_gen;          /* a moving young generation (docs/heap.md); on unless --no-young-gen */
  bool old_space_only;     /* no young generation for this isolate, whatever the flags say */
  size_t young_bytes;      /* initial nursery size (scavenge trigger); 0: default */
  size_t max_young_bytes;  /* the nursery grows up to this while much survives; 0: default */
} HeapOptions;

/* Created and destroyed by isolate_new / isolate_free. */
Heap *heap_new(Isolate *iso, const HeapOptions *options);
void heap_free(Heap *heap);

#endif
