namespace Crossbar.Circuit.Netlists;

/// <summary>Element cards: R C L V I B E G F H D M S W X.</summary>
public sealed partial class NetlistReader
{
    private const string SupportedLetters = "RCLVIBEGFHDMSWX";

    private void ReadElement(NetlistCard card)
    {
        var nameToken = card.Tokens[0];
        var name = nameToken.Text;
        var letter = char.ToUpperInvariant(name[0]);
        if (!SupportedLetters.Contains(letter, StringComparison.Ordinal))
        {
            throw new NetlistException(nameToken.Location, $"unknown element type '{name[0]}' in '{name}': expected an element R C L V I B E G F H D M S W X or a dot-command");
        }

        if (!Current.ElementNames.Add(name))
        {
            throw DuplicateName(nameToken.Location, name);
        }

        var element = letter switch
        {
            'R' => ReadPassive(card, "resistance"),
            'C' => ReadPassive(card, "capacitance"),
            'L' => ReadPassive(card, "inductance"),
            'V' or 'I' => ReadSource(card),
            'B' => ReadBehavioral(card),
            'E' or 'G' when IsValueForm(card) => ReadValueControlled(card),
            'E' => ReadControlled(card, "gain"),
            'G' => ReadControlled(card, "transconductance"),
            'F' => ReadCurrentControlled(card, "current gain"),
            'H' => ReadCurrentControlled(card, "transresistance"),
            'D' => ReadDiode(card),
            'M' => ReadMosfet(card),
            'S' => ReadVoltageSwitch(card),
            'W' => ReadCurrentSwitch(card),
            _ => ReadInstance(card),
        };
        Current.Elements.Add(element);
    }

    private string[] ReadNodes(NetlistCard card, string nodeNames)
    {
        var count = nodeNames.AsSpan().Count(' ') + 1;
        var nodes = new string[count];
        var name = card.Tokens[0].Text;
        for (var k = 0; k < count; k++)
        {
            var i = k + 1;
            if (i >= card.Tokens.Count)
            {
                throw new NetlistException(card.End, $"{name}: missing node(s): expected {count} nodes ({nodeNames}), found {k}");
            }

            var token = card.Tokens[i];
            if (token.Kind != TokenKind.Word || IsAssignment(card.Tokens, i))
            {
                throw new NetlistException(token.Location, $"{name}: expected node '{nodeNames.Split(' ')[k]}' ({count} nodes: {nodeNames}), found '{token.Display}'");
            }

            nodes[k] = NodeName(token);
        }

        return nodes;
    }

    private ElementCard ReadPassive(NetlistCard card, string quantity)
    {
        var tokens = card.Tokens;
        var nodes = ReadNodes(card, "n+ n-");
        var i = 3;
        if (i + 1 < tokens.Count && tokens[i].Kind == TokenKind.Word && tokens[i].Span.Equals(tokens[0].Span[..1], StringComparison.OrdinalIgnoreCase)
            && tokens[i + 1].Kind == TokenKind.EqualsSign)
        {
            i += 2;
        }

        if (i >= tokens.Count)
        {
            throw new NetlistException(card.End, $"{tokens[0].Text}: missing value: expected the {quantity} after the nodes");
        }

        var value = ReadValue(tokens[i], quantity);
        CheckRange(card, tokens[i], value, ValueLimits.Passive(tokens[0].Text[0]));
        var parameters = ReadAssignments(card, i + 1);
        return new ElementCard(tokens[0].Text, nodes) { Value = value, Parameters = parameters, Location = card.Location };
    }

    /// <summary>
    /// Rejects a value outside its <see cref="ValueLimits.Limit"/>, at the value's token. An expression inside a
    /// <c>.subckt</c> is not checked here: it is evaluated again with each instance's parameters (and checked then).
    /// </summary>
    private void CheckRange(NetlistCard card, NetlistToken token, ParamValue value, ValueLimits.Limit limit)
    {
        if (Current.Definition is not null && token.Kind == TokenKind.Expression)
        {
            return;
        }

        if (ValueLimits.Violation(card.Tokens[0].Text, limit, value.Value) is { } message)
        {
            throw new NetlistException(token.Location, message);
        }
    }

    private ElementCard ReadControlled(NetlistCard card, string quantity)
    {
        var tokens = card.Tokens;
        if (IsPolynomial(tokens))
        {
            return ReadPolynomial(card, nodeControlled: true);
        }

        if (IsTable(tokens))
        {
            return ReadTable(card);
        }

        var nodes = ReadNodes(card, "n+ n- nc+ nc-");
        const int i = 5;
        if (i >= tokens.Count)
        {
            throw new NetlistException(card.End, $"{tokens[0].Text}: missing value: expected the {quantity} after the four nodes");
        }

        RejectBehavioural(tokens[i]);
        var value = ReadValue(tokens[i], quantity);
        var parameters = ReadAssignments(card, i + 1);
        return new ElementCard(tokens[0].Text, nodes) { Value = value, Parameters = parameters, Location = card.Location };
    }

