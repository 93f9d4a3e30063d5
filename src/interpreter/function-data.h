/*
 * The heap objects of compiled code and of execution state, owned by the interpreter:
 * SharedFunctionInfo, BytecodeArray (with its constant pool, handler table and source position
 * table inline), ScopeInfo, Context, FeedbackVector, and the generator object.
 * Nothing here is realm-specific except Context and FeedbackVector contents: a BytecodeArray and
 * its constants serve every realm (DESIGN.md decision 3).
 */
#ifndef PETREL_INTERPRETER_FUNCTION_DATA_H
#define PETREL_INTERPRETER_FUNCTION_DATA_H

#include "objects/js-function.h"

/* ---- SharedFunctionInfo ------------------------------------------------------------------ */
enum SfiFlags {
  SFI_STRICT = 1 << 0,
  SFI_ARROW = 1 << 1,
  SFI_GENERATOR = 1 << 2,
  SFI_ASYNC = 1 << 3,
  SFI_CLASS_CONSTRUCTOR = 1 << 4,
  SFI_DERIVED = 1 << 5,
  SFI_METHOD = 1 << 6,       /* concise method, getter, setter: not a constructor */
  SFI_TOPLEVEL = 1 << 7,     /* script or eval code */
  SFI_EVAL = 1 << 8,
  SFI_GETTER = 1 << 9,
  SFI_SETTER = 1 << 10,
  SFI_HAS_SIMPLE_PARAMS = 1 << 11,
  SFI_NEEDS_HOME_OBJECT = 1 << 12,
  SFI_CLASS_FIELD_INIT = 1 << 13, /* synthetic class-field initializer */
  SFI_NATIVE_SOURCE = 1 << 14,
  SFI_ANONYMOUS_EXPR = 1 << 15,    /* `(function(){})`: name is "" in traces */
  SFI_DYNAMIC = 1 << 16,           /* made by the Function constructor */
  SFI_HAS_INSTANCE_FIELDS = 1 << 17,
};

typedef struct SharedFunctionInfo {
  HeapObject header;
  Value name;          /* String ("" when anonymous) */
  Value bytecode;      /* BytecodeArray, or undefined until compiled */
  Value scope_info;    /* ScopeInfo of the function's context, or undefined when it needs none */
  Value source;        /* the whole script source (String) */
  Value resource_name; /* String or undefined */
  Value class_name;    /* for "new X" in stack traces; undefined */
  Value param_map;     /* mapped arguments: FeedbackVector of the parameters' context slots */
  Value eval_origin;   /* eval and Function() code: "eval at f (file.js:1:2)" for stack traces */
  Value lazy_unit;     /* not compiled yet (bytecode undefined): the Foreign owning the parsed
                          script the function comes from (codegen.c); undefined once compiled */
  /* raw fields */
  int32_t param_count; /* formal parameters, without `this` */
  int32_t length;      /* the `length` property */
  int32_t start_pos, end_pos; /* source text of the function (Function.prototype.toString) */
  int32_t line_offset, column_offset;
  uint32_t flags;      /* SfiFlags */
  int32_t lazy_literal_id; /* with lazy_unit: the function's function_literal_id in that parse
                              (the tree may be dropped and parsed again meanwhile); -1 */
} SharedFunctionInfo;

static inline SharedFunctionInfo *sfi_of(Value v) { return (SharedFunctionInfo *)val_to_ptr(v); }
Value sfi_new(Isolate *iso);

/* ---- BytecodeArray ----------------------------------------------------------------------- */
/* An exception handler: [start, end) -> handler; context_reg holds the context at try entry. */
typedef struct HandlerEntry {
  int32_t start, end, handler, context_reg; /* context_reg is a register operand encoding */
  int32_t prediction;                       /* 0 uncaught (finally), 1 caught */
} HandlerEntry;
/* Source position: bytecode offset -> source offset; statement positions flagged. */
typedef struct SourcePosition {
  int32_t offset;
  int32_t source_pos; /* bit 31 set: a statement position */
} SourcePosition;
#define SOURCE_POS_STATEMENT_BIT 0x40000000

typedef struct BytecodeArray {
  HeapObject header;
  uint32_t length;           /* bytecode bytes */
  uint32_t constant_count;
  uint32_t handler_count;
  uint32_t position_count;
  int32_t register_count;
  int32_t param_count;       /* with `this` */
  int32_t feedback_slot_count;
  int32_t pad_;
  Value constants[];         /* then the bytes, the handlers, the positions (see accessors) */
} BytecodeArray;

