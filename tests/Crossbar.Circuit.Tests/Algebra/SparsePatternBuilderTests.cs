using Crossbar.Circuit.Algebra;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public class SparsePatternBuilderTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void When_EntriesRequestedTwice_Expect_SameHandleAndEachEntryOnce(bool diagonalFirst)
    {
        var random = new Random(7);
        const int size = 300;
        var builder = new SparsePatternBuilder(size, 16);
        if (diagonalFirst)
        {
            builder.AddDiagonal();
        }

        var handles = new Dictionary<(int, int), int>();
        for (int k = 0; k < 20_000; k++)
        {
            int row = random.Next(size);
            int column = random.Next(4) == 0 ? row : random.Next(size);
            int handle = builder.Entry(row, column);
            if (handles.TryGetValue((row, column), out int earlier))
            {
                Assert.That(handle, Is.EqualTo(earlier), $"({row}, {column})");
            }
            else
            {
                handles[(row, column)] = handle;
            }
        }

        Assert.That(builder.Entry(-1, 3), Is.Zero);
        SparsePattern pattern = builder.Build();
        int expected = handles.Count + (diagonalFirst ? size - handles.Keys.Count(k => k.Item1 == k.Item2) : 0);
        Assert.That(pattern.Count, Is.EqualTo(expected));
        Assert.That(handles.Values.Distinct().Count(), Is.EqualTo(handles.Count));
        foreach (var ((row, column), handle) in handles)
        {
            Assert.That((pattern.Rows[handle], pattern.Columns[handle]), Is.EqualTo((row, column)));
        }
    }

    [Test]
    public void When_DiagonalAddedFirst_Expect_HandleIsIndexPlusOne()
    {
        var builder = new SparsePatternBuilder(5);
        builder.AddDiagonal();

        Assert.That(Enumerable.Range(0, 5).Select(i => builder.Entry(i, i)), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(builder.Entry(0, 4), Is.EqualTo(6));
    }

    [Test]
    public void When_DiagonalAddedAfterEntries_Expect_Refused()
    {
        var builder = new SparsePatternBuilder(3);
        builder.Entry(0, 1);

        Assert.Throws<InvalidOperationException>(builder.AddDiagonal);
    }

    [Test]
    public void When_UniqueEntryAppended_Expect_NewHandleOutsideTheLookupGroundTrashAndDiagonalRefused()
    {
        var b = new SparsePatternBuilder(4);
        b.AddDiagonal();
        int looked = b.Entry(0, 1);
        int unique = b.AppendUnique(2, 3);
        Assert.That(unique, Is.Not.EqualTo(looked).And.GreaterThan(4));
        Assert.That(b.AppendUnique(-1, 3), Is.Zero, "ground is the trash handle");
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AppendUnique(1, 1));
        SparsePattern p = b.Build();
        Assert.That((p.Rows[unique], p.Columns[unique]), Is.EqualTo((2, 3)));
        Assert.That(p.Count, Is.EqualTo(6));
    }
}
