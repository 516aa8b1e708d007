namespace Crossbar.Circuit.Netlists;

/// <summary>
/// The <c>POLY(n)</c> form of an E, G, F or H card: the output is a polynomial in n controls (SPICE2 and ngspice
/// coefficient order: constant, the n linear terms, then the terms of each higher degree with their variable indices
/// non-decreasing in lexicographic order, e.g. for n = 2: p0, p1·x1, p2·x2, p3·x1², p4·x1·x2, p5·x2², p6·x1³, …).
/// </summary>
/// <param name="Dimensions">n, the number of controls.</param>
/// <param name="ControlSources">For F and H: the n voltage sources whose currents are the controls; empty for E and G,
/// whose n control node pairs follow the output nodes in <see cref="ElementCard.Nodes"/>.</param>
/// <param name="Coefficients">p0, p1, … as written (at least one).</param>
public sealed record PolynomialForm(int Dimensions, IReadOnlyList<string> ControlSources, IReadOnlyList<ParamValue> Coefficients);

/// <summary>
/// The <c>TABLE {expr} = (x1,y1) (x2,y2) …</c> form of an E or G card: the output is the piecewise-linear function of
/// the expression through the points, held at y1 below x1 and at the last y above the last x.
/// </summary>
/// <param name="Input">The expression (behavioural-source syntax: <c>v(a,b)</c>, <c>i(vx)</c>, functions), without braces.</param>
/// <param name="Points">The (x, y) points, x strictly increasing.</param>
public sealed record TableForm(string Input, IReadOnlyList<(ParamValue X, ParamValue Y)> Points);
