/* Monte-Carlo evaluation of a fixed plan: blocks of paths, arrivals as one
 * dgemm per block, the recourse rule vectorised along the paths of a block.
 * BLAS calls go through hp_blas (blas_dl.h: OpenBLAS is loaded by the
 * first run, not at start-up). */
#include "montecarlo.h"

#include "blas_dl.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Scalars summed per block, then over blocks in index order. */
enum { S_PURCHASE, S_FIXED, S_N };
/* Item-period sums per block, after the scalars: weighted sums over the
 * block's paths.  The expected cost parts follow from them (spot cost =
 * sum spot_cost[it] * V_SPOT[it], ...), so a path needs no accumulator of
 * its own beyond its cost and shortage.  The batched rule writes the first
 * V_Z groups per path into a block matrix and sums them with one dgemv. */
enum { V_STOCKOUT, V_UNMET, V_SPOT, V_STOCK, V_OVER, V_BELOW, V_Z, V_ARR = V_Z, V_N };

void hp_mc_opts_default(hp_mc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->batched = 1;
}

/* CPU time of the calling thread: the shares of sampling, arrivals and
 * recourse stay meaningful when other processes compete for the cores. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Block size: the block's availability, arrivals, rule outcomes and
 * per-path state in about 384 KiB, inside a core's L2 (512 KiB and more on
 * current x86 cores). */
static int auto_block(int n_src, int ncol)
{
    long per_path = 8L * (n_src + ncol + (long)V_Z * (ncol - 1) + 4);
    long nb = (384L * 1024L) / per_path;
    if (nb < 16)
        nb = 16;
    if (nb > 2048)
        nb = 2048;
    return (int)(nb & ~7L);
}

typedef struct shared {
    const hp_mc_problem *pb;
    const hp_mc_opts *o;
    hp_mc_out *out;
    hp_mc_fill_fn fill;
    void *fill_ctx;
    long n_paths;
    int ncol, IP, block;
    long n_blocks;
    double *part;         /* n_blocks x (S_N + V_N * IP) */
    unsigned char *bdone; /* per block */
    int *nz_col;          /* sparse plan for the per-path loop: per source column */
    double *nz_val;
    int *nz_start;
    pthread_mutex_t mu;
    long next_block, paths_done;
    int stop;
    hp_status err;
    double t_fill, t_arr, t_rec;
} shared;

static double path_w(const shared *sh, long k)
{
    return sh->o->path_weight ? sh->o->path_weight[k] : 1.0 / (double)sh->n_paths;
}

/* The rule for one path whose arrivals (ncol, purchase last) are known;
 * adds the weighted item-period sums into part when part is not NULL. */
static void rule_path(const hp_mc_problem *pb, const double *arr, double w, double *part,
                      double *cost_out, double *short_out, double *unmet_out)
{
    int IP = pb->n_item * pb->n_per, T = pb->n_per;
    double cost = arr[IP] + pb->fixed_cost, shortage = 0.0;
    double *sc = part, *v = part ? part + S_N : NULL;
    if (part) {
        sc[S_PURCHASE] += w * arr[IP];
        sc[S_FIXED] += w * pb->fixed_cost;
    }
    for (int i = 0; i < pb->n_item; i++) {
        double stock = pb->init[i];
        for (int t = 0; t < T; t++) {
            int it = i * T + t;
            double lim = pb->spot_cost[it] < pb->short_pen[i] ? pb->spot_limit[it] : 0.0;
            double s = stock + pb->inflow[it] + arr[it];
            double sf = pb->demand[it] - s;
            sf = sf > 0.0 ? sf : 0.0;
            s = s - pb->demand[it];
            s = s > 0.0 ? s : 0.0;
            double y = sf < lim ? sf : lim;
            double u = sf - y;
            double ov = s - pb->cap[i];
            ov = ov > 0.0 ? ov : 0.0;
            s -= ov;
            double below = pb->safety[it] - s;
            below = below > 0.0 ? below : 0.0;
            cost += pb->spot_cost[it] * y + pb->short_pen[i] * u + pb->safety_pen[i] * below +
                    pb->hold[i] * s;
            shortage += pb->weight[i] * u;
            stock = s;
            if (unmet_out)
                unmet_out[it] = u;
            if (part) {
                v[V_STOCKOUT * IP + it] += u > HP_MC_STOCKOUT_TOL ? w : 0.0;
                v[V_UNMET * IP + it] += w * u;
                v[V_SPOT * IP + it] += w * y;
                v[V_STOCK * IP + it] += w * s;
                v[V_OVER * IP + it] += w * ov;
                v[V_BELOW * IP + it] += w * below;
                v[V_ARR * IP + it] += w * arr[it];
            }
        }
    }
    *cost_out = cost;
    *short_out = shortage;
}

