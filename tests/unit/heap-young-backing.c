/* A JSObject's old backing arrays and the remembered set (src/heap/scavenge.c, docs/heap.md
 * "What remains"). Stores into a backing array name the object as the write barrier's host. The
 * array itself must be remembered while it may hold young references: when an old owner's store
 * enters the set (the owner may drop the array before the next scavenge, as a grown properties
 * store does) and while its owner is young (the owner's stores make no barrier at all, and the
 * owner may die). Otherwise the garbage array keeps a dangling young reference until the next full
 * collection, which a stale conservative root can make the marker follow. The isolate runs with
 * --verify-heap, which checks before each scavenge that every old object, garbage included, has
 * its young references in the remembered set (it aborts without the fix). */
#include "execution/isolate.h"
#include "execution/realm.h"
#include "heap/fixed-array.h"
#include "heap/heap-internal.h"
#include "objects/js-object.h"
#include "objects/string.h"

#include <stdio.h>
#include <stdlib.h>

#include "unit-check.h"

static Value keep_owner = VAL_UNDEFINED; /* a root */

/* A young plain object whose elements are an old (large) array. */
__attribute__((noinline)) static FixedArray *young_owner_with_old_array(Isolate *iso) {
  Value o = obj_new_plain(iso);
  FixedArray *big = fixed_array_new(iso, 1000, VAL_HOLE); /* > 4 KB: allocated old */
  WRITE_FIELD(js_object(o), js_object(o)->elements, val_from_ptr(big));
  keep_owner = o;
  return big;
}

/* The engine's store into a backing array: the owner is the barrier's host. */
__attribute__((noinline)) static void store_young_string(Isolate *iso, Value owner, FixedArray *a, uint32_t i,
                                                         const char *text) {
  Value s = str_from_cstr(iso, text);
  WRITE_FIELD(js_object(owner), a->data[i], s);
}

/* An old plain object with an old 4-slot properties array. */
__attribute__((noinline)) static FixedArray *old_owner_with_old_array(Isolate *iso) {
  Value o = obj_new_plain(iso);
  FixedArray *props = fixed_array_new(iso, 4, VAL_UNDEFINED);
  WRITE_FIELD(js_object(o), js_object(o)->properties, val_from_ptr(props));
  keep_owner = o;
  heap_collect(iso, GC_REASON_EXPLICIT); /* promotes both */
  return props;
}

/* Replaces the owner's properties array by a larger copy, as a grown properties store does. */
__attribute__((noinline)) static void grow_properties(Isolate *iso, Value owner) {
  FixedArray *op = (FixedArray *)val_to_ptr(js_object(owner)->properties);
  FixedArray *np = fixed_array_new(iso, 8, VAL_UNDEFINED);
  for (uint32_t i = 0; i < op->length; i++) fixed_array_set(np, i, op->data[i]);
  WRITE_FIELD(js_object(owner), js_object(owner)->properties, val_from_ptr(np));
}

static bool holds_string(FixedArray *a, uint32_t i, const char *text) {
  Value v = a->data[i];
  return val_is_string(v) && str_equals_cstr(v, text);
}

int main(void) {
  HeapOptions opts = {0};
  opts.young_gen = true;
  opts.verify_heap = true;
  Isolate *iso = isolate_new(&opts);
  CHECK(iso != NULL);
  if (!iso) return 1;
  CHECK(realm_new(iso) != NULL);
  heap_add_root(iso, &keep_owner);

  /* 1. A young owner with an old elements array; the owner dies after a store. */
  FixedArray *big = young_owner_with_old_array(iso);
  CHECK(!heap_in_young(big));
  heap_collect_minor(iso, GC_REASON_EXPLICIT);
  CHECK(heap_in_young(val_to_ptr(keep_owner))); /* copied to survivor space, still young */
  CHECK(heap_object_is_remembered(&big->header));
  store_young_string(iso, keep_owner, big, 0, "stored through a young owner");
  keep_owner = VAL_UNDEFINED;
  heap_collect_minor(iso, GC_REASON_EXPLICIT);
  /* The owner died, but the array (garbage now) was scanned: its slot follows the string. */
  CHECK(holds_string(big, 0, "stored through a young owner"));

  /* 2. An old owner stores into its old properties array, then replaces the array. */
  FixedArray *props = old_owner_with_old_array(iso);
  CHECK(!heap_in_young(val_to_ptr(keep_owner)) && !heap_in_young(props));
  CHECK(!heap_object_is_remembered(&props->header));
  store_young_string(iso, keep_owner, props, 3, "stored through an old owner");
  CHECK(heap_object_is_remembered(val_to_ptr(keep_owner)));
  CHECK(heap_object_is_remembered(&props->header));
  grow_properties(iso, keep_owner);
  CHECK(val_to_ptr(js_object(keep_owner)->properties) != (void *)props);
  heap_collect_minor(iso, GC_REASON_EXPLICIT);
  CHECK(holds_string(props, 3, "stored through an old owner"));
  CHECK(holds_string((FixedArray *)val_to_ptr(js_object(keep_owner)->properties), 3, "stored through an old owner"));

  heap_remove_root(iso, &keep_owner);
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
