/*
 * Scope analysis: the result the bytecode generator reads.
 *
 * After parsing, every identifier reference (AST_IDENTIFIER, AST_THIS, AST_NEW_TARGET, super's home
 * object, AST_PRIVATE_NAME) is resolved to a Variable or marked global / dynamic (RefKind in ast.h),
 * and every Variable gets a location:
 *   LOC_PARAMETER  the incoming argument slot `index` (simple parameter lists only)
 *   LOC_LOCAL      a register of its function: index in [0, FunctionLiteral.num_locals)
 *   LOC_CONTEXT    slot `index` of its scope's context (scope->needs_context, slots counted from 0
 *                  for the first variable; the generator adds any fixed header slots it uses).
 *                  Chosen when an inner function captures it, or a direct eval / `with` can see it.
 *   LOC_GLOBAL     script top level: var/function -> global object property; let/const/class ->
 *                  script-scope lexical table; both by name at run time
 *   LOC_LOOKUP     declared by sloppy eval code into its caller's var scope (by name at run time)
 *   LOC_MODULE_EXPORT  an exported module top-level binding: cell `index` of the module's local
 *                  export cells (ParseResult.module->local_exports order of first appearance)
 *   LOC_MODULE_IMPORT  an imported binding: `index` into ParseResult.module->imports
 *   LOC_RECEIVER   `this` of a non-derived-constructor function that nothing captures: the receiver
 *
 * Context chain: the generator pushes a context for every scope with needs_context when entering
 * it (function scopes at entry, block scopes at block entry, loop head scopes per iteration when
 * per_iteration). To reach a LOC_CONTEXT variable from a reference, walk
 * scope_context_depth(ref scope, var scope) contexts up.
 *
 * Pre-parsing (DESIGN.md decision 3): see docs/parser.md. Locations depend only on the set of free
 * names each inner function references and on its eval/this/arguments/super usage, which a
 * pre-parser records per skipped function; this module treats a skipped function as exactly that
 * summary.
 */
#ifndef PETREL_PARSING_SCOPES_H
#define PETREL_PARSING_SCOPES_H

#include "ast/ast.h"

typedef enum ScopeType {
  SCOPE_SCRIPT,   /* top level of a script */
  SCOPE_MODULE,   /* top level of a module */
  SCOPE_EVAL,     /* top level of eval code (strict eval: its own var scope) */
  SCOPE_FUNCTION, /* a function: parameters, specials, and vars unless a SCOPE_BODY exists */
  SCOPE_BODY,     /* var scope of a function whose parameters have expressions */
  SCOPE_BLOCK,    /* block, switch case block, for-loop head */
  SCOPE_CATCH,    /* catch parameters */
  SCOPE_WITH,     /* with statement body: every name is dynamic inside */
  SCOPE_CLASS,    /* class: inner name binding, private names */
} ScopeType;

typedef enum VarMode {
  VAR_VAR,        /* var, sloppy function declarations at function level, simple params */
  VAR_LET,
  VAR_CONST,      /* const (TypeError on assignment) */
  VAR_CLASS,      /* class declaration outer binding (let-like) */
  VAR_USING,      /* using / await using (const-like; disposed at scope exit) */
  VAR_PARAM,      /* a formal parameter binding (also destructured parameter names) */
  VAR_FUNCTION,   /* block-level function declaration (lexical, initialized at block entry) */
  VAR_CATCH,      /* catch parameter (let-like, no TDZ) */
  VAR_CLASS_NAME, /* inner class-name binding (const-like, TDZ until the class is created) */
  VAR_FUNCTION_NAME, /* named function expression own binding: assignment ignored (sloppy) /
                        TypeError (strict) */
  VAR_THIS,       /* "this" (in derived constructors: TDZ until super() returns) */
  VAR_NEW_TARGET, /* "new.target" */
  VAR_HOME_OBJECT,/* ".home_object" */
  VAR_ARGUMENTS,  /* "arguments" object */
  VAR_IMPORT,     /* module import binding (immutable, live) */
  VAR_PRIVATE_NAME,   /* #x field: holds the Private Name (private variables are named "#x") */
  VAR_PRIVATE_METHOD, /* #x() {} : holds the method closure (brand checked) */
  VAR_PRIVATE_ACCESSOR, /* get/set #x: holds the getter/setter pair */
  VAR_DEFAULT_EXPORT, /* "*default*" */
  VAR_THIS_FUNCTION,  /* ".this_function" (derived constructors whose arrows call super()) */
} VarMode;

typedef enum VarLocation {
  LOC_UNALLOCATED = 0,
  LOC_PARAMETER,
  LOC_LOCAL,
  LOC_CONTEXT,
  LOC_GLOBAL,
  LOC_LOOKUP,
  LOC_MODULE_EXPORT,
  LOC_MODULE_IMPORT,
  LOC_RECEIVER,
} VarLocation;

struct Variable {
  AstString *name;
  Scope *scope;           /* declaring scope */
  Variable *next;         /* next variable of the same scope, in declaration order */
  uint8_t mode;           /* VarMode */
  uint8_t location;       /* VarLocation */
  int32_t index;          /* meaning depends on location */
  bool needs_tdz;         /* reads must check for the hole (let/const/class/using before init;
                             also the parameters of a list with default values / patterns) */
  bool is_used;           /* referenced at all */
  bool maybe_assigned;    /* assigned after initialization */
  bool captured;          /* referenced from an inner function (=> context allocated) */
  bool is_static_private; /* private methods/accessors: static member */
  FunctionLiteral *function; /* VAR_FUNCTION / hoisted function declarations: the function */
  uint32_t decl_pos;      /* source offset of the declaration */
};

