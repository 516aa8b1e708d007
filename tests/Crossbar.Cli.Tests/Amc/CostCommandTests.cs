using System.Globalization;

namespace Crossbar.Cli.Tests.Amc;

public class CostCommandTests
{
    private static readonly string[] Platforms = ["analogue-blockamc", "cpu-mathnet", "gpu-roofline-batched", "gpu-roofline-single"];

    [Test]
    public void When_Sizes16And64_Expect_FourRowsPerSizeWithPositiveFiniteNumbers()
    {
        string dir = Cli.TempDirectory();
        try
        {
            string outDir = Path.Combine(dir, "d");
            var result = Cli.Run("cost", "--size", "16,64", "--out", outDir);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
            Assert.That(result.Stdout, Does.Contain("vs cpu-mathnet"));
            string[] lines = Cli.Lines(Path.Combine(outDir, "cost.csv"));
            string[] header = lines[0].Split(',');
            Assert.That(header, Is.SupersetOf(new[] { "size", "platform", "time_s", "energy_J", "analog_critical_s", "digital_s", "programming_s", "conversion_J", "opamp_J", "cpu_measured_s", "gpu_compute_s", "gpu_launch_s", "iterations", "measured_or_extrapolated", "dominant_term" }));
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.That(rows, Has.Count.EqualTo(8));
            foreach (string n in new[] { "16", "64" })
            {
                Assert.That(rows.Where(r => r[0] == n).Select(r => r[1]), Is.EquivalentTo(Platforms), $"N={n}");
            }

            int time = Array.IndexOf(header, "time_s"), energy = Array.IndexOf(header, "energy_J");
            foreach (var r in rows)
            {
                foreach (int column in new[] { time, energy })
                {
                    double v = double.Parse(r[column], CultureInfo.InvariantCulture);
                    Assert.That(double.IsFinite(v) && v > 0, Is.True, $"{r[1]} N={r[0]} {header[column]} = {r[column]}");
                }
            }

            Assert.That(File.Exists(Path.Combine(outDir, "run.json")), Is.True);
            var json = Cli.RunJson(Path.Combine(outDir, "run.json"));
            Assert.That(json.GetProperty("results").GetProperty("assumptions").GetProperty("GpuPeakFp32").GetDouble(), Is.GreaterThan(0));
        }
        finally
        {
            Cli.Cleanup(dir);
        }
    }

    [Test]
    public void When_SizeListIsNotNumbers_Expect_UsageError()
    {
        string dir = Cli.TempDirectory();
        try
        {
            var result = Cli.Run("cost", "--size", "16,x", "--out", Path.Combine(dir, "d"));
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stderr, Does.Contain("--size"));
        }
        finally
        {
            Cli.Cleanup(dir);
        }
    }

    [Test]
    public void When_SettleNominal_Expect_TheBackendsInvTimeInRunJson()
    {
        string dir = Cli.TempDirectory();
        try
        {
            string outDir = Path.Combine(dir, "d");
            var result = Cli.Run("cost", "--size", "16", "--settle", "nominal", "--out", outDir);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
            var model = Cli.RunJson(Path.Combine(outDir, "run.json")).GetProperty("results").GetProperty("operation_model");
            Assert.That(model.GetProperty("inv_time_s").GetDouble(), Is.EqualTo(120e-9).Within(1e-18));
            Assert.That(model.GetProperty("lpinv_pulses_per_cell").GetDouble(), Is.GreaterThan(0));
            var again = Cli.Run("cost", "--size", "16", "--settle", "nominal", "--out", outDir);
            Assert.That(again.ExitCode, Is.EqualTo(0), "a folder of an earlier cost run is replaced: " + again.Stderr);
        }
        finally
        {
            Cli.Cleanup(dir);
        }
    }

    [Test]
    public void When_NoListedSizeIsSimulated_Expect_IterationsFromARunAtTheLargestSimulatedSize()
    {
        string dir = Cli.TempDirectory();
        try
        {
            string outDir = Path.Combine(dir, "d");
            var result = Cli.Run("cost", "--size", "300", "--max-simulated", "16", "--out", outDir);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
            Assert.That(result.Stderr, Does.Contain("N=16 (for the iteration count)"));
            string[] lines = Cli.Lines(Path.Combine(outDir, "cost.csv"));
            int iterations = Array.IndexOf(lines[0].Split(','), "iterations");
            Assert.That(int.Parse(lines[1].Split(',')[iterations], CultureInfo.InvariantCulture), Is.GreaterThan(1));
        }
        finally
        {
            Cli.Cleanup(dir);
        }
    }
}
