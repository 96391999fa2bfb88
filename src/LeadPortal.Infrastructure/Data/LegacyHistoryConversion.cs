using System.Text.RegularExpressions;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data.Configurations;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// Turns the history entries written before entries were structured (English text in the column now called
/// LegacyDetails) into changes, after the StructuredHistory migration, on every provider: the text's shapes are the
/// ones the lead's methods wrote, read back here in C# rather than in three SQL dialects. Entries it cannot read keep
/// their text, which the page shows as it was written. Safe to run again and from several instances at once: a row
/// is only rewritten while it still holds its text, and two runs write the same changes.
/// </summary>
public static partial class LegacyHistoryConversion
{
    private const int BatchSize = 500;

    /// <summary>Converts every convertible entry; returns how many were converted.</summary>
    public static async Task<int> RunAsync(LeadPortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var converted = 0;
        // Converted rows leave the query; those it cannot read stay, and are passed over.
        var unreadable = new List<Guid>();
        while (true)
        {
            var batch = await db.Database
                .SqlQuery<LegacyRow>($"""SELECT "Id", "Action", "LegacyDetails" AS "Details" FROM "LeadHistory" WHERE "LegacyDetails" IS NOT NULL""")
                .Where(r => !unreadable.Contains(r.Id))
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return converted;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in batch)
            {
                var changes = Enum.TryParse<LeadAction>(row.Action, out var action) ? Parse(action, row.Details) : null;
                var updated = changes is null ? 0 : await db.Database.ExecuteSqlAsync(
                    $"""UPDATE "LeadHistory" SET "Changes" = {LeadChangesJson.Write(changes)}, "LegacyDetails" = NULL WHERE "Id" = {row.Id} AND "LegacyDetails" = {row.Details}""",
                    cancellationToken);
                if (updated == 0)
                {
                    // Unreadable, or changed by another run meanwhile: either way not this run's to convert.
                    unreadable.Add(row.Id);
                }

                converted += updated;
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The changes an entry's text records, or null when the text is not in a shape the lead's methods wrote.</summary>
    public static IReadOnlyList<LeadChange>? Parse(LeadAction action, string details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return action switch
        {
            LeadAction.Receive => details == "customer asked to be contacted" ? [new LeadChange(LeadChangeField.ContactRequested, null, "true")] : null,
            LeadAction.Expire => details.StartsWith("expired", StringComparison.Ordinal) ? [] : null,
            LeadAction.Accept => Accepted(details),
            LeadAction.Decline => Declined(details),
            LeadAction.EditDeal => Edited(details),
            LeadAction.AddTeamMember => Person(details, "added ") is { } added ? [new LeadChange(LeadChangeField.TeamMember, null, added)] : null,
            LeadAction.RemoveTeamMember => Person(details, "removed ") is { } removed ? [new LeadChange(LeadChangeField.TeamMember, removed, null)] : null,
            LeadAction.MarkWon => Closed(details, "deal won"),
            LeadAction.MarkLost => Closed(details, "deal lost"),
            _ => null,
        };
    }

    private static List<LeadChange>? Accepted(string details)
    {
        var match = AcceptedText().Match(details);
        if (!match.Success || Money(match.Groups["value"].Value) is not { } value || Date(match.Groups["date"].Value) is not { } date)
        {
            return null;
        }

        List<LeadChange> changes =
        [
            new(LeadChangeField.DealName, null, match.Groups["name"].Value),
            new(LeadChangeField.EstimatedValue, null, value),
            new(LeadChangeField.PurchaseDate, null, date),
        ];
        if (match.Groups["contacts"].Success)
        {
            // The old text named the contacts without their addresses.
            changes.AddRange(match.Groups["contacts"].Value.Split(", ").Select(name => new LeadChange(LeadChangeField.TeamMember, null, name)));
        }

        return changes;
    }

    private static List<LeadChange>? Declined(string details)
    {
        var match = DeclinedText().Match(details);
        if (!match.Success || !Enum.TryParse<DeclineReason>(match.Groups["reason"].Value, out _))
        {
            return null;
        }

        List<LeadChange> changes = [new(LeadChangeField.DeclineReason, null, match.Groups["reason"].Value)];
        if (match.Groups["notes"].Success)
        {
            changes.Add(new LeadChange(LeadChangeField.Notes, null, match.Groups["notes"].Value));
        }

        return changes;
    }

    private static List<LeadChange>? Closed(string details, string start)
    {
        if (!details.StartsWith(start, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = details[start.Length..];
        List<LeadChange> changes = [];
        var final = FinalValueText().Match(rest);
        if (final.Success)
        {
            if (Money(final.Groups["from"].Value) is not { } from || Money(final.Groups["to"].Value) is not { } to)
            {
                return null;
            }

            changes.Add(new LeadChange(LeadChangeField.FinalValue, from, to));
            rest = rest[final.Length..];
        }

        if (rest.StartsWith("; notes: ", StringComparison.Ordinal))
        {
            changes.Add(new LeadChange(LeadChangeField.Notes, null, rest["; notes: ".Length..]));
        }
        else if (rest.Length > 0)
        {
            return null;
        }

        return changes;
    }

    /// <summary>Each part the deal editor wrote, in the order it wrote them, separated by "; ".</summary>
    private static List<LeadChange>? Edited(string details)
    {
        var changes = new List<LeadChange>();
        var rest = details;
        while (rest.Length > 0)
        {
            if (changes.Count > 0)
            {
                if (!rest.StartsWith("; ", StringComparison.Ordinal))
                {
                    return null;
                }

                rest = rest[2..];
            }

            if (rest.StartsWith("notes updated", StringComparison.Ordinal))
            {
                changes.Add(new LeadChange(LeadChangeField.DealNotes, null, null));
                rest = rest["notes updated".Length..];
                continue;
            }

            var part = EditedPart().Match(rest);
            if (!part.Success)
            {
                return null;
            }

            var (from, to) = (part.Groups["from"].Value, part.Groups["to"].Value);
            LeadChange? change = part.Groups["field"].Value switch
            {
                "deal name" => new LeadChange(LeadChangeField.DealName, Shown(from), Shown(to)),
                "CRM ID" => new LeadChange(LeadChangeField.CrmId, Shown(from), Shown(to)),
                "campaign ID" => new LeadChange(LeadChangeField.CampaignId, Shown(from), Shown(to)),
                "estimated value" when Money(from) is { } a && Money(to) is { } b => new LeadChange(LeadChangeField.EstimatedValue, a, b),
                "purchase date" when Date(from) is { } a && Date(to) is { } b => new LeadChange(LeadChangeField.PurchaseDate, a, b),
                _ => null,
            };
            if (change is null)
            {
                return null;
            }

            changes.Add(change);
            rest = rest[part.Length..];
        }

        return changes.Count > 0 ? changes : null;
    }

    /// <summary>"(none)" or a quoted value, as the deal editor showed them.</summary>
    private static string? Shown(string value) =>
        value == "(none)" ? null : value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    /// <summary>"added Name (email)" as "Name &lt;email&gt;".</summary>
    private static string? Person(string details, string start)
    {
        var match = PersonText().Match(details);
        return details.StartsWith(start, StringComparison.Ordinal) && match.Success
            ? LeadChange.Person(match.Groups["name"].Value, match.Groups["email"].Value)
            : null;
    }

    /// <summary>An amount as the old text wrote it ("5,000.00 USD"), in the invariant form changes keep.</summary>
    private static string? Money(string text) =>
        LeadChange.TryReadMoney(text.Replace(",", string.Empty, StringComparison.Ordinal), out var money) ? LeadChange.Of(money) : null;

    private static string? Date(string text) =>
        LeadChange.TryReadDate(text, out var date) ? LeadChange.Of(date) : null;

    [GeneratedRegex("""^deal "(?<name>.*)", (?<value>[\d,.]+ [A-Z]{3}), purchase (?<date>\d{4}-\d{2}-\d{2})(; contacts: (?<contacts>.+))?$""", RegexOptions.Singleline)]
    private static partial Regex AcceptedText();

    [GeneratedRegex("""^reason: (?<reason>[A-Za-z]+)(; notes: (?<notes>.*))?$""", RegexOptions.Singleline)]
    private static partial Regex DeclinedText();

    [GeneratedRegex("""^; final value (?<from>[\d,.]+ [A-Z]{3}) → (?<to>[\d,.]+ [A-Z]{3})""")]
    private static partial Regex FinalValueText();

    [GeneratedRegex("""^(?<field>deal name|CRM ID|campaign ID|estimated value|purchase date) (?<from>\(none\)|"[^"]*"|[\d,.]+ [A-Z]{3}|\d{4}-\d{2}-\d{2}) → (?<to>\(none\)|"[^"]*"|[\d,.]+ [A-Z]{3}|\d{4}-\d{2}-\d{2})""")]
    private static partial Regex EditedPart();

    [GeneratedRegex("""^(added|removed) (?<name>.+) \((?<email>[^()\s]+@[^()\s]+)\)$""")]
    private static partial Regex PersonText();

    private sealed record LegacyRow(Guid Id, string Action, string Details);
}
