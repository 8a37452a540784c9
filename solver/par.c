/* hreeplan solver layer: work spread over MPI ranks (see par.h).  With
 * HP_WITH_MPI, Open MPI's libmpi is loaded at hp_par_init() when mpirun
 * started the process; its predefined handles (MPI_COMM_WORLD, MPI_BYTE,
 * ...) are the addresses of Open MPI's ompi_mpi_* objects, looked up the
 * same way. */
#include "par.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HP_WITH_MPI
#include <dlfcn.h>
#include <mpi.h>
#endif

static int g_rank = 0, g_size = 1, g_local = 1;
static char g_err[512];

#ifdef HP_WITH_MPI
static struct {
    int (*Init_thread)(int *, char ***, int, int *);
    int (*Finalize)(void);
    int (*Comm_rank)(MPI_Comm, int *);
    int (*Comm_size)(MPI_Comm, int *);
    int (*Allgatherv)(const void *, int, MPI_Datatype, void *, const int *, const int *,
                      MPI_Datatype, MPI_Comm);
    int (*Bcast)(void *, int, MPI_Datatype, int, MPI_Comm);
    int (*Allreduce)(const void *, void *, int, MPI_Datatype, MPI_Op, MPI_Comm);
    int (*Abort)(MPI_Comm, int);
    int (*Type_contiguous)(int, MPI_Datatype, MPI_Datatype *);
    int (*Type_commit)(MPI_Datatype *);
    int (*Type_free)(MPI_Datatype *);
    MPI_Comm world;
    MPI_Datatype byte, integer, lng;
    MPI_Op sum, min;
} mpi;
static int g_joined = 0;

/* dlsym's data pointer into a function or handle pointer (POSIX: same
 * representation; ISO C has no conversion, so the bytes are copied) */
#define HPI_PAR_SYM(field, name)                                                                   \
    do {                                                                                           \
        void *sym = ok ? dlsym(lib, name) : NULL;                                                  \
        if (!sym)                                                                                  \
            ok = 0;                                                                                \
        else                                                                                       \
            memcpy(&mpi.field, &sym, sizeof mpi.field);                                            \
    } while (0)

static hp_status join(int *argc, char ***argv)
{
    hp_status st = HP_EIO;
    int ok = 1, provided = 0;
    const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    /* global: Open MPI's own components resolve libmpi's symbols */
    void *lib = dlopen("libmpi.so.40", RTLD_NOW | RTLD_GLOBAL);
    if (!lib)
        lib = dlopen("libmpi.so", RTLD_NOW | RTLD_GLOBAL);
    if (!lib) {
        hp_log(0,
               "started by mpirun, but Open MPI's libmpi cannot be loaded "
               "(apt-get install openmpi-bin): %s",
               dlerror());
        goto cleanup;
    }
    HPI_PAR_SYM(Init_thread, "MPI_Init_thread");
    HPI_PAR_SYM(Finalize, "MPI_Finalize");
    HPI_PAR_SYM(Comm_rank, "MPI_Comm_rank");
    HPI_PAR_SYM(Comm_size, "MPI_Comm_size");
    HPI_PAR_SYM(Allgatherv, "MPI_Allgatherv");
    HPI_PAR_SYM(Bcast, "MPI_Bcast");
    HPI_PAR_SYM(Allreduce, "MPI_Allreduce");
    HPI_PAR_SYM(Abort, "MPI_Abort");
    HPI_PAR_SYM(Type_contiguous, "MPI_Type_contiguous");
    HPI_PAR_SYM(Type_commit, "MPI_Type_commit");
    HPI_PAR_SYM(Type_free, "MPI_Type_free");
    HPI_PAR_SYM(world, "ompi_mpi_comm_world");
    HPI_PAR_SYM(byte, "ompi_mpi_byte");
    HPI_PAR_SYM(integer, "ompi_mpi_int");
    HPI_PAR_SYM(lng, "ompi_mpi_long");
    HPI_PAR_SYM(sum, "ompi_mpi_op_sum");
    HPI_PAR_SYM(min, "ompi_mpi_op_min");
    if (!ok) {
        hp_log(0, "libmpi lacks a symbol of Open MPI 4: %s", dlerror());
        goto cleanup; /* the library stays loaded: it may have started threads */
    }
    /* a rank that waits for the others yields its core instead of spinning
     * on it (the machine's cores are shared with the workers of every
     * rank); the user's setting wins */
    setenv("OMPI_MCA_mpi_yield_when_idle", "1", 0);
    /* only the main thread calls MPI (worker threads compute) */
    if (mpi.Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        hp_log(0, "MPI_Init_thread failed");
        goto cleanup;
    }
    g_joined = 1;
    mpi.Comm_rank(mpi.world, &g_rank);
    mpi.Comm_size(mpi.world, &g_size);
    g_local = local && atoi(local) > 0 ? atoi(local) : 1;
    st = HP_OK;
cleanup:
    return st;
}
#endif

hp_status hp_par_init(int *argc, char ***argv)
{
#ifdef HP_WITH_MPI
    const char *sz = getenv("OMPI_COMM_WORLD_SIZE");
    if (sz && *sz)
        return join(argc, argv);
#endif
    (void)argc;
    (void)argv;
    return HP_OK;
}

void hp_par_finalize(void)
{
#ifdef HP_WITH_MPI
    if (g_joined)
        mpi.Finalize();
    g_joined = 0;
#endif
}

