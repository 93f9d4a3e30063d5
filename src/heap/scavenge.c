/*
 * The young generation and the minor collector (scavenger), DESIGN.md decision 5, docs/heap.md.
 *
 * Small objects of the types listed in heap_young_type_ok are bump-allocated in nursery pages (16-byte
 * grid; an object-start bitmap and an end bitmap per page, so any interior address resolves to its
 * object and every object's allocated size is known). A scavenge copies the live young objects
 * reachable from the roots and from the remembered set: a nursery object goes to a survivor page,
 * a survivor (second scavenge) is promoted to old space. The old copy's map word becomes a
 * forwarding pointer (low bit set). Every precise slot is updated through the type visitors.
 *
 * Pinning: a young object found by the conservative stack scan, or whose address was used as a
 * hash key (heap_note_address_hashed), does not move. Its page is promoted in place: after the
 * scavenge it becomes a CHUNK_MIXED page of old space holding only its pinned objects (the rest of
 * the page is dead, poisoned under --stress-gc, and never reused; the page is freed when its last
 * object dies in a full collection).
 *
 * Remembered set: the write barrier (heap.h) records each old object that receives a young
 * reference, once (a bit per object). A scavenge visits those objects' fields as roots, then keeps
 * only the ones that still reference young objects.
 *
 * Weak references are strong in a scavenge: weak tables (IT_WEAK_CELL) and WeakRef targets are
 * visited (heap_visitor_is_minor), so nothing weak is cleared by a minor GC; full collections
 * clear them. The string table is the exception: it is updated through heap_weak_forward.
 */
#include "heap/heap-internal.h"

#include "base/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

bool heap_young_gen_in_use;

/* Nursery sizing (docs/heap.md "Sizing"): it starts at 4 MB and doubles, up to 16 MB, after a
 * scavenge in which more than 1/8 of it survived (V8 grows its semi-space the same way). */
#define YOUNG_DEFAULT_CAPACITY ((size_t)4 * 1024 * 1024)
#define YOUNG_DEFAULT_MAX_CAPACITY ((size_t)16 * 1024 * 1024)
/* Pretenuring: after a scavenge in which more than 5/8 of the nursery survived (Splay: trees that
 * live long), the next PRETENURE_FACTOR nurseries' worth of objects are allocated old directly,
 * instead of being allocated young and then copied; the scavenge after that measures again. */
#define PRETENURE_FACTOR 8
/* During pretenuring the young generation is empty, so new old objects need not enter the
 * remembered set, except the last PRETENURE_TAIL bytes' worth: their initializing stores may
 * follow the first young allocations after pretenuring ends. */
#define PRETENURE_TAIL ((size_t)256 * 1024)
/* In direct-promotion mode, every DIRECT_REMEASURE-th scavenge copies to survivor space again, so
 * the next one can measure whether survivors still mostly survive. */
#define DIRECT_REMEASURE 16
#define FORWARDED_BIT ((uintptr_t)1)

/* The heap of the scavenge running on this thread (heap_is_marked and heap_weak_forward need it
 * and have no heap argument). */
static __thread Heap *tl_scavenging;

/* Types that may live in the young generation: the common short-lived objects whose references
 * are all visited precisely by their layouts and written through the barrier. Everything else
 * (maps, code, scopes, symbols, weak holders, objects with finalizers) is allocated old. */
bool heap_young_type_ok(InstanceType t) {
  switch (t) {
  case IT_SEQ_ONE_BYTE_STRING:
  case IT_SEQ_TWO_BYTE_STRING:
  case IT_CONS_STRING:
  case IT_FIXED_ARRAY:
  case IT_BIGINT:
  case IT_PROPERTY_DICTIONARY:
  case IT_NUMBER_DICTIONARY:
  case IT_CONTEXT:
  case IT_PROMISE_REACTION:
  case IT_JS_OBJECT:
  case IT_JS_ARRAY:
  case IT_JS_FUNCTION:
  case IT_JS_ARGUMENTS:
  case IT_JS_MAPPED_ARGUMENTS:
  case IT_JS_PRIMITIVE_WRAPPER:
  case IT_JS_ERROR:
  case IT_JS_GENERATOR:
  case IT_JS_PROMISE:
  case IT_JS_MAP:
  case IT_JS_SET:
  case IT_JS_ITERATOR:
  case IT_ACCESSOR_PAIR:
  case IT_MICROTASK:
  case IT_JS_BOUND_FUNCTION:
  case IT_JS_DATE:
  case IT_JS_REGEXP:
  case IT_JS_ASYNC_FUNCTION_OBJECT:
  case IT_JS_ASYNC_GENERATOR:
  case IT_JS_PROXY:
  case IT_JS_RAW_JSON: return heap_types[t].finalize == NULL;
  default: return false;
  }
}

