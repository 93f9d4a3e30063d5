/*
 * Recursive-descent parser for ECMAScript 2025. Builds the AST (ast.h) in a zone, raises the
 * syntax-directed early errors as it goes (strict-mode words, yield/await contexts, labels,
 * break/continue targets, super and new.target validity, cover-grammar leftovers), then hands the
 * tree to scope analysis (scopes.c) for the declaration-based ones.
 *
 * Errors unwind with longjmp to parse_program: all memory is in the zone, so that is safe.
 * Destructuring uses the cover grammar: object/array literals and parenthesized lists are parsed
 * as expressions and converted in place into patterns when `=` or `=>` follows.
 */
#include "parsing/parser-internal.h"

#include "base/dtoa.h"
#include "objects/bigint.h"
#include "regexp/regexp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DEPTH 10000
#define NO_POS UINT32_MAX

/* ---------------------------------------------------------------- errors and memory */

void parse_fail_at(Parser *p, uint32_t start, uint32_t end, const char *fmt, ...) {
  ParseError *e = &p->result->error;
  if (e->kind == PARSE_ERROR_NONE) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    e->kind = PARSE_ERROR_SYNTAX;
    e->offset = start;
    e->end = end < start ? start : end;
  }
  longjmp(*p->jmp, 1);
}

/* Raises an error recorded earlier (a pre-parsed body's early error, PreparseData.error). */
void parse_fail_with(Parser *p, const ParseError *err) {
  ParseError *e = &p->result->error;
  if (e->kind == PARSE_ERROR_NONE) *e = *err;
  longjmp(*p->jmp, 1);
}

void parse_fail_oom(Parser *p) {
  ParseError *e = &p->result->error;
  e->kind = PARSE_ERROR_OOM;
  snprintf(e->message, sizeof e->message, "Out of memory");
  longjmp(*p->jmp, 1);
}

static PT_NORETURN void fail_range(Parser *p) {
  ParseError *e = &p->result->error;
  e->kind = PARSE_ERROR_RANGE;
  snprintf(e->message, sizeof e->message, "Maximum call stack size exceeded");
  e->offset = p->tok.start;
  e->end = p->tok.end;
  longjmp(*p->jmp, 1);
}

void *parse_alloc(Parser *p, size_t size) {
  void *m = zone_alloc(p->zone, size);
  if (!m) parse_fail_oom(p);
  return m;
}

void *parse_alloc_keep(Parser *p, size_t size) {
  void *m = zone_alloc(&p->result->zone, size);
  if (!m) parse_fail_oom(p);
  return m;
}

void *parse_alloc_summary(Parser *p, size_t size) {
  Zone *z = p->skip_depth > 1 ? p->skip_zones[p->skip_depth - 2] : &p->result->zone;
  void *m = zone_alloc(z, size);
  if (!m) parse_fail_oom(p);
  return m;
}

/* Enters the body of a skipped function: its nodes go to the zone of the new skip depth. */
static void skip_enter(Parser *p) {
  if (p->skip_depth == p->skip_zone_count) {
    Zone **zs = realloc(p->skip_zones, sizeof(Zone *) * (p->skip_zone_count + 1));
    if (!zs) parse_fail_oom(p);
    p->skip_zones = zs;
    Zone *z = malloc(sizeof(Zone));
    if (!z) parse_fail_oom(p);
    zone_init(z);
    p->skip_zones[p->skip_zone_count++] = z;
  }
  p->zone = p->skip_zones[p->skip_depth++];
}

/* Leaves a skipped body: its zone is emptied (its first chunk kept for the next body). */
static void skip_leave(Parser *p) {
  zone_reset(p->skip_zones[--p->skip_depth]);
  p->zone = p->skip_depth ? p->skip_zones[p->skip_depth - 1] : &p->result->zone;
}

static void skip_zones_free(Parser *p) {
  for (uint32_t i = 0; i < p->skip_zone_count; i++) {
    zone_free_all(p->skip_zones[i]);
    free(p->skip_zones[i]);
  }
  free(p->skip_zones);
  p->skip_zones = NULL;
  p->skip_zone_count = p->skip_depth = 0;
}

static void tok_text(Parser *p, const Token *t, char *buf, size_t size) {
  uint32_t n = t->end - t->start;
  AstString tmp_hdr;
  (void)tmp_hdr;
  size_t o = 0;
  for (uint32_t i = 0; i < n && o + 4 < size; i++) {
    uint16_t c = p->src[t->start + i];
    if (c < 0x80) buf[o++] = (char)c;
    else {
      /* good enough for messages: reuse the AST string converter on the name */
      if (t->str) {
        ast_string_to_utf8(t->str, buf, size);
        return;
      }
      buf[o++] = '?';
    }
  }
  buf[o] = 0;
}

void parse_fail_unexpected(Parser *p) {
  Token *t = &p->tok;
  char text[128];
  switch (t->type) {
  case TOK_EOF:
    parse_fail_at(p, t->start, t->end, "Unexpected end of input");
  case TOK_IDENT:
    if (t->escaped && t->kw != KW_NONE && t->kw <= KW_YIELD)
      parse_fail_at(p, t->start, t->end, "Keyword must not contain escaped characters");
    ast_string_to_utf8(t->str, text, sizeof text);
    if (t->kw >= KW_BREAK && t->kw <= KW_WITH && t->kw != KW_YIELD)
      parse_fail_at(p, t->start, t->end, "Unexpected token '%s'", text);
    if (p->strict && ((t->kw >= KW_LET && t->kw <= KW_PUBLIC) || t->kw == KW_YIELD))
      parse_fail_at(p, t->start, t->end, "Unexpected strict mode reserved word");
    parse_fail_at(p, t->start, t->end, "Unexpected identifier '%s'", text);
  case TOK_PRIVATE_NAME:
    tok_text(p, t, text, sizeof text);
    parse_fail_at(p, t->start, t->end, "Unexpected identifier '%s'", text);
  case TOK_NUMBER:
  case TOK_BIGINT:
    parse_fail_at(p, t->start, t->end, "Unexpected number");
  case TOK_STRING:
    parse_fail_at(p, t->start, t->end, "Unexpected string");
  case TOK_TEMPLATE:
    parse_fail_at(p, t->start, t->end, "Unexpected template string");
  case TOK_REGEXP:
    parse_fail_at(p, t->start, t->end, "Unexpected regular expression");
  default:
    parse_fail_at(p, t->start, t->end, "Unexpected token '%s'", token_text((TokenType)t->type));
  }
}

/* ---------------------------------------------------------------- interning */

static uint32_t hash_units(const uint16_t *s, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 16777619u;
  }
  return h;
}

static InternEntry *intern_find(Parser *p, const uint16_t *chars, uint32_t len, uint32_t h) {
  uint32_t mask = p->intern_cap - 1;
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    InternEntry *e = &p->intern[i];
    if (!e->s) return e;
    if (e->s->hash == h && e->s->length == len && (len == 0 || memcmp(e->s->chars, chars, (size_t)len * 2) == 0))
      return e;
  }
}

static void intern_grow(Parser *p) {
  uint32_t ncap = p->intern_cap ? p->intern_cap * 2 : 1024;
  InternEntry *old = p->intern;
  uint32_t ocap = p->intern_cap;
  p->intern = parse_alloc_keep(p, sizeof(InternEntry) * ncap);
  p->intern_cap = ncap;
  for (uint32_t i = 0; i < ocap; i++) {
    if (!old[i].s) continue;
    InternEntry *e = intern_find(p, old[i].s->chars, old[i].s->length, old[i].s->hash);
    *e = old[i];
  }
}

AstString *parse_intern(Parser *p, const uint16_t *chars, uint32_t len) {
  if ((p->intern_count + 1) * 2 > p->intern_cap) intern_grow(p);
  uint32_t h = hash_units(chars, len);
  InternEntry *e = intern_find(p, chars, len, h);
  if (e->s) return e->s;
  AstString *s = parse_alloc_keep(p, sizeof(AstString) + ((size_t)len + 1) * 2);
  s->length = len;
  s->hash = h;
  bool one = true;
  for (uint32_t i = 0; i < len; i++) {
    s->chars[i] = chars[i];
    if (chars[i] > 255) one = false;
  }
  s->one_byte = one;
  e->s = s;
  e->kw = KW_NONE;
  p->intern_count++;
  return s;
}

/* The name functions get from a private element: its description with the `#` (`#m`, `get #x`). */
static AstString *private_display_name(Parser *p, const AstString *name) {
  uint16_t *units = parse_alloc(p, ((size_t)name->length + 1) * sizeof(uint16_t));
  units[0] = '#';
  memcpy(units + 1, name->chars, (size_t)name->length * sizeof(uint16_t));
  return parse_intern(p, units, name->length + 1);
}

AstString *parse_intern_ascii(Parser *p, const char *s) {
  uint16_t tmp[64];
  size_t n = strlen(s);
  PT_ASSERT(n < 64);
  for (size_t i = 0; i < n; i++) tmp[i] = (unsigned char)s[i];
  return parse_intern(p, tmp, (uint32_t)n);
}

uint8_t parse_keyword_of(Parser *p, const AstString *s) {
  InternEntry *e = intern_find(p, s->chars, s->length, s->hash);
  return e->s ? e->kw : KW_NONE;
}

static const char *const keyword_texts[KW_COUNT] = {
    [KW_AWAIT] = "await", [KW_BREAK] = "break", [KW_CASE] = "case", [KW_CATCH] = "catch",
    [KW_CLASS] = "class", [KW_CONST] = "const", [KW_CONTINUE] = "continue",
    [KW_DEBUGGER] = "debugger", [KW_DEFAULT] = "default", [KW_DELETE] = "delete", [KW_DO] = "do",
    [KW_ELSE] = "else", [KW_ENUM] = "enum", [KW_EXPORT] = "export", [KW_EXTENDS] = "extends",
    [KW_FALSE] = "false", [KW_FINALLY] = "finally", [KW_FOR] = "for", [KW_FUNCTION] = "function",
    [KW_IF] = "if", [KW_IMPORT] = "import", [KW_IN] = "in", [KW_INSTANCEOF] = "instanceof",
    [KW_NEW] = "new", [KW_NULL] = "null", [KW_RETURN] = "return", [KW_SUPER] = "super",
    [KW_SWITCH] = "switch", [KW_THIS] = "this", [KW_THROW] = "throw", [KW_TRUE] = "true",
    [KW_TRY] = "try", [KW_TYPEOF] = "typeof", [KW_VAR] = "var", [KW_VOID] = "void",
    [KW_WHILE] = "while", [KW_WITH] = "with", [KW_YIELD] = "yield", [KW_LET] = "let",
    [KW_STATIC] = "static", [KW_IMPLEMENTS] = "implements", [KW_INTERFACE] = "interface",
    [KW_PACKAGE] = "package", [KW_PRIVATE] = "private", [KW_PROTECTED] = "protected",
    [KW_PUBLIC] = "public", [KW_AS] = "as", [KW_ASYNC] = "async", [KW_FROM] = "from",
    [KW_GET] = "get", [KW_OF] = "of", [KW_SET] = "set", [KW_TARGET] = "target",
    [KW_META] = "meta", [KW_USING] = "using", [KW_ARGUMENTS] = "arguments", [KW_EVAL] = "eval",
    [KW_CONSTRUCTOR] = "constructor", [KW_PROTOTYPE] = "prototype", [KW_PROTO] = "__proto__",
    [KW_USE_STRICT_] = "use strict", [KW_ACCESSOR] = "accessor",
};

static void intern_keywords(Parser *p) {
  for (int k = 1; k < KW_COUNT; k++) {
    AstString *s = parse_intern_ascii(p, keyword_texts[k]);
    InternEntry *e = intern_find(p, s->chars, s->length, s->hash);
    e->kw = (uint8_t)k;
    p->kw_names[k] = s;
  }
}

/* ---------------------------------------------------------------- node helpers */

static AstNode *new_node(Parser *p, AstKind kind, uint32_t start) {
  AstNode *n = parse_alloc(p, sizeof(AstNode));
  n->kind = (uint8_t)kind;
  n->start = start;
  n->end = p->prev_end > start ? p->prev_end : start;
  return n;
}
static AstNode *finish(Parser *p, AstNode *n) {
  n->end = p->prev_end;
  return n;
}

typedef struct NodeVec {
  AstNode **items;
  uint32_t count, cap;
} NodeVec;

static void vec_push(Parser *p, NodeVec *v, AstNode *n) {
  if (v->count == v->cap) {
    uint32_t ncap = v->cap ? v->cap * 2 : 4;
    AstNode **ni = parse_alloc(p, sizeof(AstNode *) * ncap);
    if (v->count) memcpy(ni, v->items, sizeof(AstNode *) * v->count);
    v->items = ni;
    v->cap = ncap;
  }
  v->items[v->count++] = n;
}
static AstNodeList vec_list(NodeVec *v) {
  AstNodeList l = {v->items, v->count};
  return l;
}

typedef struct PtrVec {
  void **items;
  uint32_t count, cap;
} PtrVec;
static void pvec_push(Parser *p, PtrVec *v, void *x) {
  if (v->count == v->cap) {
    uint32_t ncap = v->cap ? v->cap * 2 : 4;
    void **ni = parse_alloc(p, sizeof(void *) * ncap);
    if (v->count) memcpy(ni, v->items, sizeof(void *) * v->count);
    v->items = ni;
    v->cap = ncap;
  }
  v->items[v->count++] = x;
}

/* ---------------------------------------------------------------- token helpers */

static inline void next(Parser *p) { scan_next(p); }
static inline bool at(Parser *p, TokenType t) { return p->tok.type == t; }
static inline bool at_kw(Parser *p, Keyword k) {
  return p->tok.type == TOK_IDENT && p->tok.kw == k && !p->tok.escaped;
}
static inline bool eat(Parser *p, TokenType t) {
  if (p->tok.type != t) return false;
  next(p);
  return true;
}
static inline bool eat_kw(Parser *p, Keyword k) {
  if (!at_kw(p, k)) return false;
  next(p);
  return true;
}
static void expect(Parser *p, TokenType t) {
  if (p->tok.type != t) {
    if (t == TOK_RPAREN && p->in_template_expr == false && p->tok.type != TOK_EOF && false)
      parse_fail_at(p, p->tok.start, p->tok.end, "missing ) after argument list");
    parse_fail_unexpected(p);
  }
  next(p);
}
static void expect_kw(Parser *p, Keyword k) {
  if (!at_kw(p, k)) parse_fail_unexpected(p);
  next(p);
}

/* Automatic semicolon insertion. */
static void consume_semicolon(Parser *p) {
  if (eat(p, TOK_SEMI)) return;
  if (at(p, TOK_RBRACE) || at(p, TOK_EOF) || p->tok.nl_before) return;
  parse_fail_unexpected(p);
}

static void enter(Parser *p) {
  volatile char probe;
  if (++p->depth > MAX_DEPTH || (uintptr_t)&probe < p->stack_limit) fail_range(p);
}
static inline void leave(Parser *p) { p->depth--; }

/* The token after the current one (bounded lookahead). */
static Token peek_token(Parser *p) {
  ScanState s;
  scan_save(p, &s);
  next(p);
  Token t = p->tok;
  scan_restore(p, &s);
  return t;
}

/* ---------------------------------------------------------------- identifier rules */

static bool kw_is_reserved(uint8_t kw) { return kw >= KW_BREAK && kw <= KW_WITH; }
static bool kw_is_strict_reserved(uint8_t kw) {
  return (kw >= KW_LET && kw <= KW_PUBLIC) || kw == KW_YIELD;
}

static void check_identifier_token(Parser *p, bool binding) {
  Token *t = &p->tok;
  if (t->type != TOK_IDENT) parse_fail_unexpected(p);
  uint8_t kw = t->kw;
  const char *esc = "Keyword must not contain escaped characters";
  if (kw_is_reserved(kw)) {
    if (t->escaped) parse_fail_at(p, t->start, t->end, "%s", esc);
    if (kw == KW_ENUM) parse_fail_at(p, t->start, t->end, "Unexpected reserved word");
    parse_fail_unexpected(p);
  }
  if (kw == KW_YIELD) {
    if (p->strict) parse_fail_at(p, t->start, t->end, "Unexpected strict mode reserved word");
    if (p->fs->is_generator) parse_fail_at(p, t->start, t->end, "Unexpected identifier 'yield'");
  }
  if (kw == KW_AWAIT) {
    if (p->is_module || p->fs->is_async || p->fs->in_static_block)
      parse_fail_at(p, t->start, t->end, "%s", t->escaped && !binding ? esc : "Unexpected reserved word");
  }
  if (p->strict && kw >= KW_LET && kw <= KW_PUBLIC)
    parse_fail_at(p, t->start, t->end, "%s", t->escaped ? esc : "Unexpected strict mode reserved word");
  if (binding && p->strict && (kw == KW_EVAL || kw == KW_ARGUMENTS))
    parse_fail_at(p, t->start, t->end, "Unexpected eval or arguments in strict mode");
  if (kw == KW_ARGUMENTS && !binding && p->fs->in_class_field)
    parse_fail_at(p, t->start, t->end,
                  "'arguments' is not allowed in class field initializer or static initialization block");
}

static AstNode *make_ident(Parser *p, AstString *name, uint32_t start, uint32_t end) {
  AstNode *n = parse_alloc(p, sizeof(AstNode));
  n->kind = AST_IDENTIFIER;
  n->start = start;
  n->end = end;
  n->u.ref.name = name;
  return n;
}

static AstNode *parse_identifier(Parser *p, bool binding) {
  check_identifier_token(p, binding);
  AstNode *n = make_ident(p, p->tok.str, p->tok.start, p->tok.end);
  next(p);
  return n;
}

/* Re-checks names already parsed when a "use strict" directive turns the function strict. */
static void check_strict_binding_name(Parser *p, AstNode *id) {
  uint8_t kw = parse_keyword_of(p, id->u.ref.name);
  if (kw == KW_EVAL || kw == KW_ARGUMENTS)
    parse_fail_at(p, id->start, id->end, "Unexpected eval or arguments in strict mode");
  if (kw_is_strict_reserved(kw))
    parse_fail_at(p, id->start, id->end, "Unexpected strict mode reserved word");
}

/* ---------------------------------------------------------------- forward declarations */

static AstNode *parse_expression(Parser *p, bool no_in);
static AstNode *parse_assignment(Parser *p, bool no_in);
static AstNode *parse_statement(Parser *p, bool list_item);
static AstNode *parse_unary(Parser *p);
static AstNode *parse_lhs(Parser *p);
static AstNode *parse_binding_target(Parser *p);
static AstNode *parse_binding_element(Parser *p);
static ClassLiteral *parse_class(Parser *p, bool is_decl, bool name_optional);
typedef struct FnParseInfo {
  uint8_t kind;
  bool is_async, is_generator, is_static;
  bool is_decl;
  AstString *name;
  AstNode *name_node;
  uint32_t start;
  ClassLiteral *cls;
} FnParseInfo;
static FunctionLiteral *parse_function_rest(Parser *p, FnParseInfo *info);
static void to_assignment_target(Parser *p, AstNode *n, bool nested);
static void parse_statement_list_until(Parser *p, NodeVec *out, TokenType end, bool directives,
                                       FunctionLiteral *fn);

static FunctionLiteral *new_function(Parser *p, uint8_t kind, uint32_t start) {
  FunctionLiteral *f = parse_alloc(p, sizeof(FunctionLiteral));
  f->kind = kind;
  f->source_start = start;
  if (p->function_count == p->functions_cap) {
    uint32_t cap = p->functions_cap ? 2 * p->functions_cap : 64;
    FunctionLiteral **table = parse_alloc_keep(p, cap * sizeof *table);
    if (p->function_count) memcpy(table, p->functions, p->function_count * sizeof *table);
    p->functions = table;
    p->functions_cap = cap;
  }
  p->functions[p->function_count] = f;
  f->function_literal_id = p->function_count++;
  f->outer = p->fs ? p->fs->fn : NULL;
  f->reparse_bits = FNR_RECORDED | (p->strict ? FNR_STRICT : 0) | (p->no_in_ ? FNR_NO_IN : 0);
  if (p->fs) {
    const FnState *o = p->fs;
    f->reparse_bits |= (o->is_async ? FNR_OUTER_ASYNC : 0) | (o->is_generator ? FNR_OUTER_GENERATOR : 0) |
                       (o->allow_new_target ? FNR_NEW_TARGET : 0) | (o->allow_super_property ? FNR_SUPER_PROPERTY : 0) |
                       (o->allow_super_call ? FNR_SUPER_CALL : 0) | (o->in_class_field ? FNR_CLASS_FIELD : 0) |
                       (o->in_static_block ? FNR_STATIC_BLOCK : 0);
  }
  return f;
}

