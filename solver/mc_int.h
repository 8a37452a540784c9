/* hreeplan solver layer: internals of the Monte-Carlo evaluator shared by
 * montecarlo.c (blocks, threads, dgemm, reductions) and mc_rule.c (the
 * recourse rule of montecarlo.h, per path and batched along the paths of a
 * block).  Not installed; not part of the API. */
#ifndef HP_MC_INT_H
#define HP_MC_INT_H

#include "montecarlo.h"

/* Scalars summed per block, then over blocks in index order. */
enum { HPI_MC_S_PURCHASE, HPI_MC_S_FIXED, HPI_MC_S_N };

/* Item-period sums per block, after the scalars: weighted sums over the
 * block's paths.  The expected cost parts follow from them (spot cost =
 * sum spot_cost[it] * V_SPOT[it], ...), so a path needs no accumulator of
 * its own beyond its cost, spend and shortage.  The batched rule writes the
 * first HPI_MC_V_Z groups per path into a block matrix and montecarlo.c
 * sums them with one dgemv.  HPI_MC_V_TSHORT (the terminal shortfall) is
 * nonzero only in each item's last period. */
enum {
    HPI_MC_V_STOCKOUT,
    HPI_MC_V_UNMET,
    HPI_MC_V_SPOT,
    HPI_MC_V_STOCK,
    HPI_MC_V_OVER,
    HPI_MC_V_BELOW,
    HPI_MC_V_RES,
    HPI_MC_V_TSHORT,
    HPI_MC_V_Z,
    HPI_MC_V_ARR = HPI_MC_V_Z,
    HPI_MC_V_N
};

/* The rule for one path of availability a (n_src) whose arrivals arr
 * (ncol, purchase last) are known: its cost, spend and shortage, and the
 * unmet per item-period into unmet when not NULL.  Adds the path's weighted
 * scalars and item-period sums (weight w) into part when part is not
 * NULL (layout: HPI_MC_S_N scalars, then HPI_MC_V_N groups of n_item*n_per). */
void hpi_mc_rule_path(const hp_mc_problem *pb, const double *a, const double *arr, double w,
                      double *part, double *cost, double *spend, double *shortage, double *unmet);

/* The rule for nb paths at once: availability A (nb x n_src, row-major),
 * arrivals C (ncol x nb, path index fastest, purchase in the last row).
 * Sets cost, spend and shortage (nb each) and the outcome matrix Z
 * (HPI_MC_V_Z groups of n_item*n_per rows x nb); scratch holds 3 * nb. */
void hpi_mc_rule_block(const hp_mc_problem *pb, const double *A, const double *C, int nb,
                       double *cost, double *spend, double *shortage, double *scratch, double *Z);

#endif