typedef struct JSObjectPrefix {
  HeapObject header;
  Value properties;
  Value elements;
} JSObjectPrefix; /* the start of every JSObject (objects/js-object.h) */

static inline size_t granule_index(const Chunk *c, const void *p) {
  return (size_t)((const char *)p - c->cells) >> 4;
}

static inline bool is_forwarded(const HeapObject *o) { return ((uintptr_t)o->map & FORWARDED_BIT) != 0; }
static inline HeapObject *forwardee(const HeapObject *o) {
  return (HeapObject *)((uintptr_t)o->map & ~FORWARDED_BIT);
}

/* ---- Page layout ---------------------------------------------------------------------------- */

size_t heap_granular_size(const Chunk *c, const HeapObject *o) {
  size_t idx = granule_index(c, o);
  size_t limit = c->bump;
  for (size_t w = idx / 64; w * 64 < limit; w++) {
    uint64_t bits = c->end_bits[w];
    if (w == idx / 64) bits &= ~(uint64_t)0 << (idx % 64);
    if (bits) return (w * 64 + (size_t)__builtin_ctzll(bits) - idx + 1) * 16;
  }
  PT_FATAL("young object %p has no end mark", (const void *)o);
}

HeapObject *heap_granular_find(const Chunk *c, uintptr_t addr) {
  if (addr < (uintptr_t)c->cells) return NULL;
  size_t idx = (addr - (uintptr_t)c->cells) >> 4;
  if (idx >= c->bump) return NULL;
  /* The last object start at or before idx. */
  for (size_t w = idx / 64 + 1; w-- > 0;) {
    uint64_t bits = c->alloc_bits[w];
    if (w == idx / 64 && idx % 64 != 63) bits &= ((uint64_t)1 << (idx % 64 + 1)) - 1;
    if (!bits) continue;
    size_t start = w * 64 + 63 - (size_t)__builtin_clzll(bits);
    HeapObject *o = (HeapObject *)(c->cells + start * 16);
    if (addr < (uintptr_t)o + heap_granular_size(c, o)) return o;
    return NULL;
  }
  return NULL;
}

static Chunk *new_young_page(Heap *h, bool survivor) {
  Chunk *c = heap_new_raw_page(h);
  if (!c) return NULL;
  c->kind = CHUNK_YOUNG;
  c->survivor = survivor;
  c->to_space = h->scavenging;
  c->cell_size = 16;
  c->cell_recip = (uint32_t)((((uint64_t)1 << 32) + 15) / 16);
  c->cell_count = (uint32_t)((HEAP_PAGE_SIZE - (size_t)(c->cells - (char *)c)) / 16);
  c->gap_end = c->cell_count;
  if (survivor) {
    c->next = h->survivors;
    h->survivors = c;
  } else {
    c->next = h->nursery;
    h->nursery = c;
  }
  return c;
}

/* The first object start at or after granule `from` on page c, or cell_count. */
static size_t next_object_start(const Chunk *c, size_t from) {
  for (size_t w = from / 64; w * 64 < c->bump; w++) {
    uint64_t bits = c->alloc_bits[w];
    if (w == from / 64) bits &= ~(uint64_t)0 << (from % 64);
    if (bits) return w * 64 + (size_t)__builtin_ctzll(bits);
  }
  return c->cell_count;
}

/* Moves page c's allocation to its next free gap: past the pinned object where the current one
 * ends, up to the next object. False at the end of the page. (A fresh page is one gap.) */
static bool next_gap(Chunk *c) {
  size_t at = c->gap_end;
  if (at >= c->cell_count) return false;
  size_t end = at + heap_granular_size(c, (const HeapObject *)(c->cells + at * 16)) / 16;
  c->cursor = (uint32_t)end;
  c->gap_end = (uint32_t)next_object_start(c, end);
  return true;
}

/* Bump allocation of `size` bytes (a multiple of 16) on page c, gap after gap, or NULL when no
 * gap left on it has room. */
