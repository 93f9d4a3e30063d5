/*
 * The heap's spaces and allocation (DESIGN.md, decision 5). The collector itself is in gc.c, the
 * conservative stack scanner in stack-scan.c.
 *
 * Small objects (<= HEAP_MAX_SMALL bytes) live in pages of one size class each: allocation takes
 * the next free cell from the page's allocated bitmap, or bumps into never-used cells.
 * Larger objects get a chunk of their own. Old space is non-moving: an object keeps its address
 * for life. Unless --no-young-gen, small objects of some types start in the young generation
 * (scavenge.c), where they may move; C code may still hold raw pointers to them across
 * allocations, because the conservative stack scan pins what it sees.
 */
#include "heap/heap-internal.h"

#include "base/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

HeapTypeInfo heap_types[IT_COUNT];

static const uint32_t class_sizes[HEAP_NUM_CLASSES] = {16,  24,  32,  40,  48,   64,   80,
                                                        96,  128, 160, 192, 256,  320,  384,
                                                        512, 768, 1024, 2048, 4096, 8192};

#define HEAP_DEFAULT_MAX ((size_t)2048 * 1024 * 1024)
#define HEAP_INITIAL_THRESHOLD ((size_t)8 * 1024 * 1024)
/* Empty pages kept for reuse: 48, plus the young generation's largest nursery, whose pages are all
 * released and taken again at every scavenge (mapping fresh ones costs a page fault per 4 KB). */
#define HEAP_POOL_MAX 48

/* Isolates on several threads register the same layouts as they make realms: the table is
 * written under a lock and only when it changes, so a collector reading an entry it registered
 * itself never races with another thread's (identical) registration. */
static pthread_mutex_t register_lock = PTHREAD_MUTEX_INITIALIZER;

void heap_register_type(InstanceType type, HeapSizeFn size, HeapVisitFn visit, HeapFinalizeFn finalize) {
  PT_ASSERT((unsigned)type < IT_COUNT);
  pthread_mutex_lock(&register_lock);
  HeapTypeInfo *t = &heap_types[type];
  if (!t->registered || t->size != size || t->visit != visit || t->finalize != finalize) {
    t->size = size;
    t->visit = visit;
    t->finalize = finalize;
    t->registered = true;
    t->young_ok = heap_young_type_ok(type);
  }
  pthread_mutex_unlock(&register_lock);
}

Heap *heap_new(Isolate *iso, const HeapOptions *options) {
  Heap *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  h->iso = iso;
  if (options) h->options = *options;
  h->max_bytes = h->options.max_heap_bytes ? h->options.max_heap_bytes : HEAP_DEFAULT_MAX;
  h->initial_max_bytes = h->max_bytes;
  h->gc_threshold = HEAP_INITIAL_THRESHOLD;
  if (h->max_bytes < 4 * HEAP_INITIAL_THRESHOLD) h->gc_threshold = h->max_bytes / 4 + 1;
  h->start_ms = pt_monotonic_ms();
  h->min_addr = UINTPTR_MAX;
  for (int i = 0; i < HEAP_NUM_CLASSES; i++) h->classes[i].cell_size = class_sizes[i];
  int c = 0;
  for (size_t s = 0; s <= HEAP_MAX_SMALL; s += 8) {
    while (class_sizes[c] < s) c++;
    h->class_for_size[s / 8] = (uint8_t)c;
  }
  heap_young_init(h);
  return h;
}

static void os_unmap(Chunk *c) {
  HEAP_UNPOISON(c, c->chunk_bytes);
  munmap(c, c->chunk_bytes);
}

