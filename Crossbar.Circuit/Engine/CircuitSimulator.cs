using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Runs every analysis of a deck: compile (flattening subcircuits), then .op, .dc and .tran in
/// deck order, each producing a <see cref="ResultTable"/>.
/// </summary>
public static class CircuitSimulator
{
    /// <summary>Simulates a netlist.</summary>
    /// <exception cref="NetlistException">The deck cannot be compiled (unknown model, bad option...).</exception>
    /// <exception cref="SimulationException">An analysis failed (singular circuit, no convergence, timestep too small).</exception>
    /// <param name="netlist">The deck.</param>
    /// <param name="onTable">Called with each analysis's table before its first row: a caller that streams results attaches
    /// a <see cref="ResultTable.Sink"/> there (and may turn <see cref="ResultTable.RetainsRows"/> off).</param>
    public static SimulationResults Run(Netlist netlist, Action<ResultTable>? onTable = null)
    {
        var statistics = new SimulationStatistics();
        (Netlist flat, Circuit circuit, List<string> topLevelSources) = Compile(netlist, statistics);

        foreach (AnalysisCard analysis in flat.Analyses)
        {
            // Every analysis is checked before the first starts: a deck too large to finish fails at once.
            AnalysisSize.Check(analysis, circuit.Options, flat);
        }

        var tables = new List<ResultTable>();
        foreach (AnalysisCard analysis in flat.Analyses)
        {
            switch (analysis)
            {
                case OpAnalysisCard:
                {
                    statistics.OperatingPointTime.Start();
                    var output = OutputSelection.For(flat, circuit, "op", topLevelSources);
                    tables.Add(OperatingPointAnalysis.Run(circuit, output, onTable));
                    statistics.OperatingPointTime.Stop();
                    break;
                }

                case DcAnalysisCard dc:
                {
                    statistics.DcSweepTime.Start();
                    var output = OutputSelection.For(flat, circuit, "dc", topLevelSources);
                    tables.Add(DcSweepAnalysis.Run(circuit, dc, output, onTable));
                    statistics.DcSweepTime.Stop();
                    break;
                }

                case TranAnalysisCard tran:
                {
                    statistics.TransientTime.Start();
                    var output = OutputSelection.For(flat, circuit, "tran", topLevelSources);
                    tables.Add(TransientAnalysis.Run(circuit, flat, tran, output, onTable: onTable));
                    statistics.TransientTime.Stop();
                    break;
                }

                case AcAnalysisCard acCard:
                {
                    statistics.AcTime.Start();
                    var output = OutputSelection.For(flat, circuit, "ac", topLevelSources);
                    tables.Add(AcAnalysis.Run(circuit, acCard, output, onTable));
                    statistics.AcTime.Stop();
                    break;
                }

                default:
                    throw new NetlistException(analysis.Location, $"analysis {analysis.GetType().Name} is not supported by this engine");
            }
        }

        return new SimulationResults(tables, statistics, [.. netlist.Warnings]);
    }

    /// <summary>Flattens and compiles a deck: the flat netlist, the circuit, and the top-level voltage sources (default outputs).</summary>
    internal static (Netlist Flat, Circuit Circuit, List<string> TopLevelSources) Compile(Netlist netlist, SimulationStatistics statistics)
    {
        statistics.SetupTime.Start();
        Netlist flat = Flatten(netlist);
        SimulationOptions options = SimulationOptions.FromNetlist(flat);
        List<CircuitElement> elements = CircuitCompiler.CreateElements(flat);
        var topLevelSources = flat.Elements.Where(e => (e.Kind == 'V' || e.Behavior?.Quantity == 'V') && !e.Name.Contains('.', StringComparison.Ordinal)).Select(e => e.Name).ToList();
        statistics.SetupTime.Stop();
        return (flat, new Circuit(elements, options, statistics), topLevelSources);
    }

    private static Netlist Flatten(Netlist netlist)
        => netlist.Elements.Any(e => e.Kind == 'X') ? SubcircuitFlattener.Flatten(netlist) : netlist;
}
