using System.Buffers;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Splits deck text into cards: strips <c>*</c> comment lines and <c>;</c>/<c>$</c> inline
/// comments, joins <c>+</c> continuation lines, turns the analysis commands of a <c>.control … .endc</c> block
/// into dot-cards and skips the rest of it (<see cref="ControlBlock"/>, with a warning), and stops at <c>.end</c>. Includes are expanded by the reader, not here.
/// </summary>
internal static class NetlistLexer
{
    /// <summary>Lines of a text: characters [Start, End), whose first line is number FirstLine.</summary>
    internal readonly record struct TextRange(int Start, int End, int FirstLine);

    /// <summary>Splits one file's text into cards and hands each to <paramref name="emit"/> as soon as it is
    /// complete (its continuation lines joined), so a reader can consume a card before the next is made.</summary>
    /// <param name="text">The file text.</param>
    /// <param name="file">File name for locations.</param>
    /// <param name="hasTitle">Whether the first line is the title (the main deck) or a card (an include file).</param>
    /// <param name="warnings">Where warnings go (null: not collected, for a second scan of the same text).</param>
    /// <param name="keep">Which cards to make, by their first word (null: all); the others, and their
    /// continuation lines, are skipped without being tokenised.</param>
    /// <param name="emit">Receives each card, in file order. The card object is reused for the next
    /// card once <paramref name="emit"/> returns: take what is needed from it, never keep it.</param>
    /// <remarks>Lines and tokens are slices of <paramref name="text"/>: the only strings made here are the
    /// title and the first word of each card (the element name or dot-command).</remarks>
    public static void Split(
        string text, string file, bool hasTitle, List<string>? warnings, Func<ReadOnlySpan<char>, bool>? keep, Action<NetlistCard> emit) =>
        Split(text, file, hasTitle, new TextRange(0, text.Length, 1), warnings, keep, emit);

