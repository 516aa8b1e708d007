using System.Globalization;
using System.Text;
using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// How close CrossbarSim must come to ngspice.
/// </summary>
/// <remarks>
/// Operating point and DC sweep, at every point:
/// |a − e| ≤ <see cref="Relative"/>·max(|a|, |e|) + floor, with floor
/// <see cref="VoltageFloor"/> for voltages and <see cref="CurrentFloor"/> for currents
/// (the reference is run with reltol 1e-9, so 1e-6 leaves room for our own Newton stop).
/// Transient, at ngspice's time points with ours interpolated linearly:
/// |a − e| ≤ <see cref="TransientFraction"/>·max(range, floor), where range is max − min of
/// ngspice's waveform and floor is max(1e-3·max|e|, <see cref="TransientVoltageRangeFloor"/> or
/// <see cref="TransientCurrentRangeFloor"/>), so a constant signal is not held to zero error.
/// </remarks>
public sealed record ComparisonTolerances
{
    /// <summary>The defaults described in the remarks.</summary>
    public static ComparisonTolerances Default { get; } = new();

    /// <summary>Relative tolerance for OP and DC.</summary>
    public double Relative { get; init; } = 1e-6;

    /// <summary>Absolute floor for voltages in OP and DC, volts.</summary>
    public double VoltageFloor { get; init; } = 1e-12;

    /// <summary>Absolute floor for currents in OP and DC, amperes.</summary>
    public double CurrentFloor { get; init; } = 1e-15;

    /// <summary>Allowed transient error as a fraction of the signal's range.</summary>
    public double TransientFraction { get; init; } = 0.01;

    /// <summary>Smallest range assumed for a transient voltage, volts.</summary>
    public double TransientVoltageRangeFloor { get; init; } = 1e-6;

    /// <summary>Smallest range assumed for a transient current, amperes.</summary>
    public double TransientCurrentRangeFloor { get; init; } = 1e-9;
}

/// <summary>The outcome of comparing one deck's results against ngspice.</summary>
public sealed class ComparisonReport
{
    /// <summary>Creates an empty report.</summary>
    public ComparisonReport(string deck) => Deck = deck;

    /// <summary>Deck name used in messages.</summary>
    public string Deck { get; }

    /// <summary>One message per failing vector (or missing plot), naming deck, vector, point and both values.</summary>
    public List<string> Mismatches { get; } = [];

    /// <summary>Vectors present on one side only, plots not compared: informational.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Vectors compared (per plot).</summary>
    public int VectorsCompared { get; set; }

    /// <summary>Individual values compared.</summary>
    public int PointsCompared { get; private set; }

    /// <summary>True when nothing mismatched.</summary>
    public bool Passed => Mismatches.Count == 0;

    /// <summary>Largest error / allowed error over all compared values (below 1 passes): the margin.</summary>
    public double WorstRatio { get; private set; }

    /// <summary>Where <see cref="WorstRatio"/> occurred.</summary>
    public string WorstLocation { get; private set; } = "";

    /// <summary>Records one compared value's error ratio.</summary>
    internal void Track(double ratio, Func<string> location)
    {
        PointsCompared++;
        if (ratio > WorstRatio || double.IsNaN(ratio))
        {
            WorstRatio = double.IsNaN(ratio) ? double.PositiveInfinity : ratio;
            WorstLocation = location();
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Deck}: {VectorsCompared} vectors, {PointsCompared} values compared, {Mismatches.Count} mismatches; worst error/allowed {WorstRatio:G3} ({WorstLocation})");
        foreach (string m in Mismatches)
        {
            text.Append("\n  MISMATCH ").Append(m);
        }

        foreach (string n in Notes)
        {
            text.Append("\n  note: ").Append(n);
        }

        return text.ToString();
    }
}

