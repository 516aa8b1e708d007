namespace Crossbar.Circuit.Netlists;

/// <summary>
/// Checks made once the whole deck is read: models exist and have the right type, subcircuits
/// exist with the right port count and parameters, no subcircuit instantiates itself, F/H name a
/// voltage source of their own scope, .dc sweeps a top-level source.
/// </summary>
internal static class NetlistValidator
{
    public static void Validate(Netlist netlist, IReadOnlyDictionary<ElementCard, NetlistToken> references, IReadOnlyList<NetlistToken> sweepSources)
    {
        var top = new Frame(null, null, netlist.Elements, netlist.Models, netlist.Subcircuits);
        var edges = new Dictionary<SubcircuitDefinition, List<(ElementCard Instance, SubcircuitDefinition Target)>>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Frame>();
        pending.Push(top);
        while (pending.Count > 0)
        {
            var frame = pending.Pop();
            var calls = CheckFrame(frame, references);
            if (frame.Definition is not null)
            {
                edges[frame.Definition] = calls;
            }

            foreach (var child in frame.Subcircuits.Values)
            {
                pending.Push(new Frame(child, frame, child.Elements, child.Models, child.Subcircuits));
            }
        }

        CheckRecursion(edges, references);

        foreach (var token in sweepSources)
        {
            var found = netlist.Elements.Any(e => e.Kind is 'V' or 'I' && string.Equals(e.Name, token.Text, StringComparison.OrdinalIgnoreCase));
            if (!found)
            {
                throw new NetlistException(token.Location, $".dc: unknown source '{token.Text}': expected a top-level V or I source");
            }
        }
    }

    private static List<(ElementCard, SubcircuitDefinition)> CheckFrame(Frame frame, IReadOnlyDictionary<ElementCard, NetlistToken> references)
    {
        var calls = new List<(ElementCard, SubcircuitDefinition)>();
        var where = frame.Definition is null ? string.Empty : $" in subcircuit '{frame.Definition.Name}'";
        foreach (var element in frame.Elements)
        {
            var kind = element.Kind;
            if (kind is not ('D' or 'M' or 'S' or 'W' or 'X' or 'F' or 'H'))
            {
                continue;
            }

            var at = references.TryGetValue(element, out var token) ? token.Location : element.Location;
            switch (kind)
            {
                case 'D' or 'M' or 'S' or 'W':
                    {
                        var (types, described) = element.Kind switch
                        {
                            'D' => ("d", "a d (diode)"),
                            'M' => ("nmos/pmos", "an nmos or pmos"),
                            'S' => ("sw", "an sw (voltage switch)"),
                            _ => ("csw", "a csw (current switch)"),
                        };
                        var model = frame.FindModel(element.Model!)
                            ?? throw new NetlistException(at, $"unknown model '{element.Model}' for {element.Name}{where}: expected a .model {types} card");
                        if (!types.Split('/').Contains(model.Type))
                        {
                            throw new NetlistException(at, $"model '{model.Name}' is of type {model.Type} but {element.Name} needs {described} model");
                        }

                        if (kind == 'W')
                        {
                            CheckControl(frame, element, at, where);
                        }

                        break;
                    }

                case 'X':
                    {
                        var definition = frame.FindSubcircuit(element.Model!)
                            ?? throw new NetlistException(at, $"unknown subcircuit '{element.Model}' for {element.Name}{where}: expected a .subckt {element.Model} definition");
                        if (definition.Ports.Count != element.Nodes.Count)
                        {
                            throw new NetlistException(at, $"{element.Name} connects {element.Nodes.Count} node(s) but subcircuit '{definition.Name}' has {definition.Ports.Count} port(s) ({string.Join(' ', definition.Ports)})");
                        }

                        foreach (var (key, _) in element.Parameters)
                        {
                            if (!definition.Parameters.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
                            {
                                throw new NetlistException(at, $"{element.Name}: subcircuit '{definition.Name}' has no parameter '{key}'");
                            }
                        }

                        calls.Add((element, definition));
                        break;
                    }

                case 'F' or 'H':
                    CheckControl(frame, element, at, where);
                    break;
            }
        }

        return calls;
    }

    private static void CheckControl(Frame frame, ElementCard element, SourceLocation at, string where)
    {
        IReadOnlyList<string?> controls = element.Polynomial is { } polynomial ? [.. polynomial.ControlSources] : [element.ControlSource];
        foreach (var control in controls)
        {
            var found = frame.Elements.Any(e => e.Kind == 'V' && string.Equals(e.Name, control, StringComparison.OrdinalIgnoreCase));
            if (!found)
            {
                throw new NetlistException(at, $"{element.Name}: unknown controlling voltage source '{control}'{where}: expected a V element in the same scope");
            }
        }
    }

    private static void CheckRecursion(
        Dictionary<SubcircuitDefinition, List<(ElementCard Instance, SubcircuitDefinition Target)>> edges,
        IReadOnlyDictionary<ElementCard, NetlistToken> references)
    {
        var state = new Dictionary<SubcircuitDefinition, int>(ReferenceEqualityComparer.Instance);
        foreach (var root in edges.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var path = new List<SubcircuitDefinition> { root };
            var cursors = new List<int> { 0 };
            state[root] = 1;
            while (path.Count > 0)
            {
                var current = path[^1];
                var calls = edges.TryGetValue(current, out var list) ? list : [];
                if (cursors[^1] >= calls.Count)
                {
                    state[current] = 2;
                    path.RemoveAt(path.Count - 1);
                    cursors.RemoveAt(cursors.Count - 1);
                    continue;
                }

                var (instance, target) = calls[cursors[^1]++];
                state.TryGetValue(target, out var mark);
                if (mark == 1)
                {
                    var cycle = path.Skip(path.FindIndex(d => ReferenceEquals(d, target))).Select(d => d.Name).Append(target.Name);
                    var at = references.TryGetValue(instance, out var token) ? token.Location : instance.Location;
                    throw new NetlistException(at, $"recursive subcircuit instantiation: {string.Join(" -> ", cycle)}");
                }

                if (mark == 0)
                {
                    state[target] = 1;
                    path.Add(target);
                    cursors.Add(0);
                }
            }
        }
    }

    /// <summary>A definition scope: models and subcircuits resolve here first, then in the enclosing scopes.</summary>
    private sealed record Frame(
        SubcircuitDefinition? Definition,
        Frame? Parent,
        List<ElementCard> Elements,
        Dictionary<string, ModelCard> Models,
        Dictionary<string, SubcircuitDefinition> Subcircuits)
    {
        public ModelCard? FindModel(string name)
        {
            for (var frame = this; frame is not null; frame = frame.Parent)
            {
                if (frame.Models.TryGetValue(name, out var model))
                {
                    return model;
                }
            }

            return null;
        }

        public SubcircuitDefinition? FindSubcircuit(string name)
        {
            for (var frame = this; frame is not null; frame = frame.Parent)
            {
                if (frame.Subcircuits.TryGetValue(name, out var definition))
                {
                    return definition;
                }
            }

            return null;
        }
    }
}
