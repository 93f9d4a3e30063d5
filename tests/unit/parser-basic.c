/* Front-end unit tests: scanner values, AST shapes, early errors (V8's messages), scope analysis
 * and variable allocation, module records, declaration lists, positions. */
#include "base/utf.h"
#include "parsing/parser.h"

#include <math.h>
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

static ParseResult *parse_opts(const char *src, ParseOptions *o) {
  size_t n = strlen(src);
  size_t ulen = pt_utf8_utf16_length(src, n, NULL);
  uint16_t *u = malloc((ulen + 1) * 2);
  pt_utf8_to_utf16(src, n, u);
  ParseResult *r = parse_program(u, ulen, o);
  free(u); /* the result must not depend on the source buffer */
  return r;
}

static ParseResult *parse(const char *src) {
  ParseOptions o;
  parse_options_init(&o);
  return parse_opts(src, &o);
}

static ParseResult *parse_module(const char *src) {
  ParseOptions o;
  parse_options_init(&o);
  o.is_module = true;
  return parse_opts(src, &o);
}

/* Expects a SyntaxError with exactly this message (and, if line > 0, position). */
static void expect_error(const char *src, const char *message, int line, int col) {
  ParseResult *r = parse(src);
  bool ok = r && !r->ok && r->error.kind == PARSE_ERROR_SYNTAX && strcmp(r->error.message, message) == 0 &&
            (line == 0 || (r->error.line == line && r->error.column == col));
  if (!ok)
    fprintf(stderr, "  source: %s\n  expected: %s (%d:%d)\n  got: %s (%d:%d) ok=%d\n", src, message, line, col,
            r ? r->error.message : "NULL", r ? r->error.line : 0, r ? r->error.column : 0, r ? r->ok : -1);
  CHECK(ok);
  parse_result_free(r);
}

static void expect_ok(const char *src) {
  ParseResult *r = parse(src);
  if (!r->ok) fprintf(stderr, "  source: %s\n  unexpected error: %s\n", src, r->error.message);
  CHECK(r->ok);
  parse_result_free(r);
}

static AstNode *first_expr(ParseResult *r) {
  AstNode *s = r->program->body.items[0];
  return s->kind == AST_EXPR_STMT ? s->u.unary.operand : NULL;
}

static bool str_is(const AstString *s, const char *ascii) { return s && ast_string_equals_ascii(s, ascii); }

static double number_of(const char *src) {
  ParseResult *r = parse(src);
  double d = NAN;
  if (r->ok) {
    AstNode *e = first_expr(r);
    if (e && e->kind == AST_NUMBER) d = e->u.number;
  }
  parse_result_free(r);
  return d;
}

static void test_numbers(void) {
  CHECK(number_of("42") == 42);
  CHECK(number_of("0x1F") == 31);
  CHECK(number_of("0o17") == 15);
  CHECK(number_of("0b101") == 5);
  CHECK(number_of("017") == 15);     /* legacy octal (sloppy) */
  CHECK(number_of("089") == 89);     /* NonOctalDecimalIntegerLiteral */
  CHECK(number_of("1_000_000") == 1000000);
  CHECK(number_of(".5e1") == 5);
  CHECK(number_of("1e-7") == 1e-7);
  CHECK(number_of("0.1") == 0.1);
  /* exact rounding of large hex literals: 2^53 + 1 rounds to even (2^53), 2^53 + 3 rounds up */
  CHECK(number_of("0x20000000000001") == 9007199254740992.0);
  CHECK(number_of("0x20000000000003") == 9007199254740996.0);
  CHECK(number_of("0xFFFFFFFFFFFFFFFFF") == 295147905179352825856.0);
  ParseResult *r = parse("123n; 0xFFn;");
  CHECK(r->ok);
  AstNode *b = r->program->body.items[0]->u.unary.operand;
  CHECK(b->kind == AST_BIGINT && str_is(b->u.bigint.digits, "123"));
  b = r->program->body.items[1]->u.unary.operand;
  CHECK(b->kind == AST_BIGINT && str_is(b->u.bigint.digits, "0xFF"));
  parse_result_free(r);
  expect_error("1_", "Numeric separators are not allowed at the end of numeric literals", 1, 2);
  expect_error("3in x", "Invalid or unexpected token", 0, 0);
  expect_error("'use strict'; 017", "Octal literals are not allowed in strict mode.", 1, 15);
}

