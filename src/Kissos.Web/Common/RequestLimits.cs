namespace Kissos.Common;

/// <summary>
/// The largest request bodies the server reads (Kestrel answers 413 above them): an edit is a few kilobytes of
/// JSON, so 1 MB is generous; a provider's register import is CSV of at most some ten thousand rows.
/// </summary>
public static class RequestLimits
{
    public const long Body = 1 << 20;
    public const long CsvImport = 32 << 20;

    /// <summary>Lets an import endpoint read up to <see cref="CsvImport"/> bytes.</summary>
    public static RouteHandlerBuilder AcceptsCsvImport(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CsvImport));
}
