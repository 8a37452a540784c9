/* hreeplan pareto FILE: the cost-risk front by the epsilon-constraint method
 * (MODEL.md "Plans"; solver/pareto.h runs the sweep on one model, warm-
 * starting every point from the previous basis). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../models/report/chart.h"
#include "../models/report/pareto_out.h"
#include "cli.h"

static void help(void)
{
    printf(
        "usage: hreeplan pareto FILE [options]\n\n"
        "The cost-risk Pareto front: the cost-minimal plan, the risk-minimal plan and\n"
        "points between them evenly spaced in risk, each the cheapest plan whose risk\n"
        "is at most that value.  The knee (the point farthest from the straight line\n"
        "between the ends, costs and risks scaled to 0..1) is marked; points that\n"
        "repeat a plan already found are marked duplicate, weakly dominated points\n"
        "are marked and left off the front.\n\n"
        "  --points N                 points on the front, ends included (default 11)\n"
        "  --measure shortage|cvar|exposure   risk measure (default: the instance's, else cvar)\n"
        "  --alpha A                  CVaR level (default: the instance's, else 0.9)\n"
        "  --format text|csv|json|html  report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --chart FILE.svg           draw the front with gnuplot (knee and expected-cost plan\n"
        "                             marked, the span in the title)\n"
        "  --zero-axis                the chart's spend (or cost) axis starts at 0\n"
        "  --progress                 one line per point on stderr (default: when stderr\n"
        "                             is a terminal)\n"
        "  --backend glpk|cbc         solver (default glpk)\n"
        "  --time-limit SEC           solver time limit per solve\n"
        "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --information tree|two-stage  recourse by node of the scenario tree (default)\n"
        "                             or with each scenario's future known\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; checked like the file\n"
        "  --max-memory MB            refuse a model larger than this (default 4096)\n"
        "  --no-timing                leave solver seconds out (byte-stable output)\n");
}

static void on_progress(void *ctx, int done, int total, const hp_pareto_point *pt)
{
    (void)ctx;
    if (pt->result.has_solution)
        fprintf(stderr,
                "pareto: %d/%d point %d: eps %.4g, cost %.2f USD m, risk %.4g, %s (%.2f s)\n", done,
                total, pt->index, pt->eps, pt->cost / 1e6, pt->risk,
                hp_sol_status_str(pt->result.status), pt->result.seconds);
    else
        fprintf(stderr, "pareto: %d/%d point %d: eps %.4g, %s\n", done, total, pt->index, pt->eps,
                hp_sol_status_str(pt->result.status));
}

/* Writes the chart into its temporary file, then the report, and puts
 * both in place only when both were written: a failed chart leaves no
 * report, a failed report no chart.  Returns the exit code. */
static int write_front(const hp_front_run *fr, const cli_opts *o)
{
    cli_out out, ch;
    char err[512] = "";
    int rc;
    memset(&ch, 0, sizeof ch);
    if (o->chart && (rc = cli_out_open(&ch, o->chart)) != 0)
        return rc;
    if (o->chart && hp_front_chart(ch.tmp ? ch.tmp : o->chart, fr, err, sizeof err)) {
        fprintf(stderr, "hreeplan: %s: %s\n", o->chart, err);
        cli_out_abort(&ch);
        return CLI_EXIT_IO;
    }
    rc = cli_out_open(&out, o->out);
    if (rc == 0 && hp_front_report(out.f, fr, o->format) != HP_OK)
        rc = cli_out_fail(&out, 0);
    else if (rc == 0)
        rc = cli_out_commit(&out);
    if (rc == 0 && o->chart)
        return cli_out_commit(&ch);
    cli_out_abort(&ch);
    return rc;
}

int cli_cmd_pareto(int argc, char **argv)
{
    static const cli_command cmd = {"pareto", CLI_PARETO, 0, 0, help};
    cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_front_result res = {0};
    hp_front_run fr;
    hp_run_record run;
    const char *shas[1];
    char sha[65];
    int rc = cli_parse(&cmd, argc, argv, &o);

    if (rc >= 0)
        goto cleanup;
    if (o.plan.objective != HP_OBJ_COST)
        fprintf(stderr, "hreeplan pareto: --objective is ignored: the front holds both ends\n");
    rc = cli_load(o.files[0], &o, &inst);
    if (rc)
        goto cleanup;
    rc = cli_exit_of(hp_plan_prepare(inst, &o.plan, &mo));
    if (rc)
        goto cleanup;
    if (o.progress || isatty(2))
        o.plan.progress = on_progress;
    rc = cli_exit_of(hp_front_solve(inst, &mo, &o.plan, &res));
    if (rc)
        goto cleanup;
    hp_front_run_from(&fr, inst, o.files[0], &res);
    fr.sha256 = cli_sha256_inst(inst, sha) == 0 ? sha : NULL;
    fr.timing = o.timing;
    fr.zero_axis = o.zero_axis;
    shas[0] = fr.sha256;
    cli_run_record(&o, shas, 1, &run);
    fr.run = &run;
    rc = write_front(&fr, &o);
cleanup:
    hp_front_result_free(&res);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
