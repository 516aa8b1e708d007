namespace Crossbar.Circuit.Amc;

/// <summary>
/// Every number the cost comparison (<see cref="CostModel"/>, <c>crossbar cost</c>) assumes, each with its value and
/// source in one place. Analogue operation times are not here: they come from the backend that ran the operations
/// (<see cref="AnalogResult.SettleTime"/>: the settling time at transient fidelity, <see cref="AnalogBackendOptions.MvmTime"/>
/// and <see cref="AnalogBackendOptions.InvTime"/>, the paper's nominal times, otherwise; <see cref="InvSettling"/> for the
/// INV's own τ).
/// </summary>
/// <remarks>
/// All are assumptions to be replaced by the user's own numbers. <see cref="EnergyModel"/> reads its defaults from here.
/// </remarks>
public sealed record CostAssumptions
{
    /// <summary>The defaults below.</summary>
    public static CostAssumptions Default { get; } = new();

    /// <summary>DAC conversion energy, 0.5 pJ: an assumption for a low-resolution (here 1-bit bit-serial) current-steering
    /// or capacitive DAC.</summary>
    /// <value>Joules per conversion.</value>
    public double DacEnergy { get; init; } = 0.5e-12;

    /// <summary>ADC conversion energy, 2 pJ: an 8-bit SAR ADC at a Walden figure of merit of ≈5–10 fJ/conversion-step
    /// (B. Murmann, "ADC Performance Survey 1997–2024") gives 1.3–2.6 pJ.</summary>
    /// <value>Joules per conversion.</value>
    public double AdcEnergy { get; init; } = 2e-12;

    /// <summary>DAC conversion time, 1 ns: an assumption (a 1-bit input plane is a switch onto a reference voltage).</summary>
    /// <value>Seconds, on the critical path of every operation.</value>
    public double DacTime { get; init; } = 1e-9;

    /// <summary>ADC conversion time, 10 ns: an 8-bit SAR ADC at 100 MS/s, the middle of the 8-bit SAR designs of the
    /// Murmann survey (one ADC per output line, all lines converted at once).</summary>
    /// <value>Seconds, on the critical path of every operation.</value>
    public double AdcTime { get; init; } = 10e-9;

    /// <summary>Power of one active op-amp, 13 mW: AD823-class discrete amplifier used in the paper's hardware, ≈2.6 mA
    /// supply current at 5 V (Analog Devices AD823 data sheet order of magnitude; an integrated amplifier would be
    /// 10–100× lower).</summary>
    /// <value>Watts.</value>
    public double OpAmpPower { get; init; } = 13e-3;

    /// <summary>Read voltage across a biased cell, 0.2 V: an assumption.</summary>
    /// <value>Volts.</value>
    public double ReadVoltage { get; init; } = 0.2;

    /// <summary>Mean conductance of a biased cell, (G_min + G_max)/2 = (0.5 + 35)/2 = 17.75 µS (the programmer's range,
    /// <c>WriteVerifyOptions</c>).</summary>
    /// <value>Siemens.</value>
    public double MeanConductance { get; init; } = 17.75e-6;

    /// <summary>Write pulse plus verify read, 200 ns per pulse: 100 ns SET/RESET pulse and 100 ns verify read, the order
    /// of the pulses in H.-S. P. Wong et al., "Metal–oxide RRAM", Proc. IEEE 100, 1951 (2012). The mean number of
    /// pulses per cell comes from the write-verify model (<c>WriteVerifyProgrammer</c>), not from here.</summary>
    /// <value>Seconds per pulse.</value>
    public double PulseTime { get; init; } = 200e-9;

    /// <summary>Energy of one write pulse with its verify read, 20 pJ: 2 V × 100 µA × 100 ns (Wong et al. 2012 give
    /// sub-pJ to tens of pJ per switching event).</summary>
    /// <value>Joules per pulse.</value>
    public double PulseEnergy { get; init; } = 20e-12;

    /// <summary>Cells programmed at once per array, 1: cell-serial write-verify within an array, all arrays in parallel
    /// (each array has its own drivers; an assumption favourable to the analogue side).</summary>
    public int CellsProgrammedInParallelPerArray { get; init; } = 1;

    /// <summary>Sustained FP64 rate of one CPU core on the digital work (Schur complements, shift-and-add, residuals),
    /// 10 GFLOP/s: about a quarter of the 38.4 GFLOP/s peak of one AMD EPYC 9654 core (2.4 GHz × 16 FP64 flop/cycle,
    /// AMD data sheet).</summary>
    /// <value>Flop per second.</value>
    public double CpuCoreFlopRate { get; init; } = 10e9;

    /// <summary>Power of one CPU core, 3.75 W: AMD EPYC 9654, 360 W TDP over 96 cores (AMD data sheet). Digital work
    /// costs <see cref="CpuCorePower"/>/<see cref="CpuCoreFlopRate"/> = 375 pJ per flop; the measured CPU baseline
    /// (single-threaded MathNet LU) costs this power times its time.</summary>
    /// <value>Watts.</value>
    public double CpuCorePower { get; init; } = 3.75;

    /// <summary>Largest N whose CPU baseline is measured (MathNet LU median on this machine); above it the time is the
    /// measured one at this N scaled by (N/N_max)³.</summary>
    public int CpuMeasuredMaxSize { get; init; } = 256;

    /// <summary>Repeats of the CPU measurement whose median is taken (after warm-up).</summary>
    public int CpuRepeats { get; init; } = 31;

    /// <summary>GPU of the roofline: NVIDIA H100 SXM5 (NVIDIA H100 Tensor Core GPU data sheet).</summary>
    public string GpuName { get; init; } = "NVIDIA H100 SXM5";

    /// <summary>GPU peak FP32 rate without tensor cores, 67 TFLOP/s (H100 SXM5 data sheet); FP32 matches the 2⁻²⁴ target.</summary>
    /// <value>Flop per second.</value>
    public double GpuPeakFp32 { get; init; } = 67e12;

    /// <summary>GPU peak FP64 rate without tensor cores, 34 TFLOP/s (H100 SXM5 data sheet); reported, not used for FP32.</summary>
    /// <value>Flop per second.</value>
    public double GpuPeakFp64 { get; init; } = 34e12;

    /// <summary>GPU memory bandwidth, 3.35 TB/s HBM3 (H100 SXM5 data sheet).</summary>
    /// <value>Bytes per second.</value>
    public double GpuBandwidth { get; init; } = 3.35e12;

    /// <summary>GPU board power, 700 W TDP (H100 SXM5 data sheet); energy = TDP × time.</summary>
    /// <value>Watts.</value>
    public double GpuPower { get; init; } = 700;

    /// <summary>Kernel launch latency, 5 µs (order of the CUDA launch overhead; one launch per solve or per batch is
    /// assumed, which favours the GPU: a real LU is a sequence of kernels).</summary>
    /// <value>Seconds.</value>
    public double GpuLaunchLatency { get; init; } = 5e-6;

    /// <summary>Systems per batch of the batched GPU solve, 1024 (an assumption: many independent small systems).</summary>
    public int GpuBatch { get; init; } = 1024;

    /// <summary>Bytes per number on the GPU, 4 (FP32).</summary>
    public int GpuBytesPerNumber { get; init; } = 4;

    /// <summary>The energy model with these converter, op-amp and cell numbers.</summary>
    /// <returns>The model.</returns>
    public EnergyModel Energy() => new()
    {
        DacEnergy = DacEnergy,
        AdcEnergy = AdcEnergy,
        OpAmpPower = OpAmpPower,
        ReadVoltage = ReadVoltage,
        MeanConductance = MeanConductance,
    };
}
