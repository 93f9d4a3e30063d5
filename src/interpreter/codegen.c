/*
 * The bytecode generator (codegen.h). One FnGen per function being compiled; expressions leave
 * their value in the accumulator; temporaries are registers above the function's variables,
 * released in stack order. Control flow that leaves a construct (break, continue, return,
 * exceptions) walks the ControlScope stack: contexts are popped, iterators closed, and `finally`
 * blocks run through a token register (V8's approach).
 */
#include "interpreter/codegen.h"
#include "interpreter/compiler.h"
#include "interpreter/bytecode-builder.h"
#include "interpreter/interp-runtime.h"
#include "interpreter/disassembler.h"
#include "execution/flags.h"
#include "execution/realm.h"
#include "heap/fixed-array.h"
#include "objects/bigint.h"
#include "objects/names.h"
#include "objects/string.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct CodeGen {
  Isolate *iso;
  const CodegenInput *in;
  int depth;
  bool failed; /* an exception is pending */
  Value lazy_unit; /* Foreign owning in->parse once a function was left uncompiled (lazy) */
} CodeGen;

typedef enum {
  CTRL_BREAKABLE, /* labeled statement or switch: break target */
  CTRL_LOOP,      /* break and continue target */
  CTRL_CONTEXT,   /* a pushed context: popped on exit (saved context in reg) */
  CTRL_FINALLY,   /* try-finally: jumps out go through the finally block */
  CTRL_ITERATOR,  /* for-of: leaving closes the iterator (reg) */
  CTRL_DESTRUCTURE, /* array destructuring (a generator return at a yield inside it): leaving
                       closes the iterator (reg) unless it is done (result_reg) */
} CtrlKind;

typedef struct DeferredCmd {
  int kind; /* 0 break, 1 continue, 2 return */
  struct ControlScope *target;
} DeferredCmd;

typedef struct ControlScope {
  struct ControlScope *outer;
  CtrlKind kind;
  AstNode *node;         /* the statement (loops/breakables) */
  AstNode *labels[8];    /* labeled statements wrapping a loop */
  int nlabels;
  int break_label, continue_label;
  int reg;               /* CTRL_CONTEXT: saved context; CTRL_ITERATOR: iterator; CTRL_FINALLY: token */
  int result_reg;        /* CTRL_FINALLY */
  int finally_label;
  DeferredCmd cmds[32];
  int ncmds;
} ControlScope;

typedef struct ScopeInfoCache {
  Scope *scope;
  int const_index;
} ScopeInfoCache;

typedef struct FnGen {
  CodeGen *cg;
  struct FnGen *parent;
  FunctionLiteral *fn;
  BytecodeBuilder b;
  Scope *scope;            /* current scope (for context depths) */
  ControlScope *ctrl;
  int loop_depth;
  int result_reg;          /* completion value register of script/eval code, or 0 */
  int gen_reg;             /* generator object register, or 0 */
  int switch_insn;         /* SwitchOnGeneratorState instruction index */
  bool is_async;           /* async function or async generator (async.c) */
  PT_VEC(int) resume_labels;
  ScopeInfoCache si_cache[64];
  int nsi;
  bool strict;
  bool strict_region;      /* strict code inside a sloppy function: a class's heritage and
                              computed keys (stores that follow the frame's mode avoided) */
  /* derived constructors: every return jumps to one epilogue outside all try ranges, which
   * checks the value (a catch in the constructor must not see that TypeError) */
  int derived_ret_reg, derived_ret_label;
  int using_cap;           /* register of the innermost `using` scope's dispose capability, or 0 */
  int chain_nil[64];
  int chain_depth;
  int module_hoist;        /* FN_MODULE: 1 hoists only functions bound outside registers (the
                              instantiation call), 2 only those in registers (evaluation) */
} FnGen;

static Value gen_function(CodeGen *cg, FnGen *parent, FunctionLiteral *fn);
static void visit(FnGen *g, AstNode *n);
static void visit_stmt(FnGen *g, AstNode *n);
static void visit_stmts(FnGen *g, AstNodeList *l);
static void visit_stmts_plain(FnGen *g, AstNodeList *l);
static void emit_return(FnGen *g);
static void emit_await(FnGen *g);
static void emit_async_function_settle(FnGen *g, int runtime_id);
static void emit_async_iterator_close(FnGen *g, int iter);
static void visit_yield_star_async(FnGen *g, AstNode *n);

/* ---- errors ---- */

static void cg_fail(FnGen *g, ErrorKind kind, const char *msg) {
  if (g->cg->failed) return;
  g->cg->failed = true;
  rt_throw(g->cg->iso, kind, "%s", msg);
}
/* A construct the generator does not support yet. Deliberately not a SyntaxError: the program is
 * valid, and a SyntaxError would make test262's negative syntax tests pass by accident. */
#define NOT_IMPLEMENTED(g, what) cg_fail((g), ERR_ERROR, what " is not implemented yet")

/* ---- constants ---- */

static Value ast_str_value(FnGen *g, const AstString *s) {
  Isolate *iso = g->cg->iso;
  Value v = str_new_utf16(iso, s->chars, s->length);
  if (v == VAL_EXCEPTION) {
    g->cg->failed = true;
    return VAL_UNDEFINED;
  }
  v = str_intern(iso, v);
  if (v == VAL_EXCEPTION) {
    g->cg->failed = true;
    return VAL_UNDEFINED;
  }
  return v;
}
/* A constant-pool index for an internalized string. */
static int const_str(FnGen *g, const AstString *s) { return bb_const(&g->b, ast_str_value(g, s)); }
static int const_cstr(FnGen *g, const char *s) {
  Value v = str_intern_cstr(g->cg->iso, s);
  if (v == VAL_EXCEPTION) g->cg->failed = true;
  return bb_const(&g->b, v);
}
/* A constant-pool index for a property key (canonical: "1" becomes the index 1). */
static int const_key(FnGen *g, const AstString *s) {
  Value v = ast_str_value(g, s);
  Value k = key_from_string(g->cg->iso, v);
  if (k == VAL_EXCEPTION) {
    g->cg->failed = true;
    k = v;
  }
  return bb_const(&g->b, k);
}
static bool key_is_index_like(const AstString *s) {
  if (s->length == 0 || s->length > 10) return false;
  if (s->length > 1 && s->chars[0] == '0') return false;
  for (uint32_t i = 0; i < s->length; i++)
    if (s->chars[i] < '0' || s->chars[i] > '9') return false;
  return true;
}

/* ---- registers ---- */

static int reg_mark(FnGen *g) { return g->b.next_reg; }
static void reg_release(FnGen *g, int mark) { g->b.next_reg = mark; }
static int new_reg(FnGen *g) { return bb_reg(bb_alloc_reg(&g->b)); }
static int new_regs(FnGen *g, int n) { return bb_reg(bb_alloc_regs(&g->b, n)); }
/* Register operand of the i-th register in a list starting at operand `first`. */
static int reg_at(int first, int i) { return first - i; }

#define EMIT(g, ...) bb_emit(&(g)->b, __VA_ARGS__)

static void emit_star(FnGen *g, int reg) { EMIT(g, BC_Star, reg); }
static void emit_ldar(FnGen *g, int reg) { EMIT(g, BC_Ldar, reg); }
static void emit_mov(FnGen *g, int from, int to) {
  if (from != to) EMIT(g, BC_Mov, from, to);
}
static void emit_smi(FnGen *g, int32_t v) {
  if (v == 0)
    EMIT(g, BC_LdaZero);
  else
    EMIT(g, BC_LdaSmi, v);
}
static void emit_runtime(FnGen *g, RuntimeId id, int first_reg, int count) {
  EMIT(g, BC_CallRuntime, (int32_t)id, count ? first_reg : bb_reg(0), count);
}

/* ---- positions ---- */

static uint32_t src_len(FnGen *g) { return g->cg->in->parse ? (uint32_t)-1 : 0; }
static void expr_pos(FnGen *g, uint32_t pos) { bb_set_expr_pos(&g->b, (int32_t)(pos + g->cg->in->source_base)); }
static void stmt_pos(FnGen *g, uint32_t pos) { bb_set_stmt_pos(&g->b, (int32_t)(pos + g->cg->in->source_base)); }

/* The position of a binary operator: the first non-blank character after the left operand. */
static uint32_t operator_pos(FnGen *g, AstNode *left, AstNode *whole) {
  PT_UNUSED(src_len);
  Value src = g->cg->in->source;
  uint32_t p = left->end + g->cg->in->source_base;
  uint32_t limit = whole->end + g->cg->in->source_base;
  if (!val_is_string(src)) return left->end;
  Value flat = str_flatten(g->cg->iso, src);
  if (flat == VAL_EXCEPTION) {
    isolate_take_exception(g->cg->iso);
    return left->end;
  }
  uint32_t len = str_length(flat);
  while (p < limit && p < len) {
    uint16_t c = str_char_at(flat, p);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')') {
      p++;
      continue;
    }
    if (c == '/' && p + 1 < len && str_char_at(flat, p + 1) == '*') {
      p += 2;
      while (p + 1 < len && !(str_char_at(flat, p) == '*' && str_char_at(flat, p + 1) == '/')) p++;
      p += 2;
      continue;
    }
    if (c == '/' && p + 1 < len && str_char_at(flat, p + 1) == '/') {
      while (p < len && str_char_at(flat, p) != '\n') p++;
      continue;
    }
    break;
  }
  return p - g->cg->in->source_base;
}

/* ---- scope infos and contexts ---- */

static int scope_info_const(FnGen *g, Scope *s) {
  for (int i = 0; i < g->nsi; i++)
    if (g->si_cache[i].scope == s) return g->si_cache[i].const_index;
  Isolate *iso = g->cg->iso;
  ScopeInfoType t = SCOPE_TYPE_BLOCK;
  uint32_t flags = s->is_strict ? SCOPE_INFO_STRICT : 0;
  switch (s->type) {
  case SCOPE_SCRIPT: t = SCOPE_TYPE_SCRIPT; break;
  case SCOPE_EVAL: t = SCOPE_TYPE_EVAL; break;
  case SCOPE_FUNCTION:
  case SCOPE_BODY: t = SCOPE_TYPE_FUNCTION; flags |= SCOPE_INFO_FUNCTION; break;
  case SCOPE_CATCH: t = SCOPE_TYPE_CATCH; break;
  case SCOPE_WITH: t = SCOPE_TYPE_WITH; break;
  case SCOPE_CLASS: t = SCOPE_TYPE_CLASS; break;
  default: break;
  }
  if (s->is_declaration_scope) flags |= SCOPE_INFO_DECLARATION;
  if (s->type == SCOPE_FUNCTION && s->function && s->function->kind == FN_ARROW) flags |= SCOPE_INFO_ARROW;
  if (s->type == SCOPE_FUNCTION && s->function && s->function->body_scope && s->function->body_scope != s)
    flags |= SCOPE_INFO_PARAMS;
  Value si = scope_info_new(iso, t, (int)s->context_slot_count, flags);
  if (si == VAL_EXCEPTION) {
    g->cg->failed = true;
    return 0;
  }
  for (uint32_t i = 0; i < s->context_slot_count; i++) {
    Variable *v = s->context_vars ? s->context_vars[i] : NULL;
    if (!v) continue;
    Value name = ast_str_value(g, v->name);
    int mode = SLOT_MODE_VAR;
    if (v->mode == VAR_CONST || v->mode == VAR_CLASS_NAME || v->mode == VAR_USING) mode = SLOT_MODE_CONST;
    else if (v->mode == VAR_LET || v->mode == VAR_CLASS) mode = SLOT_MODE_LET;
    else if (v->mode == VAR_FUNCTION_NAME) mode = SLOT_MODE_SLOPPY_CONST;
    ScopeInfo *p = scope_info_of(si);
    WRITE_FIELD(p, p->entries[2 * i], name);
    p->entries[2 * i + 1] = val_from_int(mode);
  }
  int idx = bb_const(&g->b, si);
  if (g->nsi < (int)PT_ARRAY_LEN(g->si_cache)) {
    g->si_cache[g->nsi].scope = s;
    g->si_cache[g->nsi].const_index = idx;
    g->nsi++;
  }
  return idx;
}

static ControlScope *push_ctrl(FnGen *g, ControlScope *c, CtrlKind kind) {
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->outer = g->ctrl;
  c->break_label = c->continue_label = -1;
  g->ctrl = c;
  return c;
}
static void pop_ctrl(FnGen *g, ControlScope *c) { g->ctrl = c->outer; }

/* Enters a block-like scope: pushes its context when it needs one. Returns the saved-context
 * register or 0 when no context was pushed. */
static int enter_block_scope(FnGen *g, Scope *s, ControlScope *c) {
  if (!s) return 0;
  int saved = 0;
  if (s->needs_context) {
    int si = scope_info_const(g, s);
    EMIT(g, BC_CreateBlockContext, si);
    saved = new_reg(g);
    EMIT(g, BC_PushContext, saved);
    push_ctrl(g, c, CTRL_CONTEXT)->reg = saved;
  }
  g->scope = s;
  return saved;
}
static void leave_block_scope(FnGen *g, Scope *s, int saved, ControlScope *c) {
  if (!s) return;
  if (saved) {
    EMIT(g, BC_PopContext, saved);
    pop_ctrl(g, c);
  }
  g->scope = s->outer;
}

/* ---- variables ---- */

static int context_depth(FnGen *g, Scope *var_scope) { return (int)scope_context_depth(g->scope, var_scope); }

/* Reads must check for the hole: lexical TDZ, and parameters of a non-simple parameter list
 * while later parameters' initializers run (f(a = b, b)). */
static bool var_needs_hole_check(Variable *v) {
  if (v->needs_tdz) return true;
  return v->mode == VAR_PARAM && v->scope && v->scope->function &&
         !(v->scope->function->flags & FNF_SIMPLE_PARAMS);
}

static bool var_is_const(Variable *v) {
  return v->mode == VAR_CONST || v->mode == VAR_CLASS_NAME || v->mode == VAR_USING;
}

static void emit_hole_check(FnGen *g, Variable *v) {
  if (v->mode == VAR_THIS)
    EMIT(g, BC_ThrowSuperNotCalledIfHole);
  else
    EMIT(g, BC_ThrowReferenceErrorIfHole, const_str(g, v->name));
}

/* Module bindings (src/modules/module.h): cell index > 0 is local export cell index-1, < 0 import
 * -index-1; depth counts the contexts up to the module's own context, whose extension is the
 * module record. */
static int module_cell_index(Variable *v) {
  return v->location == LOC_MODULE_EXPORT ? v->index + 1 : -(v->index + 1);
}
static int module_depth(FnGen *g) {
  return (int)scope_context_depth(g->scope, g->cg->in->parse->program->scope);
}

static void load_var_raw(FnGen *g, Variable *v, bool inside_typeof) {
  switch (v->location) {
  case LOC_PARAMETER: emit_ldar(g, bc_reg_param(v->index + 1)); break;
  case LOC_LOCAL: emit_ldar(g, bb_reg(v->index)); break;
  case LOC_RECEIVER: emit_ldar(g, bc_reg_param(0)); break;
  case LOC_CONTEXT: {
    int d = context_depth(g, v->scope);
    if (d == 0)
      EMIT(g, BC_LdaCurrentContextSlot, v->index + CONTEXT_HEADER);
    else
      EMIT(g, BC_LdaContextSlot, BC_REG_CONTEXT, v->index + CONTEXT_HEADER, d);
    break;
  }
  case LOC_GLOBAL:
    EMIT(g, inside_typeof ? BC_LdaGlobalInsideTypeof : BC_LdaGlobal, const_str(g, v->name), bb_slot(&g->b));
    break;
  case LOC_LOOKUP:
    EMIT(g, inside_typeof ? BC_LdaLookupSlotInsideTypeof : BC_LdaLookupSlot, const_str(g, v->name));
    break;
  case LOC_MODULE_EXPORT: case LOC_MODULE_IMPORT:
    EMIT(g, BC_LdaModuleVariable, module_cell_index(v), module_depth(g));
    break;
  default: NOT_IMPLEMENTED(g, "this kind of variable"); break;
  }
}

static void load_var(FnGen *g, Variable *v, bool inside_typeof) {
  load_var_raw(g, v, inside_typeof);
  if ((var_needs_hole_check(v) || v->location == LOC_MODULE_IMPORT) && v->location != LOC_GLOBAL &&
      v->location != LOC_LOOKUP)
    emit_hole_check(g, v);
}

/* Initializes a script-scope lexical binding (past its TDZ) with the accumulator. */
static void emit_init_script_lexical(FnGen *g, const AstString *name) {
  int m = reg_mark(g);
  int r = new_regs(g, 2);
  emit_star(g, reg_at(r, 1));
  EMIT(g, BC_LdaConstant, const_str(g, name));
  emit_star(g, r);
  emit_runtime(g, RT_InitializeScriptLexical, r, 2);
  emit_ldar(g, reg_at(r, 1));
  reg_release(g, m);
}

/* Stores the accumulator (which is preserved) into v. init: the declaration's initialization
 * (no TDZ or const check). */
static void store_var_raw(FnGen *g, Variable *v, bool init) {
  switch (v->location) {
  case LOC_PARAMETER: emit_star(g, bc_reg_param(v->index + 1)); break;
  case LOC_LOCAL: emit_star(g, bb_reg(v->index)); break;
  case LOC_RECEIVER: emit_star(g, bc_reg_param(0)); break;
  case LOC_CONTEXT: {
    int d = context_depth(g, v->scope);
    if (d == 0)
      EMIT(g, BC_StaCurrentContextSlot, v->index + CONTEXT_HEADER);
    else
      EMIT(g, BC_StaContextSlot, BC_REG_CONTEXT, v->index + CONTEXT_HEADER, d);
    break;
  }
  case LOC_GLOBAL:
    if (init && v->mode != VAR_VAR && v->mode != VAR_FUNCTION) {
      emit_init_script_lexical(g, v->name);
    } else if (g->strict_region) {
      EMIT(g, BC_StaLookupSlot, const_str(g, v->name), 1);
    } else {
      EMIT(g, BC_StaGlobal, const_str(g, v->name), bb_slot(&g->b));
    }
    break;
  case LOC_LOOKUP: EMIT(g, BC_StaLookupSlot, const_str(g, v->name), g->strict ? 1 : 0); break;
  case LOC_MODULE_EXPORT: EMIT(g, BC_StaModuleVariable, module_cell_index(v), module_depth(g)); break;
  default: NOT_IMPLEMENTED(g, "this kind of variable"); break;
  }
}

static void store_var(FnGen *g, Variable *v, bool init) {
  if (init) {
    store_var_raw(g, v, true);
    return;
  }
  bool local_loc = v->location != LOC_GLOBAL && v->location != LOC_LOOKUP;
  if (v->location == LOC_MODULE_IMPORT) {
    /* an import binding is immutable; reading it first gives a TDZ error precedence */
    int m = reg_mark(g);
    int t = new_reg(g);
    emit_star(g, t);
    load_var(g, v, false);
    emit_runtime(g, RT_ThrowConstAssignError, 0, 0);
    reg_release(g, m);
    return;
  }
  if (v->mode == VAR_FUNCTION_NAME && local_loc) {
    if (g->strict) emit_runtime(g, RT_ThrowConstAssignError, 0, 0);
    return; /* sloppy: silently ignored */
  }
  if (local_loc && (var_needs_hole_check(v) || var_is_const(v))) {
    int m = reg_mark(g);
    int t = new_reg(g);
    emit_star(g, t);
    if (var_needs_hole_check(v)) {
      load_var_raw(g, v, false);
      emit_hole_check(g, v);
    }
    if (var_is_const(v)) {
      emit_runtime(g, RT_ThrowConstAssignError, 0, 0);
    }
    emit_ldar(g, t);
    reg_release(g, m);
  }
  store_var_raw(g, v, false);
}

/* Loads an identifier reference. */
static void load_ref(FnGen *g, AstNode *ref, bool inside_typeof) {
  switch (ref->u.ref.kind) {
  case REF_VARIABLE: load_var(g, ref->u.ref.var, inside_typeof); break;
  case REF_GLOBAL:
    if (ref->kind == AST_THIS) {
      /* top-level this: the receiver of the script function; an arrow's own receiver is
       * whatever its caller passed and eval code is called with undefined, so they ask for the
       * realm's global this */
      if (g->cg->in->parse->program->kind == FN_MODULE)
        EMIT(g, BC_LdaUndefined); /* a module's this is undefined */
      else if (g->fn->kind != FN_SCRIPT)
        emit_runtime(g, RT_GetGlobalThis, 0, 0);
      else
        emit_ldar(g, bc_reg_param(0));
      break;
    }
    if (!inside_typeof) expr_pos(g, ref->start); /* where a ReferenceError points */
    EMIT(g, inside_typeof ? BC_LdaGlobalInsideTypeof : BC_LdaGlobal, const_str(g, ref->u.ref.name), bb_slot(&g->b));
    break;
  case REF_DYNAMIC:
    if (!inside_typeof) expr_pos(g, ref->start);
    EMIT(g, inside_typeof ? BC_LdaLookupSlotInsideTypeof : BC_LdaLookupSlot, const_str(g, ref->u.ref.name));
    break;
  default: cg_fail(g, ERR_SYNTAX, "unresolved reference"); break;
  }
}

static void store_ref(FnGen *g, AstNode *ref, bool init) {
  switch (ref->u.ref.kind) {
  case REF_VARIABLE: store_var(g, ref->u.ref.var, init); break;
  case REF_GLOBAL:
    if (init) {
      emit_init_script_lexical(g, ref->u.ref.name);
      break;
    }
    if (g->strict_region) { /* StaGlobal follows the frame's (sloppy) mode */
      EMIT(g, BC_StaLookupSlot, const_str(g, ref->u.ref.name), 1);
      break;
    }
    EMIT(g, BC_StaGlobal, const_str(g, ref->u.ref.name), bb_slot(&g->b));
    break;
  case REF_DYNAMIC: EMIT(g, BC_StaLookupSlot, const_str(g, ref->u.ref.name), g->strict ? 1 : 0); break;
  default: cg_fail(g, ERR_SYNTAX, "unresolved reference"); break;
  }
}

/* The register of a variable living in one, or 0. */
static int var_register(Variable *v) {
  if (var_needs_hole_check(v)) return 0;
  if (v->location == LOC_LOCAL) return bb_reg(v->index);
  if (v->location == LOC_PARAMETER) return bc_reg_param(v->index + 1);
  if (v->location == LOC_RECEIVER) return bc_reg_param(0);
  return 0;
}

/* Does evaluating n possibly assign a variable (so a register operand read earlier is stale)? */
static bool may_assign(AstNode *n, int depth) {
  if (!n) return false;
  if (depth > 6) return true;
  switch (n->kind) {
  case AST_NUMBER: case AST_STRING: case AST_NULL: case AST_TRUE: case AST_FALSE: case AST_THIS:
  case AST_IDENTIFIER: case AST_REGEXP: case AST_FUNCTION:
    return false;
  case AST_BINARY: case AST_LOGICAL:
    return may_assign(n->u.binary.left, depth + 1) || may_assign(n->u.binary.right, depth + 1);
  case AST_UNARY: return n->u.unary.op == OP_DELETE || may_assign(n->u.unary.operand, depth + 1);
  case AST_MEMBER:
    return may_assign(n->u.member.object, depth + 1) ||
           (n->u.member.member_kind == MEMBER_COMPUTED && may_assign(n->u.member.key, depth + 1));
  case AST_CONDITIONAL:
    return may_assign(n->u.cond.cond, depth + 1) || may_assign(n->u.cond.then, depth + 1) ||
           may_assign(n->u.cond.otherwise, depth + 1);
  default: return true;
  }
}

/* Evaluates n into a register (the variable's own register when that is safe). */
static int visit_to_reg(FnGen *g, AstNode *n, AstNode *later) {
  if (n->kind == AST_IDENTIFIER && n->u.ref.kind == REF_VARIABLE) {
    int r = var_register(n->u.ref.var);
    if (r && !may_assign(later, 0)) return r;
  }
  visit(g, n);
  int r = new_reg(g);
  emit_star(g, r);
  return r;
}

/* ---- function names at run time (computed keys) ---- */

static bool is_anonymous_fn(AstNode *n) {
  if (!n) return false;
  if (n->kind == AST_FUNCTION) return !n->u.func->name && !n->u.func->inferred_name;
  if (n->kind == AST_CLASS) return !n->u.cls->name && !n->u.cls->inferred_name;
  return false;
}
static void emit_set_function_name(FnGen *g, int fn_reg, int key_reg, int prefix) {
  int m = reg_mark(g);
  int r = new_regs(g, 3);
  emit_mov(g, fn_reg, r);
  emit_mov(g, key_reg, reg_at(r, 1));
  emit_smi(g, prefix);
  emit_star(g, reg_at(r, 2));
  emit_runtime(g, RT_SetFunctionName, r, 3);
  reg_release(g, m);
}

/* ---- expressions ---- */

static Value gen_lazy_function(FnGen *g, FunctionLiteral *fn);
static bool fn_can_be_lazy(CodeGen *cg, FunctionLiteral *fn);

static void visit_function_literal(FnGen *g, FunctionLiteral *fn) {
  Value sfi = fn_can_be_lazy(g->cg, fn) ? gen_lazy_function(g, fn) : gen_function(g->cg, g, fn);
  if (sfi == VAL_EXCEPTION) {
    g->cg->failed = true;
    return;
  }
  int idx = bb_const_unique(&g->b, sfi);
  EMIT(g, BC_CreateClosure, idx, bb_slot(&g->b), 0);
}

