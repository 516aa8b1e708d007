namespace Crossbar.Circuit.Netlists;

/// <summary>The wording of expression errors, the same in <c>.param</c>, <c>{...}</c>, B sources and E/G <c>VALUE=</c>.</summary>
public static class ExpressionErrors
{
    /// <summary>An unknown name.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="text">The expression.</param>
    /// <param name="circuit">True where circuit quantities are allowed (B sources, E/G VALUE=).</param>
    /// <returns>The message.</returns>
    public static string UnknownName(string name, string text, bool circuit) =>
        $"unknown parameter '{name}' in expression '{text}': expected a .param name, pi{(circuit ? ", time, v(node) or i(source)" : " or a number")}";

    /// <summary>A value that is not finite.</summary>
    /// <param name="what">The operator or function that gave it (<c>division</c>, <c>sqrt()</c>, <c>expression</c>).</param>
    /// <param name="value">The value.</param>
    /// <param name="text">The expression.</param>
    /// <returns>The message.</returns>
    public static string NotFinite(string what, double value, string text) =>
        $"{what} gives {(double.IsNaN(value) ? "NaN" : "infinity")} in expression '{text}'";
}
