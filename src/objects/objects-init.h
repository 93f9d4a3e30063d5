/*
 * Bootstrap of the object model for a new isolate: the meta map and the root map of every
 * instance type (stored in iso->root_maps), and the heap layouts (visitors) of every type the
 * objects module owns. isolate_new calls it once the heap exists, before strings are made.
 * Returns 0, or -1 with an exception pending (out of memory).
 */
#ifndef PETREL_OBJECTS_OBJECTS_INIT_H
#define PETREL_OBJECTS_OBJECTS_INIT_H

#include "execution/isolate.h"

int objects_init_isolate(Isolate *iso);

#endif
