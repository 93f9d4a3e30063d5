/*
 * The iterator protocol helpers (iterator.h), %IteratorPrototype%, %AsyncIteratorPrototype%,
 * %ArrayIteratorPrototype% and %StringIteratorPrototype% (ECMA-262 7.4, 27.1, 23.1.5, 22.1.5).
 *
 * Built-in iterators are IT_JS_ITERATOR objects. Several families make IT_JS_ITERATOR objects
 * with different fields, so ours carry a brand Value in their first field and next() checks the
 * layout size and the brand before touching the rest: that is the spec's internal-slot check.
 */
#include "builtins/iterator.h"
#include "builtins/typed-array.h"
#include "interpreter/async.h"

#include "builtins/object-helpers.h"
#include "objects/js-object.h"

/* ---- The protocol ------------------------------------------------------------------------- */

int builtins_get_iterator_from_method(Isolate *iso, Value obj, Value method, IteratorRecord *out) {
  Value it = rt_call(iso, method, obj, 0, NULL);
  if (it == VAL_EXCEPTION) return -1;
  if (!val_is_object(it)) {
    rt_throw_type_error(iso, "Result of the Symbol.iterator method is not an object");
    return -1;
  }
  Value next = obj_get(iso, it, NAME(iso, next), it);
  if (next == VAL_EXCEPTION) return -1;
  out->iterator = it;
  out->next_method = next;
  out->done = false;
  return 0;
}

/* V8's text: "number 1 is not iterable (cannot read property Symbol(Symbol.iterator))", with
 * only the type for symbols, objects and functions, only the value for undefined and null. */
static int throw_not_iterable(Isolate *iso, Value obj) {
  char buf[128];
  const char *type = val_is_symbol(obj) ? "symbol" : val_is_callable(obj) ? "function"
                     : val_is_object(obj) ? "object" : val_is_number(obj) ? "number"
                     : val_is_bool(obj) ? "boolean" : val_is_string(obj) ? "string" : NULL;
  if (!type || val_is_symbol(obj) || val_is_object(obj))
    rt_throw_type_error(iso, "%s is not iterable (cannot read property Symbol(Symbol.iterator))",
                        type ? type : builtins_describe(iso, obj, buf, sizeof buf));
  else
    rt_throw_type_error(iso, "%s %s is not iterable (cannot read property Symbol(Symbol.iterator))", type,
                        builtins_describe(iso, obj, buf, sizeof buf));
  return -1;
}

int builtins_get_iterator(Isolate *iso, Value obj, bool async, IteratorRecord *out) {
  if (val_is_nullish(obj)) return throw_not_iterable(iso, obj);
  if (async) {
    Value m = rt_get_method(iso, obj, sym_well_known(iso, WKS_ASYNC_ITERATOR));
    if (m == VAL_EXCEPTION) return -1;
    if (!val_is_undefined(m)) return builtins_get_iterator_from_method(iso, obj, m, out);
    Value sm = rt_get_method(iso, obj, sym_well_known(iso, WKS_ITERATOR));
    if (sm == VAL_EXCEPTION) return -1;
    if (val_is_undefined(sm)) return throw_not_iterable(iso, obj);
    IteratorRecord sync;
    if (builtins_get_iterator_from_method(iso, obj, sm, &sync) < 0) return -1;
    Value it = async_from_sync_iterator_new(iso, sync.iterator, sync.next_method); /* CreateAsyncFromSyncIterator */
    if (it == VAL_EXCEPTION) return -1;
    out->iterator = it;
    out->next_method = rt_get(iso, it, NAME(iso, next));
    out->done = false;
    return out->next_method == VAL_EXCEPTION ? -1 : 0;
  }
  Value m = rt_get_method(iso, obj, sym_well_known(iso, WKS_ITERATOR));
  if (m == VAL_EXCEPTION) return -1;
  if (val_is_undefined(m)) return throw_not_iterable(iso, obj);
  return builtins_get_iterator_from_method(iso, obj, m, out);
}

Value builtins_iterator_next(Isolate *iso, IteratorRecord *rec, Value value) {
  Value r = value == VAL_HOLE ? rt_call(iso, rec->next_method, rec->iterator, 0, NULL)
                              : rt_call(iso, rec->next_method, rec->iterator, 1, &value);
  if (r == VAL_EXCEPTION) {
    rec->done = true;
    return r;
  }
  if (!val_is_object(r)) {
    rec->done = true;
    char buf[128];
    return rt_throw_type_error(iso, "Iterator result %s is not an object", builtins_describe(iso, r, buf, sizeof buf));
  }
  return r;
}

int builtins_iterator_complete(Isolate *iso, Value result) {
  Value d = obj_get(iso, result, NAME(iso, done), result);
  if (d == VAL_EXCEPTION) return -1;
  return rt_to_boolean(d);
}

Value builtins_iterator_value(Isolate *iso, Value result) {
  return obj_get(iso, result, NAME(iso, value), result);
}

