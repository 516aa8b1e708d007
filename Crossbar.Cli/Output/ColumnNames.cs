namespace Crossbar.Cli.Output;

/// <summary>
/// The one naming rule for CSV columns: a quantity whose unit is not in its name gets it as a suffix
/// (<c>time_s</c>, <c>frequency_Hz</c>), in every file; node voltages and branch currents keep the SPICE names
/// <c>v(node)</c> and <c>i(vname)</c>, whose units (V, A) the name says.
/// </summary>
public static class ColumnNames
{
    /// <summary>The CSV name of an analysis column (<c>time</c> → <c>time_s</c>, <c>frequency</c> → <c>frequency_Hz</c>; others as they are).</summary>
    public static string ForCsv(string column) => column switch
    {
        "time" => "time_s",
        "frequency" => "frequency_Hz",
        _ => column,
    };

    /// <summary>The CSV names of a table's columns.</summary>
    public static IReadOnlyList<string> ForCsv(IEnumerable<string> columns) => [.. columns.Select(ForCsv)];
}
