/* hreeplan solver layer: the pool of recourse workers of the L-shaped
 * method (lshaped_int.h): start, one round, stop.  The workers themselves
 * are in lshaped_sub.c. */
#include "lshaped_int.h"
#include "par.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Offsets of each scenario's duals, recourse values and basis: fixed
 * strides for the template, the running sums of the blocks' sizes. */
static hp_status offsets(hpi_ls_pool *p)
{
    size_t S = (size_t)p->S;
    p->doff = malloc((S + 1) * sizeof *p->doff);
    p->yoff = malloc((S + 1) * sizeof *p->yoff);
    p->boff = malloc((S + 1) * sizeof *p->boff);
    if (!p->doff || !p->yoff || !p->boff)
        return HP_ENOMEM;
    p->doff[0] = p->yoff[0] = p->boff[0] = 0;
    for (int s = 0; s < p->S; s++) {
        const hp_lp *lp = hpi_ls_rec(p->pb, s);
        size_t m = (size_t)hp_lp_nrows(lp), n = (size_t)hp_lp_ncols(lp);
        p->doff[s + 1] = p->doff[s] + m;
        p->yoff[s + 1] = p->yoff[s] + n;
        p->boff[s + 1] = p->boff[s] + m + 1 + n;
        if ((int)m > p->m2)
            p->m2 = (int)m;
        if ((int)n > p->n2)
            p->n2 = (int)n;
    }
    return HP_OK;
}

hp_status hpi_ls_pool_start(hpi_ls_pool *p, const hp_lshaped_problem *pb, int nthreads, int keep_y)
{
    const hp_lp *lp = pb->second;
    size_t S = (size_t)pb->n_scen;

    memset(p, 0, sizeof *p);
    p->pb = pb;
    p->n1 = hp_lp_ncols(pb->first);
    p->S = pb->n_scen;
    p->nthreads = nthreads;
    if (offsets(p) != HP_OK) {
        hpi_ls_pool_stop(p);
        return HP_ENOMEM;
    }
    p->row_type = malloc((size_t)(p->m2 + 1) * sizeof *p->row_type);
    p->row_lb = malloc((size_t)(p->m2 + 1) * sizeof *p->row_lb);
    p->row_ub = malloc((size_t)(p->m2 + 1) * sizeof *p->row_ub);
    p->val = calloc(S, sizeof *p->val);
    p->st = calloc(S, sizeof *p->st);
    p->dual = calloc(p->doff[S] + 1, sizeof *p->dual);
    p->basis = calloc(p->boff[S] + 1, 1);
    p->has_basis = calloc(S, 1);
    p->ref_basis = calloc((size_t)(p->m2 + 1 + p->n2), 1);
    p->y = keep_y ? calloc(p->yoff[S] + 1, sizeof *p->y) : NULL;
    p->th = calloc((size_t)nthreads, sizeof *p->th);
    if (!p->row_type || !p->row_lb || !p->row_ub || !p->val || !p->st || !p->dual || !p->basis ||
        !p->has_basis || !p->ref_basis || (keep_y && !p->y) || !p->th) {
        hpi_ls_pool_stop(p);
        return HP_ENOMEM;
    }
    for (int i = 0; !pb->blocks && i < p->m2; i++) {
        double lb = hp_lp_row_lb(lp, i), ub = hp_lp_row_ub(lp, i);
        p->row_type[i] = hpi_glpk_bound_type(lb, ub);
        p->row_lb[i] = isinf(lb) ? 0.0 : lb;
        p->row_ub[i] = isinf(ub) ? 0.0 : ub;
    }
    /* this rank's scenarios (par.h); with blocks every rank solves them
     * all (their duals and values are of different sizes: not gathered) */
    p->s_lo = 0;
    p->s_hi = p->S;
    if (!pb->blocks) {
        long lo, hi;
        hp_par_range(p->S, hp_par_rank(), &lo, &hi);
        p->s_lo = (int)lo;
        p->s_hi = (int)hi;
    }
    /* chunks small enough to balance, large enough to keep the lock cold */
    p->chunk = (p->s_hi - p->s_lo) / (nthreads * 32);
    if (p->chunk < 1)
        p->chunk = 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->done, NULL);
    p->sync_init = 1;
    for (int t = 0; t < nthreads; t++) {
        if (pthread_create(&p->th[t], NULL, hpi_ls_worker, p) != 0)
            break;
        p->n_started++;
    }
    if (p->n_started == 0) {
        hpi_ls_pool_stop(p);
        return HP_EINTERNAL;
    }
    return HP_OK;
}

