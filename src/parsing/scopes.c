/*
 * Scope analysis in three passes over a finished AST:
 *   1. declare: build the scope tree, declare every binding, raise redeclaration early errors,
 *      collect the references (identifiers, this, new.target, private names);
 *   2. resolve: bind each reference to a Variable, or mark it global / dynamic;
 *   3. allocate: give every Variable a location (parameter, register, context slot, global...).
 * Doing it after parsing (not during) keeps the cover grammar simple: arrow parameters are only
 * known to be parameters once `=>` is seen.
 */
#include "parsing/parser-internal.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct ScopeX {
  Scope s;                 /* first: a Scope* is a ScopeX* */
  AstString **var_through; /* var names hoisted through this (non-var) scope */
  uint32_t through_count, through_cap;
  void **through_table;    /* hash of var_through when large */
  uint32_t through_table_cap;
  Variable *tail;          /* last variable (O(1) append) */
  uint32_t hoisted_cap;
  Variable **var_table;    /* hash of vars by name when the scope is large */
  uint32_t var_table_cap;
  Scope *last_inner;
  bool has_simple_catch_param;
  bool exported_done;
  bool is_heritage;         /* class heritage: the class's private names are not visible */
} ScopeX;

typedef struct AnnexB {
  FunctionLiteral *fn;
  Scope *block;            /* the block scope holding the lexical binding */
  Scope *var_scope;
} AnnexB;

typedef struct SA {
  Parser *p;
  Scope *scope;
  FunctionLiteral *fn;
  AstNode **refs;
  uint32_t ref_count, ref_cap;
  AnnexB *annexb;
  uint32_t annexb_count, annexb_cap;
  AstString **annexb_global; /* names that became Annex B vars at the top level */
  uint32_t annexb_global_count, annexb_global_cap;
  int depth;
  /* pre-parser (scopes_preparse_function): references that leave the analyzed function */
  bool preparse;
  AstNode **free_refs;
  uint32_t free_count, free_cap;
  AstString *n_arguments, *n_this, *n_new_target, *n_home, *n_this_fn, *n_default, *n_default_name_;
} SA;

#define GROW(sa, arr, count, cap)                                                                  \
  do {                                                                                             \
    if ((count) == (cap)) {                                                                        \
      uint32_t ncap_ = (cap) ? (cap) * 2 : 16;                                                     \
      void *n_ = parse_alloc((sa)->p, sizeof(*(arr)) * ncap_);                                     \
      if (count) memcpy(n_, (arr), sizeof(*(arr)) * (count));                                      \
      (arr) = n_;                                                                                  \
      (cap) = ncap_;                                                                               \
    }                                                                                              \
  } while (0)

static PT_NORETURN void redeclared(SA *sa, AstString *name, uint32_t pos) {
  char text[128];
  ast_string_to_utf8(name, text, sizeof text);
  parse_fail_at(sa->p, pos, pos + name->length, "Identifier '%s' has already been declared", text);
}

/* ---------------------------------------------------------------- scopes and variables */

static Scope *new_scope(SA *sa, ScopeType type, uint32_t start, uint32_t end) {
  ScopeX *x = parse_alloc(sa->p, sizeof(ScopeX));
  Scope *s = &x->s;
  s->type = (uint8_t)type;
  s->outer = sa->scope;
  s->function = sa->fn;
  s->start = start;
  s->end = end;
  s->is_declaration_scope = type == SCOPE_SCRIPT || type == SCOPE_MODULE || type == SCOPE_EVAL ||
                            type == SCOPE_FUNCTION || type == SCOPE_BODY;
  s->is_strict = sa->fn ? (sa->fn->flags & FNF_STRICT) != 0 : false;
  if (type == SCOPE_CLASS) s->is_strict = true;
  if (s->outer) {
    ScopeX *ox = (ScopeX *)s->outer;
    if (ox->last_inner) ox->last_inner->next_sibling = s;
    else s->outer->first_inner = s;
    ox->last_inner = s;
  }
  return s;
}

#define SMALL_SCOPE 12

Variable *scope_lookup_local(const Scope *s, const AstString *name) {
  const ScopeX *x = (const ScopeX *)s;
  if (x->var_table) {
    uint32_t mask = x->var_table_cap - 1;
    for (uint32_t i = name->hash & mask;; i = (i + 1) & mask) {
      Variable *v = x->var_table[i];
      if (!v) return NULL;
      if (v->name == name) return v;
    }
  }
  for (Variable *v = s->vars; v; v = v->next)
    if (v->name == name) return v;
  return NULL;
}

static void var_table_insert(Variable **table, uint32_t cap, Variable *v) {
  uint32_t mask = cap - 1;
  uint32_t i = v->name->hash & mask;
  while (table[i]) {
    if (table[i]->name == v->name) return; /* keep the first declaration of a name */
    i = (i + 1) & mask;
  }
  table[i] = v;
}

static void var_table_rebuild(SA *sa, ScopeX *x, uint32_t cap) {
  x->var_table = parse_alloc(sa->p, sizeof(Variable *) * cap);
  x->var_table_cap = cap;
  for (Variable *v = x->s.vars; v; v = v->next) var_table_insert(x->var_table, cap, v);
}

static Variable *add_var(SA *sa, Scope *s, AstString *name, VarMode mode, uint32_t pos) {
  ScopeX *x = (ScopeX *)s;
  Variable *v = parse_alloc(sa->p, sizeof(Variable));
  v->name = name;
  v->scope = s;
  v->mode = (uint8_t)mode;
  v->index = -1;
  v->decl_pos = pos;
  v->needs_tdz = mode == VAR_LET || mode == VAR_CONST || mode == VAR_CLASS || mode == VAR_USING ||
                 mode == VAR_CLASS_NAME;
  if (x->tail) x->tail->next = v;
  else s->vars = v;
  x->tail = v;
  s->var_count++;
  if (x->var_table) {
    if (s->var_count * 2 > x->var_table_cap) var_table_rebuild(sa, x, x->var_table_cap * 2);
    else var_table_insert(x->var_table, x->var_table_cap, v);
  } else if (s->var_count > SMALL_SCOPE) {
    var_table_rebuild(sa, x, 64);
  }
  return v;
}

static bool mode_is_lexical(uint8_t m) {
  return m == VAR_LET || m == VAR_CONST || m == VAR_CLASS || m == VAR_USING || m == VAR_FUNCTION ||
         m == VAR_CLASS_NAME || m == VAR_IMPORT;
}

Scope *scope_declaration_scope(Scope *s) {
  while (s && !s->is_declaration_scope) s = s->outer;
  return s;
}

static bool through_table_add(void **table, uint32_t cap, AstString *name) {
  uint32_t mask = cap - 1;
  for (uint32_t i = name->hash & mask;; i = (i + 1) & mask) {
    if (!table[i]) {
      table[i] = name;
      return true;
    }
    if (table[i] == name) return false;
  }
}

static bool has_through(Scope *s, AstString *name) {
  ScopeX *x = (ScopeX *)s;
  if (x->through_table) {
    uint32_t mask = x->through_table_cap - 1;
    for (uint32_t i = name->hash & mask;; i = (i + 1) & mask) {
      if (!x->through_table[i]) return false;
      if (x->through_table[i] == name) return true;
    }
  }
  for (uint32_t i = 0; i < x->through_count; i++)
    if (x->var_through[i] == name) return true;
  return false;
}

static void add_through(SA *sa, Scope *s, AstString *name) {
  ScopeX *x = (ScopeX *)s;
  if (has_through(s, name)) return;
  GROW(sa, x->var_through, x->through_count, x->through_cap);
  x->var_through[x->through_count++] = name;
  if (x->through_table && x->through_count * 2 > x->through_table_cap) x->through_table = NULL;
  if (!x->through_table && x->through_count > SMALL_SCOPE) {
    uint32_t cap = 64;
    while (cap < x->through_count * 4) cap *= 2;
    x->through_table = parse_alloc(sa->p, sizeof(void *) * cap);
    x->through_table_cap = cap;
    for (uint32_t i = 0; i < x->through_count; i++) through_table_add(x->through_table, cap, x->var_through[i]);
  } else if (x->through_table) {
    through_table_add(x->through_table, x->through_table_cap, name);
  }
}

/* Lexical declaration (let/const/class/using/block function/import) in s. */
static Variable *declare_lexical(SA *sa, Scope *s, AstString *name, VarMode mode, uint32_t pos,
                                 FunctionLiteral *fn) {
  Variable *v = scope_lookup_local(s, name);
  if (v) {
    /* Annex B.3.3.4: sloppy duplicate plain function declarations in a block */
    bool ok = mode == VAR_FUNCTION && v->mode == VAR_FUNCTION && !s->is_strict && fn && v->function &&
              !(fn->flags & (FNF_ASYNC | FNF_GENERATOR)) &&
              !(v->function->flags & (FNF_ASYNC | FNF_GENERATOR)) && s->type == SCOPE_BLOCK;
    if (!ok) redeclared(sa, name, pos);
    v->function = fn;
    return v;
  }
  if (has_through(s, name)) redeclared(sa, name, pos);
  /* the body's lexical names may not repeat parameter names */
  if (s->type == SCOPE_BODY && s->outer) {
    Variable *pv = scope_lookup_local(s->outer, name);
    if (pv && pv->mode == VAR_PARAM) redeclared(sa, name, pos);
  }
  v = add_var(sa, s, name, mode, pos);
  v->function = fn;
  return v;
}

/* var (or top-level function) declaration seen from scope s. */
static Variable *declare_var(SA *sa, Scope *s, AstString *name, uint32_t pos, FunctionLiteral *fn,
                             bool is_catch_target) {
  (void)is_catch_target;
  Scope *t = s;
  for (;;) {
    Variable *v = scope_lookup_local(t, name);
    if (v && mode_is_lexical(v->mode)) redeclared(sa, name, pos);
    if (v && v->mode == VAR_CATCH) {
      /* Annex B.3.4: var may redeclare a simple catch parameter */
      if (!((ScopeX *)t)->has_simple_catch_param) redeclared(sa, name, pos);
    }
    if (t->is_declaration_scope) break;
    add_through(sa, t, name);
    t = t->outer;
  }
  /* t is the var scope */
  if (t->type == SCOPE_BODY && t->outer) {
    /* a var with the name of a parameter lives in the body scope, initialized from it */
  }
  Variable *v = scope_lookup_local(t, name);
  if (v) {
    if (fn) v->function = fn;
    return v;
  }
  v = add_var(sa, t, name, VAR_VAR, pos);
  v->function = fn;
  return v;
}

static void add_hoisted(SA *sa, Scope *s, FunctionLiteral *f) {
  ScopeX *x = (ScopeX *)s;
  GROW(sa, s->hoisted_functions, s->hoisted_count, x->hoisted_cap);
  s->hoisted_functions[s->hoisted_count++] = f;
}

static void add_ref(SA *sa, AstNode *n) {
  n->u.ref.scope = sa->scope;
  GROW(sa, sa->refs, sa->ref_count, sa->ref_cap);
  sa->refs[sa->ref_count++] = n;
}

/* ---------------------------------------------------------------- pass 1: declare */

static void visit(SA *sa, AstNode *n);
static void visit_function(SA *sa, FunctionLiteral *f);
static void visit_class(SA *sa, ClassLiteral *c, AstNode *decl_node);

static void visit_list(SA *sa, AstNodeList l) {
  for (uint32_t i = 0; i < l.count; i++)
    if (l.items[i]) visit(sa, l.items[i]);
}

/* Declares the names bound by a pattern. */
typedef enum { BIND_VAR, BIND_LEXICAL, BIND_PARAM, BIND_CATCH } BindKind;

