/* Clocks. */
#ifndef PETREL_BASE_TIME_H
#define PETREL_BASE_TIME_H

#include "base/common.h"

/* Milliseconds from an arbitrary fixed point, never going backwards (CLOCK_MONOTONIC). */
double pt_monotonic_ms(void);
/* Milliseconds since the Unix epoch (wall clock, for Date.now). */
double pt_wall_clock_ms(void);

#endif
