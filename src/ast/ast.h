/*
 * The abstract syntax tree of ECMAScript 2025 scripts, modules, eval code and dynamic functions.
 *
 * Everything lives in the parse result's zone (zone.h) and dies with parse_result_free. The tree
 * never touches the JS heap: names and string literals are AstStrings (UTF-16, interned per parse so
 * two equal names are the same pointer), numbers are doubles. The bytecode generator internalizes
 * the strings it emits.
 *
 * Shape: one AstNode struct with a kind, a source range [start, end) in UTF-16 code units of the
 * parsed text, some flags, and a union of per-kind payloads. Lists are zone arrays with a count.
 * Functions and classes carry their own structs (FunctionLiteral, ClassLiteral) because they are
 * compilation units / scope owners. Scopes and variables are in parsing/scopes.h.
 *
 * Stability contract: additive changes only (new kinds go at the end of their group, new fields
 * at the end of their struct).
 */
#ifndef PETREL_AST_AST_H
#define PETREL_AST_AST_H

#include "ast/zone.h"

typedef struct AstNode AstNode;
typedef struct FunctionLiteral FunctionLiteral;
typedef struct ClassLiteral ClassLiteral;
typedef struct Scope Scope;
typedef struct Variable Variable;

/* An interned UTF-16 string: identifier names, string literals, template parts, regexp sources.
 * Within one parse, equal contents <=> same pointer. chars[length] == 0 for convenience. */
typedef struct AstString {
  uint32_t length;
  uint32_t hash;      /* parser-internal hash, not the isolate's string hash */
  bool one_byte;      /* every unit < 256 */
  uint16_t chars[];
} AstString;

typedef struct AstNodeList {
  AstNode **items;
  uint32_t count;
} AstNodeList;

