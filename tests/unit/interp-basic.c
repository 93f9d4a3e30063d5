/* The bytecode pipeline from C: compile and run scripts, results and exception types, the
 * builder's operand scaling, generators, message locations and stack traces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/messages.h"
#include "execution/realm.h"
#include "interpreter/bytecode-builder.h"
#include "interpreter/compiler.h"
#include "interpreter/stack-trace.h"
#include "objects/names.h"
#include "objects/string.h"

#include "unit-check.h"

static Isolate *iso;

/* realm.c declares the installers weak for now; a static link pulls in only what is referenced
 * strongly, so name the families this test needs. */
#include "builtins/builtins-list.h"
#define NEED_DECL(name) int builtins_install_##name(Isolate *iso, Realm *realm);
PT_BUILTIN_FAMILIES(NEED_DECL)
#define NEED_REF(name) (void *)builtins_install_##name,
__attribute__((used)) static void *const needed_families[] = {PT_BUILTIN_FAMILIES(NEED_REF)};

/* Compiles and runs src; returns the completion value or VAL_EXCEPTION (left pending). */
static Value run(const char *src) {
  Value s = str_from_cstr(iso, src);
  Value name = str_from_cstr(iso, "test.js");
  Value fn = compiler_compile_script(iso, s, name, 0, 0);
  if (fn == VAL_EXCEPTION) return fn;
  return rt_call(iso, fn, iso->realm->global_this, 0, NULL);
}

static bool is_number(Value v, double d) { return val_is_number(v) && val_to_number_unchecked(v) == d; }

static bool is_string(Value v, const char *s) {
  if (!val_is_pointer(v) || !val_is_string(v)) return false;
  char *u = str_to_utf8(iso, v, NULL);
  bool ok = u && strcmp(u, s) == 0;
  free(u);
  return ok;
}

/* Runs src expecting an exception whose constructor's prototype is the realm's `proto`. */
static bool throws(const char *src, Intrinsic proto) {
  Value r = run(src);
  if (r != VAL_EXCEPTION) return false;
  Value e = isolate_take_exception(iso);
  iso->pending_message = VAL_HOLE;
  return val_is_object(e) && obj_get_prototype_of(iso, e) == intrinsic(iso, proto);
}

static void test_values(void) {
  CHECK(is_number(run("1 + 2 * 3"), 7));
  CHECK(is_number(run("function f(a, b, c) { var d = c - 100; return a + d * b; } f(2, 2, 150)"), 102));
  CHECK(is_string(run("'a' + 1 + [2, 3]"), "a12,3"));
  CHECK(is_number(run("var s = 0; for (let i = 0; i < 100; i++) s += i; s"), 4950));
  CHECK(is_number(run("(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); })(20)"), 6765));
  CHECK(is_number(run("var fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs[2]()"), 2));
  CHECK(is_number(run("class A { constructor(x) { this.x = x; } } class B extends A { get y() { return this.x * 2; } } new B(21).y"), 42));
  CHECK(is_number(run("function* g() { var x = yield 1; yield x * 2; } var it = g(); it.next(); it.next(5).value"), 10));
  CHECK(is_number(run("var [a, , b = 3, ...r] = [1, 2, undefined, 4, 5]; a + b + r.length"), 6));
  CHECK(is_number(run("var o = {a: {b: 7}}; o?.a?.b + (o.x?.y ?? 1)"), 8));
  CHECK(is_number(run("try { throw 5 } catch (e) { e + 1 } finally { 100 }"), 6));
  CHECK(is_number(run("(function() { try { return 1; } finally { return 2; } })()"), 2));
  CHECK(is_string(run("var k = []; for (var p in {x: 1, y: 2}) k.push(p); k.join()"), "x,y"));
  CHECK(is_number(run("eval('var ev = 4'); ev * 2"), 8));
  CHECK(is_string(run("typeof notDeclaredAnywhere"), "undefined"));
  CHECK(is_string(run("`a${1 + 1}b`"), "a2b"));
}

static void test_errors(void) {
  CHECK(throws("null.x", INTRINSIC_TYPE_ERROR_PROTOTYPE));
  CHECK(throws("notDefined + 1", INTRINSIC_REFERENCE_ERROR_PROTOTYPE));
  CHECK(throws("{ x; let x = 1; }", INTRINSIC_REFERENCE_ERROR_PROTOTYPE));
  CHECK(throws("const c = 1; c = 2;", INTRINSIC_TYPE_ERROR_PROTOTYPE));
  CHECK(throws("var q = 1; q();", INTRINSIC_TYPE_ERROR_PROTOTYPE));
  CHECK(throws("function r() { return r(); } r()", INTRINSIC_RANGE_ERROR_PROTOTYPE));
  CHECK(throws("class K {} K()", INTRINSIC_TYPE_ERROR_PROTOTYPE));
  CHECK(throws("var = ;", INTRINSIC_SYNTAX_ERROR_PROTOTYPE));
  /* An async function's throw rejects its promise instead of escaping the call. */
  CHECK(run("async function af() { throw new TypeError('x'); } af() instanceof Promise") == VAL_TRUE);

  /* The message location of an uncaught throw: line 2, column 7. */
  Value r = run("var a = 1;\nvar b = null.x;");
  CHECK(r == VAL_EXCEPTION);
  MessageLocation loc;
  CHECK(messages_get_location(iso, iso->pending_message, &loc));
  CHECK(loc.line == 2);
  CHECK(loc.column == 14);
  CHECK(is_string(loc.resource_name, "test.js"));
  isolate_take_exception(iso);
  iso->pending_message = VAL_HOLE;

  /* A stack trace names the frames. */
  r = run("function inner() { return new Error('x').stack; }\nfunction outer() { return inner(); }\nouter()");
  CHECK(is_string(r, "Error: x\n    at inner (test.js:1:27)\n    at outer (test.js:2:27)\n    at test.js:3:1"));
}

static void test_builder(void) {
  /* Operands that do not fit a byte get the Wide prefix; jumps are laid out exactly. */
  BytecodeBuilder b;
  CHECK(bb_init(&b, iso, 1));
  int end = bb_new_label(&b);
  bb_emit(&b, BC_LdaSmi, 300);
  bb_jump(&b, BC_JumpIfTrue, end);
  bb_emit(&b, BC_LdaSmi, 5);
  bb_bind(&b, end);
  bb_emit(&b, BC_Return);
  BytecodeArray *ba = bb_finish(&b);
  bb_free(&b);
  CHECK(ba != NULL);
  if (ba) {
    uint8_t *code = bytecode_bytes(ba);
    CHECK(ba->length == 4 + 2 + 2 + 1);
    CHECK(code[0] == BC_Wide && code[1] == BC_LdaSmi && code[2] == 0x2c && code[3] == 0x01);
    CHECK(code[4] == BC_JumpIfTrue && code[5] == 4);
    CHECK(code[8] == BC_Return);
  }
}

int main(void) {
  PT_UNUSED(needed_families);
  HeapOptions opts = {0};
  iso = isolate_new(&opts);
  if (!iso || !realm_new(iso)) {
    printf("isolate setup failed\n0 passed, 1 failed\n");
    return 1;
  }
  test_values();
  test_errors();
  test_builder();
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
