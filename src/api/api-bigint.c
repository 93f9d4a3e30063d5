/* The public API for BigInt values: making them from and reading them as 64-bit integers. */
#include "api/api-internal.h"

#include "objects/bigint.h"

petrel_value *petrel_bigint_new_from_int64(petrel_isolate *iso, int64_t value) {
  Isolate *i = api_iso(iso);
  return api_local_or_null(i, bigint_from_int64(i, value));
}

petrel_value *petrel_bigint_new_from_uint64(petrel_isolate *iso, uint64_t value) {
  Isolate *i = api_iso(iso);
  return api_local_or_null(i, bigint_from_uint64(i, value));
}

int64_t petrel_bigint_to_int64(petrel_value *v, bool *lossless) {
  Value x = api_val(v);
  if (!val_is_bigint(x)) {
    if (lossless) *lossless = false;
    return 0;
  }
  return bigint_to_int64(x, lossless);
}

uint64_t petrel_bigint_to_uint64(petrel_value *v, bool *lossless) {
  Value x = api_val(v);
  if (!val_is_bigint(x)) {
    if (lossless) *lossless = false;
    return 0;
  }
  return bigint_to_uint64(x, lossless);
}
