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
#define HEAP_MIN_CELL 16
#define HEAP_MAX_SMALL 8192
#define HEAP_MAX_CELLS (HEAP_PAGE_SIZE / HEAP_MIN_CELL)
#define HEAP_BITMAP_WORDS (HEAP_MAX_CELLS / 64)
#define HEAP_NUM_CLASSES 20
#define HEAP_POISON_BYTE 0xDB
#define HEAP_CHUNK_MAGIC 0x50544348u /* "PTCH" */

typedef enum { CHUNK_SMALL, CHUNK_LARGE } ChunkKind;

typedef struct Chunk {
  uint32_t magic;
  uint8_t kind;          /* ChunkKind */
  uint8_t size_class;    /* CHUNK_SMALL */
  bool marked;           /* CHUNK_LARGE: the object's mark bit */
  bool needs_finalize;   /* CHUNK_LARGE */
  size_t chunk_bytes;    /* bytes mapped */
  struct Chunk *next;    /* all chunks of the same class / all large chunks */
  /* CHUNK_SMALL */
  struct Chunk *next_avail; /* pages of this class that have free cells */
  bool in_avail;
  uint32_t cell_size;
  uint32_t cell_count;
  uint32_t live_cells;
  uint32_t bump;         /* cells at and after this index were never allocated */
  uint32_t cursor;       /* allocation searches alloc_bits for a free cell from here */
  uint32_t cell_recip;   /* ceil(2^32 / cell_size): division by multiplication */
  char *cells;
  /* CHUNK_LARGE */
  size_t object_bytes;
  char *object;
  uint64_t alloc_bits[HEAP_BITMAP_WORDS];    /* object starts */
  uint64_t mark_bits[HEAP_BITMAP_WORDS];
  uint64_t finalize_bits[HEAP_BITMAP_WORDS];
} Chunk;

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

  /* Marking. */
  PT_VEC(HeapObject *) mark_stack;
  uint64_t marked_count;

  /* The thread whose stack we scan; its stack's bounds. */
  pthread_t stack_thread;
  bool stack_known;
  uintptr_t stack_lo, stack_hi;
};

typedef enum { VISIT_MARK, VISIT_VERIFY } VisitMode;
struct HeapVisitor {
  Heap *heap;
  VisitMode mode;
  HeapObject *host; /* VISIT_VERIFY: the object being checked */
};

typedef struct HeapTypeInfo {
  HeapSizeFn size;
  HeapVisitFn visit;
  HeapFinalizeFn finalize;
  bool registered;
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
bool heap_page_set_contains(Heap *heap, uintptr_t page);
/* Marks obj (a known live object start) and pushes it for scanning if it was unmarked. */
void heap_mark_object(Heap *heap, HeapObject *obj);
/* Scans the current thread's stack and registers conservatively, marking what they reference. */
void heap_scan_stack(Heap *heap);
/* Frees every unmarked object (after finalizing), clears marks, releases empty pages. */
void heap_sweep(Heap *heap);
void heap_verify(Heap *heap);
void heap_release_chunk(Heap *heap, Chunk *c);
/* Calls fn for every allocated object of the heap. */
void heap_for_each_object(Heap *heap, void (*fn)(Heap *, HeapObject *, void *), void *data);

/* The string table's weak processing (objects/string-table.c). */
void str_table_sweep(Isolate *iso);
void str_table_visit(Isolate *iso, HeapVisitor *v); /* --verify-heap */
/* Symbol and name tables' roots (objects/symbol.c, objects/names.c). */
void sym_visit_roots(Isolate *iso, HeapVisitor *v);
void names_visit_roots(Isolate *iso, HeapVisitor *v);

#endif