typedef enum AstKind {
  /* ---- expressions ---- */
  AST_NUMBER,          /* number */
  AST_BIGINT,          /* bigint: digits (see payload) */
  AST_STRING,          /* str */
  AST_TEMPLATE,        /* tmpl: untagged `a${b}c` */
  AST_TAGGED_TEMPLATE, /* tagged: tag`...` */
  AST_REGEXP,          /* regexp */
  AST_NULL,
  AST_TRUE,
  AST_FALSE,
  AST_THIS,            /* ref: resolves to the `this` Variable of the closest non-arrow function */
  AST_IDENTIFIER,      /* ref */
  AST_ARRAY,           /* list: elements; NULL item = hole; AST_SPREAD items */
  AST_OBJECT,          /* list: AST_PROPERTY items */
  AST_PROPERTY,        /* prop: one entry of an object literal */
  AST_FUNCTION,        /* func: function / arrow / method expression (FunctionLiteral) */
  AST_CLASS,           /* cls: class expression */
  AST_UNARY,           /* unary: - + ! ~ typeof void delete */
  AST_UPDATE,          /* update: ++x x++ --x x-- */
  AST_BINARY,          /* binary: arithmetic, bitwise, comparison, in, instanceof */
  AST_PRIVATE_IN,      /* private_in: #x in obj */
  AST_LOGICAL,         /* binary with op TOK_AND / TOK_OR / TOK_NULLISH */
  AST_CONDITIONAL,     /* cond: a ? b : c */
  AST_ASSIGN,          /* assign: = and every compound / logical assignment */
  AST_SEQUENCE,        /* list: a, b, c */
  AST_CALL,            /* call: f(...); `optional` set for f?.() */
  AST_NEW,             /* call: new F(...) (args.items may be empty for `new F`) */
  AST_MEMBER,          /* member: a.b, a[b], a.#b; `optional` set for a?.b / a?.[b] / a?.#b */
  AST_SUPER_MEMBER,    /* member (object == NULL): super.x, super[x] */
  AST_SUPER_CALL,      /* call (callee == NULL): super(...) */
  AST_OPTIONAL_CHAIN,  /* chain: the whole a?.b.c(): a nullish link short-circuits to undefined */
  AST_SPREAD,          /* unary.operand: ...x in arrays, calls, new */
  AST_YIELD,           /* yield: yield x / yield* x */
  AST_AWAIT,           /* unary.operand */
  AST_IMPORT_CALL,     /* import_call: import(spec [, options]) */
  AST_IMPORT_META,
  AST_NEW_TARGET,      /* ref: resolves to the `new.target` Variable of the closest non-arrow function */
  AST_PRIVATE_NAME,    /* ref (name includes no '#'): only as key of AST_MEMBER / AST_PRIVATE_IN */

  /* ---- patterns (destructuring targets) ---- */
  AST_OBJECT_PATTERN,  /* pattern: items are AST_PATTERN_PROPERTY; rest target or NULL */
  AST_ARRAY_PATTERN,   /* pattern: items are targets (NULL = elision); rest target or NULL */
  AST_PATTERN_PROPERTY,/* pprop: key: target */
  AST_PATTERN_DEFAULT, /* pdefault: target = default (in patterns and parameters) */

  /* ---- statements ---- */
  AST_VAR_DECL,        /* vardecl: var / let / const / using / await using */
  AST_VAR_DECLARATOR,  /* declarator: target [= init] */
  AST_FUNCTION_DECL,   /* func */
  AST_CLASS_DECL,      /* cls */
  AST_EXPR_STMT,       /* unary.operand */
  AST_EMPTY,
  AST_BLOCK,           /* block */
  AST_IF,              /* if_ */
  AST_DO_WHILE,        /* loop: body, cond */
  AST_WHILE,           /* loop: cond, body */
  AST_FOR,             /* loop: init (AST_VAR_DECL, expression or NULL), cond, update, body */
  AST_FOR_IN,          /* loop: init (AST_VAR_DECL with one declarator, or a target), cond = object */
  AST_FOR_OF,          /* loop: like for-in; is_await for `for await` */
  AST_CONTINUE,        /* jump */
  AST_BREAK,           /* jump */
  AST_RETURN,          /* unary.operand (NULL for bare return) */
  AST_WITH,            /* with: object, body */
  AST_SWITCH,          /* switch_ */
  AST_CASE,            /* case_: test (NULL for default), body */
  AST_LABELED,         /* labeled */
  AST_THROW,           /* unary.operand */
  AST_TRY,             /* try_ */
  AST_DEBUGGER,
  AST_IMPORT_DECL,     /* import_decl */
  AST_EXPORT_DECL,     /* export_decl */
  AST_CLASS_MEMBER,    /* member_: one element of a class body */

  AST_KIND_COUNT
} AstKind;

/* Operators (also used by the scanner as token ids for punctuators). */
typedef enum AstOp {
  OP_NONE = 0,
  /* binary */
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_EXP,
  OP_SHL, OP_SAR, OP_SHR, OP_BIT_AND, OP_BIT_OR, OP_BIT_XOR,
  OP_EQ, OP_NE, OP_STRICT_EQ, OP_STRICT_NE, OP_LT, OP_GT, OP_LE, OP_GE,
  OP_IN, OP_INSTANCEOF,
  /* logical (AST_LOGICAL, and logical assignment) */
  OP_AND, OP_OR, OP_NULLISH,
  /* unary */
  OP_NEG, OP_PLUS, OP_NOT, OP_BIT_NOT, OP_TYPEOF, OP_VOID, OP_DELETE,
  /* update */
  OP_INC, OP_DEC,
  /* assignment: OP_ASSIGN is plain `=`; compound assignments carry the binary/logical op in
   * assign.op with AST_ASSIGN (e.g. `a += b` -> op OP_ADD, `a ??= b` -> op OP_NULLISH). */
  OP_ASSIGN,
  OP_COUNT
} AstOp;

