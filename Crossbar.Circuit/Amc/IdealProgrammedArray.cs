using Crossbar.Devices.Noise;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Crossbar.Circuit.Amc;

/// <summary>An array programmed by <see cref="IdealAnalogBackend"/>: conductance pairs, realised matrix and converters.</summary>
internal sealed class IdealProgrammedArray : IProgrammedArray
{
    private readonly AnalogBackendOptions _options;
    private readonly double[,] _plus;
    private readonly double[,] _minus;
    private readonly double _scale;
    private readonly Random _noise;
    private readonly WhiteReadNoise _readNoise;
    private readonly double _mvmFullScale;
    private LU<double>? _lu;
    private double _invFullScale;

    public IdealProgrammedArray(AnalogBackendOptions options, double[,] plus, double[,] minus, double scale, Random noise)
    {
        _options = options;
        _plus = plus;
        _minus = minus;
        _scale = scale;
        _noise = noise;
        _readNoise = new WhiteReadNoise(options.ReadNoiseSigma);
        Realized = Difference(plus, minus, scale);
        _mvmFullScale = Math.Max(MatrixOps.MaxAbsRowSum(Realized), double.Epsilon);
    }

    /// <summary>The programmed conductances (S) of the positive and negative arrays, before read noise.</summary>
    internal (double[,] Plus, double[,] Minus) ProgrammedConductances => (_plus, _minus);

    /// <summary>Conductance per matrix unit in S.</summary>
    internal double Scale => _scale;

    public int Rows => Realized.GetLength(0);

    public int Columns => Realized.GetLength(1);

    public double[,] Realized { get; }

    public double[,] EffectiveMatrix() => Realized;

    public double[,] EffectiveInverse() => NominalLu().Solve(Matrix<double>.Build.DenseIdentity(Rows)).ToArray();

    public AnalogResult Multiply(ReadOnlySpan<double> x)
    {
        if (x.Length != Columns)
        {
            throw new ArgumentException($"MVM input has {x.Length} entries, the array has {Columns} columns.", nameof(x));
        }

        double[] v = Converters.Dac(x, _options.DacBits, out bool clipped);
        double[,] m = ReadMatrix();
        var y = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double sum = 0.0;
            for (int j = 0; j < Columns; j++)
            {
                sum += m[i, j] * v[j];
            }

            y[i] = sum;
        }

        bool saturated = Converters.Adc(y, _options.AdcBits, _mvmFullScale);
        return new AnalogResult(y, _options.MvmTime, clipped || saturated);
    }

    public AnalogResult Solve(ReadOnlySpan<double> b)
    {
        if (Rows != Columns)
        {
            throw new InvalidOperationException($"INV needs a square array; this one is {Rows}×{Columns}.");
        }

        if (b.Length != Rows)
        {
            throw new ArgumentException($"INV input has {b.Length} entries, the array has {Rows} rows.", nameof(b));
        }

        var nominal = NominalLu();
        double[] v = Converters.Dac(b, _options.DacBits, out bool clipped);
        LU<double> lu = _options.ReadNoiseSigma > 0.0 ? Factor(ReadMatrix()) : nominal;
        double[] x = lu.Solve(Vector<double>.Build.DenseOfArray(v)).ToArray();
        foreach (double value in x)
        {
            if (!double.IsFinite(value))
            {
                throw new InvalidOperationException("INV of a programmed array gave a non-finite result: the realised matrix is singular.");
            }
        }

        bool saturated = Converters.Adc(x, _options.AdcBits, _invFullScale);
        return new AnalogResult(x, _options.InvTime, clipped || saturated);
    }

    private LU<double> NominalLu()
    {
        if (_lu is null)
        {
            double ratio = Algebra.Singularity.PivotRatio(Realized);
            if (!(ratio >= Rows * Algebra.Singularity.Tolerance))
            {
                throw new InvalidOperationException($"the realised {Rows}×{Columns} matrix is singular (smallest/largest pivot of the row-scaled matrix {ratio:G3}); INV has no solution.");
            }

            _lu = Factor(Realized);

            _invFullScale = Math.Max(MatrixOps.MaxAbsRowSum(_lu.Solve(Matrix<double>.Build.DenseIdentity(Rows)).ToArray()), double.Epsilon);
        }

        return _lu;
    }

    private static LU<double> Factor(double[,] m) => Matrix<double>.Build.DenseOfArray(m).LU();

    private double[,] ReadMatrix()
    {
        if (_options.ReadNoiseSigma == 0.0)
        {
            return Realized;
        }

        (double[,] plus, double[,] minus) = ReadConductances();
        return Difference(plus, minus, _scale);
    }

    /// <summary>
    /// The conductances one read sees: with white read noise, each cell drawn afresh
    /// (G·(1 + σ·n)); without it, the programmed values. The circuit backend builds its
    /// circuits from these, so both fidelities see the same noise model.
    /// </summary>
    internal (double[,] Plus, double[,] Minus) ReadConductances()
    {
        if (_options.ReadNoiseSigma == 0.0)
        {
            return (_plus, _minus);
        }

        int rows = _plus.GetLength(0), cols = _plus.GetLength(1);
        var plus = new double[rows, cols];
        var minus = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                plus[i, j] = _readNoise.Sample(_plus[i, j], _noise);
                minus[i, j] = _readNoise.Sample(_minus[i, j], _noise);
            }
        }

        return (plus, minus);
    }

    private static double[,] Difference(double[,] plus, double[,] minus, double scale)
    {
        int rows = plus.GetLength(0), cols = plus.GetLength(1);
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                m[i, j] = (plus[i, j] - minus[i, j]) / scale;
            }
        }

        return m;
    }
}
