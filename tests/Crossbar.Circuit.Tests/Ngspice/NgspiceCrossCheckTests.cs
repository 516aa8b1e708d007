using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// Every example deck in netlists/ simulated by CrossbarSim and by ngspice 39; every vector
/// present in both must agree (tolerances: <see cref="ComparisonTolerances"/>). OP and DC are
/// compared against ngspice run at reltol 1e-9, transients against the deck as written.
/// </summary>
[TestFixture]
public class NgspiceCrossCheckTests
{
    [TestCaseSource(typeof(NgspiceDeckCases), nameof(NgspiceDeckCases.All))]
    public void When_Example_Deck_Is_Simulated_Expect_Agreement_With_Ngspice(string deck)
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        string path = Path.Combine(RepositoryPaths.Root, "netlists", deck);
        IReadOnlyList<RawPlot> reference = runner!.RunReference(path);

        Netlist netlist = NetlistReader.ReadFile(path);
        SimulationResults results = CircuitSimulator.Run(netlist);

        ComparisonReport report = WaveformComparer.Compare(deck, reference, results.Tables);
        TestContext.Out.WriteLine(report.ToString());
        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.VectorsCompared, Is.GreaterThan(0), report.ToString());
    }
}
