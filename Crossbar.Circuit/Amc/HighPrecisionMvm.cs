namespace Crossbar.Circuit.Amc;

/// <summary>
/// High-precision MVM (HP-MVM): a bit-sliced matrix times a bit-sliced input, every partial product computed on a
/// programmed array and read by an ADC, shift-and-add in double precision.
/// </summary>
/// <remarks>
/// <para>docs/design.md §3 (paper). With A ≈ u·Σ_k w_k·A_k (<see cref="BitSlicedMatrix"/>) and the input quantised to
/// D bits relative to s = max|x|, X = round(|x|/s·(2^D − 1))·sign(x) = Σ_j 2^(D−d(j+1))·X_j with J = D/d input slices
/// of d bits (sign-magnitude, bit-serial DAC drive), the product is</para>
/// <code>A·x ≈ u·s/(2^D − 1) · Σ_k Σ_j w_k·2^(D−d(j+1)) · (A_k·X_j)</code>
/// <para>Each A_k·X_j is an integer vector (integer digits times integer inputs); it is run on the arrays of slice k
/// with the input X_j/(2^d − 1) in the DAC range, and every tile reading is rounded to the nearest integer when
/// <see cref="HpMvmOptions.RoundPartialProducts"/> is set, which removes analogue errors below half a unit (the ADC
/// must then resolve one unit: 8 bits suffice for 8×8 arrays, 3-bit slices and 1-bit inputs, whose products lie in
/// ±56). Choice documented here: the input is bit-sliced too (default 32 bits in 1-bit planes), because a single
/// multi-bit DAC would put its own quantisation error into every residual.</para>
/// <para>Slices are programmed with <c>bits</c> = 0: their digits already are the m-bit levels, so the backend must
/// not quantise them again. Every slice is tiled onto arrays of the given size (<see cref="TiledArray"/>).</para>
/// </remarks>
public sealed class HighPrecisionMvm
{
    private readonly TiledArray[] _slices;
    private readonly AmcCostCounter[] _sliceCounters;
    private readonly AmcCostCounter _counter;
    private readonly bool _parallel;

    /// <summary>Programs one tiled array per slice.</summary>
    /// <param name="matrix">The bit-sliced matrix.</param>
    /// <param name="backend">Backend.</param>
    /// <param name="arraySize">Largest array dimension.</param>
    /// <param name="options">Input slicing and rounding.</param>
    /// <param name="seeds">Seed source.</param>
    /// <param name="counter">Cost counter.</param>
    public HighPrecisionMvm(BitSlicedMatrix matrix, IAnalogBackend backend, int arraySize, HpMvmOptions options, SeedSequence seeds, AmcCostCounter counter)
    {
        Matrix = matrix;
        Options = options;
        options.Validate();
        _counter = counter;
        _slices = new TiledArray[matrix.SliceCount];
        _sliceCounters = new AmcCostCounter[matrix.SliceCount];
        for (int k = 0; k < matrix.SliceCount; k++)
        {
            _sliceCounters[k] = new AmcCostCounter();
            _slices[k] = new TiledArray(matrix.Slice(k), backend, arraySize, 0, seeds, _sliceCounters[k]);
            counter.TakeFrom(_sliceCounters[k]);
        }

        // Circuit simulations are worth spreading over the cores; exact arithmetic is not.
        _parallel = options.Parallelism > 1 && backend.Fidelity != Fidelity.Ideal && _slices.Length > 1;
    }

    /// <summary>The sliced matrix.</summary>
    public BitSlicedMatrix Matrix { get; }

    /// <summary>Input slicing options.</summary>
    public HpMvmOptions Options { get; }

    /// <summary>Tiled arrays per slice.</summary>
    public int ArraysPerSlice => _slices[0].TileCount;

