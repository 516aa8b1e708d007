using Crossbar.Devices.Rram;
using Crossbar.Devices.Transistors;
using Crossbar.Devices.Wires;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class WireAndCellTests
{
    [Test]
    public void When_DefaultWires_Expect_PaperResistanceNoCapacitance()
    {
        var w = new WireModel();
        Assert.Multiple(() =>
        {
            Assert.That(w.RowResistancePerCell, Is.EqualTo(1.73));
            Assert.That(w.ColumnResistancePerCell, Is.EqualTo(1.73));
            Assert.That(w.RowCapacitancePerCell, Is.EqualTo(0.0));
            Assert.That(w.IsIdeal, Is.False);
            Assert.That(WireModel.Ideal.IsIdeal, Is.True);
        });
    }

    [Test]
    public void When_FarEndSensing_Expect_SegmentCountFromOtherEnd()
    {
        var w = new WireModel { RowSenseEnd = LineEnd.Far };
        Assert.Multiple(() =>
        {
            Assert.That(w.RowSegmentsToCell(0, 8), Is.EqualTo(8));
            Assert.That(w.RowSegmentsToCell(7, 8), Is.EqualTo(1));
            Assert.That(w.ColumnSegmentsToCell(2, 8), Is.EqualTo(3));
        });
    }

    [Test]
    public void When_NegativeWireResistance_Expect_ArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new WireModel { ColumnResistancePerCell = -1.0 });
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(WireModel.ColumnResistancePerCell)));
    }

    [Test]
    public void When_FixedOnResistanceCell_Expect_SeriesConductance()
    {
        var cell = CellModel.WithOnResistance(null, 180.0);
        double g = 20e-6;
        var op = cell.Solve(0.2, 0.0, g);
        double geff = 1.0 / ((1.0 / g) + 180.0);
        AssertClose(op.Current, 0.2 * geff, 1e-12);
        AssertClose(op.Conductance, geff, 1e-12);
        AssertClose(cell.EffectiveConductance(g), geff, 1e-14);
        AssertClose(op.InternalVoltage, op.Current * 180.0, 1e-9);
    }

    [TestCase(0.2)]
    [TestCase(-0.2)]
    [TestCase(1.0)]
    public void When_TransistorCell_Expect_KirchhoffBalanceAtInternalNode(double voltage)
    {
        var cell = CellModel.WithTransistor(new SinhRramModel(0.25, 0.2));
        var op = cell.Solve(voltage, 0.0, 35e-6);
        double rram = cell.ReadModel.Current(voltage - op.InternalVoltage, 35e-6);
        double mos = cell.Transistor!.DrainCurrent(3.3, op.InternalVoltage, 0.0);
        AssertClose(op.Current, rram, 1e-14);
        AssertClose(mos, rram, 1e-10);
        Assert.That(Math.Sign(op.Current), Is.EqualTo(Math.Sign(voltage)));
    }

    [Test]
    public void When_TransistorCellAtSmallVoltage_Expect_EffectiveConductanceWithOnResistance()
    {
        var cell = CellModel.WithTransistor();
        double g = 35e-6;
        var op = cell.Solve(1e-4, 0.0, g);
        AssertClose(op.Current / 1e-4, cell.EffectiveConductance(g), 1e-5);
        AssertClose(cell.OnResistance(), 1.0 / (2e-5 * 100 * 2.6), 1e-12);
    }

    [Test]
    public void When_TransistorCellConductance_Expect_FiniteDifferenceOfCurrent()
    {
        var cell = CellModel.WithTransistor(new SinhRramModel(0.25, 0.2), Mosfet1Parameters.AccessTransistor with { ChannelLengthModulation = 0.05 });
        var op = cell.Solve(0.5, 0.0, 30e-6);
        double fd = CentralDifference(v => cell.Solve(v, 0.0, 30e-6).Current, 0.5, 1e-5);
        AssertClose(op.Conductance, fd, 1e-6);
    }

    [Test]
    public void When_GateBelowThreshold_Expect_NoCurrentAndZeroEffectiveConductance()
    {
        var cell = CellModel.WithTransistor(gateVoltage: 0.3);
        var op = cell.Solve(0.2, 0.0, 20e-6);
        Assert.Multiple(() =>
        {
            Assert.That(op.Current, Is.EqualTo(0.0).Within(1e-18));
            Assert.That(cell.EffectiveConductance(20e-6), Is.EqualTo(0.0));
        });
    }
}