static void *young_page_bump(Chunk *c, size_t size) {
  void *p;
  while (!(p = heap_young_bump(c, size)))
    if (!next_gap(c)) return NULL;
  return p;
}

void *heap_young_alloc(Heap *h, size_t size, Map *map) {
  if (!h->young_enabled || size > HEAP_YOUNG_MAX_OBJECT || !map || !heap_types[heap_map_instance_type(map)].young_ok)
    return NULL;
  size = (size + 15) & ~(size_t)15;
  if (h->pretenure_bytes) {
    h->pretenure_bytes = size < h->pretenure_bytes ? h->pretenure_bytes - size : 0;
    return NULL;
  }
  Chunk *c = h->young_alloc;
  void *p = c ? young_page_bump(c, size) : NULL;
  /* Pages kept for their free gaps come first (retire_page), then fresh ones. */
  while (!p && h->young_reuse.len) {
    c = PT_VEC_POP(&h->young_reuse);
    h->young_alloc = c;
    p = young_page_bump(c, size);
  }
  if (!p) {
    c = new_young_page(h, false);
    if (!c) return NULL; /* the OS refused: old space will try (and report) */
    h->young_alloc = c;
    p = heap_young_bump(c, size);
  }
  h->young_bytes += size;
  h->nursery_bytes += size;
  h->used_bytes += size;
  return p;
}

/* ---- Remembered set ------------------------------------------------------------------------- */

static bool *remembered_flag_bits(Chunk *c, const HeapObject *o, size_t *idx) {
  if (c->kind == CHUNK_LARGE) return &c->remembered;
  *idx = heap_cell_index(c, o);
  return NULL;
}

bool heap_old_alloc_needs_remembering(const Heap *h) {
  /* Young objects exist (a raw initializing store may take one), or pretenuring ends soon. */
  return h->young_bytes != 0 || h->pretenure_bytes <= PRETENURE_TAIL;
}

bool heap_object_is_remembered(HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  size_t idx = 0;
  bool *flag = remembered_flag_bits(c, o, &idx);
  return flag ? *flag : heap_bit(c->remembered_bits, idx);
}

static void remember(Heap *h, HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  size_t idx = 0;
  bool *flag = remembered_flag_bits(c, o, &idx);
  if (flag) {
    if (*flag) return;
    *flag = true;
  } else {
    if (heap_bit(c->remembered_bits, idx)) return;
    heap_set_bit(c->remembered_bits, idx);
  }
  if (!PT_VEC_PUSH(&h->remembered, o)) PT_FATAL("out of memory growing the remembered set");
}

static void forget(HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  size_t idx = 0;
  bool *flag = remembered_flag_bits(c, o, &idx);
  if (flag) *flag = false;
  else heap_clear_bit(c->remembered_bits, idx);
}

/* An old backing array of a JSObject joins the remembered set itself (see heap_remember_slow). */
static void remember_backing(Heap *h, Value array) {
  if (!val_is_pointer(array)) return;
  HeapObject *a = val_to_ptr(array);
  if (a && !heap_in_young(a)) remember(h, a);
}

void heap_remember_slow(HeapObject *host) {
  Chunk *c = heap_chunk_of(host);
  if (c->magic != HEAP_CHUNK_MAGIC) PT_FATAL("write barrier: host %p is not a heap object", (void *)host);
  remember(c->heap, host); /* every chunk knows its heap */
  /* Stores into a JSObject's backing arrays name the object as host, so the store may have gone
   * into its old properties or elements array: remember those too. Covering them only through
   * the owner at the next scavenge is not enough: by then the owner may have replaced the array
   * (a grown backing store) or died, and the old array, garbage but unswept until the next full
   * collection, would keep a young reference the scavenge never updates. A stale word on the
   * stack can still resurrect it for that full collection's marking, which then follows the
   * dangling slot (the ASan failure of the Date corpus, docs/heap.md). */
  if (heap_object_type(host) >= IT_FIRST_JS_OBJECT) {
    JSObjectPrefix *j = (JSObjectPrefix *)host;
    remember_backing(c->heap, j->properties);
    remember_backing(c->heap, j->elements);
  }
}

void heap_pin_hashed_slow(HeapObject *obj) {
  Chunk *c = heap_chunk_of(obj);
  heap_set_bit(c->hashed_bits, granule_index(c, obj));
}

/* ---- The scavenge --------------------------------------------------------------------------- */