typedef enum AstPropertyKind {
  PROP_INIT,      /* key: value (also shorthand `{a}` with shorthand flag) */
  PROP_PROTO,     /* __proto__: value (non-computed, non-shorthand): sets [[Prototype]] */
  PROP_METHOD,    /* key() {} (value is AST_FUNCTION) */
  PROP_GETTER,
  PROP_SETTER,
  PROP_SPREAD,    /* ...value */
} AstPropertyKind;

typedef enum AstKeyKind {
  KEY_NAMED,      /* identifier name or string literal: key_name */
  KEY_NUMBER,     /* numeric literal key: key_number (also key_name holds its canonical string) */
  KEY_COMPUTED,   /* [expr]: key */
  KEY_PRIVATE,    /* #name: key is an AST_PRIVATE_NAME node */
} AstKeyKind;

typedef enum AstDeclKind {
  DECL_VAR,
  DECL_LET,
  DECL_CONST,
  DECL_USING,
  DECL_AWAIT_USING,
} AstDeclKind;

typedef enum AstMemberKind {
  MEMBER_NAMED,     /* a.b: name */
  MEMBER_COMPUTED,  /* a[b]: key */
  MEMBER_PRIVATE,   /* a.#b: key is an AST_PRIVATE_NAME node */
} AstMemberKind;

typedef enum AstClassMemberKind {
  CMEMBER_METHOD,
  CMEMBER_GETTER,
  CMEMBER_SETTER,
  CMEMBER_FIELD,
  CMEMBER_STATIC_BLOCK,
  CMEMBER_ACCESSOR, /* reserved (decorators proposal); the parser never produces it */
} AstClassMemberKind;

/* How an identifier reference (or this / new.target / private name) was resolved. */
typedef enum RefKind {
  REF_UNRESOLVED = 0, /* before scope analysis only */
  REF_VARIABLE,       /* ref.var is the binding; its location (scopes.h) says where it lives */
  REF_GLOBAL,         /* not declared in any enclosing function/block: global object / script-scope
                         lexical table, by name (for AST_THIS: the realm's global this value, NOT the
                         current receiver: an arrow at top level called with another this must still
                         see the global this; undefined in modules) */
  REF_DYNAMIC,        /* a `with` or sloppy direct eval intervenes: look up by name at run time
                         through the context chain, then the global (for AST_THIS / AST_NEW_TARGET in
                         eval code: look up the names "this" / "new.target"; for an AST_PRIVATE_NAME
                         in direct eval code: the class scope variable named "#" + name) */
} RefKind;

/* Node flags. */
enum {
  AST_FLAG_PARENTHESIZED = 1 << 0, /* the expression was written in parentheses */
  AST_FLAG_SHORTHAND = 1 << 1,     /* AST_PROPERTY / AST_PATTERN_PROPERTY: `{a}` / `{a = 1}` */
  AST_FLAG_STATIC = 1 << 2,        /* AST_CLASS_MEMBER */
  AST_FLAG_IN_TAIL = 1 << 3,       /* reserved */
  AST_FLAG_DIRECT_EVAL = 1 << 4,   /* AST_CALL: a direct eval candidate `eval(...)` (not optional) */
  AST_FLAG_HAS_SPREAD = 1 << 5,    /* AST_CALL / AST_NEW / AST_SUPER_CALL / AST_ARRAY: has ...x */
  AST_FLAG_DIRECTIVE = 1 << 6,     /* AST_EXPR_STMT that is a directive-prologue string */
  AST_FLAG_TRAILING_COMMA = 1 << 7,/* parser-internal: AST_ARRAY / AST_OBJECT / call args ended with ',' */
};

