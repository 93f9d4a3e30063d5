/*
 * --verify-heap with a young generation: the remembered-set invariant over ALL of old space.
 *
 * heap_verify_reachable checks what the roots reach. That misses the dangerous case: an old object
 * that is already garbage but still holds a young reference nobody remembered. The scavenge does
 * not scan it, so its slot dangles once the young object moves or dies, and old space is not swept
 * until the next full collection: a stale word on the native stack (or in an ASan fake frame) can
 * make the conservative scan of that full collection resurrect the object, whose marking then
 * follows the dangling slot (the use-after-poison of the Date corpus under ASan; docs/heap.md).
 *
 * So before each scavenge every old object, live or dead, is checked: each young reference must be
 * covered by the remembered set, with no exception for backing arrays (an owner may have died or
 * dropped the array since), and each reference must point at an allocated object.
 */
#include "heap/heap-internal.h"

static void check_old_object(Heap *h, HeapObject *o, void *data) {
  PT_UNUSED(data);
  if (heap_chunk_is_young(heap_chunk_of(o))) return;
  /* VISIT_VERIFY without trace: verify_ref (every slot names a live object) and
   * heap_verify_remembered (an old host of a young value is remembered) run on each slot. The
   * backing-array cover is not set here, so the check is the strict one. */
  HeapVisitor v = {h, VISIT_VERIFY, o, true, false, false};
  heap_visit_object(&v, o);
}

void heap_verify_old_space(Heap *h) {
  if (!h->young_enabled) return;
  heap_for_each_object(h, check_old_object, NULL);
}