void heap_pin_young(Heap *h, HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  if (c->to_space) return;
  size_t idx = granule_index(c, o);
  if (heap_bit(c->mark_bits, idx)) return;
  heap_set_bit(c->mark_bits, idx);
  c->pinned = true;
  h->marked_count++;
  if (!PT_VEC_PUSH(&h->mark_stack, o)) PT_FATAL("out of memory growing the GC work list");
}

static void *survivor_alloc(Heap *h, size_t size) {
  Chunk *c = h->survivors;
  void *p = c ? heap_young_bump(c, size) : NULL;
  if (!p) {
    c = new_young_page(h, true);
    if (!c) PT_FATAL("out of memory during a scavenge");
    p = heap_young_bump(c, size);
  }
  h->young_bytes += size;
  h->used_bytes += size;
  return p;
}

static HeapObject *evacuate(Heap *h, HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  if (c->kind != CHUNK_YOUNG || c->to_space) return o;
  if (is_forwarded(o)) return forwardee(o);
  size_t idx = granule_index(c, o);
  if (heap_bit(c->mark_bits, idx)) return o; /* pinned */
  if (heap_bit(c->hashed_bits, idx)) {
    heap_pin_young(h, o);
    return o;
  }
  size_t size = heap_granular_size(c, o);
  if (c->survivor) h->surv_survivor_bytes += size;
  else h->surv_nursery_bytes += size;
  void *dst = (h->promote_all || c->survivor || h->direct_promote) ? heap_alloc_old_raw(h, size)
                                                                   : survivor_alloc(h, size);
  memcpy(dst, o, size);
  o->map = (Map *)((uintptr_t)dst | FORWARDED_BIT);
  /* An object that C code may still be initializing with raw stores (it was young when made, so
   * they take no barrier) is one the code holds in a local: the conservative stack scan found it
   * and pinned it, and retire_page remembers it. An object that moves is referenced by no local,
   * so nothing can store into it raw: it joins the remembered set only if it holds young
   * references after its scan (scan_object). */
  h->marked_count++;
  if (!PT_VEC_PUSH(&h->mark_stack, (HeapObject *)dst)) PT_FATAL("out of memory growing the GC work list");
  return dst;
}

void heap_visit_slot_scavenge(HeapVisitor *v, HeapObject **slot) {
  HeapObject *o = *slot;
  if (!o || !heap_in_young(o)) return;
  HeapObject *n = evacuate(v->heap, o);
  *slot = n;
  /* Still young after this scavenge: copied to survivor space, or pinned on a page that stays in
   * the nursery (a page promoted in place has all its objects remembered by retire_page). A
   * promote-all scavenge leaves nothing young. */
  if (v->host_old && !v->heap->promote_all && heap_in_young(n)) v->saw_young = true;
}

bool heap_visitor_is_minor(const HeapVisitor *v) { return v->mode == VISIT_SCAVENGE; }

typedef struct BackingArray {
  HeapObject header;
  uint32_t length;
  uint32_t pad_;
  Value data[];
} BackingArray; /* the layout of FixedArray (heap/fixed-array.h) */

void heap_visit_backing_array(HeapVisitor *v, Value array) {
  if (!val_is_pointer(array)) return;
  HeapObject *a = val_to_ptr(array);
  if (!a || heap_in_young(a) || heap_object_type(a) != IT_FIXED_ARRAY) return;
  HeapVisitor av = {v->heap, VISIT_SCAVENGE, a, true, false};
  heap_visit_values(&av, ((BackingArray *)a)->data, ((BackingArray *)a)->length);
  /* An old array of a young owner stays remembered however young its contents are now: the
   * owner's stores into it make no barrier (the host is young), and if the owner dies before the
   * next scavenge, nothing else would update the array (heap_remember_slow). */
  if (!v->heap->promote_all && (av.saw_young || !v->host_old)) remember(v->heap, a);
}

/* --verify-heap: an old backing array of a young or remembered JSObject is covered by its owner
 * (heap_visit_backing_array). Such arrays are flagged while the verification runs. */
