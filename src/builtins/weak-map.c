/*
 * WeakMap and WeakSet (ECMA-262 24.3, 24.4), and the per-isolate bookkeeping that ties every weak
 * object to the collector (collections.h, WeakState).
 *
 * A weak collection's table is an IT_WEAK_CELL array: the collector marks it but never traces its
 * entries. WeakMap entries are ephemerons: our ephemeron callback marks the value of each entry
 * whose key is marked, and the collector repeats the callbacks until nothing new gets marked.
 * The weak callback then deletes the entries whose key died (keys are objects or unregistered
 * symbols; values of dead keys were never marked through the table).
 */
#include "builtins/collections.h"

#include "builtins/object-helpers.h"
#include <pthread.h>
#include <stdlib.h>

/* ---- Per-isolate state -------------------------------------------------------------------- */

static pthread_mutex_t weak_states_lock = PTHREAD_MUTEX_INITIALIZER;
static WeakState *weak_states; /* one per isolate that made a weak object */

int weak_list_add(Isolate *iso, WeakList *list, Value obj) {
  if (list->len == list->cap) {
    size_t cap = list->cap ? list->cap * 2 : 16;
    HeapObject **items = realloc(list->items, cap * sizeof *items);
    if (items == NULL) {
      isolate_throw_oom(iso);
      return -1;
    }
    list->items = items;
    list->cap = cap;
  }
  list->items[list->len++] = val_to_ptr(obj);
  return 0;
}

/* Drops the dead objects of a list (weak phase). */
static void weak_list_sweep(WeakList *list) {
  size_t n = 0;
  for (size_t i = 0; i < list->len; i++)
    if (heap_is_marked(list->items[i])) list->items[n++] = list->items[i];
  list->len = n;
}

static bool weak_ephemerons(Isolate *iso, HeapVisitor *v, void *data) {
  (void)iso;
  WeakState *st = data;
  bool marked = false;
  for (size_t i = 0; i < st->collections.len; i++) {
    HeapObject *c = st->collections.items[i];
    if (!heap_is_marked(c) || heap_object_type(c) != IT_JS_WEAK_MAP) continue;
    FixedArray *t = collection_table(val_from_ptr(c));
    uint32_t used = oht_used(t);
    for (uint32_t e = 0; e < used; e++) {
      uint32_t slot = oht_entry_slot(t, e);
      Value k = t->data[slot], val = t->data[slot + 1];
      if (k == VAL_HOLE || !val_is_pointer(val) || heap_is_marked(val_to_ptr(val))) continue;
      if (val_is_pointer(k) && !heap_is_marked(val_to_ptr(k))) continue;
      heap_visit_value(v, &t->data[slot + 1]);
      marked = true;
    }
  }
  return marked;
}

static void weak_process(Isolate *iso, void *data) {
  WeakState *st = data;
  weak_list_sweep(&st->collections);
  for (size_t i = 0; i < st->collections.len; i++) {
    FixedArray *t = collection_table(val_from_ptr(st->collections.items[i]));
    uint32_t used = oht_used(t);
    for (uint32_t e = 0; e < used; e++) {
      Value k = oht_key_at(t, e);
      if (k != VAL_HOLE && val_is_pointer(k) && !heap_is_marked(val_to_ptr(k))) oht_delete_entry(t, e);
    }
  }
  weak_ref_process(iso, st);
}

static void weak_visit_kept(Isolate *iso, HeapVisitor *v, void *data) {
  (void)iso;
  WeakState *st = data;
  heap_visit_values(v, st->kept, st->kept_len);
}

static void weak_dispose(Isolate *iso, void *data) {
  WeakState *st = data;
  heap_remove_ephemeron_callback(iso, weak_ephemerons, st);
  heap_remove_weak_callback(iso, weak_process, st);
  heap_remove_root_callback(iso, weak_visit_kept, st);
  pthread_mutex_lock(&weak_states_lock);
  for (WeakState **p = &weak_states; *p; p = &(*p)->next) {
    if (*p == st) {
      *p = st->next;
      break;
    }
  }
  pthread_mutex_unlock(&weak_states_lock);
  free(st->collections.items);
  free(st->refs.items);
  free(st->registries.items);
  free(st->kept);
  free(st);
}

