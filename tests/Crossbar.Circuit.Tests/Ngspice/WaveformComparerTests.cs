using Crossbar.Circuit.Engine;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Ngspice;

[TestFixture]
public class WaveformComparerTests
{
    private static RawPlot Plot(string name, string[] variables, string[] types, params double[][] rows) =>
        new("t", name, false, variables.Select((v, i) => new RawVariable(v, v, types[i])).ToList(), rows, null);

    private static ResultTable Table(string analysis, string[] columns, params double[][] rows)
    {
        var table = new ResultTable(analysis, columns);
        table.Rows.AddRange(rows);
        return table;
    }

    [Test]
    public void When_Operating_Points_Agree_Within_Relative_Tolerance_Expect_Pass()
    {
        RawPlot op = Plot("Operating Point", ["v(out)", "i(v1)"], ["voltage", "current"], [3.3333333333, -6.6666666e-4]);
        ResultTable ours = Table("op", ["v(out)", "i(v1)"], [3.3333333333 * (1 + 5e-7), -6.6666666e-4 * (1 - 5e-7)]);

        ComparisonReport report = WaveformComparer.Compare("divider", [op], [ours]);

        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.VectorsCompared, Is.EqualTo(2));
    }

    [Test]
    public void When_Operating_Point_Differs_By_1e5_Relative_Expect_Mismatch_Naming_Deck_Vector_And_Values()
    {
        RawPlot op = Plot("Operating Point", ["v(out)", "i(v1)"], ["voltage", "current"], [2.0, -1e-3]);
        ResultTable ours = Table("op", ["v(out)", "i(v1)"], [2.0 * (1 + 1e-5), -1e-3]);

        ComparisonReport report = WaveformComparer.Compare("divider.cir", [op], [ours]);

        Assert.That(report.Mismatches, Has.Count.EqualTo(1));
        Assert.That(report.Mismatches[0], Does.Contain("divider.cir").And.Contain("v(out)").And.Contain("2.00002").And.Contain("ngspice 2"));
    }

    [Test]
    public void When_Current_Is_Below_The_Floor_Expect_Pass_And_Above_Expect_Mismatch()
    {
        RawPlot op = Plot("Operating Point", ["i(v1)"], ["current"], [0.0]);

        ComparisonReport near = WaveformComparer.Compare("d", [op], [Table("op", ["i(v1)"], [5e-16])]);
        ComparisonReport far = WaveformComparer.Compare("d", [op], [Table("op", ["i(v1)"], [5e-12])]);

        Assert.That(near.Mismatches, Is.Empty, near.ToString());
        Assert.That(far.Mismatches, Has.Count.EqualTo(1));
    }

    [Test]
    public void When_Dc_Sweep_Point_Differs_Expect_Mismatch_Naming_The_Sweep_Value()
    {
        RawPlot dc = Plot("DC transfer characteristic", ["v(v-sweep)", "v(out)"], ["voltage", "voltage"], [0, 0], [1, 0.5], [2, 1.0]);
        ResultTable ours = Table("dc", ["vin", "v(out)"], [0, 0], [1, 0.5001], [2, 1.0]);

        ComparisonReport report = WaveformComparer.Compare("sweep", [dc], [ours]);

        Assert.That(report.Mismatches, Has.Count.EqualTo(1));
        Assert.That(report.Mismatches[0], Does.Contain("vin=1").And.Contain("0.5001").And.Contain("1 of 3"));
    }

    [Test]
    public void When_Two_Dc_Tables_Exist_Expect_Each_Plot_Paired_By_Its_Sweep_Values()
    {
        RawPlot currentSweep = Plot("DC transfer characteristic", ["i(i-sweep)", "v(out)"], ["current", "voltage"], [0, 1], [1e-3, 2]);
        RawPlot voltageSweep = Plot("DC transfer characteristic", ["v(v-sweep)", "v(out)"], ["voltage", "voltage"], [0, 5], [1, 6]);
        ResultTable vTable = Table("dc", ["v1", "v(out)"], [0, 5], [1, 6]);
        ResultTable iTable = Table("dc", ["i1", "v(out)"], [0, 1], [1e-3, 2]);

        ComparisonReport report = WaveformComparer.Compare("two", [currentSweep, voltageSweep], [vTable, iTable]);

        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.VectorsCompared, Is.EqualTo(2));
    }

    [Test]
    public void When_Transient_Grids_Differ_On_A_Ramp_Expect_Exact_Interpolation_And_Pass()
    {
        double[][] reference = Enumerable.Range(0, 11).Select(k => new[] { k * 1e-6, k * 0.1 }).ToArray();
        double[][] ours = Enumerable.Range(0, 7).Select(k => new[] { k * 1e-6 * 10 / 6, k * 1.0 / 6 }).ToArray();
        RawPlot tran = Plot("Transient Analysis", ["time", "v(out)"], ["time", "voltage"], reference);

        ComparisonReport report = WaveformComparer.Compare("ramp", [tran], [Table("tran", ["time", "v(out)"], ours)]);

        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.PointsCompared, Is.EqualTo(11));
    }

    [Test]
    public void When_Transient_Is_Off_By_Two_Percent_Of_Range_Expect_Mismatch_With_Time()
    {
        double[][] reference = Enumerable.Range(0, 11).Select(k => new[] { k * 1e-6, k * 0.1 }).ToArray();
        double[][] ours = reference.Select((r, k) => new[] { r[0], r[1] + (k >= 5 ? 0.02 : 0.0) }).ToArray();
        RawPlot tran = Plot("Transient Analysis", ["time", "v(out)"], ["time", "voltage"], reference);

        ComparisonReport report = WaveformComparer.Compare("ramp", [tran], [Table("tran", ["time", "v(out)"], ours)]);

        Assert.That(report.Mismatches, Has.Count.EqualTo(1));
        Assert.That(report.Mismatches[0], Does.Contain("v(out)").And.Contain("6 of 11").And.Contain("t=5E-06"));
    }

    [Test]
    public void When_Transient_Stops_Early_Expect_Coverage_Mismatch()
    {
        RawPlot tran = Plot("Transient Analysis", ["time", "v(out)"], ["time", "voltage"], [0, 1], [1e-6, 1], [2e-6, 1]);
        ResultTable ours = Table("tran", ["time", "v(out)"], [0, 1], [1e-6, 1]);

        ComparisonReport report = WaveformComparer.Compare("short", [tran], [ours]);

        Assert.That(report.Mismatches, Has.Some.Contains("tran covers"));
    }

    [Test]
    public void When_Analysis_Is_Missing_Or_Vectors_Are_Disjoint_Expect_Mismatch()
    {
        RawPlot op = Plot("Operating Point", ["v(out)"], ["voltage"], [1.0]);

        ComparisonReport missing = WaveformComparer.Compare("m", [op], []);
        ComparisonReport disjoint = WaveformComparer.Compare("m", [op], [Table("op", ["v(other)"], [1.0])]);

        Assert.That(missing.Mismatches, Has.Count.EqualTo(1).And.Some.Contains("no matching op table"));
        Assert.That(disjoint.Mismatches, Has.Some.Contains("shares no vector"));
    }

    [TestCase(0.0, 0.0)]
    [TestCase(0.25, 2.5)]
    [TestCase(1.5, 10.0)]
    [TestCase(2.0, 10.0)]
    [TestCase(-1.0, 0.0)]
    public void When_Interpolating_Expect_Linear_Value_And_Ends_Held(double at, double expected)
    {
        double[] x = [0.0, 1.0, 1.0, 2.0];
        double[] y = [0.0, 10.0, 10.0, 10.0];

        Assert.That(WaveformComparer.Interpolate(x, y, at), Is.EqualTo(expected).Within(1e-12));
    }
}
