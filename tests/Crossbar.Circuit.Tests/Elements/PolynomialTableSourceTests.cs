using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>POLY(n) and TABLE forms of E, G, F and H against their formulas.</summary>
public class PolynomialTableSourceTests
{
    private static ResultTable Op(string lines) =>
        CircuitSimulator.Run(NetlistReader.ReadText($"poly\nVa a 0 2\nVb b 0 3\nVc c 0 -0.5\nRa a 0 1\nRb b 0 1\nRc c 0 1\n{lines}\n.op\n.end\n")).Find("op")!;

    [Test]
    public void When_Poly3_Expect_Spice2CoefficientOrder()
    {
        // Order for n = 3: 1, x1, x2, x3, x1², x1x2, x1x3, x2², x2x3, x3², x1³.
        double[] p = [0.5, 1, 2, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.07];
        double x1 = 2, x2 = 3, x3 = -0.5;
        double[] monomials = [1, x1, x2, x3, x1 * x1, x1 * x2, x1 * x3, x2 * x2, x2 * x3, x3 * x3, x1 * x1 * x1];
        double expected = p.Zip(monomials, (a, b) => a * b).Sum();

        ResultTable op = Op($"E1 e 0 POLY(3) a 0 b 0 c 0 {string.Join(' ', p)}");

        Tolerance.AssertClose(op.Column("v(e)")[0], expected, 1e-12, 1e-15, "v(e)");
    }

    [Test]
    public void When_GPolyOfCurrentsAndFPoly_Expect_SameCurrentAsFormula()
    {
        // i(va) = -2 A, i(vb) = -3 A (source currents flow from + through the source).
        ResultTable op = Op("G1 0 g POLY(2) a 0 b c 1 0.5 0.25 0.125\nRg g 0 1\nF1 0 f POLY(2) Va Vb 1 0.5 0.25 0.125\nRf f 0 1\nH1 h 0 POLY(1) Vb 0 2 1");

        Tolerance.AssertClose(op.Column("v(g)")[0], 1 + (0.5 * 2) + (0.25 * 3.5) + (0.125 * 4), 1e-12, 1e-15, "v(g)");
        Tolerance.AssertClose(op.Column("v(f)")[0], 1 + (0.5 * -2) + (0.25 * -3) + (0.125 * 4), 1e-12, 1e-15, "v(f)");
        Tolerance.AssertClose(op.Column("v(h)")[0], (2 * -3) + 9, 1e-12, 1e-15, "v(h)");
    }

    [TestCase("2", 3.0)]
    [TestCase("-10", -1.0)]
    [TestCase("10", 4.0)]
    [TestCase("0.5", 1.25)]
    public void When_TableInputAwayFromCorners_Expect_LinearInterpolationHeldAtEnds(string input, double expected)
    {
        ResultTable op = Op($"Vin u 0 {input}\nE1 e 0 TABLE {{v(u)}} = (-1, -1) (1, 2) (3, 4)");

        Tolerance.AssertClose(op.Column("v(e)")[0], expected, 1e-12, 1e-15, "v(e)");
    }

    [TestCase(1.0, 2.0 - (0.5 * 0.2 / 4))]
    [TestCase(0.95, 2.0 - (1.5 * 0.05) - (0.5 * 0.15 * 0.15 / (4 * 0.2)))]
    public void When_TableInputNearCorner_Expect_ParabolicRoundingOverTenPercentOfShorterSegment(double input, double expected)
    {
        // Corner at x = 1 between slopes 1.5 and 1 (Δs = −0.5), shorter segment 2: d = 0.2, offset Δs·(u − 1 + d)²/(4d).
        ResultTable op = Op($"Vin u 0 {input}\nE1 e 0 TABLE {{v(u)}} = (-1, -1) (1, 2) (3, 4)");

        Tolerance.AssertClose(op.Column("v(e)")[0], expected, 1e-12, 1e-15, "v(e)");
    }

    [TestCase("E1 e 0 POLY(0) a 0 1", "POLY dimension '0' must be a whole number from 1 to 16")]
    [TestCase("E1 e 0 POLY(2) a 0 b", "missing control node nc- of control 2 of POLY(2)")]
    [TestCase("E1 e 0 POLY(1) a 0", "missing POLY coefficients")]
    [TestCase("F1 e 0 POLY(2) Va Vnone 1 2", "unknown controlling voltage source 'Vnone'")]
    [TestCase("E1 e 0 TABLE {v(a)} = (1, 0) (0, 1)", "TABLE x value 0 is not after the previous 1")]
    [TestCase("E1 e 0 TABLE {v(a)} = (1, 0) 2", "expected a TABLE point (x, y), found '2'")]
    [TestCase("E1 e 0 TABLE {v(a)*k} = (0, 0)", "unknown parameter 'k'")]
    public void When_FormWrong_Expect_NamedError(string line, string message)
    {
        var ex = Assert.Throws<NetlistException>(() => Op(line));

        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.Message, Does.Match(@"^<text>:\d+:\d+: "), "names file, line and column");
    }
}
