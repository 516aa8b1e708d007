using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistReaderErrorTests
{
    private static IEnumerable<TestCaseData> Errors()
    {
        TestCaseData Case(string name, string cards, int line, int column, string fragment) =>
            new TestCaseData("title\n" + cards, line, column, fragment).SetArgDisplayNames(name);

        yield return Case("unknown element letter", "Q1 c b e qmod", 2, 1, "unknown element type 'Q'");
        yield return Case("missing node", "R1 a", 2, 5, "missing node(s): expected 2 nodes");
        yield return Case("missing control nodes", "E1 a b c", 2, 9, "missing node(s): expected 4 nodes");
        yield return Case("missing mos node", ".model n nmos\nM1 d g s", 3, 9, "expected 4 nodes (drain gate source bulk)");
        yield return Case("missing value", "R1 a b", 2, 7, "missing value");
        yield return Case("missing gain", "E1 a b c d", 2, 11, "missing value");
        yield return Case("missing diode model", "D1 a b", 2, 7, "missing model name");
        yield return Case("unknown model", "D1 a 0 dx\nR1 a 0 1", 2, 8, "unknown model 'dx'");
        yield return Case("unknown model in subckt", ".subckt s a\nD1 a 0 dz\n.ends\nX1 n s", 3, 8, "unknown model 'dz' for D1 in subcircuit 's'");
        yield return Case("model of wrong type", ".model nm nmos\nD1 a 0 nm", 3, 8, "is of type nmos but D1 needs a d (diode) model");
        yield return Case("mos with diode model", ".model dm d\nM1 d g 0 0 dm", 3, 12, "needs an nmos or pmos model");
        yield return Case("unknown subcircuit", "X1 a b foo", 2, 8, "unknown subcircuit 'foo'");
        yield return Case("wrong port count", ".subckt foo a b\nR1 a b 1\n.ends\nX1 a foo", 5, 6, "connects 1 node(s) but subcircuit 'foo' has 2 port(s)");
        yield return Case("unknown instance parameter", ".subckt foo a\nR1 a 0 1\n.ends\nX1 a foo q=1", 5, 6, "has no parameter 'q'");
        yield return Case("unknown resistor parameter", "R1 a b 1k dtemp=5", 2, 11, "R1: unknown instance parameter 'dtemp' (this element takes only tc1 tc2 tc m ac)");
        yield return Case("unknown mosfet parameter", ".model n nmos\nM1 d g 0 0 n w=1u temp=40", 3, 19, "M1: unknown instance parameter 'temp'");
        yield return Case("parameter on a gain", "E1 a 0 b 0 2 m=2", 2, 14, "E1: unknown instance parameter 'm' (this element takes no name=value parameters)");
        yield return Case("bad number", "R1 a b 1x2", 2, 8, "bad number '1x2'");
        yield return Case("bad number on continuation", "R1 a b\n+ 1x2", 3, 3, "bad number '1x2'");
        yield return Case("unknown parameter in expression", "R1 a b {2*foo}", 2, 11, "unknown parameter 'foo'");
        yield return Case("unterminated brace", "R1 a b {2*3", 2, 8, "unterminated '{'");
        yield return Case("unterminated subckt", ".subckt foo a\nR1 a 0 1", 2, 1, "unterminated .subckt 'foo'");
        yield return Case("ends without subckt", "R1 a 0 1\n.ends", 3, 1, ".ends without a matching .subckt");
        yield return Case("ends name mismatch", ".subckt foo a\n.ends bar", 3, 7, "does not match .subckt 'foo'");
        yield return Case("self recursive subckt", ".subckt a p\nR1 p 0 1\nX1 p a\n.ends\nX1 n a", 4, 6, "recursive subcircuit instantiation: a -> a");
        yield return Case("duplicate element", "R1 a 0 1\nr1 b 0 1", 3, 1, "duplicate element name 'r1'");
        yield return Case("duplicate element in subckt", ".subckt s a\nR1 a 0 1\nR1 a 0 2\n.ends", 4, 1, "duplicate element name 'R1' in subcircuit 's'");
        yield return Case("duplicate model", ".model d1 d\n.model D1 d", 3, 8, "duplicate model 'D1'");
        yield return Case("F with unknown source", "R1 a 0 1\nF1 a 0 Vx 2", 3, 8, "unknown controlling voltage source 'Vx'");
        yield return Case("H naming a resistor", "R1 a 0 1\nH1 a 0 R1 2", 3, 8, "unknown controlling voltage source 'R1'");
        yield return Case("unsupported dot command", ".four 1k v(out)", 2, 1, "unsupported dot-command '.four'");
        yield return Case("unsupported model type", ".model q1 npn", 2, 11, "unsupported model type 'npn'");
        yield return Case("continuation without card", "+ R1 a 0 1", 2, 1, "continuation line");
        yield return Case("pwl not increasing", "V1 a 0 pwl(0 0 2u 1 1u 0)", 2, 21, "times must increase");
        yield return Case("pwl odd count", "V1 a 0 pwl(0 0 1u)", 2, 16, "pairs of values");
        yield return Case("pulse too many", "V1 a 0 pulse(0 1 2 3 4 5 6 7)", 2, 28, "PULSE takes 2 to 7 values");
        yield return Case("unclosed waveform", "V1 a 0 sin(0 1 1k", 2, 18, "missing ')'");
        yield return Case("unsupported waveform", "V1 a 0 trrandom(1 1)", 2, 8, "waveform 'trrandom' is not supported");
        yield return Case("poly source", "E1 a 0 b 0 poly(1) b 0 1", 2, 12, "controlled sources are not supported");
        yield return Case("dc unknown source", "R1 a 0 1\n.dc Vx 0 1 0.1", 3, 5, ".dc: unknown source 'Vx'");
        yield return Case("dc wrong count", "V1 a 0 1\n.dc V1 0 1", 3, 11, ".dc: expected");
        yield return Case("tran missing stop", ".tran 1n", 2, 9, ".tran: expected");
        yield return Case("ac bad kind", ".ac log 10 1 1k", 2, 5, "expected dec, oct or lin");
        yield return Case("ac fractional points", ".ac dec 2.5 1 1k", 2, 9, "positive integer");
        yield return Case("bad method", ".options method=euler", 2, 17, "unsupported method");
        yield return Case("option without value", ".options reltol", 2, 16, "reltol needs a value");
        yield return Case("ic malformed", ".ic out=1", 2, 5, "expected v(node)=value");
        yield return Case("print without type", ".print v(out)", 2, 8, "expected an analysis type");
        yield return Case("unsupported output", ".save vdb(out)", 2, 7, "unsupported output 'vdb(...)'");
        yield return Case("tran inside subckt", ".subckt s a\n.tran 1n 1u\n.ends", 3, 1, "not allowed inside .subckt 's'");
        yield return Case("param without equals", ".param a 1", 2, 10, "expected '=' after parameter name 'a'");
        yield return Case("param bad name", ".param 1a=2", 2, 8, "expected a parameter name");
        yield return Case("division by zero", ".param z=0\nR1 a 0 {1/z}", 3, 10, "division by zero");
        yield return Case("stray brace", "R1 a 0 1}", 2, 9, "'}' without a matching '{'");
        yield return Case("ground as port", ".subckt s gnd a\n.ends", 2, 11, "cannot be a port");
        yield return Case("expression as node", "R1 {a} b 1", 2, 4, "expected node 'n+'");
    }

    [TestCaseSource(nameof(Errors))]
    public void When_DeckInvalid_Expect_NetlistExceptionAtLineAndColumn(string deck, int line, int column, string fragment)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(deck, "deck.cir"))!;

        Assert.That(ex.Detail, Does.Contain(fragment));
        Assert.That(ex.Location, Is.EqualTo(new SourceLocation("deck.cir", line, column)), ex.Message);
        Assert.That(ex.Message, Does.StartWith($"deck.cir:{line}:{column}: "));
    }

    [Test]
    public void When_SubcircuitsInstantiateEachOther_Expect_RecursionErrorNamingBoth()
    {
        const string deck = "t\n.subckt a p\nXb p b\n.ends\n.subckt b p\nXa p a\n.ends\nX1 n a";

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(deck))!;

        Assert.That(ex.Detail, Does.Contain("recursive subcircuit instantiation").And.Contain("a -> b").Or.Contain("b -> a"));
        Assert.That(ex.Location.Line, Is.EqualTo(3).Or.EqualTo(6));
        Assert.That(ex.Location.Column, Is.EqualTo(6));
    }

    [Test]
    public void When_FileDoesNotExist_Expect_NetlistExceptionNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "missing.cir");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(path))!;

        Assert.That(ex.Message, Does.Contain("missing.cir").And.Contain("cannot read netlist file"));
        Assert.That(ex.Location.File, Is.EqualTo(path));
    }

    [Test]
    public void When_FileNameIsEmpty_Expect_NetlistException() =>
        Assert.That(() => NetlistReader.ReadFile(""), Throws.TypeOf<NetlistException>().With.Message.Contain("cannot read netlist file"));

    [TestCase(new byte[0], TestName = "When_DeckFileEmpty_Expect_NoCircuitError")]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, TestName = "When_DeckFileAllNul_Expect_NoCircuitError")]
    [TestCase(new byte[] { 0xFF, 0xC3, 0x28, 0xFE, 0xC3 }, TestName = "When_DeckFileInvalidUtf8_Expect_NoCircuitError")]
    public void When_DeckFileHasNoElementCard_Expect_NoCircuitError(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);

            var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(path))!;

            Assert.That(ex.Message, Is.EqualTo($"{path}: no circuit (no element cards)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void When_DeckFileIsDevZero_Expect_NetlistExceptionNamingIt()
    {
        Assume.That(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux /dev/zero");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile("/dev/zero"))!;

        Assert.That(ex.Message, Is.EqualTo("/dev/zero: cannot read netlist file '/dev/zero': not a regular file (a character device): a deck or .include file must be a regular file"));
    }
}
