/* The ordered hash table behind Map/Set/WeakMap/WeakSet: SameValueZero keys, growth, deletion,
 * and iterators that survive a rehash or a clear (they move to the replacing table). */
#include "execution/isolate.h"
#include "objects/ordered-hash-table.h"
#include "objects/string.h"

#include <stdio.h>

#include "unit-check.h"

/* The next live key from (*t, *i), following replacements; VAL_HOLE at the end. */
static Value next_key(FixedArray **t, uint32_t *i) {
  oht_iterator_transition(t, i);
  while (*i < oht_used(*t)) {
    Value k = oht_key_at(*t, (*i)++);
    if (k != VAL_HOLE) return k;
  }
  return VAL_HOLE;
}

static void test_keys(Isolate *iso) {
  FixedArray *t = oht_new(iso, false);
  CHECK(t != NULL);
  t = oht_set(iso, t, val_from_double(-0.0), val_from_int(1));
  CHECK(oht_find(iso, t, val_from_int(0)) == 0);
  CHECK(oht_key_at(t, 0) == val_from_int(0)); /* -0 stored as +0 */
  t = oht_set(iso, t, val_from_double(2.0), val_from_int(2));
  CHECK(oht_find(iso, t, oht_normalize_key(val_from_int(2))) == 1);
  t = oht_set(iso, t, VAL_CANONICAL_NAN, val_from_int(3));
  CHECK(oht_find(iso, t, VAL_CANONICAL_NAN) == 2);
  Value s1 = str_from_cstr(iso, "hello"), s2 = str_from_cstr(iso, "hello");
  t = oht_set(iso, t, s1, val_from_int(4));
  CHECK(oht_find(iso, t, s2) == 3);
  t = oht_set(iso, t, s2, val_from_int(5)); /* an update, not a new entry */
  CHECK(oht_size(t) == 4);
  CHECK(oht_value_at(t, 3) == val_from_int(5));
  CHECK(oht_delete(iso, t, val_from_int(2)));
  CHECK(!oht_delete(iso, t, val_from_int(2)));
  CHECK(oht_size(t) == 3);
  CHECK(oht_find(iso, t, VAL_UNDEFINED) == -1);
}

static void test_growth_and_iteration(Isolate *iso) {
  FixedArray *t = oht_new(iso, false);
  for (int i = 0; i < 1000; i++) t = oht_set(iso, t, val_from_int(i), val_from_int(i * 2));
  CHECK(oht_size(t) == 1000);
  bool all = true;
  for (int i = 0; i < 1000; i++) {
    int32_t e = oht_find(iso, t, val_from_int(i));
    all = all && e >= 0 && oht_value_at(t, (uint32_t)e) == val_from_int(i * 2);
  }
  CHECK(all);

  /* An iterator positioned after key 10 survives deletes and a rehash. */
  FixedArray *it = t;
  uint32_t idx = 0;
  for (int i = 0; i <= 10; i++) next_key(&it, &idx);
  for (int i = 0; i < 990; i++)
    if (i != 500) oht_delete(iso, t, val_from_int(i));
  FixedArray *before = t;
  for (int i = 2000; i < 2100; i++) t = oht_set(iso, t, val_from_int(i), VAL_TRUE);
  CHECK(t != before); /* rehashed */
  CHECK(next_key(&it, &idx) == val_from_int(500));
  CHECK(next_key(&it, &idx) == val_from_int(990));
  CHECK(it == t);
  int rest = 0;
  while (next_key(&it, &idx) != VAL_HOLE) rest++;
  CHECK(rest == 9 + 100);

  /* clear sends iterators to the start of the new table. */
  FixedArray *c = oht_new(iso, false);
  c = oht_set(iso, c, val_from_int(1), VAL_TRUE);
  c = oht_set(iso, c, val_from_int(2), VAL_TRUE);
  FixedArray *ci = c;
  uint32_t cidx = 0;
  CHECK(next_key(&ci, &cidx) == val_from_int(1));
  c = oht_clear(iso, c);
  CHECK(oht_size(c) == 0);
  c = oht_set(iso, c, val_from_int(7), VAL_TRUE);
  CHECK(next_key(&ci, &cidx) == val_from_int(7));
  CHECK(next_key(&ci, &cidx) == VAL_HOLE);
}

static void test_weak_table(Isolate *iso) {
  oht_register_types();
  FixedArray *w = oht_new(iso, true);
  CHECK(w != NULL && heap_object_type(&w->header) == IT_WEAK_CELL);
  for (int i = 0; i < 50; i++) w = oht_set(iso, w, val_from_int(i), val_from_int(i));
  CHECK(heap_object_type(&w->header) == IT_WEAK_CELL);
  CHECK(oht_size(w) == 50);
  heap_collect(iso, GC_REASON_EXPLICIT); /* the table itself stays valid (it is on the stack) */
  CHECK(oht_find(iso, w, val_from_int(42)) >= 0);
}

int main(void) {
  HeapOptions o = {0};
  Isolate *iso = isolate_new(&o);
  CHECK(iso != NULL);
  if (iso) {
    test_keys(iso);
    test_growth_and_iteration(iso);
    test_weak_table(iso);
    isolate_free(iso);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
