/*
 * The bytecode set: V8 Ignition's register + accumulator machine, with V8's mnemonics
 * (node v20 names) where the operation is the same (docs/bytecode.md).
 *
 * Encoding: one opcode byte, then operands of 1 byte each (or 2 bytes after the Wide prefix,
 * 4 bytes after ExtraWide), little-endian. Register operands are signed: parameters are
 * 2 + index (2 = <this>, 3 = a0 ...), locals are -6 - index (r0 = 0xfa), -1 is <context>,
 * -2 is <closure>, as V8 numbers them, so listings read the same.
 */
#ifndef PETREL_INTERPRETER_BYTECODES_H
#define PETREL_INTERPRETER_BYTECODES_H

#include "base/common.h"

typedef enum OperandType {
  OPT_NONE,
  OPT_REG,      /* register read */
  OPT_REGOUT,   /* register written */
  OPT_REGLIST,  /* first register of a list; the next operand is OPT_REGCOUNT */
  OPT_REGCOUNT, /* number of registers in the list (not printed) */
  OPT_REGOUT2,  /* a register pair written (printed as rN-rN+1) */
  OPT_REGOUT3,  /* a register triple written */
  OPT_IMM,      /* signed immediate, printed [n] */
  OPT_UIMM,     /* unsigned immediate, printed [n] */
  OPT_IDX,      /* constant pool index, printed [n] */
  OPT_SLOT,     /* feedback slot, printed [n] */
  OPT_FLAG8,    /* flags, printed #n */
  OPT_RTID,     /* runtime function id, printed [Name] */
  OPT_JUMP,     /* unsigned forward jump offset from the start of the bytecode */
  OPT_JUMPBACK, /* unsigned backward jump offset (JumpLoop) */
} OperandType;

#define R OPT_REG
#define RO OPT_REGOUT
#define RL OPT_REGLIST
#define RC OPT_REGCOUNT
#define RO2 OPT_REGOUT2
#define RO3 OPT_REGOUT3
#define IM OPT_IMM
#define UI OPT_UIMM
#define IX OPT_IDX
#define SL OPT_SLOT
#define FL OPT_FLAG8
#define RT OPT_RTID
#define JF OPT_JUMP
#define JB OPT_JUMPBACK

/* X(name, opcode, operand count, operand types...): the opcodes are node v20's (V8 11.3), so
 * listings match byte for byte; numbers of V8 bytecodes Petrel lacks stay unused. */
