/*
 * Module records, linking and evaluation (module.h). The algorithms follow ECMA-262 16.2.1.5-6
 * step by step; comments name the spec operation each function implements.
 */
#include "modules/module.h"

#include "builtins/promise.h"
#include "execution/microtask.h"
#include "execution/realm.h"
#include "interpreter/compiler.h"
#include "interpreter/interp-runtime.h"
#include "objects/js-object.h"
#include "objects/map.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "parsing/parser.h"
#include <stdlib.h>
#include <string.h>

/* The slots of a module record (a FixedArray). */
enum {
  MOD_MARKER,           /* MODULE_MARKER: tells a record from other FixedArrays */
  MOD_STATUS,           /* int ModuleStatus */
  MOD_NAME,             /* String */
  MOD_SFI,              /* SharedFunctionInfo of the module code; undefined for JSON modules */
  MOD_FUNCTION,         /* the module closure (made by InitializeEnvironment) */
  MOD_REQUESTS,         /* 3 per request: specifier, `type` (String or undefined), an unsupported
                           attribute key (String) or undefined */
  MOD_LOADED,           /* per request: the record the host resolved (undefined until loaded) */
  MOD_IMPORTS,          /* 3 per import entry: request (int), import name (undefined: namespace),
                           phase (int IMPORT_PHASE_*) */
  MOD_IMPORT_CELLS,     /* per import entry: the cell bound by InitializeEnvironment */
  MOD_LOCAL_EXPORTS,    /* 2 per entry: export name, cell index (int) */
  MOD_INDIRECT_EXPORTS, /* 3 per entry: export name, request (int), import name (undefined: all) */
  MOD_STAR_EXPORTS,     /* request ints */
  MOD_CELLS,            /* the cells of the local exported bindings */
  MOD_NAMESPACE,        /* namespace object, or undefined */
  MOD_ERROR,            /* [[EvaluationError]], VAL_HOLE while none */
  MOD_DFS_INDEX,
  MOD_DFS_ANCESTOR,
  MOD_HAS_TLA,          /* bool */
  MOD_ASYNC_ORDER,      /* [[AsyncEvaluationOrder]]: ASYNC_UNSET, an int >= 0, or ASYNC_DONE */
  MOD_PENDING_DEPS,     /* [[PendingAsyncDependencies]] */
  MOD_ASYNC_PARENTS,    /* FixedArray with spare capacity */
  MOD_ASYNC_PARENT_COUNT,
  MOD_CYCLE_ROOT,
  MOD_CAPABILITY,       /* [[TopLevelCapability]]'s promise, or undefined */
  MOD_META,             /* import.meta, or undefined */
  MOD_HOST_DEFINED,
  MOD_LOCAL_NAMES,      /* 3 per module binding: local name, cell index (as the bytecode's), immutable
                           (bool): for direct eval, which finds bindings by name */
  MOD_SLOT_COUNT
};
#define MODULE_MARKER 0x4d6f64
enum { ASYNC_UNSET = -1, ASYNC_DONE = -2 };

typedef struct ModuleHost {
  ModuleDynamicImportFn dynamic_import;
  void *dynamic_import_data;
  ModuleImportMetaFn import_meta;
  void *import_meta_data;
  int32_t async_counter; /* IncrementModuleAsyncEvaluationCount */
} ModuleHost;

