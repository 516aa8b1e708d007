namespace Crossbar.Circuit.Amc;

/// <summary>
/// A matrix larger than one array, programmed as tiles of at most <c>arraySize</c> × <c>arraySize</c> and multiplied
/// tile by tile (MVM only); the tile outputs are added digitally.
/// </summary>
public sealed class TiledArray
{
    private readonly CountingArray[,] _tiles;
    private readonly int _arraySize;

    /// <summary>Programs the tiles.</summary>
    /// <param name="matrix">Matrix (matrix units).</param>
    /// <param name="backend">Backend.</param>
    /// <param name="arraySize">Largest array dimension.</param>
    /// <param name="bits">Bits per cell (0 = continuous).</param>
    /// <param name="seeds">Seed source; one seed per tile.</param>
    /// <param name="counter">Cost counter.</param>
    public TiledArray(double[,] matrix, IAnalogBackend backend, int arraySize, int bits, SeedSequence seeds, AmcCostCounter counter)
    {
        if (arraySize < 1)
        {
            throw new ArgumentException($"array size must be positive, got {arraySize}.", nameof(arraySize));
        }

        Rows = matrix.GetLength(0);
        Columns = matrix.GetLength(1);
        _arraySize = arraySize;
        int tr = (Rows + arraySize - 1) / arraySize, tc = (Columns + arraySize - 1) / arraySize;
        _tiles = new CountingArray[tr, tc];
        for (int i = 0; i < tr; i++)
        {
            for (int j = 0; j < tc; j++)
            {
                int r0 = i * arraySize, c0 = j * arraySize;
                var block = MatrixOps.Block(matrix, r0, c0, Math.Min(arraySize, Rows - r0), Math.Min(arraySize, Columns - c0));
                _tiles[i, j] = CountingArray.Program(backend, block, bits, seeds.Next(), counter);
            }
        }
    }

    /// <summary>Rows of the whole matrix.</summary>
    public int Rows { get; }

    /// <summary>Columns of the whole matrix.</summary>
    public int Columns { get; }

    /// <summary>Number of programmed tiles.</summary>
    public int TileCount => _tiles.Length;

    /// <summary>The realised matrix assembled from the tiles.</summary>
    /// <returns>A new matrix.</returns>
    public double[,] Realized() => Assemble(t => t.Realized);

    /// <summary>The matrix the tiles' MVM circuits realise (<see cref="IProgrammedArray.EffectiveMatrix"/>), assembled.</summary>
    /// <returns>A new matrix.</returns>
    public double[,] Effective() => Assemble(t => t.EffectiveMatrix());

    private double[,] Assemble(Func<CountingArray, double[,]> tile)
    {
        var m = new double[Rows, Columns];
        for (int i = 0; i < _tiles.GetLength(0); i++)
        {
            for (int j = 0; j < _tiles.GetLength(1); j++)
            {
                MatrixOps.SetBlock(m, i * _arraySize, j * _arraySize, tile(_tiles[i, j]));
            }
        }

        return m;
    }

    /// <summary>y = f·Ã·x with x already within the DAC range (±1), each tile's reading optionally rounded to an integer.</summary>
    /// <param name="x">Input (length <see cref="Columns"/>).</param>
    /// <param name="outputScale">f, applied to each tile's reading before rounding.</param>
    /// <param name="roundTiles">Round each scaled tile reading to the nearest integer (the digital back end knows an
    /// integer slice times an integer input is an integer, so readings within ±0.5 are exact).</param>
    /// <param name="settleTime">Sum of the tiles' settling times.</param>
    /// <returns>y.</returns>
    public double[] MultiplyRaw(ReadOnlySpan<double> x, double outputScale, bool roundTiles, out double settleTime)
    {
        var y = new double[Rows];
        settleTime = 0.0;
        for (int i = 0; i < _tiles.GetLength(0); i++)
        {
            for (int j = 0; j < _tiles.GetLength(1); j++)
            {
                var tile = _tiles[i, j];
                var r = tile.Multiply(x.Slice(j * _arraySize, tile.Columns));
                settleTime += r.SettleTime;
                for (int k = 0; k < r.Values.Length; k++)
                {
                    double v = r.Values[k] * outputScale;
                    y[(i * _arraySize) + k] += roundTiles ? Math.Round(v, MidpointRounding.AwayFromZero) : v;
                }
            }
        }

        return y;
    }

    /// <summary>y ≈ A·x for any x: x is scaled by max|x| into the DAC range and the result scaled back.</summary>
    /// <param name="x">Input.</param>
    /// <param name="settleTime">Sum of the settling times.</param>
    /// <returns>y.</returns>
    public double[] Multiply(ReadOnlySpan<double> x, out double settleTime)
    {
        double s = MatrixOps.MaxAbs(x);
        if (s == 0.0)
        {
            settleTime = 0.0;
            return new double[Rows];
        }

        var scaled = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            scaled[i] = x[i] / s;
        }

        var y = MultiplyRaw(scaled, 1.0, false, out settleTime);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] *= s;
        }

        return y;
    }
}
