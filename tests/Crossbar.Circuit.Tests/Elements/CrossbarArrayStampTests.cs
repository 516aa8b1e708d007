using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Engine;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>
/// The crossbar array's cell stamps against the device models they evaluate: KCL residuals of single cells against
/// <see cref="SinhRramModel"/>, <see cref="Mosfet1Model"/> and <see cref="CellModel"/>; loaded Jacobians of arrays with
/// wires against central finite differences; the operating point of a single 1T1R cell against
/// <see cref="CellModel.Solve"/>.
/// </summary>
public sealed class CrossbarArrayStampTests
{
    private const double Gmin = 1e-12;
    private const double SaturationCurrent = 1e-14;
    private const double GateVoltage = 3.3;
    private const double BulkVoltage = -3.3;
    private static readonly Mosfet1Parameters Access = Mosfet1Parameters.AccessTransistor;

    private static Netlist Deck(CrossbarArrayCard card)
    {
        var builder = new NetlistBuilder().Model("nacc", "nmos", ("vto", Access.ThresholdVoltage), ("kp", Access.TransconductanceParameter), ("is", SaturationCurrent));
        builder.Netlist.Arrays.Add(card);
        return builder.Netlist;
    }

    private static CrossbarArrayCard SingleCell(CrossbarCellKind kind, IRramReadModel readModel, double conductance, string column = "c") =>
        new("x", ["r"], [column], [conductance])
        {
            CellKind = kind,
            ReadModel = readModel,
            TransistorModel = "nacc",
            TransistorWidth = Access.Width,
            TransistorLength = Access.Length,
            GateVoltage = GateVoltage,
            BulkVoltage = BulkVoltage,
            OnResistance = 200,
        };

    /// <summary>The engine's bulk diode (ngspice mos1load.c), gmin included.</summary>
    private static double Junction(double v)
    {
        double vt = PhysicalConstants.ThermalVoltage;
        return v <= -3 * vt ? (Gmin * v) - SaturationCurrent : (SaturationCurrent * (Math.Exp(v / vt) - 1)) + (Gmin * v);
    }

    [TestCase(0.25, 0.3)]
    [TestCase(0.25, -0.45)]
    [TestCase(0.01, 0.45)]
    [TestCase(0.01, -0.6)]
    public void When_Sinh_Cell_Is_Loaded_Expect_Residual_Equals_Model_Current(double v0, double voltage)
    {
        // |v/V0| = 45 and 60 for V0 = 10 mV: beyond the model's linear continuation at 40.
        var model = new SinhRramModel(v0, 0.2);
        var probe = new StampProbe(Deck(SingleCell(CrossbarCellKind.Resistor, model, 20e-6)));
        var x = new double[probe.Size];
        x[probe.Index("r")] = voltage + 0.05;
        x[probe.Index("c")] = 0.05;
        double[] f = probe.LoadAt(x).Residual;
        double expected = model.Current(voltage, 20e-6);
        Tolerance.AssertClose(f[probe.Index("r")], expected, 1e-9, 1e-18, "row KCL");
        Tolerance.AssertClose(f[probe.Index("c")], -expected, 1e-9, 1e-18, "column KCL");
    }

    [Test]
    public void When_Linear_Cell_With_On_Resistance_Is_Loaded_Expect_Residual_Of_Series_Conductance()
    {
        var probe = new StampProbe(Deck(SingleCell(CrossbarCellKind.OnResistance, LinearRramModel.Instance, 20e-6)));
        var x = new double[probe.Size];
        x[probe.Index("r")] = 0.3;
        x[probe.Index("c")] = 0.1;
        double expected = CellModel.WithOnResistance(LinearRramModel.Instance, 200).EffectiveConductance(20e-6) * 0.2;
        Tolerance.AssertClose(probe.LoadAt(x).Residual[probe.Index("r")], expected, 1e-12, 1e-20, "row KCL");
        Tolerance.AssertClose(expected, 0.2 / ((1 / 20e-6) + 200), 1e-12, 0, "1/(1/G + R_on)");
    }

