/* hreeplan export FILE: write the model for other solvers and for the
 * MathProg reference model (models/hreeplan.mod). */
#include <stdio.h>
#include <string.h>

#include "../models/formulation/export.h"
#include "../models/formulation/model.h"
#include "../solver/backend.h"
#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan export FILE [--lp OUT] [--mps OUT] [--mathprog-data OUT] [options]\n\n"
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
           "  --seed S                   seed for sampled paths (default 1)\n\n"
           "Each output is written atomically: a failed run leaves no OUT.\n");
}

/* LP or MPS through the GLPK backend, into the temporary file of an atomic
 * output (the backend opens the path itself). */
static int write_model(const hp_instance *inst, const hp_model *m, hp_objective obj,
                       const char *path, hp_write_fmt fmt)
{
    hp_solver s;
    hp_out out;
    char err[256] = "";
    hp_status st;
    int rc;

    memset(&s, 0, sizeof s);
    st = hp_solver_open(&s, hp_backend_glpk(), m->lp, err, sizeof err);
    if (st != HP_OK) {
        fprintf(stderr, "%s: the model was refused: %s\n", inst->file,
                err[0] ? err : hp_status_str(st));
        return HP_EXIT_IO;
    }
    st = hp_solver_minimise_col(&s, obj == HP_OBJ_RISK ? m->risk_col : m->cost_col);
    if (st != HP_OK) {
        fprintf(stderr, "%s: setting the objective failed: %s\n", inst->file, hp_status_str(st));
        hp_solver_close(&s);
        return HP_EXIT_IO;
    }
    rc = hp_out_open(&out, path);
    if (rc) {
        hp_solver_close(&s);
        return rc;
    }
    st = s.ops->write(s.h, out.tmp ? out.tmp : out.path, fmt);
    hp_solver_close(&s);
    if (st != HP_OK) {
        return hp_out_fail(&out, st == HP_ENOMEM);
    }
    return hp_out_commit(&out);
}

static int write_data(const hp_instance *inst, const hp_model_opts *mo, const char *path)
{
    hp_out out;
    hp_status st;
    int rc = hp_out_open(&out, path);
    if (rc)
        return rc;
    st = hp_export_mathprog(out.f, inst, mo);
    if (st != HP_OK) {
        return hp_out_fail(&out, st == HP_ENOMEM);
    }
    return hp_out_commit(&out);
}

int hp_cmd_export(int argc, char **argv)
{
    hp_cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_model *m = NULL;
    const char *file = NULL, *lp = NULL, *mps = NULL, *dat = NULL;
    hp_status st;
    int rc;

    hp_cli_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        const char **target = NULL;
        int c;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help();
            return HP_EXIT_OK;
        }
        if (!strcmp(argv[i], "--lp"))
            target = &lp;
        else if (!strcmp(argv[i], "--mps"))
            target = &mps;
        else if (!strcmp(argv[i], "--mathprog-data"))
            target = &dat;
        if (target) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "hreeplan export: %s needs a file name\n", argv[i]);
                return HP_EXIT_USAGE;
            }
            *target = argv[++i];
            continue;
        }
        c = hp_cli_parse_common(argc, argv, &i, &o);
        if (c < 0)
            return HP_EXIT_USAGE;
        if (c > 0)
            continue;
        if (argv[i][0] == '-' || file) {
            fprintf(stderr, "hreeplan export: unexpected argument '%s' (see --help)\n", argv[i]);
            return HP_EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        fprintf(stderr, "hreeplan export: missing instance FILE (see --help)\n");
        return HP_EXIT_USAGE;
    }
    if (!lp && !mps && !dat) {
        fprintf(stderr, "hreeplan export: nothing to write: give --lp, --mps or --mathprog-data "
                        "(see --help)\n");
        return HP_EXIT_USAGE;
    }
    rc = hp_cli_load(file, &inst);
    if (rc)
        return rc;
    rc = hp_cli_prepare(inst, &o, &mo);
    if (rc)
        goto cleanup;
    if (dat) {
        rc = write_data(inst, &mo, dat);
        if (rc)
            goto cleanup;
    }
    if (lp || mps) {
        st = hp_model_build(inst, &mo, &m);
        if (st != HP_OK) {
            fprintf(stderr, "%s: building the model failed: %s\n", inst->file, hp_status_str(st));
            rc = st == HP_EINVAL ? HP_EXIT_USAGE : HP_EXIT_IO;
            goto cleanup;
        }
        if (lp)
            rc = write_model(inst, m, o.objective, lp, HP_WRITE_LP);
        if (!rc && mps)
            rc = write_model(inst, m, o.objective, mps, HP_WRITE_MPS);
    }
cleanup:
    hp_model_free(m);
    hp_instance_free(inst);
    return rc;
}