static void visit_class(FnGen *g, ClassLiteral *cls, uint32_t pos);
static void visit_call(FnGen *g, AstNode *n, int chain_nil_label);
static void assign_to(FnGen *g, AstNode *target, bool init, int value_reg);

static Bytecode binop_bytecode(int op) {
  switch (op) {
  case OP_ADD: return BC_Add;
  case OP_SUB: return BC_Sub;
  case OP_MUL: return BC_Mul;
  case OP_DIV: return BC_Div;
  case OP_MOD: return BC_Mod;
  case OP_EXP: return BC_Exp;
  case OP_SHL: return BC_ShiftLeft;
  case OP_SAR: return BC_ShiftRight;
  case OP_SHR: return BC_ShiftRightLogical;
  case OP_BIT_AND: return BC_BitwiseAnd;
  case OP_BIT_OR: return BC_BitwiseOr;
  case OP_BIT_XOR: return BC_BitwiseXor;
  case OP_EQ: case OP_NE: return BC_TestEqual;
  case OP_STRICT_EQ: case OP_STRICT_NE: return BC_TestEqualStrict;
  case OP_LT: return BC_TestLessThan;
  case OP_GT: return BC_TestGreaterThan;
  case OP_LE: return BC_TestLessThanOrEqual;
  case OP_GE: return BC_TestGreaterThanOrEqual;
  case OP_IN: return BC_TestIn;
  case OP_INSTANCEOF: return BC_TestInstanceOf;
  default: return BC_COUNT;
  }
}

static bool smi_literal(AstNode *n, int32_t *out) {
  if (n->kind != AST_NUMBER) return false;
  double d = n->u.number;
  if (d >= -2147483648.0 && d <= 2147483647.0 && (double)(int32_t)d == d && !(d == 0 && 1 / d < 0)) {
    *out = (int32_t)d;
    return true;
  }
  return false;
}

static void visit_binary(FnGen *g, AstNode *n) {
  int op = n->u.binary.op;
  Bytecode bc = binop_bytecode(op);
  if (bc == BC_COUNT) {
    cg_fail(g, ERR_SYNTAX, "unknown binary operator");
    return;
  }
  int m = reg_mark(g);
  int32_t imm;
  int slot = bb_slot(&g->b);
  uint32_t opos = operator_pos(g, n->u.binary.left, n);
  if (bc <= BC_ShiftRightLogical && bc >= BC_Add && smi_literal(n->u.binary.right, &imm)) {
    visit(g, n->u.binary.left);
    expr_pos(g, opos);
    EMIT(g, (Bytecode)(bc - BC_Add + BC_AddSmi), imm, slot);
    reg_release(g, m);
    return;
  }
  int r = visit_to_reg(g, n->u.binary.left, n->u.binary.right);
  visit(g, n->u.binary.right);
  expr_pos(g, opos);
  if (bc == BC_TestIn)
    EMIT(g, BC_TestIn, r, slot);
  else
    EMIT(g, bc, r, slot);
  if (op == OP_NE || op == OP_STRICT_NE) EMIT(g, BC_LogicalNot);
  reg_release(g, m);
}

static void visit_logical(FnGen *g, int op, AstNode *left, AstNode *right) {
  int end = bb_new_label(&g->b);
  visit(g, left);
  if (op == OP_AND) {
    bb_jump(&g->b, BC_JumpIfToBooleanFalse, end);
  } else if (op == OP_OR) {
    bb_jump(&g->b, BC_JumpIfToBooleanTrue, end);
  } else {
    int rhs = bb_new_label(&g->b);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, rhs);
    bb_jump(&g->b, BC_Jump, end);
    bb_bind(&g->b, rhs);
  }
  visit(g, right);
  bb_bind(&g->b, end);
}

static void visit_template(FnGen *g, AstNode *n) {
  uint32_t q = n->u.tmpl.quasi_count;
  int m = reg_mark(g);
  if (!n->u.tmpl.cooked[0]) {
    cg_fail(g, ERR_SYNTAX, "Invalid escape sequence in template");
    return;
  }
  EMIT(g, BC_LdaConstant, const_str(g, n->u.tmpl.cooked[0]));
  if (q == 1) return;
  int r = new_reg(g);
  for (uint32_t i = 0; i + 1 < q; i++) {
    emit_star(g, r);
    visit(g, n->u.tmpl.exprs[i]);
    EMIT(g, BC_ToString);
    EMIT(g, BC_Add, r, bb_slot(&g->b));
    if (n->u.tmpl.cooked[i + 1]->length) {
      emit_star(g, r);
      EMIT(g, BC_LdaConstant, const_str(g, n->u.tmpl.cooked[i + 1]));
      EMIT(g, BC_Add, r, bb_slot(&g->b));
    }
  }
  reg_release(g, m);
}

static void visit_array_literal(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  EMIT(g, BC_CreateEmptyArrayLiteral, bb_slot(&g->b));
  int arr = new_reg(g);
  emit_star(g, arr);
  int idx = new_reg(g);
  bool dynamic_index = false;
  int32_t i = 0;
  int slot = bb_slot(&g->b);
  for (uint32_t k = 0; k < n->u.list.count; k++) {
    AstNode *e = n->u.list.items[k];
    if (!e) {
      if (dynamic_index) {
        emit_ldar(g, idx);
        EMIT(g, BC_Inc, bb_slot(&g->b));
        emit_star(g, idx);
      } else {
        i++;
      }
      continue;
    }
    if (e->kind == AST_SPREAD) {
      if (!dynamic_index) {
        /* A hole before: make the length right before appending. */
        if (i > 0) {
          emit_smi(g, i);
          EMIT(g, BC_SetNamedProperty, arr, const_cstr(g, "length"), bb_slot(&g->b));
        }
      } else {
        emit_ldar(g, idx);
        EMIT(g, BC_SetNamedProperty, arr, const_cstr(g, "length"), bb_slot(&g->b));
      }
      int r = new_regs(g, 2);
      emit_mov(g, arr, r);
      visit(g, e->u.unary.operand);
      emit_star(g, reg_at(r, 1));
      emit_runtime(g, RT_AppendSpread, r, 2);
      EMIT(g, BC_GetNamedProperty, arr, const_cstr(g, "length"), bb_slot(&g->b));
      emit_star(g, idx);
      dynamic_index = true;
      continue;
    }
    if (!dynamic_index) {
      emit_smi(g, i);
      emit_star(g, idx);
    }
    visit(g, e);
    EMIT(g, BC_StaInArrayLiteral, arr, idx, slot);
    if (dynamic_index) {
      emit_ldar(g, idx);
      EMIT(g, BC_Inc, bb_slot(&g->b));
      emit_star(g, idx);
    } else {
      i++;
    }
  }
  /* Trailing holes. */
  if (n->u.list.count && !n->u.list.items[n->u.list.count - 1]) {
    if (dynamic_index)
      emit_ldar(g, idx);
    else
      emit_smi(g, i);
    EMIT(g, BC_SetNamedProperty, arr, const_cstr(g, "length"), bb_slot(&g->b));
  }
  emit_ldar(g, arr);
  reg_release(g, m);
}

/* Loads a property key (of an object literal / class member) into the accumulator. */
static void load_prop_key(FnGen *g, int key_kind, AstString *name, double number, AstNode *key) {
  if (key_kind == KEY_COMPUTED) {
    visit(g, key);
    EMIT(g, BC_ToName);
  } else if (key_kind == KEY_NUMBER && !name) {
    Value k = key_from_index(0);
    if (number >= 0 && number <= 4294967294.0 && (double)(uint32_t)number == number)
      k = key_from_index((uint32_t)number);
    else {
      Value s = rt_number_to_string(g->cg->iso, number, 10);
      k = s == VAL_EXCEPTION ? s : key_from_string(g->cg->iso, str_intern(g->cg->iso, s));
      if (k == VAL_EXCEPTION) g->cg->failed = true;
    }
    EMIT(g, BC_LdaConstant, bb_const(&g->b, k));
  } else {
    EMIT(g, BC_LdaConstant, const_key(g, name));
  }
}

static void emit_set_home_object(FnGen *g, int fn_reg, int home_reg) {
  int m = reg_mark(g);
  int r = new_regs(g, 2);
  emit_mov(g, fn_reg, r);
  emit_mov(g, home_reg, reg_at(r, 1));
  emit_runtime(g, RT_SetHomeObject, r, 2);
  reg_release(g, m);
}

static void visit_object_literal(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  EMIT(g, BC_CreateEmptyObjectLiteral);
  int obj = new_reg(g);
  emit_star(g, obj);
  for (uint32_t k = 0; k < n->u.list.count; k++) {
    AstNode *p = n->u.list.items[k];
    int pm = reg_mark(g);
    int kind = p->u.prop.kind;
    if (kind == PROP_SPREAD) {
      int r = new_regs(g, 2);
      emit_mov(g, obj, r);
      visit(g, p->u.prop.value);
      emit_star(g, reg_at(r, 1));
      emit_runtime(g, RT_CopyDataProperties, r, 2);
    } else if (kind == PROP_PROTO) {
      int r = new_regs(g, 2);
      emit_mov(g, obj, r);
      visit(g, p->u.prop.value);
      emit_star(g, reg_at(r, 1));
      emit_runtime(g, RT_SetPrototypeFromLiteral, r, 2);
    } else if (kind == PROP_INIT && p->u.prop.key_kind == KEY_NAMED && !key_is_index_like(p->u.prop.key_name)) {
      visit(g, p->u.prop.value);
      EMIT(g, BC_DefineNamedOwnProperty, obj, const_key(g, p->u.prop.key_name), bb_slot(&g->b));
    } else if (kind == PROP_INIT || kind == PROP_METHOD) {
      int key = new_reg(g);
      load_prop_key(g, p->u.prop.key_kind, p->u.prop.key_name, p->u.prop.key_number, p->u.prop.key);
      emit_star(g, key);
      visit(g, p->u.prop.value);
      bool needs_home = kind == PROP_METHOD && p->u.prop.value->kind == AST_FUNCTION &&
                        (p->u.prop.value->u.func->flags & FNF_USES_HOME_OBJECT);
      if (needs_home || (p->u.prop.key_kind == KEY_COMPUTED && (kind == PROP_METHOD || is_anonymous_fn(p->u.prop.value)))) {
        int v = new_reg(g);
        emit_star(g, v);
        if (needs_home) emit_set_home_object(g, v, obj);
        if (p->u.prop.key_kind == KEY_COMPUTED) emit_set_function_name(g, v, key, 0);
        emit_ldar(g, v);
      }
      EMIT(g, BC_DefineKeyedOwnPropertyInLiteral, obj, key, 0, bb_slot(&g->b));
    } else if (kind == PROP_GETTER || kind == PROP_SETTER) {
      int r = new_regs(g, 4);
      emit_mov(g, obj, r);
      load_prop_key(g, p->u.prop.key_kind, p->u.prop.key_name, p->u.prop.key_number, p->u.prop.key);
      emit_star(g, reg_at(r, 1));
      visit(g, p->u.prop.value);
      int fnr = reg_at(r, kind == PROP_GETTER ? 2 : 3);
      emit_star(g, fnr);
      EMIT(g, BC_LdaUndefined);
      emit_star(g, reg_at(r, kind == PROP_GETTER ? 3 : 2));
      if (p->u.prop.value->kind == AST_FUNCTION && (p->u.prop.value->u.func->flags & FNF_USES_HOME_OBJECT))
        emit_set_home_object(g, fnr, obj);
      if (p->u.prop.key_kind == KEY_COMPUTED) emit_set_function_name(g, fnr, reg_at(r, 1), kind == PROP_GETTER ? 1 : 2);
      emit_runtime(g, RT_DefineAccessor, r, 4);
    }
    reg_release(g, pm);
  }
  emit_ldar(g, obj);
  reg_release(g, m);
}

/* Loads the `this` of the closest non-arrow function (for super and derived constructors). */
static void load_function_this(FnGen *g) {
  FunctionLiteral *f = g->fn;
  while (f && f->kind == FN_ARROW) f = f->outer;
  if (f && f->this_var) {
    load_var(g, f->this_var, false);
    return;
  }
  if (f == g->fn && f->kind != FN_EVAL) {
    emit_ldar(g, bc_reg_param(0));
    return;
  }
  /* Not captured by name: look it up at run time (eval code and arrows see "this" that way:
   * a direct eval's code is called without the caller's receiver). */
  EMIT(g, BC_LdaLookupSlot, const_cstr(g, "this"));
}

/* The home object of the current method (for super), via the function or the enclosing one. */
static void load_home_object(FnGen *g) {
  FunctionLiteral *f = g->fn;
  while (f && f->kind == FN_ARROW) f = f->outer;
  if (f && f->home_object_var) {
    load_var(g, f->home_object_var, false);
    return;
  }
  /* The closure's own home object; arrows inherit their creator's (interp_new_closure). */
  emit_runtime(g, RT_GetHomeObject, 0, 0);
}

/* Super property load: super.x / super[x]; this_reg receives the receiver (this). */
static void visit_super_member(FnGen *g, AstNode *n, int this_reg) {
  int m = reg_mark(g);
  load_function_this(g);
  emit_star(g, this_reg);
  if (n->u.member.member_kind == MEMBER_NAMED) {
    load_home_object(g);
    expr_pos(g, n->start);
    EMIT(g, BC_GetNamedPropertyFromSuper, this_reg, const_key(g, n->u.member.name), bb_slot(&g->b));
  } else {
    int r = new_regs(g, 3);
    load_home_object(g);
    emit_star(g, r);
    visit(g, n->u.member.key);
    emit_star(g, reg_at(r, 1));
    emit_mov(g, this_reg, reg_at(r, 2));
    emit_runtime(g, RT_GetKeyedSuper, r, 3);
  }
  reg_release(g, m);
}

/* ---- references (assignment targets) ---- */

typedef enum { RK_VAR, RK_NAMED, RK_KEYED, RK_PRIVATE, RK_SUPER, RK_LOOKUP, RK_INVALID } RefKindGen;
typedef struct GenRef {
  RefKindGen kind;
  AstNode *node;
  int obj, key;  /* registers */
  int super_regs; /* RK_SUPER: [home, key, value, this] */
  int private_regs; /* RK_PRIVATE: [obj, symbol, value] */
  int lookup_regs; /* RK_LOOKUP: [base, name, value] */
} GenRef;

static void prepare_ref_ex(FnGen *g, AstNode *t, GenRef *r, bool convert_key, AstNode *later);
static void prepare_ref(FnGen *g, AstNode *t, GenRef *r, AstNode *later) {
  prepare_ref_ex(g, t, r, false, later);
}
/* convert_key: the reference is read and then written (compound assignment, ++): convert a
 * computed key once, after the base is known not to be null or undefined.
 * later: the expression evaluated between preparing the reference and storing through it (the
 * right-hand side, a destructuring default), or NULL. The base and key are captured before it
 * runs, so a variable's own register may stand in for them only if `later` cannot assign it. */
static void prepare_ref_ex(FnGen *g, AstNode *t, GenRef *r, bool convert_key, AstNode *later) {
  memset(r, 0, sizeof *r);
  r->node = t;
  if (t->kind == AST_IDENTIFIER && t->u.ref.kind == REF_DYNAMIC) {
    /* a dynamic name (with, sloppy eval): resolve the binding before the right-hand side runs */
    r->kind = RK_LOOKUP;
    r->lookup_regs = new_regs(g, 3);
    EMIT(g, BC_LdaConstant, const_str(g, t->u.ref.name));
    emit_star(g, reg_at(r->lookup_regs, 1));
    emit_runtime(g, RT_ResolveLookupRef, reg_at(r->lookup_regs, 1), 1);
    emit_star(g, r->lookup_regs);
    return;
  }
  if (t->kind == AST_IDENTIFIER) {
    r->kind = RK_VAR;
    return;
  }
  if (t->kind == AST_SUPER_MEMBER) {
    r->kind = RK_SUPER;
    r->super_regs = new_regs(g, 4);
    /* SuperProperty: `this` is read (and checked), the key expression runs, then
     * MakeSuperPropertyReference takes the base (GetSuperBase: the home object's prototype);
     * ToPropertyKey comes last: here for a read-modify-write, in RT_SetSuper for a plain store
     * (after the right-hand side) */
    load_function_this(g);
    emit_star(g, reg_at(r->super_regs, 3));
    bool keyed = t->u.member.member_kind != MEMBER_NAMED;
    if (keyed)
      visit(g, t->u.member.key);
    else
      EMIT(g, BC_LdaConstant, const_key(g, t->u.member.name));
    emit_star(g, reg_at(r->super_regs, 1));
    load_home_object(g);
    emit_star(g, r->super_regs);
    emit_runtime(g, RT_GetSuperBase, r->super_regs, 1);
    emit_star(g, r->super_regs);
    if (keyed && convert_key) {
      emit_ldar(g, reg_at(r->super_regs, 1));
      EMIT(g, BC_ToName);
      emit_star(g, reg_at(r->super_regs, 1));
    }
    return;
  }
  if (t->kind == AST_CALL) {
    /* Annex B (the parser allows it only in sloppy code): the call runs, then a ReferenceError */
    r->kind = RK_INVALID;
    visit(g, t);
    emit_runtime(g, RT_ThrowInvalidCallTarget, 0, 0);
    return;
  }
  if (t->kind != AST_MEMBER) {
    cg_fail(g, ERR_SYNTAX, "Invalid left-hand side in assignment");
    return;
  }
  if (t->u.member.member_kind == MEMBER_PRIVATE) {
    r->kind = RK_PRIVATE;
    r->private_regs = new_regs(g, 3);
    visit(g, t->u.member.object);
    emit_star(g, r->private_regs);
    load_ref(g, t->u.member.key, false);
    emit_star(g, reg_at(r->private_regs, 1));
    return;
  }
  if (t->u.member.member_kind == MEMBER_NAMED) {
    r->kind = RK_NAMED;
    r->obj = visit_to_reg(g, t->u.member.object, later);
    return;
  }
  r->kind = RK_KEYED;
  r->obj = visit_to_reg(g, t->u.member.object,
                        may_assign(later, 0) ? later : t->u.member.key);
  if (convert_key) {
    int skip = bb_new_label(&g->b);
    r->key = new_reg(g);
    visit(g, t->u.member.key);
    emit_star(g, r->key);
    emit_ldar(g, r->obj);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, skip);
    emit_ldar(g, r->key);
    EMIT(g, BC_ToName);
    emit_star(g, r->key);
    bb_bind(&g->b, skip);
  } else {
    r->key = visit_to_reg(g, t->u.member.key, later);
  }
}

static void load_ref_value(FnGen *g, GenRef *r) {
  AstNode *t = r->node;
  switch (r->kind) {
  case RK_VAR: load_ref(g, t, false); break;
  case RK_NAMED:
    expr_pos(g, t->end - t->u.member.name->length);
    EMIT(g, BC_GetNamedProperty, r->obj, const_key(g, t->u.member.name), bb_slot(&g->b));
    break;
  case RK_KEYED:
    emit_ldar(g, r->key);
    EMIT(g, BC_GetKeyedProperty, r->obj, bb_slot(&g->b));
    break;
  case RK_PRIVATE: emit_runtime(g, RT_LoadPrivate, r->private_regs, 2); break;
  case RK_SUPER: emit_runtime(g, RT_GetSuperProperty, r->super_regs, 4); break;
  case RK_LOOKUP:
    expr_pos(g, t->start);
    emit_runtime(g, RT_LoadLookupRef, r->lookup_regs, 2);
    break;
  case RK_INVALID: break; /* unreachable: prepare_ref_ex threw */
  }
}

/* A property store in strict code that runs in a sloppy function's frame (a class's heritage
 * and computed keys): the store bytecodes follow the frame's mode, so this goes through the
 * runtime in strict mode. name NULL: the key is in key_reg, else the named key `name`. The
 * value is in the accumulator and stays there. */
static void emit_strict_region_store(FnGen *g, int obj, int key_reg, AstString *name) {
  int m = reg_mark(g);
  int r = new_regs(g, 3);
  emit_star(g, reg_at(r, 2));
  emit_mov(g, obj, r);
  if (!name) {
    emit_mov(g, key_reg, reg_at(r, 1));
  } else {
    EMIT(g, BC_LdaConstant, const_key(g, name));
    emit_star(g, reg_at(r, 1));
  }
  emit_runtime(g, RT_SetPropertyStrict, r, 3);
  reg_release(g, m);
}

static void store_ref_value(FnGen *g, GenRef *r, bool init) {
  AstNode *t = r->node;
  switch (r->kind) {
  case RK_VAR: store_ref(g, t, init); break;
  case RK_NAMED:
    expr_pos(g, t->end - t->u.member.name->length);
    if (g->strict_region) {
      emit_strict_region_store(g, r->obj, 0, t->u.member.name);
      break;
    }
    EMIT(g, BC_SetNamedProperty, r->obj, const_key(g, t->u.member.name), bb_slot(&g->b));
    break;
  case RK_KEYED:
    if (g->strict_region) {
      emit_strict_region_store(g, r->obj, r->key, NULL);
      break;
    }
    EMIT(g, BC_SetKeyedProperty, r->obj, r->key, bb_slot(&g->b));
    break;
  case RK_PRIVATE:
    emit_star(g, reg_at(r->private_regs, 2));
    emit_runtime(g, RT_StorePrivate, r->private_regs, 3);
    break;
  case RK_SUPER:
    emit_star(g, reg_at(r->super_regs, 2));
    emit_runtime(g, RT_SetSuper, r->super_regs, 4);
    break;
  case RK_LOOKUP:
    emit_star(g, reg_at(r->lookup_regs, 2));
    emit_runtime(g, RT_StoreLookupRef, r->lookup_regs, 3);
    break;
  case RK_INVALID: break;
  }
}

static void visit_assign(FnGen *g, AstNode *n) {
  int op = n->u.assign.op;
  AstNode *t = n->u.assign.target;
  int m = reg_mark(g);
  if (op == OP_ASSIGN && (t->kind == AST_OBJECT_PATTERN || t->kind == AST_ARRAY_PATTERN)) {
    visit(g, n->u.assign.value);
    int v = new_reg(g);
    emit_star(g, v);
    assign_to(g, t, false, v);
    emit_ldar(g, v);
    reg_release(g, m);
    return;
  }
  GenRef ref;
  prepare_ref_ex(g, t, &ref, op != OP_ASSIGN, n->u.assign.value);
  if (op == OP_ASSIGN) {
    visit(g, n->u.assign.value);
    store_ref_value(g, &ref, false);
  } else if (op == OP_AND || op == OP_OR || op == OP_NULLISH) {
    int end = bb_new_label(&g->b);
    load_ref_value(g, &ref);
    if (op == OP_AND) {
      bb_jump(&g->b, BC_JumpIfToBooleanFalse, end);
    } else if (op == OP_OR) {
      bb_jump(&g->b, BC_JumpIfToBooleanTrue, end);
    } else {
      int rhs = bb_new_label(&g->b);
      bb_jump(&g->b, BC_JumpIfUndefinedOrNull, rhs);
      bb_jump(&g->b, BC_Jump, end);
      bb_bind(&g->b, rhs);
    }
    visit(g, n->u.assign.value);
    store_ref_value(g, &ref, false);
    bb_bind(&g->b, end);
  } else {
    Bytecode bc = binop_bytecode(op);
    int slot = bb_slot(&g->b);
    load_ref_value(g, &ref);
    int old = new_reg(g);
    emit_star(g, old);
    visit(g, n->u.assign.value);
    expr_pos(g, operator_pos(g, t, n));
    EMIT(g, bc, old, slot);
    store_ref_value(g, &ref, false);
  }
  reg_release(g, m);
}

static void visit_update_ex(FnGen *g, AstNode *n, bool value_unused);
static void visit_update(FnGen *g, AstNode *n) { visit_update_ex(g, n, false); }
static void visit_update_ex(FnGen *g, AstNode *n, bool value_unused) {
  int m = reg_mark(g);
  bool prefix = n->u.update.prefix || value_unused;
  GenRef ref;
  prepare_ref_ex(g, n->u.update.target, &ref, true, NULL);
  load_ref_value(g, &ref);
  int slot = bb_slot(&g->b);
  int old = 0;
  if (!prefix) {
    EMIT(g, BC_ToNumeric, slot);
    old = new_reg(g);
    emit_star(g, old);
  }
  EMIT(g, n->u.update.op == OP_INC ? BC_Inc : BC_Dec, slot);
  store_ref_value(g, &ref, false);
  if (!prefix) emit_ldar(g, old);
  reg_release(g, m);
}

