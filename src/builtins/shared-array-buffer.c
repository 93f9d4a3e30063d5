/*
 * SharedArrayBuffer (ECMA-262 25.2): a JSArrayBuffer whose bytes are a reference-counted
 * SharedStore that several isolates (threads) may hold at once. The object layout and type are
 * ArrayBuffer's, so typed arrays and DataViews work over either without a second code path;
 * the `shared` field tells them apart. A growable buffer reserves its maximum size up front:
 * the bytes never move, and growth only publishes a larger byte_length (compare-and-swap), so a
 * thread reading through a view never races with a reallocation.
 */
#include <stdlib.h>
#include <string.h>

#include "builtins/array-buffer.h"
#include "builtins/object-helpers.h"

/* The largest buffer we allocate, as for ArrayBuffer. */
#define SAB_MAX_LENGTH ((size_t)1 << 32)

SharedStore *shared_store_new(size_t length, size_t max_length, bool growable) {
  SharedStore *s = malloc(sizeof *s);
  if (s == NULL) return NULL;
  size_t reserve = growable ? max_length : length;
  /* calloc: the spec's zero-filled bytes; for a large reservation the pages stay untouched. */
  s->data = reserve ? calloc(1, reserve) : NULL;
  if (reserve && s->data == NULL) {
    free(s);
    return NULL;
  }
  atomic_init(&s->refcount, 1);
  atomic_init(&s->byte_length, length);
  s->max_byte_length = growable ? max_length : length;
  s->growable = growable;
  return s;
}

void shared_store_retain(SharedStore *s) { atomic_fetch_add_explicit(&s->refcount, 1, memory_order_relaxed); }

void shared_store_release(SharedStore *s) {
  if (atomic_fetch_sub_explicit(&s->refcount, 1, memory_order_acq_rel) == 1) {
    free(s->data);
    free(s);
  }
}

/* Wraps `store` (whose reference the new object takes over) in an object with prototype `proto`. */
static Value sab_wrap(Isolate *iso, Value proto, SharedStore *store) {
  Value buf = obj_new_with_type(iso, IT_JS_ARRAY_BUFFER, sizeof(JSArrayBuffer), proto);
  if (buf == VAL_EXCEPTION) {
    shared_store_release(store);
    return buf;
  }
  JSArrayBuffer *ab = js_array_buffer(buf);
  ab->detach_key = VAL_UNDEFINED;
  ab->data = store->data;
  ab->byte_length = atomic_load(&store->byte_length);
  ab->max_byte_length = store->max_byte_length;
  ab->resizable = store->growable;
  ab->unwritable = 0; /* neither detached nor immutable */
  ab->shared = store;
  return buf;
}

Value shared_array_buffer_from_store(Isolate *iso, SharedStore *store) {
  shared_store_retain(store);
  return sab_wrap(iso, intrinsic(iso, INTRINSIC_SHARED_ARRAY_BUFFER_PROTOTYPE), store);
}

/* AllocateSharedArrayBuffer once the prototype is known; max < 0: not growable. */
static Value sab_allocate(Isolate *iso, Value proto, double length, double max) {
  if (length > (double)SAB_MAX_LENGTH || max > (double)SAB_MAX_LENGTH)
    return rt_throw_range_error(iso, "Array buffer allocation failed");
  SharedStore *store = shared_store_new((size_t)length, max >= 0 ? (size_t)max : (size_t)length, max >= 0);
  if (store == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
  return sab_wrap(iso, proto, store);
}


static Value sab_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED)
    return rt_throw_type_error(iso, "Constructor SharedArrayBuffer requires 'new'");
  double length;
  if (rt_to_index(iso, call_arg(args, 0), &length) < 0) return VAL_EXCEPTION;
  double max;
  if (array_buffer_max_length_option(iso, call_arg(args, 1), &max) < 0) return VAL_EXCEPTION;
  if (max >= 0 && length > max) return rt_throw_range_error(iso, "Invalid array buffer length");
  Value proto =
      rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_SHARED_ARRAY_BUFFER_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return sab_allocate(iso, proto, length, max);
}

static Value sab_species(Isolate *iso, const CallArgs *args) { return args->this_val; }

static Value sab_byte_length(Isolate *iso, const CallArgs *args) {
  if (!array_buffer_is_shared(args->this_val))
    return builtins_throw_incompatible_receiver(iso, "SharedArrayBuffer.prototype.byteLength", args->this_val);
  return val_from_number((double)array_buffer_byte_length(js_array_buffer(args->this_val)));
}

static Value sab_growable(Isolate *iso, const CallArgs *args) {
  if (!array_buffer_is_shared(args->this_val))
    return builtins_throw_incompatible_receiver(iso, "SharedArrayBuffer.prototype.growable", args->this_val);
  return val_from_bool(js_array_buffer(args->this_val)->shared->growable);
}

