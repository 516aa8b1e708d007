namespace Crossbar.Circuit.Netlists;

/// <summary>Behavioural sources: <c>Bname n+ n- V={expr}</c> or <c>I={expr}</c>, and E/G with <c>VALUE={expr}</c> (braces optional, as in ngspice).</summary>
public sealed partial class NetlistReader
{
    private ElementCard ReadBehavioral(NetlistCard card)
    {
        var tokens = card.Tokens;
        var name = tokens[0].Text;
        var nodes = ReadNodes(card, "n+ n-");
        const int i = 3;
        if (i >= tokens.Count)
        {
            throw new NetlistException(card.End, $"{name}: missing V={{expr}} or I={{expr}} after the nodes");
        }

        var head = tokens[i];
        if (!(head.IsWordLike("v") || head.IsWordLike("i")) || i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.EqualsSign)
        {
            throw new NetlistException(head.Location, $"{name}: expected V={{expr}} or I={{expr}}, found '{head.Display}'");
        }

        return new ElementCard(name, nodes)
        {
            Behavior = new BehavioralValue(char.ToUpperInvariant(head.Text[0]), ReadExpressionAfter(card, i + 1, $"'{head.Text}='")),
            Location = card.Location,
        };
    }

    /// <summary>
    /// <c>En+ n- VALUE={expr}</c> (a behavioural voltage source) or <c>Gn+ n- VALUE={expr}</c> (a
    /// behavioural current source from n+ through the source to n-), as ngspice reads them: the same
    /// element as a B source with <c>V=</c> or <c>I=</c>.
    /// </summary>
    private ElementCard ReadValueControlled(NetlistCard card)
    {
        var tokens = card.Tokens;
        var nodes = ReadNodes(card, "n+ n-");
        return new ElementCard(tokens[0].Text, nodes)
        {
            Behavior = new BehavioralValue(char.ToUpperInvariant(tokens[0].Text[0]) == 'E' ? 'V' : 'I', ReadExpressionAfter(card, 4, "'VALUE='")),
            Location = card.Location,
        };
    }

    /// <summary>Whether an E or G card is the <c>VALUE=</c> form.</summary>
    private static bool IsValueForm(NetlistCard card) =>
        card.Tokens.Count > 4 && card.Tokens[3].IsWordLike("value") && card.Tokens[4].Kind == TokenKind.EqualsSign;

    /// <summary>The expression after the '=' at <paramref name="equals"/>: one <c>{...}</c> token, or the rest of the card.</summary>
    private string ReadExpressionAfter(NetlistCard card, int equals, string what)
    {
        var tokens = card.Tokens;
        var name = tokens[0].Text;
        if (equals + 1 >= tokens.Count)
        {
            throw new NetlistException(tokens[equals].End, $"{name}: missing expression after {what}");
        }

        var first = tokens[equals + 1];
        string text;
        SourceLocation location;
        if (first.Kind == TokenKind.Expression)
        {
            if (equals + 2 < tokens.Count)
            {
                throw new NetlistException(tokens[equals + 2].Location, $"{name}: unexpected '{tokens[equals + 2].Display}' after the expression");
            }

            text = first.Text;
            location = first.Location with { Column = first.Location.Column + 1 };
        }
        else
        {
            text = RestOfCard(card, equals + 1);
            location = first.Location;
        }

        return BehavioralText(text, location);
    }

    /// <summary>The raw tokens from the <paramref name="index"/>-th non-comma token to the end, as expression text.</summary>
    private static string RestOfCard(NetlistCard card, int index)
    {
        var seen = 0;
        var raw = card.RawTokens;
        for (var k = 0; k < raw.Count; k++)
        {
            if (seen >= index)
            {
                return JoinTokens(raw, k);
            }

            if (raw[k].Kind != TokenKind.Comma)
            {
                seen++;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// Parses a behavioural expression in the current scope (user functions inlined) and checks its
    /// names; returns the text to keep (the inlined tree printed when a <c>.func</c> was used).
    /// </summary>
    private string BehavioralText(string text, SourceLocation location)
    {
        var scope = Current.Parameters;
        var tree = BehavioralExpression.Parse(text, location, scope.HasFunctions ? scope.Function : null, out var inlined);
        BehavioralExpression.Visit(tree, node =>
        {
            if (node is BehavioralName n && !n.Name.Equals("time", StringComparison.OrdinalIgnoreCase)
                && !n.Name.Equals("pi", StringComparison.OrdinalIgnoreCase) && scope.Lookup(n.Name) is null)
            {
                throw new NetlistException(inlined ? location : location with { Column = location.Column + n.Offset }, ExpressionErrors.UnknownName(n.Name, text, circuit: true));
            }
        });
        return inlined ? BehavioralExpression.Print(tree) : text;
    }
}
