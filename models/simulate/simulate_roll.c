/* The rolling recourse of a simulation: simulate_roll.h describes the
 * policy.  This file holds the per-quarter re-plan LPs (built once, shared
 * read-only by the workers), the walk of one path through the quarters,
 * and the workers that run blocks of paths. */
#include "simulate_roll.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../solver/par.h"
#include "../instance/sample.h"

#define ROLL_BLOCK 32
/* purchase, fixed, spot, holding, shortage, safety, unmet, spot, overflow t, reserve
 * purchases, terminal credit, terminal penalty, reserve t, terminal shortfall t */
#define NPART 14

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* MODEL.md "Strategic reserve": open where the smallest availability of
 * the region's suppliers in ship quarter t is below `below`. */
static int reserve_open(const hp_instance *in, const double *a, int p, int t)
{
    const hp_product *pr = &in->products[p];
    double amin = HUGE_VAL;
    for (int j = 0; j < in->n_suppliers; j++)
        if (in->suppliers[j].region_idx == pr->reserve_region)
            amin = fmin(amin, a[(size_t)j * (size_t)in->T + (size_t)t]);
    return amin < pr->reserve_below;
}

/* What every worker reads, and the run's shared state. */
typedef struct roll_ctx {
    const hp_instance *in;
    const hpi_sim_problem *sp;
    const hpi_sim_source *src;
    const double *weight;
    const hp_sim_opts *o;
    const hp_backend_ops *ops;
    long n, nblocks;
    int N; /* continuations of the stages t < T-1 */
    hpi_roll_stage *stages;
    double *acc; /* per block: NPART parts, then stockout, unmet, arrivals, reserve (P*T each) */
    double *path_cost, *path_shortage, *path_spend;
    pthread_mutex_t mu;
    long b_lo, b_hi; /* the blocks of this MPI rank (solver/par.h) */
    long next, done;
    int stop;
    hp_status st;
    double t_fill, t_recourse;
} roll_ctx;

/* One worker's buffers. */
typedef struct roll_work {
    hp_solver *sv; /* T */
    double *xs, *A, *C, *arr, *arrk, *I, *G, *wk;
    unsigned char *run, *starts;
    int *ran, *agree;
} roll_work;

static void work_free(roll_work *w)
{
    free(w->sv);
    free(w->xs);
    free(w->A);
    free(w->C);
    free(w->arr);
    free(w->arrk);
    free(w->I);
    free(w->G);
    free(w->wk);
    free(w->run);
    free(w->starts);
    free(w->ran);
    free(w->agree);
}

/* arr (P*T + 1) = a . plan: arrivals per product and quarter, and the
 * purchase cost (with the price factors of scenario scen >= 0). */
static void arrivals(const hp_instance *in, const hpi_sim_problem *sp, const double *a, int scen,
                     double *arr)
{
    int T = in->T;
    size_t PT = (size_t)in->n_products * (size_t)T, ncol = PT + 1, JT = (size_t)sp->pb.n_src;
    memset(arr, 0, ncol * sizeof *arr);
    for (size_t c = 0; c < JT; c++) {
        const double *row = sp->plan + c * ncol;
        if (a[c] == 0.0)
            continue;
        for (size_t q = 0; q < PT; q++)
            arr[q] += a[c] * row[q];
        arr[PT] +=
            a[c] * row[PT] *
            (scen >= 0 ? hp_price_factor(in, scen, (int)(c / (size_t)T), (int)(c % (size_t)T))
                       : 1.0);
    }
}

/* Whether scenario s agrees with scenario s0 in quarter t. */
static int same_quarter(const hp_instance *in, int s, int s0, int t)
{
    int J = in->n_suppliers, T = in->T;
    for (int j = 0; j < J; j++) {
        size_t i = (size_t)j * (size_t)T + (size_t)t, JT = (size_t)J * (size_t)T;
        if (in->avail[(size_t)s * JT + i] != in->avail[(size_t)s0 * JT + i] ||
            hp_price_factor(in, s, j, t) != hp_price_factor(in, s0, j, t))
            return 0;
    }
    for (int p = 0; p < in->n_products; p++)
        if (hp_spot_factor(in, s, p, t) != hp_spot_factor(in, s0, p, t))
            return 0;
    return 1;
}