/* The UTF-8 text of a String for an error message (truncated to size). */
static void str_to_utf8_buf(Value s, char *buf, size_t size) {
  size_t n = 0;
  uint32_t len = val_is_string(s) ? str_length(s) : 0;
  for (uint32_t i = 0; i < len && n + 4 < size; i++) {
    uint32_t c = str_char_at(s, i);
    if (c < 0x80) {
      buf[n++] = (char)c;
    } else if (c < 0x800) {
      buf[n++] = (char)(0xc0 | (c >> 6));
      buf[n++] = (char)(0x80 | (c & 0x3f));
    } else {
      buf[n++] = (char)(0xe0 | (c >> 12));
      buf[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
      buf[n++] = (char)(0x80 | (c & 0x3f));
    }
  }
  buf[n] = 0;
}

static bool name_eq(Value a, Value b) { return a == b || (val_is_string(a) && val_is_string(b) && str_equals(a, b)); }

/* ---- record access ------------------------------------------------------------------------- */

static FixedArray *rec(Value m) { return (FixedArray *)val_to_ptr(m); }
static Value slot(Value m, int i) { return rec(m)->data[i]; }
static void set_slot(Value m, int i, Value v) { fixed_array_set(rec(m), (uint32_t)i, v); }
static int islot(Value m, int i) { return val_to_int(slot(m, i)); }
static void set_islot(Value m, int i, int v) { set_slot(m, i, val_from_int(v)); }
static FixedArray *farr(Value v) { return (FixedArray *)val_to_ptr(v); }
static bool is_synthetic(Value m) { return slot(m, MOD_SFI) == VAL_UNDEFINED; }

bool module_is_record(Value v) {
  if (!val_is_pointer(v) || val_instance_type(v) != IT_FIXED_ARRAY) return false;
  FixedArray *a = farr(v);
  return a->length == MOD_SLOT_COUNT && a->data[MOD_MARKER] == val_from_int(MODULE_MARKER);
}
ModuleStatus module_status(Value m) { return (ModuleStatus)islot(m, MOD_STATUS); }
Value module_name(Value m) { return slot(m, MOD_NAME); }
Value module_exception(Value m) {
  Value e = slot(m, MOD_ERROR);
  return e == VAL_HOLE ? VAL_UNDEFINED : e;
}
Value module_host_defined(Value m) { return slot(m, MOD_HOST_DEFINED); }
void module_set_host_defined(Value m, Value v) { set_slot(m, MOD_HOST_DEFINED, v); }
uint32_t module_request_count(Value m) { return farr(slot(m, MOD_REQUESTS))->length / 3; }
Value module_request_specifier(Value m, uint32_t i) { return farr(slot(m, MOD_REQUESTS))->data[3 * i]; }
Value module_request_type(Value m, uint32_t i) { return farr(slot(m, MOD_REQUESTS))->data[3 * i + 1]; }
static Value loaded(Value m, uint32_t request) { return farr(slot(m, MOD_LOADED))->data[request]; }

FixedArray *module_cell(Value m, int cell_index) {
  if (cell_index > 0) return farr(farr(slot(m, MOD_CELLS))->data[cell_index - 1]);
  return farr(farr(slot(m, MOD_IMPORT_CELLS))->data[-cell_index - 1]);
}

int module_lookup_local(Value m, Value name, int *cell_index, bool *immutable) {
  Value names = slot(m, MOD_LOCAL_NAMES);
  if (!val_is_pointer(names)) return 0;
  FixedArray *a = farr(names);
  for (uint32_t i = 0; i + 2 < a->length; i += 3) {
    if (!val_is_string(a->data[i]) || !name_eq(a->data[i], name)) continue;
    *cell_index = val_to_int(a->data[i + 1]);
    *immutable = a->data[i + 2] == VAL_TRUE;
    return 1;
  }
  return 0;
}

/* Module records and binding cells are FixedArrays, so they may be young, but the linking and
 * namespace code keeps them in malloc'd lists (ValueList) and hashes them by address (PairSet)
 * across allocations: they must never move. Noting the address as hashed pins them at the
 * scavenge (docs/heap.md, "Pinning"); a moved cell left a namespace bound to a dead one. */
static Value new_cell(Isolate *iso, Value v) {
  FixedArray *c = fixed_array_new(iso, 1, v);
  if (!c) return VAL_EXCEPTION;
  heap_note_address_hashed(&c->header);
  return val_from_ptr(c);
}
static bool is_cell(Value v) { return farr(v)->length == 1; }

static Value new_array(Isolate *iso, uint32_t n) {
  FixedArray *a = fixed_array_new(iso, n, VAL_UNDEFINED);
  return a ? val_from_ptr(a) : VAL_EXCEPTION;
}

static Value new_record(Isolate *iso, Value name) {
  FixedArray *r = fixed_array_new(iso, MOD_SLOT_COUNT, VAL_UNDEFINED);
  if (!r) return VAL_EXCEPTION;
  heap_note_address_hashed(&r->header); /* never moves: see new_cell */
  Value m = val_from_ptr(r);
  set_islot(m, MOD_MARKER, MODULE_MARKER);
  set_islot(m, MOD_STATUS, MODULE_UNLINKED);
  set_slot(m, MOD_NAME, name);
  set_slot(m, MOD_ERROR, VAL_HOLE);
  set_islot(m, MOD_DFS_INDEX, -1);
  set_islot(m, MOD_DFS_ANCESTOR, -1);
  set_slot(m, MOD_HAS_TLA, VAL_FALSE);
  set_islot(m, MOD_ASYNC_ORDER, ASYNC_UNSET);
  set_islot(m, MOD_PENDING_DEPS, 0);
  set_islot(m, MOD_ASYNC_PARENT_COUNT, 0);
  return m;
}

/* ---- compilation ----------------------------------------------------------------------------- */

static Value ast_string(Isolate *iso, const AstString *s) {
  if (!s) return VAL_UNDEFINED;
  Value v = str_new_utf16(iso, s->chars, s->length);
  return v == VAL_EXCEPTION ? v : str_intern(iso, v);
}

#define TRY(v)                                                                                     \
  do {                                                                                             \
    if ((v) == VAL_EXCEPTION) return VAL_EXCEPTION;                                                \
  } while (0)

/* Fills arr[i] with v (arr is a FixedArray Value). */
#define PUT(arr, i, v)                                                                             \
  do {                                                                                             \
    Value put_v_ = (v);                                                                            \
    TRY(put_v_);                                                                                   \
    fixed_array_set(farr(arr), (uint32_t)(i), put_v_);                                               \
  } while (0)

/* ParseModule's record from the parser's ModuleInfo (CompilerModuleRecordFn). */
static Value make_record(Isolate *iso, const ParseResult *pr, Value sfi, void *data) {
  Value name = *(Value *)data;
  const ModuleInfo *mi = pr->module;
  Value m = new_record(iso, name);
  TRY(m);
  set_slot(m, MOD_SFI, sfi);
  set_slot(m, MOD_HAS_TLA, mi->has_top_level_await ? VAL_TRUE : VAL_FALSE);
  Value a = new_array(iso, 3 * mi->request_count);
  TRY(a);
  set_slot(m, MOD_REQUESTS, a);
  for (uint32_t i = 0; i < mi->request_count; i++) {
    const ModuleRequest *rq = &mi->requests[i];
    PUT(a, 3 * i, ast_string(iso, rq->specifier));
    for (uint32_t k = 0; k < rq->attr_count; k++) {
      const AstString *key = rq->attr_keys[k];
      if (key->length == 4 && key->chars[0] == 't' && key->chars[1] == 'y' && key->chars[2] == 'p' &&
          key->chars[3] == 'e')
        PUT(a, 3 * i + 1, ast_string(iso, rq->attr_values[k]));
      else if (farr(a)->data[3 * i + 2] == VAL_UNDEFINED)
        PUT(a, 3 * i + 2, ast_string(iso, key));
    }
  }
  TRY(a = new_array(iso, mi->request_count));
  set_slot(m, MOD_LOADED, a);
  TRY(a = new_array(iso, 3 * mi->import_count));
  set_slot(m, MOD_IMPORTS, a);
  for (uint32_t i = 0; i < mi->import_count; i++) {
    PUT(a, 3 * i, val_from_int((int32_t)mi->imports[i].request));
    PUT(a, 3 * i + 1, ast_string(iso, mi->imports[i].import_name));
    PUT(a, 3 * i + 2, val_from_int(mi->imports[i].phase));
  }
  TRY(a = new_array(iso, mi->import_count));
  set_slot(m, MOD_IMPORT_CELLS, a);
  /* `import * as ns from 'x'; export { ns }` re-exports x's namespace: kept as the indirect
   * export `export * as ns from 'x'` (the import's own binding stays an import cell) */
  uint32_t ns_reexports = 0;
  for (uint32_t i = 0; i < mi->local_export_count; i++)
    if (mi->local_exports[i].var && mi->local_exports[i].var->location != LOC_MODULE_EXPORT) ns_reexports++;
  TRY(a = new_array(iso, 2 * (mi->local_export_count - ns_reexports)));
  set_slot(m, MOD_LOCAL_EXPORTS, a);
  Value ind = new_array(iso, 3 * (mi->indirect_export_count + ns_reexports));
  TRY(ind);
  set_slot(m, MOD_INDIRECT_EXPORTS, ind);
  Value cells = new_array(iso, mi->cell_count);
  TRY(cells);
  set_slot(m, MOD_CELLS, cells);
  uint32_t nl = 0, ni = 0;
  for (uint32_t i = 0; i < mi->local_export_count; i++) {
    const ModuleExportEntry *e = &mi->local_exports[i];
    if (e->var && e->var->location != LOC_MODULE_EXPORT) {
      uint32_t request = 0;
      for (uint32_t q = 0; q < mi->import_count; q++)
        if (mi->imports[q].var == e->var) request = mi->imports[q].request;
      PUT(ind, 3 * ni, ast_string(iso, e->export_name));
      PUT(ind, 3 * ni + 1, val_from_int((int32_t)request));
      ni++;
      continue;
    }
    PUT(a, 2 * nl, ast_string(iso, e->export_name));
    PUT(a, 2 * nl + 1, val_from_int(e->var->index));
    nl++;
    if (farr(cells)->data[e->var->index] == VAL_UNDEFINED) {
      /* var bindings start undefined; lexical ones, and functions until the instantiation call
       * binds them, in their TDZ */
      PUT(cells, (uint32_t)e->var->index, new_cell(iso, e->var->mode == VAR_VAR ? VAL_UNDEFINED : VAL_HOLE));
    }
  }
  for (uint32_t i = 0; i < mi->indirect_export_count; i++, ni++) {
    const ModuleExportEntry *e = &mi->indirect_exports[i];
    PUT(ind, 3 * ni, ast_string(iso, e->export_name));
    PUT(ind, 3 * ni + 1, val_from_int(e->request));
    PUT(ind, 3 * ni + 2, ast_string(iso, e->import_name));
  }
  TRY(a = new_array(iso, 3 * (mi->import_count + mi->cell_count)));
  set_slot(m, MOD_LOCAL_NAMES, a);
  for (uint32_t i = 0; i < mi->import_count; i++) {
    PUT(a, 3 * i, ast_string(iso, mi->imports[i].local_name));
    PUT(a, 3 * i + 1, val_from_int(-(int32_t)i - 1));
    PUT(a, 3 * i + 2, VAL_TRUE);
  }
  for (uint32_t i = 0, k = mi->import_count; i < mi->local_export_count; i++) {
    const Variable *v = mi->local_exports[i].var;
    if (!v || v->location != LOC_MODULE_EXPORT || farr(a)->data[3 * (mi->import_count + (uint32_t)v->index)] != VAL_UNDEFINED)
      continue;
    k = mi->import_count + (uint32_t)v->index;
    PUT(a, 3 * k, ast_string(iso, v->name));
    PUT(a, 3 * k + 1, val_from_int(v->index + 1));
    PUT(a, 3 * k + 2, v->mode == VAR_CONST ? VAL_TRUE : VAL_FALSE);
  }
  TRY(a = new_array(iso, mi->star_export_count));
  set_slot(m, MOD_STAR_EXPORTS, a);
  for (uint32_t i = 0; i < mi->star_export_count; i++) PUT(a, i, val_from_int(mi->star_exports[i].request));
  return m;
}

Value module_compile(Isolate *iso, Value source, Value name) {
  if (!val_is_string(name)) name = NAME(iso, empty);
  return compiler_compile_module(iso, source, name, make_record, &name);
}

Value module_new_json(Isolate *iso, Value source, Value name) {
  if (!val_is_string(source)) return rt_throw_type_error(iso, "module source must be a string");
  Value value = json_parse_text(iso, source);
  TRY(value);
  Value m = new_record(iso, val_is_string(name) ? name : NAME(iso, empty));
  TRY(m);
  Value a;
  TRY(a = new_array(iso, 0));
  set_slot(m, MOD_REQUESTS, a);
  set_slot(m, MOD_LOADED, a);
  set_slot(m, MOD_IMPORTS, a);
  set_slot(m, MOD_IMPORT_CELLS, a);
  set_slot(m, MOD_INDIRECT_EXPORTS, a);
  set_slot(m, MOD_STAR_EXPORTS, a);
  TRY(a = new_array(iso, 2));
  set_slot(m, MOD_LOCAL_EXPORTS, a);
  PUT(a, 0, NAME(iso, default_));
  PUT(a, 1, val_from_int(0));
  TRY(a = new_array(iso, 1));
  set_slot(m, MOD_CELLS, a);
  PUT(a, 0, new_cell(iso, value));
  return m;
}

/* ---- export resolution ----------------------------------------------------------------------- */

typedef enum { RES_NULL, RES_AMBIGUOUS, RES_CELL, RES_NAMESPACE, RES_ERROR } ResKind;
typedef struct Resolution {
  ResKind kind;
  Value module; /* RES_NAMESPACE: the module whose namespace it is */
  Value cell;   /* RES_CELL */
} Resolution;

typedef struct ValueList {
  Value *items;
  uint32_t count, cap;
} ValueList;

static int list_push(Isolate *iso, ValueList *l, Value v) {
  if (l->count == l->cap) {
    uint32_t cap = l->cap ? 2 * l->cap : 16;
    Value *n = realloc(l->items, cap * sizeof(Value));
    if (!n) {
      isolate_throw_oom(iso);
      return -1;
    }
    l->items = n;
    l->cap = cap;
  }
  l->items[l->count++] = v;
  return 0;
}
static bool list_contains(const ValueList *l, Value v) {
  for (uint32_t i = 0; i < l->count; i++)
    if (l->items[i] == v) return true;
  return false;
}

/* A set of (Value, Value) pairs compared by identity (module records; internalized names), so
 * that resolution and name collection stay linear in hostile graphs (long star-export chains). */
typedef struct PairSet {
  Value *slots; /* 2 per entry; VAL_HOLE: empty */
  uint32_t cap, count;
} PairSet;

static uint32_t pair_hash(Value a, Value b) {
  uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull ^ ((uint64_t)b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
  return (uint32_t)(h ^ (h >> 32));
}

/* Adds (a, b): 1 when added, 0 when present, -1 when out of memory (exception pending). */
static int pairset_add(Isolate *iso, PairSet *s, Value a, Value b) {
  if (2 * (s->count + 1) > s->cap) {
    uint32_t cap = s->cap ? 2 * s->cap : 64;
    Value *n = malloc(2 * (size_t)cap * sizeof(Value));
    if (!n) {
      isolate_throw_oom(iso);
      return -1;
    }
    for (uint32_t i = 0; i < 2 * cap; i++) n[i] = VAL_HOLE;
    for (uint32_t i = 0; i < s->cap; i++) {
      if (s->slots[2 * i] == VAL_HOLE) continue;
      uint32_t j = pair_hash(s->slots[2 * i], s->slots[2 * i + 1]) & (cap - 1);
      while (n[2 * j] != VAL_HOLE) j = (j + 1) & (cap - 1);
      n[2 * j] = s->slots[2 * i];
      n[2 * j + 1] = s->slots[2 * i + 1];
    }
    free(s->slots);
    s->slots = n;
    s->cap = cap;
  }
  uint32_t j = pair_hash(a, b) & (s->cap - 1);
  while (s->slots[2 * j] != VAL_HOLE) {
    if (s->slots[2 * j] == a && s->slots[2 * j + 1] == b) return 0;
    j = (j + 1) & (s->cap - 1);
  }
  s->slots[2 * j] = a;
  s->slots[2 * j + 1] = b;
  s->count++;
  return 1;
}


/* ResolveExport(exportName, resolveSet). resolve_set holds (module, name) pairs. */
static Resolution resolve_export(Isolate *iso, Value m, Value export_name, PairSet *resolve_set) {
  Resolution r = {RES_NULL, VAL_UNDEFINED, VAL_UNDEFINED};
  if (!isolate_check_stack(iso)) {
    r.kind = RES_ERROR;
    return r;
  }
  if (!is_synthetic(m)) {
    int added = pairset_add(iso, resolve_set, m, export_name);
    if (added == 0) return r; /* circular import request */
    if (added < 0) {
      r.kind = RES_ERROR;
      return r;
    }
  }
  FixedArray *locals = farr(slot(m, MOD_LOCAL_EXPORTS));
  for (uint32_t i = 0; i < locals->length; i += 2) {
    if (!name_eq(locals->data[i], export_name)) continue;
    r.kind = RES_CELL;
    r.module = m;
    r.cell = farr(slot(m, MOD_CELLS))->data[val_to_int(locals->data[i + 1])];
    return r;
  }
  FixedArray *ind = farr(slot(m, MOD_INDIRECT_EXPORTS));
  for (uint32_t i = 0; i < ind->length; i += 3) {
    if (!name_eq(ind->data[i], export_name)) continue;
    Value imported = loaded(m, (uint32_t)val_to_int(ind->data[i + 1]));
    if (ind->data[i + 2] == VAL_UNDEFINED) {
      r.kind = RES_NAMESPACE;
      r.module = imported;
      return r;
    }
    return resolve_export(iso, imported, ind->data[i + 2], resolve_set);
  }
  if (name_eq(export_name, NAME(iso, default_))) return r;
  Resolution star = r;
  FixedArray *stars = farr(slot(m, MOD_STAR_EXPORTS));
  for (uint32_t i = 0; i < stars->length; i++) {
    Value imported = loaded(m, (uint32_t)val_to_int(stars->data[i]));
    Resolution res = resolve_export(iso, imported, export_name, resolve_set);
    if (res.kind == RES_AMBIGUOUS || res.kind == RES_ERROR) return res;
    if (res.kind == RES_NULL) continue;
    if (star.kind == RES_NULL) {
      star = res;
    } else if (res.kind != star.kind || (res.kind == RES_CELL ? res.cell != star.cell : res.module != star.module)) {
      star.kind = RES_AMBIGUOUS;
      return star;
    }
  }
  return star;
}

static Resolution resolve(Isolate *iso, Value m, Value name) {
  PairSet set = {0};
  Resolution r = resolve_export(iso, m, name, &set);
  free(set.slots);
  return r;
}

/* GetExportedNames(exportStarSet), accumulating into one list: names reached through star
 * exports (below the top, `top` false) exclude "default", and `seen` drops duplicates. The result
 * is the spec's as a set (callers sort it). */
static int exported_names(Isolate *iso, Value m, PairSet *star_set, PairSet *seen, ValueList *names, bool top) {
  if (!isolate_check_stack(iso)) return -1;
  int added = pairset_add(iso, star_set, m, VAL_UNDEFINED);
  if (added <= 0) return added;
  for (int pass = 0; pass < 2; pass++) {
    FixedArray *list = farr(slot(m, pass == 0 ? MOD_LOCAL_EXPORTS : MOD_INDIRECT_EXPORTS));
    uint32_t stride = pass == 0 ? 2 : 3;
    for (uint32_t i = 0; i < list->length; i += stride) {
      Value n = list->data[i];
      if (!top && name_eq(n, NAME(iso, default_))) continue;
      int fresh = pairset_add(iso, seen, n, VAL_UNDEFINED);
      if (fresh < 0 || (fresh && list_push(iso, names, n) < 0)) return -1;
    }
  }
  FixedArray *stars = farr(slot(m, MOD_STAR_EXPORTS));
  for (uint32_t i = 0; i < stars->length; i++) {
    Value imported = loaded(m, (uint32_t)val_to_int(farr(slot(m, MOD_STAR_EXPORTS))->data[i]));
    if (exported_names(iso, imported, star_set, seen, names, false) < 0) return -1;
  }
  PT_UNUSED(stars);
  return 0;
}

/* ---- module namespace exotic objects (10.4.6) --------------------------------------------- */

typedef struct JSModuleNamespace {
  JSObject base;
  Value module;
  Value names;    /* FixedArray of export names, sorted by code units */
  Value bindings; /* FixedArray: per name a cell, or a module record (its namespace) */
} JSModuleNamespace;

static JSModuleNamespace *ns_of(Value v) { return (JSModuleNamespace *)val_to_ptr(v); }

/* The index of the export named by (string or index) key, or -1. */
static int ns_find(Isolate *iso, Value ns, Value key) {
  Value name = key;
  if (!val_is_string(key)) {
    if (!key_is_index(key)) return -1;
    name = key_to_string(iso, key);
    if (name == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return -1;
    }
  }
  FixedArray *names = farr(ns_of(ns)->names);
  int lo = 0, hi = (int)names->length - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int c = str_compare(names->data[mid], name);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

static Value ns_value(Isolate *iso, Value ns, int index) {
  Value b = farr(ns_of(ns)->bindings)->data[index];
  if (!is_cell(b)) return module_namespace(iso, b);
  Value v = farr(b)->data[0];
  if (v == VAL_HOLE) {
    char text[128];
    Value name = farr(ns_of(ns)->names)->data[index];
    str_to_utf8_buf(name, text, sizeof text);
    return rt_throw_reference_error(iso, "Cannot access '%s' before initialization", text);
  }
  return v;
}

static Value ns_get_prototype_of(Isolate *iso, Value obj) {
  PT_UNUSED(iso);
  PT_UNUSED(obj);
  return VAL_NULL;
}
static int ns_set_prototype_of(Isolate *iso, Value obj, Value proto) {
  PT_UNUSED(iso);
  PT_UNUSED(obj);
  return proto == VAL_NULL ? 1 : 0; /* SetImmutablePrototype */
}
static int ns_is_extensible(Isolate *iso, Value obj) {
  PT_UNUSED(iso);
  PT_UNUSED(obj);
  return 0;
}
static int ns_prevent_extensions(Isolate *iso, Value obj) {
  PT_UNUSED(iso);
  PT_UNUSED(obj);
  return 1;
}
static int ns_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  if (val_is_symbol(key)) return ordinary_get_own_property(iso, obj, key, out);
  int i = ns_find(iso, obj, key);
  if (i < 0) return 0;
  Value v = ns_value(iso, obj, i);
  if (v == VAL_EXCEPTION) return -1;
  if (out) desc_data(out, v, ATTR_WRITABLE | ATTR_ENUMERABLE);
  return 1;
}
static int ns_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *d) {
  if (val_is_symbol(key)) return ordinary_define_own_property(iso, obj, key, d);
  PropertyDescriptor cur;
  int found = ns_get_own_property(iso, obj, key, &cur);
  if (found <= 0) return found;
  if (d->has_configurable && d->configurable) return 0;
  if (d->has_enumerable && !d->enumerable) return 0;
  if (d->has_get || d->has_set) return 0;
  if (d->has_writable && !d->writable) return 0;
  if (d->has_value) return rt_same_value(d->value, cur.value) ? 1 : 0;
  return 1;
}
static int ns_has_property(Isolate *iso, Value obj, Value key) {
  if (val_is_symbol(key)) return ordinary_has_property(iso, obj, key);
  return ns_find(iso, obj, key) >= 0;
}
static Value ns_get(Isolate *iso, Value obj, Value key, Value receiver) {
  if (val_is_symbol(key)) return ordinary_get(iso, obj, key, receiver);
  int i = ns_find(iso, obj, key);
  return i < 0 ? VAL_UNDEFINED : ns_value(iso, obj, i);
}
static int ns_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  PT_UNUSED(iso);
  PT_UNUSED(obj);
  PT_UNUSED(key);
  PT_UNUSED(value);
  PT_UNUSED(receiver);
  return 0;
}
static int ns_delete(Isolate *iso, Value obj, Value key) {
  if (val_is_symbol(key)) return ordinary_delete(iso, obj, key);
  return ns_find(iso, obj, key) < 0;
}
static Value ns_own_property_keys(Isolate *iso, Value obj) {
  Value symbols = ordinary_own_property_keys(iso, obj); /* only @@toStringTag (and symbols) */
  TRY(symbols);
  FixedArray *names = farr(ns_of(obj)->names);
  Value keys = array_new(iso, 0);
  TRY(keys);
  for (uint32_t i = 0; i < names->length; i++) {
    Value k = key_from_string(iso, farr(ns_of(obj)->names)->data[i]);
    TRY(k);
    if (array_push(iso, keys, k) < 0) return VAL_EXCEPTION;
  }
  uint32_t n = array_length(symbols);
  for (uint32_t i = 0; i < n; i++) {
    Value k = rt_get(iso, symbols, key_from_index(i));
    TRY(k);
    if (val_is_symbol(k) && array_push(iso, keys, k) < 0) return VAL_EXCEPTION;
  }
  return keys;
}