/// <summary>
/// Compares CrossbarSim result tables with ngspice raw-file plots, vector by vector, for every
/// vector present in both. Tolerances: <see cref="ComparisonTolerances"/>.
/// </summary>
public static class WaveformComparer
{
    /// <summary>
    /// Compares all plots. OP, DC and transient plots are paired with tables of the same
    /// analysis (DC tables by their sweep values); AC plots are noted, not compared.
    /// </summary>
    /// <param name="deck">Deck name for messages.</param>
    /// <param name="reference">ngspice plots.</param>
    /// <param name="actual">CrossbarSim tables.</param>
    /// <param name="tolerances">Tolerances; <see cref="ComparisonTolerances.Default"/> when null.</param>
    public static ComparisonReport Compare(string deck, IReadOnlyList<RawPlot> reference, IReadOnlyList<ResultTable> actual, ComparisonTolerances? tolerances = null)
    {
        ComparisonTolerances tol = tolerances ?? ComparisonTolerances.Default;
        var report = new ComparisonReport(deck);
        var used = new bool[actual.Count];
        foreach (RawPlot plot in reference)
        {
            string? analysis = plot.Analysis;
            if (analysis is not ("op" or "dc" or "tran" or "ac"))
            {
                report.Notes.Add($"ngspice plot '{plot.PlotName}' not compared");
                continue;
            }

            int match = FindTable(plot, actual, used, tol);
            if (match < 0)
            {
                report.Mismatches.Add($"{deck}: ngspice has a '{plot.PlotName}' plot ({plot.PointCount} points) but CrossbarSim produced no matching {analysis} table");
                continue;
            }

            used[match] = true;
            if (analysis == "tran")
            {
                CompareTransient(report, plot, actual[match], tol);
            }
            else if (analysis == "ac")
            {
                CompareAc(report, plot, actual[match], tol);
            }
            else
            {
                ComparePointwise(report, plot, actual[match], tol);
            }
        }

        for (int t = 0; t < actual.Count; t++)
        {
            if (!used[t] && actual[t].Analysis is "op" or "dc" or "tran" or "ac")
            {
                report.Mismatches.Add($"{deck}: CrossbarSim produced a {actual[t].Analysis} table ({actual[t].Rows.Count} rows) that ngspice has no plot for");
            }
        }

        return report;
    }

    /// <summary>
    /// Compares an AC plot: ngspice's complex vectors against CrossbarSim's magnitude (vm/im)
    /// and phase (vp/ip, degrees) columns, point by point with the OP/DC tolerance; phases get an
    /// absolute floor of 1e-6 degrees.
    /// </summary>
    public static void CompareAc(ComparisonReport report, RawPlot plot, ResultTable table, ComparisonTolerances tol)
    {
        int rows = Math.Min(plot.PointCount, table.Rows.Count);
        if (plot.PointCount != table.Rows.Count)
        {
            report.Mismatches.Add($"{report.Deck}: ac has {table.Rows.Count} points in CrossbarSim but {plot.PointCount} in ngspice");
        }

        string PointLabel(int r) => $"f={Format(plot.Real[r][0])} Hz";
        CompareColumn(report, "ac", "frequency", rows, r => table.Rows[r][0], r => plot.Real[r][0], isCurrent: false, tol, PointLabel, countVector: false);
        var phaseTol = tol with { VoltageFloor = 1e-6, CurrentFloor = 1e-6 };
        for (int v = 1; v < plot.Variables.Count; v++)
        {
            RawVariable variable = plot.Variables[v];
            string name = variable.Name;
            int mag = table.IndexOf($"{name[0]}m{name[1..]}");
            int phase = table.IndexOf($"{name[0]}p{name[1..]}");
            if (mag < 0 || phase < 0)
            {
                report.Notes.Add($"ac: {name} is saved by ngspice but not in CrossbarSim's table");
                continue;
            }

            int vi = v;
            System.Numerics.Complex Expected(int r) => new(plot.Real[r][vi], plot.Imaginary![r][vi]);
            CompareColumn(report, "ac", $"|{name}|", rows, r => table.Rows[r][mag], r => Expected(r).Magnitude, variable.IsCurrent, tol, PointLabel, countVector: true);
            CompareColumn(report, "ac", $"phase {name}", rows, r => table.Rows[r][phase], r => Expected(r).Phase * 180 / Math.PI, variable.IsCurrent, phaseTol, PointLabel, countVector: false);
        }
    }

    /// <summary>
    /// Compares an operating point or DC plot point by point:
    /// |a − e| ≤ rel·max(|a|,|e|) + floor.
    /// </summary>
    public static void ComparePointwise(ComparisonReport report, RawPlot plot, ResultTable table, ComparisonTolerances tol)
    {
        string analysis = plot.Analysis ?? table.Analysis;
        bool isSweep = analysis != "op";
        int rows = Math.Min(plot.PointCount, table.Rows.Count);
        if (plot.PointCount != table.Rows.Count)
        {
            report.Mismatches.Add($"{report.Deck}: {analysis} has {table.Rows.Count} points in CrossbarSim but {plot.PointCount} in ngspice");
        }

        string sweepName = isSweep && table.Columns.Count > 0 ? table.Columns[0] : "";
        string PointLabel(int r) => isSweep
            ? $"{sweepName}={Format(plot.Real[r][0])}"
            : "operating point";

        if (isSweep)
        {
            // The sweep values themselves must agree.
            CompareColumn(report, analysis, $"sweep {plot.Variables[0].Name} vs {sweepName}", rows, r => table.Rows[r][0], r => plot.Real[r][0], isCurrent: false, tol, PointLabel, countVector: false);
        }

        int compared = 0;
        for (int v = isSweep ? 1 : 0; v < plot.Variables.Count; v++)
        {
            RawVariable variable = plot.Variables[v];
            int column = table.IndexOf(variable.Name);
            if (column < 0)
            {
                report.Notes.Add($"{analysis}: {variable.Name} is saved by ngspice but not in CrossbarSim's table");
                continue;
            }

            int vi = v;
            CompareColumn(report, analysis, variable.Name, rows, r => table.Rows[r][column], r => plot.Real[r][vi], variable.IsCurrent, tol, PointLabel, countVector: true);
            compared++;
        }

        NoteMissing(report, plot, table, analysis, isSweep);
        if (compared == 0)
        {
            report.Mismatches.Add($"{report.Deck}: {analysis} shares no vector with ngspice (ngspice: {string.Join(", ", plot.Variables.Select(x => x.Name))}; CrossbarSim: {string.Join(", ", table.Columns)})");
        }
    }

