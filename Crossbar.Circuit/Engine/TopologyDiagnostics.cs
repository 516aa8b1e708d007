namespace Crossbar.Circuit.Engine;

/// <summary>Names the cause of a singular circuit: voltage-source loops and nodes with no DC path to ground.</summary>
internal static class TopologyDiagnostics
{
    /// <summary>A message naming the culprits, or null when the topology looks sound.</summary>
    public static string? Explain(Circuit circuit)
    {
        var topology = new TopologyBuilder(circuit.Size);
        foreach (CircuitElement e in circuit.Elements)
        {
            e.DescribeTopology(topology);
        }

        if (topology.VoltageLoops.Count > 0)
        {
            return $"loop of voltage sources (or inductors at DC) closed by {string.Join(", ", topology.VoltageLoops)}: their currents are undetermined";
        }

        var floating = new List<string>();
        UnknownMap map = circuit.Unknowns;
        for (int i = 0; i < circuit.Size; i++)
        {
            if (map.KindOf(i) == UnknownKind.Voltage && !topology.HasDcPathToGround(i))
            {
                floating.Add(map.NameOf(i));
            }
        }

        if (floating.Count > 0)
        {
            string list = string.Join(", ", floating.Take(10)) + (floating.Count > 10 ? $" and {floating.Count - 10} more" : string.Empty);
            return floating.Count == 1
                ? $"node {list} has no DC path to ground (floating)"
                : $"nodes {list} have no DC path to ground (floating)";
        }

        return null;
    }
}
