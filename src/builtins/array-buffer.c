/*
 * ArrayBuffer (ECMA-262 25.1): fixed-length buffers whose bytes live in C memory, detaching
 * (for $262.detachArrayBuffer, transfer and the embedder), slice with species, isView, and
 * resizable buffers (maxByteLength, resize), and immutable buffers (the TC39 immutable-ArrayBuffer
 * proposal: immutable, transferToImmutable, sliceToImmutable). SharedArrayBuffer shares this object
 * layout (shared-array-buffer.c) and is rejected by every ArrayBuffer.prototype method.
 *
 * An immutable buffer is an ordinary fixed-length JSArrayBuffer with `immutable` set: its bytes
 * are written once, when it is created, and every writer (typed arrays, DataView, Atomics, the
 * interpreter's element stores) refuses it; it can never be detached, so its views never go
 * out of bounds.
 */
#include "builtins/array-buffer.h"

#include <stdlib.h>

#include "builtins/object-helpers.h"
#include "execution/isolate-control.h"

/* The largest buffer we allocate: beyond it, RangeError rather than asking the OS. */
#define AB_MAX_LENGTH ((size_t)1 << 32)

static void ab_visit(HeapObject *obj, HeapVisitor *v) {
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &((JSArrayBuffer *)obj)->detach_key);
}

static uint8_t *ab_bytes_alloc(const ArrayBufferAllocator *a, size_t n) {
  return a ? a->allocate(a->data, n) : calloc(1, n);
}

static void ab_bytes_free(const ArrayBufferAllocator *a, void *bytes, size_t n) {
  if (bytes == NULL) return;
  if (a) a->free(a->data, bytes, n);
  else free(bytes);
}

/* Releases the bytes: a shared store's reference, the embedder's callback for external memory,
 * else free(). */
static void ab_release_data(JSArrayBuffer *ab) {
  if (ab->shared) {
    shared_store_release(ab->shared);
    ab->shared = NULL;
  } else if (ab->free_cb) {
    void (*cb)(void *, size_t, void *) = ab->free_cb;
    ab->free_cb = NULL;
    cb(ab->data, ab->byte_length, ab->free_param);
  } else {
    ab_bytes_free(ab->allocator, ab->data, ab->byte_length);
  }
  ab->data = NULL;
}

static void ab_finalize(HeapObject *obj) { ab_release_data((JSArrayBuffer *)obj); }

/* AllocateArrayBuffer(constructor, byteLength[, maxByteLength]) once the prototype is known
 * (the spec reads it first, so a throwing `prototype` getter wins over a RangeError). `max` < 0
 * means a fixed-length buffer. */
