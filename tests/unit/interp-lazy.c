/* Lazy compilation from C: an inner function's SharedFunctionInfo has no bytecode until its first
 * call, every closure of it then shares that one BytecodeArray, the parsed script is released once
 * nothing uncompiled needs it, and --no-lazy compiles everything up front. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/flags.h"
#include "execution/realm.h"
#include "heap/heap.h"
#include "interpreter/codegen.h"
#include "interpreter/compiler.h"
#include "interpreter/function-data.h"
#include "objects/names.h"
#include "objects/string.h"

#include "unit-check.h"

static Isolate *iso;

#include "builtins/builtins-list.h"
#define NEED_DECL(name) int builtins_install_##name(Isolate *iso, Realm *realm);
PT_BUILTIN_FAMILIES(NEED_DECL)
#define NEED_REF(name) (void *)builtins_install_##name,
__attribute__((used)) static void *const needed_families[] = {PT_BUILTIN_FAMILIES(NEED_REF)};

static Value run(const char *src) {
  Value s = str_from_cstr(iso, src);
  Value name = str_from_cstr(iso, "lazy.js");
  Value fn = compiler_compile_script(iso, s, name, 0, 0);
  if (fn == VAL_EXCEPTION) return fn;
  return rt_call(iso, fn, iso->realm->global_this, 0, NULL);
}

static Value global(const char *name) {
  Value key = str_intern_cstr(iso, name);
  return rt_get(iso, iso->realm->global_this, key);
}

static SharedFunctionInfo *shared_of(Value fn) {
  return val_is_js_function(fn) ? sfi_of(js_function(fn)->shared) : NULL;
}

static void test_lazy(void) {
  pt_flags.lazy = true;
  Value r = run("function make(k) { return function inner(x) { return x + k; }; }\n"
                "var a = make(1), b = make(2), c = make(3);\n"
                "a.length");
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 1);
  Value a = global("a"), b = global("b"), c = global("c");
  SharedFunctionInfo *sa = shared_of(a), *sb = shared_of(b), *sc = shared_of(c);
  CHECK(sa && sa == sb && sb == sc);
  CHECK(sa && !val_is_pointer(sa->bytecode));
  CHECK(sa && val_is_pointer(sa->lazy_unit) && sa->lazy_literal_id >= 0);
  Value arg = val_from_int(10);
  r = rt_call(iso, b, VAL_UNDEFINED, 1, &arg);
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 12);
  CHECK(val_is_pointer(sa->bytecode));
  CHECK(!val_is_pointer(sa->lazy_unit) && sa->lazy_literal_id < 0);
  Value code = sa->bytecode;
  r = rt_call(iso, a, VAL_UNDEFINED, 1, &arg);
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 11);
  r = rt_call(iso, c, VAL_UNDEFINED, 1, &arg);
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 13);
  CHECK(sa->bytecode == code);
  /* a, b and c were made at one site: they share one feedback vector */
  CHECK(js_function(a)->feedback == js_function(c)->feedback);
  /* The parse result survives collections while uncompiled functions need it, and goes away with
   * them (the finalizer frees it; ASan checks both ways). */
  run("var keep = (function () { return function later(y) { return y * 2; }; })();");
  heap_collect(iso, GC_REASON_EXPLICIT);
  Value keep = global("keep");
  arg = val_from_int(21);
  r = rt_call(iso, keep, VAL_UNDEFINED, 1, &arg);
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 42);
  run("keep = undefined; make = a = b = c = undefined;");
  heap_collect(iso, GC_REASON_EXPLICIT);
}

/* A tree no compilation used during a whole full-collection cycle is dropped; a later first call
 * parses the text again and compiles the same code (same closures, same context slots). */
static void test_dropped_tree(void) {
  pt_flags.lazy = true;
  run("var pair = (function () {\n"
      "  let hidden = 40;\n"
      "  class K { #p = 2; get() { return this.#p + hidden; } }\n"
      "  return { plain(y) { return hidden + y; }, arrow: () => hidden + 1, k: new K() };\n"
      "})();");
  Value pair = global("pair");
  Value plain = rt_get(iso, pair, str_intern_cstr(iso, "plain"));
  SharedFunctionInfo *sp = shared_of(plain);
  CHECK(sp && !val_is_pointer(sp->bytecode));
  CHECK(sp && codegen_lazy_tree_kept(js_function(plain)->shared));
  heap_collect(iso, GC_REASON_EXPLICIT); /* used at creation: survives this one */
  CHECK(sp && codegen_lazy_tree_kept(js_function(plain)->shared));
  heap_collect(iso, GC_REASON_EXPLICIT); /* unused for a whole cycle: dropped */
  CHECK(sp && !codegen_lazy_tree_kept(js_function(plain)->shared));
  Value arg = val_from_int(2);
  Value r = rt_call(iso, plain, pair, 1, &arg);
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 42);
  CHECK(sp && val_is_pointer(sp->bytecode));
  r = run("pair.arrow() + pair.k.get()");
  CHECK(val_is_number(r) && val_to_number_unchecked(r) == 83);
  run("pair = undefined;");
  heap_collect(iso, GC_REASON_EXPLICIT);
}

static void test_eager(void) {
  pt_flags.lazy = false;
  run("var e = (function () { return function eager() {}; })();");
  SharedFunctionInfo *s = shared_of(global("e"));
  CHECK(s && val_is_pointer(s->bytecode));
  CHECK(s && !val_is_pointer(s->lazy_unit));
  pt_flags.lazy = true;
}

int main(void) {
  PT_UNUSED(needed_families);
  HeapOptions opts = {0};
  iso = isolate_new(&opts);
  if (!iso || !realm_new(iso)) {
    printf("isolate setup failed\n0 passed, 1 failed\n");
    return 1;
  }
  test_lazy();
  test_dropped_tree();
  test_eager();
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
