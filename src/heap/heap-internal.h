/*
 * Inside the heap: chunks, pages, size classes and the collector's state. Only src/heap/ sees this.
 *
 * Memory comes from the OS in chunks aligned to HEAP_PAGE_SIZE. A small-object page is one chunk
 * cut into equal cells of one size class; a large object gets a chunk of its own (a whole number of
 * OS pages), with its header in the first HEAP_PAGE_SIZE bytes. Because every object starts inside
 * the first HEAP_PAGE_SIZE bytes of its chunk, masking an object pointer gives its chunk header.
 */
#ifndef PETREL_HEAP_HEAP_INTERNAL_H
#define PETREL_HEAP_HEAP_INTERNAL_H

#include "base/vector.h"
#include "execution/isolate.h"

#include <pthread.h>

/* Under ASan, free cells are poisoned, so a dangling reference into the heap is reported where
 * it is used. */
#if defined(__SANITIZE_ADDRESS__)
#define PT_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PT_HEAP_ASAN 1
#endif
#endif
#ifdef PT_HEAP_ASAN
#include <sanitizer/asan_interface.h>
#define HEAP_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define HEAP_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define HEAP_POISON(p, n) ((void)(p), (void)(n))
#define HEAP_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define HEAP_PAGE_SIZE ((size_t)128 * 1024)
#define HEAP_PAGE_MASK (~(uintptr_t)(HEAP_PAGE_SIZE - 1))
/* No chunk covers an address within this distance of a multiple of 4 GB (heap.c,
 * heap_range_is_placeable): a half-overwritten stack word lands there. */
#define HEAP_BOUNDARY_GAP ((uint64_t)1 << 20)
#define HEAP_MIN_CELL 16
#define HEAP_MAX_SMALL 8192
#define HEAP_MAX_CELLS (HEAP_PAGE_SIZE / HEAP_MIN_CELL)
#define HEAP_BITMAP_WORDS (HEAP_MAX_CELLS / 64)
#define HEAP_NUM_CLASSES 20
#define HEAP_POISON_BYTE 0xDB
#define HEAP_CHUNK_MAGIC 0x50544348u /* "PTCH" */

/* CHUNK_YOUNG: a page of the young generation (bump-allocated, variable-size objects on a 16-byte
 * grid; alloc_bits mark object starts, end_bits the last granule of each object). CHUNK_MIXED: a
 * young page promoted in place because a conservative root or an address hash pinned some of its
 * objects; it is old space now (marked and swept like the others, never allocated into again).
 * The kind byte is at offset 4 (HEAP_CHUNK_KIND_OFFSET in heap.h: the write barrier reads it). */
typedef enum { CHUNK_SMALL, CHUNK_LARGE, CHUNK_YOUNG = HEAP_CHUNK_KIND_YOUNG, CHUNK_MIXED } ChunkKind;

typedef struct Chunk {
  uint32_t magic;
  uint8_t kind;          /* ChunkKind */
  uint8_t size_class;    /* CHUNK_SMALL */
  bool marked;           /* CHUNK_LARGE: the object's mark bit */
  bool needs_finalize;   /* CHUNK_LARGE */
  bool remembered;       /* CHUNK_LARGE: the object is in the remembered set */
  bool survivor;         /* CHUNK_YOUNG: holds objects that survived one scavenge */
  bool pinned;           /* CHUNK_YOUNG: some object on it is pinned this scavenge */
  bool to_space;         /* CHUNK_YOUNG: made during the scavenge in progress */
  bool covered;          /* CHUNK_LARGE: --verify-heap's temporary flag (scavenge.c) */
  struct Heap *heap;     /* the owner (the write barrier's slow path needs it) */
  size_t chunk_bytes;    /* bytes mapped */
  struct Chunk *next;    /* all chunks of the same class / all large chunks */
  /* CHUNK_SMALL */
  struct Chunk *next_avail; /* pages of this class that have free cells */
  bool in_avail;
  uint32_t cell_size;
  uint32_t cell_count;
  uint32_t live_cells;
  uint32_t bump;         /* cells at and after this index were never allocated */
  uint32_t cursor;       /* CHUNK_SMALL: allocation searches alloc_bits for a free cell from here;
                            CHUNK_YOUNG: the next free granule of the current free gap */
  uint32_t gap_end;      /* CHUNK_YOUNG: where that gap ends (a pinned object, or cell_count) */
  uint32_t cell_recip;   /* ceil(2^32 / cell_size): division by multiplication */
  char *cells;
  /* CHUNK_LARGE */
  size_t object_bytes;
  char *object;
  uint64_t alloc_bits[HEAP_BITMAP_WORDS];    /* object starts */
  uint64_t mark_bits[HEAP_BITMAP_WORDS];
  uint64_t finalize_bits[HEAP_BITMAP_WORDS];
  /* Generational bookkeeping. CHUNK_SMALL/CHUNK_MIXED: remembered_bits, one per cell, say the
   * object is in the remembered set. CHUNK_YOUNG/CHUNK_MIXED: end_bits (see above).
   * CHUNK_YOUNG: hashed_bits say the object's address was used as a hash (it must not move). */
  uint64_t remembered_bits[HEAP_BITMAP_WORDS];
  uint64_t end_bits[HEAP_BITMAP_WORDS];
  uint64_t hashed_bits[HEAP_BITMAP_WORDS];
} Chunk;
_Static_assert(offsetof(Chunk, kind) == HEAP_CHUNK_KIND_OFFSET, "the write barrier reads the kind byte");

