/*
 * WeakRef and FinalizationRegistry (ECMA-262 26.1, 26.2).
 *
 * A WeakRef's target field is not visited by its heap visitor; the weak phase (weak_ref_process,
 * called from weak-map.c's weak callback) clears it when the target died. Deref and construction
 * add the target to the KeepDuringJob list (WeakState.kept, a root), which a microtask enqueued
 * with the first addition clears: a target stays alive at least until the current job ends.
 *
 * A FinalizationRegistry keeps its cells in an IT_WEAK_CELL array (untraced): per cell a target
 * (weak), a held value (visited strongly by the registry's own visitor) and an unregister token
 * (weak). When a target dies the weak phase sets the cell's target to VAL_HOLE and, once per
 * registry, enqueues a cleanup job (microtask) that removes those cells and calls the cleanup
 * callback with each held value. Enqueueing only mallocs, so it is allowed inside the collector.
 */
#include "builtins/collections.h"

#include "builtins/object-helpers.h"
#include "execution/microtask.h"
#include <stdlib.h>

typedef struct JSWeakRef {
  JSObject base;
  Value target; /* weak: undefined once collected */
} JSWeakRef;

/* cells: [0] = int count of cell slots in use, then CELL_SIZE Values per cell. A free cell has
 * target undefined. */
enum { CELL_TARGET, CELL_HELD, CELL_TOKEN, CELL_SIZE };
typedef struct JSFinalizationRegistry {
  JSObject base;
  Value cleanup;   /* the cleanup callback */
  Value cells;     /* IT_WEAK_CELL array */
  Value scheduled; /* true while a cleanup job is queued */
} JSFinalizationRegistry;

static void weak_ref_visit(HeapObject *obj, HeapVisitor *v) {
  obj_visit_js_object_base(obj, v);
  /* A minor collection keeps weak targets (and updates the field if the target moves). */
  if (heap_visitor_is_minor(v)) heap_visit_value(v, &((JSWeakRef *)obj)->target);
}

static void registry_visit(HeapObject *obj, HeapVisitor *v) {
  JSFinalizationRegistry *r = (JSFinalizationRegistry *)obj;
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &r->cleanup);
  heap_visit_value(v, &r->cells);
  if (!val_is_pointer(r->cells)) return;
  FixedArray *cells = (FixedArray *)val_to_ptr(r->cells);
  uint32_t used = (uint32_t)val_to_int(cells->data[0]);
  for (uint32_t i = 0; i < used; i++) {
    Value *cell = &cells->data[1 + i * CELL_SIZE];
    if (cell[CELL_TARGET] != VAL_UNDEFINED) heap_visit_value(v, &cell[CELL_HELD]);
  }
}

/* ---- KeepDuringJob -------------------------------------------------------------------------- */

static void clear_kept(Isolate *iso, void *data) {
  (void)iso;
  WeakState *st = data;
  st->kept_len = 0;
  st->kept_clear_scheduled = false;
}

int weak_ref_clear_kept_objects(Isolate *iso) {
  WeakState *st = weak_state(iso);
  if (st == NULL) return -1;
  /* The clearing microtask, if queued, stays queued (kept_clear_scheduled unchanged): it then
   * finds an empty or newer list and clears that at the end of the current job, as it should. */
  st->kept_len = 0;
  return 0;
}

/* AddToKeptObjects(value). -1 on OOM. */
static int add_to_kept(Isolate *iso, Value v) {
  WeakState *st = weak_state(iso);
  if (st == NULL) return -1;
  /* Repeated derefs of one target in a loop should not grow the list. */
  if (st->kept_len > 0 && st->kept[st->kept_len - 1] == v) return 0;
  if (st->kept_len == st->kept_cap) {
    size_t cap = st->kept_cap ? st->kept_cap * 2 : 16;
    Value *kept = realloc(st->kept, cap * sizeof *kept);
    if (kept == NULL) {
      isolate_throw_oom(iso);
      return -1;
    }
    st->kept = kept;
    st->kept_cap = cap;
  }
  st->kept[st->kept_len++] = v;
  if (!st->kept_clear_scheduled) {
    if (microtask_enqueue_callback(iso, clear_kept, st) < 0) return -1;
    st->kept_clear_scheduled = true;
  }
  return 0;
}

/* ---- The weak phase ------------------------------------------------------------------------ */

static Value registry_cleanup_job(Isolate *iso, Value *args);

