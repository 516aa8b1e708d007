using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistIncludeTests
{
    private DirectoryInfo _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("crossbar-include-");

    [TearDown]
    public void TearDown() => _directory.Delete(recursive: true);

    private string WriteFile(string relative, string text)
    {
        var path = Path.Combine(_directory.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void When_IncludeRelativeToIncludingFile_Expect_CardsMergedInPlace()
    {
        WriteFile("lib/models.inc", ".model dm d (is=1f)\n.include \"more/parts.inc\"\n");
        WriteFile("lib/more/parts.inc", "R2 b 0 2k\n");
        var main = WriteFile("main.cir", "main deck\nR1 a b 1k\n.include lib/models.inc\nD1 a 0 dm\n.end\n");

        var netlist = NetlistReader.ReadFile(main);

        Assert.That(netlist.Elements.Select(e => e.Name), Is.EqualTo(new[] { "R1", "R2", "D1" }));
        Assert.That(netlist.Models.ContainsKey("dm"), Is.True);
        Assert.That(netlist.Elements[1].Location.File, Is.EqualTo(Path.Combine(_directory.FullName, "lib", "more", "parts.inc")));
        Assert.That(netlist.Elements[1].Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void When_ParameterDefinedInIncludeAfterItsUse_Expect_ValueResolved()
    {
        WriteFile("params.inc", ".subckt cell a b params: r=5\nR1 a b {r}\n.ends\n.param rload=3k\n+ gain={rload/1k}\n");
        var main = WriteFile("main.cir", "main deck\nR1 a 0 {rload*2}\nE1 b 0 a 0 {gain}\n.include params.inc\n.end\n");

        var netlist = NetlistReader.ReadFile(main);

        Assert.That(netlist.Elements[0].Value!.Value.Value, Is.EqualTo(6000.0));
        Assert.That(netlist.Elements[1].Value!.Value.Value, Is.EqualTo(3.0));
        Assert.That(netlist.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "rload", "gain" }));
    }

    [Test]
    public void When_IncludedSubcircuitHasParam_Expect_NotGlobal()
    {
        WriteFile("cell.inc", ".subckt cell a b\n.param r=5\nR1 a b {r}\n.ends\n");
        var main = WriteFile("main.cir", "main deck\n.include cell.inc\nR1 a 0 {r}\n.end\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Location.Line, Is.EqualTo(3));
        Assert.That(ex.Detail, Does.Contain("unknown parameter 'r'"));
    }

    [Test]
    public void When_IncludeLeavesSubcircuitOpenAcrossLongElementRange_Expect_ElementsInItOnTwoThreads()
    {
        WriteFile("open.inc", ".subckt cell a b\nR1 a b 1\n");
        WriteFile("close.inc", ".ends\n");
        var lines = string.Join("\n", Enumerable.Range(0, 400).Select(k => $"R{k}x a n{k} 1k"));
        var text = $"deck\n.include open.inc\n{lines}\n.include close.inc\nX1 p 0 cell\nV1 p 0 1\n.op\n.end\n";
        var main = WriteFile("main.cir", text);

        var two = NetlistReader.ReadText(text, main, 0);
        var one = NetlistReader.ReadText(text, main, int.MaxValue);

        Assert.That(NetlistLexer.TryFindElementRange(text, 0, out _, out _), Is.True);
        Assert.That(two.Subcircuits["cell"].Elements, Has.Count.EqualTo(401));
        Assert.That(two.Elements.Select(e => e.Name), Is.EqualTo(new[] { "X1", "V1" }));
        Assert.That(NetlistWriter.Write(two), Is.EqualTo(NetlistWriter.Write(one)));
    }

    [Test]
    public void When_IncludeHasErrorInside_Expect_LocationInIncludedFile()
    {
        var included = WriteFile("bad.inc", "* comment\nR9 a b 1q2\n");
        var main = WriteFile("main.cir", "t\n.inc bad.inc\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation(included, 2, 8)));
        Assert.That(ex.Detail, Does.Contain("bad number '1q2'"));
    }

    [Test]
    public void When_IncludeIsRecursive_Expect_ErrorNamingTheChain()
    {
        var a = WriteFile("a.cir", "top\n.include b.inc\n");
        var b = WriteFile("b.inc", "R1 x 0 1\n.include c.inc\n");
        var c = WriteFile("c.inc", ".include a.cir\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(a))!;

        Assert.That(ex.Detail, Does.Contain("recursive .include"));
        Assert.That(ex.Detail, Does.Contain($"{a} -> {b} -> {c} -> {a}"));
        Assert.That(ex.Location, Is.EqualTo(new SourceLocation(c, 1, 1)));
    }

    [Test]
    public void When_IncludedFileMissing_Expect_ErrorNamingIt()
    {
        var main = WriteFile("main.cir", "t\n.include nowhere.inc\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Detail, Does.Contain("cannot read include file 'nowhere.inc'"));
        Assert.That(ex.Location, Is.EqualTo(new SourceLocation(main, 2, 10)));
    }

    [Test]
    public void When_IncludeHasNoFileName_Expect_Error()
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText("t\n.include"))!;

        Assert.That(ex.Detail, Does.Contain("expected a file name after .include"));
    }

    [Test]
    public void When_IncludeIsDevZero_Expect_ErrorAtTheIncludeCard()
    {
        Assume.That(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux /dev/zero");
        var main = WriteFile("main.cir", "t\nR1 a 0 1k\n.include /dev/zero\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Location, Is.EqualTo(new SourceLocation(main, 3, 10)));
        Assert.That(ex.Detail, Is.EqualTo("cannot read include file '/dev/zero' (/dev/zero): not a regular file (a character device): a deck or .include file must be a regular file"));
    }
}
