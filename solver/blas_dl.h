/* hreeplan solver layer: OpenBLAS and LAPACKE, loaded at first use.
 *
 * Only the Monte-Carlo kernels (dgemm, dgemv) and the Cholesky factor of
 * correlated disruptions (dpotrf) need them, so hreeplan does not link
 * them: OpenBLAS starts its thread pool when it is loaded, a cost every
 * `check` and `plan` would otherwise pay.  hp_blas_load() loads
 * libopenblas.so.0 (into the global scope, so LAPACKE's LAPACK calls go to
 * OpenBLAS exactly as when both were linked) and liblapacke.so.3, and fills
 * hp_blas; the calls through it are the same calls as before, with the same
 * results bit for bit.  The types come from cblas.h and lapacke.h. */
#ifndef HP_BLAS_DL_H
#define HP_BLAS_DL_H

#include <cblas.h>
#include <lapacke.h>
#include <stddef.h>

#include "status.h"

/* X(NAME) for every function hreeplan calls. */
#define HP_BLAS_FUNCTIONS(X)                                                                       \
    X(cblas_dgemm)                                                                                 \
    X(cblas_dgemv)                                                                                 \
    X(openblas_get_num_threads)                                                                    \
    X(openblas_set_num_threads)
#define HP_LAPACKE_FUNCTIONS(X) X(LAPACKE_dpotrf)

#define HP_BLAS_POINTER(name) __typeof__(&name) name;
/** One pointer per function, named like it; valid after hp_blas_load()
 *  returned HP_OK. */
typedef struct hp_blas_fns {
    HP_BLAS_FUNCTIONS(HP_BLAS_POINTER)
    HP_LAPACKE_FUNCTIONS(HP_BLAS_POINTER)
} hp_blas_fns;
#undef HP_BLAS_POINTER

extern hp_blas_fns hp_blas;

/** Loads both libraries and resolves every pointer, once per process
 *  (thread-safe; they stay loaded until exit).  HP_OK, or HP_EIO with the
 *  reason logged at level 0 ("libopenblas is not installed (apt-get install
 *  libopenblas-dev): WHY", likewise liblapacke); every later call gives the
 *  same answer without logging again. */
hp_status hp_blas_load(void);

#endif