static void visit_unary(FnGen *g, AstNode *n) {
  AstNode *o = n->u.unary.operand;
  int m = reg_mark(g);
  switch (n->u.unary.op) {
  case OP_NEG: {
    int32_t imm;
    if (o->kind == AST_NUMBER && smi_literal(o, &imm) && imm != 0) {
      emit_smi(g, -imm); /* -1 is a literal, as V8 folds it */
      break;
    }
    visit(g, o);
    EMIT(g, BC_Negate, bb_slot(&g->b));
    break;
  }
  case OP_PLUS: visit(g, o); EMIT(g, BC_ToNumber, bb_slot(&g->b)); break;
  case OP_NOT: visit(g, o); EMIT(g, BC_ToBooleanLogicalNot); break;
  case OP_BIT_NOT: visit(g, o); EMIT(g, BC_BitwiseNot, bb_slot(&g->b)); break;
  case OP_VOID: visit(g, o); EMIT(g, BC_LdaUndefined); break;
  case OP_TYPEOF:
    if (o->kind == AST_IDENTIFIER)
      load_ref(g, o, true);
    else
      visit(g, o);
    EMIT(g, BC_TypeOf);
    break;
  case OP_DELETE:
    if (o->kind == AST_OPTIONAL_CHAIN && o->u.chain.expression->kind == AST_MEMBER &&
        o->u.chain.expression->u.member.member_kind != MEMBER_PRIVATE) {
      /* delete a?.b: deletes the property unless a link short-circuits (then true) */
      AstNode *mem = o->u.chain.expression;
      int nil = bb_new_label(&g->b), end = bb_new_label(&g->b);
      if (g->chain_depth >= (int)PT_ARRAY_LEN(g->chain_nil)) {
        cg_fail(g, ERR_RANGE, "Maximum call stack size exceeded");
        break;
      }
      g->chain_nil[g->chain_depth++] = nil;
      int obj = visit_to_reg(g, mem->u.member.object, NULL);
      if (mem->u.member.optional) {
        emit_ldar(g, obj);
        bb_jump(&g->b, BC_JumpIfUndefinedOrNull, nil);
      }
      g->chain_depth--;
      if (mem->u.member.member_kind == MEMBER_NAMED)
        EMIT(g, BC_LdaConstant, const_key(g, mem->u.member.name));
      else
        visit(g, mem->u.member.key);
      EMIT(g, g->strict ? BC_DeletePropertyStrict : BC_DeletePropertySloppy, obj);
      bb_jump(&g->b, BC_Jump, end);
      bb_bind(&g->b, nil);
      EMIT(g, BC_LdaTrue);
      bb_bind(&g->b, end);
    } else if (o->kind == AST_MEMBER && o->u.member.member_kind != MEMBER_PRIVATE) {
      int obj = visit_to_reg(g, o->u.member.object, NULL);
      if (o->u.member.member_kind == MEMBER_NAMED)
        EMIT(g, BC_LdaConstant, const_key(g, o->u.member.name));
      else
        visit(g, o->u.member.key);
      EMIT(g, g->strict ? BC_DeletePropertyStrict : BC_DeletePropertySloppy, obj);
    } else if (o->kind == AST_SUPER_MEMBER) {
      /* the super reference is evaluated (this binding, then the key expression) before
       * delete throws */
      load_function_this(g);
      if (o->u.member.member_kind != MEMBER_NAMED) visit(g, o->u.member.key);
      int r = new_reg(g);
      EMIT(g, BC_LdaConstant, const_cstr(g, "Unsupported reference to 'super'"));
      emit_star(g, r);
      emit_runtime(g, RT_ThrowReferenceError, r, 1);
    } else if (o->kind == AST_IDENTIFIER) {
      Variable *v = o->u.ref.kind == REF_VARIABLE ? o->u.ref.var : NULL;
      if (v && v->location != LOC_GLOBAL && v->location != LOC_LOOKUP) {
        EMIT(g, BC_LdaFalse);
      } else {
        int r = new_reg(g);
        EMIT(g, BC_LdaConstant, const_str(g, o->u.ref.name));
        emit_star(g, r);
        emit_runtime(g, RT_DeleteLookupSlot, r, 1);
      }
    } else {
      visit(g, o);
      EMIT(g, BC_LdaTrue);
    }
    break;
  default: cg_fail(g, ERR_SYNTAX, "unknown unary operator"); break;
  }
  reg_release(g, m);
}

/* The short-circuit target of the innermost optional chain being generated. */
#define chain_nil() (g->chain_depth > 0 ? g->chain_nil[g->chain_depth - 1] : -1)

static void visit_member(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  int obj = visit_to_reg(g, n->u.member.object, n->u.member.member_kind == MEMBER_COMPUTED ? n->u.member.key : NULL);
  if (n->u.member.optional && chain_nil() >= 0) {
    emit_ldar(g, obj);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, chain_nil());
  }
  if (n->u.member.member_kind == MEMBER_NAMED) {
    expr_pos(g, n->end - n->u.member.name->length);
    EMIT(g, BC_GetNamedProperty, obj, const_key(g, n->u.member.name), bb_slot(&g->b));
  } else if (n->u.member.member_kind == MEMBER_COMPUTED) {
    visit(g, n->u.member.key);
    expr_pos(g, n->u.member.key->start);
    EMIT(g, BC_GetKeyedProperty, obj, bb_slot(&g->b));
  } else {
    int r = new_regs(g, 2);
    emit_mov(g, obj, r);
    load_ref(g, n->u.member.key, false);
    emit_star(g, reg_at(r, 1));
    emit_runtime(g, RT_LoadPrivate, r, 2);
  }
  reg_release(g, m);
}

/* Evaluates call arguments into consecutive registers starting at `first`. */
static void visit_args(FnGen *g, AstNodeList *args, int first) {
  for (uint32_t i = 0; i < args->count; i++) {
    AstNode *a = args->items[i];
    visit(g, a->kind == AST_SPREAD ? a->u.unary.operand : a);
    emit_star(g, reg_at(first, (int)i));
  }
}

static void visit_array_literal(FnGen *g, AstNode *n);
/* For a call with spreads not only in last position: builds an array of all arguments. */
static bool spread_only_last(AstNodeList *args) {
  for (uint32_t i = 0; i + 1 < args->count; i++)
    if (args->items[i]->kind == AST_SPREAD) return false;
  return args->count > 0 && args->items[args->count - 1]->kind == AST_SPREAD;
}
static void visit_args_array(FnGen *g, AstNodeList *args) {
  AstNode fake;
  memset(&fake, 0, sizeof fake);
  fake.kind = AST_ARRAY;
  fake.u.list = *args;
  visit_array_literal(g, &fake);
}

static void load_new_target(FnGen *g) {
  FunctionLiteral *f = g->fn;
  while (f && f->kind == FN_ARROW) f = f->outer;
  if (f && f->new_target_var) {
    load_var(g, f->new_target_var, false);
    return;
  }
  /* The frame's new.target (an arrow finds its function's frame). */
  emit_runtime(g, RT_GetNewTarget, 0, 0);
}

static void store_function_this(FnGen *g) {
  FunctionLiteral *f = g->fn;
  while (f && f->kind == FN_ARROW) f = f->outer;
  if (f && f->this_var) {
    store_var(g, f->this_var, true);
    return;
  }
  emit_star(g, bc_reg_param(0));
}

static void visit_super_call(FnGen *g, AstNode *n) {
  FunctionLiteral *ctor = g->fn;
  while (ctor && ctor->kind == FN_ARROW) ctor = ctor->outer;
  /* direct eval code in a derived constructor (the parser allowed it): the constructor is
   * found at run time, and its this binding by name */
  bool in_eval = ctor && ctor->kind == FN_EVAL;
  if (!ctor || (ctor->kind != FN_DERIVED_CONSTRUCTOR && !in_eval)) {
    cg_fail(g, ERR_SYNTAX, "'super' keyword unexpected here");
    return;
  }
  bool in_arrow = ctor != g->fn || in_eval;
  int m = reg_mark(g);
  int active = new_reg(g);
  if (in_arrow)
    emit_runtime(g, RT_GetActiveFunction, 0, 0);
  else
    emit_ldar(g, BC_REG_CLOSURE);
  emit_star(g, active);
  int sup = new_reg(g);
  EMIT(g, BC_GetSuperConstructor, sup);
  AstNodeList *args = &n->u.call.args;
  bool spread = (n->flags & AST_FLAG_HAS_SPREAD) != 0;
  int argc = (int)args->count;
  int list;
  /* even a last-position spread is iterated here, before the constructor check below */
  if (spread) {
    list = new_reg(g);
    visit_args_array(g, args);
    emit_star(g, list);
    argc = 1;
  } else {
    list = new_regs(g, argc ? argc : 1);
    visit_args(g, args, list);
  }
  /* SuperCall: GetSuperConstructor, ArgumentListEvaluation, and only then IsConstructor */
  expr_pos(g, n->start);
  EMIT(g, BC_ThrowIfNotSuperConstructor, sup);
  load_new_target(g);
  EMIT(g, spread ? BC_ConstructWithSpread : BC_Construct, sup, list, argc, bb_slot(&g->b));
  int res = new_reg(g);
  emit_star(g, res);
  FunctionLiteral *f = ctor;
  if (in_eval) {
    emit_runtime(g, RT_BindThisAfterSuper, res, 1);
  } else {
    if (f->this_var) {
      load_var_raw(g, f->this_var, false);
      EMIT(g, BC_ThrowSuperAlreadyCalledIfNotHole);
    }
    emit_ldar(g, res);
    store_function_this(g);
  }
  if (in_eval || (f->class_lit && f->class_lit->has_instance_fields)) {
    int r = new_regs(g, 2);
    emit_mov(g, active, r);
    emit_mov(g, res, reg_at(r, 1));
    emit_runtime(g, RT_InitializeClassFields, r, 2);
  }
  emit_ldar(g, res);
  reg_release(g, m);
}

/* For a call whose callee is a property (a.b(), a[k](), a.#m(), and their optional forms inside a
 * chain): the object into `receiver`, the function into `rcallee`. Returns the source position
 * that names the call in errors (the property's). */
static uint32_t load_member_callee(FnGen *g, AstNode *callee, int receiver, int rcallee) {
  uint32_t pos = callee->start;
  visit(g, callee->u.member.object);
  emit_star(g, receiver);
  if (callee->u.member.optional && chain_nil() >= 0) bb_jump(&g->b, BC_JumpIfUndefinedOrNull, chain_nil());
  if (callee->u.member.member_kind == MEMBER_NAMED) {
    pos = callee->end - callee->u.member.name->length;
    expr_pos(g, pos);
    EMIT(g, BC_GetNamedProperty, receiver, const_key(g, callee->u.member.name), bb_slot(&g->b));
  } else if (callee->u.member.member_kind == MEMBER_COMPUTED) {
    visit(g, callee->u.member.key);
    EMIT(g, BC_GetKeyedProperty, receiver, bb_slot(&g->b));
    pos = callee->u.member.key->start;
  } else {
    int r = new_regs(g, 2);
    emit_mov(g, receiver, r);
    load_ref(g, callee->u.member.key, false);
    emit_star(g, reg_at(r, 1));
    emit_runtime(g, RT_LoadPrivate, r, 2);
  }
  emit_star(g, rcallee);
  return pos;
}

static void visit_call(FnGen *g, AstNode *n, int unused) {
  PT_UNUSED(unused);
  AstNode *callee = n->u.call.callee;
  AstNodeList *args = &n->u.call.args;
  int m = reg_mark(g);
  bool spread = (n->flags & AST_FLAG_HAS_SPREAD) != 0;
  bool direct_eval = (n->flags & AST_FLAG_DIRECT_EVAL) != 0;
  /* a direct eval with spread arguments gathers them into one array: its first element is the
   * source (EvaluateCall's "argList[0]" after ArgumentListEvaluation) */
  bool general_spread = spread && (!spread_only_last(args) || direct_eval);
  int argc = general_spread ? 1 : (int)args->count;
  int rcallee = new_reg(g);
  int list; /* receiver then arguments */
  bool has_receiver = false;
  uint32_t pos = callee->start;
  if (callee->kind == AST_MEMBER) {
    has_receiver = true;
    list = new_regs(g, argc + 1);
    pos = load_member_callee(g, callee, list, rcallee);
  } else if (callee->kind == AST_OPTIONAL_CHAIN && callee->u.chain.expression->kind == AST_MEMBER) {
    /* (a?.b)(): a parenthesized chain is still a property reference, so the call keeps the
     * receiver; a nullish link short-circuits the callee to undefined (and the call throws) */
    has_receiver = true;
    list = new_regs(g, argc + 1);
    int nil = bb_new_label(&g->b), end = bb_new_label(&g->b);
    if (g->chain_depth >= (int)PT_ARRAY_LEN(g->chain_nil)) {
      cg_fail(g, ERR_RANGE, "Maximum call stack size exceeded");
      return;
    }
    g->chain_nil[g->chain_depth++] = nil;
    pos = load_member_callee(g, callee->u.chain.expression, list, rcallee);
    g->chain_depth--;
    bb_jump(&g->b, BC_Jump, end);
    bb_bind(&g->b, nil);
    EMIT(g, BC_LdaUndefined);
    emit_star(g, rcallee);
    bb_bind(&g->b, end);
  } else if (callee->kind == AST_SUPER_MEMBER) {
    has_receiver = true;
    list = new_regs(g, argc + 1);
    visit_super_member(g, callee, list);
    emit_star(g, rcallee);
  } else if (callee->kind == AST_IDENTIFIER && callee->u.ref.kind == REF_DYNAMIC) {
    has_receiver = true;
    list = new_regs(g, argc + 1);
    int r = new_regs(g, 2);
    EMIT(g, BC_LdaConstant, const_str(g, callee->u.ref.name));
    emit_star(g, r);
    emit_runtime(g, RT_LoadLookupSlotForCall, r, 2);
    emit_star(g, rcallee);
    emit_mov(g, reg_at(r, 1), list);
  } else {
    visit(g, callee);
    emit_star(g, rcallee);
    list = new_regs(g, argc + (spread ? 1 : 0) + (argc ? 0 : 1));
    if (spread) {
      has_receiver = true;
      EMIT(g, BC_LdaUndefined);
      emit_star(g, list);
    }
  }
  if (n->u.call.optional && chain_nil() >= 0) {
    emit_ldar(g, rcallee);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, chain_nil());
  }
  int first_arg = has_receiver ? reg_at(list, 1) : list;
  if (general_spread) {
    visit_args_array(g, args);
    emit_star(g, first_arg);
  } else {
    visit_args(g, args, first_arg);
  }
  if (direct_eval) {
    int r = new_regs(g, 5);
    emit_mov(g, rcallee, r);
    if (argc > 0)
      emit_mov(g, first_arg, reg_at(r, 1));
    else {
      EMIT(g, BC_LdaUndefined);
      emit_star(g, reg_at(r, 1));
    }
    emit_mov(g, BC_REG_CLOSURE, reg_at(r, 2));
    emit_smi(g, g->strict ? 1 : 0);
    emit_star(g, reg_at(r, 3));
    emit_smi(g, general_spread ? 1 : 0);
    emit_star(g, reg_at(r, 4));
    expr_pos(g, pos); /* the eval origin of the code names this call's position */
    emit_runtime(g, RT_ResolveEval, r, 5);
    emit_star(g, rcallee);
  }
  expr_pos(g, pos);
  int slot = bb_slot(&g->b);
  if (spread) {
    EMIT(g, BC_CallWithSpread, rcallee, list, argc + 1, slot);
  } else if (has_receiver) {
    if (argc == 0)
      EMIT(g, BC_CallProperty0, rcallee, list, slot);
    else if (argc == 1)
      EMIT(g, BC_CallProperty1, rcallee, list, reg_at(list, 1), slot);
    else if (argc == 2)
      EMIT(g, BC_CallProperty2, rcallee, list, reg_at(list, 1), reg_at(list, 2), slot);
    else
      EMIT(g, callee->kind == AST_IDENTIFIER ? BC_CallAnyReceiver : BC_CallProperty, rcallee, list, argc + 1, slot);
  } else {
    if (argc == 0)
      EMIT(g, BC_CallUndefinedReceiver0, rcallee, slot);
    else if (argc == 1)
      EMIT(g, BC_CallUndefinedReceiver1, rcallee, list, slot);
    else if (argc == 2)
      EMIT(g, BC_CallUndefinedReceiver2, rcallee, list, reg_at(list, 1), slot);
    else
      EMIT(g, BC_CallUndefinedReceiver, rcallee, list, argc, slot);
  }
  reg_release(g, m);
}

static void visit_new(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  AstNodeList *args = &n->u.call.args;
  bool spread = (n->flags & AST_FLAG_HAS_SPREAD) != 0;
  int ctor = new_reg(g);
  visit(g, n->u.call.callee);
  emit_star(g, ctor);
  int argc = (int)args->count;
  int list;
  if (spread && !spread_only_last(args)) {
    list = new_reg(g);
    visit_args_array(g, args);
    emit_star(g, list);
    argc = 1;
  } else {
    list = new_regs(g, argc ? argc : 1);
    visit_args(g, args, list);
  }
  emit_ldar(g, ctor);
  expr_pos(g, n->start);
  EMIT(g, spread ? BC_ConstructWithSpread : BC_Construct, ctor, list, argc, bb_slot(&g->b));
  reg_release(g, m);
}

static void visit_tagged_template(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  AstNode *tag = n->u.tagged.tag;
  AstNode *t = n->u.tagged.tmpl;
  uint32_t q = t->u.tmpl.quasi_count;
  int argc = (int)q; /* template object + q-1 substitutions */
  int rcallee = new_reg(g);
  int list = new_regs(g, argc + 1);
  if (tag->kind == AST_MEMBER && tag->u.member.member_kind != MEMBER_PRIVATE) {
    visit(g, tag->u.member.object);
    emit_star(g, list);
    if (tag->u.member.member_kind == MEMBER_NAMED)
      EMIT(g, BC_GetNamedProperty, list, const_key(g, tag->u.member.name), bb_slot(&g->b));
    else {
      visit(g, tag->u.member.key);
      EMIT(g, BC_GetKeyedProperty, list, bb_slot(&g->b));
    }
  } else {
    visit(g, tag);
    emit_star(g, rcallee);
    EMIT(g, BC_LdaUndefined);
    emit_star(g, list);
    emit_ldar(g, rcallee);
  }
  emit_star(g, rcallee);
  /* The template object description: cooked strings then raw strings. */
  Value desc = feedback_vector_new(g->cg->iso, (int)(2 * q));
  if (desc == VAL_EXCEPTION) {
    g->cg->failed = true;
    return;
  }
  int didx = bb_const_unique(&g->b, desc);
  for (uint32_t i = 0; i < q; i++) {
    Value c = t->u.tmpl.cooked[i] ? ast_str_value(g, t->u.tmpl.cooked[i]) : VAL_UNDEFINED;
    Value r = ast_str_value(g, t->u.tmpl.raw[i]);
    FeedbackVector *d = (FeedbackVector *)val_to_ptr(desc);
    WRITE_FIELD(d, d->slots[i], c);
    WRITE_FIELD(d, d->slots[q + i], r);
  }
  EMIT(g, BC_GetTemplateObject, didx, bb_slot(&g->b));
  emit_star(g, reg_at(list, 1));
  for (uint32_t i = 0; i + 1 < q; i++) {
    visit(g, t->u.tmpl.exprs[i]);
    emit_star(g, reg_at(list, 2 + (int)i));
  }
  expr_pos(g, n->start);
  EMIT(g, BC_CallProperty, rcallee, list, argc + 1, bb_slot(&g->b));
  reg_release(g, m);
}

static void visit_chain(FnGen *g, AstNode *n) {
  int nil = bb_new_label(&g->b), end = bb_new_label(&g->b);
  if (g->chain_depth >= (int)PT_ARRAY_LEN(g->chain_nil)) {
    cg_fail(g, ERR_RANGE, "Maximum call stack size exceeded");
    return;
  }
  g->chain_nil[g->chain_depth++] = nil;
  visit(g, n->u.chain.expression);
  g->chain_depth--;
  bb_jump(&g->b, BC_Jump, end);
  bb_bind(&g->b, nil);
  EMIT(g, BC_LdaUndefined);
  bb_bind(&g->b, end);
}

static void visit_yield(FnGen *g, AstNode *n);
static void emit_throw_type_error_const(FnGen *g, const char *msg);

/* Evaluates n for its effects only (expression statements, for-loop updates). */
static void visit_effect(FnGen *g, AstNode *n) {
  if (n->kind == AST_UPDATE && !g->cg->failed) {
    visit_update_ex(g, n, true);
    return;
  }
  visit(g, n);
}

/* Jumps to label when the condition is false: a comparison is already a boolean. */
static void visit_jump_if_false(FnGen *g, AstNode *cond, int label) {
  visit(g, cond);
  bool boolean = false;
  if (cond->kind == AST_BINARY) {
    int op = cond->u.binary.op;
    boolean = op >= OP_EQ && op <= OP_INSTANCEOF;
  } else if (cond->kind == AST_UNARY && cond->u.unary.op == OP_NOT) {
    boolean = true;
  } else if (cond->kind == AST_TRUE || cond->kind == AST_FALSE) {
    boolean = true;
  }
  bb_jump(&g->b, boolean ? BC_JumpIfFalse : BC_JumpIfToBooleanFalse, label);
}

static void visit(FnGen *g, AstNode *n) {
  if (g->cg->failed) return;
  if (++g->cg->depth > 2000 || !isolate_check_stack(g->cg->iso)) {
    if (!g->cg->failed) {
      g->cg->failed = true;
      if (!isolate_has_exception(g->cg->iso)) rt_throw_range_error(g->cg->iso, "Maximum call stack size exceeded");
    }
    g->cg->depth--;
    return;
  }
  switch ((AstKind)n->kind) {
  case AST_NUMBER: {
    int32_t i;
    if (smi_literal(n, &i))
      emit_smi(g, i);
    else
      EMIT(g, BC_LdaConstant, bb_const(&g->b, val_from_double(n->u.number)));
    break;
  }
  case AST_STRING: EMIT(g, BC_LdaConstant, const_str(g, n->u.str)); break;
  case AST_TEMPLATE: visit_template(g, n); break;
  case AST_TAGGED_TEMPLATE: visit_tagged_template(g, n); break;
  case AST_REGEXP: {
    int flags = 0;
    AstString *f = n->u.regexp.flags;
    for (uint32_t i = 0; f && i < f->length; i++) {
      switch (f->chars[i]) {
      case 'g': flags |= 1; break;
      case 'i': flags |= 2; break;
      case 'm': flags |= 4; break;
      case 'y': flags |= 8; break;
      case 'u': flags |= 16; break;
      case 's': flags |= 32; break;
      case 'd': flags |= 128; break;
      case 'v': flags |= 256; break;
      default: break;
      }
    }
    EMIT(g, BC_CreateRegExpLiteral, const_str(g, n->u.regexp.pattern), bb_slot(&g->b), flags);
    break;
  }
  case AST_NULL: EMIT(g, BC_LdaNull); break;
  case AST_TRUE: EMIT(g, BC_LdaTrue); break;
  case AST_FALSE: EMIT(g, BC_LdaFalse); break;
  case AST_THIS: load_ref(g, n, false); break;
  case AST_IDENTIFIER: load_ref(g, n, false); break;
  case AST_ARRAY: visit_array_literal(g, n); break;
  case AST_OBJECT: visit_object_literal(g, n); break;
  case AST_FUNCTION: visit_function_literal(g, n->u.func); break;
  case AST_CLASS: visit_class(g, n->u.cls, n->start); break;
  case AST_UNARY: visit_unary(g, n); break;
  case AST_UPDATE: visit_update(g, n); break;
  case AST_BINARY: visit_binary(g, n); break;
  case AST_PRIVATE_IN: {
    int m = reg_mark(g);
    int r = new_regs(g, 2);
    visit(g, n->u.private_in.object);
    emit_star(g, r);
    load_ref(g, n->u.private_in.name, false);
    emit_star(g, reg_at(r, 1));
    emit_runtime(g, RT_HasPrivate, r, 2);
    reg_release(g, m);
    break;
  }
  case AST_LOGICAL: visit_logical(g, n->u.binary.op, n->u.binary.left, n->u.binary.right); break;
  case AST_CONDITIONAL: {
    int els = bb_new_label(&g->b), end = bb_new_label(&g->b);
    visit_jump_if_false(g, n->u.cond.cond, els);
    visit(g, n->u.cond.then);
    bb_jump(&g->b, BC_Jump, end);
    bb_bind(&g->b, els);
    visit(g, n->u.cond.otherwise);
    bb_bind(&g->b, end);
    break;
  }
  case AST_ASSIGN: visit_assign(g, n); break;
  case AST_SEQUENCE:
    for (uint32_t i = 0; i < n->u.list.count; i++) visit(g, n->u.list.items[i]);
    break;
  case AST_CALL: visit_call(g, n, -1); break;
  case AST_NEW: visit_new(g, n); break;
  case AST_MEMBER: visit_member(g, n); break;
  case AST_SUPER_MEMBER: {
    int m = reg_mark(g);
    visit_super_member(g, n, new_reg(g));
    reg_release(g, m);
    break;
  }
  case AST_SUPER_CALL: visit_super_call(g, n); break;
  case AST_OPTIONAL_CHAIN: visit_chain(g, n); break;
  case AST_YIELD: visit_yield(g, n); break;
  case AST_AWAIT:
    if (!g->is_async) {
      cg_fail(g, ERR_SYNTAX, "await is only valid in async functions");
      break;
    }
    visit(g, n->u.unary.operand);
    expr_pos(g, n->start);
    emit_await(g);
    break;
  case AST_NEW_TARGET:
    if (n->u.ref.kind == REF_VARIABLE || n->u.ref.kind == REF_DYNAMIC)
      load_ref(g, n, false);
    else
      load_new_target(g);
    break;
  case AST_IMPORT_CALL: {
    int m = reg_mark(g);
    int r = new_regs(g, 3);
    visit(g, n->u.import_call.specifier);
    emit_star(g, r);
    if (n->u.import_call.options)
      visit(g, n->u.import_call.options);
    else
      EMIT(g, BC_LdaUndefined);
    emit_star(g, reg_at(r, 1));
    emit_smi(g, n->u.import_call.phase);
    emit_star(g, reg_at(r, 2));
    expr_pos(g, n->start);
    emit_runtime(g, RT_DynamicImport, r, 3);
    reg_release(g, m);
    break;
  }
  case AST_IMPORT_META: {
    int m = reg_mark(g);
    int r = new_regs(g, 2);
    emit_mov(g, BC_REG_CONTEXT, r);
    emit_smi(g, module_depth(g));
    emit_star(g, reg_at(r, 1));
    emit_runtime(g, RT_GetImportMeta, r, 2);
    reg_release(g, m);
    break;
  }
  case AST_SPREAD: cg_fail(g, ERR_SYNTAX, "Unexpected spread"); break;
  case AST_BIGINT: {
    /* BigInts are immutable, so the literal's value can live in the constant pool. */
    Value v = bigint_parse_literal(g->cg->iso, n->u.bigint.digits->chars, n->u.bigint.digits->length);
    if (v == VAL_EXCEPTION) { /* too large: the RangeError is pending */
      g->cg->failed = true;
      break;
    }
    if (v == VAL_UNDEFINED) {
      cg_fail(g, ERR_SYNTAX, "Invalid BigInt literal");
      break;
    }
    EMIT(g, BC_LdaConstant, bb_const(&g->b, v));
    break;
  }
  default: cg_fail(g, ERR_SYNTAX, "unexpected node in expression"); break;
  }
  g->cg->depth--;
}