struct AstNode {
  uint8_t kind;  /* AstKind */
  uint8_t flags; /* AST_FLAG_* */
  uint16_t pad_;
  uint32_t start, end; /* source range [start, end) in UTF-16 units of the parsed text */
  union {
    double number;
    struct { AstString *digits; } bigint; /* the literal without separators and `n`; keeps a 0x/0o/0b
                                             prefix (lower-cased) when present, e.g. "0xff", "123" */
    AstString *str;
    struct {
      /* quasi_count cooked/raw parts and quasi_count-1 expressions: q0 ${e0} q1 ... */
      AstString **cooked;  /* NULL entry: invalid escape (allowed only in tagged templates) */
      AstString **raw;     /* raw text with CR / CRLF normalized to LF */
      AstNode **exprs;
      uint32_t quasi_count;
    } tmpl;
    struct {
      AstNode *tag;
      AstNode *tmpl;       /* an AST_TEMPLATE */
      bool optional_chain; /* reserved: `a?.b\`x\`` is a syntax error */
    } tagged;
    struct {
      AstString *pattern;
      AstString *flags;
    } regexp;
    struct {
      AstString *name;   /* identifier / private name (without '#'); "this" / "new.target" */
      Scope *scope;      /* the scope in which the reference occurs */
      Variable *var;     /* the binding when kind == REF_VARIABLE */
      uint8_t kind;      /* RefKind */
    } ref;
    AstNodeList list;
    struct {
      uint8_t kind;      /* AstPropertyKind */
      uint8_t key_kind;  /* AstKeyKind */
      AstString *key_name;
      double key_number;
      AstNode *key;      /* KEY_COMPUTED expression; KEY_PRIVATE name node; else NULL */
      AstNode *value;    /* value expression / AST_FUNCTION for methods and accessors */
    } prop;
    FunctionLiteral *func;
    ClassLiteral *cls;
    struct {
      uint8_t op;        /* AstOp */
      AstNode *operand;
    } unary;
    struct {
      uint8_t op;        /* OP_INC / OP_DEC */
      bool prefix;
      AstNode *target;   /* AST_IDENTIFIER or AST_MEMBER / AST_SUPER_MEMBER */
    } update;
    struct {
      uint8_t op;
      AstNode *left, *right;
    } binary;
    struct {
      AstNode *name;     /* AST_PRIVATE_NAME */
      AstNode *object;
    } private_in;
    struct {
      AstNode *cond, *then, *otherwise;
    } cond;
    struct {
      uint8_t op;        /* OP_ASSIGN, or the binary/logical op of a compound assignment */
      AstNode *target;   /* identifier, member, or (for OP_ASSIGN) an object/array pattern */
      AstNode *value;
    } assign;
    struct {
      AstNode *callee;   /* NULL for AST_SUPER_CALL */
      AstNodeList args;  /* may contain AST_SPREAD */
      bool optional;     /* f?.() */
    } call;
    struct {
      uint8_t member_kind; /* AstMemberKind */
      bool optional;       /* a?.b */
      AstNode *object;     /* NULL for AST_SUPER_MEMBER */
      AstString *name;     /* MEMBER_NAMED */
      AstNode *key;        /* MEMBER_COMPUTED expression; MEMBER_PRIVATE AST_PRIVATE_NAME */
    } member;
    struct {
      AstNode *expression; /* the chain: AST_MEMBER / AST_CALL nodes, some marked optional */
    } chain;
    struct {
      AstNode *argument;   /* NULL for bare yield */
      bool delegate;       /* yield* */
    } yield;
    struct {
      AstNode *specifier;
      AstNode *options;    /* NULL when absent */
      int phase;           /* IMPORT_PHASE_*: import() / import.source() / import.defer() */
    } import_call;
    struct {
      AstNodeList items;   /* see AST_OBJECT_PATTERN / AST_ARRAY_PATTERN */
      AstNode *rest;
    } pattern;
    struct {
      uint8_t key_kind;    /* KEY_NAMED / KEY_NUMBER / KEY_COMPUTED */
      AstString *key_name;
      double key_number;
      AstNode *key;        /* KEY_COMPUTED */
      AstNode *value;      /* target, possibly an AST_PATTERN_DEFAULT */
    } pprop;
    struct {
      AstNode *target;
      AstNode *value;
    } pdefault;
    struct {
      uint8_t decl_kind;   /* AstDeclKind */
      AstNodeList declarators; /* AST_VAR_DECLARATOR */
    } vardecl;
    struct {
      AstNode *target;     /* AST_IDENTIFIER or pattern */
      AstNode *init;       /* NULL when absent */
    } declarator;
    struct {
      AstNodeList body;
      Scope *scope;        /* the block's scope (may have no variables; may be NULL) */
    } block;
    struct {
      AstNode *cond, *then, *otherwise;
    } if_;
    struct {
      AstNode *init, *cond, *update, *body;
      Scope *scope;        /* for(let/const...) / for-in/of with lexical head: the head scope, else NULL.
                              scope->per_iteration is set for `for (let ...;;)` (copy per iteration) */
      bool is_await;       /* for await (... of ...) */
    } loop;
    struct {
      AstString *label;    /* NULL when unlabeled */
      AstNode *target;     /* the loop / switch / labeled statement this break/continue leaves */
    } jump;
    struct {
      AstNode *object, *body;
      Scope *scope;        /* the with scope (a marker: its bindings are dynamic) */
    } with;
    struct {
      AstNode *discriminant;
      AstNodeList cases;   /* AST_CASE */
      Scope *scope;        /* the case block's scope (may have no variables; may be NULL) */
    } switch_;
    struct {
      AstNode *test;       /* NULL for default */
      AstNodeList body;
    } case_;
    struct {
      AstString *label;
      AstNode *body;
    } labeled;
    struct {
      AstNode *block;      /* AST_BLOCK */
      AstNode *param;      /* catch parameter: identifier or pattern; NULL for `catch {` or no catch */
      AstNode *handler;    /* catch body AST_BLOCK, or NULL when there is no catch clause */
      AstNode *finalizer;  /* AST_BLOCK or NULL */
      Scope *catch_scope;  /* scope of the catch parameter(s) AND the handler block's own lexical
                              declarations (handler->u.block.scope is NULL): one scope, one context */
    } try_;
    struct {
      /* import d, * as ns from "m"; import d, {a as b} from "m"; import "m"; */
      AstString *specifier;
      AstNode *default_binding;   /* AST_IDENTIFIER or NULL */
      AstNode *namespace_binding; /* AST_IDENTIFIER or NULL */
      AstString **import_names;   /* named imports: imported name (may be any string) */
      AstNode **local_names;      /* ... and local AST_IDENTIFIER bindings */
      uint32_t named_count;
      AstString **attr_keys, **attr_values; /* with { type: "json" } */
      uint32_t attr_count;
      int phase;                  /* IMPORT_PHASE_*: `import source x` / `import defer * as ns` */
    } import_decl;
    struct {
      /* export_kind says which fields are used:
       *  EXPORT_NAMED:   export { a as b, c };                  local_names/export_names
       *  EXPORT_FROM:    export { a as b } from "m";           import_names(local_names str)/export_names
       *  EXPORT_STAR:    export * from "m"; export * as ns from "m" (export_names[0] or count 0)
       *  EXPORT_DECL:    export var/let/const/function/class ...  declaration
       *  EXPORT_DEFAULT_DECL: export default function/class ...  declaration (name may be anonymous:
       *                  its binding is "*default*")
       *  EXPORT_DEFAULT_EXPR: export default <expr>;              expression */
      uint8_t export_kind;
      AstString *specifier;       /* EXPORT_FROM / EXPORT_STAR */
      AstString **local_names;    /* EXPORT_NAMED: local binding names; EXPORT_FROM: imported names */
      AstString **export_names;
      AstNode **local_refs;       /* EXPORT_NAMED: the resolved AST_IDENTIFIER reference per name */
      uint32_t count;
      AstNode *declaration;       /* EXPORT_DECL / EXPORT_DEFAULT_DECL */
      AstNode *expression;        /* EXPORT_DEFAULT_EXPR */
      Variable *default_var;      /* EXPORT_DEFAULT_EXPR / anonymous default decl: "*default*" */
      AstString **attr_keys, **attr_values;
      uint32_t attr_count;
    } export_decl;
    struct {
      uint8_t member_kind;  /* AstClassMemberKind */
      uint8_t key_kind;     /* AstKeyKind */
      AstString *key_name;  /* KEY_NAMED (also "constructor" is never a member: see ClassLiteral) */
      double key_number;
      AstNode *key;         /* KEY_COMPUTED expression / KEY_PRIVATE AST_PRIVATE_NAME */
      FunctionLiteral *value; /* method / accessor / static block body / field initializer
                                 (kind FN_FIELD_INIT, NULL for a field without initializer) */
      Variable *private_var;  /* KEY_PRIVATE: the private name binding in the class scope */
    } member_;
  } u;
};

