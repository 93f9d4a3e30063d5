/* The public BigInt API: creation from 64-bit integers, reading back with the lossless flag, and
 * values crossing between C and scripts. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "petrel.h"

#include "unit-check.h"

static void *terminate_later(void *iso) {
  usleep(200 * 1000);
  petrel_isolate_terminate_execution((petrel_isolate *)iso);
  return NULL;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void) {
  CHECK(petrel_initialize());
  petrel_isolate *iso = petrel_isolate_new(NULL);
  CHECK(iso != NULL);
  if (!iso) return 1;
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  bool lossless = false;
  petrel_value *a = petrel_bigint_new_from_int64(iso, INT64_MIN);
  CHECK(a && petrel_value_is_bigint(a));
  CHECK(strcmp(petrel_value_typeof(a), "bigint") == 0);
  CHECK(petrel_bigint_to_int64(a, &lossless) == INT64_MIN && lossless);
  CHECK(petrel_bigint_to_uint64(a, &lossless) == (uint64_t)1 << 63 && !lossless);
  petrel_value *b = petrel_bigint_new_from_uint64(iso, UINT64_MAX);
  CHECK(petrel_bigint_to_uint64(b, &lossless) == UINT64_MAX && lossless);
  CHECK(petrel_bigint_to_int64(b, &lossless) == -1 && !lossless);
  CHECK(petrel_bigint_to_int64(petrel_number(iso, 5), &lossless) == 0 && !lossless);

  petrel_value *r = NULL;
  CHECK(petrel_eval(ctx, "2n ** 64n + 7n", (size_t)-1, "t.js", &r));
  CHECK(r && petrel_value_is_bigint(r));
  CHECK(petrel_bigint_to_uint64(r, &lossless) == 7 && !lossless);
  CHECK(petrel_eval(ctx, "-(2n ** 40n)", (size_t)-1, "t.js", &r));
  CHECK(petrel_bigint_to_int64(r, NULL) == -((int64_t)1 << 40));

  /* A C-made BigInt handed to a script. */
  petrel_value *global = petrel_context_global(ctx);
  CHECK(petrel_object_set(ctx, global, petrel_string_new_utf8(iso, "big", (size_t)-1), b));
  CHECK(petrel_eval(ctx, "big === 18446744073709551615n && typeof big", (size_t)-1, "t.js", &r));
  CHECK(r && petrel_value_is_string(r));
  CHECK(petrel_value_strict_equals(b, petrel_bigint_new_from_uint64(iso, UINT64_MAX)));

  /* Long arithmetic polls for termination: a product and a radix conversion of millions of
   * digits (many seconds of work) stop soon after the request. */
  const char *const slow[] = {"var h = 3n ** 3000000n; h * (h + 1n)", "(7n ** 2000000n).toString(10)"};
  for (int k = 0; k < 2; k++) {
    pthread_t t;
    CHECK(pthread_create(&t, NULL, terminate_later, iso) == 0);
    double t0 = now_seconds();
    CHECK(!petrel_eval(ctx, slow[k], (size_t)-1, "slow.js", &r));
    double elapsed = now_seconds() - t0;
    pthread_join(t, NULL);
    CHECK(petrel_isolate_is_terminating(iso));
    CHECK(elapsed < 5.0);
    petrel_isolate_cancel_termination(iso);
  }
  CHECK(petrel_eval(ctx, "(2n ** 70n).toString(16)", (size_t)-1, "t.js", &r));

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