static void cover_backing(Heap *h, Value array, bool set) {
  PT_UNUSED(h);
  if (!val_is_pointer(array)) return;
  HeapObject *a = val_to_ptr(array);
  if (!a || heap_in_young(a) || heap_object_type(a) != IT_FIXED_ARRAY) return;
  Chunk *c = heap_chunk_of(a);
  /* hashed_bits mean nothing on old pages: they hold the mark for the verification's time. */
  if (c->kind == CHUNK_LARGE) c->covered = set;
  else if (set) heap_set_bit(c->hashed_bits, heap_cell_index(c, a));
  else heap_clear_bit(c->hashed_bits, heap_cell_index(c, a));
}

static bool is_covered(HeapObject *a) {
  Chunk *c = heap_chunk_of(a);
  if (c->kind == CHUNK_LARGE) return c->covered;
  return heap_bit(c->hashed_bits, heap_cell_index(c, a));
}



static void cover_one(Heap *h, HeapObject *o, void *data) {
  bool set = data != NULL;
  InstanceType t = heap_object_type(o);
  if (t < IT_FIRST_JS_OBJECT) return;
  if (set && !heap_in_young(o) && !heap_object_is_remembered(o)) return;
  JSObjectPrefix *j = (JSObjectPrefix *)o;
  cover_backing(h, j->properties, set);
  cover_backing(h, j->elements, set);
}

void heap_verify_cover(Heap *h, bool set) { heap_for_each_object(h, cover_one, set ? (void *)h : NULL); }


static void scan_object(Heap *h, HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  /* A pinned object counts as young: its page stays in the nursery, or is promoted in place
   * with every object on it remembered (retire_page). */
  HeapVisitor v = {h, VISIT_SCAVENGE, o, !heap_chunk_is_young(c), false};
  heap_visit_object(&v, o);
  if (v.host_old && v.saw_young) remember(h, o);
  /* Stores into a JSObject's fast backing arrays (properties, elements) name the object as the
   * write barrier's host: an old backing array is scanned through its owner. */
  if (heap_object_type(o) >= IT_FIRST_JS_OBJECT) {
    heap_visit_backing_array(&v, ((JSObjectPrefix *)o)->properties);
    heap_visit_backing_array(&v, ((JSObjectPrefix *)o)->elements);
  }
}

static void drain_scavenge(Heap *h) {
  while (h->mark_stack.len) scan_object(h, PT_VEC_POP(&h->mark_stack));
}

bool heap_is_minor_gc(Isolate *iso) { return iso->heap->scavenging; }

bool heap_scavenge_is_live(const HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  if (c->kind != CHUNK_YOUNG || c->to_space) return true;
  if (is_forwarded(o)) return true;
  return heap_bit(c->mark_bits, granule_index(c, o));
}

HeapObject *heap_weak_forward(HeapObject *o) {
  if (!tl_scavenging) return heap_is_marked(o) ? o : NULL;
  Chunk *c = heap_chunk_of(o);
  if (c->kind != CHUNK_YOUNG || c->to_space) return o;
  if (is_forwarded(o)) return forwardee(o);
  return heap_bit(c->mark_bits, granule_index(c, o)) ? o : NULL;
}

bool heap_scavenge_active(void) { return tl_scavenging != NULL; }

static void poison_range(Heap *h, char *p, size_t n) {
  if (!n) return;
  if (h->options.stress_gc > 0 || h->options.verify_heap) {
    HEAP_UNPOISON(p, n); /* a gap of a page kept in the nursery may be poisoned already */
    memset(p, HEAP_POISON_BYTE, n);
  }
  HEAP_POISON(p, n);
}

/* A from-space page after the scavenge: freed, or kept if it holds pinned objects. A kept page
 * stays in the nursery, and allocation reuses the free gaps around its pinned objects
 * (young_page_bump, next_gap). It is promoted in place instead (it becomes a CHUNK_MIXED old page
 * holding only its pinned objects, the rest never reused) before a full collection, which needs
 * young space empty, and when one of its objects is hashed by address, which would otherwise
 * stay young and pinned for as long as it lives. Keeping pages young matters: the stack scan
 * pins a few objects on a few pages per scavenge, and promoted whole, such pages piled up
 * between full collections (RayTrace: 145 pages, 18 MB, holding 170 KB). */
