/* hreeplan check FILE: load and validate an instance and print a summary
 * (CLI.md).  Exit 0 when valid, 2 when invalid (every message on stderr),
 * 1 when the file cannot be read.  Writes no file. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../models/formulation/model.h"
#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan check FILE [--set PATH=VALUE]... [--max-memory MB]\n\n"
           "Loads and validates an instance and prints a summary: horizon, products,\n"
           "sources by region, restrictions, scenarios, disruption events and the\n"
           "size of the model it gives.  Every error is reported on stderr as\n"
           "FILE:LINE: setting: what is wrong.\n\n"
           "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
           "                             products[0].demand=120; checked like the file\n"
           "  --max-memory MB            refuse a file or model larger than this (default 4096)\n\n"
           "Exit codes: 0 valid, 1 file unreadable or interrupted, 2 invalid instance\n"
           "(@include included), model over --max-memory, or usage error.\n");
}

static void print_window(const hp_instance *in, int from, int to)
{
    char a[16], b[16];
    if (from <= 0 && to >= in->T - 1) {
        printf("whole horizon");
        return;
    }
    /* labels outside the horizon are clipped, as the model does */
    if (from < 0)
        from = 0;
    if (to > in->T - 1)
        to = in->T - 1;
    hp_quarter_label(in, from, a, sizeof a);
    hp_quarter_label(in, to, b, sizeof b);
    printf("%s-%s", a, b);
}

static const char *target(const hp_instance *in, int supplier, int region)
{
    return supplier >= 0 ? in->suppliers[supplier].id : in->regions[region];
}

/* A series in one word: "8" when constant, "0..8" as min..max otherwise. */
static void print_range(const double *v, int T, const char *unit)
{
    double lo = v[0], hi = v[0];
    for (int t = 1; t < T; t++) {
        lo = fmin(lo, v[t]);
        hi = fmax(hi, v[t]);
    }
    if (lo == hi)
        printf("%g %s", lo, unit);
    else
        printf("%g..%g %s", lo, hi, unit);
}

static void summary_products(const hp_instance *in)
{
    printf("products (%d):\n", in->n_products);
    for (int p = 0; p < in->n_products; p++) {
        const hp_product *pr = &in->products[p];
        double total = 0.0;
        for (int t = 0; t < in->T; t++)
            total += pr->demand[t];
        printf("  %-12s total demand %g t, initial inventory %g t%s\n", pr->id, total,
               pr->initial_inventory, pr->has_spot ? ", spot market" : "");
    }
}

static void summary_sources(const hp_instance *in)
{
    printf("sources (%d in %d region%s):\n", in->n_suppliers, in->n_regions,
           in->n_regions == 1 ? "" : "s");
    for (int g = 0; g < in->n_regions; g++) {
        printf("  %s:\n", in->regions[g]);
        for (int j = 0; j < in->n_suppliers; j++) {
            const hp_supplier *su = &in->suppliers[j];
            if (su->region_idx != g)
                continue;
            printf("    %-14s lead time %d, %d offer%s%s\n", su->id, su->lead_time, su->n_offers,
                   su->n_offers == 1 ? "" : "s", su->has_contract ? ", contract" : "");
        }
    }
}

static void summary_restrictions(const hp_instance *in)
{
    printf("restrictions (%d):\n", in->n_restrictions);
    for (int r = 0; r < in->n_restrictions; r++) {
        const hp_restriction *re = &in->restrictions[r];
        printf("  %s %s", re->type == HP_QUOTA ? "quota" : "share", in->regions[re->region_idx]);
        if (re->name)
            printf(" \"%s\"", re->name);
        printf(" on ");
        if (re->n_products == in->n_products) {
            printf("all products");
        } else {
            for (int k = 0; k < re->n_products; k++)
                printf("%s%s", k ? "," : "", in->products[re->products[k]].id);
        }
        if (re->type == HP_QUOTA) {
            printf(": limit ");
            print_range(re->limit, in->T, "t per quarter");
        } else {
            printf(": at most %g of what is shipped, per %s", re->max_share,
                   re->scope == HP_SCOPE_HORIZON ? "horizon" : "quarter");
        }
        printf("\n");
    }
}

