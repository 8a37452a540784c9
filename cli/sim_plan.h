/* hreeplan command line: reading a plan written by `plan --format json`
 * back for `simulate --plan`. */
#ifndef HP_SIM_PLAN_H
#define HP_SIM_PLAN_H

#include "../models/instance/instance.h"

/** Reads the plan's first stage: *x (J*P*T, [(j*P+p)*T+t], t the ship
 *  quarter) from "orders" (supplier, product, ship, quantity; "arrive",
 *  when present, must match the instance's lead time) and *z (J) from
 *  "contracts" ([{supplier, signed}]); without "contracts" a supplier with
 *  a contract choice counts as signed when it ships anything.  Every id is
 *  checked against the instance; problems print as
 *  `PLAN: orders[3].supplier: unknown supplier, got "x"`.  Returns
 *  HP_EXIT_OK, HP_EXIT_IO (unreadable file) or HP_EXIT_USAGE (bad content).
 *  The caller frees *x and *z. */
int hp_cli_read_plan(const char *path, const hp_instance *in, double **x, int **z);

#endif
