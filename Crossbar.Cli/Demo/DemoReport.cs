using System.Globalization;
using Crossbar.Cli.Plots;
using Spectre.Console;

namespace Crossbar.Cli.Demo;

/// <summary>
/// The demo's summary: what the paper reports (Zuo, Sun et al., Nature Electronics 8, 1222 (2025); docs/design.md keeps
/// the numbers) next to what this run got, read back from the files the steps wrote.
/// </summary>
public static class DemoReport
{
    /// <summary>One line of the table: the quantity, the paper's value, ours.</summary>
    public sealed record Line(string Quantity, string Paper, string Ours);

    /// <summary>Reads the steps' outputs under <paramref name="dir"/> into table lines.</summary>
    public static IReadOnlyList<Line> Read(string dir)
    {
        var lines = new List<Line>();
        var hp = Row(Path.Combine(dir, "hpinv", "summary.csv"));
        double final = Number(hp, "final_rel_error");
        double single = Number(hp, "single_shot_rel_error");
        lines.Add(new("HP-INV 16×16 on 8×8 arrays: final relative error", "≈1e-7 (24-bit, FP32 level) in ≈10 iterations",
            Invariant($"{final:G3} ({Bits(final):F1} bits) after {hp["iterations"]} iterations, 2^-24 reached at {(hp["iterations_to_target"] is { Length: > 0 } k ? k : "never")} ({hp["stop"]})")));
        lines.Add(new("single-shot analogue INV, same matrix", "≈2–3 bits", Invariant($"{single:G3} ({Bits(single):F1} bits)")));
        lines.Add(new("HP-INV spectral radius ρ(I − Ã0⁻¹A)", "< 1 (converges)", Invariant($"{Number(hp, "spectral_radius"):G3} as realised")));

        var inv = Row(Path.Combine(dir, "lpinv-tran", "summary.csv"));
        lines.Add(new("LP-INV 8×8 settling time (to 2^-8)", "≈120 ns", Invariant(
            $"{Number(inv, "settling_time_s") * 1e9:F0} ns; τ = {Number(inv, "tau_theory_s") * 1e9:F1} ns (theory), {Number(inv, "tau_fit_s") * 1e9:F1} ns (fit); error {Number(inv, "rel_error_2norm"):G3}")));

        var ber = ResultsTable.Read(Path.Combine(dir, "mimo", "ber.csv"));
        string curve = string.Join("; ", Enumerable.Range(0, ber.RowCount).Select(i =>
            Invariant($"{ber.Text("snr_dB", i)} dB {ber.Number("ber_hpinv", i):G2} vs {ber.Number("ber_fp32", i):G2}")));
        lines.Add(new("MIMO 128×8 256-QAM BER, HP-INV (3 it.) vs FP32", "equal after ≈3 iterations", curve));

        return lines;
    }

