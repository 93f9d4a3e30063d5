/*
 * The mark-sweep collector of old space (DESIGN.md, decision 5); the moving minor collector of the
 * young generation is scavenge.c (with one, a full collection first promotes all of it). Marking uses an explicit stack, never recursion, so a
 * million-element linked list is fine. Order of a collection:
 *   1. mark from roots: the native stack and registers (conservative), the isolate's fields,
 *      heap_add_root slots, root callbacks; drain the mark stack after each group;
 *   2. ephemeron callbacks until nothing new is marked;
 *   3. weak callbacks, then the string table drops unmarked strings;
 *   4. finalize and free unmarked objects (poisoning them under --stress-gc/--verify-heap);
 *   5. --verify-heap walks the survivors; --trace-gc prints one line.
 */
#include "heap/heap-internal.h"

#include "base/time.h"
#include "objects/names.h"
#include "objects/symbol.h"

#include <stdio.h>
#include <unistd.h>

void heap_mark_object(Heap *h, HeapObject *o) {
  Chunk *c = heap_chunk_of(o);
  if (c->kind == CHUNK_LARGE) {
    if (c->marked) return;
    c->marked = true;
  } else {
    size_t idx = heap_cell_index(c, o);
    if (heap_bit(c->mark_bits, idx)) return;
    heap_set_bit(c->mark_bits, idx);
  }
  h->marked_count++;
  if (!PT_VEC_PUSH(&h->mark_stack, o)) PT_FATAL("out of memory growing the GC mark stack");
}

bool heap_is_marked(const HeapObject *o) {
  /* In a scavenge: old objects all survive; a young one survives if it was copied or pinned. */
  if (heap_scavenge_active()) return heap_scavenge_is_live(o);
  Chunk *c = heap_chunk_of(o);
  if (c->kind == CHUNK_LARGE) return c->marked;
  return heap_bit(c->mark_bits, heap_cell_index(c, o));
}

typedef struct ReferrerSearch {
  HeapObject *target;
  int found;
} ReferrerSearch;

static void find_referrer_slot(HeapObject *host, HeapObject *target, ReferrerSearch *rs, Value *slots, size_t n) {
  PT_UNUSED(host);
  for (size_t i = 0; i < n; i++)
    if (val_is_pointer(slots[i]) && val_to_ptr(slots[i]) == target) rs->found = 1;
}

/* Diagnostics for a failed verification: which objects hold the bad object (word-wise scan). */
static void print_referrer(Heap *h, HeapObject *o, void *data) {
  ReferrerSearch *rs = data;
  PT_UNUSED(h);
  rs->found = 0;
  size_t words = 8;
  Chunk *c = heap_chunk_of(o);
  if (c->kind == CHUNK_LARGE) words = c->object_bytes / 8;
  else if (heap_chunk_is_granular(c)) words = heap_granular_size(c, o) / 8;
  else words = c->cell_size / 8;
  find_referrer_slot(o, rs->target, rs, (Value *)o, words);
  if (!rs->found) {
    for (size_t i = 0; i < words; i++)
      if (((HeapObject **)o)[i] == rs->target) rs->found = 1;
  }
  if (rs->found)
    fprintf(stderr, "#   held by %p (instance type %d, %s, remembered %d)\n", (void *)o,
            (int)heap_object_type(o), heap_in_young(o) ? "young" : "old", (int)heap_object_is_remembered(o));
}

static void verify_ref(HeapVisitor *v, HeapObject *o) {
  if (!heap_find_object(v->heap, (uintptr_t)o) || heap_find_object(v->heap, (uintptr_t)o) != o) {
    if (v->host && v->heap->young_enabled) {
      ReferrerSearch rs = {v->host, 0};
      heap_for_each_object(v->heap, print_referrer, &rs);
    }
    PT_FATAL("--verify-heap: object %p (instance type %d) holds %p, which is not a live object",
             (void *)v->host, v->host ? (int)heap_object_type(v->host) : -1, (void *)o);
  }
}

void heap_visit_pointer(HeapVisitor *v, HeapObject **slot) {
  HeapObject *o = *slot;
  if (!o) return;
  if (v->mode == VISIT_MARK) heap_mark_object(v->heap, o);
  else if (v->mode == VISIT_SCAVENGE) heap_visit_slot_scavenge(v, slot);
  else {
    verify_ref(v, o);
    if (v->heap->young_enabled) heap_verify_remembered(v->heap, v->host, o);
    if (v->trace) heap_mark_object(v->heap, o);
  }
}

