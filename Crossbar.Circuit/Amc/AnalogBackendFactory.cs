namespace Crossbar.Circuit.Amc;

/// <summary>Creates the backend for a fidelity level.</summary>
public static class AnalogBackendFactory
{
    /// <summary>Creates a backend.</summary>
    /// <param name="fidelity">Fidelity level.</param>
    /// <param name="options">Parameters (null gives the defaults).</param>
    /// <returns>The backend.</returns>
    /// <exception cref="NotSupportedException">The fidelity has no backend yet (circuit backends for
    /// <see cref="Fidelity.OperatingPoint"/> and <see cref="Fidelity.Transient"/>).</exception>
    public static IAnalogBackend Create(Fidelity fidelity, AnalogBackendOptions? options = null) => fidelity switch
    {
        Fidelity.Ideal => new IdealAnalogBackend(options),
        _ => throw new NotSupportedException(
            $"fidelity '{fidelity}' is not available yet: the circuit backend (operating point / transient) is not implemented; use ideal."),
    };
}
