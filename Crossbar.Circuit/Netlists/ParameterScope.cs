namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A chain of parameter and user-function (<c>.func</c>) dictionaries: a subcircuit's own, then the
/// enclosing ones, then the global ones.
/// </summary>
internal sealed class ParameterScope(ParameterScope? parent)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, UserFunction>? _functions;
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

    /// <summary>Defines a user function in this scope (a later definition of the same name replaces it).</summary>
    public void Define(UserFunction function) => (_functions ??= new(StringComparer.OrdinalIgnoreCase))[function.Name] = function;

    /// <summary>The user function of that name in this scope or an enclosing one, or null.</summary>
    public UserFunction? Function(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._functions is { } functions && functions.TryGetValue(name, out var function))
            {
                return function;
            }
        }

        return null;
    }

    /// <summary>Whether any user function is visible from this scope.</summary>
    public bool HasFunctions
    {
        get
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope._functions is { Count: > 0 })
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Evaluates an expression in this scope. The text kept with the value is the expression with
    /// user functions inlined, so that it reads the same where the <c>.func</c> is not visible
    /// (the writer's output, a flattened subcircuit).
    /// </summary>
    public ParamValue Evaluate(string text, SourceLocation location)
    {
        var tree = BehavioralExpression.Parse(text, location, HasFunctions ? Function : null, out var inlined);
        var value = ExpressionEvaluator.Evaluate(tree, text, Lookup, location);
        return new ParamValue(value, inlined ? BehavioralExpression.Print(tree) : text);
    }

    /// <summary>Evaluates a card value in this scope (expressions are re-evaluated; plain numbers pass through).</summary>
    public ParamValue Evaluate(ParamValue value, SourceLocation location) =>
        value.Expression is null ? value : new ParamValue(ExpressionEvaluator.Evaluate(value.Expression, Lookup, location), value.Expression);
}
