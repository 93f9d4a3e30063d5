/*
 * Newer iterator built-ins: Iterator.concat (iterator sequencing), Iterator.zip and
 * Iterator.zipKeyed (joint iteration), Iterator.prototype.chunks / windows (iterator chunking),
 * Iterator.prototype.includes and Iterator.prototype.join.
 *
 * The lazy ones are %IteratorHelperPrototype% objects (builtins/iterator-helper.h) whose
 * closures are written here as state machines. Field use per kind:
 *   H_CONCAT   fn: JS array of [method, iterable, ...] pairs; counter: next pair index;
 *              inner/inner_next: the iterator being drained, or undefined.
 *   H_ZIP      fn: JS array of the iterators (null once finished); inner: their next methods;
 *              inner_next: the padding values; counter: the mode; aux: zipKeyed's keys or
 *              undefined (zip makes arrays).
 *   H_CHUNKS   iterator/next; remaining: chunk size; counter: 1 once the underlying iterator
 *              is exhausted.
 *   H_WINDOWS  iterator/next; remaining: window size; counter: 1 for "allow-partial";
 *              inner: the current window (JS array).
 */
#include "builtins/iterator-helper.h"

#include "builtins/object-helpers.h"
#include "objects/js-function.h"

#include <math.h>

enum { ZIP_SHORTEST, ZIP_LONGEST, ZIP_STRICT };

static JSIteratorHelper *helper(Value v) { return (JSIteratorHelper *)val_to_ptr(v); }

static Value new_helper(Isolate *iso, int kind) {
  Value h = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSIteratorHelper),
                              intrinsic(iso, INTRINSIC_ITERATOR_HELPER_PROTOTYPE));
  if (h == VAL_EXCEPTION) return h;
  JSIteratorHelper *p = helper(h);
  p->brand = val_from_int(BRAND_HELPER);
  p->state = val_from_int(ST_START);
  p->kind = val_from_int(kind);
  p->iterator = p->next = p->fn = p->inner = p->inner_next = p->aux = VAL_UNDEFINED;
  p->counter = val_from_int(0);
  p->remaining = val_from_int(0);
  return h;
}

static Value throw_not_object(Isolate *iso, Value v) {
  char buf[128];
  return rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, v, buf, sizeof buf));
}

/* GetIteratorDirect(obj). */
static int iterator_direct(Isolate *iso, Value obj, IteratorRecord *rec) {
  Value next = obj_get(iso, obj, NAME(iso, next), obj);
  if (next == VAL_EXCEPTION) return -1;
  rec->iterator = obj;
  rec->next_method = next;
  rec->done = false;
  return 0;
}

/* GetIteratorFlattenable(obj, reject-primitives). */
static int iterator_flattenable(Isolate *iso, Value obj, IteratorRecord *rec) {
  if (!val_is_object(obj)) {
    throw_not_object(iso, obj);
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
    throw_not_object(iso, it);
    return -1;
  }
  return iterator_direct(iso, it, rec);
}

/* A failed argument check closes the receiver: throw (pending), then IteratorClose. */
static Value close_on_error(Isolate *iso, Value iterator) {
  builtins_iterator_close(iso, iterator, true);
  return VAL_EXCEPTION;
}

/* IteratorCloseAll(iters, completion) over the non-null entries of a JS array, last first.
 * throwing: the completion is the pending exception. Returns -1 if the final completion is a
 * throw (pending), else 0. */
static int close_all(Isolate *iso, Value iters, bool throwing) {
  double len = 0;
  if (rt_length_of_array_like(iso, iters, &len) < 0) return -1;
  for (uint32_t i = (uint32_t)len; i-- > 0;) {
    Value it = builtins_list_get(iso, iters, i);
    if (!val_is_object(it)) continue;
    if (throwing) {
      builtins_iterator_close(iso, it, true);
    } else if (builtins_iterator_close(iso, it, false) < 0) {
      throwing = true;
    }
  }
  return throwing ? -1 : 0;
}

/* ---- Iterator.concat ------------------------------------------------------------------------ */

