using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Ngspice;

namespace Crossbar.Circuit.Tests.Elements;

/// <summary>Meyer gate capacitances in the AC analysis, against ngspice 39 run on the same deck.</summary>
public class MeyerAcTests
{
    private const string Deck = """
        meyer ac
        vdd vdd 0 3.3
        vin src 0 dc 1.2 ac 1
        rg src g 100k
        rd vdd d 20k
        m1 d g 0 0 nch w=20u l=2u
        vin2 src2 0 dc 0.2 ac 1
        rg2 src2 g2 100k
        m2 d2 g2 0 0 nch w=20u l=2u
        rd2 vdd d2 20k
        .model nch nmos(level=1 vto=0.6 kp=100u gamma=0.5 phi=0.7 lambda=0.05 tox=15n cgso=0.1n cgdo=0.1n)
        .ac dec 5 1meg 10g
        .end
        """;

    [TestCase("vm(g)")]
    [TestCase("vp(g)")]
    [TestCase("vm(d)")]
    [TestCase("vm(g2)")]
    public void When_GateDrivenThroughResistor_Expect_NgspiceResponse(string vector)
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        RawPlot reference = runner!.Run(NgspiceRunner.WithTightTolerances(Deck)).Plots.Single(p => p.Analysis == "ac");
        ResultTable ac = CircuitSimulator.Run(NetlistReader.ReadText(Deck)).Find("ac")!;
        double[] ours = ac.Column(vector);
        string node = vector[3..^1];
        int index = reference.Variables.ToList().FindIndex(v => v.Name.Equals($"v({node})", StringComparison.OrdinalIgnoreCase));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"ngspice has v({node})");
        for (int k = 0; k < ours.Length; k++)
        {
            var value = new System.Numerics.Complex(reference.Real[k][index], reference.Imaginary![k][index]);
            double expected = vector.StartsWith("vm", StringComparison.Ordinal) ? value.Magnitude : value.Phase * 180 / Math.PI;
            Tolerance.AssertClose(ours[k], expected, 1e-6, 1e-9, $"{vector} at point {k}");
        }
    }
}
