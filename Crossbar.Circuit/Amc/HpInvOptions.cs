namespace Crossbar.Circuit.Amc;

/// <summary>Parameters of <see cref="HpInvSolver"/>.</summary>
public sealed record HpInvOptions
{
    /// <summary>Backend of the LP-INV arrays (the top slice and its Schur complements).</summary>
    public required IAnalogBackend Backend { get; init; }

    /// <summary>Backend of the HP-MVM slice arrays; null uses <see cref="Backend"/>. A separate backend models
    /// write-verified MVM arrays with a tighter programming error than the LP-INV arrays.</summary>
    public IAnalogBackend? MvmBackend { get; init; }

    /// <summary>Largest array dimension; larger problems run through BlockAMC (the paper: 8).</summary>
    public int ArraySize { get; init; } = 8;

    /// <summary>m, bits per cell and per slice (the paper: 3).</summary>
    public int BitsPerSlice { get; init; } = 3;

    /// <summary>K, slices of the HP-MVM matrix. Default 9 (27 bits): with the paper's 8 slices (24 bits) the slicing
    /// error alone leaves a floor near 1e-7 (the paper reports ≈1e-7), just above the 2⁻²⁴ target.</summary>
    public int Slices { get; init; } = 9;

    /// <summary>Digit policy of the slices (rounding of the top slice is what keeps ρ small).</summary>
    public SliceRounding Rounding { get; init; } = SliceRounding.Round;

    /// <summary>Iteration limit.</summary>
    public int MaxIterations { get; init; } = 20;

    /// <summary>Stop when both the correction ‖Δx‖/‖x‖ and the residual ‖b − A·x‖/‖b‖ fall to this (default 2⁻²⁴ ≈ 6e-8);
    /// <see cref="HpInvResult.IterationsToTarget"/> reports the first iteration whose true error did.</summary>
    public double TargetRelativeError { get; init; } = Math.Pow(2.0, -24);

    /// <summary>Input slicing of the HP-MVM.</summary>
    public HpMvmOptions Mvm { get; init; } = new();

    /// <summary>Run seed (programming error and read noise of every array derive from it).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Do not iterate when ρ(I − Ã0⁻¹A) ≥ 1 (the iteration cannot converge).</summary>
    public bool StopOnPredictedDivergence { get; init; } = true;

    /// <summary>Stop as stagnated after this many iterations in which neither the correction nor the residual improved by a tenth.</summary>
    public int StallLimit { get; init; } = 3;

    /// <summary>Stop and flag divergence when ‖r‖ exceeds this multiple of ‖b‖.</summary>
    public double ResidualGrowthLimit { get; init; } = 10.0;

    /// <summary>Called after each refinement iteration (1, 2, …) as it completes, so a caller can report progress; the
    /// solver only calls it and never depends on it. Null: no calls.</summary>
    public Action<HpInvIteration>? OnIteration { get; init; }

    /// <summary>Outer iteration around the LP-INV: iterative refinement (the paper) or flexible GMRES (<see cref="FgmresSolver"/>).</summary>
    public HpInvOuter Outer { get; init; } = HpInvOuter.Refine;

    /// <summary>FGMRES restart length m (LP-INV calls per cycle).</summary>
    public int Restart { get; init; } = 20;

    /// <summary>
    /// Conductance bits of the arrays that hold BlockAMC's Schur complements (null: <see cref="BitsPerSlice"/>, the
    /// cells of every other array). More bits model finer cells for those arrays only: the complements are computed
    /// digitally and programmed once, so their precision decides how well a deep BlockAMC's LP-INV approximates A⁻¹.
    /// </summary>
    public int? SchurBits { get; init; }

    /// <summary>Diagonal scaling of A before slicing (<see cref="Equilibration"/>); the library default leaves A as given.</summary>
    public EquilibrationKind Equilibrate { get; init; } = EquilibrationKind.None;

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentException">Out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Backend);
        if (ArraySize < 1)
        {
            throw new ArgumentException($"ArraySize must be positive, got {ArraySize}.", nameof(ArraySize));
        }

        if (MaxIterations < 0)
        {
            throw new ArgumentException($"MaxIterations must be non-negative, got {MaxIterations}.", nameof(MaxIterations));
        }

        if (!(TargetRelativeError >= 0.0))
        {
            throw new ArgumentException($"TargetRelativeError must be non-negative, got {TargetRelativeError}.", nameof(TargetRelativeError));
        }

        if (!(ResidualGrowthLimit > 1.0))
        {
            throw new ArgumentException($"ResidualGrowthLimit must exceed 1, got {ResidualGrowthLimit}.", nameof(ResidualGrowthLimit));
        }

        if (StallLimit < 1)
        {
            throw new ArgumentException($"StallLimit must be positive, got {StallLimit}.", nameof(StallLimit));
        }

        if (SchurBits is < 1 or > 16)
        {
            throw new ArgumentException($"SchurBits must lie in [1, 16], got {SchurBits}.", nameof(SchurBits));
        }

        if (Restart < 1)
        {
            throw new ArgumentException($"Restart must be positive, got {Restart}.", nameof(Restart));
        }

        Mvm.Validate();
    }
}

/// <summary>The outer iteration of HP-INV.</summary>
public enum HpInvOuter
{
    /// <summary>Iterative refinement x ← x + LPINV(b − A·x).</summary>
    Refine,

    /// <summary>Flexible GMRES right-preconditioned by the LP-INV (<see cref="FgmresSolver"/>).</summary>
    Fgmres,
}

/// <summary>One HP-INV iteration (iteration 0 is the start, x = 0).</summary>
/// <param name="Iteration">Iteration number.</param>
/// <param name="RelativeError">‖x − x*‖/‖x*‖.</param>
/// <param name="ResidualNorm">‖b − A·x‖ from the HP-MVM.</param>
/// <param name="SettleTime">Analogue time of this iteration (s): the LP-INV's settling plus every HP-MVM partial product's
/// (bit-serial input planes, one ADC read each).</param>
/// <param name="MvmOperations">Analogue MVMs in this iteration (HP-MVM partial products and BlockAMC MVMs).</param>
/// <param name="AdcConversions">ADC conversions in this iteration.</param>
/// <param name="Correction">‖Δx‖/‖x‖ of this iteration's LP-INV correction (NaN at iteration 0).</param>
/// <param name="RelativeResidual">‖b − A·x‖/‖b‖ from the HP-MVM.</param>
public readonly record struct HpInvIteration(int Iteration, double RelativeError, double ResidualNorm, double SettleTime, long MvmOperations, long AdcConversions, double Correction, double RelativeResidual);
