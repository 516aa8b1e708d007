using System.Globalization;
using System.Text.Json.Nodes;
using Crossbar.Circuit.Amc;
using Crossbar.Cli.Output;
using Spectre.Console;

namespace Crossbar.Cli.Commands;

/// <summary>The table, break-even sizes and run.json results of <c>crossbar cost</c>.</summary>
internal static class CostReport
{
    public const string Analogue = "analogue-blockamc";

    public static readonly string[] Digital = ["cpu-mathnet", "gpu-roofline-batched", "gpu-roofline-single"];

    /// <summary>Columns of cost.csv, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["size", "platform", "time_s", "energy_J", .. CostModel.TermNames, "iterations", "measured_or_extrapolated", "dominant_term"];

    public static IEnumerable<object[]> CsvRows(IReadOnlyList<CostRow> rows) => rows.Select(r => (object[])
    [
        r.Size, r.Platform, r.Time, r.Energy,
        .. CostModel.TermNames.Select(t => r.Terms.TryGetValue(t, out double v) ? (object)v : string.Empty),
        r.Iterations is { } k ? k : string.Empty, r.Source, r.DominantTerm,
    ]);

    /// <summary>Smallest N of the list from which on the analogue value stays below the platform's; null if none.</summary>
    public static int? BreakEven(IReadOnlyList<CostRow> rows, string platform, Func<CostRow, double> value)
    {
        var sizes = rows.Select(r => r.Size).Distinct().OrderBy(n => n).ToList();
        int? found = null;
        foreach (int n in sizes.AsEnumerable().Reverse())
        {
            double analogue = value(rows.First(r => r.Size == n && r.Platform == Analogue));
            double other = value(rows.First(r => r.Size == n && r.Platform == platform));
            if (analogue < other)
            {
                found = n;
            }
            else
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The sizes at which the analogue value is below the platform's.</summary>
    public static int[] Lower(IReadOnlyList<CostRow> rows, string platform, Func<CostRow, double> value) =>
        [.. rows.Select(r => r.Size).Distinct().Order().Where(n =>
            value(rows.First(r => r.Size == n && r.Platform == Analogue)) < value(rows.First(r => r.Size == n && r.Platform == platform)))];

    public static string Words(IReadOnlyList<CostRow> rows, string platform, Func<CostRow, double> value)
    {
        int[] lower = Lower(rows, platform, value);
        if (lower.Length == 0)
        {
            return "analogue lower at no N run";
        }

        string at = "analogue lower at N = " + string.Join(", ", lower.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        return BreakEven(rows, platform, value) is { } from ? string.Create(CultureInfo.InvariantCulture, $"{at} (break-even: from N = {from} on)") : at;
    }

    private static JsonObject Json(IReadOnlyList<CostRow> rows, string platform, Func<CostRow, double> value) => new()
    {
        ["analogue_lower_at"] = new JsonArray([.. Lower(rows, platform, value).Select(n => (JsonNode)n)]),
        ["break_even_from"] = BreakEven(rows, platform, value),
    };

    public static void Print(TextWriter output, IReadOnlyList<CostRow> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        var table = new Table().Title("crossbar cost: one N×N solve to 2^-24 (analogue per solve, matrix already programmed)").AddColumn("N");
        foreach (string column in new[] { "analogue s", "CPU s", "GPU batch s", "GPU single s", "analogue J", "CPU J", "GPU batch J", "GPU single J", "analogue dominant", "iter.", "analogue counts" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (int n in rows.Select(r => r.Size).Distinct().OrderBy(n => n))
        {
            CostRow Row(string p) => rows.First(r => r.Size == n && r.Platform == p);
            var all = new[] { Row(Analogue), Row(Digital[0]), Row(Digital[1]), Row(Digital[2]) };
            var a = all[0];
            table.AddRow([.. new[] { n.ToString(CultureInfo.InvariantCulture) }
                .Concat(all.Select(r => r.Time.ToString("G3", CultureInfo.InvariantCulture)))
                .Concat(all.Select(r => r.Energy.ToString("G3", CultureInfo.InvariantCulture)))
                .Concat([a.DominantTerm, a.Iterations?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, a.Source.Split(':')[0]])
                .Select(Markup.Escape)]);
        }

        console.Write(table);
        foreach (string p in Digital)
        {
            var other = rows.Last(r => r.Platform == p);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"vs {p} (at N = {other.Size} dominated by {other.DominantTerm}): time: {Words(rows, p, r => r.Time)}; energy: {Words(rows, p, r => r.Energy)}; time with programming each matrix: {Words(rows, p, TimeWithProgramming)}"));
        }
    }

    public static double TimeWithProgramming(CostRow r) => r.Terms.TryGetValue("time_with_programming_s", out double t) ? t : r.Time;

    public static JsonObject Results(IReadOnlyList<CostRow> rows, CostModel model)
    {
        var assumptions = new JsonObject();
        foreach (var p in typeof(CostAssumptions).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(CostAssumptions.Default)))
        {
            object? v = p.GetValue(model.Assumptions);
            assumptions[p.Name] = v switch
            {
                double d => RunJson.Number(d),
                int i => i,
                _ => v?.ToString(),
            };
        }

        var breakEven = new JsonObject();
        foreach (string p in Digital)
        {
            breakEven[p] = new JsonObject
            {
                ["time"] = Json(rows, p, r => r.Time),
                ["energy"] = Json(rows, p, r => r.Energy),
                ["time_with_programming"] = Json(rows, p, TimeWithProgramming),
            };
        }

        return new JsonObject
        {
            ["assumptions"] = assumptions,
            ["operation_model"] = new JsonObject
            {
                ["array_size"] = model.Operations.ArraySize,
                ["mvm_time_s"] = RunJson.Number(model.Operations.MvmTime),
                ["inv_time_s"] = RunJson.Number(model.Operations.InvTime),
                ["slices"] = model.Slices,
                ["input_planes"] = model.Planes,
                ["lpinv_pulses_per_cell"] = RunJson.Number(model.LpInvPulses),
                ["mvm_pulses_per_cell"] = RunJson.Number(model.MvmPulses),
            },
            ["break_even_size"] = breakEven,
        };
    }
}
