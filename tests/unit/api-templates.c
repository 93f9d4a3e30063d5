/* The public C API's templates: object templates (values, accessors, function templates, internal
 * fields), function templates (callback data, receiver, new.target, instance and prototype
 * templates, inheritance, class name, length, prototype options, the function per context),
 * callback-info conveniences. Uses only petrel.h, as an embedder would. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

static petrel_value *eval(const char *source) {
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result = NULL;
  if (!petrel_eval(ctx, source, (size_t)-1, "templates.js", &result)) {
    petrel_value *e = petrel_try_catch_exception(&tc);
    petrel_value *s;
    char buf[256] = "?";
    if (e && petrel_value_to_string(ctx, e, &s)) petrel_string_write_utf8(iso, s, buf, sizeof buf);
    fprintf(stderr, "eval failed: %s: %s\n", source, buf);
    result = NULL;
  }
  petrel_try_catch_close(&tc);
  return result;
}

static bool str_is(petrel_value *v, const char *expected) {
  if (v == NULL || !petrel_value_is_string(v)) return false;
  char buf[512];
  petrel_string_write_utf8(iso, v, buf, sizeof buf);
  if (strcmp(buf, expected) != 0) fprintf(stderr, "got '%s', expected '%s'\n", buf, expected);
  return strcmp(buf, expected) == 0;
}

static bool eval_true(const char *source) {
  petrel_value *v = eval(source);
  return v != NULL && petrel_value_is_true(v);
}

static void set_global(const char *name, petrel_value *v) {
  CHECK(petrel_object_set_named(ctx, petrel_context_global(ctx), name, v));
}

/* ---- Acceptance: an object template with one value property ------------------------------- */

static void test_object_template_value(void) {
  petrel_object_template *t = petrel_object_template_new(iso);
  CHECK(t != NULL);
  CHECK(petrel_object_template_set(t, "prop_name", petrel_string_new_utf8(iso, "prop_value", (size_t)-1),
                                   PETREL_PROP_DEFAULT));
  petrel_value *o = NULL;
  CHECK(petrel_object_template_new_instance(t, ctx, &o));
  CHECK(o != NULL && petrel_value_is_object(o));
  petrel_value *names = NULL;
  CHECK(petrel_object_own_keys(ctx, o, &names));
  CHECK(petrel_array_length(ctx, names) == 1);
  petrel_value *name = NULL, *value = NULL;
  CHECK(petrel_object_get_index(ctx, names, 0, &name));
  CHECK(str_is(name, "prop_name"));
  CHECK(petrel_object_get_named(ctx, o, "prop_name", &value));
  CHECK(str_is(value, "prop_value"));
  /* Each instance is a new object with its own copy of the property. */
  petrel_value *o2 = NULL;
  CHECK(petrel_object_template_new_instance(t, ctx, &o2));
  CHECK(!petrel_value_strict_equals(o, o2));
  /* A template is frozen once instantiated. */
  CHECK(!petrel_object_template_set(t, "late", petrel_integer(iso, 1), PETREL_PROP_DEFAULT));
  petrel_object_template_release(t);
}

/* ---- Acceptance: a function template's callback, data, receiver and new.target ------------ */

static int fn_calls;
static bool fn_saw_data, fn_new_target_ok, fn_construct;

static void nr_plus_two(const petrel_callback_info *info) {
  petrel_context *c = petrel_callback_info_context(info);
  fn_calls++;
  fn_saw_data = str_is(petrel_callback_info_data(info), "some info");
  fn_construct = petrel_callback_info_is_construct_call(info);
  if (fn_construct) {
    /* new.target is the function itself (it is cached per context: the global `F`). */
    petrel_value *f = NULL;
    fn_new_target_ok = petrel_object_get_named(c, petrel_context_global(c), "F", &f) &&
                       petrel_value_strict_equals(petrel_callback_info_new_target(info), f);
    return;
  }
  petrel_value *nr;
  double d;
  if (!petrel_object_get_named(c, petrel_callback_info_this(info), "nr", &nr)) return;
  if (!petrel_value_to_number(c, nr, &d)) return;
  petrel_callback_info_set_return_double(info, d + 2);
}

