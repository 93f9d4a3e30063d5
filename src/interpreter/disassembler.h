/* --print-bytecode: listings in V8's format (node --print-bytecode). */
#ifndef PETREL_INTERPRETER_DISASSEMBLER_H
#define PETREL_INTERPRETER_DISASSEMBLER_H

#include "interpreter/function-data.h"
#include <stdio.h>

/* Prints the bytecode of a SharedFunctionInfo. */
void disasm_print_function(Isolate *iso, FILE *out, Value sfi);

#endif
