/*
 * Map (ECMA-262 24.1), %MapIteratorPrototype% (24.1.5), Map.groupBy, the upsert methods
 * getOrInsert/getOrInsertComputed, and the helpers Set and the weak collections share
 * (collections.h). Entries live in an ordered hash table (objects/ordered-hash-table.h).
 */
#include "builtins/collections.h"

#include "builtins/object-helpers.h"

/* ---- Shared helpers -------------------------------------------------------------------------- */

Value collection_this(Isolate *iso, const CallArgs *args, InstanceType type, const char *method) {
  Value v = args->this_val;
  if (collection_is(v, type)) return v;
  return builtins_throw_incompatible_receiver(iso, method, v);
}

Value collection_new(Isolate *iso, Value new_target, InstanceType type, Intrinsic proto_index) {
  Value proto = rt_prototype_from_constructor(iso, new_target, (int)proto_index);
  if (proto == VAL_EXCEPTION) return proto;
  Value obj = obj_new_with_type(iso, type, sizeof(JSCollection), proto);
  if (obj == VAL_EXCEPTION) return obj;
  bool weak = type == IT_JS_WEAK_MAP || type == IT_JS_WEAK_SET;
  FixedArray *t = oht_new(iso, weak);
  if (t == NULL) return VAL_EXCEPTION;
  collection_set_table(obj, t);
  if (weak && weak_collection_register(iso, obj) < 0) return VAL_EXCEPTION;
  return obj;
}

Value collection_fill(Isolate *iso, Value obj, Value iterable, const char *adder_name, bool pairs) {
  if (val_is_nullish(iterable)) return obj;
  Value adder = rt_get_str(iso, obj, adder_name);
  if (adder == VAL_EXCEPTION) return adder;
  if (!val_is_callable(adder)) {
    char buf[128];
    return rt_throw_type_error(iso, "'%s' returned for property '%s' of object '%s' is not a function",
                               builtins_describe(iso, adder, buf, sizeof buf), adder_name,
                               builtins_class_name(obj));
  }
  IteratorRecord rec;
  if (builtins_get_iterator(iso, iterable, false, &rec) < 0) return VAL_EXCEPTION;
  for (;;) {
    Value item = builtins_iterator_step_value(iso, &rec);
    if (item == VAL_EXCEPTION) return item;
    if (item == VAL_HOLE) return obj;
    Value argv[2];
    int argc = 1;
    argv[0] = item;
    if (pairs) {
      if (!val_is_object(item)) {
        char buf[128];
        rt_throw_type_error(iso, "Iterator value %s is not an entry object",
                            builtins_describe(iso, item, buf, sizeof buf));
        builtins_iterator_close(iso, rec.iterator, true);
        return VAL_EXCEPTION;
      }
      argv[0] = obj_get(iso, item, key_from_index(0), item);
      if (argv[0] == VAL_EXCEPTION) {
        builtins_iterator_close(iso, rec.iterator, true);
        return VAL_EXCEPTION;
      }
      argv[1] = obj_get(iso, item, key_from_index(1), item);
      if (argv[1] == VAL_EXCEPTION) {
        builtins_iterator_close(iso, rec.iterator, true);
        return VAL_EXCEPTION;
      }
      argc = 2;
    }
    if (rt_call(iso, adder, obj, argc, argv) == VAL_EXCEPTION) {
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
  }
}

bool collection_next_entry(FixedArray **table, uint32_t *index, Value *key, Value *value) {
  oht_iterator_transition(table, index);
  FixedArray *t = *table;
  uint32_t used = oht_used(t);
  for (uint32_t i = *index; i < used; i++) {
    Value k = oht_key_at(t, i);
    if (k == VAL_HOLE) continue;
    *key = k;
    if (value) *value = oht_value_at(t, i);
    *index = i + 1;
    return true;
  }
  *index = used;
  return false;
}

/* ---- Map and Set iterators ------------------------------------------------------------------- */

enum { BRAND_MAP_ITERATOR = 0x4d704974, BRAND_SET_ITERATOR = 0x53744974 + 1 };

typedef struct JSCollectionIterator {
  JSObject base;
  Value brand; /* int BRAND_MAP_ITERATOR or BRAND_SET_ITERATOR (first field, as iterator.c does) */
  Value table; /* the table being walked; undefined once exhausted */
  Value index; /* int: next entry index in `table` */
  Value kind;  /* int IterKind */
} JSCollectionIterator;

Value collection_create_iterator(Isolate *iso, Value coll, IterKind kind, bool is_set) {
  Value proto = intrinsic(iso, is_set ? INTRINSIC_SET_ITERATOR_PROTOTYPE : INTRINSIC_MAP_ITERATOR_PROTOTYPE);
  Value it = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSCollectionIterator), proto);
  if (it == VAL_EXCEPTION) return it;
  JSCollectionIterator *ci = (JSCollectionIterator *)val_to_ptr(it);
  ci->brand = val_from_int(is_set ? BRAND_SET_ITERATOR : BRAND_MAP_ITERATOR);
  WRITE_FIELD(ci, ci->table, ((JSCollection *)val_to_ptr(coll))->table);
  ci->index = val_from_int(0);
  ci->kind = val_from_int((int32_t)kind);
  return it;
}