void heap_free(Heap *h) {
  if (!h) return;
  /* Run the finalizers of everything still alive: C-side resources must not leak. */
  for (int i = 0; i < HEAP_NUM_CLASSES; i++) {
    for (Chunk *c = h->classes[i].pages; c; c = c->next) {
      for (size_t w = 0; w < HEAP_BITMAP_WORDS; w++) {
        uint64_t bits = c->alloc_bits[w] & c->finalize_bits[w];
        while (bits) {
          size_t idx = w * 64 + (size_t)__builtin_ctzll(bits);
          bits &= bits - 1;
          HeapObject *o = (HeapObject *)(c->cells + idx * c->cell_size);
          heap_finalize_object(o);
        }
      }
    }
  }
  for (Chunk *c = h->large; c; c = c->next)
    if (c->needs_finalize) {
      HeapObject *o = (HeapObject *)c->object;
      heap_finalize_object(o);
    }
  heap_young_free(h);
  for (int i = 0; i < HEAP_NUM_CLASSES; i++) {
    Chunk *c = h->classes[i].pages;
    while (c) {
      Chunk *n = c->next;
      os_unmap(c);
      c = n;
    }
  }
  Chunk *c = h->large;
  while (c) {
    Chunk *n = c->next;
    os_unmap(c);
    c = n;
  }
  for (size_t i = 0; i < h->page_pool.len; i++) os_unmap(h->page_pool.data[i]);
  PT_VEC_FREE(&h->page_pool);
  PT_VEC_FREE(&h->large_sorted);
  PT_VEC_FREE(&h->roots);
  PT_VEC_FREE(&h->root_callbacks);
  PT_VEC_FREE(&h->weak_callbacks);
  PT_VEC_FREE(&h->ephemeron_callbacks);
  PT_VEC_FREE(&h->gc_hooks);
  PT_VEC_FREE(&h->mark_stack);
  free(h->page_set);
  free(h);
}

/* ---- Chunks from the OS ------------------------------------------------------------------- */

/* Chunks keep clear of the addresses near every 4 GB boundary (heap_range_is_placeable): a stack
 * slot that once held a heap pointer and then got a 32-bit integer written into its low half
 * reads as that pointer's high half plus a small number, such as 0x00007f3600000001 or, with the
 * pointer tag, 0xfffb7f3600000001. In a live frame nothing clears such a word. If a chunk covered
 * that address, the conservative scan would keep its object alive: under ASan, where frames keep
 * such half-written slots in their redzones, a large array straddling a boundary kept a whole
 * failed script's data alive, and the heap-limit test failed on some machines. Small negative
 * integers (-1 is 0xffffffff) do the same just below a boundary. */
bool heap_range_is_placeable(uintptr_t start, size_t bytes) {
#if UINTPTR_MAX > 0xFFFFFFFFu
  uint64_t low = (uint64_t)start & 0xFFFFFFFFu;
  return bytes <= ((uint64_t)1 << 32) - 2 * HEAP_BOUNDARY_GAP && low >= HEAP_BOUNDARY_GAP &&
         low + bytes <= ((uint64_t)1 << 32) - HEAP_BOUNDARY_GAP;
#else
  (void)start;
  (void)bytes;
  return true;
#endif
}

/* Where to put a chunk of `bytes` in the mapping [base, base + span): the lowest address aligned
 * to HEAP_PAGE_SIZE whose range is placeable, or 0. When the lowest aligned address is not
 * placeable, its range touches the gap around one boundary, and the first address past that gap
 * is the next candidate. */
uintptr_t heap_place_chunk(uintptr_t base, size_t span, size_t bytes) {
  uintptr_t end = base + span;
  uintptr_t start = (base + HEAP_PAGE_SIZE - 1) & HEAP_PAGE_MASK;
  if (start < base || start > end || end - start < bytes) return 0;
  if (heap_range_is_placeable(start, bytes)) return start;
#if UINTPTR_MAX > 0xFFFFFFFFu
  uintptr_t boundary = (start & ~(uintptr_t)0xFFFFFFFFu) + ((uintptr_t)1 << 32);
  if ((start & 0xFFFFFFFFu) < HEAP_BOUNDARY_GAP) boundary -= (uintptr_t)1 << 32; /* just past one */
  uintptr_t next = boundary + HEAP_BOUNDARY_GAP; /* a multiple of HEAP_PAGE_SIZE */
  if (next > start && next <= end && end - next >= bytes && heap_range_is_placeable(next, bytes)) return next;
#endif
  return 0;
}

