using System.Reflection;
using System.Reflection.Emit;

namespace Crossbar.Circuit.Tests.Architecture;

/// <summary>
/// The namespace dependency graph of assemblies, by reflection: an edge A → B when a type of namespace A names a
/// type of namespace B in its base type, interfaces, generic constraints, attributes, fields, properties, events,
/// method signatures or method bodies (every IL instruction whose operand is a type, field or method token).
/// Compiler-generated types (closures, iterator and async state machines) count for the namespace of their
/// outermost declaring type.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OneByte = [];
    private static readonly Dictionary<short, OpCode> TwoByte = [];

    private readonly Func<string, bool> _include;
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    static NamespaceGraph()
    {
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode code)
            {
                (code.Size == 1 ? OneByte : TwoByte)[(short)(code.Value & 0xFF)] = code;
            }
        }
    }

    private NamespaceGraph(Func<string, bool> include) => _include = include;

    /// <summary>Namespace → the namespaces it references, each with one example of where.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    /// <summary>Tokens that could not be resolved (e.g. a generic context reflection cannot rebuild).</summary>
    public int UnresolvedTokens { get; private set; }

    /// <summary>Instructions decoded, over every method body.</summary>
    public int Instructions { get; private set; }

    /// <summary>Builds the graph of the given assemblies over the namespaces <paramref name="include"/> accepts.</summary>
    public static NamespaceGraph Of(IEnumerable<Assembly> assemblies, Func<string, bool> include)
    {
        var graph = new NamespaceGraph(include);
        foreach (Assembly assembly in assemblies)
        {
            foreach (Type type in assembly.GetTypes())
            {
                graph.AddType(type);
            }
        }

        return graph;
    }

    /// <summary>The namespace a type counts for: that of its outermost declaring type.</summary>
    public static string? NamespaceOf(Type type)
    {
        while (type.HasElementType)
        {
            type = type.GetElementType()!;
        }

        while (type.DeclaringType is { } outer && !type.IsGenericParameter)
        {
            type = outer;
        }

        return type.Namespace;
    }

    /// <summary>Whether namespace <paramref name="from"/> references <paramref name="to"/>.</summary>
    public bool References(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>A cycle of namespaces (first repeated at the end), or null when the graph has none.</summary>
    public List<string>? FindCycle() => FindCycle(_edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value.Keys));

    /// <summary>A cycle of a directed graph (first node repeated at the end), or null.</summary>
    public static List<string>? FindCycle(IReadOnlyDictionary<string, IEnumerable<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (string start in graph.Keys)
        {
            List<string>? cycle = Visit(start);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            state.TryGetValue(node, out int s);
            if (s == 2)
            {
                return null;
            }

            if (s == 1)
            {
                var cycle = path.Skip(path.IndexOf(node)).ToList();
                cycle.Add(node);
                return cycle;
            }

            state[node] = 1;
            path.Add(node);
            foreach (string next in graph.TryGetValue(node, out var targets) ? targets : [])
            {
                List<string>? cycle = Visit(next);
                if (cycle is not null)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    /// <summary>The edge list, one "A → B (where)" per line.</summary>
    public string Describe(IEnumerable<string>? cycle = null)
    {
        var lines = new List<string>();
        List<string> nodes = cycle?.ToList() ?? [];
        for (int i = 0; i + 1 < nodes.Count; i++)
        {
            lines.Add($"{nodes[i]} → {nodes[i + 1]} (e.g. {_edges[nodes[i]][nodes[i + 1]]})");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private void AddType(Type type)
    {
        string? from = NamespaceOf(type);
        if (from is null || !_include(from))
        {
            return;
        }

        string where = type.FullName ?? type.Name;
        AddReference(from, type.BaseType, where + " base type");
        foreach (Type i in type.GetInterfaces())
        {
            AddReference(from, i, where + " interface");
        }

        AddAttributes(from, type.GetCustomAttributesData(), where);
        if (type.IsGenericTypeDefinition)
        {
            foreach (Type parameter in type.GetGenericArguments())
            {
                foreach (Type constraint in parameter.GetGenericParameterConstraints())
                {
                    AddReference(from, constraint, where + " constraint");
                }
            }
        }

        foreach (FieldInfo field in type.GetFields(Everything))
        {
            AddReference(from, field.FieldType, $"{where}.{field.Name} field");
        }

        foreach (PropertyInfo property in type.GetProperties(Everything))
        {
            AddReference(from, property.PropertyType, $"{where}.{property.Name} property");
        }

        foreach (EventInfo e in type.GetEvents(Everything))
        {
            AddReference(from, e.EventHandlerType, $"{where}.{e.Name} event");
        }

        foreach (MethodBase method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            string at = $"{where}.{method.Name}";
            if (method is MethodInfo info)
            {
                AddReference(from, info.ReturnType, at + " return type");
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                AddReference(from, parameter.ParameterType, at + " parameter");
            }

            AddAttributes(from, method.GetCustomAttributesData(), at);
            AddBody(from, method, at);
        }
    }

    private void AddAttributes(string from, IEnumerable<CustomAttributeData> attributes, string where)
    {
        foreach (CustomAttributeData attribute in attributes)
        {
            AddReference(from, attribute.AttributeType, where + " attribute");
        }
    }

    private void AddBody(string from, MethodBase method, string where)
    {
        MethodBody? body;
        try
        {
            body = method.GetMethodBody();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (body is null)
        {
            return;
        }

        foreach (LocalVariableInfo local in body.LocalVariables)
        {
            AddReference(from, local.LocalType, where + " local");
        }

        byte[] il = body.GetILAsByteArray() ?? [];
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int position = 0;
        while (position < il.Length)
        {
            OpCode code;
            if (il[position] == 0xFE)
            {
                code = TwoByte[il[position + 1]];
                position += 2;
            }
            else
            {
                code = OneByte[il[position]];
                position += 1;
            }

            Instructions++;
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    AddToken(from, method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments, $"{where} body ({code.Name})");
                    position += 4;
                    break;
                default:
                    // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR: 4-byte operands naming no member.
                    position += 4;
                    break;
            }
        }
    }

    private void AddToken(string from, Module module, int token, Type[]? typeArguments, Type[]? methodArguments, string where)
    {
        MemberInfo? member = Resolve(module, token, typeArguments, methodArguments) ?? Resolve(module, token, null, null);
        switch (member)
        {
            case null:
                UnresolvedTokens++;
                break;
            case Type type:
                AddReference(from, type, where);
                break;
            case FieldInfo field:
                AddReference(from, field.DeclaringType, where);
                AddReference(from, field.FieldType, where);
                break;
            case MethodBase method:
                AddReference(from, method.DeclaringType, where);
                if (method is MethodInfo info)
                {
                    AddReference(from, info.ReturnType, where);
                    if (info.IsGenericMethod)
                    {
                        foreach (Type argument in info.GetGenericArguments())
                        {
                            AddReference(from, argument, where);
                        }
                    }
                }

                foreach (ParameterInfo parameter in method.GetParameters())
                {
                    AddReference(from, parameter.ParameterType, where);
                }

                break;
            default:
                AddReference(from, member.DeclaringType, where);
                break;
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException or FileNotFoundException)
        {
            return null;
        }
    }

    private void AddReference(string from, Type? type, string where)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            AddReference(from, type.GetElementType(), where);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                AddReference(from, argument, where);
            }
        }

        string? to = NamespaceOf(type);
        if (to is null || to == from || !_include(to))
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var targets))
        {
            targets = new SortedDictionary<string, string>(StringComparer.Ordinal);
            _edges.Add(from, targets);
        }

        targets.TryAdd(to, where);
    }
}