/* The continuations of quarter t into w->C (N * J * T) and their weights
 * into w->wk; on scenario paths also the objective of the stage. */
static hp_status continuations(const roll_ctx *x, roll_work *w, long path, int scen,
                               const double *a, const unsigned char *run,
                               const unsigned char *starts, int t, hp_solver *sv)
{
    hp_status st = HP_OK;
    const hp_instance *in = x->in;
    const hpi_roll_stage *g = &x->stages[t];
    int E = in->n_devents, T = in->T, N = g->N;
    size_t JT = (size_t)in->n_suppliers * (size_t)T;
    if (scen < 0) {
        for (int e = 0; e < E; e++) {
            size_t r = (size_t)e * (size_t)T;
            int s = t;
            while (s > 0 && run[r + (size_t)s] && !starts[r + (size_t)s])
                s--;
            w->ran[e] = run[r + (size_t)t] ? t - s + 1 : 0;
        }
        HP_CALL(hp_sample_continue(in, x->src->seed, path, t + 1, w->ran, N, w->C));
        for (int k = 0; k < N; k++)
            for (size_t c = 0; c < JT; c++)
                if ((int)(c % (size_t)T) <= t)
                    w->C[(size_t)k * JT + c] = a[c];
        for (int k = 0; k < N; k++)
            w->wk[k] = 1.0 / (double)N;
        goto cleanup;
    }
    double W = 0.0, cnt = 0.0;
    for (int s = 0; s < N; s++) {
        w->agree[s] = w->agree[s] && same_quarter(in, s, scen, t);
        W += w->agree[s] ? in->scenarios[s].probability : 0.0;
        cnt += w->agree[s] ? 1.0 : 0.0;
    }
    memcpy(w->C, in->avail, (size_t)N * JT * sizeof *w->C);
    /* probability-weighted; equally when the agreeing ones all have none */
    for (int s = 0; s < N; s++)
        w->wk[s] = !w->agree[s] ? 0.0 : W > 0.0 ? in->scenarios[s].probability / W : 1.0 / cnt;
    for (int c = 0; c < g->ncol; c++) {
        const int *f = g->cinfo + 4 * c;
        int b = f[0], s = b == 0 ? scen : b - 1;
        sv->obj[c] = g->obj[c] * (b == 0 ? 1.0 : w->wk[b - 1]) *
                     (f[3] == HPI_K_Y ? hp_spot_factor(in, s, f[1], f[2]) : 1.0);
    }
    HP_CALL(sv->ops->set_obj(sv->h, sv->obj));
cleanup:
    return st;
}

/* Sets the right-hand sides and bounds of stage t for the path's state. */
static hp_status set_state(const roll_ctx *x, roll_work *w, const double *a, int t, hp_solver *sv)
{
    hp_status st = HP_OK;
    const hp_instance *in = x->in;
    const hpi_roll_stage *g = &x->stages[t];
    int P = in->n_products, T = in->T;
    size_t JT = (size_t)in->n_suppliers * (size_t)T;
    for (int p = 0; p < P; p++) {
        const hp_product *pr = &in->products[p];
        size_t i = (size_t)p * (size_t)T + (size_t)t;
        double rhs = w->I[p] + pr->in_transit[t] + w->arr[i] - pr->demand[t];
        int r = g->col[hpi_roll_ci(in, 0, p, t) * HPI_NK + HPI_K_R];
        HP_CALL(sv->ops->set_row_bounds(sv->h, g->bal[hpi_roll_ci(in, 0, p, t)], rhs, rhs));
        if (r >= 0)
            HP_CALL(sv->ops->set_col_bounds(
                sv->h, r, 0.0,
                reserve_open(in, a, p, t) ? fmin(pr->reserve_limit[t], w->G[p]) : 0.0));
    }
    for (int k = 0; k < g->N; k++) {
        const double *ak = w->C + (size_t)k * JT;
        arrivals(in, x->sp, ak, -1, w->arrk);
        for (int p = 0; p < P; p++) {
            const hp_product *pr = &in->products[p];
            int rr = g->res[(size_t)k * (size_t)P + (size_t)p];
            if (rr >= 0)
                HP_CALL(sv->ops->set_row_bounds(sv->h, rr, -HUGE_VAL, w->G[p]));
            for (int q = t + 1; q < T; q++) {
                double rhs =
                    pr->in_transit[q] + w->arrk[(size_t)p * (size_t)T + (size_t)q] - pr->demand[q];
                int r = g->col[hpi_roll_ci(in, k + 1, p, q) * HPI_NK + HPI_K_R];
                HP_CALL(
                    sv->ops->set_row_bounds(sv->h, g->bal[hpi_roll_ci(in, k + 1, p, q)], rhs, rhs));
                if (r >= 0)
                    HP_CALL(sv->ops->set_col_bounds(
                        sv->h, r, 0.0,
                        reserve_open(in, ak, p, q) ? fmin(pr->reserve_limit[q], w->G[p]) : 0.0));
            }
        }
    }
cleanup:
    return st;
}

