/*
 * The interpreter loop (DESIGN.md decision 3): an accumulator plus a register file (frames.h),
 * computed-goto dispatch under GCC/Clang with a switch fallback. JS-to-JS calls re-enter
 * interpreter_call through rt_call, which checks the native stack first.
 */
#include "interpreter/interpreter.h"

#include <pthread.h>
#include "interpreter/bytecodes.h"
#include "interpreter/frames.h"
#include "interpreter/interp-runtime.h"
#include "modules/module.h"
#include "interpreter/interp-elements.h"
#include "interpreter/interp-arith.h"
#include "ic/global-ic.h"
#include "heap/fixed-array.h"
#include "ic/property-ic.h"
#include "execution/realm.h"
#include "objects/bigint.h"
#include "objects/names.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static void free_state_finalizer(void *p) { free(p); }

Interpreter *interp_state(Isolate *iso) {
  if (PT_UNLIKELY(!iso->interpreter)) {
    Interpreter *in = calloc(1, sizeof *in);
    if (!in) PT_FATAL("out of memory creating interpreter state");
    in->owner = VAL_UNDEFINED;
    iso->interpreter = in;
    heap_add_root(iso, &in->owner);
    /* The state lives as long as the heap: a rooted Foreign frees it when the heap goes away
     * (isolate_free does not know about the interpreter). */
    Value saved = iso->pending_exception;
    Foreign *f = foreign_new(iso, in, free_state_finalizer);
    if (f)
      in->owner = val_from_ptr(f);
    else
      iso->pending_exception = saved; /* out of memory: the state is simply never freed */
  }
  return iso->interpreter;
}

void interpreter_free_state(Isolate *iso) {
  Interpreter *in = iso->interpreter;
  if (!in) return;
  heap_remove_root(iso, &in->owner);
  if (val_is_pointer(in->owner)) {
    ((Foreign *)val_to_ptr(in->owner))->finalizer = NULL; /* freed here instead */
  }
  free(in);
  iso->interpreter = NULL;
}

static uint8_t bc_nops[BC_COUNT];
static atomic_bool tables_ready;
static void fill_tables(void) {
  for (int i = 0; i < BC_COUNT; i++) bc_nops[i] = bc_info[i].operand_count;
  atomic_store_explicit(&tables_ready, true, memory_order_release);
}
/* Once per process, whichever thread's isolate runs first (called on every entry: the check is
 * one load). */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static inline void init_tables(void) {
  if (PT_LIKELY(atomic_load_explicit(&tables_ready, memory_order_acquire))) return;
  pthread_once(&tables_once, fill_tables);
}

/* Operand counts by name (BCN_Ldar == 1 ...), for NEXT_OF. */
enum {
#define PT_BC_COUNT_ENUM(name, code, n, ...) BCN_##name = n,
  PT_BYTECODES(PT_BC_COUNT_ENUM)
#undef PT_BC_COUNT_ENUM
};

static inline int32_t rd_op(const uint8_t *p, int scale, bool sgn) {
  if (PT_LIKELY(scale == 1)) return sgn ? (int32_t)(int8_t)p[0] : (int32_t)p[0];
  if (scale == 2) {
    uint16_t v = (uint16_t)(p[0] | (p[1] << 8));
    return sgn ? (int32_t)(int16_t)v : (int32_t)v;
  }
  return (int32_t)((uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24));
}

/* ---- arithmetic slow paths ---- */
/* A binary operator on two numeric values of which at least one is a BigInt. */
static Value binop_bigint(Isolate *iso, Bytecode op, Value a, Value b) {
  if (!val_is_bigint(a) || !val_is_bigint(b))
    return rt_throw_type_error(iso, "Cannot mix BigInt and other types, use explicit conversions");
  switch (op) {
  case BC_Add: return bigint_add(iso, a, b);
  case BC_Sub: return bigint_sub(iso, a, b);
  case BC_Mul: return bigint_mul(iso, a, b);
  case BC_Div: return bigint_div(iso, a, b);
  case BC_Mod: return bigint_rem(iso, a, b);
  case BC_Exp: return bigint_pow(iso, a, b);
  case BC_BitwiseOr: return bigint_or(iso, a, b);
  case BC_BitwiseXor: return bigint_xor(iso, a, b);
  case BC_BitwiseAnd: return bigint_and(iso, a, b);
  case BC_ShiftLeft: return bigint_shift_left(iso, a, b);
  case BC_ShiftRight: return bigint_shift_right(iso, a, b);
  case BC_ShiftRightLogical: return rt_throw_type_error(iso, "BigInts have no unsigned right shift, use >> instead");
  default: PT_UNREACHABLE();
  }
}

static Value binop_numbers(Isolate *iso, Bytecode op, Value a, Value b) {
  Value na = rt_to_numeric(iso, a);
  if (na == VAL_EXCEPTION) return VAL_EXCEPTION;
  Value nb = rt_to_numeric(iso, b);
  if (nb == VAL_EXCEPTION) return VAL_EXCEPTION;
  if (!val_is_number(na) || !val_is_number(nb)) return binop_bigint(iso, op, na, nb);
  double x = val_to_number_unchecked(na), y = val_to_number_unchecked(nb);
  switch (op) {
  case BC_Sub: return val_from_number(x - y);
  case BC_Mul: return val_from_number(x * y);
  case BC_Div: return val_from_number(x / y);
  case BC_Mod: return val_from_number(fmod(x, y));
  case BC_Exp:
    if (isnan(y) || ((x == 1 || x == -1) && isinf(y))) return val_from_double(NAN);
    return val_from_number(pow(x, y));
  default: break;
  }
  int32_t ix, iy;
  uint32_t ux;
  if (op == BC_ShiftRightLogical) {
    if (rt_to_uint32(iso, na, &ux) < 0 || rt_to_int32(iso, nb, &iy) < 0) return VAL_EXCEPTION;
    return val_from_number((double)(ux >> (iy & 31)));
  }
  if (rt_to_int32(iso, na, &ix) < 0 || rt_to_int32(iso, nb, &iy) < 0) return VAL_EXCEPTION;
  switch (op) {
  case BC_BitwiseOr: return val_from_int(ix | iy);
  case BC_BitwiseXor: return val_from_int(ix ^ iy);
  case BC_BitwiseAnd: return val_from_int(ix & iy);
  case BC_ShiftLeft: return val_from_int((int32_t)((uint32_t)ix << (iy & 31)));
  case BC_ShiftRight: return val_from_int(ix >> (iy & 31));
  default: PT_UNREACHABLE();
  }
}

static Value binop(Isolate *iso, Bytecode op, Value a, Value b) {
  if (val_is_int(a) && val_is_int(b)) {
    int64_t x = val_to_int(a), y = val_to_int(b);
    switch (op) {
    case BC_Add: return val_from_number((double)(x + y));
    case BC_Sub: return val_from_number((double)(x - y));
    case BC_Mul: {
      int64_t r = x * y;
      if (r == 0 && (x < 0 || y < 0)) return val_from_double(-0.0);
      return val_from_number((double)r);
    }
    case BC_BitwiseOr: return val_from_int((int32_t)(x | y));
    case BC_BitwiseXor: return val_from_int((int32_t)(x ^ y));
    case BC_BitwiseAnd: return val_from_int((int32_t)(x & y));
    case BC_Mod:
      if (y > 0 && x >= 0) return val_from_int((int32_t)(x % y));
      break;
    default: break;
    }
  }
  if (op == BC_Add) {
    if (val_is_number(a) && val_is_number(b))
      return val_from_number(val_to_number_unchecked(a) + val_to_number_unchecked(b));
    return rt_add(iso, a, b);
  }
  if (val_is_number(a) && val_is_number(b) && op >= BC_Sub && op <= BC_Exp)
    return binop_numbers(iso, op, a, b);
  return binop_numbers(iso, op, a, b);
}