static void test_function_template_call(void) {
  petrel_function_template *ft =
      petrel_function_template_new(iso, nr_plus_two, petrel_string_new_utf8(iso, "some info", (size_t)-1), "F", 0);
  CHECK(ft != NULL);
  petrel_value *f = petrel_function_template_get_function(ft, ctx);
  CHECK(f != NULL && petrel_value_is_function(f));
  /* The same function object each time in one context. */
  CHECK(petrel_value_strict_equals(f, petrel_function_template_get_function(ft, ctx)));
  set_global("F", f);

  petrel_value *recv = eval("({nr: 18})");
  petrel_value *result = NULL;
  fn_saw_data = false;
  CHECK(petrel_function_call(ctx, f, recv, 0, NULL, &result));
  CHECK(result != NULL && petrel_number_value(result) == 20);
  CHECK(fn_saw_data);
  CHECK(!fn_construct);

  /* From JavaScript too. */
  petrel_value *r2 = eval("F.call({nr: 40})");
  CHECK(r2 != NULL && petrel_number_value(r2) == 42);

  fn_saw_data = fn_new_target_ok = false;
  petrel_value *obj = NULL;
  CHECK(petrel_function_construct(ctx, f, 0, NULL, &obj));
  CHECK(fn_construct && fn_new_target_ok && fn_saw_data);
  CHECK(obj != NULL && petrel_value_is_object(obj));
  CHECK(petrel_function_template_has_instance(ft, obj));
  CHECK(eval_true("new F() instanceof F"));

  /* Another context gets its own function. */
  petrel_context *other = petrel_context_new(iso);
  petrel_value *g = petrel_function_template_get_function(ft, other);
  CHECK(g != NULL && !petrel_value_strict_equals(f, g));
  CHECK(petrel_value_strict_equals(g, petrel_function_template_get_function(ft, other)));
  petrel_context_release(other);
}

/* ---- Instances with internal fields: a Point -------------------------------------------- */

typedef struct Point {
  double x, y;
  struct Point *next; /* every Point made, freed at the end (the test has no weak wrappers) */
} Point;

static Point *all_points;

static void point_new(const petrel_callback_info *info) {
  petrel_context *c = petrel_callback_info_context(info);
  if (!petrel_callback_info_is_construct_call(info)) {
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "Point must be called with new");
    return;
  }
  Point *p = malloc(sizeof *p);
  if (!petrel_value_to_number(c, petrel_callback_info_arg(info, 0), &p->x) ||
      !petrel_value_to_number(c, petrel_callback_info_arg(info, 1), &p->y)) {
    free(p);
    return;
  }
  p->next = all_points;
  all_points = p;
  petrel_value *self = petrel_callback_info_this(info);
  CHECK(petrel_object_internal_field_count(self) == 1);
  CHECK(petrel_object_set_aligned_pointer(self, 0, p));
}

static Point *point_of(const petrel_callback_info *info, petrel_value *obj) {
  Point *p = petrel_object_get_aligned_pointer(obj, 0);
  if (p == NULL) petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "not a Point");
  return p;
}

static void point_length(const petrel_callback_info *info) {
  Point *p = point_of(info, petrel_callback_info_holder(info));
  if (p) petrel_callback_info_set_return_double(info, sqrt(p->x * p->x + p->y * p->y));
}

static void point_get_x(petrel_value *property, const petrel_callback_info *info) {
  CHECK(str_is(property, "x"));
  CHECK(str_is(petrel_callback_info_data(info), "accessor data"));
  Point *p = point_of(info, petrel_callback_info_holder(info));
  if (p) petrel_callback_info_set_return_double(info, p->x);
}

static void point_set_x(petrel_value *property, petrel_value *value, const petrel_callback_info *info) {
  Point *p = point_of(info, petrel_callback_info_holder(info));
  if (p) petrel_value_to_number(petrel_callback_info_context(info), value, &p->x);
}

static Point *freed_points[8];
static int freed_count;

