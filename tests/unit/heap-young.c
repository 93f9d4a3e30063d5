/* The young generation (src/heap/scavenge.c): objects move at a scavenge and precise slots
 * follow them; conservative roots and address hashes pin; the write barrier's remembered set keeps
 * young objects referenced from old ones alive and updated; survivors are promoted; a full
 * collection still works with young objects around. */
#include "execution/isolate.h"
#include "heap/fixed-array.h"
#include "heap/heap-internal.h"
#include "objects/string.h"

#include <stdio.h>
#include <stdlib.h>

#include "unit-check.h"

/* Roots the tests use: precise slots, so their referents may move. */
static Value root_a = VAL_UNDEFINED, root_b = VAL_UNDEFINED, root_old = VAL_UNDEFINED;
/* Addresses kept bit-flipped, so the conservative scan does not see (and pin) them. */
static uintptr_t hidden[8];
#define KIDS 32
static uintptr_t hidden_kids[KIDS];

__attribute__((noinline)) static void scrub_stack(void) {
  volatile char buf[16384];
  memset((char *)buf, 0, sizeof buf);
}

static bool is_young(Value v) { return heap_in_young(val_to_ptr(v)); }

/* root_a: a young array of KIDS young arrays, each [i, "kid i"]. */
__attribute__((noinline)) static void make_young_tree(Isolate *iso) {
  FixedArray *a = fixed_array_new(iso, KIDS, VAL_NULL);
  root_a = val_from_ptr(a);
  for (int i = 0; i < KIDS; i++) {
    char buf[32];
    snprintf(buf, sizeof buf, "kid %d", i);
    FixedArray *k = fixed_array_new(iso, 2, val_from_int(i));
    fixed_array_set(k, 1, str_from_cstr(iso, buf));
    a = (FixedArray *)val_to_ptr(root_a);
    fixed_array_set(a, (uint32_t)i, val_from_ptr(k));
    hidden_kids[i] = ~(uintptr_t)k;
  }
}

static bool tree_intact(Isolate *iso) {
  FixedArray *a = (FixedArray *)val_to_ptr(root_a);
  for (int i = 0; i < KIDS; i++) {
    char buf[32];
    snprintf(buf, sizeof buf, "kid %d", i);
    FixedArray *k = (FixedArray *)val_to_ptr(a->data[i]);
    if (!heap_contains(iso, k) || val_to_int(k->data[0]) != i) return false;
    if (!str_equals(k->data[1], str_from_cstr(iso, buf))) return false;
  }
  return true;
}

static int kids_moved(void) {
  FixedArray *a = (FixedArray *)val_to_ptr(root_a);
  int moved = 0;
  for (int i = 0; i < KIDS; i++) moved += (uintptr_t)val_to_ptr(a->data[i]) != ~hidden_kids[i];
  return moved;
}

static int kids_young(void) {
  FixedArray *a = (FixedArray *)val_to_ptr(root_a);
  int young = 0;
  for (int i = 0; i < KIDS; i++) young += is_young(a->data[i]);
  return young;
}

static void test_scavenge_moves_and_updates(Isolate *iso) {
  make_young_tree(iso);
  scrub_stack();
  CHECK(kids_young() == KIDS);
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  /* Only precise slots refer to the kids: (nearly) all moved to survivor pages (a stray
   * conservative reference may pin one, which then stays where it is). */
  CHECK(kids_moved() >= KIDS - 2);
  CHECK(kids_young() >= KIDS - 2);
  CHECK(tree_intact(iso));
  /* A second scavenge promotes the survivors to old space. */
  scrub_stack();
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  CHECK(kids_young() <= 2); /* (a pinned one stays young) */
  CHECK(tree_intact(iso));
}

static void test_stack_reference_pins(Isolate *iso) {
  FixedArray *a = fixed_array_new(iso, 2, val_from_int(5));
  volatile uintptr_t raw = (uintptr_t)a + 8; /* an interior pointer on the stack */
  CHECK(heap_in_young(a));
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  /* Pinned: same address, still young (its page stays in the nursery, which allocates around
   * it). */
  CHECK(heap_contains(iso, (void *)(raw - 8)));
  CHECK(heap_in_young((void *)(raw - 8)));
  CHECK(val_to_int(((FixedArray *)(raw - 8))->data[1]) == 5);
  /* A full collection empties young space: the page is promoted in place, the object old. */
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(heap_contains(iso, (void *)(raw - 8)));
  CHECK(!heap_in_young((void *)(raw - 8)));
  CHECK(val_to_int(((FixedArray *)(raw - 8))->data[1]) == 5);
}