/* ---------------------------------------------------------------- cover grammar */

static void note_cover_error(Parser *p, uint32_t pos, bool is_proto) {
  if (p->cover_init_pos == NO_POS) {
    p->cover_init_pos = pos;
    p->cover_is_proto = is_proto;
  }
}

/* Checks an expression that cannot become a pattern any more. */
static void check_no_cover(Parser *p) {
  if (p->cover_init_pos != NO_POS) {
    uint32_t pos = p->cover_init_pos;
    p->cover_init_pos = NO_POS;
    if (p->cover_is_proto)
      parse_fail_at(p, pos, pos + 9, "Duplicate __proto__ fields are not allowed in object literals");
    parse_fail_at(p, pos, pos + 1, "Invalid shorthand property initializer");
  }
}

/* Annex B (web compat): in sloppy code `f() = x`, `f()++`, `for (f() in o)` parse and throw a
 * ReferenceError when evaluated. */
static bool is_sloppy_call_target(Parser *p, AstNode *n) {
  return !p->strict && n->kind == AST_CALL && !n->u.call.optional;
}

static bool is_simple_target(Parser *p, AstNode *n) {
  if (n->kind == AST_IDENTIFIER) {
    if (p->strict) {
      uint8_t kw = parse_keyword_of(p, n->u.ref.name);
      if (kw == KW_EVAL || kw == KW_ARGUMENTS) return false;
    }
    return true;
  }
  if (n->kind == AST_MEMBER || n->kind == AST_SUPER_MEMBER) return true;
  return false;
}

static PT_NORETURN void fail_lhs(Parser *p, AstNode *n, const char *what) {
  if (n->kind == AST_IDENTIFIER && p->strict)
    parse_fail_at(p, n->start, n->end, "Unexpected eval or arguments in strict mode");
  parse_fail_at(p, n->start, n->end, "Invalid left-hand side %s", what);
}

/* Turns a parsed expression into an assignment target (nested: inside a pattern, where `x = d`
 * means a default). For binding patterns (arrow params) see to_binding_pattern. */
static void to_assignment_target(Parser *p, AstNode *n, bool nested) {
  enter(p);
  bool paren = (n->flags & AST_FLAG_PARENTHESIZED) != 0;
  switch (n->kind) {
  case AST_IDENTIFIER:
  case AST_MEMBER:
  case AST_SUPER_MEMBER:
    if (!is_simple_target(p, n)) fail_lhs(p, n, "in assignment");
    break;
  case AST_ASSIGN:
    if (!nested || paren || n->u.assign.op != OP_ASSIGN) fail_lhs(p, n, "in assignment");
    {
      AstNode *t = n->u.assign.target, *v = n->u.assign.value;
      to_assignment_target(p, t, false);
      n->kind = AST_PATTERN_DEFAULT;
      n->u.pdefault.target = t;
      n->u.pdefault.value = v;
      /* target was already validated when the assignment was parsed */
    }
    break;
  case AST_PATTERN_DEFAULT:
  case AST_OBJECT_PATTERN:
  case AST_ARRAY_PATTERN:
    if (paren) fail_lhs(p, n, "in assignment");
    break;
  case AST_ARRAY: {
    if (paren) fail_lhs(p, n, "in assignment");
    AstNodeList items = n->u.list;
    AstNode *rest = NULL;
    uint32_t count = items.count;
    for (uint32_t i = 0; i < count; i++) {
      AstNode *e = items.items[i];
      if (!e) continue;
      if (e->kind == AST_SPREAD) {
        if (i != count - 1 || (n->flags & AST_FLAG_TRAILING_COMMA))
          parse_fail_at(p, e->start, e->end, "Rest element must be last element");
        rest = e->u.unary.operand;
        if (rest->kind == AST_ASSIGN && !(rest->flags & AST_FLAG_PARENTHESIZED))
          parse_fail_at(p, rest->start, rest->end, "Invalid destructuring assignment target");
        to_assignment_target(p, rest, false);
        count--;
        break;
      }
      to_assignment_target(p, e, true);
    }
    n->kind = AST_ARRAY_PATTERN;
    n->u.pattern.items.items = items.items;
    n->u.pattern.items.count = count;
    n->u.pattern.rest = rest;
    break;
  }
  case AST_OBJECT: {
    if (paren) fail_lhs(p, n, "in assignment");
    AstNodeList props = n->u.list;
    AstNode *rest = NULL;
    uint32_t count = props.count;
    for (uint32_t i = 0; i < count; i++) {
      AstNode *pr = props.items[i];
      if (pr->u.prop.kind == PROP_SPREAD) {
        if (i != count - 1 || (n->flags & AST_FLAG_TRAILING_COMMA))
          parse_fail_at(p, pr->start, pr->end, "Rest element must be last element");
        rest = pr->u.prop.value;
        if (rest->kind != AST_IDENTIFIER && rest->kind != AST_MEMBER && rest->kind != AST_SUPER_MEMBER)
          parse_fail_at(p, rest->start, rest->end, "`...` must be followed by an assignable reference in assignment contexts");
        to_assignment_target(p, rest, false);
        count--;
        break;
      }
      if (pr->u.prop.kind != PROP_INIT && pr->u.prop.kind != PROP_PROTO)
        parse_fail_at(p, pr->start, pr->end, "Invalid destructuring assignment target");
      AstNode *v = pr->u.prop.value;
      to_assignment_target(p, v, true);
      uint8_t kk = pr->u.prop.key_kind;
      AstString *kn = pr->u.prop.key_name;
      double knum = pr->u.prop.key_number;
      AstNode *key = pr->u.prop.key;
      pr->kind = AST_PATTERN_PROPERTY;
      pr->u.pprop.key_kind = kk;
      pr->u.pprop.key_name = kn;
      pr->u.pprop.key_number = knum;
      pr->u.pprop.key = key;
      pr->u.pprop.value = v;
    }
    n->kind = AST_OBJECT_PATTERN;
    n->u.pattern.items.items = props.items;
    n->u.pattern.items.count = count;
    n->u.pattern.rest = rest;
    break;
  }
  default:
    if (nested) parse_fail_at(p, n->start, n->end, "Invalid destructuring assignment target");
    fail_lhs(p, n, "in assignment");
  }
  leave(p);
}

/* Arrow parameters: like assignment targets but only identifiers at the leaves. */
static void check_binding_pattern(Parser *p, AstNode *n) {
  enter(p);
  switch (n->kind) {
  case AST_IDENTIFIER: {
    if (n->flags & AST_FLAG_PARENTHESIZED) parse_fail_at(p, n->start, n->end, "Invalid destructuring assignment target");
    uint8_t kw = parse_keyword_of(p, n->u.ref.name);
    if (p->strict && (kw == KW_EVAL || kw == KW_ARGUMENTS))
      parse_fail_at(p, n->start, n->end, "Unexpected eval or arguments in strict mode");
    if (kw == KW_AWAIT && p->fs->is_async) parse_fail_at(p, n->start, n->end, "Unexpected reserved word");
    break;
  }
  case AST_PATTERN_DEFAULT:
    check_binding_pattern(p, n->u.pdefault.target);
    break;
  case AST_OBJECT_PATTERN:
    for (uint32_t i = 0; i < n->u.pattern.items.count; i++)
      check_binding_pattern(p, n->u.pattern.items.items[i]->u.pprop.value);
    if (n->u.pattern.rest) check_binding_pattern(p, n->u.pattern.rest);
    break;
  case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < n->u.pattern.items.count; i++)
      if (n->u.pattern.items.items[i]) check_binding_pattern(p, n->u.pattern.items.items[i]);
    if (n->u.pattern.rest) check_binding_pattern(p, n->u.pattern.rest);
    break;
  default:
    parse_fail_at(p, n->start, n->end, "Invalid destructuring assignment target");
  }
  leave(p);
}

/* ---------------------------------------------------------------- literals */

static AstString *number_key_name(Parser *p, double d) {
  char buf[DTOA_BUF_SIZE];
  dtoa_to_js_string(d, buf);
  return parse_intern_ascii(p, buf);
}

static AstNode *parse_template(Parser *p, bool tagged) {
  AstNode *n = new_node(p, AST_TEMPLATE, p->tok.start);
  PtrVec cooked = {0}, raw = {0};
  NodeVec exprs = {0};
  for (;;) {
    if (!tagged && !p->tok.str)
      parse_fail_at(p, p->tok.escape_error_pos, p->tok.escape_error_pos + 2, "%s",
                    p->tok.escape_error ? p->tok.escape_error : "Invalid escape sequence in template");
    pvec_push(p, &cooked, p->tok.str);
    pvec_push(p, &raw, p->tok.raw);
    if (p->tok.template_tail) {
      next(p);
      break;
    }
    next(p);
    bool saved = p->in_template_expr;
    p->in_template_expr = true;
    AstNode *e = parse_expression(p, false);
    p->in_template_expr = saved;
    vec_push(p, &exprs, e);
    if (!at(p, TOK_RBRACE)) parse_fail_unexpected(p);
    scan_template_continue(p);
  }
  n->u.tmpl.cooked = (AstString **)cooked.items;
  n->u.tmpl.raw = (AstString **)raw.items;
  n->u.tmpl.exprs = exprs.items;
  n->u.tmpl.quasi_count = cooked.count;
  return finish(p, n);
}

static AstNode *parse_regexp(Parser *p) {
  scan_regexp(p);
  AstNode *n = new_node(p, AST_REGEXP, p->tok.start);
  n->u.regexp.pattern = p->tok.str;
  n->u.regexp.flags = p->tok.raw;
  char flags[16];
  AstString *f = p->tok.raw;
  if (f->length >= sizeof flags) parse_fail_at(p, p->tok.start, p->tok.end, "Invalid regular expression flags");
  for (uint32_t i = 0; i < f->length; i++) {
    if (f->chars[i] > 127) parse_fail_at(p, p->tok.start, p->tok.end, "Invalid regular expression flags");
    flags[i] = (char)f->chars[i];
  }
  flags[f->length] = 0;
  if (re_parse_flags_ascii(flags) < 0)
    parse_fail_at(p, p->tok.start, p->tok.end, "Invalid regular expression flags");
  char err[256];
  if (!re_validate_pattern(p->tok.str->chars, p->tok.str->length, flags, err, sizeof err))
    parse_fail_at(p, p->tok.start, p->tok.end, "%s", err);
  next(p);
  return finish(p, n);
}

/* PropertyName: fills key kind/name/number/node. Returns false if the current token cannot start one. */
typedef struct PropKey {
  uint8_t kind;
  AstString *name;
  double number;
  AstNode *key;
  bool is_ident;     /* written as a plain identifier (shorthand candidate) */
  Token tok;         /* the token of a non-computed key */
} PropKey;

static void parse_property_key(Parser *p, PropKey *k, bool allow_private) {
  memset(k, 0, sizeof *k);
  k->tok = p->tok;
  switch (p->tok.type) {
  case TOK_IDENT:
    k->kind = KEY_NAMED;
    k->name = p->tok.str;
    k->is_ident = true;
    next(p);
    return;
  case TOK_STRING:
    k->kind = KEY_NAMED;
    k->name = p->tok.str;
    next(p);
    return;
  case TOK_NUMBER:
    k->kind = KEY_NUMBER;
    k->number = p->tok.number;
    k->name = number_key_name(p, p->tok.number);
    next(p);
    return;
  case TOK_BIGINT: {
    /* the key is the bigint's decimal string */
    AstString *d = p->tok.str;
    k->kind = KEY_NAMED;
    char *dec = bigint_literal_to_decimal(d->chars, d->length);
    if (!dec) parse_fail_at(p, p->tok.start, p->tok.end, "Out of memory");
    AstString *name = parse_intern_ascii(p, dec);
    free(dec);
    k->name = name;
    next(p);
    return;
  }
  case TOK_LBRACKET: {
    next(p);
    k->kind = KEY_COMPUTED;
    k->key = parse_assignment(p, false);
    expect(p, TOK_RBRACKET);
    return;
  }
  case TOK_PRIVATE_NAME:
    if (allow_private) {
      k->kind = KEY_PRIVATE;
      k->name = p->tok.str;
      AstNode *pn = new_node(p, AST_PRIVATE_NAME, p->tok.start);
      pn->u.ref.name = p->tok.str;
      next(p);
      finish(p, pn);
      k->key = pn;
      if (ast_string_equals_ascii(k->name, "constructor"))
        parse_fail_at(p, pn->start, pn->end, "%s",
                      at(p, TOK_LPAREN) ? "Class constructor may not be a private method"
                                        : "Classes may not have a field named 'constructor'");
      return;
    }
    /* fallthrough */
  default:
    parse_fail_unexpected(p);
  }
}

static AstNode *parse_method_function(Parser *p, uint8_t kind, bool is_async, bool is_gen,
                                      uint32_t start, AstString *inferred, bool is_static,
                                      ClassLiteral *cls) {
  FnParseInfo info = {0};
  info.kind = kind;
  info.is_async = is_async;
  info.is_generator = is_gen;
  info.is_static = is_static;
  info.start = start;
  info.cls = cls;
  FunctionLiteral *f = parse_function_rest(p, &info);
  f->inferred_name = inferred;
  AstNode *n = new_node(p, AST_FUNCTION, start);
  n->u.func = f;
  return finish(p, n);
}

/* `\u0061sync m() {}`: an escaped contextual keyword cannot act as a modifier. */
static void check_escaped_modifier(Parser *p) {
  Token *t = &p->tok;
  if (t->type != TOK_IDENT || !t->escaped) return;
  if (t->kw != KW_ASYNC && t->kw != KW_GET && t->kw != KW_SET && t->kw != KW_STATIC) return;
  Token nt = peek_token(p);
  bool modifier = !(nt.type == TOK_LPAREN || nt.type == TOK_COMMA || nt.type == TOK_COLON || nt.type == TOK_RBRACE ||
                    nt.type == TOK_ASSIGN || nt.type == TOK_SEMI || nt.nl_before);
  if (modifier) parse_fail_at(p, t->start, t->end, "Keyword must not contain escaped characters");
}

/* NamedEvaluation: an anonymous function or class definition takes the name of what it is
 * assigned to. Parentheses do not hide the definition (IsAnonymousFunctionDefinition sees through
 * a ParenthesizedExpression: `x = (function () {})` names it "x"); a comma expression does. */
static void name_anonymous(AstNode *value, AstString *name) {
  if (!value) return;
  if (value->kind == AST_FUNCTION && !value->u.func->name && !value->u.func->inferred_name)
    value->u.func->inferred_name = name;
  else if (value->kind == AST_CLASS && !value->u.cls->name && !value->u.cls->inferred_name)
    value->u.cls->inferred_name = name;
}

static AstNode *parse_object_literal(Parser *p) {
  AstNode *n = new_node(p, AST_OBJECT, p->tok.start);
  expect(p, TOK_LBRACE);
  NodeVec props = {0};
  bool has_proto = false;
  while (!at(p, TOK_RBRACE)) {
    uint32_t start = p->tok.start;
    AstNode *pr = new_node(p, AST_PROPERTY, start);
    if (eat(p, TOK_ELLIPSIS)) {
      pr->u.prop.kind = PROP_SPREAD;
      bool saved_ok = p->cover_ok;
      p->cover_ok = true;
      pr->u.prop.value = parse_assignment(p, false);
      p->cover_ok = saved_ok;
    } else {
      bool is_async = false, is_gen = false;
      uint8_t accessor = 0;
      PropKey k;
      if (at_kw(p, KW_ASYNC) || at_kw(p, KW_GET) || at_kw(p, KW_SET)) {
        Token t = peek_token(p);
        bool modifier = !(t.type == TOK_LPAREN || t.type == TOK_COMMA || t.type == TOK_COLON ||
                          t.type == TOK_RBRACE || t.type == TOK_ASSIGN);
        if (modifier && at_kw(p, KW_ASYNC) && t.nl_before) modifier = false;
        if (modifier) {
          if (at_kw(p, KW_ASYNC)) is_async = true;
          else accessor = at_kw(p, KW_GET) ? PROP_GETTER : PROP_SETTER;
          next(p);
        }
      }
      if (!accessor && eat(p, TOK_STAR)) is_gen = true;
      check_escaped_modifier(p);
      parse_property_key(p, &k, false);
      pr->u.prop.key_kind = k.kind;
      pr->u.prop.key_name = k.name;
      pr->u.prop.key_number = k.number;
      pr->u.prop.key = k.key;
      AstString *inferred = k.kind == KEY_COMPUTED ? NULL : k.name;
      if (accessor) {
        pr->u.prop.kind = accessor;
        pr->u.prop.value = parse_method_function(p, accessor == PROP_GETTER ? FN_GETTER : FN_SETTER,
                                                 false, false, start, inferred, false, NULL);
      } else if (is_async || is_gen || at(p, TOK_LPAREN)) {
        pr->u.prop.kind = PROP_METHOD;
        pr->u.prop.value = parse_method_function(p, FN_METHOD, is_async, is_gen, start, inferred, false, NULL);
      } else if (eat(p, TOK_COLON)) {
        pr->u.prop.kind = PROP_INIT;
        if (k.kind == KEY_NAMED && !k.tok.escaped && k.tok.type != TOK_NUMBER &&
            ast_string_equals_ascii(k.name, "__proto__")) {
          pr->u.prop.kind = PROP_PROTO;
          if (has_proto) note_cover_error(p, k.tok.start, true);
          has_proto = true;
        }
        bool saved_ok = p->cover_ok;
        p->cover_ok = true;
        AstNode *v = parse_assignment(p, false);
        p->cover_ok = saved_ok;
        if (inferred && pr->u.prop.kind != PROP_PROTO) name_anonymous(v, inferred);
        pr->u.prop.value = v;
      } else if (k.is_ident) {
        /* shorthand: must be a valid IdentifierReference */
        Token saved = p->tok;
        p->tok = k.tok;
        check_identifier_token(p, false);
        p->tok = saved;
        pr->u.prop.kind = PROP_INIT;
        pr->flags |= AST_FLAG_SHORTHAND;
        AstNode *id = make_ident(p, k.name, k.tok.start, k.tok.end);
        if (at(p, TOK_ASSIGN)) {
          /* CoverInitializedName: only valid if this literal becomes a pattern */
          note_cover_error(p, p->tok.start, false);
          next(p);
          AstNode *def = parse_assignment(p, false);
          AstNode *a = new_node(p, AST_ASSIGN, start);
          a->u.assign.op = OP_ASSIGN;
          a->u.assign.target = id;
          a->u.assign.value = def;
          name_anonymous(def, k.name);
          finish(p, a);
          pr->u.prop.value = a;
        } else {
          pr->u.prop.value = id;
        }
      } else {
        p->tok = k.tok; /* report the key itself, as V8 does: ({0}) */
        parse_fail_unexpected(p);
      }
    }
    finish(p, pr);
    vec_push(p, &props, pr);
    if (!at(p, TOK_RBRACE)) {
      expect(p, TOK_COMMA);
      if (at(p, TOK_RBRACE)) n->flags |= AST_FLAG_TRAILING_COMMA;
    }
  }
  next(p);
  n->u.list = vec_list(&props);
  return finish(p, n);
}

