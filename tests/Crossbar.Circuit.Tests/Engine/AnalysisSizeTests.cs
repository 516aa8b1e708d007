using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>Analyses too large to finish, or with times that underflow, fail at their card before any analysis starts.</summary>
[TestFixture]
public class AnalysisSizeTests
{
    private static NetlistException Rejected(string deck)
        => Assert.Throws<NetlistException>(() => CircuitSimulator.Run(NetlistReader.ReadText(deck, "deck.cir")))!;

    [Test]
    public void When_DcStopOverflowsTheSweepCount_Expect_TooManyPointsAtTheCard()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.op\n.dc V1 0 1e30 1\n");

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 5, 1)));
        Assert.That(ex.Detail, Does.StartWith(".dc V1: 1E+30 points is too many (more than maxpoints = 1E+07)"));
        Assert.That(ex.Detail, Does.Contain(".options maxpoints=<n>"));
    }

    [Test]
    public void When_NestedDcSweepsMultiplyPastMaxPoints_Expect_ProductInTheError()
    {
        var ex = Rejected("t\nV1 a 0 1\nV2 b 0 1\nR1 a b 1k\n.dc V1 0 1 1e-4 V2 0 1 1e-3\n");

        Assert.That(ex.Location.Line, Is.EqualTo(5));
        Assert.That(ex.Detail, Does.StartWith(".dc V1 × V2: 1E+04 × 1001 = 1.001E+07 points is too many"));
    }

    [Test]
    public void When_MaxPointsOptionRaised_Expect_NestedSweepRuns()
    {
        var results = CircuitSimulator.Run(NetlistReader.ReadText("t\nV1 a 0 1\nV2 b 0 1\nR1 a b 1k\n.options maxpoints=25\n.dc V1 0 1 0.25 V2 0 1 0.25\n"));

        Assert.That(results.Find("dc")!.Rows, Has.Count.EqualTo(25));
    }

    [Test]
    public void When_MaxPointsOptionBelowTheSweep_Expect_TooManyPoints()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.options maxpoints=10\n.dc V1 0 1 0.1\n");

        Assert.That(ex.Detail, Does.StartWith(".dc V1: 11 points is too many (more than maxpoints = 10)"));
    }

    [Test]
    public void When_AcLinearGridPastMaxPoints_Expect_ErrorAtTheCard()
    {
        var ex = Rejected("t\nV1 a 0 ac 1\nR1 a 0 1k\n.ac lin 100000000 1 1k\n");

        Assert.That(ex.Location.Line, Is.EqualTo(4));
        Assert.That(ex.Detail, Does.StartWith(".ac: 1E+08 frequency points is too many"));
    }

    [Test]
    public void When_TranStepTinyAgainstStop_Expect_PointEstimateInTheError()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.tran 1e-10 1\n");

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 4, 1)));
        Assert.That(ex.Detail, Does.StartWith(".tran: about 1E+10 time points (tstop/tmax = 1 s / 1E-10 s) is too many"));
    }

    [Test]
    public void When_TranTmaxTiny_Expect_PointEstimateInTheError()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.tran 1m 1 0 1e-9\n");

        Assert.That(ex.Detail, Does.StartWith(".tran: about 1E+09 time points"));
    }

    [Test]
    public void When_TranStepUnderflowsAgainstStop_Expect_UnderflowError()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.options maxpoints=1e40\n.tran 1e-30 1\n");

        Assert.That(ex.Location.Line, Is.EqualTo(5));
        Assert.That(ex.Detail, Is.EqualTo(".tran: tstep 1E-30 s is below 1E-12 × tstop = 1E-12 s: the time steps would underflow"));
    }

    [Test]
    public void When_TranStopSubnormal_Expect_UnderflowErrorNamingTstop()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.tran 2u 1e-320\n");

        Assert.That(ex.Location.Line, Is.EqualTo(4));
        Assert.That(ex.Detail, Does.StartWith(".tran: tstop 1E-320 s is below 1E-250 s"));
    }

    [Test]
    public void When_TooLargeTranFollowsOp_Expect_ErrorAtTheTranCard()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.op\n.tran 1n 1\n");

        Assert.That(ex.Location.Line, Is.EqualTo(5));
    }

    [Test]
    public void When_PulsePeriodTinyAgainstStop_Expect_BreakpointCountAtTheSource()
    {
        var ex = Rejected("t\nV1 a 0 PULSE(0 1 0 1e-18 1e-18 1e-18 1e-16)\nR1 a 0 1k\n.tran 1u 1m\n");

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 2, 1)));
        Assert.That(ex.Detail, Does.StartWith("V1: its waveform puts about 4E+13 breakpoints (time points) in the .tran at deck.cir:4:1, too many"));
    }

    [Test]
    public void When_TrnoiseStepTinyAgainstStop_Expect_BreakpointCountAtTheSource()
    {
        var ex = Rejected("t\nV1 a 0 0 TRNOISE(1m 1e-15)\nR1 a 0 1k\n.tran 1u 1m\n");

        Assert.That(ex.Detail, Does.StartWith("V1: its waveform puts about 1E+12 breakpoints"));
    }

    [Test]
    public void When_TranStepTinyWithDefaultMaxPoints_Expect_EstimateBeforeUnderflow()
    {
        var ex = Rejected("t\nV1 a 0 1\nR1 a 0 1k\n.tran 1e-30 1\n");

        Assert.That(ex.Detail, Does.StartWith(".tran: about 1E+30 time points (tstop/tmax = 1 s / 1E-30 s) is too many (more than maxpoints = 1E+07)"));
    }
}
