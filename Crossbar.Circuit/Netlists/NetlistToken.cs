namespace Crossbar.Circuit.Netlists;

/// <summary>Kinds of token on a card.</summary>
internal enum TokenKind : byte
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
/// <remarks>The text is kept as a slice of the deck text and the location as file, line and
/// column, both built on demand: a deck of 10⁵ cards has several 10⁵ tokens, most of them node
/// names and numbers that the reader reads straight from the slice.</remarks>
internal readonly struct NetlistToken
{
    private readonly string _source;
    private readonly int _start;
    private readonly int _length;
    private readonly string _file;
    private readonly int _line;
    private readonly int _column;

    /// <summary>A token whose text is <paramref name="source"/>[<paramref name="start"/>..+<paramref name="length"/>].</summary>
    public NetlistToken(TokenKind kind, string source, int start, int length, string file, int line, int column)
    {
        Kind = kind;
        _source = source;
        _start = start;
        _length = length;
        _file = file;
        _line = line;
        _column = column;
    }

    public NetlistToken(TokenKind kind, string text, string file, int line, int column)
        : this(kind, text, 0, text.Length, file, line, column)
    {
    }

    public NetlistToken(TokenKind kind, string text, SourceLocation location)
        : this(kind, text, location.File, location.Line, location.Column)
    {
    }

    public TokenKind Kind { get; }

    /// <summary>The same token holding its text as its own string, so that <see cref="Text"/> makes no copy.</summary>
    public NetlistToken WithOwnText() => new(Kind, Text, _file, _line, _column);

    /// <summary>The text (a new string unless the token owns its whole source string: prefer <see cref="Span"/> on hot paths).</summary>
    public string Text => _start == 0 && _length == _source.Length ? _source : _source.Substring(_start, _length);

    /// <summary>The text without a copy.</summary>
    public ReadOnlySpan<char> Span => _source.AsSpan(_start, _length);

    public SourceLocation Location => new(_file, _line, _column);

    public bool IsWord => Kind == TokenKind.Word;

    public string Lower => Text.ToLowerInvariant();

    /// <summary>The column just after the token (for "expected ... here" errors).</summary>
    public SourceLocation End => new(_file, _line, _column + _length + (Kind is TokenKind.Expression or TokenKind.Quoted ? 2 : 0));

    /// <summary>The token as it would be written back.</summary>
    public string Display => Kind switch
    {
        TokenKind.Expression => "{" + Text + "}",
        TokenKind.Quoted => "\"" + Text + "\"",
        _ => Text,
    };

    public bool IsWordLike(string lower) => Kind == TokenKind.Word && Span.Equals(lower, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A logical card: one line plus its continuation lines, as tokens.</summary>
/// <remarks>The lexer refills one card object for each card of a scan (<see cref="Reset"/>): a
/// consumer reads what it needs (tokens are values; <see cref="Location"/> is a fresh object per
/// card) and must not keep the card itself.</remarks>
internal sealed class NetlistCard
{
    private string _text = string.Empty;
    private int _lineStart;
    private int _lineLength;
    private TokenList? _raw;

    /// <summary>A card whose first physical line is <paramref name="text"/>[<paramref name="lineStart"/>..+<paramref name="lineLength"/>],
    /// with the tokens of that line (commas included).</summary>
    public NetlistCard(SourceLocation location, string text, int lineStart, int lineLength, TokenList lineTokens)
    {
        Location = location;
        Reset(location, text, lineStart, lineLength, lineTokens);
    }

    /// <summary>Makes this object the next card: as a new one made with the same arguments.</summary>
    public void Reset(SourceLocation location, string text, int lineStart, int lineLength, TokenList lineTokens)
    {
        Location = location;
        _text = text;
        _lineStart = lineStart;
        _lineLength = lineLength;
        var all = lineTokens.AsSpan();
        Tokens.Clear();
        _raw = null;
        var commas = false;
        foreach (var token in all)
        {
            if (token.Kind == TokenKind.Comma)
            {
                commas = true;
            }
            else
            {
                Tokens.Add(token);
            }
        }

        if (commas)
        {
            _raw = lineTokens.GetRange(0, all.Length);
        }
    }

    /// <summary>Where the card starts (column of its first token).</summary>
    public SourceLocation Location { get; private set; }

    /// <summary>The first physical line, untrimmed (for <c>.title</c>).</summary>
    public string FirstLine => _text.Substring(_lineStart, _lineLength);

    /// <summary>All tokens including commas (the same list as <see cref="Tokens"/> until a comma is added).</summary>
    public TokenList RawTokens => _raw ?? Tokens;

    /// <summary>Tokens without commas.</summary>
    public TokenList Tokens { get; } = new(8);

    public void Add(NetlistToken token)
    {
        if (token.Kind == TokenKind.Comma)
        {
            _raw ??= Tokens.GetRange(0, Tokens.Count);
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
