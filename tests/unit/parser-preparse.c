/* Pre-parser unit tests (ParseOptions.preparse): skipped bodies leave no nodes (the zone stays far
 * below the full parse's), function ids match the full parse's, the summary captures outer
 * variables exactly as the full analysis does, early errors are the full parse's. */
#include "base/utf.h"
#include "parsing/parser.h"
#include "unit-check.h"

#include <stdlib.h>
#include <string.h>

static ParseResult *parse_src(const char *src, bool preparse, bool module) {
  size_t n = strlen(src);
  size_t ulen = pt_utf8_utf16_length(src, n, NULL);
  uint16_t *u = malloc((ulen + 1) * 2);
  pt_utf8_to_utf16(src, n, u);
  ParseOptions o;
  parse_options_init(&o);
  o.preparse = preparse;
  o.is_module = module;
  o.strict = module;
  ParseResult *r = parse_program(u, ulen, &o);
  free(u);
  return r;
}

/* The variable named `name` declared in scope s (or NULL). */
static Variable *var_named(Scope *s, const char *name) {
  for (Variable *v = s->vars; v; v = v->next)
    if (ast_string_equals_ascii(v->name, name)) return v;
  return NULL;
}

static bool same_name(const AstString *a, const AstString *b) {
  return a->length == b->length && memcmp(a->chars, b->chars, (size_t)a->length * 2) == 0;
}

/* A script of `count` functions with big bodies that use an outer variable. */
static char *big_script(int count) {
  size_t cap = (size_t)count * 400 + 64;
  char *s = malloc(cap);
  size_t o = 0;
  o += (size_t)snprintf(s + o, cap - o, "var shared = 1;\n");
  for (int i = 0; i < count; i++)
    o += (size_t)snprintf(s + o, cap - o,
                          "function f%d(a, b) { var t = [a, b, {x: a + b * 2, y: [1, 2, 3]}];"
                          " for (let i = 0; i < 10; i++) { t.push(i * shared + 'str' + a); }"
                          " if (a) { return function inner() { return t.length + b; }; }"
                          " return t.map(function (e) { return e && e.x ? e.x : e; }); }\n",
                          i);
  return s;
}

static void test_memory_and_ids(void) {
  char *src = big_script(400);
  ParseResult *full = parse_src(src, false, false);
  ParseResult *pre = parse_src(src, true, false);
  CHECK(full && full->ok && pre && pre->ok);
  if (!full || !pre || !full->ok || !pre->ok) return;
  CHECK(full->preparsed_count == 0);
  CHECK(pre->preparsed_count == 400 * 3); /* nested bodies are skipped too (each in its own zone) */
  /* the same ids: 1 script + 3 literals per function */
  CHECK(full->function_count == 1 + 400 * 3);
  CHECK(pre->function_count == full->function_count);
  for (uint32_t id = 1; id < pre->function_count; id++) {
    FunctionLiteral *f = full->functions[id];
    FunctionLiteral *g = pre->functions[id];
    if ((id - 1) % 3 == 0) {
      /* the top-level declarations: pre-parsed, with the full parse's shape */
      CHECK(g && (g->flags & FNF_PREPARSED) && g->body.count == 0 && g->preparse);
      CHECK(g && f && g->source_start == f->source_start && g->source_end == f->source_end);
      CHECK(g && f && g->params.count == f->params.count && g->length == f->length);
      CHECK(g && g->preparse->end_id == id + 3);
    } else {
      CHECK(g == NULL); /* nested in a skipped body: no node survives */
    }
  }
  /* no nodes of the bodies survive: far less memory (measured about 1/10 here) */
  fprintf(stderr, "zone bytes: full %zu, pre-parsed %zu\n", full->zone.total, pre->zone.total);
  CHECK(pre->zone.total * 4 < full->zone.total);
  /* `shared` is referenced only from skipped bodies: still captured, as in the full parse */
  Variable *vf = var_named(full->program->scope, "shared");
  Variable *vp = var_named(pre->program->scope, "shared");
  CHECK(vf && vp && vf->location == vp->location && vp->is_used == vf->is_used);
  parse_result_free(full);
  parse_result_free(pre);
  free(src);
}

