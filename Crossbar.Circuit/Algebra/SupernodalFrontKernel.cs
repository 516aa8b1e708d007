using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Partial LU of one frontal matrix: the first k (fully summed) columns of a row-major m×m front
/// are eliminated with threshold partial pivoting restricted to the first k rows, leaving L21,
/// U12 and the Schur complement (the contribution block) in place.
/// </summary>
/// <remarks>
/// Blocked right-looking LU (LAPACK getrf order): a panel of <see cref="PanelWidth"/> columns is
/// factored with rank-1 updates confined to the panel, the panel's rows of U12 are solved with
/// the unit lower triangle (TRSM), and the whole trailing block is updated by one matrix product
/// (<see cref="SupernodalGemm"/>), which carries almost all the flops. Rows are swapped across
/// the full width, so the front's rows end in pivot order. Pivots are restricted to the
/// supernode's own rows because the rows below have entries outside this front; the row swaps
/// then stay inside the supernode and the symmetric structure of A + Aᵀ is kept (the static
/// pivoting of X. S. Li, J. W. Demmel, "SuperLU_DIST", ACM TOMS 29(2), 2003, relaxed to
/// threshold pivoting inside each supernode). A pivot that is the largest allowed candidate but
/// under pivrel times the largest entry of its whole front column is accepted and counted as
/// weak; the solver checks each solution's backward error and refines.
/// </remarks>
internal static unsafe class SupernodalFrontKernel
{
    /// <summary>Columns eliminated per panel (the inner dimension of the trailing matrix product).</summary>
    public const int PanelWidth = 128;

    /// <summary>Factors the first k columns of the front; returns -1, or the local column whose best allowed pivot is below the absolute threshold (or not finite).</summary>
    /// <param name="f">Row-major m×m front.</param>
    /// <param name="m">Front dimension.</param>
    /// <param name="k">Fully summed columns (pivots).</param>
    /// <param name="swaps">Row interchanges: at step t local rows t and swaps[t] were exchanged.</param>
    /// <param name="relativeThreshold">Diagonal kept if |a_tt| ≥ this · max over allowed rows.</param>
    /// <param name="absoluteThreshold">Smallest acceptable pivot magnitude.</param>
    /// <param name="gemm">The trailing-update product (sequential or split over threads).</param>
    /// <param name="weak">Incremented for each pivot under relativeThreshold · max|front column|.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Factor(double* f, int m, int k, int* swaps, double relativeThreshold, double absoluteThreshold, SupernodalGemmRunner gemm, ref int weak)
    {
        for (int k0 = 0; k0 < k; k0 += PanelWidth)
        {
            int kend = Math.Min(k, k0 + PanelWidth);
            for (int t = k0; t < kend; t++)
            {
                int piv = t;
                double best = 0;
                for (int i = t; i < k; i++)
                {
                    double v = Math.Abs(f[((long)i * m) + t]);
                    if (v > best)
                    {
                        best = v;
                        piv = i;
                    }
                }

                if (!(best > absoluteThreshold) || !double.IsFinite(best))
                {
                    return t;
                }

                double column = best;
                for (int i = k; i < m; i++)
                {
                    column = Math.Max(column, Math.Abs(f[((long)i * m) + t]));
                }

                if (Math.Abs(f[((long)t * m) + t]) >= relativeThreshold * best)
                {
                    piv = t;
                }

                if (Math.Abs(f[((long)piv * m) + t]) < relativeThreshold * column)
                {
                    weak++;
                }

                swaps[t] = piv;
                if (piv != t)
                {
                    SwapRows(f + ((long)t * m), f + ((long)piv * m), m);
                }

                double* ft = f + ((long)t * m);
                double inv = 1.0 / ft[t];
                int width = kend - t - 1;
                for (int i = t + 1; i < m; i++)
                {
                    double* fi = f + ((long)i * m);
                    double l = fi[t] * inv;
                    fi[t] = l;
                    if (l != 0 && width > 0)
                    {
                        Axpy(-l, ft + t + 1, fi + t + 1, width);
                    }
                }
            }

            int rest = m - kend;
            if (rest == 0)
            {
                break;
            }

            for (int t = k0; t < kend; t++)
            {
                double* ut = f + ((long)t * m) + kend;
                for (int i = t + 1; i < kend; i++)
                {
                    double l = f[((long)i * m) + t];
                    if (l != 0)
                    {
                        Axpy(-l, ut, f + ((long)i * m) + kend, rest);
                    }
                }
            }

            gemm.Run(f + ((long)kend * m) + k0, m, f + ((long)k0 * m) + kend, m, f + ((long)kend * m) + kend, m, rest, rest, kend - k0);
        }

        return -1;
    }

    /// <summary>y += alpha·x over n entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double alpha, double* x, double* y, int n)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(alpha);
            for (; j + 4 <= n; j += 4)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.Load(x + j), Vector256.Load(y + j)).Store(y + j);
            }
        }

        for (; j < n; j++)
        {
            y[j] += alpha * x[j];
        }
    }

    /// <summary>Σ x[j]·y[j] over n entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(double* x, double* y, int n)
    {
        int j = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<double> acc0 = Vector256<double>.Zero;
            Vector256<double> acc1 = Vector256<double>.Zero;
            for (; j + 8 <= n; j += 8)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + j), Vector256.Load(y + j), acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + j + 4), Vector256.Load(y + j + 4), acc1);
            }

            s = Vector256.Sum(acc0 + acc1);
        }

        for (; j < n; j++)
        {
            s += x[j] * y[j];
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SwapRows(double* a, double* b, int n)
    {
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            Vector256<double> va = Vector256.Load(a + j);
            Vector256.Load(b + j).Store(a + j);
            va.Store(b + j);
        }

        for (; j < n; j++)
        {
            (a[j], b[j]) = (b[j], a[j]);
        }
    }
}