__attribute__((noinline)) static void store_young_into_old(Isolate *iso) {
  for (int i = 0; i < KIDS; i++) {
    FixedArray *young = fixed_array_new(iso, 1, val_from_int(100 + i));
    hidden_kids[i] = ~(uintptr_t)young;
    FixedArray *old = (FixedArray *)val_to_ptr(root_old);
    fixed_array_set(old, (uint32_t)i, val_from_ptr(young)); /* through the write barrier */
  }
}

static void test_remembered_set(Isolate *iso) {
  /* A large array is allocated old. */
  FixedArray *old = fixed_array_new(iso, 2000, VAL_UNDEFINED);
  CHECK(!heap_in_young(old));
  root_old = val_from_ptr(old);
  old = NULL;
  /* The scavenge drops it from the remembered set (it holds nothing young yet). */
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  CHECK(!heap_object_is_remembered(val_to_ptr(root_old)));
  store_young_into_old(iso);
  scrub_stack();
  CHECK(heap_object_is_remembered(val_to_ptr(root_old)));
  /* This scavenge copies survivors to survivor space (the sizing policy may have chosen to
   * promote them at once after the earlier tests; heap-young-sizing.c tests that mode). */
  iso->heap->direct_promote = false;
  iso->heap->pretenure_bytes = 0;
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  FixedArray *o = (FixedArray *)val_to_ptr(root_old);
  int moved = 0, intact = 0, young = 0;
  for (int i = 0; i < KIDS; i++) {
    Value y = o->data[i];
    moved += (uintptr_t)val_to_ptr(y) != ~hidden_kids[i]; /* the old object's slot followed */
    young += is_young(y);
    intact += heap_contains(iso, val_to_ptr(y)) && val_to_int(((FixedArray *)val_to_ptr(y))->data[0]) == 100 + i;
  }
  CHECK(moved >= KIDS - 2);
  CHECK(intact == KIDS);
  /* Survivors are still young, so the old holder stays remembered. */
  CHECK(young >= KIDS - 2);
  CHECK(heap_object_is_remembered(val_to_ptr(root_old)));
}

__attribute__((noinline)) static void make_hashed(Isolate *iso) {
  FixedArray *a = fixed_array_new(iso, 1, VAL_NULL);
  heap_note_address_hashed(&a->header);
  root_b = val_from_ptr(a);
  hidden[3] = ~(uintptr_t)a;
}

static void test_address_hash_pins(Isolate *iso) {
  make_hashed(iso);
  scrub_stack();
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  CHECK((uintptr_t)val_to_ptr(root_b) == ~hidden[3]);
  CHECK(heap_contains(iso, val_to_ptr(root_b)));
}

__attribute__((noinline)) static void make_garbage(Isolate *iso) {
  for (int i = 0; i < 4; i++) {
    FixedArray *a = fixed_array_new(iso, 8, VAL_NULL);
    hidden[4 + i] = ~(uintptr_t)a;
  }
}

static void test_dead_young_objects_go(Isolate *iso) {
  make_garbage(iso);
  scrub_stack();
  HeapStats before, after;
  heap_get_stats(iso, &before);
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  heap_get_stats(iso, &after);
  int alive = 0;
  for (int i = 4; i < 8; i++) alive += heap_contains(iso, (void *)~hidden[i]);
  CHECK(alive <= 1); /* a stray conservative reference may pin one */
  CHECK(after.gc_count == before.gc_count + 1);
}

/* Internalizing a young string puts an old copy in the table (keys never move, and a young key
 * would pin its whole page); the young string itself stays as it was. */
static void test_internalized_strings_are_old(Isolate *iso) {
  char name[] = "a key made at run time";
  Value young = str_new_latin1(iso, (const uint8_t *)name, strlen(name));
  root_a = young;
  CHECK(is_young(young));
  Value key = str_intern(iso, young);
  root_b = key;
  CHECK(!is_young(key) && str_is_internalized(key) && str_equals(key, root_a));
  CHECK(!str_is_internalized(root_a));
  Value again = str_new_latin1(iso, (const uint8_t *)name, strlen(name));
  CHECK(str_intern(iso, again) == root_b); /* the table finds the old copy */
  uintptr_t where = (uintptr_t)val_to_ptr(root_b);
  scrub_stack();
  heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
  CHECK((uintptr_t)val_to_ptr(root_b) == where);
  CHECK(str_lookup_latin1(iso, (const uint8_t *)name, strlen(name)) == root_b);
  root_a = root_b = VAL_UNDEFINED;
}

