namespace Crossbar.Circuit.Engine;

/// <summary>
/// An element a <c>.dc</c> sweep can drive: while <see cref="SweepValue"/> is set, its DC value is that number
/// (the value of the card, waveform and scale aside).
/// </summary>
public interface ISweepableSource
{
    /// <summary>Element name as in the netlist.</summary>
    string Name { get; }

    /// <summary>The value the DC sweep sets in V or A, or null outside a sweep.</summary>
    double? SweepValue { get; set; }
}