static void declare_pattern(SA *sa, AstNode *t, BindKind kind, VarMode mode, Scope *s) {
  if (!t) return;
  switch (t->kind) {
  case AST_IDENTIFIER: {
    AstString *name = t->u.ref.name;
    Variable *v;
    if (kind == BIND_VAR) {
      v = declare_var(sa, s, name, t->start, NULL, false);
    } else if (kind == BIND_PARAM) {
      v = scope_lookup_local(s, name);
      if (v) {
        sa->fn->flags |= FNF_HAS_DUPLICATE_PARAMS;
        v->decl_pos = t->start;
      } else {
        v = add_var(sa, s, name, VAR_PARAM, t->start);
      }
    } else if (kind == BIND_CATCH) {
      v = scope_lookup_local(s, name);
      if (v) redeclared(sa, name, t->start);
      v = add_var(sa, s, name, VAR_CATCH, t->start);
    } else {
      v = declare_lexical(sa, s, name, mode, t->start, NULL);
    }
    /* a binding occurrence is also a reference (initialization writes it) */
    add_ref(sa, t);
    t->u.ref.scope = s;
    (void)v;
    break;
  }
  case AST_PATTERN_DEFAULT:
    declare_pattern(sa, t->u.pdefault.target, kind, mode, s);
    break;
  case AST_OBJECT_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++)
      declare_pattern(sa, t->u.pattern.items.items[i]->u.pprop.value, kind, mode, s);
    declare_pattern(sa, t->u.pattern.rest, kind, mode, s);
    break;
  case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++)
      declare_pattern(sa, t->u.pattern.items.items[i], kind, mode, s);
    declare_pattern(sa, t->u.pattern.rest, kind, mode, s);
    break;
  default:
    break;
  }
}

/* Visits the expressions inside a (declared) pattern: defaults and computed keys. */
static void visit_pattern_exprs(SA *sa, AstNode *t) {
  if (!t) return;
  switch (t->kind) {
  case AST_IDENTIFIER:
    break;
  case AST_PATTERN_DEFAULT:
    visit_pattern_exprs(sa, t->u.pdefault.target);
    visit(sa, t->u.pdefault.value);
    break;
  case AST_OBJECT_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++) {
      AstNode *pp = t->u.pattern.items.items[i];
      if (pp->u.pprop.key_kind == KEY_COMPUTED) visit(sa, pp->u.pprop.key);
      visit_pattern_exprs(sa, pp->u.pprop.value);
    }
    visit_pattern_exprs(sa, t->u.pattern.rest);
    break;
  case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++) visit_pattern_exprs(sa, t->u.pattern.items.items[i]);
    visit_pattern_exprs(sa, t->u.pattern.rest);
    break;
  default:
    /* assignment targets (members) are ordinary expressions */
    visit(sa, t);
    break;
  }
}

static VarMode decl_mode(uint8_t k) {
  switch (k) {
  case DECL_LET: return VAR_LET;
  case DECL_CONST: return VAR_CONST;
  case DECL_USING:
  case DECL_AWAIT_USING: return VAR_USING;
  default: return VAR_VAR;
  }
}

static void declare_var_decl(SA *sa, AstNode *n) {
  uint8_t k = n->u.vardecl.decl_kind;
  for (uint32_t i = 0; i < n->u.vardecl.declarators.count; i++) {
    AstNode *d = n->u.vardecl.declarators.items[i];
    declare_pattern(sa, d->u.declarator.target, k == DECL_VAR ? BIND_VAR : BIND_LEXICAL, decl_mode(k), sa->scope);
  }
}

static void visit_var_decl_exprs(SA *sa, AstNode *n) {
  for (uint32_t i = 0; i < n->u.vardecl.declarators.count; i++) {
    AstNode *d = n->u.vardecl.declarators.items[i];
    visit_pattern_exprs(sa, d->u.declarator.target);
    if (d->u.declarator.init) visit(sa, d->u.declarator.init);
  }
}

static FunctionLiteral *closest_non_arrow(FunctionLiteral *f) {
  while (f && f->kind == FN_ARROW) f = f->outer;
  return f;
}

static bool is_program_kind(uint8_t k) { return k == FN_SCRIPT || k == FN_MODULE || k == FN_EVAL; }

static Variable *special_var(SA *sa, FunctionLiteral *f, VarMode mode) {
  Variable **slot;
  AstString *name;
  switch (mode) {
  case VAR_THIS: slot = &f->this_var; name = sa->n_this; f->flags |= FNF_USES_THIS; break;
  case VAR_NEW_TARGET: slot = &f->new_target_var; name = sa->n_new_target; f->flags |= FNF_USES_NEW_TARGET; break;
  case VAR_HOME_OBJECT: slot = &f->home_object_var; name = sa->n_home; f->flags |= FNF_USES_HOME_OBJECT; break;
  case VAR_THIS_FUNCTION: slot = &f->this_function_var; name = sa->n_this_fn; break;
  default: PT_UNREACHABLE();
  }
  if (!*slot) *slot = add_var(sa, f->scope, name, mode, f->source_start);
  if (mode == VAR_THIS && f->kind == FN_DERIVED_CONSTRUCTOR) (*slot)->needs_tdz = true;
  return *slot;
}

/* A direct eval may read this / new.target / arguments / super of the closest real function. */
static void eval_needs_function_specials(SA *sa) {
  FunctionLiteral *g = closest_non_arrow(sa->fn);
  if (!g || is_program_kind(g->kind)) return;
  special_var(sa, g, VAR_THIS)->captured = true;
  special_var(sa, g, VAR_NEW_TARGET)->captured = true;
  if (g->kind == FN_METHOD || g->kind == FN_GETTER || g->kind == FN_SETTER || g->kind == FN_BASE_CONSTRUCTOR ||
      g->kind == FN_DERIVED_CONSTRUCTOR || g->kind == FN_FIELD_INIT || g->kind == FN_STATIC_BLOCK)
    special_var(sa, g, VAR_HOME_OBJECT)->captured = true;
  if (g->kind == FN_DERIVED_CONSTRUCTOR) special_var(sa, g, VAR_THIS_FUNCTION)->captured = true;
  if (g->kind != FN_FIELD_INIT && g->kind != FN_STATIC_BLOCK && !g->arguments_var) {
    Scope *fs = g->scope;
    Variable *v = scope_lookup_local(fs, sa->n_arguments);
    if (!v) {
      v = add_var(sa, fs, sa->n_arguments, VAR_ARGUMENTS, g->source_start);
      g->arguments_var = v;
      g->flags |= FNF_USES_ARGUMENTS;
    }
    v->captured = true;
  }
}

/* Walks the statements of a scope body: hoisted function declarations first. */
static void declare_functions_in(SA *sa, AstNodeList body, bool top_level_of_fn) {
  for (uint32_t i = 0; i < body.count; i++) {
    AstNode *s = body.items[i];
    if (!s) continue;
    while (s->kind == AST_LABELED) s = s->u.labeled.body;
    if (s->kind == AST_EXPORT_DECL && s->u.export_decl.declaration) s = s->u.export_decl.declaration;
    if (s->kind != AST_FUNCTION_DECL) continue;
    FunctionLiteral *f = s->u.func;
    Scope *sc = sa->scope;
    AstString *name = f->name ? f->name : sa->n_default;
    if (top_level_of_fn && sc->type != SCOPE_MODULE) {
      f->decl_var = declare_var(sa, sc, name, s->start, f, false);
    } else {
      f->decl_var = declare_lexical(sa, sc, name, VAR_FUNCTION, s->start, f);
      if (!sc->is_strict && sc->type == SCOPE_BLOCK && !(f->flags & (FNF_ASYNC | FNF_GENERATOR))) {
        GROW(sa, sa->annexb, sa->annexb_count, sa->annexb_cap);
        AnnexB *a = &sa->annexb[sa->annexb_count++];
        a->fn = f;
        a->block = sc;
        a->var_scope = scope_declaration_scope(sc);
      }
    }
    add_hoisted(sa, sc, f);
  }
}

/* Declares the lexical declarations (let/const/class) of a statement list before visiting, so
 * that a var hoisted from a nested block finds them. */
static void declare_lexicals_in(SA *sa, AstNodeList body) {
  for (uint32_t i = 0; i < body.count; i++) {
    AstNode *s = body.items[i];
    if (!s) continue;
    if (s->kind == AST_EXPORT_DECL && s->u.export_decl.declaration) s = s->u.export_decl.declaration;
    if (s->kind == AST_VAR_DECL && s->u.vardecl.decl_kind != DECL_VAR) declare_var_decl(sa, s);
    else if (s->kind == AST_CLASS_DECL) {
      ClassLiteral *c = s->u.cls;
      AstString *name = c->name ? c->name : sa->n_default;
      c->decl_var = declare_lexical(sa, sa->scope, name, VAR_CLASS, s->start, NULL);
    }
  }
}

static void visit_statements(SA *sa, AstNodeList body, bool top_level_of_fn) {
  declare_lexicals_in(sa, body);
  declare_functions_in(sa, body, top_level_of_fn);
  for (uint32_t i = 0; i < body.count; i++) {
    AstNode *s = body.items[i];
    if (s) visit(sa, s);
  }
}

static void visit_block_like(SA *sa, AstNodeList body, Scope **scope_out, uint32_t start, uint32_t end) {
  Scope *saved = sa->scope;
  Scope *s = new_scope(sa, SCOPE_BLOCK, start, end);
  sa->scope = s;
  visit_statements(sa, body, false);
  sa->scope = saved;
  *scope_out = s;
}

static void enter_depth(SA *sa) {
  volatile char probe;
  if (++sa->depth > 1000000 || (uintptr_t)&probe < sa->p->stack_limit) {
    ParseError *e = &sa->p->result->error;
    e->kind = PARSE_ERROR_RANGE;
    snprintf(e->message, sizeof e->message, "Maximum call stack size exceeded");
    longjmp(*sa->p->jmp, 1);
  }
}

static void visit_for(SA *sa, AstNode *n) {
  AstNode *init = n->u.loop.init;
  Scope *saved = sa->scope;
  if (init && init->kind == AST_VAR_DECL && init->u.vardecl.decl_kind != DECL_VAR) {
    Scope *s = new_scope(sa, SCOPE_BLOCK, n->start, n->end);
    sa->scope = s;
    declare_var_decl(sa, init);
    /* bound names may not repeat: `for (let [a, a] of x)` is caught by declare_lexical */
    n->u.loop.scope = s;
    if (n->kind == AST_FOR) s->per_iteration = init->u.vardecl.decl_kind == DECL_LET;
    else s->per_iteration = true;
  } else if (init && init->kind == AST_VAR_DECL) {
    declare_var_decl(sa, init);
  }
  if (init) {
    if (init->kind == AST_VAR_DECL) visit_var_decl_exprs(sa, init);
    else if (n->kind == AST_FOR) visit(sa, init);
    else visit_pattern_exprs(sa, init), (init->kind == AST_IDENTIFIER ? add_ref(sa, init) : (void)0),
         (init->kind == AST_OBJECT_PATTERN || init->kind == AST_ARRAY_PATTERN ? (void)0 : (void)0);
  }
  if (n->kind != AST_FOR && init && (init->kind == AST_OBJECT_PATTERN || init->kind == AST_ARRAY_PATTERN)) {
    /* assignment pattern leaves are references */
  }
  if (n->u.loop.cond) visit(sa, n->u.loop.cond);
  if (n->u.loop.update) visit(sa, n->u.loop.update);
  visit(sa, n->u.loop.body);
  sa->scope = saved;
}

