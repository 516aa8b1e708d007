namespace Crossbar.Circuit.Amc;

/// <summary>Creates the backend for a fidelity level.</summary>
public static class AnalogBackendFactory
{
    /// <summary>Creates a backend.</summary>
    /// <param name="fidelity">Fidelity level.</param>
    /// <param name="options">Parameters (null gives the defaults).</param>
    /// <param name="circuit">Hardware of the generated circuits (op and tran fidelity; null gives the defaults).</param>
    /// <returns>The backend.</returns>
    public static IAnalogBackend Create(Fidelity fidelity, AnalogBackendOptions? options = null, Builders.CrossbarBuildOptions? circuit = null) => fidelity switch
    {
        Fidelity.Ideal => new IdealAnalogBackend(options),
        _ => new CircuitAnalogBackend(fidelity, options, circuit),
    };
}