static const ObjectOps ns_ops = {
    .get_prototype_of = ns_get_prototype_of,
    .set_prototype_of = ns_set_prototype_of,
    .is_extensible = ns_is_extensible,
    .prevent_extensions = ns_prevent_extensions,
    .get_own_property = ns_get_own_property,
    .define_own_property = ns_define_own_property,
    .has_property = ns_has_property,
    .get = ns_get,
    .set = ns_set,
    .delete_ = ns_delete,
    .own_property_keys = ns_own_property_keys,
};

/* qsort has no context argument: the names being sorted (one namespace at a time; the engine
 * runs an isolate on one thread, but two isolates may sort at once, hence thread-local). */
static _Thread_local const Value *sort_names;
static int cmp_name_index(const void *a, const void *b) {
  return str_compare(sort_names[*(const uint32_t *)a], sort_names[*(const uint32_t *)b]);
}

/* GetModuleNamespace. */
Value module_namespace(Isolate *iso, Value m) {
  if (slot(m, MOD_NAMESPACE) != VAL_UNDEFINED) return slot(m, MOD_NAMESPACE);
  object_register_ops(IT_JS_MODULE_NAMESPACE, &ns_ops);
  PairSet star_set = {0}, seen = {0};
  ValueList names = {0};
  int rc = exported_names(iso, m, &star_set, &seen, &names, true);
  free(star_set.slots);
  free(seen.slots);
  if (rc < 0) {
    free(names.items);
    return VAL_EXCEPTION;
  }
  /* keep the names that resolve unambiguously, with their bindings, sorted by name */
  ValueList kept = {0}, bindings = {0};
  Value result = VAL_EXCEPTION;
  for (uint32_t i = 0; i < names.count; i++) {
    Resolution r = resolve(iso, m, names.items[i]);
    if (r.kind == RES_ERROR) goto done;
    if (r.kind != RES_CELL && r.kind != RES_NAMESPACE) continue;
    if (list_push(iso, &kept, names.items[i]) < 0) goto done;
    if (list_push(iso, &bindings, r.kind == RES_CELL ? r.cell : r.module) < 0) goto done;
  }
  if (kept.count > 1) {
    /* sort the (name, binding) pairs: an index permutation sorted by name */
    uint32_t *order = malloc(kept.count * sizeof(uint32_t));
    Value *tmp = malloc(2 * (size_t)kept.count * sizeof(Value));
    if (!order || !tmp) {
      free(order);
      free(tmp);
      isolate_throw_oom(iso);
      goto done;
    }
    sort_names = kept.items;
    for (uint32_t i = 0; i < kept.count; i++) order[i] = i;
    qsort(order, kept.count, sizeof(uint32_t), cmp_name_index);
    for (uint32_t i = 0; i < kept.count; i++) {
      tmp[i] = kept.items[order[i]];
      tmp[kept.count + i] = bindings.items[order[i]];
    }
    memcpy(kept.items, tmp, kept.count * sizeof(Value));
    memcpy(bindings.items, tmp + kept.count, kept.count * sizeof(Value));
    free(order);
    free(tmp);
  }
  {
    Value name_arr = new_array(iso, kept.count);
    if (name_arr == VAL_EXCEPTION) goto done;
    for (uint32_t i = 0; i < kept.count; i++) fixed_array_set(farr(name_arr), i, kept.items[i]);
    Value bind_arr = new_array(iso, kept.count);
    if (bind_arr == VAL_EXCEPTION) goto done;
    for (uint32_t i = 0; i < kept.count; i++) fixed_array_set(farr(bind_arr), i, bindings.items[i]);
    Map *map = map_initial_for_prototype(iso, VAL_NULL, IT_JS_MODULE_NAMESPACE, sizeof(JSModuleNamespace), 0);
    if (!map) goto done;
    Value ns = obj_new_from_map(iso, map);
    if (ns == VAL_EXCEPTION) goto done;
    JSModuleNamespace *n = ns_of(ns);
    WRITE_FIELD(n, n->module, m);
    WRITE_FIELD(n, n->names, name_arr);
    WRITE_FIELD(n, n->bindings, bind_arr);
    Value tag = str_from_cstr(iso, "Module");
    if (tag == VAL_EXCEPTION) goto done;
    /* added directly: the namespace's own [[DefineOwnProperty]] sees a non-extensible object (its
     * [[IsExtensible]] is false whatever the map says) */
    if (obj_add_property(iso, ns, sym_well_known(iso, WKS_TO_STRING_TAG), tag, 0) < 0) goto done;
    set_slot(m, MOD_NAMESPACE, ns);
    result = ns;
  }
done:
  free(names.items);
  free(kept.items);
  free(bindings.items);
  return result;
}

