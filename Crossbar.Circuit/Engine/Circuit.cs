using System.Runtime.InteropServices;
using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// A compiled circuit: elements bound to unknowns, a fixed sparse pattern with handles, the
/// load buffers and the linear solver. Built once per topology; analyses run on it.
/// </summary>
public sealed class Circuit
{
    private readonly FactorizationCache _factors;
    private readonly CircuitElement[] _varying;
    private readonly CircuitElement[] _constant;
    private readonly int[] _varyingHandles;
    private double[]? _constantMatrix;

    /// <summary>Binds and allocates the elements.</summary>
    public Circuit(IReadOnlyList<CircuitElement> elements, SimulationOptions options, SimulationStatistics? statistics = null)
    {
        Statistics = statistics ?? new SimulationStatistics();
        Statistics.SetupTime.Start();
        Elements = elements;
        Options = options;
        Unknowns = new UnknownMap();
        foreach (CircuitElement e in elements)
        {
            e.Bind(Unknowns);
        }

        int n = Unknowns.Count;
        long expected = n;
        foreach (CircuitElement e in elements)
        {
            expected += e.OffDiagonalEntryEstimate;
        }

        var builder = new SparsePatternBuilder(n, (int)Math.Min(expected, 1 << 30));
        builder.AddDiagonal();
        var allocation = new AllocationContext(Unknowns, builder);

        var varyingEntries = new List<int>();
        foreach (CircuitElement e in elements)
        {
            allocation.Recorded = e.IsConstant ? null : varyingEntries;
            e.Allocate(allocation);
        }

        allocation.Recorded = null;

        Pattern = builder.Build();
        DiagonalHandles = new int[n];
        for (int i = 0; i < n; i++)
        {
            DiagonalHandles[i] = builder.Entry(i, i);
        }

        _varyingHandles = VaryingHandles(varyingEntries, DiagonalHandles, Pattern.Count);
        Load = new LoadContext(n, Pattern.Count, allocation.StateCount, options);
        ILinearSolver solver = LinearSolverFactory.Create(Pattern, options.Pivoting);
        _factors = new FactorizationCache(solver, Pattern, options.Pivoting);
        IsNonlinear = elements.Any(e => e.IsNonlinear);
        _constant = [.. elements.Where(e => e.IsConstant)];
        _varying = [.. elements.Where(e => !e.IsConstant)];
        Statistics.Unknowns = n;
        Statistics.MatrixNonzeros = Pattern.Count;
        Statistics.Solver = solver.Statistics;
        Statistics.SetupTime.Stop();
    }

    /// <summary>Elements in netlist order.</summary>
    public IReadOnlyList<CircuitElement> Elements { get; }

    /// <summary>Elements whose load changes between calls (not <see cref="CircuitElement.IsConstant"/>): the only ones with state, charges or truncation error.</summary>
    internal IReadOnlyList<CircuitElement> VaryingElements => _varying;

    /// <summary>Unknown names and kinds.</summary>
    public UnknownMap Unknowns { get; }

    /// <summary>
    /// <c>.nodeset</c> guesses (unknown index, voltage): held by a large conductance while a first operating point is
    /// solved, then released (<see cref="OperatingPointSolver"/>).
    /// </summary>
    internal IReadOnlyList<(int Unknown, double Value)> Nodesets { get; set; } = [];

    /// <summary>Simulator options.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Sparse pattern of the MNA matrix.</summary>
    public SparsePattern Pattern { get; }

    /// <summary>Handle of each diagonal entry (for gmin stepping).</summary>
    internal int[] DiagonalHandles { get; }

    /// <summary>Load buffers and state.</summary>
    public LoadContext Load { get; }

    /// <summary>Linear solver over <see cref="Pattern"/> (the one holding the factorisation in use).</summary>
    public ILinearSolver Solver => _factors.Active.Solver;

    /// <summary>True when any element needs Newton iterations.</summary>
    public bool IsNonlinear { get; }

    /// <summary>Counters and timings.</summary>
    public SimulationStatistics Statistics { get; }

    /// <summary>Number of unknowns.</summary>
    public int Size => Unknowns.Count;