static void retire_page(Heap *h, Chunk *c) {
  if (!c->pinned) {
    poison_range(h, c->cells, (size_t)c->bump * 16);
    heap_release_chunk(h, c);
    return;
  }
  size_t live = 0;
  size_t gap_start = 0;
  bool hashed = false;
  for (size_t w = 0; w * 64 < c->bump; w++) {
    c->alloc_bits[w] &= c->mark_bits[w];
    c->mark_bits[w] = 0;
    if (c->hashed_bits[w] & c->alloc_bits[w]) hashed = true;
    c->hashed_bits[w] = 0;
  }
  bool keep_young = !h->promote_all && !hashed;
  /* Poison the dead parts, count the live bytes, and keep only the live objects' end bits (a
   * dead object's end bit in a gap would cut short the size of a new object there). */
  uint64_t ends[HEAP_BITMAP_WORDS] = {0};
  for (size_t w = 0; w * 64 < c->bump; w++) {
    uint64_t bits = c->alloc_bits[w];
    while (bits) {
      size_t idx = w * 64 + (size_t)__builtin_ctzll(bits);
      bits &= bits - 1;
      HeapObject *o = (HeapObject *)(c->cells + idx * 16);
      size_t size = heap_granular_size(c, o);
      poison_range(h, c->cells + gap_start * 16, (idx - gap_start) * 16);
      gap_start = idx + size / 16;
      heap_set_bit(ends, gap_start - 1);
      live += size;
      /* An object promoted in place is one C code holds: it may still take raw initializing
       * stores of young values (heap.h), so it is remembered until the next scavenge. */
      if (!keep_young && !h->promote_all) remember(h, o);
    }
  }
  poison_range(h, c->cells + gap_start * 16, (c->bump - gap_start) * 16);
  memcpy(c->end_bits, ends, sizeof ends);
  if (c->survivor) h->surv_survivor_bytes += live;
  else h->surv_nursery_bytes += live;
  c->pinned = false;
  c->survivor = false;
  if (keep_young) {
    c->cursor = 0;
    c->gap_end = (uint32_t)next_object_start(c, 0);
    c->next = h->nursery;
    h->nursery = c;
    if (!PT_VEC_PUSH(&h->young_reuse, c)) PT_FATAL("out of memory listing nursery pages");
    h->young_bytes += live;
    h->nursery_bytes += live;
    h->used_bytes += live;
    return;
  }
  c->kind = CHUNK_MIXED;
  c->live_cells = (uint32_t)(live / 16);
  c->next = h->mixed;
  h->mixed = c;
  h->used_bytes += live;
}

static const char *reason_text(GcReason r) {
  switch (r) {
  case GC_REASON_ALLOCATION: return "allocation failure";
  case GC_REASON_EXPLICIT: return "testing";
  case GC_REASON_STRESS: return "stress";
  case GC_REASON_LOW_MEMORY: return "last resort";
  }
  return "unknown";
}

/* The embedder's GC prologue/epilogue hooks run around a minor collection as around a full one
 * ("each collection", petrel.h), outside it, with collections postponed. A promote-all scavenge is
 * the start of a full collection, whose hooks heap_collect runs. */
static void run_gc_hooks(Heap *h, GcReason reason, bool epilogue) {
  h->no_gc++;
  for (size_t i = 0; i < h->gc_hooks.len; i++) {
    RootCallback *rc = &h->gc_hooks.data[i];
    ((HeapGcHook)rc->fn)(h->iso, reason, epilogue, rc->data);
  }
  h->no_gc--;
}

/* The sizing policy, from what survived this scavenge (docs/heap.md "Sizing"). */
static void adapt_sizing(Heap *h, size_t nursery_before, size_t survivors_before) {
  if (h->options.stress_gc > 0) {
    /* Scavenges at arbitrary points measure nothing: keep the size, and alternate between
     * copying to survivor space and promoting directly so that both paths are exercised. */
    h->direct_promote = !h->direct_promote;
    return;
  }
  /* Survivors that mostly survive again are worth promoting at once: copying them to survivor
   * space first only copies them twice. */
  if (survivors_before) h->direct_promote = h->surv_survivor_bytes * 2 >= survivors_before;
  else if (h->direct_promote && ++h->direct_scavenges % DIRECT_REMEASURE == 0) h->direct_promote = false;
  /* Only a scavenge of a (nearly) full nursery measures its survival rate. */
  if (nursery_before < h->young_capacity / 2) return;
  size_t survived = h->surv_nursery_bytes;
  if (survived * 8 > nursery_before && h->young_capacity < h->young_max_capacity) {
    h->young_capacity *= 2;
    if (h->young_capacity > h->young_max_capacity) h->young_capacity = h->young_max_capacity;
  }
  if (survived * 8 > nursery_before * 5) {
    /* Most of it lives on: promote survivors at once, and allocate old for a while, longer after
     * each consecutive such scavenge (up to 8 times longer). */
    h->direct_promote = true;
    if (h->pretenure_rounds < 3) h->pretenure_rounds++;
    h->pretenure_bytes = ((size_t)PRETENURE_FACTOR << (h->pretenure_rounds - 1)) * h->young_capacity;
  } else {
    h->pretenure_rounds = 0;
  }
}

