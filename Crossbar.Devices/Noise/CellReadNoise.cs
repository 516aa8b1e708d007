namespace Crossbar.Devices.Noise;

/// <summary>
/// Transient read noise of every RRAM cell of an array, relative to the cell's current: the cell carries
/// i(t) = I_cell(v)·(1 + n(t)), so the noise current is i_n(t) = I_cell(v)·n(t) with n(t) a dimensionless TRNOISE
/// process (white + 1/f + random telegraph noise, <see cref="TransientNoiseSource"/>), one independent realisation per
/// cell.
/// </summary>
/// <remarks>
/// <para><b>Why relative.</b> Read noise of filamentary oxide RRAM is a fluctuation of the cell's conductance (defects
/// that trap and release charge near the filament's constriction modulate its conduction), so at a given read voltage
/// the current fluctuates by a fixed fraction: δI/I = δG/G. Ielmini, Nardi and Cagli, "Resistance-dependent amplitude
/// of random telegraph-signal noise in resistive switching memories", Appl. Phys. Lett. 96, 053503 (2010), measure
/// RTN as a relative current step ΔI/I whose size depends on the cell's resistance (larger for more resistive cells,
/// thinner filaments); Ambrogio, Balatti, McCaffrey, Wang and Ielmini, "Noise-induced resistance broadening in
/// resistive switching memory — Part I: intrinsic cell behavior", IEEE TED 62(11) (2015),
/// doi:10.1109/TED.2015.2475598, describe the 1/f and RTN current fluctuations of RRAM cells in the same relative
/// terms. A fixed-amplitude current source (σ·G·V_read) is right only when the cell sits at V_read; in a closed-loop
/// INV circuit the cell voltages are the solution (the column voltages), so the relative form is the physical one. The
/// exported ngspice deck keeps it: a TRNOISE voltage source realises n(t) on a helper node and a B source in parallel
/// with the RRAM adds I_cell·n(t) (docs/design.md §4.8).</para>
/// <para><b>Process.</b> n(t) has the statistics of ngspice's TRNOISE(NA NT NALPHA NAMP RTSAM RTSCAPT RTSEMT) with
/// NA = <see cref="WhiteSigma"/>, NT = <see cref="SampleTime"/>, NALPHA = <see cref="FlickerExponent"/>,
/// NAMP = <see cref="FlickerAmplitude"/>, RTSAM = <see cref="RtsAmplitude"/>, RTSCAPT = <see cref="RtsCaptureTime"/>,
/// RTSEMT = <see cref="RtsEmissionTime"/> (see <see cref="TransientNoiseParameters"/>): samples every NT, linear in
/// between, n(0) = 0 and 0 at DC. At the sample times the white part has variance WhiteSigma², so the white noise
/// current of a cell carrying I has variance (WhiteSigma·I)² (<see cref="WhiteCurrentVariance"/>).</para>
/// <para><b>Numbers.</b> Every default is 0 (off). <see cref="TaOxAssumed"/> gathers values of the right order for a
/// TaOx 1T1R cell in its low-resistance state read at 0.1–0.2 V, and they are <i>assumptions</i>, not fits to
/// measured TaOx data: white σ = 1% per sample (the order of the per-read σ of <see cref="WhiteReadNoise"/>),
/// NT = 10 ns (one sample per read-loop time constant of a 16 MHz op-amp), 1/f with α = 1 and NAMP = 0.2%, RTN of
/// 1% with mean capture and emission times of 1 µs (measured RTN dwell times of RRAM spread over many decades and depend on
/// bias; 1 µs makes the telegraph visible in a microsecond transient).</para>
/// <para><b>Seeds.</b> Cell k of an array with seed s has the realisation of <see cref="TransientNoiseSource"/> with
/// seed <see cref="CellSeed"/>(s, k) = <see cref="SeededRandom.DeriveSeed"/>(s, k); an array's seed comes from a
/// circuit seed and the array's name (<see cref="ArraySeed"/>). Same seeds, bit-identical waveforms.</para>
/// </remarks>
public sealed record CellReadNoise
{
    /// <summary>NA of n(t): relative rms of the white samples; non-negative.</summary>
    /// <value>Dimensionless (fraction of the cell current).</value>
    public double WhiteSigma { get; init => field = Guard.NonNegative(value, nameof(WhiteSigma)); }

    /// <summary>NT: time between noise samples; must be positive when any noise is on.</summary>
    /// <value>Seconds.</value>
    public double SampleTime { get; init => field = Guard.NonNegative(value, nameof(SampleTime)); }

    /// <summary>NALPHA: exponent α of the 1/f^α spectrum, in (0, 2); used when <see cref="FlickerAmplitude"/> &gt; 0.</summary>
    /// <value>Dimensionless.</value>
    public double FlickerExponent { get; init => field = Guard.InOpenRange(value, 0.0, 2.0, nameof(FlickerExponent)); } = 1.0;

    /// <summary>NAMP of n(t): relative amplitude of the 1/f noise (TRNOISE's meaning); non-negative, 0 = off.</summary>
    /// <value>Dimensionless.</value>
    public double FlickerAmplitude { get; init => field = Guard.NonNegative(value, nameof(FlickerAmplitude)); }

