using System.Text.RegularExpressions;

namespace Crossbar.Cli.Commands;

/// <summary>A bad option value or combination; reported with exit code 2.</summary>
public sealed partial class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>A usage error carrying an argument error's message in plain words.</summary>
    /// <param name="ex">The argument error (from a builder or generator refusing a value).</param>
    /// <returns>The usage error.</returns>
    public static UsageException From(ArgumentException ex) => new(Plain(ex));

    /// <summary>
    /// An exception's message in plain words: without .NET's " (Parameter 'x')" suffix, and with type names such as
    /// <c>System.Nullable`1[System.Int32]</c> said as "integer" or "number".
    /// </summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The message.</returns>
    public static string Plain(Exception ex) => Plain(ex.Message);

    /// <summary>A message in plain words (see <see cref="Plain(Exception)"/>).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message without .NET parameter suffixes and type names.</returns>
    public static string Plain(string message)
    {
        string text = ParameterSuffix().Replace(message, string.Empty);
        text = ParseError().Replace(text, m => $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {Article(TypeWord(m.Groups["type"].Value))}");
        text = TypeName().Replace(text, m => TypeWord(m.Value));
        return text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim();
    }

    private static string Article(string word) => word.StartsWith('i') ? "an " + word : "a " + word;

    private static string TypeWord(string type)
    {
        string inner = type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? type["System.Nullable`1[".Length..^1] : type;
        return inner switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" or "System.UInt32" or "System.UInt64" => "integer",
            "System.Double" or "System.Single" or "System.Decimal" => "number",
            "System.Boolean" => "true or false",
            "System.IO.FileInfo" => "file path",
            "System.IO.DirectoryInfo" => "directory path",
            "System.String" => "text",
            _ => "valid value",
        };
    }

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"Cannot parse argument '(?<value>[^']*)' for (option|command|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?", RegexOptions.CultureInvariant)]
    private static partial Regex ParseError();

    [GeneratedRegex(@"System\.Nullable`1\[[A-Za-z0-9_.]+\]|System\.(Int16|Int32|Int64|UInt32|UInt64|Double|Single|Decimal|Boolean|String|IO\.FileInfo|IO\.DirectoryInfo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