void heap_visit_value(HeapVisitor *v, Value *slot) {
  Value val = *slot;
  if (!val_is_pointer(val)) return;
  HeapObject *o = val_to_ptr(val);
  if (!o) return;
  if (v->mode == VISIT_MARK) heap_mark_object(v->heap, o);
  else if (v->mode == VISIT_SCAVENGE) {
    heap_visit_slot_scavenge(v, &o);
    *slot = val_from_ptr(o);
  } else {
    verify_ref(v, o);
    if (v->heap->young_enabled) heap_verify_remembered(v->heap, v->host, o);
    if (v->trace) heap_mark_object(v->heap, o);
  }
}

void heap_visit_values(HeapVisitor *v, Value *slots, size_t count) {
  for (size_t i = 0; i < count; i++) heap_visit_value(v, &slots[i]);
}

void heap_visit_object(HeapVisitor *v, HeapObject *o) {
  if (PT_UNLIKELY(!o->map))
    PT_FATAL("heap object %p has no map (allocated with a NULL map outside bootstrap?)", (void *)o);
  heap_visit_pointer(v, (HeapObject **)&o->map);
  InstanceType t = heap_object_type(o);
  if ((unsigned)t >= IT_COUNT || !heap_types[t].registered)
    PT_FATAL("no heap layout registered for instance type %d (object %p)", (int)t, (void *)o);
  if (heap_types[t].visit) heap_types[t].visit(o, v);
}

/* Objects wait in a small FIFO after leaving the mark stack, their headers prefetched, so the
 * cache miss on each object overlaps with visiting the ones before it. */
#define PREFETCH_DEPTH 8

static void drain(Heap *h) {
  HeapVisitor v = {h, VISIT_MARK, NULL, false, false};
  HeapObject *ring[PREFETCH_DEPTH];
  unsigned head = 0, count = 0;
  for (;;) {
    while (count < PREFETCH_DEPTH && h->mark_stack.len) {
      HeapObject *o = PT_VEC_POP(&h->mark_stack);
      __builtin_prefetch(o);
      ring[(head + count) % PREFETCH_DEPTH] = o;
      count++;
    }
    if (!count) break;
    HeapObject *o = ring[head];
    head = (head + 1) % PREFETCH_DEPTH;
    count--;
    heap_visit_object(&v, o);
  }
}

void heap_visit_isolate_roots(Isolate *iso, HeapVisitor *v) {
  heap_visit_value(v, &iso->pending_exception);
  heap_visit_value(v, &iso->pending_message);
  heap_visit_value(v, &iso->oom_error);
  heap_visit_value(v, &iso->termination_exception);
  heap_visit_pointer(v, (HeapObject **)&iso->realm);
  for (int i = 0; i < IT_COUNT; i++) heap_visit_pointer(v, (HeapObject **)&iso->root_maps[i]);
  names_visit_roots(iso, v);
  if (iso->single_char_strings)
    for (int i = 0; i < 256; i++)
      if (iso->single_char_strings[i]) heap_visit_value(v, &iso->single_char_strings[i]);
  sym_visit_roots(iso, v);
  Heap *h = iso->heap;
  for (size_t i = 0; i < h->roots.len; i++) heap_visit_value(v, h->roots.data[i]);
  for (size_t i = 0; i < h->root_callbacks.len; i++) {
    RootCallback *rc = &h->root_callbacks.data[i];
    ((HeapRootCallback)rc->fn)(iso, v, rc->data);
  }
}

static void mark_phase(Heap *h) {
  Isolate *iso = h->iso;
  HeapVisitor v = {h, VISIT_MARK, NULL, false, false};
  heap_scan_stack(h);
  drain(h);
  heap_visit_isolate_roots(iso, &v);
  drain(h);
  /* Ephemerons: repeat until a round marks nothing new. */
  if (h->ephemeron_callbacks.len) {
    uint64_t before;
    do {
      before = h->marked_count;
      for (size_t i = 0; i < h->ephemeron_callbacks.len; i++) {
        RootCallback *rc = &h->ephemeron_callbacks.data[i];
        ((HeapEphemeronCallback)rc->fn)(iso, &v, rc->data);
        drain(h);
      }
    } while (h->marked_count != before);
  }
}

