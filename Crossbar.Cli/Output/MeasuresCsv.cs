using Crossbar.Circuit.Measurements;

namespace Crossbar.Cli.Output;

/// <summary>
/// measures.csv: one row per evaluated <c>.measure</c>, with columns <c>name, value, analysis, ok</c> (a failed
/// measurement has an empty value and <c>ok = false</c>), after any leading <c>.step</c> columns.
/// </summary>
public static class MeasuresCsv
{
    /// <summary>File name in the output folder.</summary>
    public const string FileName = "measures.csv";

    /// <summary>The columns after the step columns.</summary>
    public static readonly IReadOnlyList<string> Header = ["name", "value", "analysis", "ok"];

    /// <summary>One row: the step values, then name, value (empty when failed), analysis, ok.</summary>
    public static object[] Row(IReadOnlyList<double> steps, MeasureResult result) =>
        [.. steps.Select(s => (object)s), result.Name, result.Ok ? result.Value : string.Empty, result.Analysis, result.Ok];

    /// <summary>Prints each result as ngspice does (<c>name                =  1.234567e-06 …</c>, or <c>name: failed</c>) to
    /// stdout, and the reason of each failure to stderr.</summary>
    public static void Print(IEnumerable<MeasureResult> results)
    {
        foreach (MeasureResult result in results)
        {
            Console.Out.WriteLine(result.ToNgspiceLine());
            if (result.Error is { } error)
            {
                Console.Error.WriteLine($"warning: measure {result.Name} ({result.Analysis}) failed: {error}");
            }
        }
    }
}
