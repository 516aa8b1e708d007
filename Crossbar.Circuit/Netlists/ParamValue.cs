namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A numeric value of a card: the evaluated number, and the <c>{expression}</c> it came from
/// when it was written as one (kept so the writer prints the expression back and subcircuit
/// flattening can re-evaluate it with instance parameters).
/// </summary>
/// <param name="Value">Evaluated value in SI units.</param>
/// <param name="Expression">Expression text without braces, or null for a plain number.</param>
public readonly record struct ParamValue(double Value, string? Expression = null)
{
    /// <summary>Plain number.</summary>
    public static implicit operator ParamValue(double value) => new(value);

    /// <summary>Same as the implicit conversion, for languages without it.</summary>
    public static ParamValue FromDouble(double value) => new(value);
}
