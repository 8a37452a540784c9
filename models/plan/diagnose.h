/* hreeplan model layer: why an instance admits no plan.
 *
 * Under MODEL.md, quotas, share caps, minimum orders and contract limits can
 * always be met by shipping nothing, and unmet demand closes every balance;
 * what can conflict are the storage limits against stock on hand and in
 * transit (stock cannot be thrown away).  The diagnosis solves an elastic
 * copy of the model with those limits relaxed and names every product,
 * quarter and scenario whose limit had to be exceeded. */
#ifndef HP_DIAGNOSE_H
#define HP_DIAGNOSE_H

#include "../../solver/backend.h"
#include "../formulation/model.h"

/** Explains an infeasible model: one message per conflicting storage limit
 *  ("storage limit of Dy2O3 in 2026Q2 ... exceeded by X t"), written into
 *  diag.  The caller frees diag with hp_diag_free(). */
hp_status hp_diagnose_infeasible(const hp_model *m, const hp_backend_ops *ops, hp_diag *diag);

#endif