void heap_scavenge(Heap *h, GcReason reason, bool promote_all) {
  if (h->in_gc) PT_FATAL("recursive garbage collection");
  if (h->no_gc || !h->young_enabled) return;
  Isolate *iso = h->iso;
  if (!promote_all && h->gc_hooks.len) run_gc_hooks(h, reason, false);
  double t0 = pt_monotonic_ms();
  size_t used_before = h->used_bytes, committed_before = h->committed_bytes;
  h->in_gc = true;
  /* Before moving anything, check the remembered set: a missing write barrier is reported with
   * its host here, instead of as a dangling pointer afterwards. */
  if (h->options.verify_heap) {
    heap_verify_reachable(h);
    heap_verify_old_space(h);
  }
  h->scavenging = true;
  h->promote_all = promote_all;
  tl_scavenging = h;
  h->marked_count = 0;

  size_t nursery_before = h->nursery_bytes, survivors_before = h->young_bytes - h->nursery_bytes;
  h->surv_nursery_bytes = h->surv_survivor_bytes = 0;
  Chunk *from_nursery = h->nursery, *from_survivors = h->survivors;
  h->nursery = h->survivors = h->young_alloc = NULL;
  h->young_reuse.len = 0; /* its pages are in from_nursery */
  h->used_bytes -= h->young_bytes;
  h->young_bytes = h->nursery_bytes = 0;

  /* The remembered set of the previous cycle is taken (and its flags cleared) before anything is
   * evacuated: steps 1 and 2 may remember new hosts (objects promoted at their first scavenge,
   * old backing arrays of young owners), which must not be forgotten again in step 3. */
  size_t count = h->remembered.len;
  HeapObject **hosts = h->remembered.data;
  h->remembered.data = NULL;
  h->remembered.len = h->remembered.cap = 0;
  for (size_t i = 0; i < count; i++) forget(hosts[i]);

  /* 1. Conservative roots pin (stack-scan.c calls heap_pin_young in this mode). */
  heap_scan_stack(h);
  drain_scavenge(h);
  /* 2. Precise roots are updated. */
  HeapVisitor v = {h, VISIT_SCAVENGE, NULL, false, false};
  heap_visit_isolate_roots(iso, &v);
  drain_scavenge(h);
  /* 3. The remembered set: each old host is visited; it stays if it still holds young refs. */
  for (size_t i = 0; i < count; i++) {
    scan_object(h, hosts[i]);
    drain_scavenge(h);
  }
  free(hosts);
  /* 4. Weak processing. The engine's weak holders were visited strongly above (weak references
   * are strong in a scavenge); embedder callbacks still run, so C-side weak slots can follow
   * moved objects (heap_weak_forward) or drop dead young ones (heap_is_marked). */
  if (h->ephemeron_callbacks.len) {
    uint64_t before;
    do {
      before = h->marked_count;
      for (size_t i = 0; i < h->ephemeron_callbacks.len; i++) {
        RootCallback *rc = &h->ephemeron_callbacks.data[i];
        ((HeapEphemeronCallback)rc->fn)(iso, &v, rc->data);
        drain_scavenge(h);
      }
    } while (h->marked_count != before);
  }
  for (size_t i = 0; i < h->weak_callbacks.len; i++) {
    RootCallback *rc = &h->weak_callbacks.data[i];
    ((HeapWeakCallback)rc->fn)(iso, rc->data);
  }
  str_table_sweep(iso);

  /* 5. From-space goes away; pinned pages become old. */
  while (from_nursery) {
    Chunk *n = from_nursery->next;
    retire_page(h, from_nursery);
    from_nursery = n;
  }
  while (from_survivors) {
    Chunk *n = from_survivors->next;
    retire_page(h, from_survivors);
    from_survivors = n;
  }
  for (Chunk *c = h->survivors; c; c = c->next) c->to_space = false;

  h->promote_all = false;
  h->scavenging = false;
  tl_scavenging = NULL;
  if (!promote_all) adapt_sizing(h, nursery_before, survivors_before);
  if (h->options.verify_heap) heap_verify_reachable(h);
  h->in_gc = false;
  if (!promote_all && h->gc_hooks.len) run_gc_hooks(h, reason, true);
  double t1 = pt_monotonic_ms();
  if (!promote_all) h->gc_count++; /* a promote-all scavenge is part of a full collection */
  h->scavenge_count++;
  h->gc_total_ms += t1 - t0;
  if (h->options.trace_gc && !promote_all) {
    fprintf(stdout, "[%d:%p] %8.0f ms: Scavenge %.1f (%.1f) -> %.1f (%.1f) MB, %.1f / 0.0 ms  (%s)\n",
            (int)getpid(), (void *)iso, t0 - h->start_ms, used_before / 1048576.0,
            committed_before / 1048576.0, h->used_bytes / 1048576.0, h->committed_bytes / 1048576.0,
            t1 - t0, reason_text(reason));
    fflush(stdout);
    if (h->options.trace_gc_verbose) heap_trace_spaces(h);
  }
}

