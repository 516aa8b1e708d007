using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary><c>.func</c>: definitions, scope, inlining in .param, {…} and B sources, errors.</summary>
[TestFixture]
public class UserFunctionTests
{
    [Test]
    public void When_FuncUsedInParamValueAndBSource_Expect_InlinedValues()
    {
        var netlist = NetlistReader.ReadText("""
            funcs
            .func sq(x) {x*x}
            .func hyp(a, b) = sqrt(sq(a) + sq(b))
            .param h = {hyp(3, 4)}
            V1 in 0 {sq(2) + h}
            B1 out 0 V={hyp(v(in), 12)}
            R1 out 0 1k
            .op
            .end
            """);

        Assert.That(netlist.Parameters.Single().Value.Value, Is.EqualTo(5.0));
        Assert.That(netlist.Elements[0].Value!.Value.Value, Is.EqualTo(9.0));
        var op = CircuitSimulator.Run(netlist).Find("op")!;
        Tolerance.AssertClose(op.Column("v(out)")[0], 15.0, 1e-12, 0, "hyp(9, 12)");
    }

    [Test]
    public void When_FuncArgumentShadowsParam_Expect_ArgumentWins()
    {
        var netlist = NetlistReader.ReadText("""
            shadow
            .param x = 100 k = 3
            .func f(x) {k*x}
            .param y = {f(2) + x}
            .end
            """);

        Assert.That(netlist.Parameters.Single(p => p.Name == "y").Value.Value, Is.EqualTo(106.0));
    }

    [Test]
    public void When_FuncDefinedInSubckt_Expect_UsedThereAndUnknownOutside()
    {
        const string inside = """
            scoped
            .subckt cell a b params: g=1m
            .func cond(v) {g*v*v}
            B1 a b I={cond(v(a,b))}
            .ends
            X1 in 0 cell g=2m
            V1 in 0 0.5
            .op
            .end
            """;
        var op = CircuitSimulator.Run(SubcircuitFlattener.Flatten(NetlistReader.ReadText(inside))).Find("op")!;
        Tolerance.AssertClose(op.Column("i(v1)")[0], -2e-3 * 0.25, 1e-12, 0, "i(V1)");

        var outside = inside.Replace("V1 in 0 0.5", "V1 in 0 {cond(2)}", StringComparison.Ordinal);
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(outside))!;
        Assert.That(ex.Detail, Does.Contain("unknown function 'cond'"));
        Assert.That(ex.Location.Line, Is.EqualTo(7));
    }

    [Test]
    public void When_FuncCalledWithWrongArgumentCount_Expect_ErrorNamingDefinition()
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText("""
            args
            .func f(a, b) {a+b}
            .param p = {f(1)}
            .end
            """, "deck.cir"))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 3, 13)));
        Assert.That(ex.Detail, Does.Contain(".func f() takes 2 argument(s) (a, b; defined at deck.cir:2:"));
        Assert.That(ex.Detail, Does.Contain("got 1"));
    }

    [TestCase(".func f(x) {f(x) + 1}", "recursive .func 'f': f → f")]
    [TestCase(".func f(x) {g(x)}\n.func g(x) {2*f(x)}", "recursive .func 'f': f → g → f")]
    public void When_FuncRecursive_Expect_ErrorNamingTheChain(string definitions, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"recursion\n{definitions}\n.param p = {{f(1)}}\n.end\n"))!;

        Assert.That(ex.Detail, Does.Contain(fragment));
    }

    [TestCase(".func (x) {x}", "expected 'name(arg, ...) {expression}'")]
    [TestCase(".func f x", "expected '(' and the argument names")]
    [TestCase(".func f(x, x) {x}", "argument 'x' is named twice")]
    [TestCase(".func f(x)", "missing the expression")]
    [TestCase(".func sin(x) {x}", "'sin' is a built-in function")]
    [TestCase(".func f(x {x}", "expected an argument name")]
    public void When_FuncCardMalformed_Expect_NamedError(string card, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText($"bad\n{card}\n.end\n"))!;

        Assert.That(ex.Detail, Does.Contain(fragment));
        Assert.That(ex.Location.Line, Is.EqualTo(2));
    }

    [Test]
    public void When_FuncBodyHasSyntaxError_Expect_ErrorInsideTheBody()
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText("body\n.func f(x) {x +* 2}\n.param p = {f(1)}\n.end\n", "deck.cir"))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", 2, 16)));
        Assert.That(ex.Detail, Does.Contain("unexpected '*'"));
    }

    [Test]
    public void When_DeckWithFuncWritten_Expect_InlinedTextThatReadsBackTheSame()
    {
        var netlist = NetlistReader.ReadText("""
            write
            .func twice(x) {2*x}
            .param p = {twice(3)}
            V1 in 0 1
            B1 out 0 V={twice(v(in)) > 1 ? twice(v(in)) : 0}
            R1 out 0 1k
            .end
            """);
        var text = NetlistWriter.Write(netlist);
        var again = NetlistReader.ReadText(text);

        Assert.That(text, Does.Not.Contain("twice"));
        Assert.That(text, Does.Contain("v={2*v(in)>1 ? 2*v(in) : 0}"));
        Assert.That(NetlistWriter.Write(again), Is.EqualTo(text));
        Assert.That(again.Parameters.Single().Value.Value, Is.EqualTo(6.0));
    }
}