static AstNode *parse_array_literal(Parser *p) {
  AstNode *n = new_node(p, AST_ARRAY, p->tok.start);
  expect(p, TOK_LBRACKET);
  NodeVec items = {0};
  while (!at(p, TOK_RBRACKET)) {
    if (at(p, TOK_COMMA)) {
      next(p);
      vec_push(p, &items, NULL);
      continue;
    }
    AstNode *e;
    bool saved_ok = p->cover_ok;
    p->cover_ok = true;
    if (at(p, TOK_ELLIPSIS)) {
      uint32_t s = p->tok.start;
      next(p);
      e = new_node(p, AST_SPREAD, s);
      e->u.unary.operand = parse_assignment(p, false);
      finish(p, e);
      n->flags |= AST_FLAG_HAS_SPREAD;
    } else {
      e = parse_assignment(p, false);
    }
    p->cover_ok = saved_ok;
    vec_push(p, &items, e);
    if (!at(p, TOK_RBRACKET)) {
      expect(p, TOK_COMMA);
      if (at(p, TOK_RBRACKET) && e->kind == AST_SPREAD) n->flags |= AST_FLAG_TRAILING_COMMA;
    }
  }
  next(p);
  n->u.list = vec_list(&items);
  return finish(p, n);
}

/* ---------------------------------------------------------------- functions */

static AstNode *parse_arrow_function(Parser *p, AstNode *params_node, bool is_async, uint32_t start);

static void push_fn_state(Parser *p, FnState *fs, FunctionLiteral *fn) {
  memset(fs, 0, sizeof *fs);
  fs->outer = p->fs;
  fs->fn = fn;
  p->fs = fs;
}

/* Pre-parser: whether f's body is skipped (the kinds codegen compiles lazily; arrows are kept, so
 * this / arguments / new.target / super never cross a skipped function's boundary). */
static bool preparse_skips(Parser *p, FunctionLiteral *f) {
  if (!p->opts->preparse) return false;
  if (p->no_skip_top && f->outer == p->result->program) return false;
  if (p->has_no_skip_at && f->source_start == p->no_skip_at) return false;
  /* V8's heuristic: a parenthesized function is called at once, so skipping it would only mean
   * parsing it twice */
  if (f->source_start == p->pife_at) return false;
  return f->kind == FN_NORMAL || f->kind == FN_METHOD || f->kind == FN_GETTER || f->kind == FN_SETTER;
}

/* Pre-parser: f's body was parsed into its skip zone. Takes the summary, forgets every node of
 * the body (and the literals nested in it: a full parse finds them by the same ids), and goes back
 * to the zone of the code around f. */
static void preparse_finish(Parser *p, FunctionLiteral *f, const FnParseInfo *info) {
  /* the flags the caller sets afterwards decide name resolution: set them before the analysis */
  if (info->is_decl) f->flags |= FNF_IS_DECLARATION;
  else if (f->kind == FN_NORMAL && f->name) f->flags |= FNF_NAMED_EXPRESSION;
  scopes_preparse_function(p, f);
  f->preparse->end_id = p->function_count;
  for (uint32_t id = f->function_literal_id + 1; id < p->function_count; id++) p->functions[id] = NULL;
  f->flags |= FNF_PREPARSED;
  f->body.items = NULL;
  f->body.count = 0;
  f->scope = f->body_scope = NULL;
  f->this_var = f->arguments_var = f->new_target_var = f->home_object_var = NULL;
  f->self_var = f->this_function_var = NULL;
  f->num_locals = 0;
  p->result->preparsed_count++;
  skip_leave(p);
}

/* Parses `(params) { body }` into a new FunctionLiteral. */
static FunctionLiteral *parse_function_rest(Parser *p, FnParseInfo *info) {
  enter(p);
  FunctionLiteral *f = new_function(p, info->kind, info->start);
  f->name = info->name;
  if (info->is_async) f->flags |= FNF_ASYNC;
  if (info->is_generator) f->flags |= FNF_GENERATOR;
  if (info->is_static) f->flags |= FNF_IS_STATIC;
  if (info->cls) {
    f->flags |= FNF_CLASS_MEMBER;
    f->class_lit = info->cls;
  }
  FnState fs;
  FnState *outer = p->fs;
  push_fn_state(p, &fs, f);
  fs.is_async = info->is_async;
  fs.is_generator = info->is_generator;
  fs.allow_return = true;
  fs.allow_new_target = true;
  bool method_like = info->kind == FN_METHOD || info->kind == FN_GETTER || info->kind == FN_SETTER ||
                     info->kind == FN_BASE_CONSTRUCTOR || info->kind == FN_DERIVED_CONSTRUCTOR;
  fs.allow_super_property = method_like;
  fs.allow_super_call = info->kind == FN_DERIVED_CONSTRUCTOR;
  (void)outer;
  bool saved_strict = p->strict;
  bool saved_cover_ok = p->cover_ok;
  uint32_t saved_cover = p->cover_init_pos;
  p->cover_ok = false;
  p->cover_init_pos = NO_POS;
  if (info->cls) p->strict = true;

  /* parameters */
  f->params_pos = p->tok.start;
  expect(p, TOK_LPAREN);
  NodeVec params = {0};
  bool simple = true;
  uint32_t length = 0;
  bool seen_default = false;
  fs.in_params = true;
  while (!at(p, TOK_RPAREN)) {
    if (at(p, TOK_ELLIPSIS)) {
      next(p);
      f->rest = parse_binding_target(p);
      simple = false;
      if (at(p, TOK_ASSIGN)) parse_fail_at(p, p->tok.start, p->tok.end, "Rest parameter may not have a default initializer");
      if (!at(p, TOK_RPAREN)) parse_fail_at(p, p->tok.start, p->tok.end, "Rest parameter must be last formal parameter");
      break;
    }
    AstNode *e = parse_binding_element(p);
    if (e->kind != AST_IDENTIFIER) simple = false;
    if (e->kind == AST_PATTERN_DEFAULT) seen_default = true;
    if (!seen_default) length++;
    vec_push(p, &params, e);
    if (!at(p, TOK_RPAREN)) expect(p, TOK_COMMA);
  }
  next(p);
  fs.in_params = false;
  f->params = vec_list(&params);
  f->length = length;
  if (simple) f->flags |= FNF_SIMPLE_PARAMS;
  if (info->kind == FN_GETTER && (params.count || f->rest))
    parse_fail_at(p, info->start, p->prev_end, "Getter must not have any formal parameters.");
  if (info->kind == FN_SETTER) {
    if (f->rest) parse_fail_at(p, f->rest->start, f->rest->end, "Setter function argument must not be a rest parameter");
    if (params.count != 1) parse_fail_at(p, info->start, p->prev_end, "Setter must have exactly one formal parameter.");
  }

  /* body */
  if (!at(p, TOK_LBRACE)) parse_fail_unexpected(p);
  bool skip = preparse_skips(p, f);
  if (skip) {
    skip_enter(p);
  }
  next(p);
  NodeVec body = {0};
  bool was_strict = p->strict;
  parse_statement_list_until(p, &body, TOK_RBRACE, true, f);
  f->body = vec_list(&body);
  f->source_end = p->tok.end;
  if (p->strict) f->flags |= FNF_STRICT;
  if (!simple && (f->flags & FNF_USE_STRICT_DIRECTIVE))
    parse_fail_at(p, p->use_strict_pos, p->use_strict_pos + 12,
                  "Illegal 'use strict' directive in function with non-simple parameter list");
  if (p->strict && !was_strict) {
    /* "use strict" in the body applies to the name and parameters too */
    if (info->name_node) check_strict_binding_name(p, info->name_node);
    for (uint32_t i = 0; i < params.count; i++)
      if (params.items[i]->kind == AST_IDENTIFIER) check_strict_binding_name(p, params.items[i]);
  }
  if (skip) preparse_finish(p, f, info);
  p->strict = saved_strict;
  p->fs = fs.outer;
  p->cover_ok = saved_cover_ok;
  p->cover_init_pos = saved_cover;
  next(p); /* the closing brace, scanned in the outer strictness */
  leave(p);
  return f;
}

/* `function` / `async function` (current token is `function`). */
static AstNode *parse_function_expression_or_decl(Parser *p, bool is_async, uint32_t start, bool is_decl,
                                                  bool name_optional) {
  expect_kw(p, KW_FUNCTION);
  bool is_gen = eat(p, TOK_STAR);
  FnParseInfo info = {0};
  info.kind = FN_NORMAL;
  info.is_async = is_async;
  info.is_generator = is_gen;
  info.start = start;
  info.is_decl = is_decl;
  if (!at(p, TOK_LPAREN) || !name_optional) {
    if (at(p, TOK_LPAREN)) parse_fail_at(p, p->tok.start, p->tok.end, "Function statements require a function name");
    if (is_decl) {
      /* the declaration's name follows the enclosing context's yield/await rules */
      check_identifier_token(p, true);
    } else {
      /* a function expression's name follows its own generator/async-ness */
      FnState tmp = *p->fs;
      tmp.is_generator = is_gen;
      tmp.is_async = is_async;
      tmp.in_static_block = false;
      FnState *saved = p->fs;
      p->fs = &tmp;
      check_identifier_token(p, true);
      p->fs = saved;
    }
    info.name = p->tok.str;
    info.name_node = make_ident(p, p->tok.str, p->tok.start, p->tok.end);
    next(p);
  }
  FunctionLiteral *f = parse_function_rest(p, &info);
  AstNode *n = new_node(p, is_decl ? AST_FUNCTION_DECL : AST_FUNCTION, start);
  if (is_decl) f->flags |= FNF_IS_DECLARATION;
  else if (f->name) f->flags |= FNF_NAMED_EXPRESSION;
  n->u.func = f;
  return finish(p, n);
}

/* Arrow parameters parsed as expressions may hide what a parameter list forbids: yield
 * expressions, and (async arrows) await expressions or `await` identifiers. Nested non-arrow
 * functions have their own rules and are skipped. */
static AstNode *cover_find_forbidden(Parser *p, AstNode *n, bool is_async) {
  if (!n) return NULL;
  AstNode *r = NULL;
#define CHECK(x)                                                                                   \
  do {                                                                                             \
    if ((r = cover_find_forbidden(p, (x), is_async))) return r;                                    \
  } while (0)
  switch (n->kind) {
  case AST_YIELD: return n;
  case AST_AWAIT: return n;
  case AST_IDENTIFIER:
    return is_async && n->u.ref.name == p->kw_names[KW_AWAIT] ? n : NULL;
  case AST_ASSIGN: CHECK(n->u.assign.target); CHECK(n->u.assign.value); return NULL;
  case AST_PATTERN_DEFAULT: CHECK(n->u.pdefault.target); CHECK(n->u.pdefault.value); return NULL;
  case AST_BINARY: case AST_LOGICAL: CHECK(n->u.binary.left); CHECK(n->u.binary.right); return NULL;
  case AST_UNARY: case AST_SPREAD: CHECK(n->u.unary.operand); return NULL;
  case AST_UPDATE: CHECK(n->u.update.target); return NULL;
  case AST_CONDITIONAL: CHECK(n->u.cond.cond); CHECK(n->u.cond.then); CHECK(n->u.cond.otherwise); return NULL;
  case AST_CALL: case AST_NEW:
    CHECK(n->u.call.callee);
    for (uint32_t i = 0; i < n->u.call.args.count; i++) CHECK(n->u.call.args.items[i]);
    return NULL;
  case AST_MEMBER: CHECK(n->u.member.object); if (n->u.member.member_kind == MEMBER_COMPUTED) CHECK(n->u.member.key); return NULL;
  case AST_OPTIONAL_CHAIN: CHECK(n->u.chain.expression); return NULL;
  case AST_ARRAY: case AST_SEQUENCE: case AST_OBJECT:
    for (uint32_t i = 0; i < n->u.list.count; i++) CHECK(n->u.list.items[i]);
    return NULL;
  case AST_PROPERTY:
    if (n->u.prop.key_kind == KEY_COMPUTED) CHECK(n->u.prop.key);
    if (n->u.prop.kind == PROP_INIT || n->u.prop.kind == PROP_SPREAD || n->u.prop.kind == PROP_PROTO) CHECK(n->u.prop.value);
    return NULL;
  case AST_OBJECT_PATTERN: case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < n->u.pattern.items.count; i++) CHECK(n->u.pattern.items.items[i]);
    CHECK(n->u.pattern.rest);
    return NULL;
  case AST_PATTERN_PROPERTY:
    if (n->u.pprop.key_kind == KEY_COMPUTED) CHECK(n->u.pprop.key);
    CHECK(n->u.pprop.value);
    return NULL;
  case AST_TEMPLATE:
    for (uint32_t i = 0; i + 1 < n->u.tmpl.quasi_count; i++) CHECK(n->u.tmpl.exprs[i]);
    return NULL;
  case AST_FUNCTION:
    if (n->u.func->kind != FN_ARROW) return NULL;
    for (uint32_t i = 0; i < n->u.func->params.count; i++) CHECK(n->u.func->params.items[i]);
    CHECK(n->u.func->rest);
    if ((n->u.func->flags & FNF_EXPRESSION_BODY) && n->u.func->body.count)
      CHECK(n->u.func->body.items[0]->u.unary.operand);
    return NULL;
  default:
    return NULL;
  }
#undef CHECK
}

/* Arrow function: params_node is the cover (identifier, parenthesized list, or async call args). */
static void arrow_params_from(Parser *p, FunctionLiteral *f, AstNode *cover) {
  NodeVec params = {0};
  AstNode **items;
  uint32_t count;
  AstNode *single[1];
  if (cover->kind == AST_SEQUENCE && (cover->pad_ & 1)) {
    /* a parenthesized list (pad_ bit marks "arrow parameter list") */
    items = cover->u.list.items;
    count = cover->u.list.count;
  } else if (cover->kind == AST_CALL) {
    items = cover->u.call.args.items;
    count = cover->u.call.args.count;
    if ((cover->flags & AST_FLAG_TRAILING_COMMA) && count && items[count - 1]->kind == AST_SPREAD)
      parse_fail_at(p, items[count - 1]->start, items[count - 1]->end, "Rest parameter must be last formal parameter");
  } else {
    single[0] = cover;
    items = single;
    count = cover ? 1 : 0;
  }
  bool simple = true, seen_default = false;
  uint32_t length = 0;
  bool is_async = (f->flags & FNF_ASYNC) != 0;
  for (uint32_t i = 0; i < count; i++) {
    AstNode *bad = cover_find_forbidden(p, items[i], is_async);
    if (bad) {
      if (bad->kind == AST_YIELD) parse_fail_at(p, bad->start, bad->end, "Yield expression not allowed in formal parameter");
      if (bad->kind == AST_AWAIT) parse_fail_at(p, bad->start, bad->end, "Illegal await-expression in formal parameters of async function");
      parse_fail_at(p, bad->start, bad->end, "Unexpected reserved word");
    }
  }
  for (uint32_t i = 0; i < count; i++) {
    AstNode *e = items[i];
    if (e->kind == AST_SPREAD) {
      if (i != count - 1) parse_fail_at(p, e->start, e->end, "Rest parameter must be last formal parameter");
      AstNode *t = e->u.unary.operand;
      if (t->kind == AST_ASSIGN) parse_fail_at(p, t->start, t->end, "Rest parameter may not have a default initializer");
      to_assignment_target(p, t, false);
      check_binding_pattern(p, t);
      f->rest = t;
      simple = false;
      break;
    }
    if (e->flags & AST_FLAG_PARENTHESIZED) parse_fail_at(p, e->start, e->end, "Invalid destructuring assignment target");
    if (e->kind == AST_ASSIGN && e->u.assign.op == OP_ASSIGN) {
      to_assignment_target(p, e, true);
    } else {
      to_assignment_target(p, e, false);
    }
    check_binding_pattern(p, e);
    if (e->kind != AST_IDENTIFIER) simple = false;
    if (e->kind == AST_PATTERN_DEFAULT) seen_default = true;
    if (!seen_default) length++;
    vec_push(p, &params, e);
  }
  f->params = vec_list(&params);
  f->length = length;
  if (simple) f->flags |= FNF_SIMPLE_PARAMS;
}

static AstNode *parse_arrow_function(Parser *p, AstNode *cover, bool is_async, uint32_t start) {
  enter(p);
  if (p->tok.nl_before) parse_fail_unexpected(p);
  expect(p, TOK_ARROW);
  FunctionLiteral *f = new_function(p, FN_ARROW, start);
  if (is_async) f->flags |= FNF_ASYNC;
  FnState fs;
  FnState *outer = p->fs;
  push_fn_state(p, &fs, f);
  fs.is_arrow = true;
  fs.is_async = is_async;
  fs.allow_return = true;
  fs.allow_new_target = outer->allow_new_target;
  fs.allow_super_property = outer->allow_super_property;
  fs.allow_super_call = outer->allow_super_call;
  fs.in_class_field = outer->in_class_field;
  fs.in_static_block = outer->in_static_block && !is_async ? false : false;
  arrow_params_from(p, f, cover);
  bool saved_strict = p->strict;
  bool saved_cover_ok = p->cover_ok;
  uint32_t saved_cover = p->cover_init_pos;
  p->cover_ok = false;
  p->cover_init_pos = NO_POS;
  if (at(p, TOK_LBRACE)) {
    next(p);
    NodeVec body = {0};
    bool was_strict = p->strict;
    parse_statement_list_until(p, &body, TOK_RBRACE, true, f);
    f->body = vec_list(&body);
    f->source_end = p->tok.end;
    if (!(f->flags & FNF_SIMPLE_PARAMS) && (f->flags & FNF_USE_STRICT_DIRECTIVE))
      parse_fail_at(p, p->use_strict_pos, p->use_strict_pos + 12, "Illegal 'use strict' directive in function with non-simple parameter list");
    if (p->strict && !was_strict) {
      for (uint32_t i = 0; i < f->params.count; i++)
        if (f->params.items[i]->kind == AST_IDENTIFIER) check_strict_binding_name(p, f->params.items[i]);
    }
    if (p->strict) f->flags |= FNF_STRICT;
    p->strict = saved_strict;
    p->fs = outer;
    next(p);
  } else {
    uint32_t bs = p->tok.start;
    AstNode *e = parse_assignment(p, p->no_in_);
    AstNode *ret = new_node(p, AST_RETURN, bs);
    ret->u.unary.operand = e;
    finish(p, ret);
    AstNode **items = parse_alloc(p, sizeof(AstNode *));
    items[0] = ret;
    f->body.items = items;
    f->body.count = 1;
    f->flags |= FNF_EXPRESSION_BODY;
    f->source_end = p->prev_end;
    if (p->strict) f->flags |= FNF_STRICT;
    p->fs = outer;
  }
  p->cover_ok = saved_cover_ok;
  p->cover_init_pos = saved_cover;
  AstNode *n = new_node(p, AST_FUNCTION, start);
  n->u.func = f;
  leave(p);
  return finish(p, n);
}

/* ---------------------------------------------------------------- primary expressions */

static AstNode *parse_paren(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  if (at_kw(p, KW_FUNCTION)) p->pife_at = p->tok.start;
  bool saved_ok = p->cover_ok;
  uint32_t saved_cover = p->cover_init_pos;
  p->cover_init_pos = NO_POS;
  NodeVec items = {0};
  bool arrow_only = false;
  if (at(p, TOK_RPAREN)) {
    arrow_only = true;
  } else {
    for (;;) {
      if (at(p, TOK_ELLIPSIS)) {
        uint32_t s = p->tok.start;
        next(p);
        AstNode *sp = new_node(p, AST_SPREAD, s);
        sp->u.unary.operand = parse_binding_target(p);
        finish(p, sp);
        vec_push(p, &items, sp);
        arrow_only = true;
        if (!at(p, TOK_RPAREN)) parse_fail_unexpected(p);
        break;
      }
      p->cover_ok = true;
      AstNode *e = parse_assignment(p, false);
      vec_push(p, &items, e);
      if (!eat(p, TOK_COMMA)) break;
      if (at(p, TOK_RPAREN)) {
        arrow_only = true;
        break;
      }
    }
  }
  p->cover_ok = saved_ok;
  if (!at(p, TOK_RPAREN)) parse_fail_unexpected(p);
  next(p);
  if (at(p, TOK_ARROW) && !p->tok.nl_before) {
    AstNode *list = new_node(p, AST_SEQUENCE, start);
    list->u.list = vec_list(&items);
    list->pad_ = 1;
    finish(p, list);
    p->cover_init_pos = saved_cover;
    /* validates pattern conversions; errors in items are superseded by the conversion */
    return list;
  }
  if (arrow_only) {
    if (at(p, TOK_ARROW)) parse_fail_unexpected(p);
    parse_fail_at(p, p->tok.start, p->tok.end, items.count == 0 || true ? "Unexpected token '%s'" : "%s",
                  p->tok.type == TOK_EOF ? "end of input" : token_text((TokenType)p->tok.type));
  }
  check_no_cover(p);
  p->cover_init_pos = saved_cover;
  AstNode *e;
  if (items.count == 1) {
    e = items.items[0];
  } else {
    e = new_node(p, AST_SEQUENCE, items.items[0]->start);
    e->u.list = vec_list(&items);
    e->end = items.items[items.count - 1]->end;
  }
  e->flags |= AST_FLAG_PARENTHESIZED;
  return e;
}

