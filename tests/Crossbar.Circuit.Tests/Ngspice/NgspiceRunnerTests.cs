using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Ngspice;

[TestFixture]
public class NgspiceRunnerTests
{
    private const string Divider = """
        divider
        V1 in 0 DC 10
        R1 in out 10k
        R2 out 0 5k
        .op
        .tran 1u 10u
        .end
        """;

    private static NgspiceRunner Runner()
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        return runner!;
    }

    [Test]
    public void When_Tight_Copy_Is_Made_Expect_Tran_Removed_And_Options_Before_End()
    {
        string tight = NgspiceRunner.WithTightTolerances(Divider);
        string[] lines = tight.Split('\n');

        Assert.That(lines, Has.None.StartsWith(".tran"));
        Assert.That(lines[^2], Is.EqualTo(NgspiceRunner.TightOptionsLine));
        Assert.That(lines[^1], Is.EqualTo(".end"));
        Assert.That(lines[0], Is.EqualTo("divider"));
    }

    [Test]
    public void When_Deck_Has_No_End_Expect_Options_And_End_Appended()
    {
        string tight = NgspiceRunner.WithTightTolerances("t\nR1 a 0 1\n.op\n.tran 1n 1u\n+ 0 1n");

        Assert.That(tight, Is.EqualTo($"t\nR1 a 0 1\n.op\n{NgspiceRunner.TightOptionsLine}\n.end"));
    }

    [Test]
    public void When_Cards_Are_Scanned_Expect_Op_Dc_Tran_Detected_But_Not_Title_Or_Ends()
    {
        Assert.That(NgspiceRunner.HasOpOrDc(Divider), Is.True);
        Assert.That(NgspiceRunner.HasTran(Divider), Is.True);
        Assert.That(NgspiceRunner.HasOpOrDc(".op in the title\nR1 a 0 1\n.tran 1n 1u\n.end"), Is.False);
        Assert.That(NgspiceRunner.HasTran(".subckt x a\n.ends\n.end"), Is.False);
    }

    [Test]
    public void When_Divider_Runs_In_Ngspice_Expect_Analytic_Operating_Point()
    {
        NgspiceResult result = Runner().Run(Divider, "divider.cir");

        RawPlot op = result.Plots.Single(p => p.Analysis == "op");
        Assert.That(op.Column("v(out)")[0], Is.EqualTo(10.0 / 3.0).Within(1e-9));
        Assert.That(op.Column("i(v1)")[0], Is.EqualTo(-10.0 / 15e3).Within(1e-15));
        Assert.That(result.Plots.Single(p => p.Analysis == "tran").PointCount, Is.GreaterThan(10));
    }

    [Test]
    public void When_Deck_Names_An_Unknown_Subcircuit_Expect_NgspiceException_With_Its_Message()
    {
        var error = Assert.Throws<NgspiceException>(() => Runner().Run("bad\nV1 a 0 1\nX1 a b nosuch\n.op\n.end", "bad.cir"));

        Assert.That(error!.Message, Does.Contain("bad.cir").And.Contain("nosuch"));
    }

    [Test]
    public void When_Reference_Is_Built_Expect_Tight_Operating_Point_And_As_Written_Transient()
    {
        string file = Path.Combine(Path.GetTempPath(), $"crossbar-ref-{Guid.NewGuid():N}.cir");
        File.WriteAllText(file, Divider);
        try
        {
            IReadOnlyList<RawPlot> plots = Runner().RunReference(file);

            Assert.That(plots.Select(p => p.Analysis), Is.EquivalentTo(new[] { "op", "tran" }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void When_Example_Decks_Are_Listed_Expect_At_Least_Sixteen()
    {
        Assert.That(RepositoryPaths.Decks(), Has.Count.GreaterThanOrEqualTo(16));
    }

    [TestCaseSource(typeof(NgspiceDeckCases), nameof(NgspiceDeckCases.All))]
    public void When_Example_Deck_Runs_In_Ngspice_Expect_Exit_Zero_And_Plots(string deck)
    {
        string path = Path.Combine(RepositoryPaths.Root, "netlists", deck);

        string text = File.ReadAllText(path);
        if (text.Contains(".control", StringComparison.OrdinalIgnoreCase))
        {
            // A control script runs as written (its prints, no raw file); the plots come from its analyses as dot-cards.
            Assert.That(Runner().Run(text, deck, Path.GetDirectoryName(path), rawFile: false).ExitCode, Is.Zero);
            text = ControlBlock.ForBatchRun(text);
        }

        NgspiceResult result = Runner().Run(text, deck, Path.GetDirectoryName(path));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Plots.Count(p => p.Analysis is "op" or "dc" or "tran" or "ac"), Is.GreaterThan(0));
        Assert.That(result.Plots.SelectMany(p => p.Real).SelectMany(r => r), Has.All.Matches<double>(double.IsFinite));
    }
}

/// <summary>Test cases: one per example deck, by file name.</summary>
public static class NgspiceDeckCases
{
    /// <summary>All decks in netlists/.</summary>
    public static IEnumerable<TestCaseData> All() =>
        RepositoryPaths.Decks().Select(p => Path.GetFileName(p)).Select(name => new TestCaseData(name).SetArgDisplayNames(name));
}