WeakState *weak_state(Isolate *iso) {
  pthread_mutex_lock(&weak_states_lock);
  WeakState *st = weak_states;
  while (st && st->iso != iso) st = st->next;
  pthread_mutex_unlock(&weak_states_lock);
  if (st) return st;
  st = calloc(1, sizeof *st);
  if (st == NULL || isolate_add_dispose_callback(iso, weak_dispose, st) < 0) {
    free(st);
    isolate_throw_oom(iso);
    return NULL;
  }
  st->iso = iso;
  heap_add_ephemeron_callback(iso, weak_ephemerons, st);
  heap_add_weak_callback(iso, weak_process, st);
  heap_add_root_callback(iso, weak_visit_kept, st);
  pthread_mutex_lock(&weak_states_lock);
  st->next = weak_states;
  weak_states = st;
  pthread_mutex_unlock(&weak_states_lock);
  return st;
}

bool collection_can_be_held_weakly(Value v) {
  if (val_is_object(v)) return true;
  if (val_is_symbol(v)) return !(((Symbol *)val_to_ptr(v))->flags & SYM_REGISTERED);
  return false;
}

static Value throw_invalid_key(Isolate *iso, const char *what, Value key) {
  char buf[128];
  return rt_throw_type_error(iso, "Invalid value used %s: %s", what, builtins_describe(iso, key, buf, sizeof buf));
}

/* ---- WeakMap ------------------------------------------------------------------------------- */

static Value weak_map_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Constructor WeakMap requires 'new'");
  Value m = collection_new(iso, args->new_target, IT_JS_WEAK_MAP, INTRINSIC_WEAK_MAP_PROTOTYPE);
  if (m == VAL_EXCEPTION) return m;
  return collection_fill(iso, m, call_arg(args, 0), "set", true);
}

static Value weak_map_get(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.get");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0);
  if (!collection_can_be_held_weakly(key)) return VAL_UNDEFINED;
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, key);
  return e < 0 ? VAL_UNDEFINED : oht_value_at(t, (uint32_t)e);
}

static Value weak_map_has(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.has");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0);
  if (!collection_can_be_held_weakly(key)) return VAL_FALSE;
  return val_from_bool(oht_find(iso, collection_table(m), key) >= 0);
}

static Value weak_map_delete(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.delete");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0);
  if (!collection_can_be_held_weakly(key)) return VAL_FALSE;
  return val_from_bool(oht_delete(iso, collection_table(m), key));
}

static int weak_put(Isolate *iso, Value coll, Value key, Value value) {
  FixedArray *t = oht_set(iso, collection_table(coll), key, value);
  if (t == NULL) return -1;
  collection_set_table(coll, t);
  return 0;
}

static Value weak_map_set(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.set");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0);
  if (!collection_can_be_held_weakly(key)) return throw_invalid_key(iso, "as weak map key", key);
  if (weak_put(iso, m, key, call_arg(args, 1)) < 0) return VAL_EXCEPTION;
  return m;
}

static Value weak_map_get_or_insert(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.getOrInsert");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0);
  if (!collection_can_be_held_weakly(key)) return throw_invalid_key(iso, "as weak map key", key);
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, key);
  if (e >= 0) return oht_value_at(t, (uint32_t)e);
  Value value = call_arg(args, 1);
  if (weak_put(iso, m, key, value) < 0) return VAL_EXCEPTION;
  return value;
}

