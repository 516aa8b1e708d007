namespace Crossbar.Devices.Rram;

/// <summary>Ohmic RRAM read model, I = G·V.</summary>
public sealed class LinearRramModel : IRramReadModel
{
    /// <summary>The shared instance (the model has no parameters).</summary>
    public static LinearRramModel Instance { get; } = new();

    /// <inheritdoc />
    public bool IsLinear => true;

    /// <inheritdoc />
    public double Current(double voltage, double conductance) => conductance * voltage;

    /// <inheritdoc />
    public double Conductance(double voltage, double conductance) => conductance;
}