static Value unop_inc(Isolate *iso, Value v, int delta) {
  if (val_is_int(v)) return val_from_number((double)val_to_int(v) + delta);
  Value n = rt_to_numeric(iso, v);
  if (n == VAL_EXCEPTION) return n;
  if (val_is_bigint(n)) return bigint_add_small(iso, n, delta);
  return val_from_number(val_to_number_unchecked(n) + delta);
}

static int compare(Isolate *iso, Bytecode op, Value a, Value b) {
  if (val_is_int(a) && val_is_int(b)) {
    int32_t x = val_to_int(a), y = val_to_int(b);
    switch (op) {
    case BC_TestLessThan: return x < y;
    case BC_TestGreaterThan: return x > y;
    case BC_TestLessThanOrEqual: return x <= y;
    default: return x >= y;
    }
  }
  int r;
  switch (op) {
  case BC_TestLessThan: r = rt_less_than(iso, a, b, true); return r < 0 ? -1 : r == 1;
  case BC_TestGreaterThan: r = rt_less_than(iso, b, a, false); return r < 0 ? -1 : r == 1;
  case BC_TestLessThanOrEqual: r = rt_less_than(iso, b, a, false); return r < 0 ? -1 : r == 0;
  default: r = rt_less_than(iso, a, b, true); return r < 0 ? -1 : r == 0;
  }
}

/* `v instanceof target` for the common case, without a call: target is an ordinary function
 * whose prototype is the running realm's %Function.prototype% and which has no own symbol-keyed
 * property, so GetMethod(target, @@hasInstance) is %Function.prototype%[@@hasInstance] (non-writable
 * and non-configurable, so always OrdinaryHasInstance); its own "prototype" is a data field; and
 * v's prototype chain is made of objects whose [[GetPrototypeOf]] is ordinary. Returns 0 or 1, or
 * -2 when not handled (nothing observable has happened: the generic path starts over). */
static int instance_of_fast(Isolate *iso, Value v, Value target) {
  if (!val_is_pointer(target) || heap_object_type(val_to_ptr(target)) != IT_JS_FUNCTION) return -2;
  Map *m = js_object(target)->map;
  if ((m->bit_field & (MAP_DICTIONARY | MAP_HAS_SYMBOL_KEYS | MAP_EXOTIC)) ||
      m->prototype != iso->realm->intrinsics[INTRINSIC_FUNCTION_PROTOTYPE])
    return -2;
  int i = map_find_descriptor(m, NAME(iso, prototype));
  if (i < 0) return -2;
  int32_t det = map_descriptor_details(m, (uint32_t)i);
  if (det & PD_ACCESSOR) return -2;
  if (!val_is_object(v)) return 0;
  Value p = *prop_ic_field_slot(js_object(target), (uint32_t)det >> PD_FIELD_SHIFT);
  if (!val_is_object(p)) return -2; /* the generic path throws the TypeError */
  Value o = v;
  for (int depth = 0; depth < 4096; depth++) {
    const ObjectOps *ops = object_get_ops(heap_object_type(val_to_ptr(o)));
    if (ops && ops->get_prototype_of) return -2; /* a proxy */
    o = js_object(o)->map->prototype;
    if (o == VAL_NULL) return 0;
    if (o == p) return 1;
  }
  return -2;
}

/* ToBoolean without a call for the common operands (booleans, undefined, null, ints). */
static inline bool to_boolean_fast(Value v) {
  if (v == VAL_TRUE) return true;
  if (v == VAL_FALSE || val_is_nullish(v)) return false;
  if (val_is_int(v)) return val_to_int(v) != 0;
  return rt_to_boolean(v);
}

static int typeof_flag(Isolate *iso, Value v) {
  /* 0 number, 1 string, 2 symbol, 3 boolean, 4 bigint, 5 undefined, 6 function, 7 object */
  if (val_is_number(v)) return 0;
  if (val_is_bool(v)) return 3;
  if (v == VAL_UNDEFINED) return 5;
  if (v == VAL_NULL) return 7;
  if (val_is_string(v)) return 1;
  if (val_is_symbol(v)) return 2;
  if (val_is_bigint(v)) return 4;
  if (obj_is_undetectable(v)) return 5; /* typeof reports "undefined" (Annex B.3.6.3) */
  return val_is_callable(v) ? 6 : 7;
}

static Value delete_property(Isolate *iso, Value base, Value key, bool strict) {
  Value obj = rt_to_object(iso, base);
  if (obj == VAL_EXCEPTION) return VAL_EXCEPTION;
  Value k = rt_to_property_key(iso, key);
  if (k == VAL_EXCEPTION) return VAL_EXCEPTION;
  /* Strict mode throws on a non-configurable property, with V8's description of key and object. */
  int r = strict ? rt_delete_property_or_throw(iso, obj, k) : obj_delete(iso, obj, k);
  if (r < 0) return VAL_EXCEPTION;
  return val_from_bool(r);
}

/* Collects a call's arguments with the last one spread. */
static Value spread_args(Isolate *iso, Value *list, int count) {
  Value arr = array_new(iso, 0);
  if (arr == VAL_EXCEPTION) return arr;
  for (int i = 0; i < count - 1; i++)
    if (array_push(iso, arr, list[i]) < 0) return VAL_EXCEPTION;
  Value args[2] = {arr, list[count - 1]};
  if (interp_call_runtime(iso, NULL, RT_AppendSpread, args, 2) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return arr;
}

/* Is there room for `bytes` more of native stack (above the isolate's limit)? */
static bool stack_room(Isolate *iso, size_t bytes) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  return here > iso->stack_limit && here - iso->stack_limit > bytes + 32768;
}