static AstNode *parse_primary(Parser *p) {
  Token *t = &p->tok;
  uint32_t start = t->start;
  AstNode *n;
  switch (t->type) {
  case TOK_NUMBER:
    if (p->strict && t->legacy_octal) parse_fail_at(p, t->start, t->end, "Octal literals are not allowed in strict mode.");
    n = new_node(p, AST_NUMBER, start);
    n->u.number = t->number;
    next(p);
    return finish(p, n);
  case TOK_BIGINT:
    n = new_node(p, AST_BIGINT, start);
    n->u.bigint.digits = t->str;
    next(p);
    return finish(p, n);
  case TOK_STRING:
    if (p->strict && t->legacy_octal)
      parse_fail_at(p, t->octal_pos, t->end, "%s",
                    t->octal_89 ? "\\8 and \\9 are not allowed in strict mode." : "Octal escape sequences are not allowed in strict mode.");
    n = new_node(p, AST_STRING, start);
    n->u.str = t->str;
    next(p);
    return finish(p, n);
  case TOK_TEMPLATE:
    return parse_template(p, false);
  case TOK_SLASH:
  case TOK_DIV_ASSIGN:
    return parse_regexp(p);
  case TOK_LPAREN:
    return parse_paren(p);
  case TOK_LBRACKET:
    return parse_array_literal(p);
  case TOK_LBRACE:
    return parse_object_literal(p);
  case TOK_PRIVATE_NAME:
    n = new_node(p, AST_PRIVATE_NAME, start);
    n->u.ref.name = t->str;
    next(p);
    finish(p, n);
    if (!at_kw(p, KW_IN)) {
      char text[128];
      ast_string_to_utf8(n->u.ref.name, text, sizeof text);
      parse_fail_at(p, n->start, n->end, "Unexpected identifier '#%s'", text);
    }
    return n;
  case TOK_IDENT:
    if (!t->escaped) {
      switch (t->kw) {
      case KW_THIS:
        n = new_node(p, AST_THIS, start);
        n->u.ref.name = p->kw_names[KW_THIS];
        next(p);
        return finish(p, n);
      case KW_NULL:
        next(p);
        return finish(p, new_node(p, AST_NULL, start));
      case KW_TRUE:
        next(p);
        return finish(p, new_node(p, AST_TRUE, start));
      case KW_FALSE:
        next(p);
        return finish(p, new_node(p, AST_FALSE, start));
      case KW_FUNCTION:
        return parse_function_expression_or_decl(p, false, start, false, true);
      case KW_CLASS: {
        ClassLiteral *c = parse_class(p, false, true);
        n = new_node(p, AST_CLASS, start);
        n->u.cls = c;
        return finish(p, n);
      }
      case KW_ASYNC: {
        Token nt = peek_token(p);
        if (!nt.nl_before && nt.type == TOK_IDENT && nt.kw == KW_FUNCTION && !nt.escaped) {
          next(p);
          return parse_function_expression_or_decl(p, true, start, false, true);
        }
        if (!nt.nl_before && nt.type == TOK_IDENT && !(nt.kw >= KW_BREAK && nt.kw <= KW_WITH)) {
          /* async x => ... (or `async of` in a for head, or ASI) */
          ScanState ss;
          scan_save(p, &ss);
          next(p);
          Token after = peek_token(p);
          if (after.type != TOK_ARROW || after.nl_before) {
            scan_restore(p, &ss);
            return parse_identifier(p, false);
          }
          FnState tmp = *p->fs;
          tmp.is_async = true;
          FnState *saved = p->fs;
          p->fs = &tmp;
          AstNode *param = parse_identifier(p, true);
          p->fs = saved;
          if (!at(p, TOK_ARROW) || p->tok.nl_before) parse_fail_unexpected(p);
          return parse_arrow_function(p, param, true, start);
        }
        break;
      }
      case KW_LET:
        if (p->strict) parse_fail_at(p, t->start, t->end, "Unexpected strict mode reserved word");
        break;
      default:
        break;
      }
    }
    return parse_identifier(p, false);
  default:
    parse_fail_unexpected(p);
  }
}

/* ---------------------------------------------------------------- member / call chains */

static AstNodeList parse_arguments(Parser *p, uint8_t *flags, bool cover_ok) {
  expect(p, TOK_LPAREN);
  NodeVec args = {0};
  while (!at(p, TOK_RPAREN)) {
    bool saved_ok = p->cover_ok;
    p->cover_ok = cover_ok;
    if (at(p, TOK_ELLIPSIS)) {
      uint32_t s = p->tok.start;
      next(p);
      AstNode *sp = new_node(p, AST_SPREAD, s);
      sp->u.unary.operand = parse_assignment(p, false);
      finish(p, sp);
      vec_push(p, &args, sp);
      *flags |= AST_FLAG_HAS_SPREAD;
    } else {
      vec_push(p, &args, parse_assignment(p, false));
    }
    p->cover_ok = saved_ok;
    if (!at(p, TOK_RPAREN)) {
      if (!at(p, TOK_COMMA)) {
        if (at(p, TOK_EOF)) parse_fail_unexpected(p);
        parse_fail_at(p, p->tok.start, p->tok.end, "missing ) after argument list");
      }
      next(p);
      if (at(p, TOK_RPAREN)) *flags |= AST_FLAG_TRAILING_COMMA;
    }
  }
  next(p);
  return vec_list(&args);
}

static AstNode *parse_member_name(Parser *p, AstNode *object, uint32_t start, bool optional) {
  AstNode *m = new_node(p, object ? AST_MEMBER : AST_SUPER_MEMBER, start);
  m->u.member.object = object;
  m->u.member.optional = optional;
  if (at(p, TOK_PRIVATE_NAME)) {
    if (!object) parse_fail_at(p, p->tok.start, p->tok.end, "Unexpected private field");
    m->u.member.member_kind = MEMBER_PRIVATE;
    AstNode *pn = new_node(p, AST_PRIVATE_NAME, p->tok.start);
    pn->u.ref.name = p->tok.str;
    next(p);
    finish(p, pn);
    m->u.member.key = pn;
  } else if (at(p, TOK_IDENT)) {
    m->u.member.member_kind = MEMBER_NAMED;
    m->u.member.name = p->tok.str;
    next(p);
  } else {
    parse_fail_unexpected(p);
  }
  return finish(p, m);
}

static AstNode *parse_super(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  if (at(p, TOK_LPAREN)) {
    if (!p->fs->allow_super_call) parse_fail_at(p, start, p->tok.end, "'super' keyword unexpected here");
    AstNode *c = new_node(p, AST_SUPER_CALL, start);
    c->u.call.args = parse_arguments(p, &c->flags, false);
    return finish(p, c);
  }
  if (!p->fs->allow_super_property || (!at(p, TOK_DOT) && !at(p, TOK_LBRACKET)))
    parse_fail_at(p, start, p->tok.end, "'super' keyword unexpected here");
  if (eat(p, TOK_DOT)) {
    if (at(p, TOK_PRIVATE_NAME)) parse_fail_at(p, p->tok.start, p->tok.end, "Unexpected private field");
    return parse_member_name(p, NULL, start, false);
  }
  next(p);
  AstNode *m = new_node(p, AST_SUPER_MEMBER, start);
  m->u.member.member_kind = MEMBER_COMPUTED;
  m->u.member.key = parse_expression(p, false);
  expect(p, TOK_RBRACKET);
  return finish(p, m);
}

static AstNode *parse_import_expr(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  int phase = IMPORT_PHASE_EVALUATION;
  if (eat(p, TOK_DOT)) {
    /* import.source(...) / import.defer(...) (proposals) */
    if (at(p, TOK_IDENT) && !p->tok.escaped && p->tok.str == parse_intern_ascii(p, "source"))
      phase = IMPORT_PHASE_SOURCE;
    else if (at(p, TOK_IDENT) && !p->tok.escaped && p->tok.str == parse_intern_ascii(p, "defer"))
      phase = IMPORT_PHASE_DEFER;
    if (phase != IMPORT_PHASE_EVALUATION) {
      next(p);
      if (!at(p, TOK_LPAREN)) parse_fail_unexpected(p);
    } else {
      if (!at_kw(p, KW_META)) parse_fail_unexpected(p);
      if (!p->is_module) parse_fail_at(p, start, p->tok.end, "Cannot use 'import.meta' outside a module");
      next(p);
      return finish(p, new_node(p, AST_IMPORT_META, start));
    }
  }
  if (!at(p, TOK_LPAREN)) {
    if (!p->is_module) parse_fail_at(p, start, start + 6, "Cannot use import statement outside a module");
    parse_fail_unexpected(p);
  }
  next(p);
  AstNode *n = new_node(p, AST_IMPORT_CALL, start);
  n->u.import_call.phase = phase;
  if (at(p, TOK_RPAREN)) parse_fail_at(p, start, p->tok.end, "import() requires a specifier");
  n->u.import_call.specifier = parse_assignment(p, false);
  if (eat(p, TOK_COMMA) && !at(p, TOK_RPAREN)) {
    n->u.import_call.options = parse_assignment(p, false);
    eat(p, TOK_COMMA);
  }
  expect(p, TOK_RPAREN);
  return finish(p, n);
}

/* MemberExpression / CallExpression / OptionalExpression / NewExpression. */
static AstNode *parse_call_tail(Parser *p, AstNode *e, uint32_t start, bool allow_call) {
  bool in_chain = false;
  for (;;) {
    switch (p->tok.type) {
    case TOK_DOT:
      next(p);
      e = parse_member_name(p, e, start, false);
      break;
    case TOK_OPTIONAL: {
      if (!allow_call) parse_fail_at(p, p->tok.start, p->tok.end, "Invalid optional chain from new expression");
      next(p);
      in_chain = true;
      if (at(p, TOK_LPAREN)) {
        AstNode *c = new_node(p, AST_CALL, start);
        c->u.call.callee = e;
        c->u.call.optional = true;
        c->u.call.args = parse_arguments(p, &c->flags, false);
        e = finish(p, c);
      } else if (at(p, TOK_LBRACKET)) {
        next(p);
        AstNode *m = new_node(p, AST_MEMBER, start);
        m->u.member.object = e;
        m->u.member.optional = true;
        m->u.member.member_kind = MEMBER_COMPUTED;
        m->u.member.key = parse_expression(p, false);
        expect(p, TOK_RBRACKET);
        e = finish(p, m);
      } else if (at(p, TOK_TEMPLATE)) {
        parse_fail_at(p, p->tok.start, p->tok.end, "Invalid tagged template on optional chain");
      } else {
        e = parse_member_name(p, e, start, true);
      }
      break;
    }
    case TOK_LBRACKET: {
      next(p);
      AstNode *m = new_node(p, AST_MEMBER, start);
      m->u.member.object = e;
      m->u.member.member_kind = MEMBER_COMPUTED;
      m->u.member.key = parse_expression(p, false);
      expect(p, TOK_RBRACKET);
      e = finish(p, m);
      break;
    }
    case TOK_TEMPLATE: {
      if (in_chain) parse_fail_at(p, p->tok.start, p->tok.end, "Invalid tagged template on optional chain");
      AstNode *tt = new_node(p, AST_TAGGED_TEMPLATE, start);
      tt->u.tagged.tag = e;
      tt->u.tagged.tmpl = parse_template(p, true);
      e = finish(p, tt);
      break;
    }
    case TOK_LPAREN: {
      if (!allow_call) goto done;
      AstNode *c = new_node(p, AST_CALL, start);
      c->u.call.callee = e;
      bool async_cover = e->kind == AST_IDENTIFIER && !(e->flags & AST_FLAG_PARENTHESIZED) &&
                         e->u.ref.name == p->kw_names[KW_ASYNC] && e->end == p->prev_end &&
                         !p->tok.nl_before && !in_chain;
      if (async_cover) {
        /* the source text `async` itself must be unescaped */
        const uint16_t *s = p->src + e->start;
        if (e->end - e->start != 5 || s[0] != 'a') async_cover = false;
      }
      c->u.call.args = parse_arguments(p, &c->flags, async_cover);
      /* `(eval)(x)` is direct too: the parenthesized name is still the reference `eval` */
      if (e->kind == AST_IDENTIFIER && e->u.ref.name == p->kw_names[KW_EVAL] && !in_chain)
        c->flags |= AST_FLAG_DIRECT_EVAL;
      e = finish(p, c);
      if (async_cover && at(p, TOK_ARROW) && !p->tok.nl_before) {
        if (c->flags & AST_FLAG_TRAILING_COMMA) {
          /* allowed: async (a,) => x */
        }
        p->cover_init_pos = NO_POS; /* the arguments' shorthand initializers are parameter defaults */
        return parse_arrow_function(p, c, true, start);
      }
      if (async_cover) check_no_cover(p);
      break;
    }
    default:
      goto done;
    }
  }
done:
  if (in_chain) {
    AstNode *ch = new_node(p, AST_OPTIONAL_CHAIN, start);
    ch->u.chain.expression = e;
    e = finish(p, ch);
  }
  return e;
}

static AstNode *parse_new(Parser *p) {
  uint32_t start = p->tok.start;
  enter(p);
  next(p);
  if (eat(p, TOK_DOT)) {
    if (!at_kw(p, KW_TARGET)) parse_fail_unexpected(p);
    if (!p->fs->allow_new_target) parse_fail_at(p, start, p->tok.end, "new.target expression is not allowed here");
    next(p);
    AstNode *n = new_node(p, AST_NEW_TARGET, start);
    n->u.ref.name = parse_intern_ascii(p, "new.target");
    leave(p);
    return finish(p, n);
  }
  AstNode *callee;
  uint32_t cstart = p->tok.start;
  if (at_kw(p, KW_NEW)) callee = parse_new(p);
  else if (at_kw(p, KW_SUPER)) callee = parse_super(p);
  else if (at_kw(p, KW_IMPORT)) {
    Token nt = peek_token(p);
    if (nt.type == TOK_LPAREN) parse_fail_at(p, p->tok.start, p->tok.end, "Cannot use new with import");
    callee = parse_import_expr(p);
    if (callee->kind == AST_IMPORT_CALL) parse_fail_at(p, callee->start, callee->start + 6, "Cannot use new with import");
  } else callee = parse_primary(p);
  if (callee->kind == AST_FUNCTION && callee->u.func->kind == FN_ARROW && !(callee->flags & AST_FLAG_PARENTHESIZED))
    parse_fail_unexpected(p);
  callee = parse_call_tail(p, callee, cstart, false);
  AstNode *n = new_node(p, AST_NEW, start);
  n->u.call.callee = callee;
  if (at(p, TOK_LPAREN)) n->u.call.args = parse_arguments(p, &n->flags, false);
  finish(p, n);
  leave(p);
  return n;
}

static AstNode *parse_lhs(Parser *p) {
  uint32_t start = p->tok.start;
  AstNode *e;
  if (at_kw(p, KW_NEW)) e = parse_new(p);
  else if (at_kw(p, KW_SUPER)) e = parse_super(p);
  else if (at_kw(p, KW_IMPORT)) e = parse_import_expr(p);
  else e = parse_primary(p);
  if (e->kind == AST_FUNCTION && e->u.func->kind == FN_ARROW && !(e->flags & AST_FLAG_PARENTHESIZED)) return e;
  if (e->kind == AST_PRIVATE_NAME) return e;
  return parse_call_tail(p, e, start, true);
}

/* ---------------------------------------------------------------- operators */

static AstNode *check_update_target(Parser *p, AstNode *t, bool prefix) {
  if (!is_simple_target(p, t) && !is_sloppy_call_target(p, t)) {
    if (t->kind == AST_IDENTIFIER) parse_fail_at(p, t->start, t->end, "Unexpected eval or arguments in strict mode");
    parse_fail_at(p, t->start, t->end, prefix ? "Invalid left-hand side expression in prefix operation"
                                              : "Invalid left-hand side expression in postfix operation");
  }
  return t;
}

static AstNode *parse_update(Parser *p) {
  uint32_t start = p->tok.start;
  if (at(p, TOK_INC) || at(p, TOK_DEC)) {
    uint8_t op = at(p, TOK_INC) ? OP_INC : OP_DEC;
    next(p);
    AstNode *t = parse_unary(p);
    check_update_target(p, t, true);
    AstNode *n = new_node(p, AST_UPDATE, start);
    n->u.update.op = op;
    n->u.update.prefix = true;
    n->u.update.target = t;
    return finish(p, n);
  }
  AstNode *e = parse_lhs(p);
  if ((at(p, TOK_INC) || at(p, TOK_DEC)) && !p->tok.nl_before) {
    uint8_t op = at(p, TOK_INC) ? OP_INC : OP_DEC;
    check_update_target(p, e, false);
    next(p);
    AstNode *n = new_node(p, AST_UPDATE, start);
    n->u.update.op = op;
    n->u.update.target = e;
    return finish(p, n);
  }
  return e;
}

/* A module whose top level awaits (an await expression, `for await`, `await using`) is
 * evaluated as an async body. */
static void note_top_level_await(Parser *p) {
  if (p->fs->fn->kind == FN_MODULE) p->fs->fn->flags |= FNF_HAS_TOP_LEVEL_AWAIT;
}

static AstNode *parse_unary(Parser *p) {
  enter(p);
  uint32_t start = p->tok.start;
  uint8_t op = OP_NONE;
  switch (p->tok.type) {
  case TOK_MINUS: op = OP_NEG; break;
  case TOK_PLUS: op = OP_PLUS; break;
  case TOK_BANG: op = OP_NOT; break;
  case TOK_TILDE: op = OP_BIT_NOT; break;
  case TOK_IDENT:
    if (!p->tok.escaped) {
      if (p->tok.kw == KW_TYPEOF) op = OP_TYPEOF;
      else if (p->tok.kw == KW_VOID) op = OP_VOID;
      else if (p->tok.kw == KW_DELETE) op = OP_DELETE;
      else if (p->tok.kw == KW_AWAIT && (p->fs->is_async || (p->is_module && !p->fs->fn->outer && false))) {
        if (p->fs->in_params) parse_fail_at(p, p->tok.start, p->tok.end, "Illegal await-expression in formal parameters of async function");
        next(p);
        AstNode *n = new_node(p, AST_AWAIT, start);
        n->u.unary.operand = parse_unary(p);
        note_top_level_await(p);
        leave(p);
        return finish(p, n);
      }
    }
    break;
  default:
    break;
  }
  if (op == OP_NONE) {
    AstNode *e = parse_update(p);
    leave(p);
    return e;
  }
  next(p);
  AstNode *operand = parse_unary(p);
  if (op == OP_DELETE) {
    if (p->strict && operand->kind == AST_IDENTIFIER)
      parse_fail_at(p, start, operand->end, "Delete of an unqualified identifier in strict mode.");
    AstNode *o = operand;
    if (o->kind == AST_OPTIONAL_CHAIN) o = o->u.chain.expression;
    if (o->kind == AST_MEMBER && o->u.member.member_kind == MEMBER_PRIVATE)
      parse_fail_at(p, o->u.member.key->start, o->u.member.key->end, "Private fields can not be deleted");
  }
  AstNode *n = new_node(p, AST_UNARY, start);
  n->u.unary.op = op;
  n->u.unary.operand = operand;
  leave(p);
  return finish(p, n);
}