/* Identifier leaves of an assignment pattern (not declarations) are plain references. */
static void visit_assign_pattern(SA *sa, AstNode *t) {
  if (!t) return;
  switch (t->kind) {
  case AST_IDENTIFIER:
    add_ref(sa, t);
    break;
  case AST_PATTERN_DEFAULT:
    visit_assign_pattern(sa, t->u.pdefault.target);
    visit(sa, t->u.pdefault.value);
    break;
  case AST_OBJECT_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++) {
      AstNode *pp = t->u.pattern.items.items[i];
      if (pp->u.pprop.key_kind == KEY_COMPUTED) visit(sa, pp->u.pprop.key);
      visit_assign_pattern(sa, pp->u.pprop.value);
    }
    visit_assign_pattern(sa, t->u.pattern.rest);
    break;
  case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++) visit_assign_pattern(sa, t->u.pattern.items.items[i]);
    visit_assign_pattern(sa, t->u.pattern.rest);
    break;
  default:
    visit(sa, t);
  }
}

static void mark_super_property(SA *sa) {
  FunctionLiteral *g = closest_non_arrow(sa->fn);
  if (!g || is_program_kind(g->kind)) return; /* eval code: found at run time */
  g->flags |= FNF_USES_SUPER_PROPERTY;
  Variable *v = special_var(sa, g, VAR_HOME_OBJECT);
  if (g != sa->fn) v->captured = true;
  for (FunctionLiteral *f = sa->fn; f && f != g; f = f->outer) f->flags |= FNF_USES_SUPER_PROPERTY;
}

static void mark_super_call(SA *sa) {
  FunctionLiteral *g = closest_non_arrow(sa->fn);
  if (!g || is_program_kind(g->kind)) return;
  g->flags |= FNF_HAS_SUPER_CALL;
  for (FunctionLiteral *f = sa->fn; f && f != g; f = f->outer) f->flags |= FNF_HAS_SUPER_CALL;
  Variable *t = special_var(sa, g, VAR_THIS);
  Variable *nt = special_var(sa, g, VAR_NEW_TARGET);
  Variable *tf = special_var(sa, g, VAR_THIS_FUNCTION);
  if (g != sa->fn) t->captured = nt->captured = tf->captured = true;
  if (g->class_lit && g->class_lit->has_instance_fields) special_var(sa, g, VAR_HOME_OBJECT);
}

static void visit(SA *sa, AstNode *n) {
  if (!n) return;
  enter_depth(sa);
  switch (n->kind) {
  case AST_NUMBER: case AST_BIGINT: case AST_STRING: case AST_REGEXP: case AST_NULL: case AST_TRUE:
  case AST_FALSE: case AST_IMPORT_META: case AST_EMPTY: case AST_DEBUGGER:
    break;
  case AST_TEMPLATE:
    for (uint32_t i = 0; i + 1 < n->u.tmpl.quasi_count; i++) visit(sa, n->u.tmpl.exprs[i]);
    break;
  case AST_TAGGED_TEMPLATE:
    visit(sa, n->u.tagged.tag);
    visit(sa, n->u.tagged.tmpl);
    break;
  case AST_THIS:
  case AST_NEW_TARGET:
  case AST_IDENTIFIER:
  case AST_PRIVATE_NAME:
    add_ref(sa, n);
    break;
  case AST_ARRAY:
  case AST_SEQUENCE:
    visit_list(sa, n->u.list);
    break;
  case AST_OBJECT:
    visit_list(sa, n->u.list);
    break;
  case AST_PROPERTY:
    if (n->u.prop.key_kind == KEY_COMPUTED) visit(sa, n->u.prop.key);
    visit(sa, n->u.prop.value);
    break;
  case AST_FUNCTION:
    visit_function(sa, n->u.func);
    break;
  case AST_FUNCTION_DECL:
    /* declared by declare_functions_in */
    visit_function(sa, n->u.func);
    break;
  case AST_CLASS:
  case AST_CLASS_DECL:
    visit_class(sa, n->u.cls, n->kind == AST_CLASS_DECL ? n : NULL);
    break;
  case AST_UNARY:
  case AST_SPREAD:
  case AST_AWAIT:
  case AST_EXPR_STMT:
  case AST_RETURN:
  case AST_THROW:
    visit(sa, n->u.unary.operand);
    break;
  case AST_UPDATE:
    visit(sa, n->u.update.target);
    break;
  case AST_BINARY:
  case AST_LOGICAL: {
    /* long left-associative chains (a + b + c ...) walk their left spine in a loop, not recursion */
    AstNode *cur = n;
    while (cur->kind == AST_BINARY || cur->kind == AST_LOGICAL) {
      visit(sa, cur->u.binary.right);
      cur = cur->u.binary.left;
    }
    visit(sa, cur);
    break;
  }
  case AST_PRIVATE_IN:
    visit(sa, n->u.private_in.name);
    visit(sa, n->u.private_in.object);
    break;
  case AST_CONDITIONAL:
  case AST_IF:
    visit(sa, n->u.cond.cond);
    visit(sa, n->u.cond.then);
    visit(sa, n->u.cond.otherwise);
    break;
  case AST_ASSIGN:
    if (n->u.assign.target->kind == AST_OBJECT_PATTERN || n->u.assign.target->kind == AST_ARRAY_PATTERN)
      visit_assign_pattern(sa, n->u.assign.target);
    else
      visit(sa, n->u.assign.target);
    visit(sa, n->u.assign.value);
    break;
  case AST_CALL:
  case AST_NEW:
    visit(sa, n->u.call.callee);
    visit_list(sa, n->u.call.args);
    if (n->kind == AST_CALL && (n->flags & AST_FLAG_DIRECT_EVAL)) {
      Scope *s = sa->scope;
      s->calls_eval = true;
      for (Scope *t = s; t; t = t->outer) t->inner_calls_eval = true;
      if (!s->is_strict) {
        Scope *d = scope_declaration_scope(s);
        d->calls_sloppy_eval = true;
        s->calls_sloppy_eval = true;
      }
      sa->fn->flags |= FNF_CALLS_EVAL;
      if (!s->is_strict) sa->fn->flags |= FNF_CALLS_SLOPPY_EVAL;
      for (FunctionLiteral *f = sa->fn->outer; f; f = f->outer) f->flags |= FNF_INNER_CALLS_EVAL;
      eval_needs_function_specials(sa);
    }
    break;
  case AST_SUPER_CALL:
    mark_super_call(sa);
    visit_list(sa, n->u.call.args);
    break;
  case AST_MEMBER: {
    /* a.b.c.d ...: loop down the object spine */
    AstNode *cur = n;
    while (cur->kind == AST_MEMBER) {
      if (cur->u.member.member_kind != MEMBER_NAMED) visit(sa, cur->u.member.key);
      cur = cur->u.member.object;
    }
    visit(sa, cur);
    break;
  }
  case AST_SUPER_MEMBER:
    mark_super_property(sa);
    {
      /* super.x also reads `this` */
      FunctionLiteral *g = closest_non_arrow(sa->fn);
      if (g && !is_program_kind(g->kind)) {
        Variable *t = special_var(sa, g, VAR_THIS);
        if (g != sa->fn) t->captured = true;
      }
    }
    if (n->u.member.member_kind != MEMBER_NAMED) visit(sa, n->u.member.key);
    break;
  case AST_OPTIONAL_CHAIN:
    visit(sa, n->u.chain.expression);
    break;
  case AST_YIELD:
    visit(sa, n->u.yield.argument);
    break;
  case AST_IMPORT_CALL:
    visit(sa, n->u.import_call.specifier);
    visit(sa, n->u.import_call.options);
    break;
  case AST_OBJECT_PATTERN:
  case AST_ARRAY_PATTERN:
  case AST_PATTERN_DEFAULT:
    visit_assign_pattern(sa, n);
    break;
  case AST_PATTERN_PROPERTY:
    if (n->u.pprop.key_kind == KEY_COMPUTED) visit(sa, n->u.pprop.key);
    visit(sa, n->u.pprop.value);
    break;
  case AST_VAR_DECL:
    if (n->u.vardecl.decl_kind == DECL_VAR) declare_var_decl(sa, n);
    visit_var_decl_exprs(sa, n);
    break;
  case AST_VAR_DECLARATOR:
    break;
  case AST_BLOCK: {
    visit_block_like(sa, n->u.block.body, &n->u.block.scope, n->start, n->end);
    break;
  }
  case AST_DO_WHILE:
  case AST_WHILE:
    visit(sa, n->u.loop.cond);
    visit(sa, n->u.loop.body);
    break;
  case AST_FOR:
  case AST_FOR_IN:
  case AST_FOR_OF:
    if (n->kind != AST_FOR && n->u.loop.init && n->u.loop.init->kind != AST_VAR_DECL) {
      /* for (target of/in ...): assignment target */
      Scope *saved = sa->scope;
      visit_assign_pattern(sa, n->u.loop.init);
      visit(sa, n->u.loop.cond);
      visit(sa, n->u.loop.body);
      sa->scope = saved;
    } else {
      visit_for(sa, n);
    }
    break;
  case AST_CONTINUE:
  case AST_BREAK:
    break;
  case AST_WITH: {
    visit(sa, n->u.with.object);
    Scope *saved = sa->scope;
    Scope *s = new_scope(sa, SCOPE_WITH, n->start, n->end);
    n->u.with.scope = s;
    sa->scope = s;
    visit(sa, n->u.with.body);
    sa->scope = saved;
    break;
  }
  case AST_SWITCH: {
    visit(sa, n->u.switch_.discriminant);
    Scope *saved = sa->scope;
    Scope *s = new_scope(sa, SCOPE_BLOCK, n->start, n->end);
    sa->scope = s;
    for (uint32_t i = 0; i < n->u.switch_.cases.count; i++) {
      declare_lexicals_in(sa, n->u.switch_.cases.items[i]->u.case_.body);
    }
    for (uint32_t i = 0; i < n->u.switch_.cases.count; i++) {
      declare_functions_in(sa, n->u.switch_.cases.items[i]->u.case_.body, false);
    }
    for (uint32_t i = 0; i < n->u.switch_.cases.count; i++) {
      AstNode *c = n->u.switch_.cases.items[i];
      visit(sa, c->u.case_.test);
      visit_list(sa, c->u.case_.body);
    }
    n->u.switch_.scope = s;
    sa->scope = saved;
    break;
  }
  case AST_CASE:
    break;
  case AST_LABELED:
    visit(sa, n->u.labeled.body);
    break;
  case AST_TRY: {
    visit(sa, n->u.try_.block);
    if (n->u.try_.handler) {
      Scope *saved = sa->scope;
      Scope *s = new_scope(sa, SCOPE_CATCH, n->u.try_.handler->start, n->u.try_.handler->end);
      sa->scope = s;
      n->u.try_.catch_scope = s;
      if (n->u.try_.param) {
        ((ScopeX *)s)->has_simple_catch_param = n->u.try_.param->kind == AST_IDENTIFIER;
        declare_pattern(sa, n->u.try_.param, BIND_CATCH, VAR_CATCH, s);
        visit_pattern_exprs(sa, n->u.try_.param);
      }
      AstNode *h = n->u.try_.handler;
      if (n->u.try_.param && n->u.try_.param->kind != AST_IDENTIFIER) {
        /* A pattern's initializers may hold closures, which must see the scope outside the
         * block, not the block's own lexical declarations: the block gets a scope of its own
         * (the catch scope holds only the parameters). The early error for a block-level
         * lexical name that is also a parameter name is then checked here. */
        visit_block_like(sa, h->u.block.body, &h->u.block.scope, h->start, h->end);
        for (Variable *v = h->u.block.scope->vars; v; v = v->next) {
          Variable *param = scope_lookup_local(s, v->name);
          if (param && param->mode == VAR_CATCH && mode_is_lexical(v->mode)) redeclared(sa, v->name, v->decl_pos);
        }
      } else {
        /* with a simple parameter (or none) the handler block shares the catch scope */
        h->u.block.scope = NULL;
        visit_statements(sa, h->u.block.body, false);
      }
      sa->scope = saved;
    }
    visit(sa, n->u.try_.finalizer);
    break;
  }
  case AST_IMPORT_DECL: {
    Scope *s = sa->scope;
    if (n->u.import_decl.default_binding) {
      AstNode *id = n->u.import_decl.default_binding;
      declare_lexical(sa, s, id->u.ref.name, VAR_IMPORT, id->start, NULL);
      add_ref(sa, id);
    }
    if (n->u.import_decl.namespace_binding) {
      AstNode *id = n->u.import_decl.namespace_binding;
      declare_lexical(sa, s, id->u.ref.name, VAR_IMPORT, id->start, NULL);
      add_ref(sa, id);
    }
    for (uint32_t i = 0; i < n->u.import_decl.named_count; i++) {
      AstNode *id = n->u.import_decl.local_names[i];
      declare_lexical(sa, s, id->u.ref.name, VAR_IMPORT, id->start, NULL);
      add_ref(sa, id);
    }
    break;
  }
  case AST_EXPORT_DECL: {
    uint8_t k = n->u.export_decl.export_kind;
    if (k == EXPORT_DECL || k == EXPORT_DEFAULT_DECL) {
      visit(sa, n->u.export_decl.declaration);
    } else if (k == EXPORT_DEFAULT_EXPR) {
      n->u.export_decl.default_var = declare_lexical(sa, sa->scope, sa->n_default, VAR_DEFAULT_EXPORT, n->start, NULL);
      n->u.export_decl.default_var->needs_tdz = true;
      visit(sa, n->u.export_decl.expression);
    } else if (k == EXPORT_NAMED) {
      for (uint32_t i = 0; i < n->u.export_decl.count; i++) add_ref(sa, n->u.export_decl.local_refs[i]);
    }
    break;
  }
  case AST_CLASS_MEMBER:
    break;
  default:
    PT_FATAL("scope analysis: unhandled node kind %d", n->kind);
  }
  sa->depth--;
}