static void summary_scenarios(const hp_instance *in)
{
    printf("scenarios (%d%s):\n", in->n_scenarios, in->scenarios_given ? "" : ", none given");
    for (int s = 0; s < in->n_scenarios; s++) {
        const hp_scenario *sc = &in->scenarios[s];
        printf("  %-14s probability %g, %d event%s\n", sc->name, sc->probability, sc->n_events,
               sc->n_events == 1 ? "" : "s");
        for (int e = 0; e < sc->n_events; e++) {
            const hp_event *ev = &sc->events[e];
            printf("    %s %s, factor %g, ", ev->supplier >= 0 ? "supplier" : "region",
                   target(in, ev->supplier, ev->region_idx), ev->factor);
            print_window(in, ev->from, ev->to);
            printf("\n");
        }
    }
}

static void summary_disruptions(const hp_instance *in)
{
    if (in->n_devents == 0)
        return;
    printf("disruption events (%d%s):\n", in->n_devents,
           in->correlation ? ", correlated" : ", independent");
    for (int e = 0; e < in->n_devents; e++) {
        const hp_devent *de = &in->devents[e];
        printf("  %-14s %s %s, probability %g per quarter, ", de->name,
               de->supplier >= 0 ? "supplier" : "region", target(in, de->supplier, de->region_idx),
               de->probability);
        if (de->dmin == de->dmax)
            printf("%d quarter%s", de->dmin, de->dmin == 1 ? "" : "s");
        else
            printf("%d-%d quarters", de->dmin, de->dmax);
        printf(", factor %g, ", de->factor);
        print_window(in, de->from, de->to);
        printf("\n");
    }
}

int cli_cmd_check(int argc, char **argv)
{
    static const cli_command cmd = {"check", CLI_CHECK, 0, 1, help};
    cli_opts o;
    hp_instance *in = NULL;
    const char *file;
    char a[16], b[16];
    int rc, rows = 0, cols = 0, ints = 0;
    size_t nnz = 0;
    hp_status st;

    rc = cli_parse(&cmd, argc, argv, &o);
    if (rc >= 0)
        goto cleanup;
    file = o.files[0];
    rc = cli_load(file, &o, &in);
    if (rc)
        goto cleanup;
    /* sizing builds the model: the guard of plan first, and Ctrl-C heard */
    rc = cli_exit_of(hp_plan_check_memory(in, &o.plan));
    if (rc)
        goto cleanup;
    if (cli_interrupted) {
        fprintf(stderr, "%s: interrupted\n", file);
        rc = CLI_EXIT_IO;
        goto cleanup;
    }
    st = hp_model_size(in, &rows, &cols, &ints, &nnz);
    if (st == HP_OK && cli_interrupted) {
        fprintf(stderr, "%s: interrupted\n", file);
        rc = CLI_EXIT_IO;
        goto cleanup;
    }
    if (st != HP_OK) {
        fprintf(stderr, "%s: building the model failed: %s\n", file, hp_status_str(st));
        rc = st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
        goto cleanup;
    }
    hp_quarter_label(in, 0, a, sizeof a);
    hp_quarter_label(in, in->T - 1, b, sizeof b);
    printf("%s: valid\n", file);
    printf("name: %s\n", in->name);
    printf("horizon: %s-%s (%d quarter%s)\n", a, b, in->T, in->T == 1 ? "" : "s");
    summary_products(in);
    summary_sources(in);
    summary_restrictions(in);
    summary_scenarios(in);
    summary_disruptions(in);
    printf("risk: %s", hp_measure_str(in->measure));
    if (in->measure == HP_MEASURE_CVAR)
        printf(" at alpha %g", in->alpha);
    if (in->max_contracts > 0)
        printf("; at most %d contract%s", in->max_contracts, in->max_contracts == 1 ? "" : "s");
    printf("\n");
    printf("model: %d rows, %d columns (%d integer), %zu nonzeros\n", rows, cols, ints, nnz);
cleanup:
    hp_instance_free(in);
    cli_opts_free(&o);
    return rc;
}
