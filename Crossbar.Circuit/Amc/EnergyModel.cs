namespace Crossbar.Circuit.Amc;

/// <summary>Per-operation energy parameters and the energy estimate of a run.</summary>
/// <remarks>
/// E = E_DAC·n_DAC + E_ADC·n_ADC + P_amp·Σ(op-amps × t) + V_read²·Ḡ·Σ(cells × t).
/// Defaults: <see cref="CostAssumptions"/>, where each number's source is stated.
/// </remarks>
public sealed record EnergyModel
{
    /// <summary>Energy per DAC conversion.</summary>
    /// <value>Joules.</value>
    public double DacEnergy { get; init; } = CostAssumptions.Default.DacEnergy;

    /// <summary>Energy per ADC conversion.</summary>
    /// <value>Joules.</value>
    public double AdcEnergy { get; init; } = CostAssumptions.Default.AdcEnergy;

    /// <summary>Power of one active op-amp.</summary>
    /// <value>Watts.</value>
    public double OpAmpPower { get; init; } = CostAssumptions.Default.OpAmpPower;

    /// <summary>Read voltage across a biased cell.</summary>
    /// <value>Volts.</value>
    public double ReadVoltage { get; init; } = CostAssumptions.Default.ReadVoltage;

    /// <summary>Mean conductance of a biased cell.</summary>
    /// <value>Siemens.</value>
    public double MeanConductance { get; init; } = CostAssumptions.Default.MeanConductance;

    /// <summary>Energy estimate of everything a counter recorded.</summary>
    /// <param name="cost">Counter.</param>
    /// <returns>Joules.</returns>
    public double Estimate(AmcCostCounter cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return Estimate(cost.DacConversions, cost.AdcConversions, cost.OpAmpSeconds, cost.CellSeconds);
    }

    /// <summary>Energy estimate from the four counts.</summary>
    /// <param name="dacConversions">DAC conversions.</param>
    /// <param name="adcConversions">ADC conversions.</param>
    /// <param name="opAmpSeconds">Σ op-amps × settling time (s).</param>
    /// <param name="cellSeconds">Σ biased cells × settling time (s).</param>
    /// <returns>Joules.</returns>
    public double Estimate(double dacConversions, double adcConversions, double opAmpSeconds, double cellSeconds) =>
        (DacEnergy * dacConversions)
        + (AdcEnergy * adcConversions)
        + (OpAmpPower * opAmpSeconds)
        + (ReadVoltage * ReadVoltage * MeanConductance * cellSeconds);
}