static int binary_prec(Parser *p, bool no_in, uint8_t *op, bool *logical) {
  *logical = false;
  switch (p->tok.type) {
  case TOK_NULLISH: *op = OP_NULLISH; *logical = true; return 1;
  case TOK_OR: *op = OP_OR; *logical = true; return 2;
  case TOK_AND: *op = OP_AND; *logical = true; return 3;
  case TOK_PIPE: *op = OP_BIT_OR; return 4;
  case TOK_CARET: *op = OP_BIT_XOR; return 5;
  case TOK_AMP: *op = OP_BIT_AND; return 6;
  case TOK_EQ: *op = OP_EQ; return 7;
  case TOK_NE: *op = OP_NE; return 7;
  case TOK_SEQ: *op = OP_STRICT_EQ; return 7;
  case TOK_SNE: *op = OP_STRICT_NE; return 7;
  case TOK_LT: *op = OP_LT; return 8;
  case TOK_GT: *op = OP_GT; return 8;
  case TOK_LE: *op = OP_LE; return 8;
  case TOK_GE: *op = OP_GE; return 8;
  case TOK_SHL: *op = OP_SHL; return 9;
  case TOK_SAR: *op = OP_SAR; return 9;
  case TOK_SHR: *op = OP_SHR; return 9;
  case TOK_PLUS: *op = OP_ADD; return 10;
  case TOK_MINUS: *op = OP_SUB; return 10;
  case TOK_STAR: *op = OP_MUL; return 11;
  case TOK_SLASH: *op = OP_DIV; return 11;
  case TOK_PERCENT: *op = OP_MOD; return 11;
  case TOK_EXP: *op = OP_EXP; return 12;
  case TOK_IDENT:
    if (p->tok.escaped) return 0;
    if (p->tok.kw == KW_INSTANCEOF) { *op = OP_INSTANCEOF; return 8; }
    if (p->tok.kw == KW_IN && !no_in) { *op = OP_IN; return 8; }
    return 0;
  default:
    return 0;
  }
}

static bool is_unparen_logical(AstNode *n, uint8_t op1, uint8_t op2) {
  return n->kind == AST_LOGICAL && !(n->flags & AST_FLAG_PARENTHESIZED) &&
         (n->u.binary.op == op1 || n->u.binary.op == op2);
}

static AstNode *parse_binary(Parser *p, int min_prec, bool no_in) {
  uint32_t start = p->tok.start;
  AstNode *left;
  if (at(p, TOK_PRIVATE_NAME)) {
    /* #x in obj */
    AstNode *pn = parse_primary(p);
    if (min_prec > 8 || no_in) {
      char text[128];
      ast_string_to_utf8(pn->u.ref.name, text, sizeof text);
      parse_fail_at(p, pn->start, pn->end, "Unexpected identifier '#%s'", text);
    }
    next(p); /* in */
    AstNode *right = parse_binary(p, 9, no_in);
    left = new_node(p, AST_PRIVATE_IN, start);
    left->u.private_in.name = pn;
    left->u.private_in.object = right;
    finish(p, left);
  } else {
    left = parse_unary(p);
  }
  for (;;) {
    uint8_t op;
    bool logical;
    int prec = binary_prec(p, no_in, &op, &logical);
    if (prec == 0 || prec < min_prec) break;
    if (op == OP_EXP && (left->kind == AST_UNARY || left->kind == AST_AWAIT) &&
        !(left->flags & AST_FLAG_PARENTHESIZED))
      parse_fail_at(p, left->start, p->tok.end,
                    "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence");
    uint32_t op_start = p->tok.start;
    next(p);
    /* ** is right-associative */
    AstNode *right = parse_binary(p, op == OP_EXP ? prec : prec + 1, no_in);
    if (op == OP_NULLISH) {
      if (is_unparen_logical(left, OP_AND, OP_OR))
        parse_fail_at(p, op_start, op_start + 2, "Unexpected token '?\?'");
      if (is_unparen_logical(right, OP_AND, OP_OR))
        parse_fail_at(p, right->start, right->end, "Unexpected token '%s'", right->u.binary.op == OP_AND ? "&&" : "||");
    } else if (op == OP_AND || op == OP_OR) {
      if (is_unparen_logical(left, OP_NULLISH, OP_NULLISH) || is_unparen_logical(right, OP_NULLISH, OP_NULLISH))
        parse_fail_at(p, op_start, op_start + 2, "Unexpected token '%s'", op == OP_AND ? "&&" : "||");
    }
    AstNode *n = new_node(p, logical ? AST_LOGICAL : AST_BINARY, start);
    n->u.binary.op = op;
    n->u.binary.left = left;
    n->u.binary.right = right;
    left = finish(p, n);
  }
  if (at(p, TOK_NULLISH) && is_unparen_logical(left, OP_AND, OP_OR) && min_prec <= 1) parse_fail_unexpected(p);
  return left;
}

static AstNode *parse_conditional(Parser *p, bool no_in) {
  uint32_t start = p->tok.start;
  AstNode *c = parse_binary(p, 1, no_in);
  if (!at(p, TOK_QUESTION)) return c;
  if (c->kind == AST_FUNCTION && c->u.func->kind == FN_ARROW && !(c->flags & AST_FLAG_PARENTHESIZED))
    parse_fail_unexpected(p);
  check_no_cover(p);
  next(p);
  AstNode *n = new_node(p, AST_CONDITIONAL, start);
  n->u.cond.cond = c;
  n->u.cond.then = parse_assignment(p, false);
  expect(p, TOK_COLON);
  n->u.cond.otherwise = parse_assignment(p, no_in);
  return finish(p, n);
}

static uint8_t assign_op(TokenType t) {
  switch (t) {
  case TOK_ASSIGN: return OP_ASSIGN;
  case TOK_ADD_ASSIGN: return OP_ADD;
  case TOK_SUB_ASSIGN: return OP_SUB;
  case TOK_MUL_ASSIGN: return OP_MUL;
  case TOK_DIV_ASSIGN: return OP_DIV;
  case TOK_MOD_ASSIGN: return OP_MOD;
  case TOK_EXP_ASSIGN: return OP_EXP;
  case TOK_SHL_ASSIGN: return OP_SHL;
  case TOK_SAR_ASSIGN: return OP_SAR;
  case TOK_SHR_ASSIGN: return OP_SHR;
  case TOK_AND_ASSIGN: return OP_BIT_AND;
  case TOK_OR_ASSIGN: return OP_BIT_OR;
  case TOK_XOR_ASSIGN: return OP_BIT_XOR;
  case TOK_LAND_ASSIGN: return OP_AND;
  case TOK_LOR_ASSIGN: return OP_OR;
  case TOK_NULLISH_ASSIGN: return OP_NULLISH;
  default: return OP_NONE;
  }
}

static bool yield_has_no_operand(Parser *p) {
  if (p->tok.nl_before) return true;
  switch (p->tok.type) {
  case TOK_RPAREN: case TOK_RBRACKET: case TOK_RBRACE: case TOK_COMMA: case TOK_SEMI:
  case TOK_COLON: case TOK_EOF: case TOK_QUESTION:
    return true;
  case TOK_IDENT:
    return at_kw(p, KW_IN) || at_kw(p, KW_OF);
  default:
    return false;
  }
}

static AstNode *parse_assignment(Parser *p, bool no_in) {
  enter(p);
  bool cover_ok = p->cover_ok;
  p->cover_ok = false;
  uint32_t saved_cover = p->cover_init_pos;
  p->cover_init_pos = NO_POS;
  uint32_t start = p->tok.start;

  if (at_kw(p, KW_YIELD) && p->fs->is_generator) {
    if (p->fs->in_params) parse_fail_at(p, p->tok.start, p->tok.end, "Yield expression not allowed in formal parameter");
    next(p);
    AstNode *n = new_node(p, AST_YIELD, start);
    if (!p->tok.nl_before && eat(p, TOK_STAR)) {
      n->u.yield.delegate = true;
      n->u.yield.argument = parse_assignment(p, no_in);
    } else if (!yield_has_no_operand(p)) {
      n->u.yield.argument = parse_assignment(p, no_in);
    }
    p->cover_init_pos = saved_cover;
    leave(p);
    return finish(p, n);
  }

  bool no_in_saved = p->no_in_;
  p->no_in_ = no_in;
  AstNode *lhs = parse_conditional(p, no_in);
  p->no_in_ = no_in_saved;

  /* arrow functions: `x => ...`, `(a, b) => ...` */
  if (at(p, TOK_ARROW)) {
    bool ok = (lhs->kind == AST_IDENTIFIER && !(lhs->flags & AST_FLAG_PARENTHESIZED) && lhs->start == start) ||
              (lhs->kind == AST_SEQUENCE && (lhs->pad_ & 1));
    if (!ok) parse_fail_unexpected(p);
    if (lhs->kind == AST_IDENTIFIER) {
      /* re-validate as a binding identifier */
      uint8_t kw = parse_keyword_of(p, lhs->u.ref.name);
      if (p->strict && (kw == KW_EVAL || kw == KW_ARGUMENTS))
        parse_fail_at(p, lhs->start, lhs->end, "Unexpected eval or arguments in strict mode");
    }
    p->cover_init_pos = NO_POS;
    p->no_in_ = no_in;
    AstNode *fn = parse_arrow_function(p, lhs, false, start);
    p->no_in_ = no_in_saved;
    p->cover_init_pos = saved_cover;
    leave(p);
    return fn;
  }
  if (lhs->kind == AST_SEQUENCE && (lhs->pad_ & 1)) parse_fail_unexpected(p);

  uint8_t op = assign_op((TokenType)p->tok.type);
  if (op != OP_NONE) {
    if (op == OP_ASSIGN && (lhs->kind == AST_OBJECT || lhs->kind == AST_ARRAY) &&
        !(lhs->flags & AST_FLAG_PARENTHESIZED)) {
      to_assignment_target(p, lhs, false);
      p->cover_init_pos = NO_POS;
    } else {
      check_no_cover(p);
      bool logical = op == OP_AND || op == OP_OR || op == OP_NULLISH;
      if (!is_simple_target(p, lhs) && (logical || !is_sloppy_call_target(p, lhs))) fail_lhs(p, lhs, "in assignment");
    }
    next(p);
    AstNode *value = parse_assignment(p, no_in);
    if (lhs->kind == AST_IDENTIFIER && !(lhs->flags & AST_FLAG_PARENTHESIZED) &&
        (op == OP_ASSIGN || op == OP_AND || op == OP_OR || op == OP_NULLISH))
      name_anonymous(value, lhs->u.ref.name);
    AstNode *n = new_node(p, AST_ASSIGN, start);
    n->u.assign.op = op;
    n->u.assign.target = lhs;
    n->u.assign.value = value;
    p->cover_init_pos = saved_cover;
    leave(p);
    return finish(p, n);
  }
  if (p->cover_init_pos != NO_POS) {
    /* Only a literal itself may still become a pattern: `{a = 0}.x` or `f({a = 0})` used the
     * literal as a value, so its shorthand initializer is an error now. */
    bool literal = (lhs->kind == AST_OBJECT || lhs->kind == AST_ARRAY) && !(lhs->flags & AST_FLAG_PARENTHESIZED);
    if (!cover_ok || !literal) check_no_cover(p);
    /* keep pending for the enclosing literal / parameter list */
    if (saved_cover != NO_POS) p->cover_init_pos = saved_cover;
  } else {
    p->cover_init_pos = saved_cover;
  }
  leave(p);
  return lhs;
}

static AstNode *parse_expression(Parser *p, bool no_in) {
  uint32_t start = p->tok.start;
  AstNode *e = parse_assignment(p, no_in);
  if (!at(p, TOK_COMMA)) return e;
  NodeVec items = {0};
  vec_push(p, &items, e);
  while (eat(p, TOK_COMMA)) vec_push(p, &items, parse_assignment(p, no_in));
  AstNode *n = new_node(p, AST_SEQUENCE, start);
  n->u.list = vec_list(&items);
  return finish(p, n);
}

/* ---------------------------------------------------------------- binding patterns */

static AstNode *parse_binding_element(Parser *p) {
  uint32_t start = p->tok.start;
  AstNode *t = parse_binding_target(p);
  if (!at(p, TOK_ASSIGN)) return t;
  next(p);
  AstNode *d = new_node(p, AST_PATTERN_DEFAULT, start);
  d->u.pdefault.target = t;
  d->u.pdefault.value = parse_assignment(p, false);
  if (t->kind == AST_IDENTIFIER) name_anonymous(d->u.pdefault.value, t->u.ref.name);
  return finish(p, d);
}

static AstNode *parse_binding_target(Parser *p) {
  enter(p);
  uint32_t start = p->tok.start;
  AstNode *n;
  if (at(p, TOK_LBRACKET)) {
    next(p);
    n = new_node(p, AST_ARRAY_PATTERN, start);
    NodeVec items = {0};
    while (!at(p, TOK_RBRACKET)) {
      if (at(p, TOK_COMMA)) {
        next(p);
        vec_push(p, &items, NULL);
        continue;
      }
      if (eat(p, TOK_ELLIPSIS)) {
        n->u.pattern.rest = parse_binding_target(p);
        if (at(p, TOK_ASSIGN)) parse_fail_at(p, n->u.pattern.rest->start, p->tok.end, "Invalid destructuring assignment target");
        if (!at(p, TOK_RBRACKET)) parse_fail_at(p, p->tok.start, p->tok.end, "Rest element must be last element");
        break;
      }
      vec_push(p, &items, parse_binding_element(p));
      if (!at(p, TOK_RBRACKET)) expect(p, TOK_COMMA);
    }
    next(p);
    n->u.pattern.items = vec_list(&items);
  } else if (at(p, TOK_LBRACE)) {
    next(p);
    n = new_node(p, AST_OBJECT_PATTERN, start);
    NodeVec items = {0};
    while (!at(p, TOK_RBRACE)) {
      if (eat(p, TOK_ELLIPSIS)) {
        if (!at(p, TOK_IDENT)) parse_fail_at(p, p->tok.start, p->tok.end, "`...` must be followed by an identifier in declaration contexts");
        n->u.pattern.rest = parse_identifier(p, true);
        if (at(p, TOK_ASSIGN)) parse_fail_at(p, n->u.pattern.rest->start, p->tok.end, "Invalid destructuring assignment target");
        if (!at(p, TOK_RBRACE)) parse_fail_at(p, p->tok.start, p->tok.end, "Rest element must be last element");
        break;
      }
      uint32_t ps = p->tok.start;
      PropKey k;
      parse_property_key(p, &k, false);
      AstNode *pp = new_node(p, AST_PATTERN_PROPERTY, ps);
      pp->u.pprop.key_kind = k.kind;
      pp->u.pprop.key_name = k.name;
      pp->u.pprop.key_number = k.number;
      pp->u.pprop.key = k.key;
      if (eat(p, TOK_COLON)) {
        pp->u.pprop.value = parse_binding_element(p);
      } else {
        if (!k.is_ident) parse_fail_unexpected(p);
        Token saved = p->tok;
        p->tok = k.tok;
        check_identifier_token(p, true);
        p->tok = saved;
        pp->flags |= AST_FLAG_SHORTHAND;
        AstNode *id = make_ident(p, k.name, k.tok.start, k.tok.end);
        if (eat(p, TOK_ASSIGN)) {
          AstNode *d = new_node(p, AST_PATTERN_DEFAULT, ps);
          d->u.pdefault.target = id;
          d->u.pdefault.value = parse_assignment(p, false);
          name_anonymous(d->u.pdefault.value, k.name);
          pp->u.pprop.value = finish(p, d);
        } else {
          pp->u.pprop.value = id;
        }
      }
      vec_push(p, &items, finish(p, pp));
      if (!at(p, TOK_RBRACE)) expect(p, TOK_COMMA);
    }
    next(p);
    n->u.pattern.items = vec_list(&items);
  } else {
    n = parse_identifier(p, true);
    leave(p);
    return n;
  }
  leave(p);
  return finish(p, n);
}

/* ---------------------------------------------------------------- classes */