    /// <summary>
    /// Compares a transient plot at ngspice's time points, CrossbarSim's waveform interpolated
    /// linearly: |a − e| ≤ fraction·max(range, floor).
    /// </summary>
    public static void CompareTransient(ComparisonReport report, RawPlot plot, ResultTable table, ComparisonTolerances tol)
    {
        int timeColumn = table.IndexOf("time");
        if (timeColumn < 0)
        {
            report.Mismatches.Add($"{report.Deck}: CrossbarSim's tran table has no 'time' column");
            return;
        }

        double[] ourTime = table.Column("time");
        double[] refTime = plot.Column(0);
        if (ourTime.Length == 0 || refTime.Length == 0)
        {
            report.Mismatches.Add($"{report.Deck}: tran is empty (CrossbarSim {ourTime.Length} points, ngspice {refTime.Length})");
            return;
        }

        double span = Math.Max(refTime[^1] - refTime[0], double.Epsilon);
        double slack = 1e-9 * span;
        if (ourTime[0] > refTime[0] + slack || ourTime[^1] < refTime[^1] - slack)
        {
            report.Mismatches.Add($"{report.Deck}: tran covers {Format(ourTime[0])}..{Format(ourTime[^1])} s in CrossbarSim but {Format(refTime[0])}..{Format(refTime[^1])} s in ngspice");
        }

        int compared = 0;
        for (int v = 1; v < plot.Variables.Count; v++)
        {
            RawVariable variable = plot.Variables[v];
            int column = table.IndexOf(variable.Name);
            if (column < 0)
            {
                report.Notes.Add($"tran: {variable.Name} is saved by ngspice but not in CrossbarSim's table");
                continue;
            }

            double[] expected = plot.Column(v);
            double[] ours = table.Column(variable.Name);
            double max = expected.Max();
            double min = expected.Min();
            double maxAbs = Math.Max(Math.Abs(max), Math.Abs(min));
            double rangeFloor = Math.Max(1e-3 * maxAbs, variable.IsCurrent ? tol.TransientCurrentRangeFloor : tol.TransientVoltageRangeFloor);
            double range = max - min;
            double allowed = tol.TransientFraction * Math.Max(range, rangeFloor);

            int failures = 0;
            int first = -1;
            int worst = -1;
            double worstError = 0;
            double worstActual = 0;
            double firstActual = 0;
            for (int r = 0; r < refTime.Length; r++)
            {
                double a = Interpolate(ourTime, ours, refTime[r]);
                double error = Math.Abs(a - expected[r]);
                int row = r;
                report.Track(error / allowed, () => $"tran {variable.Name} at t={Format(refTime[row])} s");
                if (!(error <= allowed))
                {
                    failures++;
                    if (first < 0)
                    {
                        first = r;
                        firstActual = a;
                    }

                    if (worst < 0 || error > worstError || double.IsNaN(error))
                    {
                        worst = r;
                        worstError = error;
                        worstActual = a;
                    }
                }
            }

            compared++;
            report.VectorsCompared++;
            if (failures > 0)
            {
                report.Mismatches.Add(
                    $"{report.Deck}: tran {variable.Name}: {failures} of {refTime.Length} points off by more than {Format(allowed)} " +
                    $"({Format(tol.TransientFraction * 100)}% of range {Format(Math.Max(range, rangeFloor))}); " +
                    $"first at t={Format(refTime[first])} s: CrossbarSim {Format(firstActual)}, ngspice {Format(expected[first])}; " +
                    $"worst at t={Format(refTime[worst])} s: CrossbarSim {Format(worstActual)}, ngspice {Format(expected[worst])}");
            }
        }

        NoteMissing(report, plot, table, "tran", isSweep: true);
        if (compared == 0)
        {
            report.Mismatches.Add($"{report.Deck}: tran shares no vector with ngspice (ngspice: {string.Join(", ", plot.Variables.Select(x => x.Name))}; CrossbarSim: {string.Join(", ", table.Columns)})");
        }
    }

