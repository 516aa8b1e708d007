using System.Globalization;
using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>A node of a parsed behavioural-source expression (ngspice B-source syntax).</summary>
public abstract record BehavioralNode;

/// <summary>A number.</summary>
/// <param name="Value">The value.</param>
public sealed record BehavioralNumber(double Value) : BehavioralNode;

/// <summary>A name: a <c>.param</c>, <c>time</c> or <c>pi</c>; resolved when the expression is compiled.</summary>
/// <param name="Name">The name as written.</param>
public sealed record BehavioralName(string Name) : BehavioralNode;

/// <summary><c>v(node)</c> or <c>v(node, reference)</c>; node names lower case, ground <c>0</c>.</summary>
/// <param name="Node">The node.</param>
/// <param name="Reference">The reference node, or null for ground.</param>
public sealed record BehavioralVoltage(string Node, string? Reference) : BehavioralNode;

/// <summary><c>i(vname)</c>: the branch current of a voltage source (or any element with a branch current).</summary>
/// <param name="Source">The element name.</param>
public sealed record BehavioralCurrent(string Source) : BehavioralNode;

/// <summary>Unary minus.</summary>
/// <param name="Operand">The operand.</param>
public sealed record BehavioralNegate(BehavioralNode Operand) : BehavioralNode;

/// <summary>A binary operator: <c>+ - * / ^</c>.</summary>
/// <param name="Operator">The operator character (<c>**</c> is stored as <c>^</c>).</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BehavioralBinary(char Operator, BehavioralNode Left, BehavioralNode Right) : BehavioralNode;

/// <summary>A function call.</summary>
/// <param name="Function">Function name, lower case.</param>
/// <param name="Arguments">Arguments.</param>
public sealed record BehavioralCall(string Function, IReadOnlyList<BehavioralNode> Arguments) : BehavioralNode;

/// <summary>
/// The expression of a B source: the quantity it defines (<c>V</c> or <c>I</c>) and the
/// expression text as it is written back (without braces).
/// </summary>
/// <param name="Quantity"><c>V</c> for a voltage source, <c>I</c> for a current source.</param>
/// <param name="Expression">Expression text without braces.</param>
public sealed record BehavioralValue(char Quantity, string Expression)
{
    /// <summary>Parses <see cref="Expression"/>.</summary>
    /// <param name="location">Location of the expression's first character, for errors.</param>
    /// <returns>The tree.</returns>
    public BehavioralNode Parse(SourceLocation? location = null) => BehavioralExpression.Parse(Expression, location);
}

/// <summary>
/// Parser and printer of behavioural-source expressions: numbers with SI suffixes, names,
/// <c>v(a)</c>, <c>v(a,b)</c>, <c>i(vname)</c>, <c>+ - * / ^ **</c>, unary minus, parentheses,
/// and the functions of <see cref="Functions"/>.
/// </summary>
/// <remarks>
/// Precedence as in <see cref="ExpressionEvaluator"/> (loosest first): <c>+ -</c>; <c>* /</c>;
/// unary <c>+ -</c>; <c>^</c> (right associative). As in ngspice 39 (measured), <c>x^y</c> and
/// <c>pow(x,y)</c> are |x|^y, <c>pwr(x,y)</c> is sgn(x)·|x|^y, <c>log</c> and <c>ln</c> are natural
/// logarithms, <c>u(x)</c> is the unit step (1 for x &gt; 0) and <c>uramp(x)</c> = max(x, 0).
/// </remarks>
public static class BehavioralExpression
{
    private const int MaxDepth = 200;

    /// <summary>Function names and their argument counts.</summary>
    public static IReadOnlyDictionary<string, int> Functions { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["sin"] = 1, ["cos"] = 1, ["tan"] = 1, ["asin"] = 1, ["acos"] = 1, ["atan"] = 1,
        ["sinh"] = 1, ["cosh"] = 1, ["tanh"] = 1, ["exp"] = 1, ["ln"] = 1, ["log"] = 1, ["log10"] = 1,
        ["sqrt"] = 1, ["abs"] = 1, ["sgn"] = 1, ["u"] = 1, ["uramp"] = 1,
        ["pow"] = 2, ["pwr"] = 2, ["min"] = 2, ["max"] = 2,
    };

