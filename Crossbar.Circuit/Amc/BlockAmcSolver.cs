using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// BlockAMC: solves A·x = b for an N×N matrix on arrays of at most <c>arraySize</c> by Schur-complement partitioning,
/// applied recursively (one stage for N ≤ 2·arraySize, two stages for N ≤ 4·arraySize, and so on).
/// </summary>
/// <remarks>
/// <para>docs/design.md §3 (BlockAMC, DATE 2024). A = [[A1, A2], [A3, A4]] with A1 of size h = ⌈N/2⌉, S = A4 − A3·A1⁻¹·A2:</para>
/// <code>y1 = A1⁻¹b1 (INV);  t = b2 − A3·y1 (MVM);  x2 = S⁻¹t (INV);  x1 = A1⁻¹(b1 − A2·x2) (MVM + INV)</code>
/// <para>A1 and S are themselves solved by BlockAMC when larger than one array; A2 and A3 are tiled MVM arrays. S is
/// computed digitally (double precision, from the target blocks) and programmed once, recorded in
/// <see cref="SchurComplements"/> and <see cref="AmcCostCounter.SchurComplementsProgrammed"/>. Every analogue operation
/// gets its input rescaled by max|input| into the DAC range and its output scaled back.</para>
/// </remarks>
public sealed class BlockAmcSolver
{
    private readonly CountingArray? _leaf;
    private readonly BlockAmcSolver? _a1;
    private readonly BlockAmcSolver? _schur;
    private readonly TiledArray? _a2;
    private readonly TiledArray? _a3;
    private readonly int _h;

    private BlockAmcSolver(double[,] a, IAnalogBackend backend, BlockAmcOptions options, SeedSequence seeds, AmcCostCounter counter, List<SchurRecord> records, int level)
    {
        int n = a.GetLength(0);
        if (n != a.GetLength(1))
        {
            throw new ArgumentException($"BlockAMC needs a square matrix, got {n}×{a.GetLength(1)}.", nameof(a));
        }

        Size = n;
        SchurComplements = records;
        if (n <= options.ArraySize)
        {
            _leaf = CountingArray.Program(backend, a, options.BlockBits, seeds.Next(), counter);
            Stages = 0;
            return;
        }

        _h = (n + 1) / 2;
        int m = n - _h;
        var a1 = MatrixOps.Block(a, 0, 0, _h, _h);
        var a2 = MatrixOps.Block(a, 0, _h, _h, m);
        var a3 = MatrixOps.Block(a, _h, 0, m, _h);
        var a4 = MatrixOps.Block(a, _h, _h, m, m);
        var lu1 = Matrix<double>.Build.DenseOfArray(a1).LU();
        var s = Matrix<double>.Build.DenseOfArray(a4) - (Matrix<double>.Build.DenseOfArray(a3) * lu1.Solve(Matrix<double>.Build.DenseOfArray(a2)));
        var sArray = s.ToArray();
        foreach (double v in sArray)
        {
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException($"BlockAMC: the leading {_h}×{_h} block is singular; the Schur complement does not exist.");
            }
        }

