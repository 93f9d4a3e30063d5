/* Per-function reparse (parse_function_at): a function parsed alone inside outer scopes rebuilt
 * from a snapshot reads only its own source range, and gets the scopes, variable locations and
 * function numbering the whole parse gave it. */
#include "base/utf.h"
#include "parsing/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) passed++;                                                                            \
    else {                                                                                         \
      failed++;                                                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
    }                                                                                              \
  } while (0)

static uint16_t *to_units(const char *src, size_t *len) {
  size_t n = strlen(src);
  *len = pt_utf8_utf16_length(src, n, NULL);
  uint16_t *u = malloc((*len + 1) * 2);
  pt_utf8_to_utf16(src, n, u);
  return u;
}

/* Same shape: kinds, flags, parameter/local counts, and each variable's mode and location. */
static bool same_scope_vars(const Scope *a, const Scope *b) {
  if (a->type != b->type || a->var_count != b->var_count || a->context_slot_count != b->context_slot_count ||
      a->needs_context != b->needs_context)
    return false;
  const Variable *x = a->vars, *y = b->vars;
  for (; x && y; x = x->next, y = y->next) {
    if (x->mode != y->mode || x->location != y->location || x->index != y->index || x->needs_tdz != y->needs_tdz ||
        x->name->length != y->name->length || memcmp(x->name->chars, y->name->chars, x->name->length * 2) != 0)
      return false;
  }
  return !x && !y;
}

/* Reparses the function with id `id` of src alone and compares it with the whole parse. */
static void check_function(const char *src, const ParseOptions *opts, uint32_t id) {
  size_t len;
  uint16_t *u = to_units(src, &len);
  ParseResult *whole = parse_program(u, len, opts);
  CHECK(whole && whole->ok);
  if (!whole || !whole->ok || id >= whole->function_count) {
    fprintf(stderr, "  source: %s\n", src);
    failed++;
    free(u);
    parse_result_free(whole);
    return;
  }
  FunctionLiteral *f = whole->functions[id];
  ScopeSnapshot *snap = scope_snapshot_new();
  int32_t idx = scope_snapshot_capture(snap, f->scope->outer);
  CHECK(idx >= 0);
  FunctionReparse fr;
  memset(&fr, 0, sizeof fr);
  fr.kind = f->kind;
  fr.fn_flags = f->flags;
  fr.reparse_bits = f->reparse_bits;
  fr.start = f->source_start;
  fr.end = f->source_end;
  fr.params_pos = f->params_pos;
  fr.snapshot = snap;
  fr.scope_index = idx;
  /* the source buffer need not outlive either parse */
  ParseResult *alone = parse_function_at(u, len, &fr, opts);
  free(u);
  CHECK(alone && alone->ok);
  if (!alone || !alone->ok) {
    fprintf(stderr, "  source: %s\n  error: %s\n", src, alone ? alone->error.message : "NULL");
  } else {
    FunctionLiteral *g = alone->target;
    /* only the function's range was scanned (the scanner reads at most one token beyond it) */
    CHECK(alone->scanned_from >= f->source_start && alone->scanned_to <= f->source_end + 16 &&
          alone->scanned_to >= f->source_end);
    CHECK(g->source_start == f->source_start && g->source_end == f->source_end);
    CHECK(g->kind == f->kind && g->num_locals == f->num_locals);
    CHECK((g->flags & ~(uint32_t)0) == f->flags);
    CHECK(same_scope_vars(g->scope, f->scope));
    CHECK(same_scope_vars(g->body_scope, f->body_scope));
    /* its inner functions are numbered from 0 in the new parse, in the same order */
    uint32_t inner = 0;
    for (uint32_t i = 0; i < whole->function_count; i++) {
      FunctionLiteral *h = whole->functions[i];
      if (h != f && h != whole->program && h->source_start >= f->source_start && h->source_end <= f->source_end) inner++;
    }
    CHECK(alone->function_count == inner + 1);
    if (alone->function_count != inner + 1) fprintf(stderr, "  %u vs %u in %s (fn %u)\n", alone->function_count, inner + 1, src, id);
    /* the program is the synthesized top level of the outer scopes */
    CHECK(alone->program && alone->program->kind == whole->program->kind);
  }
  parse_result_free(alone);
  parse_result_free(whole);
  scope_snapshot_free(snap);
}

int main(void) {
  ParseOptions o;
  parse_options_init(&o);
  /* a declaration deep inside a big text: only its range is read */
  char big[4096];
  strcpy(big, "var pad = [");
  for (int i = 0; i < 300; i++) strcat(big, "1,");
  strcat(big, "];\nfunction outer(a) { let x = 1; const c = 2; function target(b) { var y = x + b;"
              " return function () { return y + c + a; }; } return target; }\n");
  check_function(big, &o, 1);
  check_function(big, &o, 2);
  /* arrows (with parameter expressions), methods, getters, setters, generators, async */
  const char *sources[] = {
      "function f(a) { return (b = a, c = () => b) => [a, b, c(), this, arguments]; }",
      "var o = { m(x) { return super.m + x; }, get g() { return 1; }, set s(v) { this.v = v; } };",
      ("class C extends Object { #p = 1; static #s() {} m() { return () => this.#p + super.x; } "
       "static t() { return C.#s(); } get #a() { return 2; } constructor() { super(); } }"),
      "function* g(n) { yield function* () { yield n; }; } async function h(v) { return async (w) => await w + v; }",
      "function s() { 'use strict'; let q = 1; return function named(k) { return named, q + k; }; }",
      "function w(o) { with (o) { return function () { return p; }; } }",
      "function e(s) { eval(s); return function () { return t; }; }",
      "function cat() { try { throw 1; } catch ({ e }) { return () => e; } }",
      "for (let i = 0; i < 2; i++) { var k = function () { return i; }; }",
  };
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
    size_t len;
    uint16_t *u = to_units(sources[i], &len);
    ParseResult *r = parse_program(u, len, &o);
    free(u);
    uint32_t n = r && r->ok ? r->function_count : 0;
    CHECK(n > 1);
    parse_result_free(r);
    for (uint32_t id = 1; id < n; id++) {
      /* constructors, field initializers and static blocks are compiled with their class */
      size_t l2;
      uint16_t *u2 = to_units(sources[i], &l2);
      ParseResult *r2 = parse_program(u2, l2, &o);
      free(u2);
      uint8_t k = r2->functions[id]->kind;
      parse_result_free(r2);
      if (k == FN_NORMAL || k == FN_ARROW || k == FN_METHOD || k == FN_GETTER || k == FN_SETTER)
        check_function(sources[i], &o, id);
    }
  }
  /* module code: imports and exports keep their cells */
  ParseOptions m;
  parse_options_init(&m);
  m.is_module = true;
  check_function("import { a } from 'x'; export let b = 1; export function f() { return () => a + b; }", &m, 1);
  check_function("import { a } from 'x'; export let b = 1; export function f() { return () => a + b; }", &m, 2);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
