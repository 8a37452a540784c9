/* hreeplan pareto FILE: the cost-risk front by the epsilon-constraint method
 * (MODEL.md "Plans"; solver/pareto.h runs the sweep on one model, warm-
 * starting every point from the previous basis). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../models/plan/decompose.h"
#include "../models/plan/diagnose.h"
#include "../models/formulation/model.h"
#include "../solver/pareto.h"
#include "../models/report/chart.h"
#include "cli.h"
#include "../models/report/pareto_out.h"

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
        "  --format text|csv|json     report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --chart FILE.svg           draw the front with gnuplot (knee marked)\n"
        "  --progress                 one line per point on stderr (default: when stderr\n"
        "                             is a terminal)\n"
        "  --backend glpk|cbc         solver (default glpk)\n"
        "  --time-limit SEC           solver time limit per solve\n"
        "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --max-memory MB            refuse a model larger than this (default 4096)\n"
        "  --no-timing                leave solver seconds out (byte-stable output)\n");
}

typedef struct sweep_ctx {
    const hp_model *m;
    const hp_backend_ops *ops;
    hp_plan **plans;
    int n; /**< points */
    int progress;
} sweep_ctx;

/* Reads the plan of a point; its risk is recomputed from the plan itself
 * (MODEL.md), since a cost-minimising solve may leave the RISK column of a
 * CVaR model anywhere between the plan's CVaR and eps. */
static hp_status on_point(void *vctx, hp_pareto_point *pt, const double *x, const double *y)
{
    sweep_ctx *c = vctx;
    hp_plan *pl = NULL;
    hp_status st;
    int n = pt->index;
    (void)y; /* the front reports no duals */
    st =
        hp_plan_extract(c->m, x, NULL, &pt->result, n == c->n - 1 ? HP_OBJ_RISK : HP_OBJ_COST, &pl);
    if (st != HP_OK)
        return st;
    pl->backend = c->ops->name;
    pl->backend_version = c->ops->version();
    pt->cost = pl->cost_total;
    pt->risk = hp_plan_measure(pl, c->m->measure);
    hp_plan_free(c->plans[n]);
    c->plans[n] = pl;
    return HP_OK;
}

static void on_progress(void *vctx, int done, int total, const hp_pareto_point *pt)
{
    sweep_ctx *c = vctx;
    if (!c->progress)
        return;
    if (pt->result.has_solution)
        fprintf(stderr,
                "pareto: %d/%d point %d: eps %.4g, cost %.2f USD m, risk %.4g, %s (%.2f s)\n", done,
                total, pt->index, pt->eps, pt->cost / 1e6, pt->risk,
                hp_sol_status_str(pt->result.status), pt->result.seconds);
    else
        fprintf(stderr, "pareto: %d/%d point %d: eps %.4g, %s\n", done, total, pt->index, pt->eps,
                hp_sol_status_str(pt->result.status));
}

/* Writes the chart, then the report: a failed chart leaves no report
 * either.  Returns the exit code. */
static int write_front(const hp_front_run *fr, const hp_cli_opts *o)
{
    hp_out out;
    char err[512] = "";
    int rc;
    if (o->chart && hp_front_chart(o->chart, fr, err, sizeof err)) {
        fprintf(stderr, "hreeplan: %s: %s\n", o->chart, err);
        return HP_EXIT_IO;
    }
    rc = hp_out_open(&out, o->out);
    if (rc)
        return rc;
    if (hp_front_report(out.f, fr, o->format) != HP_OK)
        return hp_out_fail(&out, 0);
    return hp_out_commit(&out);
}

/* The front by the L-shaped method (models/decompose.h): no extensive
 * model; each point is a decomposed solve. */
