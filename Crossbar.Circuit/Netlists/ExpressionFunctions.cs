namespace Crossbar.Circuit.Netlists;

/// <summary>A built-in function of the expression language.</summary>
public enum ExpressionFunction
{
    /// <summary>|x|.</summary>
    Abs,

    /// <summary>√x.</summary>
    Sqrt,

    /// <summary>eˣ.</summary>
    Exp,

    /// <summary>Natural logarithm (<c>ln</c> and <c>log</c>).</summary>
    Ln,

    /// <summary>Base-10 logarithm.</summary>
    Log10,

    /// <summary>sin x.</summary>
    Sin,

    /// <summary>cos x.</summary>
    Cos,

    /// <summary>tan x.</summary>
    Tan,

    /// <summary>asin x.</summary>
    Asin,

    /// <summary>acos x.</summary>
    Acos,

    /// <summary>atan x.</summary>
    Atan,

    /// <summary>sinh x.</summary>
    Sinh,

    /// <summary>cosh x.</summary>
    Cosh,

    /// <summary>tanh x.</summary>
    Tanh,

    /// <summary>asinh x.</summary>
    Asinh,

    /// <summary>acosh x (x ≥ 1).</summary>
    Acosh,

    /// <summary>atanh x (|x| &lt; 1).</summary>
    Atanh,

    /// <summary>Sign: −1, 0 or 1.</summary>
    Sgn,

    /// <summary>Unit step <c>u(x)</c>: 0 below 0, ½ at 0, 1 above.</summary>
    Step,

    /// <summary>Ramp <c>uramp(x)</c> = max(x, 0).</summary>
    Ramp,

    /// <summary>Largest integer ≤ x.</summary>
    Floor,

    /// <summary>Smallest integer ≥ x.</summary>
    Ceil,

    /// <summary>x truncated toward zero.</summary>
    Int,

    /// <summary>Nearest integer, halves to even.</summary>
    Nint,

    /// <summary><c>pow(x,y)</c> = |x|^y (also <c>x^y</c> and <c>x**y</c>).</summary>
    Pow,

    /// <summary><c>pwr(x,y)</c> = sgn(x)·|x|^y.</summary>
    Pwr,

    /// <summary>Smallest argument.</summary>
    Min,

    /// <summary>Largest argument.</summary>
    Max,

    /// <summary><c>limit(x, lo, hi)</c> = min(max(x, lo), hi).</summary>
    Limit,
}

