namespace Crossbar.Circuit.Netlists;

/// <summary>A chain of parameter dictionaries: a subcircuit's own parameters, then the enclosing ones, then the global <c>.param</c>s.</summary>
internal sealed class ParameterScope(ParameterScope? parent)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);

    public ParameterScope? Parent { get; } = parent;

    public void Set(string name, double value) => _values[name] = value;

    public double? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._values.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Evaluates a card value in this scope (expressions are re-evaluated; plain numbers pass through).</summary>
    public ParamValue Evaluate(ParamValue value, SourceLocation location) =>
        value.Expression is null ? value : new ParamValue(ExpressionEvaluator.Evaluate(value.Expression, Lookup, location), value.Expression);
}
