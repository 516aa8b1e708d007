using Crossbar.Devices;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>Seeded random test matrices for the AMC algorithms.</summary>
public static class MatrixGenerators
{
    /// <summary>
    /// Random strictly diagonally dominant matrix: off-diagonal entries uniform in [−1, 1], diagonal
    /// a_ii = (1 + margin)·Σ_{j≠i}|a_ij| (positive, so the INV circuit is stable).
    /// </summary>
    /// <param name="n">Size.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="margin">Relative dominance margin; positive.</param>
    /// <returns>The matrix.</returns>
    public static double[,] DiagonallyDominant(int n, int seed, double margin = 0.5)
    {
        CheckSize(n);
        if (!(margin > 0.0))
        {
            throw new ArgumentException($"margin must be positive, got {margin}.", nameof(margin));
        }

        var rng = SeededRandom.Create(seed, 101);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0.0;
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    a[i, j] = (2.0 * rng.NextDouble()) - 1.0;
                    sum += Math.Abs(a[i, j]);
                }
            }

            a[i, i] = (1.0 + margin) * Math.Max(sum, 1.0);
        }

        return a;
    }

    /// <summary>
    /// Random symmetric positive definite matrix with a chosen 2-norm condition number: A = Q·diag(λ)·Qᵀ, Q a random
    /// orthogonal matrix (QR of a Gaussian matrix with the signs of R's diagonal fixed, Haar distributed), λ
    /// geometrically spaced from 1 down to 1/κ.
    /// </summary>
    /// <param name="n">Size.</param>
    /// <param name="condition">κ ≥ 1.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The matrix.</returns>
    public static double[,] SpdWithCondition(int n, double condition, int seed)
    {
        CheckSize(n);
        if (!(condition >= 1.0) || !double.IsFinite(condition))
        {
            throw new ArgumentException($"condition number must be finite and ≥ 1, got {condition}.", nameof(condition));
        }

        var q = RandomOrthogonal(n, seed);
        var d = Vector<double>.Build.Dense(n, k => n == 1 ? 1.0 : Math.Pow(condition, -(double)k / (n - 1)));
        var a = q * Matrix<double>.Build.DenseOfDiagonalVector(d) * q.Transpose();
        return Symmetrize(a);
    }

    /// <summary>Wishart (sample covariance) matrix W = XᵀX/m, X an m×n standard Gaussian matrix.</summary>
    /// <param name="n">Size.</param>
    /// <param name="samples">m ≥ n (condition ≈ ((1 + √(n/m))/(1 − √(n/m)))²).</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The matrix.</returns>
    public static double[,] Wishart(int n, int samples, int seed)
    {
        CheckSize(n);
        if (samples < n)
        {
            throw new ArgumentException($"samples ({samples}) must be at least n ({n}) for a non-singular Wishart matrix.", nameof(samples));
        }

        var rng = SeededRandom.Create(seed, 102);
        var x = Matrix<double>.Build.Dense(samples, n, (_, _) => SeededRandom.StandardNormal(rng));
        return Symmetrize(x.TransposeThisAndMultiply(x) / samples);
    }

    /// <summary>
    /// Gram matrix of a Rayleigh MIMO channel in real form: H (rx × tx) with CN(0, 1) entries, G = HᴴH, returned as the
    /// 2tx × 2tx real matrix [[Re G, −Im G], [Im G, Re G]].
    /// </summary>
    /// <param name="rx">Receive antennas.</param>
    /// <param name="tx">Transmit antennas (≤ rx).</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The real Gram matrix.</returns>
    public static double[,] MimoGram(int rx, int tx, int seed)
    {
        var h = MimoChannel.Rayleigh(rx, tx, SeededRandom.Create(seed, 103));
        return MimoChannel.RealGram(h);
    }

    /// <summary>A Haar-distributed random orthogonal matrix.</summary>
    /// <param name="n">Size.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Q.</returns>
    public static Matrix<double> RandomOrthogonal(int n, int seed)
    {
        var rng = SeededRandom.Create(seed, 104);
        var g = Matrix<double>.Build.Dense(n, n, (_, _) => SeededRandom.StandardNormal(rng));
        var qr = g.QR();
        var q = qr.Q;
        for (int j = 0; j < n; j++)
        {
            if (qr.R[j, j] < 0.0)
            {
                q.SetColumn(j, -q.Column(j));
            }
        }

        return q;
    }

    private static double[,] Symmetrize(Matrix<double> a)
    {
        int n = a.RowCount;
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[i, j] = 0.5 * (a[i, j] + a[j, i]);
            }
        }

        return r;
    }

    private static void CheckSize(int n)
    {
        if (n < 1)
        {
            throw new ArgumentException($"matrix size must be positive, got {n}.", nameof(n));
        }
    }
}
