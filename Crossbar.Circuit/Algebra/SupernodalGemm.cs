using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// C −= A·B for row-major blocks: the Schur-complement update of the multifrontal LU, with
/// packed operands and a 6×8 register-blocked Vector256/FMA micro-kernel.
/// </summary>
/// <remarks>
/// The layered loops of K. Goto, R. van de Geijn, "Anatomy of high-performance matrix
/// multiplication", ACM TOMS 34(3), 2008: a column block of B (depth × 512) is packed into
/// strips of 8 columns stored row after row; a row block of A (96 × depth) is packed into strips
/// of 6 rows stored column after column; the micro-kernel keeps a 6×8 block of C in twelve
/// 256-bit registers while it streams one A strip and one B strip (the B strip stays in L1).
/// Edges are zero-padded in the packed copies. Without 256-bit vector hardware the same loops
/// run a scalar micro-kernel.
/// </remarks>
internal static unsafe class SupernodalGemm
{
    /// <summary>Rows of the micro-kernel.</summary>
    public const int StripRows = 6;

    /// <summary>Columns of the micro-kernel.</summary>
    public const int StripColumns = 8;

    /// <summary>Rows of A packed at a time (a multiple of <see cref="StripRows"/>).</summary>
    public const int RowBlock = 96;

    /// <summary>Columns of B packed at a time (a multiple of <see cref="StripColumns"/>).</summary>
    public const int ColumnBlock = 512;

    /// <summary>Length of the A packing buffer for an inner dimension.</summary>
    public static int PackASize(int depth) => RowBlock * depth;

    /// <summary>Length of the B packing buffer for an inner dimension.</summary>
    public static int PackBSize(int depth) => ColumnBlock * depth;