void hp_mc_eval_path(const hp_mc_problem *pb, const double *a, double *cost, double *shortage,
                     double *unmet)
{
    int ncol = pb->n_item * pb->n_per + 1;
    double *arr = calloc((size_t)ncol, sizeof *arr);
    if (!arr) {
        *cost = NAN;
        *shortage = NAN;
        return;
    }
    for (int c = 0; c < pb->n_src; c++)
        for (int col = 0; col < ncol; col++)
            arr[col] += a[c] * pb->plan[(size_t)c * (size_t)ncol + (size_t)col];
    rule_path(pb, arr, 0.0, NULL, cost, shortage, unmet);
    free(arr);
}

/* max(x, 0) without a branch, exact for finite x (x + |x| is 2x or 0), so
 * that the loop below vectorises with plain SSE2; the limits passed in are
 * finite (HP_MC_BIG for none). */
#define HP_MC_BIG 1e300
static inline double fin(double x)
{
    return x < HP_MC_BIG ? x : HP_MC_BIG;
}

static inline double pos(double x)
{
    return 0.5 * (x + fabs(x));
}

/* GCC's -O2 vectorises only loops without a scalar epilogue; this loop
 * has one (nb is any size), so it asks for the "cheap" cost model. */
#if defined(__GNUC__) && !defined(__clang__)
#define HP_VECTORISE __attribute__((optimize("vect-cost-model=cheap")))
#else
#define HP_VECTORISE
#endif

/* One item-period of the rule for nb paths, branch-free along k. */
static void HP_VECTORISE rule_step(int nb, const double *restrict arr, double d, double R,
                                   double ss, double spc, double lim, double cap, double M,
                                   double ws, double h, double wt, double *restrict st,
                                   double *restrict cost, double *restrict shortage,
                                   double *restrict zso, double *restrict zu, double *restrict zy,
                                   double *restrict zs, double *restrict zov, double *restrict zb)
{
    for (int k = 0; k < nb; k++) {
        double s = st[k] + R + arr[k];
        double sf = pos(d - s);
        s = pos(s - d);
        double y = sf - pos(sf - lim);
        double u = sf - y;
        double ov = pos(s - cap);
        s -= ov;
        double below = pos(ss - s);
        cost[k] += spc * y + M * u + ws * below + h * s;
        shortage[k] += wt * u;
        st[k] = s;
        zso[k] = (double)(u > HP_MC_STOCKOUT_TOL);
        zu[k] = u;
        zy[k] = y;
        zs[k] = s;
        zov[k] = ov;
        zb[k] = below;
    }
}

/* Batched rule over nb paths: arrivals C (ncol x nb, path index fastest).
 * The inner loops run along the paths with no reduction (each path's
 * cost, shortage and stock are its own), so the compiler can vectorise
 * them; the outcomes go to Z (V_Z groups of IP rows x nb) and their
 * weighted sums over the block are one dgemv, Z w. */
