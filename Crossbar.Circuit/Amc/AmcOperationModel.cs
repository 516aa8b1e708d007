namespace Crossbar.Circuit.Amc;

/// <summary>
/// The operations of one HP-INV iteration counted from the structure alone (N, array size, slices, input planes),
/// mirroring <see cref="BlockAmcSolver"/>, <see cref="TiledArray"/> and <see cref="HighPrecisionMvm"/>: it agrees with
/// <see cref="AmcCostCounter"/> on the runs that can be simulated and extrapolates to any N.
/// </summary>
/// <remarks>
/// Critical-path rule: the tiles of one tiled MVM and the slices of one HP-MVM input plane are separate arrays and run
/// at once; the steps of BlockAMC (A1⁻¹, A3·, S⁻¹, A2·, A1⁻¹) depend on each other and run in order; the bit-serial
/// input planes run in order. Each operation costs DAC time + settling + ADC time on the path.
/// Digital flops counted: input rescaling (max and divide), output scale-back, sums of tile outputs, the BlockAMC
/// differences, per-plane shift-and-add with rounding, and the refinement's update, residual and norms.
/// </remarks>
/// <param name="ArraySize">Largest array dimension.</param>
/// <param name="MvmTime">Settling time of one MVM (s), as the backend reports it.</param>
/// <param name="InvTime">Settling time of one INV (s), as the backend reports it.</param>
/// <param name="ConversionTime">DAC + ADC time per operation (s).</param>
public sealed record AmcOperationModel(int ArraySize, double MvmTime, double InvTime, double ConversionTime)
{
    /// <summary>One MVM on an r × c array.</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally Mvm(int rows, int columns) =>
        new(1, 0, columns, rows, (rows + columns) * MvmTime, 2.0 * rows * columns * MvmTime, MvmTime, MvmTime + ConversionTime, MvmTime + ConversionTime, 0);

    /// <summary>One INV on an n × n array (with the leaf's rescaling: max, divide, scale back).</summary>
    /// <param name="n">Size.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally Inv(int n) =>
        new(0, 1, n, n, 2 * n * InvTime, 2.0 * n * n * InvTime, InvTime, InvTime + ConversionTime, InvTime + ConversionTime, 3.0 * n);

    /// <summary>One tiled MVM of an r × c block, tiles at once, partial outputs summed digitally (no rescaling).</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally TiledRaw(int rows, int columns)
    {
        AnalogTally? total = null;
        for (int r0 = 0; r0 < rows; r0 += ArraySize)
        {
            for (int c0 = 0; c0 < columns; c0 += ArraySize)
            {
                var t = Mvm(Math.Min(ArraySize, rows - r0), Math.Min(ArraySize, columns - c0));
                total = total is { } s ? s.With(t) : t;
            }
        }

        int tileColumns = (columns + ArraySize - 1) / ArraySize;
        return total!.Value.PlusFlops((double)rows * tileColumns);
    }

    /// <summary>A tiled MVM with its input rescaled into the DAC range and the output scaled back (BlockAMC's A2, A3).</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally Tiled(int rows, int columns) => TiledRaw(rows, columns).PlusFlops((2.0 * columns) + rows);

    /// <summary>One BlockAMC solve of an n × n system (LP-INV).</summary>
    /// <param name="n">Size.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally BlockAmcSolve(int n)
    {
        if (n <= ArraySize)
        {
            return Inv(n);
        }

        int h = (n + 1) / 2, m = n - h;
        var a1 = BlockAmcSolve(h);
        return a1.Then(Tiled(m, h)).Then(BlockAmcSolve(m)).Then(Tiled(h, m)).Then(a1).PlusFlops(m + h);
    }

    /// <summary>One HP-MVM of an n × n matrix with <paramref name="slices"/> slices and <paramref name="planes"/> input planes.</summary>
    /// <param name="n">Size.</param>
    /// <param name="slices">Matrix slices K.</param>
    /// <param name="planes">Input planes (input bits / bits per plane).</param>
    /// <returns>Its tally.</returns>
    public AnalogTally HpMvm(int n, int slices, int planes)
    {
        var slice = TiledRaw(n, n).PlusFlops(4.0 * n);
        var plane = slice;
        for (int k = 1; k < slices; k++)
        {
            plane = plane.With(slice);
        }

        return plane.PlusFlops(n).Repeat(planes).PlusFlops(4.0 * n);
    }

    /// <summary>One refinement iteration: LP-INV, then HP-MVM, then the update, residual and norms.</summary>
    /// <param name="n">Size.</param>
    /// <param name="slices">Matrix slices K.</param>
    /// <param name="planes">Input planes.</param>
    /// <returns>Its tally.</returns>
    public AnalogTally Iteration(int n, int slices, int planes) =>
        BlockAmcSolve(n).Then(HpMvm(n, slices, planes)).PlusFlops(9.0 * n);

    /// <summary>Flops of the Schur complements computed digitally once per matrix: per split, the LU of A1 (⅔h³), A1⁻¹A2
    /// (2h²m), A3·(A1⁻¹A2) (2m²h) and A4 − … (m²), recursively for A1 and S.</summary>
    /// <param name="n">Size.</param>
    /// <returns>Flops.</returns>
    public double SchurFlops(int n)
    {
        if (n <= ArraySize)
        {
            return 0.0;
        }

        double h = (n + 1) / 2, m = n - h;
        return (2.0 / 3.0 * h * h * h) + (2.0 * h * h * m) + (2.0 * m * m * h) + (m * m) + SchurFlops((int)h) + SchurFlops((int)m);
    }

    /// <summary>Arrays programmed for the LP-INV of an n × n matrix, as (rows, columns) each.</summary>
    /// <param name="n">Size.</param>
    /// <returns>The array shapes.</returns>
    public IEnumerable<(int Rows, int Columns)> LpInvArrays(int n)
    {
        if (n <= ArraySize)
        {
            yield return (n, n);
            yield break;
        }

        int h = (n + 1) / 2, m = n - h;
        foreach (var a in LpInvArrays(h).Concat(Tiles(h, m)).Concat(Tiles(m, h)).Concat(LpInvArrays(m)))
        {
            yield return a;
        }
    }

    /// <summary>The tiles of an r × c block.</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <returns>The tile shapes.</returns>
    public IEnumerable<(int Rows, int Columns)> Tiles(int rows, int columns)
    {
        for (int r0 = 0; r0 < rows; r0 += ArraySize)
        {
            for (int c0 = 0; c0 < columns; c0 += ArraySize)
            {
                yield return (Math.Min(ArraySize, rows - r0), Math.Min(ArraySize, columns - c0));
            }
        }
    }
}
