/*
 * The bytecode generator: walks a FunctionLiteral (after scope analysis) and produces its
 * SharedFunctionInfo with bytecode; inner functions are compiled eagerly, each into its own
 * SharedFunctionInfo held in the outer constant pool.
 */
#ifndef PETREL_INTERPRETER_CODEGEN_H
#define PETREL_INTERPRETER_CODEGEN_H

#include "interpreter/function-data.h"
#include "parsing/parser.h"

typedef struct CodegenInput {
  ParseResult *parse;
  Value source;        /* the whole source text (String) */
  Value resource_name;
  Value eval_origin;   /* undefined, or the String for SharedFunctionInfo.eval_origin */
  int line_offset, column_offset;
  uint32_t source_base; /* offset of the parsed text within `source` (dynamic functions: 0) */
  bool is_eval;
  bool eval_direct;
} CodegenInput;

/* Returns a SharedFunctionInfo, or VAL_EXCEPTION. */
Value codegen_program(Isolate *iso, const CodegenInput *in);

#endif
