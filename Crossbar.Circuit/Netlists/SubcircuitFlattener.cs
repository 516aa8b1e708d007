namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Expands X instances recursively into a netlist without subcircuits, naming things as ngspice
/// does.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Nodes: a port maps to the instance's node; <c>0</c> and the <c>.global</c> nodes stay global; an internal node
/// <c>n3</c> of instance <c>x1</c> becomes <c>x1.n3</c> (nested: <c>x1.x2.n3</c>), lower case.</item>
/// <item>Elements: <c>&lt;Letter&gt;.&lt;instance path&gt;.&lt;name&gt;</c>, e.g. <c>R.x1.R2</c> and
/// <c>R.x1.x2.R2</c>, so the first character is still the element letter; F/H controlling
/// sources are renamed the same way (<c>V.x1.Vsense</c>).</item>
/// <item>Models defined inside a subcircuit are copied once per instance as
/// <c>&lt;instance path&gt;.&lt;model&gt;</c> (e.g. <c>x1.dmod</c>), their parameters evaluated with
/// that instance's parameters; models found in an enclosing scope keep that scope's name.</item>
/// <item>Parameters: instance overrides (evaluated in the caller's scope) &gt; definition defaults
/// (evaluated in the instance scope, in order) &gt; enclosing definitions' parameters &gt; global
/// <c>.param</c>. Values inside subcircuits become plain numbers; top-level cards are kept as
/// they are (their expressions use only the global parameters, which the result keeps).</item>
/// </list>
/// </remarks>
public static class SubcircuitFlattener
{
    private const int MaxDepth = 100;

    /// <summary>Returns a copy of <paramref name="netlist"/> with every X instance expanded.</summary>
    /// <param name="netlist">A netlist, typically from <see cref="NetlistReader"/>.</param>
    /// <returns>A netlist with no subcircuits and no X elements.</returns>
    /// <exception cref="NetlistException">Unknown subcircuit or model, wrong port count, unknown
    /// instance parameter, recursion, or an expression that fails with the instance's parameters.</exception>
    public static Netlist Flatten(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var result = new Netlist { Title = netlist.Title };
        result.Parameters.AddRange(netlist.Parameters);
        result.Analyses.AddRange(netlist.Analyses);
        result.Options.AddRange(netlist.Options);
        foreach (var (node, value) in netlist.InitialConditions)
        {
            result.InitialConditions[node] = value;
        }

        foreach (var (node, value) in netlist.Nodesets)
        {
            result.Nodesets[node] = value;
        }

        result.GlobalNodes.UnionWith(netlist.GlobalNodes);

        result.Arrays.AddRange(netlist.Arrays);
        result.Saves.AddRange(netlist.Saves);
        result.Prints.AddRange(netlist.Prints);
        result.Warnings.AddRange(netlist.Warnings);

        var globals = new ParameterScope(null);
        foreach (var parameter in netlist.Parameters)
        {
            globals.Set(parameter.Name, parameter.Value.Value);
        }

        var top = new Frame(null, null, string.Empty, globals, netlist.Subcircuits, new(StringComparer.OrdinalIgnoreCase), [], netlist.GlobalNodes);
        foreach (var model in netlist.Models.Values)
        {
            result.Models[model.Name] = model;
            top.ModelNames[model.Name] = model.Name;
        }

        Expand(top, netlist.Elements, result, 0);
        return result;
    }

    private static void Expand(Frame frame, List<ElementCard> elements, Netlist result, int depth)
    {
        foreach (var element in elements)
        {
            if (element.Kind == 'X')
            {
                Instantiate(frame, element, result, depth);
            }
            else if (frame.Definition is null)
            {
                result.Elements.Add(element);
            }
            else
            {
                result.Elements.Add(Rename(frame, element));
            }
        }
    }