void heap_young_init(Heap *h) {
  if (!h->options.young_gen) return;
  h->young_enabled = true;
  h->young_capacity = h->options.young_bytes ? h->options.young_bytes : YOUNG_DEFAULT_CAPACITY;
  if (h->young_capacity < HEAP_PAGE_SIZE) h->young_capacity = HEAP_PAGE_SIZE;
  h->young_max_capacity = h->options.max_young_bytes ? h->options.max_young_bytes : YOUNG_DEFAULT_MAX_CAPACITY;
  if (h->young_max_capacity < h->young_capacity) h->young_max_capacity = h->young_capacity;
  heap_young_gen_in_use = true;
}

void heap_young_free(Heap *h) {
  Chunk *lists[2] = {h->nursery, h->survivors};
  for (int i = 0; i < 2; i++) {
    Chunk *c = lists[i];
    while (c) {
      Chunk *n = c->next;
      heap_release_chunk(h, c);
      c = n;
    }
  }
  Chunk *c = h->mixed;
  while (c) {
    Chunk *n = c->next;
    heap_release_chunk(h, c);
    c = n;
  }
  h->nursery = h->survivors = h->mixed = h->young_alloc = NULL;
  PT_VEC_FREE(&h->remembered);
  PT_VEC_FREE(&h->young_reuse);
}

/* ---- Mixed pages in a full collection ------------------------------------------------------ */

void heap_sweep_mixed(Heap *h, bool poison) {
  Chunk **link = &h->mixed;
  while (*link) {
    Chunk *c = *link;
    size_t live = 0;
    for (size_t w = 0; w * 64 < c->bump; w++) {
      uint64_t dead = c->alloc_bits[w] & ~c->mark_bits[w];
      uint64_t alive = c->alloc_bits[w] & c->mark_bits[w];
      while (dead) {
        size_t idx = w * 64 + (size_t)__builtin_ctzll(dead);
        dead &= dead - 1;
        HeapObject *o = (HeapObject *)(c->cells + idx * 16);
        size_t size = heap_granular_size(c, o);
        h->used_bytes -= size;
        if (poison) memset(o, HEAP_POISON_BYTE, size);
        HEAP_POISON(o, size);
      }
      while (alive) {
        size_t idx = w * 64 + (size_t)__builtin_ctzll(alive);
        alive &= alive - 1;
        live += heap_granular_size(c, (HeapObject *)(c->cells + idx * 16));
      }
      c->alloc_bits[w] &= c->mark_bits[w];
      c->remembered_bits[w] &= c->mark_bits[w];
      c->mark_bits[w] = 0;
    }
    c->live_cells = (uint32_t)(live / 16);
    if (live == 0) {
      *link = c->next;
      heap_release_chunk(h, c);
      continue;
    }
    link = &c->next;
  }
}

void heap_verify_remembered(Heap *h, HeapObject *host, HeapObject *target) {
  PT_UNUSED(h);
  if (!host || heap_in_young(host) || !heap_in_young(target)) return;
  if (!heap_object_is_remembered(host) && !is_covered(host))
    PT_FATAL("--verify-heap: old object %p (instance type %d) references young %p but is not in the "
             "remembered set (a store without the write barrier)",
             (void *)host, (int)heap_object_type(host), (void *)target);
}
