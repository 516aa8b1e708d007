using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Tests.Elements;

public class BehavioralSourceTests
{
    private static readonly string[] Expressions =
    [
        "2*v(a) - 3*v(a,b)^2 + v(c)/v(b)",
        "1m*sinh(v(a,b)/0.25) + cosh(v(c)) - tanh(3*v(a))",
        "exp(v(a)) * ln(v(b)) + log(v(c)) + log10(v(b)) + sqrt(v(c))",
        "abs(v(a)-v(b)) + min(v(a), v(c)) * max(v(b), 2*v(c)) + uramp(v(a))",
        "pow(v(a), 3) + pwr(-v(b), 2.5) + v(c)^v(b) - -v(a)",
        "sin(v(a))*cos(v(b)) + atan(v(c)) + asin(v(c)/4) + acos(v(c)/4) + tan(v(a)/4)",
        "k*v(a)*time + pi*u(v(b) - 0.5) + sgn(v(a))",
        "v(a) > v(b) ? v(a)*v(c) : v(b)^2 + limit(v(c), 0, 0.3) + floor(v(a)) + nint(v(b)) + (v(a) < 1 && v(c) != 0)",
        "v(a) < v(b) ? limit(v(a), 0.5, 1)*v(b) + 1/v(c) : 0",
        "limit(v(b), 0, 1)*v(a) + limit(-v(c), v(a), 2) + min(v(a), v(b), v(c)) + max(v(a), v(b), v(c)) - !(v(a) >= v(b) || v(c) == 0)",
    ];

    private static double? Parameter(string name) => name.Equals("k", StringComparison.OrdinalIgnoreCase) ? 2.5 : null;

    [TestCaseSource(nameof(Expressions))]
    public void When_Expression_Is_Differentiated_Expect_Gradient_Equals_Finite_Differences(string text)
    {
        BehavioralFunction f = BehavioralFunction.Compile(BehavioralExpression.Parse(text), Parameter);
        double[] at = f.Variables.Select(v => v.Name switch { "a" => 0.7, "b" => 1.3, _ => 0.4 }).ToArray();
        var gradient = new double[at.Length];
        f.Evaluate(at, 1e-3, gradient);
        var scratch = new double[at.Length];
        for (int k = 0; k < at.Length; k++)
        {
            double h = 1e-6;
            double[] plus = at.ToArray();
            double[] minus = at.ToArray();
            plus[k] += h;
            minus[k] -= h;
            double fd = (f.Evaluate(plus, 1e-3, scratch) - f.Evaluate(minus, 1e-3, scratch)) / (2 * h);
            Tolerance.AssertClose(gradient[k], fd, 1e-6, 1e-8, $"d/d{f.Variables[k].Name} of {text}");
        }
    }

    [Test]
    public void When_Expression_Is_Evaluated_Expect_Ngspice_Semantics()
    {
        // Values measured with ngspice 39.3: (-2)^3 = 8 and pow(-2,3) = 8 (|x|^y), pwr(-2,3) = -8.
        double Eval(string text) => BehavioralFunction.Compile(BehavioralExpression.Parse(text), _ => null).Evaluate([-2.0], 0, new double[1]);
        Assert.Multiple(() =>
        {
            Assert.That(Eval("v(x)^3"), Is.EqualTo(8));
            Assert.That(Eval("pow(v(x),3)"), Is.EqualTo(8));
            Assert.That(Eval("pwr(v(x),3)"), Is.EqualTo(-8));
            Assert.That(Eval("-v(x)^2"), Is.EqualTo(-4));
            Assert.That(Eval("sgn(v(x))+uramp(-v(x))"), Is.EqualTo(1));
            Assert.That(Eval("1k*1u + 2meg/1e6 + v(x)"), Is.EqualTo(1e-3).Within(1e-15));

            // ngspice 39.3 .dc sweeps of B1 a 0 V=f(v(x)): u(0) = 0.5, nint(-2.5) = -2, floor(-1.5) = -2, ceil(-1.5) = -1,
            // v(x) > 0.5 ? 10 : -10 at -2 is -10, v(x)^3^2 at 2 is 64, nested ternary.
            Assert.That(Eval("u(v(x)+2)"), Is.EqualTo(0.5));
            Assert.That(Eval("nint(v(x)-0.5)"), Is.EqualTo(-2));
            Assert.That(Eval("floor(v(x)+0.5) + 10*ceil(v(x)+0.5)"), Is.EqualTo(-12));
            Assert.That(Eval("v(x) > 0.5 ? 10 : -10"), Is.EqualTo(-10));
            Assert.That(Eval("(-v(x))^3^2"), Is.EqualTo(64));
            Assert.That(Eval("v(x) > 0 ? v(x) > 2 ? 3 : 2 : 1"), Is.EqualTo(1));
            Assert.That(Eval("1/(v(x)+2)"), Is.EqualTo(1e32).Within(1e-12).Percent);
        });
    }

