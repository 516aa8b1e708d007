using System.Diagnostics;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// <see cref="RawFileWriter"/>: its binary raw file read back by <see cref="RawFileReader"/> gives the simulated tables
/// again, and its header is laid out as the one ngspice 39 writes for the same deck.
/// </summary>
[TestFixture]
public class RawFileWriterTests
{
    private static readonly string[] DeckNames = ["01_resistive_divider.cir", "03_rc_step_trap.cir", "11_cmos_inverter.cir", "20_ac_opamp_filter.cir"];

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("crossbar-raw-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (SimulationResults Results, string Raw) Simulate(string deck)
    {
        string raw = Path.Combine(_dir, "ours.raw");
        Netlist netlist = NetlistReader.ReadFile(Path.Combine(RepositoryPaths.Root, "netlists", deck));
        SimulationResults results;
        using (var writer = new RawFileWriter(raw, netlist.Title))
        {
            results = CircuitSimulator.Run(netlist, writer.Attach);
        }

        return (results, raw);
    }

    [TestCaseSource(nameof(DeckNames))]
    public void When_RawWrittenAndReadBack_Expect_EveryTableValue(string deck)
    {
        (SimulationResults results, string raw) = Simulate(deck);

        IReadOnlyList<RawPlot> plots = RawFileReader.ReadFile(raw);

        Assert.That(plots, Has.Count.EqualTo(results.Tables.Count));
        for (int k = 0; k < plots.Count; k++)
        {
            ResultTable table = results.Tables[k];
            RawPlot plot = plots[k];
            Assert.That(plot.Analysis, Is.EqualTo(table.Analysis));
            Assert.That(plot.PointCount, Is.EqualTo(table.Rows.Count));
            if (table.Analysis == "ac")
            {
                Assert.That(plot.IsComplex, Is.True);
                for (int v = 1; v < plot.Variables.Count; v++)
                {
                    string name = plot.Variables[v].Name;
                    double[] magnitude = table.Column($"{name[0]}m{name[1..]}");
                    double[] phase = table.Column($"{name[0]}p{name[1..]}");
                    for (int p = 0; p < plot.PointCount; p++)
                    {
                        double re = plot.Real[p][v], im = plot.Imaginary![p][v];
                        Assert.That(Math.Sqrt((re * re) + (im * im)), Is.EqualTo(magnitude[p]).Within(1e-12 * magnitude[p] + 1e-300), $"|{name}| at point {p}");
                        Assert.That(Math.Atan2(im, re) * 180 / Math.PI, Is.EqualTo(phase[p]).Within(1e-9), $"phase of {name} at point {p}");
                    }
                }

                Assert.That(plot.Column(0), Is.EqualTo(table.Column("frequency")));
                continue;
            }

            int offset = table.Analysis == "op" ? 0 : 1;
            string[] outputs = [.. table.Columns.Where(c => c.Contains('(', StringComparison.Ordinal))];
            Assert.That(plot.Variables.Skip(offset).Select(v => v.Name), Is.EqualTo(outputs));
            foreach (string column in outputs)
            {
                Assert.That(plot.Column(column), Is.EqualTo(table.Column(column)), column);
            }

            if (offset == 1)
            {
                Assert.That(plot.Column(0), Is.EqualTo(table.Column(table.Columns[0])), "scale");
            }
        }
    }

    [TestCaseSource(nameof(DeckNames))]
    public void When_RawHeaderComparedWithNgspices_Expect_SameLayout(string deck)
    {
        NgspiceRunner runner = NgspiceRunner.TryCreate() ?? throw new IgnoreException("ngspice not found on PATH");
        (_, string raw) = Simulate(deck);
        IReadOnlyList<string[]> ours = RawFileReader.BinaryHeaders(File.ReadAllBytes(raw));
        IReadOnlyList<string[]> theirs = RawFileReader.BinaryHeaders(RunNgspiceBinary(runner, Path.Combine(RepositoryPaths.Root, "netlists", deck)));

        Assert.That(ours, Has.Count.EqualTo(theirs.Count));
        foreach (string[] header in ours)
        {
            string plot = Line(header, "Plotname:");
            string[] reference = theirs.Single(h => Line(h, "Plotname:") == plot);
            Assert.That(Keys(header), Is.EqualTo(Keys(reference)), plot);
            Assert.That(Line(header, "Flags:"), Is.EqualTo(Line(reference, "Flags:")), plot);
            Assert.That(Line(header, "No. Points:").Length, Is.EqualTo(Line(reference, "No. Points:").Length), $"{plot}: padded point count");
            Assert.That(Line(header, "Date:"), Does.Match(@"^Date: [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d  \d{4}$"));
            Assert.That(Line(reference, "Date:"), Does.Match(@"^Date: [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d  \d{4}$"));
            string[] variables = Variables(header);
            string[] referenceVariables = Variables(reference);
            if (plot != "Plotname: Operating Point")
            {
                Assert.That(variables[0], Is.EqualTo(referenceVariables[0]), $"{plot}: scale");
            }

            Assert.That(referenceVariables.Select(Unnumbered), Is.SupersetOf(variables.Select(Unnumbered)), plot);
            if (plot != "Plotname: Transient Analysis")
            {
                Assert.That(Line(header, "No. Points:"), Is.EqualTo(Line(reference, "No. Points:")), plot);
            }
        }
    }

    private static string Line(string[] header, string key) => header.Single(l => l.StartsWith(key, StringComparison.Ordinal));

    private static string[] Keys(string[] header) =>
        [.. header.Where(l => l.Length > 0 && !l.StartsWith('\t')).Select(l => l[..(l.IndexOf(':', StringComparison.Ordinal) + 1)])];

    private static string[] Variables(string[] header) => [.. header.Where(l => l.StartsWith('\t'))];

    /// <summary>A variable line without its index: <c>v(out)\tvoltage</c>.</summary>
    private static string Unnumbered(string line) => string.Join('\t', line.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1));

    /// <summary>Runs ngspice on a deck with its default (binary) raw file and returns the file's bytes.</summary>
    private byte[] RunNgspiceBinary(NgspiceRunner runner, string deck)
    {
        string work = Path.Combine(_dir, "ngspice");
        Directory.CreateDirectory(work);
        var start = new ProcessStartInfo(runner.ExecutablePath) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-b", "-r", "theirs.raw", deck })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SPICE_ASCIIRAWFILE");
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(runner.Timeout), Is.True, "ngspice timed out");
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{output.Result}\n{errors.Result}");
        return File.ReadAllBytes(Path.Combine(work, "theirs.raw"));
    }
}
