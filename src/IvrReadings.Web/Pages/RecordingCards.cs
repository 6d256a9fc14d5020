using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.I18n;
using IvrReadings.Web.Recordings;

namespace IvrReadings.Web.Pages;

/// <summary>
/// A recording as staff meet it: what the robot asked (account number, which meter and zone, a yes/no question), when,
/// the machine's verdict, a player (range requests, so it seeks), what was heard and the alternatives.
/// </summary>
internal static class RecordingCards
{
    public static string Render(PageContext page, IEnumerable<Recording> recordings, IReadOnlyCollection<Meter> meters)
    {
        var t = page.T;
        var files = page.Http.RequestServices.GetRequiredService<RecordingFileResolver>();
        var html = new StringBuilder();
        foreach (var recording in recordings)
        {
            html.Append("<div class=\"recording\" id=\"recording-").Append(recording.Id).Append("\"><div class=\"asked\"><strong>")
                .Append(H.E(Asked(t, recording, meters))).Append("</strong> <span class=\"muted\">").Append(page.Clock(recording.RecordedAt))
                .Append("</span> <span class=\"flag").Append(recording.Status is RecognitionStatus.Uncertain or RecognitionStatus.NoSpeech or RecognitionStatus.Failed ? " warn" : string.Empty)
                .Append("\">").Append(H.E(t.Of(recording.Status))).Append("</span></div>");
            if (files.Resolve(recording.FilePath) is null && !recording.AudioInDatabase)
            {
                html.Append("<p class=\"msg error\">").Append(H.E(t["review.nofile"])).Append("</p>");
            }
            else
            {
                html.Append("<div class=\"player\"><audio controls preload=\"metadata\" src=\"/recordings/").Append(H.E(recording.Id))
                    .Append("\"></audio><span class=\"speed\"></span></div>");
            }

            html.Append("<div>").Append(H.E(t["review.heard"])).Append(": <q class=\"heard\">").Append(H.E(recording.RecognizedText ?? "—")).Append("</q>");
            var alternatives = Fragments.Alternatives(recording.AlternativesJson).Where(a => a.Text != recording.RecognizedText).ToList();
            if (alternatives.Count > 0)
            {
                html.Append(" <span class=\"muted\">").Append(H.E(t["review.alternatives"])).Append(": ");
                html.AppendJoin(", ", alternatives.Select(a => "<q>" + H.E(a.Text) + "</q>"
                    + (a.Confidence is { } c ? " (" + H.E(c.ToString("0.00", CultureInfo.InvariantCulture)) + ")" : string.Empty)));
                html.Append("</span>");
            }

            html.Append("</div></div>");
        }

        return html.ToString();
    }

    /// <summary>"Asked: cold water (kitchen), reading" and the like, from the recording's step, meter and zone.</summary>
    public static string Asked(UiText t, Recording recording, IReadOnlyCollection<Meter> meters)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(recording);
        var meter = recording.MeterId is { } id ? meters.FirstOrDefault(m => m.Id == id) : null;
        var what = meter is null
            ? (recording.MeterId is { } unknown ? t["meter"] + " #" + unknown.ToString(CultureInfo.InvariantCulture) : null)
            : t.Of(meter.Kind) + (string.IsNullOrEmpty(meter.Description) ? string.Empty : " (" + meter.Description + ")")
                + (meter.ZoneCount > 1 && recording.Zone is { } zone ? ", " + t.Of(zone) : string.Empty);
        var asked = recording.Step switch
        {
            "account" => t["asked.account"],
            "confirm-account" => t["asked.confirmaccount"] + (recording.AccountNumber is { } a ? " " + a : string.Empty),
            "reading" => t["asked.reading"] + (what is null ? string.Empty : ": " + what),
            "confirm-reading" => t["asked.confirmreading"] + (what is null ? string.Empty : ": " + what),
            "readings" => t["asked.all"],
            _ => t.Step(recording.Step) + (what is null ? string.Empty : ": " + what),
        };
        return t["asked"] + " " + asked;
    }
}