/* Maps `bytes` (a multiple of the OS page size) into a mapping of `span` bytes and returns the
 * rest of the mapping to the OS. The chunk is aligned to HEAP_PAGE_SIZE and, if keep_clear,
 * placed by heap_place_chunk (NULL when the mapping has no room for that). */
static void *os_map_in_span(size_t bytes, size_t span, bool keep_clear) {
  char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  uintptr_t start = keep_clear ? heap_place_chunk((uintptr_t)p, span, bytes)
                               : ((uintptr_t)p + HEAP_PAGE_SIZE - 1) & HEAP_PAGE_MASK;
  if (!start) {
    munmap(p, span);
    return NULL;
  }
  size_t head = start - (uintptr_t)p;
  if (head) munmap(p, head);
  size_t tail = span - head - bytes;
  if (tail) munmap((char *)start + bytes, tail);
  return (void *)start;
}

/* Maps `bytes` (a multiple of the OS page size) aligned to HEAP_PAGE_SIZE, clear of the 4 GB
 * boundaries. A mapping with room for alignment almost always works; when it would cover a
 * boundary, a larger one has room to skip it. A chunk too big to fit between two boundaries
 * (nearly 4 GB) cannot keep clear and takes any place. */
static void *os_map_aligned(size_t bytes) {
  bool keep_clear = heap_range_is_placeable(HEAP_BOUNDARY_GAP, bytes);
  void *c = os_map_in_span(bytes, bytes + HEAP_PAGE_SIZE, keep_clear);
  if (c || !keep_clear) return c;
  size_t roomy = 2 * bytes + HEAP_PAGE_SIZE + 2 * HEAP_BOUNDARY_GAP;
  return roomy > bytes ? os_map_in_span(bytes, roomy, true) : NULL;
}

static bool page_set_insert(Heap *h, uintptr_t page);

static void page_set_remove(Heap *h, uintptr_t page) {
  if (!h->page_set_cap) return;
  size_t mask = h->page_set_cap - 1;
  size_t i = (size_t)(page >> 17) * 0x9E3779B97F4A7C15ull >> 7 & mask;
  while (h->page_set[i]) {
    if (h->page_set[i] == page) {
      /* Backward-shift deletion keeps probe sequences intact without tombstones. */
      size_t j = i;
      for (;;) {
        j = (j + 1) & mask;
        if (!h->page_set[j]) break;
        size_t home = (size_t)(h->page_set[j] >> 17) * 0x9E3779B97F4A7C15ull >> 7 & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
          h->page_set[i] = h->page_set[j];
          i = j;
        }
      }
      h->page_set[i] = 0;
      h->page_set_count--;
      return;
    }
    i = (i + 1) & mask;
  }
}

static bool page_set_insert(Heap *h, uintptr_t page) {
  if ((h->page_set_count + 1) * 2 > h->page_set_cap) {
    size_t ncap = h->page_set_cap ? h->page_set_cap * 2 : 64;
    uintptr_t *n = calloc(ncap, sizeof *n);
    if (!n) return false;
    uintptr_t *old = h->page_set;
    size_t ocap = h->page_set_cap;
    h->page_set = n;
    h->page_set_cap = ncap;
    h->page_set_count = 0;
    for (size_t i = 0; i < ocap; i++)
      if (old[i]) page_set_insert(h, old[i]);
    free(old);
  }
  size_t mask = h->page_set_cap - 1;
  size_t i = (size_t)(page >> 17) * 0x9E3779B97F4A7C15ull >> 7 & mask;
  while (h->page_set[i]) {
    if (h->page_set[i] == page) return true;
    i = (i + 1) & mask;
  }
  h->page_set[i] = page;
  h->page_set_count++;
  return true;
}