typedef struct SizeClass {
  uint32_t cell_size;
  Chunk *pages;
  Chunk *avail; /* pages with free cells; the first is the one we allocate from */
} SizeClass;

typedef struct RootCallback {
  void (*fn)(void);
  void *data;
} RootCallback;

struct Heap {
  Isolate *iso;
  HeapOptions options;
  SizeClass classes[HEAP_NUM_CLASSES];
  uint8_t class_for_size[HEAP_MAX_SMALL / 8 + 1]; /* (size/8) -> class */
  Chunk *large;
  /* Chunk lookup for conservative pointers: page addresses in an open-addressing set; large
   * chunks sorted by address for interior pointers past their first page. */
  uintptr_t *page_set;
  size_t page_set_cap, page_set_count;
  PT_VEC(Chunk *) large_sorted;
  bool large_sorted_dirty;
  uintptr_t min_addr, max_addr;
  PT_VEC(Chunk *) page_pool; /* empty pages kept for reuse */

  size_t used_bytes, committed_bytes;
  size_t allocated_since_gc, gc_threshold;
  size_t max_bytes;
  /* After an out-of-memory error, allocations may pass max_bytes by this much, so the handler
   * that catches the error (which allocates its message, a log line...) can run even while the
   * conservative stack scan still retains some of the garbage that filled the heap. Reset to 0 by
   * the first collection that gets back under the limit. Bounded: one overshoot at most. */
  size_t oom_grace_bytes;
  uint64_t alloc_count;
  uint64_t gc_count;
  double gc_total_ms;
  double start_ms;
  int no_gc;           /* > 0: collections are postponed (bootstrapping, OOM error creation) */
  int ignore_limit;    /* > 0: the heap limit is not enforced */
  bool in_gc;
  bool making_oom_error;

  PT_VEC(Value *) roots;
  PT_VEC(RootCallback) root_callbacks;
  PT_VEC(RootCallback) weak_callbacks;
  PT_VEC(RootCallback) ephemeron_callbacks;
  PT_VEC(RootCallback) gc_hooks;         /* HeapGcHook */
  HeapNearLimitFn near_limit_fn;
  void *near_limit_data;
  bool in_near_limit;
  size_t initial_max_bytes;
  int64_t external_bytes;
  size_t external_at_gc;                 /* external_bytes after the last collection */

  /* The young generation (scavenge.c). Nursery pages are bump-allocated (young_alloc is the page
   * we allocate from); survivor pages hold what survived one scavenge. */
  bool young_enabled;
  Chunk *nursery;           /* list (next) of nursery pages */
  Chunk *survivors;         /* list (next) of survivor pages */
  Chunk *young_alloc;       /* current nursery page, or NULL */
  PT_VEC(Chunk *) young_reuse; /* nursery pages kept for the free gaps around pinned objects */
  size_t young_bytes;       /* bytes allocated in young pages (nursery + survivors) */
  size_t young_capacity;    /* scavenge when the nursery passes this */
  size_t nursery_bytes;
  Chunk *mixed;             /* list (next) of pages promoted in place */
  PT_VEC(HeapObject *) remembered; /* old objects that may reference young ones */
  bool scavenging;
  bool promote_all;         /* this scavenge promotes every survivor (before a full GC) */
  /* Sizing policy (scavenge.c, docs/heap.md "Sizing"): measured at each scavenge. */
  size_t young_max_capacity;   /* the nursery grows up to this while much of it survives */
  bool direct_promote;         /* nursery survivors go straight to old space */
  uint32_t direct_scavenges;   /* scavenges in direct mode since the last re-measurement */
  size_t pretenure_bytes;      /* while > 0, young-eligible objects are allocated old */
  uint32_t pretenure_rounds;   /* consecutive scavenges that started pretenuring */
  size_t surv_nursery_bytes;   /* this scavenge: bytes of nursery objects that survived */
  size_t surv_survivor_bytes;  /* this scavenge: bytes of survivor objects that survived again */
  uint64_t scavenge_count;
  uint64_t stress_count;

