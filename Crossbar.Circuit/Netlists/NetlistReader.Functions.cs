namespace Crossbar.Circuit.Netlists;

/// <summary><c>.func name(a, b) {body}</c> (braces optional, <c>=</c> before the body allowed): user functions, inlined where called.</summary>
public sealed partial class NetlistReader
{
    private static void ReadFunction(NetlistCard card, ParameterScope scope)
    {
        var tokens = card.RawTokens;
        if (tokens.Count < 2 || !tokens[1].IsWord || !IsIdentifier(tokens[1].Text))
        {
            throw new NetlistException(tokens.Count < 2 ? card.End : tokens[1].Location, ".func: expected 'name(arg, ...) {expression}'");
        }

        var name = tokens[1];
        if (ExpressionFunctions.TryFind(name.Text, out _, out _, out _) || name.Lower is "v" or "i" or "pi")
        {
            throw new NetlistException(name.Location, $".func: '{name.Text}' is a built-in function and cannot be redefined");
        }

        var i = 2;
        if (i >= tokens.Count || tokens[i].Kind != TokenKind.LeftParen)
        {
            throw new NetlistException(i < tokens.Count ? tokens[i].Location : name.End, $".func {name.Text}: expected '(' and the argument names after the name");
        }

        i++;
        var parameters = new List<string>();
        while (true)
        {
            if (i >= tokens.Count)
            {
                throw new NetlistException(card.End, $".func {name.Text}: missing ')' after the argument names");
            }

            var token = tokens[i];
            if (token.Kind == TokenKind.RightParen && (parameters.Count == 0 || tokens[i - 1].Kind != TokenKind.Comma))
            {
                i++;
                break;
            }

            if (!token.IsWord || !IsIdentifier(token.Text))
            {
                throw new NetlistException(token.Location, $".func {name.Text}: expected an argument name (letters, digits, _), found '{token.Display}'");
            }

            if (parameters.Contains(token.Text, StringComparer.OrdinalIgnoreCase))
            {
                throw new NetlistException(token.Location, $".func {name.Text}: argument '{token.Text}' is named twice");
            }

            parameters.Add(token.Text);
            i++;
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Comma)
            {
                i++;
            }
        }

        if (i < tokens.Count && tokens[i].Kind == TokenKind.EqualsSign)
        {
            i++;
        }

        if (i >= tokens.Count)
        {
            throw new NetlistException(card.End, $".func {name.Text}: missing the expression after the arguments");
        }

        var first = tokens[i];
        string body;
        SourceLocation location;
        if (first.Kind == TokenKind.Expression)
        {
            if (i + 1 < tokens.Count)
            {
                throw new NetlistException(tokens[i + 1].Location, $".func {name.Text}: unexpected '{tokens[i + 1].Display}' after the expression");
            }

            body = first.Text;
            location = first.Location with { Column = first.Location.Column + 1 };
        }
        else
        {
            body = JoinTokens(tokens, i);
            location = first.Location;
        }

        // The body is parsed where the function is used (errors in it point into the body): it may call functions defined after it.
        scope.Define(new UserFunction(name.Text, parameters, body, location));
    }

    /// <summary>
    /// The raw tokens from <paramref name="index"/> to the end as expression text: tokens that touch
    /// in the deck stay together (so <c>a&lt;=b</c>, lexed as <c>a&lt;</c>, <c>=</c>, <c>b</c>, reads back whole),
    /// others are joined by a space; a <c>{...}</c> token becomes <c>(...)</c>.
    /// </summary>
    private static string JoinTokens(TokenList tokens, int index)
    {
        var sb = new System.Text.StringBuilder();
        SourceLocation? previousEnd = null;
        for (var k = index; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (previousEnd is { } end && !(end.Line == token.Location.Line && end.Column == token.Location.Column && end.File == token.Location.File))
            {
                sb.Append(' ');
            }

            sb.Append(token.Kind == TokenKind.Expression ? "(" + token.Text + ")" : token.Text);
            previousEnd = token.End;
        }

        return sb.ToString();
    }
}