static ClassLiteral *parse_class(Parser *p, bool is_decl, bool name_optional) {
  enter(p);
  uint32_t start = p->tok.start;
  expect_kw(p, KW_CLASS);
  ClassLiteral *c = parse_alloc(p, sizeof(ClassLiteral));
  c->source_start = start;
  bool saved_strict = p->strict;
  p->strict = true;
  if (at(p, TOK_IDENT) && !at_kw(p, KW_EXTENDS)) {
    check_identifier_token(p, true);
    c->name = p->tok.str;
    next(p);
  } else if (!name_optional) {
    parse_fail_unexpected(p);
  }
  (void)is_decl;
  if (eat_kw(p, KW_EXTENDS)) {
    uint32_t es = p->tok.start;
    c->extends = parse_call_tail(p, parse_lhs(p), es, true);
    if (c->extends->kind == AST_FUNCTION && c->extends->u.func->kind == FN_ARROW &&
        !(c->extends->flags & AST_FLAG_PARENTHESIZED))
      parse_fail_unexpected(p);
  }
  expect(p, TOK_LBRACE);
  ClassState cs = {p->cs, c};
  p->cs = &cs;
  NodeVec members = {0};
  bool has_ctor = false;
  while (!at(p, TOK_RBRACE)) {
    if (eat(p, TOK_SEMI)) continue;
    uint32_t mstart = p->tok.start;
    AstNode *m = new_node(p, AST_CLASS_MEMBER, mstart);
    bool is_static = false, is_async = false, is_gen = false;
    uint8_t accessor = 0;
    if (at_kw(p, KW_STATIC)) {
      Token t = peek_token(p);
      if (!(t.type == TOK_LPAREN || t.type == TOK_ASSIGN || t.type == TOK_SEMI || t.type == TOK_RBRACE ||
            (t.nl_before && false))) {
        if (!(t.type == TOK_IDENT || t.type == TOK_STRING || t.type == TOK_NUMBER || t.type == TOK_BIGINT ||
              t.type == TOK_LBRACKET || t.type == TOK_PRIVATE_NAME || t.type == TOK_STAR || t.type == TOK_LBRACE) &&
            t.nl_before) {
          /* a field named static followed by ASI */
        } else {
          is_static = true;
          next(p);
        }
      }
    }
    if (is_static) mstart = p->tok.start; /* a static method's source text starts after `static` */
    if (is_static && at(p, TOK_LBRACE)) {
      /* static initialization block */
      FunctionLiteral *f = new_function(p, FN_STATIC_BLOCK, p->tok.start);
      f->flags |= FNF_STRICT | FNF_SIMPLE_PARAMS | FNF_CLASS_MEMBER | FNF_IS_STATIC;
      f->class_lit = c;
      FnState fs;
      push_fn_state(p, &fs, f);
      fs.allow_super_property = true;
      fs.allow_new_target = true;
      fs.in_class_field = true;
      fs.in_static_block = true;
      next(p);
      NodeVec body = {0};
      parse_statement_list_until(p, &body, TOK_RBRACE, false, f);
      f->body = vec_list(&body);
      f->source_end = p->tok.end;
      p->fs = fs.outer;
      next(p);
      m->u.member_.member_kind = CMEMBER_STATIC_BLOCK;
      m->u.member_.value = f;
      m->flags |= AST_FLAG_STATIC;
      vec_push(p, &members, finish(p, m));
      continue;
    }
    if (at_kw(p, KW_ASYNC) || at_kw(p, KW_GET) || at_kw(p, KW_SET)) {
      Token t = peek_token(p);
      bool modifier = !(t.type == TOK_LPAREN || t.type == TOK_ASSIGN || t.type == TOK_SEMI ||
                        t.type == TOK_RBRACE || t.nl_before);
      if (modifier) {
        if (at_kw(p, KW_ASYNC)) is_async = true;
        else accessor = at_kw(p, KW_GET) ? CMEMBER_GETTER : CMEMBER_SETTER;
        next(p);
      }
    }
    if (!accessor && eat(p, TOK_STAR)) is_gen = true;
    check_escaped_modifier(p);
    PropKey k;
    parse_property_key(p, &k, true);
    m->u.member_.key_kind = k.kind;
    m->u.member_.key_name = k.name;
    m->u.member_.key_number = k.number;
    m->u.member_.key = k.key;
    if (is_static) m->flags |= AST_FLAG_STATIC;
    bool named_ctor = k.kind == KEY_NAMED && ast_string_equals_ascii(k.name, "constructor");
    bool named_proto = k.kind == KEY_NAMED && ast_string_equals_ascii(k.name, "prototype");
    AstString *inferred = k.kind == KEY_COMPUTED ? NULL : k.kind == KEY_PRIVATE ? private_display_name(p, k.name) : k.name;
    if (at(p, TOK_LPAREN) || accessor || is_async || is_gen) {
      if (is_static && named_proto)
        parse_fail_at(p, k.tok.start, k.tok.end, "Classes may not have a static property named 'prototype'");
      uint8_t fk = accessor == CMEMBER_GETTER ? FN_GETTER : accessor == CMEMBER_SETTER ? FN_SETTER : FN_METHOD;
      if (!is_static && named_ctor) {
        if (accessor) parse_fail_at(p, k.tok.start, k.tok.end, "Class constructor may not be an accessor");
        if (is_gen) parse_fail_at(p, k.tok.start, k.tok.end, "Class constructor may not be a generator");
        if (is_async) parse_fail_at(p, k.tok.start, k.tok.end, "Class constructor may not be an async method");
        if (has_ctor) parse_fail_at(p, k.tok.start, k.tok.end, "A class may only have one constructor");
        has_ctor = true;
        fk = c->extends ? FN_DERIVED_CONSTRUCTOR : FN_BASE_CONSTRUCTOR;
        FnParseInfo info = {0};
        info.kind = fk;
        info.start = mstart;
        info.cls = c;
        c->constructor = parse_function_rest(p, &info);
        continue;
      }
      AstNode *fn = parse_method_function(p, fk, is_async, is_gen, mstart, inferred, is_static, c);
      m->u.member_.member_kind = accessor ? accessor : CMEMBER_METHOD;
      m->u.member_.value = fn->u.func;
    } else {
      /* field */
      if (named_ctor) parse_fail_at(p, k.tok.start, k.tok.end, "Classes may not have a field named 'constructor'");
      if (is_static && named_proto)
        parse_fail_at(p, k.tok.start, k.tok.end, "Classes may not have a static property named 'prototype'");
      m->u.member_.member_kind = CMEMBER_FIELD;
      if (eat(p, TOK_ASSIGN)) {
        FunctionLiteral *f = new_function(p, FN_FIELD_INIT, p->tok.start);
        f->flags |= FNF_STRICT | FNF_SIMPLE_PARAMS | FNF_CLASS_MEMBER | (is_static ? FNF_IS_STATIC : 0);
        f->class_lit = c;
        FnState fs;
        push_fn_state(p, &fs, f);
        fs.allow_super_property = true;
        fs.allow_new_target = true;
        fs.in_class_field = true;
        uint32_t es = p->tok.start;
        bool saved_ok = p->cover_ok;
        uint32_t saved_cover = p->cover_init_pos;
        p->cover_ok = false;
        p->cover_init_pos = NO_POS;
        AstNode *e = parse_assignment(p, false);
        p->cover_ok = saved_ok;
        p->cover_init_pos = saved_cover;
        name_anonymous(e, inferred);
        AstNode *ret = new_node(p, AST_RETURN, es);
        ret->u.unary.operand = e;
        finish(p, ret);
        AstNode **items = parse_alloc(p, sizeof(AstNode *));
        items[0] = ret;
        f->body.items = items;
        f->body.count = 1;
        f->source_end = p->prev_end;
        p->fs = fs.outer;
        m->u.member_.value = f;
      }
      consume_semicolon(p);
    }
    vec_push(p, &members, finish(p, m));
  }
  c->source_end = p->tok.end;
  p->cs = cs.outer;
  c->members = vec_list(&members);
  for (uint32_t i = 0; i < members.count; i++) {
    AstNode *m = members.items[i];
    bool st = (m->flags & AST_FLAG_STATIC) != 0;
    if (m->u.member_.member_kind == CMEMBER_FIELD && !st) c->has_instance_fields = true;
    if (m->u.member_.key_kind == KEY_PRIVATE && m->u.member_.member_kind != CMEMBER_FIELD &&
        m->u.member_.member_kind != CMEMBER_STATIC_BLOCK) {
      if (st) c->has_static_private_methods = true;
      else c->has_private_methods = c->has_instance_fields = true;
    }
  }
  if (!c->constructor) {
    FunctionLiteral *f = new_function(p, c->extends ? FN_DERIVED_CONSTRUCTOR : FN_BASE_CONSTRUCTOR, start);
    f->flags |= FNF_STRICT | FNF_SIMPLE_PARAMS | FNF_DEFAULT_CONSTRUCTOR | FNF_CLASS_MEMBER;
    f->source_end = p->tok.end;
    f->class_lit = c;
    c->constructor = f;
  }
  c->constructor->name = c->name;
  p->strict = saved_strict;
  next(p); /* } */
  leave(p);
  return c;
}

/* ---------------------------------------------------------------- statements */

static LabelEntry *push_label(Parser *p, AstString *name, AstNode *node, bool is_loop) {
  FnState *fs = p->fs;
  if (fs->label_count == fs->label_cap) {
    uint32_t ncap = fs->label_cap ? fs->label_cap * 2 : 8;
    LabelEntry *nl = parse_alloc(p, sizeof(LabelEntry) * ncap);
    if (fs->label_count) memcpy(nl, fs->labels, sizeof(LabelEntry) * fs->label_count);
    fs->labels = nl;
    fs->label_cap = ncap;
  }
  LabelEntry *e = &fs->labels[fs->label_count++];
  e->name = name;
  e->node = node;
  e->loop = NULL;
  e->is_loop = is_loop;
  return e;
}

/* A loop begins: bind pending labels to it and push an unlabeled breakable entry. */
static void begin_breakable(Parser *p, AstNode *node, bool is_loop) {
  FnState *fs = p->fs;
  if (is_loop) {
    for (uint32_t i = 0; i < fs->pending_labels; i++) fs->labels[fs->label_count - 1 - i].loop = node;
  }
  fs->pending_labels = 0;
  push_label(p, NULL, node, is_loop);
}
static void end_breakable(Parser *p) { p->fs->label_count--; }

static AstNode *parse_var_declarations(Parser *p, uint8_t kind, bool no_in, bool for_head, uint32_t start) {
  AstNode *n = new_node(p, AST_VAR_DECL, start);
  n->u.vardecl.decl_kind = kind;
  if (kind == DECL_AWAIT_USING) note_top_level_await(p); /* its disposal awaits */
  NodeVec decls = {0};
  do {
    uint32_t ds = p->tok.start;
    AstNode *d = new_node(p, AST_VAR_DECLARATOR, ds);
    if (kind != DECL_VAR && at_kw(p, KW_LET))
      parse_fail_at(p, p->tok.start, p->tok.end, "let is disallowed as a lexically bound name");
    if ((kind == DECL_USING || kind == DECL_AWAIT_USING) && !at(p, TOK_IDENT)) parse_fail_unexpected(p);
    d->u.declarator.target = parse_binding_target(p);
    if (eat(p, TOK_ASSIGN)) {
      d->u.declarator.init = parse_assignment(p, no_in);
      if (d->u.declarator.target->kind == AST_IDENTIFIER)
        name_anonymous(d->u.declarator.init, d->u.declarator.target->u.ref.name);
    } else if (!for_head || !(at_kw(p, KW_IN) || at_kw(p, KW_OF))) {
      if (kind == DECL_CONST || kind == DECL_USING || kind == DECL_AWAIT_USING)
        parse_fail_at(p, d->start, p->prev_end, "Missing initializer in %s declaration",
                      kind == DECL_CONST ? "const" : "using");
      if (d->u.declarator.target->kind != AST_IDENTIFIER)
        parse_fail_at(p, d->start, p->prev_end, "Missing initializer in destructuring declaration");
    }
    vec_push(p, &decls, finish(p, d));
  } while (eat(p, TOK_COMMA));
  n->u.vardecl.declarators = vec_list(&decls);
  return finish(p, n);
}

/* Is the current `let` the start of a lexical declaration? */
static bool let_starts_declaration(Parser *p, bool statement_position) {
  Token t = peek_token(p);
  if (t.type == TOK_LBRACKET) return true;
  if (t.type == TOK_LBRACE) return true;
  if (t.type == TOK_IDENT) {
    if (statement_position && t.nl_before) return true;
    if (t.kw == KW_IN || t.kw == KW_INSTANCEOF) return false;
    if (t.kw == KW_OF && !t.escaped) return true; /* `let of` ... */
    return true;
  }
  return false;
}

static bool using_starts_declaration(Parser *p) {
  Token t = peek_token(p);
  return t.type == TOK_IDENT && !t.nl_before && !(t.kw == KW_IN && !t.escaped) &&
         !(t.kw == KW_INSTANCEOF && !t.escaped);
}

static AstNode *parse_block(Parser *p) {
  AstNode *n = new_node(p, AST_BLOCK, p->tok.start);
  expect(p, TOK_LBRACE);
  NodeVec body = {0};
  parse_statement_list_until(p, &body, TOK_RBRACE, false, NULL);
  next(p);
  n->u.block.body = vec_list(&body);
  return finish(p, n);
}

/* `for (using of = ...` declares `of`; `for (using of x)` iterates into `using`. */
static bool using_of_is_declaration(Parser *p) {
  ScanState s;
  scan_save(p, &s);
  next(p);
  next(p);
  bool decl = at(p, TOK_ASSIGN) || at(p, TOK_SEMI);
  scan_restore(p, &s);
  return decl;
}

static AstNode *parse_for(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  bool is_await = false;
  if (at_kw(p, KW_AWAIT)) {
    if (!(p->fs->is_async && !p->fs->in_params)) parse_fail_unexpected(p);
    is_await = true;
    note_top_level_await(p);
    next(p);
  }
  expect(p, TOK_LPAREN);
  AstNode *n = new_node(p, AST_FOR, start);
  n->u.loop.is_await = is_await;
  AstNode *init = NULL;
  uint32_t is = p->tok.start;
  bool decl = false;
  if (at(p, TOK_SEMI)) {
    /* no init */
  } else if (at_kw(p, KW_VAR)) {
    next(p);
    init = parse_var_declarations(p, DECL_VAR, true, true, is);
    decl = true;
  } else if (at_kw(p, KW_CONST)) {
    next(p);
    init = parse_var_declarations(p, DECL_CONST, true, true, is);
    decl = true;
  } else if (at_kw(p, KW_LET) && let_starts_declaration(p, false)) {
    next(p);
    init = parse_var_declarations(p, DECL_LET, true, true, is);
    decl = true;
  } else if (at_kw(p, KW_USING) && using_starts_declaration(p) &&
             !(peek_token(p).kw == KW_OF && !peek_token(p).escaped && !using_of_is_declaration(p))) {
    next(p);
    init = parse_var_declarations(p, DECL_USING, true, true, is);
    decl = true;
  } else if (at_kw(p, KW_AWAIT) && p->fs->is_async && peek_token(p).kw == KW_USING && !peek_token(p).nl_before) {
    next(p);
    next(p);
    init = parse_var_declarations(p, DECL_AWAIT_USING, true, true, is);
    decl = true;
  } else {
    bool starts_let = at_kw(p, KW_LET);
    bool starts_async = at_kw(p, KW_ASYNC);
    bool saved_ok = p->cover_ok;
    p->cover_ok = true;
    uint32_t saved_cover = p->cover_init_pos;
    p->cover_init_pos = NO_POS;
    init = parse_expression(p, true);
    p->cover_ok = saved_ok;
    if (at_kw(p, KW_OF) || at_kw(p, KW_IN)) {
      bool of = at_kw(p, KW_OF);
      if (of && starts_let) parse_fail_at(p, init->start, init->end, "The left-hand side of a for-of loop may not be 'let'.");
      if (of && starts_async && !is_await && init->kind == AST_IDENTIFIER && !(init->flags & AST_FLAG_PARENTHESIZED))
        parse_fail_at(p, init->start, init->end, "The left-hand side of a for-of loop may not be 'async'.");
      if ((init->kind == AST_OBJECT || init->kind == AST_ARRAY) && !(init->flags & AST_FLAG_PARENTHESIZED)) {
        to_assignment_target(p, init, false);
        p->cover_init_pos = NO_POS;
      } else {
        check_no_cover(p);
        if (!is_simple_target(p, init) && !is_sloppy_call_target(p, init))
          fail_lhs(p, init, of ? "in for-of loop" : "in for-in loop");
      }
    } else {
      check_no_cover(p);
    }
    p->cover_init_pos = saved_cover;
  }
  if (at_kw(p, KW_OF) || at_kw(p, KW_IN)) {
    bool of = at_kw(p, KW_OF);
    if (!of && is_await) parse_fail_unexpected(p);
    if (decl) {
      if (init->u.vardecl.declarators.count != 1)
        parse_fail_at(p, init->start, init->end, "Invalid left-hand side in %s loop: Must have a single binding.",
                      is_await ? "for-await-of" : of ? "for-of" : "for-in");
      AstNode *d = init->u.vardecl.declarators.items[0];
      if (d->u.declarator.init) {
        if (of || p->strict || init->u.vardecl.decl_kind != DECL_VAR || d->u.declarator.target->kind != AST_IDENTIFIER)
          parse_fail_at(p, init->start, init->end, "%s loop variable declaration may not have an initializer.",
                        is_await ? "for-await-of" : of ? "for-of" : "for-in");
      }
      if (!of && (init->u.vardecl.decl_kind == DECL_USING || init->u.vardecl.decl_kind == DECL_AWAIT_USING))
        parse_fail_unexpected(p);
    }
    next(p);
    n->kind = of ? AST_FOR_OF : AST_FOR_IN;
    n->u.loop.init = init;
    n->u.loop.cond = of ? parse_assignment(p, false) : parse_expression(p, false);
    expect(p, TOK_RPAREN);
  } else {
    if (is_await) parse_fail_unexpected(p);
    if (decl) {
      for (uint32_t i = 0; i < init->u.vardecl.declarators.count; i++) {
        AstNode *d = init->u.vardecl.declarators.items[i];
        if (!d->u.declarator.init && (init->u.vardecl.decl_kind != DECL_VAR && init->u.vardecl.decl_kind != DECL_LET))
          parse_fail_at(p, d->start, d->end, "Missing initializer in const declaration");
        if (!d->u.declarator.init && d->u.declarator.target->kind != AST_IDENTIFIER)
          parse_fail_at(p, d->start, d->end, "Missing initializer in destructuring declaration");
      }
    }
    expect(p, TOK_SEMI);
    n->u.loop.init = init;
    if (!at(p, TOK_SEMI)) n->u.loop.cond = parse_expression(p, false);
    expect(p, TOK_SEMI);
    if (!at(p, TOK_RPAREN)) n->u.loop.update = parse_expression(p, false);
    expect(p, TOK_RPAREN);
  }
  begin_breakable(p, n, true);
  n->u.loop.body = parse_statement(p, false);
  end_breakable(p);
  return finish(p, n);
}

/* Statement positions that are not StatementListItems reject declarations. */
static void check_single_statement_ex(Parser *p, AstNode *s, bool allow_annexb_function, bool allow_labeled_fn) {
  if (s->kind == AST_CLASS_DECL) parse_fail_at(p, s->start, s->start + 5, "Unexpected token 'class'");
  if (s->kind == AST_VAR_DECL && s->u.vardecl.decl_kind == DECL_CONST)
    parse_fail_at(p, s->start, s->start + 5, "Unexpected token 'const'");
  if (s->kind == AST_VAR_DECL && s->u.vardecl.decl_kind != DECL_VAR)
    parse_fail_at(p, s->start, s->end, "Lexical declaration cannot appear in a single-statement context");
  const char *sloppy_msg =
      "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement.";
  const char *strict_msg = "In strict mode code, functions can only be declared at top level or inside a block.";
  if (s->kind == AST_FUNCTION_DECL) {
    FunctionLiteral *f = s->u.func;
    if (f->flags & FNF_ASYNC)
      parse_fail_at(p, s->start, s->end, "Async functions can only be declared at the top level or inside a block.");
    if (f->flags & FNF_GENERATOR)
      parse_fail_at(p, s->start, s->end, "Generators can only be declared at the top level or inside a block.");
    if (!allow_annexb_function || p->strict) parse_fail_at(p, s->start, s->end, "%s", p->strict ? strict_msg : sloppy_msg);
  }
  if (s->kind == AST_LABELED) {
    AstNode *b = s;
    while (b->kind == AST_LABELED) b = b->u.labeled.body;
    if (b->kind == AST_FUNCTION_DECL && !allow_labeled_fn)
      parse_fail_at(p, b->start, b->end, "%s", p->strict ? strict_msg : sloppy_msg);
  }
}

static void check_single_statement(Parser *p, AstNode *s, bool allow_annexb_function) {
  check_single_statement_ex(p, s, allow_annexb_function, false);
}

static AstNode *parse_sub_statement(Parser *p, bool if_body) {
  AstNode *s = parse_statement(p, false);
  check_single_statement(p, s, if_body);
  if (s->kind == AST_FUNCTION_DECL) {
    /* Annex B.3.4: `if (x) function f() {}` behaves as if the declaration were in a block */
    AstNode *b = new_node(p, AST_BLOCK, s->start);
    AstNode **items = parse_alloc(p, sizeof(AstNode *));
    items[0] = s;
    b->u.block.body.items = items;
    b->u.block.body.count = 1;
    b->end = s->end;
    return b;
  }
  return s;
}

static AstNode *parse_import_declaration(Parser *p);
static AstNode *parse_export_declaration(Parser *p);

