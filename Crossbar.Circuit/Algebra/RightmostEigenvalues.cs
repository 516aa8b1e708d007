using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// The few eigenvalues with the largest real part of a dense real matrix, without its full
/// spectrum: the exact eigenvalues (QR algorithm) for small matrices, explicitly restarted
/// Arnoldi above <see cref="DenseLimit"/>.
/// </summary>
/// <remarks>
/// <para>A full nonsymmetric eigendecomposition costs O(n³) (4 s at n = 512, 23 s at n = 1024,
/// about 3 min at n = 2048 in Math.NET on one core); a stability test needs only the rightmost
/// eigenvalues. Arnoldi builds an orthonormal Krylov basis V of span{v, Av, …, A^(m−1)v} with
/// A·V_m = V_m·H_m + h_(m+1,m)·v_(m+1)·e_mᵀ (modified Gram–Schmidt, reorthogonalised); the
/// eigenvalues θ of the small Hessenberg matrix H_m (Ritz values) approximate the exterior
/// eigenvalues of A first, and the rightmost one is exterior. A Ritz pair (θ, V·s) has
/// residual ‖A·V·s − θ·V·s‖ = h_(m+1,m)·|e_mᵀ s| (‖s‖ = 1), the convergence test. Each restart
/// starts from the real and imaginary parts of the wanted Ritz vectors (Y. Saad, Numerical
/// Methods for Large Eigenvalue Problems, 2nd ed., SIAM 2011, §6.2 and §7.1).</para>
/// <para>Arnoldi converges in a few restarts when the rightmost eigenvalues stand out from the
/// rest (INV and GINV loops: their slowest modes), slowly when they sit in a dense cloud; when
/// it has not converged after <see cref="MaximumRestarts"/> restarts, <see cref="Of"/> falls
/// back to the full spectrum, so the answer is always the converged one. A wanted eigenvalue
/// whose eigenvector is (numerically) absent from the start vector is not found; the start
/// vector is pseudo-random with a fixed seed, so results are reproducible.</para>
/// </remarks>
public static class RightmostEigenvalues
{
    /// <summary>Up to this dimension the full spectrum is computed (QR algorithm) and the rightmost taken from it.</summary>
    public const int DenseLimit = 256;

    /// <summary>Krylov dimension of one Arnoldi cycle.</summary>
    public const int KrylovDimension = 120;

    /// <summary>Most restarts before Arnoldi gives up (and <see cref="Of"/> falls back to the full spectrum).</summary>
    public const int MaximumRestarts = 25;

    /// <summary>A Ritz pair has converged when its residual is below this fraction of the spectrum's scale (the largest |Ritz value|).</summary>
    public const double Tolerance = 1e-9;

    /// <summary>
    /// The <paramref name="count"/> eigenvalues of <paramref name="a"/> with the largest real
    /// parts, largest first (a complex pair counts as two).
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or has non-finite entries.</exception>
    public static Complex[] Of(Matrix<double> a, int count)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.RowCount;
        if (a.ColumnCount != n)
        {
            throw new ArgumentException($"eigenvalues of a {n}×{a.ColumnCount} matrix: expected a square matrix", nameof(a));
        }

        count = Math.Clamp(count, 1, n);
        if (n <= DenseLimit)
        {
            return [.. a.Evd().EigenValues.OrderByDescending(z => z.Real).Take(count)];
        }

