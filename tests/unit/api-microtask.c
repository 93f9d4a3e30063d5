/* The microtask queue with C jobs: FIFO order, jobs enqueued while running run in the same
 * checkpoint, re-entrant checkpoints are no-ops, Values held by queued jobs survive collection,
 * and a throwing job is reported without stopping the queue. */
#include <stdio.h>
#include <stdlib.h>

#include "execution/microtask.h"
#include "execution/realm.h"
#include "objects/string.h"

#include "unit-check.h"

static char order[64];
static int order_len;

static void record(Isolate *iso, void *data) {
  order[order_len++] = (char)(uintptr_t)data;
  if ((char)(uintptr_t)data == 'b') {
    /* Enqueued while running: runs in this checkpoint, after what is already queued. */
    microtask_enqueue_callback(iso, record, (void *)(uintptr_t)'d');
    CHECK(microtask_run(iso) == 0); /* re-entrant: no-op */
  }
}

static Value checked_string;
static Value check_string_job(Isolate *iso, Value *args) {
  checked_string = args[0];
  char *s = str_to_utf8(iso, args[0], NULL);
  bool ok = s && strcmp(s, "kept alive") == 0;
  free(s);
  order[order_len++] = ok ? 'S' : 's';
  return VAL_UNDEFINED;
}

static Value throwing_job(Isolate *iso, Value *args) {
  order[order_len++] = 'T';
  return rt_throw_type_error(iso, "job failed");
}

static int reported;
static void reporter(Isolate *iso, Value exception, Value message, void *data) {
  reported++;
  CHECK(val_is_object(exception));
}

int main(void) {
  Isolate *iso = isolate_new(NULL);
  CHECK(iso != NULL);
  if (!iso) return 1;
  Realm *realm = realm_new(iso);
  CHECK(realm != NULL);
  microtask_set_error_reporter(iso, reporter, NULL);

  microtask_enqueue_callback(iso, record, (void *)(uintptr_t)'a');
  microtask_enqueue_callback(iso, record, (void *)(uintptr_t)'b');
  microtask_enqueue_callback(iso, record, (void *)(uintptr_t)'c');
  CHECK(microtask_pending_count(iso) == 3);
  CHECK(microtask_run(iso) == 0);
  order[order_len] = '\0';
  CHECK(strcmp(order, "abcd") == 0);
  CHECK(microtask_pending_count(iso) == 0);

  /* A string referenced only by a queued job survives collections. */
  order_len = 0;
  {
    char text[] = "kept alive";
    Value s = str_new_utf8(iso, text, strlen(text));
    microtask_enqueue_job(iso, check_string_job, 1, &s);
  }
  for (int i = 0; i < 100; i++) str_printf(iso, "garbage %d", i);
  heap_collect(iso, GC_REASON_EXPLICIT);
  microtask_enqueue_job(iso, throwing_job, 0, NULL);
  microtask_enqueue_callback(iso, record, (void *)(uintptr_t)'z');
  CHECK(microtask_run(iso) == 0);
  order[order_len] = '\0';
  CHECK(strcmp(order, "STz") == 0);
  CHECK(reported == 1);
  CHECK(!isolate_has_exception(iso));

  /* Many jobs: the ring grows. */
  order_len = 0;
  for (int i = 0; i < 50; i++) microtask_enqueue_callback(iso, record, (void *)(uintptr_t)('0' + i % 10));
  CHECK(microtask_pending_count(iso) == 50);
  microtask_run(iso);
  CHECK(order_len == 50 && order[0] == '0' && order[49] == '9');

  microtask_dispose(iso);
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