void weak_ref_process(Isolate *iso, WeakState *st) {
  size_t n = 0;
  for (size_t i = 0; i < st->refs.len; i++) {
    HeapObject *o = st->refs.items[i];
    if (!heap_is_marked(o)) continue;
    JSWeakRef *w = (JSWeakRef *)o;
    if (val_is_pointer(w->target) && !heap_is_marked(val_to_ptr(w->target))) w->target = VAL_UNDEFINED;
    if (!val_is_undefined(w->target)) st->refs.items[n++] = o; /* cleared refs need no more work */
  }
  st->refs.len = n;

  n = 0;
  for (size_t i = 0; i < st->registries.len; i++) {
    HeapObject *o = st->registries.items[i];
    if (!heap_is_marked(o)) continue;
    st->registries.items[n++] = o;
    JSFinalizationRegistry *r = (JSFinalizationRegistry *)o;
    FixedArray *cells = (FixedArray *)val_to_ptr(r->cells);
    uint32_t used = (uint32_t)val_to_int(cells->data[0]);
    bool dead = false;
    for (uint32_t c = 0; c < used; c++) {
      Value *cell = &cells->data[1 + c * CELL_SIZE];
      if (val_is_pointer(cell[CELL_TOKEN]) && !heap_is_marked(val_to_ptr(cell[CELL_TOKEN])))
        cell[CELL_TOKEN] = VAL_UNDEFINED;
      if (val_is_pointer(cell[CELL_TARGET]) && !heap_is_marked(val_to_ptr(cell[CELL_TARGET]))) {
        cell[CELL_TARGET] = VAL_HOLE;
        dead = true;
      }
      if (cell[CELL_TARGET] == VAL_HOLE) dead = true;
    }
    if (dead && r->scheduled != VAL_TRUE) {
      /* The registry is marked, so it survives this cycle; the queued job then roots it. */
      Value arg = val_from_ptr(r);
      if (microtask_enqueue_job(iso, registry_cleanup_job, 1, &arg) == 0) r->scheduled = VAL_TRUE;
      else isolate_take_exception(iso); /* out of C memory: retry after the next collection */
    }
  }
  st->registries.len = n;
}

/* ---- WeakRef --------------------------------------------------------------------------------- */

static Value weak_ref_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Constructor WeakRef requires 'new'");
  Value target = call_arg(args, 0);
  if (!collection_can_be_held_weakly(target)) {
    char buf[128];
    return rt_throw_type_error(iso, "WeakRef: invalid target %s", builtins_describe(iso, target, buf, sizeof buf));
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_WEAK_REF_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value ref = obj_new_with_type(iso, IT_JS_WEAK_REF, sizeof(JSWeakRef), proto);
  if (ref == VAL_EXCEPTION) return ref;
  JSWeakRef *w = (JSWeakRef *)val_to_ptr(ref);
  WRITE_FIELD(w, w->target, target);
  WeakState *st = weak_state(iso);
  if (st == NULL || weak_list_add(iso, &st->refs, ref) < 0) return VAL_EXCEPTION;
  if (add_to_kept(iso, target) < 0) return VAL_EXCEPTION;
  return ref;
}

static Value weak_ref_deref(Isolate *iso, const CallArgs *args) {
  Value ref = collection_this(iso, args, IT_JS_WEAK_REF, "WeakRef.prototype.deref");
  if (ref == VAL_EXCEPTION) return ref;
  Value target = ((JSWeakRef *)val_to_ptr(ref))->target;
  if (val_is_undefined(target)) return target;
  if (add_to_kept(iso, target) < 0) return VAL_EXCEPTION;
  return target;
}

/* ---- FinalizationRegistry -------------------------------------------------------------------- */

static FixedArray *cells_new(Isolate *iso, uint32_t capacity) {
  uint32_t len = 1 + capacity * CELL_SIZE;
  FixedArray *a = heap_alloc(iso, sizeof(FixedArray) + (size_t)len * sizeof(Value), map_for_type(iso, IT_WEAK_CELL));
  if (a == NULL) return NULL;
  a->length = len;
  a->data[0] = val_from_int(0);
  for (uint32_t i = 1; i < len; i++) a->data[i] = VAL_UNDEFINED;
  return a;
}

