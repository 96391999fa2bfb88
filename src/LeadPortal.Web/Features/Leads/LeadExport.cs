using System.Buffers;
using System.Globalization;
using System.Text;

using LeadPortal.Core.Leads;

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LeadPortal.Web.Features.Leads;

/// <summary>
/// Writes a lead list (tab, filters and sort, every page of it) as CSV: UTF-8 with a byte order mark so spreadsheet
/// programs read Chinese text correctly, RFC 4180 quoting, CRLF line ends, and a guard against formula injection.
/// Rows are read in keyset batches and written as they arrive, so a list of any length never sits in memory.
/// </summary>
public sealed class LeadExport(LeadList list, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>The header row; every user-visible word of the export is in this class.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Id", "Type", "Stage", "Outcome", "Company", "Contact", "Email", "Phone", "Country", "City",
        "Received (UTC)", "Response deadline (UTC)", "Answered (UTC)", "Deal name", "Estimated value", "Currency",
        "Purchase date", "Decline reason", "Contact requested",
    ];

    private const string Yes = "Yes";
    private const string No = "No";
    private const string IsoUtc = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static bool TryParseTab(string? value, out LeadTab tab)
    {
        // Enum.TryParse would also take "0" or "Marketplace,Qualified"; only the three route names are tabs.
        foreach (var candidate in Enum.GetValues<LeadTab>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                tab = candidate;
                return true;
            }
        }

        tab = default;
        return false;
    }

    public string FileName(LeadTab tab) =>
        string.Create(CultureInfo.InvariantCulture, $"leads-{tab.ToString().ToLowerInvariant()}-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.csv");

    public IActionResult Result(int organizationId, string userId, LeadTab tab, LeadListQuery query) =>
        new CsvResult(this, organizationId, userId, tab, query);

    public async Task WriteAsync(Stream body, int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(query);
        await body.WriteAsync(Utf8Bom, cancellationToken);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        AppendRow(line, Columns);
        await writer.WriteAsync(line, cancellationToken);

        var ascending = query.Dir == SortDirection.Asc;
        LeadCursor? cursor = null;
        var cells = new string?[Columns.Count];
        while (true)
        {
            ExportRow? last = null;
            var read = 0;
            var batch = list.Ordered(organizationId, userId, tab, query, ascending, cursor, BatchSize)
                .Select(l => new ExportRow(
                    l.Id, l.Type, l.Stage, l.Outcome,
                    l.Customer.CompanyName, l.Customer.ContactName, l.Customer.Email, l.Customer.Phone, l.Customer.Country, l.Customer.City,
                    l.ReceivedAtUtc, l.ResponseDeadlineUtc, l.AnsweredAtUtc,
                    l.Deal == null ? null : l.Deal.Name,
                    l.Deal == null ? null : l.Deal.ValueMinor,
                    l.Deal == null ? null : l.Deal.Currency,
                    l.Deal == null ? null : l.Deal.EstimatedPurchaseDate,
                    l.DeclineReason,
                    l.ContactRequested))
                .AsAsyncEnumerable();
            await foreach (var row in batch.WithCancellation(cancellationToken))
            {
                Fill(cells, row);
                line.Clear();
                AppendRow(line, cells);
                await writer.WriteAsync(line, cancellationToken);
                last = row;
                read++;
            }

            await writer.FlushAsync(cancellationToken);
            if (read < BatchSize || last is null)
            {
                return;
            }

            cursor = LeadList.Cursor(query.Sort, last.Id, last.ReceivedAtUtc, last.ResponseDeadlineUtc, last.DealValueMinor);
        }
    }

    /// <summary>
    /// One CSV field. A value starting with =, +, -, @, tab or carriage return gets a leading apostrophe, so a
    /// spreadsheet shows it as text instead of running it as a formula; a value with a comma, quote, CR or LF is
    /// quoted, with its quotes doubled (RFC 4180).
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(NeedsQuotes) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendRow(StringBuilder line, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Escape(cells[i]));
        }

        line.Append("\r\n");
    }

    private static void Fill(string?[] cells, ExportRow row)
    {
        var invariant = CultureInfo.InvariantCulture;
        cells[0] = row.Id.ToString(invariant);
        cells[1] = LeadDisplay.Label(row.Type);
        cells[2] = LeadDisplay.Label(row.Stage);
        cells[3] = row.Outcome is { } outcome ? LeadDisplay.Label(outcome) : null;
        cells[4] = row.Company;
        cells[5] = row.Contact;
        cells[6] = row.Email;
        cells[7] = row.Phone;
        cells[8] = row.Country;
        cells[9] = row.City;
        cells[10] = row.ReceivedAtUtc.ToString(IsoUtc, invariant);
        cells[11] = row.ResponseDeadlineUtc.ToString(IsoUtc, invariant);
        cells[12] = row.AnsweredAtUtc?.ToString(IsoUtc, invariant);
        cells[13] = row.DealName;
        cells[14] = row.DealValueMinor is { } minor && row.DealCurrency is { } currency ? MajorUnits(minor, currency) : null;
        cells[15] = row.DealCurrency;
        cells[16] = row.PurchaseDate?.ToString("yyyy-MM-dd", invariant);
        cells[17] = row.DeclineReason is { } reason ? LeadDisplay.Label(reason) : null;
        cells[18] = row.ContactRequested ? Yes : No;
    }

    /// <summary>The amount in major units with the currency's decimals, invariant culture: 250050 USD is "2500.50".</summary>
    public static string MajorUnits(long minor, string currency)
    {
        var digits = Currencies.TryGetMinorDigits(currency, out var d) ? d : 2;
        var scale = 1m;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        return (minor / scale).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private sealed record ExportRow(
        long Id,
        LeadType Type,
        LeadStage Stage,
        LeadOutcome? Outcome,
        string Company,
        string Contact,
        string Email,
        string? Phone,
        string Country,
        string? City,
        DateTime ReceivedAtUtc,
        DateTime ResponseDeadlineUtc,
        DateTime? AnsweredAtUtc,
        string? DealName,
        long? DealValueMinor,
        string? DealCurrency,
        DateOnly? PurchaseDate,
        DeclineReason? DeclineReason,
        bool ContactRequested);

    /// <summary>Sets the download headers, then streams the rows into the response body.</summary>
    private sealed class CsvResult(LeadExport export, int organizationId, string userId, LeadTab tab, LeadListQuery query) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = export.FileName(tab) }.ToString();
            // Personal data: not for shared caches, and not kept by the browser.
            response.Headers.CacheControl = "no-store";
            await export.WriteAsync(response.Body, organizationId, userId, tab, query, context.HttpContext.RequestAborted);
        }
    }
}