static void rule_block(const shared *sh, const double *C, int nb, long first, double *stock,
                       double *w, double *Z, double *part)
{
    const hp_mc_problem *pb = sh->pb;
    int IP = sh->IP, T = pb->n_per;
    double *cost = sh->out->path_cost + first;
    double *shortage = sh->out->path_shortage + first;
    double *st = stock;
    const double *purch = C + (size_t)IP * (size_t)nb;
    size_t gs = (size_t)IP * (size_t)nb; /* one group of Z */
    for (int k = 0; k < nb; k++) {
        w[k] = path_w(sh, first + k);
        cost[k] = purch[k] + pb->fixed_cost;
        shortage[k] = 0.0;
    }
    for (int i = 0; i < pb->n_item; i++) {
        const double cap = fin(pb->cap[i]), M = pb->short_pen[i], ws = pb->safety_pen[i];
        const double h = pb->hold[i], wt = pb->weight[i];
        for (int k = 0; k < nb; k++)
            st[k] = pb->init[i];
        for (int t = 0; t < T; t++) {
            int it = i * T + t;
            const double *arr = C + (size_t)it * (size_t)nb;
            const double d = pb->demand[it], R = pb->inflow[it], ss = pb->safety[it];
            const double spc = pb->spot_cost[it];
            const double lim = spc < M ? fin(pb->spot_limit[it]) : 0.0;
            size_t row = (size_t)it * (size_t)nb;
            double *zso = Z + V_STOCKOUT * gs + row, *zu = Z + V_UNMET * gs + row;
            double *zy = Z + V_SPOT * gs + row, *zs = Z + V_STOCK * gs + row;
            double *zov = Z + V_OVER * gs + row, *zb = Z + V_BELOW * gs + row;
            rule_step(nb, arr, d, R, ss, spc, lim, cap, M, ws, h, wt, st, cost, shortage, zso, zu,
                      zy, zs, zov, zb);
        }
    }
    double sp = 0.0, wsum = 0.0;
    for (int k = 0; k < nb; k++) {
        sp += w[k] * purch[k];
        wsum += w[k];
    }
    part[S_PURCHASE] += sp;
    part[S_FIXED] += wsum * pb->fixed_cost;
    hp_blas.cblas_dgemv(CblasRowMajor, CblasNoTrans, V_Z * IP, nb, 1.0, Z, nb, w, 1, 1.0,
                        part + S_N, 1);
    hp_blas.cblas_dgemv(CblasRowMajor, CblasNoTrans, IP, nb, 1.0, C, nb, w, 1, 1.0,
                        part + S_N + (size_t)V_ARR * (size_t)IP, 1);
}

/* Per-path loop: each path's arrivals from the plan's nonzeros (C holds
 * them, one row of ncol per path), then the scalar rule path by path. */
static void loop_block(shared *sh, const double *A, int nb, long first, double *C, double *part,
                       double *t_arr, double *t_rec)
{
    const hp_mc_problem *pb = sh->pb;
    int ncol = sh->ncol;
    double t0 = cpu_now();
    for (int k = 0; k < nb; k++) {
        const double *a = A + (size_t)k * (size_t)pb->n_src;
        double *arr = C + (size_t)k * (size_t)ncol;
        memset(arr, 0, (size_t)ncol * sizeof *arr);
        for (int c = 0; c < pb->n_src; c++) {
            double ac = a[c];
            if (ac == 0.0)
                continue;
            for (int q = sh->nz_start[c]; q < sh->nz_start[c + 1]; q++)
                arr[sh->nz_col[q]] += ac * sh->nz_val[q];
        }
    }
    double t1 = cpu_now();
    for (int k = 0; k < nb; k++)
        rule_path(pb, C + (size_t)k * (size_t)ncol, path_w(sh, first + k), part,
                  &sh->out->path_cost[first + k], &sh->out->path_shortage[first + k], NULL);
    *t_arr += t1 - t0;
    *t_rec += cpu_now() - t1;
}

static void *worker(void *arg)
{
    shared *sh = arg;
    const hp_mc_problem *pb = sh->pb;
    int nbmax = sh->block, ncol = sh->ncol;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)sh->IP;
    double *A = malloc((size_t)nbmax * (size_t)pb->n_src * sizeof *A);
    double *C = malloc((size_t)nbmax * (size_t)ncol * sizeof *C);
    double *stock = malloc((size_t)nbmax * sizeof *stock);
    double *w = malloc((size_t)nbmax * sizeof *w);
    double *Z =
        sh->o->batched ? malloc((size_t)V_Z * (size_t)sh->IP * (size_t)nbmax * sizeof *Z) : NULL;
    double tf = 0.0, ta = 0.0, tr = 0.0;
    if (!A || !C || !stock || !w || (sh->o->batched && !Z)) {
        pthread_mutex_lock(&sh->mu);
        sh->err = HP_ENOMEM;
        sh->stop = 1;
        pthread_mutex_unlock(&sh->mu);
        goto cleanup;
    }
    for (;;) {
        long b;
        pthread_mutex_lock(&sh->mu);
        if (sh->o->cancel && *sh->o->cancel)
            sh->stop = 1;
        b = sh->stop ? -1 : sh->next_block++;
        pthread_mutex_unlock(&sh->mu);
        if (b < 0 || b >= sh->n_blocks)
            break;
        long first = b * (long)nbmax;
        int nb = (int)(sh->n_paths - first < nbmax ? sh->n_paths - first : nbmax);
        double *part = sh->part + (size_t)b * pstride;
        double t0 = cpu_now();
        hp_status st = sh->fill(sh->fill_ctx, first, nb, A);
        double t1 = cpu_now();
        tf += t1 - t0;
        if (st != HP_OK) {
            pthread_mutex_lock(&sh->mu);
            sh->err = st;
            sh->stop = 1;
            pthread_mutex_unlock(&sh->mu);
            break;
        }
        if (sh->o->batched) {
            hp_blas.cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, ncol, nb, pb->n_src, 1.0,
                                pb->plan, ncol, A, pb->n_src, 0.0, C, nb);
            double t2 = cpu_now();
            rule_block(sh, C, nb, first, stock, w, Z, part);
            ta += t2 - t1;
            tr += cpu_now() - t2;
        } else {
            loop_block(sh, A, nb, first, C, part, &ta, &tr);
        }
        pthread_mutex_lock(&sh->mu);
        sh->bdone[b] = 1;
        sh->paths_done += nb;
        if (sh->o->progress && !sh->stop &&
            sh->o->progress(sh->o->progress_ctx, sh->paths_done, sh->n_paths))
            sh->stop = 1;
        pthread_mutex_unlock(&sh->mu);
    }
