namespace Crossbar.Circuit.Netlists;

/// <summary>A chain of parameter dictionaries: a subcircuit's own parameters, then the enclosing ones, then the global <c>.param</c>s.</summary>
internal sealed class ParameterScope(ParameterScope? parent)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, double>? _pinned;

    public ParameterScope? Parent { get; } = parent;

    /// <summary>Sets a value, unless the name is pinned (<see cref="Pin"/>).</summary>
    public void Set(string name, double value)
    {
        if (_pinned is null || !_pinned.ContainsKey(name))
        {
            _values[name] = value;
        }
    }

    /// <summary>Fixes a value that later <c>.param</c> cards do not change (a <c>.step param</c> value).</summary>
    public void Pin(string name, double value)
    {
        (_pinned ??= new(StringComparer.OrdinalIgnoreCase))[name] = value;
        _values[name] = value;
    }

    /// <summary>The pinned value of a name, or null.</summary>
    public double? Pinned(string name) => _pinned is not null && _pinned.TryGetValue(name, out var value) ? value : null;

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