    /// <summary>As <see cref="Split(string, string, bool, List{string}, Func{ReadOnlySpan{char}, bool}, Action{NetlistCard})"/>,
    /// over the lines of <paramref name="range"/> only (it starts and ends at line starts, or at the
    /// end of the text; its first line has the number it gives).</summary>
    /// <returns>Whether an <c>.end</c> card stopped the scan.</returns>
    public static bool Split(
        string text, string file, bool hasTitle, TextRange range, List<string>? warnings, Func<ReadOnlySpan<char>, bool>? keep, Action<NetlistCard> emit)
    {
        var scratch = new TokenList(16);
        var position = range.Start;
        var lineNumber = range.FirstLine - 1;
        var ended = false;
        if (hasTitle)
        {
            NextLine(text, ref position);
            lineNumber++;
        }

        NetlistCard? current = null;
        NetlistCard? reusable = null;
        var skipping = false;
        while (position >= 0 && position < range.End)
        {
            var start = NextIndentedLine(text, ref position, out var lineStart, out var length);
            lineNumber++;
            var line = text.AsSpan(lineStart, length);

            if (start >= line.Length || line[start] == '*')
            {
                continue;
            }

            if (line[start] == '+')
            {
                if (skipping)
                {
                    continue;
                }

                if (current is null)
                {
                    throw new NetlistException(new SourceLocation(file, lineNumber, start + 1), "continuation line '+' with no card before it to continue");
                }

                scratch.Clear();
                Tokenize(text, lineStart, length, start + 1, file, lineNumber, scratch);
                foreach (var token in scratch)
                {
                    current.Add(token);
                }

                continue;
            }

            if (current is not null)
            {
                emit(current);
                current = null;
            }

            skipping = false;
            var word = FirstWord(line[start..]);
            if (IsLowerWord(word, ".end"))
            {
                ended = true;
                break;
            }

            if (IsLowerWord(word, ".control"))
            {
                if (current is not null)
                {
                    emit(current);
                    current = null;
                }

                var block = ReadControlBlock(text, ref position, ref lineNumber, out var found);
                var taken = new List<int>();
                var reason = ControlBlock.Classify(block.ConvertAll(l => l.Command), taken);
                var where = found ? $"(lines {block.FirstLine - 1}-{lineNumber})" : "without .endc, to the end of the file,";
                reason ??= taken.Count == 0 ? "it runs no analysis" : null;
                if (reason is not null)
                {
                    warnings?.Add($"{file}:{block.FirstLine - 1}:{start + 1}: .control block {where} skipped: {reason}; control scripts are not run");
                    continue;
                }

                warnings?.Add($"{file}:{block.FirstLine - 1}:{start + 1}: .control block {where}: its analyses ({string.Join(", ", taken.Select(k => block[k].Command))}) run as dot-cards; the rest of the script is not run");

                foreach (var k in taken)
                {
                    var command = block[k];
                    var dotWord = "." + command.Command.ToLowerInvariant();
                    if (keep is not null && !keep(dotWord))
                    {
                        continue;
                    }

                    scratch.Clear();
                    Tokenize(text, command.LineStart, command.Length, command.Column - 1, file, command.Line, scratch);
                    scratch[0] = new NetlistToken(TokenKind.Word, dotWord, file, command.Line, command.Column);
                    var commandLocation = new SourceLocation(file, command.Line, command.Column);
                    reusable ??= new NetlistCard(commandLocation, text, command.LineStart, command.Length, scratch);
                    reusable.Reset(commandLocation, text, command.LineStart, command.Length, scratch);
                    emit(reusable);
                }

                continue;
            }

            if (IsLowerWord(word, ".endc"))
            {
                warnings?.Add($"{file}:{lineNumber}:{start + 1}: .endc without .control ignored");
                continue;
            }

            if (keep is not null && !keep(word))
            {
                skipping = true;
                continue;
            }

            scratch.Clear();
            Tokenize(text, lineStart, length, start, file, lineNumber, scratch);
            var head = 0;
            while (head < scratch.Count && scratch[head].Kind == TokenKind.Comma)
            {
                head++;
            }

            if (head == scratch.Count)
            {
                continue;
            }

            scratch[head] = scratch[head].WithOwnText();
            var location = new SourceLocation(file, lineNumber, start + 1);
            if (reusable is null)
            {
                reusable = new NetlistCard(location, text, lineStart, length, scratch);
            }
            else
            {
                reusable.Reset(location, text, lineStart, length, scratch);
            }

            current = reusable;
        }

        if (current is not null)
        {
            emit(current);
        }

        return ended;
    }

    /// <summary>Reads the next line (its start and length) and returns the offset of its first non-blank character
    /// (the line's length when it is blank).</summary>
    private static int NextIndentedLine(string text, ref int position, out int lineStart, out int length)
    {
        lineStart = position;
        length = NextLine(text, ref position);
        var line = text.AsSpan(lineStart, length);
        var start = 0;
        while (start < line.Length && IsWhiteSpace(line[start]))
        {
            start++;
        }

        return start;
    }

    /// <summary>One command line of a <c>.control</c> block: its first word and where the line is.</summary>
    private readonly record struct ControlLine(string Command, int LineStart, int Length, int Line, int Column);

    /// <summary>Reads the lines after a <c>.control</c> card up to its <c>.endc</c> (or the end of the text), leaving
    /// <paramref name="position"/> after the <c>.endc</c> line and <paramref name="lineNumber"/> on it.</summary>
    /// <returns>The command lines (comments and blank lines left out).</returns>
    private static ControlLines ReadControlBlock(string text, ref int position, ref int lineNumber, out bool found)
    {
        var lines = new ControlLines { FirstLine = lineNumber + 1 };
        found = false;
        while (position >= 0 && position < text.Length)
        {
            var start = NextIndentedLine(text, ref position, out var lineStart, out var length);
            lineNumber++;
            var line = text.AsSpan(lineStart, length);

            var word = FirstWord(line[start..]);
            if (IsLowerWord(word, ".endc"))
            {
                found = true;
                break;
            }

            if (start < line.Length && line[start] != '*')
            {
                lines.Add(new ControlLine(word.ToString(), lineStart, length, lineNumber, start + 1));
            }
        }

        return lines;
    }

