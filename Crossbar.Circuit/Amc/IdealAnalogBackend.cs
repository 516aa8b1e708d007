using Crossbar.Devices;
using Crossbar.Devices.Programming;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// <see cref="Fidelity.Ideal"/> backend: exact matrix arithmetic on the programmed conductances, with quantisation,
/// programming error, read noise and converter quantisation applied to values.
/// </summary>
/// <remarks>
/// <para>Mapping (docs/design.md §3): a signed matrix a is written onto differential pairs with the scale
/// c = (G_max − G_min)/max|a| (S per matrix unit), G⁺ − G⁻ = c·a, the inactive cell at G_min
/// (<see cref="ConductanceLevels.MapDifferential(double[,], double, DifferentialReference, QuantizationMode)"/>); with
/// <c>bits</c> &gt; 0 the active cell is assigned to one of 2^bits linear levels (rounding or truncation). Both cells are
/// then programmed open-loop with relative error σ (<see cref="WriteVerifyProgrammer.ProgramWithError(double[,], double, int)"/>),
/// relax over <see cref="AnalogBackendOptions.DriftTime"/> (<see cref="ConductanceDrift"/>), and the array realises
/// Ã = (G⁺ − G⁻)/c.</para>
/// <para>MVM: y = ADC(Ã_read·DAC(x)); INV: x = ADC(Ã_read⁻¹·DAC(b)) by dense LU (MathNet), where Ã_read carries fresh
/// white read noise (<see cref="Crossbar.Devices.Noise.WhiteReadNoise"/>) per operation when σ_read &gt; 0.
/// The settling time reported is the nominal per-operation time of the options.</para>
/// </remarks>
public sealed class IdealAnalogBackend : IAnalogBackend
{
    /// <summary>Creates the backend.</summary>
    /// <param name="options">Parameters (null gives the defaults).</param>
    public IdealAnalogBackend(AnalogBackendOptions? options = null)
    {
        Options = options ?? new AnalogBackendOptions();
        Options.Validate();
    }

    /// <summary>The parameters.</summary>
    public AnalogBackendOptions Options { get; }

    /// <inheritdoc/>
    public Fidelity Fidelity => Fidelity.Ideal;

    /// <inheritdoc/>
    public IProgrammedArray Program(double[,] matrix, int bits, int seed)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        if (rows == 0 || cols == 0)
        {
            throw new ArgumentException("cannot program an empty matrix.", nameof(matrix));
        }

        var levels = new ConductanceLevels(bits, Options.MinConductance, Options.MaxConductance);
        double maxAbs = MatrixOps.MaxAbs(matrix);
        double scale = maxAbs > 0.0 ? levels.FullScale(maxAbs) : levels.MaxConductance - levels.MinConductance;
        var pair = levels.MapDifferential(matrix, scale, DifferentialReference.MinimumConductance, Options.Quantization);
        double[,] plus = pair.Positive, minus = pair.Negative;
        if (Options.ProgrammingSigma > 0.0)
        {
            var programmer = new WriteVerifyProgrammer();
            plus = programmer.ProgramWithError(plus, Options.ProgrammingSigma, SeededRandom.DeriveSeed(seed, 1)).ConductanceMatrix();
            minus = programmer.ProgramWithError(minus, Options.ProgrammingSigma, SeededRandom.DeriveSeed(seed, 2)).ConductanceMatrix();
        }

        if (Options.DriftTime > 0.0)
        {
            plus = Options.Drift.Apply(plus, Options.DriftTime, SeededRandom.DeriveSeed(seed, 4));
            minus = Options.Drift.Apply(minus, Options.DriftTime, SeededRandom.DeriveSeed(seed, 5));
        }

        return new IdealProgrammedArray(Options, plus, minus, scale, SeededRandom.Create(seed, 3));
    }
}