#define PT_BYTECODES(X)                                                                            \
  X(Wide, 0x00, 0) X(ExtraWide, 0x01, 0)                                                                       \
  X(LdaZero, 0x0c, 0) X(LdaSmi, 0x0d, 1, IM) X(LdaUndefined, 0x0e, 0) X(LdaNull, 0x0f, 0) X(LdaTheHole, 0x10, 0)                  \
  X(LdaTrue, 0x11, 0) X(LdaFalse, 0x12, 0) X(LdaConstant, 0x13, 1, IX)                                               \
  X(LdaGlobal, 0x21, 2, IX, SL) X(LdaGlobalInsideTypeof, 0x22, 2, IX, SL) X(StaGlobal, 0x23, 2, IX, SL)              \
  X(PushContext, 0x1a, 1, RO) X(PopContext, 0x1b, 1, R)                                                        \
  X(LdaContextSlot, 0x14, 3, R, IX, UI) X(LdaImmutableContextSlot, 0x15, 3, R, IX, UI)                         \
  X(LdaCurrentContextSlot, 0x16, 1, IX) X(LdaImmutableCurrentContextSlot, 0x17, 1, IX)                         \
  X(StaContextSlot, 0x24, 3, R, IX, UI) X(StaCurrentContextSlot, 0x25, 1, IX)                                  \
  X(LdaModuleVariable, 0x30, 2, IM, UI) X(StaModuleVariable, 0x31, 2, IM, UI)                                  \
  X(LdaLookupSlot, 0x26, 1, IX) X(LdaLookupSlotInsideTypeof, 0x29, 1, IX) X(StaLookupSlot, 0x2c, 2, IX, FL)          \
  X(Ldar, 0x0b, 1, R) X(Star, 0x18, 1, RO) X(Mov, 0x19, 2, R, RO)                                                    \
  X(GetNamedProperty, 0x2d, 3, R, IX, SL) X(GetNamedPropertyFromSuper, 0x2e, 3, R, IX, SL)                     \
  X(GetKeyedProperty, 0x2f, 2, R, SL) X(SetNamedProperty, 0x32, 3, R, IX, SL)                                  \
  X(DefineNamedOwnProperty, 0x33, 3, R, IX, SL) X(SetKeyedProperty, 0x34, 3, R, R, SL)                         \
  X(DefineKeyedOwnProperty, 0x35, 4, R, R, FL, SL) X(StaInArrayLiteral, 0x36, 3, R, R, SL)                     \
  X(DefineKeyedOwnPropertyInLiteral, 0x37, 4, R, R, FL, SL)                                              \
  X(Add, 0x38, 2, R, SL) X(Sub, 0x39, 2, R, SL) X(Mul, 0x3a, 2, R, SL) X(Div, 0x3b, 2, R, SL) X(Mod, 0x3c, 2, R, SL)             \
  X(Exp, 0x3d, 2, R, SL) X(BitwiseOr, 0x3e, 2, R, SL) X(BitwiseXor, 0x3f, 2, R, SL) X(BitwiseAnd, 0x40, 2, R, SL)          \
  X(ShiftLeft, 0x41, 2, R, SL) X(ShiftRight, 0x42, 2, R, SL) X(ShiftRightLogical, 0x43, 2, R, SL)                    \
  X(AddSmi, 0x44, 2, IM, SL) X(SubSmi, 0x45, 2, IM, SL) X(MulSmi, 0x46, 2, IM, SL) X(DivSmi, 0x47, 2, IM, SL)              \
  X(ModSmi, 0x48, 2, IM, SL) X(ExpSmi, 0x49, 2, IM, SL) X(BitwiseOrSmi, 0x4a, 2, IM, SL)                             \
  X(BitwiseXorSmi, 0x4b, 2, IM, SL) X(BitwiseAndSmi, 0x4c, 2, IM, SL) X(ShiftLeftSmi, 0x4d, 2, IM, SL)               \
  X(ShiftRightSmi, 0x4e, 2, IM, SL) X(ShiftRightLogicalSmi, 0x4f, 2, IM, SL)                                   \
  X(Inc, 0x50, 1, SL) X(Dec, 0x51, 1, SL) X(Negate, 0x52, 1, SL) X(BitwiseNot, 0x53, 1, SL) X(ToBooleanLogicalNot, 0x54, 0)      \
  X(LogicalNot, 0x55, 0) X(TypeOf, 0x56, 0) X(DeletePropertyStrict, 0x57, 1, R) X(DeletePropertySloppy, 0x58, 1, R)        \
  X(GetSuperConstructor, 0x59, 1, RO) X(FindNonDefaultConstructorOrConstruct, 0x5a, 3, R, R, RO2)             \
  X(CallAnyReceiver, 0x5b, 4, R, RL, RC, SL) X(CallProperty, 0x5c, 4, R, RL, RC, SL)                           \
  X(CallProperty0, 0x5d, 3, R, R, SL) X(CallProperty1, 0x5e, 4, R, R, R, SL)                                   \
  X(CallProperty2, 0x5f, 5, R, R, R, R, SL) X(CallUndefinedReceiver, 0x60, 4, R, RL, RC, SL)                   \
  X(CallUndefinedReceiver0, 0x61, 2, R, SL) X(CallUndefinedReceiver1, 0x62, 3, R, R, SL)                       \
  X(CallUndefinedReceiver2, 0x63, 4, R, R, R, SL) X(CallWithSpread, 0x64, 4, R, RL, RC, SL)                    \
  X(CallRuntime, 0x65, 3, RT, RL, RC) X(CallJSRuntime, 0x67, 3, IX, RL, RC)                                    \
  X(Construct, 0x69, 4, R, RL, RC, SL) X(ConstructWithSpread, 0x6a, 4, R, RL, RC, SL)                          \
  X(TestEqual, 0x6b, 2, R, SL) X(TestEqualStrict, 0x6c, 2, R, SL) X(TestLessThan, 0x6d, 2, R, SL)                    \
  X(TestGreaterThan, 0x6e, 2, R, SL) X(TestLessThanOrEqual, 0x6f, 2, R, SL)                                    \
  X(TestGreaterThanOrEqual, 0x70, 2, R, SL) X(TestReferenceEqual, 0x1c, 1, R) X(TestInstanceOf, 0x71, 2, R, SL)      \
  X(TestIn, 0x72, 2, R, SL) X(TestUndetectable, 0x1d, 0) X(TestNull, 0x1e, 0) X(TestUndefined, 0x1f, 0)                    \
  X(TestTypeOf, 0x20, 1, FL)                                                                             \
  X(ToName, 0x73, 0) X(ToNumber, 0x74, 1, SL) X(ToNumeric, 0x75, 1, SL) X(ToObject, 0x76, 1, RO) X(ToString, 0x77, 0)            \
  X(ToBoolean, 0xc5, 0)                                                                                  \
  X(CreateRegExpLiteral, 0x78, 3, IX, SL, FL) X(CreateArrayLiteral, 0x79, 3, IX, SL, FL)                       \
  X(CreateArrayFromIterable, 0x7a, 0) X(CreateEmptyArrayLiteral, 0x7b, 1, SL)                                  \
  X(CreateObjectLiteral, 0x7c, 3, IX, SL, FL) X(CreateEmptyObjectLiteral, 0x7d, 0) X(CloneObject, 0x7e, 3, R, FL, SL) \
  X(GetTemplateObject, 0x7f, 2, IX, SL) X(CreateClosure, 0x80, 3, IX, SL, FL)                                  \
  X(CreateBlockContext, 0x81, 1, IX) X(CreateCatchContext, 0x82, 2, R, IX) X(CreateFunctionContext, 0x83, 2, IX, UI) \
  X(CreateEvalContext, 0x84, 2, IX, UI) X(CreateWithContext, 0x85, 2, R, IX)                                   \
  X(CreateMappedArguments, 0x86, 0) X(CreateUnmappedArguments, 0x87, 0) X(CreateRestParameter, 0x88, 0)              \
  X(JumpLoop, 0x89, 3, JB, IM, SL) X(Jump, 0x8a, 1, JF) X(JumpIfToBooleanTrue, 0x96, 1, JF)                          \
  X(JumpIfToBooleanFalse, 0x97, 1, JF) X(JumpIfTrue, 0x98, 1, JF) X(JumpIfFalse, 0x99, 1, JF) X(JumpIfNull, 0x9a, 1, JF)   \
  X(JumpIfNotNull, 0x9b, 1, JF) X(JumpIfUndefined, 0x9c, 1, JF) X(JumpIfNotUndefined, 0x9d, 1, JF)                   \
  X(JumpIfUndefinedOrNull, 0x9e, 1, JF) X(JumpIfJSReceiver, 0x9f, 1, JF)                                       \
  X(SwitchOnSmiNoFeedback, 0xa0, 3, IX, UI, IM)                                                          \
  X(ForInEnumerate, 0xa1, 1, R) X(ForInPrepare, 0xa2, 2, RO3, SL) X(ForInNext, 0xa4, 4, R, R, RO2, SL)                 \
  X(ForInContinue, 0xa3, 2, R, R) X(ForInStep, 0xa5, 1, R)                                                                               \
  X(SetPendingMessage, 0xa6, 0) X(Throw, 0xa7, 0) X(ReThrow, 0xa8, 0) X(Return, 0xa9, 0) X(ThrowReferenceErrorIfHole, 0xaa, 1, IX) \
  X(ThrowSuperNotCalledIfHole, 0xab, 0) X(ThrowSuperAlreadyCalledIfNotHole, 0xac, 0)                           \
  X(ThrowIfNotSuperConstructor, 0xad, 1, R)                                                              \
  X(SwitchOnGeneratorState, 0xae, 3, R, IX, UI) X(SuspendGenerator, 0xaf, 4, R, RL, RC, UI)                    \
  X(ResumeGenerator, 0xb0, 3, R, RL, RC)                                                                 \
  X(GetIterator, 0xb1, 3, R, SL, SL) X(Debugger, 0xb2, 0)                                                      \
  X(Star15, 0xb5, 0) X(Star14, 0xb6, 0) X(Star13, 0xb7, 0) X(Star12, 0xb8, 0) X(Star11, 0xb9, 0) X(Star10, 0xba, 0) X(Star9, 0xbb, 0)        \
  X(Star8, 0xbc, 0) X(Star7, 0xbd, 0) X(Star6, 0xbe, 0) X(Star5, 0xbf, 0) X(Star4, 0xc0, 0) X(Star3, 0xc1, 0) X(Star2, 0xc2, 0) X(Star1, 0xc3, 0)  \
  X(Star0, 0xc4, 0)