        Complex[] rightmost = Arnoldi(a, count, out bool converged);
        return converged ? rightmost : [.. a.Evd().EigenValues.OrderByDescending(z => z.Real).Take(count)];
    }

    /// <summary>Explicitly restarted Arnoldi; <paramref name="converged"/> says whether every wanted Ritz pair met <see cref="Tolerance"/>.</summary>
    internal static Complex[] Arnoldi(Matrix<double> a, int count, out bool converged)
    {
        int n = a.RowCount;
        int m = Math.Min(n - 1, Math.Max(KrylovDimension, 4 * count));
        var basis = new double[m + 1][];
        for (int j = 0; j <= m; j++)
        {
            basis[j] = new double[n];
        }

        var random = new Random(1);
        double[] start = new double[n];
        for (int i = 0; i < n; i++)
        {
            start[i] = random.NextDouble() - 0.5;
        }

        var product = new DenseProduct(a);
        Complex[] best = [];
        converged = false;
        for (int restart = 0; restart <= MaximumRestarts; restart++)
        {
            var h = Matrix<double>.Build.Dense(m + 1, m);
            int size = Factorize(product, start, basis, h, m);
            Matrix<double> hm = h.SubMatrix(0, size, 0, size);
            Complex[] ritz = [.. hm.Evd().EigenValues];
            int[] wanted = [.. Enumerable.Range(0, ritz.Length).OrderByDescending(i => ritz[i].Real).Take(count)];
            best = [.. wanted.Select(i => ritz[i])];
            if (size < m)
            {
                // The Krylov space is invariant: its Ritz values are exact eigenvalues.
                converged = true;
                return best;
            }

            double scale = ritz.Max(z => z.Magnitude);
            double beta = h[m, m - 1];
            Array.Clear(start);
            bool all = true;
            foreach (int i in wanted)
            {
                Complex[] s = RitzVector(hm, ritz[i]);
                double residual = beta * s[m - 1].Magnitude;
                all &= residual <= Tolerance * scale;
                for (int j = 0; j < m; j++)
                {
                    double weight = s[j].Real + s[j].Imaginary;
                    double[] v = basis[j];
                    for (int r = 0; r < n; r++)
                    {
                        start[r] += weight * v[r];
                    }
                }
            }

            if (all)
            {
                converged = true;
                return best;
            }
        }

        return best;
    }

    /// <summary>m Arnoldi steps from <paramref name="start"/>; returns the dimension reached (less than m when the space became invariant).</summary>
    private static int Factorize(DenseProduct a, double[] start, double[][] basis, Matrix<double> h, int m)
    {
        int n = start.Length;
        double norm = VectorKernels.Norm(start);
        for (int i = 0; i < n; i++)
        {
            basis[0][i] = start[i] / norm;
        }

        double[] w = new double[n];
        for (int j = 0; j < m; j++)
        {
            a.Multiply(basis[j], w);
            double before = VectorKernels.Norm(w);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k <= j; k++)
                {
                    double c = VectorKernels.Dot(basis[k], w);
                    h[k, j] += c;
                    VectorKernels.Axpy(-c, basis[k], w);
                }
            }

            double after = VectorKernels.Norm(w);
            if (after <= 1e-12 * Math.Max(before, double.Epsilon))
            {
                return j + 1;
            }

            h[j + 1, j] = after;
            double[] next = basis[j + 1];
            for (int i = 0; i < n; i++)
            {
                next[i] = w[i] / after;
            }
        }

        return m;
    }

    /// <summary>Unit eigenvector of the small matrix <paramref name="h"/> for eigenvalue θ, by one step of inverse iteration.</summary>
    private static Complex[] RitzVector(Matrix<double> h, Complex theta)
    {
        int m = h.RowCount;
        double shift = Math.Max(theta.Magnitude, 1e-300) * 1e-10;
        var shifted = Matrix<Complex>.Build.Dense(m, m, (i, j) => h[i, j] - (i == j ? theta + shift : Complex.Zero));
        var rhs = Vector<Complex>.Build.Dense(m, i => new Complex(1.0 / (i + 1), 0));
        Vector<Complex> s = shifted.Solve(rhs);
        s = shifted.Solve(s / s.L2Norm());
        return [.. s / s.L2Norm()];
    }

    /// <summary>
    /// y = A·x for a dense matrix kept column-major, as column updates y += x_j·a_j over blocks of rows, the blocks
    /// on the thread pool for large matrices: Arnoldi on the 2048-state loop of a 1024×1024 INV spent 6 s in
    /// Math.NET's general product, which this does in a tenth of that.
    /// </summary>
    private sealed class DenseProduct
    {
        /// <summary>Rows per parallel block.</summary>
        private const int BlockRows = 256;

        /// <summary>Entries above which the rows are split over threads.</summary>
        private const long ParallelEntries = 1 << 18;

        private readonly double[] _columns;
        private readonly int _n;

        public DenseProduct(Matrix<double> a)
        {
            _n = a.RowCount;
            _columns = a.AsColumnMajorArray() ?? a.ToColumnMajorArray();
        }

        public void Multiply(double[] x, double[] y)
        {
            int blocks = (_n + BlockRows - 1) / BlockRows;
            if ((long)_n * _n >= ParallelEntries && blocks > 1)
            {
                Parallel.For(0, blocks, b => Rows(x, y, b * BlockRows, Math.Min(_n, (b + 1) * BlockRows)));
            }
            else
            {
                Rows(x, y, 0, _n);
            }
        }

        private void Rows(double[] x, double[] y, int first, int end)
        {
            Span<double> target = y.AsSpan(first, end - first);
            target.Clear();
            for (int j = 0; j < _n; j++)
            {
                double xj = x[j];
                if (xj == 0)
                {
                    continue;
                }

                VectorKernels.Axpy(xj, _columns.AsSpan((j * _n) + first, end - first), target);
            }
        }
    }
}