/* Names bound by a parameter list (for duplicate checks and declarations). */
static bool params_have_expressions(AstNode *t) {
  if (!t) return false;
  switch (t->kind) {
  case AST_PATTERN_DEFAULT: return true;
  case AST_OBJECT_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++) {
      AstNode *pp = t->u.pattern.items.items[i];
      if (pp->u.pprop.key_kind == KEY_COMPUTED || params_have_expressions(pp->u.pprop.value)) return true;
    }
    return params_have_expressions(t->u.pattern.rest);
  case AST_ARRAY_PATTERN:
    for (uint32_t i = 0; i < t->u.pattern.items.count; i++)
      if (params_have_expressions(t->u.pattern.items.items[i])) return true;
    return params_have_expressions(t->u.pattern.rest);
  default:
    return false;
  }
}

static void visit_preparsed(SA *sa, FunctionLiteral *f);

static void visit_function(SA *sa, FunctionLiteral *f) {
  if (f->flags & FNF_PREPARSED) {
    visit_preparsed(sa, f);
    return;
  }
  enter_depth(sa);
  Scope *saved_scope = sa->scope;
  FunctionLiteral *saved_fn = sa->fn;
  sa->fn = f;
  Scope *s = new_scope(sa, SCOPE_FUNCTION, f->source_start, f->source_end);
  s->is_strict = (f->flags & FNF_STRICT) != 0;
  f->scope = s;
  f->body_scope = s;
  sa->scope = s;
  bool has_expr = false;
  for (uint32_t i = 0; i < f->params.count; i++)
    if (params_have_expressions(f->params.items[i])) has_expr = true;
  if (params_have_expressions(f->rest)) has_expr = true;
  if (has_expr) f->flags |= FNF_PARAMS_HAVE_EXPRESSIONS;
  /* parameters */
  for (uint32_t i = 0; i < f->params.count; i++) declare_pattern(sa, f->params.items[i], BIND_PARAM, VAR_PARAM, s);
  declare_pattern(sa, f->rest, BIND_PARAM, VAR_PARAM, s);
  if (f->flags & FNF_HAS_DUPLICATE_PARAMS) {
    bool strictish = (f->flags & FNF_STRICT) || f->kind == FN_ARROW || !(f->flags & FNF_SIMPLE_PARAMS) ||
                     f->kind == FN_METHOD || f->kind == FN_GETTER || f->kind == FN_SETTER ||
                     f->kind == FN_BASE_CONSTRUCTOR || f->kind == FN_DERIVED_CONSTRUCTOR;
    if (strictish) {
      /* find the duplicate for the message position */
      for (Variable *v = s->vars; v; v = v->next)
        if (v->mode == VAR_PARAM) {
          for (uint32_t i = 0; i < f->params.count; i++) {
            (void)i;
          }
        }
      parse_fail_at(sa->p, f->source_start, f->source_end, "Duplicate parameter name not allowed in this context");
    }
  }
  /* simple parameters: parameter index for each name (the last one wins) */
  if (f->flags & FNF_SIMPLE_PARAMS) {
    for (uint32_t i = 0; i < f->params.count; i++) {
      Variable *v = scope_lookup_local(s, f->params.items[i]->u.ref.name);
      v->index = (int32_t)i;
    }
  }
  /* with default values, a parameter is in its TDZ until its own initializer ran: (a = b, b) */
  if (has_expr)
    for (Variable *v = s->vars; v; v = v->next)
      if (v->mode == VAR_PARAM) v->needs_tdz = true;
  for (uint32_t i = 0; i < f->params.count; i++) visit_pattern_exprs(sa, f->params.items[i]);
  visit_pattern_exprs(sa, f->rest);
  if (has_expr) {
    Scope *b = new_scope(sa, SCOPE_BODY, f->source_start, f->source_end);
    b->is_strict = s->is_strict;
    f->body_scope = b;
    sa->scope = b;
  }
  visit_statements(sa, f->body, true);
  sa->scope = saved_scope;
  sa->fn = saved_fn;
  sa->depth--;
}

static AstString *private_key(SA *sa, AstString *name) {
  uint16_t buf[256];
  if (name->length + 1 > 256) {
    uint16_t *big = parse_alloc(sa->p, ((size_t)name->length + 1) * 2);
    big[0] = '#';
    memcpy(big + 1, name->chars, (size_t)name->length * 2);
    return parse_intern(sa->p, big, name->length + 1);
  }
  buf[0] = '#';
  memcpy(buf + 1, name->chars, (size_t)name->length * 2);
  return parse_intern(sa->p, buf, name->length + 1);
}

static void visit_class(SA *sa, ClassLiteral *c, AstNode *decl_node) {
  enter_depth(sa);
  (void)decl_node;
  Scope *saved = sa->scope;
  Scope *s = new_scope(sa, SCOPE_CLASS, c->source_start, c->source_end);
  s->class_lit = c;
  c->scope = s;
  sa->scope = s;
  if (c->name) {
    c->class_var = add_var(sa, s, c->name, VAR_CLASS_NAME, c->source_start);
  }
  /* private names */
  for (uint32_t i = 0; i < c->members.count; i++) {
    AstNode *m = c->members.items[i];
    if (m->u.member_.key_kind != KEY_PRIVATE) continue;
    AstString *key = private_key(sa, m->u.member_.key_name);
    uint8_t kind = m->u.member_.member_kind;
    bool st = (m->flags & AST_FLAG_STATIC) != 0;
    Variable *v = scope_lookup_local(s, key);
    VarMode mode = kind == CMEMBER_FIELD ? VAR_PRIVATE_NAME
                   : (kind == CMEMBER_GETTER || kind == CMEMBER_SETTER) ? VAR_PRIVATE_ACCESSOR
                                                                      : VAR_PRIVATE_METHOD;
    if (v) {
      /* only a getter + setter pair with the same placement may share a name */
      bool ok = false;
      if (mode == VAR_PRIVATE_ACCESSOR && v->mode == VAR_PRIVATE_ACCESSOR && v->is_static_private == st) {
        /* v->index bit 0: has getter, bit 1: has setter */
        int bit = kind == CMEMBER_GETTER ? 1 : 2;
        if (!(v->index & bit)) {
          v->index |= bit;
          ok = true;
        }
      }
      if (!ok) redeclared(sa, key, m->u.member_.key->start);
    } else {
      v = add_var(sa, s, key, mode, m->start);
      v->is_static_private = st;
      if (mode == VAR_PRIVATE_ACCESSOR) v->index = kind == CMEMBER_GETTER ? 1 : 2;
    }
    m->u.member_.private_var = v;
    AstNode *kn = m->u.member_.key;
    kn->u.ref.scope = s;
    kn->u.ref.var = v;
    kn->u.ref.kind = REF_VARIABLE;
  }
  /* reset accessor bit marks used above */
  for (Variable *v = s->vars; v; v = v->next)
    if (v->mode == VAR_PRIVATE_ACCESSOR) v->index = -1;
  if (c->extends) {
    Scope *h = new_scope(sa, SCOPE_BLOCK, c->extends->start, c->extends->end);
    ((ScopeX *)h)->is_heritage = true;
    sa->scope = h;
    visit(sa, c->extends);
    sa->scope = s;
  }
  if (c->constructor) visit_function(sa, c->constructor);
  for (uint32_t i = 0; i < c->members.count; i++) {
    AstNode *m = c->members.items[i];
    if (m->u.member_.key_kind == KEY_COMPUTED) visit(sa, m->u.member_.key);
    if (m->u.member_.value) visit_function(sa, m->u.member_.value);
  }
  sa->scope = saved;
  sa->depth--;
}

/* ---------------------------------------------------------------- Annex B.3.3 */

static void apply_annexb(SA *sa) {
  for (uint32_t i = 0; i < sa->annexb_count; i++) {
    AnnexB *a = &sa->annexb[i];
    FunctionLiteral *f = a->fn;
    AstString *name = f->name;
    if (!name) continue;
    bool conflict = false;
    for (Scope *t = a->block->outer; t; t = t->outer) {
      Variable *v = scope_lookup_local(t, name);
      if (v && (mode_is_lexical(v->mode) || (v->mode == VAR_CATCH && !((ScopeX *)t)->has_simple_catch_param))) {
        conflict = true;
        break;
      }
      if (t == a->var_scope) break;
    }
    if (conflict) continue;
    Scope *vs = a->var_scope;
    /* parameter names are not replaced */
    Scope *fs = vs;
    if (vs->type == SCOPE_BODY) fs = vs->outer;
    Variable *pv = scope_lookup_local(fs, name);
    if (pv && pv->mode == VAR_PARAM) continue;
    if (vs->type == SCOPE_FUNCTION || vs->type == SCOPE_BODY) {
      if (name == sa->n_arguments) continue;
    }
    Variable *v = scope_lookup_local(vs, name);
    if (v && mode_is_lexical(v->mode)) continue;
    if (!v) {
      v = add_var(sa, vs, name, VAR_VAR, f->source_start);
      if (vs->type == SCOPE_SCRIPT || (vs->type == SCOPE_EVAL && !vs->is_strict)) {
        GROW(sa, sa->annexb_global, sa->annexb_global_count, sa->annexb_global_cap);
        sa->annexb_global[sa->annexb_global_count++] = name;
      }
    }
    f->annexb_var = v;
    v->maybe_assigned = true;
  }
}

/* ---------------------------------------------------------------- pass 2: resolve */

static void resolve_private(SA *sa, AstNode *ref) {
  AstString *key = private_key(sa, ref->u.ref.name);
  bool skip_next_class = false;
  for (Scope *s = ref->u.ref.scope; s; s = s->outer) {
    if (((ScopeX *)s)->is_heritage) skip_next_class = true;
    if (s->type != SCOPE_CLASS) continue;
    if (skip_next_class) {
      skip_next_class = false;
      continue;
    }
    Variable *v = scope_lookup_local(s, key);
    if (v) {
      ref->u.ref.kind = REF_VARIABLE;
      ref->u.ref.var = v;
      v->is_used = true;
      v->captured = true;
      return;
    }
  }
  if (sa->preparse) {
    GROW(sa, sa->free_refs, sa->free_count, sa->free_cap);
    sa->free_refs[sa->free_count++] = ref;
    return;
  }
  const ParseOptions *o = sa->p->opts;
  for (uint32_t i = 0; i < o->private_name_count; i++) {
    if (o->private_name_lengths[i] == ref->u.ref.name->length &&
        memcmp(o->private_names[i], ref->u.ref.name->chars, (size_t)ref->u.ref.name->length * 2) == 0) {
      ref->u.ref.kind = REF_DYNAMIC;
      ref->u.ref.name = key; /* looked up by its context slot name, "#x" */
      return;
    }
  }
  char text[128];
  ast_string_to_utf8(ref->u.ref.name, text, sizeof text);
  parse_fail_at(sa->p, ref->start, ref->end, "Private field '#%s' must be declared in an enclosing class", text);
}

