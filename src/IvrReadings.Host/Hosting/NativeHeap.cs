using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace IvrReadings.Host.Hosting;

/// <summary>
/// Gives the native heap's free pages back to the system every <see cref="Interval"/>. .NET keeps its objects in its
/// own heap; what goes through glibc's malloc (the runtime's JIT and type loader, SQLite, native buffers) is small but
/// comes in bursts, spread over up to 8 arenas per core (one per thread that allocated, while there are fewer). glibc
/// returns a free page to the system only when it sits at the top of an arena, so each burst leaves its arena's high-water
/// mark resident: in the soak, anonymous memory rose by steps of 1-4 MB whenever another arena took a burst, with 8-13 MB
/// free inside the arenas and 5-10 MB in use. <c>malloc_trim</c> releases every whole free page of every arena (the
/// allocator keeps the address space); it takes the arenas' locks one at a time, 0.3-0.5 ms (at most 3 ms on a loaded
/// machine). Figures: docs/benchmarks.md#soak.
/// </summary>
/// <remarks>
/// Bounding the arenas instead (<c>mallopt(M_ARENA_MAX, 2)</c> at the top of <c>Main</c>, 7 arenas instead of 16
/// since the runtime has made some by then, or <c>MALLOC_ARENA_MAX=2</c> from process start) left the growth as it was:
/// tried and dropped. What fragmented the arenas were the JIT's 64 KiB working slabs; <c>./ivr-readings</c> gives them
/// their own mappings (<c>MALLOC_MMAP_THRESHOLD_</c>). Not glibc (musl, not Linux): nothing to do.
/// </remarks>
internal sealed partial class NativeHeap : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return;
            }
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
