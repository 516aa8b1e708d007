namespace Crossbar.Devices.Programming;

/// <summary>How the conductance levels of a multi-level cell are spaced over [G_min, G_max].</summary>
public enum LevelSpacing
{
    /// <summary>Equal steps in conductance: L_k = G_min + k·(G_max − G_min)/(n − 1).</summary>
    Linear,

    /// <summary>Equal ratios: L_k = G_min·(G_max/G_min)^(k/(n − 1)).</summary>
    Logarithmic,
}

/// <summary>How a conductance is assigned to a level.</summary>
public enum QuantizationMode
{
    /// <summary>Nearest level (ties go to the upper level).</summary>
    Rounding,

    /// <summary>Largest level not above the value (the lowest level for values below it).</summary>
    Truncation,
}

/// <summary>Conductance of the inactive cell of a differential pair (the cell that does not carry the entry's sign).</summary>
public enum DifferentialReference
{
    /// <summary>
    /// The inactive cell sits at G_min and the active cell at the level nearest G_min + scale·|a|, so the pair
    /// difference G⁺ − G⁻ represents the value and a zero entry is the pair (G_min, G_min). The representable
    /// magnitude range is [0, G_max − G_min]. Physically realistic: an RRAM cell cannot be below its lowest state.
    /// </summary>
    MinimumConductance,

    /// <summary>
    /// The inactive cell is 0 S (e.g. not formed or not selected) and the active cell holds the level nearest
    /// scale·|a|; an exact zero entry gives (0, 0). Magnitudes below about G_min/2 are represented by G_min and so
    /// carry an error; the representable range is [G_min, G_max].
    /// </summary>
    Zero,
}

/// <summary>Distribution of a multiplicative device-to-device factor with mean 1 and relative standard deviation σ.</summary>
public enum VariationDistribution
{
    /// <summary>1 + σ·n, n ~ N(0, 1), floored at 0.</summary>
    Normal,

    /// <summary>exp(μ + s·n) with s² = ln(1 + σ²) and μ = −s²/2, so that the mean is 1 and the relative deviation σ.</summary>
    LogNormal,
}

/// <summary>How each write pulse changes the conductance in <see cref="WriteVerifyProgrammer"/>.</summary>
public enum PulseStepModel
{
    /// <summary>Multiplicative: ΔG = η_d·(G_target − G)·(1 + σ_c2c·n): each pulse removes a random fraction of the error.</summary>
    Proportional,

    /// <summary>Additive: ΔG = sign(G_target − G)·ΔG_d·(1 + σ_c2c·n): a fixed-size random step toward the target.</summary>
    Additive,
}

/// <summary>Outcome of programming one cell (one byte per cell in <see cref="ProgrammingResult.Status"/>).</summary>
public enum CellStatus : byte
{
    /// <summary>Programmed open-loop (no verify); the conductance carries the programming error.</summary>
    Programmed = 0,

    /// <summary>Write-verify ended inside the tolerance band.</summary>
    Verified = 1,

    /// <summary>Write-verify used all pulses without reaching the tolerance band.</summary>
    Failed = 2,

    /// <summary>The cell is stuck at its lowest conductance and did not respond to pulses.</summary>
    StuckAtMinimum = 3,

    /// <summary>The cell is stuck at its highest conductance and did not respond to pulses.</summary>
    StuckAtMaximum = 4,
}