/* ---- linking (16.2.1.5.1) -------------------------------------------------------------------- */

/* Throws the SyntaxError of an import or re-export that does not resolve. */
static int throw_resolution_error(Isolate *iso, Value m, uint32_t request, Value name, bool ambiguous) {
  char spec[256], text[128];
  str_to_utf8_buf(module_request_specifier(m, request), spec, sizeof spec);
  str_to_utf8_buf(name, text, sizeof text);
  if (ambiguous)
    rt_throw_syntax_error(iso, "The requested module '%s' contains conflicting star exports for name '%s'", spec, text);
  else
    rt_throw_syntax_error(iso, "The requested module '%s' does not provide an export named '%s'", spec, text);
  return -1;
}

/* Source phase imports (proposal): GetModuleSource of a Source Text Module Record or a JSON module
 * throws a SyntaxError (neither has a source object). Import defer is not implemented yet. */
static int throw_phase_error(Isolate *iso, int phase) {
  if (phase == IMPORT_PHASE_SOURCE)
    rt_throw_syntax_error(iso, "Source phase import is not available for this module");
  else
    rt_throw(iso, ERR_ERROR, "import defer is not implemented yet");
  return -1;
}

/* InitializeEnvironment. */
static int initialize_environment(Isolate *iso, Value m) {
  FixedArray *ind = farr(slot(m, MOD_INDIRECT_EXPORTS));
  for (uint32_t i = 0; i < ind->length; i += 3) {
    if (ind->data[i + 2] == VAL_UNDEFINED) continue; /* export * as ns: always resolves */
    Resolution r = resolve(iso, m, ind->data[i]);
    if (r.kind == RES_ERROR) return -1;
    if (r.kind == RES_NULL || r.kind == RES_AMBIGUOUS)
      return throw_resolution_error(iso, m, (uint32_t)val_to_int(ind->data[i + 1]), ind->data[i + 2],
                                    r.kind == RES_AMBIGUOUS);
  }
  FixedArray *imports = farr(slot(m, MOD_IMPORTS));
  uint32_t n = imports->length / 3;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t request = (uint32_t)val_to_int(farr(slot(m, MOD_IMPORTS))->data[3 * i]);
    Value import_name = farr(slot(m, MOD_IMPORTS))->data[3 * i + 1];
    int phase = val_to_int(farr(slot(m, MOD_IMPORTS))->data[3 * i + 2]);
    Value imported = loaded(m, request);
    Value cell;
    if (phase != IMPORT_PHASE_EVALUATION) {
      if (throw_phase_error(iso, phase) < 0) return -1;
    }
    if (import_name == VAL_UNDEFINED) {
      Value ns = module_namespace(iso, imported);
      if (ns == VAL_EXCEPTION) return -1;
      cell = new_cell(iso, ns);
    } else {
      Resolution r = resolve(iso, imported, import_name);
      if (r.kind == RES_ERROR) return -1;
      if (r.kind == RES_NULL || r.kind == RES_AMBIGUOUS)
        return throw_resolution_error(iso, m, request, import_name, r.kind == RES_AMBIGUOUS);
      if (r.kind == RES_NAMESPACE) {
        Value ns = module_namespace(iso, r.module);
        if (ns == VAL_EXCEPTION) return -1;
        cell = new_cell(iso, ns);
      } else {
        cell = r.cell;
      }
    }
    if (cell == VAL_EXCEPTION) return -1;
    fixed_array_set(farr(slot(m, MOD_IMPORT_CELLS)), i, cell);
  }
  /* The module context (extension: the record) and the module function; its instantiation call
   * binds the hoisted functions. */
  Value sfi = slot(m, MOD_SFI);
  Value si = sfi_of(sfi)->scope_info;
  int slots = val_is_pointer(si) ? scope_info_of(si)->slot_count : 0;
  Value ctx = context_new(iso, si, VAL_UNDEFINED, slots);
  if (ctx == VAL_EXCEPTION) return -1;
  WRITE_FIELD(context_of(ctx), context_of(ctx)->extension, m);
  Value fn = interp_new_closure(iso, NULL, sfi, ctx, -1);
  if (fn == VAL_EXCEPTION) return -1;
  set_slot(m, MOD_FUNCTION, fn);
  if (rt_call(iso, fn, VAL_TRUE, 0, NULL) == VAL_EXCEPTION) return -1;
  return 0;
}

