/* hreeplan export FILE: write the model for other solvers and for the
 * MathProg reference model (models/hreeplan.mod). */
#include <stdio.h>
#include <string.h>

#include "../models/formulation/export.h"
#include "../models/formulation/model.h"
#include "cli.h"

static void help(void)
{
    printf(
        "usage: hreeplan export FILE [--lp OUT] [--mps OUT] [--mathprog-data OUT] [options]\n\n"
        "Writes the model of the instance (at least one output is required).\n\n"
        "  --lp OUT                   CPLEX LP file of hreeplan's formulation\n"
        "  --mps OUT                  free MPS file of the same\n"
        "  --mathprog-data OUT        data section for models/hreeplan.mod:\n"
        "                               glpsol -m models/hreeplan.mod -d OUT\n"
        "  --objective cost|risk      objective set in the LP/MPS file: the COST or the\n"
        "                             RISK column (default cost); for the .mod, give\n"
        "                             param obj := 'risk'; in a second data file\n"
        "  --measure shortage|cvar|exposure   risk measure (default: the instance's, else cvar)\n"
        "  --alpha A                  CVaR level (default: the instance's, else 0.9)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --information tree|two-stage  non-anticipativity rows of the scenario tree\n"
        "                             (default tree) or none\n\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; checked like the file\n\n"
        "Each output is written atomically: a failed run leaves no OUT.\n");
}

/* LP or MPS into the temporary file of an atomic output (the backend
 * opens the path itself); committed by the caller. */
static int write_model(const hp_model *m, const cli_opts *o, cli_out *out, const char *path,
                       hp_write_fmt fmt)
{
    hp_status st;
    int rc = cli_out_open(out, path);
    if (rc)
        return rc;
    st = hp_plan_write_model(m, o->plan.objective, out->tmp ? out->tmp : out->path, fmt, &o->plan);
    if (st == HP_ESOLVER) {
        cli_out_abort(out);
        return CLI_EXIT_IO;
    }
    if (st != HP_OK)
        return cli_out_fail(out, st == HP_ENOMEM);
    return CLI_EXIT_OK;
}

static int write_data(const hp_instance *inst, const hp_model_opts *mo, cli_out *out,
                      const char *path)
{
    hp_status st;
    int rc = cli_out_open(out, path);
    if (rc)
        return rc;
    st = hp_export_mathprog(out->f, inst, mo);
    if (st != HP_OK)
        return cli_out_fail(out, st == HP_ENOMEM);
    return CLI_EXIT_OK;
}

/* Ctrl-C: nothing is committed, the command exits 1. */
static int stopped(const char *file)
{
    if (!cli_interrupted)
        return 0;
    fprintf(stderr, "%s: interrupted; nothing written\n", file);
    return 1;
}

int cli_cmd_export(int argc, char **argv)
{
    static const cli_command cmd = {"export", CLI_EXPORT, 0, 0, help};
    cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_model *m = NULL;
    hp_status st;
    /* the data, LP and MPS outputs, all committed at the end */
    cli_out out[3];
    int rc = cli_parse(&cmd, argc, argv, &o);

    memset(out, 0, sizeof out);
    if (rc >= 0)
        goto cleanup;
    if (!o.lp && !o.mps && !o.dat) {
        fprintf(stderr, "hreeplan export: nothing to write: give --lp, --mps or --mathprog-data "
                        "(see --help)\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    rc = cli_load(o.files[0], &o, &inst);
    if (rc)
        goto cleanup;
    rc = cli_exit_of(hp_plan_prepare(inst, &o.plan, &mo));
    if (rc)
        goto cleanup;
    /* the model is built below (and by the data writer's checks): the same
     * memory guard as plan, before anything is built */
    rc = cli_exit_of(hp_plan_check_memory(inst, &o.plan));
    if (rc || (rc = stopped(inst->file) ? CLI_EXIT_IO : 0))
        goto cleanup;
    if (o.dat) {
        rc = write_data(inst, &mo, &out[0], o.dat);
        if (rc || (rc = stopped(inst->file) ? CLI_EXIT_IO : 0))
            goto cleanup;
    }
    if (o.lp || o.mps) {
        st = hp_model_build(inst, &mo, &m);
        if (st != HP_OK) {
            fprintf(stderr, "%s: building the model failed: %s\n", inst->file, hp_status_str(st));
            rc = st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
            goto cleanup;
        }
        if ((rc = stopped(inst->file) ? CLI_EXIT_IO : 0))
            goto cleanup;
        if (o.lp)
            rc = write_model(m, &o, &out[1], o.lp, HP_WRITE_LP);
        if (!rc && (rc = stopped(inst->file) ? CLI_EXIT_IO : 0) == 0 && o.mps)
            rc = write_model(m, &o, &out[2], o.mps, HP_WRITE_MPS);
        if (!rc && stopped(inst->file))
            rc = CLI_EXIT_IO;
    }
    for (int k = 0; k < 3 && !rc; k++)
        if (out[k].f || out[k].path)
            rc = cli_out_commit(&out[k]);
cleanup:
    for (int k = 0; k < 3; k++)
        if (out[k].f || out[k].path)
            cli_out_abort(&out[k]);
    hp_model_free(m);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
