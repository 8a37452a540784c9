/* hreeplan solver layer: what every file that drives GLPK shares (see
 * glpk_int.h): the error guard, a silent terminal hook and the bound
 * mapping.  Used by the GLPK backend (glpk_backend.c, glpk_solve.c) and the
 * L-shaped method (lshaped.c, lshaped_master.c, lshaped_sub.c).
 *
 * GLPK aborts the process on misuse unless an error hook takes over; the
 * hook may only longjmp out, after which GLPK's documentation allows one
 * call, glp_free_env().  That frees every GLPK object of the calling thread
 * (the environment is thread-local), so a per-thread generation counter
 * tells the callers which of their problems are gone. */
#include "glpk_int.h"

#include <math.h>
#include <setjmp.h>

/* Advanced whenever hpi_glpk_protect() freed this thread's GLPK objects. */
static _Thread_local unsigned long env_gen;

unsigned long hpi_glpk_env_gen(void)
{
    return env_gen;
}

static void error_hook(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* Kept tiny so that no local lives across setjmp. */
hp_status hpi_glpk_protect(hpi_glpk_fn fn, void *arg)
{
    jmp_buf jb;
    hp_status st;
    if (setjmp(jb)) {
        glp_free_env();
        env_gen++;
        return HP_EINTERNAL;
    }
    glp_error_hook(error_hook, &jb);
    st = fn(arg);
    glp_error_hook(NULL, NULL);
    return st;
}

void hp_solver_thread_end(void)
{
    glp_free_env();
    env_gen++;
}

int hpi_glpk_quiet(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

int hpi_glpk_bound_type(double lb, double ub)
{
    if (isinf(lb) && isinf(ub))
        return GLP_FR;
    if (isinf(ub))
        return GLP_LO;
    if (isinf(lb))
        return GLP_UP;
    return lb == ub ? GLP_FX : GLP_DB;
}

void hpi_glpk_set_row(glp_prob *P, int i, double lb, double ub)
{
    glp_set_row_bnds(P, i, hpi_glpk_bound_type(lb, ub), isinf(lb) ? 0.0 : lb, isinf(ub) ? 0.0 : ub);
}

/* Rounding inwards leaves the integer feasible set unchanged; when it would
 * cross (no integer in [lb, ub]) the bounds stay as given and the solver
 * reports them. */
void hpi_glpk_set_col(glp_prob *P, int j, double lb, double ub)
{
    if (glp_get_col_kind(P, j) == GLP_IV) {
        double l = isinf(lb) ? lb : ceil(lb - 1e-9), u = isinf(ub) ? ub : floor(ub + 1e-9);
        if (l <= u) {
            lb = l;
            ub = u;
        }
    }
    glp_set_col_bnds(P, j, hpi_glpk_bound_type(lb, ub), isinf(lb) ? 0.0 : lb, isinf(ub) ? 0.0 : ub);
}