/* InnerModuleLinking. */
static int inner_link(Isolate *iso, Value m, ValueList *stack, int index) {
  if (!isolate_check_stack(iso)) return -1;
  if (is_synthetic(m)) {
    if (module_status(m) == MODULE_UNLINKED) set_islot(m, MOD_STATUS, MODULE_LINKED);
    return index;
  }
  ModuleStatus st = module_status(m);
  if (st != MODULE_UNLINKED) return index;
  set_islot(m, MOD_STATUS, MODULE_LINKING);
  set_islot(m, MOD_DFS_INDEX, index);
  set_islot(m, MOD_DFS_ANCESTOR, index);
  index++;
  if (list_push(iso, stack, m) < 0) return -1;
  uint32_t n = module_request_count(m);
  for (uint32_t i = 0; i < n; i++) {
    Value req = loaded(m, i);
    index = inner_link(iso, req, stack, index);
    if (index < 0) return -1;
    if (!is_synthetic(req) && module_status(req) == MODULE_LINKING) {
      int a = islot(req, MOD_DFS_ANCESTOR);
      if (a < islot(m, MOD_DFS_ANCESTOR)) set_islot(m, MOD_DFS_ANCESTOR, a);
    }
  }
  if (initialize_environment(iso, m) < 0) return -1;
  if (islot(m, MOD_DFS_ANCESTOR) == islot(m, MOD_DFS_INDEX)) {
    Value done;
    do {
      done = stack->items[--stack->count];
      set_islot(done, MOD_STATUS, MODULE_LINKED);
    } while (done != m);
  }
  return index;
}