bool heap_page_set_contains(Heap *h, uintptr_t page) {
  if (!h->page_set_cap) return false;
  size_t mask = h->page_set_cap - 1;
  size_t i = (size_t)(page >> 17) * 0x9E3779B97F4A7C15ull >> 7 & mask;
  while (h->page_set[i]) {
    if (h->page_set[i] == page) return true;
    i = (i + 1) & mask;
  }
  return false;
}

static void note_range(Heap *h, Chunk *c) {
  uintptr_t lo = (uintptr_t)c, hi = lo + c->chunk_bytes;
  if (lo < h->min_addr) h->min_addr = lo;
  if (hi > h->max_addr) h->max_addr = hi;
}

Chunk *heap_new_raw_page(Heap *h) {
  Chunk *c;
  if (h->page_pool.len) {
    c = PT_VEC_POP(&h->page_pool);
    HEAP_UNPOISON(c, HEAP_PAGE_SIZE);
    memset(c, 0, sizeof *c);
  } else {
    c = os_map_aligned(HEAP_PAGE_SIZE);
    if (!c) return NULL;
    h->committed_bytes += HEAP_PAGE_SIZE;
  }
  if (!page_set_insert(h, (uintptr_t)c)) {
    munmap(c, HEAP_PAGE_SIZE);
    h->committed_bytes -= HEAP_PAGE_SIZE;
    return NULL;
  }
  c->magic = HEAP_CHUNK_MAGIC;
  c->heap = h;
  c->chunk_bytes = HEAP_PAGE_SIZE;
  size_t header = (sizeof(Chunk) + 15) & ~(size_t)15;
  c->cells = (char *)c + header;
  note_range(h, c);
  return c;
}

static Chunk *new_small_page(Heap *h, int cls) {
  Chunk *c = heap_new_raw_page(h);
  if (!c) return NULL;
  c->kind = CHUNK_SMALL;
  c->size_class = (uint8_t)cls;
  c->cell_size = h->classes[cls].cell_size;
  size_t header = (size_t)(c->cells - (char *)c);
  c->cell_count = (uint32_t)((HEAP_PAGE_SIZE - header) / c->cell_size);
  c->cell_recip = (uint32_t)((((uint64_t)1 << 32) + c->cell_size - 1) / c->cell_size);
  c->next = h->classes[cls].pages;
  h->classes[cls].pages = c;
  c->next_avail = h->classes[cls].avail;
  h->classes[cls].avail = c;
  c->in_avail = true;
  return c;
}

/* Returns a chunk to the OS (or to the pool of empty pages). The caller unlinks it from lists. */
void heap_release_chunk(Heap *h, Chunk *c) {
  if (c->kind != CHUNK_LARGE) {
    page_set_remove(h, (uintptr_t)c);
    size_t pool_max = HEAP_POOL_MAX + h->young_max_capacity / HEAP_PAGE_SIZE;
    if (h->page_pool.len < pool_max && PT_VEC_PUSH(&h->page_pool, c)) {
      c->magic = 0;
      return;
    }
  } else {
    page_set_remove(h, (uintptr_t)c);
    h->large_sorted_dirty = true;
  }
  h->committed_bytes -= c->chunk_bytes;
  os_unmap(c);
}

static void *alloc_large(Heap *h, size_t size) {
  size_t header = (sizeof(Chunk) + 15) & ~(size_t)15;
  size_t bytes = (header + size + 4095) & ~(size_t)4095;
  if (bytes < size) return NULL;
  Chunk *c = os_map_aligned(bytes);
  if (!c) return NULL;
  if (!page_set_insert(h, (uintptr_t)c)) {
    munmap(c, bytes);
    return NULL;
  }
  h->large_sorted_dirty = true;
  c->magic = HEAP_CHUNK_MAGIC;
  c->heap = h;
  c->kind = CHUNK_LARGE;
  c->chunk_bytes = bytes;
  c->object_bytes = size;
  c->object = (char *)c + header;
  c->next = h->large;
  h->large = c;
  h->committed_bytes += bytes;
  note_range(h, c);
  return c->object;
}

