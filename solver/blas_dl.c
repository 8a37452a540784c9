/* hreeplan solver layer: loading OpenBLAS and LAPACKE at first use (see
 * blas_dl.h). */
#include "blas_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

hp_blas_fns hp_blas;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static hp_status load_status = HP_EIO;
static char load_err[512];

/* dlsym() gives a data pointer; POSIX guarantees it converts to a function
 * pointer, ISO C has no such conversion, so the bytes are copied. */
#define HP_BLAS_RESOLVE(name)                                                                      \
    if (st == HP_OK) {                                                                             \
        void *sym = dlsym(lib, #name);                                                             \
        if (!sym) {                                                                                \
            snprintf(load_err, sizeof load_err, "%s lacks %s: %s", file, #name, dlerror());        \
            st = HP_EIO;                                                                           \
        } else {                                                                                   \
            memcpy(&hp_blas.name, &sym, sizeof hp_blas.name);                                      \
        }                                                                                          \
    }

/* Opens file; on failure says which package provides it. */
static void *open_lib(const char *file, int global, const char *what, const char *package)
{
    void *lib = dlopen(file, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    if (!lib)
        snprintf(load_err, sizeof load_err, "%s is not installed (apt-get install %s): %s", what,
                 package, dlerror());
    return lib;
}

static void load(void)
{
    hp_status st = HP_OK;
    const char *file = "libopenblas.so.0";
    /* global: LAPACKE's dpotrf_ must resolve to OpenBLAS, as when linked */
    void *lib = open_lib(file, 1, "libopenblas", "libopenblas-dev");
    if (!lib)
        goto cleanup;
    HP_BLAS_FUNCTIONS(HP_BLAS_RESOLVE)
    if (st != HP_OK)
        goto cleanup;
    file = "liblapacke.so.3";
    lib = open_lib(file, 0, "liblapacke", "liblapacke-dev");
    if (!lib)
        goto cleanup;
    HP_LAPACKE_FUNCTIONS(HP_BLAS_RESOLVE)
    if (st != HP_OK)
        goto cleanup;
    load_status = HP_OK;
cleanup:
    if (load_status != HP_OK)
        memset(&hp_blas, 0, sizeof hp_blas); /* the libraries stay loaded */
}

hp_status hp_blas_load(void)
{
    static int told;
    pthread_once(&load_once, load);
    if (load_status != HP_OK && !__atomic_exchange_n(&told, 1, __ATOMIC_RELAXED))
        hp_log(0, "%s", load_err);
    return load_status;
}
