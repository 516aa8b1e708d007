namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Dense LU with partial pivoting over a <see cref="SparsePattern"/>: the reference path for
/// small systems and for patterns whose fill makes sparse elimination pointless.
/// </summary>
public sealed class DenseLuSolver : ILinearSolver
{
    private readonly SparsePattern _pattern;
    private readonly PivotOptions _options;
    private readonly double[] _lu;
    private readonly int[] _pivot;
    private readonly int _n;

    /// <summary>Creates the solver for a pattern.</summary>
    public DenseLuSolver(SparsePattern pattern, PivotOptions? options = null)
    {
        _pattern = pattern;
        _options = options ?? new PivotOptions();
        _n = pattern.Size;
        _lu = new double[_n * _n];
        _pivot = new int[_n];
    }

    /// <inheritdoc />
    public SolverStatistics Statistics { get; internal set; } = new();

    /// <inheritdoc />
    public void RequestRepivot()
    {
    }

    /// <inheritdoc />
    public void Factor(ReadOnlySpan<double> values)
    {
        Statistics.FactorTime.Start();
        try
        {
            int n = _n;
            double[] a = _lu;
            Array.Clear(a);
            int[] rows = _pattern.Rows;
            int[] cols = _pattern.Columns;
            for (int h = 1; h < rows.Length; h++)
            {
                a[(rows[h] * n) + cols[h]] += values[h];
            }

            for (int k = 0; k < n; k++)
            {
                int p = k;
                double max = Math.Abs(a[(k * n) + k]);
                for (int i = k + 1; i < n; i++)
                {
                    double v = Math.Abs(a[(i * n) + k]);
                    if (v > max)
                    {
                        max = v;
                        p = i;
                    }
                }

                if (max <= _options.AbsoluteThreshold)
                {
                    throw new SingularMatrixException(k);
                }

                _pivot[k] = p;
                if (p != k)
                {
                    a.AsSpan(p * n, n).CopyTo(_swapBuffer ??= new double[n]);
                    a.AsSpan(k * n, n).CopyTo(a.AsSpan(p * n, n));
                    _swapBuffer.AsSpan().CopyTo(a.AsSpan(k * n, n));
                }

                double inv = 1.0 / a[(k * n) + k];
                for (int i = k + 1; i < n; i++)
                {
                    double l = a[(i * n) + k] * inv;
                    if (l == 0)
                    {
                        continue;
                    }

                    a[(i * n) + k] = l;
                    Span<double> rowI = a.AsSpan((i * n) + k + 1, n - k - 1);
                    ReadOnlySpan<double> rowK = a.AsSpan((k * n) + k + 1, n - k - 1);
                    for (int j = 0; j < rowI.Length; j++)
                    {
                        rowI[j] -= l * rowK[j];
                    }
                }
            }

            Statistics.Factorizations++;
            Statistics.FactorNonzeros = (long)n * n;
        }
        finally
        {
            Statistics.FactorTime.Stop();
        }
    }

    private double[]? _swapBuffer;

    /// <inheritdoc />
    public void Solve(Span<double> rhs)
    {
        Statistics.SolveTime.Start();
        int n = _n;
        double[] a = _lu;
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k)
            {
                (rhs[k], rhs[p]) = (rhs[p], rhs[k]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            double s = rhs[i];
            for (int j = 0; j < i; j++)
            {
                s -= a[(i * n) + j] * rhs[j];
            }

            rhs[i] = s;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = rhs[i];
            for (int j = i + 1; j < n; j++)
            {
                s -= a[(i * n) + j] * rhs[j];
            }

            rhs[i] = s / a[(i * n) + i];
        }

        Statistics.Solves++;
        Statistics.SolveTime.Stop();
    }
}
