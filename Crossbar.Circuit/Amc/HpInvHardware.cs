namespace Crossbar.Circuit.Amc;

/// <summary>
/// What HP-INV's outer iterations (<see cref="HpInvSolver"/>, <see cref="FgmresSolver"/>) run on: the equilibrated system
/// Â·y = R·b (<see cref="Equilibration"/>), its bit slicing, the LP-INV of the top slice through BlockAMC and the HP-MVM,
/// with ρ(I − Ã0⁻¹Â) computed up front; errors and residuals are reported in the original system (x = C·y,
/// b − A·x = R⁻¹·(R·b − Â·y)).
/// </summary>
internal sealed class HpInvHardware
{
    private readonly AmcCostCounter counter;

    private HpInvHardware(double[,] a, double[] b, HpInvOptions options, AmcCostCounter counter)
    {
        this.counter = counter;
        N = a.GetLength(0);
        Reference = HpInvSolver.Reference(a, b);
        Equilibration = Equilibration.Compute(a, options.Equilibrate, counter);
        ScaledRhs = Equilibration.ScaleRhs(b, Equilibrated ? counter : null);
        BNorm = MatrixOps.Norm2(b);
        ScaledBNorm = MatrixOps.Norm2(ScaledRhs);
        var scaled = Equilibration.Scaled;
        Sliced = BitSlicedMatrix.Create(scaled, options.BitsPerSlice, options.Slices, options.Rounding);
        SliceScale = Sliced.SliceScale(0);
        Lpinv = BlockAmcSolver.Program(
            Sliced.Slice(0),
            options.Backend,
            new BlockAmcOptions { ArraySize = options.ArraySize, BlockBits = 0, SchurBits = options.SchurBits ?? options.BitsPerSlice },
            new SeedSequence(options.Seed, 1),
            counter);
        Hpmvm = new HighPrecisionMvm(Sliced, options.MvmBackend ?? options.Backend, options.ArraySize, options.Mvm, new SeedSequence(options.Seed, 2), counter);
        SpectralRadius = HpInvSolver.SpectralRadius(Lpinv, scaled, SliceScale);
        ProgrammedSpectralRadius = options.Backend.Fidelity == Fidelity.Ideal ? SpectralRadius : HpInvSolver.SpectralRadius(Lpinv, scaled, SliceScale, fromCircuit: false);
    }

    /// <summary>N.</summary>
    public int N { get; }

    /// <summary>x* of the original system.</summary>
    public double[] Reference { get; }

    /// <summary>R, C and Â.</summary>
    public Equilibration Equilibration { get; }

    /// <summary>True when R or C differ from I.</summary>
    public bool Equilibrated => Equilibration.Kind != EquilibrationKind.None;

    /// <summary>R·b.</summary>
    public double[] ScaledRhs { get; }

    /// <summary>‖b‖ of the original system.</summary>
    public double BNorm { get; }

    /// <summary>‖R·b‖.</summary>
    public double ScaledBNorm { get; }

    /// <summary>The slicing of Â.</summary>
    public BitSlicedMatrix Sliced { get; }

    /// <summary>c, the scale of the top slice: Â ≈ c·Ã0.</summary>
    public double SliceScale { get; }

    /// <summary>LP-INV of the top slice.</summary>
    public BlockAmcSolver Lpinv { get; }

    /// <summary>HP-MVM of Â.</summary>
    public HighPrecisionMvm Hpmvm { get; }

    /// <summary>ρ(I − Ã0⁻¹Â) as realised.</summary>
    public double SpectralRadius { get; }

    /// <summary>ρ from the programmed conductances alone.</summary>
    public double ProgrammedSpectralRadius { get; }

    /// <summary>Checks the inputs of a solve (non-null, valid options, square A, matching b) and returns N.</summary>
    /// <param name="a">A.</param>
    /// <param name="b">b.</param>
    /// <param name="options">Parameters.</param>
    /// <param name="what">The method, for the message (HP-INV, FGMRES).</param>
    public static int CheckInputs(double[,] a, double[] b, HpInvOptions options, string what)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = a.GetLength(0);
        return a.GetLength(1) == n && b.Length == n
            ? n
            : throw new ArgumentException($"{what} needs a square A and a matching b; got A {n}×{a.GetLength(1)}, b of {b.Length}.", nameof(b));
    }

    /// <summary>Programs the arrays for A·x = b.</summary>
    public static HpInvHardware Program(double[,] a, double[] b, HpInvOptions options, AmcCostCounter counter) => new(a, b, options, counter);

    /// <summary>z = LPINV(v)/c ≈ Â⁻¹·v, one LP-INV through BlockAMC.</summary>
    public double[] Precondition(ReadOnlySpan<double> v, out double settleTime)
    {
        var z = Lpinv.Solve(v, out settleTime);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] /= SliceScale;
        }

        return z;
    }

    /// <summary>x = C·y (digital, counted when equilibrated).</summary>
    public double[] Unscale(ReadOnlySpan<double> y) => Equilibration.Unscale(y, Equilibrated ? counter : null);

    /// <summary>‖x − x*‖/‖x*‖ for x = C·y (a diagnostic: not counted).</summary>
    public double RelativeError(ReadOnlySpan<double> y) => MatrixOps.RelativeError(Equilibration.Unscale(y), Reference);

    /// <summary>‖b − A·x‖ from the scaled residual R·b − Â·y (digital, counted when equilibrated).</summary>
    public double ResidualNorm(ReadOnlySpan<double> scaledResidual) =>
        Equilibrated ? MatrixOps.Norm2(Equilibration.UnscaleResidual(scaledResidual, counter)) : MatrixOps.Norm2(scaledResidual);

    /// <summary>The result in the original system.</summary>
    public HpInvResult Result(double[] y, IReadOnlyList<HpInvIteration> rows, bool diverged, HpInvStop stop, string? message, AmcCostCounter cost, double target) =>
        new(Unscale(y), Reference, rows, SpectralRadius, ProgrammedSpectralRadius, diverged, stop, message, Sliced, Lpinv.Stages, cost, target);
}
