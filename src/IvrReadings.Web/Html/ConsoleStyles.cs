namespace IvrReadings.Web.Html;

/// <summary>The one inline stylesheet, allowed by the Content-Security-Policy through its hash.</summary>
public static class ConsoleStyles
{
    public const string Css = """
        :root{--ink:#1d2733;--muted:#5d6b7a;--line:#d8dee6;--bg:#f5f7fa;--accent:#1f5fa8;--warn:#b4570b;--bad:#b3261e;--ok:#1e7a3c}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;padding:.6rem 1.2rem;background:#17324f;color:#fff}
        header a{color:#fff;text-decoration:none}
        header nav{display:flex;gap:1rem;flex-wrap:wrap}
        header nav a{padding:.2rem 0;border-bottom:2px solid transparent}
        header nav a.on{border-bottom-color:#9cc3ff}
        header .brand{font-weight:600}
        header .spacer{flex:1}
        header form{display:inline;margin:0}
        header button{background:none;border:1px solid #6f8cad;color:#fff;border-radius:4px;padding:.1rem .5rem;cursor:pointer;font:inherit;font-size:.85rem}
        header button.on{background:#6f8cad}
        .badge{display:inline-block;min-width:1.6rem;text-align:center;background:#e8a33d;color:#1d2733;border-radius:999px;padding:0 .45rem;font-weight:700}
        .badge.zero{background:#3f6a3f;color:#fff}
        main{max-width:1150px;margin:1.2rem auto;padding:0 1.2rem}
        h1{font-size:1.45rem;margin:.2rem 0 1rem}
        h2{font-size:1.1rem;margin:1.4rem 0 .6rem}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}
        th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#eef2f7;font-weight:600;font-size:.9rem}
        table.kv th{width:14rem}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        a{color:var(--accent)}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin-bottom:1rem}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
        .muted{color:var(--muted)}
        .flag{display:inline-block;font-size:.78rem;border-radius:4px;padding:0 .35rem;margin:0 .2rem .1rem 0;background:#e9eef5}
        .flag.warn{background:#fde7cf;color:var(--warn)}
        .flag.bad{background:#f9dedc;color:var(--bad)}
        .flag.ok{background:#d9f0df;color:var(--ok)}
        .msg{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem;background:#d9f0df}
        .msg.error{background:#f9dedc}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin-bottom:1rem}
        label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.15rem}
        input,select{font:inherit;padding:.3rem .45rem;border:1px solid #b8c2ce;border-radius:4px;background:#fff;color:var(--ink)}
        input.figure{width:9rem;font-variant-numeric:tabular-nums}
        button.primary{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.45rem .9rem;font:inherit;cursor:pointer}
        button.small{font-size:.85rem;padding:.2rem .6rem;border:1px solid #b8c2ce;border-radius:4px;background:#fff;cursor:pointer}
        audio{width:100%;max-width:520px;display:block;margin:.3rem 0}
        .login{max-width:360px;margin:8vh auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.6rem}
        .login label{margin-bottom:.8rem}
        .timeline{list-style:none;padding:0;margin:0}
        .timeline li{padding:.3rem 0 .3rem .8rem;border-left:3px solid var(--line)}
        .timeline .t{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.6rem}
        .stat{font-size:1.8rem;font-weight:700}
        svg{display:block;max-width:520px;height:auto}
        .grid.stats{grid-template-columns:repeat(auto-fit,minmax(170px,1fr))}
        .chart h2{margin-top:0}
        svg text{font-family:system-ui,sans-serif}
        .msg.warn{background:#fdf0dc}
        .stat.small{font-size:1.1rem}
        form.inline{display:inline;margin:0}
        .narrow{max-width:420px}
        .narrow label{margin-bottom:.7rem}
        td.caller,span.caller,q.heard,td.detail,td.target{overflow-wrap:anywhere;word-break:break-all}
        kbd{font:600 .75rem ui-monospace,monospace;border:1px solid #b8c2ce;border-bottom-width:2px;border-radius:3px;padding:0 .25rem;background:#f3f5f8;color:var(--ink)}
        button.primary kbd{background:transparent;color:#fff;border-color:#9cc3ff}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;position:sticky;top:0;z-index:1}
        .actions button{font:inherit;padding:.4rem .7rem;border:1px solid #b8c2ce;border-radius:4px;background:#fff;cursor:pointer}
        .actions button.primary{border-color:var(--accent);background:var(--accent)}
        .actions button:disabled{opacity:.45;cursor:not-allowed}
        .actions .callback{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
        .actions .keys{flex-basis:100%;margin:.2rem 0 0}
        table.review td{vertical-align:top}
        .recording{border-left:3px solid var(--line);padding:.2rem 0 .3rem .6rem;margin:.2rem 0 .5rem}
        .recording.current{border-left-color:var(--accent)}
        .recording .player{display:flex;align-items:center;gap:.4rem}
        .recording .speed{font-size:.8rem;color:var(--muted)}
        table.review audio{max-width:320px}
        .finding{font-size:.85rem;margin-top:.25rem;padding:.15rem .4rem;border-radius:3px;max-width:22rem}
        .finding.warn{background:#fde7cf;color:var(--warn)}
        .finding.bad{background:#f9dedc;color:var(--bad)}
        .finding.ask{background:#e8f0fb;color:var(--accent)}
        input[aria-invalid=true]{border-color:var(--bad);outline:2px solid #f3b4ae}
        header a#me{opacity:.9}
        .account .filters input{width:14rem}
        .account h2{margin-top:0}
        #start{margin:0 0 .8rem}
        """;

    /// <summary>The CSP source expression that allows exactly this stylesheet: the SHA-256 of <see cref="Css"/>, written out
    /// (a test checks it against the stylesheet) so that a server does not load the crypto libraries, ~5 MB, to answer
    /// /health. After changing the stylesheet, put the hash that test prints here.</summary>
    public const string CspHash = "'sha256-itVBzr4Ut8TXIeik6bjJRK/lJ2vd5+81LfcLa29LGjs='";
}
