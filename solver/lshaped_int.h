/* hreeplan solver layer: internals of the L-shaped method shared by
 * lshaped.c (master and main loop) and lshaped_sub.c (recourse workers).
 * Not installed; not part of the API. */
#ifndef HP_LSHAPED_INT_H
#define HP_LSHAPED_INT_H

#include <glpk.h>
#include <pthread.h>

#include "glpk_int.h"
#include "lshaped.h"

/* What a round of recourse solves computes. */
enum {
    HPI_LS_EVAL = 0, /* values, duals, feasibility (elastic) for the cuts */
    HPI_LS_FINAL     /* the same plus the recourse solution, tie-broken */
};

/* Outcome of one scenario in a round. */
enum {
    HPI_LS_OPT = 0,    /* optimal: val = Q_s(x), dual = recourse duals */
    HPI_LS_INFEAS = 1, /* infeasible: val = least total row violation, dual = its duals */
    HPI_LS_FAILED = 2  /* the solver failed (numerical trouble) */
};

/* The pool of recourse workers.  Each worker thread owns its GLPK problems
 * (GLPK's environment is thread-local); the main thread hands out rounds
 * (one first-stage point, every scenario) and waits for their end. */
typedef struct hpi_ls_pool {
    const hp_lshaped_problem *pb;
    int n1, n2, m2, S, nthreads; /* n2, m2: the largest recourse LP's (blocks) */
    int s_lo, s_hi;          /* the scenarios this MPI rank solves (par.h); all of them on one rank,
                                and on every rank with blocks (bundles), whose sizes differ */
    int *row_type;           /* GLPK type of each template row (m2; unused with blocks) */
    double *row_lb, *row_ub; /* template row bounds, 0 where infinite */
    /* inputs of the current round */
    const double *x;
    int mode;
    /* outputs, per scenario */
    double *val;              /* S */
    signed char *st;          /* S: HPI_LS_OPT, HPI_LS_INFEAS, HPI_LS_FAILED */
    double *dual;             /* scenario s's m2 duals from doff[s] */
    unsigned char *basis;     /* scenario s's last optimal basis (m2 + 1 + n2) from boff[s] */
    unsigned char *has_basis; /* S */
    double *y; /* scenario s's n2 values from yoff[s] (HPI_LS_FINAL rounds), or NULL */
    size_t *doff, *yoff, *boff; /* S + 1 offsets: s * m2 ... without blocks */
    /* synchronisation */
    pthread_t *th;
    int n_started;
    int sync_init;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned long round;
    int next, chunk, running, quit;
    int lim;                  /* the round solves scenarios next..lim-1 */
    unsigned char *ref_basis; /* scenario 0's first optimal basis: where the others start */
    int has_ref;
    int failed; /* a worker could not build or lost its problem */
    long solves, iters;
    double gather_seconds; /* waiting for and gathering the other MPI ranks */
} hpi_ls_pool;

/* Starts nthreads workers, each building its copy of the recourse.
 * keep_y: allocate room for the recourse solutions. */
hp_status hpi_ls_pool_start(hpi_ls_pool *p, const hp_lshaped_problem *pb, int nthreads, int keep_y);

/* Solves every scenario at first-stage point x (n1 values, must stay valid
 * until the call returns).  HP_EINTERNAL when a worker failed.  Under MPI
 * (par.h) each rank solves its own contiguous range s_lo..s_hi-1 of
 * scenarios, always the same one (their saved bases stay with it), and the
 * outcomes (val, st, dual and, in HPI_LS_FINAL rounds, y) are gathered so
 * that every rank holds all of them, bit for bit those of one rank: each
 * scenario's solve depends on its data and its own basis alone (a first
 * solve starts from scenario 0's first basis: every rank solves scenario 0
 * for it, rank 0 alone counts that solve).  Every
 * rank runs the master on the same data and so adds the same cuts; a rank
 * that fails fails the round on every rank. */
hp_status hpi_ls_pool_run(hpi_ls_pool *p, const double *x, int mode);

/* The recourse LP of scenario s (its block, or the template). */
static inline const hp_lp *hpi_ls_rec(const hp_lshaped_problem *pb, int s)
{
    return pb->blocks ? pb->blocks[s] : pb->second;
}

/* The tie objective of scenario s, or NULL. */
static inline const double *hpi_ls_tie(const hp_lshaped_problem *pb, int s)
{
    return pb->blocks ? (pb->block_tie ? pb->block_tie[s] : NULL) : pb->tie_obj;
}

/* The worker thread's body (lshaped_sub.c). */
void *hpi_ls_worker(void *arg);

/* Stops and joins the workers and frees the pool's memory (not y when
 * the caller took it: set p->y = NULL first). */
void hpi_ls_pool_stop(hpi_ls_pool *p);

enum { HPI_LS_ROW_FIRST = 0, HPI_LS_ROW_OPT, HPI_LS_ROW_FEAS };

/* The master problem and the bookkeeping of its rows (1-based as GLPK's). */
typedef struct hpi_ls_master {
    glp_prob *P;
    int n1, G, m1;
    int *kind, *age; /* per row: ROW_*, iterations slack */
    int cap;
    double *lb, *ub; /* the first-stage column bounds as given */
    int *is_int;
    /* scratch */
    int *ind;
    double *val, *grad;
    int *touched;
    char *mark;
} hpi_ls_master;

hp_status hpi_ls_master_build(hpi_ls_master *m, const hp_lshaped_problem *pb, const double *pg);
void hpi_ls_master_free(hpi_ls_master *m);
/* grad[k] += w * (-T_s^T dual)[k] for scenario s; records the touched k. */
void hpi_ls_add_gradient(hpi_ls_master *m, const hp_lshaped_problem *pb, const double *dual, int s,
                         double w, int *nt);
/* Adds an optimality cut theta - g.x >= v - g.xhat (kind HPI_LS_ROW_OPT, theta_col
 * the master column of theta) or a feasibility cut -g.x >= phi - g.xhat
 * (HPI_LS_ROW_FEAS) from the touched gradient, which it clears.  -1: no memory. */
int hpi_ls_add_cut(hpi_ls_master *m, int nt, int theta_col, double rhs, int kind, const double *xh);
/* Deletes optimality cuts slack in `after` consecutive master solves;
 * returns how many. */
long hpi_ls_drop_slack(hpi_ls_master *m, int after);

/* HP_OK when pb and o are a problem the method can run on (sizes, indices,
 * finite data, continuous recourse LPs); HP_EINVAL otherwise. */
hp_status hpi_ls_validate(const hp_lshaped_problem *pb, const hp_lshaped_opts *o);

#endif