Value builtins_iterator_step(Isolate *iso, IteratorRecord *rec) {
  Value r = builtins_iterator_next(iso, rec, VAL_HOLE);
  if (r == VAL_EXCEPTION) return r;
  int done = builtins_iterator_complete(iso, r);
  if (done < 0) {
    rec->done = true;
    return VAL_EXCEPTION;
  }
  if (done) {
    rec->done = true;
    return VAL_FALSE;
  }
  return r;
}

Value builtins_iterator_step_value(Isolate *iso, IteratorRecord *rec) {
  Value r = builtins_iterator_step(iso, rec);
  if (r == VAL_EXCEPTION) return r;
  if (r == VAL_FALSE) return VAL_HOLE;
  Value v = builtins_iterator_value(iso, r);
  if (v == VAL_EXCEPTION) rec->done = true;
  return v;
}

int builtins_iterator_close(Isolate *iso, Value iterator, bool throwing) {
  if (throwing) {
    if (iso->terminating) return -1; /* termination skips every handler, `return` included */
    Value saved = iso->pending_exception, saved_msg = iso->pending_message;
    iso->pending_exception = VAL_HOLE;
    iso->pending_message = VAL_HOLE;
    Value ret = rt_get_method(iso, iterator, NAME(iso, return_));
    if (ret != VAL_EXCEPTION && !val_is_undefined(ret)) rt_call(iso, ret, iterator, 0, NULL);
    if (iso->terminating) return -1; /* keep the termination pending */
    iso->pending_exception = saved;
    iso->pending_message = saved_msg;
    return -1;
  }
  Value ret = rt_get_method(iso, iterator, NAME(iso, return_));
  if (ret == VAL_EXCEPTION) return -1;
  if (val_is_undefined(ret)) return 0;
  Value r = rt_call(iso, ret, iterator, 0, NULL);
  if (r == VAL_EXCEPTION) return -1;
  if (!val_is_object(r)) {
    char buf[128];
    rt_throw_type_error(iso, "Iterator result %s is not an object", builtins_describe(iso, r, buf, sizeof buf));
    return -1;
  }
  return 0;
}

Value builtins_create_iter_result(Isolate *iso, Value value, bool done) {
  Value o = obj_new_plain(iso);
  if (o == VAL_EXCEPTION) return o;
  if (rt_create_data_property(iso, o, NAME(iso, value), value) < 0) return VAL_EXCEPTION;
  if (rt_create_data_property(iso, o, NAME(iso, done), val_from_bool(done)) < 0) return VAL_EXCEPTION;
  return o;
}

Value builtins_iterable_to_list(Isolate *iso, Value obj) {
  IteratorRecord rec;
  if (builtins_get_iterator(iso, obj, false, &rec) < 0) return VAL_EXCEPTION;
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return list;
  for (;;) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) return list;
    if (array_push(iso, list, v) < 0) return VAL_EXCEPTION;
  }
}

/* ---- Built-in iterator objects ------------------------------------------------------------ */

enum { BRAND_ARRAY_ITERATOR = 0x41724974, BRAND_STRING_ITERATOR = 0x53744974 };

typedef struct JSArrayIterator {
  JSObject base;
  Value brand;    /* int BRAND_ARRAY_ITERATOR */
  Value iterated; /* [[IteratedArrayLike]], undefined once exhausted */
  Value index;    /* [[ArrayLikeNextIndex]] (a number) */
  Value kind;     /* int IterKind */
} JSArrayIterator;

typedef struct JSStringIterator {
  JSObject base;
  Value brand;    /* int BRAND_STRING_ITERATOR */
  Value string;   /* the iterated string, undefined once exhausted */
  Value position; /* int: next code unit index */
} JSStringIterator;

static void *branded(Value v, size_t size, int brand) {
  if (!val_is_pointer(v) || val_instance_type(v) != IT_JS_ITERATOR) return NULL;
  if (obj_map(v)->inobject_offset < size) return NULL;
  Value b = ((JSArrayIterator *)val_to_ptr(v))->brand;
  return b == val_from_int(brand) ? val_to_ptr(v) : NULL;
}

Value builtins_create_array_iterator(Isolate *iso, Value array, IterKind kind) {
  Value it = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSArrayIterator),
                               intrinsic(iso, INTRINSIC_ARRAY_ITERATOR_PROTOTYPE));
  if (it == VAL_EXCEPTION) return it;
  JSArrayIterator *ai = (JSArrayIterator *)val_to_ptr(it);
  ai->brand = val_from_int(BRAND_ARRAY_ITERATOR);
  WRITE_FIELD(ai, ai->iterated, array);
  ai->index = val_from_int(0);
  ai->kind = val_from_int((int32_t)kind);
  return it;
}

