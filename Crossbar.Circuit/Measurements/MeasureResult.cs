using System.Globalization;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Measurements;

/// <summary>A labelled number printed after a measure's value (<c>targ=</c>, <c>trig=</c>, <c>from=</c>, <c>to=</c>, <c>at=</c>).</summary>
/// <param name="Label">The label without <c>=</c>.</param>
/// <param name="Value">The number.</param>
public readonly record struct MeasureDetail(string Label, double Value);

/// <summary>The outcome of one <c>.measure</c> card on one analysis: its value, or why it failed.</summary>
/// <param name="Name">The measure's name, lower case.</param>
/// <param name="Analysis">op, dc, tran or ac.</param>
/// <param name="Kind">What was measured.</param>
/// <param name="Value">The result (NaN when it failed).</param>
/// <param name="Details">What ngspice prints after the value (targ/trig, from/to, at).</param>
/// <param name="Error">Why the measurement failed, or null.</param>
public sealed record MeasureResult(string Name, string Analysis, MeasureKind Kind, double Value, IReadOnlyList<MeasureDetail> Details, string? Error)
{
    /// <summary>Whether a value was measured.</summary>
    public bool Ok => Error is null;

    /// <summary>A failed measurement.</summary>
    public static MeasureResult Failed(MeasureCard card, string error) => new(card.Name, card.Analysis, card.Kind, double.NaN, [], error);

    /// <summary>
    /// The line ngspice 39 prints for the result (<c>name                =  1.234567e-06</c>, with <c>targ=</c>/<c>trig=</c>,
    /// <c>from=</c>/<c>to=</c> or <c>at=</c> after it; WHEN, RMS, INTEG and PARAM with five decimals as ngspice does),
    /// or <c>name: failed</c>.
    /// </summary>
    public string ToNgspiceLine()
    {
        if (!Ok)
        {
            return $"{Name}: failed";
        }

        bool fiveDigits = Kind is MeasureKind.When or MeasureKind.Rms or MeasureKind.Integral or MeasureKind.Param;
        string gap = Kind is MeasureKind.When or MeasureKind.Rms or MeasureKind.Integral ? "=   " : "=  ";
        var line = new System.Text.StringBuilder();
        line.Append(Name.PadRight(20)).Append(gap).Append(Format(Value, fiveDigits));
        foreach (MeasureDetail detail in Details)
        {
            line.Append(' ').Append(detail.Label).Append("=  ").Append(Format(detail.Value, fiveDigits));
        }

        return line.ToString();
    }

    /// <summary>C's <c>%.6e</c> (or <c>%.5e</c>): mantissa, then an exponent of at least two digits with its sign.</summary>
    private static string Format(double value, bool fiveDigits) =>
        value.ToString(fiveDigits ? "0.00000e+00" : "0.000000e+00", CultureInfo.InvariantCulture);
}
