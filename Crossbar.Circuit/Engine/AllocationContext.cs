using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>What an element sees while allocating: final unknown indices, matrix handles, state slots.</summary>
public sealed class AllocationContext
{
    private readonly SparsePatternBuilder _pattern;
    private int _stateCount;

    internal AllocationContext(UnknownMap unknowns, SparsePatternBuilder pattern)
    {
        Unknowns = unknowns;
        _pattern = pattern;
        Ground = unknowns.Count;
    }

    /// <summary>All unknowns.</summary>
    public UnknownMap Unknowns { get; }

    /// <summary>The branch unknown of the source whose current controls element <paramref name="element"/> (F, H).</summary>
    /// <exception cref="SimulationException">No voltage source or inductor of that name.</exception>
    public int ControllingBranch(string element, string source) =>
        Unknowns.FindBranch(source)
        ?? throw new SimulationException($"{element}: controlling source '{source}' is not a voltage source or inductor of this circuit");

    /// <summary>Index of the spare ground slot in solution and right-hand-side vectors (always 0 V / discarded).</summary>
    public int Ground { get; }

    /// <summary>Number of state slots allocated so far.</summary>
    public int StateCount => _stateCount;

    /// <summary>When set, every handle handed out is added here (the circuit records the entries of elements whose load varies).</summary>
    internal List<int>? Recorded { get; set; }

    /// <summary>Maps a bound node index (-1 for ground) to its vector slot.</summary>
    public int Slot(int node) => node < 0 ? Ground : node;

    /// <summary>Handle of matrix entry (row, column) given as bound indices or slots; ground gives the trash handle.</summary>
    public int Entry(int row, int column)
    {
        int handle = _pattern.Entry(row >= Ground ? -1 : row, column >= Ground ? -1 : column);
        if (handle != 0)
        {
            Recorded?.Add(handle);
        }

        return handle;
    }

    /// <summary>
    /// Handle of an off-diagonal entry that only the calling element will ever ask for, and only once (one of the two
    /// unknowns is the element's own: see <see cref="SparsePatternBuilder.AppendUnique"/>); ground gives the trash handle.
    /// </summary>
    public int UniqueEntry(int row, int column)
    {
        int handle = _pattern.AppendUnique(row >= Ground ? -1 : row, column >= Ground ? -1 : column);
        if (handle != 0)
        {
            Recorded?.Add(handle);
        }

        return handle;
    }

    /// <summary>Reserves consecutive integrator state slots and returns the first.</summary>
    public int AllocateStates(int count)
    {
        int first = _stateCount;
        _stateCount += count;
        return first;
    }
}
