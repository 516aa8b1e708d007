using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Simulation;

/// <summary>Turns a (flattened) netlist into compiled elements through the <see cref="ElementRegistry"/>. Errors name the card's file, line and column.</summary>
public static class CircuitCompiler
{
    /// <summary>Creates the elements of a netlist without subcircuit instances (<see cref="ElementRegistry.Default"/>).</summary>
    /// <param name="netlist">The flat netlist.</param>
    /// <param name="options">Its options (the temperature reaches the devices from here); null: read from the netlist.</param>
    public static List<CircuitElement> CreateElements(Netlist netlist, SimulationOptions? options = null) => ElementRegistry.Default.CreateElements(netlist, options);

    /// <summary>
    /// Seed of a source's TRNOISE realisation: the deck seed (<c>.options seed=N</c>, default 1)
    /// mixed with a stable (FNV-1a) hash of the lower-case source name (<see cref="ElementFactoryContext.NoiseSeed"/>).
    /// </summary>
    public static int NoiseSeed(Netlist netlist, string sourceName) => new ElementFactoryContext(netlist).NoiseSeed(sourceName);
}
