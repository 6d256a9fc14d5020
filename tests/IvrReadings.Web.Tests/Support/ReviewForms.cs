using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IvrReadings.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// The account the examples are about (electricity 45,012 with its verification overdue, cold water 905), voice
/// calls about it in the review queue, and the review form as a browser would post it.
/// </summary>
public static partial class ReviewForms
{
    public const string Account = "5678901";

    public static async Task<(long Electricity, long Water)> AccountAsync(ConsoleApp app)
    {
        var services = app.Services;
        if (await services.GetRequiredService<IAccountStore>().FindAsync(Account, CancellationToken.None) is { } known)
        {
            return (known.Meters.Single(m => m.Serial == "E-567").Id, known.Meters.Single(m => m.Serial == "W-567").Id);
        }

        var lastDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(-1));
        await services.GetRequiredService<IBillingStore>().UpsertAsync(
        [
            new AccountImportRow(Account, "ул. Гагарина, 8", "Кузнецова Е. В.", "E-567", MeterKind.Electricity, 1, 6, string.Empty, [45012], lastDate, new DateOnly(2020, 1, 1), null),
            new AccountImportRow(Account, "ул. Гагарина, 8", "Кузнецова Е. В.", "W-567", MeterKind.ColdWater, 1, 5, string.Empty, [905], lastDate, null, null),
        ], CancellationToken.None);
        var account = (await services.GetRequiredService<IAccountStore>().FindAsync(Account, CancellationToken.None))!;
        var electricity = account.Meters.Single(m => m.Serial == "E-567").Id;
        // Two months ago: 44,700, so the meter's usual month is ~312 kWh and a jump can be told from a normal month.
        var organisation = services.GetRequiredService<Organisation>();
        var period = BillingPeriod.Of(organisation.Window.LocalDate(DateTimeOffset.UtcNow));
        await services.GetRequiredService<IReadingStore>().SubmitAsync(new NewReading(electricity, Zone.Total, 44700, period.AddMonths(-2),
            DateTimeOffset.UtcNow.AddMonths(-2), SubmissionChannel.Keys), CancellationToken.None);
        return (electricity, account.Meters.Single(m => m.Serial == "W-567").Id);
    }

    /// <summary>A finished voice call about <see cref="Account"/> waiting for review; the machine's unsure figures as NeedsReview readings.</summary>
    public static async Task<string> QueuedCallAsync(ConsoleApp app, params (long MeterId, long Value)[] machine)
    {
        var callId = "rv-" + Guid.NewGuid().ToString("N")[..10];
        var services = app.Services;
        var calls = services.GetRequiredService<ICallLog>();
        var now = DateTimeOffset.UtcNow;
        var period = BillingPeriod.Of(services.GetRequiredService<Organisation>().Window.LocalDate(now));
        await calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+79001230000", PromptLanguage.Ru, now.AddMinutes(-5)), CancellationToken.None);
        await calls.SetAccountAsync(callId, Account, CancellationToken.None);
        foreach (var (meterId, value) in machine)
        {
            await services.GetRequiredService<IReadingStore>().SubmitAsync(new NewReading(meterId, Zone.Total, value, period, now.AddMinutes(-4),
                SubmissionChannel.Voice, ReadingStatus.NeedsReview, CallId: callId), CancellationToken.None);
        }

        if (machine.Length == 0)
        {
            var recording = await services.GetRequiredService<IRecordingStore>().AddAsync(new NewRecording(callId, "readings", callId + ".wav", now.AddMinutes(-4), Account),
                enqueue: false, CancellationToken.None);
            await services.GetRequiredService<IRecordingStore>().SetRecognitionAsync(recording.Id, new RecognitionResult(RecognitionStatus.NoSpeech, null, null), CancellationToken.None);
        }

        await calls.EndAsync(callId, CallOutcome.NeedsReview, "ReadingListen", now.AddMinutes(-3), CancellationToken.None);
        return callId;
    }

    /// <summary>Opens the review page (which claims the call) and posts the form as it came, with the given fields changed.</summary>
    public static async Task<HttpResponseMessage> PostAsync(StaffClient client, string callId, IDictionary<string, string> fields) =>
        await PostFromAsync(client, callId, await client.Http.GetStringAsync($"/queue/{callId}"), fields);

    /// <summary>Posts fields to a page already fetched (its hidden inputs, e.g. the confirmation of findings, included).</summary>
    public static Task<HttpResponseMessage> PostFromAsync(StaffClient client, string callId, string html, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var form = Inputs(html);
        form.Remove("outcome");
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        return client.PostFormAsync($"/queue/{callId}", form);
    }

    public static string Field(long meterId, Zone zone = Zone.Total) => string.Create(CultureInfo.InvariantCulture, $"v_{meterId}_{zone}");

    /// <summary>The named inputs of the review form with their values.</summary>
    public static Dictionary<string, string> Inputs(string html)
    {
        var form = html[html.IndexOf("id=\"review-form\"", StringComparison.Ordinal)..];
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputPattern().Matches(form))
        {
            var name = NamePattern().Match(input.Value);
            if (!name.Success || input.Value.Contains("type=\"submit\"", StringComparison.Ordinal))
            {
                continue;
            }

            var value = ValuePattern().Match(input.Value);
            inputs[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : string.Empty;
        }

        return inputs;
    }

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex(" name=\"([^\"]*)\"")]
    private static partial Regex NamePattern();

    [GeneratedRegex(" value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