    /// <summary>The command lines of one <c>.control</c> block.</summary>
    private sealed class ControlLines : List<ControlLine>
    {
        /// <summary>Number of the line after <c>.control</c>.</summary>
        public int FirstLine { get; init; }
    }

    /// <summary>
    /// Where a deck can be read by two threads: the element lines from about the middle of the
    /// text up to the next dot-card line form a range that needs nothing read before it (no
    /// card there starts with '.', none continues a card before it), so a second reader can
    /// make its elements while the first reads the lines before it.
    /// </summary>
    /// <param name="text">The deck text (a main deck: its first line is the title).</param>
    /// <param name="minimumLength">Shortest text worth splitting, in characters.</param>
    /// <param name="middle">The element range, when there is one.</param>
    /// <param name="rest">The lines after it (from the dot card on).</param>
    /// <returns>False for short texts and texts whose cards could reach across the split
    /// (<c>.subckt</c>, <c>.ends</c>, <c>.control</c>, <c>.endc</c> anywhere in them).</returns>
    public static bool TryFindElementRange(string text, int minimumLength, out TextRange middle, out TextRange rest)
    {
        middle = default;
        rest = default;
        if (text.Length < minimumLength || text.AsSpan().IndexOfAny(BlockCommands) >= 0)
        {
            return false;
        }

        var position = 0;
        var line = 0;
        while (position >= 0 && (line == 0 || position < text.Length / 2))
        {
            NextLine(text, ref position);
            line++;
        }

        // Start at a card's first line: a '+' line continues the card before it, even across
        // comment and blank lines.
        while (position >= 0 && FirstNonBlank(text, position) is '+' or '*' or '\0')
        {
            NextLine(text, ref position);
            line++;
        }

        if (position < 0 || position >= text.Length)
        {
            return false;
        }

        var start = position;
        var firstLine = line + 1;
        while (position >= 0 && FirstNonBlank(text, position) != '.')
        {
            NextLine(text, ref position);
            line++;
        }

        var end = position < 0 ? text.Length : position;
        if (end == start)
        {
            return false;
        }

        middle = new TextRange(start, end, firstLine);
        rest = new TextRange(end, text.Length, line + 1);
        return true;
    }

    /// <summary>Cards that open or close a block spanning lines: a text with any of them is read on one thread.</summary>
    private static readonly SearchValues<string> BlockCommands =
        SearchValues.Create([".subckt", ".ends", ".control", ".endc"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The first character of the line at <paramref name="position"/> that is not white space ('\0' for a blank line).</summary>
    private static char FirstNonBlank(string text, int position)
    {
        for (var i = position; i < text.Length; i++)
        {
            var c = text[i];
            if (LineBreaks.Contains(c))
            {
                return '\0';
            }

            if (!IsWhiteSpace(c))
            {
                return c;
            }
        }

        return '\0';
    }

    /// <summary>The title of a main deck: its first line, trimmed (a byte-order mark dropped).</summary>
    public static string Title(string text)
    {
        var position = 0;
        var length = NextLine(text, ref position);
        return text.AsSpan(0, length).TrimStart('\uFEFF').Trim().ToString();
    }

    /// <summary>Length of the line at <paramref name="position"/>; moves it to the next line, or to -1 after the last.</summary>
    private static int NextLine(string text, ref int position)
    {
        var rest = text.AsSpan(position);
        var length = rest.IndexOfAny(LineBreaks);
        if (length < 0)
        {
            position = -1;
            return rest.Length;
        }

        var next = position + length + 1;
        if (rest[length] == '\r' && length + 1 < rest.Length && rest[length + 1] == '\n')
        {
            next++;
        }

        position = next;
        return length;
    }

    /// <summary>What <see cref="string.ReplaceLineEndings()"/> treats as a line break: CR, LF, FF, NEL, LS, PS.</summary>
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\n\r\f\u0085\u2028\u2029");

    /// <summary><see cref="char.IsWhiteSpace(char)"/>, with the ASCII cases decided here.</summary>
    private static bool IsWhiteSpace(char c) => c <= '\u007f' ? c == ' ' || (c >= '\t' && c <= '\r') : char.IsWhiteSpace(c);

    /// <summary>The first word of a line: after leading white space, up to white space or ';'.</summary>
    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && IsWhiteSpace(line[i]))
        {
            i++;
        }

        var j = i;
        while (j < line.Length && !IsWhiteSpace(line[j]) && line[j] != ';')
        {
            j++;
        }

        return line[i..j];
    }