static Value registry_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target))
    return rt_throw_type_error(iso, "Constructor FinalizationRegistry requires 'new'");
  Value cleanup = call_arg(args, 0);
  if (!val_is_callable(cleanup)) {
    char buf[128];
    return rt_throw_type_error(iso, "FinalizationRegistry: cleanup must be callable, got %s",
                               builtins_describe(iso, cleanup, buf, sizeof buf));
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_FINALIZATION_REGISTRY_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value reg = obj_new_with_type(iso, IT_JS_FINALIZATION_REGISTRY, sizeof(JSFinalizationRegistry), proto);
  if (reg == VAL_EXCEPTION) return reg;
  JSFinalizationRegistry *r = (JSFinalizationRegistry *)val_to_ptr(reg);
  WRITE_FIELD(r, r->cleanup, cleanup);
  r->scheduled = VAL_FALSE;
  FixedArray *cells = cells_new(iso, 4);
  if (cells == NULL) return VAL_EXCEPTION;
  WRITE_FIELD(r, r->cells, val_from_ptr(cells));
  WeakState *st = weak_state(iso);
  if (st == NULL || weak_list_add(iso, &st->registries, reg) < 0) return VAL_EXCEPTION;
  return reg;
}

static Value registry_register(Isolate *iso, const CallArgs *args) {
  Value reg = collection_this(iso, args, IT_JS_FINALIZATION_REGISTRY, "FinalizationRegistry.prototype.register");
  if (reg == VAL_EXCEPTION) return reg;
  Value target = call_arg(args, 0), held = call_arg(args, 1), token = call_arg(args, 2);
  char buf[128];
  if (!collection_can_be_held_weakly(target))
    return rt_throw_type_error(iso, "FinalizationRegistry.prototype.register: invalid target %s",
                               builtins_describe(iso, target, buf, sizeof buf));
  if (rt_same_value(target, held))
    return rt_throw_type_error(iso, "FinalizationRegistry.prototype.register: target and holdings must not be same");
  if (!collection_can_be_held_weakly(token)) {
    if (!val_is_undefined(token))
      return rt_throw_type_error(iso, "FinalizationRegistry.prototype.register: invalid unregister token %s",
                                 builtins_describe(iso, token, buf, sizeof buf));
  }
  JSFinalizationRegistry *r = (JSFinalizationRegistry *)val_to_ptr(reg);
  FixedArray *cells = (FixedArray *)val_to_ptr(r->cells);
  uint32_t used = (uint32_t)val_to_int(cells->data[0]);
  uint32_t cap = (cells->length - 1) / CELL_SIZE;
  if (used == cap) {
    /* Compact the live cells into a new array, twice as large when mostly full. */
    uint32_t live = 0;
    for (uint32_t i = 0; i < used; i++)
      if (cells->data[1 + i * CELL_SIZE + CELL_TARGET] != VAL_UNDEFINED) live++;
    uint32_t ncap = live * 2 > cap ? cap * 2 : cap;
    if (ncap > (FIXED_ARRAY_MAX_LENGTH - 1) / CELL_SIZE)
      return rt_throw_range_error(iso, "FinalizationRegistry: too many registrations");
    FixedArray *n = cells_new(iso, ncap);
    if (n == NULL) return VAL_EXCEPTION;
    cells = (FixedArray *)val_to_ptr(r->cells); /* unchanged: allocation runs no JavaScript */
    uint32_t k = 0;
    for (uint32_t i = 0; i < used; i++) {
      Value *c = &cells->data[1 + i * CELL_SIZE];
      if (c[CELL_TARGET] == VAL_UNDEFINED) continue;
      for (int f = 0; f < CELL_SIZE; f++) WRITE_FIELD(n, n->data[1 + k * CELL_SIZE + f], c[f]);
      k++;
    }
    n->data[0] = val_from_int((int32_t)k);
    WRITE_FIELD(r, r->cells, val_from_ptr(n));
    cells = n;
    used = k;
  }
  Value *c = &cells->data[1 + used * CELL_SIZE];
  WRITE_FIELD(cells, c[CELL_TARGET], target);
  WRITE_FIELD(cells, c[CELL_HELD], held);
  WRITE_FIELD(cells, c[CELL_TOKEN], token);
  cells->data[0] = val_from_int((int32_t)(used + 1));
  return VAL_UNDEFINED;
}

