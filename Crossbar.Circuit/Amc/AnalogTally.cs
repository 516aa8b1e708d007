namespace Crossbar.Circuit.Amc;

/// <summary>
/// Counts and times of a group of analogue operations and the digital work between them, with the time on the critical
/// path (<see cref="AmcOperationModel"/>).
/// </summary>
/// <param name="MvmOperations">Open-loop MVMs.</param>
/// <param name="InvOperations">Closed-loop INVs.</param>
/// <param name="DacConversions">DAC conversions.</param>
/// <param name="AdcConversions">ADC conversions.</param>
/// <param name="OpAmpSeconds">Σ op-amps × settling time (s).</param>
/// <param name="CellSeconds">Σ biased cells × settling time (s).</param>
/// <param name="SerialSettle">Σ settling times, as <see cref="AmcCostCounter.AnalogTime"/> counts them (s).</param>
/// <param name="SerialTime">Σ (settling + DAC + ADC time) of all operations, one after another (s).</param>
/// <param name="CriticalTime">Settling + DAC + ADC time along the critical path (s): parallel arrays overlap.</param>
/// <param name="DigitalFlops">Digital floating-point operations (rescaling, tile sums, shift-and-add, updates).</param>
public readonly record struct AnalogTally(
    long MvmOperations, long InvOperations, long DacConversions, long AdcConversions, double OpAmpSeconds, double CellSeconds,
    double SerialSettle, double SerialTime, double CriticalTime, double DigitalFlops)
{
    /// <summary>Both groups, one after the other: everything adds, critical paths too.</summary>
    /// <param name="other">The later group.</param>
    /// <returns>The sum.</returns>
    public AnalogTally Then(AnalogTally other) => Sum(other) with { CriticalTime = CriticalTime + other.CriticalTime };

    /// <summary>Both groups at once on separate arrays: counts add, the critical path is the longer one.</summary>
    /// <param name="other">The concurrent group.</param>
    /// <returns>The sum.</returns>
    public AnalogTally With(AnalogTally other) => Sum(other) with { CriticalTime = Math.Max(CriticalTime, other.CriticalTime) };

    /// <summary>The group repeated <paramref name="times"/> times in sequence.</summary>
    /// <param name="times">Repeats.</param>
    /// <returns>The repeated group.</returns>
    public AnalogTally Repeat(long times) => new(
        MvmOperations * times, InvOperations * times, DacConversions * times, AdcConversions * times, OpAmpSeconds * times,
        CellSeconds * times, SerialSettle * times, SerialTime * times, CriticalTime * times, DigitalFlops * times);

    /// <summary>Adds digital flops.</summary>
    /// <param name="flops">Flops.</param>
    /// <returns>The tally with them.</returns>
    public AnalogTally PlusFlops(double flops) => this with { DigitalFlops = DigitalFlops + flops };

    private AnalogTally Sum(AnalogTally o) => new(
        MvmOperations + o.MvmOperations, InvOperations + o.InvOperations, DacConversions + o.DacConversions,
        AdcConversions + o.AdcConversions, OpAmpSeconds + o.OpAmpSeconds, CellSeconds + o.CellSeconds,
        SerialSettle + o.SerialSettle, SerialTime + o.SerialTime, 0.0, DigitalFlops + o.DigitalFlops);
}
