using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Engine;
using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// The level-1 MOSFET element's stamp against the device model it evaluates (<see cref="Mosfet1Model"/>): the KCL
/// residual at each terminal is the model's drain current plus the engine's bulk-junction diodes, and the loaded
/// Jacobian matches central finite differences of that residual, in every region and for both polarities.
/// </summary>
public sealed class MosfetStampTests
{
    private const double SaturationCurrent = 1e-14;
    private const double Gmin = 1e-12;
    private const double Source = 0.1;

    private static Mosfet1Parameters Channel(MosfetPolarity polarity) => new()
    {
        Polarity = polarity,
        ThresholdVoltage = (int)polarity * 0.7,
        TransconductanceParameter = 1.1e-4,
        BodyEffectCoefficient = 0.45,
        SurfacePotential = 0.65,
        ChannelLengthModulation = 0.04,
        LateralDiffusion = 0.02e-6,
        Width = 2e-6,
        Length = 0.5e-6,
    };

    private static IEnumerable<TestCaseData> BiasPoints()
    {
        // v_gs, v_ds, v_bs in NMOS convention (negated for PMOS); the bulk junctions stay off or nearly so.
        (string Region, double Vgs, double Vds, double Vbs)[] points =
        [
            ("cutoff", 0.5, 1.0, 0.0),
            ("linear", 2.0, 0.3, 0.0),
            ("saturation", 1.5, 2.5, 0.0),
            ("reversed linear", 2.0, -0.4, -1.0),
            ("reversed saturation", 0.5, -2.5, -3.0),
            ("body effect, reverse bias", 2.0, 0.3, -1.0),
            ("body effect, forward bias", 3.3, 1.0, 0.2),
        ];
        foreach (MosfetPolarity polarity in new[] { MosfetPolarity.Nmos, MosfetPolarity.Pmos })
        {
            foreach (var p in points)
            {
                double t = (int)polarity;
                yield return new TestCaseData(polarity, t * p.Vgs, t * p.Vds, t * p.Vbs).SetArgDisplayNames(polarity.ToString(), p.Region);
            }
        }
    }

    private static Netlist Deck(MosfetPolarity polarity)
    {
        Mosfet1Parameters c = Channel(polarity);
        var builder = new NetlistBuilder().Model("mod", polarity == MosfetPolarity.Pmos ? "pmos" : "nmos",
            ("vto", c.ThresholdVoltage), ("kp", c.TransconductanceParameter), ("gamma", c.BodyEffectCoefficient),
            ("phi", c.SurfacePotential), ("lambda", c.ChannelLengthModulation), ("ld", c.LateralDiffusion), ("is", SaturationCurrent));
        builder.Add(new ElementCard("M1", ["d", "g", "s", "b"])
        {
            Model = "mod",
            Parameters = [new("w", c.Width), new("l", c.Length)],
        });
        return builder.Netlist;
    }

    private static double[] Iterate(StampProbe probe, double vgs, double vds, double vbs)
    {
        var x = new double[probe.Size];
        x[probe.Index("s")] = Source;
        x[probe.Index("g")] = Source + vgs;
        x[probe.Index("d")] = Source + vds;
        x[probe.Index("b")] = Source + vbs;
        return x;
    }

    /// <summary>The engine's bulk diode in the polarity-normalised frame (ngspice mos1load.c), gmin included.</summary>
    private static double Junction(double v)
    {
        double vt = PhysicalConstants.ThermalVoltage;
        return v <= -3 * vt ? (Gmin * v) - SaturationCurrent : (SaturationCurrent * (Math.Exp(v / vt) - 1)) + (Gmin * v);
    }

    [TestCaseSource(nameof(BiasPoints))]
    public void When_Loaded_At_Bias_Point_Expect_Residual_Equals_Model_Current_Plus_Bulk_Junctions(MosfetPolarity polarity, double vgs, double vds, double vbs)
    {
        var probe = new StampProbe(Deck(polarity));
        double[] f = probe.LoadAt(Iterate(probe, vgs, vds, vbs)).Residual;
        double type = (int)polarity;
        double id = new Mosfet1Model(Channel(polarity)).DrainCurrent(vgs, vds, vbs);
        double jbd = type * Junction(type * (vbs - vds));
        double jbs = type * Junction(type * vbs);
        Tolerance.AssertClose(f[probe.Index("d")], id - jbd, 1e-9, 1e-15, "drain KCL");
        Tolerance.AssertClose(f[probe.Index("s")], -id - jbs, 1e-9, 1e-15, "source KCL");
        Tolerance.AssertClose(f[probe.Index("b")], jbd + jbs, 1e-9, 1e-15, "bulk KCL");
        Tolerance.AssertClose(f[probe.Index("g")], 0, 0, 1e-18, "gate KCL");
    }

    [TestCaseSource(nameof(BiasPoints))]
    public void When_Loaded_At_Bias_Point_Expect_Jacobian_Equals_Finite_Differences(MosfetPolarity polarity, double vgs, double vds, double vbs)
    {
        var probe = new StampProbe(Deck(polarity));
        (double worst, string where) = probe.WorstMismatch(Iterate(probe, vgs, vds, vbs), step: 1e-6);
        Assert.That(worst, Is.LessThan(1e-5), where);
    }

    [TestCase("kp=-1", "KP")]
    [TestCase("phi=0", "PHI")]
    [TestCase("vto=0.7 nsub=1e15", "unsupported level-1 MOSFET parameter 'nsub'")]
    [TestCase("tox=0", "TOX = 0 is invalid")]
    public void When_Model_Card_Is_Invalid_Expect_Error_Naming_Card_And_Parameter(string parameters, string fragment)
    {
        Netlist netlist = NetlistReader.ReadText($"bad model\n.model nbad nmos ({parameters})\nM1 d g 0 0 nbad w=1u l=1u\nV1 d 0 1\nV2 g 0 1\n.op\n.end\n");
        var ex = Assert.Throws<NetlistException>(() => CircuitCompiler.CreateElements(netlist))!;
        Assert.That(ex.Message, Does.Contain("model nbad").And.Contain(fragment));
    }
}