static Value call_array(Isolate *iso, Value fn, Value this_val, Value arr, Value new_target, bool construct) {
  uint32_t n = array_length(arr);
  if (n > 65535 || !stack_room(iso, (size_t)n * sizeof(Value)))
    return rt_throw_range_error(iso, "Maximum call stack size exceeded");
  Value *argv = alloca(sizeof(Value) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++) {
    argv[i] = obj_get(iso, arr, key_from_index(i), arr);
    if (argv[i] == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  if (construct) return rt_construct(iso, fn, (int)n, argv, new_target);
  return rt_call(iso, fn, this_val, (int)n, argv);
}

static Value do_construct(Isolate *iso, InterpFrame *fr, Value ctor, int argc, Value *argv, Value new_target) {
  if (!val_is_constructor(ctor)) {
    Value t = interp_callee_text_of(iso, fr, ctor);
    char *s = t == VAL_EXCEPTION ? NULL : str_to_utf8(iso, t, NULL);
    Value e = rt_throw_type_error(iso, "%s is not a constructor", s ? s : "expression");
    free(s);
    return e;
  }
  return rt_construct(iso, ctor, argc, argv, new_target);
}

/* A call from bytecode: a bytecode function goes straight to interpreter_call (which checks the
 * stack and polls interrupts itself); natives, bound functions, proxies and non-callables take
 * rt_call or the not-callable error. */
static inline Value call_from_bytecode(Isolate *iso, InterpFrame *fr, Value callee, Value this_val, int argc,
                                       Value *argv) {
  if (PT_LIKELY(val_is_pointer(callee))) {
    HeapObject *h = val_to_ptr(callee);
    if (PT_LIKELY(heap_object_type(h) == IT_JS_FUNCTION)) {
      if (!(((JSFunction *)h)->kind_flags & FUNC_NATIVE))
        return interpreter_call(iso, callee, this_val, argc, argv, VAL_UNDEFINED);
      return rt_call(iso, callee, this_val, argc, argv);
    }
  }
  if (!val_is_callable(callee)) return interp_throw_not_callable(iso, fr, callee);
  return rt_call(iso, callee, this_val, argc, argv);
}

static Value interp_run(Isolate *iso, InterpFrame *fr);

/* Out of memory, caught: the registers of the protected range still hold what it was building
 * (often the very data that filled the heap), and the conservative stack scan would keep it
 * alive while the handler runs. The code generator allocates a catch handler's context register
 * last before the protected range, so every register above it is a temporary of the range, dead
 * at the handler (which writes what it uses first). Only done for the out-of-memory error, the
 * one case where the garbage matters at once. */
static void interp_clear_dead_registers(InterpFrame *fr, BytecodeArray *ba, int handler, int32_t ctx_reg) {
  HandlerEntry *h = bytecode_handlers(ba);
  bool catch_handler = false;
  for (uint32_t i = 0; i < ba->handler_count; i++)
    if (h[i].handler == handler && h[i].context_reg == ctx_reg) catch_handler = h[i].prediction == 1;
  if (!catch_handler) return;
  Value *first = &fr->rbase[-ctx_reg] + 1;
  Value *end = fr->regs + fr->frame_size;
  if (first <= fr->rbase + 6 || first > end) return; /* not a general register: leave alone */
  for (Value *p = first; p < end; p++) *p = VAL_UNDEFINED;
}

/* Finds the handler for the instruction at `offset`: the innermost range (last in the table). */
static int find_handler(BytecodeArray *ba, uint32_t offset, int32_t *context_reg) {
  HandlerEntry *h = bytecode_handlers(ba);
  for (int i = (int)ba->handler_count - 1; i >= 0; i--) {
    if ((uint32_t)h[i].start <= offset && offset < (uint32_t)h[i].end) {
      *context_reg = h[i].context_reg;
      return h[i].handler;
    }
  }
  return -1;
}

#define CURRENT_CONTEXT rbase[1]
#define CLOSURE rbase[2]

static Value interp_run(Isolate *iso, InterpFrame *fr) {
  Interpreter *ist = PT_LIKELY(iso->interpreter != NULL) ? iso->interpreter : interp_state(iso);
  BytecodeArray *ba = fr->bytecode;
  const uint8_t *code = bytecode_bytes(ba);
  const uint8_t *pc = fr->pc;
  Value *rbase = fr->rbase;
  Value *K = ba->constants;
  Value acc = VAL_UNDEFINED;
  int scale = 1;
  fr->parent = ist->top;
  ist->top = fr;
  bool strict = (sfi_of(js_function(fr->function)->shared)->flags & SFI_STRICT) != 0;
  if (fr->generator != VAL_UNDEFINED) acc = ((JSGenerator *)val_to_ptr(fr->generator))->input;

#define UOP(i) rd_op(pc + 1 + (i) * scale, scale, false)
#define SOP(i) rd_op(pc + 1 + (i) * scale, scale, true)
#define REG(i) rbase[-SOP(i)]
#define ADVANCE() (pc += 1 + bc_nops[*pc] * scale, scale = 1)
/* Jump offsets are relative to the start of the instruction, prefix included. */
#define JUMP_BY(off) (pc += (int32_t)(off) - (scale > 1 ? 1 : 0), scale = 1)
/* The hottest handlers advance by their operand count known at compile time (no table load). */
#define NEXT_OF(name)                                                                              \
  do {                                                                                             \
    pc += 1 + BCN_##name * scale;                                                                  \
    scale = 1;                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
#define CHECK(v)                                                                                   \
  do {                                                                                             \
    if (PT_UNLIKELY((v) == VAL_EXCEPTION)) goto exception;                                         \
  } while (0)
#define CHECK_INT(v)                                                                               \
  do {                                                                                             \
    if (PT_UNLIKELY((v) < 0)) goto exception;                                                      \
  } while (0)

#ifdef __GNUC__
  /* Unused opcodes go to L_Illegal; the used ones override that default. */
#pragma GCC diagnostic push
#ifdef __clang__
#pragma GCC diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
  static const void *dispatch_table[BC_COUNT] = {
      [0 ... BC_COUNT - 1] = &&L_Illegal,
#define PT_BC_LABEL(name, code, n, ...) [code] = &&L_##name,
      PT_BYTECODES(PT_BC_LABEL)
#undef PT_BC_LABEL
  };
#pragma GCC diagnostic pop
#define DISPATCH()                                                                                 \
  do {                                                                                             \
    fr->pc = pc;                                                                                   \
    goto *dispatch_table[*pc];                                                                     \
  } while (0)
#define CASE(name) L_##name:
#define NEXT()                                                                                     \
  do {                                                                                             \
    ADVANCE();                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
  DISPATCH();
  {
#else
#define DISPATCH() goto dispatch_top
#define CASE(name) case BC_##name:
#define NEXT()                                                                                     \
  do {                                                                                             \
    ADVANCE();                                                                                     \
    goto dispatch_top;                                                                             \
  } while (0)
dispatch_top:
  fr->pc = pc;
  switch ((Bytecode)*pc) {
#endif
#ifdef __GNUC__
L_Illegal:
#else
  default:
#endif
  PT_FATAL("illegal bytecode %d", *pc);
  CASE(Wide) { pc++; scale = 2; DISPATCH(); }
  CASE(ExtraWide) { pc++; scale = 4; DISPATCH(); }
  CASE(LdaZero) { acc = val_from_int(0); NEXT_OF(LdaZero); }
  CASE(LdaSmi) { acc = val_from_int(SOP(0)); NEXT_OF(LdaSmi); }
  CASE(LdaUndefined) { acc = VAL_UNDEFINED; NEXT_OF(LdaUndefined); }
  CASE(LdaNull) { acc = VAL_NULL; NEXT_OF(LdaNull); }
  CASE(LdaTheHole) { acc = VAL_HOLE; NEXT(); }
  CASE(LdaTrue) { acc = VAL_TRUE; NEXT_OF(LdaTrue); }
  CASE(LdaFalse) { acc = VAL_FALSE; NEXT_OF(LdaFalse); }
  CASE(LdaConstant) { acc = K[UOP(0)]; NEXT_OF(LdaConstant); }
  CASE(LdaGlobal) CASE(LdaGlobalInsideTypeof) {
    Value name = K[UOP(0)];
    Value fv = js_function(fr->function)->feedback;
    Value v;
    if (global_ic_load(iso, fv, (int)UOP(1), name, &v)) {
      acc = v;
    } else {
      acc = interp_load_global(iso, name, *pc == BC_LdaGlobalInsideTypeof);
      CHECK(acc);
      global_ic_update(iso, fv, (int)UOP(1), name);
    }
    NEXT_OF(LdaGlobal);
  }
  CASE(StaGlobal) {
    Value name = K[UOP(0)];
    Value fv = js_function(fr->function)->feedback;
    if (!global_ic_store(iso, fv, (int)UOP(1), name, acc)) {
      CHECK_INT(interp_store_global(iso, name, acc, strict));
      global_ic_update(iso, fv, (int)UOP(1), name);
    }
    NEXT();
  }
  CASE(PushContext) { REG(0) = CURRENT_CONTEXT; CURRENT_CONTEXT = acc; NEXT(); }
  CASE(PopContext) { CURRENT_CONTEXT = REG(0); NEXT(); }
  CASE(LdaContextSlot)
  CASE(LdaImmutableContextSlot) {
    Value c = REG(0);
    for (int32_t d = UOP(2); d > 0; d--) c = context_of(c)->previous;
    acc = *context_slot_ptr(c, UOP(1));
    NEXT_OF(LdaContextSlot);
  }
  CASE(LdaCurrentContextSlot)
  CASE(LdaImmutableCurrentContextSlot) { acc = *context_slot_ptr(CURRENT_CONTEXT, UOP(0)); NEXT_OF(LdaImmutableCurrentContextSlot); }
  CASE(StaContextSlot) {
    Value c = REG(0);
    for (int32_t d = UOP(2); d > 0; d--) c = context_of(c)->previous;
    WRITE_FIELD(val_to_ptr(c), *context_slot_ptr(c, UOP(1)), acc);
    NEXT_OF(StaContextSlot);
  }
  CASE(StaCurrentContextSlot) {
    Value c = CURRENT_CONTEXT;
    WRITE_FIELD(val_to_ptr(c), *context_slot_ptr(c, UOP(0)), acc);
    NEXT_OF(StaCurrentContextSlot);
  }
  CASE(LdaModuleVariable) {
    acc = module_cell(module_from_context(CURRENT_CONTEXT, (int)UOP(1)), (int)SOP(0))->data[0];
    NEXT();
  }
  CASE(StaModuleVariable) {
    FixedArray *cell = module_cell(module_from_context(CURRENT_CONTEXT, (int)UOP(1)), (int)SOP(0));
    WRITE_FIELD(cell, cell->data[0], acc);
    NEXT();
  }
  CASE(LdaLookupSlot) { acc = interp_lookup_slot(iso, CURRENT_CONTEXT, K[UOP(0)], frame_lookup_flags(fr), NULL); CHECK(acc); NEXT(); }
  CASE(LdaLookupSlotInsideTypeof) {
    acc = interp_lookup_slot(iso, CURRENT_CONTEXT, K[UOP(0)], LOOKUP_INSIDE_TYPEOF | frame_lookup_flags(fr), NULL);
    CHECK(acc);
    NEXT();
  }
  CASE(StaLookupSlot) {
    CHECK_INT(interp_store_lookup_slot(iso, CURRENT_CONTEXT, K[UOP(0)], acc, (UOP(1) & 1) != 0));
    NEXT();
  }
  CASE(Ldar) { acc = REG(0); NEXT_OF(Ldar); }
  CASE(Star) { REG(0) = acc; NEXT_OF(Star); }
  CASE(Star15) CASE(Star14) CASE(Star13) CASE(Star12) CASE(Star11) CASE(Star10) CASE(Star9)
  CASE(Star8) CASE(Star7) CASE(Star6) CASE(Star5) CASE(Star4) CASE(Star3) CASE(Star2) CASE(Star1)
  CASE(Star0) {
    rbase[6 + (BC_Star0 - *pc)] = acc;
    pc++;
    scale = 1;
    DISPATCH();
  }
  CASE(Mov) { rbase[-SOP(1)] = REG(0); NEXT_OF(Mov); }
  CASE(GetNamedProperty) {
    Value o = REG(0);
    Value fv = js_function(fr->function)->feedback;
    Value v;
    if (prop_ic_load(fv, (int)UOP(2), o, &v)) {
      acc = v;
    } else {
      acc = interp_get_property(iso, o, K[UOP(1)]);
      CHECK(acc);
      prop_ic_update_load(iso, fv, (int)UOP(2), o, K[UOP(1)]);
    }
    NEXT_OF(GetNamedProperty);
  }
  CASE(GetNamedPropertyFromSuper) {
    /* REG(0) is the receiver; acc holds the home object. */
    Value proto = obj_get_prototype_of(iso, acc);
    CHECK(proto);
    if (val_is_nullish(proto)) {
      acc = rt_throw_type_error(iso, "Cannot read properties of %s", proto == VAL_NULL ? "null" : "undefined");
      goto exception;
    }
    acc = obj_get(iso, proto, K[UOP(1)], REG(0));
    CHECK(acc);
    NEXT();
  }
  CASE(GetKeyedProperty) {
    Value o = REG(0);
    Value key = acc;
    /* Typed arrays and present fast elements: a direct read (interp-elements.h). */
    Value v;
    if (val_is_int(key) && val_to_int(key) >= 0 && val_is_pointer(o) &&
        interp_keyed_load_fast(o, (uint32_t)val_to_int(key), &v)) {
      acc = v;
      NEXT_OF(GetKeyedProperty);
    }
    if (!(val_is_int(key) && val_to_int(key) >= 0)) {
      if (val_is_nullish(o)) {
        acc = interp_get_property(iso, o, key); /* throws the V8 message */
        goto exception;
      }
      key = rt_to_property_key(iso, key);
      CHECK(key);
    }
    acc = interp_get_property(iso, o, key);
    CHECK(acc);
    NEXT_OF(GetKeyedProperty);
  }
  CASE(SetNamedProperty) {
    Value o = REG(0);
    Value fv = js_function(fr->function)->feedback;
    if (!prop_ic_store(fv, (int)UOP(2), o, acc)) {
      Value v = acc;
      Value old_map = val_is_pointer(o) && val_is_object(o) ? val_from_ptr(js_object(o)->map) : VAL_UNDEFINED;
      CHECK_INT(interp_set_property(iso, o, K[UOP(1)], v, strict));
      prop_ic_update_store(iso, fv, (int)UOP(2), o, K[UOP(1)], old_map);
    }
    NEXT_OF(SetNamedProperty);
  }
  CASE(DefineNamedOwnProperty) {
    /* Object literals: the store IC's entries apply (an add transition, or an own field whose
     * attributes are already the defaults, so CreateDataProperty is a plain write). */
    Value o = REG(0);
    Value fv = js_function(fr->function)->feedback;
    if (!prop_ic_store(fv, (int)UOP(2), o, acc)) {
      Value old_map = val_is_pointer(o) && val_is_object(o) ? val_from_ptr(js_object(o)->map) : VAL_UNDEFINED;
      CHECK_INT(rt_create_data_property_or_throw(iso, o, K[UOP(1)], acc));
      prop_ic_update_store(iso, fv, (int)UOP(2), o, K[UOP(1)], old_map);
    }
    NEXT_OF(DefineNamedOwnProperty);
  }
  CASE(SetKeyedProperty) {
    Value o = REG(0), key = REG(1);
    if (val_is_int(key) && val_to_int(key) >= 0 && val_is_pointer(o) &&
        interp_keyed_store_fast(o, (uint32_t)val_to_int(key), acc))
      NEXT_OF(SetKeyedProperty);
    if (!(val_is_int(key) && val_to_int(key) >= 0)) {
      if (val_is_nullish(o)) {
        CHECK_INT(interp_set_property(iso, o, key, acc, strict));
      }
      key = rt_to_property_key(iso, key);
      CHECK(key);
    }
    CHECK_INT(interp_set_property(iso, o, key, acc, strict));
    NEXT_OF(SetKeyedProperty);
  }
  CASE(DefineKeyedOwnProperty)
  CASE(StaInArrayLiteral)
  CASE(DefineKeyedOwnPropertyInLiteral) {
    Value key = REG(1);
    if (!(val_is_int(key) && val_to_int(key) >= 0)) {
      key = rt_to_property_key(iso, key);
      CHECK(key);
    }
    CHECK_INT(rt_create_data_property_or_throw(iso, REG(0), key, acc));
    NEXT();
  }
  /* One handler per operator, so the number fast path (interp-arith.h) folds to that operator. */
#define BINOP_HANDLER(name)                                                                        \
  CASE(name) {                                                                                     \
    Value a_ = REG(0);                                                                             \
    Value r_;                                                                                      \
    if (interp_binop_fast(BC_##name, a_, acc, &r_)) {                                              \
      acc = r_;                                                                                    \
    } else {                                                                                       \
      acc = binop(iso, BC_##name, a_, acc);                                                        \
      CHECK(acc);                                                                                  \
    }                                                                                              \
    NEXT_OF(name);                                                                                 \
  }                                                                                                \
  CASE(name##Smi) {                                                                                \
    Value b_ = val_from_int(SOP(0));                                                               \
    Value r_;                                                                                      \
    if (interp_binop_fast(BC_##name, acc, b_, &r_)) {                                              \
      acc = r_;                                                                                    \
    } else {                                                                                       \
      acc = binop(iso, BC_##name, acc, b_);                                                        \
      CHECK(acc);                                                                                  \
    }                                                                                              \
    NEXT_OF(name##Smi);                                                                            \
  }
  BINOP_HANDLER(Add)
  BINOP_HANDLER(Sub)
  BINOP_HANDLER(Mul)
  BINOP_HANDLER(Div)
  BINOP_HANDLER(Mod)
  BINOP_HANDLER(BitwiseOr)
  BINOP_HANDLER(BitwiseXor)
  BINOP_HANDLER(BitwiseAnd)
  BINOP_HANDLER(ShiftLeft)
  BINOP_HANDLER(ShiftRight)
  BINOP_HANDLER(ShiftRightLogical)
#undef BINOP_HANDLER
  CASE(Exp) {
    acc = binop(iso, BC_Exp, REG(0), acc);
    CHECK(acc);
    NEXT();
  }
  CASE(ExpSmi) {
    acc = binop(iso, BC_Exp, acc, val_from_int(SOP(0)));
    CHECK(acc);
    NEXT();
  }
  CASE(Inc) {
    if (val_is_int(acc) && val_to_int(acc) != INT32_MAX) acc = val_from_int(val_to_int(acc) + 1);
    else { acc = unop_inc(iso, acc, 1); CHECK(acc); }
    NEXT_OF(Inc);
  }
  CASE(Dec) {
    if (val_is_int(acc) && val_to_int(acc) != INT32_MIN) acc = val_from_int(val_to_int(acc) - 1);
    else { acc = unop_inc(iso, acc, -1); CHECK(acc); }
    NEXT_OF(Dec);
  }
  CASE(Negate) {
    if (val_is_int(acc) && val_to_int(acc) != 0 && val_to_int(acc) != INT32_MIN) {
      acc = val_from_int(-val_to_int(acc));
    } else {
      Value n = rt_to_numeric(iso, acc);
      CHECK(n);
      if (val_is_bigint(n)) {
        acc = bigint_negate(iso, n);
        CHECK(acc);
      } else {
        acc = val_from_number(-val_to_number_unchecked(n));
      }
    }
    NEXT();
  }
  CASE(BitwiseNot) {
    Value n = rt_to_numeric(iso, acc);
    CHECK(n);
    if (val_is_bigint(n)) {
      acc = bigint_bitwise_not(iso, n);
      CHECK(acc);
      NEXT();
    }
    int32_t i;
    CHECK_INT(rt_to_int32(iso, n, &i));
    acc = val_from_int(~i);
    NEXT();
  }
  CASE(ToBooleanLogicalNot) { acc = val_from_bool(!to_boolean_fast(acc)); NEXT(); }
  CASE(LogicalNot) { acc = val_from_bool(acc != VAL_TRUE); NEXT_OF(LogicalNot); }
  CASE(ToBoolean) { acc = val_from_bool(to_boolean_fast(acc)); NEXT(); }
  CASE(TypeOf) { acc = rt_typeof(iso, acc); CHECK(acc); NEXT(); }
  CASE(DeletePropertyStrict) { acc = delete_property(iso, REG(0), acc, true); CHECK(acc); NEXT(); }
  CASE(DeletePropertySloppy) { acc = delete_property(iso, REG(0), acc, false); CHECK(acc); NEXT(); }
  CASE(GetSuperConstructor) {
    Value p = obj_get_prototype_of(iso, acc);
    CHECK(p);
    REG(0) = p;
    NEXT();
  }
  CASE(FindNonDefaultConstructorOrConstruct) {
    rt_throw(iso, ERR_ERROR, "FindNonDefaultConstructorOrConstruct is not implemented yet");
    goto exception;
  }
  CASE(CallAnyReceiver) CASE(CallProperty) {
    Value *list = &rbase[-SOP(1)];
    int n = (int)UOP(2);
    Value callee = REG(0);
    acc = call_from_bytecode(iso, fr, callee, list[0], n - 1, list + 1);
    CHECK(acc);
    NEXT();
  }
  CASE(CallProperty0) {
    Value callee = REG(0);
    acc = call_from_bytecode(iso, fr, callee, REG(1), 0, NULL);
    CHECK(acc);
    NEXT();
  }
  CASE(CallProperty1) {
    Value callee = REG(0);
    Value args[1] = {REG(2)};
    acc = call_from_bytecode(iso, fr, callee, REG(1), 1, args);
    CHECK(acc);
    NEXT();
  }
  CASE(CallProperty2) {
    Value callee = REG(0);
    Value args[2] = {REG(2), REG(3)};
    acc = call_from_bytecode(iso, fr, callee, REG(1), 2, args);
    CHECK(acc);
    NEXT();
  }
  CASE(CallUndefinedReceiver) {
    Value callee = REG(0);
    acc = call_from_bytecode(iso, fr, callee, VAL_UNDEFINED, (int)UOP(2), &rbase[-SOP(1)]);
    CHECK(acc);
    NEXT();
  }
  CASE(CallUndefinedReceiver0) {
    Value callee = REG(0);
    acc = call_from_bytecode(iso, fr, callee, VAL_UNDEFINED, 0, NULL);
    CHECK(acc);
    NEXT();
  }
  CASE(CallUndefinedReceiver1) {
    Value callee = REG(0);
    Value args[1] = {REG(1)};
    acc = call_from_bytecode(iso, fr, callee, VAL_UNDEFINED, 1, args);
    CHECK(acc);
    NEXT();
  }
  CASE(CallUndefinedReceiver2) {
    Value callee = REG(0);
    Value args[2] = {REG(1), REG(2)};
    acc = call_from_bytecode(iso, fr, callee, VAL_UNDEFINED, 2, args);
    CHECK(acc);
    NEXT();
  }
  CASE(CallWithSpread) {
    /* The list is receiver, args...; the last argument is spread. */
    Value callee = REG(0);
    Value *list = &rbase[-SOP(1)];
    int n = (int)UOP(2);
    if (!val_is_callable(callee)) { interp_throw_not_callable(iso, fr, callee); goto exception; }
    Value arr = spread_args(iso, list + 1, n - 1);
    CHECK(arr);
    acc = call_array(iso, callee, list[0], arr, VAL_UNDEFINED, false);
    CHECK(acc);
    NEXT();
  }
  CASE(CallRuntime) {
    acc = interp_call_runtime(iso, fr, (int)UOP(0), &rbase[-SOP(1)], (int)UOP(2));
    CHECK(acc);
    NEXT();
  }
  CASE(CallJSRuntime) {
    acc = rt_call(iso, realm_intrinsic(iso->realm, (Intrinsic)UOP(0)), VAL_UNDEFINED, (int)UOP(2), &rbase[-SOP(1)]);
    CHECK(acc);
    NEXT();
  }
  CASE(Construct) {
    acc = do_construct(iso, fr, REG(0), (int)UOP(2), &rbase[-SOP(1)], acc);
    CHECK(acc);
    NEXT();
  }
  CASE(ConstructWithSpread) {
    Value ctor = REG(0);
    Value nt = acc;
    if (!val_is_constructor(ctor)) { do_construct(iso, fr, ctor, 0, NULL, nt); goto exception; }
    Value arr = spread_args(iso, &rbase[-SOP(1)], (int)UOP(2));
    CHECK(arr);
    acc = call_array(iso, ctor, VAL_UNDEFINED, arr, nt, true);
    CHECK(acc);
    NEXT();
  }
  CASE(TestEqual) {
    Value a = REG(0);
    int r = (a == acc && !val_is_double(a)) ? 1
            : (val_is_number(a) && val_is_number(acc)) ? val_to_number_unchecked(a) == val_to_number_unchecked(acc)
            /* null and undefined equal only each other and undetectable objects ($262.IsHTMLDDA) */
            : (val_is_nullish(a) || val_is_nullish(acc))
                ? ((val_is_nullish(a) || obj_is_undetectable(a)) && (val_is_nullish(acc) || obj_is_undetectable(acc)))
                                                         : rt_loose_equals(iso, a, acc);
    CHECK_INT(r);
    acc = val_from_bool(r);
    NEXT_OF(TestEqual);
  }
  CASE(TestEqualStrict) {
    Value a = REG(0);
    /* Equal bits are equal values except NaN; a pointer never equals a non-pointer; two
     * different non-pointer, non-double values (ints, booleans, undefined, null) differ. Only
     * doubles and pairs of heap values (strings, BigInts) need the full comparison. */
    if (a == acc && !val_is_double(a)) acc = VAL_TRUE;
    else if (val_is_pointer(a) != val_is_pointer(acc) && !val_is_double(a) && !val_is_double(acc)) acc = VAL_FALSE;
    else if (!val_is_pointer(a) && !val_is_double(a) && !val_is_double(acc)) acc = VAL_FALSE;
    else acc = val_from_bool(rt_strict_equals(a, acc));
    NEXT_OF(TestEqualStrict);
  }
#define COMPARE_HANDLER(name)                                                                      \
  CASE(name) {                                                                                     \
    Value a_ = REG(0);                                                                             \
    int r_ = interp_compare_fast(BC_##name, a_, acc);                                              \
    if (r_ < 0) {                                                                                  \
      r_ = compare(iso, BC_##name, a_, acc);                                                       \
      CHECK_INT(r_);                                                                               \
    }                                                                                              \
    acc = val_from_bool(r_);                                                                       \
    NEXT_OF(name);                                                                                 \
  }
  COMPARE_HANDLER(TestLessThan)
  COMPARE_HANDLER(TestGreaterThan)
  COMPARE_HANDLER(TestLessThanOrEqual)
  COMPARE_HANDLER(TestGreaterThanOrEqual)
#undef COMPARE_HANDLER
  CASE(TestReferenceEqual) { acc = val_from_bool(REG(0) == acc); NEXT_OF(TestReferenceEqual); }
  CASE(TestInstanceOf) {
    int r = instance_of_fast(iso, REG(0), acc);
    if (r == -2) r = rt_instance_of(iso, REG(0), acc);
    CHECK_INT(r);
    acc = val_from_bool(r);
    NEXT();
  }
  CASE(TestIn) {
    int r = rt_has_property_op(iso, REG(0), acc);
    CHECK_INT(r);
    acc = val_from_bool(r);
    NEXT();
  }
  CASE(TestUndetectable) { acc = val_from_bool(val_is_nullish(acc) || obj_is_undetectable(acc)); NEXT(); }
  CASE(TestNull) { acc = val_from_bool(acc == VAL_NULL); NEXT_OF(TestNull); }
  CASE(TestUndefined) { acc = val_from_bool(acc == VAL_UNDEFINED); NEXT_OF(TestUndefined); }
  CASE(TestTypeOf) { acc = val_from_bool(typeof_flag(iso, acc) == (int)UOP(0)); NEXT(); }
  CASE(ToName) { acc = rt_to_property_key(iso, acc); CHECK(acc); NEXT(); }
  CASE(ToNumber) {
    if (!val_is_number(acc)) { acc = rt_to_number(iso, acc); CHECK(acc); }
    NEXT();
  }
  CASE(ToNumeric) {
    if (!val_is_number(acc)) { acc = rt_to_numeric(iso, acc); CHECK(acc); }
    NEXT();
  }
  CASE(ToObject) {
    Value o = rt_to_object(iso, acc);
    CHECK(o);
    REG(0) = o;
    NEXT();
  }
  CASE(ToString) {
    if (!val_is_string(acc)) { acc = rt_to_string(iso, acc); CHECK(acc); }
    NEXT();
  }
  CASE(CreateRegExpLiteral) {
    acc = interp_regexp_literal(iso, K[UOP(0)], val_from_int((int32_t)UOP(2)));
    CHECK(acc);
    NEXT();
  }
  CASE(CreateArrayLiteral) CASE(CreateObjectLiteral) CASE(CloneObject) {
    rt_throw(iso, ERR_ERROR, "literal boilerplates are not implemented yet");
    goto exception;
  }
  CASE(CreateArrayFromIterable) {
    Value arr = array_new(iso, 0);
    CHECK(arr);
    Value args[2] = {arr, acc};
    CHECK(interp_call_runtime(iso, fr, RT_AppendSpread, args, 2));
    acc = arr;
    NEXT();
  }
  CASE(CreateEmptyArrayLiteral) { acc = array_new(iso, 0); CHECK(acc); NEXT(); }
  CASE(CreateEmptyObjectLiteral) { acc = obj_new_plain(iso); CHECK(acc); NEXT(); }
  CASE(GetTemplateObject) { acc = interp_template_object(iso, fr, K[UOP(0)], (int)UOP(1)); CHECK(acc); NEXT(); }
  CASE(CreateClosure) {
    acc = interp_new_closure(iso, fr, K[UOP(0)], CURRENT_CONTEXT, (int)UOP(1));
    CHECK(acc);
    NEXT();
  }
  CASE(CreateBlockContext) {
    Value si = K[UOP(0)];
    acc = context_new(iso, si, CURRENT_CONTEXT, scope_info_of(si)->slot_count);
    CHECK(acc);
    NEXT();
  }
  CASE(CreateCatchContext) {
    Value si = K[UOP(1)];
    Value exc = REG(0);
    acc = context_new(iso, si, CURRENT_CONTEXT, scope_info_of(si)->slot_count);
    CHECK(acc);
    if (context_of(acc)->length > 0) WRITE_FIELD(val_to_ptr(acc), context_of(acc)->vars[0], exc);
    NEXT();
  }
  CASE(CreateFunctionContext) CASE(CreateEvalContext) {
    acc = context_new(iso, K[UOP(0)], CURRENT_CONTEXT, (int)UOP(1));
    CHECK(acc);
    NEXT();
  }
  CASE(CreateWithContext) {
    Value obj = REG(0);
    acc = context_new(iso, K[UOP(1)], CURRENT_CONTEXT, 0);
    CHECK(acc);
    WRITE_FIELD(val_to_ptr(acc), context_of(acc)->extension, obj);
    NEXT();
  }
  CASE(CreateMappedArguments) { acc = interp_create_arguments(iso, fr, true); CHECK(acc); NEXT(); }
  CASE(CreateUnmappedArguments) { acc = interp_create_arguments(iso, fr, false); CHECK(acc); NEXT(); }
  CASE(CreateRestParameter) { acc = interp_create_rest(iso, fr); CHECK(acc); NEXT(); }
  CASE(JumpLoop) {
    if (!isolate_poll(iso)) goto exception;
    JUMP_BY(-UOP(0));
    DISPATCH();
  }
#define JUMP_IF(cond)                                                                              \
  do {                                                                                             \
    if (cond) {                                                                                    \
      JUMP_BY(UOP(0));                                                                             \
      DISPATCH();                                                                                  \
    }                                                                                              \
    NEXT_OF(Jump);                                                                                 \
  } while (0)
  CASE(Jump) { JUMP_BY(UOP(0)); DISPATCH(); }
  CASE(JumpIfToBooleanTrue) JUMP_IF(to_boolean_fast(acc));
  CASE(JumpIfToBooleanFalse) JUMP_IF(!to_boolean_fast(acc));
  CASE(JumpIfTrue) JUMP_IF(acc == VAL_TRUE);
  CASE(JumpIfFalse) JUMP_IF(acc == VAL_FALSE);
  CASE(JumpIfNull) JUMP_IF(acc == VAL_NULL);
  CASE(JumpIfNotNull) JUMP_IF(acc != VAL_NULL);
  CASE(JumpIfUndefined) JUMP_IF(acc == VAL_UNDEFINED);
  CASE(JumpIfNotUndefined) JUMP_IF(acc != VAL_UNDEFINED);
  CASE(JumpIfUndefinedOrNull) JUMP_IF(val_is_nullish(acc));
  CASE(JumpIfJSReceiver) JUMP_IF(val_is_pointer(acc) && val_is_object(acc));
  CASE(SwitchOnSmiNoFeedback) {
    /* acc - base indexes a table of jump offsets in the constant pool. */
    if (val_is_int(acc)) {
      int32_t i = val_to_int(acc) - SOP(2);
      if (i >= 0 && i < (int32_t)UOP(1)) {
        JUMP_BY(val_to_int(K[UOP(0) + i]));
        DISPATCH();
      }
    }
    NEXT();
  }
  CASE(ForInEnumerate) { acc = interp_for_in_enumerate(iso, REG(0)); CHECK(acc); NEXT(); }
  CASE(ForInPrepare) {
    Value *t = &rbase[-SOP(0)];
    t[0] = acc;
    t[1] = acc;
    t[2] = val_from_int((int32_t)array_length(acc));
    NEXT();
  }
  CASE(ForInNext) {
    Value recv = REG(0);
    int32_t idx = val_to_int(REG(1));
    Value keys = REG(2);
    Value key = obj_get(iso, keys, key_from_index((uint32_t)idx), keys);
    CHECK(key);
    /* Skip keys deleted during the loop. */
    Value obj = recv;
    int has = 1;
    if (val_is_object(obj)) has = obj_has_property(iso, obj, key_from_string(iso, key));
    CHECK_INT(has);
    acc = has ? key : VAL_UNDEFINED;
    NEXT();
  }
  CASE(ForInContinue) { acc = val_from_bool(val_to_int(REG(0)) < val_to_int(REG(1))); NEXT(); }
  CASE(ForInStep) { acc = val_from_int(val_to_int(REG(0)) + 1); NEXT(); }
  CASE(SetPendingMessage) {
    Value prev = iso->pending_message;
    iso->pending_message = acc;
    acc = prev;
    NEXT();
  }
  CASE(Throw) { isolate_throw(iso, acc); goto exception; }
  CASE(ReThrow) {
    if (isolate_is_termination(iso, acc)) iso->terminating = true;
    iso->pending_exception = acc;
    goto exception;
  }
  CASE(Return) { goto done; }
  CASE(ThrowReferenceErrorIfHole) {
    if (acc == VAL_HOLE) {
      char *s = str_to_utf8(iso, K[UOP(0)], NULL);
      rt_throw_reference_error(iso, "Cannot access '%s' before initialization", s ? s : "?");
      free(s);
      goto exception;
    }
    NEXT();
  }
  CASE(ThrowSuperNotCalledIfHole) {
    if (acc == VAL_HOLE) {
      /* In a derived constructor a Return right after the check is its result check (every
       * return goes through the one check before the shared Return): [[Construct]] reads the
       * this binding after leaving the callee, so the error is the caller realm's. */
      Realm *realm = iso->realm;
      if (pc[1] == BC_Return && (sfi_of(js_function(fr->function)->shared)->flags & SFI_DERIVED))
        iso->realm = fr->caller_realm;
      rt_throw_reference_error(iso, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
      iso->realm = realm;
      goto exception;
    }
    NEXT();
  }
  CASE(ThrowSuperAlreadyCalledIfNotHole) {
    if (acc != VAL_HOLE) {
      rt_throw_reference_error(iso, "Super constructor may only be called once");
      goto exception;
    }
    NEXT();
  }
  CASE(ThrowIfNotSuperConstructor) {
    if (!val_is_constructor(REG(0))) {
      interp_throw_not_super_constructor(iso, fr, REG(0));
      goto exception;
    }
    NEXT();
  }
  CASE(SwitchOnGeneratorState) {
    Value g = REG(0);
    if (g != VAL_UNDEFINED && fr->generator != VAL_UNDEFINED) {
      JSGenerator *gen = (JSGenerator *)val_to_ptr(g);
      int32_t id = val_to_int(gen->continuation);
      gen->state = val_from_int(GEN_EXECUTING);
      JUMP_BY(val_to_int(K[UOP(1) + id]));
      DISPATCH();
    }
    NEXT();
  }
  CASE(SuspendGenerator) {
    JSGenerator *gen = (JSGenerator *)val_to_ptr(REG(0));
    Value store = gen->registers;
    if (!val_is_pointer(store) || ((FeedbackVector *)val_to_ptr(store))->length < fr->frame_size) {
      store = feedback_vector_new(iso, fr->frame_size);
      CHECK(store);
      gen = (JSGenerator *)val_to_ptr(REG(0));
      WRITE_FIELD(gen, gen->registers, store);
    }
    FeedbackVector *fv = (FeedbackVector *)val_to_ptr(store);
    for (int i = 0; i < fr->frame_size; i++) WRITE_FIELD(fv, fv->slots[i], fr->regs[i]);
    gen->continuation = val_from_int((int32_t)UOP(3));
    gen->state = val_from_int(UOP(3) == 0 ? GEN_SUSPENDED_START : GEN_SUSPENDED_YIELD);
    WRITE_FIELD(gen, gen->context, CURRENT_CONTEXT);
    goto done;
  }
  CASE(ResumeGenerator) {
    JSGenerator *gen = (JSGenerator *)val_to_ptr(REG(0));
    acc = gen->input;
    NEXT();
  }
  CASE(GetIterator) { acc = interp_get_iterator(iso, REG(0)); CHECK(acc); NEXT(); }
  CASE(Debugger) { NEXT(); }
#ifdef __GNUC__
  }
#else
  }
#endif

exception: {
  fr->pc = pc;
  if (!iso->terminating && isolate_has_exception(iso)) {
    int32_t ctx_reg = 0;
    int h = find_handler(ba, (uint32_t)(pc - code), &ctx_reg);
    if (h >= 0) {
      Value msg = iso->pending_message;
      acc = isolate_take_exception(iso);
      iso->pending_message = msg;
      CURRENT_CONTEXT = rbase[-ctx_reg];
      if (PT_UNLIKELY(acc == iso->oom_error)) interp_clear_dead_registers(fr, ba, h, ctx_reg);
      pc = code + h;
      scale = 1;
      DISPATCH();
    }
  }
  ist->top = fr->parent;
  return VAL_EXCEPTION;
}
done:
  ist->top = fr->parent;
  return acc;
#undef UOP
#undef SOP
#undef REG
}

/* ---- entry ---- */

static Value frame_this(Isolate *iso, JSFunction *f, SharedFunctionInfo *sfi, Value this_val, Value new_target) {
  if (new_target != VAL_UNDEFINED) {
    if (sfi->flags & SFI_DERIVED) return VAL_HOLE;
    /* new F(): F's own "prototype" data field read directly (no getter can run); anything else
     * takes GetPrototypeFromConstructor. */
    if (val_is_pointer(new_target) && heap_object_type(val_to_ptr(new_target)) == IT_JS_FUNCTION) {
      Map *m = js_object(new_target)->map;
      if (!(m->bit_field & (MAP_DICTIONARY | MAP_EXOTIC))) {
        int i = map_find_descriptor(m, NAME(iso, prototype));
        if (i >= 0) {
          int32_t det = map_descriptor_details(m, (uint32_t)i);
          if (!(det & PD_ACCESSOR)) {
            Value p = *prop_ic_field_slot(js_object(new_target), (uint32_t)det >> PD_FIELD_SHIFT);
            if (val_is_object(p)) return obj_new(iso, p);
          }
        }
      }
    }
    Value proto = rt_prototype_from_constructor(iso, new_target, INTRINSIC_OBJECT_PROTOTYPE);
    if (proto == VAL_EXCEPTION) return proto;
    return obj_new(iso, proto);
  }
  if (sfi->flags & (SFI_STRICT | SFI_ARROW)) return this_val;
  if (val_is_nullish(this_val)) return ((Realm *)val_to_ptr(f->realm))->global_this;
  if (!val_is_object(this_val)) return rt_to_object(iso, this_val);
  return this_val;
}

static inline __attribute__((always_inline)) Value run_frame(Isolate *iso, Value fn, BytecodeArray *ba, Value this_val, int argc, Value *argv,
                       Value new_target, Value *saved_regs, Value generator) {
  JSFunction *f = js_function(fn);
  int P = ba->param_count;
  int size = frame_size_for(P, ba->register_count);
  if (!stack_room(iso, sizeof(Value) * (size_t)size)) return rt_throw_range_error(iso, "Maximum call stack size exceeded");
  Value *regs = alloca(sizeof(Value) * (size_t)size);
  InterpFrame fr;
  fr.function = fn;
  fr.bytecode = ba;
  fr.regs = regs;
  fr.rbase = regs + P + 1;
  fr.frame_size = size;
  fr.argc = argc;
  fr.argv = argv;
  fr.new_target = new_target;
  fr.generator = generator;
  fr.is_construct = new_target != VAL_UNDEFINED;
  fr.pc = bytecode_bytes(ba);
  fr.parent = NULL;
  if (saved_regs) {
    for (int i = 0; i < size; i++) regs[i] = saved_regs[i];
  } else {
    /* the parameters (below index P) are all written next; the rest starts undefined (every
     * slot must hold a Value: a generator copies the whole frame into a heap object) */
    Value *r = regs + P, *end = regs + size;
    for (; r + 4 <= end; r += 4) r[0] = r[1] = r[2] = r[3] = VAL_UNDEFINED;
    for (; r < end; r++) *r = VAL_UNDEFINED;
    for (int p = 0; p < P - 1; p++) fr.rbase[-(3 + p)] = p < argc ? argv[p] : VAL_UNDEFINED;
    fr.rbase[-2] = this_val;
    fr.rbase[1] = f->context;
    fr.rbase[2] = fn;
  }
  Realm *saved_realm = iso->realm;
  fr.caller_realm = saved_realm;
  iso->realm = (Realm *)val_to_ptr(f->realm);
  Value r = interp_run(iso, &fr);
  iso->realm = saved_realm;
  return r;
}

Value interpreter_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv, Value new_target) {
  init_tables();
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  if (!isolate_poll(iso)) return VAL_EXCEPTION;
  JSFunction *f = js_function(fn);
  SharedFunctionInfo *sfi = sfi_of(f->shared);
  if (new_target == VAL_UNDEFINED && (sfi->flags & SFI_CLASS_CONSTRUCTOR)) {
    /* [[Call]] of a class constructor throws in the function's realm */
    char *s = str_to_utf8(iso, sfi->name, NULL);
    Realm *caller_realm = iso->realm;
    iso->realm = (Realm *)val_to_ptr(f->realm);
    Value e = rt_throw_type_error(iso, "Class constructor %s cannot be invoked without 'new'", s ? s : "");
    iso->realm = caller_realm;
    free(s);
    return e;
  }
  if (PT_UNLIKELY(!val_is_pointer(sfi->bytecode) || (f->kind_flags & FUNC_FEEDBACK_CELL))) {
    if (interp_prepare_lazy(iso, fn) < 0) return VAL_EXCEPTION;
    f = js_function(fn);
    sfi = sfi_of(f->shared);
  }
  Value t;
  if (new_target == VAL_UNDEFINED && ((sfi->flags & (SFI_STRICT | SFI_ARROW)) || val_is_object(this_val))) {
    t = this_val; /* the common call: no receiver conversion, so no realm switch */
  } else {
    Realm *saved_realm = iso->realm;
    iso->realm = (Realm *)val_to_ptr(f->realm);
    t = frame_this(iso, f, sfi, this_val, new_target);
    iso->realm = saved_realm;
    if (t == VAL_EXCEPTION) return t;
  }
  if (new_target != VAL_UNDEFINED && !(sfi->flags & SFI_DERIVED) && val_is_pointer(f->class_fields_initializer)) {
    if (interp_init_fields(iso, f->class_fields_initializer, t) < 0) return VAL_EXCEPTION;
  }
  Value r = run_frame(iso, fn, bytecode_of(sfi->bytecode), t, argc, argv, new_target, NULL, VAL_UNDEFINED);
  if (r == VAL_EXCEPTION) return r;
  if (new_target != VAL_UNDEFINED && !(sfi->flags & SFI_DERIVED) && !val_is_object(r)) return t;
  return r;
}

/* Resumes a suspended generator: runs its saved frame from the SwitchOnGeneratorState at the
 * start. Returns the yielded or returned value; the generator's state says which. */
Value interp_resume_generator(Isolate *iso, Value generator) {
  init_tables();
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  JSGenerator *gen = (JSGenerator *)val_to_ptr(generator);
  Value fn = gen->function;
  SharedFunctionInfo *sfi = sfi_of(js_function(fn)->shared);
  FeedbackVector *store = (FeedbackVector *)val_to_ptr(gen->registers);
  Value r = run_frame(iso, fn, bytecode_of(sfi->bytecode), VAL_UNDEFINED, 0, NULL, VAL_UNDEFINED,
                      store->slots, generator);
  gen = (JSGenerator *)val_to_ptr(generator);
  if (r == VAL_EXCEPTION || val_to_int(gen->state) == GEN_EXECUTING) gen->state = val_from_int(GEN_COMPLETED);
  return r;
}