static Value sab_max_byte_length(Isolate *iso, const CallArgs *args) {
  if (!array_buffer_is_shared(args->this_val))
    return builtins_throw_incompatible_receiver(iso, "SharedArrayBuffer.prototype.maxByteLength", args->this_val);
  JSArrayBuffer *ab = js_array_buffer(args->this_val);
  return val_from_number((double)(ab->shared->growable ? ab->shared->max_byte_length : array_buffer_byte_length(ab)));
}

static Value sab_grow(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!array_buffer_is_shared(o) || !js_array_buffer(o)->shared->growable)
    return builtins_throw_incompatible_receiver(iso, "SharedArrayBuffer.prototype.grow", o);
  double new_len;
  if (rt_to_index(iso, call_arg(args, 0), &new_len) < 0) return VAL_EXCEPTION;
  SharedStore *s = js_array_buffer(o)->shared;
  if (new_len > (double)s->max_byte_length)
    return rt_throw_range_error(iso, "SharedArrayBuffer.prototype.grow: Invalid length parameter");
  size_t want = (size_t)new_len;
  size_t cur = atomic_load(&s->byte_length);
  for (;;) {
    if (want < cur) return rt_throw_range_error(iso, "SharedArrayBuffer.prototype.grow: Invalid length parameter");
    if (want == cur) return VAL_UNDEFINED;
    /* The reserved bytes past the old length are still zero: nothing ever wrote them. */
    if (atomic_compare_exchange_weak(&s->byte_length, &cur, want)) break;
  }
  js_array_buffer(o)->byte_length = want;
  return VAL_UNDEFINED;
}

/* SpeciesConstructor(O, %SharedArrayBuffer%). */
static Value sab_species_constructor(Isolate *iso, Value o) {
  Value dflt = intrinsic(iso, INTRINSIC_SHARED_ARRAY_BUFFER);
  Value c = rt_get(iso, o, NAME(iso, constructor));
  if (c == VAL_EXCEPTION) return c;
  if (c == VAL_UNDEFINED) return dflt;
  if (!val_is_object(c)) return rt_throw_type_error(iso, "The .constructor property is not an object");
  Value sp = rt_get(iso, c, sym_well_known(iso, WKS_SPECIES));
  if (sp == VAL_EXCEPTION) return sp;
  if (val_is_nullish(sp)) return dflt;
  if (val_is_constructor(sp)) return sp;
  return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
}

static Value sab_slice(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!array_buffer_is_shared(o)) return builtins_throw_incompatible_receiver(iso, "SharedArrayBuffer.prototype.slice", o);
  double len = (double)array_buffer_byte_length(js_array_buffer(o));
  double first, final;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &first) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, len, &final) < 0) return VAL_EXCEPTION;
  double new_len = final - first > 0 ? final - first : 0;
  Value c = sab_species_constructor(iso, o);
  if (c == VAL_EXCEPTION) return c;
  Value n = val_from_number(new_len);
  Value result = rt_construct(iso, c, 1, &n, c);
  if (result == VAL_EXCEPTION) return result;
  if (!array_buffer_is_shared(result))
    return rt_throw_type_error(iso, "SharedArrayBuffer subclass returned a non-shared buffer from species constructor");
  if (js_array_buffer(result)->shared == js_array_buffer(o)->shared)
    return rt_throw_type_error(iso, "SharedArrayBuffer subclass returned this from species constructor");
  if ((double)array_buffer_byte_length(js_array_buffer(result)) < new_len)
    return rt_throw_type_error(iso, "Species constructor returned a too-small SharedArrayBuffer");
  /* Shared buffers never shrink, so the source still holds [first, first + new_len). */
  if (new_len > 0)
    memmove(js_array_buffer(result)->data, js_array_buffer(o)->data + (size_t)first, (size_t)new_len);
  return result;
}

int builtins_install_shared_array_buffer(Isolate *iso, Realm *realm) {
  /* The heap type (IT_JS_ARRAY_BUFFER, its visitor and finalizer) is ArrayBuffer's. */
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "SharedArrayBuffer", sab_constructor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SHARED_ARRAY_BUFFER], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SHARED_ARRAY_BUFFER_PROTOTYPE], proto);
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), sab_species, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;
  static const struct {
    const char *name;
    NativeFunction getter;
  } getters[] = {
      {"byteLength", sab_byte_length},
      {"growable", sab_growable},
      {"maxByteLength", sab_max_byte_length},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(getters); i++)
    if (builtins_def_getter_named(iso, proto, getters[i].name, getters[i].getter) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "grow", sab_grow, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, proto, "slice", sab_slice, 2, 0) == VAL_EXCEPTION)
    return -1;
  Value tag = str_from_cstr(iso, "SharedArrayBuffer");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