static void test_strings_templates(void) {
  ParseResult *r = parse("'a\\x41\\u0042\\u{1F600}\\n'");
  CHECK(r->ok);
  AstNode *s = first_expr(r);
  CHECK(s->kind == AST_STRING && s->u.str->length == 6);
  CHECK(s->u.str->chars[1] == 'A' && s->u.str->chars[2] == 'B');
  CHECK(s->u.str->chars[3] == 0xD83D && s->u.str->chars[4] == 0xDE00 && s->u.str->chars[5] == '\n');
  parse_result_free(r);

  r = parse("`a${1}b\\n${2}\r\nc`");
  CHECK(r->ok);
  AstNode *t = first_expr(r);
  CHECK(t->kind == AST_TEMPLATE && t->u.tmpl.quasi_count == 3);
  CHECK(str_is(t->u.tmpl.cooked[0], "a") && str_is(t->u.tmpl.cooked[1], "b\n"));
  CHECK(str_is(t->u.tmpl.raw[1], "b\\n"));
  CHECK(str_is(t->u.tmpl.cooked[2], "\nc") && str_is(t->u.tmpl.raw[2], "\nc"));
  parse_result_free(r);

  /* invalid escapes: allowed (cooked undefined) only in tagged templates */
  r = parse("tag`\\unicode`");
  CHECK(r->ok);
  t = first_expr(r);
  CHECK(t->kind == AST_TAGGED_TEMPLATE && t->u.tagged.tmpl->u.tmpl.cooked[0] == NULL);
  CHECK(str_is(t->u.tagged.tmpl->u.tmpl.raw[0], "\\unicode"));
  parse_result_free(r);
  expect_error("`\\unicode`", "Invalid Unicode escape sequence", 1, 2);
  expect_error("'abc", "Invalid or unexpected token", 1, 1);
  expect_error("'use strict'; '\\08'", "Octal escape sequences are not allowed in strict mode.", 0, 0);
}

static void test_regexp_and_division(void) {
  ParseResult *r = parse("a / b / c; /x[/]y/gi;");
  CHECK(r->ok);
  AstNode *d = first_expr(r);
  CHECK(d->kind == AST_BINARY && d->u.binary.op == OP_DIV);
  AstNode *re = r->program->body.items[1]->u.unary.operand;
  CHECK(re->kind == AST_REGEXP && str_is(re->u.regexp.pattern, "x[/]y") && str_is(re->u.regexp.flags, "gi"));
  parse_result_free(r);
  expect_error("/a/gg", "Invalid regular expression flags", 0, 0);
}

