using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Sacred.Board.Hosting;

/// <summary>
/// The board is a library: it never takes over the process's Ctrl-C or SIGTERM (the host that embeds it decides
/// when to stop, e.g. the <c>sacred board</c> command).
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
