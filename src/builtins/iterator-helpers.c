/*
 * The Iterator constructor, Iterator.from, the Iterator.prototype helpers (map, filter, take,
 * drop, flatMap, reduce, toArray, forEach, some, every, find) and their prototypes
 * %IteratorHelperPrototype% and %WrapForValidIteratorPrototype% (ECMA-262 2025, 27.1.3-27.1.4).
 *
 * The spec writes the lazy helpers as generator closures. Here each helper is an IT_JS_ITERATOR
 * object with an explicit state machine: the fields hold what the closure's locals would, and
 * `state` plays the generator state (suspended-start, suspended-yield, executing, completed),
 * which gives the same re-entrancy errors and `return` behaviour.
 */
#include "builtins/iterator-helper.h"

#include "builtins/object-helpers.h"
#include "objects/js-function.h"

#include <math.h>

typedef struct JSWrapForValidIterator {
  JSObject base;
  Value brand;      /* int BRAND_WRAP */
  Value iterator;   /* [[Iterated]] */
  Value next;
} JSWrapForValidIterator;

static void *branded(Value v, size_t size, int brand) {
  if (!val_is_pointer(v) || val_instance_type(v) != IT_JS_ITERATOR) return NULL;
  if (obj_map(v)->inobject_offset < size) return NULL;
  Value b = ((JSIteratorHelper *)val_to_ptr(v))->brand;
  return b == val_from_int(brand) ? val_to_ptr(v) : NULL;
}


/* GetIteratorDirect(obj). */
static int get_iterator_direct(Isolate *iso, Value obj, IteratorRecord *rec) {
  Value next = obj_get(iso, obj, NAME(iso, next), obj);
  if (next == VAL_EXCEPTION) return -1;
  rec->iterator = obj;
  rec->next_method = next;
  rec->done = false;
  return 0;
}

/* GetIteratorFlattenable(obj, primitiveHandling). */
static int get_iterator_flattenable(Isolate *iso, Value obj, bool iterate_strings, IteratorRecord *rec) {
  if (!val_is_object(obj) && !(iterate_strings && val_is_string(obj))) {
    char buf[128];
    rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, obj, buf, sizeof buf));
    return -1;
  }
  Value method = rt_get_method(iso, obj, sym_well_known(iso, WKS_ITERATOR));
  if (method == VAL_EXCEPTION) return -1;
  Value it = obj;
  if (!val_is_undefined(method)) {
    it = rt_call(iso, method, obj, 0, NULL);
    if (it == VAL_EXCEPTION) return -1;
  }
  if (!val_is_object(it)) {
    char buf[128];
    rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, it, buf, sizeof buf));
    return -1;
  }
  return get_iterator_direct(iso, it, rec);
}

/* Step 2 of every helper: the receiver must be an object. */
static Value require_object_this(Isolate *iso, const CallArgs *args, const char *method) {
  if (!val_is_object(args->this_val)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s called on non-object %s", method,
                               builtins_describe(iso, args->this_val, buf, sizeof buf));
  }
  return args->this_val;
}

/* A failed argument check closes the receiver (ES2025): throw, then IteratorClose. */
static Value throw_and_close(Isolate *iso, Value iterator) {
  builtins_iterator_close(iso, iterator, true);
  return VAL_EXCEPTION;
}

static Value close_not_callable(Isolate *iso, Value iterator, Value fn) {
  char buf[128];
  rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  return throw_and_close(iso, iterator);
}

/* ---- The constructor and Iterator.from ------------------------------------------------------ */

static Value iterator_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target) || args->new_target == args->callee)
    return rt_throw_type_error(iso, "Abstract class Iterator not directly constructable");
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_ITERATOR_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return obj_new(iso, proto);
}

/* Realm-specific prototypes without an intrinsic slot live in the `extra` field of the built-in
 * functions that need them: Iterator.from holds %WrapForValidIteratorPrototype%, the lazy
 * helpers hold %IteratorHelperPrototype%, the `constructor` getter holds %Iterator%. */
static Value extra_of(Value callee) { return js_function(callee)->extra; }

