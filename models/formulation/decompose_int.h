/* hreeplan model layer: internals of the decomposition (models/decompose.c
 * splits the formulation into stages, models/decompose_plan.c solves and
 * extracts plans).  Not part of the API. */
#ifndef HP_DECOMPOSE_INT_H
#define HP_DECOMPOSE_INT_H

#include "../../solver/lshaped.h"
#include "model.h"

/* What the two-stage problem minimises. */
enum {
    HPI_DC_COST = 0, /* expected cost */
    HPI_DC_RISK,     /* the risk measure (CVaR: eta first stage, xi recourse) */
    HPI_DC_BOUND     /* expected cost with the risk measure bounded */
};

typedef struct hpi_dc {
    const hp_instance *in;
    hp_measure measure;
    double alpha;
    int mode;
    /* the one-scenario model at the mean availability */
    hp_instance one;
    hp_scenario one_sc;
    double *abar;
    hp_product *one_products; /* copies with every reserve open, or NULL */
    double *one_pf;           /* price factor making paid_mean right, or NULL */
    int one_col;              /* first-stage column fixed at 1 (reserve rows), or -1 */
    hp_model *m;
    /* one-model column / row -> first-stage or recourse index, -1 */
    int *f_of, *r_of, *fr_of, *rr_of;
    int eta;        /* first-stage column of eta, or -1 */
    int b0;         /* first-stage column of scenario 0's risk budget, or -1 */
    int budget_row; /* recourse row Z_s - b_s (- eta) <= 0, or -1 */
    int bound_row;  /* first-stage row risk <= bound, or -1 */
    hp_lp *first, *second;
    double *tie; /* tie objective of the recourse (n2) */
    size_t *beg;
    int *trow, *tcol;
    double *tval;
    double *prob;
    hp_lshaped_problem pb;
    /* size of the equivalent extensive form */
    int ext_rows, ext_cols;
    size_t ext_nnz;
} hpi_dc;

/* Builds the two-stage problem of `mode` (bound: the risk bound of
 * HPI_DC_BOUND).  The caller frees with hpi_dc_free() (also after a failure). */
hp_status hpi_dc_build(hpi_dc *d, const hp_instance *in, hp_measure measure, double alpha, int mode,
                       double bound);
void hpi_dc_free(hpi_dc *d);

#endif
