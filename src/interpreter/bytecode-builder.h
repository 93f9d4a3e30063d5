/*
 * BytecodeBuilder: collects instructions with symbolic labels, then lays them out, choosing the
 * operand scale (Wide/ExtraWide prefixes) and jump offsets until stable, and produces the
 * BytecodeArray with its constant pool, handler table and source positions.
 *
 * GC: constants live in `const_store`, a heap Value array referenced from this struct, which
 * lives on the C stack of the generator (scanned conservatively).
 */
#ifndef PETREL_INTERPRETER_BYTECODE_BUILDER_H
#define PETREL_INTERPRETER_BYTECODE_BUILDER_H

#include "interpreter/bytecodes.h"
#include "interpreter/function-data.h"
#include "base/vector.h"

typedef struct BcInsn {
  uint16_t op;
  int32_t ops[BC_MAX_OPERANDS];
  int32_t pos; /* source position, SOURCE_POS_STATEMENT_BIT for statements, or -1 */
} BcInsn;

typedef struct BcHandler {
  int start_label, end_label, handler_label;
  int32_t context_reg;
  int prediction;
} BcHandler;

typedef struct BcConstFixup {
  uint32_t const_index;
  int label;
  int base_insn; /* offset is relative to this instruction's start */
} BcConstFixup;

typedef struct BytecodeBuilder {
  Isolate *iso;
  PT_VEC(BcInsn) code;
  PT_VEC(int32_t) labels;     /* label -> instruction index it precedes; -1 unbound */
  PT_VEC(BcHandler) handlers;
  PT_VEC(BcConstFixup) fixups;
  Value const_store;          /* FeedbackVector used as a growable Value array */
  uint32_t const_count;
  int32_t next_reg, max_reg;  /* locals in use / high-water mark */
  int32_t param_count;        /* with this */
  int32_t slot_count;         /* feedback slots */
  int32_t pending_pos;
  int32_t entry_pos;          /* function entry (expression) position at offset 0, or -1 */
  bool failed;                /* out of memory */
  bool dead;                  /* after an unconditional exit, until the next bound label */
  BcInsn sink;                /* where unreachable instructions go */
} BytecodeBuilder;

bool bb_init(BytecodeBuilder *b, Isolate *iso, int param_count_with_this);
void bb_free(BytecodeBuilder *b);

void bb_emit(BytecodeBuilder *b, Bytecode op, ...);
/* Position for the next instruction. */
void bb_set_expr_pos(BytecodeBuilder *b, int32_t pos);
void bb_set_stmt_pos(BytecodeBuilder *b, int32_t pos);

int bb_new_label(BytecodeBuilder *b);
void bb_bind(BytecodeBuilder *b, int label);
/* A jump (any BC_Jump*, incl. JumpLoop: loop depth and slot given) to a label. */
void bb_jump(BytecodeBuilder *b, Bytecode op, int label);
void bb_jump_loop(BytecodeBuilder *b, int label, int depth);
/* Index of the instruction about to be emitted. */
static inline int bb_here(BytecodeBuilder *b) { return (int)b->code.len; }

int bb_alloc_reg(BytecodeBuilder *b);               /* local index */
int bb_alloc_regs(BytecodeBuilder *b, int count);   /* consecutive; first local index */
static inline int32_t bb_reg(int local) { return bc_reg_local(local); }

int bb_slot(BytecodeBuilder *b);
/* Adds a constant (deduplicating strings by identity, numbers by value). */
int bb_const(BytecodeBuilder *b, Value v);
int bb_const_unique(BytecodeBuilder *b, Value v);
/* A constant holding, once laid out, the offset of `label` from instruction `base_insn`. */
static inline Value bb_const_get(BytecodeBuilder *b, int idx) {
  return ((FeedbackVector *)val_to_ptr(b->const_store))->slots[idx];
}
int bb_const_label(BytecodeBuilder *b, int label, int base_insn);

int bb_add_handler(BytecodeBuilder *b, int start, int end, int handler, int32_t context_reg, int prediction);

/* Lays out and allocates; NULL with an exception pending on failure. */
BytecodeArray *bb_finish(BytecodeBuilder *b);

#endif