static void test_expressions(void) {
  ParseResult *r = parse("a?.b.c(); a ?? b; x **= 2; a ||= b; new.target;");
  CHECK(!r->ok); /* new.target at top level */
  CHECK(strcmp(r->error.message, "new.target expression is not allowed here") == 0);
  parse_result_free(r);

  r = parse("a?.b.c(); a ?? b; x **= 2; a ||= b;");
  CHECK(r->ok);
  AstNode *c = first_expr(r);
  CHECK(c->kind == AST_OPTIONAL_CHAIN);
  AstNode *call = c->u.chain.expression;
  CHECK(call->kind == AST_CALL && !call->u.call.optional);
  AstNode *m = call->u.call.callee;
  CHECK(m->kind == AST_MEMBER && str_is(m->u.member.name, "c") && !m->u.member.optional);
  CHECK(m->u.member.object->kind == AST_MEMBER && m->u.member.object->u.member.optional);
  AstNode *n = r->program->body.items[1]->u.unary.operand;
  CHECK(n->kind == AST_LOGICAL && n->u.binary.op == OP_NULLISH);
  n = r->program->body.items[2]->u.unary.operand;
  CHECK(n->kind == AST_ASSIGN && n->u.assign.op == OP_EXP);
  n = r->program->body.items[3]->u.unary.operand;
  CHECK(n->kind == AST_ASSIGN && n->u.assign.op == OP_OR);
  parse_result_free(r);

  /* precedence: 1 + 2 * 3 ** 2 ** 2 */
  r = parse("1 + 2 * 3 ** 2 ** 2");
  AstNode *e = first_expr(r);
  CHECK(e->kind == AST_BINARY && e->u.binary.op == OP_ADD);
  AstNode *mul = e->u.binary.right;
  CHECK(mul->u.binary.op == OP_MUL);
  AstNode *ex = mul->u.binary.right;
  CHECK(ex->u.binary.op == OP_EXP && ex->u.binary.right->kind == AST_BINARY && ex->u.binary.right->u.binary.op == OP_EXP);
  parse_result_free(r);

  /* destructuring assignment through the cover grammar */
  r = parse("[a, {b: c = 1, ...d}, ...e] = f;");
  CHECK(r->ok);
  e = first_expr(r);
  CHECK(e->kind == AST_ASSIGN && e->u.assign.target->kind == AST_ARRAY_PATTERN);
  AstNode *ap = e->u.assign.target;
  CHECK(ap->u.pattern.items.count == 2 && ap->u.pattern.rest && ap->u.pattern.rest->kind == AST_IDENTIFIER);
  AstNode *op = ap->u.pattern.items.items[1];
  CHECK(op->kind == AST_OBJECT_PATTERN && op->u.pattern.rest);
  AstNode *pp = op->u.pattern.items.items[0];
  CHECK(pp->kind == AST_PATTERN_PROPERTY && pp->u.pprop.value->kind == AST_PATTERN_DEFAULT);
  parse_result_free(r);

  /* arrows */
  r = parse("(a, {b} = {}, ...c) => a; async x => x; async (y) => await y;");
  CHECK(r->ok);
  e = first_expr(r);
  CHECK(e->kind == AST_FUNCTION && e->u.func->kind == FN_ARROW && e->u.func->params.count == 2 && e->u.func->rest);
  CHECK(e->u.func->length == 1 && !(e->u.func->flags & FNF_SIMPLE_PARAMS) && (e->u.func->flags & FNF_EXPRESSION_BODY));
  e = r->program->body.items[2]->u.unary.operand;
  CHECK(e->kind == AST_FUNCTION && (e->u.func->flags & FNF_ASYNC) && e->u.func->params.count == 1);
  parse_result_free(r);

  expect_ok("async(a, b)");
  expect_ok("({a = 1} = {})");
  expect_error("({a = 1})", "Invalid shorthand property initializer", 1, 5);
  expect_error("a ?? b || c", "Unexpected token '||'", 0, 0);
  expect_error("-2 ** 2",
               "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence",
               0, 0);
  expect_error("1 = 2", "Invalid left-hand side in assignment", 1, 1);
  expect_error("a?.b = 1", "Invalid left-hand side in assignment", 0, 0);
  expect_error("f(a b)", "missing ) after argument list", 1, 5);
  expect_error("(a, b) => { 'use strict'; }; (a, a) => 1", "Duplicate parameter name not allowed in this context", 0, 0);
  expect_error("x = {", "Unexpected end of input", 1, 6);
}