    private ElementCard ReadCurrentControlled(NetlistCard card, string quantity)
    {
        var tokens = card.Tokens;
        if (IsPolynomial(tokens))
        {
            return ReadPolynomial(card, nodeControlled: false);
        }

        var nodes = ReadNodes(card, "n+ n-");
        if (tokens.Count <= 3)
        {
            throw new NetlistException(card.End, $"{tokens[0].Text}: missing controlling voltage source: expected '{tokens[0].Text} n+ n- vname {quantity}'");
        }

        var control = tokens[3];
        RejectBehavioural(control);
        if (control.Kind != TokenKind.Word)
        {
            throw new NetlistException(control.Location, $"{tokens[0].Text}: expected the name of the controlling voltage source, found '{control.Display}'");
        }

        if (tokens.Count <= 4)
        {
            throw new NetlistException(card.End, $"{tokens[0].Text}: missing value: expected the {quantity} after the controlling source");
        }

        var value = ReadValue(tokens[4], quantity);
        var parameters = new List<KeyValuePair<string, ParamValue>>();
        ReadAssignments(card, 5, parameters, null);
        var element = new ElementCard(tokens[0].Text, nodes)
        {
            Value = value,
            ControlSource = control.Text,
            Parameters = parameters,
            Location = card.Location,
        };
        _references[element] = control;
        return element;
    }

    private static void RejectBehavioural(NetlistToken token)
    {
        if (token.Kind == TokenKind.Word && token.Lower is "poly" or "value" or "vol" or "cur" or "table" or "laplace" or "freq")
        {
            throw new NetlistException(token.Location, $"'{token.Text}' controlled sources are not supported here: expected a plain gain, POLY(n) ... or (E, G) TABLE {{expr}} = (x, y) ...");
        }
    }

    private ElementCard ReadDiode(NetlistCard card)
    {
        var tokens = card.Tokens;
        var nodes = ReadNodes(card, "anode cathode");
        var model = ReadModelName(card, 3);
        var parameters = new List<KeyValuePair<string, ParamValue>>();
        var flags = new List<string>();
        var i = 4;
        if (i < tokens.Count && IsValue(tokens[i]))
        {
            parameters.Add(new("area", ReadValue(tokens[i], "area")));
            i++;
        }

        ReadAssignments(card, i, parameters, flags, "off");
        return Referencing(card, nodes, model, parameters, flags);
    }

    /// <summary>An element naming a model or subcircuit; the name is checked once the whole deck is read.</summary>
    private ElementCard Referencing(
        NetlistCard card, IReadOnlyList<string> nodes, NetlistToken model, IReadOnlyList<KeyValuePair<string, ParamValue>> parameters, IReadOnlyList<string> flags)
    {
        var element = new ElementCard(card.Tokens[0].Text, nodes)
        {
            Model = model.Text,
            Parameters = parameters,
            Flags = flags,
            Location = card.Location,
        };
        _references[element] = model;
        return element;
    }

    /// <summary>The error for an element name already used in the current scope.</summary>
    private NetlistException DuplicateName(SourceLocation at, string name) => new(at, $"duplicate element name '{name}'{Current.Where}");

    private ElementCard ReadMosfet(NetlistCard card)
    {
        var nodes = ReadNodes(card, "drain gate source bulk");
        var model = ReadModelName(card, 5);
        var parameters = new List<KeyValuePair<string, ParamValue>>();
        var flags = new List<string>();
        ReadAssignments(card, 6, parameters, flags, "off");
        return Referencing(card, nodes, model, parameters, flags);
    }

    private ElementCard ReadVoltageSwitch(NetlistCard card)
    {
        var nodes = ReadNodes(card, "n+ n- nc+ nc-");
        var model = ReadModelName(card, 5);
        return Referencing(card, nodes, model, [], ReadSwitchState(card, 6));
    }

    private ElementCard ReadCurrentSwitch(NetlistCard card)
    {
        var tokens = card.Tokens;
        var nodes = ReadNodes(card, "n+ n-");
        if (tokens.Count <= 3 || tokens[3].Kind != TokenKind.Word || IsAssignment(tokens, 3))
        {
            var at = tokens.Count <= 3 ? card.End : tokens[3].Location;
            throw new NetlistException(at, $"{tokens[0].Text}: expected the name of the controlling voltage source: '{tokens[0].Text} n+ n- vcontrol model [on|off]'");
        }

        var model = ReadModelName(card, 4);
        var element = new ElementCard(tokens[0].Text, nodes)
        {
            Model = model.Text,
            ControlSource = tokens[3].Text,
            Flags = ReadSwitchState(card, 5),
            Location = card.Location,
        };
        _references[element] = model;
        return element;
    }

