namespace Crossbar.Circuit.Netlists;

/// <summary>An output vector: <c>v(node)</c>, <c>v(a,b)</c>, <c>i(vsource)</c>, or <see cref="All"/>.</summary>
/// <param name="Kind">'v', 'i', or '*' for <see cref="All"/>.</param>
/// <param name="Node">Node (for v) or voltage source name (for i).</param>
/// <param name="Reference">Second node of a differential v(a,b), or null.</param>
public sealed record OutputVector(char Kind, string Node, string? Reference = null)
{
    /// <summary>
    /// The word <c>all</c> of <c>.save all</c> and <c>.print tran all</c>: every top-level node voltage and voltage-source
    /// current, at its place in the list (ngspice's meaning).
    /// </summary>
    public static OutputVector All { get; } = new('*', "all");

    /// <summary>Column name, lower case as SPICE prints it: <c>v(out)</c>, <c>v(a,b)</c>, <c>i(vin)</c>; <c>all</c> for <see cref="All"/>.</summary>
    public string ColumnName => Kind == '*' ? "all"
        : Reference is null
        ? $"{Kind}({Node.ToLowerInvariant()})"
        : $"{Kind}({Node.ToLowerInvariant()},{Reference.ToLowerInvariant()})";
}

/// <summary><c>.print</c>/<c>.plot</c> line: an analysis type (op, dc, tran, ac) and vectors.</summary>
public sealed record PrintCard(string Analysis, IReadOnlyList<OutputVector> Vectors)
{
    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;
}

/// <summary>A <c>.options</c> entry: a name with a number, a word (<c>method=gear</c>), or a bare flag.</summary>
public sealed record OptionCard(string Name, double? Value, string? Text)
{
    /// <summary>Where the card was read from.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Generated;
}

/// <summary>A <c>.param name = value</c> definition (value evaluated, expression kept).</summary>
public sealed record ParameterCard(string Name, ParamValue Value);