static void test_statements_errors(void) {
  expect_error("}", "Unexpected token '}'", 1, 1);
  expect_error("return 1", "Illegal return statement", 1, 1);
  expect_error("let x; var x;", "Identifier 'x' has already been declared", 1, 12);
  expect_error("{ let y; { var y; } }", "Identifier 'y' has already been declared", 0, 0);
  expect_error("const c;", "Missing initializer in const declaration", 0, 0);
  expect_error("'use strict'; var let = 1;", "Unexpected strict mode reserved word", 0, 0);
  expect_error("'use strict'; with (a) {}", "Strict mode code may not include a with statement", 0, 0);
  expect_error("'use strict'; delete x;", "Delete of an unqualified identifier in strict mode.", 0, 0);
  expect_error("'use strict'; eval = 1;", "Unexpected eval or arguments in strict mode", 0, 0);
  expect_error("var x y", "Unexpected identifier 'y'", 1, 7);
  expect_error("break;", "Illegal break statement", 0, 0);
  expect_error("while (1) { continue foo; }", "Undefined label 'foo'", 0, 0);
  expect_error("a: { continue a; }", "Illegal continue statement: 'a' does not denote an iteration statement", 0, 0);
  expect_error("a: a: ;", "Label 'a' has already been declared", 0, 0);
  expect_error("class C { #x; m() { this.#y; } }", "Private field '#y' must be declared in an enclosing class", 0, 0);
  expect_error("class C { constructor() {} constructor() {} }", "A class may only have one constructor", 0, 0);
  expect_error("function f() { super.x; }", "'super' keyword unexpected here", 0, 0);
  expect_error("class A { constructor() { super(); } }", "'super' keyword unexpected here", 0, 0);
  expect_error("function* g() { var yield; }", "Unexpected identifier 'yield'", 0, 0);
  expect_error("function f(a = 1) { 'use strict'; }",
               "Illegal 'use strict' directive in function with non-simple parameter list", 0, 0);
  expect_error("if (1) let x = 1;", "Lexical declaration cannot appear in a single-statement context", 0, 0);
  expect_error("try {}", "Missing catch or finally after try", 0, 0);
  expect_error("throw\n1", "Illegal newline after throw", 0, 0);
  expect_error("\\u0069f (1) ;", "Keyword must not contain escaped characters", 0, 0);
  expect_error("import x from 'm';", "Cannot use import statement outside a module", 0, 0);
  /* ASI */
  expect_ok("var a = 1\nvar b = 2\na\n++b\n");
  expect_ok("do {} while (0) x = 1");
  expect_ok("x\n/foo/g");
  expect_ok("let \n x = 1");
  expect_ok("<!-- html comment\nx = 1\n--> comment\n/* c */ --> also a comment");
  expect_error("x = 1 --> 0", "Invalid left-hand side expression in postfix operation", 0, 0);
  expect_ok("#!/usr/bin/env petrel\n1");
  expect_ok("if (1) function f() {}");
  expect_ok("label: function f() {}");
  expect_ok("for (var i = 0 in {});");
  expect_ok("class C { static #p = 1; static { this.#p; } get #a() { return 1; } set #a(v) {} }");
  expect_ok("function f() { return new.target; }");
  expect_ok("x = class { [Symbol.iterator]() {} static async *gen() {} 'constructor'() {} }");
  expect_ok("yield = 1; var await = 2; let async = 3; of = 4;");
}

static Variable *find_var(Scope *s, const char *name) {
  for (Variable *v = s->vars; v; v = v->next)
    if (str_is(v->name, name)) return v;
  return NULL;
}