typedef enum Bytecode {
#define PT_BC_ENUM(name, code, n, ...) BC_##name = code,
  PT_BYTECODES(PT_BC_ENUM)
#undef PT_BC_ENUM
  BC_COUNT = 256
} Bytecode;

#define BC_MAX_OPERANDS 5
typedef struct BytecodeInfo {
  const char *name;
  uint8_t operand_count;
  uint8_t operands[BC_MAX_OPERANDS];
} BytecodeInfo;
/* Indexed by opcode; name is NULL for unused opcodes. */
extern const BytecodeInfo bc_info[BC_COUNT];

/* Register operand encoding (see above). */
#define BC_REG_CONTEXT (-1)
#define BC_REG_CLOSURE (-2)
static inline int32_t bc_reg_local(int index) { return -6 - index; }
static inline int32_t bc_reg_param(int index_with_this) { return 2 + index_with_this; }
static inline bool bc_reg_is_local(int32_t op) { return op <= -6; }
static inline int bc_reg_local_index(int32_t op) { return -6 - op; }

/* Operand scale: 1, 2 or 4 bytes per operand. */
static inline bool bc_operand_is_signed(OperandType t) {
  return t == OPT_REG || t == OPT_REGOUT || t == OPT_REGLIST || t == OPT_REGOUT2 ||
         t == OPT_REGOUT3 || t == OPT_IMM;
}
static inline bool bc_is_jump(Bytecode b) { return b >= BC_JumpLoop && b <= BC_JumpIfJSReceiver; }

#undef R
#undef RO
#undef RL
#undef RC
#undef RO2
#undef RO3
#undef IM
#undef UI
#undef IX
#undef SL
#undef FL
#undef RT
#undef JF
#undef JB

#endif