/* One round over scenarios first..lim-1 at x. */
static void run_range(hpi_ls_pool *p, const double *x, int mode, int first, int lim)
{
    pthread_mutex_lock(&p->mu);
    p->x = x;
    p->mode = mode;
    p->next = first;
    p->lim = lim;
    p->running = p->n_started;
    p->round++;
    pthread_cond_broadcast(&p->go);
    while (p->running > 0)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

hp_status hpi_ls_pool_run(hpi_ls_pool *p, const double *x, int mode)
{
    hp_status st;
    long solves = p->solves, iters = p->iters;
    int first = p->s_lo;
    /* scenario 0 alone, then the others from its basis; not for blocks,
     * whose LPs differ in size (each starts from its own basis).  Under
     * MPI every rank solves it (the same solve from the same start) for the
     * reference; rank 0, whose scenario it is, alone counts it */
    if (!p->pb->blocks && !p->has_ref && !p->has_basis[0] && p->S > 1) {
        run_range(p, x, mode, 0, 1);
        if (!p->failed && p->st[0] == HPI_LS_OPT && p->has_basis[0]) {
            memcpy(p->ref_basis, p->basis, (size_t)(p->m2 + 1 + p->n2));
            p->has_ref = 1;
        }
        if (p->s_lo > 0) {
            p->solves = solves;
            p->iters = iters;
        }
        if (first < 1)
            first = 1;
    }
    if (!p->failed)
        run_range(p, x, mode, first, p->s_hi);
    st = p->failed || (p->s_lo < p->s_hi && hp_par_test_fail()) ? HP_EINTERNAL : HP_OK;
    if (hp_par_size() == 1)
        return st;
    /* the other ranks' scenarios, in scenario order (see lshaped_int.h) */
    double t0 = hp_seconds();
    st = hp_par_agree(st);
    if (!p->pb->blocks) {
        if (st == HP_OK)
            st = hp_par_allgather(p->val, p->S, sizeof *p->val);
        if (st == HP_OK)
            st = hp_par_allgather(p->st, p->S, sizeof *p->st);
        if (st == HP_OK)
            st = hp_par_allgather(p->dual, p->S, (size_t)p->m2 * sizeof *p->dual);
        if (st == HP_OK && mode == HPI_LS_FINAL && p->y)
            st = hp_par_allgather(p->y, p->S, (size_t)p->n2 * sizeof *p->y);
        p->solves = solves + hp_par_sum_long(p->solves - solves);
        p->iters = iters + hp_par_sum_long(p->iters - iters);
    }
    p->gather_seconds += hp_seconds() - t0;
    return st;
}

void hpi_ls_pool_stop(hpi_ls_pool *p)
{
    if (p->n_started > 0) {
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
        for (int t = 0; t < p->n_started; t++)
            pthread_join(p->th[t], NULL);
    }
    if (p->sync_init) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->go);
        pthread_cond_destroy(&p->done);
    }
    free(p->row_type);
    free(p->row_lb);
    free(p->row_ub);
    free(p->val);
    free(p->st);
    free(p->dual);
    free(p->basis);
    free(p->has_basis);
    free(p->ref_basis);
    free(p->y);
    free(p->th);
    free(p->doff);
    free(p->yoff);
    free(p->boff);
    memset(p, 0, sizeof *p);
}
