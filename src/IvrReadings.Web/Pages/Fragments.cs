using System.Text;
using System.Text.Json;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Pages;

/// <summary>Pieces several pages share: flags, the readings table, the recognizer's alternatives.</summary>
internal static class Fragments
{
    /// <summary>The engine's n-best list, whatever its exact JSON shape (strings, or objects with text and confidence).</summary>
    public static IReadOnlyList<(string Text, double? Confidence)> Alternatives(string? json)
    {
        var found = new List<(string, double?)>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return found;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, found, 0);
        }
        catch (JsonException)
        {
            found.Add((json.Length > 200 ? json[..200] : json, null));
        }

        return found;
    }

    private static void Collect(JsonElement element, List<(string, double?)> found, int depth)
    {
        if (depth > 4 || found.Count >= 10)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                found.Add((element.GetString() ?? string.Empty, null));
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                string? text = null;
                double? confidence = null;
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name.ToLowerInvariant();
                    if (name is "text" or "transcript" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        text = property.Value.GetString();
                    }
                    else if (name is "confidence" or "conf" && property.Value.TryGetDouble(out var c))
                    {
                        confidence = c;
                    }
                    else if (name is "alternatives" or "alternative" or "nbest" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        Collect(property.Value, found, depth + 1);
                    }
                }

                if (text is not null)
                {
                    found.Add((text, confidence));
                }

                break;
        }
    }

    public static string Flags(UiText t, ReadingFlags flags, ReadingStatus status)
    {
        var html = new StringBuilder();
        if (status == ReadingStatus.NeedsReview)
        {
            Flag(html, "warn", t["flag.review"]);
        }

        if (flags.HasFlag(ReadingFlags.LowerThanPrevious))
        {
            Flag(html, "bad", t["flag.lower"]);
        }

        if (flags.HasFlag(ReadingFlags.LargeJumpConfirmed))
        {
            Flag(html, "warn", t["flag.jump"]);
        }

        if (flags.HasFlag(ReadingFlags.VerificationOverdue))
        {
            Flag(html, "warn", t["flag.overdue"]);
        }

        if (flags.HasFlag(ReadingFlags.AutoFilled))
        {
            Flag(html, string.Empty, t["flag.autofill"]);
        }

        if (flags.HasFlag(ReadingFlags.StaffCorrected))
        {
            Flag(html, "ok", t["flag.corrected"]);
        }

        return html.ToString();
    }

    private static void Flag(StringBuilder html, string css, string text) =>
        html.Append("<span class=\"flag ").Append(css).Append("\">").Append(H.E(text)).Append("</span>");

    public static string MeterName(UiText t, Meter? meter) =>
        meter is null ? "—" : H.E(t.Of(meter.Kind)) + (string.IsNullOrEmpty(meter.Description) ? string.Empty : " (" + H.E(meter.Description) + ")") + " <span class=\"muted\">№ " + H.E(meter.Serial) + "</span>";

    /// <summary>Readings newest first, with meter, zone, channel, flags and who confirmed them.</summary>
    public static string ReadingsTable(PageContext page, IEnumerable<Reading> readings, IReadOnlyDictionary<long, Meter> meters, bool showCall)
    {
        var t = page.T;
        var html = new StringBuilder("<table class=\"readings\"><thead><tr>");
        foreach (var head in new[] { "reading.period", "meter", "meter.zone" })
        {
            html.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        html.Append("<th class=\"num\">").Append(H.E(t["reading.value"])).Append("</th>");
        foreach (var head in new[] { "reading.date", "calls.channel", "reading.flags", "reading.by" })
        {
            html.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        if (showCall)
        {
            html.Append("<th>").Append(H.E(t["reading.call"])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var any = false;
        var all = readings.ToList();
        foreach (var reading in all.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id))
        {
            // The machine's unsure reading stays in history; once staff have entered the zone's figure it no longer waits.
            var superseded = reading.Status == ReadingStatus.NeedsReview && all.Any(r => r.Channel == SubmissionChannel.Staff
                && r.MeterId == reading.MeterId && r.Zone == reading.Zone && r.Period == reading.Period && r.Id > reading.Id);
            any = true;
            meters.TryGetValue(reading.MeterId, out var meter);
            html.Append("<tr data-reading=\"").Append(reading.Id).Append("\"><td>").Append(H.E(reading.Period.ToString())).Append("</td><td>")
                .Append(MeterName(t, meter)).Append("</td><td>").Append(H.E(t.Of(reading.Zone))).Append("</td><td class=\"num value\">")
                .Append(H.E(reading.Value)).Append("</td><td>").Append(page.Time(reading.SubmittedAt)).Append("</td><td>")
                .Append(H.E(t.Of(reading.Channel))).Append("</td><td>")
                .Append(superseded ? "<span class=\"flag\">" + H.E(t["flag.superseded"]) + "</span>" + Flags(t, reading.Flags, ReadingStatus.Accepted) : Flags(t, reading.Flags, reading.Status))
                .Append("</td><td class=\"by\">")
                .Append(H.E(reading.EnteredBy ?? "—")).Append("</td>");
            if (showCall)
            {
                html.Append("<td>").Append(reading.CallId is null ? "—" : $"<a href=\"/calls/{H.Url(reading.CallId)}\">{H.E(Short(reading.CallId))}</a>").Append("</td>");
            }

            html.Append("</tr>");
        }

        if (!any)
        {
            html.Append("<tr><td colspan=\"9\" class=\"muted\">—</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string Short(string id) => id.Length > 14 ? id[..14] + "…" : id;

    public static string Outcome(UiText t, CallRecord call) =>
        call.Outcome is { } outcome ? H.E(t.Of(outcome)) : H.E(t["CallOutcome.InProgress"]);

    public static string AccountLink(string? number) =>
        number is null ? "—" : $"<a href=\"/accounts/{H.Url(number)}\">{H.E(number)}</a>";
}
