namespace Crossbar.Circuit.Engine;

/// <summary>
/// The circuit could not be simulated (singular matrix, no convergence, timestep too small).
/// The message names the node(s), branch or time involved.
/// </summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public SimulationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
