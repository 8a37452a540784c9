/* hreeplan solver layer: the CBC/CLP C interface, loaded at first use.
 *
 * hreeplan does not link the COIN-OR libraries: a plan with GLPK (the
 * default) would otherwise pay for loading Cbc, Clp, Cgl, Osi, CoinUtils and
 * libstdc++ at every start.  The CBC backend (cbc_backend.c) calls them
 * through the function pointers of hpi_cbc, resolved from the system's
 * libCbcSolver (which brings libClp) by hpi_cbc_load().  The types and
 * prototypes come from the COIN headers, so a pointer always has the type
 * of the function it stands for.  Intra-room API of solver/. */
#ifndef HP_CBC_DL_H
#define HP_CBC_DL_H

#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>
#include <stddef.h>

#include "status.h"

/* X(NAME) for every function of the C interfaces the backend calls. */
#define HPI_CBC_FUNCTIONS(X)                                                                       \
    X(Cbc_bestSolution)                                                                            \
    X(Cbc_deleteModel)                                                                             \
    X(Cbc_getBestPossibleObjValue)                                                                 \
    X(Cbc_getIterationCount)                                                                       \
    X(Cbc_getObjValue)                                                                             \
    X(Cbc_getVersion)                                                                              \
    X(Cbc_isContinuousUnbounded)                                                                   \
    X(Cbc_isProvenInfeasible)                                                                      \
    X(Cbc_loadProblem)                                                                             \
    X(Cbc_newModel)                                                                                \
    X(Cbc_secondaryStatus)                                                                         \
    X(Cbc_setAllowableFractionGap)                                                                 \
    X(Cbc_setInteger)                                                                              \
    X(Cbc_setLogLevel)                                                                             \
    X(Cbc_setMIPStartI)                                                                            \
    X(Cbc_setMaximumSeconds)                                                                       \
    X(Cbc_setObjSense)                                                                             \
    X(Cbc_setParameter)                                                                            \
    X(Cbc_solve)                                                                                   \
    X(Cbc_status)                                                                                  \
    X(Clp_Version)                                                                                 \
    X(Clp_chgColumnLower)                                                                          \
    X(Clp_chgColumnUpper)                                                                          \
    X(Clp_chgObjCoefficients)                                                                      \
    X(Clp_chgRowLower)                                                                             \
    X(Clp_chgRowUpper)                                                                             \
    X(Clp_deleteModel)                                                                             \
    X(Clp_dual)                                                                                    \
    X(Clp_dualRowSolution)                                                                         \
    X(Clp_getIterationCount)                                                                       \
    X(Clp_hitMaximumIterations)                                                                    \
    X(Clp_initialDualSolve)                                                                        \
    X(Clp_loadProblem)                                                                             \
    X(Clp_newModel)                                                                                \
    X(Clp_objectiveValue)                                                                          \
    X(Clp_primal)                                                                                  \
    X(Clp_primalColumnSolution)                                                                    \
    X(Clp_primalFeasible)                                                                          \
    X(Clp_setMaximumIterations)                                                                    \
    X(maximumIterations)                                                                           \
    X(Clp_setLogLevel)                                                                             \
    X(Clp_setMaximumSeconds)                                                                       \
    X(Clp_setObjSense)                                                                             \
    X(Clp_status)

#define HPI_CBC_POINTER(name) __typeof__(&name) name;
/** One pointer per function, named like it; valid after hpi_cbc_load()
 *  returned HP_OK. */
typedef struct hpi_cbc_fns {
    HPI_CBC_FUNCTIONS(HPI_CBC_POINTER)
} hpi_cbc_fns;
#undef HPI_CBC_POINTER

extern hpi_cbc_fns hpi_cbc;

/** The library tried first: libCbcSolver.so.3 (CBC 2.10), then
 *  libCbcSolver.so.  The environment variable HREEPLAN_CBC_LIBRARY, when
 *  set, names the one file to load instead: it exists for the tests, which
 *  point it at a missing file to check the error below. */
#define HPI_CBC_SONAME "libCbcSolver.so.3"

/** Loads the library and resolves every pointer, once per process
 *  (thread-safe; the library stays loaded until exit).  HP_OK, or HP_EIO
 *  with err set to "libCbcSolver is not installed (apt-get install
 *  coinor-libcbc-dev): WHY" (or which function it lacks); every later call
 *  gives the same answer. */
hp_status hpi_cbc_load(char *err, size_t errlen);

#endif