static AstNode *parse_statement(Parser *p, bool list_item) {
  enter(p);
  Token *t = &p->tok;
  uint32_t start = t->start;
  AstNode *n = NULL;
  uint32_t pending = p->fs->pending_labels;
  p->fs->pending_labels = 0;
  switch (t->type) {
  case TOK_LBRACE:
    n = parse_block(p);
    goto out;
  case TOK_SEMI:
    next(p);
    n = finish(p, new_node(p, AST_EMPTY, start));
    goto out;
  case TOK_IDENT:
    if (t->escaped) break;
    switch (t->kw) {
    case KW_VAR:
      next(p);
      n = parse_var_declarations(p, DECL_VAR, false, false, start);
      consume_semicolon(p);
      n = finish(p, n);
      goto out;
    case KW_LET:
      if (let_starts_declaration(p, true)) {
        Token nt = peek_token(p);
        if (!list_item) {
          if (nt.type == TOK_LBRACKET) parse_fail_at(p, start, nt.end, "Lexical declaration cannot appear in a single-statement context");
          if (nt.nl_before) break; /* `let` identifier, then ASI */
          parse_fail_at(p, start, nt.end, "Lexical declaration cannot appear in a single-statement context");
        }
        next(p);
        n = parse_var_declarations(p, DECL_LET, false, false, start);
        consume_semicolon(p);
        n = finish(p, n);
        goto out;
      }
      break;
    case KW_CONST:
      if (!list_item) parse_fail_at(p, start, t->end, "Unexpected token 'const'");
      next(p);
      n = parse_var_declarations(p, DECL_CONST, false, false, start);
      consume_semicolon(p);
      n = finish(p, n);
      goto out;
    case KW_USING:
      if (using_starts_declaration(p)) {
        Token nt = peek_token(p);
        if (nt.kw != KW_AWAIT || !p->fs->is_async) {
          if (!list_item || (uint32_t)p->depth == p->case_stmt_depth_)
            parse_fail_at(p, start, t->end, "Lexical declaration cannot appear in a single-statement context");
          if ((p->fs->fn->kind == FN_SCRIPT || p->fs->fn->kind == FN_EVAL) && !p->fs->outer && p->depth == 1)
            parse_fail_at(p, start, t->end, "Using declaration is not allowed at the top level of a script");
          next(p);
          n = parse_var_declarations(p, DECL_USING, false, false, start);
          consume_semicolon(p);
          n = finish(p, n);
          goto out;
        }
      }
      break;
    case KW_FUNCTION:
      n = parse_function_expression_or_decl(p, false, start, true, false);
      goto out;
    case KW_ASYNC: {
      Token nt = peek_token(p);
      if (nt.type == TOK_IDENT && nt.kw == KW_FUNCTION && !nt.escaped && !nt.nl_before) {
        next(p);
        n = parse_function_expression_or_decl(p, true, start, true, false);
        goto out;
      }
      break;
    }
    case KW_CLASS: {
      if (!list_item) parse_fail_at(p, start, t->end, "Unexpected token 'class'");
      ClassLiteral *c = parse_class(p, true, false);
      n = new_node(p, AST_CLASS_DECL, start);
      n->u.cls = c;
      n = finish(p, n);
      goto out;
    }
    case KW_IF: {
      next(p);
      expect(p, TOK_LPAREN);
      n = new_node(p, AST_IF, start);
      n->u.if_.cond = parse_expression(p, false);
      expect(p, TOK_RPAREN);
      n->u.if_.then = parse_sub_statement(p, true);
      if (eat_kw(p, KW_ELSE)) n->u.if_.otherwise = parse_sub_statement(p, true);
      n = finish(p, n);
      goto out;
    }
    case KW_FOR:
      p->fs->pending_labels = pending;
      n = parse_for(p);
      check_single_statement(p, n->u.loop.body, false);
      goto out;
    case KW_WHILE: {
      next(p);
      expect(p, TOK_LPAREN);
      n = new_node(p, AST_WHILE, start);
      n->u.loop.cond = parse_expression(p, false);
      expect(p, TOK_RPAREN);
      p->fs->pending_labels = pending;
      begin_breakable(p, n, true);
      n->u.loop.body = parse_sub_statement(p, false);
      end_breakable(p);
      n = finish(p, n);
      goto out;
    }
    case KW_DO: {
      next(p);
      n = new_node(p, AST_DO_WHILE, start);
      p->fs->pending_labels = pending;
      begin_breakable(p, n, true);
      n->u.loop.body = parse_sub_statement(p, false);
      end_breakable(p);
      expect_kw(p, KW_WHILE);
      expect(p, TOK_LPAREN);
      n->u.loop.cond = parse_expression(p, false);
      expect(p, TOK_RPAREN);
      eat(p, TOK_SEMI); /* ASI always applies after do-while */
      n = finish(p, n);
      goto out;
    }
    case KW_CONTINUE:
    case KW_BREAK: {
      bool is_break = t->kw == KW_BREAK;
      next(p);
      n = new_node(p, is_break ? AST_BREAK : AST_CONTINUE, start);
      FnState *fs = p->fs;
      if (at(p, TOK_IDENT) && !p->tok.nl_before && !(at_kw(p, KW_IN) && false)) {
        check_identifier_token(p, false);
        AstString *label = p->tok.str;
        uint32_t ls = p->tok.start, le = p->tok.end;
        next(p);
        n->u.jump.label = label;
        LabelEntry *found = NULL;
        for (uint32_t i = fs->label_count; i-- > 0;)
          if (fs->labels[i].name == label) {
            found = &fs->labels[i];
            break;
          }
        char text[128];
        if (!found) parse_fail_at(p, ls, le, "Undefined label '%s'", ast_string_to_utf8(label, text, sizeof text));
        if (is_break) {
          n->u.jump.target = found->node;
        } else {
          if (!found->loop)
            parse_fail_at(p, ls, le, "Illegal continue statement: '%s' does not denote an iteration statement",
                          ast_string_to_utf8(label, text, sizeof text));
          n->u.jump.target = found->loop;
        }
      } else {
        LabelEntry *found = NULL;
        for (uint32_t i = fs->label_count; i-- > 0;) {
          if (fs->labels[i].name) continue;
          if (!is_break && !fs->labels[i].is_loop) continue;
          found = &fs->labels[i];
          break;
        }
        if (!found)
          parse_fail_at(p, start, p->prev_end, is_break ? "Illegal break statement"
                                                        : "Illegal continue statement: no surrounding iteration statement");
        n->u.jump.target = found->node;
      }
      consume_semicolon(p);
      n = finish(p, n);
      goto out;
    }
    case KW_RETURN: {
      if (!p->fs->allow_return) parse_fail_at(p, start, t->end, "Illegal return statement");
      next(p);
      n = new_node(p, AST_RETURN, start);
      if (!at(p, TOK_SEMI) && !at(p, TOK_RBRACE) && !at(p, TOK_EOF) && !p->tok.nl_before)
        n->u.unary.operand = parse_expression(p, false);
      consume_semicolon(p);
      n = finish(p, n);
      goto out;
    }
    case KW_WITH: {
      if (p->strict) parse_fail_at(p, start, t->end, "Strict mode code may not include a with statement");
      next(p);
      expect(p, TOK_LPAREN);
      n = new_node(p, AST_WITH, start);
      n->u.with.object = parse_expression(p, false);
      expect(p, TOK_RPAREN);
      n->u.with.body = parse_sub_statement(p, false);
      n = finish(p, n);
      goto out;
    }
    case KW_SWITCH: {
      next(p);
      expect(p, TOK_LPAREN);
      n = new_node(p, AST_SWITCH, start);
      n->u.switch_.discriminant = parse_expression(p, false);
      expect(p, TOK_RPAREN);
      expect(p, TOK_LBRACE);
      begin_breakable(p, n, false);
      NodeVec cases = {0};
      bool has_default = false;
      while (!at(p, TOK_RBRACE)) {
        AstNode *c = new_node(p, AST_CASE, p->tok.start);
        if (eat_kw(p, KW_CASE)) {
          c->u.case_.test = parse_expression(p, false);
        } else if (at_kw(p, KW_DEFAULT)) {
          if (has_default) parse_fail_at(p, p->tok.start, p->tok.end, "More than one default clause in switch statement");
          has_default = true;
          next(p);
        } else {
          parse_fail_unexpected(p);
        }
        expect(p, TOK_COLON);
        NodeVec body = {0};
        while (!at(p, TOK_RBRACE) && !at_kw(p, KW_CASE) && !at_kw(p, KW_DEFAULT)) {
          if (at(p, TOK_EOF)) parse_fail_unexpected(p);
          uint32_t saved_case = p->case_stmt_depth_;
          p->case_stmt_depth_ = (uint32_t)p->depth + 1;
          vec_push(p, &body, parse_statement(p, true));
          p->case_stmt_depth_ = saved_case;
        }
        c->u.case_.body = vec_list(&body);
        vec_push(p, &cases, finish(p, c));
      }
      next(p);
      end_breakable(p);
      n->u.switch_.cases = vec_list(&cases);
      n = finish(p, n);
      goto out;
    }
    case KW_THROW: {
      next(p);
      if (p->tok.nl_before) parse_fail_at(p, start, p->tok.start, "Illegal newline after throw");
      n = new_node(p, AST_THROW, start);
      n->u.unary.operand = parse_expression(p, false);
      consume_semicolon(p);
      n = finish(p, n);
      goto out;
    }
    case KW_TRY: {
      next(p);
      n = new_node(p, AST_TRY, start);
      n->u.try_.block = parse_block(p);
      if (eat_kw(p, KW_CATCH)) {
        if (eat(p, TOK_LPAREN)) {
          n->u.try_.param = parse_binding_target(p);
          expect(p, TOK_RPAREN);
        }
        n->u.try_.handler = parse_block(p);
      }
      if (eat_kw(p, KW_FINALLY)) n->u.try_.finalizer = parse_block(p);
      if (!n->u.try_.handler && !n->u.try_.finalizer) {
        parse_fail_at(p, p->tok.start, p->tok.end, "Missing catch or finally after try");
      }
      n = finish(p, n);
      goto out;
    }
    case KW_DEBUGGER:
      next(p);
      consume_semicolon(p);
      n = finish(p, new_node(p, AST_DEBUGGER, start));
      goto out;
    case KW_IMPORT: {
      Token nt = peek_token(p);
      if (nt.type == TOK_LPAREN || nt.type == TOK_DOT) break; /* import() / import.meta */
      if (!p->is_module || p->fs->outer || !list_item || p->depth != 1)
        parse_fail_at(p, start, t->end, "Cannot use import statement outside a module");
      n = parse_import_declaration(p);
      goto out;
    }
    case KW_EXPORT:
      if (!p->is_module || p->fs->outer || !list_item || p->depth != 1) parse_fail_unexpected(p);
      n = parse_export_declaration(p);
      goto out;
    case KW_ENUM:
      parse_fail_unexpected(p);
    default:
      break;
    }
    /* await using x = ... */
    if (t->kw == KW_AWAIT && p->fs->is_async && !p->fs->in_params) {
      ScanState s;
      scan_save(p, &s);
      next(p);
      bool is_decl = at_kw(p, KW_USING) && !p->tok.nl_before;
      if (is_decl) {
        Token nt = peek_token(p);
        is_decl = nt.type == TOK_IDENT && !nt.nl_before && !(nt.kw == KW_IN && !nt.escaped);
      }
      if (is_decl) {
        if (!list_item || (uint32_t)p->depth == p->case_stmt_depth_)
          parse_fail_at(p, start, p->tok.end, "Lexical declaration cannot appear in a single-statement context");
        next(p);
        n = parse_var_declarations(p, DECL_AWAIT_USING, false, false, start);
        consume_semicolon(p);
        n = finish(p, n);
        goto out;
      }
      scan_restore(p, &s);
    }
    break;
  default:
    break;
  }
  {
    /* expression statement or labeled statement */
    bool starts_ident = t->type == TOK_IDENT;
    AstNode *e = parse_expression(p, false);
    if (starts_ident && e->kind == AST_IDENTIFIER && !(e->flags & AST_FLAG_PARENTHESIZED) && at(p, TOK_COLON)) {
      next(p);
      AstString *label = e->u.ref.name;
      FnState *fs = p->fs;
      for (uint32_t i = 0; i < fs->label_count; i++)
        if (fs->labels[i].name == label) {
          char text[128];
          parse_fail_at(p, e->start, e->end, "Label '%s' has already been declared",
                        ast_string_to_utf8(label, text, sizeof text));
        }
      n = new_node(p, AST_LABELED, start);
      n->u.labeled.label = label;
      push_label(p, label, n, false);
      fs->pending_labels = pending + 1;
      if (at_kw(p, KW_FUNCTION)) {
        if (p->strict) parse_fail_at(p, p->tok.start, p->tok.end, "In strict mode code, functions can only be declared at top level or inside a block.");
        fs->pending_labels = 0;
        n->u.labeled.body = parse_function_expression_or_decl(p, false, p->tok.start, true, false);
        if (n->u.labeled.body->u.func->flags & (FNF_ASYNC | FNF_GENERATOR)) parse_fail_unexpected(p);
      } else {
        n->u.labeled.body = parse_statement(p, false);
        check_single_statement_ex(p, n->u.labeled.body, false, true);
      }
      fs->label_count--;
      fs->pending_labels = 0;
      n = finish(p, n);
      goto out;
    }
    n = new_node(p, AST_EXPR_STMT, start);
    n->u.unary.operand = e;
    consume_semicolon(p);
    n = finish(p, n);
  }
out:
  p->fs->pending_labels = 0;
  leave(p);
  return n;
}

/* ---------------------------------------------------------------- modules */

static AstString *parse_module_specifier(Parser *p) {
  if (!at(p, TOK_STRING)) parse_fail_unexpected(p);
  AstString *s = p->tok.str;
  next(p);
  return s;
}

static void parse_with_clause(Parser *p, AstString ***keys, AstString ***values, uint32_t *count) {
  if (!(at_kw(p, KW_WITH) || (at(p, TOK_IDENT) && ast_string_equals_ascii(p->tok.str, "assert") && !p->tok.nl_before && false)))
    return;
  next(p);
  expect(p, TOK_LBRACE);
  PtrVec k = {0}, v = {0};
  while (!at(p, TOK_RBRACE)) {
    AstString *key;
    if (at(p, TOK_IDENT) || at(p, TOK_STRING)) key = p->tok.str;
    else parse_fail_unexpected(p);
    for (uint32_t i = 0; i < k.count; i++)
      if (k.items[i] == key) parse_fail_at(p, p->tok.start, p->tok.end, "Import attribute has duplicate key '%s'", "key");
    next(p);
    expect(p, TOK_COLON);
    if (!at(p, TOK_STRING)) parse_fail_unexpected(p);
    pvec_push(p, &k, key);
    pvec_push(p, &v, p->tok.str);
    next(p);
    if (!at(p, TOK_RBRACE)) expect(p, TOK_COMMA);
  }
  next(p);
  *keys = (AstString **)k.items;
  *values = (AstString **)v.items;
  *count = k.count;
}

static bool is_well_formed(const AstString *s) {
  for (uint32_t i = 0; i < s->length; i++) {
    uint16_t c = s->chars[i];
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 1 < s->length && s->chars[i + 1] >= 0xDC00 && s->chars[i + 1] <= 0xDFFF) {
        i++;
        continue;
      }
      return false;
    }
    if (c >= 0xDC00 && c <= 0xDFFF) return false;
  }
  return true;
}

/* ModuleExportName: IdentifierName or string literal. */
static AstString *parse_module_export_name(Parser *p, bool *was_string) {
  *was_string = false;
  if (at(p, TOK_STRING)) {
    if (!is_well_formed(p->tok.str))
      parse_fail_at(p, p->tok.start, p->tok.end, "Invalid module export name: contains unpaired surrogate");
    *was_string = true;
  } else if (!at(p, TOK_IDENT)) {
    parse_fail_unexpected(p);
  }
  AstString *s = p->tok.str;
  next(p);
  return s;
}

static AstNode *parse_import_declaration(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  AstNode *n = new_node(p, AST_IMPORT_DECL, start);
  if (at(p, TOK_STRING)) {
    n->u.import_decl.specifier = parse_module_specifier(p);
  } else {
    bool need_from = true;
    AstString *n_source = parse_intern_ascii(p, "source"), *n_defer = parse_intern_ascii(p, "defer");
    if (at(p, TOK_IDENT) && !p->tok.escaped && p->tok.str == n_defer && peek_token(p).type == TOK_STAR) {
      /* import defer * as ns from "m" (proposal) */
      next(p);
      n->u.import_decl.phase = IMPORT_PHASE_DEFER;
    } else if (at(p, TOK_IDENT) && !p->tok.escaped && p->tok.str == n_source && peek_token(p).type == TOK_IDENT) {
      /* import source x from "m" (proposal); but `import source from "m"` imports a default
       * named source */
      Token src = p->tok;
      next(p);
      if (at_kw(p, KW_FROM) && peek_token(p).type == TOK_STRING) {
        Token saved = p->tok;
        p->tok = src;
        check_identifier_token(p, true);
        p->tok = saved;
        n->u.import_decl.default_binding = make_ident(p, src.str, src.start, src.end);
      } else {
        n->u.import_decl.phase = IMPORT_PHASE_SOURCE;
        n->u.import_decl.default_binding = parse_identifier(p, true);
      }
      need_from = false;
    } else if (at(p, TOK_IDENT)) {
      n->u.import_decl.default_binding = parse_identifier(p, true);
      if (!eat(p, TOK_COMMA)) need_from = false;
    }
    if (n->u.import_decl.phase == IMPORT_PHASE_DEFER && !at(p, TOK_STAR)) parse_fail_unexpected(p);
    if (!need_from) {
      /* import d from "m" */
    } else if (at(p, TOK_STAR)) {
      next(p);
      expect_kw(p, KW_AS);
      n->u.import_decl.namespace_binding = parse_identifier(p, true);
    } else if (at(p, TOK_LBRACE)) {
      next(p);
      PtrVec names = {0}, locals = {0};
      while (!at(p, TOK_RBRACE)) {
        Token nt = p->tok;
        bool was_string;
        AstString *name = parse_module_export_name(p, &was_string);
        AstNode *local;
        if (eat_kw(p, KW_AS)) {
          local = parse_identifier(p, true);
        } else {
          if (was_string) parse_fail_at(p, nt.start, nt.end, "Unexpected string");
          Token saved = p->tok;
          p->tok = nt;
          check_identifier_token(p, true);
          p->tok = saved;
          local = make_ident(p, nt.str, nt.start, nt.end);
        }
        pvec_push(p, &names, name);
        pvec_push(p, &locals, local);
        if (!at(p, TOK_RBRACE)) expect(p, TOK_COMMA);
      }
      next(p);
      n->u.import_decl.import_names = (AstString **)names.items;
      n->u.import_decl.local_names = (AstNode **)locals.items;
      n->u.import_decl.named_count = names.count;
    } else {
      parse_fail_unexpected(p);
    }
    expect_kw(p, KW_FROM);
    n->u.import_decl.specifier = parse_module_specifier(p);
  }
  parse_with_clause(p, &n->u.import_decl.attr_keys, &n->u.import_decl.attr_values, &n->u.import_decl.attr_count);
  consume_semicolon(p);
  return finish(p, n);
}

static AstNode *parse_export_declaration(Parser *p) {
  uint32_t start = p->tok.start;
  next(p);
  AstNode *n = new_node(p, AST_EXPORT_DECL, start);
  if (at(p, TOK_STAR)) {
    next(p);
    n->u.export_decl.export_kind = EXPORT_STAR;
    if (eat_kw(p, KW_AS)) {
      bool ws;
      AstString **names = parse_alloc(p, sizeof(AstString *));
      names[0] = parse_module_export_name(p, &ws);
      n->u.export_decl.export_names = names;
      n->u.export_decl.count = 1;
    }
    expect_kw(p, KW_FROM);
    n->u.export_decl.specifier = parse_module_specifier(p);
    parse_with_clause(p, &n->u.export_decl.attr_keys, &n->u.export_decl.attr_values, &n->u.export_decl.attr_count);
    consume_semicolon(p);
    return finish(p, n);
  }
  if (at(p, TOK_LBRACE)) {
    next(p);
    PtrVec locals = {0}, exports = {0};
    PtrVec local_toks = {0};
    bool any_string_local = false;
    while (!at(p, TOK_RBRACE)) {
      Token lt = p->tok;
      bool ws;
      AstString *local = parse_module_export_name(p, &ws);
      if (ws) any_string_local = true;
      AstString *exported = local;
      if (eat_kw(p, KW_AS)) {
        bool ws2;
        exported = parse_module_export_name(p, &ws2);
      }
      Token *tcopy = parse_alloc(p, sizeof(Token));
      *tcopy = lt;
      pvec_push(p, &local_toks, tcopy);
      pvec_push(p, &locals, local);
      pvec_push(p, &exports, exported);
      if (!at(p, TOK_RBRACE)) expect(p, TOK_COMMA);
    }
    next(p);
    n->u.export_decl.local_names = (AstString **)locals.items;
    n->u.export_decl.export_names = (AstString **)exports.items;
    n->u.export_decl.count = locals.count;
    if (at_kw(p, KW_FROM)) {
      next(p);
      n->u.export_decl.export_kind = EXPORT_FROM;
      n->u.export_decl.specifier = parse_module_specifier(p);
      parse_with_clause(p, &n->u.export_decl.attr_keys, &n->u.export_decl.attr_values, &n->u.export_decl.attr_count);
    } else {
      n->u.export_decl.export_kind = EXPORT_NAMED;
      if (any_string_local) parse_fail_at(p, start, p->prev_end, "Unexpected string");
      AstNode **refs = parse_alloc(p, sizeof(AstNode *) * (locals.count + 1));
      for (uint32_t i = 0; i < locals.count; i++) {
        Token *lt = local_toks.items[i];
        if (lt->kw != KW_NONE && (kw_is_reserved(lt->kw) || kw_is_strict_reserved(lt->kw) || lt->kw == KW_AWAIT))
          parse_fail_at(p, lt->start, lt->end, "Unexpected reserved word");
        refs[i] = make_ident(p, lt->str, lt->start, lt->end);
      }
      n->u.export_decl.local_refs = refs;
    }
    consume_semicolon(p);
    return finish(p, n);
  }
  if (at_kw(p, KW_DEFAULT)) {
    next(p);
    uint32_t ds = p->tok.start;
    if (at_kw(p, KW_FUNCTION) || (at_kw(p, KW_ASYNC) && peek_token(p).kw == KW_FUNCTION && !peek_token(p).nl_before)) {
      bool is_async = at_kw(p, KW_ASYNC);
      if (is_async) next(p);
      AstNode *d = parse_function_expression_or_decl(p, is_async, ds, true, true);
      if (!d->u.func->name) d->u.func->inferred_name = parse_intern_ascii(p, "default");
      n->u.export_decl.export_kind = EXPORT_DEFAULT_DECL;
      n->u.export_decl.declaration = d;
      return finish(p, n);
    }
    if (at_kw(p, KW_CLASS)) {
      ClassLiteral *c = parse_class(p, true, true);
      AstNode *d = new_node(p, AST_CLASS_DECL, ds);
      d->u.cls = c;
      finish(p, d);
      if (!c->name) c->inferred_name = parse_intern_ascii(p, "default");
      n->u.export_decl.export_kind = EXPORT_DEFAULT_DECL;
      n->u.export_decl.declaration = d;
      return finish(p, n);
    }
    n->u.export_decl.export_kind = EXPORT_DEFAULT_EXPR;
    AstNode *e = parse_assignment(p, false);
    name_anonymous(e, parse_intern_ascii(p, "default"));
    n->u.export_decl.expression = e;
    consume_semicolon(p);
    return finish(p, n);
  }
  /* export declaration */
  n->u.export_decl.export_kind = EXPORT_DECL;
  if (at_kw(p, KW_VAR) || at_kw(p, KW_LET) || at_kw(p, KW_CONST) || at_kw(p, KW_FUNCTION) ||
      at_kw(p, KW_CLASS) || (at_kw(p, KW_ASYNC) && peek_token(p).kw == KW_FUNCTION) ||
      (at_kw(p, KW_USING) && false)) {
    n->u.export_decl.declaration = parse_statement(p, true);
    AstNode *d = n->u.export_decl.declaration;
    if (d->kind == AST_EXPR_STMT) parse_fail_at(p, d->start, d->end, "Unexpected token 'export'");
    return finish(p, n);
  }
  parse_fail_unexpected(p);
}

