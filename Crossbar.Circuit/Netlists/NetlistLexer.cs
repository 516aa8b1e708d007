namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Splits deck text into cards: strips <c>*</c> comment lines and <c>;</c>/<c>$</c> inline
/// comments, joins <c>+</c> continuation lines, skips <c>.control … .endc</c> blocks (with a
/// warning) and stops at <c>.end</c>. Includes are expanded by the reader, not here.
/// </summary>
internal static class NetlistLexer
{
    /// <summary>Splits one file's text into cards.</summary>
    /// <param name="text">The file text.</param>
    /// <param name="file">File name for locations.</param>
    /// <param name="hasTitle">Whether the first line is the title (the main deck) or a card (an include file).</param>
    /// <param name="title">The title line, trimmed, when <paramref name="hasTitle"/>.</param>
    /// <param name="warnings">Where warnings go.</param>
    public static List<NetlistCard> Split(string text, string file, bool hasTitle, out string title, List<string> warnings)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var cards = new List<NetlistCard>();
        title = string.Empty;
        var first = 0;
        if (hasTitle && lines.Length > 0)
        {
            title = lines[0].TrimStart('\uFEFF').Trim();
            first = 1;
        }

        NetlistCard? current = null;
        for (var index = first; index < lines.Length; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;
            var start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start >= line.Length || line[start] == '*')
            {
                continue;
            }

            var word = FirstWord(line, start);
            if (word == ".end")
            {
                break;
            }

            if (word == ".control")
            {
                var end = index + 1;
                while (end < lines.Length && FirstWord(lines[end], 0) != ".endc")
                {
                    end++;
                }

                warnings.Add(end < lines.Length
                    ? $"{file}:{lineNumber}:{start + 1}: .control block (lines {lineNumber}-{end + 1}) skipped: control scripts are not supported"
                    : $"{file}:{lineNumber}:{start + 1}: .control block without .endc skipped to the end of the file: control scripts are not supported");
                index = end;
                current = null;
                continue;
            }

            if (word == ".endc")
            {
                warnings.Add($"{file}:{lineNumber}:{start + 1}: .endc without .control ignored");
                continue;
            }

            if (line[start] == '+')
            {
                if (current is null)
                {
                    throw new NetlistException(new SourceLocation(file, lineNumber, start + 1), "continuation line '+' with no card before it to continue");
                }

                Tokenize(line, start + 1, file, lineNumber, current);
                continue;
            }

            var card = new NetlistCard(new SourceLocation(file, lineNumber, start + 1), line);
            Tokenize(line, start, file, lineNumber, card);
            if (card.Tokens.Count > 0)
            {
                cards.Add(card);
                current = card;
            }
        }

        return cards;
    }

    private static string FirstWord(string line, int start)
    {
        var i = start;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var j = i;
        while (j < line.Length && !char.IsWhiteSpace(line[j]) && line[j] != ';')
        {
            j++;
        }

        return line[i..j].ToLowerInvariant();
    }

    private static void Tokenize(string line, int start, string file, int lineNumber, NetlistCard card)
    {
        var i = start;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
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
                    card.Add(new NetlistToken(TokenKind.Comma, ",", file, lineNumber, column));
                    i++;
                    continue;
                case '(':
                    card.Add(new NetlistToken(TokenKind.LeftParen, "(", file, lineNumber, column));
                    i++;
                    continue;
                case ')':
                    card.Add(new NetlistToken(TokenKind.RightParen, ")", file, lineNumber, column));
                    i++;
                    continue;
                case '=':
                    card.Add(new NetlistToken(TokenKind.EqualsSign, "=", file, lineNumber, column));
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

                        card.Add(new NetlistToken(TokenKind.Expression, line[(i + 1)..j].Trim(), file, lineNumber, column));
                        i = j + 1;
                        continue;
                    }

                case '\'':
                case '"':
                    {
                        var j = line.IndexOf(c, i + 1);
                        if (j < 0)
                        {
                            throw new NetlistException(new SourceLocation(file, lineNumber, column), $"unterminated {c}: expected a closing {c} before the end of the line");
                        }

                        var kind = c == '"' ? TokenKind.Quoted : TokenKind.Expression;
                        var inside = line[(i + 1)..j];
                        card.Add(new NetlistToken(kind, kind == TokenKind.Expression ? inside.Trim() : inside, file, lineNumber, column));
                        i = j + 1;
                        continue;
                    }
            }

            var k = i;
            while (k < line.Length && !char.IsWhiteSpace(line[k]) && !IsDelimiter(line[k]))
            {
                k++;
            }

            card.Add(new NetlistToken(TokenKind.Word, line[i..k], file, lineNumber, column));
            i = k;
        }
    }

    private static bool IsDelimiter(char c) => c is ',' or '(' or ')' or '=' or '{' or '}' or '\'' or '"' or ';';
}
