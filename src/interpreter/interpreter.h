/*
 * The bytecode interpreter: runs a bytecode JSFunction (DESIGN.md decision 3).
 * JS-to-JS calls re-enter interpreter_call; every entry checks the native stack, so deep
 * recursion becomes RangeError "Maximum call stack size exceeded", never a crash.
 */
#ifndef PETREL_INTERPRETER_INTERPRETER_H
#define PETREL_INTERPRETER_INTERPRETER_H

#include "runtime/runtime.h"

/* [[Call]] when new_target is undefined, else [[Construct]]. Base constructors allocate `this`
 * from new_target's prototype; derived constructors start with `this` in its TDZ; class
 * constructors throw TypeError on [[Call]]. */
Value interpreter_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv, Value new_target);

/* Per-isolate interpreter state (iso->interpreter): created lazily. */
struct Interpreter;
void interpreter_free_state(Isolate *iso);

#endif
