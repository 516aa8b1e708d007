using System.Numerics;

namespace Crossbar.Circuit.Amc;

/// <summary>Square M-QAM (M = 4, 16, 64, 256) with Gray coding per dimension, normalised to unit average energy.</summary>
/// <remarks>
/// Each dimension carries log2(√M) bits; level index i maps to amplitude (2i − (L − 1))·η with L = √M and
/// η = 1/√(2(M − 1)/3), and carries the Gray code g(i) = i ⊕ (i ≫ 1), so neighbouring levels differ in one bit.
/// A symbol's bits are the I bits (high) followed by the Q bits (low).
/// </remarks>
public sealed class QamConstellation
{
    private readonly int[] _indexOfGray;

    /// <summary>Creates the constellation.</summary>
    /// <param name="order">M: 4, 16, 64 or 256.</param>
    public QamConstellation(int order)
    {
        if (order is not (4 or 16 or 64 or 256))
        {
            throw new ArgumentException($"QAM order must be 4, 16, 64 or 256, got {order}.", nameof(order));
        }

        Order = order;
        BitsPerSymbol = (int)Math.Round(Math.Log2(order));
        BitsPerDimension = BitsPerSymbol / 2;
        Levels = 1 << BitsPerDimension;
        Normalization = 1.0 / Math.Sqrt(2.0 * (order - 1) / 3.0);
        _indexOfGray = new int[Levels];
        for (int i = 0; i < Levels; i++)
        {
            _indexOfGray[Gray(i)] = i;
        }
    }

    /// <summary>M.</summary>
    public int Order { get; }

    /// <summary>log2 M.</summary>
    public int BitsPerSymbol { get; }

    /// <summary>Bits per real dimension.</summary>
    public int BitsPerDimension { get; }

    /// <summary>L = √M, levels per dimension.</summary>
    public int Levels { get; }

    /// <summary>η, the amplitude of one half level step.</summary>
    public double Normalization { get; }

    /// <summary>The symbol carrying a bit pattern.</summary>
    /// <param name="bits">Pattern in [0, M): I bits high, Q bits low.</param>
    /// <returns>The symbol.</returns>
    public Complex Map(int bits) =>
        new(Amplitude(_indexOfGray[bits >> BitsPerDimension]), Amplitude(_indexOfGray[bits & (Levels - 1)]));

    /// <summary>Nearest-symbol decision on a real and an imaginary part.</summary>
    /// <param name="re">Real part.</param>
    /// <param name="im">Imaginary part.</param>
    /// <returns>The bit pattern.</returns>
    public int Demap(double re, double im) => (Gray(Decide(re)) << BitsPerDimension) | Gray(Decide(im));

    private double Amplitude(int index) => ((2 * index) - (Levels - 1)) * Normalization;

    private int Decide(double v)
    {
        double t = ((v / Normalization) + (Levels - 1)) / 2.0;
        if (!double.IsFinite(t))
        {
            return 0;
        }

        return (int)Math.Clamp(Math.Round(t, MidpointRounding.AwayFromZero), 0, Levels - 1);
    }

    private static int Gray(int i) => i ^ (i >> 1);
}