    [Test]
    public void When_Division_Passes_A_Pole_Expect_Finite_Value_Zero_Gradient_And_Pole_Flag()
    {
        // ngspice divides by b + gmin·1e-20 (1e-32): 1/v(a) at v(a) = 0 is 1e32.
        BehavioralFunction f = BehavioralFunction.Compile(BehavioralExpression.Parse("2/v(a) + ln(v(b))"), _ => null);
        var gradient = new double[2];
        double value = f.Evaluate([0.0, 1.0], 0, gradient);
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(2e32).Within(1e-12).Percent);
            Assert.That(gradient, Is.EqualTo(new[] { 0.0, 1.0 }));
            Assert.That(f.HitPole, Is.True);
        });
        value = f.Evaluate([2.0, 0.0], 0, gradient);
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(1 - BehavioralFunction.PoleValue));
            Assert.That(gradient[0], Is.EqualTo(-0.5));
            Assert.That(f.HitPole, Is.True);
        });
        f.Evaluate([2.0, 1.0], 0, gradient);
        Assert.That(f.HitPole, Is.False);
    }

    [Test]
    public void When_BSource_Jacobian_Is_Loaded_Expect_Finite_Differences()
    {
        Netlist netlist = NetlistReader.ReadText("""
            jacobian
            .param v0=0.25
            V1 in 0 0.3
            B1 a 0 V={2*sinh(v(in)/v0) + min(v(in),0.1)^2 - 1e3*i(v1)}
            R1 a b 1k
            B2 b c I=2m*tanh(v(a,b)*3)+u(v(in)-0.1)*1u + 1u*v(b)*v(c)
            R2 c 0 1k
            B3 c 0 I={1e-5*exp(v(c)/0.5) - 1e-5}
            .op
            .end
            """);
        var random = new Random(3);
        double worst = JacobianCheck.WorstMismatch(netlist, (_, _) => (random.NextDouble() * 0.8) - 0.2);
        Assert.That(worst, Is.LessThan(1e-5), JacobianCheck.Worst);
    }

    [Test]
    public void When_Voltage_And_Current_Forms_Are_Solved_Expect_Analytic_Values()
    {
        Netlist netlist = NetlistReader.ReadText("""
            analytic
            .param gain=3
            V1 in 0 0.2
            B1 out 0 V = gain*v(in) + 0.1
            Rl out 0 1k
            B2 0 sq I={v(in)^2 * 1m}
            R2 sq 0 1k
            * a sinh conductor to ground fed by a resistor: solved with Newton
            R3 out m 10k
            B3 m 0 I={1u*sinh(v(m)/0.1)}
            .op
            .end
            """);
        ResultTable op = CircuitSimulator.Run(netlist).Find("op")!;
        double vout = op.Column("v(out)")[0];
        double vm = op.Column("v(m)")[0];
        Tolerance.AssertClose(vout, 0.7, 1e-12, 1e-15, "v(out)");
        Tolerance.AssertClose(op.Column("v(sq)")[0], 0.04e-3 * 1e3, 1e-12, 1e-15, "v(sq)");
        Tolerance.AssertClose((vout - vm) / 10e3, 1e-6 * Math.Sinh(vm / 0.1), 1e-9, 1e-15, "KCL at m");
        Tolerance.AssertClose(op.Column("i(b1)")[0], -(0.7 / 1e3) - ((vout - vm) / 10e3), 1e-9, 1e-15, "i(b1)");
    }

    [Test]
    public void When_Time_Is_Used_Expect_Transient_Follows_Expression()
    {
        Netlist netlist = NetlistReader.ReadText("""
            ramp
            B1 out 0 V={sin(2*pi*1k*time)}
            R1 out 0 1k
            .tran 10u 1m
            .end
            """);
        ResultTable tran = CircuitSimulator.Run(netlist).Find("tran")!;
        double[] t = tran.Column("time");
        double[] v = tran.Column("v(out)");
        for (int i = 0; i < t.Length; i++)
        {
            Tolerance.AssertClose(v[i], Math.Sin(2 * Math.PI * 1e3 * t[i]), 0, 1e-12, $"v(out) at {t[i]}");
        }
    }

    [Test]
    public void When_BSource_Is_Written_And_Read_Back_Expect_Same_Expression()
    {
        Netlist netlist = NetlistReader.ReadText("""
            roundtrip
            B1 a 0 V=2*v(in) + 1k*v(a,b)
            B2 b 0 I={tanh(v(a)) * pwr(v(b), 2)}
            .end
            """);
        string text = NetlistWriter.Write(netlist);
        Netlist again = NetlistReader.ReadText(text);
        Assert.That(again.Elements.Select(e => e.Behavior), Is.EqualTo(netlist.Elements.Select(e => e.Behavior)));
        Assert.That(text, Does.Contain("B2 b 0 i={tanh(v(a)) * pwr(v(b), 2)}"));
    }

    [Test]
    public void When_BSource_Is_In_A_Subcircuit_Expect_Nodes_Sources_And_Parameters_Mapped()
    {
        Netlist netlist = NetlistReader.ReadText("""
            subckt
            .subckt amp in out params: g=2
            Vs in mid 0
            B1 out 0 V={g*v(mid) + 1e2*i(vs)}
            R1 mid 0 1k
            .ends
            V1 a 0 0.5
            X1 a y amp g=4
            R2 y 0 1k
            .op
            .end
            """);
        Netlist flat = SubcircuitFlattener.Flatten(netlist);
        ElementCard b = flat.Elements.Single(e => e.Kind == 'B');
        Assert.That(b.Behavior!.Expression, Is.EqualTo("4*v(x1.mid)+100*i(V.X1.vs)"));
        ResultTable op = CircuitSimulator.Run(netlist).Find("op")!;
        Tolerance.AssertClose(op.Column("v(y)")[0], (4 * 0.5) + (100 * 0.5e-3), 1e-12, 1e-15, "v(y)");
    }

    [TestCase("B1 a 0 V={2*v(a) + q}", "unknown parameter 'q'")]
    [TestCase("B1 a 0 V={foo(v(a))}", "unknown function 'foo'")]
    [TestCase("B1 a 0 X={v(a)}", "expected V={expr} or I={expr}")]
    [TestCase("B1 a 0 V={v(a}", "expected ')'")]
    public void When_BSource_Is_Malformed_Expect_Located_Error(string line, string message)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"bad\n{line}\n.end\n"));
        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.Message, Does.Contain(":2:"));
    }
}