static void weak_phase(Heap *h) {
  Isolate *iso = h->iso;
  for (size_t i = 0; i < h->weak_callbacks.len; i++) {
    RootCallback *rc = &h->weak_callbacks.data[i];
    ((HeapWeakCallback)rc->fn)(iso, rc->data);
  }
  str_table_sweep(iso);
}

/* ---- Sweeping ----------------------------------------------------------------------------- */

static void finalize_dead(Heap *h) {
  /* All finalizers run before any memory is freed, so a finalizer may still read its object's map
   * (which may be dying in the same cycle). */
  for (int i = 0; i < HEAP_NUM_CLASSES; i++)
    for (Chunk *c = h->classes[i].pages; c; c = c->next)
      for (size_t w = 0; w * 64 < c->bump; w++) {
        uint64_t bits = c->alloc_bits[w] & c->finalize_bits[w] & ~c->mark_bits[w];
        while (bits) {
          size_t idx = w * 64 + (size_t)__builtin_ctzll(bits);
          bits &= bits - 1;
          HeapObject *o = (HeapObject *)(c->cells + idx * c->cell_size);
          heap_finalize_object(o);
        }
      }
  for (Chunk *c = h->large; c; c = c->next)
    if (!c->marked && c->needs_finalize) {
      HeapObject *o = (HeapObject *)c->object;
      heap_finalize_object(o);
    }
}

void heap_sweep(Heap *h) {
  bool poison = h->options.stress_gc > 0 || h->options.verify_heap;
  finalize_dead(h);
  for (int i = 0; i < HEAP_NUM_CLASSES; i++) {
    SizeClass *sc = &h->classes[i];
    Chunk **link = &sc->pages;
    sc->avail = NULL;
    Chunk *avail_tail = NULL;
    while (*link) {
      Chunk *c = *link;
      uint32_t live = 0;
      for (size_t w = 0; w * 64 < c->bump; w++) {
        uint64_t dead = c->alloc_bits[w] & ~c->mark_bits[w];
        live += (uint32_t)__builtin_popcountll(c->alloc_bits[w] & c->mark_bits[w]);
        c->alloc_bits[w] &= c->mark_bits[w];
        c->finalize_bits[w] &= c->mark_bits[w];
        c->remembered_bits[w] &= c->mark_bits[w];
        c->mark_bits[w] = 0;
        if (!dead) continue;
        h->used_bytes -= (size_t)__builtin_popcountll(dead) * c->cell_size;
#ifndef PT_HEAP_ASAN
        if (!poison) continue;
#endif
        while (dead) {
          size_t idx = w * 64 + (size_t)__builtin_ctzll(dead);
          dead &= dead - 1;
          char *cell = c->cells + idx * c->cell_size;
          if (poison) memset(cell, HEAP_POISON_BYTE, c->cell_size);
          HEAP_POISON(cell, c->cell_size);
        }
      }
      c->live_cells = live;
      if (live == 0 && c->bump > 0) {
        /* Empty: give the page back. */
        *link = c->next;
        c->in_avail = false;
        heap_release_chunk(h, c);
        continue;
      }
      /* Free cells are found from the bitmap at allocation time (heap.c). */
      c->cursor = 0;
      c->next_avail = NULL;
      c->in_avail = live < c->cell_count;
      if (c->in_avail) {
        if (avail_tail) avail_tail->next_avail = c;
        else sc->avail = c;
        avail_tail = c;
      }
      link = &c->next;
    }
  }
  heap_sweep_mixed(h, poison);
  Chunk **link = &h->large;
  while (*link) {
    Chunk *c = *link;
    if (c->marked) {
      c->marked = false;
      link = &c->next;
      continue;
    }
    *link = c->next;
    h->used_bytes -= c->object_bytes;
    heap_release_chunk(h, c);
  }
}

/* ---- Verification ------------------------------------------------------------------------- */

