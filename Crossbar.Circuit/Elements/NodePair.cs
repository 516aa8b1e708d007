using System.Numerics;
using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Two nodes joined by an admittance, with the four matrix entries it loads: +y at (a, a) and
/// (b, b), −y at (a, b) and (b, a). Kept as a field of the element (a mutable struct: call its
/// methods on the field, never on a copy).
/// </summary>
internal struct NodePair
{
    private int _aa;
    private int _ab;
    private int _ba;
    private int _bb;

    /// <summary>Node a: its unknown after <see cref="Bind"/>, its solution slot (ground: the trash slot) after <see cref="Allocate"/>.</summary>
    public int A { get; private set; }

    /// <summary>Node b, as <see cref="A"/>.</summary>
    public int B { get; private set; }

    /// <summary>Resolves the node names.</summary>
    public void Bind(UnknownMap unknowns, string nodeA, string nodeB)
    {
        A = unknowns.Node(nodeA);
        B = unknowns.Node(nodeB);
    }

    /// <summary>Turns the nodes into slots and allocates the four entries.</summary>
    public void Allocate(AllocationContext context)
    {
        A = context.Slot(A);
        B = context.Slot(B);
        _aa = context.Entry(A, A);
        _ab = context.Entry(A, B);
        _ba = context.Entry(B, A);
        _bb = context.Entry(B, B);
    }

    /// <summary>Adds the admittance <paramref name="y"/> (<see cref="Stamp.Admittance{T}"/>).</summary>
    public readonly void Load<T>(T[] matrix, T y)
        where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T> =>
        Stamp.Admittance(matrix, _aa, _ab, _ba, _bb, y);
}
