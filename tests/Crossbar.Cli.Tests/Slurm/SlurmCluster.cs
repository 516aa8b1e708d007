using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Crossbar.Cli.Tests.Slurm;

/// <summary>
/// A throw-away single-node Slurm cluster for tests: a private <c>munged</c> (own key and socket),
/// <c>slurmctld -D</c> and <c>slurmd -D</c>, all configured by a <c>slurm.conf</c> in a fresh temporary
/// directory and listening on free loopback ports, so that nothing of the machine's own Slurm or MUNGE
/// setup (if any) is used or touched.
/// </summary>
/// <remarks>
/// <para><see cref="Start"/> reports every reason the cluster cannot be brought up (binaries missing, not root,
/// a daemon exiting, the node not becoming idle in time) through <see cref="Assert.Ignore(string)"/>, with the
/// tail of the daemons' logs, so that a machine without Slurm skips the test rather than passing or failing it.</para>
/// <para><see cref="Dispose"/> cancels the cluster's jobs, stops exactly the three daemons this instance
/// started (and any job process left that carries this cluster's <c>SLURM_CONF</c>), and removes the directory.
/// Set <c>CROSSBAR_SLURM_KEEP=1</c> to keep the directory (configuration, logs) for inspection.</para>
/// </remarks>
public sealed class SlurmCluster : IDisposable
{
    private static readonly string[] RequiredTools = ["munged", "munge", "unmunge", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scontrol", "scancel"];

    private static readonly string[] TerminalStates =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT", "REVOKED"];

    private readonly Dictionary<string, string> _tools = new(StringComparer.Ordinal);
    private Process? _munged;
    private Process? _slurmctld;
    private Process? _slurmd;
    private bool _disposed;

    private SlurmCluster(string directory)
    {
        Directory = directory;
        ConfPath = Path.Combine(directory, "slurm.conf");
        MungeSocket = Path.Combine(directory, "munge.socket");
        NodeName = ShortHostName();
    }

    /// <summary>The cluster's own directory: configuration, key, state, spool and log files.</summary>
    public string Directory { get; }

    /// <summary>The <c>slurm.conf</c> every Slurm command of this cluster must see as <c>SLURM_CONF</c>.</summary>
    public string ConfPath { get; }

    /// <summary>The socket of this cluster's private <c>munged</c>.</summary>
    public string MungeSocket { get; }

    /// <summary>The single node's name (the machine's short host name, as <c>slurmctld</c> requires).</summary>
    public string NodeName { get; }

    /// <summary>The number of CPUs the node offers.</summary>
    public int Cpus { get; private set; }

    /// <summary>Wall time from the start of <see cref="Start"/> to the node being idle.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Starts a cluster and waits until its node is idle; calls <see cref="Assert.Ignore(string)"/> (after cleaning up)
    /// when that is not possible on this machine.
    /// </summary>
    /// <param name="timeout">How long to wait for the node to become idle; 60 s if not given.</param>
    public static SlurmCluster Start(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Slurm tests need Linux");
        }

        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            Assert.Ignore($"Slurm tests need root (a single-node cluster whose slurmd launches jobs); running as {Environment.UserName}");
        }