/* Walks path `path` (availability a, scenario scen or -1 with the event
 * marks run/starts) through the quarters; adds its weighted parts to acc. */
static hp_status roll_path(roll_ctx *x, roll_work *w, long path, int scen, const double *a,
                           const unsigned char *run, const unsigned char *starts, double *acc)
{
    hp_status st = HP_OK;
    const hp_instance *in = x->in;
    int P = in->n_products, T = in->T;
    size_t PT = (size_t)P * (size_t)T;
    double wk = x->weight ? x->weight[path] : 1.0 / (double)x->n;
    double spend, pen = 0.0, shortage = 0.0, *so = acc + NPART, *um = so + PT, *av = um + PT;
    double *rv = av + PT;
    arrivals(in, x->sp, a, scen, w->arr);
    spend = w->arr[PT] + x->sp->pb.fixed_cost;
    acc[0] += wk * w->arr[PT];
    acc[1] += wk * x->sp->pb.fixed_cost;
    for (int p = 0; p < P; p++) {
        w->I[p] = in->products[p].initial_inventory;
        w->G[p] = in->products[p].has_reserve ? in->products[p].reserve_stock : 0.0;
    }
    for (int s = 0; scen >= 0 && s < in->n_scenarios; s++)
        w->agree[s] = 1;
    for (int t = 0; t < T; t++) {
        const hpi_roll_stage *g = &x->stages[t];
        hp_solver *sv = &w->sv[t];
        hp_solve_result res;
        hp_solve_opts so_;
        if (g->N > 0 || scen >= 0)
            HP_CALL(continuations(x, w, path, scen, a, run, starts, t, sv));
        HP_CALL(set_state(x, w, a, t, sv));
        hp_solve_opts_default(&so_);
        so_.presolve = 0;
        HP_CALL(hp_solve(sv, &so_, &res));
        if (res.status != HP_SOL_OPTIMAL || !res.has_solution) {
            hp_log(0, "simulate: the rolling re-plan of path %ld in quarter %d ended %s", path,
                   t + 1, hp_sol_status_str(res.status));
            st = HP_ESOLVER;
            goto cleanup;
        }
        HP_CALL(sv->ops->get_primal(sv->h, w->xs));
        for (int p = 0; p < P; p++) {
            const hp_product *pr = &in->products[p];
            const int *c = g->col + hpi_roll_ci(in, 0, p, t) * HPI_NK;
            size_t i = (size_t)p * (size_t)T + (size_t)t;
            double inv = w->xs[c[HPI_K_INV]], u = w->xs[c[HPI_K_U]], ov = w->xs[c[HPI_K_O]];
            double y = c[HPI_K_Y] >= 0 ? w->xs[c[HPI_K_Y]] : 0.0,
                   v = c[HPI_K_V] >= 0 ? w->xs[c[HPI_K_V]] : 0.0;
            double rel = c[HPI_K_R] >= 0 ? w->xs[c[HPI_K_R]] : 0.0;
            double es = c[HPI_K_E] >= 0 ? w->xs[c[HPI_K_E]] : 0.0;
            double ep = pr->terminal_penalty * es, rc = 1000.0 * pr->reserve_price * rel;
            double cr = t == T - 1 && pr->has_terminal ? 1000.0 * pr->terminal_value * inv : 0.0;
            double spc = pr->has_spot ? 1000.0 * pr->spot_price[t] *
                                            (scen >= 0 ? hp_spot_factor(in, scen, p, t) : 1.0)
                                      : 0.0;
            spend += spc * y + rc + pr->holding_cost * inv - cr;
            pen += pr->shortage_penalty * u + pr->safety_penalty * v + ep;
            shortage += pr->criticality * u;
            acc[2] += wk * spc * y;
            acc[3] += wk * pr->holding_cost * inv;
            acc[4] += wk * pr->shortage_penalty * u;
            acc[5] += wk * pr->safety_penalty * v;
            acc[6] += wk * u;
            acc[7] += wk * y;
            acc[8] += wk * ov;
            acc[9] += wk * rc;
            acc[10] += wk * cr;
            acc[11] += wk * ep;
            acc[12] += wk * rel;
            acc[13] += wk * es;
            rv[i] += wk * rel;
            so[i] += u > HP_MC_STOCKOUT_TOL ? wk : 0.0;
            um[i] += wk * u;
            av[i] += wk * w->arr[i];
            w->I[p] = inv;
            w->G[p] = fmax(0.0, w->G[p] - rel);
        }
    }
    x->path_cost[path] = spend + pen;
    x->path_shortage[path] = shortage;
    if (x->path_spend)
        x->path_spend[path] = spend;
cleanup:
    return st;
}

