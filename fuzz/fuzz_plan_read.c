/* Fuzz target: a plan read back (simulate --plan), arbitrary bytes as the
 * plan JSON against the fixed small instance fuzz/plan-instance.cfg (read
 * once, from the repository root where fuzz/run.sh and tests/fuzz_replay.sh
 * run).  Built with libFuzzer by `make fuzz` (fuzz/run.sh) and replayed over
 * fuzz/corpus-plan by `make test` through fuzz/replay.c in the sanitizer
 * build.
 *
 * Besides crashes and leaks it checks what the reader promises, and aborts
 * when a promise is broken: every message names the plan (or is one of
 * hreeplan's own: out of memory, a warning); a plan accepted has finite
 * quantities >= 0, within capacity, only for offers the instance has and
 * ship quarters whose arrival lies in the horizon, signed contracts for
 * every contract supplier that ships, and no more than max_contracts
 * signed. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../models/instance/instance.h"
#include "../models/plan/plan_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PLAN_NAME     "fuzz-plan.json"
#define FUZZ_PLAN_INSTANCE "fuzz/plan-instance.cfg"

/* Loaded on the first input and kept for the process (a root, not a leak). */
static hp_instance *fixed;

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_plan_read: %s\n", what);
    abort();
}

static void on_log(void *ctx, const char *msg)
{
    (void)ctx;
    if (strncmp(msg, FUZZ_PLAN_NAME ":", strlen(FUZZ_PLAN_NAME ":")) != 0 &&
        strncmp(msg, "hreeplan: ", 10) != 0)
        broken(msg);
}

static void check_accepted(const hp_instance *in, const double *x, const int *z)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T;
    int n_signed = 0;
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        double shipped = 0.0;
        if (z[j] != 0 && z[j] != 1)
            broken("a contract neither signed nor unsigned");
        if (z[j] && !sj->has_contract)
            broken("a contract signed for a supplier without one");
        n_signed += z[j];
        for (size_t p = 0; p < P; p++) {
            const hp_offer *of = hp_offer_find(in, j, (int)p);
            for (size_t t = 0; t < T; t++) {
                double q = x[((size_t)j * P + p) * T + t];
                if (!isfinite(q) || q < 0.0)
                    broken("a quantity that is not finite and >= 0");
                if (q > 0.0 && (!of || (int)t + sj->lead_time >= in->T))
                    broken("an order without an offer or arriving after the horizon");
                if (of && q > of->capacity[t] * (1.0 + 1e-6) + 1e-6)
                    broken("an order over capacity");
                shipped += q;
            }
        }
        if (sj->has_contract && shipped > 0.0 && !z[j])
            broken("a contract supplier ships unsigned");
    }
    if (in->max_contracts > 0 && n_signed > in->max_contracts)
        broken("more contracts signed than max_contracts");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hp_plan_opts lg;
    double *x = NULL;
    int *z = NULL;
    if (!fixed) {
        hp_diag d;
        hp_diag_init(&d);
        if (hp_instance_load(FUZZ_PLAN_INSTANCE, &fixed, &d) != HP_OK)
            broken("cannot load " FUZZ_PLAN_INSTANCE " (run from the repository root)");
        hp_diag_free(&d);
    }
    memset(&lg, 0, sizeof lg);
    lg.log = on_log;
    if (hp_plan_read_buffer((const char *)data, size, FUZZ_PLAN_NAME, fixed, &x, &z, &lg) ==
        HP_OUTCOME_OK)
        check_accepted(fixed, x, z);
    else if (x || z)
        broken("a refused plan left its arrays behind");
    free(x);
    free(z);
    return 0;
}
