namespace Crossbar.Circuit.Netlists;

/// <summary>Kinds of token on a card.</summary>
internal enum TokenKind
{
    /// <summary>A bare word: name, node, number, keyword.</summary>
    Word,

    /// <summary>A <c>{...}</c> or <c>'...'</c> expression; Text is the inside.</summary>
    Expression,

    /// <summary>A double-quoted string; Text is the inside.</summary>
    Quoted,

    /// <summary><c>(</c>.</summary>
    LeftParen,

    /// <summary><c>)</c>.</summary>
    RightParen,

    /// <summary><c>=</c>.</summary>
    EqualsSign,

    /// <summary><c>,</c> (a separator; dropped from <see cref="NetlistCard.Tokens"/>).</summary>
    Comma,
}

/// <summary>One token with where it was read.</summary>
/// <remarks>The location is kept as file, line and column and built on demand: a deck of 10⁵
/// cards has several 10⁵ tokens, and their locations are needed only for errors.</remarks>
internal readonly struct NetlistToken(TokenKind kind, string text, string file, int line, int column)
{
    public NetlistToken(TokenKind kind, string text, SourceLocation location)
        : this(kind, text, location.File, location.Line, location.Column)
    {
    }

    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    private string File { get; } = file;

    private int Line { get; } = line;

    private int Column { get; } = column;

    public SourceLocation Location => new(File, Line, Column);

    public bool IsWord => Kind == TokenKind.Word;

    public string Lower => Text.ToLowerInvariant();

    /// <summary>The column just after the token (for "expected ... here" errors).</summary>
    public SourceLocation End => Location with
    {
        Column = Location.Column + Text.Length + (Kind is TokenKind.Expression or TokenKind.Quoted ? 2 : 0),
    };

    /// <summary>The token as it would be written back.</summary>
    public string Display => Kind switch
    {
        TokenKind.Expression => "{" + Text + "}",
        TokenKind.Quoted => "\"" + Text + "\"",
        _ => Text,
    };

    public bool IsWordLike(string lower) => Kind == TokenKind.Word && string.Equals(Text, lower, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A logical card: one line plus its continuation lines, as tokens.</summary>
internal sealed class NetlistCard(SourceLocation location, string firstLine)
{
    /// <summary>Where the card starts (column of its first token).</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>The first physical line, untrimmed (for <c>.title</c>).</summary>
    public string FirstLine { get; } = firstLine;

    private List<NetlistToken>? _raw;

    /// <summary>All tokens including commas (the same list as <see cref="Tokens"/> until a comma is added).</summary>
    public List<NetlistToken> RawTokens => _raw ?? Tokens;

    /// <summary>Tokens without commas.</summary>
    public List<NetlistToken> Tokens { get; } = [];

    public void Add(NetlistToken token)
    {
        if (token.Kind == TokenKind.Comma)
        {
            _raw ??= [.. Tokens];
        }

        _raw?.Add(token);
        if (token.Kind != TokenKind.Comma)
        {
            Tokens.Add(token);
        }
    }

    /// <summary>Where something missing after the last token should have been.</summary>
    public SourceLocation End => Tokens.Count > 0 ? Tokens[^1].End : Location;
}