static Value weak_map_get_or_insert_computed(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_WEAK_MAP, "WeakMap.prototype.getOrInsertComputed");
  if (m == VAL_EXCEPTION) return m;
  Value key = call_arg(args, 0), fn = call_arg(args, 1);
  if (!collection_can_be_held_weakly(key)) return throw_invalid_key(iso, "as weak map key", key);
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, key);
  if (e >= 0) return oht_value_at(t, (uint32_t)e);
  Value value = rt_call(iso, fn, VAL_UNDEFINED, 1, &key);
  if (value == VAL_EXCEPTION) return value;
  if (weak_put(iso, m, key, value) < 0) return VAL_EXCEPTION;
  return value;
}

/* ---- WeakSet ------------------------------------------------------------------------------- */

static Value weak_set_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Constructor WeakSet requires 'new'");
  Value s = collection_new(iso, args->new_target, IT_JS_WEAK_SET, INTRINSIC_WEAK_SET_PROTOTYPE);
  if (s == VAL_EXCEPTION) return s;
  return collection_fill(iso, s, call_arg(args, 0), "add", false);
}

static Value weak_set_add(Isolate *iso, const CallArgs *args) {
  Value s = collection_this(iso, args, IT_JS_WEAK_SET, "WeakSet.prototype.add");
  if (s == VAL_EXCEPTION) return s;
  Value v = call_arg(args, 0);
  if (!collection_can_be_held_weakly(v)) return throw_invalid_key(iso, "in weak set", v);
  if (weak_put(iso, s, v, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
  return s;
}

static Value weak_set_has(Isolate *iso, const CallArgs *args) {
  Value s = collection_this(iso, args, IT_JS_WEAK_SET, "WeakSet.prototype.has");
  if (s == VAL_EXCEPTION) return s;
  Value v = call_arg(args, 0);
  if (!collection_can_be_held_weakly(v)) return VAL_FALSE;
  return val_from_bool(oht_find(iso, collection_table(s), v) >= 0);
}

static Value weak_set_delete(Isolate *iso, const CallArgs *args) {
  Value s = collection_this(iso, args, IT_JS_WEAK_SET, "WeakSet.prototype.delete");
  if (s == VAL_EXCEPTION) return s;
  Value v = call_arg(args, 0);
  if (!collection_can_be_held_weakly(v)) return VAL_FALSE;
  return val_from_bool(oht_delete(iso, collection_table(s), v));
}

typedef struct MethodSpec {
  const char *name;
  NativeFunction fn;
  int length;
} MethodSpec;

static int install_class(Isolate *iso, Realm *realm, const char *name, NativeFunction ctor_fn, Intrinsic proto_index,
                         const MethodSpec *methods, size_t count) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[proto_index], proto);
  Value ctor = builtins_make_constructor(iso, realm, name, ctor_fn, 0, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  for (size_t i = 0; i < count; i++)
    if (builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, 0) == VAL_EXCEPTION)
      return -1;
  Value tag = str_from_cstr(iso, name);
  if (tag == VAL_EXCEPTION) return -1;
  return rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE);
}

int builtins_install_weak_map(Isolate *iso, Realm *realm) {
  oht_register_types();
  static const MethodSpec map_methods[] = {
      {"delete", weak_map_delete, 1},
      {"get", weak_map_get, 1},
      {"set", weak_map_set, 2},
      {"has", weak_map_has, 1},
      {"getOrInsert", weak_map_get_or_insert, 2},
      {"getOrInsertComputed", weak_map_get_or_insert_computed, 2},
  };
  if (install_class(iso, realm, "WeakMap", weak_map_ctor, INTRINSIC_WEAK_MAP_PROTOTYPE, map_methods,
                    PT_ARRAY_LEN(map_methods)) < 0)
    return -1;
  static const MethodSpec set_methods[] = {
      {"add", weak_set_add, 1},
      {"delete", weak_set_delete, 1},
      {"has", weak_set_has, 1},
  };
  return install_class(iso, realm, "WeakSet", weak_set_ctor, INTRINSIC_WEAK_SET_PROTOTYPE, set_methods,
                       PT_ARRAY_LEN(set_methods));
}
