using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>
/// The vectors one analysis produced that its measures read: the scale (time, the first swept source, frequency; none
/// for op) and each measured column, as recorded by <see cref="MeasureRecorder"/>.
/// </summary>
public sealed class MeasureData
{
    private readonly IReadOnlyDictionary<string, double[]> _columns;

    /// <summary>Creates the data of one analysis.</summary>
    /// <param name="analysis">op, dc, tran or ac.</param>
    /// <param name="scale">Scale values, one per point (for op a single 0).</param>
    /// <param name="columns">Recorded columns by result-table column name (case-insensitive).</param>
    public MeasureData(string analysis, double[] scale, IReadOnlyDictionary<string, double[]> columns)
    {
        Analysis = analysis;
        Scale = scale;
        _columns = columns;
    }

    /// <summary>op, dc, tran or ac.</summary>
    public string Analysis { get; }

    /// <summary>The scale (time, sweep value or frequency) of every point.</summary>
    public double[] Scale { get; }

    /// <summary>Number of points.</summary>
    public int Count => Scale.Length;

    /// <summary>
    /// The values of a measured vector at every point, or null when the analysis did not produce it. AC tables hold
    /// magnitude (<c>vm</c>) and phase in degrees (<c>vp</c>); the other parts are computed from them, and the phase a
    /// measure sees is in radians, as in ngspice 39's <c>.meas</c>.
    /// </summary>
    public double[]? Values(MeasureVector vector)
    {
        string column = vector.Vector.ColumnName;
        if (Analysis != "ac")
        {
            return _columns.GetValueOrDefault(column);
        }

        string suffix = column[1..];
        if (_columns.GetValueOrDefault($"{column[0]}m{suffix}") is not { } magnitude
            || _columns.GetValueOrDefault($"{column[0]}p{suffix}") is not { } phase)
        {
            return null;
        }

        var values = new double[magnitude.Length];
        for (int k = 0; k < values.Length; k++)
        {
            double radians = phase[k] * Math.PI / 180;
            values[k] = vector.Part switch
            {
                'm' => magnitude[k],
                'p' => radians,
                'd' => 20 * Math.Log10(magnitude[k]),
                'i' => magnitude[k] * Math.Sin(radians),
                _ => magnitude[k] * Math.Cos(radians),
            };
        }

        return values;
    }

    /// <summary>The result-table columns a vector is read from in an analysis (two for ac: magnitude and phase).</summary>
    public static IEnumerable<string> ColumnsOf(string analysis, MeasureVector vector)
    {
        string column = vector.Vector.ColumnName;
        return analysis == "ac" ? [$"{column[0]}m{column[1..]}", $"{column[0]}p{column[1..]}"] : [column];
    }
}