/* Import phases (proposals: source phase imports, import defer). */
enum { IMPORT_PHASE_EVALUATION = 0, IMPORT_PHASE_SOURCE = 1, IMPORT_PHASE_DEFER = 2 };

typedef enum AstExportKind {
  EXPORT_NAMED,
  EXPORT_FROM,
  EXPORT_STAR,
  EXPORT_DECL,
  EXPORT_DEFAULT_DECL,
  EXPORT_DEFAULT_EXPR,
} AstExportKind;

/* ---- functions ---- */

typedef enum FunctionKind {
  FN_NORMAL,             /* function declarations and expressions */
  FN_ARROW,
  FN_METHOD,             /* object literal / class methods (have a [[HomeObject]]) */
  FN_GETTER,
  FN_SETTER,
  FN_BASE_CONSTRUCTOR,   /* class constructor of a class without extends */
  FN_DERIVED_CONSTRUCTOR,/* class constructor of a class with extends */
  FN_FIELD_INIT,         /* one class field's initializer: body is a single AST_RETURN of it;
                            called with this = the instance (or the class for static fields) */
  FN_STATIC_BLOCK,       /* static { } block: called with this = the class */
  FN_SCRIPT,             /* top level of a script */
  FN_MODULE,             /* top level of a module (async when it contains top-level await) */
  FN_EVAL,               /* top level of eval code */
} FunctionKind;

