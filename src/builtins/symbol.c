/* The Symbol constructor, Symbol.for/keyFor, the well-known symbols and Symbol.prototype
 * (ECMA-262 20.4). */
#include "builtins/object-helpers.h"
#include "objects/js-object.h"

static Value symbol_ctor(Isolate *iso, const CallArgs *args) {
  if (!val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Symbol is not a constructor");
  Value d = call_arg(args, 0);
  if (!val_is_undefined(d)) {
    d = rt_to_string(iso, d);
    if (d == VAL_EXCEPTION) return d;
  }
  return sym_new(iso, d);
}

static Value symbol_for(Isolate *iso, const CallArgs *args) {
  Value k = rt_to_string(iso, call_arg(args, 0));
  if (k == VAL_EXCEPTION) return k;
  return sym_for(iso, k);
}

static Value symbol_key_for(Isolate *iso, const CallArgs *args) {
  Value s = call_arg(args, 0);
  if (!val_is_symbol(s)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a symbol", builtins_describe(iso, s, buf, sizeof buf));
  }
  return sym_key_for(iso, s);
}

/* thisSymbolValue(this), with V8's message naming the method. */
static Value this_symbol(Isolate *iso, Value v, const char *method) {
  if (val_is_symbol(v)) return v;
  Value p = builtins_wrapper_value(v);
  if (val_is_symbol(p)) return p;
  return rt_throw_type_error(iso, "%s requires that 'this' be a Symbol", method);
}

/* SymbolDescriptiveString(sym). */
Value builtins_symbol_descriptive_string(Isolate *iso, Value sym) {
  Value d = sym_description(sym);
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "Symbol(");
  if (!val_is_undefined(d)) sb_append_string(&sb, d);
  sb_append_unit(&sb, ')');
  return sb_finish(&sb);
}

static Value symbol_proto_to_string(Isolate *iso, const CallArgs *args) {
  Value s = this_symbol(iso, args->this_val, "Symbol.prototype.toString");
  if (s == VAL_EXCEPTION) return s;
  return builtins_symbol_descriptive_string(iso, s);
}

static Value symbol_proto_value_of(Isolate *iso, const CallArgs *args) {
  return this_symbol(iso, args->this_val, "Symbol.prototype.valueOf");
}

static Value symbol_proto_to_primitive(Isolate *iso, const CallArgs *args) {
  return this_symbol(iso, args->this_val, "Symbol.prototype [ @@toPrimitive ]");
}

static Value symbol_proto_description(Isolate *iso, const CallArgs *args) {
  Value s = this_symbol(iso, args->this_val, "Symbol.prototype.description");
  if (s == VAL_EXCEPTION) return s;
  return sym_description(s);
}

int builtins_install_symbol(Isolate *iso, Realm *realm) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "Symbol", symbol_ctor, 0, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SYMBOL], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SYMBOL_PROTOTYPE], proto);

  if (builtins_def_method(iso, ctor, "for", symbol_for, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "keyFor", symbol_key_for, 1, 0) == VAL_EXCEPTION) return -1;
  static const char *const names[] = {
#define PT_WKS_NAME(id, desc) desc,
      PT_WELL_KNOWN_SYMBOLS(PT_WKS_NAME)
#undef PT_WKS_NAME
  };
  for (int i = 0; i < WKS_COUNT; i++) {
    /* "Symbol.iterator" -> the property "iterator" */
    if (builtins_def_value(iso, ctor, names[i] + 7, sym_well_known(iso, (WellKnownSymbol)i), 0) < 0) return -1;
  }

  if (builtins_def_method(iso, proto, "toString", symbol_proto_to_string, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, proto, "valueOf", symbol_proto_value_of, 0, 0) == VAL_EXCEPTION) return -1;
  Value desc_key = key_from_cstr(iso, "description");
  if (desc_key == VAL_EXCEPTION) return -1;
  if (builtins_def_getter(iso, proto, desc_key, symbol_proto_description, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;
  if (builtins_def_method_key(iso, proto, sym_well_known(iso, WKS_TO_PRIMITIVE), symbol_proto_to_primitive, 1,
                              0, ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), str_intern_cstr(iso, "Symbol"),
                     ATTR_CONFIGURABLE) < 0)
    return -1;
  return 0;
}
