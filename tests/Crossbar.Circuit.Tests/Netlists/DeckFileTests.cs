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

    [Test]
    public void When_FileLargerThanTheLimit_Expect_IOExceptionNamingSizeAndLimit()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "t\nR1 a 0 1k\n");

            var ex = Assert.Throws<IOException>(() => DeckFile.ReadAllText(path, 10))!;

            Assert.That(ex.Message, Is.EqualTo("the file is 12 bytes, more than the limit of 10 bytes on a deck or .include file"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void When_FileIsCharacterDevice_Expect_NotRegularFileError()
    {
        Assume.That(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux /dev/zero");

        var ex = Assert.Throws<IOException>(() => DeckFile.ReadAllText("/dev/zero"))!;

        Assert.That(ex.Message, Is.EqualTo("not a regular file (a character device): a deck or .include file must be a regular file"));
    }

    [Test]
    public void When_FileIsFifo_Expect_ErrorWithoutBlocking()
    {
        Assume.That(OperatingSystem.IsLinux(), "needs mkfifo");
        string directory = Directory.CreateTempSubdirectory("crossbar-fifo-").FullName;
        try
        {
            string fifo = Path.Combine(directory, "deck.cir");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
            {
                mkfifo.WaitForExit();
                Assume.That(mkfifo.ExitCode, Is.Zero, "mkfifo failed");
            }

            var read = Task.Run(() => DeckFile.ReadAllText(fifo));

            Assert.That(Task.WaitAny([read], TimeSpan.FromSeconds(10)), Is.Zero, "reading a FIFO must not block");
            Assert.That(read.Exception!.InnerException!.Message, Does.StartWith("not a regular file (a FIFO)"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