static void test_point(void) {
  petrel_function_template *ft = petrel_function_template_new(iso, point_new, NULL, "Point", 2);
  petrel_object_template *inst = petrel_function_template_instance_template(ft);
  CHECK(inst != NULL);
  CHECK(petrel_object_template_set_internal_field_count(inst, 1));
  CHECK(!petrel_object_template_set_internal_field_count(inst, PETREL_MAX_INTERNAL_FIELDS + 1));
  CHECK(petrel_object_template_set_accessor(inst, "x", point_get_x, point_set_x,
                                            petrel_string_new_utf8(iso, "accessor data", (size_t)-1),
                                            PETREL_PROP_ENUMERABLE));
  petrel_object_template *proto = petrel_function_template_prototype_template(ft);
  petrel_function_template *len = petrel_function_template_new(iso, point_length, NULL, "length", 0);
  CHECK(petrel_object_template_set_function_template(proto, "length", len, PETREL_PROP_HIDDEN));
  set_global("Point", petrel_function_template_get_function(ft, ctx));

  petrel_value *r = eval("new Point(3, 4).length()");
  CHECK(r != NULL && petrel_number_value(r) == 5);
  CHECK(eval_true("var p = new Point(1, 2); p.x === 1 && Object.keys(p).join() === 'x'"));
  CHECK(eval_true("p.x = 6; p.x === 6 && p.length() === Math.sqrt(40)"));
  CHECK(eval_true("Object.getPrototypeOf(p) === Point.prototype && p.length === Point.prototype.length"));
  CHECK(eval_true("Object.getOwnPropertyDescriptor(Object.getOwnPropertyDescriptor(p, 'x').get, 'name').value"
                  " === 'get x'"));
  /* The holder is the object that has the accessor: an object inheriting from p reads p's x. */
  CHECK(eval_true("Object.create(p).x === 6"));
  CHECK(eval_true("try { Point(1, 2); false } catch (e) { e instanceof TypeError }"));
  CHECK(eval_true("try { Point.prototype.length.call({}); false } catch (e) { e.message === 'not a Point' }"));
  /* An exception thrown by a C callback reaches a JavaScript catch. */
  CHECK(eval_true("var caught; try { Point() } catch (e) { caught = e.message } caught === 'Point must be called with new'"));

  petrel_value *obj = eval("p");
  CHECK(petrel_function_template_has_instance(ft, obj));
  CHECK(!petrel_function_template_has_instance(len, obj));
  CHECK(!petrel_function_template_has_instance(ft, eval("({})")));
  /* The C structs are freed at the end through all_points (the weak-wrapper pattern is in
   * api-handles.c). */
  freed_points[freed_count++] = petrel_object_get_aligned_pointer(obj, 0);
  CHECK(petrel_object_set_aligned_pointer(obj, 0, NULL));
  petrel_value *p34 = eval("new Point(3, 4)");
  CHECK(petrel_object_get_aligned_pointer(p34, 0) == all_points);
  /* Odd pointers are refused (V8 requires 2-byte alignment). */
  CHECK(!petrel_object_set_aligned_pointer(p34, 0, (void *)((char *)freed_points + 1)));
  CHECK(!petrel_object_set_aligned_pointer(p34, 1, NULL)); /* out of range */
  /* Frozen after instantiation. */
  CHECK(!petrel_function_template_set_class_name(ft, "Late"));
  CHECK(!petrel_object_template_set_internal_field_count(inst, 2));
  /* new_instance of an instance template: like `new Point` without running the callback. */
  petrel_value *raw = NULL;
  CHECK(petrel_object_template_new_instance(inst, ctx, &raw));
  CHECK(raw && petrel_object_internal_field_count(raw) == 1 && petrel_object_get_aligned_pointer(raw, 0) == NULL);
  CHECK(petrel_function_template_has_instance(ft, raw));
  petrel_value *rp = NULL, *fp = NULL;
  CHECK(petrel_object_get_prototype(ctx, raw, &rp));
  CHECK(petrel_object_get_named(ctx, eval("Point"), "prototype", &fp));
  CHECK(petrel_value_strict_equals(rp, fp));
}

/* ---- Inheritance, class name, length, prototype options --------------------------------- */

