using System.Globalization;
using Crossbar.Cli.Plots;

namespace Crossbar.Cli.Tests.Plots;

/// <summary><c>crossbar plot</c> on a small synthetic results table.</summary>
[TestFixture]
public class PlotCommandTests
{
    private string _dir = null!;
    private string _csv = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Cli.TempDirectory();
        _csv = Path.Combine(_dir, "results.csv");
        var lines = new List<string> { "n,sigma,seed,cell,status,rel_error" };
        foreach (int n in new[] { 4, 8, 16 })
        {
            foreach (double sigma in new[] { 0.0, 0.02 })
            {
                for (int seed = 0; seed < 3; seed++)
                {
                    double error = (sigma + 1e-6) * n * (1 + (0.1 * seed));
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{n},{sigma},{seed},{(seed % 2 == 0 ? "1r" : "1t1r")},{(seed == 2 && n == 16 ? "failed" : "ok")},{error}"));
                }
            }
        }

        lines.Add("32,0.02,0,1r,ok,0");
        lines.Add("32,0.02,1,1r,ok,");
        File.WriteAllLines(_csv, lines);
    }

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_PngRequested_Expect_ValidPngAndFailedRowsReported()
    {
        string png = Path.Combine(_dir, "a.png");

        var r = Cli.Run("plot", _csv, "--x", "n", "--y", "rel_error", "--series", "sigma", "--log-x", "--log-y", "-o", png);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        PlotAssert.IsPng(png);
        Assert.That(r.Stderr, Does.Contain("2 row(s) whose status is not ok excluded"));
        Assert.That(r.Stderr, Does.Contain("1 row(s) with rel_error ≤ 0 skipped (log y axis)"));
        Assert.That(Directory.GetFiles(_dir, "*.tmp*"), Is.Empty, "no temporary left behind");
    }

    [Test]
    public void When_SvgRequested_Expect_XmlWithSvgRoot()
    {
        string svg = Path.Combine(_dir, "a.svg");

        var r = Cli.Run("plot", _csv, "--x", "cell", "--y", "rel_error", "--series", "n", "--where", "sigma=0.02", "--agg", "median", "--band", "minmax", "--include-failed", "--title", "t", "-o", svg);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        PlotAssert.IsSvg(svg);
        Assert.That(r.Stderr, Does.Not.Contain("status is not ok"));
    }

    [TestCase("--x")]
    [TestCase("--y")]
    [TestCase("--series")]
    public void When_ColumnUnknown_Expect_Exit2NamingItAndListingColumns(string option)
    {
        string[] args = ["plot", _csv, "--x", "n", "--y", "rel_error", "-o", Path.Combine(_dir, "a.png")];
        var list = args.ToList();
        int at = list.IndexOf(option);
        if (at < 0)
        {
            list.AddRange([option, "bogus_col"]);
        }
        else
        {
            list[at + 1] = "bogus_col";
        }

        var r = Cli.Run([.. list]);

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("'bogus_col'").And.Contain("available columns: n, sigma, seed, cell, status, rel_error"));
        Assert.That(File.Exists(Path.Combine(_dir, "a.png")), Is.False);
    }

    [Test]
    public void When_WhereColumnUnknown_Expect_Exit2()
    {
        var r = Cli.Run("plot", _csv, "--x", "n", "--y", "rel_error", "--where", "nope=1", "-o", Path.Combine(_dir, "a.png"));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--where").And.Contain("'nope'"));
    }

    [TestCase("a.jpg")]
    [TestCase("a")]
    public void When_ExtensionUnsupported_Expect_Exit2(string name)
    {
        var r = Cli.Run("plot", _csv, "--x", "n", "--y", "rel_error", "-o", Path.Combine(_dir, name));

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(".png or .svg"));
    }

    [Test]
    public void When_BadChoiceOrWhere_Expect_Exit2()
    {
        Assert.That(Cli.Run("plot", _csv, "--x", "n", "--y", "rel_error", "--agg", "mode", "-o", Path.Combine(_dir, "a.png")).ExitCode, Is.EqualTo(2));
        Assert.That(Cli.Run("plot", _csv, "--x", "n", "--y", "rel_error", "--where", "sigma", "-o", Path.Combine(_dir, "a.png")).ExitCode, Is.EqualTo(2));
        Assert.That(Cli.Run("plot", _csv, "--x", "n", "--y", "cell", "-o", Path.Combine(_dir, "a.png")).ExitCode, Is.EqualTo(2), "text y column");
        Assert.That(Cli.Run("plot", _csv, "--x", "cell", "--y", "rel_error", "--log-x", "-o", Path.Combine(_dir, "a.png")).ExitCode, Is.EqualTo(2), "log categories");
    }

    [Test]
    public void When_LogY_Expect_NonPositiveRowsSkippedAndCounted()
    {
        var table = ResultsTable.Read(_csv);
        var spec = new AggregatePlotSpec { X = "n", Y = "rel_error", Where = [("sigma", "0.02")], LogY = true };

        var data = AggregatePlot.Prepare(table, spec);

        Assert.That(data.Series, Has.Count.EqualTo(1));
        Assert.That(data.Series[0].Points.Select(p => p.X), Is.EqualTo(new[] { 4.0, 8.0, 16.0 }), "x = 32 had only a zero and an empty value");
        Assert.That(data.Notes, Has.Some.Contains("1 row(s) with rel_error ≤ 0 skipped (log y axis)"));
        Assert.That(data.Notes, Has.Some.Contains("1 row(s) with an empty, NaN or infinite"));
        Assert.That(data.Series[0].Points[2].Summary.Count, Is.EqualTo(2), "the failed seed of n = 16 is excluded");
        Assert.That(data.Series[0].Points.All(p => p.Summary.Center > 0));
    }

    [Test]
    public void When_LinearY_Expect_ZeroKeptAndWhereMatchesNumbersAsNumbers()
    {
        var table = ResultsTable.Read(_csv);
        var spec = new AggregatePlotSpec { X = "n", Y = "rel_error", Where = [("sigma", "2e-2")], IncludeFailed = true };

        var data = AggregatePlot.Prepare(table, spec);

        Assert.That(data.Series[0].Points.Select(p => p.X), Is.EqualTo(new[] { 4.0, 8.0, 16.0, 32.0 }));
        Assert.That(data.Series[0].Points[2].Summary.Count, Is.EqualTo(3));
        Assert.That(data.Series[0].Points[0].Summary.Center, Is.EqualTo((0.02 + 1e-6) * 4 * 1.1).Within(1e-12), "mean of seeds 0..2: factor (1 + 1.1 + 1.2)/3");
    }

    [Test]
    public void When_XIsText_Expect_CategoriesInFirstAppearanceOrder()
    {
        var data = AggregatePlot.Prepare(ResultsTable.Read(_csv), new AggregatePlotSpec { X = "cell", Y = "rel_error", Series = "n" });

        Assert.That(data.Categories, Is.EqualTo(new[] { "1r", "1t1r" }));
        Assert.That(data.Series.Select(s => s.Value), Is.EqualTo(new[] { "4", "8", "16", "32" }));
    }

    [Test]
    public void When_DecadeLabelled_Expect_SuperscriptPowersOfTen()
    {
        Assert.That(PlotStyle.Decade(-3), Is.EqualTo("10⁻³"));
        Assert.That(PlotStyle.Decade(12), Is.EqualTo("10¹²"));
        Assert.That(PlotStyle.Decade(0), Is.EqualTo("1"));
    }

    [Test]
    public void When_LogAxisSpansLessThanThreeDecades_Expect_Ticks125AndAtLeastTwoLabels()
    {
        var (lo, hi, ticks) = PlotStyle.LogTicks(Math.Log10(8), Math.Log10(64));
        var labels = ticks.Where(t => t.Label is not null).Select(t => t.Label).ToArray();

        Assert.That(labels, Is.EqualTo(new[] { "10¹", "2×10¹", "5×10¹" }));
        Assert.That(lo, Is.LessThan(Math.Log10(8)));
        Assert.That(hi, Is.GreaterThan(Math.Log10(64)));
        Assert.That(ticks.Count(t => t.Label is null), Is.GreaterThan(3), "minor ticks at 2…9 × decade");

        var narrow = PlotStyle.LogTicks(Math.Log10(3.0e-8), Math.Log10(3.1e-8));
        Assert.That(narrow.Ticks.Where(t => t.Label is not null).Select(t => t.Label), Is.EqualTo(new[] { "2×10⁻⁸", "5×10⁻⁸" }), "widened to two labelled ticks");
    }

    [Test]
    public void When_LogAxisSpansManyDecades_Expect_DecadesOnlyEveryThirdOverTwentyTwo()
    {
        var (_, _, ticks) = PlotStyle.LogTicks(-20, 0);

        Assert.That(ticks.Where(t => t.Label is not null).Select(t => t.Label), Is.EqualTo(new[] { "10⁻²¹", "10⁻¹⁸", "10⁻¹⁵", "10⁻¹²", "10⁻⁹", "10⁻⁶", "10⁻³", "1" }), "range padded to 10^-21…10^1: 22 decades, every third labelled");
    }
}