    /// <summary>C[rows×cols] −= A[rows×depth]·B[depth×cols], all row-major with leading dimensions lda, ldb, ldc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract(double* a, int lda, double* b, int ldb, double* c, int ldc, int rows, int cols, int depth, double* packA, double* packB)
    {
        if (rows <= 0 || cols <= 0 || depth <= 0)
        {
            return;
        }

        bool vector = Vector256.IsHardwareAccelerated && Fma256;
        double* edge = stackalloc double[StripRows * StripColumns];
        for (int jc = 0; jc < cols; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, cols - jc);
            PackB(b + jc, ldb, depth, nc, packB);
            for (int ic = 0; ic < rows; ic += RowBlock)
            {
                int mc = Math.Min(RowBlock, rows - ic);
                PackA(a + ((long)ic * lda), lda, mc, depth, packA);
                for (int jr = 0; jr < nc; jr += StripColumns)
                {
                    double* pb = packB + ((long)(jr / StripColumns) * depth * StripColumns);
                    int nr = Math.Min(StripColumns, nc - jr);
                    for (int ir = 0; ir < mc; ir += StripRows)
                    {
                        double* pa = packA + ((long)(ir / StripRows) * depth * StripRows);
                        double* cc = c + ((long)(ic + ir) * ldc) + jc + jr;
                        int mr = Math.Min(StripRows, mc - ir);
                        if (!vector)
                        {
                            KernelScalar(pa, pb, depth, cc, ldc, mr, nr);
                        }
                        else if (mr == StripRows && nr == StripColumns)
                        {
                            Kernel6x8(pa, pb, depth, cc, ldc);
                        }
                        else
                        {
                            // An edge tile: the full 6×8 product into a zeroed scratch tile, then its mr×nr corner.
                            new Span<double>(edge, StripRows * StripColumns).Clear();
                            Kernel6x8(pa, pb, depth, edge, StripColumns);
                            for (int i = 0; i < mr; i++)
                            {
                                for (int j = 0; j < nr; j++)
                                {
                                    cc[((long)i * ldc) + j] += edge[(i * StripColumns) + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static bool Fma256 => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(double* b, int ldb, int depth, int nc, double* dst)
    {
        for (int j0 = 0; j0 < nc; j0 += StripColumns)
        {
            int w = Math.Min(StripColumns, nc - j0);
            double* src = b + j0;
            if (w == StripColumns)
            {
                for (int p = 0; p < depth; p++)
                {
                    Vector256.Store(Vector256.Load(src), dst);
                    Vector256.Store(Vector256.Load(src + 4), dst + 4);
                    src += ldb;
                    dst += StripColumns;
                }
            }
            else
            {
                for (int p = 0; p < depth; p++)
                {
                    int j = 0;
                    for (; j < w; j++)
                    {
                        dst[j] = src[j];
                    }

                    for (; j < StripColumns; j++)
                    {
                        dst[j] = 0;
                    }

                    src += ldb;
                    dst += StripColumns;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(double* a, int lda, int mc, int depth, double* dst)
    {
        for (int i0 = 0; i0 < mc; i0 += StripRows)
        {
            int h = Math.Min(StripRows, mc - i0);
            double* r0 = a + ((long)i0 * lda);
            if (h == StripRows)
            {
                double* r1 = r0 + lda;
                double* r2 = r1 + lda;
                double* r3 = r2 + lda;
                double* r4 = r3 + lda;
                double* r5 = r4 + lda;
                for (int p = 0; p < depth; p++)
                {
                    dst[0] = r0[p];
                    dst[1] = r1[p];
                    dst[2] = r2[p];
                    dst[3] = r3[p];
                    dst[4] = r4[p];
                    dst[5] = r5[p];
                    dst += StripRows;
                }
            }
            else
            {
                for (int p = 0; p < depth; p++)
                {
                    int i = 0;
                    for (; i < h; i++)
                    {
                        dst[i] = r0[((long)i * lda) + p];
                    }

                    for (; i < StripRows; i++)
                    {
                        dst[i] = 0;
                    }

                    dst += StripRows;
                }
            }
        }
    }

    /// <summary>C[6×8] −= (packed A strip)·(packed B strip) over <paramref name="depth"/>.</summary>
    /// <remarks>Nothing in this method may take a local's address or stackalloc: either makes the register allocator
    /// keep the twelve accumulators in memory, storing and reloading each on every iteration (17 instead of
    /// 45 GFlop/s on one Zen 3 core). Edge tiles therefore go through a scratch tile of the caller.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x8(double* pa, double* pb, int depth, double* c, int ldc)
    {
        Vector256<double> c00 = Vector256<double>.Zero, c01 = Vector256<double>.Zero;
        Vector256<double> c10 = Vector256<double>.Zero, c11 = Vector256<double>.Zero;
        Vector256<double> c20 = Vector256<double>.Zero, c21 = Vector256<double>.Zero;
        Vector256<double> c30 = Vector256<double>.Zero, c31 = Vector256<double>.Zero;
        Vector256<double> c40 = Vector256<double>.Zero, c41 = Vector256<double>.Zero;
        Vector256<double> c50 = Vector256<double>.Zero, c51 = Vector256<double>.Zero;
        double* end = pb + ((long)depth * StripColumns);
        while (pb < end)
        {
            Vector256<double> b0 = Vector256.Load(pb);
            Vector256<double> b1 = Vector256.Load(pb + 4);
            Vector256<double> a = Vector256.Create(pa[0]);
            c00 = Vector256.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a, b1, c01);
            a = Vector256.Create(pa[1]);
            c10 = Vector256.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a, b1, c11);
            a = Vector256.Create(pa[2]);
            c20 = Vector256.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a, b1, c21);
            a = Vector256.Create(pa[3]);
            c30 = Vector256.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a, b1, c31);
            a = Vector256.Create(pa[4]);
            c40 = Vector256.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a, b1, c41);
            a = Vector256.Create(pa[5]);
            c50 = Vector256.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a, b1, c51);
            pa += StripRows;
            pb += StripColumns;
        }

        Update(c, c00, c01);
        Update(c + ldc, c10, c11);
        Update(c + (2L * ldc), c20, c21);
        Update(c + (3L * ldc), c30, c31);
        Update(c + (4L * ldc), c40, c41);
        Update(c + (5L * ldc), c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(double* c, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.Load(c) - low).Store(c);
        (Vector256.Load(c + 4) - high).Store(c + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelScalar(double* pa, double* pb, int depth, double* c, int ldc, int mr, int nr)
    {
        double* t = stackalloc double[StripRows * StripColumns];
        for (int q = 0; q < StripRows * StripColumns; q++)
        {
            t[q] = 0;
        }

        for (int p = 0; p < depth; p++)
        {
            for (int i = 0; i < StripRows; i++)
            {
                double ai = pa[i];
                for (int j = 0; j < StripColumns; j++)
                {
                    t[(i * StripColumns) + j] += ai * pb[j];
                }
            }

            pa += StripRows;
            pb += StripColumns;
        }

        for (int i = 0; i < mr; i++)
        {
            double* ci = c + ((long)i * ldc);
            for (int j = 0; j < nr; j++)
            {
                ci[j] -= t[(i * StripColumns) + j];
            }
        }
    }
}
