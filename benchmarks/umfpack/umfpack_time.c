/*
 * umfpack_time: times UMFPACK on a Matrix Market matrix (e.g. one written by `crossbar ... --dump-matrix`).
 *
 * Usage: umfpack_time matrix.mtx [rhs.mtx [x.mtx]] [--repeats R] [--strategy symmetric|unsymmetric|auto]
 *
 * Reads a `matrix coordinate real general` file (1-based; duplicates are summed, explicit zeros kept in the
 * pattern), then times, best of R runs (default 1):
 *   order_s   umfpack_*_symbolic with Control[UMFPACK_STRATEGY] = symmetric and Control[UMFPACK_ORDERING] = AMD
 *             (AMD on the pattern of A + A'; the "UMFPACK (symmetric strategy, AMD)" of the comparison)
 *   factor_s  umfpack_*_numeric on that symbolic analysis
 * and prints nnz(L+U) from umfpack_*_get_lunz (lnz + unz - n: L's unit diagonal not counted), the flop count and
 * the strategy and ordering UMFPACK reports it used. With a right-hand side (`matrix array real general`, n x 1) it
 * solves A x = b once (solve_s) and prints the residual ||A x - b||_inf, relative to ||A||_inf ||x||_inf + ||b||_inf;
 * given another solver's x as well (the .x.mtx of --dump-matrix), x_diff_rel = ||x_umfpack - x||_inf / ||x_umfpack||_inf.
 * Output: one "name value" pair per line, for scripts (benchmarks/large_arrays.sh reads it).
 *
 * Built by build.sh with -DUMF_LONG for the SuiteSparse_long (dl) interface (matrices whose factors exceed 2^31
 * entries); by default the int (di) interface.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "umfpack.h"

#ifdef UMF_LONG
typedef SuiteSparse_long Int;
#define UMF(name) umfpack_dl_##name
#define INTERFACE "dl"
#else
typedef int Int;
#define UMF(name) umfpack_di_##name
#define INTERFACE "di"
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "umfpack_time: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

/* Reads the banner and skips comments; returns the first data line (caller frees). */
static char *header(FILE *f, const char *path, const char *expected_format)
{
    char *line = NULL;
    size_t cap = 0;
    if (getline(&line, &cap, f) < 0) fail("empty file", path);
    char object[64], format[64], field[64], symmetry[64];
    if (sscanf(line, "%%%%MatrixMarket %63s %63s %63s %63s", object, format, field, symmetry) != 4
        || strcasecmp(object, "matrix") != 0)
        fail("not a Matrix Market matrix file", path);
    if (strcasecmp(format, expected_format) != 0 || strcasecmp(field, "real") != 0 || strcasecmp(symmetry, "general") != 0)
    {
        fprintf(stderr, "umfpack_time: %s: expected 'matrix %s real general', got '%s %s %s %s'\n", path, expected_format, object, format, field, symmetry);
        exit(2);
    }
    while (getline(&line, &cap, f) >= 0)
    {
        if (line[0] != '%' && line[strspn(line, " \t\r\n")] != '\0') return line;
    }
    fail("no size line", path);
    return NULL;
}

static void read_matrix(const char *path, Int *n_out, Int **Ap, Int **Ai, double **Ax)
{
    FILE *f = fopen(path, "r");
    if (!f) fail(path, strerror(errno));
    char *line = header(f, path, "coordinate");
    long rows, cols, nnz;
    if (sscanf(line, "%ld %ld %ld", &rows, &cols, &nnz) != 3 || rows != cols || rows < 1 || nnz < 0)
        fail("size line must be 'n n nnz' of a square matrix", path);
    free(line);
    Int n = (Int)rows;
    Int *Ti = malloc(sizeof(Int) * (size_t)(nnz > 0 ? nnz : 1));
    Int *Tj = malloc(sizeof(Int) * (size_t)(nnz > 0 ? nnz : 1));
    double *Tx = malloc(sizeof(double) * (size_t)(nnz > 0 ? nnz : 1));
    if (!Ti || !Tj || !Tx) fail("out of memory reading", path);
    for (long k = 0; k < nnz; k++)
    {
        long i, j;
        double v;
        if (fscanf(f, "%ld %ld %lf", &i, &j, &v) != 3) fail("short or malformed entry list", path);
        if (i < 1 || i > rows || j < 1 || j > cols) fail("entry index out of range", path);
        Ti[k] = (Int)(i - 1);
        Tj[k] = (Int)(j - 1);
        Tx[k] = v;
    }
    fclose(f);
    *Ap = malloc(sizeof(Int) * (size_t)(n + 1));
    *Ai = malloc(sizeof(Int) * (size_t)(nnz > 0 ? nnz : 1));
    *Ax = malloc(sizeof(double) * (size_t)(nnz > 0 ? nnz : 1));
    if (!*Ap || !*Ai || !*Ax) fail("out of memory converting", path);
    /* triplet_to_col sums duplicates and keeps explicit zeros (they stay in the pattern). */
    Int status = UMF(triplet_to_col)(n, n, (Int)nnz, Ti, Tj, Tx, *Ap, *Ai, *Ax, NULL);
    if (status != UMFPACK_OK) fail("umfpack triplet_to_col failed", path);
    free(Ti);
    free(Tj);
    free(Tx);
    *n_out = n;
}