/* ---------------------------------------------------------------- statement lists and programs */

static void parse_statement_list_until(Parser *p, NodeVec *out, TokenType end, bool directives,
                                       FunctionLiteral *fn) {
  bool in_prologue = directives;
  bool saw_octal = false, saw_89 = false;
  uint32_t octal_pos = 0;
  while (!at(p, end)) {
    if (at(p, TOK_EOF)) parse_fail_unexpected(p);
    if (in_prologue) {
      if (at(p, TOK_STRING)) {
        Token st = p->tok;
        AstNode *s = parse_statement(p, true);
        if (s->kind == AST_EXPR_STMT && s->u.unary.operand->kind == AST_STRING &&
            !(s->u.unary.operand->flags & AST_FLAG_PARENTHESIZED) && s->u.unary.operand->start == st.start &&
            s->u.unary.operand->end == st.end) {
          s->flags |= AST_FLAG_DIRECTIVE;
          if (st.legacy_octal && !saw_octal) {
            saw_octal = true;
            octal_pos = st.octal_pos;
            saw_89 = st.octal_89;
          }
          /* "use strict" exactly, without escapes or line continuations */
          if (st.end - st.start == 12 && !st.escaped && st.str == p->kw_names[KW_USE_STRICT_]) {
            if (fn) fn->flags |= FNF_USE_STRICT_DIRECTIVE;
            p->use_strict_pos = st.start;
            if (!p->strict) {
              p->strict = true;
              if (saw_octal)
                parse_fail_at(p, octal_pos, octal_pos + 2, "%s",
                              saw_89 ? "\\8 and \\9 are not allowed in strict mode."
                                     : "Octal escape sequences are not allowed in strict mode.");
              /* the next token was scanned before the switch */
              if (p->tok.legacy_octal)
                parse_fail_at(p, p->tok.start, p->tok.end, "%s",
                              p->tok.type == TOK_NUMBER ? "Octal literals are not allowed in strict mode."
                              : p->tok.octal_89         ? "\\8 and \\9 are not allowed in strict mode."
                                                        : "Octal escape sequences are not allowed in strict mode.");
            }
          }
          vec_push(p, out, s);
          continue;
        }
        in_prologue = false;
        vec_push(p, out, s);
        continue;
      }
      in_prologue = false;
    }
    vec_push(p, out, parse_statement(p, true));
  }
}

static void build_line_table(ParseResult *r, Parser *p) {
  /* most characters are neither CR, LF nor U+2028/9: one comparison each rejects them */
#define NOT_LINE_END(c) ((c) > '\r' && ((c) & 0xFFFE) != 0x2028)
  uint32_t count = 1;
  for (uint32_t i = 0; i < p->len; i++) {
    uint16_t c = p->src[i];
    if (NOT_LINE_END(c)) continue;
    if (c == '\r' && i + 1 < p->len && p->src[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) count++;
  }
  r->line_starts = zone_alloc(&r->zone, sizeof(uint32_t) * count);
  if (!r->line_starts) {
    r->line_count = 0;
    return;
  }
  uint32_t k = 0;
  r->line_starts[k++] = 0;
  for (uint32_t i = 0; i < p->len; i++) {
    uint16_t c = p->src[i];
    if (NOT_LINE_END(c)) continue;
    if (c == '\r' && i + 1 < p->len && p->src[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) r->line_starts[k++] = i + 1;
  }
#undef NOT_LINE_END
  r->line_count = k;
}

void parse_position_to_line_col(const ParseResult *r, uint32_t offset, int *line, int *col) {
  uint32_t lo = 0, hi = r->line_count;
  if (hi == 0) {
    *line = 1 + r->line_offset;
    *col = (int)offset + 1 + r->column_offset;
    return;
  }
  while (hi - lo > 1) {
    uint32_t mid = (lo + hi) / 2;
    if (r->line_starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  *line = (int)lo + 1 + r->line_offset;
  *col = (int)(offset - r->line_starts[lo]) + 1 + (lo == 0 ? r->column_offset : 0);
}

void parse_options_init(ParseOptions *opts) {
  memset(opts, 0, sizeof *opts);
  opts->allow_arguments = true;
}

static void parser_setup(Parser *p, ParseResult *r, const uint16_t *src, size_t len, const ParseOptions *opts,
                         jmp_buf *jb) {
  memset(p, 0, sizeof *p);
  p->pife_at = UINT32_MAX;
  p->zone = &r->zone;
  p->result = r;
  p->opts = opts;
  p->jmp = jb;
  p->src = src;
  p->len = (uint32_t)len;
  p->strict = opts->strict || opts->is_module;
  p->is_module = opts->is_module;
  p->cover_init_pos = NO_POS;
  volatile char probe;
  uintptr_t here = (uintptr_t)&probe;
  uintptr_t budget = 1u << 20; /* 1 MiB below the entry frame when the caller gives no limit */
  p->stack_limit = opts->stack_limit ? opts->stack_limit + (64u << 10) : (here > budget ? here - budget : 0);
}

static void parse_program_body(Parser *p, uint8_t kind) {
  intern_keywords(p);
  FunctionLiteral *f = new_function(p, kind, 0);
  FnState fs;
  push_fn_state(p, &fs, f);
  fs.is_async = p->is_module;
  fs.allow_new_target = p->opts->allow_new_target;
  fs.allow_super_property = p->opts->allow_super_property;
  fs.allow_super_call = p->opts->allow_super_call;
  fs.in_class_field = p->opts->in_class_field_init || (p->opts->is_eval && !p->opts->allow_arguments && p->opts->is_direct_eval);
  p->result->program = f;
  scan_init(p);
  NodeVec body = {0};
  parse_statement_list_until(p, &body, TOK_EOF, true, f);
  f->body = vec_list(&body);
  f->source_end = p->len;
  f->flags |= FNF_SIMPLE_PARAMS;
  if (p->strict) f->flags |= FNF_STRICT;
  if (p->is_module) f->flags |= FNF_STRICT;
  p->result->function_count = p->function_count;
  scopes_analyze(p, f);
  p->result->function_count = p->function_count;
  p->result->functions = p->functions;
}

static void finish_error(ParseResult *r) {
  r->ok = false;
  parse_position_to_line_col(r, r->error.offset, &r->error.line, &r->error.column);
}

static ParseResult *parse_program_with(const uint16_t *src, size_t len, const ParseOptions *opts_in);

ParseResult *parse_program(const uint16_t *src, size_t len, const ParseOptions *opts) {
  ParseOptions defaults;
  if (!opts) {
    parse_options_init(&defaults);
    opts = &defaults;
  }
  return parse_program_with(src, len, opts);
}

static ParseResult *parse_program_with(const uint16_t *src, size_t len, const ParseOptions *opts_in) {
  ParseResult *r = calloc(1, sizeof(ParseResult));
  if (!r) return NULL;
  zone_init(&r->zone);
  r->line_offset = opts_in->line_offset;
  r->column_offset = opts_in->column_offset;
  Parser *p = calloc(1, sizeof(Parser));
  if (!p) {
    r->error.kind = PARSE_ERROR_OOM;
    snprintf(r->error.message, sizeof r->error.message, "Out of memory");
    return r;
  }
  jmp_buf jb;
  parser_setup(p, r, src, len, opts_in, &jb);
  build_line_table(r, p);
  if (len > UINT32_MAX - 16) {
    r->error.kind = PARSE_ERROR_RANGE;
    snprintf(r->error.message, sizeof r->error.message, "Source is too large");
    free(p);
    return r;
  }
  if (setjmp(jb) == 0) {
    parse_program_body(p, opts_in->is_module ? FN_MODULE : opts_in->is_eval ? FN_EVAL : FN_SCRIPT);
    r->ok = true;
  } else {
    finish_error(r);
  }
  skip_zones_free(p);
  free(p);
  return r;
}

/* Parses src[start, end) alone as FormalParameters or FunctionBody to check it is self-contained. */
static bool check_dynamic_part(const uint16_t *src, size_t start, size_t end, bool is_params,
                               DynamicFunctionKind kind, const ParseOptions *opts, ParseResult *out) {
  ParseResult tmp;
  memset(&tmp, 0, sizeof tmp);
  zone_init(&tmp.zone);
  Parser *p = calloc(1, sizeof(Parser));
  if (!p) return false;
  jmp_buf jb;
  ParseOptions part_opts = *opts;
  part_opts.preparse = false; /* a syntax check: no tree is kept anyway */
  parser_setup(p, &tmp, src + start, end - start, &part_opts, &jb);
  bool ok = false;
  if (setjmp(jb) == 0) {
    intern_keywords(p);
    FunctionLiteral *f = new_function(p, FN_NORMAL, 0);
    FnState fs;
    push_fn_state(p, &fs, f);
    fs.is_async = kind == DYNFN_ASYNC || kind == DYNFN_ASYNC_GENERATOR;
    fs.is_generator = kind == DYNFN_GENERATOR || kind == DYNFN_ASYNC_GENERATOR;
    fs.allow_return = true;
    fs.allow_new_target = true;
    scan_init(p);
    if (is_params) {
      fs.in_params = true;
      while (!at(p, TOK_EOF)) {
        if (eat(p, TOK_ELLIPSIS)) {
          parse_binding_target(p);
          break;
        }
        parse_binding_element(p);
        if (!at(p, TOK_EOF)) expect(p, TOK_COMMA);
      }
      if (!at(p, TOK_EOF)) parse_fail_unexpected(p);
    } else {
      NodeVec body = {0};
      parse_statement_list_until(p, &body, TOK_EOF, true, f);
    }
    ok = true;
  } else {
    out->error = tmp.error;
    out->error.offset += (uint32_t)start;
    out->error.end += (uint32_t)start;
  }
  zone_free_all(&tmp.zone);
  skip_zones_free(p);
  free(p);
  return ok;
}

ParseResult *parse_dynamic_function(const uint16_t *src, size_t len, size_t params_start, size_t params_end,
                                    size_t body_start, size_t body_end, DynamicFunctionKind kind,
                                    const ParseOptions *opts_in) {
  ParseOptions opts;
  if (opts_in) opts = *opts_in;
  else parse_options_init(&opts);
  opts.is_module = false;
  opts.is_eval = false;
  ParseResult *r = calloc(1, sizeof(ParseResult));
  if (!r) return NULL;
  zone_init(&r->zone);
  r->line_offset = opts.line_offset;
  r->column_offset = opts.column_offset;
  if (params_start > params_end || params_end > len || body_start > body_end || body_end > len) {
    r->error.kind = PARSE_ERROR_SYNTAX;
    snprintf(r->error.message, sizeof r->error.message, "Invalid dynamic function source ranges");
    return r;
  }
  Parser *p = calloc(1, sizeof(Parser));
  if (!p) {
    r->error.kind = PARSE_ERROR_OOM;
    return r;
  }
  jmp_buf jb;
  parser_setup(p, r, src, len, &opts, &jb);
  build_line_table(r, p);
  if (!check_dynamic_part(src, params_start, params_end, true, kind, &opts, r) ||
      !check_dynamic_part(src, body_start, body_end, false, kind, &opts, r)) {
    finish_error(r);
    free(p);
    return r;
  }
  if (setjmp(jb) == 0) {
    intern_keywords(p);
    FunctionLiteral *prog = new_function(p, FN_SCRIPT, 0);
    FnState fs;
    push_fn_state(p, &fs, prog);
    r->program = prog;
    p->no_skip_top = true; /* the function itself is compiled now; its inner ones may be skipped */
    scan_init(p);
    uint32_t start = p->tok.start;
    bool is_async = false;
    if (at_kw(p, KW_ASYNC)) {
      is_async = true;
      next(p);
    }
    AstNode *fn = parse_function_expression_or_decl(p, is_async, start, false, true);
    if (!at(p, TOK_EOF)) parse_fail_unexpected(p);
    AstNode *stmt = new_node(p, AST_EXPR_STMT, start);
    stmt->u.unary.operand = fn;
    finish(p, stmt);
    AstNode **items = parse_alloc(p, sizeof(AstNode *));
    items[0] = stmt;
    prog->body.items = items;
    prog->body.count = 1;
    prog->source_end = p->len;
    prog->flags |= FNF_SIMPLE_PARAMS | (opts.strict ? FNF_STRICT : 0);
    /* a Function-constructor function is anonymous: its own name is not a binding */
    fn->u.func->name = parse_intern_ascii(p, "anonymous");
    fn->u.func->flags &= ~(uint32_t)FNF_NAMED_EXPRESSION;
    scopes_analyze(p, prog);
    r->function_count = p->function_count;
    r->functions = p->functions;
    r->ok = true;
  } else {
    finish_error(r);
  }
  skip_zones_free(p);
  free(p);
  return r;
}

void parse_result_free(ParseResult *r) {
  if (!r) return;
  zone_free_all(&r->zone);
  free(r);
}

/* ---------------------------------------------------------------- per-function reparse */

static void reparse_body(Parser *p, const FunctionReparse *fr) {
  intern_keywords(p);
  FunctionLiteral *outer_fn = NULL, *program = NULL;
  Scope *outer = scopes_synthesize(p, fr->snapshot, fr->scope_index, &outer_fn, &program);
  if (!outer || !outer_fn || !program) parse_fail_at(p, fr->start, fr->end, "reparse: no outer scope");
  p->result->program = program;
  uint16_t bits = fr->reparse_bits;
  /* the enclosing function's parser state, as the outer parse had it at the literal's start */
  FnState fs;
  memset(&fs, 0, sizeof fs);
  fs.fn = outer_fn;
  fs.is_async = (bits & FNR_OUTER_ASYNC) != 0;
  fs.is_generator = (bits & FNR_OUTER_GENERATOR) != 0;
  fs.is_arrow = outer_fn->kind == FN_ARROW;
  fs.allow_return = true;
  fs.allow_new_target = (bits & FNR_NEW_TARGET) != 0;
  fs.allow_super_property = (bits & FNR_SUPER_PROPERTY) != 0;
  fs.allow_super_call = (bits & FNR_SUPER_CALL) != 0;
  fs.in_class_field = (bits & FNR_CLASS_FIELD) != 0;
  fs.in_static_block = (bits & FNR_STATIC_BLOCK) != 0;
  p->fs = &fs;
  p->strict = (bits & FNR_STRICT) != 0;
  p->no_in_ = (bits & FNR_NO_IN) != 0;
  p->has_no_skip_at = true; /* with the pre-parser on, this function's own inner ones are skipped */
  p->no_skip_at = fr->start;
  /* scan from the literal's start (or, for methods, from its parameter list) */
  bool method = fr->kind == FN_METHOD || fr->kind == FN_GETTER || fr->kind == FN_SETTER;
  p->pos = method ? fr->params_pos : fr->start;
  memset(&p->tok, 0, sizeof p->tok);
  scan_next(p);
  p->prev_end = method ? fr->params_pos : fr->start;
  FunctionLiteral *f = NULL;
  if (fr->kind == FN_ARROW) {
    AstNode *n = parse_assignment(p, p->no_in_);
    if (n && n->kind == AST_FUNCTION) f = n->u.func;
  } else if (fr->kind == FN_NORMAL) {
    bool is_async = (fr->fn_flags & FNF_ASYNC) != 0;
    if (is_async) next(p); /* `async` */
    AstNode *n = parse_function_expression_or_decl(p, is_async, fr->start, (fr->fn_flags & FNF_IS_DECLARATION) != 0, true);
    f = n->u.func;
  } else if (method) {
    ClassLiteral *cls = NULL;
    if (fr->fn_flags & FNF_CLASS_MEMBER) {
      if (outer->type != SCOPE_CLASS || !outer->class_lit) parse_fail_at(p, fr->start, fr->end, "reparse: class scope missing");
      cls = outer->class_lit;
    }
    AstNode *n = parse_method_function(p, fr->kind, (fr->fn_flags & FNF_ASYNC) != 0, (fr->fn_flags & FNF_GENERATOR) != 0,
                                       fr->start, NULL, (fr->fn_flags & FNF_IS_STATIC) != 0, cls);
    f = n->u.func;
  }
  if (!f || f->kind != fr->kind || f->source_start != fr->start || f->source_end != fr->end)
    parse_fail_at(p, fr->start, fr->end, "reparse: the function's text does not parse as before");
  p->result->scanned_from = method ? fr->params_pos : fr->start;
  p->result->scanned_to = p->pos;
  p->result->target = f;
  p->result->function_count = p->function_count;
  scopes_analyze_function(p, f, outer, outer_fn);
  p->result->function_count = p->function_count;
  p->result->functions = p->functions;
}

ParseResult *parse_function_at(const uint16_t *src, size_t len, const FunctionReparse *fr, const ParseOptions *opts) {
  ParseResult *r = calloc(1, sizeof(ParseResult));
  if (!r) return NULL;
  zone_init(&r->zone);
  r->line_offset = opts->line_offset;
  r->column_offset = opts->column_offset;
  Parser *p = calloc(1, sizeof(Parser));
  if (!p || len > UINT32_MAX - 16 || fr->end > len || fr->start >= fr->end || !fr->snapshot) {
    r->error.kind = p ? PARSE_ERROR_SYNTAX : PARSE_ERROR_OOM;
    snprintf(r->error.message, sizeof r->error.message, p ? "reparse: bad source range" : "Out of memory");
    free(p);
    return r;
  }
  jmp_buf jb;
  parser_setup(p, r, src, len, opts, &jb);
  /* no line table: code generation needs none, and building it would read the whole text; error
   * positions are reported as offsets on line 1 */
  if (setjmp(jb) == 0) {
    reparse_body(p, fr);
    r->ok = true;
  } else {
    finish_error(r);
  }
  skip_zones_free(p); /* the pre-parser skipped the function's inner bodies */
  free(p);
  return r;
}