/// <summary>
/// The built-in functions of the one expression language (<c>.param</c>, <c>{…}</c>, B sources and
/// E/G <c>VALUE=</c>): their names, argument counts, values and derivatives. Every evaluator (the
/// parameter evaluator and the compiled behavioural function) takes its semantics from here.
/// </summary>
/// <remarks>
/// Semantics are ngspice 39 B-source semantics, measured with ngspice 39.3 (decks in
/// <c>docs/expressions.md</c>): <c>x^y</c> and <c>pow(x,y)</c> are |x|^y (v(x)=−3: <c>v(x)^3</c> = 27),
/// <c>pwr(x,y)</c> = sgn(x)·|x|^y (−27), <c>u(0)</c> = 0.5, <c>int</c> truncates (int(−2.7) = −2),
/// <c>nint</c> rounds halves to even (nint(2.5) = 2, nint(−2.5) = −2, nint(3.5) = 4). Domain errors
/// (sqrt or a logarithm of a negative number, asin of 2) give NaN, which the evaluators report.
/// Derivatives are those of the branch taken; step-like functions (sgn, u, floor, ceil, int, nint)
/// have derivative 0.
/// </remarks>
public static class ExpressionFunctions
{
    private static readonly Dictionary<string, (ExpressionFunction Function, int Min, int Max)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["abs"] = (ExpressionFunction.Abs, 1, 1),
        ["sqrt"] = (ExpressionFunction.Sqrt, 1, 1),
        ["exp"] = (ExpressionFunction.Exp, 1, 1),
        ["ln"] = (ExpressionFunction.Ln, 1, 1),
        ["log"] = (ExpressionFunction.Ln, 1, 1),
        ["log10"] = (ExpressionFunction.Log10, 1, 1),
        ["sin"] = (ExpressionFunction.Sin, 1, 1),
        ["cos"] = (ExpressionFunction.Cos, 1, 1),
        ["tan"] = (ExpressionFunction.Tan, 1, 1),
        ["asin"] = (ExpressionFunction.Asin, 1, 1),
        ["acos"] = (ExpressionFunction.Acos, 1, 1),
        ["atan"] = (ExpressionFunction.Atan, 1, 1),
        ["arctan"] = (ExpressionFunction.Atan, 1, 1),
        ["sinh"] = (ExpressionFunction.Sinh, 1, 1),
        ["cosh"] = (ExpressionFunction.Cosh, 1, 1),
        ["tanh"] = (ExpressionFunction.Tanh, 1, 1),
        ["asinh"] = (ExpressionFunction.Asinh, 1, 1),
        ["acosh"] = (ExpressionFunction.Acosh, 1, 1),
        ["atanh"] = (ExpressionFunction.Atanh, 1, 1),
        ["sgn"] = (ExpressionFunction.Sgn, 1, 1),
        ["u"] = (ExpressionFunction.Step, 1, 1),
        ["uramp"] = (ExpressionFunction.Ramp, 1, 1),
        ["floor"] = (ExpressionFunction.Floor, 1, 1),
        ["ceil"] = (ExpressionFunction.Ceil, 1, 1),
        ["int"] = (ExpressionFunction.Int, 1, 1),
        ["nint"] = (ExpressionFunction.Nint, 1, 1),
        ["pow"] = (ExpressionFunction.Pow, 2, 2),
        ["pwr"] = (ExpressionFunction.Pwr, 2, 2),
        ["min"] = (ExpressionFunction.Min, 2, int.MaxValue),
        ["max"] = (ExpressionFunction.Max, 2, int.MaxValue),
        ["limit"] = (ExpressionFunction.Limit, 3, 3),
    };

    /// <summary>The function names, for error messages.</summary>
    public static string Names { get; } = string.Join(' ', Table.Keys);

    /// <summary>Looks up a built-in function by name (case-insensitive).</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="function">The function.</param>
    /// <param name="minArguments">Fewest arguments.</param>
    /// <param name="maxArguments">Most arguments (<see cref="int.MaxValue"/> for min and max).</param>
    /// <returns>True when <paramref name="name"/> is built in.</returns>
    public static bool TryFind(string name, out ExpressionFunction function, out int minArguments, out int maxArguments)
    {
        if (Table.TryGetValue(name, out var entry))
        {
            (function, minArguments, maxArguments) = entry;
            return true;
        }

        (function, minArguments, maxArguments) = (default, 0, 0);
        return false;
    }

    /// <summary>Value and derivative of a one-argument function.</summary>
    /// <param name="function">The function (one of the one-argument ones).</param>
    /// <param name="x">The argument.</param>
    /// <returns>f(x) and f′(x).</returns>
    public static (double Value, double Derivative) Apply(ExpressionFunction function, double x)
    {
        switch (function)
        {
            case ExpressionFunction.Abs:
                return (Math.Abs(x), Math.Sign(x));
            case ExpressionFunction.Sqrt:
            {
                double r = Math.Sqrt(x);
                return (r, 0.5 / r);
            }

            case ExpressionFunction.Exp:
            {
                double e = Math.Exp(x);
                return (e, e);
            }

            case ExpressionFunction.Ln:
                return (Math.Log(x), 1 / x);
            case ExpressionFunction.Log10:
                return (Math.Log10(x), 1 / (x * Math.Log(10)));
            case ExpressionFunction.Sin:
                return (Math.Sin(x), Math.Cos(x));
            case ExpressionFunction.Cos:
                return (Math.Cos(x), -Math.Sin(x));
            case ExpressionFunction.Tan:
            {
                double t = Math.Tan(x);
                return (t, 1 + (t * t));
            }

            case ExpressionFunction.Asin:
                return (Math.Asin(x), 1 / Math.Sqrt(1 - (x * x)));
            case ExpressionFunction.Acos:
                return (Math.Acos(x), -1 / Math.Sqrt(1 - (x * x)));
            case ExpressionFunction.Atan:
                return (Math.Atan(x), 1 / (1 + (x * x)));
            case ExpressionFunction.Sinh:
                return (Math.Sinh(x), Math.Cosh(x));
            case ExpressionFunction.Cosh:
                return (Math.Cosh(x), Math.Sinh(x));
            case ExpressionFunction.Tanh:
            {
                double t = Math.Tanh(x);
                return (t, 1 - (t * t));
            }

            case ExpressionFunction.Asinh:
                return (Math.Asinh(x), 1 / Math.Sqrt((x * x) + 1));
            case ExpressionFunction.Acosh:
                return (Math.Acosh(x), 1 / Math.Sqrt((x * x) - 1));
            case ExpressionFunction.Atanh:
                return (Math.Atanh(x), 1 / (1 - (x * x)));
            case ExpressionFunction.Sgn:
                return (Math.Sign(x), 0);
            case ExpressionFunction.Step:
                return (x > 0 ? 1 : x < 0 ? 0 : 0.5, 0);
            case ExpressionFunction.Ramp:
                return x > 0 ? (x, 1) : (0, 0);
            case ExpressionFunction.Floor:
                return (Math.Floor(x), 0);
            case ExpressionFunction.Ceil:
                return (Math.Ceiling(x), 0);
            case ExpressionFunction.Int:
                return (Math.Truncate(x), 0);
            case ExpressionFunction.Nint:
                return (Math.Round(x, MidpointRounding.ToEven), 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(function), function, "not a one-argument function");
        }
    }

    /// <summary>
    /// Value and partial derivatives of a power: <c>pow</c> (|a|^b) or <c>pwr</c> (sgn(a)·|a|^b).
    /// </summary>
    /// <remarks>
    /// ∂/∂a = b·|a|^(b−1) for pwr and sgn(a)·b·|a|^(b−1) for pow; ∂/∂b = value·ln|a| (0 at a = 0).
    /// At a = 0 the derivative in a is taken as 1 when b = 1 and 0 otherwise.
    /// </remarks>
    /// <param name="signed">True for pwr.</param>
    /// <param name="a">Base.</param>
    /// <param name="b">Exponent.</param>
    /// <returns>Value, ∂/∂a, ∂/∂b.</returns>
    public static (double Value, double DBase, double DExponent) Power(bool signed, double a, double b)
    {
        double m = Math.Abs(a);
        double p = Math.Pow(m, b);
        double sign = Math.Sign(a);
        double value = signed ? sign * p : p;
        double da = a == 0 ? (b == 1 ? 1 : 0) : b * Math.Pow(m, b - 1) * (signed ? 1 : sign);
        double db = m == 0 ? 0 : value * Math.Log(m);
        return (value, da, db);
    }

    /// <summary>
    /// The denominator ngspice's B sources divide by: b + ε·sgn⁺(b), with ε = <see cref="DivisionGuard"/>
    /// (sgn⁺(0) = 1), so that 1/v(a) at v(a) = 0 is 1e32, large but finite, and Newton can go on.
    /// </summary>
    /// <param name="b">The denominator as computed.</param>
    /// <returns>The guarded denominator.</returns>
    public static double GuardedDenominator(double b) => b >= 0 ? b + DivisionGuard : b - DivisionGuard;

    /// <summary>ngspice's <c>PTfudge_factor</c> at the default gmin: gmin·1e−20 = 1e−32.</summary>
    public const double DivisionGuard = 1e-32;
}
