using System.Globalization;
using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// The one parser and printer of the expression language shared by <c>.param</c>, <c>{…}</c> values,
/// B sources and E/G <c>VALUE=</c>: numbers with SI suffixes, names, <c>v(a)</c>, <c>v(a,b)</c>,
/// <c>i(vname)</c>, the operators below, the functions of <see cref="ExpressionFunctions"/> and
/// <c>.func</c> user functions (inlined as they are parsed).
/// </summary>
/// <remarks>
/// Precedence, loosest first, as ngspice 39 B sources parse it (measured: <c>2^3^2</c> = 64,
/// <c>2==2&lt;3</c> = 0, <c>0||1&amp;&amp;0</c> = 0, <c>-2^2</c> = −4): <c>?:</c> (right associative);
/// <c>||</c>; <c>&amp;&amp;</c>; <c>== !=</c>; <c>&lt; &lt;= &gt; &gt;=</c>; <c>+ -</c>; <c>* /</c>;
/// unary <c>- + !</c>; <c>^</c>/<c>**</c> (left associative, its right operand may carry unary signs:
/// <c>2^-1</c> = 0.5).
/// </remarks>
public static class BehavioralExpression
{
    private const int MaxDepth = 200;

    /// <summary>Parses an expression without user functions.</summary>
    /// <param name="text">Expression text without braces.</param>
    /// <param name="location">Location of the first character, for errors.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown function or wrong argument count.</exception>
    public static BehavioralNode Parse(string text, SourceLocation? location = null) => Parse(text, location, null, out _);