static Value iterator_from(Isolate *iso, const CallArgs *args) {
  IteratorRecord rec;
  if (get_iterator_flattenable(iso, call_arg(args, 0), true, &rec) < 0) return VAL_EXCEPTION;
  /* OrdinaryHasInstance(%Iterator%, iterator): is %Iterator.prototype% on its chain? */
  Value proto = intrinsic(iso, INTRINSIC_ITERATOR_PROTOTYPE);
  for (Value p = rec.iterator;;) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    p = obj_get_prototype_of(iso, p);
    if (p == VAL_EXCEPTION) return p;
    if (val_is_null(p)) break;
    if (p == proto) return rec.iterator;
  }
  Value wp = extra_of(args->callee);
  Value w = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSWrapForValidIterator), wp);
  if (w == VAL_EXCEPTION) return w;
  JSWrapForValidIterator *wr = (JSWrapForValidIterator *)val_to_ptr(w);
  wr->brand = val_from_int(BRAND_WRAP);
  WRITE_FIELD(wr, wr->iterator, rec.iterator);
  WRITE_FIELD(wr, wr->next, rec.next_method);
  return w;
}

static Value wrap_next(Isolate *iso, const CallArgs *args) {
  JSWrapForValidIterator *w = branded(args->this_val, sizeof *w, BRAND_WRAP);
  if (!w) return builtins_throw_incompatible_receiver(iso, "%WrapForValidIteratorPrototype%.next", args->this_val);
  return rt_call(iso, w->next, w->iterator, 0, NULL);
}

static Value wrap_return(Isolate *iso, const CallArgs *args) {
  JSWrapForValidIterator *w = branded(args->this_val, sizeof *w, BRAND_WRAP);
  if (!w) return builtins_throw_incompatible_receiver(iso, "%WrapForValidIteratorPrototype%.return", args->this_val);
  Value it = w->iterator;
  Value ret = rt_get_method(iso, it, NAME(iso, return_));
  if (ret == VAL_EXCEPTION) return ret;
  if (val_is_undefined(ret)) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  return rt_call(iso, ret, it, 0, NULL);
}

/* ---- Lazy helpers -------------------------------------------------------------------------- */

static Value make_helper(Isolate *iso, Value proto, int kind, const IteratorRecord *rec, Value fn, double remaining) {
  Value h = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSIteratorHelper), proto);
  if (h == VAL_EXCEPTION) return h;
  JSIteratorHelper *p = (JSIteratorHelper *)val_to_ptr(h);
  p->brand = val_from_int(BRAND_HELPER);
  p->state = val_from_int(ST_START);
  p->kind = val_from_int(kind);
  WRITE_FIELD(p, p->iterator, rec->iterator);
  WRITE_FIELD(p, p->next, rec->next_method);
  WRITE_FIELD(p, p->fn, fn);
  p->counter = val_from_int(0);
  p->remaining = val_from_number(remaining);
  p->inner = VAL_UNDEFINED;
  p->inner_next = VAL_UNDEFINED;
  p->aux = VAL_UNDEFINED;
  return h;
}

/* map (H_MAP), filter (H_FILTER), flatMap (H_FLAT_MAP). */
static Value proto_lazy_fn(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Iterator.prototype.map", "Iterator.prototype.filter", "", "",
                                      "Iterator.prototype.flatMap"};
  int kind = function_magic(args->callee);
  Value o = require_object_this(iso, args, names[kind]);
  if (o == VAL_EXCEPTION) return o;
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return close_not_callable(iso, o, fn);
  IteratorRecord rec;
  if (get_iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  return make_helper(iso, extra_of(args->callee), kind, &rec, fn, 0);
}

