/* hreeplan solver layer: the backend interface and the drivers on top.
 *
 * A backend fills a static const hp_backend_ops table (the SCIP plugin
 * habit); hp_solver pairs a table with one backend object.  Knows nothing of
 * rare earths. */
#ifndef HP_BACKEND_H
#define HP_BACKEND_H

#include "lp.h"

/** What the solver found (separate from the call status). */
typedef enum hp_sol_status {
    HP_SOL_OPTIMAL = 0,
    HP_SOL_TIME_LIMIT, /**< stopped by the time limit (see has_solution) */
    HP_SOL_GAP_LIMIT,  /**< MIP stopped on the allowed gap, with a solution */
    HP_SOL_INFEASIBLE,
    HP_SOL_UNBOUNDED,
    HP_SOL_FAILED /**< numerical trouble or another solver failure */
} hp_sol_status;

/** "optimal", "time_limit", "gap_limit", "infeasible", "unbounded", "failed". */
const char *hp_sol_status_str(hp_sol_status s);

typedef struct hp_solve_opts {
    double time_limit;             /**< seconds, <= 0: none */
    double mip_gap;                /**< relative MIP gap, 0: prove optimality */
    int presolve;                  /**< nonzero: use the backend's presolver */
    int verbose;                   /**< nonzero: solver chatter to the log hook (level 3) */
    const volatile int *interrupt; /**< polled during LP and MIP solves (NULL: never); nonzero
                                        stops the solve, status HP_SOL_FAILED unless a plan
                                        was found (then HP_SOL_TIME_LIMIT) */
} hp_solve_opts;

/** Defaults: no time limit, gap 0, presolve on, quiet. */
void hp_solve_opts_default(hp_solve_opts *o);

typedef struct hp_solve_result {
    hp_sol_status status;
    int has_solution; /**< a primal solution can be read */
    int is_mip;
    double objective; /**< including the model's constant */
    double bound;     /**< best bound (MIP), else = objective */
    double gap;       /**< relative MIP gap, 0 for LPs */
    double seconds;
    long iterations;
} hp_solve_result;

typedef enum hp_write_fmt { HP_WRITE_LP = 0, HP_WRITE_MPS } hp_write_fmt;

typedef struct hp_backend_ops {
    const char *name;
    const char *(*version)(void);
    /** Whether the backend can make solver objects: loads a library that is
     *  loaded on first use.  HP_OK, or HP_EIO with what is missing in err.
     *  NULL: always ready (GLPK is linked). */
    hp_status (*ready)(char *err, size_t errlen);
    hp_status (*create)(void **h);
    void (*destroy)(void *h);
    /** Loads (replaces) the whole model; the model must have been validated. */
    hp_status (*load)(void *h, const hp_lp *lp);
    /** Replaces the objective: dense array of ncols coefficients. */
    hp_status (*set_obj)(void *h, const double *obj);
    hp_status (*set_col_bounds)(void *h, int col, double lb, double ub);
    hp_status (*set_row_bounds)(void *h, int row, double lb, double ub);
    /** Solves the LP relaxation (warm-started from the current basis). */
    hp_status (*solve_lp)(void *h, const hp_solve_opts *o, hp_solve_result *r);
    /** Solves the MIP (integer columns honoured). */
    hp_status (*solve_mip)(void *h, const hp_solve_opts *o, hp_solve_result *r);
    /** Primal values, ncols doubles, caller-allocated. */
    hp_status (*get_primal)(void *h, double *x);
    /** Row duals, nrows doubles, caller-allocated (LP solves only). */
    hp_status (*get_duals)(void *h, double *y);
    hp_status (*write)(void *h, const char *path, hp_write_fmt fmt);
    /** Right-hand-side ranging after an optimal LP solve: the interval
     *  [*lo, *hi] (lo <= 0 <= hi, -HUGE_VAL / HUGE_VAL when unlimited) of t
     *  over which moving the right-hand sides of the n rows (0-based, all
     *  by the same t) keeps the final basis primal feasible, so that the
     *  duals read from it stay valid.  NULL when the backend has no
     *  ranging (CBC). */
    hp_status (*rhs_range)(void *h, const int *rows, int n, double *lo, double *hi);
} hp_backend_ops;

/** The GLPK backend (always built). */
const hp_backend_ops *hp_backend_glpk(void);
/** The CBC/CLP backend, or NULL when hreeplan was built without CBC.  Built
 *  is not installed: libCbcSolver is loaded at the first solver object
 *  (see hp_backend_ready()). */
