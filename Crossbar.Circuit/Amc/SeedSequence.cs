using Crossbar.Devices;

namespace Crossbar.Circuit.Amc;

/// <summary>Hands out one derived seed per programmed array, in program order, from a run seed and a stream.</summary>
public sealed class SeedSequence
{
    private readonly int _base;
    private int _index;

    /// <summary>Creates the sequence.</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="stream">Sub-stream (one per purpose, e.g. LP-INV arrays vs HP-MVM arrays).</param>
    public SeedSequence(int seed, int stream) => _base = SeededRandom.DeriveSeed(seed, stream);

    /// <summary>The next seed.</summary>
    /// <returns>A derived seed.</returns>
    public int Next() => SeededRandom.DeriveSeed(_base, _index++);
}
