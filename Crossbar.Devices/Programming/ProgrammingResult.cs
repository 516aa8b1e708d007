namespace Crossbar.Devices.Programming;

/// <summary>
/// Outcome of programming an M×N array, stored as struct-of-arrays in row-major order (cell (i, j) at i·N + j).
/// </summary>
public sealed class ProgrammingResult
{
    /// <summary>Creates an empty result for an array of the given shape.</summary>
    /// <param name="rows">M.</param>
    /// <param name="columns">N.</param>
    public ProgrammingResult(int rows, int columns)
    {
        Rows = Guard.InRange(rows, 0, int.MaxValue);
        Columns = Guard.InRange(columns, 0, int.MaxValue);
        long count = (long)rows * columns;
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"{rows}×{columns} cells exceed the largest array.", nameof(rows));
        }

        Target = new double[count];
        Conductance = new double[count];
        Pulses = new int[count];
        Status = new CellStatus[count];
    }

    /// <summary>M, the number of rows.</summary>
    public int Rows { get; }

    /// <summary>N, the number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of cells, M·N.</summary>
    public int Count => Target.Length;

    /// <summary>Target conductance of each cell.</summary>
    /// <value>Siemens, row-major.</value>
    public double[] Target { get; }

    /// <summary>Achieved conductance of each cell.</summary>
    /// <value>Siemens, row-major.</value>
    public double[] Conductance { get; }

    /// <summary>Write pulses applied to each cell (0 for stuck cells and cells already in the band).</summary>
    public int[] Pulses { get; }

    /// <summary>Outcome of each cell.</summary>
    public CellStatus[] Status { get; }

    /// <summary>Row-major index of cell (i, j).</summary>
    /// <param name="row">i.</param>
    /// <param name="column">j.</param>
    /// <returns>i·N + j.</returns>
    public int IndexOf(int row, int column) => (row * Columns) + column;

    /// <summary>Number of cells with the given status.</summary>
    /// <param name="status">Status to count.</param>
    /// <returns>The count.</returns>
    public int CountOf(CellStatus status)
    {
        int n = 0;
        foreach (var s in Status)
        {
            if (s == status)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Fraction of cells that were verified inside the band or programmed open-loop (not failed, not stuck).</summary>
    public double SuccessRate => Count == 0 ? 0.0 : (double)(CountOf(CellStatus.Verified) + CountOf(CellStatus.Programmed)) / Count;

    /// <summary>Mean number of pulses per cell, over all cells.</summary>
    public double MeanPulses => Count == 0 ? 0.0 : Pulses.Average();

    /// <summary>The achieved conductances as an M×N array.</summary>
    /// <returns>A new array (S).</returns>
    public double[,] ConductanceMatrix()
    {
        var g = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                g[i, j] = Conductance[IndexOf(i, j)];
            }
        }

        return g;
    }
}
