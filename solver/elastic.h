/* hreeplan solver layer: elastic copies of an infeasible model.
 *
 * GLPK has no irreducible-infeasible-set finder.  The elastic copy relaxes
 * the hard bounds and rows the caller names with penalised excess columns
 * and minimises the total excess; the items whose excess is positive are
 * the ones in conflict.  Knows nothing of rare earths. */
#ifndef HP_ELASTIC_H
#define HP_ELASTIC_H

#include "backend.h"

/** Relaxes the upper bounds of columns cols[0..n_cols-1] and both sides of
 *  rows rows[0..n_rows-1] of lp (unchanged), solves the elastic copy with
 *  ops and writes the excess of each item (>= 0) to col_excess / row_excess
 *  (caller-allocated, n_cols / n_rows doubles; either may be NULL when its
 *  count is 0).  HP_EINFEASIBLE when even the elastic copy has no solution
 *  (the conflict lies elsewhere). */
hp_status hp_elastic_solve(const hp_backend_ops *ops, const hp_lp *lp, int n_cols, const int *cols,
                           int n_rows, const int *rows, double *col_excess, double *row_excess);

#endif