    /// <summary>Whether <paramref name="word"/> in lower case (invariant) is <paramref name="lower"/>.</summary>
    private static bool IsLowerWord(ReadOnlySpan<char> word, string lower)
    {
        if (word.Length != lower.Length)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[lower.Length];
        word.ToLowerInvariant(buffer);
        return buffer.SequenceEqual(lower);
    }

    private static void Tokenize(string text, int lineStart, int lineLength, int start, string file, int lineNumber, TokenList tokens)
    {
        var line = text.AsSpan(lineStart, lineLength);
        var i = start;
        while (i < line.Length)
        {
            var c = line[i];
            if (IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == ';' || c == '$')
            {
                return;
            }

            var column = i + 1;

            switch (c)
            {
                case ',':
                    tokens.Add(new NetlistToken(TokenKind.Comma, ",", file, lineNumber, column));
                    i++;
                    continue;
                case '(':
                    tokens.Add(new NetlistToken(TokenKind.LeftParen, "(", file, lineNumber, column));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new NetlistToken(TokenKind.RightParen, ")", file, lineNumber, column));
                    i++;
                    continue;
                case '=':
                    tokens.Add(new NetlistToken(TokenKind.EqualsSign, "=", file, lineNumber, column));
                    i++;
                    continue;
                case '}':
                    throw new NetlistException(new SourceLocation(file, lineNumber, column), "'}' without a matching '{'");
                case '{':
                    {
                        var depth = 0;
                        var j = i;
                        for (; j < line.Length; j++)
                        {
                            if (line[j] == '{')
                            {
                                depth++;
                            }
                            else if (line[j] == '}' && --depth == 0)
                            {
                                break;
                            }
                        }

                        if (j >= line.Length)
                        {
                            throw new NetlistException(new SourceLocation(file, lineNumber, column), "unterminated '{': expected '}' before the end of the line");
                        }

                        tokens.Add(Trimmed(TokenKind.Expression, text, lineStart + i + 1, j - i - 1, file, lineNumber, column));
                        i = j + 1;
                        continue;
                    }

                case '\'':
                case '"':
                    {
                        var j = line[(i + 1)..].IndexOf(c);
                        if (j < 0)
                        {
                            throw new NetlistException(new SourceLocation(file, lineNumber, column), $"unterminated {c}: expected a closing {c} before the end of the line");
                        }

                        j += i + 1;
                        tokens.Add(c == '"'
                            ? new NetlistToken(TokenKind.Quoted, text, lineStart + i + 1, j - i - 1, file, lineNumber, column)
                            : Trimmed(TokenKind.Expression, text, lineStart + i + 1, j - i - 1, file, lineNumber, column));
                        i = j + 1;
                        continue;
                    }
            }

            var end = line[i..].IndexOfAny(WordEnds);
            var k = end < 0 ? line.Length : i + end;

            tokens.Add(new NetlistToken(TokenKind.Word, text, lineStart + i, k - i, file, lineNumber, column));
            i = k;
        }
    }

    /// <summary>A token for text[start..+length] without leading and trailing white space (as <see cref="string.Trim()"/>).</summary>
    private static NetlistToken Trimmed(TokenKind kind, string text, int start, int length, string file, int line, int column)
    {
        var span = text.AsSpan(start, length);
        var trimmedStart = span.Length - span.TrimStart().Length;
        var trimmed = span.Trim();
        return new NetlistToken(kind, text, start + trimmedStart, trimmed.Length, file, line, column);
    }

    /// <summary>What ends a bare word: white space (every character <see cref="char.IsWhiteSpace(char)"/>
    /// accepts) or a delimiter (<c>, ( ) = { } ' " ;</c>).</summary>
    internal static readonly SearchValues<char> WordEnds = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000" + ",(){}='\";");
}
