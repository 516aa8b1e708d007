using System.Xml.Linq;

namespace Crossbar.Cli.Tests.Plots;

/// <summary>Checks that a file is a real image: the PNG signature, or XML with an svg root.</summary>
public static class PlotAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void IsPng(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length, Is.GreaterThan(1000), $"{path} is suspiciously small");
        Assert.That(bytes.Take(8).ToArray(), Is.EqualTo(PngSignature), $"{path} lacks the PNG signature");
    }

    public static void IsSvg(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} not written");
        var doc = XDocument.Load(path);
        Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("svg"));
    }
}