static Value registry_unregister(Isolate *iso, const CallArgs *args) {
  Value reg = collection_this(iso, args, IT_JS_FINALIZATION_REGISTRY, "FinalizationRegistry.prototype.unregister");
  if (reg == VAL_EXCEPTION) return reg;
  Value token = call_arg(args, 0);
  if (!collection_can_be_held_weakly(token)) {
    char buf[128];
    return rt_throw_type_error(iso, "Invalid unregisterToken ('%s')", builtins_describe(iso, token, buf, sizeof buf));
  }
  JSFinalizationRegistry *r = (JSFinalizationRegistry *)val_to_ptr(reg);
  FixedArray *cells = (FixedArray *)val_to_ptr(r->cells);
  uint32_t used = (uint32_t)val_to_int(cells->data[0]);
  bool removed = false;
  for (uint32_t i = 0; i < used; i++) {
    Value *c = &cells->data[1 + i * CELL_SIZE];
    if (c[CELL_TARGET] != VAL_UNDEFINED && c[CELL_TOKEN] == token) {
      c[CELL_TARGET] = c[CELL_HELD] = c[CELL_TOKEN] = VAL_UNDEFINED;
      removed = true;
    }
  }
  return val_from_bool(removed);
}

/* CleanupFinalizationRegistry(registry, callback): removes each cell whose target died and calls
 * the callback with its held value. Shared by the cleanup job and cleanupSome. */
static Value registry_cleanup(Isolate *iso, Value reg, Value callback) {
  for (;;) {
    JSFinalizationRegistry *r = (JSFinalizationRegistry *)val_to_ptr(reg);
    FixedArray *cells = (FixedArray *)val_to_ptr(r->cells);
    uint32_t used = (uint32_t)val_to_int(cells->data[0]);
    Value held = VAL_HOLE;
    for (uint32_t i = 0; i < used && held == VAL_HOLE; i++) {
      Value *c = &cells->data[1 + i * CELL_SIZE];
      if (c[CELL_TARGET] != VAL_HOLE) continue;
      held = c[CELL_HELD];
      c[CELL_TARGET] = c[CELL_HELD] = c[CELL_TOKEN] = VAL_UNDEFINED;
    }
    if (held == VAL_HOLE) return VAL_UNDEFINED;
    if (rt_call(iso, callback, VAL_UNDEFINED, 1, &held) == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
}

static Value registry_cleanup_job(Isolate *iso, Value *args) {
  Value reg = args[0];
  JSFinalizationRegistry *r = (JSFinalizationRegistry *)val_to_ptr(reg);
  r->scheduled = VAL_FALSE;
  return registry_cleanup(iso, reg, r->cleanup);
}

static Value registry_cleanup_some(Isolate *iso, const CallArgs *args) {
  Value reg = collection_this(iso, args, IT_JS_FINALIZATION_REGISTRY, "FinalizationRegistry.prototype.cleanupSome");
  if (reg == VAL_EXCEPTION) return reg;
  Value callback = call_arg(args, 0);
  if (!val_is_undefined(callback) && !val_is_callable(callback)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, callback, buf, sizeof buf));
  }
  if (val_is_undefined(callback)) callback = ((JSFinalizationRegistry *)val_to_ptr(reg))->cleanup;
  return registry_cleanup(iso, reg, callback);
}

int builtins_install_weak_ref(Isolate *iso, Realm *realm) {
  oht_register_types();
  heap_register_type(IT_JS_WEAK_REF, obj_js_object_size, weak_ref_visit, NULL);
  heap_register_type(IT_JS_FINALIZATION_REGISTRY, obj_js_object_size, registry_visit, NULL);

  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_WEAK_REF_PROTOTYPE], proto);
  if (builtins_make_constructor(iso, realm, "WeakRef", weak_ref_ctor, 1, 0, proto) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "deref", weak_ref_deref, 0, 0) == VAL_EXCEPTION) return -1;
  Value tag = str_from_cstr(iso, "WeakRef");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;

  proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_FINALIZATION_REGISTRY_PROTOTYPE], proto);
  if (builtins_make_constructor(iso, realm, "FinalizationRegistry", registry_ctor, 1, 0, proto) == VAL_EXCEPTION)
    return -1;
  if (builtins_def_method(iso, proto, "register", registry_register, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "unregister", registry_unregister, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "cleanupSome", registry_cleanup_some, 0, 0) == VAL_EXCEPTION) return -1;
  tag = str_from_cstr(iso, "FinalizationRegistry");
  if (tag == VAL_EXCEPTION) return -1;
  return rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE);
}