static void test_full_gc_with_young(Isolate *iso) {
  make_young_tree(iso);
  scrub_stack();
  heap_collect(iso, GC_REASON_EXPLICIT);
  /* A full collection first promotes everything young. */
  CHECK(iso->heap->nursery == NULL && iso->heap->survivors == NULL);
  CHECK(kids_young() == 0);
  CHECK(!is_young(root_a));
  CHECK(tree_intact(iso));
}

/* A C-side weak slot: the weak callback follows moves with heap_weak_forward. */
static Value weak_live = VAL_UNDEFINED, weak_dead = VAL_UNDEFINED;
static int weak_calls;
static void weak_cb(Isolate *iso, void *data) {
  (void)iso;
  (void)data;
  weak_calls++;
  Value *slots[2] = {&weak_live, &weak_dead};
  for (int i = 0; i < 2; i++) {
    if (!val_is_pointer(*slots[i])) continue;
    HeapObject *now = heap_weak_forward(val_to_ptr(*slots[i]));
    *slots[i] = now ? val_from_ptr(now) : VAL_UNDEFINED;
  }
}

__attribute__((noinline)) static void make_weak_pair(Isolate *iso) {
  FixedArray *live = fixed_array_new(iso, 1, val_from_int(7));
  root_b = val_from_ptr(live);  /* strongly held */
  weak_live = val_from_ptr(live);
  hidden[0] = ~(uintptr_t)live;
  FixedArray *dead = fixed_array_new(iso, 1, val_from_int(8));
  weak_dead = val_from_ptr(dead); /* only weakly held */
  hidden[1] = ~(uintptr_t)dead;
}

static void test_weak_callback_follows_moves(Isolate *iso) {
  heap_add_weak_callback(iso, weak_cb, NULL);
  int dead_gone = 0, live_moved = 0, followed = 0;
  /* Several tries: a stale conservative copy may pin one pair; most must behave. */
  for (int round = 0; round < 4; round++) {
    make_weak_pair(iso);
    scrub_stack();
    int calls = weak_calls;
    heap_scavenge(iso->heap, GC_REASON_EXPLICIT, false);
    CHECK(weak_calls == calls + 1);
    dead_gone += weak_dead == VAL_UNDEFINED;
    live_moved += (uintptr_t)val_to_ptr(weak_live) != ~hidden[0];
    followed += weak_live == root_b;
  }
  CHECK(followed == 4); /* the weak slot always agrees with the strong root */
  CHECK(dead_gone >= 3);
  CHECK(live_moved >= 3);
  heap_remove_weak_callback(iso, weak_cb, NULL);
}

static void test_many_objects(Isolate *iso) {
  /* A linked list far bigger than the nursery, built through the write barrier. */
  root_a = VAL_NULL;
  for (int i = 0; i < 200000; i++) {
    FixedArray *n = fixed_array_new(iso, 2, val_from_int(i));
    fixed_array_set(n, 1, root_a);
    root_a = val_from_ptr(n);
  }
  int count = 0;
  bool ordered = true;
  for (Value v = root_a; val_is_pointer(v); v = ((FixedArray *)val_to_ptr(v))->data[1]) {
    if (val_to_int(((FixedArray *)val_to_ptr(v))->data[0]) != 199999 - count) ordered = false;
    count++;
  }
  CHECK(count == 200000);
  CHECK(ordered);
  CHECK(iso->heap->scavenge_count > 0);
}

int main(void) {
  HeapOptions opts = {0};
  opts.young_gen = true;
  opts.verify_heap = true;
  Isolate *iso = isolate_new(&opts);
  if (!iso) {
    fprintf(stderr, "isolate_new failed\n");
    return 1;
  }
  heap_add_root(iso, &root_a);
  heap_add_root(iso, &root_b);
  heap_add_root(iso, &root_old);
  test_scavenge_moves_and_updates(iso);
  test_stack_reference_pins(iso);
  test_remembered_set(iso);
  test_address_hash_pins(iso);
  test_dead_young_objects_go(iso);
  test_internalized_strings_are_old(iso);
  test_full_gc_with_young(iso);
  test_weak_callback_follows_moves(iso);
  iso->heap->options.verify_heap = false; /* keep the long test fast */
  test_many_objects(iso);
  heap_remove_root(iso, &root_a);
  heap_remove_root(iso, &root_b);
  heap_remove_root(iso, &root_old);
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