static void test_scopes(void) {
  ParseResult *r = parse(
      "var g = 1; let l = 2;\n"
      "function f(a, b) { let x = a; var y = b; return () => x + this.p + arguments.length; }\n"
      "function h(p) { var q = 0; with (p) { return q; } }\n"
      "function e(s) { eval(s); return z; }\n"
      "for (let i = 0; i < 3; i++) { (() => i)(); }\n");
  CHECK(r->ok);
  FunctionLiteral *prog = r->program;
  CHECK(prog->scope->type == SCOPE_SCRIPT);
  Variable *g = find_var(prog->scope, "g"), *l = find_var(prog->scope, "l");
  CHECK(g && g->location == LOC_GLOBAL && g->mode == VAR_VAR);
  CHECK(l && l->location == LOC_GLOBAL && l->mode == VAR_LET && l->needs_tdz);
  Variable *fv = find_var(prog->scope, "f");
  CHECK(fv && fv->function && fv->function->decl_var == fv);

  FunctionLiteral *f = fv->function;
  Variable *a = find_var(f->scope, "a"), *x = find_var(f->scope, "x"), *y = find_var(f->scope, "y");
  /* a mapped arguments object aliases the parameters, so they live in the context */
  CHECK(a && a->location == LOC_CONTEXT);
  CHECK(x && x->location == LOC_CONTEXT && x->captured);
  CHECK(y && y->location == LOC_LOCAL);
  CHECK(f->this_var && f->this_var->location == LOC_CONTEXT);
  CHECK(f->arguments_var && f->arguments_var->location == LOC_CONTEXT);
  CHECK((f->flags & FNF_USES_ARGUMENTS) && (f->flags & FNF_MAPPED_ARGUMENTS));
  CHECK(f->scope->needs_context && f->scope->context_slot_count == 5);
  CHECK(f->num_locals == 1);

  /* with: the reference inside is dynamic, and p must be findable by name */
  FunctionLiteral *h = find_var(prog->scope, "h")->function;
  Variable *hq = find_var(h->scope, "q");
  CHECK(hq && hq->location == LOC_CONTEXT); /* referenced from inside the with: found by name */
  CHECK(find_var(h->scope, "p")->location == LOC_PARAMETER);
  AstNode *with = h->body.items[1];
  CHECK(with->kind == AST_WITH && with->u.with.scope && with->u.with.scope->needs_context);
  AstNode *ret = with->u.with.body->u.block.body.items[0];
  CHECK(ret->u.unary.operand->u.ref.kind == REF_DYNAMIC);

  /* sloppy direct eval: all visible variables in contexts, free names dynamic */
  FunctionLiteral *e = find_var(prog->scope, "e")->function;
  CHECK(e->flags & FNF_CALLS_SLOPPY_EVAL);
  CHECK(find_var(e->scope, "s")->location == LOC_CONTEXT);
  AstNode *call = e->body.items[0]->u.unary.operand;
  CHECK(call->kind == AST_CALL && (call->flags & AST_FLAG_DIRECT_EVAL));
  AstNode *z = e->body.items[1]->u.unary.operand;
  CHECK(z->u.ref.kind == REF_DYNAMIC);

  /* for (let ...) with a closure: per-iteration context */
  AstNode *loop = prog->body.items[5];
  CHECK(loop->kind == AST_FOR && loop->u.loop.scope && loop->u.loop.scope->per_iteration);
  CHECK(loop->u.loop.scope->needs_context);
  CHECK(find_var(loop->u.loop.scope, "i")->location == LOC_CONTEXT);

  /* declaration instantiation lists for the script */
  bool saw_g = false, saw_l = false, saw_f = false;
  for (uint32_t i = 0; i < r->decls.count; i++) {
    DeclInfo *d = &r->decls.items[i];
    if (str_is(d->name, "g")) saw_g = d->kind == DINFO_VAR;
    if (str_is(d->name, "l")) saw_l = d->kind == DINFO_LET;
    if (str_is(d->name, "f")) saw_f = d->kind == DINFO_FUNCTION && d->function == f;
  }
  CHECK(saw_g && saw_l && saw_f);
  parse_result_free(r);

  /* Annex B.3.3: a sloppy block function also gets a var binding in the function */
  r = parse("function o() { { function inner() {} } return inner; }");
  CHECK(r->ok);
  FunctionLiteral *o = r->program->body.items[0]->u.func;
  AstNode *blk = o->body.items[0];
  FunctionLiteral *inner = blk->u.block.body.items[0]->u.func;
  CHECK(inner->decl_var && inner->decl_var->mode == VAR_FUNCTION && inner->decl_var->scope == blk->u.block.scope);
  CHECK(inner->annexb_var && inner->annexb_var->scope == o->scope && inner->annexb_var->mode == VAR_VAR);
  CHECK(blk->u.block.scope->hoisted_count == 1 && blk->u.block.scope->hoisted_functions[0] == inner);
  AstNode *rr = o->body.items[1]->u.unary.operand;
  CHECK(rr->u.ref.var == inner->annexb_var);
  parse_result_free(r);

  /* no Annex B hoisting across a conflicting let */
  r = parse("function o() { let inner; { function inner() {} } }");
  CHECK(r->ok);
  o = r->program->body.items[0]->u.func;
  inner = o->body.items[1]->u.block.body.items[0]->u.func;
  CHECK(inner->annexb_var == NULL);
  parse_result_free(r);

  /* parameters with expressions get a separate var scope */
  r = parse("function p(a, b = () => a) { var a; return b(); }");
  CHECK(r->ok);
  FunctionLiteral *pf = r->program->body.items[0]->u.func;
  CHECK((pf->flags & FNF_PARAMS_HAVE_EXPRESSIONS) && pf->body_scope != pf->scope && pf->body_scope->type == SCOPE_BODY);
  CHECK(find_var(pf->body_scope, "a") && find_var(pf->scope, "a") && find_var(pf->body_scope, "a") != find_var(pf->scope, "a"));
  CHECK(pf->length == 1);
  parse_result_free(r);

  /* derived constructor: super() in an arrow needs this / new.target / the function in contexts */
  r = parse("class B extends A { constructor() { const f = () => super(); f(); } m() { return () => super.m(); } }");
  CHECK(r->ok);
  ClassLiteral *cls = r->program->body.items[0]->u.cls;
  FunctionLiteral *ctor = cls->constructor;
  CHECK(ctor->kind == FN_DERIVED_CONSTRUCTOR && (ctor->flags & FNF_HAS_SUPER_CALL));
  CHECK(ctor->this_var && ctor->this_var->location == LOC_CONTEXT && ctor->this_var->needs_tdz);
  CHECK(ctor->new_target_var && ctor->this_function_var && ctor->this_function_var->location == LOC_CONTEXT);
  FunctionLiteral *meth = cls->members.items[0]->u.member_.value;
  CHECK(meth->home_object_var && meth->home_object_var->location == LOC_CONTEXT);
  CHECK(cls->decl_var && cls->decl_var->mode == VAR_CLASS);
  parse_result_free(r);

  /* plain parameters stay in their incoming slots */
  r = parse("function plain(a, b) { return a + b; }");
  CHECK(r->ok);
  FunctionLiteral *pl = r->program->body.items[0]->u.func;
  Variable *pa = find_var(pl->scope, "a"), *pb = find_var(pl->scope, "b");
  CHECK(pa && pa->location == LOC_PARAMETER && pa->index == 0);
  CHECK(pb && pb->location == LOC_PARAMETER && pb->index == 1);
  CHECK(pl->num_locals == 0 && !pl->scope->needs_context && !pl->this_var);
  parse_result_free(r);

  /* named function expression: own read-only name binding */
  r = parse("(function fact(n) { return n ? n * fact(n - 1) : 1; })");
  CHECK(r->ok);
  FunctionLiteral *fe = first_expr(r)->u.func;
  CHECK((fe->flags & FNF_NAMED_EXPRESSION) && fe->self_var && fe->self_var->mode == VAR_FUNCTION_NAME);
  parse_result_free(r);
}

