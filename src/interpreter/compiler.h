/*
 * The compiler pipeline: source -> parser (AST) -> bytecode generator -> SharedFunctionInfo,
 * and the closures built from it.
 */
#ifndef PETREL_INTERPRETER_COMPILER_H
#define PETREL_INTERPRETER_COMPILER_H

#include "runtime/runtime.h"

/* Parse + generate; returns the top-level JSFunction (call it with the global this), or
 * VAL_EXCEPTION with a SyntaxError pending whose message location is recorded. */
Value compiler_compile_script(Isolate *iso, Value source, Value resource_name, int line_offset,
                              int column_offset);

/* Module code: parses source as a module and generates its code, then calls
 * make_record(iso, parse result, module function SharedFunctionInfo, data) while the parse result
 * (its ModuleInfo) is alive; returns what make_record returns, or VAL_EXCEPTION with a SyntaxError
 * pending. */
struct ParseResult;
typedef Value (*CompilerModuleRecordFn)(Isolate *iso, const struct ParseResult *parse, Value sfi, void *data);
Value compiler_compile_module(Isolate *iso, Value source, Value resource_name, CompilerModuleRecordFn make_record,
                              void *data);

/* eval. `direct` is true for a direct eval: `context` is the caller's context (its ScopeInfo
 * chain gives the names visible to the eval code), `caller_fn` the calling function (for
 * strictness, this/new.target/home object rules) and `strict` the caller's strictness.
 * For an indirect eval pass direct=false and the other arguments undefined/false.
 * Returns the completion value of the eval code, or VAL_EXCEPTION. A non-string source is
 * returned unchanged (PerformEval step 2). */
Value compiler_eval(Isolate *iso, Value source, bool direct, bool strict, Value context,
                    Value caller_fn, Value this_val, Value new_target);
/* Compiles eval code without running it (the closure to call with the right this). */
Value compiler_compile_eval(Isolate *iso, Value source, bool direct, bool strict, Value context,
                            Value caller_fn);

/* CreateDynamicFunction for Function/GeneratorFunction/AsyncFunction constructors:
 * kind 0 normal, 1 generator, 2 async, 3 async generator. */
Value compiler_create_dynamic_function(Isolate *iso, int kind, int argc, Value *argv, Value new_target);

/* The UTF-16 text of a String in a malloc'd buffer (*len units), or NULL with the exception
 * pending. */
uint16_t *compiler_source_units(Isolate *iso, Value source, size_t *len);

/* The exact source text of a function, for Function.prototype.toString; for natives,
 * "function name() { [native code] }". */
Value compiler_function_source_text(Isolate *iso, Value fn);

#endif
