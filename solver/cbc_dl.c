/* hreeplan solver layer: loading the CBC/CLP C interface at first use
 * (see cbc_dl.h). */
#include "cbc_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

hpi_cbc_fns hpi_cbc;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static hp_status load_status = HP_EIO;
static char load_err[512];

/* A data pointer from dlsym() into a function pointer: POSIX guarantees the
 * representations agree; ISO C has no conversion, so the bytes are copied. */
#define HPI_CBC_RESOLVE(name)                                                                      \
    if (st == HP_OK) {                                                                             \
        void *sym = dlsym(lib, #name);                                                             \
        if (!sym) {                                                                                \
            snprintf(load_err, sizeof load_err, "%s lacks %s (CBC 2.10 wanted): %s", file, #name,  \
                     dlerror());                                                                   \
            st = HP_EIO;                                                                           \
        } else {                                                                                   \
            memcpy(&hpi_cbc.name, &sym, sizeof hpi_cbc.name);                                      \
        }                                                                                          \
    }

static void load(void)
{
    const char *names[] = {HPI_CBC_SONAME, "libCbcSolver.so"};
    const char *env = getenv("HREEPLAN_CBC_LIBRARY");
    const char *file = env && *env ? env : names[0];
    char why[256] = "";
    hp_status st = HP_OK;
    void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);

    if (!lib) /* the first failure says most (the versioned name) */
        snprintf(why, sizeof why, "%s", dlerror());
    for (size_t i = 1; !lib && !(env && *env) && i < sizeof names / sizeof names[0]; i++) {
        file = names[i];
        lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    }
    if (!lib) {
        snprintf(load_err, sizeof load_err,
                 "libCbcSolver is not installed (apt-get install coinor-libcbc-dev): %s", why);
        goto cleanup;
    }
    HPI_CBC_FUNCTIONS(HPI_CBC_RESOLVE)
    if (st != HP_OK) {
        memset(&hpi_cbc, 0, sizeof hpi_cbc);
        goto cleanup; /* the library stays loaded: unloading C++ code is unsafe */
    }
    load_status = HP_OK;
cleanup:
    return;
}

hp_status hpi_cbc_load(char *err, size_t errlen)
{
    pthread_once(&load_once, load);
    if (err && errlen)
        snprintf(err, errlen, "%s", load_status == HP_OK ? "" : load_err);
    return load_status;
}