static Value iterator_concat(Isolate *iso, const CallArgs *args) {
  Value pairs = array_new(iso, 0);
  if (pairs == VAL_EXCEPTION) return pairs;
  for (int i = 0; i < args->argc; i++) {
    Value item = args->argv[i];
    if (!val_is_object(item)) return throw_not_object(iso, item);
    Value method = rt_get_method(iso, item, sym_well_known(iso, WKS_ITERATOR));
    if (method == VAL_EXCEPTION) return method;
    if (val_is_undefined(method)) {
      char buf[128];
      return rt_throw_type_error(iso, "%s is not iterable", builtins_describe(iso, item, buf, sizeof buf));
    }
    if (array_push(iso, pairs, method) < 0 || array_push(iso, pairs, item) < 0) return VAL_EXCEPTION;
  }
  Value h = new_helper(iso, H_CONCAT);
  if (h == VAL_EXCEPTION) return h;
  WRITE_FIELD(helper(h), helper(h)->fn, pairs);
  return h;
}

static Value concat_step(Isolate *iso, Value self) {
  for (;;) {
    JSIteratorHelper *h = helper(self);
    if (!val_is_undefined(h->inner)) {
      IteratorRecord rec = {h->inner, h->inner_next, false};
      Value v = builtins_iterator_step_value(iso, &rec);
      if (v == VAL_EXCEPTION) return v;
      if (v != VAL_HOLE) return v;
      h = helper(self);
      h->inner = h->inner_next = VAL_UNDEFINED;
    }
    double len = 0;
    if (rt_length_of_array_like(iso, h->fn, &len) < 0) return VAL_EXCEPTION;
    uint32_t idx = (uint32_t)val_to_int(h->counter);
    if (idx >= (uint32_t)len) return VAL_HOLE;
    h->counter = val_from_int((int32_t)(idx + 2));
    Value method = builtins_list_get(iso, h->fn, idx), iterable = builtins_list_get(iso, h->fn, idx + 1);
    Value it = rt_call(iso, method, iterable, 0, NULL);
    if (it == VAL_EXCEPTION) return it;
    if (!val_is_object(it)) return throw_not_object(iso, it);
    IteratorRecord rec;
    if (iterator_direct(iso, it, &rec) < 0) return VAL_EXCEPTION;
    h = helper(self);
    WRITE_FIELD(h, h->inner, rec.iterator);
    WRITE_FIELD(h, h->inner_next, rec.next_method);
  }
}

/* ---- Iterator.zip / Iterator.zipKeyed ------------------------------------------------------- */

/* GetOptionsObject, then mode and (for "longest") padding. Returns the mode or -1. */
static int zip_options(Isolate *iso, Value options, Value *padding_option) {
  *padding_option = VAL_UNDEFINED;
  if (val_is_undefined(options)) return ZIP_SHORTEST;
  if (!val_is_object(options)) {
    throw_not_object(iso, options);
    return -1;
  }
  Value mode = rt_get_str(iso, options, "mode");
  if (mode == VAL_EXCEPTION) return -1;
  int m;
  if (val_is_undefined(mode)) {
    m = ZIP_SHORTEST;
  } else if (val_is_string(mode) && str_equals_cstr(mode, "shortest")) {
    m = ZIP_SHORTEST;
  } else if (val_is_string(mode) && str_equals_cstr(mode, "longest")) {
    m = ZIP_LONGEST;
  } else if (val_is_string(mode) && str_equals_cstr(mode, "strict")) {
    m = ZIP_STRICT;
  } else {
    rt_throw_type_error(iso, "mode must be \"shortest\", \"longest\" or \"strict\"");
    return -1;
  }
  if (m == ZIP_LONGEST) {
    Value p = rt_get_str(iso, options, "padding");
    if (p == VAL_EXCEPTION) return -1;
    if (!val_is_undefined(p) && !val_is_object(p)) {
      throw_not_object(iso, p);
      return -1;
    }
    *padding_option = p;
  }
  return m;
}