/* LoadRequestedModules, synchronously through the host's resolve function. */
static int load_requested(Isolate *iso, Value m, ModuleResolveFn fn, void *data, ValueList *visited) {
  if (!isolate_check_stack(iso)) return -1;
  if (list_contains(visited, m)) return 0;
  if (list_push(iso, visited, m) < 0) return -1;
  uint32_t n = module_request_count(m);
  for (uint32_t i = 0; i < n; i++) {
    Value req = loaded(m, i);
    if (req == VAL_UNDEFINED) {
      Value bad_key = farr(slot(m, MOD_REQUESTS))->data[3 * i + 2];
      if (bad_key != VAL_UNDEFINED) {
        char text[128];
        str_to_utf8_buf(bad_key, text, sizeof text);
        rt_throw_syntax_error(iso, "Import attribute has unsupported key '%s'", text);
        return -1;
      }
      if (!fn) {
        rt_throw_type_error(iso, "no module resolver given to link imports");
        return -1;
      }
      req = fn(iso, module_request_specifier(m, i), module_request_type(m, i), m, data);
      if (req == VAL_EXCEPTION) return -1;
      if (!module_is_record(req)) {
        rt_throw_type_error(iso, "the module resolver returned something that is not a module");
        return -1;
      }
      fixed_array_set(farr(slot(m, MOD_LOADED)), i, req);
    }
    if (load_requested(iso, req, fn, data, visited) < 0) return -1;
  }
  return 0;
}

int module_link(Isolate *iso, Value m, ModuleResolveFn fn, void *data) {
  ValueList visited = {0};
  int rc = load_requested(iso, m, fn, data, &visited);
  free(visited.items);
  if (rc < 0) return -1;
  ValueList stack = {0};
  rc = inner_link(iso, m, &stack, 0);
  if (rc < 0) {
    for (uint32_t i = 0; i < stack.count; i++) {
      set_islot(stack.items[i], MOD_STATUS, MODULE_UNLINKED);
      set_islot(stack.items[i], MOD_DFS_INDEX, -1);
      set_islot(stack.items[i], MOD_DFS_ANCESTOR, -1);
    }
  }
  free(stack.items);
  return rc < 0 ? -1 : 0;
}

/* ---- evaluation (16.2.1.5.3) ----------------------------------------------------------------- */

static ModuleHost *host(Isolate *iso, bool create);

static bool async_order_is_int(Value m) { return islot(m, MOD_ASYNC_ORDER) >= 0; }

static int add_async_parent(Isolate *iso, Value m, Value parent) {
  Value parents = slot(m, MOD_ASYNC_PARENTS);
  int count = islot(m, MOD_ASYNC_PARENT_COUNT);
  if (parents == VAL_UNDEFINED || (uint32_t)count == farr(parents)->length) {
    uint32_t cap = parents == VAL_UNDEFINED ? 4 : 2 * farr(parents)->length;
    FixedArray *n = parents == VAL_UNDEFINED ? fixed_array_new(iso, cap, VAL_UNDEFINED)
                                             : fixed_array_resize(iso, farr(parents), cap, VAL_UNDEFINED);
    if (!n) return -1;
    parents = val_from_ptr(n);
    set_slot(m, MOD_ASYNC_PARENTS, parents);
  }
  fixed_array_set(farr(parents), (uint32_t)count, parent);
  set_islot(m, MOD_ASYNC_PARENT_COUNT, count + 1);
  return 0;
}

static void settle_capability(Isolate *iso, Value m, bool ok, Value v) {
  Value p = slot(m, MOD_CAPABILITY);
  if (p == VAL_UNDEFINED) return;
  if (ok) promise_resolve_value(iso, p, VAL_UNDEFINED);
  else promise_reject_value(iso, p, v);
}

static void async_rejected(Isolate *iso, Value m, Value error);
static int execute_async(Isolate *iso, Value m);

/* GatherAvailableAncestors. */
static int gather_ancestors(Isolate *iso, Value m, ValueList *exec) {
  if (!isolate_check_stack(iso)) return -1;
  int count = islot(m, MOD_ASYNC_PARENT_COUNT);
  for (int i = 0; i < count; i++) {
    Value p = farr(slot(m, MOD_ASYNC_PARENTS))->data[i];
    if (list_contains(exec, p)) continue;
    Value root = slot(p, MOD_CYCLE_ROOT);
    if (val_is_pointer(root) && slot(root, MOD_ERROR) != VAL_HOLE) continue;
    int pending = islot(p, MOD_PENDING_DEPS) - 1;
    set_islot(p, MOD_PENDING_DEPS, pending);
    if (pending == 0) {
      if (list_push(iso, exec, p) < 0) return -1;
      if (slot(p, MOD_HAS_TLA) != VAL_TRUE && gather_ancestors(iso, p, exec) < 0) return -1;
    }
  }
  return 0;
}

static int cmp_async_order(const void *a, const void *b) {
  int x = islot(*(const Value *)a, MOD_ASYNC_ORDER), y = islot(*(const Value *)b, MOD_ASYNC_ORDER);
  return (x > y) - (x < y);
}

/* AsyncModuleExecutionFulfilled. */
static void async_fulfilled(Isolate *iso, Value m) {
  if (module_status(m) == MODULE_EVALUATED) return; /* it failed meanwhile */
  set_islot(m, MOD_ASYNC_ORDER, ASYNC_DONE);
  set_islot(m, MOD_STATUS, MODULE_EVALUATED);
  settle_capability(iso, m, true, VAL_UNDEFINED);
  ValueList exec = {0};
  if (gather_ancestors(iso, m, &exec) < 0) {
    free(exec.items);
    return;
  }
  if (exec.count) qsort(exec.items, exec.count, sizeof(Value), cmp_async_order);
  for (uint32_t i = 0; i < exec.count; i++) {
    Value p = exec.items[i];
    if (module_status(p) == MODULE_EVALUATED) continue;
    if (slot(p, MOD_HAS_TLA) == VAL_TRUE) {
      if (execute_async(iso, p) < 0) async_rejected(iso, p, isolate_take_exception(iso));
      continue;
    }
    Value r = rt_call(iso, slot(p, MOD_FUNCTION), VAL_FALSE, 0, NULL);
    if (r == VAL_EXCEPTION) {
      async_rejected(iso, p, isolate_take_exception(iso));
    } else {
      set_islot(p, MOD_ASYNC_ORDER, ASYNC_DONE);
      set_islot(p, MOD_STATUS, MODULE_EVALUATED);
      settle_capability(iso, p, true, VAL_UNDEFINED);
    }
  }
  free(exec.items);
}

