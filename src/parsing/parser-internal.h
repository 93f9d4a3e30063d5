/*
 * Internals shared by the scanner, the parser and scope analysis. Errors unwind with longjmp to
 * the entry point: every allocation lives in the zone, so nothing leaks.
 */
#ifndef PETREL_PARSING_PARSER_INTERNAL_H
#define PETREL_PARSING_PARSER_INTERNAL_H

#include "parsing/parser.h"

#include <setjmp.h>

typedef enum TokenType {
  TOK_EOF,
  TOK_IDENT,        /* identifiers and all keywords (see Token.kw) */
  TOK_PRIVATE_NAME, /* #x */
  TOK_NUMBER,
  TOK_BIGINT,
  TOK_STRING,
  TOK_TEMPLATE,     /* a template part: ` ... ` or ` ... ${ or } ... ${ or } ... ` */
  TOK_REGEXP,
  /* punctuators */
  TOK_LBRACE, TOK_RBRACE, TOK_LPAREN, TOK_RPAREN, TOK_LBRACKET, TOK_RBRACKET,
  TOK_DOT, TOK_ELLIPSIS, TOK_SEMI, TOK_COMMA, TOK_LT, TOK_GT, TOK_LE, TOK_GE,
  TOK_EQ, TOK_NE, TOK_SEQ, TOK_SNE, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_PERCENT,
  TOK_EXP, TOK_INC, TOK_DEC, TOK_SHL, TOK_SAR, TOK_SHR, TOK_AMP, TOK_PIPE, TOK_CARET,
  TOK_BANG, TOK_TILDE, TOK_AND, TOK_OR, TOK_NULLISH, TOK_QUESTION, TOK_OPTIONAL, TOK_COLON,
  TOK_ASSIGN, TOK_ADD_ASSIGN, TOK_SUB_ASSIGN, TOK_MUL_ASSIGN, TOK_DIV_ASSIGN, TOK_MOD_ASSIGN,
  TOK_EXP_ASSIGN, TOK_SHL_ASSIGN, TOK_SAR_ASSIGN, TOK_SHR_ASSIGN, TOK_AND_ASSIGN,
  TOK_OR_ASSIGN, TOK_XOR_ASSIGN, TOK_LAND_ASSIGN, TOK_LOR_ASSIGN, TOK_NULLISH_ASSIGN,
  TOK_ARROW,
  TOK_COUNT
} TokenType;

/* Keyword ids of identifier tokens (interned names know theirs). */
typedef enum Keyword {
  KW_NONE,
  /* reserved words */
  KW_AWAIT, KW_BREAK, KW_CASE, KW_CATCH, KW_CLASS, KW_CONST, KW_CONTINUE, KW_DEBUGGER,
  KW_DEFAULT, KW_DELETE, KW_DO, KW_ELSE, KW_ENUM, KW_EXPORT, KW_EXTENDS, KW_FALSE, KW_FINALLY,
  KW_FOR, KW_FUNCTION, KW_IF, KW_IMPORT, KW_IN, KW_INSTANCEOF, KW_NEW, KW_NULL, KW_RETURN,
  KW_SUPER, KW_SWITCH, KW_THIS, KW_THROW, KW_TRUE, KW_TRY, KW_TYPEOF, KW_VAR, KW_VOID,
  KW_WHILE, KW_WITH, KW_YIELD,
  /* strict-mode reserved */
  KW_LET, KW_STATIC, KW_IMPLEMENTS, KW_INTERFACE, KW_PACKAGE, KW_PRIVATE, KW_PROTECTED,
  KW_PUBLIC,
  /* contextual */
  KW_AS, KW_ASYNC, KW_FROM, KW_GET, KW_OF, KW_SET, KW_TARGET, KW_META, KW_USING,
  KW_ARGUMENTS, KW_EVAL, KW_CONSTRUCTOR, KW_PROTOTYPE, KW_PROTO, KW_USE_STRICT_, KW_ACCESSOR,
  KW_COUNT
} Keyword;

typedef struct Token {
  uint8_t type;          /* TokenType */
  uint8_t kw;            /* Keyword for TOK_IDENT */
  bool nl_before;        /* a line terminator precedes this token */
  bool escaped;          /* identifier / keyword written with \u escapes; string with escapes */
  bool template_tail;    /* TOK_TEMPLATE ends with ` (not ${) */
  bool legacy_octal;     /* number: 017 / 08 style; string: has \0dd or \8 style escape */
  uint32_t start, end;
  uint32_t octal_pos;    /* position of the legacy octal escape / literal */
  bool octal_89;         /* ... and it is \8 or \9 */
  const char *escape_error; /* template part: message of the first invalid escape */
  uint32_t escape_error_pos;
  double number;
  AstString *str;        /* identifier name, string value, template cooked (NULL: invalid), bigint digits */
  AstString *raw;        /* template raw / regexp flags */
} Token;

typedef struct InternEntry {
  AstString *s;
  uint8_t kw;
} InternEntry;

/* Per-function parsing context. */
typedef struct LabelEntry {
  AstString *name;       /* NULL for an unlabeled breakable (loop / switch) */
  AstNode *node;         /* labeled statement, loop or switch */
  AstNode *loop;         /* for labels: the loop the label directly labels (continue target) */
  bool is_loop;
} LabelEntry;

typedef struct FnState FnState;
struct FnState {
  FnState *outer;
  FunctionLiteral *fn;
  bool is_async, is_generator;
  bool is_arrow;
  bool allow_return;
  bool allow_super_property, allow_super_call, allow_new_target;
  bool in_class_field;   /* field initializer / static block: `arguments` is an error */
  bool in_static_block;  /* `await` is reserved */
  bool in_params;        /* parsing formal parameters: yield / await expressions are errors */
  LabelEntry *labels;
  uint32_t label_count, label_cap;
  uint32_t pending_labels; /* labels at the top not yet bound to a statement */
};