/* ---- destructuring ---- */

static void emit_throw_type_error_const(FnGen *g, const char *msg) {
  int m = reg_mark(g);
  int r = new_reg(g);
  EMIT(g, BC_LdaConstant, const_cstr(g, msg));
  emit_star(g, r);
  emit_runtime(g, RT_ThrowTypeError, r, 1);
  reg_release(g, m);
}

/* Calls iterator.next() and leaves the result's value in the accumulator, or undefined with
 * done_reg = true when the iterator is done. */
static void emit_iterator_step(FnGen *g, int iter, int next, int done_reg) {
  int undef = bb_new_label(&g->b), have = bb_new_label(&g->b), ok = bb_new_label(&g->b);
  int m = reg_mark(g);
  int res = new_reg(g);
  emit_ldar(g, done_reg);
  bb_jump(&g->b, BC_JumpIfTrue, undef);
  EMIT(g, BC_LdaTrue); /* a throwing next() leaves the iterator done: no close */
  emit_star(g, done_reg);
  EMIT(g, BC_CallProperty0, next, iter, bb_slot(&g->b));
  emit_star(g, res);
  bb_jump(&g->b, BC_JumpIfJSReceiver, ok);
  emit_runtime(g, RT_ThrowIteratorResultNotAnObject, res, 1);
  bb_bind(&g->b, ok);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "done"), bb_slot(&g->b));
  bb_jump(&g->b, BC_JumpIfToBooleanTrue, undef);
  EMIT(g, BC_LdaFalse);
  emit_star(g, done_reg);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
  bb_jump(&g->b, BC_Jump, have);
  bb_bind(&g->b, undef);
  EMIT(g, BC_LdaUndefined);
  bb_bind(&g->b, have);
  reg_release(g, m);
}

/* Whether a destructuring target is a reference evaluated before the value is read (a member,
 * or a name resolved at run time inside `with` or next to a sloppy eval): the spec evaluates
 * DestructuringAssignmentTarget / ResolveBinding before GetV or the iterator step. A plain
 * variable's resolution has no observable effect, so it is stored directly. */
static bool target_is_early_ref(const AstNode *t) {
  return t->kind == AST_MEMBER || t->kind == AST_SUPER_MEMBER ||
         (t->kind == AST_IDENTIFIER && t->u.ref.kind == REF_DYNAMIC);
}

static void assign_array_pattern(FnGen *g, AstNode *p, bool init, int value_reg) {
  int m = reg_mark(g);
  int iter = new_reg(g), next = new_reg(g), done = new_reg(g), ctx = new_reg(g);
  EMIT(g, BC_GetIterator, value_reg, bb_slot(&g->b), bb_slot(&g->b));
  emit_star(g, iter);
  EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "next"), bb_slot(&g->b));
  emit_star(g, next);
  EMIT(g, BC_LdaFalse);
  emit_star(g, done);
  emit_mov(g, BC_REG_CONTEXT, ctx);
  int try_start = bb_new_label(&g->b), try_end = bb_new_label(&g->b), handler = bb_new_label(&g->b);
  int after = bb_new_label(&g->b);
  bb_add_handler(&g->b, try_start, try_end, handler, ctx, 1);
  bb_bind(&g->b, try_start);
  ControlScope dc;
  push_ctrl(g, &dc, CTRL_DESTRUCTURE);
  dc.reg = iter;
  dc.result_reg = done;
  for (uint32_t i = 0; i < p->u.pattern.items.count; i++) {
    AstNode *t = p->u.pattern.items.items[i];
    int em = reg_mark(g);
    if (!t) {
      emit_iterator_step(g, iter, next, done);
      reg_release(g, em);
      continue;
    }
    /* A member target is evaluated before the iterator steps (and an error there closes it). */
    AstNode *target = t, *dflt = NULL;
    if (t->kind == AST_PATTERN_DEFAULT) {
      target = t->u.pdefault.target;
      dflt = t->u.pdefault.value;
    } else if (t->kind == AST_ASSIGN && t->u.assign.op == OP_ASSIGN) {
      target = t->u.assign.target;
      dflt = t->u.assign.value;
    }
    bool member = target_is_early_ref(target);
    GenRef ref;
    if (member) prepare_ref(g, target, &ref, dflt);
    emit_iterator_step(g, iter, next, done);
    int v = new_reg(g);
    emit_star(g, v);
    if (dflt) {
      int has = bb_new_label(&g->b);
      bb_jump(&g->b, BC_JumpIfNotUndefined, has);
      visit(g, dflt);
      emit_star(g, v);
      bb_bind(&g->b, has);
    }
    if (member) {
      emit_ldar(g, v);
      store_ref_value(g, &ref, false);
    } else {
      assign_to(g, target, init, v);
    }
    reg_release(g, em);
  }
  if (p->u.pattern.rest) {
    /* Collect the rest with the iterator's own next (IteratorStep until done). */
    int em = reg_mark(g);
    /* a member target is evaluated before the rest is collected */
    AstNode *rest = p->u.pattern.rest;
    bool rest_member = target_is_early_ref(rest);
    GenRef rest_ref;
    if (rest_member) prepare_ref(g, rest, &rest_ref, NULL);
    int arr = new_reg(g), idx = new_reg(g), v = new_reg(g);
    int loop = bb_new_label(&g->b), end = bb_new_label(&g->b);
    EMIT(g, BC_CreateEmptyArrayLiteral, bb_slot(&g->b));
    emit_star(g, arr);
    EMIT(g, BC_LdaZero);
    emit_star(g, idx);
    bb_bind(&g->b, loop);
    emit_iterator_step(g, iter, next, done);
    emit_star(g, v);
    emit_ldar(g, done);
    bb_jump(&g->b, BC_JumpIfTrue, end);
    emit_ldar(g, v);
    EMIT(g, BC_StaInArrayLiteral, arr, idx, bb_slot(&g->b));
    emit_ldar(g, idx);
    EMIT(g, BC_Inc, bb_slot(&g->b));
    emit_star(g, idx);
    bb_jump_loop(&g->b, loop, g->loop_depth);
    bb_bind(&g->b, end);
    if (rest_member) {
      emit_ldar(g, arr);
      store_ref_value(g, &rest_ref, false);
    } else {
      assign_to(g, rest, init, arr);
    }
    reg_release(g, em);
  }
  pop_ctrl(g, &dc);
  bb_bind(&g->b, try_end);
  emit_ldar(g, done);
  bb_jump(&g->b, BC_JumpIfTrue, after);
  emit_runtime(g, RT_IteratorClose, iter, 1);
  bb_jump(&g->b, BC_Jump, after);
  bb_bind(&g->b, handler);
  {
    int exc = new_reg(g);
    int rethrow = bb_new_label(&g->b);
    emit_star(g, exc);
    emit_ldar(g, done);
    bb_jump(&g->b, BC_JumpIfTrue, rethrow);
    emit_runtime(g, RT_IteratorCloseOnThrow, iter, 1);
    bb_bind(&g->b, rethrow);
    emit_ldar(g, exc);
    EMIT(g, BC_ReThrow);
  }
  bb_bind(&g->b, after);
  reg_release(g, m);
}

static void assign_object_pattern(FnGen *g, AstNode *p, bool init, int value_reg) {
  int m = reg_mark(g);
  int ok = bb_new_label(&g->b);
  uint32_t n = p->u.pattern.items.count;
  emit_ldar(g, value_reg);
  {
    int bad = bb_new_label(&g->b);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, bad);
    bb_jump(&g->b, BC_Jump, ok);
    bb_bind(&g->b, bad);
    emit_throw_type_error_const(g, "Cannot destructure value as it is undefined or null.");
  }
  bb_bind(&g->b, ok);
  /* With a rest element, keep the keys for CopyDataPropertiesExcluding: [target, source, keys...] */
  int rest_list = 0;
  if (p->u.pattern.rest) rest_list = new_regs(g, (int)n + 2);
  for (uint32_t i = 0; i < n; i++) {
    AstNode *pp = p->u.pattern.items.items[i];
    int em = reg_mark(g);
    int v = new_reg(g);
    /* A member target is evaluated after the property key and before the property is read. */
    AstNode *target = pp->u.pprop.value, *dflt = NULL;
    if (target->kind == AST_PATTERN_DEFAULT) {
      dflt = target->u.pdefault.value;
      target = target->u.pdefault.target;
    } else if (target->kind == AST_ASSIGN && target->u.assign.op == OP_ASSIGN) {
      dflt = target->u.assign.value;
      target = target->u.assign.target;
    }
    bool member = target_is_early_ref(target);
    bool named = pp->u.pprop.key_kind == KEY_NAMED && !key_is_index_like(pp->u.pprop.key_name) && !rest_list;
    int key = 0;
    if (!named) {
      key = rest_list ? reg_at(rest_list, 2 + (int)i) : new_reg(g);
      load_prop_key(g, pp->u.pprop.key_kind, pp->u.pprop.key_name, pp->u.pprop.key_number, pp->u.pprop.key);
      emit_star(g, key);
    }
    GenRef ref;
    if (member) prepare_ref(g, target, &ref, dflt);
    if (named) {
      EMIT(g, BC_GetNamedProperty, value_reg, const_key(g, pp->u.pprop.key_name), bb_slot(&g->b));
    } else {
      emit_ldar(g, key);
      EMIT(g, BC_GetKeyedProperty, value_reg, bb_slot(&g->b));
    }
    emit_star(g, v);
    if (member) {
      if (dflt) {
        int has = bb_new_label(&g->b);
        bb_jump(&g->b, BC_JumpIfNotUndefined, has);
        visit(g, dflt);
        emit_star(g, v);
        bb_bind(&g->b, has);
      }
      emit_ldar(g, v);
      store_ref_value(g, &ref, false);
    } else {
      assign_to(g, pp->u.pprop.value, init, v);
    }
    reg_release(g, em);
  }
  if (rest_list) {
    AstNode *rest = p->u.pattern.rest;
    bool rest_ref = target_is_early_ref(rest);
    GenRef ref;
    if (rest_ref) prepare_ref(g, rest, &ref, NULL);
    EMIT(g, BC_CreateEmptyObjectLiteral);
    emit_star(g, rest_list);
    emit_mov(g, value_reg, reg_at(rest_list, 1));
    emit_runtime(g, RT_CopyDataPropertiesExcluding, rest_list, (int)n + 2);
    if (rest_ref) {
      store_ref_value(g, &ref, false);
    } else {
      int v = new_reg(g);
      emit_star(g, v);
      assign_to(g, rest, init, v);
    }
  }
  reg_release(g, m);
}

/* Binds/assigns the value in value_reg to a target (identifier, member, pattern, default). */
static void assign_to(FnGen *g, AstNode *t, bool init, int value_reg) {
  if (g->cg->failed) return;
  if (!isolate_check_stack(g->cg->iso)) {
    g->cg->failed = true;
    return;
  }
  int m = reg_mark(g);
  switch (t->kind) {
  case AST_IDENTIFIER:
    emit_ldar(g, value_reg);
    store_ref(g, t, init);
    break;
  case AST_MEMBER:
  case AST_SUPER_MEMBER:
  case AST_CALL: {
    GenRef ref;
    prepare_ref(g, t, &ref, NULL);
    emit_ldar(g, value_reg);
    store_ref_value(g, &ref, false);
    break;
  }
  case AST_PATTERN_DEFAULT: {
    int v = new_reg(g);
    int has = bb_new_label(&g->b);
    emit_ldar(g, value_reg);
    emit_star(g, v);
    bb_jump(&g->b, BC_JumpIfNotUndefined, has);
    visit(g, t->u.pdefault.value);
    emit_star(g, v);
    bb_bind(&g->b, has);
    assign_to(g, t->u.pdefault.target, init, v);
    break;
  }
  case AST_ARRAY_PATTERN: assign_array_pattern(g, t, init, value_reg); break;
  case AST_OBJECT_PATTERN: assign_object_pattern(g, t, init, value_reg); break;
  case AST_ASSIGN:
    /* `[a = 1] = ...` in assignment patterns may come as an assignment node */
    if (t->u.assign.op == OP_ASSIGN) {
      int v = new_reg(g);
      int has = bb_new_label(&g->b);
      emit_ldar(g, value_reg);
      emit_star(g, v);
      bb_jump(&g->b, BC_JumpIfNotUndefined, has);
      visit(g, t->u.assign.value);
      emit_star(g, v);
      bb_bind(&g->b, has);
      assign_to(g, t->u.assign.target, init, v);
      break;
    }
    /* fall through */
  default: cg_fail(g, ERR_SYNTAX, "Invalid destructuring assignment target"); break;
  }
  reg_release(g, m);
}

/* ---- generators ---- */

/* Await (async.c): subscribes the frame's continuations to the value in the accumulator and
 * suspends; resumed, the accumulator holds the fulfillment value, or the rejection is thrown. */
static void emit_await(FnGen *g) {
  int m = reg_mark(g);
  int args = new_regs(g, 2);
  emit_star(g, reg_at(args, 1));
  emit_mov(g, g->gen_reg, args);
  emit_runtime(g, RT_AsyncAwait, args, 2);
  reg_release(g, m);
  int id = (int)g->resume_labels.len;
  int resume = bb_new_label(&g->b);
  if (!PT_VEC_PUSH(&g->resume_labels, resume)) {
    g->cg->failed = true;
    isolate_throw_oom(g->cg->iso);
    return;
  }
  EMIT(g, BC_SuspendGenerator, g->gen_reg, bb_reg(0), 0, id);
  bb_bind(&g->b, resume);
  EMIT(g, BC_ResumeGenerator, g->gen_reg, bb_reg(0), 0);
  m = reg_mark(g);
  int input = new_reg(g), mode = new_reg(g);
  int ok = bb_new_label(&g->b);
  emit_star(g, input);
  emit_runtime(g, RT_GeneratorGetResumeMode, g->gen_reg, 1);
  emit_star(g, mode);
  emit_smi(g, GEN_RESUME_THROW);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, ok);
  emit_ldar(g, input);
  EMIT(g, BC_Throw);
  bb_bind(&g->b, ok);
  emit_ldar(g, input);
  reg_release(g, m);
}

/* An async function's exit: resolves (or rejects) its promise with the accumulator and leaves the
 * promise in the accumulator for the Return that follows. */
static void emit_async_function_settle(FnGen *g, int runtime_id) {
  int m = reg_mark(g);
  int args = new_regs(g, 2);
  emit_star(g, reg_at(args, 1));
  emit_mov(g, g->gen_reg, args);
  emit_runtime(g, runtime_id, args, 2);
  reg_release(g, m);
}

/* Suspends with the value in the accumulator (already an iterator result when delegating) and
 * emits the resume point: afterwards the accumulator holds the sent value, or the code has
 * thrown / returned per the resume mode. */
static void emit_suspend(FnGen *g) {
  int id = (int)g->resume_labels.len;
  int resume = bb_new_label(&g->b);
  if (!PT_VEC_PUSH(&g->resume_labels, resume)) {
    g->cg->failed = true;
    isolate_throw_oom(g->cg->iso);
    return;
  }
  EMIT(g, BC_SuspendGenerator, g->gen_reg, bb_reg(0), 0, id);
  bb_bind(&g->b, resume);
  EMIT(g, BC_ResumeGenerator, g->gen_reg, bb_reg(0), 0);
  int m = reg_mark(g);
  int input = new_reg(g), mode = new_reg(g);
  emit_star(g, input);
  emit_runtime(g, RT_GeneratorGetResumeMode, g->gen_reg, 1);
  emit_star(g, mode);
  int not_return = bb_new_label(&g->b), not_throw = bb_new_label(&g->b);
  emit_smi(g, GEN_RESUME_RETURN);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_return);
  emit_ldar(g, input);
  if (g->is_async) emit_await(g); /* AsyncGeneratorUnwrapYieldResumption */
  emit_return(g);
  bb_bind(&g->b, not_return);
  emit_smi(g, GEN_RESUME_THROW);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_throw);
  emit_ldar(g, input);
  EMIT(g, BC_Throw);
  bb_bind(&g->b, not_throw);
  emit_ldar(g, input);
  reg_release(g, m);
}

static void visit_yield_star(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  int iter = new_reg(g), next = new_reg(g), input = new_reg(g), mode = new_reg(g), res = new_reg(g);
  int args = new_regs(g, 2);
  visit(g, n->u.yield.argument);
  emit_star(g, res);
  EMIT(g, BC_GetIterator, res, bb_slot(&g->b), bb_slot(&g->b));
  emit_star(g, iter);
  EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "next"), bb_slot(&g->b));
  emit_star(g, next);
  EMIT(g, BC_LdaUndefined);
  emit_star(g, input);
  emit_smi(g, GEN_RESUME_NEXT);
  emit_star(g, mode);
  int loop = bb_new_label(&g->b), done_label = bb_new_label(&g->b), check = bb_new_label(&g->b);
  int not_next = bb_new_label(&g->b), not_throw = bb_new_label(&g->b), end = bb_new_label(&g->b);
  bb_bind(&g->b, loop);
  emit_smi(g, GEN_RESUME_NEXT);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_next);
  EMIT(g, BC_CallProperty1, next, iter, input, bb_slot(&g->b));
  bb_jump(&g->b, BC_Jump, check);
  bb_bind(&g->b, not_next);
  emit_smi(g, GEN_RESUME_THROW);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_throw);
  {
    int has = bb_new_label(&g->b);
    int none = bb_new_label(&g->b);
    EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "throw"), bb_slot(&g->b));
    emit_star(g, res);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, none); /* GetMethod: null means absent too */
    bb_jump(&g->b, BC_Jump, has);
    bb_bind(&g->b, none);
    emit_runtime(g, RT_IteratorClose, iter, 1);
    emit_throw_type_error_const(g, "The iterator does not provide a 'throw' method");
    bb_bind(&g->b, has);
    EMIT(g, BC_CallProperty1, res, iter, input, bb_slot(&g->b));
    bb_jump(&g->b, BC_Jump, check);
  }
  bb_bind(&g->b, not_throw);
  {
    /* return */
    int has = bb_new_label(&g->b);
    EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "return"), bb_slot(&g->b));
    emit_star(g, res);
    int none = bb_new_label(&g->b);
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, none);
    bb_jump(&g->b, BC_Jump, has);
    bb_bind(&g->b, none);
    emit_ldar(g, input);
    emit_return(g);
    bb_bind(&g->b, has);
    EMIT(g, BC_CallProperty1, res, iter, input, bb_slot(&g->b));
  }
  bb_bind(&g->b, check);
  {
    int ok = bb_new_label(&g->b);
    emit_star(g, res);
    bb_jump(&g->b, BC_JumpIfJSReceiver, ok);
    emit_runtime(g, RT_ThrowIteratorResultNotAnObject, res, 1);
    bb_bind(&g->b, ok);
    EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "done"), bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfToBooleanTrue, done_label);
    emit_ldar(g, res);
    /* Suspend with the inner result object as is. */
    int id = (int)g->resume_labels.len;
    int resume = bb_new_label(&g->b);
    if (!PT_VEC_PUSH(&g->resume_labels, resume)) g->cg->failed = true;
    EMIT(g, BC_SuspendGenerator, g->gen_reg, bb_reg(0), 0, id);
    bb_bind(&g->b, resume);
    EMIT(g, BC_ResumeGenerator, g->gen_reg, bb_reg(0), 0);
    emit_star(g, input);
    emit_runtime(g, RT_GeneratorGetResumeMode, g->gen_reg, 1);
    emit_star(g, mode);
    bb_jump_loop(&g->b, loop, g->loop_depth);
  }
  bb_bind(&g->b, done_label);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
  emit_star(g, input);
  emit_smi(g, GEN_RESUME_RETURN);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, end);
  emit_ldar(g, input);
  emit_return(g);
  bb_bind(&g->b, end);
  emit_ldar(g, input);
  PT_UNUSED(args);
  reg_release(g, m);
}

/* Checks the iterator result in `res` is an object. */
static void emit_check_iter_result(FnGen *g, int res) {
  int ok = bb_new_label(&g->b);
  emit_ldar(g, res);
  bb_jump(&g->b, BC_JumpIfJSReceiver, ok);
  emit_runtime(g, RT_ThrowIteratorResultNotAnObject, res, 1);
  bb_bind(&g->b, ok);
}

/* yield* in an async generator (ECMA-262 15.5.5, generatorKind async): the inner iterator is an
 * async one (or wraps a sync one), each inner result is awaited, its value is yielded without a
 * further await, and a return resumption's value is awaited before it reaches the inner
 * iterator (AsyncGeneratorUnwrapYieldResumption; a rejection becomes a throw resumption). */
static void visit_yield_star_async(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  int iter = new_reg(g), next = new_reg(g), input = new_reg(g), mode = new_reg(g), res = new_reg(g);
  int method = new_reg(g), ctx = new_reg(g);
  visit(g, n->u.yield.argument);
  emit_star(g, res);
  emit_runtime(g, RT_GetAsyncIterator, res, 1);
  emit_star(g, iter);
  EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "next"), bb_slot(&g->b));
  emit_star(g, next);
  emit_mov(g, BC_REG_CONTEXT, ctx);
  EMIT(g, BC_LdaUndefined);
  emit_star(g, input);
  emit_smi(g, GEN_RESUME_NEXT);
  emit_star(g, mode);
  int loop = bb_new_label(&g->b), got = bb_new_label(&g->b), done_label = bb_new_label(&g->b);
  int yield_it = bb_new_label(&g->b), not_next = bb_new_label(&g->b), not_throw = bb_new_label(&g->b);
  bb_bind(&g->b, loop);
  emit_smi(g, GEN_RESUME_NEXT);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_next);
  EMIT(g, BC_CallProperty1, next, iter, input, bb_slot(&g->b));
  bb_jump(&g->b, BC_Jump, got);
  bb_bind(&g->b, not_next);
  emit_smi(g, GEN_RESUME_THROW);
  EMIT(g, BC_TestReferenceEqual, mode);
  bb_jump(&g->b, BC_JumpIfFalse, not_throw);
  {
    int none = bb_new_label(&g->b);
    EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "throw"), bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, none);
    emit_star(g, method);
    EMIT(g, BC_CallProperty1, method, iter, input, bb_slot(&g->b));
    bb_jump(&g->b, BC_Jump, got);
    bb_bind(&g->b, none);
    emit_async_iterator_close(g, iter);
    emit_throw_type_error_const(g, "The iterator does not provide a 'throw' method");
  }
  bb_bind(&g->b, not_throw);
  {
    /* return */
    int none = bb_new_label(&g->b), not_done = bb_new_label(&g->b);
    EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "return"), bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, none);
    emit_star(g, method);
    EMIT(g, BC_CallProperty1, method, iter, input, bb_slot(&g->b));
    emit_await(g);
    emit_star(g, res);
    emit_check_iter_result(g, res);
    EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "done"), bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfToBooleanFalse, not_done);
    EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
    emit_return(g);
    bb_bind(&g->b, not_done);
    bb_jump(&g->b, BC_Jump, yield_it);
    bb_bind(&g->b, none);
    emit_ldar(g, input);
    emit_await(g);
    emit_return(g);
  }
  bb_bind(&g->b, got);
  emit_await(g);
  emit_star(g, res);
  emit_check_iter_result(g, res);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "done"), bb_slot(&g->b));
  bb_jump(&g->b, BC_JumpIfToBooleanTrue, done_label);
  bb_bind(&g->b, yield_it);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
  emit_async_function_settle(g, RT_AsyncGeneratorYield);
  {
    int id = (int)g->resume_labels.len;
    int resume = bb_new_label(&g->b);
    if (!PT_VEC_PUSH(&g->resume_labels, resume)) g->cg->failed = true;
    EMIT(g, BC_SuspendGenerator, g->gen_reg, bb_reg(0), 0, id);
    bb_bind(&g->b, resume);
    EMIT(g, BC_ResumeGenerator, g->gen_reg, bb_reg(0), 0);
    emit_star(g, input);
    emit_runtime(g, RT_GeneratorGetResumeMode, g->gen_reg, 1);
    emit_star(g, mode);
    emit_smi(g, GEN_RESUME_RETURN);
    EMIT(g, BC_TestReferenceEqual, mode);
    int not_ret = bb_new_label(&g->b);
    bb_jump(&g->b, BC_JumpIfFalse, not_ret);
    int s2 = bb_new_label(&g->b), e2 = bb_new_label(&g->b), h2 = bb_new_label(&g->b);
    bb_add_handler(&g->b, s2, e2, h2, ctx, 1);
    bb_bind(&g->b, s2);
    emit_ldar(g, input);
    emit_await(g);
    emit_star(g, input);
    bb_bind(&g->b, e2);
    bb_jump(&g->b, BC_Jump, not_ret);
    bb_bind(&g->b, h2);
    emit_star(g, input);
    emit_smi(g, GEN_RESUME_THROW);
    emit_star(g, mode);
    bb_bind(&g->b, not_ret);
    bb_jump_loop(&g->b, loop, g->loop_depth);
  }
  bb_bind(&g->b, done_label);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
  reg_release(g, m);
}