static hp_status work_init(const roll_ctx *x, roll_work *w)
{
    const hp_instance *in = x->in;
    size_t T = (size_t)in->T, P = (size_t)in->n_products, JT = (size_t)in->n_suppliers * T;
    size_t E = (size_t)in->n_devents, S = (size_t)in->n_scenarios;
    size_t N = (size_t)(x->N > 0 ? x->N : 1), nc = 1;
    for (size_t t = 0; t < T; t++)
        nc = (size_t)x->stages[t].ncol > nc ? (size_t)x->stages[t].ncol : nc;
    memset(w, 0, sizeof *w);
    w->sv = calloc(T, sizeof *w->sv);
    w->xs = malloc(nc * sizeof *w->xs);
    w->A = malloc((size_t)ROLL_BLOCK * JT * sizeof *w->A);
    w->C = malloc(N * JT * sizeof *w->C);
    w->arr = malloc((P * T + 1) * sizeof *w->arr);
    w->arrk = malloc((P * T + 1) * sizeof *w->arrk);
    w->I = malloc(P * sizeof *w->I);
    w->G = malloc(P * sizeof *w->G);
    w->wk = malloc(N * sizeof *w->wk);
    w->run = calloc((size_t)ROLL_BLOCK * E * T + 1, 1);
    w->starts = calloc((size_t)ROLL_BLOCK * E * T + 1, 1);
    w->ran = malloc((E + 1) * sizeof *w->ran);
    w->agree = malloc(S * sizeof *w->agree);
    if (!w->sv || !w->xs || !w->A || !w->C || !w->arr || !w->arrk || !w->I || !w->G || !w->wk ||
        !w->run || !w->starts || !w->ran || !w->agree)
        return HP_ENOMEM;
    return HP_OK;
}

/* Paths first..first+nb-1 into the block's accumulator, from freshly
 * loaded LPs (so that the result does not depend on the thread). */
static hp_status run_block(roll_ctx *x, roll_work *w, long first, int nb, double *acc,
                           double *t_fill, double *t_rec)
{
    hp_status st = HP_OK;
    const hp_instance *in = x->in;
    int T = in->T, opened = 0;
    size_t JT = (size_t)in->n_suppliers * (size_t)T, ET = (size_t)in->n_devents * (size_t)T;
    char err[256] = "";
    double t0 = wall();
    if (x->src->paths == HP_PATHS_SCENARIOS)
        memcpy(w->A, in->avail + (size_t)first * JT, (size_t)nb * JT * sizeof *w->A);
    else
        HP_CALL(hp_sample_paths(in, x->src->seed, first, nb, w->A, w->run, w->starts));
    *t_fill += wall() - t0;
    t0 = wall();
    for (; opened < T; opened++) {
        st = hp_solver_open(&w->sv[opened], x->ops, x->stages[opened].lp, err, sizeof err);
        if (st != HP_OK) {
            hp_log(0, "simulate: the rolling re-plan LP was refused: %s", err);
            goto cleanup;
        }
    }
    for (int k = 0; k < nb; k++) {
        int scen = x->src->paths == HP_PATHS_SCENARIOS ? (int)(first + k) : -1;
        if (x->o->cancel && *x->o->cancel)
            break;
        HP_CALL(roll_path(x, w, first + k, scen, w->A + (size_t)k * JT, w->run + (size_t)k * ET,
                          w->starts + (size_t)k * ET, acc));
    }
cleanup:
    while (opened > 0)
        hp_solver_close(&w->sv[--opened]);
    *t_rec += wall() - t0;
    return st;
}