  /* Marking. */
  PT_VEC(HeapObject *) mark_stack;
  uint64_t marked_count;

  /* The thread whose stack we scan; its stack's bounds. */
  pthread_t stack_thread;
  bool stack_known;
  uintptr_t stack_lo, stack_hi;
};

typedef enum { VISIT_MARK, VISIT_VERIFY, VISIT_SCAVENGE } VisitMode;
struct HeapVisitor {
  Heap *heap;
  VisitMode mode;
  HeapObject *host; /* VISIT_VERIFY: the object being checked */
  bool host_old;    /* VISIT_VERIFY / VISIT_SCAVENGE: host is (or becomes) old */
  bool saw_young;   /* a visited slot of an old host references a young object */
  bool trace;       /* VISIT_VERIFY: mark (and so verify) what the checked slots reference */
};

typedef struct HeapTypeInfo {
  HeapSizeFn size;
  HeapVisitFn visit;
  HeapFinalizeFn finalize;
  bool registered;
  bool young_ok; /* may be allocated in the young generation (heap_young_type_ok) */
} HeapTypeInfo;
extern HeapTypeInfo heap_types[IT_COUNT];

/* Runs the finalizer of a dying object (one allocated while its type had a finalizer: the type may
 * have been re-registered since, so check again). */
static inline void heap_finalize_object(HeapObject *o) {
  HeapFinalizeFn fn = heap_types[heap_object_type(o)].finalize;
  if (fn) fn(o);
}

static inline Chunk *heap_chunk_of(const void *obj) {
  return (Chunk *)((uintptr_t)obj & HEAP_PAGE_MASK);
}
/* Exact for offsets below 2^17 and cell sizes below 2^15 (the error of the reciprocal stays
 * under 1/cell_size). */
