namespace Crossbar.Circuit.Amc;

/// <summary>Per-operation energy parameters and the energy estimate of a run.</summary>
/// <remarks>
/// E = E_DAC·n_DAC + E_ADC·n_ADC + P_amp·Σ(op-amps × t) + V_read²·Ḡ·Σ(cells × t).
/// Defaults and their sources (all are assumptions to be replaced by the user's own numbers):
/// <list type="bullet">
/// <item>E_ADC = 2 pJ per conversion: an 8-bit SAR ADC at a Walden figure of merit of ≈5–10 fJ/conversion-step
/// (B. Murmann, "ADC Performance Survey 1997–2024") gives 1.3–2.6 pJ.</item>
/// <item>E_DAC = 0.5 pJ per conversion: assumption for a low-resolution current-steering or capacitive DAC.</item>
/// <item>P_amp = 13 mW per op-amp: AD823-class discrete amplifier used in the paper's hardware, ≈2.6 mA supply current
/// at a 5 V supply (datasheet order of magnitude; an integrated amplifier would be 10–100× lower).</item>
/// <item>V_read = 0.2 V, Ḡ = (G_min + G_max)/2 = 17.75 µS: mid-range cell read power, an assumption.</item>
/// </list>
/// </remarks>
public sealed record EnergyModel
{
    /// <summary>Energy per DAC conversion.</summary>
    /// <value>Joules.</value>
    public double DacEnergy { get; init; } = 0.5e-12;

    /// <summary>Energy per ADC conversion.</summary>
    /// <value>Joules.</value>
    public double AdcEnergy { get; init; } = 2e-12;

    /// <summary>Power of one active op-amp.</summary>
    /// <value>Watts.</value>
    public double OpAmpPower { get; init; } = 13e-3;

    /// <summary>Read voltage across a biased cell.</summary>
    /// <value>Volts.</value>
    public double ReadVoltage { get; init; } = 0.2;

    /// <summary>Mean conductance of a biased cell.</summary>
    /// <value>Siemens.</value>
    public double MeanConductance { get; init; } = 17.75e-6;

    /// <summary>Energy estimate of everything a counter recorded.</summary>
    /// <param name="cost">Counter.</param>
    /// <returns>Joules.</returns>
    public double Estimate(AmcCostCounter cost) =>
        (DacEnergy * cost.DacConversions)
        + (AdcEnergy * cost.AdcConversions)
        + (OpAmpPower * cost.OpAmpSeconds)
        + (ReadVoltage * ReadVoltage * MeanConductance * cost.CellSeconds);
}
