namespace Crossbar.Circuit.Algebra;

/// <summary>
/// GMRES with right preconditioning for A·d = r: the Krylov space of A·M⁻¹ is built by modified Gram–Schmidt,
/// its least-squares problem kept triangular by Givens rotations, and d = M⁻¹·V·y formed once at the end
/// (Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., SIAM 2003, §6.5 and §9.3.2). With M the LU
/// factorisation of a nearby matrix (the Jacobian of an earlier Newton iterate) the eigenvalues of A·M⁻¹ cluster at 1
/// with a few outliers, which GMRES removes in as many iterations, where the plain chord iteration stalls on them.
/// </summary>
internal sealed class PreconditionedGmres
{
    private readonly double[][] _basis;
    private readonly int _size;
    private readonly double[,] _h;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _g;

    /// <summary>Prepares a Krylov basis of up to <paramref name="dimension"/> + 1 vectors of length <paramref name="size"/>,
    /// each allocated when an iteration first needs it (a solve that converges in a few iterations never holds the rest:
    /// 50 MB per vector for a 1024×1024 array's 6.3 million unknowns).</summary>
    public PreconditionedGmres(int size, int dimension)
    {
        Dimension = dimension;
        _size = size;
        _basis = new double[dimension + 1][];
        _h = new double[dimension + 1, dimension];
        _cos = new double[dimension];
        _sin = new double[dimension];
        _g = new double[dimension + 1];
    }

    /// <summary>Most iterations (the Krylov dimension; no restart).</summary>
    public int Dimension { get; }

    /// <summary>Iterations of the last solve.</summary>
    public int Iterations { get; private set; }

    /// <summary>
    /// Solves A·d = r to ‖r − A·d‖₂ ≤ <paramref name="tolerance"/>·‖r‖₂ within <see cref="Dimension"/> iterations.
    /// </summary>
    /// <param name="multiply">y = A·x (x, y of the system's size).</param>
    /// <param name="precondition">x ← M⁻¹·x in place.</param>
    /// <param name="r">Right-hand side (kept).</param>
    /// <param name="d">The solution on success (zero otherwise).</param>
    /// <param name="tolerance">Relative residual to reach.</param>
    /// <returns>True when the tolerance was reached.</returns>
    public bool Solve(Action<double[], double[]> multiply, Action<double[]> precondition, double[] r, double[] d, double tolerance)
    {
        int n = r.Length;
        double beta = VectorKernels.Norm(r);
        Iterations = 0;
        Array.Clear(d);
        if (beta == 0)
        {
            return true;
        }

        double[] first = Basis(0);
        for (int i = 0; i < n; i++)
        {
            first[i] = r[i] / beta;
        }

        Array.Clear(_g);
        _g[0] = beta;
        int k = 0;
        bool reached = false;
        while (k < Dimension)
        {
            // w = A·M⁻¹·v_k (d serves as scratch until the end).
            _basis[k].CopyTo(d, 0);
            precondition(d);
            double[] w = Basis(k + 1);
            multiply(d, w);
            for (int j = 0; j <= k; j++)
            {
                double hjk = VectorKernels.Dot(_basis[j], w);
                _h[j, k] = hjk;
                VectorKernels.Axpy(-hjk, _basis[j], w);
            }

            double norm = VectorKernels.Norm(w);
            if (norm > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    w[i] /= norm;
                }
            }

            for (int j = 0; j < k; j++)
            {
                double a = _h[j, k];
                double b = _h[j + 1, k];
                _h[j, k] = (_cos[j] * a) + (_sin[j] * b);
                _h[j + 1, k] = (-_sin[j] * a) + (_cos[j] * b);
            }

            double rho = Math.Sqrt((_h[k, k] * _h[k, k]) + (norm * norm));
            _cos[k] = rho == 0 ? 1 : _h[k, k] / rho;
            _sin[k] = rho == 0 ? 0 : norm / rho;
            _h[k, k] = rho;
            _g[k + 1] = -_sin[k] * _g[k];
            _g[k] *= _cos[k];
            k++;
            if (Math.Abs(_g[k]) <= tolerance * beta || norm == 0)
            {
                reached = rho != 0;
                break;
            }
        }

        Iterations = k;
        Array.Clear(d);
        if (!reached)
        {
            return false;
        }

        // y = H⁻¹·g (upper triangular k×k), d = M⁻¹·(V·y).
        double[] y = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = _g[i];
            for (int j = i + 1; j < k; j++)
            {
                sum -= _h[i, j] * y[j];
            }

            y[i] = sum / _h[i, i];
        }

        for (int j = 0; j < k; j++)
        {
            VectorKernels.Axpy(y[j], _basis[j], d);
        }

        precondition(d);
        return true;
    }

    /// <summary>Basis vector j, allocated on first use.</summary>
    private double[] Basis(int j) => _basis[j] ??= new double[_size];
}
