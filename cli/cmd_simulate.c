/* hreeplan simulate FILE: Monte-Carlo stress test of a plan (MODEL.md
 * "Sampled scenarios and simulation"; models/simulate.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../models/plan/plan_read.h"
#include "../models/report/chart.h"
#include "../models/report/sim_report.h"
#include "../models/simulate/simulate.h"
#include "cli.h"

/* Fresh paths for plans fitted on a sample drawn with seed S use seed
 * S + SEED_SHIFT, so that they are never evaluated on the paths they saw. */
#define SEED_SHIFT CLI_SEED_SHIFT

static void help(void)
{
    printf(
        "usage: hreeplan simulate FILE [options]\n\n"
        "Monte-Carlo stress test: fixes a plan's shipments and contracts and evaluates them\n"
        "on many disruption paths of the instance's `disruptions` process.\n\n"
        "  --plan PLAN.json           the plan written by `hreeplan plan --format json`\n"
        "                             (else the plan is solved first, see --objective)\n"
        "  --objective cost|risk      which plan to solve (default cost)\n"
        "  --information tree|two-stage  how the plan solved here was fitted (default tree)\n"
        "  --compare-objectives       solve the cost-minimal and the risk-minimal plan and\n"
        "                             simulate both on the same paths, side by side\n"
        "  --samples N                paths to sample (default 10000)\n"
        "  --seed S                   seed (default 1); path k depends only on (S, k).  When the\n"
        "                             plans are fitted here on --sample-scenarios paths drawn "
        "with\n"
        "                             S, the simulation uses fresh paths of seed S + 1000003\n"
        "  --paths sample|scenarios|mixed\n"
        "                             sample: the disruption process (default); scenarios: the\n"
        "                             instance's own scenarios weighted by probability (with\n"
        "                             --recourse lp this reproduces the plan's expected cost);\n"
        "                             mixed: sampled paths, each with a scenario drawn on top\n"
        "  --recourse rule|lp|rolling how stock-outs are met on each path:\n"
        "                             rule: greedy per quarter (default; a fast screen; the\n"
        "                             reserve before spot when cheaper, terminal stock scored);\n"
        "                             lp: the recourse LP of each path with its whole future\n"
        "                             known (a perfect-information bound, optimistic);\n"
        "                             rolling: each quarter re-plans the rest of the horizon\n"
        "                             from the path's state knowing only its history, and\n"
        "                             carries out that quarter (the policy a planner runs)\n"
        "  --rolling-scenarios N      rolling, sampled paths: continuations of the future per\n"
        "                             re-plan (default 20); on --paths scenarios the\n"
        "                             continuations are the scenarios that agree so far\n"
        "  --bins N                   histogram bins (default 20)\n"
        "  --threads N                worker threads (default: OpenBLAS's, OPENBLAS_NUM_THREADS)\n"
        "  --per-path-loop            evaluate path by path without BLAS (for comparison)\n"
        "  --chart FILE.svg           histograms of path cost and shortage (gnuplot)\n"
        "  --progress                 progress on stderr (automatic on a terminal for long runs)\n"
        "  --format text|csv|json|html  report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --measure, --alpha, --backend, --time-limit, --mip-gap, --sample-scenarios N,\n"
        "  --max-memory MB            as for `hreeplan plan` (they shape the solved plans);\n"
        "                             --max-memory also bounds the paths' memory (40 bytes a "
        "path)\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; checked like the file\n"
        "  --no-timing                leave run times out (byte-stable output)\n\n"
        "JSON: {\"samples\", \"seed\", \"paths\", \"recourse\", \"spend\", \"penalty\" and\n"
        "\"cost\" (spend + penalty): {mean, se, p50, p90, p95, p99, cvar95, ...},\n"
        "\"shortage\": {mean, se, prob_any, p90, p95, p99, cvar95, ...},\n"
        "\"parts\", \"quantities\", \"stockout\", \"histogram\"}; with --compare-objectives the\n"
        "per-plan keys move into \"plans\": [...].\n");
}

