namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Collects matrix entries requested by elements during setup and hands out handles. Asking
/// twice for the same (row, column) returns the same handle. Negative row or column (ground)
/// returns the trash handle 0.
/// </summary>
public sealed class SparsePatternBuilder
{
    private readonly Dictionary<long, int> _handles = [];
    private readonly List<int> _rows = [-1];
    private readonly List<int> _columns = [-1];

    /// <summary>Creates a builder for an n×n matrix.</summary>
    public SparsePatternBuilder(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Handle of entry (row, column); 0 when either index is negative (ground).</summary>
    public int Entry(int row, int column)
    {
        if (row < 0 || column < 0)
        {
            return 0;
        }

        if (row >= Size || column >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"entry ({row}, {column}) outside a {Size}x{Size} matrix");
        }

        long key = ((long)row * Size) + column;
        if (!_handles.TryGetValue(key, out int handle))
        {
            handle = _rows.Count;
            _rows.Add(row);
            _columns.Add(column);
            _handles.Add(key, handle);
        }

        return handle;
    }

    /// <summary>Freezes the pattern.</summary>
    public SparsePattern Build() => new(Size, [.. _rows], [.. _columns]);
}
