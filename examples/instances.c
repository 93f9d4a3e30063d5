/*
 * instances.c — exposing a C struct to JavaScript with a function template.
 *
 *     cc instances.c $(pkg-config --cflags --libs petrel) -lm -o instances
 *
 * JavaScript gets a constructor `Point`: `new Point(3, 4)` allocates a C `Point`, stores its
 * pointer in the new object's internal field 0 (invisible to scripts), and the methods and
 * accessors read it back. The object owns the struct: a weak persistent handle frees it when the
 * object is collected (the weak-wrapper pattern of docs/embedding.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <petrel.h>

typedef struct Point {
  double x, y;
} Point;

/* The object was collected: free the C side and the handle that watched it. */
static void point_collected(petrel_isolate *iso, petrel_persistent *wrapper, void *param) {
  free(param);
  petrel_persistent_release(iso, wrapper);
}

/* `new Point(x, y)`: `this` is already an instance of the instance template (one internal field). */
static void point_construct(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *ctx = petrel_callback_info_context(info);
  if (!petrel_callback_info_is_construct_call(info)) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "Point must be called with new");
    return;
  }
  double x, y;
  /* Conversions can run JavaScript (valueOf) and throw: on failure just return, the exception
   * propagates to the script. */
  if (!petrel_value_to_number(ctx, petrel_callback_info_arg(info, 0), &x)) return;
  if (!petrel_value_to_number(ctx, petrel_callback_info_arg(info, 1), &y)) return;
  Point *p = malloc(sizeof *p);
  if (p == NULL) {
    petrel_throw_error(iso, PETREL_RANGE_ERROR, "out of memory");
    return;
  }
  p->x = x;
  p->y = y;
  petrel_value *self = petrel_callback_info_this(info);
  petrel_object_set_aligned_pointer(self, 0, p);
  /* Weak: the struct must not keep its own wrapper alive, or neither would ever be freed. */
  petrel_persistent *wrapper = petrel_persistent_new(iso, self);
  petrel_persistent_set_weak(iso, wrapper, p, point_collected);
}

/* Reads the Point behind the receiver; throws a TypeError for any other object. */
static Point *unwrap(const petrel_callback_info *info) {
  Point *p = petrel_object_get_aligned_pointer(petrel_callback_info_holder(info), 0);
  if (p == NULL) petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "not a Point");
  return p;
}

static void point_length(const petrel_callback_info *info) {
  Point *p = unwrap(info);
  if (p) petrel_callback_info_set_return_double(info, sqrt(p->x * p->x + p->y * p->y));
}

/* Accessors: `p.x` and `p.y` read the struct; assignments write it. */
static void point_get(petrel_value *property, const petrel_callback_info *info) {
  (void)property; /* one callback serves both names; data says which */
  Point *p = unwrap(info);
  bool is_x = petrel_boolean_value(petrel_callback_info_data(info));
  if (p) petrel_callback_info_set_return_double(info, is_x ? p->x : p->y);
}

static void point_set(petrel_value *property, petrel_value *value, const petrel_callback_info *info) {
  (void)property;
  Point *p = unwrap(info);
  bool is_x = petrel_boolean_value(petrel_callback_info_data(info));
  double d;
  if (p && petrel_value_to_number(petrel_callback_info_context(info), value, &d)) *(is_x ? &p->x : &p->y) = d;
}

static int run(petrel_isolate *iso, petrel_context *ctx, const char *source) {
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result;
  int status = 0;
  if (petrel_eval(ctx, source, (size_t)-1, "instances.js", &result)) {
    petrel_value *text;
    if (petrel_value_to_string(ctx, result, &text)) {
      char buf[256];
      petrel_string_write_utf8(iso, text, buf, sizeof buf);
      printf("%s\n", buf);
    }
  } else {
    char buf[256] = "?";
    petrel_value *e = petrel_try_catch_exception(&tc), *text;
    if (e && petrel_value_to_string(ctx, e, &text)) petrel_string_write_utf8(iso, text, buf, sizeof buf);
    printf("error: %s\n", buf);
    status = 1;
  }
  petrel_try_catch_close(&tc);
  return status;
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  /* The constructor's template: a callback, no data, a name and a `length`. */
  petrel_function_template *point = petrel_function_template_new(iso, point_construct, NULL, "Point", 2);
  /* Instances get one internal field and the x/y accessors (data tells them apart). */
  petrel_object_template *instance = petrel_function_template_instance_template(point);
  petrel_object_template_set_internal_field_count(instance, 1);
  petrel_object_template_set_accessor(instance, "x", point_get, point_set, petrel_boolean(iso, true),
                                      PETREL_PROP_ENUMERABLE);
  petrel_object_template_set_accessor(instance, "y", point_get, point_set, petrel_boolean(iso, false),
                                      PETREL_PROP_ENUMERABLE);
  /* Methods go on the prototype, shared by all instances. */
  petrel_function_template *length = petrel_function_template_new(iso, point_length, NULL, "length", 0);
  petrel_object_template_set_function_template(petrel_function_template_prototype_template(point), "length",
                                               length, PETREL_PROP_HIDDEN);
  /* Templates are per isolate; the function is made per context. */
  petrel_object_set_named(ctx, petrel_context_global(ctx), "Point", petrel_function_template_get_function(point, ctx));

  int status = run(iso, ctx, "new Point(3, 4).length()");
  status |= run(iso, ctx, "var p = new Point(1, 1); p.x = 6; p.y = 8; p.length() + ' ' + JSON.stringify(p)");
  status |= run(iso, ctx, "try { Point.prototype.length.call({}) } catch (e) { e.message }");

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso); /* objects still alive die now: their weak callbacks free the Points */
  petrel_dispose();
  return status;
}