/* Class body parsing context (for private names). */
typedef struct ClassState ClassState;
struct ClassState {
  ClassState *outer;
  ClassLiteral *cls;
};

typedef struct Parser {
  Zone *zone;
  ParseResult *result;
  const ParseOptions *opts;
  jmp_buf *jmp;
  const uint16_t *src;
  uint32_t len;
  uint32_t pos;           /* scanner position */
  Token tok;              /* current token */
  uint32_t prev_end;      /* end of the previous token */
  bool strict;
  bool is_module;
  bool prev_nl;           /* scanner: a line terminator was seen since the previous token */
  bool saw_html_close_ok; /* scanner: at line start (for -->) */
  /* string interning */
  InternEntry *intern;
  uint32_t intern_cap, intern_count;
  AstString *kw_names[KW_COUNT];
  /* scratch buffer for building string values */
  uint16_t *buf;
  uint32_t buf_len, buf_cap;
  /* contexts */
  FnState *fs;
  ClassState *cs;
  int depth;
  uintptr_t stack_limit;
  /* cover grammar: position of the first `{a = 1}` not yet turned into a pattern, or UINT32_MAX */
  uint32_t cover_init_pos;
  bool cover_is_proto;     /* ... and it is a duplicate __proto__, not a shorthand initializer */
  bool cover_ok;
  uint32_t function_count;
  FunctionLiteral **functions; /* functions[id] for each function_literal_id (zone memory) */
  uint32_t functions_cap;
  bool in_template_expr;
  uint32_t case_stmt_depth_; /* depth of a statement directly in a case clause (using is invalid) */
  bool no_in_;
  uint32_t use_strict_pos; /* where the last "use strict" directive was seen */            /* parsing a for-init: `in` is not an operator (arrow bodies inherit) */
  /* scope analysis state (scopes.c) */
  void *sa;
  /* pre-parser (ParseOptions.preparse): the body of a skipped function at skip depth k (k skipped
   * functions around it) goes to skip_zones[k], emptied once its summary is taken; the summary goes
   * to the zone of the code around the function (parse_alloc_summary: skip_zones[k - 1], or the
   * result's zone at depth 0). What outlives every body (interned names, the functions table)
   * goes to the result's zone (parse_alloc_keep). */
  Zone **skip_zones;       /* malloc'd, one Zone per depth reached, each malloc'd */
  uint32_t skip_depth, skip_zone_count;
  bool no_skip_top;        /* Function() constructor: its one function is the code to compile */
  uint32_t pife_at;        /* pre-parser: start of a function expression right after `(`, most
                              likely called at once (`(function () {...})()`): not skipped */
  bool has_no_skip_at;     /* per-function reparse: the function starting at no_skip_at is the
                              code to compile (its inner functions may be skipped) */
  uint32_t no_skip_at;
} Parser;

/* Errors (never return). */
PT_NORETURN void parse_fail_at(Parser *p, uint32_t start, uint32_t end, const char *fmt, ...)
    PT_PRINTF(4, 5);
PT_NORETURN void parse_fail_oom(Parser *p);
PT_NORETURN void parse_fail_unexpected(Parser *p);

void *parse_alloc(Parser *p, size_t size);
void *parse_alloc_keep(Parser *p, size_t size); /* in the result's zone even inside a skipped body */
void *parse_alloc_summary(Parser *p, size_t size); /* in the zone of the code around a skipped body */
PT_NORETURN void parse_fail_with(Parser *p, const ParseError *e);
AstString *parse_intern(Parser *p, const uint16_t *chars, uint32_t len);
AstString *parse_intern_ascii(Parser *p, const char *s);
uint8_t parse_keyword_of(Parser *p, const AstString *s);

/* Scanner (scanner.c). */
void scan_init(Parser *p);
void scan_next(Parser *p);                 /* reads the next token into p->tok */
void scan_regexp(Parser *p);               /* re-scans the current / or /= token as a regexp */
void scan_template_continue(Parser *p);    /* re-scans the current } token as a template part */
/* Saves / restores scanner state for a bounded lookahead. */
typedef struct ScanState {
  uint32_t pos, prev_end;
  Token tok;
  bool prev_nl;
} ScanState;
void scan_save(Parser *p, ScanState *s);
void scan_restore(Parser *p, const ScanState *s);
const char *token_text(TokenType t);
bool scan_is_id_start(uint32_t c);
bool scan_is_id_part(uint32_t c);
bool scan_is_line_terminator(uint32_t c);

/* Scope analysis (scopes.c): declares, resolves, allocates; fails through parse_fail_at. */
void scopes_analyze(Parser *p, FunctionLiteral *program);
/* Pre-parser: analyzes the just parsed function f alone (its body in the current skip zone) and
 * stores its summary (PreparseData, parse_alloc_summary) in f->preparse; never fails (an early error is
 * recorded in the summary). */
void scopes_preparse_function(Parser *p, FunctionLiteral *f);
/* Per-function reparse: the outer scopes of a function rebuilt from a snapshot, and the analysis
 * of that one function inside them. */
Scope *scopes_synthesize(Parser *p, const ScopeSnapshot *snap, int32_t index, FunctionLiteral **innermost_fn,
                         FunctionLiteral **program);
void scopes_analyze_function(Parser *p, FunctionLiteral *f, Scope *outer, FunctionLiteral *outer_fn);

#endif
