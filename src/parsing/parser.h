/*
 * Parser entry points. The front end works on a UTF-16 buffer, never on the JS heap, needs no
 * isolate, and reports bad input as a ParseError (never a crash): the caller turns it into a
 * SyntaxError. The source buffer need not outlive the result (everything is copied to the zone).
 *
 * A successful parse has run scope analysis and variable allocation for the whole program
 * (scopes.h): the result is ready for the bytecode generator.
 */
#ifndef PETREL_PARSING_PARSER_H
#define PETREL_PARSING_PARSER_H

#include "parsing/scopes.h"

typedef struct ParseOptions {
  bool is_module;
  bool strict;              /* start in strict mode (strict eval caller, or --use-strict) */
  bool is_eval;             /* eval code (direct or indirect) */
  bool eval_in_function;    /* direct eval whose caller is inside a (non-arrow chain to a) function */
  bool allow_new_target;    /* direct eval: the caller may use new.target */
  bool allow_super_property;/* direct eval inside a method */
  bool allow_super_call;    /* direct eval inside a derived constructor (or arrows in it) */
  bool allow_arguments;     /* false for eval in a class field initializer (early error) */
  bool in_class_field_init; /* eval inside a class field initializer */
  bool is_direct_eval;      /* direct (sees the caller's scopes: free names are REF_DYNAMIC) */
  bool preparse;            /* skip the bodies of lazily compilable inner functions (pre-parser):
                               they become FNF_PREPARSED literals with a PreparseData summary */
  /* Private names visible to direct eval code inside class bodies (without '#'): */
  const uint16_t *const *private_names;
  const uint32_t *private_name_lengths;
  uint32_t private_name_count;
  int line_offset, column_offset; /* added to reported positions (0, 0 normally) */
  uintptr_t stack_limit;    /* lowest usable native stack address (isolate->stack_limit); 0: the
                               parser allows itself 1 MiB below its entry frame */
} ParseOptions;

typedef enum ParseErrorKind {
  PARSE_ERROR_NONE = 0,
  PARSE_ERROR_SYNTAX,       /* SyntaxError */
  PARSE_ERROR_REFERENCE,    /* ReferenceError (unused by ES2025 early errors; kept for hosts) */
  PARSE_ERROR_RANGE,        /* RangeError "Maximum call stack size exceeded" (nesting too deep) */
  PARSE_ERROR_OOM,          /* out of memory */
} ParseErrorKind;

typedef struct ParseError {
  uint8_t kind;             /* ParseErrorKind */
  char message[256];        /* V8's wording, e.g. "Unexpected token '}'" */
  uint32_t offset, end;     /* offending source range */
  int line, column;         /* 1-based; column in UTF-16 units (offsets already applied) */
} ParseError;

/* Module records (ECMA-262 16.2.1.6), built from the module's import/export declarations. */
typedef struct ModuleRequest {
  AstString *specifier;
  AstString **attr_keys, **attr_values;
  uint32_t attr_count;
} ModuleRequest;

typedef struct ModuleImportEntry {
  uint32_t request;         /* index into requests */
  AstString *import_name;   /* NULL for a namespace import (`* as ns`) */
  AstString *local_name;
  Variable *var;            /* the VAR_IMPORT binding (LOC_MODULE_IMPORT, index = this entry) */
  uint8_t phase;            /* IMPORT_PHASE_* of the declaration */
} ModuleImportEntry;

typedef struct ModuleExportEntry {
  AstString *export_name;   /* NULL for `export * from` */
  AstString *local_name;    /* local exports: the binding ("*default*" for default expressions) */
  AstString *import_name;   /* indirect exports: the imported name; NULL for `export * as ns`-all */
  int32_t request;          /* index into requests, or -1 for local exports */
  Variable *var;            /* local exports: the binding (LOC_MODULE_EXPORT) */
} ModuleExportEntry;

