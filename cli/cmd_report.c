/* hreeplan report FILE: the planner's one HTML file (models/report/html.h):
 * the expected-cost plan, the cost-risk front, and the plan simulated on
 * fresh disruption paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../models/report/html.h"
#include "../models/simulate/simulate.h"
#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan report FILE [-o REPORT.html] [options]\n\n"
           "Writes one self-contained HTML page for a planner: the headline, the orders to\n"
           "place now, the cost-risk front with its knee, the stock path per product, the\n"
           "scenarios side by side, the plan on fresh disruption paths, shadow prices in\n"
           "words and the run record.  No script, nothing fetched; byte-identical on rerun.\n\n"
           "  -o FILE                    write the page to FILE atomically (default stdout)\n"
           "  --points N                 points of the front (default 11)\n"
           "  --samples N                simulated paths (default 10000; the instance's\n"
           "                             scenarios when it has no disruption process)\n"
           "  --seed S                   seed of sampled paths (default 1)\n"
           "  --information tree|two-stage  recourse by node of the scenario tree (default)\n"
           "                             or with each scenario's future known\n"
           "  --value-of-information     also WS, EEV, RP, EVPI and VSS, in words and a table\n"
           "  --near-optimal SLACK --minimise-share REGION   report the plan with the least\n"
           "                             share of REGION within SLACK of the least spend,\n"
           "                             with what moved in its order book\n"
           "  --ranges                   with each shadow price, the right-hand side over which\n"
           "                             it holds (GLPK)\n"
           "  --progress                 a line on stderr per point of the front, per tenth of\n"
           "                             the paths and per L-shaped iteration or solve of\n"
           "                             --value-of-information (default: on a terminal, once\n"
           "                             the run has taken a second)\n"
           "  --measure, --alpha, --backend, --time-limit, --mip-gap, --sample-scenarios,\n"
           "  --method, --threads, --max-memory   as for `hreeplan plan`\n"
           "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
           "                             products[0].demand=120; checked like the file\n");
}

/* A point of the front as a progress line. */
static void on_point(void *ctx, int done, int total, const hp_pareto_point *pt)
{
    char line[160];
    snprintf(line, sizeof line, "front point %d of %d: %s", done, total,
             hp_sol_status_str(pt->result.status));
    cli_progress_line(ctx, line);
}

typedef struct sim_progress {
    cli_progress *pg;
    int tenth; /**< tenths of the paths reported */
} sim_progress;

/* Every tenth of the simulated paths as a progress line. */
static int on_paths(void *ctx, long done, long total)
{
    sim_progress *sp = ctx;
    int tenth = total > 0 ? (int)(10 * done / total) : 10;
    if (tenth > sp->tenth) {
        char line[96];
        snprintf(line, sizeof line, "simulated %ld of %ld paths", done, total);
        cli_progress_line(sp->pg, line);
        sp->tenth = tenth;
    }
    return cli_interrupted;
}

/* The plan on fresh paths: sampled from the instance's disruption process,
 * or its own scenarios when it has none.  0 or the exit code. */
static int simulate(const hp_instance *inst, const hp_plan *plan, const cli_opts *o,
                    cli_progress *pg, hp_sim_result **out)
{
    sim_progress sp = {pg, 0};
    double *x = NULL;
    int *z = NULL, rc = CLI_EXIT_OK;
    hp_sim_opts so;
    hp_status st;
    if (hp_sim_plan_arrays(plan, &x, &z) != HP_OK) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return CLI_EXIT_IO;
    }
    hp_sim_opts_default(&so);
    so.samples = o->samples;
    so.seed = o->plan.sample_scenarios > 0 ? o->plan.seed + CLI_SEED_SHIFT : o->plan.seed;
    so.paths = inst->n_devents > 0 ? HP_PATHS_SAMPLE : HP_PATHS_SCENARIOS;
    so.threads = o->plan.threads;
    so.cancel = &cli_interrupted;
    if (o->plan.step) {
        so.progress = on_paths;
        so.progress_ctx = &sp;
    }
    st = hp_simulate(inst, x, z, &so, out);
    if (st != HP_OK) {
        fprintf(stderr, "%s: simulation failed: %s\n", o->files[0], hp_status_str(st));
        rc = st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
    } else if ((*out)->stopped || cli_interrupted) {
        fprintf(stderr, "hreeplan report: interrupted; no report written\n");
        rc = CLI_EXIT_IO;
    }
    free(x);
    free(z);
    return rc;
}

int cli_cmd_report(int argc, char **argv)
{
    static const cli_command cmd = {"report", CLI_REPORT, 0, 0, help};
    cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    hp_front_result res = {0};
    hp_front_run fr;
    hp_sim_result *sim = NULL;
    hp_sim_entry se;
    hp_html_input in;
    hp_run_record run;
    cli_progress pg;
    const char *shas[1];
    char sha[65];
    cli_out out;
    int rc = cli_parse(&cmd, argc, argv, &o);

    if (rc >= 0)
        goto cleanup;
    o.plan.objective = HP_OBJ_COST;
    if ((o.plan.near_slack >= 0.0) != (o.plan.near_region != NULL)) {
        fprintf(stderr, "hreeplan report: --near-optimal SLACK and --minimise-share REGION go "
                        "together\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    cli_progress_start(&pg, "report", &o);
    if (o.plan.step) {
        o.plan.progress = on_point;
        o.plan.progress_ctx = &pg;
    }
    rc = cli_load(o.files[0], &o, &inst);
    if (rc)
        goto cleanup;
    rc = cli_exit_of(hp_plan_prepare(inst, &o.plan, &mo));
    if (!rc && o.plan.near_slack >= 0.0)
        rc = cli_exit_of(hp_plan_near_optimal(inst, &mo, &o.plan, &plan));
    else if (!rc)
        rc = cli_exit_of(hp_plan_solve(inst, &mo, &o.plan, &plan));
    if (!rc && o.plan.value_of_information)
        rc = cli_exit_of(hp_plan_value_of_information(inst, &mo, &o.plan, plan));
    if (!rc)
        rc = cli_exit_of(hp_front_solve(inst, &mo, &o.plan, &res));
    if (!rc)
        rc = simulate(inst, plan, &o, &pg, &sim);
    if (rc)
        goto cleanup;
    shas[0] = cli_sha256_inst(inst, sha) == 0 ? sha : NULL;
    cli_run_record(&o, shas, 1, &run);
    hp_front_run_from(&fr, inst, o.files[0], &res);
    fr.sha256 = shas[0];
    fr.run = &run;
    se.label = o.plan.near_slack >= 0.0 ? "near-optimal" : "expected-cost";
    se.plan = plan;
    se.sim = sim;
    memset(&in, 0, sizeof in);
    in.file = o.files[0];
    in.plan = plan;
    in.front = &fr;
    in.sim = &se;
    in.n_sim = 1;
    in.run = &run;
    rc = cli_out_open(&out, o.out);
    if (rc)
        goto cleanup;
    if (hp_html_report(out.f, &in) != HP_OK) {
        rc = cli_out_fail(&out, 0);
        goto cleanup;
    }
    rc = cli_out_commit(&out);
cleanup:
    hp_sim_result_free(sim);
    hp_front_result_free(&res);
    hp_plan_free(plan);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
