using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using IvrReadings.Audio;
using IvrReadings.CallFlow.Runner;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Voice.AudioSocket;

/// <summary>
/// The caller's answer streamed to this server by Asterisk (<c>EXEC AudioSocket uuid,host:port</c>), so Asterisk and the
/// servers need no shared directory: after the beep, Asterisk connects to <see cref="AudioSocketListener"/> and sends
/// the caller's audio as it comes; the server decides when the answer is over (<see cref="AnswerEndDetector"/>: the
/// configured silence after speech, no answer, the maximum), also when the phone sends no frames at all, and ends the
/// stream. The audio is written to this server's recordings directory (and kept in the database by the voice flow).
/// When Asterisk cannot connect (no app_audiosocket, a firewall), the answer is recorded by RECORD FILE instead.
/// </summary>
public sealed partial class AudioSocketCapture(
    AudioSocketListener listener,
    RecordFileCapture fallback,
    RecordingPaths paths,
    TimeProvider time,
    IOptions<VoiceOptions> options,
    ILogger<AudioSocketCapture> logger) : IAnswerCapture
{
    /// <summary>Asterisk gives up connecting after 2 s (app_audiosocket); a little more than that.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    public async Task<CapturedAnswer> CaptureAsync(IAgiChannel channel, string callId, string relative, int maxSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (Address(channel) is not { } address)
        {
            LogNoAddress(callId);
            return await fallback.CaptureAsync(channel, callId, relative, maxSeconds, ct).ConfigureAwait(false);
        }

        using var expectation = listener.Expect(Guid.NewGuid());
        var beep = await channel.StreamFileAsync("beep", "", 0, ct).ConfigureAwait(false);
        ChannelPrompts.ThrowIfHungUp(channel);
        ChannelPrompts.WarnIfMissing(logger, beep.FileMissing, "beep");
        var exec = channel.ExecAsync("AudioSocket", $"{expectation.Id},{address}", ct);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            await Task.WhenAny(expectation.Connected, exec, Task.Delay(ConnectTimeout, time, wait.Token)).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }

        if (!expectation.Connected.IsCompletedSuccessfully)
        {
            // Asterisk could not reach this server: -2 no AudioSocket application, -1 refused or unreachable. Withdrawn
            // first: a connection that makes it after all is closed, not left open beside the recording.
            expectation.Dispose();
            var result = await exec.ConfigureAwait(false);
            ChannelPrompts.ThrowIfHungUp(channel);
            LogNoStream(callId, address, result);
            return await fallback.CaptureAsync(channel, callId, relative, maxSeconds, ct).ConfigureAwait(false);
        }

        var o = options.Value;
        var detector = new AnswerEndDetector(TimeSpan.FromSeconds(Math.Max(0.5, o.SilenceSeconds)), TimeSpan.FromSeconds(Math.Max(0.5, o.NoAnswerSeconds)),
            TimeSpan.FromSeconds(Math.Max(1, maxSeconds)), o.SilenceLevelDbfs);
        AnswerEndReason reason;
        using (var socket = expectation.Take())
        {
            reason = await StreamAsync(socket, detector, ct).ConfigureAwait(false);
        }

        int execResult;
        try
        {
            execResult = await exec.ConfigureAwait(false);
        }
        catch (CallHungUpException)
        {
            execResult = -1;
        }

        if (reason == AnswerEndReason.None && execResult < 0 && !channel.IsHungUp)
        {
            // -1 with the stream closed by Asterisk: the caller hung up; its HANGUP line follows the reply.
            await WaitForHangupAsync(channel).ConfigureAwait(false);
        }

        var audio = detector.Audio(reason);
        var end = channel.IsHungUp ? AnswerEnd.Hangup
            : reason switch
            {
                AnswerEndReason.Silence => AnswerEnd.Silence,
                AnswerEndReason.NoAnswer => AnswerEnd.NoAnswer,
                AnswerEndReason.MaxLength => AnswerEnd.MaxLength,
                // Asterisk ended the stream itself with the caller still there: keep what came.
                _ => AnswerEnd.Failed,
            };
        LogStreamed(callId, relative, end, audio.Duration.TotalSeconds, execResult);
        WriteLocalCopy(callId, relative, audio);
        return new CapturedAnswer(end, audio, end == AnswerEnd.Failed ? $"Asterisk ended the AudioSocket stream (result {execResult})" : null);
    }

    /// <summary>
    /// Receives the caller's audio until the detector says the answer is over (then ends the stream) or Asterisk closes
    /// it (the caller hung up: <see cref="AnswerEndReason.None"/>). Sends 20 ms of silence every 20 ms meanwhile: the
    /// caller hears nothing, and Asterisk, which drops a stream idle both ways for 2 s, keeps it.
    /// </summary>
    private async Task<AnswerEndReason> StreamAsync(Socket socket, AnswerEndDetector detector, CancellationToken ct)
    {
        var gate = new Lock();
        var started = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receiving = ReceiveAsync(socket, detector, gate, stop.Token);
        using var timer = new PeriodicTimer(Tick, time);
        var reason = AnswerEndReason.None;
        try
        {
            while (!receiving.IsCompleted)
            {
                lock (gate)
                {
                    reason = detector.Check(time.GetElapsedTime(started));
                }

                // Audio still waiting in the socket (this server was held up, by a pause or a busy machine) is heard
                // before the clock may end the answer as silence or no answer: the caller may be speaking in it. (The
                // maximum stays a hard limit.)
                if (reason is AnswerEndReason.Silence or AnswerEndReason.NoAnswer && socket.Available > 0)
                {
                    reason = AnswerEndReason.None;
                }

                if (reason != AnswerEndReason.None)
                {
                    await socket.SendAsync(AudioSocketFrame.HangupMessage, SocketFlags.None, ct).ConfigureAwait(false);
                    socket.Shutdown(SocketShutdown.Send);
                    break;
                }

                await socket.SendAsync(AudioSocketFrame.Silence, SocketFlags.None, ct).ConfigureAwait(false);
                await Task.WhenAny(timer.WaitForNextTickAsync(ct).AsTask(), receiving).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The caller hung up or Asterisk closed the stream: what arrived is kept.
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
        return reason;
    }

    /// <summary>Feeds audio messages to the detector until the stream ends (closed, hangup or error message, stopped).</summary>
    private static async Task ReceiveAsync(Socket socket, AnswerEndDetector detector, Lock gate, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                filled += n;
                var pending = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (AudioSocketFrame.TryRead(ref pending, out var kind, out var payload))
                {
                    if (kind is AudioSocketKind.Hangup or AudioSocketKind.Error)
                    {
                        return;
                    }

                    if (kind == AudioSocketKind.Audio && payload.Length > 1)
                    {
                        var bytes = payload.Slice(0, payload.Length & ~1L).ToArray();
                        lock (gate)
                        {
                            detector.Add(MemoryMarshal.Cast<byte, short>(bytes));
                        }
                    }
                }

                // Keep the unparsed tail at the front (a message is at most 3 + 65535 bytes).
                var consumed = filled - (int)pending.Length;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed under us: the stream is over.
        }
    }

    private async Task WaitForHangupAsync(IAgiChannel channel)
    {
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (channel.HungUp.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), hungUp))
        {
            await Task.WhenAny(hungUp.Task, Task.Delay(TimeSpan.FromSeconds(1), time)).ConfigureAwait(false);
        }
    }

    /// <summary>How Asterisk reaches this server's AudioSocket: <c>Voice:AudioSocketAddress</c>, else the listener's own
    /// address, else (listening on every address) the address Asterisk reached this server's FastAGI at.</summary>
    private string? Address(IAgiChannel channel)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.AudioSocketAddress))
        {
            return options.Value.AudioSocketAddress;
        }

        if (!listener.Bound.IsCompletedSuccessfully || listener.Bound.Result is not { } bound)
        {
            return null;
        }

        var host = bound.Address;
        if (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any))
        {
            if (channel.LocalEndPoint is not IPEndPoint local)
            {
                return null;
            }

            host = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        }

        return new IPEndPoint(host, bound.Port).ToString();
    }

    /// <summary>The answer where this server reads recordings, as RECORD FILE would have left it there.</summary>
    private void WriteLocalCopy(string callId, string relative, PcmAudio audio)
    {
        try
        {
            Directory.CreateDirectory(paths.CallDirectory(callId));
            WavWriter.Write(paths.Resolve(relative + ".wav")!, audio);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNoLocalCopy(ex, callId, relative);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: no address for Asterisk to stream to (set Voice:AudioSocketAddress); recording with RECORD FILE")]
    private partial void LogNoAddress(string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk did not stream to AudioSocket {Address} (EXEC result {Result}: -2 no app_audiosocket, -1 refused or unreachable); recording with RECORD FILE")]
    private partial void LogNoStream(string callId, string address, int result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answer {File} streamed: ended by {End}, {Seconds:0.0} s of audio (EXEC result {Result})")]
    private partial void LogStreamed(string callId, string file, AnswerEnd end, double seconds, int result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: cannot write {File} in the recordings directory (it is kept in the database)")]
    private partial void LogNoLocalCopy(Exception ex, string callId, string file);
}