    /// <summary>Parses an expression, inlining calls of user functions (<c>.func</c>).</summary>
    /// <param name="text">Expression text without braces.</param>
    /// <param name="location">Location of the first character, for errors.</param>
    /// <param name="functions">Finds a user function by name (null when there is none).</param>
    /// <param name="inlined">True when a user function was inlined (the tree no longer reads as the text).</param>
    /// <returns>The tree.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown function, wrong argument count, recursive <c>.func</c>.</exception>
    public static BehavioralNode Parse(string text, SourceLocation? location, Func<string, UserFunction?>? functions, out bool inlined)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, location ?? new SourceLocation("<expression>", 1, 1), functions, []);
        var tree = parser.ParseAll();
        inlined = parser.Inlined;
        return tree;
    }

    /// <summary>Prints a tree as expression text (parenthesised where precedence needs it) that <see cref="Parse(string, SourceLocation?)"/> reads back.</summary>
    /// <param name="node">The tree.</param>
    /// <returns>The text.</returns>
    public static string Print(BehavioralNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        Print(sb, node, 0);
        return sb.ToString();
    }

    /// <summary>
    /// Rewrites a tree: node names through <paramref name="node"/>, source names through
    /// <paramref name="source"/>, and names that <paramref name="parameter"/> resolves become numbers
    /// (used when a subcircuit instance is flattened).
    /// </summary>
    /// <param name="tree">The tree.</param>
    /// <param name="node">Maps a node name.</param>
    /// <param name="source">Maps a source name.</param>
    /// <param name="parameter">Value of a parameter, or null to keep the name.</param>
    /// <returns>The rewritten tree.</returns>
    public static BehavioralNode Rewrite(BehavioralNode tree, Func<string, string> node, Func<string, string> source, Func<string, double?> parameter)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Map(tree, n => n switch
        {
            BehavioralName name => parameter(name.Name) is { } value ? new BehavioralNumber(value) : null,
            BehavioralVoltage v => new BehavioralVoltage(node(v.Node), v.Reference is null ? null : node(v.Reference)),
            BehavioralCurrent c => new BehavioralCurrent(source(c.Source)),
            _ => null,
        });
    }

    /// <summary>Calls <paramref name="visit"/> on every node of a tree, parents first.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="visit">The visitor.</param>
    public static void Visit(BehavioralNode tree, Action<BehavioralNode> visit)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(visit);
        visit(tree);
        foreach (var child in Children(tree))
        {
            Visit(child, visit);
        }
    }

    private static IEnumerable<BehavioralNode> Children(BehavioralNode node) => node switch
    {
        BehavioralNegate u => [u.Operand],
        BehavioralNot u => [u.Operand],
        BehavioralBinary b => [b.Left, b.Right],
        BehavioralComparison b => [b.Left, b.Right],
        BehavioralLogical b => [b.Left, b.Right],
        BehavioralConditional c => [c.Condition, c.WhenTrue, c.WhenFalse],
        BehavioralCall f => f.Arguments,
        _ => [],
    };

    /// <summary>Rebuilds a tree bottom-up; <paramref name="leaf"/> replaces a node (or returns null to keep it and map its children).</summary>
    private static BehavioralNode Map(BehavioralNode tree, Func<BehavioralNode, BehavioralNode?> leaf)
    {
        if (leaf(tree) is { } replaced)
        {
            return replaced;
        }

        return tree switch
        {
            BehavioralNegate u => u with { Operand = Map(u.Operand, leaf) },
            BehavioralNot u => u with { Operand = Map(u.Operand, leaf) },
            BehavioralBinary b => b with { Left = Map(b.Left, leaf), Right = Map(b.Right, leaf) },
            BehavioralComparison b => b with { Left = Map(b.Left, leaf), Right = Map(b.Right, leaf) },
            BehavioralLogical b => b with { Left = Map(b.Left, leaf), Right = Map(b.Right, leaf) },
            BehavioralConditional c => c with { Condition = Map(c.Condition, leaf), WhenTrue = Map(c.WhenTrue, leaf), WhenFalse = Map(c.WhenFalse, leaf) },
            BehavioralCall f => f with { Arguments = f.Arguments.Select(a => Map(a, leaf)).ToList() },
            _ => tree,
        };
    }

    private const int UnaryLevel = 7;

    private static int Precedence(BehavioralNode node) => node switch
    {
        BehavioralConditional => 0,
        BehavioralLogical { Operator: '|' } => 1,
        BehavioralLogical => 2,
        BehavioralComparison { Operator: "==" or "!=" } => 3,
        BehavioralComparison => 4,
        BehavioralBinary { Operator: '+' or '-' } => 5,
        BehavioralBinary { Operator: '*' or '/' } => 6,
        BehavioralNegate or BehavioralNot or BehavioralNumber { Value: < 0 } => UnaryLevel,
        BehavioralBinary => 8,
        _ => 9,
    };

    private static void Print(StringBuilder sb, BehavioralNode node, int context)
    {
        int p = Precedence(node);
        bool parenthesise = p < context;
        if (parenthesise)
        {
            sb.Append('(');
        }

        switch (node)
        {
            case BehavioralNumber n:
                sb.Append(SpiceNumber.Format(n.Value));
                break;
            case BehavioralName n:
                sb.Append(n.Name);
                break;
            case BehavioralVoltage v:
                sb.Append("v(").Append(v.Node);
                if (v.Reference is not null)
                {
                    sb.Append(',').Append(v.Reference);
                }

                sb.Append(')');
                break;
            case BehavioralCurrent c:
                sb.Append("i(").Append(c.Source).Append(')');
                break;
            case BehavioralNegate u:
                sb.Append('-');
                Print(sb, u.Operand, UnaryLevel + 1);
                break;
            case BehavioralNot u:
                sb.Append('!');
                Print(sb, u.Operand, UnaryLevel + 1);
                break;
            case BehavioralBinary b:
                Infix(sb, b.Left, b.Operator.ToString(), b.Right, p);
                break;
            case BehavioralComparison b:
                Infix(sb, b.Left, b.Operator, b.Right, p);
                break;
            case BehavioralLogical b:
                Infix(sb, b.Left, b.Operator == '&' ? "&&" : "||", b.Right, p);
                break;
            case BehavioralConditional c:
                Print(sb, c.Condition, 1);
                sb.Append(" ? ");
                Print(sb, c.WhenTrue, 0);
                sb.Append(" : ");
                Print(sb, c.WhenFalse, 0);
                break;
            case BehavioralCall f:
                sb.Append(f.Function).Append('(');
                for (int k = 0; k < f.Arguments.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(',');
                    }

                    Print(sb, f.Arguments[k], 0);
                }

                sb.Append(')');
                break;
            default:
                throw new ArgumentException($"unknown expression node {node.GetType().Name}", nameof(node));
        }

        if (parenthesise)
        {
            sb.Append(')');
        }
    }

    /// <summary>A left-associative infix operator: the right operand is parenthesised at equal precedence.</summary>
    private static void Infix(StringBuilder sb, BehavioralNode left, string op, BehavioralNode right, int precedence)
    {
        Print(sb, left, precedence);
        sb.Append(op);
        Print(sb, right, precedence + 1);
    }

    private sealed class Parser(string text, SourceLocation origin, Func<string, UserFunction?>? functions, IReadOnlyList<string> expanding)
    {
        private int _pos;
        private int _depth;

        public bool Inlined { get; private set; }

        public BehavioralNode ParseAll()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, "empty expression: expected a number, parameter, function, v(node) or i(source)");
            }

            var value = ParseConditional();
            SkipSpace();
            if (_pos < text.Length)
            {
                throw Error(_pos, $"unexpected '{text[_pos]}' in expression '{text}': expected an operator or the end");
            }

            return value;
        }

        private BehavioralNode ParseConditional()
        {
            Enter();
            try
            {
                var condition = ParseOr();
                SkipSpace();
                if (!Peek('?'))
                {
                    return condition;
                }

                _pos++;
                var whenTrue = ParseConditional();
                SkipSpace();
                if (!Peek(':'))
                {
                    throw Error(_pos, $"expected ':' of the '?' in expression '{text}'");
                }

                _pos++;
                var whenFalse = ParseConditional();
                return new BehavioralConditional(condition, whenTrue, whenFalse);
            }
            finally
            {
                _depth--;
            }
        }

        private BehavioralNode ParseOr()
        {
            var value = ParseAnd();
            while (Match("||"))
            {
                value = new BehavioralLogical('|', value, ParseAnd());
            }

            return value;
        }

        private BehavioralNode ParseAnd()
        {
            var value = ParseEquality();
            while (Match("&&"))
            {
                value = new BehavioralLogical('&', value, ParseEquality());
            }

            return value;
        }

        private BehavioralNode ParseEquality()
        {
            var value = ParseRelational();
            while (true)
            {
                string? op = Match("==") ? "==" : Match("!=") ? "!=" : null;
                if (op is null)
                {
                    return value;
                }

                value = new BehavioralComparison(op, value, ParseRelational());
            }
        }

        private BehavioralNode ParseRelational()
        {
            var value = ParseSum();
            while (true)
            {
                string? op = Match("<=") ? "<=" : Match(">=") ? ">=" : Match("<") ? "<" : Match(">") ? ">" : null;
                if (op is null)
                {
                    return value;
                }

                value = new BehavioralComparison(op, value, ParseSum());
            }
        }

        private BehavioralNode ParseSum()
        {
            var value = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (Peek('+') || Peek('-'))
                {
                    int at = _pos;
                    char op = text[_pos++];
                    value = new BehavioralBinary(op, value, ParseProduct()) { Offset = at };
                }
                else
                {
                    return value;
                }
            }
        }

        private BehavioralNode ParseProduct()
        {
            var value = ParseUnary();
            while (true)
            {
                SkipSpace();
                if ((Peek('*') && !PeekAt(1, '*')) || Peek('/'))
                {
                    int at = _pos;
                    char op = text[_pos++];
                    value = new BehavioralBinary(op, value, ParseUnary()) { Offset = at };
                }
                else
                {
                    return value;
                }
            }
        }

        private BehavioralNode ParseUnary()
        {
            SkipSpace();
            Enter();
            try
            {
                if (Peek('-'))
                {
                    _pos++;
                    var operand = ParseUnary();
                    return operand is BehavioralNumber n ? new BehavioralNumber(-n.Value) : new BehavioralNegate(operand);
                }

                if (Peek('+'))
                {
                    _pos++;
                    return ParseUnary();
                }

                if (Peek('!') && !PeekAt(1, '='))
                {
                    _pos++;
                    return new BehavioralNot(ParseUnary());
                }

                return ParsePower();
            }
            finally
            {
                _depth--;
            }
        }

        private BehavioralNode ParsePower()
        {
            var value = ParsePrimary();
            while (true)
            {
                SkipSpace();
                int at = _pos;
                if (Peek('^'))
                {
                    _pos++;
                }
                else if (Peek('*') && PeekAt(1, '*'))
                {
                    _pos += 2;
                }
                else
                {
                    return value;
                }

                value = new BehavioralBinary('^', value, ParseExponent()) { Offset = at };
            }
        }

        /// <summary>The right operand of <c>^</c>: unary signs, then a primary (so <c>^</c> stays left associative).</summary>
        private BehavioralNode ParseExponent()
        {
            SkipSpace();
            Enter();
            try
            {
                if (Peek('-'))
                {
                    _pos++;
                    var operand = ParseExponent();
                    return operand is BehavioralNumber n ? new BehavioralNumber(-n.Value) : new BehavioralNegate(operand);
                }

                if (Peek('+'))
                {
                    _pos++;
                    return ParseExponent();
                }

                if (Peek('!') && !PeekAt(1, '='))
                {
                    _pos++;
                    return new BehavioralNot(ParseExponent());
                }

                return ParsePrimary();
            }
            finally
            {
                _depth--;
            }
        }

        private BehavioralNode ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, $"unexpected end of expression '{text}': expected a number, parameter, function or '('");
            }

            char c = text[_pos];
            if (c == '(')
            {
                int open = _pos;
                _pos++;
                var value = ParseConditional();
                SkipSpace();
                if (!Peek(')'))
                {
                    throw Error(_pos, $"missing ')' in expression '{text}' (opened at offset {open + 1})");
                }

                _pos++;
                return value;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1])))
            {
                return ParseNumber();
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                return ParseName();
            }

            throw Error(_pos, $"unexpected '{c}' in expression '{text}': expected a number, parameter, function or '('");
        }

        private BehavioralNumber ParseNumber()
        {
            int start = _pos;
            _pos = ExpressionNumber.End(text, _pos);
            string token = text[start.._pos];
            return SpiceNumber.TryParse(token, out double value)
                ? new BehavioralNumber(value)
                : throw Error(start, $"bad number '{token}' in expression '{text}'");
        }

        private BehavioralNode ParseName()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
            {
                _pos++;
            }

            string name = text[start.._pos];
            string lower = name.ToLowerInvariant();
            SkipSpace();
            if (!Peek('('))
            {
                return new BehavioralName(name) { Offset = start };
            }

            _pos++;
            if (lower is "v" or "i")
            {
                return ParseProbe(lower);
            }

            var args = ParseArguments(name);
            if (lower == "pi" && args.Count == 0)
            {
                return new BehavioralNumber(Math.PI);
            }

            if (ExpressionFunctions.TryFind(lower, out _, out int min, out int max))
            {
                if (args.Count < min || args.Count > max)
                {
                    string want = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"at least {min}";
                    throw Error(start, string.Create(CultureInfo.InvariantCulture, $"{lower}() takes {want} argument(s), got {args.Count} in expression '{text}'"));
                }

                return new BehavioralCall(lower, args) { Offset = start };
            }

            if (functions?.Invoke(name) is { } user)
            {
                return Inline(user, args, start);
            }

            throw Error(start, $"unknown function '{name}' in expression '{text}': expected v(), i(), a .func or one of {ExpressionFunctions.Names}");
        }

        private BehavioralNode ParseProbe(string lower)
        {
            string first = ReadNodeName(lower == "v" ? "node" : "source name");
            string? second = null;
            if (Peek(','))
            {
                if (lower == "i")
                {
                    throw Error(_pos, $"i() takes one source name in expression '{text}'");
                }

                _pos++;
                second = ReadNodeName("reference node");
            }

            if (!Peek(')'))
            {
                throw Error(_pos, $"expected ')' after {lower}({first} in expression '{text}'");
            }

            _pos++;
            return lower == "v" ? new BehavioralVoltage(Node(first), second is null ? null : Node(second)) : new BehavioralCurrent(first);
        }

        private List<BehavioralNode> ParseArguments(string name)
        {
            var args = new List<BehavioralNode>();
            SkipSpace();
            if (Peek(')'))
            {
                _pos++;
                return args;
            }

            while (true)
            {
                args.Add(ParseConditional());
                SkipSpace();
                if (Peek(','))
                {
                    _pos++;
                    continue;
                }

                if (Peek(')'))
                {
                    _pos++;
                    return args;
                }

                throw Error(_pos, $"expected ',' or ')' in the arguments of {name}() in expression '{text}'");
            }
        }

        /// <summary>Inlines a <c>.func</c>: its body parsed (with the functions it calls inlined), its parameters replaced by the arguments.</summary>
        private BehavioralNode Inline(UserFunction function, List<BehavioralNode> args, int at)
        {
            if (expanding.Contains(function.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(at, $"recursive .func '{function.Name}': {string.Join(" → ", expanding.Append(function.Name))} in expression '{text}'");
            }

            if (args.Count != function.Parameters.Count)
            {
                throw Error(at, string.Create(CultureInfo.InvariantCulture,
                    $".func {function.Name}() takes {function.Parameters.Count} argument(s) ({string.Join(", ", function.Parameters)}; defined at {function.Location}), got {args.Count} in expression '{text}'"));
            }

            var body = new Parser(function.Body, function.Location, functions, [.. expanding, function.Name]).ParseAll();
            Inlined = true;
            return Map(body, n => n is BehavioralName p && IndexOf(function.Parameters, p.Name) is var k and >= 0 ? args[k] : null);
        }

        private static int IndexOf(IReadOnlyList<string> names, string name)
        {
            for (int k = 0; k < names.Count; k++)
            {
                if (names[k].Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return k;
                }
            }

            return -1;
        }

        private string ReadNodeName(string what)
        {
            SkipSpace();
            int start = _pos;
            while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not (',' or ')' or '('))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error(_pos, $"expected a {what} in expression '{text}'");
            }

            string name = text[start.._pos];
            SkipSpace();
            return name;
        }

        private static string Node(string name)
        {
            string lower = name.ToLowerInvariant();
            return lower == "gnd" ? "0" : lower;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Error(_pos, $"expression nested more than {MaxDepth} levels deep");
            }
        }

        /// <summary>Consumes <paramref name="op"/> when it comes next (a one-character comparison not followed by '=').</summary>
        private bool Match(string op)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, op, 0, op.Length) != 0)
            {
                return false;
            }

            if (op.Length == 1 && PeekAt(1, '='))
            {
                return false;
            }

            _pos += op.Length;
            return true;
        }

        private bool Peek(char c) => _pos < text.Length && text[_pos] == c;

        private bool PeekAt(int offset, char c) => _pos + offset < text.Length && text[_pos + offset] == c;

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private NetlistException Error(int offset, string message) =>
            new(origin with { Column = origin.Column + offset }, message);
    }
}
