/* Unicode identifier properties (ID_Start / ID_Continue) for the scanner; tables are generated. */
#ifndef PETREL_PARSING_UNICODE_ID_H
#define PETREL_PARSING_UNICODE_ID_H

#include "base/common.h"

bool unicode_is_id_start(uint32_t cp);
bool unicode_is_id_continue(uint32_t cp);

#endif