/* take (H_TAKE) and drop (H_DROP). */
static Value proto_lazy_limit(Isolate *iso, const CallArgs *args) {
  int kind = function_magic(args->callee);
  Value o = require_object_this(iso, args, kind == H_TAKE ? "Iterator.prototype.take" : "Iterator.prototype.drop");
  if (o == VAL_EXCEPTION) return o;
  double num;
  if (rt_to_number_double(iso, call_arg(args, 0), &num) < 0) return throw_and_close(iso, o);
  if (num != num) {
    char buf[64];
    rt_throw_range_error(iso, "%s must be positive",
                         builtins_describe(iso, val_from_double(num), buf, sizeof buf));
    return throw_and_close(iso, o);
  }
  double limit = trunc(num); /* ToIntegerOrInfinity of a number that is not NaN */
  if (limit < 0 || (limit > 9007199254740991.0 && limit != INFINITY)) {
    char buf[64];
    rt_throw_range_error(iso, "%s must be positive", builtins_describe(iso, val_from_number(num), buf, sizeof buf));
    return throw_and_close(iso, o);
  }
  IteratorRecord rec;
  if (get_iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  return make_helper(iso, extra_of(args->callee), kind, &rec, VAL_UNDEFINED, limit + 0.0);
}

/* Runs the helper's closure to its next Yield: the value, VAL_HOLE when the closure returned,
 * or VAL_EXCEPTION (the underlying iterator already closed where the spec closes it). */
static Value helper_step(Isolate *iso, Value self) {
  JSIteratorHelper *h = (JSIteratorHelper *)val_to_ptr(self);
  IteratorRecord rec = {h->iterator, h->next, false};
  int kind = val_to_int(h->kind);
  for (;;) {
    h = (JSIteratorHelper *)val_to_ptr(self);
    switch (kind) {
      case H_CONCAT:
      case H_ZIP:
      case H_CHUNKS:
      case H_WINDOWS: return iterator_ext_step(iso, self);
      case H_TAKE: {
        double remaining = val_to_number_unchecked(h->remaining);
        if (remaining == 0) {
          if (builtins_iterator_close(iso, rec.iterator, false) < 0) return VAL_EXCEPTION;
          return VAL_HOLE;
        }
        if (remaining != INFINITY) h->remaining = val_from_number(remaining - 1);
        return builtins_iterator_step_value(iso, &rec);
      }
      case H_DROP: {
        double remaining = val_to_number_unchecked(h->remaining);
        while (remaining > 0) {
          if (remaining != INFINITY) remaining--;
          ((JSIteratorHelper *)val_to_ptr(self))->remaining = val_from_number(remaining);
          Value r = builtins_iterator_step(iso, &rec);
          if (r == VAL_EXCEPTION) return r;
          if (r == VAL_FALSE) return VAL_HOLE;
        }
        return builtins_iterator_step_value(iso, &rec);
      }
      case H_FLAT_MAP:
        if (!val_is_undefined(h->inner)) {
          IteratorRecord inner = {h->inner, h->inner_next, false};
          Value v = builtins_iterator_step_value(iso, &inner);
          if (v == VAL_EXCEPTION) return throw_and_close(iso, rec.iterator);
          if (v != VAL_HOLE) return v;
          h = (JSIteratorHelper *)val_to_ptr(self);
          h->inner = VAL_UNDEFINED;
          h->inner_next = VAL_UNDEFINED;
          continue;
        }
        __attribute__((fallthrough)); /* fetch the next outer value */
      default: {
        Value v = builtins_iterator_step_value(iso, &rec);
        if (v == VAL_EXCEPTION || v == VAL_HOLE) return v;
        h = (JSIteratorHelper *)val_to_ptr(self);
        Value argv[2] = {v, h->counter};
        h->counter = val_from_number(val_to_number_unchecked(h->counter) + 1);
        Value r = rt_call(iso, h->fn, VAL_UNDEFINED, 2, argv);
        if (r == VAL_EXCEPTION) return throw_and_close(iso, rec.iterator);
        if (kind == H_MAP) return r;
        if (kind == H_FILTER) {
          if (rt_to_boolean(r)) return v;
          continue;
        }
        IteratorRecord inner;
        if (get_iterator_flattenable(iso, r, false, &inner) < 0) return throw_and_close(iso, rec.iterator);
        h = (JSIteratorHelper *)val_to_ptr(self);
        WRITE_FIELD(h, h->inner, inner.iterator);
        WRITE_FIELD(h, h->inner_next, inner.next_method);
        continue;
      }
    }
  }
}

static Value helper_next(Isolate *iso, const CallArgs *args) {
  JSIteratorHelper *h = branded(args->this_val, sizeof *h, BRAND_HELPER);
  if (!h) return builtins_throw_incompatible_receiver(iso, "Iterator Helper.prototype.next", args->this_val);
  int state = val_to_int(h->state);
  if (state == ST_EXECUTING) return rt_throw_type_error(iso, "Generator is already running");
  if (state == ST_DONE) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  h->state = val_from_int(ST_EXECUTING);
  Value v = helper_step(iso, args->this_val);
  h = (JSIteratorHelper *)val_to_ptr(args->this_val);
  if (v == VAL_EXCEPTION || v == VAL_HOLE) {
    h->state = val_from_int(ST_DONE);
    if (v == VAL_EXCEPTION) return v;
    return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  }
  h->state = val_from_int(ST_YIELD);
  return builtins_create_iter_result(iso, v, false);
}

static Value helper_return(Isolate *iso, const CallArgs *args) {
  JSIteratorHelper *h = branded(args->this_val, sizeof *h, BRAND_HELPER);
  if (!h) return builtins_throw_incompatible_receiver(iso, "Iterator Helper.prototype.return", args->this_val);
  int state = val_to_int(h->state);
  if (state == ST_EXECUTING) return rt_throw_type_error(iso, "Generator is already running");
  if (state == ST_DONE) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  h->state = val_from_int(ST_DONE);
  if (val_to_int(h->kind) >= H_CONCAT) return iterator_ext_return(iso, args->this_val, state);
  Value it = h->iterator, inner = h->inner;
  if (state == ST_YIELD && !val_is_undefined(inner)) {
    /* flatMap suspended inside an inner iterator: close it first, then the outer one. */
    h->inner = VAL_UNDEFINED;
    if (builtins_iterator_close(iso, inner, false) < 0) return throw_and_close(iso, it);
  }
  if (builtins_iterator_close(iso, it, false) < 0) return VAL_EXCEPTION;
  return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
}

/* ---- Eager helpers ----------------------------------------------------------------------- */

static Value proto_reduce(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.reduce");
  if (o == VAL_EXCEPTION) return o;
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return close_not_callable(iso, o, fn);
  IteratorRecord rec;
  if (get_iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  Value acc;
  double counter;
  if (args->argc < 2) {
    acc = builtins_iterator_step_value(iso, &rec);
    if (acc == VAL_EXCEPTION) return acc;
    if (acc == VAL_HOLE) return rt_throw_type_error(iso, "Reduce of empty iterator with no initial value");
    counter = 1;
  } else {
    acc = args->argv[1];
    counter = 0;
  }
  for (;; counter++) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) return acc;
    Value argv[3] = {acc, v, val_from_number(counter)};
    acc = rt_call(iso, fn, VAL_UNDEFINED, 3, argv);
    if (acc == VAL_EXCEPTION) return throw_and_close(iso, rec.iterator);
  }
}