typedef struct ModuleInfo {
  ModuleRequest *requests;  uint32_t request_count;    /* in source order, deduplicated */
  ModuleImportEntry *imports; uint32_t import_count;
  ModuleExportEntry *local_exports; uint32_t local_export_count;
  ModuleExportEntry *indirect_exports; uint32_t indirect_export_count;
  ModuleExportEntry *star_exports; uint32_t star_export_count;
  uint32_t cell_count;      /* number of LOC_MODULE_EXPORT cells */
  bool has_top_level_await;
} ModuleInfo;

typedef struct ParseResult {
  bool ok;
  ParseError error;         /* when !ok */
  FunctionLiteral *program; /* FN_SCRIPT / FN_MODULE / FN_EVAL top-level literal */
  ModuleInfo *module;       /* modules only */
  DeclInfoList decls;       /* script / sloppy eval: declaration instantiation lists */
  uint32_t function_count;  /* number of FunctionLiterals (ids 0 .. count-1) */
  FunctionLiteral **functions; /* functions[id]: the literal with that function_literal_id (the
                                  ids depend only on the source and the options, so a second
                                  parse of the same text numbers its functions the same way) */
  uint32_t preparsed_count; /* functions whose bodies the pre-parser skipped */
  uint32_t *line_starts;    /* offsets where each line starts (line_starts[0] == 0) */
  uint32_t line_count;
  int line_offset, column_offset;
  FunctionLiteral *target;  /* parse_function_at: the function parsed (program is the synthesized
                               top level of its outer scopes) */
  uint32_t scanned_from, scanned_to; /* parse_function_at: the source range the scanner read */
  Zone zone;
} ParseResult;

/* Parses a script, module or eval code. Never returns NULL except when even the result cannot be
 * allocated; otherwise check ->ok. */
ParseResult *parse_program(const uint16_t *src, size_t len, const ParseOptions *opts);
void parse_result_free(ParseResult *r);

/* CreateDynamicFunction (Function / GeneratorFunction / AsyncFunction / AsyncGeneratorFunction
 * constructors). The caller builds the whole source text, e.g.
 *   "function anonymous(" P "\n) {\n" B "\n}"   (with "async function" / "function*" ...)
 * and passes the ranges of P and B within it. The parser checks that P alone parses as
 * FormalParameters and B alone as a FunctionBody of that kind (so P cannot close the parameter
 * list early, nor B the body), then parses the whole text. On success ->program is an FN_SCRIPT
 * whose body is one AST_EXPR_STMT holding the AST_FUNCTION (running it yields the function). */
typedef enum DynamicFunctionKind {
  DYNFN_NORMAL,
  DYNFN_GENERATOR,
  DYNFN_ASYNC,
  DYNFN_ASYNC_GENERATOR,
} DynamicFunctionKind;
ParseResult *parse_dynamic_function(const uint16_t *src, size_t len, size_t params_start,
                                    size_t params_end, size_t body_start, size_t body_end,
                                    DynamicFunctionKind kind, const ParseOptions *opts);

/* Per-function reparse (docs/parser.md "Lazy compilation"): parses the one function literal at
 * `start` (declaration, expression, arrow, method, getter or setter, async / generator variants)
 * of a text parsed before with `opts`, inside outer scopes rebuilt from a snapshot taken when the
 * enclosing code was compiled, so that its scopes, variable locations and function numbering
 * below it are those the whole parse gave. Only the function's range is scanned. On success
 * ->target is the literal; its inner functions are ->functions[] as usual. */
typedef struct FunctionReparse {
  uint8_t kind;             /* FunctionKind of the literal */
  uint32_t fn_flags;        /* its FNF_* flags from the first parse (declaration, async, ...) */
  uint16_t reparse_bits;    /* its FNR_* bits */
  uint32_t start, end, params_pos;
  const ScopeSnapshot *snapshot;
  int32_t scope_index;      /* the snapshot scope the literal appears in */
} FunctionReparse;
ParseResult *parse_function_at(const uint16_t *src, size_t len, const FunctionReparse *fr, const ParseOptions *opts);

/* 1-based line and column (UTF-16 units) of a source offset, with the options' offsets applied. */
void parse_position_to_line_col(const ParseResult *r, uint32_t offset, int *line, int *col);

/* Default options (a sloppy script). */
void parse_options_init(ParseOptions *opts);

#endif
