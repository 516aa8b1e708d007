using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>Small dense helpers on rectangular arrays used by the AMC algorithms.</summary>
internal static class MatrixOps
{
    public static double MaxAbs(double[,] m)
    {
        double max = 0.0;
        foreach (double v in m)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    public static double MaxAbs(ReadOnlySpan<double> v)
    {
        double max = 0.0;
        foreach (double x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }

    public static double MaxAbsRowSum(double[,] m)
    {
        double max = 0.0;
        for (int i = 0; i < m.GetLength(0); i++)
        {
            double sum = 0.0;
            for (int j = 0; j < m.GetLength(1); j++)
            {
                sum += Math.Abs(m[i, j]);
            }

            max = Math.Max(max, sum);
        }

        return max;
    }

    public static double Norm2(ReadOnlySpan<double> v) => Algebra.ScaledNorm.Of(v);

    public static double RelativeError(ReadOnlySpan<double> x, ReadOnlySpan<double> reference) => Algebra.ScaledNorm.RelativeError(x, reference);

    public static double[] Multiply(double[,] m, ReadOnlySpan<double> x)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0.0;
            for (int j = 0; j < cols; j++)
            {
                sum += m[i, j] * x[j];
            }

            y[i] = sum;
        }

        return y;
    }

    public static double[,] Block(double[,] m, int row, int col, int rows, int cols)
    {
        var b = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                b[i, j] = m[row + i, col + j];
            }
        }

        return b;
    }

    public static void SetBlock(double[,] m, int row, int col, double[,] block)
    {
        for (int i = 0; i < block.GetLength(0); i++)
        {
            for (int j = 0; j < block.GetLength(1); j++)
            {
                m[row + i, col + j] = block[i, j];
            }
        }
    }

    public static double[] Solve(double[,] a, ReadOnlySpan<double> b) =>
        Matrix<double>.Build.DenseOfArray(a).LU().Solve(Vector<double>.Build.DenseOfArray(b.ToArray())).ToArray();

    public static Matrix<double> ToMatrix(double[,] a) => Matrix<double>.Build.DenseOfArray(a);
}