    /// <summary>
    /// The precision × noise grid of the sweep step: median single-shot INV relative error over the seeds, one row per
    /// <c>--bits</c>, one column per <c>--prog-sigma</c> (failed points left out, their count in the cell).
    /// </summary>
    public static Table SweepGrid(string dir)
    {
        var sweep = ResultsTable.Read(Path.Combine(dir, "sweep", "results.csv"));
        IReadOnlyList<string> bits = sweep.Distinct("bits");
        IReadOnlyList<string> sigmas = sweep.Distinct("prog_sigma");
        var table = new Table().Title("single-shot 8×8 INV: median relative error over seeds (bits per cell × programming σ)").AddColumn("bits");
        foreach (string sigma in sigmas)
        {
            table.AddColumn(Markup.Escape($"σ = {sigma}"));
        }

        foreach (string b in bits)
        {
            var cells = new List<string> { b };
            foreach (string sigma in sigmas)
            {
                int[] rows = [.. Enumerable.Range(0, sweep.RowCount).Where(i => sweep.Text("bits", i) == b && sweep.Text("prog_sigma", i) == sigma)];
                double[] ok = [.. rows.Where(i => sweep.Text("status", i) == "ok").Select(i => sweep.Number("rel_error_2norm", i))];
                int failed = rows.Length - ok.Length;
                cells.Add(Invariant($"{Median(ok):G3}{(failed > 0 ? $" ({failed} failed)" : string.Empty)}"));
            }

            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        return table;
    }

    /// <summary>Prints the table on <paramref name="console"/>.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<Line> lines)
    {
        var table = new Table().Title("CrossbarSim demo: the paper's headline on simulated hardware").AddColumn("quantity").AddColumn("paper").AddColumn("CrossbarSim");
        foreach (Line line in lines)
        {
            table.AddRow(Markup.Escape(line.Quantity), Markup.Escape(line.Paper), Markup.Escape(line.Ours));
        }

        console.Write(table);
    }

    /// <summary>
    /// The answer to the paper's headline claim in one table: per N, the analogue time per solve to 2⁻²⁴ against the
    /// CPU (measured LU) and the GPU roofline model, the speed-up factors, what dominates the analogue time, and the
    /// spread of HP-INV's final error over seeds of programming and read noise.
    /// </summary>
    public static Table CostAnswer(string dir)
    {
        var cost = ResultsTable.Read(Path.Combine(dir, "cost", "cost.csv"));
        var table = new Table().Title("is the analogue solver 1000× faster than digital at 2^-24? (time per solve, matrix already programmed)")
            .AddColumn("N").AddColumn("analogue").AddColumn("CPU (LU)").AddColumn("GPU model").AddColumn("CPU ÷ analogue").AddColumn("GPU ÷ analogue").AddColumn("iterations").AddColumn("inputs");
        string dominant = string.Empty;
        foreach (string size in cost.Distinct("size"))
        {
            int Row(string platform) => Enumerable.Range(0, cost.RowCount).First(i => cost.Text("size", i) == size && cost.Text("platform", i) == platform);
            int a = Row("analogue-blockamc");
            double analogue = cost.Number("time_s", a), cpu = cost.Number("time_s", Row("cpu-mathnet")), gpu = cost.Number("time_s", Row("gpu-roofline-batched"));
            dominant = cost.Text("dominant_term", a);
            table.AddRow([.. new[]
            {
                size, Invariant($"{analogue:G3} s"), Invariant($"{cpu:G3} s"), Invariant($"{gpu:G3} s"), Invariant($"{cpu / analogue:G3}×"), Invariant($"{gpu / analogue:G3}×"),
                cost.Text("iterations", a), cost.Text("measured_or_extrapolated", a).Split(':')[0],
            }.Select(Markup.Escape)]);
        }

        var notes = new List<string>
        {
            $"analogue = iterations × (critical path of DAC, settling and ADC + digital shift-and-add on one core); dominant terms (time; energy): {dominant}; GPU: H100 roofline, batched; every assumption: Crossbar.Circuit/Amc/CostAssumptions.cs",
        };
        var repeat = ResultsTable.Read(Path.Combine(dir, "repeatability", "results.csv"));
        foreach (string noise in repeat.Distinct("read_noise"))
        {
            int[] rows = [.. Enumerable.Range(0, repeat.RowCount).Where(i => repeat.Text("read_noise", i) == noise)];
            double[] errors = [.. rows.Select(i => repeat.Number("final_rel_error", i))];
            int converged = rows.Count(i => repeat.Text("status", i) == "ok");
            notes.Add(Invariant($"repeatability, HP-INV 16×16, read noise {noise}: final error median {Median([.. errors]):G3}, range {errors.Min():G3} … {errors.Max():G3}; {converged} of {rows.Length} seeds ok"));
        }

        table.Caption(Markup.Escape(string.Join("\n", notes)));
        return table;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
    }

    private static Dictionary<string, string> Row(string path)
    {
        var table = ResultsTable.Read(path);
        return table.Columns.ToDictionary(c => c, c => table.Text(c, 0));
    }

    private static double Number(Dictionary<string, string> row, string column) =>
        double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    private static double Bits(double error) => -Math.Log2(Math.Max(error, 1e-300));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