static Value make_zip(Isolate *iso, Value iters, Value nexts, Value padding, int mode, Value keys) {
  Value h = new_helper(iso, H_ZIP);
  if (h == VAL_EXCEPTION) return h;
  JSIteratorHelper *p = helper(h);
  WRITE_FIELD(p, p->fn, iters);
  WRITE_FIELD(p, p->inner, nexts);
  WRITE_FIELD(p, p->inner_next, padding);
  p->counter = val_from_int(mode);
  WRITE_FIELD(p, p->aux, keys);
  return h;
}

/* Iterator.zip(iterables [, options]) */
static Value iterator_zip(Isolate *iso, const CallArgs *args) {
  Value iterables = call_arg(args, 0);
  if (!val_is_object(iterables)) return throw_not_object(iso, iterables);
  Value padding_option;
  int mode = zip_options(iso, call_arg(args, 1), &padding_option);
  if (mode < 0) return VAL_EXCEPTION;
  Value iters = array_new(iso, 0), nexts = array_new(iso, 0), padding = array_new(iso, 0);
  if (iters == VAL_EXCEPTION || nexts == VAL_EXCEPTION || padding == VAL_EXCEPTION) return VAL_EXCEPTION;
  IteratorRecord input;
  if (builtins_get_iterator(iso, iterables, false, &input) < 0) return VAL_EXCEPTION;
  for (;;) {
    Value next = builtins_iterator_step_value(iso, &input);
    if (next == VAL_EXCEPTION) {
      close_all(iso, iters, true);
      return VAL_EXCEPTION;
    }
    if (next == VAL_HOLE) break;
    IteratorRecord rec;
    if (iterator_flattenable(iso, next, &rec) < 0) {
      close_all(iso, iters, true);
      builtins_iterator_close(iso, input.iterator, true);
      return VAL_EXCEPTION;
    }
    if (array_push(iso, iters, rec.iterator) < 0 || array_push(iso, nexts, rec.next_method) < 0)
      return VAL_EXCEPTION;
  }
  double count = 0;
  if (rt_length_of_array_like(iso, iters, &count) < 0) return VAL_EXCEPTION;
  if (mode == ZIP_LONGEST) {
    if (val_is_undefined(padding_option)) {
      for (uint32_t i = 0; i < (uint32_t)count; i++)
        if (array_push(iso, padding, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
    } else {
      IteratorRecord pi;
      if (builtins_get_iterator(iso, padding_option, false, &pi) < 0) {
        close_all(iso, iters, true);
        return VAL_EXCEPTION;
      }
      bool using_iterator = true;
      for (uint32_t i = 0; i < (uint32_t)count; i++) {
        Value v = VAL_UNDEFINED;
        if (using_iterator) {
          v = builtins_iterator_step_value(iso, &pi);
          if (v == VAL_EXCEPTION) {
            close_all(iso, iters, true);
            return VAL_EXCEPTION;
          }
          if (v == VAL_HOLE) {
            using_iterator = false;
            v = VAL_UNDEFINED;
          }
        }
        if (array_push(iso, padding, v) < 0) return VAL_EXCEPTION;
      }
      if (using_iterator && builtins_iterator_close(iso, pi.iterator, false) < 0) {
        close_all(iso, iters, true);
        return VAL_EXCEPTION;
      }
    }
  }
  return make_zip(iso, iters, nexts, padding, mode, VAL_UNDEFINED);
}

/* Iterator.zipKeyed(iterables [, options]) */
static Value iterator_zip_keyed(Isolate *iso, const CallArgs *args) {
  Value iterables = call_arg(args, 0);
  if (!val_is_object(iterables)) return throw_not_object(iso, iterables);
  Value padding_option;
  int mode = zip_options(iso, call_arg(args, 1), &padding_option);
  if (mode < 0) return VAL_EXCEPTION;
  Value iters = array_new(iso, 0), nexts = array_new(iso, 0), padding = array_new(iso, 0);
  Value keys = array_new(iso, 0);
  if (iters == VAL_EXCEPTION || nexts == VAL_EXCEPTION || padding == VAL_EXCEPTION || keys == VAL_EXCEPTION)
    return VAL_EXCEPTION;
  Value all_keys;
  uint32_t nkeys;
  if (builtins_own_keys(iso, iterables, &all_keys, &nkeys) < 0) return VAL_EXCEPTION;
  for (uint32_t k = 0; k < nkeys; k++) {
    Value key = builtins_list_get(iso, all_keys, k);
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, iterables, key, &d);
    if (found < 0) goto fail;
    if (!found || !d.enumerable) continue;
    Value value = obj_get(iso, iterables, key, iterables);
    if (value == VAL_EXCEPTION) goto fail;
    if (val_is_undefined(value)) continue;
    IteratorRecord rec;
    if (iterator_flattenable(iso, value, &rec) < 0) goto fail;
    if (array_push(iso, keys, key) < 0 || array_push(iso, iters, rec.iterator) < 0 ||
        array_push(iso, nexts, rec.next_method) < 0)
      return VAL_EXCEPTION;
  }
  double count = 0;
  if (rt_length_of_array_like(iso, iters, &count) < 0) return VAL_EXCEPTION;
  if (mode == ZIP_LONGEST) {
    for (uint32_t i = 0; i < (uint32_t)count; i++) {
      Value v = VAL_UNDEFINED;
      if (!val_is_undefined(padding_option)) {
        v = obj_get(iso, padding_option, builtins_list_get(iso, keys, i), padding_option);
        if (v == VAL_EXCEPTION) goto fail;
      }
      if (array_push(iso, padding, v) < 0) return VAL_EXCEPTION;
    }
  }
  return make_zip(iso, iters, nexts, padding, mode, keys);
fail:
  close_all(iso, iters, true);
  return VAL_EXCEPTION;
}

/* Removes iterator i from the open ones (its entry becomes null). */
static int zip_remove(Isolate *iso, Value iters, uint32_t i) {
  return rt_create_data_property_or_throw(iso, iters, key_from_index(i), VAL_NULL);
}

static Value zip_step(Isolate *iso, Value self) {
  JSIteratorHelper *h = helper(self);
  Value iters = h->fn, nexts = h->inner, padding = h->inner_next, keys = h->aux;
  int mode = val_to_int(h->counter);
  double count = 0;
  if (rt_length_of_array_like(iso, iters, &count) < 0) return VAL_EXCEPTION;
  uint32_t n = (uint32_t)count;
  if (n == 0) return VAL_HOLE;
  Value results_arr = array_new(iso, 0);
  if (results_arr == VAL_EXCEPTION) return results_arr;
  for (uint32_t i = 0; i < n; i++) {
    Value it = builtins_list_get(iso, iters, i);
    Value result;
    if (val_is_null(it)) {
      result = builtins_list_get(iso, padding, i);
    } else {
      IteratorRecord rec = {it, builtins_list_get(iso, nexts, i), false};
      result = builtins_iterator_step_value(iso, &rec);
      if (result == VAL_EXCEPTION) {
        if (zip_remove(iso, iters, i) < 0) return VAL_EXCEPTION;
        close_all(iso, iters, true);
        return VAL_EXCEPTION;
      }
      if (result == VAL_HOLE) {
        if (zip_remove(iso, iters, i) < 0) return VAL_EXCEPTION;
        if (mode == ZIP_SHORTEST) return close_all(iso, iters, false) < 0 ? VAL_EXCEPTION : VAL_HOLE;
        if (mode == ZIP_STRICT) {
          if (i != 0) {
            rt_throw_type_error(iso, "Iterator.zip: the iterators have different lengths (strict mode)");
            close_all(iso, iters, true);
            return VAL_EXCEPTION;
          }
          for (uint32_t k = 1; k < n; k++) {
            IteratorRecord rk = {builtins_list_get(iso, iters, k), builtins_list_get(iso, nexts, k), false};
            Value open = builtins_iterator_step(iso, &rk);
            if (open == VAL_EXCEPTION) {
              if (zip_remove(iso, iters, k) < 0) return VAL_EXCEPTION;
              close_all(iso, iters, true);
              return VAL_EXCEPTION;
            }
            if (open == VAL_FALSE) {
              if (zip_remove(iso, iters, k) < 0) return VAL_EXCEPTION;
            } else {
              rt_throw_type_error(iso, "Iterator.zip: the iterators have different lengths (strict mode)");
              close_all(iso, iters, true);
              return VAL_EXCEPTION;
            }
          }
          return VAL_HOLE;
        }
        /* longest: finished when no iterator is left open */
        bool any_open = false;
        for (uint32_t k = 0; k < n && !any_open; k++) any_open = val_is_object(builtins_list_get(iso, iters, k));
        if (!any_open) return VAL_HOLE;
        result = builtins_list_get(iso, padding, i);
      }
    }
    if (array_push(iso, results_arr, result) < 0) return VAL_EXCEPTION;
  }
  /* finishResults: an array (zip) or a null-prototype object keyed like the input (zipKeyed) */
  if (val_is_undefined(keys)) return results_arr;
  Value obj = obj_new(iso, VAL_NULL);
  if (obj == VAL_EXCEPTION) return obj;
  for (uint32_t i = 0; i < n; i++)
    if (rt_create_data_property_or_throw(iso, obj, builtins_list_get(iso, keys, i),
                                         builtins_list_get(iso, results_arr, i)) < 0)
      return VAL_EXCEPTION;
  return obj;
}

/* ---- Iterator.prototype.chunks / windows ---------------------------------------------------- */

static Value require_object_this(Isolate *iso, const CallArgs *args, const char *method) {
  if (!val_is_object(args->this_val)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s called on non-object %s", method,
                               builtins_describe(iso, args->this_val, buf, sizeof buf));
  }
  return args->this_val;
}