static Value collection_iterator_next(Isolate *iso, const CallArgs *args) {
  bool is_set = function_magic(args->callee) != 0;
  Value v = args->this_val;
  int brand = is_set ? BRAND_SET_ITERATOR : BRAND_MAP_ITERATOR;
  if (!val_is_pointer(v) || val_instance_type(v) != IT_JS_ITERATOR ||
      obj_map(v)->inobject_offset < sizeof(JSCollectionIterator) ||
      ((JSCollectionIterator *)val_to_ptr(v))->brand != val_from_int(brand)) {
    return builtins_throw_incompatible_receiver(iso, is_set ? "Set Iterator.prototype.next" : "Map Iterator.prototype.next", v);
  }
  JSCollectionIterator *ci = (JSCollectionIterator *)val_to_ptr(v);
  if (val_is_undefined(ci->table)) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  FixedArray *t = (FixedArray *)val_to_ptr(ci->table);
  uint32_t index = (uint32_t)val_to_int(ci->index);
  Value key, value;
  if (!collection_next_entry(&t, &index, &key, &value)) {
    ci->table = VAL_UNDEFINED;
    return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  }
  WRITE_FIELD(ci, ci->table, val_from_ptr(t));
  ci->index = val_from_int((int32_t)index);
  int kind = val_to_int(ci->kind);
  if (kind == ITER_KIND_KEYS) return builtins_create_iter_result(iso, key, false);
  if (kind == ITER_KIND_VALUES) return builtins_create_iter_result(iso, is_set ? key : value, false);
  Value pair[2] = {key, is_set ? key : value};
  Value entry = array_from_values(iso, pair, 2);
  if (entry == VAL_EXCEPTION) return entry;
  return builtins_create_iter_result(iso, entry, false);
}

int collection_install_iterator_prototype(Isolate *iso, Realm *realm, bool is_set) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[is_set ? INTRINSIC_SET_ITERATOR_PROTOTYPE : INTRINSIC_MAP_ITERATOR_PROTOTYPE],
              proto);
  if (builtins_def_method(iso, proto, "next", collection_iterator_next, 0, is_set ? 1 : 0) == VAL_EXCEPTION)
    return -1;
  Value tag = str_from_cstr(iso, is_set ? "Set Iterator" : "Map Iterator");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}

/* ---- Map ------------------------------------------------------------------------------------- */

static Value map_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Constructor Map requires 'new'");
  Value map = collection_new(iso, args->new_target, IT_JS_MAP, INTRINSIC_MAP_PROTOTYPE);
  if (map == VAL_EXCEPTION) return map;
  return collection_fill(iso, map, call_arg(args, 0), "set", true);
}

static Value map_get(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_MAP, "Map.prototype.get");
  if (m == VAL_EXCEPTION) return m;
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, oht_normalize_key(call_arg(args, 0)));
  return e < 0 ? VAL_UNDEFINED : oht_value_at(t, (uint32_t)e);
}