static void *worker(void *arg)
{
    roll_ctx *x = arg;
    roll_work w;
    hp_status st = work_init(x, &w);
    size_t stride = NPART + 4 * (size_t)x->in->n_products * (size_t)x->in->T;
    double t_fill = 0.0, t_rec = 0.0;
    for (;;) {
        long b;
        pthread_mutex_lock(&x->mu);
        if (st != HP_OK && x->st == HP_OK)
            x->st = st;
        if (x->st != HP_OK || (x->o->cancel && *x->o->cancel))
            x->stop = 1;
        b = x->stop || x->next >= x->b_hi ? -1 : x->next++;
        pthread_mutex_unlock(&x->mu);
        if (b < 0)
            break;
        long first = b * ROLL_BLOCK;
        int nb = (int)(x->n - first < ROLL_BLOCK ? x->n - first : ROLL_BLOCK);
        st = run_block(x, &w, first, nb, x->acc + (size_t)b * stride, &t_fill, &t_rec);
        if (st == HP_OK) {
            pthread_mutex_lock(&x->mu);
            x->done += nb;
            /* progress calls are serialised by the lock */
            if (x->o->progress && x->o->progress(x->o->progress_ctx, x->done, x->n))
                x->stop = 1;
            pthread_mutex_unlock(&x->mu);
        }
    }
    pthread_mutex_lock(&x->mu);
    x->t_fill += t_fill;
    x->t_recourse += t_rec;
    pthread_mutex_unlock(&x->mu);
    work_free(&w);
    hp_solver_thread_end();
    return NULL;
}

/* Under MPI, every rank's blocks to every rank: the block sums and the
 * paths' costs, in block order (the same as on one rank). */
static hp_status gather_ranks(roll_ctx *x, size_t stride)
{
    hp_status st = hp_par_agree(x->st);
    size_t pad = (size_t)x->nblocks * ROLL_BLOCK;
    double *buf = NULL;
    double *arr[3] = {x->path_cost, x->path_shortage, x->path_spend};
    x->st = st;
    if (st != HP_OK)
        goto cleanup;
    HP_CALL(hp_par_allgather(x->acc, x->nblocks, stride * sizeof *x->acc));
    buf = malloc(pad * sizeof *buf);
    if (!buf) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int k = 0; k < 3; k++) {
        if (!arr[k])
            continue;
        memcpy(buf, arr[k], (size_t)x->n * sizeof *buf);
        HP_CALL(hp_par_allgather(buf, x->nblocks, ROLL_BLOCK * sizeof *buf));
        memcpy(arr[k], buf, (size_t)x->n * sizeof *buf);
    }
    x->done = hp_par_sum_long(x->done);
cleanup:
    free(buf);
    return st;
}

static int threads_of(const hp_sim_opts *o, long nblocks)
{
    long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > 64)
        n = 64;
    return (int)(n < nblocks ? n : nblocks);
}

