namespace Crossbar.Cli.Plots;

/// <summary>What <c>crossbar plot</c> draws from a results table: y against x, one line per series value, rows sharing (x, series) aggregated.</summary>
public sealed record AggregatePlotSpec
{
    /// <summary>Column on the x axis (numeric, or categorical when any cell is not a number).</summary>
    public required string X { get; init; }

    /// <summary>Column on the y axis (numeric).</summary>
    public required string Y { get; init; }

    /// <summary>Column whose values split the rows into lines; null for one line.</summary>
    public string? Series { get; init; }

    /// <summary>Row filters: keep rows whose column equals the value (as text, or as numbers when both are numbers).</summary>
    public IReadOnlyList<(string Column, string Value)> Where { get; init; } = [];

    /// <summary>Logarithmic x axis (rows with x ≤ 0 skipped).</summary>
    public bool LogX { get; init; }

    /// <summary>Logarithmic y axis (rows with y ≤ 0 skipped).</summary>
    public bool LogY { get; init; }

    /// <summary>How rows sharing (x, series) are reduced.</summary>
    public Aggregation Aggregation { get; init; } = Aggregation.Mean;

    /// <summary>The spread drawn around each point.</summary>
    public SpreadBand Band { get; init; } = SpreadBand.Std;

    /// <summary>Keep rows whose <c>status</c> column is not <c>ok</c> (excluded by default).</summary>
    public bool IncludeFailed { get; init; }

    /// <summary>Plot title; null for "y vs x".</summary>
    public string? Title { get; init; }
}