static void noop(const petrel_callback_info *info) { (void)info; }
static void return_conveniences(const petrel_callback_info *info) {
  int32_t which = 0;
  petrel_value_to_int32(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0), &which);
  switch (which) {
    case 0: petrel_callback_info_set_return_int32(info, -7); break;
    case 1: petrel_callback_info_set_return_uint32(info, 4000000000u); break;
    case 2: petrel_callback_info_set_return_bool(info, true); break;
    case 3: petrel_callback_info_set_return_null(info); break;
    case 4: petrel_callback_info_set_return_empty_string(info); break;
    case 5: petrel_callback_info_set_return_int32(info, 1); petrel_callback_info_set_return_undefined(info); break;
    default: petrel_callback_info_set_return_double(info, 0.5); break;
  }
}

static void test_inherit_and_options(void) {
  petrel_function_template *animal = petrel_function_template_new(iso, noop, NULL, "Animal", 0);
  petrel_function_template *dog = petrel_function_template_new(iso, noop, NULL, "tmp", 0);
  CHECK(petrel_function_template_set_class_name(dog, "Dog"));
  CHECK(petrel_function_template_set_length(dog, 3));
  CHECK(petrel_function_template_inherit(dog, animal));
  CHECK(!petrel_function_template_inherit(animal, dog)); /* a cycle */
  CHECK(petrel_object_template_set(petrel_function_template_prototype_template(animal), "legs",
                                   petrel_integer(iso, 4), PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set(petrel_function_template_instance_template(animal), "kind",
                                   petrel_string_new_utf8(iso, "animal", (size_t)-1), PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set(petrel_function_template_instance_template(dog), "sound",
                                   petrel_string_new_utf8(iso, "woof", (size_t)-1), PETREL_PROP_ENUMERABLE));
  set_global("Dog", petrel_function_template_get_function(dog, ctx));
  set_global("Animal", petrel_function_template_get_function(animal, ctx));
  CHECK(eval_true("Dog.name === 'Dog' && Dog.length === 3"));
  CHECK(eval_true("var d = new Dog(); d instanceof Dog && d instanceof Animal && d.legs === 4"));
  CHECK(eval_true("d.kind === 'animal' && d.sound === 'woof'"));
  CHECK(eval_true("Object.getOwnPropertyDescriptor(d, 'sound').writable === false"));
  petrel_value *d = eval("d");
  CHECK(petrel_function_template_has_instance(animal, d));
  CHECK(petrel_function_template_has_instance(dog, d));
  CHECK(!petrel_function_template_has_instance(dog, eval("new Animal()")));

  petrel_function_template *plain = petrel_function_template_new(iso, noop, NULL, "plain", 0);
  CHECK(petrel_function_template_remove_prototype(plain));
  set_global("plain", petrel_function_template_get_function(plain, ctx));
  CHECK(eval_true("!('prototype' in plain) && (function () { try { new plain(); } catch (e) { return e instanceof TypeError } })()"));

  petrel_function_template *ro = petrel_function_template_new(iso, noop, NULL, "ro", 0);
  CHECK(petrel_function_template_read_only_prototype(ro));
  set_global("ro", petrel_function_template_get_function(ro, ctx));
  CHECK(eval_true("Object.getOwnPropertyDescriptor(ro, 'prototype').writable === false"));

  petrel_function_template *conv = petrel_function_template_new(iso, return_conveniences, NULL, "conv", 1);
  set_global("conv", petrel_function_template_get_function(conv, ctx));
  CHECK(eval_true("conv(0) === -7 && conv(1) === 4000000000 && conv(2) === true && conv(3) === null"));
  CHECK(eval_true("conv(4) === '' && conv(5) === undefined && conv(6) === 0.5"));
  petrel_object_template_release(petrel_function_template_prototype_template(conv)); /* ignored: owned */
  petrel_object_template_release(petrel_function_template_instance_template(conv));  /* ignored: owned */
  petrel_function_template_release(conv);
  petrel_function_template_release(dog);
  /* Functions made before a release keep working. */
  CHECK(eval_true("new Animal() instanceof Animal && conv(0) === -7"));
}

/* ---- Templates holding function templates, accessors that throw ---------------------------- */

static void throwing_getter(petrel_value *property, const petrel_callback_info *info) {
  petrel_throw_error(petrel_callback_info_isolate(info), PETREL_RANGE_ERROR, "getter threw");
}

static void test_object_template_misc(void) {
  petrel_object_template *t = petrel_object_template_new(iso);
  petrel_function_template *f = petrel_function_template_new(iso, nr_plus_two,
                                                              petrel_string_new_utf8(iso, "some info", (size_t)-1),
                                                              "add2", 0);
  CHECK(petrel_object_template_set_function_template(t, "add2", f, PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set_accessor(t, "bad", throwing_getter, NULL, NULL, PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set(t, "n", petrel_integer(iso, 1), PETREL_PROP_DEFAULT));
  CHECK(petrel_object_template_set(t, "n", petrel_integer(iso, 2), 0)); /* replaces */
  CHECK(petrel_object_template_set_internal_field_count(t, 2));
  CHECK(!petrel_object_template_set_accessor(t, "none", NULL, NULL, NULL, 0));
  petrel_value *o = NULL;
  CHECK(petrel_object_template_new_instance(t, ctx, &o));
  CHECK(petrel_object_internal_field_count(o) == 2);
  set_global("o", o);
  CHECK(eval_true("o.nr = 5; o.add2() === 7 && o.add2 === new Object(o).add2"));
  CHECK(eval_true("o.n === 2 && Object.getOwnPropertyNames(o).join() === 'add2,bad,n,nr'"));
  CHECK(eval_true("try { o.bad; false } catch (e) { e instanceof RangeError && e.message === 'getter threw' }"));
  CHECK(eval_true("'use strict'; try { o.bad = 1; false } catch (e) { e instanceof TypeError }"));
  /* Survives collections (the template roots its values). */
  petrel_isolate_collect_garbage(iso);
  petrel_value *o2 = NULL;
  CHECK(petrel_object_template_new_instance(t, ctx, &o2));
  petrel_value *n = NULL;
  CHECK(petrel_object_get_named(ctx, o2, "n", &n) && petrel_number_value(n) == 2);
  petrel_object_template_release(t);
}

/* Plain functions sharing a template's callback are not template functions; the callback tables
 * grow past their first capacity with templates and plain functions interleaved. */
#define MANY 40
static void cb_many(const petrel_callback_info *info) { petrel_callback_info_set_return_int32(info, 1); }

static void test_shared_callbacks(void) {
  petrel_function_template *ft = petrel_function_template_new(iso, point_new, NULL, "TPoint", 2);
  CHECK(petrel_object_template_set_internal_field_count(petrel_function_template_instance_template(ft), 1));
  set_global("TPoint", petrel_function_template_get_function(ft, ctx));
  /* point_new CHECKs that `this` has the template's internal field. */
  int before = failed;
  CHECK(eval_true("var tp = new TPoint(1, 2); tp instanceof TPoint"));
  CHECK(failed == before);
  CHECK(petrel_object_get_aligned_pointer(eval("tp"), 0) == all_points); /* freed at the end */
  petrel_function_template *tpls[MANY];
  for (int i = 0; i < MANY; i++) {
    tpls[i] = petrel_function_template_new(iso, cb_many, NULL, "t", 0);
    CHECK(tpls[i] != NULL);
    char name[32];
    snprintf(name, sizeof name, "plain%d", i);
    petrel_value *f = petrel_function_new(ctx, cb_many, NULL, name, 0);
    CHECK(f != NULL);
    petrel_value *o = NULL;
    CHECK(petrel_function_construct(ctx, f, 0, NULL, &o));
    CHECK(o != NULL && !petrel_function_template_has_instance(tpls[i], o));
    CHECK(petrel_object_internal_field_count(o) == 0);
  }
  for (int i = 0; i < MANY; i++) {
    petrel_value *o = NULL;
    CHECK(petrel_function_construct(ctx, petrel_function_template_get_function(tpls[i], ctx), 0, NULL, &o));
    CHECK(petrel_function_template_has_instance(tpls[i], o));
    CHECK(i == 0 || !petrel_function_template_has_instance(tpls[i - 1], o));
  }
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  test_object_template_value();
  test_function_template_call();
  test_point();
  test_inherit_and_options();
  test_object_template_misc();
  test_shared_callbacks();

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  while (all_points) {
    Point *next = all_points->next;
    free(all_points);
    all_points = next;
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
