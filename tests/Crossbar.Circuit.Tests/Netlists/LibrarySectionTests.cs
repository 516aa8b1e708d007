using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class LibrarySectionTests
{
    private const string Library = """
        * corners
        .model doutside d is=1
        .lib fast
        .model dc d is=1e-12
        .lib corners.lib common
        .endl fast
        .lib slow
        .model dc d is=1e-15
        .lib corners.lib common
        .endl
        .lib common
        .param rload=2k
        R9 x 0 {rload}
        .endl common
        """;

    private DirectoryInfo _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("crossbar-lib-");

    [TearDown]
    public void TearDown() => _directory.Delete(recursive: true);

    private string WriteFile(string relative, string text)
    {
        var path = Path.Combine(_directory.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [TestCase("slow", 1e-15)]
    [TestCase("FAST", 1e-12)]
    public void When_SectionIsPicked_Expect_OnlyItsCardsAndItsNestedSection(string section, double saturation)
    {
        WriteFile("lib/corners.lib", Library);
        var main = WriteFile("main.cir", $"main\n.lib lib/corners.lib {section}\nD1 a 0 dc\nR1 a 0 {{rload*2}}\n.end\n");

        var netlist = NetlistReader.ReadFile(main);

        Assert.That(netlist.Models.Keys, Is.EquivalentTo(new[] { "dc" }));
        Assert.That(netlist.Models["dc"].Parameters.Single().Value.Value, Is.EqualTo(saturation));
        Assert.That(netlist.Elements.Select(e => e.Name), Is.EqualTo(new[] { "R9", "D1", "R1" }));
        Assert.That(netlist.Elements[2].Value!.Value.Value, Is.EqualTo(4000.0));
        Assert.That(netlist.Elements[0].Location.Line, Is.EqualTo(13), "locations are the library file's own lines");
    }

    [Test]
    public void When_SectionIsMissing_Expect_ErrorNamingSectionAndLocation()
    {
        WriteFile("corners.lib", Library);
        var main = WriteFile("main.cir", "main\nR1 a 0 1k\n.lib corners.lib typical\n.end\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Message, Does.Contain("has no section 'typical'"));
        Assert.That(ex.Location.Line, Is.EqualTo(3));
        Assert.That(ex.Location.Column, Is.EqualTo(18));
    }

    [Test]
    public void When_SectionHasNoEndl_Expect_ErrorAtSectionStart()
    {
        WriteFile("open.lib", "* lib\n.lib tt\nR2 b 0 1k\n");
        var main = WriteFile("main.cir", "main\nR1 a 0 1k\n.lib open.lib tt\n.end\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Message, Does.Contain("unterminated .lib section 'tt'"));
        Assert.That(ex.Location.Line, Is.EqualTo(2));
    }

    [Test]
    public void When_EndlNamesAnotherSection_Expect_Error()
    {
        WriteFile("bad.lib", ".lib tt\nR2 b 0 1k\n.endl ff\n");
        var main = WriteFile("main.cir", "main\nR1 a 0 1k\n.lib bad.lib tt\n.end\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Message, Does.Contain(".endl ff does not match .lib section 'tt'"));
        Assert.That(ex.Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void When_SectionNamesItself_Expect_RecursionError()
    {
        WriteFile("loop.lib", ".lib tt\n.lib loop.lib tt\n.endl tt\n");
        var main = WriteFile("main.cir", "main\nR1 a 0 1k\n.lib loop.lib tt\n.end\n");

        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadFile(main))!;

        Assert.That(ex.Message, Does.Contain("recursive .lib"));
    }

    [TestCase("main\nR1 a 0 1k\n.lib tt\n.end\n", "a section definition belongs in a library file", 3, 6)]
    [TestCase("main\nR1 a 0 1k\n.endl\n.end\n", ".endl without a .lib section", 3, 1)]
    [TestCase("main\nR1 a 0 1k\n.lib x.lib tt extra\n.end\n", "expected '.lib file section'", 3, 15)]
    public void When_LibCardIsMisused_Expect_NamedError(string deck, string message, int line, int column)
    {
        var ex = Assert.Throws<NetlistException>(() => NetlistReader.ReadText(deck, "deck.cir"))!;

        Assert.That(ex.Message, Does.Contain(message));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((line, column)));
    }
}
