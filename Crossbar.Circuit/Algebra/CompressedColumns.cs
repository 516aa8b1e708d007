namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Compressed-column layout of a <see cref="SparsePattern"/>: column pointers, row indices
/// (ascending within a column) and the position of every handle in that layout.
/// </summary>
internal sealed class CompressedColumns
{
    /// <summary>Builds the layout of a pattern.</summary>
    public CompressedColumns(SparsePattern pattern)
    {
        int n = pattern.Size;
        int[] rows = pattern.Rows;
        int[] cols = pattern.Columns;
        int count = rows.Length - 1;
        Size = n;
        ColumnStart = new int[n + 1];
        RowIndex = new int[count];
        HandlePosition = new int[count + 1];
        HandlePosition[0] = -1;

        int[] rowStart = new int[n + 1];
        for (int h = 1; h <= count; h++)
        {
            rowStart[rows[h] + 1]++;
            ColumnStart[cols[h] + 1]++;
        }

        for (int i = 0; i < n; i++)
        {
            rowStart[i + 1] += rowStart[i];
            ColumnStart[i + 1] += ColumnStart[i];
        }

        int[] byRow = new int[count];
        int[] next = new int[n];
        Array.Copy(rowStart, next, n);
        for (int h = 1; h <= count; h++)
        {
            byRow[next[rows[h]]++] = h;
        }

        Array.Copy(ColumnStart, next, n);
        foreach (int h in byRow)
        {
            int p = next[cols[h]]++;
            RowIndex[p] = rows[h];
            HandlePosition[h] = p;
        }
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Start of each column in <see cref="RowIndex"/> (length Size + 1).</summary>
    public int[] ColumnStart { get; }

    /// <summary>Row index of each stored entry.</summary>
    public int[] RowIndex { get; }

    /// <summary>Position of each handle's value in the compressed layout; slot 0 is -1.</summary>
    public int[] HandlePosition { get; }

    /// <summary>Number of stored entries.</summary>
    public int Count => RowIndex.Length;
}