    /// <summary>RTSAM of n(t): relative step of the random telegraph noise; non-negative, 0 = off.</summary>
    /// <value>Dimensionless.</value>
    public double RtsAmplitude { get; init => field = Guard.NonNegative(value, nameof(RtsAmplitude)); }

    /// <summary>RTSCAPT: mean dwell time in the low (0) state.</summary>
    /// <value>Seconds.</value>
    public double RtsCaptureTime { get; init => field = Guard.NonNegative(value, nameof(RtsCaptureTime)); }

    /// <summary>RTSEMT: mean dwell time in the high (+RTSAM) state.</summary>
    /// <value>Seconds.</value>
    public double RtsEmissionTime { get; init => field = Guard.NonNegative(value, nameof(RtsEmissionTime)); }

    /// <summary>True when any of white, 1/f or telegraph noise is on.</summary>
    public bool IsActive => WhiteSigma > 0.0 || FlickerAmplitude > 0.0 || RtsAmplitude > 0.0;

    /// <summary>
    /// Values of the right order for a TaOx 1T1R cell in its low-resistance state; assumptions, not fitted data (see
    /// the remarks): white σ = 1%, NT = 10 ns, 1/f α = 1 and NAMP = 0.2%, RTN 1% with 1 µs capture and emission times.
    /// </summary>
    public static CellReadNoise TaOxAssumed { get; } = new()
    {
        WhiteSigma = 0.01,
        SampleTime = 10e-9,
        FlickerExponent = 1.0,
        FlickerAmplitude = 0.002,
        RtsAmplitude = 0.01,
        RtsCaptureTime = 1e-6,
        RtsEmissionTime = 1e-6,
    };

    /// <summary>The TRNOISE parameters of the relative process n(t) (dimensionless amplitudes).</summary>
    /// <exception cref="ArgumentException">Noise is on and <see cref="SampleTime"/> is 0.</exception>
    public TransientNoiseParameters RelativeProcess
    {
        get
        {
            if (IsActive && !(SampleTime > 0.0))
            {
                throw new ArgumentException("cell read noise: SampleTime (NT) must be positive when noise is on.", nameof(SampleTime));
            }

            return TransientNoiseParameters.FromTrnoise(
                WhiteSigma, SampleTime, FlickerAmplitude > 0.0 ? FlickerExponent : 0.0, FlickerAmplitude,
                RtsAmplitude, RtsCaptureTime, RtsEmissionTime);
        }
    }

    /// <summary>The seed of an array's noise: a circuit seed mixed with a stable (FNV-1a) hash of the array's name.</summary>
    /// <param name="seed">Circuit seed.</param>
    /// <param name="arrayName">Array name (case-insensitive).</param>
    /// <returns>The array seed.</returns>
    public static int ArraySeed(int seed, string arrayName)
    {
        ArgumentNullException.ThrowIfNull(arrayName);
        uint hash = 2166136261;
        foreach (char c in arrayName.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619;
        }

        return SeededRandom.DeriveSeed(seed, unchecked((int)hash));
    }

    /// <summary>The seed of cell <paramref name="cellIndex"/>'s realisation in an array with seed <paramref name="arraySeed"/>.</summary>
    /// <param name="arraySeed">Array seed.</param>
    /// <param name="cellIndex">Row-major cell index i·N + j.</param>
    /// <returns><see cref="SeededRandom.DeriveSeed"/>(arraySeed, cellIndex).</returns>
    public static int CellSeed(int arraySeed, int cellIndex) => SeededRandom.DeriveSeed(arraySeed, cellIndex);

    /// <summary>One independent realisation of n(t) per cell.</summary>
    /// <param name="arraySeed">Array seed.</param>
    /// <param name="cells">Number of cells.</param>
    /// <returns>The realisations, row-major; empty when no noise is on.</returns>
    /// <exception cref="ArgumentException">Noise is on and <see cref="SampleTime"/> is 0.</exception>
    public TransientNoiseSource[] Realise(int arraySeed, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cells);
        if (!IsActive)
        {
            return [];
        }

        TransientNoiseParameters process = RelativeProcess;
        var result = new TransientNoiseSource[cells];
        for (int k = 0; k < cells; k++)
        {
            result[k] = new TransientNoiseSource(process, CellSeed(arraySeed, k));
        }

        return result;
    }

    /// <summary>The noise current of a cell: i_n = I_cell·n.</summary>
    /// <param name="cellCurrent">I_cell (A) at the present voltage.</param>
    /// <param name="relativeNoise">n(t), the value of the cell's realisation.</param>
    /// <returns>i_n (A).</returns>
    public static double NoiseCurrent(double cellCurrent, double relativeNoise) => cellCurrent * relativeNoise;

    /// <summary>Variance of the white noise current at the sample times of a cell carrying <paramref name="cellCurrent"/>: (σ·I)².</summary>
    /// <param name="cellCurrent">I_cell (A).</param>
    /// <returns>Variance (A²).</returns>
    public double WhiteCurrentVariance(double cellCurrent) => WhiteSigma * WhiteSigma * cellCurrent * cellCurrent;
}
