using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Simulation;

using Circuit = Crossbar.Circuit.Engine.Circuit;

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
    /// <param name="captureMatrix">Record the last Newton system of the operating point (<see cref="SimulationResults.OperatingPointMatrix"/>):
    /// of the first <c>.op</c>, or when the deck has none, of the first analysis's operating point. Costs a copy of the
    /// matrix values per Newton step of that operating point, and the memory of one more value array.</param>
    /// <param name="quantisedTransient">Run transients with quantised steps, chord Newton and kept factorisations
    /// (<see cref="TransientAnalysis"/>'s <c>quantisedSteps</c>): for the crossbar commands' large circuits; decks keep
    /// ngspice's step control.</param>
    public static SimulationResults Run(Netlist netlist, Action<ResultTable>? onTable = null, bool captureMatrix = false, bool quantisedTransient = false)
    {
        var statistics = new SimulationStatistics();
        (Netlist flat, Circuit circuit, List<string> topLevelSources) = Compile(netlist, statistics);

        foreach (AnalysisCard analysis in flat.Analyses)
        {
            // Every analysis is checked before the first starts: a deck too large to finish fails at once.
            AnalysisSize.Check(analysis, circuit.Options, flat);
        }

        var tables = new List<ResultTable>();
        var measurements = new MeasurementRun(netlist);
        onTable = measurements.Wrap(onTable);
        int captureAt = captureMatrix ? Math.Max(flat.Analyses.FindIndex(a => a is OpAnalysisCard), 0) : -1;
        MatrixSnapshot? snapshot = null;
        KclResidual? residual = null;
        for (int index = 0; index < flat.Analyses.Count; index++)
        {
            AnalysisCard analysis = flat.Analyses[index];
            statistics.MatrixCapture = index == captureAt ? new MatrixSnapshot(Name(analysis), circuit.Pattern, circuit.Unknowns) : null;
            switch (analysis)
            {
                case OpAnalysisCard:
                {
                    statistics.OperatingPointTime.Start();
                    var output = OutputSelection.For(flat, circuit, "op", topLevelSources, measurements.VectorsOf("op"));
                    tables.Add(OperatingPointAnalysis.Run(circuit, output, onTable));
                    statistics.OperatingPointTime.Stop();
                    residual = KclResidual.Of(circuit, "op");
                    break;
                }

                case DcAnalysisCard dc:
                {
                    statistics.DcSweepTime.Start();
                    var output = OutputSelection.For(flat, circuit, "dc", topLevelSources, measurements.VectorsOf("dc"));
                    tables.Add(DcSweepAnalysis.Run(circuit, dc, output, onTable));
                    statistics.DcSweepTime.Stop();
                    residual = KclResidual.Of(circuit, "dc");
                    break;
                }

                case TranAnalysisCard tran:
                {
                    statistics.TransientTime.Start();
                    var output = OutputSelection.For(flat, circuit, "tran", topLevelSources, measurements.VectorsOf("tran"));
                    tables.Add(TransientAnalysis.Run(circuit, flat, tran, output, onTable: onTable, quantisedSteps: quantisedTransient));
                    statistics.TransientTime.Stop();
                    residual = KclResidual.Of(circuit, "tran");
                    break;
                }

                case AcAnalysisCard acCard:
                {
                    statistics.AcTime.Start();
                    var output = OutputSelection.For(flat, circuit, "ac", topLevelSources, measurements.VectorsOf("ac"));
                    tables.Add(AcAnalysis.Run(circuit, acCard, output, onTable));
                    statistics.AcTime.Stop();
                    break;
                }

                default:
                    throw new NetlistException(analysis.Location, $"analysis {analysis.GetType().Name} is not supported by this engine");
            }

            measurements.Complete(tables[^1]);
            if (statistics.MatrixCapture is { IsComplete: true } taken)
            {
                snapshot = taken;
            }

            statistics.MatrixCapture = null;
        }

        return new SimulationResults(tables, statistics, [.. netlist.Warnings], snapshot, residual, measurements.Results);
    }

    private static string Name(AnalysisCard analysis) => analysis switch
    {
        OpAnalysisCard => "op",
        DcAnalysisCard => "dc",
        TranAnalysisCard => "tran",
        AcAnalysisCard => "ac",
        _ => analysis.GetType().Name,
    };

    /// <summary>Flattens and compiles a deck: the flat netlist, the circuit, and the top-level voltage sources (default outputs).</summary>
    internal static (Netlist Flat, Circuit Circuit, List<string> TopLevelSources) Compile(Netlist netlist, SimulationStatistics statistics)
    {
        statistics.SetupTime.Start();
        Netlist flat = Flatten(netlist);
        SimulationOptions options = SimulationOptions.FromNetlist(flat);
        List<CircuitElement> elements = CircuitCompiler.CreateElements(flat, options);
        var topLevelSources = flat.Elements.Where(e => (e.Kind == 'V' || e.Behavior?.Quantity == 'V') && !e.Name.Contains('.', StringComparison.Ordinal)).Select(e => e.Name).ToList();
        var circuit = new Circuit(elements, options, statistics);
        circuit.Nodesets = Nodesets(flat, circuit);
        statistics.SetupTime.Stop();
        return (flat, circuit, topLevelSources);
    }

    /// <summary>The deck's <c>.nodeset</c> guesses by unknown index (ground ones dropped).</summary>
    /// <exception cref="SimulationException">A <c>.nodeset</c> names a node that is not in the circuit.</exception>
    private static List<(int, double)> Nodesets(Netlist flat, Circuit circuit)
    {
        var nodesets = new List<(int, double)>(flat.Nodesets.Count);
        foreach (var (node, value) in flat.Nodesets)
        {
            int index = circuit.Unknowns.FindNode(node)
                ?? throw new SimulationException($".nodeset names node '{node}', which is not in the circuit");
            if (index >= 0)
            {
                nodesets.Add((index, value));
            }
        }

        return nodesets;
    }

    private static Netlist Flatten(Netlist netlist)
        => netlist.Elements.Any(e => e.Kind == 'X') ? SubcircuitFlattener.Flatten(netlist) : netlist;
}