static inline size_t heap_cell_index(const Chunk *c, const void *obj) {
  uint64_t off = (uint64_t)((const char *)obj - c->cells);
  return (size_t)((off * c->cell_recip) >> 32);
}
static inline bool heap_bit(const uint64_t *bits, size_t i) { return (bits[i >> 6] >> (i & 63)) & 1; }
static inline void heap_set_bit(uint64_t *bits, size_t i) { bits[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline void heap_clear_bit(uint64_t *bits, size_t i) {
  bits[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Resolves any address (object start, interior pointer) to the live object containing it, or
 * NULL. Used by the conservative scanner and by the verifier. */
HeapObject *heap_find_object(Heap *heap, uintptr_t addr);
/* Chunk placement clear of the 4 GB boundaries (heap.c; exposed for its unit test). */
bool heap_range_is_placeable(uintptr_t start, size_t bytes);
uintptr_t heap_place_chunk(uintptr_t base, size_t span, size_t bytes);
bool heap_page_set_contains(Heap *heap, uintptr_t page);
/* Marks obj (a known live object start) and pushes it for scanning if it was unmarked. */
void heap_mark_object(Heap *heap, HeapObject *obj);
/* Scans the current thread's stack and registers conservatively, marking what they reference. */
void heap_scan_stack(Heap *heap);
/* Frees every unmarked object (after finalizing), clears marks, releases empty pages. */
void heap_sweep(Heap *heap);
void heap_verify(Heap *heap);
/* --trace-gc-verbose: prints the used, free and mapped bytes of each space (gc.c). */
void heap_trace_spaces(Heap *heap);
/* Verifies what is reachable from the roots (before or after a scavenge, when old space still
 * holds unswept garbage whose references may be stale). */
void heap_verify_reachable(Heap *h);
void heap_release_chunk(Heap *heap, Chunk *c);
/* Calls fn for every allocated object of the heap. */
void heap_for_each_object(Heap *heap, void (*fn)(Heap *, HeapObject *, void *), void *data);

/* ---- The young generation (scavenge.c) ---- */
static inline bool heap_chunk_is_young(const Chunk *c) { return c->kind == CHUNK_YOUNG; }
/* Granule (16-byte) layout of young and mixed pages. */
static inline bool heap_chunk_is_granular(const Chunk *c) {
  return c->kind == CHUNK_YOUNG || c->kind == CHUNK_MIXED;
}
/* Bytes of the object starting at o on a young or mixed page (from its end bit). */
size_t heap_granular_size(const Chunk *c, const HeapObject *o);
/* The object of a young or mixed page containing addr, or NULL. */
HeapObject *heap_granular_find(const Chunk *c, uintptr_t addr);
/* Allocation in the young generation: NULL when the object must go to old space. */
void *heap_young_alloc(Heap *h, size_t size, Map *map);
/* Objects at most this big may be young; bigger ones go straight to old space. */
#define HEAP_YOUNG_MAX_OBJECT 4096
/* May objects of this type live in the young generation? (Reads the finalizer registered for it:
 * heap_register_type caches the answer in HeapTypeInfo.young_ok.) */
bool heap_young_type_ok(InstanceType t);
/* Bump allocation of `bytes` (a multiple of 16) in the current free gap of young page c, or NULL
 * when it has no room (scavenge.c's young_page_bump then tries the page's next gap). A fresh page
 * is one gap; a page kept for the free space around pinned objects has several. `bump` stays the
 * page's extent: granules at and after it were never allocated. */
static inline void *heap_young_bump(Chunk *c, size_t bytes) {
  size_t g = bytes >> 4;
  if (c->cursor + g > c->gap_end) return NULL;
  size_t idx = c->cursor;
  c->cursor += (uint32_t)g;
  if (c->cursor > c->bump) c->bump = c->cursor;
  heap_set_bit(c->alloc_bits, idx);
  heap_set_bit(c->end_bits, idx + g - 1);
  char *p = c->cells + idx * 16;
  HEAP_UNPOISON(p, bytes);
  return p;
}
/* The allocation fast path (heap_alloc): bump allocation in the current nursery page when nothing
 * else needs attention: no stress mode, no pretenuring, room in the page, the nursery and the heap
 * limit. NULL sends the caller down the full path, which also scavenges when the nursery is full.
 * The object is zero-filled up to size (a multiple of 8) with its map installed. */
static inline void *heap_young_bump_fast(Heap *h, size_t size, Map *map) {
  Chunk *c = h->young_alloc;
  if (!c || size > HEAP_YOUNG_MAX_OBJECT || h->options.stress_gc > 0 || h->pretenure_bytes ||
      !heap_types[heap_map_instance_type(map)].young_ok)
    return NULL;
  size = (size + 7) & ~(size_t)7;
  size_t bytes = size <= 16 ? 16 : (size + 15) & ~(size_t)15;
  if (h->nursery_bytes + bytes > h->young_capacity || h->used_bytes + bytes > h->max_bytes) return NULL;
  char *p = heap_young_bump(c, bytes);
  if (!p) return NULL;
  h->young_bytes += bytes;
  h->nursery_bytes += bytes;
  h->used_bytes += bytes;
  memset(p, 0, size);
  ((HeapObject *)p)->map = map;
  return p;
}
/* Must an object just allocated in old space enter the remembered set (heap.c)? */
bool heap_old_alloc_needs_remembering(const Heap *h);
/* Raw old-space allocation for promotion (no collection, no limit); aborts when the OS refuses. */
void *heap_alloc_old_raw(Heap *h, size_t size);
/* A minor collection; promote_all empties the young generation (before a full GC). */
void heap_scavenge(Heap *h, GcReason reason, bool promote_all);
/* Conservative root found by the stack scanner during a scavenge: pin it. */
void heap_pin_young(Heap *h, HeapObject *o);
void heap_visit_slot_scavenge(HeapVisitor *v, HeapObject **slot);
void heap_young_free(Heap *h);
void heap_young_init(Heap *h);
bool heap_visitor_is_minor(const HeapVisitor *v);
/* A page from the pool or the OS, registered for lookups, header zeroed except magic, heap, cells
 * and chunk_bytes; the caller sets the rest. NULL when the OS refuses. */
Chunk *heap_new_raw_page(Heap *h);
/* Mixed pages in full collections. */
void heap_sweep_mixed(Heap *h, bool poison);
void heap_visit_isolate_roots(Isolate *iso, HeapVisitor *v);
void heap_visit_object(HeapVisitor *v, HeapObject *o);
void heap_verify_remembered(Heap *h, HeapObject *host, HeapObject *target);
bool heap_object_is_remembered(HeapObject *o);
void heap_visit_backing_array(HeapVisitor *v, Value array);
void heap_verify_cover(Heap *h, bool set);
/* --verify-heap before a scavenge: every old object, garbage included, has each young reference
 * in the remembered set (verify-young.c). */
void heap_verify_old_space(Heap *h);
/* Is a scavenge running on this thread? Does o survive it? (heap_is_marked in a scavenge) */
bool heap_scavenge_active(void);
bool heap_scavenge_is_live(const HeapObject *o);

/* The string table's weak processing (objects/string-table.c). */
void str_table_sweep(Isolate *iso);
void str_table_visit(Isolate *iso, HeapVisitor *v); /* --verify-heap */
/* Symbol and name tables' roots (objects/symbol.c, objects/names.c). */
void sym_visit_roots(Isolate *iso, HeapVisitor *v);
void names_visit_roots(Isolate *iso, HeapVisitor *v);

#endif