struct Scope {
  uint8_t type;           /* ScopeType */
  bool is_strict;
  bool needs_context;     /* some variable here is LOC_CONTEXT, or a with/eval needs a context here */
  bool calls_eval;        /* a direct eval call in this scope itself */
  bool calls_sloppy_eval; /* ... from sloppy code: it may add var bindings at run time */
  bool inner_calls_eval;  /* a direct eval in this scope or any nested one */
  bool per_iteration;     /* for (let/const ...;;) head scope: copy the context each iteration */
  bool is_declaration_scope; /* a var scope: script, module, eval, function (or body) */
  Scope *outer;
  Scope *first_inner, *next_sibling;
  FunctionLiteral *function; /* the function literal whose code runs this scope */
  Variable *vars;         /* declarations in order */
  uint32_t var_count;
  uint32_t context_slot_count;
  Variable **context_vars; /* context_vars[i] is the variable in context slot i (names for dynamic
                              lookup / debugging); context_slot_count entries */
  FunctionLiteral **hoisted_functions; /* function declarations to instantiate on entry to this scope
                                          (in source order: the generator initializes each binding;
                                          a later one with the same name wins) */
  uint32_t hoisted_count;
  uint32_t start, end;    /* source range */
  ClassLiteral *class_lit; /* SCOPE_CLASS */
};

/* Declaration lists for GlobalDeclarationInstantiation / EvalDeclarationInstantiation, in the order
 * the spec processes them. */
typedef enum DeclInfoKind {
  DINFO_VAR,       /* var name (VarDeclaredNames minus functions) */
  DINFO_FUNCTION,  /* function declaration to instantiate (last one per name; `function` is set) */
  DINFO_LET,
  DINFO_CONST,
  DINFO_CLASS,
  DINFO_ANNEXB_FUNCTION, /* Annex B.3.2.2/B.3.2.3: block function name that also gets a var binding */
  DINFO_USING,
} DeclInfoKind;

typedef struct DeclInfo {
  AstString *name;
  uint8_t kind;            /* DeclInfoKind */
  FunctionLiteral *function; /* DINFO_FUNCTION */
  Variable *var;
} DeclInfo;

typedef struct DeclInfoList {
  DeclInfo *items;
  uint32_t count;
} DeclInfoList;

/* What the enclosing code's scope analysis needs from a function whose body the pre-parser skipped
 * (FunctionLiteral.preparse, FNF_PREPARSED). The function's own analysis ran right after its body
 * was parsed (scopes_preparse_function), so its flags (FNF_USES_*, FNF_CALLS_*, FNF_MAPPED_ARGUMENTS)
 * and its parameters' locations (for the mapped-arguments map of its SharedFunctionInfo) are final.
 * A non-arrow function's this / new.target / arguments / super resolve inside it, so only names
 * cross its boundary. */
typedef struct PreparseData {
  AstNode **free_refs;      /* AST_IDENTIFIER / AST_PRIVATE_NAME references that resolve outside the
                               function, one per name, in the order of their first reference; the
                               enclosing analysis resolves them from the function's scope */
  uint32_t free_count;
  bool inner_calls_eval;    /* a direct eval somewhere inside: every enclosing scope can be seen */
  struct ParseError *error; /* an early error of the declaration pass inside the body, raised when the
                               enclosing analysis reaches the function (the full analysis's order) */
  uint32_t end_id;          /* function_literal_ids (function_literal_id, end_id) were inside the body */
} PreparseData;

/* Number of contexts between `from` (where the code runs) and `to` (a scope with needs_context
 * that encloses it): how many times to follow the previous-context link. */
uint32_t scope_context_depth(const Scope *from, const Scope *to);
/* The closest enclosing declaration (var) scope. */
Scope *scope_declaration_scope(Scope *s);
/* Looks up a name declared directly in s (NULL if none). */
Variable *scope_lookup_local(const Scope *s, const AstString *name);
const char *scope_type_name(ScopeType t);
const char *var_mode_name(VarMode m);
const char *var_location_name(VarLocation l);

/* ---- scope snapshots (per-function reparse, docs/parser.md "Lazy compilation") ----
 * A compact, self-contained copy of the scopes that enclose lazily compiled functions: per scope
 * its type and flags, its function (kind, flags, specials) and every variable with its final mode
 * and location. A later parse of one function's source range rebuilds these scopes as its outer
 * scopes (scopes_synthesize), so that scope analysis resolves and allocates exactly as the whole
 * parse did. Chains are shared: each scope is recorded once per snapshot. */
typedef struct ScopeSnapshot ScopeSnapshot;
ScopeSnapshot *scope_snapshot_new(void);
void scope_snapshot_free(ScopeSnapshot *snap);
/* Records s and the scopes enclosing it; returns s's index, or -1 when out of memory. */
int32_t scope_snapshot_capture(ScopeSnapshot *snap, const Scope *s);
/* The tree the captured pointers came from is freed: forget them (later captures add new copies). */
void scope_snapshot_forget_tree(ScopeSnapshot *snap);
size_t scope_snapshot_bytes(const ScopeSnapshot *snap);

#endif
