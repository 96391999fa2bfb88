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

        // Each source (a partition of the tab, in index order) is read in keyset batches, and their rows are merged
        // here, so every lead is read once, whatever the number of partitions.
        var ascending = query.Dir == SortDirection.Asc;
        var sources = list.Sources(organizationId, userId, tab, query)
            .Select(leads => new ExportSource(leads, query.Sort, ascending))
            .ToList();
        var next = new PriorityQueue<ExportSource, LeadCursor>(ascending ? CursorOrder : Comparer<LeadCursor>.Create((a, b) => CursorOrder.Compare(b, a)));
        foreach (var source in sources)
        {
            if (await source.MoveNextAsync(cancellationToken))
            {
                next.Enqueue(source, source.CurrentCursor);
            }
        }

        var cells = new string?[Columns.Count];
        var written = 0;
        while (next.TryDequeue(out var source, out _))
        {
            // Kestrel does not fail a write to a client that left; the token is how an abandoned export stops.
            cancellationToken.ThrowIfCancellationRequested();
            Fill(cells, source.Current);
            line.Clear();
            AppendRow(line, cells);
            await writer.WriteAsync(line, cancellationToken);
            if (++written % BatchSize == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }

            if (await source.MoveNextAsync(cancellationToken))
            {
                next.Enqueue(source, source.CurrentCursor);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static readonly Comparer<LeadCursor> CursorOrder = Comparer<LeadCursor>.Create((a, b) =>
        a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Id.CompareTo(b.Id));

    /// <summary>One ordered source of the export, read a batch at a time after the last row it returned.</summary>
    private sealed class ExportSource(IQueryable<Lead> leads, LeadSort sort, bool ascending)
    {
        private readonly Queue<ExportRow> _batch = new();
        private LeadCursor? _cursor;
        private bool _exhausted;

        public ExportRow Current { get; private set; } = null!;

        public LeadCursor CurrentCursor => LeadList.Cursor(sort, Current.Id, Current.ReceivedAtUtc, Current.ResponseDeadlineUtc, Current.DealValueMinor);

        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            if (_batch.Count == 0 && !_exhausted)
            {
                var rows = await LeadList.Page(leads, sort, ascending, _cursor)
                    .Take(BatchSize)
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
                    .ToListAsync(cancellationToken);
                _exhausted = rows.Count < BatchSize;
                rows.ForEach(_batch.Enqueue);
                if (rows.Count > 0)
                {
                    var last = rows[^1];
                    _cursor = LeadList.Cursor(sort, last.Id, last.ReceivedAtUtc, last.ResponseDeadlineUtc, last.DealValueMinor);
                }
            }

            if (!_batch.TryDequeue(out var row))
            {
                return false;
            }

            Current = row;
            return true;
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
