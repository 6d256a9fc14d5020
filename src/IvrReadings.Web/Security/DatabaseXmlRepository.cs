using System.Xml.Linq;
using IvrReadings.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace IvrReadings.Web.Security;

/// <summary>
/// Keeps the data-protection key ring in the database (<see cref="IDataProtectionKeyStore"/>), so every console on one
/// database signs and reads the same cookies and anti-forgery tokens: a sign-in on one server works on the next.
/// The key manager calls this rarely (at start, when a key is created, and on its refresh) and synchronously.
/// </summary>
public sealed class DatabaseXmlRepository(IDataProtectionKeyStore store, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.AllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.AddAsync(name, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
    }
}
