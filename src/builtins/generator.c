/*
 * The `generator` family: %GeneratorFunction%, %GeneratorFunction.prototype%,
 * %GeneratorPrototype% (next / return / throw) and the global `eval` function.
 */
#include "builtins/object-helpers.h"
#include "builtins/iterator.h"
#include "interpreter/compiler.h"
#include "interpreter/function-data.h"

Value interp_resume_generator(Isolate *iso, Value generator);
int builtins_install_generator(Isolate *iso, Realm *realm);

/* GeneratorResume / GeneratorResumeAbrupt. */
static Value generator_resume(Isolate *iso, const CallArgs *args, int mode, const char *method) {
  Value g = args->this_val;
  if (!val_is_pointer(g) || heap_object_type(val_to_ptr(g)) != IT_JS_GENERATOR)
    return rt_throw_type_error(iso, "%s method called on incompatible receiver", method);
  JSGenerator *gen = (JSGenerator *)val_to_ptr(g);
  Value v = call_arg(args, 0);
  int state = val_to_int(gen->state);
  if (state == GEN_EXECUTING) return rt_throw_type_error(iso, "Generator is already running");
  if (state == GEN_SUSPENDED_START && mode != GEN_RESUME_NEXT) {
    gen->state = val_from_int(GEN_COMPLETED);
    state = GEN_COMPLETED;
  }
  if (state == GEN_COMPLETED) {
    if (mode == GEN_RESUME_THROW) return isolate_throw(iso, v);
    return builtins_create_iter_result(iso, mode == GEN_RESUME_RETURN ? v : VAL_UNDEFINED, true);
  }
  WRITE_FIELD(gen, gen->input, v);
  gen->resume_mode = val_from_int(mode);
  gen->state = val_from_int(GEN_EXECUTING);
  Value r = interp_resume_generator(iso, g);
  if (r == VAL_EXCEPTION) return r;
  gen = (JSGenerator *)val_to_ptr(g);
  if (val_to_int(gen->state) == GEN_COMPLETED) {
    WRITE_FIELD(gen, gen->registers, VAL_UNDEFINED);
    return builtins_create_iter_result(iso, r, true);
  }
  return r; /* already an iterator result object */
}

static Value generator_next(Isolate *iso, const CallArgs *args) {
  return generator_resume(iso, args, GEN_RESUME_NEXT, "Generator.prototype.next");
}
static Value generator_return(Isolate *iso, const CallArgs *args) {
  return generator_resume(iso, args, GEN_RESUME_RETURN, "Generator.prototype.return");
}
static Value generator_throw(Isolate *iso, const CallArgs *args) {
  return generator_resume(iso, args, GEN_RESUME_THROW, "Generator.prototype.throw");
}

static Value generator_function_ctor(Isolate *iso, const CallArgs *args) {
  return compiler_create_dynamic_function(iso, 1, args->argc, args->argv, args->new_target);
}

/* The global eval function: an indirect eval (direct eval never calls it). */
static Value global_eval(Isolate *iso, const CallArgs *args) {
  return compiler_eval(iso, call_arg(args, 0), false, false, VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED,
                       VAL_UNDEFINED);
}

static void set_intrinsic(Realm *realm, Intrinsic i, Value v) { WRITE_FIELD(realm, realm->intrinsics[i], v); }

int builtins_install_generator(Isolate *iso, Realm *realm) {
  interp_register_types();
  Value tag = sym_well_known(iso, WKS_TO_STRING_TAG);
  Value iter_proto = realm_intrinsic(realm, INTRINSIC_ITERATOR_PROTOTYPE);
  if (!val_is_object(iter_proto)) iter_proto = realm_intrinsic(realm, INTRINSIC_OBJECT_PROTOTYPE);
  Value gen_proto = obj_new(iso, iter_proto);
  if (gen_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_GENERATOR_PROTOTYPE, gen_proto);
  if (builtins_def_method(iso, gen_proto, "next", generator_next, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, gen_proto, "return", generator_return, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, gen_proto, "throw", generator_throw, 1, 0) == VAL_EXCEPTION) return -1;
  Value s = str_intern_cstr(iso, "Generator");
  if (s == VAL_EXCEPTION || rt_define_data(iso, gen_proto, tag, s, ATTR_CONFIGURABLE) < 0) return -1;

  Value gf_proto = obj_new(iso, realm_intrinsic(realm, INTRINSIC_FUNCTION_PROTOTYPE));
  if (gf_proto == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_GENERATOR_FUNCTION_PROTOTYPE, gf_proto);
  if (rt_define_data(iso, gf_proto, NAME(iso, prototype), gen_proto, ATTR_CONFIGURABLE) < 0) return -1;
  if (rt_define_data(iso, gen_proto, NAME(iso, constructor), gf_proto, ATTR_CONFIGURABLE) < 0) return -1;
  s = str_intern_cstr(iso, "GeneratorFunction");
  if (s == VAL_EXCEPTION || rt_define_data(iso, gf_proto, tag, s, ATTR_CONFIGURABLE) < 0) return -1;

  Value function_ctor = realm_intrinsic(realm, INTRINSIC_FUNCTION);
  Value ctor_proto = val_is_object(function_ctor) ? function_ctor : realm_intrinsic(realm, INTRINSIC_FUNCTION_PROTOTYPE);
  Value gf_name = key_from_cstr(iso, "GeneratorFunction");
  if (gf_name == VAL_EXCEPTION) return -1;
  Value gf = function_new_native_with_proto(iso, gf_name, 1, generator_function_ctor, 0,
                                            FUNC_CONSTRUCTOR, ctor_proto);
  if (gf == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_GENERATOR_FUNCTION, gf);
  if (rt_define_data(iso, gf, NAME(iso, prototype), gf_proto, 0) < 0) return -1;
  if (rt_define_data(iso, gf_proto, NAME(iso, constructor), gf, ATTR_CONFIGURABLE) < 0) return -1;

  Value ev = builtins_def_method(iso, realm->global_object, "eval", global_eval, 1, 0);
  if (ev == VAL_EXCEPTION) return -1;
  set_intrinsic(realm, INTRINSIC_EVAL, ev);
  return 0;
}