/* FunctionLiteral flags. */
enum {
  FNF_STRICT = 1u << 0,
  FNF_GENERATOR = 1u << 1,
  FNF_ASYNC = 1u << 2,
  FNF_EXPRESSION_BODY = 1u << 3,   /* arrow with concise body: body is one AST_RETURN */
  FNF_SIMPLE_PARAMS = 1u << 4,     /* IsSimpleParameterList */
  FNF_HAS_DUPLICATE_PARAMS = 1u << 5,
  FNF_USE_STRICT_DIRECTIVE = 1u << 6, /* the body itself says "use strict" */
  FNF_USES_ARGUMENTS = 1u << 7,    /* arguments_var is set: create an arguments object at entry */
  FNF_MAPPED_ARGUMENTS = 1u << 8,  /* ... and it must be a mapped (sloppy, simple params) one; the
                                      parameters are then all LOC_CONTEXT so arguments[i] can alias
                                      the slot of params.items[i]->u.ref.var (for duplicates, only
                                      the last occurrence of a name is mapped) */
  FNF_USES_THIS = 1u << 9,         /* this function's own `this` is referenced (also from arrows
                                      / eval inside it) */
  FNF_USES_NEW_TARGET = 1u << 10,
  FNF_USES_SUPER_PROPERTY = 1u << 11, /* super.x here or in a nested arrow / eval */
  FNF_HAS_SUPER_CALL = 1u << 12,   /* super() here or in a nested arrow / eval */
  FNF_CALLS_EVAL = 1u << 13,       /* contains a direct eval call (here, not in nested functions) */
  FNF_CALLS_SLOPPY_EVAL = 1u << 14,
  FNF_INNER_CALLS_EVAL = 1u << 15, /* some nested scope/arrow calls eval (so this fn's vars are
                                      context allocated) */
  FNF_IS_DECLARATION = 1u << 16,   /* a function declaration (not an expression) */
  FNF_NAMED_EXPRESSION = 1u << 17, /* a named function expression (has its own name binding) */
  FNF_IS_STATIC = 1u << 18,        /* static class member */
  FNF_HAS_TOP_LEVEL_AWAIT = 1u << 19, /* FN_MODULE: contains await at top level */
  FNF_PARAMS_HAVE_EXPRESSIONS = 1u << 20, /* defaults or computed keys in params: separate var scope */
  FNF_CLASS_MEMBER = 1u << 21,     /* method / accessor / constructor / field init of a class */
  FNF_DEFAULT_CONSTRUCTOR = 1u << 22, /* synthesized constructor (no source of its own) */
  FNF_USES_HOME_OBJECT = 1u << 23, /* needs [[HomeObject]] (super property access anywhere inside) */
  FNF_PREPARSED = 1u << 24,        /* body skipped by the pre-parser: no body, no scopes of its own;
                                      `preparse` holds what the enclosing code's analysis needs */
};

