namespace Crossbar.Cli.Commands;

/// <summary>How one command run ended, in the words of a sweep's <c>status</c> column.</summary>
public enum RunStatus
{
    /// <summary>The run finished and met its goal.</summary>
    Ok,

    /// <summary>An INV loop failed its stability check (refused, or run with <c>--force</c> and latched).</summary>
    Unstable,

    /// <summary>HP-INV refinement diverged (spectral radius of the realised iteration ≥ 1).</summary>
    Diverged,

    /// <summary>Newton did not converge, or HP-INV stopped before its target (stagnation, iteration limit).</summary>
    NotConverged,

    /// <summary>Refused input, an I/O failure or an unexpected exception.</summary>
    Error,
}