    /// <summary>y ≈ A·x.</summary>
    /// <param name="x">Input vector.</param>
    /// <param name="settleTime">Sum of the settling times of all partial products.</param>
    /// <returns>y in the units of A times x.</returns>
    public double[] Multiply(ReadOnlySpan<double> x, out double settleTime)
    {
        int n = x.Length;
        int rows = _slices[0].Rows;
        settleTime = 0.0;
        var y = new double[rows];
        double s = MatrixOps.MaxAbs(x);
        if (s == 0.0)
        {
            return y;
        }

        int bits = Options.InputBits, d = Options.InputBitsPerSlice, planes = bits / d;
        double full = Math.Pow(2.0, bits) - 1.0;
        long digitMask = (1L << d) - 1;
        double digitMax = digitMask;
        var magnitude = new long[n];
        var sign = new int[n];
        for (int i = 0; i < n; i++)
        {
            magnitude[i] = (long)Math.Round(Math.Abs(x[i]) / s * full, MidpointRounding.AwayFromZero);
            sign[i] = Math.Sign(x[i]);
        }

        var plane = new double[n];
        for (int j = 0; j < planes; j++)
        {
            int shift = bits - (d * (j + 1));
            for (int i = 0; i < n; i++)
            {
                plane[i] = sign[i] * ((magnitude[i] >> shift) & digitMask) / digitMax;
            }

            double planeWeight = Math.Pow(2.0, shift);
            var partials = new double[_slices.Length][];
            var times = new double[_slices.Length];
            if (_parallel)
            {
                // The slices are separate arrays: their partial products run at once, each counted on its own
                // counter; the results join in slice order below, as the sequential loop would add them.
                Parallel.For(0, _slices.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism },
                    k => partials[k] = _slices[k].MultiplyRaw(plane, digitMax, Options.RoundPartialProducts, out times[k]));
            }
            else
            {
                for (int k = 0; k < _slices.Length; k++)
                {
                    partials[k] = _slices[k].MultiplyRaw(plane, digitMax, Options.RoundPartialProducts, out times[k]);
                }
            }

            for (int k = 0; k < _slices.Length; k++)
            {
                settleTime += times[k];
                _counter.TakeFrom(_sliceCounters[k]);
                double w = Matrix.SliceWeight(k) * planeWeight;
                for (int i = 0; i < rows; i++)
                {
                    y[i] += w * partials[k][i];
                }
            }
        }

        double back = Matrix.Unit * s / full;
        for (int i = 0; i < rows; i++)
        {
            y[i] *= back;
        }

        return y;
    }
}

/// <summary>Input slicing of <see cref="HighPrecisionMvm"/>.</summary>
public sealed record HpMvmOptions
{
    /// <summary>D, bits of the quantised input magnitude (relative to max|x|), 1–52.</summary>
    public int InputBits { get; init; } = 32;

    /// <summary>d, bits per input slice (DAC drive per operation); must divide <see cref="InputBits"/>.</summary>
    public int InputBitsPerSlice { get; init; } = 1;

    /// <summary>
    /// Slices whose partial products may run at once on separate threads (circuit fidelities only; default: the
    /// processor count). Results, counts and random draws are the same for every value: each array keeps its own
    /// noise stream and the slices' results and counts join in slice order. 1 runs them one after another, in the
    /// order <see cref="OperationLog"/> numbers them.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Round each tile reading to the nearest integer (integer slices times integer inputs).</summary>
    public bool RoundPartialProducts { get; init; } = true;

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">Out of range.</exception>
    public void Validate()
    {
        if (InputBits < 1 || InputBits > 52)
        {
            throw new ArgumentException($"InputBits must lie in [1, 52], got {InputBits}.", nameof(InputBits));
        }

        if (Parallelism < 1)
        {
            throw new ArgumentException($"Parallelism must be at least 1, got {Parallelism}.", nameof(Parallelism));
        }

        if (InputBitsPerSlice < 1 || InputBits % InputBitsPerSlice != 0)
        {
            throw new ArgumentException($"InputBitsPerSlice ({InputBitsPerSlice}) must be positive and divide InputBits ({InputBits}).", nameof(InputBitsPerSlice));
        }
    }
}
