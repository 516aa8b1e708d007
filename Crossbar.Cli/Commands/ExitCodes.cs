namespace Crossbar.Cli.Commands;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The simulation failed (no convergence, singular circuit, unstable circuit).</summary>
    public const int SimulationFailure = 1;

    /// <summary>Bad command line or bad input file.</summary>
    public const int UsageError = 2;
}