typedef struct progress {
    int tty;
    double last;
    int last_decile;
    const char *label;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int on_progress(void *ctx, long done, long total)
{
    progress *pg = ctx;
    if (pg->tty) {
        double t = now();
        if (t - pg->last >= 0.2 || done == total) {
            fprintf(stderr, "\rsimulate %s: %ld of %ld paths (%.0f%%)", pg->label, done, total,
                    100.0 * (double)done / (double)total);
            if (done == total)
                fputc('\n', stderr);
            pg->last = t;
        }
    } else {
        int dec = (int)(10 * done / total);
        if (dec > pg->last_decile) {
            fprintf(stderr, "simulate %s: %ld of %ld paths (%d%%)\n", pg->label, done, total,
                    10 * dec);
            pg->last_decile = dec;
        }
    }
    return cli_interrupted;
}

/* The checks between options, after the table has read them.  Returns -1
 * to go on, else the exit code. */
static int check_args(const cli_opts *o)
{
    if (o->compare_objectives && o->plan_file) {
        fprintf(stderr,
                "hreeplan simulate: --compare-objectives solves its own plans; drop --plan\n");
        return CLI_EXIT_USAGE;
    }
    if (o->per_path_loop && o->recourse != HP_RECOURSE_RULE) {
        fprintf(stderr, "hreeplan simulate: --per-path-loop applies to --recourse rule only\n");
        return CLI_EXIT_USAGE;
    }
    if (o->rolling_scenarios > 0 && o->recourse != HP_RECOURSE_ROLLING) {
        fprintf(stderr, "hreeplan simulate: --rolling-scenarios applies to --recourse rolling "
                        "only\n");
        return CLI_EXIT_USAGE;
    }
    if (o->recourse == HP_RECOURSE_ROLLING && o->paths == HP_PATHS_MIXED) {
        fprintf(stderr, "hreeplan simulate: --recourse rolling runs on --paths sample or "
                        "scenarios, not mixed\n");
        return CLI_EXIT_USAGE;
    }
    return -1;
}

typedef struct entry {
    hp_plan *plan;
    double *x;
    int *z;
    hp_sim_result *sim;
} entry;

static int write_chart(const char *path, const char *shown, const hp_sim_entry *e, int n)
{
    char *script = NULL, *data = NULL, err[256] = "";
    size_t len = 0;
    int rc = CLI_EXIT_OK;
    if (hp_sim_chart_script(e, n, &script, &data, &len) != HP_OK) {
        fprintf(stderr, "hreeplan: out of memory writing the chart\n");
        return CLI_EXIT_IO;
    }
    hp_chart_file f = {"hist.dat", data, len};
    if (hp_chart_run(path, 1000, 420, script, &f, 1, err, sizeof err) != 0) {
        fprintf(stderr, "%s: chart not written: %s\n", shown, err);
        rc = CLI_EXIT_IO;
    }
    free(script);
    free(data);
    return rc;
}

int cli_cmd_simulate(int argc, char **argv)
{
    static const cli_command cmd = {"simulate", CLI_SIMULATE, 0, 0, help};
    cli_opts a;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    entry ent[2];
    hp_sim_entry se[2];
    hp_sim_opts so;
    cli_out out, ch;
    hp_sim_meta meta;
    hp_run_record run;
    const char *shas[1];
    char sha[65];
    int rc, n = 1;
    static const char *const labels_cmp[2] = {"cost-minimal", "risk-minimal"};

    memset(ent, 0, sizeof ent);
    memset(&ch, 0, sizeof ch);
    rc = cli_parse(&cmd, argc, argv, &a);
    if (rc < 0)
        rc = check_args(&a);
    if (rc >= 0)
        goto cleanup;
    rc = cli_load(a.files[0], &a, &inst);
    if (rc)
        goto cleanup;
    rc = cli_exit_of(hp_plan_prepare(inst, &a.plan, &mo));
    if (rc)
        goto cleanup;
    if (a.paths != HP_PATHS_SCENARIOS && inst->n_devents == 0)
        fprintf(stderr,
                "%s: warning: no `disruptions` process: every sampled path has full "
                "availability\n",
                a.files[0]);
    if (a.plan_file) {
        rc = cli_exit_of(hp_plan_read(a.plan_file, inst, &ent[0].x, &ent[0].z, &a.plan));
        if (rc)
            goto cleanup;
    } else {
        n = a.compare_objectives ? 2 : 1;
        for (int k = 0; k < n; k++) {
            hp_plan_opts po = a.plan;
            if (a.compare_objectives)
                po.objective = k == 0 ? HP_OBJ_COST : HP_OBJ_RISK;
            /* the extensive form: the plan simulate has always stressed */
            po.method = HP_METHOD_EXTENSIVE;
            rc = cli_exit_of(hp_plan_solve(inst, &mo, &po, &ent[k].plan));
            if (rc)
                goto cleanup;
            if (hp_sim_plan_arrays(ent[k].plan, &ent[k].x, &ent[k].z) != HP_OK) {
                fprintf(stderr, "hreeplan: out of memory\n");
                rc = CLI_EXIT_IO;
                goto cleanup;
            }
        }
    }

    hp_sim_opts_default(&so);
    so.samples = a.samples;
    so.seed = a.plan.sample_scenarios > 0 && !a.plan_file ? a.plan.seed + SEED_SHIFT : a.plan.seed;
    so.paths = (hp_sim_paths)a.paths;
    so.recourse = (hp_recourse)a.recourse;
    so.threads = a.plan.threads;
    so.batched = !a.per_path_loop;
    so.bins = a.bins;
    if (a.rolling_scenarios > 0)
        so.rolling_scenarios = a.rolling_scenarios;
    so.keep_paths =
        a.chart != NULL || a.compare_objectives; /* paired differences, common chart bins */
    so.backend = hp_backend_find(a.plan.backend ? a.plan.backend : "glpk");
    so.cancel = &cli_interrupted;
    long npaths = so.paths == HP_PATHS_SCENARIOS ? inst->n_scenarios : so.samples;
    {
        /* per path: cost, spend and shortage, kept per plan for
         * --compare-objectives or --chart, plus the penalty and the copy the
         * quantile selection works on */
        double mb = (double)npaths * (24.0 * (so.keep_paths ? n : 1) + 16.0) / (1024.0 * 1024.0);
        if (mb > a.plan.max_memory_mb) {
            fprintf(stderr,
                    "hreeplan simulate: %ld paths would need about %.0f MB, more than --max-memory "
                    "%.0f MB\n",
                    npaths, mb, a.plan.max_memory_mb);
            rc = CLI_EXIT_USAGE;
            goto cleanup;
        }
    }
    progress pg = {isatty(2), 0.0, 0, ""};
    if (a.progress ||
        (pg.tty && (npaths >= 200000 || (so.recourse == HP_RECOURSE_LP && npaths >= 2000) ||
                    (so.recourse == HP_RECOURSE_ROLLING && npaths >= 100)))) {
        so.progress = on_progress;
        so.progress_ctx = &pg;
    }
    for (int k = 0; k < n; k++) {
        hp_status st;
        pg.label = a.compare_objectives ? labels_cmp[k] : "plan";
        pg.last_decile = 0;
        st = hp_simulate(inst, ent[k].x, ent[k].z, &so, &ent[k].sim);
        if (st != HP_OK) {
            fprintf(stderr, "%s: simulation failed: %s\n", a.files[0], hp_status_str(st));
            rc = st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
            goto cleanup;
        }
        if (ent[k].sim->stopped || cli_interrupted) {
            if (pg.tty && so.progress)
                fputc('\n', stderr);
            fprintf(stderr, "hreeplan simulate: interrupted; no report written\n");
            rc = CLI_EXIT_IO;
            goto cleanup;
        }
        se[k].label = a.compare_objectives ? labels_cmp[k]
                      : ent[k].plan        ? (ent[k].plan->objective == HP_OBJ_RISK ? "risk-minimal"
                                                                                    : "cost-minimal")
                                           : "plan";
        se[k].plan = ent[k].plan;
        se[k].sim = ent[k].sim;
    }
    if (a.plan.threads > ent[0].sim->threads)
        fprintf(
            stderr,
            "hreeplan simulate: note: --threads %d: ran on %d (at most one per block of paths)\n",
            a.plan.threads, ent[0].sim->threads);

    memset(&meta, 0, sizeof meta);
    meta.file = a.files[0];
    meta.sha256 = cli_sha256_inst(inst, sha) == 0 ? sha : NULL;
    meta.timing = a.timing;
    meta.fitted_on_sample = a.plan.sample_scenarios > 0;
    meta.fit_seed = a.plan.seed;
    meta.plan_file = a.plan_file;
    shas[0] = meta.sha256;
    cli_run_record(&a, shas, 1, &run);
    meta.run = &run;
    if (a.chart) {
        /* into its temporary file: put in place with the report only */
        rc = cli_out_open(&ch, a.chart);
        if (rc == 0)
            rc = write_chart(ch.tmp ? ch.tmp : a.chart, a.chart, se, n);
        if (rc)
            goto cleanup;
    }
    rc = cli_out_open(&out, a.out);
    if (rc)
        goto cleanup;
    if (hp_sim_report(out.f, se, n, a.format, &meta) != HP_OK) {
        rc = cli_out_fail(&out, 0);
        goto cleanup;
    }
    rc = cli_out_commit(&out);
    if (rc == CLI_EXIT_OK && a.chart)
        rc = cli_out_commit(&ch);
cleanup:
    cli_out_abort(&ch);
    for (int k = 0; k < 2; k++) {
        hp_sim_result_free(ent[k].sim);
        hp_plan_free(ent[k].plan);
        free(ent[k].x);
        free(ent[k].z);
    }
    hp_instance_free(inst);
    cli_opts_free(&a);
    return rc;
}
