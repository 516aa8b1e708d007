namespace Crossbar.Devices.Programming;

/// <summary>A signed matrix mapped onto two conductance arrays, a = (G⁺ − G⁻)/scale.</summary>
public sealed class DifferentialConductances
{
    /// <summary>Creates the pair of arrays.</summary>
    /// <param name="positive">G⁺ (S).</param>
    /// <param name="negative">G⁻ (S), same shape.</param>
    /// <param name="scale">Scale (S per matrix unit).</param>
    /// <param name="reference">Conductance convention of the inactive cells.</param>
    public DifferentialConductances(double[,] positive, double[,] negative, double scale, DifferentialReference reference)
    {
        if (positive.GetLength(0) != negative.GetLength(0) || positive.GetLength(1) != negative.GetLength(1))
        {
            throw new ArgumentException("positive and negative arrays differ in shape.", nameof(negative));
        }

        Positive = positive;
        Negative = negative;
        Scale = Guard.Positive(scale);
        Reference = reference;
    }

    /// <summary>G⁺, the array carrying the positive parts.</summary>
    /// <value>Siemens.</value>
    public double[,] Positive { get; }

    /// <summary>G⁻, the array carrying the negative parts (its columns are driven by inverted inputs).</summary>
    /// <value>Siemens.</value>
    public double[,] Negative { get; }

    /// <summary>Scale of the mapping.</summary>
    /// <value>Siemens per matrix unit.</value>
    public double Scale { get; }

    /// <summary>Convention of the inactive cell.</summary>
    public DifferentialReference Reference { get; }

    /// <summary>Rows.</summary>
    public int Rows => Positive.GetLength(0);

    /// <summary>Columns.</summary>
    public int Columns => Positive.GetLength(1);

    /// <summary>The represented matrix, (G⁺ − G⁻)/scale.</summary>
    /// <returns>A new array.</returns>
    public double[,] Values() => Values(Positive, Negative);

    /// <summary>The matrix represented by other (for example programmed) conductance arrays with this mapping's scale.</summary>
    /// <param name="positive">G⁺ (S).</param>
    /// <param name="negative">G⁻ (S).</param>
    /// <returns>(G⁺ − G⁻)/scale.</returns>
    public double[,] Values(double[,] positive, double[,] negative)
    {
        int rows = positive.GetLength(0), cols = positive.GetLength(1);
        if (negative.GetLength(0) != rows || negative.GetLength(1) != cols)
        {
            throw new ArgumentException("positive and negative arrays differ in shape.", nameof(negative));
        }

        var a = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                a[i, j] = (positive[i, j] - negative[i, j]) / Scale;
            }
        }

        return a;
    }
}
