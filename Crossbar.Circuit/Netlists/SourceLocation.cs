namespace Crossbar.Circuit.Netlists;

/// <summary>Where a card came from: file, 1-based line and column.</summary>
/// <param name="File">The deck or include file name as given.</param>
/// <param name="Line">1-based line number of the card's first line.</param>
/// <param name="Column">1-based column of the offending token (1 for a whole card).</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for cards built in code rather than read from text.</summary>
    public static SourceLocation Generated { get; } = new("<generated>", 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
