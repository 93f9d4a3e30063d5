/* Allocation and GC layouts of the interpreter's heap objects (function-data.h). */
#include "interpreter/function-data.h"
#include "objects/string.h"
#include "objects/names.h"
#include <pthread.h>

/* ---- sizes and visitors ---- */
static size_t sfi_size(const HeapObject *o) { PT_UNUSED(o); return sizeof(SharedFunctionInfo); }
static void sfi_visit(HeapObject *o, HeapVisitor *v) {
  SharedFunctionInfo *s = (SharedFunctionInfo *)o;
  heap_visit_values(v, &s->name, 9);
}

static size_t bytecode_size_for(uint32_t length, uint32_t constants, uint32_t handlers, uint32_t positions) {
  return sizeof(BytecodeArray) + constants * sizeof(Value) + ((length + 7u) & ~7u) +
         handlers * sizeof(HandlerEntry) + positions * sizeof(SourcePosition);
}
static size_t bytecode_size(const HeapObject *o) {
  const BytecodeArray *b = (const BytecodeArray *)o;
  return bytecode_size_for(b->length, b->constant_count, b->handler_count, b->position_count);
}
static void bytecode_visit(HeapObject *o, HeapVisitor *v) {
  BytecodeArray *b = (BytecodeArray *)o;
  heap_visit_values(v, b->constants, b->constant_count);
}

static size_t scope_info_size(const HeapObject *o) {
  return sizeof(ScopeInfo) + 2 * sizeof(Value) * (size_t)((const ScopeInfo *)o)->slot_count;
}
static void scope_info_visit(HeapObject *o, HeapVisitor *v) {
  ScopeInfo *s = (ScopeInfo *)o;
  heap_visit_values(v, s->entries, 2 * (size_t)s->slot_count);
}

static size_t context_size(const HeapObject *o) {
  return sizeof(Context) + sizeof(Value) * (size_t)((const Context *)o)->length;
}
static void context_visit(HeapObject *o, HeapVisitor *v) {
  Context *c = (Context *)o;
  heap_visit_values(v, &c->extension, 3 + (size_t)c->length);
}

static size_t feedback_size(const HeapObject *o) {
  return sizeof(FeedbackVector) + sizeof(Value) * (size_t)((const FeedbackVector *)o)->length;
}
static void feedback_visit(HeapObject *o, HeapVisitor *v) {
  FeedbackVector *f = (FeedbackVector *)o;
  heap_visit_values(v, f->slots, (size_t)f->length);
}

static void register_once(void) {
  heap_register_type(IT_SHARED_FUNCTION_INFO, sfi_size, sfi_visit, NULL);
  heap_register_type(IT_BYTECODE_ARRAY, bytecode_size, bytecode_visit, NULL);
  heap_register_type(IT_SCOPE_INFO, scope_info_size, scope_info_visit, NULL);
  heap_register_type(IT_CONTEXT, context_size, context_visit, NULL);
  heap_register_type(IT_FEEDBACK_VECTOR, feedback_size, feedback_visit, NULL);
  heap_register_type(IT_JS_GENERATOR, obj_js_object_size, obj_visit_js_object, NULL);
  arguments_register_types();
}
void interp_register_types(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, register_once);
}

/* ---- constructors ---- */
Value sfi_new(Isolate *iso) {
  interp_register_types();
  SharedFunctionInfo *s = heap_alloc(iso, sizeof *s, map_for_type(iso, IT_SHARED_FUNCTION_INFO));
  if (!s) return VAL_EXCEPTION;
  s->name = NAME(iso, empty);
  s->bytecode = s->scope_info = s->source = s->resource_name = s->class_name = s->param_map = s->eval_origin = s->lazy_unit = VAL_UNDEFINED;
  s->lazy_literal_id = -1;
  return val_from_ptr(s);
}

BytecodeArray *bytecode_array_new(Isolate *iso, uint32_t length, uint32_t constants,
                                  uint32_t handlers, uint32_t positions) {
  interp_register_types();
  BytecodeArray *b = heap_alloc(iso, bytecode_size_for(length, constants, handlers, positions),
                                map_for_type(iso, IT_BYTECODE_ARRAY));
  if (!b) return NULL;
  b->length = length;
  b->constant_count = constants;
  b->handler_count = handlers;
  b->position_count = positions;
  for (uint32_t i = 0; i < constants; i++) b->constants[i] = VAL_UNDEFINED;
  return b;
}

int bytecode_source_position(BytecodeArray *b, uint32_t offset) {
  SourcePosition *p = bytecode_positions(b);
  int best = -1;
  for (uint32_t i = 0; i < b->position_count; i++) {
    if ((uint32_t)p[i].offset > offset) break;
    best = p[i].source_pos & ~SOURCE_POS_STATEMENT_BIT;
  }
  return best;
}

Value scope_info_new(Isolate *iso, ScopeInfoType type, int slot_count, uint32_t flags) {
  interp_register_types();
  ScopeInfo *s = heap_alloc(iso, sizeof(ScopeInfo) + 2 * sizeof(Value) * (size_t)slot_count,
                            map_for_type(iso, IT_SCOPE_INFO));
  if (!s) return VAL_EXCEPTION;
  s->scope_type = type;
  s->slot_count = slot_count;
  s->flags = flags;
  for (int i = 0; i < slot_count; i++) {
    s->entries[2 * i] = VAL_UNDEFINED;
    s->entries[2 * i + 1] = val_from_int(0);
  }
  return val_from_ptr(s);
}

int scope_info_lookup(Value scope_info, Value name, int *mode) {
  if (!val_is_pointer(scope_info)) return -1;
  ScopeInfo *s = scope_info_of(scope_info);
  for (int i = 0; i < s->slot_count; i++) {
    Value n = s->entries[2 * i];
    /* Names are internalized: identity is equality. */
    if (n == name) {
      if (mode) *mode = val_to_int(s->entries[2 * i + 1]);
      return i + CONTEXT_HEADER;
    }
  }
  return -1;
}

Value context_new(Isolate *iso, Value scope_info, Value previous, int length) {
  interp_register_types();
  Context *c = heap_alloc(iso, sizeof(Context) + sizeof(Value) * (size_t)length, map_for_type(iso, IT_CONTEXT));
  if (!c) return VAL_EXCEPTION;
  c->length = length;
  c->extension = VAL_UNDEFINED;
  c->scope_info = scope_info;
  c->previous = previous;
  for (int i = 0; i < length; i++) c->vars[i] = VAL_UNDEFINED;
  return val_from_ptr(c);
}

Value feedback_vector_new(Isolate *iso, int length) {
  interp_register_types();
  FeedbackVector *f = heap_alloc(iso, sizeof(FeedbackVector) + sizeof(Value) * (size_t)length,
                                 map_for_type(iso, IT_FEEDBACK_VECTOR));
  if (!f) return VAL_EXCEPTION;
  f->length = length;
  for (int i = 0; i < length; i++) f->slots[i] = VAL_UNDEFINED;
  return val_from_ptr(f);
}