/* The first cell at or after c->cursor whose allocated bit is clear, below bump; or -1. Free cells
 * are found in the bitmap, so sweeping never touches the memory of dead objects. */
static int64_t find_free_cell(Chunk *c) {
  size_t limit_words = ((size_t)c->bump + 63) / 64;
  for (size_t w = c->cursor / 64; w < limit_words; w++) {
    uint64_t free_bits = ~c->alloc_bits[w];
    if (w == c->cursor / 64) free_bits &= ~(uint64_t)0 << (c->cursor % 64);
    if (w == limit_words - 1 && c->bump % 64) free_bits &= ((uint64_t)1 << (c->bump % 64)) - 1;
    if (free_bits) return (int64_t)(w * 64 + (size_t)__builtin_ctzll(free_bits));
  }
  return -1;
}

static void *alloc_small(Heap *h, size_t size) {
  int cls = h->class_for_size[size / 8];
  SizeClass *sc = &h->classes[cls];
  for (;;) {
    Chunk *c = sc->avail;
    if (!c) {
      c = new_small_page(h, cls);
      if (!c) return NULL;
    }
    int64_t idx = -1;
    if (c->cursor < c->bump) idx = find_free_cell(c);
    if (idx < 0 && c->bump < c->cell_count) idx = c->bump++;
    if (idx >= 0) {
      c->cursor = (uint32_t)idx + 1;
      heap_set_bit(c->alloc_bits, (size_t)idx);
      c->live_cells++;
      char *cell = c->cells + (size_t)idx * c->cell_size;
      HEAP_UNPOISON(cell, c->cell_size);
      return cell;
    }
    /* This page is full: drop it from the avail list. */
    c->cursor = c->bump;
    sc->avail = c->next_avail;
    c->next_avail = NULL;
    c->in_avail = false;
  }
}

static size_t cell_bytes(Heap *h, size_t size) {
  return size <= HEAP_MAX_SMALL ? h->classes[h->class_for_size[size / 8]].cell_size : size;
}

/* The error-handling reserve granted after an out-of-memory error (heap-internal.h). */
#define HEAP_OOM_GRACE_MIN ((size_t)256 << 10)
#define HEAP_OOM_GRACE_MAX ((size_t)4 << 20)

static void *alloc_slow(Isolate *iso, size_t size, Map *map, bool may_be_young);

void *heap_alloc(Isolate *iso, size_t size, Map *map) {
  Heap *h = iso->heap;
  if (PT_LIKELY(h->young_enabled && map && !h->in_gc)) {
    void *y = heap_young_bump_fast(h, size, map);
    if (PT_LIKELY(y != NULL)) return y;
  }
  return alloc_slow(iso, size, map, true);
}

void *heap_alloc_old(Isolate *iso, size_t size, Map *map) { return alloc_slow(iso, size, map, false); }

