/*
 * Slow paths of the interpreter and the runtime functions bytecode calls with CallRuntime.
 */
#ifndef PETREL_INTERPRETER_INTERP_RUNTIME_H
#define PETREL_INTERPRETER_INTERP_RUNTIME_H

#include "interpreter/frames.h"

/* CallRuntime ids: X(Name, argument count or -1 for any) */
#define PT_RUNTIME_FUNCTIONS(X)                                                                    \
  X(DeclareGlobals, 2) X(DeclareEvalVars, 2) X(CreateJSGeneratorObject, 2)                        \
  X(GeneratorGetResumeMode, 1) X(GeneratorClose, 1) X(ThrowConstAssignError, 1)                   \
  X(ThrowReferenceError, 1) X(ThrowTypeError, 1) X(ThrowIteratorResultNotAnObject, 1)              \
  X(ThrowCalledNonCallable, 1) X(ThrowNotSuperConstructor, 1) X(ThrowSuperAlreadyCalled, 0)        \
  X(ThrowApplyNonFunction, 1) X(DefineClass, -1) X(CreatePrivateName, 1)                          \
  X(LoadPrivate, 2) X(StorePrivate, 3) X(DefinePrivate, -1) X(HasPrivate, 2)                       \
  X(AppendSpread, 2) X(CopyDataProperties, 2) X(CopyDataPropertiesExcluding, -1)                  \
  X(DefineAccessor, 4) X(SetPrototypeFromLiteral, 2) X(SetFunctionName, 3)                        \
  X(IteratorClose, 1) X(IteratorCloseOnThrow, 1) X(ResolveEval, 5)                                \
  X(DeleteLookupSlot, 1) X(LoadLookupSlotForCall, 1) X(GetSuperBase, 1) X(SetSuper, 4)            \
  X(GetKeyedSuper, 3) X(ThrowDerivedReturn, 0) X(InitializeClassFields, 2)                        \
  X(CreateIterResultObject, 2) X(AsyncNotImplemented, 0) X(DeclareScriptLexical, 2)              \
  X(InitializeScriptLexical, 2) X(ThrowSuperNotCalled, 0) X(SetHomeObject, 2)                     \
  X(StaLookupSlotStrictInit, 2) X(ThrowIfNotObjectIterResult, 1) X(GetTemplateObjectRT, 2)        \
  X(ToPropertyKey, 1) X(NewObjectWithProto, 1) X(SetClassFieldsInitializer, 2)                     \
  X(ThrowAssignToPrivateMethod, 1) X(LoadPrivateMethodCheck, 2) X(DeclareEvalFunction, 2)         \
  X(GetNewTarget, 0) X(GetHomeObject, 0) X(DefineMethod, 4) X(ThrowConstructorNonCallable, 0)     \
  X(DefaultDerivedConstruct, 0) X(BindThisAfterSuper, 1) X(SetPropertyStrict, 3) X(GetActiveFunction, 0)                 \
  X(AsyncFunctionEnter, 2) X(AsyncAwait, 2)                                                       \
  X(AsyncFunctionResolve, 2) X(AsyncFunctionReject, 2) X(AsyncGeneratorCreate, 2)                \
  X(AsyncGeneratorYield, 2) X(GetAsyncIterator, 1) X(GetGlobalThis, 0)                                                \
  X(ResolveLookupRef, 1) X(LoadLookupRef, 2) X(StoreLookupRef, 3) X(StoreAnnexBEvalVar, 3) X(ThrowInvalidCallTarget, 0) \
  X(NewDisposeCapability, 0) X(AddDisposableResource, 3) X(DisposeResources, 3) \
  X(AsyncDisposeBegin, 3) X(AsyncDisposeStep, 1) X(AsyncDisposeRejected, 2) \
  X(DynamicImport, 3) X(GetImportMeta, 2) X(GetSuperProperty, 4)

typedef enum RuntimeId {
#define PT_RT_ENUM(name, n) RT_##name,
  PT_RUNTIME_FUNCTIONS(PT_RT_ENUM)
#undef PT_RT_ENUM
  RT_COUNT
} RuntimeId;

extern const char *const interp_runtime_names[RT_COUNT];
/* Runs runtime function id with args; frame is the calling frame. */
Value interp_call_runtime(Isolate *iso, InterpFrame *frame, int id, Value *args, int argc);

/* ---- helpers used by the interpreter loop ---- */
Value interp_load_global(Isolate *iso, Value name, bool inside_typeof);
bool interp_has_script_binding(Isolate *iso, Value name); /* a script-scope let/const/class */
int interp_store_global(Isolate *iso, Value name, Value value, bool strict);
/* SuperCall's TypeError when the super constructor is not a constructor, in V8's words ("Super
 * constructor null of anonymous class is not a constructor"); returns VAL_EXCEPTION. */
/* The function whose this / new.target / super() a closure's code uses: an arrow's or a direct
 * eval's closest non-arrow function (recorded when the closure was made), else fn itself. */
Value interp_active_function(Value fn);
Value interp_throw_not_super_constructor(Isolate *iso, InterpFrame *frame, Value super_ctor);
/* interp_lookup_slot flags: a `typeof` operand (an unresolvable name is undefined), strict code
 * (a `with` binding deleted after it was found is a ReferenceError). */
enum { LOOKUP_INSIDE_TYPEOF = 1, LOOKUP_STRICT = 2 };
static inline int frame_lookup_flags(const InterpFrame *frame) {
  return (sfi_of(js_function(frame->function)->shared)->flags & SFI_STRICT) ? LOOKUP_STRICT : 0;
}
Value interp_lookup_slot(Isolate *iso, Value context, Value name, int flags, Value *receiver_out);
int interp_store_lookup_slot(Isolate *iso, Value context, Value name, Value value, bool strict);
Value interp_get_property(Isolate *iso, Value base, Value key);
int interp_set_property(Isolate *iso, Value base, Value key, Value value, bool strict);
Value interp_new_closure(Isolate *iso, InterpFrame *frame, Value shared, Value context, int slot);
/* Before running a closure whose function is not compiled yet (lazy compilation) or whose feedback
 * is still the per-site cell: compiles it and installs its feedback vector. 0, or -1 with the
 * compile error (RangeError, out of memory) pending. */
int interp_prepare_lazy(Isolate *iso, Value fn);
Value interp_create_arguments(Isolate *iso, InterpFrame *frame, bool mapped);
Value interp_create_rest(Isolate *iso, InterpFrame *frame);
Value interp_for_in_enumerate(Isolate *iso, Value receiver);
Value interp_get_iterator(Isolate *iso, Value obj);
Value interp_template_object(Isolate *iso, InterpFrame *frame, Value description, int slot);
Value interp_regexp_literal(Isolate *iso, Value pattern, Value flags);
Value interp_callee_text(Isolate *iso, InterpFrame *frame);
/* The callee as error messages name it ("a.b", "5", "(intermediate value)"), also after `new`. */
Value interp_callee_text_of(Isolate *iso, InterpFrame *frame, Value callee);
Value interp_throw_not_callable(Isolate *iso, InterpFrame *frame, Value callee);
Value interp_super_constructor(Isolate *iso, Value active_function);
/* Defines the instance fields and private methods listed in a class's field list on obj. */
int interp_init_fields(Isolate *iso, Value list, Value obj);
/* PrivateFieldAdd / PrivateMethodOrAccessorAdd: adds a private element to obj, throwing a
 * TypeError when obj already has it or is not extensible. 0, or -1 with the exception pending. */
int interp_private_add(Isolate *iso, Value obj, Value sym, const PropertyDescriptor *desc);

#endif