    private static void Instantiate(Frame caller, ElementCard instance, Netlist result, int depth)
    {
        var (definition, owner) = caller.FindSubcircuit(instance.Model ?? string.Empty)
            ?? throw new NetlistException(instance.Location, $"unknown subcircuit '{instance.Model}' for {instance.Name}");
        if (depth >= MaxDepth)
        {
            throw new NetlistException(instance.Location, $"recursive subcircuit instantiation: {instance.Name} of '{definition.Name}' is nested more than {MaxDepth} levels deep");
        }

        if (definition.Ports.Count != instance.Nodes.Count)
        {
            throw new NetlistException(instance.Location, $"{instance.Name} connects {instance.Nodes.Count} node(s) but subcircuit '{definition.Name}' has {definition.Ports.Count} port(s)");
        }

        foreach (var (key, _) in instance.Parameters)
        {
            if (!definition.Parameters.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new NetlistException(instance.Location, $"{instance.Name}: subcircuit '{definition.Name}' has no parameter '{key}'");
            }
        }

        var path = caller.Path.Length == 0 ? instance.Name : caller.Path + "." + instance.Name;
        var scope = new ParameterScope(owner.Parameters);
        foreach (var (key, defaultValue) in definition.Parameters)
        {
            var value = instance.GetParameter(key) is { } given
                ? caller.Parameters.Evaluate(given, instance.Location)
                : scope.Evaluate(defaultValue, definition.Location);
            scope.Set(key, value.Value);
        }

        var nodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < definition.Ports.Count; k++)
        {
            nodes[definition.Ports[k]] = caller.MapNode(instance.Nodes[k]);
        }

        var frame = new Frame(definition, owner, path, scope, definition.Subcircuits, new(StringComparer.OrdinalIgnoreCase), nodes, caller.GlobalNodes);
        foreach (var model in definition.Models.Values)
        {
            var name = path.ToLowerInvariant() + "." + model.Name;
            var parameters = model.Parameters.Select(p => new KeyValuePair<string, ParamValue>(p.Key, Plain(scope, p.Value, model.Location))).ToList();
            result.Models[name] = new ModelCard(name, model.Type, parameters) { Location = model.Location };
            frame.ModelNames[model.Name] = name;
        }

