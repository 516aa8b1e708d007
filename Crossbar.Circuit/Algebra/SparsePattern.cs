namespace Crossbar.Circuit.Algebra;

/// <summary>
/// The fixed nonzero pattern of an MNA matrix. Entry handles index a value array of length
/// <see cref="Count"/> + 1; handle 0 is the "trash" slot that ground rows and columns write to
/// (so no element special-cases node 0), real entries are 1..Count.
/// </summary>
public sealed class SparsePattern
{
    internal SparsePattern(int size, int[] rows, int[] columns)
    {
        Size = size;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Matrix dimension (number of unknowns).</summary>
    public int Size { get; }

    /// <summary>Number of structural nonzeros (handles 1..Count).</summary>
    public int Count => Rows.Length - 1;

    /// <summary>Row of each handle; index 0 (trash) is -1.</summary>
    public int[] Rows { get; }

    /// <summary>Column of each handle; index 0 (trash) is -1.</summary>
    public int[] Columns { get; }

    /// <summary>Allocates a value array for this pattern (Count + 1 entries, slot 0 is trash).</summary>
    public double[] CreateValues() => new double[Rows.Length];
}
