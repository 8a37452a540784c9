/* Weak fallbacks so the binary links while commands are being written.
 * Each is replaced by the real definition when its file lands. */
#include <stdio.h>

#include "cli.h"

#define PENDING(fn)                                                                                \
    __attribute__((weak)) int fn(int argc, char **argv)                                            \
    {                                                                                              \
        (void)argc;                                                                                \
        fprintf(stderr, "hreeplan: %s is not built\n", argv[0]);                                   \
        return HP_EXIT_IO;                                                                         \
    }
PENDING(hp_cmd_check)
PENDING(hp_cmd_pareto)
PENDING(hp_cmd_compare)
PENDING(hp_cmd_simulate)
PENDING(hp_cmd_export)
