/* The public API on a moving heap (--young-gen): the isolate parameters' young sizes reach the
 * heap, strong and weak persistent handles follow an object the young generation moved (a weak
 * one is neither cleared while the object lives nor left pointing at its old copy), and the GC
 * prologue/epilogue callbacks run around scavenges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"
#include "execution/isolate.h"
#include "heap/heap-internal.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;
static int weak_calls, prologues, epilogues;

static void on_weak(petrel_isolate *i, petrel_persistent *p, void *param) {
  (void)i;
  (void)p;
  (void)param;
  weak_calls++;
}
static void on_prologue(petrel_isolate *i, petrel_gc_reason r, void *data) {
  (void)i;
  (void)r;
  (void)data;
  prologues++;
}
static void on_epilogue(petrel_isolate *i, petrel_gc_reason r, void *data) {
  (void)i;
  (void)r;
  (void)data;
  epilogues++;
}

__attribute__((noinline)) static void scrub_stack(void) {
  char buf[16384];
  memset(buf, 0, sizeof buf);
  __asm__ volatile("" : : "r"(buf) : "memory");
}

/* A new object {tag: 42} with a strong and a weak persistent handle. Made here so that no stale
 * pointer to it stays in the caller's frame (which would pin it instead of letting it move). */
__attribute__((noinline)) static void make_pair(petrel_persistent **strong, petrel_persistent **weak) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *o = petrel_object_new(ctx);
  CHECK(petrel_object_set_named(ctx, o, "tag", petrel_int32(iso, 42)));
  *strong = petrel_persistent_new(iso, o);
  *weak = petrel_persistent_new(iso, o);
  petrel_persistent_set_weak(iso, *weak, NULL, on_weak);
  petrel_handle_scope_close(&s);
}

static int tag_of(petrel_persistent *p) {
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  petrel_value *v = NULL;
  int tag = -1;
  petrel_value *o = petrel_persistent_get(iso, p);
  if (o && petrel_object_get_named(ctx, o, "tag", &v)) tag = (int)petrel_number_value(v);
  petrel_handle_scope_close(&s);
  return tag;
}

static void test_sizes_reach_the_heap(void) {
  Heap *h = ((Isolate *)(void *)iso)->heap;
  CHECK(h->young_enabled);
  CHECK(h->young_capacity == ((size_t)2 << 20) && h->young_max_capacity == ((size_t)8 << 20));
}

static void test_persistents_follow_moves(void) {
  petrel_persistent *strong, *weak;
  make_pair(&strong, &weak);
  weak_calls = 0;
  prologues = epilogues = 0;
  uint64_t scavenges = ((Isolate *)(void *)iso)->heap->scavenge_count;
  /* Enough garbage for several scavenges: the object moves (copied, then promoted). */
  petrel_handle_scope s;
  petrel_handle_scope_open(iso, &s);
  CHECK(petrel_eval(ctx, "for (var i = 0; i < 300000; i++) { var t = [i, 'w' + i]; } t = null; 1",
                    (size_t)-1, "garbage.js", NULL));
  petrel_handle_scope_close(&s);
  int ran = (int)(((Isolate *)(void *)iso)->heap->scavenge_count - scavenges);
  CHECK(ran >= 2);
  CHECK(prologues >= ran && epilogues == prologues);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 0);
  CHECK(!petrel_persistent_is_empty(weak));
  CHECK(tag_of(strong) == 42);
  CHECK(tag_of(weak) == 42); /* the weak handle followed the move */
  /* Released: the object dies and the weak callback runs once. */
  petrel_persistent_release(iso, strong);
  scrub_stack();
  petrel_isolate_collect_garbage(iso);
  petrel_isolate_collect_garbage(iso);
  CHECK(weak_calls == 1);
}

int main(void) {
  char arg0[] = "api-young", arg1[] = "--young-gen";
  char *argv[] = {arg0, arg1, NULL};
  int argc = 2;
  petrel_set_flags_from_command_line(&argc, argv);
  petrel_initialize();
  petrel_isolate_params params = {0};
  params.initial_young_bytes = (size_t)2 << 20;
  params.max_young_bytes = (size_t)8 << 20;
  iso = petrel_isolate_new(&params);
  CHECK(iso != NULL);
  if (!iso) return 1;
  petrel_isolate_add_gc_prologue_callback(iso, on_prologue, NULL);
  petrel_isolate_add_gc_epilogue_callback(iso, on_epilogue, NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_handle_scope_close(&scope);

  test_sizes_reach_the_heap();
  test_persistents_follow_moves();

  petrel_context_exit(ctx);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
