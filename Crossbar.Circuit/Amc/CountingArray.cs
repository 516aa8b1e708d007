namespace Crossbar.Circuit.Amc;

/// <summary>Wraps a programmed array and records each operation in an <see cref="AmcCostCounter"/>.</summary>
/// <remarks>Counting sits here, outside the backends, so every fidelity is accounted for the same way.</remarks>
public sealed class CountingArray : IProgrammedArray
{
    private readonly IProgrammedArray _inner;
    private readonly AmcCostCounter _counter;

    /// <summary>Wraps an array and records its programming.</summary>
    /// <param name="inner">Programmed array.</param>
    /// <param name="counter">Counter shared by the run.</param>
    public CountingArray(IProgrammedArray inner, AmcCostCounter counter)
    {
        _inner = inner;
        _counter = counter;
        counter.AddProgrammedArray(inner.Rows, inner.Columns);
    }

    /// <summary>Programs a matrix on a backend and wraps the result.</summary>
    /// <param name="backend">Backend.</param>
    /// <param name="matrix">Matrix (matrix units).</param>
    /// <param name="bits">Bits per cell (0 = continuous).</param>
    /// <param name="seed">Seed of this array.</param>
    /// <param name="counter">Counter.</param>
    /// <returns>The counted array.</returns>
    public static CountingArray Program(IAnalogBackend backend, double[,] matrix, int bits, int seed, AmcCostCounter counter) =>
        new(backend.Program(matrix, bits, seed), counter);

    /// <inheritdoc/>
    public int Rows => _inner.Rows;

    /// <inheritdoc/>
    public int Columns => _inner.Columns;

    /// <inheritdoc/>
    public double[,] Realized => _inner.Realized;

    /// <inheritdoc/>
    public double[,] EffectiveMatrix() => _inner.EffectiveMatrix();

    /// <inheritdoc/>
    public double[,] EffectiveInverse() => _inner.EffectiveInverse();

    /// <inheritdoc/>
    public AnalogResult Multiply(ReadOnlySpan<double> x)
    {
        var r = _inner.Multiply(x);
        _counter.AddMvm(Rows, Columns, r);
        return r;
    }

    /// <inheritdoc/>
    public AnalogResult Solve(ReadOnlySpan<double> b)
    {
        var r = _inner.Solve(b);
        _counter.AddInv(Rows, r);
        return r;
    }
}
