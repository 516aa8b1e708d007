namespace Crossbar.Circuit.Algebra;

/// <summary>
/// The dense vector operations of the Krylov methods here (Arnoldi, GMRES, FGMRES) on arrays and spans: x·y,
/// y += a·x, ‖x‖₂, by the vectorised kernels of the front factorisation (<see cref="SupernodalFrontKernel"/>).
/// </summary>
internal static unsafe class VectorKernels
{
    /// <summary>x·y over the length of <paramref name="x"/>.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException($"a dot product of {x.Length} entries with a vector of {y.Length}", nameof(y));
        }

        fixed (double* px = x, py = y)
        {
            return SupernodalFrontKernel.Dot(px, py, x.Length);
        }
    }

    /// <summary>y += alpha·x over the length of <paramref name="y"/>.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length < y.Length)
        {
            throw new ArgumentException($"y += a·x over {y.Length} entries with x of {x.Length}", nameof(x));
        }

        fixed (double* px = x, py = y)
        {
            SupernodalFrontKernel.Axpy(alpha, px, py, y.Length);
        }
    }

    /// <summary>Euclidean norm.</summary>
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));
}