static void *alloc_slow(Isolate *iso, size_t size, Map *map, bool may_be_young) {
  Heap *h = iso->heap;
  if (PT_UNLIKELY(h->in_gc)) PT_FATAL("heap_alloc called during garbage collection");
  if (size < HEAP_MIN_CELL) size = HEAP_MIN_CELL;
  if (size > ((size_t)1 << 40)) {
    isolate_throw_oom(iso);
    return NULL;
  }
  size = (size + 7) & ~(size_t)7;
  size_t bytes = cell_bytes(h, size);

  h->alloc_count++;
  if (!h->no_gc) {
    if (h->options.stress_gc > 0 && h->alloc_count % (uint64_t)h->options.stress_gc == 0) {
      /* With a young generation: mostly moving minor collections, a full one every 8th time. */
      if (h->young_enabled && ++h->stress_count % 8 != 0) heap_scavenge(h, GC_REASON_STRESS, false);
      else heap_collect(iso, GC_REASON_STRESS);
    } else if (h->allocated_since_gc + bytes > h->gc_threshold) {
      heap_collect(iso, GC_REASON_ALLOCATION);
    } else if (h->young_enabled && h->nursery_bytes + size > h->young_capacity) {
      heap_scavenge(h, GC_REASON_ALLOCATION, false);
    }
  }
  if (!h->ignore_limit && h->used_bytes + bytes > h->max_bytes + h->oom_grace_bytes) {
    if (!h->no_gc) heap_collect(iso, GC_REASON_LOW_MEMORY);
    if (h->used_bytes + bytes > h->max_bytes && h->near_limit_fn && !h->in_near_limit) {
      /* The embedder may raise the limit (and, say, terminate the script) before we give up. */
      h->in_near_limit = true;
      size_t raised = h->near_limit_fn(iso, h->max_bytes, h->initial_max_bytes, h->near_limit_data);
      h->in_near_limit = false;
      if (raised > h->max_bytes) h->max_bytes = raised;
    }
    if (h->used_bytes + bytes > h->max_bytes + h->oom_grace_bytes) {
      size_t grace = h->max_bytes / 32;
      if (grace < HEAP_OOM_GRACE_MIN) grace = HEAP_OOM_GRACE_MIN;
      if (grace > HEAP_OOM_GRACE_MAX) grace = HEAP_OOM_GRACE_MAX;
      h->oom_grace_bytes = grace;
      isolate_throw_oom(iso);
      return NULL;
    }
  }

  if (h->young_enabled && may_be_young) {
    void *y = heap_young_alloc(h, size, map);
    if (y) {
      memset(y, 0, size);
      ((HeapObject *)y)->map = map;
      return y;
    }
  }
  void *p = size <= HEAP_MAX_SMALL ? alloc_small(h, size) : alloc_large(h, size);
  if (!p) {
    /* The OS refused: collect and retry once, then give up with the out-of-memory error. */
    if (!h->no_gc) {
      heap_collect(iso, GC_REASON_LOW_MEMORY);
      p = size <= HEAP_MAX_SMALL ? alloc_small(h, size) : alloc_large(h, size);
    }
    if (!p) {
      isolate_throw_oom(iso);
      return NULL;
    }
  }
  /* A large object's chunk is freshly mapped, hence already zero: clearing it again would fault in
   * every page (100 MB strings and arrays) for nothing. */
  if (size <= HEAP_MAX_SMALL) memset(p, 0, size);
  ((HeapObject *)p)->map = map;
  h->used_bytes += bytes;
  h->allocated_since_gc += bytes;

  /* Objects allocated old since the last scavenge are in the remembered set: their initializing
   * stores (made raw, before the next allocation) need no write barrier. */
  if (h->young_enabled && map && heap_old_alloc_needs_remembering(h)) heap_remember_slow(p);
  if (map) {
    InstanceType t = heap_map_instance_type(map);
    if ((unsigned)t < IT_COUNT && heap_types[t].finalize) {
      Chunk *c = heap_chunk_of(p);
      if (c->kind == CHUNK_LARGE) c->needs_finalize = true;
      else heap_set_bit(c->finalize_bits, heap_cell_index(c, p));
    }
  }
  return p;
}

/* ---- Roots ------------------------------------------------------------------------------- */

void heap_add_root(Isolate *iso, Value *slot) {
  if (!PT_VEC_PUSH(&iso->heap->roots, slot)) PT_FATAL("out of memory registering a heap root");
}

void heap_remove_root(Isolate *iso, Value *slot) {
  Heap *h = iso->heap;
  for (size_t i = h->roots.len; i-- > 0;)
    if (h->roots.data[i] == slot) {
      h->roots.data[i] = h->roots.data[--h->roots.len];
      return;
    }
}

