/*
 * The families of built-ins, installed into each new realm in this order (src/execution/realm.c).
 * Each entry names `int builtins_install_NAME(Isolate *iso, Realm *realm)`, defined in
 * src/builtins/NAME.c. Order matters only where a family uses another's intrinsics.
 */
#define PT_BUILTIN_FAMILIES(X)                                                                     \
  X(object) X(function) X(symbol) X(bigint) X(error) X(iterator) X(array) X(string) X(boolean)     \
  X(number) X(math) X(global) X(json) X(date) X(regexp) X(promise) X(generator) X(array_buffer)    \
  X(typed_array) X(data_view) X(async_function)                                                    \
  X(map) X(set) X(weak_map) X(weak_ref)                                                            \
  X(suppressed_error) X(disposable_stack) X(array_from_async)                                      \
  X(shared_array_buffer) X(atomics)