static void visit_yield(FnGen *g, AstNode *n) {
  if (!g->gen_reg) {
    cg_fail(g, ERR_SYNTAX, "yield outside a generator");
    return;
  }
  if (g->is_async) {
    if (n->u.yield.delegate) {
      visit_yield_star_async(g, n);
      return;
    }
    /* AsyncGeneratorYield(? Await(value)): settles the current request, then suspends. */
    if (n->u.yield.argument)
      visit(g, n->u.yield.argument);
    else
      EMIT(g, BC_LdaUndefined);
    expr_pos(g, n->start);
    emit_await(g);
    emit_async_function_settle(g, RT_AsyncGeneratorYield);
    emit_suspend(g);
    return;
  }
  if (n->u.yield.delegate) {
    visit_yield_star(g, n);
    return;
  }
  int m = reg_mark(g);
  int r = new_regs(g, 2);
  if (n->u.yield.argument)
    visit(g, n->u.yield.argument);
  else
    EMIT(g, BC_LdaUndefined);
  emit_star(g, r);
  EMIT(g, BC_LdaFalse);
  emit_star(g, reg_at(r, 1));
  expr_pos(g, n->start);
  emit_runtime(g, RT_CreateIterResultObject, r, 2);
  reg_release(g, m);
  emit_suspend(g);
}

/* ---- control flow ---- */

/* Leaves every control scope inside `target` (NULL: the whole function), then performs cmd:
 * 0 break, 1 continue, 2 return (value in the accumulator). Finally blocks in the way take
 * over: the command is recorded as a token and resumed after the finally block runs. */
static bool is_for_await(ControlScope *c) {
  return c->node && c->node->kind == AST_FOR_OF && c->node->u.loop.is_await;
}

/* AsyncIteratorClose with a normal completion: `return` is called and its result awaited and
 * checked; errors propagate. The accumulator is clobbered. */
static void emit_async_iterator_close(FnGen *g, int iter) {
  int m = reg_mark(g);
  int method = new_reg(g), res = new_reg(g);
  int skip = bb_new_label(&g->b), ok = bb_new_label(&g->b);
  EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "return"), bb_slot(&g->b));
  bb_jump(&g->b, BC_JumpIfUndefinedOrNull, skip);
  emit_star(g, method);
  EMIT(g, BC_CallProperty0, method, iter, bb_slot(&g->b));
  emit_await(g);
  emit_star(g, res);
  bb_jump(&g->b, BC_JumpIfJSReceiver, ok);
  emit_runtime(g, RT_ThrowIteratorResultNotAnObject, res, 1);
  bb_bind(&g->b, ok);
  bb_bind(&g->b, skip);
  reg_release(g, m);
}

static void emit_derived_return_check(FnGen *g);
/* IteratorClose of a for-of loop left by break / continue to an outer loop / return. The loop's
 * iterator register is cleared first: this code runs inside the loop's handler range, so when
 * return() throws the handler finds no iterator and does not call return() again. */
static void emit_loop_iterator_close(FnGen *g, ControlScope *loop) {
  int m = reg_mark(g);
  int it = new_reg(g);
  emit_mov(g, loop->reg, it);
  EMIT(g, BC_LdaUndefined);
  emit_star(g, loop->reg);
  if (is_for_await(loop))
    emit_async_iterator_close(g, it);
  else
    emit_runtime(g, RT_IteratorClose, it, 1);
  reg_release(g, m);
}

static void emit_exit(FnGen *g, int cmd, ControlScope *target) {
  for (ControlScope *c = g->ctrl; c != target && c; c = c->outer) {
    if (c->kind == CTRL_CONTEXT) {
      EMIT(g, BC_PopContext, c->reg);
    } else if (c->kind == CTRL_ITERATOR) {
      int m = reg_mark(g);
      int t = new_reg(g);
      emit_star(g, t);
      emit_loop_iterator_close(g, c);
      emit_ldar(g, t);
      reg_release(g, m);
    } else if (c->kind == CTRL_DESTRUCTURE) {
      int m = reg_mark(g);
      int t = new_reg(g);
      int skip = bb_new_label(&g->b);
      emit_star(g, t);
      emit_ldar(g, c->result_reg);
      bb_jump(&g->b, BC_JumpIfTrue, skip);
      /* done first: a throwing return() must not be called again by the pattern's handler */
      EMIT(g, BC_LdaTrue);
      emit_star(g, c->result_reg);
      emit_runtime(g, RT_IteratorClose, c->reg, 1);
      bb_bind(&g->b, skip);
      emit_ldar(g, t);
      reg_release(g, m);
    } else if (c->kind == CTRL_FINALLY) {
      if (c->ncmds >= (int)PT_ARRAY_LEN(c->cmds)) {
        cg_fail(g, ERR_SYNTAX, "too many jumps out of one try-finally");
        return;
      }
      int id = c->ncmds++;
      c->cmds[id].kind = cmd;
      c->cmds[id].target = target;
      if (cmd == 2) emit_star(g, c->result_reg);
      emit_smi(g, id + 1);
      emit_star(g, c->reg);
      bb_jump(&g->b, BC_Jump, c->finally_label);
      return;
    }
  }
  if (cmd == 2 && g->derived_ret_reg) {
    emit_star(g, g->derived_ret_reg);
    bb_jump(&g->b, BC_Jump, g->derived_ret_label);
    return;
  }
  if (cmd == 2) {
    if (g->is_async && !(g->fn->flags & FNF_GENERATOR)) emit_async_function_settle(g, RT_AsyncFunctionResolve);
    EMIT(g, BC_Return);
  } else if (target) {
    if (cmd == 0 && target->kind == CTRL_ITERATOR) emit_loop_iterator_close(g, target);
    bb_jump(&g->b, BC_Jump, cmd == 0 ? target->break_label : target->continue_label);
  }
}

/* A derived constructor's return value check (object, or undefined with `this` initialized),
 * done where the function really returns: after any finally blocks ran (they may call super). */
static void emit_derived_return_check(FnGen *g) {
  {
    int m = reg_mark(g);
    int v = new_reg(g);
    int done = bb_new_label(&g->b), use_this = bb_new_label(&g->b);
    emit_star(g, v);
    bb_jump(&g->b, BC_JumpIfJSReceiver, done);
    emit_ldar(g, v);
    bb_jump(&g->b, BC_JumpIfUndefined, use_this);
    emit_runtime(g, RT_ThrowDerivedReturn, 0, 0);
    bb_bind(&g->b, use_this);
    load_function_this(g);
    EMIT(g, BC_ThrowSuperNotCalledIfHole);
    bb_bind(&g->b, done);
    reg_release(g, m);
  }
}

static void emit_return(FnGen *g) { emit_exit(g, 2, NULL); }

static ControlScope *find_jump_target(FnGen *g, AstNode *target, bool is_continue) {
  for (ControlScope *c = g->ctrl; c; c = c->outer) {
    if (c->kind != CTRL_LOOP && c->kind != CTRL_BREAKABLE && c->kind != CTRL_ITERATOR) continue;
    if (is_continue && c->kind == CTRL_BREAKABLE) continue;
    bool match = c->node == target;
    for (int i = 0; i < c->nlabels && !match; i++) match = c->labels[i] == target;
    if (match) return c;
  }
  return NULL;
}

/* ---- statements ---- */

static void init_lexical_tdz(FnGen *g, Scope *s) {
  if (!s) return;
  for (Variable *v = s->vars; v; v = v->next) {
    if (!var_needs_hole_check(v)) continue;
    if (v->location != LOC_LOCAL && v->location != LOC_CONTEXT) continue;
    if (v->mode == VAR_THIS) continue;
    /* module top level: the instantiation call does the context, the evaluation the registers */
    if (g->module_hoist && s == g->fn->scope && (v->location == LOC_CONTEXT) != (g->module_hoist == 1)) continue;
    EMIT(g, BC_LdaTheHole);
    store_var_raw(g, v, true);
  }
}

static void hoist_functions(FnGen *g, Scope *s) {
  if (!s) return;
  for (uint32_t i = 0; i < s->hoisted_count; i++) {
    FunctionLiteral *f = s->hoisted_functions[i];
    if (g->module_hoist && s == g->fn->scope && f->decl_var) {
      bool in_register = f->decl_var->location == LOC_LOCAL;
      if (in_register != (g->module_hoist == 2)) continue;
    }
    visit_function_literal(g, f);
    if (f->decl_var) store_var(g, f->decl_var, true);
  }
}

static void visit_block_body(FnGen *g, AstNodeList *body, Scope *scope) {
  ControlScope cc;
  int m = reg_mark(g);
  int saved = enter_block_scope(g, scope, &cc);
  init_lexical_tdz(g, scope);
  hoist_functions(g, scope);
  visit_stmts(g, body);
  leave_block_scope(g, scope, saved, &cc);
  reg_release(g, m);
}

/* ---- using declarations (explicit resource management) ----
 * A scope holding `using` / `await using` declarations runs as a try-finally region: the
 * resources go into a dispose capability (a register), and the finally part disposes them with
 * the region's completion (DisposeResources), then resumes the interrupted jump or rethrows.
 * `await using` scopes await the disposal (runtime AsyncDisposeResources returns undefined when
 * nothing is to be awaited). */
typedef struct UsingRegion {
  ControlScope fc;
  int cap, ctx, token, result;
  int end, handler;
  int saved_cap;
  bool is_async;
} UsingRegion;

/* 0: no using declaration directly in the list; 1: `using` only; 2: some `await using`. */
static int stmts_using_kind(AstNodeList *l) {
  int kind = 0;
  for (uint32_t i = 0; i < l->count; i++) {
    AstNode *s = l->items[i];
    if (!s || s->kind != AST_VAR_DECL) continue;
    if (s->u.vardecl.decl_kind == DECL_AWAIT_USING) kind = 2;
    else if (s->u.vardecl.decl_kind == DECL_USING && kind == 0) kind = 1;
  }
  return kind;
}

static void using_begin(FnGen *g, UsingRegion *u, bool is_async) {
  /* the parser allows await using only where await is, and marks a module using it at top level
   * as async (note_top_level_await): a body not compiled as async here is an engine bug */
  if (is_async && !g->is_async) cg_fail(g, ERR_SYNTAX, "await using outside an async body");
  u->is_async = is_async;
  u->cap = new_reg(g);
  u->ctx = new_reg(g);
  u->token = new_reg(g);
  u->result = new_reg(g);
  emit_runtime(g, RT_NewDisposeCapability, 0, 0);
  emit_star(g, u->cap);
  emit_mov(g, BC_REG_CONTEXT, u->ctx);
  push_ctrl(g, &u->fc, CTRL_FINALLY);
  u->fc.reg = u->token;
  u->fc.result_reg = u->result;
  u->fc.finally_label = bb_new_label(&g->b);
  int start = bb_new_label(&g->b);
  u->end = bb_new_label(&g->b);
  u->handler = bb_new_label(&g->b);
  bb_add_handler(&g->b, start, u->end, u->handler, u->ctx, 0);
  bb_bind(&g->b, start);
  u->saved_cap = g->using_cap;
  g->using_cap = u->cap;
}

/* The await using disposal loop: each value AsyncDisposeStep hands back is awaited here, in this
 * frame, and a rejection goes back to the loop (AsyncDisposeRejected); the step returns the state
 * itself when the loop is over. args holds (capability, token, completion). */
static void emit_async_dispose_loop(FnGen *g, UsingRegion *u, int args) {
  int m = reg_mark(g);
  int state = new_reg(g), value = new_reg(g), rej = new_regs(g, 2);
  int done = bb_new_label(&g->b), loop = bb_new_label(&g->b);
  int start = bb_new_label(&g->b), end = bb_new_label(&g->b), handler = bb_new_label(&g->b);
  emit_runtime(g, RT_AsyncDisposeBegin, args, 3);
  bb_jump(&g->b, BC_JumpIfUndefined, done);
  emit_star(g, state);
  bb_bind(&g->b, loop);
  emit_runtime(g, RT_AsyncDisposeStep, state, 1);
  emit_star(g, value);
  EMIT(g, BC_TestReferenceEqual, state);
  bb_jump(&g->b, BC_JumpIfTrue, done);
  bb_add_handler(&g->b, start, end, handler, u->ctx, 0);
  bb_bind(&g->b, start);
  emit_ldar(g, value);
  emit_await(g);
  bb_bind(&g->b, end);
  bb_jump_loop(&g->b, loop, g->loop_depth);
  bb_bind(&g->b, handler);
  emit_star(g, reg_at(rej, 1));
  emit_mov(g, state, reg_at(rej, 0));
  emit_runtime(g, RT_AsyncDisposeRejected, rej, 2);
  bb_jump_loop(&g->b, loop, g->loop_depth);
  bb_bind(&g->b, done);
  reg_release(g, m);
}

static void using_end(FnGen *g, UsingRegion *u) {
  g->using_cap = u->saved_cap;
  bb_bind(&g->b, u->end);
  pop_ctrl(g, &u->fc);
  emit_smi(g, -1);
  emit_star(g, u->token);
  bb_jump(&g->b, BC_Jump, u->fc.finally_label);
  bb_bind(&g->b, u->handler);
  emit_star(g, u->result);
  EMIT(g, BC_LdaZero);
  emit_star(g, u->token);
  bb_bind(&g->b, u->fc.finally_label);
  int m = reg_mark(g);
  int msg = new_reg(g), args = new_regs(g, 3);
  EMIT(g, BC_LdaTheHole);
  EMIT(g, BC_SetPendingMessage);
  emit_star(g, msg);
  emit_mov(g, u->cap, reg_at(args, 0));
  emit_mov(g, u->token, reg_at(args, 1));
  emit_mov(g, u->result, reg_at(args, 2));
  if (u->is_async)
    emit_async_dispose_loop(g, u, args);
  else
    emit_runtime(g, RT_DisposeResources, args, 3);
  emit_ldar(g, msg);
  EMIT(g, BC_SetPendingMessage);
  reg_release(g, m);
  for (int i = 0; i < u->fc.ncmds; i++) {
    int next = bb_new_label(&g->b);
    emit_smi(g, i + 1);
    EMIT(g, BC_TestReferenceEqual, u->token);
    bb_jump(&g->b, BC_JumpIfFalse, next);
    if (u->fc.cmds[i].kind == 2) emit_ldar(g, u->result);
    emit_exit(g, u->fc.cmds[i].kind, u->fc.cmds[i].target);
    bb_bind(&g->b, next);
  }
  /* A throw completion never gets here: DisposeResources rethrew it (or what replaced it). */
  int done = bb_new_label(&g->b);
  EMIT(g, BC_LdaZero);
  EMIT(g, BC_TestReferenceEqual, u->token);
  bb_jump(&g->b, BC_JumpIfFalse, done);
  emit_ldar(g, u->result);
  EMIT(g, BC_ReThrow);
  bb_bind(&g->b, done);
}

/* The value in the accumulator becomes a resource of the innermost using scope (the accumulator
 * keeps the value). */
static void emit_add_disposable(FnGen *g, bool is_await) {
  if (!g->using_cap) {
    NOT_IMPLEMENTED(g, "using declarations in this position");
    return;
  }
  int m = reg_mark(g);
  int args = new_regs(g, 3);
  emit_star(g, reg_at(args, 1));
  emit_mov(g, g->using_cap, reg_at(args, 0));
  emit_smi(g, is_await ? 1 : 0);
  emit_star(g, reg_at(args, 2));
  emit_runtime(g, RT_AddDisposableResource, args, 3);
  reg_release(g, m);
}

static void visit_var_decl(FnGen *g, AstNode *n) {
  int kind = n->u.vardecl.decl_kind;
  bool is_using = kind == DECL_USING || kind == DECL_AWAIT_USING;
  bool init = kind != DECL_VAR;
  for (uint32_t i = 0; i < n->u.vardecl.declarators.count; i++) {
    AstNode *d = n->u.vardecl.declarators.items[i];
    AstNode *t = d->u.declarator.target;
    int m = reg_mark(g);
    if (d->u.declarator.init && !init && t->kind == AST_IDENTIFIER && t->u.ref.kind == REF_DYNAMIC) {
      /* `var x = v` inside with / sloppy eval: x is resolved before v is evaluated */
      GenRef ref;
      stmt_pos(g, d->u.declarator.init->start);
      prepare_ref(g, t, &ref, d->u.declarator.init);
      visit(g, d->u.declarator.init);
      store_ref_value(g, &ref, false);
    } else if (d->u.declarator.init) {
      stmt_pos(g, d->u.declarator.init->start);
      visit(g, d->u.declarator.init);
      if (is_using) emit_add_disposable(g, kind == DECL_AWAIT_USING);
      if (t->kind == AST_IDENTIFIER) {
        store_ref(g, t, init);
      } else {
        int v = new_reg(g);
        emit_star(g, v);
        assign_to(g, t, init, v);
      }
    } else if (kind == DECL_LET && t->kind == AST_IDENTIFIER) {
      EMIT(g, BC_LdaUndefined);
      store_ref(g, t, true);
    }
    reg_release(g, m);
  }
}

/* Copies the current (per-iteration) context into a fresh one. */
static void copy_iteration_context(FnGen *g, Scope *s, int saved) {
  int n = (int)s->context_slot_count;
  int m = reg_mark(g);
  int t = n ? new_regs(g, n) : 0;
  for (int k = 0; k < n; k++) {
    EMIT(g, BC_LdaCurrentContextSlot, k + CONTEXT_HEADER);
    emit_star(g, reg_at(t, k));
  }
  EMIT(g, BC_PopContext, saved);
  EMIT(g, BC_CreateBlockContext, scope_info_const(g, s));
  EMIT(g, BC_PushContext, saved);
  for (int k = 0; k < n; k++) {
    emit_ldar(g, reg_at(t, k));
    EMIT(g, BC_StaCurrentContextSlot, k + CONTEXT_HEADER);
  }
  reg_release(g, m);
}

static void take_labels(FnGen *g, ControlScope *c, AstNode **labels, int nlabels) {
  PT_UNUSED(g);
  for (int i = 0; i < nlabels && i < (int)PT_ARRAY_LEN(c->labels); i++) c->labels[c->nlabels++] = labels[i];
}

static void visit_loop(FnGen *g, AstNode *n, AstNode **labels, int nlabels) {
  int m = reg_mark(g);
  ControlScope lc;
  Scope *scope = n->u.loop.scope;
  ControlScope cc;
  int saved = 0;
  UsingRegion ur;
  bool for_using = n->kind == AST_FOR && n->u.loop.init && n->u.loop.init->kind == AST_VAR_DECL &&
                   (n->u.loop.init->u.vardecl.decl_kind == DECL_USING ||
                    n->u.loop.init->u.vardecl.decl_kind == DECL_AWAIT_USING);
  if (n->kind == AST_FOR) {
    saved = enter_block_scope(g, scope, &cc);
    init_lexical_tdz(g, scope);
    if (for_using) using_begin(g, &ur, n->u.loop.init->u.vardecl.decl_kind == DECL_AWAIT_USING);
    if (n->u.loop.init) {
      if (n->u.loop.init->kind == AST_VAR_DECL)
        visit_var_decl(g, n->u.loop.init);
      else {
        stmt_pos(g, n->u.loop.init->start);
        visit(g, n->u.loop.init);
      }
    }
  }
  push_ctrl(g, &lc, CTRL_LOOP);
  lc.node = n;
  take_labels(g, &lc, labels, nlabels);
  lc.break_label = bb_new_label(&g->b);
  lc.continue_label = bb_new_label(&g->b);
  int header = bb_new_label(&g->b);
  g->loop_depth++;
  switch (n->kind) {
  case AST_WHILE:
    bb_bind(&g->b, header);
    bb_bind(&g->b, lc.continue_label);
    stmt_pos(g, n->u.loop.cond->start);
    visit_jump_if_false(g, n->u.loop.cond, lc.break_label);
    visit_stmt(g, n->u.loop.body);
    bb_jump_loop(&g->b, header, g->loop_depth - 1);
    break;
  case AST_DO_WHILE:
    bb_bind(&g->b, header);
    visit_stmt(g, n->u.loop.body);
    bb_bind(&g->b, lc.continue_label);
    stmt_pos(g, n->u.loop.cond->start);
    visit_jump_if_false(g, n->u.loop.cond, lc.break_label);
    bb_jump_loop(&g->b, header, g->loop_depth - 1);
    break;
  case AST_FOR:
    if (scope && scope->per_iteration && scope->needs_context) copy_iteration_context(g, scope, saved);
    bb_bind(&g->b, header);
    if (n->u.loop.cond) {
      stmt_pos(g, n->u.loop.cond->start);
      visit_jump_if_false(g, n->u.loop.cond, lc.break_label);
    }
    visit_stmt(g, n->u.loop.body);
    bb_bind(&g->b, lc.continue_label);
    if (scope && scope->per_iteration && scope->needs_context) copy_iteration_context(g, scope, saved);
    if (n->u.loop.update) {
      stmt_pos(g, n->u.loop.update->start);
      visit_effect(g, n->u.loop.update);
    }
    bb_jump_loop(&g->b, header, g->loop_depth - 1);
    break;
  default: break;
  }
  g->loop_depth--;
  pop_ctrl(g, &lc);
  bb_bind(&g->b, lc.break_label);
  if (for_using) using_end(g, &ur);
  if (n->kind == AST_FOR) leave_block_scope(g, scope, saved, &cc);
  reg_release(g, m);
}

/* Binds the for-in/of iteration value (in value_reg) to the loop head. */
static void bind_loop_head(FnGen *g, AstNode *init, int value_reg) {
  if (init->kind == AST_VAR_DECL) {
    AstNode *d = init->u.vardecl.declarators.items[0];
    int kind = init->u.vardecl.decl_kind;
    bool is_init = kind != DECL_VAR;
    if (kind == DECL_USING || kind == DECL_AWAIT_USING) {
      emit_ldar(g, value_reg);
      emit_add_disposable(g, kind == DECL_AWAIT_USING);
    }
    assign_to(g, d->u.declarator.target, is_init, value_reg);
  } else {
    assign_to(g, init, false, value_reg);
  }
}

static void visit_for_in(FnGen *g, AstNode *n, AstNode **labels, int nlabels) {
  int m = reg_mark(g);
  Scope *scope = n->u.loop.scope;
  ControlScope lc;
  int obj = new_reg(g), triple = new_regs(g, 3), idx = new_reg(g), key = new_reg(g);
  int end = bb_new_label(&g->b);
  /* Annex B: for (var x = init in o) */
  AstNode *init = n->u.loop.init;
  if (init->kind == AST_VAR_DECL && init->u.vardecl.declarators.items[0]->u.declarator.init) {
    visit_var_decl(g, init);
  }
  {
    ControlScope cc;
    Scope *outer = g->scope;
    int saved = enter_block_scope(g, scope, &cc);
    init_lexical_tdz(g, scope);
    stmt_pos(g, n->u.loop.cond->start);
    visit(g, n->u.loop.cond);
    leave_block_scope(g, scope, saved, &cc);
    g->scope = outer;
  }
  bb_jump(&g->b, BC_JumpIfUndefinedOrNull, end);
  EMIT(g, BC_ToObject, obj);
  EMIT(g, BC_ForInEnumerate, obj);
  EMIT(g, BC_ForInPrepare, triple, bb_slot(&g->b));
  EMIT(g, BC_LdaZero);
  emit_star(g, idx);
  push_ctrl(g, &lc, CTRL_LOOP);
  lc.node = n;
  take_labels(g, &lc, labels, nlabels);
  lc.break_label = end;
  lc.continue_label = bb_new_label(&g->b);
  int header = bb_new_label(&g->b);
  g->loop_depth++;
  bb_bind(&g->b, header);
  EMIT(g, BC_ForInContinue, idx, reg_at(triple, 2));
  bb_jump(&g->b, BC_JumpIfFalse, end);
  EMIT(g, BC_ForInNext, obj, idx, triple, bb_slot(&g->b));
  bb_jump(&g->b, BC_JumpIfUndefined, lc.continue_label);
  emit_star(g, key);
  {
    ControlScope cc;
    int saved = enter_block_scope(g, scope, &cc);
    init_lexical_tdz(g, scope);
    bind_loop_head(g, init, key);
    visit_stmt(g, n->u.loop.body);
    leave_block_scope(g, scope, saved, &cc);
  }
  bb_bind(&g->b, lc.continue_label);
  EMIT(g, BC_ForInStep, idx);
  emit_star(g, idx);
  bb_jump_loop(&g->b, header, g->loop_depth - 1);
  g->loop_depth--;
  pop_ctrl(g, &lc);
  bb_bind(&g->b, end);
  reg_release(g, m);
}