static void resolve_special(SA *sa, AstNode *ref, VarMode mode) {
  bool crossed = false;
  for (Scope *s = ref->u.ref.scope; s; s = s->outer) {
    if (s->type == SCOPE_FUNCTION) {
      FunctionLiteral *f = s->function;
      if (f->kind != FN_ARROW) {
        Variable *v = special_var(sa, f, mode);
        v->is_used = true;
        if (crossed) v->captured = true;
        ref->u.ref.kind = REF_VARIABLE;
        ref->u.ref.var = v;
        return;
      }
      crossed = true;
    }
  }
  const ParseOptions *o = sa->p->opts;
  ref->u.ref.kind = (o->is_eval && o->is_direct_eval && o->eval_in_function) ? REF_DYNAMIC : REF_GLOBAL;
}

static void resolve_ref(SA *sa, AstNode *ref) {
  AstString *name = ref->u.ref.name;
  bool crossed = false, dynamic = false;
  for (Scope *s = ref->u.ref.scope; s; s = s->outer) {
    if (s->type == SCOPE_WITH) dynamic = true;
    Variable *v = scope_lookup_local(s, name);
    if (!v && s->type == SCOPE_FUNCTION) {
      FunctionLiteral *f = s->function;
      /* with parameter expressions the arguments object exists whatever the body declares */
      if (name == sa->n_arguments && f->kind != FN_ARROW && f->kind != FN_FIELD_INIT && f->kind != FN_STATIC_BLOCK) {
        v = f->arguments_var;
        if (!v) {
          v = add_var(sa, s, name, VAR_ARGUMENTS, f->source_start);
          f->arguments_var = v;
          f->flags |= FNF_USES_ARGUMENTS;
        }
      } else if ((f->flags & FNF_NAMED_EXPRESSION) && f->name == name) {
        if (!f->self_var) f->self_var = add_var(sa, s, name, VAR_FUNCTION_NAME, f->source_start);
        v = f->self_var;
      }
    }
    if (v && v->mode == VAR_VAR && name == sa->n_arguments && !v->function && s->is_declaration_scope &&
        s->function && s->function->kind != FN_ARROW && !is_program_kind(s->function->kind) &&
        s->function->kind != FN_FIELD_INIT && s->function->kind != FN_STATIC_BLOCK) {
      /* `var arguments` does not shadow the arguments object: it is initialized with it (in a
       * separate body var scope, copied from the parameter scope's arguments object) */
      FunctionLiteral *af = s->function;
      if (s == af->scope) {
        v->mode = VAR_ARGUMENTS;
        af->arguments_var = v;
        af->flags |= FNF_USES_ARGUMENTS;
      } else if (!af->arguments_var) {
        af->arguments_var = add_var(sa, af->scope, name, VAR_ARGUMENTS, af->source_start);
        af->flags |= FNF_USES_ARGUMENTS;
      }
    }
    if (v) {
      v->is_used = true;
      if (crossed || dynamic) v->captured = true;
      ref->u.ref.var = v;
      ref->u.ref.kind = dynamic ? REF_DYNAMIC : REF_VARIABLE;
      return;
    }
    if (s->is_declaration_scope && s->calls_sloppy_eval) dynamic = true;
    if (s->type == SCOPE_FUNCTION) crossed = true;
  }
  if (sa->preparse) {
    GROW(sa, sa->free_refs, sa->free_count, sa->free_cap);
    sa->free_refs[sa->free_count++] = ref;
    return;
  }
  const ParseOptions *o = sa->p->opts;
  ref->u.ref.kind = (dynamic || (o->is_eval && o->is_direct_eval)) ? REF_DYNAMIC : REF_GLOBAL;
}

/* Resolves every reference the walk collected (names, `this`, `new.target`, private names). */
static void resolve_refs(SA *sa) {
  for (uint32_t i = 0; i < sa->ref_count; i++) {
    AstNode *r = sa->refs[i];
    switch (r->kind) {
    case AST_IDENTIFIER: resolve_ref(sa, r); break;
    case AST_THIS: resolve_special(sa, r, VAR_THIS); break;
    case AST_NEW_TARGET: resolve_special(sa, r, VAR_NEW_TARGET); break;
    case AST_PRIVATE_NAME: resolve_private(sa, r); break;
    default: break;
    }
  }
}

/* ---------------------------------------------------------------- pass 3: allocate */

static void allocate_scope(SA *sa, Scope *s) {
  enter_depth(sa);
  FunctionLiteral *f = s->function;
  bool top_global = s->type == SCOPE_SCRIPT;
  bool sloppy_eval_top = s->type == SCOPE_EVAL && !s->is_strict;
  if (s->type == SCOPE_FUNCTION && f->arguments_var && !(f->flags & FNF_STRICT) && (f->flags & FNF_SIMPLE_PARAMS))
    f->flags |= FNF_MAPPED_ARGUMENTS;
  /* `var arguments` / parameter named arguments in a function: see FunctionLiteral.arguments_var */
  for (Variable *v = s->vars; v; v = v->next) {
    if (v->location != LOC_UNALLOCATED) continue;
    if (top_global) {
      v->location = LOC_GLOBAL;
      continue;
    }
    if (sloppy_eval_top && v->mode == VAR_VAR) {
      v->location = LOC_LOOKUP;
      continue;
    }
    bool ctx = v->captured || s->inner_calls_eval || v->mode == VAR_PRIVATE_NAME || v->mode == VAR_PRIVATE_METHOD ||
               v->mode == VAR_PRIVATE_ACCESSOR;
    if (s->type == SCOPE_FUNCTION && (f->flags & FNF_CALLS_SLOPPY_EVAL) && s == f->scope) ctx = true;
    /* a mapped arguments object aliases the parameters: they live in context slots it can share */
    if (v->mode == VAR_PARAM && (f->flags & FNF_MAPPED_ARGUMENTS) && s == f->scope) ctx = true;
    if (ctx) {
      v->location = LOC_CONTEXT;
      v->index = (int32_t)s->context_slot_count++;
    } else if (v->mode == VAR_PARAM && (f->flags & FNF_SIMPLE_PARAMS) && v->index >= 0) {
      v->location = LOC_PARAMETER;
    } else if (v->mode == VAR_THIS && f->kind != FN_DERIVED_CONSTRUCTOR) {
      v->location = LOC_RECEIVER;
    } else {
      v->location = LOC_LOCAL;
      v->index = (int32_t)f->num_locals++;
    }
  }
  if (s->context_slot_count) {
    s->context_vars = parse_alloc(sa->p, sizeof(Variable *) * s->context_slot_count);
    for (Variable *v = s->vars; v; v = v->next)
      if (v->location == LOC_CONTEXT && v->scope == s) s->context_vars[v->index] = v;
  }
  s->needs_context = s->context_slot_count > 0 || s->type == SCOPE_WITH ||
                     (s->is_declaration_scope && s->calls_sloppy_eval && s->type != SCOPE_SCRIPT);
  for (Scope *c = s->first_inner; c; c = c->next_sibling) allocate_scope(sa, c);
  sa->depth--;
}