cleanup:
    pthread_mutex_lock(&sh->mu);
    sh->t_fill += tf;
    sh->t_arr += ta;
    sh->t_rec += tr;
    pthread_mutex_unlock(&sh->mu);
    free(A);
    free(C);
    free(stock);
    free(w);
    free(Z);
    return NULL;
}

static hp_status check_problem(const hp_mc_problem *pb)
{
    if (!pb || pb->n_src < 1 || pb->n_item < 1 || pb->n_per < 1 || !pb->plan || !pb->init ||
        !pb->hold || !pb->cap || !pb->short_pen || !pb->safety_pen || !pb->weight || !pb->demand ||
        !pb->inflow || !pb->safety || !pb->spot_cost || !pb->spot_limit)
        return HP_EINVAL;
    return HP_OK;
}

/* Sparse copy of the plan for the per-path loop. */
static hp_status build_sparse(shared *sh)
{
    const hp_mc_problem *pb = sh->pb;
    size_t nnz = 0, q = 0;
    for (size_t e = 0; e < (size_t)pb->n_src * (size_t)sh->ncol; e++)
        nnz += pb->plan[e] != 0.0;
    sh->nz_start = malloc(((size_t)pb->n_src + 1) * sizeof *sh->nz_start);
    sh->nz_col = malloc((nnz ? nnz : 1) * sizeof *sh->nz_col);
    sh->nz_val = malloc((nnz ? nnz : 1) * sizeof *sh->nz_val);
    if (!sh->nz_start || !sh->nz_col || !sh->nz_val)
        return HP_ENOMEM;
    for (int c = 0; c < pb->n_src; c++) {
        sh->nz_start[c] = (int)q;
        for (int col = 0; col < sh->ncol; col++) {
            double v = pb->plan[(size_t)c * (size_t)sh->ncol + (size_t)col];
            if (v != 0.0) {
                sh->nz_col[q] = col;
                sh->nz_val[q++] = v;
            }
        }
    }
    sh->nz_start[pb->n_src] = (int)q;
    return HP_OK;
}

