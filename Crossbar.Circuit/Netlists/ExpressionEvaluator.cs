namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Evaluates SPICE parameter expressions (the text inside <c>{...}</c> and <c>.param</c> values):
/// <c>+ - * / ^ **</c>, unary minus, parentheses, numbers with SI suffixes, parameter names and
/// the functions sqrt exp log ln log10 abs sin cos tan atan sinh cosh tanh pow min max pi.
/// </summary>
/// <remarks>
/// Precedence, loosest first: <c>+ -</c>; <c>* /</c>; unary <c>+ -</c>; <c>^</c>/<c>**</c>
/// (right associative, so <c>-2^2 = -4</c> and <c>2^-1 = 0.5</c>). <c>log</c> is the natural
/// logarithm as in ngspice. A result that is not finite (division by zero, sqrt of a negative
/// number) is an error, reported at the operator or function.
/// </remarks>
public static class ExpressionEvaluator
{
    private const int MaxDepth = 200;

    /// <summary>Evaluates an expression with parameters from a dictionary.</summary>
    /// <param name="expression">Expression text without braces.</param>
    /// <param name="parameters">Parameter values by name (the caller chooses the comparer; SPICE names are case-insensitive).</param>
    /// <param name="location">Location of the first character of <paramref name="expression"/>, for errors.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown parameter or function, non-finite result.</exception>
    public static double Evaluate(string expression, IReadOnlyDictionary<string, double> parameters, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Evaluate(expression, name => parameters.TryGetValue(name, out var v) ? v : null, location);
    }

    /// <summary>Evaluates an expression, resolving parameter names through a callback.</summary>
    /// <param name="expression">Expression text without braces.</param>
    /// <param name="lookup">Returns a parameter's value, or null when it is not defined.</param>
    /// <param name="location">Location of the first character of <paramref name="expression"/>, for errors.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NetlistException">Syntax error, unknown parameter or function, non-finite result.</exception>
    public static double Evaluate(string expression, Func<string, double?> lookup, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(lookup);
        var parser = new Parser(expression, lookup, location ?? new SourceLocation("<expression>", 1, 1));
        return parser.ParseAll();
    }

    private sealed class Parser(string text, Func<string, double?> lookup, SourceLocation origin)
    {
        private int _pos;
        private int _depth;

        public double ParseAll()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, $"empty expression: expected a number, parameter or function");
            }

            var value = ParseSum();
            SkipSpace();
            if (_pos < text.Length)
            {
                throw Error(_pos, $"unexpected '{text[_pos]}' in expression '{text}': expected an operator or the end");
            }

            return Check(value, 0, "expression");
        }

        private double ParseSum()
        {
            var value = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (Peek('+'))
                {
                    _pos++;
                    value += ParseProduct();
                }
                else if (Peek('-'))
                {
                    _pos++;
                    value -= ParseProduct();
                }
                else
                {
                    return value;
                }
            }
        }

        private double ParseProduct()
        {
            var value = ParseUnary();
            while (true)
            {
                SkipSpace();
                if (Peek('*') && !PeekAt(1, '*'))
                {
                    _pos++;
                    value *= ParseUnary();
                }
                else if (Peek('/'))
                {
                    var at = _pos;
                    _pos++;
                    var divisor = ParseUnary();
                    if (divisor == 0)
                    {
                        throw Error(at, $"division by zero in expression '{text}'");
                    }

                    value /= divisor;
                }
                else
                {
                    return value;
                }
            }
        }

        private double ParseUnary()
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
                    return -ParseUnary();
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

        private double ParsePower()
        {
            var value = ParsePrimary();
            SkipSpace();
            var at = _pos;
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

            var exponent = ParseUnary();
            return Check(Math.Pow(value, exponent), at, "power");
        }

        private double ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error(_pos, $"unexpected end of expression '{text}': expected a number, parameter or '('");
            }

            var c = text[_pos];
            if (c == '(')
            {
                var open = _pos;
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

            throw Error(_pos, $"unexpected '{c}' in expression '{text}': expected a number, parameter or '('");
        }

        private double ParseNumber()
        {
            var start = _pos;
            _pos = ExpressionNumber.End(text, _pos);
            var token = text[start.._pos];
            if (!SpiceNumber.TryParse(token, out var value))
            {
                throw Error(start, $"bad number '{token}' in expression '{text}'");
            }

            return value;
        }

        private double ParseName()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
            {
                _pos++;
            }

            var name = text[start.._pos];
            SkipSpace();
            if (Peek('('))
            {
                _pos++;
                var args = new List<double>();
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
                return CallFunction(name, args, start);
            }

            var value = lookup(name);
            if (value is { } v)
            {
                return v;
            }

            if (string.Equals(name, "pi", StringComparison.OrdinalIgnoreCase))
            {
                return Math.PI;
            }

            throw Error(start, $"unknown parameter '{name}' in expression '{text}'");
        }

        private double CallFunction(string name, List<double> args, int at)
        {
            var lower = name.ToLowerInvariant();
            var expected = lower switch
            {
                "pi" => 0,
                "sqrt" or "exp" or "log" or "ln" or "log10" or "abs" or "sin" or "cos" or "tan" or "atan" or "sinh" or "cosh" or "tanh" => 1,
                "pow" => 2,
                "min" or "max" => -2,
                _ => throw Error(at, $"unknown function '{name}' in expression '{text}': expected one of sqrt exp log ln log10 abs sin cos tan atan sinh cosh tanh pow min max pi"),
            };
            if ((expected >= 0 && args.Count != expected) || (expected < 0 && args.Count < -expected))
            {
                var want = expected >= 0 ? expected.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least 2";
                throw Error(at, $"{lower}() takes {want} argument(s), got {args.Count} in '{text}'");
            }

            var result = lower switch
            {
                "pi" => Math.PI,
                "sqrt" => Math.Sqrt(args[0]),
                "exp" => Math.Exp(args[0]),
                "log" or "ln" => Math.Log(args[0]),
                "log10" => Math.Log10(args[0]),
                "abs" => Math.Abs(args[0]),
                "sin" => Math.Sin(args[0]),
                "cos" => Math.Cos(args[0]),
                "tan" => Math.Tan(args[0]),
                "atan" => Math.Atan(args[0]),
                "sinh" => Math.Sinh(args[0]),
                "cosh" => Math.Cosh(args[0]),
                "tanh" => Math.Tanh(args[0]),
                "pow" => Math.Pow(args[0], args[1]),
                "min" => args.Min(),
                _ => args.Max(),
            };
            return Check(result, at, lower + "()");
        }

        private double Check(double value, int at, string what) =>
            double.IsFinite(value)
                ? value
                : throw Error(at, $"{what} gives {(double.IsNaN(value) ? "NaN" : "infinity")} in expression '{text}'");

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
