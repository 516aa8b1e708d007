namespace Crossbar.Circuit.Netlists;

/// <summary>What a <c>.step</c> card varies.</summary>
public enum StepTarget
{
    /// <summary><c>.step param name …</c>: a global <c>.param</c> (its dependants are re-evaluated).</summary>
    Parameter,

    /// <summary><c>.step vname …</c>: the DC value of an independent voltage or current source.</summary>
    Source,

    /// <summary><c>.step model(param) …</c>: a parameter of a <c>.model</c> card.</summary>
    Model,
}

/// <summary>
/// A <c>.step</c> card (LTspice syntax; ngspice has none): <c>.step param r list 1k 2k 5k</c>,
/// <c>.step param r 1k 5k 1k</c>, <c>.step vin 0 1 0.5</c>, <c>.step dmod(is) list 1e-14 1e-13</c>. The deck's analyses
/// run once per value (per combination, the last card varying fastest: <see cref="Engine.StepPoint.All"/>).
/// </summary>
/// <param name="Target">What is varied.</param>
/// <param name="Name">Parameter, source or model name, as written.</param>
/// <param name="ModelParameter">The model parameter (lower case) for <see cref="StepTarget.Model"/>, else null.</param>
/// <param name="Values">The values, in order.</param>
public sealed record StepCard(StepTarget Target, string Name, string? ModelParameter, IReadOnlyList<double> Values)
{
    /// <summary>The card as written (continuation lines joined), printed back by the writer.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;

    /// <summary>Column name of the stepped value in result files: <c>step_r</c>, <c>step_vin</c>, <c>step_dmod_is</c>.</summary>
    public string ColumnName => Target == StepTarget.Model
        ? $"step_{Name.ToLowerInvariant()}_{ModelParameter}"
        : $"step_{Name.ToLowerInvariant()}";

    /// <summary>Whether two cards vary the same thing.</summary>
    public bool SameTarget(StepCard other) =>
        Target == other.Target && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && ModelParameter == other.ModelParameter;

    /// <summary>Value equality over the values' contents (a record compares lists by reference).</summary>
    public bool Equals(StepCard? other) =>
        other is not null && SameTarget(other) && Values.SequenceEqual(other.Values) && Text == other.Text && Location == other.Location;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Target, Name.ToLowerInvariant(), ModelParameter, Values.Count);
}