static double *read_array(const char *path, Int n)
{
    FILE *f = fopen(path, "r");
    if (!f) fail(path, strerror(errno));
    char *line = header(f, path, "array");
    long rows, cols;
    if (sscanf(line, "%ld %ld", &rows, &cols) != 2 || rows != (long)n || cols != 1)
        fail("right-hand side must be an n x 1 array of the matrix's n", path);
    free(line);
    double *b = malloc(sizeof(double) * (size_t)n);
    if (!b) fail("out of memory reading", path);
    for (Int i = 0; i < n; i++)
    {
        if (fscanf(f, "%lf", &b[i]) != 1) fail("short right-hand side", path);
    }
    fclose(f);
    return b;
}

static void check(Int status, const char *what)
{
    if (status == UMFPACK_OK) return;
    fprintf(stderr, "umfpack_time: %s failed with status %ld%s\n", what, (long)status,
            status == UMFPACK_WARNING_singular_matrix ? " (singular matrix)"
            : status == UMFPACK_ERROR_out_of_memory ? " (out of memory: try the _long build)" : "");
    exit(1);
}

int main(int argc, char **argv)
{
    const char *matrix = NULL, *rhs = NULL, *theirs = NULL;
    int repeats = 1;
    double strategy = UMFPACK_STRATEGY_SYMMETRIC;
    for (int a = 1; a < argc; a++)
    {
        if (strcmp(argv[a], "--repeats") == 0 && a + 1 < argc) repeats = atoi(argv[++a]);
        else if (strcmp(argv[a], "--strategy") == 0 && a + 1 < argc)
        {
            const char *s = argv[++a];
            strategy = strcmp(s, "symmetric") == 0 ? UMFPACK_STRATEGY_SYMMETRIC
                     : strcmp(s, "unsymmetric") == 0 ? UMFPACK_STRATEGY_UNSYMMETRIC
                     : strcmp(s, "auto") == 0 ? UMFPACK_STRATEGY_AUTO : -1;
            if (strategy < 0) fail("--strategy must be symmetric, unsymmetric or auto", s);
        }
        else if (argv[a][0] == '-')
        {
            fprintf(stderr, "usage: umfpack_time matrix.mtx [rhs.mtx [x.mtx]] [--repeats R] [--strategy symmetric|unsymmetric|auto]\n");
            return 2;
        }
        else if (!matrix) matrix = argv[a];
        else if (!rhs) rhs = argv[a];
        else if (!theirs) theirs = argv[a];
        else fail("too many arguments", argv[a]);
    }
    if (!matrix) fail("usage: umfpack_time matrix.mtx [rhs.mtx [x.mtx]] [--repeats R]", NULL);
    if (repeats < 1) repeats = 1;

    double t0 = now();
    Int n, *Ap, *Ai;
    double *Ax;
    read_matrix(matrix, &n, &Ap, &Ai, &Ax);
    double read_s = now() - t0;

    double Control[UMFPACK_CONTROL], Info[UMFPACK_INFO];
    UMF(defaults)(Control);
    Control[UMFPACK_STRATEGY] = strategy;
    Control[UMFPACK_ORDERING] = UMFPACK_ORDERING_AMD;

    double order_s = INFINITY, factor_s = INFINITY;
    void *Symbolic = NULL, *Numeric = NULL;
    for (int r = 0; r < repeats; r++)
    {
        if (Symbolic) UMF(free_symbolic)(&Symbolic);
        if (Numeric) UMF(free_numeric)(&Numeric);
        double s = now();
        check(UMF(symbolic)(n, n, Ap, Ai, Ax, &Symbolic, Control, Info), "symbolic analysis");
        double m = now();
        check(UMF(numeric)(Ap, Ai, Ax, Symbolic, &Numeric, Control, Info), "numeric factorisation");
        double e = now();
        if (m - s < order_s) order_s = m - s;
        if (e - m < factor_s) factor_s = e - m;
    }

    Int lnz, unz, nrow, ncol, nz_udiag;
    check(UMF(get_lunz)(&lnz, &unz, &nrow, &ncol, &nz_udiag, Numeric), "get_lunz");

    printf("interface umfpack_%s %d.%d.%d\n", INTERFACE, UMFPACK_MAIN_VERSION, UMFPACK_SUB_VERSION, UMFPACK_SUBSUB_VERSION);
    printf("n %ld\n", (long)n);
    printf("nnz_A %ld\n", (long)Ap[n]);
    printf("read_s %.6f\n", read_s);
    printf("order_s %.6f\n", order_s);
    printf("factor_s %.6f\n", factor_s);
    printf("order_factor_s %.6f\n", order_s + factor_s);
    printf("lnz %ld\n", (long)lnz);
    printf("unz %ld\n", (long)unz);
    printf("nnz_LU %ld\n", (long)lnz + (long)unz - (long)n);
    printf("flops %.6g\n", Info[UMFPACK_FLOPS]);
    printf("strategy_used %s\n", Info[UMFPACK_STRATEGY_USED] == UMFPACK_STRATEGY_SYMMETRIC ? "symmetric" : "unsymmetric");
    /* UMFPACK_ORDERING_AMD means AMD under the symmetric strategy, COLAMD under the unsymmetric one. */
    printf("ordering_used %s\n", Info[UMFPACK_ORDERING_USED] != UMFPACK_ORDERING_AMD ? "other"
           : Info[UMFPACK_STRATEGY_USED] == UMFPACK_STRATEGY_SYMMETRIC ? "amd" : "colamd");
    printf("repeats %d\n", repeats);

    if (rhs)
    {
        double *b = read_array(rhs, n);
        double *x = malloc(sizeof(double) * (size_t)n);
        double *r = calloc((size_t)n, sizeof(double));
        double *rowsum = calloc((size_t)n, sizeof(double));
        if (!x || !r || !rowsum) fail("out of memory solving", NULL);
        double s = now();
        check(UMF(solve)(UMFPACK_A, Ap, Ai, Ax, x, b, Numeric, Control, Info), "solve");
        double solve_s = now() - s;
        for (Int j = 0; j < n; j++)
        {
            for (Int p = Ap[j]; p < Ap[j + 1]; p++)
            {
                r[Ai[p]] += Ax[p] * x[j];
                rowsum[Ai[p]] += fabs(Ax[p]);
            }
        }
        double rmax = 0, anorm = 0, xnorm = 0, bnorm = 0;
        for (Int i = 0; i < n; i++)
        {
            double d = fabs(r[i] - b[i]);
            if (!(d <= rmax)) rmax = d;
            if (rowsum[i] > anorm) anorm = rowsum[i];
            if (fabs(x[i]) > xnorm) xnorm = fabs(x[i]);
            if (fabs(b[i]) > bnorm) bnorm = fabs(b[i]);
        }
        printf("solve_s %.6f\n", solve_s);
        printf("residual_inf %.3e\n", rmax);
        printf("residual_rel %.3e\n", rmax / (anorm * xnorm + bnorm));
        if (theirs)
        {
            /* The independent check: max |x_umfpack - x_crossbar| / max |x| over the whole system. */
            double *y = read_array(theirs, n);
            double dmax = 0;
            for (Int i = 0; i < n; i++)
            {
                double d = fabs(x[i] - y[i]);
                if (!(d <= dmax)) dmax = d;
            }
            printf("x_diff_rel %.3e\n", xnorm > 0 ? dmax / xnorm : dmax);
            free(y);
        }
        free(b);
        free(x);
        free(r);
        free(rowsum);
    }

    UMF(free_symbolic)(&Symbolic);
    UMF(free_numeric)(&Numeric);
    free(Ap);
    free(Ai);
    free(Ax);
    return 0;
}