/* chunkSize / windowSize: an integral Number in [1, 2^32 - 1]; closes o on failure. */
static int size_argument(Isolate *iso, Value o, Value v, double *out) {
  if (!val_is_number(v)) {
    rt_throw_type_error(iso, "size must be a number");
    close_on_error(iso, o);
    return -1;
  }
  double d = val_to_number_unchecked(v);
  if (d != d || isinf(d) || trunc(d) != d) {
    rt_throw_type_error(iso, "size must be an integer");
    close_on_error(iso, o);
    return -1;
  }
  if (d < 1 || d > 4294967295.0) {
    rt_throw_range_error(iso, "size must be between 1 and 2^32 - 1");
    close_on_error(iso, o);
    return -1;
  }
  *out = d;
  return 0;
}

static Value proto_chunks(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.chunks");
  if (o == VAL_EXCEPTION) return o;
  double size;
  if (size_argument(iso, o, call_arg(args, 0), &size) < 0) return VAL_EXCEPTION;
  IteratorRecord rec;
  if (iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  Value h = new_helper(iso, H_CHUNKS);
  if (h == VAL_EXCEPTION) return h;
  JSIteratorHelper *p = helper(h);
  WRITE_FIELD(p, p->iterator, rec.iterator);
  WRITE_FIELD(p, p->next, rec.next_method);
  p->remaining = val_from_number(size);
  return h;
}

static Value proto_windows(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.windows");
  if (o == VAL_EXCEPTION) return o;
  double size;
  if (size_argument(iso, o, call_arg(args, 0), &size) < 0) return VAL_EXCEPTION;
  Value undersized = call_arg(args, 1);
  bool partial = false;
  if (val_is_undefined(undersized) || (val_is_string(undersized) && str_equals_cstr(undersized, "only-full"))) {
    partial = false;
  } else if (val_is_string(undersized) && str_equals_cstr(undersized, "allow-partial")) {
    partial = true;
  } else {
    rt_throw_type_error(iso, "undersized must be \"only-full\" or \"allow-partial\"");
    return close_on_error(iso, o);
  }
  IteratorRecord rec;
  if (iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  Value buffer = array_new(iso, 0);
  if (buffer == VAL_EXCEPTION) return buffer;
  Value h = new_helper(iso, H_WINDOWS);
  if (h == VAL_EXCEPTION) return h;
  JSIteratorHelper *p = helper(h);
  WRITE_FIELD(p, p->iterator, rec.iterator);
  WRITE_FIELD(p, p->next, rec.next_method);
  p->remaining = val_from_number(size);
  p->counter = val_from_int(partial ? 1 : 0);
  WRITE_FIELD(p, p->inner, buffer);
  return h;
}

static Value chunks_step(Isolate *iso, Value self) {
  JSIteratorHelper *h = helper(self);
  if (h->counter == val_from_int(1)) return VAL_HOLE; /* the partial last chunk was yielded */
  IteratorRecord rec = {h->iterator, h->next, false};
  double size = val_to_number_unchecked(h->remaining);
  Value buffer = array_new(iso, 0);
  if (buffer == VAL_EXCEPTION) return buffer;
  for (double n = 0; n < size;) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) {
      if (n == 0) return VAL_HOLE;
      helper(self)->counter = val_from_int(1);
      return buffer;
    }
    if (array_push(iso, buffer, v) < 0) return VAL_EXCEPTION;
    n++;
  }
  return buffer;
}