/* Sums the blocks done, in index order, up to the first block not done. */
static hp_status reduce(shared *sh)
{
    hp_mc_out *out = sh->out;
    int IP = sh->IP;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)IP;
    const hp_mc_problem *pb = sh->pb;
    int T = pb->n_per;
    double s[S_N] = {0};
    double *tot = calloc((size_t)V_N * (size_t)IP, sizeof *tot);
    double *vec[V_N] = {out->stockout, out->unmet, out->spot,    out->stock,
                        NULL,          NULL,       out->arrivals};
    if (!tot)
        return HP_ENOMEM;
    out->done = 0;
    for (long b = 0; b < sh->n_blocks && sh->bdone[b]; b++) {
        const double *p = sh->part + (size_t)b * pstride;
        for (int m = 0; m < S_N; m++)
            s[m] += p[m];
        for (size_t q = 0; q < (size_t)V_N * (size_t)IP; q++)
            tot[q] += p[S_N + q];
        long first = b * (long)sh->block;
        out->done = sh->n_paths - first < sh->block ? sh->n_paths : first + sh->block;
    }
    for (int m = 0; m < V_N; m++)
        if (vec[m])
            memcpy(vec[m], tot + (size_t)m * (size_t)IP, (size_t)IP * sizeof(double));
    out->purchase = s[S_PURCHASE];
    out->fixed = s[S_FIXED];
    out->spot_cost = out->holding = out->shortage_cost = out->safety_cost = 0.0;
    out->unmet_qty = out->spot_qty = out->overflow_qty = 0.0;
    for (int it = 0; it < IP; it++) {
        int i = it / T;
        out->spot_cost += pb->spot_cost[it] * tot[V_SPOT * IP + it];
        out->holding += pb->hold[i] * tot[V_STOCK * IP + it];
        out->shortage_cost += pb->short_pen[i] * tot[V_UNMET * IP + it];
        out->safety_cost += pb->safety_pen[i] * tot[V_BELOW * IP + it];
        out->unmet_qty += tot[V_UNMET * IP + it];
        out->spot_qty += tot[V_SPOT * IP + it];
        out->overflow_qty += tot[V_OVER * IP + it];
    }
    free(tot);
    return HP_OK;
}

hp_status hp_mc_run(const hp_mc_problem *pb, long n_paths, hp_mc_fill_fn fill, void *fill_ctx,
                    const hp_mc_opts *opts, hp_mc_out *out)
{
    hp_status st = HP_OK;
    hp_mc_opts defaults;
    shared sh;
    pthread_t *tids = NULL;
    int n_started = 0, old_threads = 0, mutex_ok = 0;
    memset(&sh, 0, sizeof sh);
    if (!opts) {
        hp_mc_opts_default(&defaults);
        opts = &defaults;
    }
    HP_CALL(check_problem(pb));
    HP_CALL(hp_blas_load());
    if (n_paths < 1 || !fill || !out || !out->path_cost || !out->path_shortage) {
        st = HP_EINVAL;
        goto cleanup;
    }
    sh.pb = pb;
    sh.o = opts;
    sh.out = out;
    sh.fill = fill;
    sh.fill_ctx = fill_ctx;
    sh.n_paths = n_paths;
    sh.IP = pb->n_item * pb->n_per;
    sh.ncol = sh.IP + 1;
    sh.block = opts->block > 0 ? opts->block : auto_block(pb->n_src, sh.ncol);
    sh.n_blocks = (n_paths + sh.block - 1) / sh.block;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)sh.IP;
    sh.part = calloc((size_t)sh.n_blocks * pstride, sizeof *sh.part);
    sh.bdone = calloc((size_t)sh.n_blocks, 1);
    if (!sh.part || !sh.bdone) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (!opts->batched)
        HP_CALL(build_sparse(&sh));
    if (pthread_mutex_init(&sh.mu, NULL) != 0) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    mutex_ok = 1;
    old_threads = hp_blas.openblas_get_num_threads();
    int nth = opts->threads > 0 ? opts->threads : old_threads;
    if (nth < 1)
        nth = 1;
    if ((long)nth > sh.n_blocks)
        nth = (int)sh.n_blocks;
    hp_blas.openblas_set_num_threads(1);
    tids = calloc((size_t)nth, sizeof *tids);
    if (!tids) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int k = 1; k < nth; k++) {
        if (pthread_create(&tids[k], NULL, worker, &sh) != 0)
            break;
        n_started++;
    }
    worker(&sh);
    for (int k = 1; k <= n_started; k++)
        pthread_join(tids[k], NULL);
    hp_blas.openblas_set_num_threads(old_threads);
    old_threads = 0;
    out->threads = n_started + 1;
    out->block = sh.block;
    out->t_fill = sh.t_fill;
    out->t_arrivals = sh.t_arr;
    out->t_recourse = sh.t_rec;
    HP_CALL(sh.err);
    HP_CALL(reduce(&sh));
    out->stopped = out->done < n_paths;
cleanup:
    if (old_threads > 0)
        hp_blas.openblas_set_num_threads(old_threads);
    if (mutex_ok)
        pthread_mutex_destroy(&sh.mu);
    free(tids);
    free(sh.part);
    free(sh.bdone);
    free(sh.nz_start);
    free(sh.nz_col);
    free(sh.nz_val);
    return st;
}
