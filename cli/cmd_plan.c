/* hreeplan plan FILE: solve and report one plan. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan plan FILE [options]\n\n"
           "Solves the instance and reports a cost-minimal or risk-minimal plan.\n\n"
           "  --objective cost|risk      which plan (default cost)\n"
           "  --measure shortage|cvar|exposure   risk measure (default: the instance's, else cvar)\n"
           "  --alpha A                  CVaR level (default: the instance's, else 0.9)\n"
           "  --format text|csv|json     report format (default text)\n"
           "  -o FILE                    write the report to FILE atomically\n"
           "  --backend glpk|cbc         solver (default glpk)\n"
           "  --time-limit SEC           solver time limit\n"
           "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
           "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
           "  --seed S                   seed for sampled paths (default 1)\n"
           "  --method extensive|lshaped|auto  extensive form, L-shaped decomposition, or\n"
           "                             L-shaped from 50 scenarios on (default auto)\n"
           "  --tolerance T              L-shaped relative gap (default 1e-6)\n"
           "  --cut-groups K             L-shaped cut groups (default 100)\n"
           "  --threads N                L-shaped recourse threads (default: all cores)\n"
           "  --max-memory MB            refuse a model larger than this (default 4096)\n"
           "  --no-timing                leave solver seconds out (byte-stable output)\n");
}

int hp_cmd_plan(int argc, char **argv)
{
    hp_cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    hp_out out;
    hp_report_meta meta;
    char sha[65];
    const char *file = NULL;
    int rc;

    hp_cli_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        int c;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help();
            return HP_EXIT_OK;
        }
        c = hp_cli_parse_common(argc, argv, &i, &o);
        if (c < 0)
            return HP_EXIT_USAGE;
        if (c > 0)
            continue;
        if (argv[i][0] == '-' || file) {
            fprintf(stderr, "hreeplan plan: unexpected argument '%s' (see --help)\n", argv[i]);
            return HP_EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        fprintf(stderr, "hreeplan plan: missing instance FILE (see --help)\n");
        return HP_EXIT_USAGE;
    }
    rc = hp_cli_load(file, &inst);
    if (rc)
        return rc;
    rc = hp_cli_prepare(inst, &o, &mo);
    if (rc)
        goto cleanup;
    rc = hp_cli_solve_plan(inst, &mo, &o, &plan, NULL);
    if (rc)
        goto cleanup;
    meta.file = file;
    meta.sha256 = hp_sha256_file(file, sha) == 0 ? sha : NULL;
    meta.timing = o.timing;
    rc = hp_out_open(&out, o.out);
    if (rc)
        goto cleanup;
    if (hp_report_plan(out.f, plan, o.format, &meta) != HP_OK) {
        rc = hp_out_fail(&out, 0);
        goto cleanup;
    }
    rc = hp_out_commit(&out);
cleanup:
    hp_plan_free(plan);
    hp_instance_free(inst);
    return rc;
}