/* AsyncModuleExecutionRejected. */
static void async_rejected(Isolate *iso, Value m, Value error) {
  if (module_status(m) == MODULE_EVALUATED) return;
  if (!isolate_check_stack(iso)) {
    isolate_take_exception(iso);
    return;
  }
  set_slot(m, MOD_ERROR, error);
  set_islot(m, MOD_STATUS, MODULE_EVALUATED);
  set_islot(m, MOD_ASYNC_ORDER, ASYNC_DONE);
  /* the module's own promise first, then its parents' (as ECMA-262 orders them since 2024) */
  settle_capability(iso, m, false, error);
  int count = islot(m, MOD_ASYNC_PARENT_COUNT);
  for (int i = 0; i < count; i++) async_rejected(iso, farr(slot(m, MOD_ASYNC_PARENTS))->data[i], error);
}

static Value on_async_fulfilled(Isolate *iso, const CallArgs *args) {
  async_fulfilled(iso, js_function(args->callee)->extra);
  return VAL_UNDEFINED;
}
static Value on_async_rejected(Isolate *iso, const CallArgs *args) {
  async_rejected(iso, js_function(args->callee)->extra, call_arg(args, 0));
  return VAL_UNDEFINED;
}

static Value native_with(Isolate *iso, NativeFunction fn, int length, Value extra) {
  Value f = function_new_native(iso, NAME(iso, empty), length, fn, 0, 0);
  if (f != VAL_EXCEPTION) WRITE_FIELD(js_function(f), js_function(f)->extra, extra);
  return f;
}

/* ExecuteAsyncModule: the module function is an async function; its promise settles the
 * module. */
static int execute_async(Isolate *iso, Value m) {
  Value p = rt_call(iso, slot(m, MOD_FUNCTION), VAL_FALSE, 0, NULL);
  if (p == VAL_EXCEPTION) return -1;
  Value f = native_with(iso, on_async_fulfilled, 0, m);
  if (f == VAL_EXCEPTION) return -1;
  Value r = native_with(iso, on_async_rejected, 1, m);
  if (r == VAL_EXCEPTION) return -1;
  return promise_then(iso, p, f, r, VAL_UNDEFINED) == VAL_EXCEPTION ? -1 : 0;
}

/* InnerModuleEvaluation: the next index, or -1 with the exception pending. */
static int inner_evaluate(Isolate *iso, Value m, ValueList *stack, int index) {
  if (!isolate_check_stack(iso)) return -1;
  if (is_synthetic(m)) {
    set_islot(m, MOD_STATUS, MODULE_EVALUATED);
    return index;
  }
  ModuleStatus st = module_status(m);
  if (st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATED) {
    if (slot(m, MOD_ERROR) == VAL_HOLE) return index;
    isolate_throw(iso, slot(m, MOD_ERROR));
    return -1;
  }
  if (st == MODULE_EVALUATING) return index;
  if (st != MODULE_LINKED) {
    rt_throw_type_error(iso, "module is not linked");
    return -1;
  }
  set_islot(m, MOD_STATUS, MODULE_EVALUATING);
  set_islot(m, MOD_DFS_INDEX, index);
  set_islot(m, MOD_DFS_ANCESTOR, index);
  set_islot(m, MOD_PENDING_DEPS, 0);
  index++;
  if (list_push(iso, stack, m) < 0) return -1;
  uint32_t n = module_request_count(m);
  for (uint32_t i = 0; i < n; i++) {
    Value req = loaded(m, i);
    index = inner_evaluate(iso, req, stack, index);
    if (index < 0) return -1;
    if (is_synthetic(req)) continue;
    if (module_status(req) == MODULE_EVALUATING) {
      int a = islot(req, MOD_DFS_ANCESTOR);
      if (a < islot(m, MOD_DFS_ANCESTOR)) set_islot(m, MOD_DFS_ANCESTOR, a);
    } else {
      req = slot(req, MOD_CYCLE_ROOT);
      if (slot(req, MOD_ERROR) != VAL_HOLE) {
        isolate_throw(iso, slot(req, MOD_ERROR));
        return -1;
      }
    }
    if (async_order_is_int(req)) {
      set_islot(m, MOD_PENDING_DEPS, islot(m, MOD_PENDING_DEPS) + 1);
      if (add_async_parent(iso, req, m) < 0) return -1;
    }
  }
  if (islot(m, MOD_PENDING_DEPS) > 0 || slot(m, MOD_HAS_TLA) == VAL_TRUE) {
    ModuleHost *h = host(iso, true);
    if (!h) return -1;
    set_islot(m, MOD_ASYNC_ORDER, h->async_counter++);
    if (islot(m, MOD_PENDING_DEPS) == 0 && execute_async(iso, m) < 0) return -1;
  } else {
    if (rt_call(iso, slot(m, MOD_FUNCTION), VAL_FALSE, 0, NULL) == VAL_EXCEPTION) return -1;
  }
  if (islot(m, MOD_DFS_ANCESTOR) == islot(m, MOD_DFS_INDEX)) {
    Value done;
    do {
      done = stack->items[--stack->count];
      set_islot(done, MOD_STATUS, async_order_is_int(done) ? MODULE_EVALUATING_ASYNC : MODULE_EVALUATED);
      set_slot(done, MOD_CYCLE_ROOT, m);
    } while (done != m);
  }
  return index;
}

Value module_evaluate(Isolate *iso, Value m) {
  ModuleStatus st = module_status(m);
  if (st != MODULE_LINKED && st != MODULE_EVALUATING_ASYNC && st != MODULE_EVALUATED)
    return rt_throw_type_error(iso, "module is not linked");
  if (is_synthetic(m)) {
    set_islot(m, MOD_STATUS, MODULE_EVALUATED);
    Value p = promise_new(iso);
    TRY(p);
    promise_resolve_value(iso, p, VAL_UNDEFINED);
    return p;
  }
  if ((st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATED) && val_is_pointer(slot(m, MOD_CYCLE_ROOT)))
    m = slot(m, MOD_CYCLE_ROOT);
  if (slot(m, MOD_CAPABILITY) != VAL_UNDEFINED) return slot(m, MOD_CAPABILITY);
  Value promise = promise_new(iso);
  TRY(promise);
  set_slot(m, MOD_CAPABILITY, promise);
  ValueList stack = {0};
  int rc = inner_evaluate(iso, m, &stack, 0);
  if (rc < 0) {
    Value error = isolate_take_exception(iso);
    if (isolate_is_termination(iso, error)) {
      isolate_throw(iso, error);
      free(stack.items);
      return VAL_EXCEPTION;
    }
    for (uint32_t i = 0; i < stack.count; i++) {
      set_islot(stack.items[i], MOD_STATUS, MODULE_EVALUATED);
      set_slot(stack.items[i], MOD_ERROR, error);
    }
    /* a module that failed before its cycle root was known is its own root */
    for (uint32_t i = 0; i < stack.count; i++)
      if (!val_is_pointer(slot(stack.items[i], MOD_CYCLE_ROOT))) set_slot(stack.items[i], MOD_CYCLE_ROOT, stack.items[i]);
    promise_reject_value(iso, promise, error);
  } else if (!async_order_is_int(m)) {
    promise_resolve_value(iso, promise, VAL_UNDEFINED);
  }
  free(stack.items);
  return promise;
}

