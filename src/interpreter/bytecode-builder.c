/* Bytecode layout: see bytecode-builder.h. */
#include "interpreter/bytecode-builder.h"
#include "objects/string.h"
#include <stdarg.h>
#include <stdlib.h>

bool bb_init(BytecodeBuilder *b, Isolate *iso, int param_count_with_this) {
  memset(b, 0, sizeof *b);
  b->iso = iso;
  b->param_count = param_count_with_this;
  b->pending_pos = -1;
  b->entry_pos = -1;
  b->const_store = feedback_vector_new(iso, 16);
  return b->const_store != VAL_EXCEPTION;
}

void bb_free(BytecodeBuilder *b) {
  PT_VEC_FREE(&b->code);
  PT_VEC_FREE(&b->labels);
  PT_VEC_FREE(&b->handlers);
  PT_VEC_FREE(&b->fixups);
}

void bb_set_expr_pos(BytecodeBuilder *b, int32_t pos) {
  if (pos < 0) return;
  if (b->pending_pos >= 0 && (b->pending_pos & SOURCE_POS_STATEMENT_BIT)) return;
  b->pending_pos = pos;
}
void bb_set_stmt_pos(BytecodeBuilder *b, int32_t pos) {
  if (pos < 0) return;
  b->pending_pos = pos | SOURCE_POS_STATEMENT_BIT;
}

static BcInsn *push_insn(BytecodeBuilder *b, Bytecode op) {
  if (b->dead) {
    /* Unreachable code is not emitted (V8 drops it too). */
    b->pending_pos = -1;
    return &b->sink;
  }
  if (op == BC_Return || op == BC_Throw || op == BC_ReThrow || op == BC_Jump || op == BC_JumpLoop) b->dead = true;
  BcInsn in;
  memset(&in, 0, sizeof in);
  in.op = (uint16_t)op;
  in.pos = b->pending_pos;
  b->pending_pos = -1;
  if (!PT_VEC_PUSH(&b->code, in)) {
    b->failed = true;
    return NULL;
  }
  return &PT_VEC_LAST(&b->code);
}

void bb_emit(BytecodeBuilder *b, Bytecode op, ...) {
  BcInsn *in = push_insn(b, op);
  if (!in) return;
  va_list ap;
  va_start(ap, op);
  for (int i = 0; i < bc_info[op].operand_count; i++) in->ops[i] = va_arg(ap, int32_t);
  va_end(ap);
}

int bb_new_label(BytecodeBuilder *b) {
  if (!PT_VEC_PUSH(&b->labels, -1)) {
    b->failed = true;
    return 0;
  }
  return (int)b->labels.len - 1;
}
void bb_bind(BytecodeBuilder *b, int label) {
  if (b->failed) return;
  b->labels.data[label] = (int32_t)b->code.len;
  b->dead = false;
}

void bb_jump(BytecodeBuilder *b, Bytecode op, int label) {
  BcInsn *in = push_insn(b, op);
  if (in) in->ops[0] = label;
}
void bb_jump_loop(BytecodeBuilder *b, int label, int depth) {
  int slot = bb_slot(b);
  BcInsn *in = push_insn(b, BC_JumpLoop);
  if (!in) return;
  in->ops[0] = label;
  in->ops[1] = depth;
  in->ops[2] = slot;
}

int bb_alloc_reg(BytecodeBuilder *b) { return bb_alloc_regs(b, 1); }
int bb_alloc_regs(BytecodeBuilder *b, int count) {
  int r = b->next_reg;
  b->next_reg += count;
  if (b->next_reg > b->max_reg) b->max_reg = b->next_reg;
  return r;
}
int bb_slot(BytecodeBuilder *b) { return b->slot_count++; }

static Value *consts(BytecodeBuilder *b) { return ((FeedbackVector *)val_to_ptr(b->const_store))->slots; }

int bb_const_unique(BytecodeBuilder *b, Value v) {
  FeedbackVector *store = (FeedbackVector *)val_to_ptr(b->const_store);
  if (b->const_count == (uint32_t)store->length) {
    Value grown = feedback_vector_new(b->iso, store->length * 2);
    if (grown == VAL_EXCEPTION) {
      b->failed = true;
      return 0;
    }
    store = (FeedbackVector *)val_to_ptr(b->const_store);
    FeedbackVector *g = (FeedbackVector *)val_to_ptr(grown);
    for (uint32_t i = 0; i < b->const_count; i++) WRITE_FIELD(g, g->slots[i], store->slots[i]);
    b->const_store = grown;
    store = g;
  }
  WRITE_FIELD(store, store->slots[b->const_count], v);
  return (int)b->const_count++;
}

int bb_const(BytecodeBuilder *b, Value v) {
  Value *c = consts(b);
  for (uint32_t i = 0; i < b->const_count; i++) {
    if (c[i] == v) return (int)i;
  }
  return bb_const_unique(b, v);
}

int bb_const_label(BytecodeBuilder *b, int label, int base_insn) {
  int idx = bb_const_unique(b, val_from_int(0));
  BcConstFixup f = {(uint32_t)idx, label, base_insn};
  if (!PT_VEC_PUSH(&b->fixups, f)) b->failed = true;
  return idx;
}

int bb_add_handler(BytecodeBuilder *b, int start, int end, int handler, int32_t context_reg, int prediction) {
  BcHandler h = {start, end, handler, context_reg, prediction};
  if (!PT_VEC_PUSH(&b->handlers, h)) b->failed = true;
  return (int)b->handlers.len - 1;
}

/* ---- layout ---- */