/* Module exports: mark exported local bindings as module cells and build ModuleInfo. */
static void build_module_info(SA *sa, FunctionLiteral *prog) {
  Parser *p = sa->p;
  ModuleInfo *mi = parse_alloc(p, sizeof(ModuleInfo));
  p->result->module = mi;
  mi->has_top_level_await = (prog->flags & FNF_HAS_TOP_LEVEL_AWAIT) != 0;
  Scope *ms = prog->scope;
  /* requests */
  uint32_t cap_req = 0, cap_imp = 0, cap_loc = 0, cap_ind = 0, cap_star = 0;
  AstString **exported = NULL;
  uint32_t exp_count = 0, exp_cap = 0;
#define ADD_EXPORTED(nm, pos)                                                                        \
  do {                                                                                             \
    for (uint32_t q = 0; q < exp_count; q++)                                                       \
      if (exported[q] == (nm)) {                                                                   \
        char text_[128];                                                                           \
        ast_string_to_utf8((nm), text_, sizeof text_);                                             \
        parse_fail_at(p, (pos), (pos) + 1, "Duplicate export of '%s'", text_);                     \
      }                                                                                            \
    GROW(sa, exported, exp_count, exp_cap);                                                        \
    exported[exp_count++] = (nm);                                                                  \
  } while (0)
  for (uint32_t i = 0; i < prog->body.count; i++) {
    AstNode *n = prog->body.items[i];
    AstString *spec = NULL;
    AstString **ak = NULL, **av = NULL;
    uint32_t ac = 0;
    if (n->kind == AST_IMPORT_DECL) {
      spec = n->u.import_decl.specifier;
      ak = n->u.import_decl.attr_keys;
      av = n->u.import_decl.attr_values;
      ac = n->u.import_decl.attr_count;
    } else if (n->kind == AST_EXPORT_DECL &&
               (n->u.export_decl.export_kind == EXPORT_FROM || n->u.export_decl.export_kind == EXPORT_STAR)) {
      spec = n->u.export_decl.specifier;
      ak = n->u.export_decl.attr_keys;
      av = n->u.export_decl.attr_values;
      ac = n->u.export_decl.attr_count;
    }
    if (!spec) continue;
    uint32_t r;
    for (r = 0; r < mi->request_count; r++)
      if (mi->requests[r].specifier == spec && mi->requests[r].attr_count == ac) break;
    if (r == mi->request_count) {
      GROW(sa, mi->requests, mi->request_count, cap_req);
      ModuleRequest *rq = &mi->requests[mi->request_count++];
      rq->specifier = spec;
      rq->attr_keys = ak;
      rq->attr_values = av;
      rq->attr_count = ac;
    }
    if (n->kind == AST_IMPORT_DECL) {
      AstNode *ids[2] = {n->u.import_decl.default_binding, n->u.import_decl.namespace_binding};
      for (int k = 0; k < 2; k++) {
        if (!ids[k]) continue;
        GROW(sa, mi->imports, mi->import_count, cap_imp);
        ModuleImportEntry *e = &mi->imports[mi->import_count++];
        e->request = r;
        e->import_name = k == 0 ? sa->n_default_name_ : NULL;
        e->local_name = ids[k]->u.ref.name;
        e->phase = (uint8_t)n->u.import_decl.phase;
        e->var = scope_lookup_local(ms, e->local_name);
      }
      for (uint32_t j = 0; j < n->u.import_decl.named_count; j++) {
        GROW(sa, mi->imports, mi->import_count, cap_imp);
        ModuleImportEntry *e = &mi->imports[mi->import_count++];
        e->request = r;
        e->import_name = n->u.import_decl.import_names[j];
        e->local_name = n->u.import_decl.local_names[j]->u.ref.name;
        e->var = scope_lookup_local(ms, e->local_name);
      }
    } else if (n->u.export_decl.export_kind == EXPORT_STAR) {
      if (n->u.export_decl.count) {
        GROW(sa, mi->indirect_exports, mi->indirect_export_count, cap_ind);
        ModuleExportEntry *e = &mi->indirect_exports[mi->indirect_export_count++];
        e->export_name = n->u.export_decl.export_names[0];
        e->import_name = NULL;
        e->request = (int32_t)r;
        ADD_EXPORTED(e->export_name, n->start);
      } else {
        GROW(sa, mi->star_exports, mi->star_export_count, cap_star);
        ModuleExportEntry *e = &mi->star_exports[mi->star_export_count++];
        e->request = (int32_t)r;
      }
    } else {
      for (uint32_t j = 0; j < n->u.export_decl.count; j++) {
        GROW(sa, mi->indirect_exports, mi->indirect_export_count, cap_ind);
        ModuleExportEntry *e = &mi->indirect_exports[mi->indirect_export_count++];
        e->export_name = n->u.export_decl.export_names[j];
        e->import_name = n->u.export_decl.local_names[j];
        e->request = (int32_t)r;
        ADD_EXPORTED(e->export_name, n->start);
      }
    }
  }
  /* local exports */
  for (uint32_t i = 0; i < prog->body.count; i++) {
    AstNode *n = prog->body.items[i];
    if (n->kind != AST_EXPORT_DECL) continue;
    uint8_t k = n->u.export_decl.export_kind;
    AstString *names[64];
    AstString **list = names;
    uint32_t count = 0;
    AstString **exp_names = NULL;
    if (k == EXPORT_NAMED) {
      list = n->u.export_decl.local_names;
      exp_names = n->u.export_decl.export_names;
      count = n->u.export_decl.count;
    } else if (k == EXPORT_DEFAULT_EXPR) {
      names[0] = sa->n_default;
      count = 1;
    } else if (k == EXPORT_DEFAULT_DECL) {
      AstNode *d = n->u.export_decl.declaration;
      names[0] = d->kind == AST_FUNCTION_DECL ? (d->u.func->name ? d->u.func->name : sa->n_default)
                                              : (d->u.cls->name ? d->u.cls->name : sa->n_default);
      count = 1;
    } else if (k == EXPORT_DECL) {
      AstNode *d = n->u.export_decl.declaration;
      if (d->kind == AST_FUNCTION_DECL) names[count++] = d->u.func->name;
      else if (d->kind == AST_CLASS_DECL) names[count++] = d->u.cls->name;
      else if (d->kind == AST_VAR_DECL) {
        /* collect bound names: walk declarators' identifier leaves */
        AstNode *stack[256];
        uint32_t sp = 0;
        for (uint32_t j = 0; j < d->u.vardecl.declarators.count && sp < 256; j++)
          stack[sp++] = d->u.vardecl.declarators.items[j]->u.declarator.target;
        while (sp) {
          AstNode *t = stack[--sp];
          if (!t) continue;
          if (t->kind == AST_IDENTIFIER) {
            if (count == 64) parse_fail_at(p, d->start, d->end, "Too many names in one export declaration (not implemented yet)");
            names[count++] = t->u.ref.name;
          } else if (t->kind == AST_PATTERN_DEFAULT) {
            if (sp < 256) stack[sp++] = t->u.pdefault.target;
          } else if (t->kind == AST_OBJECT_PATTERN || t->kind == AST_ARRAY_PATTERN) {
            for (uint32_t q = 0; q < t->u.pattern.items.count && sp < 255; q++) {
              AstNode *it = t->u.pattern.items.items[q];
              if (it && it->kind == AST_PATTERN_PROPERTY) it = it->u.pprop.value;
              stack[sp++] = it;
            }
            if (sp < 256) stack[sp++] = t->u.pattern.rest;
          }
        }
      }
    } else {
      continue;
    }
    for (uint32_t j = 0; j < count; j++) {
      AstString *local = list[j];
      AstString *ename = exp_names ? exp_names[j] : (k == EXPORT_DEFAULT_EXPR || k == EXPORT_DEFAULT_DECL) ? sa->n_default_name_ : local;
      Variable *v = scope_lookup_local(ms, local);
      if (!v) {
        char text[128];
        ast_string_to_utf8(local, text, sizeof text);
        parse_fail_at(p, n->start, n->end, "Export '%s' is not defined in module", text);
      }
      ADD_EXPORTED(ename, n->start);
      if (v->mode == VAR_IMPORT) {
        /* re-export of an import: an indirect export (spec 16.2.1.6.1 step 10) */
        for (uint32_t q = 0; q < mi->import_count; q++) {
          ModuleImportEntry *ie = &mi->imports[q];
          if (ie->var != v) continue;
          GROW(sa, mi->indirect_exports, mi->indirect_export_count, cap_ind);
          ModuleExportEntry *e = &mi->indirect_exports[mi->indirect_export_count++];
          e->export_name = ename;
          e->import_name = ie->import_name;
          e->request = (int32_t)ie->request;
          if (!ie->import_name) {
            /* namespace import re-exported: a local export of the namespace binding */
            mi->indirect_export_count--;
            GROW(sa, mi->local_exports, mi->local_export_count, cap_loc);
            ModuleExportEntry *le = &mi->local_exports[mi->local_export_count++];
            le->export_name = ename;
            le->local_name = local;
            le->request = -1;
            le->var = v;
          }
          break;
        }
        continue;
      }
      if (v->location != LOC_MODULE_EXPORT) {
        v->location = LOC_MODULE_EXPORT;
        v->index = (int32_t)mi->cell_count++;
      }
      GROW(sa, mi->local_exports, mi->local_export_count, cap_loc);
      ModuleExportEntry *e = &mi->local_exports[mi->local_export_count++];
      e->export_name = ename;
      e->local_name = local;
      e->request = -1;
      e->var = v;
    }
  }
  for (uint32_t i = 0; i < mi->import_count; i++) {
    Variable *v = mi->imports[i].var;
    if (v && v->location == LOC_UNALLOCATED) {
      v->location = LOC_MODULE_IMPORT;
      v->index = (int32_t)i;
    }
  }
  (void)cap_star;
#undef ADD_EXPORTED
}

static void build_decl_info(SA *sa, Scope *s) {
  Parser *p = sa->p;
  DeclInfoList *dl = &p->result->decls;
  uint32_t cap = 0;
  for (Variable *v = s->vars; v; v = v->next) {
    DeclInfo d = {0};
    d.name = v->name;
    d.var = v;
    bool annexb = false;
    for (uint32_t i = 0; i < sa->annexb_global_count; i++)
      if (sa->annexb_global[i] == v->name) annexb = true;
    switch (v->mode) {
    case VAR_VAR:
      if (v->function) {
        d.kind = DINFO_FUNCTION;
        d.function = v->function;
      } else {
        d.kind = annexb ? DINFO_ANNEXB_FUNCTION : DINFO_VAR;
      }
      break;
    case VAR_LET: d.kind = DINFO_LET; break;
    case VAR_CONST: d.kind = DINFO_CONST; break;
    case VAR_CLASS: d.kind = DINFO_CLASS; break;
    case VAR_USING: d.kind = DINFO_USING; break;
    case VAR_FUNCTION: d.kind = DINFO_FUNCTION; d.function = v->function; break;
    default:
      continue;
    }
    if (s->type == SCOPE_EVAL && d.kind != DINFO_VAR && d.kind != DINFO_FUNCTION && d.kind != DINFO_ANNEXB_FUNCTION)
      continue; /* eval lexicals live in the eval's own scope */
    GROW(sa, dl->items, dl->count, cap);
    dl->items[dl->count++] = d;
  }
}

static void sa_init(SA *sa, Parser *p) {
  memset(sa, 0, sizeof *sa);
  sa->p = p;
  sa->n_arguments = p->kw_names[KW_ARGUMENTS];
  sa->n_this = p->kw_names[KW_THIS];
  sa->n_new_target = parse_intern_ascii(p, "new.target");
  sa->n_home = parse_intern_ascii(p, ".home_object");
  sa->n_this_fn = parse_intern_ascii(p, ".this_function");
  sa->n_default = parse_intern_ascii(p, "*default*");
  sa->n_default_name_ = p->kw_names[KW_DEFAULT];
}

void scopes_analyze(Parser *p, FunctionLiteral *prog) {
  SA sa_storage;
  SA *sa = &sa_storage;
  sa_init(sa, p);
  sa->fn = prog;
  ScopeType t = prog->kind == FN_MODULE ? SCOPE_MODULE : prog->kind == FN_EVAL ? SCOPE_EVAL : SCOPE_SCRIPT;
  Scope *s = new_scope(sa, t, 0, prog->source_end);
  s->is_strict = (prog->flags & FNF_STRICT) != 0;
  prog->scope = prog->body_scope = s;
  sa->scope = s;
  visit_statements(sa, prog->body, true);
  apply_annexb(sa);
  /* `var arguments` in a function refers to the arguments object */
  resolve_refs(sa);
  if (prog->kind == FN_MODULE) build_module_info(sa, prog);
  allocate_scope(sa, s);
  /* global / lookup variables are accessed by name */
  for (uint32_t i = 0; i < sa->ref_count; i++) {
    AstNode *r = sa->refs[i];
    if (r->u.ref.kind != REF_VARIABLE || !r->u.ref.var) continue;
    uint8_t loc = r->u.ref.var->location;
    if (loc == LOC_GLOBAL) r->u.ref.kind = REF_GLOBAL;
    else if (loc == LOC_LOOKUP) r->u.ref.kind = REF_DYNAMIC;
  }
  if (t == SCOPE_SCRIPT || (t == SCOPE_EVAL && !s->is_strict)) build_decl_info(sa, s);
}

/* ---------------------------------------------------------------- pre-parser
 *
 * A skipped function (FNF_PREPARSED) is analyzed twice, in two halves that together do what one
 * full analysis does:
 *   - right after its body is parsed, alone (scopes_preparse_function): declare, resolve and
 *     allocate with no outer scope. Its early errors, flags and parameter locations come out as
 *     in the full analysis, because nothing outside a non-arrow function changes them. The
 *     references that leave it are kept (one per name), the rest of the body is thrown away.
 *   - when the enclosing code is analyzed (visit_preparsed): the function gets an empty scope of
 *     its own in the tree, and its kept references are resolved from there, marking the outer
 *     variables they reach captured exactly as the body's references would have.
 * Reparse helpers take the summary from here and nowhere else. */

/* A stable copy of a reference that leaves the function (the body's nodes go away). */
static AstNode *preparse_keep_ref(Parser *p, const AstNode *ref) {
  AstNode *c = parse_alloc_summary(p, sizeof(AstNode));
  *c = *ref;
  c->u.ref.scope = NULL;
  c->u.ref.var = NULL;
  c->u.ref.kind = 0;
  return c;
}

/* Parameters keep Variables the size of their own (sfi_fill reads the locations of a mapped
 * parameter list); duplicates keep sharing one. */
static void preparse_keep_params(Parser *p, FunctionLiteral *f) {
  for (uint32_t i = 0; i < f->params.count; i++) {
    AstNode *n = f->params.items[i];
    if (n->kind != AST_IDENTIFIER || !n->u.ref.var) continue;
    Variable *old = n->u.ref.var, *copy = NULL;
    for (uint32_t j = 0; j < i; j++) {
      AstNode *m = f->params.items[j];
      if (m->kind == AST_IDENTIFIER && m->u.ref.scope == (Scope *)old) copy = m->u.ref.var;
    }
    if (!copy) {
      copy = parse_alloc_summary(p, sizeof(Variable));
      *copy = *old;
      copy->scope = NULL;
      copy->next = NULL;
      copy->function = NULL;
    }
    /* u.ref.scope temporarily remembers the old variable for the duplicate search above */
    n->u.ref.scope = (Scope *)old;
    n->u.ref.var = copy;
  }
  for (uint32_t i = 0; i < f->params.count; i++)
    if (f->params.items[i]->kind == AST_IDENTIFIER) f->params.items[i]->u.ref.scope = NULL;
}

