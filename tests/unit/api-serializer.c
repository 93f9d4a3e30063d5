/* The structured-clone API: exact V8 wire bytes for simple values, round trips of every
 * supported kind between contexts and isolates (cycles and shared subobjects keep their
 * identity), ArrayBuffer transfer, SharedArrayBuffer memory shared across isolates, rejection of
 * uncloneable values, and hostile input (truncated, corrupted, random bytes) that must fail
 * cleanly, never crash. */
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

static void rejects(petrel_context *ctx, const char *expr) {
  size_t n;
  uint8_t *b = serialize(ctx, expr, &n);
  CHECK(b == NULL);
  if (b) fprintf(stderr, "  unexpectedly cloned: %s\n", expr);
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

/* BigInts: primitives (tag Z) and BigInt wrapper objects (tag z) in V8's layout (a varint of sign
 * bit and byte length, then 64-bit little-endian digits), checked byte for byte against what V8
 * writes, round trips of small, huge and negative values, and malformed data that must fail. */
static void test_bigints(petrel_context *a, petrel_context *b) {
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
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *a = petrel_context_new(iso);
  petrel_context *b = petrel_context_new(iso);
  petrel_context_enter(a);

  /* Exact bytes, as V8 writes them (header ff 0f). */
  size_t n;
  uint8_t *w;
  w = serialize(a, "5", &n);
  CHECK(bytes_are(w, n, "ff0f490a"));
  petrel_free(w);
  w = serialize(a, "-1", &n);
  CHECK(bytes_are(w, n, "ff0f4901"));
  petrel_free(w);
  w = serialize(a, "'abc'", &n);
  CHECK(bytes_are(w, n, "ff0f2203616263"));
  petrel_free(w);
  w = serialize(a, "({a: 1})", &n);
  CHECK(bytes_are(w, n, "ff0f6f22016149027b01"));
  petrel_free(w);
  w = serialize(a, "[1, 2]", &n);
  CHECK(bytes_are(w, n, "ff0f410249024904240002"));
  petrel_free(w);
  w = serialize(a, "[undefined, null, true, false]", &n);
  CHECK(bytes_are(w, n, "ff0f41045f305446240004"));
  petrel_free(w);
  w = serialize(a, "1.5", &n);
  CHECK(bytes_are(w, n, "ff0f4e000000000000f83f"));
  petrel_free(w);
  /* Two-byte string data starts at an even offset: no padding needed here... */
  w = serialize(a, "'\\u20ac'", &n);
  CHECK(bytes_are(w, n, "ff0f6302ac20"));
  petrel_free(w);
  /* ...but after "a" it is: a padding byte 00 before 'c'. */
  w = serialize(a, "['a', '\\u20ac']", &n);
  CHECK(bytes_are(w, n, "ff0f4102220161006302ac20240002"));
  petrel_free(w);

  /* Round trips into another context. */
  round_trip(a, b, "({x: 1, y: 'two', z: [3, {w: null}], 'k e y': undefined, 7: 'seven'})",
             "copy.x === 1 && copy.y === 'two' && copy.z[1].w === null && 'k e y' in copy && copy[7] === 'seven'"
             " && Object.getPrototypeOf(copy) === Object.prototype");
  round_trip(a, b, "var o = {n: 1}; o.self = o; [o, o]", "copy[0] === copy[1] && copy[0].self === copy[0]");
  round_trip(a, b, "var s = [1, , 3]; s.length = 10; s.extra = 'x'; s",
             "copy.length === 10 && copy[0] === 1 && !(1 in copy) && copy[2] === 3 && copy.extra === 'x' && Array.isArray(copy)");
  round_trip(a, b, "var d = [1, 2, 3]; d.tag = true; d", "copy.length === 3 && copy[2] === 3 && copy.tag === true");
  round_trip(a, b, "new Date(86400000)", "copy instanceof Date && copy.getTime() === 86400000");
  round_trip(a, b, "/ab+c/gimsuy", "copy instanceof RegExp && copy.source === 'ab+c' && copy.flags === 'gimsuy'");
  round_trip(a, b, "new Map([[1, 'one'], ['k', {v: 2}]])",
             "copy instanceof Map && copy.size === 2 && copy.get(1) === 'one' && copy.get('k').v === 2");
  round_trip(a, b, "new Set([1, 'a', 1])", "copy instanceof Set && copy.size === 2 && copy.has('a')");
  round_trip(a, b, "[new Number(3), new String('s'), new Boolean(false), new Boolean(true)]",
             "typeof copy[0] === 'object' && copy[0].valueOf() === 3 && copy[1].valueOf() === 's'"
             " && copy[2].valueOf() === false && copy[3].valueOf() === true");
  round_trip(a, b, "'h\\u00e9llo \\u20ac \\ud83d\\ude00'", "copy === 'h\\u00e9llo \\u20ac \\ud83d\\ude00'");
  round_trip(a, b, "[NaN, -0, 2147483648, -2147483649, 1e300]",
             "Number.isNaN(copy[0]) && Object.is(copy[1], -0) && copy[2] === 2147483648 && copy[3] === -2147483649"
             " && copy[4] === 1e300");
  round_trip(a, b, "var e = new TypeError('bad', {cause: 42}); e",
             "copy instanceof TypeError && copy.message === 'bad' && copy.cause === 42 && typeof copy.stack === 'string'"
             " && !Object.getOwnPropertyDescriptor(copy, 'message').enumerable");
  round_trip(a, b, "new RangeError()", "copy instanceof RangeError && !copy.hasOwnProperty('message')");
  round_trip(a, b,
             "var buf = new ArrayBuffer(8); var u = new Uint8Array(buf); u[1] = 7;"
             "[buf, u, new Int16Array(buf, 2, 2), new DataView(buf, 4)]",
             "copy[0] instanceof ArrayBuffer && copy[1].buffer === copy[0] && copy[2].buffer === copy[0]"
             " && copy[1][1] === 7 && copy[2].length === 2 && copy[2].byteOffset === 2"
             " && copy[3] instanceof DataView && copy[3].byteOffset === 4 && copy[3].byteLength === 4");
  round_trip(a, b, "new Float64Array([1.5, 2.5])", "copy instanceof Float64Array && copy[1] === 2.5");
  round_trip(a, b, "var rb = new ArrayBuffer(2, {maxByteLength: 8}); [rb, new Uint8Array(rb)]",
             "copy[0].resizable && copy[0].maxByteLength === 8 && (copy[0].resize(6), copy[1].length === 6)");

  /* Values that cannot be cloned. */
  rejects(a, "(function () {})");
  rejects(a, "Symbol('s')");
  rejects(a, "({f: function () {}})");
  rejects(a, "new Proxy({}, {})");
  rejects(a, "new WeakMap()");
  rejects(a, "var dead = new ArrayBuffer(4); $detach = dead.transfer(); dead");
  {
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    petrel_serializer *s = petrel_serializer_new(a);
    petrel_serializer_write_header(s);
    CHECK(!petrel_serializer_write_value(s, eval(a, "(function named() {})")));
    CHECK(petrel_try_catch_has_caught(&tc));
    petrel_value *msg;
    char text[128] = "";
    if (petrel_object_get_named(a, petrel_try_catch_exception(&tc), "message", &msg))
      petrel_string_write_utf8(iso, msg, text, sizeof text);
    CHECK(strstr(text, "could not be cloned") != NULL);
    petrel_serializer_free(s);
    petrel_try_catch_close(&tc);
  }

  /* ArrayBuffer transfer: written by id, the receiver supplies the buffer. */
  {
    petrel_value *ab = eval(a, "var tb = new ArrayBuffer(4); new Uint8Array(tb)[0] = 9; tb");
    petrel_serializer *s = petrel_serializer_new(a);
    petrel_serializer_write_header(s);
    CHECK(petrel_serializer_transfer_array_buffer(s, 0, ab));
    CHECK(petrel_serializer_write_value(s, eval(a, "[tb, new Uint8Array(tb)]")));
    size_t len;
    uint8_t *bytes = petrel_serializer_release(s, &len);
    petrel_serializer_free(s);
    petrel_value *moved = eval(b, "var moved = new ArrayBuffer(4); new Uint8Array(moved)[0] = 9; moved");
    petrel_deserializer *d = petrel_deserializer_new(b, bytes, len);
    petrel_value *v = NULL;
    CHECK(petrel_deserializer_read_header(d));
    CHECK(petrel_deserializer_transfer_array_buffer(d, 0, moved));
    CHECK(petrel_deserializer_read_value(d, &v));
    petrel_deserializer_free(d);
    CHECK(v && petrel_object_set_named(b, petrel_context_global(b), "copy", v));
    CHECK(js_true(b, "copy[0] === moved && copy[1].buffer === moved && copy[1][0] === 9"));
    petrel_free(bytes);
  }

  /* SharedArrayBuffer memory shared with a second isolate. */
  {
    petrel_isolate *iso2 = petrel_isolate_new(NULL);
    petrel_handle_scope scope2;
    petrel_handle_scope_open(iso2, &scope2);
    petrel_context *c = petrel_context_new(iso2);
    petrel_serializer *s = petrel_serializer_new(a);
    petrel_serializer_write_header(s);
    CHECK(petrel_serializer_write_value(s, eval(a, "var sab = new SharedArrayBuffer(8); var si = new Int32Array(sab); [sab, si, sab]")));
    petrel_shared_memory *const *list;
    size_t count = petrel_serializer_shared_memory(s, &list);
    CHECK(count == 1);
    size_t len;
    uint8_t *bytes = petrel_serializer_release(s, &len);
    petrel_context_enter(c);
    petrel_deserializer *d = petrel_deserializer_new(c, bytes, len);
    petrel_deserializer_set_shared_memory(d, list, count);
    petrel_value *v = NULL;
    CHECK(petrel_deserializer_read_header(d) && petrel_deserializer_read_value(d, &v));
    petrel_deserializer_free(d);
    petrel_serializer_free(s); /* the new isolate's buffer holds its own reference */
    CHECK(v && petrel_object_set_named(c, petrel_context_global(c), "copy", v));
    CHECK(js_true(c, "copy[0] instanceof SharedArrayBuffer && copy[0] === copy[2] && copy[1].buffer === copy[0]"));
    eval(c, "Atomics.store(copy[1], 1, 1234)");
    petrel_context_exit(c);
    CHECK(js_true(a, "Atomics.load(si, 1) === 1234"));
    petrel_free(bytes);
    petrel_handle_scope_close(&scope2);
    petrel_isolate_dispose(iso2);
    CHECK(js_true(a, "si[1] === 1234")); /* the memory outlives the other isolate */
  }

  /* Hostile input: bad header, truncation at every length, corruption, random bytes. */
  {
    static const uint8_t bad_version[] = {0xFF, 0x7F, 0x49, 0x02};
    CHECK(!deserialize(b, bad_version, sizeof bad_version));
    static const uint8_t no_header[] = {0x49, 0x02};
    CHECK(!deserialize(b, no_header, sizeof no_header));
    static const uint8_t bad_ref[] = {0xFF, 0x0F, '^', 0x05};
    CHECK(!deserialize(b, bad_ref, sizeof bad_ref));
    static const uint8_t huge_array[] = {0xFF, 0x0F, 'A', 0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    CHECK(!deserialize(b, huge_array, sizeof huge_array));
    static const uint8_t huge_string[] = {0xFF, 0x0F, '"', 0xFF, 0xFF, 0x03, 'a'};
    CHECK(!deserialize(b, huge_string, sizeof huge_string));
    static const uint8_t view_past_end[] = {0xFF, 0x0F, 'B', 0x02, 0, 0, 'V', 'd', 0x00, 0x08, 0x00};
    CHECK(!deserialize(b, view_past_end, sizeof view_past_end));
    static const uint8_t sab_without_memory[] = {0xFF, 0x0F, 'u', 0x00};
    CHECK(!deserialize(b, sab_without_memory, sizeof sab_without_memory));
    uint8_t deep[4000];
    deep[0] = 0xFF, deep[1] = 0x0F;
    for (size_t i = 2; i < sizeof deep; i++) deep[i] = 'o';
    CHECK(!deserialize(b, deep, sizeof deep));

    size_t len;
    uint8_t *good = serialize(a, "var g = {a: [1, 'x', {b: new Date(0)}], m: new Map([[1, /r/g]]), s: new Set([2]),"
                                 " t: new Uint16Array([1, 2]), e: new Error('m')}; g.self = g; g", &len);
    CHECK(good != NULL);
    int survived = 0;
    if (good) {
      for (size_t cut = 0; cut < len; cut++) CHECK(!deserialize(b, good, cut));
      CHECK(deserialize(b, good, len));
      uint32_t seed = 12345;
      uint8_t *m = malloc(len);
      for (int round = 0; round < 3000; round++) {
        memcpy(m, good, len);
        for (int k = 0; k < 3; k++) {
          seed = seed * 1103515245u + 12345u;
          size_t at = 2 + (seed >> 8) % (len - 2);
          seed = seed * 1103515245u + 12345u;
          m[at] = (uint8_t)(seed >> 16);
        }
        survived += deserialize(b, m, len); /* either result is fine; no crash, no hang */
      }
      for (int round = 0; round < 1000; round++) {
        uint8_t junk[64];
        junk[0] = 0xFF, junk[1] = 0x0F;
        for (size_t i = 2; i < sizeof junk; i++) {
          seed = seed * 1103515245u + 12345u;
          junk[i] = (uint8_t)(seed >> 16);
        }
        survived += deserialize(b, junk, sizeof junk);
      }
      free(m);
      petrel_free(good);
    }
    CHECK(survived >= 0);
  }

  test_bigints(a, b);

  petrel_context_exit(a);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
