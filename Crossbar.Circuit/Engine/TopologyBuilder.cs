namespace Crossbar.Circuit.Engine;

/// <summary>
/// Collects how elements join nodes, to name the culprit of a singular circuit before
/// factoring: nodes with no DC path to ground, and loops of voltage-defining branches
/// (voltage sources, VCVS/CCVS outputs, inductors at DC).
/// </summary>
public sealed class TopologyBuilder
{
    private readonly int[] _dcParent;
    private readonly int[] _voltageParent;
    private readonly int _ground;

    internal TopologyBuilder(int unknownCount)
    {
        _ground = unknownCount;
        _dcParent = new int[unknownCount + 1];
        _voltageParent = new int[unknownCount + 1];
        for (int i = 0; i <= unknownCount; i++)
        {
            _dcParent[i] = i;
            _voltageParent[i] = i;
        }
    }

    /// <summary>Loops of voltage-defining branches found so far (element names).</summary>
    public List<string> VoltageLoops { get; } = [];

    /// <summary>Declares that an element conducts at DC between two nodes (bound indices, -1 = ground).</summary>
    public void DcPath(int a, int b) => Union(_dcParent, Map(a), Map(b));

    /// <summary>Declares a branch that fixes v(a) − v(b); also a DC path. Records a loop when a and b are already tied.</summary>
    public void VoltageBranch(int a, int b, string element)
    {
        int ra = Find(_voltageParent, Map(a));
        int rb = Find(_voltageParent, Map(b));
        if (ra == rb)
        {
            VoltageLoops.Add(element);
        }
        else
        {
            _voltageParent[ra] = rb;
        }

        DcPath(a, b);
    }

    /// <summary>True when node i is tied to ground by DC paths.</summary>
    public bool HasDcPathToGround(int node) => Find(_dcParent, Map(node)) == Find(_dcParent, _ground);

    private int Map(int node) => node < 0 ? _ground : node;

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a);
        int rb = Find(parent, b);
        if (ra != rb)
        {
            parent[ra] = rb;
        }
    }
}