static void add_callback(void *vec, void (*fn)(void), void *data) {
  PT_VEC(RootCallback) *v = vec;
  RootCallback rc = {fn, data};
  if (!PT_VEC_PUSH(v, rc)) PT_FATAL("out of memory registering a heap callback");
}

static void remove_callback(void *vec, void (*fn)(void), void *data) {
  PT_VEC(RootCallback) *v = vec;
  for (size_t i = 0; i < v->len; i++)
    if (v->data[i].fn == fn && v->data[i].data == data) {
      memmove(&v->data[i], &v->data[i + 1], (v->len - i - 1) * sizeof v->data[0]);
      v->len--;
      return;
    }
}

void heap_add_root_callback(Isolate *iso, HeapRootCallback cb, void *data) {
  add_callback(&iso->heap->root_callbacks, (void (*)(void))cb, data);
}
void heap_remove_root_callback(Isolate *iso, HeapRootCallback cb, void *data) {
  remove_callback(&iso->heap->root_callbacks, (void (*)(void))cb, data);
}
void heap_add_weak_callback(Isolate *iso, HeapWeakCallback cb, void *data) {
  add_callback(&iso->heap->weak_callbacks, (void (*)(void))cb, data);
}
void heap_remove_weak_callback(Isolate *iso, HeapWeakCallback cb, void *data) {
  remove_callback(&iso->heap->weak_callbacks, (void (*)(void))cb, data);
}
void heap_add_ephemeron_callback(Isolate *iso, HeapEphemeronCallback cb, void *data) {
  add_callback(&iso->heap->ephemeron_callbacks, (void (*)(void))cb, data);
}
void heap_remove_ephemeron_callback(Isolate *iso, HeapEphemeronCallback cb, void *data) {
  remove_callback(&iso->heap->ephemeron_callbacks, (void (*)(void))cb, data);
}

/* ---- Lookup ------------------------------------------------------------------------------ */

static int cmp_chunk(const void *a, const void *b) {
  uintptr_t x = (uintptr_t) * (Chunk *const *)a, y = (uintptr_t) * (Chunk *const *)b;
  return x < y ? -1 : x > y;
}

HeapObject *heap_find_object(Heap *h, uintptr_t addr) {
  if (addr < h->min_addr || addr >= h->max_addr) return NULL;
  uintptr_t page = addr & HEAP_PAGE_MASK;
  Chunk *c = NULL;
  if (heap_page_set_contains(h, page)) {
    c = (Chunk *)page;
  } else if (h->large) {
    /* An interior pointer past the first page of a large object. */
    if (h->large_sorted_dirty) {
      /* Rebuilt from the list of live large chunks (cheap: only after large objects come or go). */
      bool complete = true;
      h->large_sorted.len = 0;
      for (Chunk *l = h->large; l && complete; l = l->next) complete = PT_VEC_PUSH(&h->large_sorted, l);
      qsort(h->large_sorted.data, h->large_sorted.len, sizeof(Chunk *), cmp_chunk);
      /* Out of C memory: the cache misses some chunks (only deep interior pointers into them go
       * unseen) and is rebuilt next time. */
      h->large_sorted_dirty = !complete;
    }
    size_t lo = 0, hi = h->large_sorted.len;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if ((uintptr_t)h->large_sorted.data[mid] <= addr) lo = mid + 1;
      else hi = mid;
    }
    if (lo == 0) return NULL;
    c = h->large_sorted.data[lo - 1];
    if (addr >= (uintptr_t)c + c->chunk_bytes) return NULL;
  } else {
    return NULL;
  }
  if (c->kind == CHUNK_LARGE) {
    if (addr < (uintptr_t)c->object || addr >= (uintptr_t)c->object + c->object_bytes) return NULL;
    return (HeapObject *)c->object;
  }
  if (heap_chunk_is_granular(c)) return heap_granular_find(c, addr);
  if (addr < (uintptr_t)c->cells) return NULL;
  size_t idx = (addr - (uintptr_t)c->cells) / c->cell_size;
  if (idx >= c->bump || !heap_bit(c->alloc_bits, idx)) return NULL;
  return (HeapObject *)(c->cells + idx * c->cell_size);
}

