using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>Analyses hand their rows to a sink as they compute them; a streaming caller holds none of them.</summary>
public class ResultStreamingTests
{
    private const string Deck = "* rc step\nV1 in 0 PULSE(0 1 0 1n 1n 1u 2u)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 5u\n.dc V1 0 1 0.1\n.end\n";

    [Test]
    public void When_RowsAreStreamed_Expect_TheSameRowsAndNoneRetained()
    {
        Netlist netlist = NetlistReader.ReadText(Deck, "rc.cir");
        SimulationResults retained = CircuitSimulator.Run(netlist);
        var streamed = new Dictionary<string, List<double[]>>();
        SimulationResults results = CircuitSimulator.Run(NetlistReader.ReadText(Deck, "rc.cir"), table =>
        {
            var rows = new List<double[]>();
            streamed[table.Analysis] = rows;
            table.Sink = row => rows.Add((double[])row.Clone());
            table.RetainsRows = false;
        });

        foreach (ResultTable table in results.Tables)
        {
            ResultTable reference = retained.Find(table.Analysis)!;
            Assert.That(table.Rows, Is.Empty, $"{table.Analysis}: nothing held in memory");
            Assert.That(table.RowCount, Is.EqualTo(reference.Rows.Count).And.GreaterThan(10), table.Analysis);
            Assert.That(streamed[table.Analysis], Is.EqualTo(reference.Rows), $"{table.Analysis}: the same rows, in order");
        }
    }
}
