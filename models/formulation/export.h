/* hreeplan model layer: exports of an instance for other tools.
 *
 * The MathProg data section pairs with models/hreeplan.mod, the reference
 * formulation of ../shared/MODEL.md written in GNU MathProg:
 *
 *   hreeplan export X.cfg --mathprog-data X.dat
 *   glpsol -m models/hreeplan.mod -d X.dat
 *
 * (LP and MPS files of hreeplan's own formulation are written by the solver
 * backends, see hp_backend_ops.write in solver/backend.h.) */
#ifndef HP_EXPORT_H
#define HP_EXPORT_H

#include <stdio.h>

#include "../instance/instance.h"
#include "model.h"

/** Writes the data section for models/hreeplan.mod describing a validated
 *  instance: its current scenarios (inst->avail, so sampled scenarios are
 *  exported as they stand) and the risk measure and CVaR level of mo.
 *  The objective (`param obj`) and a risk bound (`param riskcap`) are left
 *  to the model's defaults (cost-minimal, no bound); give them in a second
 *  data file.  Every number is written with 17 significant digits, so glpsol
 *  reads back exactly the doubles hreeplan holds; the output depends only on
 *  the instance and mo.  Returns HP_EIO when a write fails, HP_EINVAL when
 *  a name cannot be written as a MathProg symbol (over 100 bytes). */
hp_status hp_export_mathprog(FILE *f,                  /**< open for writing, not closed */
                             const hp_instance *inst,  /**< validated instance */
                             const hp_model_opts *mo); /**< measure and alpha */

/** Writes the sourcing model as a two-stage stochastic program in SMPS
 *  (solver/smps.h reads it back): the core (free MPS, scenario 1), the
 *  implicit TIME file (periods ORDERS: orders, lots, contracts; RECOURSE:
 *  spot, unmet, inventory and the rest) and the STOCH file (one SCENARIOS
 *  DISCRETE block, each scenario with its probability and the entries and
 *  costs where it differs from the core).  The stages are those of the
 *  L-shaped method: every first-stage decision is taken before any
 *  scenario is known (two-stage information).  risk = 0: the objective is
 *  the expected cost; nonzero: the risk measure of mo (its least value is
 *  that of the risk-minimal plan).  HP_EIO when a write fails; HP_EINVAL,
 *  HP_ENOMEM, HP_EINTERNAL with a one-line reason in err. */
hp_status hp_export_smps(FILE *cor, FILE *tim, FILE *sto, /**< open for writing, not closed */
                         const hp_instance *inst,         /**< validated instance */
                         const hp_model_opts *mo,         /**< measure and alpha */
                         int risk, char *err, size_t errlen);

/** fprintf to f for the exporters: HP_OK, or HP_EIO when the write
 *  fails.  Intra-room (export_mathprog.c, export_smps.c). */
hp_status hpi_export_put(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