        _a1 = new BlockAmcSolver(a1, backend, options, seeds, counter, records, level + 1);
        _a2 = new TiledArray(a2, backend, options.ArraySize, options.BlockBits, seeds, counter);
        _a3 = new TiledArray(a3, backend, options.ArraySize, options.BlockBits, seeds, counter);
        records.Add(new SchurRecord(level + 1, m, MatrixOps.MaxAbs(sArray)));
        counter.AddSchurComplement();
        _schur = new BlockAmcSolver(sArray, backend, options with { BlockBits = options.SchurBits }, seeds, counter, records, level + 1);
        Stages = 1 + Math.Max(_a1.Stages, _schur.Stages);
    }

    /// <summary>N.</summary>
    public int Size { get; }

    /// <summary>Depth of the partitioning: 0 = one array, 1 = one-stage, 2 = two-stage BlockAMC.</summary>
    public int Stages { get; }

    /// <summary>Schur complements computed digitally and programmed once (stage, size, max|S|), in program order.</summary>
    public IReadOnlyList<SchurRecord> SchurComplements { get; }

    /// <summary>Programs the arrays for a matrix.</summary>
    /// <param name="a">A, N×N (matrix units).</param>
    /// <param name="backend">Backend.</param>
    /// <param name="options">Array size and bits.</param>
    /// <param name="seeds">Seed source.</param>
    /// <param name="counter">Cost counter.</param>
    /// <returns>The solver.</returns>
    public static BlockAmcSolver Program(double[,] a, IAnalogBackend backend, BlockAmcOptions options, SeedSequence seeds, AmcCostCounter counter)
    {
        ArgumentNullException.ThrowIfNull(a);
        options.Validate();
        return new BlockAmcSolver(a, backend, options, seeds, counter, [], 0);
    }

    /// <summary>x ≈ A⁻¹·b for any b (rescaled into the DAC range and back).</summary>
    /// <param name="b">Right-hand side.</param>
    /// <param name="settleTime">Sum of the settling times of the operations.</param>
    /// <returns>x.</returns>
    public double[] Solve(ReadOnlySpan<double> b, out double settleTime)
    {
        settleTime = 0.0;
        if (_leaf is not null)
        {
            double s = MatrixOps.MaxAbs(b);
            if (s == 0.0)
            {
                return new double[Size];
            }

            var scaled = new double[b.Length];
            for (int i = 0; i < b.Length; i++)
            {
                scaled[i] = b[i] / s;
            }

            var r = _leaf.Solve(scaled);
            settleTime = r.SettleTime;
            var x = new double[Size];
            for (int i = 0; i < Size; i++)
            {
                x[i] = r.Values[i] * s;
            }

            return x;
        }

        var b1 = b[.._h];
        var b2 = b[_h..];
        var y1 = _a1!.Solve(b1, out double t1);
        var a3y1 = _a3!.Multiply(y1, out double t2);
        var t = new double[b2.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = b2[i] - a3y1[i];
        }

        var x2 = _schur!.Solve(t, out double t3);
        var a2x2 = _a2!.Multiply(x2, out double t4);
        var c = new double[_h];
        for (int i = 0; i < _h; i++)
        {
            c[i] = b1[i] - a2x2[i];
        }

        var x1 = _a1.Solve(c, out double t5);
        settleTime = t1 + t2 + t3 + t4 + t5;
        var result = new double[Size];
        x1.CopyTo(result, 0);
        x2.CopyTo(result, _h);
        return result;
    }

    /// <summary>
    /// The linear map b → x this solver realises, without converters or read noise (the arrays as their circuits realise
    /// them, <see cref="IProgrammedArray.EffectiveInverse"/> and <see cref="IProgrammedArray.EffectiveMatrix"/>, combined by
    /// the block formula): [[E1 + E1·Ã2·E_S·Ã3·E1, −E1·Ã2·E_S], [−E_S·Ã3·E1, E_S]].
    /// </summary>
    /// <param name="fromCircuit">True: the arrays as their circuits realise them; false: the programmed conductances.</param>
    /// <returns>The effective inverse, N×N.</returns>
    public Matrix<double> EffectiveInverse(bool fromCircuit = true)
    {
        if (_leaf is not null)
        {
            return fromCircuit ? Matrix<double>.Build.DenseOfArray(_leaf.EffectiveInverse()) : Matrix<double>.Build.DenseOfArray(_leaf.Realized).Inverse();
        }

        var e1 = _a1!.EffectiveInverse(fromCircuit);
        var es = _schur!.EffectiveInverse(fromCircuit);
        var a2 = Matrix<double>.Build.DenseOfArray(fromCircuit ? _a2!.Effective() : _a2!.Realized());
        var a3 = Matrix<double>.Build.DenseOfArray(fromCircuit ? _a3!.Effective() : _a3!.Realized());
        var esA3E1 = es * a3 * e1;
        var e1A2 = e1 * a2;
        var top = e1 + (e1A2 * esA3E1);
        var result = Matrix<double>.Build.Dense(Size, Size);
        result.SetSubMatrix(0, 0, top);
        result.SetSubMatrix(0, _h, -(e1A2 * es));
        result.SetSubMatrix(_h, 0, -esA3E1);
        result.SetSubMatrix(_h, _h, es);
        return result;
    }
}

/// <summary>Array size and cell resolution of a <see cref="BlockAmcSolver"/>.</summary>
public sealed record BlockAmcOptions
{
    /// <summary>Largest array dimension (the paper: 8).</summary>
    public int ArraySize { get; init; } = 8;

    /// <summary>Bits per cell of the blocks of A (0 = continuous: use it when the matrix already holds level digits).</summary>
    public int BlockBits { get; init; } = 3;

    /// <summary>Bits per cell of the programmed Schur complements (real-valued, so quantised like any matrix).</summary>
    public int SchurBits { get; init; } = 3;

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">Out of range.</exception>
    public void Validate()
    {
        if (ArraySize < 1)
        {
            throw new ArgumentException($"ArraySize must be positive, got {ArraySize}.", nameof(ArraySize));
        }

        if (BlockBits < 0 || BlockBits > 16 || SchurBits < 0 || SchurBits > 16)
        {
            throw new ArgumentException($"BlockBits ({BlockBits}) and SchurBits ({SchurBits}) must lie in [0, 16].", nameof(BlockBits));
        }
    }
}

/// <summary>A Schur complement computed digitally and programmed once.</summary>
/// <param name="Stage">Partitioning stage (1 = first split).</param>
/// <param name="Size">Its dimension.</param>
/// <param name="MaxAbs">max|S| (matrix units).</param>
public readonly record struct SchurRecord(int Stage, int Size, double MaxAbs);