static void visit_for_of(FnGen *g, AstNode *n, AstNode **labels, int nlabels) {
  bool is_await = n->u.loop.is_await;
  if (is_await && !g->is_async) {
    cg_fail(g, ERR_SYNTAX, "for await is only valid in async functions");
    return;
  }
  int m = reg_mark(g);
  Scope *scope = n->u.loop.scope;
  ControlScope lc;
  int iter = new_reg(g), next = new_reg(g), res = new_reg(g), value = new_reg(g), ctx = new_reg(g);
  {
    ControlScope cc;
    Scope *outer = g->scope;
    int saved = enter_block_scope(g, scope, &cc);
    init_lexical_tdz(g, scope);
    stmt_pos(g, n->u.loop.cond->start);
    visit(g, n->u.loop.cond);
    leave_block_scope(g, scope, saved, &cc);
    g->scope = outer;
  }
  emit_star(g, res);
  if (is_await)
    emit_runtime(g, RT_GetAsyncIterator, res, 1);
  else
    EMIT(g, BC_GetIterator, res, bb_slot(&g->b), bb_slot(&g->b));
  emit_star(g, iter);
  EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "next"), bb_slot(&g->b));
  emit_star(g, next);
  emit_mov(g, BC_REG_CONTEXT, ctx);
  push_ctrl(g, &lc, CTRL_ITERATOR);
  lc.node = n;
  lc.reg = iter;
  take_labels(g, &lc, labels, nlabels);
  lc.break_label = bb_new_label(&g->b);
  lc.continue_label = bb_new_label(&g->b);
  int header = lc.continue_label;
  int ok = bb_new_label(&g->b);
  int handler = bb_new_label(&g->b), try_start = bb_new_label(&g->b), try_end = bb_new_label(&g->b);
  g->loop_depth++;
  bb_bind(&g->b, header);
  EMIT(g, BC_CallProperty0, next, iter, bb_slot(&g->b));
  if (is_await) emit_await(g);
  emit_star(g, res);
  bb_jump(&g->b, BC_JumpIfJSReceiver, ok);
  emit_runtime(g, RT_ThrowIteratorResultNotAnObject, res, 1);
  bb_bind(&g->b, ok);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "done"), bb_slot(&g->b));
  bb_jump(&g->b, BC_JumpIfToBooleanTrue, lc.break_label);
  EMIT(g, BC_GetNamedProperty, res, const_cstr(g, "value"), bb_slot(&g->b));
  emit_star(g, value);
  bb_add_handler(&g->b, try_start, try_end, handler, ctx, 1);
  bb_bind(&g->b, try_start);
  {
    ControlScope cc;
    int saved = enter_block_scope(g, scope, &cc);
    init_lexical_tdz(g, scope);
    AstNode *init = n->u.loop.init;
    int using_kind = init->kind != AST_VAR_DECL ? 0
                     : init->u.vardecl.decl_kind == DECL_AWAIT_USING ? 2
                     : init->u.vardecl.decl_kind == DECL_USING       ? 1
                                                                     : 0;
    UsingRegion ur;
    if (using_kind) using_begin(g, &ur, using_kind == 2);
    bind_loop_head(g, init, value);
    visit_stmt(g, n->u.loop.body);
    if (using_kind) using_end(g, &ur);
    leave_block_scope(g, scope, saved, &cc);
  }
  bb_bind(&g->b, try_end);
  bb_jump_loop(&g->b, header, g->loop_depth - 1);
  bb_bind(&g->b, handler);
  if (is_await) {
    /* AsyncIteratorClose with a throw completion: errors from `return` and its awaiting are
     * dropped, the original exception is rethrown. */
    int exc = new_reg(g), method = new_reg(g);
    int s2 = bb_new_label(&g->b), e2 = bb_new_label(&g->b), h2 = bb_new_label(&g->b), after = bb_new_label(&g->b);
    emit_star(g, exc);
    emit_ldar(g, iter); /* undefined: the exception came from a closing return() */
    bb_jump(&g->b, BC_JumpIfUndefined, after);
    bb_add_handler(&g->b, s2, e2, h2, ctx, 1);
    bb_bind(&g->b, s2);
    EMIT(g, BC_GetNamedProperty, iter, const_cstr(g, "return"), bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfUndefinedOrNull, e2);
    emit_star(g, method);
    EMIT(g, BC_CallProperty0, method, iter, bb_slot(&g->b));
    emit_await(g);
    bb_bind(&g->b, e2);
    bb_jump(&g->b, BC_Jump, after);
    bb_bind(&g->b, h2);
    bb_bind(&g->b, after);
    emit_ldar(g, exc);
    EMIT(g, BC_ReThrow);
  } else {
    int exc = new_reg(g), closed = bb_new_label(&g->b);
    emit_star(g, exc);
    emit_ldar(g, iter); /* undefined: the exception came from a closing return() */
    bb_jump(&g->b, BC_JumpIfUndefined, closed);
    emit_runtime(g, RT_IteratorCloseOnThrow, iter, 1);
    bb_bind(&g->b, closed);
    emit_ldar(g, exc);
    EMIT(g, BC_ReThrow);
  }
  g->loop_depth--;
  pop_ctrl(g, &lc);
  bb_bind(&g->b, lc.break_label);
  reg_release(g, m);
}

static void visit_switch(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  int disc = new_reg(g);
  visit(g, n->u.switch_.discriminant);
  emit_star(g, disc);
  ControlScope cc, bc;
  Scope *scope = n->u.switch_.scope;
  int saved = enter_block_scope(g, scope, &cc);
  init_lexical_tdz(g, scope);
  hoist_functions(g, scope);
  push_ctrl(g, &bc, CTRL_BREAKABLE);
  bc.node = n;
  bc.break_label = bb_new_label(&g->b);
  uint32_t nc = n->u.switch_.cases.count;
  int *labels = calloc(nc + 1, sizeof(int));
  if (!labels) {
    cg_fail(g, ERR_RANGE, "out of memory");
    return;
  }
  int default_label = -1;
  for (uint32_t i = 0; i < nc; i++) {
    AstNode *c = n->u.switch_.cases.items[i];
    labels[i] = bb_new_label(&g->b);
    if (!c->u.case_.test) {
      default_label = labels[i];
      continue;
    }
    visit(g, c->u.case_.test);
    EMIT(g, BC_TestEqualStrict, disc, bb_slot(&g->b));
    bb_jump(&g->b, BC_JumpIfTrue, labels[i]);
  }
  bb_jump(&g->b, BC_Jump, default_label >= 0 ? default_label : bc.break_label);
  for (uint32_t i = 0; i < nc; i++) {
    bb_bind(&g->b, labels[i]);
    visit_stmts(g, &n->u.switch_.cases.items[i]->u.case_.body);
  }
  free(labels);
  pop_ctrl(g, &bc);
  bb_bind(&g->b, bc.break_label);
  leave_block_scope(g, scope, saved, &cc);
  reg_release(g, m);
}

static void visit_try_catch(FnGen *g, AstNode *n) {
  int m = reg_mark(g);
  int ctx = new_reg(g);
  emit_mov(g, BC_REG_CONTEXT, ctx);
  int start = bb_new_label(&g->b), end = bb_new_label(&g->b), handler = bb_new_label(&g->b);
  int after = bb_new_label(&g->b);
  bb_add_handler(&g->b, start, end, handler, ctx, 1);
  bb_bind(&g->b, start);
  visit_stmt(g, n->u.try_.block);
  bb_bind(&g->b, end);
  bb_jump(&g->b, BC_Jump, after);
  bb_bind(&g->b, handler);
  int exc = new_reg(g);
  emit_star(g, exc);
  Scope *cs = n->u.try_.catch_scope;
  ControlScope cc;
  int saved = 0;
  if (cs && cs->needs_context) {
    EMIT(g, BC_CreateCatchContext, exc, scope_info_const(g, cs));
    saved = new_reg(g);
    EMIT(g, BC_PushContext, saved);
    push_ctrl(g, &cc, CTRL_CONTEXT)->reg = saved;
  }
  Scope *outer = g->scope;
  if (cs) g->scope = cs;
  EMIT(g, BC_LdaTheHole);
  EMIT(g, BC_SetPendingMessage);
  if (n->u.try_.param) assign_to(g, n->u.try_.param, true, exc);
  if (g->result_reg) {
    /* the statement's value is the catch block's (UpdateEmpty(C, undefined)), not the
     * interrupted try block's */
    EMIT(g, BC_LdaUndefined);
    emit_star(g, g->result_reg);
  }
  visit_stmt(g, n->u.try_.handler);
  if (saved) {
    EMIT(g, BC_PopContext, saved);
    pop_ctrl(g, &cc);
  }
  g->scope = outer;
  bb_bind(&g->b, after);
  reg_release(g, m);
}

static void visit_try(FnGen *g, AstNode *n) {
  if (!n->u.try_.finalizer) {
    visit_try_catch(g, n);
    return;
  }
  int m = reg_mark(g);
  int ctx = new_reg(g), token = new_reg(g), result = new_reg(g), msg = new_reg(g);
  emit_mov(g, BC_REG_CONTEXT, ctx);
  ControlScope fc;
  push_ctrl(g, &fc, CTRL_FINALLY);
  fc.reg = token;
  fc.result_reg = result;
  fc.finally_label = bb_new_label(&g->b);
  int start = bb_new_label(&g->b), end = bb_new_label(&g->b), handler = bb_new_label(&g->b);
  bb_add_handler(&g->b, start, end, handler, ctx, 0);
  bb_bind(&g->b, start);
  if (n->u.try_.handler)
    visit_try_catch(g, n);
  else
    visit_stmt(g, n->u.try_.block);
  bb_bind(&g->b, end);
  pop_ctrl(g, &fc);
  emit_smi(g, -1);
  emit_star(g, token);
  bb_jump(&g->b, BC_Jump, fc.finally_label);
  bb_bind(&g->b, handler);
  emit_star(g, result);
  EMIT(g, BC_LdaZero);
  emit_star(g, token);
  bb_bind(&g->b, fc.finally_label);
  EMIT(g, BC_LdaTheHole);
  EMIT(g, BC_SetPendingMessage);
  emit_star(g, msg);
  if (g->result_reg) {
    /* A finally block's normal completion does not change the statement's value; a break or
     * continue out of it carries the finally block's own value (undefined when empty). */
    int saved_value = new_reg(g);
    emit_ldar(g, g->result_reg);
    emit_star(g, saved_value);
    EMIT(g, BC_LdaUndefined);
    emit_star(g, g->result_reg);
    visit_stmt(g, n->u.try_.finalizer);
    emit_ldar(g, saved_value);
    emit_star(g, g->result_reg);
  } else {
    visit_stmt(g, n->u.try_.finalizer);
  }
  emit_ldar(g, msg);
  EMIT(g, BC_SetPendingMessage);
  /* Resume what was interrupted. */
  for (int i = 0; i < fc.ncmds; i++) {
    int next = bb_new_label(&g->b);
    emit_smi(g, i + 1);
    EMIT(g, BC_TestReferenceEqual, token);
    bb_jump(&g->b, BC_JumpIfFalse, next);
    if (fc.cmds[i].kind == 2) emit_ldar(g, result);
    emit_exit(g, fc.cmds[i].kind, fc.cmds[i].target);
    bb_bind(&g->b, next);
  }
  int done = bb_new_label(&g->b);
  EMIT(g, BC_LdaZero);
  EMIT(g, BC_TestReferenceEqual, token);
  bb_jump(&g->b, BC_JumpIfFalse, done);
  emit_ldar(g, result);
  EMIT(g, BC_ReThrow);
  bb_bind(&g->b, done);
  reg_release(g, m);
}

static void visit_labeled(FnGen *g, AstNode *n) {
  AstNode *labels[8];
  int nl = 0;
  AstNode *body = n;
  while (body->kind == AST_LABELED && nl < 8) {
    labels[nl++] = body;
    body = body->u.labeled.body;
  }
  switch (body->kind) {
  case AST_WHILE: case AST_DO_WHILE: case AST_FOR: visit_loop(g, body, labels, nl); return;
  case AST_FOR_IN: visit_for_in(g, body, labels, nl); return;
  case AST_FOR_OF: visit_for_of(g, body, labels, nl); return;
  default: break;
  }
  ControlScope bc;
  push_ctrl(g, &bc, CTRL_BREAKABLE);
  bc.node = n;
  take_labels(g, &bc, labels, nl);
  bc.break_label = bb_new_label(&g->b);
  visit_stmt(g, body);
  pop_ctrl(g, &bc);
  bb_bind(&g->b, bc.break_label);
}

static void visit_stmt(FnGen *g, AstNode *n) {
  if (g->cg->failed) return;
  if (++g->cg->depth > 2000 || !isolate_check_stack(g->cg->iso)) {
    if (!g->cg->failed) {
      g->cg->failed = true;
      if (!isolate_has_exception(g->cg->iso)) rt_throw_range_error(g->cg->iso, "Maximum call stack size exceeded");
    }
    g->cg->depth--;
    return;
  }
  int m = reg_mark(g);
  if (g->result_reg) {
    /* Completion values: control statements start from undefined (UpdateEmpty). */
    switch ((AstKind)n->kind) {
    case AST_IF: case AST_DO_WHILE: case AST_WHILE: case AST_FOR: case AST_FOR_IN: case AST_FOR_OF:
    case AST_SWITCH: case AST_TRY: case AST_WITH:
      EMIT(g, BC_LdaUndefined);
      emit_star(g, g->result_reg);
      break;
    default: break;
    }
  }
  switch ((AstKind)n->kind) {
  case AST_VAR_DECL: visit_var_decl(g, n); break;
  case AST_FUNCTION_DECL: {
    FunctionLiteral *f = n->u.func;
    if (f->annexb_var && f->decl_var && f->annexb_var->location == LOC_LOOKUP) {
      /* sloppy eval: by name, but from the eval's scope (a lookup from here finds the block's
       * own binding) */
      int m = reg_mark(g);
      int r = new_regs(g, 3);
      load_var(g, f->decl_var, false);
      emit_star(g, reg_at(r, 1));
      EMIT(g, BC_LdaConstant, const_str(g, f->annexb_var->name));
      emit_star(g, r);
      emit_smi(g, (int32_t)scope_context_depth(g->scope, f->annexb_var->scope));
      emit_star(g, reg_at(r, 2));
      emit_runtime(g, RT_StoreAnnexBEvalVar, r, 3);
      reg_release(g, m);
    } else if (f->annexb_var && f->decl_var) {
      load_var(g, f->decl_var, false);
      store_var(g, f->annexb_var, false);
    }
    break;
  }
  case AST_CLASS_DECL:
    visit_class(g, n->u.cls, n->start);
    if (n->u.cls->decl_var) store_var(g, n->u.cls->decl_var, true);
    break;
  case AST_EXPR_STMT:
    stmt_pos(g, n->start);
    if (g->result_reg)
      visit(g, n->u.unary.operand);
    else
      visit_effect(g, n->u.unary.operand);
    if (g->result_reg) emit_star(g, g->result_reg);
    break;
  case AST_EMPTY: break;
  case AST_BLOCK: visit_block_body(g, &n->u.block.body, n->u.block.scope); break;
  case AST_IF: {
    int els = bb_new_label(&g->b), end = bb_new_label(&g->b);
    stmt_pos(g, n->start);
    visit_jump_if_false(g, n->u.if_.cond, els);
    visit_stmt(g, n->u.if_.then);
    if (n->u.if_.otherwise) {
      bb_jump(&g->b, BC_Jump, end);
      bb_bind(&g->b, els);
      visit_stmt(g, n->u.if_.otherwise);
    } else {
      bb_bind(&g->b, els);
    }
    bb_bind(&g->b, end);
    break;
  }
  case AST_DO_WHILE: case AST_WHILE: case AST_FOR: visit_loop(g, n, NULL, 0); break;
  case AST_FOR_IN: visit_for_in(g, n, NULL, 0); break;
  case AST_FOR_OF: visit_for_of(g, n, NULL, 0); break;
  case AST_CONTINUE:
  case AST_BREAK: {
    bool cont = n->kind == AST_CONTINUE;
    ControlScope *t = find_jump_target(g, n->u.jump.target, cont);
    if (!t) {
      cg_fail(g, ERR_SYNTAX, cont ? "Illegal continue statement" : "Illegal break statement");
      break;
    }
    stmt_pos(g, n->start);
    emit_exit(g, cont ? 1 : 0, t);
    break;
  }
  case AST_RETURN:
    stmt_pos(g, n->start);
    if (n->u.unary.operand)
      visit(g, n->u.unary.operand);
    else
      EMIT(g, BC_LdaUndefined);
    /* `return x` in an async generator awaits x (`return;` does not). */
    if (n->u.unary.operand && g->is_async && (g->fn->flags & FNF_GENERATOR)) emit_await(g);
    stmt_pos(g, n->end);
    emit_return(g);
    break;
  case AST_WITH: {
    int obj = new_reg(g);
    stmt_pos(g, n->start);
    visit(g, n->u.with.object);
    EMIT(g, BC_ToObject, obj);
    Scope *ws = n->u.with.scope;
    int saved = new_reg(g);
    EMIT(g, BC_CreateWithContext, obj, ws ? scope_info_const(g, ws) : bb_const(&g->b, VAL_UNDEFINED));
    EMIT(g, BC_PushContext, saved);
    ControlScope cc;
    push_ctrl(g, &cc, CTRL_CONTEXT)->reg = saved;
    Scope *outer = g->scope;
    if (ws) g->scope = ws;
    visit_stmt(g, n->u.with.body);
    g->scope = outer;
    pop_ctrl(g, &cc);
    EMIT(g, BC_PopContext, saved);
    break;
  }
  case AST_SWITCH: visit_switch(g, n); break;
  case AST_LABELED: visit_labeled(g, n); break;
  case AST_THROW:
    stmt_pos(g, n->start);
    visit(g, n->u.unary.operand);
    EMIT(g, BC_Throw);
    break;
  case AST_TRY: visit_try(g, n); break;
  case AST_DEBUGGER: EMIT(g, BC_Debugger); break;
  case AST_IMPORT_DECL: break; /* bound at link time (src/modules/module.c) */
  case AST_EXPORT_DECL: {
    uint8_t k = n->u.export_decl.export_kind;
    if (k == EXPORT_DECL || k == EXPORT_DEFAULT_DECL) {
      visit_stmt(g, n->u.export_decl.declaration);
    } else if (k == EXPORT_DEFAULT_EXPR) {
      stmt_pos(g, n->start);
      visit(g, n->u.export_decl.expression);
      if (n->u.export_decl.default_var) store_var(g, n->u.export_decl.default_var, true);
    }
    break; /* export { } / export from: nothing runs */
  }
  default: cg_fail(g, ERR_SYNTAX, "unexpected statement"); break;
  }
  reg_release(g, m);
  g->cg->depth--;
}

static void visit_stmts_plain(FnGen *g, AstNodeList *l) {
  for (uint32_t i = 0; i < l->count && !g->cg->failed; i++) visit_stmt(g, l->items[i]);
}

static void visit_stmts(FnGen *g, AstNodeList *l) {
  int using_kind = stmts_using_kind(l);
  if (!using_kind) {
    visit_stmts_plain(g, l);
    return;
  }
  /* the region starts at the first using declaration: nothing before it is disposed */
  uint32_t i = 0;
  for (; i < l->count && !g->cg->failed; i++) {
    AstNode *s = l->items[i];
    if (s && s->kind == AST_VAR_DECL &&
        (s->u.vardecl.decl_kind == DECL_USING || s->u.vardecl.decl_kind == DECL_AWAIT_USING))
      break;
    visit_stmt(g, s);
  }
  int m = reg_mark(g);
  UsingRegion u;
  using_begin(g, &u, using_kind == 2);
  for (; i < l->count && !g->cg->failed; i++) visit_stmt(g, l->items[i]);
  using_end(g, &u);
  reg_release(g, m);
}

/* ---- classes ---- */

static void append_field_quad(FnGen *g, int list, int *count, int v0, int v1, int v2, int v3) {
  int vals[4] = {v0, v1, v2, v3};
  int m = reg_mark(g);
  int idx = new_reg(g);
  for (int k = 0; k < 4; k++) {
    emit_smi(g, (*count)++);
    emit_star(g, idx);
    if (vals[k])
      emit_ldar(g, vals[k]);
    else
      EMIT(g, BC_LdaUndefined);
    EMIT(g, BC_StaInArrayLiteral, list, idx, bb_slot(&g->b));
  }
  reg_release(g, m);
}

/* A public field with a computed key whose initializer is an anonymous function or class
 * definition: DefineField names the value after the key (NamedEvaluation), which only exists
 * at run time. (A literal key was named by the parser.) */
static bool field_named_by_key(AstNode *mem) {
  FunctionLiteral *fl = mem->u.member_.value;
  if (mem->u.member_.key_kind != KEY_COMPUTED || !fl || fl->body.count != 1) return false;
  AstNode *ret = fl->body.items[0];
  return ret && ret->kind == AST_RETURN && is_anonymous_fn(ret->u.unary.operand);
}

