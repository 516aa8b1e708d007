using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// The factorisations of one circuit's matrix, each kept for the integration step it was made at. A transient whose
/// steps come from a small set (<see cref="TransientAnalysis"/> with quantised steps: the largest step halved k times,
/// backward Euler or trapezoidal) meets the same companion conductances a₀·C again and again; a chord Newton step on
/// the factorisation made for the same a₀ converges where one made for another step would not (docs/large-arrays.md).
/// Slots beyond the first are siblings of the first solver (<see cref="LinearSolverFactory.CreateSibling"/>): the
/// supernodal solver's share its ordering, so a new slot costs one numeric factorisation and its memory (the L+U of
/// the circuit), nothing more. When every slot is taken the least recently used one is reused.
/// </summary>
internal sealed class FactorizationCache
{
    private readonly SparsePattern _pattern;
    private readonly PivotOptions? _options;
    private readonly List<Slot> _slots;
    private long _clock;

    /// <summary>Creates a cache of one slot around a circuit's solver.</summary>
    public FactorizationCache(ILinearSolver solver, SparsePattern pattern, PivotOptions? options)
    {
        _pattern = pattern;
        _options = options;
        _slots = [new Slot(solver, pattern.Count + 1)];
        Active = _slots[0];
    }

    /// <summary>Most factorisations kept at once (1 unless a transient asks for more).</summary>
    public int Capacity { get; set; } = 1;

    /// <summary>The slot factored into and solved with now.</summary>
    public Slot Active { get; private set; }

    /// <summary>
    /// Makes the slot for an integration step active: the one factored for it when there is one (true), else a free
    /// or the least recently used slot, marked unfactored and keyed to the step (false).
    /// </summary>
    /// <param name="order">Integration order (1 backward Euler, 2 trapezoidal or Gear-2).</param>
    /// <param name="coefficient">The integrator's a₀ (the companion conductance per farad).</param>
    public bool Select(int order, double coefficient)
    {
        _clock++;
        foreach (Slot slot in _slots)
        {
            if (slot.HasFactor && slot.Order == order && Math.Abs(slot.Coefficient - coefficient) <= 1e-9 * Math.Abs(coefficient))
            {
                slot.LastUse = _clock;
                Active = slot;
                return true;
            }
        }

        Slot target;
        if (_slots.Count < Capacity)
        {
            target = new Slot(LinearSolverFactory.CreateSibling(_slots[0].Solver, _pattern, _options), _pattern.Count + 1);
            _slots.Add(target);
        }
        else
        {
            target = _slots.MinBy(s => s.LastUse)!;
        }

        target.HasFactor = false;
        target.Order = order;
        target.Coefficient = coefficient;
        target.LastUse = _clock;
        Active = target;
        return false;
    }

    /// <summary>Forgets every factorisation.</summary>
    public void InvalidateAll()
    {
        foreach (Slot slot in _slots)
        {
            slot.HasFactor = false;
        }
    }

    /// <summary>One factorisation: its solver, the values it factored, and the step it was made for.</summary>
    internal sealed class Slot(ILinearSolver solver, int values)
    {
        /// <summary>The solver holding the factorisation.</summary>
        public ILinearSolver Solver { get; } = solver;

        /// <summary>The matrix values last factored (to skip refactoring identical values).</summary>
        public double[] LastFactored { get; } = new double[values];

        /// <summary>Whether <see cref="Solver"/> holds a factorisation of <see cref="LastFactored"/>.</summary>
        public bool HasFactor { get; set; }

        /// <summary>Integration order the slot is keyed to (0 when not keyed).</summary>
        public int Order { get; set; }

        /// <summary>Integration coefficient a₀ the slot is keyed to.</summary>
        public double Coefficient { get; set; } = double.NaN;

        /// <summary>Logical time of the last selection, for least-recently-used replacement.</summary>
        public long LastUse { get; set; }
    }
}
