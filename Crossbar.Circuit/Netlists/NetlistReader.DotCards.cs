using System.Globalization;

namespace Crossbar.Circuit.Netlists;

/// <summary>Dot cards: .param .func .model .subckt/.ends .options .ic .nodeset .global .temp .op .dc .tran .ac .save .print/.plot .title.</summary>
public sealed partial class NetlistReader
{
    private const string SupportedDotCards =
        ".param .func .model .subckt .ends .include .lib .global .options .temp .ic .nodeset .op .dc .tran .ac .save .print .plot .measure .step .title .control/.endc .end (.csparam .width .probe: read and ignored)";

    /// <summary>Options the engine understands.</summary>
    private static readonly HashSet<string> RecognisedOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "reltol", "abstol", "vntol", "gmin", "trtol", "chgtol", "itl1", "itl4", "pivrel", "pivtol", "method", "seed", "maxpoints", "temp", "tnom",
    };

    /// <summary>ngspice options that change nothing in the results (printing, convergence aids); kept so the writer prints them back.</summary>
    private static readonly HashSet<string> HarmlessOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "noopiter", "gminsteps", "noinit", "acct", "noacct", "nopage", "norefvalue", "list", "nomod", "numdgt", "keepopinfo", "savecurrents",
    };

    private void ReadDotCard(NetlistCard card)
    {
        var head = card.Tokens[0];
        var command = head.Lower;
        switch (command)
        {
            case ".param":
                if (Current.Definition is { } definition)
                {
                    ReadParameterCard(card, Current.Parameters, (name, value) => definition.Parameters.Add(new(name, value)));
                }

                return;
            case ".func":
                if (Current.Definition is not null)
                {
                    ReadFunction(card, Current.Parameters);
                }

                return;
            case ".model":
                ReadModel(card);
                return;
            case ".subckt":
                BeginSubcircuit(card);
                return;
            case ".ends":
                EndSubcircuit(card);
                return;
        }

        if (command is ".options" or ".option" or ".opt" or ".ic" or ".nodeset" or ".global" or ".temp" or ".op" or ".dc" or ".tran" or ".ac" or ".save" or ".print" or ".plot" or ".title"
            or ".measure" or ".meas" or ".step")
        {
            if (Current.Definition is { } inside)
            {
                throw new NetlistException(head.Location, $"{command} is not allowed inside .subckt '{inside.Name}': expected it at the top level");
            }
        }

        switch (command)
        {
            case ".options" or ".option" or ".opt":
                ReadOptions(card);
                break;
            case ".ic":
                ReadNodeValues(card, _netlist.InitialConditions, "initial voltage");
                break;
            case ".nodeset":
                ReadNodeValues(card, _netlist.Nodesets, "node voltage guess");
                break;
            case ".global":
                ReadGlobalNodes(card);
                break;
            case ".temp":
                ReadTemperature(card);
                break;
            case ".lib":
                throw new NetlistException(card.Tokens.Count > 1 ? card.Tokens[1].Location : card.End, card.Tokens.Count > 1
                    ? $".lib {card.Tokens[1].Display}: a section definition belongs in a library file; expected '.lib file section' here"
                    : ".lib: expected '.lib file section'");
            case ".endl":
                throw new NetlistException(head.Location, ".endl without a .lib section: sections are defined in library files read by '.lib file section'");
            case ".op":
                ExpectEnd(card, 1, ".op");
                _netlist.Analyses.Add(new OpAnalysisCard { Location = card.Location });
                break;
            case ".dc":
                ReadDc(card);
                break;
            case ".tran":
                ReadTran(card);
                break;
            case ".ac":
                ReadAc(card);
                break;
            case ".save":
                _netlist.Saves.AddRange(ReadVectors(card, 1));
                break;
            case ".print" or ".plot":
                ReadPrint(card);
                break;
            case ".measure" or ".meas":
                _netlist.Measures.Add(ReadMeasure(card));
                break;
            case ".step":
                _netlist.Steps.Add(ReadStep(card));
                break;
            case ".title":
                var text = card.FirstLine.TrimStart();
                _netlist.Title = text.Length > 6 ? text[6..].Trim() : string.Empty;
                break;
            case ".csparam" or ".width" or ".probe":
                _netlist.Warnings.Add($"{card.Location}: {command} ignored: {IgnoredCardReason(command)}");
                break;
            default:
                throw new NetlistException(head.Location, $"unsupported dot-command '{head.Text}': expected one of {SupportedDotCards}");
        }
    }

    /// <summary>Why a card that changes no result is read and ignored.</summary>
    private static string IgnoredCardReason(string command) => command switch
    {
        ".csparam" => "it gives parameters to control scripts, which are not run",
        ".width" => "it sets the width of printed output",
        _ => "it asks for extra device vectors; every node voltage and voltage-source current is saved already",
    };

    private static void ExpectEnd(NetlistCard card, int i, string form)
    {
        if (i < card.Tokens.Count)
        {
            throw new NetlistException(card.Tokens[i].Location, $"unexpected '{card.Tokens[i].Display}': expected '{form}'");
        }
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary><c>.param a=1 b={a*2} c = a + 1</c>: values evaluated in order in <paramref name="scope"/>.</summary>
    private static void ReadParameterCard(NetlistCard card, ParameterScope scope, Action<string, ParamValue> add)
    {
        var tokens = card.RawTokens;
        var i = 1;
        if (tokens.Count <= 1)
        {
            throw new NetlistException(card.End, ".param: expected name=value");
        }

        while (i < tokens.Count)
        {
            if (tokens[i].Kind == TokenKind.Comma)
            {
                i++;
                continue;
            }

            var name = tokens[i];
            if (!name.IsWord || !IsIdentifier(name.Text))
            {
                throw new NetlistException(name.Location, $".param: expected a parameter name (letters, digits, _), found '{name.Display}'");
            }

            if (i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.EqualsSign)
            {
                throw new NetlistException(i + 1 < tokens.Count ? tokens[i + 1].Location : name.End, $".param: expected '=' after parameter name '{name.Text}'");
            }

            var j = i + 2;
            while (j < tokens.Count && !(tokens[j].IsWord && j + 1 < tokens.Count && tokens[j + 1].Kind == TokenKind.EqualsSign))
            {
                j++;
            }

            var end = j;
            while (end > i + 2 && tokens[end - 1].Kind == TokenKind.Comma)
            {
                end--;
            }

            if (end == i + 2)
            {
                throw new NetlistException(tokens[i + 1].End, $".param: missing value for '{name.Text}'");
            }

            var valueTokens = tokens.GetRange(i + 2, end - (i + 2));
            var value = ParameterValue(valueTokens, scope);
            scope.Set(name.Text, value.Value);
            add(name.Lower, value);
            i = j;
        }
    }

    private static ParamValue ParameterValue(TokenList tokens, ParameterScope scope)
    {
        var first = tokens[0];
        if (tokens.Count == 1 && first.Kind == TokenKind.Word && SpiceNumber.TryParse(first.Text, out var number))
        {
            return number;
        }

        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Quoted || (token.Kind == TokenKind.Expression && tokens.Count > 1))
            {
                throw new NetlistException(token.Location, $".param: unexpected '{token.Display}' in a value: expected a number or an expression");
            }
        }

        var text = tokens.Count == 1 && first.Kind == TokenKind.Expression
            ? first.Text
            : string.Join(' ', tokens.Select(t => t.Text));
        var location = first.Kind == TokenKind.Expression ? first.Location with { Column = first.Location.Column + 1 } : first.Location;
        return scope.Evaluate(text, location);
    }

    private void ReadModel(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count < 2 || tokens[1].Kind != TokenKind.Word)
        {
            throw new NetlistException(tokens.Count < 2 ? card.End : tokens[1].Location, ".model: expected 'name type (param=value ...)'");
        }

        if (tokens.Count < 3 || tokens[2].Kind != TokenKind.Word)
        {
            throw new NetlistException(tokens.Count < 3 ? card.End : tokens[2].Location, $".model {tokens[1].Text}: expected a model type (d, nmos, pmos, sw or csw)");
        }

        var name = tokens[1];
        var type = tokens[2].Lower;
        if (type is not ("d" or "nmos" or "pmos" or "sw" or "csw"))
        {
            throw new NetlistException(tokens[2].Location, $".model {name.Text}: unsupported model type '{tokens[2].Text}': expected d, nmos, pmos, sw or csw");
        }

        var i = 3;
        var last = tokens.Count;
        if (i < tokens.Count && tokens[i].Kind == TokenKind.LeftParen)
        {
            if (tokens[^1].Kind != TokenKind.RightParen || tokens.Count == 4)
            {
                throw new NetlistException(card.End, $".model {name.Text}: missing ')' to close the parameter list");
            }

            i++;
            last = tokens.Count - 1;
        }

        var parameters = new List<KeyValuePair<string, ParamValue>>();
        while (i < last)
        {
            if (!IsAssignment(tokens, i) || i + 2 >= last)
            {
                var at = IsAssignment(tokens, i) ? tokens[i + 1].End : tokens[i].Location;
                throw new NetlistException(at, $".model {name.Text}: expected name=value, found '{tokens[i].Display}'");
            }

            parameters.Add(new(tokens[i].Lower, ReadValue(tokens[i + 2], $"model parameter '{tokens[i].Lower}'")));
            i += 3;
        }

        if (Current.Models.ContainsKey(name.Text))
        {
            throw new NetlistException(name.Location, $"duplicate model '{name.Text}'{Current.Where}");
        }

        Current.Models[name.Text] = new ModelCard(name.Text, type, parameters) { Location = card.Location };
    }

    private void BeginSubcircuit(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count < 2 || tokens[1].Kind != TokenKind.Word || IsAssignment(tokens, 1) || tokens[1].IsWordLike("params:"))
        {
            throw new NetlistException(tokens.Count < 2 ? card.End : tokens[1].Location, ".subckt: expected 'name port ... [params: name=value ...]'");
        }

        if (_scopes.Count > MaxSubcircuitNesting)
        {
            throw new NetlistException(card.Location, $".subckt nested more than {MaxSubcircuitNesting} levels deep");
        }

        var name = tokens[1];
        var ports = new List<string>();
        var i = 2;
        while (i < tokens.Count && tokens[i].IsWord && !IsAssignment(tokens, i) && !tokens[i].IsWordLike("params:"))
        {
            var port = NodeName(tokens[i].Text);
            if (port == "0")
            {
                throw new NetlistException(tokens[i].Location, $".subckt {name.Text}: ground '{tokens[i].Text}' cannot be a port (it is global)");
            }

            if (ports.Contains(port))
            {
                throw new NetlistException(tokens[i].Location, $".subckt {name.Text}: port '{tokens[i].Text}' listed twice");
            }

            ports.Add(port);
            i++;
        }

        if (i < tokens.Count && tokens[i].IsWordLike("params:"))
        {
            i++;
        }

        if (Current.Subcircuits.ContainsKey(name.Text))
        {
            throw new NetlistException(name.Location, $"duplicate subcircuit '{name.Text}'{Current.Where}");
        }

        var definition = new SubcircuitDefinition(name.Text, ports) { Location = card.Location };
        var scope = new Scope(definition, card.Location, definition.Elements, definition.Models, definition.Subcircuits, new ParameterScope(Current.Parameters));
        while (i < tokens.Count)
        {
            if (!IsAssignment(tokens, i))
            {
                throw new NetlistException(tokens[i].Location, $".subckt {name.Text}: unexpected '{tokens[i].Display}': expected a port name or params: name=value");
            }

            if (i + 2 >= tokens.Count)
            {
                throw new NetlistException(tokens[i + 1].End, $".subckt {name.Text}: missing default value for parameter '{tokens[i].Text}'");
            }

            _scopes.Push(scope);
            var value = ReadValue(tokens[i + 2], $"parameter '{tokens[i].Lower}'");
            _scopes.Pop();
            definition.Parameters.Add(new(tokens[i].Lower, value));
            scope.Parameters.Set(tokens[i].Text, value.Value);
            i += 3;
        }

        Current.Subcircuits[name.Text] = definition;
        _scopes.Push(scope);
    }

    private void EndSubcircuit(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (Current.Definition is not { } definition)
        {
            throw new NetlistException(tokens[0].Location, ".ends without a matching .subckt");
        }

        if (tokens.Count > 1)
        {
            if (!tokens[1].IsWord || !string.Equals(tokens[1].Text, definition.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new NetlistException(tokens[1].Location, $".ends {tokens[1].Display} does not match .subckt '{definition.Name}'");
            }

            ExpectEnd(card, 2, ".ends [name]");
        }

        _scopes.Pop();
    }

    private void ReadOptions(NetlistCard card)
    {
        var tokens = card.Tokens;
        var i = 1;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (!token.IsWord)
            {
                throw new NetlistException(token.Location, $".options: expected an option name, found '{token.Display}'");
            }

            var name = token.Lower;
            double? number = null;
            string? text = null;
            if (IsAssignment(tokens, i))
            {
                if (i + 2 >= tokens.Count)
                {
                    throw new NetlistException(tokens[i + 1].End, $".options: missing value after '{token.Text}='");
                }

                var valueToken = tokens[i + 2];
                if (IsValue(valueToken))
                {
                    number = ReadValue(valueToken, $"option '{name}'").Value;
                }
                else if (valueToken.IsWord)
                {
                    text = valueToken.Lower;
                }
                else
                {
                    throw new NetlistException(valueToken.Location, $".options: expected a value for '{name}', found '{valueToken.Display}'");
                }

                i += 3;
                if (name == "method" && text is not ("gear" or "trap" or "trapezoidal"))
                {
                    throw new NetlistException(valueToken.Location, $".options: unsupported method '{valueToken.Display}': expected gear, trap or trapezoidal");
                }

                if (name != "method" && RecognisedOptions.Contains(name) && number is null)
                {
                    throw new NetlistException(valueToken.Location, $".options: {name} needs a number, found '{valueToken.Display}'");
                }
            }
            else
            {
                i++;
                if (RecognisedOptions.Contains(name))
                {
                    throw new NetlistException(token.End, $".options: {name} needs a value: expected {name}=value");
                }
            }

            if (RecognisedOptions.Contains(name) || HarmlessOptions.Contains(name))
            {
                _netlist.Options.Add(new OptionCard(name, number, text) { Location = token.Location });
            }
            else
            {
                _netlist.Warnings.Add($"{token.Location}: option '{token.Text}' is not supported and was ignored");
            }
        }
    }

    /// <summary><c>.ic</c> or <c>.nodeset</c>: <c>v(node)=value ...</c> into <paramref name="values"/>.</summary>
    private void ReadNodeValues(NetlistCard card, Dictionary<string, double> values, string what)
    {
        var tokens = card.Tokens;
        var command = tokens[0].Lower;
        if (tokens.Count == 1)
        {
            throw new NetlistException(card.End, $"{command}: expected v(node)=value");
        }

        var i = 1;
        while (i < tokens.Count)
        {
            bool Is(int k, TokenKind kind) => i + k < tokens.Count && tokens[i + k].Kind == kind;
            var bad = !tokens[i].IsWordLike("v") ? 0
                : !Is(1, TokenKind.LeftParen) ? 1
                : !Is(2, TokenKind.Word) ? 2
                : !Is(3, TokenKind.RightParen) ? 3
                : !Is(4, TokenKind.EqualsSign) ? 4
                : i + 5 >= tokens.Count ? 5
                : -1;
            if (bad >= 0)
            {
                var at = i + bad < tokens.Count ? tokens[i + bad].Location : card.End;
                throw new NetlistException(at, $"{command}: expected v(node)=value, found '{(i + bad < tokens.Count ? tokens[i + bad].Display : "end of line")}'");
            }

            values[NodeName(tokens[i + 2].Text)] = ReadValue(tokens[i + 5], what).Value;
            i += 6;
        }
    }

    /// <summary><c>.temp celsius</c>: the circuit temperature, kept as <c>.options temp=celsius</c> (the same in ngspice).</summary>
    private void ReadTemperature(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count < 2)
        {
            throw new NetlistException(card.End, ".temp: expected a temperature in °C");
        }

        ExpectEnd(card, 2, ".temp celsius");
        var celsius = ReadValue(tokens[1], "temperature in °C").Value;
        if (!(celsius > -273.15) || !double.IsFinite(celsius))
        {
            throw new NetlistException(tokens[1].Location, $".temp: {tokens[1].Display} °C is not a finite temperature above absolute zero");
        }

        _netlist.Options.Add(new OptionCard("temp", celsius, null) { Location = tokens[1].Location });
    }

    /// <summary><c>.global n1 n2 ...</c>: nodes that keep their name inside every subcircuit.</summary>
    private void ReadGlobalNodes(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count == 1)
        {
            throw new NetlistException(card.End, ".global: expected one or more node names");
        }

        for (var i = 1; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || IsAssignment(tokens, i))
            {
                throw new NetlistException(tokens[i].Location, $".global: expected a node name, found '{tokens[i].Display}'");
            }

            var node = NodeName(tokens[i]);
            if (node != "0")
            {
                _netlist.GlobalNodes.Add(node);
            }
        }
    }

    private void ReadDc(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count is not (5 or 9))
        {
            var at = tokens.Count < 5 ? card.End : tokens.Count < 9 ? tokens[5].Location : tokens[Math.Min(9, tokens.Count - 1)].Location;
            throw new NetlistException(at, ".dc: expected 'source start stop step [source2 start2 stop2 step2]'");
        }

        var sweeps = new List<DcSweep>();
        for (var i = 1; i < tokens.Count; i += 4)
        {
            if (!tokens[i].IsWord || IsValue(tokens[i]))
            {
                throw new NetlistException(tokens[i].Location, $".dc: expected a source name, found '{tokens[i].Display}'");
            }

            _sweepSources.Add(tokens[i]);
            sweeps.Add(new DcSweep(
                tokens[i].Text,
                ReadValue(tokens[i + 1], "sweep start"),
                ReadValue(tokens[i + 2], "sweep stop"),
                ReadValue(tokens[i + 3], "sweep step")));
        }

        _netlist.Analyses.Add(new DcAnalysisCard(sweeps) { Location = card.Location });
    }

    private void ReadTran(NetlistCard card)
    {
        var tokens = card.Tokens;
        var values = new List<ParamValue>();
        var uic = false;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].IsWordLike("uic") && !uic)
            {
                uic = true;
            }
            else if (!uic && values.Count < 4)
            {
                values.Add(ReadValue(tokens[i], values.Count switch { 0 => "tstep", 1 => "tstop", 2 => "tstart", _ => "tmax" }));
            }
            else
            {
                throw new NetlistException(tokens[i].Location, $"unexpected '{tokens[i].Display}': expected '.tran tstep tstop [tstart [tmax]] [uic]'");
            }
        }

        if (values.Count < 2)
        {
            throw new NetlistException(card.End, ".tran: expected 'tstep tstop [tstart [tmax]] [uic]'");
        }

        if (values[1].Value <= 0)
        {
            throw new NetlistException(tokens[2].Location, ".tran: tstop must be positive");
        }

        _netlist.Analyses.Add(new TranAnalysisCard(
            values[0], values[1], values.Count > 2 ? values[2] : null, values.Count > 3 ? values[3] : null, uic) { Location = card.Location });
    }

    private void ReadAc(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count != 5)
        {
            throw new NetlistException(tokens.Count < 5 ? card.End : tokens[5].Location, ".ac: expected 'dec|oct|lin points fstart fstop'");
        }

        var kind = tokens[1].Lower switch
        {
            "dec" when tokens[1].IsWord => AcSweepKind.Decade,
            "oct" when tokens[1].IsWord => AcSweepKind.Octave,
            "lin" when tokens[1].IsWord => AcSweepKind.Linear,
            _ => throw new NetlistException(tokens[1].Location, $".ac: expected dec, oct or lin, found '{tokens[1].Display}'"),
        };
        var points = ReadValue(tokens[2], "number of points").Value;
        if (points < 1 || points > int.MaxValue || points != Math.Floor(points))
        {
            throw new NetlistException(tokens[2].Location, $".ac: number of points must be a positive integer, found {points.ToString(CultureInfo.InvariantCulture)}");
        }

        _netlist.Analyses.Add(new AcAnalysisCard(kind, (int)points, ReadValue(tokens[3], "start frequency"), ReadValue(tokens[4], "stop frequency"))
        {
            Location = card.Location,
        });
    }

    private void ReadPrint(NetlistCard card)
    {
        var tokens = card.Tokens;
        if (tokens.Count < 2 || !tokens[1].IsWord || tokens[1].Lower is not ("op" or "dc" or "tran" or "ac"))
        {
            throw new NetlistException(tokens.Count < 2 ? card.End : tokens[1].Location, $"{tokens[0].Lower}: expected an analysis type (op, dc, tran or ac) then vectors");
        }

        var vectors = ReadVectors(card, 2);
        if (vectors.Count == 0)
        {
            throw new NetlistException(card.End, $"{tokens[0].Lower}: expected at least one vector such as v(out) or i(vin)");
        }

        _netlist.Prints.Add(new PrintCard(tokens[1].Lower, vectors) { Location = card.Location });
    }

    private static List<OutputVector> ReadVectors(NetlistCard card, int i)
    {
        var tokens = card.Tokens;
        var vectors = new List<OutputVector>();
        const string expected = "expected v(node), v(node,node), i(vsource) or a node name";
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (!token.IsWord || token.Text.StartsWith('@'))
            {
                throw new NetlistException(token.Location, $"unsupported output '{token.Display}': {expected}");
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.LeftParen)
            {
                var kind = token.Lower;
                if (kind is not ("v" or "i"))
                {
                    throw new NetlistException(token.Location, $"unsupported output '{token.Text}(...)': {expected}");
                }

                var j = i + 2;
                var names = new List<NetlistToken>();
                while (j < tokens.Count && tokens[j].IsWord && names.Count < 2)
                {
                    names.Add(tokens[j++]);
                }

                if (names.Count == 0 || j >= tokens.Count || tokens[j].Kind != TokenKind.RightParen || (kind == "i" && names.Count != 1))
                {
                    var at = j < tokens.Count ? tokens[j].Location : card.End;
                    throw new NetlistException(at, $"malformed output vector: {expected}");
                }

                vectors.Add(kind == "v"
                    ? new OutputVector('v', NodeName(names[0].Text), names.Count > 1 ? NodeName(names[1].Text) : null)
                    : new OutputVector('i', names[0].Text));
                i = j + 1;
            }
            else if (token.Lower == "all")
            {
                vectors.Add(OutputVector.All);
                i++;
            }
            else
            {
                vectors.Add(new OutputVector('v', NodeName(token.Text)));
                i++;
            }
        }

        return vectors;
    }
}
