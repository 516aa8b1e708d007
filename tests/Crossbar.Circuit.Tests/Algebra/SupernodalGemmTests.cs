using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public sealed class SupernodalGemmTests
{
    /// <summary>Shapes that hit full 6×8 tiles, edge tiles in both directions, and the 96-row / 512-column block boundaries.</summary>
    [TestCase(1, 1, 1)]
    [TestCase(6, 8, 5)]
    [TestCase(5, 7, 3)]
    [TestCase(13, 17, 64)]
    [TestCase(97, 9, 2)]
    [TestCase(100, 515, 11)]
    [TestCase(37, 600, 70)]
    public unsafe void SubtractMatchesTheTripleLoop(int rows, int cols, int depth)
    {
        var random = new Random((rows * 1000) + cols + depth);
        int lda = depth + 3;
        int ldb = cols + 5;
        int ldc = cols + 2;
        double[] a = new double[rows * lda];
        double[] b = new double[depth * ldb];
        double[] c = new double[rows * ldc];
        foreach (double[] x in new[] { a, b, c })
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = random.NextDouble() - 0.5;
            }
        }

        double[] expected = (double[])c.Clone();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int p = 0; p < depth; p++)
                {
                    sum += a[(i * lda) + p] * b[(p * ldb) + j];
                }

                expected[(i * ldc) + j] -= sum;
            }
        }

        double[] packA = new double[SupernodalGemm.PackASize(depth)];
        double[] packB = new double[SupernodalGemm.PackBSize(depth)];
        fixed (double* pa = a, pb = b, pc = c, qa = packA, qb = packB)
        {
            SupernodalGemm.Subtract(pa, lda, pb, ldb, pc, ldc, rows, cols, depth, qa, qb);
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                // Columns past cols (the leading-dimension padding) must be left alone.
                Assert.That(c[(i * ldc) + j], Is.EqualTo(expected[(i * ldc) + j]).Within(1e-12), $"C[{i},{j}]");
            }
        }
    }
}