static Value windows_step(Isolate *iso, Value self) {
  for (;;) {
    JSIteratorHelper *h = helper(self);
    if (h->aux == VAL_TRUE) return VAL_HOLE; /* the partial window was yielded */
    IteratorRecord rec = {h->iterator, h->next, false};
    double size = val_to_number_unchecked(h->remaining);
    bool partial = h->counter == val_from_int(1);
    Value buffer = h->inner;
    double len = 0;
    if (rt_length_of_array_like(iso, buffer, &len) < 0) return VAL_EXCEPTION;
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) {
      if (partial && len > 0 && len < size) {
        helper(self)->aux = VAL_TRUE;
        return buffer;
      }
      return VAL_HOLE;
    }
    /* the next window: a fresh array, so earlier results stay unchanged */
    uint32_t keep = (uint32_t)(len == size ? len - 1 : len), from = (uint32_t)len - keep;
    Value next = array_new(iso, 0);
    if (next == VAL_EXCEPTION) return next;
    for (uint32_t i = 0; i < keep; i++)
      if (array_push(iso, next, builtins_list_get(iso, buffer, from + i)) < 0) return VAL_EXCEPTION;
    if (array_push(iso, next, v) < 0) return VAL_EXCEPTION;
    h = helper(self);
    WRITE_FIELD(h, h->inner, next);
    if ((double)keep + 1 == size) {
      /* the yielded array is a copy: the window kept for the next step must not be the one
       * the caller may modify */
      Value out = array_new(iso, 0);
      if (out == VAL_EXCEPTION) return out;
      for (uint32_t i = 0; i <= keep; i++)
        if (array_push(iso, out, builtins_list_get(iso, next, i)) < 0) return VAL_EXCEPTION;
      return out;
    }
  }
}