static Value array_iterator_next(Isolate *iso, const CallArgs *args) {
  JSArrayIterator *ai = branded(args->this_val, sizeof(JSArrayIterator), BRAND_ARRAY_ITERATOR);
  if (!ai) {
    return builtins_throw_incompatible_receiver(iso, "Array Iterator.prototype.next", args->this_val);
  }
  Value a = ai->iterated;
  if (val_is_undefined(a)) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  double index = val_to_number_unchecked(ai->index);
  double len;
  if (typed_array_is(a)) {
    /* A typed array's own length, not its (overridable) getter; a detached or shrunk-away
     * buffer is an error, not the end of iteration. */
    len = typed_array_length(a);
    if (len < 0) return rt_throw_type_error(iso, "Cannot perform %%ArrayIteratorPrototype%%.next on a detached ArrayBuffer");
  } else if (rt_length_of_array_like(iso, a, &len) < 0) {
    return VAL_EXCEPTION;
  }
  /* The length getter may have run code: re-read the iterator's fields. */
  ai = (JSArrayIterator *)val_to_ptr(args->this_val);
  if (index >= len) {
    ai->iterated = VAL_UNDEFINED;
    return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  }
  ai->index = val_from_number(index + 1);
  int kind = val_to_int(ai->kind);
  Value key_num = val_from_number(index);
  if (kind == ITER_KIND_KEYS) return builtins_create_iter_result(iso, key_num, false);
  Value key = builtins_index_key(iso, index);
  if (key == VAL_EXCEPTION) return key;
  Value v = obj_get(iso, a, key, a);
  if (v == VAL_EXCEPTION) return v;
  if (kind == ITER_KIND_VALUES) return builtins_create_iter_result(iso, v, false);
  Value pair[2] = {key_num, v};
  Value entry = array_from_values(iso, pair, 2);
  if (entry == VAL_EXCEPTION) return entry;
  return builtins_create_iter_result(iso, entry, false);
}

/* CreateStringIterator(s): String.prototype[@@iterator]. */
Value builtins_create_string_iterator(Isolate *iso, Value s) {
  Value it = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSStringIterator),
                               intrinsic(iso, INTRINSIC_STRING_ITERATOR_PROTOTYPE));
  if (it == VAL_EXCEPTION) return it;
  JSStringIterator *si = (JSStringIterator *)val_to_ptr(it);
  si->brand = val_from_int(BRAND_STRING_ITERATOR);
  WRITE_FIELD(si, si->string, s);
  si->position = val_from_int(0);
  return it;
}

static Value string_iterator_next(Isolate *iso, const CallArgs *args) {
  JSStringIterator *si = branded(args->this_val, sizeof(JSStringIterator), BRAND_STRING_ITERATOR);
  if (!si) {
    return builtins_throw_incompatible_receiver(iso, "String Iterator.prototype.next", args->this_val);
  }
  Value s = si->string;
  if (val_is_undefined(s)) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  si = (JSStringIterator *)val_to_ptr(args->this_val);
  WRITE_FIELD(si, si->string, s);
  uint32_t pos = (uint32_t)val_to_int(si->position), len = str_length(s);
  if (pos >= len) {
    si->string = VAL_UNDEFINED;
    return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  }
  uint32_t n = 1;
  uint16_t c = str_char_at(s, pos);
  if (c >= 0xD800 && c <= 0xDBFF && pos + 1 < len) {
    uint16_t d = str_char_at(s, pos + 1);
    if (d >= 0xDC00 && d <= 0xDFFF) n = 2;
  }
  si->position = val_from_int((int32_t)(pos + n));
  Value r = str_substring(iso, s, pos, pos + n);
  if (r == VAL_EXCEPTION) return r;
  return builtins_create_iter_result(iso, r, false);
}

int builtins_install_iterator_helpers(Isolate *iso, Realm *realm); /* iterator-helpers.c */

static Value return_this(Isolate *iso, const CallArgs *args) { return args->this_val; }

int builtins_install_iterator(Isolate *iso, Realm *realm) {
  Value op = realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE];
  Value iter_proto = obj_new(iso, op);
  if (iter_proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE], iter_proto);
  if (builtins_def_method_key(iso, iter_proto, sym_well_known(iso, WKS_ITERATOR), return_this, 0, 0,
                              ATTR_BUILTIN) == VAL_EXCEPTION)
    return -1;

  Value async_proto = obj_new(iso, op);
  if (async_proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ASYNC_ITERATOR_PROTOTYPE], async_proto);
  if (builtins_def_method_key(iso, async_proto, sym_well_known(iso, WKS_ASYNC_ITERATOR), return_this, 0, 0,
                              ATTR_BUILTIN) == VAL_EXCEPTION)
    return -1;

  Value tag = sym_well_known(iso, WKS_TO_STRING_TAG);
  Value array_iter = obj_new(iso, iter_proto);
  if (array_iter == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_ITERATOR_PROTOTYPE], array_iter);
  if (builtins_def_method(iso, array_iter, "next", array_iterator_next, 0, 0) == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, array_iter, tag, str_intern_cstr(iso, "Array Iterator"), ATTR_CONFIGURABLE) < 0)
    return -1;

  Value string_iter = obj_new(iso, iter_proto);
  if (string_iter == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_STRING_ITERATOR_PROTOTYPE], string_iter);
  if (builtins_def_method(iso, string_iter, "next", string_iterator_next, 0, 0) == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, string_iter, tag, str_intern_cstr(iso, "String Iterator"), ATTR_CONFIGURABLE) < 0)
    return -1;
  return builtins_install_iterator_helpers(iso, realm);
}
