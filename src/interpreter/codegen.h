/*
 * The bytecode generator: walks a FunctionLiteral (after scope analysis) and produces its
 * SharedFunctionInfo with bytecode; each inner function gets its own SharedFunctionInfo held in
 * the outer constant pool, compiled now (--no-lazy, class constructors, field initializers,
 * static blocks) or at its first call (codegen_compile_lazy).
 */
#ifndef PETREL_INTERPRETER_CODEGEN_H
#define PETREL_INTERPRETER_CODEGEN_H

#include "interpreter/function-data.h"
#include "parsing/parser.h"

/* How the parse result was made, so that lazy compilation can parse the same text again after
 * it dropped the tree (the function ids come out the same). */
typedef struct ParseRecipe {
  ParseOptions opts;      /* stack_limit is refreshed; private names are copied by the user */
  bool dynamic;           /* parse_dynamic_function with the ranges and kind below */
  uint32_t params_start, params_end, body_start, body_end;
  DynamicFunctionKind dynamic_kind;
} ParseRecipe;

typedef struct CodegenInput {
  ParseResult *parse;
  Value source;        /* the whole source text (String) */
  Value resource_name;
  Value eval_origin;   /* undefined, or the String for SharedFunctionInfo.eval_origin */
  int line_offset, column_offset;
  uint32_t source_base; /* offset of the parsed text within `source` (dynamic functions: 0) */
  bool is_eval;
  bool eval_direct;
  /* Lazy compilation (--lazy): when non-NULL, inner functions may be left uncompiled, and then
   * the generator takes ownership of `parse` (their code is generated from it at their first
   * call) and sets *retained: the caller must not free the parse result. With NULL everything
   * is compiled now. */
  bool *retained;
  const ParseRecipe *recipe; /* with `retained`: how to parse the text again; NULL keeps the tree
                                for as long as an uncompiled function needs it */
  Value *retained_unit;      /* with `retained`: set to the unit that owns the tree; the tree stays
                                (is not dropped to be parsed again later) until the caller passes
                                it to codegen_unit_done, after its last use of `parse` */
} CodegenInput;

/* The caller of codegen_program is done with the parse result the generator retained. */
void codegen_unit_done(Value unit);

/* For tests: whether an uncompiled function's parse tree is in memory now (false once a full
 * collection dropped it; its first call parses the text again). */
bool codegen_lazy_tree_kept(Value sfi);

/* Returns a SharedFunctionInfo, or VAL_EXCEPTION. */
Value codegen_program(Isolate *iso, const CodegenInput *in);

/* Generates the bytecode of a SharedFunctionInfo left uncompiled by lazy compilation and
 * installs it (sfi->bytecode). Returns sfi, or VAL_EXCEPTION (RangeError on absurd nesting, out
 * of memory) leaving sfi uncompiled. */
Value codegen_compile_lazy(Isolate *iso, Value sfi);

#endif