void scopes_preparse_function(Parser *p, FunctionLiteral *f) {
  SA sa_storage;
  SA *volatile sa = &sa_storage;
  sa_init(sa, p);
  sa->preparse = true;
  PreparseData *d = parse_alloc_summary(p, sizeof(PreparseData));
  f->preparse = d;
  jmp_buf jb;
  jmp_buf *volatile saved_jmp = p->jmp;
  p->jmp = &jb;
  if (setjmp(jb) == 0) {
    visit_function(sa, f);
    apply_annexb(sa);
    resolve_refs(sa);
    allocate_scope(sa, f->scope);
  } else {
    p->jmp = saved_jmp;
    if (p->result->error.kind == PARSE_ERROR_OOM) longjmp(*p->jmp, 1);
    /* the full analysis raises this error only when it reaches f: keep it for then */
    d->error = parse_alloc_summary(p, sizeof(ParseError));
    *d->error = p->result->error;
    memset(&p->result->error, 0, sizeof p->result->error);
    return;
  }
  p->jmp = saved_jmp;
  d->inner_calls_eval = f->scope->inner_calls_eval;
  /* one reference per name, in the order of first reference */
  uint32_t n = 0;
  AstNode **kept = sa->free_count ? parse_alloc_summary(p, sizeof(AstNode *) * sa->free_count) : NULL;
  for (uint32_t i = 0; i < sa->free_count; i++) {
    AstNode *r = sa->free_refs[i];
    bool seen = false;
    for (uint32_t j = 0; j < n && !seen; j++)
      seen = kept[j]->kind == r->kind && kept[j]->u.ref.name == r->u.ref.name;
    if (!seen) kept[n++] = preparse_keep_ref(p, r);
  }
  d->free_refs = kept;
  d->free_count = n;
  preparse_keep_params(p, f);
}

/* The enclosing analysis meets a skipped function: see the section comment. */
static void visit_preparsed(SA *sa, FunctionLiteral *f) {
  PreparseData *d = f->preparse;
  if (d->error) parse_fail_with(sa->p, d->error);
  Scope *saved_scope = sa->scope;
  FunctionLiteral *saved_fn = sa->fn;
  sa->fn = f;
  Scope *s = new_scope(sa, SCOPE_FUNCTION, f->source_start, f->source_end);
  s->is_strict = (f->flags & FNF_STRICT) != 0;
  f->scope = f->body_scope = s;
  if (d->inner_calls_eval)
    for (Scope *t = s; t; t = t->outer) t->inner_calls_eval = true;
  sa->scope = s;
  for (uint32_t i = 0; i < d->free_count; i++) add_ref(sa, d->free_refs[i]);
  sa->scope = saved_scope;
  sa->fn = saved_fn;
}

/* ---------------------------------------------------------------- queries */

uint32_t scope_context_depth(const Scope *from, const Scope *to) {
  uint32_t d = 0;
  for (const Scope *s = from; s && s != to; s = s->outer)
    if (s->needs_context) d++;
  return d;
}

const char *scope_type_name(ScopeType t) {
  static const char *const n[] = {"SCRIPT", "MODULE", "EVAL", "FUNCTION", "BODY", "BLOCK", "CATCH", "WITH", "CLASS"};
  return (unsigned)t < PT_ARRAY_LEN(n) ? n[t] : "?";
}

const char *var_mode_name(VarMode m) {
  static const char *const n[] = {"VAR", "LET", "CONST", "CLASS", "USING", "PARAM", "FUNCTION", "CATCH",
                                  "CLASS_NAME", "FUNCTION_NAME", "THIS", "NEW_TARGET", "HOME_OBJECT",
                                  "ARGUMENTS", "IMPORT", "PRIVATE_NAME", "PRIVATE_METHOD",
                                  "PRIVATE_ACCESSOR", "DEFAULT_EXPORT", "THIS_FUNCTION"};
  return (unsigned)m < PT_ARRAY_LEN(n) ? n[m] : "?";
}

const char *var_location_name(VarLocation l) {
  static const char *const n[] = {"UNALLOCATED", "PARAMETER", "LOCAL", "CONTEXT", "GLOBAL", "LOOKUP",
                                  "MODULE_EXPORT", "MODULE_IMPORT", "RECEIVER"};
  return (unsigned)l < PT_ARRAY_LEN(n) ? n[l] : "?";
}

/* ---------------------------------------------------------------- scope snapshots */

enum { SNAP_SPECIAL_NONE, SNAP_THIS, SNAP_NEW_TARGET, SNAP_HOME, SNAP_THIS_FN, SNAP_ARGUMENTS, SNAP_SELF };

typedef struct SnapVar {
  uint16_t *name;
  uint32_t length;
  uint8_t mode, location, special;
  bool needs_tdz, is_used, maybe_assigned, captured, is_static_private;
  int32_t index;
  uint32_t decl_pos;
} SnapVar;

typedef struct SnapFn {
  int32_t outer;          /* SnapFn index or -1 */
  int32_t class_scope;    /* SnapScope index of class_lit's scope, or -1 */
  uint8_t kind;
  uint32_t flags;
  uint32_t start, end;
  uint16_t *name;         /* NULL when anonymous */
  uint32_t name_length;
} SnapFn;

typedef struct SnapScope {
  int32_t outer;          /* SnapScope index or -1 */
  int32_t fn;             /* SnapFn index of scope->function, or -1 */
  uint8_t type;
  bool is_strict, needs_context, calls_eval, calls_sloppy_eval, inner_calls_eval, per_iteration,
      is_declaration_scope, is_heritage, has_simple_catch_param;
  bool class_has_instance_fields, class_has_private_methods, class_has_static_private_methods;
  uint32_t start, end, context_slot_count;
  uint32_t var_first, var_count; /* into ScopeSnapshot.vars */
} SnapScope;

typedef struct PtrMap {
  const void **keys;
  int32_t *vals;
  uint32_t cap, count;
} PtrMap;

struct ScopeSnapshot {
  SnapScope *scopes; uint32_t scope_count, scope_cap;
  SnapFn *fns; uint32_t fn_count, fn_cap;
  SnapVar *vars; uint32_t var_count, var_cap;
  size_t name_bytes;
  PtrMap scope_map, fn_map; /* pointers of the live tree -> indices */
};

static uint32_t ptr_hash(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B1u;
  return (uint32_t)(x ^ (x >> 15));
}

static int32_t ptrmap_get(const PtrMap *m, const void *k) {
  if (!m->cap) return -1;
  for (uint32_t i = ptr_hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i]) return -1;
    if (m->keys[i] == k) return m->vals[i];
  }
}