static Value proto_to_array(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.toArray");
  if (o == VAL_EXCEPTION) return o;
  IteratorRecord rec;
  if (get_iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  Value items = array_new(iso, 0);
  if (items == VAL_EXCEPTION) return items;
  for (;;) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) return items;
    if (array_push(iso, items, v) < 0) return VAL_EXCEPTION;
  }
}

enum { E_FOR_EACH, E_SOME, E_EVERY, E_FIND };

/* forEach, some, every, find. */
static Value proto_eager(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Iterator.prototype.forEach", "Iterator.prototype.some",
                                      "Iterator.prototype.every", "Iterator.prototype.find"};
  int kind = function_magic(args->callee);
  Value o = require_object_this(iso, args, names[kind]);
  if (o == VAL_EXCEPTION) return o;
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return close_not_callable(iso, o, fn);
  IteratorRecord rec;
  if (get_iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  for (double counter = 0;; counter++) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) {
      switch (kind) {
        case E_SOME: return VAL_FALSE;
        case E_EVERY: return VAL_TRUE;
        default: return VAL_UNDEFINED;
      }
    }
    Value argv[2] = {v, val_from_number(counter)};
    Value r = rt_call(iso, fn, VAL_UNDEFINED, 2, argv);
    if (r == VAL_EXCEPTION) return throw_and_close(iso, rec.iterator);
    if (kind == E_FOR_EACH) continue;
    bool b = rt_to_boolean(r);
    Value result;
    if (kind == E_SOME && b)
      result = VAL_TRUE;
    else if (kind == E_EVERY && !b)
      result = VAL_FALSE;
    else if (kind == E_FIND && b)
      result = v;
    else
      continue;
    if (builtins_iterator_close(iso, rec.iterator, false) < 0) return VAL_EXCEPTION;
    return result;
  }
}

