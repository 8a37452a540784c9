/* hreeplan solver layer: the CBC/CLP backend (built when WITH_CBC=1).
 * Placeholder until the backend lands: reports "not built". */
#include "backend.h"

const hp_backend_ops *hp_backend_cbc(void)
{
    return NULL;
}
