using System.Runtime;

namespace Crossbar.Cli.Commands;

/// <summary>
/// Keeps the garbage collector out of one batch run: the netlist, the compiled elements, the
/// matrix pattern and the LU factor are made once and all live to the end of the run, so a
/// collection in between frees almost nothing and only copies them (one collection was a fifth
/// of a 40 ms run of a 3·10³-unknown deck; four were a tenth of a 0.26 s run of a 66k-line deck).
/// </summary>
/// <remarks>
/// Uses <see cref="GC.TryStartNoGCRegion(long)"/> with a budget scaled to the input (the runtime
/// sets up bookkeeping for the whole budget, so a small deck asks for little). A run that allocates more
/// (long transients, 10⁵-unknown arrays) simply leaves the region at the first collection and
/// goes on under the normal collector; disposing ends the region if it is still open, so that a
/// caller in the same process (the tests) gets the collector back unchanged.
/// </remarks>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>Largest budget asked for: bytes a run may allocate before collections resume.</summary>
    public const long MaximumBudgetBytes = 256L << 20;

    /// <summary>Smallest budget asked for.</summary>
    public const long MinimumBudgetBytes = 16L << 20;

    /// <summary>Budget per byte of deck: reading, compiling and factoring a crossbar deck allocates
    /// 30–55 bytes per byte of its text (INV decks of 4·10³ and 7·10⁴ lines).</summary>
    public const long BytesPerInputByte = 64;

    private readonly bool _started;

    private CollectionPause(bool started) => _started = started;

    /// <summary>Starts the region if the runtime allows it (not already in one, budget accepted).</summary>
    /// <param name="inputBytes">Size of the input (the deck file), which scales the budget.</param>
    public static CollectionPause Start(long inputBytes)
    {
        long budget = Math.Clamp(MinimumBudgetBytes + (BytesPerInputByte * Math.Max(0, inputBytes)), MinimumBudgetBytes, MaximumBudgetBytes);
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new CollectionPause(false);
        }

        try
        {
            return new CollectionPause(GC.TryStartNoGCRegion(budget));
        }
        catch (ArgumentOutOfRangeException)
        {
            // The budget is larger than this runtime's ephemeral space: run with the normal collector.
            return new CollectionPause(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // A collection already ended the region.
            }
        }
    }
}
