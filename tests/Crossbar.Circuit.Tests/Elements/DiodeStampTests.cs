using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Tests.Engine;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// The diode element's stamp against its equation (ngspice dioload.c): forward and mild reverse bias follow
/// I = IS·(e^{V/(N·v_t)} − 1) + gmin·V, deeper reverse bias the cubic tail −IS·(1 + (3N·v_t/(e·V))³) + gmin·V; the
/// loaded Jacobian matches central finite differences of the residual, with and without series resistance.
/// </summary>
public sealed class DiodeStampTests
{
    private const double SaturationCurrent = 1e-14;
    private const double Emission = 1.5;
    private const double Gmin = 1e-12;
    private const double Cathode = 0.1;

    private static Netlist Deck(double seriesResistance)
    {
        var builder = new NetlistBuilder();
        if (seriesResistance > 0)
        {
            builder.Model("dmod", "d", ("is", SaturationCurrent), ("n", Emission), ("rs", seriesResistance));
        }
        else
        {
            builder.Model("dmod", "d", ("is", SaturationCurrent), ("n", Emission));
        }

        builder.Add(new ElementCard("D1", ["a", "k"]) { Model = "dmod" });
        return builder.Netlist;
    }

    private static double Expected(double v)
    {
        double vte = Emission * PhysicalConstants.ThermalVoltage;
        if (v >= -3 * vte)
        {
            return (SaturationCurrent * (Math.Exp(v / vte) - 1)) + (Gmin * v);
        }

        double arg = 3 * vte / (v * Math.E);
        return (-SaturationCurrent * (1 + (arg * arg * arg))) + (Gmin * v);
    }

    [TestCase(0.75)]
    [TestCase(0.4)]
    [TestCase(-0.05)]
    [TestCase(-2.0)]
    public void When_Loaded_At_Junction_Voltage_Expect_Residual_Equals_Diode_Equation(double v)
    {
        var probe = new StampProbe(Deck(0));
        var x = new double[probe.Size];
        x[probe.Index("a")] = Cathode + v;
        x[probe.Index("k")] = Cathode;
        double[] f = probe.LoadAt(x).Residual;
        Tolerance.AssertClose(f[probe.Index("a")], Expected(v), 1e-9, 1e-20, "anode KCL");
        Tolerance.AssertClose(f[probe.Index("k")], -Expected(v), 1e-9, 1e-20, "cathode KCL");
    }

    [TestCase(0.0, 0.75)]
    [TestCase(0.0, -2.0)]
    [TestCase(50.0, 0.7)]
    [TestCase(50.0, 0.45)]
    public void When_Loaded_At_Junction_Voltage_Expect_Jacobian_Equals_Finite_Differences(double seriesResistance, double v)
    {
        var probe = new StampProbe(Deck(seriesResistance));
        double[] x = probe.Iterate((name, _) => name switch
        {
            "a" => Cathode + v + 0.01,
            "k" => Cathode,
            _ => Cathode + v,
        });
        (double worst, string where) = probe.WorstMismatch(x);
        Assert.That(worst, Is.LessThan(1e-5), where);
    }
}
