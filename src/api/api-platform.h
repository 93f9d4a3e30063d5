/*
 * The process-wide platform (api/api-platform.c), for petrel_initialize and petrel_dispose.
 */
#ifndef PETREL_API_API_PLATFORM_H
#define PETREL_API_API_PLATFORM_H

#include <stdbool.h>

/* Installs the default platform unless the embedder set one (petrel_set_platform). */
bool api_platform_initialize(void);
/* Disposes the platform api_platform_initialize made, if any. */
void api_platform_dispose(void);

#endif
