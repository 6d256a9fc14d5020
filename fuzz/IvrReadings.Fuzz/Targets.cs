using System.Buffers;
using IvrReadings.Audio;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Storage;

namespace IvrReadings.Fuzz;

/// <summary>
/// One target per parser that reads what others wrote. Each catches only the exception its parser promises for bad
/// input; anything else that escapes (an IndexOutOfRange, an OutOfMemory, a hang past afl's timeout) is a finding.
/// The two FastAGI parsers must also give the same result whatever the segmentation of the bytes.
/// </summary>
internal static class Targets
{
    private const int MaxLineLength = 8192; // FastAgi:MaxLineLength's default

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["agi-environment"] = AgiEnvironmentBlock,
        ["agi-reply"] = AgiReplies,
        ["wav"] = Wav,
        ["billing-csv"] = BillingCsv,
    };

    private static void AgiEnvironmentBlock(byte[] data) => SameInAnyChunks(data, ParseEnvironment, "environment");

    private static void AgiReplies(byte[] data) => SameInAnyChunks(data, ParseReplies, "replies");

    /// <summary>Bytes from the network arrive in any chunks: the parse must not depend on where they were cut.</summary>
    private static void SameInAnyChunks(byte[] data, Func<ReadOnlySequence<byte>, string> parse, string what)
    {
        var whole = parse(Segments.Whole(data));
        var chunked = parse(Segments.Chunked(data, 1 + (data.Length > 0 ? data[0] % 16 : 0)));
        if (whole != chunked)
        {
            throw new InvalidOperationException($"{what} differ by segmentation: [{whole}] vs [{chunked}]");
        }
    }

    private static string ParseEnvironment(ReadOnlySequence<byte> buffer)
    {
        try
        {
            if (!AgiEnvironmentParser.TryParse(ref buffer, MaxLineLength, out var environment))
            {
                return "incomplete";
            }

            // What the server reads of every call.
            _ = environment.Values.Count;
            _ = environment.GetQueryParameter("lang");
            return string.Join('|', environment.Values.Select(kv => $"{kv.Key}={kv.Value}")) + $"|{environment.Script}|{environment.Query}|"
                + string.Join(',', environment.Arguments) + $"|{environment.UniqueId}|{environment.Channel}|{environment.CallerId}|rest {buffer.Length}";
        }
        catch (AgiProtocolException ex)
        {
            return "refused: " + ex.Message;
        }
    }

    private static string ParseReplies(ReadOnlySequence<byte> buffer)
    {
        var parsed = new List<string>();
        try
        {
            while (AgiResponseParser.TryParse(ref buffer, MaxLineLength, out var message))
            {
                parsed.Add(message.IsHangup ? "HANGUP" : $"{message.Response} {message.Response.Result} {message.Response.IsSuccess}");
            }

            parsed.Add($"rest {buffer.Length}");
        }
        catch (AgiProtocolException ex)
        {
            parsed.Add("refused: " + ex.Message);
        }

        return string.Join('\n', parsed);
    }

    private static void Wav(byte[] data)
    {
        try
        {
            var audio = WavReader.Read(data);
            _ = VoiceActivity.Voiced(audio);
            _ = AudioResampler.Resample(audio, 16000);
        }
        catch (WavFormatException)
        {
        }
    }

    private static void BillingCsv(byte[] data)
    {
        try
        {
            var importer = new AccountImporter(new CountingStore()) { BatchSize = 64 };
            importer.ImportAsync(new MemoryStream(data, writable: false), null, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidDataException)
        {
            // a header without the required columns: refused as a whole, with the missing columns named
        }
    }

    private sealed class CountingStore : IBillingStore
    {
        public Task<ImportCounts> UpsertAsync(IReadOnlyList<AccountImportRow> batch, CancellationToken cancellationToken) =>
            Task.FromResult(new ImportCounts(batch.Count, 0));

        public IAsyncEnumerable<ExportRow> ExportAsync(BillingPeriod period, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Reading>> ImportReadingsAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