/* ---- Dispatch from %IteratorHelperPrototype% ------------------------------------------------ */

Value iterator_ext_step(Isolate *iso, Value self) {
  switch (val_to_int(helper(self)->kind)) {
    case H_CONCAT: return concat_step(iso, self);
    case H_ZIP: return zip_step(iso, self);
    case H_CHUNKS: return chunks_step(iso, self);
    default: return windows_step(iso, self);
  }
}

/* In state ST_YIELD the closure resumes with a return completion: the object is "executing"
 * while it closes its iterators (a re-entrant return() is a TypeError), then completed. */
static Value ext_close(Isolate *iso, Value self, int state);
Value iterator_ext_return(Isolate *iso, Value self, int state) {
  if (state == ST_YIELD) helper(self)->state = val_from_int(ST_EXECUTING);
  Value r = ext_close(iso, self, state);
  helper(self)->state = val_from_int(ST_DONE);
  return r;
}

static Value ext_close(Isolate *iso, Value self, int state) {
  JSIteratorHelper *h = helper(self);
  switch (val_to_int(h->kind)) {
    case H_CONCAT:
      /* suspended-start: [[UnderlyingIterators]] is empty; suspended-yield: close the inner one */
      if (state == ST_YIELD && !val_is_undefined(h->inner)) {
        Value inner = h->inner;
        h->inner = VAL_UNDEFINED;
        if (builtins_iterator_close(iso, inner, false) < 0) return VAL_EXCEPTION;
      }
      break;
    case H_ZIP:
      if (close_all(iso, h->fn, false) < 0) return VAL_EXCEPTION;
      break;
    case H_CHUNKS:
      if (h->counter == val_from_int(1)) break; /* exhausted: nothing to close */
      if (builtins_iterator_close(iso, h->iterator, false) < 0) return VAL_EXCEPTION;
      break;
    default:
      if (h->aux == VAL_TRUE) break;
      if (builtins_iterator_close(iso, h->iterator, false) < 0) return VAL_EXCEPTION;
      break;
  }
  return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
}