static inline BytecodeArray *bytecode_of(Value v) { return (BytecodeArray *)val_to_ptr(v); }
static inline uint8_t *bytecode_bytes(BytecodeArray *b) { return (uint8_t *)(b->constants + b->constant_count); }
static inline HandlerEntry *bytecode_handlers(BytecodeArray *b) {
  return (HandlerEntry *)(void *)(bytecode_bytes(b) + ((b->length + 7u) & ~7u));
}
static inline SourcePosition *bytecode_positions(BytecodeArray *b) {
  return (SourcePosition *)(void *)(bytecode_handlers(b) + b->handler_count);
}
BytecodeArray *bytecode_array_new(Isolate *iso, uint32_t length, uint32_t constants,
                                  uint32_t handlers, uint32_t positions);
/* The source offset for a bytecode offset (the last position at or before it); -1 when none. */
int bytecode_source_position(BytecodeArray *b, uint32_t offset);

/* ---- ScopeInfo --------------------------------------------------------------------------- */
typedef enum ScopeInfoType {
  SCOPE_TYPE_SCRIPT, SCOPE_TYPE_FUNCTION, SCOPE_TYPE_BLOCK, SCOPE_TYPE_CATCH, SCOPE_TYPE_WITH,
  SCOPE_TYPE_EVAL, SCOPE_TYPE_CLASS,
} ScopeInfoType;
/* Variable modes of context slots (for dynamic lookup by name). */
enum { SLOT_MODE_VAR = 0, SLOT_MODE_LET = 1, SLOT_MODE_CONST = 2, SLOT_MODE_SLOPPY_CONST = 3 };
enum {
  SCOPE_INFO_STRICT = 1 << 0,
  SCOPE_INFO_DECLARATION = 1 << 1, /* sloppy eval `var`s of inner code land here */
  SCOPE_INFO_FUNCTION = 1 << 2,    /* a function scope: `this`, arguments... */
  SCOPE_INFO_ARROW = 1 << 3,
  SCOPE_INFO_PARAMS = 1 << 4,      /* parameter scope of a function with parameter expressions
                                      (its body's vars live in a scope of their own) */
};
typedef struct ScopeInfo {
  HeapObject header;
  int32_t scope_type;
  int32_t slot_count;      /* context slots after the header */
  uint32_t flags;
  int32_t pad_;
  Value entries[];         /* 2 per slot: name (String or undefined), mode (int) */
} ScopeInfo;
static inline ScopeInfo *scope_info_of(Value v) { return (ScopeInfo *)val_to_ptr(v); }
Value scope_info_new(Isolate *iso, ScopeInfoType type, int slot_count, uint32_t flags);
/* Slot index (context operand numbering, >= CONTEXT_HEADER) of name, or -1. */
int scope_info_lookup(Value scope_info, Value name, int *mode);

/* ---- Context ----------------------------------------------------------------------------- */
/* Context slot operands count the two header slots, as V8's do: slot 2 is the first variable. */
#define CONTEXT_HEADER 2
typedef struct Context {
  HeapObject header;
  int32_t length;          /* variable slots after the header */
  int32_t pad_;
  Value extension;         /* with: the object; function/script: sloppy-eval var object; undefined */
  Value scope_info;        /* slot 0 */
  Value previous;          /* slot 1: outer Context, or undefined for the outermost */
  Value vars[];            /* slots 2.. */
} Context;
static inline Context *context_of(Value v) { return (Context *)val_to_ptr(v); }
static inline Value *context_slot_ptr(Value ctx, int slot) { return &context_of(ctx)->scope_info + slot; }
Value context_new(Isolate *iso, Value scope_info, Value previous, int length);

/* ---- FeedbackVector ---------------------------------------------------------------------- */
typedef struct FeedbackVector {
  HeapObject header;
  int32_t length;
  int32_t pad_;
  Value slots[];           /* undefined until used: literal boilerplates, template objects, ICs */
} FeedbackVector;
Value feedback_vector_new(Isolate *iso, int length);

/* ---- Generators -------------------------------------------------------------------------- */
enum { GEN_SUSPENDED_START, GEN_SUSPENDED_YIELD, GEN_EXECUTING, GEN_COMPLETED };
enum { GEN_RESUME_NEXT, GEN_RESUME_RETURN, GEN_RESUME_THROW };
typedef struct JSGenerator {
  JSObject base;
  Value function;          /* the generator function */
  Value receiver;
  Value context;           /* the context at suspension */
  Value input;             /* value sent by next/return/throw */
  Value registers;         /* FeedbackVector-shaped Value store of the saved frame */
  Value state;             /* int: GEN_* */
  Value resume_mode;       /* int: GEN_RESUME_* */
  Value continuation;      /* int: the suspend id to resume at */
  Value delegate;          /* unused */
} JSGenerator;

void interp_register_types(void);
void arguments_register_types(void);
Value arguments_new_mapped(Isolate *iso, Value context, Value param_map, int argc);

#endif
