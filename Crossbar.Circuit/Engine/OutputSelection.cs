using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Which vectors an analysis writes: its <c>.print</c> vectors if any, else the <c>.save</c>
/// vectors, else every top-level node voltage and voltage-source current (lower case); the word <c>all</c>
/// in a list stands for that default set.
/// </summary>
internal sealed class OutputSelection
{
    private readonly List<(int Plus, int Minus)> _columns = [];

    private OutputSelection(List<string> names) => Names = names;

    /// <summary>Column names in order.</summary>
    public List<string> Names { get; }

    /// <summary>Chooses the vectors for an analysis kind (op, dc, tran, ac), then adds the <paramref name="measured"/> ones
    /// not already chosen (those this circuit has: a measure of a missing vector fails on its own).</summary>
    public static OutputSelection For(Netlist netlist, Circuit circuit, string analysis, IEnumerable<string> topLevelSources, IEnumerable<OutputVector>? measured = null)
    {
        var printed = netlist.Prints.Where(p => p.Analysis.Equals(analysis, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Vectors).ToList();
        List<OutputVector> vectors = printed.Count > 0 ? printed
            : netlist.Saves.Count > 0 ? netlist.Saves
            : DefaultVectors(circuit, topLevelSources);

        if (vectors.Contains(OutputVector.All))
        {
            List<OutputVector> all = DefaultVectors(circuit, topLevelSources);
            vectors = [.. vectors.SelectMany(v => v == OutputVector.All ? all : [v])];
        }

        var selection = new OutputSelection([]);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (OutputVector v in vectors)
        {
            if (!seen.Add(v.ColumnName))
            {
                continue;
            }

            selection.Names.Add(v.ColumnName);
            selection._columns.Add(Resolve(circuit, v));
        }

        foreach (OutputVector v in measured ?? [])
        {
            if (!seen.Contains(v.ColumnName) && TryResolve(circuit, v) is { } column)
            {
                seen.Add(v.ColumnName);
                selection.Names.Add(v.ColumnName);
                selection._columns.Add(column);
            }
        }

        return selection;
    }

    /// <summary>Reads the selected values from a solution vector (ground slot last).</summary>
    public void Fill(double[] solution, Span<double> destination)
    {
        for (int i = 0; i < _columns.Count; i++)
        {
            (int plus, int minus) = _columns[i];
            destination[i] = solution[plus] - solution[minus];
        }
    }

    /// <summary>One selected vector from a complex (AC) solution vector (ground slot last).</summary>
    public System.Numerics.Complex FillComplex(System.Numerics.Complex[] solution, int index)
    {
        (int plus, int minus) = _columns[index];
        return solution[plus] - solution[minus];
    }

    /// <summary>Number of selected vectors.</summary>
    public int Count => _columns.Count;

    private static (int, int)? TryResolve(Circuit circuit, OutputVector v)
    {
        try
        {
            return Resolve(circuit, v);
        }
        catch (SimulationException)
        {
            return null;
        }
    }

    private static (int, int) Resolve(Circuit circuit, OutputVector v)
    {
        UnknownMap map = circuit.Unknowns;
        int ground = circuit.Size;
        if (v.Kind == 'i')
        {
            int branch = map.FindBranch(v.Node)
                ?? throw new SimulationException($"cannot output {v.ColumnName}: '{v.Node}' is not a voltage source, VCVS, CCVS or inductor of this circuit");
            return (branch, ground);
        }

        int plus = map.FindNode(v.Node) ?? throw new SimulationException($"cannot output {v.ColumnName}: no node '{v.Node}' in the circuit");
        int minus = v.Reference is null ? -1
            : map.FindNode(v.Reference) ?? throw new SimulationException($"cannot output {v.ColumnName}: no node '{v.Reference}' in the circuit");
        return (plus < 0 ? ground : plus, minus < 0 ? ground : minus);
    }

    private static List<OutputVector> DefaultVectors(Circuit circuit, IEnumerable<string> topLevelSources)
    {
        var list = new List<OutputVector>();
        UnknownMap map = circuit.Unknowns;
        for (int i = 0; i < circuit.Size; i++)
        {
            string name = map.NameOf(i);
            if (map.KindOf(i) == UnknownKind.Voltage && !name.Contains('#', StringComparison.Ordinal) && !IsSubcircuitNode(name))
            {
                list.Add(new OutputVector('v', name));
            }
        }

        foreach (string source in topLevelSources)
        {
            list.Add(new OutputVector('i', source));
        }

        return list;
    }

    private static bool IsSubcircuitNode(string name)
        => (name[0] == 'x' || name[0] == 'X') && name.Contains('.', StringComparison.Ordinal);
}
