using System.Globalization;
using System.Text.RegularExpressions;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Measurements;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// The <c>.step</c> decks of netlists/step/ (ngspice has no <c>.step</c>, so they are not among the decks ngspice runs
/// unmodified): each step point simulated by CrossbarSim against ngspice 39 on the deck with that point's values written
/// in (the <c>.param</c> line, the source's DC value, the <c>.model</c> parameter) and the <c>.step</c> cards removed.
/// Every vector (as <see cref="NgspiceCrossCheckTests"/>) and every measure (as <see cref="MeasureCrossCheckTests"/>) must agree.
/// </summary>
[TestFixture]
public class StepCrossCheckTests
{
    /// <summary>The decks of netlists/step/.</summary>
    public static IEnumerable<TestCaseData> StepDecks()
    {
        string[] files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "netlists", "step"), "*.cir");
        Array.Sort(files, StringComparer.Ordinal);
        return files.Select(p => new TestCaseData(Path.GetFileName(p)).SetArgDisplayNames(Path.GetFileName(p)));
    }

    [Test]
    public void When_StepDecksListed_Expect_NoneAmongTheDecksNgspiceRunsUnmodified()
    {
        var stepDecks = StepDecks().Select(c => (string)c.Arguments[0]!).ToList();
        var unmodified = NgspiceDeckCases.All().Select(c => (string)c.Arguments[0]!).ToList();

        Assert.That(stepDecks, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(unmodified, Is.Not.Empty);
        Assert.That(unmodified.Intersect(stepDecks), Is.Empty);
    }

    [TestCaseSource(nameof(StepDecks))]
    public void When_Stepped_Deck_Simulated_Expect_Each_Point_Agrees_With_Ngspice_On_The_Substituted_Deck(string deck)
    {
        NgspiceRunner runner = NgspiceRunner.TryCreate() ?? throw new IgnoreException("ngspice not found on PATH");
        string path = Path.Combine(RepositoryPaths.Root, "netlists", "step", deck);
        string text = File.ReadAllText(path);
        Netlist netlist = NetlistReader.ReadFile(path);
        Assert.That(netlist.Steps, Is.Not.Empty);
        DirectoryInfo work = Directory.CreateTempSubdirectory("crossbar-step-");
        try
        {
            foreach (StepPoint point in StepPoint.All(netlist.Steps))
            {
                SimulationResults ours = CircuitSimulator.Run(point.Apply(pinned => NetlistReader.ReadFile(path, pinned)));
                string substituted = Substitute(text, point);
                string file = Path.Combine(work.FullName, deck);
                File.WriteAllText(file, substituted);

                ComparisonReport report = WaveformComparer.Compare($"{deck} {point}", runner.RunReference(file), ours.Tables);
                TestContext.Out.WriteLine(report.ToString());
                Assert.That(report.Mismatches, Is.Empty, report.ToString());
                Assert.That(report.VectorsCompared, Is.GreaterThan(0), report.ToString());
                CompareMeasures(runner, substituted, deck, point, ours.Measures);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void CompareMeasures(NgspiceRunner runner, string text, string deck, StepPoint point, IReadOnlyList<MeasureResult> ours)
    {
        if (ours.Count == 0)
        {
            return;
        }

        Dictionary<string, double> transient = NgspiceRunner.HasTran(text) ? MeasureCrossCheckTests.Printed(runner.Run(text, deck, rawFile: false).StandardOutput) : [];
        Dictionary<string, double> dc = ours.Any(m => m.Analysis == "dc")
            ? MeasureCrossCheckTests.Printed(runner.Run(NgspiceRunner.WithTightTolerances(text), deck, rawFile: false).StandardOutput)
            : [];
        foreach (MeasureResult m in ours)
        {
            Assert.That(m.Ok, Is.True, $"{point} {m.Name}: {m.Error}");
            Dictionary<string, double> reference = m.Analysis == "tran" ? transient : dc;
            Assert.That(reference.TryGetValue(m.Name, out double expected), Is.True, $"{point}: ngspice printed no {m.Name}");
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{point} {m.Name}: ours {m.Value:G8} ngspice {expected:G8}"));
            Tolerance.AssertClose(m.Value, expected, m.Analysis == "tran" ? 1e-3 : 1e-6, 1e-15, $"{deck} {point} {m.Name}");
        }
    }

    /// <summary>
    /// The deck with the <c>.step</c> cards removed and the point's values written in: a stepped parameter's
    /// <c>.param name=…</c> line, a stepped source's last field (<c>vname n+ n- value</c>), a stepped model parameter's
    /// <c>name=value</c> on its <c>.model</c> line. Each must match exactly one line.
    /// </summary>
    private static string Substitute(string text, StepPoint point)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.TrimStart().StartsWith(".step", StringComparison.OrdinalIgnoreCase)).ToList();
        for (int k = 0; k < point.Cards.Count; k++)
        {
            StepCard card = point.Cards[k];
            string value = point.Values[k].ToString("R", CultureInfo.InvariantCulture);
            string name = Regex.Escape(card.Name);
            (Regex line, Func<string, string> replace) = card.Target switch
            {
                StepTarget.Parameter => (new Regex($@"^\.param\s+{name}\s*=.*$", RegexOptions.IgnoreCase), (Func<string, string>)(_ => $".param {card.Name}={value}")),
                StepTarget.Source => (new Regex($@"^{name}\s+\S+\s+\S+\s+(dc\s+)?\S+\s*$", RegexOptions.IgnoreCase), l => Regex.Replace(l, @"\S+\s*$", value)),
                _ => (new Regex($@"^\.model\s+{name}\s", RegexOptions.IgnoreCase),
                    l => Regex.Replace(l, $@"\b{card.ModelParameter}\s*=\s*[^\s)]+", $"{card.ModelParameter}={value}", RegexOptions.IgnoreCase)),
            };
            int[] matches = [.. lines.Select((l, i) => (l, i)).Where(x => line.IsMatch(x.l)).Select(x => x.i)];
            Assert.That(matches, Has.Length.EqualTo(1), $"{card.Text}: expected exactly one line to write the value into");
            string replaced = replace(lines[matches[0]]);
            Assert.That(replaced, Is.Not.EqualTo(lines[matches[0]]).Or.Contains(value), $"{card.Text}: value not written");
            lines[matches[0]] = replaced;
        }

        return string.Join('\n', lines);
    }
}