static void visit_class_body(FnGen *g, ClassLiteral *cls, uint32_t pos) {
  int m = reg_mark(g);
  ControlScope cc;
  Scope *scope = cls->scope;
  int saved = enter_block_scope(g, scope, &cc);
  if (cls->class_var && (cls->class_var->location == LOC_LOCAL || cls->class_var->location == LOC_CONTEXT)) {
    EMIT(g, BC_LdaTheHole);
    store_var_raw(g, cls->class_var, true);
  }
  uint32_t nm = cls->members.count;
  /* Private names: one per distinct private variable. */
  for (uint32_t i = 0; i < nm; i++) {
    AstNode *mem = cls->members.items[i];
    Variable *pv = mem->u.member_.private_var;
    if (mem->u.member_.key_kind != KEY_PRIVATE || !pv) continue;
    bool seen = false;
    for (uint32_t j = 0; j < i; j++)
      if (cls->members.items[j]->u.member_.private_var == pv) seen = true;
    if (seen) continue;
    int r = new_reg(g);
    EMIT(g, BC_LdaConstant, const_str(g, pv->name)); /* "#x": the description errors show */
    emit_star(g, r);
    emit_runtime(g, RT_CreatePrivateName, r, 1);
    store_var(g, pv, true);
  }
  int sup = new_reg(g);
  if (cls->extends) {
    visit(g, cls->extends);
  } else {
    EMIT(g, BC_LdaTheHole);
  }
  emit_star(g, sup);
  int ctor = new_reg(g);
  visit_function_literal(g, cls->constructor);
  emit_star(g, ctor);
  int dc = new_regs(g, 3);
  emit_mov(g, ctor, dc);
  emit_mov(g, sup, reg_at(dc, 1));
  expr_pos(g, pos);
  emit_runtime(g, RT_DefineClass, dc, 3);
  int proto = reg_at(dc, 2);
  emit_set_home_object(g, ctor, proto);
  bool need_list = cls->has_instance_fields || cls->has_private_methods;
  int list = 0, list_count = 0;
  if (need_list) {
    list = new_reg(g);
    EMIT(g, BC_CreateEmptyArrayLiteral, bb_slot(&g->b));
    emit_star(g, list);
  }
  /* Static elements run after the class binding is initialized: (kind, key reg, fn reg); kind
   * 0 public field, 1 private field, 2 static block, 3 public field named after its key. */
  int static_regs[256][3];
  int nstatic = 0;
  for (uint32_t i = 0; i < nm && !g->cg->failed; i++) {
    AstNode *mem = cls->members.items[i];
    int kind = mem->u.member_.member_kind;
    bool is_static = (mem->flags & AST_FLAG_STATIC) != 0;
    bool priv = mem->u.member_.key_kind == KEY_PRIVATE;
    int target = is_static ? ctor : proto;
    FunctionLiteral *fl = mem->u.member_.value;
    if (kind == CMEMBER_STATIC_BLOCK) {
      if (nstatic >= 256) { NOT_IMPLEMENTED(g, "more than 256 static class elements"); break; }
      int fr = new_reg(g);
      visit_function_literal(g, fl);
      emit_star(g, fr);
      emit_set_home_object(g, fr, ctor);
      static_regs[nstatic][0] = 2;
      static_regs[nstatic][1] = 0;
      static_regs[nstatic][2] = fr;
      nstatic++;
      continue;
    }
    int key = new_reg(g);
    if (priv)
      load_var(g, mem->u.member_.private_var, false);
    else
      load_prop_key(g, mem->u.member_.key_kind, mem->u.member_.key_name, mem->u.member_.key_number, mem->u.member_.key);
    emit_star(g, key);
    if (kind == CMEMBER_FIELD) {
      int fr = 0;
      if (fl) {
        fr = new_reg(g);
        visit_function_literal(g, fl);
        emit_star(g, fr);
        emit_set_home_object(g, fr, target);
      }
      bool name_by_key = !priv && field_named_by_key(mem);
      if (is_static) {
        if (nstatic >= 256) { NOT_IMPLEMENTED(g, "more than 256 static class elements"); break; }
        static_regs[nstatic][0] = priv ? 1 : name_by_key ? 3 : 0;
        static_regs[nstatic][1] = key;
        static_regs[nstatic][2] = fr;
        nstatic++;
      } else {
        int kr = new_reg(g), nr = 0;
        emit_smi(g, priv ? 1 : 0);
        emit_star(g, kr);
        if (name_by_key) { /* the quad's fourth entry asks interp_init_fields to name the value */
          nr = new_reg(g);
          EMIT(g, BC_LdaTrue);
          emit_star(g, nr);
        }
        append_field_quad(g, list, &list_count, kr, key, fr, nr);
      }
      continue;
    }
    /* methods and accessors */
    if (kind == CMEMBER_ACCESSOR) {
      NOT_IMPLEMENTED(g, "auto-accessors");
      break;
    }
    int fr = new_reg(g);
    visit_function_literal(g, fl);
    emit_star(g, fr);
    emit_set_home_object(g, fr, target);
    if (mem->u.member_.key_kind == KEY_COMPUTED)
      emit_set_function_name(g, fr, key, kind == CMEMBER_GETTER ? 1 : kind == CMEMBER_SETTER ? 2 : 0);
    if (priv) {
      /* Getter/setter pairs share one accessor entry. */
      int getter = kind == CMEMBER_GETTER ? fr : 0, setter = kind == CMEMBER_SETTER ? fr : 0;
      if (kind != CMEMBER_METHOD) {
        bool dup = false;
        for (uint32_t j = 0; j < i; j++)
          if (cls->members.items[j]->u.member_.private_var == mem->u.member_.private_var) dup = true;
        if (dup) continue; /* handled with its partner */
        for (uint32_t j = i + 1; j < nm; j++) {
          AstNode *o = cls->members.items[j];
          if (o->u.member_.private_var != mem->u.member_.private_var) continue;
          int ofr = new_reg(g);
          visit_function_literal(g, o->u.member_.value);
          emit_star(g, ofr);
          emit_set_home_object(g, ofr, target);
          if (o->u.member_.member_kind == CMEMBER_GETTER) getter = ofr; else setter = ofr;
        }
      }
      int kr = new_reg(g);
      emit_smi(g, kind == CMEMBER_METHOD ? 2 : 3);
      emit_star(g, kr);
      if (is_static) {
        int r = new_regs(g, 5);
        emit_mov(g, ctor, r);
        emit_mov(g, key, reg_at(r, 1));
        if (kind == CMEMBER_METHOD) {
          /* a private method is not writable: `C.#m = v` throws */
          emit_mov(g, fr, reg_at(r, 2));
          EMIT(g, BC_LdaTrue);
          emit_star(g, reg_at(r, 3));
          emit_runtime(g, RT_DefinePrivate, r, 4);
        } else {
          if (getter) emit_mov(g, getter, reg_at(r, 2)); else { EMIT(g, BC_LdaUndefined); emit_star(g, reg_at(r, 2)); }
          if (setter) emit_mov(g, setter, reg_at(r, 3)); else { EMIT(g, BC_LdaUndefined); emit_star(g, reg_at(r, 3)); }
          EMIT(g, BC_LdaFalse);
          emit_star(g, reg_at(r, 4));
          emit_runtime(g, RT_DefineAccessor, r, 5);
        }
      } else if (kind == CMEMBER_METHOD) {
        append_field_quad(g, list, &list_count, kr, key, fr, 0);
      } else {
        append_field_quad(g, list, &list_count, kr, key, getter, setter);
      }
      continue;
    }
    if (kind == CMEMBER_METHOD) {
      int r = new_regs(g, 4);
      emit_mov(g, target, r);
      emit_mov(g, key, reg_at(r, 1));
      emit_mov(g, fr, reg_at(r, 2));
      EMIT(g, BC_LdaFalse);
      emit_star(g, reg_at(r, 3));
      emit_runtime(g, RT_DefineMethod, r, 4);
    } else {
      int r = new_regs(g, 5);
      emit_mov(g, target, r);
      emit_mov(g, key, reg_at(r, 1));
      EMIT(g, BC_LdaUndefined);
      emit_star(g, reg_at(r, 2));
      emit_star(g, reg_at(r, 3));
      emit_mov(g, fr, reg_at(r, kind == CMEMBER_GETTER ? 2 : 3));
      EMIT(g, BC_LdaFalse);
      emit_star(g, reg_at(r, 4));
      emit_runtime(g, RT_DefineAccessor, r, 5);
    }
  }
  if (need_list) {
    int r = new_regs(g, 2);
    emit_mov(g, ctor, r);
    emit_mov(g, list, reg_at(r, 1));
    emit_runtime(g, RT_SetClassFieldsInitializer, r, 2);
  }
  if (cls->class_var) {
    emit_ldar(g, ctor);
    store_var(g, cls->class_var, true);
  }
  for (int i = 0; i < nstatic; i++) {
    int kind = static_regs[i][0], key = static_regs[i][1], fr = static_regs[i][2];
    int sm = reg_mark(g);
    if (kind == 2) {
      EMIT(g, BC_CallProperty0, fr, ctor, bb_slot(&g->b));
      reg_release(g, sm);
      continue;
    }
    int r = new_regs(g, 3);
    emit_mov(g, ctor, r);
    emit_mov(g, key, reg_at(r, 1));
    if (fr)
      EMIT(g, BC_CallProperty0, fr, ctor, bb_slot(&g->b));
    else
      EMIT(g, BC_LdaUndefined);
    if (kind == 1) {
      emit_star(g, reg_at(r, 2));
      emit_runtime(g, RT_DefinePrivate, r, 3);
    } else {
      if (kind == 3) {
        emit_star(g, reg_at(r, 2));
        emit_set_function_name(g, reg_at(r, 2), key, 0);
        emit_ldar(g, reg_at(r, 2));
      }
      EMIT(g, BC_DefineKeyedOwnPropertyInLiteral, ctor, key, 0, bb_slot(&g->b));
    }
    reg_release(g, sm);
  }
  emit_ldar(g, ctor);
  leave_block_scope(g, scope, saved, &cc);
  reg_release(g, m);
}

/* All parts of a class are strict code; its heritage and computed keys run in the enclosing
 * function's frame, so in a sloppy function they are a strict region. */
static void visit_class(FnGen *g, ClassLiteral *cls, uint32_t pos) {
  bool strict = g->strict, region = g->strict_region;
  if (!strict) g->strict_region = true;
  g->strict = true;
  visit_class_body(g, cls, pos);
  g->strict = strict;
  g->strict_region = region;
}

/* ---- functions ---- */

static uint32_t sfi_flags_for(FunctionLiteral *fn) {
  uint32_t f = 0;
  if (fn->flags & FNF_STRICT) f |= SFI_STRICT;
  if (fn->flags & FNF_GENERATOR) f |= SFI_GENERATOR;
  if (fn->flags & FNF_ASYNC) f |= SFI_ASYNC;
  if (fn->flags & FNF_SIMPLE_PARAMS) f |= SFI_HAS_SIMPLE_PARAMS;
  if (fn->flags & FNF_USES_HOME_OBJECT) f |= SFI_NEEDS_HOME_OBJECT;
  switch (fn->kind) {
  case FN_ARROW: f |= SFI_ARROW; break;
  case FN_METHOD: f |= SFI_METHOD; break;
  case FN_GETTER: f |= SFI_METHOD | SFI_GETTER; break;
  case FN_SETTER: f |= SFI_METHOD | SFI_SETTER; break;
  case FN_BASE_CONSTRUCTOR: f |= SFI_CLASS_CONSTRUCTOR | SFI_STRICT; break;
  case FN_DERIVED_CONSTRUCTOR: f |= SFI_CLASS_CONSTRUCTOR | SFI_DERIVED | SFI_STRICT; break;
  case FN_FIELD_INIT: case FN_STATIC_BLOCK: f |= SFI_METHOD | SFI_CLASS_FIELD_INIT | SFI_STRICT; break;
  case FN_SCRIPT: f |= SFI_TOPLEVEL; break;
  case FN_MODULE:
    f |= SFI_TOPLEVEL;
    if (fn->flags & FNF_HAS_TOP_LEVEL_AWAIT) f |= SFI_ASYNC;
    break;
  case FN_EVAL: f |= SFI_TOPLEVEL | SFI_EVAL; break;
  default: break;
  }
  return f;
}

static Value function_name_value(FnGen *g, FunctionLiteral *fn) {
  const AstString *name = fn->name ? fn->name : fn->inferred_name;
  if ((fn->kind == FN_BASE_CONSTRUCTOR || fn->kind == FN_DERIVED_CONSTRUCTOR) && fn->class_lit)
    name = fn->class_lit->name ? fn->class_lit->name : fn->class_lit->inferred_name;
  if (fn->kind == FN_SCRIPT || fn->kind == FN_EVAL || fn->kind == FN_MODULE) name = NULL;
  Value v = name ? ast_str_value(g, name) : NAME(g->cg->iso, empty);
  if (fn->kind == FN_GETTER || fn->kind == FN_SETTER) {
    Value p = str_from_cstr(g->cg->iso, fn->kind == FN_GETTER ? "get " : "set ");
    if (p == VAL_EXCEPTION) return VAL_EXCEPTION;
    v = str_concat(g->cg->iso, p, v);
    if (v != VAL_EXCEPTION) v = str_flatten(g->cg->iso, v);
  }
  return v;
}

static bool filter_matches(Value name) {
  const char *f = pt_flags.print_bytecode_filter;
  if (!f || !strcmp(f, "*")) return true;
  if (!val_is_string(name)) return false;
  size_t n = strlen(f);
  if (str_length(name) != n) return false;
  for (size_t i = 0; i < n; i++)
    if (str_char_at(name, i) != (uint8_t)f[i]) return false;
  return true;
}

/* The function's entry position (V8's, for the implicit stack check): its parameter list. */
static int32_t entry_position(FnGen *g, FunctionLiteral *fn) {
  uint32_t base = g->cg->in->source_base;
  Value src = g->cg->in->source;
  uint32_t p = fn->source_start + base;
  if (!val_is_string(src)) return (int32_t)p;
  Value flat = str_flatten(g->cg->iso, src);
  if (flat == VAL_EXCEPTION) {
    isolate_take_exception(g->cg->iso);
    return (int32_t)p;
  }
  uint32_t len = str_length(flat), end = fn->source_end + base;
  for (uint32_t i = p; i < end && i < len && i < p + 512; i++) {
    uint16_t c = str_char_at(flat, i);
    if (c == '(') return (int32_t)i;
    if (c == '=' || c == '{') break;
  }
  return (int32_t)p;
}

static void emit_prologue_params(FnGen *g) {
  FunctionLiteral *fn = g->fn;
  bool simple = (fn->flags & FNF_SIMPLE_PARAMS) != 0;
  for (uint32_t i = 0; i < fn->params.count && !g->cg->failed; i++) {
    AstNode *p = fn->params.items[i];
    int areg = bc_reg_param((int)i + 1);
    if (p->kind == AST_IDENTIFIER && p->u.ref.kind == REF_VARIABLE) {
      Variable *v = p->u.ref.var;
      if (v->location == LOC_PARAMETER && v->index == (int)i) continue;
      /* duplicate simple params: the last one wins, which the loop order gives */
      if (simple && v->location == LOC_PARAMETER) continue;
      emit_ldar(g, areg);
      store_var(g, v, true);
      continue;
    }
    assign_to(g, p, true, areg);
  }
  if (fn->rest) {
    int m = reg_mark(g);
    int r = new_reg(g);
    EMIT(g, BC_CreateRestParameter);
    emit_star(g, r);
    assign_to(g, fn->rest, true, r);
    reg_release(g, m);
  }
}

static bool sfi_fill(FnGen *g, Value sv, FunctionLiteral *fn);

/* Generates fn's bytecode. With `into` an uncompiled SharedFunctionInfo of fn (lazy compilation,
 * codegen_compile_lazy), installs it there and returns `into`; otherwise returns a new one. */
static Value gen_function_into(CodeGen *cg, FnGen *parent, FunctionLiteral *fn, Value into) {
  Isolate *iso = cg->iso;
  if (!isolate_check_stack(iso)) {
    cg->failed = true;
    return VAL_EXCEPTION;
  }
  FnGen gs;
  FnGen *g = &gs;
  memset(g, 0, sizeof *g);
  g->cg = cg;
  g->parent = parent;
  g->fn = fn;
  g->strict = (fn->flags & FNF_STRICT) != 0;
  if (!bb_init(&g->b, iso, (int)fn->params.count + 1)) {
    cg->failed = true;
    return VAL_EXCEPTION;
  }
  g->b.next_reg = g->b.max_reg = (int32_t)fn->num_locals;
  g->scope = fn->scope;
  if (fn->kind == FN_DERIVED_CONSTRUCTOR) {
    g->derived_ret_reg = new_reg(g);
    g->derived_ret_label = bb_new_label(&g->b);
  }
  if (fn->kind != FN_SCRIPT && fn->kind != FN_EVAL && fn->kind != FN_MODULE) g->b.entry_pos = entry_position(g, fn);
  bool is_gen = (fn->flags & FNF_GENERATOR) != 0;
  g->is_async = (fn->flags & FNF_ASYNC) != 0;
  Value module_si = VAL_UNDEFINED;
  if (fn->kind == FN_MODULE) {
    /* The module function runs twice (src/modules/module.c). Called with this === true at
     * instantiation (InitializeEnvironment), it puts the context's lexicals in their TDZ, binds
     * the hoisted functions that other modules can reach (cells and context slots) and returns;
     * called with this === false it evaluates the module body. The host made the context (its
     * extension is the module record), so the function makes none. */
    module_si = bb_const_get(&g->b, scope_info_const(g, fn->scope));
    int run = bb_new_label(&g->b);
    emit_ldar(g, bc_reg_param(0));
    bb_jump(&g->b, BC_JumpIfFalse, run);
    init_lexical_tdz(g, fn->scope);
    g->module_hoist = 1;
    hoist_functions(g, fn->scope);
    EMIT(g, BC_LdaUndefined);
    EMIT(g, BC_Return);
    bb_bind(&g->b, run);
    g->module_hoist = 2;
    g->is_async = (fn->flags & FNF_HAS_TOP_LEVEL_AWAIT) != 0;
  }
  /* An async function runs on the generator machinery (async.c): its object and promise exist
   * before the parameters are bound, and a catch-all handler turns any exception (parameters
   * included) into a rejection. */
  int async_start = -1, async_handler = -1;
  if (g->is_async && !is_gen) {
    g->gen_reg = new_reg(g);
    g->switch_insn = bb_here(&g->b);
    EMIT(g, BC_SwitchOnGeneratorState, g->gen_reg, 0, 0);
    int am = reg_mark(g);
    int r = new_regs(g, 2);
    emit_mov(g, BC_REG_CLOSURE, r);
    emit_mov(g, bc_reg_param(0), reg_at(r, 1));
    emit_runtime(g, RT_AsyncFunctionEnter, r, 2);
    emit_star(g, g->gen_reg);
    reg_release(g, am);
    int ctx = new_reg(g);
    emit_mov(g, BC_REG_CONTEXT, ctx);
    async_start = bb_new_label(&g->b);
    int async_end = bb_new_label(&g->b);
    async_handler = bb_new_label(&g->b);
    bb_add_handler(&g->b, async_start, async_end, async_handler, ctx, 1);
    bb_bind(&g->b, async_start);
    async_start = async_end;
  }
  if (is_gen) {
    g->gen_reg = new_reg(g);
    g->switch_insn = bb_here(&g->b);
    EMIT(g, BC_SwitchOnGeneratorState, g->gen_reg, 0, 0);
  }
  /* Function context. */
  ControlScope fcc;
  if (fn->scope->needs_context && fn->kind != FN_SCRIPT && fn->kind != FN_MODULE) {
    int si = scope_info_const(g, fn->scope);
    if (fn->kind == FN_EVAL)
      EMIT(g, BC_CreateEvalContext, si, (int)fn->scope->context_slot_count);
    else
      EMIT(g, BC_CreateFunctionContext, si, (int)fn->scope->context_slot_count);
    int saved = new_reg(g);
    EMIT(g, BC_PushContext, saved);
    push_ctrl(g, &fcc, CTRL_CONTEXT)->reg = saved;
    g->ctrl = NULL; /* returning needs no pop: the frame goes away */
  }
  /* Simple parameters that live in the context. */
  for (uint32_t i = 0; i < fn->params.count; i++) {
    AstNode *p = fn->params.items[i];
    if (p->kind == AST_IDENTIFIER && p->u.ref.kind == REF_VARIABLE && p->u.ref.var->location == LOC_CONTEXT &&
        (fn->flags & FNF_SIMPLE_PARAMS)) {
      emit_ldar(g, bc_reg_param((int)i + 1));
      store_var_raw(g, p->u.ref.var, true);
    }
  }
  if (fn->this_var && fn->this_var->location != LOC_RECEIVER) {
    emit_ldar(g, bc_reg_param(0));
    store_var_raw(g, fn->this_var, true);
  }
  if (fn->new_target_var) {
    emit_runtime(g, RT_GetNewTarget, 0, 0);
    store_var_raw(g, fn->new_target_var, true);
  }
  if (fn->home_object_var) {
    emit_runtime(g, RT_GetHomeObject, 0, 0);
    store_var_raw(g, fn->home_object_var, true);
  }
  if (fn->self_var) {
    emit_ldar(g, BC_REG_CLOSURE);
    store_var_raw(g, fn->self_var, true);
  }
  if (fn->arguments_var) {
    EMIT(g, (fn->flags & FNF_MAPPED_ARGUMENTS) ? BC_CreateMappedArguments : BC_CreateUnmappedArguments);
    store_var_raw(g, fn->arguments_var, true);
  }
  /* Parameters with expressions and top-level lexicals start in their TDZ. */
  init_lexical_tdz(g, fn->scope);
  if (fn->kind == FN_SCRIPT || fn->kind == FN_EVAL) {
    const DeclInfoList *dl = &cg->in->parse->decls;
    if (dl->count && (fn->kind == FN_SCRIPT || !g->strict)) {
      Value decls = feedback_vector_new(iso, (int)(2 * dl->count));
      if (decls == VAL_EXCEPTION) {
        cg->failed = true;
      } else {
        int di = bb_const_unique(&g->b, decls);
        for (uint32_t i = 0; i < dl->count; i++) {
          int k = 0;
          switch (dl->items[i].kind) {
          case DINFO_VAR: case DINFO_ANNEXB_FUNCTION: k = 0; break;
          case DINFO_FUNCTION: k = 1; break;
          case DINFO_LET: case DINFO_CLASS: k = 2; break;
          default: k = 3; break;
          }
          Value name = ast_str_value(g, dl->items[i].name);
          FeedbackVector *d = (FeedbackVector *)val_to_ptr(bb_const_get(&g->b, di));
          d->slots[2 * i] = val_from_int(k);
          WRITE_FIELD(d, d->slots[2 * i + 1], name);
        }
        int r = new_regs(g, 2);
        EMIT(g, BC_LdaConstant, di);
        emit_star(g, r);
        emit_mov(g, BC_REG_CLOSURE, reg_at(r, 1));
        emit_runtime(g, fn->kind == FN_SCRIPT ? RT_DeclareGlobals : RT_DeclareEvalVars, r, 2);
      }
    }
    g->result_reg = new_reg(g);
  }
  if (!(fn->flags & FNF_SIMPLE_PARAMS) || fn->rest) emit_prologue_params(g);
  else {
    /* simple parameters in registers other than their incoming slot */
    for (uint32_t i = 0; i < fn->params.count; i++) {
      AstNode *p = fn->params.items[i];
      if (p->kind != AST_IDENTIFIER || p->u.ref.kind != REF_VARIABLE) continue;
      Variable *v = p->u.ref.var;
      if (v->location == LOC_LOCAL) {
        emit_ldar(g, bc_reg_param((int)i + 1));
        store_var_raw(g, v, true);
      }
    }
  }
  ControlScope bcc;
  int body_saved = 0;
  if (fn->body_scope && fn->body_scope != fn->scope) {
    body_saved = enter_block_scope(g, fn->body_scope, &bcc);
    g->ctrl = NULL;
  }
  Scope *decl_scope = fn->body_scope ? fn->body_scope : fn->scope;
  if (decl_scope != fn->scope) {
    init_lexical_tdz(g, decl_scope);
    /* A separate var scope (parameters with expressions): a body var named like a parameter (or
     * the arguments object) starts with that binding's value, not undefined. */
    for (Variable *v = decl_scope->vars; v; v = v->next) {
      if (v->mode != VAR_VAR) continue;
      Variable *p = scope_lookup_local(fn->scope, v->name);
      if (!p || (p->mode != VAR_PARAM && p->mode != VAR_ARGUMENTS)) continue;
      if (p->location != LOC_PARAMETER && p->location != LOC_LOCAL && p->location != LOC_CONTEXT) continue;
      load_var_raw(g, p, false);
      store_var_raw(g, v, true);
    }
  }
  hoist_functions(g, decl_scope);
  PT_UNUSED(body_saved);
  if (is_gen) {
    int gm = reg_mark(g);
    int r = new_regs(g, 2);
    emit_mov(g, BC_REG_CLOSURE, r);
    emit_mov(g, bc_reg_param(0), reg_at(r, 1));
    emit_runtime(g, g->is_async ? RT_AsyncGeneratorCreate : RT_CreateJSGeneratorObject, r, 2);
    emit_star(g, g->gen_reg);
    reg_release(g, gm);
    int resume = bb_new_label(&g->b);
    PT_VEC_PUSH(&g->resume_labels, resume);
    EMIT(g, BC_SuspendGenerator, g->gen_reg, bb_reg(0), 0, 0);
    bb_bind(&g->b, resume);
    EMIT(g, BC_ResumeGenerator, g->gen_reg, bb_reg(0), 0);
    /* resumed for the first time: a return or throw before start was handled by the caller */
  }
  if (fn->kind == FN_DERIVED_CONSTRUCTOR && (fn->flags & FNF_DEFAULT_CONSTRUCTOR) && fn->body.count == 0) {
    emit_runtime(g, RT_DefaultDerivedConstruct, 0, 0);
    store_function_this(g);
    EMIT(g, BC_Return);
  } else {
    visit_stmts(g, &fn->body);
  }
  /* Implicit return. */
  if (g->result_reg) {
    emit_ldar(g, g->result_reg);
    EMIT(g, BC_Return);
  } else {
    EMIT(g, BC_LdaUndefined);
    stmt_pos(g, fn->source_end > 0 ? fn->source_end - 1 : 0);
    emit_return(g);
  }
  if (g->derived_ret_reg) {
    bb_bind(&g->b, g->derived_ret_label);
    emit_ldar(g, g->derived_ret_reg);
    emit_derived_return_check(g);
    EMIT(g, BC_Return);
  }
  if (async_handler >= 0) {
    bb_bind(&g->b, async_start); /* the end of the protected range */
    bb_bind(&g->b, async_handler);
    /* The rejection handles the exception, as a catch clause would: drop its message, or the
     * next uncaught throw would be reported at this one's location. */
    int m = reg_mark(g);
    int exc = new_reg(g);
    emit_star(g, exc);
    EMIT(g, BC_LdaTheHole);
    EMIT(g, BC_SetPendingMessage);
    emit_ldar(g, exc);
    reg_release(g, m);
    emit_async_function_settle(g, RT_AsyncFunctionReject);
    EMIT(g, BC_Return);
  }
  if (g->gen_reg) {
    int n = (int)g->resume_labels.len;
    int first = -1;
    for (int i = 0; i < n; i++) {
      int idx = bb_const_label(&g->b, g->resume_labels.data[i], g->switch_insn);
      if (i == 0) first = idx;
    }
    g->b.code.data[g->switch_insn].ops[1] = first < 0 ? 0 : first;
    g->b.code.data[g->switch_insn].ops[2] = n;
  }
  PT_VEC_FREE(&g->resume_labels);
  if (cg->failed) {
    bb_free(&g->b);
    return VAL_EXCEPTION;
  }
  BytecodeArray *ba = bb_finish(&g->b);
  Value ba_val = ba ? val_from_ptr(ba) : VAL_EXCEPTION;
  bb_free(&g->b);
  if (!ba) {
    cg->failed = true;
    return VAL_EXCEPTION;
  }
  Value sv = into;
  if (!val_is_pointer(sv)) {
    sv = sfi_new(iso);
    if (sv == VAL_EXCEPTION || !sfi_fill(g, sv, fn)) {
      cg->failed = true;
      return VAL_EXCEPTION;
    }
  }
  SharedFunctionInfo *sfi = sfi_of(sv);
  WRITE_FIELD(sfi, sfi->bytecode, ba_val);
  if (fn->kind == FN_MODULE) {
    /* the host makes the module context from it (see the module prologue above) */
    WRITE_FIELD(sfi, sfi->scope_info, module_si);
  }
  if (pt_flags.print_bytecode && filter_matches(sfi->name)) disasm_print_function(iso, stdout, sv);
  return sv;
}

/* Everything of fn's SharedFunctionInfo except the bytecode: what the function object needs
 * before its first call (name, length, flags, source range, mapped-parameter slots). */
