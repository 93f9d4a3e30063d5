/* The young generation's sizing policy (src/heap/scavenge.c, docs/heap.md "Sizing"): the nursery
 * grows while much of it survives, survivors that survive again are promoted at once, a nursery
 * that nearly all survives starts pretenuring (allocation in old space) for a while, the sizes
 * come from HeapOptions, old_space_only turns the young generation off, and the embedder's GC
 * hooks run around scavenges. Every isolate here runs with --verify-heap, which checks after each
 * scavenge that every old-to-young reference is in the remembered set. */
#include "execution/flags.h"
#include "execution/isolate.h"
#include "heap/fixed-array.h"
#include "heap/heap-internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "unit-check.h"

#define MB ((size_t)1 << 20)

static Value keep = VAL_UNDEFINED; /* a root: a chain of arrays that all survive */

static Isolate *new_isolate(size_t young, size_t max_young) {
  HeapOptions o = {0};
  o.young_gen = true;
  o.verify_heap = true;
  o.young_bytes = young;
  o.max_young_bytes = max_young;
  Isolate *iso = isolate_new(&o);
  CHECK(iso != NULL);
  return iso;
}

/* Allocates `bytes` of 64-byte arrays that all stay reachable from `keep`. */
__attribute__((noinline)) static void allocate_surviving(Isolate *iso, size_t bytes) {
  for (size_t done = 0; done < bytes; done += 64) {
    FixedArray *a = fixed_array_new(iso, 5, val_from_int((int32_t)done));
    fixed_array_set(a, 0, keep);
    keep = val_from_ptr(a);
  }
}

/* Allocates `bytes` of arrays of which every other one stays reachable from `keep`. */
__attribute__((noinline)) static void allocate_half_surviving(Isolate *iso, size_t bytes) {
  for (size_t done = 0; done < bytes; done += 128) {
    fixed_array_new(iso, 5, VAL_NULL);
    FixedArray *a = fixed_array_new(iso, 5, val_from_int((int32_t)done));
    fixed_array_set(a, 0, keep);
    keep = val_from_ptr(a);
  }
}

/* Allocates `bytes` of garbage. */
__attribute__((noinline)) static void allocate_dying(Isolate *iso, size_t bytes) {
  for (size_t done = 0; done < bytes; done += 64) fixed_array_new(iso, 5, VAL_NULL);
}

static bool chain_intact(void) {
  int32_t last = -1;
  size_t n = 0;
  for (Value v = keep; val_is_pointer(v); v = ((FixedArray *)val_to_ptr(v))->data[0]) {
    FixedArray *a = (FixedArray *)val_to_ptr(v);
    if (a->length != 5) return false;
    if (!val_is_int(a->data[1])) continue; /* a link without a value (the pretenuring test's) */
    int32_t x = val_to_int(a->data[1]);
    if (last > 0 && x >= last) return false; /* newest first: values decrease within a run */
    last = x;
    n++;
  }
  return n > 0;
}

static void test_options_and_growth(void) {
  Isolate *iso = new_isolate(MB, 4 * MB);
  if (!iso) return;
  Heap *h = iso->heap;
  CHECK(h->young_enabled && h->young_capacity == MB && h->young_max_capacity == 4 * MB);
  heap_add_root(iso, &keep);
  keep = VAL_NULL;
  /* Half of it survives: the nursery doubles after each full-nursery scavenge, up to the max
   * (without pretenuring, which needs more than 5/8 to survive). */
  allocate_half_surviving(iso, 3 * MB);
  CHECK(h->scavenge_count >= 1);
  CHECK(h->young_capacity > MB);
  allocate_half_surviving(iso, 12 * MB);
  CHECK(h->young_capacity == 4 * MB);
  CHECK(h->pretenure_bytes == 0);
  CHECK(chain_intact());
  keep = VAL_UNDEFINED;
  heap_remove_root(iso, &keep);
  isolate_free(iso);
}

static void test_no_growth_when_it_dies(void) {
  Isolate *iso = new_isolate(MB, 8 * MB);
  if (!iso) return;
  allocate_dying(iso, 10 * MB);
  CHECK(iso->heap->scavenge_count >= 5);
  CHECK(iso->heap->young_capacity == MB); /* garbage does not make the nursery grow */
  CHECK(iso->heap->pretenure_bytes == 0);
  isolate_free(iso);
}