    /// <summary>The optional initial-state keyword of a switch (<c>on</c> or <c>off</c>), at most one.</summary>
    private static List<string> ReadSwitchState(NetlistCard card, int i)
    {
        var tokens = card.Tokens;
        var flags = new List<string>();
        for (; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || tokens[i].Lower is not ("on" or "off") || flags.Count > 0)
            {
                throw new NetlistException(tokens[i].Location, $"{tokens[0].Text}: unexpected '{tokens[i].Display}': expected one of on or off after the model name");
            }

            flags.Add(tokens[i].Lower);
        }

        return flags;
    }

    private static NetlistToken ReadModelName(NetlistCard card, int i)
    {
        if (i >= card.Tokens.Count)
        {
            throw new NetlistException(card.End, $"{card.Tokens[0].Text}: missing model name after the nodes");
        }

        var token = card.Tokens[i];
        if (token.Kind != TokenKind.Word || IsAssignment(card.Tokens, i))
        {
            throw new NetlistException(token.Location, $"{card.Tokens[0].Text}: expected a model name, found '{token.Display}'");
        }

        return token;
    }

    private ElementCard ReadInstance(NetlistCard card)
    {
        var tokens = card.Tokens;
        var i = 1;
        while (i < tokens.Count && tokens[i].IsWord && !IsAssignment(tokens, i) && !tokens[i].IsWordLike("params:"))
        {
            i++;
        }

        if (i == 1)
        {
            var at = i < tokens.Count ? tokens[i].Location : card.End;
            throw new NetlistException(at, $"{tokens[0].Text}: missing subcircuit name: expected '{tokens[0].Text} node ... subcircuit [name=value ...]'");
        }

        var subcircuit = tokens[i - 1];
        var nodes = new List<string>(i - 2);
        for (var k = 1; k < i - 1; k++)
        {
            nodes.Add(NodeName(tokens[k]));
        }

        if (i < tokens.Count && tokens[i].IsWordLike("params:"))
        {
            i++;
        }

        var parameters = new List<KeyValuePair<string, ParamValue>>();
        ReadAssignments(card, i, parameters, null);
        return Referencing(card, nodes, subcircuit, parameters, []);
    }

    private ElementCard ReadSource(NetlistCard card)
    {
        var tokens = card.Tokens;
        var name = tokens[0].Text;
        var nodes = ReadNodes(card, "n+ n-");
        ParamValue? value = null;
        ParamValue? acMagnitude = null;
        ParamValue? acPhase = null;
        SourceWaveform? waveform = null;
        var i = 3;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            var lower = token.IsWord ? token.Lower : string.Empty;
            // ngspice's example decks also write DC=value and AC=mag [phase].
            var equals = lower is "dc" or "ac" && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.EqualsSign ? 1 : 0;
            if (lower == "dc")
            {
                if (i + 1 + equals >= tokens.Count)
                {
                    throw new NetlistException(card.End, $"{name}: missing value after '{(equals == 1 ? "dc=" : "dc")}'");
                }

                var at = tokens[i + 1 + equals];
                value = value is null ? ReadValue(at, "DC value") : throw Duplicate(tokens[i], "DC value");
                CheckLevel(card, at, value.Value, "DC value");
                i += 2 + equals;
            }
            else if (lower == "ac")
            {
                if (acMagnitude is not null)
                {
                    throw Duplicate(token, "AC specification");
                }

                if (equals == 1 && (i + 2 >= tokens.Count || !IsValue(tokens[i + 2])))
                {
                    throw new NetlistException(i + 2 < tokens.Count ? tokens[i + 2].Location : card.End, $"{name}: missing AC magnitude after 'ac='");
                }

                i += 1 + equals;
                acMagnitude = 1.0;
                if (i < tokens.Count && IsValue(tokens[i]))
                {
                    acMagnitude = ReadValue(tokens[i], "AC magnitude");
                    CheckLevel(card, tokens[i++], acMagnitude.Value, "AC magnitude");
                    if (i < tokens.Count && IsValue(tokens[i]))
                    {
                        acPhase = ReadValue(tokens[i++], "AC phase");
                    }
                }
            }
            else if (lower is "pulse" or "pwl" or "sin" or "trnoise" or "exp" or "sffm" or "am")
            {
                if (waveform is not null)
                {
                    throw Duplicate(token, "waveform");
                }

                waveform = ReadWaveform(card, ref i);
            }
            else if (lower is "trrandom" or "distof1" or "distof2" or "pat" or "external")
            {
                throw new NetlistException(token.Location, $"{name}: waveform '{token.Text}' is not supported: expected PULSE, PWL, SIN, EXP, SFFM, AM or TRNOISE");
            }
            else if (IsValue(token) && value is null)
            {
                value = ReadValue(token, "DC value");
                CheckLevel(card, token, value.Value, "DC value");
                i++;
            }
            else
            {
                throw new NetlistException(token.Location, $"{name}: unexpected '{token.Display}': expected [dc[=]] value, ac[=] mag [phase], PULSE(...), PWL(...), SIN(...), EXP(...), SFFM(...), AM(...) or TRNOISE(...)");
            }
        }

        return new ElementCard(name, nodes)
        {
            Value = value,
            AcMagnitude = acMagnitude,
            AcPhase = acPhase,
            Waveform = waveform,
            Location = card.Location,
        };
    }

    private void CheckLevel(NetlistCard card, NetlistToken token, ParamValue value, string quantity) =>
        CheckRange(card, token, value, ValueLimits.Level(card.Tokens[0].Text[0], quantity));

    /// <summary>Checks each waveform value against the limit of its kind (level, time, rate).</summary>
    private void CheckWaveform(NetlistCard card, string kind, List<ParamValue> args, List<NetlistToken> argTokens)
    {
        for (var k = 0; k < args.Count; k++)
        {
            if (ValueLimits.Waveform(card.Tokens[0].Text[0], kind, k) is { } limit)
            {
                CheckRange(card, argTokens[k], args[k], limit);
            }
        }
    }

    private static NetlistException Duplicate(NetlistToken token, string what) =>
        new(token.Location, $"{what} given twice");

    private SourceWaveform ReadWaveform(NetlistCard card, ref int i)
    {
        var tokens = card.Tokens;
        var keyword = tokens[i];
        var kind = keyword.Text.ToUpperInvariant();
        var args = new List<ParamValue>();
        var argTokens = new List<NetlistToken>();
        i++;
        if (i < tokens.Count && tokens[i].Kind == TokenKind.LeftParen)
        {
            var open = tokens[i];
            i++;
            while (i < tokens.Count && tokens[i].Kind != TokenKind.RightParen)
            {
                args.Add(ReadValue(tokens[i], $"{kind} parameter"));
                argTokens.Add(tokens[i]);
                i++;
            }

            if (i >= tokens.Count)
            {
                throw new NetlistException(card.End, $"missing ')' to close {kind}( opened at column {open.Location.Column}");
            }

            i++;
        }
        else
        {
            while (i < tokens.Count && IsValue(tokens[i]))
            {
                args.Add(ReadValue(tokens[i], $"{kind} parameter"));
                argTokens.Add(tokens[i]);
                i++;
            }
        }

        CheckWaveform(card, kind, args, argTokens);
        var end = i - 1 < tokens.Count ? tokens[i - 1].End : card.End;
        ParamValue Arg(int k) => k < args.Count ? args[k] : 0.0;
        void Count(int min, int max, string form)
        {
            if (args.Count < min || args.Count > max)
            {
                var at = args.Count > max ? argTokens[max].Location : end;
                throw new NetlistException(at, $"{kind} takes {min} to {max} values ({form}), found {args.Count}");
            }
        }

        switch (kind)
        {
            case "PULSE":
                Count(2, 7, "v1 v2 [td tr tf pw per]");
                return new PulseWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), Arg(6), args.Count);
            case "SIN":
                Count(2, 6, "vo va [freq td theta phase]");
                return new SinWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), args.Count);
            case "EXP":
                Count(2, 6, "v1 v2 [td1 tau1 td2 tau2]");
                return new ExpWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), args.Count);
            case "SFFM":
                Count(2, 7, "vo va [fc mdi fs phasec phases]");
                return new SffmWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), Arg(6), args.Count);
            case "AM":
                Count(2, 7, "va vo [mf fc td phasem phasec]");
                return new AmWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), Arg(6), args.Count);
            case "TRNOISE":
                Count(2, 7, "na nt [nalpha namp rtsam rtscapt rtsemt]");
                return new TrNoiseWaveform(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4), Arg(5), Arg(6));
            default:
                if (args.Count < 2 || args.Count % 2 != 0)
                {
                    throw new NetlistException(args.Count == 0 ? end : argTokens[^1].Location, $"PWL takes pairs of values (t1 v1 t2 v2 ...), found {args.Count} value(s)");
                }

                var points = new List<(ParamValue Time, ParamValue Value)>(args.Count / 2);
                for (var k = 0; k < args.Count; k += 2)
                {
                    if (points.Count > 0 && args[k].Value <= points[^1].Time.Value)
                    {
                        throw new NetlistException(argTokens[k].Location, $"PWL time {SpiceNumber.Format(args[k].Value)} is not after the previous time {SpiceNumber.Format(points[^1].Time.Value)}: times must increase");
                    }

                    points.Add((args[k], args[k + 1]));
                }

                return new PwlWaveform(points);
        }
    }
}