    /// <summary>
    /// Linear interpolation of (x, y) at <paramref name="at"/>; x ascending (repeated values
    /// allowed: the later one wins). Outside the range the end value is returned.
    /// </summary>
    public static double Interpolate(IReadOnlyList<double> x, IReadOnlyList<double> y, double at)
    {
        int n = x.Count;
        if (at <= x[0])
        {
            return y[0];
        }

        if (at >= x[n - 1])
        {
            return y[n - 1];
        }

        // Largest index lo with x[lo] <= at.
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= at)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double dx = x[hi] - x[lo];
        if (dx <= 0)
        {
            return y[hi];
        }

        double w = (at - x[lo]) / dx;
        return y[lo] + (w * (y[hi] - y[lo]));
    }

    private static void CompareColumn(
        ComparisonReport report,
        string analysis,
        string name,
        int rows,
        Func<int, double> actual,
        Func<int, double> expected,
        bool isCurrent,
        ComparisonTolerances tol,
        Func<int, string> pointLabel,
        bool countVector)
    {
        double floor = isCurrent ? tol.CurrentFloor : tol.VoltageFloor;
        int failures = 0;
        int first = -1;
        int worst = -1;
        double worstRatio = 0;
        for (int r = 0; r < rows; r++)
        {
            double a = actual(r);
            double e = expected(r);
            double allowed = (tol.Relative * Math.Max(Math.Abs(a), Math.Abs(e))) + floor;
            double error = Math.Abs(a - e);
            int row = r;
            report.Track(error / allowed, () => $"{analysis} {name} at {pointLabel(row)}");
            if (!(error <= allowed))
            {
                failures++;
                if (first < 0)
                {
                    first = r;
                }

                double ratio = double.IsNaN(error) ? double.PositiveInfinity : error / allowed;
                if (worst < 0 || ratio > worstRatio)
                {
                    worst = r;
                    worstRatio = ratio;
                }
            }
        }

        if (countVector)
        {
            report.VectorsCompared++;
        }

        if (failures > 0)
        {
            string Describe(int r)
            {
                double a = actual(r);
                double e = expected(r);
                return $"{pointLabel(r)}: CrossbarSim {Format(a)}, ngspice {Format(e)}, |diff| {Format(Math.Abs(a - e))} > {Format((tol.Relative * Math.Max(Math.Abs(a), Math.Abs(e))) + floor)}";
            }

            string where = failures == 1 || first == worst
                ? $"at {Describe(first)}"
                : $"first at {Describe(first)}; worst at {Describe(worst)}";
            report.Mismatches.Add($"{report.Deck}: {analysis} {name}: {failures} of {rows} points outside tolerance; {where}");
        }
    }

    private static void NoteMissing(ComparisonReport report, RawPlot plot, ResultTable table, string analysis, bool isSweep)
    {
        foreach (string column in table.Columns.Skip(isSweep ? 1 : 0))
        {
            // Outer sweep sources of a nested .dc (bare names) are not vectors in ngspice.
            if (plot.IndexOf(column) < 0 && column.Contains('(', StringComparison.Ordinal))
            {
                report.Notes.Add($"{analysis}: {column} is in CrossbarSim's table but not saved by ngspice");
            }
        }
    }

    private static int FindTable(RawPlot plot, IReadOnlyList<ResultTable> tables, bool[] used, ComparisonTolerances tol)
    {
        int fallback = -1;
        for (int t = 0; t < tables.Count; t++)
        {
            ResultTable table = tables[t];
            if (used[t] || !string.Equals(table.Analysis, plot.Analysis, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (plot.Analysis != "dc")
            {
                return t;
            }

            fallback = fallback < 0 ? t : fallback;
            if (table.Rows.Count == plot.PointCount && table.Columns.Count > 0 && SweepMatches(plot, table, tol))
            {
                return t;
            }
        }

        return fallback;
    }

    private static bool SweepMatches(RawPlot plot, ResultTable table, ComparisonTolerances tol)
    {
        for (int r = 0; r < plot.PointCount; r++)
        {
            double a = table.Rows[r][0];
            double e = plot.Real[r][0];
            if (!(Math.Abs(a - e) <= (tol.Relative * Math.Max(Math.Abs(a), Math.Abs(e))) + 1e-12))
            {
                return false;
            }
        }

        // A voltage sweep (v-sweep) pairs with a V source, a current sweep with an I source.
        string scale = plot.Variables[0].Name;
        char kind = char.ToLowerInvariant(table.Columns[0][0]);
        bool isCurrentSweep = scale.StartsWith("i(", StringComparison.Ordinal) || scale.StartsWith("i-", StringComparison.Ordinal);
        return (kind == 'i') == isCurrentSweep || !(kind is 'v' or 'i');
    }

    private static string Format(double value) => value.ToString("G7", CultureInfo.InvariantCulture);
}