static void test_direct_promotion_and_pretenuring(void) {
  Isolate *iso = new_isolate(MB, MB);
  if (!iso) return;
  Heap *h = iso->heap;
  heap_add_root(iso, &keep);
  keep = VAL_NULL;
  CHECK(!h->direct_promote);
  /* Almost all of the nursery survives the first scavenge: survivors will be promoted at once,
   * and pretenuring starts, so new arrays are allocated old. */
  allocate_surviving(iso, (MB * 3) / 2);
  CHECK(h->scavenge_count >= 1);
  CHECK(h->direct_promote);
  CHECK(h->pretenure_bytes > 0);
  FixedArray *a = fixed_array_new(iso, 5, VAL_NULL);
  CHECK(!heap_in_young(a));
  /* Pretenuring ends after its budget; allocation is young again, and an old object allocated
   * at the end of pretenuring is remembered (its raw initializing stores may take young values). */
  size_t budget = h->pretenure_bytes;
  allocate_dying(iso, budget > 64 * 1024 ? budget - 64 * 1024 : 0);
  FixedArray *old = fixed_array_new(iso, 5, VAL_NULL);
  CHECK(!heap_in_young(old));
  CHECK(heap_object_is_remembered(&old->header));
  allocate_dying(iso, 128 * 1024);
  CHECK(h->pretenure_bytes == 0);
  FixedArray *young = fixed_array_new(iso, 5, val_from_int(7));
  CHECK(heap_in_young(young));
  fixed_array_set(old, 2, val_from_ptr(young));
  fixed_array_set(old, 0, keep);
  keep = val_from_ptr(old);
  heap_scavenge(h, GC_REASON_EXPLICIT, false); /* verify_heap checks the remembered set */
  FixedArray *o = (FixedArray *)val_to_ptr(keep);
  CHECK(val_to_int(((FixedArray *)val_to_ptr(o->data[2]))->data[0]) == 7);
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(chain_intact());
  keep = VAL_UNDEFINED;
  heap_remove_root(iso, &keep);
  isolate_free(iso);
}

/* C code that allocated an object may go on initializing it with raw stores (no barrier: it was
 * young when made) after further allocations, as long as it holds the object in a local: the
 * conservative stack scan pins it, and its page either stays in the nursery (the object is still
 * young, so its stores need no barrier) or, when an object on it is hashed by address, is
 * promoted in place, and the object stays remembered until the next scavenge. An object that
 * only a root holds moves (here: promoted at once); code that reloads it from the root after an
 * allocation must store through the write barrier. The next scavenge's --verify-heap check
 * reports a store that broke either rule. */
typedef enum { HELD_BY_ROOT, HELD_BY_LOCAL, HELD_BY_LOCAL_HASHED } Holder;
__attribute__((noinline)) static void store_after_scavenge(Isolate *iso, Holder holder) {
  Heap *h = iso->heap;
  FixedArray *a = fixed_array_new(iso, 3, VAL_NULL);
  CHECK(heap_in_young(a));
  if (holder == HELD_BY_ROOT) {
    keep = val_from_ptr(a); /* only the root holds it, so it moves */
    a = NULL;
  }
  if (holder == HELD_BY_LOCAL_HASHED) heap_note_address_hashed((HeapObject *)a);
  h->direct_promote = true;
  heap_scavenge(h, GC_REASON_EXPLICIT, false);
  /* (Whether an object held by a root moved depends on stale words the conservative scan may
   * find; either way the store below follows the rule.) */
  if (holder == HELD_BY_ROOT) a = (FixedArray *)val_to_ptr(keep);
  if (holder == HELD_BY_LOCAL) CHECK(heap_in_young(a));       /* its page stayed in the nursery */
  if (holder == HELD_BY_LOCAL_HASHED) CHECK(!heap_in_young(a)); /* promoted in place */
  FixedArray *b = fixed_array_new(iso, 1, val_from_int(99));
  CHECK(heap_in_young(b));
  if (holder == HELD_BY_ROOT) WRITE_FIELD(a, a->data[1], val_from_ptr(b));
  else a->data[1] = val_from_ptr(b); /* the raw initializing store */
  keep = val_from_ptr(a);
  b = NULL;
  a = NULL;
  heap_scavenge(h, GC_REASON_EXPLICIT, false);
  FixedArray *k = (FixedArray *)val_to_ptr(((FixedArray *)val_to_ptr(keep))->data[1]);
  CHECK(heap_contains(iso, k) && k->data[0] == val_from_int(99));
}

/* A page kept for its pinned objects is allocated into around them: new objects fill its gaps,
 * never overlap the pinned ones, and everything survives the scavenges that follow. */
