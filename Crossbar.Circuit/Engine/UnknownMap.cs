namespace Crossbar.Circuit.Engine;

/// <summary>
/// Names and kinds of the MNA unknowns: node voltages first as they are met, then branch
/// currents and device states. Ground (<c>0</c>) is not an unknown: it maps to -1 while
/// binding and to the spare slot <see cref="Count"/> afterwards, so element code never
/// special-cases it.
/// </summary>
public sealed class UnknownMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];
    private readonly List<UnknownKind> _kinds = [];

    /// <summary>Number of unknowns.</summary>
    public int Count => _names.Count;

    /// <summary>Name of unknown i: the node name, or <c>branch:Vname</c> for a branch current.</summary>
    public string NameOf(int index) => index >= 0 && index < _names.Count ? _names[index] : "0";

    /// <summary>Kind of unknown i.</summary>
    public UnknownKind KindOf(int index) => _kinds[index];

    /// <summary>Returns the index of a node, creating it; ground returns -1.</summary>
    public int Node(string name)
    {
        if (IsGround(name))
        {
            return -1;
        }

        return GetOrAdd(name, UnknownKind.Voltage);
    }

    /// <summary>Index of an existing node, or null (ground gives -1).</summary>
    public int? FindNode(string name)
    {
        if (IsGround(name))
        {
            return -1;
        }

        return _index.TryGetValue(name, out int i) && _kinds[i] == UnknownKind.Voltage ? i : null;
    }

    /// <summary>Creates a branch-current unknown owned by an element.</summary>
    public int Branch(string elementName) => GetOrAdd("branch:" + elementName, UnknownKind.Current);

    /// <summary>Index of an element's branch current, or null.</summary>
    public int? FindBranch(string elementName)
        => _index.TryGetValue("branch:" + elementName, out int i) ? i : null;

    /// <summary>Creates a state unknown owned by an element.</summary>
    public int State(string elementName, string state) => GetOrAdd($"state:{elementName}:{state}", UnknownKind.State);

    /// <summary>Human-readable description of unknown i for error messages.</summary>
    public string Describe(int index)
    {
        if (index < 0 || index >= _names.Count)
        {
            return "ground";
        }

        string name = _names[index];
        return _kinds[index] switch
        {
            UnknownKind.Voltage => $"node {name}",
            UnknownKind.Current => $"branch current of {name["branch:".Length..]}",
            _ => $"state {name["state:".Length..]}",
        };
    }

    /// <summary>True for <c>0</c>, <c>gnd</c> and <c>ground</c>.</summary>
    public static bool IsGround(string name)
        => name == "0" || name.Equals("gnd", StringComparison.OrdinalIgnoreCase);

    private int GetOrAdd(string name, UnknownKind kind)
    {
        if (!_index.TryGetValue(name, out int i))
        {
            i = _names.Count;
            _names.Add(name);
            _kinds.Add(kind);
            _index.Add(name, i);
        }

        return i;
    }
}