static int width_for(int64_t v, bool is_signed) {
  if (is_signed) {
    if (v >= -128 && v <= 127) return 1;
    if (v >= -32768 && v <= 32767) return 2;
    return 4;
  }
  if (v >= 0 && v <= 255) return 1;
  if (v >= 0 && v <= 65535) return 2;
  return 4;
}

static bool is_short_star(const BcInsn *in) {
  return in->op == BC_Star && bc_reg_is_local(in->ops[0]) && bc_reg_local_index(in->ops[0]) < 16;
}

BytecodeArray *bb_finish(BytecodeBuilder *b) {
  Isolate *iso = b->iso;
  if (b->failed) return (BytecodeArray *)(isolate_throw_oom(iso), NULL);
  size_t n = b->code.len;
  uint8_t *scale = calloc(n + 1, 1);
  uint32_t *off = calloc(n + 1, sizeof(uint32_t));
  if (!scale || !off) {
    free(scale);
    free(off);
    isolate_throw_oom(iso);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) scale[i] = 1;
  /* Iterate: operand scales only grow, so this converges. */
  for (int iter = 0; iter < 16; iter++) {
    uint32_t pc = 0;
    for (size_t i = 0; i < n; i++) {
      off[i] = pc;
      BcInsn *in = &b->code.data[i];
      if (is_short_star(in)) {
        pc += 1;
        continue;
      }
      const BytecodeInfo *info = &bc_info[in->op];
      pc += 1 + (scale[i] > 1 ? 1 : 0) + (uint32_t)info->operand_count * scale[i];
    }
    off[n] = pc;
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
      BcInsn *in = &b->code.data[i];
      if (is_short_star(in)) continue;
      const BytecodeInfo *info = &bc_info[in->op];
      int w = 1;
      for (int k = 0; k < info->operand_count; k++) {
        int64_t v = in->ops[k];
        OperandType t = (OperandType)info->operands[k];
        if (t == OPT_JUMP || t == OPT_JUMPBACK) {
          int32_t target = b->labels.data[in->ops[k]];
          v = (int64_t)off[target] - (int64_t)off[i];
          if (t == OPT_JUMPBACK) v = -v;
        }
        int ww = width_for(v, bc_operand_is_signed(t));
        if (ww > w) w = ww;
      }
      if (w > scale[i]) {
        scale[i] = (uint8_t)w;
        changed = true;
      }
    }
    if (!changed) break;
  }
  uint32_t length = off[n];
  /* Positions: one per instruction that carries one. */
  uint32_t npos = b->entry_pos >= 0 ? 1 : 0;
  for (size_t i = 0; i < n; i++)
    if (b->code.data[i].pos >= 0) npos++;
  BytecodeArray *ba = bytecode_array_new(iso, length, b->const_count, (uint32_t)b->handlers.len, npos);
  if (!ba) {
    free(scale);
    free(off);
    return NULL;
  }
  Value *c = consts(b);
  for (uint32_t i = 0; i < b->const_count; i++) WRITE_FIELD(ba, ba->constants[i], c[i]);
  for (size_t i = 0; i < b->fixups.len; i++) {
    BcConstFixup *f = &b->fixups.data[i];
    int32_t target = b->labels.data[f->label];
    ba->constants[f->const_index] = val_from_int((int32_t)(off[target] - off[f->base_insn]));
  }
  uint8_t *bytes = bytecode_bytes(ba);
  SourcePosition *pos = bytecode_positions(ba);
  uint32_t pi = 0;
  if (b->entry_pos >= 0) {
    pos[0].offset = 0;
    pos[0].source_pos = b->entry_pos;
    pi = 1;
  }
  for (size_t i = 0; i < n; i++) {
    BcInsn *in = &b->code.data[i];
    uint8_t *p = bytes + off[i];
    if (in->pos >= 0) {
      pos[pi].offset = (int32_t)off[i];
      pos[pi].source_pos = in->pos;
      pi++;
    }
    if (is_short_star(in)) {
      *p = (uint8_t)(BC_Star0 - bc_reg_local_index(in->ops[0]));
      continue;
    }
    if (scale[i] == 2) *p++ = BC_Wide;
    else if (scale[i] == 4) *p++ = BC_ExtraWide;
    *p++ = (uint8_t)in->op;
    const BytecodeInfo *info = &bc_info[in->op];
    for (int k = 0; k < info->operand_count; k++) {
      int64_t v = in->ops[k];
      OperandType t = (OperandType)info->operands[k];
      if (t == OPT_JUMP || t == OPT_JUMPBACK) {
        int32_t target = b->labels.data[in->ops[k]];
        v = (int64_t)off[target] - (int64_t)off[i];
        if (t == OPT_JUMPBACK) v = -v;
      }
      uint32_t u = (uint32_t)(int32_t)v;
      for (int s = 0; s < scale[i]; s++) *p++ = (uint8_t)(u >> (8 * s));
    }
  }
  HandlerEntry *h = bytecode_handlers(ba);
  for (size_t i = 0; i < b->handlers.len; i++) {
    BcHandler *bh = &b->handlers.data[i];
    h[i].start = (int32_t)off[b->labels.data[bh->start_label]];
    h[i].end = (int32_t)off[b->labels.data[bh->end_label]];
    h[i].handler = (int32_t)off[b->labels.data[bh->handler_label]];
    h[i].context_reg = bh->context_reg;
    h[i].prediction = bh->prediction;
  }
  ba->register_count = b->max_reg;
  ba->param_count = b->param_count;
  ba->feedback_slot_count = b->slot_count;
  free(scale);
  free(off);
  return ba;
}
