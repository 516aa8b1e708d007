using Crossbar.Circuit.Amc;
using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Engine;
using Crossbar.Devices.Noise;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Transistors;
using Crossbar.Devices.Wires;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Tests.Builders;

/// <summary>
/// Per-cell transient read noise in the array (<see cref="CellReadNoise"/>): the stamp against the device model sample
/// by sample, DC and t = 0 without noise, breakpoints at k·NT, reproducibility, the exported deck read back, and the
/// output noise of a closed-loop INV circuit against its analytic noise gain.
/// </summary>
public sealed class CellNoiseTests
{
    private const double ReadVoltage = 0.2;
    private const double Conductance = 20e-6;

    /// <summary>One cell between row "r" (held at 0 V by the sense source Vs) and column "c" at the read voltage.</summary>
    private static Netlist SingleCell(IRramReadModel model, CellReadNoise noise, int seed, double stop)
    {
        var builder = new NetlistBuilder()
            .Add("Vc", ReadVoltage, "c", "0")
            .Add("Vs", 0, "r", "0")
            .Tran(noise.SampleTime / 4, stop);
        builder.Netlist.Arrays.Add(new CrossbarArrayCard("x", ["r"], ["c"], [Conductance])
        {
            ReadModel = model,
            CellNoise = noise,
            NoiseSeed = seed,
        });
        builder.Netlist.Saves.Add(new OutputVector('i', "Vs"));
        return builder.Netlist;
    }

    private static CellReadNoise Noise(double white = 0.01, double flicker = 0.0, double rts = 0.0) => new()
    {
        WhiteSigma = white,
        SampleTime = 10e-9,
        FlickerAmplitude = flicker,
        RtsAmplitude = rts,
        RtsCaptureTime = 50e-9,
        RtsEmissionTime = 100e-9,
    };

    [TestCase(false)]
    [TestCase(true)]
    public void When_Single_Cell_Has_Noise_Expect_Current_Equals_Model_Current_Times_One_Plus_N(bool sinh)
    {
        IRramReadModel model = sinh ? new SinhRramModel(0.25, ReadVoltage) : LinearRramModel.Instance;
        CellReadNoise noise = Noise(0.01, 0.005, 0.02);
        ResultTable tran = CircuitSimulator.Run(SingleCell(model, noise, 42, 2e-6)).Find("tran")!;
        double[] t = tran.Column("time");
        double[] i = tran.Column("i(vs)");
        TransientNoiseSource n = noise.Realise(42, 1)[0];
        double nominal = model.Current(ReadVoltage, Conductance);
        double worst = 0;
        for (int k = 0; k < t.Length; k++)
        {
            double expected = nominal * (1 + n.Value(t[k]));
            worst = Math.Max(worst, Math.Abs(i[k] - expected) / nominal);
        }

        TestContext.Out.WriteLine($"{t.Length} points, worst |i − I·(1 + n)|/I = {worst:G3}");
        Assert.That(t, Has.Length.GreaterThan(200));
        Assert.That(worst, Is.LessThan(1e-9));
        Tolerance.AssertClose(i[0], nominal, 1e-12, 0, "current at t = 0 (no noise, as TRNOISE)");
    }

    [Test]
    public void When_1T1R_Cell_Has_Noise_Expect_Current_Of_Series_Solution_With_Rram_Conductance_G_Times_One_Plus_N()
    {
        // The noise sits across the RRAM only: a linear RRAM of conductance G·(1 + n(t)) in series with the access transistor.
        Mosfet1Parameters access = Mosfet1Parameters.AccessTransistor;
        const double voltage = 0.3;
        CellReadNoise noise = Noise(0.05, 0.0, 0.05);
        var builder = new NetlistBuilder()
            .Model("nacc", "nmos", ("vto", access.ThresholdVoltage), ("kp", access.TransconductanceParameter))
            .Add("V1", voltage, "r", "0")
            .Tran(noise.SampleTime / 4, 1e-6);
        builder.Netlist.Arrays.Add(new CrossbarArrayCard("x", ["r"], ["0"], [Conductance])
        {
            CellKind = CrossbarCellKind.Transistor,
            TransistorModel = "nacc",
            TransistorWidth = access.Width,
            TransistorLength = access.Length,
            GateVoltage = 3.3,
            BulkVoltage = -3.3,
            CellNoise = noise,
            NoiseSeed = 8,
        });
        builder.Netlist.Saves.Add(new OutputVector('i', "V1"));
        ResultTable tran = CircuitSimulator.Run(builder.Netlist).Find("tran")!;
        double[] t = tran.Column("time");
        double[] i = tran.Column("i(v1)");
        TransientNoiseSource n = noise.Realise(8, 1)[0];
        CellModel cell = CellModel.WithTransistor(LinearRramModel.Instance, access, 3.3, -3.3);
        double worst = 0;
        double spread = 0;
        for (int k = 1; k < t.Length; k++)
        {
            double expected = cell.Solve(voltage, 0, Conductance * (1 + n.Value(t[k]))).Current;
            worst = Math.Max(worst, Math.Abs(-i[k] - expected) / expected);
            spread = Math.Max(spread, Math.Abs(expected / cell.Solve(voltage, 0, Conductance).Current - 1));
        }

        TestContext.Out.WriteLine($"{t.Length} points, noise moves the current by up to {spread:P2}, worst mismatch {worst:G3}");
        Assert.That(spread, Is.GreaterThan(0.05));
        Assert.That(worst, Is.LessThan(1e-5));
    }