static void test_names_and_lengths(void) {
  const char *src = "var f = function() {}; let o = { m() {}, get g() { return 1; }, k: () => 1 };"
                    "function len(a, b, c = 1, d) {}";
  ParseResult *r = parse(src);
  CHECK(r->ok);
  AstNode *d = r->program->body.items[0]->u.vardecl.declarators.items[0];
  CHECK(str_is(d->u.declarator.init->u.func->inferred_name, "f"));
  AstNode *obj = r->program->body.items[1]->u.vardecl.declarators.items[0]->u.declarator.init;
  CHECK(obj->kind == AST_OBJECT && obj->u.list.count == 3);
  CHECK(obj->u.list.items[0]->u.prop.kind == PROP_METHOD && str_is(obj->u.list.items[0]->u.prop.value->u.func->inferred_name, "m"));
  CHECK(obj->u.list.items[1]->u.prop.kind == PROP_GETTER);
  CHECK(str_is(obj->u.list.items[2]->u.prop.value->u.func->inferred_name, "k"));
  FunctionLiteral *len = r->program->body.items[2]->u.func;
  CHECK(len->length == 2);
  /* function source range for toString */
  CHECK(len->source_start == (uint32_t)(strstr(src, "function len") - src) && len->source_end == strlen(src));
  parse_result_free(r);
}

