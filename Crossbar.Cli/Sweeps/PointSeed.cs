using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// Seeds of sweep points, derived by hashing (SHA-256) so that a point's seed depends only on the sweep seed and what
/// the point is, never on <c>--jobs</c>, run order or sharding. A stable hash also assigns points to shards.
/// </summary>
public static class PointSeed
{
    /// <summary>
    /// The seed of a point: SHA-256 of the sweep seed and the point's canonical text (command, every fixed and swept
    /// option, replicate), first four bytes as a non-negative <see cref="int"/>. With <paramref name="paired"/> only the
    /// sweep seed and the replicate count, so every parameter combination of one replicate sees the same matrix,
    /// right-hand side and noise draws (common random numbers: differences between points are the parameters' alone).
    /// </summary>
    public static int Derive(int sweepSeed, string pointText, int replicate, bool paired)
    {
        string text = paired
            ? FormattableString.Invariant($"crossbar-sweep|{sweepSeed}|replicate={replicate}")
            : FormattableString.Invariant($"crossbar-sweep|{sweepSeed}|{pointText}|replicate={replicate}");
        return (int)(Hash(text) & 0x7fff_ffff);
    }

    /// <summary>The shard (1 … <paramref name="shards"/>) that runs the point with key <paramref name="key"/>.</summary>
    public static int Shard(string key, int shards) => (int)(Hash("crossbar-shard|" + key) % (ulong)shards) + 1;

    private static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
