using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary><c>.measure</c> (<c>.meas</c>) cards.</summary>
public sealed partial class NetlistReader
{
    private const string MeasureForms =
        "expected '.measure tran|dc|ac|op name' then TRIG … TARG …, FIND v(x) WHEN|AT=, WHEN v(x)=value, AVG|RMS|MIN|MAX|MIN_AT|MAX_AT|PP|INTEG|DERIV v(x), or PARAM='expression'";

    /// <summary>Standard parameters of a measure clause.</summary>
    private static readonly HashSet<string> MeasureParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "val", "td", "rise", "fall", "cross", "from", "to", "at",
    };

    /// <summary>Reads one <c>.measure</c> card (the grammar of ngspice 39's <c>.meas</c>, manual §15.4).</summary>
    private MeasureCard ReadMeasure(NetlistCard card)
    {
        var tokens = card.Tokens;
        string command = tokens[0].Lower;
        if (tokens.Count < 4)
        {
            throw new NetlistException(card.End, $"{command}: {MeasureForms}");
        }

        var analysis = tokens[1];
        if (!analysis.IsWord || analysis.Lower is not ("tran" or "dc" or "ac" or "op"))
        {
            throw new NetlistException(analysis.Location, $"{command}: expected an analysis type (tran, dc, ac or op), found '{analysis.Display}'");
        }

        var nameToken = tokens[2];
        if (!nameToken.IsWord || !IsIdentifier(nameToken.Text))
        {
            throw new NetlistException(nameToken.Location, $"{command}: expected a result name (letters, digits, _), found '{nameToken.Display}'");
        }

        string name = nameToken.Lower;
        if (_netlist.Measures.Any(m => m.Name == name && m.Analysis == analysis.Lower))
        {
            throw new NetlistException(nameToken.Location, $"{command}: duplicate measure '{nameToken.Text}' for {analysis.Lower}");
        }

        var function = tokens[3];
        var reader = new MeasureClauseReader(this, card, $"{command} {name}", analysis.Lower, 4);
        MeasureCard measure = function.IsWord ? function.Lower switch
        {
            "trig" => reader.TrigTarg(analysis.Lower, name),
            "find" => reader.Find(analysis.Lower, name),
            "when" => reader.When(analysis.Lower, name),
            "avg" => reader.Window(analysis.Lower, name, MeasureKind.Average),
            "rms" => reader.Window(analysis.Lower, name, MeasureKind.Rms),
            "min" => reader.Window(analysis.Lower, name, MeasureKind.Minimum),
            "max" => reader.Window(analysis.Lower, name, MeasureKind.Maximum),
            "min_at" => reader.Window(analysis.Lower, name, MeasureKind.MinimumAt),
            "max_at" => reader.Window(analysis.Lower, name, MeasureKind.MaximumAt),
            "pp" => reader.Window(analysis.Lower, name, MeasureKind.PeakToPeak),
            "integ" or "integral" => reader.Window(analysis.Lower, name, MeasureKind.Integral),
            "deriv" or "derivative" => reader.Derivative(analysis.Lower, name),
            "param" => reader.Param(analysis.Lower, name),
            _ => throw new NetlistException(function.Location, $"{command} {name}: unknown function '{function.Text}': {MeasureForms}"),
        }
        : throw new NetlistException(function.Location, $"{command} {name}: expected a function, found '{function.Display}': {MeasureForms}");

        if (analysis.Lower == "op" && (measure.Kind is not (MeasureKind.Find or MeasureKind.Param) || measure.Trigger is not null))
        {
            throw new NetlistException(function.Location, $"{command} {name}: an op measure can only be FIND v(x) or PARAM='expression'");
        }

        return measure with { Text = MeasureText(card), Location = card.Location };
    }

    /// <summary>The card as one line: words separated by spaces, <c>=</c> and parentheses without, commas between the nodes of <c>v(a,b)</c>, expressions quoted.</summary>
    private static string MeasureText(NetlistCard card)
    {
        var sb = new StringBuilder();
        var depth = 0;
        NetlistToken? previous = null;
        foreach (var token in card.Tokens)
        {
            bool word = token.Kind is TokenKind.Word or TokenKind.Expression or TokenKind.Quoted;
            if (word && previous is { } p && p.Kind is TokenKind.Word or TokenKind.Expression or TokenKind.Quoted or TokenKind.RightParen)
            {
                sb.Append(depth > 0 ? ',' : ' ');
            }

            switch (token.Kind)
            {
                case TokenKind.Expression:
                    sb.Append('\'').Append(token.Text).Append('\'');
                    break;
                case TokenKind.Quoted:
                    sb.Append('"').Append(token.Text).Append('"');
                    break;
                case TokenKind.LeftParen:
                    depth++;
                    sb.Append('(');
                    break;
                case TokenKind.RightParen:
                    depth = Math.Max(0, depth - 1);
                    sb.Append(')');
                    break;
                case TokenKind.EqualsSign:
                    sb.Append('=');
                    break;
                default:
                    sb.Append(token.Text);
                    break;
            }

            previous = token;
        }

        return sb.ToString();
    }

    /// <summary>Reads the clauses of one measure card left to right.</summary>
    private sealed class MeasureClauseReader(NetlistReader reader, NetlistCard card, string what, string analysis, int start)
    {
        private readonly TokenList _tokens = card.Tokens;
        private int _i = start;

        private bool AtEnd => _i >= _tokens.Count;

        private NetlistToken Current => _tokens[_i];

        private SourceLocation Here => AtEnd ? card.End : Current.Location;

        public MeasureCard TrigTarg(string analysis, string name)
        {
            var window = new MeasureWindow();
            MeasureCondition trigger = Point("TRIG", window, "targ");
            if (AtEnd || !Current.IsWordLike("targ"))
            {
                throw new NetlistException(Here, $"{what}: expected TARG after the TRIG clause");
            }

            _i++;
            MeasureCondition target = Point("TARG", window, null);
            return new MeasureCard(analysis, name, MeasureKind.TrigTarg) { Trigger = trigger, Target = target, From = window.From, To = window.To };
        }

        public MeasureCard Find(string analysis, string name)
        {
            MeasureVector vector = Vector("FIND");
            var window = new MeasureWindow();
            if (!AtEnd && Current.IsWordLike("when"))
            {
                _i++;
                MeasureCondition when = Condition(window);
                return new MeasureCard(analysis, name, MeasureKind.Find) { Vector = vector, Trigger = when, From = window.From, To = window.To };
            }

            if (analysis == "op")
            {
                ExpectEnd();
                return new MeasureCard(analysis, name, MeasureKind.Find) { Vector = vector };
            }

            var parameters = Parameters(window, null);
            if (parameters.At is not { } at)
            {
                throw new NetlistException(Here, $"{what}: FIND {vector} needs WHEN … or AT=value");
            }

            return new MeasureCard(analysis, name, MeasureKind.Find)
            {
                Vector = vector,
                Trigger = new MeasureCondition(null, 0, null, CrossingEdge.First, 1, 0, at),
                From = window.From,
                To = window.To,
            };
        }

        public MeasureCard When(string analysis, string name)
        {
            var window = new MeasureWindow();
            MeasureCondition when = Condition(window);
            return new MeasureCard(analysis, name, MeasureKind.When) { Trigger = when, From = window.From, To = window.To };
        }

        public MeasureCard Derivative(string analysis, string name)
        {
            MeasureCard find = Find(analysis, name);
            return find with { Kind = MeasureKind.Derivative };
        }

        public MeasureCard Window(string analysis, string name, MeasureKind kind)
        {
            string keyword = kind switch
            {
                MeasureKind.Average => "AVG",
                MeasureKind.Minimum => "MIN",
                MeasureKind.Maximum => "MAX",
                MeasureKind.MinimumAt => "MIN_AT",
                MeasureKind.MaximumAt => "MAX_AT",
                MeasureKind.PeakToPeak => "PP",
                MeasureKind.Integral => "INTEG",
                _ => "RMS",
            };
            MeasureVector vector = Vector(keyword);
            var window = new MeasureWindow();
            var parameters = Parameters(window, null);
            if (parameters.Level is not null || parameters.Edge != CrossingEdge.First || parameters.At is not null)
            {
                throw new NetlistException(parameters.Location!, $"{what}: {keyword} takes only FROM=, TO= and TD=");
            }

            if (window.From is { } from && window.To is { } to && to < from && analysis != "dc")
            {
                throw new NetlistException(card.Location, FormattableString.Invariant($"{what}: TO={to:G6} is before FROM={from:G6}"));
            }

            return new MeasureCard(analysis, name, kind) { Vector = vector, From = window.From, To = window.To };
        }

        public MeasureCard Param(string analysis, string name)
        {
            if (AtEnd || Current.Kind != TokenKind.EqualsSign || _i + 1 >= _tokens.Count)
            {
                throw new NetlistException(Here, $"{what}: expected PARAM='expression'");
            }

            var value = _tokens[_i + 1];
            if (value.Kind is not (TokenKind.Expression or TokenKind.Word))
            {
                throw new NetlistException(value.Location, $"{what}: expected PARAM='expression', found '{value.Display}'");
            }

            _i += 2;
            ExpectEnd();
            return new MeasureCard(analysis, name, MeasureKind.Param) { Expression = value.Text };
        }

        /// <summary>A TRIG or TARG clause: a vector with VAL= and RISE|FALL|CROSS=, or AT=.</summary>
        private MeasureCondition Point(string clause, MeasureWindow window, string? stopAt)
        {
            if (!AtEnd && Current.IsWordLike("at") && _i + 1 < _tokens.Count && _tokens[_i + 1].Kind == TokenKind.EqualsSign)
            {
                var atOnly = Parameters(window, stopAt);
                return new MeasureCondition(null, 0, null, CrossingEdge.First, 1, atOnly.Delay, atOnly.At);
            }

            MeasureVector vector = Vector(clause);
            var parameters = Parameters(window, stopAt);
            if (parameters.At is { } at)
            {
                return new MeasureCondition(null, 0, null, CrossingEdge.First, 1, parameters.Delay, at);
            }

            if (parameters.Level is not { } level)
            {
                throw new NetlistException(Here, $"{what}: {clause} {vector} needs VAL=value");
            }

            if (parameters.Edge == CrossingEdge.First)
            {
                throw new NetlistException(Here, $"{what}: {clause} {vector} needs RISE=, FALL= or CROSS= (a number or LAST), or AT=");
            }

            return new MeasureCondition(vector, level, null, parameters.Edge, parameters.Count, parameters.Delay, null);
        }

        /// <summary>A WHEN condition: <c>v(x)=value</c> or <c>v(x)=v(y)</c>, then TD=, RISE|FALL|CROSS=, FROM=, TO=.</summary>
        private MeasureCondition Condition(MeasureWindow window)
        {
            MeasureVector vector = Vector("WHEN");
            if (AtEnd || Current.Kind != TokenKind.EqualsSign || _i + 1 >= _tokens.Count)
            {
                throw new NetlistException(Here, $"{what}: expected WHEN {vector}=value");
            }

            _i++;
            double level = 0;
            MeasureVector? levelVector = null;
            if (IsVectorStart(_i))
            {
                levelVector = Vector("WHEN");
            }
            else
            {
                level = reader.ReadValue(Current, $"the level of {what}").Value;
                _i++;
            }

            var parameters = Parameters(window, null);
            if (parameters.Level is not null || parameters.At is not null)
            {
                throw new NetlistException(parameters.Location!, $"{what}: WHEN takes TD=, RISE=, FALL=, CROSS=, FROM= and TO=, not VAL= or AT=");
            }

            return new MeasureCondition(vector, level, levelVector, parameters.Edge, parameters.Count, parameters.Delay, null);
        }

        private bool IsVectorStart(int i) =>
            i + 1 < _tokens.Count && _tokens[i].IsWord && _tokens[i + 1].Kind == TokenKind.LeftParen;

        /// <summary><c>v(node)</c>, <c>v(a,b)</c>, <c>i(vsource)</c>, and for AC <c>vm vp vdb vr vi</c> (<c>im ip idb ir ii</c>).</summary>
        private MeasureVector Vector(string clause)
        {
            const string expected = "expected v(node), v(node,node) or i(vsource) (vm, vp, vdb, vr, vi for ac)";
            if (!IsVectorStart(_i))
            {
                throw new NetlistException(Here, $"{what}: {clause}: {expected}, found '{(AtEnd ? "end of line" : Current.Display)}'");
            }

            string head = Current.Lower;
            char kind = head[0];
            char part = head.Length == 1 ? 'r' : head[1..] switch { "m" => 'm', "p" => 'p', "db" => 'd', "r" => 'r', "i" => 'i', _ => '?' };
            if (kind is not ('v' or 'i') || part == '?')
            {
                throw new NetlistException(Current.Location, $"{what}: {clause}: unsupported vector '{Current.Text}(…)': {expected}");
            }

            int j = _i + 2;
            var names = new List<NetlistToken>();
            while (j < _tokens.Count && _tokens[j].IsWord && names.Count < 2)
            {
                names.Add(_tokens[j++]);
            }

            if (names.Count == 0 || j >= _tokens.Count || _tokens[j].Kind != TokenKind.RightParen || (kind == 'i' && names.Count != 1))
            {
                throw new NetlistException(j < _tokens.Count ? _tokens[j].Location : card.End, $"{what}: {clause}: malformed vector: {expected}");
            }

            if (part != 'r' && analysis != "ac")
            {
                throw new NetlistException(Current.Location, $"{what}: {clause}: '{Current.Text}(…)' is an ac vector: expected v(…) or i(…) in a {analysis} measure");
            }

            _i = j + 1;
            var vector = kind == 'v'
                ? new OutputVector('v', NodeName(names[0].Text), names.Count > 1 ? NodeName(names[1].Text) : null)
                : new OutputVector('i', names[0].Text);
            return new MeasureVector(vector, part);
        }

        /// <summary>Reads <c>name=value</c> parameters up to <paramref name="stopAt"/> (a keyword) or the end of the card.</summary>
        private ClauseParameters Parameters(MeasureWindow window, string? stopAt)
        {
            var result = new ClauseParameters();
            while (!AtEnd && !(stopAt is not null && Current.IsWordLike(stopAt)))
            {
                var key = Current;
                if (!key.IsWord || !MeasureParameters.Contains(key.Text))
                {
                    throw new NetlistException(key.Location, $"{what}: unexpected '{key.Display}': expected VAL=, TD=, RISE=, FALL=, CROSS=, FROM=, TO= or AT=");
                }

                if (_i + 2 >= _tokens.Count || _tokens[_i + 1].Kind != TokenKind.EqualsSign)
                {
                    throw new NetlistException(_i + 1 < _tokens.Count ? _tokens[_i + 1].Location : key.End, $"{what}: expected {key.Text}=value");
                }

                var valueToken = _tokens[_i + 2];
                string lower = key.Lower;
                result.Location ??= key.Location;
                if (lower is "rise" or "fall" or "cross")
                {
                    result.Edge = lower switch { "rise" => CrossingEdge.Rise, "fall" => CrossingEdge.Fall, _ => CrossingEdge.Cross };
                    if (valueToken.IsWordLike("last"))
                    {
                        result.Count = MeasureCondition.Last;
                    }
                    else
                    {
                        double count = reader.ReadValue(valueToken, $"{key.Text}= of {what}").Value;
                        if (count < 1 || count > int.MaxValue || count != Math.Floor(count))
                        {
                            throw new NetlistException(valueToken.Location, $"{what}: {key.Text}= must be a positive integer or LAST, found '{valueToken.Display}'");
                        }

                        result.Count = (int)count;
                    }
                }
                else
                {
                    double value = reader.ReadValue(valueToken, $"{key.Text}= of {what}").Value;
                    switch (lower)
                    {
                        case "val":
                            result.Level = value;
                            break;
                        case "td":
                            result.Delay = value;
                            break;
                        case "from":
                            window.From = value;
                            break;
                        case "to":
                            window.To = value;
                            break;
                        default:
                            result.At = value;
                            break;
                    }
                }

                _i += 3;
            }

            return result;
        }

        private void ExpectEnd()
        {
            if (!AtEnd)
            {
                throw new NetlistException(Current.Location, $"{what}: unexpected '{Current.Display}' at the end of the card");
            }
        }
    }

    /// <summary>FROM= and TO= of a card, shared by its clauses.</summary>
    private sealed class MeasureWindow
    {
        public double? From { get; set; }

        public double? To { get; set; }
    }

    /// <summary>The parameters of one clause.</summary>
    private sealed class ClauseParameters
    {
        public double? Level { get; set; }

        public double Delay { get; set; }

        public double? At { get; set; }

        public CrossingEdge Edge { get; set; } = CrossingEdge.First;

        public int Count { get; set; } = 1;

        public SourceLocation? Location { get; set; }
    }
}