static void verify_one(Heap *h, HeapObject *o, void *data) {
  HeapVisitor v = {h, VISIT_VERIFY, o, false, false, data != NULL};
  if (!o->map) PT_FATAL("--verify-heap: object %p has no map", (void *)o);
  heap_visit_object(&v, o);
  /* The object must fit the memory it was given: a size function larger than the allocation
   * means a layout and its allocation disagree. */
  InstanceType t = heap_object_type(o);
  if (heap_types[t].size) {
    size_t size = heap_types[t].size(o);
    Chunk *c = heap_chunk_of(o);
    size_t room = c->kind == CHUNK_LARGE      ? c->object_bytes
                  : heap_chunk_is_granular(c) ? heap_granular_size(c, o)
                                              : c->cell_size;
    if (size > room)
      PT_FATAL("--verify-heap: object %p of instance type %d claims %zu bytes but has %zu", (void *)o,
               (int)t, size, room);
  }
}

static void clear_marks(Heap *h) {
  for (int i = 0; i < HEAP_NUM_CLASSES; i++)
    for (Chunk *c = h->classes[i].pages; c; c = c->next) memset(c->mark_bits, 0, sizeof c->mark_bits);
  for (Chunk *c = h->large; c; c = c->next) c->marked = false;
  Chunk *lists[3] = {h->nursery, h->survivors, h->mixed};
  for (int i = 0; i < 3; i++)
    for (Chunk *c = lists[i]; c; c = c->next) memset(c->mark_bits, 0, sizeof c->mark_bits);
}

void heap_verify_reachable(Heap *h) {
  heap_verify_cover(h, true);
  clear_marks(h);
  heap_scan_stack(h);
  HeapVisitor v = {h, VISIT_VERIFY, NULL, false, false, true};
  heap_visit_isolate_roots(h->iso, &v);
  while (h->mark_stack.len) verify_one(h, PT_VEC_POP(&h->mark_stack), h);
  str_table_visit(h->iso, &v);
  PT_VEC_CLEAR(&h->mark_stack);
  clear_marks(h);
  heap_verify_cover(h, false);
}

void heap_verify(Heap *h) {
  if (h->young_enabled) heap_verify_cover(h, true);
  heap_for_each_object(h, verify_one, NULL);
  if (h->young_enabled) heap_verify_cover(h, false);
  HeapVisitor v = {h, VISIT_VERIFY, NULL, false, false};
  heap_visit_isolate_roots(h->iso, &v);
  str_table_visit(h->iso, &v);
}

/* ---- The collection ----------------------------------------------------------------------- */

static const char *reason_text(GcReason r) {
  switch (r) {
  case GC_REASON_ALLOCATION: return "allocation failure";
  case GC_REASON_EXPLICIT: return "testing";
  case GC_REASON_STRESS: return "stress";
  case GC_REASON_LOW_MEMORY: return "last resort";
  }
  return "unknown";
}

/* --trace-gc-verbose: after a traced collection, one line per space (in the spirit of V8's), with
 * the bytes its objects use, the free bytes inside its pages and the bytes it has mapped. */
typedef struct SpaceFigures {
  size_t pages, used, available, committed;
} SpaceFigures;

static void print_space(const char *name, const SpaceFigures *f) {
  fprintf(stdout, "%-22s pages: %5zu, used: %7zu KB, available: %7zu KB, committed: %7zu KB\n", name,
          f->pages, f->used >> 10, f->available >> 10, f->committed >> 10);
}

static void count_young_list(const Chunk *c, SpaceFigures *f) {
  for (; c; c = c->next) {
    f->pages++;
    f->available += (size_t)c->cell_count * 16;
    f->committed += c->chunk_bytes;
  }
}

