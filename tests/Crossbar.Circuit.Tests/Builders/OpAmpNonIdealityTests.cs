using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Engine;
using Crossbar.Circuit.Tests.Ngspice;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Tests.Builders;

public class OpAmpNonIdealityTests
{
    /// <summary>Inverting amplifier, gain −10, input <paramref name="vin"/>.</summary>
    private static Netlist InvertingAmplifier(OpAmpModel model, double vin)
    {
        var b = new NetlistBuilder().Add("V1", vin, "in", "0").Add("R1", 1e3, "in", "m").Add("R2", 10e3, "m", "out");
        OpAmpNetlist.Add(b.Netlist, "u1", "0", "m", "out", model);
        b.Netlist.Title = "inverting amplifier with rails";
        return b.Op().Netlist;
    }

    private static OpAmpModel WithRails(OpAmpModel model) => model with { PositiveRail = 1, NegativeRail = -1, RailKnee = 0.1 };

    [TestCase(OpAmpKind.FiniteGain, 0.3)]
    [TestCase(OpAmpKind.FiniteGain, 0.05)]
    [TestCase(OpAmpKind.SinglePole, 0.3)]
    [TestCase(OpAmpKind.SinglePole, -0.3)]
    [TestCase(OpAmpKind.SinglePole, 0.05)]
    [TestCase(OpAmpKind.Ideal, 0.3)]
    public void When_Output_Would_Exceed_Rail_Expect_Soft_Clip_At_Rail(OpAmpKind kind, double vin)
    {
        OpAmpModel model = WithRails(new OpAmpModel { Kind = kind, DcGain = 1e5, GainBandwidth = 16e6 });
        Netlist netlist = InvertingAmplifier(model, vin);
        double vout = CircuitSimulator.Run(netlist).Find("op")!.Column("v(out)")[0];
        double a0 = kind == OpAmpKind.Ideal ? OpAmpNetlist.IdealGain : 1e5;
        double linear = -10 * vin / (1 + (11 / a0));
        double expected = SoftLimiter.Limit(linear, -1, 1, 0.1, out _);
        if (Math.Abs(linear) > 1)
        {
            // Saturated: the loop is open, the limiter sits at the rail to double precision.
            expected = Math.Sign(linear) * 1.0;
        }

        Tolerance.AssertClose(vout, expected, 1e-9, 1e-9, "v(out)");
    }

    [Test]
    public void When_Rail_Clipped_Amplifier_Is_Exported_Expect_Ngspice_Agreement()
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        foreach (double vin in new[] { 0.3, 0.095, 0.05 })
        {
            Netlist netlist = InvertingAmplifier(WithRails(OpAmpModel.WithSinglePole(1e5, 16e6)), vin);
            double ours = CircuitSimulator.Run(netlist).Find("op")!.Column("v(out)")[0];
            RawPlot reference = runner!.Run(NgspiceRunner.WithTightTolerances(NetlistWriter.Write(netlist))).Plots.Single(p => p.Analysis == "op");
            Tolerance.AssertClose(ours, reference.Column("v(out)")[0], 1e-6, 1e-12, $"v(out) at vin = {vin}");
        }
    }

    [Test]
    public void When_Inv_Saturates_Expect_Outputs_Clipped_Near_The_Rails()
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(4, 11, false);
        double[] b = InvCircuitTests.Rhs(4, 12);
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Resistor,
            Levels = new ConductanceLevels(0),
            Wires = WireModel.Ideal,
            SignalVoltage = 0.2,
            OpAmp = OpAmpModel.WithSinglePole(1e5, 16e6) with { PositiveRail = 0.1, NegativeRail = -0.1, RailKnee = 0.01 },
        };
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, options, CircuitAnalysis.OperatingPoint);
        ResultTable op = CircuitSimulator.Run(circuit.Netlist).Find("op")!;
        double[] v = circuit.OutputColumns.Select(c => op.Column(c)[0]).ToArray();
        Assert.That(v.Max(Math.Abs), Is.LessThanOrEqualTo(0.1));
        Assert.That(v.Max(Math.Abs), Is.GreaterThan(0.1 - 0.01), "the largest output sits in the rail's knee");
    }

    [Test]
    public void When_Step_Is_Slew_Limited_Expect_Max_Slope_Equal_To_Slew_Rate()
    {
        const double slewRate = 1e6;
        OpAmpModel model = OpAmpModel.WithSinglePole(1e5, 16e6) with { SlewRate = slewRate };
        var b = new NetlistBuilder()
            .Add(new ElementCard("V1", ["in", "0"]) { Value = 0, Waveform = new PulseWaveform(0, 1, 0.1e-6, 1e-9, 1e-9, 10e-6, 20e-6, 7) });
        OpAmpNetlist.Add(b.Netlist, "u1", "in", "out", "out", model);
        b.Tran(5e-9, 2e-6);
        ResultTable tran = CircuitSimulator.Run(b.Netlist).Find("tran")!;
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(out)");
        double maxSlope = 0;
        for (int i = 1; i < t.Length; i++)
        {
            maxSlope = Math.Max(maxSlope, (v[i] - v[i - 1]) / (t[i] - t[i - 1]));
        }

        TestContext.Out.WriteLine($"max dv/dt = {maxSlope:G6} V/s for SR = {slewRate:G3} V/s; v(out) at 2 us = {v[^1]:G6}");
        Assert.That(maxSlope, Is.LessThanOrEqualTo(slewRate * 1.001));
        Assert.That(maxSlope, Is.GreaterThan(slewRate * 0.98));
        Tolerance.AssertClose(v[^1], 1, 1e-4, 0, "settled follower output");
        double rampTime = t[Array.FindIndex(v, x => x >= 0.5)] - 0.1e-6;
        Tolerance.AssertClose(rampTime, 0.5 / slewRate, 0.03, 0, "time to reach 0.5 V");
    }

    [Test]
    public void When_Input_Noise_Is_Given_Expect_Trnoise_Source_In_Series_With_Plus_Input()
    {
        OpAmpModel model = OpAmpModel.WithSinglePole(1e5, 16e6) with { InputNoiseDensity = 10e-9, InputOffsetVoltage = 1e-3 };
        var netlist = new Netlist();
        OpAmpNetlist.Add(netlist, "u1", "0", "m", "out", model, noiseSampleTime: 1e-9);
        ElementCard noise = netlist.Elements.Single(e => e.Name == "Vu1_en");
        var trnoise = (TrNoiseWaveform)noise.Waveform!;
        Assert.Multiple(() =>
        {
            Assert.That(noise.Nodes, Is.EqualTo(new[] { "u1_en", "u1_os" }));
            Assert.That(trnoise.WhiteAmplitude.Value, Is.EqualTo(10e-9 / Math.Sqrt(2e-9)).Within(1e-12));
            Assert.That(trnoise.Step.Value, Is.EqualTo(1e-9));
            Assert.That(netlist.Elements.Single(e => e.Name == "Gu1").Nodes, Is.EqualTo(new[] { "0", "u1_p", "u1_en", "m" }));
        });
    }

    [Test]
    public void When_Slew_Limit_Is_Asked_Of_An_Op_Amp_Without_Pole_Expect_NotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => OpAmpNetlist.Add(new Netlist(), "u1", "0", "m", "out", OpAmpModel.WithFiniteGain(1e5) with { SlewRate = 1e6 }));
        Assert.That(ex!.Message, Does.Contain("single-pole"));
    }
}