    [TestCase(false, 0.3, 0.12, 0.02)]
    [TestCase(false, -0.2, -0.05, 0.1)]
    [TestCase(true, 0.3, 0.12, 0.02)]
    [TestCase(true, 0.1, 0.3, 0.2)]
    public void When_1T1R_Cell_Is_Loaded_Expect_Residual_Equals_Rram_And_Transistor_Models(bool sinh, double vr, double vm, double vc)
    {
        IRramReadModel rram = sinh ? new SinhRramModel(0.25, 0.2) : LinearRramModel.Instance;
        const double g = 20e-6;
        var probe = new StampProbe(Deck(SingleCell(CrossbarCellKind.Transistor, rram, g)));
        var x = new double[probe.Size];
        x[probe.Index("r")] = vr;
        x[probe.Index("x_m0_0")] = vm;
        x[probe.Index("c")] = vc;
        double[] f = probe.LoadAt(x).Residual;
        double ir = rram.Current(vr - vm, g);
        double id = new Mosfet1Model(Access).DrainCurrent(GateVoltage - vc, vm - vc, BulkVoltage - vc);
        Tolerance.AssertClose(f[probe.Index("r")], ir, 1e-9, 1e-18, "row KCL");
        Tolerance.AssertClose(f[probe.Index("x_m0_0")], -ir + id - Junction(BulkVoltage - vm), 1e-9, 1e-18, "cell node KCL");
        Tolerance.AssertClose(f[probe.Index("c")], -id - Junction(BulkVoltage - vc), 1e-9, 1e-18, "column KCL");
    }

    private static IEnumerable<TestCaseData> ArrayKinds()
    {
        yield return new TestCaseData(CrossbarCellKind.Transistor, false).SetArgDisplayNames("1T1R", "linear");
        yield return new TestCaseData(CrossbarCellKind.Resistor, true).SetArgDisplayNames("1R", "sinh");
        yield return new TestCaseData(CrossbarCellKind.OnResistance, true).SetArgDisplayNames("R_on", "sinh");
        yield return new TestCaseData(CrossbarCellKind.Transistor, true).SetArgDisplayNames("1T1R", "sinh");
    }

    [TestCaseSource(nameof(ArrayKinds))]
    public void When_Array_With_Wires_Is_Loaded_Expect_Jacobian_Equals_Finite_Differences(CrossbarCellKind kind, bool sinh)
    {
        var g = new double[] { 10e-6, 20e-6, 5e-6, 35e-6, 1e-6, 12e-6 };
        var card = new CrossbarArrayCard("x", ["r0", "r1"], ["c0", "c1", "c2"], g)
        {
            CellKind = kind,
            ReadModel = sinh ? new SinhRramModel(0.2, 0.2) : LinearRramModel.Instance,
            TransistorModel = "nacc",
            OnResistance = 200,
            RowWireResistance = 2,
            ColumnWireResistance = 3,
        };
        var random = new Random(5);
        var probe = new StampProbe(Deck(card));
        (double worst, string where) = probe.WorstMismatch(probe.Iterate((_, _) => (random.NextDouble() * 0.8) - 0.4));
        Assert.That(worst, Is.LessThan(1e-5), where);
    }

    [TestCase(false, 0.2)]
    [TestCase(false, -0.3)]
    [TestCase(true, 0.2)]
    [TestCase(true, 0.5)]
    public void When_Single_1T1R_Cell_Is_Read_Expect_Current_Of_Cell_Model_Series_Solution(bool sinh, double voltage)
    {
        IRramReadModel rram = sinh ? new SinhRramModel(0.25, 0.2) : LinearRramModel.Instance;
        const double g = 35e-6;
        Netlist netlist = Deck(SingleCell(CrossbarCellKind.Transistor, rram, g, column: "0"));
        netlist.Elements.Add(new ElementCard("V1", ["r", "0"]) { Value = voltage });
        netlist.Analyses.Add(new OpAnalysisCard());
        ResultTable op = CircuitSimulator.Run(netlist).Find("op")!;
        double expected = CellModel.WithTransistor(rram, Access, GateVoltage, BulkVoltage).Solve(voltage, 0, g).Current;

        // The cell model has no bulk junctions: their leakage (≈ gmin·3.3 V) is below 1e-6 of the read current.
        Tolerance.AssertClose(-op.Column("i(v1)")[0], expected, 1e-6, 0, "cell current");
    }
}
