using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Elements;
using Crossbar.Circuit.Tests.Ngspice;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Tests.Builders;

public class VteamProgrammingTests
{
    private static readonly VteamParameters Parameters = new();

    [TestCase(VteamWindow.Biolek, VteamConductanceMap.LinearConductance)]
    [TestCase(VteamWindow.Joglekar, VteamConductanceMap.LinearResistance)]
    [TestCase(VteamWindow.Kvatinsky, VteamConductanceMap.Exponential)]
    public void When_Vteam_Cell_Jacobian_Is_Loaded_Expect_Finite_Differences(VteamWindow window, VteamConductanceMap map)
    {
        var p = Parameters with { Window = window, ConductanceMap = map, OffWindowPosition = 2.7e-9, OnWindowPosition = 0.3e-9, WindowWidth = 0.3e-9 };
        foreach (double vin in new[] { -1.2, 1.3 })
        {
            Netlist netlist = ProgrammingCircuitBuilder.Build(p, 1.5e-9, -1, 100e-9, 10e-9, 1e3);
            double worst = JacobianCheck.WorstMismatch(netlist, (name, _) => name switch
            {
                "in" => vin,
                "cell" => 0.9 * vin,
                "m1_x" => 0.4,
                _ => 0.5,
            });
            Assert.That(worst, Is.LessThan(1e-5), JacobianCheck.Worst);
        }
    }

    [TestCase(-1.0, 0.9)]
    [TestCase(1.0, 0.2)]
    public void When_Pulse_Is_Applied_Expect_State_And_Conductance_As_Euler_Integration_Of_Vteam(double pulse, double x0)
    {
        var model = new VteamModel(Parameters);
        double w0 = VteamNetlist.State(Parameters, x0);
        const double width = 300e-9;
        const double edge = 10e-9;
        const double r = 1e3;
        Netlist netlist = ProgrammingCircuitBuilder.Build(Parameters, w0, pulse, width, edge, r);
        ResultTable tran = CircuitSimulator.Run(netlist).Find("tran")!;
        double[] t = tran.Column("time");
        double[] x = tran.Column($"v({ProgrammingCircuitBuilder.StateNode})");

        // Independent reference: forward Euler on dw/dt with the divider solved at each step.
        double stop = t[^1];
        double w = w0;
        const int steps = 200_000;
        double h = stop / steps;
        for (int k = 0; k < steps; k++)
        {
            double time = k * h;
            double source = Pulse(time, pulse, edge, width);
            double v = source / (1 + (r * model.StateConductance(w)));
            w += h * model.Evaluate(v, w).StateRate;
        }

        double wSim = VteamNetlist.State(Parameters, x[^1]);
        TestContext.Out.WriteLine($"pulse {pulse} V: w {w0:G4} -> simulated {wSim:G6} m, Euler {w:G6} m; G {model.StateConductance(w0):G4} -> {model.StateConductance(wSim):G6} / {model.StateConductance(w):G6} S");
        Assert.That(Math.Abs(wSim - w0), Is.GreaterThan(0.2 * (Parameters.OffStateBound - Parameters.OnStateBound)), "the pulse moves the state");
        Tolerance.AssertClose(wSim, w, 0.01, 1e-12, "final state");
        Tolerance.AssertClose(model.StateConductance(wSim), model.StateConductance(w), 0.01, 1e-9, "final conductance");
    }

    [Test]
    public void When_Programming_Deck_Is_Exported_Expect_Ngspice_Final_State_Within_One_Percent()
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        Netlist netlist = ProgrammingCircuitBuilder.Build(Parameters, VteamNetlist.State(Parameters, 0.9), -1, 300e-9, 10e-9, 1e3);
        double ours = CircuitSimulator.Run(netlist).Find("tran")!.Column("v(m1_x)")[^1];
        RawPlot reference = runner!.Run(NetlistWriter.Write(netlist)).Plots.Single(p => p.Analysis == "tran");
        double theirs = reference.Column("v(m1_x)")[^1];
        TestContext.Out.WriteLine($"final normalised state: CrossbarSim {ours:G6}, ngspice {theirs:G6}");
        Tolerance.AssertClose(ours, theirs, 0.01, 1e-6, "final state x");
    }

    private static double Pulse(double time, double amplitude, double edge, double width)
    {
        double t = time - edge;
        return t <= 0 ? 0
            : t < edge ? amplitude * t / edge
            : t <= edge + width ? amplitude
            : t < (2 * edge) + width ? amplitude * (1 - ((t - edge - width) / edge))
            : 0;
    }
}
