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
    private readonly List<string?> _names = [];
    private readonly List<UnknownKind> _kinds = [];
    private readonly List<NodeBlock> _blocks = [];

    /// <summary>Number of unknowns.</summary>
    public int Count => _names.Count;

    /// <summary>Name of unknown i: the node name, or <c>branch:Vname</c> for a branch current.</summary>
    public string NameOf(int index) => index >= 0 && index < _names.Count ? _names[index] ?? BlockName(index) : "0";

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

        return Lookup(name) is int i && _kinds[i] == UnknownKind.Voltage ? i : null;
    }

    /// <summary>
    /// Adds <paramref name="count"/> node unknowns at once without creating their names: a large array's internal
    /// nodes (millions at N = 1024, whose names and dictionary would cost seconds and hundreds of MB). The names exist
    /// on demand: <paramref name="name"/> gives the name of the k-th node, <paramref name="find"/> the k of a name (null
    /// when the name is not one of them), so <see cref="Node"/>, <see cref="FindNode"/> and <see cref="NameOf"/> behave
    /// as if each had been added by name. Returns the index of the first, or null when a node already added by name
    /// could be one of them (the caller then adds them by name, so that they connect as before).
    /// </summary>
    public int? AddNodes(int count, Func<int, string> name, Func<string, int?> find)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(find);
        foreach (string existing in _index.Keys)
        {
            if (find(existing) is not null)
            {
                return null;
            }
        }

        int start = _names.Count;
        for (int k = 0; k < count; k++)
        {
            _names.Add(null);
            _kinds.Add(UnknownKind.Voltage);
        }

        _blocks.Add(new NodeBlock(start, count, name, find));
        return start;
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

        string name = NameOf(index);
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

    /// <summary>Index of a name added by name or in a block, or null.</summary>
    private int? Lookup(string name) => _index.TryGetValue(name, out int i) ? i : InBlock(name);

    /// <summary>Index of a name that one of the blocks holds, or null.</summary>
    private int? InBlock(string name)
    {
        foreach (NodeBlock block in _blocks)
        {
            if (block.Find(name) is int k && k >= 0 && k < block.Count)
            {
                return block.Start + k;
            }
        }

        return null;
    }

    private string BlockName(int index)
    {
        foreach (NodeBlock block in _blocks)
        {
            if (index >= block.Start && index < block.Start + block.Count)
            {
                return block.Name(index - block.Start);
            }
        }

        throw new InvalidOperationException($"unknown {index} has no name");
    }

    private int GetOrAdd(string name, UnknownKind kind)
    {
        if (!_index.TryGetValue(name, out int i))
        {
            if (kind == UnknownKind.Voltage && InBlock(name) is int known)
            {
                return known;
            }

            i = _names.Count;
            _names.Add(name);
            _kinds.Add(kind);
            _index.Add(name, i);
        }

        return i;
    }

    /// <summary>Nodes added together by <see cref="AddNodes"/>: indices Start … Start + Count − 1.</summary>
    private sealed record NodeBlock(int Start, int Count, Func<int, string> Name, Func<string, int?> Find);
}