static bool ptrmap_put(PtrMap *m, const void *k, int32_t v) {
  if ((m->count + 1) * 2 > m->cap) {
    uint32_t ncap = m->cap ? m->cap * 2 : 64;
    const void **nk = calloc(ncap, sizeof *nk);
    int32_t *nv = malloc(ncap * sizeof *nv);
    if (!nk || !nv) {
      free(nk);
      free(nv);
      return false;
    }
    for (uint32_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      uint32_t j = ptr_hash(m->keys[i]) & (ncap - 1);
      while (nk[j]) j = (j + 1) & (ncap - 1);
      nk[j] = m->keys[i];
      nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
  }
  uint32_t i = ptr_hash(k) & (m->cap - 1);
  while (m->keys[i]) i = (i + 1) & (m->cap - 1);
  m->keys[i] = k;
  m->vals[i] = v;
  m->count++;
  return true;
}

static void ptrmap_clear(PtrMap *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

ScopeSnapshot *scope_snapshot_new(void) { return calloc(1, sizeof(ScopeSnapshot)); }

void scope_snapshot_free(ScopeSnapshot *snap) {
  if (!snap) return;
  for (uint32_t i = 0; i < snap->var_count; i++) free(snap->vars[i].name);
  for (uint32_t i = 0; i < snap->fn_count; i++) free(snap->fns[i].name);
  free(snap->scopes);
  free(snap->fns);
  free(snap->vars);
  ptrmap_clear(&snap->scope_map);
  ptrmap_clear(&snap->fn_map);
  free(snap);
}

void scope_snapshot_forget_tree(ScopeSnapshot *snap) {
  if (!snap) return;
  ptrmap_clear(&snap->scope_map);
  ptrmap_clear(&snap->fn_map);
}

size_t scope_snapshot_bytes(const ScopeSnapshot *snap) {
  if (!snap) return 0;
  return sizeof *snap + snap->scope_cap * sizeof(SnapScope) + snap->fn_cap * sizeof(SnapFn) +
         snap->var_cap * sizeof(SnapVar) + snap->name_bytes +
         (snap->scope_map.cap + snap->fn_map.cap) * (sizeof(void *) + sizeof(int32_t));
}

#define SNAP_GROW(arr, count, cap)                                                                 \
  do {                                                                                             \
    if ((count) == (cap)) {                                                                        \
      uint32_t ncap_ = (cap) ? (cap) * 2 : 16;                                                     \
      void *n_ = realloc((arr), sizeof(*(arr)) * ncap_);                                           \
      if (!n_) return -1;                                                                          \
      (arr) = n_;                                                                                  \
      (cap) = ncap_;                                                                               \
    }                                                                                              \
  } while (0)

static uint16_t *snap_copy_name(ScopeSnapshot *snap, const AstString *s) {
  uint16_t *c = malloc(((size_t)s->length + 1) * sizeof(uint16_t));
  if (!c) return NULL;
  memcpy(c, s->chars, (size_t)s->length * sizeof(uint16_t));
  c[s->length] = 0;
  snap->name_bytes += ((size_t)s->length + 1) * sizeof(uint16_t);
  return c;
}

/* Records f, its outer function already recorded (or absent). */
static int32_t snap_capture_fn_one(ScopeSnapshot *snap, const FunctionLiteral *f) {
  int32_t outer = -1;
  if (f->outer) {
    outer = ptrmap_get(&snap->fn_map, f->outer);
    if (outer < 0) return -1;
  }
  SNAP_GROW(snap->fns, snap->fn_count, snap->fn_cap);
  SnapFn *r = &snap->fns[snap->fn_count];
  memset(r, 0, sizeof *r);
  r->outer = outer;
  r->class_scope = f->class_lit && f->class_lit->scope ? ptrmap_get(&snap->scope_map, f->class_lit->scope) : -1;
  r->kind = f->kind;
  r->flags = f->flags;
  r->start = f->source_start;
  r->end = f->source_end;
  if (f->name) {
    r->name = snap_copy_name(snap, f->name);
    if (!r->name) return -1;
    r->name_length = f->name->length;
  }
  if (!ptrmap_put(&snap->fn_map, f, (int32_t)snap->fn_count)) {
    free(r->name);
    return -1;
  }
  return (int32_t)snap->fn_count++;
}

/* Records f and its outer functions, outermost first, without recursion (nesting is deep at
 * times). */
static int32_t snap_capture_fn(ScopeSnapshot *snap, const FunctionLiteral *f) {
  int32_t got = ptrmap_get(&snap->fn_map, f);
  if (got >= 0) return got;
  uint32_t n = 0, cap = 16;
  const FunctionLiteral **todo = malloc(cap * sizeof *todo);
  for (const FunctionLiteral *g = f; todo && g && ptrmap_get(&snap->fn_map, g) < 0; g = g->outer) {
    if (n == cap) {
      const FunctionLiteral **t = realloc(todo, 2 * cap * sizeof *todo);
      if (!t) break;
      todo = t;
      cap *= 2;
    }
    todo[n++] = g;
  }
  int32_t r = -1;
  while (todo && n > 0 && (r = snap_capture_fn_one(snap, todo[n - 1])) >= 0) n--;
  free(todo);
  return n == 0 ? r : -1;
}

static uint8_t snap_special_of(const Scope *s, const Variable *v) {
  const FunctionLiteral *f = s->function;
  if (!f || f->scope != s) return SNAP_SPECIAL_NONE;
  if (v == f->this_var) return SNAP_THIS;
  if (v == f->new_target_var) return SNAP_NEW_TARGET;
  if (v == f->home_object_var) return SNAP_HOME;
  if (v == f->this_function_var) return SNAP_THIS_FN;
  if (v == f->arguments_var) return SNAP_ARGUMENTS;
  if (v == f->self_var) return SNAP_SELF;
  return SNAP_SPECIAL_NONE;
}

static int32_t snap_capture_scope_one(ScopeSnapshot *snap, const Scope *s);

int32_t scope_snapshot_capture(ScopeSnapshot *snap, const Scope *s) {
  if (!s) return -1;
  int32_t got = ptrmap_get(&snap->scope_map, s);
  if (got >= 0) return got;
  /* the unrecorded part of the chain, then recorded outermost first (no recursion) */
  uint32_t n = 0, cap = 16;
  const Scope **todo = malloc(cap * sizeof *todo);
  for (const Scope *t = s; todo && t && ptrmap_get(&snap->scope_map, t) < 0; t = t->outer) {
    if (n == cap) {
      const Scope **g = realloc(todo, 2 * cap * sizeof *todo);
      if (!g) break;
      todo = g;
      cap *= 2;
    }
    todo[n++] = t;
  }
  int32_t r = -1;
  while (todo && n > 0 && (r = snap_capture_scope_one(snap, todo[n - 1])) >= 0) n--;
  free(todo);
  return n == 0 ? r : -1;
}

/* Records s, its outer scope already recorded (or absent). */
static int32_t snap_capture_scope_one(ScopeSnapshot *snap, const Scope *s) {
  int32_t outer = -1;
  if (s->outer) {
    outer = ptrmap_get(&snap->scope_map, s->outer);
    if (outer < 0) return -1;
  }
  SNAP_GROW(snap->scopes, snap->scope_count, snap->scope_cap);
  int32_t idx = (int32_t)snap->scope_count;
  SnapScope *r = &snap->scopes[idx];
  memset(r, 0, sizeof *r);
  r->outer = outer;
  r->fn = -1;
  r->type = s->type;
  r->is_strict = s->is_strict;
  r->needs_context = s->needs_context;
  r->calls_eval = s->calls_eval;
  r->calls_sloppy_eval = s->calls_sloppy_eval;
  r->inner_calls_eval = s->inner_calls_eval;
  r->per_iteration = s->per_iteration;
  r->is_declaration_scope = s->is_declaration_scope;
  r->is_heritage = ((const ScopeX *)s)->is_heritage;
  r->has_simple_catch_param = ((const ScopeX *)s)->has_simple_catch_param;
  if (s->class_lit) {
    r->class_has_instance_fields = s->class_lit->has_instance_fields;
    r->class_has_private_methods = s->class_lit->has_private_methods;
    r->class_has_static_private_methods = s->class_lit->has_static_private_methods;
  }
  r->start = s->start;
  r->end = s->end;
  r->context_slot_count = s->context_slot_count;
  r->var_first = snap->var_count;
  for (const Variable *v = s->vars; v; v = v->next) {
    /* a script-level binding is reached by name (REF_GLOBAL) whether or not resolution finds it:
     * leaving them out keeps a big script's globals out of every snapshot (unless the script
     * itself calls sloppy eval: then an unknown name becomes dynamic, a known one stays global) */
    if (v->location == LOC_GLOBAL && !s->calls_sloppy_eval) continue;
    SNAP_GROW(snap->vars, snap->var_count, snap->var_cap);
    r = &snap->scopes[idx];
    SnapVar *sv = &snap->vars[snap->var_count];
    memset(sv, 0, sizeof *sv);
    sv->name = snap_copy_name(snap, v->name);
    if (!sv->name) return -1;
    sv->length = v->name->length;
    sv->mode = v->mode;
    sv->location = v->location;
    sv->special = snap_special_of(s, v);
    sv->needs_tdz = v->needs_tdz;
    sv->is_used = v->is_used;
    sv->maybe_assigned = v->maybe_assigned;
    sv->captured = v->captured;
    sv->is_static_private = v->is_static_private;
    sv->index = v->index;
    sv->decl_pos = v->decl_pos;
    snap->var_count++;
    r->var_count++;
  }
  snap->scope_count++;
  if (!ptrmap_put(&snap->scope_map, s, idx)) {
    snap->scope_count--;
    return -1;
  }
  /* the function after the scope: its class scope is this one or an outer one */
  if (s->function) {
    int32_t fi = snap_capture_fn(snap, s->function);
    if (fi < 0) return -1;
    snap->scopes[idx].fn = fi;
  }
  return idx;
}

/* Rebuilds scope `index` of snap and its enclosing scopes in p's zone (names interned in p) as
 * finished outer scopes of a function about to be parsed alone. *innermost_fn receives the
 * function the innermost scope belongs to; *program the outermost function (the top level). */
Scope *scopes_synthesize(Parser *p, const ScopeSnapshot *snap, int32_t index, FunctionLiteral **innermost_fn,
                         FunctionLiteral **program) {
  Scope **scopes = parse_alloc(p, sizeof(Scope *) * (snap->scope_count ? snap->scope_count : 1));
  FunctionLiteral **fns = parse_alloc(p, sizeof(FunctionLiteral *) * (snap->fn_count ? snap->fn_count : 1));
  ClassLiteral **classes = parse_alloc(p, sizeof(ClassLiteral *) * (snap->scope_count ? snap->scope_count : 1));
  memset(scopes, 0, sizeof(Scope *) * snap->scope_count);
  memset(fns, 0, sizeof(FunctionLiteral *) * snap->fn_count);
  memset(classes, 0, sizeof(ClassLiteral *) * snap->scope_count);
  SA sa_storage;
  memset(&sa_storage, 0, sizeof sa_storage);
  sa_storage.p = p;
  /* the chain, innermost first */
  int32_t *chain = parse_alloc(p, sizeof(int32_t) * (snap->scope_count ? snap->scope_count : 1));
  uint32_t n = 0;
  for (int32_t i = index; i >= 0 && n < snap->scope_count; i = snap->scopes[i].outer) chain[n++] = i;
  Scope *outer = NULL;
  for (uint32_t k = n; k-- > 0;) {
    int32_t i = chain[k];
    const SnapScope *r = &snap->scopes[i];
    ScopeX *x = parse_alloc(p, sizeof(ScopeX));
    Scope *s = &x->s;
    s->type = r->type;
    s->outer = outer;
    s->is_strict = r->is_strict;
    s->needs_context = r->needs_context;
    s->calls_eval = r->calls_eval;
    s->calls_sloppy_eval = r->calls_sloppy_eval;
    s->inner_calls_eval = r->inner_calls_eval;
    s->per_iteration = r->per_iteration;
    s->is_declaration_scope = r->is_declaration_scope;
    s->start = r->start;
    s->end = r->end;
    s->context_slot_count = r->context_slot_count;
    x->is_heritage = r->is_heritage;
    x->has_simple_catch_param = r->has_simple_catch_param;
    if (r->type == SCOPE_CLASS) {
      ClassLiteral *c = parse_alloc(p, sizeof(ClassLiteral));
      c->scope = s;
      c->source_start = r->start;
      c->source_end = r->end;
      c->has_instance_fields = r->class_has_instance_fields;
      c->has_private_methods = r->class_has_private_methods;
      c->has_static_private_methods = r->class_has_static_private_methods;
      s->class_lit = c;
      classes[i] = c;
    }
    scopes[i] = s;
    /* the function, built the first time one of its scopes is met (its outer already was) */
    FunctionLiteral *f = NULL;
    if (r->fn >= 0) {
      f = fns[r->fn];
      if (!f) {
        const SnapFn *sf = &snap->fns[r->fn];
        f = parse_alloc(p, sizeof(FunctionLiteral));
        f->kind = sf->kind;
        f->flags = sf->flags;
        f->source_start = sf->start;
        f->source_end = sf->end;
        f->function_literal_id = UINT32_MAX;
        f->outer = sf->outer >= 0 ? fns[sf->outer] : NULL;
        if (sf->name) f->name = parse_intern(p, sf->name, sf->name_length);
        if (sf->class_scope >= 0) f->class_lit = classes[sf->class_scope];
        fns[r->fn] = f;
      }
      if (r->type == SCOPE_FUNCTION || r->type == SCOPE_SCRIPT || r->type == SCOPE_MODULE || r->type == SCOPE_EVAL) {
        f->scope = s;
        if (!f->body_scope) f->body_scope = s;
      } else if (r->type == SCOPE_BODY) {
        f->body_scope = s;
      }
    }
    s->function = f;
    sa_storage.fn = f;
    for (uint32_t j = 0; j < r->var_count; j++) {
      const SnapVar *sv = &snap->vars[r->var_first + j];
      Variable *v = add_var(&sa_storage, s, parse_intern(p, sv->name, sv->length), (VarMode)sv->mode, sv->decl_pos);
      v->location = sv->location;
      v->index = sv->index;
      v->needs_tdz = sv->needs_tdz;
      v->is_used = sv->is_used;
      v->maybe_assigned = sv->maybe_assigned;
      v->captured = sv->captured;
      v->is_static_private = sv->is_static_private;
      if (f) {
        switch (sv->special) {
        case SNAP_THIS: f->this_var = v; break;
        case SNAP_NEW_TARGET: f->new_target_var = v; break;
        case SNAP_HOME: f->home_object_var = v; break;
        case SNAP_THIS_FN: f->this_function_var = v; break;
        case SNAP_ARGUMENTS: f->arguments_var = v; break;
        case SNAP_SELF: f->self_var = v; break;
        default: break;
        }
      }
      if (r->type == SCOPE_CLASS && sv->mode == VAR_CLASS_NAME) {
        classes[i]->class_var = v;
        classes[i]->name = v->name;
      }
    }
    if (s->context_slot_count) {
      s->context_vars = parse_alloc(p, sizeof(Variable *) * s->context_slot_count);
      memset(s->context_vars, 0, sizeof(Variable *) * s->context_slot_count);
      for (Variable *v = s->vars; v; v = v->next)
        if (v->location == LOC_CONTEXT && v->index >= 0 && (uint32_t)v->index < s->context_slot_count)
          s->context_vars[v->index] = v;
    }
    outer = s;
  }
  *innermost_fn = outer ? outer->function : NULL;
  *program = n ? scopes[chain[n - 1]]->function : NULL;
  return outer;
}

/* Scope analysis of one function parsed alone, inside synthesized outer scopes: the same three
 * passes as scopes_analyze, restricted to f. */
void scopes_analyze_function(Parser *p, FunctionLiteral *f, Scope *outer, FunctionLiteral *outer_fn) {
  SA sa_storage;
  SA *sa = &sa_storage;
  memset(sa, 0, sizeof *sa);
  sa->p = p;
  sa->n_arguments = p->kw_names[KW_ARGUMENTS];
  sa->n_this = p->kw_names[KW_THIS];
  sa->n_new_target = parse_intern_ascii(p, "new.target");
  sa->n_home = parse_intern_ascii(p, ".home_object");
  sa->n_this_fn = parse_intern_ascii(p, ".this_function");
  sa->n_default = parse_intern_ascii(p, "*default*");
  sa->n_default_name_ = p->kw_names[KW_DEFAULT];
  sa->fn = outer_fn;
  sa->scope = outer;
  visit_function(sa, f);
  apply_annexb(sa);
  resolve_refs(sa);
  allocate_scope(sa, f->scope);
  for (uint32_t i = 0; i < sa->ref_count; i++) {
    AstNode *r = sa->refs[i];
    if (r->u.ref.kind != REF_VARIABLE || !r->u.ref.var) continue;
    uint8_t loc = r->u.ref.var->location;
    if (loc == LOC_GLOBAL) r->u.ref.kind = REF_GLOBAL;
    else if (loc == LOC_LOOKUP) r->u.ref.kind = REF_DYNAMIC;
  }
}
