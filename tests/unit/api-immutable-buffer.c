/* Immutable ArrayBuffers through the embedding API: petrel_array_buffer_is_immutable, the
 * refusal of petrel_array_buffer_detach, and the structured-clone refusals (an immutable buffer
 * can be neither written by the serializer nor put on its transfer list), while the buffer's bytes
 * stay readable through petrel_array_buffer_data. */
#include <stdio.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_value *eval(petrel_context *ctx, const char *src) {
  petrel_value *v = NULL;
  if (!petrel_eval(ctx, src, (size_t)-1, "test.js", &v)) return NULL;
  return v;
}

/* Whether the caught exception's String() contains `needle`. */
static bool caught_mentions(petrel_isolate *iso, petrel_try_catch *tc, const char *needle) {
  if (!petrel_try_catch_has_caught(tc)) return false;
  petrel_value *e = petrel_try_catch_exception(tc);
  if (e == NULL) return false;
  petrel_value *str = NULL;
  char *s = NULL;
  if (petrel_value_to_string(petrel_isolate_get_current_context(iso), e, &str)) s = petrel_string_to_utf8(iso, str, NULL);
  bool ok = s && strstr(s, needle) != NULL;
  if (!ok) fprintf(stderr, "  exception was: %s\n", s ? s : "(unprintable)");
  petrel_free(s);
  return ok;
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  petrel_value *imm = eval(ctx, "var b = new ArrayBuffer(3); new Uint8Array(b).set([1, 2, 3]); b.transferToImmutable()");
  petrel_value *plain = eval(ctx, "new ArrayBuffer(2)");
  CHECK(imm != NULL && plain != NULL);
  CHECK(petrel_array_buffer_is_immutable(imm));
  CHECK(!petrel_array_buffer_is_immutable(plain));
  CHECK(!petrel_array_buffer_is_immutable(eval(ctx, "({})")));
  CHECK(!petrel_array_buffer_is_immutable(eval(ctx, "new SharedArrayBuffer(1)")));
  CHECK(!petrel_array_buffer_is_immutable(eval(ctx, "new Uint8Array(new ArrayBuffer(1).transferToImmutable())")));

  /* Reads work. */
  CHECK(petrel_array_buffer_byte_length(imm) == 3);
  const unsigned char *bytes = petrel_array_buffer_data(imm);
  CHECK(bytes != NULL && bytes[0] == 1 && bytes[2] == 3);

  /* Detaching fails with a TypeError and leaves the buffer intact. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_array_buffer_detach(ctx, imm));
  CHECK(caught_mentions(iso, &tc, "TypeError"));
  CHECK(caught_mentions(iso, &tc, "immutable"));
  petrel_try_catch_close(&tc);
  CHECK(petrel_array_buffer_byte_length(imm) == 3);
  CHECK(petrel_array_buffer_data(imm) == bytes);

  /* The serializer refuses to write it (the wire format cannot say "immutable")... */
  petrel_try_catch_open(iso, &tc);
  petrel_serializer *s = petrel_serializer_new(ctx);
  CHECK(s != NULL);
  petrel_serializer_write_header(s);
  CHECK(!petrel_serializer_write_value(s, imm));
  CHECK(caught_mentions(iso, &tc, "immutable ArrayBuffer could not be cloned"));
  petrel_serializer_free(s);
  petrel_try_catch_close(&tc);

  /* ...also when it is reached through a view... */
  petrel_try_catch_open(iso, &tc);
  s = petrel_serializer_new(ctx);
  petrel_serializer_write_header(s);
  CHECK(!petrel_serializer_write_value(s, eval(ctx, "({v: new DataView(new ArrayBuffer(4).transferToImmutable())})")));
  CHECK(caught_mentions(iso, &tc, "immutable"));
  petrel_serializer_free(s);
  petrel_try_catch_close(&tc);

  /* ...and to transfer it (a transfer detaches the sender's buffer). */
  petrel_try_catch_open(iso, &tc);
  s = petrel_serializer_new(ctx);
  CHECK(!petrel_serializer_transfer_array_buffer(s, 0, imm));
  CHECK(caught_mentions(iso, &tc, "TypeError"));
  petrel_serializer_free(s);
  petrel_try_catch_close(&tc);

  /* A mutable buffer still clones. */
  s = petrel_serializer_new(ctx);
  petrel_serializer_write_header(s);
  CHECK(petrel_serializer_write_value(s, plain));
  petrel_serializer_free(s);

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
