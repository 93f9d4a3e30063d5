/*
 * ECMAScript modules (ECMA-262 16.2): Source Text Module Records and JSON modules, linking,
 * the asynchronous evaluation algorithm (top-level await), module namespace exotic objects,
 * import.meta and dynamic import().
 *
 * A module record is a FixedArray with the fixed slots of module.c (so the collector needs no
 * new layout); module.c owns it and nothing else reads its slots. Every binding a module exports
 * from its own top level lives in a *cell* (a FixedArray of length 1) made with the record, so
 * imports bind to the exporter's cell at link time and see its value live. The module's code
 * reaches its cells with LdaModuleVariable / StaModuleVariable <cell index> <depth>: depth
 * contexts up is the module context, whose extension is the module record; cell index i > 0 is
 * local cell i-1, i < 0 the binding of import entry -i-1.
 *
 * Loading is the host's business: module_link asks a resolve function for each requested module
 * (the host keeps a module map so a module is compiled and evaluated once), and dynamic import()
 * asks the isolate's ModuleHost hook for a linked module.
 */
#ifndef PETREL_MODULES_MODULE_H
#define PETREL_MODULES_MODULE_H

#include "heap/fixed-array.h"
#include "interpreter/function-data.h"
#include "runtime/runtime.h"

typedef enum ModuleStatus {
  MODULE_UNLINKED,
  MODULE_LINKING,
  MODULE_LINKED,
  MODULE_EVALUATING,
  MODULE_EVALUATING_ASYNC,
  MODULE_EVALUATED,
} ModuleStatus;

/* ParseModule + code generation: a new unlinked record named `name` (a String: the host's
 * resolved path or URL), or VAL_EXCEPTION with the SyntaxError pending. */
Value module_compile(Isolate *iso, Value source, Value name);
/* A JSON module (a synthetic module whose one export, "default", is the parsed value):
 * VAL_EXCEPTION with a SyntaxError pending when source is not JSON. */
Value module_new_json(Isolate *iso, Value source, Value name);

bool module_is_record(Value v);
ModuleStatus module_status(Value module);
Value module_name(Value module);
/* [[EvaluationError]] of a module that failed, else undefined. */
Value module_exception(Value module);
/* The embedder's value attached to the record (undefined until set). */
Value module_host_defined(Value module);
void module_set_host_defined(Value module, Value v);
/* Requested modules: count, and the specifier / `type` attribute (String or undefined) of each. */
uint32_t module_request_count(Value module);
Value module_request_specifier(Value module, uint32_t i);
Value module_request_type(Value module, uint32_t i);

/* Returns the record for (specifier, type attribute or undefined) requested by referrer, or
 * VAL_EXCEPTION with an exception pending. */
typedef Value (*ModuleResolveFn)(Isolate *iso, Value specifier, Value type, Value referrer, void *data);
/* Loads the requested modules of the graph through resolve, then Link(): 0, or -1 with the
 * exception pending (a SyntaxError for an import nothing exports). */
int module_link(Isolate *iso, Value module, ModuleResolveFn resolve, void *data);
/* Evaluate(): the promise of the module's (cycle root's) evaluation; VAL_EXCEPTION only when
 * out of memory or the module is not linked (TypeError). */
Value module_evaluate(Isolate *iso, Value module);
/* GetModuleNamespace (the module must be linked). */
Value module_namespace(Isolate *iso, Value module);

/* import.meta of module (made on first use; the host hook may initialize it). */
Value module_import_meta(Isolate *iso, Value module);
/* import(specifier, options) from code whose script or module is named referrer: a promise.
 * phase: IMPORT_PHASE_* (ast.h) for import.source() / import.defer(). */
Value module_dynamic_import(Isolate *iso, Value specifier, Value options, Value referrer, int phase);

/* Host hooks. dynamic_import returns a linked (or evaluated) record for specifier/type imported
 * by the code named referrer, or VAL_EXCEPTION to reject the import() promise. import_meta may
 * add properties to a module's fresh import.meta object; -1 with an exception pending fails. */
typedef Value (*ModuleDynamicImportFn)(Isolate *iso, Value specifier, Value type, Value referrer, void *data);
typedef int (*ModuleImportMetaFn)(Isolate *iso, Value module, Value meta, void *data);
int module_set_dynamic_import_hook(Isolate *iso, ModuleDynamicImportFn fn, void *data);
int module_set_import_meta_hook(Isolate *iso, ModuleImportMetaFn fn, void *data);
/* The data pointers given with the hooks (NULL when none). */
void *module_dynamic_import_hook_data(Isolate *iso);
void *module_import_meta_hook_data(Isolate *iso);

/* For the interpreter: the module record `depth` contexts up from context, and its cell. */
static inline Value module_from_context(Value context, int depth) {
  for (; depth > 0; depth--) context = context_of(context)->previous;
  return context_of(context)->extension;
}
FixedArray *module_cell(Value module, int cell_index);
/* Direct eval in module code: the cell index and mutability of the module binding named name
 * (1), or 0 when the module has none. */
int module_lookup_local(Value module, Value name, int *cell_index, bool *immutable);
/* The module record whose code created context (through its context chain), or undefined. */
static inline Value module_of_context(Value context) {
  if (!val_is_pointer(context) || val_instance_type(context) != IT_CONTEXT) return VAL_UNDEFINED;
  while (val_is_pointer(context_of(context)->previous)) context = context_of(context)->previous;
  return context_of(context)->extension;
}

/* JSON.parse(text) without a reviver (builtins/json.c). */
Value json_parse_text(Isolate *iso, Value text);

#endif