static Value map_has(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_MAP, "Map.prototype.has");
  if (m == VAL_EXCEPTION) return m;
  return val_from_bool(oht_find(iso, collection_table(m), oht_normalize_key(call_arg(args, 0))) >= 0);
}

static Value map_set(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_MAP, "Map.prototype.set");
  if (m == VAL_EXCEPTION) return m;
  FixedArray *t = oht_set(iso, collection_table(m), call_arg(args, 0), call_arg(args, 1));
  if (t == NULL) return VAL_EXCEPTION;
  collection_set_table(m, t);
  return m;
}

/* ---- Methods Map.prototype and Set.prototype share ----------------------------------------- */

Value collection_delete(Isolate *iso, const CallArgs *args, InstanceType type, const char *method) {
  Value c = collection_this(iso, args, type, method);
  if (c == VAL_EXCEPTION) return c;
  return val_from_bool(oht_delete(iso, collection_table(c), call_arg(args, 0)));
}

Value collection_clear(Isolate *iso, const CallArgs *args, InstanceType type, const char *method) {
  Value c = collection_this(iso, args, type, method);
  if (c == VAL_EXCEPTION) return c;
  FixedArray *t = oht_clear(iso, collection_table(c));
  if (t == NULL) return VAL_EXCEPTION;
  collection_set_table(c, t);
  return VAL_UNDEFINED;
}

Value collection_size(Isolate *iso, const CallArgs *args, InstanceType type, const char *method) {
  Value c = collection_this(iso, args, type, method);
  if (c == VAL_EXCEPTION) return c;
  return val_from_int((int32_t)oht_size(collection_table(c)));
}

Value collection_for_each(Isolate *iso, const CallArgs *args, InstanceType type, const char *method) {
  Value c = collection_this(iso, args, type, method);
  if (c == VAL_EXCEPTION) return c;
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  Value this_arg = call_arg(args, 1);
  FixedArray *t = collection_table(c);
  uint32_t index = 0;
  Value key, value = VAL_UNDEFINED;
  bool is_set = type == IT_JS_SET;
  while (collection_next_entry(&t, &index, &key, is_set ? NULL : &value)) {
    /* a Set passes its value as both value and key */
    Value argv[3] = {is_set ? key : value, key, c};
    if (rt_call(iso, fn, this_arg, 3, argv) == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  return VAL_UNDEFINED;
}

static Value map_delete(Isolate *iso, const CallArgs *args) {
  return collection_delete(iso, args, IT_JS_MAP, "Map.prototype.delete");
}
static Value map_clear(Isolate *iso, const CallArgs *args) {
  return collection_clear(iso, args, IT_JS_MAP, "Map.prototype.clear");
}
static Value map_size(Isolate *iso, const CallArgs *args) {
  return collection_size(iso, args, IT_JS_MAP, "get Map.prototype.size");
}
static Value map_for_each(Isolate *iso, const CallArgs *args) {
  return collection_for_each(iso, args, IT_JS_MAP, "Map.prototype.forEach");
}

/* keys (magic ITER_KIND_KEYS), values, entries. */
static Value map_iterate(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Map.prototype.keys", "Map.prototype.values", "Map.prototype.entries"};
  int kind = function_magic(args->callee);
  Value m = collection_this(iso, args, IT_JS_MAP, names[kind]);
  if (m == VAL_EXCEPTION) return m;
  return collection_create_iterator(iso, m, (IterKind)kind, false);
}

static Value map_get_or_insert(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_MAP, "Map.prototype.getOrInsert");
  if (m == VAL_EXCEPTION) return m;
  Value key = oht_normalize_key(call_arg(args, 0));
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, key);
  if (e >= 0) return oht_value_at(t, (uint32_t)e);
  Value value = call_arg(args, 1);
  t = oht_set(iso, t, key, value);
  if (t == NULL) return VAL_EXCEPTION;
  collection_set_table(m, t);
  return value;
}

