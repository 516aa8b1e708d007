using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>Behavioural sources whose expression is out of its domain at some Newton iterate, and how failures are named.</summary>
[TestFixture]
public class BehavioralRobustnessTests
{
    [Test]
    public void When_ReciprocalStartsAtItsPole_Expect_OperatingPointAndSweepConverge()
    {
        // v(a) is 0 at the first iterate: 1/v(a) is ngspice's guarded 1e32 there, and Newton goes on.
        var netlist = NetlistReader.ReadText("""
            reciprocal
            V1 a 0 1
            R1 a 0 1k
            B1 b 0 V={1/v(a)}
            R2 b 0 1k
            B2 c 0 I={1m*v(b) + 1u/v(a)}
            R3 c 0 1k
            .op
            .dc V1 0.5 2 0.5
            .end
            """);

        var results = CircuitSimulator.Run(netlist);
        var op = results.Find("op")!;
        Tolerance.AssertClose(op.Column("v(b)")[0], 1.0, 1e-9, 0, "v(b) at .op");
        Tolerance.AssertClose(op.Column("v(c)")[0], -(1e-3 + 1e-6) * 1e3, 1e-9, 0, "v(c) at .op");
        var dc = results.Find("dc")!;
        double[] a = dc.Column("v(a)");
        double[] b = dc.Column("v(b)");
        Assert.That(a, Has.Length.EqualTo(4));
        for (int k = 0; k < a.Length; k++)
        {
            Tolerance.AssertClose(b[k], 1 / a[k], 1e-9, 0, $"v(b) at v(a) = {a[k]}");
        }
    }

    [Test]
    public void When_OperatingPointOutOfDomain_Expect_ErrorNamingOpSourceAndValues()
    {
        var netlist = NetlistReader.ReadText("""
            domain
            V1 a 0 -1
            R1 a 0 1k
            B1 b 0 V={sqrt(v(a))}
            R2 b 0 1k
            .op
            .end
            """);

        var ex = Assert.Throws<SimulationException>(() => CircuitSimulator.Run(netlist))!;

        Assert.That(ex.Message, Does.StartWith(".op: operating point did not converge"));
        Assert.That(ex.Message, Does.Contain("B1: expression gives NaN at v(a) = -1"));
        Assert.That(ex.Message, Does.Not.Contain("at time"));
    }

    [Test]
    public void When_SweepLeavesDomain_Expect_ErrorNamingTheSweepValue()
    {
        var netlist = NetlistReader.ReadText("""
            domain sweep
            V1 a 0 1
            R1 a 0 1k
            B1 b 0 V={ln(v(a))}
            R2 b 0 1k
            .dc V1 1 -0.9 -0.3
            .end
            """);

        var ex = Assert.Throws<SimulationException>(() => CircuitSimulator.Run(netlist))!;

        Assert.That(ex.Message, Does.StartWith("DC sweep at V1 = -0.2: "));
        Assert.That(ex.Message, Does.Contain("B1: expression gives NaN at v(a) = -0.2"));
    }

    [Test]
    public void When_TransientLeavesDomain_Expect_ErrorNamingTheTime()
    {
        var netlist = NetlistReader.ReadText("""
            domain tran
            V1 a 0 pwl(0 1 1m -1)
            R1 a 0 1k
            B1 b 0 V={sqrt(v(a))}
            R2 b 0 1k
            .tran 10u 1m
            .end
            """);

        var ex = Assert.Throws<SimulationException>(() => CircuitSimulator.Run(netlist))!;

        Assert.That(ex.Message, Does.StartWith("timestep too small at time 0.0005"));
        Assert.That(ex.Message, Does.Contain("B1: expression gives NaN"));
    }

    [Test]
    public void When_TransientStartsOutOfDomain_Expect_ErrorNamingTheInitialPoint()
    {
        var netlist = NetlistReader.ReadText("""
            domain tran start
            V1 a 0 -1
            R1 a 0 1k
            B1 b 0 V={log10(v(a))}
            R2 b 0 1k
            .tran 10u 1m
            .end
            """);

        var ex = Assert.Throws<SimulationException>(() => CircuitSimulator.Run(netlist))!;

        Assert.That(ex.Message, Does.StartWith(".tran initial operating point (time 0): operating point did not converge"));
    }
}
