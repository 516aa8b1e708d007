using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Picks one section out of a library file, as ngspice's <c>.lib file section</c> does: the lines
/// between <c>.lib section</c> and the next <c>.endl</c> (whose name, when given, must match).
/// </summary>
/// <remarks>
/// Every other line of the file (other sections, text outside any section) is left out. The
/// result keeps the file's line count, the left-out lines blank, so locations in errors are the
/// file's own lines. A section may hold <c>.lib file section</c> references (to sections of the
/// same file or of others), which the reader follows as it follows <c>.include</c>.
/// </remarks>
internal static class LibrarySection
{
    /// <summary>The text of the section, other lines blank, or null when the file has no such section.</summary>
    /// <param name="text">The library file's text.</param>
    /// <param name="section">Section name (case-insensitive).</param>
    /// <param name="file">File name for errors.</param>
    /// <exception cref="NetlistException">The section has no <c>.endl</c>, or its <c>.endl</c> names another section.</exception>
    public static string? Extract(string text, string section, string file)
    {
        var result = new StringBuilder(text.Length);
        var inside = false;
        var found = false;
        var startLine = 0;
        var lineNumber = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            var words = line;
            var head = Next(ref words);
            var argument = Next(ref words);
            var extra = Next(ref words);
            if (!inside && !found && head.Equals(".lib", StringComparison.OrdinalIgnoreCase)
                && argument.Equals(section, StringComparison.OrdinalIgnoreCase) && extra.IsEmpty)
            {
                inside = true;
                found = true;
                startLine = lineNumber;
            }
            else if (inside && head.Equals(".endl", StringComparison.OrdinalIgnoreCase))
            {
                if (!argument.IsEmpty && !argument.Equals(section, StringComparison.OrdinalIgnoreCase))
                {
                    throw new NetlistException(new SourceLocation(file, lineNumber, 1), $".endl {argument} does not match .lib section '{section}' (line {startLine})");
                }

                inside = false;
            }
            else if (inside)
            {
                result.Append(line);
            }

            result.Append('\n');
        }

        if (inside)
        {
            throw new NetlistException(new SourceLocation(file, startLine, 1), $"unterminated .lib section '{section}': expected .endl before the end of the file");
        }

        return found ? result.ToString() : null;
    }

    /// <summary>The next white-space separated word of <paramref name="rest"/> (empty at its end), taken off it.</summary>
    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        int end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
        {
            end++;
        }

        ReadOnlySpan<char> word = rest[..end];
        rest = rest[end..];
        return word;
    }
}
