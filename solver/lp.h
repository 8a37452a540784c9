/* hreeplan solver layer: a backend-neutral sparse LP/MIP model.
 *
 * Knows nothing of rare earths.  Columns and rows are 0-based; every column
 * and row has a name; coefficients are stored as triplets.  hp_lp_validate()
 * checks bounds, finiteness and duplicate entries before any backend sees
 * the model (GLPK aborts the whole process on such misuse).
 *
 * Infinite bounds are written HUGE_VAL / -HUGE_VAL. */
#ifndef HP_LP_H
#define HP_LP_H

#include <stddef.h>

#include "status.h"

typedef struct hp_lp hp_lp;

/** A new empty model (minimisation); NULL when out of memory.
 *  The caller frees it with hp_lp_free(). */
hp_lp *hp_lp_new(void);
/** Frees the model; NULL is allowed. */
void hp_lp_free(hp_lp *lp);

/** Adds a column; returns its 0-based index, or -1 when out of memory.
 *  The name is copied. */
int hp_lp_add_col(hp_lp *lp, const char *name, /**< column name, copied */
                  double lb,                   /**< lower bound, may be -HUGE_VAL */
                  double ub,                   /**< upper bound, may be HUGE_VAL */
                  double obj,                  /**< objective coefficient */
                  int is_int);                 /**< nonzero: integer column */

/** Adds a row lb <= a.x <= ub; returns its index, or -1 when out of memory. */
int hp_lp_add_row(hp_lp *lp, const char *name, double lb, double ub);

/** Appends coefficient a[row][col] = val (val == 0 is ignored). */
hp_status hp_lp_add_coef(hp_lp *lp, int row, int col, double val);

/** Constant term of the objective (reported, never passed to a backend). */
void hp_lp_set_obj_const(hp_lp *lp, double c);

void hp_lp_set_obj(hp_lp *lp, int col, double val);
void hp_lp_set_col_bounds(hp_lp *lp, int col, double lb, double ub);
void hp_lp_set_row_bounds(hp_lp *lp, int row, double lb, double ub);

/** Checks what a backend would abort on: lb > ub, NaN anywhere, infinite
 *  coefficients, indices out of range, duplicate (row, col) entries.
 *  On failure writes a one-line reason to err (may be NULL). */
hp_status hp_lp_validate(const hp_lp *lp, char *err, size_t errlen);

/* Read access (indices must be in range). */
int hp_lp_ncols(const hp_lp *lp);
int hp_lp_nrows(const hp_lp *lp);
size_t hp_lp_nnz(const hp_lp *lp);
int hp_lp_nints(const hp_lp *lp);
const char *hp_lp_col_name(const hp_lp *lp, int col);
const char *hp_lp_row_name(const hp_lp *lp, int row);
double hp_lp_col_lb(const hp_lp *lp, int col);
double hp_lp_col_ub(const hp_lp *lp, int col);
double hp_lp_obj(const hp_lp *lp, int col);
double hp_lp_obj_const(const hp_lp *lp);
int hp_lp_col_is_int(const hp_lp *lp, int col);
double hp_lp_row_lb(const hp_lp *lp, int row);
double hp_lp_row_ub(const hp_lp *lp, int row);
/** Triplets in insertion order; arrays of hp_lp_nnz() entries owned by lp. */
const int *hp_lp_coef_rows(const hp_lp *lp);
const int *hp_lp_coef_cols(const hp_lp *lp);
const double *hp_lp_coef_vals(const hp_lp *lp);

/** Finds a column / row by name (linear search; for tests). -1 if absent. */
int hp_lp_find_col(const hp_lp *lp, const char *name);
int hp_lp_find_row(const hp_lp *lp, const char *name);

/** Objective value c.x + const for a dense x of hp_lp_ncols() values. */
double hp_lp_eval_obj(const hp_lp *lp, const double *x);

#endif