    /// <summary>Loads every element at the context's current iterate.</summary>
    internal void LoadAll(double diagonalGmin)
    {
        Statistics.LoadTime.Start();
        LoadContext load = Load;
        load.Clear();
        if (_constantMatrix is null)
        {
            foreach (CircuitElement e in _constant)
            {
                e.Load(load);
            }

            _constantMatrix = (double[])load.Matrix.Clone();
        }
        else
        {
            _constantMatrix.CopyTo(load.Matrix, 0);
        }

        foreach (CircuitElement e in _varying)
        {
            e.Load(load);
        }

        if (diagonalGmin > 0)
        {
            double[] m = load.Matrix;
            for (int i = 0; i < DiagonalHandles.Length; i++)
            {
                if (Unknowns.KindOf(i) == UnknownKind.Voltage)
                {
                    m[DiagonalHandles[i]] += diagonalGmin;
                }
            }
        }

        Statistics.LoadTime.Stop();
    }

    /// <summary>
    /// Factors the loaded matrix unless its values equal the last factored ones (linear
    /// circuits at a fixed timestep reuse one factorisation).
    /// </summary>
    internal void FactorLoaded()
    {
        double[] m = Load.Matrix;
        m[0] = 0;
        FactorizationCache.Slot slot = _factors.Active;
        if (slot.HasFactor && SameAsLastFactored(m, slot.LastFactored))
        {
            Statistics.ReusedFactorizations++;
            return;
        }

        try
        {
            Solver.Factor(m);
        }
        catch (SingularMatrixException ex)
        {
            slot.HasFactor = false;
            throw new SimulationException($"singular matrix: {Unknowns.Describe(ex.Unknown)} is undetermined (floating node, no DC path to ground, or a loop of voltage sources)", ex);
        }

        m.AsSpan().CopyTo(slot.LastFactored);
        slot.HasFactor = true;
    }

    /// <summary>
    /// Whether the loaded values equal the last factored ones. Only entries of varying elements
    /// and the diagonal (gmin, clamps) are compared: the rest is the constant part, copied
    /// unchanged into every load.
    /// </summary>
    private bool SameAsLastFactored(double[] m, double[] last)
    {
        foreach (int h in _varyingHandles)
        {
            if (m[h] != last[h])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The entries that non-constant elements load, and the diagonal: ascending, each once.</summary>
    private static int[] VaryingHandles(List<int> recorded, int[] diagonal, int count)
    {
        var seen = new bool[count + 1];
        int distinct = Mark(seen, CollectionsMarshal.AsSpan(recorded)) + Mark(seen, diagonal);
        var handles = new int[distinct];
        int k = 0;
        for (int h = 0; h <= count; h++)
        {
            if (seen[h])
            {
                handles[k++] = h;
            }
        }

        return handles;
    }

    /// <summary>Marks each handle once; how many were new.</summary>
    private static int Mark(bool[] seen, ReadOnlySpan<int> handles)
    {
        int added = 0;
        foreach (int h in handles)
        {
            if (!seen[h])
            {
                seen[h] = true;
                added++;
            }
        }

        return added;
    }

    /// <summary>True while a factorisation of a loaded matrix is held (chord steps can reuse it).</summary>
    internal bool HasFactor => _factors.Active.HasFactor;

    /// <summary>Forgets the factorisations (after an analysis changes the matrix structure of values).</summary>
    internal void InvalidateFactor() => _factors.InvalidateAll();

    /// <summary>
    /// Keeps up to <paramref name="capacity"/> factorisations, one per integration step (<see cref="FactorizationCache"/>);
    /// 1 (the default) keeps only the last.
    /// </summary>
    internal void KeepFactorizations(int capacity) => _factors.Capacity = Math.Max(1, capacity);

    /// <summary>
    /// Makes the factorisation for an integration step the one in use: true when one made for that step is held
    /// (chord steps may start on it), false when the next full Newton step must factor (into a free or the least
    /// recently used slot).
    /// </summary>
    internal bool SelectFactorization(int order, double coefficient) => _factors.Select(order, coefficient);
}