    [Test]
    public void When_Noise_Is_On_Expect_Every_Sample_Time_Is_A_Time_Point_And_No_Step_Exceeds_Nt()
    {
        const double nt = 10e-9;
        ResultTable tran = CircuitSimulator.Run(SingleCell(LinearRramModel.Instance, Noise(), 3, 1e-6)).Find("tran")!;
        double[] t = tran.Column("time");
        int hits = Enumerable.Range(1, 100).Count(k => t.Any(x => Math.Abs(x - (k * nt)) < 1e-9 * nt));
        double largest = t.Zip(t.Skip(1), (a, b) => b - a).Max();
        Assert.That(hits, Is.EqualTo(100));
        Assert.That(largest, Is.LessThanOrEqualTo(nt * (1 + 1e-9)));
    }

    [Test]
    public void When_Operating_Point_Has_Noise_Configured_Expect_Noiseless_Current()
    {
        Netlist netlist = SingleCell(LinearRramModel.Instance, Noise(0.05, 0.05, 0.05), 9, 1e-6);
        netlist.Analyses.Clear();
        netlist.Analyses.Add(new OpAnalysisCard());
        double i = CircuitSimulator.Run(netlist).Find("op")!.Column("i(vs)")[0];
        Tolerance.AssertClose(i, Conductance * ReadVoltage, 1e-12, 0, "operating-point current");
    }

    [Test]
    public void When_Noise_Is_On_Without_Sample_Time_Expect_Error_Naming_The_Array()
    {
        Netlist netlist = SingleCell(LinearRramModel.Instance, new CellReadNoise { WhiteSigma = 0.01 }, 1, 1e-6);
        var ex = Assert.Throws<NetlistException>(() => CircuitSimulator.Run(netlist))!;
        Assert.That(ex.Message, Does.Contain("array x: cell noise").And.Contain("SampleTime"));
    }

