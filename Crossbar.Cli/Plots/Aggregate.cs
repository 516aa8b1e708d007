namespace Crossbar.Cli.Plots;

/// <summary>How the rows that share an x value and a series (typically the seeds of one sweep point) are reduced to one point.</summary>
public enum Aggregation
{
    /// <summary>Arithmetic mean.</summary>
    Mean,

    /// <summary>Median (mean of the two middle values for an even count).</summary>
    Median,
}

/// <summary>The spread drawn around each aggregated point.</summary>
public enum SpreadBand
{
    /// <summary>Centre ± the sample standard deviation (n − 1; zero for a single value).</summary>
    Std,

    /// <summary>From the smallest to the largest value.</summary>
    MinMax,

    /// <summary>No band.</summary>
    None,
}

/// <summary>One aggregated point: the centre, the band drawn around it, the extremes and the number of values.</summary>
/// <param name="Center">Mean or median.</param>
/// <param name="Low">Lower edge of the band (the centre when there is no band).</param>
/// <param name="High">Upper edge of the band (the centre when there is no band).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Count">Number of values.</param>
public readonly record struct Summary(double Center, double Low, double High, double Min, double Max, int Count);

/// <summary>One group of rows (same x, same series) and its summary.</summary>
/// <param name="X">The x value (a category's index for a categorical axis).</param>
/// <param name="Series">The series value (empty without a series column).</param>
/// <param name="Summary">The aggregated values.</param>
public readonly record struct GroupSummary(double X, string Series, Summary Summary);

/// <summary>The aggregation arithmetic of plots, kept pure (no I/O, no plotting) so it is tested on its own.</summary>
public static class Aggregate
{
    /// <summary>Summarises values: the centre by <paramref name="aggregation"/>, the band by <paramref name="band"/>.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <param name="aggregation">Mean or median.</param>
    /// <param name="band">Spread band.</param>
    /// <returns>The summary.</returns>
    public static Summary Summarize(IReadOnlyList<double> values, Aggregation aggregation, SpreadBand band)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("no values to aggregate", nameof(values));
        }

        double[] sorted = [.. values.OrderBy(v => v)];
        int n = sorted.Length;
        double mean = sorted.Average();
        double center = aggregation == Aggregation.Median
            ? (n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]))
            : mean;
        double min = sorted[0], max = sorted[^1];
        double std = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0.0;
        return band switch
        {
            SpreadBand.Std => new Summary(center, center - std, center + std, min, max, n),
            SpreadBand.MinMax => new Summary(center, min, max, min, max, n),
            _ => new Summary(center, center, center, min, max, n),
        };
    }

    /// <summary>Groups rows by (x, series) and summarises each group; groups come out by series (first appearance) then ascending x.</summary>
    /// <param name="rows">The rows: x, series, y (finite).</param>
    /// <param name="aggregation">Mean or median.</param>
    /// <param name="band">Spread band.</param>
    /// <returns>One summary per group.</returns>
    public static IReadOnlyList<GroupSummary> Groups(IEnumerable<(double X, string Series, double Y)> rows, Aggregation aggregation, SpreadBand band)
    {
        var order = new List<string>();
        var groups = new Dictionary<(string Series, double X), List<double>>();
        foreach (var (x, series, y) in rows)
        {
            if (!groups.TryGetValue((series, x), out var list))
            {
                list = [];
                groups[(series, x)] = list;
                if (!order.Contains(series, StringComparer.Ordinal))
                {
                    order.Add(series);
                }
            }

            list.Add(y);
        }

        return groups
            .OrderBy(g => order.IndexOf(g.Key.Series))
            .ThenBy(g => g.Key.X)
            .Select(g => new GroupSummary(g.Key.X, g.Key.Series, Summarize(g.Value, aggregation, band)))
            .ToList();
    }
}