/* Allocation of every variable of the outer functions is the full parse's. */
static void same_allocation(const char *src) {
  ParseResult *full = parse_src(src, false, false);
  ParseResult *pre = parse_src(src, true, false);
  CHECK(full && full->ok && pre && pre->ok);
  if (!full || !pre || !full->ok || !pre->ok) return;
  CHECK(pre->preparsed_count > 0);
  for (uint32_t id = 0; id < full->function_count; id++) {
    FunctionLiteral *f = full->functions[id], *g = pre->functions[id];
    if (!g || (g->flags & FNF_PREPARSED)) continue; /* compiled from a full parse */
    CHECK(f->num_locals == g->num_locals);
    CHECK(f->flags == g->flags);
    CHECK(f->scope->context_slot_count == g->scope->context_slot_count);
    Variable *a = f->scope->vars, *b = g->scope->vars;
    for (; a && b; a = a->next, b = b->next) {
      CHECK(same_name(a->name, b->name));
      CHECK(a->location == b->location && a->index == b->index && a->captured == b->captured);
    }
    CHECK(!a && !b);
  }
  /* a pre-parsed function's own flags (and so its SharedFunctionInfo) are the full parse's */
  for (uint32_t id = 0; id < full->function_count; id++) {
    FunctionLiteral *f = full->functions[id], *g = pre->functions[id];
    if (g && (g->flags & FNF_PREPARSED)) CHECK((g->flags & ~(uint32_t)FNF_PREPARSED) == f->flags);
  }
  parse_result_free(full);
  parse_result_free(pre);
}

static void test_allocation(void) {
  same_allocation("function outer(a, b) { var x = 1, y = 2, z = 3;"
                  " function g() { return x + a; }"
                  " function h() { var x = 5; return x; }"
                  " var o = { m() { return super.q; }, get y() { return z; } };"
                  " return () => function () { return b; }; }");
  same_allocation("function e(p) { var q; function inner(s) { return eval(s); } return inner; }");
  same_allocation("function e2(p) { var q; (function () { 'use strict'; eval('p'); })(); }");
  same_allocation("function m(a, b) { arguments; function set(v) { a = v; } return set; }");
  same_allocation("var named = function self() { return function () { return self; }; };");
  same_allocation("class C { #p = 1; static #s() {} m() { return this.#p + C.#s(); } }");
  same_allocation("function w(o) { var v; with (o) { (function () { return v; }); } }");
  same_allocation("let l = 1; { let blk = 2; function inBlock() { return blk + l; } }");
  same_allocation("function dflt(a, b = function () { return a; }) { return function () { return b; }; }");
}

static void same_error(const char *src, bool module) {
  ParseResult *full = parse_src(src, false, module);
  ParseResult *pre = parse_src(src, true, module);
  CHECK(full && pre && !full->ok && !pre->ok);
  if (!full || !pre) return;
  CHECK(strcmp(full->error.message, pre->error.message) == 0);
  CHECK(full->error.offset == pre->error.offset && full->error.line == pre->error.line &&
        full->error.column == pre->error.column && full->error.kind == pre->error.kind);
  if (strcmp(full->error.message, pre->error.message) != 0)
    fprintf(stderr, "  full: %s / pre-parsed: %s\n", full->error.message, pre->error.message);
  parse_result_free(full);
  parse_result_free(pre);
}

static void test_errors(void) {
  same_error("function f() { let a; let a; }", false);
  same_error("function f() { let a; let a; } )", false);
  same_error("function f() { let a; let a; } let b; var b;", false);
  same_error("let b; function f() { let a; let a; } var b;", false);
  same_error("function f() { function g() { const c = 1; var c; } }", false);
  same_error("class C { m() { this.#q; } }", false);
  same_error("class C { m() { this.#q; } n() { let z; let z; } }", false);
  same_error("function f() { 'use strict'; var package; }", false);
  same_error("function f(a, a) { 'use strict'; }", false);
  same_error("var o = { m(a, a) {} };", false);
  same_error("function f() { return 1 +; }", false);
  same_error("export function f() { let x; { var x; } }", true);
  same_error("function f() { await 1; }", true);
}

int main(void) {
  test_memory_and_ids();
  test_allocation();
  test_errors();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
