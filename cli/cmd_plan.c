/* hreeplan plan FILE: solve and report one plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../solver/par.h"
#include "cli.h"

/* CPU seconds of the process (the phases of HREEPLAN_PHASES) */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void help(void)
{
    printf(
        "usage: hreeplan plan FILE [options]\n\n"
        "Solves the instance and reports a cost-minimal or risk-minimal plan.\n\n"
        "  --objective cost|risk      which plan (default cost)\n"
        "  --budget B                 least risk with expected spend <= B USD (ties: least\n"
        "                             spend, then least expected cost)\n"
        "  --max-risk R               least expected spend with risk <= R (ties: least risk,\n"
        "                             then least expected cost)\n"
        "  --measure shortage|cvar|exposure   risk measure (default: the instance's, else cvar)\n"
        "  --alpha A                  CVaR level (default: the instance's, else 0.9)\n"
        "  --format text|csv|json|html  report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --backend glpk|cbc         solver (default glpk)\n"
        "  --time-limit SEC           solver time limit\n"
        "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --information tree|two-stage  recourse decided node by node of the scenario\n"
        "                             tree (default), or with each scenario's future known\n"
        "  --foresight                also solve two-stage; report the value of foresight\n"
        "  --adaptive-orders          orders after the first quarter are decided at the node of\n"
        "                             their ship quarter (a multi-stage plan): the report gives\n"
        "                             the first quarter's orders and the contingent ones\n"
        "                             (\"if CN stops in 2026Q2: order ...\"); tree information,\n"
        "                             extensive form, text/csv/json\n"
        "  --method extensive|lshaped|auto  extensive form, L-shaped decomposition, or\n"
        "                             L-shaped from 50 scenarios on (default auto); where the\n"
        "                             tree binds, L-shaped solves it in scenario bundles\n"
        "  --tolerance T              L-shaped relative gap (default 1e-6)\n"
        "  --cut-groups K             L-shaped cut groups (default 100)\n"
        "  --bundle-size K            L-shaped over the tree: nodes of more than K scenarios\n"
        "                             are decided in the master, the subtrees below them\n"
        "                             solved as bundles (default 16)\n"
        "  --threads N                L-shaped recourse threads (default: all cores)\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; checked like the file\n"
        "  --max-memory MB            refuse a model larger than this (default 4096)\n"
        "  --no-timing                leave solver seconds out (byte-stable output)\n"
        "  --progress                 a line on stderr per L-shaped iteration and per solve of\n"
        "                             --value-of-information (default: on a terminal, once the\n"
        "                             run has taken a second)\n\n"
        "What an analyst asks of a plan:\n"
        "  --ranges                   with each shadow price, the right-hand side over which it\n"
        "                             holds (GLPK's sensitivity analysis; extensive form)\n"
        "  --value-of-information     also WS, EEV, RP, EVPI = RP - WS and VSS = EEV - RP on the\n"
        "                             expected cost (spend + penalty)\n"
        "  --near-optimal SLACK --minimise-share REGION\n"
        "                             among plans with expected spend within SLACK (0.05 = 5%%)\n"
        "                             of the plan asked for (the expected-cost plan without\n"
        "                             --budget/--max-risk) and no more risk, the one with the\n"
        "                             least share of REGION; reports it and the order book before\n"
        "MIP plans report the shadow prices of the LP with the integer decisions fixed.\n");
}

int cli_cmd_plan(int argc, char **argv)
{
    static const cli_command cmd = {"plan", CLI_PLAN, 0, 0, help};
    cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    cli_out out;
    hp_report_meta meta;
    hp_run_record run;
    cli_progress pg;
    const char *shas[1];
    char sha[65];
    /* HREEPLAN_PHASES set: where the CPU time of a plan goes after start-up,
     * on stderr (for bench/latency.sh; not part of any report) */
    double t0 = cpu_now(), t[5] = {t0, 0, 0, 0, 0};
    int rc = cli_parse(&cmd, argc, argv, &o);

    if (rc >= 0)
        goto cleanup;
    if ((o.plan.near_slack >= 0.0) != (o.plan.near_region != NULL)) {
        fprintf(stderr, "hreeplan plan: --near-optimal SLACK and --minimise-share REGION go "
                        "together\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    if (o.plan.adaptive_orders && o.format == HP_FMT_HTML) {
        fprintf(stderr, "hreeplan plan: --adaptive-orders: the HTML page does not show contingent "
                        "orders; use --format text, csv or json\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    cli_progress_start(&pg, "plan", &o);
    rc = cli_load(o.files[0], &o, &inst);
    if (rc)
        goto cleanup;
    t[1] = cpu_now();
    rc = cli_exit_of(hp_plan_prepare(inst, &o.plan, &mo));
    if (rc)
        goto cleanup;
    t[2] = cpu_now();
    if (o.plan.near_slack >= 0.0)
        rc = cli_exit_of(hp_plan_near_optimal(inst, &mo, &o.plan, &plan));
    else
        rc = cli_exit_of(hp_plan_solve(inst, &mo, &o.plan, &plan));
    if (rc)
        goto cleanup;
    if (o.plan.value_of_information) {
        rc = cli_exit_of(hp_plan_value_of_information(inst, &mo, &o.plan, plan));
        if (rc)
            goto cleanup;
    }
    t[3] = cpu_now();
    meta.file = o.files[0];
    meta.sha256 = cli_sha256_inst(inst, sha) == 0 ? sha : NULL;
    meta.timing = o.timing;
    shas[0] = meta.sha256;
    cli_run_record(&o, shas, 1, &run);
    meta.run = &run;
    rc = cli_out_open(&out, o.out);
    if (rc)
        goto cleanup;
    /* under mpirun the other ranks' reports would be thrown away: they
     * skip the writing (a report solves nothing, so no rank waits) */
    if (hp_par_rank() == 0 && hp_report_plan(out.f, plan, o.format, &meta) != HP_OK) {
        rc = cli_out_fail(&out, 0);
        goto cleanup;
    }
    rc = cli_out_commit(&out);
    t[4] = cpu_now();
    if (rc == 0 && getenv("HREEPLAN_PHASES"))
        fprintf(stderr,
                "hreeplan plan: cpu ms: start-up %.3f, parse and check %.3f, prepare %.3f, "
                "build and solve %.3f (solver wall %.3f), report %.3f\n",
                1e3 * t0, 1e3 * (t[1] - t[0]), 1e3 * (t[2] - t[1]), 1e3 * (t[3] - t[2]),
                1e3 * plan->result.seconds, 1e3 * (t[4] - t[3]));
cleanup:
    hp_plan_free(plan);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
