using System.Globalization;
using Crossbar.Cli.Plots;

namespace Crossbar.Cli.Tests.Plots;

/// <summary>The standard plots of a sweep: one PNG per outcome × swept column with at least two values.</summary>
[TestFixture]
public class SweepPlotsTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Cli.TempDirectory();

    [TearDown]
    public void TearDown() => Cli.Cleanup(_dir);

    [Test]
    public void When_TwoVaryingColumns_Expect_OnePngPerOutcomeAndVaryingColumn()
    {
        string csv = Path.Combine(_dir, "results.csv");
        var lines = new List<string> { "n,sigma,bits,seed,status,rel_error,settle_time_s" };
        foreach (int n in new[] { 4, 8, 16 })
        {
            foreach (double sigma in new[] { 0.0, 0.01, 0.05 })
            {
                for (int seed = 0; seed < 2; seed++)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{n},{sigma},3,{seed},ok,{(sigma + 1e-7) * n * (1 + seed)},{1e-6 * n}"));
                }
            }
        }

        File.WriteAllLines(csv, lines);
        string plots = Path.Combine(_dir, "plots");

        var files = SweepPlots.Write(csv, ["n", "sigma", "bits"], ["rel_error", "settle_time_s"], plots);

        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "rel_error_vs_n.png", "rel_error_vs_sigma.png", "settle_time_s_vs_n.png", "settle_time_s_vs_sigma.png",
        }));
        foreach (string file in files)
        {
            PlotAssert.IsPng(file);
        }

        var table = ResultsTable.Read(csv);
        Assert.That(SweepPlots.WantsLogY(table, "rel_error"), Is.True, "error-like, positive, spans > 2 decades");
        Assert.That(SweepPlots.WantsLogY(table, "settle_time_s"), Is.False, "not error-like");
        Assert.That(SweepPlots.IsGeometric(table, "n"), Is.True, "4, 8, 16");
        Assert.That(SweepPlots.IsGeometric(table, "sigma"), Is.False, "0, 0.01, 0.05");
    }

    [Test]
    public void When_ResultsMissing_Expect_WarningAndNoFiles()
    {
        var files = SweepPlots.Write(Path.Combine(_dir, "none.csv"), ["n"], ["rel_error"], _dir);

        Assert.That(files, Is.Empty);
    }
}