/* ---- import.meta and import() ---------------------------------------------------------------- */

static void free_host(Isolate *iso, void *data) {
  PT_UNUSED(data);
  free(iso->module_host);
  iso->module_host = NULL;
}

static ModuleHost *host(Isolate *iso, bool create) {
  if (iso->module_host || !create) return iso->module_host;
  ModuleHost *h = calloc(1, sizeof *h);
  if (!h || isolate_add_dispose_callback(iso, free_host, NULL) < 0) {
    free(h);
    isolate_throw_oom(iso);
    return NULL;
  }
  iso->module_host = h;
  return h;
}

int module_set_dynamic_import_hook(Isolate *iso, ModuleDynamicImportFn fn, void *data) {
  ModuleHost *h = host(iso, true);
  if (!h) return -1;
  h->dynamic_import = fn;
  h->dynamic_import_data = data;
  return 0;
}

int module_set_import_meta_hook(Isolate *iso, ModuleImportMetaFn fn, void *data) {
  ModuleHost *h = host(iso, true);
  if (!h) return -1;
  h->import_meta = fn;
  h->import_meta_data = data;
  return 0;
}

void *module_dynamic_import_hook_data(Isolate *iso) {
  return iso->module_host ? iso->module_host->dynamic_import_data : NULL;
}
void *module_import_meta_hook_data(Isolate *iso) {
  return iso->module_host ? iso->module_host->import_meta_data : NULL;
}

Value module_import_meta(Isolate *iso, Value m) {
  if (!module_is_record(m)) return rt_throw_syntax_error(iso, "Cannot use 'import.meta' outside a module");
  if (slot(m, MOD_META) != VAL_UNDEFINED) return slot(m, MOD_META);
  Value meta = obj_new(iso, VAL_NULL);
  TRY(meta);
  ModuleHost *h = host(iso, false);
  if (h && h->import_meta && h->import_meta(iso, m, meta, h->import_meta_data) < 0) return VAL_EXCEPTION;
  set_slot(m, MOD_META, meta);
  return meta;
}

static Value on_import_evaluated(Isolate *iso, const CallArgs *args) {
  Value data = js_function(args->callee)->extra; /* [promise, module] */
  Value ns = module_namespace(iso, farr(data)->data[1]);
  if (ns == VAL_EXCEPTION) return promise_reject_value(iso, farr(data)->data[0], isolate_take_exception(iso));
  return promise_resolve_value(iso, farr(data)->data[0], ns);
}
static Value on_import_failed(Isolate *iso, const CallArgs *args) {
  return promise_reject_value(iso, js_function(args->callee)->extra, call_arg(args, 0));
}

/* ContinueDynamicImport, run as a job: args[0] = [promise, specifier, type, referrer, phase]. */
static Value dynamic_import_job(Isolate *iso, Value *job_args) {
  Value *args = farr(job_args[0])->data;
  Value promise = args[0];
  ModuleHost *h = host(iso, false);
  Value m;
  if (!h || !h->dynamic_import)
    m = rt_throw_type_error(iso, "import() is not supported by this host");
  else
    m = h->dynamic_import(iso, args[1], args[2], args[3], h->dynamic_import_data);
  if (m != VAL_EXCEPTION && (!module_is_record(m) || module_status(m) < MODULE_LINKED))
    m = rt_throw_type_error(iso, "the host's import() hook returned no linked module");
  if (m != VAL_EXCEPTION && val_to_int(args[4]) != IMPORT_PHASE_EVALUATION) {
    throw_phase_error(iso, val_to_int(args[4]));
    m = VAL_EXCEPTION;
  }
  Value p = m == VAL_EXCEPTION ? VAL_EXCEPTION : module_evaluate(iso, m);
  if (p == VAL_EXCEPTION) {
    Value e = isolate_take_exception(iso);
    if (isolate_is_termination(iso, e)) return isolate_throw(iso, e);
    return promise_reject_value(iso, promise, e);
  }
  Value data = new_array(iso, 2);
  TRY(data);
  fixed_array_set(farr(data), 0, promise);
  fixed_array_set(farr(data), 1, m);
  Value f = native_with(iso, on_import_evaluated, 0, data);
  TRY(f);
  Value r = native_with(iso, on_import_failed, 1, promise);
  TRY(r);
  return promise_then(iso, p, f, r, VAL_UNDEFINED);
}

/* EvaluateImportCall after its arguments: the promise, rejected for bad arguments. */
Value module_dynamic_import(Isolate *iso, Value specifier, Value options, Value referrer, int phase) {
  Value promise = promise_new(iso);
  TRY(promise);
  Value type = VAL_UNDEFINED;
  Value spec = rt_to_string(iso, specifier);
  if (spec == VAL_EXCEPTION) goto reject;
  if (options != VAL_UNDEFINED) {
    if (!val_is_object(options)) {
      rt_throw_type_error(iso, "The second argument to import() must be an object");
      goto reject;
    }
    Value with = rt_get(iso, options, NAME(iso, with));
    if (with == VAL_EXCEPTION) goto reject;
    if (with != VAL_UNDEFINED) {
      if (!val_is_object(with)) {
        rt_throw_type_error(iso, "The 'with' option of import() must be an object");
        goto reject;
      }
      Value keys = obj_own_property_keys(iso, with);
      if (keys == VAL_EXCEPTION) goto reject;
      uint32_t n = array_length(keys);
      Value unsupported = VAL_UNDEFINED;
      for (uint32_t i = 0; i < n; i++) {
        Value k = rt_get(iso, keys, key_from_index(i));
        if (k == VAL_EXCEPTION) goto reject;
        if (val_is_symbol(k)) continue;
        PropertyDescriptor d;
        int found = obj_get_own_property(iso, with, k, &d);
        if (found < 0) goto reject;
        if (!found || !d.enumerable) continue;
        Value v = obj_get(iso, with, k, with);
        if (v == VAL_EXCEPTION) goto reject;
        if (!val_is_string(v)) {
          rt_throw_type_error(iso, "Import attribute value must be a string");
          goto reject;
        }
        Value ks = key_to_string(iso, k);
        if (ks == VAL_EXCEPTION) goto reject;
        if (str_equals_cstr(ks, "type")) type = v;
        else if (unsupported == VAL_UNDEFINED) unsupported = ks;
      }
      if (unsupported != VAL_UNDEFINED) {
        char text[128];
        str_to_utf8_buf(unsupported, text, sizeof text);
        rt_throw_syntax_error(iso, "Import attribute has unsupported key '%s'", text);
        goto reject;
      }
    }
  }
  {
    Value args = new_array(iso, 5);
    TRY(args);
    fixed_array_set(farr(args), 4, val_from_int(phase));
    fixed_array_set(farr(args), 0, promise);
    fixed_array_set(farr(args), 1, spec);
    fixed_array_set(farr(args), 2, type);
    fixed_array_set(farr(args), 3, referrer);
    if (microtask_enqueue_job(iso, dynamic_import_job, 1, &args) < 0) return VAL_EXCEPTION;
  }
  return promise;
reject: {
  Value e = isolate_take_exception(iso);
  if (isolate_is_termination(iso, e)) return isolate_throw(iso, e);
  if (promise_reject_value(iso, promise, e) == VAL_EXCEPTION) return VAL_EXCEPTION;
  return promise;
}
}