static Value ab_allocate(Isolate *iso, Value proto, double length, double max) {
  if (length > (double)AB_MAX_LENGTH || max > (double)AB_MAX_LENGTH)
    return rt_throw_range_error(iso, "Array buffer allocation failed");
  size_t n = (size_t)length;
  const ArrayBufferAllocator *allocator = iso->control->array_buffer_allocator;
  uint8_t *data = NULL;
  if (n > 0) {
    data = ab_bytes_alloc(allocator, n);
    if (data == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
  }
  Value buf = obj_new_with_type(iso, IT_JS_ARRAY_BUFFER, sizeof(JSArrayBuffer), proto);
  if (buf == VAL_EXCEPTION) {
    ab_bytes_free(allocator, data, n);
    return buf;
  }
  JSArrayBuffer *ab = js_array_buffer(buf);
  ab->allocator = allocator;
  ab->detach_key = VAL_UNDEFINED;
  ab->data = data;
  ab->byte_length = n;
  ab->resizable = max >= 0;
  ab->max_byte_length = max >= 0 ? (size_t)max : n;
  ab->unwritable = 0; /* neither detached nor immutable */
  ab->free_cb = NULL;
  ab->free_param = NULL;
  ab->shared = NULL;
  return buf;
}

Value array_buffer_new(Isolate *iso, size_t length) {
  return ab_allocate(iso, intrinsic(iso, INTRINSIC_ARRAY_BUFFER_PROTOTYPE), (double)length, -1);
}

static void ab_keep_data(void *data, size_t length, void *param) { (void)data, (void)length, (void)param; }

Value array_buffer_new_external(Isolate *iso, void *data, size_t length,
                                void (*free_cb)(void *data, size_t length, void *param), void *param) {
  Value buf = ab_allocate(iso, intrinsic(iso, INTRINSIC_ARRAY_BUFFER_PROTOTYPE), 0, -1);
  if (buf == VAL_EXCEPTION) return buf;
  JSArrayBuffer *ab = js_array_buffer(buf);
  ab->data = data;
  ab->byte_length = ab->max_byte_length = length;
  ab->free_cb = free_cb ? free_cb : ab_keep_data; /* never free() the embedder's memory */
  ab->free_param = param;
  return buf;
}

int array_buffer_detach(Isolate *iso, Value buffer, Value key) {
  JSArrayBuffer *ab = js_array_buffer(buffer);
  if (ab->shared) {
    rt_throw_type_error(iso, "Cannot detach a SharedArrayBuffer");
    return -1;
  }
  if (ab->immutable) {
    rt_throw_type_error(iso, "Cannot detach an immutable ArrayBuffer");
    return -1;
  }
  if (!rt_same_value(ab->detach_key, key)) {
    rt_throw_type_error(iso, "Cannot detach ArrayBuffer: wrong detach key");
    return -1;
  }
  ab_release_data(ab);
  ab->byte_length = 0;
  ab->detached = true;
  return 0;
}

/* RequireInternalSlot(O, [[ArrayBufferData]]) plus IsSharedArrayBuffer(O) false. */
static inline bool ab_is_plain(Value v) { return array_buffer_is(v) && !js_array_buffer(v)->shared; }


int array_buffer_max_length_option(Isolate *iso, Value options, double *max) {
  *max = -1;
  if (!val_is_object(options)) return 0;
  Value m = rt_get_str(iso, options, "maxByteLength");
  if (m == VAL_EXCEPTION) return -1;
  return m == VAL_UNDEFINED ? 0 : rt_to_index(iso, m, max);
}

static Value ab_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED)
    return rt_throw_type_error(iso, "Constructor ArrayBuffer requires 'new'");
  double length;
  if (rt_to_index(iso, call_arg(args, 0), &length) < 0) return VAL_EXCEPTION;
  double max;
  if (array_buffer_max_length_option(iso, call_arg(args, 1), &max) < 0) return VAL_EXCEPTION;
  if (max >= 0 && length > max) return rt_throw_range_error(iso, "Invalid array buffer length");
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_ARRAY_BUFFER_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return ab_allocate(iso, proto, length, max);
}

static Value ab_is_view(Isolate *iso, const CallArgs *args) {
  Value v = call_arg(args, 0);
  if (!val_is_pointer(v)) return VAL_FALSE;
  InstanceType t = val_instance_type(v);
  return val_from_bool(t == IT_JS_TYPED_ARRAY || t == IT_JS_DATA_VIEW);
}

static Value ab_species(Isolate *iso, const CallArgs *args) { return args->this_val; }

