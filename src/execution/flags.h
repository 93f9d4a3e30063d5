/*
 * Engine flags, as V8 has them: process-wide, set once before the first isolate is created
 * (petrel_set_flags_from_command_line), read-only afterwards. The list is the single source for
 * parsing and for `petrel --help`.
 *   X(type, c_name, "flag-name", default, "help text")
 * type is BOOL, INT or STRING. Booleans also accept --no-NAME.
 */
#ifndef PETREL_EXECUTION_FLAGS_H
#define PETREL_EXECUTION_FLAGS_H

#include "base/common.h"

#define PT_FLAGS(X)                                                                                \
  X(BOOL, lazy, "lazy", true,                                                                     \
    "generate inner functions' bytecode at their first call (class constructors, field "          \
    "initializers and static blocks excepted); --no-lazy: all when the script is compiled")       \
  X(BOOL, preparse, "preparse", true,                                                            \
    "with --lazy, skip the bodies of lazily compiled inner functions while parsing (pre-parser: "  \
    "early errors and scope summaries only; the first call parses the function's own range)")               \
  X(BOOL, stress_lazy_reparse, "stress-lazy-reparse", false,                                      \
    "drop every parse tree once the code made from it is generated, so that each lazy function "  \
    "is compiled from a reparse of its own source range")                                         \
  X(BOOL, print_ast, "print-ast", false, "print the syntax tree of each compiled function")        \
  X(BOOL, print_bytecode, "print-bytecode", false, "print the bytecode of each compiled function") \
  X(STRING, print_bytecode_filter, "print-bytecode-filter", "*",                                   \
    "print bytecode only for functions with this name ('*' for all)")                              \
  X(BOOL, trace_ic, "trace-ic", false, "trace inline cache state transitions")                    \
  X(BOOL, expose_gc, "expose-gc", false, "install a global gc() function")                        \
  X(BOOL, trace_gc, "trace-gc", false, "print one line per garbage collection")                   \
  X(BOOL, trace_gc_verbose, "trace-gc-verbose", false,                                            \
    "after each --trace-gc line, print each space's used and committed memory")                   \
  X(BOOL, verify_heap, "verify-heap", false, "check the heap after each collection")              \
  X(INT, stress_gc, "stress-gc", 0, "collect garbage every N allocations, moving what may move")  \
  X(BOOL, young_gen, "young-gen", true,                                                          \
    "a moving young generation (scavenges); --no-young-gen: old space only")                      \
  X(INT, max_heap_size, "max-heap-size", 0, "heap limit in MB (0: default)")                      \
  X(INT, min_semi_space_size, "min-semi-space-size", 0,                                            \
    "initial nursery size of the young generation in MB (0: default, 4)")                          \
  X(INT, max_semi_space_size, "max-semi-space-size", 0,                                            \
    "largest nursery size of the young generation in MB (0: default, 16)")                         \
  X(INT, stack_size, "stack-size", 0, "JavaScript stack limit in KB (0: from the thread stack)")  \
  X(BOOL, allow_natives_syntax, "allow-natives-syntax", false, "allow %DebugPrint() and friends")

typedef struct PtFlags {
#define PT_FLAG_FIELD_BOOL(c) bool c;
#define PT_FLAG_FIELD_INT(c) int c;
#define PT_FLAG_FIELD_STRING(c) const char *c;
#define PT_FLAG_FIELD(type, c, name, def, help) PT_FLAG_FIELD_##type(c)
  PT_FLAGS(PT_FLAG_FIELD)
#undef PT_FLAG_FIELD
} PtFlags;

extern PtFlags pt_flags;

/* Parses and removes the engine flags it recognizes from argv; returns the new argc. Unknown
 * --flags are left in place for the caller. */
int flags_parse(int argc, char **argv);
void flags_print_help(void *file);

#endif
