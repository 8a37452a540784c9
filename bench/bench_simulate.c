/* Benchmark of the Monte-Carlo stress test (bench/simulate.sh builds and
 * runs it): paths per second of the rule recourse on the cost-minimal plan
 * of an instance, batched (OpenBLAS dgemm + vectorised rule) against the
 * per-path loop in the same run, with the share of the workers' time in
 * sampling, arrivals and recourse.
 *
 * usage: bench_simulate INSTANCE [N ...]   (default N: 1e4 1e5 1e6)
 * Each configuration runs REPS times (env BENCH_REPS, default 3); the best
 * wall time is reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../models/formulation/model.h"
#include "../models/plan/plan.h"
#include "../models/simulate/simulate.h"
#include "../solver/backend.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds of the process (all threads), user + system. */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

static int solve_plan(const hp_instance *in, hp_plan **plan)
{
    hp_model_opts mo = {.measure = in->measure, .alpha = in->alpha};
    hp_model *m = NULL;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    double first, *x = NULL;
    char err[256];
    int rc = 1;
    if (hp_model_build(in, &mo, &m) != HP_OK)
        return 1;
    if (hp_solver_open(&s, hp_backend_glpk(), m->lp, err, sizeof err) != HP_OK)
        goto out;
    hp_solve_opts_default(&so);
    if (hp_solve_lex(&s, m->cost_col, m->risk_col, 1e-9, 1e-9, &so, &r, &first) == HP_OK &&
        r.has_solution && (x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x)) &&
        s.ops->get_primal(s.h, x) == HP_OK &&
        hp_plan_extract(m, x, NULL, &r, HP_OBJ_COST, plan) == HP_OK)
        rc = 0;
    hp_solver_close(&s);
out:
    free(x);
    hp_model_free(m);
    return rc;
}

static hp_sim_result *run(const hp_instance *in, const double *x, const int *z, long n, int batched,
                          double *best, double *best_cpu)
{
    hp_sim_opts o;
    hp_sim_result *r = NULL, *keep = NULL;
    int reps = getenv("BENCH_REPS") ? atoi(getenv("BENCH_REPS")) : 3;
    hp_sim_opts_default(&o);
    o.samples = n;
    o.seed = 1;
    o.batched = batched;
    *best = 1e300;
    for (int k = 0; k < (reps > 0 ? reps : 1); k++) {
        double t0 = now(), c0 = cpu();
        if (hp_simulate(in, x, z, &o, &r) != HP_OK) {
            fprintf(stderr, "simulation failed\n");
            exit(1);
        }
        double t = now() - t0;
        if (t < *best) {
            *best = t;
            *best_cpu = cpu() - c0;
            hp_sim_result_free(keep);
            keep = r;
        } else {
            hp_sim_result_free(r);
        }
    }
    return keep;
}

int main(int argc, char **argv)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_plan *plan = NULL;
    double *x = NULL;
    int *z = NULL;
    long def[3] = {10000, 100000, 1000000};
    if (argc < 2) {
        fprintf(stderr, "usage: bench_simulate INSTANCE [N ...]\n");
        return 2;
    }
    hp_diag_init(&d);
    if (hp_instance_load(argv[1], &in, &d) != HP_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.msgs[i]);
        return 2;
    }
    hp_diag_free(&d);
    if (solve_plan(in, &plan) || hp_sim_plan_arrays(plan, &x, &z) != HP_OK) {
        fprintf(stderr, "no plan\n");
        return 1;
    }
    printf("instance: %s (%d sources, %d products, %d quarters, %d disruption events%s)\n", argv[1],
           in->n_suppliers, in->n_products, in->T, in->n_devents,
           in->correlation ? ", correlated" : "");
    printf("plan: cost-minimal, expected cost %.6g USD\n\n", plan->cost_total);
    printf("%9s  %-8s %8s %8s %11s %7s  %8s %8s %8s  %13s\n", "paths", "mode", "wall s", "cpu s",
           "paths/s", "threads", "sampling", "arrivals", "recourse", "mean cost USD");
    int nn = argc > 2 ? argc - 2 : 3;
    for (int i = 0; i < nn; i++) {
        long n = argc > 2 ? atol(argv[i + 2]) : def[i];
        for (int batched = 1; batched >= 0; batched--) {
            double best, bcpu = 0.0;
            hp_sim_result *r = run(in, x, z, n, batched, &best, &bcpu);
            double tot = r->t_sample + r->t_arrivals + r->t_recourse;
            printf("%9ld  %-8s %8.3f %8.3f %11.0f %7d  %7.1f%% %7.1f%% %7.1f%%  %13.6e\n", n,
                   batched ? "batched" : "loop", best, bcpu, (double)n / best, r->threads,
                   100 * r->t_sample / tot, 100 * r->t_arrivals / tot, 100 * r->t_recourse / tot,
                   r->cost.mean);
            fflush(stdout);
            hp_sim_result_free(r);
        }
    }
    free(x);
    free(z);
    hp_plan_free(plan);
    hp_instance_free(in);
    return 0;
}