static Value ab_byte_length(Isolate *iso, const CallArgs *args) {
  if (!ab_is_plain(args->this_val)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.byteLength", args->this_val);
  return val_from_number((double)js_array_buffer(args->this_val)->byte_length);
}

static Value ab_max_byte_length(Isolate *iso, const CallArgs *args) {
  if (!ab_is_plain(args->this_val))
    return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.maxByteLength", args->this_val);
  if (js_array_buffer(args->this_val)->detached) return val_from_int(0);
  return val_from_number((double)js_array_buffer(args->this_val)->max_byte_length);
}

static Value ab_resizable(Isolate *iso, const CallArgs *args) {
  if (!ab_is_plain(args->this_val)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.resizable", args->this_val);
  return val_from_bool(js_array_buffer(args->this_val)->resizable);
}

static Value ab_immutable(Isolate *iso, const CallArgs *args) {
  if (!ab_is_plain(args->this_val)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.immutable", args->this_val);
  return val_from_bool(js_array_buffer(args->this_val)->immutable);
}

static Value ab_detached(Isolate *iso, const CallArgs *args) {
  if (!ab_is_plain(args->this_val)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.detached", args->this_val);
  return val_from_bool(js_array_buffer(args->this_val)->detached);
}

/* SpeciesConstructor(O, %ArrayBuffer%). */
static Value ab_species_constructor(Isolate *iso, Value o) {
  Value dflt = intrinsic(iso, INTRINSIC_ARRAY_BUFFER);
  Value c = rt_get(iso, o, NAME(iso, constructor));
  if (c == VAL_EXCEPTION) return c;
  if (c == VAL_UNDEFINED) return dflt;
  if (!val_is_object(c)) return rt_throw_type_error(iso, "The .constructor property is not an object");
  Value s = rt_get(iso, c, sym_well_known(iso, WKS_SPECIES));
  if (s == VAL_EXCEPTION) return s;
  if (val_is_nullish(s)) return dflt;
  if (val_is_constructor(s)) return s;
  return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
}

static Value ab_slice(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!ab_is_plain(o)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.slice", o);
  if (js_array_buffer(o)->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
  double len = (double)js_array_buffer(o)->byte_length;
  double first, final;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &first) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, len, &final) < 0) return VAL_EXCEPTION;
  double new_len = final - first > 0 ? final - first : 0;
  Value c = ab_species_constructor(iso, o);
  if (c == VAL_EXCEPTION) return c;
  Value n = val_from_number(new_len);
  Value result = rt_construct(iso, c, 1, &n, c);
  if (result == VAL_EXCEPTION) return result;
  if (!ab_is_plain(result))
    return rt_throw_type_error(iso, "ArrayBuffer subclass returned this from species constructor");
  if (js_array_buffer(result)->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
  if (js_array_buffer(result)->immutable)
    return rt_throw_type_error(iso, "ArrayBuffer subclass returned an immutable ArrayBuffer from species constructor");
  if (result == o) return rt_throw_type_error(iso, "ArrayBuffer subclass returned this from species constructor");
  if ((double)js_array_buffer(result)->byte_length < new_len)
    return rt_throw_type_error(iso, "Species constructor returned a too-small ArrayBuffer");
  /* The species constructor may have detached the source. */
  if (js_array_buffer(o)->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
  /* ...or (once resizable buffers exist) shrunk it: copy only what is still there. */
  double cur = (double)js_array_buffer(o)->byte_length;
  double count = first >= cur ? 0 : (first + new_len > cur ? cur - first : new_len);
  if (count > 0) memcpy(js_array_buffer(result)->data, js_array_buffer(o)->data + (size_t)first, (size_t)count);
  return result;
}

/* Which ArrayBufferCopyAndDetach a transfer method is (its function magic). */
enum { AB_TRANSFER_PRESERVE, AB_TRANSFER_FIXED, AB_TRANSFER_IMMUTABLE };

/* ArrayBufferCopyAndDetach: transfer (keeps resizability), transferToFixedLength and
 * transferToImmutable. */
static Value ab_transfer(Isolate *iso, const CallArgs *args) {
  int mode = function_magic(args->callee);
  bool fixed = mode != AB_TRANSFER_PRESERVE, to_immutable = mode == AB_TRANSFER_IMMUTABLE;
  static const char *const names[] = {"ArrayBuffer.prototype.transfer", "ArrayBuffer.prototype.transferToFixedLength",
                                      "ArrayBuffer.prototype.transferToImmutable"};
  Value o = args->this_val;
  if (!ab_is_plain(o)) return builtins_throw_incompatible_receiver(iso, names[mode], o);
  double new_len;
  if (call_arg(args, 0) == VAL_UNDEFINED) {
    new_len = (double)js_array_buffer(o)->byte_length;
  } else if (rt_to_index(iso, call_arg(args, 0), &new_len) < 0) {
    return VAL_EXCEPTION;
  }
  JSArrayBuffer *src = js_array_buffer(o);
  if (src->detached) return rt_throw_type_error(iso, "Cannot perform %s on a detached ArrayBuffer", names[mode]);
  if (src->immutable) return rt_throw_type_error(iso, "Cannot perform %s on an immutable ArrayBuffer", names[mode]);
  double max = (!fixed && src->resizable) ? (double)src->max_byte_length : -1;
  if (!rt_same_value(src->detach_key, VAL_UNDEFINED))
    return rt_throw_type_error(iso, "Cannot transfer a non-detachable ArrayBuffer");
  if (max >= 0 && new_len > max) return rt_throw_range_error(iso, "Invalid array buffer length");
  Value result = ab_allocate(iso, intrinsic(iso, INTRINSIC_ARRAY_BUFFER_PROTOTYPE), 0, max);
  if (result == VAL_EXCEPTION) return result;
  if (new_len > (double)AB_MAX_LENGTH) return rt_throw_range_error(iso, "Array buffer allocation failed");
  src = js_array_buffer(o);
  JSArrayBuffer *dst = js_array_buffer(result);
  size_t n = (size_t)new_len;
  if (n == src->byte_length) {
    dst->data = src->data; /* move the bytes: no copy */
    dst->free_cb = src->free_cb; /* and who releases them */
    dst->free_param = src->free_param;
    dst->allocator = src->allocator;
    src->data = NULL;
    src->free_cb = NULL;
  } else if (n > 0) {
    uint8_t *data = ab_bytes_alloc(dst->allocator, n);
    if (data == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
    if (src->data) memcpy(data, src->data, n < src->byte_length ? n : src->byte_length);
    dst->data = data;
  }
  dst->byte_length = n;
  if (max < 0) dst->max_byte_length = n;
  if (array_buffer_detach(iso, o, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
  dst->immutable = to_immutable; /* only now: the copy above was its one write */
  return result;
}

/* ArrayBuffer.prototype.sliceToImmutable(start, end): a new immutable buffer holding a copy of
 * bytes [first, final) of this one. Unlike slice there is no species constructor, and a receiver
 * that shrank below `final` while the arguments were converted is a RangeError, not a short copy. */
static Value ab_slice_to_immutable(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!ab_is_plain(o)) return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.sliceToImmutable", o);
  if (js_array_buffer(o)->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.sliceToImmutable on a detached ArrayBuffer");
  double len = (double)js_array_buffer(o)->byte_length;
  double first, final;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &first) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, len, &final) < 0) return VAL_EXCEPTION;
  double new_len = final - first > 0 ? final - first : 0;
  /* The conversions may have detached or resized the receiver. */
  if (js_array_buffer(o)->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.sliceToImmutable on a detached ArrayBuffer");
  if ((double)js_array_buffer(o)->byte_length < final)
    return rt_throw_range_error(iso, "ArrayBuffer.prototype.sliceToImmutable: the ArrayBuffer shrank below the end of the slice");
  Value result = ab_allocate(iso, intrinsic(iso, INTRINSIC_ARRAY_BUFFER_PROTOTYPE), new_len, -1);
  if (result == VAL_EXCEPTION) return result;
  if (new_len > 0) memcpy(js_array_buffer(result)->data, js_array_buffer(o)->data + (size_t)first, (size_t)new_len);
  js_array_buffer(result)->immutable = true;
  return result;
}

static Value ab_resize(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!ab_is_plain(o) || !js_array_buffer(o)->resizable)
    return builtins_throw_incompatible_receiver(iso, "ArrayBuffer.prototype.resize", o);
  double new_len;
  if (rt_to_index(iso, call_arg(args, 0), &new_len) < 0) return VAL_EXCEPTION;
  JSArrayBuffer *ab = js_array_buffer(o);
  if (ab->detached)
    return rt_throw_type_error(iso, "Cannot perform ArrayBuffer.prototype.resize on a detached ArrayBuffer");
  if (new_len > (double)ab->max_byte_length)
    return rt_throw_range_error(iso, "ArrayBuffer.prototype.resize: Invalid length parameter");
  size_t n = (size_t)new_len;
  if (n == 0) {
    ab_bytes_free(ab->allocator, ab->data, ab->byte_length);
    ab->data = NULL;
  } else if (ab->allocator) {
    /* The embedder's allocator has no realloc: move to a new block. */
    uint8_t *data = ab_bytes_alloc(ab->allocator, n);
    if (data == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
    if (ab->data) memcpy(data, ab->data, n < ab->byte_length ? n : ab->byte_length);
    ab_bytes_free(ab->allocator, ab->data, ab->byte_length);
    ab->data = data;
  } else {
    uint8_t *data = realloc(ab->data, n);
    if (data == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
    if (n > ab->byte_length) memset(data + ab->byte_length, 0, n - ab->byte_length);
    ab->data = data;
  }
  ab->byte_length = n;
  return VAL_UNDEFINED;
}

int builtins_install_array_buffer(Isolate *iso, Realm *realm) {
  heap_register_type(IT_JS_ARRAY_BUFFER, obj_js_object_size, ab_visit, ab_finalize);
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "ArrayBuffer", ab_constructor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_BUFFER], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_BUFFER_PROTOTYPE], proto);
  if (builtins_def_method(iso, ctor, "isView", ab_is_view, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), ab_species, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;
  static const struct {
    const char *name;
    NativeFunction getter;
  } getters[] = {
      {"byteLength", ab_byte_length},
      {"maxByteLength", ab_max_byte_length},
      {"resizable", ab_resizable},
      {"detached", ab_detached},
      {"immutable", ab_immutable},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(getters); i++)
    if (builtins_def_getter_named(iso, proto, getters[i].name, getters[i].getter) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "slice", ab_slice, 2, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "resize", ab_resize, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "transfer", ab_transfer, 0, AB_TRANSFER_PRESERVE) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "transferToFixedLength", ab_transfer, 0, AB_TRANSFER_FIXED) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "transferToImmutable", ab_transfer, 0, AB_TRANSFER_IMMUTABLE) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "sliceToImmutable", ab_slice_to_immutable, 2, 0) == VAL_EXCEPTION)
    return -1;
  Value tag = str_from_cstr(iso, "ArrayBuffer");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
