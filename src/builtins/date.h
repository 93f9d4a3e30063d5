/*
 * Date objects for other modules (date.c): the value serializer reads [[DateValue]].
 */
#ifndef PETREL_BUILTINS_DATE_H
#define PETREL_BUILTINS_DATE_H

#include "objects/value.h"

/* [[DateValue]] of a Date object (IT_JS_DATE). */
double date_object_time(Value date);

#endif