        var missing = new List<string>();
        var tools = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string tool in RequiredTools)
        {
            string? path = FindTool(tool);
            if (path is null)
            {
                missing.Add(tool);
            }
            else
            {
                tools[tool] = path;
            }
        }

        if (missing.Count > 0)
        {
            Assert.Ignore($"Slurm/MUNGE not installed (missing {string.Join(", ", missing)}); install the Debian packages slurmd slurmctld slurm-client munge");
        }

        // Short: a unix socket path may not exceed 107 bytes.
        string dir = Path.Combine(Path.GetTempPath(), "xbar-slurm-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(dir);
        var cluster = new SlurmCluster(dir);
        foreach (var (name, path) in tools)
        {
            cluster._tools[name] = path;
        }

        try
        {
            cluster.StartDaemons(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is not IgnoreException)
        {
            string logs = cluster.LogTail();
            cluster.Dispose();
            Assert.Ignore($"could not start a Slurm cluster: {e.Message}\n{logs}");
        }
        catch (IgnoreException)
        {
            cluster.Dispose();
            throw;
        }

        cluster.StartupTime = clock.Elapsed;
        return cluster;
    }

    private void StartDaemons(TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Slurm tests need Linux");
        }

        // munged insists that every directory above its socket is searchable by all (and not writable by others).
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string key = Path.Combine(Directory, "munge.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);

        _munged = StartDaemon("munged", "munged.out", false,
            "-F", $"--key-file={key}", $"--socket={MungeSocket}", $"--pid-file={P("munged.pid")}",
            $"--log-file={P("munged.log")}", $"--seed-file={P("munged.seed")}");
        WaitFor(TimeSpan.FromSeconds(10), () => File.Exists(MungeSocket), _munged, "munged to create its socket");
        var check = Shell($"'{_tools["munge"]}' -S '{MungeSocket}' -n | '{_tools["unmunge"]}' -S '{MungeSocket}'", TimeSpan.FromSeconds(10));
        if (check.ExitCode != 0 || !check.Stdout.Contains("Success", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"munge -n | unmunge failed (exit {check.ExitCode}): {check.Stdout}{check.Stderr}");
        }

        Cpus = NodeCpus();
        int ctldPort = FreePort();
        int slurmdPort = FreePort();
        while (slurmdPort == ctldPort)
        {
            slurmdPort = FreePort();
        }

        System.IO.Directory.CreateDirectory(P("state"));
        System.IO.Directory.CreateDirectory(P("spool"));
        string conf = string.Join('\n',
            "# single-node test cluster written by SlurmCluster (tests/Crossbar.Cli.Tests/Slurm)",
            "ClusterName=crossbartest",
            $"SlurmctldHost={NodeName}(127.0.0.1)",
            $"SlurmctldPort={ctldPort}",
            $"SlurmdPort={slurmdPort}",
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            $"AuthInfo=socket={MungeSocket}",
            $"StateSaveLocation={P("state")}",
            $"SlurmdSpoolDir={P("spool")}",
            $"SlurmctldPidFile={P("slurmctld.pid")}",
            $"SlurmdPidFile={P("slurmd.pid")}",
            $"SlurmctldLogFile={P("slurmctld.log")}",
            $"SlurmdLogFile={P("slurmd.log")}",
            "SlurmctldDebug=info",
            "SlurmdDebug=info",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "JobCompType=jobcomp/none",
            "MpiDefault=none",
            "SwitchType=switch/none",
            "SchedulerType=sched/backfill",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core",
            "ReturnToService=2",
            // Finished jobs stay visible to scontrol (there is no accounting) for 10 minutes.
            "MinJobAge=600",
            $"NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={Cpus} RealMemory=256 State=UNKNOWN",
            $"PartitionName=test Nodes={NodeName} Default=YES MaxTime=INFINITE State=UP",
            "");
        File.WriteAllText(ConfPath, conf);

        _slurmctld = StartDaemon("slurmctld", "slurmctld.out", true, "-D", "-f", ConfPath);
        _slurmd = StartDaemon("slurmd", "slurmd.out", true, "-D", "-f", ConfPath, "-N", NodeName);

        string state = "";
        WaitFor(timeout, () =>
        {
            if (_slurmctld.HasExited || _slurmd.HasExited)
            {
                return false;
            }

            var sinfo = Tool("sinfo", TimeSpan.FromSeconds(10), "-h", "-n", NodeName, "-o", "%T");
            state = sinfo.Stdout.Trim();
            return sinfo.ExitCode == 0 && state == "idle";
        }, null, $"node {NodeName} to become idle (last state '{state}')");
        if (_slurmctld.HasExited || _slurmd.HasExited)
        {
            throw new InvalidOperationException($"a daemon exited: slurmctld {ExitText(_slurmctld)}, slurmd {ExitText(_slurmd)}");
        }
    }

    /// <summary>Submits a batch script with <c>sbatch --parsable</c>, from the script's folder; fails the test if sbatch does.</summary>
    /// <param name="scriptPath">The batch script.</param>
    /// <param name="workingDirectory">The job's submit directory; the script's folder if not given.</param>
    /// <returns>The job id (of an array job: the array's id).</returns>
    public int Submit(string scriptPath, string? workingDirectory = null)
    {
        string cwd = workingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(scriptPath))!;
        var result = Run(_tools["sbatch"], TimeSpan.FromSeconds(30), cwd, "--parsable", Path.GetFullPath(scriptPath));
        string id = result.Stdout.Trim().Split(';')[0];
        if (result.ExitCode != 0 || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int jobId))
        {
            Assert.Fail($"sbatch {scriptPath} failed (exit {result.ExitCode}): {result.Stdout}{result.Stderr}\n{LogTail()}");
            return -1;
        }

        return jobId;
    }

    /// <summary>
    /// Waits until every task of a job (or the job, if it is no array) has finished, and returns their final states;
    /// fails the test on timeout.
    /// </summary>
    /// <param name="jobId">The id <see cref="Submit"/> returned.</param>
    /// <param name="timeout">How long to wait.</param>
    public IReadOnlyList<SlurmTask> WaitAll(int jobId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SlurmTask> tasks = [];
        string last = "";
        while (clock.Elapsed < timeout)
        {
            var show = Tool("scontrol", TimeSpan.FromSeconds(10), "-o", "show", "job", jobId.ToString(CultureInfo.InvariantCulture));
            last = show.Stdout + show.Stderr;
            if (show.ExitCode == 0)
            {
                tasks = ParseJobs(show.Stdout);
                if (tasks.Count > 0 && tasks.All(t => t.IsFinished))
                {
                    return tasks;
                }
            }

            Thread.Sleep(500);
        }

        Assert.Fail($"job {jobId} not finished after {timeout.TotalSeconds:0} s; scontrol: {last}\n{LogTail()}");
        return tasks;
    }

    /// <summary>Runs a Slurm client command (<c>squeue</c>, <c>scontrol</c>, …) against this cluster.</summary>
    /// <param name="tool">The command's name, one of those checked at start.</param>
    /// <param name="timeout">After this the command is killed.</param>
    /// <param name="args">Its arguments.</param>
    public CommandResult Tool(string tool, TimeSpan timeout, params string[] args)
        => Run(_tools.TryGetValue(tool, out string? path) ? path : tool, timeout, Directory, args);

    /// <summary>The last lines of the daemons' log and output files, for failure messages.</summary>
    /// <param name="lines">Lines per file.</param>
    public string LogTail(int lines = 25)
    {
        var text = new StringBuilder();
        foreach (string name in new[] { "munged.log", "munged.out", "slurmctld.log", "slurmctld.out", "slurmd.log", "slurmd.out" })
        {
            string path = P(name);
            if (!File.Exists(path))
            {
                continue;
            }

            string[] all;
            try
            {
                all = File.ReadAllLines(path);
            }
            catch (IOException)
            {
                continue;
            }

            if (all.Length == 0)
            {
                continue;
            }

            text.Append("--- ").Append(name).Append(" (last ").Append(Math.Min(lines, all.Length).ToString(CultureInfo.InvariantCulture)).AppendLine(" lines) ---");
            foreach (string line in all.Skip(Math.Max(0, all.Length - lines)))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    /// <summary>Cancels the cluster's jobs, stops the daemons this instance started and removes its directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_slurmctld is { HasExited: false } && _tools.TryGetValue("scancel", out string? scancel))
        {
            Run(scancel, TimeSpan.FromSeconds(10), Directory, "--user", Environment.UserName);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(5)
                && Tool("squeue", TimeSpan.FromSeconds(5), "-h", "-o", "%i").Stdout.Trim().Length > 0)
            {
                Thread.Sleep(200);
            }
        }

        Stop(_slurmd);
        Stop(_slurmctld);
        KillJobProcesses();
        Stop(_munged);
        if (!string.Equals(Environment.GetEnvironmentVariable("CROSSBAR_SLURM_KEEP"), "1", StringComparison.Ordinal))
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private string P(string name) => Path.Combine(Directory, name);

    private static string ShortHostName()
    {
        string name = Environment.MachineName;
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private static string? FindTool(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]);
        foreach (string dir in dirs)
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The machine's CPUs as <c>slurmd -C</c> sees them (never more than the process may use).</summary>
    private int NodeCpus()
    {
        int cpus = Environment.ProcessorCount;
        var probe = Run(_tools["slurmd"], TimeSpan.FromSeconds(10), Directory, "-C");
        foreach (string field in probe.Stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (field.StartsWith("CPUs=", StringComparison.Ordinal)
                && int.TryParse(field.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int detected) && detected > 0)
            {
                cpus = Math.Min(cpus, detected);
            }
        }

        return Math.Max(1, cpus);
    }

    /// <summary>Starts a daemon in the foreground as a child, its stdout and stderr going to a file in the directory.</summary>
    private Process StartDaemon(string tool, string outFile, bool slurm, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Directory };
        info.ArgumentList.Add("-c");
        // exec: the child's pid is the daemon's.
        info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$XBAR_OUT\" 2>&1 </dev/null");
        info.ArgumentList.Add(_tools[tool]);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["XBAR_OUT"] = P(outFile);
        if (slurm)
        {
            info.Environment["SLURM_CONF"] = ConfPath;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
    }

    private static void WaitFor(TimeSpan timeout, Func<bool> condition, Process? daemon, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (daemon is { HasExited: true })
            {
                throw new InvalidOperationException($"{Path.GetFileName(daemon.StartInfo.ArgumentList[2])} exited ({ExitText(daemon)}) while waiting for {what}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            Thread.Sleep(200);
        }
    }

    private static string ExitText(Process p) => p.HasExited ? $"exited with {p.ExitCode}" : "running";

    /// <summary>SIGTERM, up to 10 s of grace, then SIGKILL.</summary>
    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                Signal(process.Id, "TERM");
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void Signal(int pid, string signal)
        => RunPlain("/bin/sh", TimeSpan.FromSeconds(5), "/", "-c", $"kill -{signal} {pid.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Kills any process (a job's or a slurmstepd's) whose environment names this cluster's configuration.</summary>
    private void KillJobProcesses()
    {
        foreach (int pid in ProcessesOfCluster())
        {
            Signal(pid, "KILL");
        }
    }

    /// <summary>
    /// The processes, other than this one, whose environment holds this cluster's <c>SLURM_CONF</c>: slurmctld, slurmd,
    /// and every job (and slurmstepd) they started; empty once <see cref="Dispose"/> has run.
    /// </summary>
    public IReadOnlyList<int> ProcessesOfCluster()
    {
        string marker = "SLURM_CONF=" + ConfPath;
        var pids = new List<int>();
        foreach (string dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(marker, StringComparer.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    /// <summary>The process ids of the daemons this instance started (munged, slurmctld, slurmd), while they run.</summary>
    public IReadOnlyList<int> DaemonProcessIds()
        => [.. new[] { _munged, _slurmctld, _slurmd }.Where(p => p is not null && !_disposed && !p.HasExited).Select(p => p!.Id)];

    private CommandResult Run(string file, TimeSpan timeout, string cwd, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["SLURM_CONF"] = ConfPath;
        return Execute(info, timeout);
    }

    private static CommandResult RunPlain(string file, TimeSpan timeout, string cwd, string first, params string[] rest)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        info.ArgumentList.Add(first);
        foreach (string arg in rest)
        {
            info.ArgumentList.Add(arg);
        }

        return Execute(info, timeout);
    }

    private CommandResult Shell(string command, TimeSpan timeout) => Run("/bin/sh", timeout, Directory, "-c", command);

    private static CommandResult Execute(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(124, stdout.Result, stderr.Result + $"\n(killed after {timeout.TotalSeconds:0} s)");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Parses <c>scontrol -o show job</c>: one record a line, space-separated <c>Key=Value</c> fields.</summary>
    private static List<SlurmTask> ParseJobs(string text)
    {
        var tasks = new List<SlurmTask>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = field.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    fields.TryAdd(field[..eq], field[(eq + 1)..]);
                }
            }

            if (!fields.TryGetValue("JobId", out string? id))
            {
                continue;
            }

            string state = fields.GetValueOrDefault("JobState", "");
            string arrayTask = fields.GetValueOrDefault("ArrayTaskId", "");
            string[] exit = fields.GetValueOrDefault("ExitCode", "0:0").Split(':');
            int code = int.TryParse(exit[0], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : -1;
            int signal = exit.Length > 1 && int.TryParse(exit[1], NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
            tasks.Add(new SlurmTask(id, arrayTask, state, code, signal, TerminalStates.Contains(state, StringComparer.Ordinal)));
        }

        return tasks;
    }
}

/// <summary>One job (or array task) as <c>scontrol show job</c> reports it.</summary>
/// <param name="JobId">Slurm's own id of this record.</param>
/// <param name="ArrayTaskId">The array index (or a pending range such as <c>0-3</c>); empty for a job that is no array.</param>
/// <param name="State">JobState, e.g. <c>COMPLETED</c> or <c>FAILED</c>.</param>
/// <param name="ExitCode">The batch script's exit status.</param>
/// <param name="Signal">The signal that ended it, 0 if none.</param>
/// <param name="IsFinished">Whether <paramref name="State"/> is final.</param>
public sealed record SlurmTask(string JobId, string ArrayTaskId, string State, int ExitCode, int Signal, bool IsFinished)
{
    /// <summary>Completed with exit status 0.</summary>
    public bool Succeeded => State == "COMPLETED" && ExitCode == 0 && Signal == 0;
}

/// <summary>What a command printed and returned.</summary>
/// <param name="ExitCode">Its exit status (124 when killed for taking too long).</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="Stderr">Its standard error.</param>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
