using System.Globalization;
using System.Text.RegularExpressions;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// Every <c>.measure</c> of the example decks evaluated by CrossbarSim and by ngspice 39: each value ngspice prints must
/// agree within 1e-3 relative for tran and 1e-6 relative for dc and ac (ngspice rerun at reltol 1e-9, as for the vectors).
/// </summary>
[TestFixture]
public partial class MeasureCrossCheckTests
{
    /// <summary>The example decks that have a <c>.meas</c> card.</summary>
    public static IEnumerable<TestCaseData> MeasuredDecks() =>
        RepositoryPaths.Decks()
            .Where(p => File.ReadLines(p).Any(l => l.TrimStart().StartsWith(".meas", StringComparison.OrdinalIgnoreCase)))
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetArgDisplayNames(Path.GetFileName(p)));

    [TestCaseSource(nameof(MeasuredDecks))]
    public void When_Deck_Measured_Expect_Agreement_With_Ngspice(string deck)
    {
        NgspiceRunner runner = NgspiceRunner.TryCreate() ?? throw new IgnoreException("ngspice not found on PATH");
        string path = Path.Combine(RepositoryPaths.Root, "netlists", deck);
        string text = File.ReadAllText(path);
        Netlist netlist = NetlistReader.ReadFile(path);
        IReadOnlyList<MeasureResult> ours = CircuitSimulator.Run(netlist).Measures;
        // One ngspice run per measured kind: transients as written, dc at tight tolerances (which drops .tran).
        Dictionary<string, double> transient = NgspiceRunner.HasTran(text) ? Printed(runner.Run(text, deck, rawFile: false).StandardOutput) : [];
        Dictionary<string, double> dc = netlist.Measures.Any(m => m.Analysis != "tran")
            ? Printed(runner.Run(NgspiceRunner.WithTightTolerances(text), deck, rawFile: false).StandardOutput)
            : [];

        Assert.That(ours, Has.Count.EqualTo(netlist.Measures.Count));
        var lines = new List<string>();
        foreach (MeasureResult m in ours)
        {
            Assert.That(m.Ok, Is.True, $"{m.Name}: {m.Error}");
            Dictionary<string, double> reference = m.Analysis == "tran" ? transient : dc;
            Assert.That(reference.TryGetValue(m.Name, out double expected), Is.True, $"ngspice printed no {m.Name}");
            double rel = m.Analysis == "tran" ? 1e-3 : 1e-6;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Name,-10} ours {m.Value,14:G8} ngspice {expected,14:G8} rel {Math.Abs(m.Value - expected) / Math.Abs(expected):E2}"));
            Tolerance.AssertClose(m.Value, expected, rel, 1e-15, $"{deck} {m.Name}");
        }

        TestContext.Out.WriteLine(string.Join('\n', lines));
    }

    [Test]
    public void When_NgspiceLinesParsed_Expect_NameAndValue()
    {
        var values = Printed("trise               =  2.197207e-06 targ=  3.307583e-06 trig=  1.110376e-06\ntw                  =   -2.00467e-06\nbad                 =   failed\n");

        Assert.That(values, Is.EqualTo(new Dictionary<string, double> { ["trise"] = 2.197207e-06, ["tw"] = -2.00467e-06 }));
    }

    /// <summary>The measure lines ngspice printed: <c>name = value …</c> (lines saying <c>failed</c> are left out).</summary>
    internal static Dictionary<string, double> Printed(string stdout)
    {
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in MeasureLine().Matches(stdout))
        {
            values[match.Groups[1].Value] = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return values;
    }

    [GeneratedRegex(@"^(\w+)\s+=\s+([-+]?\d\.\d+e[-+]\d+)", RegexOptions.Multiline)]
    private static partial Regex MeasureLine();
}
