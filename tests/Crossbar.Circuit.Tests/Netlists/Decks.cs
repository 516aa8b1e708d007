using NUnit.Framework;
namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Representative decks shared by the round-trip, ngspice and fuzz tests.</summary>
internal static class Decks
{
    /// <summary>Every element kind, every waveform, nested subcircuits with params, options, every analysis and output card.</summary>
    public const string Representative = """
        Representative deck: all element kinds
        * a comment line
        .param rload=2k gain={10*2}
        .param half = rload / 2
        .options reltol=1e-4 abstol=1e-12 method=gear noopiter
        .model dmod d (is=1e-14 n=1.05)
        .model nm nmos (level=1 vto=0.7 kp=110u)
        .model pm pmos level=1 vto=-0.7 kp=50u
        .model swm sw (vt=0.5 vh=0.1 ron=10 roff=1meg)
        .model cswm csw it=1m ih=0.2m
        .subckt amp in out params: g=2
        Rin in 0 1meg
        E1 out 0 in 0 {g}
        .ends amp
        .subckt stage a b params: r=1k
        .model dloc d (is={1e-15*r/1000})
        R1 a mid {r}
        D1 mid b dloc
        Rb b 0 10k
        X1 mid b2 amp g={r/100}
        Rb2 b2 0 1k
        .model sloc sw (vt={r/1000})
        S1 b2 0 a 0 sloc on
        Et et 0 TABLE {v(a, b)} = (0, 0) ({r/1000}, 1)
        Ret et 0 1k
        .ends
        V1 in 0 dc 1 ac 1 0
        V2 p 0 PULSE(0 1 1n 1n 1n 5n 10n)
        V3 s 0 sin(0 1 1k)
        V4 w 0 pwl(0 0 1u 1 2u 0)
        V5 nz 0 dc 0 trnoise(1n 1n 0 0)
        Vdd vdd 0 5
        V6 x1 0 DC=0.5 AC=1 45 exp(0 1 10n 5n 50n 10n)
        V7 x2 0 sffm(0 1 100meg 2 10meg 30 60)
        I2 0 x3 dc 0 am(1m 0.5 10meg 100meg 5n)
        Rx3 x3 0 1k
        I1 0 i1 1m ; inline comment
        Ri1 i1 0 1k
        R1 in out {rload}
        + tc1=1e-3 tc2=1e-6
        Rout out 0 {half}
        C1 out 0 1p ic=0
        L1 out l1 1u
        Rl l1 0 1
        E2 e2 0 in 0 {gain}
        G1 g1 0 in 0 1m
        Rg g1 0 1k
        F1 f1 0 V1 2
        Rf f1 0 1k
        H1 h1 0 V1 100
        D1 in d1 dmod
        Rd d1 0 1k
        D2 in d2 dmod 2 off
        Rd2 d2 0 1k m=2
        M1 vdd in 0 0 nm W=10u L=1u m=2 ad=1p
        M2 vdd in vdd vdd pm w=20u l=1u
        Xs in xs stage r=2k
        S1 in s1 p 0 swm off
        Rs1 s1 0 1k
        W1 in w1 V1 cswm
        Rw1 w1 0 1k
        E3 e3 0 POLY(2) in 0 out 0 0 1 0.5 0.1
        G2 0 g2 poly(1) in 0 0 1m
        Rg2 g2 0 1k
        E4 e4 0 TABLE {v(in,out)} = (-1, -1) (1, 1)
        G3 0 g3 table {2*v(in)} (0, 0) (1, 1m)
        Rg3 g3 0 1k
        F2 f2 0 POLY(2) V1 Vdd 0 1 1
        Rf2 f2 0 1k
        H2 h2 0 poly(1) V1 0 100
        Rxs xs 0 10k
        .ic v(out)=0
        .nodeset v(in)=1 v(d1)=0.5
        .global vdd
        .temp 40
        .op
        .dc V1 0 1 0.1
        .tran 1n 100n
        .ac dec 10 1 1meg
        .save v(out) v(in,out) i(V1) xs
        .print tran v(out) i(V1)
        .end
        """;

    /// <summary>A small RC deck with PWL and a two-source DC sweep.</summary>
    public const string Rc = """
        RC with sweeps
        Vin in 0 pwl 0 0 1u 1 $ no parentheses
        Vb b 0 dc 2
        R1 in out 1k
        R2 b out 2k
        C1 out 0 1n
        .dc Vin 0 1 0.5 Vb 0 2 1
        .tran 10n 5u 0 10n uic
        .print dc v(out)
        .end
        """;

    /// <summary>The expression language: .func (top level and in a .subckt), every operator, B sources, E/G VALUE=.</summary>
    public const string Expressions = """
        Expression language
        .func sq(x) {x*x}
        .func hyp(a, b) = sqrt(sq(a) + sq(b))
        .param p = {hyp(3, 4) > 4 ? int(2.7) + nint(2.5) : limit(1, 2, 3)}
        .param q = {(p >= 1 && p != 2) || !(p < 0) ? floor(-2.5) + ceil(1.2) : pwr(-2, 3)}
        .subckt cell a b params: g=1m
        .func cond(v) {g*sq(v) + u(v) + uramp(-v)}
        B1 a b I={cond(v(a,b))}
        E1 c 0 VALUE={2*v(a) - sgn(v(b))}
        Rc c 0 1k
        .ends
        V1 in 0 {p + q}
        R1 in x 1k
        X1 x 0 cell g=2m
        B2 y 0 V=v(in) > 1 ? min(v(in), 2, 3) : max(v(x), 0) ^ 2 ** 1
        G1 0 z VALUE={1u/v(in) + abs(i(V1)) * exp(-v(x)) + ln(2) + log10(3) + asin(0.5) + acos(0.5) + atan(1)}
        Rz z 0 1k
        B3 w 0 I={tan(v(in)/9) + sinh(0.1) + cosh(0.1) + tanh(v(y)) + pi*sin(v(x)) + cos(0) + pow(v(z), 2) + log(4)}
        Rw w 0 1k
        .op
        .dc V1 1 2 0.5
        .end
        """;

    /// <summary>Every form of <c>.measure</c> on an RC step and a DC sweep.</summary>
    public const string Measured = """
        Measured RC
        .param tstop=5u
        Vin in 0 pulse(0 1 0.5u 10n 10n 2u 4u)
        Vr ref 0 0.5
        R1 in out 1k
        C1 out 0 1n
        .dc Vin 0 1 0.1
        .tran 10n {tstop}
        .meas tran trise trig v(out) val=0.1 rise=1 targ v(out) val=0.9 rise=1
        .meas tran tl trig v(in) val=0.5 td=1u cross=last targ at=4u
        .measure tran vf find v(out) when v(in)=0.5 fall=1
        .meas tran tw when v(out)=v(ref) rise=2 from=1u to={tstop}
        .meas tran va find v(out) at=1u
        .meas tran av avg v(out) from=0.5u to=2.5u
        .meas tran rm rms v(out) from=0.5u to=2.5u
        .meas tran it integral v(out) from=0.5u
        .meas tran mn min v(out) to=3u
        .meas tran mx max v(out)
        .meas tran p pp v(out)
        .meas tran d deriv v(out) at=1u
        .meas tran dw derivative v(out) when v(out)=0.5 rise=last
        .meas tran ratio param='trise/tstop*2'
        .meas dc vhalf when v(out)=0.5
        .meas op vo find v(out)
        .step param tstop list 4u 5u
        .step vr 0.4 0.6 0.1
        .model dm d (is=1e-14)
        D1 out 0 dm
        .step dm(is) list 1e-14 2e-14
        .end
        """;
}
