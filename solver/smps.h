/* hreeplan solver layer: two-stage stochastic LPs given in SMPS (core in
 * MPS, implicit TIME file, STOCH file), solved by the L-shaped engine
 * (lshaped.h) or as the extensive form by a backend.  Knows nothing of rare
 * earths.
 *
 * Read:
 * - core: fixed or free MPS with blank-separated fields (names hold no
 *   blanks): NAME, ROWS, COLUMNS (MARKER INTORG/INTEND), RHS, RANGES,
 *   BOUNDS (UP LO FX FR MI PL BV LI UI), OBJSENSE MIN|MAX, ENDATA; the first
 *   N row is the objective, other N rows are dropped; an RHS on the
 *   objective is minus its constant;
 * - TIME: implicit form (PERIODS: first column and first row of each
 *   period), exactly two periods, columns and rows of the core in period
 *   order;
 * - STOCH: INDEP, BLOCKS and SCENARIOS sections, DISCRETE distributions
 *   (REPLACE, ADD or MULTIPLY), random right-hand sides, matrix entries,
 *   costs (objective-row entries) and bounds (`UP|LO|FX BND COL VALUE`) of
 *   the second stage; first-stage costs may be random (their expectation
 *   counts).  Independent sections multiply: INDEP elements, blocks and the
 *   SCENARIOS set are independent of one another.
 *
 * Errors are one line "file:line: what is wrong" (or "file: ..." when no
 * line is to blame). */
#ifndef HP_SMPS_H
#define HP_SMPS_H

#include <stddef.h>

#include "backend.h"
#include "lshaped.h"

typedef struct hp_smps hp_smps;

/** More scenarios than this are enumerated only when sampled. */
#define HP_SMPS_MAX_SCENARIOS 100000

/** Reads the three files.  HP_OK with *out (the caller frees it with
 *  hp_smps_free()); HP_EIO when a file cannot be read, HP_EINVAL when one
 *  is malformed, HP_ENOMEM; in each failing case err holds one line. */
hp_status hp_smps_read(const char *core, const char *time, const char *stoch, hp_smps **out,
                       char *err, size_t errlen);
void hp_smps_free(hp_smps *p);

/** The number of scenarios the STOCH file describes (the product over
 *  independent parts; may be astronomical, hence a double). */
double hp_smps_scenario_count(const hp_smps *p);
/** First-stage columns, in core order, and their names. */
int hp_smps_first_cols(const hp_smps *p);
const char *hp_smps_col_name(const hp_smps *p, int col);
/** Nonzero when the recourse matrix or the recourse costs are random (the
 *  L-shaped engine then does not apply: it needs fixed recourse). */
int hp_smps_random_recourse(const hp_smps *p);

typedef enum hp_smps_method {
    HP_SMPS_AUTO = 0,  /**< L-shaped from `crossover` scenarios on, when it applies */
    HP_SMPS_EXTENSIVE, /**< the deterministic equivalent on the backend */
    HP_SMPS_LSHAPED    /**< the L-shaped engine */
} hp_smps_method;

typedef struct hp_smps_opts {
    hp_smps_method method;
    int crossover;             /**< auto: L-shaped from this many scenarios on */
    long sample;               /**< > 0: solve on so many sampled scenarios (prob 1/N) */
    unsigned long seed;        /**< of the sample */
    const hp_backend_ops *ops; /**< extensive form backend (NULL: GLPK) */
    hp_lshaped_opts ls;        /**< L-shaped options */
    double time_limit;         /**< extensive solve, seconds; <= 0: none */
} hp_smps_opts;

/** Defaults: auto, crossover 50, no sample, seed 1, GLPK, lshaped defaults. */
void hp_smps_opts_default(hp_smps_opts *o);

typedef struct hp_smps_result {
    hp_sol_status status; /**< optimal, infeasible, unbounded, time_limit, failed... */
    int has_solution;
    hp_smps_method method; /**< the method used (never AUTO) */
    long scenarios;        /**< scenarios solved on */
    double objective;      /**< expected total cost, in the core's sense (MAX: the maximum) */
    double *x;             /**< first stage, hp_smps_first_cols() values */
    long iterations;       /**< L-shaped master iterations, or simplex iterations */
    double seconds;
} hp_smps_result;

/** Solves.  HP_OK with *out (the caller frees it with
 *  hp_smps_result_free()) whatever the model status; HP_EINVAL with err
 *  when the problem cannot be solved as asked (too many scenarios without
 *  a sample, L-shaped on random recourse, an unbounded recourse with no
 *  lower bound for the L-shaped master), HP_ENOMEM, HP_EINTERNAL. */
hp_status hp_smps_solve(const hp_smps *p, const hp_smps_opts *o, hp_smps_result **out, char *err,
                        size_t errlen);
void hp_smps_result_free(hp_smps_result *r);

/** Writes the extensive form (the scenarios of o: all, or o->sample of
 *  them drawn with o->seed) to path as free MPS, through GLPK.  HP_EINVAL
 *  (too many scenarios), HP_EIO, HP_ENOMEM with err. */
hp_status hp_smps_write_extensive(const hp_smps *p, const hp_smps_opts *o, const char *path,
                                  char *err, size_t errlen);

/** The name of a method: "auto", "extensive", "lshaped". */
const char *hp_smps_method_str(hp_smps_method m);

#endif
