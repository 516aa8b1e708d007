namespace Crossbar.Circuit.Algebra;

/// <summary>
/// LU factorisation with partial pivoting of a dense square matrix, P·A = L·U, by the blocked kernel that factors the
/// sparse solver's frontal matrices (<see cref="SupernodalFrontKernel"/>: panels of rank-1 updates, the trailing
/// matrix by the packed, register-blocked product of <see cref="SupernodalGemm"/>, split over the cores when large).
/// </summary>
/// <remarks>
/// Math.NET's managed LU is unblocked: about 1 GFlop/s, 1–2 s for one 1024×1024 matrix, and the commands factor
/// the programmed matrix two or three times before a 1024×1024 circuit is simulated (the exact answer, the
/// singularity test, the input scaling). The same factorisation here runs at the kernel's 30–45 GFlop/s per core.
/// </remarks>
public sealed unsafe class DenseLu
{
    private readonly double[] _lu;
    private readonly int[] _swaps;

    private DenseLu(double[] lu, int[] swaps, int size, int zeroColumn)
    {
        _lu = lu;
        _swaps = swaps;
        Size = size;
        ZeroColumn = zeroColumn;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>The first column with no nonzero, finite pivot left (the matrix is exactly singular, or not finite), or −1.</summary>
    public int ZeroColumn { get; }

    /// <summary>Smallest over largest |u_ii|: 0 when a column had no nonzero pivot.</summary>
    public double PivotRatio
    {
        get
        {
            if (ZeroColumn >= 0 || Size == 0)
            {
                return 0;
            }

            double smallest = double.PositiveInfinity;
            double largest = 0;
            for (int i = 0; i < Size; i++)
            {
                double p = Math.Abs(_lu[((long)i * Size) + i]);
                smallest = Math.Min(smallest, p);
                largest = Math.Max(largest, p);
            }

            return largest > 0 ? smallest / largest : 0;
        }
    }

    /// <summary>Factors a square matrix (the input is not modified).</summary>
    /// <exception cref="ArgumentException">The matrix is not square.</exception>
    public static DenseLu Factor(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
        {
            throw new ArgumentException($"LU of a {n}×{a.GetLength(1)} matrix: expected a square matrix", nameof(a));
        }

        double[] lu = new double[(long)n * n];
        fixed (double* source = a)
        {
            new ReadOnlySpan<double>(source, lu.Length).CopyTo(lu);
        }

        int[] swaps = new int[n];
        int zero = -1;
        if (n > 0)
        {
            var gemm = new SupernodalGemmRunner(Environment.ProcessorCount);
            int weak = 0;
            fixed (double* f = lu)
            fixed (int* s = swaps)
            {
                // Relative threshold 1: the diagonal is kept only when it is the largest candidate (partial pivoting).
                zero = SupernodalFrontKernel.Factor(f, n, n, s, 1.0, 0.0, gemm, ref weak);
            }
        }

        return new DenseLu(lu, swaps, n, zero);
    }

    /// <summary>x = A⁻¹·b.</summary>
    /// <exception cref="InvalidOperationException">The matrix is exactly singular (<see cref="ZeroColumn"/>).</exception>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        if (b.Length != Size)
        {
            throw new ArgumentException($"a right-hand side of {b.Length} entries for a {Size}×{Size} matrix", nameof(b));
        }

        if (ZeroColumn >= 0)
        {
            throw new InvalidOperationException($"the matrix is singular: column {ZeroColumn} has no nonzero, finite pivot");
        }

        double[] x = b.ToArray();
        DenseLuKernel.Solve(_lu, Size, _swaps, x.AsSpan());
        return x;
    }
}
