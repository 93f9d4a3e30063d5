/*
 * Interpreter frames. Each activation runs in a C call of interp_run; its register file is a
 * contiguous Value array on the C stack (scanned conservatively by the GC), laid out so that the
 * register operand encoding e (bytecodes.h) addresses rbase[-e]:
 *
 *   index: 0 .. P-1      parameters in reverse order (a(P-2) .. a0, <this>)
 *          P, P+1        unused (e = 1, 0)
 *          P+2           <context>  (e = -1)
 *          P+3           <closure>  (e = -2)
 *          P+4 .. P+6    unused
 *          P+7 ..        r0, r1, ...
 *   rbase = regs + P + 1
 *
 * A generator suspends by copying the whole array into its register store, and resumes by
 * copying it back: frames can be copied out and back (DESIGN.md decision 3).
 */
#ifndef PETREL_INTERPRETER_FRAMES_H
#define PETREL_INTERPRETER_FRAMES_H

#include "interpreter/function-data.h"

typedef struct InterpFrame {
  struct InterpFrame *parent;
  Value function;          /* the running JSFunction */
  BytecodeArray *bytecode;
  const uint8_t *pc;       /* the current instruction (kept up to date at calls and throws) */
  Value *regs;             /* frame base (see above) */
  Value *rbase;
  int frame_size;          /* Values in regs */
  int argc;                /* actual arguments (for `arguments`) */
  Value *argv;
  Value new_target;
  Value generator;         /* the generator object when resuming one, else undefined */
  bool is_construct;
  Realm *caller_realm;      /* the realm current when the call began: errors thrown after the
                              callee's context is gone (a derived constructor's result checks)
                              are the caller's */
} InterpFrame;

typedef struct Interpreter {
  InterpFrame *top;
  uint32_t global_ic_epoch; /* bumped when script-scope lexicals are added (ic/global-ic.h) */
  Value owner;             /* rooted Foreign whose finalizer frees this state with the heap */
} Interpreter;

Interpreter *interp_state(Isolate *iso);
static inline int frame_size_for(int param_count_with_this, int register_count) {
  return param_count_with_this + 7 + register_count;
}

#endif