static Value map_get_or_insert_computed(Isolate *iso, const CallArgs *args) {
  Value m = collection_this(iso, args, IT_JS_MAP, "Map.prototype.getOrInsertComputed");
  if (m == VAL_EXCEPTION) return m;
  Value fn = call_arg(args, 1);
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  Value key = oht_normalize_key(call_arg(args, 0));
  FixedArray *t = collection_table(m);
  int32_t e = oht_find(iso, t, key);
  if (e >= 0) return oht_value_at(t, (uint32_t)e);
  Value value = rt_call(iso, fn, VAL_UNDEFINED, 1, &key);
  if (value == VAL_EXCEPTION) return value;
  /* The callback may have changed the map: set (or overwrite) on its current table. */
  t = oht_set(iso, collection_table(m), key, value);
  if (t == NULL) return VAL_EXCEPTION;
  collection_set_table(m, t);
  return value;
}

/* Map.groupBy(items, callback) (ECMA-262 24.1.2.1, GroupBy with key coercion "zero"). */
static Value map_group_by(Isolate *iso, const CallArgs *args) {
  Value items = call_arg(args, 0), fn = call_arg(args, 1);
  if (val_is_nullish(items)) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not iterable", builtins_describe(iso, items, buf, sizeof buf));
  }
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  /* No user code can see the result map before it is returned, so the groups are built in it. */
  Value map = collection_new(iso, intrinsic(iso, INTRINSIC_MAP), IT_JS_MAP, INTRINSIC_MAP_PROTOTYPE);
  if (map == VAL_EXCEPTION) return map;
  IteratorRecord rec;
  if (builtins_get_iterator(iso, items, false, &rec) < 0) return VAL_EXCEPTION;
  for (double k = 0;; k++) {
    if (k >= 9007199254740991.0) {
      rt_throw_type_error(iso, "Too many elements passed to Map.groupBy");
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
    Value value = builtins_iterator_step_value(iso, &rec);
    if (value == VAL_EXCEPTION) return value;
    if (value == VAL_HOLE) return map;
    Value argv[2] = {value, val_from_number(k)};
    Value key = rt_call(iso, fn, VAL_UNDEFINED, 2, argv);
    if (key == VAL_EXCEPTION) {
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
    key = oht_normalize_key(key);
    FixedArray *t = collection_table(map);
    int32_t e = oht_find(iso, t, key);
    Value group;
    if (e >= 0) {
      group = oht_value_at(t, (uint32_t)e);
    } else {
      group = array_new(iso, 0);
      if (group == VAL_EXCEPTION) return group;
      t = oht_set(iso, t, key, group);
      if (t == NULL) return VAL_EXCEPTION;
      collection_set_table(map, t);
    }
    if (array_push(iso, group, value) < 0) return VAL_EXCEPTION;
  }
}

static Value collection_species(Isolate *iso, const CallArgs *args) {
  (void)iso;
  return args->this_val;
}

int builtins_install_map(Isolate *iso, Realm *realm) {
  if (collection_install_iterator_prototype(iso, realm, false) < 0) return -1;
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_MAP_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Map", map_ctor, 0, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_MAP], ctor);
  if (builtins_def_method(iso, ctor, "groupBy", map_group_by, 2, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), collection_species, NULL,
                          ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;

  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } methods[] = {
      {"get", map_get, 1, 0},
      {"set", map_set, 2, 0},
      {"has", map_has, 1, 0},
      {"delete", map_delete, 1, 0},
      {"clear", map_clear, 0, 0},
      {"entries", map_iterate, 0, ITER_KIND_ENTRIES},
      {"forEach", map_for_each, 1, 0},
      {"keys", map_iterate, 0, ITER_KIND_KEYS},
      {"values", map_iterate, 0, ITER_KIND_VALUES},
      {"getOrInsert", map_get_or_insert, 2, 0},
      {"getOrInsertComputed", map_get_or_insert_computed, 2, 0},
  };
  Value entries = VAL_UNDEFINED;
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++) {
    Value f = builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, methods[i].magic);
    if (f == VAL_EXCEPTION) return -1;
    if (methods[i].fn == map_iterate && methods[i].magic == ITER_KIND_ENTRIES) entries = f;
  }
  if (builtins_def_getter_named(iso, proto, "size", map_size) ==
      VAL_EXCEPTION)
    return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_ITERATOR), entries, ATTR_BUILTIN) < 0) return -1;
  Value tag = str_from_cstr(iso, "Map");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