void heap_trace_spaces(Heap *h) {
  SpaceFigures old = {0}, mixed = {0}, young = {0}, large = {0}, pool = {0}, all = {0};
  for (int cls = 0; cls < HEAP_NUM_CLASSES; cls++)
    for (const Chunk *c = h->classes[cls].pages; c; c = c->next) {
      old.pages++;
      old.used += (size_t)c->live_cells * c->cell_size;
      old.available += (size_t)(c->cell_count - c->live_cells) * c->cell_size;
      old.committed += c->chunk_bytes;
    }
  for (const Chunk *c = h->mixed; c; c = c->next) {
    mixed.pages++;
    mixed.used += (size_t)c->live_cells * 16;
    mixed.committed += c->chunk_bytes; /* pinned pages are never allocated into: nothing available */
  }
  count_young_list(h->nursery, &young);
  count_young_list(h->survivors, &young);
  young.used = h->young_bytes; /* pages kept for their gaps make the extents no measure of use */
  young.available -= young.used;
  for (const Chunk *c = h->large; c; c = c->next) {
    large.pages++;
    large.used += c->object_bytes;
    large.committed += c->chunk_bytes;
  }
  pool.pages = h->page_pool.len;
  pool.available = pool.committed = h->page_pool.len * HEAP_PAGE_SIZE;
  const SpaceFigures *spaces[] = {&young, &old, &mixed, &large, &pool};
  for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++) {
    all.pages += spaces[i]->pages;
    all.used += spaces[i]->used;
    all.available += spaces[i]->available;
    all.committed += spaces[i]->committed;
  }
  if (h->young_enabled) print_space("New space,", &young);
  print_space("Old space,", &old);
  if (h->young_enabled) print_space("Pinned pages,", &mixed);
  print_space("Large object space,", &large);
  print_space("Empty page pool,", &pool);
  print_space("All spaces,", &all);
  fflush(stdout);
}

void heap_collect(Isolate *iso, GcReason reason) {
  Heap *h = iso->heap;
  if (h->in_gc) PT_FATAL("recursive garbage collection");
  if (h->no_gc) return;
  /* Hooks run outside the collection proper, with collections postponed: an allocation in one
   * cannot start another collection. */
  h->no_gc++;
  for (size_t i = 0; i < h->gc_hooks.len; i++) {
    RootCallback *rc = &h->gc_hooks.data[i];
    ((HeapGcHook)rc->fn)(iso, reason, false, rc->data);
  }
  h->no_gc--;
  /* With a young generation, everything young is promoted first, so the mark-sweep below sees
   * only old space (small, large and promoted-in-place pages). */
  if (h->young_enabled) heap_scavenge(h, reason, true);
  h->in_gc = true;
  /* Short of memory: the embedder's next call clears the dead stack (isolate_clear_dead_stack). */
  if (reason == GC_REASON_LOW_MEMORY) iso->stack_clear_wanted = true;
  double t0 = pt_monotonic_ms();
  size_t used_before = h->used_bytes, committed_before = h->committed_bytes;
  h->marked_count = 0;

  mark_phase(h);
  weak_phase(h);
  heap_sweep(h);
  if (h->options.verify_heap) heap_verify(h);

  /* Next collection after the heap has grown by its live size (at least the initial threshold):
   * the cost of marking is then proportional to what was allocated. */
  size_t next = h->used_bytes;
  if (next < ((size_t)8 << 20)) next = (size_t)8 << 20;
  if (h->max_bytes && next > h->max_bytes / 2 + 1) next = h->max_bytes / 2 + 1;
  h->gc_threshold = next;
  h->allocated_since_gc = 0;
  if (h->used_bytes <= h->max_bytes) h->oom_grace_bytes = 0; /* the garbage is gone: no overshoot */
  if (h->mark_stack.cap > 65536) PT_VEC_FREE(&h->mark_stack); /* give back a huge one */

  double t1 = pt_monotonic_ms();
  h->gc_count++;
  h->gc_total_ms += t1 - t0;
  h->in_gc = false;
  h->no_gc++;
  for (size_t i = 0; i < h->gc_hooks.len; i++) {
    RootCallback *rc = &h->gc_hooks.data[i];
    ((HeapGcHook)rc->fn)(iso, reason, true, rc->data);
  }
  h->no_gc--;
  if (h->options.trace_gc) {
    fprintf(stdout, "[%d:%p] %8.0f ms: Mark-Sweep %.1f (%.1f) -> %.1f (%.1f) MB, %.1f / 0.0 ms  (%s)\n",
            (int)getpid(), (void *)iso, t0 - h->start_ms, used_before / 1048576.0,
            committed_before / 1048576.0, h->used_bytes / 1048576.0, h->committed_bytes / 1048576.0,
            t1 - t0, reason_text(reason));
    fflush(stdout);
    if (h->options.trace_gc_verbose) heap_trace_spaces(h);
  }
}

void heap_collect_minor(Isolate *iso, GcReason reason) {
  Heap *h = iso->heap;
  if (h->young_enabled) heap_scavenge(h, reason, false);
  else heap_collect(iso, reason);
}