static bool sfi_fill(FnGen *g, Value sv, FunctionLiteral *fn) {
  CodeGen *cg = g->cg;
  Isolate *iso = cg->iso;
  Value name = function_name_value(g, fn);
  if (name == VAL_EXCEPTION || cg->failed) return false;
  SharedFunctionInfo *sfi = sfi_of(sv);
  WRITE_FIELD(sfi, sfi->name, name);
  WRITE_FIELD(sfi, sfi->scope_info, VAL_UNDEFINED);
  WRITE_FIELD(sfi, sfi->source, cg->in->source);
  WRITE_FIELD(sfi, sfi->resource_name, cg->in->resource_name);
  WRITE_FIELD(sfi, sfi->eval_origin, cg->in->eval_origin);
  sfi->param_count = (int32_t)fn->params.count;
  sfi->length = (int32_t)fn->length;
  sfi->start_pos = (int32_t)(fn->source_start + cg->in->source_base);
  sfi->end_pos = (int32_t)(fn->source_end + cg->in->source_base);
  if ((fn->kind == FN_BASE_CONSTRUCTOR || fn->kind == FN_DERIVED_CONSTRUCTOR) && fn->class_lit) {
    /* A class's toString is the class's source text. */
    sfi->start_pos = (int32_t)(fn->class_lit->source_start + cg->in->source_base);
    sfi->end_pos = (int32_t)(fn->class_lit->source_end + cg->in->source_base);
  }
  sfi->line_offset = cg->in->line_offset;
  sfi->column_offset = cg->in->column_offset;
  sfi->flags = sfi_flags_for(fn);
  if ((fn->flags & FNF_MAPPED_ARGUMENTS) && fn->params.count) {
    /* The context slot of each parameter; of duplicates only the last is mapped. */
    Value map = feedback_vector_new(iso, (int)fn->params.count);
    if (map == VAL_EXCEPTION) return false;
    FeedbackVector *m = (FeedbackVector *)val_to_ptr(map);
    for (int i = (int)fn->params.count - 1; i >= 0; i--) {
      AstNode *p = fn->params.items[i];
      m->slots[i] = VAL_HOLE;
      if (p->kind != AST_IDENTIFIER || p->u.ref.kind != REF_VARIABLE || p->u.ref.var->location != LOC_CONTEXT) continue;
      bool later = false;
      for (int j = i + 1; j < (int)fn->params.count; j++)
        if (fn->params.items[j]->kind == AST_IDENTIFIER && fn->params.items[j]->u.ref.var == p->u.ref.var) later = true;
      if (!later) m->slots[i] = val_from_int(p->u.ref.var->index + CONTEXT_HEADER);
    }
    sfi = sfi_of(sv);
    WRITE_FIELD(sfi, sfi->param_map, map);
  }
  return true;
}

static Value gen_function(CodeGen *cg, FnGen *parent, FunctionLiteral *fn) {
  return gen_function_into(cg, parent, fn, VAL_UNDEFINED);
}

/* ---- lazy compilation ----
 *
 * An inner function left uncompiled keeps the function_literal_id of its FunctionLiteral in the
 * parse result of the code it comes from; one Foreign per compilation (a LazyUnit) owns that
 * parse result. Scope analysis ran over the whole tree, so the literal's variables already have
 * their final locations: generating its code later gives exactly the bytecode eager compilation
 * would have given, and that bytecode serves every closure of the SharedFunctionInfo because each
 * closure's context chain was created by the same code of the enclosing function (same scopes,
 * same context shapes).
 *
 * A tree costs about 40 bytes per source character, so it is not kept for ever: a full
 * collection drops the trees no compilation used since the previous full collection (and that no
 * compilation is using now), and the next lazy compilation from a dropped unit parses the same
 * text again with the same options (ParseRecipe): parsing is deterministic, so the functions get
 * the same ids and the same variable locations. Start-up, when most first calls happen, keeps its
 * trees; a long-running program holds no trees once it stops meeting new functions. The
 * "parse again" is one function's own range when the function was recorded (scope snapshot,
 * compile_lazy_alone), the whole text only for a function without a record.
 *
 * Class constructors, field initializers and static blocks are compiled with their class. */
typedef struct LazyUnit {
  ParseResult *parse;  /* NULL while dropped */
  ParseResult *preparsed; /* a pre-parsed tree replaced by a full one while its creator may still
                             read it (busy): freed with the tree */
  Isolate *iso;
  size_t bytes;        /* the tree's memory, reported as external memory of the heap so that
                          garbage holding trees triggers collections */
  int line_offset, column_offset;
  uint32_t source_base;
  bool is_eval, eval_direct;
  bool has_recipe;     /* the tree can be parsed again (else it is never dropped) */
  ParseRecipe recipe;  /* its private names point into private_names (owned) */
  uint16_t **private_names;
  uint32_t *private_lengths;
  int busy;            /* compilations reading `parse` now: it is not dropped meanwhile */
  bool used;           /* a compilation read it since the last full collection */
  /* Per-function reparse: the outer scopes of the unit's lazy functions and, per lazy function
   * (indexed by function_literal_id), what parsing its range alone needs. */
  ScopeSnapshot *snap;
  struct LazyRecord *recs;
  uint32_t rec_cap;
  uint32_t unrecorded; /* lazy functions without a record (only a whole-text parse finds them) */
  uint32_t lazy_count; /* lazy functions made from this unit */
  size_t snap_bytes;   /* snapshot and records, reported as external memory like the tree */
  bool alone;          /* the tree is one function parsed alone: never parse the whole text */
  struct LazyUnit *prev, *next; /* the isolate's LazyUnits list */
} LazyUnit;

typedef struct LazyRecord {
  int32_t scope_plus1; /* snapshot scope index + 1; 0: no record */
  uint8_t kind;
  uint16_t bits;
  uint32_t fn_flags;
  uint32_t start, end, params_pos;
} LazyRecord;

/* The tree can be dropped: some parse finds every lazy function again. */
static bool lazy_unit_droppable(const LazyUnit *u) {
  if (u->unrecorded) return u->has_recipe && !u->alone;
  return u->has_recipe || u->alone;
}

typedef struct LazyUnits {
  LazyUnit *head;
} LazyUnits;

static void lazy_unit_drop_tree(LazyUnit *u) {
  if (!u->parse && !u->preparsed) return;
  heap_adjust_external_memory(u->iso, -(int64_t)u->bytes);
  parse_result_free(u->preparsed);
  u->preparsed = NULL;
  parse_result_free(u->parse);
  u->parse = NULL;
  u->bytes = 0;
  scope_snapshot_forget_tree(u->snap); /* its memo points into the freed tree */
}

/* Weak phase of each full collection: drop the trees nothing compiled from since the last one. */
static void lazy_units_age(Isolate *iso, void *data) {
  LazyUnits *list = data;
  if (heap_is_minor_gc(iso)) return;
  for (LazyUnit *u = list->head; u; u = u->next) {
    if (u->used || u->busy || !lazy_unit_droppable(u))
      u->used = false;
    else
      lazy_unit_drop_tree(u);
  }
}

/* Isolate teardown runs before the heap's finalizers: units finalized later find no list. */
static void lazy_units_dispose(Isolate *iso, void *data) {
  heap_remove_weak_callback(iso, lazy_units_age, data);
  free(data);
  iso->lazy_units = NULL;
}

static LazyUnits *lazy_units_of(Isolate *iso) {
  if (iso->lazy_units) return iso->lazy_units;
  LazyUnits *list = calloc(1, sizeof *list);
  if (!list || isolate_add_dispose_callback(iso, lazy_units_dispose, list) < 0) {
    free(list);
    return NULL;
  }
  heap_add_weak_callback(iso, lazy_units_age, list);
  iso->lazy_units = list;
  return list;
}

static void lazy_unit_free(void *p) {
  LazyUnit *u = p;
  lazy_unit_drop_tree(u);
  if (u->snap_bytes) heap_adjust_external_memory(u->iso, -(int64_t)u->snap_bytes);
  LazyUnits *list = u->iso->lazy_units;
  if (list) {
    if (u->prev) u->prev->next = u->next; else list->head = u->next;
    if (u->next) u->next->prev = u->prev;
  }
  for (uint32_t i = 0; i < u->recipe.opts.private_name_count; i++) free(u->private_names[i]);
  scope_snapshot_free(u->snap);
  free(u->recs);
  free(u->private_names);
  free(u->private_lengths);
  free(u);
}

/* Copies what parsing the text again needs (the caller's private-name arrays do not outlive the
 * compile). false when out of memory. */
static bool lazy_unit_keep_recipe(LazyUnit *u, const ParseRecipe *recipe) {
  if (!recipe) return true;
  u->recipe = *recipe;
  uint32_t n = recipe->opts.private_name_count;
  if (n) {
    u->private_names = calloc(n, sizeof *u->private_names);
    u->private_lengths = malloc(n * sizeof *u->private_lengths);
    if (!u->private_names || !u->private_lengths) return false;
    for (uint32_t i = 0; i < n; i++) {
      uint32_t len = recipe->opts.private_name_lengths[i];
      u->private_names[i] = malloc((len ? len : 1) * sizeof(uint16_t));
      if (!u->private_names[i]) return false;
      memcpy(u->private_names[i], recipe->opts.private_names[i], len * sizeof(uint16_t));
      u->private_lengths[i] = len;
    }
  }
  u->recipe.opts.private_names = (const uint16_t *const *)u->private_names;
  u->recipe.opts.private_name_lengths = u->private_lengths;
  u->has_recipe = true;
  return true;
}

/* Parses the unit's text again after its tree was dropped. false with the exception pending. */
static bool lazy_unit_reparse(Isolate *iso, LazyUnit *u, Value source) {
  size_t len;
  uint16_t *units = compiler_source_units(iso, source, &len);
  if (!units) return false;
  ParseOptions opts = u->recipe.opts;
  opts.stack_limit = iso->stack_limit;
  opts.preparse = false; /* the tree is parsed again for bodies: keep them all */
  ParseResult *r = u->recipe.dynamic
                       ? parse_dynamic_function(units, len, u->recipe.params_start, u->recipe.params_end,
                                                u->recipe.body_start, u->recipe.body_end, u->recipe.dynamic_kind,
                                                &opts)
                       : parse_program(units, len, &opts);
  free(units);
  if (!r || !r->ok) {
    if (!r || r->error.kind == PARSE_ERROR_OOM)
      isolate_throw_oom(iso);
    else if (r->error.kind == PARSE_ERROR_RANGE)
      rt_throw_range_error(iso, "%s", r->error.message);
    else /* the text parsed before with the same options: this is an engine bug */
      rt_throw(iso, ERR_ERROR, "lazy compilation could not parse the source again: %s", r->error.message);
    if (r) parse_result_free(r);
    return false;
  }
  u->parse = r;
  u->bytes = r->zone.total;
  heap_adjust_external_memory(iso, (int64_t)u->bytes);
  return true;
}

static bool fn_can_be_lazy(CodeGen *cg, FunctionLiteral *fn) {
  if (fn->flags & FNF_PREPARSED) return true; /* no body here: only the lazy path can compile it */
  if (!pt_flags.lazy || (!cg->in->retained && !val_is_pointer(cg->lazy_unit))) return false;
  switch (fn->kind) {
  case FN_NORMAL: case FN_ARROW: case FN_METHOD: case FN_GETTER: case FN_SETTER: return true;
  default: return false;
  }
}

/* Records what parsing fn's range alone needs (its outer scopes, its kind and parser state).
 * Without a record (out of memory) only a whole-text parse finds fn again. */
static void lazy_unit_record(LazyUnit *u, const ParseResult *parse, FunctionLiteral *fn) {
  u->lazy_count++;
  if (!(fn->reparse_bits & FNR_RECORDED) || !fn->scope || !fn->scope->outer) goto none;
  if (!u->snap && !(u->snap = scope_snapshot_new())) goto none;
  if (fn->function_literal_id >= u->rec_cap) {
    uint32_t cap = parse->function_count > fn->function_literal_id ? parse->function_count : fn->function_literal_id + 1;
    LazyRecord *recs = realloc(u->recs, cap * sizeof *recs);
    if (!recs) goto none;
    memset(recs + u->rec_cap, 0, (cap - u->rec_cap) * sizeof *recs);
    u->recs = recs;
    u->rec_cap = cap;
  }
  int32_t idx = scope_snapshot_capture(u->snap, fn->scope->outer);
  if (idx < 0) goto none;
  size_t bytes = scope_snapshot_bytes(u->snap) + u->rec_cap * sizeof(LazyRecord);
  if (bytes != u->snap_bytes) {
    heap_adjust_external_memory(u->iso, (int64_t)bytes - (int64_t)u->snap_bytes);
    u->snap_bytes = bytes;
  }
  LazyRecord *r = &u->recs[fn->function_literal_id];
  r->scope_plus1 = idx + 1;
  r->kind = fn->kind;
  r->bits = fn->reparse_bits;
  r->fn_flags = fn->flags;
  r->start = fn->source_start;
  r->end = fn->source_end;
  r->params_pos = fn->params_pos;
  return;
none:
  u->unrecorded++;
}

/* A SharedFunctionInfo for fn without bytecode (compiled by codegen_compile_lazy). */
static Value gen_lazy_function(FnGen *g, FunctionLiteral *fn) {
  CodeGen *cg = g->cg;
  Isolate *iso = cg->iso;
  if (!val_is_pointer(cg->lazy_unit)) {
    LazyUnits *list = lazy_units_of(iso);
    LazyUnit *u = list ? calloc(1, sizeof *u) : NULL;
    if (!u) {
      isolate_throw_oom(iso);
      cg->failed = true;
      return VAL_EXCEPTION;
    }
    u->iso = iso;
    if (!lazy_unit_keep_recipe(u, cg->in->recipe)) {
      lazy_unit_free(u);
      isolate_throw_oom(iso);
      cg->failed = true;
      return VAL_EXCEPTION;
    }
    u->line_offset = cg->in->line_offset;
    u->column_offset = cg->in->column_offset;
    u->source_base = cg->in->source_base;
    u->is_eval = cg->in->is_eval;
    u->eval_direct = cg->in->eval_direct;
    Foreign *f = foreign_new(iso, u, lazy_unit_free);
    if (!f) {
      lazy_unit_free(u);
      cg->failed = true;
      return VAL_EXCEPTION;
    }
    /* from here the Foreign owns u (and, below, the tree) */
    u->next = list->head;
    if (list->head) list->head->prev = u;
    list->head = u;
    u->parse = cg->in->parse;
    u->bytes = cg->in->parse->zone.total;
    u->used = true;
    u->busy = 1; /* until the caller's codegen_unit_done */
    cg->lazy_unit = val_from_ptr(f);
    *cg->in->retained = true;
    if (cg->in->retained_unit)
      *cg->in->retained_unit = cg->lazy_unit;
    else
      u->busy = 0;
    heap_adjust_external_memory(iso, (int64_t)u->bytes);
  }
  Value sv = sfi_new(iso);
  if (sv == VAL_EXCEPTION || !sfi_fill(g, sv, fn)) {
    cg->failed = true;
    return VAL_EXCEPTION;
  }
  SharedFunctionInfo *sfi = sfi_of(sv);
  WRITE_FIELD(sfi, sfi->lazy_unit, cg->lazy_unit);
  sfi->lazy_literal_id = (int32_t)fn->function_literal_id;
  lazy_unit_record(((Foreign *)val_to_ptr(cg->lazy_unit))->ptr, cg->in->parse, fn);
  return sv;
}

bool codegen_lazy_tree_kept(Value sv) {
  SharedFunctionInfo *sfi = sfi_of(sv);
  if (!val_is_pointer(sfi->lazy_unit)) return false;
  return ((LazyUnit *)((Foreign *)val_to_ptr(sfi->lazy_unit))->ptr)->parse != NULL;
}

/* --stress-lazy-reparse: drop a tree as soon as nothing reads it. */
static void lazy_unit_stress_drop(LazyUnit *u) {
  if (pt_flags.stress_lazy_reparse && !u->busy && lazy_unit_droppable(u)) lazy_unit_drop_tree(u);
}

void codegen_unit_done(Value unit) {
  if (!val_is_pointer(unit)) return;
  LazyUnit *u = ((Foreign *)val_to_ptr(unit))->ptr;
  if (u->busy > 0) u->busy--;
  lazy_unit_stress_drop(u);
}

static void throw_reparse_error(Isolate *iso, ParseResult *r) {
  if (!r || r->error.kind == PARSE_ERROR_OOM)
    isolate_throw_oom(iso);
  else if (r->error.kind == PARSE_ERROR_RANGE)
    rt_throw_range_error(iso, "%s", r->error.message);
  else /* the text parsed before with the same options: this is an engine bug */
    rt_throw(iso, ERR_ERROR, "lazy compilation could not parse the function again: %s", r->error.message);
}

/* Generates sv's bytecode from fn, a literal of the unit u's tree (u->parse), and marks sv
 * compiled; the unit's busy count is the caller's. Inner functions stay lazy, owned by u. */
static Value lazy_generate(Isolate *iso, Value sv, LazyUnit *u, Value unit, FunctionLiteral *fn) {
  SharedFunctionInfo *sfi = sfi_of(sv);
  if ((int32_t)(fn->source_start + u->source_base) != sfi->start_pos)
    return rt_throw(iso, ERR_ERROR, "lazy compilation lost track of a function (engine bug)");
  CodegenInput in;
  memset(&in, 0, sizeof in);
  in.parse = u->parse;
  in.source = sfi->source;
  in.resource_name = sfi->resource_name;
  in.eval_origin = sfi->eval_origin;
  in.line_offset = u->line_offset;
  in.column_offset = u->column_offset;
  in.source_base = u->source_base;
  in.is_eval = u->is_eval;
  in.eval_direct = u->eval_direct;
  CodeGen cg;
  memset(&cg, 0, sizeof cg);
  cg.iso = iso;
  cg.in = &in;
  cg.lazy_unit = unit;
  Value r = gen_function_into(&cg, NULL, fn, sv);
  if (cg.failed || r == VAL_EXCEPTION) {
    if (!isolate_has_exception(iso)) rt_throw_syntax_error(iso, "code generation failed");
    return VAL_EXCEPTION;
  }
  sfi = sfi_of(sv);
  WRITE_FIELD(sfi, sfi->lazy_unit, VAL_UNDEFINED);
  sfi->lazy_literal_id = -1;
  return sv;
}

/* Compiles sv from a parse of its own source range (its unit's tree was dropped). The new tree
 * gets a unit of its own: sv's lazy inner functions belong to it. */
static Value compile_lazy_alone(Isolate *iso, Value sv, LazyUnit *u, const LazyRecord *rec) {
  SharedFunctionInfo *sfi = sfi_of(sv);
  /* Only the function's own text is copied: the buffer spans the offsets up to its end (so the
   * parse sees the offsets of the whole text), but the parser never reads before the start. */
  Value flat = str_flatten(iso, sfi->source);
  if (flat == VAL_EXCEPTION) return VAL_EXCEPTION;
  size_t len = str_length(flat);
  if (rec->end > len || rec->start >= rec->end)
    return rt_throw(iso, ERR_ERROR, "lazy compilation lost track of a function (engine bug)");
  uint32_t from = rec->start;
  len = rec->end;
  uint16_t *units = malloc((len + 1) * sizeof(uint16_t));
  if (!units) return isolate_throw_oom(iso), VAL_EXCEPTION;
  str_copy_utf16(flat, from, len - from, units + from);
  ParseOptions opts = u->recipe.opts;
  opts.stack_limit = iso->stack_limit;
  FunctionReparse fr;
  memset(&fr, 0, sizeof fr);
  fr.kind = rec->kind;
  fr.fn_flags = rec->fn_flags;
  fr.reparse_bits = rec->bits;
  fr.start = rec->start;
  fr.end = rec->end;
  fr.params_pos = rec->params_pos;
  fr.snapshot = u->snap;
  fr.scope_index = rec->scope_plus1 - 1;
  ParseResult *r = parse_function_at(units, len, &fr, &opts);
  free(units);
  if (!r || !r->ok) {
    throw_reparse_error(iso, r);
    if (r) parse_result_free(r);
    return VAL_EXCEPTION;
  }
  LazyUnits *list = lazy_units_of(iso);
  LazyUnit *u2 = list ? calloc(1, sizeof *u2) : NULL;
  if (!u2) {
    parse_result_free(r);
    return isolate_throw_oom(iso), VAL_EXCEPTION;
  }
  u2->iso = iso;
  if (!lazy_unit_keep_recipe(u2, &u->recipe)) {
    parse_result_free(r);
    lazy_unit_free(u2);
    return isolate_throw_oom(iso), VAL_EXCEPTION;
  }
  u2->alone = true;
  u2->line_offset = u->line_offset;
  u2->column_offset = u->column_offset;
  u2->source_base = u->source_base;
  u2->is_eval = u->is_eval;
  u2->eval_direct = u->eval_direct;
  Foreign *f = foreign_new(iso, u2, lazy_unit_free);
  if (!f) {
    parse_result_free(r);
    lazy_unit_free(u2);
    return VAL_EXCEPTION;
  }
  Value unit2 = val_from_ptr(f); /* on the stack: keeps u2 alive during the compile */
  u2->next = list->head;
  if (list->head) list->head->prev = u2;
  list->head = u2;
  u2->parse = r;
  u2->bytes = r->zone.total;
  u2->used = true;
  u2->busy = 1;
  heap_adjust_external_memory(iso, (int64_t)u2->bytes);
  Value res = lazy_generate(iso, sv, u2, unit2, r->target);
  u2->busy--;
  /* a tree that left no lazy function behind is garbage now */
  if (!u2->lazy_count) lazy_unit_drop_tree(u2);
  else lazy_unit_stress_drop(u2);
  return res;
}

/* The literal of sv with its whole body, from the unit's tree. This is the one place that decides
 * whether the tree holds that body: it does not when the tree was dropped, or when the pre-parser
 * skipped the function (FNF_PREPARSED) or a function around it (its slot is NULL). Then the whole
 * text is parsed again without pre-parsing: only for a function without a per-function record
 * (codegen_compile_lazy uses the record first). NULL with the exception pending. */
static FunctionLiteral *lazy_unit_literal(Isolate *iso, LazyUnit *u, Value sv) {
  uint32_t id = (uint32_t)sfi_of(sv)->lazy_literal_id;
  FunctionLiteral *fn = u->parse && id < u->parse->function_count ? u->parse->functions[id] : NULL;
  if (fn && !(fn->flags & FNF_PREPARSED)) return fn;
  if (u->parse) {
    /* a pre-parsed tree: its creator may still be reading it (busy counts this compile too) */
    ParseResult *old = u->parse;
    size_t old_bytes = u->bytes;
    u->parse = NULL;
    if (u->busy > 1 && !u->preparsed) {
      u->preparsed = old;
    } else {
      parse_result_free(old);
      heap_adjust_external_memory(iso, -(int64_t)old_bytes);
      old_bytes = 0;
    }
    if (!lazy_unit_reparse(iso, u, sfi_of(sv)->source)) {
      u->bytes = old_bytes;
      return NULL;
    }
    u->bytes += old_bytes;
  } else if (!lazy_unit_reparse(iso, u, sfi_of(sv)->source)) {
    return NULL;
  }
  fn = id < u->parse->function_count ? u->parse->functions[id] : NULL;
  if (!fn || (fn->flags & FNF_PREPARSED)) {
    rt_throw(iso, ERR_ERROR, "lazy compilation lost track of a function (engine bug)");
    return NULL;
  }
  return fn;
}

Value codegen_compile_lazy(Isolate *iso, Value sv) {
  SharedFunctionInfo *sfi = sfi_of(sv);
  if (!val_is_pointer(sfi->lazy_unit) || sfi->lazy_literal_id < 0)
    return rt_throw_type_error(iso, "function has no bytecode");
  Value unit = sfi->lazy_unit; /* on the stack: keeps the unit alive during the compile */
  LazyUnit *u = ((Foreign *)val_to_ptr(unit))->ptr;
  uint32_t lid = (uint32_t)sfi->lazy_literal_id;
  FunctionLiteral *in_tree = u->parse && lid < u->parse->function_count ? u->parse->functions[lid] : NULL;
  if (!in_tree || (in_tree->flags & FNF_PREPARSED)) {
    /* the tree was dropped, or the pre-parser skipped this body (or one around it): parse the
     * function's own range */
    if (lid < u->rec_cap && u->recs[lid].scope_plus1 > 0) {
      u->busy++;
      Value r = compile_lazy_alone(iso, sv, u, &u->recs[lid]);
      u->busy--;
      return r;
    }
    if (u->alone) return rt_throw(iso, ERR_ERROR, "lazy compilation lost track of a function (engine bug)");
  }
  u->busy++;
  FunctionLiteral *fn = lazy_unit_literal(iso, u, sv);
  if (!fn) {
    u->busy--;
    return VAL_EXCEPTION;
  }
  u->used = true;
  Value r = lazy_generate(iso, sv, u, unit, fn);
  u->busy--;
  lazy_unit_stress_drop(u);
  return r;
}

Value codegen_program(Isolate *iso, const CodegenInput *in) {
  CodeGen cg;
  memset(&cg, 0, sizeof cg);
  cg.iso = iso;
  cg.in = in;
  cg.lazy_unit = VAL_UNDEFINED;
  /* A module always has a context: it holds the module record that module variable accesses
   * and import.meta reach through the context chain. */
  if (in->parse->program->kind == FN_MODULE) in->parse->program->scope->needs_context = true;
  Value sfi = gen_function(&cg, NULL, in->parse->program);
  if (val_is_pointer(cg.lazy_unit)) lazy_unit_stress_drop(((Foreign *)val_to_ptr(cg.lazy_unit))->ptr);
  if (cg.failed || sfi == VAL_EXCEPTION) {
    if (!isolate_has_exception(iso)) rt_throw_syntax_error(iso, "code generation failed");
    return VAL_EXCEPTION;
  }
  return sfi;
}