static void test_modules(void) {
  ParseResult *r = parse_module("import d, {a as b, c} from 'm1'; import * as ns from 'm2';\n"
                                "export let x = 1; export {x as y}; export default function () {}\n"
                                "export * from 'm3'; export {z} from 'm1'; await 0;");
  CHECK(r->ok);
  ModuleInfo *m = r->module;
  CHECK(m && m->request_count == 3);
  CHECK(m->import_count == 4);
  CHECK(m->imports[0].import_name && str_is(m->imports[0].import_name, "default") && str_is(m->imports[0].local_name, "d"));
  CHECK(m->imports[3].import_name == NULL && str_is(m->imports[3].local_name, "ns"));
  CHECK(m->imports[1].var && m->imports[1].var->location == LOC_MODULE_IMPORT);
  CHECK(m->local_export_count == 3);
  CHECK(m->star_export_count == 1 && m->indirect_export_count == 1);
  CHECK(m->has_top_level_await);
  Variable *x = find_var(r->program->scope, "x");
  CHECK(x && x->location == LOC_MODULE_EXPORT);
  parse_result_free(r);

  r = parse_module("export {nope};");
  CHECK(!r->ok && strcmp(r->error.message, "Export 'nope' is not defined in module") == 0);
  parse_result_free(r);
  r = parse_module("export let a = 1; export {a};");
  CHECK(!r->ok && strcmp(r->error.message, "Duplicate export of 'a'") == 0);
  parse_result_free(r);
  r = parse_module("var f; function f() {}");
  CHECK(!r->ok && strcmp(r->error.message, "Identifier 'f' has already been declared") == 0);
  parse_result_free(r);
}

static void test_positions(void) {
  ParseResult *r = parse("a;\nbb;\r\n  ccc;\u2028d");
  CHECK(r->ok);
  int line, col;
  parse_position_to_line_col(r, 0, &line, &col);
  CHECK(line == 1 && col == 1);
  parse_position_to_line_col(r, 3, &line, &col);
  CHECK(line == 2 && col == 1);
  parse_position_to_line_col(r, 10, &line, &col);
  CHECK(line == 3 && col == 3);
  parse_position_to_line_col(r, 15, &line, &col);
  CHECK(line == 4 && col == 1);
  parse_result_free(r);
  expect_error("x = 1;\n  y +;", "Unexpected token ';'", 2, 6);
}

static void test_dynamic_function(void) {
  const char *good = "function anonymous(a, b\n) {\nreturn a + b\n}";
  size_t n = strlen(good);
  uint16_t u[128];
  for (size_t i = 0; i < n; i++) u[i] = (uint16_t)good[i];
  ParseResult *r = parse_dynamic_function(u, n, 19, 23, 28, 40, DYNFN_NORMAL, NULL);
  CHECK(r->ok);
  AstNode *fn = r->program->body.items[0]->u.unary.operand;
  CHECK(fn->kind == AST_FUNCTION && fn->u.func->params.count == 2 && str_is(fn->u.func->name, "anonymous"));
  CHECK(!(fn->u.func->flags & FNF_NAMED_EXPRESSION));
  parse_result_free(r);
  /* parameters that close the list early are rejected */
  const char *bad = "function anonymous(a) {}, (b\n) {\n\n}";
  n = strlen(bad);
  for (size_t i = 0; i < n; i++) u[i] = (uint16_t)bad[i];
  r = parse_dynamic_function(u, n, 19, 28, 33, 34, DYNFN_NORMAL, NULL);
  CHECK(!r->ok);
  parse_result_free(r);
}

