using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// In-place dense LU with threshold partial pivoting on a row-major m×m block: P·A = L·U with
/// unit lower L. Real blocks use a blocked right-looking algorithm whose trailing update is a
/// register-blocked, vectorised matrix product; other scalar types use the plain algorithm.
/// </summary>
internal static class DenseLuKernel
{
    private const int PanelWidth = 48;
    private const int ColumnBlock = 512;

    /// <summary>Factors a; returns -1, or the column whose pivot fell below the absolute threshold.</summary>
    /// <param name="a">Row-major block, overwritten with L (strictly lower) and U.</param>
    /// <param name="m">Block dimension.</param>
    /// <param name="swaps">Row interchanges: at step t rows t and swaps[t] were exchanged.</param>
    /// <param name="relativeThreshold">Diagonal kept if |a_tt| ≥ this · max|column|.</param>
    /// <param name="absoluteThreshold">Smallest acceptable pivot magnitude.</param>
    public static int Factor<T>(T[] a, int m, int[] swaps, double relativeThreshold, double absoluteThreshold)
        where T : struct, INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            return FactorReal((double[])(object)a, m, swaps, relativeThreshold, absoluteThreshold);
        }

        for (int t = 0; t < m; t++)
        {
            int piv = SelectPivot(a, m, t, relativeThreshold, absoluteThreshold);
            if (piv < 0)
            {
                return t;
            }

            swaps[t] = piv;
            SwapRows(a, m, t, piv);
            T inv = T.One / a[(t * m) + t];
            for (int i = t + 1; i < m; i++)
            {
                T l = a[(i * m) + t] * inv;
                a[(i * m) + t] = l;
                if (T.IsZero(l))
                {
                    continue;
                }

                Span<T> rowI = a.AsSpan((i * m) + t + 1, m - t - 1);
                ReadOnlySpan<T> rowT = a.AsSpan((t * m) + t + 1, m - t - 1);
                for (int j = 0; j < rowI.Length; j++)
                {
                    rowI[j] -= l * rowT[j];
                }
            }
        }

        return -1;
    }

    /// <summary>Solves with a factored block: on entry b (indexed by block row), on exit x.</summary>
    public static void Solve<T>(T[] a, int m, int[] swaps, Span<T> b)
        where T : struct, INumberBase<T>
    {
        for (int t = 0; t < m; t++)
        {
            int p = swaps[t];
            if (p != t)
            {
                (b[t], b[p]) = (b[p], b[t]);
            }
        }

        if (typeof(T) == typeof(double))
        {
            SolveReal((double[])(object)a, m, MemoryMarshalCast(b));
            return;
        }

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> row = a.AsSpan(i * m, i);
            T s = b[i];
            for (int j = 0; j < row.Length; j++)
            {
                s -= row[j] * b[j];
            }

            b[i] = s;
        }

        for (int i = m - 1; i >= 0; i--)
        {
            ReadOnlySpan<T> row = a.AsSpan((i * m) + i + 1, m - i - 1);
            T s = b[i];
            Span<T> tail = b.Slice(i + 1);
            for (int j = 0; j < row.Length; j++)
            {
                s -= row[j] * tail[j];
            }

            b[i] = s / a[(i * m) + i];
        }
    }

    private static Span<double> MemoryMarshalCast<T>(Span<T> b)
        where T : struct
        => System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(b);

    private static int SelectPivot<T>(T[] a, int m, int t, double relativeThreshold, double absoluteThreshold)
        where T : struct, INumberBase<T>
    {
        int piv = t;
        double max = 0;
        for (int i = t; i < m; i++)
        {
            double v = Magnitude.Of(a[(i * m) + t]);
            if (v > max)
            {
                max = v;
                piv = i;
            }
        }

        if (max <= absoluteThreshold)
        {
            return -1;
        }

        return Magnitude.Of(a[(t * m) + t]) >= relativeThreshold * max ? t : piv;
    }

    private static void SwapRows<T>(T[] a, int m, int t, int p)
    {
        if (p == t)
        {
            return;
        }

        Span<T> rowT = a.AsSpan(t * m, m);
        Span<T> rowP = a.AsSpan(p * m, m);
        for (int j = 0; j < m; j++)
        {
            (rowT[j], rowP[j]) = (rowP[j], rowT[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FactorReal(double[] a, int m, int[] swaps, double relativeThreshold, double absoluteThreshold)
    {
        for (int k0 = 0; k0 < m; k0 += PanelWidth)
        {
            int kend = Math.Min(m, k0 + PanelWidth);
            for (int t = k0; t < kend; t++)
            {
                int piv = SelectPivot(a, m, t, relativeThreshold, absoluteThreshold);
                if (piv < 0)
                {
                    return t;
                }

                swaps[t] = piv;
                SwapRows(a, m, t, piv);
                double inv = 1.0 / a[(t * m) + t];
                int width = kend - t - 1;
                for (int i = t + 1; i < m; i++)
                {
                    double l = a[(i * m) + t] * inv;
                    a[(i * m) + t] = l;
                    if (l != 0 && width > 0)
                    {
                        Axpy(-l, a.AsSpan((t * m) + t + 1, width), a.AsSpan((i * m) + t + 1, width));
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
                ReadOnlySpan<double> rowT = a.AsSpan((t * m) + kend, rest);
                for (int i = t + 1; i < kend; i++)
                {
                    double l = a[(i * m) + t];
                    if (l != 0)
                    {
                        Axpy(-l, rowT, a.AsSpan((i * m) + kend, rest));
                    }
                }
            }

            TrailingUpdate(a, m, k0, kend);
        }

        return -1;
    }

    /// <summary>A22 -= L21·U12 for rows and columns kend..m-1, inner index k0..kend-1.</summary>
    /// <remarks>
    /// U12 is copied, one column block at a time, into strips of 8 columns stored row after row
    /// (p-major) so the 4×8 register kernel reads it contiguously.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TrailingUpdate(double[] a, int m, int k0, int kend)
    {
        int kb = kend - k0;
        double[] packed = PackBuffer(kb * ColumnBlock);
        fixed (double* pa = a)
        fixed (double* pb = packed)
        {
            for (int j0 = kend; j0 < m; j0 += ColumnBlock)
            {
                int j1 = Math.Min(m, j0 + ColumnBlock);
                int strips = (j1 - j0) / 8;
                int jv = j0 + (strips * 8);
                bool vector = Vector256.IsHardwareAccelerated && strips > 0;
                if (vector)
                {
                    for (int s = 0; s < strips; s++)
                    {
                        double* dst = pb + ((long)s * kb * 8);
                        double* src = pa + ((long)k0 * m) + j0 + (s * 8);
                        for (int p = 0; p < kb; p++)
                        {
                            Vector256.Load(src).Store(dst);
                            Vector256.Load(src + 4).Store(dst + 4);
                            src += m;
                            dst += 8;
                        }
                    }
                }
                else
                {
                    jv = j0;
                }

                int i = kend;
                for (; i + 4 <= m; i += 4)
                {
                    double* l0 = pa + ((long)i * m) + k0;
                    double* l1 = l0 + m;
                    double* l2 = l1 + m;
                    double* l3 = l2 + m;
                    if (vector)
                    {
                        for (int s = 0; s < strips; s++)
                        {
                            Kernel4x8(pb + ((long)s * kb * 8), kb, l0, l1, l2, l3, pa + ((long)i * m) + j0 + (s * 8), m);
                        }
                    }

                    for (int j = jv; j < j1; j++)
                    {
                        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                        double* u = pa + ((long)k0 * m) + j;
                        for (int p = 0; p < kb; p++)
                        {
                            double up = u[(long)p * m];
                            s0 += l0[p] * up;
                            s1 += l1[p] * up;
                            s2 += l2[p] * up;
                            s3 += l3[p] * up;
                        }

                        pa[((long)i * m) + j] -= s0;
                        pa[((long)(i + 1) * m) + j] -= s1;
                        pa[((long)(i + 2) * m) + j] -= s2;
                        pa[((long)(i + 3) * m) + j] -= s3;
                    }
                }

                for (; i < m; i++)
                {
                    double* li = pa + ((long)i * m) + k0;
                    double* ci = pa + ((long)i * m);
                    for (int p = 0; p < kb; p++)
                    {
                        double l = li[p];
                        if (l == 0)
                        {
                            continue;
                        }

                        double* u = pa + ((long)(k0 + p) * m);
                        for (int j = j0; j < j1; j++)
                        {
                            ci[j] -= l * u[j];
                        }
                    }
                }
            }
        }
    }

    [ThreadStatic]
    private static double[]? t_packBuffer;

    /// <summary>Per-thread packing buffer, allocated once and reused by every later factorisation.</summary>
    private static double[] PackBuffer(int size)
    {
        double[]? buffer = t_packBuffer;
        if (buffer is null || buffer.Length < size)
        {
            buffer = new double[Math.Max(size, PanelWidth * ColumnBlock)];
            t_packBuffer = buffer;
        }

        return buffer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Kernel4x8(double* u, int kb, double* l0, double* l1, double* l2, double* l3, double* c0, int m)
    {
        Vector256<double> c00 = Vector256<double>.Zero, c01 = Vector256<double>.Zero;
        Vector256<double> c10 = Vector256<double>.Zero, c11 = Vector256<double>.Zero;
        Vector256<double> c20 = Vector256<double>.Zero, c21 = Vector256<double>.Zero;
        Vector256<double> c30 = Vector256<double>.Zero, c31 = Vector256<double>.Zero;
        for (int p = 0; p < kb; p++)
        {
            Vector256<double> b0 = Vector256.Load(u);
            Vector256<double> b1 = Vector256.Load(u + 4);
            u += 8;
            Vector256<double> a0 = Vector256.Create(l0[p]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<double> a1 = Vector256.Create(l1[p]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<double> a2 = Vector256.Create(l2[p]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<double> a3 = Vector256.Create(l3[p]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }

        (Vector256.Load(c0) - c00).Store(c0);
        (Vector256.Load(c0 + 4) - c01).Store(c0 + 4);
        double* c1 = c0 + m;
        (Vector256.Load(c1) - c10).Store(c1);
        (Vector256.Load(c1 + 4) - c11).Store(c1 + 4);
        double* c2 = c1 + m;
        (Vector256.Load(c2) - c20).Store(c2);
        (Vector256.Load(c2 + 4) - c21).Store(c2 + 4);
        double* c3 = c2 + m;
        (Vector256.Load(c3) - c30).Store(c3);
        (Vector256.Load(c3 + 4) - c31).Store(c3 + 4);
    }

    /// <summary>y += alpha·x.</summary>
    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            int last = x.Length - Vector<double>.Count;
            for (; j <= last; j += Vector<double>.Count)
            {
                var vy = new Vector<double>(y.Slice(j));
                (vy + (va * new Vector<double>(x.Slice(j)))).CopyTo(y.Slice(j));
            }
        }

        for (; j < x.Length; j++)
        {
            y[j] += alpha * x[j];
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int j = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            Vector<double> acc = Vector<double>.Zero;
            int last = x.Length - Vector<double>.Count;
            for (; j <= last; j += Vector<double>.Count)
            {
                acc += new Vector<double>(x.Slice(j)) * new Vector<double>(y.Slice(j));
            }

            s = Vector.Sum(acc);
        }

        for (; j < x.Length; j++)
        {
            s += x[j] * y[j];
        }

        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveReal(double[] a, int m, Span<double> b)
    {
        for (int i = 1; i < m; i++)
        {
            b[i] -= Dot(a.AsSpan(i * m, i), b.Slice(0, i));
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double s = b[i] - Dot(a.AsSpan((i * m) + i + 1, m - i - 1), b.Slice(i + 1, m - i - 1));
            b[i] = s / a[(i * m) + i];
        }
    }
}
