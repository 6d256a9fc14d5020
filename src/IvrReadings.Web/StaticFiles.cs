using System.Security.Cryptography;

namespace IvrReadings.Web;

/// <summary>
/// The console's script and icon, built into the assembly and served from our own origin (the CSP allows scripts from
/// 'self' only). Their paths carry a hash of the content, so a browser may keep them for a year and still sees a new version.
/// </summary>
public static class StaticFiles
{
    private static readonly byte[] Script = Load("IvrReadings.Web.Static.console.js");
    private static readonly byte[] Favicon = Load("IvrReadings.Web.Static.favicon.svg");

    /// <summary>The script's path with its version (computed when the first page is drawn, not when the routes are mapped:
    /// hashing loads the crypto libraries, ~5 MB that a server nobody has opened the console on does without).</summary>
    public static string ScriptPath => Versioned.ScriptPath;

    public static string FaviconPath => Versioned.FaviconPath;

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/console.js", (HttpContext http) => Serve(http, Script, "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet("/favicon.svg", (HttpContext http) => Serve(http, Favicon, "image/svg+xml")).AllowAnonymous();
        app.MapGet("/favicon.ico", () => Results.Redirect(FaviconPath, permanent: true)).AllowAnonymous();
    }

    private static IResult Serve(HttpContext http, byte[] content, string type)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(content, type);
    }

    private static string Version(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static class Versioned
    {
        public static readonly string ScriptPath = "/console.js?v=" + Version(Script);

        public static readonly string FaviconPath = "/favicon.svg?v=" + Version(Favicon);
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(StaticFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
