/* Fuzz target: the instance loader and validator, then the model builder on
 * whatever the validator accepts.  Built with libFuzzer by `make fuzz`
 * (fuzz/run.sh) and replayed over fuzz/corpus by `make test` through
 * fuzz/replay.c in the sanitizer build.
 *
 * Leading lines "#set PATH=VALUE" (comments to libconfig) are also given to
 * the loader as --set overrides, so the fuzzer reaches the override engine
 * (loader_set.c) with the same text it mutates.  @include text needs no
 * mode of its own: the loader must refuse it before parsing (a seed
 * fuzz/corpus/seed-include-*.cfg of each form), and should the scan miss
 * one, libconfig is pointed at /dev/null so that no file is ever read. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../models/formulation/model.h"
#include "../models/instance/instance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_SETS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *sets_buf = NULL, *p;
    const char *sets[FUZZ_MAX_SETS];
    hp_load_opts lo;
    hp_instance *inst = NULL;
    hp_model *m = NULL;
    hp_model_opts mo;
    hp_diag d;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&lo, 0, sizeof lo);
    lo.max_memory_mb = 256.0;
    lo.set = sets;
    /* the overrides: a copy of the leading "#set " lines, NUL-ended */
    sets_buf = strdup(text);
    p = sets_buf;
    while (p && lo.n_set < FUZZ_MAX_SETS && !strncmp(p, "#set ", 5)) {
        char *nl = strchr(p, '\n');
        sets[lo.n_set++] = p + 5;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    hp_diag_init(&d);
    if (hp_instance_load_string_opts(text, "fuzz.cfg", &lo, &inst, &d) == HP_OK) {
        memset(&mo, 0, sizeof mo);
        mo.measure = inst->measure;
        mo.alpha = inst->alpha;
        if (hp_model_build(inst, &mo, &m) == HP_OK)
            hp_model_free(m);
        hp_instance_free(inst);
    }
    hp_diag_free(&d);
    free(sets_buf);
    free(text);
    return 0;
}