hp_status hpi_sim_run_roll(const hp_instance *in, const hpi_sim_problem *sp, long n,
                           hpi_sim_source *src, const double *weight, const hp_sim_opts *o,
                           hp_mc_out *out)
{
    hp_status st = HP_OK;
    int T = in->T, nth = 0, have_mu = 0, built = 0;
    size_t PT = (size_t)in->n_products * (size_t)T, stride = NPART + 4 * PT;
    roll_ctx x;
    pthread_t *th = NULL;
    memset(&x, 0, sizeof x);
    if (src->paths == HP_PATHS_MIXED || n < 1 ||
        (src->paths == HP_PATHS_SAMPLE &&
         (o->rolling_scenarios < 1 || o->rolling_scenarios > HP_ROLLING_MAX))) {
        st = HP_EINVAL;
        goto cleanup;
    }
    x.in = in;
    x.sp = sp;
    x.src = src;
    x.weight = weight;
    x.o = o;
    x.ops = o->backend ? o->backend : hp_backend_glpk();
    x.n = n;
    x.nblocks = (n + ROLL_BLOCK - 1) / ROLL_BLOCK;
    x.N = src->paths == HP_PATHS_SCENARIOS ? in->n_scenarios : o->rolling_scenarios;
    x.path_cost = out->path_cost;
    x.path_shortage = out->path_shortage;
    x.path_spend = out->path_spend;
    x.stages = calloc((size_t)T, sizeof *x.stages);
    x.acc = calloc((size_t)x.nblocks * stride, sizeof *x.acc);
    if (!x.stages || !x.acc) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (; built < T; built++) {
        int N = built < T - 1 ? x.N : 0;
        double w0 = src->paths == HP_PATHS_SCENARIOS ? 0.0 : 1.0 / (double)(N > 0 ? N : 1);
        st = hpi_roll_stage_build(in, built, N, w0, &x.stages[built]);
        if (st != HP_OK) {
            built++; /* partly built: freed below */
            goto cleanup;
        }
    }
    if (pthread_mutex_init(&x.mu, NULL) != 0) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    have_mu = 1;
    hp_par_range(x.nblocks, hp_par_rank(), &x.b_lo, &x.b_hi);
    x.next = x.b_lo;
    nth = threads_of(o, x.b_hi - x.b_lo > 0 ? x.b_hi - x.b_lo : 1);
    th = calloc((size_t)nth, sizeof *th);
    if (!th) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    int started = 0;
    for (; started < nth; started++)
        if (pthread_create(&th[started], NULL, worker, &x) != 0)
            break;
    if (started == 0) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    if (x.st == HP_OK && x.b_lo < x.b_hi && hp_par_test_fail())
        x.st = HP_EINTERNAL;
    if (hp_par_size() > 1)
        HP_CALL(gather_ranks(&x, stride));
    if (x.st != HP_OK) {
        st = x.st;
        goto cleanup;
    }
    /* sums in block order: the same whatever the threads */
    for (size_t i = 0; i < PT; i++) {
        if (out->stockout)
            out->stockout[i] = 0.0;
        if (out->unmet)
            out->unmet[i] = 0.0;
        if (out->arrivals)
            out->arrivals[i] = 0.0;
        if (out->reserve)
            out->reserve[i] = 0.0;
    }
    for (long b = 0; b < x.nblocks; b++) {
        const double *a = x.acc + (size_t)b * stride;
        out->purchase += a[0];
        out->fixed += a[1];
        out->spot_cost += a[2];
        out->holding += a[3];
        out->shortage_cost += a[4];
        out->safety_cost += a[5];
        out->unmet_qty += a[6];
        out->spot_qty += a[7];
        out->overflow_qty += a[8];
        out->reserve_cost += a[9];
        out->term_credit += a[10];
        out->term_penalty += a[11];
        out->reserve_qty += a[12];
        out->term_short_qty += a[13];
        for (size_t i = 0; i < PT; i++) {
            if (out->stockout)
                out->stockout[i] += a[NPART + i];
            if (out->unmet)
                out->unmet[i] += a[NPART + PT + i];
            if (out->arrivals)
                out->arrivals[i] += a[NPART + 2 * PT + i];
            if (out->reserve)
                out->reserve[i] += a[NPART + 3 * PT + i];
        }
    }
    out->threads = started;
    out->block = ROLL_BLOCK;
    out->done = x.done;
    out->stopped = x.done < n;
    out->t_fill = x.t_fill;
    out->t_recourse = x.t_recourse;
cleanup:
    if (have_mu)
        pthread_mutex_destroy(&x.mu);
    free(th);
    for (int t = 0; t < built; t++)
        hpi_roll_stage_free(&x.stages[t]);
    free(x.stages);
    free(x.acc);
    return st;
}