__attribute__((noinline)) static void allocate_around_pinned(Isolate *iso) {
  Heap *h = iso->heap;
  FixedArray *pinned[4];
  for (int i = 0; i < 4; i++) {
    pinned[i] = fixed_array_new(iso, 6, val_from_int(1000 + i));
    allocate_dying(iso, 20 * 1024); /* gaps between them once the rest dies */
  }
  Chunk *page = heap_chunk_of(pinned[0]);
  heap_scavenge(h, GC_REASON_EXPLICIT, false);
  for (int i = 0; i < 4; i++) CHECK(heap_in_young(pinned[i]) && pinned[i]->data[5] == val_from_int(1000 + i));
  /* Fill the nursery with survivors: some land in the kept page's gaps. */
  keep = VAL_UNDEFINED;
  size_t in_page = 0;
  for (int n = 0; n < 20000; n++) {
    FixedArray *x = fixed_array_new(iso, 3, val_from_int(n));
    fixed_array_set(x, 0, keep);
    keep = val_from_ptr(x);
    if (heap_chunk_of(x) == page) in_page++;
  }
  CHECK(in_page > 0);
  for (int i = 0; i < 4; i++) CHECK(pinned[i]->data[5] == val_from_int(1000 + i));
  heap_scavenge(h, GC_REASON_EXPLICIT, false);
  heap_collect(iso, GC_REASON_EXPLICIT);
  int n = 20000;
  for (Value v = keep; v != VAL_UNDEFINED; v = ((FixedArray *)val_to_ptr(v))->data[0]) {
    n--;
    CHECK(((FixedArray *)val_to_ptr(v))->data[1] == val_from_int(n));
  }
  CHECK(n == 0);
  for (int i = 0; i < 4; i++) CHECK(pinned[i]->data[5] == val_from_int(1000 + i));
  keep = VAL_UNDEFINED;
}

static void test_raw_stores_after_promotion(void) {
  Isolate *iso = new_isolate(MB, MB);
  if (!iso) return;
  heap_add_root(iso, &keep);
  store_after_scavenge(iso, HELD_BY_ROOT);
  store_after_scavenge(iso, HELD_BY_LOCAL);
  store_after_scavenge(iso, HELD_BY_LOCAL_HASHED);
  allocate_around_pinned(iso);
  keep = VAL_UNDEFINED;
  heap_remove_root(iso, &keep);
  isolate_free(iso);
}

static void test_old_space_only(void) {
  HeapOptions o = {0};
  o.young_gen = true;
  o.old_space_only = true;
  Isolate *iso = isolate_new(&o);
  CHECK(iso != NULL);
  if (!iso) return;
  CHECK(!iso->heap->young_enabled);
  FixedArray *a = fixed_array_new(iso, 5, VAL_NULL);
  CHECK(!heap_in_young(a));
  isolate_free(iso);
}

/* --min-semi-space-size and --max-semi-space-size (V8's names, in MB) fill in the sizes an
 * embedder left unset. */
static void test_semi_space_flags(void) {
  PtFlags saved = pt_flags;
  pt_flags.min_semi_space_size = 2;
  pt_flags.max_semi_space_size = 8;
  Isolate *iso = new_isolate(0, 0);
  if (iso) {
    CHECK(iso->heap->young_capacity == 2 * MB);
    CHECK(iso->heap->young_max_capacity == 8 * MB);
    isolate_free(iso);
  }
  iso = new_isolate(MB, 4 * MB); /* the embedder's sizes win */
  if (iso) {
    CHECK(iso->heap->young_capacity == MB);
    CHECK(iso->heap->young_max_capacity == 4 * MB);
    isolate_free(iso);
  }
  pt_flags = saved;
}

static int prologues, epilogues;
static void count_hooks(Isolate *iso, GcReason reason, bool epilogue, void *data) {
  PT_UNUSED(iso);
  PT_UNUSED(reason);
  PT_UNUSED(data);
  if (epilogue) epilogues++;
  else prologues++;
}

static void test_gc_hooks_around_scavenges(void) {
  Isolate *iso = new_isolate(MB, MB);
  if (!iso) return;
  heap_add_gc_hook(iso, count_hooks, NULL);
  uint64_t before = iso->heap->scavenge_count;
  allocate_dying(iso, 4 * MB);
  int scavenges = (int)(iso->heap->scavenge_count - before);
  CHECK(scavenges >= 2);
  CHECK(prologues == scavenges && epilogues == scavenges);
  /* A full collection runs them once (its promote-all scavenge is part of it). */
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(prologues == scavenges + 1 && epilogues == scavenges + 1);
  heap_remove_gc_hook(iso, count_hooks, NULL);
  isolate_free(iso);
}

int main(void) {
  test_options_and_growth();
  test_no_growth_when_it_dies();
  test_direct_promotion_and_pretenuring();
  test_raw_stores_after_promotion();
  test_old_space_only();
  test_gc_hooks_around_scavenges();
  test_semi_space_flags();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
