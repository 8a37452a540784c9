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
    HPI_DC_SPEND     /* expected spend (cash: purchases, contracts, spot, holding, ...) */
};

/* One two-stage problem: an objective and up to two bounds. */
typedef struct hpi_dc_spec {
    int obj;            /* HPI_DC_COST, HPI_DC_RISK or HPI_DC_SPEND */
    double risk_bound;  /* risk <= this; HUGE_VAL: none (must be none when obj is RISK) */
    double spend_bound; /* expected spend <= this USD; HUGE_VAL: none */
} hpi_dc_spec;

/* A spec of objective obj without bounds. */
hpi_dc_spec hpi_dc_plain(int obj);

typedef struct hpi_dc {
    const hp_instance *in;
    hp_measure measure;
    double alpha;
    hpi_dc_spec spec;
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
    /* a spend bound: scenario s's recourse spend is at most the first-stage
     * column sb0 + s; sum_s p_s (sb0 + s) plus the first-stage spend is
     * bounded in sbound_row */
    int sb0;        /* first-stage column of scenario 0's spend budget, or -1 */
    int spend_row;  /* recourse row: recourse spend - sb_s <= 0, or -1 */
    int sbound_row; /* first-stage row: first-stage spend + sum p_s sb_s <= bound, or -1 */
    /* per-scenario recourse data (scenario spot prices), hp_lshaped_problem var_* */
    size_t *vbeg;
    int *vrow, *vcol;
    double *vval;
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

/* Builds the two-stage problem of `spec`.  The caller frees with
 * hpi_dc_free() (also after a failure). */
hp_status hpi_dc_build(hpi_dc *d, const hp_instance *in, hp_measure measure, double alpha,
                       const hpi_dc_spec *spec);
void hpi_dc_free(hpi_dc *d);

/* decompose_stage.c: parts of hpi_dc_build() */

/* Column classes of the one-model. */
enum { HPI_DC_C_FIRST = 0, HPI_DC_C_REC, HPI_DC_C_XI, HPI_DC_C_ETA, HPI_DC_C_DEF };

/* The technology matrices of every scenario (d->beg, trow, tcol, tval,
 * prob) from the template of n entries (tmpl_jt: j * T + t of a balance
 * row's x entry, -2 - i of reserve release i's bound, else -1), plus the
 * entries of the risk and spend budgets; counts the availability entries
 * kept into *avail_all. */
hp_status hpi_dc_tech(hpi_dc *d, int n, const int *tmpl_row, const int *tmpl_col,
                      const double *tmpl_val, const int *tmpl_jt, size_t *avail_all);

/* The size of the equivalent extensive form into d->ext_*. */
void hpi_dc_ext_size(hpi_dc *d, const signed char *cls, const signed char *row_rec,
                     const signed char *row_xi, size_t avail_one, size_t avail_all);

/* The least value of sum_j coef[j] y_j over the recourse columns' bounds
 * (the last inventory bounded by the most stock that can be on hand at the
 * end); coef indexed by recourse column.  May be -HUGE_VAL. */
double hpi_dc_rec_min(const hpi_dc *d, const double *coef);

/* The most stock of product p that can be on hand at the end, without the
 * spot market: start, transit, every capacity, the reserve. */
double hpi_dc_end_stock(const hp_instance *in, int p);

/* The spend bound (d->spec.spend_bound finite): budget columns sb_s in the
 * first stage and the row bounding the expected spend (spend: spend_def
 * coefficients by one-model column). */
hp_status hpi_dc_spend_first(hpi_dc *d, const double *spend);

/* The recourse row of the spend bound: recourse spend - sb_s <= 0. */
hp_status hpi_dc_spend_second(hpi_dc *d, const double *spend);

/* The scenarios' own spot prices (in->spot_factor): per scenario, the
 * spot columns' recourse cost, tie objective and spend-row entry scaled by
 * the scenario's factor (obj: the template's costs by one-model column,
 * spend: spend_def coefficients).  Fills d->vbeg ... and d->pb.var_*. */
hp_status hpi_dc_scenario_prices(hpi_dc *d, const double *obj, const double *spend);

#endif