/* ---- Iterator.prototype.includes / join ------------------------------------------------------ */

static Value proto_includes(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.includes");
  if (o == VAL_EXCEPTION) return o;
  Value search = call_arg(args, 0), skip_arg = call_arg(args, 1);
  double to_skip = 0;
  if (!val_is_undefined(skip_arg)) {
    double d = val_is_number(skip_arg) ? val_to_number_unchecked(skip_arg) : NAN;
    if (!val_is_number(skip_arg) || d != d || (!isinf(d) && trunc(d) != d)) {
      rt_throw_type_error(iso, "skippedElements must be an integer or Infinity");
      return close_on_error(iso, o);
    }
    to_skip = d;
  }
  if (to_skip < 0) {
    rt_throw_range_error(iso, "skippedElements must not be negative");
    return close_on_error(iso, o);
  }
  if (!isinf(to_skip) && to_skip > 9007199254740991.0) {
    rt_throw_range_error(iso, "skippedElements must not exceed 2^53 - 1");
    return close_on_error(iso, o);
  }
  IteratorRecord rec;
  if (iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  for (double skipped = 0;;) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) return VAL_FALSE;
    if (skipped < to_skip) {
      skipped++;
    } else if (rt_same_value_zero(v, search)) {
      if (builtins_iterator_close(iso, rec.iterator, false) < 0) return VAL_EXCEPTION;
      return VAL_TRUE;
    }
  }
}

static Value proto_join(Isolate *iso, const CallArgs *args) {
  Value o = require_object_this(iso, args, "Iterator.prototype.join");
  if (o == VAL_EXCEPTION) return o;
  Value sep_arg = call_arg(args, 0);
  Value sep;
  if (val_is_undefined(sep_arg)) {
    sep = str_intern_cstr(iso, ",");
  } else {
    sep = rt_to_string(iso, sep_arg);
    if (sep == VAL_EXCEPTION) return close_on_error(iso, o);
  }
  IteratorRecord rec;
  if (iterator_direct(iso, o, &rec) < 0) return VAL_EXCEPTION;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (bool first = true;; first = false) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) {
      sb_discard(&sb);
      return v;
    }
    if (v == VAL_HOLE) return sb_finish(&sb);
    if (!first) sb_append_string(&sb, sep);
    if (!val_is_nullish(v)) {
      Value s = rt_to_string(iso, v);
      if (s == VAL_EXCEPTION) {
        sb_discard(&sb);
        return close_on_error(iso, o);
      }
      sb_append_string(&sb, s);
    }
  }
}

int builtins_install_iterator_extras(Isolate *iso, Realm *realm) {
  Value iterator_name = key_from_cstr(iso, "Iterator");
  if (iterator_name == VAL_EXCEPTION) return -1;
  Value ctor = obj_get(iso, realm->global_object, iterator_name, realm->global_object);
  if (ctor == VAL_EXCEPTION) return -1;
  Value proto = realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE];
  if (builtins_def_method(iso, ctor, "concat", iterator_concat, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "zip", iterator_zip, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "zipKeyed", iterator_zip_keyed, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "chunks", proto_chunks, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "windows", proto_windows, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "includes", proto_includes, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "join", proto_join, 1, 0) == VAL_EXCEPTION) return -1;
  return 0;
}
