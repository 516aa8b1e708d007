using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// The temperature equations against numbers measured in ngspice 39 at <c>.temp 85</c> (TNOM 27 °C), printed to seven
/// digits by <c>print</c> in a <c>.control</c> block: diode dt (IS 1e-14, N 1.5, EG 1.11, XTI 3, CJO 5p, VJ 0.8,
/// M 0.4) forward at 1 mA: v = 0.9417157 V; its capacitance @d[cd] at 0 V: 5.280772e-12 F, at −2 V: 3.085559e-12 F;
/// a 1 kΩ resistor with TC1 2e-3, TC2 5e-6 carrying 1 mA: 1.132820 V; NMOS nt (VTO 0.7, KP 100u, PHI 0.65,
/// GAMMA 0.5, W = L) with v_ds 5 V, v_bs 0: @m[von] 0.6068376 V, @m[id] 7.445326e-05 A at v_gs 2 V and 2.196972e-04 A
/// at v_gs 3 V.
/// </summary>
public class DeviceTemperatureTests
{
    private const double Hot = 85 + DeviceTemperature.CelsiusToKelvin;
    private const double Nominal = PhysicalConstants.NominalTemperature;
    private const double Measured = 2e-6;

    [Test]
    public void When_ResistorHasTc1AndTc2_Expect_NgspiceResistanceAt85C()
    {
        double r = 1e3 * DeviceTemperature.ResistanceFactor(2e-3, 5e-6, Hot, Nominal);

        Tolerance.AssertClose(r * 1e-3, 1.132820, Measured, 0, "v across 1 kΩ at 1 mA");
    }

    [Test]
    public void When_DiodeAt85C_Expect_NgspiceForwardVoltage()
    {
        double saturation = DeviceTemperature.DiodeSaturationCurrent(1e-14, 1.11, 3, 1.5, Hot, Nominal);
        double v = 1.5 * DeviceTemperature.ThermalVoltage(Hot) * Math.Log((1e-3 / saturation) + 1);

        Tolerance.AssertClose(v, 0.9417157, Measured, 0, "forward voltage at 1 mA");
    }

    [Test]
    public void When_DiodeAt85C_Expect_NgspiceDepletionCapacitance()
    {
        double vj = DeviceTemperature.JunctionPotential(0.8, Hot, Nominal);
        double cj = DeviceTemperature.JunctionCapacitance(5e-12, 0.4, 0.8, Hot, Nominal);

        Tolerance.AssertClose(cj, 5.280772e-12, Measured, 0, "CJO(85 °C)");
        Tolerance.AssertClose(cj * Math.Pow(1 + (2 / vj), -0.4), 3.085559e-12, Measured, 0, "C at −2 V");
    }

    [Test]
    public void When_NmosAt85C_Expect_NgspiceThresholdAndSaturationCurrents()
    {
        double vto = DeviceTemperature.MosfetThreshold(0.7, 0.5, 0.65, Hot, Nominal);
        double kp = 100e-6 * DeviceTemperature.MobilityFactor(Hot, Nominal);

        Tolerance.AssertClose(vto, 0.6068376, Measured, 0, "VTO(85 °C)");
        Tolerance.AssertClose(kp / 2 * (2 - vto) * (2 - vto), 7.445326e-05, Measured, 0, "I_D at v_gs 2 V");
        Tolerance.AssertClose(kp / 2 * (3 - vto) * (3 - vto), 2.196972e-04, Measured, 0, "I_D at v_gs 3 V");
    }

    [TestCase(27.0)]
    [TestCase(50.0)]
    public void When_TemperatureIsTnom_Expect_ParametersUnchanged(double celsius)
    {
        double t = celsius + DeviceTemperature.CelsiusToKelvin;

        Tolerance.AssertClose(DeviceTemperature.JunctionPotential(0.8, t, t), 0.8, 1e-14, 0, "VJ");
        Tolerance.AssertClose(DeviceTemperature.JunctionCapacitance(5e-12, 0.4, 0.8, t, t), 5e-12, 1e-14, 0, "CJO");
        Tolerance.AssertClose(DeviceTemperature.MosfetThreshold(0.7, 0.5, 0.65, t, t), 0.7, 1e-14, 0, "VTO");
        Assert.That(DeviceTemperature.DiodeSaturationCurrent(1e-14, 1.11, 3, 1, t, t), Is.EqualTo(1e-14));
        Assert.That(DeviceTemperature.ResistanceFactor(1e-3, 1e-6, t, t), Is.EqualTo(1.0));
    }

    [Test]
    public void When_DeckSetsTemp_Expect_SameAnswerAsOptionsTempAndHotterDiodeDropsLess()
    {
        const string deck = "d\n{0}\n.model dt d is=1e-14 n=1.5\ni1 0 a 1m\nd1 a 0 dt\n.op\n.end\n";
        double At(string card) => CircuitSimulator.Run(NetlistReader.ReadText(deck.Replace("{0}", card, StringComparison.Ordinal))).Find("op")!.Column("v(a)")[0];

        double cold = At(string.Empty);
        double hot = At(".temp 85");

        Assert.That(At(".options temp=85"), Is.EqualTo(hot));
        Assert.That(hot, Is.LessThan(cold - 0.03), "ngspice: 0.9417 V at 85 °C");
    }

    [TestCase(".temp", ".temp: expected a temperature in °C", 6)]
    [TestCase(".temp -300", "above absolute zero", 7)]
    [TestCase(".temp 25 50", "expected '.temp celsius'", 10)]
    public void When_TempCardIsBad_Expect_NamedError(string card, string message, int column)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"t\nr1 a 0 1\n{card}\n.end\n", "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(message));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((3, column)));
    }
}