int hp_par_rank(void)
{
    return g_rank;
}

int hp_par_size(void)
{
    return g_size;
}

int hp_par_local_size(void)
{
    return g_local;
}

int hp_par_built(void)
{
#ifdef HP_WITH_MPI
    return 1;
#else
    return 0;
#endif
}

void hp_par_range(long n, int r, long *lo, long *hi)
{
    /* the first n % size ranks take one item more */
    long q = n / g_size, m = n % g_size;
    *lo = (long)r * q + (r < m ? r : m);
    *hi = *lo + q + (r < m ? 1 : 0);
}

void hp_par_note_error(const char *msg)
{
    if (!g_err[0])
        snprintf(g_err, sizeof g_err, "%s", msg);
}

int hp_par_test_fail(void)
{
    const char *e = getenv("HREEPLAN_TEST_FAIL_RANK");
    if (!e || !*e || atoi(e) != g_rank)
        return 0;
    hp_log(0, "failed on purpose (test hook HREEPLAN_TEST_FAIL_RANK=%s)", e);
    return 1;
}

hp_status hp_par_agree(hp_status local)
{
    hp_status st = local;
#ifdef HP_WITH_MPI
    if (g_joined && g_size > 1) {
        int mine = local != HP_OK ? g_rank : g_size, first = g_size, code = (int)local;
        mpi.Allreduce(&mine, &first, 1, mpi.integer, mpi.min, mpi.world);
        if (first == g_size) {
            st = HP_OK;
        } else {
            mpi.Bcast(&code, 1, mpi.integer, first, mpi.world);
            mpi.Bcast(g_err, (int)sizeof g_err, mpi.byte, first, mpi.world);
            st = (hp_status)code;
            /* rank 0 printed its own message when it was the one */
            if (g_rank == 0 && first != 0)
                hp_log(0, "rank %d of %d: %s", first, g_size, g_err[0] ? g_err : hp_status_str(st));
        }
    }
#endif
    g_err[0] = '\0';
    return st;
}

hp_status hp_par_allgather(void *buf, long n, size_t item_bytes)
{
#ifdef HP_WITH_MPI
    hp_status st = HP_OK;
    int *cnt = NULL, *dsp = NULL;
    MPI_Datatype item;
    int have_type = 0;
    if (!g_joined || g_size < 2 || n <= 0 || item_bytes == 0)
        return HP_OK;
    if (n > INT_MAX || item_bytes > INT_MAX)
        return HP_EINVAL;
    cnt = malloc((size_t)g_size * sizeof *cnt);
    dsp = malloc((size_t)g_size * sizeof *dsp);
    if (!cnt || !dsp) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int r = 0; r < g_size; r++) {
        long lo, hi;
        hp_par_range(n, r, &lo, &hi);
        cnt[r] = (int)(hi - lo);
        dsp[r] = (int)lo;
    }
    if (mpi.Type_contiguous((int)item_bytes, mpi.byte, &item) != MPI_SUCCESS ||
        mpi.Type_commit(&item) != MPI_SUCCESS) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    have_type = 1;
    if (mpi.Allgatherv(MPI_IN_PLACE, 0, item, buf, cnt, dsp, item, mpi.world) != MPI_SUCCESS)
        st = HP_EINTERNAL;
cleanup:
    if (have_type)
        mpi.Type_free(&item);
    free(cnt);
    free(dsp);
    return st;
#else
    (void)buf;
    (void)n;
    (void)item_bytes;
    return HP_OK;
#endif
}

hp_status hp_par_bcast(void *buf, size_t bytes, int root)
{
#ifdef HP_WITH_MPI
    if (g_joined && g_size > 1) {
        unsigned char *p = buf;
        /* in pieces of at most 1 GiB: MPI counts are int */
        for (size_t off = 0; off < bytes; off += (size_t)1 << 30) {
            size_t k = bytes - off < ((size_t)1 << 30) ? bytes - off : (size_t)1 << 30;
            if (mpi.Bcast(p + off, (int)k, mpi.byte, root, mpi.world) != MPI_SUCCESS)
                return HP_EINTERNAL;
        }
    }
#else
    (void)buf;
    (void)bytes;
    (void)root;
#endif
    return HP_OK;
}

int hp_par_any(int flag)
{
    return hp_par_sum_long(flag ? 1 : 0) > 0;
}

long hp_par_sum_long(long v)
{
    long all = v;
#ifdef HP_WITH_MPI
    if (g_joined && g_size > 1)
        mpi.Allreduce(&v, &all, 1, mpi.lng, mpi.sum, mpi.world);
#endif
    return all;
}

hp_status hp_par_map(long n, size_t rec_bytes, hp_par_item_fn fn, void *ctx, void *out)
{
    hp_status st = HP_OK;
    long lo, hi;
    hp_par_range(n, g_rank, &lo, &hi);
    if (lo < hi && hp_par_test_fail())
        st = HP_EINTERNAL;
    for (long i = lo; st == HP_OK && i < hi; i++)
        st = fn(ctx, i, (unsigned char *)out + (size_t)i * rec_bytes);
    st = hp_par_agree(st);
    if (st == HP_OK)
        st = hp_par_allgather(out, n, rec_bytes);
    return st;
}

void hp_par_abort(int code)
{
#ifdef HP_WITH_MPI
    if (g_joined)
        mpi.Abort(mpi.world, code);
#endif
    exit(code);
}