struct FunctionLiteral {
  uint8_t kind;              /* FunctionKind */
  uint32_t flags;            /* FNF_* */
  AstString *name;           /* the binding identifier, NULL when anonymous */
  AstString *inferred_name;  /* for anonymous functions: the name SetFunctionName gives it statically
                                (`var f = function(){}` -> "f", `{a: () => 1}` -> "a", class field,
                                default export "default"). NULL when the name is dynamic (computed
                                key: the generator names it at run time) or none. The "get "/"set "
                                prefix and a private name's '#' are NOT included: add them. */
  AstNodeList params;        /* one entry per formal: AST_IDENTIFIER, pattern, or AST_PATTERN_DEFAULT */
  AstNode *rest;             /* rest parameter target (identifier or pattern), NULL if none */
  AstNodeList body;          /* statements; FN_FIELD_INIT and concise arrows: one AST_RETURN */
  uint32_t length;           /* ExpectedArgumentCount: formals before the first default / rest */
  uint32_t source_start, source_end; /* the function's source text (Function.prototype.toString) */
  uint32_t function_token_pos; /* reserved */
  Scope *scope;              /* the function scope: parameters, specials (this, arguments, ...) and,
                                unless params have expressions, vars and top-level lexicals */
  Scope *body_scope;         /* the scope of the body's vars/lexicals: == scope, or a separate
                                SCOPE_BODY child when FNF_PARAMS_HAVE_EXPRESSIONS; then a body var
                                with a parameter's name starts with that parameter's value
                                (scope_lookup_local(scope, var->name)), per FunctionDeclaration-
                                Instantiation step 28 */
  Variable *decl_var;        /* FNF_IS_DECLARATION: the binding the declaration initializes */
  Variable *annexb_var;      /* sloppy block function (Annex B.3.3): the var-scoped binding to assign
                                the function to when the declaration is evaluated, else NULL. When
                                it is LOC_LOOKUP (sloppy eval) the store must target the var scope
                                directly: a by-name store from inside the block would hit the block's
                                own binding of the same name first */
  Variable *self_var;        /* FNF_NAMED_EXPRESSION: the own-name binding (read-only), NULL when
                                unused / shadowed */
  Variable *this_var;        /* this function's `this` (non-arrow functions; NULL when unused) */
  Variable *arguments_var;   /* FNF_USES_ARGUMENTS */
  Variable *new_target_var;  /* FNF_USES_NEW_TARGET */
  Variable *home_object_var; /* ".home_object": FNF_USES_HOME_OBJECT, holds the closure's [[HomeObject]] */
  ClassLiteral *class_lit;   /* constructors and field initializers: their class */
  FunctionLiteral *outer;    /* the enclosing function literal (NULL for the top level) */
  uint32_t num_locals;       /* registers needed by non-parameter, non-context variables of this
                                function and all its non-function inner scopes */
  uint32_t function_literal_id; /* unique index within the parse (0 = top level), < function_count */
  Variable *this_function_var; /* ".this_function": the closure itself, for super() in arrows/eval
                                  inside a derived constructor (GetSuperConstructor); NULL if unused */
  struct PreparseData *preparse; /* FNF_PREPARSED: the skipped body's summary (scopes.h) */
  /* Per-function reparse (docs/parser.md "Lazy compilation"): how the outer parse saw the
   * literal, so that its source range alone can be parsed again with the same rules. */
  uint32_t params_pos;       /* the `(` of the parameter list (non-arrow functions) */
  uint16_t reparse_bits;     /* FNR_*: the parser state at the literal's start */
};