/* ---- Iterator.prototype.constructor / [@@toStringTag] accessors ---------------------------- */

/* SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, key, v). */
static Value setter_ignoring_proto(Isolate *iso, const CallArgs *args, Value key) {
  Value self = args->this_val;
  if (!val_is_object(self)) return rt_throw_type_error(iso, "Iterator setter called on non-object");
  if (self == intrinsic(iso, INTRINSIC_ITERATOR_PROTOTYPE))
    return rt_throw_type_error(iso, "Cannot assign to read only property of Iterator.prototype");
  PropertyDescriptor d;
  int found = obj_get_own_property(iso, self, key, &d);
  if (found < 0) return VAL_EXCEPTION;
  int r = found ? rt_set(iso, self, key, call_arg(args, 0), true)
                : rt_create_data_property_or_throw(iso, self, key, call_arg(args, 0));
  return r < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}

static Value get_constructor(Isolate *iso, const CallArgs *args) { return extra_of(args->callee); }
static Value set_constructor(Isolate *iso, const CallArgs *args) {
  return setter_ignoring_proto(iso, args, NAME(iso, constructor));
}
static Value get_to_string_tag(Isolate *iso, const CallArgs *args) { return str_intern_cstr(iso, "Iterator"); }
static Value set_to_string_tag(Isolate *iso, const CallArgs *args) {
  return setter_ignoring_proto(iso, args, sym_well_known(iso, WKS_TO_STRING_TAG));
}

/* ---- Installation -------------------------------------------------------------------------- */

static int set_extra(Value fn, Value v) {
  if (fn == VAL_EXCEPTION) return -1;
  WRITE_FIELD(val_to_ptr(fn), js_function(fn)->extra, v);
  return 0;
}

int builtins_install_iterator_helpers(Isolate *iso, Realm *realm) {
  Value proto = realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE];
  Value ctor = builtins_make_constructor(iso, realm, "Iterator", iterator_ctor, 0, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  /* Iterator.prototype.constructor is an accessor (web compatibility), not a data property. */
  if (obj_delete(iso, proto, NAME(iso, constructor)) < 0) return -1;
  Value g = builtins_def_getter(iso, proto, NAME(iso, constructor), get_constructor, set_constructor,
                                ATTR_CONFIGURABLE);
  if (g == VAL_EXCEPTION || set_extra(g, ctor) < 0) return -1;
  if (builtins_def_getter(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), get_to_string_tag,
                          set_to_string_tag, ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;

  Value helper_proto = obj_new(iso, proto);
  if (helper_proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ITERATOR_HELPER_PROTOTYPE], helper_proto);
  if (builtins_def_method(iso, helper_proto, "next", helper_next, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, helper_proto, "return", helper_return, 0, 0) == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, helper_proto, sym_well_known(iso, WKS_TO_STRING_TAG),
                     str_intern_cstr(iso, "Iterator Helper"), ATTR_CONFIGURABLE) < 0)
    return -1;

  Value wrap_proto = obj_new(iso, proto);
  if (wrap_proto == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, wrap_proto, "next", wrap_next, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, wrap_proto, "return", wrap_return, 0, 0) == VAL_EXCEPTION) return -1;
  if (set_extra(builtins_def_method(iso, ctor, "from", iterator_from, 1, 0), wrap_proto) < 0) return -1;

  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } lazy[] = {
      {"map", proto_lazy_fn, 1, H_MAP},         {"filter", proto_lazy_fn, 1, H_FILTER},
      {"take", proto_lazy_limit, 1, H_TAKE},    {"drop", proto_lazy_limit, 1, H_DROP},
      {"flatMap", proto_lazy_fn, 1, H_FLAT_MAP},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(lazy); i++)
    if (set_extra(builtins_def_method(iso, proto, lazy[i].name, lazy[i].fn, lazy[i].length, lazy[i].magic),
                  helper_proto) < 0)
      return -1;
  if (builtins_def_method(iso, proto, "reduce", proto_reduce, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "toArray", proto_to_array, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "forEach", proto_eager, 1, E_FOR_EACH) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "some", proto_eager, 1, E_SOME) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "every", proto_eager, 1, E_EVERY) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "find", proto_eager, 1, E_FIND) == VAL_EXCEPTION) return -1;
  return builtins_install_iterator_extras(iso, realm);
}
