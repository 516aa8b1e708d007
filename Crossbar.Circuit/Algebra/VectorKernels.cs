namespace Crossbar.Circuit.Algebra;

/// <summary>The dense vector operations of the Krylov methods here (Arnoldi, GMRES): x·y, y += a·x, ‖x‖₂.</summary>
internal static class VectorKernels
{
    /// <summary>x·y over the length of <paramref name="x"/>.</summary>
    public static double Dot(double[] x, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>y += alpha·x.</summary>
    public static void Axpy(double alpha, double[] x, double[] y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>Euclidean norm.</summary>
    public static double Norm(double[] x) => Math.Sqrt(Dot(x, x));
}
