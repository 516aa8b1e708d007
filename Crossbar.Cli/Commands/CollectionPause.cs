using System.Runtime;

namespace Crossbar.Cli.Commands;

/// <summary>
/// Keeps the garbage collector out of one batch run: the netlist, the compiled elements, the
/// matrix pattern and the LU factor are made once and all live to the end of the run, so a
/// collection in between frees almost nothing and only copies them (one collection was a fifth
/// of a 40 ms run of a 3·10³-unknown deck; four were a tenth of a 0.26 s run of a 66k-line deck).
/// </summary>
/// <remarks>
/// Uses <see cref="GC.TryStartNoGCRegion(long)"/> with a fixed budget. A run that allocates more
/// (long transients, 10⁵-unknown arrays) simply leaves the region at the first collection and
/// goes on under the normal collector; disposing ends the region if it is still open, so that a
/// caller in the same process (the tests) gets the collector back unchanged.
/// </remarks>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>Bytes the run may allocate before collections resume.</summary>
    public const long BudgetBytes = 256L << 20;

    private readonly bool _started;

    private CollectionPause(bool started) => _started = started;

    /// <summary>Starts the region if the runtime allows it (not already in one, budget accepted).</summary>
    public static CollectionPause Start()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new CollectionPause(false);
        }

        try
        {
            return new CollectionPause(GC.TryStartNoGCRegion(BudgetBytes));
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
