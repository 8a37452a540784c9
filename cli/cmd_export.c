/* hreeplan export FILE: write the model for other solvers and for the
 * MathProg reference model (models/hreeplan.mod). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../models/formulation/export.h"
#include "../models/formulation/model.h"
#include "cli.h"

static void help(void)
{
    printf(
        "usage: hreeplan export FILE [--lp OUT] [--mps OUT] [--mathprog-data OUT]\n"
        "                            [--smps PREFIX] [options]\n\n"
        "Writes the model of the instance (at least one output is required).\n\n"
        "  --lp OUT                   CPLEX LP file of hreeplan's formulation\n"
        "  --mps OUT                  free MPS file of the same\n"
        "  --mathprog-data OUT        data section for models/hreeplan.mod:\n"
        "                               glpsol -m models/hreeplan.mod -d OUT\n"
        "  --smps PREFIX              the two-stage stochastic program in SMPS:\n"
        "                             PREFIX.cor (core: scenario 1, free MPS), PREFIX.tim,\n"
        "                             PREFIX.sto (SCENARIOS DISCRETE); solve it with\n"
        "                             hreeplan smps PREFIX.cor PREFIX.tim PREFIX.sto.\n"
        "                             Orders and contracts are decided before any\n"
        "                             scenario is known (two-stage information)\n"
        "  --objective cost|risk      objective set in the LP/MPS/SMPS files: the expected\n"
        "                             cost or the risk measure (default cost); for the .mod, give\n"
        "                             param obj := 'risk'; in a second data file\n"
        "  --measure shortage|cvar|exposure   risk measure (default: the instance's, else cvar)\n"
        "  --alpha A                  CVaR level (default: the instance's, else 0.9)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --information tree|two-stage  non-anticipativity rows of the scenario tree\n"
        "                             (default tree) or none (--smps: always two-stage)\n"
        "  --adaptive-orders          orders after the first quarter per node of the tree\n"
        "                             (LP, MPS, MathProg data: param adaptive; not --smps)\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; checked like the file\n\n"
        "Each output is written atomically: a failed run leaves no OUT (and --smps\n"
        "writes its three files or none).\n");
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

/* What the SMPS files hold, once they are in place. */
static void smps_note(const hp_instance *inst, const cli_opts *o)
{
    fprintf(stderr,
            "hreeplan export: %s.{cor,tim,sto}: the two-stage model: orders and contracts are "
            "decided before any scenario is known, the rest per scenario (%d scenario%s); SMPS's "
            "two-stage form cannot state a scenario tree\n",
            o->smps, inst->n_scenarios, inst->n_scenarios == 1 ? "" : "s");
    if (inst->spot_factor && o->plan.objective != HP_OBJ_RISK)
        fprintf(stderr,
                "hreeplan export: %s.sto: the scenarios' spot prices are random recourse costs: "
                "solve with smps --method extensive (the L-shaped method needs fixed recourse)\n",
                o->smps);
}

/* The three SMPS files: all committed or none. */
static int write_smps(const hp_instance *inst, const hp_model_opts *mo, const cli_opts *o,
                      cli_out *out)
{
    char err[512];
    hp_status st;
    int rc = 0;
    for (int k = 0; k < 3 && !rc; k++)
        rc = cli_out_open(&out[k], o->smps_files[k]);
    if (rc)
        return rc;
    st = hp_export_smps(out[0].f, out[1].f, out[2].f, inst, mo, o->plan.objective == HP_OBJ_RISK,
                        err, sizeof err);
    if (st == HP_EIO) {
        /* which file failed is not known: name the prefix */
        fprintf(stderr, "hreeplan: %s.{cor,tim,sto}: cannot write: %s\n", o->smps, strerror(errno));
        return CLI_EXIT_IO;
    }
    if (st != HP_OK) {
        fprintf(stderr, "hreeplan export: %s\n", err);
        return st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
    }
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
    /* the data, LP, MPS and the three SMPS outputs, all committed at the end */
    cli_out out[6];
    int committed = 0;
    int rc = cli_parse(&cmd, argc, argv, &o);

    memset(out, 0, sizeof out);
    if (rc >= 0)
        goto cleanup;
    if (!o.lp && !o.mps && !o.dat && !o.smps) {
        fprintf(stderr, "hreeplan export: nothing to write: give --lp, --mps, --mathprog-data or "
                        "--smps (see --help)\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    if (o.plan.adaptive_orders && o.smps) {
        fprintf(stderr, "hreeplan export: --adaptive-orders and --smps do not go together: SMPS "
                        "describes a two-stage model, whose orders are shared by every "
                        "scenario\n");
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
    if (!rc && o.smps) {
        rc = write_smps(inst, &mo, &o, &out[3]);
        if (!rc && stopped(inst->file))
            rc = CLI_EXIT_IO;
    }
    for (int k = 0; k < 6 && !rc; k++)
        if (out[k].f || out[k].path) {
            rc = cli_out_commit(&out[k]);
            committed = k + 1;
        }
    /* a failed commit of a later SMPS file takes back the earlier ones */
    for (int k = 3; rc && k < committed - 1; k++)
        if (o.smps_files[k - 3])
            unlink(o.smps_files[k - 3]);
    if (!rc && o.smps)
        smps_note(inst, &o);
cleanup:
    for (int k = 0; k < 6; k++)
        if (out[k].f || out[k].path)
            cli_out_abort(&out[k]);
    hp_model_free(m);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
