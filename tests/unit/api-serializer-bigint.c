/* The structured-clone API for BigInts: primitives (tag Z) and BigInt wrapper objects (tag z) in
 * V8's layout (a varint of sign bit and byte length, then 64-bit little-endian digits), checked
 * byte for byte against what V8 writes, round trips of small, huge and negative values, and
 * malformed BigInt data that must fail cleanly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_value *eval(petrel_context *ctx, const char *src) {
  petrel_value *v = NULL;
  if (!petrel_eval(ctx, src, (size_t)-1, "test.js", &v)) return NULL;
  return v;
}

/* Evaluates `check` in ctx and expects the boolean true. */
static bool js_true(petrel_context *ctx, const char *check) {
  petrel_value *v = eval(ctx, check);
  bool ok = v != NULL && petrel_value_is_true(v);
  if (!ok) fprintf(stderr, "  JS check failed: %s\n", check);
  return ok;
}

/* Serializes the value of `expr` in ctx; NULL when it cannot be cloned (exception caught). */
static uint8_t *serialize(petrel_context *ctx, const char *expr, size_t *size) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *v = eval(ctx, expr);
  uint8_t *bytes = NULL;
  petrel_serializer *s = petrel_serializer_new(ctx);
  if (v && s) {
    petrel_serializer_write_header(s);
    if (petrel_serializer_write_value(s, v)) bytes = petrel_serializer_release(s, size);
  }
  petrel_serializer_free(s);
  petrel_try_catch_close(&tc);
  return bytes;
}

/* Deserializes into ctx and stores the result as global `copy`; false on failure. */
static bool deserialize(petrel_context *ctx, const uint8_t *bytes, size_t size) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_deserializer *d = petrel_deserializer_new(ctx, bytes, size);
  petrel_value *v = NULL;
  bool ok = d && petrel_deserializer_read_header(d) && petrel_deserializer_read_value(d, &v) &&
            petrel_object_set_named(ctx, petrel_context_global(ctx), "copy", v);
  petrel_deserializer_free(d);
  petrel_try_catch_close(&tc);
  return ok;
}

static bool bytes_are(const uint8_t *b, size_t n, const char *hex) {
  size_t want = strlen(hex) / 2;
  if (b == NULL || n != want) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned x;
    if (sscanf(hex + 2 * i, "%2x", &x) != 1 || b[i] != x) return false;
  }
  return true;
}

static void round_trip(petrel_context *from, petrel_context *to, const char *expr, const char *check) {
  size_t n = 0;
  uint8_t *b = serialize(from, expr, &n);
  CHECK(b != NULL);
  if (b == NULL) {
    fprintf(stderr, "  could not serialize: %s\n", expr);
    return;
  }
  bool ok = deserialize(to, b, n);
  CHECK(ok);
  if (ok) CHECK(js_true(to, check));
  petrel_free(b);
}

static uint8_t *from_hex(const char *hex, size_t *n) {
  *n = strlen(hex) / 2;
  uint8_t *b = malloc(*n ? *n : 1);
  for (size_t i = 0; i < *n; i++) {
    unsigned x = 0;
    sscanf(hex + 2 * i, "%2x", &x);
    b[i] = (uint8_t)x;
  }
  return b;
}

/* Deserializes V8's bytes in ctx and checks the result. */
static void reads(petrel_context *ctx, const char *hex, const char *check) {
  size_t n;
  uint8_t *b = from_hex(hex, &n);
  bool ok = deserialize(ctx, b, n);
  CHECK(ok);
  if (ok) CHECK(js_true(ctx, check));
  if (!ok) fprintf(stderr, "  could not deserialize %s\n", hex);
  free(b);
}

static void malformed(petrel_context *ctx, const char *hex) {
  size_t n;
  uint8_t *b = from_hex(hex, &n);
  CHECK(!deserialize(ctx, b, n));
  free(b);
}

static void writes(petrel_context *ctx, const char *expr, const char *hex) {
  size_t n = 0;
  uint8_t *w = serialize(ctx, expr, &n);
  CHECK(bytes_are(w, n, hex));
  if (!bytes_are(w, n, hex)) fprintf(stderr, "  unexpected bytes for %s\n", expr);
  petrel_free(w);
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *a = petrel_context_new(iso);
  petrel_context *b = petrel_context_new(iso);
  petrel_context_enter(a);

  /* Exact bytes, as V8 (node's v8.serialize) writes them. */
  writes(a, "0n", "ff0f5a00");
  writes(a, "5n", "ff0f5a100500000000000000");
  writes(a, "-5n", "ff0f5a110500000000000000");
  writes(a, "2n ** 64n", "ff0f5a2000000000000000000100000000000000");
  writes(a, "-(2n ** 32n)", "ff0f5a110000000001000000");
  writes(a, "Object(5n)", "ff0f7a100500000000000000");
  writes(a, "[7n, Object(-1n)]", "ff0f41025a1007000000000000007a110100000000000000240002");

  /* And read back. */
  reads(b, "ff0f5a00", "copy === 0n");
  reads(b, "ff0f5a110500000000000000", "copy === -5n");
  reads(b, "ff0f5a2000000000000000000100000000000000", "copy === 2n ** 64n");
  reads(b, "ff0f7a100500000000000000",
        "typeof copy === 'object' && copy instanceof BigInt && copy.valueOf() === 5n");
  reads(b, "ff0f41025a1007000000000000007a110100000000000000240002",
        "copy[0] === 7n && typeof copy[1] === 'object' && copy[1].valueOf() === -1n");
  /* A negative zero and zero high digits normalize; a byte length not a multiple of 8 is fine. */
  reads(b, "ff0f5a110000000000000000", "copy === 0n && String(copy) === '0'");
  reads(b, "ff0f5a100500000000000000000000000000000000", "copy === 5n");
  reads(b, "ff0f5a060102ff", "copy === 0xff0201n");

  /* Round trips. */
  round_trip(a, b, "2n ** 1000n - 1n", "copy === 2n ** 1000n - 1n");
  round_trip(a, b, "-(3n ** 200n)", "copy === -(3n ** 200n)");
  round_trip(a, b, "var big = Object(-(2n ** 100n)); [big, big, {k: 1n}]",
                "copy[0] === copy[1] && copy[0].valueOf() === -(2n ** 100n) && copy[2].k === 1n"
                " && Object.getPrototypeOf(copy[0]) === BigInt.prototype");
  round_trip(a, b, "new Map([[1n, 2n]])", "copy.get(1n) === 2n");
  round_trip(a, b, "new BigInt64Array([-1n, 5n])", "copy instanceof BigInt64Array && copy[0] === -1n && copy[1] === 5n");

  /* Truncated or oversized data fails cleanly. */
  malformed(b, "ff0f5a10050000");
  malformed(b, "ff0f5a");
  malformed(b, "ff0f7a2001");
  malformed(b, "ff0f5affffffff0f00");

  petrel_context_exit(a);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