        Expand(frame, definition.Elements, result, depth + 1);
    }

    private static ElementCard Rename(Frame frame, ElementCard element)
    {
        var scope = frame.Parameters;
        var location = element.Location;
        ParamValue? Eval(ParamValue? value) => value is { } v ? Plain(scope, v, location) : null;
        string? model = element.Model;
        if (element.Kind is 'D' or 'M' or 'S' or 'W' && model is not null)
        {
            model = frame.FindModel(model)
                ?? throw new NetlistException(location, $"unknown model '{model}' for {element.Name} in subcircuit '{frame.Definition!.Name}'");
        }

        var renamed = new ElementCard($"{element.Kind}.{frame.Path}.{element.Name}", element.Nodes.Select(frame.MapNode).ToList())
        {
            Value = Eval(element.Value),
            Model = model,
            ControlSource = element.ControlSource is { } control ? $"V.{frame.Path}.{control}" : null,
            AcMagnitude = Eval(element.AcMagnitude),
            AcPhase = Eval(element.AcPhase),
            Behavior = element.Behavior is { } behavior ? Rename(frame, behavior, location) : null,
            Waveform = element.Waveform is { } waveform ? Waveform(waveform, v => Plain(scope, v, location)) : null,
            Polynomial = element.Polynomial is { } polynomial ? polynomial with
            {
                ControlSources = polynomial.ControlSources.Select(source => $"V.{frame.Path}.{source}").ToList(),
                Coefficients = polynomial.Coefficients.Select(c => Plain(scope, c, location)).ToList(),
            } : null,
            Table = element.Table is { } table ? new TableForm(
                Rename(frame, new BehavioralValue('V', table.Input), location).Expression,
                table.Points.Select(p => (Plain(scope, p.X, location), Plain(scope, p.Y, location))).ToList()) : null,
            Parameters = element.Parameters.Select(p => new KeyValuePair<string, ParamValue>(p.Key, Plain(scope, p.Value, location))).ToList(),
            Flags = element.Flags,
            Location = location,
        };
        ValueLimits.CheckElement(renamed);
        return renamed;
    }

    private static BehavioralValue Rename(Frame frame, BehavioralValue behavior, SourceLocation location)
    {
        var tree = BehavioralExpression.Rewrite(behavior.Parse(location), frame.MapNode, source => $"{char.ToUpperInvariant(source[0])}.{frame.Path}.{source}", frame.Parameters.Lookup);
        return behavior with { Expression = BehavioralExpression.Print(tree) };
    }

    private static ParamValue Plain(ParameterScope scope, ParamValue value, SourceLocation location) =>
        value.Expression is null ? value : new ParamValue(scope.Evaluate(value, location).Value);

    private static SourceWaveform Waveform(SourceWaveform waveform, Func<ParamValue, ParamValue> eval) => waveform switch
    {
        PulseWaveform p => p with
        {
            Initial = eval(p.Initial), Pulsed = eval(p.Pulsed), Delay = eval(p.Delay), RiseTime = eval(p.RiseTime),
            FallTime = eval(p.FallTime), Width = eval(p.Width), Period = eval(p.Period),
        },
        SinWaveform s => s with
        {
            Offset = eval(s.Offset), Amplitude = eval(s.Amplitude), Frequency = eval(s.Frequency), Delay = eval(s.Delay),
            Damping = eval(s.Damping), Phase = eval(s.Phase),
        },
        ExpWaveform e => e with
        {
            Initial = eval(e.Initial), Pulsed = eval(e.Pulsed), RiseDelay = eval(e.RiseDelay), RiseTimeConstant = eval(e.RiseTimeConstant),
            FallDelay = eval(e.FallDelay), FallTimeConstant = eval(e.FallTimeConstant),
        },
        SffmWaveform f => f with
        {
            Offset = eval(f.Offset), Amplitude = eval(f.Amplitude), CarrierFrequency = eval(f.CarrierFrequency),
            ModulationIndex = eval(f.ModulationIndex), SignalFrequency = eval(f.SignalFrequency), CarrierPhase = eval(f.CarrierPhase),
            SignalPhase = eval(f.SignalPhase),
        },
        AmWaveform a => a with
        {
            Amplitude = eval(a.Amplitude), Offset = eval(a.Offset), ModulationFrequency = eval(a.ModulationFrequency),
            CarrierFrequency = eval(a.CarrierFrequency), Delay = eval(a.Delay), ModulationPhase = eval(a.ModulationPhase),
            CarrierPhase = eval(a.CarrierPhase),
        },
        PwlWaveform w => new PwlWaveform(w.Points.Select(p => (eval(p.Time), eval(p.Value))).ToList()),
        TrNoiseWaveform n => n with
        {
            WhiteAmplitude = eval(n.WhiteAmplitude), Step = eval(n.Step), FlickerExponent = eval(n.FlickerExponent),
            FlickerAmplitude = eval(n.FlickerAmplitude), RtsAmplitude = eval(n.RtsAmplitude),
            RtsCaptureTime = eval(n.RtsCaptureTime), RtsEmissionTime = eval(n.RtsEmissionTime),
        },
        _ => waveform,
    };

    /// <summary>One expanded instance (or the top level): where names resolve and how nodes map.</summary>
    private sealed class Frame(
        SubcircuitDefinition? definition,
        Frame? owner,
        string path,
        ParameterScope parameters,
        Dictionary<string, SubcircuitDefinition> subcircuits,
        Dictionary<string, string> modelNames,
        Dictionary<string, string> ports,
        HashSet<string> globalNodes)
    {
        public SubcircuitDefinition? Definition { get; } = definition;

        /// <summary>The frame whose definition holds this one's definition (lexical parent).</summary>
        public Frame? Owner { get; } = owner;

        /// <summary>Instance path as written (<c>x1.x2</c>); empty at the top level.</summary>
        public string Path { get; } = path;

        public ParameterScope Parameters { get; } = parameters;

        /// <summary>Local model name → emitted model name.</summary>
        public Dictionary<string, string> ModelNames { get; } = modelNames;

        /// <summary>The deck's <c>.global</c> nodes.</summary>
        public HashSet<string> GlobalNodes { get; } = globalNodes;

        public string MapNode(string node)
        {
            if (node == "0" || Definition is null || GlobalNodes.Contains(node))
            {
                return node;
            }

            return ports.TryGetValue(node, out var mapped) ? mapped : Path.ToLowerInvariant() + "." + node;
        }

        public (SubcircuitDefinition Definition, Frame Owner)? FindSubcircuit(string name)
        {
            for (var frame = this; frame is not null; frame = frame.Owner)
            {
                if (frame.Subcircuits.TryGetValue(name, out var found))
                {
                    return (found, frame);
                }
            }

            return null;
        }

        public string? FindModel(string name)
        {
            for (var frame = this; frame is not null; frame = frame.Owner)
            {
                if (frame.ModelNames.TryGetValue(name, out var emitted))
                {
                    return emitted;
                }
            }

            return null;
        }

        private Dictionary<string, SubcircuitDefinition> Subcircuits { get; } = subcircuits;
    }
}
