/* hreeplan solver layer: internals shared by the files that drive GLPK:
 * glpk_util.c (error guard, bound mapping: used by the backend and the
 * L-shaped method), glpk_backend.c (handles, model, files) and glpk_solve.c
 * (LP and MIP solves).  Not part of the API. */
#ifndef HP_GLPK_INT_H
#define HP_GLPK_INT_H

#include <glpk.h>
#include <pthread.h>

#include "backend.h"

/* ---- glpk_util.c: for every GLPK user ---- */

/** A body run by hpi_glpk_protect(). */
typedef hp_status (*hpi_glpk_fn)(void *arg);

/** Runs fn(arg) with GLPK's error hook armed and returns its status.  When
 *  GLPK raises an error inside fn, this thread's GLPK environment is freed
 *  (every GLPK problem the thread created is gone: the caller must drop its
 *  pointers), hpi_glpk_env_gen() advances and HP_EINTERNAL is returned.
 *  Nothing fn allocates outside GLPK is freed on that path.  Not nested. */
hp_status hpi_glpk_protect(hpi_glpk_fn fn, void *arg);

/** Generation of this thread's GLPK environment; a problem created in an
 *  earlier generation was freed by hpi_glpk_protect(). */
unsigned long hpi_glpk_env_gen(void);

/** A glp_term_hook that drops GLPK's terminal output. */
int hpi_glpk_quiet(void *info, const char *s);

/** GLPK type (GLP_FR, GLP_LO, GLP_UP, GLP_DB, GLP_FX) of bounds lb, ub
 *  (infinite ones written -HUGE_VAL, +HUGE_VAL). */
int hpi_glpk_bound_type(double lb, double ub);

/** Sets row i's (1-based) bounds; infinite ones as in hpi_glpk_bound_type. */
void hpi_glpk_set_row(glp_prob *P, int i, double lb, double ub);

/** Sets column j's (1-based) bounds, rounded inwards when j is an integer
 *  column (GLPK's MIP solver refuses fractional bounds on them): set its
 *  kind first. */
void hpi_glpk_set_col(glp_prob *P, int j, double lb, double ub);

/* ---- the backend (glpk_backend.c, glpk_solve.c) ---- */

enum {
    HPI_GLPK_LAST_NONE = 0,
    HPI_GLPK_LAST_LP,
    HPI_GLPK_LAST_MIP
}; /* which solution get_primal reads */

typedef struct hpi_glpk_handle {
    glp_prob *P;
    unsigned long gen; /* env generation the problem belongs to */
    pthread_t owner;   /* the thread whose GLPK env holds P */
    int ncols, nrows;
    int have_basis;    /* a previous simplex left a usable basis */
    int obj_changed;   /* the objective changed since that basis was optimal */
    int last;          /* HPI_GLPK_LAST_*: which solution get_primal reads */
    int bound_seen;    /* the MIP callback recorded a bound */
    double best_bound; /* last best bound read in the MIP callback */
    double *xstart;    /* last MIP solution, 1-based, offered as a start */
    int have_start, start_offered;
    const volatile int *interrupt; /* hp_solve_opts.interrupt of the running MIP solve */
} hpi_glpk_handle;

/** A body run by hpi_glpk_guarded(). */
typedef hp_status (*hpi_glpk_body_fn)(hpi_glpk_handle *h, void *arg);

/** Runs fn(h, arg) with GLPK's error hook armed: a GLPK error frees this
 *  thread's GLPK environment, kills every handle of the thread and returns
 *  HP_EINTERNAL.  A dead handle or one of another thread: HP_EINTERNAL. */
hp_status hpi_glpk_guarded(hpi_glpk_handle *h, hpi_glpk_body_fn fn, void *arg);

/** The backend's solve_lp and solve_mip operations. */
hp_status hpi_glpk_solve_lp(void *vh, const hp_solve_opts *o, hp_solve_result *r);
hp_status hpi_glpk_solve_mip(void *vh, const hp_solve_opts *o, hp_solve_result *r);

/** The backend's rhs_range operation (glpk_range.c). */
hp_status hpi_glpk_rhs_range(void *vh, const int *rows, int n, double *lo, double *hi);

#endif