static void test_eval_options(void) {
  ParseOptions o;
  parse_options_init(&o);
  o.is_eval = true;
  o.is_direct_eval = true;
  o.eval_in_function = true;
  o.allow_new_target = true;
  ParseResult *r = parse_opts("var y = x; this; new.target; let z = 1; z;", &o);
  CHECK(r->ok);
  FunctionLiteral *e = r->program;
  CHECK(e->kind == FN_EVAL && e->scope->type == SCOPE_EVAL);
  Variable *y = find_var(e->scope, "y");
  CHECK(y && y->location == LOC_LOOKUP);
  AstNode *x = e->body.items[0]->u.vardecl.declarators.items[0]->u.declarator.init;
  CHECK(x->u.ref.kind == REF_DYNAMIC);
  CHECK(e->body.items[1]->u.unary.operand->u.ref.kind == REF_DYNAMIC);
  CHECK(e->body.items[2]->u.unary.operand->kind == AST_NEW_TARGET);
  CHECK(e->body.items[2]->u.unary.operand->u.ref.kind == REF_DYNAMIC);
  Variable *z = find_var(e->scope, "z");
  CHECK(z && (z->location == LOC_LOCAL || z->location == LOC_CONTEXT) && z->mode == VAR_LET);
  CHECK(r->decls.count == 1 && r->decls.items[0].kind == DINFO_VAR && str_is(r->decls.items[0].name, "y"));
  parse_result_free(r);

  /* strict eval keeps its vars */
  o.strict = true;
  r = parse_opts("var y = 1; y;", &o);
  CHECK(r->ok && find_var(r->program->scope, "y")->location == LOC_LOCAL && r->decls.count == 0);
  parse_result_free(r);
  o.strict = false;

  /* new.target needs permission */
  o.allow_new_target = false;
  r = parse_opts("new.target", &o);
  CHECK(!r->ok);
  parse_result_free(r);

  /* private names of enclosing classes are visible to direct eval when the caller lists them */
  static const uint16_t pname[] = {'p'};
  const uint16_t *names[] = {pname};
  uint32_t lens[] = {1};
  o.private_names = names;
  o.private_name_lengths = lens;
  o.private_name_count = 1;
  r = parse_opts("this.#p", &o);
  CHECK(r->ok);
  AstNode *m = r->program->body.items[0]->u.unary.operand;
  CHECK(m->kind == AST_MEMBER && m->u.member.member_kind == MEMBER_PRIVATE && m->u.member.key->u.ref.kind == REF_DYNAMIC);
  parse_result_free(r);
  r = parse_opts("this.#q", &o);
  CHECK(!r->ok && strcmp(r->error.message, "Private field '#q' must be declared in an enclosing class") == 0);
  parse_result_free(r);
}

static void test_limits(void) {
  size_t n = 200000;
  uint16_t *u = malloc(n * 2);
  for (size_t i = 0; i < n; i++) u[i] = '(';
  ParseResult *r = parse_program(u, n, NULL);
  CHECK(!r->ok && r->error.kind == PARSE_ERROR_RANGE &&
        strcmp(r->error.message, "Maximum call stack size exceeded") == 0);
  parse_result_free(r);
  for (size_t i = 0; i < n; i++) u[i] = '[';
  r = parse_program(u, n, NULL);
  CHECK(!r->ok);
  parse_result_free(r);
  /* a long left-associative chain is a loop, not recursion in the parser */
  size_t k = 0;
  u[k++] = 'a';
  while (k + 2 < 20000) {
    u[k++] = '+';
    u[k++] = 'a';
  }
  r = parse_program(u, k, NULL);
  CHECK(r->ok);
  parse_result_free(r);
  free(u);
}

int main(void) {
  test_numbers();
  test_strings_templates();
  test_regexp_and_division();
  test_expressions();
  test_statements_errors();
  test_scopes();
  test_names_and_lengths();
  test_modules();
  test_positions();
  test_dynamic_function();
  test_eval_options();
  test_limits();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