static int run_lshaped(const char *file, hp_instance *inst, const hp_model_opts *mo,
                       const hp_cli_opts *o)
{
    hp_lshaped_opts lo;
    hp_lshaped_stats ls;
    hp_pareto *front = NULL;
    hp_plan **plans = calloc((size_t)o->points, sizeof *plans);
    hp_front_run fr;
    char sha[65];
    int rc = HP_EXIT_OK;
    hp_status st;

    if (!plans) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return HP_EXIT_IO;
    }
    hp_lshaped_opts_default(&lo);
    lo.tolerance = o->tolerance;
    lo.cut_groups = o->cut_groups;
    lo.threads = o->threads;
    lo.time_limit = o->time_limit;
    lo.mip_gap = o->mip_gap;
    lo.interrupt = &hp_cli_interrupted;
    st = hp_decompose_front(inst, mo, &lo, o->points, &hp_cli_interrupted, &front, plans, &ls);
    if (st == HP_EINFEASIBLE) {
        fprintf(stderr, "%s: no plan satisfies the hard constraints (storage limits)\n", file);
        rc = HP_EXIT_INFEASIBLE;
        goto cleanup;
    }
    if (st == HP_ESOLVER) {
        fprintf(stderr, "%s: the L-shaped method stopped without an end of the front\n", file);
        rc = HP_EXIT_SOLVER;
        goto cleanup;
    }
    if (st != HP_OK) {
        fprintf(stderr, "%s: the front failed: %s\n", file, hp_status_str(st));
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    if (front->interrupted) {
        fprintf(stderr, "hreeplan pareto: interrupted after %d of %d points; no report written\n",
                front->n_solved, front->n);
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    fprintf(stderr, "%s: L-shaped front: %d points, %d iterations, %.2f s\n", file, front->n,
            ls.iterations, ls.seconds);
    memset(&fr, 0, sizeof fr);
    fr.inst = inst;
    fr.file = file;
    fr.sha256 = hp_sha256_file(file, sha) == 0 ? sha : NULL;
    fr.measure = mo->measure;
    fr.alpha = mo->alpha;
    fr.front = front;
    fr.plans = plans;
    fr.backend = plans[0]->backend;
    fr.backend_version = plans[0]->backend_version;
    fr.rows = plans[0]->rows;
    fr.cols = plans[0]->cols;
    fr.nnz = plans[0]->nnz;
    fr.timing = o->timing;
    rc = write_front(&fr, o);
cleanup:
    for (int i = 0; i < o->points; i++)
        hp_plan_free(plans[i]);
    free(plans);
    hp_pareto_free(front);
    return rc;
}

/* Builds the model, runs the sweep and writes report and chart. */
static int run(const char *file, hp_instance *inst, const hp_model_opts *mo, const hp_cli_opts *o)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    hp_model *m = NULL;
    hp_solver s;
    hp_pareto_opts po;
    hp_pareto *front = NULL;
    sweep_ctx c = {0};
    hp_front_run fr;
    char err[512] = "", sha[65];
    int rc = HP_EXIT_OK, opened = 0;
    hp_status st;

    memset(&s, 0, sizeof s);
    if (!ops) {
        fprintf(stderr, "hreeplan: backend '%s' is not built\n", o->backend);
        return HP_EXIT_USAGE;
    }
    rc = hp_cli_check_memory(inst, o);
    if (rc)
        return rc;
    /* the decomposed front only when asked for: with `auto` the extensive
     * sweep stays, its warm starts make each further point cheap */
    if (o->method == HP_METHOD_LSHAPED)
        return run_lshaped(file, inst, mo, o);
    st = hp_model_build(inst, mo, &m);
    if (st != HP_OK) {
        fprintf(stderr, "%s: building the model failed: %s\n", file, hp_status_str(st));
        return st == HP_EINVAL ? HP_EXIT_USAGE : HP_EXIT_IO;
    }
    st = hp_solver_open(&s, ops, m->lp, err, sizeof err);
    if (st != HP_OK) {
        fprintf(stderr, "%s: the model was refused: %s\n", file, err[0] ? err : hp_status_str(st));
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    opened = 1;
    c.m = m;
    c.ops = ops;
    c.n = o->points;
    c.progress = o->progress || isatty(2);
    c.plans = calloc((size_t)o->points, sizeof *c.plans);
    if (!c.plans) {
        fprintf(stderr, "hreeplan: out of memory\n");
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    hp_pareto_opts_default(&po);
    po.points = o->points;
    po.solve.time_limit = o->time_limit;
    po.solve.mip_gap = o->mip_gap;
    po.interrupt = &hp_cli_interrupted;
    po.on_point = on_point;
    po.on_progress = on_progress;
    po.ctx = &c;
    st = hp_pareto_sweep(&s, m->cost_col, m->risk_col, &po, &front);
    if (st == HP_EINFEASIBLE) {
        hp_cli_report_infeasible(m, ops);
        rc = HP_EXIT_INFEASIBLE;
        goto cleanup;
    }
    if (st == HP_ESOLVER) {
        int end = front && !front->pts[0].result.has_solution ? 0 : o->points - 1;
        fprintf(stderr, "%s: the solver stopped (%s) without a %s plan\n", file,
                front ? hp_sol_status_str(front->pts[end].result.status) : "failed",
                end == 0 ? "cost-minimal" : "risk-minimal");
        rc = HP_EXIT_SOLVER;
        goto cleanup;
    }
    if (st != HP_OK) {
        fprintf(stderr, "%s: the front failed: %s\n", file, hp_status_str(st));
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    if (front->interrupted) {
        fprintf(stderr, "hreeplan pareto: interrupted after %d of %d points; no report written\n",
                front->n_solved, front->n);
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    memset(&fr, 0, sizeof fr);
    fr.inst = inst;
    fr.file = file;
    fr.sha256 = hp_sha256_file(file, sha) == 0 ? sha : NULL;
    fr.measure = m->measure;
    fr.alpha = m->alpha;
    fr.front = front;
    fr.plans = c.plans;
    fr.backend = ops->name;
    fr.backend_version = ops->version();
    fr.rows = hp_lp_nrows(m->lp);
    fr.cols = hp_lp_ncols(m->lp);
    fr.nnz = hp_lp_nnz(m->lp);
    fr.timing = o->timing;
    rc = write_front(&fr, o);
cleanup:
    if (c.plans)
        for (int i = 0; i < o->points; i++)
            hp_plan_free(c.plans[i]);
    free(c.plans);
    hp_pareto_free(front);
    if (opened)
        hp_solver_close(&s);
    hp_model_free(m);
    return rc;
}

int hp_cmd_pareto(int argc, char **argv)
{
    hp_cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
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
            fprintf(stderr, "hreeplan pareto: unexpected argument '%s' (see --help)\n", argv[i]);
            return HP_EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        fprintf(stderr, "hreeplan pareto: missing instance FILE (see --help)\n");
        return HP_EXIT_USAGE;
    }
    if (o.objective != HP_OBJ_COST)
        fprintf(stderr, "hreeplan pareto: --objective is ignored: the front holds both ends\n");
    rc = hp_cli_load(file, &inst);
    if (rc)
        return rc;
    rc = hp_cli_prepare(inst, &o, &mo);
    if (rc == HP_EXIT_OK)
        rc = run(file, inst, &mo, &o);
    hp_instance_free(inst);
    return rc;
}
