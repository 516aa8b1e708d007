using System.Text;
using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class DeckFileTests
{
    private static IEnumerable<TestCaseData> Encodings()
    {
        yield return new TestCaseData(new UTF8Encoding(false)).SetName("utf8 without mark");
        yield return new TestCaseData(new UTF8Encoding(true)).SetName("utf8 with mark");
        yield return new TestCaseData(new UnicodeEncoding(false, true)).SetName("utf16 le");
        yield return new TestCaseData(new UnicodeEncoding(true, true)).SetName("utf16 be");
        yield return new TestCaseData(new UTF32Encoding(false, true)).SetName("utf32 le");
        yield return new TestCaseData(new UTF32Encoding(true, true)).SetName("utf32 be");
    }

    [TestCaseSource(nameof(Encodings))]
    public void When_FileHasEncoding_Expect_SameTextAsReadAllText(Encoding encoding)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "divider µ Ω — \u2028 test\r\nR1 a 0 1k\n.end\n", encoding);

            Assert.That(DeckFile.ReadAllText(path), Is.EqualTo(File.ReadAllText(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void When_BytesInvalidUtf8_Expect_ReplacementCharacterAsReadAllText()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [(byte)'R', 0xC3, 0x28, 0xFF, (byte)'\n', 0xEF, 0xBB]);

            Assert.That(DeckFile.ReadAllText(path), Is.EqualTo(File.ReadAllText(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
