namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Evaluates expressions of the one expression language (<see cref="BehavioralExpression"/>) to a
/// number: the text inside <c>{...}</c> and <c>.param</c> values, with names resolved to parameter
/// values. The operators and functions are those of B sources, with the same semantics
/// (<see cref="ExpressionFunctions"/>); <c>v()</c>, <c>i()</c> and <c>time</c> have no value here.
/// </summary>
/// <remarks>
/// A result that is not finite (division by zero, sqrt of a negative number) is an error, reported
/// at the operator or function. A conditional evaluates only the branch it takes, so
/// <c>x &gt; 0 ? sqrt(x) : 0</c> is fine for negative x.
/// </remarks>
public static class ExpressionEvaluator
{
    /// <summary>Evaluates an expression with parameters from a dictionary.</summary>
    /// <param name="expression">Expression text without braces.</param>
    /// <param name="parameters">Parameter values by name (the caller chooses the comparer; SPICE names are case-insensitive).</param>
    /// <param name="location">Location of the first character of <paramref name="expression"/>, for errors.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown parameter or function, non-finite result.</exception>
    public static double Evaluate(string expression, IReadOnlyDictionary<string, double> parameters, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Evaluate(expression, name => parameters.TryGetValue(name, out var v) ? v : null, location);
    }

    /// <summary>Evaluates an expression, resolving parameter names through a callback.</summary>
    /// <param name="expression">Expression text without braces.</param>
    /// <param name="lookup">Returns a parameter's value, or null when it is not defined.</param>
    /// <param name="location">Location of the first character of <paramref name="expression"/>, for errors.</param>
    /// <param name="functions">Finds a user function (<c>.func</c>) by name, or null when there are none.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown parameter or function, non-finite result.</exception>
    public static double Evaluate(string expression, Func<string, double?> lookup, SourceLocation? location = null, Func<string, UserFunction?>? functions = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(lookup);
        var origin = location ?? new SourceLocation("<expression>", 1, 1);
        var tree = BehavioralExpression.Parse(expression, origin, functions, out _);
        return Evaluate(tree, expression, lookup, origin);
    }

    /// <summary>Evaluates a parsed expression.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="expression">The text it was parsed from (for errors).</param>
    /// <param name="lookup">Returns a parameter's value, or null when it is not defined.</param>
    /// <param name="location">Location of the text's first character, for errors.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NetlistException">Unknown parameter, a circuit quantity, non-finite result.</exception>
    public static double Evaluate(BehavioralNode tree, string expression, Func<string, double?> lookup, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(lookup);
        var evaluator = new Evaluator(expression, lookup, location);
        return evaluator.Check(evaluator.Value(tree), 0, "expression");
    }

    private sealed class Evaluator(string text, Func<string, double?> lookup, SourceLocation origin)
    {
        public double Value(BehavioralNode node)
        {
            switch (node)
            {
                case BehavioralNumber n:
                    return n.Value;
                case BehavioralName n:
                    return lookup(n.Name)
                        ?? (n.Name.Equals("pi", StringComparison.OrdinalIgnoreCase) ? Math.PI
                        : throw Error(n.Offset, ExpressionErrors.UnknownName(n.Name, text, circuit: false)));
                case BehavioralVoltage or BehavioralCurrent:
                    throw Error(node.Offset, $"{BehavioralExpression.Print(node)} in expression '{text}': node voltages and branch currents are known only to B sources and E/G VALUE=, not to .param or {{...}} values");
                case BehavioralNegate u:
                    return -Value(u.Operand);
                case BehavioralNot u:
                    return Value(u.Operand) == 0 ? 1 : 0;
                case BehavioralBinary b:
                    return Binary(b);
                case BehavioralComparison b:
                    return Compare(b.Operator, Value(b.Left), Value(b.Right)) ? 1 : 0;
                case BehavioralLogical b:
                {
                    bool left = Value(b.Left) != 0;
                    bool right = Value(b.Right) != 0;
                    return (b.Operator == '&' ? left && right : left || right) ? 1 : 0;
                }

                case BehavioralConditional c:
                    return Value(c.Condition) != 0 ? Value(c.WhenTrue) : Value(c.WhenFalse);
                case BehavioralCall f:
                    return Call(f);
                default:
                    throw new ArgumentException($"unknown expression node {node.GetType().Name}", nameof(node));
            }
        }

        private double Binary(BehavioralBinary b)
        {
            double a = Value(b.Left);
            double c = Value(b.Right);
            switch (b.Operator)
            {
                case '+':
                    return a + c;
                case '-':
                    return a - c;
                case '*':
                    return a * c;
                case '/':
                    return c == 0 ? throw Error(b.Offset, $"division by zero in expression '{text}'") : Check(a / c, b.Offset, "division");
                default:
                    return Check(ExpressionFunctions.Power(false, a, c).Value, b.Offset, "power");
            }
        }

        private double Call(BehavioralCall f)
        {
            ExpressionFunctions.TryFind(f.Function, out var function, out _, out _);
            double result;
            switch (function)
            {
                case ExpressionFunction.Pow or ExpressionFunction.Pwr:
                    result = ExpressionFunctions.Power(function == ExpressionFunction.Pwr, Value(f.Arguments[0]), Value(f.Arguments[1])).Value;
                    break;
                case ExpressionFunction.Min:
                    result = f.Arguments.Min(Value);
                    break;
                case ExpressionFunction.Max:
                    result = f.Arguments.Max(Value);
                    break;
                case ExpressionFunction.Limit:
                    result = Math.Min(Math.Max(Value(f.Arguments[0]), Value(f.Arguments[1])), Value(f.Arguments[2]));
                    break;
                default:
                    result = ExpressionFunctions.Apply(function, Value(f.Arguments[0])).Value;
                    break;
            }

            return Check(result, f.Offset, f.Function + "()");
        }

        public double Check(double value, int at, string what) =>
            double.IsFinite(value) ? value : throw Error(at, ExpressionErrors.NotFinite(what, value, text));

        private NetlistException Error(int offset, string message) =>
            new(origin with { Column = origin.Column + offset }, message);
    }

    /// <summary>A comparison of the language (<c>&lt; &lt;= &gt; &gt;= == !=</c>).</summary>
    /// <param name="op">The operator.</param>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>Whether it holds.</returns>
    public static bool Compare(string op, double a, double b) => op switch
    {
        "<" => a < b,
        "<=" => a <= b,
        ">" => a > b,
        ">=" => a >= b,
        "==" => a == b,
        "!=" => a != b,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };
}
