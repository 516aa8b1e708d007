using System.Collections;

namespace Crossbar.Circuit.Netlists;

/// <summary>
/// A growable list of tokens: what <see cref="List{T}"/> of <see cref="NetlistToken"/> would be,
/// defined here so that ahead-of-time (ReadyToRun) compilation covers it (the framework's generic
/// code for a value type of this assembly is otherwise compiled at run time, first unoptimised).
/// </summary>
internal sealed class TokenList : IReadOnlyList<NetlistToken>
{
    private NetlistToken[] _items;
    private int _count;

    public TokenList()
        : this(4)
    {
    }

    public TokenList(int capacity) => _items = capacity == 0 ? [] : new NetlistToken[capacity];

    public int Count => _count;

    public NetlistToken this[int index]
    {
        get => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));
        set
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            _items[index] = value;
        }
    }

    public void Add(NetlistToken token)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, 2 * _items.Length));
        }

        _items[_count++] = token;
    }

    public void Clear() => _count = 0;

    /// <summary>A copy of <paramref name="count"/> tokens from <paramref name="index"/>.</summary>
    public TokenList GetRange(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index + count, _count);
        var range = new TokenList(count);
        Array.Copy(_items, index, range._items, 0, count);
        range._count = count;
        return range;
    }

    /// <summary>The tokens without a copy.</summary>
    public ReadOnlySpan<NetlistToken> AsSpan() => _items.AsSpan(0, _count);

    public ReadOnlySpan<NetlistToken>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<NetlistToken> IEnumerable<NetlistToken>.GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<NetlistToken>)this).GetEnumerator();
}