    /// <summary>Parses an expression.</summary>
    /// <param name="text">Expression text without braces.</param>
    /// <param name="location">Location of the first character, for errors.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="NetlistException">Syntax error or unknown function.</exception>
    public static BehavioralNode Parse(string text, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text, location ?? new SourceLocation("<expression>", 1, 1)).ParseAll();
    }

    /// <summary>Prints a tree as ngspice B-source text (parenthesised where precedence needs it).</summary>
    /// <param name="node">The tree.</param>
    /// <returns>The text.</returns>
    public static string Print(BehavioralNode node)
    {
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
        return tree switch
        {
            BehavioralName n => parameter(n.Name) is { } value ? new BehavioralNumber(value) : n,
            BehavioralVoltage v => new BehavioralVoltage(node(v.Node), v.Reference is null ? null : node(v.Reference)),
            BehavioralCurrent c => new BehavioralCurrent(source(c.Source)),
            BehavioralNegate u => new BehavioralNegate(Rewrite(u.Operand, node, source, parameter)),
            BehavioralBinary b => new BehavioralBinary(b.Operator, Rewrite(b.Left, node, source, parameter), Rewrite(b.Right, node, source, parameter)),
            BehavioralCall f => new BehavioralCall(f.Function, f.Arguments.Select(a => Rewrite(a, node, source, parameter)).ToList()),
            _ => tree,
        };
    }

    private static int Precedence(BehavioralNode node) => node switch
    {
        BehavioralBinary { Operator: '+' or '-' } => 1,
        BehavioralBinary { Operator: '*' or '/' } => 2,
        BehavioralBinary => 4,
        BehavioralNegate or BehavioralNumber { Value: < 0 } => 0,
        _ => 5,
    };

    private static void Print(StringBuilder sb, BehavioralNode node, int context)
    {
        bool parenthesise = Precedence(node) < context;
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
                Print(sb, u.Operand, 4);
                break;
            case BehavioralBinary b:
                int p = Precedence(b);
                if (b.Operator == '^')
                {
                    Print(sb, b.Left, 5);
                    sb.Append('^');
                    Print(sb, b.Right, 3);
                }
                else
                {
                    Print(sb, b.Left, p);
                    sb.Append(b.Operator);
                    Print(sb, b.Right, p + 1);
                }

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

    private sealed class Parser(string text, SourceLocation origin)
    {
        private int _pos;
        private int _depth;

        public BehavioralNode ParseAll()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, "empty expression: expected a number, v(node), i(source), parameter or function");
            }

            var value = ParseSum();
            SkipSpace();
            if (_pos < text.Length)
            {
                throw Error(_pos, $"unexpected '{text[_pos]}' in expression '{text}': expected an operator or the end");
            }

            return value;
        }

        private BehavioralNode ParseSum()
        {
            var value = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (Peek('+') || Peek('-'))
                {
                    char op = text[_pos++];
                    value = new BehavioralBinary(op, value, ParseProduct());
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
                    char op = text[_pos++];
                    value = new BehavioralBinary(op, value, ParseUnary());
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
            if (++_depth > MaxDepth)
            {
                throw Error(_pos, $"expression nested more than {MaxDepth} levels deep");
            }

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
            SkipSpace();
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

            return new BehavioralBinary('^', value, ParseUnary());
        }

        private BehavioralNode ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, $"unexpected end of expression '{text}': expected a number, v(node), parameter or '('");
            }

            char c = text[_pos];
            if (c == '(')
            {
                int open = _pos;
                _pos++;
                var value = ParseSum();
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

            throw Error(_pos, $"unexpected '{c}' in expression '{text}': expected a number, v(node), parameter or '('");
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
                return new BehavioralName(name);
            }

            _pos++;
            if (lower is "v" or "i")
            {
                string first = ReadNodeName(lower == "v" ? "node" : "source name");
                string? second = null;
                if (Peek(','))
                {
                    if (lower == "i")
                    {
                        throw Error(_pos, $"i() takes one source name in '{text}'");
                    }

                    _pos++;
                    second = ReadNodeName("reference node");
                }

                if (!Peek(')'))
                {
                    throw Error(_pos, $"expected ')' after {lower}({first} in '{text}'");
                }

                _pos++;
                return lower == "v" ? new BehavioralVoltage(Node(first), second is null ? null : Node(second)) : new BehavioralCurrent(first);
            }

            if (!Functions.TryGetValue(lower, out int arity))
            {
                throw Error(start, $"unknown function '{name}' in expression '{text}': expected v() i() or one of {string.Join(' ', Functions.Keys)}");
            }

            var args = new List<BehavioralNode>();
            SkipSpace();
            if (!Peek(')'))
            {
                while (true)
                {
                    args.Add(ParseSum());
                    SkipSpace();
                    if (Peek(','))
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek(')'))
                    {
                        break;
                    }

                    throw Error(_pos, $"expected ',' or ')' in the arguments of {name}() in '{text}'");
                }
            }

            _pos++;
            if (args.Count != arity)
            {
                throw Error(start, string.Create(CultureInfo.InvariantCulture, $"{lower}() takes {arity} argument(s), got {args.Count} in '{text}'"));
            }

            return new BehavioralCall(lower, args);
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
                throw Error(_pos, $"expected a {what} in '{text}'");
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