bool heap_contains(Isolate *iso, const void *p) {
  return heap_find_object(iso->heap, (uintptr_t)p) == (const HeapObject *)p && p != NULL;
}

void heap_for_each_object(Heap *h, void (*fn)(Heap *, HeapObject *, void *), void *data) {
  for (int i = 0; i < HEAP_NUM_CLASSES; i++)
    for (Chunk *c = h->classes[i].pages; c; c = c->next)
      for (size_t w = 0; w * 64 < c->bump; w++) {
        uint64_t bits = c->alloc_bits[w];
        while (bits) {
          size_t idx = w * 64 + (size_t)__builtin_ctzll(bits);
          bits &= bits - 1;
          fn(h, (HeapObject *)(c->cells + idx * c->cell_size), data);
        }
      }
  for (Chunk *c = h->large; c; c = c->next) fn(h, (HeapObject *)c->object, data);
  Chunk *lists[3] = {h->nursery, h->survivors, h->mixed};
  for (int i = 0; i < 3; i++)
    for (Chunk *c = lists[i]; c; c = c->next)
      for (size_t w = 0; w * 64 < c->bump; w++) {
        uint64_t bits = c->alloc_bits[w];
        while (bits) {
          size_t idx = w * 64 + (size_t)__builtin_ctzll(bits);
          bits &= bits - 1;
          fn(h, (HeapObject *)(c->cells + idx * 16), data);
        }
      }
}

void *heap_alloc_old_raw(Heap *h, size_t size) {
  if (size < HEAP_MIN_CELL) size = HEAP_MIN_CELL;
  size = (size + 7) & ~(size_t)7;
  void *p = size <= HEAP_MAX_SMALL ? alloc_small(h, size) : alloc_large(h, size);
  if (!p) PT_FATAL("out of memory promoting objects to old space");
  size_t bytes = cell_bytes(h, size);
  if (bytes > size) memset((char *)p + size, 0, bytes - size);
  h->used_bytes += bytes;
  h->allocated_since_gc += bytes;
  return p;
}

/* ---- Embedder hooks ----------------------------------------------------------------------- */

void heap_set_near_limit_callback(Isolate *iso, HeapNearLimitFn fn, void *data) {
  iso->heap->near_limit_fn = fn;
  iso->heap->near_limit_data = data;
}

void heap_set_limit(Isolate *iso, size_t max_bytes) { iso->heap->max_bytes = max_bytes; }
size_t heap_initial_limit(Isolate *iso) { return iso->heap->initial_max_bytes; }

void heap_add_gc_hook(Isolate *iso, HeapGcHook fn, void *data) {
  add_callback(&iso->heap->gc_hooks, (void (*)(void))fn, data);
}
void heap_remove_gc_hook(Isolate *iso, HeapGcHook fn, void *data) {
  remove_callback(&iso->heap->gc_hooks, (void (*)(void))fn, data);
}

int64_t heap_adjust_external_memory(Isolate *iso, int64_t delta) {
  Heap *h = iso->heap;
  h->external_bytes += delta;
  if (h->external_bytes < 0) h->external_bytes = 0;
  /* Growth counts like allocation, so embedder buffers held by garbage trigger collections. */
  if (delta > 0) h->allocated_since_gc += (size_t)delta;
  return h->external_bytes;
}

void heap_get_stats(Isolate *iso, HeapStats *out) {
  Heap *h = iso->heap;
  out->used_bytes = h->used_bytes;
  out->committed_bytes = h->committed_bytes;
  out->limit_bytes = h->max_bytes;
  out->gc_count = h->gc_count;
  out->gc_total_ms = h->gc_total_ms;
  out->external_bytes = (size_t)h->external_bytes;
}
