using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>Behavioural sources: <c>Bname n+ n- V={expr}</c> or <c>I={expr}</c> (braces optional, as in ngspice).</summary>
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

        if (i + 2 >= tokens.Count)
        {
            throw new NetlistException(tokens[i + 1].End, $"{name}: missing expression after '{head.Text}='");
        }

        var first = tokens[i + 2];
        string text;
        SourceLocation location;
        if (first.Kind == TokenKind.Expression)
        {
            if (i + 3 < tokens.Count)
            {
                throw new NetlistException(tokens[i + 3].Location, $"{name}: unexpected '{tokens[i + 3].Display}' after the expression");
            }

            text = first.Text;
            location = first.Location with { Column = first.Location.Column + 1 };
        }
        else
        {
            text = RestOfCard(card, i + 2);
            location = first.Location;
        }

        var tree = BehavioralExpression.Parse(text, location);
        CheckNames(tree, text, location);
        return new ElementCard(name, nodes)
        {
            Behavior = new BehavioralValue(char.ToUpperInvariant(head.Text[0]), text),
            Location = card.Location,
        };
    }

    /// <summary>The raw tokens from the <paramref name="index"/>-th non-comma token to the end, joined by spaces.</summary>
    private static string RestOfCard(NetlistCard card, int index)
    {
        var seen = 0;
        var sb = new StringBuilder();
        foreach (var token in card.RawTokens)
        {
            if (seen >= index)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(token.Kind == TokenKind.Expression ? "(" + token.Text + ")" : token.Text);
            }

            if (token.Kind != TokenKind.Comma)
            {
                seen++;
            }
        }

        return sb.ToString();
    }

    private void CheckNames(BehavioralNode node, string text, SourceLocation location)
    {
        switch (node)
        {
            case BehavioralName n when !n.Name.Equals("time", StringComparison.OrdinalIgnoreCase)
                && !n.Name.Equals("pi", StringComparison.OrdinalIgnoreCase)
                && Current.Parameters.Lookup(n.Name) is null:
                throw new NetlistException(location, $"unknown parameter '{n.Name}' in expression '{text}': expected a .param name, time, pi, v(node) or i(source)");
            case BehavioralNegate u:
                CheckNames(u.Operand, text, location);
                break;
            case BehavioralBinary b:
                CheckNames(b.Left, text, location);
                CheckNames(b.Right, text, location);
                break;
            case BehavioralCall f:
                foreach (var argument in f.Arguments)
                {
                    CheckNames(argument, text, location);
                }

                break;
        }
    }
}
