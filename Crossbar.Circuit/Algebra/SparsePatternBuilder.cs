using System.Numerics;

namespace Crossbar.Circuit.Algebra;

/// <summary>
/// Collects matrix entries requested by elements during setup and hands out handles. Asking
/// twice for the same (row, column) returns the same handle. Negative row or column (ground)
/// returns the trash handle 0.
/// </summary>
/// <remarks>
/// Entries are found through an open-addressing hash table (linear probing, power-of-two
/// capacity, at most half full) whose buckets of eight slots hold neighbouring columns of one
/// row (<see cref="Home"/>): a crossbar deck asks for 10⁵–10⁶ entries, row after row, and a
/// general dictionary pays a cache miss for each. The diagonal, when added first
/// (<see cref="AddDiagonal"/>), is not hashed at all.
/// </remarks>
public sealed class SparsePatternBuilder
{
    private int[] _rows;
    private int[] _columns;
    private int _count = 1;
    private Slot[] _slots;
    private bool _diagonalFirst;

    /// <summary>Creates a builder for an n×n matrix.</summary>
    public SparsePatternBuilder(int size)
        : this(size, 0)
    {
    }

    /// <summary>Creates a builder for an n×n matrix that expects about <paramref name="expectedEntries"/> entries.</summary>
    public SparsePatternBuilder(int size, int expectedEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
        int capacity = (int)Math.Min(1 << 30, Math.Max(64, (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, expectedEntries))));
        _rows = new int[capacity];
        _columns = new int[capacity];
        _slots = new Slot[2 * capacity];
        _rows[0] = -1;
        _columns[0] = -1;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>
    /// Creates the whole diagonal first, entry (i, i) with handle i + 1, on an empty builder. Later
    /// requests for a diagonal entry are then answered without the hash table: for two-terminal
    /// elements that is half of all requests, and the ones whose rows jump around the matrix.
    /// </summary>
    public void AddDiagonal()
    {
        if (_count != 1)
        {
            throw new InvalidOperationException("the diagonal must be added before any other entry");
        }

        EnsureEntryCapacity(Size + 1);
        for (int i = 0; i < Size; i++)
        {
            _rows[i + 1] = i;
            _columns[i + 1] = i;
        }

        _count = Size + 1;
        _diagonalFirst = true;
    }

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

        if (_diagonalFirst && row == column)
        {
            return row + 1;
        }

        long key = ((long)row * Size) + column;
        int mask = _slots.Length - 1;
        int i = Home(row, column) & mask;
        while (true)
        {
            ref Slot slot = ref _slots[i];
            if (slot.Handle == 0)
            {
                break;
            }

            if (slot.Key == key)
            {
                return slot.Handle;
            }

            i = (i + 1) & mask;
        }

        int created = _count++;
        EnsureEntryCapacity(_count);

        _rows[created] = row;
        _columns[created] = column;
        _slots[i] = new Slot(key, created);
        if (2 * _count > _slots.Length)
        {
            Grow();
        }

        return created;
    }

    /// <summary>
    /// Creates entry (row, column) without looking for it and without making it findable by <see cref="Entry"/>: for
    /// an element that owns one of the two unknowns outright (nobody else has an entry in its row or column) and asks
    /// for each of its off-diagonal pairs once. A crossbar array's wire and cell nodes are such unknowns; skipping the
    /// hash table for their millions of entries saves its cache misses.
    /// </summary>
    public int AppendUnique(int row, int column)
    {
        if (row < 0 || column < 0)
        {
            return 0;
        }

        if (row >= Size || column >= Size || row == column)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"unique entry ({row}, {column}): expected an off-diagonal entry of a {Size}x{Size} matrix");
        }

        int created = _count++;
        EnsureEntryCapacity(_count);
        _rows[created] = row;
        _columns[created] = column;
        return created;
    }

    private void EnsureEntryCapacity(int count)
    {
        if (count > _rows.Length)
        {
            int capacity = Math.Max(count, 2 * _rows.Length);
            Array.Resize(ref _rows, capacity);
            Array.Resize(ref _columns, capacity);
        }
    }

    /// <summary>Freezes the pattern.</summary>
    public SparsePattern Build() => new(Size, _rows[.._count], _columns[.._count]);

    /// <summary>
    /// Home slot of (row, column): a Fibonacci hash of the row and the column's block of eight
    /// picks a bucket of eight slots, the column's low three bits the slot in it. Entries of one
    /// row with neighbouring columns share a bucket (two cache lines), so a row's run of columns
    /// is one miss per eight entries, and a column node's row, filled one entry per array row,
    /// is still in cache when its next entry comes; buckets of different rows are scattered, so
    /// runs from many rows do not pile up in one probe cluster.
    /// </summary>
    private static int Home(int row, int column) =>
        (int)((((((ulong)(uint)row << 32) | (uint)(column >> 3)) * 0x9E3779B97F4A7C15UL) >> 37) << 3) | (column & 7);

    private void Grow()
    {
        int capacity = 2 * _slots.Length;
        var slots = new Slot[capacity];
        int mask = capacity - 1;
        for (int h = _diagonalFirst ? Size + 1 : 1; h < _count; h++)
        {
            int i = Home(_rows[h], _columns[h]) & mask;
            while (slots[i].Handle != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = new Slot(((long)_rows[h] * Size) + _columns[h], h);
        }

        _slots = slots;
    }

    private readonly record struct Slot(long Key, int Handle);
}