    /// <summary>An 8×8 INV circuit (1R, ideal wires, single-pole op-amps) whose cells carry white noise with NT ≫ τ.</summary>
    internal static InvCircuit NoisyInv(double sigma, double sampleTime, int samples, int seed, bool signed = false)
    {
        const int n = 8;
        double[,] a = MatrixGenerators.DiagonallyDominant(n, seed: 5);
        if (!signed)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = Math.Abs(a[i, j]);
                }
            }
        }

        var rng = new Random(11);
        double[] b = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Resistor,
            Levels = new ConductanceLevels(0),
            OpAmp = OpAmpModel.WithSinglePole(1e5, 16e6),
            Wires = new WireModel { RowResistancePerCell = 0, ColumnResistancePerCell = 0 },
            CellNoise = new CellReadNoise { WhiteSigma = sigma, SampleTime = sampleTime },
            Seed = seed,
        };
        InvCircuit inv = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.Transient);
        inv.Netlist.Analyses.Clear();
        inv.Netlist.Analyses.Add(new TranAnalysisCard(sampleTime, sampleTime * samples, null, sampleTime, false));
        return inv;
    }

    /// <summary>var(v_k) = Σ_i (G⁻¹)²_ki · Σ_j σ²·(G_ij·v_j)² (+ the G⁻ cells driven at −v_j), rows at virtual ground.</summary>
    internal static double[] AnalyticVariance(InvCircuit inv, double sigma, IReadOnlyList<double> outputs)
    {
        double[,] gp = inv.Mapping.Positive;
        double[,]? gm = inv.Mapping.Negative;
        int n = gp.GetLength(0);
        var g = Matrix<double>.Build.Dense(n, n, (i, j) => gp[i, j] - (gm?[i, j] ?? 0));
        Matrix<double> inverse = g.Inverse();
        var rowVariance = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double ip = gp[i, j] * outputs[j];
                double im = (gm?[i, j] ?? 0) * outputs[j];
                rowVariance[i] += sigma * sigma * ((ip * ip) + (im * im));
            }
        }

        return Enumerable.Range(0, n).Select(k => Enumerable.Range(0, n).Sum(i => inverse[k, i] * inverse[k, i] * rowVariance[i])).ToArray();
    }

    /// <summary>Output values at the sample times k·NT, k ≥ <paramref name="skip"/> (the loop settles in the first ones).</summary>
    internal static double[][] AtSampleTimes(IReadOnlyList<double> time, IReadOnlyList<double[]> columns, double nt, int skip)
    {
        var rows = new List<int>();
        for (int r = 0; r < time.Count; r++)
        {
            double k = time[r] / nt;
            if (k >= skip - 1e-9 && Math.Abs(k - Math.Round(k)) < 1e-6)
            {
                rows.Add(r);
            }
        }

        return columns.Select(c => rows.Select(r => c[r]).ToArray()).ToArray();
    }

    [Test]
    public void When_Inv_Cells_Have_White_Noise_Expect_Output_Variance_Equals_Analytic_Noise_Gain()
    {
        // NT = 5 µs ≫ τ (20 ns): the loop follows the noise quasi-statically, so at the samples
        // δv = −G⁻¹·i_n with independent cell currents i_n,ij = σ·G_ij·v_j·n_ij.
        const double sigma = 0.01;
        const double nt = 5e-6;
        InvCircuit inv = NoisyInv(sigma, nt, 1200, seed: 3);
        ResultTable tran = CircuitSimulator.Run(inv.Netlist).Find("tran")!;
        double[][] v = AtSampleTimes(tran.Column("time"), inv.OutputColumns.Select(tran.Column).ToArray(), nt, skip: 2);
        double[] mean = v.Select(x => x.Average()).ToArray();
        double[] measured = v.Select((x, k) => x.Sum(y => (y - mean[k]) * (y - mean[k])) / (x.Length - 1)).ToArray();
        double[] analytic = AnalyticVariance(inv, sigma, mean);
        TestContext.Out.WriteLine($"τ = {inv.Stability.TimeConstant:G3} s, {v[0].Length} samples per output");
        for (int k = 0; k < measured.Length; k++)
        {
            TestContext.Out.WriteLine($"v{k}: mean {mean[k]:G4} V, std measured {Math.Sqrt(measured[k]):G4} V, analytic {Math.Sqrt(analytic[k]):G4} V, variance ratio {measured[k] / analytic[k]:F3}");
        }

        Assert.That(v[0], Has.Length.GreaterThanOrEqualTo(1190));
        Assert.That(nt / inv.Stability.TimeConstant, Is.GreaterThan(100));
        for (int k = 0; k < measured.Length; k++)
        {
            Tolerance.AssertClose(measured[k], analytic[k], 0.2, 0, $"variance of v{k}");
        }

        Tolerance.AssertClose(measured.Sum(), analytic.Sum(), 0.1, 0, "total output variance");
    }

    [Test]
    public void When_Seed_Is_Repeated_Expect_Identical_Waveform_And_Another_Seed_Differs()
    {
        double[] Run(int seed)
        {
            InvCircuit inv = NoisyInv(0.01, 1e-6, 20, seed);
            return CircuitSimulator.Run(inv.Netlist).Find("tran")!.Column(inv.OutputColumns.First());
        }

        double[] a = Run(7);
        double[] b = Run(7);
        double[] c = Run(8);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c.Zip(a, (x, y) => Math.Abs(x - y)).Max(), Is.GreaterThan(1e-4));
    }

    [Test]
    public void When_Noisy_Array_Is_Exported_Expect_Trnoise_Source_And_B_Source_Per_Cell_That_Read_Back_And_Run()
    {
        InvCircuit inv = NoisyInv(0.01, 1e-6, 20, seed: 1);
        string deck = NetlistWriter.Write(inv.Netlist);
        string[] lines = deck.Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("Vxp_nz", StringComparison.Ordinal) && l.Contains("TRNOISE(0.01 1e-06 0 0 0 0 0)", StringComparison.Ordinal)), Is.EqualTo(64), deck);
        Assert.That(lines.Count(l => l.StartsWith("Bxp_", StringComparison.Ordinal) && l.Contains("*v(xp_nz", StringComparison.Ordinal)), Is.EqualTo(64));

        // The deck read back is the same circuit with the noise as ordinary sources: noiseless at the start, noisy later.
        Netlist back = NetlistReader.ReadText(deck);
        ResultTable tran = CircuitSimulator.Run(back).Find("tran")!;
        Assert.That(tran.Rows, Has.Count.GreaterThan(40));
    }
}
