namespace Crossbar.Circuit.Netlists;

/// <summary>The POLY(n) and TABLE forms of controlled sources (E G F H).</summary>
public sealed partial class NetlistReader
{
    /// <summary>Most controls a POLY(n) card may have.</summary>
    public const int MaxPolynomialDimensions = 16;

    private static bool IsPolynomial(TokenList tokens) =>
        tokens.Count > 4 && tokens[3].IsWordLike("poly") && tokens[4].Kind == TokenKind.LeftParen;

    private static bool IsTable(TokenList tokens) =>
        tokens.Count > 4 && tokens[3].IsWordLike("table") && tokens[4].Kind == TokenKind.Expression;

    /// <summary>
    /// <c>E n+ n- POLY(n) nc1+ nc1- … p0 p1 …</c> (E, G: node pairs) or <c>F n+ n- POLY(n) v1 … p0 p1 …</c> (F, H:
    /// voltage sources).
    /// </summary>
    private ElementCard ReadPolynomial(NetlistCard card, bool nodeControlled)
    {
        var tokens = card.Tokens;
        var name = tokens[0].Text;
        var nodes = new List<string>(ReadNodes(card, "n+ n-"));
        if (tokens.Count < 7 || tokens[5].Kind != TokenKind.Word || tokens[6].Kind != TokenKind.RightParen)
        {
            var at = tokens.Count > 5 ? tokens[5].Location : card.End;
            throw new NetlistException(at, $"{name}: expected POLY(n) with n the number of controls");
        }

        if (!int.TryParse(tokens[5].Span, out var dimensions) || dimensions < 1 || dimensions > MaxPolynomialDimensions)
        {
            throw new NetlistException(tokens[5].Location, $"{name}: POLY dimension '{tokens[5].Text}' must be a whole number from 1 to {MaxPolynomialDimensions}");
        }

        var i = 7;
        var sources = new List<string>();
        var controls = nodeControlled ? 2 * dimensions : dimensions;
        for (var k = 0; k < controls; k++, i++)
        {
            var what = nodeControlled ? $"control node {(k % 2 == 0 ? "nc+" : "nc-")} of control {(k / 2) + 1}" : $"controlling voltage source {k + 1}";
            if (i >= tokens.Count)
            {
                throw new NetlistException(card.End, $"{name}: missing {what} of POLY({dimensions})");
            }

            if (tokens[i].Kind != TokenKind.Word || IsAssignment(tokens, i))
            {
                throw new NetlistException(tokens[i].Location, $"{name}: expected {what} of POLY({dimensions}), found '{tokens[i].Display}'");
            }

            if (nodeControlled)
            {
                nodes.Add(NodeName(tokens[i]));
            }
            else
            {
                sources.Add(tokens[i].Text);
            }
        }

        var coefficients = new List<ParamValue>();
        for (; i < tokens.Count; i++)
        {
            coefficients.Add(ReadValue(tokens[i], "POLY coefficient"));
        }

        if (coefficients.Count == 0)
        {
            throw new NetlistException(card.End, $"{name}: missing POLY coefficients: expected p0 [p1 ...] after the controls");
        }

        var element = new ElementCard(name, nodes)
        {
            Polynomial = new PolynomialForm(dimensions, sources, coefficients),
            Location = card.Location,
        };
        if (!nodeControlled)
        {
            _references[element] = tokens[7];
        }

        return element;
    }

    /// <summary><c>E n+ n- TABLE {expr} = (x1, y1) (x2, y2) …</c> (the <c>=</c> optional).</summary>
    private ElementCard ReadTable(NetlistCard card)
    {
        var tokens = card.Tokens;
        var name = tokens[0].Text;
        var nodes = ReadNodes(card, "n+ n-");
        var input = tokens[4];
        var location = input.Location with { Column = input.Location.Column + 1 };
        var inputText = BehavioralText(input.Text, location);
        var i = 5;
        if (i < tokens.Count && tokens[i].Kind == TokenKind.EqualsSign)
        {
            i++;
        }

        var points = new List<(ParamValue X, ParamValue Y)>();
        while (i < tokens.Count)
        {
            if (tokens[i].Kind != TokenKind.LeftParen || i + 3 >= tokens.Count || tokens[i + 3].Kind != TokenKind.RightParen)
            {
                throw new NetlistException(tokens[i].Location, $"{name}: expected a TABLE point (x, y), found '{tokens[i].Display}'");
            }

            var x = ReadValue(tokens[i + 1], "TABLE x value");
            var y = ReadValue(tokens[i + 2], "TABLE y value");
            if (points.Count > 0 && x.Value <= points[^1].X.Value)
            {
                throw new NetlistException(tokens[i + 1].Location, $"{name}: TABLE x value {SpiceNumber.Format(x.Value)} is not after the previous {SpiceNumber.Format(points[^1].X.Value)}: x values must increase");
            }

            points.Add((x, y));
            i += 4;
        }

        if (points.Count == 0)
        {
            throw new NetlistException(card.End, $"{name}: missing TABLE points: expected (x1, y1) (x2, y2) ... after the expression");
        }

        return new ElementCard(name, nodes) { Table = new TableForm(inputText, points), Location = card.Location };
    }
}