const hp_backend_ops *hp_backend_cbc(void);
/** For --version without loading CBC: the versions of the CBC and CLP
 *  headers hreeplan was built with and the library it loads on use
 *  ("CBC 2.10.8 (CLP 1.17.6), loaded on use from libCbcSolver.so.3"), or
 *  NULL when built without CBC.  The loaded library's own version is
 *  hp_backend_cbc()->version() (it loads the library). */
const char *hp_backend_cbc_about(void);
/** Looks a backend up by name ("glpk", "cbc"); NULL if not built. */
const hp_backend_ops *hp_backend_find(const char *name);
/** ops->ready() when it has one, else HP_OK: call it before the first
 *  solve to report a backend whose library is not installed (CBC). */
hp_status hp_backend_ready(const hp_backend_ops *ops, char *err, size_t errlen);

typedef struct hp_solver {
    const hp_backend_ops *ops;
    void *h;
    const hp_lp *lp; /**< the loaded model (not owned) */
    double *obj;     /**< the objective currently set (ncols) */
    /** Called by hp_solve_lex_ties() right after it read the duals, while
     *  the basis is still the one they came from (ranging); NULL: none. */
    hp_status (*on_duals)(struct hp_solver *s, void *ctx);
    void *on_duals_ctx;
} hp_solver;

/** Creates a backend object and loads lp (validated first).  lp must
 *  outlive the solver.  The caller frees with hp_solver_close(). */
hp_status hp_solver_open(hp_solver *s, const hp_backend_ops *ops, const hp_lp *lp, char *err,
                         size_t errlen);
void hp_solver_close(hp_solver *s);

/** Solves: MIP when the model has integer columns, else LP. */
hp_status hp_solve(hp_solver *s, const hp_solve_opts *o, hp_solve_result *r);

/** Lexicographic solve: minimise column `first`; then bound it above by
 *  its least value v plus max(rel_tol * |v|, abs_tol), minimise column
 *  `second`, reusing the basis.  The objective is restored afterwards; the
 *  bound on `first` stays (the caller may reset it).  r describes the
 *  second solve; *first_value receives v. */
hp_status hp_solve_lex(hp_solver *s, int first, int second, double rel_tol, double abs_tol,
                       const hp_solve_opts *o, hp_solve_result *r, double *first_value);

/** Three-level lexicographic solve: hp_solve_lex() on cols[0] (tolerance
 *  rel_tol[0]) and cols[1]; then cols[1] bounded above by its least value
 *  v1 plus max(rel_tol[1] |v1|, abs_tol) and cols[2] minimised.  values[0]
 *  and values[1] receive the least values of cols[0] and cols[1] (NAN when
 *  not reached).  r describes the last solve reached (a stop short of
 *  optimality at an earlier level passes its status on); seconds and
 *  iterations are totals, one time limit shared.  The objective is
 *  restored; the bounds on cols[0] and cols[1] stay. */
hp_status hp_solve_lex3(hp_solver *s, const int cols[3], const double rel_tol[2], double abs_tol,
                        const hp_solve_opts *o, hp_solve_result *r, double values[2]);

/** Lexicographic solve by exact ties: minimise column `first`; when that
 *  solve is optimal, bound `first` above by exactly its least value (no
 *  slack) and minimise `second` with the same options.  x (ncols) receives
 *  the primal of the second solve when it is optimal, else of the first;
 *  y (nrows, NULL to skip; read only for LP models) the duals of the first
 *  solve.  r describes the first solve, seconds and iterations summed over
 *  both.  *kept receives the column whose solve gave x.  The objective is
 *  left on `second` and the bound on `first` stays. */
hp_status hp_solve_lex_ties(hp_solver *s, int first, int second, const hp_solve_opts *o,
                            hp_solve_result *r, double *x, double *y, int *kept);

/** s->ops->rhs_range() when the backend has it, else HP_EINVAL. */
hp_status hp_solver_rhs_range(hp_solver *s, const int *rows, int n, double *lo, double *hi);

/** Frees what the backends keep per thread (GLPK's thread-local
 *  environment).  A worker thread that solved calls it last, after closing
 *  its solvers; the thread must not use a solver it opened before. */
void hp_solver_thread_end(void);

/** Sets the objective to the single column `col` (coefficient 1). */
hp_status hp_solver_minimise_col(hp_solver *s, int col);

#endif
