using System.Security.Cryptography;
using System.Text;

namespace LeadPortal.Infrastructure.Api;

/// <summary>
/// A key a PartnerAdmin created for a sender system. Only its SHA-256 hash is stored; the full key is shown once.
/// It sends leads to other organizations and reads and acts on its own organization's leads.
/// </summary>
public sealed class ApiKey
{
    public const string Scheme = "lp";

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public string Name { get; set; } = string.Empty;

    /// <summary>The public part of the key, unique, used to find the row before the secret is checked.</summary>
    public string Prefix { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTime? RevokedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>Where stage changes of the leads this key sent are posted, signed with HMAC-SHA256.</summary>
    public string? WebhookUrl { get; set; }

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>Makes a new key: the row to store and the full key to show once ("lp_{prefix}_{secret}").</summary>
    public static (ApiKey Key, string FullKey) Create(int organizationId, string name, string? webhookUrl, string createdBy, DateTime nowUtc)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var full = $"{Scheme}_{prefix}_{secret}";
        return (new ApiKey
        {
            OrganizationId = organizationId,
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(full),
            CreatedAtUtc = nowUtc,
            CreatedBy = createdBy,
            WebhookUrl = string.IsNullOrWhiteSpace(webhookUrl) ? null : webhookUrl.Trim(),
        }, full);
    }

    /// <summary>The prefix of a presented key, or null when it is not shaped like one.</summary>
    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_');
        return parts is [Scheme, { Length: 10 } prefix, { Length: > 0 }] ? prefix : null;
    }

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(SecretHash));

    /// <summary>
    /// The webhook signature: HMAC-SHA256 over the body, keyed with the SHA-256 of the full API key. The receiver, which
    /// holds the key, computes the same; LeadPortal never needs to store the key itself.
    /// </summary>
    public static string Sign(string secretHash, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(secretHash), body));

    public static string Hash(string fullKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullKey)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', 'x');
}

/// <summary>A lead that arrived through the API: which key sent it (for its webhook) and the Idempotency-Key it came with.</summary>
public sealed class ReferralSubmission
{
    public long Id { get; set; }
    public long ApiKeyId { get; set; }
    public long LeadId { get; set; }
    public Core.Leads.Lead? Lead { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
