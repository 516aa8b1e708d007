namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A chain of parameter and user-function (<c>.func</c>) dictionaries: a subcircuit's own, then the
/// enclosing ones, then the global ones.
/// </summary>
internal sealed class ParameterScope(ParameterScope? parent)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, UserFunction>? _functions;

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
