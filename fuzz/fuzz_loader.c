/* Fuzz target: the instance loader and validator, then the model builder on
 * whatever the validator accepts.  Built with libFuzzer by `make fuzz`
 * (fuzz/run.sh) and replayed over fuzz/corpus by `make test` through
 * fuzz/replay.c in the sanitizer build. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../models/formulation/model.h"
#include "../models/instance/instance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    hp_instance *inst = NULL;
    hp_model *m = NULL;
    hp_model_opts mo;
    hp_diag d;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    hp_diag_init(&d);
    if (hp_instance_load_string(text, "fuzz.cfg", &inst, &d) == HP_OK) {
        mo.measure = inst->measure;
        mo.alpha = inst->alpha;
        if (hp_model_build(inst, &mo, &m) == HP_OK)
            hp_model_free(m);
        hp_instance_free(inst);
    }
    hp_diag_free(&d);
    free(text);
    return 0;
}
