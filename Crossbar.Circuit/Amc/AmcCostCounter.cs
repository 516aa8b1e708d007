namespace Crossbar.Circuit.Amc;

/// <summary>
/// Counts what an AMC run costs in hardware: analogue operations, converter conversions, programmed arrays and cells,
/// and the summed settling time. Shared by every array of a run (see <see cref="CountingArray"/>).
/// </summary>
/// <remarks>
/// <see cref="AnalogTime"/> is the plain sum of the settling times of all operations, as if one array ran them one
/// after another; arrays that could run in parallel (slices, tiles) are not overlapped, so it is an upper bound on
/// latency. <see cref="OpAmpSeconds"/> (Σ op-amps in use × settling time) and <see cref="CellSeconds"/>
/// (Σ biased cells × settling time) feed <see cref="EnergyModel"/>.
/// </remarks>
public sealed class AmcCostCounter
{
    /// <summary>Open-loop MVM operations.</summary>
    public long MvmOperations { get; private set; }

    /// <summary>Closed-loop INV operations.</summary>
    public long InvOperations { get; private set; }

    /// <summary>DAC conversions (one per driven input line per operation).</summary>
    public long DacConversions { get; private set; }

    /// <summary>ADC conversions (one per read output per operation).</summary>
    public long AdcConversions { get; private set; }

    /// <summary>Operations whose inputs or outputs clipped at a converter full scale or rail.</summary>
    public long SaturatedOperations { get; private set; }

    /// <summary>Arrays programmed.</summary>
    public long ProgrammedArrays { get; private set; }

    /// <summary>Cells programmed (two per matrix entry: differential pairs).</summary>
    public long ProgrammedCells { get; private set; }

    /// <summary>Schur complements computed digitally and programmed (BlockAMC).</summary>
    public long SchurComplementsProgrammed { get; private set; }

    /// <summary>Floating-point operations done digitally around the arrays (equilibration, FGMRES's Gram–Schmidt and
    /// Hessenberg least squares): one per add, multiply, divide, comparison or square root.</summary>
    public long DigitalFlops { get; private set; }

    /// <summary>Sum of the settling times of all analogue operations.</summary>
    /// <value>Seconds.</value>
    public double AnalogTime { get; private set; }

    /// <summary>Σ (op-amps active) × settling time.</summary>
    /// <value>Seconds.</value>
    public double OpAmpSeconds { get; private set; }

    /// <summary>Σ (cells biased) × settling time.</summary>
    /// <value>Seconds.</value>
    public double CellSeconds { get; private set; }

    /// <summary>Records one programmed array.</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    public void AddProgrammedArray(int rows, int columns)
    {
        ProgrammedArrays++;
        ProgrammedCells += 2L * rows * columns;
    }

    /// <summary>Records one Schur complement computed digitally and programmed once.</summary>
    public void AddSchurComplement() => SchurComplementsProgrammed++;

    /// <summary>Records digital floating-point operations.</summary>
    /// <param name="flops">How many.</param>
    public void AddDigitalFlops(long flops) => DigitalFlops += flops;

    /// <summary>Records one MVM on a rows × columns array.</summary>
    /// <param name="rows">Rows (TIAs, ADC conversions).</param>
    /// <param name="columns">Columns (DAC conversions, inverters for the negative array).</param>
    /// <param name="result">The operation's result.</param>
    public void AddMvm(int rows, int columns, in AnalogResult result)
    {
        MvmOperations++;
        DacConversions += columns;
        AdcConversions += rows;
        Add(rows + columns, 2L * rows * columns, result);
    }

    /// <summary>Records one INV on an n × n array.</summary>
    /// <param name="n">Size (op-amps, inverters, DAC and ADC conversions).</param>
    /// <param name="result">The operation's result.</param>
    public void AddInv(int n, in AnalogResult result)
    {
        InvOperations++;
        DacConversions += n;
        AdcConversions += n;
        Add(2 * n, 2L * n * n, result);
    }

    /// <summary>A copy of the current counts (for per-iteration differences).</summary>
    /// <returns>The snapshot.</returns>
    public AmcCostCounter Snapshot() => (AmcCostCounter)MemberwiseClone();

    /// <summary>
    /// Adds everything <paramref name="other"/> counted and clears it: operations counted apart (one counter per
    /// parallel worker) join this one in a fixed order, so the totals do not depend on thread scheduling.
    /// </summary>
    /// <param name="other">The counter to take from.</param>
    public void TakeFrom(AmcCostCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        MvmOperations += other.MvmOperations;
        InvOperations += other.InvOperations;
        DacConversions += other.DacConversions;
        AdcConversions += other.AdcConversions;
        SaturatedOperations += other.SaturatedOperations;
        ProgrammedArrays += other.ProgrammedArrays;
        ProgrammedCells += other.ProgrammedCells;
        SchurComplementsProgrammed += other.SchurComplementsProgrammed;
        DigitalFlops += other.DigitalFlops;
        AnalogTime += other.AnalogTime;
        OpAmpSeconds += other.OpAmpSeconds;
        CellSeconds += other.CellSeconds;
        other.MvmOperations = other.InvOperations = other.DacConversions = other.AdcConversions = 0;
        other.SaturatedOperations = other.ProgrammedArrays = other.ProgrammedCells = other.SchurComplementsProgrammed = other.DigitalFlops = 0;
        other.AnalogTime = other.OpAmpSeconds = other.CellSeconds = 0;
    }

    private void Add(int opAmps, long cells, in AnalogResult result)
    {
        AnalogTime += result.SettleTime;
        OpAmpSeconds += opAmps * result.SettleTime;
        CellSeconds += cells * result.SettleTime;
        if (result.Saturated)
        {
            SaturatedOperations++;
        }
    }
}