/* FunctionLiteral.reparse_bits: the enclosing parser state when the literal was created. */
enum {
  FNR_STRICT = 1u << 0,          /* strict code at the literal's start */
  FNR_OUTER_ASYNC = 1u << 1,     /* the enclosing function is async (arrow parameters and bodies) */
  FNR_OUTER_GENERATOR = 1u << 2,
  FNR_NEW_TARGET = 1u << 3,      /* new.target allowed in the enclosing function */
  FNR_SUPER_PROPERTY = 1u << 4,
  FNR_SUPER_CALL = 1u << 5,
  FNR_CLASS_FIELD = 1u << 6,     /* inside a field initializer / static block */
  FNR_STATIC_BLOCK = 1u << 7,
  FNR_NO_IN = 1u << 8,           /* arrow in a for-init: `in` is not an operator in its body */
  FNR_RECORDED = 1u << 15,       /* the bits above were recorded */
};

/* Locating super's home object / new.target / this for a node inside arrows: use the vars of the
 * closest enclosing non-arrow FunctionLiteral (follow ->outer), whose scope declares them; the
 * reference crosses arrow scopes, so those vars are context allocated when an arrow uses them. */

/* ---- classes ---- */

struct ClassLiteral {
  AstString *name;            /* binding identifier, NULL when anonymous */
  AstString *inferred_name;   /* as FunctionLiteral.inferred_name */
  AstNode *extends;           /* heritage expression or NULL */
  FunctionLiteral *constructor; /* explicit or synthesized (FNF_DEFAULT_CONSTRUCTOR) */
  AstNodeList members;        /* AST_CLASS_MEMBER in source order (no constructor) */
  Scope *scope;               /* SCOPE_CLASS: the inner class-name binding and private names */
  Variable *class_var;        /* inner immutable binding of the class name (NULL if anonymous or
                                 unused); lexical, TDZ until the class is defined */
  Variable *decl_var;         /* class declarations: the outer (let-like) binding */
  uint32_t source_start, source_end;
  bool has_instance_fields;   /* instance fields or private methods/accessors: constructors must
                                 initialize them (after super() in derived ones) */
  bool has_private_methods;   /* instance private methods/accessors: brand the instance */
  bool has_static_private_methods;
};

/* Helpers. */
const char *ast_kind_name(AstKind kind);
const char *ast_op_name(AstOp op); /* "+", "typeof", "??", ... */
/* Converts an AstString to UTF-8 (lone surrogates as U+FFFD) into buf (truncating); returns buf. */
char *ast_string_to_utf8(const AstString *s, char *buf, size_t size);
bool ast_string_equals_ascii(const AstString *s, const char *ascii);

#include <stdio.h>
/* --print-ast: V8-style dump of a function literal (and everything nested). */
void ast_print(FILE *out, const FunctionLiteral *fn);

#endif
