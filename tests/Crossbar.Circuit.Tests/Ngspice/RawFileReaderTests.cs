using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Ngspice;

[TestFixture]
public class RawFileReaderTests
{
    // Shaped like ngspice 39's ASCII output: an OP plot with bare and #branch names, a DC
    // sweep, a transient and a complex AC plot, in one file.
    private const string Raw = """
        Title: divider
        Date: Fri Nov 27 20:13:31  2026
        Plotname: Operating Point
        Flags: real
        No. Variables: 3
        No. Points: 1
        Variables:
        	0	out	voltage
        	1	v1#branch	current
        	2	v(in)	voltage
        Values:
        0		1.500000000000000e+00
        	-5.000000000000000e-04
        	1.000000000000000e+00
        Title: divider
        Date: Fri Nov 27 20:13:31  2026
        Plotname: DC transfer characteristic
        Flags: real
        No. Variables: 2
        No. Points: 3
        Variables:
        	0	v(v-sweep)	voltage
        	1	v(out)	voltage
        Values:
        0		0.000000000000000e+00
        	0.000000000000000e+00
        1		1.000000000000000e+00
        	5.000000000000000e-01
        2		2.000000000000000e+00
        	1.000000000000000e+00
        Title: divider
        Date: Fri Nov 27 20:13:31  2026
        Plotname: Transient Analysis
        Flags: real
        No. Variables: 3
        No. Points: 2
        Variables:
        	0	time	time
        	1	v(out)	voltage
        	2	i(v1)	current
        Values:
        0		0.000000000000000e+00
        	1.500000000000000e+00
        	5.000000000000000e-04
        1		5.000000000000000e-10
        	1.250000000000000e+00
        	2.500000000000000e-04
        Title: divider
        Date: Fri Nov 27 20:13:33  2026
        Plotname: AC Analysis
        Flags: complex
        No. Variables: 2
        No. Points: 2
        Variables:
        	0	frequency	frequency	grid=3
        	1	v(out)	voltage
        Values:
        0		1.000000000000000e+03,0.000000000000000e+00
        	9.999605231408795e-01,-6.282937266758386e-03
        1		1.000000000000000e+04,0.000000000000000e+00
        	9.960676824071726e-01,-6.258477827057168e-02

        """;

    [Test]
    public void When_File_Has_Four_Plots_Expect_Four_Plots_In_Order_With_Analysis_Kinds()
    {
        IReadOnlyList<RawPlot> plots = RawFileReader.Parse(Raw);

        Assert.That(plots.Select(p => p.Analysis), Is.EqualTo(new[] { "op", "dc", "tran", "ac" }));
        Assert.That(plots.Select(p => p.PointCount), Is.EqualTo(new[] { 1, 3, 2, 2 }));
    }

    [Test]
    public void When_Names_Are_Bare_Or_Branch_Expect_Normalised_V_And_I_Names()
    {
        RawPlot op = RawFileReader.Parse(Raw)[0];

        Assert.That(op.Variables.Select(v => v.Name), Is.EqualTo(new[] { "v(out)", "i(v1)", "v(in)" }));
        Assert.That(op.Variables[1].RawName, Is.EqualTo("v1#branch"));
        Assert.That(op.Variables[1].IsCurrent, Is.True);
        Assert.That(op.Column("i(v1)")[0], Is.EqualTo(-5e-4).Within(1e-20));
        Assert.That(op.Column("V(OUT)")[0], Is.EqualTo(1.5).Within(1e-15));
    }

    [Test]
    public void When_Plot_Is_A_Sweep_Expect_Scale_First_And_Rows_In_Order()
    {
        RawPlot dc = RawFileReader.Parse(Raw)[1];

        Assert.That(dc.Variables[0].Name, Is.EqualTo("v(v-sweep)"));
        Assert.That(dc.Column(0), Is.EqualTo(new[] { 0.0, 1.0, 2.0 }).Within(1e-15));
        Assert.That(dc.Column("v(out)"), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }).Within(1e-15));
    }

    [Test]
    public void When_Plot_Is_Complex_Expect_Real_And_Imaginary_Parts()
    {
        RawPlot ac = RawFileReader.Parse(Raw)[3];

        Assert.That(ac.IsComplex, Is.True);
        Assert.That(ac.Variables[0].Name, Is.EqualTo("frequency"));
        Assert.That(ac.Real[1][0], Is.EqualTo(1e4).Within(1e-9));
        Assert.That(ac.Real[1][1], Is.EqualTo(9.960676824071726e-01).Within(1e-15));
        Assert.That(ac.Imaginary![1][1], Is.EqualTo(-6.258477827057168e-02).Within(1e-15));
    }

    [Test]
    public void When_Values_Stop_Inside_A_Point_Expect_Format_Error_Naming_The_Plot()
    {
        string truncated = Raw[..Raw.IndexOf("1\t\t5.000000000000000e-10", StringComparison.Ordinal)] + "1\t\t5e-10\n";

        var error = Assert.Throws<FormatException>(() => RawFileReader.Parse(truncated, "cut.raw"));
        Assert.That(error!.Message, Does.Contain("cut.raw").And.Contain("Transient Analysis"));
    }

    [TestCase("v1#branch", "current", "i(v1)")]
    [TestCase("i(VIN#branch)", "current", "i(vin)")]
    [TestCase("OUT", "voltage", "v(out)")]
    [TestCase("v(x1.fb)", "voltage", "v(x1.fb)")]
    [TestCase("i(vdd)", "current", "i(vdd)")]
    public void When_Name_Is_Normalised_Expect_Engine_Column_Name(string raw, string type, string expected)
    {
        Assert.That(RawFileReader.NormaliseName(raw, type), Is.EqualTo(expected));
    }
}
